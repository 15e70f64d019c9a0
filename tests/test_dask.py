"""``casualties.reconcile`` on a Dask DataFrame gives the pandas result (issue 6).

Every test runs on one LocalCluster of two worker processes (one thread each), so rows,
claims and cues really cross process boundaries and the shuffles really move data.  "The
same result" is the strictest there is: the four frames equal with ``assert_frame_equal``
(values, dtypes, column and row order), which implies the same partition of reports into
incidents, the same incident ids and the same ranges.

The corpora: the bundled seeds; a fixed corpus of the seeds and GVA-like reports with an
incident whose two reports fall in neighbouring date buckets and in neighbouring partitions;
corpora drawn from :func:`casualties.strategies.incidents` (hypothesis); and the fixed corpus
over any number of partitions and any row order (hypothesis).
"""
from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys
from pathlib import Path

import dask
import dask.dataframe as dd
import pandas as pd
import pytest
from distributed import Client, LocalCluster
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import casualties
import casualties.dask as cdask
from casualties import partitions as parts
from casualties import strategies as cst
from casualties.events import report_events
from casualties.reconcile import main_claims, retold_spans
from casualties.blocking import DATE_WINDOW_DAYS, build_blocks, name_frequencies
from casualties.compare import name_weights, pair_score
from casualties.errors import (DuplicateReportError, InputTypeError, InvalidValueError, MissingColumnError,
                               MissingDateWarning)
from casualties.frames import FRAME_KINDS, read_frame
from casualties.incidents import SCORE_FLOOR, _all_cues, cluster_cues
from casualties.reports import normalize_reports

