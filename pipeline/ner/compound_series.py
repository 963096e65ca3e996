"""Compounds named by a series label or a member letter, which no dictionary lists.

- Series members: medicinal-chemistry abstracts name the compounds they made by a label after a
  head word (``series_heads.txt``: "compound 28", "hybrid compounds 46 and 47", "derivative 5c") or
  after the series' own name ("BSC 3g and 3n", where "Bisacylimidoselenocarbamate derivatives (BSC)"
  is a DRUG). Rule: after a head word, a list of labels (one to three digits and an optional
  lower-case letter, joined by ",", "and", "or"); after a DRUG mention only labels with a letter
  ("3g": a bare number after a drug is a dose, "cisplatin 20 mg/kg"). A list that runs into a unit
  (``series_label_stops.txt``: "compounds 10 and 20 µM") or a "/", "-", "." and a digit
  ("compound 48/80") is no list. A list holding a range of labels ("Compounds 1-3", "analogs 4-6",
  "Compounds 9-10, 12 and 16-17") names a group of members: the head and the whole list are one mention,
  as the text names the group by nothing shorter. A singular head and its only label are one mention ("compound
  28"), as is a DRUG mention and its first label ("BSC 3g"); the other labels, and every label of
  a plural head, stand alone ("46", "47", "3n"). A label with a letter names its compound wherever
  it recurs in the text ("after 3n treatment"); a bare number does not ("28 days").
- Bracketed labels: "the Z-isomer (1)", "hydrazone (16)": a head word (with a stereo prefix "Z-",
  "E-", "cis-", "trans-") and its label in brackets, as an abbreviation is defined; the head and the
  label are mentions of one compound. Such a label, written alone later, names the compound where it
  opens a clause before a verb (``series_label_verbs.txt``: "In addition, 1 demonstrated cytotoxic
  activity", "while 2 was weakly active"): a number before a verb is no quantity or position.
- Family members: "Cucurbitacin I", "cyclosporin A": a one-word DRUG mention followed by a
  member label (a Roman numeral or one capital, not before a word character, "/", "-" or "(":
  "dopamine D2 receptor", "histamine H(3)-receptor" name receptors). The
  label is part of the name only where every occurrence of the word in the text carries the same
  label: a document that also writes the family alone ("cucurbitacins ... cucurbitacin B") or two
  members is left as the lexicons found it.
"""

from __future__ import annotations

import functools
import re

from ..tables import read_word_list
from .lexicon import LEXICON_DIR, squash
from .matcher import whole_word_spans
from .mentions import CharMention

_LABEL = r"\d{1,3}[a-z]?"
_ITEM = _LABEL + r"(?:[-–]" + _LABEL + r")?"  # a label or a range of labels ("1-3")
_LETTERED = r"\d{1,3}[a-z]"
_JOINER = r"(?:, and |, or |, | and | or )"
_STEREO = r"(?:(?:[ZERS]|cis|trans)-)?"
_MEMBER = re.compile(r" ([IVX]{1,4}|[A-Z])(?![\w/(-])")


@functools.lru_cache(maxsize=1)
def series_heads() -> frozenset[str]:
    """The head words that number a series (``series_heads.txt``), lower case."""
    return frozenset(w.lower() for w in read_word_list(LEXICON_DIR / "series_heads.txt"))


@functools.lru_cache(maxsize=1)
def _head_stems() -> tuple[str, ...]:
    """The head words that hold no other ("compound" covers "compounds"): the fewest substring tests."""
    heads = series_heads()
    return tuple(sorted(h for h in heads if not any(other != h and other in h for other in heads)))


@functools.lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    heads = "|".join(sorted(series_heads(), key=len, reverse=True))
    first = "".join(sorted({h[0].lower() for h in series_heads()} | {h[0].upper() for h in series_heads()}))
    after_head = re.compile(r"(?=[" + first + r"])(?<![\w-])(?i:(" + heads + r")) (" + _ITEM + r"(?:" + _JOINER + _ITEM + r")*)(?![\w/-]|\.\d)")
    after_drug = re.compile(r" (" + _LETTERED + r"(?:" + _JOINER + _LETTERED + r")*)(?![\w/-]|\.\d)")
    bracketed = re.compile(r"(?<![\w-])(" + _STEREO + r"(?i:" + heads + r")) \((" + _LABEL + r")\)")
    return after_head, after_drug, bracketed


