"""report.html on the fixture run, checked with the stdlib HTML parser (no browser needed)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from pipeline.context import RunContext
from pipeline.records import Mention
from pipeline.report.html import highlight
from shared_fixtures import run_stage
from pipeline.stages import STAGE_FILES


class Census(HTMLParser):
    """Table rows by table id, marks inside each SVG by id, every URL-bearing attribute, <mark> texts."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, int] = {}
        self.svg_marks: dict[str, int] = {}
        self.urls: list[str] = []
        self.marks: list[tuple[str, str]] = []
        self._table: str | None = None
        self._tbody = False
        self._svg: str | None = None
        self._mark: str | None = None

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        a = dict(attrs)
        self.urls += [v for k, v in attrs if k in ("src", "href") and v]
        if tag == "table":
            self._table = a.get("id")
            self.rows.setdefault(self._table or "", 0)
        elif tag == "tbody":
            self._tbody = True
        elif tag == "tr" and self._tbody and self._table:
            self.rows[self._table] += 1
        elif tag == "svg":
            self._svg = a.get("id")
            self.svg_marks.setdefault(self._svg or "", 0)
        elif tag in ("rect", "path", "circle") and self._svg:
            self.svg_marks[self._svg] += 1
        elif tag == "mark":
            self._mark = a.get("class")

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag == "table":
            self._table, self._tbody = None, False
        elif tag == "svg":
            self._svg = None
        elif tag == "mark":
            self._mark = None

    def handle_data(self, data):  # noqa: ANN001
        if self._mark:
            self.marks.append((self._mark, data))


def _report(fx, out: Path, gold: Path | None = None, run_id: str = "20991231T000000Z-abcdef12") -> str:
    fx.write_run(out)
    context = RunContext(out_dir=out, gold_dir=gold or fx.GOLD_DIR, options=(("run_id", run_id),))
    run_stage("reconcile", context)
    run_stage("report", context)
    return (out / STAGE_FILES["report"]).read_text(encoding="utf-8")


def test_report_shows_table_plots_missed_facts_and_highlighted_new_evidence(fx, tmp_path: Path) -> None:
    html = _report(fx, tmp_path)
    census = Census()
    census.feed(html)
    evidence_rows = (tmp_path / STAGE_FILES["evidence_csv"]).read_text(encoding="utf-8").count("\nev:")
    assert census.rows["evidence-table"] == evidence_rows > 0
    assert census.rows["missed-table"] == 1 and "F004" in html
    assert census.rows["new-evidence-table"] == 2
    assert census.rows["unmatched-table"] == 2
    for plot in ("plot-fields", "plot-kinds", "plot-agents", "plot-network"):
        assert census.svg_marks.get(plot, 0) > 0, plot
    assert ("agent", "Sarilumab") in census.marks and ("object", "IL-6R") in census.marks
    assert "0.600" in html and "0.750" in html, "headline precision and recall"


def test_report_is_self_contained_and_carries_no_run_id(fx, tmp_path: Path) -> None:
    html = _report(fx, tmp_path)
    census = Census()
    census.feed(html)
    # links only: in-page anchors and PubMed pages; nothing the page loads (no src)
    assert all(u.startswith("#") or u.startswith("https://pubmed.ncbi.nlm.nih.gov/") for u in census.urls)
    assert "https://pubmed.ncbi.nlm.nih.gov/1/" in census.urls
    assert ' src=' not in html
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg|pubmed\.ncbi\.nlm\.nih\.gov/)", html)
    assert "20991231" not in html


def test_report_without_gold_says_so(fx, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    html = _report(fx, tmp_path / "out", gold=empty)
    assert "No gold table" in html
    census = Census()
    census.feed(html)
    assert census.rows["evidence-table"] > 0 and census.svg_marks["plot-network"] > 0


def test_highlight_marks_agent_object_and_mentions_without_overlap(fx) -> None:
    docs = fx.documents()
    relation = fx.relations(docs)[0]  # Siltuximab decreases IL-6 signaling, MCF-7 in the sentence
    mentions = fx.mentions(docs) + [Mention("review", relation.agent_start, relation.agent_start + 4, "Silt", "DRUG")]
    marked = highlight(relation, mentions)
    assert marked.count("<mark") == 3
    assert '<mark class="agent" title="agent">Siltuximab</mark>' in marked
    assert '<mark class="CELL_LINE" title="CELL_LINE">MCF-7</mark>' in marked
    assert re.sub(r"<[^>]+>", "", marked) == relation.sentence_text


def test_per_agent_chart_labels_agents_by_name(fx, tmp_path: Path) -> None:
    html = _report(fx, tmp_path)
    chart = html[html.index('id="plot-agents"'):]
    chart = chart[:chart.index("</svg>")]
    labels = re.findall(r'class="label"[^>]*>([^<]+)</text>', chart)
    assert {"Siltuximab", "Tocilizumab"} <= set(labels)
    assert not any(label.startswith("agent:") for label in labels)


def test_curator_part_comes_first_with_cards_filters_legends_and_conflicts(fx, tmp_path: Path) -> None:
    import dataclasses

    from pipeline.context import Project
    from pipeline.grades import grades

    fx.write_run(tmp_path)
    context = RunContext(out_dir=tmp_path, gold_dir=fx.GOLD_DIR, project=dataclasses.replace(
        Project(), report_title="A fixture title", review_title="The fixture review"))
    run_stage("reconcile", context)
    run_stage("report", context)
    html = (tmp_path / STAGE_FILES["report"]).read_text(encoding="utf-8")
    assert "<h1>A fixture title</h1>" in html and "<title>A fixture title</title>" in html
    assert "The fixture review" in html
    order = [html.index(f'id="{section}"') for section in ("legend", "agents", "evidence", "conflicts", "accuracy")]
    assert order == sorted(order), "curators first, accuracy last"
    # one card per agent of the evidence table; project agents carry the axis flag
    csv_agents = {line.split(",")[2] for line in (tmp_path / STAGE_FILES["evidence_csv"]).read_text().splitlines()[1:]}
    assert html.count('<article class="card"') == len(csv_agents) == 4
    assert html.count('<span class="flag axis">axis agent</span>') >= 3
    for control in ("f-grade", "f-agent", "f-object", "f-disease", "f-source", "f-conflict", "f-text"):
        assert f'id="{control}"' in html, control
    legend = html[html.index('id="legend"'):html.index('id="agents"')]
    for name in grades():
        assert f'>{name.replace("_", " ")}</span>' in legend, name
    for css in ("agent", "object", "DRUG", "TARGET", "DISEASE", "CELL_LINE"):
        assert f'<mark class="{css}">' in legend, css
    # the table: every row carries its filter values; the two Tocilizumab rows point at each other
    rows = re.findall(r'<tr id="(ev:[0-9a-f]+)" data-grade="(\d+)" data-agent="([^"]*)"[^>]*data-conflict="(\d)"', html)
    assert len(rows) == (tmp_path / STAGE_FILES["evidence_csv"]).read_text(encoding="utf-8").count("\nev:")
    conflicted = [r[0] for r in rows if r[3] == "1"]
    assert len(conflicted) == 2 and all(f'href="#{other}"' in html for other in conflicted)
    assert "Conflicting findings (1 pairs)" in html
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/1/"' in html
    table = html[html.index('id="evidence-table"'):html.index('id="conflicts"')]
    assert '<mark class="agent" title="agent">Sarilumab</mark>' in table
    assert '<mark class="object" title="object">IL-6R</mark>' in table
