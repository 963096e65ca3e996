"""Descriptions that stand for an agent named anywhere earlier in the abstract (``pipeline.relations.anaphora``):
"the plant extracts" sections after "ethanolic extracts of X", "All tested compounds" after "Compounds 9-10 and
12", "this novel agent", "their ability" after a plural "X of Y" name, a kind noun beside another agent."""

from __future__ import annotations

import dataclasses

from pipeline.records import Mention, Span

from .conftest import find_mentions, make_document


def _statements(text: str, names: dict[str, str], sections: tuple[tuple[str, str], ...] = ()) -> list[tuple]:
    """Anaphora relations of ``text``, with ``names`` (text -> id) added as DRUG mentions and ``sections`` (heading
    text -> label) splitting the document where each heading starts."""
    from pipeline.relations.extract import extract_relations

    mentions = find_mentions("doc", text)
    for name, norm_id in names.items():
        start = text.index(name)
        mentions.append(Mention("doc", start, start + len(name), name, "DRUG", norm_id, name, "pattern"))
    document = make_document(text)
    if sections:
        starts = [0, *(text.index(heading) for heading, _ in sections), len(text)]
        labels = ["ABSTRACT", *(label for _, label in sections)]
        document = dataclasses.replace(document, sections=tuple(
            Span(a, b, label) for a, b, label in zip(starts, starts[1:], labels)))
    relations = extract_relations([document], sorted(mentions, key=lambda m: m.start))
    return sorted((r.agent_id, r.effect, r.object_text, r.agent_text) for r in relations
                  if r.agent_source == "anaphora")


def test_a_description_whose_noun_is_in_an_agents_name_reaches_across_sections():
    text = ("We studied ethanolic extracts of grape seed in macrophages. RESULTS: Body weight was recorded. "
            "The plant extracts reduced IL-6 production.")
    extracts = {"ethanolic extracts of grape seed": "drug:egs"}
    assert _statements(text, extracts, (("RESULTS:", "RESULTS"),)) == [
        ("drug:egs", "decreases", "IL-6 production", "The plant extracts")]
    # no agent named with that noun: nothing to stand for past the section's start
    assert _statements(text.replace("ethanolic extracts of", "seeds of"), {"seeds of grape seed": "drug:sgs"},
                       (("RESULTS:", "RESULTS"),)) == []


def test_all_tested_compounds_stand_for_the_compounds_named_earlier():
    text = ("Compounds 9-10 and 12 were synthesized. Compound 16 reduced STAT3 phosphorylation. "
            "All tested compounds reduced IL-6 production.")
    names = {"Compounds 9-10 and 12": "drug:c91012", "Compound 16": "drug:c16"}
    # the plural noun stands in the plural name only: not "Compound 16" of the last sentence
    assert ("drug:c91012", "decreases", "IL-6 production", "All tested compounds") in _statements(text, names)
    assert not [s for s in _statements(text, names) if s[0] == "drug:c16"]


def test_a_singular_head_needs_one_agent_named_with_it():
    text = ("Cells were treated with drug A. Mice were given drug B. Body weight was recorded. Food intake was "
            "recorded. Water intake was recorded. The drug reduced IL-6 production.")
    assert _statements(text, {"drug A": "drug:a", "drug B": "drug:b"}) == []  # two drugs: ambiguous
    one = text.replace("Mice were given drug B", "Mice were kept at 22 C")
    assert _statements(one, {"drug A": "drug:a"}) == [("drug:a", "decreases", "IL-6 production", "The drug")]


def test_describing_words_inside_a_description_without_a_kind():
    text = "Cells were treated with cisplatin. Moreover, this novel agent reduced STAT3 phosphorylation."
    assert _statements(text, {}) == [("DB00515", "decreases", "STAT3 phosphorylation", "this novel agent")]


def test_a_kind_noun_refers_back_beside_an_agent_of_another_kind():
    text = ("Cells were treated with grape seed extract. In mice given cisplatin, IL-6 production was reduced "
            "by the plant extracts.")
    assert _statements(text, {"grape seed extract": "drug:gse"}) == [
        ("drug:gse", "decreases", "IL-6 production", "the plant extracts")]
    # not where the sentence names an agent of that kind itself
    other = text.replace("given cisplatin", "given green tea extract")
    assert _statements(other, {"grape seed extract": "drug:gse", "green tea extract": "drug:gte"}) == []


def test_an_x_of_y_name_is_plural_by_its_head():
    text = ("The ethanolic extracts of grape seed reduced STAT3 phosphorylation. This was confirmed by their "
            "ability to abrogate the induction of IL-8 transcription.")
    assert _statements(text, {"ethanolic extracts of grape seed": "drug:egs"}) == [
        ("drug:egs", "decreases", "induction of IL-8 transcription", "their")]
