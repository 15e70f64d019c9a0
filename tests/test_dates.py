"""Date mentions and the event date (design §3): ``casualties.dates``.

Table-driven examples live in ``tests/date_examples.jsonl`` (not under ``tests/examples/``,
whose files are claim examples read by ``test_examples.py``).  Each line is one JSON object::

    {"text": "...", "published": "2016-07-28" | null,
     "expected": [{"surface": "July 27", "date": "2016-07-27", "precision": "day",
                   "kind": "explicit"}],            # kind optional
     "event": "2016-07-27" | null,                 # optional: event_date(text, published)
     "anchors": ["killed 44"],                     # optional: substrings; their offsets ...
     "event_anchored": "2016-07-27" | null,        # ... give event_date(..., anchors)
     "note": "why"}                                # optional

``find_dates(text, published)`` must return exactly the expected mentions, in text order.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casualties.dates import DateMention, event_date, find_dates
from casualties.errors import InputTypeError

EXAMPLES_FILE = Path(__file__).parent / "date_examples.jsonl"
LINE_KEYS = {"text", "published", "expected", "event", "anchors", "event_anchored", "note"}
MENTION_KEYS = {"surface", "date", "precision", "kind"}


def _load():
    with EXAMPLES_FILE.open(encoding="utf-8") as fh:
        return [(f"{EXAMPLES_FILE.name}:{n}", json.loads(raw))
                for n, raw in enumerate(fh, start=1) if raw.strip()]


EXAMPLES = _load()


def _pub(example):
    p = example.get("published")
    return None if p is None else dt.date.fromisoformat(p)


def _iso(d):
    return None if d is None else d.isoformat()


# --------------------------------------------------------------------------------------
# the example table


def test_examples_integrity():
    problems, seen = [], {}
    for ident, ex in EXAMPLES:
        unknown = set(ex) - LINE_KEYS
        if unknown:
            problems.append(f"{ident}: unknown keys {sorted(unknown)}")
        if not isinstance(ex.get("text"), str) or not ex["text"].strip():
            problems.append(f"{ident}: 'text' must be a non-empty string")
            continue
        if ex["text"] in seen:
            problems.append(f"{ident}: same text as {seen[ex['text']]}")
        seen.setdefault(ex["text"], ident)
        for e in ex.get("expected", None) or []:
            if set(e) - MENTION_KEYS or not {"surface", "date", "precision"} <= set(e):
                problems.append(f"{ident}: bad expected mention {e}")
            elif e["surface"] not in ex["text"]:
                problems.append(f"{ident}: surface {e['surface']!r} not in the text")
        if not isinstance(ex.get("expected"), list):
            problems.append(f"{ident}: 'expected' must be a list")
        for sub in ex.get("anchors", []):
            if sub not in ex["text"]:
                problems.append(f"{ident}: anchor {sub!r} not in the text")
        if ("anchors" in ex) != ("event_anchored" in ex):
            problems.append(f"{ident}: 'anchors' and 'event_anchored' go together")
    assert not problems, "\n".join(problems)


def test_examples_cover_every_rule():
    kinds = {e.get("kind") for _, ex in EXAMPLES for e in ex["expected"]}
    precisions = {e["precision"] for _, ex in EXAMPLES for e in ex["expected"]}
    assert {"explicit", "relative", "weekday"} <= kinds
    assert precisions == {"day", "month", "year"}
    assert any(ex["expected"] == [] for _, ex in EXAMPLES)  # traps
    assert any("event_anchored" in ex for _, ex in EXAMPLES)


@pytest.mark.parametrize("ident, example", [pytest.param(i, e, id=i) for i, e in EXAMPLES])
def test_example(ident, example):
    text = example["text"]
    got = find_dates(text, _pub(example))
    for m in got:
        assert m.surface == text[m.start:m.end]
    want = [(e["surface"], e["date"], e["precision"]) + ((e["kind"],) if "kind" in e else ())
            for e in example["expected"]]
    have = [(m.surface, m.date.isoformat(), m.precision) + ((m.kind,) if "kind" in e else ())
            for m, e in zip(got, example["expected"])]
    extra = [(m.surface, m.date.isoformat(), m.precision, m.kind, m.basis)
             for m in got[len(example["expected"]):]]
    assert have == want and not extra, (
        f"\ntext: {text!r}\npublished: {example.get('published')}\nnote: {example.get('note')}\n"
        f"expected: {want}\nfound: {[(m.surface, m.date.isoformat(), m.precision, m.kind, m.basis) for m in got]}")
    if "event" in example:
        d, m = event_date(text, _pub(example))
        assert _iso(d) == example["event"], f"event_date: {d} from {m}\nnote: {example.get('note')}"
        assert (d is None) == (m is None) and (m is None or m.date == d)
    if "anchors" in example:
        anchors = [text.index(sub) for sub in example["anchors"]]
        d, m = event_date(text, _pub(example), anchors)
        assert _iso(d) == example["event_anchored"], (
            f"event_date with anchors {anchors}: {d} from {m}\nnote: {example.get('note')}")


# --------------------------------------------------------------------------------------
# API details


def test_mention_is_frozen_and_validated():
    m = find_dates("It happened on July 27, 2016.", None)[0]
    assert isinstance(m, DateMention)
    with pytest.raises(Exception):
        m.date = dt.date(2000, 1, 1)
    with pytest.raises(ValueError):
        DateMention(0, 1, "x", dt.date(2000, 1, 1), "week", "explicit", "")
    assert m.basis


def test_published_forms():
    text = "The shooting was on Wednesday."
    want = dt.date(2015, 6, 24)
    for pub in (dt.date(2015, 6, 25), dt.datetime(2015, 6, 25, 8, 30), "2015-06-25", "2015-06-25T08:30:00"):
        assert [m.date for m in find_dates(text, pub)] == [want]
    assert event_date(text, "2015-06-25")[0] == want


def test_text_must_be_str():
    with pytest.raises(InputTypeError):
        find_dates(b"July 27, 2016", None)  # type: ignore[arg-type]


def test_weekday_never_a_week_early():
    published = dt.date(2016, 7, 28)  # a Thursday
    for offset in range(7):
        day = published - dt.timedelta(days=offset)
        name = day.strftime("%A")
        (m,) = find_dates(f"It happened on {name}.", published)
        assert m.date == day, name


def test_event_date_edges():
    assert event_date("", None) == (None, None)
    # far-away or negative anchors are ignored, never an error
    d, _ = event_date("A bomb killed 3 on Wednesday.", dt.date(2016, 7, 28), [-5, 10 ** 9, 14])
    assert d == dt.date(2016, 7, 27)
    # a mention beyond the first 600 characters is not used without anchors ...
    text = "x " * 400 + "A bomb killed 3 people on Wednesday."
    assert event_date(text, dt.date(2016, 7, 28)) == (None, None)
    # ... but is with an anchor in its sentence
    assert event_date(text, dt.date(2016, 7, 28), [text.index("killed")])[0] == dt.date(2016, 7, 27)


def test_extreme_published_dates_do_not_raise():
    text = "yesterday, tomorrow, on Monday, next Monday, July 27, in April, next April, last March, 3 days ago"
    for pub in (dt.date.min, dt.date.max, dt.date(1, 1, 2), dt.date(9999, 12, 30)):
        for m in find_dates(text, pub):
            assert m.surface == text[m.start:m.end]
        event_date(text, pub, [0, 5])


# --------------------------------------------------------------------------------------
# properties (hypothesis)

FRAGMENTS = [
    "on", "Wednesday", "Monday's", "late", "early", "last", "next", "night", "in", "since", "April",
    "May", "Jan.", "Sept.", "July 27", "27", "5th", "of", "2016", "2014", "16", "12/12/12", "9/11", "24/7",
    "07/27/2016", "27-10-2023", "2016-07-27", "29.02.2015", "yesterday", "today", "Today", "USA",
    "tonight", "overnight", "the day before", "two days ago", "a day earlier", "this morning",
    "6 p.m.", "8:18", "$12.50", "252-972-1411", "killed", "44", "people", "said", "Posted:", "born",
    ",", ".", ". ", "\n", "-", "/", " ", "  ", "Good Friday", "Sundays", "mid-", "MARCH", "THURSDAY",
]

fragment_text = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map(" ".join)
any_text = st.one_of(st.text(max_size=300), fragment_text,
                     st.text(alphabet="0123456789/-.:, MondayJulyin", max_size=200))
published = st.one_of(st.none(), st.dates(), st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2025, 1, 1)))
PROPS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(any_text, published)
def test_find_dates_never_raises_and_spans_are_exact(text, pub):
    found = find_dates(text, pub)
    last_end = 0
    for m in found:
        assert m.surface == text[m.start:m.end]
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= last_end  # text order, no overlap
        last_end = m.end
        assert m.precision in ("day", "month", "year") and m.kind in ("explicit", "relative", "weekday")
        if m.precision == "month":
            assert m.date.day == 1
        if m.precision == "year":
            assert (m.date.month, m.date.day) == (1, 1)
        if pub is None:
            assert m.kind == "explicit"
        elif m.kind == "weekday" and not m.surface.lower().startswith(("next", "last", "past", "previous")):
            assert 0 <= (pub - m.date).days <= 6


@PROPS
@given(any_text, published, st.lists(st.integers(min_value=-10, max_value=400), max_size=5))
def test_event_date_never_raises(text, pub, anchors):
    d, m = event_date(text, pub, anchors)
    assert (d is None) == (m is None)
    if m is not None:
        assert m.date == d and m.precision == "day" and m.surface == text[m.start:m.end]
        if pub is not None:
            assert (d - pub).days <= 1


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1901, 3, 1), max_value=dt.date(2098, 12, 1)),
       st.integers(1, 12), st.integers(1, 28))
def test_month_day_takes_the_latest_year_not_after_publication(pub, month, day):
    text = f"It happened on {dt.date(2000, month, day):%B} {day}."
    (m,) = find_dates(text, pub)
    assert (m.date.month, m.date.day) == (month, day)
    assert m.date <= pub + dt.timedelta(days=1) < m.date.replace(year=m.date.year + 1)


def test_one_megabyte_runs():
    """Not timed: a 1 MB dense, repetitive input must simply complete (linear scan)."""
    unit = "Monday Monday 12/12/12 July 27, 2016 in April yesterday 9/11 24/7 1-1-1-1 "
    text = unit * (1_000_000 // len(unit) + 1)
    found = find_dates(text, dt.date(2016, 7, 28))
    assert len(found) > 10_000
    event_date(text, dt.date(2016, 7, 28), list(range(0, len(text), 997)))
    for hostile in ("1" * 1_000_000, "1/" * 500_000, "in " * 333_334, " " * 1_000_000,
                    "July " * 200_000, "Monday, " * 125_000, "the day " * 125_000):
        find_dates(hostile, dt.date(2016, 7, 28))
