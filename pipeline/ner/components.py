"""spaCy components of the NER pipeline: sentence boundaries and lexicon/pattern entities.

Mentions are kept on the Doc as character spans (``doc._.evidence_mentions``) because the
scientific tokenizer keeps words such as "IL-6-induced" whole, so not every mention is a
token span; the token-aligned ones are also set as ``doc.ents`` (with ``kb_id_`` = norm id).
"""

from __future__ import annotations


import logging
from collections.abc import Sequence

import numpy as np
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from ..tables import read_word_list
from ..text import sentence_starts
from .abbreviation_spread import propagate_abbreviations
from .abbreviations import Definition, doc_definitions
from .lexicon import LEXICON_DIR, Entry, squash
from .bracket_synonyms import bracketed_synonyms
from .example_lists import compound_examples
from .loose_definitions import cued_codes, cued_names, loose_definitions
from .subject_codes import subject_codes
from .mentions import CharMention, new_char_mention
from .action_classes import action_classes
from .agent_classes import apply_class_rules, nested_targets, read_rules, symbol_targets
from .compound_series import series_members
from .deficiencies import deficiency_diseases
from .source_described import source_described
from .metabolites import metabolite_mentions
from .cell_line_spans import extend_sublines, repeat_cell_lines
from .disease_senses import drop_disease_misreads
from .mesh_spans import extend_to_mesh_names
from .disease_spans import DiseaseModifiers, adjust_disease_spans, generic_heads, get_modifiers
from .standard_ids import HUMAN, SPECIES_LABELS, StandardIds, document_species, get_standard_ids, share_document_ids
from .residues import drop_residues
from .family_stems import drop_family_stems
from .target_heads import named_targets, nested_chemicals, read_protein_words, read_target_heads
from .matcher import Candidate, LexiconMatcher, MatchView, resolve
from .shapes import PatternMatcher

logger = logging.getLogger(__name__)



TEXT_KEY = "evidence_text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token again on each access.

    :func:`pipeline.ner.recognize.recognize_mentions` stores the text it was given up front.
    """
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


class SentenceSplitter:
    """Marks the sentence starts of :func:`pipeline.text.split_sentences` (the splitter ingest uses)."""

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        token_starts = doc.to_array([IDX]).reshape(-1)
        doc[0].is_sent_start = True
        starts = sentence_starts(doc_text(doc))
        if starts:
            indices = np.searchsorted(token_starts, np.asarray(starts), side="left")
            for index in set(indices.tolist()):
                if 0 < index < len(doc):
                    doc[index].is_sent_start = True
        return doc


@Language.factory("evidence_sentences", default_config={})
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()


class EntityRecognizer:
    """Lexicon + pattern recognition, conflict resolution and abbreviation propagation.

    Parameters
    ----------
    matcher
        The compiled lexicon.
    patterns
        Shape patterns (cell lines, diseases); empty to skip them.
    """

    def __init__(self, matcher: LexiconMatcher, patterns: list[PatternMatcher],
                 disease_heads: frozenset[str] = frozenset(), doc_ents: bool = True,
                 ids: StandardIds | None = None, disease_modifiers: DiseaseModifiers = DiseaseModifiers()) -> None:
        self.matcher = matcher
        self.disease_modifiers = disease_modifiers
        self.ids = ids
        self.class_rules = read_rules()
        self.doc_ents = doc_ents
        self.patterns = patterns
        self.disease_heads = disease_heads
        suffixes = read_word_list(LEXICON_DIR / "chemical_suffixes.txt") if disease_heads else ()
        self.chemical_suffixes = tuple(w.lower() for w in suffixes)
        self.target_heads = read_target_heads() if disease_heads else frozenset()
        self.protein_words = read_protein_words() if disease_heads else None
        if not Doc.has_extension("evidence_mentions"):
            Doc.set_extension("evidence_mentions", default=None)

    def find_many(self, texts: Sequence[str], definitions: Sequence[list[Definition]]) -> list[list[CharMention]]:
        """:meth:`find` for each text (given its definitions), one step at a time over all of them: the
        lexicon's candidates, then each shape table's, then the rest text by text.

        The same mentions; each step's tables (the lexicon's automaton and dictionary, a shape table's
        tested words) stay in the CPU caches over the whole batch instead of being evicted by the other
        steps at every text (docs/scaling.md, "Sixth round" and "Twelfth round").
        """
        views = [MatchView(text) for text in texts]
        found = self.matcher.candidates_many(views)
        for patterns in self.patterns:
            for view, candidates in zip(views, found):
                candidates.extend(patterns.candidates(view))
        return [self.mentions_of(text, pair, candidates) for text, pair, candidates in zip(texts, definitions, found)]

    def lexicon_candidates(self, text: str) -> tuple[MatchView, list[Candidate]]:
        """The match view of ``text`` and the lexicon's candidates in it."""
        view = MatchView(text)
        return view, self.matcher.candidates(view)

    def find(self, text: str, definitions: list[Definition] = ()) -> list[CharMention]:
        """The mentions in ``text``, given its abbreviation definitions."""
        view, candidates = self.lexicon_candidates(text)
        for patterns in self.patterns:
            candidates.extend(patterns.candidates(view))
        return self.mentions_of(text, definitions, candidates)

    def mentions_of(self, text: str, definitions: list[Definition], candidates: list[Candidate]) -> list[CharMention]:
        """The mentions in ``text`` from its lexicon and shape ``candidates``, given its abbreviation definitions."""
        kept = adjust_disease_spans(nested_targets(resolve(candidates), candidates), text, self.disease_modifiers)
        kept = drop_disease_misreads(kept, text)
        kept = nested_chemicals(named_targets(kept, text, self.target_heads), candidates, text, self.target_heads)
        kept = repeat_cell_lines(extend_sublines(kept, text), text)
        kept = apply_class_rules(symbol_targets(kept, text) if self.disease_heads else kept, text, self.class_rules)
        mentions = [new_char_mention((c.start, c.end, c.entry.label, c.entry.norm_id, c.entry.norm_name, c.source,
                                      c.entry.xrefs))
                    for c in kept]
        if self.ids is not None and self.ids.table:
            mentions = extend_to_mesh_names(mentions, text, self.ids.table)
        definitions = list(definitions) + loose_definitions(text, definitions)
        codes = _cued_code_mentions(text, mentions) | bracketed_synonyms(text, mentions)
        if definitions or codes:
            mentions = propagate_abbreviations(definitions, mentions, self.disease_heads, text,
                                               self.chemical_suffixes, codes, self.protein_words)
        mentions = deficiency_diseases(mentions, text)  # "vitamin D deficiency": a disease, the chemical nested
        if self.disease_heads:  # the full recognizer (patterns on): residues of sequence changes are no drugs
            mentions = action_classes(text, source_described(text, series_members(text, mentions)))
            mentions = drop_residues(metabolite_mentions(text, mentions, self.matcher), text)
            mentions = drop_family_stems(mentions, text)
        if self.ids is not None and self.ids.table:
            # Only a target's ids depend on the document's species: without one the cues are not counted.
            species = document_species(text) if any(m.label in SPECIES_LABELS for m in mentions) else HUMAN
            mentions = share_document_ids(self.ids.with_ids(mentions, text, species), text)
        return mentions

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.find(doc_text(doc), doc_definitions(doc))
        doc._.evidence_mentions = mentions
        if not self.doc_ents:
            return doc
        spans = []
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, label=mention.label, kb_id=mention.norm_id)
            if span is not None:
                spans.append(span)
        doc.ents = filter_spans(spans)
        return doc


