"""Anaphora: words that stand for agents named in earlier sentences.

Abstracts name an agent once and go on with "It inhibited ...", "The compound reduced ...",
"These agents ...", "They ..." or, when one agent was applied, with a bare "Treatment suppressed
tumour growth". The cues are data (``data/relations/anaphora_cues.tsv``: number, position, kind);
this module keeps the recent agents (:class:`Memory`) and resolves a sentence's cue to them:

- number agreement: a singular cue ("it", "the compound") takes the nearest earlier agent of
  singular form; a plural one ("they", "these inhibitors") needs two agents or one plural name
  ("oxysterols", a class); "treatment" (zero anaphora) needs exactly one recent agent;
- kind: a class noun with a kind ("the antibody", ``anaphora_kinds.tsv``) takes the nearest agent
  of that kind, looking back over the remembered sentences;
- position: a pronoun refers back only as a subject (sentence or clause start, after an opener
  such as "However," or "In vivo,"), or after "with"/"by" ("treatment with it"); an expletive "it"
  ("It is known that ...", "It is important to ...") refers to nothing; a description followed by
  "of"/"with" ("the inhibitor of NF-kB", "treatment with X") or by a name ("the inhibitor U0126")
  introduces its own referent;
- a sentence that names agents itself still takes an anaphor as its subject ("It enhanced the
  cytotoxicity of cisplatin"), unless the anaphor would stand for an agent the sentence names.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..errors import InputError
from ..records import Mention
from ..tables import read_tsv_dicts
from .lexicon import TABLE_DIR, Cue, Token, Words, cue_positions, find_trigger, word_set
from .clause import AgentRef, is_adverb
from .units import Unit, is_agent_class

MEMORY_SENTENCES = 2  # an anaphor may point back at most this many sentences past the last agent
_CONNECTIVES = word_set("anaphora.connectives")
_PREPOSITIONS = word_set("anaphora.prepositions")
_PRONOUN_AFTER = word_set("anaphora.pronoun_after")
_NEW_REFERENT_AFTER = word_set("anaphora.new_referent_after")
_EXPLETIVE_CLAUSE = word_set("anaphora.expletive_clause")
_EXPLETIVE_WORDS = word_set("anaphora.expletive_words")
_LINKING_VERBS = word_set("anaphora.linking_verbs")
_REPORTING_VERBS = word_set("anaphora.reporting_verbs")
_EXPLETIVE_PARTICIPLES = word_set("anaphora.expletive_participles")
_POSSESSED = word_set("anaphora.possessed_nouns")
_AUXILIARY_RUN = _LINKING_VERBS | {"been", "not", "be", "well"}  # "It has not been ...", "It is well known"
_POSSESSIVES = frozenset({("its",), ("their",)})
_RESULT_MARKERS = word_set("anaphora.result_markers")
_NOT_RESULT_WORDS = word_set("anaphora.not_result_words")
_NOT_SUBJECT_WORDS = word_set("anaphora.not_subject_words")  # "was reduced", "an increased", "and increased"
_GENETIC_MARKS = tuple(sorted(word_set("anaphora.genetic_marks")))
UNSTATED_CONSTRUCTIONS = frozenset({"passive", "nominal"})
_PRONOUNS = frozenset({("it",), ("they",), ("its",), ("their",)})
_DUAL = frozenset({"both", "two"})  # "both drugs", "the two drugs": exactly two agents
_NOT_PLURAL_ENDINGS = ("ss", "us", "is")
_HEADING_WORDS = 4  # "MATERIALS AND METHODS:", "AIM OF THE STUDY:"


@dataclass(frozen=True)
class AnaphoraCue:
    cue: Cue
    number: str  # sg | pl | status | single | finding
    opening: bool  # only as a subject
    markers: tuple[str, ...]  # the antecedent must hold one of these (its kind); () fits any


@functools.cache
def anaphora_table() -> tuple[AnaphoraCue, ...]:
    """The cues of ``anaphora_cues.tsv`` with the kind markers of ``anaphora_kinds.tsv``."""
    kinds = {r["kind"]: tuple(r["markers"].split("|"))
             for r in read_tsv_dicts(TABLE_DIR / "anaphora_kinds.tsv", ("kind", "markers"))}
    out = []
    for row in read_tsv_dicts(TABLE_DIR / "anaphora_cues.tsv", ("cue", "number", "position", "kind")):
        kind = row["kind"]
        if kind != "-" and kind not in kinds:
            raise InputError(str(TABLE_DIR / "anaphora_cues.tsv"), f"unknown kind {kind!r}")
        out.append(AnaphoraCue(Cue(tuple(row["cue"].split()), False, row["number"]), row["number"],
                               row["position"] == "opening", kinds.get(kind, ())))
    return tuple(out)


@dataclass
class Memory:
    """The agents of the last sentences that named one, within a section, newest last."""

    sentences: list[tuple[Mention, ...]] = field(default_factory=list)
    subjects: list[Mention | None] = field(default_factory=list)  # each sentence's subject agent, if any
    section: str | None = None
    since: int = 0
    referred: tuple[Mention, ...] = ()  # the antecedents the current unit's anaphor stands for
    actors: frozenset[str | None] = frozenset()  # agents the last sentence stated something of
    joint: frozenset[str | None] = frozenset()  # the most agents the last sentence stated one finding of together

    def enter(self, unit: Unit) -> None:
        """Forget what lies in another section or too many sentences back."""
        if unit.section != self.section or self.since > MEMORY_SENTENCES:
            self.sentences, self.subjects, self.section = [], [], unit.section
        self.referred = ()

    def leave(self, unit: Unit, referred: bool, actors: Iterable[str | None] = (),
              joint: Iterable[str | None] = ()) -> None:
        """Remember ``unit``'s agents; an anaphor that referred back (``referred``: a relation came of it)
        names its agents again, with the unit's own ("It is approved ... with capecitabine. This
        combination ..." stands for both)."""
        self.since = 0 if referred else self.since + 1
        named = (*self.referred, *unit.agents) if referred else unit.agents
        if named and unit.column is None:
            subject = self.referred[0] if referred and len(self.referred) == 1 else _subject(unit)
            self.sentences = [*self.sentences[-MEMORY_SENTENCES:], tuple(named)]
            self.subjects = [*self.subjects[-MEMORY_SENTENCES:], subject]
            self.since = 0
            self.actors = frozenset(actors)
            self.joint = frozenset(joint)

    @property
    def last(self) -> tuple[Mention, ...]:
        return self.sentences[-1] if self.sentences else ()

    def __bool__(self) -> bool:
        return bool(self.sentences)


