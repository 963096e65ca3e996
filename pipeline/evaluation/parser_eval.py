"""``evidence evaluate parser``: UAS/LAS of the shipped parser on CRAFT or GENIA, and its speed.

Each gold sentence is parsed twice, as one sentence each time:

- on the treebank's own tokens (``uas``/``las``: the parser alone, the usual treebank figure);
- on the project tokenizer's tokens of the sentence text (``project_tokenizer``: CoNLL 2018-style
  F1, where a word counts only if its token matches a gold token one to one and so does its head's),
  which is also where ``sentences_per_cpu_s`` (tokenize + tag + parse) is measured.

Punctuation (gold label ``punct``; predicted ``punct`` on the precision side) is left out, as
spaCy's scorer does. GENIA is UD v1: predicted trees are first re-headed and relabelled by
:mod:`.parser_schemes`; the score before re-heading is reported too.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc
from spacy.training import Alignment

from ..context import DEFAULT_OUT_DIR
from ..io import write_json
from ..parser.model import DEFAULT_MODEL_DIR, load_parser, parse_sentences
from .parser_data import TreebankSentence, treebank_sentences
from .parser_schemes import to_ud1

PUNCT = "punct"


@dataclass
class DepCounts:
    """Counts behind UAS/LAS: scored gold words, scored predicted words, correct heads, correct heads+labels."""

    gold: int = 0
    predicted: int = 0
    unlabelled: int = 0
    labelled: int = 0

    def add(self, other: DepCounts) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.unlabelled += other.unlabelled
        self.labelled += other.labelled

    def recall(self, labelled: bool = False) -> float:
        """Correct / gold words (the accuracy when both sides have the same tokens); 0 when empty."""
        correct = self.labelled if labelled else self.unlabelled
        return correct / self.gold if self.gold else 0.0

    def f1(self, labelled: bool = False) -> float:
        """2 * correct / (gold + predicted); 0 when both are empty."""
        correct = self.labelled if labelled else self.unlabelled
        total = self.gold + self.predicted
        return 2 * correct / total if total else 0.0


def score_tree(gold: TreebankSentence, words: list[str], heads: list[int], deps: list[str]) -> DepCounts:
    """Compare one predicted tree (0-based heads, root pointing at itself) with its gold sentence.

    Predicted and gold words are aligned by their characters; only one-to-one aligned words can be
    correct, and a head is correct when it is aligned one to one with the gold head (or both are roots).
    """
    alignment = Alignment.from_strings(words, list(gold.words))
    to_gold: dict[int, int] = {}
    for i, gold_indices in enumerate(alignment.x2y):
        if len(gold_indices) == 1 and len(alignment.y2x[int(gold_indices[0])]) == 1:
            to_gold[i] = int(gold_indices[0])
    counts = DepCounts(gold=sum(dep != PUNCT for dep in gold.deps))
    for i, head in enumerate(heads):
        if deps[i] == PUNCT:
            continue
        counts.predicted += 1
        g = to_gold.get(i)
        if g is None or gold.deps[g] == PUNCT:
            continue
        gold_head = gold.heads[g]
        right = (head == i and gold_head == g) or (head != i and to_gold.get(head) == gold_head and gold_head != g)
        counts.unlabelled += right
        counts.labelled += right and deps[i] == gold.deps[g]
    return counts


def predicted_tree(doc: Doc, scheme: str) -> tuple[list[str], list[int], list[str]]:
    """Words, heads and labels of a parsed one-sentence Doc, in ``scheme`` (``clearnlp`` or ``ud_v1``)."""
    words = [t.text for t in doc]
    heads = [t.head.i for t in doc]
    deps = [t.dep_ for t in doc]
    if scheme == "ud_v1":
        heads, deps = to_ud1(words, [t.tag_ for t in doc], heads, deps)
    return words, heads, deps


def evaluate_parser(treebank: str, split: str, data_dir: Path, model_dir: Path | None = None) -> dict[str, object]:
    """Score the model on a treebank split; returns the JSON-ready result (see the module docstring)."""
    sentences = treebank_sentences(treebank, split, data_dir)
    nlp = load_parser(model_dir)
    schemes = ("clearnlp", "ud_v1") if treebank == "genia" else ("clearnlp",)
    scheme = schemes[-1]
    gold_docs = [Doc(nlp.vocab, words=list(s.words), spaces=list(s.spaces)) for s in sentences]
    on_gold = parse_sentences(gold_docs, model_dir=model_dir)
    texts = [s.text for s in sentences]
    parse_sentences(texts[:20], model_dir=model_dir)  # warm the tokenizer cache and the model
    started = time.process_time()
    on_project = parse_sentences(texts, model_dir=model_dir)
    cpu_seconds = time.process_time() - started
    by_scheme = {name: DepCounts() for name in schemes}
    project = DepCounts()
    tags_right = tags_total = exact = 0
    for gold, doc, project_doc in zip(sentences, on_gold, on_project):
        for name in schemes:
            by_scheme[name].add(score_tree(gold, *predicted_tree(doc, name)))
        project.add(score_tree(gold, *predicted_tree(project_doc, scheme)))
        tags_right += sum(t.tag_ == tag for t, tag in zip(doc, gold.tags))
        tags_total += len(doc)
        exact += [t.text for t in project_doc] == list(gold.words)
    main = by_scheme[scheme]
    result: dict[str, object] = {
        "treebank": treebank, "split": split, "model": str(model_dir or DEFAULT_MODEL_DIR),
        "scheme": scheme, "sentences": len(sentences), "scored_words": main.gold,
        "uas": round(main.recall(), 4), "las": round(main.recall(labelled=True), 4),
        "tag_accuracy": round(tags_right / tags_total, 4) if tags_total else 0.0,
        "project_tokenizer": {"uas_f1": round(project.f1(), 4), "las_f1": round(project.f1(labelled=True), 4),
                              "sentences_tokenized_as_gold": exact},
        "sentences_per_cpu_s": round(len(sentences) / cpu_seconds, 1) if cpu_seconds else None,
        "cpu_seconds": round(cpu_seconds, 2),
        "punctuation": "excluded (gold label punct)",
    }
    if treebank == "genia":
        result["before_reheading"] = {"uas": round(by_scheme["clearnlp"].recall(), 4),
                                      "las": round(by_scheme["clearnlp"].recall(labelled=True), 4)}
        result["note"] = ("GENIA is UD v1: predicted ClearNLP trees re-headed (prepositions, copulas, fixed expressions, flat noun phrases) and "
                          "relabelled by pipeline.evaluation.parser_schemes; its label mapping is approximate")
    return result


def run_evaluation(args: argparse.Namespace) -> int:
    """The ``evidence evaluate parser`` handler: print the scores and write them as JSON."""
    result = evaluate_parser(args.treebank, args.split, args.data, args.model_dir)
    out = args.out or DEFAULT_OUT_DIR / "eval" / f"parser_{args.treebank}_{args.split}.json"
    write_json(result, out)
    print(f"parser on {args.treebank} {args.split}: " + ", ".join(
        f"{key}={value}" for key, value in result.items() if key in
        ("sentences", "uas", "las", "tag_accuracy", "project_tokenizer", "sentences_per_cpu_s")))
    print(f"wrote {out}")
    return 0
