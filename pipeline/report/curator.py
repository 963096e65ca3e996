"""The curator's part of ``report.html``: legends, one card per agent, filters, the evidence table, conflicts.

Every colour on the page has a legend entry here. Rows carry their filter values as
``data-*`` attributes (grade rank, agent, object, disease, source, conflict) so the page's
script filters without parsing cells; ``report.html#agent=Siltuximab&grade=in_vivo`` opens
the table filtered. PubMed identifiers link to pubmed.ncbi.nlm.nih.gov (a link, never a fetch).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from ..grades import grade_rank, grades
from ..records import Mention, Relation

logger = logging.getLogger(__name__)

PUBMED_URL = "https://pubmed.ncbi.nlm.nih.gov/{}/"
#: Badge colours of the grades, weakest to strongest (a sequential palette: darker is stronger).
GRADE_COLOURS = ("#e9ecef", "#d0ebff", "#a5d8ff", "#74c0fc", "#4dabf7", "#339af0", "#ffd8a8", "#ffc078",
                 "#ffa94d", "#ff922b", "#f76707")
#: Highlight colours of the evidence sentence (also used by the PubMed list), with their legend text.
HIGHLIGHTS = (("agent", "the row's agent"), ("object", "the row's object"), ("DRUG", "other drug"),
              ("TARGET", "target / gene"), ("DISEASE", "disease"), ("CELL_LINE", "cell line"))
#: At most this many findings listed on one agent card (the table holds them all).
CARD_FINDINGS = 6


def grade_badge(name: str) -> str:
    meaning = grades().get(name)
    title = f' title="{escape(meaning.meaning)}"' if meaning else ""
    return f'<span class="grade g{grade_rank(name)}"{title}>{escape(name.replace("_", " "))}</span>'


def pubmed_link(pmid: str) -> str:
    return f'<a href="{PUBMED_URL.format(escape(pmid))}" rel="noopener">PMID {escape(pmid)}</a>'


def grade_css() -> str:
    """One badge class per grade, in the scale's order."""
    return "".join(f".g{rank}{{background:{GRADE_COLOURS[min(rank, len(GRADE_COLOURS) - 1)]}}}"
                   for rank in range(len(grades())))


def legends() -> str:
    scale = "".join(f"<li>{grade_badge(name)} {escape(g.meaning)}</li>" for name, g in grades().items())
    marks = "".join(f'<li><mark class="{css}">{escape(css.replace("_", " ").lower())}</mark> {escape(text)}</li>'
                    for css, text in HIGHLIGHTS)
    flags = ('<li><span class="flag neg">negative</span> negated or failed evidence (not, no effect, discontinued)</li>'
             '<li><span class="flag conflict">conflict</span> another row about the same agent and object disagrees '
             'at a comparable grade; the row links to it</li>'
             '<li><span class="flag axis">axis agent</span> one of the project\'s curated agents (others are '
             'drugs named in PubMed abstracts)</li>'
             '<li><span class="flag hedged">hedged</span> every supporting sentence is hedged (may, could)</li>')
    return ('<section id="legend"><h2>How to read this page</h2><div class="legends">'
            f'<div><h3>Evidence grade (weakest first)</h3><ol class="legend-list">{scale}</ol></div>'
            f'<div><h3>Flags</h3><ul class="legend-list">{flags}</ul>'
            f'<h3>Highlighted words in evidence sentences</h3><ul class="legend-list">{marks}</ul></div>'
            '</div></section>')


def _source(row: Mapping[str, Any]) -> str:
    documents = str(row.get("supporting_documents", "")).split("|")
    review = "review" in documents
    pubmed = any(d.startswith("pmid:") for d in documents)
    return "both" if review and pubmed else "review" if review else "pubmed"


def _finding(row: Mapping[str, Any]) -> str:
    negated = '<span class="flag neg">not</span> ' if row.get("negated") else ""
    return f'{negated}<b>{escape(str(row["effect"]).replace("_", " "))}</b> {escape(str(row["object"]))}'


def _flags(row: Mapping[str, Any]) -> str:
    out = []
    if row.get("negative_evidence"):
        out.append('<span class="flag neg">negative</span>')
    if row.get("hedged"):
        out.append('<span class="flag hedged">hedged</span>')
    if row.get("conflict"):
        out.append('<span class="flag conflict">conflict</span>')
    return " ".join(out)


