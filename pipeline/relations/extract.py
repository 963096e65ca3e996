"""Rule-based agent–effect extraction over tokens, entity mentions and trigger words.

No parser is available, so constructions are recognised from word order around a
trigger (see README.md in this package for what is and is not supported):
active verbs, passives with "by", nominalisations ("inhibition of X by Y",
"Y-mediated suppression"), agent nouns ("a gp130 inhibitor"), "anti-" modifiers,
clinical statements (approved/trial/discontinued/studied for a disease), agent
lists sharing one verb, coordinated objects, anaphora ("both agents", "its"),
and Table 1 bullets whose agent is the row's name.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace

from ..context import DEFAULT_AGENT_SCOPE
from ..records import Document, Mention, Relation, TableRow
from .adverse import adverse_relations
from .assemble import assemble, object_entity, stated_no_effect
from .bracket_examples import bracketed_examples
from .anaphora import UNSTATED_CONSTRUCTIONS, Memory, distinct, is_unstated, joint_actors, refer_back, unstated_agent
from .clinical import CLINICAL_EFFECTS, clinical_relations, names_study_aim
from .cues import model_system
from .lexicon import Token, Trigger, effect_inversions, tokenize, word_parts, word_set
from .clause import (RANGE_OPENERS, AgentRef, Clause, agents_listed_with, carried_into, clause_ranges, default_agents,
                     inside_objects, is_adverb, make_clause, refs)
from .study_methods import heading_aim
from .subjects import subject_agents
from .constructions import effect_on, statement_for, within_verb
from .learned import NOMINAL, learned_relations, nominal_relations
from .parsed import parsed_relations
from .sentence_parse import release as release_parse
from .examples import examples_after
from .objects import ObjectSpan
from .postnominal import postnominal_relations
from .stimulated import stimulated_relations
from .therapy import therapy_relations
from .trigger_reading import trigger_at
from .ellipsis import elliptical_objects, pair_respectively, repeat_negated
from .splits import cell_line_objects, combination_variants, system_variants
from .unit_filters import filtered, without_learned_cell_origins, without_learned_tumour_increases
from .antibodies import antibody_relations
from .applied import ligand_stimulus
from .units import Unit, agent_prefixes, is_agent, is_applied, iter_units

logger = logging.getLogger(__name__)



def may_relate(mentions: Iterable[Mention], has_table_rows: bool, agent_scope: str = DEFAULT_AGENT_SCOPE,
               document: Document | None = None) -> bool:
    """Whether a document can yield a relation: it has Table 1 rows, or one of its mentions is an agent
    (with the default scope and the ``document`` given, also a gene/protein its text applies, or in an
    abstract a cytokine, growth factor or hormone written as a stimulus: ``applied.ligand_stimulus``)."""
    if has_table_rows:
        return True
    applied = document is not None and agent_scope == DEFAULT_AGENT_SCOPE
    ligands = applied and bool(document.pmid)
    return any(is_agent(m, agent_scope) or (applied and is_applied(document.text, 0, m))
               or (ligands and ligand_stimulus(document.text, 0, m)) for m in mentions)


def extract_relations(documents: Iterable[Document], mentions: Iterable[Mention],
                      table_rows: Iterable[TableRow] = (), *, agent_scope: str = DEFAULT_AGENT_SCOPE) -> list[Relation]:
    """Extract agent–effect relations from every sentence and table bullet that names an agent.

    Parameters
    ----------
    documents
        Ingested documents (the review and PubMed abstracts).
    mentions
        Recognised entity mentions; agents are DRUG mentions with an ``agent:`` norm id.
    table_rows
        Table 1 rows; each bullet's agent is its row's name.
    agent_scope
        ``project`` (the review's agents, ``agent:`` ids), ``drugs`` (also DrugBank-normalised drugs)
        or ``chemicals`` (also MeSH-normalised DRUG mentions).

    Returns
    -------
    list[Relation]
        Sorted by document, sentence and object offsets, one per (agent, effect, object).
    """
    agent_prefixes(agent_scope)  # an unknown scope is an error even when no mention is read
    by_doc: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_doc.setdefault(mention.doc_id, []).append(mention)
    rows = tuple(table_rows)
    row_docs = {row.doc_id for row in rows}
    relations: dict[str, Relation] = {}
    for document in documents:
        if not may_relate(by_doc.get(document.doc_id, ()), document.doc_id in row_docs, agent_scope, document):
            continue  # no agent to read a relation from (most abstracts)
        memory = Memory()
        # read only once a sentence needs it: most abstracts name no agent
        doc_system = functools.cache(functools.partial(_document_system, document))
        for unit in iter_units(document, by_doc.get(document.doc_id, ()), rows, agent_scope):
            memory.enter(unit)
            found = _unit_relations(unit, memory, doc_system)
            found += nominal_relations(unit, found, doc_system)
            found += learned_relations(unit, found, doc_system)
            found += parsed_relations(unit, found, doc_system)  # parsed.py: clause shapes for agents still unread
            found += postnominal_relations(unit, found, doc_system)  # "Y induced by X", "Y in response to X"
            found += stimulated_relations(unit, found, doc_system)  # "cells stimulated with X", "X-stimulated mice"
            found += therapy_relations(unit, found, doc_system)  # "Y was treated with X", "X therapy for Y"
            found += adverse_relations(unit, found, doc_system)  # "X causes Y", "Y after X administration"
            found += antibody_relations(unit, found, doc_system)  # "anti-STAT3 Ab" binds STAT3
            found = stated_no_effect(filtered(unit, found))  # unit_filters.py: comparison arms, interventions, substrates; assemble.py: no_effect is not negated
            for relation in without_learned_cell_origins(unit, without_learned_tumour_increases(found)):
                relations.setdefault(relation.relation_id, relation)
            # an inducer inside another agent's object ("X suppressed rhIL-6-induced vimentin") is no actor of
            # the sentence: a subjectless finding after it continues X's
            memory.leave(unit, any(r.agent_source == "anaphora" for r in found),
                         (r.agent_id for r in found if r.construction != NOMINAL), joint_actors(found))
            release_parse()  # sentence_parse.py: no parsed Doc outlives its unit
    ordered = sorted(relations.values(), key=lambda r: (r.doc_id, r.sentence_start, r.object_start,
                                                        r.agent_start, r.effect, r.relation_id))
    logger.info("extracted %d relations", len(ordered))
    return ordered


def _document_system(document: Document) -> str:
    """An abstract's own cues ("randomized", "mice") stand in for a sentence that has none."""
    return model_system(tokenize(document.text)) if document.pmid else "unknown"


def _unit_relations(unit: Unit, memory: Memory | None = None,
                    doc_system: Callable[[], str] = lambda: "unknown") -> list[Relation]:
    memory = memory if memory is not None else Memory()
    if not unit.agents and not unit.row_agents and not memory:
        return []  # no agent and nothing an anaphor could point back to
    tokens = tokenize(unit.text, unit.start)
    fallback: tuple[AgentRef, ...] = tuple(AgentRef(m, "row") for m in distinct(unit.row_agents))
    # "It inhibited ...", "The compound reduced ...", and as the subject of a sentence naming other
    # agents ("It is indicated ... with capecitabine for", "It enhanced the cytotoxicity of cisplatin")
    anaphors = refer_back(unit, tokens, memory) if not fallback else ()
    if not unit.agents and not fallback and not anaphors:
        fallback = tuple(AgentRef(m, "anaphora") for m in unstated_agent(unit, tokens, memory))
        if not fallback:
            return []
    default_system = "clinical" if unit.column == "clinical" else doc_system()
    sentence_system = model_system(tokens, default_system)
    if sum(t.text == "[" for t in tokens) > 1:
        sentence_system = default_system  # several cited findings: only a finding's own words count
    out: list[Relation] = []
    seen: set[tuple[str | None, str, str, bool]] = set()
    carried: tuple[AgentRef, ...] = ()
    previous: list[Statement] = []
    for a, b in clause_ranges(tokens):
        clause = make_clause(unit, tokens[a:b], fallback or carried_into(unit, tokens[a:b], carried), anaphors)
        if clause.agent_at:
            # "X did not increase A, but there was no increased risk for B": a clause without
            # an agent of its own continues the previous clause's subject; not after "Although X ..., ",
            # whose main clause has a subject of its own ("..., safety issues resulted in discontinuation")
            carried = () if tokens[a].lower in RANGE_OPENERS else tuple(
                AgentRef(m, "clause") for p in sorted(clause.agent_at) for m in clause.agent_at[p])
        statements = pair_respectively(clause.tokens, list(_clause_statements(clause)))
        ellipsis = elliptical_objects(clause.tokens) if not statements else []
        if ellipsis:
            statements = repeat_negated(previous, ellipsis)  # "..., but not for cancer"
        previous = statements
        for agents, effect, trig_idx, obj, construction, triggers in statements:
            if (construction not in UNSTATED_CONSTRUCTIONS or effect == "no_effect") and is_unstated(agents, unit):
                continue  # "IL-6 activated STAT3" after a drug's sentence names its own subject
            segment = _segment(clause.tokens, trig_idx, obj.last)
            system = model_system(segment, sentence_system)
            for found, system in _findings(segment, clause.tokens[obj.last + 1:], obj, system):
                for relation in _build(clause, agents, effect, trig_idx, found, construction, triggers, system):
                    same_entity = construction == "clinical" and relation.object_id
                    key = (relation.agent_id, relation.effect,
                           relation.object_id if same_entity else relation.object_text.lower(), relation.negated,
                           found.qualifier)
                    if key not in seen:
                        seen.add(key)
                        out.append(relation)
    return out


def _findings(segment: Sequence[Token], after: Sequence[Token], obj: ObjectSpan,
              system: str) -> Iterator[tuple[ObjectSpan, str]]:
    """The findings one statement reports: per model system arm and single agent / combination."""
    for variant in combination_variants(after, obj):
        for arm, qualifier in system_variants(segment, system):
            if qualifier:
                joined = f"{variant.qualifier}|{qualifier}" if variant.qualifier else qualifier
                yield replace(variant, qualifier=joined), arm
            else:
                yield variant, arm


def _segment(tokens: Sequence[Token], trig_idx: int, obj_last: int) -> Sequence[Token]:
    """The words of one finding: from its trigger to the end of its object's citation or clause."""
    end = max(trig_idx, obj_last) + 1
    while end < len(tokens) and tokens[end].text not in ("[", ";") and end - obj_last < 12:
        end += 1
    return tokens[trig_idx:end]


def _joined_cause(clause: Clause, k: int) -> bool:
    """Whether token ``k`` is an agent joined to a causing participle ("LPS-induced", ``learned.nominal_increase``)."""
    parts = word_parts(clause.tokens[k].text) if k >= 0 else []
    return k in clause.agent_at and len(parts) > 1 and parts[-1] in word_set("learned.nominal_increase")


_MEANS = frozenset({"by", "thereby"})  # "X inhibited Y by suppressing Z": the gerund says how X acted

Statement = tuple[list[AgentRef], str, int, ObjectSpan, str, tuple[str, ...]]


def _clause_statements(clause: Clause) -> Iterator[Statement]:
    """Yield ``(agents, effect, trigger_index, ObjectSpan, construction, trigger_words)``."""
    tokens = clause.tokens
    covered: set[int] = set()
    clinical: list[tuple[int, Trigger]] = []
    marker: list[AgentRef] = []
    later: set[int] = set()  # objects of statements whose trigger follows the first clinical trigger
    status_only = bool(clause.agent_at) and all(m.source == "status" for ms in clause.agent_at.values() for m in ms)
    previous: tuple[int, list[AgentRef]] | None = None  # the last verb statement's trigger and agents
    last_verb: tuple[int, str, frozenset[int]] | None = None  # its trigger, effect and agents' starts
    heading, heading_agents = heading_aim(clause)  # "Effects of X on Y in Z": a title naming the study's topic
    for obj in heading:
        covered.update(range(obj.first, obj.last + 1))
        yield heading_agents, "studied_in", 0, obj, "clinical", (tokens[0].text,)
    for i in range(len(tokens)):
        trigger, hint = trigger_at(clause, i)
        parts = word_parts(tokens[i].text)
        if hint == "modifier" and len(parts) > 1 and i in clause.agent_at:
            marker = [AgentRef(m, "marker") for m in clause.agent_at[i]]
            continue
        # "normalized the LPS-induced elevation of Y": a trigger inside another statement's object is read
        # only as the joined agent's own statement (LPS raised Y), as the "X-induced Y" rule reads it
        joined_agent = i in covered and _joined_cause(clause, i - 1)
        if trigger is None or trigger.review_effect is None or (i in covered and not joined_agent):
            continue
        if joined_agent:
            marker = [AgentRef(m, "marker") for m in clause.agent_at[i - 1]]
        effect = trigger.review_effect
        if effect in CLINICAL_EFFECTS:
            clinical.append((i, trigger))
            continue
        if status_only:
            continue  # "No clinical trials are underway with anti-gp130 mAbs": a status, not a finding
        if clinical and clinical[-1][0] == i - 2 and tokens[i - 1].lower in ("or", "and"):
            continue  # "used clinically to treat or prevent X": one clinical use, not a finding on X
        found = statement_for(clause, i, trigger, hint, marker)
        marker = []
        if found is None:
            continue
        agents, objects, construction = found
        if construction == "active":
            agents = _parsed_or_coordinated_subject(clause, i, agents, previous)
            previous = (i, agents)
            last_verb = (i, effect, frozenset(ref.mention.start for ref in agents))
        elif construction == "nominal" and last_verb is not None and not joined_agent:
            effect = within_verb(tokens, i, effect, agents, last_verb)
            if previous is not None and inside_objects(clause, agents, covered):
                # "prunetin inhibits ... prostaglandin E2 production through the suppression of COX-2":
                # the nearest name is part of what the verb acted on; the verb's subject is the agent
                agents = previous[1]
        elif (construction == "gerund" and previous is not None and i > 0
              and (tokens[i - 1].lower in _MEANS or tokens[i - 1].text == ",") and inside_objects(clause, agents, covered)):
            # "X inhibited NO and PGE2 by suppressing iNOS", "X enhanced the effect of Y, reducing Z": the means or
            # the result is the verb subject's, not a name inside what it acted on
            agents = previous[1]
        if construction in ("anti_decreases", "against") and names_study_aim(tokens, i, clinical):
            continue  # "a study of the anti-cancer activity of X": the study's aim, not a finding
        if construction == "anti_binds":
            effect = "binds"
        if objects and construction not in ("anti_binds", "anti_decreases"):
            objects = objects + examples_after(tokens, objects[-1].last + 1)
            objects = objects + [obj for obj in bracketed_examples(tokens, clause.entity_at, objects[-1])
                                 if all((obj.first, obj.last) != (seen.first, seen.last) for seen in objects)]
            objects = cell_line_objects(clause, objects)
        for obj in objects:
            # the change noun naming what changes ("prevented the loss of X") is part of this statement
            covered.update(range(min(obj.first, obj.change_at if obj.change_at is not None else obj.first), obj.last + 1))
            if clinical and i > clinical[0][0]:
                later.update(range(obj.first, obj.last + 1))
            entity = object_entity(clause, obj)
            turned = effect_inversions().get((trigger.stem, entity.label)) if entity is not None else None
            yield agents, turned or effect_on(effect, obj), i, obj, construction, (tokens[i].text,)
    first_agent = min(clause.agent_at, default=len(tokens))
    # a clinical trigger before the agent ("In clinical trials, X ameliorated Y") does not reach
    # the diseases that are another statement's objects
    blocked = {k for k in covered if clinical and clinical[0][0] < first_agent
               and any(t.text == "," for t in tokens[clinical[0][0]:first_agent])}
    yield from clinical_relations(clause, clinical, default_agents, blocked, later)


def _parsed_or_coordinated_subject(clause: Clause, i: int, agents: list[AgentRef],
                                   previous: tuple[int, list[AgentRef]] | None) -> list[AgentRef]:
    """With two or more agents before the verb, the parser's subject (:mod:`.subjects`) decides;
    otherwise, or where the parse names none of them, :func:`_coordinated_subject`."""
    before = [ref for p in sorted(clause.agent_at) if p < i for ref in refs(clause, p)]
    if len({ref.mention.norm_id for ref in before}) >= 2:
        parsed = subject_agents(clause, i, before)
        if parsed:
            parsed = agents_listed_with(clause, parsed, i)  # a parse may leave a listed name out
            return list({ref.mention.norm_id: ref for ref in parsed}.values())
    return _coordinated_subject(clause.tokens, i, agents, previous)


def _coordinated_subject(tokens: Sequence[Token], i: int, agents: list[AgentRef],
                         previous: tuple[int, list[AgentRef]] | None) -> list[AgentRef]:
    """"STZ increased the level of ROS, nitrite and reduced the mitochondrial activity": a verb right
    after "and" or a comma (adverbs aside) continues the previous verb's predicate, so it shares that
    verb's subject; an agent between the two verbs sits in the first one's object. "... and
    tocilizumab reduced Y" names its own subject right before the verb and keeps it."""
    if previous is None or not previous[1]:
        return agents
    k = i - 1
    while k > previous[0] and is_adverb(tokens[k].lower):
        k -= 1
    if k <= previous[0] or tokens[k].lower not in ("and", ","):
        return agents
    after_previous = tokens[previous[0]].end
    return previous[1] if agents and all(ref.mention.start >= after_previous for ref in agents) else agents


def _build(clause: Clause, agents: Sequence[AgentRef], effect: str, trig_idx: int, obj: ObjectSpan,
           construction: str, triggers: tuple[str, ...], system: str) -> list[Relation]:
    return assemble(clause, agents, effect, trig_idx, obj, construction, triggers, system, object_entity(clause, obj))
