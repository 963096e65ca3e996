"""Agent classes named by their target: "IL-6 blockers", "anti-IL-6R mAb", "antibodies against VEGF".

Relations need the agent of "IL-6/IL-6R/gp130 blockers inhibit growth" as a DRUG mention; the lexicon
finds only the target inside it. The rules of ``agent_class_rules.tsv`` make such a phrase one DRUG
mention with the class id ``class:<target>_<kind>`` (``class:il6_blocker``); the classes named without a
target ("SERMs", "avimers") are a lexicon table (``agent_classes.tsv``). The targets inside a class
mention stay mentions too (nested in it): the review's relations name "IL-6" inside "anti-IL-6 mAb" as
the object, and replacing them lost 24 of its 293 reconciled findings.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..tables import read_tsv
from .lexicon import LEXICON_DIR, Entry, squash
from .matcher import Candidate
from .regex_prefix import fold_case, required_literals, with_first_character_lookahead

RULES_FILE = LEXICON_DIR / "agent_class_rules.tsv"
CLASS_PREFIX = "class:"  # the norm ids of agent classes
HEADS_FILE = LEXICON_DIR / "agent_class_heads.tsv"
_CHAIN_GAP = re.compile(r"\s*/\s*")  # "IL-6/IL-6R/gp130": one class over several targets
_LOOK = 80  # characters before a target searched by a "before" rule
# A subunit or fragment letter joined to the target's name ("MUC1-C", "MUC1-N subunit"): the lexicons end the
# target at the hyphen, yet the class names the subunit ("inhibitors of the MUC1-C subunit", "a MUC1-C inhibitor").
_SUBUNIT = re.compile(r"-[CN](?![\w-])(?:\s+subunits?(?![\w-]))?")


@dataclass(frozen=True)
class ClassRule:
    kind: str
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    # lower-case strings one of which a text must hold for ``before`` to match in it
    # (regex_prefix.required_literals; empty: no test): "before" is searched from every position
    # of its window, and most texts hold none of a rule's words ("inhibitors", "recombinant")
    before_needs: tuple[str, ...] = ()

    def may_match_before(self, folded: str) -> bool:
        """False when the text (:func:`regex_prefix.fold_case` of it) lacks what ``before`` needs."""
        return not self.before_needs or any(map(folded.__contains__, self.before_needs))


def read_heads(path: Path = HEADS_FILE) -> dict[str, str]:
    """kind -> the alternation of its head words in ``path`` ("inhibitors|inhibitor|..."), longest first;
    a space in a head matches any white space."""
    heads: dict[str, list[str]] = defaultdict(list)
    for kind, word in read_tsv(path, columns=2, header=True):
        heads[kind].append(word)
    return {kind: "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
            for kind, words in heads.items()}


def _expand(pattern: str, kind: str, heads: dict[str, str], path: Path) -> str:
    if "{heads}" not in pattern:
        return pattern
    if kind not in heads:
        raise ValueError(f"{path}: rule {kind!r}: no head words of that kind in {HEADS_FILE.name}")
    return pattern.replace("{heads}", heads[kind])


def read_rules(path: Path = RULES_FILE, heads_path: Path = HEADS_FILE) -> tuple[ClassRule, ...]:
    """The rules of ``path`` (kind, before regex, after regex), compiled case-insensitively, with
    ``{heads}`` replaced by the kind's head words (:func:`read_heads`)."""
    heads = read_heads(heads_path)
    rules = []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t",
                          quoting=csv.QUOTE_NONE)
        next(rows, None)
        for row in rows:
            if not row or not row[0]:
                continue
            row = row + [""] * (3 - len(row))
            row = [row[0]] + [_expand(cell, row[0], heads, path) for cell in row[1:3]]
            try:
                before = re.compile(row[1], re.IGNORECASE) if row[1] else None
                after = re.compile(row[2], re.IGNORECASE) if row[2] else None
            except re.error as exc:
                raise ValueError(f"{path}: rule {row[0]!r}: bad regular expression ({exc})") from exc
            rules.append(ClassRule(row[0], before, after, required_literals(before) if before else ()))
    return tuple(rules)


def _is_class(c: Candidate) -> bool:
    return c.entry.label == "DRUG" and c.entry.norm_id.startswith(CLASS_PREFIX)


def _chains(kept: list[Candidate], text: str) -> list[list[Candidate]]:
    """Runs of TARGET candidates joined only by "/" (a run of one is a single target); a run may end in
    a class of the lexicon ("IL-6/IL-6R/gp130 blockers": IL-6, IL-6R and the class "gp130 blockers")."""
    chains: list[list[Candidate]] = []
    classes = [(c.start, c.end) for c in kept if _is_class(c)]
    for c in kept:
        if c.entry.label != "TARGET" and not _is_class(c):
            continue
        if c.entry.label == "TARGET" and any(start <= c.start and c.end <= end for start, end in classes):
            continue  # nested in a class mention ("gp130" in "gp130 blockers"): the class is the link
        joined = chains and not _is_class(chains[-1][-1]) and _CHAIN_GAP.fullmatch(text[chains[-1][-1].end:c.start])
        if joined:
            chains[-1].append(c)
        elif c.entry.label == "TARGET":
            chains.append([c])
    return chains


