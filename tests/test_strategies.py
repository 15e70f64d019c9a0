"""The hypothesis strategies of ``casualties.strategies`` and the round trip they make possible:
``extract_claims(text)`` must return exactly the claims the grammar wrote into ``text``.

Known extractor gaps (constructs the design covers that the extractor gets wrong) are left out
of the grammar by default; each has a minimal text below, marked ``xfail(strict=True)``, so a
fix shows up as an unexpected pass (then drop the gap from ``EXTRACTOR_GAPS``).

The whole file runs in well under 30 s: every hypothesis test sets its own ``max_examples``.
"""
from __future__ import annotations

import datetime as dt
import importlib
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import casualties
from casualties import CATEGORIES, QUALIFIERS, strategies
from casualties.errors import InputTypeError, InvalidValueError
from casualties.lexicon import load_lexicon
from casualties.strategies import EXTRACTOR_GAPS, ExpectedClaim, expected_interval

ROUND_TRIP = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOME = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------------------
# helpers


def _key(c) -> tuple:
    return ExpectedClaim.key_of(c)


def _sortable(key: tuple) -> tuple:
    return tuple(-1 if v is None else v for v in key)


def _report(text, expected, extracted) -> str:
    lines = [f"text: {text!r}", "expected:"]
    lines += [f"  {e.key}  quote={e.quote!r} @{e.start}:{e.end}" for e in expected] or ["  (none)"]
    lines.append("extracted:")
    lines += [f"  {_key(c)}  quote={c.quote!r} @{c.start}:{c.end} basis={c.basis!r}" for c in extracted] or ["  (none)"]
    return "\n".join(lines)


def assert_round_trip(text, expected, published=None):
    extracted = casualties.extract_claims(text, published)
    want = sorted((e.key for e in expected), key=_sortable)
    got = sorted((_key(c) for c in extracted), key=_sortable)
    assert got == want, "extract_claims disagrees with the grammar\n" + _report(text, expected, extracted)
    return extracted


# --------------------------------------------------------------------------------------
# the round trip


@ROUND_TRIP
@given(strategies.claim_texts())
def test_round_trip_claim_texts(drawn):
    text, expected = drawn
    assert all(text[e.start:e.end] == e.quote for e in expected)
    assert_round_trip(text, expected)


@SOME
@given(strategies.claim_texts(min_claims=1))
def test_round_trip_spans_victims_and_sources(drawn):
    """Beyond the interval: the exact span, the victims as written, their group, the cited body."""
    text, expected = drawn
    extracted = assert_round_trip(text, expected)
    assert len(extracted) == len(expected)
    for e, c in zip(expected, extracted):  # both in text order
        got = (c.start, c.end, c.quote, c.value, c.victims, c.victim_group, c.cited_source)
        want = (e.start, e.end, e.quote, e.value, e.victims, e.victim_group, e.cited_source)
        assert got == want, f"claim at {e.start}: (start, end, quote, value, victims, group, cited source)\n" \
                            f"  expected {want}\n  got      {got}\n" + _report(text, expected, extracted)


@pytest.mark.parametrize("kwargs", [
    dict(categories=("killed",), max_value=30, with_traps=False, with_background=False),
    dict(categories=("injured", "missing"), min_value=90, max_value=130, with_sources=False),
    dict(categories=("kidnapped", "captured"), min_value=0, max_value=2),
    dict(min_value=1000, max_value=3_000_000, min_claims=3, max_claims=5),
], ids=["small-killed", "around-a-hundred", "tiny", "large"])
def test_round_trip_with_bounds(kwargs):
    @SOME
    @given(strategies.claim_texts(**kwargs))
    def check(drawn):
        text, expected = drawn
        cats = kwargs.get("categories", CATEGORIES)
        lo, hi = kwargs.get("min_value", 0), kwargs.get("max_value", strategies.DEFAULT_MAX_VALUE)
        assert kwargs.get("min_claims", 0) <= len(expected) <= kwargs.get("max_claims", 4)
        for e in expected:
            assert e.category in cats
            assert all(lo <= v <= hi for v in e.stated) or e.stated == ()
            if e.qualifier == "vague":
                assert lo <= e.low <= hi
            if not kwargs.get("with_background", True):
                assert not e.background
            if not kwargs.get("with_sources", True):
                assert e.cited_source is None
        assert_round_trip(text, expected)

    check()


def test_the_grammar_reaches_every_qualifier_category_and_flag():
    """A coverage guard: a few hundred draws use every qualifier, category, traps and background."""
    seen_q, seen_c, seen_bg, seen_src = set(), set(), set(), set()

    @settings(max_examples=150, deadline=None, database=None)
    @given(strategies.claim_texts(min_claims=2))
    def collect(drawn):
        for e in drawn.claims:
            seen_q.add(e.qualifier)
            seen_c.add(e.category)
            seen_bg.add(e.background)
            seen_src.add(e.cited_source is not None)

    collect()
    assert seen_q == set(QUALIFIERS)
    assert seen_c == set(CATEGORIES)
    assert seen_bg == {True, False}
    assert seen_src == {True, False}


