"""The one factory that builds the NER spaCy pipeline."""

from __future__ import annotations

import logging
from pathlib import Path

import spacy
from scispacy.abbreviation import AbbreviationDetector  # noqa: F401 - registers "abbreviation_detector"
from scispacy.custom_tokenizer import combined_rule_tokenizer
from spacy.language import Language

from ..context import NER_PROFILES
from . import abbreviations, components  # noqa: F401 - register the evidence_* factories
from .lexicon import DEFAULT_CACHE_DIR
from .vocabulary import prime_vocabulary, primer_chunks

logger = logging.getLogger(__name__)


def build_nlp(profile: str = "fast", *, cache_dir: Path | None = None,
              abbreviations: bool | str = True, patterns: bool = True, drugs: bool = True,
              compiled: bool = True, lexicon: bool = True, prime: bool = True, doc_ents: bool = True,
              agents_table: Path | None = None) -> Language:
    """Build the pipeline: scientific tokenizer, sentences, abbreviations, entities.

    Parameters
    ----------
    profile
        ``"fast"``: lexicons, patterns and rules (the only profile).
    cache_dir
        Compiled lexicon cache (default ``.cache/lexicon``; used only when present).
    abbreviations
        True: scispaCy's Schwartz-Hearst definitions through :mod:`pipeline.ner.abbreviations`
        (fast); ``"scispacy"``: scispaCy's ``AbbreviationDetector`` component itself; False: none.
    patterns, drugs, compiled, lexicon
        Switch parts off (for ablations); ``compiled=False`` ignores the lexicon cache,
        ``lexicon=False`` finds nothing (a pipeline shell).
    doc_ents
        Also set the mentions that fall on token boundaries as ``doc.ents``; False leaves
        ``doc.ents`` alone (the stages read ``doc._.evidence_mentions`` only, and setting them
        cost ~10 % of the fast profile's time).
    agents_table
        The project's curated agents (lexicon table format) instead of the IL-6 project's ``agents.tsv``.
    prime
        Tokenize the frequent words once (:mod:`pipeline.ner.vocabulary`) so that work done inside
        ``nlp.memory_zone()`` still finds them in the tokenizer cache. Speed only.

    Returns
    -------
    Language
        A pipeline whose Docs carry ``doc._.evidence_mentions`` (and ``doc.ents`` with ``doc_ents``).
    """
    if profile not in NER_PROFILES:
        raise ValueError(f"unknown NER profile {profile!r}; expected one of {NER_PROFILES}")
    nlp = spacy.blank("en")
    # Without a model nothing reads a token's lexical attributes (shape, like_num, ...), and
    # computing them for every new word was ~40 % of the time spent tokenizing around brackets.
    nlp.vocab.lex_attr_getters = {}
    nlp.tokenizer = combined_rule_tokenizer(nlp)
    nlp.add_pipe("evidence_sentences")
    if abbreviations == "scispacy":
        nlp.add_pipe("abbreviation_detector")
    elif abbreviations:
        nlp.add_pipe("evidence_abbreviations")
    nlp.add_pipe("evidence_entities", config={"profile": profile, "cache_dir": str(cache_dir or ""),
                                              "patterns": patterns and lexicon, "drugs": drugs,
                                              "compiled": compiled, "lexicon": lexicon, "doc_ents": doc_ents,
                                              "agents_table": str(agents_table or "")})
    if prime:
        prime_vocabulary(nlp, primer_chunks(cache_dir or DEFAULT_CACHE_DIR))
    logger.info("NER pipeline: %s", nlp.pipe_names)
    return nlp
