"""Abbreviation definitions that scispaCy's Schwartz-Hearst port does not pair, and named compound codes.

:mod:`pipeline.ner.definitions` reproduces scispaCy, which reads only a whole bracketed token
run as a short form. Written text also defines abbreviations in brackets that

- go on after the short form: "phenobarbital (PB: 15 mg per rat)", "(DEN; 10 mg/kg)", "(PCPA 100 mg/kg)";
- are glued to the next word, which the tokenizer keeps as one token: "Methamphetamine (MA)-induced";
- name an element by a symbol whose letters are not in its name: "sodium (Na)", "lead (Pb)";
- give a research compound's code after its chemical name or the name after the code:
  "dihydrochloride (AMN082)", "UMB24 (1-(2-phenethyl)-4-(2-pyridyl)-piperazine)".

These are found on the text and passed on with scispaCy's definitions (a short or long form
scispaCy defined first is not defined again). A code named by an apposition ("KF17837, an
adenosine antagonist", heads in ``code_cues.txt``) is a DRUG mention by itself (:func:`cued_codes`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS

from ..tables import read_tsv, read_word_list
from .abbreviations import Definition
from .lexicon import LEXICON_DIR

# A one-word short form in brackets followed by ":", ";" or "," and a space, a space and a digit,
# or glued to the next word; group 2 is what follows it.
_LOOSE_SHORT = re.compile(r"\(([A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)([:;,](?= )| (?=\d)|\)(?=[A-Za-z-]))")
_PLAIN_SHORT = re.compile(r"\(([A-Z][a-z]?)\)")  # "(Na)": an element symbol
# A research compound's code: capitals (a lower-case letter may follow the first), an optional
# hyphen or space, at least two digits ("RP 67,580" with a thousands comma), an optional letter.
CODE = r"[A-Z][A-Za-z]?[A-Z]{0,4}[- ]?\d{2,6}(?:,\d{3})?[A-Za-z]?"
_CODE_IN_BRACKETS = re.compile(r" \((" + CODE + r")\)")
_CODE_WORD = re.compile(CODE)
_SENTENCE_BREAK = re.compile(r"[.;:?!] |\)\. ")
_MAX_CHEMICAL_WORDS = 4


def loose_definitions(text: str, defined: Sequence[Definition]) -> list[Definition]:
    """Definitions of bracketed short forms that scispaCy's rules do not read (module docstring).

    Parameters
    ----------
    text
        The document's text.
    defined
        The definitions already found; their short and long forms are not defined again.
    """
    shorts = {d.short for d in defined}
    longs = {d.long for d in defined}
    found = []
    for short_start, short_end, long_span in _bracket_pairs(text):
        short = text[short_start:short_end]
        long_start, long_end = long_span
        long = text[long_start:long_end]
        if short in shorts or long in longs:
            continue
        shorts.add(short)
        longs.add(long)
        found.append(Definition(short_start, short_end, short, long_start, long_end, long))
    return found


def _bracket_pairs(text: str) -> list[tuple[int, int, tuple[int, int]]]:
    pairs = []
    for match in _LOOSE_SHORT.finditer(text):
        short = match.group(1)
        if not _short_shaped(short):
            continue
        long = _long_form(text, match.start(), short)
        if long is not None:
            pairs.append((match.start(1), match.end(1), long))
    elements = element_symbols()
    for match in _PLAIN_SHORT.finditer(text):
        word = _word_before(text, match.start())
        if word is not None and elements.get(text[word[0]:word[1]].lower()) == match.group(1):
            pairs.append((match.start(1), match.end(1), word))
    for match in _CODE_IN_BRACKETS.finditer(text):
        long = _chemical_words_before(text, match.start())
        if long is not None:
            pairs.append((match.start(1), match.end(1), long))
    bracket = text.find(" (")
    while bracket != -1:
        code = _code_before(text, bracket)
        if code is not None:
            opening = bracket + 2
            close = text.find(")", opening)
            while close != -1 and text.count("(", opening, close) > text.count(")", opening, close):
                close = text.find(")", close + 1)  # "(1-(2-phenethyl)-4-(2-pyridyl)-piperazine)"
            if close != -1 and _chemical_name(text[opening:close].split()):
                pairs.append((code, bracket, (opening, close)))
        bracket = text.find(" (", bracket + 2)
    return sorted(pairs)


def _code_before(text: str, end: int) -> int | None:
    """Where a code ending at ``end`` starts ("UMB24", or two words: "SM 21"), or None."""
    start = text.rfind(" ", 0, end) + 1
    for _ in range(2):
        if start == end or not text[start].isupper() and not text[start].isdigit():
            return None
        if text[start].isupper() and _CODE_WORD.fullmatch(text, start, end):
            return start
        start = text.rfind(" ", 0, start - 1) + 1 if start > 1 else end
    return None


def _short_shaped(short: str) -> bool:
    """scispaCy's short-form filter: 2 to 9 characters, at least half letters, not all lower case."""
    return 2 <= len(short) <= 9 and 2 * sum(c.isalpha() for c in short) >= len(short) and not short.islower()


