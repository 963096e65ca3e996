"""GENIA's XML constituency trees (the treebank's train part) turned into UD v1-shaped dependency trees.

The allenai copy lacks GENIA train's dependency trees; the original XML treebank has its phrase
structure. Here head rules in the spirit of the Stanford converter's (content words head: the noun
of a prepositional phrase, the predicate of a copula, the main verb of an auxiliary chain, the first
conjunct of a coordination) give UD v1-shaped trees, which :mod:`.parser_genia` then re-shapes into
CRAFT's scheme like the other GENIA trees. The rules were checked on GENIA future_use, whose Stanford
conversion exists (``benchmarks/parser_genia_roundtrip.py`` prints the head agreement). Labels are
approximate (no traces are read: a relative pronoun is the clause's subject when it has none, else
its object). Empty elements (``null=``) are dropped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import InputError

# GENIA's XML tag names -> Penn treebank tags (as in McClosky's trees and the CoNLL-U files)
XML_TAGS = {"PERIOD": ".", "COMMA": ",", "COLON": ":", "LRB": "-LRB-", "RRB": "-RRB-", "PRPP": "PRP$",
            "WPP": "WP$", "LQT": "``", "RQT": "''"}
PUNCT_TAGS = frozenset({".", ",", ":", "-LRB-", "-RRB-", "``", "''", "HYPH", "#", "$"})
NOUN_TAGS = ("NN", "NNS", "NNP", "NNPS", "PRP", "FW", "CD", "SYM", "NX")
BE_FORMS = frozenset({"be", "is", "are", "was", "were", "been", "being", "am"})
CLAUSES = ("S", "SINV", "SQ", "SBARQ", "FRAG")


@dataclass
class Node:
    """A phrase (``label`` and ``children``) or a token (``index`` >= 0, ``label`` its tag)."""

    label: str
    children: list["Node"] = field(default_factory=list)
    index: int = -1
    word: str = ""
    role: str = ""
    coordination: bool = False

    @property
    def is_token(self) -> bool:
        return self.index >= 0


def read_genia_xml(path: Path) -> list[Node]:
    """The sentence trees of one GENIA treebank XML file, in order, tokens numbered from 0 per sentence."""
    with open(path, "rb") as handle:
        return read_genia_xml_handle(handle, str(path))


def read_genia_xml_handle(handle: IO[bytes], source: str) -> list[Node]:
    """:func:`read_genia_xml` on an open binary file; ``source`` names it in errors."""
    try:
        root = ElementTree.parse(handle).getroot()
    except ElementTree.ParseError as exc:
        raise InputError(source, f"not well-formed XML: {exc}") from None
    trees = []
    for sentence in root.iter("sentence"):
        counter = [0]
        children = [n for n in (_node(e, counter) for e in sentence) if n is not None]
        trees.append(children[0] if len(children) == 1 else Node("S", children))
    return trees


def _node(element: ElementTree.Element, counter: list[int]) -> Node | None:
    if element.tag == "tok":
        tag = element.get("cat", "")
        node = Node(XML_TAGS.get(tag, tag), index=counter[0], word="".join(element.itertext()).strip())
        counter[0] += 1
        return node
    if element.tag != "cons" or element.get("null"):
        return None
    children = [n for n in (_node(e, counter) for e in element) if n is not None]
    if not children:
        return None
    return Node(element.get("cat", "X").split("-")[0], children, role=element.get("role", "") or element.get("adv", ""),
                coordination=element.get("syn") == "COOD")


def tokens(tree: Node) -> list[Node]:
    """The tree's tokens left to right."""
    if tree.is_token:
        return [tree]
    return [t for child in tree.children for t in tokens(child)]


def ud1_dependencies(tree: Node) -> tuple[list[str], list[str], list[int], list[str]]:
    """(words, tags, 0-based heads with the root on itself, UD v1 labels) of a constituency tree."""
    leaves = tokens(tree)
    heads = list(range(len(leaves)))
    deps = ["root"] * len(leaves)
    _attach(tree, heads, deps)
    return [t.word for t in leaves], [t.label for t in leaves], heads, deps