# A gene symbol the lexicons leave out (a family's shared symbol, "NOS"; an ambiguous one) right before a head
# word of the blocker kind: three to six capitals and digits, a capital first ("NOS inhibitors", "PARP1
# inhibitor"). Not before agonists: BioRED dev's "RAR agonists" (plural: scored as the class) lost its target.
_SYMBOL = r"(?<![\w-])([A-Z][A-Z0-9]{2,5})(?=[\s-]+(?:%s)(?![A-Za-z]))"


@functools.lru_cache(maxsize=4)
def _symbol_before_head(heads_path: Path = HEADS_FILE) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The pattern (re jumps from capital to capital), and the head words (as written: it minds case) a text
    must hold for it to match."""
    pattern = re.compile(with_first_character_lookahead(_SYMBOL % read_heads(heads_path)["blocker"]))
    return pattern, required_literals(pattern)


def symbol_targets(kept: list[Candidate], text: str) -> list[Candidate]:
    """``kept`` plus a TARGET candidate for each unrecognised symbol right before a class head word: the
    lexicons drop symbols several genes share, but "NOS inhibitors" names its target by one, and the class
    rules need it to make the phrase a class."""
    pattern, needed = _symbol_before_head()
    if needed and not any(s in text for s in needed):
        return kept  # no head word: the pattern would be tried at every position for nothing
    added = []
    for found in pattern.finditer(text):
        start, end = found.span(1)
        if any(c.start < end and start < c.end for c in kept):
            continue
        symbol = found.group(1)
        entry = Entry("target:" + squash(symbol), symbol, "TARGET", "pattern")
        added.append(Candidate(start, end, entry, source="pattern"))
    return sorted(kept + added, key=lambda c: (c.start, c.end)) if added else kept


def apply_class_rules(kept: list[Candidate], text: str, rules: tuple[ClassRule, ...]) -> list[Candidate]:
    """Replace each target phrase a rule matches ("IL-6 blockers") by one DRUG class candidate."""
    if not any(c.entry.label == "TARGET" for c in kept):
        return kept
    replaced: set[int] = set()
    added = []
    possible = None
    for chain in _chains(kept, text):
        start, end = chain[0].start, chain[-1].end
        subunit = _SUBUNIT.match(text, end) if not _is_class(chain[-1]) else None
        if subunit is not None:
            end = subunit.end()
        if _is_class(chain[-1]):
            if len(chain) > 1:  # the targets before a listed class join it: one class mention
                targets = "_".join(squash(c.entry.norm_name) for c in chain[:-1])
                entry = Entry("class:" + targets + "_" + chain[-1].entry.norm_id.split(":", 1)[1],
                              text[start:end], "DRUG", "rule")
                added.append(Candidate(start, end, entry, source="rule"))
                replaced.add(id(chain[-1]))
            continue
        if possible is None:  # the rules whose "before" words the text holds, once per text
            folded = fold_case(text)
            possible = [rule for rule in rules if rule.may_match_before(folded)]
        following = text[end:end + _LOOK]
        for rule in possible:
            new_start, new_end = start, end
            # The anchored "after" first: the "before" pattern is searched from every position of its window.
            if rule.after is not None:
                found = rule.after.match(following)
                if found is None:
                    continue
                new_end = end + found.end()
            if rule.before is not None:
                found = rule.before.search(text, max(0, start - _LOOK), start)
                if found is None or found.end() != start:
                    continue
                new_start = found.start()
            if any(c.start < new_end and new_start < c.end and c.entry.label != "TARGET"
                   and not (start <= c.start and c.end <= end) for c in kept):
                continue  # the phrase runs into another mention (a chemical inside the target's name does not)
            targets = "_".join(squash(c.entry.norm_name) or squash(text[c.start:c.end]) for c in chain)
            name = text[new_start:new_end]
            entry = Entry(f"class:{targets}_{rule.kind}", name, "DRUG", "rule")
            added.append(Candidate(new_start, new_end, entry, source="rule"))
            replaced.update(id(c) for c in chain if _is_class(c))
            break
    if not added:
        return kept
    return sorted([c for c in kept if id(c) not in replaced] + added, key=lambda c: (c.start, c.end))


def nested_targets(kept: list[Candidate], candidates: list[Candidate]) -> list[Candidate]:
    """``kept`` plus the TARGET candidates inside its lexicon class mentions ("IL-6" in "anti-IL-6 mAb")."""
    spans = [(c.start, c.end) for c in kept if _is_class(c)]
    if not spans:
        return kept
    from .matcher import resolve

    inside = resolve(c for c in candidates if c.entry.label == "TARGET"
                     and any(start <= c.start and c.end <= end for start, end in spans))
    taken = {(c.start, c.end) for c in kept}
    extra = [c for c in inside if (c.start, c.end) not in taken]
    return sorted(kept + extra, key=lambda c: (c.start, c.end)) if extra else kept
