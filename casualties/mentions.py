"""Stage 1 of claim extraction: the mentions in a sentence, before any clause reading.

Takes a sentence's tokens (:func:`casualties.text.tokenize`) and the lexicon; gives what is
*found* there, each on its own:

- harm-predicate triggers (:class:`_Trigger`, :func:`_triggers_in`; in
  :mod:`casualties.triggers`, re-exported here): the category words ("killed", "wounded",
  "death toll", ...), with the rules for "shot" as a noun and for hits;
- number phrases ending at a token (:func:`_number_ending_at`);
- victim noun phrases read forward or backward from a token (:func:`_np_forward`,
  :func:`_np_backward`): names, ages, person nouns, the victim group (:func:`_victim_group`),
  and the traps that make a number no count of people (:func:`_is_trap`);
- the :class:`_Raw` record of one figure-to-predicate attachment, with its constructors
  (:func:`_raw_from_q`, :func:`_implicit`).

Which figure and which victims a predicate takes is the next stage, :mod:`casualties.clauses`.
"""
from __future__ import annotations

import re
from typing import List, Optional, Sequence

import attrs

from .lexicon import Lexicon, load_lexicon
from .numbers import Qualified, interval, number_at, number_enders, number_inner_words, number_starters, qualified_at
from .text import Token
from .words import WORDS
from .triggers import (  # re-exported: the stages import the triggers from here
    _Trigger, _hit_in_shooting, _lower_scan, _shot_is_noun, _starts_trigger, _trigger_at, _trigger_starts,
    _trigger_tables, _triggers_in, _triggers_in_reference, trigger_spans,
)


_AUX = WORDS.set("aux")
_BE_HAVE = WORDS.set("be_have")
_SINGULAR_AUX = WORDS.set("singular_aux")
_DAYS = WORDS.set("days")
_NP_STOP = WORDS.set("np_stop") | WORDS.set("days")
_VAGUE_PARTS = WORDS.set("vague_parts")
_ANIMALS = WORDS.set("animals")
#: Things and places, animals included: a figure of them counts no people ("captured two villages").
_NON_PERSONS = WORDS.set("non_persons") | _ANIMALS
_UNIT_WORDS = WORDS.set("unit_words") | _ANIMALS
_SOURCE_HEADS = WORDS.set("source_heads")
_COLLECTIVES = WORDS.set("collectives")
_IRREGULAR_PLURALS = WORDS.set("irregular_plurals")
_NAME_PARTICLES = WORDS.set("name_particles")
_DETERMINERS = WORDS.set("determiners")
_EMERGENCY_CALL_WORDS = WORDS.set("emergency_call_words")
_CASUALTY_NOUNS = WORDS.set("casualty_nouns")
_REPORT_VERBS = WORDS.set("report_verbs")
_SET_REFERENCES = WORDS.set("set_references")


_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
#: Month names in full, but "may", which is far more often the modal verb.
_FULL_MONTHS = frozenset(m for m in _MONTHS if m != "may")
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9


_OTHER_STATE_RE = re.compile(r"(?:(?:was|were|is|are|remains?|remained)\s+)?(?:in|at)\s+(?:the\s+|a\s+)?"
                             r"(?:hospital|critical|serious|stable|fair|good|grave|custody)\b", re.IGNORECASE)


def _in_other_state(toks: Sequence[Token], i: int) -> bool:
    """ "three others in the hospital", "two in critical condition": a list part whose own words
    say it is not in the state the list is about."""
    return i + 1 < len(toks) and _OTHER_STATE_RE.match(" ".join(t.low for t in toks[i:i + 4])) is not None


def _plural_noun(word: str) -> bool:
    # "businessmen", "policemen", "tribeswomen": compounds of "men" and "women" are plural too
    # (not "abdomen", "specimen")
    return word in _IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith("ss")) \
        or (len(word) > 5 and word.endswith("men") and word[-4] not in "oi")


# --------------------------------------------------------------------------- helpers

def _is_number_start(toks, i, lex, floors) -> bool:
    return number_at(toks, i, lex, floors) is not None


