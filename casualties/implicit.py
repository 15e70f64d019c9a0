"""Clause reading (stage 2), implicit counts: no figure stands right before the predicate, so
the count is read from its subject ("nobody was hurt": 0; "the boy died", "a policeman was
killed", "A woman who was hit by a stray bullet died": 1; "A man was killed and his wife
injured": the "was" of the clause before understood) or from the figure before an earlier
predicate it is coordinated with ("two people were taken to hospital and died").

A mixin of :class:`casualties.clauses._Sentence`, like :mod:`casualties.subjects`.
"""
from __future__ import annotations

from typing import List, Optional

import attrs

from .lexicon import HIT
from .words import WORDS
from .mentions import (
    _Raw, _Trigger, _age_at, _implicit, _name_end, _np_backward, _plural_noun, _starts_trigger,
)
from .predicates import _agent_of_headline_verb, _not_a_zero_count, _one_person_subject, aux_real

_SINGULAR_AUX = WORDS.set("singular_aux")
_PLURAL_AUX = WORDS.set("plural_aux")
_ZERO_WORDS = WORDS.set("zero_words")
_COLLECTIVES = WORDS.set("collectives")
_SUCCUMB = WORDS.tuple("succumb")


class _ImplicitReading:
    """The implicit-count readings of :class:`casualties.clauses._Sentence` (``self.toks``,
    ``self.lex``, ``self.floors``, ``self.raws`` and ``self.before`` are the sentence's)."""

    def _implicit_before(self, trig: _Trigger, k: int, aux: List[str], np_start: int, np_end: int,
                         non_person: bool) -> Optional[_Raw]:
        """No figure right before the predicate: an implicit one ("nobody was hurt", "the boy died",
        "a policeman was killed"), or one before a coordinated predicate."""
        toks, lex, floors = self.toks, self.lex, self.floors
        det = toks[np_start - 1].low if np_start > 0 else ""
        if np_start > 0 and det in ("nobody", "none", "no") or (np_start == np_end and k > 0 and toks[k - 1].low in ("nobody", "none")):
            first = np_start - 1 if np_start > 0 and det in _ZERO_WORDS | {"nobody"} else k - 1
            if _not_a_zero_count(toks, first, trig):
                return None
            return _implicit(trig.category, 0, first, trig.last, (np_start, np_end),
                             " ".join(t.low for t in toks[first:trig.first]) or det)
        singular = any(a in _SINGULAR_AUX for a in aux)
        plural = any(a in _PLURAL_AUX for a in aux)
        if non_person:
            return None  # "another US raid killed ...": the subject is an event, not a victim
        if trig.word in ("died", "dies", "perished") + _SUCCUMB and not aux_real(aux):
            raw = self._relative_clause_subject(trig, k)  # "A woman who was hit by a stray bullet died"
            if raw is not None:
                return raw
        if trig.word in ("died", "dies", "perished") + _SUCCUMB and not aux_real(aux) and np_start < np_end:
            head = toks[np_end - 1]
            name_at = np_start + _age_at(toks, np_start)  # "25-year-old Michael Baker died"
            if head.text[:1].isupper() and name_at < np_end and _name_end(toks, name_at, np_end, lex) == np_end \
                    or head.low in lex.victims and not _plural_noun(head.low) or name_at == np_end:
                singular = True  # "Sheikh Farhan later died of his injuries", "the boy died"
        if trig.word in ("died", "dies") + _SUCCUMB and not aux_real(aux) and np_start == np_end and _one_person_subject(toks, k, lex):
            singular = True  # "where he later died", "the boy who died"
        if singular and not plural and np_start == np_end and k > 0 and toks[k - 1].low in (",", ")", "he", "she", "who"):
            if toks[k - 1].low in ("he", "she", "who"):
                return _implicit(trig.category, 1, k - 1, trig.last, (k - 1, k), toks[k - 1].low)
            return _implicit(trig.category, 1, k, trig.last, (k, k), " ".join(t.low for t in toks[k:trig.first]))
        if np_start < np_end and not plural:
            head = toks[np_end - 1]
            if any(t.low in ("result", "cause", "consequence") for t in toks[np_start:np_end]):
                return None  # "died as a result of gunshot wounds": a cause, not a person
            if det in ("a", "an", "another") and (singular or trig.kind in ("state", "verb", "phrase")):
                # "suffering from a gunshot wound": one person hit, who may have died of it
                cat = HIT if trig.word in ("wound", "injury") and not aux else trig.category
                return _implicit(cat, 1, np_start - 1, trig.last, (np_start, np_end),
                                 " ".join(t.low for t in toks[np_start - 1:np_end]))
            # "." here ends an abbreviation: "St. Louis woman killed"
            bare = np_start == 0 or toks[np_start - 1].low in (",", ":", ";", "-", "–", "—", ".")
            if bare and head.low in lex.victims and not head.low.endswith("s") and not aux_real(aux) \
                    and trig.kind in ("verb", "state", "phrase") and not _agent_of_headline_verb(toks, trig, lex, floors):
                # a headline: "Monroe County teen dies of gunshot wound", "Mother injured, child killed"
                return _implicit(trig.category, 1, np_start, trig.last, (np_start, np_end),
                                 " ".join(t.low for t in toks[np_start:np_end]))
            age_noun = np_end - np_start == 5 and _age_at(toks, np_start) == 5  # "the 3-year-old"
            if singular and head.low not in _COLLECTIVES and \
                    (head.text[:1].isupper() or (head.low in lex.victims and not head.low.endswith("s")) or age_noun):
                return _implicit(trig.category, 1, np_start, trig.last, (np_start, np_end),
                                 " ".join(t.low for t in toks[np_start:np_end]))
            if not aux and det in ("his", "her", "the") and np_start >= 2 and toks[np_start - 2].low == "and" \
                    and head.low in lex.victims and not _plural_noun(head.low) \
                    and any(r.last == np_start - 2 for r in self.raws):
                # "A man was killed and his wife injured": the "was" of the clause before is understood
                return _implicit(trig.category, 1, np_start - 1, trig.last, (np_start, np_end),
                                 " ".join(t.low for t in toks[np_start - 1:np_end]))
        return self._coordinated_before(trig, k)

    def _relative_clause_subject(self, trig: _Trigger, k: int) -> Optional[_Raw]:
        """ "A bedouin woman who was injured by a stray bullet on 13/01 succumbed to her wounds": the
        one person before "who" is the subject of the death word after the relative clause (not
        "a stray bullet" or a date right before it)."""
        toks, lex = self.toks, self.lex
        for w in range(k - 2, max(0, k - 18), -1):
            if toks[w].low in (".", ";", ":") or _starts_trigger(toks, w) and toks[w].low in ("died", "dies"):
                return None
            if toks[w].low == "who":
                if not _one_person_subject(toks, w + 1, lex):
                    return None
                end = w - 1 if toks[w - 1].low == "," else w
                start = _np_backward(toks, end, lex, self.floors)
                if start > 0 and toks[start - 1].low in ("a", "an", "the"):
                    start -= 1
                return _implicit(trig.category, 1, start, trig.last, (start, end),
                                 " ".join(t.text for t in toks[start:end]))
        return None

    def _coordinated_before(self, trig: _Trigger, k: int) -> Optional[_Raw]:
        """A predicate coordinated with an earlier one ("two people were taken to hospital and died"):
        the figure is read before the earlier one's "was" / "were"."""
        toks = self.toks
        if k > 0 and toks[k - 1].low == "and" and not getattr(self, "_coordinated", False):
            for w in range(k - 2, max(-1, k - 14), -1):
                if toks[w].low in (",", ";", "but"):
                    break
                if toks[w].low in ("was", "were"):
                    self._coordinated = True
                    try:
                        raw = self.before(attrs.evolve(trig, first=w + 1, last=w + 2))
                    finally:
                        self._coordinated = False
                    if raw is not None:
                        raw.last = trig.last
                    return raw
        return None
