"""The named matching strategies, each on a few hand-picked pairs."""

from __future__ import annotations

from pipeline.reconcile.matching import (OBJECT_SIMILARITY_THRESHOLD, AgentIdentity, effect_weight,
                                         evidence_overlaps, object_similarity, object_tokens, same_agent)

SILTUXIMAB = AgentIdentity("agent:siltuximab", frozenset({"siltuximab", "cnto 328", "sylvant"}), "DB09036")


def test_agent_identity_by_id_alias_or_drugbank() -> None:
    assert same_agent("agent:siltuximab", "it", None, SILTUXIMAB)
    assert same_agent(None, "CNTO\u2013328".replace("\u2013", " "), None, SILTUXIMAB)
    assert same_agent(None, "SYLVANT", None, SILTUXIMAB)
    assert same_agent("DB09036", "something", None, SILTUXIMAB)
    assert not same_agent("agent:sirukumab", "sirukumab", "Sirukumab", SILTUXIMAB)
    assert not same_agent(None, "CNTO 136", None, SILTUXIMAB)


def test_effect_compatibility_is_exact_or_from_the_table() -> None:
    assert effect_weight("decreases", "decreases") == 1.0
    assert effect_weight("decreases", "binds") == effect_weight("binds", "decreases") == 0.8
    assert effect_weight("studied_in", "in_trial_for") == 0.8
    assert effect_weight("increases", "decreases") == 0.0
    assert effect_weight("approved_for", "in_trial_for") == 0.0


def test_object_words_keep_hyphenated_names_whole() -> None:
    assert object_tokens("IL-6\u2013induced survival of the cells") == {"il-6-induced", "survival", "cells"}
    assert object_tokens("rheumatoid arthritis (RA)") == {"rheumatoid", "arthritis", "ra"}
    assert object_similarity("IL-6", "IL-6R") == 0.0


def test_object_similarity_threshold_separates_same_from_different_objects() -> None:
    same = [("RA", "active RA"), ("Breast cancer", "Breast cancer prevention"), ("IL-6R", "human IL-6R"),
            ("growth of xenograft tumors", "growth of xenograft tumors of DU145")]
    different = [("IL-6\u2013induced survival of advanced prostate cancer",
                  "IL-6\u2013induced activation of ovarian cancer cells"), ("IL-6", "IL-6R antagonist drug"),
                 ("gp130", "STAT3 phosphorylation")]
    for left, right in same:
        assert object_similarity(left, right) >= OBJECT_SIMILARITY_THRESHOLD, (left, right)
        assert object_similarity(left, right) == object_similarity(right, left)
    for left, right in different:
        assert object_similarity(left, right) < OBJECT_SIMILARITY_THRESHOLD, (left, right)
    assert object_similarity("", "IL-6") == 0.0


def test_evidence_overlap_is_end_exclusive() -> None:
    assert evidence_overlaps(10, 20, 19, 30)
    assert not evidence_overlaps(10, 20, 20, 30)
    assert not evidence_overlaps(30, 35, 10, 30)
    assert evidence_overlaps(500, 510, 0, 0), "a finding without offsets does not constrain the place"
