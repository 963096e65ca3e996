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
from ..records import Mention, Relation
from ..tables import read_tsv_dicts
from .lexicon import TABLE_DIR, Cue, Token, Words, cue_positions, find_trigger, word_set
from .clause import AgentRef, is_adverb
from .units import Unit, is_agent_class
from .anaphor_positions import (PREPOSITIONS, expletive, introduces_its_own, is_opening, modified_kind_nouns,
                                possesses, reports)

MEMORY_SENTENCES = 2  # an anaphor may point back at most this many sentences past the last agent
_PRONOUN_AFTER = word_set("anaphora.pronoun_after")
_POSSESSIVES = frozenset({("its",), ("their",)})
_RESULT_MARKERS = word_set("anaphora.result_markers")
_NOT_RESULT_WORDS = word_set("anaphora.not_result_words")
_NOT_SUBJECT_WORDS = word_set("anaphora.not_subject_words")  # "was reduced", "an increased", "and increased"
_MEASURED_FOR = word_set("anaphora.measured_for")  # "IC50 of 1 uM for X": X is what the measure is given for
_GENETIC_MARKS = tuple(sorted(word_set("anaphora.genetic_marks")))
UNSTATED_CONSTRUCTIONS = frozenset({"passive", "nominal"})
_PRONOUNS = frozenset({("it",), ("they",), ("its",), ("their",)})
_DUAL = frozenset({"both", "two"})  # "both drugs", "the two drugs": exactly two agents
_NOT_PLURAL_ENDINGS = ("ss", "us", "is")


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
    document: list[Mention] = field(default_factory=list)  # every agent the abstract named so far, any section

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
        if unit.column is None:
            self.document.extend(unit.agents)
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
        """Whether any agent is remembered: in the recent sentences, or anywhere earlier in the abstract."""
        return bool(self.sentences or self.document)


def _subject(unit: Unit) -> Mention | None:
    """The agent a sentence opens with, as its subject: at most three words before it ("The SERM
    raloxifene", "BACKGROUND: Lapatinib"), none of them a preposition ("Treatment with X" is no subject)."""
    if not unit.agents:
        return None
    first = unit.agents[0]
    before = unit.text[:max(0, first.start - unit.start)].rsplit(":", 1)[-1].lower().split()
    return first if len(before) <= 3 and not set(before) & PREPOSITIONS else None


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
    """A plural name ("oxysterols", "SERMs", a named class): "they"/"these" may stand for it alone. A name
    "X of Y" is plural by its head X ("ethanolic extracts of Adiantum capillus-veneris L.")."""
    return is_agent_class(mention) or _written_plural(mention)


def _written_plural(mention: Mention) -> bool:
    head = mention.text.lower().split(" of ")[0].split()
    word = head[-1] if head else ""
    return word.endswith("s") and not word.endswith(_NOT_PLURAL_ENDINGS)


def _fits(mention: Mention, markers: tuple[str, ...]) -> bool:
    """Whether the antecedent's text or normalised name holds a marker of its kind and no "!" marker (a
    receptor is no cytokine though its name holds one: "sIL-6R", IL6R)."""
    names = f"{mention.text} {mention.norm_name or ''}".lower()
    if any(marker[1:] in names for marker in markers if marker.startswith("!")):
        return False
    return not markers or any(marker in names for marker in markers if not marker.startswith("!"))


def antecedents(cue: AnaphoraCue, memory: Memory) -> list[Mention]:
    """The agents ``cue`` stands for (nearest fitting first look-up), else those the abstract named with the
    cue's own noun (:func:`_named_with_head`), or none."""
    return _recent_antecedents(cue, memory) or _named_with_head(cue, memory)


def _named_with_head(cue: AnaphoraCue, memory: Memory) -> list[Mention]:
    """A description whose noun is part of an agent's name stands for that agent anywhere in the abstract,
    past the recent sentences and across its sections: "ethanolic extracts of Adiantum ... (AIM). RESULTS: ...
    the plant extracts suppressed ...", "Compounds 9-10, 12 and 16-17 were evaluated ... All tested compounds
    revealed ...". The noun must stand in the name as written (plural for a plural cue: "the compounds" is not
    "compound 16"); a singular cue needs exactly one such agent ("the drug" after two names with "drug" is
    ambiguous), a plural one takes the nearest such name."""
    if cue.number not in ("sg", "pl") or len(cue.cue.words) < 2 or not memory.document:
        return []
    noun = cue.cue.words[-1]
    fitting = distinct(m for m in reversed(memory.document) if noun in _name_words(m))
    if cue.number == "sg":
        return fitting if len(fitting) == 1 and not _written_plural(fitting[0]) else []
    return fitting[:1]


def _name_words(mention: Mention) -> set[str]:
    return set(mention.text.lower().replace(",", " ").split())