# --------------------------------------------------------------------------------------
# known extractor gaps: one minimal text each, with what the design expects


def _claim(category, low, high, qualifier, background=False):
    return (category, low, high, qualifier, background)


GAP_EXAMPLES = {
    "weak_background_first": (
        "Two soldiers were wounded. Last month, 29 passengers were arrested on the same road.",
        [_claim("injured", 2, 2, "exact"), _claim("captured", 29, 29, "exact", background=True)]),
    "plus_before_verb": (
        "Five workers went missing and 40-plus fighters were killed.",
        [_claim("missing", 5, 5, "exact"), _claim("killed", 40, None, "at_least")]),
}


def test_every_gap_has_an_example():
    assert set(GAP_EXAMPLES) == set(EXTRACTOR_GAPS)


@pytest.mark.parametrize("gap", sorted(GAP_EXAMPLES))
def test_known_extractor_gap(gap, request):
    request.applymarker(pytest.mark.xfail(strict=True, reason=EXTRACTOR_GAPS[gap]))
    text, want = GAP_EXAMPLES[gap]
    got = [_key(c) for c in casualties.extract_claims(text)]
    assert sorted(got, key=_sortable) == sorted(want, key=_sortable)


@pytest.mark.parametrize("gap", sorted(EXTRACTOR_GAPS))
def test_a_gap_can_be_asked_for(gap):
    """Each gap name is accepted and still draws well-formed texts."""
    @settings(max_examples=20, deadline=None, database=None)
    @given(strategies.claim_texts(extractor_gaps=[gap]))
    def draw(drawn):
        assert all(drawn.text[e.start:e.end] == e.quote for e in drawn.claims)

    draw()


# --------------------------------------------------------------------------------------
# claims()