def _np_word(tok: Token, lex: Lexicon, floors) -> bool:
    w = tok.low
    if len(tok.text) > 1 and tok.text.isupper() and tok.text.isalpha():
        return True  # an acronym: "IS members", "PKK fighters"
    if not (w[0].isalpha() or w in ("-", "'s", "’s")):
        return False
    if w in _NP_STOP or w in lex.units or w in lex.tens or w in lex.scales or w in _trigger_tables()[0]:
        return False
    if w in _VAGUE_PARTS or w in ("dozen", "both"):
        return False
    return True


def _age_at(toks, i) -> int:
    """5 when tokens ``i..i+4`` are an age compound "12-year-old", else 0 (the words after the
    number are read first: they rule out most tokens without a lexicon look-up)."""
    if i >= 0 and i + 5 <= len(toks) and toks[i + 1].low == "-" and toks[i + 4].low == "old" \
            and toks[i + 2].low in ("year", "month", "week", "day") and toks[i + 3].low == "-" \
            and (toks[i].low[:1].isdigit() or toks[i].low in load_lexicon().units or toks[i].low in load_lexicon().tens):
        return 5
    return 0


_ORDINAL_SUFFIXES = WORDS.set("ordinal_suffixes")


def _unit_ordinal_at(toks, i) -> int:
    """2 when tokens ``i, i+1`` are an ordinal glued to a capitalised name ("the 4th Armored
    Division", "5th Corps fighters"): a word of the noun phrase, not a figure; else 0."""
    if 0 <= i and i + 2 < len(toks) and toks[i + 1].low in _ORDINAL_SUFFIXES and toks[i].low.isdigit() \
            and toks[i + 1].start == toks[i].end and toks[i + 2].text[:1].isupper():
        return 2
    return 0


def _np_forward(toks, i, lex, floors, limit=6):
    """A victim noun phrase starting at ``i``: returns its end (exclusive).  An age ("12-year-old")
    or a unit's ordinal ("4th Division") counts as one word."""
    j = i
    if j < len(toks) and toks[j].low == "of":  # "dozens of people", "18 of the 25", "two of the attackers"
        j += 1
        if j < len(toks) and toks[j].low in ("them", "whom", "those"):
            return j + 1
        if j < len(toks) and toks[j].low in ("the", "their", "his", "its"):
            if j + 1 < len(toks) and (toks[j + 1].low[:1].isdigit() or toks[j + 1].low in lex.units or toks[j + 1].low in lex.tens):
                return j + 1  # "18 of the 25": the 25 is a figure of its own
            j += 1
    while j < len(toks) and j - i < limit:
        age = _age_at(toks, j) or _unit_ordinal_at(toks, j)
        if age:
            j += age
            limit += age - 1
            continue
        if _np_word(toks[j], lex, floors):
            if toks[j].low == "-" and j > i and j + 1 < len(toks) and toks[j - 1].end == toks[j].start == toks[j + 1].start - 1 \
                    and (toks[j - 1].text.islower() or toks[j + 1].text.islower() and toks[j + 1].low not in _NAME_PARTICLES):
                limit += 2  # "pro-regime", "Iranian-backed": a compound is one word (not a name's "Nur-al-Din")
            j += 1
        elif j > i and _abbreviation_dot(toks, j):
            j += 1  # "four U.N. peacekeepers"
        elif toks[j].low == "of" and j + 1 < len(toks) and toks[j + 1].low == "the" and j > i:
            j += 2  # "members of the security forces"
        elif toks[j].low == "and" and j > i and j + 1 < len(toks) and _np_word(toks[j + 1], lex, floors) \
                and not _is_number_start(toks, j + 1, lex, floors) \
                and not (_opens_one_person(toks, j + 1, lex) and (i == 0 or toks[i - 1].low != "both")):
            j += 1
        else:
            break
    while j > i and toks[j - 1].low in ("and", "-", "of", "the"):
        j -= 1
    return j


