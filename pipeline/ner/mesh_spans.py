"""A disease mention that ends a longer MeSH disease name takes in the words of that name before it.

A lexicon or shape match often finds only the head of a name the text writes longer ("aneurysm" of
"thoracic aortic aneurysm", "hyperparathyroidism" of "primary hyperparathyroidism"). When the longer
words are themselves a MeSH name of a disease (``mesh:`` keys of ``standard_ids.txt``), the annotators mark
the whole name and name it by that heading; the head alone takes a broader heading (Aortic Aneurysm for
Aortic Aneurysm, Thoracic). Measured before this rule (train-only cache), such an extension gave the gold
span 5 times against 1 on BioRED dev, 9 against 3 on BioRED train fold 0, 64 against 5 on BC5CDR dev
(extensions over no other mention).

The words taken in are up to :data:`MAX_WORDS`, each one space from the next, none inside another mention
(its owner stays as found) and no severity or course word of ``standard_id_modifiers.txt`` ("chronic"),
which annotators leave out of disease names. Learned train names are not used: their extensions were as
often wrong as right.
"""

from __future__ import annotations

import re

from .lexicon import squash
from .mentions import new_char_mention
from .standard_ids import MESH_KEY, concept_neutral_words

MAX_WORDS = 3
EXTENDED_LABELS = frozenset({"DISEASE"})
_WINDOW = 80  # characters searched for one word before a mention
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*")


def _word_start_before(text: str, start: int) -> int | None:
    """Where the word one space before ``start`` begins (None: no such word, or another separator).

    A word is an ASCII letter or digit followed by letters, digits, apostrophes and hyphens, within
    :data:`_WINDOW` characters, with a space, "(" or a line break (or the text's start) before it. It is
    what follows the last such separator: a regular expression searched forwards to the space tried every
    position of the window and cost a fifth of the NER's time (docs/scaling.md, fifteenth round).
    """
    if start < 2 or text[start - 1] != " " or text[start - 2] == " ":
        return None
    end = start - 1
    low = max(0, end - _WINDOW)
    first = max(text.rfind(" ", low, end), text.rfind("(", low, end), text.rfind("\n", low, end)) + 1
    if first == 0 and low > 0:
        return None  # no separator in the window: a longer run than a word
    if not _WORD.fullmatch(text, first, end) or text[first:end].lower() in concept_neutral_words():
        return None
    return first


def extend_to_mesh_names(mentions: list, text: str, table: dict) -> list:
    """``mentions`` (:class:`~pipeline.ner.mentions.CharMention`), a disease among them that ends a longer MeSH
    disease name of ``text`` replaced by that name, with its heading as norm id (rules above).

    ``table``: (label, key) -> ids, the :class:`~pipeline.ner.standard_ids.StandardIds` table.
    """
    result = []
    for mention in mentions:
        if mention.label in EXTENDED_LABELS:
            mention = _extended(mention, mentions, text, table)
        result.append(mention)
    return result


def _extended(mention, mentions: list, text: str, table: dict):
    start, best = mention.start, None
    # the end of the nearest other mention that starts before this one: no word before it is taken in
    bound = max((o.end for o in mentions if o.start < mention.start and o is not mention), default=0)
    for _ in range(MAX_WORDS):
        start = _word_start_before(text, start)
        if start is None or start < bound:
            break
        found = table.get((mention.label, MESH_KEY + squash(text[start:mention.end])))
        if found:
            best = (start, found[0])
    if best is None:
        return mention
    start, heading = best
    return new_char_mention((start, mention.end, mention.label, heading, text[start:mention.end], mention.source, ()))
