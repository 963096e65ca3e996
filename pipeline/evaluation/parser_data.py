"""Treebank reading for the parser: CoNLL-U sentences, the CRAFT and GENIA splits, gold spaCy Docs.

Only the basic tree is read (ID, FORM, XPOS, HEAD, DEPREL, and ``SpaceAfter=No`` from MISC).
CRAFT's ClearNLP secondary-dependency marks in MISC (``4:gap=``) and its normalised lemmas are
ignored; GENIA has no text and no spacing, so its sentence text is its tokens joined by spaces,
with the Penn bracket escapes inside words turned back into brackets.
"""

from __future__ import annotations

import dataclasses
import gzip
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..errors import InputError

TREEBANKS = ("craft", "genia")
SPLITS = ("train", "dev", "test")
# GENIA's fourth split (McClosky's, unused by him): in-domain training trees, never scored.
GENIA_EXTRA_SPLIT = "future_use"
# GENIA's words keep the Penn treebank's bracket escapes ("-LSB-Ca2+-RSB-i"); the text had brackets.
PTB_ESCAPES = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
# spaCy's parser writes "ROOT" on the token it leaves without a head; CRAFT and GENIA write "root".
ROOT_LABEL = "ROOT"


@dataclass(frozen=True)
class TreebankSentence:
    """One gold sentence: words, spacing, PTB tags, 0-based heads (root points at itself), labels."""

    sent_id: str
    words: tuple[str, ...]
    spaces: tuple[bool, ...]
    tags: tuple[str, ...]
    heads: tuple[int, ...]
    deps: tuple[str, ...]
    paragraph: str = ""

    @property
    def text(self) -> str:
        return "".join(w + (" " if s else "") for w, s in zip(self.words, self.spaces)).rstrip()


def read_conllu(path: Path, *, doc_id: str | None = None) -> Iterator[TreebankSentence]:
    """Yield the sentences of a (gzipped or plain) CoNLL-U file; a bad line raises :class:`InputError`."""
    opener = gzip.open if path.suffix == ".gz" else open
    doc_id = doc_id or path.name.split(".")[0]
    with opener(path, "rt", encoding="utf-8") as handle:
        yield from parse_conllu(handle, source=str(path), doc_id=doc_id)


def parse_conllu(lines: Iterable[str], *, source: str, doc_id: str) -> Iterator[TreebankSentence]:
    """Parse CoNLL-U lines; multiword ranges (``1-2``) and empty nodes (``1.1``) are skipped."""
    rows: list[list[str]] = []
    comments: dict[str, str] = {}
    paragraph = ""
    count = 0
    first_line = 0
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip():
            if rows:
                count += 1
                yield _sentence(rows, comments, paragraph, source, first_line, f"{doc_id}:{comments.get('sent_id', count - 1)}")
            rows, comments = [], {}
            continue
        if line.startswith("#"):
            key, sep, value = line[1:].partition("=")
            if sep:
                comments[key.strip()] = value.strip()
                if key.strip() == "newpar id":
                    paragraph = value.strip()
            continue
        columns = line.split("\t")
        if len(columns) != 10:
            raise InputError(source, f"expected 10 tab-separated columns, got {len(columns)}: {line[:80]!r}", line=number)
        if "-" in columns[0] or "." in columns[0]:
            continue
        if not rows:
            first_line = number
        rows.append(columns)
    if rows:
        count += 1
        yield _sentence(rows, comments, paragraph, source, first_line, f"{doc_id}:{comments.get('sent_id', count - 1)}")


def _sentence(rows: list[list[str]], comments: dict[str, str], paragraph: str, source: str, line: int,
              sent_id: str) -> TreebankSentence:
    words, spaces, tags, heads, deps = [], [], [], [], []
    for position, columns in enumerate(rows):
        try:
            ident, head = int(columns[0]), int(columns[6])
        except ValueError:
            raise InputError(source, f"sentence {sent_id}: ID/HEAD not integers: {columns[0]!r}/{columns[6]!r}",
                             line=line + position) from None
        if ident != position + 1 or not 0 <= head <= len(rows):
            raise InputError(source, f"sentence {sent_id}: token {ident} has id/head out of order or range "
                                     f"(head {head}, {len(rows)} tokens)", line=line + position)
        words.append(columns[1])
        spaces.append("SpaceAfter=No" not in columns[9].split("|"))
        tags.append(columns[4])
        heads.append(position if head == 0 else head - 1)
        deps.append(ROOT_LABEL if head == 0 else columns[7])
    return TreebankSentence(sent_id, tuple(words), tuple(spaces), tuple(tags), tuple(heads), tuple(deps), paragraph)


