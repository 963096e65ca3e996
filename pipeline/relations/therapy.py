"""Statements that a drug is given against a disease, written around a treatment word rather than a
trigger verb:

- a disease as the subject of a passive "treated with/by": "Tic disorders can be effectively treated
  by risperidone", "Her hypertension was treated with nifedipine and furosemide" (an auxiliary before
  "treated"; "patients/cells treated with X" name no disease and give nothing);
- "<X> treatment/therapy for <disease>": "terbutaline treatment for preterm labor";
- "treatment/therapy with <X> for <disease>": "successful therapy with argatroban for vein thrombosis";
- "treatment/therapy of <disease> with <X>": "initiating treatment of type 2 diabetes with glipizide".

Each says X decreases the disease (the pair reader reads such drug–disease pairs the same way, when it
reads them). The words are ``therapy.nouns``, ``therapy.passive`` and the auxiliaries of
``constructions.aux``. The agents are a list (``postnominal.agents_after``), or the members a class
names after "such as" ("by atypical antipsychotics such as risperidone and olanzapine"). Read after the
rules and the pair reader, and only for a pair no relation already names (any effect).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ..records import Mention, Relation
from .clause import is_adverb
from .cues import model_system
from .learned import pair_relation
from .lexicon import Token, tokenize, word_set
from .postnominal import agents_after
from .units import Unit

CONSTRUCTION = "therapy"
SUBJECT_REACH = 4  # tokens between the end of the disease and "treated" (auxiliaries, adverbs)
DISEASE_REACH = 5  # tokens from "for"/"of" to the disease ("for the treatment of <disease>")
MODIFIERS = 2  # describing words before the disease that no row of therapy.before_disease lists
CLASS_REACH = 4
_UNDIRECTED = ("studied_in",)  # a pair only a study word names ("a case of Y treated with X") is read again  # tokens between "with/by" and "such as" ("by atypical antipsychotics such as")

# The words of a passive run before "treated": auxiliaries and the modals of "can be treated" (data rows).
_PASSIVE_RUN = word_set("constructions.aux") | word_set("therapy.modals")

def therapy_relations(unit: Unit, found: Sequence[Relation], doc_system: Callable[[], str]) -> list[Relation]:
    """X decreases Y for the treatment phrases of the module docstring."""
    if unit.column is not None or not unit.agents or not any(m.label == "DISEASE" for m in unit.mentions):
        return []
    tokens = tokenize(unit.text, unit.start)
    diseases = {tokens_index: m for m in unit.mentions if m.label == "DISEASE"
                for tokens_index, t in enumerate(tokens) if t.start == m.start}
    out: list[Relation] = []
    for k, disease, agents in _statements(unit, tokens, diseases):
        for agent in agents:
            if agent.start == disease.start or any(
                    r.agent_start == agent.start and r.object_start < disease.end and disease.start < r.object_end
                    and r.effect not in _UNDIRECTED for r in (*found, *out)):  # a study word says less
                continue
            out.append(pair_relation(unit, tokens, agent, disease, "decreases", CONSTRUCTION,
                                     model_system(tokens, doc_system()), k))
    return out


def _statements(unit: Unit, tokens: Sequence[Token], diseases: dict[int, Mention]
                ) -> Iterator[tuple[int, Mention, list[Mention]]]:
    nouns, passive = word_set("therapy.nouns"), word_set("therapy.passive")
    for k, token in enumerate(tokens):
        word = token.lower
        if word == "for":  # "olanzapine versus risperidone for the treatment of schizophrenia"
            p = k + 1 + (k + 1 < len(tokens) and tokens[k + 1].lower == "the")
            if p + 1 < len(tokens) and tokens[p].lower in word_set("therapy.use_nouns") and tokens[p + 1].lower == "of":
                disease = _disease_after(tokens, diseases, p + 2)
                agents = _listed_before(unit, tokens, k)
                if disease is not None and agents:
                    yield k, disease, agents
        elif word in passive and k + 1 < len(tokens) and tokens[k + 1].lower in ("with", "by"):
            disease = _passive_subject(tokens, diseases, k)
            if disease is not None:
                yield k, disease, _agents(unit, tokens, k + 2)
        elif word in nouns and k + 1 < len(tokens):
            after = tokens[k + 1].lower
            if after == "for":  # "X treatment for Y"
                disease = _disease_after(tokens, diseases, k + 2)
                agents = _agents_before(unit, tokens, k)
            elif after == "with":  # "therapy with X for Y"
                agents = _agents(unit, tokens, k + 2)
                p = _after_agents(tokens, agents)
                disease = _disease_after(tokens, diseases, p + 1) if p is not None and p < len(tokens) \
                    and tokens[p].lower == "for" else None
            elif after == "of":  # "treatment of Y with X"
                disease = _disease_after(tokens, diseases, k + 2)
                p = next((q for q in range(k + 2, len(tokens)) if tokens[q].start >= disease.end), None) \
                    if disease is not None else None
                agents = _agents(unit, tokens, p + 1) if p is not None and tokens[p].lower == "with" else []
            else:
                continue
            if disease is not None and agents:
                yield k, disease, agents


def _passive_subject(tokens: Sequence[Token], diseases: dict[int, Mention], k: int) -> Mention | None:
    """The disease ending right before "[can be / was / were] [effectively] treated", or None."""
    aux = _PASSIVE_RUN
    j = k - 1
    seen_aux = False
    while j >= 0 and k - j <= SUBJECT_REACH and (tokens[j].lower in aux or is_adverb(tokens[j].lower)):
        seen_aux |= tokens[j].lower in aux
        j -= 1
    if j < 0:
        return None
    if not seen_aux and (k - j > 2 or not any(tokens[j].end == m.end for m in diseases.values())):
        return None  # "patients treated with X": no passive clause; "a case of meningitis (successfully) treated
        # with X", a disease right before the participle, is the reduced relative of one
    for start, mention in diseases.items():
        if start <= j and tokens[j].end == mention.end:
            return mention
    return None


def _disease_after(tokens: Sequence[Token], diseases: dict[int, Mention], p: int) -> Mention | None:
    """The disease starting at ``p`` or after a few words of ``therapy.before_disease`` ("for the
    treatment of <disease>", "for patients with <disease>"), or None."""
    skip = word_set("therapy.before_disease")
    modifiers = 0  # other describing words ("for superior mesenteric vein thrombosis")
    for q in range(p, min(len(tokens), p + DISEASE_REACH)):
        if q in diseases:
            return diseases[q]
        word = tokens[q].lower
        if word not in skip:
            modifiers += 1
            if modifiers > MODIFIERS or not word.replace("-", "").isalpha() or word in word_set("postnominal.phrase_stops"):
                return None
    return None


def _agents(unit: Unit, tokens: Sequence[Token], p: int) -> list[Mention]:
    """The agents listed after ``p``; where the list (or an unrecognised class noun within reach) is
    followed by "such as", the members it names ("by SERMs such as raloxifene": the class apposed to its
    members lets the members act, as elsewhere)."""
    agents = agents_after(unit, tokens, p)
    q = _after_agents(tokens, agents) if agents else p
    q += q is not None and q < len(tokens) and tokens[q].text == ","  # "by antipsychotics, such as X"
    for q in range(q, min(len(tokens) - 1, q + (1 if agents else CLASS_REACH))):
        if tokens[q].lower == "such" and tokens[q + 1].lower == "as":
            return agents_after(unit, tokens, q + 2) or agents
    return agents


def _listed_before(unit: Unit, tokens: Sequence[Token], k: int) -> list[Mention]:
    """The agents of a list ending right before token ``k`` (a bracket after the last one skipped), joined
    by ``clause.list_glue`` or a comparison word ("X versus Y", "X vs. Y"), or []."""
    j = k - 1
    if j >= 0 and tokens[j].text == ")":
        while j > 0 and tokens[j].text != "(":
            j -= 1
        j -= 1
    ends = {m.end: m for m in unit.agents}
    glue = word_set("clause.list_glue") | word_set("arms.comparison_words") | {".", "plus"}
    out: list[Mention] = []
    while j >= 0 and tokens[j].end in ends:
        out.insert(0, ends[tokens[j].end])
        j = next((q for q in range(j, -1, -1) if tokens[q].start <= out[0].start), 0) - 1
        if j < 1 or tokens[j].lower not in glue:
            break
        while j >= 0 and tokens[j].lower in glue:
            j -= 1
    return out


def _agents_before(unit: Unit, tokens: Sequence[Token], k: int) -> list[Mention]:
    """The agent right before the treatment noun ("terbutaline treatment"), or []."""
    return [m for m in unit.agents if k > 0 and m.end == tokens[k - 1].end]


def _after_agents(tokens: Sequence[Token], agents: list[Mention]) -> int | None:
    """The token after the last agent of the list (a bracketed dose "(10 mg/kg)" skipped), or None."""
    if not agents:
        return None
    p = next((q for q, t in enumerate(tokens) if t.start >= agents[-1].end), len(tokens))
    if p < len(tokens) and tokens[p].text == "(":
        while p < len(tokens) and tokens[p].text != ")":
            p += 1
        p += 1
    return p
