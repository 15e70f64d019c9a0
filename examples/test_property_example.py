"""Property-based tests a user of `casualties` might write, with `casualties.strategies`.

Run with pytest (hypothesis and pytest installed):

    python -m pytest examples/test_property_example.py
    python -m pytest examples/test_property_example.py --hypothesis-profile=quick   # 10 examples each

(the "quick" profile is registered in examples/conftest.py).

Each test states a property that must hold for *every* input the strategy can draw; hypothesis
draws many, and when one fails it shrinks it to a minimal text and prints it.
"""
import random

import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import casualties
from casualties import strategies as cst

# reconcile() loads its word tables and gazetteer on the first call (a few seconds), so tests
# that reconcile turn hypothesis' per-example deadline off.
RECONCILE = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _sortable(key):
    """(category, low, high, qualifier, background) with None (open) sortable."""
    return tuple(-1 if v is None else v for v in key)


@given(cst.claim_texts())
def test_extract_claims_finds_exactly_the_claims_a_text_states(drawn):
    # claim_texts() draws news prose with casualty figures, traps (years, ages, money,
    # troop counts) and background sentences, together with the claims it states.
    text, expected = drawn
    found = casualties.extract_claims(text)
    assert sorted(map(cst.ExpectedClaim.key_of, found), key=_sortable) == \
        sorted((e.key for e in expected), key=_sortable)
    for claim in found:  # every claim quotes its own span of the text
        assert text[claim.start:claim.end] == claim.quote


@RECONCILE
@given(cst.incidents())
def test_an_incident_reconciles_to_the_smallest_and_largest_stated_figures(incident):
    # incidents() draws the reports of one attack by several outlets, with the killed range
    # they must reconcile to: low = smallest stated figure, high = largest.
    result = casualties.reconcile(list(incident.reports))
    ids = set(result.reports["incident_id"])
    assume(len(ids) == 1)  # the reports were grouped into one incident (nearly always)
    ranges = result.ranges
    row = ranges[(ranges["incident_id"] == ids.pop()) & (ranges["category"] == "killed")
                 & ranges["victims"].isna()].iloc[0]
    low = None if pd.isna(row["low"]) else int(row["low"])
    high = None if pd.isna(row["high"]) else int(row["high"])
    assert (low, high) == (incident.killed_low, incident.killed_high)
    assert bool(row["consistent"]) == incident.consistent
    if low is not None:
        assert low <= row["best"] <= high


@RECONCILE
@given(st.lists(cst.reports(), min_size=1, max_size=4, unique_by=lambda r: r["report_id"]),
       st.randoms(use_true_random=False))
def test_the_order_of_the_reports_does_not_matter(reports, rnd: random.Random):
    shuffled = list(reports)
    rnd.shuffle(shuffled)
    first = casualties.reconcile(reports)
    second = casualties.reconcile(shuffled)
    pd.testing.assert_frame_equal(first.ranges, second.ranges)
    pd.testing.assert_frame_equal(first.incidents, second.incidents)
