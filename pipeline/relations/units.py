"""The text units relations are read from: body sentences and Table 1 bullets.

A unit carries the mentions inside it and, for a table bullet, the row's agent
(the name cell's agent as it appears in the row's own text), so the extractor
never needs to know where a unit came from.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..context import AGENT_SCOPES as SCOPE_NAMES
from ..context import DATA_DIR, DEFAULT_AGENT_SCOPE
from ..errors import UsageError
from ..records import Document, Mention, TableRow
from ..tables import read_tsv
from ..text import names_a_lack
from .applied import NOT_APPLIED_AFTER, first_applications, is_applied, ligand_stimulus
from .lexicon import anaphora_cues, word_set

logger = logging.getLogger(__name__)

TABLE_SECTION = "TABLE 1"
AGENT_PREFIX = "agent:"
CLASS_PREFIX = "class:"  # agent classes from the NER (pipeline/ner/agent_classes.py)
# a bracketed abbreviation right after a mention: "(SERMs)"
_WORD = re.compile(r"[a-z0-9]+")
_BRACKETED = re.compile(r"^\s*(?:\([^()]*)?\)")
_BULLET = re.compile(r"(?:^|\n)\s*[-•–]\s*")
# ", a natural " / ", a dual EGFR/HER2 " before a name (describing words, any case, no punctuation but "/" and "-")
_APPOSITION = re.compile(r",\s+(?:a|an)\s+(?:[\w][\w/-]*\s+){0,3}$")
_APPOSITION_REACH = 60  # characters before a name searched for it
_EMPTY_CELL = re.compile(r"^\s*(?:N/?A|-|none)?\s*$", re.IGNORECASE)
_DESCRIPTOR_HEADS = word_set("units.descriptor_heads")  # "the aromatase inhibitor letrozole"
_CLASS_WORDS = word_set("units.class_words")  # "a serotonin reuptake inhibitor antidepressant": no name
_INDUCING = re.compile(r"[-\u2010\u2011\u2013]([A-Za-z]+)")  # the word after "VEGF-"
_BINDING_CLASS_OPENERS = word_set("units.binding_class_openers")  # "anti-IL-6 mAb": read as binding IL-6
_NOT_OPENING_VERBS = word_set("units.not_opening_verbs")  # "IL-6 is a cytokine": describes the gene
# "a cyclodextrin (CD) delivery system", "CD.TNF-α siRNA": the words after a vehicle's name
_VEHICLE_WORDS = re.compile(r"\)?\s*(?:\([^()]*\)\s*)?([a-z]+(?: [a-z]+)?)")  # ")": an abbreviation's own bracket
_JOINED_BY_AND_OR = re.compile(r"\s+(?:and|or)\s+")  # "leptin and insulin"
_CARRIED_WORDS = re.compile(r"[./]([\w\u0370-\u03ff-]*)(?:\s+([\w-]+))?")


@dataclass(frozen=True)
class Unit:
    """One sentence or table bullet.

    ``start``/``end`` are end-exclusive offsets into the document text; ``mentions`` are
    the mentions fully inside; ``row_agents`` the agent mentions of the table row (empty
    for body sentences); ``column`` the table column (``None`` for body sentences).
    """

    doc_id: str
    start: int
    end: int
    text: str
    section: str | None
    mentions: tuple[Mention, ...]
    row_agents: tuple[Mention, ...] = ()
    column: str | None = None
    agent_scope: str = DEFAULT_AGENT_SCOPE
    applied_ids: frozenset[str] = frozenset()  # genes the abstract applies somewhere ("treated with KGF")
    # each applied gene's id and the offset where the abstract first applies it (:meth:`_applied_before`)
    applied_from: tuple[tuple[str, int], ...] = ()
    abstract: bool = False  # a PubMed abstract (a PMID), not the project's review

    @functools.cached_property
    def axis_first(self) -> bool:
        """With the default scope, a unit of the review naming an axis agent (or in an axis agent's table row)
        lets only axis agents act: the other drugs it names are co-treatments, comparators or background
        ("the addition of siltuximab to bortezomib", "patients failing methotrexate"), or the
        target of an agent noun ("estrogen antagonist"), not the statement's subject. An abstract's
        drugs act beside an axis agent ("bazedoxifene and paclitaxel inhibited ...": both; the dev parts
        and the abstracts written for probing gained 4 statements and lost none)."""
        return self.agent_scope == DEFAULT_AGENT_SCOPE and not self.abstract and any(
            is_axis_agent(m) for m in (*self.mentions, *self.row_agents))

    def acts(self, mention: Mention) -> bool:
        """Whether ``mention`` is an agent in this unit (see :attr:`axis_first`); a class named as an
        anaphor ("these SERMs", a cue of ``anaphora_cues.tsv``) refers back to the agents named before.
        With the default scope a gene/protein the text applies ("recombinant IL-6") is an agent too."""
        agent = is_agent(mention, self.agent_scope) or (
            self.agent_scope == DEFAULT_AGENT_SCOPE and (is_applied(self.text, self.start, mention)
                                                         or self._opens_applied(mention)
                                                         or self._induces_applied(mention)
                                                         or self._applied_before(mention)
                                                         or (self.abstract
                                                             and ligand_stimulus(self.text, self.start, mention))))
        return (agent and (not self.axis_first or is_axis_agent(mention))
                and not self._anaphor(mention) and not self._apposed_class(mention)
                and not self._describes_the_agent_before(mention) and self.described_agent(mention) is None
                and not self._vehicle(mention))

    def _vehicle(self, mention: Mention) -> bool:
        """"an amphiphilic cationic cyclodextrin (CD) vector", "a cyclodextrin delivery system", "CD.TNF-α
        siRNA-treated mice": a chemical named as the vehicle (``units.vehicle_heads`` after it) or joined by
        "." or "/" to what it carries (``units.carried``) is not what acts; the carried siRNA or gene is."""
        rest = self.text[mention.end - self.start:mention.end - self.start + 60]
        words = _VEHICLE_WORDS.match(rest.lower())
        if words is not None and (words.group(1) in word_set("units.vehicle_heads")
                                  or words.group(1).split()[0] in word_set("units.vehicle_heads")):
            return True
        carried = _CARRIED_WORDS.match(rest.lower())
        return carried is not None and any((word or "").split("-")[0] in word_set("units.carried")
                                           for word in carried.groups())

    def _opens_applied(self, mention: Mention) -> bool:
        """"PCSCs exposed to KGF ... . KGF triggered cell cycle machinery": in an abstract that applies
        a gene, a sentence opening with that gene (its subject) states what the applied gene does."""
        return (mention.label == "TARGET" and mention.norm_id in self.applied_ids
                and not self.text[:mention.start - self.start].strip()
                and self._word_after(mention) not in ("", *_NOT_OPENING_VERBS))

    def _word_after(self, mention: Mention) -> str:
        """The first word after a mention in this unit, over its bracketed abbreviation ("" at the end): a word
        of ``units.not_opening_verbs`` ("Dll4 (Delta-like 4) is a ligand of ...", "KGF and KGFR were found")
        says what the gene is, no statement of its own."""
        after = _WORD.findall(_BRACKETED.sub("", self.text[mention.end - self.start:], count=1)[:40].lower())
        return after[0] if after else ""

    def _applied_before(self, mention: Mention) -> bool:
        """"PCSCs exposed to KGF ... however, KGF prevented this inhibition": once the abstract applies a
        gene (a cue of ``applied_cues.tsv``), its later mentions name that applied gene and act; the mentions
        before it are the background ("KGF might act as an autocrine factor in prostate cancer"). Not
        where the gene names what else is applied ("KGF antiserum", ``units.not_applied_after``) or
        where the words after it say what it is (:meth:`_word_after`), unless "and"/"or" joins it to another
        applied agent ("leptin and insulin-induced Tub-p-tyr"; not "adding TNF-α and the plant extracts"). The
        first application itself counts: a gene applied only by its list ("treated with IL-6 and IL-11")."""
        if mention.label != "TARGET" or not any(norm_id == mention.norm_id and start <= mention.start
                                                for norm_id, start in self.applied_from):
            return False
        after = _WORD.findall(self.text[mention.end - self.start:mention.end - self.start + 30].lower())
        word = self._word_after(mention)
        return not (after[:1] and after[0] in NOT_APPLIED_AFTER) and (
            word not in _NOT_OPENING_VERBS or (word in ("and", "or") and self._applied_agent_follows(mention)))

    def _applied_agent_follows(self, mention: Mention) -> bool:
        """Whether the next mention, after "and"/"or" only, is an agent or a gene the abstract applies."""
        nxt = next((m for m in self.mentions if m.start >= mention.end), None)
        return nxt is not None and _JOINED_BY_AND_OR.fullmatch(self.text[mention.end - self.start:nxt.start - self.start]) \
            is not None and (is_agent(nxt, self.agent_scope) or (nxt.label == "TARGET" and nxt.norm_id in self.applied_ids))

    def _induces_applied(self, mention: Mention) -> bool:
        """"VEGF-induced ROS generation" in an abstract that treats cells with VEGF: the applied gene's
        statement ("X-induced Y", ``learned.nominal_increase``), read by ``learned.nominal_relations``."""
        if mention.label != "TARGET" or mention.norm_id not in self.applied_ids:
            return False
        joined = _INDUCING.match(self.text, mention.end - self.start)
        return joined is not None and joined.group(1).lower() in word_set("learned.nominal_increase")

    def described_agent(self, mention: Mention) -> Mention | None:
        """"the tyrosine kinase inhibitor ZD1839", "the androgen receptor antagonist flutamide": a DRUG
        mention ending in a ``units.descriptor_heads`` noun and followed, after a space only, by another
        agent's name says what that agent is. The named agent acts (and has the noun's effect on the
        rest of the phrase, ``constructions._descriptor``), not the class; so does a named class right
        before an agent ("the dihydroxylated antiestrogen LY117018", "the SERM raloxifene"). A class word after it
        ("inhibitor antidepressant", ``units.class_words``) names no agent."""
        words = mention.text.lower().split()
        headed = len(words) >= 2 and words[-1] in _DESCRIPTOR_HEADS
        if mention.label != "DRUG" or not (headed or is_agent_class(mention)):
            return None
        nxt = next((m for m in self.mentions if m.start >= mention.end), None)
        if nxt is None or self.text[mention.end - self.start:nxt.start - self.start].strip():
            return None
        named = is_agent(nxt, self.agent_scope) and not is_agent_class(nxt) and nxt.text.lower() not in _CLASS_WORDS
        return nxt if named else None

    def _describes_the_agent_before(self, mention: Mention) -> bool:
        """"Gartanin, a natural xanthone of mangosteen, suppressed ...": a name in an apposition after an
        agent ("X, a [adjective] Y") says what X is; X acts."""
        end = max(0, mention.start - self.start)
        before = _APPOSITION.search(self.text, max(0, end - _APPOSITION_REACH), end)
        if before is None:
            return False
        comma = self.start + before.start()
        return any(m.end == comma and m is not mention and is_agent(m, self.agent_scope) for m in self.mentions)

    def _apposed_class(self, mention: Mention) -> bool:
        """"The selective estrogen receptor modulators (SERMs), raloxifene and bazedoxifene, are ...":
        a class (or its bracketed abbreviation) followed by a comma and an agent is named by its
        members, which act instead."""
        if not is_agent_class(mention):
            return False
        after = _BRACKETED.sub("", self.text[mention.end - self.start:], count=1)
        if not after.startswith(","):
            return False
        offset = mention.end + len(self.text[mention.end - self.start:]) - len(after)
        nxt = next((m for m in self.mentions if m.start > offset), None)
        return nxt is not None and is_agent(nxt, self.agent_scope) and not is_agent_class(nxt)

    def _anaphor(self, mention: Mention) -> bool:
        before = self.text[:max(0, mention.start - self.start)].split()
        if not before:
            return False
        return tuple(f"{before[-1]} {mention.text}".lower().split()) in _anaphor_phrases()

    @functools.cached_property
    def agents(self) -> tuple[Mention, ...]:
        """The mentions that act in this unit (:meth:`acts`), read once: a unit is frozen and the readers
        ask for its agents per token and per candidate."""
        return tuple(m for m in self.mentions if self.acts(m))


@functools.cache
def _anaphor_phrases() -> frozenset[tuple[str, ...]]:
    """The words of each anaphora cue ("these SERMs"), for a set look-up per mention."""
    return frozenset(cue.words for cue in anaphora_cues())


# the norm-id prefixes of each scope of context.AGENT_SCOPES, in its order; () takes every DRUG mention
AGENT_SCOPES = dict(zip(SCOPE_NAMES, ((), (AGENT_PREFIX,), (AGENT_PREFIX, "DB"), (AGENT_PREFIX, "DB", "MESH:")),
                        strict=True))
AXIS_CLASSES = DATA_DIR / "relations" / "axis_classes.tsv"


def is_agent(mention: Mention, scope: str = DEFAULT_AGENT_SCOPE) -> bool:
    """Whether a mention is an agent.

    ``all`` (default): every DRUG mention (drugs, biologics, named agent classes);
    ``project``: a DRUG mention normalised to a project agent id (``agent:...``);
    ``drugs``: also any DRUG mention normalised to a DrugBank id; ``chemicals``: also DRUG
    mentions with a MeSH id.
    """
    if mention.label != "DRUG":
        return False
    prefixes = agent_prefixes(scope)
    return not prefixes or (mention.norm_id or "").startswith(prefixes)


@functools.cache
def axis_classes() -> frozenset[str]:
    """Norm ids of the agent classes the review's agents belong to (``axis_classes.tsv``, first column)."""
    return frozenset(row[0] for row in read_tsv(AXIS_CLASSES, columns=2))


