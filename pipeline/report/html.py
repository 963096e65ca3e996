"""The curator's ``report.html``: one self-contained page (inline CSS, JS and SVG; nothing fetched).

Sections: headline figures, accuracy plots (per field, per kind, per agent), the
evidence table (click a header to sort, type to filter; ``report.html#filter=LMT-28&sort=effect``
opens it filtered and sorted), missed gold facts,
extracted review statements not in the gold table, new PubMed evidence with the
entities highlighted, and the agent -> target network. No run id or time is
printed, so the same inputs give the same bytes.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from ..records import Mention, Relation
from .svg import bar_chart, network

logger = logging.getLogger(__name__)

#: Evidence-table columns shown in the report (the CSV has them all).
SHOWN_COLUMNS = ("agent", "target_class", "kind", "effect", "object", "negated", "hedged", "context",
                 "model_system", "phase", "evidence_count", "pmids", "gold_status", "best_evidence_sentence")
#: At most this many statements per list section (the CSV files hold the rest).
LIST_LIMIT = 300

CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:0 24px 40px;color:#222}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #ccc}
.figures{display:flex;flex-wrap:wrap;gap:12px}.figure{border:1px solid #ccc;border-radius:6px;padding:8px 14px}
.figure b{display:block;font-size:22px}.note{color:#555}
table{border-collapse:collapse;font-size:12px}th,td{border:1px solid #ddd;padding:3px 5px;vertical-align:top}
th{background:#f0f0f0;cursor:pointer;position:sticky;top:0}th.sorted-asc:after{content:" \\25B2"}
th.sorted-desc:after{content:" \\25BC"}td.sentence{max-width:480px}
.chart-title{font-weight:bold;font-size:13px}.label,.legend,.tick,.value{font-size:11px}.grid{stroke:#ddd}
.node.agent{fill:#444}.node.target{fill:#e377c2}
mark.agent{background:#ffd8a8}mark.object{background:#b2f2bb}mark.DRUG{background:#ffe066}
mark.TARGET{background:#d0bfff}mark.DISEASE{background:#a5d8ff}mark.CELL_LINE{background:#fcc2d7}
.charts{display:flex;flex-wrap:wrap;gap:20px}#evidence-filter{width:320px;padding:4px;margin:6px 0}
"""

JS = """
function sortTable(th){var t=th.closest('table'),i=Array.prototype.indexOf.call(th.parentNode.children,th),
asc=!th.classList.contains('sorted-asc');t.querySelectorAll('th').forEach(function(h){h.classList.remove(
'sorted-asc','sorted-desc')});th.classList.add(asc?'sorted-asc':'sorted-desc');var b=t.tBodies[0],
r=Array.prototype.slice.call(b.rows);r.sort(function(x,y){var a=x.cells[i].textContent,c=y.cells[i].textContent,
n=parseFloat(a),m=parseFloat(c);var d=(!isNaN(n)&&!isNaN(m))?n-m:a.localeCompare(c);return asc?d:-d});
r.forEach(function(x){b.appendChild(x)})}
function filterTable(id,q){q=q.toLowerCase();var n=0;document.querySelectorAll('#'+id+' tbody tr').forEach(
function(r){var s=r.textContent.toLowerCase().indexOf(q)>=0;r.style.display=s?'':'none';if(s)n++});
document.getElementById(id+'-count').textContent=n}
document.addEventListener('DOMContentLoaded',function(){document.querySelectorAll('table.sortable th').forEach(
function(h){h.addEventListener('click',function(){sortTable(h)})});
var p=new URLSearchParams(location.hash.slice(1)),f=p.get('filter'),s=p.get('sort');
if(f){var i=document.getElementById('evidence-filter');i.value=f;filterTable('evidence-table',f)}
if(s){document.querySelectorAll('#evidence-table th').forEach(function(h){if(h.textContent==s)sortTable(h)})}});
"""


@dataclass(frozen=True)
class ReportData:
    """Everything the page shows, read from the stage files."""

    metrics: dict[str, Any]
    evidence: Sequence[dict[str, Any]]
    missed: Sequence[dict[str, str]]
    unmatched: Sequence[Relation]
    new_evidence: Sequence[Relation]
    mentions: Sequence[Mention]
    relations: Sequence[Relation]