def _opens_one_person(toks, i: int, lex) -> bool:
    """ "the bomber", "a child", "his driver" at ``i``: one more person, after "and" a list part
    of its own ("Seven civilians and the bomber were killed"), not a word of the noun phrase (but
    "both Bass and the baby" is the pair "both" counts)."""
    return i + 1 < len(toks) and toks[i].low in ("the", "a", "an", "his", "her") and _one_person_noun(toks[i + 1], lex)


#: Determiners that open the group in a post-modifier of a victim noun ("members of the
#: security forces", "fighters from an armed group").
_POST_MODIFIER_DETERMINERS = WORDS.set("post_modifier_determiners")


def _np_backward(toks, end, lex, floors, limit=6):
    """Start of a victim noun phrase ending just before ``end``."""
    j = end
    while j > 0 and end - j < limit:
        t = toks[j - 1]
        if _age_at(toks, j - 5) == 5:
            j -= 5
        elif _unit_ordinal_at(toks, j - 2) and j < end:
            j -= 2
            limit += 1
        elif _np_word(t, lex, floors) or (j - 1 > 0 and _abbreviation_dot(toks, j - 1)):
            j -= 1
        elif t.low in _POST_MODIFIER_DETERMINERS and j >= 2 and toks[j - 2].low in ("of", "from") and end - j >= 1:
            j -= 2  # "members of the security forces", "5 of their comrades", "fighters from an armed group"
        else:
            break
    while j < end and toks[j].low in ("of", "the", "-"):
        if toks[j].low == "of":
            break
        j += 1
    return j


def _is_report_verb(toks, i: int) -> bool:
    """Token ``i`` is a reporting verb ("said", "reported"), not the same word as a name after
    another one ("Sami Said", "Ali Said were killed")."""
    t = toks[i]
    if t.low not in _REPORT_VERBS:
        return False
    return not (t.text[:1].isupper() and i > 0 and toks[i - 1].text[:1].isupper() and toks[i - 1].text.isalpha())


def _name_end(toks, i, stop, lex) -> int:
    """End of a person's name starting at ``i`` ("Al-Bawi", "Qassim's brother", "Lt. Raed Salim"),
    or 0 when the words there are not a name."""
    j = i
    words = 0
    # a title before the name ("Judge Mustafa Hafiz", "Major General Ali Hassan"): capitalised
    # person nouns in the singular, part of the name that follows them
    while j + 1 < stop and toks[j].low in lex.victims and toks[j].text[:1].isupper() and \
            not toks[j].low.endswith("s") and toks[j + 1].text[:1].isupper():
        j += 1
    while j < stop:
        t = toks[j]
        if t.low in _DETERMINERS or t.low in _SOURCE_HEADS or t.low in lex.units or t.low in lex.tens:
            break
        if t.text[:1].isupper() and t.text.replace("'", "").replace("’", "").isalpha() and t.low not in lex.victims \
                and (t.low not in _NP_STOP or words and t.low in _REPORT_VERBS) and t.low not in _MONTHS and t.low not in _DAYS \
                and t.low not in _trigger_tables()[0] and not t.text.isupper():
            j += 1
            words += 1
        elif t.low in ("-", ".") and words and j + 1 < stop and (toks[j + 1].text[:1].isupper() or toks[j + 1].low in _NAME_PARTICLES):
            j += 1
        elif t.low in _NAME_PARTICLES and j + 1 < stop and toks[j + 1].low == "-":
            j += 1
        else:
            break
    if not words:
        return 0
    if words == 1 and (i == 0 or toks[i - 1].low in (".", ";", ":", '"', "“")) and j < stop and toks[j].text[:1].islower() \
            and toks[j].low not in _BE_HAVE and toks[j].low not in _AUX:
        return 0  # "Unknown assailants ...": a capitalised first word, not a name
    # "Qassim's brother", "Magtouf's twelve-year-old son": a possessive name and a singular relative
    if j < stop and toks[j - 1].low.endswith(("'s", "’s")):
        k = j + _age_at(toks, j)
        if k < stop and toks[k].low in lex.victims and not toks[k].low.endswith("s"):
            return k + 1
    if toks[j - 1].low.endswith(("'s", "’s")):
        return 0
    return j


