"""Exports other BioNLP tools can load: BioC XML, PubTator and Parquet.

BioC: one document per pipeline document, one passage holding its whole text
at offset 0, entity mentions as annotations (infon ``type`` = label,
``identifier`` = norm id), each relation as a BioC relation whose nodes point at
its agent annotation (role ``agent``) and an ``EffectObject`` annotation (role
``object``). PubTator: ``id|t|title``, ``id|a|text`` (line breaks and tabs
become spaces, which keeps offsets), mention lines whose offsets count from
the title, as PubTator requires (``title + " " + text``), then one relation line per
relation: ``id, effect, agent id, object id`` (PubTator's ``PMID, type, id1, id2``; an
entity without an id is written ``text:<name>``), followed by ``key=value`` fields
(``negated``, ``evidence_grade``, ``conflict``) that PubTator readers ignore. Parquet keeps
nested fields (spans, the source map) as lists and structs.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence
from typing import TypeVar

import bioc
import pyarrow as pa
from bioc import biocxml

from ..io import to_jsonable
from ..records import Document, Mention, Relation
from ..textcheck import clean_record_text

logger = logging.getLogger(__name__)
_R = TypeVar("_R")

_LINE_BREAKS = re.compile(r"[\t\r\n\v\f\u2028\u2029\x1c-\x1e\x85]")


def _flat(text: str) -> str:
    """Replace line breaks and tabs one-for-one with spaces (offsets are unchanged)."""
    return _LINE_BREAKS.sub(" ", text)


def _annotation(ann_id: str, doc: Document, start: int, end: int, infons: dict[str, str]) -> bioc.BioCAnnotation:
    annotation = bioc.BioCAnnotation()
    annotation.id = ann_id
    annotation.text = doc.text[start:end]
    annotation.infons.update(infons)
    annotation.add_location(bioc.BioCLocation(offset=start, length=end - start))
    return annotation


def bioc_collection(documents: Sequence[Document], mentions: Sequence[Mention],
                    relations: Sequence[Relation], conflicted: frozenset[str] = frozenset()) -> bioc.BioCCollection:
    """The annotated documents as a BioC collection (see the module docstring).

    ``conflicted``: ids of the relations whose evidence row is flagged as a conflict.
    """
    collection = bioc.BioCCollection()
    collection.source = "il6-evidence"
    collection.key = "il6-evidence.key"
    by_doc_m: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_doc_m.setdefault(mention.doc_id, []).append(mention)
    by_doc_r: dict[str, list[Relation]] = {}
    for relation in relations:
        by_doc_r.setdefault(relation.doc_id, []).append(relation)
    for doc in documents:
        document = bioc.BioCDocument()
        document.id = doc.doc_id
        document.infons.update({k: str(v) for k, v in (("source", doc.source), ("title", doc.title),
                                                        ("pmid", doc.pmid), ("doi", doc.doi)) if v})
        passage = bioc.BioCPassage()
        passage.offset = 0
        passage.text = doc.text
        passage.infons["type"] = "text"
        index_of: dict[tuple[int, int], str] = {}
        for n, m in enumerate(sorted(by_doc_m.get(doc.doc_id, ()), key=lambda m: (m.start, m.end, m.label)), 1):
            ann_id = f"T{n}"
            index_of.setdefault((m.start, m.end), ann_id)
            passage.add_annotation(_annotation(ann_id, doc, m.start, m.end,
                                               {"type": m.label, "identifier": m.norm_id or "", "source": m.source}))
        for n, r in enumerate(by_doc_r.get(doc.doc_id, ()), 1):
            agent_ref = index_of.get((r.agent_start, r.agent_end))
            if agent_ref is None:
                agent_ref = f"A{n}"
                passage.add_annotation(_annotation(agent_ref, doc, r.agent_start, r.agent_end,
                                                   {"type": "DRUG", "identifier": r.agent_id or ""}))
            object_ref = f"O{n}"
            passage.add_annotation(_annotation(object_ref, doc, r.object_start, r.object_end,
                                               {"type": "EffectObject", "identifier": r.object_id or ""}))
            relation = bioc.BioCRelation()
            relation.id = r.relation_id
            relation.infons.update({"type": r.effect, "negated": str(r.negated).lower(),
                                    "hedged": str(r.hedged).lower(), "model_system": r.model_system,
                                    "evidence_grade": r.evidence_grade,
                                    "negative_evidence": str(r.negative_evidence).lower(),
                                    "conflict": str(r.relation_id in conflicted).lower()})
            if r.pmid:
                relation.infons["pmid"] = r.pmid
            relation.add_node(bioc.BioCNode(refid=agent_ref, role="agent"))
            relation.add_node(bioc.BioCNode(refid=object_ref, role="object"))
            document.add_relation(relation)
        document.add_passage(passage)
        collection.add_document(document)
    return collection


def bioc_xml(documents: Sequence[Document], mentions: Sequence[Mention], relations: Sequence[Relation],
             conflicted: frozenset[str] = frozenset()) -> str:
    """The BioC collection as XML; characters XML cannot hold become spaces (one for one, offsets kept)."""
    def safe(records: Sequence[_R]) -> list[_R]:
        return [clean_record_text(record)[0] for record in records]

    return biocxml.dumps(bioc_collection(safe(documents), safe(mentions), safe(relations), conflicted))


def _entity_id(norm_id: str | None, text: str) -> str:
    return norm_id or "text:" + "_".join(_flat(text).split())


def pubtator(documents: Sequence[Document], mentions: Sequence[Mention], relations: Sequence[Relation] = (),
             conflicted: frozenset[str] = frozenset()) -> str:
    """The documents, their mentions and their relations in PubTator format (see the module docstring)."""
    by_doc: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_doc.setdefault(mention.doc_id, []).append(mention)
    relations_of: dict[str, list[Relation]] = {}
    for relation in relations:
        relations_of.setdefault(relation.doc_id, []).append(relation)
    blocks = []
    for doc in documents:
        key = doc.pmid or doc.doc_id
        title = _flat(doc.title)
        shift = len(title) + 1
        lines = [f"{key}|t|{title}", f"{key}|a|{_flat(doc.text)}"]
        for m in sorted(by_doc.get(doc.doc_id, ()), key=lambda m: (m.start, m.end, m.label)):
            lines.append(f"{key}\t{m.start + shift}\t{m.end + shift}\t{_flat(m.text)}\t{m.label}\t{m.norm_id or '-'}")
        for r in relations_of.get(doc.doc_id, ()):
            lines.append("\t".join((key, r.effect, _entity_id(r.agent_id, r.agent_text),
                                     _entity_id(r.object_id, r.object_text), f"negated={str(r.negated).lower()}",
                                     f"evidence_grade={r.evidence_grade}",
                                     f"conflict={str(r.relation_id in conflicted).lower()}")))
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def records_table(records: Sequence[object], cls: type) -> pa.Table:
    """Records of dataclass ``cls`` as an Arrow table; nested values stay nested (a tuple of spans is a
    list of structs). An empty table keeps the column names."""
    if not records:
        return pa.table({f.name: pa.array([], pa.string()) for f in dataclasses.fields(cls)})
    return pa.Table.from_pylist([to_jsonable(r) for r in records])
