"""K-fold cross-validation of the ChemProt classifier over whole abstracts of the train/dev splits.

Pooling train and dev gives every setting a figure over ~1,600 abstracts instead of dev's 612, so a
choice between settings rests on more than one split's noise. Folds hold whole abstracts (pairs of
one abstract share sentences); each fold is scored by a model trained on the others, and the pooled
predictions are scored against the pooled gold set with the official-style scorer.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from .chemprot import EVALUATED_GROUPS, ChemProtSplit
from .parse_cache import cached_parses
from .relation_classifier import predictions_to_pairs, train_classifier
from .scoring import Score, score_sets


def cross_validate(splits: Sequence[ChemProtSplit], labels: Sequence[Sequence[str]], *, folds: int = 5,
                   seed: int = 7, **settings: Any) -> list[Score]:
    """Per-group and micro scores of ``folds``-fold CV over the abstracts of ``splits``.

    ``labels`` gives each split's training labels (one per candidate, e.g. :func:`.chemprot.training_labels`);
    ``settings`` go to :func:`.relation_classifier.train_classifier`.
    """
    if folds < 2:
        raise ValueError(f"cross-validation needs at least 2 folds, got {folds}")
    candidates = [c for split in splits for c in split.candidates]
    targets = [label for split_labels in labels for label in split_labels]
    if len(targets) != len(candidates):
        raise ValueError(f"{len(targets)} labels for {len(candidates)} candidates")
    pmids = sorted({c.pmid for c in candidates})
    random.Random(seed).shuffle(pmids)
    fold_of = {pmid: n % folds for n, pmid in enumerate(pmids)}
    parses = cached_parses(c.sentence for c in candidates)
    predicted: list[str] = [""] * len(candidates)
    for fold in range(folds):
        train = [i for i, c in enumerate(candidates) if fold_of[c.pmid] != fold]
        held = [i for i, c in enumerate(candidates) if fold_of[c.pmid] == fold]
        classifier = train_classifier([candidates[i] for i in train], labels=[targets[i] for i in train],
                                      parses=parses, **settings)
        for i, label in zip(held, classifier.predict([candidates[i] for i in held], parses)):
            predicted[i] = label
    gold = {((pmid, chem, gene), group) for split in splits for pmid, group, chem, gene in split.gold}
    return score_sets(gold, predictions_to_pairs(candidates, predicted), EVALUATED_GROUPS)
