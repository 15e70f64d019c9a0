"""Result.explain (why two reports are, or are not, one incident), reconcile's threshold= and the
warning for reports without a published date."""
import datetime as dt
import itertools
import math
import warnings

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import casualties
from casualties.compare import SAME_INCIDENT, pair_score
from casualties.errors import InputTypeError, InvalidValueError, MissingDateWarning
from casualties.explain import Contribution, Explanation, describe_block

from test_incidents import seed_frame

# Made-up reports (not from any data set): two of one shooting in Dayton, one of a shooting in
# Tulsa the same week, one of a bombing in Mosul, and one with no date, place or rare name.
POOL = [
    {"report_id": "a1", "published": "2021-03-06", "source": "Daily One",
     "title": "Two killed in Dayton shooting on Elm Street",
     "text": "Two men were killed and one was injured in a shooting on Elm Street in Dayton, Ohio on Friday "
             "night, police said. The victims, Marlon Quigley and Dashiell Orton, were found outside a bar."},
    {"report_id": "a2", "published": "2021-03-06", "source": "Channel Two",
     "title": "Police identify 2 killed in Dayton shooting",
     "text": "DAYTON, Ohio - Police identified Marlon Quigley and Dashiell Orton, the two men shot dead on "
             "Elm Street on Friday. A third man was wounded."},
    {"report_id": "b1", "published": "2021-03-07", "source": "Daily One",
     "title": "Woman shot dead in Tulsa",
     "text": "A woman was shot and killed in Tulsa, Oklahoma on Saturday. Police are looking for a suspect in "
             "the death of Renata Vollmer, 34."},
    {"report_id": "c1", "published": "2016-07-28", "source": "Wire",
     "title": "Car bomb kills 12 in Mosul",
     "text": "A car bomb killed at least 12 people in Mosul, Iraq, on Wednesday, officials said."},
    {"report_id": "d1", "published": "2019-01-02", "source": "Elsewhere",
     "text": "three people were hurt when a wall fell, officials said."},
]


def _result(rows, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingDateWarning)
        return casualties.reconcile(pd.DataFrame(rows), **kw)


@pytest.fixture(scope="module")
def seeds_result():
    return casualties.reconcile(seed_frame())


def _check_every_pair(result):
    g = result.clustering
    incident = dict(zip(result.reports["report_id"], result.reports["incident_id"]))
    for a, b in itertools.permutations(sorted(g.cues), 2):
        e = result.explain(a, b)
        lo, hi = sorted((a, b))
        assert e.score == pair_score(g.cues[lo], g.cues[hi], g.idf)  # the clustering's own scorer, exactly
        assert e.used_score == g.scores.get((lo, hi), 0.0)  # what the clustering used for the pair
        if (lo, hi) in g.scores:
            assert e.compared and e.score == g.scores[(lo, hi)]
        assert math.isclose(sum(c.contribution for c in e.contributions), e.evidence, abs_tol=1e-12)
        assert e.score == pytest.approx(1 / (1 + math.exp(-e.evidence)))
        assert e.same_incident == (incident[a] == incident[b])
        assert (e.incident_a, e.incident_b) == (incident[a], incident[b])
        assert e.threshold == g.threshold
        assert e.contributions[0].feature == "prior"


def test_explain_scores_every_seed_pair_as_the_clustering_did(seeds_result):
    _check_every_pair(seeds_result)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(POOL), min_size=2, max_size=len(POOL), unique_by=lambda r: r["report_id"]))
def test_explain_scores_every_pair_of_any_small_corpus_as_the_clustering_did(rows):
    _check_every_pair(_result(rows))


def test_qamishli_pair_is_one_incident_with_the_features_that_made_it(seeds_result):
    e = seeds_result.explain("seed-000", "seed-002")
    assert isinstance(e, Explanation)
    assert e.same_incident and e.compared and e.used_score >= e.threshold == SAME_INCIDENT
    features = {c.feature for c in e.contributions}
    assert {"one_day", "province_holds_town"} <= features
    assert any(b.startswith("when-where SY-01 ") for b in e.shared_blocks)
    frame = e.to_frame()
    assert list(frame.columns) == ["feature", "value", "weight", "contribution"]
    assert frame["contribution"].sum() == pytest.approx(e.evidence)
    text = repr(e)
    assert "seed-000 ~ seed-002: one incident" in text and "province_holds_town" in text and "threshold 0.25" in text