def _cued_code_mentions(text: str, mentions: list[CharMention]) -> dict[str, CharMention]:
    """DRUG mentions of the codes an apposition names a compound ("AMN082, a selective agonist"), by text.

    A code the lexicons already found keeps their entity; so does a name or an acting code any mention overlaps
    (:func:`~pipeline.ner.loose_definitions.cued_names`: "Maspin, a serine protease inhibitor," is a gene;
    :func:`~pipeline.ner.subject_codes.subject_codes`: "SUM149 inhibited" would be a cell line).
    """
    example_codes, example_names = compound_examples(
        text, {(m.start, m.end) for m in mentions if m.label == "DRUG"},
        {(m.start, m.end) for m in mentions if m.label != "DRUG"})
    spans = cued_codes(text) + example_codes
    names = [(start, end) for start, end in cued_names(text) + subject_codes(text) + example_names
             if not any(m.start < end and start < m.end for m in mentions)]
    if not spans and not names:
        return {}
    taken = {(m.start, m.end) for m in mentions}
    codes = {}
    for start, end in sorted(spans + names):
        code = text[start:end]
        if (start, end) not in taken:
            codes.setdefault(code, CharMention(start, end, "DRUG", "drug:" + squash(code), code, "rule"))
    return codes


@Language.factory("evidence_entities", default_config={"profile": "fast", "cache_dir": "", "patterns": True,
                                                       "drugs": True, "compiled": True, "lexicon": True,
                                                       "doc_ents": True, "agents_table": ""})
def make_entity_recognizer(nlp: Language, name: str, profile: str, cache_dir: str, patterns: bool,
                           drugs: bool, compiled: bool, lexicon: bool, doc_ents: bool,
                           agents_table: str = "") -> EntityRecognizer:
    from .resources import get_matchers

    if not lexicon:
        from .lexicon import Lexicon

        return EntityRecognizer(LexiconMatcher(Lexicon()), [], doc_ents=doc_ents)
    lexicon_matcher, pattern_matchers = get_matchers(cache_dir=cache_dir or None, drugs=drugs, compiled=compiled,
                                                     agents_table=agents_table or None)
    heads = generic_heads() if patterns else frozenset()
    ids = get_standard_ids(cache_dir or None) if compiled else None
    modifiers = get_modifiers(cache_dir or None) if compiled else DiseaseModifiers()
    if heads:  # the heads train names end with name a long form too: "Iodide transport defect (ITD)"
        heads |= modifiers.heads
    return EntityRecognizer(lexicon_matcher, pattern_matchers if patterns else [], heads, doc_ents, ids, modifiers)


__all__ = ["CharMention", "EntityRecognizer", "SentenceSplitter", "Entry"]
