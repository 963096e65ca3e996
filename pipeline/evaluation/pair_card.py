"""The model card written beside the shipped pair model (``evidence train relations --pairs``)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..io import write_text

#: everything after this line of an existing card (figures measured with other commands) is kept on retraining
MEASURED_MARK = "<!-- measured: kept when the model is retrained -->"


def write_card(card: Mapping[str, object], path: Path, command: str) -> None:
    kept = ""
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if MEASURED_MARK in text:
            kept = text[text.index(MEASURED_MARK):]
    sources = "\n".join(f"- {name}: {count} candidates" for name, count in dict(card["sources"]).items())
    dev = dict(card["candidate_dev"])
    write_text(f"""# Pair reader (pairs.json)

A multinomial logistic regression (scikit-learn, exported as plain per-label weights; read by
`pipeline/relations/pairs.py` without scikit-learn) that labels an agent x TARGET/DISEASE pair of one
sentence with `increases`, `decreases`, `binds` or `none`. The relations stage uses it for the agents
its rules did not read in a sentence (`pipeline/relations/README.md`).

## Data and licences
{sources}

Labels: {card["labels"]}. Candidates come from the pipeline's own NER on the corpus text (default
profile, general lexicons if built); labels are the corpus's document-level relations projected onto
them (Positive_Correlation / chemical-induced disease -> increases, Negative_Correlation -> decreases,
Bind -> binds, other types and unrelated pairs -> none).
- BioRED (Luo et al. 2022, Briefings in Bioinformatics 23(5):bbac282): no explicit licence; NCBI
  disclaimer; abstracts under NLM terms (`../shared/data/benchmarks/BioRED/PROVENANCE.md`).
- BC5CDR (Li et al. 2016): NCBI public domain notice; abstracts under NLM terms. BioRED dev/test PMIDs
  are left out of it (BioRED shares abstracts with BC5CDR).
- Never trained on: BioRED dev/test, ChemProt, DrugProt, the review, the PubMed snapshot.

## How it was made
    {command}

seed {card["seed"]}, C {card["c"]}, threshold {card["threshold"]}, dependency paths: {card["paths"]},
agent context: {card.get("context", False)}, stated only: {card.get("stated_only", False)},
{card["features"]} features kept (seen at least twice, |weight| >= 0.001), fitted in {card["fit_seconds"]} s.

## Scores
Candidate level on BioRED dev (projected labels, micro over the effects): P {dev["precision"]},
R {dev["recall"]}, F1 {dev["f1"]}.

{kept or MEASURED_MARK + chr(10)}""", path)