def test_a_compared_pair_below_the_threshold_says_so(seeds_result):
    e = seeds_result.explain("seed-001", "seed-000")
    assert (e.report_a, e.report_b) == ("seed-001", "seed-000")
    assert not e.same_incident and e.compared
    assert e.used_score < e.threshold and e.linkage < e.threshold
    assert "two incidents" in e.verdict and "under the threshold" in e.verdict
    assert any(c.feature == "other_region" and c.contribution < 0 for c in e.contributions)


def test_a_pair_never_compared_shows_each_reports_blocks():
    result = _result(POOL)
    e = result.explain("c1", "d1")
    assert not e.compared and not e.same_incident and e.shared_blocks == ()
    assert e.used_score == 0.0 and "never compared" in e.verdict and "share no block" in e.verdict
    assert any(b.startswith("when-where") for b in e.blocks_a) and any(b.startswith("when") for b in e.blocks_b)
    assert "blocks of c1:" in repr(e) and "blocks of d1:" in repr(e)


def test_the_dayton_reports_are_one_incident_and_tulsa_stays_apart():
    result = _result(POOL)
    together = result.explain("a1", "a2")
    assert together.same_incident and together.used_score >= together.threshold
    assert any(c.feature in ("names_rare", "names_idf") for c in together.contributions)
    apart = result.explain("a1", "b1")
    assert not apart.same_incident
    assert any(c.feature in ("other_region", "other_town_same_region") for c in apart.contributions)


@pytest.mark.parametrize("bad", ["nope", "a1"])
def test_explain_names_an_unknown_or_repeated_report(bad):
    result = _result(POOL)
    with pytest.raises(InvalidValueError, match=repr("nope") if bad == "nope" else "same report"):
        result.explain("a1", bad)


def test_explain_needs_a_clustering():
    result = _result(POOL, cluster=False)
    with pytest.raises(InvalidValueError, match="cluster=False"):
        result.explain("a1", "a2")


def test_describe_block_spans_both_buckets_of_a_window():
    day = dt.date(2016, 7, 27).toordinal()
    text = describe_block(("when-where", "SY-01", day // 4))
    first, last = text.split(" ")[-1].split("..")
    assert dt.date.fromisoformat(first) <= dt.date(2016, 7, 27) <= dt.date.fromisoformat(last)
    assert (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days == 7
    assert describe_block(("name", "quigley")) == "name 'quigley'"


def test_contribution_is_weight_times_value():
    assert Contribution("title", 0.5, 2.8).contribution == pytest.approx(1.4)


# --------------------------------------------------------------------------- threshold


def test_the_default_threshold_is_the_clustering_constant(seeds_result):
    again = casualties.reconcile(seed_frame(), threshold=SAME_INCIDENT)
    pd.testing.assert_frame_equal(again.reports, seeds_result.reports)
    assert seeds_result.clustering.threshold == SAME_INCIDENT


def test_a_stricter_threshold_keeps_a_weaker_pair_apart(seeds_result):
    score = seeds_result.explain("seed-000", "seed-002").used_score
    strict = casualties.reconcile(seed_frame(), threshold=min(1.0, score + 0.01))
    e = strict.explain("seed-000", "seed-002")
    assert not e.same_incident and e.used_score == score
    assert "under the threshold" in e.verdict


@pytest.mark.parametrize("bad, error", [(0, InvalidValueError), (1.5, InvalidValueError), (-0.1, InvalidValueError),
                                        (float("nan"), InvalidValueError), ("0.3", InputTypeError),
                                        (True, InputTypeError), (None, InputTypeError)])
def test_a_bad_threshold_is_refused_before_any_work(bad, error):
    with pytest.raises(error, match="threshold"):
        casualties.reconcile(pd.DataFrame(POOL), threshold=bad)


# --------------------------------------------------------------------------- missing dates


def test_reports_without_published_dates_warn_once_naming_how_many():
    rows = [dict(r, published=None) if r["report_id"] in ("a1", "b1", "c1", "d1") else r for r in POOL]
    with pytest.warns(MissingDateWarning) as record:
        casualties.reconcile(pd.DataFrame(rows))
    assert len([w for w in record if w.category is MissingDateWarning]) == 1
    message = str(record[0].message)
    assert message.startswith("4 of 5 reports have no published date ('a1', 'b1', 'c1', ...)")


def test_no_warning_when_every_report_is_dated_or_dates_do_not_matter():
    undated = [dict(r, published=None) for r in POOL]
    with warnings.catch_warnings():
        warnings.simplefilter("error", MissingDateWarning)
        casualties.reconcile(pd.DataFrame(POOL))
        casualties.reconcile(pd.DataFrame(undated), cluster=False)  # each report alone, best by default
    with pytest.warns(MissingDateWarning):
        casualties.reconcile(pd.DataFrame(undated), cluster=False, policy="latest")
