"""Linear SVMs over pair-aware features that label ChemProt candidates with a CPR group.

Train with :func:`train_classifier`, keep it with :func:`save_classifier` (``models/``,
gitignored) and score a split with :func:`evaluate_split`.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..context import PROJECT_DIR
from ..io import atomic_writer
from .chemprot import EVALUATED_GROUPS, NO_RELATION, Candidate, ChemProtSplit
from .chemprot_features import pair_features, path_features
from .chemprot_paths import rich_path_features
from .parse_cache import cached_parses
from .scoring import Score, score_sets

if TYPE_CHECKING:
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)

DEFAULT_MODEL_PATH = PROJECT_DIR / "models" / "relations_chemprot.pkl"
MODEL_FORMAT = "relations-chemprot-svm/4"
DEFAULT_C = 0.03
DEFAULT_THRESHOLD = 0.1


@dataclass(frozen=True)
class PairClassifier:
    """Linear SVMs, one per feature view (``(view, vectoriser, svm)``), and the settings they were trained with.

    With path features the members are the SVM on all features and one each on the token and the path
    features alone; their decision values are averaged (micro-F1 of 5-fold CV over train+dev documents
    .668 -> .674; train -> dev unchanged, see the relations README).
    """

    members: tuple[tuple[str, Any, Any], ...]
    settings: tuple[tuple[str, str], ...]

    @property
    def classes(self) -> list[str]:
        return [str(label) for label in self.members[0][2].classes_]

    def scores(self, candidates: Sequence[Candidate], parses: Mapping[str, Doc] | None = None) -> np.ndarray:
        """The members' mean decision value per candidate (rows) and class (columns, :attr:`classes`)."""
        views = feature_views(candidates, dict(self.settings).get("paths") == "True", parses)
        total = np.zeros((len(candidates), len(self.classes)))
        for view, vectorizer, model in self.members:
            values = model.decision_function(_int32(vectorizer.transform(views[view])))
            total += np.stack([-values, values], axis=1) if values.ndim == 1 else values  # 2 classes: one margin
        return total / len(self.members)

    def predict(self, candidates: Sequence[Candidate], parses: Mapping[str, Doc] | None = None) -> list[str]:
        """The predicted group (or ``NONE``) of every candidate.

        A candidate gets the best-scoring evaluated group when its score beats every other class (``NONE``
        and the unevaluated groups it may have been trained with) by more than the ``threshold`` setting.
        ``parses`` maps sentences to their parses (:mod:`.parse_cache`); absent ones are parsed here.
        """
        if not candidates:
            return []
        scores, classes = self.scores(candidates, parses), self.classes
        scored = [i for i, label in enumerate(classes) if label in EVALUATED_GROUPS]
        if not scored:
            return [NO_RELATION] * len(candidates)
        rest = [i for i in range(len(classes)) if i not in scored]
        best = np.asarray(scored)[scores[:, scored].argmax(axis=1)]
        margin = scores[:, scored].max(axis=1) - (scores[:, rest].max(axis=1) if rest else -np.inf)
        threshold = float(dict(self.settings).get("threshold", "0"))
        return [classes[b] if m > threshold else NO_RELATION for b, m in zip(best, margin)]


def feature_views(candidates: Sequence[Candidate], paths: bool,
                  parses: Mapping[str, Doc] | None = None) -> dict[str, list[dict[str, float]]]:
    """Each candidate's features by view: ``tokens`` (:func:`.pair_features`) and, when ``paths``, ``paths``
    (dependency-path features) and ``all`` (both)."""
    tokens = [pair_features(c) for c in candidates]
    if not paths:
        return {"tokens": tokens}
    if parses is None or any(c.sentence not in parses for c in candidates):
        parses = cached_parses((c.sentence for c in candidates), cache_dir=None)
    path = [{**p, **rich_path_features(c, parses[c.sentence])}
            for p, c in zip(path_features(candidates, parses), candidates)]
    return {"all": [{**t, **p} for t, p in zip(tokens, path)], "tokens": tokens, "paths": path}


def _int32(matrix: Any) -> Any:
    # LinearSVC's liblinear backend rejects int64 sparse indices, which DictVectorizer may emit.
    matrix = matrix.tocsr()
    matrix.indices = matrix.indices.astype(np.int32)
    matrix.indptr = matrix.indptr.astype(np.int32)
    return matrix


