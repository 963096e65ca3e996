"""Mentions and candidates built by ``tuple.__new__`` (the hot loops' builders) are the named tuples the
class builds: same type, fields, equality, hash and pickling."""

from __future__ import annotations

import pickle

from pipeline.ner.lexicon import Entry
from pipeline.ner.matcher import Candidate, _new_candidate
from pipeline.ner.mentions import CharMention, new_char_mention

ENTRY = Entry("agent:tocilizumab", "tocilizumab", "DRUG")


def test_a_mention_built_from_its_fields_is_the_class_s_own():
    fields = (3, 14, "DRUG", "agent:tocilizumab", "tocilizumab", "lexicon", ("drugbank:DB06273",))
    built, plain = new_char_mention(fields), CharMention(*fields)
    assert type(built) is CharMention and built == plain and hash(built) == hash(plain)
    assert (built.start, built.end, built.label, built.xrefs) == (3, 14, "DRUG", ("drugbank:DB06273",))
    assert pickle.loads(pickle.dumps(built)) == plain and built._replace(xrefs=()) == plain._replace(xrefs=())


def test_a_candidate_built_from_its_fields_is_the_class_s_own():
    built, plain = _new_candidate((0, 11, ENTRY, "lexicon")), Candidate(0, 11, ENTRY)
    assert type(built) is Candidate and built == plain and built.source == "lexicon" and built.entry is ENTRY
