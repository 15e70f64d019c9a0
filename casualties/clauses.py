"""Stage 2 of claim extraction: clause reading, i.e. which figure and which victims a harm
predicate takes.

Takes a sentence's tokens and its triggers (:mod:`casualties.mentions`); gives the
:class:`~casualties.mentions._Raw` figures of the sentence through :meth:`_Sentence.run`:

- *figure first* (:meth:`_Sentence.before`): "[at least] 44 [people] [were] killed";
- *subject* (:meth:`~casualties.subjects._SubjectReading.subject`): "Al-Bawi and two other
  officers were killed";
- *verb first* (:meth:`_Sentence.after`): "killing [at least] 44 [people]", "the death toll
  rose to 52";
- *zero* (:meth:`~casualties.subjects._SubjectReading.zero`): "no casualties";
- *implicit* (:mod:`casualties.implicit`): "a policeman was killed", "the boy died";

lists and subsets come from :class:`casualties.lists._ListReading`, the head of a long
subject and zero counts from :class:`casualties.subjects._SubjectReading`; ``_Sentence``
inherits both (the clause cues it asks are :mod:`casualties.predicates`).  Sentence-level
context (background, source) and report accounting are later stages
(:mod:`casualties.background`, :mod:`casualties.accounting`).
"""
from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

import attrs

from .lexicon import HIT
from .numbers import number_at, number_starters, qualified_at
from .words import WORDS
from .mentions import (
    _ANIMALS, _NON_PERSONS,
    _Raw, _Trigger, _age_after_person, _age_at, _has_victim_noun, _implicit,
    _is_number_start, _is_partitive, _is_trap, _np_backward, _np_forward,
    _number_ending_at, _raw_from_q, _starts_trigger, multiplicity_of,
)
from .predicates import (
    _after_attempted, _before_harmed_clause, _conveyed_from, _suffered_wounds, _with_wounds,
    _dead_out_of_group, _is_hospital_place, _lives_lost, _not_a_zero_count,
    _in_as_well_as, _set_before, _skip_parenthetical, _succumbed_to_wounds, aux_real,
)
from .accounting import _death_told
from .lists import _ListReading
from .subjects import _SubjectReading
from .antecedents import _AntecedentReading
from .bodies import _BodyReading
from .own_deaths import _OwnDeathReading
from .objects import _ObjectReading
from .implicit import _ImplicitReading


_AUX = WORDS.set("aux")
_BE_HAVE = WORDS.set("be_have")
_WOUND_KINDS = WORDS.set("wound_kinds")
_MODALS = WORDS.set("modals")
_INTENTIONS = WORDS.set("intentions")
_MODAL_ADVERBS = WORDS.set("modal_adverbs")
_HARM_VERBS = WORDS.set("harm_verbs")
_TOLL_VERBS = WORDS.set("toll_verbs")
_SUCCUMB = WORDS.tuple("succumb")
_REFLEXIVES = WORDS.set("reflexive_pronouns")  # "killed himself": the attacker's own death
_COUNT_GROUPS = WORDS.set("count_group_nouns")


# --------------------------------------------------------------------------- patterns

#: Words that open the means of an attack between its verb and its object ("killed using small
#: arms fire 2 soldiers", "killed, likely with gunfire, 3 members").
_MEANS_OPENERS = WORDS.set("means_openers")
#: How many tokens the means may take before the object's figure.
_MEANS_REACH = 6