def train_classifier(candidates: Sequence[Candidate], *, c: float = DEFAULT_C, balanced: bool = True,
                     paths: bool = True, labels: Sequence[str] | None = None, threshold: float = DEFAULT_THRESHOLD,
                     parses: Mapping[str, Doc] | None = None, ensemble: bool = True) -> PairClassifier:
    """Fit the classifier on labelled candidates.

    Parameters
    ----------
    candidates
        Training candidates; their ``label`` is a CPR group or ``NONE``.
    c
        The SVMs' regularisation constant (chosen on the dev split; see the relations README).
    balanced
        Weight classes inversely to their frequency (helps the rare groups).
    paths
        Add dependency-path features from the shipped parser (the path's labels and words, dev micro-F1
        .617 -> .630, and the blinded walks of :mod:`.chemprot_paths`) and the per-view members.
    labels
        Training labels in place of each candidate's ``label``, e.g. :func:`.chemprot.training_labels`
        (unevaluated groups as classes of their own); predictions of a class outside the evaluated
        groups count as ``NONE``.
    threshold
        The margin an evaluated group's mean score needs over every other class (chosen on dev).
    parses
        Sentence -> parse (:mod:`.parse_cache`); absent sentences are parsed here.
    ensemble
        With ``paths``, train the per-view members beside the SVM on all features (else that one only).
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.svm import LinearSVC

    targets = list(labels) if labels is not None else [cand.label for cand in candidates]
    if len(targets) != len(candidates):
        raise ValueError(f"{len(targets)} labels for {len(candidates)} candidates")
    if len(set(targets)) < 2:
        raise ValueError(f"need at least two classes to train, got {sorted(set(targets))}")
    members = []
    views = feature_views(candidates, paths, parses)
    if not ensemble:
        views = {"all": views["all"]} if paths else views
    for view, rows in views.items():
        vectorizer = DictVectorizer()
        matrix = _int32(vectorizer.fit_transform(rows))
        model = LinearSVC(C=c, class_weight="balanced" if balanced else None, max_iter=5000)
        model.fit(matrix, targets)
        members.append((view, vectorizer, model))
        logger.info("%s view: %d candidates, %d features, classes %s", view, len(candidates), matrix.shape[1],
                    list(model.classes_))
    return PairClassifier(tuple(members), (("C", str(c)), ("balanced", str(balanced)), ("paths", str(paths)),
                                           ("threshold", str(threshold)), ("ensemble", str(ensemble))))


def save_classifier(classifier: PairClassifier, path: Path = DEFAULT_MODEL_PATH) -> Path:
    """Pickle the classifier atomically to ``path``."""
    with atomic_writer(path, "wb") as handle:
        pickle.dump({"format": MODEL_FORMAT, "classifier": classifier}, handle)
    return Path(path)


def load_classifier(path: Path = DEFAULT_MODEL_PATH) -> PairClassifier:
    """Load a classifier saved by :func:`save_classifier` (only load files you made yourself)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no trained relation model; run `evidence train relations` first")
    with path.open("rb") as handle:
        payload = pickle.load(handle)
    if not isinstance(payload, dict) or payload.get("format") != MODEL_FORMAT:
        raise ValueError(f"{path}: not a {MODEL_FORMAT} model")
    return payload["classifier"]


def predictions_to_pairs(candidates: Sequence[Candidate], labels: Sequence[str]) -> set[tuple[tuple[str, str, str], str]]:
    """Predicted ``((pmid, chem_id, gene_id), group)`` pairs for the evaluated groups."""
    return {((c.pmid, c.chemical.ent_id, c.gene.ent_id), label)
            for c, label in zip(candidates, labels) if label != NO_RELATION and label in EVALUATED_GROUPS}


def evaluate_split(split: ChemProtSplit, labels: Sequence[str]) -> list[Score]:
    """Official-style scores: per evaluated group and micro, against the split's full gold set."""
    gold = {((pmid, chem, gene), group) for pmid, group, chem, gene in split.gold}
    return score_sets(gold, predictions_to_pairs(split.candidates, labels), EVALUATED_GROUPS)
