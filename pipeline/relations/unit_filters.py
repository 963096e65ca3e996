"""The checks a unit's relations pass once the rules and the pair reader have read it (one hook in ``extract``).

Each drops statements a construction of the sentence shows are not the agent's: the arm given alone in a
comparison (``arms.py``), an agent whose verb has an intervention for its subject (``interventions.py``),
a compound's gene statements after it is named an enzyme's substrate (``substrates.py``), and the statement of a
name nested in a longer agent's that says the same (:func:`without_nested_agents`); a relation of an agent
named as not acting ("but not Y") is negated (:func:`excluded_negated`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace

from ..records import Relation
from .applied import is_ligand
from .arms import without_alone_arms
from .lexicon import EXCLUSIONS, word_set
from .interventions import without_displaced_subjects
from .substrates import without_substrate_statements
from .units import Unit


def filtered(unit: Unit, relations: Sequence[Relation]) -> list[Relation]:
    """``relations`` of ``unit`` less those the checks above reject."""
    return excluded_negated(without_nested_agents(without_substrate_statements(
        unit, without_displaced_subjects(unit, without_alone_arms(unit, without_ligand_readings(unit, relations))))))


def without_learned_tumour_increases(relations: Sequence[Relation]) -> list[Relation]:
    """Drop the pair model's "X increases <tumour>" (``unit_filters.tumour_words`` in the object): the model
    reads a treatment sentence's cancer as raised by its drug ("paclitaxel increases cancer", "trastuzumab
    increases HER2-positive breast cancer"); what brings on a tumour is written "X-induced tumours", which the
    rules read. Applied to what a unit reports, not to what the anaphora memory learns from it: the reading
    still says the agent acted in that sentence ("ZD1839 ... . Growth inhibition of these tumor cell lines ...")."""
    words = word_set("unit_filters.tumour_words")
    return [r for r in relations if not (r.construction == "learned" and r.effect == "increases"
                                         and any(w in r.object_text.lower() for w in words))]


def without_learned_cell_origins(unit: Unit, relations: Sequence[Relation]) -> list[Relation]:
    """Drop the pair model's statements on a disease that names where cells come from ("in lung cancer cell
    lines", "in MDA-MB-231 breast cancer cells", "human breast adenocarcinoma MDA-MB-231"): the sentence treats
    the cells, not the disease; the model read "5-Aza-2'-deoxy-cytidine decreases lung cancer". Applied where
    the tumour filter is, to what a unit reports."""
    def origin(r: Relation) -> bool:
        if r.construction != "learned" or r.object_label != "DISEASE":
            return False
        after = unit.text[r.object_end - unit.start:r.object_end - unit.start + 24]
        return bool(_CELLS_AFTER.match(after)) or any(
            m.label == "CELL_LINE" and 0 <= m.start - r.object_end <= 2 for m in unit.mentions)
    return [r for r in relations if not origin(r)]


_CELLS_AFTER = re.compile(r"\s*(?:[\w-]+\s+)?cells?\b", re.IGNORECASE)  # "lung cancer cell lines", "cancer stem cells"


def without_ligand_readings(unit: Unit, relations: Sequence[Relation]) -> list[Relation]:
    """Drop a statement of a ligand that acts only as one (``applied.ligand_stimulus``: no cue applies it) read
    by a construction of ``unit_filters.not_ligand_constructions``: the pair model, clinical, agent-noun and
    compound readings take a cytokine the text names as a player ("IL-6 increases tumour", "IL-6 studied_in
    HER2-positive breast cancer"), not as a stimulus; the verb and "X-induced" readings are kept."""
    dropped = word_set("unit_filters.not_ligand_constructions")
    return [r for r in relations if r.construction not in dropped or not _ligand_only(unit, r) or _study_aim(r)]


def _study_aim(relation: Relation) -> bool:
    """A ``studied_in`` statement of a study aim ("we investigated the ability of IL-2 to activate Stat proteins in
    T cell lines"): its trigger right after an aim subject (``clinical.aim_subjects``, adverbs between)."""
    if relation.effect != "studied_in":
        return False
    subjects = "|".join(sorted(word_set("clinical.aim_subjects")))
    text = relation.sentence_text.lower()
    return any(re.search(rf"\b(?:{subjects})\s+(?:\w+ly\s+)?{re.escape(t.lower())}\b", text) for t in relation.triggers)


def _ligand_only(unit: Unit, relation: Relation) -> bool:
    mention = next((m for m in unit.mentions if (m.start, m.end) == (relation.agent_start, relation.agent_end)), None)
    return (mention is not None and mention.label == "TARGET" and mention.norm_id not in unit.applied_ids
            and is_ligand(mention))


_EXCLUSION = re.compile(r"\b(?:" + "|".join(" ".join(words) for words in EXCLUSIONS) + r")\s+$")


def excluded_negated(relations: Sequence[Relation]) -> list[Relation]:
    """A relation whose agent follows "but not" / "and not" ("X, but not Y, inhibited Z") is negated: the
    sentence says Y did not act (the negation reader leaves the verb of X unnegated, ``cues.is_negated``)."""
    out = []
    for r in relations:
        before = r.sentence_text[max(0, r.agent_start - r.sentence_start - 12):r.agent_start - r.sentence_start]
        out.append(replace(r, negated=True, negation_cue="but not") if _EXCLUSION.search(before) and not r.negated
                   else r)
    return out


def without_nested_agents(relations: Sequence[Relation]) -> list[Relation]:
    """Drop a relation whose agent lies inside another relation's agent with the same effect and object:
    "recombinant IL-6 induced Y" is one statement, not one of "recombinant IL-6" and one of the applied "IL-6"
    nested in it (the NER keeps the gene inside the agent's name); so is "X-loaded nanoparticles reduced Y",
    X's statement, not one more of the vehicle."""
    def nested(inner: Relation, outer: Relation) -> bool:
        return (outer.agent_start <= inner.agent_start and inner.agent_end <= outer.agent_end
                and (outer.agent_start, outer.agent_end) != (inner.agent_start, inner.agent_end))

    def delivered(vehicle: Relation, agent: Relation) -> bool:  # "celastrol-loaded nanoparticles": one agent
        start = vehicle.sentence_start
        between = vehicle.sentence_text[agent.agent_end - start:vehicle.agent_start - start]
        return agent.agent_end < vehicle.agent_start and _formulation_gap().fullmatch(between) is not None

    def said(r: Relation) -> tuple[str, int, int]:
        return r.effect, r.object_start, r.object_end

    return [r for r in relations
            if not any(said(r) == said(other) and (nested(r, other) or delivered(r, other)) for other in relations)]


@functools.lru_cache(maxsize=1)
def _formulation_gap() -> re.Pattern[str]:
    """The hyphen-joined word of ``clause.formulation_joins`` between a drug and its vehicle ("-loaded ")."""
    joins = "|".join(sorted(word_set("clause.formulation_joins")))
    return re.compile(r"[-\u2010\u2011\u2013](?:" + joins + r")\s+")
