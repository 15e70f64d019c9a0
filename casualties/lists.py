"""Stage 2b of claim extraction: lists of victims ("30 troops, as well as 20 IS members and two
civilians", "including three children").

Takes a sentence being read (:class:`casualties.clauses._Sentence`, through the
:class:`_ListReading` mixin it inherits) and a position after a figure; gives the list's parts
as :class:`~casualties.mentions._Raw` records, their sum, and the rules that drop an
enumeration or the next clause's subject from a list.  Uses only :mod:`casualties.mentions`.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

from .numbers import qualified_at, qualified_from
from .words import WORDS
from .mentions import (
    _ANIMALS, _NON_PERSONS, _is_report_verb,
    _DEATH_WORDS_RE, _Raw, _age_aside, _age_at, _drop_spelled_out, _has_victim_noun, _implicit,
    _in_other_state, _is_number_start, _is_partitive, _is_trap, _name_end, _np_forward, _np_word,
    _one_person_noun, _plural_noun, _raw_from_q, _starts_trigger, _trigger_tables, _victim_group,
)


_AUX = WORDS.set("aux")
_SINGULAR_AUX = WORDS.set("singular_aux")
_PLURAL_AUX = WORDS.set("plural_aux")
_GENERIC_PEOPLE = WORDS.set("generic_people")
_COLLECTIVES = WORDS.set("collectives")
_COUNT_GROUPS = WORDS.set("count_group_nouns")


class _ListReading:
    """The list-reading methods of :class:`casualties.clauses._Sentence` (it inherits them)."""


    # -- lists: "30 troops, as well as 20 IS members and two civilians"
    def list_parts(self, j: int, category: str, stop: Optional[int] = None,
                   predicate: bool = False) -> List[_Raw]:
        """Figures chained after token ``j`` by "," / "and" / "as well as" / "including".
        ``predicate``: the figure before ``j`` is the subject of its casualty words ("one person
        is dead"), so a figure after "and" with a verb of its own starts another clause."""
        toks, lex, floors = self.toks, self.lex, self.floors
        stop = len(toks) if stop is None else stop
        parts, subset, apposition = [], False, False
        while j < stop and len(parts) < 8:
            if toks[j].low in ("who", "which", "that"):
                # "an interpreter who works with US troops and three other contractors"
                r = j + 1
                while r < stop and r - j < 10 and toks[r].low not in ("and", ",", ".", ";") and \
                        toks[r].low not in _trigger_tables()[0]:
                    r += 1
                if r < stop and toks[r].low == "and":
                    j = r
            j += _age_aside(toks, j, stop)  # "Ronald Hill, 33, and Kendra Hill, 28,"
            j = _past_post_modifier(toks, j, stop, lex, floors)  # "two fighters in the ranks of X and ..."
            past = _past_person_modifier(toks, j, stop, lex)  # "Nasir Ali, the head of the office, and six guards"
            while past != j:  # "the chief of a tribe, the Atayfat tribe, along with two of his nephews"
                j, past = past, _past_person_modifier(toks, past, stop, lex, person_told=True)
            prev_end = j
            k, joiner = self._joiner_at(j, stop)
            if not joiner or k >= stop or len(joiner) > 4 or joiner[0] in ("of", "them", "whom") or joiner[-1] == "of":
                break
            if "as" in joiner and "well" not in joiner:
                break
            if _not_a_joiner(toks, j, joiner):
                break  # "along the road", "a fighter affiliated with the army"
            if toks[k].low in ("their", "his", "her", "its", "the") and k + 1 < stop \
                    and _is_number_start(toks, k + 1, lex, floors) and not _age_at(toks, k + 1):
                k += 1  # "his wife and their two children": the two is a figure of its own
            read = self._list_part(k, joiner, category, stop)
            if read is None:
                if joiner[-1] == "and" and _opens_casualty_clause(toks, k) and all(p.numbers_used for p in parts):
                    # "killing five civilians, four fighters and wounding ten": the "and" joins
                    # the clauses, and the figures before it are a list all the same (a phrase
                    # without a figure, ", the ruling party", stays an apposition)
                    for p in parts:
                        p.list_id = None if p.list_id == -2 else p.list_id
                break
            part, np_end, named, partitive = read
            if partitive:
                subset = True
            if self._ends_list(parts, joiner, np_end, named, stop, category, predicate):
                break
            if "including" in joiner or "among" in joiner or ":" in joiner:
                subset = True
            j = np_end
            if joiner == [","] and named and _one_person_noun(toks[prev_end - 1], lex, titles=True):
                continue  # "his wife, Mary Smith", "a Sunni Imam, Sheik Khaled": the name of the person just told of
            if joiner == [","] and toks[k].low in ("a", "an"):
                apposition = True
                continue  # ", an American naval officer": an apposition, the same person
            if apposition and toks[k].low in ("a", "an"):
                continue  # "..., a Sunni cleric and a member of the council": still the same person
            # a comma alone: a list only if an "and" follows (", then himself" is one more, though)
            part.list_id = -2 if joiner == [","] and not part.self_death else None
            part.joined_by_comma = joiner[0] == ","
            part.comma_and = joiner == [",", "and"]
            part.subset = subset  # "himself and 15 others, including two Americans": from here on
            parts.append(part)
            self.used.update(part.numbers_used)
        return self._close_list(parts, subset)

    def _ends_list(self, parts: List[_Raw], joiner: List[str], np_end: int, named: int, stop: int,
                   category: str, predicate: bool) -> bool:
        """Whether the part just read (ending at ``np_end``) ends the list instead of joining it: a
        cited source, a figure with a category word of its own (then the next subject is dropped
        from ``parts``), another state."""
        toks, lex = self.toks, self.lex
        if np_end > stop or (np_end < len(toks) and _is_report_verb(toks, np_end)):
            return True  # ", a hospital official said": the source, not a victim
        # a figure with its own category word is a claim of its own ("and wounding 8"), also
        # past an aside ("and eight others, including a 14-year-old girl, have been wounded")
        v = np_end
        if v + 1 < len(toks) and toks[v].low == "," and toks[v + 1].low in ("including", "among", "most", "all"):
            w = v + 2
            while w < len(toks) and w - v < 14 and toks[w].low not in (",", ".", ";"):
                w += 1
            if w < len(toks) and toks[w].low == ",":
                v = w + 1
        if v + 1 < stop and toks[v].low == "and" and named and _name_end(toks, v + 1, stop, lex) not in (0, stop):
            # "were killed, and Jason Kimble and Lee Carter were injured": the next pair is the
            # subject of a claim of its own
            v = _name_end(toks, v + 1, stop, lex)
        start_v = v
        if predicate and category == "killed" and _opens_other_clause(toks, start_v):
            self._drop_next_subject(parts, joiner)
            return True  # "one person is dead and three others are being treated": not more dead
        while v < len(toks) and v - start_v < 4 and toks[v].low in _AUX:
            v += 1
        if v < len(toks) and _starts_trigger(toks, v) and np_end != stop:
            self._drop_next_subject(parts, joiner)
            return True  # "and his wife was severely wounded": a claim of its own
        if _in_other_state(toks, np_end):
            return True  # "left one dead and three others in the hospital": another state, not a list
        if predicate and "and" in joiner and "well" not in joiner and _own_verb_ahead(toks, np_end, stop):
            return True  # "A rabbi was killed and a man traveling with him injured": a clause of its own
        return False

    def _close_list(self, parts: List[_Raw], subset: bool) -> List[_Raw]:
        """The parts as the list gives them: spelled-out repeats dropped, commas without "and"
        read as appositions, a subset marked on every part."""
        parts = _drop_spelled_out(parts)
        if parts and not subset and all(p.list_id == -2 for p in parts):
            for p in parts:  # ", Werner Gustav Kehl": commas without "and" are appositions
                self.used.difference_update(p.numbers_used)
            parts = []
        for p in parts:
            p.list_id = None
        if subset and parts and parts[0].subset:
            for p in parts:
                p.subset = True
        return parts

    def _group_of(self, raw: _Raw) -> bool:
        """The figure counts a group's people: "a family of 4" (words.json count_group_nouns)."""
        at = min(raw.numbers_used, default=0)
        return at >= 2 and self.toks[at - 1].low == "of" and self.toks[at - 2].low in _COUNT_GROUPS

    def _joiner_at(self, j: int, stop: int) -> Tuple[int, List[str]]:
        """The words that join a list's next part at ``j`` (",", "and", "as well as", "including",
        ...): where the part starts, and the words."""
        toks = self.toks
        k = j
        joiner = []
        while k < stop:
            if toks[k].low in (",", "and", "as", "well", "along", "with", "plus", "including", ":", "among", "them", "whom", "of"):
                joiner.append(toks[k].low)
                k += 1
            elif tuple(t.low for t in toks[k:k + 3]) == ("in", "addition", "to"):
                joiner.append("in addition to")  # "6 fighters were killed, in addition to 3 bombers"
                k += 3
            else:
                break
        if joiner and joiner[-1] in ("and", ",") and k + 1 < stop and toks[k].low == "then" \
                and toks[k + 1].low in ("himself", "herself", "self"):
            k += 1  # "killed his wife and then himself", "killing 2, then himself"
        return k, joiner

    def _list_part(self, k: int, joiner: List[str], category: str, stop: int):
        """The list part at ``k``: the attacker's own death ("and himself"), a named person, one
        person ("a 15-year-old boy") or a figure ("and two civilians").  Gives ``(part, np_end,
        named, partitive)``, or ``None`` when no part starts here (the list ends)."""
        toks, lex, floors = self.toks, self.lex, self.floors
        partitive = False
        named = _name_end(toks, k, stop, lex)
        if not named and _age_at(toks, k) and k + 5 < stop:
            named = _name_end(toks, k + 5, stop, lex)  # "and 30-year-old Jim Lee"
        if category == "killed" and (toks[k].low in ("himself", "herself") and joiner[-1] in ("and", ",")
                                     or toks[k].low == "self" and (k + 1 == len(toks) or toks[k + 1].low != "-")):
            # "killed four classmates and himself", "kills 3, self": the attacker's own death, one more
            np_end = k + 1
            part = _implicit(category, 1, k, np_end, (k, np_end), toks[k].low)
            part.group, part.self_death = "armed group", True
        elif named:
            np_end = named
            part = _implicit(category, 1, k, np_end, (k, np_end), " ".join(t.text for t in toks[k:np_end]))
        elif toks[k].low in ("a", "an", "another", "his", "her", "the", "their") and k + 1 < stop \
                and (_np_word(toks[k + 1], lex, floors) or _age_at(toks, k + 1)):  # "a 15-year-old boy"
            np_end = _np_forward(toks, k + 1, lex, floors)
            if not _has_victim_noun(toks, k + 1, np_end, lex) and not toks[np_end - 1].text[:1].isupper():
                return None
            head = _head_before_of(toks, k + 1, np_end)  # "the driver of the bus": the driver is the head
            if head != np_end - 1 and toks[head].low not in lex.victims:
                return None  # "and the injury of others": no person at the head
            if toks[k].low in ("the", "their", "his", "her") and (_plural_noun(toks[head].low) or
                                                                  toks[head].low in _COLLECTIVES):
                return None  # "and the children", "and their allied militia": how many is not said
            if toks[np_end - 1].low in _ANIMALS:
                return None  # "his son and the family dog": a pet is no casualty
            part = _implicit(category, 1, k, np_end, (k + 1, np_end), " ".join(t.low for t in toks[k:np_end]))
        else:
            q = qualified_at(toks, k, lex, floors)
            hedged = q is None
            if hedged:  # "and at least three civilians": a hedge before the part's figure
                q = qualified_from(toks, k, lex, floors)
            if q is None or q.first != k and q.numbers[0].first != k or q.numbers[0].first in self.used:
                return None
            np_end = _np_forward(toks, q.last, lex, floors)
            if hedged and not _has_victim_noun(toks, q.last, np_end, lex):
                return None  # "and about 30 appeared to have been kidnapped": no people named
            if np_end == q.last or _is_trap(toks, q, np_end, lex) or \
                    (any(t.low in _NON_PERSONS for t in toks[q.last:np_end]) and not _has_victim_noun(toks, q.last, np_end, lex)):
                return None  # "and one tank destroyed": no person
            part = _raw_from_q(category, q, q.first, np_end, (q.last, np_end), self.policy)
            if _is_partitive(toks, q.last, lex, floors):
                partitive = True
        return part, np_end, named, partitive

    def _drop_next_subject(self, parts: List[_Raw], joiner: List[str]) -> None:
        """ "X was killed, and A and B were injured": the parts read since the last ", and" are
        the subject of the next verb, not more of the list."""
        if joiner != ["and"]:
            return
        for at in range(len(parts) - 1, -1, -1):
            if parts[at].comma_and:
                for p in parts[at:]:
                    self.used.difference_update(p.numbers_used)
                del parts[at:]
                return

    def _drop_enumeration(self, raw: _Raw, parts: List[_Raw]) -> List[_Raw]:
        """ "Two students, Shlomo Liman and Har'el Bin-Nun": names set off after a stated figure
        that spell it out are the same people, not more of them ("one officer and a civilian"
        joined by "and" alone are two)."""
        set_off = parts and any(t.low in (",", ":", "-", "–", "—", "(") for t in self.toks[raw.np[1]:parts[0].first])
        if set_off and raw.value and raw.value == sum(p.value or 0 for p in parts) \
                and all(p.basis.startswith("implicit") for p in parts) and not raw.basis.startswith("implicit"):
            for p in parts:
                self.used.difference_update(p.numbers_used)
            return []
        comma = parts and (parts[0].joined_by_comma or (raw.np[1] < len(self.toks) and self.toks[raw.np[1]].low == ","))
        if parts and raw.value and comma \
                and all(p.value is not None and p.qualifier == "exact" for p in parts) \
                and raw.value >= sum(p.value for p in parts) and (len(parts) >= 2 or raw.value > parts[0].value) \
                and (any(t.low in _GENERIC_PEOPLE for t in self.toks[raw.np[0]:raw.np[1]]) or self._group_of(raw)):
            # "Six people, three men and three women, were wounded": the same six, broken down;
            # "Three others, an 18-year-old woman and two men, were wounded": a breakdown too,
            # though only a part of it reads as a figure
            for p in parts:
                p.subset = True
        return parts

    def continue_list(self, raw: _Raw) -> None:
        toks = self.toks
        j = max(raw.last, raw.np[1])
        if j < len(toks) and toks[j].low in _trigger_tables()[0]:
            j += 1  # "the toll stood at 27 dead, nine of them civilians"
        j = _past_adjunct_to_list(toks, j)  # "was wounded in the attack, along with twelve others"
        predicate = raw.np[0] < raw.np[1] <= raw.last - 1  # "two men were killed", "one is dead"
        parts = self.list_parts(j, raw.category, predicate=predicate)
        parts = self._drop_enumeration(raw, parts)
        if not parts:
            return
        if parts[0].subset:
            self.raws.extend(parts)
            return
        self.raws.extend(parts)
        self.raws.append(self._listed([raw] + [p for p in parts if not p.subset]))  # not the parts after "including"

    def _listed(self, members) -> _Raw:
        """Mark ``members`` as the parts of one new list and return their sum."""
        self._list_ids += 1
        for p in members:
            p.part_of_list, p.list_id = True, self._list_ids
        return self._sum(members)

    def _sum(self, members) -> _Raw:
        low = sum(p.low for p in members)
        highs = [p.high for p in members]
        high = None if any(h is None for h in highs) else sum(highs)
        quals = {p.qualifier for p in members}
        qual = "exact" if quals == {"exact"} else ("at_least" if high is None else "between")
        if qual == "between" and low == high:
            qual = "exact"
        values = [p.value for p in members]
        value = sum(values) if all(v is not None for v in values) else None
        groups = {p.group or _victim_group(self.toks, p.np[0], p.np[1], self.lex) for p in members}
        return _Raw(members[0].category, qual, low, high, value, (value,) if value is not None else (),
                    min(p.first for p in members), max(p.last for p in members),
                    (members[0].np[0], members[-1].np[1]),
                    basis=f"sum of {len(members)} group figures", list_id=-1,
                    group=groups.pop() if len(groups) == 1 else "unknown")


def _head_before_of(toks, a: int, b: int) -> int:
    """The head noun of ``toks[a:b]``: the word before its first "of" ("the driver of the bus"),
    else its last word."""
    return next((x - 1 for x in range(a + 1, b) if toks[x].low == "of"), b - 1)


#: How far an apposition or an "of" phrase on one person may reach before the list goes on.
_MODIFIER_REACH = 16
#: What a list goes on with after such a modifier.
_AFTER_MODIFIER = ("and", "along", "together", "as")


def _past_person_modifier(toks, j: int, stop: int, lex, person_told: bool = False) -> int:
    """Past what is said of the one person just told of, to where the list goes on: an
    apposition set off by commas ("killed Nasir Ali, the assistant to the director of the office,
    and six of his guards"; "Nadia Mohammed, a senior official at the ministry, along with her
    driver") or an "of" phrase ("the commander of a special police force, his deputy, and six
    others"), when a joiner follows it; else ``j``.  The person is a name or a singular person noun
    before ``j``, or was told of before the modifier just passed (``person_told``)."""
    if j >= stop or j < 1 or toks[j].low not in (",", "of") or j + 1 >= stop:
        return j
    before = toks[j - 1]
    if not (person_told or before.text[:1].isupper() and before.low not in lex.victims
            or _one_person_noun(before, lex, titles=True)):
        return j
    if toks[j].low == "of" and toks[j + 1].low not in ("a", "an", "the", "his", "her", "its"):
        return j  # "two of the guards", "one of them": a part, no modifier
    if toks[j].low == "," and toks[j + 1].low not in ("a", "an", "the"):
        return j
    for c in range(j + 2, min(stop, j + _MODIFIER_REACH)):
        w = toks[c].low
        if w in (".", ";", ":") or _starts_trigger(toks, c):
            return j
        if w == "," or (toks[j].low == "of" and w == "and"):
            if toks[j].low == "of" or (c + 1 < stop and toks[c + 1].low in _AFTER_MODIFIER):
                return c
            return j
    return j


def _opens_other_clause(toks, v: int) -> bool:
    """ "Two men were killed and three others were taken to hospitals": a figure after "and"
    followed by a verb of its own that speaks of no death within its next words is the subject
    of another clause, not more of the dead."""
    if v >= len(toks) or toks[v].low not in _SINGULAR_AUX | _PLURAL_AUX | {"had"}:
        return False
    return not any(_DEATH_WORDS_RE.fullmatch(t.low) for t in toks[v + 1:v + 6])


#: How far past a list part its own casualty verb may come ("and another guard, Mehmet Ali, was injured").
_OWN_VERB_REACH = 12
_SUBJECT_VERB_STOPS = WORDS.set("subject_verb_stops")


def _own_verb_ahead(toks, k: int, stop: int) -> bool:
    """ "A was killed and B, his driver, was wounded", "two policemen were killed and six people,
    three of them civilians, were injured": after a predicate, a part joined by "and" that is
    followed, within its clause, by a casualty verb of its own is that verb's subject, not one more
    of those the predicate told of. The search ends at a new clause ("when", "who") or a source;
    a participle in "-ing" goes on with the predicate, not with the part."""
    for j in range(k, min(stop, len(toks), k + _OWN_VERB_REACH)):
        if toks[j].low in _SUBJECT_VERB_STOPS:
            return False
        if _starts_trigger(toks, j) and not toks[j].low.endswith("ing"):
            return True  # not "killing themselves and ten others, and wounding 150": the predicate's own
    return False


def _opens_casualty_clause(toks, k: int) -> bool:
    """A casualty word starts at token ``k``, or after "the" ("and wounding ten", "and the
    wounding of four"): a clause of its own, coordinated with the one before."""
    if k < len(toks) and toks[k].low == "the":
        k += 1
    return k < len(toks) and _starts_trigger(toks, k)


def _not_a_joiner(toks, j: int, joiner: List[str]) -> bool:
    """ "along the road" (no "with"), and a lone "with" right after a participle in the noun
    phrase ("fighters affiliated with the army", "a man associated with the group", not the
    predicate's own "was killed with his brother"): no list goes on there."""
    if "along" in joiner and "with" not in joiner:
        return True
    return joiner == ["with"] and j > 0 and toks[j - 1].low.endswith("ed") and not _starts_trigger(toks, j - 1)


_POST_MODIFIER_PREPOSITIONS = WORDS.set("post_modifier_prepositions")
#: How many tokens a listed figure's prepositional phrase may run before the list goes on.
_POST_MODIFIER_REACH = 9


def _past_post_modifier(toks, j: int, stop: int, lex, floors) -> int:
    """ "killed two fighters in the ranks of the opposition and one civilian", "10 members of the
    local militia and 4 members of ...": past a short prepositional phrase on the figure's noun,
    the "and" where the list goes on; else ``j``.  The phrase follows a noun (not the casualty
    word: "wounded in the attack and a vehicle was damaged"), holds no figure, no casualty word
    and no clause break, and the word after "and" opens a figure or one person ("a", "an")."""
    if j >= stop or toks[j].low not in _POST_MODIFIER_PREPOSITIONS or j == 0 or _starts_trigger(toks, j - 1):
        return j  # "were wounded in the attack and ...": a phrase on the verb, not on a noun
    for r in range(j + 1, min(stop, j + _POST_MODIFIER_REACH + 1)):
        w = toks[r].low
        if w == "and":
            nxt = r + 1
            if nxt < stop and (toks[nxt].low in ("a", "an") or _is_number_start(toks, nxt, lex, floors)):
                return r
            return j
        if w in (",", ".", ";", ":", "who", "which", "that", "while", "when", "after") or \
                _is_number_start(toks, r, lex, floors) or _starts_trigger(toks, r):
            return j
    return j


#: Words that open a short adjunct between a predicate and the list it goes on with.
_ADJUNCT_OPENERS = WORDS.set("adjunct_openers")
#: The joiners that may follow such an adjunct ("..., along with twelve others").
_LIST_JOINERS_AFTER_ADJUNCT = WORDS.phrases("list_joiners_after_adjunct")


def _past_adjunct_to_list(toks, j: int) -> int:
    """ "Murr was wounded in the attack, along with twelve other people": past a short adjunct
    ("in the attack", "on Sunday"), the comma before "along with" / "as well as", where the list
    goes on; else ``j``."""
    if j >= len(toks) or toks[j].low not in _ADJUNCT_OPENERS:
        return j
    end = min(len(toks), j + 7)
    c = next((x for x in range(j + 1, end) if toks[x].low in (",", ";", ".")), end)
    if c == end or toks[c].low != ",":
        return j
    nxt = tuple(t.low for t in toks[c + 1:c + 4])
    if not any(nxt[:len(p)] == p for p in _LIST_JOINERS_AFTER_ADJUNCT) or \
            any(_starts_trigger(toks, x) for x in range(j + 1, c)):
        return j
    return c
