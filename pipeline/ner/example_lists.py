"""Compounds named as examples of a compound class: "STAT3 inhibitors, including small molecules that target the
SH2 domain such as stattic, S3I-201 and BP-1-102", "JAK inhibitors such as ruxolitinib and AZD1480".

Research compounds are missing from every dictionary, yet abstracts of the blind set's kind name them this way: a
plural head noun of ``code_cues.txt`` ("inhibitors", "compounds", "agents") and, within a few words of the same
sentence, "such as" or "including" opens a list whose items are each one word joined by commas, "and" or "or".
The list names compounds only when one item already is one (a DRUG the lexicons found, or a code shape), so that
"inhibitors of processes such as proliferation and migration" names none; then every item of one word that is a
code, a name of five letters or more, or a hyphened code ("BP-1-102") is a DRUG too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from ..tables import read_word_list
from .lexicon import LEXICON_DIR
from .loose_definitions import CODE, HYPHENED_CODE

REACH = 12  # words between the head noun and "such as"/"including"
_OPENERS = re.compile(r",? (?:such as|including|e\.g\.,?) ")
_ITEM = re.compile(r"[A-Za-z][A-Za-z\d]*(?:-[A-Za-z\d]+)*")
_JOIN = re.compile(r", and |, or |, | and | or ")
_SENTENCE_BREAK = re.compile(r"[.;:?!] ")
_CODE_SHAPE = re.compile(CODE + "|" + HYPHENED_CODE)
_NAME = re.compile(r"[A-Za-z][a-z]{4,}")
_ENDS = re.compile(r"[,.;:)]|\s\(|\s*$")  # what may follow a list's last item


@lru_cache(maxsize=1)
def _plural_heads() -> re.Pattern[str]:
    heads = sorted(read_word_list(LEXICON_DIR / "code_cues.txt"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, heads)) + r")s\b")


def example_lists(text: str) -> list[list[tuple[int, int]]]:
    """The item spans (end-exclusive) of each list of examples a plural compound head opens."""
    found = []
    for opener in _OPENERS.finditer(text):
        before = text[max(0, opener.start() - 150):opener.start()]
        words = before.split()[-REACH:]
        window = " ".join(words)
        breaks = list(_SENTENCE_BREAK.finditer(window))
        if not _plural_heads().search(window, breaks[-1].end() if breaks else 0):
            continue  # no compound head in this sentence's words before the list
        items, at, last = [], opener.end(), False
        while True:
            item = _ITEM.match(text, at)
            join = _JOIN.match(text, item.end()) if item is not None and not last else None
            if item is None or (join is None and not _ends(text, item.end())):
                break  # no item, or a longer phrase ("tamoxifen and aromatase inhibitors"): the list ends before it
            items.append(item.span())
            if join is None:
                break
            last = join.group().strip(", ") in ("and", "or")  # the item after "and" is the last
            at = join.end()
        if len(items) >= 2:
            found.append(items)
    return found


def _ends(text: str, at: int) -> bool:
    """Whether the list's last item ends at ``at``: punctuation, or a function word or past form after it ("...
    and BP-1-102 were tested"); not a noun that makes it a longer phrase ("tamoxifen and aromatase inhibitors")."""
    if _ENDS.match(text, at):
        return True
    following = _ITEM.match(text, at + 1) if text[at:at + 1] == " " else None
    return following is not None and (following.group().lower() in STOP_WORDS or following.group().endswith("ed"))


def compound_examples(text: str, drug_spans: set[tuple[int, int]],
                      other_spans: set[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The items of each example list (:func:`example_lists`) that names compounds, where one item is a DRUG
    (``drug_spans``) or a code and none is another kind of entity (``other_spans``: "cell lines including HCT-8,
    BEL-7402 and BGC-803" lists cell lines): its codes, and its names of five letters or more, no stop word."""
    codes: list[tuple[int, int]] = []
    names: list[tuple[int, int]] = []
    for items in example_lists(text):
        coded = {span for span in items if _CODE_SHAPE.fullmatch(text[span[0]:span[1]])}
        if any(span in other_spans for span in items) or not (coded or any(span in drug_spans for span in items)):
            continue
        for span in items:
            word = text[span[0]:span[1]]
            if span in drug_spans:
                continue
            if span in coded:
                codes.append(span)
            elif _NAME.fullmatch(word) and word.lower() not in STOP_WORDS:
                names.append(span)
    return codes, names