def _past_coordinated_verb_or_means(toks, j: int, lex, floors) -> int:
    """Where the object of an active harm verb starts, past a second verb that shares it ("killed
    and beheaded 2 soldiers") or the means of the attack ("killed using small arms fire 2
    soldiers"): the figure's token when one stands there, else ``j``."""
    n = len(toks)
    if j + 2 < n and toks[j].low == "and" and toks[j + 1].low.endswith("ed") and toks[j + 1].low.isalpha() \
            and number_at(toks, j + 2, lex, floors) is not None:
        return j + 2
    k = j + (j < n and toks[j].low == ",")
    if k < n and toks[k].low in _MEANS_OPENERS or (k + 1 < n and toks[k + 1].low in _MEANS_OPENERS):
        opener = k if toks[k].low in _MEANS_OPENERS else k + 1
        for m in range(opener + 2, min(n, opener + 1 + _MEANS_REACH)):  # a means of one word at least
            if toks[m].low in (".", ";", ":") or _starts_trigger(toks, m):
                break
            q = number_at(toks, m, lex, floors)
            if q is not None and (toks[m - 1].low == "," or toks[m - 1].low.isalpha()):
                np_end = _np_forward(toks, q.last, lex, floors)
                return m if _has_victim_noun(toks, q.last, np_end, lex) else j  # not "with three gunshot marks"
    return j

def _none_of(toks, i: int) -> Optional[int]:
    """Where "none of (the)" or "neither of (the)" opens the figure at token ``i`` ("neither of
    the two men was hurt", "none of the 12 passengers"): nobody of that group, a zero count."""
    for k in (i - 3, i - 2):
        if k >= 0 and toks[k].low in ("none", "neither") and toks[k + 1].low == "of" and \
                (k + 2 == i or toks[k + 2].low in ("the", "their", "those", "these")):
            return k
    return None


def _hypothetical(toks, i: int) -> bool:
    """The verb at ``i`` follows a modal ("could die", "would never hurt her", "won't kill") or
    "to" after a verb of intention ("threatened to kill", "did not mean to hurt him"): a harm
    that may not have happened.  The caller checks that the verb is in its base form."""
    j = i - 1
    while j >= 0 and toks[j].low in _MODAL_ADVERBS:
        j -= 1
    if j < 0:
        return False
    if toks[j].low in _MODALS:
        return True
    return toks[j].low == "to" and j > 0 and toks[j - 1].low in _INTENTIONS


