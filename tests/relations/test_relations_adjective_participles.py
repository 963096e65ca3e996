"""A participle that describes a cell or animal phrase states no verb ("cell lines with reduced Y")."""

from __future__ import annotations


def _read(relations) -> list[tuple[str, str, str]]:
    return sorted((r.agent_text, r.effect, r.object_text) for r in relations)


def test_a_participle_after_cells_with_or_inside_in_a_cell_phrase_describes_them(extract):
    # "treatments induced DOCK8 expression in lung cancer cell lines with reduced DOCK8 expression":
    # the treatment was read as reducing DOCK8 expression too
    assert _read(extract("Cisplatin induced STAT3 expression in MCF-7 cell lines with reduced IL-6 expression.")) == [
        ("Cisplatin", "increases", "STAT3 expression")]
    # "the influence of Goishi-tea on visceral fat weight in induced obese mice": no "increases obese mice"
    assert _read(extract("We measured the effect of cisplatin on body weight in induced obese mice.")) == []


def test_a_change_after_in_or_with_keeps_its_statement(extract):
    assert _read(extract("Cisplatin resulted in decreased IL-6 in MCF-7 cells.")) == [("Cisplatin", "decreases", "IL-6")]
    assert _read(extract("Cisplatin resulted in enhanced cell death in MCF-7 cells.")) == [
        ("Cisplatin", "increases", "cell death")]
    assert _read(extract("Cisplatin was associated with increased IL-6 levels.")) == [
        ("Cisplatin", "increases", "IL-6 levels")]
