"""Stage 2c of claim extraction: figures read in a predicate's subject, and zero counts.

Takes a sentence being read (:class:`casualties.clauses._Sentence`, through the
:class:`_SubjectReading` mixin it inherits) and a trigger; gives
:class:`~casualties.mentions._Raw` records for the head of a long or listed subject ("Al-Bawi
and two other officers were killed", :meth:`_SubjectReading.subject`), for "themselves" after
the verb (:meth:`_SubjectReading._reflexive_subject`), and for zero counts ("no casualties",
:meth:`_SubjectReading.zero`).  Uses :mod:`casualties.mentions` and :mod:`casualties.predicates`.
"""
from __future__ import annotations

from typing import List, Optional

from .numbers import qualified_at, qualified_from
from .words import WORDS
from .mentions import (
    _NON_PERSONS, _is_report_verb,
    _Raw, _Trigger, _abbreviation_dot, _age_at, _has_victim_noun, _implicit, _is_partitive, _is_trap, _name_end,
    _np_backward, _np_forward, _np_word, _number_ending_at, _one_person_noun, _raw_from_q, _starts_trigger,
)
from .predicates import (
    _clause_after_claim, _dead_out_of_group, _in_as_well_as, _not_a_zero_count, _one_person_head, _person_pair_end,
)


_REPORT_VERBS = WORDS.set("report_verbs")
_SINGULAR_AUX = WORDS.set("singular_aux")
_OPENING_ADVERBIALS = WORDS.set("opening_adverbials")


