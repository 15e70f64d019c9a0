"""Stage 2a of claim extraction: cues in the clause of a harm predicate.

Takes a sentence's tokens and a trigger or a position (:mod:`casualties.mentions`); gives the
yes/no and position answers that :class:`casualties.clauses._Sentence` asks while it reads a
clause: whether an auxiliary is real (:func:`aux_real`), whether a count is no zero
(:func:`_not_a_zero_count`), one-person subjects and person pairs
(:func:`_one_person_subject`, :func:`_one_person_head`, :func:`_person_pair_end`), a harmed
clause before a figure, "lives lost", "succumbed to wounds", a hospital place, an accident,
an attempt, a headline's agent, parentheticals.  Uses only :mod:`casualties.mentions`.
"""
from __future__ import annotations

from typing import Optional, Sequence, Tuple

import attrs

from .numbers import number_at, qualified_at
from .text import Token
from .words import WORDS
from .mentions import (
    _NON_PERSONS,
    _Trigger, _abbreviation_dot, _age_at, _has_victim_noun, _is_trap, _np_forward, _number_ending_at, _plural_noun,
    _starts_trigger, _trigger_tables,
)


_BE_HAVE = WORDS.set("be_have")
_PERSON_ADJECTIVES = WORDS.set("person_adjectives")
_NP_STOP = WORDS.set("np_stop") | WORDS.set("days")
_COLLECTIVES = WORDS.set("collectives")
_LIVES_VERBS = WORDS.set("lives_verbs")
_DEAD_SETS = WORDS.set("dead_sets")
_HARMED_PARTICIPLES = WORDS.set("harmed_participles")
_PAIR_DETERMINERS = WORDS.set("pair_determiners")
_SEVERITY = WORDS.set("severity")
_CASUALTY_NOUNS = WORDS.set("casualty_nouns")
_CONVEYED = WORDS.set("conveyed")
_WOUND_WORDS = WORDS.set("wound_words")
_WOUNDS_GOT = WORDS.set("wounds_got")
_WOUND_KINDS = WORDS.set("wound_kinds")
_OBJECT_OPENERS = WORDS.set("object_openers")


def _lives_lost(toks: Sequence[Token], trig) -> bool:
    """ "cost 44 lives", "claimed two lives", "44 lives were lost", "lives lost"."""
    before = {t.low for t in toks[max(0, trig.first - 5):trig.first]}
    after = [t.low for t in toks[trig.last:trig.last + 3]]
    return bool(before & _LIVES_VERBS) or "lost" in after


def _set_before(toks, end: int) -> int:
    """Start of a partitive set ending just before ``end`` ("of them", "of whom", "of the
    wounded"), or ``end`` when there is none."""
    if end >= 2 and toks[end - 2].low == "of" and toks[end - 1].low in ("them", "whom", "those", "these"):
        return end - 2
    if end >= 3 and toks[end - 3].low == "of" and toks[end - 2].low == "the" and toks[end - 1].low in _CASUALTY_NOUNS:
        return end - 3
    return end


def _dead_out_of_group(toks, i: int, category: str, lex, floors) -> bool:
    """ "one of them died", "two of the victims were killed", "one of whom died": the subject of a
    death counts the dead out of a larger group (those shot, the victims), so it is the death
    toll, not a part of one.  "Two of the dead", "one of the 25 killed" are parts of a toll."""
    if category != "killed" or i + 1 >= len(toks) or toks[i].low != "of":
        return False
    ref = toks[i + 2] if toks[i + 1].low in ("the", "those", "these") and i + 2 < len(toks) else None
    if ref is not None and (ref.low in _DEAD_SETS or number_at(toks, i + 2, lex, floors) is not None):
        return False
    return True


