"""Names learned from the train splits (`evidence lexicon build --corpus-train`): which documents, which spellings."""

from __future__ import annotations

from pathlib import Path

from pipeline.evaluation.lexicon_build import train_rows

FILES = {"BioRED": ("Train.PubTator", "Dev.PubTator", "Test.PubTator"),
         "BC5CDR": ("CDR_TrainingSet.PubTator.txt", "CDR_DevelopmentSet.PubTator.txt", "CDR_TestSet.PubTator.txt")}


def _document(pmid: str, title: str, mentions: list[tuple[str, str, str]]) -> str:
    lines = [f"{pmid}|t|{title}", f"{pmid}|a|"]
    for text, label, norm in mentions:
        start = title.index(text)
        lines.append(f"{pmid}\t{start}\t{start + len(text)}\t{text}\t{label}\t{norm}")
    return "\n".join(lines) + "\n\n"


def _benchmarks(tmp_path: Path, documents: dict[tuple[str, int], str]) -> Path:
    """A benchmarks folder with every split of BioRED and BC5CDR (``documents`` by (corpus, split index))."""
    for corpus, names in FILES.items():
        (tmp_path / corpus).mkdir(parents=True, exist_ok=True)
        for index, name in enumerate(names):
            (tmp_path / corpus / name).write_text(documents.get((corpus, index), ""), encoding="utf-8")
    return tmp_path


def _learned(rows) -> dict[str, list[str]]:
    return {entry.norm_name: forms for entry, forms, _case in rows}


def test_a_scored_corpus_cache_learns_its_train_documents_that_the_other_corpus_holds_out(tmp_path):
    shared = _document("500", "Pazopanib was given.", [("Pazopanib", "ChemicalEntity", "C516667")])
    benchmarks = _benchmarks(tmp_path, {("BioRED", 0): shared, ("BC5CDR", 2): shared,
                                        ("BioRED", 2): _document("900", "Imatinib.", [])})
    rows, used, excluded, _texts = train_rows(benchmarks)
    assert "Pazopanib" not in _learned(rows) and "500" in excluded and not used
    rows, used, excluded, _texts = train_rows(benchmarks, scored_corpus="biored")
    assert "Pazopanib" in _learned(rows) and used == {"500"} and excluded == {"900"}


def test_a_case_variant_is_learned_only_when_its_own_uses_pass_the_bar(tmp_path):
    text = ("Contrast was injected. In contrast, in contrast, and in contrast, nothing. "
            "Cisplatin was given; cisplatin again.")
    document = _document("1", text, [("Contrast", "ChemicalEntity", "D003287"),
                                     ("Cisplatin", "ChemicalEntity", "D002945")])
    document = document.rstrip("\n") + f"\n1\t{text.index('cisplatin')}\t{text.index('cisplatin') + 9}\tcisplatin" \
                                       "\tChemicalEntity\tD002945\n\n"
    rows, _used, _excluded, _texts = train_rows(_benchmarks(tmp_path, {("BioRED", 0): document}))
    learned = _learned(rows)
    assert learned["Contrast"] == ["Contrast"]  # "contrast": three uses, none annotated
    assert "cisplatin" in learned["Cisplatin"]


def test_lexicon_build_for_corpus_records_the_documents_it_learned_from(tmp_path, capsys):
    import json

    from pipeline.cli import main

    shared = _document("500", "Pazopanib was given.", [("Pazopanib", "ChemicalEntity", "C516667")])
    other = _document("600", "Cisplatin was given.", [("Cisplatin", "Chemical", "D002945")])
    benchmarks = _benchmarks(tmp_path / "benchmarks", {("BioRED", 0): shared, ("BC5CDR", 2): shared,
                                                       ("BC5CDR", 0): other})
    lexicons = Path(__file__).resolve().parent / "data" / "lexicons"
    # The train texts name no disease: the build once failed on the empty automaton of its spelling variants.
    for option, learned in (([], ["600"]), (["--for-corpus", "biored"], ["500", "600"])):
        cache = tmp_path / ("cache" + "".join(option))
        assert main(["lexicon", "build", "--from", str(lexicons), "--corpus-train", str(benchmarks),
                     "--cache-dir", str(cache), *option]) == 0
        record = json.loads((cache / "learned_from.json").read_text(encoding="utf-8"))
        assert record["doc_ids"] == learned
