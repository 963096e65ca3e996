""""X- but not Y-induced Z": one modified noun; X's statement holds, Y's is denied (issue 18)."""

from __future__ import annotations


def _read(relations):
    return sorted((r.agent_text, r.effect, r.object_text, r.negated) for r in relations)


def test_suspended_hyphen_with_but_not(extract):
    rels = extract("Melphalan antagonizes cisplatin- but not bortezomib-induced nephrotoxicity in mice.")
    assert _read(rels) == [
        ("Melphalan", "decreases", "cisplatin- but not bortezomib-induced nephrotoxicity", False),
        ("bortezomib", "increases", "nephrotoxicity", True),
        ("cisplatin", "increases", "nephrotoxicity", False)]
