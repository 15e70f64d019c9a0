"""Stage 2 of claim extraction, clause reading: an implicit count in the predicate's object.

"killing a policeman", "killing himself", "shot and killed police captain X", "Man kills wife",
"killed 24-year-old Alex Smith", "killed former officer X": no figure after the predicate, and
the object says how many (one person, or a pronoun's group through
:mod:`casualties.antecedents`).  Takes a sentence being read
(:class:`casualties.clauses._Sentence`, through the :class:`_ObjectReading` mixin) and the
position after the predicate; gives one :class:`~casualties.mentions._Raw` or ``None``.
"""
from __future__ import annotations

from typing import Optional

from .words import WORDS
from .mentions import (
    _ANIMALS, _NON_PERSONS,
    _MONTHS, _Raw, _Trigger, _age_at, _implicit, _name_end, _np_forward, _np_word, _one_person_noun,
    _plural_noun,
)
from .predicates import _is_accident


_COLLECTIVES = WORDS.set("collectives")
_DAYS = WORDS.set("days")
_PERSON_ADJECTIVES = WORDS.set("person_adjectives")
_PRONOUN_ONE = {"himself": "armed group", "herself": "unknown", "him": "unknown", "her": "unknown"}


class _ObjectReading:
    """The object-reading methods of :class:`casualties.clauses._Sentence` (it inherits them)."""

    def _implicit_after(self, trig: _Trigger, j: int) -> Optional[_Raw]:
        """No figure after the predicate: an implicit one ("killing a policeman", "killing himself",
        "shot and killed police captain X", "Man kills wife", "killed 24-year-old Alex Smith")."""
        toks, lex, floors = self.toks, self.lex, self.floors
        if trig.kind in ("toll",):
            return None
        # implicit: "killing a policeman", "killing himself", "shot and killed police captain X"
        w = toks[j].low
        if w == "themselves" and trig.category == "killed" and trig.kind == "verb":
            return self._reflexive_subject(trig, j)
        if w in ("them", "all", "both"):
            return self.pronoun_object(trig, j)  # "targeted three soldiers, killing them"
        if w in _PRONOUN_ONE and trig.kind in ("verb", "phrase"):
            raw = _implicit(trig.category, 1, trig.first, j + 1, (j, j + 1), w)
            raw.group = _PRONOUN_ONE[w]
            # "killing himself": the attacker's own death; "fatally shot himself" is the victim's
            raw.self_death = trig.category == "killed" and w in ("himself", "herself") and \
                (trig.kind == "verb" or self._harmed_others_before(trig.first)) and not _is_accident(toks, trig.first)
            return raw
        if w in _PERSON_ADJECTIVES and trig.kind == "verb":
            np_end = _np_forward(toks, j, lex, floors)  # "killed former police officer X": one person
            if any(_one_person_noun(t, lex) for t in toks[j:np_end]):
                return _implicit(trig.category, 1, trig.first, np_end, (j, np_end), " ".join(t.text for t in toks[j:np_end]))
        if w in ("a", "an", "another", "his", "her", "the") and trig.kind in ("verb", "phrase", "noun"):
            return self._determined_object(trig, j, w)
        if trig.kind == "verb" and " " not in trig.word and w in lex.victims and not _plural_noun(w) \
                and w not in _COLLECTIVES and w not in _NON_PERSONS and w not in ("police", "security", "army", "family") \
                and trig.first > 0 and toks[trig.first - 1].low in lex.victims:
            # a headline's object without article: "Man kills wife", "Father killed son, then himself"
            np_end = _np_forward(toks, j, lex, floors)
            if np_end == j + 1:
                return _implicit(trig.category, 1, trig.first, np_end, (j, np_end), w)
        age = _age_at(toks, j)
        if trig.word.endswith(" of") and j + age < len(toks) and _np_word(toks[j + age], lex, floors):
            # "the shooting death of teen driver", "killing of 15-year-old boy": a headline's
            # singular person without article
            np_end = _np_forward(toks, j + age, lex, floors)
            head = toks[np_end - 1].low if np_end > j else ""
            if head in lex.victims and not _plural_noun(head) and head not in _COLLECTIVES:
                return _implicit(trig.category, 1, trig.first, np_end, (j, np_end),
                                 " ".join(t.low for t in toks[j:np_end]))
        if age and trig.kind in ("verb", "phrase") and trig.category != "captured":
            # "killed 24-year-old Alex Smith", "the shooting death of 13-month-old Ben Cole": an
            # age, then the one person's name
            name_end = _name_end(toks, j + age, min(len(toks), j + age + 6), lex)
            if name_end:
                return _implicit(trig.category, 1, trig.first, name_end, (j, name_end),
                                 " ".join(t.text for t in toks[j:name_end]))
        named = trig.kind in ("verb", "phrase") or (trig.kind == "noun" and toks[j - 1].low == "of")
        if named and trig.category != "captured" and toks[j].text[:1].isupper() and w not in _MONTHS and w not in _DAYS \
                and w not in ("on", "in"):
            np_end = _np_forward(toks, j, lex, floors)
            name_end = _name_end(toks, j, np_end, lex)
            if name_end and name_end + 1 < np_end and toks[name_end].low == "and" \
                    and _name_end(toks, name_end + 1, np_end, lex):
                np_end = name_end  # "injuring Leanne Smith and Dustin Grey": two people, the list reads the second
            if np_end > j and toks[np_end - 1].text[:1].isupper() and not toks[np_end - 1].low.endswith("s"):
                return _implicit(trig.category, 1, trig.first, np_end, (j, np_end),
                                 " ".join(t.text for t in toks[j:np_end]))
        if trig.kind in ("verb", "phrase") and j < len(toks) and toks[j].low in lex.victims \
                and lex.victims[toks[j].low] == "security forces" and not toks[j].low.endswith("s"):
            np_end = _np_forward(toks, j, lex, floors)
            if np_end > j + 1 and toks[np_end - 1].text[:1].isupper():
                return _implicit(trig.category, 1, trig.first, np_end, (j, np_end),
                                 " ".join(t.text for t in toks[j:np_end]))
        return None

    def _determined_object(self, trig: _Trigger, j: int, w: str) -> Optional[_Raw]:
        """ "killing a policeman", "wounding his brother", "killed the leader of the group": one
        person, unless the head noun is plural, a group or an animal."""
        toks, lex, floors = self.toks, self.lex, self.floors
        np_end = _np_forward(toks, j + 1, lex, floors)
        for a in range(j + 2, np_end - 1):
            if toks[a].low == "and" and toks[a + 1].low in ("a", "an", "his", "her", "the", "their"):
                np_end = a  # "a policeman and the driver": two people, the list reads the second
                break
        if np_end > j + 1:
            # the head of "the leader of the armed group" is "leader", before its "of"
            of_at = next((a for a in range(j + 2, np_end) if toks[a].low == "of"), np_end)
            head = toks[of_at - 1]
            if head.low in _ANIMALS:
                return None  # "killed a deer", "wounded a police dog": no person
            single = head.text[:1].isupper() or (not _plural_noun(head.low) and head.low not in _NON_PERSONS
                                                and head.low not in ("police", "security", "army", "family"))
            if w in ("a", "an", "another") or single:
                if w == "the" and trig.kind == "noun":
                    return None
                return _implicit(trig.category, 1, trig.first, np_end, (j + 1, np_end),
                                 " ".join(t.low for t in toks[j:np_end]))
        return None
