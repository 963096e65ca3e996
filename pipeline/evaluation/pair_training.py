"""Training the learned pair reader (``pipeline/relations/pairs.py``) from public corpora.

Examples are the runtime's own candidates (an acting agent and a TARGET/DISEASE mention in one
sentence, from the pipeline's NER on the corpus text), labelled by projecting the corpus's
document-level relations onto them: a candidate whose agent overlaps a gold chemical and whose
object overlaps a gold gene/disease of a related pair takes that pair's polarity
(Positive_Correlation -> increases, Negative_Correlation -> decreases, Bind -> binds; any other type
and unrelated pairs -> none). Sources: BioRED train (chemical–gene/disease) and BC5CDR train
(chemical-induced disease -> increases), without the PMIDs of BioRED's dev and test splits.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..io import read_jsonl, write_text
from ..records import Document, Mention
from ..relations.lexicon import tokenize
from ..relations.pairs import NONE, PairModel, candidates, pair_features, path_features
from ..relations.units import Unit, iter_units
from ..stages import stage_path
from .biored_relations import CHEMICAL, OBJECT_TYPES, BioredSplit, GoldMention, load_biored
from .biored_run import run_pipeline
from .parse_cache import cached_parses

logger = logging.getLogger(__name__)

LABEL_OF_TYPE = {"Positive_Correlation": "increases", "Negative_Correlation": "decreases", "Bind": "binds"}


@dataclass(frozen=True)
class Example:
    pmid: str
    features: dict[str, float]
    label: str
    weight: float = 1.0  # its weight in the fit (in-domain examples may count more: ``indomain.py``)


def _overlapping(gold: Iterable[GoldMention], mention: Mention, types: frozenset[str]) -> list[GoldMention]:
    return [g for g in gold if g.type in types and g.start < mention.end and mention.start < g.end]


def _label(split: BioredSplit, pmid: str, agent: Mention, obj: Mention) -> str:
    gold = split.mentions.get(pmid, ())
    kinds = {split.pairs.get((pmid, c, o))
             for a in _overlapping(gold, agent, frozenset({CHEMICAL}))
             for b in _overlapping(gold, obj, OBJECT_TYPES) for c in a.ids for o in b.ids} - {None}
    for kind in ("Positive_Correlation", "Negative_Correlation", "Bind"):
        if kind in kinds:
            return LABEL_OF_TYPE[kind]
    return NONE


def run_examples(run: Path, split: BioredSplit, *, exclude: frozenset[str] = frozenset(),
                 paths: str | None = None, context: bool = False) -> Iterator[Example]:
    """Labelled candidates of every document of a pipeline run (``run``) on ``split``'s text;
    ``paths`` is the dependency-path encoding (:func:`pairs.path_features`; the units holding a
    candidate are parsed together, through the evaluation parse cache), ``context`` adds
    :func:`pairs.context_features`."""
    by_doc: dict[str, list[Mention]] = {}
    for mention in read_jsonl(stage_path(run, "mentions"), Mention):
        by_doc.setdefault(mention.doc_id, []).append(mention)
    units = []
    for document in read_jsonl(stage_path(run, "documents"), Document):
        pmid = document.pmid or ""
        if pmid not in split.texts or pmid in exclude or split.texts[pmid] != document.text:
            continue  # the review, a held-out PMID, or a text the run changed (offsets would not match)
        for unit in iter_units(document, by_doc.get(document.doc_id, [])):
            pairs = list(candidates(unit))
            if pairs:
                units.append((pmid, unit, pairs))
    yield from unit_examples(units, lambda pmid, agent, obj: _label(split, pmid, agent, obj),
                             paths=paths, context=context)


def unit_examples(units: list[tuple[str, Unit, list[tuple[Mention, Mention]]]],
                  label: Callable[[str, Mention, Mention], str | None], *, paths: str | None = None,
                  context: bool = False) -> Iterator[Example]:
    """The examples of ``units`` (key, unit, its candidates): each candidate's features and ``label``
    (None leaves the candidate out); the units are parsed together through the evaluation parse cache."""
    parses = cached_parses(unit.text for _, unit, _ in units) if paths else {}
    for key, unit, pairs in units:
        tokens = tokenize(unit.text, unit.start)
        features = path_features(unit, pairs, paths, parses[unit.text]) if paths else [None] * len(pairs)
        for (agent, obj), path in zip(pairs, features):
            tag = label(key, agent, obj)
            if tag is not None:
                yield Example(key, pair_features(tokens, agent, obj, path, context), tag)


def corpus_examples(pubtator: Path, work: Path, *, exclude: frozenset[str] = frozenset(),
                    paths: str | None = None, context: bool = False) -> list[Example]:
    """Run ingest, NER and relations on ``pubtator`` into ``work`` and return its labelled candidates."""
    seconds = run_pipeline(pubtator, work, "all")
    examples = list(run_examples(work, load_biored(pubtator), exclude=exclude, paths=paths, context=context))
    logger.info("%s: %d candidates in %.1fs", pubtator, len(examples), seconds)
    return examples


#: feature prefixes that show a word of some effect linking the pair: a trigger between them or on their
#: dependency path, or the word the agent is hyphen-joined to ("X-induced Y")
_EFFECT_CUES = ("trig=", "agent_suffix=", "pathtrig=", "rp:trig=")
_FAR = ("dist=6-9", "dist=10+")


def stated(example: Example) -> bool:
    """Whether a candidate's projected label can be a statement of its sentence: ``none``, a pair fewer
    than six words apart, or a pair linked by a word of some effect (``_EFFECT_CUES``).

    The labels are document-level relations projected onto every co-mention, so a related pair six
    or more words apart with no effect word in reach ("estrogen ... in numerous diseases, including
    cancer") teaches the model that a co-mention states the relation (``--stated-only`` leaves such
    examples out of training).
    """
    if example.label == NONE or not any(name in example.features for name in _FAR):
        return True
    return any(name.startswith(_EFFECT_CUES) for name in example.features)


def train_pair_model(examples: list[Example], *, c: float = 0.3, min_count: int = 2,
                     threshold: float = 0.0, seed: int = 13) -> PairModel:
    """Fit a multinomial logistic regression; keep features seen ``min_count`` times, as plain weights."""
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(name for e in examples for name in e.features)
    kept = [{k: v for k, v in e.features.items() if counts[k] >= min_count} for e in examples]
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(kept)
    labels = [e.label for e in examples]
    started = time.perf_counter()
    model = LogisticRegression(C=c, max_iter=2000, random_state=seed, class_weight=None)
    model.fit(matrix, labels, sample_weight=[e.weight for e in examples])
    logger.info("fitted %d examples x %d features in %.1fs", matrix.shape[0], matrix.shape[1],
                time.perf_counter() - started)
    classes = [str(k) for k in model.classes_]
    coef = model.coef_ if len(classes) > 2 else [-model.coef_[0], model.coef_[0]]
    bias = list(model.intercept_) if len(classes) > 2 else [-model.intercept_[0], model.intercept_[0]]
    weights = {}
    for name, column in vectorizer.vocabulary_.items():
        row = [float(coef[k][column]) for k in range(len(classes))]
        if max(abs(w) for w in row) >= 1e-3:
            weights[name] = row
    return PairModel(classes, [float(b) for b in bias], weights, threshold)


def candidate_scores(model: PairModel, examples: list[Example]) -> dict[str, float]:
    """Candidate-level micro P/R/F1 over the effect labels (projected labels: a noisy, relative figure)."""
    from .scoring import score_sets

    gold = [(k, e.label) for k, e in enumerate(examples) if e.label != NONE]
    predicted = [(k, label) for k, e in enumerate(examples)
                 if (label := model.predict(e.features)[0]) != NONE]
    micro = score_sets(gold, predicted, sorted({e.label for e in examples} - {NONE}))[-1]
    return {"precision": round(micro.precision, 3), "recall": round(micro.recall, 3), "f1": round(micro.f1, 3)}


#: ChemProt groups as BioRED polarity (CPR:9, substrate/product, states no direction: left as none)
CPR_POLARITY = {"CPR:3": "Positive_Correlation", "CPR:4": "Negative_Correlation",
                "CPR:5": "Positive_Correlation", "CPR:6": "Negative_Correlation"}


def chemprot_as_pubtator(chemprot: Path, out: Path) -> Path:
    """ChemProt train written as a PubTator file (chemicals, genes, CPR:3-6 as polarity) for :func:`corpus_examples`."""
    from .chemprot import _one_file, _rows, _split_dir

    folder = _split_dir(chemprot, "train")
    entities: dict[str, list[list[str]]] = {}
    for _, fields in _rows(_one_file(folder, "*_entities*.tsv"), 6):
        entities.setdefault(fields[0], []).append(fields)
    relations: dict[str, list[str]] = {}
    for _, fields in _rows(_one_file(folder, "*_gold_standard.tsv"), 4):
        if fields[1] in CPR_POLARITY:
            relations.setdefault(fields[0], []).append(
                f"{fields[0]}\t{CPR_POLARITY[fields[1]]}\t{fields[2].removeprefix('Arg1:')}\t"
                f"{fields[3].removeprefix('Arg2:')}")
    lines: list[str] = []
    for _, (pmid, title, abstract) in _rows(_one_file(folder, "*_abstracts*.tsv"), 3):
        lines += [f"{pmid}|t|{title}", f"{pmid}|a|{abstract}"]
        for _, ent_id, label, start, end, text in entities.get(pmid, []):
            kind = "Chemical" if label == "CHEMICAL" else "GeneOrGeneProduct"
            lines.append(f"{pmid}\t{start}\t{end}\t{text}\t{kind}\t{ent_id}")
        lines += relations.get(pmid, [])
        lines.append("")
    out.parent.mkdir(parents=True, exist_ok=True)
    write_text("\n".join(lines) + "\n", out)
    return out


def train_from_corpora(biored: Path, bc5cdr: Path | None, work: Path, *, c: float, threshold: float,
                       seed: int, paths: str | None = None, context: bool = False, stated_only: bool = False,
                       chemprot: Path | None = None) -> tuple[PairModel, dict[str, object]]:
    """Train on BioRED train (+ BC5CDR train without BioRED dev/test PMIDs, + ChemProt train; only the
    :func:`stated` examples with ``stated_only``); score candidates on BioRED dev."""
    held = frozenset(load_biored(biored / "Dev.PubTator").texts) | frozenset(load_biored(biored / "Test.PubTator").texts)
    examples = corpus_examples(biored / "Train.PubTator", work / "biored_train", paths=paths, context=context)
    sources = {"BioRED train": len(examples)}
    if bc5cdr is not None:
        cdr = corpus_examples(bc5cdr / "CDR_TrainingSet.PubTator.txt", work / "bc5cdr_train", exclude=held,
                              paths=paths, context=context)
        examples += cdr
        sources["BC5CDR train (without BioRED dev/test PMIDs)"] = len(cdr)
    if chemprot is not None:
        cpr = corpus_examples(chemprot_as_pubtator(chemprot, work / "chemprot_train.PubTator"),
                              work / "chemprot_train", exclude=held, paths=paths, context=context)
        examples += cpr
        sources["ChemProt train (CPR:3-6 as polarity)"] = len(cpr)
    if stated_only:
        examples = [e for e in examples if stated(e)]
    started = time.perf_counter()
    model = train_pair_model(examples, c=c, threshold=threshold, seed=seed)
    seconds = time.perf_counter() - started
    dev = corpus_examples(biored / "Dev.PubTator", work / "biored_dev", paths=paths, context=context)
    from collections import Counter

    card = {"sources": sources, "labels": dict(Counter(e.label for e in examples)), "c": c, "seed": seed,
            "threshold": threshold, "paths": paths or False, "context": context,
            "stated_only": stated_only, "features": len(model.weights),
            "fit_seconds": round(seconds, 1), "candidate_dev": candidate_scores(model, dev)}
    model.card = card
    return model, card
