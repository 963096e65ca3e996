"""An abstract's applied antibody binds its antigen: "anti-IL-6 Abs blocked ...", "IL-6 neutralizing antibodies"."""

from __future__ import annotations

import dataclasses

from pipeline.records import Mention
from pipeline.relations.antibodies import antigen_span
from pipeline.relations.extract import extract_relations

from .conftest import find_mentions, make_document


def _antigen(text: str) -> str | None:
    span = antigen_span(Mention("d", 10, 10 + len(text), text, "DRUG", "class:x", None, "test", ()))
    return None if span is None else text[span[0] - 10:span[1] - 10]


def test_the_antigen_is_read_from_the_antibody_s_own_words():
    assert _antigen("anti-STAT3 Ab") == "STAT3"
    assert _antigen("anti-IL-6 receptor monoclonal antibody") == "IL-6 receptor"
    assert _antigen("IL-6 neutralizing antibodies") == "IL-6"
    assert _antigen("Stat-specific antisera") == "Stat"
    assert _antigen("antibodies against VEGF") == "VEGF"
    assert _antigen("tocilizumab") is None
    assert _antigen("anticancer agents") is None


def _extract(text: str, pmid: str | None = "1"):
    doc_id = f"pmid:{pmid}" if pmid else "doc"
    document = dataclasses.replace(make_document(text, doc_id), pmid=pmid)
    k = text.index("anti-IL-6 antibodies")
    antibody = Mention(doc_id, k, k + len("anti-IL-6 antibodies"), "anti-IL-6 antibodies", "DRUG", "class:il6_blocker",
                       "IL-6 blockers", "test", ())
    mentions = sorted([*find_mentions(doc_id, text), antibody], key=lambda m: m.start)
    mentions = [m for m in mentions if m is antibody or not (antibody.start <= m.start < antibody.end)]
    return extract_relations([document], mentions)


def test_an_applied_antibody_binds_its_antigen_a_detection_antibody_does_not():
    rels = _extract("MCF-7 cells were grown. The anti-IL-6 antibodies blocked STAT3 phosphorylation.")
    assert ("binds", "IL-6") in {(r.effect, r.object_text) for r in rels}
    rels = _extract("MCF-7 cells were grown. STAT3 was detected by Western blotting with anti-IL-6 antibodies.")
    assert "binds" not in {r.effect for r in rels}
    # the review keeps its own rules for its antibodies
    rels = _extract("MCF-7 cells were grown. The anti-IL-6 antibodies blocked STAT3 phosphorylation.", pmid=None)
    assert "antibody" not in {r.construction for r in rels}


def test_a_target_blocking_antibody_named_by_its_drug(extract):
    # "the IL-6 receptor (IL-6R) blocking antibody tocilizumab": the drug blocks what is named before the words
    rels = extract("The IL-6R (CD126) blocking antibody tocilizumab reduced STAT3 phosphorylation.")
    assert ("tocilizumab", "decreases", "IL-6R") in [(r.agent_text, r.effect, r.object_text) for r in rels]
    rels = extract("The IL-6 neutralizing antibody siltuximab reduced STAT3 phosphorylation.")
    assert ("siltuximab", "decreases", "IL-6") in [(r.agent_text, r.effect, r.object_text) for r in rels]


def test_a_blockade_with_a_drug_names_what_the_drug_blocks(extract):
    # "IL-6 receptor blockade with tocilizumab", as "STAT3 inhibition by X"
    rels = extract("IL-6R blockade with tocilizumab reduced tumor growth.")
    assert ("tocilizumab", "decreases", "IL-6R") in [(r.agent_text, r.effect, r.object_text) for r in rels]
