"""Turn hand-written relation dev statements (object text + an anchor phrase) into statements.tsv.

Annotating by character offsets is error-prone, so a dev part is written as ``anchors.tsv``:
``doc_id, agent_id, effect, anchor, object_text, negated, hedged, agent_names``, where ``anchor`` is a
phrase that occurs once in the document text and contains ``object_text`` (empty: the object text
itself occurs once). This script finds each object in the ingested text (``documents.jsonl`` of an
``evidence ingest`` run) and writes ``statements.tsv`` (end-exclusive offsets) and ``scope.tsv`` (each
annotated document whole, with its text SHA-1), the files ``evidence evaluate relations --corpus dev``
reads. An anchor that is missing or not unique is an error, never a guess.

Usage::

    python scripts/devset_offsets.py annotations/relations_dev/ontopic --documents DIR/documents.jsonl
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from pathlib import Path

COLUMNS = ("doc_id", "agent_id", "effect", "object_start", "object_end", "negated", "hedged", "object_text",
           "agent_names")


def locate(text: str, anchor: str, object_text: str) -> tuple[int, int]:
    """(start, end) of ``object_text`` inside the one occurrence of ``anchor`` in ``text``."""
    anchor = anchor or object_text
    if text.count(anchor) != 1:
        raise ValueError(f"anchor {anchor!r} occurs {text.count(anchor)} times")
    offset = anchor.find(object_text)
    if offset < 0:
        raise ValueError(f"object {object_text!r} is not inside anchor {anchor!r}")
    start = text.index(anchor) + offset
    return start, start + len(object_text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", type=Path, help="folder holding anchors.tsv")
    parser.add_argument("--documents", type=Path, required=True, help="documents.jsonl of an ingest run")
    args = parser.parse_args()
    texts = {}
    for line in args.documents.read_text(encoding="utf-8").splitlines():
        document = json.loads(line)
        texts[document["doc_id"]] = document["text"]
    with (args.part / "anchors.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    out, errors, documents = [], [], []
    for number, row in enumerate(rows, start=2):
        doc_id = row["doc_id"]
        if doc_id not in documents:
            documents.append(doc_id)
        if not row["effect"]:  # a document annotated with no statement: scope only
            continue
        try:
            start, end = locate(texts[doc_id], row["anchor"], row["object_text"])
        except (KeyError, ValueError) as error:
            errors.append(f"anchors.tsv line {number}: {error}")
            continue
        out.append([doc_id, row["agent_id"], row["effect"], start, end, row["negated"], row["hedged"],
                    row["object_text"], row["agent_names"]])
    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    with (args.part / "statements.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        writer.writerow(COLUMNS)
        writer.writerows(out)
    with (args.part / "scope.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(("doc_id", "start", "end", "text_sha1"))
        for doc_id in documents:
            text = texts[doc_id]
            writer.writerow((doc_id, 0, len(text), hashlib.sha1(text.encode("utf-8")).hexdigest()))
    print(f"wrote {len(out)} statements in {len(documents)} documents to {args.part}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