def _drop_spelled_out(parts: List[_Raw]) -> List[_Raw]:
    """ "two civilians, one Iraqi and one Egyptian": figures after a comma that add up to the
    figure before them spell it out; they are not more people."""
    out, i = [], 0
    while i < len(parts):
        p = parts[i]
        out.append(p)
        i += 1
        if p.value is None or i >= len(parts) or not parts[i].joined_by_comma:
            continue
        total, j = 0, i
        while j < len(parts) and parts[j].value is not None and total < p.value:
            total += parts[j].value
            j += 1
        if total == p.value and j - i >= 2:
            i = j  # skip the enumeration
    return out


def _is_partitive(toks, i, lex, floors) -> bool:
    """ "of them", "of whom", "of the 25", "of the dead": the figure is part of a larger set."""
    if i + 1 >= len(toks) or toks[i].low != "of":
        return False
    nxt = toks[i + 1].low
    if nxt in ("them", "whom", "those", "these"):
        return True
    if nxt != "the" or i + 2 >= len(toks):
        return False
    ref = toks[i + 2].low
    return number_at(toks, i + 2, lex, floors) is not None or ref in _CASUALTY_NOUNS or ref in _SET_REFERENCES


def _victim_group(toks, a, b, lex) -> str:
    """The group of the first person noun of ``toks[a:b]`` that names one: a noun of no group
    ("male" in "3 male civilians", "members") gives way to the next that does."""
    for t in toks[a:b]:
        if t.text == "IS":  # the Islamic State, not the verb
            return "armed group"
        g = lex.victims.get(t.low)
        if g is not None and g != "unknown":
            return g
    return "unknown"


def _has_victim_noun(toks, a, b, lex) -> bool:
    return any(t.low in lex.victims for t in toks[a:b])


def _age_after_person(toks, i: int, lex) -> bool:
    """Token ``i`` is an age set off after one person and before a singular verb: "a girl, 9 was
    killed" (but "the army, 2 died" gives a toll)."""
    return i >= 2 and i + 1 < len(toks) and toks[i].low.isdigit() and toks[i - 1].low == "," \
        and toks[i - 2].low in lex.victims and not _plural_noun(toks[i - 2].low) and toks[i + 1].low in _SINGULAR_AUX


def _age_aside(toks, j: int, stop: int) -> int:
    """2 when tokens ``j, j+1`` are an age set off after a name (", 33" in "Ronald Hill, 33, and
    Kendra Hill, 28, were killed"), else 0."""
    if 0 < j and j + 1 < stop and toks[j].low == "," and toks[j - 1].text[:1].isupper() \
            and toks[j + 1].low.isdigit() and len(toks[j + 1].low) <= 3 \
            and (j + 2 >= stop or toks[j + 2].low in (",", "and", ".", ";")):
        return 2
    return 0


def _one_person_noun(tok: Token, lex, titles: bool = False) -> bool:
    """A common noun for one person ("wife", "son", "officer"), not a name or a group; with
    ``titles``, also one written with a capital ("a Sunni Imam")."""
    return tok.low in lex.victims and (titles or tok.text[:1].islower()) and not _plural_noun(tok.low) \
        and tok.low not in _COLLECTIVES


