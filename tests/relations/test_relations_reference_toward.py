"""A point of reference stays one with an article between its cue and its name ("more potent than the E-isomer");
"cytotoxic activity toward X" reads as "against X"."""

from __future__ import annotations


def _read(relations):
    return sorted((r.agent_text, r.effect, r.object_text) for r in relations)


def test_an_article_between_than_and_the_name_keeps_it_a_point_of_reference(extract):
    # before: "the E-isomer"-like reference took the gerund's statement ("than the cisplatin ... in inhibiting")
    assert _read(extract("Bortezomib was more potent than the cisplatin in inhibiting STAT3 activation.")) == [
        ("Bortezomib", "decreases", "STAT3 activation")]


def test_cytotoxic_activity_toward_cells_decreases_them(extract):
    assert _read(extract("Bortezomib demonstrated cytotoxic activity toward MCF-7 cells.")) == [
        ("Bortezomib", "decreases", "MCF-7 cells")]
    assert _read(extract("Bortezomib showed cytotoxicity toward MCF-7 cells.")) == [("Bortezomib", "decreases", "MCF-7 cells")]


def test_the_cue_word_before_against_is_read_over_the_agents_name(extract):
    # "Significant cytotoxicity of hydrazone 16 against MDA-MB-231": the name hid the cue word "cytotoxicity"
    assert _read(extract("The cytotoxicity of CNTO 328 against MCF-7 cells was high.")) == [
        ("CNTO 328", "decreases", "MCF-7 cells")]


def test_an_activity_against_phrase_as_a_passive_subject_takes_the_agent_after_by(extract):
    assert _read(extract("Cytotoxic activity against MCF-7 cells was demonstrated by bortezomib.")) == [
        ("bortezomib", "decreases", "MCF-7 cells")]
