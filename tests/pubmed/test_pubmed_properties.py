"""Property checks: any title/abstract text comes back exactly from text + sections, also via the cache."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.pubmed.cache import split_articles
from pipeline.pubmed.parser import parse_pubmed_xml

# XML 1.0 characters, excluding surrogates; "\r" is written as a character reference.
xml_char = st.one_of(st.sampled_from("\r\n\t <>&\"'"),
                    st.characters(blacklist_categories=("Cs",), min_codepoint=0x20))
xml_text = st.text(xml_char, min_size=1, max_size=40).filter(lambda t: t.strip())
labels = st.one_of(st.none(), st.from_regex(r"[A-Z][A-Z ]{0,11}[A-Z]", fullmatch=True))


def as_xml(text: str) -> str:
    return escape(text).replace("\r", "&#13;")


@settings(max_examples=max(150, settings.default.max_examples), deadline=None)
@given(title=xml_text, sections=st.lists(st.tuples(labels, xml_text), max_size=4))
def test_title_and_sections_round_trip_exactly(title, sections):
    abstract = "".join(
        f"<AbstractText{'' if label is None else ' Label=' + quoteattr(label)}>{as_xml(body)}</AbstractText>"
        for label, body in sections)
    data = (f"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>42</PMID><Article>"
            f"<ArticleTitle>{as_xml(title)}</ArticleTitle><Abstract>{abstract}</Abstract>"
            f"</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>").encode()
    (document,), errors = parse_pubmed_xml(data, "generated")
    assert errors == []
    spans = document.sections
    assert document.text[spans[0].start:spans[0].end] == title == document.title
    assert [document.text[s.start:s.end] for s in spans[1:]] == [body for _label, body in sections]
    assert [s.label for s in spans[1:]] == [label or "ABSTRACT" for label, _body in sections]
    (cached,), errors = parse_pubmed_xml(split_articles(data, "generated")["42"], "cached")
    assert errors == [] and cached == document
