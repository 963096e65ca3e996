"""Parser-driven fallback: general clause shapes read from the dependency tree, for agents nothing else read.

The surface rules know many constructions but each new text brings more ("X markedly and dose-dependently
attenuated Y", subjects far from their verb, objects after an inserted phrase). Where a sentence names an
acting agent for which the rules and the pair reader gave no relation at all, the sentence's parse (the one
parse the pair reader and the rules' subject choice share: :func:`.sentence_parse.unit_parse`) is read
for these shapes, each with its own ``construction``:

- ``parsed_subject``: the agent, or one conjunct of a coordinated subject, is the subject (``nsubj``) of an
  effect trigger verb (``effect_triggers.tsv``, verb form); the verb's object subtree (``dobj``; the ``to``
  phrase of a binding verb, else its ``with`` phrase) is the object. Verbs coordinated with it that have no subject of their
  own share it ("X reduced A and enhanced B");
- ``parsed_passive``: the agent after "by" (``agent``) of a passive trigger; its subject (``nsubjpass``)
  is the object ("Cell migration was markedly suppressed by X");
- ``parsed_treatment``: the agent inside the subject's treatment phrase ("Treatment with X reduced Y",
  "X treatment reduced Y", "Administration of X reduced Y"; nouns of ``treatment.nouns``);
- ``parsed_means``: a trigger gerund that says how the agent's verb acted ("X inhibited Y by blocking Z",
  "X ..., thereby reducing Z"), or an infinitive the verb governs ("X was found to reduce Y");
- ``parsed_nominal``: the agents after "by" of a trigger noun ("Inhibition of Y by A and B"): its "of" phrase;
- ``parsed_light``: a verb naming no effect whose object noun does ("X caused a marked decrease in Y", "X
  exerted inhibitory effects on Y").

The object phrase is trimmed as the rules trim objects (:func:`.objects.object_after`, kept within the
parsed subtree), and the relation is assembled by :func:`.assemble.assemble` over the rules' clause, so
negation, hedging, model system, cell line, disease, the object checks and the offsets are those of every
relation. Without the parser model nothing is read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..records import Mention, Relation
from .assemble import assemble, object_entity
from .clause import AgentRef, clause_ranges, make_clause
from .cues import model_system
from .learned import covered
from .lexicon import Token, Trigger, effect_inversions, find_triggers, tokenize, word_set
from .objects import IN_CHANGE_NOUNS, object_after
from .pairs import parser_available
from .sentence_parse import unit_parse
from .units import Unit

if TYPE_CHECKING:  # spaCy is loaded only where a sentence is parsed (``evidence --help`` stays light)
    from spacy.tokens import Doc
    from spacy.tokens import Token as ParsedToken

SUBJECT, PASSIVE, TREATMENT, MEANS, NOMINAL, LIGHT = ("parsed_subject", "parsed_passive", "parsed_treatment",
                                                     "parsed_means", "parsed_nominal", "parsed_light")
CONSTRUCTIONS = (SUBJECT, PASSIVE, TREATMENT, MEANS, NOMINAL, LIGHT)
STATEMENT_EFFECTS = frozenset({"increases", "decreases", "binds", "no_effect"})
_SUBJECTS = frozenset({"nsubj"})
_NAME_JOINS = frozenset({"compound", "nmod", "amod"})  # "X treatment", "X-treated" as the noun's modifier
_MEANS_PREPS = frozenset({"by", "through", "via"})
_BINDING_PREPS = frozenset({"to", "with"})


@dataclass(frozen=True)
class Shape:
    """One statement the tree shows: its trigger word, the head of its object phrase, its construction."""

    trigger: ParsedToken
    obj: ParsedToken
    construction: str
    subject: ParsedToken | None = None  # the head of the agent's subject phrase, for active shapes


def parsed_relations(unit: Unit, found: Sequence[Relation], doc_system: Callable[[], str]) -> list[Relation]:
    """Relations of the shapes above in a unit where ``found`` says nothing of an acting agent.

    The sentence is parsed only then (the parse is the one the pair reader may already have made); once it
    is, every acting agent's shapes are read, and a statement ``found`` already holds (:func:`_said`) is left
    out: the parse also gives the trigger words the rules left unread for the others ("FCEO inhibited NO and
    PGE2 by suppressing the expression of iNOS", where the rules read "inhibited" only). Measured: parsing
    also where only a trigger word was left unread doubled the extra parses for one relation more.
    """
    if unit.column is not None or not unit.agents or not parser_available():
        return []  # Table 1 bullets are the rules' alone
    tokens = tokenize(unit.text, unit.start)
    if all(covered(found, m, m) for m in unit.agents) or not any(_any_trigger(tokens, k) for k in range(len(tokens))):
        return []  # every agent read, or no trigger word to read an unread one with: no parse needed
    sentence = make_clause(unit, tokens, ())
    acting = {m.start: m for ms in sentence.agent_at.values() for m in ms}
    if all(covered(found, m, m) for m in acting.values()):
        return []  # the unread ones do not act here (a measured substance, "X-induced Y")
    doc = unit_parse(unit.text)
    system = model_system(tokens, doc_system())
    out: list[Relation] = []
    seen: set[str] = set()
    for agent in acting.values():
        head = _agent_token(doc, unit, agent)
        if head is None:
            continue
        for shape in _shapes(head):
            for relation in _relations(unit, tokens, agent, shape, system):
                if relation.relation_id not in seen and not _said(found, relation):
                    seen.add(relation.relation_id)
                    out.append(relation)
    return out


def _said(found: Sequence[Relation], relation: Relation) -> bool:
    """Whether ``found`` already holds the statement: the same agent with an overlapping object, or with
    the same trigger word (the rules read that word their own way: "inhibition of the growth of tumors of
    A, B and C by X" split per cell line; "bind to IL-6 with high affinity")."""
    return any((r.agent_start == relation.agent_start or (r.agent_id and r.agent_id == relation.agent_id))
               and ((r.object_start < relation.object_end and relation.object_start < r.object_end)
                    or {t.lower() for t in r.triggers} & {t.lower() for t in relation.triggers}) for r in found)


def _agent_token(doc: Doc, unit: Unit, agent: Mention) -> ParsedToken | None:
    span = doc.char_span(agent.start - unit.start, agent.end - unit.start, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _phrase_head(token: ParsedToken) -> tuple[ParsedToken, bool]:
    """The head of the noun phrase that stands for the agent, and whether it is a treatment phrase:
    past the conjuncts of a coordinated list ("A and B"), a treatment noun the agent modifies ("X
    treatment") or follows after "with"/"of" ("treatment with X", "administration of X")."""
    node = _first_conjunct(token)
    nouns = word_set("treatment.nouns")
    if node.dep_ in _NAME_JOINS and node.head.lower_ in nouns:
        return _first_conjunct(node.head), True
    if (node.dep_ == "pobj" and node.head.lower_ in ("with", "of") and node.head.dep_ == "prep"
            and node.head.head.lower_ in nouns):
        return _first_conjunct(node.head.head), True
    return node, False


def _first_conjunct(token: ParsedToken) -> ParsedToken:
    """The list's first item: past "and B" and an apposition ("two compounds, A and B, ...")."""
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    return token


def _shapes(agent: ParsedToken) -> Iterator[Shape]:
    head, treated = _phrase_head(agent)
    if head.dep_ in _SUBJECTS:
        verbs = _sharing_subject(head.head)
        for verb in verbs:
            for shape in (*_active(verb, TREATMENT if treated else SUBJECT), *_means(verb), *_light(verb)):
                yield replace(shape, subject=head)
    elif head.dep_ == "nsubjpass":
        yield from _means(head.head)  # "X was found to reduce Y", "X was shown to inhibit Y"
    elif head.dep_ == "pobj" and head.head.lower_ == "by" and head.head.dep_ in ("agent", "prep"):
        verb = head.head.head
        if verb.tag_ == "VBN" and _effect_trigger(verb) is not None:
            for obj in _passive_subjects(verb):
                yield Shape(verb, obj, TREATMENT if treated else PASSIVE)
        elif verb.tag_.startswith("NN") and _effect_trigger(verb, "noun") is not None:
            # "Inhibition of NF-kB by A and B": the trigger noun's "of" phrase is what the agent acted on
            yield from (Shape(verb, c, NOMINAL) for p in verb.children if p.dep_ == "prep" and p.lower_ == "of"
                        for c in p.children if c.dep_ == "pobj")


def _sharing_subject(verb: ParsedToken) -> list[ParsedToken]:
    """The verb and the verbs coordinated with it that have no subject of their own."""
    out = [verb]
    for child in verb.children:
        if child.dep_ == "conj" and child.tag_.startswith("VB") and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
            out += _sharing_subject(child)
    return out


def _active(verb: ParsedToken, construction: str) -> Iterator[Shape]:
    trigger = _effect_trigger(verb)
    if trigger is None or verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children):
        return  # no effect verb, or a passive whose subject is what was acted on
    light = verb.lower_ in word_set("constructions.light_verbs") | word_set("parsed.light_verbs")
    if light and next(_light(verb), None) is not None:
        return  # "X caused a decrease in Y": the change noun states the effect (:func:`_light`), not the verb
    for child in verb.children:
        # "caused a 40% reduction (in) LH pulse frequency": a light verb's object that names a change
        if child.dep_ == "dobj" and not (light and any(_changes(t) for t in (child, *child.lefts))):
            yield Shape(verb, child, construction)
        elif child.dep_ == "prep" and child.lower_ in _binding_preps(verb) and trigger.review_effect == "binds":
            yield from (Shape(verb, c, construction) for c in child.children if c.dep_ == "pobj")


def _light(verb: ParsedToken) -> Iterator[Shape]:
    """"X caused a marked decrease in Y", "X led to a reduction of Y", "X exerted inhibitory effects on Y":
    a verb that names no effect itself (``constructions.light_verbs``, ``parsed.light_verbs``) whose
    object noun does (a trigger noun, or an effect noun with a trigger adjective); its "of"/"in"/"on"
    phrase is the object."""
    if verb.lower_ not in word_set("constructions.light_verbs") | word_set("parsed.light_verbs"):
        return
    nouns = [c for c in verb.children if c.dep_ == "dobj"]
    nouns += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "in")
              for g in c.children if g.dep_ == "pobj"]
    for noun in nouns:
        # not a binding noun: "X induced an interaction of A and B" raises the interaction, it binds nothing
        carrier = noun if _changes(noun) else None
        if carrier is None and noun.lower_ in word_set("constructions.effect_nouns"):
            carrier = next((a for a in noun.children if a.dep_ == "amod" and _changes(a)), None)
        if carrier is None:
            continue
        preps = word_set("constructions.effect_object_preps") if carrier is not noun else {"of", "in", "on"}
        # the first such phrase only: "a reduction in cell viability in breast cancers" is about viability
        phrase = next((p for p in noun.children if p.dep_ == "prep" and p.lower_ in preps), None)
        if phrase is not None and phrase.lower_ == "in" and carrier.lower_ not in IN_CHANGE_NOUNS:
            continue  # "led to enhanced cortical activations in frontal regions": where, not what changed
        if phrase is not None:
            yield from (Shape(carrier, obj, LIGHT) for obj in phrase.children if obj.dep_ == "pobj")


