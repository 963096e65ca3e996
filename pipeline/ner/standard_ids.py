"""Standard identifiers for mentions: NCBI Gene for targets, MeSH for drugs and diseases, Cellosaurus for cell lines.

A mention keeps its ``norm_id`` (curated agents stay ``agent:tocilizumab``, targets their HGNC symbol);
the standard id goes into its cross-references (``xrefs``) when the norm id is not already one.
``evidence lexicon build`` writes ``standard_ids.txt`` (label, key, ids) into the cache: keys are
``id:<norm_id>`` (an HGNC symbol -> its NCBI Gene id, a DrugBank id -> MeSH), ``name:<squashed name>``
(the compiled tables' names), ``learned:<squashed name>`` (the id train annotations gave a name) and
``mesh:<squashed name>`` and ``meshvariant:<concept key>`` (MeSH's own names of drugs and diseases, each
after the train-learned keys of its kind) and
``variant:<concept key>`` (that id under the name's :func:`~pipeline.ner.concept_keys.concept_key`, for a
mention written another way: "breast cancers"). Without the cache nothing is added.
Gene ids are species-specific: a target's learned id comes from the train documents of the mention's
document species (:func:`document_species`); a non-human species' ids go under ``learned@<species>:``.
"""

from __future__ import annotations

import csv
import functools
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..tables import read_tsv, read_word_list
from .concept_keys import KEY_LABELS, concept_key
from .lexicon import LEXICON_DIR, Entry, squash
from .mentions import new_char_mention
from .regex_prefix import with_first_character_lookahead

logger = logging.getLogger(__name__)

STANDARD_IDS_FILE = "standard_ids.txt"  # tab-separated; not .tsv, which the cache reserves for lexicon tables
# The namespace a mention of each label is compared in (BioRED and BC5CDR use these).
MAX_REMEMBERED = 100_000  # mentions whose lookup a process remembers (most names recur)
NAMESPACE = {"TARGET": "NCBIGene:", "DRUG": "MESH:", "DISEASE": "MESH:", "CELL_LINE": "CVCL_"}
HUMAN = "human"  # the default species, and the one the compiled gene tables name
SPECIES_LABELS = frozenset({"TARGET"})  # labels whose ids differ by species (drugs and diseases do not)
# Labels whose names annotated with several ids at once ("MMPs") learn no single id; a disease name's
# two ids are a composite mention's, left to the disease ids.
SINGLE_ID_LABELS = ("TARGET", "DRUG", "CELL_LINE")
# The key kinds of MeSH's own names (written by pipeline.evaluation.mesh_names, read here and by mesh_spans):
# a squashed name, and a name's concept key.
MESH_KEY = "mesh:"
MESH_VARIANT_KEY = "meshvariant:"


@functools.lru_cache(maxsize=1)
def _species_cues() -> tuple[re.Pattern[str], dict[str, str]]:
    """One whole-word pattern of every cue (run on lower-cased text: one pass, no ``re.IGNORECASE``)
    and the species of each cue."""
    species_of = {cue.lower(): species for species, cues in read_tsv(LEXICON_DIR / "species_cues.tsv", columns=2,
                                                                      header=True) for cue in cues.split("|")}
    words = "|".join(sorted(map(re.escape, species_of), key=len, reverse=True))
    return re.compile(with_first_character_lookahead(rf"\b(?:{words})\b")), species_of


def document_species(text: str) -> str:
    """The species of a document's genes: the non-human species with the most cue words, when they
    outnumber the human cues ("rats", "mice" against "patients"); else human (``species_cues.tsv``)."""
    pattern, species_of = _species_cues()
    counts = Counter(species_of[cue] for cue in pattern.findall(text.lower()) if cue in species_of)
    human = counts.pop(HUMAN, 0)
    best = max(sorted(counts), key=lambda s: counts[s], default=None)
    return best if best is not None and counts[best] > human else HUMAN


@functools.lru_cache(maxsize=1)
def concept_neutral_words() -> frozenset[str]:
    """The severity and course words of ``standard_id_modifiers.txt`` ("severe", "chronic"): they name no
    other concept than the name after them."""
    return frozenset(w.lower() for w in read_word_list(LEXICON_DIR / "standard_id_modifiers.txt"))


def _without_modifiers(text: str) -> str:
    """``text`` without its leading words of ``standard_id_modifiers.txt`` ("severe chronic X" -> "X")."""
    words = text.split()
    while len(words) > 1 and words[0].lower() in concept_neutral_words():
        words = words[1:]
    return " ".join(words)


def _learned_key(label: str, species: str, key: str) -> str:
    return "learned:" + key if species == HUMAN or label not in SPECIES_LABELS else f"learned@{species}:{key}"