def treebank_sentences(treebank: str, split: str, data_dir: Path) -> list[TreebankSentence]:
    """The sentences of ``treebank``'s ``split`` under ``data_dir`` (the treebanks folder or the treebank's own).

    CRAFT: the articles listed in ``ids/craft-ids-<split>.txt``. GENIA: ``<split>.conllu.gz``, also
    ``future_use``; GENIA has no train split here (its trees are absent from the copy), so asking for it
    is an error.
    """
    if treebank not in TREEBANKS:
        raise InputError(treebank, f"unknown treebank; expected one of {TREEBANKS}")
    if split not in SPLITS and not (treebank == "genia" and split == GENIA_EXTRA_SPLIT):
        raise InputError(split, f"unknown split; expected one of {SPLITS}")
    folder = treebank_folder(treebank, data_dir)
    if treebank == "craft":
        ids_file = folder / "ids" / f"craft-ids-{split}.txt"
        if not ids_file.is_file():
            raise InputError(str(ids_file), "CRAFT split list not found")
        sentences: list[TreebankSentence] = []
        for pmid in ids_file.read_text(encoding="utf-8").split():
            path = folder / "conllu" / f"{pmid}.conllu.gz"
            if not path.is_file():
                raise InputError(str(path), f"CRAFT article {pmid} listed in {ids_file.name} not found")
            sentences.extend(read_conllu(path, doc_id=pmid))
        return sentences
    path = folder / f"{split}.conllu.gz"
    if not path.is_file():
        raise InputError(str(path), f"GENIA {split} trees not found (this copy has dev, test and future_use)")
    return [dataclasses.replace(s, words=tuple(_unescape(w) for w in s.words))
            for s in read_conllu(path, doc_id=f"genia-{split}")]


def _unescape(word: str) -> str:
    for escape, bracket in PTB_ESCAPES.items():
        word = word.replace(escape, bracket)
    return word


def treebank_folder(treebank: str, data_dir: Path) -> Path:
    """``data_dir`` itself when it is the treebank's folder, else its ``CRAFT``/``GENIA`` sub-folder."""
    name = {"craft": "CRAFT", "genia": "GENIA"}[treebank]
    folder = data_dir if data_dir.name == name else data_dir / name
    if not folder.is_dir():
        raise InputError(str(folder), f"{name} treebank folder not found")
    return folder


def gold_doc(vocab: Vocab, sentences: list[TreebankSentence]) -> Doc:
    """One gold Doc holding ``sentences`` in order (a space between them), with tags, heads, labels, starts."""
    words: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    heads: list[int] = []
    deps: list[str] = []
    starts: list[bool] = []
    for sentence in sentences:
        offset = len(words)
        words.extend(sentence.words)
        spaces.extend(sentence.spaces[:-1] + (True,))
        tags.extend(sentence.tags)
        heads.extend(offset + head for head in sentence.heads)
        deps.extend(sentence.deps)
        starts.extend([True] + [False] * (len(sentence.words) - 1))
    if spaces:
        spaces[-1] = False
    return Doc(vocab, words=words, spaces=spaces, tags=tags, heads=heads, deps=deps, sent_starts=starts)


def group_sentences(sentences: list[TreebankSentence], max_sentences: int) -> Iterator[list[TreebankSentence]]:
    """Consecutive sentences in groups of at most ``max_sentences``, never across a paragraph break.

    Training on short multi-sentence documents teaches the parser where sentences end.
    """
    group: list[TreebankSentence] = []
    for sentence in sentences:
        if group and (len(group) >= max_sentences or sentence.paragraph != group[-1].paragraph
                      or sentence.sent_id.split(":")[0] != group[-1].sent_id.split(":")[0]):
            yield group
            group = []
        group.append(sentence)
    if group:
        yield group