def _is_trap(toks, q: Qualified, np_end: int, lex) -> bool:
    """A number that is a measure, a year, a time or an age rather than a count of people."""
    last = q.last
    nxt = toks[last].low if last < len(toks) else ""
    if nxt in _UNIT_WORDS:
        return True
    if nxt == "-" and last + 1 < len(toks) and toks[last + 1].low in _UNIT_WORDS:
        return True
    if nxt == "-" and last + 2 < len(toks) and toks[last + 1].low in ("and", "or", "to") \
            and _age_at(toks, last + 2):
        return True  # "his 12- and 10-year-old sons": a suspended hyphen, two ages
    if nxt in ("a", "p") and last + 2 < len(toks) and toks[last + 1].low == "." and toks[last + 2].low == "m":
        return True  # "died about 7 p.m."
    if nxt in (":", "%") or (nxt == "." and last + 1 < len(toks) and toks[last + 1].low[:1].isdigit()):
        return True
    first = q.numbers[0]
    if nxt in _ORDINAL_SUFFIXES and toks[last].start == toks[last - 1].end:
        # "5th person dies", "a 2nd body": the toll reaches five; "8th-grader", "2nd Battalion",
        # "the 3rd floor": an ordinal of something else
        after = toks[last + 1] if last + 1 < len(toks) else None
        return after is None or after.text[:1].isupper() or (
            after.low not in lex.victims and after.low not in ("death", "body", "fatality", "victim", "casualty"))
    if first.value == 911 and nxt in _EMERGENCY_CALL_WORDS:
        return True  # "a 911 call": the emergency number
    if _age_after_person(toks, q.first, lex):
        return True  # "A girl, 9 was killed": an age after the one person it is about
    if q.first > 0 and toks[q.first - 1].low in ("$", "£", "€", "no.", "#", "brigade", "division", "route",
                                                  "highway", "flight", "battalion", "regiment", "unit",
                                                  "resolution", "article", "chapter", "page", "room"):
        return True
    v = first.value
    if v is not None and len(q.numbers) == 1 and q.kind == "exact" and 1900 <= v <= 2100 \
            and toks[first.first].low.isdigit() and not _has_victim_noun(toks, q.last, np_end, lex):
        return True  # a year
    before = first.first - 1
    if before > 0 and toks[before].low == ".":
        before -= 1  # "Dec. 25"
    if before >= 0 and toks[before].low in _MONTHS and v is not None and (v <= 31 or 1900 <= v <= 2100):
        return True  # "July 27", "November 2015"
    if nxt in _MONTHS and v is not None and v <= 31:
        return True  # "27 July"
    if _in_numeric_date(toks, first.first, last):
        return True  # "on 13/01", "11/03/2023"
    return False


def _in_numeric_date(toks, a: int, b: int) -> bool:
    """Whether tokens ``[a, b)`` are glued to a slash that joins them to another digit run, as
    in a date written "13/01" or "11/03/2023"."""
    if b < len(toks) and toks[b].text == "/" and toks[b].start == toks[b - 1].end:
        return True
    return a >= 2 and toks[a - 1].text == "/" and toks[a - 1].end == toks[a].start and toks[a - 2].low[:1].isdigit()


def _has_date(toks) -> bool:
    """A date told in the sentence: a month named in full ("on 11 March") or a date in digits."""
    return any(t.low in _FULL_MONTHS or (t.text == "/" and 0 < k < len(toks) - 1 and toks[k - 1].low.isdigit()
                                         and toks[k + 1].low.isdigit()) for k, t in enumerate(toks))


#: The longest number phrase read backwards from a verb, in tokens.
_MAX_NUMBER_TOKENS = 10


def _number_ending_at(toks, end, lex, floors) -> Optional[Qualified]:
    """The qualified number phrase whose last token is ``end - 1``: none when that token can
    close no number phrase (:func:`~casualties.numbers.number_enders`), else
    :func:`_number_ending_at_reference` tried only from the starts after which every token can
    be inside a number phrase (:func:`~casualties.numbers.number_inner_words`)."""
    if end < 1 or end > len(toks):
        return _number_ending_at_reference(toks, end, lex, floors)
    low = toks[end - 1].low
    if not low[0].isdigit() and low not in number_enders(lex, floors):
        return None  # the common case: the word before is no number's last
    # a phrase that ends at ``end`` holds only words that can be inside one: no start before them
    inner = number_inner_words(lex, floors)
    first, lo = end - 1, max(0, end - _MAX_NUMBER_TOKENS)
    while first > lo and (toks[first - 1].low[0].isdigit() or toks[first - 1].low in inner):
        first -= 1
    return _number_ending_from(toks, first, end, lex, floors)