def _recent_antecedents(cue: AnaphoraCue, memory: Memory) -> list[Mention]:
    """The agents ``cue`` stands for among the remembered sentences' (nearest fitting first look-up), or none."""
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
        if cue.markers and len({m.norm_id for m in fitting}) < 2:
            # a plural noun with a kind ("the plant extracts", "the cytokines") looks back over the remembered
            # sentences for the nearest that named several agents of its kind (a sentence naming a stimulus,
            # "LPS", or one of them alone in between does not end the reference), else for the nearest one
            kinds = [[m for m in agents if _fits(m, cue.markers)] for agents in reversed(memory.sentences)]
            fitting = next((found for found in kinds if len({m.norm_id for m in found}) >= 2), None) \
                or fitting or next((found for found in kinds if found), [])
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
        # a noun with a kind ("the antibody") may stand for a class written in the singular ("an anti-IL-6
        # neutralizing antibody"): one applied agent of that class
        fitting = [m for m in agents if _fits(m, cue.markers)
                   and not (_written_plural(m) if cue.markers else is_plural(m))]
        if fitting:
            return [subject] if subject in fitting else fitting[-1:]
    return []


def _kind_apart(entry: AnaphoraCue, unit: Unit) -> bool:
    """"The effect of the plant extracts on NF-kB was evaluated in TNF-stimulated cells", "the activities of the
    plant extracts ... in LPS-stimulated mice": a description with a kind (``anaphora_kinds.tsv``) stands for an
    earlier agent of that kind wherever it stands, also in a sentence naming agents of another kind (the
    stimulus); not where the sentence names one of its kind itself."""
    return (not entry.opening and bool(entry.markers)
            and not any(_fits(m, entry.markers) for m in unit.agents))


def refer_back(unit: Unit, tokens: Sequence[Token], memory: Memory) -> tuple[Mention, ...]:
    """Mentions standing for the agents the unit's anaphor refers back to (at the anaphor's offsets,
    source ``anaphora`` or ``status``). In a unit naming agents only a subject anaphor counts, and not
    one that would stand for an agent the unit names."""
    if not memory:
        return ()
    named = {m.norm_id for m in unit.agents if not _measured_for(tokens, m)}
    words = Words(t.lower for t in tokens)
    found: list[tuple[int, int, AnaphoraCue]] = []
    for entry in anaphora_table():
        for h in cue_positions(words, entry.cue):
            found.append((h, -len(entry.cue.words), entry))
        found.extend((h, -length, entry) for h, length in modified_kind_nouns(unit, tokens, words, entry.cue))
    # By position, but a status phrase ('no preclinical ... data') last: where the sentence also has an
    # anaphor ('for its activity') that word is the agent's text in the evidence, not the status phrase.
    for h, negative_length, entry in sorted(found, key=lambda f: (f[2].number == "status", f[0], f[1])):
        end = h - negative_length
        pronoun = entry.cue.words in _PRONOUNS
        opening = is_opening(words, h)
        if named or entry.opening:
            after_preposition = pronoun and h > 0 and words[h - 1] in _PRONOUN_AFTER and not named
            if not (opening or after_preposition or _kind_apart(entry, unit)):
                continue
        if entry.cue.words == ("it",) and expletive(words, h):
            continue
        if entry.number == "single" and named:
            continue  # "Treatment of cells with X reduced ...": the sentence says what was applied
        if pronoun and reports(words, end):
            continue
        if entry.cue.words in _POSSESSIVES and not possesses(words, end):
            continue
        if not pronoun and introduces_its_own(unit, tokens, words, entry.cue, end):
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


def _measured_for(tokens: Sequence[Token], mention: Mention) -> bool:
    """"Both compounds reduced Y, with IC50 values of 0.4 uM for A and 2.5 uM for B": an agent named only as
    what a measure is given for (after a word of ``anaphora.measured_for``) states nothing there, so the
    anaphor still stands for it."""
    k = next((k for k, t in enumerate(tokens) if t.start == mention.start), None)
    return k is not None and k > 0 and tokens[k - 1].lower in _MEASURED_FOR


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
    # the last sentence's actors, where it named others only inside what they acted on ("... suppressed
    # rhIL-6-induced vimentin": rhIL-6 states nothing of its own there)
    last = [m for m in distinct(memory.last) if m.norm_id in memory.actors] or distinct(memory.last)
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


def joint_actors(found: Sequence[Relation]) -> frozenset[str | None]:
    """The agents of the finding stated of the most agents together (same effect, same object span):
    "BSC 3g and 3n cause cell-cycle arrest" gives both; one agent per finding gives one ("X, but not Z,
    reduced A": Z's finding is negated, another one)."""
    together: dict[tuple[str, int, int, bool], set[str | None]] = {}
    for r in found:
        together.setdefault((r.effect, r.object_start, r.object_end, r.negated), set()).add(r.agent_id)
    return frozenset(max(together.values(), key=len)) if together else frozenset()
