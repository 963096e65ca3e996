"""Leave-one-part-out scoring of the pair reader trained with the on-topic dev parts' statements.

Each part is a pipeline run on its text (``scripts/ontopic_dev_pubtator.py --part N`` + ``evidence run
--pubtator``) and its annotation folder; ontopic3 is held out by the lead and never named here. Per
part a model is trained on the corpora's examples (BioRED train + BC5CDR train, as ``evidence train
relations --pairs`` makes them; computed once into ``--work``) and the other parts' labelled candidates,
the part is read with it and scored as ``evidence evaluate relations --corpus dev`` does; the sums over
the parts are printed with those of the shipped model (``--baseline``).

    python scripts/lopo_pair_reader.py --part ontopic=outputs/od1 --part ontopic2=outputs/od2 \\
        --part ontopic4=outputs/od4 --part ontopic5=outputs/od5 --part ontopic6=outputs/od6 \\
        --baseline --variant weight=1 --variant weight=3,coverage=pair [--out FILE.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.evaluation.indomain import (Part, Settings, leave_one_part_out, load_examples,  # noqa: E402
                                          part_examples, save_examples)


def base_examples(work: Path, biored: Path, bc5cdr: Path, settings: Settings) -> list:
    """The corpora's labelled candidates, computed once (pipeline runs on BioRED/BC5CDR train) and kept."""
    from pipeline.evaluation.biored_relations import load_biored
    from pipeline.evaluation.pair_training import corpus_examples

    cached = work / f"base_{settings.paths or 'tokens'}_{'context' if settings.context else 'plain'}.jsonl"
    if cached.exists():
        return load_examples(cached)
    held = frozenset(load_biored(biored / "Dev.PubTator").texts) | frozenset(
        load_biored(biored / "Test.PubTator").texts)
    examples = corpus_examples(biored / "Train.PubTator", work / "biored_train", paths=settings.paths,
                               context=settings.context)
    examples += corpus_examples(bc5cdr / "CDR_TrainingSet.PubTator.txt", work / "bc5cdr_train", exclude=held,
                                paths=settings.paths, context=settings.context)
    save_examples(examples, cached)
    return examples


def settings_of(text: str) -> Settings:
    """``weight=3,coverage=pair`` as :class:`Settings` (numbers, 0/1 for yes/no, words as given)."""
    fields = Settings.__dataclass_fields__
    values: dict[str, object] = {}
    for item in filter(None, text.split(",")):
        key, _, value = item.partition("=")
        if key not in fields:
            raise SystemExit(f"unknown setting {key!r} (one of {', '.join(fields)})")
        kind = type(getattr(Settings(), key))
        values[key] = (value == "1" if kind is bool else value if kind is str or key == "paths"
                       else float(value) if key != "seed" else int(value))
    return Settings(**values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", action="append", required=True, metavar="NAME=RUN",
                        help="an annotation folder under annotations/relations_dev and a run on its text")
    parser.add_argument("--annotations", type=Path, default=ROOT / "annotations" / "relations_dev")
    parser.add_argument("--work", type=Path, default=Path("outputs/eval/indomain"))
    parser.add_argument("--biored", type=Path, default=ROOT.parent / "shared/data/benchmarks/BioRED")
    parser.add_argument("--bc5cdr", type=Path, default=ROOT.parent / "shared/data/benchmarks/BC5CDR")
    parser.add_argument("--baseline", action="store_true", help="also score the shipped model on the same parts")
    parser.add_argument("--variant", action="append", default=[], metavar="KEY=VALUE,...",
                        help="a training setting to score (indomain.Settings fields: weight=3,threshold=0,"
                             "coverage=pair,target_margin=0,corpora=0,c=1); repeatable")
    parser.add_argument("--out", type=Path, help="write the figures as JSON")
    args = parser.parse_args(argv)
    parts = []
    for item in args.part:
        name, _, run = item.partition("=")
        if name == "ontopic3":
            parser.error("ontopic3 is the lead's held-out part")
        parts.append(Part(name, Path(run), args.annotations / name))
    results: dict[str, object] = {}
    if args.baseline:
        results["shipped"] = leave_one_part_out(parts, [], None, args.work / "shipped")
    variants = {text: settings_of(text) for text in args.variant}
    if variants:
        first = next(iter(variants.values()))
        corpora = any(s.corpora for s in variants.values())
        base = base_examples(args.work, args.biored, args.bc5cdr, first) if corpora else []
        labelled: dict[tuple, dict] = {}  # the parts' examples per candidate setting, made once
        for text, settings in variants.items():
            kind = (settings.paths, settings.context, settings.phrases)
            if kind not in labelled:
                labelled[kind] = {p.name: part_examples(p, paths=settings.paths, context=settings.context,
                                                        phrases=settings.phrases) for p in parts}
            folder = args.work / "lopo" / "".join(ch if ch.isalnum() else "_" for ch in text)
            results[text] = leave_one_part_out(parts, base, settings, folder, labelled[kind])
    for key, value in results.items():
        total = value["total"]
        print(f"{key}: tp/fp/fn {total['tp']}/{total['fp']}/{total['fn']} P {value['precision']} R {value['recall']}"
              f"  {json.dumps(value['parts'])}")
    if args.out:
        args.out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
