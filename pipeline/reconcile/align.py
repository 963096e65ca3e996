"""Aligning extracted relations with gold findings, one to one.

A (finding, relation) pair is a *candidate* when every strategy of
:mod:`pipeline.reconcile.matching` accepts it: same agent, compatible effect,
similar object, same place in the review. Among candidates, an optimal
one-to-one assignment (maximum total score, ``scipy.optimize.linear_sum_assignment``)
decides the matches, so one relation never counts for two gold findings and a
gold finding extracted twice credits only one relation. The others are
reported as redundant candidates, not hidden.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from ..text import to_raw_span
from ..gold.records import GoldTable
from ..records import MATCHED, MISSED, NEW_EVIDENCE, NO_GOLD, REVIEW_DOC_ID, UNMATCHED_IN_REVIEW, Document, Relation
from .matching import (CROSS_EFFECT_SIMILARITY_THRESHOLD, OBJECT_SIMILARITY_THRESHOLD, effect_weight, evidence_overlaps, identities,
                       object_similarity, same_agent)

logger = logging.getLogger(__name__)



@dataclass(frozen=True)
class Candidate:
    """A (gold finding, relation) pair every strategy accepts, with its score in (0, 1]."""

    finding_id: str
    relation_id: str
    effect_weight: float
    object_similarity: float

    @property
    def score(self) -> float:
        return self.effect_weight * self.object_similarity


@dataclass(frozen=True)
class Reconciliation:
    """The outcome of :func:`reconcile`.

    ``matches`` is the one-to-one assignment; ``candidates`` every acceptable pair;
    ``relation_status`` maps each relation id to matched / unmatched-in-review /
    new-evidence (or no-gold when there is no gold table); ``gold_status`` each
    finding id to matched / missed.
    """

    gold_available: bool
    matches: tuple[Candidate, ...]
    candidates: tuple[Candidate, ...]
    relation_status: tuple[tuple[str, str], ...]
    gold_status: tuple[tuple[str, str], ...]

    def relation_statuses(self) -> dict[str, str]:
        return dict(self.relation_status)

    def match_by_finding(self) -> dict[str, Candidate]:
        return {m.finding_id: m for m in self.matches}

    def match_by_relation(self) -> dict[str, Candidate]:
        return {m.relation_id: m for m in self.matches}


def is_review(relation: Relation) -> bool:
    return relation.doc_id == REVIEW_DOC_ID


def in_gold_scope(relation: Relation) -> bool:
    """A review relation about one of the review's axis agents: the gold table records findings for
    those agents only, so another drug's relation in the review is neither matched nor spurious.
    An ``agent:`` id counts too (relations written before the ``axis_agent`` field), and so does an agent
    without an id, which may be an alias of a gold agent."""
    agent_id = relation.agent_id or ""
    return is_review(relation) and (relation.axis_agent or not agent_id or agent_id.startswith("agent:"))


def raw_object_span(relation: Relation, review: Document | None) -> tuple[int, int]:
    """The relation's object span in the raw review file (identity when there is no source map)."""
    if review is None or relation.object_end <= relation.object_start:
        return relation.object_start, relation.object_end
    return to_raw_span(review.source_map, relation.object_start, relation.object_end)


def find_candidates(relations: Sequence[Relation], review: Document | None, gold: GoldTable) -> list[Candidate]:
    """Every (finding, review relation) pair accepted by all four matching strategies."""
    agents = identities(gold.agents)
    review_relations = [r for r in relations if in_gold_scope(r)]
    spans = {r.relation_id: raw_object_span(r, review) for r in review_relations}
    out: list[Candidate] = []
    for finding in gold.findings:
        identity = agents.get(finding.agent_id)
        if identity is None:
            logger.warning("gold finding %s names unknown agent %s", finding.finding_id, finding.agent_id)
            continue
        for relation in review_relations:
            if not same_agent(relation.agent_id, relation.agent_text, relation.agent_name, identity):
                continue
            weight = effect_weight(relation.effect, finding.effect)
            if weight <= 0:
                continue
            start, end = spans[relation.relation_id]
            if not evidence_overlaps(start, end, finding.evidence_start, finding.evidence_end):
                continue
            similarity = object_similarity(relation.object_text, finding.object)
            if similarity < (OBJECT_SIMILARITY_THRESHOLD if weight == 1.0 else CROSS_EFFECT_SIMILARITY_THRESHOLD):
                continue
            out.append(Candidate(finding.finding_id, relation.relation_id, weight, round(similarity, 4)))
    return out


def assign(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The one-to-one subset of ``candidates`` with the largest total score (ties broken by id order)."""
    if not candidates:
        return []
    findings = sorted({c.finding_id for c in candidates})
    relation_ids = sorted({c.relation_id for c in candidates})
    f_index = {f: i for i, f in enumerate(findings)}
    r_index = {r: i for i, r in enumerate(relation_ids)}
    scores = np.zeros((len(findings), len(relation_ids)))
    by_cell: dict[tuple[int, int], Candidate] = {}
    for candidate in candidates:
        cell = (f_index[candidate.finding_id], r_index[candidate.relation_id])
        if candidate.score > scores[cell]:
            scores[cell] = candidate.score
            by_cell[cell] = candidate
    rows, cols = linear_sum_assignment(scores, maximize=True)
    chosen = [by_cell[(r, c)] for r, c in zip(rows, cols) if (r, c) in by_cell]
    return sorted(chosen, key=lambda c: (c.finding_id, c.relation_id))


def reconcile(relations: Sequence[Relation], documents: Sequence[Document], gold: GoldTable | None) -> Reconciliation:
    """Match extracted relations to gold findings.

    Parameters
    ----------
    relations
        Every extracted relation (review and PubMed).
    documents
        The documents they come from; the review's ``source_map`` maps offsets to the raw file.
    gold
        A :class:`~pipeline.gold.GoldTable`, or None when there is no gold table.

    Returns
    -------
    Reconciliation
        Matches, candidates and the status of every relation and gold finding.
    """
    review = next((d for d in documents if d.doc_id == REVIEW_DOC_ID), None)
    if gold is None:
        status = tuple((r.relation_id, NO_GOLD if is_review(r) else NEW_EVIDENCE) for r in relations)
        return Reconciliation(False, (), (), status, ())
    candidates = sorted(find_candidates(relations, review, gold), key=lambda c: (c.finding_id, c.relation_id))
    matches = assign(candidates)
    matched_relations = {m.relation_id for m in matches}
    matched_findings = {m.finding_id for m in matches}
    relation_status = tuple(
        (r.relation_id, (MATCHED if r.relation_id in matched_relations else UNMATCHED_IN_REVIEW)
         if in_gold_scope(r) else NO_GOLD if is_review(r) else NEW_EVIDENCE)
        for r in relations)
    gold_status = tuple((f.finding_id, MATCHED if f.finding_id in matched_findings else MISSED)
                        for f in gold.findings)
    logger.info("reconciled %d relations with %d gold findings: %d matches", len(relations),
                len(gold_status), len(matches))
    return Reconciliation(True, tuple(matches), tuple(candidates), relation_status, gold_status)