def standard_ids(label: str, ids: Iterable[str]) -> tuple[str, ...]:
    """The ids of ``ids`` in the namespace of ``label``, in order."""
    prefix = NAMESPACE.get(label)
    return tuple(i for i in ids if prefix and i.startswith(prefix))


def primary_id(label: str, norm_id: str | None, xrefs: tuple[str, ...]) -> str | None:
    """The mention's standard id: the first in ``xrefs`` (where the lookup puts the best), else ``norm_id``."""
    prefix = NAMESPACE.get(label)
    if prefix is None:
        return None
    # A loop, not standard_ids(): this runs for every mention of every text (docs/scaling.md).
    for ref in xrefs:
        if ref.startswith(prefix):
            return ref
    return norm_id if norm_id and norm_id.startswith(prefix) else None


def share_document_ids(mentions: list, text: str) -> list:
    """``mentions`` (:class:`~pipeline.ner.mentions.CharMention`) where a drug or disease without a standard
    id takes the one the document's other mentions of its entity (same norm id) or of its name carry.

    "ITD" and its long form are one entity; a name the lookup missed once ("Rg1" inside a longer
    mention) is the same concept where the document writes it again. An entity or name whose mentions
    carry two ids shares neither. The document's set of ids is unchanged: only its mentions gain them.
    """
    found = [primary_id(m.label, m.norm_id, m.xrefs) if m.label in KEY_LABELS else None for m in mentions]
    if all(f or m.label not in KEY_LABELS for m, f in zip(mentions, found)):
        return mentions  # every drug and disease has its id (this runs for every text)
    # Each drug or disease mention's two keys, its entity's and its name's, listed once.
    keys = [((m.label, "norm:" + m.norm_id), (m.label, "text:" + squash(text[m.start:m.end])))
            if m.label in KEY_LABELS else () for m in mentions]
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for own, f in zip(keys, found):
        for key in own if f else ():
            seen[key].add(f)
    result = []
    for m, own, f in zip(mentions, keys, found):
        for key in own if not f else ():
            ids = seen.get(key, ())
            if len(ids) == 1:
                m = m._replace(xrefs=tuple(ids) + m.xrefs)
                break
        result.append(m)
    return result


def write_standard_ids(cache_dir: Path, rows: Iterable[tuple[Entry, list[str], str]], evidence=None,
                       class_ids: dict[str, str] | None = None,
                       mesh_names: dict[tuple[str, str], str] | None = None) -> int:
    """Write the id and name keys of ``rows`` (and of the train annotations in ``evidence``); return the count.

    A name key that two entries claim with different ids is left out (it would pick one at random).
    ``class_ids`` (agent class id -> the standard id train gave its names,
    :func:`~pipeline.ner.agent_classes.class_ids_from_train`) become ``id:class:...`` keys.
    ``mesh_names`` ((label, ``mesh:`` or ``meshvariant:`` key) -> MeSH id,
    :func:`pipeline.evaluation.mesh_names.read_mesh_names`) are written as they are, and give an entry
    without an id the one its names agree on.
    """
    mesh_names = mesh_names or {}
    from ..io import atomic_writer

    table: dict[tuple[str, str], tuple[str, ...]] = {}
    clashes: set[tuple[str, str]] = set()

    def put(label: str, key: str, ids: tuple[str, ...]) -> None:
        if not ids or (label, key) in clashes:
            return
        known = table.get((label, key))
        if known is not None and known[0] != ids[0]:
            clashes.add((label, key))
            del table[(label, key)]
        elif known is None:
            table[(label, key)] = ids

    rows = list(rows)
    # The compiled gene tables are human: their ids tell a human gene id from another species' one.
    human = {i for entry, _aliases, _case in rows if entry.label in SPECIES_LABELS and entry.source != "train"
             for i in standard_ids(entry.label, (entry.norm_id,) + entry.xrefs)}

    def fits(label: str, species: str, key: str, found: str) -> bool:
        """A learned id is kept for a name train gave one id (not a family) and, for a gene, when it is
        of the species learned for: one mislabelled document made "ERK" of human documents a mouse gene."""
        if evidence is not None and label in SINGLE_ID_LABELS and not evidence.single_id_name(label, key):
            return False
        return label not in SPECIES_LABELS or not human or (found in human) == (species == HUMAN)

    for entry, aliases, _case in rows:
        ids = standard_ids(entry.label, (entry.norm_id,) + entry.xrefs)
        if entry.source == "train" and ids and not fits(entry.label, HUMAN, squash(entry.norm_name), ids[0]):
            continue
        if not ids and evidence is not None and entry.label not in SPECIES_LABELS:
            # An entry without a standard id ("erlotinib": DrugBank only) takes the id the train
            # annotations gave one of its names, when they agree on one.
            ids = _learned_for_names(evidence, entry.label, {entry.norm_name, *aliases})
        if not ids and entry.label in KEY_LABELS:
            ids = _mesh_for_names(mesh_names, entry.label, {entry.norm_name, *aliases})
        if not ids:
            continue
        put(entry.label, "id:" + entry.norm_id, ids)
        if entry.drugbank_id:  # the drug dictionary's entries are keyed by DrugBank id
            put(entry.label, "id:" + entry.drugbank_id, ids)
        for name in {entry.norm_name, *aliases}:
            put(entry.label, "name:" + squash(name), ids)
    if evidence is not None:
        # What the annotators chose for a name comes first at lookup: the drug dictionary's MeSH
        # headings are often a class ("Benzodiazepines" for olanzapine).
        # A target's id is learned per document species: a mouse "Il6" is NCBIGene:16193, not 3569.
        learned = [((label, HUMAN, key), counter) for (label, key), counter in evidence.ids.items()
                   if label not in SPECIES_LABELS]
        learned += [(k, counter) for k, counter in evidence.species_ids.items() if k[0] in SPECIES_LABELS]
        for (label, species, key), counter in learned:
            best = counter.most_common(1)[0][0]
            if standard_ids(label, (best,)) and fits(label, species, key, best):
                table[(label, _learned_key(label, species, key))] = (best,)
        table.update(_variant_keys(evidence, table))
    for key, found in mesh_names.items():
        table[key] = (found,)
    for class_id, found in (class_ids or {}).items():
        if standard_ids("DRUG", (found,)):
            table.setdefault(("DRUG", "id:" + class_id), (found,))
    path = cache_dir / STANDARD_IDS_FILE
    with atomic_writer(path) as handle:
        handle.write("label\tkey\tids\n")
        for (label, key), ids in sorted(table.items()):
            handle.write(f"{label}\t{key}\t{'|'.join(ids)}\n")
    return len(table)


