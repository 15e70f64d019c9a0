"""Report accounting, one relation: the sum of sides.

Takes the claims of one field after the other accounting rules (:mod:`casualties.accounting`)
with their "shot" flags; gives them with one more claim per category when the figures are
the sides of one clash: "Militants clashed with the army, killing one soldier, while the army
killed 3 militants" gives 1, 3 and their sum 4, with ``basis`` "sum of sides: 1 security
forces and 3 armed group" (docs/concepts.md, "Sum of sides").

Does not read clauses: uses only the claims and the text.
"""
from __future__ import annotations

import re
from typing import List

import attrs

from .lexicon import load_lexicon
from .model import Claim
from .words import WORDS

__all__ = ["sum_of_sides"]

#: The perpetrators of an attack, as opposed to a side of a battle ("militants", "fighters").
_ATTACKER_NOUNS = WORDS.set("attacker_nouns")
#: Determiners of a phrase that names people already told of ("the two men killed").
_BACK_REFERENCES = WORDS.set("back_references")
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s)")
_PARAGRAPH_BREAK_RE = re.compile(r"\n\s*\n")
_CATEGORIES = ("killed", "injured")


def sum_of_sides(text: str, claims: List[Claim], hits: List[bool]):
    """ "killing one soldier, while the army killed 3 militants", "shelling killed 6 fighters and
    an airstrike resulted in the death of 2 civilians": the sides of one clash, told in
    different clauses of one sentence for disjoint victim groups (civilians, security forces,
    an armed group), cannot restate each other, so the report's total is their sum (the parts
    are kept, marked ``part_of_list``).  Only when every counted figure of the category names
    its group, no group comes twice (an unknown group, "killing 4", or a group told twice may be
    the same people again), none refers back ("the two men killed"), and none is the attack's
    own perpetrators.  Figures in other sentences may be of other events, which the report
    accounting cannot yet tell apart, so they are not summed, unless the next sentence says it
    adds to the clash ("Regime forces also shelled the town, killing 2 civilians")."""
    out, out_hits = list(claims), list(hits)
    for cat in _CATEGORIES:
        parts = _sides(text, claims, hits, cat)
        if not parts:
            continue
        for i, _ in parts:
            out[i] = attrs.evolve(out[i], part_of_list=True)
        out.append(_total(text, cat, [c for _, c in parts]))
        out_hits.append(False)
    if len(out) > len(claims):
        order = sorted(range(len(out)), key=lambda i: (out[i].start, out[i].end))
        out, out_hits = [out[i] for i in order], [out_hits[i] for i in order]
    return out, out_hits


def _sides(text: str, claims: List[Claim], hits: List[bool], category: str) -> list:
    """``(index, claim)`` of the sides to sum for ``category``, or ``[]`` when they are none."""
    parts = [(i, c) for i, (c, h) in enumerate(zip(claims, hits))
             if c.category == category and not h and c.counts and not _perpetrators(c)]
    if len(parts) < 2 or any(c.value is None for _, c in parts):
        return []
    sides = [_side(c) for _, c in parts]
    if None in sides or not _disjoint(sides) or any(_refers_back(text, c) for _, c in parts):
        return []
    if any(_SENTENCE_END_RE.search(text, a.end, b.start) and not _adds_to_before(text, a.end, b.start)
           for (_, a), (_, b) in zip(parts, parts[1:])):
        return []  # one sentence: figures in others may be of other events
    return parts


_ADDITIVES = WORDS.set("sentence_additives")
_WORD_RE = re.compile(r"[a-z]+")


def _adds_to_before(text: str, a: int, b: int) -> bool:
    """The figure at ``b`` is in the sentence right after the one of the figure ending at ``a``, and
    that sentence tells, before the figure, that it adds to the clash ("Regime forces also shelled
    the town, killing 2 civilians"; "Concurrently, warplanes ... killed 12"), in the same paragraph:
    a new paragraph of a round-up ("Also overnight, a drone strike in Raqqa killed 5") is a new
    item, which the events stage tells apart or joins (casualties.events)."""
    ends = [m.end() for m in _SENTENCE_END_RE.finditer(text, a, b)]
    if len(ends) != 1 or _PARAGRAPH_BREAK_RE.search(text, a, b):
        return False
    return any(w in _ADDITIVES for w in _WORD_RE.findall(text[ends[0]:b].lower()))


def _side(claim: Claim):
    """Who a figure's victims are, as a set of names: the organisations its victims name by an
    acronym ("3 FSA fighters": {"FSA"}), else its victim group ("civilian"); ``None`` when
    neither is known ("killing 4").  People's names are no side: two named victims of one
    shooting are not two sides of a battle."""
    names = frozenset(w.strip(",.()") for w in (claim.victims or "").split()
                      if len(w.strip(",.()")) > 1 and w.strip(",.()").isalpha() and w.strip(",.()").isupper())
    if names:
        return names
    return None if claim.victim_group == "unknown" else frozenset((claim.victim_group,))


def _disjoint(sides) -> bool:
    """No two sides share a name: "3 FSA fighters ..., while 2 YPG members" are two sides, "3
    soldiers ... 2 soldiers" may be the same people again."""
    seen = set()
    for side in sides:
        if seen & side:
            return False
        seen |= side
    return True


def _total(text: str, category: str, parts: List[Claim]) -> Claim:
    highs = [c.high for c in parts]
    high = None if None in highs else sum(highs)
    value = sum(c.value for c in parts)
    quals = {c.qualifier for c in parts}
    start, end = min(c.start for c in parts), max(c.end for c in parts)
    return Claim(
        category=category, low=sum(c.low for c in parts), high=high, value=value,
        qualifier="exact" if quals == {"exact"} else ("at_least" if high is None else "between"),
        start=start, end=end, quote=text[start:end], stated=(value,), victims=None, victim_group="unknown",
        cited_source=next((c.cited_source for c in parts if c.cited_source), None),
        basis="sum of sides: " + " and ".join(f"{c.value} {c.victim_group}" for c in parts))


def _perpetrators(claim: Claim) -> bool:
    """The deaths of an attack's own perpetrators ("seven gunmen were killed", "the bomber
    blew himself up") are no side of a battle: conventions differ on counting them (RAND and
    GTD code an attack's victims), so they stay a figure of their own."""
    return any(w.strip(",.") in _ATTACKER_NOUNS for w in (claim.victims or "").lower().split()) or \
        "attacker's own death" in claim.basis


def _refers_back(text: str, claim: Claim) -> bool:
    """A figure told by a definite or partitive phrase ("The policeman was killed", "the two
    men killed", "two of the militants", "One of the sons") names people already told of."""
    words = claim.quote.lower().split()
    before = text[max(0, claim.start - 12):claim.start].lower().split()
    lex = load_lexicon()
    opens_with_figure = bool(words) and (words[0][:1].isdigit() or words[0] in lex.units or words[0] in lex.tens)
    if opens_with_figure and before and before[-1] in _BACK_REFERENCES:
        return True  # "The two men killed were ...", not "resulted in the death of 2 civilians"
    victims = (claim.victims or "").lower().split()
    quote = f" {claim.quote.lower()} "
    return bool(words and words[0] in _BACK_REFERENCES) or bool(victims and victims[0] in _BACK_REFERENCES) \
        or " of the " in quote or " of them" in quote or claim.basis.startswith("implicit: 'the ")
