"""Other names of a recognised drug written beside it in brackets ("CCNU (lomustine)", "aspirin (ASA)")."""

from __future__ import annotations

import functools
import re

from ..tables import read_word_list
from .lexicon import LEXICON_DIR, squash
from .loose_definitions import trial_registry_id
from .mentions import CharMention

_SYNONYM = re.compile(r"[A-Z][A-Za-z0-9-]{1,11}")


def bracketed_synonyms(text: str, mentions: list[CharMention]) -> dict[str, CharMention]:
    """Capitalised names written beside a recognised drug in brackets, as that drug, by text.

    "CCNU (lomustine)" and "aspirin (ASA)": a word of at least two capitals right before or inside
    the brackets of a lexicon DRUG is another name of it (a code, a brand, an abbreviation whose
    letters are not in the name), also where a gene alias shares the word ("CCNU"); capitals and
    digits count alike ("17beta-estradiol (E2)", "thyroxine (T4)"). A trial registry id is not
    ("methotrexate (NCT01284569)"), nor a measure (``measure_names.txt``: "aspirin (IC50)").
    """
    by_span = {(m.start, m.end): m for m in mentions}
    found: dict[str, CharMention] = {}
    for m in mentions:
        if m.label != "DRUG" or m.source != "lexicon":
            continue
        if text[m.start - 2:m.start] == " (" and text[m.end:m.end + 1] == ")":
            start = text.rfind(" ", 0, m.start - 2) + 1
            span = (start, m.start - 2)
        elif text[m.end:m.end + 2] == " (":
            close = text.find(")", m.end + 2, m.end + 15)
            span = (m.end + 2, close)
        else:
            continue
        word = text[span[0]:span[1]]
        own = by_span.get(span)
        if (_SYNONYM.fullmatch(word) and sum(c.isupper() or c.isdigit() for c in word) >= 2 and word != text[m.start:m.end]
                and (own is None or (own.label == "TARGET" and not _names_its_gene(text, own)))
                and not trial_registry_id().fullmatch(word) and word not in _measure_names()):
            found.setdefault(word, CharMention(*span, "DRUG", m.norm_id, m.norm_name, "abbreviation", m.xrefs))
    return found


def _names_its_gene(text: str, mention: CharMention) -> bool:
    """A gene mention written as its own symbol ("IL-6" for IL6, "IL-6R" for IL6R) names that gene, not a drug:
    "antibodies against IL-6 (siltuximab)" names the drug's target; a drug code that is only some gene's alias
    ("CCNU (lomustine)") is the drug's."""
    return bool(mention.norm_id) and squash(text[mention.start:mention.end]) == squash(mention.norm_id)


@functools.lru_cache(maxsize=1)
def _measure_names() -> frozenset[str]:
    return frozenset(read_word_list(LEXICON_DIR / "measure_names.txt"))
