"""The curator's ``report.html``: one self-contained page (inline CSS, JS and SVG; nothing fetched).

Curators first: the project's title, legends for every colour, one card per agent, the
filterable evidence table (grade, agent, target, disease, source, conflicts; the best
sentence with agent and object highlighted; PubMed links; ``report.html#agent=LMT-28&grade=in_vitro``
opens it filtered), conflicting findings, new PubMed evidence and the agent -> target network
(:mod:`.curator`). Accuracy against the gold table comes second: headline figures, plots,
missed gold facts and review statements not in the gold table. Readable from 800 px wide up
without sideways scrolling (checked by ``scripts/screenshot_report.py``). No run id or time is
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
from .curator import agent_cards, conflicts_section, evidence_table, grade_css, legends, pubmed_link
from .svg import bar_chart, network

logger = logging.getLogger(__name__)

#: At most this many statements per list section (the CSV files hold the rest).
LIST_LIMIT = 300

CSS = """
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;padding:0 16px 40px;max-width:1600px;color:#222}
h1{font-size:24px;margin-bottom:4px}h2{font-size:19px;margin-top:32px;border-bottom:1px solid #ccc}
h3{font-size:15px;margin:6px 0}nav{margin:8px 0 4px}nav a{margin-right:14px}
.figures{display:flex;flex-wrap:wrap;gap:12px}.figure{border:1px solid #ccc;border-radius:6px;padding:8px 14px}
.figure b{display:block;font-size:22px}.note{color:#555;font-size:12px}
table{border-collapse:collapse;font-size:13px;width:100%;table-layout:fixed}
th,td{border:1px solid #ddd;padding:4px 6px;vertical-align:top;overflow-wrap:anywhere}
th{background:#f0f0f0;cursor:pointer;position:sticky;top:0;text-align:left}th.sorted-asc:after{content:" \\25B2"}
th.sorted-desc:after{content:" \\25BC"}
.evidence .c-agent{width:12%}.evidence .c-finding{width:19%}.evidence .c-grade{width:9%}
.evidence .c-context{width:12%}.evidence .c-sources{width:11%}.evidence .c-evidence{width:37%}
td.sentence{font-size:13px}.conflicts{margin-top:4px;font-size:12px;background:#fff5f5;padding:2px 4px}
.chart-title{font-weight:bold;font-size:13px}.label,.legend,.tick,.value{font-size:11px}.grid{stroke:#ddd}
svg.chart{max-width:100%;height:auto}
.node.agent{fill:#444}.node.target{fill:#e377c2}
mark{padding:0 2px;border-radius:2px}
mark.agent{background:#ffd8a8}mark.object{background:#b2f2bb}mark.DRUG{background:#ffe066}
mark.TARGET{background:#d0bfff}mark.DISEASE{background:#a5d8ff}mark.CELL_LINE{background:#fcc2d7}
.charts{display:flex;flex-wrap:wrap;gap:20px}.charts>svg{flex:1 1 420px}
.legends{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:8px 24px}
.legend-list{margin:0;padding-left:22px}.legend-list li{margin:2px 0}
.grade{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;white-space:nowrap;color:#111}
.flag{display:inline-block;border-radius:3px;padding:0 5px;font-size:11px;border:1px solid #999}
.flag.neg{background:#fff3bf}.flag.conflict{background:#ffc9c9;border-color:#e03131}
.flag.axis{background:#d3f9d8;border-color:#2f9e44}.flag.hedged{background:#f1f3f5}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:12px}
.card{border:1px solid #ccc;border-radius:6px;padding:6px 12px;min-width:0;overflow-wrap:anywhere}
.card p{margin:4px 0}.card dl{display:grid;grid-template-columns:auto 1fr;gap:0 10px;margin:4px 0;font-size:12px}
.card dt{color:#555}.card dd{margin:0}.findings{padding-left:18px;margin:4px 0;font-size:13px}
.filters{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;margin:8px 0;padding:8px;background:#f8f9fa;
border:1px solid #ddd;border-radius:6px}.filters select,.filters input[type=search]{max-width:220px}
@media (max-width:900px){
table.evidence thead{display:none}
table.evidence,table.evidence tbody,table.evidence tr,table.evidence td{display:block;width:100%}
table.evidence tr{border:1px solid #bbb;border-radius:6px;margin-bottom:10px}
table.evidence td{border:none;border-bottom:1px solid #eee}
table.evidence td:before{content:attr(data-label) ": ";font-weight:bold;color:#555}
}
"""

JS = """
function sortTable(th){var t=th.closest('table'),i=Array.prototype.indexOf.call(th.parentNode.children,th),
asc=!th.classList.contains('sorted-asc');t.querySelectorAll('th').forEach(function(h){h.classList.remove(
'sorted-asc','sorted-desc')});th.classList.add(asc?'sorted-asc':'sorted-desc');var b=t.tBodies[0],
r=Array.prototype.slice.call(b.rows);function key(x){var c=x.cells[i];return c.getAttribute('data-sort')||
c.textContent}r.sort(function(x,y){var a=key(x),c=key(y),n=parseFloat(a),m=parseFloat(c);
var d=(!isNaN(n)&&!isNaN(m))?n-m:a.localeCompare(c);return asc?d:-d});r.forEach(function(x){b.appendChild(x)})}
var FILTERS={grade:'f-grade',agent:'f-agent',object:'f-object',disease:'f-disease',source:'f-source',
conflict:'f-conflict',q:'f-text'};
function val(id){var e=document.getElementById(id);return !e?'':e.type=='checkbox'?(e.checked?'1':''):e.value}
function applyFilters(){var g=parseInt(val('f-grade')||'0'),a=val('f-agent'),o=val('f-object').toLowerCase(),
d=val('f-disease'),s=val('f-source'),c=val('f-conflict'),q=val('f-text').toLowerCase(),n=0;
document.querySelectorAll('#evidence-table tbody tr').forEach(function(r){var ok=
parseInt(r.dataset.grade)>=g&&(!a||r.dataset.agent==a)&&(!o||r.dataset.object.toLowerCase().indexOf(o)>=0)&&
(!d||r.dataset.disease==d)&&(!s||r.dataset.source==s)&&(!c||r.dataset.conflict=='1')&&
(!q||r.textContent.toLowerCase().indexOf(q)>=0);r.style.display=ok?'':'none';if(ok)n++});
var k=document.getElementById('evidence-table-count');if(k)k.textContent=n}
function fromHash(){var p=new URLSearchParams(location.hash.slice(1));if(p.get('filter'))p.set('q',p.get('filter'));
var any=false;Object.keys(FILTERS).forEach(function(k){var e=document.getElementById(FILTERS[k]);if(!e||!p.has(k))
return;any=true;if(e.type=='checkbox')e.checked=p.get(k)=='1';else if(k=='grade'&&isNaN(parseInt(p.get(k)))){
var o=Array.prototype.find.call(e.options,function(x){return x.textContent.indexOf(p.get(k).replace('_',' '))==0});
if(o)e.value=o.value}else e.value=p.get(k)});applyFilters();var s=p.get('sort');if(s)document.querySelectorAll(
'#evidence-table th').forEach(function(h){if(h.textContent==s)sortTable(h)});if(any&&p.has('agent')){
var t=document.getElementById('evidence');if(t)t.scrollIntoView()}}
document.addEventListener('DOMContentLoaded',function(){document.querySelectorAll('table.sortable th').forEach(
function(h){h.addEventListener('click',function(){sortTable(h)})});Object.keys(FILTERS).forEach(function(k){
var e=document.getElementById(FILTERS[k]);if(e)e.addEventListener('input',applyFilters)});fromHash();
window.addEventListener('hashchange',function(){if(location.hash.indexOf('=')>0)fromHash()})});
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
    title: str = "Extracted evidence"
    review_title: str = ""


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
    return f'<div id="headline"><div class="figures">{"".join(figures)}</div><p class="note">{escape(note)}</p></div>'


def accuracy_plots(metrics: dict[str, Any], agent_names: dict[str, str] | None = None) -> str:
    """Bar charts of field agreement, per-kind and per-agent scores; agents labelled by name when known."""
    rec = metrics.get("reconciliation", {})
    if not rec.get("gold_available"):
        return '<div id="accuracy-plots"><p>No gold table.</p></div>'
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
    return f'<div id="accuracy-plots" class="charts">{"".join(charts)}</div>'


def missed_table(missed: Sequence[dict[str, str]]) -> str:
    columns = ("id", "agent_id", "kind", "effect", "object", "negated", "hedged", "evidence")
    head = "".join(f"<th>{c}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{escape(row.get(c, ''))}</td>" for c in columns) + "</tr>" for row in missed)
    return (f'<section id="missed"><h3>Missed gold facts ({len(missed)})</h3>'
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


def _mentions_by_doc(mentions: Sequence[Mention]) -> dict[str, list[Mention]]:
    by_doc: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_doc.setdefault(mention.doc_id, []).append(mention)
    return by_doc


def _document_cell(relation: Relation) -> str:
    return pubmed_link(relation.pmid) if relation.pmid else escape(relation.doc_id)


def statement_list(section_id: str, title: str, relations: Sequence[Relation], mentions: Sequence[Mention]) -> str:
    by_doc = _mentions_by_doc(mentions)
    shown = relations[:LIST_LIMIT]
    items = "".join(
        f'<tr><td>{_document_cell(r)}</td><td>{escape(r.agent_name or r.agent_text)}</td>'
        f'<td>{"NOT " if r.negated else ""}{escape(r.effect)}{" (hedged)" if r.hedged else ""}</td>'
        f'<td>{escape(r.object_text)}</td><td class="sentence">{highlight(r, by_doc.get(r.doc_id, ()))}</td></tr>'
        for r in shown)
    more = f" (first {LIST_LIMIT} shown)" if len(relations) > LIST_LIMIT else ""
    return (f'<section id="{section_id}"><h2>{escape(title)} ({len(relations)}){more}</h2>'
            f'<table id="{section_id}-table" class="sortable"><thead><tr><th style="width:13%">document</th>'
            '<th style="width:13%">agent</th><th style="width:12%">effect</th><th style="width:17%">object</th>'
            f'<th>sentence</th></tr></thead><tbody>{items}</tbody></table></section>')


def network_section(relations: Sequence[Relation], mentions: Sequence[Mention]) -> str:
    """Agents linked to the targets they act on; a target is labelled as the text usually names it."""
    written = Counter((m.norm_id, m.text) for m in mentions if m.label == "TARGET" and m.norm_id)
    names: dict[str, str] = {}
    for (norm_id, text), _ in sorted(written.items(), key=lambda kv: (-kv[1], kv[0])):
        names.setdefault(norm_id, text)
    counts = Counter((r.agent_name or r.agent_text, names.get(r.object_id or "", r.object_id or r.object_text), r.effect)
                     for r in relations
                     if r.object_label == "TARGET" and r.effect in ("binds", "decreases", "increases")
                     and (r.agent_id or "").startswith("agent:") and not r.negated)
    edges = [(agent, target, effect, count) for (agent, target, effect), count in sorted(counts.items())]
    return (f'<section id="network"><h2>Agent &#8594; target network</h2>{network("plot-network", edges)}'
            '<p class="note">Dark dots (left): the project\'s agents; pink dots (right): the targets they act on, '
            'named as the texts write them. One line per agent, target and effect (colour: legend above the '
            'picture; width: number of supporting statements).</p></section>')


def render_report(data: ReportData) -> str:
    """The whole page as one string: the curator's part first, accuracy second."""
    relations_by_id = {r.relation_id: r for r in data.relations}
    evidence = data.evidence
    conflicts = sum(bool(row.get("conflict")) for row in evidence)
    summary = (f'{len(evidence)} findings on {len({row["agent_id"] for row in evidence})} agents from '
               f'{data.metrics.get("counts", {}).get("documents", 0)} documents; {conflicts} findings in conflict.')
    review = f'<p class="note">Review: {escape(data.review_title)}</p>' if data.review_title else ""
    nav = ('<nav><a href="#agents">Agents</a><a href="#evidence">Evidence table</a><a href="#conflicts">Conflicts</a>'
           '<a href="#new-evidence">New PubMed evidence</a><a href="#network">Network</a>'
           '<a href="#accuracy">Accuracy</a><a href="#legend">Legend</a></nav>')
    body = "".join((
        f"<header><h1>{escape(data.title)}</h1>{review}<p>{escape(summary)}</p>{nav}</header>",
        legends(),
        agent_cards(evidence),
        evidence_table(evidence, relations_by_id, _mentions_by_doc(data.mentions), highlight),
        conflicts_section(evidence),
        statement_list("new-evidence", "New evidence from PubMed", data.new_evidence, data.mentions),
        network_section(data.relations, data.mentions),
        '<section id="accuracy"><h2>Accuracy against the gold table</h2>',
        headline(data.metrics),
        accuracy_plots(data.metrics, {r.agent_id: r.agent_name for r in data.relations if r.agent_id and r.agent_name}),
        missed_table(data.missed),
        statement_list("unmatched", "Review statements not in the gold table (false-positive candidates)",
                       data.unmatched, data.mentions),
        "</section>",
    ))
    return ('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
            'script-src \'unsafe-inline\'; img-src data:">'
            f'<title>{escape(data.title)}</title><style>{CSS}{grade_css()}</style><script>{JS}</script></head>'
            f'<body>{body}</body></html>\n')
