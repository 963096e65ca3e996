"""cue_positions finds exactly where a (multi-word, possibly prefix) cue starts."""

from hypothesis import given
from hypothesis import strategies as st

from pipeline.relations.lexicon import Cue, Words, cue_positions

WORDS = st.sampled_from(["not", "no", "in", "vitro", "vivo", "mice", "mouse", "xeno", "xenograft", ",", "did"])


def reference_positions(words: list[str], cue: Cue) -> list[int]:
    n = len(cue.words)
    hits = []
    for i in range(len(words) - n + 1):
        head_ok = words[i:i + n - 1] == list(cue.words[:-1])
        last = words[i + n - 1]
        if head_ok and (last.startswith(cue.words[-1]) if cue.prefix else last == cue.words[-1]):
            hits.append(i)
    return hits


def test_multi_word_and_prefix_cues():
    words = "tumours in nude mice and in vitro , in vivo xenografts in".split()
    assert cue_positions(words, Cue(("in", "vitro"), False)) == [5]
    assert cue_positions(words, Cue(("in", "viv"), True)) == [8]
    assert cue_positions(words, Cue(("xenograft",), True)) == [10]
    assert cue_positions(words, Cue(("xenograft",), False)) == []
    assert cue_positions(words, Cue(("in",), False)) == [1, 5, 8, 11]
    assert cue_positions(words, Cue(("in", "vitro", ","), False)) == [5]
    assert cue_positions(["in"], Cue(("in", "vitro"), False)) == []


@given(st.lists(WORDS, max_size=30), st.lists(WORDS, min_size=1, max_size=3), st.booleans())
def test_cue_positions_property_matches_a_plain_scan(words, cue_words, prefix):
    cue = Cue(tuple(cue_words), prefix)
    assert cue_positions(words, cue) == reference_positions(words, cue)


@given(st.lists(WORDS, max_size=30), st.lists(WORDS, min_size=1, max_size=3), st.booleans())
def test_words_rule_out_only_absent_cues_property(words, cue_words, prefix):
    # Words' joined copy may only skip a cue that the plain scan would not find
    cue = Cue(tuple(cue_words), prefix)
    assert cue_positions(Words(words), cue) == reference_positions(words, cue)


def test_words_rule_out_an_absent_cue_and_keep_a_prefix_hit():
    words = Words("tumours in nude mice and in vitro".split())
    assert not words.may_hold(Cue(("xenograft",), True))
    assert not words.may_hold(Cue(("vitr",), False))  # exact: "vitr" is not a word
    assert words.may_hold(Cue(("vitr",), True)) and cue_positions(words, Cue(("vitr",), True)) == [6]
    assert words == ["tumours", "in", "nude", "mice", "and", "in", "vitro"]