def _attach(node: Node, heads: list[int], deps: list[str]) -> int:
    """Attach every non-head child of ``node`` (recursively) and return the head token's index."""
    if node.is_token:
        return node.index
    child_heads = [_attach(child, heads, deps) for child in node.children]
    head_position = _head_child(node)
    head = child_heads[head_position]
    for position, child in enumerate(node.children):
        if position == head_position:
            continue
        dependent = child_heads[position]
        heads[dependent] = head
        deps[dependent] = _label(node, position, head_position)
    _coordinate(node, child_heads, head_position, heads, deps)
    return head


def _conjuncts(node: Node) -> list[int]:
    """Positions of the conjuncts of a coordination (children that are neither punctuation nor CC/CONJP)."""
    if not (node.coordination or _flat_coordination(node)):
        return []
    conjuncts = [i for i, c in enumerate(node.children) if c.label not in ("CC", "CONJP") and c.label not in PUNCT_TAGS
                 and not (c.is_token and c.label in ("DT", "RB") and i == 0)]
    return conjuncts if len(conjuncts) >= 2 else []


def _flat_coordination(node: Node) -> bool:
    # "(NP (NN A) (CC and) (NN B))": the last token follows the conjunction directly, so the phrase is a coordination
    labels = [c.label for c in node.children]
    return len(labels) >= 3 and labels[-2] == "CC" and all(c.is_token for c in node.children)


def _head_child(node: Node) -> int:
    """The position of the head child: the first conjunct of a coordination; a PP's object (its
    preposition only when it has none); the main verb or, after "be", the predicate of a VP; a clause's
    VP; an NP's first NP when only modifiers follow it, else its last noun; by priority lists otherwise."""
    children = node.children
    labels = [c.label for c in children]
    conjuncts = _conjuncts(node)
    if conjuncts:
        return conjuncts[0]
    content = [i for i, c in enumerate(children) if c.label not in PUNCT_TAGS] or list(range(len(children)))
    if node.label == "PP" or node.label == "WHPP":
        objects = [i for i in content if i > 0 and not children[i].label.startswith(("IN", "TO", "RB", "ADVP", "VBG", "VBN", "JJ"))
                   and any(children[j].label in ("IN", "TO", "VBG", "VBN", "JJ", "RB") for j in content if j < i)]
        return objects[0] if objects else _first(labels, content, ("IN", "TO", "VBG", "VBN"))
    if node.label == "VP":
        return _verb_phrase_head(children, content)
    if node.label in CLAUSES or node.label in ("S1", "ROOT"):
        return _first(labels, content, ("VP", "S", "SINV", "SQ", "ADJP", "NP", "PP", "FRAG"))
    if node.label == "SBAR":
        return _first(labels, content, ("S", "SQ", "SINV", "SBAR", "FRAG", "VP", "NP"))
    if node.label in ("NP", "NX", "NML", "WHNP"):
        phrases = [i for i in content if labels[i] in ("NP", "NX", "NML")]
        token_positions = [i for i in content if children[i].is_token]
        if phrases and not any(labels[i].startswith(NOUN_TAGS) for i in token_positions if i > phrases[0]):
            return phrases[0]  # "(NP (NP X) (PP ...))": the first noun phrase, the rest modifies it
        nouns = [i for i in content if labels[i].startswith(NOUN_TAGS) or labels[i] in ("NP", "NML", "NX")]
        return nouns[-1] if nouns else _last(labels, content, ("JJ", "JJR", "JJS", "VBG", "VBN", "QP", "ADJP", "RB", "DT"))
    if node.label in ("ADJP", "WHADJP"):
        return _first(labels, content, ("JJ", "JJR", "JJS", "VBN", "VBG", "ADJP", "NN", "NNS", "CD", "QP"))
    if node.label in ("ADVP", "WHADVP"):
        return _last(labels, content, ("RB", "RBR", "RBS", "WRB", "ADVP", "JJ", "IN", "NP", "NN"))
    if node.label == "QP":
        return _last(labels, content, ("CD", "NN", "NNS"))
    return content[0]  # PRN, UCP, LST, CONJP, PRT, COMP and the rest: the first word that is not punctuation