def _number_ending_at_reference(toks, end, lex, floors) -> Optional[Qualified]:
    """:func:`_number_ending_at` trying every start: the reading tests hold it against."""
    return _number_ending_from(toks, max(0, end - _MAX_NUMBER_TOKENS), end, lex, floors)


def _number_ending_from(toks, first: int, end: int, lex, floors) -> Optional[Qualified]:
    """The qualified number phrase whose last token is ``end - 1``, tried from every start in
    ``[first, end)``."""
    # the longest phrase wins: "One hundred and eighty-nine" (6 tokens), "between five and
    # thirty-eight", not their last words
    starters = number_starters(lex, floors)
    for start in range(first, end):
        low = toks[start].low
        if not low[0].isdigit() and low not in starters:
            continue  # no number phrase starts here (what qualified_at would find, without the call)
        q = qualified_at(toks, start, lex, floors)
        if q is not None and q.last == end and start in (q.first, q.numbers[0].first):
            return q
    return None


@attrs.define
class _Raw:
    """A claim before its sentence context is attached."""

    category: str
    qualifier: str
    low: int
    high: Optional[int]
    value: Optional[int]
    stated: tuple
    first: int  # token span
    last: int
    np: tuple  # (a, b) token span of the victim phrase
    basis: str = ""
    subset: bool = False
    part_of_list: bool = False
    list_id: Optional[int] = None
    numbers_used: tuple = ()
    group: Optional[str] = None  # normalised victim group when the words alone do not tell
    joined_by_comma: bool = False
    comma_and: bool = False  # joined by ", and", which may open a clause of its own
    self_death: bool = False  # the attacker's own death ("blew himself up")


def _raw_from_q(cat, q: Qualified, first, last, np, policy) -> _Raw:
    qual, low, high = interval(q)
    n = q.numbers[0]
    basis = ""
    if n.vague:
        basis = f"vague '{n.word}': floor {n.vague_floor} (policy '{policy}')"
    elif n.exact_word:
        basis = f"'{n.word}' = {n.value}"
    value = n.value if len(q.numbers) == 1 else None
    return _Raw(cat, qual, low, high, value, q.stated, first, last, np, basis,
                numbers_used=tuple(x.first for x in q.numbers))


def multiplicity_of(word: str) -> int:
    """How many people a multiplicity adjective counts: "double" 2, "triple" 3, ..."""
    return WORDS.tuple("multiplicity").index(word) + 2


def _implicit(cat, value, first, last, np, words) -> _Raw:
    return _Raw(cat, "exact", value, value, value, (value,), first, last, np,
                basis=f"implicit: '{words}' = {value}")


def _abbreviation_dot(toks, i: int) -> bool:
    """Token ``i`` is a dot inside a dotted abbreviation of single letters ("U.N.", "U.S."),
    which ends no clause: "Three soldiers with the U.N. force were killed" is one subject."""
    if toks[i].low != "." or i == 0:
        return False
    letter = toks[i - 1]
    if not (len(letter.text) == 1 and letter.text.isalpha() and letter.end == toks[i].start):
        return False
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    glued_next = nxt is not None and nxt.start == toks[i].end and len(nxt.text) == 1 and nxt.text.isalpha()
    glued_prev = i >= 2 and toks[i - 2].low == "." and toks[i - 2].end == letter.start
    if glued_next:
        return True
    if not glued_prev or letter.low == "m" and i >= 3 and toks[i - 3].low in ("a", "p"):
        return False  # "before 3 a.m. Three men were shot": a time often ends its sentence
    # the last dot: "the U.N. force", but "condemned by the U.N. Two soldiers ..." starts anew
    lex = load_lexicon()
    return nxt is None or not (nxt.low[:1].isdigit() or nxt.text[:1].isupper() and (nxt.low in lex.units or nxt.low in lex.tens))


_DEATH_WORDS_RE = re.compile(r"\b(?:fatal(?:ly)?|dead|died|dies|death|deadly|killed|killing|murder(?:ed)?|homicide|"
                             r"manslaughter|murder-suicide|slain|slaying|assassinat\w*)\b", re.IGNORECASE)