def _before_harmed_clause(toks, k: int, lex, floors):
    """ "One of five people shot outside the bar early Sunday has died": the subject of the death
    is "one of five people", followed by a participle clause saying how the five were harmed; the
    figure of the death is the "one", the five is the set.  Returns (the head figure, the "of",
    the participle) when the words before ``k`` are such a subject, else ``None``."""
    for p in range(k - 1, max(-1, k - 10), -1):
        w = toks[p].low
        if w in (",", ".", ";", ":", "and", "but", "who", "which", "that", "when", "after", '"', "“", "”"):
            return None
        if w not in _HARMED_PARTICIPLES:
            continue
        # a number, then optional person nouns, ending just before the participle, after "of (the)"
        j = p
        while j > 0 and p - j < 3 and toks[j - 1].low in lex.victims:
            j -= 1
        q = _number_ending_at(toks, j, lex, floors) if j > 0 else None
        if q is None:
            return None
        of_at = q.first - 1
        if of_at >= 0 and toks[of_at].low == "the":
            of_at -= 1
        head = _number_ending_at(toks, of_at, lex, floors) if of_at >= 1 and toks[of_at].low == "of" else None
        return (head, of_at, p) if head is not None else None
    return None


def _clause_after_claim(toks, s0: int, k: int) -> int:
    """Where the subject ending at ``k`` starts when a claim's clause comes before it: "Two men
    were killed, and Tony Vance and Carl Fry were wounded" - after the last ", and" that follows
    a category word ("Two policemen, three insurgents, and a civilian" has none)."""
    for x in range(k - 1, s0, -1):
        if _starts_trigger(toks, x):
            break
        if toks[x].low == "and" and toks[x - 1].low == "," and any(_starts_trigger(toks, y) for y in range(s0, x)):
            return x + 1
    return s0


def _one_person_head(toks, i: int, trig, lex) -> bool:
    """Token ``i`` after "the", "his", "her" names one person: a singular person noun ("the
    mayor"), or any singular common noun as the subject of "assassinated", a verb said only of
    people ("The director of the society was assassinated")."""
    t = toks[i]
    if not t.text[:1].islower() or _plural_noun(t.low) or t.low in _COLLECTIVES:
        return False
    if t.low in lex.victims:
        return True
    return trig.word.startswith("assassinat") and t.text.isalpha() and t.low not in _NON_PERSONS \
        and t.low not in _NP_STOP and t.low not in _trigger_tables()[0]


def _one_person_subject(toks, k: int, lex) -> bool:
    """The word before ``k`` is a subject that is one person: "he", "she", or "who" after a
    singular person ("the boy who died", "Teen who died", "Smith, who later died"); "the
    people who died" is no figure."""
    if k < 1:
        return False
    w = toks[k - 1].low
    if w in ("he", "she"):
        return True
    if w != "who" or k < 2:
        return False
    j = k - 2
    if toks[j].low == "," and j > 0:
        j -= 1
    head = toks[j]
    if head.low in lex.victims:
        return not _plural_noun(head.low) and head.low not in _COLLECTIVES
    return head.text[:1].isupper() and head.text.isalpha() and not head.text.isupper() and head.low not in _NP_STOP


def _one_person_np_end(toks, i: int, stop: int, lex, bare: bool) -> int:
    """End of a noun phrase at ``i`` that names one person by a common noun: "a man", "his
    11-year-old son", "the boy", "her young daughter", or a bare "mother", "son" (``bare``: no
    determiner needed); else 0.  Never a plural or a group ("the children", "his family")."""
    j = i
    if j < stop and toks[j].low in _PAIR_DETERMINERS:
        j += 1
    elif not bare:
        return 0
    j += _age_at(toks, j)
    for _ in range(3):
        if j >= stop:
            return 0
        t = toks[j]
        if t.low in lex.victims:
            if _plural_noun(t.low) or t.low in _COLLECTIVES or t.low.endswith("s"):
                return 0
            return j + 1
        if not (t.text.isalpha() and t.text.islower()) or t.low in _NP_STOP or t.low in _trigger_tables()[0]:
            return 0
        j += 1  # an adjective: "young", "elderly"
    return 0