def _changes(token: ParsedToken) -> bool:
    """Whether a noun or adjective names a change: an increases or decreases trigger."""
    trigger = _effect_trigger(token, "noun")
    return trigger is not None and trigger.review_effect in ("increases", "decreases")


def _binding_preps(verb: ParsedToken) -> frozenset[str]:
    """"binds to X"; "interacts with X", but not the "with" of "binds to X with high affinity"."""
    return frozenset({"to"}) if any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children) else _BINDING_PREPS


def _means(verb: ParsedToken) -> Iterator[Shape]:
    """"... by blocking Z", "..., thereby reducing Z", "to reduce Z": the gerund or infinitive's object."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in _MEANS_PREPS:
            gerunds = [c for c in child.children if c.dep_ == "pcomp" and c.tag_ == "VBG"]
        elif child.dep_ in ("advcl", "xcomp") and child.tag_ in ("VBG", "VB"):
            gerunds = [child]
        else:
            continue
        for gerund in gerunds:
            yield from _active(gerund, MEANS)


def _passive_subjects(verb: ParsedToken) -> list[ParsedToken]:
    """The passive's subject, or the one of the verb it is coordinated with ("A was reduced and B ...")."""
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if subjects or verb.dep_ != "conj":
            return subjects
        verb = verb.head
    return []


