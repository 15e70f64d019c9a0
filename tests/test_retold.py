"""Other events to incidents across reports (casualties/retold.py): a report's retold event joins
the incident of the reports about it, or stays its own; the table of examples in
retold_examples.jsonl, a splitting property and the attribution of joined figures."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import casualties
from casualties.events import MAIN, OTHER

HERE = Path(__file__).parent
EXAMPLES = [json.loads(line) for line in (HERE / "retold_examples.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _claim(result, report_id, quote):
    c = result.claims
    rows = c[(c["report_id"] == report_id) & c["quote"].str.contains(quote, regex=False)]
    assert len(rows) == 1, (report_id, quote, rows)
    return rows.iloc[0]


def _main(result, report_id):
    return result.reports.set_index("report_id").loc[report_id, "incident_id"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["note"][:60] for e in EXAMPLES])
def test_retold_examples(example):
    r = casualties.reconcile(example["reports"])
    assert sorted(r.reports["report_id"]) == sorted(x["report_id"] for x in example["reports"])  # one row each
    for rid, quote, other in example["joins"]:
        c = _claim(r, rid, quote)
        assert c["incident_id"] == _main(r, other) != _main(r, rid)
        assert c["role"] == OTHER and bool(c["counted"]) and "retold" in c["basis"]
    for rid, quote in example["own"]:
        c = _claim(r, rid, quote)
        assert c["role"] == OTHER and c["incident_id"].startswith(f"inc-{rid}#")
        assert c["incident_id"] in set(r.incidents["incident_id"])
        assert c["incident_id"] not in set(r.reports["incident_id"])


def test_examples_cover_joins_and_near_misses():
    assert any(e["joins"] for e in EXAMPLES) and any(e["own"] and not e["joins"] for e in EXAMPLES)
    assert any(e["joins"] and e["own"] for e in EXAMPLES)  # a round-up with both
    cats = {q.split()[0] for e in EXAMPLES for _, q, *_ in e["joins"]}
    assert {"killed", "wounded", "kidnapped"} <= cats


def test_a_joined_event_is_attributed_as_a_retelling_and_makes_no_incident_of_its_own():
    ex = next(e for e in EXAMPLES if e["note"].startswith("a round-up"))
    r = casualties.reconcile(ex["reports"])
    pairs = r.report_incidents[r.report_incidents["report_id"] == "a"].set_index("event")
    assert list(pairs["role"]) == [MAIN, OTHER, OTHER]
    assert pairs.loc[1, "incident_id"] == "inc-b" and pairs.loc[2, "incident_id"] == "inc-a#2"
    assert "inc-a#1" not in set(r.incidents["incident_id"])
    inc = r.incidents.set_index("incident_id")
    assert inc.loc["inc-b", "n_reports"] == 1  # the reports about it; the retelling is in report_incidents
    killed = r.ranges[(r.ranges["category"] == "killed") & r.ranges["victims"].isna()].set_index("incident_id")
    retold = _claim(r, "a", "killed 5 civilians")["claim_id"]
    assert killed.loc["inc-b", "retold_claims"] == [retold]
    assert retold in killed.loc["inc-b", "claims"]
    assert killed.loc["inc-b", "n_claims"] == 2
    # the main incident keeps only its own figure
    assert killed.loc["inc-a", "claims"] == [_claim(r, "a", "killed 8 fighters")["claim_id"]]


def test_without_clustering_every_event_stays_its_own():
    ex = EXAMPLES[0]
    r = casualties.reconcile(ex["reports"], cluster=False)
    assert _claim(r, "a", "kidnapped 30")["incident_id"] == "a#1"


def test_a_higher_threshold_keeps_a_retelling_apart():
    ex = EXAMPLES[0]
    assert _claim(casualties.reconcile(ex["reports"]), "a", "kidnapped 30")["incident_id"] == "inc-b"
    apart = casualties.reconcile(ex["reports"], threshold=0.99)
    assert _claim(apart, "a", "kidnapped 30")["incident_id"] == "inc-a#1"


def test_the_assignment_does_not_depend_on_input_order():
    ex = next(e for e in EXAMPLES if e["note"].startswith("a retold ambush"))
    a = casualties.reconcile(ex["reports"])
    b = casualties.reconcile(ex["reports"][::-1])
    assert a.claims.equals(b.claims) and a.incidents.equals(b.incidents)


# ---------------------------------------------------------------------- splitting property

_TOWNS = (("Kirkuk", "Tikrit"), ("Mosul", "Ramadi"), ("Samarra", "Basra"))


@st.composite
def retold_corpora(draw):
    """A report W telling of attack A in its lead and, in a paragraph opened by A's day minus 10
    to 40 days, of an earlier attack B in another town; another outlet's report T about B alone;
    and W's two halves."""
    published = dt.date(2021, 3, 1) + dt.timedelta(days=draw(st.integers(0, 300)))
    day_a = published - dt.timedelta(days=draw(st.integers(0, 2)))
    day_b = day_a - dt.timedelta(days=draw(st.integers(10, 40)))
    a, b, hurt = draw(st.integers(2, 60)), draw(st.integers(2, 60)), draw(st.integers(2, 30))
    town_a, town_b = draw(st.sampled_from(_TOWNS))
    lead = f"A car bomb killed {a} people at a market in {town_a} on {day_a:%B} {day_a.day}, police said."
    other = f"On {day_b:%B} {day_b.day}, gunmen killed {b} shepherds and wounded {hurt} others near {town_b}."
    about_b = (f"Gunmen killed {b} shepherds and wounded {hurt} others near {town_b} on {day_b:%B} {day_b.day}, "
               f"officials said.")
    t = {"report_id": "t", "text": about_b, "published": str(day_b + dt.timedelta(days=1))}
    return lead, other, str(published), t


def _incidents_of_figures(result):
    """The figures (report, category, low) grouped by incident, as a set of frozensets."""
    c = result.claims[result.claims["incident_id"].notna()]
    groups = {}
    for iid, cat, low, text in zip(c["incident_id"], c["category"], c["low"], c["quote"]):
        groups.setdefault(iid, set()).add((cat, int(low)))
    return {frozenset(g) for g in groups.values()}


@FAST
@given(retold_corpora())
def test_splitting_a_report_at_an_event_boundary_gives_the_same_incidents_across_reports(case):
    """Conditions: the retold paragraph names its own day and town, the two attacks are 10 days
    or more apart in different towns (so the halves do not cluster together), and the other
    outlet's report tells of the retold attack with the same figures, day and town."""
    lead, other, published, t = case
    whole = casualties.reconcile([{"report_id": "w", "text": lead + "\n\n" + other, "published": published}, t])
    halves = casualties.reconcile([{"report_id": "w", "text": lead, "published": published},
                                   {"report_id": "x", "text": other, "published": published}, t])
    assert _main(halves, "x") == _main(halves, "t")  # the half about B clusters with T ...
    retold = whole.claims[whole.claims["role"] == OTHER]
    assert set(retold["incident_id"]) == {_main(whole, "t")}  # ... as W's retelling of B joins it
    assert _incidents_of_figures(whole) == _incidents_of_figures(halves)
