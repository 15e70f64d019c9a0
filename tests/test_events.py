"""Events within a report (casualties/events.py): the table of examples in event_examples.jsonl,
and properties over generated texts that tell of two events."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import casualties
from casualties import extract_claims
from casualties.events import MAIN, OTHER, report_events

HERE = Path(__file__).resolve().parent
EXAMPLES = [json.loads(line) for line in (HERE / "event_examples.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _events_of(text, published):
    claims = extract_claims(text, published)
    events, event_of = report_events(text, published, claims)
    return claims, events, event_of


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["note"] for e in EXAMPLES])
def test_event_examples(example):
    claims, events, event_of = _events_of(example["text"], example["published"])
    got = [{"role": e.role, "opener": e.opener, "date": str(e.date) if e.date else None,
            "claims": [[claims[i].category, claims[i].low, claims[i].high] for i in e.claims]} for e in events]
    assert got == example["events"], example["note"]
    background = [[c.category, c.low, c.high] for c, k in zip(claims, event_of) if k is None]
    assert background == example["background"], example["note"]


def test_examples_are_distinct_and_cover_both_roles():
    assert len({e["text"] for e in EXAMPLES}) == len(EXAMPLES)
    roles = {ev["role"] for e in EXAMPLES for ev in e["events"]}
    assert roles == {MAIN, OTHER}
    assert any(len(e["events"]) == 1 for e in EXAMPLES)  # near misses: no other event


# ---------------------------------------------------------------------- properties

@FAST
@given(st.text(alphabet=st.sampled_from(list("On May 3, 2019 Last week killed 4 wounded two.\n Meanwhile,")),
               max_size=400))
def test_every_claim_belongs_to_exactly_one_event_or_is_background(text):
    claims, events, event_of = _events_of(text, "2019-05-10")
    assert len(event_of) == len(claims)
    assert events[0].index == 0 and events[0].role == MAIN
    assert [e.index for e in events] == list(range(len(events)))
    owner = {}
    for e in events:
        for i in e.claims:
            assert i not in owner  # a claim in two events
            owner[i] = e.index
    for i, k in enumerate(event_of):
        assert owner.get(i) == k
        if k is None:
            assert claims[i].background  # only a background claim belongs to no event
    assert all(e.claims for e in events[1:])  # another event exists only with a figure of its own


_PLACES = ("Kirkuk", "Mosul", "Tikrit", "Ramadi", "Samarra")
_VERBS = (("killed", "killed"), ("wounded", "injured"))


@st.composite
def two_event_texts(draw):
    """A report whose lead tells of one attack and whose later paragraph, opened by a date a few
    days earlier, of another; and the two halves."""
    published = dt.date(2021, 3, 1) + dt.timedelta(days=draw(st.integers(0, 300)))
    main_day = published - dt.timedelta(days=draw(st.integers(0, 2)))
    other_day = main_day - dt.timedelta(days=draw(st.integers(3, 40)))
    a, b = draw(st.integers(2, 60)), draw(st.integers(2, 60))
    verb_a, _ = draw(st.sampled_from(_VERBS))
    verb_b, _ = draw(st.sampled_from(_VERBS))
    place_a, place_b = draw(st.permutations(_PLACES))[:2]
    lead = f"A car bomb {verb_a} {a} people at a market in {place_a} on {main_day:%B} {main_day.day}, police said."
    other = f"On {other_day:%B} {other_day.day}, gunmen {verb_b} {b} shepherds near {place_b}."
    return lead, other, str(published)


def _figures(result, incident_id):
    c = result.claims
    rows = c[(c["incident_id"] == incident_id).fillna(False)]
    return sorted(zip(rows["category"], rows["low"], rows["high"]))


@FAST
@given(two_event_texts())
def test_splitting_a_report_at_an_event_boundary_gives_the_same_incidents(case):
    lead, other, published = case
    whole = casualties.reconcile([{"report_id": "r", "text": lead + "\n\n" + other, "published": published}],
                                 cluster=False)
    halves = casualties.reconcile([{"report_id": "r", "text": lead, "published": published},
                                   {"report_id": "s", "text": other, "published": published}], cluster=False)
    pairs = whole.report_incidents.set_index("event")
    assert list(pairs["role"]) == [MAIN, OTHER]
    assert _figures(whole, pairs.loc[0, "incident_id"]) == _figures(halves, "r")
    assert _figures(whole, pairs.loc[1, "incident_id"]) == _figures(halves, "s") != []
    dates = dict(zip(whole.incidents["incident_id"], whole.incidents["date"]))
    assert dates[pairs.loc[1, "incident_id"]] == pairs.loc[1, "date"]  # the retold event's own day


def test_a_retold_event_is_its_own_incident_with_its_day_and_role():
    text = ("A roadside bomb killed 4 soldiers in Helmand on Thursday.\n\n"
            "On February 2, a suicide bomber killed 15 people at a mosque in Kunduz.")
    r = casualties.reconcile([{"report_id": "a", "text": text, "published": "2021-02-13"}])
    pairs = r.report_incidents
    assert list(pairs["role"]) == [MAIN, OTHER]
    other = pairs.iloc[1]
    assert other["incident_id"] == "inc-a#1" and other["opener"] == "On February 2"
    inc = r.incidents.set_index("incident_id")
    assert inc.loc["inc-a#1", "date"] == pd.Timestamp(2021, 2, 2) and inc.loc["inc-a#1", "place"] == "Kunduz"
    assert inc.loc["inc-a", "date"] == pd.Timestamp(2021, 2, 11)
    fifteen = r.claims[r.claims["low"] == 15].iloc[0]
    assert fifteen["role"] == OTHER and fifteen["incident_id"] == "inc-a#1" and bool(fifteen["counted"])
    assert "retold" in fifteen["basis"]
    killed = r.ranges[(r.ranges["category"] == "killed") & r.ranges["victims"].isna()].set_index("incident_id")
    assert killed.loc["inc-a", "best"] == 4 and killed.loc["inc-a#1", "best"] == 15
    assert killed.loc["inc-a#1", "retold_claims"] == [fifteen["claim_id"]]