class _Sentence(_SubjectReading, _ImplicitReading, _ListReading, _ObjectReading, _AntecedentReading, _BodyReading,
                _OwnDeathReading):
    """One sentence being read: its tokens, the numbers already attached (``used``) and the
    figures read so far (``raws``); :meth:`run` reads every trigger of the sentence."""

    def __init__(self, text, toks, lex, floors, policy, told_before=()):
        self.text, self.toks, self.lex, self.floors, self.policy = text, toks, lex, floors, policy
        self.used = set()  # token index of numbers already attached
        self.raws: List[_Raw] = []
        self._list_ids = 0
        self.told_before = told_before  # the claims of the sentences before, read already (bodies: "their bodies")

    def _try(self, make):
        """Run ``make`` with a way back: :meth:`_undo` restores what it added."""
        self._saved = (set(self.used), len(self.raws), self._list_ids)
        return make()

    def _undo(self):
        used, n, ids = self._saved
        self.used, self._list_ids = used, ids
        del self.raws[n:]

    # -- figure first: "44 people were killed"
    def _aux_before(self, k: int) -> Tuple[int, List[str]]:
        """The auxiliaries (and "shot and") read back from ``k``: where they start, and the words."""
        toks = self.toks
        aux = []
        while k > 0 and len(aux) < 5:
            w = toks[k - 1].low
            if w in _AUX:
                aux.append(w)
                k -= 1
            elif w in ("and", "or") and k >= 2 and toks[k - 2].low in _HARM_VERBS:
                aux.append(toks[k - 2].low)  # "were shot and killed"
                k -= 2
            elif w in _HARM_VERBS and aux == [] and k >= 2 and toks[k - 2].low in _AUX:
                aux.append(w)
                k -= 1
            else:
                break
        return k, aux

    def before(self, trig: _Trigger) -> Optional[_Raw]:
        toks, lex, floors = self.toks, self.lex, self.floors
        k, aux = self._aux_before(trig.first)
        k = _skip_parenthetical(toks, k)
        if k >= 1 and _age_after_person(toks, k - 1, lex):
            k -= 2  # "A girl, 9 was killed": the age of the one person before it
        harmed = _before_harmed_clause(toks, k, lex, floors) if trig.category == "killed" else None
        if harmed is not None:
            head, of_at, p = harmed
            # the harm verb read "one of five people shot" as a part of the shot; it is the dead
            self.raws = [r for r in self.raws if not (r.subset and r.first == head.first and r.category != trig.category)]
            self.used.update(x.first for x in head.numbers)
            return _raw_from_q(trig.category, head, head.first, trig.last, (of_at, p), self.policy)
        np_end = k
        np_start = _np_backward(toks, np_end, lex, floors)
        set_start = _set_before(toks, np_end) if np_start == np_end else np_end
        if set_start < np_end:
            # "one of them died", "one of the wounded has died": the "one" may be read as a part of
            # the wounded too, and says here how many died
            np_start = set_start
        q = _number_ending_at(toks, np_start, lex, floors) if np_start > 0 else None
        if q is not None and q.first >= 3 and toks[q.first - 1].low == "including" and toks[q.first - 2].low == ",":
            np_start, np_end, q = self._head_before_including(q, np_start, np_end)
        non_person = np_end > np_start and toks[np_end - 1].low in _NON_PERSONS and \
            not _has_victim_noun(toks, np_start, np_end, lex)
        if non_person and toks[np_end - 1].low in _ANIMALS:
            return None  # "a dog was found dead"
        if q is not None and non_person:
            q = None  # "an employee of one of the hotels": the one is a hotel
        if q is not None and trig.word in ("wound", "wounds", "injury", "injuries") and \
                any(t.low in _WOUND_KINDS for t in toks[np_start:np_end]):
            return None  # "a total of 94 stab wounds": wounds counted, not people
        if q is not None and _is_trap(toks, q, np_end, lex):
            q = None  # "12 members of the 11th Division were killed": no figure next to the verb
        passive = any(a in _BE_HAVE and a not in ("has", "have", "had") for a in aux)
        # "died" has a subject as a passive does: "14 regime fighters and allied militiamen died"
        dies = trig.word in ("died", "perished") + _SUCCUMB and not aux
        if (passive or dies) and not getattr(self, "_coordinated", False):
            # the head of a long or listed subject: "Al-Bawi and two other officers were killed"
            raw = self._try(lambda: self.subject(trig, k))
            if raw is not None and (q is None or (raw.list_id == -1 and q.numbers[0].first in self.used)):
                return raw  # no figure next to the verb, or a listed subject that holds it
            if raw is not None:
                self._undo()
        if q is not None and (q.numbers[0].first not in self.used or set_start < np_end):
            zero_at = q.first - 1 if q.first > 0 and toks[q.first - 1].low in ("no", "not") else _none_of(toks, q.first)
            if zero_at is not None:  # "no one was hurt", "neither of the two men was hurt"
                if _not_a_zero_count(toks, zero_at, trig):
                    return None
                return _implicit(trig.category, 0, zero_at, trig.last, (np_start, np_end),
                                 " ".join(t.low for t in toks[zero_at:q.last]))
            if (aux_real(aux) or trig.word in ("died", "dies", "die", "perished") + _SUCCUMB) and q.first >= 2 \
                    and toks[q.first - 1].low in ("the", "of"):
                # "one of the two hijackers was killed": the figure is the one, the two is the set
                of_at = q.first - 2 if toks[q.first - 1].low == "the" else q.first - 1
                head = _number_ending_at(toks, of_at, lex, floors) if toks[of_at].low == "of" else None
                if head is not None and head.numbers[0].first not in self.used:
                    self.used.update(x.first for x in q.numbers)
                    return _raw_from_q(trig.category, head, head.first, trig.last, (of_at, np_end), self.policy)
            raw = _raw_from_q(trig.category, q, q.first, trig.last, (np_start, np_end), self.policy)
            raw.subset = _is_partitive(toks, np_start, self.lex, self.floors) and \
                not _dead_out_of_group(toks, np_start, trig.category, lex, floors)
            lead = [] if raw.subset else self._groups_before(trig.category, q.first, np_start, np_end)
            if lead:
                # "3 men, 1 woman wounded", "Three women and one man injured": the groups before
                # the last one are listed with it, and the figure is their sum
                raw.last = np_end
                members = lead + [raw]
                for p in members:
                    self.used.update(p.numbers_used)
                self.raws.extend(members)
                total = self._listed(members)
                total.last = trig.last
                return total
            return raw
        return self._implicit_before(trig, k, aux, np_start, np_end, non_person)

    def _groups_before(self, category: str, first: int, np_start: int, np_end: int) -> List[_Raw]:
        """A headline's list of numbered groups of people that ends with the figure at ``first``:
        "2 boys, 2 girls shot", "Three women, one man injured", "4 adults and a child shot".  The
        list must open the sentence (or follow a colon, a dash or "left": "gunfire leaves 3 men, 1
        woman wounded"), every group must be a figure
        with a noun of people, and the groups are returned in text order (without the last)."""
        toks, lex, floors = self.toks, self.lex, self.floors
        if np_end <= np_start or toks[np_end - 1].low not in lex.victims:
            return []
        parts, j = [], first
        while j >= 2 and (toks[j - 1].low in (",", "and") or (j >= 4 and _in_as_well_as(toks, j - 1))) and len(parts) < 6:
            end = j - 1
            if toks[end].low == "as":
                end -= 2  # "four soldiers as well as two militiamen dead"
            if toks[end].low == "and" and toks[end - 1].low == ",":
                end -= 1
            start = _np_backward(toks, end, lex, floors)
            if start == end or toks[end - 1].low not in lex.victims:
                return []
            if start > 0 and toks[start - 1].low in ("a", "an"):
                q = None  # "4 adults and a child": one person
                at = start - 1
            else:
                q = _number_ending_at(toks, start, lex, floors)
                if q is None or q.numbers[0].first in self.used or _is_trap(toks, q, end, lex):
                    return []
                at = q.first
            part = (_raw_from_q(category, q, at, end, (start, end), self.policy) if q is not None else
                    _implicit(category, 1, at, end, (start, end), " ".join(t.low for t in toks[at:end])))
            parts.insert(0, part)
            j = at
        if not parts or (j > 0 and toks[j - 1].low not in (":", "-", "–", "—", "|", "leaves", "left", "leaving")):
            return []
        return parts

    # -- verb first: "killing at least 44 people", "the death toll rose to 52"
    def _figure_start_after(self, trig: _Trigger) -> Optional[int]:
        """Where a figure after the predicate may start: past a toll's verb ("rose to"), a noun's
        "of", an inverted "Killed were"; ``None`` if there is no room for one."""
        toks, lex, floors = self.toks, self.lex, self.floors
        j = trig.last
        if trig.kind == "toll" or (trig.kind == "noun" and j < len(toks) and toks[j].low in _TOLL_VERBS):
            # "the death toll from Sunday's bombing rose to 31": the first figure within reach
            limit = min(len(toks), j + 12)
            while j < limit and toks[j].low not in (";", ".", ":") and number_at(toks, j, lex, floors) is None:
                j += 1
            if j >= limit or toks[j].low in (";", ".", ":"):
                return None
            q = qualified_at(toks, j, lex, floors)
            j = q.first if q is not None else j
        elif trig.kind == "noun":
            if j < len(toks) and toks[j].low == "of":
                j += 1
            else:
                return None
        if j >= len(toks):
            return None
        if trig.kind in ("verb", "state") and (trig.first == 0 or toks[trig.first - 1].low in ("those", "also")):
            # inverted: "Killed were two soldiers", "Also killed in the attack was the assistant's son"
            for v in range(j, min(j + 7, len(toks))):
                if toks[v].low in ("were", "are", "was", "is"):
                    j = v + 1
                    break
                if toks[v].low in (",", ".", ";") or _is_number_start(toks, v, lex, floors):
                    break
            if j >= len(toks):  # "Killed were" and nothing after
                return None
        if trig.kind == "verb":
            j = _past_coordinated_verb_or_means(toks, j, lex, floors)  # "killed and beheaded 2", "killed using gunfire 2"
        if j + 3 < len(toks) and toks[j].low in ("a", "an") and toks[j + 1].low in _COUNT_GROUPS \
                and toks[j + 2].low == "of" and number_at(toks, j + 3, lex, floors) is not None:
            j += 3  # "killed a family of 4": the group's figure counts its people
        if toks[j].low in ("another", "the", "his", "her", "their") and j + 1 < len(toks) \
                and number_at(toks, j + 1, lex, floors) is not None \
                and not number_at(toks, j + 1, lex, floors).vague and not _age_at(toks, j + 1):
            j += 1  # "wounded another nine", "massacred the four individuals"; not "his 54-year-old"
        return j

    def after(self, trig: _Trigger) -> Optional[_Raw]:
        toks, lex, floors = self.toks, self.lex, self.floors
        j = self._figure_start_after(trig)
        if j is None:
            return None
        # "killed 15-year-old Marcus": the age is no figure; the implicit reading below takes it
        figure_reach = j if _age_at(toks, j) else min(j + 7, len(toks))
        starters = number_starters(lex, floors)
        for k in range(j, figure_reach):
            if not toks[k].low[0].isdigit() and toks[k].low not in starters:
                continue  # no number starts here: qualified_at finds none (as in qualified_from)
            q = qualified_at(toks, k, lex, floors)
            if q is None or q.first != j:
                continue
            if q.numbers[0].first in self.used:
                return None
            np_end = _np_forward(toks, q.last, lex, floors)
            if _is_trap(toks, q, np_end, lex) or (np_end > q.last and toks[np_end - 1].low in _NON_PERSONS
                                                  and not _has_victim_noun(toks, q.last, np_end, lex)):
                return None
            if q.first > 0 and toks[q.first - 1].low in ("no",):
                return None
            raw = _raw_from_q(trig.category, q, trig.first, max(np_end, q.last), (q.last, np_end), self.policy)
            if raw.qualifier == "exact" and np_end > q.last and np_end + 1 < len(toks) \
                    and toks[np_end].low == "or" and toks[np_end + 1].low == "more":
                # "killed 25 people or more": the hedge after the noun
                raw.qualifier, raw.high, raw.last = "at_least", None, np_end + 2
            # "killing one of them and wounding 28 others": the dead out of a group (the people
            # attacked) are the toll, not a part of one ("killing two of the dead" is no use)
            raw.subset = _is_partitive(toks, q.last, lex, floors) and not (
                q.numbers[0].word == "both" or toks[q.first].low == "all") and \
                not _dead_out_of_group(toks, q.last, trig.category, lex, floors)
            return raw
        return self._implicit_after(trig, j)

    def _harmed_others_before(self, i: int) -> bool:
        """A figure of people killed or shot stands before token ``i`` in the sentence: "killed his
        two sons before fatally shooting himself" - the one who then shot himself is the attacker."""
        return any(r.category in ("killed", HIT) and r.last <= i and r.value != 0 and not r.self_death
                   for r in self.raws)

    def _read_pair(self, trig: _Trigger, nxt: _Trigger) -> Optional[str]:
        """Two predicates joined by "and" / "or" ("shot and killed", "killed and wounded 50",
        "abducted and killed 3 fighters", "killed and beheaded 2 soldiers"): ``"first"`` when
        ``trig`` is read here or left to ``nxt``, ``"both"`` when both are read here, else ``None``."""
        toks = self.toks
        if nxt.first != trig.last + 1 or toks[trig.last].low not in ("or", "and", "/", "nor"):
            return None
        active = trig.kind == "verb" and nxt.kind == "verb" and not (trig.first > 0 and toks[trig.first - 1].low in _BE_HAVE)
        if nxt.category == trig.category:
            # "killed and beheaded 2 soldiers": an active pair with one object, which the second reads
            return "first" if active and toks[trig.last].low == "and" else None
        if HIT in (trig.category, nxt.category):
            return "first" if trig.category == HIT else None  # "shot and killed": the second word says what happened
        # "killed or wounded", "killed and injured 50": one figure for both categories, so it is
        # neither's -- unless it is zero ("no one was killed or injured"), or both happened to the
        # same people ("kidnapped and murdered")
        if trig.kind == "state" and nxt.kind == "verb" and any(
                number_at(toks, x, self.lex, self.floors) is not None for x in range(nxt.last, min(len(toks), nxt.last + 3))):
            return None  # "left 4 soldiers dead and injured about ten others": two predicates, two figures
        both = toks[trig.last].low == "and" and {trig.category, nxt.category} & {"kidnapped", "captured", "missing"}
        raw = (self._try(lambda: self.after(nxt)) if both and active else None) or self.before(trig)
        if raw is not None and (raw.value == 0 or both):
            self.used.update(raw.numbers_used)
            self.raws.append(attrs.evolve(raw, category=trig.category, first=min(raw.first, trig.first)))
            self.raws.append(attrs.evolve(raw, category=nxt.category, last=max(raw.last, nxt.last)))
        return "both"

    def run(self, triggers: Sequence[_Trigger]) -> List[_Raw]:
        toks = self.toks
        skip_next = None
        for idx, trig in enumerate(triggers):
            if trig is skip_next:
                continue
            if idx + 1 < len(triggers):
                done = self._read_pair(trig, triggers[idx + 1])
                if done == "both":
                    skip_next = triggers[idx + 1]
                if done:
                    continue
            if trig.kind == "casualties":
                self.raws.extend(self.zero(trig))
                continue
            if _is_hospital_place(trig):
                self._read_hospital_place(trig)
                continue
            if self._no_event(trig):
                continue
            if trig.kind == "multiple":
                self._read_multiple(trig)
                continue
            if trig.category == "killed" and not _REFLEXIVES.isdisjoint(trig.word.split()):
                self.read_own_death(trig)
                continue
            if trig.word == "death" and trig.first > 0 and toks[trig.first - 1].low == "to":
                self._read_to_death(trig)
                continue
            if trig.word in ("lives", "life") and not _lives_lost(toks, trig):
                continue  # "Two lives changed forever": only lives lost, cost or claimed are deaths
            if trig.word in ("body", "bodies", "death", "deaths"):
                # "his body was found", "2 fighters' bodies", "which led to his death"
                raw = self.read_body(trig) if trig.word.startswith("bod") else self.read_owned_death(trig)
                if raw is not None:
                    self.raws.append(raw)
                    continue
            zeros = self.zero(trig) if trig.kind == "noun" else []
            if zeros:
                self.raws.extend(zeros)
                continue
            self._read_trigger(trig)
        return self.raws

    def _read_hospital_place(self, trig: _Trigger) -> None:
        """ "sent four people to the hospital": people hit, some of whom may have died there, so it
        is read like a shot figure (those killed are taken off); one person "taken to the hospital"
        tells no figure of its own."""
        toks = self.toks
        raw = self.before(_conveyed_from(toks, trig))
        rest = self.text[toks[trig.last - 1].end:toks[-1].end]
        if raw is None or _death_told(rest):
            return
        if raw.basis.startswith("implicit"):
            if not _with_wounds(toks, trig.last):
                return
            raw.category = "injured"  # "a boy was taken to the hospital with a gunshot wound": one hurt
        else:
            raw.category = HIT
        self.used.update(raw.numbers_used)
        self.raws.append(raw)

    def _no_event(self, trig: _Trigger) -> bool:
        """An intention ("threatened to kill", "could die"), "succumbed" to no wounds, or an
        attempted killing: the trigger tells of no harm that happened."""
        toks = self.toks
        if trig.kind == "verb" and not trig.word.endswith(("ed", "ing", "s", "n")) and _hypothetical(toks, trig.first):
            return True  # "threatened to kill the hostages", "would never hurt her": an intention, not an event
        if trig.word in _SUCCUMB and not _succumbed_to_wounds(toks, trig.last):
            return True  # "succumbed to pressure": only succumbing to wounds is a death
        if trig.category == "killed" and _after_attempted(toks, trig.first):
            return True  # "the attempted murders of five teenagers": a charge for people who lived
        return False

    def _read_multiple(self, trig: _Trigger) -> None:
        """ "the quadruple shooting": the adjective counts the people shot, a figure resolved with
        the report's deaths like any shot figure ("4 shot minus 1 killed")."""
        n = multiplicity_of(trig.word.split()[0])
        self.raws.append(_Raw(trig.category, "exact", n, n, n, (n,), trig.first, trig.last, (trig.first, trig.last),
                              basis=f"'{self.text[self.toks[trig.first].start:self.toks[trig.last - 1].end]}': {n} victims"))

    def _read_to_death(self, trig: _Trigger) -> None:
        """ "stabbed a Kurdish school guard to death": the harm verb's object."""
        toks = self.toks
        for v in range(trig.first - 2, max(-1, trig.first - 10), -1):
            if toks[v].low in _HARM_VERBS or toks[v].low in ("hacked", "burned", "burnt", "stoned", "clubbed",
                                                             "bludgeoned", "kicked"):
                hit = next((r for r in self.raws if r.category == HIT and r.first == v), None)
                if hit is not None and hit.last == trig.first - 1:
                    # "stabbed 1 soldier to death": the figure read as people hit, up to "to death", is of the dead
                    hit.category, hit.last = "killed", trig.last
                    break
                raw = self.after(_Trigger("killed", "verb", v, v + 1, toks[v].low))
                if raw is not None:
                    raw.last = max(raw.last, trig.last)
                    self.used.update(raw.numbers_used)
                    self.raws.append(raw)
                    self.continue_list(raw)
                break

    def _read_trigger(self, trig: _Trigger) -> None:
        """The common case: the figure before or after the predicate, by its kind and auxiliary;
        then the list it may open and the total it may be a part of."""
        toks = self.toks
        raw = None
        got = _suffered_wounds(toks, trig)
        if got is not None:
            # "three others sustained non-fatal bullet wounds": people hit, read before the verb
            trig = attrs.evolve(trig, category=HIT, kind="phrase", first=got)
        k = trig.first
        while k > 0 and toks[k - 1].low in _AUX and toks[k - 1].low not in _BE_HAVE:
            k -= 1  # adverbs: "also killed", "were later found"
        aux_before = k > 0 and toks[k - 1].low in _BE_HAVE
        ing = trig.kind == "verb" and trig.word.endswith("ing")
        if trig.kind in ("toll",) or ing:
            raw = self.after(trig)
        elif trig.kind == "noun":
            raw = self.before(trig) or self.after(trig)
        elif aux_before and toks[k - 1].low in ("has", "have", "had") and trig.kind == "verb":
            raw = self.after(trig) or self.before(trig)  # "the war has killed 380,000"
        elif aux_before:
            raw = self.before(trig)
        else:
            raw = (self.after(trig) if trig.kind in ("verb", "phrase") else None) or self.before(trig)
        if raw is None:
            return
        self.used.update(raw.numbers_used)
        self.raws.append(raw)
        if raw.value != 0:
            self.continue_list(raw)
        if not raw.basis.startswith("implicit"):
            self._subset_of_total(raw)

    def _subset_of_total(self, raw: _Raw) -> None:
        """ "Up to 18 of the 25 killed": the 18 is a subset of the stated 25."""
        toks = self.toks
        i = raw.first
        for skip in (("of", "the"), ("of",)):
            n = len(skip)
            if i - n > 0 and tuple(t.low for t in toks[i - n:i]) == skip:
                q = _number_ending_at(toks, i - n, self.lex, self.floors)
                if q is not None and q.numbers[0].first not in self.used:
                    part = _raw_from_q(raw.category, q, q.first, q.last, (i, i), self.policy)
                    part.subset = True
                    self.used.update(part.numbers_used)
                    self.raws.append(part)
                return