def _subject(unit: Unit) -> Mention | None:
    """The agent a sentence opens with, as its subject: at most three words before it ("The SERM
    raloxifene", "BACKGROUND: Lapatinib"), none of them a preposition ("Treatment with X" is no subject)."""
    if not unit.agents:
        return None
    first = unit.agents[0]
    before = unit.text[:max(0, first.start - unit.start)].rsplit(":", 1)[-1].lower().split()
    return first if len(before) <= 3 and not set(before) & _PREPOSITIONS else None


def distinct(mentions: Iterable[Mention]) -> list[Mention]:
    """The mentions in order, one per norm id."""
    seen: set[str | None] = set()
    out = []
    for m in mentions:
        if m.norm_id not in seen:
            seen.add(m.norm_id)
            out.append(m)
    return out


def is_plural(mention: Mention) -> bool:
    """A plural name ("oxysterols", "SERMs", a named class): "they"/"these" may stand for it alone."""
    word = mention.text.lower().split()[-1] if mention.text.strip() else ""
    return is_agent_class(mention) or (word.endswith("s") and not word.endswith(_NOT_PLURAL_ENDINGS))


def _fits(mention: Mention, markers: tuple[str, ...]) -> bool:
    names = f"{mention.text} {mention.norm_name or ''}".lower()
    return not markers or any(marker in names for marker in markers)


