"""Hypothesis strategies for property-based tests of code that uses `casualties`.

This is the only module of the package that imports :mod:`hypothesis`; import it explicitly
(``from casualties import strategies``): ``import casualties`` does not load it.

Every strategy is built directly from a small grammar (``st.builds``, ``st.sampled_from``,
``st.composite``), never by filtering, and takes keyword-only arguments. Arguments are checked
when the strategy is created: a bad value raises :class:`~casualties.errors.InvalidValueError`
(``min_value > max_value``, an unknown category), a wrong type
:class:`~casualties.errors.InputTypeError`.

- :func:`claim_texts` draws ``(text, claims)``: a sentence or short paragraph of news prose and
  the exact claims :func:`casualties.extract_claims` must find in it, as :class:`ExpectedClaim`
  values (category, interval, qualifier, background flag, span and quote, victims, cited body).
- :func:`claims` draws valid :class:`casualties.Claim` objects.
- :func:`reports` draws report mappings (``report_id``, ``text``, ``source``, ``published``,
  ``title``) whose texts come from the same grammar.
- :func:`incidents` draws the reports of one incident (same place, day and kind of attack)
  with consistent or conflicting killed figures, and the killed range reconciling them must give.

The grammar
-----------
A text is a few sentences joined by a space or a blank line:

- *claim sentences* state one figure, or two figures of different categories. A figure is a
  number (digits with thousands separators, number words such as "forty-four" or "one hundred
  and fifty", "a dozen", "two dozen", "3 thousand", "1.2 million") with an optional hedge ("at
  least", "44 or more", "more than", "up to", "fewer than", "nearly", "about", "40 or so",
  "between A and B", "A to B", "A-B"), or a vague word ("several", "dozens of", "tens of
  thousands of"), or an implicit count ("a soldier" is 1, "no one" is 0). It is tied to its
  category in either order: figure first ("44 people were killed", "the blast left 9 dead"),
  verb first ("the attack killed 44 people", "..., killing at least 44 civilians"), or as a
  toll ("the death toll rose to 44"). The victims are optional ("civilians", "police
  officers", "fighters"); the body cited may open or close the sentence ("Police said ...",
  "..., according to the Syrian Observatory for Human Rights.").
- *trap sentences* (``with_traps``) hold numbers that are not casualty claims: years, dates,
  times, ages, durations, distances, money, percentages, unit names, troop and attacker
  counts, prisoners held, members of a group, votes, places captured, phone numbers. Claim
  sentences may carry a trap as well (a time or a date before them, "a 500-kilogram car bomb",
  "about 200 gunmen stormed the village", "30 km south of Mosul").
- *background sentences* (``with_background``) state a figure about another event ("In a
  similar attack last year, 30 people were killed.", "The war has killed more than 380,000
  people since 2011."). They follow the claim sentences; their claims have ``background=True``.
  A sentence marked only by a weak cue ("last year", "similar", "a separate attack") is
  written only after a main claim of its category (``EXTRACTOR_GAPS["weak_background_first"]``).

Expected intervals follow the table of docs/concepts.md (design §2): exact [N, N], at_least
[N, open], more_than [N+1, open], up_to [0, N], at_most [0, N-1], "nearly N" [round(0.9 N),
N-1], "about N" [round(0.9 N), round(1.1 N)] (half up), between [A, B], vague words [floor,
open] under the ``design`` floors, "a dozen" 12, "a soldier" 1, "no one" 0. One documented
document-level rule applies as well: a bare figure that repeats a hedged one of its category
("killed at least 44 ..." and "44 people were killed") takes the hedge (docs/concepts.md,
"Incidents").

Why :class:`ExpectedClaim` and not :class:`casualties.Claim`
------------------------------------------------------------
A grammar knows what its text states (the interval, the qualifier, the span, the victims, the
cited body) but not the extractor's bookkeeping (``basis``, ``stated``, list and subset
marks). A type of its own keeps a test from comparing fields the grammar never promised, and
:meth:`ExpectedClaim.key_of` gives the same comparable tuple ``(category, low, high,
qualifier, background)`` for a :class:`casualties.Claim`.

Known extractor gaps
--------------------
:data:`EXTRACTOR_GAPS` names constructs the design covers but the extractor does not handle
yet. The grammar leaves them out unless they are named in ``extractor_gaps=...``; pass
``extractor_gaps=EXTRACTOR_GAPS`` to check a fix (tests/test_strategies.py keeps one strict
``xfail`` example per gap, so a fix shows up as an unexpected pass).
"""
from __future__ import annotations

import datetime as _dt
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from math import ceil
from typing import Any, Dict, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Tuple

import attrs
from hypothesis import strategies as st

from .errors import InputTypeError, InvalidValueError
from .model import CATEGORIES, QUALIFIERS, VICTIM_GROUPS, Claim

__all__ = [
    "ExpectedClaim",
    "ClaimText",
    "IncidentReports",
    "claim_texts",
    "claims",
    "reports",
    "incidents",
    "expected_interval",
    "DEFAULT_MAX_VALUE",
    "VAGUE_FLOORS",
    "EXTRACTOR_GAPS",
]

#: Default upper bound on the numbers the strategies write.
DEFAULT_MAX_VALUE = 1_000_000

#: Vague words and their floors under the ``design`` policy (docs/concepts.md).
VAGUE_FLOORS: Mapping[str, int] = {
    "several": 3,
    "a few": 2,
    "a handful": 3,
    "tens": 20,
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "tens of thousands": 20000,
    "hundreds of thousands": 200000,
    "a number": 2,
}

#: Constructs the design covers that the extractor gets wrong today, each with a minimal text.
#: Named in ``claim_texts(extractor_gaps=...)`` they join the grammar.
EXTRACTOR_GAPS: Mapping[str, str] = {
    "weak_background_first": (
        "a background sentence marked only by one weak cue ('last month', 'earlier this month', "
        "'a separate attack') whose category has no main claim before it: 'Two soldiers were "
        "wounded. Last month, 29 passengers were arrested on the same road.' gives captured 29 "
        "not marked background (two weak cues, 'In a similar attack last year', are read right)"),
    "plus_before_verb": (
        "'40-plus' before its verb after another clause or an opening phrase: 'Five workers went "
        "missing and 40-plus fighters were killed.' gives no killed claim; 'Over the past year, "
        "1-plus person has been killed.' gives exact 1 quoted 'plus person has been killed' "
        "(at_least [40, open], [1, open] expected; 'Police said 40-plus civilians were killed.' and "
        "'killed 40-plus people' are read right)"),
}


# --------------------------------------------------------------------------- values


