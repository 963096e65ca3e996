"""Cells or animals stimulated with an agent: "A549 cells stimulated with LPS", "LPS-stimulated CD1 mice".

The relation dev set's convention (its README, from the fourth on-topic part on): the stimulus applied to
cells or animals is X `increases` them, as "X-induced Y" is X `increases` Y. Two forms:

- a head of ``treatment.treated_heads`` ("cells", "macrophages", "mice") and then, within
  ``HEAD_REACH`` tokens of its sentence, a participle of ``stimulated.participles`` and "with"/"by" and
  the agents ("RAW264.7 cells were transfected with siRNA, stimulated with LPS and ..."): each agent of
  the list increases the cell phrase;
- an agent joined by a hyphen to such a participle (over its bracketed abbreviation or spaces:
  "lipopolysaccharide (LPS) - stimulated"), then the cell phrase ("LPS-stimulated CD1 mice",
  "TNF-alpha-activated HepG2 cells"): ``learned.nominal_relations`` leaves cells and animals alone
  (``learned.not_phrase_heads``), so this reads them.

The cell phrase is the head and up to ``MODIFIERS`` words before it that describe it (a cell line name,
one word whatever its tokens and bracketed or not, "mouse macrophage (RAW 264.7)"): no function word,
punctuation, agent or trigger among them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..records import Mention, Relation
from ..text import is_dash
from .cues import model_system
from .learned import pair_relation
from .lexicon import Token, find_trigger, tokenize, word_set
from .postnominal import agents_after
from .units import Unit

CONSTRUCTION = "stimulated_cells"
HEAD_REACH = 12  # tokens from the head to the participle ("cells were transfected with A, stimulated with X")
MODIFIERS = 3  # words before the head that describe it ("human monocytic THP-1 cells")


def stimulated_relations(unit: Unit, found: Sequence[Relation], doc_system: Callable[[], str]) -> list[Relation]:
    """X increases the cells or animals stimulated with it (module docstring)."""
    if unit.column is not None or not unit.agents:
        return []
    tokens = tokenize(unit.text, unit.start)
    participles, heads = word_set("stimulated.participles"), word_set("treatment.treated_heads")
    agent_tokens = {k for k, t in enumerate(tokens) for m in unit.agents if m.start < t.end and t.start < m.end}
    pairs: list[tuple[Mention, tuple[int, int], int]] = []
    for k, token in enumerate(tokens):
        if token.lower in participles and k + 1 < len(tokens) and tokens[k + 1].lower in ("with", "by"):
            head = next((h for h in range(k - 1, max(-1, k - HEAD_REACH - 1), -1) if tokens[h].lower in heads), None)
            if head is not None and not any(tokens[q].text in (";", ":") for q in range(head, k)):
                phrase = (_phrase_start(unit, tokens, agent_tokens, head), head)
                pairs += [(agent, phrase, k) for agent in agents_after(unit, tokens, k + 2)]
        if k not in agent_tokens:
            continue
        joined = k if token.lower.rpartition("-")[2] in participles else _spaced_participle(tokens, agent_tokens, k)
        if joined is not None and joined + 1 < len(tokens):
            # the last head the phrase reaches ("mouse macrophage (RAW 264.7) cells", not "mouse")
            ends = [h for h in range(joined + 1, min(len(tokens), joined + MODIFIERS + 6)) if tokens[h].lower in heads
                    and _phrase_start(unit, tokens, agent_tokens, h) == joined + 1]
            pairs += [(agent, (joined + 1, _process_end(tokens, ends[-1], heads)), joined) for agent in unit.agents
                      if ends and agent.start < token.end and token.start < agent.end]
    out: list[Relation] = []
    for agent, (first, last), k in pairs:
        a, b = tokens[first].start, tokens[last].end
        if any(r.agent_start == agent.start and r.effect == "increases" and r.object_start < b and a < r.object_end
               for r in (*found, *out)):
            continue  # already read
        cells = Mention(unit.doc_id, a, b, unit.text[a - unit.start:b - unit.start], "PHRASE", source="phrase")
        out.append(pair_relation(unit, tokens, agent, cells, "increases", CONSTRUCTION,
                                 model_system(tokens, doc_system()), k))
    return out


def _process_end(tokens: Sequence[Token], head: int, heads: frozenset[str]) -> int:
    """The last token of what the stimulus acts on: the cell phrase's ``head``, or, where a head in the
    singular names the kind of the words after it ("LPS-stimulated MCF-7 cell proliferation", "... rat liver
    injury"), those words (up to ``MODIFIERS``, to a function word): the process is the object, the cells its
    context, not cells the agent increases. A plural head before a word is a subject before its verb ("cells
    secrete")."""
    if tokens[head].lower + "s" not in heads:
        return head
    last = head
    while (last + 1 < len(tokens) and last - head < MODIFIERS and tokens[last + 1].text.isalpha()
           and tokens[last + 1].lower not in word_set("postnominal.phrase_stops")):
        last += 1
    return last


def _spaced_participle(tokens: Sequence[Token], agent_tokens: set[int], k: int) -> int | None:
    """The participle joined by a dash to the agent name ending at token ``k``, over its bracketed
    abbreviation or spaces ("lipopolysaccharide (LPS)-stimulated", "LPS - stimulated"), else None."""
    q = k + 1
    if q + 2 < len(tokens) and tokens[q].text == "(" and q + 1 in agent_tokens and tokens[q + 2].text == ")":
        q += 3
    if q + 1 < len(tokens) and is_dash(tokens[q].text) and tokens[q + 1].lower in word_set("stimulated.participles"):
        return q + 1
    return None


def _phrase_start(unit: Unit, tokens: Sequence[Token], agent_tokens: set[int], head: int) -> int:
    """The first token of the cell phrase ending at ``head``: back over up to ``MODIFIERS`` describing words;
    a cell line name counts as one word whatever its tokens ("RAW264.7")."""
    cell_line = {k for k, t in enumerate(tokens) for m in unit.mentions
                 if m.label == "CELL_LINE" and m.start < t.end and t.start < m.end}
    first, words = head, 0
    while first > 0 and words < MODIFIERS:
        word = tokens[first - 1].lower
        if first - 1 in cell_line:
            while first > 0 and first - 1 in cell_line:
                first -= 1
        elif word == ")" and first - 2 in cell_line:  # "mouse macrophage (RAW 264.7) cells"
            first -= 1
            while first > 0 and first - 1 in cell_line:
                first -= 1
            if first == 0 or tokens[first - 1].text != "(":
                return head
            first -= 1
        elif first - 1 in agent_tokens or not word[:1].isalnum() or word in word_set("postnominal.phrase_stops") \
                or find_trigger(word) is not None:
            break
        else:
            first -= 1
        words += 1
    return first
