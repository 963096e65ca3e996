"""BioRED document-level pair scoring: gold pairs from relation lines, predicted pairs from relations."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.evaluation.biored_relations import load_biored, relation_pairs, score_biored
from pipeline.records import Relation

TITLE = "Tamoxifen and breast cancer."
ABSTRACT = "Tamoxifen reduced ESR1 signalling. Cisplatin increased nephropathy."
TEXT = f"{TITLE} {ABSTRACT}"


def _span(word: str) -> tuple[int, int]:
    start = TEXT.index(word, len(TITLE))
    return start, start + len(word)


def _pubtator(tmp_path: Path, relations: str) -> Path:
    lines = [f"1|t|{TITLE}", f"1|a|{ABSTRACT}"]
    for word, kind, ident in (("Tamoxifen", "ChemicalEntity", "D013629"), ("ESR1", "GeneOrGeneProduct", "2099"),
                              ("Cisplatin", "ChemicalEntity", "D002945"),
                              ("nephropathy", "DiseaseOrPhenotypicFeature", "D007674")):
        start, end = _span(word)
        lines.append(f"1\t{start}\t{end}\t{word}\t{kind}\t{ident}")
    path = tmp_path / "mini.PubTator"
    path.write_text("\n".join(lines) + "\n" + relations + "\n", encoding="utf-8")
    return path


def _relation(agent: str, effect: str, obj: str, negated: bool = False) -> Relation:
    (a, b), (c, d) = _span(agent), _span(obj)
    return Relation(f"rel:{agent}:{obj}", "pmid:1", agent, a, b, None, None, effect, (), obj, c, d, None, None,
                    TEXT, 0, len(TEXT), negated=negated)


def test_gold_pairs_are_chemical_gene_or_disease_in_either_order(tmp_path):
    split = load_biored(_pubtator(tmp_path, "1\tNegative_Correlation\t2099\tD013629\tNovel\n"
                                            "1\tPositive_Correlation\tD002945\tD007674\tNovel\n"
                                            "1\tAssociation\t2099\tD007674\tNo"))
    assert split.pairs == {("1", "D013629", "2099"): "Negative_Correlation",
                           ("1", "D002945", "D007674"): "Positive_Correlation"}


def test_relations_give_pairs_with_polarity_and_the_scores_count_them(tmp_path):
    split = load_biored(_pubtator(tmp_path, "1\tNegative_Correlation\tD013629\t2099\tNovel\n"
                                            "1\tPositive_Correlation\tD002945\tD007674\tNovel"))
    relations = [_relation("Tamoxifen", "increases", "ESR1"),  # right pair, wrong polarity
                 _relation("Cisplatin", "increases", "nephropathy"),
                 _relation("Cisplatin", "decreases", "ESR1", negated=True)]  # negated: not a pair
    predicted = relation_pairs(relations, split)
    assert predicted == {("1", "D013629", "2099"): "Positive_Correlation",
                         ("1", "D002945", "D007674"): "Positive_Correlation"}
    pair, typed = score_biored(split.pairs, predicted)
    assert (pair.tp, pair.fp, pair.fn) == (2, 0, 0)
    micro = typed[-1]
    assert (micro.tp, micro.fp, micro.fn) == (1, 1, 1)


def test_an_agent_span_naming_no_gold_chemical_takes_the_chemicals_of_its_agent_id(tmp_path):
    # "It reduced ESR1" after "Tamoxifen ...": the anaphor's span is no gold mention, its agent id is the
    # run's tamoxifen, whose own mention is the gold chemical; without the run's mentions the pair is lost
    from pipeline.evaluation.biored_relations import agent_spans
    from pipeline.records import Mention

    split = load_biored(_pubtator(tmp_path, "1\tNegative_Correlation\tD013629\t2099\tNovel"))
    start, end = _span("Tamoxifen")
    run_mentions = [Mention("pmid:1", start, end, "Tamoxifen", "DRUG", "MESH:D013629", "Tamoxifen", "lexicon"),
                    Mention("pmid:1", *_span("ESR1"), "ESR1", "TARGET", "ESR1", "ESR1", "lexicon")]
    (a, b), (c, d) = _span("signalling"), _span("ESR1")  # a stand-in anaphor: a word the corpus does not annotate
    anaphor = Relation("rel:it", "pmid:1", "signalling", a, b, "MESH:D013629", "Tamoxifen", "decreases", (),
                       "ESR1", c, d, None, None, TEXT, 0, len(TEXT), agent_source="anaphora")
    spans = agent_spans(run_mentions)
    assert spans == {("pmid:1", "MESH:D013629"): [(start, end)]}  # agents only
    assert relation_pairs([anaphor], split) == {}
    assert relation_pairs([anaphor], split, spans=spans) == {("1", "D013629", "2099"): "Negative_Correlation"}
    # the title's "Tamoxifen" is a name the corpus annotates elsewhere but not there: no chemical there
    title = Relation("rel:title", "pmid:1", "Tamoxifen", 0, 9, "MESH:D013629", "Tamoxifen", "decreases", (),
                     "ESR1", c, d, None, None, TEXT, 0, len(TEXT))
    assert relation_pairs([title], split, spans=spans) == {}


def test_a_relation_naming_an_id_without_a_mention_is_an_error_naming_the_line(tmp_path):
    with pytest.raises(InputError, match=r"mini\.PubTator:7: relation of 1"):
        load_biored(_pubtator(tmp_path, "1\tBind\tD013629\t9999\tNovel"))


def test_a_pipeline_run_on_a_pubtator_file_yields_the_stated_pair(tmp_path):
    from pipeline.evaluation.biored_run import run_pipeline
    from pipeline.io import read_jsonl
    from pipeline.stages import stage_path

    path = _pubtator(tmp_path, "1\tPositive_Correlation\tD002945\tD007674\tNovel")
    run_pipeline(path, tmp_path / "run", "all")
    relations = list(read_jsonl(stage_path(tmp_path / "run", "relations"), Relation))
    assert ("1", "D002945", "D007674") in relation_pairs(relations, load_biored(path))


def test_training_examples_are_the_runtime_candidates_with_projected_labels(tmp_path):
    from pipeline.evaluation.biored_run import run_pipeline
    from pipeline.evaluation.pair_training import run_examples, train_pair_model

    path = _pubtator(tmp_path, "1\tPositive_Correlation\tD002945\tD007674\tNovel")
    run_pipeline(path, tmp_path / "run", "all")
    examples = list(run_examples(tmp_path / "run", load_biored(path)))
    labels = {(e.features.get("obj=DISEASE"), e.label) for e in examples}
    assert (1.0, "increases") in labels and any(e.label == "none" for e in examples)
    assert not list(run_examples(tmp_path / "run", load_biored(path), exclude=frozenset({"1"})))
    model = train_pair_model(examples * 3, c=10.0, min_count=1)
    increased = next(e for e in examples if e.label == "increases")
    assert model.predict(increased.features)[0] == "increases"
