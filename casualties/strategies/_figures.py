"""Figures of the :mod:`casualties.strategies` grammar: numbers written as digits or words,
hedged, ranged or vague, and the interval each states.
"""
from __future__ import annotations

import re
from fractions import Fraction
from math import ceil
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import attrs
from hypothesis import strategies as st

from ..errors import InvalidValueError
from ._values import VAGUE_FLOORS, expected_interval


# --------------------------------------------------------------------------- figures

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}


def _words(n: int, hyphen: str = "-", hundred_and: bool = True) -> str:
    """``n`` (1..999) in words: "forty-four", "one hundred and fifty"."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        t, u = divmod(n, 10)
        return _TENS[t] + (hyphen + _UNITS[u] if u else "")
    h, r = divmod(n, 100)
    head = _UNITS[h] + " hundred"
    if not r:
        return head
    return head + (" and " if hundred_and else " ") + _words(r, hyphen, hundred_and)


def _digits(n: int) -> str:
    return f"{n:,}" if n >= 1000 else str(n)


@st.composite
def _renderings(draw, n: int) -> str:
    """How the number ``n`` (>= 1) is written: digits, words, dozens, thousands, millions."""
    options = [_digits(n)]
    if n <= 999:
        options.append(_words(n, draw(st.sampled_from(["-", " "])), draw(st.booleans())))
    if n == 12:
        options.append("a dozen")
    elif n % 12 == 0 and 24 <= n <= 12 * 19:
        options.append(_UNITS[n // 12] + " dozen")
    if n == 100:
        options.append("a hundred")
    if n % 1000 == 0 and 1000 <= n <= 999_000:
        k = n // 1000
        options.append(draw(st.sampled_from([str(k), _words(k)])) + " thousand")
    if n % 100_000 == 0 and 1_000_000 <= n < 1_000_000_000:
        m, r = divmod(n, 1_000_000)
        options.append((f"{m}.{r // 100_000}" if r else str(m)) + " million")
    return draw(st.sampled_from(options))


#: Hedges written before the number, by the interval they give (all in _data/lexicon.json).
_BEFORE: Mapping[str, Tuple[str, ...]] = {
    "at_least": ("at least", "no fewer than", "no less than", "a minimum of"),
    "more_than": ("more than", "over", "upwards of", "in excess of", "well over"),
    "up_to": ("up to", "as many as", "no more than", "a maximum of"),
    "at_most": ("fewer than", "less than", "under"),
    "nearly": ("nearly", "almost", "close to", "just under", "just short of"),
    "about": ("about", "around", "some", "approximately", "roughly", "an estimated"),
}
#: Hedges that read well before "a dozen" / "a hundred".
_BEFORE_ARTICLE = frozenset({"at least", "more than", "over", "up to", "fewer than", "nearly", "almost", "about",
                             "around"})
#: Hedges written after the number ("44 or more", "40-plus", "40 or so").
_AFTER: Mapping[str, Tuple[str, ...]] = {"at_least": (" or more", "-plus"), "about": (" or so",)}

#: The smallest number each hedge is written with: "nearly N" needs N >= 6 for [round(0.9 N),
#: N - 1] not to be empty, "up to 1" and "fewer than 1" are not news prose.
_MIN_STATED = {"exact": 1, "at_least": 1, "more_than": 1, "up_to": 2, "at_most": 2, "about": 2,
               "nearly": 6, "between": 1}
_KINDS = ("exact", "at_least", "more_than", "up_to", "at_most", "nearly", "about", "between", "vague")

#: Vague words: (words before a noun, words without a noun or None when a noun must follow).
_VAGUE_FORMS: Mapping[str, Tuple[str, Optional[str]]] = {
    "several": ("several", "several"),
    "a few": ("a few", "a few"),
    "a handful": ("a handful of", None),
    "tens": ("tens of", None),
    "dozens": ("dozens of", "dozens"),
    "scores": ("scores of", "scores"),
    "hundreds": ("hundreds of", "hundreds"),
    "thousands": ("thousands of", "thousands"),
    "tens of thousands": ("tens of thousands of", "tens of thousands"),
    "hundreds of thousands": ("hundreds of thousands of", None),
    "a number": ("a number of", None),
}


@attrs.frozen
class _Figure:
    """A figure as written mid-sentence (lower case), with the interval it states."""

    kind: str  # one of _KINDS, or "zero" ("no one") / "one" ("a soldier")
    qualifier: str
    low: int
    high: Optional[int]
    value: Optional[int]
    text: str  # the words before the victim noun: "at least 44", "dozens of", "no one", "a"
    singular: bool
    no_noun: Optional[str]  # the words when no noun follows, None when a noun must follow
    plain: bool  # a bare stated number (no word-derived basis): may take a repeated hedge
    long_words: bool = False  # number words of more than four tokens ("one hundred and eighty-nine")
    digits_text: str = ""  # the same figure with the number in digits


_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\S")


def _before_verb(fig: _Figure, gaps: frozenset) -> _Figure:
    """The figure as written before its verb: "40-plus" turns into "40 or more", unless that gap
    is asked for (EXTRACTOR_GAPS)."""
    if fig.text.endswith("-plus") and "plus_before_verb" not in gaps:
        text = fig.text[:-len("-plus")] + " or more"
        fig = attrs.evolve(fig, text=text, no_noun=None if fig.singular else text)
    return fig


def _counts(lo: int, hi: int) -> st.SearchStrategy[int]:
    """An integer in [lo, hi], often a small one (small numbers are written in more ways)."""
    if hi <= 120 or lo >= 120:
        return st.integers(lo, hi)
    return st.one_of(st.integers(lo, 120), st.integers(lo, hi))


def _feasible_kinds(lo: int, hi: int, kinds: Sequence[str] = _KINDS) -> List[str]:
    out = []
    for k in kinds:
        if k == "vague":
            if any(lo <= f <= hi for f in VAGUE_FLOORS.values()):
                out.append(k)
        elif k == "between":
            if max(lo, 1) < hi:
                out.append(k)
        elif max(lo, _MIN_STATED[k]) <= hi:
            out.append(k)
    return out


def _figure_kinds(lo: int, hi: int, *, zero: bool = True, one: bool = True,
                  kinds: Sequence[str] = _KINDS) -> List[str]:
    out = _feasible_kinds(lo, hi, kinds)
    if "exact" in kinds:
        if zero and lo == 0:
            out.append("zero")
        if one and lo <= 1 <= hi:
            out.append("one")
    return out


_ZERO_WORDS = ("no one", "nobody")
#: Hedges left out unless their gap is asked for (none at present).
_GAP_HEDGES = ()


@st.composite
def _figures(draw, lo: int, hi: int, *, zero: bool = True, one: bool = True,
             kinds: Sequence[str] = _KINDS, zero_words: Sequence[str] = _ZERO_WORDS,
             hedges_out: Sequence[str] = _GAP_HEDGES) -> _Figure:
    """A figure whose stated numbers (or vague floor) lie in [lo, hi]."""
    choices = _figure_kinds(lo, hi, zero=zero, one=one, kinds=kinds)
    if not choices:
        raise InvalidValueError(f"no figure can be written with numbers in [{lo}, {hi}]")
    kind = draw(st.sampled_from(choices))
    if kind == "zero":
        return draw(_written(kind, draw(st.sampled_from(zero_words))))
    if kind == "one":
        return draw(_written(kind))
    if kind == "vague":
        return draw(_written("vague", draw(st.sampled_from([w for w, f in VAGUE_FLOORS.items() if lo <= f <= hi]))))
    if kind == "between":
        a = draw(_counts(max(lo, 1), hi - 1))
        return draw(_written("between", a, draw(_counts(a + 1, hi))))
    return draw(_written(kind, draw(_counts(max(lo, _MIN_STATED[kind]), hi)), hedges_out=hedges_out))


@st.composite
def _written(draw, kind: str, *numbers, hedges_out: Sequence[str] = _GAP_HEDGES) -> _Figure:
    """The figure of ``kind`` for the given number(s) (the vague word for ``vague``)."""
    if kind == "zero":
        words = numbers[0] if numbers else draw(st.sampled_from(_ZERO_WORDS))
        return _Figure("zero", "exact", 0, 0, 0, words, True, words, plain=False)
    if kind == "one":  # "a soldier": the noun is part of the figure
        return _Figure("one", "exact", 1, 1, 1, "a", True, None, plain=False)
    if kind == "vague":
        (word,) = numbers
        with_noun, without = _VAGUE_FORMS[word]
        return _Figure("vague", "vague", VAGUE_FLOORS[word], None, None, with_noun, False, without, plain=False)
    if kind == "between":
        a, b = numbers
        form = draw(st.sampled_from(["between {} and {}", "{} to {}", "{}-{}", "{}–{}"]))
        ta, tb = _digits(a), _digits(b)
        if b <= 99 and form.startswith("between") and draw(st.booleans()):
            ta, tb = _words(a), _words(b)
        text = form.format(ta, tb)
        digits_text = form.format(_digits(a), _digits(b))
        long_words = len(_TOKEN_RE.findall(text.replace("between ", ""))) > 4  # "five and thirty-eight"
        return _Figure("between", "between", a, b, None, text, False, text, plain=False,
                       long_words=long_words, digits_text=digits_text)
    (n,) = numbers
    num = draw(_renderings(n))
    article = num in ("a dozen", "a hundred")
    before = after = ""
    if kind != "exact":
        afters = [] if article else [a for a in _AFTER.get(kind, ()) if a != "-plus" or num[-1].isdigit()]
        if afters and draw(st.integers(0, 3)) == 0:
            after = draw(st.sampled_from(afters))
        else:
            before = draw(st.sampled_from([b for b in _BEFORE[kind] if (not article or b in _BEFORE_ARTICLE)
                                           and b not in hedges_out])) + " "
    elif not article and draw(st.integers(0, 9)) == 0:
        before = "a total of "  # span-only words: the interval stays exact
    qualifier, low, high = expected_interval(kind, n)
    singular = n == 1 and kind in ("exact", "at_least", "more_than")
    text = before + num + after
    long_words = len(_TOKEN_RE.findall(num + after)) > 4  # "ninety-eight or so": 5 tokens
    digits_text = before + _digits(n) + after
    return _Figure(kind, qualifier, low, high, n, text, singular, None if singular else text,
                   plain=num != "a dozen",  # "a dozen" has a basis of its own; "two dozen" has not
                   long_words=long_words, digits_text=digits_text)


def _about_range(t: int) -> Tuple[int, int]:
    """Every N with round(0.9 N) <= t <= round(1.1 N), as [first, last]."""
    first = ceil(Fraction(2 * t - 1, 2) / Fraction(11, 10))  # 1.1 N >= t - 0.5
    last = ceil(Fraction(2 * t + 1, 2) / Fraction(9, 10)) - 1  # 0.9 N < t + 0.5
    return max(first, 0), last


@st.composite
def _figures_containing(draw, t: int, lo: int, hi: int) -> _Figure:
    """A figure whose interval holds ``t`` (numbers stated within [lo, hi])."""
    options: Dict[str, Any] = {}
    if t == 0:
        options["zero"] = None
    elif t == 1:
        options["one"] = None
    if t >= max(lo, 1):
        options["exact"] = (t, t)
        options["at_least"] = (max(lo, 1), t)
    if t - 1 >= max(lo, 1):
        options["more_than"] = (max(lo, 1), t - 1)
    if max(lo, 2, t) <= hi:
        options["up_to"] = (max(lo, 2, t), hi)
    if max(lo, 2, t + 1) <= hi:
        options["at_most"] = (max(lo, 2, t + 1), hi)
    a_first, a_last = _about_range(t)
    if max(lo, 2, a_first) <= min(hi, a_last):
        options["about"] = (max(lo, 2, a_first), min(hi, a_last))
    if max(lo, 6, t + 1) <= min(hi, a_last):
        options["nearly"] = (max(lo, 6, t + 1), min(hi, a_last))
    if max(lo, 1) <= t and max(t, max(lo, 1) + 1) <= hi:
        options["between"] = None
    floors = [w for w, f in VAGUE_FLOORS.items() if lo <= f <= min(t, hi)]
    if floors:
        options["vague"] = None
    kind = draw(st.sampled_from(sorted(options)))
    if kind in ("zero", "one"):
        return draw(_written(kind))
    if kind == "vague":
        return draw(_written("vague", draw(st.sampled_from(floors))))
    if kind == "between":
        a = draw(st.integers(max(lo, 1), min(t, hi - 1)))
        return draw(_written("between", a, draw(st.integers(max(t, a + 1), hi))))
    n_lo, n_hi = options[kind]
    return draw(_written(kind, draw(st.integers(n_lo, n_hi))))


@st.composite
def _figures_excluding(draw, x: int, lo: int, hi: int) -> _Figure:
    """A figure whose interval leaves out ``x`` (numbers stated within [lo, hi])."""
    options: Dict[str, Tuple[int, int]] = {}
    below, above = (max(lo, 1), x - 1), (max(lo, 1, x + 1), hi)
    if below[0] <= below[1] or above[0] <= above[1]:
        options["exact"] = (0, 0)
    if above[0] <= above[1]:
        options["at_least"] = above
    if max(lo, 1, x) <= hi:
        options["more_than"] = (max(lo, 1, x), hi)
    if max(lo, 2) <= x - 1:
        options["up_to"] = (max(lo, 2), x - 1)
    if max(lo, 2) <= min(x, hi):
        options["at_most"] = (max(lo, 2), min(x, hi))
    if max(lo, 1) + 1 <= x - 1 or max(lo, 1, x + 1) + 1 <= hi:
        options["between"] = (0, 0)
    kind = draw(st.sampled_from(sorted(options)))
    if kind == "exact":
        sides = [s for s in (below, above) if s[0] <= s[1]]
        side = draw(st.sampled_from(sides))
        return draw(_written("exact", draw(st.integers(*side))))
    if kind == "between":
        sides = [s for s in ((max(lo, 1), x - 1), (max(lo, 1, x + 1), hi)) if s[0] + 1 <= s[1]]
        s0, s1 = draw(st.sampled_from(sides))
        a = draw(st.integers(s0, s1 - 1))
        return draw(_written("between", a, draw(st.integers(a + 1, s1))))
    return draw(_written(kind, draw(st.integers(*options[kind]))))