class _SubjectReading:
    """The subject-reading methods of :class:`casualties.clauses._Sentence` (it inherits them)."""

    def subject(self, trig: _Trigger, k: int) -> Optional[_Raw]:
        """The figure at the head of a long subject: "Six truck drivers who were delivering
        supplies to US forces were killed", "Two policemen, three insurgents, and a civilian
        were killed" (a list)."""
        toks, lex, floors = self.toks, self.lex, self.floors
        s0 = _subject_start(toks, k, lex, floors)
        if s0 is None:
            return None
        s0 = _clause_after_claim(toks, s0, k)
        if s0 >= k:
            return None
        pair = _person_pair_end(toks, s0, k, lex) if not _name_end(toks, s0, k, lex) else None
        if pair and pair[1] == k:
            # "A man and his 11-year-old son were found dead", "Mother and son found dead": two
            # people, each named by a common noun -- a list of two
            a = pair[0]
            members = [_implicit(trig.category, 1, s0, a, (s0, a), " ".join(t.low for t in toks[s0:a])),
                       _implicit(trig.category, 1, a + 1, k, (a + 1, k), " ".join(t.low for t in toks[a + 1:k]))]
            self.raws.extend(members)
            total = self._listed(members)
            total.last = trig.last
            return total
        w = toks[s0].low
        opening = qualified_from(toks, s0, lex, floors)  # "Between 15 and 17 ..." is no name
        named = _name_end(toks, s0, k, lex) if opening is None else None
        if named:
            q = None
        elif w in ("a", "an", "one") and (s0 + 1 < k and (_np_word(toks[s0 + 1], lex, floors) or _age_at(toks, s0 + 1))):
            q = None
        elif w in ("the", "his", "her") and s0 + 1 < k and _one_person_first(toks, s0 + 1, k, trig, lex):
            # "The mayor of a Jalwla neighborhood was killed"; "The mayor and his wife were shot
            # dead" (a list: the plural verb is no figure without one, see below)
            q = None
        else:
            q = opening
            if q is None or q.numbers[0].first in self.used:
                return None
        if any(toks[x].low == ";" or _starts_trigger(toks, x) for x in range(s0 + 1, k)):
            return None
        if named:
            np_end = named
            raw = _implicit(trig.category, 1, s0, trig.last, (s0, np_end), " ".join(t.text for t in toks[s0:np_end]))
        elif q is None:
            np_end = min(k, _np_forward(toks, s0 + 1, lex, floors))  # not into "remains" in "remains missing"
            if np_end == s0 + 1:
                return None
            raw = _implicit(trig.category, 1, s0, trig.last, (s0 + 1, np_end),
                            " ".join(t.low for t in toks[s0:np_end]))
        else:
            np_end = _np_forward(toks, q.last, lex, floors)
            if np_end == q.last or _is_trap(toks, q, np_end, lex):
                return None
            raw = _raw_from_q(trig.category, q, q.first, trig.last, (q.last, np_end), self.policy)
            raw.subset = _is_partitive(toks, q.last, lex, floors) and \
                not _dead_out_of_group(toks, q.last, trig.category, lex, floors)
        # a list subject: the parts are claims of their own, their sum the total
        singular = any(t.low in _SINGULAR_AUX for t in toks[np_end:trig.first])
        # "Both Bass and his daughter died": "both ... and" names the pair its figure counts, no list
        pair = w == "both"
        parts = [] if singular or pair else self._drop_enumeration(raw, self.list_parts(np_end, trig.category, stop=k))
        if (named or q is None) and not parts and any(a in ("were", "are") for a in (t.low for t in toks[np_end:trig.first])):
            return None  # "Gunmen ... were killed": a plural subject with no figure
        if parts and not parts[0].subset:
            self.used.update(raw.numbers_used)
            raw.last = np_end
            self.raws.append(raw)
            self.raws.extend(parts)
            total = self._listed([raw] + [p for p in parts if not p.subset])
            total.last = trig.last
            return total
        return raw

    def _head_before_including(self, q, np_start: int, np_end: int):
        """ "At least ten others, including six officers were injured": an aside opened by
        ", including" and never closed; the subject is the figure before it (ten), and the figure
        after "including" is a part of it.  Returns the victim phrase's span and its figure (the
        ones given when no figure stands before the comma)."""
        toks, lex, floors = self.toks, self.lex, self.floors
        comma = q.first - 2
        start = _np_backward(toks, comma, lex, floors)
        head = _number_ending_at(toks, start, lex, floors) \
            if 0 < start < comma and _has_victim_noun(toks, start, comma, lex) else None
        if head is None or head.numbers[0].first in self.used:
            return np_start, np_end, q
        return start, comma, head

    def _reflexive_subject(self, trig: _Trigger, j: int) -> Optional[_Raw]:
        """ "Two bombers killed themselves and ten others", "Two suicide bombers blew up a bus,
        killing themselves and ten others": "themselves" are the people of the subject, the
        attackers' own deaths, a figure the list after it adds to (12, not 2).  The subject is
        the figure right before the verb, or the one that opens the sentence."""
        toks, lex, floors = self.toks, self.lex, self.floors
        raw = self._try(lambda: self.before(trig)) if not trig.word.endswith("ing") else None
        if raw is None or raw.value is None or raw.basis.startswith("implicit"):
            if raw is not None:
                self._undo()
            q = qualified_at(toks, 0, lex, floors)
            if q is None or q.first != 0 or q.numbers[0].first in self.used:
                return None
            np_end = _np_forward(toks, q.last, lex, floors)
            if np_end == q.last or _is_trap(toks, q, np_end, lex) or toks[np_end - 1].low in _NON_PERSONS:
                return None
            raw = _raw_from_q(trig.category, q, q.first, j + 1, (q.last, np_end), self.policy)
        raw.last = j + 1
        raw.group, raw.self_death = "armed group", True
        return raw

    def zero(self, trig: _Trigger) -> List[_Raw]:
        """ "no casualties", "no injuries", "no deaths were reported"."""
        toks = self.toks
        for back in range(1, 5):
            i = trig.first - back
            if i < 0:
                break
            w = toks[i].low
            if w in ("no", "without", "any") and (w != "any" or (i > 0 and toks[i - 1].low in ("not", "n't", "no"))):
                if _not_a_zero_count(toks, i, trig):
                    return []
                cats = ("killed", "injured") if trig.kind == "casualties" else (trig.category,)
                return [_implicit(c, 0, i, trig.last, (trig.first, trig.first), " ".join(t.low for t in toks[i:trig.last]))
                        for c in cats]
            if w in (",", ".", ";", "and", "but", "killed", "wounded"):
                break
        return []