def _person_pair_end(toks, i: int, stop: int, lex) -> Optional[Tuple[int, int]]:
    """ "A man and his son", "mother and son", "Father, daughter" (a headline), "the 7-year-old girl
    and her grandfather": two one-person noun phrases joined by "and" (or a bare comma between two
    bare nouns) are two people.  Returns where the joiner and the pair end, or None."""
    a = _one_person_np_end(toks, i, stop, lex, bare=True)
    if not a or a >= stop or toks[a].low not in ("and", ","):
        return None
    comma = toks[a].low == ","
    if comma and toks[i].low in _PAIR_DETERMINERS:
        return None  # "the man, a father of two": an apposition, the same person
    b = _one_person_np_end(toks, a + 1, stop, lex, bare=True)
    if not b or comma and toks[a + 1].low in _PAIR_DETERMINERS:
        return None
    return a, b


def _not_a_zero_count(toks, a: int, trig) -> bool:
    """The zero phrase from token ``a`` to the trigger tells no zero count: "no one else was
    hurt", "no other injuries" (nobody more, the figure told stands); "no life-threatening
    injuries", "none of the injuries were serious" (people were hurt, just not badly)."""
    if any(t.low in ("else", "other", "further", "additional", "more") for t in toks[a:trig.first]):
        return True
    if any(t.low in _SEVERITY for t in toks[a:trig.first]):
        return True
    j = trig.last
    if j < len(toks) and toks[j].low in ("were", "are", "was", "is", "appear", "appeared", "appears", "seemed"):
        j += 1
        while j < len(toks) and toks[j].low in ("considered", "believed", "thought", "deemed", "to", "be", "not"):
            j += 1
        return j < len(toks) and toks[j].low in _SEVERITY
    return False


def aux_real(aux) -> bool:
    """Whether the words collected before a verb hold a real auxiliary (not only adverbs)."""
    return any(a in _BE_HAVE for a in aux)


def _in_as_well_as(toks, i: int) -> bool:
    """Whether token ``i`` is an "as" of "as well as", which joins a list ("Nine fighters as
    well as a civilian were killed"), not the "as" that opens a clause ("as they fled")."""
    if toks[i].low != "as":
        return False
    return (i + 2 < len(toks) and toks[i + 1].low == "well" and toks[i + 2].low == "as") or \
        (i >= 2 and toks[i - 1].low == "well" and toks[i - 2].low == "as")


def _skip_parenthetical(toks, k) -> int:
    """Before ``k``, step over ", aged 23 and 25," or ", including two children,"."""
    if k < 2 or toks[k - 1].low != ",":
        return k
    j = k - 2
    while j >= 0 and k - j <= 10 and (toks[j].low not in (",", ".", ";", "(", ")") or _abbreviation_dot(toks, j)):
        j -= 1  # not at the dots of "including two U.S. servicemen"
    if j < 0 or toks[j].low != "," or j == k - 2:
        return k
    inner = toks[j + 1:k - 1]
    first = inner[0].low
    if first in ("aged", "including", "among", "mostly", "most", "all", "many", "some", "both", "which") or \
            (len(inner) <= 2 and inner[0].low[:1].isdigit()) or \
            (inner[0].low in ("a", "an") and len(inner) <= 7) or first in ("who", "whose"):
        return j
    return k


def _is_accident(toks, at: int) -> bool:
    """ "The boy accidentally shot and killed himself": a death by one's own hand told as an
    accident is the victim's, not an attacker's own death on top of his victims."""
    return any(t.low in ("accidentally", "unintentionally", "inadvertently") for t in toks[max(0, at - 4):at])


def _is_hospital_place(trig: _Trigger) -> bool:
    """An injured phrase of the lexicon that names where people were taken ("to the hospital",
    "in hospital"), not what befell them: read only with a stated figure and no death after it."""
    return trig.category == "injured" and trig.kind == "phrase" and trig.word.split()[0] in ("to", "in")


