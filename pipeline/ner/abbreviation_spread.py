"""Abbreviations spread their entity: a short form names its long form's entity everywhere in the text.

Read by :class:`pipeline.ner.components.EntityRecognizer` after the lexicon and shape matches
(:func:`propagate_abbreviations`).
"""

from __future__ import annotations

import functools
import re

from spacy.lang.en.stop_words import STOP_WORDS

from ..tables import read_word_list
from .abbreviations import Definition
from .compound_series import series_heads
from .lexicon import LEXICON_DIR, squash
from .matcher import whole_word_spans
from .mentions import CharMention
from .target_heads import names_a_protein


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
    not_drugs: set[str] = set()
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
        elif long_text.lower().rsplit(" ", 1)[-1] in _cell_type_heads() and _names_a_drug(own, short_text, mentions, text):
            # "Tumour-associated macrophages (TAMs)": the text defines a drug dictionary's alias ("TAM",
            # tamoxifen) as cells, so it is no drug anywhere in the text
            not_drugs.add(short_text)
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
    if not_drugs:  # "TAMs" defined, "TAM" too
        singular = {s[:-1] if _PLURAL_SHORT.fullmatch(s) else s for s in not_drugs}
        mentions = [m for m in mentions if m.label != "DRUG" or text[m.start:m.end] not in not_drugs | singular]
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


def _names_a_drug(own: CharMention | None, short: str, mentions: list[CharMention], text: str) -> bool:
    """The short form is a DRUG mention where it is defined, or (a plural, "TAMs") its singular is one."""
    if own is not None:
        return own.label == "DRUG"
    return bool(_PLURAL_SHORT.fullmatch(short)) and any(
        m.label == "DRUG" and text[m.start:m.end] == short[:-1] for m in mentions)


@functools.lru_cache(maxsize=1)
def _cell_type_heads() -> frozenset[str]:
    return frozenset(read_word_list(LEXICON_DIR / "cell_type_heads.txt"))