def antecedents(cue: AnaphoraCue, memory: Memory) -> list[Mention]:
    """The agents ``cue`` stands for (nearest fitting first look-up), or none."""
    last = distinct(memory.last)
    if cue.number == "status":
        return last
    if cue.number == "finding":  # "This inhibition prevented ...": the agents of the last sentence's finding
        return last if last and _carry_on(last, memory) else []
    if cue.number == "single":
        ids = {m.norm_id for m in last}
        return last if len(ids) == 1 else []
    if cue.number == "pl":
        plural = len(last) >= 2 or any(is_plural(m) for m in last)
        fitting = [m for m in last if _fits(m, cue.markers)] if plural else []
        if cue.markers and not fitting:
            # a plural noun with a kind ("the plant extracts") looks back, as a singular one does, over the
            # remembered sentences for the nearest agents of its kind: a sentence naming a stimulus ("LPS")
            # in between does not end the reference
            fitting = next(([m for m in agents if _fits(m, cue.markers)] for agents in reversed(memory.sentences)
                            if any(_fits(m, cue.markers) for m in agents)), [])
        if _DUAL.intersection(cue.cue.words) and len(fitting) > 2:
            # "both drugs" after three names: the two the last sentence stated something of, else the
            # first two named (a third is mostly a comparator or an analyte: "(creatinine) toxicity")
            actors = [m for m in fitting if m.norm_id in memory.actors]
            return actors if len(actors) == 2 else fitting[:2]
        if _DUAL.intersection(cue.cue.words) and len(fitting) < 2:
            return []
        return fitting
    # sg: the nearest sentence's subject where an agent is its subject ("Lapatinib is an inhibitor of
    # the HER2 tyrosine kinases. It is approved ...": the subject outranks a later name), else its
    # last agent, the nearest; a noun with a kind looks back over the remembered sentences for one that fits
    reach = list(zip(memory.sentences, memory.subjects))[::-1]
    for agents, subject in reach if cue.markers else reach[:1]:
        fitting = [m for m in agents if _fits(m, cue.markers) and not is_plural(m)]
        if fitting:
            return [subject] if subject in fitting else fitting[-1:]
    return []


def _is_opening(words: Sequence[str], h: int) -> bool:
    """Whether position ``h`` starts a sentence's or clause's subject: nothing before it but
    connectives ("However it", "; it", ", but it"), a section heading ("RESULTS: They"), or an introductory phrase closed by a comma
    that opens with a preposition, a connective or an adverb ("In vivo, it ...", "At high doses,
    they ...", "Interestingly, the drug ...")."""
    k = h
    while k > 0 and words[k - 1] in _CONNECTIVES:
        k -= 1
    if k == 0 or words[k - 1] == ";":
        return True
    if words[k - 1] == ":" and 0 < k - 1 <= _HEADING_WORDS and all(w.isalpha() for w in words[:k - 1]):
        return True  # a structured abstract's heading: "RESULTS: The extracts suppressed ..."
    if words[k - 1] != ",":
        return False
    if k < h:
        return True  # "..., but it ..."
    first = words[0]
    opener = first in _PREPOSITIONS or first in _CONNECTIVES or (first.endswith("ly") and len(first) > 4)
    return opener and ";" not in words[:h]


def _is_expletive(words: Sequence[str], h: int) -> bool:
    """"It is known that ...", "It has been shown that ...", "It is important to ...", "It remains to be
    seen ...", "It was thought the ...": an "it" that anticipates a clause refers to no agent."""
    k = h + 1
    if k >= len(words) or words[k] not in _LINKING_VERBS:
        return False
    while k < len(words) and (words[k] in _AUXILIARY_RUN or is_adverb(words[k])):
        k += 1
    if k < len(words) and (words[k] in _EXPLETIVE_WORDS or words[k:k + 2] == ["to", "be"]):
        return True
    if k < len(words) and words[k] in _EXPLETIVE_PARTICIPLES and words[k + 1:k + 2] != ["to"]:
        return True  # "It was thought the frequency ..." (but "It was shown to inhibit X" is the drug)
    return any(w in _EXPLETIVE_CLAUSE for w in words[h + 1:h + 7])