def _conveyed_from(toks, trig: _Trigger) -> _Trigger:
    """ "Three victims were taken to a hospital", "both were rushed to the hospital": the
    participle before the hospital phrase belongs to the verb, so the figure is read before it."""
    if trig.first > 1 and toks[trig.first - 1].low in _CONVEYED:
        return attrs.evolve(trig, first=trig.first - 1)
    return trig


def _with_wounds(toks, j: int) -> bool:
    """ "taken to the hospital with serious injuries", "rushed to a hospital for a gunshot wound":
    the one person carried there is told hurt when "with" / "for" names a wound within a few words."""
    if j >= len(toks) or toks[j].low not in ("with", "for"):
        return False
    for t in toks[j + 1:j + 5]:
        if t.low in _WOUND_WORDS:
            return True
        if not t.text[:1].isalpha():
            return False  # "taken to the hospital for treatment, with ...": another clause
    return False


def _suffered_wounds(toks, trig: _Trigger) -> Optional[int]:
    """ "three others sustained non-fatal bullet wounds", "two men suffered graze wounds": where
    the verb of getting wounds ("suffered", "sustained", "received") stands, up to eight tokens
    before "wounds" ("non-life-threatening" is five), the last a kind of wound ("bullet",
    "graze", "shrapnel"); None without the kind word, when a figure or
    determiner between makes it a count of wounds ("suffered 23 stab wounds") or one person's
    wounds ("a gunshot wound", "his wounds": read as one person elsewhere)."""
    if trig.word != "wounds" or trig.first == 0 or toks[trig.first - 1].low not in _WOUND_KINDS:
        return None  # "the other two suffered minor wounds" is read as injured, not as people hit
    for j in range(trig.first - 1, max(-1, trig.first - 9), -1):
        w = toks[j].low
        if w in _WOUNDS_GOT:
            return j
        if w in ("a", "an", "his", "her", "their") or not (w.isalpha() or w == "-"):
            return None
    return None


def _succumbed_to_wounds(toks, j: int) -> bool:
    """ "succumbed to his injuries", "succumbs to gunshot wounds", "two soldiers succumbed the
    next day": to succumb is to die of one's wounds, unless "to" names something else within a
    few words ("succumbed to pressure", "succumbed to temptation")."""
    if j >= len(toks) or toks[j].low != "to":
        return True
    return any(t.low in _WOUND_WORDS for t in toks[j + 1:j + 5])


def _agent_of_headline_verb(toks, trig, lex, floors) -> bool:
    """ "Man kills wife", "Man killed his wife and four kids, then himself": the person before
    an active verb with an object is the attacker, not a victim ("Man killed in shooting" is
    one dead).  A present-tense "kills" / "shoots" is never a headline's passive."""
    if trig.kind != "verb" or trig.word in ("dies", "died", "die") or " " in trig.word:
        return False
    if trig.word.endswith("s"):
        return True
    j = trig.last
    if j >= len(toks):
        return False
    nxt = toks[j].low
    if nxt in _OBJECT_OPENERS or (nxt in lex.victims and nxt not in ("people", "persons")):
        return True
    if nxt in ("the", "a", "an") or nxt in _PERSON_ADJECTIVES:
        # "Gunmen killed the families of the victims", "killed former party member X": an object
        start = j + 1 if nxt in ("the", "a", "an") else j
        np_end = _np_forward(toks, start, lex, floors)
        if np_end > start and _has_victim_noun(toks, start, np_end, lex):
            return True
    q = qualified_at(toks, j, lex, floors)  # "Man killed 2 neighbors", not "Teen killed 2 days after ..."
    if q is None:
        return False
    np_end = _np_forward(toks, q.last, lex, floors)
    return np_end > q.last and toks[np_end - 1].low in lex.victims and not _is_trap(toks, q, np_end, lex)


def _after_attempted(toks, i) -> bool:
    """The death word at ``i`` follows "attempted" ("attempted (first-degree) murder(s) of")."""
    j = i - 1
    if j >= 2 and toks[j].low == "degree" and toks[j - 1].low == "-":
        j -= 3
    return j >= 0 and toks[j].low in ("attempted", "attempt")
