"""The public verb of NER: documents in, normalised mentions out."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Document, Mention
from .components import TEXT_KEY

logger = logging.getLogger(__name__)


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
    for document, doc in zip(docs, nlp.pipe((_make_doc(nlp, d.text) for d in docs), batch_size=batch_size)):
        for m in doc._.evidence_mentions or ():
            mentions.append(Mention(doc_id=document.doc_id, start=m.start, end=m.end,
                                    text=document.text[m.start:m.end], label=m.label,
                                    norm_id=m.norm_id, norm_name=m.norm_name, source=m.source,
                                    xrefs=(f"drugbank:{drugbank[m.norm_id]}",) if m.norm_id in drugbank else ()))
        # The abbreviation spans in user_data point back at the Doc: without this the Doc (and the
        # model's tensor on it) waits for a full garbage collection, rare in a process holding the
        # lexicons, and the accurate profile's memory grew ~120 MB per 1,500 abstracts.
        doc.user_data.clear()
    mentions.sort(key=lambda m: (m.doc_id, m.start, m.end, m.label))
    logger.info("%d mentions in %d documents", len(mentions), len(docs))
    return mentions


def _make_doc(nlp: Language, text: str) -> Doc:
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text  # the components read it instead of rebuilding it from the tokens
    return doc


@lru_cache(maxsize=1)
def _agent_drugbank_ids() -> dict[str, str]:
    from .lexicon import drugbank_ids

    return drugbank_ids()