def _figure(label: str, value: Any) -> str:
    return f'<div class="figure"><b>{escape(str(value))}</b>{escape(label)}</div>'


def headline(metrics: dict[str, Any]) -> str:
    counts = metrics.get("counts", {})
    rec = metrics.get("reconciliation", {})
    figures = [_figure("documents", counts.get("documents", 0)), _figure("sentences", counts.get("sentences", 0)),
               _figure("mentions", counts.get("mentions", 0)),
               _figure("relations (review)", counts.get("relations_review", 0)),
               _figure("relations (PubMed)", counts.get("relations_pubmed", 0))]
    if rec.get("gold_available"):
        overall = rec["overall"]
        figures = [_figure("precision", f"{overall['precision']:.3f}"), _figure("recall", f"{overall['recall']:.3f}"),
                   _figure("F1", f"{overall['f1']:.3f}"),
                   _figure("gold findings matched", f"{overall['matched_gold']} / {overall['gold']}"),
                   _figure("review relations matched", f"{overall['matched_relations']} / {overall['relations']}"),
                   ] + figures
        bar = rec.get("bar")
        if bar:
            figures.append(_figure(f"bar: recall >= {bar['recall_at_least']:.2f} at precision >= "
                                   f"{bar['precision_at_least']:.2f}", "met" if bar["met"] else "not met"))
        note = ("Precision = matched relations / relations extracted from the review; recall = matched gold "
                "findings / gold findings; one-to-one matching (see docs/evidence_table.md).")
    else:
        note = "No gold table: accuracy is not reported."
    return f'<section id="headline"><div class="figures">{"".join(figures)}</div><p class="note">{escape(note)}</p></section>'


def accuracy_plots(metrics: dict[str, Any], agent_names: dict[str, str] | None = None) -> str:
    """Bar charts of field agreement, per-kind and per-agent scores; agents labelled by name when known."""
    rec = metrics.get("reconciliation", {})
    if not rec.get("gold_available"):
        return '<section id="accuracy"><h2>Accuracy</h2><p>No gold table.</p></section>'
    fields = rec["field_agreement"]
    field_names = sorted(fields)
    charts = [bar_chart("plot-fields", "Agreement per field on matched pairs", field_names,
                        {"agreement": [fields[n]["agreement"] for n in field_names]})]
    kinds = sorted(rec["per_kind"])
    charts.append(bar_chart("plot-kinds", "Precision / recall per kind", kinds,
                            {k: [rec["per_kind"][n][k.lower()] for n in kinds] for k in ("Precision", "Recall", "F1")}))
    names = agent_names or {}
    agents = sorted(rec["per_agent"], key=lambda n: (names.get(n, n).lower(), n))
    charts.append(bar_chart("plot-agents", "Precision / recall per agent", [names.get(n, n) for n in agents],
                            {k: [rec["per_agent"][n][k.lower()] for n in agents] for k in ("Precision", "Recall", "F1")}))
    return f'<section id="accuracy"><h2>Accuracy</h2><div class="charts">{"".join(charts)}</div></section>'


def _cell(value: Any, column: str) -> str:
    text = str(value).lower() if isinstance(value, bool) else str(value)
    css = ' class="sentence"' if column == "best_evidence_sentence" else ""
    return f"<td{css}>{escape(text)}</td>"


def evidence_table(rows: Sequence[dict[str, Any]]) -> str:
    head = "".join(f"<th>{escape(c)}</th>" for c in SHOWN_COLUMNS)
    body = "".join("<tr>" + "".join(_cell(row.get(c, ""), c) for c in SHOWN_COLUMNS) + "</tr>" for row in rows)
    return ('<section id="evidence"><h2>Evidence table</h2>'
            '<input id="evidence-filter" type="search" placeholder="filter rows (agent, effect, object, PMID...)" '
            'oninput="filterTable(\'evidence-table\', this.value)"> '
            f'<span id="evidence-table-count">{len(rows)}</span> rows shown; click a header to sort.'
            f'<table id="evidence-table" class="sortable"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
            '</section>')