_SENTENCE_ADVERBIALS = WORDS.phrases("sentence_adverbials")
#: :data:`_SENTENCE_ADVERBIALS` by first word, in file order: only the phrases that open with a
#: token's word can open there (tests hold the indexed readings against the full ones).
_ADVERBIALS_BY_FIRST: dict = {}
for _p in _SENTENCE_ADVERBIALS:
    _ADVERBIALS_BY_FIRST.setdefault(_p[0], []).append(_p)
del _p


def _one_person_first(toks, i: int, k: int, trig, lex) -> bool:
    """After "the" / "his" / "her" at ``i - 1``, a subject of one person: "The mayor of a
    neighborhood was killed" (a singular verb), or the first of a pair, its head noun right before
    "and" ("The mayor and his wife", "the police officer and one friend", "The Chief and two
    members of his detail")."""
    h = i + 1 if i + 1 < k and toks[i].text[:1].islower() and _one_person_noun(toks[i + 1], lex) else i
    if h + 1 < k and toks[h + 1].low == "and":
        return _one_person_head(toks, h, trig, lex) or _one_person_noun(toks[h], lex, titles=True)
    return _one_person_head(toks, i, trig, lex) and any(t.low in _SINGULAR_AUX for t in toks[k:trig.first])


def _opens_sentence_adverbial(toks, i: int) -> bool:
    """A phrase that opens a sentence adverbial starts at token ``i`` ("As a result, 12 soldiers
    were killed"): its "as" subordinates nothing."""
    if not 0 <= i < len(toks):
        return _opens_sentence_adverbial_reference(toks, i)
    phrases = _ADVERBIALS_BY_FIRST.get(toks[i].low)
    return phrases is not None and any(tuple(t.low for t in toks[i:i + len(p)]) == p for p in phrases)


def _opens_sentence_adverbial_reference(toks, i: int) -> bool:
    """:func:`_opens_sentence_adverbial` comparing every phrase."""
    return any(tuple(t.low for t in toks[i:i + len(p)]) == p for p in _SENTENCE_ADVERBIALS)


#: How far before the predicate a subject with a relative clause may open, in tokens.
_RELATIVE_SUBJECT_REACH = 48


def _relative_subject_start(toks, k: int, lex, floors) -> int:
    """0 when the sentence opens with its subject's figure and a relative clause on it runs up to the
    predicate at ``k`` ("Seventeen civilians who work with a contractor, a company that ...,
    were killed"): the clause's own "that" and commas are inside the subject.  Else ``k`` (the
    subject is read back from the predicate)."""
    if k > _RELATIVE_SUBJECT_REACH:
        return k
    who = next((i for i in range(1, k) if toks[i].low == "who"), None)
    if who is None or any(t.low in (";", ":", ".") or t.low in _REPORT_VERBS for t in toks[:k]):
        return k
    if any(_starts_trigger(toks, x) for x in range(0, who)) or qualified_from(toks, 0, lex, floors) is None:
        return k  # only a subject that opens with its figure ("Two Iraqis who ...")
    return 0