def _round(x) -> int:
    return int(Decimal(x).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def expected_interval(kind: str, *numbers: int) -> Tuple[str, int, Optional[int]]:
    """``(qualifier, low, high)`` for a figure, by the interval table of docs/concepts.md.

    ``kind`` is a qualifier, or ``"nearly"`` (qualifier ``about``, interval [round(0.9 N),
    N - 1]); ``numbers`` is N, or A and B for ``between``, or the floor for ``vague``.

    >>> expected_interval("about", 45)
    ('about', 41, 50)
    >>> expected_interval("nearly", 50)
    ('about', 45, 49)
    """
    if kind == "between":
        a, b = numbers
        return "between", a, b
    (n,) = numbers
    if kind == "exact":
        return "exact", n, n
    if kind in ("at_least", "vague"):
        return kind, n, None
    if kind == "more_than":
        return "more_than", n + 1, None
    if kind == "up_to":
        return "up_to", 0, n
    if kind == "at_most":
        return "at_most", 0, n - 1
    if kind == "nearly":
        return "about", _round(Decimal(n) * Decimal("0.9")), n - 1
    if kind == "about":
        return "about", _round(Decimal(n) * Decimal("0.9")), _round(Decimal(n) * Decimal("1.1"))
    raise InvalidValueError(f"expected_interval: unknown kind {kind!r}")


def _check_high(instance, attribute, value):
    if value is not None and value < instance.low:
        raise ValueError(f"ExpectedClaim.high ({value!r}) must be None (open) or >= low ({instance.low!r})")


def _check_quote(instance, attribute, value):
    if len(value) != instance.end - instance.start:
        raise ValueError(f"ExpectedClaim.quote has length {len(value)} but its span "
                         f"[{instance.start}, {instance.end}) has length {instance.end - instance.start}")


@attrs.frozen(slots=True)
class ExpectedClaim:
    """A claim a generated text states, as :func:`casualties.extract_claims` must find it.

    ``quote == text[start:end]`` is the claim's span: the figure with its hedge and victims and
    the category words next to it ("At least 4 soldiers are missing", "killing at least 44
    people", "death toll rose to 31"). ``victims`` is the victim noun as written (None when the
    figure has none), ``victim_group`` its normalised group, ``cited_source`` the body the
    sentence cites, without a leading "the" (None when it cites none).
    """

    category: str = attrs.field(validator=attrs.validators.in_(CATEGORIES))
    low: int = attrs.field(validator=attrs.validators.instance_of(int))
    high: Optional[int] = attrs.field(validator=_check_high)
    qualifier: str = attrs.field(validator=attrs.validators.in_(QUALIFIERS))
    value: Optional[int] = None
    background: bool = False
    start: int = 0
    end: int = 0
    quote: str = attrs.field(default="", validator=_check_quote)
    victims: Optional[str] = None
    victim_group: str = attrs.field(default="unknown", validator=attrs.validators.in_(VICTIM_GROUPS))
    cited_source: Optional[str] = None

    @property
    def key(self) -> tuple:
        """``(category, low, high, qualifier, background)``: what a round trip compares."""
        return (self.category, self.low, self.high, self.qualifier, self.background)

    @staticmethod
    def key_of(claim) -> tuple:
        """The tuple of :attr:`key` for any claim-like object, e.g. a :class:`casualties.Claim`."""
        return (claim.category, claim.low, claim.high, claim.qualifier, claim.background)

    @property
    def counts(self) -> bool:
        """Whether the claim counts toward its incident (the grammar's claims are never
        subsets, list parts or perpetrator claims, so: not background)."""
        return not self.background

    @property
    def stated(self) -> Tuple[int, ...]:
        """The numbers stated: ``(low, high)`` for a range, ``()`` for a vague word."""
        if self.qualifier == "between":
            return (self.low, self.high)
        return () if self.value is None else (self.value,)


class ClaimText(NamedTuple):
    """What :func:`claim_texts` draws: a text and the claims it states, in text order."""

    text: str
    claims: Tuple[ExpectedClaim, ...]


@attrs.frozen
class IncidentReports:
    """What :func:`incidents` draws: the reports of one incident and what they reconcile to.

    ``reports`` are report mappings with ids ``r1``, ``r2``, ... (rename them before mixing
    several draws); ``claims[i]`` are the expected claims of ``reports[i]``. Every report
    states one main killed figure. ``killed_low`` / ``killed_high`` are the smallest and
    largest stated killed figures that count (None when every one is vague) and ``consistent``
    whether the killed intervals intersect: the incident's all-victims killed row of
    :attr:`casualties.Result.ranges` must say the same.
    """

    reports: Tuple[Dict[str, Any], ...]
    claims: Tuple[Tuple[ExpectedClaim, ...], ...]
    place: str
    date: _dt.date
    kind: str
    killed_low: Optional[int]
    killed_high: Optional[int]
    consistent: bool


# --------------------------------------------------------------------------- argument checks


def _check_int(name: str, value, minimum: int = 0) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InputTypeError(f"{name}: expected an int, got {type(value).__name__} {value!r}")
    if value < minimum:
        raise InvalidValueError(f"{name}={value!r} must be >= {minimum}")
    return value


def _check_bounds(lo_name: str, lo, hi_name: str, hi, minimum: int = 0) -> Tuple[int, int]:
    lo = _check_int(lo_name, lo, minimum)
    hi = _check_int(hi_name, hi, minimum)
    if lo > hi:
        raise InvalidValueError(f"{lo_name}={lo!r} must be <= {hi_name}={hi!r}")
    return lo, hi


def _check_categories(categories) -> Tuple[str, ...]:
    if isinstance(categories, str):
        categories = (categories,)
    try:
        cats = tuple(dict.fromkeys(categories))
    except TypeError:
        raise InputTypeError(f"categories: expected an iterable of category names, "
                             f"got {type(categories).__name__}") from None
    bad = [c for c in cats if c not in CATEGORIES]
    if bad:
        raise InvalidValueError(f"categories: {bad!r} not in {CATEGORIES}")
    if not cats:
        raise InvalidValueError(f"categories: give at least one of {CATEGORIES}")
    return cats


def _check_gaps(gaps) -> frozenset:
    if isinstance(gaps, str):
        gaps = (gaps,)
    try:
        out = frozenset(gaps)
    except TypeError:
        raise InputTypeError(f"extractor_gaps: expected names from EXTRACTOR_GAPS, got {type(gaps).__name__}") from None
    bad = sorted(out - set(EXTRACTOR_GAPS))
    if bad:
        raise InvalidValueError(f"extractor_gaps: {bad!r} not in {sorted(EXTRACTOR_GAPS)}")
    return out


def _check_bool(name: str, value) -> bool:
    if not isinstance(value, bool):
        raise InputTypeError(f"{name}: expected True or False, got {type(value).__name__} {value!r}")
    return value


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


# --------------------------------------------------------------------------- words

#: Victim nouns: (plural, singular, normalised group).
_VICTIMS: Tuple[Tuple[str, str, str], ...] = (
    ("people", "person", "unknown"),
    ("civilians", "civilian", "civilian"),
    ("soldiers", "soldier", "security forces"),
    ("police officers", "police officer", "security forces"),
    ("policemen", "policeman", "security forces"),
    ("children", "child", "civilian"),
    ("workers", "worker", "civilian"),
    ("villagers", "villager", "civilian"),
    ("students", "student", "civilian"),
    ("passengers", "passenger", "civilian"),
    ("militants", "militant", "armed group"),
    ("fighters", "fighter", "armed group"),
)
_CAPTURED_VICTIMS = _VICTIMS + (("suspects", "suspect", "armed group"),)

#: Figure-first verb phrases: (plural, singular).
_PASSIVE: Mapping[str, Tuple[Tuple[str, str], ...]] = {
    "killed": (("were killed", "was killed"), ("were shot dead", "was shot dead"), ("died", "died"),
               ("have been killed", "has been killed")),
    "injured": (("were wounded", "was wounded"), ("were injured", "was injured"), ("were hurt", "was hurt"),
                ("have been wounded", "has been wounded")),
    "missing": (("are missing", "is missing"), ("remain missing", "remains missing"), ("went missing", "went missing"),
                ("were missing", "was missing")),
    "kidnapped": (("were kidnapped", "was kidnapped"), ("were abducted", "was abducted"),
                  ("were taken hostage", "was taken hostage"), ("have been kidnapped", "has been kidnapped")),
    "captured": (("were captured", "was captured"), ("were detained", "was detained"),
                 ("were arrested", "was arrested"), ("were taken prisoner", "was taken prisoner"),
                 ("have been detained", "has been detained")),
}
_GONE_MISSING = ("have gone missing", "has gone missing")
#: Verb first: (past, participle).
_ACTIVE: Mapping[str, Tuple[Tuple[str, str], ...]] = {
    "killed": (("killed", "killing"),),
    "injured": (("wounded", "wounding"), ("injured", "injuring")),
    "kidnapped": (("kidnapped", "kidnapping"), ("abducted", "abducting")),
    "captured": (("captured", "capturing"), ("detained", "detaining"), ("arrested", "arresting")),
}
#: "the blast left 9 dead": the state word after the figure.
_LEFT_STATES: Mapping[str, Tuple[str, ...]] = {"killed": ("dead",), "injured": ("wounded", "injured"),
                                               "missing": ("missing",)}
_TOLL_VERBS = ("rose to", "climbed to", "reached", "stood at", "has risen to")

_SUBJECTS: Mapping[str, Tuple[str, ...]] = {
    "killed": ("the attack", "the blast", "the explosion", "the bombing", "a car bomb", "the airstrike", "gunmen"),
    "injured": ("the attack", "the blast", "the explosion", "the bombing", "a car bomb", "the airstrike", "gunmen"),
    "kidnapped": ("gunmen", "militants", "armed men", "kidnappers"),
    "captured": ("troops", "police", "security forces", "rebels"),
}
_SUBJECTS_ANY = ("gunmen", "militants", "the attackers")
_EVENTS: Mapping[str, Tuple[str, ...]] = {
    "killed": ("a car bomb exploded near a market", "a suicide bomber struck a checkpoint",
               "gunmen opened fire on a bus", "a roadside bomb hit a convoy"),
    "injured": ("a car bomb exploded near a market", "a suicide bomber struck a checkpoint",
                "gunmen opened fire on a bus", "a roadside bomb hit a convoy"),
    "kidnapped": ("gunmen stormed the village", "militants stopped a bus on the highway"),
    "captured": ("troops raided the town", "police raided a house"),
}
_EVENTS_ANY = ("gunmen stormed the village", "militants attacked a checkpoint")
_LEFT_SUBJECTS = ("the blast", "the attack", "the explosion", "the raid")

_PLACES = ("Mosul", "Kirkuk", "Qamishli", "Hasakah", "Baquba", "Ramadi", "Tikrit", "Aden", "Kandahar",
           "Quetta", "Peshawar", "Kabul", "Mogadishu", "Aleppo", "Idlib", "Homs", "Raqqa")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
#: Cited bodies as written mid-sentence; the expected ``cited_source`` drops a leading "the".
_SOURCES = ("police", "the interior ministry", "the health ministry", "state media", "hospital officials",
            "witnesses", "local officials", "the Syrian Observatory for Human Rights", "the army", "the UN")
_SOURCE_STYLES = ("none", "said_before", "said_after", "according_before", "according_after")
#: Publishing outlets (``source`` of a report).
_OUTLETS = ("AP", "Reuters", "AFP", "Al Jazeera", "Xinhua", "BBC", "SANA", "Anadolu", "The Guardian", "CNN")
_ATTACK_KINDS = ("car bomb", "truck bomb", "roadside bomb", "suicide car bomb")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _source_name(written: str) -> str:
    for prefix in ("the ", "The "):
        if written.startswith(prefix):
            return written[len(prefix):]
    return written


# --------------------------------------------------------------------------- text with spans


@attrs.define
class _Piece:
    """Text under construction and the claims it states (spans relative to ``text``)."""

    text: str = ""
    claims: List[dict] = attrs.Factory(list)

    def add(self, other) -> "_Piece":
        if isinstance(other, str):
            self.text += other
            return self
        shift = len(self.text)
        self.text += other.text
        self.claims += [dict(c, start=c["start"] + shift, end=c["end"] + shift) for c in other.claims]
        return self


def _cat(*parts) -> _Piece:
    out = _Piece()
    for p in parts:
        out.add(p)
    return out


def _claim(text: str, start: int, end: int, category: str, fig: _Figure, victims: Optional[str],
           group: str, **extra) -> _Piece:
    return _Piece(text, [dict(category=category, low=fig.low, high=fig.high, qualifier=fig.qualifier,
                              value=fig.value, start=start, end=end, victims=victims, victim_group=group,
                              plain=fig.plain, background=False, cited_source=None, **extra)])


@st.composite
def _noun_phrases(draw, fig: _Figure, category: str, *, noun: Optional[bool] = None):
    """``(words, victims, group)``: the figure with its victim noun ("at least 44 people")."""
    if fig.kind == "zero":
        return fig.text, None, "unknown"
    plural, singular, group = draw(st.sampled_from(_CAPTURED_VICTIMS if category == "captured" else _VICTIMS))
    if fig.kind == "one":
        word = singular if singular != "person" else "man"
        return f"a {word}", word, ("civilian" if word == "man" else group)
    if noun is None:
        noun = fig.no_noun is None or draw(st.integers(0, 3)) > 0
    if not noun and fig.no_noun is not None:
        return fig.no_noun, None, "unknown"
    word = singular if fig.singular else plural
    return f"{fig.text} {word}", word, group


def _passive_verbs(category: str, fig: _Figure, gaps: frozenset, in_pair: bool = False):
    """The figure-first verb phrases ``(plural, singular)`` of ``category`` for ``fig``;
    ``in_pair``: a clause of "X were killed and Y were ..."."""
    verbs = list(_PASSIVE[category])
    if category == "missing":
        verbs.append(_GONE_MISSING)
    return verbs


@st.composite
def _passive_clauses(draw, category: str, fig: _Figure, gaps: frozenset = frozenset(), *,
                     in_pair: bool = False) -> _Piece:
    """Figure first: "at least 44 people were killed", "no one was hurt"; ``in_pair``: a clause
    of "X were killed and Y were ..."."""
    fig = _before_verb(fig, gaps)
    np, victims, group = draw(_noun_phrases(fig, category))
    plural_verb, singular_verb = draw(st.sampled_from(_passive_verbs(category, fig, gaps, in_pair)))
    verb = singular_verb if (fig.singular or fig.kind in ("one", "zero")) else plural_verb
    text = f"{np} {verb}"
    return _claim(text, 0, len(text), category, fig, victims, group)


@st.composite
def _clauses(draw, category: str, fig: _Figure, *, traps: bool, gaps: frozenset = frozenset()) -> _Piece:
    """One claim as a clause (lower case, no final stop)."""
    forms = ["passive"]
    if category in _LEFT_STATES and fig.kind not in ("zero", "one"):
        forms.append("left")
    if category in _ACTIVE and fig.kind != "zero":
        forms += ["active", "participle"]
    if category == "killed" and fig.kind not in ("zero", "one", "vague") and not fig.singular \
            and not fig.text.startswith("a total"):
        forms.append("toll")
    if category in _ACTIVE and fig.kind == "at_least":
        forms.append("or_more_after_noun")
    form = draw(st.sampled_from(forms))
    if form == "passive":
        return draw(_passive_clauses(category, fig, gaps))
    if form == "left":
        head = draw(st.sampled_from(_LEFT_SUBJECTS)) + " left "
        fig = _before_verb(fig, gaps)
        np, victims, group = draw(_noun_phrases(fig, category))
        text = f"{head}{np} {draw(st.sampled_from(_LEFT_STATES[category]))}"
        return _claim(text, len(head), len(text), category, fig, victims, group)
    if form == "toll":
        head = draw(st.sampled_from(["the death toll ", "the toll "])) + draw(st.sampled_from(_TOLL_VERBS)) + " "
        people = draw(st.booleans())
        text = head + fig.text + (" people" if people else "")
        return _claim(text, len("the "), len(text), category, fig, "people" if people else None, "unknown")
    past, ing = draw(st.sampled_from(_ACTIVE[category]))
    if form == "or_more_after_noun":  # "killed 25 people or more"
        plural, _, group = draw(st.sampled_from(_VICTIMS))
        head = draw(st.sampled_from(_SUBJECTS[category])) + " "
        text = f"{head}{past} {_digits(fig.value)} {plural} or more"
        return _claim(text, len(head), len(text), category, fig, plural, group)
    np, victims, group = draw(_noun_phrases(fig, category))
    if form == "active":
        head = draw(st.sampled_from(_SUBJECTS[category])) + " "
        text = f"{head}{past} {np}"
    else:
        head = draw(_events(category, traps=traps, gaps=gaps)) + ", "
        text = f"{head}{ing} {np}"
    return _claim(text, len(head), len(text), category, fig, victims, group)


@st.composite
def _events(draw, category: str, *, traps: bool, gaps: frozenset = frozenset()) -> str:
    if traps and category in ("killed", "injured") and draw(st.integers(0, 2)) == 0:
        n = draw(st.integers(50, 2100))  # weights that look like years ("a 2000-kilogram car bomb")
        return draw(st.sampled_from([f"a {n}-kilogram car bomb exploded near a market",
                                     f"about {n // 10} gunmen stormed the village"]))
    return draw(st.sampled_from(_EVENTS[category]))


@st.composite
def _double_clauses(draw, cats: Tuple[str, str], figs: Tuple[_Figure, _Figure], gaps: frozenset) -> _Piece:
    """Two claims of different categories in one clause."""
    (c1, c2), (f1, f2) = cats, figs
    forms = ["passive"]
    if all(c in _ACTIVE for c in cats) and "zero" not in (f1.kind, f2.kind):
        forms += ["active", "participle"]
    form = draw(st.sampled_from(forms))
    if form == "passive":
        return _cat(draw(_passive_clauses(c1, f1, gaps, in_pair=True)), " and ",
                    draw(_passive_clauses(c2, f2, gaps, in_pair=True)))
    (p1, i1), (p2, i2) = draw(st.sampled_from(_ACTIVE[c1])), draw(st.sampled_from(_ACTIVE[c2]))
    np1, v1, g1 = draw(_noun_phrases(f1, c1))
    np2, v2, g2 = draw(_noun_phrases(f2, c2))
    violent = set(cats) <= {"killed", "injured"}
    if form == "active":
        head = draw(st.sampled_from(_SUBJECTS[c1] if violent else _SUBJECTS_ANY)) + " "
        w1, w2 = p1, p2
    else:
        head = draw(st.sampled_from(_EVENTS[c1] if violent else _EVENTS_ANY)) + ", "
        w1, w2 = i1, i2
    a, b = f"{w1} {np1}", f"{w2} {np2}"
    return _cat(head, _claim(a, 0, len(a), c1, f1, v1, g1), " and ", _claim(b, 0, len(b), c2, f2, v2, g2))


@st.composite
def _tails(draw, *, traps: bool, scene: Optional[Tuple[str, str]] = None, after_digit: bool = False) -> str:
    """Where and when, after a clause; ``scene`` (place, weekday) fixes both for an incident."""
    options = [" in {place}", " on {day}", " in {place} on {day}", " near the market", " in the attack"]
    if scene is None:
        options.append("")
        if traps and not after_digit:  # "killed more than 30 40 km south of ..." would be no prose
            options.append(" {km} km south of {place}")
    place, day = scene or (draw(st.sampled_from(_PLACES)), draw(st.sampled_from(_WEEKDAYS)))
    return draw(st.sampled_from(options)).format(place=place, day=day, km=draw(st.integers(2, 90)))


@st.composite
def _openings(draw, scene: Optional[Tuple[str, str]] = None) -> str:
    """An opening adverbial holding a trap number (a time, a date), or a weekday."""
    h, mm = draw(st.integers(1, 12)), draw(st.integers(0, 59))
    options = [f"at {h}:{mm:02d} a.m. local time, ", f"shortly after {h} p.m., "]
    if scene is None:
        options += [f"on {draw(st.sampled_from(_WEEKDAYS))}, ",
                    f"on {draw(st.integers(1, 28))} {draw(st.sampled_from(_MONTHS))}, "]
    else:
        options.append(f"on {scene[1]}, ")
    return draw(st.sampled_from(options))


def _with_source(piece: _Piece, style: str, written: Optional[str]) -> _Piece:
    """A sentence (capitalised, with its final stop) citing ``written`` in ``style``."""
    name = None
    if style == "none" or written is None:
        out = _cat(piece, ".")
    elif style == "said_before":
        out = _cat(_cap(written) + " said ", piece, ".")
        name = _source_name(_cap(written))
    elif style == "said_after":
        out = _cat(piece, f", {written} said.")
        name = _source_name(written)
    elif style == "according_before":
        out = _cat(f"according to {written}, ", piece, ".")
        name = _source_name(written)
    elif style == "according_after":
        out = _cat(piece, f", according to {written}.")
        name = _source_name(written)
    else:  # pragma: no cover - internal
        raise AssertionError(style)
    for c in out.claims:
        c["cited_source"] = name
    return _Piece(_cap(out.text), out.claims)


@st.composite
def _claim_sentences(draw, cats: Sequence[str], lo: int, hi: int, n_claims: int, *, traps: bool,
                     sources: bool, gaps: frozenset, scene: Optional[Tuple[str, str]] = None) -> _Piece:
    """One sentence stating ``n_claims`` (1 or 2) main claims, of different categories."""
    style = draw(st.sampled_from(_SOURCE_STYLES)) if sources else "none"
    written = draw(st.sampled_from(_SOURCES)) if style != "none" else None
    options: Dict[str, Any] = {}
    if n_claims == 2:
        c1, c2 = draw(st.permutations(list(cats)))[:2]
        figs = (draw(_figures(lo, hi, **options)), draw(_figures(lo, hi, **options)))
        body = draw(_double_clauses((c1, c2), figs, gaps))
    else:
        category = draw(st.sampled_from(list(cats)))
        body = draw(_clauses(category, draw(_figures(lo, hi, **options)), traps=traps, gaps=gaps))
    body.add(draw(_tails(traps=traps, scene=scene, after_digit=body.text[-1:].isdigit())))
    if style in ("none", "said_after", "according_after") and traps and draw(st.integers(0, 3)) == 0:
        body = _cat(draw(_openings(scene)), body)
    return _with_source(body, style, written)


# --------------------------------------------------------------------------- traps and background

def _ordinal(n: int) -> str:
    return f"{n}th" if 10 <= n % 100 <= 20 else f"{n}{({1: 'st', 2: 'nd', 3: 'rd'}).get(n % 10, 'th')}"


#: Sentences whose numbers are not casualty claims, each a function of ``(draw, n)`` where
#: ``n(a, b)`` draws an integer in [a, b].
_TRAPS = (
    lambda d, n: f"The {n(2, 90)}-day battle for the town ended after government forces entered the centre.",
    lambda d, n: (lambda a: f"Parliament voted {a} to {n(1, a - 1)} to extend the state of emergency.")(n(100, 400)),
    lambda d, n: f"The Pentagon said it would send {n(50, 5000):,} additional troops to the region.",
    lambda d, n: f"Brigade {n(1, 200)} withdrew from its base near the river.",
    lambda d, n: f"The militia, which has some {n(200, 20000):,} members, denied any involvement.",
    lambda d, n: f"Kidnappers demanded a ransom of ${n(1, 20)} million.",
    lambda d, n: f"Food prices in the besieged city have risen by {n(10, 400)} percent.",
    lambda d, n: f"The town, home to about {n(2, 90) * 1000:,} people, has been under siege for {n(2, 30)} months.",
    lambda d, n: f"The convoy was attacked {n(2, 90)} km south of the city on Highway {n(1, 40)}.",
    lambda d, n: f"It was the {_ordinal(n(2, 30))} attack on the pipeline this year.",
    lambda d, n: f"Jets carried out {n(2, 60)} airstrikes overnight, destroying {n(2, 30)} buildings.",
    lambda d, n: f"Rebels captured {n(2, 12)} villages north of the city.",
    lambda d, n: f"A {n(12, 80)}-year-old witness said the gunmen wore uniforms.",
    lambda d, n: f"About {n(20, 500)} gunmen stormed the town.",
    lambda d, n: f"The group is believed to be holding about {n(20, 900)} prisoners.",
    lambda d, n: f"Troops recovered {n(5, 90)} spent shell casings at the scene.",
    lambda d, n: f"The group has between {n(2, 9) * 1000:,} and {n(10, 30) * 1000:,} fighters.",
    lambda d, n: f"The attackers fired {n(2, 40)} rockets at the base.",
    lambda d, n: f"Anyone with information is asked to call {n(200, 999)}-{n(200, 999)}-{n(1000, 9999)}.",
    lambda d, n: f"The number of civilians killed in the province rose {n(2, 60)} percent.",
)
#: Traps with a year, a date, a weekday or a clock time: left out of incident reports, whose
#: date cue they could move.
_DATED_TRAPS = (
    lambda d, n: f"In {n(1990, 2023)}, the town was captured by rebels.",
    lambda d, n: f"The attack took place on {n(1, 28)} {d(st.sampled_from(_MONTHS))} {n(1990, 2023)}.",
    lambda d, n: f"The bomb went off at {n(1, 12)}:{n(10, 59)} a.m. local time.",
    lambda d, n: f"Israel released {n(2, 900)} Palestinian prisoners on Tuesday.",
)


@st.composite
def _trap_sentences(draw, *, undated: bool = False) -> _Piece:
    make = draw(st.sampled_from(_TRAPS if undated else _TRAPS + _DATED_TRAPS))
    return _Piece(make(draw, lambda a, b: draw(st.integers(a, b))))


_FILLERS = ("Rescue teams searched the rubble through the night.", "The area was sealed off by security forces.",
            "Roads into the town were closed.")
_PERFECT: Mapping[str, Tuple[str, str]] = {
    "killed": ("have been killed", "has been killed"), "injured": ("have been wounded", "has been wounded"),
    "kidnapped": ("have been kidnapped", "has been kidnapped"), "captured": ("have been detained", "has been detained"),
    "missing": ("are missing", "is missing"),
}


@st.composite
def _background_sentences(draw, category: str, lo: int, hi: int, *, weak: bool, gaps: frozenset) -> _Piece:
    """A sentence about another event; its claim has ``background=True``.

    ``weak`` allows the templates marked only by a weak cue ("last year", "similar", "earlier
    this month", "a separate attack").
    """
    fig = draw(_figures(lo, hi, zero=False))
    templates = ["past_year", "since_start", "ago"]
    if category in _ACTIVE:
        templates.append("came_after")
    if category in ("killed", "injured"):
        templates += ["war", "quake"]
    if weak:
        templates += ["similar_last_year", "last_month", "earlier_month"]
        if category in _ACTIVE:
            templates.append("separate")
    template = draw(st.sampled_from(templates))
    if template in ("past_year", "since_start", "ago", "similar_last_year", "last_month", "earlier_month"):
        fig = _before_verb(fig, gaps)
    np, victims, group = draw(_noun_phrases(fig, category))
    singular = fig.singular or fig.kind == "one"
    if template in ("past_year", "since_start"):
        head = "over the past year, " if template == "past_year" else "since the start of the conflict, "
        clause = f"{np} {_PERFECT[category][singular]}"
        return _background(head, clause, " in the province.", category, fig, victims, group)
    if template in ("ago", "similar_last_year", "last_month", "earlier_month"):
        plural_verb, singular_verb = draw(st.sampled_from(_passive_verbs(category, fig, gaps)))
        clause = f"{np} {singular_verb if singular else plural_verb}"
        head, tail = {
            "ago": ("", f" in a similar attack {draw(st.integers(2, 11))} "
                        f"{draw(st.sampled_from(['months', 'years']))} ago."),
            "similar_last_year": ("in a similar attack last year, ", "."),
            "last_month": ("last month, ", " on the same road."),
            "earlier_month": ("earlier this month, ", " in the same district."),
        }[template]
        return _background(head, clause, tail, category, fig, victims, group)
    past = draw(st.sampled_from(_ACTIVE[category]))[0] if category in _ACTIVE else None
    if template == "came_after":
        unit = draw(st.sampled_from(["two weeks", "three days", "a week", "a day", "10 days", "two months"]))
        head = f"the attack came {unit} after a {draw(st.sampled_from(_ATTACK_KINDS))} in the same street "
        return _background(head, f"{past} {np}", ".", category, fig, victims, group)
    if template == "war":
        verb = "killed" if category == "killed" else "wounded"
        return _background("the war has ", f"{verb} {np}", f" since {draw(st.integers(1990, 2020))}.",
                           category, fig, victims, group)
    if template == "quake":
        verb = "killed" if category == "killed" else "injured"
        return _background("the region is still reeling from an earthquake that ", f"{verb} {np}", ".",
                           category, fig, victims, group)
    # separate
    return _background("a separate attack last week ", f"{past} {np}", ".", category, fig, victims, group)


def _background(head: str, clause: str, tail: str, category, fig, victims, group) -> _Piece:
    piece = _cat(head, _claim(clause, 0, len(clause), category, fig, victims, group), tail)
    for c in piece.claims:
        c["background"] = True
    return _Piece(_cap(piece.text), piece.claims)


# --------------------------------------------------------------------------- expected claims


def _expected(text: str, raw: Sequence[dict]) -> Tuple[ExpectedClaim, ...]:
    """The claims of ``text`` in text order, with the documented repeated-hedge rule applied:
    a bare exact figure that repeats a hedged one of its category ("at least 44" ... "44")
    takes that hedge (docs/concepts.md, "Incidents"; accounting.py ``_hedge_bare_repeats``)."""
    ordered = sorted(raw, key=lambda c: (c["start"], c["end"]))
    hedged: Dict[tuple, dict] = {}
    for c in ordered:
        if c["qualifier"] in ("at_least", "more_than") and c["value"] is not None and not c["background"]:
            hedged.setdefault((c["category"], c["value"]), c)
    out = []
    for c in ordered:
        h = hedged.get((c["category"], c["value"]))
        qualifier, low, high = c["qualifier"], c["low"], c["high"]
        if h is not None and qualifier == "exact" and not c["background"] and c["plain"]:
            qualifier, low, high = h["qualifier"], h["low"], h["high"]
        out.append(ExpectedClaim(
            category=c["category"], low=low, high=high, qualifier=qualifier, value=c["value"],
            background=c["background"], start=c["start"], end=c["end"], quote=text[c["start"]:c["end"]],
            victims=c["victims"], victim_group=c["victim_group"], cited_source=c["cited_source"],
        ))
    return tuple(out)


def _join(draw, sentences: Sequence[_Piece]) -> _Piece:
    out = _Piece()
    for i, s in enumerate(sentences):
        if i:
            out.add(draw(st.sampled_from([" ", " ", " ", "\n\n"])))
        out.add(s)
    return out


# --------------------------------------------------------------------------- claim_texts


def _check_text_args(categories, min_value, max_value, min_claims, max_claims, extractor_gaps, flags):
    cats = _check_categories(categories)
    lo, hi = _check_bounds("min_value", min_value, "max_value", max_value)
    min_claims, max_claims = _check_bounds("min_claims", min_claims, "max_claims", max_claims)
    for name, value in flags.items():
        _check_bool(name, value)
    gaps = _check_gaps(extractor_gaps)
    if max_claims > 0 and not _figure_kinds(lo, hi):
        raise InvalidValueError(f"no casualty figure of {cats} can be written with numbers in "
                                f"[min_value={lo}, max_value={hi}]")
    return cats, lo, hi, min_claims, max_claims, gaps


def claim_texts(*, categories: Iterable[str] = CATEGORIES, min_value: int = 0,
                max_value: int = DEFAULT_MAX_VALUE, min_claims: int = 0, max_claims: int = 4,
                with_traps: bool = True, with_background: bool = True, with_sources: bool = True,
                extractor_gaps: Iterable[str] = ()) -> st.SearchStrategy[ClaimText]:
    """Texts that state casualty figures, with the claims they state: ``(text, claims)``.

    Parameters
    ----------
    categories: the categories the claims may have (default: all of :data:`casualties.CATEGORIES`).
    min_value, max_value: bounds on every number written as a figure (the stated N, both ends
        of a range, the floor of a vague word). Intervals derived from them may reach beyond
        ("about 10" is [9, 11], "more than 10" starts at 11).
    min_claims, max_claims: how many claims a text states, background claims included.
    with_traps: add numbers that are not claims (years, ages, times, money, troop counts...).
    with_background: add sentences about other events, whose claims are ``background``.
    with_sources: let sentences cite a body ("police said", "according to ...").
    extractor_gaps: names from :data:`EXTRACTOR_GAPS` to add to the grammar.

    ``claims`` is a tuple of :class:`ExpectedClaim`, in text order: exactly the claims
    ``casualties.extract_claims(text)`` must return (compare ``ExpectedClaim.key`` with
    ``ExpectedClaim.key_of(claim)`` as sorted lists).
    """
    cats, lo, hi, min_claims, max_claims, gaps = _check_text_args(
        categories, min_value, max_value, min_claims, max_claims, extractor_gaps,
        {"with_traps": with_traps, "with_background": with_background, "with_sources": with_sources})
    return _claim_texts(cats, lo, hi, min_claims, max_claims, with_traps, with_background, with_sources, gaps)


@st.composite
def _claim_texts(draw, cats, lo, hi, min_claims, max_claims, traps, background, sources, gaps) -> ClaimText:
    piece = draw(_text_pieces(cats, lo, hi, min_claims, max_claims, traps, background, sources, gaps))
    return ClaimText(piece.text, _expected(piece.text, piece.claims))


@st.composite
def _text_pieces(draw, cats, lo, hi, min_claims, max_claims, traps, background, sources, gaps,
                 scene: Optional[Tuple[str, str]] = None, lead: Optional[_Piece] = None,
                 background_cats: Optional[Sequence[str]] = None) -> _Piece:
    total = draw(st.integers(min_claims, max_claims))
    # background figures are never "no one": with max_value 0 there are none
    n_background = draw(st.integers(0, min(2, total))) if background and total and hi >= 1 else 0
    n_main = total - n_background
    sentences: List[_Piece] = [lead] if lead is not None else []
    while n_main > 0:
        size = 2 if n_main >= 2 and len(cats) >= 2 and draw(st.booleans()) else 1
        sentences.append(draw(_claim_sentences(cats, lo, hi, size, traps=traps, sources=sources, gaps=gaps,
                                                scene=scene)))
        n_main -= size
    if traps:
        for _ in range(draw(st.integers(0, 2))):
            at = draw(st.integers(1 if lead is not None else 0, len(sentences)))
            sentences.insert(at, draw(_trap_sentences(undated=scene is not None)))
    main_categories = {c["category"] for s in sentences for c in s.claims}
    for _ in range(n_background):
        category = draw(st.sampled_from(list(background_cats or cats)))
        weak = category in main_categories or "weak_background_first" in gaps
        sentences.append(draw(_background_sentences(category, max(lo, 1), hi, weak=weak, gaps=gaps)))
    if not sentences:
        sentences.append(_Piece(draw(st.sampled_from(_FILLERS))))
    return _join(draw, sentences)


# --------------------------------------------------------------------------- claims


_QUALIFIER_KINDS = {"exact": ("exact",), "at_least": ("at_least",), "more_than": ("more_than",),
                    "up_to": ("up_to",), "at_most": ("at_most",), "about": ("about", "nearly"),
                    "between": ("between",), "vague": ("vague",)}


def claims(*, categories: Iterable[str] = CATEGORIES, min_value: int = 0, max_value: int = DEFAULT_MAX_VALUE,
           qualifiers: Iterable[str] = QUALIFIERS) -> st.SearchStrategy[Claim]:
    """Valid :class:`casualties.Claim` objects.

    The interval agrees with the qualifier by the table of docs/concepts.md, ``value`` and
    ``stated`` with the figure, ``quote`` is the figure as written ("at least 44 people") and
    ``end - start == len(quote)``; victims, cited source and the flags vary. ``min_value`` /
    ``max_value`` bound the stated numbers (and vague floors), as in :func:`claim_texts`.
    """
    cats = _check_categories(categories)
    lo, hi = _check_bounds("min_value", min_value, "max_value", max_value)
    if isinstance(qualifiers, str):
        qualifiers = (qualifiers,)
    quals = tuple(dict.fromkeys(qualifiers))
    bad = [q for q in quals if q not in QUALIFIERS]
    if bad or not quals:
        raise InvalidValueError(f"qualifiers: {bad or quals!r}: give one or more of {QUALIFIERS}")
    kinds = tuple(k for q in quals for k in _QUALIFIER_KINDS[q])
    if not _figure_kinds(lo, hi, kinds=kinds):
        raise InvalidValueError(f"no claim with qualifiers {quals} has its numbers in "
                                f"[min_value={lo}, max_value={hi}]")
    return _claims(cats, lo, hi, kinds)


@st.composite
def _claims(draw, cats, lo, hi, kinds) -> Claim:
    category = draw(st.sampled_from(cats))
    fig = draw(_figures(lo, hi, kinds=kinds, hedges_out=()))
    words, victims, group = draw(_noun_phrases(fig, category))
    start = draw(st.integers(0, 5000))
    if fig.kind == "vague":
        word = next(w for w, (with_noun, without) in _VAGUE_FORMS.items() if fig.text == with_noun)
        basis = f"vague '{word}': floor {fig.low} (policy 'design')"
    elif fig.kind in ("zero", "one"):
        basis = f"implicit: '{words}' = {fig.value}"
    else:
        basis = ""
    stated = (fig.low, fig.high) if fig.qualifier == "between" else (() if fig.value is None else (fig.value,))
    return Claim(
        category=category, low=fig.low, high=fig.high, value=fig.value, qualifier=fig.qualifier,
        start=start, end=start + len(words), quote=words, stated=stated, victims=victims, victim_group=group,
        cited_source=draw(st.none() | st.sampled_from(_SOURCES).map(_source_name)),
        perpetrator_claim=draw(st.booleans()), background=draw(st.booleans()), subset=draw(st.booleans()),
        part_of_list=draw(st.booleans()), basis=basis,
    )


# --------------------------------------------------------------------------- reports


def _published_values(day: _dt.date):
    """``day`` as any of the accepted forms: date, datetime, ISO string."""
    return st.sampled_from([
        day, day.isoformat(), _dt.datetime(day.year, day.month, day.day, 9, 30),
        _dt.datetime(day.year, day.month, day.day, 18, 5).isoformat(),
    ])


def reports(*, min_claims: int = 0, max_claims: int = 4, categories: Iterable[str] = CATEGORIES,
            min_value: int = 0, max_value: int = DEFAULT_MAX_VALUE, with_traps: bool = True,
            with_background: bool = True) -> st.SearchStrategy[Dict[str, Any]]:
    """Report mappings ``{report_id, text, source, published, title}`` for
    :func:`casualties.reconcile`.

    ``text`` comes from :func:`claim_texts` (same arguments); ``source`` (an outlet),
    ``published`` (a date, datetime or ISO string) and ``title`` may be None. ``report_id`` is
    ``"r"`` and a number: draw lists with ``st.lists(reports(), unique_by=lambda r:
    r["report_id"])``. Figures never share a sentence with a year or a month, so the
    publication date does not change which claims are background.
    """
    cats, lo, hi, min_claims, max_claims, gaps = _check_text_args(
        categories, min_value, max_value, min_claims, max_claims, (),
        {"with_traps": with_traps, "with_background": with_background})
    return _reports_with_claims(cats, lo, hi, min_claims, max_claims, with_traps, with_background).map(lambda p: p[0])


@st.composite
def _reports_with_claims(draw, cats, lo, hi, min_claims, max_claims, traps, background):
    """``(report, expected claims)``: what :func:`reports` draws, with the claims of its text."""
    text, expected = draw(_claim_texts(cats, lo, hi, min_claims, max_claims, traps, background, True, frozenset()))
    day = draw(st.dates(_dt.date(2000, 1, 1), _dt.date(2024, 12, 31)))
    report = {
        "report_id": f"r{draw(st.integers(0, 10**6))}",
        "text": text,
        "source": draw(st.none() | st.sampled_from(_OUTLETS)),
        "published": draw(st.none() | _published_values(day)),
        "title": draw(st.none() | st.sampled_from(_PLACES).map(lambda p: f"Attack in {p}")),
    }
    return report, expected


# --------------------------------------------------------------------------- incidents


def incidents(*, min_reports: int = 2, max_reports: int = 4, conflicting: Optional[bool] = None,
              min_value: int = 0, max_value: int = 1000, with_traps: bool = True,
              with_background: bool = True) -> st.SearchStrategy[IncidentReports]:
    """The reports of one incident, and the killed range they must reconcile to.

    Every report tells of the same attack (the same kind, town and weekday, published zero to
    three days later, by different outlets) and states one main killed figure in [min_value,
    max_value]; it may add an injured figure, traps and background sentences.

    conflicting: None, the figures fall as they may; False, every killed interval holds one
        common number (the range is consistent); True, two reports state killed intervals that
        do not meet (the range conflicts).
    """
    min_reports, max_reports = _check_bounds("min_reports", min_reports, "max_reports", max_reports, minimum=1)
    lo, hi = _check_bounds("min_value", min_value, "max_value", max_value)
    if conflicting not in (None, True, False):
        raise InputTypeError(f"conflicting: expected None, True or False, got {conflicting!r}")
    _check_bool("with_traps", with_traps)
    _check_bool("with_background", with_background)
    if conflicting and max_reports < 2:
        raise InvalidValueError(f"conflicting=True needs max_reports >= 2, got {max_reports}")
    if conflicting and max(lo, 1) >= hi:
        raise InvalidValueError(f"conflicting=True needs two different figures in [min_value={lo}, max_value={hi}]")
    return _incidents(max(min_reports, 2) if conflicting else min_reports, max_reports, conflicting, lo, hi,
                      with_traps, with_background)


@st.composite
def _incidents(draw, min_reports, max_reports, conflicting, lo, hi, traps, background) -> IncidentReports:
    n = draw(st.integers(min_reports, max_reports))
    # the figures of one incident lie within a factor of about two of a toll t: reports whose
    # tolls are far apart are (rightly) not clustered together
    t = draw(_counts(lo, hi))
    wlo, whi = max(lo, t // 2), min(hi, max(2 * t, t + 3))
    if max(wlo, 1) >= whi:
        wlo, whi = lo, hi
    if conflicting is False:
        figs = [draw(_figures_containing(t, wlo, whi)) for _ in range(n)]
    elif conflicting:
        x = draw(st.integers(max(wlo, 1), whi))
        figs = [draw(_written("exact", x)), draw(_figures_excluding(x, wlo, whi))]
        figs += [draw(_figures(wlo, whi)) for _ in range(n - 2)]
        figs = draw(st.permutations(figs))
    else:
        figs = [draw(_figures(wlo, whi)) for _ in range(n)]
    place = draw(st.sampled_from(_PLACES))
    kind = draw(st.sampled_from(_ATTACK_KINDS))
    day = draw(st.dates(_dt.date(2010, 1, 1), _dt.date(2024, 12, 31)))
    weekday = _WEEKDAYS[day.weekday()]
    outlets = draw(st.permutations(_OUTLETS))
    out_reports, out_claims = [], []
    for i, fig in enumerate(figs):
        lead = draw(_lead_sentences(fig, kind, place, weekday))
        piece = draw(_text_pieces(("injured",), max(lo, 1), max(hi, 1), 0, 2, traps, background, True, frozenset(),
                                  (place, weekday), lead, background_cats=("killed", "injured")))
        expected = _expected(piece.text, piece.claims)
        published = day + _dt.timedelta(days=draw(st.integers(0, 3)))
        out_reports.append({
            "report_id": f"r{i + 1}", "text": piece.text, "source": outlets[i % len(outlets)],
            "published": draw(_published_values(published)),
            "title": draw(st.none() | st.just(f"{_cap(kind)} attack in {place}")),
        })
        out_claims.append(expected)
    killed = [c for cs in out_claims for c in cs if c.category == "killed" and c.counts]
    stated = [v for c in killed for v in c.stated]
    highs = [c.high for c in killed if c.high is not None]
    consistent = not highs or max(c.low for c in killed) <= min(highs)
    return IncidentReports(tuple(out_reports), tuple(out_claims), place, day, kind,
                           min(stated) if stated else None, max(stated) if stated else None, consistent)


@st.composite
def _lead_sentences(draw, fig: _Figure, kind: str, place: str, weekday: str) -> _Piece:
    """The sentence that tells of the incident and states its killed figure."""
    forms = ["passive"] if fig.kind == "zero" else ["passive", "participle", "active"]
    form = draw(st.sampled_from(forms))
    where = f" in {place} on {weekday}"
    if form == "passive":
        clause = draw(_passive_clauses("killed", fig))
        body = _cat(clause, f" when a {kind} exploded{where}")
    else:
        np, victims, group = draw(_noun_phrases(fig, "killed"))
        if form == "participle":
            head = f"a {kind} exploded near a market{where}, "
            text = f"killing {np}"
            body = _cat(head, _claim(text, 0, len(text), "killed", fig, victims, group))
        else:
            head = f"a {kind} killed "
            body = _cat(_claim(head + np, 2 + len(kind) + 1, len(head) + len(np), "killed", fig, victims, group),
                        where)
    style = draw(st.sampled_from(_SOURCE_STYLES))
    return _with_source(body, style, draw(st.sampled_from(_SOURCES)) if style != "none" else None)