def _variant_keys(evidence, table: dict[tuple[str, str], tuple[str, ...]]) -> dict[tuple[str, str], tuple[str, ...]]:
    """``variant:<concept key>`` -> the learned id of the train names with that key, where they agree on one.

    A key two learned names give different ids ("psychosis" D011618, "psychoses" D011605) names neither.
    """
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (label, key), spellings in evidence.spellings.items():
        learned = table.get((label, "learned:" + key)) if label in KEY_LABELS else None
        for spelling in spellings if learned else ():
            if variant := concept_key(spelling, label):
                found[(label, "variant:" + variant)].add(learned[0])
    return {k: (next(iter(ids)),) for k, ids in found.items() if len(ids) == 1}


def _learned_for_names(evidence, label: str, names: Iterable[str]) -> tuple[str, ...]:
    """The one standard id the train annotations gave most often to each of ``names`` (none if they differ)."""
    found = {evidence.ids[(label, squash(n))].most_common(1)[0][0]
             for n in names if evidence.ids.get((label, squash(n)))}
    found = {i for i in found if standard_ids(label, (i,))}
    return tuple(found) if len(found) == 1 else ()


def _mesh_for_names(mesh_names: dict[tuple[str, str], str], label: str, names: Iterable[str]) -> tuple[str, ...]:
    """The one MeSH id the MeSH names among ``names`` give, each name exactly or else by its concept key
    (none if they give two)."""
    found = {i for n in names if (i := mesh_names.get((label, MESH_KEY + squash(n)))
                                  or mesh_names.get((label, MESH_VARIANT_KEY + concept_key(n, label))))}
    return tuple(found) if len(found) == 1 else ()