def _subject_start(toks, k: int, lex, floors) -> Optional[int]:
    """Where the subject of the predicate at ``k`` starts: read back to the clause's start
    (past a relative clause on it, a sentence adverbial, a reporting verb's object clause),
    then past an opening adverbial and its comma; ``None`` in a subordinate clause, whose
    subject is not a safe guess."""
    s0 = _relative_subject_start(toks, k, lex, floors)  # "Two Iraqis who worked for a firm that ... were killed"
    # "who" opens a relative clause inside the subject ("Six drivers who were delivering
    # supplies were killed"); "which", "where", "that" open a clause with a subject of its own
    while s0 > 0 and k - s0 < 24 and (toks[s0 - 1].low not in (";", ":", ".", "when", "after", "as", "while", "but",
                                                              "because", "that", "which", "where", "if")
                                      or _abbreviation_dot(toks, s0 - 1) or _in_as_well_as(toks, s0 - 1)
                                      or _opens_sentence_adverbial(toks, s0 - 1)) \
            and not _is_report_verb(toks, s0 - 1):
        s0 -= 1
        n = _sentence_adverbial_length(toks, s0)
        if n and qualified_from(toks, s0 + n, lex, floors) is not None:
            return s0 + n  # ", as a result 1 militant ... was killed": a main clause after the adverbial
    if s0 > 0 and toks[s0 - 1].low not in (";", ":", ".", "that") and not _is_report_verb(toks, s0 - 1):
        # a subordinate clause: its subject is not a safe guess, unless the clause opens with a
        # figure ("where 3 fighters from the brigade were killed", "during which, 4 ... were killed")
        f = s0 + (s0 < k and toks[s0].low == ",")
        return f if f < k and qualified_from(toks, f, lex, floors) is not None else None
    # "The army said a soldier was killed": the subject starts after the reporting verb
    while s0 < k and toks[s0].low in ("however", "meanwhile", "but", "and", "also", "moreover", ","):
        s0 += 1  # "...; however, four people ... were killed"
    # an opening adverbial: "In Baghdad, ...", "On Monday, ..."
    if s0 < k and toks[s0].low in _OPENING_ADVERBIALS:
        c = s0
        while c < k and toks[c].low != ",":
            c += 1
        if c < k:  # set off by its comma; without one it is the subject ("At least 8 ...")
            s0 = c + 1
        elif qualified_from(toks, s0, lex, floors) is None:
            # "that during the clashes 3 fighters ... were killed": the figure after it, if any
            s0 = _figure_after_adverbial(toks, s0, k, lex, floors) or s0
    return s0


#: How many tokens a short adverbial without its comma may run before a subject's figure.
_ADVERBIAL_REACH = 5


def _figure_after_adverbial(toks, i: int, k: int, lex, floors) -> Optional[int]:
    """Where a figure opens a clause's subject right after a short adverbial at ``i`` written
    without its comma ("during the clashes 3 fighters"): the first number within reach, with no
    comma or casualty word before it; else ``None``."""
    for f in range(i + 1, min(k, i + _ADVERBIAL_REACH + 1)):
        if toks[f].low in (",", ";") or _starts_trigger(toks, f):
            return None
        if toks[f].low not in ("a", "an", "some") and qualified_from(toks, f, lex, floors) is not None:
            return f
    return None


def _sentence_adverbial_length(toks, i: int) -> int:
    """The number of tokens of the sentence adverbial opening at ``i`` ("as a result": 3), with a
    comma after it; 0 when none opens there."""
    if not 0 <= i < len(toks):
        return _sentence_adverbial_length_reference(toks, i)
    phrases = _ADVERBIALS_BY_FIRST.get(toks[i].low)
    if phrases is None:
        return 0
    for p in phrases:
        if tuple(t.low for t in toks[i:i + len(p)]) == p:
            return len(p) + (i + len(p) < len(toks) and toks[i + len(p)].low == ",")
    return 0


def _sentence_adverbial_length_reference(toks, i: int) -> int:
    """:func:`_sentence_adverbial_length` comparing every phrase."""
    for p in _SENTENCE_ADVERBIALS:
        if tuple(t.low for t in toks[i:i + len(p)]) == p:
            return len(p) + (i + len(p) < len(toks) and toks[i + len(p)].low == ",")
    return 0
