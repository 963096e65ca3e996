"""Genes/proteins a text applies as agents: "recombinant IL-6", "cells treated with IL-6", "IL-6 treatment".

A TARGET mention is an agent only where the text applies it (a cue of ``applied_cues.tsv`` beside it), never
because a dictionary lists it as a drug; :func:`first_applications` gives, for an abstract, each gene it applies and
where it first does, which ``units.Unit`` reads to let the gene's later mentions act.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ..records import Document, Mention
from ..tables import read_tsv_dicts
from .lexicon import TABLE_DIR, applied_cues, word_set

NOT_APPLIED_AFTER = word_set("units.not_applied_after")  # "treated with KGF antiserum": not KGF
_WORD = re.compile(r"[a-z0-9]+")
# a dose right after a gene, in brackets, "IL-6 (10 ng/ml)", or right before it, "10 ng/ml IL-6", "50 U/ml of IL-2":
# the unit a word of ``applied.dose_units`` per volume or body weight; not "pg/ml" (a cytokine's measured level)
_DOSE = r"\d+(?:\.\d+)?\s*(?:{units})\s*/\s*(?:ml|l|kg)\b"
_DOSE_AFTER = re.compile(r"\s*\(\s*(?:at\s+)?" + _DOSE.format(units="|".join(sorted(word_set("applied.dose_units")))),
                         re.IGNORECASE)
_DOSE_BEFORE = re.compile(_DOSE.format(units="|".join(sorted(word_set("applied.dose_units")))) + r"\s+(?:of\s+)?$",
                          re.IGNORECASE)
_TREATMENT_NOUNS = word_set("applied.treatment_nouns")
_ANALYTE_AFTER = word_set("applied.analyte_after")
_ANALYTE_BEFORE = word_set("applied.analyte_before")
# "500 pg/ml of IL-6": a picogram level is a measured (or modelled) concentration, not a dose given
_LEVEL_BEFORE = re.compile(r"\d\s*pg\s*/\s*ml\s+(?:of\s+)?$", re.IGNORECASE)
_ALLELE_AFTER = re.compile(r"[-\u2010\u2011\u2013]\d")
_BRACKET_AFTER = re.compile(r"^\s*\([^()]*\)")  # "IL-6 (10 ng/ml) induced": the word after the bracket
_TREATED_REACH = 6  # words of the treated cells between "of" and "with" ("of human peripheral blood neutrophils")
_COORDINATING = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)")  # between coordinated names


@functools.lru_cache(maxsize=1)
def _ligand_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(symbol pattern, text pattern) of ``ligand_genes.tsv``."""
    rows = [row["pattern"] for row in read_tsv_dicts(TABLE_DIR / "ligand_genes.tsv", ("pattern", "kind"))]
    symbols = [p for p in rows if not p.startswith("text:")]
    texts = [p.removeprefix("text:") for p in rows if p.startswith("text:")]
    return (re.compile("|".join(f"(?:{p})" for p in symbols)),
            re.compile("|".join(f"(?:{p})" for p in texts), re.IGNORECASE))


def is_ligand(mention: Mention) -> bool:
    """A TARGET mention of a cytokine, growth factor or hormone (``ligand_genes.tsv``): what experiments give
    cells as a stimulus, so an abstract's sentence that makes it an agent applies it."""
    if mention.label != "TARGET":
        return False
    symbols, texts = _ligand_patterns()
    # a family name carries its members' symbols ("IFNs": IFNA1;IFNB1;IFNG): a ligand when every member is one
    members = mention.norm_id.split(";") if mention.norm_id else []
    return bool(members and all(symbols.fullmatch(m) for m in members)) or bool(texts.fullmatch(mention.text))


def ligand_stimulus(text: str, offset: int, mention: Mention) -> bool:
    """A ligand (:func:`is_ligand`) written as a stimulus, which an abstract's sentence may make an agent
    ("IL-10 induces ...", "activation of STAT3 by IL-6"), not as an analyte or a target: not with a word of
    ``applied.analyte_after`` after it ("IL-6 levels", "IL-6 mRNA", "IL-6 receptor") or of
    ``applied.analyte_before`` one or two words before it ("serum IL-6", "expression of IL-6", "decreased cardiac
    erythropoietin"), not a picogram level ("500 pg/ml of IL-6"), not what an antibody, siRNA or inhibitor is
    against (``units.not_applied_after``, "anti-")."""
    if not is_ligand(mention):
        return False
    head = text[max(0, mention.start - offset - 30):mention.start - offset].lower()
    if head.rstrip("-–").endswith("anti"):
        return False
    if _ALLELE_AFTER.match(text, mention.end - offset):
        return False  # "IL8-251A/A genotype", "IL-6-174G/C": a variant of the gene
    rest = _BRACKET_AFTER.sub("", text[mention.end - offset:mention.end - offset + 60], count=1).lower()
    after = _WORD.findall(rest)
    before = _WORD.findall(head)
    return not ((after[:1] and (after[0] in NOT_APPLIED_AFTER or after[0] in _ANALYTE_AFTER))
                or (before[-1:] and before[-1] in _ANALYTE_BEFORE)
                or (before[-2:-1] and before[-2] in _ANALYTE_BEFORE and before[-1] not in ("with", "to", "by"))
                or _LEVEL_BEFORE.search(head) is not None)