class StandardIds:
    """Looks up the standard ids of a mention by its norm id, then its canonical name, then its text."""

    def __init__(self, table: dict[tuple[str, str], tuple[str, ...]]) -> None:
        self.table = table
        self._memo: dict[tuple[str, str, str, str, tuple[str, ...], str], tuple[str, ...]] = {}

    @classmethod
    def load(cls, cache_dir: Path | None) -> "StandardIds":
        table: dict[tuple[str, str], tuple[str, ...]] = {}
        path = cache_dir / STANDARD_IDS_FILE if cache_dir else None
        if path is not None and path.exists():
            with path.open(encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                next(reader, None)
                for row in reader:
                    if len(row) == 3:
                        table[(row[0], row[1])] = tuple(row[2].split("|"))
        logger.info("standard ids: %d keys from %s", len(table), path)
        return cls(table)

    def xrefs(self, label: str, norm_id: str, norm_name: str, text: str, xrefs: tuple[str, ...],
              species: str = HUMAN, defined: bool = False) -> tuple[str, ...]:
        """``xrefs`` with the standard ids found for the mention first.

        The id the train annotations gave the mention's text (or canonical name) in documents of
        ``species`` comes first; then the mention's own standard ids; failing those, the ids of its norm
        id or names in the compiled tables, which are human: a non-human species' target gets none of them.
        A ``defined`` mention (a short form the document defined) with a standard id of its own keeps it:
        "PD" defined as "panic disorder" is not the Parkinson's disease train learned for "PD" (drugs and
        diseases: a gene's id depends on the species, which its long form's human id does not know).
        """
        if not self.table:
            return xrefs
        if defined and label in KEY_LABELS and standard_ids(label, (norm_id,) + xrefs):
            return xrefs
        memo_key = (label, norm_id, norm_name, text, xrefs, species)
        found = self._memo.get(memo_key)
        if found is None:
            if len(self._memo) >= MAX_REMEMBERED:  # memory stays bounded
                self._memo.clear()
            found = self._memo[memo_key] = self._lookup(label, norm_id, norm_name, text, xrefs, species)
        return found

    def with_ids(self, mentions: list, text: str, species: str = HUMAN) -> list:
        """``mentions`` (:class:`~pipeline.ner.mentions.CharMention` of ``text``), each with :meth:`xrefs` as its
        xrefs (the same mention where they are unchanged).

        One loop over a text's mentions, reading the memo first: most mentions recur, and a call of
        :meth:`xrefs` per mention cost more than its look-up (docs/scaling.md, "Thirteenth round").
        """
        memo_get, result = self._memo.get, []
        for mention in mentions:
            start, end, label, norm_id, norm_name, source, xrefs = mention
            written, defined = text[start:end], source == "abbreviation"
            # a defined mention may keep its own id before the memo is read (:meth:`xrefs`)
            found = None if defined else memo_get((label, norm_id, norm_name, written, xrefs, species))
            if found is None:
                found = self.xrefs(label, norm_id, norm_name, written, xrefs, species, defined)
            result.append(mention if found == xrefs else
                          new_char_mention((start, end, label, norm_id, norm_name, source, found)))
        return result

    def _lookup(self, label: str, norm_id: str, norm_name: str, text: str, xrefs: tuple[str, ...],
                species: str) -> tuple[str, ...]:
        written, named = squash(text), squash(norm_name)
        for name in (written, named):
            found = self.table.get((label, _learned_key(label, species, name)))
            if found:
                return tuple(dict.fromkeys(found + xrefs))
        if species != HUMAN and label in SPECIES_LABELS:
            # The compiled gene tables are human: their id for a gene of a mouse or rat document names the
            # wrong gene (BioRED dev: most such ids were wrong), so it is left out.
            return tuple(x for x in xrefs if not standard_ids(label, (x,)))
        # The MeSH heading the mention's text is a name of outranks the id its entry carries: that id comes
        # from another vocabulary's mapping (CRAFT's MONDO "male infertility" -> Infertility, the drug
        # dictionary's "platinum" -> Platinum Compounds). Where the two disagreed (BioRED dev and train fold 0,
        # BC5CDR dev) MeSH's was the gold id for 15 mentions, the entry's for none (neither for 4).
        heading = self.table.get((label, MESH_KEY + written)) if label in KEY_LABELS else None
        own = primary_id(label, norm_id, xrefs)
        if own:
            return tuple(dict.fromkeys(heading + xrefs)) if heading and heading[0] != own else xrefs
        # MeSH's other names come after the compiled tables' (whose ids the train annotations chose first).
        for key in ("id:" + norm_id, "name:" + named, "name:" + written, MESH_KEY + written, MESH_KEY + named):
            found = self.table.get((label, key))
            if found:
                return tuple(dict.fromkeys(found + xrefs))
        rest = _without_modifiers(text)
        if rest != text:
            rest_key = squash(rest)
            for key in (_learned_key(label, species, rest_key), "name:" + rest_key, MESH_KEY + rest_key):
                found = self.table.get((label, key))
                if found:
                    return tuple(dict.fromkeys(found + xrefs))
        # Last, the name written another way ("cancer of the breast" for the learned "breast cancer").
        # MeSH's names written another way come last of all.
        for kind in ("variant:", MESH_VARIANT_KEY) if label in KEY_LABELS else ():
            for name in dict.fromkeys((text, norm_name, rest)):
                found = self.table.get((label, kind + concept_key(name, label)))
                if found:
                    return tuple(dict.fromkeys(found + xrefs))
        return xrefs


@functools.lru_cache(maxsize=4)
def get_standard_ids(cache_dir: str | None) -> StandardIds:
    """The table of ``cache_dir`` (default cache when None), loaded once per process."""
    from .lexicon import DEFAULT_CACHE_DIR

    return StandardIds.load(Path(cache_dir) if cache_dir else DEFAULT_CACHE_DIR)
