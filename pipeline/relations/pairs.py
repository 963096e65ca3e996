"""Learned reading of agent × object pairs within a sentence: candidates, features and the shipped model.

A candidate is an acting agent of a unit (:meth:`Unit.acts`) and a TARGET or DISEASE mention of the
same unit that does not overlap it. Its features are token features (the words between the two,
the word the agent is hyphen-joined to — "X-induced Y", "X-mediated Y" —, the words around the pair,
the trigger-table effects between, order, distance, labels) plus, when the dependency parser
(``pipeline.parser``) and a parse are available, the labels of the dependency path between the two.
The model (``data/models/relations/pairs.json``, trained by ``evidence train relations --pairs``,
card beside it) is a linear classifier stored as plain weights, so reading it needs no pickling
and no particular scikit-learn: the score of a label is its bias plus the weights of the features.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from ..context import DATA_DIR
from ..errors import InputError
from ..records import Mention
from .clause import describes_a_noun, is_measured, qualifies_a_noun
from .lexicon import Token, after_reference_cue, find_triggers, negation_cues, word_parts
from .units import Unit

MODEL_PATH = DATA_DIR / "models" / "relations" / "pairs.json"
MODEL_FORMAT = "relations-pairs-linear/1"
NONE = "none"
OBJECT_LABELS = frozenset({"TARGET", "DISEASE"})
MAX_BETWEEN = 12  # words between the two beyond which only the nearest ones are features
_NUMBER = re.compile(r"^\d+([.,]\d+)?$")


def _point_of_reference(unit: Unit, agent: Mention) -> bool:
    """"Siltuximab, a chimeric analog of tocilizumab, ...": a name after a ``reference_cues.tsv`` cue is not an actor."""
    text = unit.text[:agent.start - unit.start]
    if text.endswith(" ("):  # "than cisplatin (DDP)": the same agent's bracketed name too
        outer = next((m for m in unit.mentions if m.end - unit.start == len(text) - 2 and m.norm_id == agent.norm_id), None)
        if outer is not None and _point_of_reference(unit, outer):
            return True
    return after_reference_cue(tuple(text.lower().split()[-4:]))


def candidates(unit: Unit) -> Iterator[tuple[Mention, Mention]]:
    """(agent, object) pairs of a unit: each acting agent (not a point of reference, not an analyte:
    :func:`clause.is_measured`, as for the rules, not a kind: :func:`clause.describes_a_noun`) with each
    TARGET/DISEASE mention not overlapping it that is not a kind either (:func:`clause.qualifies_a_noun`)."""
    agents = [a for a in unit.agents
              if not _point_of_reference(unit, a) and not is_measured(unit, a) and not describes_a_noun(unit, a)]
    objects = [m for m in unit.mentions if m.label in OBJECT_LABELS and not qualifies_a_noun(unit, m)]
    for agent in agents:
        for obj in objects:
            if not (obj.start < agent.end and agent.start < obj.end):
                yield agent, obj


def _norm(word: str) -> str:
    word = word.lower()
    return "<num>" if _NUMBER.match(word) else word


def pair_features(tokens: Sequence[Token], agent: Mention, obj: Mention,
                  path: Sequence[str] | None = None) -> dict[str, float]:
    """The features of one candidate; ``tokens`` are the unit's, ``path`` the dependency labels between the pair."""
    first, second = (agent, obj) if agent.start < obj.start else (obj, agent)
    order = "A>O" if first is agent else "O>A"
    between = [t for t in tokens if t.start >= first.end and t.end <= second.start]
    before = [t for t in tokens if t.end <= first.start][-3:]
    after = [t for t in tokens if t.start >= second.end][:3]
    feats: dict[str, float] = {f"order={order}": 1.0, f"obj={obj.label}": 1.0,
                               f"order_obj={order}_{obj.label}": 1.0}
    n = len(between)
    feats[f"dist={min(n, 6) if n < 6 else '6-9' if n < 10 else '10+'}"] = 1.0
    words = [_norm(t.text) for t in between]
    shown = words if n <= MAX_BETWEEN else words[:4] + words[-4:]
    for w in shown:
        feats[f"bw={w}"] = 1.0
        feats[f"bw_{order}={w}"] = 1.0
    for a, b in zip(shown, shown[1:]):
        feats[f"bb={a}_{b}"] = 1.0
    if n == 0:
        feats["adjacent"] = 1.0
    for i, t in enumerate(reversed(before)):
        feats[f"pre{i}={_norm(t.text)}"] = 1.0
    for i, t in enumerate(after):
        feats[f"post{i}={_norm(t.text)}"] = 1.0
    # the word the agent is hyphen-joined to: "nafcillin-induced", "siltuximab-mediated"
    joined = next((t for t in tokens if t.start < agent.end <= t.end), None)
    if joined is not None and joined.end > agent.end:
        for part in word_parts(joined.text[agent.end - joined.start:])[:1]:
            feats[f"agent_suffix={part}"] = 1.0
            feats[f"agent_suffix_{order}={part}"] = 1.0
    for t in between + after[:1]:
        for trigger in find_triggers(t.lower):
            feats[f"trig={trigger.effect}"] = 1.0
            feats[f"trig_{order}={trigger.effect}"] = 1.0
    lowered = [t.lower for t in tokens]
    if any(cue.words[0] in lowered for cue in negation_cues() if cue.value != "none"):
        feats["negation_cue_in_unit"] = 1.0
    others = sum(1 for t in between if t.text in (",", ";"))
    if others:
        feats["comma_between"] = 1.0
    if path is not None:
        labels = [p for p in path if not p.startswith("w:")]
        inner = [p[2:] for p in path if p.startswith("w:")]
        feats[f"path={'/'.join(labels)}"] = 1.0
        for label in labels:
            feats[f"pathlabel={label}"] = 1.0
        feats[f"pathlen={min(len(labels), 6)}"] = 1.0
        for word in inner:  # the words the path runs through: its verb or noun ("reduced", "treatment")
            feats[f"pathword={word}"] = 1.0
            for trigger in find_triggers(word):
                feats[f"pathtrig={trigger.effect}"] = 1.0
    return feats