def _round(x: Decimal) -> int:
    from decimal import ROUND_HALF_UP

    return int(x.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def check_claim_interval(c) -> None:
    v, q = c.value, c.qualifier
    if q == "between":
        assert v is None and tuple(c.stated) == (c.low, c.high) and c.low < c.high
    elif q == "vague":
        assert v is None and tuple(c.stated) == () and c.high is None
    else:
        assert tuple(c.stated) == (v,)
        rule = {
            "exact": (v, v), "at_least": (v, None), "more_than": (v + 1, None), "up_to": (0, v),
            "at_most": (0, v - 1),
        }
        if q == "about":
            lo, hi = _round(Decimal(v) * Decimal("0.9")), _round(Decimal(v) * Decimal("1.1"))
            assert (c.low, c.high) in ((lo, hi), (lo, v - 1)), c
        else:
            assert (c.low, c.high) == rule[q], c


@settings(max_examples=200, deadline=None)
@given(strategies.claims())
def test_claims_are_valid(c):
    assert isinstance(c, casualties.Claim)
    attrs.validate(c)
    assert c.end - c.start == len(c.quote) and c.quote
    assert c.high is None or c.low <= c.high
    check_claim_interval(c)
    assert attrs.evolve(c) == c  # rebuilding runs every validator again


@SOME
@given(strategies.claims(categories=["missing"], min_value=5, max_value=8, qualifiers=["about", "between"]))
def test_claims_respect_their_arguments(c):
    assert c.category == "missing"
    assert c.qualifier in ("about", "between")
    assert all(5 <= v <= 8 for v in c.stated)


# --------------------------------------------------------------------------------------
# reports()


@FEW
@given(st.lists(strategies.reports(), min_size=1, max_size=4, unique_by=lambda r: r["report_id"]))
def test_reports_pass_through_reconcile(reps):
    result = casualties.reconcile(reps, cluster=False)
    assert sorted(result.reports.report_id) == sorted(r["report_id"] for r in reps)
    assert set(result.reports.incident_id) == {r["report_id"] for r in reps}
    for r in reps:
        assert set(r) == {"report_id", "text", "source", "published", "title"}
        n = (result.claims.report_id == r["report_id"]).sum()
        assert n == len(casualties.extract_claims(r["text"], r["published"]))
    # a DataFrame of the same rows gives the same claims
    again = casualties.reconcile(pd.DataFrame(reps), cluster=False)
    assert len(again.claims) == len(result.claims)


@SOME
@given(strategies._draws._reports_with_claims(CATEGORIES, 0, 10_000, 0, 4, True, True))
def test_report_claims_survive_reconcile(pair):
    """The publication date never turns a main claim into background (no year shares a figure's
    sentence), so the claims table of reconcile holds the drawn claims."""
    report, expected = pair
    result = casualties.reconcile([report], cluster=False)
    got = sorted(((r.category, int(r.low), None if pd.isna(r.high) else int(r.high), r.qualifier,
                   bool(r.background)) for r in result.claims.itertuples()), key=_sortable)
    assert got == sorted((e.key for e in expected), key=_sortable), report["text"]
    for e in expected:  # a background claim is given an incident only when it is a retold event's
        rows = result.claims[(result.claims.start == e.start) & (result.claims.end == e.end)]
        retold = (rows.role == "other").fillna(False).all()
        assert rows.incident_id.isna().all() == (e.background and not retold)
        assert not retold or rows.incident_id.str.contains("#").all()


# --------------------------------------------------------------------------------------
# incidents()


def _killed_row(ranges, incident_id):
    rows = ranges[(ranges.incident_id == incident_id) & (ranges.category == "killed") & ranges.victims.isna()]
    assert len(rows) == 1, ranges
    return rows.iloc[0]


def _opt(x):
    return None if pd.isna(x) else int(x)


@pytest.mark.parametrize("conflicting", [None, False, True])
def test_incidents_reconcile_per_report_to_the_promised_range(conflicting):
    """cluster=False: each report is its own incident; its killed row holds its one stated
    figure, and together the rows give the incident's promised low, high and consistency."""
    @FEW
    @given(strategies.incidents(conflicting=conflicting))
    def check(inc):
        assert 2 <= len(inc.reports) <= 4
        if conflicting is not None:
            assert inc.consistent is (not conflicting)
        result = casualties.reconcile(list(inc.reports), cluster=False)
        lows, highs, c_lows, c_highs = [], [], [], []
        for rep, expected in zip(inc.reports, inc.claims):
            row = _killed_row(result.ranges, rep["report_id"])
            killed = [e for e in expected if e.category == "killed" and e.counts]
            assert len(killed) == 1
            assert bool(row.consistent)
            if row.low is not pd.NA:
                lows.append(_opt(row.low))
                highs.append(_opt(row.high))
            c_lows.append(_opt(row.consensus_low))
            c_highs.append(_opt(row.consensus_high))
        assert (min(lows) if lows else None) == inc.killed_low
        assert (max(highs) if highs else None) == inc.killed_high
        tops = [h for h in c_highs if h is not None]
        assert (not tops or max(c_lows) <= min(tops)) == inc.consistent

    check()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(strategies.incidents())
def test_incidents_when_clustered_give_the_promised_range(inc):
    """cluster=True groups most drawn incidents into one (same place, day, kind; tolls within
    a factor of about two); when it does, the killed row is the promised one."""
    result = casualties.reconcile(list(inc.reports), cluster=True)
    ids = set(result.reports.incident_id)
    assume(len(ids) == 1)
    row = _killed_row(result.ranges, ids.pop())
    assert (_opt(row.low), _opt(row.high), bool(row.consistent)) == \
        (inc.killed_low, inc.killed_high, inc.consistent)
    assert row.n_claims == len(inc.reports)


def test_incident_reports_share_place_day_and_kind():
    @settings(max_examples=30, deadline=None, database=None)
    @given(strategies.incidents(min_reports=3, max_reports=3, with_traps=False, with_background=False))
    def check(inc):
        weekday = inc.date.strftime("%A")
        for rep in inc.reports:
            assert inc.place in rep["text"] and weekday in rep["text"] and inc.kind in rep["text"]
            published = casualties.reports.parse_published(rep["published"])
            assert 0 <= (published - inc.date).days <= 3
        assert len({r["source"] for r in inc.reports}) == 3

    check()


# --------------------------------------------------------------------------------------
# arguments


@pytest.mark.parametrize("make", [
    lambda: strategies.claim_texts(min_value=5, max_value=4),
    lambda: strategies.claims(min_value=5, max_value=4),
    lambda: strategies.reports(min_value=5, max_value=4),
    lambda: strategies.incidents(min_value=5, max_value=4),
    lambda: strategies.claim_texts(min_claims=3, max_claims=2),
    lambda: strategies.reports(min_claims=3, max_claims=2),
    lambda: strategies.incidents(min_reports=3, max_reports=2),
    lambda: strategies.claim_texts(min_value=-1),
    lambda: strategies.claim_texts(categories=["dead"]),
    lambda: strategies.claim_texts(categories=[]),
    lambda: strategies.claims(qualifiers=["roughly"]),
    lambda: strategies.claim_texts(extractor_gaps=["no_such_gap"]),
    lambda: strategies.incidents(conflicting=True, max_reports=1),
    lambda: strategies.incidents(conflicting=True, min_value=3, max_value=3),
    lambda: strategies.claims(qualifiers=["between"], min_value=4, max_value=4),
])
def test_bad_arguments_raise_invalid_value_error(make):
    with pytest.raises(InvalidValueError):
        make()


def test_min_value_above_max_value_is_named():
    with pytest.raises(InvalidValueError, match=r"min_value=5 must be <= max_value=4"):
        strategies.claim_texts(min_value=5, max_value=4)


@pytest.mark.parametrize("make", [
    lambda: strategies.claim_texts(min_value="0"),
    lambda: strategies.claims(max_value=1.5),
    lambda: strategies.claim_texts(with_traps="yes"),
    lambda: strategies.incidents(conflicting="no"),
    lambda: strategies.claim_texts(categories=5),
])
def test_bad_argument_types_raise_input_type_error(make):
    with pytest.raises(InputTypeError):
        make()


def test_bounds_are_keyword_only():
    with pytest.raises(TypeError):
        strategies.claim_texts(CATEGORIES)  # type: ignore[misc]
    with pytest.raises(TypeError):
        strategies.claims(CATEGORIES, 0, 10)  # type: ignore[misc]


# --------------------------------------------------------------------------------------
# the interval table, the word tables, the module boundary


@pytest.mark.parametrize("kind, numbers, want", [
    ("exact", (44,), ("exact", 44, 44)),
    ("at_least", (44,), ("at_least", 44, None)),
    ("more_than", (40,), ("more_than", 41, None)),
    ("up_to", (25,), ("up_to", 0, 25)),
    ("at_most", (10,), ("at_most", 0, 9)),
    ("nearly", (50,), ("about", 45, 49)),
    ("about", (75,), ("about", 68, 83)),
    ("about", (25,), ("about", 23, 28)),
    ("about", (45,), ("about", 41, 50)),
    ("about", (15,), ("about", 14, 17)),
    ("between", (50, 60), ("between", 50, 60)),
    ("vague", (24,), ("vague", 24, None)),
])
def test_expected_interval_follows_the_design_table(kind, numbers, want):
    assert expected_interval(kind, *numbers) == want


def test_vague_floors_are_the_lexicon_design_floors():
    floors = load_lexicon().vague_floors("design")
    assert {" ".join(k): v for k, v in floors.items()} == dict(strategies.VAGUE_FLOORS)


def test_hedges_of_the_grammar_are_in_the_lexicon():
    before = {" ".join(k): v for k, v in load_lexicon().qualifiers_before.items()}
    after = {" ".join(k): v for k, v in load_lexicon().qualifiers_after.items()}
    for kind, phrases in strategies._figures._BEFORE.items():
        for p in phrases:
            assert before.get(p) == ("about_below" if kind == "nearly" else kind), p
    for kind, phrases in strategies._figures._AFTER.items():
        for p in phrases:
            assert after.get(p.strip(" -")) == kind, p


def test_all_is_explicit_and_complete():
    for name in strategies.__all__:
        assert hasattr(strategies, name), name
    public = {n for n, v in vars(strategies).items()
              if not n.startswith("_") and callable(v) and getattr(v, "__module__", "") == strategies.__name__}
    assert public == {n for n in strategies.__all__ if callable(getattr(strategies, n))}
    # the submodules define nothing public that the package does not export
    package = Path(strategies.__file__).parent
    for path in sorted(package.glob("_*.py")):
        module = importlib.import_module(f"casualties.strategies.{path.stem}")
        defined = {n for n, v in vars(module).items() if not n.startswith("_") and callable(v)
                   and getattr(v, "__module__", "") in (module.__name__, strategies.__name__)}
        assert defined <= set(strategies.__all__), (path.name, defined - set(strategies.__all__))


def test_hypothesis_is_imported_only_by_the_strategies_module():
    package = Path(casualties.__file__).parent
    importers = sorted(p.relative_to(package).parts[0] for p in package.rglob("*.py")
                       if re.search(r"^\s*(import hypothesis|from hypothesis)", p.read_text(), re.MULTILINE))
    assert importers and set(importers) == {"strategies"}  # only the strategies package
    code = "import sys, casualties; casualties.extract_claims('3 people were killed.'); " \
           "print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_expected_claim_validates_like_claim():
    with pytest.raises(ValueError, match="high"):
        ExpectedClaim("killed", 5, 4, "exact")
    with pytest.raises(ValueError, match="quote"):
        ExpectedClaim("killed", 5, 5, "exact", start=0, end=3, quote="ab")
    e = ExpectedClaim("killed", 50, 60, "between", start=0, end=2, quote="ab")
    assert e.key == ("killed", 50, 60, "between", False) and e.stated == (50, 60)


@settings(max_examples=20, deadline=None)
@given(st.dates(dt.date(2000, 1, 1), dt.date(2024, 12, 31)).flatmap(lambda d: st.tuples(st.just(d),
       strategies._draws._published_values(d))))
def test_published_forms_are_all_accepted(pair):
    day, value = pair
    assert casualties.reports.parse_published(value) == day