def _possesses(words: Sequence[str], end: int) -> bool:
    """"its inhibitory effect on X", "their activity against Y": a possessive stands for an agent only
    before what an agent has (``anaphora.possessed_nouns``, up to two modifiers between); "its
    induction", "its incidence", "their home cage" belong to a disease or an animal."""
    for k in range(end, min(end + 3, len(words))):
        if words[k] in _POSSESSED:
            return True
        if not words[k].isalpha() and "-" not in words[k]:
            return False
    return False


def _reports(words: Sequence[str], end: int) -> bool:
    """"Moreover, they established that ...", "They found ...": a pronoun before a reporting verb stands
    for the authors, not for agents."""
    k = end
    while k < len(words) and (words[k] in ("also", "further", "have", "had", "then") or is_adverb(words[k])):
        k += 1
    return k < len(words) and words[k] in _REPORTING_VERBS


def _introduces_its_own(unit: Unit, tokens: Sequence[Token], words: Sequence[str], entry: AnaphoraCue,
                        end: int) -> bool:
    """"the inhibitor of NF-kB", "treatment with X", "the inhibitor U0126": a definite description (not
    a demonstrative: "the interaction of these drugs with gp130") followed by "of"/"with" or by a
    name is a new referent, not an anaphor."""
    definite = entry.cue.words[0] == "the" or entry.number == "single"
    if definite and end < len(words) and words[end] in _NEW_REFERENT_AFTER:
        return True
    k = end + (1 if end < len(words) and words[end] in (",", "(") else 0)
    return k < len(tokens) and any(m.start == tokens[k].start and m.label == "DRUG" for m in unit.mentions)


def _modified_kind_nouns(unit: Unit, tokens: Sequence[Token], words: Sequence[str],
                         entry: AnaphoraCue) -> list[tuple[int, int]]:
    """``(start, length)`` of a kind noun's cue with one or two describing words between its determiner and
    its noun ("the plant ethanolic extracts", "this crude extract" for "the extracts", "this extract"):
    plain lower-case words, no function word and no name."""
    if not entry.markers or len(entry.cue.words) != 2:
        return []
    from spacy.lang.en.stop_words import STOP_WORDS  # here, not at import: `evidence --help` loads no spaCy
    determiner, noun = entry.cue.words
    starts = {m.start for m in unit.mentions}
    found = []
    for h in cue_positions(words, Cue((determiner,), False, entry.number)):
        for gap in (1, 2):
            end = h + gap + 1
            between = range(h + 1, end)
            if end < len(words) and words[end] == noun and all(
                    words[k].isalpha() and words[k] not in STOP_WORDS and tokens[k].start not in starts
                    for k in between):
                found.append((h, gap + 2))
    return found


def refer_back(unit: Unit, tokens: Sequence[Token], memory: Memory) -> tuple[Mention, ...]:
    """Mentions standing for the agents the unit's anaphor refers back to (at the anaphor's offsets,
    source ``anaphora`` or ``status``). In a unit naming agents only a subject anaphor counts, and not
    one that would stand for an agent the unit names."""
    if not memory:
        return ()
    named = {m.norm_id for m in unit.agents}
    words = Words(t.lower for t in tokens)
    found: list[tuple[int, int, AnaphoraCue]] = []
    for entry in anaphora_table():
        for h in cue_positions(words, entry.cue):
            found.append((h, -len(entry.cue.words), entry))
        found.extend((h, -length, entry) for h, length in _modified_kind_nouns(unit, tokens, words, entry))
    # By position, but a status phrase ('no preclinical ... data') last: where the sentence also has an
    # anaphor ('for its activity') that word is the agent's text in the evidence, not the status phrase.
    for h, negative_length, entry in sorted(found, key=lambda f: (f[2].number == "status", f[0], f[1])):
        end = h - negative_length
        pronoun = entry.cue.words in _PRONOUNS
        opening = _is_opening(words, h)
        if named or entry.opening:
            after_preposition = pronoun and h > 0 and words[h - 1] in _PRONOUN_AFTER and not named
            if not (opening or after_preposition):
                continue
        if entry.cue.words == ("it",) and _is_expletive(words, h):
            continue
        if entry.number == "single" and named:
            continue  # "Treatment of cells with X reduced ...": the sentence says what was applied
        if pronoun and _reports(words, end):
            continue
        if entry.cue.words in _POSSESSIVES and not _possesses(words, end):
            continue
        if not pronoun and _introduces_its_own(unit, tokens, words, entry, end):
            continue
        if pronoun and memory.since > 0:
            continue  # a pronoun reaches back one sentence only: "They" two sentences on is the mice
        chosen = [m for m in antecedents(entry, memory) if m.norm_id not in named]
        if not chosen:
            continue
        memory.referred = tuple(chosen)
        first, last = tokens[h], tokens[end - 1]
        text = unit.text[first.start - unit.start:last.end - unit.start]
        source = "status" if entry.number == "status" else "anaphora"
        return tuple(Mention(unit.doc_id, first.start, last.end, text, "DRUG", m.norm_id, m.norm_name, source)
                     for m in chosen)
    return ()