def _verb_phrase_head(children: list[Node], content: list[int]) -> int:
    labels = [c.label for c in children]
    verbs = [i for i in content if labels[i].startswith(("VB", "MD", "TO"))]
    inner = [i for i in content if labels[i] == "VP" and verbs and i > verbs[0]]
    if verbs and inner:
        return inner[0]  # the first verb is an auxiliary (or infinitival "to") of the inner verb phrase
    if verbs and children[verbs[0]].word.lower() in BE_FORMS:
        predicates = [i for i in content if i > verbs[0] and (labels[i] in ("ADJP", "NP", "UCP") or children[i].role == "PRD")]
        if predicates:
            return predicates[0]
    return verbs[0] if verbs else content[0]


def _first(labels: list[str], content: list[int], wanted: tuple[str, ...]) -> int:
    """The leftmost child with the first label of ``wanted`` that any child has (head-rule priority)."""
    for label in wanted:
        found = next((i for i in content if labels[i].startswith(label)), None)
        if found is not None:
            return found
    return content[0]


def _last(labels: list[str], content: list[int], wanted: tuple[str, ...]) -> int:
    """The rightmost child with the first label of ``wanted`` that any child has."""
    for label in wanted:
        found = next((i for i in reversed(content) if labels[i].startswith(label)), None)
        if found is not None:
            return found
    return content[-1]


def _coordinate(node: Node, child_heads: list[int], head_position: int, heads: list[int], deps: list[str]) -> None:
    """In a coordination, the later conjuncts are ``conj`` and the conjunctions ``cc`` of the first."""
    conjuncts = _conjuncts(node)
    if not conjuncts:
        return
    for position in conjuncts[1:]:
        deps[child_heads[position]] = "conj"
    for position, child in enumerate(node.children):
        if child.label in ("CC", "CONJP"):
            deps[child_heads[position]] = "cc:preconj" if position < conjuncts[0] else "cc"
        elif position < conjuncts[0] and child.is_token and child.label in ("DT", "RB"):
            deps[child_heads[position]] = "cc:preconj"


def _label(node: Node, position: int, head_position: int) -> str:
    child = node.children[position]
    head = node.children[head_position]
    label, parent = child.label, node.label
    before = position < head_position
    if label in PUNCT_TAGS:
        return "punct"
    if child.is_token:
        return _token_label(child, node, head, before)
    if label == "PRN":
        return "appos" if child.children and child.children[-1].label in PUNCT_TAGS else "dep"
    if label in ("NP", "NML", "NX"):
        if parent in CLAUSES or (parent == "VP" and before):
            return "nsubjpass" if _passive(head) else "nsubj"
        if parent == "VP":
            return "nmod:tmod" if child.role == "TMP" else "dobj"
        if parent in ("NP", "NML", "NX"):
            if before:
                return "nmod:poss" if child.children and child.children[-1].label == "POS" else "compound"
            return "appos"
        if parent in ("PP", "WHPP"):
            return "nmod"
        return "nmod:npmod"
    if label in ("PP", "WHPP"):
        return "advcl" if _clausal_object(child) and parent in ("VP",) + CLAUSES else "acl" if _clausal_object(child) else "nmod"
    if label in ("ADJP", "WHADJP"):
        return "amod" if parent in ("NP", "NML", "NX") else "xcomp" if parent == "VP" else "advmod" if parent == "ADJP" else "dep"
    if label in ("ADVP", "WHADVP"):
        return "advmod"
    if label == "WHNP":
        clause = node.children[head_position]
        return "dobj" if any(c.role == "SBJ" or c.label == "NP" and i == 0 for i, c in enumerate(clause.children)) else "nsubj"
    if label == "SBAR":
        if parent in ("NP", "NML", "NX"):
            return "acl:relcl" if any(c.label.startswith("WH") for c in child.children) else "acl"
        first = child.children[0]
        if first.is_token and first.word.lower() in ("that", "whether", "if") or not first.is_token and not first.label.startswith("WH"):
            return "ccomp" if parent == "VP" and not before else "advcl"
        return "advcl"
    if label in CLAUSES:
        if parent == "VP":
            return "xcomp" if _infinitive(child) else "ccomp"
        if parent in ("NP", "NML", "NX"):
            return "acl"
        return "parataxis" if parent in CLAUSES and not before and head.label in CLAUSES else "advcl"
    if label == "VP":
        return "acl" if parent in ("NP", "NML", "NX") else "conj" if parent == "VP" else "dep"
    if label == "QP":
        return "nummod"
    if label == "CONJP":
        return "cc"
    if label == "PRT":
        return "compound:prt"
    return "dep"


