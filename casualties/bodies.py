"""Stage 2e of claim extraction: bodies found, and deaths owned.

A body is one dead person, whoever's it is, and the words around it say whose: "his body was
found", "a soldier's body with gunshot marks was found", "a policeman body was found", "the
body of the brigade's commander was found" (each 1); "2 fighters' bodies were found" (2, the
figure of the owners).  "The bodies of 5 fighters", "three bodies" read like any figure (clause
reading).  Bodies found of people named before ("Gunmen kidnapped five laborers.  Their bodies
were found", "the bodies of the men were found") are the dead of the figure told just before,
in an earlier sentence, when it is of people taken or harmed (kidnapped, missing, shot) and not
of the dead.  A death owned by a pronoun is of the people it stands for: "shot a fighter, which
led to his death" (1), "shot two men, leading to their deaths" (the 2 named before).  Takes a sentence being read (:class:`casualties.clauses._Sentence`, through the
:class:`_BodyReading` mixin) and a "body" / "bodies" trigger; gives at most one
:class:`~casualties.mentions._Raw`.
"""
from __future__ import annotations

from typing import Optional

from .lexicon import HIT
from .words import WORDS
from .mentions import (
    _ANIMALS,
    _Raw, _Trigger, _has_victim_noun, _implicit, _np_backward, _np_forward, _number_ending_at, _one_person_noun,
    _raw_from_q,
)


_APOSTROPHES = ("'", "’")
#: Words after an owner's "body" that go on about the body found ("was found", "with gunshot marks").
_BODY_FOLLOWERS = WORDS.set("body_followers")
#: Adjectives between an owner and "death" ("his immediate death").
_DEATH_MODIFIERS = WORDS.set("death_modifiers")
#: Nouns after "death" that make it no death ("death sentence", "death threats").
_NOT_A_DEATH = WORDS.set("not_a_death")
#: Verbs whose object is bodies found ("police found their bodies").
_FIND_VERBS = WORDS.set("find_verbs")
#: Categories of people taken or harmed whose death is not told: bodies found later are theirs.
_TAKEN_CATEGORIES = ("kidnapped", "missing", "captured", "injured")


def _found(toks, first: int, after: int) -> bool:
    """Whether the bodies told from token ``first`` up to ``after`` are found: "police found their
    bodies", "their bodies were (later) found", "their bodies dumped in a field"; not "pellets
    embedded in their bodies"."""
    if first >= 2 and toks[first - 2].low in _FIND_VERBS:
        return True
    return any(t.low in _FIND_VERBS for t in toks[after:after + 3])