def is_agent_class(mention: Mention) -> bool:
    """A named class of agents ("SERMs", "JAK inhibitors"): a ``class:`` id or an axis class."""
    norm_id = mention.norm_id or ""
    return norm_id.startswith(CLASS_PREFIX) or norm_id in axis_classes()


def is_axis_agent(mention: Mention) -> bool:
    """One of the review's IL-6-axis agents (an ``agent:`` id) or a class of them ("SERMs")."""
    norm_id = mention.norm_id or ""
    return mention.label == "DRUG" and (norm_id.startswith(AGENT_PREFIX) or norm_id in axis_classes())


def agent_prefixes(scope: str) -> tuple[str, ...]:
    """The norm-id prefixes of an agent in ``scope`` (empty: any); a UsageError names an unknown scope."""
    try:
        return AGENT_SCOPES[scope]
    except KeyError:
        raise UsageError(f"unknown agent scope {scope!r}; expected one of {sorted(AGENT_SCOPES)}") from None


def _section_of(document: Document, start: int) -> str | None:
    for section in document.sections:
        if section.start <= start < section.end:
            return section.label
    return None


def _inside(mentions: Sequence[Mention], start: int, end: int) -> tuple[Mention, ...]:
    return tuple(m for m in mentions if m.start >= start and m.end <= end)