def missed_table(missed: Sequence[dict[str, str]]) -> str:
    columns = ("id", "agent_id", "kind", "effect", "object", "negated", "hedged", "evidence")
    head = "".join(f"<th>{c}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{escape(row.get(c, ''))}</td>" for c in columns) + "</tr>" for row in missed)
    return (f'<section id="missed"><h2>Missed gold facts ({len(missed)})</h2>'
            f'<table id="missed-table" class="sortable"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
            '</section>')


def highlight(relation: Relation, mentions: Sequence[Mention]) -> str:
    """The relation's sentence with its agent, its object and other entity mentions marked."""
    base = relation.sentence_start
    spans = [(relation.agent_start - base, relation.agent_end - base, "agent"),
             (relation.object_start - base, relation.object_end - base, "object")]
    spans += [(m.start - base, m.end - base, m.label) for m in mentions
              if m.doc_id == relation.doc_id and relation.sentence_start <= m.start and m.end <= relation.sentence_end]
    text = relation.sentence_text
    out, position = [], 0
    for start, end, css in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start < position or not 0 <= start < end <= len(text):
            continue
        out.append(escape(text[position:start]))
        out.append(f'<mark class="{css}" title="{css}">{escape(text[start:end])}</mark>')
        position = end
    out.append(escape(text[position:]))
    return "".join(out)


def statement_list(section_id: str, title: str, relations: Sequence[Relation], mentions: Sequence[Mention]) -> str:
    by_doc: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_doc.setdefault(mention.doc_id, []).append(mention)
    shown = relations[:LIST_LIMIT]
    items = "".join(
        f'<tr><td>{escape(r.doc_id)}</td><td>{escape(r.agent_name or r.agent_text)}</td>'
        f'<td>{"NOT " if r.negated else ""}{escape(r.effect)}{" (hedged)" if r.hedged else ""}</td>'
        f'<td>{escape(r.object_text)}</td><td class="sentence">{highlight(r, by_doc.get(r.doc_id, ()))}</td></tr>'
        for r in shown)
    more = f" (first {LIST_LIMIT} shown)" if len(relations) > LIST_LIMIT else ""
    return (f'<section id="{section_id}"><h2>{escape(title)} ({len(relations)}){more}</h2>'
            f'<table id="{section_id}-table" class="sortable"><thead><tr><th>document</th><th>agent</th>'
            f'<th>effect</th><th>object</th><th>sentence</th></tr></thead><tbody>{items}</tbody></table></section>')


def network_section(relations: Sequence[Relation]) -> str:
    counts = Counter((r.agent_name or r.agent_text, r.object_id or r.object_text, r.effect) for r in relations
                     if r.object_label == "TARGET" and r.effect in ("binds", "decreases", "increases")
                     and (r.agent_id or "").startswith("agent:") and not r.negated)
    edges = [(agent, target, effect, count) for (agent, target, effect), count in sorted(counts.items())]
    return f'<section id="network"><h2>Agent &#8594; target network</h2>{network("plot-network", edges)}</section>'


def render_report(data: ReportData) -> str:
    """The whole page as one string."""
    body = "".join((
        "<h1>IL-6 / IL-6R / gp130 blockers in breast cancer: extracted evidence</h1>",
        headline(data.metrics),
        accuracy_plots(data.metrics, {r.agent_id: r.agent_name for r in data.relations if r.agent_id and r.agent_name}),
        evidence_table(data.evidence),
        missed_table(data.missed),
        statement_list("unmatched", "Review statements not in the gold table (false-positive candidates)",
                       data.unmatched, data.mentions),
        statement_list("new-evidence", "New evidence from PubMed", data.new_evidence, data.mentions),
        network_section(data.relations),
    ))
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
            'script-src \'unsafe-inline\'; img-src data:">'
            f'<title>IL-6 axis evidence report</title><style>{CSS}</style><script>{JS}</script></head>'
            f'<body>{body}</body></html>\n')