def _effect_trigger(token: ParsedToken, form: str = "verb") -> Trigger | None:
    """The trigger of a parsed word in ``form`` (its context words as the rules check them), else None."""
    words = [t.lower_ for t in token.doc]
    return _trigger_of(token.lower_, words[max(0, token.i - 3):token.i],
                       words[token.i + 1] if token.i + 1 < len(words) else "", form)


def _any_trigger(tokens: Sequence[Token], k: int) -> Trigger | None:
    before, after = [t.lower for t in tokens[max(0, k - 3):k]], tokens[k + 1].lower if k + 1 < len(tokens) else ""
    return _trigger_of(tokens[k].lower, before, after) or _trigger_of(tokens[k].lower, before, after, "noun")


def _trigger_of(word: str, before: Sequence[str], after: str, form: str = "verb") -> Trigger | None:
    return next((t for t in find_triggers(word) if form in t.forms and t.review_effect in STATEMENT_EFFECTS
                 and (not t.requires_before or t.requires_before & set(before))
                 and (not t.requires_after or after in t.requires_after)), None)


def _relations(unit: Unit, tokens: Sequence[Token], agent: Mention, shape: Shape, system: str) -> list[Relation]:
    """The shape's statements as relations over the rules' clause around its trigger."""
    trigger = _effect_trigger(shape.trigger, "noun" if shape.construction in (NOMINAL, LIGHT) else "verb")
    trig = _token_at(tokens, unit.start + shape.trigger.idx)
    first = _token_at(tokens, unit.start + shape.obj.left_edge.idx)
    last = _token_at(tokens, unit.start + shape.obj.right_edge.idx)
    if trigger is None or None in (trig, first, last):
        return []
    a, b = _clause_around(tokens, min(trig, first), max(trig, last))
    clause = make_clause(unit, list(tokens[a:b]), ())
    out: list[Relation] = []
    for span in object_after(clause.tokens, first - a):
        if span.first > last - a:
            break  # past the parsed object: another phrase
        span = replace(span, last=min(span.last, last - a))
        while span.first < span.last and clause.tokens[span.first].lower in word_set("objects.determiners"):
            span = replace(span, first=span.first + 1)  # "A and the expression of B were reduced by X"
        entity = object_entity(clause, span)
        effect = trigger.review_effect
        turned = effect_inversions().get((trigger.stem, entity.label)) if entity is not None else None
        out += assemble(clause, [AgentRef(agent, "mention")], turned or effect, trig - a, span,
                        shape.construction, (tokens[trig].text,), system, entity)
    return [_negation_outside_subject(r, shape) for r in out if not _names_agent(unit, r, agent)]


