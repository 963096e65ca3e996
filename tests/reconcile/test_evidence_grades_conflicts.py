"""Evidence grades (pipeline.grades), independent sources, newest PMID and conflict flags."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.grades import (best_grade, comparable, grade_rank, grades, graded, phase_grade, read_rows,
                             relation_grade)
from pipeline.reconcile.align import reconcile
from pipeline.reconcile.conflicts import disagree
from pipeline.reconcile.evidence import build_evidence_table, evidence_summary, independent_sources, newest_pmid
from pipeline.records import Document, Mention, Relation


def _relation(effect: str = "decreases", *, doc_id: str = "review", agent: str = "agent:x", obj: str = "breast cancer",
              object_id: str | None = "MESH:D001943", negated: bool = False, model_system: str = "unknown",
              phase: str | None = None, column: str = "", cell_line: str | None = None,
              sentence: str = "A sentence.", pmid: str | None = None) -> Relation:
    return graded(Relation(
        relation_id=f"rel:{doc_id}:{agent}:{effect}:{obj}:{negated}", doc_id=doc_id, agent_text=agent,
        agent_start=0, agent_end=1, agent_id=agent, agent_name=agent.split(":")[-1], effect=effect, triggers=(),
        object_text=obj, object_start=2, object_end=2 + len(obj), object_label="DISEASE", object_id=object_id,
        sentence_text=sentence, sentence_start=0, sentence_end=len(sentence), cell_line=cell_line,
        model_system=model_system, phase=phase, negated=negated, table_column=column or None, pmid=pmid))


def test_the_scale_is_ordered_and_rules_give_each_level() -> None:
    names = list(grades())
    assert names[0] == "unspecified" and names[-1] == "approved"
    assert grade_rank("computational") < grade_rank("in_vitro") < grade_rank("in_vivo") < grade_rank("clinical")
    assert grade_rank("phase_1") < grade_rank("phase_2") < grade_rank("phase_3") < grade_rank("approved")
    assert relation_grade(_relation("approved_for")) == "approved"
    assert relation_grade(_relation("approved_for", negated=True)) == "clinical"  # "not approved for cancer"
    assert relation_grade(_relation("in_trial_for", phase="II")) == "phase_2"
    assert relation_grade(_relation("in_trial_for", phase="I/II")) == "phase_1"
    assert relation_grade(_relation("in_trial_for")) == "clinical"
    assert relation_grade(_relation(model_system="docking")) == "computational"
    assert relation_grade(_relation(model_system="xenograft")) == "in_vivo"
    assert relation_grade(_relation(cell_line="MCF-7")) == "in_vitro"
    assert relation_grade(_relation(column="preclinical")) == "preclinical"
    assert relation_grade(_relation()) == "unspecified"
    assert phase_grade("III/II") == "phase_2" and phase_grade(None) is None
    assert best_grade(["in_vitro", "phase_1", "unspecified"]) == "phase_1" and best_grade([]) == "unspecified"


def test_negative_evidence_flag() -> None:
    assert _relation(negated=True).negative_evidence
    assert _relation("discontinued_for").negative_evidence
    assert not _relation().negative_evidence


def test_comparable_grades_share_a_tier_or_one_is_unspecified() -> None:
    assert comparable("phase_2", "approved") and comparable("in_vitro", "in_vivo")
    assert comparable("unspecified", "approved")
    assert not comparable("in_vitro", "phase_3")


def test_disagreement_rules() -> None:
    assert disagree("decreases", False, "increases", False)
    assert disagree("decreases", False, "decreases", True)
    assert disagree("studied_in", True, "decreases", False)  # decreasing implies it was studied
    assert disagree("approved_for", False, "studied_in", True)
    assert not disagree("approved_for", True, "in_trial_for", False)  # in trial but not approved: consistent
    assert not disagree("decreases", True, "increases", True)
    assert not disagree("decreases", False, "binds", False)


def test_rule_table_errors_name_file_and_line(tmp_path: Path) -> None:
    table = tmp_path / "rules.tsv"
    table.write_text("# comment\na\tb\tc\nx\ty\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"rules.tsv:3: 2 cells, expected 3"):
        read_rows(table, 3)


def test_sources_count_cited_references_and_pubmed_documents() -> None:
    members = [_relation(sentence="Shown in mice [56, 99]."), _relation(sentence="Again [99]; see [1-3]."),
               _relation(doc_id="pmid:7", pmid="7"), _relation(sentence="No citation.")]
    assert independent_sources(members) == 1 + 1 + 3 + 1 + 1  # refs 56, 99, 1, 2, 3 + pmid 7 + the review itself
    assert newest_pmid({"7", "12", ""}, {"7": 2020, "12": 2001}) == "7"
    assert newest_pmid({"7", "12"}, {}) == "12"


def test_conflicts_point_at_each_other_group_by_id_and_need_comparable_grades() -> None:
    rows_in = [
        _relation("decreases", obj="breast cancer"),                                   # unspecified
        _relation("studied_in", obj="BC", negated=True, model_system="clinical"),      # same id, written otherwise
        _relation("in_trial_for", obj="breast cancer", phase="III"),                   # phase_3
        _relation("decreases", agent="agent:y", obj="IL-6", object_id="IL6", cell_line="MCF-7"),  # in_vitro
        _relation("increases", agent="agent:y", obj="IL-6", object_id="IL6", model_system="clinical"),  # clinical
        _relation("decreases", agent="agent:z", obj="STAT3", object_id="STAT3", model_system="in_vivo"),
        _relation("increases", agent="agent:z", obj="STAT3", object_id="STAT3", cell_line="A549"),
    ]
    documents = [Document("review", "review", "", "x")]
    mentions = [Mention("review", 2, 4, "BC", "DISEASE", "MESH:D001943"),
                Mention("review", 2, 15, "breast cancer", "DISEASE", "MESH:D001943")]
    rows = build_evidence_table(rows_in, documents, reconcile(rows_in, documents, None), {}, mentions)
    by_key = {(r.agent_id, r.effect, r.negated): r for r in rows}
    denied = by_key[("agent:x", "studied_in", True)]
    affirmed = {by_key[("agent:x", "decreases", False)].evidence_id, by_key[("agent:x", "in_trial_for", False)].evidence_id}
    assert set(denied.conflicts_with.split("|")) == affirmed
    assert all(denied.evidence_id in by_key[k].conflicts_with for k in (("agent:x", "decreases", False),
                                                                       ("agent:x", "in_trial_for", False)))
    assert not by_key[("agent:y", "decreases", False)].conflict  # in vitro vs clinical: not comparable
    assert by_key[("agent:z", "decreases", False)].conflict and by_key[("agent:z", "increases", False)].conflict
    summary = evidence_summary(rows)
    assert summary["conflict_pairs"] == 3 and summary["conflict_rows"] == 5
    assert summary["per_grade"]["phase_3"] == 1


def test_rows_keyed_by_exact_entity_id_merge_abbreviation_and_full_name() -> None:
    text = "RA and rheumatoid arthritis"
    first = dataclasses.replace(_relation("approved_for", obj="RA", object_id="MESH:D001172"), object_start=0,
                                object_end=2, relation_id="rel:1")
    second = dataclasses.replace(_relation("approved_for", obj="rheumatoid arthritis", object_id="MESH:D001172"),
                                 object_start=7, object_end=27, relation_id="rel:2")
    documents = [Document("review", "review", "", text)]
    mentions = [Mention("review", 0, 2, "RA", "DISEASE", "MESH:D001172"),
                Mention("review", 7, 27, "rheumatoid arthritis", "DISEASE", "MESH:D001172")]
    rows = build_evidence_table([first, second], documents, reconcile([first, second], documents, None), {}, mentions)
    assert len(rows) == 1 and rows[0].evidence_count == 2
