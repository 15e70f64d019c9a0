"""Number phrases on a token list, and the interval each qualifier gives.

:func:`number_at` reads one number phrase starting at a token ("44", "5,000", "forty-four",
"one hundred and fifty", "two dozen", "1.2 million", "dozens", "both"); :func:`qualified_at`
adds the hedge around it ("at least", "more than", "or more", "between A and B").  The
interval rules are those of docs/concepts.md (design §2) and live in :func:`interval`.
"""
from __future__ import annotations

import operator
from decimal import ROUND_HALF_UP, Decimal
from typing import Optional, Sequence

import attrs

from .lexicon import Lexicon
from .text import Token

__all__ = ["NumberPhrase", "number_at", "number_enders", "number_inner_words", "number_starters", "qualified_at", "interval", "round_half_up"]

#: A token's lower-cased word, mapped over token slices (cheaper than a generator per slice).
_LOW = operator.attrgetter("low")

#: Longest digit run read as a count; longer runs are identifiers, not casualty figures.
MAX_DIGITS = 9


def round_half_up(x: Decimal) -> int:
    return int(Decimal(x).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@attrs.frozen
class NumberPhrase:
    """A number phrase spanning tokens ``[first, last)``.

    ``value`` is the count stated (``None`` for a vague word), ``vague_floor`` the floor of a
    vague word under the active policy, ``word`` the phrase as written (lower case).
    """

    first: int
    last: int
    value: Optional[int]
    vague_floor: Optional[int] = None
    word: str = ""
    exact_word: bool = False  # "both", "a dozen": an exact count said in words

    @property
    def vague(self) -> bool:
        return self.value is None


def _digits(tok: str) -> Optional[Decimal]:
    """'5,000' -> 5000; '1.2' -> 1.2; malformed grouping or too long -> None."""
    if "," in tok:
        head, *groups = tok.split(",")
        if not (1 <= len(head) <= 3 and all(len(g) == 3 and g.isdigit() for g in groups)):
            return None
        tok = tok.replace(",", "")
    if len(tok.replace(".", "")) > MAX_DIGITS or tok.count(".") > 1:
        return None
    try:
        return Decimal(tok)
    except ArithmeticError:  # decimal.InvalidOperation
        return None


_FIRST_WORDS: dict = {}


def _first_words(phrases) -> frozenset:
    """First words of a phrase table (tables are long-lived lexicon mappings, keyed by id)."""
    key = id(phrases)
    got = _FIRST_WORDS.get(key)
    if got is None or got[0] is not phrases:
        got = _FIRST_WORDS[key] = (phrases, frozenset(p[0] for p in phrases))
    return got[1]


def _match_phrase(toks: Sequence[Token], i: int, phrases, max_len: int = 4):
    """The longest phrase of ``phrases`` (tuples of words) starting at token ``i``."""
    if toks[i].low not in _first_words(phrases):
        return None
    for n in range(min(max_len, len(toks) - i), 0, -1):
        key = tuple(map(_LOW, toks[i:i + n]))
        if key in phrases:
            return key
    return None


def _words_number(toks: Sequence[Token], i: int, lex: Lexicon):
    """Read a number in words from token ``i``: returns (value, next index) or None."""
    total = current = 0
    j = i
    seen = False
    last_kind = None
    n = len(toks)
    while j < n:
        w = toks[j].low
        if w in lex.units and last_kind not in ("unit",):
            if last_kind == "tens" and lex.units[w] >= 10:
                break
            current += lex.units[w]
            last_kind = "unit"
        elif w in lex.tens and last_kind not in ("unit", "tens"):
            current += lex.tens[w]
            last_kind = "tens"
        elif w in ("hundred",) and seen and last_kind in ("unit", "tens", "a"):
            current = max(current, 1) * 100
            last_kind = "hundred"
        elif w in lex.scales and w != "hundred" and seen and last_kind in ("unit", "tens", "hundred", "a"):
            total += max(current, 1) * lex.scales[w]
            current = 0
            last_kind = "scale"
        elif w in ("a", "an") and not seen and j + 1 < n and toks[j + 1].low in ("hundred", "thousand", "million"):
            last_kind = "a"
            seen = True
            j += 1
            continue
        elif w == "-" and last_kind == "tens" and j + 1 < n and toks[j + 1].low in lex.units \
                and 0 < lex.units[toks[j + 1].low] < 10 and toks[j].start == toks[j - 1].end:
            j += 1
            continue
        elif w == "and" and last_kind in ("hundred", "scale") and j + 1 < n and \
                (toks[j + 1].low in lex.units or toks[j + 1].low in lex.tens):
            j += 1
            continue
        else:
            break
        seen = True
        j += 1
    if not seen or last_kind == "a":
        return None
    # do not end on a dangling connector
    return total + current, j


_STARTERS: dict = {}


def number_starters(lex: Lexicon, vague_floors) -> frozenset:
    """Every word that can open a number phrase under these tables (a digit run aside): the
    first words of exact and vague phrases, number words, and "a"/"an"/"one" ("a dozen", "a
    hundred").  Keyed like :func:`_first_words`, by the identity of the long-lived tables."""
    key = (id(lex), id(vague_floors))
    got = _STARTERS.get(key)
    if got is None or got[0] is not lex or got[1] is not vague_floors:
        words = _first_words(lex.exact_words) | _first_words(vague_floors) | \
            frozenset(lex.units) | frozenset(lex.tens) | {"a", "an", "one"}
        got = _STARTERS[key] = (lex, vague_floors, frozenset(words))
    return got[2]


_ENDERS: dict = {}


def number_enders(lex: Lexicon, vague_floors) -> frozenset:
    """Every word that can close a qualified number phrase (a digit run aside): the last words
    of exact, vague and after-qualifier phrases, number words and "dozen".  No phrase of
    :func:`qualified_at` ends on any other token.  Keyed like :func:`number_starters`."""
    key = (id(lex), id(vague_floors))
    got = _ENDERS.get(key)
    if got is None or got[0] is not lex or got[1] is not vague_floors:
        words = {p[-1] for table in (lex.exact_words, vague_floors, lex.qualifiers_after) for p in table} | \
            set(lex.units) | set(lex.tens) | set(lex.scales) | {"dozen", "hundred"}
        got = _ENDERS[key] = (lex, vague_floors, frozenset(words))
    return got[2]


_INNER: dict = {}


def number_inner_words(lex: Lexicon, vague_floors) -> frozenset:
    """Every word that can stand inside a qualified number phrase (a digit run aside): the words
    of the exact, vague and qualifier phrase tables, number words, and the joiners
    :func:`qualified_at` and the number readers take ("a", "and", "-", "to", "between", ...).  No
    phrase of :func:`qualified_at` holds any other token.  Keyed like :func:`number_starters`."""
    key = (id(lex), id(vague_floors))
    got = _INNER.get(key)
    if got is None or got[0] is not lex or got[1] is not vague_floors:
        words = {w for table in (lex.exact_words, vague_floors, lex.qualifiers_before, lex.qualifiers_after)
                 for p in table for w in p} | set(lex.units) | set(lex.tens) | set(lex.scales) | \
            {"a", "an", "one", "dozen", "hundred", "and", "between", "from"} | _RANGE_JOINERS
        got = _INNER[key] = (lex, vague_floors, frozenset(words))
    return got[2]


def number_at(toks: Sequence[Token], i: int, lex: Lexicon, vague_floors) -> Optional[NumberPhrase]:
    """The number phrase starting at token ``i``, or ``None``."""
    if i >= len(toks):
        return None
    low = toks[i].low
    if not low[0].isdigit() and low not in number_starters(lex, vague_floors):
        return None  # the common case: a word that opens no number phrase
    return read_number_at(toks, i, lex, vague_floors)


def read_number_at(toks: Sequence[Token], i: int, lex: Lexicon, vague_floors) -> Optional[NumberPhrase]:
    """:func:`number_at` without its fast rejection of words that open no number phrase: the
    slow, obviously complete reading that tests hold the fast path against."""
    if i >= len(toks):
        return None
    t = toks[i]
    # exact words: "both", "a couple of"
    key = _match_phrase(toks, i, lex.exact_words, 3)
    if key == ("another",) and i + 1 < len(toks) and number_at(toks, i + 1, lex, vague_floors) is not None:
        key = None  # "another 5 people": the 5 is the figure
    if key is not None:
        return NumberPhrase(i, i + len(key), lex.exact_words[key], word=" ".join(key), exact_word=True)
    # "a dozen", "two dozen"
    if t.low in ("a", "one") and i + 1 < len(toks) and toks[i + 1].low == "dozen":
        return NumberPhrase(i, i + 2, lex.dozen, word=f"{t.low} dozen", exact_word=True)
    # vague words: "dozens (of)", "tens of thousands"
    key = _match_phrase(toks, i, vague_floors, 3)
    if key is not None:
        j = i + len(key)
        return NumberPhrase(i, j, None, vague_floor=vague_floors[key], word=" ".join(key))
    value = None
    if t.low[0].isdigit():
        d = _digits(t.low)
        if d is None:
            return None
        j = i + 1
        if j < len(toks) and toks[j].low in lex.scales and toks[j].low != "hundred":
            d = d * lex.scales[toks[j].low]
            j += 1
        if d != d.to_integral_value():
            return None
        value = int(d)
    else:
        got = _words_number(toks, i, lex)
        if got is None:
            return None
        value, j = got
    if j < len(toks) and toks[j].low == "dozen":
        value, j = value * lex.dozen, j + 1
    return NumberPhrase(i, j, value, word=" ".join(x.low for x in toks[i:j]))


@attrs.frozen
class Qualified:
    """A number phrase with its hedge: tokens ``[first, last)``; ``kind`` is a qualifier kind."""

    first: int
    last: int
    kind: str  # exact, at_least, more_than, up_to, at_most, about, about_below, between, vague
    numbers: tuple  # the NumberPhrase(s): one, or two for a range

    @property
    def stated(self) -> tuple:
        return tuple(n.value for n in self.numbers if n.value is not None)


_RANGE_JOINERS = frozenset({"to", "-", "–", "or"})


def qualified_at(toks: Sequence[Token], i: int, lex: Lexicon, vague_floors,
                 allow_before: bool = True) -> Optional[Qualified]:
    """The qualified number phrase whose number starts at token ``i``."""
    first = number_at(toks, i, lex, vague_floors)
    if first is None:
        return None
    start, kind = i, ("vague" if first.vague else "exact")
    # hedge before: the longest qualifier phrase ending just before token i
    between = False
    if allow_before and i > 0:
        for n in (3, 2, 1):
            if i - n < 0:
                continue
            key = tuple(map(_LOW, toks[i - n:i]))
            if key in lex.qualifiers_before:
                if not first.vague:
                    kind, start = lex.qualifiers_before[key], i - n
                break
        # a span-only phrase before the hedge: "a total of at least ten"
        for n in (3, 2):
            key = tuple(map(_LOW, toks[max(0, start - n):start]))
            if start - n >= 0 and lex.qualifiers_before.get(key) == "exact" and start < i:
                start -= n
                break
        if toks[i - 1].low in ("between", "from"):
            between, start = True, i - 1
    last = first.last
    # a range: "between 50 and 60", "50 to 60", "50-60", "two or three"
    if not first.vague and last + 1 < len(toks):
        joiner = toks[last].low
        if joiner in _RANGE_JOINERS or (between and joiner == "and"):
            second = number_at(toks, last + 1, lex, vague_floors)
            if second is not None and not second.vague and second.value > first.value and \
                    not (joiner in ("-", "–") and toks[last].start != toks[last - 1].end):
                return Qualified(start, second.last, "between", (first, second))
    if between:
        start = i
    # hedge after: "44 or more", "40-plus"
    if not first.vague:
        j = last + 1 if last < len(toks) and toks[last].low == "-" else last
        for n in (2, 1):
            key = tuple(map(_LOW, toks[j:j + n]))
            if len(key) == n and key in lex.qualifiers_after:
                if kind == "exact":
                    kind, last = lex.qualifiers_after[key], j + n
                break
    return Qualified(start, last, kind, (first,))


def qualified_from(toks: Sequence[Token], i: int, lex: Lexicon, vague_floors) -> Optional[Qualified]:
    """The qualified number phrase that *opens* at token ``i``, hedge included: "8 fighters",
    "at least 8 fighters", "between 15 and 17 fighters" (:func:`qualified_at` takes the
    number's own token)."""
    starters = number_starters(lex, vague_floors)
    for n in (0, 1, 2, 3):
        if i + n >= len(toks):
            break
        low = toks[i + n].low
        if not low[0].isdigit() and low not in starters:
            continue  # no number starts here (what qualified_at would find, without the call)
        q = qualified_at(toks, i + n, lex, vague_floors)
        if q is not None:
            return q if q.first == i else None
    return None


def interval(q: Qualified) -> tuple:
    """(qualifier, low, high) for a qualified phrase; high ``None`` means open above."""
    if q.kind == "between":
        a, b = q.numbers[0].value, q.numbers[1].value
        return "between", a, b
    n = q.numbers[0]
    if n.vague:
        return "vague", n.vague_floor, None
    v = n.value
    if q.kind == "exact":
        return "exact", v, v
    if q.kind == "at_least":
        return "at_least", v, None
    if q.kind == "more_than":
        return "more_than", v + 1, None
    if q.kind == "up_to":
        return "up_to", 0, v
    if q.kind == "at_most":
        return "at_most", 0, max(v - 1, 0)
    if q.kind == "about_below":
        return "about", min(round_half_up(Decimal(v) * Decimal("0.9")), max(v - 1, 0)), max(v - 1, 0)
    if q.kind == "about":
        return "about", round_half_up(Decimal(v) * Decimal("0.9")), round_half_up(Decimal(v) * Decimal("1.1"))
    raise AssertionError(q.kind)