def _word_before(text: str, bracket: int) -> tuple[int, int] | None:
    end = bracket
    while end and text[end - 1] == " ":
        end -= 1
    start = end
    while start and text[start - 1].isalpha():
        start -= 1
    return (start, end) if end > start else None


def _long_form(text: str, bracket: int, short: str) -> tuple[int, int] | None:
    """Schwartz and Hearst's (2003) search for the long form of ``short`` before the "(" at ``bracket``.

    The window is the ``min(len + 5, 2 * len)`` words before the bracket, within the sentence;
    the short form's characters must appear in it in order, right to left, its first character
    at the start of a word. The long form runs from that word to the bracket.
    """
    end = bracket
    while end and text[end - 1] == " ":
        end -= 1
    max_words = min(len(short) + 5, 2 * len(short))
    start = end
    for _ in range(max_words):
        space = text.rfind(" ", 0, start - 1) if start > 1 else -1
        start = space + 1
        if space < 0:
            break
    window = text[start:end]
    breaks = list(_SENTENCE_BREAK.finditer(window))
    if breaks:
        window_start = breaks[-1].end()
        start, window = start + window_start, window[window_start:]
    at = _schwartz_hearst(short, window)
    if at is None:
        return None
    long_start = start + window.rfind(" ", 0, at) + 1
    while long_start < end and not text[long_start].isalnum():
        long_start += 1
    if end - long_start <= len(short) or short in text[long_start:end].split():
        return None
    return long_start, end


def _schwartz_hearst(short: str, long: str) -> int | None:
    """The index in ``long`` where the long form's match of ``short`` starts, or None."""
    s, index = len(short) - 1, len(long) - 1
    while s >= 0:
        character = short[s].lower()
        if not character.isalnum():
            s -= 1
            continue
        while (index >= 0 and long[index].lower() != character) or (
                s == 0 and index > 0 and long[index - 1].isalnum()):
            index -= 1
        if index < 0:
            return None
        index -= 1
        s -= 1
    return index + 1


def _chemical_words_before(text: str, bracket: int) -> tuple[int, int] | None:
    """The chemical-looking words right before " (CODE)" at ``bracket``: the code's long form, or None."""
    words: list[str] = []
    for word in reversed(text[max(0, bracket - 300):bracket].split(" ")):
        if len(words) == _MAX_CHEMICAL_WORDS or not _chemical_word(word):
            break
        words.insert(0, word)
    if not _chemical_name(words):
        return None
    return bracket - len(" ".join(words)), bracket


def _chemical_word(word: str) -> bool:
    """A word of a systematic chemical name: digits, hyphens or commas inside letters, or a chemical ending."""
    if len(word) < 4 or not word[-1].isalnum() or not any(c.isalpha() for c in word):
        return False
    return any(c.isdigit() or c in "-,'" for c in word) or word.lower().endswith(chemical_suffixes())


def _chemical_name(words: list[str]) -> bool:
    """At most four chemical words, the last ending like a chemical and written in lower case."""
    if not words or len(words) > _MAX_CHEMICAL_WORDS or not all(_chemical_word(w) for w in words):
        return False
    last = words[-1]
    return last == last.lower() and last.endswith(chemical_suffixes())


def cued_codes(text: str) -> list[tuple[int, int]]:
    """Spans of codes described as compounds by an apposition ("AMN082, a selective mGluR7 agonist",
    "KF17837: a novel adenosine antagonist") or by the head noun just before them ("the PARP inhibitor
    PJ34", "the glycine transporter-1 inhibitor SSR103800", "the NK1 antagonists SR 140333 and ..."), and
    capitalised names after such a head noun ("the STAT3 inhibitor Stattic")."""
    found = []
    for apposition in _APPOSITION.finditer(text):
        start = _code_before(text, apposition.start())
        if start is not None and _cue_pattern().match(text, apposition.end()):
            found.append((start, apposition.start()))
    # str.find over the few head stems, not a regex over every position (a fifth of the time).
    for stem in _head_stems():
        at = text.find(stem)
        while at != -1:
            end = text.find(" ", at)
            if end != -1 and text[end + 1:end + 2].isupper() and \
                    text[text.rfind(" ", 0, at) + 1:end].lstrip("([") in _head_words():
                code = _CODE_AFTER_HEAD.match(text, end + 1) or _NAME_AFTER_HEAD.match(text, end + 1)
                if code is not None and not _opener(code.group(1)):
                    found.append(code.span(1))
            at = text.find(stem, at + len(stem))
    return sorted(found)


