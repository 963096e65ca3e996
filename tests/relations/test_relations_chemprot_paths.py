"""Rich dependency-path features of ChemProt pairs and the on-disk parse cache (shipped parser)."""

from __future__ import annotations

from pathlib import Path

from pipeline.evaluation.chemprot import Candidate, Entity, load_split
from pipeline.evaluation.chemprot_paths import rich_path_features
from pipeline.evaluation.parse_cache import cached_parses

MINI = Path(__file__).parent / "data" / "chemprot_mini"


def _candidate(sentence: str, chemical: str, gene: str, *others: tuple[str, str]) -> Candidate:
    def entity(ent_id: str, label: str, text: str) -> Entity:
        start = sentence.index(text)
        return Entity(ent_id, label, start, start + len(text), text)

    return Candidate("1", sentence, 0, entity("T1", "CHEMICAL", chemical), entity("T2", "GENE-Y", gene),
                     tuple(entity(f"T{3 + n}", label, text) for n, (label, text) in enumerate(others)))


def test_path_words_are_blinded_and_the_lca_and_trigger_found():
    # Raloxifene's path to GPER climbs through Tamoxifen, the other chemical it is conjoined with
    sentence = "Tamoxifen and Raloxifene are antagonists of GPER."
    cand = _candidate(sentence, "Raloxifene", "GPER", ("CHEMICAL", "Tamoxifen"))
    feats = rich_path_features(cand, cached_parses([sentence], cache_dir=None)[sentence])
    names = " ".join(feats).lower()
    assert "other_chem" in names
    assert not any(name in names for name in ("tamoxifen", "gper", "raloxifene"))
    assert any(n.startswith("rp:e=CHEM|u:") for n in feats) and any(n.endswith("|GENE") for n in feats)
    assert any(n.startswith("rp:lca=") for n in feats) and any(n.startswith("rp:updown=") for n in feats)
    assert "rp:trig=antagonist_gene" in feats or "rp:trig=antagonist_lca" in feats


def test_negation_on_the_path_and_overlapping_pairs():
    sentence = "Ethanol did not change CYP2C9 expression."
    feats = rich_path_features(_candidate(sentence, "Ethanol", "CYP2C9"),
                               cached_parses([sentence], cache_dir=None)[sentence])
    assert feats["rp:negated"] == 1.0
    nested = "The angiotensin II receptor was blocked."
    cand = _candidate(nested, "angiotensin II", "angiotensin II receptor")
    assert rich_path_features(cand, cached_parses([nested], cache_dir=None)[nested]) == {"rp:none": 1.0}


def test_parse_cache_writes_once_and_reads_the_same_trees(tmp_path, monkeypatch):
    sentences = [c.sentence for c in load_split(MINI, "train").candidates]
    first = cached_parses(sentences, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*.spacy"))) == 1
    import pipeline.parser

    def refuse(*_args, **_kwargs):
        raise AssertionError("parsed again although the cache holds these sentences")

    monkeypatch.setattr(pipeline.parser, "parse_sentences", refuse)
    second = cached_parses(reversed(sentences), cache_dir=tmp_path)
    assert sorted(second) == sorted(first) == sorted(set(sentences))
    for text, doc in first.items():
        assert [(t.text, t.tag_, t.dep_, t.head.i) for t in doc] == \
            [(t.text, t.tag_, t.dep_, t.head.i) for t in second[text]]
