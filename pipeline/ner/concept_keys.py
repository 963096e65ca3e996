"""Concept keys: one key for the spellings of a drug or disease name that name one concept.

The MeSH ids of drugs and diseases are learned from the names the train annotations gave them
(:mod:`pipeline.ner.standard_ids`), so a name written another way had none: "cancer of the breast",
"breast cancers" and "breast tumour" against the learned "breast cancer"; "type 2 diabetes mellitus"
against "type II diabetes"; "cinacalcet HCl" against "cinacalcet". :func:`concept_key` lower-cases a
name, spells it American, keeps its words singular and in one order (a bag of words: "X of the Y" is
"Y X"), maps synonyms ("kidney" -> "renal") and leaves out function words and a drug's salt
(``concept_key_rules.tsv``). A key is only looked up for a mention that has no id by its exact name.
"""

from __future__ import annotations

import functools
import re

from ..tables import read_tsv
from .lexicon import LEXICON_DIR

RULES_FILE = LEXICON_DIR / "concept_key_rules.tsv"
KEY_LABELS = frozenset({"DRUG", "DISEASE"})  # MeSH-named labels; genes and cell lines are not keyed
# A disease's plural is the disease ("gliomas"); a drug's is a class the corpora annotate apart or not at all
# ("amino acids": BioRED dev lost four concepts to the id of "amino acid").
PLURAL_LABELS = frozenset({"DISEASE"})
_WORD = re.compile(r"[a-zα-ω]+|\d+")
_POSSESSIVE = re.compile(r"['’]s(?![a-z])")


@functools.lru_cache(maxsize=1)
def _rules() -> tuple[tuple[tuple[re.Pattern[str], str], ...], dict[str, str], frozenset[str], frozenset[str]]:
    spellings, words, drop, salts = [], {}, set(), set()
    for kind, source, target in read_tsv(RULES_FILE, columns=3, header=True):
        if kind == "spelling":
            spellings.append((re.compile(source), target))
        elif kind == "word":
            words[source] = target
        elif kind == "drop":
            drop.add(source)
        elif kind == "salt":
            salts.add(source)
        else:
            raise ValueError(f"{RULES_FILE}: unknown rule kind {kind!r} (spelling, word, drop or salt)")
    return tuple(spellings), words, frozenset(drop), frozenset(salts)


def _singular(word: str) -> str:
    """The word without a plural ending ("diseases", "psychoses", "therapies"); a key, not English."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("oses"):
        return word[:-4] + "osis"
    if word.endswith("sses"):
        return word[:-2]
    return word[:-1]


@functools.lru_cache(maxsize=65536)  # the same names recur across texts; each key costs several regex passes
def concept_key(name: str, label: str) -> str:
    """The key of ``name`` (empty for a label without keys or a name without words)."""
    if label not in KEY_LABELS:
        return ""
    spellings, synonyms, drop, salts = _rules()
    text = _POSSESSIVE.sub("", name.lower())
    for pattern, replacement in spellings:
        text = pattern.sub(replacement, text)
    words = [synonyms.get(w, w) for w in _WORD.findall(text)]
    if label in PLURAL_LABELS:
        words = [synonyms.get(s, s) for s in map(_singular, words)]
    words = [w for w in words if w not in drop]
    if label == "DRUG" and len(words) > 1 and words[-1] in salts:
        words = words[:-1]
    return " ".join(sorted(words))
