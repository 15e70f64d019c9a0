"""Stage 2d of claim extraction: a pronoun object that takes its figure from people named before.

"targeted three soldiers with a roadside bomb, killing them" (3); "abducted a group of six
guards, killing all of them" (6); "ambushed an officer and his driver, killing them both" (2).
The pronoun says who was harmed; how many is said earlier in the sentence, by the object of
the verb before it.  Takes a sentence being read (:class:`casualties.clauses._Sentence`,
through the :class:`_AntecedentReading` mixin it inherits) and the predicate; gives one
:class:`~casualties.mentions._Raw` whose ``basis`` names the phrase the figure came from.

The antecedent is the nearest figure before the predicate that counts people, is the object
of an attack verb or preposition ("targeted", "ambushed", "fired on two men": the object of
an attack is its victims), so not the sentence's subject ("The 12 gunmen stormed the village,
killing them" names no victims), not attackers ("police shot two gunmen, killing them"), and
not a figure the sentence already claims.  "them both" / "both of them" is two without one.
"""
from __future__ import annotations

from typing import Optional

from .numbers import qualified_at
from .words import WORDS
from .mentions import _Raw, _Trigger, _age_at, _has_victim_noun, _implicit, _np_forward, _raw_from_q


_ATTACKER_NOUNS = WORDS.set("attacker_nouns")
_ATTACK_VERBS = WORDS.set("attack_verbs")
_OBJECT_PREPOSITIONS = WORDS.set("attack_prepositions")
_PLURAL_PRONOUN_TAILS = WORDS.set("plural_pronoun_tails")


def pronoun_object_end(toks, j: int) -> int:
    """End of a plural pronoun object at ``j`` ("them", "them all", "them both", "all of them",
    "both of them"), or 0 when there is none."""
    n = len(toks)
    w = toks[j].low
    if w == "them":
        return j + 2 if j + 1 < n and toks[j + 1].low in _PLURAL_PRONOUN_TAILS else j + 1
    if w in _PLURAL_PRONOUN_TAILS and j + 2 < n and toks[j + 1].low == "of" and toks[j + 2].low == "them":
        return j + 3
    return 0


def _is_attacked(toks, q_first: int) -> bool:
    """Whether the phrase opening at ``q_first`` is the object of an attack: an attack verb
    ("targeted", "ambushed", "abducted") or an attack preposition ("fired on", "shot at") right
    before it, past "the" and "a group of".  The object of an attack is its victims; the object of
    another verb ("intercepted three guerrillas and killed them") may be the attackers."""
    k = q_first - 1
    if k >= 0 and toks[k].low == "the":
        k -= 1
    if k >= 2 and toks[k].low == "of" and toks[k - 1].low == "group" and toks[k - 2].low == "a":
        k -= 3  # "abducted a group of six guards"
    if k < 0:
        return False
    return toks[k].low in _ATTACK_VERBS or toks[k].low in _OBJECT_PREPOSITIONS


class _AntecedentReading:
    """The pronoun-object method of :class:`casualties.clauses._Sentence` (it inherits it)."""

    def pronoun_object(self, trig: _Trigger, j: int) -> Optional[_Raw]:
        toks, lex, floors = self.toks, self.lex, self.floors
        end = pronoun_object_end(toks, j)
        if not end or trig.kind != "verb":
            return None
        said = " ".join(t.low for t in toks[j:end])
        if "both" in said.split():
            return _implicit(trig.category, 2, trig.first, end, (j, end), said)
        for k in range(trig.first - 1, -1, -1):
            if toks[k].low in (";", ":"):
                return None
            q = qualified_at(toks, k, lex, floors)
            if q is None or q.numbers[0].first != k:
                continue
            np_end = _np_forward(toks, q.last, lex, floors)
            if q.numbers[0].vague or np_end == q.last or not _has_victim_noun(toks, q.last, np_end, lex) \
                    or _age_at(toks, k) or self._claimed_as(k, trig.category) or not _is_attacked(toks, q.first) \
                    or toks[np_end - 1].low in _ATTACKER_NOUNS:
                return None  # the nearest figure is no antecedent: no guess further back
            # the span runs from the figure to the pronoun, so the quote holds both
            raw = _raw_from_q(trig.category, q, q.first, end, (q.last, np_end), self.policy)
            raw.basis = f"{said!r} = {' '.join(t.text for t in toks[q.first:np_end])}, named before"
            self.used.update(raw.numbers_used)
            return raw
        return None

    def _claimed_as(self, k: int, category: str) -> bool:
        """Whether the figure at token ``k`` is already a claim of ``category`` in the sentence
        ("killed 3 villagers and wounded 2 of them").  One of another category may be taken:
        "abducted three farmers, killing them" says both."""
        return k in self.used and not any(k in r.numbers_used and r.category != category for r in self.raws)