def unstated_agent(unit: Unit, tokens: Sequence[Token], memory: Memory) -> tuple[Mention, ...]:
    """Zero anaphora: "We exposed the cells to ZD1839. Growth inhibition of these cell lines was associated
    with the dephosphorylation of EGFR", "Caspase-3 was significantly activated": a sentence that names no
    agent and no anaphor, right after a sentence naming exactly one agent, reports a finding of that agent
    when it says it found something (``anaphora.result_markers``: "observed", "significantly", "associated
    with" ...), and not an aim, a question or background (``anaphora.not_result_words``: "whether", "asked",
    "shown", "previously" ...), and when the last sentence stated something of that agent. Only statements without a subject of their own take it (passives without "by",
    nominalisations: :data:`UNSTATED_CONSTRUCTIONS`); the agent keeps its own offsets, in the earlier
    sentence."""
    if unit.agents or memory.since > 0 or unit.column is not None:
        return ()
    last = distinct(memory.last)
    if not last or not _carry_on(last, memory):
        return ()
    words = {t.lower for t in tokens}
    if not words & _RESULT_MARKERS or words & _NOT_RESULT_WORDS or _has_own_cause(tokens):
        return ()
    if any(mark in unit.text.lower() for mark in _GENETIC_MARKS):
        return ()  # "... was attenuated in the -/- mice": the genotype is the cause
    memory.referred = tuple(last)
    return tuple(last)


def _carry_on(last: Sequence[Mention], memory: Memory) -> bool:
    """Whether the last sentence's agents are the actors a subjectless finding continues: one agent the last
    sentence stated something of (an analyte or a background name it stated nothing of does not carry on),
    or several that it stated one finding of together ("BSC 3g and 3n cause cell-cycle arrest. Consistent
    with this, a reduction in CDK1 was observed": both; not "X reduced A and Z reduced B", nor "X, but not
    Z, reduced A", where the finding belongs to one of them)."""
    ids = {m.norm_id for m in last}
    return ids <= (memory.actors if len(ids) == 1 else memory.joint)


def _has_own_cause(tokens: Sequence[Token]) -> bool:
    """"Induction of NOX1 was inhibited by pre-incubation with phenolic extracts": a trigger participle
    followed by "by" names the sentence's own cause, even where it is no recognised agent; so does an
    active verb after a noun ("Inhibition of miR-501 dramatically blunted the induction of Y"; a past
    form after a name, adverbs aside, not after "was", "an", "and" ...: ``anaphora.not_subject_words``)."""
    for k, token in enumerate(tokens):
        word = token.lower
        if word == "by" and k > 0 and tokens[k - 1].lower.endswith("ed") and find_trigger(tokens[k - 1].lower):
            return True
        if word.endswith("ed") and len(word) > 4 and word.isalpha():
            j = k - 1
            while j >= 0 and is_adverb(tokens[j].lower):
                j -= 1
            before = tokens[j].text if j >= 0 else ""
            if before[:1].isalnum() and before.lower() not in _NOT_SUBJECT_WORDS:
                return True
    return False


def is_unstated(agents: Sequence[AgentRef], unit: Unit) -> bool:
    """Whether a statement's agents are an earlier sentence's, standing in for an unstated subject."""
    return any(ref.mention.end <= unit.start for ref in agents) and not unit.row_agents
