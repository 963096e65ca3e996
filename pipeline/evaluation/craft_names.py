"""Disease names from CRAFT's MONDO annotations, as more learned names ("male infertility", "cardiac failure").

CRAFT v5.0.2 (``benchmarks/CRAFT``, annotations CC BY 3.0: credit the CRAFT corpus, Bada et al., BMC
Bioinformatics 13:161, 2012; see its PROVENANCE.md) annotates the diseases of 97 full-text mouse-genomics
articles with MONDO classes (the set without genotype annotations). Only its train and dev articles are read.
A covered text is kept when CRAFT annotates it in at least ``MIN_CRAFT_SHARE`` of its occurrences in those
articles, is ``MIN_LENGTH`` characters or more and not in capitals (an abbreviation is defined per article),
and the BioRED/BC5CDR train texts do not use it mostly unannotated or annotate it with another label:
their annotators' convention wins ("disease" alone, "Parkinson" without "disease" are not mentions there).
The id is the MONDO class, outside the MeSH namespace the corpora's concept scores count.
"""

from __future__ import annotations

import csv
import gzip
from collections import Counter, defaultdict
from pathlib import Path

from ..ner.lexicon import LEXICON_DIR, Entry, squash
from ..tables import read_word_list
from .train_evidence import TrainEvidence, count_occurrences

CRAFT_TABLE = "craft_v5.0.2_concepts.tsv.gz"
CRAFT_SPLITS = ("train", "dev")
MIN_CRAFT_SHARE = 0.5
MIN_LENGTH = 4
MIN_TRAIN_SHARE = 0.3  # as the train names' own MIN_TRAIN_PRECISION


def craft_disease_rows(craft_dir: Path, evidence: TrainEvidence, learned: list[tuple[Entry, list[str], str]]
                       ) -> list[tuple[Entry, list[str], str]]:
    """CRAFT's MONDO disease names that the ``learned`` rows lack, as lexicon rows; none without CRAFT.

    A name ending in a learned disease name takes that name's id, as a learned modifier before it
    would ("male infertility": "infertility"'s MeSH id), with the MONDO class as a cross-reference; a
    generic head of ``disease_heads.txt`` ("disease", "syndrome") names no one disease and gives no id.
    """
    if not (craft_dir / CRAFT_TABLE).exists():
        return []
    taken = {form for _entry, forms, _case in learned for form in forms}
    generic = {squash(w) for w in read_word_list(LEXICON_DIR / "disease_heads.txt")}  # "disease": no one disease
    heads = {squash(form): entry for entry, forms, _case in learned if entry.label == "DISEASE" for form in forms
             if squash(form) not in generic and squash(form).rstrip("s") not in generic}
    articles = {pmid for split in CRAFT_SPLITS
                for pmid in (craft_dir / "articles" / "ids" / f"craft-ids-{split}.txt").read_text().split()}
    annotated: Counter[str] = Counter()
    ids: dict[str, Counter[str]] = defaultdict(Counter)
    with gzip.open(craft_dir / CRAFT_TABLE, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            name = row["covered_text"]
            if row["ontology"] == "MONDO" and row["pmid"] in articles and " ... " not in name:
                annotated[name] += 1
                ids[name][row["concept_id"]] += 1
    texts = [gzip.open(craft_dir / "articles" / "txt" / f"{pmid}.txt.gz", "rt", encoding="utf-8").read()
             for pmid in sorted(articles)]
    seen = count_occurrences(set(annotated), texts)
    # A capitalised single word is a surname ("Reye", "Parkinson") or a lower-case name's sentence start.
    names = {n for n, k in annotated.items() if k >= MIN_CRAFT_SHARE * max(seen[n], k) and len(n) >= MIN_LENGTH
             and not n.isupper() and n not in taken and not (" " not in n and n[:1].isupper())}
    train_texts = [text for corpus_texts in evidence.texts.values() for text in corpus_texts]  # lower-cased
    in_train = count_occurrences({n.lower() for n in names}, train_texts)
    rows = []
    for name in sorted(names):
        key, used = squash(name), in_train[name.lower()]
        by_label = {label: counter[key] for label, counter in evidence.annotated.items() if counter[key]}
        if by_label and max(by_label, key=by_label.get) != "DISEASE":
            continue
        if used and by_label.get("DISEASE", 0) < MIN_TRAIN_SHARE * used:
            continue
        concept = ids[name].most_common(1)[0][0]
        words = name.split()
        head = next((heads[squash(" ".join(words[i:]))] for i in range(1, len(words))
                     if squash(" ".join(words[i:])) in heads), None)
        entry = (Entry(norm_id=head.norm_id, norm_name=name, label="DISEASE", source="craft", xrefs=(concept,))
                 if head else Entry(norm_id=concept, norm_name=name, label="DISEASE", source="craft"))
        forms = [name] + ([name[:1].upper() + name[1:]] if name[:1].islower() else [])
        rows.append((entry, forms, "cs"))
    return rows
