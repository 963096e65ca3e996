"""Disease word endings learned from train annotations ("-kinesia") and the matcher that uses them."""

from pipeline.ner.disease_shapes import DiseaseShapes, learn_shapes, read_shapes, write_shapes
from pipeline.ner.lexicon import LEXICON_DIR
from pipeline.ner.matcher import MatchView
from pipeline.ner.shapes import PatternMatcher


def _gold(text, *names):
    return text, [(text.index(n), text.index(n) + len(n)) for n in names]


def _documents():
    return [_gold("Akinesia and dyskinesia followed.", "Akinesia", "dyskinesia"),
            _gold("Bradykinesia was severe; akinesia too.", "Bradykinesia", "akinesia"),
            _gold("Rats had dyskinesia under anesthesia.", "dyskinesia"),
            _gold("Proteinuria and hematuria were seen.", "Proteinuria", "hematuria")]


def test_the_longest_ending_of_several_gold_words_is_learned():
    shapes = learn_shapes(_documents(), hand_written=lambda word: False)
    # "-esia" (5 of 6, "anesthesia" never annotated) and "-nesia" (5 of 5) both qualify: the longer is the shape.
    assert shapes.endings == ("nesia",) and shapes.exceptions == frozenset()


def test_a_rare_word_with_a_kept_ending_is_an_exception():
    documents = _documents() + [("Amnesia was absent in anamnesia.", [(0, 7)])]  # 6 of 7 "-nesia" gold
    shapes = learn_shapes(documents, hand_written=lambda word: False)
    assert "nesia" in shapes.endings and shapes.exceptions == {"anamnesia"}
    assert "uria" not in shapes.endings  # two words only: one name is no ending


def test_words_the_written_shapes_take_are_no_evidence():
    shapes = learn_shapes(_documents(), hand_written=lambda word: word.endswith("kinesia"))
    assert shapes.endings == ()


def test_shapes_round_trip_through_the_cache(tmp_path):
    shapes = DiseaseShapes(("nesia", "uria"), frozenset({"anamnesia"}))
    write_shapes(tmp_path, shapes)
    assert read_shapes(tmp_path) == shapes
    assert read_shapes(None) == DiseaseShapes()


def test_learned_ending_matches_one_unseen_word_without_its_adjective():
    shapes = DiseaseShapes(("nesia",), frozenset({"anamnesia"}))
    matcher = PatternMatcher((), LEXICON_DIR / "disease_learned_shapes.tsv", label="DISEASE", ignore_case=True,
                             exceptions=shapes.exceptions, families=[shapes.family()])
    text = "Global hyperkinesia, not anamnesia."
    assert [text[c.start:c.end] for c in matcher.candidates(MatchView(text))] == ["hyperkinesia"]
