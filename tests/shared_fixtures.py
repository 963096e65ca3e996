"""Helpers shared by the tests (importable as ``shared_fixtures``; the ``fx`` fixture of conftest.py is this module).

- :func:`run_stage`: run one stage of the stage table by name.
- A tiny hand-built run (review + one abstract, mentions, relations) for reconcile and report
  tests: :func:`write_run`. The review is ``reconcile/data/review.txt`` with its whitespace normalised, so relation offsets
(normalised text) and gold offsets (raw file) differ and the source map is exercised.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline import stages
from pipeline.context import RunContext
from pipeline.io import write_jsonl
from pipeline.records import Document, Mention, Relation, SourceSegment, Span

HERE = Path(__file__).resolve().parent
DATA = HERE / "reconcile" / "data"
GOLD_DIR = DATA / "gold"
RAW_REVIEW = (DATA / "review.txt").read_text(encoding="utf-8")
ABSTRACT = "Siltuximab reduced IL-6 levels in patients. Sarilumab binds IL-6R."


def run_stage(name: str, context: RunContext) -> dict[str, int]:
    """Run the stage called ``name`` of :data:`pipeline.stages.STAGES` on ``context.out_dir``."""
    return stages.run_stage(stages.STAGE_BY_NAME[name], context)


def stage_file(out_dir: Path, key: str) -> Path:
    """The path of stage file ``key`` in ``out_dir`` (see :data:`pipeline.stages.STAGE_FILES`)."""
    return stages.stage_path(out_dir, key)


def normalise(raw: str) -> tuple[str, tuple[SourceSegment, ...]]:
    """Collapse whitespace runs to one space, recording where each word came from."""
    pieces, segments, position = [], [], 0
    for match in re.finditer(r"\S+", raw):
        if pieces:
            pieces.append(" ")
            position += 1
        segments.append(SourceSegment(norm_start=position, raw_start=match.start(), length=len(match.group())))
        pieces.append(match.group())
        position += len(match.group())
    return "".join(pieces), tuple(segments)


def _sentences(text: str) -> tuple[Span, ...]:
    """Sentences end at a full stop; leading spaces are not part of a sentence."""
    return tuple(Span(m.start(), m.end()) for m in re.finditer(r"[^ .][^.]*\.", text))


def documents() -> list[Document]:
    text, source_map = normalise(RAW_REVIEW)
    review = Document(doc_id="review", source="review", title="Fixture review", text=text,
                      sentences=_sentences(text), source_map=source_map)
    abstract = Document(doc_id="pmid:1", source="pubmed", title="Fixture abstract", text=ABSTRACT,
                        sentences=_sentences(ABSTRACT), pmid="1")
    return [review, abstract]


def relation(doc: Document, agent: str, agent_id: str | None, effect: str, obj: str, *, occurrence: int = 0,
             negated: bool = False, cell_line: str | None = None, model_system: str = "unknown") -> Relation:
    """A relation whose offsets are found in ``doc.text`` (the ``occurrence``-th sentence holding the agent)."""
    sentence = [s for s in doc.sentences if agent in doc.text[s.start:s.end]][occurrence]
    agent_start = doc.text.index(agent, sentence.start)
    object_start = doc.text.index(obj, sentence.start)
    return Relation(
        relation_id=f"rel:{doc.doc_id}:{agent}:{effect}:{obj}", doc_id=doc.doc_id, agent_text=agent,
        agent_start=agent_start, agent_end=agent_start + len(agent), agent_id=agent_id,
        agent_name=agent if agent_id else None, effect=effect, triggers=("t",), object_text=obj,
        object_start=object_start, object_end=object_start + len(obj), object_label="TARGET" if "IL" in obj else None,
        object_id=obj.replace("-", "") if "IL" in obj else None,
        sentence_text=doc.text[sentence.start:sentence.end], sentence_start=sentence.start, sentence_end=sentence.end,
        cell_line=cell_line, model_system=model_system, negated=negated, section="body")


def relations(docs: list[Document], *, with_pubmed: bool = True) -> list[Relation]:
    review, abstract = docs
    out = [
        relation(review, "Siltuximab", "agent:siltuximab", "decreases", "IL-6 signaling", cell_line="MCF-7",
                 model_system="in_vitro"),                                       # matches F001
        relation(review, "CNTO 328", None, "decreases", "IL-6 signaling"),      # alias; F001 taken -> redundant
        relation(review, "Tocilizumab", "agent:tocilizumab", "decreases", "IL-6R"),  # binds~decreases -> F002
        relation(review, "Siltuximab", "agent:siltuximab", "approved_for", "cancer", occurrence=1),  # F003, negation missed
        relation(review, "Tocilizumab", "agent:tocilizumab", "increases", "IL-6R"),  # incompatible effect
    ]
    if with_pubmed:
        out += [relation(abstract, "Siltuximab", "agent:siltuximab", "decreases", "IL-6"),
                relation(abstract, "Sarilumab", "agent:sarilumab", "binds", "IL-6R")]
    return out


def mentions(docs: list[Document]) -> list[Mention]:
    out = []
    for doc in docs:
        for name, label, norm in (("Siltuximab", "DRUG", "agent:siltuximab"), ("Tocilizumab", "DRUG", "agent:tocilizumab"),
                                  ("Sarilumab", "DRUG", "agent:sarilumab"), ("IL-6R", "TARGET", "IL6R"),
                                  ("MCF-7", "CELL_LINE", "CVCL_0031")):
            for match in re.finditer(re.escape(name), doc.text):
                out.append(Mention(doc.doc_id, match.start(), match.end(), name, label, norm, name))
    return sorted(out, key=lambda m: (m.doc_id, m.start))


def write_run(out_dir: Path, *, with_pubmed: bool = True) -> Path:
    """Write the documents, mentions and relations files of the fixture run into ``out_dir``."""
    docs = documents() if with_pubmed else documents()[:1]
    all_docs = documents()
    write_jsonl(docs, stage_file(out_dir, "documents"))
    write_jsonl([m for m in mentions(all_docs) if any(m.doc_id == d.doc_id for d in docs)],
                stage_file(out_dir, "mentions"))
    write_jsonl(relations(all_docs, with_pubmed=with_pubmed), stage_file(out_dir, "relations"))
    return out_dir