ROOT = Path(__file__).resolve().parents[1]
DRAWS = settings(max_examples=6, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module", autouse=True)
def client():
    # the p2p shuffle logs every shuffle it starts at WARNING level; that is not news here
    logging.getLogger("distributed.shuffle._scheduler_plugin").setLevel(logging.ERROR)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as c:
        yield c


def assert_same(expected: casualties.Result, got: casualties.Result) -> None:
    assert got.policy == expected.policy
    for kind in FRAME_KINDS:
        pd.testing.assert_frame_equal(getattr(expected, kind), getattr(got, kind), check_exact=True, obj=kind)


def incident_of(result) -> dict:
    return dict(zip(result.reports["report_id"], result.reports["incident_id"]))


def seeds() -> pd.DataFrame:
    return casualties.read_reports(ROOT / "seeds")


# ---------------------------------------------------------------------- a fixed real-looking corpus

def _bucket_end() -> dt.date:
    """The last day of a date bucket: the next day opens the next bucket."""
    d = dt.date(2015, 3, 1)
    while d.toordinal() % DATE_WINDOW_DAYS != DATE_WINDOW_DAYS - 1:
        d += dt.timedelta(days=1)
    return d


LATE = _bucket_end()
EARLY = LATE + dt.timedelta(days=1)


def _on(d: dt.date) -> str:
    return f"{d:%B} {d.day}, {d.year}"


# One shooting told on both sides of a bucket boundary ("late on" the 2nd, "early on" the 3rd),
# and a shooting the same day elsewhere in the same state.
BOUNDARY = [
    {"report_id": "tulsa-1", "published": LATE.isoformat(), "source": "tulsaworld.com",
     "title": "Two killed in Tulsa bar shooting",
     "text": f"TULSA, Okla. — Two people were killed and three others wounded in a shooting at a bar on "
             f"Peoria Avenue in Tulsa late on {_on(LATE)}, police said. The dead were identified as "
             f"Darnell Whitcombe and Marisol Quintero."},
    {"report_id": "tulsa-2", "published": EARLY.isoformat(), "source": "newson6.com",
     "title": "Police identify victims of Peoria Avenue bar shooting",
     "text": f"Police in Tulsa identified Darnell Whitcombe, 34, and Marisol Quintero, 29, as the two people "
             f"killed in a shooting at a Peoria Avenue bar early on {_on(EARLY)}. Three others were wounded."},
    {"report_id": "okc-1", "published": LATE.isoformat(), "source": "koco.com",
     "text": f"OKLAHOMA CITY — A man was shot and killed outside a convenience store in Oklahoma City on "
             f"{_on(LATE)}, police said. Officers arrested Terrence Albright at the scene."},
]

# GVA-like reports: one incident told three times, and single reports of other incidents.
TOWNS = [("Dayton", "Ohio"), ("Flint", "Michigan"), ("Macon", "Georgia"), ("Tacoma", "Washington"),
         ("Gary", "Indiana"), ("Shreveport", "Louisiana")]
NAMES = [("Keshawn", "Pettiford"), ("Alondra", "Villareal"), ("Brantley", "Osterhout"),
         ("Yusuf", "Abernathy"), ("Corinne", "Makowski"), ("Dashiell", "Fairweather")]


def _gva_like() -> list:
    rows = []
    for i, ((town, state), (first, last)) in enumerate(zip(TOWNS, NAMES)):
        day = dt.date(2014, 5, 3) + dt.timedelta(days=9 * i)
        killed, hurt = 1 + i % 3, 2 + i % 2
        for k, outlet in enumerate(("wdtn.com", "mlive.com", "13wmaz.com")[: 3 if i == 0 else 1]):
            rows.append({
                "report_id": f"gva-{i}-{k}", "source": outlet, "published": (day + dt.timedelta(days=k)).isoformat(),
                "title": f"{killed} killed, {hurt} hurt in {town} shooting",
                "text": f"{town.upper()}, {state} — Police say {first} {last} opened fire at a house party on "
                        f"{_on(day)}, killing {'at least ' if k else ''}{killed} and wounding {hurt} others in {town}. "
                        f"{first} {last}, 23, was arrested on charges of murder.",
            })
    return rows


# A girl shot, first told as alive, then as dead: the first report's injured claim stops
# counting because of the second (a rule across reports, so claims need their whole incident).
SHOT_THEN_DIED = [
    {"report_id": "queens-1", "published": "2015-03-06", "source": "nydailynews.com",
     "title": "Girl, 15, shot in head in Far Rockaway",
     "text": "A 15-year-old girl was shot in the head inside her Far Rockaway apartment Friday afternoon, "
             "police said. She was taken to St. John's Episcopal Hospital in critical condition."},
    {"report_id": "queens-2", "published": "2015-03-07", "source": "pix11.com",
     "title": "Girl, 15, fatally shot in Far Rockaway apartment",
     "text": "A 15-year-old girl was fatally shot in the head inside her Far Rockaway apartment Friday "
             "afternoon, police said."},
]


# A round-up retelling two attacks: one joins the incident of the report about it (the first and
# the next to last rows: other partitions), the other stays its own (casualties/retold.py).
RETOLD = [
    {"report_id": "roundup-1", "published": "2022-08-20", "source": "monitor",
     "text": "A drone strike killed 8 fighters near Idlib on Friday, a monitor said.\n\nOn August 12, shelling "
             "killed 5 civilians in Aleppo.\n\nOn August 3, a roadside bomb wounded 9 soldiers near Daraa."},
    {"report_id": "aleppo-1", "published": "2022-08-12", "source": "rescuers",
     "text": "Government shelling killed 5 civilians in Aleppo on Friday, rescuers said."},
]


def fixed_corpus() -> pd.DataFrame:
    """Seeds, GVA-like reports, the boundary incident, a shot-then-died incident and a round-up
    whose retold attack joins another report's incident (20 reports): the two Tulsa reports are
    rows 9 and 10, the last of one partition and the first of the next when cut in two; the two
    Far Rockaway reports are the second and the last row, the round-up and the report it joins
    the first and the next to last."""
    others = seeds().to_dict("records") + _gva_like()
    rows = RETOLD[:1] + SHOT_THEN_DIED[:1] + others[:7] + BOUNDARY[:2] + others[7:] + BOUNDARY[2:] + RETOLD[1:] \
        + SHOT_THEN_DIED[1:]
    return pd.DataFrame(rows, columns=["report_id", "text", "source", "published", "title", "url"])


@pytest.fixture(scope="module")
def corpus():
    df = fixed_corpus()
    return df, casualties.reconcile(df)


# ---------------------------------------------------------------------- identical results


def test_seeds_give_the_pandas_result():
    df = seeds()
    expected = casualties.reconcile(df)
    got = casualties.reconcile(dd.from_pandas(df, npartitions=3))
    assert_same(expected, got)
    inc = incident_of(got)
    assert inc["seed-000"] == inc["seed-002"] != inc["seed-001"]  # the Qamishli reports, together


def test_boundary_incident_is_one_incident_across_buckets_and_partitions(corpus):
    df, expected = corpus
    ddf = dd.from_pandas(df, npartitions=2)
    where = {rid: i for i in range(ddf.npartitions) for rid in ddf.partitions[i].compute()["report_id"]}
    assert where["tulsa-1"] != where["tulsa-2"]  # neighbouring partitions
    cues = _all_cues(*_reports_and_claims(df))
    days = [cues[r].event_date for r in ("tulsa-1", "tulsa-2")]
    assert days == [LATE, EARLY]
    assert len({d.toordinal() // DATE_WINDOW_DAYS for d in days}) == 2  # neighbouring date buckets
    got = casualties.reconcile(ddf)
    assert_same(expected, got)
    inc = incident_of(got)
    assert inc["tulsa-1"] == inc["tulsa-2"] != inc["okc-1"]
    assert len({inc[f"gva-0-{k}"] for k in range(3)}) == 1


@pytest.mark.parametrize("npartitions, cluster, policy", [(4, True, "latest"), (3, False, "default")])
def test_fixed_corpus_gives_the_pandas_result(corpus, npartitions, cluster, policy):
    df, expected = corpus
    if (cluster, policy) != (True, "default"):
        expected = casualties.reconcile(df, cluster=cluster, policy=policy)
    assert_same(expected, casualties.reconcile(dd.from_pandas(df, npartitions=npartitions), cluster=cluster,
                                               policy=policy))


@DRAWS
@given(npartitions=st.integers(1, 7), order=st.randoms(use_true_random=False))
def test_any_partitioning_and_row_order_gives_the_pandas_result(corpus, npartitions, order):
    df, expected = corpus
    rows = df.to_dict("records")
    order.shuffle(rows)
    assert_same(expected, casualties.reconcile(dd.from_pandas(pd.DataFrame(rows), npartitions=npartitions)))


@DRAWS
@given(drawn=st.lists(cst.incidents(max_reports=3), min_size=3, max_size=6), npartitions=st.integers(2, 5),
       policy=st.sampled_from(casualties.BEST_POLICIES))
def test_drawn_corpora_give_the_pandas_result(drawn, npartitions, policy):
    rows = [dict(r, report_id=f"i{k}-{r['report_id']}") for k, inc in enumerate(drawn) for r in inc.reports]
    rows += seeds().to_dict("records")
    df = pd.DataFrame(rows).sample(frac=1, random_state=len(rows)).reset_index(drop=True)
    assert_same(casualties.reconcile(df, policy=policy),
                casualties.reconcile(dd.from_pandas(df, npartitions=npartitions), policy=policy))


# ---------------------------------------------------------------------- the block-key shuffle


def _reports_and_claims(df):
    """The reports, claims and retold spans the pandas path clusters: each report's main event's
    claims (:func:`casualties.reconcile.main_claims`, :func:`casualties.reconcile.retold_spans`)."""
    reports, claims_of, retold = normalize_reports(df), {}, {}
    for r in reports:
        claims = casualties.extract_claims(r.text, r.published)
        events, event_of = report_events(r.text, r.published, claims)
        claims_of[r.report_id], retold[r.report_id] = main_claims(claims, event_of), retold_spans(events)
    return reports, claims_of, retold


def _settled(df, npartitions):
    collapsed, n = cdask._collapsed(dask, dd, dd.from_pandas(df, npartitions=npartitions))
    looked = collapsed.map_partitions(parts.extract, meta=parts.empty("extracted")).map_partitions(
        parts.first_cues, meta=parts.empty("first_cues"))
    settled, name_df = cdask._settled(dask, looked, n)
    return settled, name_df, n


@pytest.mark.parametrize("max_block", [400, 3])
def test_the_key_shuffle_scores_each_candidate_pair_of_blocking_once(corpus, max_block):
    df, _ = corpus
    cues = _all_cues(*_reports_and_claims(df))
    blocks = build_blocks(list(cues.values()), max_block=max_block)
    if max_block == 3:
        assert blocks.skipped_blocks > 0  # some blocks are too large and skipped
    settled, name_df, n = _settled(df, 3)
    pairs = cdask._scored_pairs(dask, settled, name_df, n, max_block=max_block, floor=0.0).compute()
    got = list(zip(pairs["a"], pairs["b"]))
    assert len(got) == len(set(got))  # a pair in several blocks is scored once
    assert set(got) == blocks.pairs()
    idf = name_weights(name_frequencies(cues.values()), n)
    assert pairs["score"].tolist() == [pair_score(cues[a], cues[b], idf) for a, b in got]


def test_the_kept_pairs_are_the_pandas_kept_pairs(corpus):
    df, _ = corpus
    grouping = cluster_cues(_all_cues(*_reports_and_claims(df)))
    settled, name_df, n = _settled(df, 4)
    partitions = dask.compute(*cdask._scored_pairs(dask, settled, name_df, n).to_delayed())
    assert sum(1 for p in partitions if len(p)) > 1  # the blocks were scored in several partitions
    got = {(a, b): s for p in partitions for a, b, s in zip(p["a"], p["b"], p["score"])}
    assert got == grouping.scores
    assert min(got.values()) >= SCORE_FLOOR


def test_score_pairs_per_key_group_as_spark_apply_in_pandas_would(corpus):
    """Spark's applyInPandas calls ``score_pairs`` once per block key: the same pairs."""
    df, _ = corpus
    cues = _all_cues(*_reports_and_claims(df))
    ordered = [cues[k] for k in sorted(cues)]
    name_df = {k: v for k, v in name_frequencies(ordered).items() if v >= 2}
    frame = pd.DataFrame({"report_id": list(cues), "cues": [parts._dump(c) for c in cues.values()]})
    rows = parts.block_key_rows(frame, name_df)
    idf = name_weights(name_df, len(cues))
    per_key = pd.concat([parts.score_pairs(g, idf) for _, g in rows.groupby("key")], ignore_index=True)
    assert dict(zip(zip(per_key["a"], per_key["b"]), per_key["score"])) == cluster_cues(cues).scores


# ---------------------------------------------------------------------- errors, options, files


BAD_INPUTS = {
    "missing text column": pd.DataFrame({"report_id": ["a", "b"], "body": ["x", "y"]}),
    "missing report_id": pd.DataFrame({"report_id": ["a", "b", "c", None, "e"], "text": ["Two were killed."] * 5}),
    "unreadable date": pd.DataFrame({"report_id": ["a", "b", "c", "bad-date"], "text": ["x"] * 4,
                                     "published": ["2016-07-27", None, "2016-07-28", "yesterday"]}),
    "text not str": pd.DataFrame({"report_id": ["a", "b", "c", "d"], "text": ["x", "y", "z", 5]}),
    "conflicting repeats": pd.DataFrame({"report_id": ["a", "dup-x", "b", "dup-y", "dup-x", "dup-y", "dup-x"],
                                         "text": ["t", "one", "t", "two", "other", "two", "third"]}),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_raises_what_the_pandas_path_raises(name):
    df = BAD_INPUTS[name]
    with pytest.raises(casualties.errors.CasualtiesError) as expected:
        casualties.reconcile(df)
    # Dask turns object columns into strings by default (5 into "5"): keep the values as given
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(df, npartitions=2)
    with pytest.raises(type(expected.value)) as got:
        casualties.reconcile(ddf)
    assert str(got.value) == str(expected.value)


def test_error_types_are_the_documented_ones():
    kinds = {name: type(_raised(df)) for name, df in BAD_INPUTS.items()}
    assert kinds == {"missing text column": MissingColumnError, "missing report_id": InvalidValueError,
                     "unreadable date": InvalidValueError, "text not str": InputTypeError,
                     "conflicting repeats": DuplicateReportError}


def _raised(df):
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(df, npartitions=2)
    with pytest.raises(casualties.errors.CasualtiesError) as info:
        casualties.reconcile(ddf)
    return info.value


def test_identical_repeats_across_partitions_collapse_as_on_pandas():
    df = pd.concat([seeds(), seeds().iloc[[0, 2]]], ignore_index=True)
    expected = casualties.reconcile(df)
    assert expected.reports["n_input_rows"].tolist() == [2, 1, 2, 1, 1]
    assert_same(expected, casualties.reconcile(dd.from_pandas(df, npartitions=4)))


def test_a_threshold_gives_the_pandas_result_and_missing_dates_warn_alike():
    df = seeds()
    expected = casualties.reconcile(df, threshold=0.99)
    got = casualties.reconcile(dd.from_pandas(df, npartitions=3), threshold=0.99)
    assert_same(expected, got)
    assert incident_of(got)["seed-000"] != incident_of(got)["seed-002"]
    undated = df.assign(published=None)
    with pytest.warns(MissingDateWarning) as pandas_warning:
        casualties.reconcile(undated)
    with pytest.warns(MissingDateWarning) as dask_warning:
        casualties.reconcile(dd.from_pandas(undated, npartitions=2))
    assert [str(w.message) for w in dask_warning if w.category is MissingDateWarning] == \
        [str(w.message) for w in pandas_warning if w.category is MissingDateWarning]


def test_bad_arguments_fail_before_any_work():
    ddf = dd.from_pandas(seeds(), npartitions=2)
    with pytest.raises(InvalidValueError, match="policy"):
        casualties.reconcile(ddf, policy="median")
    with pytest.raises(InvalidValueError, match="vague_policy"):
        casualties.reconcile(ddf, vague_policy="nonsense")
    with pytest.raises(InputTypeError, match="Dask DataFrame"):
        casualties.reconcile(ddf["text"])
    with pytest.raises(InvalidValueError, match="threshold"):
        casualties.reconcile(ddf, threshold=0)


def test_progress_is_told_the_number_of_reports():
    calls = []
    casualties.reconcile(dd.from_pandas(seeds(), npartitions=2), progress=calls.append)
    assert calls == [5]


@pytest.mark.parametrize("fmt", ["parquet", "json"])
def test_frames_written_part_by_part_read_back_to_the_pandas_result(corpus, tmp_path, fmt):
    df, expected = corpus
    frames = cdask.reconcile_frames(dd.from_pandas(df, npartitions=3))
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / f"part-00099.{fmt}").write_text("stale")  # from an earlier, larger run
    paths = frames.to_files(tmp_path, fmt)
    assert sorted(paths) == sorted(FRAME_KINDS)
    assert not (tmp_path / "reports" / f"part-00099.{fmt}").exists()
    for kind in FRAME_KINDS:
        assert len(paths[kind]) == getattr(frames, kind).npartitions
        back = pd.concat([read_frame(p, kind) for p in paths[kind]], ignore_index=True)
        column = "report_id" if kind in ("reports", "claims", "report_incidents") else "incident_id"
        back = parts.sort_claims(back) if kind == "claims" else parts.sort_rows(back, column)
        pd.testing.assert_frame_equal(back, getattr(expected, kind), obj=kind)


def test_importing_casualties_does_not_import_dask():
    code = ("import sys, casualties, casualties.partitions; "
            "assert not any(m == 'dask' or m.startswith('dask.') for m in sys.modules), 'dask imported'")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr


def test_the_fixed_corpus_holds_a_claim_that_another_report_stops_counting(corpus):
    # the corpus exercises the cross-report rule, so the Dask path is compared on it too
    _, expected = corpus
    claims = expected.claims[expected.claims["report_id"] == "queens-1"]
    assert expected.reports.set_index("report_id").loc[["queens-1", "queens-2"], "incident_id"].nunique() == 1
    assert not claims["counted"].any() and claims["basis"].str.contains("tells of 1 dead").all()


def test_the_fixed_corpus_holds_a_retold_event_that_joins_a_report_in_another_partition(corpus):
    df, expected = corpus
    retold = expected.claims[(expected.claims["report_id"] == "roundup-1") & (expected.claims["low"] == 5)].iloc[0]
    assert retold["role"] == "other" and retold["incident_id"] == incident_of(expected)["aleppo-1"]
    ddf = dd.from_pandas(df, npartitions=2)
    where = {rid: i for i in range(ddf.npartitions) for rid in ddf.partitions[i].compute()["report_id"]}
    assert where["roundup-1"] != where["aleppo-1"]
    assert_same(expected, casualties.reconcile(ddf))