def cued_names(text: str) -> list[tuple[int, int]]:
    """Spans of single capitalised names before an apposition describing a compound: "Stattic, a
    small-molecule STAT3 inhibitor, induced ...", "the effect of Stattic, a STAT3 inhibitor, on ...",
    "Honokiol, a natural biphenolic compound, ...".

    Rule: one word of at least five letters, a capital then lower case, followed by ", a"/", an", at most
    five words, a head of ``code_cues.txt`` and a comma that closes the apposition (not "Survivin, an
    inhibitor of apoptosis"), or an "of" phrase naming a gene symbol before that comma (``_OF_SYMBOL``). Inside a sentence a capital marks a name; at a sentence start it marks nothing,
    so sentence openers ("Furthermore", "Notably", spaCy's stop words, ``apposition_name_stops.txt``) are no
    names anywhere. A name the lexicons found (a gene: "Maspin, a serine protease inhibitor,") keeps its
    entity (:func:`pipeline.ner.components` checks).
    """
    found = []
    for apposition in _APPOSITION.finditer(text):
        start = max(text.rfind(" ", 0, apposition.start()), text.rfind("\n", 0, apposition.start())) + 1
        word = text[start:apposition.start()]
        if not _NAME_WORD.fullmatch(word) or _opener(word):
            continue
        cue = _cue_pattern().match(text, apposition.end())
        if cue is not None and (text.startswith(",", cue.end()) or _OF_SYMBOL.match(text, cue.end())):
            found.append((start, apposition.start()))
    return found


# "Stattic, a small-molecule inhibitor of the STAT3 SH2 domain, ...": the head's "of" phrase names a gene by its
# symbol (a capital and a digit: STAT3, JAK2, IL-6) and the apposition closes within three words after it;
# "Survivin, an inhibitor of apoptosis, ..." names a process and stays out
_OF_SYMBOL = re.compile(r" of (?:the )?(?:[\w-]+ )?[A-Za-z-]*[A-Z][A-Za-z-]*\d[\w/-]*(?: [\w-]+){0,3},")


_NAME_WORD = re.compile(r"[A-Z][a-z]{4,}")


def _opener(word: str) -> bool:
    low = word.lower()
    return low in STOP_WORDS or low.endswith("ly") or low in _name_stops()


@lru_cache(maxsize=1)
def _name_stops() -> frozenset[str]:
    return frozenset(read_word_list(LEXICON_DIR / "apposition_name_stops.txt"))


_APPOSITION = re.compile(r"[,:] an? ")
# The code after a head noun must end there (a space, a closing punctuation mark or the text's end):
# "inhibitor SB203580-treated" is still the code, "antagonist AT1 receptor" is a gene ("AT1" is too short).
# A digit after a space goes on the code ("GYKI-41 099" is longer than the code shape).
# A capitalised name after a head noun ("the STAT3 inhibitor Stattic (5 μM)"): one word, ending there
_NAME_AFTER_HEAD = re.compile(r"([A-Z][a-z]{4,})(?=[,;.)]| \(|$| (?:[a-z]|\d))")
# After a head noun a code may also run in hyphened digit groups ("the STAT3 inhibitor SH-4-54", "BP-1-102",
# "S3I-201"): the head says it is a compound, so the shorter groups cannot be a gene's number
HYPHENED_CODE = r"[A-Z][A-Za-z\d]{0,4}-\d{1,4}-\d{1,4}|[A-Z]\d[A-Z]{1,3}-\d{2,4}"
_CODE_AFTER_HEAD = re.compile(r"(" + CODE + "|" + HYPHENED_CODE + r")(?=[,;.)]|-treated|$| (?!\d))")


@lru_cache(maxsize=1)
def _head_words() -> frozenset[str]:
    """The head nouns of ``code_cues.txt`` and their plurals."""
    heads = read_word_list(LEXICON_DIR / "code_cues.txt")
    return frozenset(heads) | frozenset(h + "s" for h in heads)


@lru_cache(maxsize=1)
def _head_stems() -> tuple[str, ...]:
    """The head nouns that hold no other ("agonist" finds "antagonist" too): the fewest searches."""
    heads = read_word_list(LEXICON_DIR / "code_cues.txt")
    return tuple(sorted(h for h in heads if not any(other != h and other in h for other in heads)))


@lru_cache(maxsize=1)
def _cue_pattern() -> re.Pattern[str]:
    heads = "|".join(sorted(map(re.escape, read_word_list(LEXICON_DIR / "code_cues.txt")), key=len, reverse=True))
    # Up to five words before the head: "a novel selective adenosine A2A receptor antagonist".
    return re.compile(r"(?:[\w()/+-]+ ){0,5}(?:" + heads + r")s?\b")


@lru_cache(maxsize=1)
def element_symbols() -> dict[str, str]:
    """Element name (lower case) to symbol, from ``element_symbols.tsv``."""
    return {name.lower(): symbol for name, symbol in read_tsv(LEXICON_DIR / "element_symbols.tsv", columns=2,
                                                              header=True)}


@lru_cache(maxsize=1)
def chemical_suffixes() -> tuple[str, ...]:
    return tuple(w.lower() for w in read_word_list(LEXICON_DIR / "chemical_suffixes.txt"))


@lru_cache(maxsize=1)
def trial_registry_id() -> re.Pattern[str]:
    """A whole clinical-trial registry id ("NCT01284569"), from ``trial_registry_ids.tsv``.

    A bracket beside a drug often holds its trial's id, which is no other name of the drug.
    """
    patterns = [pattern for _, pattern in read_tsv(LEXICON_DIR / "trial_registry_ids.tsv", columns=2, header=True)]
    return re.compile("|".join(f"(?:{pattern})" for pattern in patterns))
