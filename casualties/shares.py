"""Report accounting, one relation: the share of this location.

Takes the claims of one field after the other accounting rules; gives them with the share a
report tells for its own place: "Nine regime soldiers and five IS soldiers died across three
locations. Five are noted in this location." The total is over several places, each an event
of its own, so it is background, and the share (5) is this event's figure, with ``basis``
"share of this location" (docs/concepts.md, "Report accounting").

Does not read clauses: uses only the claims, the text and its number words.
"""
from __future__ import annotations

import re
from typing import List, Optional

import attrs

from .lexicon import load_lexicon
from .model import Claim
from .numbers import number_at
from .text import tokenize
from .words import WORDS

__all__ = ["location_share"]

_SHARE_VERBS = "|".join(sorted(WORDS.set("share_verbs")))
#: "Five are noted in this location", "4 deaths were documented at this location", "1 fatality
#: was allocated to each location".
_SHARE_RE = re.compile(
    r"\b(?P<n>[A-Za-z0-9-]+)\s+(?:(?P<noun>deaths?|fatalit(?:y|ies)|dead|of them)\s+)?(?:(?:are|were|is|was)\s+)?"
    r"(?:(?:" + _SHARE_VERBS + r")\s+)?(?:in|at|for|to)\s+(?:this|each)\s+locations?\b", re.IGNORECASE)


def location_share(text: str, claims: List[Claim], hits: List[bool]):
    """The claims with the share of this location applied: the figures of its category told
    before it become background (a total over several places), and the share is a claim of its
    own (or the claim already read at its span, "Nine deaths are noted in this location")."""
    if "location" not in text:
        return claims, hits  # the cheap test first: almost no text speaks of its location
    m, value = next(((m, v) for m in _SHARE_RE.finditer(text)
                     for v in [_number(text, m.start("n"), m.end("n"))] if v is not None), (None, None))
    if m is None:
        return claims, hits
    counted = [c for c in claims if c.end <= m.start() and c.counts]
    if not counted:
        return claims, hits
    category = "killed" if m.group("noun") else counted[-1].category
    before = [c for c in claims if c.end <= m.start() and not c.background]
    basis = f"a total over several locations; {value} told for this location at {m.start()}"
    out = [attrs.evolve(c, background=True, basis=(c.basis + "; " if c.basis else "") + basis)
           if c in before and c.category == category else c for c in claims]
    out_hits = list(hits)
    if not any(c.category == category and m.start() <= c.start < m.end() for c in claims):
        out.append(Claim(category=category, low=value, high=value, value=value, qualifier="exact",
                         start=m.start(), end=m.end(), quote=text[m.start():m.end()], stated=(value,),
                         victims=None, victim_group="unknown", basis="share of this location"))
        out_hits.append(False)
        order = sorted(range(len(out)), key=lambda i: (out[i].start, out[i].end))
        out, out_hits = [out[i] for i in order], [out_hits[i] for i in order]
    return out, out_hits


def _number(text: str, a: int, b: int) -> Optional[int]:
    """The exact number written in ``text[a:b]`` ("Five", "4"), else ``None``."""
    lex = load_lexicon()
    toks = tokenize(text, a, b)
    q = number_at(toks, 0, lex, lex.vague_floors("design")) if toks else None
    if q is None or q.value is None or q.last != len(toks):
        return None
    return q.value
