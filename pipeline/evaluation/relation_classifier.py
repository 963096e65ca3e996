"""A linear SVM over pair-aware features that labels ChemProt candidates with a CPR group.

Train with :func:`train_classifier`, keep it with :func:`save_classifier` (``models/``,
gitignored) and score a split with :func:`evaluate_split`.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..context import PROJECT_DIR
from ..io import atomic_writer
from .chemprot import EVALUATED_GROUPS, NO_RELATION, Candidate, ChemProtSplit
from .chemprot_features import pair_features, path_features
from .scoring import Score, score_sets

logger = logging.getLogger(__name__)

DEFAULT_MODEL_PATH = PROJECT_DIR / "models" / "relations_chemprot.pkl"
MODEL_FORMAT = "relations-chemprot-svm/2"


@dataclass(frozen=True)
class PairClassifier:
    """A fitted vectoriser + linear SVM pair, and the settings it was trained with."""

    vectorizer: Any
    model: Any
    settings: tuple[tuple[str, str], ...]

    def predict(self, candidates: Sequence[Candidate]) -> list[str]:
        """The predicted group (or ``NONE``) of every candidate."""
        if not candidates:
            return []
        matrix = _int32(self.vectorizer.transform(features(candidates, dict(self.settings).get("paths") == "True")))
        return [str(label) for label in self.model.predict(matrix)]


def features(candidates: Sequence[Candidate], paths: bool) -> list[dict[str, float]]:
    """Token features of each candidate, plus its dependency-path features when ``paths``."""
    tokens = [pair_features(c) for c in candidates]
    if not paths:
        return tokens
    return [{**t, **p} for t, p in zip(tokens, path_features(candidates))]


def _int32(matrix: Any) -> Any:
    # LinearSVC's liblinear backend rejects int64 sparse indices, which DictVectorizer may emit.
    matrix = matrix.tocsr()
    matrix.indices = matrix.indices.astype(np.int32)
    matrix.indptr = matrix.indptr.astype(np.int32)
    return matrix


def train_classifier(candidates: Sequence[Candidate], *, c: float = 0.03,
                     balanced: bool = True, paths: bool = True) -> PairClassifier:
    """Fit the classifier on labelled candidates.

    Parameters
    ----------
    candidates
        Training candidates; their ``label`` is a CPR group or ``NONE``.
    c
        The SVM's regularisation constant (0.03 was best of 0.03/0.05/0.08 on the dev split).
    balanced
        Weight classes inversely to their frequency (helps the rare groups).
    paths
        Add dependency-path features from the shipped parser (dev micro-F1 .617 -> .630).
    """
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.svm import LinearSVC

    labels = [cand.label for cand in candidates]
    if len(set(labels)) < 2:
        raise ValueError(f"need at least two classes to train, got {sorted(set(labels))}")
    vectorizer = DictVectorizer()
    matrix = _int32(vectorizer.fit_transform(features(candidates, paths)))
    model = LinearSVC(C=c, class_weight="balanced" if balanced else None, max_iter=5000)
    model.fit(matrix, labels)
    logger.info("trained on %d candidates, %d features", len(candidates), matrix.shape[1])
    return PairClassifier(vectorizer, model, (("C", str(c)), ("balanced", str(balanced)), ("paths", str(paths))))


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
