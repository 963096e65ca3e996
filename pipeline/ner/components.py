"""spaCy components of the NER pipeline: sentence boundaries and lexicon/pattern entities.

Mentions are kept on the Doc as character spans (``doc._.evidence_mentions``) because the
scientific tokenizer keeps words such as "IL-6-induced" whole, so not every mention is a
token span; the token-aligned ones are also set as ``doc.ents`` (with ``kb_id_`` = norm id).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

import numpy as np
from spacy.attrs import IDX
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from ..tables import read_word_list
from ..text import sentence_starts
from .abbreviations import Definition, doc_definitions
from .lexicon import LEXICON_DIR, Entry, squash
from .bracket_synonyms import bracketed_synonyms
from .loose_definitions import cued_codes, cued_names, loose_definitions
from .subject_codes import subject_codes
from .mentions import CharMention, new_char_mention
from .action_classes import action_classes
from .agent_classes import apply_class_rules, nested_targets, read_rules, symbol_targets
from .compound_series import series_heads, series_members
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
from .target_heads import named_targets, names_a_protein, nested_chemicals, read_protein_words, read_target_heads
from .matcher import Candidate, LexiconMatcher, MatchView, resolve, whole_word_spans
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
    spans = cued_codes(text)
    names = [(start, end) for start, end in cued_names(text) + subject_codes(text)
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


_ROMAN_OR_NUMBER = re.compile(r"(?:[IVX]+|\d+)[a-z]?")


def abbreviation_shaped(short: str) -> bool:
    """False for a "short form" that is words or a numeral, not an abbreviation.

    "phase II" (a lower-case word of three letters or more) and "II" (a Roman numeral or number) were
    taken as the short forms of a bracketed long form, and every "phase II" of the document then
    became that long form's entity (DISEASE "Prostatic Neoplasms").
    """
    words = short.split()
    if any(len(w) >= 3 and w.isalpha() and w.islower() for w in words):
        return False
    return not all(_ROMAN_OR_NUMBER.fullmatch(w) for w in words)


_PLURAL_SHORT = re.compile(r"[A-Z]{2,}s")  # "NPs", "MMPs": capitals and a plural "s"
_LOCANT_NAME = re.compile(r"\d+(?:,\d+)*-[A-Za-z][a-z]{5,}")  # "4-Hydroxynonenal", "2,4-dinitrophenol"


def _chemical_shaped(long_text: str, suffixes: tuple[str, ...]) -> bool:
    """A long form of at most three words whose last word, lower-case and at least six letters, ends like a chemical.

    "<name>ic acid" counts too ("N10-propargyl-5,8-dideazafolic acid"), and so does a last word of
    letters after a position number ("4-Hydroxynonenal (HNE)", "5-fluorouracil"): a systematic name,
    unless it ends like a protein ("5-lipoxygenase"). A series head after the name ("derivatives",
    ``series_heads.txt``) reads the word before it.
    """
    words = long_text.split()
    if not suffixes or not words or len(words) > 3:
        return False
    last = words[-1]
    if len(words) > 1 and last.lower() in series_heads():
        last = words[-2].lower()  # a class of a chemical: "Bisacylimidoselenocarbamate derivatives (BSC)"
    if last == "acid" and len(words) > 1:
        return words[-2].endswith("ic")
    if _LOCANT_NAME.fullmatch(last):
        return not last.endswith(("in", "ase"))
    return len(last) >= 6 and last.islower() and last.endswith(suffixes)


def propagate_abbreviations(definitions: list[Definition], mentions: list[CharMention],
                            disease_heads: frozenset[str], text: str,
                            chemical_suffixes: tuple[str, ...] = (),
                            named: dict[str, CharMention] | None = None,
                            protein_words: tuple[frozenset[str], frozenset[str]] | None = None) -> list[CharMention]:
    """Give every short form the label and id of its long form, and the long form the short's.

    "Interleukin-6 (IL-6)": once the long form is a mention, each word-bounded occurrence of
    "IL-6" in the document becomes the same entity (also inside tokens such as "IL-6-free"):
    source ``abbreviation`` where the lexicon had not found it, else the lexicon's span with
    the long form's id. A long form the lexicons missed becomes a mention when its short form
    was recognised, as a DISEASE when its last word is in ``disease_heads`` ("chronic kidney disease
    (CKD)"), or as a DRUG when its last word ends like a chemical (``chemical_suffixes``: "maltolyl
    p-coumarate (MPC)"). A short form recognised as a CELL_LINE where it is defined is
    not relabelled by a long form of another label ("Human cervical adenocarcinoma (HeLa)"), nor does
    it make its unrecognised long form a mention. ``named`` gives entities of other names to find
    everywhere in the same way (compound codes named by an apposition), after the short forms.
    With ``protein_words``, a gene alias (not its symbol) defined by a long form the lexicons missed that does
    not read as a protein's (:func:`~pipeline.ner.target_heads.names_a_protein`: "elevated plus-maze (EPM)")
    is no TARGET (nor CELL_LINE) anywhere in the document. A plural short form of capitals ("NPs", "MMPs")
    names its singular too ("When NP were injected"); BioRED dev strict TARGET +1, BC5CDR dev DISEASE +3.
    """
    by_end: dict[int, list[CharMention]] = {}
    by_span = {(m.start, m.end): m for m in mentions}
    for mention in mentions:
        by_end.setdefault(mention.end, []).append(mention)
    heads: dict[str, CharMention] = {}
    added: list[CharMention] = []
    not_targets: set[str] = set()
    for definition in definitions:
        short_text, long_text = definition.short, definition.long
        # A short form names its long form only if it is shorter and written with a capital
        # ("A549 (lung)" is a description, not an abbreviation).
        if len(short_text) >= len(long_text) or short_text.islower() or not abbreviation_shaped(short_text):
            continue
        if short_text in heads:
            continue
        ending = by_end.get(definition.long_end, [])
        # A mention that ends with the long form and starts before it holds it: its modifiers were taken in
        # ("advanced idiopathic Parkinson's disease (PD)") or the shortest long form is its last word
        # ("multiple myeloma (MM)" defines "myeloma"). The short form is that mention's entity.
        candidates = [m for m in ending if m.start >= definition.long_start] or ending
        own = by_span.get((definition.short_start, definition.short_end))
        if own is not None and own.label == "CELL_LINE" and any(m.label != "CELL_LINE" for m in candidates):
            continue
        if candidates:
            first = min(candidates, key=lambda m: m.start)
            before = text[definition.long_start:first.start]
            if first.label == "DISEASE" and any(w.lower() in STOP_WORDS for w in before.split()):
                # The short form names a whole of which the disease is a part: "duration of catatonia
                # (DOC)", "Studies of Left Ventricular Dysfunction (SOLVD)" are no diseases.
                continue
            heads[short_text] = first
            # The long form shows where a disease name starts ("gastroenteropancreatic neuroendocrine tumors
            # (GEP-NETs)"), unless it holds another mention ("levodopa-induced dyskinesias (LID)": two).
            if (first.label == "DISEASE" and before
                    and not any(m.start < first.start and definition.long_start < m.end for m in mentions)):
                heads[short_text] = CharMention(definition.long_start, definition.long_end, "DISEASE", first.norm_id,
                                                first.norm_name, first.source, first.xrefs)
                added.append(heads[short_text])
            continue
        span = (definition.long_start, definition.long_end)
        if any(m.start < span[1] and span[0] < m.end and not (span[0] <= m.start and m.end <= span[1])
               for m in mentions):
            continue
        if own is not None and own.label == "CELL_LINE":
            continue  # "human embryonic kidney 293 (HEK293)": a description, not a cell-line name
        starting = [m for m in mentions if m.start == span[0] and m.label == "DISEASE"
                    and text[m.end:span[1]].startswith((" of ", " in "))]
        if starting:  # a disease of a place starts the long form: "Paget's disease of bone (PDB)" is one disease
            first = max(starting, key=lambda m: m.end)
            head = CharMention(*span, "DISEASE", first.norm_id, first.norm_name, "abbreviation", first.xrefs)
        elif long_text.lower().rsplit(" ", 1)[-1] in disease_heads:
            # Before the short form's own label: "neuroleptic malignant syndrome (NMS)" is a disease even
            # where "NMS" is also a gene alias.
            head = CharMention(*span, "DISEASE", "disease:" + squash(long_text), long_text, "abbreviation")
        elif (protein_words and own is not None and own.label == "TARGET" and squash(short_text) != squash(own.norm_id)
              and not names_a_protein(long_text, protein_words) and not _chemical_shaped(long_text, chemical_suffixes)):
            # A gene's own symbol stays a gene whatever a loose pairing makes of it ("RAS pathway components (KRAS").
            not_targets.add(short_text)
            continue
        elif own is not None and not (own.label == "TARGET" and " " not in long_text
                                      and _chemical_shaped(long_text, chemical_suffixes)):
            head = CharMention(*span, own.label, own.norm_id, own.norm_name, "abbreviation", own.xrefs)
        elif _chemical_shaped(long_text, chemical_suffixes):
            # A systematic name outweighs a gene alias that shares the short form: "22-oxacalcitriol (OCT)".
            head = CharMention(*span, "DRUG", "drug:" + squash(long_text), long_text, "abbreviation")
        else:
            continue
        heads[short_text] = head
        added.append(head)
    if not_targets:  # nor is it a cell line there: "Giant cell tumor of bone (GCT)" ... "GCT cells"
        mentions = [m for m in mentions
                    if m.label not in ("TARGET", "CELL_LINE") or text[m.start:m.end] not in not_targets]
    if added:
        inside = {(m.start, m.end) for m in mentions for a in added if a.start <= m.start and m.end <= a.end}
        mentions = [m for m in mentions if (m.start, m.end) not in inside] + added
    for short_text, head in list(heads.items()):
        # A plural short form names its singular too: "nanocomplexes (NPs)" ... "When NP were injected".
        if _PLURAL_SHORT.fullmatch(short_text):
            heads.setdefault(short_text[:-1], head)
    for name, head in (named or {}).items():
        heads.setdefault(name, head)
    if not heads:
        return mentions
    result = {(m.start, m.end): m for m in mentions}
    taken = bytearray(len(text))
    for m in mentions:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    for short_text, head in heads.items():
        for key in whole_word_spans(text, short_text):
            existing = result.get(key)
            if existing is not None:
                if existing.norm_id != head.norm_id:
                    result[key] = CharMention(*key, head.label, head.norm_id, head.norm_name, existing.source,
                                              head.xrefs)
                continue
            if taken.find(1, key[0], key[1]) != -1:
                # A defined short form is one name, also where a mention of another label lies inside
                # it ("NETs", a gene alias, in "GEP-NETs"). One of its own label is a part the corpora
                # keep ("ICH" in "W-ICH", warfarin-associated ICH), and one reaching out of it stops it.
                overlapping = [k for k in result if k[0] < key[1] and key[0] < k[1]]
                if any(k[0] < key[0] or key[1] < k[1] or result[k].label == head.label for k in overlapping):
                    continue
                for k in overlapping:
                    del result[k]
            taken[key[0]:key[1]] = b"\x01" * (key[1] - key[0])
            result[key] = CharMention(*key, head.label, head.norm_id, head.norm_name, "abbreviation", head.xrefs)
    return sorted(result.values(), key=lambda m: (m.start, m.end, m.label))


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