def _token_label(child: Node, node: Node, head: Node, before: bool) -> str:
    tag, parent, word = child.label, node.label, child.word.lower()
    if tag in ("DT", "WDT") and parent in ("NP", "NML", "NX", "WHNP", "QP"):
        return "det"
    if tag == "PDT":
        return "det:predet"
    if tag in ("PRP$", "WP$"):
        return "nmod:poss"
    if tag == "POS":
        return "case"
    if tag == "CC":
        return "cc"
    if tag in ("IN", "TO") and parent in ("PP", "WHPP"):
        return "mark" if _clausal_object(node) else "case"
    if tag in ("IN", "WDT", "WP", "WRB", "DT") and parent == "SBAR":
        return "mark" if tag == "IN" else "nsubj"
    if tag == "TO":
        return "mark"
    if tag == "MD" or (tag.startswith("VB") and parent == "VP" and before):
        if word in BE_FORMS and head.label in ("ADJP", "NP", "UCP", "PP") or head.role == "PRD":
            return "cop"
        participle = not head.is_token and next((c for c in head.children if c.label.startswith("VB")), None)
        return "auxpass" if word in BE_FORMS and participle and participle.label == "VBN" else "aux"
    if tag == "EX":
        return "expl"
    if tag == "RP":
        return "compound:prt"
    if tag.startswith(("RB", "WRB")):
        return "neg" if word in ("not", "n't", "never") else "advmod"
    if tag == "CD":
        return "nummod"
    if tag.startswith(("JJ", "VBN", "VBG")) and parent in ("NP", "NML", "NX", "WHNP"):
        return "amod"
    if tag.startswith(NOUN_TAGS) and parent in ("NP", "NML", "NX", "WHNP", "ADJP") and before:
        return "compound"
    if tag in ("IN", "VBG", "VBN", "JJ") and parent in ("PP",):
        return "case"
    return "dep"


def _passive(head: Node) -> bool:
    """Whether a verb phrase is passive: its main verb is tagged VBN right after a form of "be"."""
    last_auxiliary = ""
    while not head.is_token and head.label == "VP":
        verbs = [c for c in head.children if c.label.startswith(("VB", "MD")) or c.label == "VP"]
        if not verbs:
            return False
        if verbs[-1].label == "VP" and verbs[0].is_token:
            last_auxiliary = verbs[0].word.lower()
        head = verbs[-1] if verbs[-1].label == "VP" else verbs[0]
    return head.is_token and head.label == "VBN" and last_auxiliary in BE_FORMS | {"get", "got", "gets"}


def _infinitive(clause: Node) -> bool:
    phrase = next((c for c in clause.children if c.label == "VP"), None)
    return phrase is not None and bool(phrase.children) and phrase.children[0].label == "TO"


def _clausal_object(phrase: Node) -> bool:
    return any(c.label in ("S", "SBAR", "VP") for c in phrase.children[1:])


def genia_xml_trees(tarball: Path, pmids: list[str]) -> dict[str, list[Node]]:
    """The trees of the abstracts ``pmids`` (leading zeros ignored) from the GENIA treebank tarball."""
    import tarfile

    if not tarball.is_file():
        raise InputError(str(tarball), "GENIA XML treebank tarball not found")
    wanted = {pmid.lstrip("0"): pmid for pmid in pmids}
    found: dict[str, list[Node]] = {}
    with tarfile.open(tarball, "r:gz") as archive:
        for member in archive:
            name = Path(member.name).name
            if member.isfile() and name.endswith(".xml") and name[:-4] in wanted:
                handle = archive.extractfile(member)
                found[wanted[name[:-4]]] = read_genia_xml_handle(handle, member.name)
    missing = [p for p in pmids if p not in found]
    if missing:
        raise InputError(str(tarball), f"{len(missing)} abstracts missing (first {missing[0]})")
    return found
