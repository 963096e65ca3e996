"""The shipped biomedical dependency parser (tagger + parser trained on CRAFT) and tree helpers."""

from .model import DEFAULT_MODEL_DIR, load_parser, parse_sentences
from .paths import dependency_path, path_labels

__all__ = ["DEFAULT_MODEL_DIR", "load_parser", "parse_sentences", "dependency_path", "path_labels"]