def _names_agent(unit: Unit, relation: Relation, agent: Mention) -> bool:
    """An agent never acts on a phrase that names it ("... MK-801 injection reversed the effects of
    reserpine" misparsed with "Pretreatment with reserpine" as the subject)."""
    return any(m.start < relation.object_end and relation.object_start < m.end
               and ((agent.norm_id and m.norm_id == agent.norm_id) or m.text.lower() == agent.text.lower())
               for m in unit.mentions)


def _negation_outside_subject(relation: Relation, shape: Shape) -> Relation:
    """A negation cue met only inside the subject phrase excludes an agent from the list, it does not deny
    the verb: "A and B, but not C, strongly inhibited Y" states that A and B inhibited Y."""
    if not relation.negated or shape.subject is None or not relation.negation_cue:
        return relation
    cue = relation.negation_cue.split()[0]
    inside = range(shape.subject.left_edge.i, shape.subject.right_edge.i + 1)
    if all(t.i in inside for t in shape.trigger.doc if t.lower_ == cue):
        return replace(relation, negated=False, negation_cue=None)
    return relation


def _token_at(tokens: Sequence[Token], offset: int) -> int | None:
    """The index of the rules' token that holds the character ``offset``."""
    return next((k for k, t in enumerate(tokens) if t.start <= offset < t.end), None)


def _clause_around(tokens: Sequence[Token], first: int, last: int) -> tuple[int, int]:
    """The rules' clause range (:func:`.clause.clause_ranges`) holding tokens ``first`` to ``last``; a
    statement that crosses a clause cut takes the clauses it spans."""
    ranges = clause_ranges(tokens)
    a = next((x for x, y in ranges if x <= first < y), 0)
    b = next((y for x, y in ranges if x <= last < y), len(tokens))
    return a, b
