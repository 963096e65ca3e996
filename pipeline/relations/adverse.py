"""Statements that a drug brings on a disease, written with a causal verb or a time cue rather than a
trigger word (drug toxicity and adverse-effect reports):

- a causal verb whose object is a disease: "Irinotecan often causes toxicities such as severe
  myelosuppression and diarrhea", "Succimer ... produces lasting cognitive impairment", "chronic
  levodopa use could lead to dyskinesia", "X treatment resulted in hepatotoxicity" (``adverse.causal``;
  "lead"/"result" only before their "to"/"in"). The agent is the verb's subject: the agents listed right
  before it, a treatment noun ("X treatment", "administration of X"), a bracket, adverbs and modals
  aside. The disease starts within a few modifier words after the verb and ends its noun phrase
  ("resulted in tumor regression" names no disease);
- a disease right before a time cue of a treatment (``adverse.time_cues``): "Massive proteinuria and
  acute renal failure after oral alendronate administration", "prolonged apnea after the use of
  mivacurium", "hyperkalemia during use of a combined therapy with spironolactone" — not after a trigger
  word or a word of less ("reduction of pain after X", "less nausea after X"), not the disease of a
  population ("patients with breast cancer after tamoxifen"), not a withdrawal ("seizures after
  benzodiazepine withdrawal").

Each says X increases the disease. "cause" is also a trigger verb (read by the rules first); "produce",
"lead to", "result in" as general triggers would cost precision: here the object must be a recognised disease. Read after the rules and the
pair reader, only for a pair no relation already names (any effect), as :mod:`.therapy` is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ..records import Mention, Relation
from .clause import is_adverb
from .cues import model_system
from .learned import pair_relation
from .lexicon import Token, find_triggers, tokenize, word_parts, word_set
from .postnominal import agents_after
from .units import Unit

CONSTRUCTION = "adverse"
MODIFIER_REACH = 4  # words between a causal verb and its disease ("causes toxicities such as severe")
TREATMENT_REACH = 8  # tokens between a time cue and the first agent ("during use of a combined therapy with X")
GROUP_MODIFIERS = 3  # words between "X-treated" and its head ("AZT-treated FasL Tg mice")
ITEM_REACH = 4  # words of a list item between two diseases ("..., oxidative stress, inflammation")
LOOK_BACK = 3  # words before a disease in which a trigger or a word of less turns it into something else


def adverse_relations(unit: Unit, found: Sequence[Relation], doc_system: Callable[[], str]) -> list[Relation]:
    """X increases Y for the causal and time-cue statements of the module docstring."""
    if unit.column is not None or not unit.agents or not any(m.label == "DISEASE" for m in unit.mentions):
        return []
    tokens = tokenize(unit.text, unit.start)
    token_at = {t.start: k for k, t in enumerate(tokens)}
    diseases = {token_at[m.start]: m for m in unit.mentions if m.label == "DISEASE" and m.start in token_at}
    out: list[Relation] = []
    for k, agents, objects in (*_causal(unit, tokens, diseases, found), *_after_treatment(unit, tokens, diseases)):
        for agent in agents:
            for disease in objects:
                if agent.start < disease.end and disease.start < agent.end or any(
                        r.agent_start == agent.start and r.object_start < disease.end and disease.start < r.object_end
                        for r in (*found, *out)):
                    continue
                out.append(pair_relation(unit, tokens, agent, disease, "increases", CONSTRUCTION,
                                         model_system(tokens, doc_system()), k))
    return out


def _causal(unit: Unit, tokens: Sequence[Token], diseases: dict[int, Mention], found: Sequence[Relation]
            ) -> Iterator[tuple[int, list[Mention], list[Mention]]]:
    verbs = word_set("adverse.causal")
    preps = {"lead": "to", "leads": "to", "led": "to", "leading": "to",
             "result": "in", "results": "in", "resulted": "in", "resulting": "in"}
    showing = word_set("adverse.group_verbs")
    for k, token in enumerate(tokens):
        word = token.lower
        if word in showing:  # "AZT-treated mice developed cardiac dilation", "rats given X showed Y"
            objects = _diseases_from(tokens, diseases, k + 1)
            agents = _treated_subject(unit, tokens, k) if objects else []
            if agents:
                yield k, agents, objects
            continue
        if word not in verbs:
            continue
        start = k + 1
        if word in preps:
            if start >= len(tokens) or tokens[start].lower != preps[word]:
                continue
            start += 1
        objects = _diseases_from(tokens, diseases, start)
        agents = (_subject(unit, tokens, k) or _shared_subject(unit, tokens, k, found)) if objects else []
        if agents:
            yield k, agents, objects


def _treated_subject(unit: Unit, tokens: Sequence[Token], k: int) -> list[Mention]:
    """The agents of a treated group that is the subject of the verb at ``k``: "X-treated (FasL Tg) mice",
    "mice treated with X" (``treatment.participles``, ``treatment.treated_heads``), or []."""
    participles = word_set("treatment.participles")
    j = k - 1
    while j >= 0 and (is_adverb(tokens[j].lower) or tokens[j].lower in word_set("adverse.subject_skips")):
        j -= 1
    if j >= 2 and tokens[j - 1].lower in ("with", "by") and tokens[j - 2].lower in participles:
        return [m for m in unit.agents if m.end == tokens[j].end]  # "mice treated with X developed"
    if j < 0 or tokens[j].lower not in word_set("treatment.treated_heads"):
        return []
    for q in range(j - 1, max(-1, j - 1 - GROUP_MODIFIERS), -1):
        parts = word_parts(tokens[q].text)
        if len(parts) > 1 and parts[-1] in participles:  # "AZT-treated"
            return [m for m in unit.agents if m.start == tokens[q].start and m.end < tokens[q].end]
        if not tokens[q].text[:1].isalnum():
            break
    return []


def _shared_subject(unit: Unit, tokens: Sequence[Token], k: int, found: Sequence[Relation]) -> list[Mention]:
    """"Succimer improves learning ... but produces lasting cognitive impairment": a verb right after
    "and"/"but" (adverbs and modals aside) continues the predicate of the last active verb before it, so it
    shares that verb's subject (the agents of the unit's last active relation before it), or []."""
    skip = word_set("therapy.modals") | word_set("adverse.subject_skips")
    j = k - 1
    while j >= 0 and (is_adverb(tokens[j].lower) or tokens[j].lower in skip):
        j -= 1
    if j < 0 or tokens[j].lower not in ("and", "but"):
        return []
    before = [r for r in found if r.construction == "active" and r.agent_source == "mention"
              and r.agent_end <= tokens[j].start and r.object_start < tokens[j].start]
    if not before:
        return []
    last = max(r.agent_start for r in before)
    return [m for m in unit.agents if m.start == last][:1]


def _diseases_from(tokens: Sequence[Token], diseases: dict[int, Mention], p: int) -> list[Mention]:
    """The disease starting within ``MODIFIER_REACH`` modifier words of ``p`` that ends its noun phrase,
    with the diseases coordinated after it ("severe myelosuppression and diarrhea"), or []."""
    stops = word_set("postnominal.phrase_stops") | word_set("adverse.not_before_disease")
    skipped = 0
    while p < len(tokens) and p not in diseases:
        word = tokens[p].lower
        if word in ("such", "as", "including"):
            p += 1
            continue  # "toxicities such as X"
        if (skipped >= MODIFIER_REACH or not word[:1].isalnum() or (word in stops and word not in ("the", "a", "an"))
                or find_triggers(word)):
            return []
        skipped += 1
        p += 1
    if p >= len(tokens):
        return []
    q = _token_after(tokens, diseases[p].end)
    if q < len(tokens) and tokens[q].text[:1].isalnum() and tokens[q].lower not in word_set("postnominal.phrase_stops"):
        return []  # "tumor regression": the disease is a modifier
    return [diseases[p], *_listed_after(tokens, diseases, q)]


def _listed_after(tokens: Sequence[Token], diseases: dict[int, Mention], q: int) -> list[Mention]:
    """The diseases of a list going on at token ``q`` (", oxidative stress, inflammation and excitotoxicity"):
    items of at most ``ITEM_REACH`` words joined by commas, "and", "or"; each item that is a disease counts."""
    out: list[Mention] = []
    while q < len(tokens) and tokens[q].lower in (",", "and", "or"):
        while q < len(tokens) and tokens[q].lower in (",", "and", "or"):
            q += 1
        if q in diseases:
            out.append(diseases[q])
            q = _token_after(tokens, diseases[q].end)
            continue
        item = q
        while q < len(tokens) and q - item < ITEM_REACH and tokens[q].text[:1].isalnum() \
                and tokens[q].lower not in word_set("postnominal.phrase_stops"):
            q += 1
        if q == item or q - item >= ITEM_REACH:
            break
    return out


def _token_after(tokens: Sequence[Token], end: int) -> int:
    return next((q for q, t in enumerate(tokens) if t.start >= end), len(tokens))


def _subject(unit: Unit, tokens: Sequence[Token], k: int) -> list[Mention]:
    """The agents listed right before the verb at ``k`` ("both A and B cause"), past adverbs, modals, a
    bracket and a treatment noun ("X treatment", "administration of X (10 mg/kg)"), or []."""
    skip = word_set("therapy.modals") | word_set("constructions.aux") | word_set("adverse.subject_skips")
    nouns = word_set("adverse.treatment_nouns")
    j = k - 1
    while j >= 0 and (is_adverb(tokens[j].lower) or tokens[j].lower in skip):
        j -= 1
    if j >= 0 and tokens[j].text == ")":
        while j >= 0 and tokens[j].text != "(":
            j -= 1
        j -= 1
    if j >= 0 and tokens[j].lower in nouns:
        j -= 1
    ends = {m.end: m for m in unit.agents}
    if j < 0 or tokens[j].end not in ends:
        return []
    agents = [ends[tokens[j].end]]
    glue = word_set("clause.list_glue") | {"both"}
    p = j - 1
    while p >= 0 and tokens[p].lower in glue:  # "both cisplatin and paclitaxel cause"
        while p >= 0 and tokens[p].lower in glue:
            p -= 1
        if p < 0 or tokens[p].end not in ends:
            break
        agents.insert(0, ends[tokens[p].end])
        p -= 1
    return agents


def _after_treatment(unit: Unit, tokens: Sequence[Token], diseases: dict[int, Mention]
                     ) -> Iterator[tuple[int, list[Mention], list[Mention]]]:
    cues = word_set("adverse.time_cues")
    gap_stops = word_set("adverse.gap_stops")
    ends = {m.end: (k, m) for k, m in diseases.items()}
    onset = word_set("adverse.onset_verbs") | word_set("constructions.aux") | word_set("adverse.subject_skips")
    for k, token in enumerate(tokens):
        if token.lower not in cues:
            continue
        j = k - 1
        while j > 0 and (tokens[j].lower in onset or is_adverb(tokens[j].lower)):
            j -= 1  # "thiamine deficiency is most often manifested following X"
        if j < k - 1 and tokens[j].text == ")":  # "thiamine deficiency (TD) is ... manifested"
            while j > 0 and tokens[j].text != "(":
                j -= 1
            j -= 1
        if j < 0 or tokens[j].end not in ends:
            continue
        first, disease = ends[tokens[j].end]
        objects = _coordinated_before(tokens, diseases, first) + [disease]
        if _changed(tokens, objects[0], diseases):
            continue
        p = k + 1
        while p < len(tokens) and p - k <= TREATMENT_REACH and not any(m.start == tokens[p].start for m in unit.agents):
            if tokens[p].lower in gap_stops or not (tokens[p].text[:1].isalnum() or tokens[p].text == "-"):
                break
            p += 1
        agents = agents_after(unit, tokens, p) if p < len(tokens) and p - k <= TREATMENT_REACH else []
        agents += _bracketed_members(unit, tokens, agents)
        after = _token_after(tokens, agents[-1].end) if agents else len(tokens)
        if agents and not any(t.lower in word_set("adverse.not_after_agent") for t in tokens[after:after + 2]):
            yield k, agents, objects


def _bracketed_members(unit: Unit, tokens: Sequence[Token], agents: list[Mention]) -> list[Mention]:
    """The agents a bracket right after the list names ("after oral bisphosphonate (alendronate)
    administration", "muscle relaxants (suxamethonium or mivacurium)")."""
    p = _token_after(tokens, agents[-1].end) if agents else len(tokens)
    if p >= len(tokens) or tokens[p].text != "(":
        return []
    members = agents_after(unit, tokens, p + 1)
    return [m for m in members if m not in agents]


def _coordinated_before(tokens: Sequence[Token], diseases: dict[int, Mention], first: int) -> list[Mention]:
    """The diseases listed before the one starting at token ``first`` ("proteinuria and acute renal failure")."""
    ends = {m.end: (k, m) for k, m in diseases.items()}
    out: list[Mention] = []
    while first >= 2 and tokens[first - 1].lower in (",", "and", "or") and tokens[first - 2].end in ends:
        first, mention = ends[tokens[first - 2].end]
        out.insert(0, mention)
    return out


def _changed(tokens: Sequence[Token], disease: Mention, diseases: dict[int, Mention]) -> bool:
    """Whether a trigger word, a word of less or a population word stands in the few words before the
    disease ("reduction of pain", "less nausea", "patients with breast cancer"): then the time cue says
    something else."""
    first = next(k for k, m in diseases.items() if m is disease)
    before = [t.lower for t in tokens[max(0, first - LOOK_BACK):first]]
    # "Prolonged nephrotoxicity": a course word describes the disease, whatever else it triggers
    return any((find_triggers(w) and w not in word_set("adverse.course_words")) or w in word_set("adverse.not_before_disease")
               for w in before)
