"""How the benchmark train texts use names: the evidence ``evidence lexicon build`` filters and learns by.

A name seen at least :data:`MIN_SEEN` times in the train texts of the corpora that annotate its label,
and annotated there in under :data:`MIN_ANNOTATED_SHARE` of them, is an ordinary word there ("lead",
"maturity"); the annotations' ids, spellings and labels are what the learned lexicon rows carry.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..ner.agent_classes import HEADS_FILE, read_heads
from ..ner.lexicon import squash
from ..ner.standard_ids import SINGLE_ID_LABELS, document_species

MIN_SEEN = 3
MIN_ANNOTATED_SHARE = 0.2
# Corpora whose train annotations count as evidence for a label (BC5CDR annotates no genes or cell lines).
EVIDENCE_CORPORA = {"TARGET": ("biored",), "CELL_LINE": ("biored",), "DRUG": ("biored", "bc5cdr"),
                    "DISEASE": ("biored", "bc5cdr")}


def count_occurrences(strings: Iterable[str], texts: list[str],
                      spans: list[list[tuple[int, int]]] | None = None) -> Counter[str]:
    """Word-bounded, case-sensitive occurrences of each string in the texts (one automaton pass).

    With ``spans`` (the gold mention spans of each text, end-exclusive), an occurrence strictly inside a
    longer gold mention is not counted: "edema" inside an annotated "cerebral edema" is part of a name,
    not an unannotated use of "edema", and counting it would make the word look rarely annotated.
    """
    import ahocorasick

    strings = set(strings)
    if not strings:  # an automaton without keys cannot be searched (train named no disease, say)
        return Counter()
    automaton = ahocorasick.Automaton()
    for string in strings:
        automaton.add_word(string, string)
    automaton.make_automaton()
    counts: Counter[str] = Counter()
    for index, text in enumerate(texts):
        covering = spans[index] if spans is not None else ()
        for end, string in automaton.iter(text):
            start = end + 1 - len(string)
            if (start == 0 or not text[start - 1].isalnum()) and (end + 1 == len(text) or not text[end + 1].isalnum()):
                if any(s <= start and end + 1 <= e and e - s > len(string) for s, e in covering):
                    continue
                counts[string] += 1
    return counts


@dataclass
class TrainEvidence:
    """How the train texts use names: occurrences (lower-cased, word-bounded) and annotations by label.

    ``annotated[label][key]`` counts gold mentions of that label whose squashed text is ``key``; ``ids[(label,
    key)]`` the documents giving them each id (one vote a document: one writing "MMP-2" four times as NCBIGene:4130
    outvoted two giving 4313), ``species_ids`` those of one species (``document_species``), ``collective`` those
    giving several ids at once ("MMPs": a family, whose members change with the document: no single id is learned),
    ``spellings`` the texts written for each key (the words that :mod:`pipeline.ner.concept_keys` reads).
    """

    texts: dict[str, list[str]] = field(default_factory=dict)
    annotated: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    ids: dict[tuple[str, str], Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    disease_spans: list[tuple[str, list[tuple[int, int]]]] = field(default_factory=list)
    species_ids: dict[tuple[str, str, str], Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    collective: Counter[tuple[str, str]] = field(default_factory=Counter)
    spellings: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    _seen: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, corpus: str, text: str, mentions: Iterable[tuple[str, str, str]],
            disease_spans: Iterable[tuple[int, int]] = ()) -> None:
        """One train document: text, (mention text, label, ``|``-separated corpus ids) triples, disease spans."""
        self.texts.setdefault(corpus, []).append(text.lower())
        self.disease_spans.append((text, list(disease_spans)))
        species = document_species(text)
        votes, collective = {}, set()  # a dict keeps the first-seen order, which breaks ties
        for mention_text, label, norm_id in mentions:
            key = squash(mention_text)
            self.annotated[label][key] += 1
            self.spellings[(label, key)].add(mention_text)
            if "|" in norm_id and label in SINGLE_ID_LABELS:
                collective.add((label, key))
            elif norm_id:
                votes[(label, key, norm_id.split("|")[0])] = None
        for label, key, norm_id in votes:
            self.ids[(label, key)][norm_id] += 1
            self.species_ids[(label, species, key)][norm_id] += 1
        self.collective.update(collective)

    def named_ids(self, label: str) -> Iterator[tuple[str, str]]:
        """(name as written, the id most train documents gave it) for the annotated names of ``label``."""
        for (name_label, key), spellings in self.spellings.items():
            votes = self.ids.get((name_label, key))
            if name_label == label and votes:
                best = votes.most_common(1)[0][0]
                yield from ((spelling, best) for spelling in sorted(spellings))

    def single_id_name(self, label: str, key: str) -> bool:
        """False for a name more train documents gave several ids at once than one id (a family, a list)."""
        return self.collective[(label, key)] <= sum(self.ids.get((label, key), Counter()).values())

    def count(self, names: Iterable[str]) -> None:
        """Count the word-bounded, case-insensitive occurrences of ``names`` in each corpus's texts."""
        wanted = {n.lower() for n in names if n}
        for corpus, texts in self.texts.items():
            self._seen[corpus] = count_occurrences(wanted, texts)

    def seen(self, name: str, label: str) -> int:
        return sum(self._seen.get(c, Counter())[name.lower()] for c in EVIDENCE_CORPORA[label])

    def common_word(self, name: str, label: str) -> bool:
        """True when the name is frequent in the train texts but rarely annotated with ``label`` there."""
        seen = self.seen(name, label)
        return seen >= MIN_SEEN and self.annotated[label][squash(name)] < MIN_ANNOTATED_SHARE * seen

    def prefers(self, key: str, label: str, other: str) -> bool:
        """True when the train annotations call ``key`` ``label`` more often than ``other``."""
        return self.annotated[label][key] > self.annotated[other][key]


_BRACKETED = re.compile(r"\s+\([^()]*\)")


def class_ids_from_train(named: Iterable[tuple[str, str]], symbols: dict[str, str],
                         heads_path: Path = HEADS_FILE) -> dict[str, str]:
    """Class id -> the standard id the train annotations gave the class ("COX-2 inhibitors" MESH:D052246 ->
    ``class:ptgs2_blocker``), from (drug name, standard id) pairs of train annotations.

    A name ending in a head word of ``agent_class_heads.tsv`` names that kind of class of the words before it,
    which are keyed as :func:`~pipeline.ner.agent_classes.apply_class_rules` keys its target: a gene name
    ``symbols`` maps to one symbol by its symbol, another by its words; a bracketed short form is left out
    ("angiotensin-converting enzyme (ACE) inhibitor"), and a plural target ("Bradykinin receptors
    antagonists") also keys its singular. The id most names of a class gave wins. The NER gives a class
    mention that id through its ``id:`` key in ``standard_ids.txt``.
    """
    heads = read_heads(heads_path)
    ending = re.compile(r"^(?P<target>.+?)[\s-]+(?:" + "|".join(f"(?P<{kind}>{words})" for kind, words in heads.items())
                        + r")$", re.IGNORECASE)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for name, standard_id in named:
        found = ending.match(name)
        if found is None:
            continue
        kind = next(k for k in heads if found.group(k))
        target = squash(_BRACKETED.sub("", found.group("target")))
        if not target:
            continue
        target = squash(symbols.get(target, target))
        for key in {target, target[:-1] if target.endswith("s") else target}:
            votes[f"class:{key}_{kind}"][standard_id] += 1
    return {class_id: counter.most_common(1)[0][0] for class_id, counter in votes.items()}
