"""The public verb of NER: documents in, normalised mentions out."""

from __future__ import annotations

import logging
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Document, Mention
from ..typed_json import record_from_fields
from .definitions import find_definitions_many
from .components import TEXT_KEY, CharMention

# Components that read nothing from a Doc but its text (the sentence starts they set are not
# read by the entities): a pipeline of only these runs without tokenizing whole texts.
TEXT_LEVEL_COMPONENTS = frozenset({"evidence_sentences", "evidence_abbreviations", "evidence_entities"})

logger = logging.getLogger(__name__)

_MENTION_ORDER = operator.attrgetter("doc_id", "start", "end", "label")


def recognize_mentions(documents: Iterable[Document], nlp: Language | None = None, *,
                       batch_size: int = 64) -> list[Mention]:
    """Recognise and normalise DRUG, TARGET, CELL_LINE and DISEASE mentions.

    Parameters
    ----------
    documents
        Documents whose ``text`` is searched.
    nlp
        A pipeline from :func:`pipeline.ner.factory.build_nlp` (built with the defaults when None).
    batch_size
        Texts per ``nlp.pipe`` batch.

    Returns
    -------
    list[Mention]
        Sorted by ``(doc_id, start, end, label)``; ``document.text[start:end] == mention.text``.
    """
    if nlp is None:
        from .factory import build_nlp

        nlp = build_nlp()
    docs: Sequence[Document] = documents if isinstance(documents, Sequence) else list(documents)
    mentions: list[Mention] = []
    drugbank = _agent_drugbank_ids()
    append = mentions.append
    for document, found in zip(docs, _char_mentions(nlp, docs, batch_size)):
        doc_id, text = document.doc_id, document.text
        for m in found:
            start, end, label, norm_id, norm_name, source, xrefs = m
            append(record_from_fields(Mention, {
                "doc_id": doc_id, "start": start, "end": end, "text": text[start:end], "label": label,
                "norm_id": norm_id, "norm_name": norm_name, "source": source,
                "xrefs": _xrefs(m, drugbank) if norm_id in drugbank else xrefs}))
    mentions.sort(key=_MENTION_ORDER)
    logger.info("%d mentions in %d documents", len(mentions), len(docs))
    return mentions


def _xrefs(mention: CharMention, drugbank: dict[str, str]) -> tuple[str, ...]:
    """The xrefs of a mention whose norm id has a DrugBank id, that id first."""
    return tuple(dict.fromkeys((f"drugbank:{drugbank[mention.norm_id]}",) + mention.xrefs))


def text_mention_finder(nlp: Language) -> Callable[[str], list[CharMention]] | None:
    """Mentions straight from a text, for a pipeline whose components need no tokens (the fast profile).

    The same mentions as ``nlp(text)._.evidence_mentions`` (tested), without tokenizing the
    whole text: only the words around brackets are tokenized, for abbreviation definitions.
    None when a component reads the Doc's tokens (a trained model, scispaCy's detector).
    """
    batches = text_mention_batches(nlp)
    return None if batches is None else lambda text: batches([text])[0]


def text_mention_batches(nlp: Language) -> Callable[[Sequence[str]], list[list[CharMention]]] | None:
    """:func:`text_mention_finder` for several texts at once, one step at a time over all of them.

    The same mentions, text by text (tested). The abbreviation definitions of every text are found
    first, then the lexicon's candidates, then the rest: each step's tables (the tokenizer's, the
    lexicon automaton's) stay in the CPU caches over the batch instead of being evicted by the
    other steps at every text: most of the sixth round's 15 % (docs/scaling.md, "Sixth round").
    """
    names = set(nlp.pipe_names)
    if "evidence_entities" not in names or not names <= TEXT_LEVEL_COMPONENTS:
        return None
    entities = nlp.get_pipe("evidence_entities")
    tokenizer = nlp.tokenizer
    if "evidence_abbreviations" not in names:
        return lambda texts: entities.find_many(texts, [()] * len(texts))
    return lambda texts: entities.find_many(texts, find_definitions_many(texts, tokenizer))


def _char_mentions(nlp: Language, documents: Sequence[Document], batch_size: int) -> Iterator[list[CharMention]]:
    batches = text_mention_batches(nlp)
    if batches is not None:
        for start in range(0, len(documents), batch_size):
            yield from batches([document.text for document in documents[start:start + batch_size]])
        return
    for doc in nlp.pipe((_make_doc(nlp, d.text) for d in documents), batch_size=batch_size):
        mentions = doc._.evidence_mentions or []
        # The abbreviation spans in user_data point back at the Doc: without this the Doc (and the
        # model's tensor on it) waits for a full garbage collection, rare in a process holding the
        # lexicons, and the accurate profile's memory grew ~120 MB per 1,500 abstracts.
        doc.user_data.clear()
        yield mentions


def _make_doc(nlp: Language, text: str) -> Doc:
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text  # the components read it instead of rebuilding it from the tokens
    return doc


@lru_cache(maxsize=1)
def _agent_drugbank_ids() -> dict[str, str]:
    from .lexicon import drugbank_ids

    return drugbank_ids()
