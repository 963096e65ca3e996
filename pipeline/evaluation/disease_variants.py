"""Spelling variants and adjectives of learned disease names: "oedema" for "edema", "headaches", "dyskinetic".

Disease names are learned from the train annotations (:func:`pipeline.evaluation.lexicon_build.train_rows`),
so a name is found only as the train texts spell it. Papers alternate British and American spellings and
singular and plural, and BC5CDR annotates a disease's adjective as the disease; the rows of
``disease_spelling_variants.tsv`` and ``disease_adjectives.tsv`` give those forms, added as aliases of the
same entry (same id). A variant the train texts use without annotating it as anything (``MIN_UNANNOTATED``
times or more) is left out: there the spelling is an ordinary word, not the disease.
"""

from __future__ import annotations

import functools
import re

from ..ner.lexicon import LEXICON_DIR, Entry, squash
from ..tables import read_tsv
from .train_evidence import TrainEvidence, count_occurrences

VARIANT_FILES = (LEXICON_DIR / "disease_spelling_variants.tsv", LEXICON_DIR / "disease_adjectives.tsv")
MIN_UNANNOTATED = 2


@functools.lru_cache(maxsize=1)
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), replacement) for path in VARIANT_FILES
                 for pattern, replacement in read_tsv(path, columns=2, header=True))


def disease_spellings(name: str) -> set[str]:
    """The other spellings of ``name`` that the rules give (its own case kept on the first letter)."""
    capital = name[:1].isupper() and not name[1:2].isupper()
    lowered = name[:1].lower() + name[1:] if capital else name
    variants = set()
    for pattern, replacement in _rules():
        variant = pattern.sub(replacement, lowered)
        if variant != lowered:
            variants.add(variant[:1].upper() + variant[1:] if capital else variant)
    variants.discard(name)
    return variants


def add_spelling_variants(rows: list[tuple[Entry, list[str], str]], evidence: TrainEvidence
                          ) -> list[tuple[Entry, list[str], str]]:
    """``rows`` with the spelling variants of their DISEASE names as more aliases of the same entries.

    A variant is left out when it is already a form of some row, when the train texts annotate it (with
    any label: then it is learned on its own, or it is not a disease), or when they use it unannotated.
    """
    taken = {form for _entry, forms, _case in rows for form in forms}
    annotated = {key for counter in evidence.annotated.values() for key in counter}
    proposed = {}
    for index, (entry, forms, _case) in enumerate(rows):
        if entry.label != "DISEASE":
            continue
        for form in forms:
            for variant in disease_spellings(form) - taken:
                if squash(variant) not in annotated:
                    proposed.setdefault(variant, index)
    texts = [text for corpus_texts in evidence.texts.values() for text in corpus_texts]  # lower-cased
    seen = count_occurrences({v.lower() for v in proposed}, texts)
    extra: dict[int, list[str]] = {}
    for variant, index in sorted(proposed.items()):
        if seen[variant.lower()] < MIN_UNANNOTATED:
            extra.setdefault(index, []).append(variant)
    return [(entry, forms + extra.get(index, []), case) for index, (entry, forms, case) in enumerate(rows)]