@functools.lru_cache(maxsize=1)
def _label_verbs() -> frozenset[str]:
    """The verbs after which a bracket-defined label, written alone, is its compound (``series_label_verbs.txt``)."""
    return frozenset(w.lower() for w in read_word_list(LEXICON_DIR / "series_label_verbs.txt"))


@functools.lru_cache(maxsize=1)
def _stops() -> frozenset[str]:
    return frozenset(w.lower() for w in read_word_list(LEXICON_DIR / "series_label_stops.txt"))


def series_members(text: str, mentions: list[CharMention]) -> list[CharMention]:
    """``mentions`` with the series members and family members of the module docstring added."""
    lowered = text.lower()
    mentions = _family_members(text, lowered, mentions)
    after_head, after_drug, bracketed = _patterns()
    added: list[CharMention] = []
    # Most texts name no head word: a substring test (C speed) spares them the scan of every position.
    heads_named = any(head in lowered for head in _head_stems())
    for match in after_head.finditer(text) if heads_named else ():
        plural = match.group(1).lower().endswith("s")
        added.extend(_labels(text, match.start(1), match.start(2), match.end(2), joined=not plural))
    if heads_named and " (" in text:
        added.extend(_bracketed_labels(text, bracketed))
    for mention in mentions:
        if mention.label == "DRUG" and mention.end < len(text) and text[mention.end] == " ":
            match = after_drug.match(text, mention.end)
            if match is not None:
                added.extend(_labels(text, mention.start, match.start(1), match.end(1), joined=True))
    if not added:
        return mentions
    return _merge(text, mentions, added + _unheaded_lettered(text, added))


def _labels(text: str, head_start: int, start: int, end: int, *, joined: bool) -> list[CharMention]:
    """The mentions of the label list ``text[start:end]``; the first joins its head when ``joined`` (or the only one)."""
    if _before_unit(text, end):
        return []
    if re.search(r"\d[-–]\d", text[start:end]):  # a range names a group, which only the whole phrase names
        written = text[head_start:end]
        return [CharMention(head_start, end, "DRUG", "drug:" + squash(written), written, "rule")]
    spans = [(m.start() + start, m.end() + start) for m in re.finditer(_LABEL, text[start:end])]
    out = []
    for index, (label_start, label_end) in enumerate(spans):
        span_start = head_start if index == 0 and joined else label_start
        written = text[span_start:label_end]
        out.append(CharMention(span_start, label_end, "DRUG", "drug:" + squash(written), written, "rule"))
    if not joined and len(spans) > 1:  # the same list written again names the same compounds ("by 4 and 5")
        for again_start, again_end in whole_word_spans(text, text[start:end]):
            if again_start != start and not _before_unit(text, again_end):
                out.extend(CharMention(a - start + again_start, b - start + again_start, "DRUG", m.norm_id,
                                       m.norm_name, "rule") for (a, b), m in zip(spans, out[-len(spans):]))
    return out


def _before_unit(text: str, end: int) -> bool:
    """Whether the word after ``end`` is a unit or a counted noun (``series_label_stops.txt``: "4 and 5 mg")."""
    following = text[end:end + 12].split(maxsplit=1)
    return bool(following) and following[0].split("/")[0].strip(".,;:()").lower() in _stops()


@functools.lru_cache(maxsize=1)
def _before_stops() -> frozenset[str]:
    return frozenset(w.lower() for w in read_word_list(LEXICON_DIR / "series_label_before_stops.txt"))


_LETTERED_LIST = re.compile(r"(?<![\w/.-])" + _LETTERED + r"(?:" + _JOINER + _LETTERED + r")*(?![\w/-]|\.\d)")


