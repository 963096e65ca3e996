"""The character-span mention record of the NER components (below every module that builds mentions)."""

from __future__ import annotations

import functools
from typing import NamedTuple


class CharMention(NamedTuple):
    """A mention on a Doc: ``doc.text[start:end]`` (end-exclusive), label, id, name and source.

    A named tuple, as :class:`~pipeline.ner.matcher.Candidate`: built up to twice per mention
    (again when standard ids are added), in a third of a frozen dataclass's time.
    """

    start: int
    end: int
    label: str
    norm_id: str
    norm_name: str
    source: str
    xrefs: tuple[str, ...] = ()


# ``CharMention(*fields)`` for loops that build one per candidate: tuple.__new__ called through a partial
# skips the named tuple's generated ``__new__`` (a Python frame); every field must be given, none defaults.
new_char_mention = functools.partial(tuple.__new__, CharMention)