@functools.cache
def parser_available() -> bool:
    """Whether the dependency parser (``pipeline.parser``) and its model are installed."""
    try:
        from ..parser import DEFAULT_MODEL_DIR
    except ImportError:
        return False
    return (Path(DEFAULT_MODEL_DIR) / "meta.json").is_file()


def dependency_paths(unit: Unit, pairs: Sequence[tuple[Mention, Mention]]) -> list[list[str] | None]:
    """The dependency-path labels between each pair of ``unit`` (one parse of the unit), then the
    lower-cased words between its ends as ``w:<word>``; None where unknown.

    Only units holding a candidate are parsed; without the parser every path is None (token features only).
    """
    if not pairs or not parser_available():
        return [None] * len(pairs)
    from ..parser import dependency_path, parse_sentences, path_labels

    doc = parse_sentences([unit.text])[0]
    out: list[list[str] | None] = []
    for agent, obj in pairs:
        a = doc.char_span(agent.start - unit.start, agent.end - unit.start, alignment_mode="expand")
        b = doc.char_span(obj.start - unit.start, obj.end - unit.start, alignment_mode="expand")
        path = dependency_path(a, b) if a is not None and b is not None else []
        out.append(path_labels(path) + [f"w:{t.lower_}" for t in path[1:-1]] if path else None)
    return out


class PairModel:
    """A linear classifier over :func:`pair_features`: per label a bias and feature weights."""

    def __init__(self, labels: Sequence[str], bias: Sequence[float], weights: Mapping[str, Sequence[float]],
                 threshold: float = 0.0, card: Mapping[str, object] | None = None) -> None:
        self.labels = tuple(labels)
        self.bias = tuple(bias)
        self.weights = dict(weights)
        self.threshold = threshold
        self.card = dict(card or {})

    def scores(self, features: Mapping[str, float]) -> list[float]:
        totals = list(self.bias)
        for name, value in features.items():
            row = self.weights.get(name)
            if row is not None:
                for k, w in enumerate(row):
                    totals[k] += w * value
        return totals

    def predict(self, features: Mapping[str, float]) -> tuple[str, float]:
        """The best label and its margin over ``none`` (``none`` when no label beats it by ``threshold``)."""
        totals = self.scores(features)
        none = totals[self.labels.index(NONE)] if NONE in self.labels else 0.0
        best = max((k for k in range(len(self.labels)) if self.labels[k] != NONE), key=lambda k: totals[k])
        margin = totals[best] - none
        return (self.labels[best], margin) if margin > self.threshold else (NONE, margin)

    def to_json(self) -> dict[str, object]:
        return {"format": MODEL_FORMAT, "labels": list(self.labels), "bias": list(self.bias),
                "threshold": self.threshold, "card": self.card,
                "weights": {k: [round(w, 5) for w in v] for k, v in sorted(self.weights.items())}}


def read_model(path: Path) -> PairModel:
    """Read a model file; an unreadable or foreign file is an InputError naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot read the pair model: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
        raise InputError(str(path), f"not a pair model of format {MODEL_FORMAT}")
    labels = data["labels"]
    for name, row in data["weights"].items():
        if len(row) != len(labels):
            raise InputError(str(path), f"feature {name!r} has {len(row)} weights for {len(labels)} labels")
    return PairModel(labels, data["bias"], data["weights"], float(data.get("threshold", 0.0)), data.get("card"))


@functools.cache
def shipped_model() -> PairModel | None:
    """The model shipped in the package, or None when it is absent (the rules then work alone)."""
    return read_model(MODEL_PATH) if MODEL_PATH.exists() else None
