"""Property-based checks of the segmenter: any text in, well-formed spans out (or a named InputError)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import InputError
from pipeline.ingest.review import ingest_review
from pipeline.text import split_sentences
from pipeline.textcheck import clean_text

# Fragments that steer the layout scanner into its table, legend, heading and bullet paths.
REVIEW_PIECES = st.sampled_from([
    "ABSTRACT", "INTRODUCTION", "Table 1: Agents", "Name; Developer Structure", "IL-6 targeting agents",
    "IL-6R targeting agents", "gp130 targeting agents", "- Inhibition of growth [12]", "- Binding to human",
    "N/A", "N/A N/A - Binding to IL-6", "Human anti–IL-6 mAb", "Figure 1: Action of IL-6.", "* Information",
    "Siltuximab (CNTO 328); J&J", "trans-", "signaling is here.", "et al. [3] showed", "Fig. 2", "e.g. IL-6",
    "", " ", "  ", "x", "(74) [75]", "IL-6/", "A clinical study (NCT01559103)", "to assess it.",
])
LINES = st.lists(st.one_of(REVIEW_PIECES, st.text(max_size=30)), max_size=60)


@given(st.text(max_size=400))
def test_sentence_spans_are_trimmed_disjoint_and_cover_the_text(text):
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert 0 <= previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end
    covered = "".join(text[a:b] for a, b in spans)
    assert "".join(covered.split()) == "".join(text.split())


@given(LINES, st.sampled_from(["\n", "\n \n", "\n\n"]))
def test_any_review_like_text_gives_well_formed_spans(tmp_path_factory, lines, separator):
    path = tmp_path_factory.mktemp("review") / "review.txt"
    raw = separator.join(lines)
    path.write_text(raw, encoding="utf-8")
    try:
        document, rows = ingest_review(path)
    except InputError as error:
        assert "review.txt" in str(error)
        return
    text = document.text
    # ingest replaces each control character by a space, one for one (pipeline.textcheck)
    raw = clean_text(path.read_text(encoding="utf-8"))[0]
    for span in document.sections + document.paragraphs + document.sentences:
        assert 0 <= span.start <= span.end <= len(text)
    previous_end = 0
    for sentence in document.sentences:
        assert sentence.start >= previous_end and text[sentence.start:sentence.end].strip()
        previous_end = sentence.end
    for segment in document.source_map:
        assert text[segment.norm_start:segment.norm_start + segment.length] == \
            raw[segment.raw_start:segment.raw_start + segment.length]
    for row in rows:
        for cell in row.cells:
            assert text[cell.start:cell.end] == cell.text
