"""Values, result types and argument checks of :mod:`casualties.strategies`: the public
constants, :func:`expected_interval`, :class:`ExpectedClaim`, :class:`ClaimText` and
:class:`IncidentReports`.
"""
from __future__ import annotations

import datetime as _dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Dict, Mapping, NamedTuple, Optional, Tuple

import attrs

from ..errors import InputTypeError, InvalidValueError
from ..model import CATEGORIES, QUALIFIERS, VICTIM_GROUPS

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
