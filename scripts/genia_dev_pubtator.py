"""Write the GENIA relation dev abstracts (JNLPBA training texts on the blind set's topics) as a PubTator file.

``annotations/relations_dev/genia/`` annotates every agent–effect statement of these abstracts, to measure
recall on real text like the blind PubMed set's largest tier (IL-6 axis terms in immunology, not cancer).
The JNLPBA training texts (GENIA abstracts, ``benchmarks/JNLPBA/standoff/train/<MUID>.txt``: title line,
abstract line) are the one pool of such text in ``shared`` no earlier dev part drew from.

Selection, deterministic: texts naming at least one of the blind set's topics (``TOPIC_PATTERNS`` of
``ontopic_dev_pubtator.py``), minus any whose MEDLINE UID is a reserved snapshot PMID and any whose title or
abstract opening (60 characters, case and spaces folded) occurs in a snapshot abstract (file names are
MEDLINE UIDs, not PMIDs, so the text is compared too). Ranked by the number of topics named, then by IL-6
named, then by UID; ``--skip`` candidates passed over, the next ``--count`` kept.

    python scripts/genia_dev_pubtator.py --count 16 --out outputs/genia_dev.pubtator
    evidence run --pubtator outputs/genia_dev.pubtator --out outputs/genia_dev
    python scripts/score_written.py annotations/relations_dev/genia outputs/genia_dev

``annotations/relations_dev/genia2/`` is the next 16 (``--skip 16 --count 16``; tuned on since 2026-12-04), and
``annotations/relations_dev/genia3/`` (held out) the 16 after it: ``--skip 32 --count 16``.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chemprot_ontopic_pubtator import dev_set_parser, reserved_or_report, write_pubtator  # noqa: E402
from ontopic_dev_pubtator import topics_named  # noqa: E402

_IL6 = re.compile(r"\bIL-?6\b|\binterleukin[- ]6\b", re.IGNORECASE)
_OPENING = 60


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def snapshot_openings(shared: Path) -> str:
    """Every snapshot title and abstract, folded and joined, to search a candidate's opening in."""
    rows = (json.loads(line) for line in (shared / "data" / "pubmed" / "abstracts.jsonl").open(encoding="utf-8"))
    return "\n".join(_folded(f"{row.get('title') or ''}\n{row.get('abstract') or ''}") for row in rows)


def genia_texts(benchmarks: Path) -> dict[str, tuple[str, str]]:
    """MUID -> (title, abstract) of the JNLPBA training texts. Raises OSError naming a missing folder."""
    folder = benchmarks / "JNLPBA" / "standoff" / "train"
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise OSError(f"no JNLPBA training texts in {folder}")
    texts = {}
    for path in paths:
        title, _, abstract = path.read_text(encoding="utf-8").partition("\n")
        texts[path.stem] = (title.strip(), abstract.strip())
    return texts


def main() -> int:
    parser = dev_set_parser(__doc__, "outputs/genia_dev.pubtator")
    parser.add_argument("--count", type=int, default=16)
    parser.add_argument("--skip", type=int, default=0, help="candidates of the ranking passed over first")
    parser.add_argument("--list", action="store_true", help="print the ranked candidates (UID, topics, IL-6)")
    args = parser.parse_args()
    reserved = reserved_or_report(args.shared)
    if reserved is None:
        return 1
    try:
        texts = genia_texts(args.shared / "data" / "benchmarks")
        snapshot = snapshot_openings(args.shared)
    except OSError as error:
        print(f"cannot read a shared file: {error}", file=sys.stderr)
        return 1
    ranked = []
    for uid, (title, abstract) in texts.items():
        text = f"{title} {abstract}"
        topics = topics_named(text)
        if not topics or uid.split("-")[0] in reserved:
            continue
        if _folded(title)[:_OPENING] in snapshot or _folded(abstract)[:_OPENING] in snapshot:
            continue
        ranked.append((-topics, -int(bool(_IL6.search(text))), uid))
    ranked.sort()
    if args.list:
        for minus_topics, minus_il6, uid in ranked:
            print(uid, -minus_topics, -minus_il6, texts[uid][0][:100])
    chosen = [uid for _, _, uid in ranked[args.skip:args.skip + args.count]]
    write_pubtator(args.out, chosen, texts)
    print(f"wrote {len(chosen)} of {len(ranked)} on-topic GENIA abstracts to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