def _unheaded_lettered(text: str, added: list[CharMention]) -> list[CharMention]:
    """Lettered labels written with no head ("the identification of 12b and 12d") in a text whose series
    already has lettered members ("compounds 1a and 1h"): the text numbers its compounds so; not after a word
    of ``series_label_before_stops.txt`` ("Fig. 2b", "type 1a") nor before a unit."""
    if not any(re.fullmatch(_LETTERED, text[m.start:m.end].rsplit(" ", 1)[-1]) for m in added):
        return []
    out = []
    for match in _LETTERED_LIST.finditer(text):
        before = text[max(0, match.start() - 12):match.start()].split()
        if (before and before[-1].strip(".,;:(").lower() in _before_stops()) or _before_unit(text, match.end()):
            continue
        out.extend(CharMention(m.start() + match.start(), m.end() + match.start(), "DRUG", "drug:" + m.group(),
                               m.group(), "rule") for m in re.finditer(_LETTERED, match.group()))
    return out


def _bracketed_labels(text: str, bracketed: re.Pattern[str]) -> list[CharMention]:
    """Head and label of each "<head> (<label>)", one compound id, and the label's later clause-opening uses."""
    out: list[CharMention] = []
    for match in bracketed.finditer(text):
        label = match.group(2)
        norm_id = "drug:" + squash(f"{match.group(1)} {label}")
        out.append(CharMention(match.start(1), match.end(1), "DRUG", norm_id, match.group(1), "rule"))
        out.append(CharMention(match.start(2), match.end(2), "DRUG", norm_id, match.group(1), "rule"))
        for start, end in whole_word_spans(text, label):
            following = text[end + 1:end + 16].split(" ", 1)[0] if text[end:end + 1] == " " else ""
            before = text[max(0, start - 2):start]
            if following in _label_verbs() and (start == 0 or before in (", ", ". ") or text[:start].endswith(" while ")):
                out.append(CharMention(start, end, "DRUG", norm_id, match.group(1), "rule"))
    return out


def _merge(text: str, mentions: list[CharMention], added: list[CharMention]) -> list[CharMention]:
    """Add series mentions over the mentions they contain; a lettered label is found again everywhere."""
    result = {(m.start, m.end): m for m in mentions}
    for mention in added:
        inside = [k for k in result if mention.start <= k[0] and k[1] <= mention.end]
        if any(k[0] < mention.end and mention.start < k[1] and k not in inside for k in result):
            continue  # crosses a mention: not a list of labels ("compound 48/80" from a lexicon)
        for key in inside:
            del result[key]
        result[(mention.start, mention.end)] = mention
        label = text[mention.start:mention.end].rsplit(" ", 1)[-1]
        if any(c.isalpha() for c in label):
            for key in whole_word_spans(text, label):
                if not any(k[0] < key[1] and key[0] < k[1] for k in result):
                    result[key] = CharMention(*key, "DRUG", mention.norm_id, mention.norm_name, "rule")
    return sorted(result.values(), key=lambda m: (m.start, m.end, m.label))


def _family_members(text: str, lowered: str, mentions: list[CharMention]) -> list[CharMention]:
    """One-word DRUG mentions followed, at every occurrence of the word, by the same member label, extended
    over it (``lowered``: ``text.lower()``)."""
    labels: dict[str, set[str]] = {}
    # Only a word written once with a label can be a member word: the others skip the search of the text.
    for mention in mentions:
        if (mention.label == "DRUG" and " " not in text[mention.start:mention.end]
                and _member_after(text, mention.end) is not None):
            word = text[mention.start:mention.end].lower()
            if word not in labels:
                labels[word] = {_member_after(text, end) for _, end in whole_word_spans(lowered, word)}
    members = {word: next(iter(found)) for word, found in labels.items() if len(found) == 1 and None not in found}
    if not members:
        return mentions
    taken = {m.start for m in mentions}
    out = []
    for mention in mentions:
        label = members.get(text[mention.start:mention.end].lower()) if mention.label == "DRUG" else None
        end = mention.end + 1 + len(label) if label else mention.end
        if label is None or any(mention.end < start < end for start in taken):
            out.append(mention)
            continue
        written = text[mention.start:end]
        out.append(CharMention(mention.start, end, "DRUG", "drug:" + squash(written), written, "rule"))
    return out


def _member_after(text: str, end: int) -> str | None:
    match = _MEMBER.match(text, end)
    return match.group(1) if match is not None else None
