"""The project's tokenizer: scispaCy's rule tokenizer on a blank English pipeline.

NER, the shipped parser and every trained model read text through this one tokenizer, so a
span found by one lines up with the tokens of another. It is registered under
:data:`TOKENIZER_NAME` so that a trained model's ``config.cfg`` can name it.
"""

from __future__ import annotations

import spacy
from scispacy.custom_tokenizer import combined_rule_tokenizer
from spacy.language import Language

TOKENIZER_NAME = "evidence_scientific_tokenizer.v1"


@spacy.registry.tokenizers(TOKENIZER_NAME)
def create_scientific_tokenizer():  # noqa: ANN201 - spaCy's registry signature
    """scispaCy's rule tokenizer, registered so a trained model's config can name it."""

    def create(nlp: Language):  # noqa: ANN202
        # scispaCy builds on the language's default tokenizer, which does not exist yet here.
        nlp.tokenizer = spacy.registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        return combined_rule_tokenizer(nlp)

    return create


def blank_scientific() -> Language:
    """``spacy.blank("en")`` with the scientific tokenizer (what models are trained and run on)."""
    nlp = spacy.blank("en")
    nlp.tokenizer = combined_rule_tokenizer(nlp)
    return nlp
