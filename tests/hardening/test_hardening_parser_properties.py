"""Property-based tests of the input parsers: PubTator, BioC (XML and JSON), efetch XML and the
segmentation of PubMed-style documents.

Two kinds of property: generated well-formed input comes back exactly (offsets within bounds,
``text[start:end]`` equal to the span's text, sentences disjoint and inside their section), and
damaged input gives documents or a named :class:`InputError`, never another exception.
The budget comes from the hypothesis profile (60 cases by default, 10,000 with ``make fuzz``).
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

import bioc
from bioc import biocjson, biocxml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pipeline.corpora.bioc_reader import read_bioc
from pipeline.corpora.pubtator import read_pubtator
from pipeline.errors import InputError
from pipeline.ingest.corpus import segment_document
from pipeline.pubmed.parser import parse_pubmed_xml
from pipeline.records import Document

# tmp_path is shared by the examples of one test; each example writes its own file name.
FUNCTION_SCOPED = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

# Text a PubTator line can hold: no line breaks, no tabs; "|" is allowed (a mention text holding
# "|a|" was once misread as an abstract line: test_hardening_corpora_readers.py pins the fix).
line_text = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029\x85"
                                  "\x0b\x0c\x1c\x1d\x1e"), min_size=1, max_size=60).filter(lambda t: t.strip())
pmids = st.integers(min_value=1, max_value=10**9).map(str)


def _spans_of(text: str, data: st.DataObject, max_spans: int = 4) -> list[tuple[int, int]]:
    spans = []
    for _ in range(data.draw(st.integers(0, max_spans))):
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        if "\t" not in text[start:end]:
            spans.append((start, end))
    return spans


@FUNCTION_SCOPED
@given(documents=st.lists(st.tuples(pmids, line_text, line_text), min_size=1, max_size=3,
                          unique_by=lambda d: d[0]), data=st.data())
def test_pubtator_documents_and_mentions_round_trip_propert(tmp_path, documents, data):
    lines, expected = [], {}
    for pmid, title, abstract in documents:
        text = f"{title} {abstract}"
        spans = _spans_of(text, data)
        lines += [f"{pmid}|t|{title}", f"{pmid}|a|{abstract}"]
        lines += [f"{pmid}\t{s}\t{e}\t{text[s:e]}\tChemical\tMESH:D1" for s, e in spans]
        lines.append("")
        expected[pmid] = (text, spans)
    path = tmp_path / f"{data.draw(st.uuids())}.pubtator"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    read = read_pubtator(path)
    assert [a.doc_id for a in read] == [d[0] for d in documents]
    for annotated in read:
        text, spans = expected[annotated.doc_id]
        assert annotated.document.text == text
        assert [(m.start, m.end) for m in annotated.mentions] == spans
        for mention in annotated.mentions:
            assert 0 <= mention.start < mention.end <= len(text)
            assert text[mention.start:mention.end] == mention.text


PUBTATOR_PIECES = st.sampled_from(["1|t|", "1|a|", "2|t|", "\t", "|", "0", "5", "12", "Chemical", "\n", "\n\n",
                                   "1\t0\t3\tabc\tGene\t1", "1\tCID\tD1\tD2", " ", "é", "\r"])


@FUNCTION_SCOPED
@given(pieces=st.lists(st.one_of(PUBTATOR_PIECES, st.text(max_size=8)), max_size=40), data=st.data())
def test_any_pubtator_text_gives_checked_documents_or_a_named_error_propert(tmp_path, pieces, data):
    path = tmp_path / f"{data.draw(st.uuids())}.pubtator"
    path.write_text("".join(pieces), encoding="utf-8")
    try:
        read = read_pubtator(path)
    except InputError as error:
        assert str(error).startswith(str(path))
        return
    for annotated in read:
        for mention in annotated.mentions:
            assert annotated.document.text[mention.start:mention.end] == mention.text


bioc_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=50)


def _collection(passages_per_doc: list[list[tuple[int, str, list[tuple[int, int]]]]]) -> bioc.BioCCollection:
    collection = bioc.BioCCollection()
    collection.source, collection.date, collection.key = "generated", "2026", "none"
    for number, passages in enumerate(passages_per_doc, start=1):
        document = bioc.BioCDocument()
        document.id = str(number)
        offset = 0
        for index, (gap, text, spans) in enumerate(passages):
            passage = bioc.BioCPassage()
            passage.offset = offset + gap
            passage.text = text
            passage.infons["type"] = "title" if index == 0 else "abstract"
            for k, (start, end) in enumerate(spans):
                annotation = bioc.BioCAnnotation()
                annotation.id = f"{index}.{k}"
                annotation.text = text[start:end]
                annotation.infons["type"] = "Chemical"
                annotation.add_location(bioc.BioCLocation(passage.offset + start, end - start))
                passage.add_annotation(annotation)
            document.add_passage(passage)
            offset = passage.offset + len(text)
        collection.add_document(document)
    return collection


@st.composite
def passages(draw):
    text = draw(bioc_text)
    spans = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text) - 1))
        spans.append((start, draw(st.integers(start + 1, len(text)))))
    return draw(st.integers(0, 3)), text, spans


@FUNCTION_SCOPED
@given(docs=st.lists(st.lists(passages(), min_size=1, max_size=3), min_size=1, max_size=2),
       as_json=st.booleans(), data=st.data())
def test_bioc_passages_and_annotations_round_trip_propert(tmp_path, docs, as_json, data):
    collection = _collection(docs)
    if as_json:
        path = tmp_path / f"{data.draw(st.uuids())}.json"
        path.write_text(biocjson.dumps(collection), encoding="utf-8")
    else:
        path = tmp_path / f"{data.draw(st.uuids())}.xml"
        # XML 1.0 cannot carry every character: skip texts the BioC writer itself cannot encode.
        try:
            path.write_text(biocxml.dumps(collection), encoding="utf-8")
        except ValueError:
            assume(False)
    read = read_bioc(path)
    assert len(read) == len(docs)
    for annotated, passages_of_doc in zip(read, docs):
        text = annotated.document.text
        offset, expected_mentions = 0, []
        for gap, passage_text, spans in passages_of_doc:
            start = offset + gap
            assert text[start:start + len(passage_text)] == passage_text
            expected_mentions += [(start + s, start + e) for s, e in spans]
            offset = start + len(passage_text)
        assert len(text) == offset
        assert sorted((m.start, m.end) for m in annotated.mentions) == sorted(expected_mentions)
        for mention in annotated.mentions:
            assert 0 <= mention.start < mention.end <= len(text)
            assert text[mention.start:mention.end] == mention.text


_ARTICLE = (b"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>31</PMID><Article>"
            b"<ArticleTitle>IL-6 &amp; <i>gp130</i> in breast cancer.</ArticleTitle><Abstract>"
            b"<AbstractText Label=\"BACKGROUND\">Tocilizumab blocks IL-6R. It reduced growth (p &lt; 0.05).</AbstractText>"
            b"<AbstractText>Siltuximab binds IL-6.</AbstractText></Abstract></Article></MedlineCitation>"
            b"</PubmedArticle></PubmedArticleSet>")


def _check_documents(documents: list[Document]) -> None:
    for document in documents:
        previous = 0
        for span in document.sections:
            assert previous <= span.start <= span.end <= len(document.text)
            previous = span.end
        segmented = segment_document(document)
        _check_sentences(segmented)


def _check_sentences(document: Document) -> None:
    previous = 0
    for sentence in document.sentences:
        assert previous <= sentence.start < sentence.end <= len(document.text)
        assert any(p.start <= sentence.start and sentence.end <= p.end for p in document.paragraphs)
        previous = sentence.end


@given(edits=st.lists(st.tuples(st.integers(0, len(_ARTICLE)), st.integers(0, 6), st.binary(max_size=6)),
                      max_size=4))
def test_damaged_efetch_xml_gives_checked_documents_or_named_errors_propert(edits):
    data = bytearray(_ARTICLE)
    for position, deleted, inserted in edits:
        data[position:position + deleted] = inserted
    documents, errors = parse_pubmed_xml(bytes(data), "damaged.xml")
    assert all(isinstance(e, InputError) and str(e).startswith(("damaged.xml", "pmid:")) for e in errors)
    assert documents or errors
    _check_documents(documents)


xml_char = st.characters(blacklist_categories=("Cs", "Cc"), min_codepoint=0x20)
sentence_text = st.lists(st.one_of(st.text(xml_char, min_size=1, max_size=30),
                                   st.sampled_from([". ", "? ", "e.g. ", "et al. ", "(p < 0.05). ", "Fig. 2. ",
                                                    "IL-6.", " ", "\n"])), min_size=1, max_size=12).map("".join)


@given(title=sentence_text, bodies=st.lists(sentence_text, max_size=3))
def test_efetch_documents_segment_into_disjoint_sentences_inside_sections_propert(title, bodies):
    assume(title.strip())
    abstract = "".join(f"<AbstractText>{escape(b)}</AbstractText>" for b in bodies)
    data = (f"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>7</PMID><Article>"
            f"<ArticleTitle>{escape(title)}</ArticleTitle><Abstract>{abstract}</Abstract></Article>"
            f"</MedlineCitation></PubmedArticle></PubmedArticleSet>").encode()
    (document,), errors = parse_pubmed_xml(data, "generated")
    assert errors == []
    segmented = segment_document(document)
    _check_sentences(segmented)
    covered = "".join(segmented.text[s.start:s.end] for s in segmented.sentences)
    assert re.sub(r"\s", "", covered) == re.sub(r"\s", "", "".join([title, *[b for b in bodies if b.strip()]]))