def iter_units(document: Document, mentions: Sequence[Mention],
               table_rows: Sequence[TableRow] = (), agent_scope: str = DEFAULT_AGENT_SCOPE) -> Iterator[Unit]:
    """Yield the document's body sentences, then its table bullets, in text order.

    When ``table_rows`` are given for this document, sentences inside the ``TABLE 1``
    section are skipped (the rows replace them).
    """
    rows = [row for row in table_rows if row.doc_id == document.doc_id]
    every = _without_lacking(sorted(mentions, key=lambda m: (m.start, m.end)))
    classes = _nesting_classes(every)  # read in some units only (_unit_mentions)
    ordered = [m for m in every if not any(m is c for c in classes)]
    firsts = first_applications(document, ordered) if document.pmid else ()  # an abstract's experiments
    applied = frozenset(norm_id for norm_id, _ in firsts)
    for sentence in document.sentences:
        section = _section_of(document, sentence.start)
        if rows and section == TABLE_SECTION:
            continue
        yield Unit(document.doc_id, sentence.start, sentence.end, document.text[sentence.start:sentence.end],
                   section, _unit_mentions(_inside(every, sentence.start, sentence.end), classes,
                                           bool(document.pmid), agent_scope, document.text), agent_scope=agent_scope,
                   applied_ids=applied, applied_from=firsts, abstract=bool(document.pmid))
    for row in rows:
        yield from _row_units(document, row, ordered, agent_scope)


