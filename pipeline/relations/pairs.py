"""Learned reading of agent × object pairs within a sentence: candidates, features and the shipped model.

A candidate is an acting agent of a unit (:meth:`Unit.acts`) and a TARGET or DISEASE mention of the
same unit that does not overlap it. Its features are token features (the words between the two,
the word the agent is hyphen-joined to — "X-induced Y", "X-mediated Y" —, the words around the pair,
the trigger-table effects between, order, distance, labels), the agent's own context when the model
was trained with it (:func:`context_features`) and, when the dependency parser (``pipeline.parser``)
and a parse are available, the dependency path between the two in the model's encoding
(:func:`path_features`).
The model (``data/models/relations/pairs.json``, trained by ``evidence train relations --pairs``,
card beside it) is a linear classifier stored as plain weights, so reading it needs no pickling
and no particular scikit-learn: the score of a label is its bias plus the weights of the features.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..context import DATA_DIR
from ..errors import InputError
from ..records import Mention
from .clause import describes_a_noun, is_measured, qualifies_a_noun
from .cues import is_hedged
from .assemble import names_something
from .lexicon import Token, after_reference_cue, find_triggers, negation_cues, tokenize, word_parts, word_set
from .objects import ObjectSpan, object_after
from .sentence_parse import unit_parse
from .units import Unit

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

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


def candidates(unit: Unit, phrases: bool = False) -> Iterator[tuple[Mention, Mention]]:
    """(agent, object) pairs of a unit: each acting agent (not a point of reference, not an analyte:
    :func:`clause.is_measured`, as for the rules, not a kind: :func:`clause.describes_a_noun`) with each
    TARGET/DISEASE mention not overlapping it that is not a kind either (:func:`clause.qualifies_a_noun`);
    with ``phrases`` also with each object phrase of a trigger word (:func:`phrase_objects`)."""
    agents = [a for a in unit.agents
              if not _point_of_reference(unit, a) and not is_measured(unit, a) and not describes_a_noun(unit, a)]
    objects = [m for m in unit.mentions if m.label in OBJECT_LABELS and not qualifies_a_noun(unit, m)]
    if phrases and agents:
        objects += phrase_objects(unit, tokenize(unit.text, unit.start))
    for agent in agents:
        for obj in objects:
            if not (obj.start < agent.end and agent.start < obj.end):
                yield agent, obj


PHRASE_REACH = 4  # tokens an object phrase may have ("vascular permeability", "uterotropic actions of E2")


def phrase_objects(unit: Unit, tokens: Sequence[Token]) -> list[Mention]:
    """The object phrases the rules' object reader (:func:`objects.object_after`) finds after each trigger
    word of the unit ("inhibited cell proliferation", "inhibition of ROS generation": an opening
    ``pairs.phrase_openers`` word skipped), each conjunct a ``PHRASE`` mention (:func:`phrase_mention`)
    unless it overlaps a TARGET/DISEASE mention (a candidate already)."""
    out: dict[tuple[int, int], Mention] = {}
    for k, token in enumerate(tokens[:-1]):
        if not find_triggers(token.lower):
            continue
        start = k + 2 if tokens[k + 1].lower in word_set("pairs.phrase_openers") else k + 1
        for span in object_after(tokens, start):
            phrase = phrase_mention(unit, tokens, span)
            if phrase is not None and not any(m.label in OBJECT_LABELS and m.start < phrase.end
                                              and phrase.start < m.end for m in unit.mentions):
                out.setdefault((phrase.start, phrase.end), phrase)
    return list(out.values())


def phrase_mention(unit: Unit, tokens: Sequence[Token], span: ObjectSpan) -> Mention | None:
    """An object span as a ``PHRASE`` mention where it is short (under ``PHRASE_REACH`` tokens), names
    something, and is not a cell, an organism or a bare change (``learned.not_phrase_heads``) nor a
    phrase naming a chemical or a cell line; else None."""
    start, end = tokens[span.first].start, tokens[span.last].end
    text = unit.text[start - unit.start:end - unit.start]
    # the head is the noun before "of" where there is one ("proliferation of PBMCs" names a process, not cells)
    head = next((p - 1 for p in range(span.first + 1, span.last + 1) if tokens[p].lower == "of"), span.last)
    if (span.last - span.first < PHRASE_REACH and names_something(text)
            and tokens[head].lower not in word_set("learned.not_phrase_heads")
            and not any(m.label in ("CELL_LINE", "DRUG") and m.start < end and start < m.end for m in unit.mentions)):
        return Mention(unit.doc_id, start, end, text, "PHRASE", source="phrase")
    return None


def _norm(word: str) -> str:
    word = word.lower()
    return "<num>" if _NUMBER.match(word) else word


def pair_features(tokens: Sequence[Token], agent: Mention, obj: Mention,
                  path: Mapping[str, float] | None = None, context: bool = False) -> dict[str, float]:
    """The features of one candidate; ``tokens`` are the unit's, ``path`` the pair's dependency-path
    features (:func:`path_features`), ``context`` adds :func:`context_features`."""
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
        feats.update(path)
    if context:
        feats.update(context_features(tokens, agent))
    return feats


def context_features(tokens: Sequence[Token], agent: Mention) -> dict[str, float]:
    """What says the agent is measured rather than applied, or the sentence states no finding.

    The two words either side of the agent whatever the pair's order; a measure word near it
    (``pairs.measure_cues``: "levels of X", "serum X", "X concentrations"); a study-aim word in the
    unit (``pairs.aim_cues``: "we investigated whether", "to examine"); a hedge cue (``hedge_cues.tsv``).
    """
    before = [t for t in tokens if t.end <= agent.start][-2:]
    after = [t for t in tokens if t.start >= agent.end][:2]
    feats: dict[str, float] = {}
    for i, t in enumerate(reversed(before)):
        feats[f"agent_pre{i}={_norm(t.text)}"] = 1.0
    for i, t in enumerate(after):
        feats[f"agent_post{i}={_norm(t.text)}"] = 1.0
    near = {t.lower for t in before + after} | {t.lower for t in tokens if t.start < agent.end <= t.end}
    if near & word_set("pairs.measure_cues"):
        feats["agent_measure_cue"] = 1.0
    for word in {t.lower for t in tokens} & word_set("pairs.aim_cues"):
        feats[f"aim={word}"] = 1.0
        feats["aim_cue"] = 1.0
    if is_hedged(tokens)[0]:
        feats["hedged"] = 1.0
    return feats


@functools.cache
def parser_available() -> bool:
    """Whether the dependency parser (``pipeline.parser``) and its model are installed."""
    try:
        from ..parser import DEFAULT_MODEL_DIR
    except ImportError:
        return False
    return (Path(DEFAULT_MODEL_DIR) / "meta.json").is_file()


def path_features(unit: Unit, pairs: Sequence[tuple[Mention, Mention]], encoding: str,
                  doc: Doc | None = None) -> list[dict[str, float] | None]:
    """Dependency-path features of each pair of ``unit`` from one parse (``doc``, else parsed here).

    ``encoding`` "labels": the whole path's labels as one feature, each label, its length, and the
    words it runs through with their trigger effects (the first encoding, kept for older models);
    "walks": :func:`path_walks.path_walk_features` between ``AGENT`` and ``OBJ``, other mentions
    blinded as ``OTHER_<label>``. None where the pair cannot be aligned to the parse; every entry is
    None without the parser (token features only).
    """
    if not pairs or (doc is None and not parser_available()):
        return [None] * len(pairs)
    from ..parser import dependency_path, path_labels
    from .path_walks import path_walk_features

    doc = doc if doc is not None else unit_parse(unit.text)

    def span(m: Mention) -> Span | None:
        return doc.char_span(m.start - unit.start, m.end - unit.start, alignment_mode="expand")

    others: dict[int, str] = {}
    if encoding == "walks":
        for m in unit.mentions:
            if (s := span(m)) is not None:
                others.update((i, f"OTHER_{m.label}") for i in range(s.start, s.end))
    out: list[dict[str, float] | None] = []
    for agent, obj in pairs:
        a, b = span(agent), span(obj)
        if a is None or b is None:
            out.append(None)
        elif encoding == "walks":
            roles = {**others, **{i: "AGENT" for i in range(a.start, a.end)},
                     **{i: "OBJ" for i in range(b.start, b.end)}}
            out.append(path_walk_features(a, b, roles, ends=("AGENT", "OBJ")))
        else:
            path = dependency_path(a, b)
            out.append(_label_path_features(path_labels(path), [t.lower_ for t in path[1:-1]]) if path else None)
    return out


def _label_path_features(labels: Sequence[str], inner: Sequence[str]) -> dict[str, float]:
    feats = {f"path={'/'.join(labels)}": 1.0, f"pathlen={min(len(labels), 6)}": 1.0}
    for label in labels:
        feats[f"pathlabel={label}"] = 1.0
    for word in inner:  # the words the path runs through: its verb or noun ("reduced", "treatment")
        feats[f"pathword={word}"] = 1.0
        for trigger in find_triggers(word):
            feats[f"pathtrig={trigger.effect}"] = 1.0
    return feats


def path_encoding(card: Mapping[str, object]) -> str | None:
    """The path encoding a model was trained with (``paths`` in its card: True was "labels")."""
    value = card.get("paths")
    return "labels" if value is True else value if isinstance(value, str) else None


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


_IN_USE: list[PairModel] = []


@contextlib.contextmanager
def model_in_use(model: PairModel) -> Iterator[None]:
    """Read with ``model`` instead of the shipped one inside the block (evaluation: a model trained
    without the part being scored, ``evaluation/indomain.py``)."""
    _IN_USE.append(model)
    try:
        yield
    finally:
        _IN_USE.pop()


def current_model() -> PairModel | None:
    """The model :func:`model_in_use` set, else the shipped one."""
    return _IN_USE[-1] if _IN_USE else shipped_model()