def agent_cards(rows: Sequence[Mapping[str, Any]]) -> str:
    """One card per agent: targets and effects, best grade, sources, conflicts, axis-agent flag."""
    by_agent: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        by_agent.setdefault(str(row["agent_id"]), []).append(row)
    cards = []
    for agent_id, members in sorted(by_agent.items(), key=lambda kv: (-max(grade_rank(r["evidence_grade"])
                                                                            for r in kv[1]), kv[1][0]["agent"].lower())):
        first = members[0]
        best = max((r["evidence_grade"] for r in members), key=grade_rank)
        pmids = sorted({p for r in members for p in str(r.get("pmids", "")).split("|") if p})
        newest = max((r.get("newest_pmid") or "" for r in members), key=lambda p: (len(p), p), default="")
        conflicts = sum(bool(r.get("conflict")) for r in members)
        targets = Counter(str(r["object"]) for r in members if r["effect"] in ("binds", "decreases", "increases"))
        top = sorted(members, key=lambda r: (-grade_rank(r["evidence_grade"]), r["effect"], str(r["object"])))
        findings = "".join(f'<li>{grade_badge(r["evidence_grade"])} {_finding(r)} {_flags(r)}</li>'
                           for r in top[:CARD_FINDINGS])
        more = f'<li class="note">and {len(members) - CARD_FINDINGS} more in the table</li>' \
            if len(members) > CARD_FINDINGS else ""
        facts = [("target class", first.get("target_class") or "-"), ("modality", first.get("modality") or "-"),
                 ("findings", str(len(members))),
                 ("sources", f'{sum(int(r.get("independent_sources") or 0) for r in members)} (summed over findings)')]
        facts_html = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
        axis = '<span class="flag axis">axis agent</span>' if agent_id.startswith("agent:") else ""
        links = " ".join(pubmed_link(p) for p in pmids[:5])
        name = escape(str(first["agent"]))
        conflict_note = f' &middot; <span class="flag conflict">{conflicts} in conflict</span>' if conflicts else ""
        newest_note = f"newest: {pubmed_link(newest)} &middot; " if newest else ""
        cards.append(
            f'<article class="card" data-agent="{name}"><h3>{name} {axis}</h3>'
            f'<p>best grade {grade_badge(best)}{conflict_note}</p>'
            f'<dl>{facts_html}</dl>'
            f'<p class="note">acts on: {escape(", ".join(t for t, _ in targets.most_common(4))) or "-"}</p>'
            f'<ul class="findings">{findings}{more}</ul>'
            f'<p>{newest_note}{links}</p>'
            f'<p><a href="#agent={name}" class="show-rows">show its rows</a></p></article>')
    return f'<section id="agents"><h2>Agents ({len(by_agent)})</h2><div class="cards">{"".join(cards)}</div></section>'


def _options(values: Sequence[str]) -> str:
    return "".join(f'<option value="{escape(v)}">{escape(v)}</option>' for v in values)


def filters(rows: Sequence[Mapping[str, Any]]) -> str:
    agents = sorted({str(r["agent"]) for r in rows}, key=lambda v: (v.lower(), v))
    diseases = sorted({str(r["disease"]) for r in rows if r.get("disease")}, key=lambda v: (v.lower(), v))
    grade_options = "".join(f'<option value="{g.rank}">{escape(name.replace("_", " "))} or stronger</option>'
                            for name, g in grades().items())
    return ('<form id="filters" class="filters" onsubmit="return false">'
            f'<label>grade <select id="f-grade">{grade_options}</select></label>'
            f'<label>agent <select id="f-agent"><option value="">all</option>{_options(agents)}</select></label>'
            '<label>target / object <input id="f-object" type="search" placeholder="e.g. STAT3"></label>'
            f'<label>disease <select id="f-disease"><option value="">all</option>{_options(diseases)}</select></label>'
            '<label>source <select id="f-source"><option value="">all</option><option value="review">review</option>'
            '<option value="pubmed">PubMed</option><option value="both">both</option></select></label>'
            '<label><input id="f-conflict" type="checkbox"> conflicts only</label>'
            '<label>text <input id="f-text" type="search" placeholder="any word, PMID"></label>'
            '<span><b id="evidence-table-count">0</b> rows shown</span></form>')