class _BodyReading:
    """The body-reading method of :class:`casualties.clauses._Sentence` (it inherits it)."""

    def read_body(self, trig: _Trigger) -> Optional[_Raw]:
        """The dead a "body" / "bodies" trigger counts by its owner, or ``None`` when the owner
        does not say (the clause reading then takes the trigger as a noun)."""
        toks = self.toks
        if trig.first == 0:
            return None
        owner = toks[trig.first - 1]
        nxt = toks[trig.last].low if trig.last < len(toks) else "."
        if trig.word == "bodies":
            after = trig.last if owner.low == "their" else self._of_the_people(trig)
            if after and _found(toks, trig.first, after):
                return self._their_bodies(trig, after)
            return self._owners_bodies(trig) if owner.low in _APOSTROPHES else None
        if nxt not in _BODY_FOLLOWERS:
            return self._body_of(trig) if nxt == "of" else None
        if owner.low in ("his", "her") or owner.low.endswith(("'s", "’s")):
            # "His body was found", "a member's body with gunshot marks was found"
            return _implicit("killed", 1, trig.first - 1, trig.last, (trig.first - 1, trig.first), f"{owner.text} body")
        if _one_person_noun(owner, self.lex) and trig.first >= 2 and owner.low not in _ANIMALS:
            # "a policeman body was found": a person noun before "body" is its owner
            return _implicit("killed", 1, trig.first - 1, trig.last, (trig.first - 1, trig.first), f"{owner.low} body")
        return None

    def _of_the_people(self, trig: _Trigger) -> int:
        """Where "the bodies of the men", "the bodies of the kidnapped workers" ends: people named
        before, by a definite noun phrase with no figure of its own; 0 when the words are not so."""
        toks, j = self.toks, trig.last
        if j + 1 >= len(toks) or toks[j].low != "of" or toks[j + 1].low != "the":
            return 0
        np_end = _np_forward(toks, j + 2, self.lex, self.floors, limit=4)
        if np_end == j + 2 or not _has_victim_noun(toks, j + 2, np_end, self.lex) or \
                any(_number_ending_at(toks, k, self.lex, self.floors) for k in range(j + 3, np_end + 1)):
            return 0
        return np_end

    def _their_bodies(self, trig: _Trigger, end: int) -> Optional[_Raw]:
        """ "Gunmen kidnapped five laborers.  Their bodies were found later": "their" stands for the
        people of the figure told just before, in an earlier sentence, and the bodies say they are
        dead.  Only when that figure is of people taken or harmed with no death told (kidnapped,
        missing, shot), of two or more ("their"): after a killed figure the bodies are of the dead
        already counted."""
        if self.raws or not self.told_before:
            return None  # a figure of this sentence comes first ("killed eleven, leaving their bodies")
        c = next((c for c in reversed(self.told_before) if not c.background and not c.subset), None)
        if c is None or c.value is None or c.value < 2 or c.category not in _TAKEN_CATEGORIES:
            return None
        said = " ".join(t.low for t in self.toks[trig.first - 1:end])
        return _Raw("killed", c.qualifier, c.low, c.high, c.value, c.stated, trig.first - 1, end,
                    (trig.first - 1, trig.first - 1), basis=f"'{said}' = the {c.value} {c.category} told before",
                    group=c.victim_group)

    def _owners_bodies(self, trig: _Trigger) -> Optional[_Raw]:
        """ "2 fighters' bodies were found": the figure of the owners before the apostrophe."""
        toks, lex, floors = self.toks, self.lex, self.floors
        end = trig.first - 1
        start = _np_backward(toks, end, lex, floors)
        if start == end or not _has_victim_noun(toks, start, end, lex):
            return None
        q = _number_ending_at(toks, start, lex, floors) if start > 0 else None
        if q is None or q.numbers[0].first in self.used:
            return None
        self.used.update(x.first for x in q.numbers)
        return _raw_from_q("killed", q, q.first, trig.last, (start, end), self.policy)

    def _body_of(self, trig: _Trigger) -> Optional[_Raw]:
        """ "the body of the brigade's commander", "the body of an army member": one body, one
        dead person, when the phrase after "of" names a person."""
        toks, lex, floors = self.toks, self.lex, self.floors
        j = trig.last + 1
        if j >= len(toks) or toks[j].low not in ("the", "a", "an", "his", "her", "their"):
            return None
        np_end = _np_forward(toks, j + 1, lex, floors, limit=8)
        if np_end == j + 1 or not _has_victim_noun(toks, j + 1, np_end, lex) or toks[np_end - 1].low in _ANIMALS:
            return None
        return _implicit("killed", 1, trig.first, np_end, (j + 1, np_end), " ".join(t.text for t in toks[j:np_end]))

    def read_owned_death(self, trig: _Trigger) -> Optional[_Raw]:
        """ "shot a fighter, which led to his immediate death" (1); "shot two men, leading to their
        deaths" (the figure of the people harmed just before): only after a harm figure of the
        same sentence.  Not a death sentence, threat or penalty."""
        toks = self.toks
        k = trig.first - 1
        while k >= 0 and toks[k].low in _DEATH_MODIFIERS:
            k -= 1  # "his immediate death", "their subsequent deaths"
        if k < 0 or toks[k].low not in ("his", "her", "their"):
            return None
        if trig.last < len(toks) and toks[trig.last].low in _NOT_A_DEATH:
            return None  # "his death sentence", "their death threats"
        # the owner stands for people harmed before it in this sentence (one in another sentence
        # may be another event's)
        told = [r for r in self.raws if r.last <= k and r.value and r.category in ("killed", "injured", HIT)]
        if not told:
            return None
        if toks[k].low != "their":
            return _implicit("killed", 1, k, trig.last, (k, k + 1), " ".join(t.low for t in toks[k:trig.last]))
        r = told[-1]
        raw = _Raw("killed", r.qualifier, r.low, r.high, r.value, r.stated, r.first, trig.last, r.np,
                   basis=f"'{' '.join(t.low for t in toks[k:trig.last])}' = the {r.value} told before")
        return raw