def _without_lacking(mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions less those nested in a disease named by their lack ("nitric oxide (NO) deficiency",
    "congenital antithrombin deficiency", the NER's ``pipeline/ner/deficiencies.py``): the chemical there is
    what the patient lacks, never an agent nor an object of its own ("hypertension induced by nitric oxide
    (NO) deficiency" is no statement that nitric oxide increases hypertension)."""
    lacks = [m for m in mentions if m.label == "DISEASE" and names_a_lack(m.text)]
    if not lacks:
        return list(mentions)
    return [m for m in mentions if not any(d is not m and d.start <= m.start and m.end <= d.end
                                           and d.end - d.start > m.end - m.start for d in lacks)]


def _nesting_classes(mentions: Sequence[Mention]) -> list[Mention]:
    """The agent classes with another mention inside ("EGFR inhibitors" over EGFR, "anti-IL-6 mAb" over IL-6)."""
    return [m for m in mentions if (m.norm_id or "").startswith(CLASS_PREFIX)
            and any(o is not m and o.start < m.end and m.start < o.end for o in mentions)]


def _names_a_binder(mention: Mention) -> bool:
    """"anti-IL-6 mAb", "antibodies against VEGF": a class whose first word is a ``units.binding_class_openers`` word."""
    first = _WORD.findall(mention.text.lower())[:1]
    return not first or first[0] in _BINDING_CLASS_OPENERS


def _unit_mentions(mentions: Sequence[Mention], classes: Sequence[Mention], in_abstract: bool,
                   agent_scope: str, text: str) -> tuple[Mention, ...]:
    """The mentions relations read in one unit (its ``mentions``, in order, ``classes`` those nesting others).

    Agent classes named by their own words ("SERMs") are agents. In an abstract, a class named by its target
    with a head word ("EGFR inhibitors", "inhibitors of MEK", "pharmacological inhibition of JAK2") is the
    agent of a unit that names no other agent ("EGFR inhibitors reduced tumour growth"); beside a named agent
    ("SC144, a novel gp130 inhibitor", "MDL-A, an antagonist of gp130") it says what that agent is, and is
    left out, like a class naming an antibody said of a name ("siltuximab, an anti-IL-6 mAb,": the rules read
    "anti-" + IL-6 -> siltuximab binds IL-6) and, in the review, every class over a target: the review's
    statements name its agents. An abstract's antibody class of its own ("an anti-IL-6 receptor antibody
    restored sensitivity") acts.
    """
    unit_classes = [m for m in mentions if any(m is c for c in classes)]
    if not unit_classes:
        return tuple(mentions)
    named = in_abstract and any(is_agent(m, agent_scope) and not is_agent_class(m) and not any(
        c.start <= m.start and m.end <= c.end for c in unit_classes) for m in mentions)
    left_out = {id(c) for c in unit_classes if not in_abstract or (
        _said_of_a_name(c, text, mentions, agent_scope) if _names_a_binder(c) else named)}
    return tuple(m for m in mentions if id(m) not in left_out)


# "Tocilizumab, an anti-IL-6R mAb,", "X is an anti-IL-6 antibody", "X, a humanised antibody against IL-6R,",
# "X (anti-IL-6)": the class says what a name is (an article and up to three describing words before it)
_SAID_OF = re.compile(r"(?:,|\(|\b(?:is|are|was|were|as))\s*(?:(?:an?|the)\s+(?:[\w-]+\s+){0,3})?$")


def _said_of_a_name(mention: Mention, text: str, mentions: Sequence[Mention], agent_scope: str) -> bool:
    """A binder class in apposition to, or predicated of, the name before it, or naming the agent right after
    it ("the anti-IL-6R antibody tocilizumab"): what that name is. Elsewhere ("while an anti-IL-6 receptor
    antibody restored sensitivity") it names the agent of its own statement."""
    return _SAID_OF.search(text[max(0, mention.start - 40):mention.start]) is not None or any(
        text[mention.end:m.start] in ("", " ", " (") and is_agent(m, agent_scope) and not is_agent_class(m)
        for m in mentions if m.start >= mention.end)  # "the anti-IL-6R antibody tocilizumab", "... antibody (B-R3)"


def _row_units(document: Document, row: TableRow, mentions: Sequence[Mention], agent_scope: str) -> Iterator[Unit]:
    name = next((cell for cell in row.cells if cell.column == "name"), None)
    if name is None:
        logger.warning("%s: table row %d has no name cell; skipped", document.doc_id, row.row_index)
        return
    row_agents = tuple(m for m in _inside(mentions, name.start, name.end) if is_agent(m, agent_scope))
    if not row_agents:
        logger.info("%s: table row %d (%r) names no agent", document.doc_id, row.row_index, name.text)
        return
    for cell in row.cells:
        if cell.column == "name" or _EMPTY_CELL.match(cell.text):
            continue
        for start, end in bullet_spans(cell.text):
            a, b = cell.start + start, cell.start + end
            yield Unit(document.doc_id, a, b, document.text[a:b], TABLE_SECTION, _inside(mentions, a, b),
                       row_agents, cell.column, agent_scope)


def bullet_spans(text: str) -> list[tuple[int, int]]:
    """End-exclusive spans of the bullets ("- ...") in a cell; the whole cell when it has none."""
    marks = list(_BULLET.finditer(text))
    if not marks:
        stripped = text.strip()
        start = text.find(stripped) if stripped else 0
        return [(start, start + len(stripped))] if stripped else []
    spans = []
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        while end > mark.end() and text[end - 1].isspace():
            end -= 1
        if end > mark.end():
            spans.append((mark.end(), end))
    head = text[:marks[0].start()].strip()
    if head:
        start = text.find(head)
        spans.insert(0, (start, start + len(head)))
    return spans