def _sources_cell(row: Mapping[str, Any]) -> str:
    pmids = [p for p in str(row.get("pmids", "")).split("|") if p]
    parts = (["review"] if "review" in str(row.get("supporting_documents", "")).split("|") else [])
    parts += [pubmed_link(p) for p in pmids]
    return f'{" ".join(parts)}<br><span class="note">{row.get("independent_sources", 0)} source(s)</span>'


def _conflicts_cell(row: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    others = [o for o in str(row.get("conflicts_with", "")).split("|") if o]
    return "<br>".join(f'<a href="#{escape(o)}">{escape(labels.get(o, o))}</a>' for o in others)


def evidence_table(rows: Sequence[Mapping[str, Any]], relations: Mapping[str, Relation],
                   mentions_by_doc: Mapping[str, Sequence[Mention]], highlight: Any) -> str:
    """The filterable table: one row per agent x finding, its best evidence sentence highlighted."""
    labels = {str(r["evidence_id"]): f'{r["agent"]}: {"not " if r.get("negated") else ""}'
                                      f'{str(r["effect"]).replace("_", " ")} {r["object"]}' for r in rows}
    body = []
    for row in sorted(rows, key=lambda r: (-grade_rank(r["evidence_grade"]), str(r["agent"]).lower(),
                                           str(r["effect"]), str(r["object"]).lower())):
        best = relations.get(str(row.get("best_relation_id", "")))
        sentence = (highlight(best, mentions_by_doc.get(best.doc_id, ())) if best
                    else escape(str(row.get("best_evidence_sentence", ""))))
        context = "; ".join(v for v in (row.get("disease"), row.get("cell_line"), row.get("phase") and
                                        f'phase {row["phase"]}') if v)
        attributes = {"id": row["evidence_id"], "data-grade": grade_rank(row["evidence_grade"]),
                      "data-agent": row["agent"], "data-object": row["object"], "data-disease": row.get("disease", ""),
                      "data-source": _source(row), "data-conflict": "1" if row.get("conflict") else "0"}
        attrs = " ".join(f'{k}="{escape(str(v))}"' for k, v in attributes.items())
        conflict_html = (f'<div class="conflicts">conflicts with: {_conflicts_cell(row, labels)}</div>'
                         if row.get("conflict") else "")
        body.append(
            f"<tr {attrs}>"
            f'<td data-label="agent">{escape(str(row["agent"]))}<br><span class="note">'
            f'{escape(str(row.get("target_class") or ""))}</span></td>'
            f'<td data-label="finding">{_finding(row)}<br>{_flags(row)}</td>'
            f'<td data-label="grade" data-sort="{grade_rank(row["evidence_grade"])}">'
            f'{grade_badge(row["evidence_grade"])}</td>'
            f'<td data-label="context">{escape(context)}</td>'
            f'<td data-label="sources">{_sources_cell(row)}</td>'
            f'<td data-label="evidence" class="sentence">{sentence}'
            f'{conflict_html}'
            f"</td></tr>")
    head = "".join(f'<th class="c-{c}">{c}</th>' for c in ("agent", "finding", "grade", "context", "sources",
                                                            "evidence"))
    return ('<section id="evidence"><h2>Evidence table</h2>'
            '<p class="note">One row per agent and finding, strongest evidence first; the sentence is the best '
            'supporting one, with the agent and the object highlighted. Click a header to sort.</p>'
            f'{filters(rows)}'
            f'<table id="evidence-table" class="sortable evidence"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></section>')


def conflicts_section(rows: Sequence[Mapping[str, Any]]) -> str:
    by_id = {str(r["evidence_id"]): r for r in rows}
    pairs = sorted({tuple(sorted((str(r["evidence_id"]), o))) for r in rows if r.get("conflict")
                    for o in str(r["conflicts_with"]).split("|") if o in by_id})
    items = "".join(
        f'<li><a href="#{escape(a)}">{escape(str(by_id[a]["agent"]))}: {_finding(by_id[a])}</a> '
        f'{grade_badge(by_id[a]["evidence_grade"])} <i>versus</i> <a href="#{escape(b)}">{_finding(by_id[b])}</a> '
        f'{grade_badge(by_id[b]["evidence_grade"])}</li>' for a, b in pairs)
    note = "" if pairs else "<p>No conflicting findings.</p>"
    return (f'<section id="conflicts"><h2>Conflicting findings ({len(pairs)} pairs)</h2>'
            '<p class="note">Same agent, same object (by normalised id), disagreeing effects at a comparable grade: '
            f'a curator should read both sentences.</p>{note}<ul>{items}</ul></section>')
