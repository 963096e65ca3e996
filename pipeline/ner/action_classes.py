"""Drug classes named by what their members do: "antipsychotic drugs", "immunosuppressive agents", "NSAIDs".

No dictionary entry holds them, yet abstracts apply them as agents ("Immunosuppressive drugs have been
developed to prevent ...", "some cardiovascular, antiviral drugs") and BioRED annotates them as chemicals
(its train split: "antiepileptic drugs" 5 of 5, "NSAIDs" 9 of 9; see ``action_classes.tsv``). Rule: an
action adjective of ``action_classes.tsv`` right before a head word of ``action_class_heads.txt``
("drugs", "agents", "medication"), or a plural noun of that table standing alone ("antipsychotics"),
whole words, any case; the longest reading wins ("non-steroidal anti-inflammatory drugs", not
"anti-inflammatory drugs"). The phrase is one DRUG mention with the class id ``class:<class>``, so that
the relations read it as an agent class (a class right before its member, "the anti-inflammatory drugs
sodium salicylate and aspirin", describes the member). Mentions inside the phrase give way to it
("anxiogenic", read as a disease word, in "anxiogenic drug"); a mention reaching out of it keeps its
place and the phrase is left out.
"""

from __future__ import annotations

import functools
import re

from ..tables import read_tsv, read_word_list
from .agent_classes import CLASS_PREFIX
from .lexicon import LEXICON_DIR
from .matcher import ascii_lower_words
from .mentions import CharMention

CLASSES_FILE = LEXICON_DIR / "action_classes.tsv"
HEADS_FILE = LEXICON_DIR / "action_class_heads.txt"


@functools.lru_cache(maxsize=1)
def action_class_words() -> dict[str, tuple[str, str]]:
    """lower-case word -> (kind, class) of ``action_classes.tsv``."""
    return {word.lower(): (kind, name) for word, kind, name in read_tsv(CLASSES_FILE, columns=3, header=True)}


@functools.lru_cache(maxsize=1)
def action_class_ids() -> frozenset[str]:
    """The norm ids this module gives (``class:<class>``): scoring reads a corpus's convention by them."""
    return frozenset(CLASS_PREFIX + name for _, name in action_class_words().values())


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    words = action_class_words()
    adjectives = [w for w, (kind, _) in words.items() if kind == "adjective"]
    nouns = [w for w, (kind, _) in words.items() if kind == "noun"]
    heads = [h.lower() for h in read_word_list(HEADS_FILE)]
    first = "".join(sorted({w[0].lower() for w in words} | {w[0].upper() for w in words}))
    # A first-character lookahead spares the alternation most positions of the text.
    return re.compile(r"(?=[" + re.escape(first) + r"])(?<![\w-])(?i:(?P<adjective>" + _alternation(adjectives)
                      + r")\s+(?:" + _alternation(heads) + r")|(?P<noun>" + _alternation(nouns) + r"))(?![\w-])")


@functools.lru_cache(maxsize=1)
def _first_runs() -> frozenset[str]:
    """The first run of letters and digits of each table word, lower-cased ("non" of "non-steroidal ...")."""
    return frozenset(re.split(r"[^a-z0-9]", word, maxsplit=1)[0] for word in action_class_words())


def _may_hold_a_class(text: str) -> bool:
    """False only when ``text`` cannot match: a match starts a run of letters and digits that ends at a
    space, hyphen or the word's end, so in an ASCII text that run is one of the text's lower-cased runs
    (:func:`~pipeline.ner.matcher.ascii_lower_words`, listed for the lexicon already). This spares the
    regex's scan of most texts; a non-ASCII text is always scanned (case folding reaches beyond ASCII)."""
    return not text.isascii() or not _first_runs().isdisjoint(ascii_lower_words(text))


def action_classes(text: str, mentions: list[CharMention]) -> list[CharMention]:
    """``mentions`` with the action-named drug classes of the module docstring added."""
    if not _may_hold_a_class(text):
        return mentions
    added = []
    for match in _pattern().finditer(text):
        word = re.sub(r"\s+", " ", (match.group("adjective") or match.group("noun")).lower())
        start, end = match.span()
        if any(m.start < end and start < m.end and not (start <= m.start and m.end <= end) for m in mentions):
            continue  # crosses a mention: that mention's reading stands
        if any(m.start == start and m.end == end and m.label == "DRUG" for m in mentions):
            continue  # the lexicons already name it
        name = action_class_words()[word][1]
        added.append(CharMention(start, end, "DRUG", CLASS_PREFIX + name, name.replace("_", "-"), "rule"))
    if not added:
        return mentions
    kept = [m for m in mentions if not any(a.start <= m.start and m.end <= a.end for a in added)]
    return sorted(kept + added, key=lambda m: (m.start, m.end, m.label))