def is_applied(text: str, offset: int, mention: Mention) -> bool:
    """A TARGET mention the text applies as an agent (``applied_cues.tsv``): "recombinant IL-6",
    "treated with IL-6", "IL-6 treatment", "IL-6-stimulated"; ``text`` starts at ``offset``."""
    return mention.label == "TARGET" and applied_by_cues(text, offset, mention)


def applied_by_cues(text: str, offset: int, mention: Mention) -> bool:
    """Whether a cue of ``applied_cues.tsv`` applies ``mention`` (any label), as :func:`is_applied` reads them."""
    return applying_side(text, offset, mention) is not None


def applying_side(text: str, offset: int, mention: Mention) -> str | None:
    """The side ("before"/"after") of the ``applied_cues.tsv`` cue or the dose that applies ``mention``, else None."""
    if text[max(0, mention.start - offset - 5):mention.start - offset].lower().rstrip("-–").endswith("anti"):
        return None  # "anti-IL-6 treatment": the antibody is applied, not IL-6
    before = tuple(_WORD.findall(text[max(0, mention.start - offset - 40):mention.start - offset].lower()))
    rest = text[mention.end - offset:mention.end - offset + 40].lower()
    after = tuple(_WORD.findall(rest)) if rest[:1] in ("-", "–", " ", "\n") else ()
    if after[:1] and after[0] in NOT_APPLIED_AFTER:
        return None  # "treatment with KGF antiserum", "treated with IL-6R siRNA": that is what is applied
    if _DOSE_AFTER.match(text, mention.end - offset):
        return "after"
    if _DOSE_BEFORE.search(text[max(0, mention.start - offset - 30):mention.start - offset]):
        return "before"
    for cue in applied_cues():
        n = len(cue.words)
        if (before[len(before) - n:] == cue.words if cue.value == "before" else after[:n] == cue.words):
            return cue.value
    return "before" if before[-1:] == ("with",) and _treated_with(text, offset, mention) else None


def _treated_with(text: str, offset: int, mention: Mention) -> bool:
    """"Treatment of human neutrophils with G-CSF", "stimulation of SKW6.4 cells with IL-6": a treatment noun
    of ``applied.treatment_nouns`` and its "of" phrase, at most ``_TREATED_REACH`` words, before "with"."""
    words = _WORD.findall(text[max(0, mention.start - offset - 120):mention.start - offset].lower())[:-1]
    window = words[-_TREATED_REACH - 2:]
    return any(window[k] in _TREATMENT_NOUNS and window[k + 1] == "of" for k in range(len(window) - 1))


def first_applications(document: Document, mentions: Sequence[Mention]) -> tuple[tuple[str, int], ...]:
    """Each gene the abstract applies and where it first does: a TARGET mention a cue applies
    (:func:`is_applied`), or one coordinated with a mention a cue applies, on the cue's side of it
    ("After leptin or insulin stimulation", "intracerebroventricular insulin and leptin")."""
    first: dict[str, int] = {}
    for k, mention in enumerate(mentions):
        if mention.norm_id and mention.label == "TARGET" and mention.norm_id not in first and (
                is_applied(document.text, 0, mention) or _coordinated_with_applied(document.text, mentions, k)):
            first[mention.norm_id] = mention.start
    return tuple(first.items())


def _coordinated_with_applied(text: str, mentions: Sequence[Mention], k: int) -> bool:
    """Whether the mention ``k`` is coordinated ("and", "or", a comma) with a neighbour that a cue
    applies from the far side of the list: "A or B stimulation" (B's cue after it) applies A;
    "intracerebroventricular A and B" (A's cue before it) applies B."""
    for step, side in ((1, "after"), (-1, "before")):
        j = k
        while 0 <= j + step < len(mentions):
            left, right = sorted((mentions[j], mentions[j + step]), key=lambda m: m.start)
            if not _COORDINATING.fullmatch(text[left.end:right.start]):
                break
            j += step
            if applying_side(text, 0, mentions[j]) == side:
                return True
    return False
