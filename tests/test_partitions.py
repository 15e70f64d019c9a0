"""The stage functions of ``casualties.partitions``, run the way Spark runs them, give the
pandas result, and their frames fit the schemas they declare.

Spark is not installed here, so this drives the functions with pandas alone, as
docs/howto/dask.md's Spark recipe does with Spark: ``mapInPandas`` calls a function on each
batch of a partition (here: slices of a few rows), ``applyInPandas`` on each group's rows
(here: ``groupby``), and aggregations run on the driver.  Spark hands frames to Python and back
through Arrow with the declared schema, so every stage's frame is also converted to Arrow with
the types :func:`casualties.partitions.schema` declares.
"""
from __future__ import annotations

import datetime as dt
import pickle
from collections import Counter
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

import casualties
from casualties import partitions as cp
from casualties.frames import FRAME_KINDS
from casualties.retold import wanted_keys

ROOT = Path(__file__).resolve().parents[1]
ARROW = {"string": pa.string(), "bytes": pa.binary(), "int64": pa.int64(), "float64": pa.float64(),
         "bool": pa.bool_(), "date": pa.date32(), "list<string>": pa.list_(pa.string())}


def arrow_checked(stage: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame``, after checking it converts to Arrow with the declared schema (as Spark does)."""
    schema = pa.schema([(name, ARROW[kind]) for name, kind in cp.schema(stage)])
    assert list(frame.columns) == schema.names, stage
    pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    return frame


def map_in_pandas(frame: pd.DataFrame, stage: str, fn, *args, batch: int = 3) -> pd.DataFrame:
    """Spark's ``mapInPandas``: ``fn`` on each batch of rows, the outputs concatenated."""
    outs = [arrow_checked(stage, fn(frame.iloc[i:i + batch], *args)) for i in range(0, max(len(frame), 1), batch)]
    return pd.concat(outs, ignore_index=True)


def apply_in_pandas(frame: pd.DataFrame, key: str, stage: str, fn, *args) -> pd.DataFrame:
    """Spark's ``groupBy(key).applyInPandas``: ``fn`` on each group's rows."""
    outs = [arrow_checked(stage, fn(group, *args)) for _, group in frame.groupby(key, sort=False)]
    return pd.concat(outs, ignore_index=True) if outs else cp.empty(stage)


def spark_like(reports: pd.DataFrame, policy: str = "default") -> casualties.Result:
    """docs/howto/dask.md's Spark recipe, with pandas standing in for Spark."""
    validated = map_in_pandas(reports, "validated", cp.validate)
    collapsed = apply_in_pandas(validated, "report_id", "collapsed", cp.collapse)
    cp.check_conflicts(collapsed[collapsed["conflicting_rows"] > 0])
    extracted = map_in_pandas(collapsed, "extracted", cp.extract)
    looked = map_in_pandas(extracted, "first_cues", cp.first_cues)
    n = len(looked)
    dominant = cp.dominant_countries(Counter(looked["country"].dropna()), n)
    words = set(map_in_pandas(looked, "vocabulary", cp.vocabulary)["word"])
    settled = map_in_pandas(looked, "settled", cp.settle_cues, dominant, words)
    names = Counter(map_in_pandas(settled, "rare_names", cp.rare_names)["name"])
    name_df = {k: v for k, v in names.items() if v >= 2}
    key_rows = map_in_pandas(settled, "block_keys", cp.block_key_rows, name_df)
    oversize = cp.oversize_keys(Counter(key_rows["key"]), cp.MAX_BLOCK)
    key_rows = key_rows[~key_rows["key"].isin(oversize)]
    pairs = apply_in_pandas(key_rows, "key", "pairs", cp.score_pairs, cp.name_weights(name_df, n), oversize)
    incident_of = cp.cluster_edges(pairs)
    events = map_in_pandas(settled, "events", cp.event_rows)
    wanted = frozenset(wanted_keys(pickle.loads(b) for b in events["cues"]))
    candidates = map_in_pandas(settled, "candidates", cp.candidate_rows, wanted)
    joined = cp.joined_incidents(events, candidates, incident_of, cp.name_weights(name_df, n))
    assigned = map_in_pandas(settled, "assigned", cp.assign_incidents, incident_of)
    spread = map_in_pandas(assigned, "spread", cp.spread_retold, joined)
    return casualties.Result(
        reports=cp.sort_rows(map_in_pandas(assigned, "reports", cp.report_table, joined), "report_id"),
        claims=cp.sort_claims(apply_in_pandas(spread, "incident_id", "claims", cp.claim_table, True, joined)),
        incidents=cp.sort_rows(apply_in_pandas(spread, "incident_id", "incidents", cp.incident_table, True, joined),
                               "incident_id"),
        ranges=cp.sort_rows(apply_in_pandas(spread, "incident_id", "ranges", cp.range_table, policy, True, joined),
                            "incident_id"),
        report_incidents=cp.sort_rows(map_in_pandas(assigned, "report_incidents", cp.report_incident_table, True,
                                                    joined), "report_id"),
        policy=policy)


def corpus() -> pd.DataFrame:
    seeds = casualties.read_reports(ROOT / "seeds")
    extra = pd.DataFrame([
        {"report_id": "q1", "published": "2016-07-27",
         "text": "A truck bomb killed at least 20 people in Qamishli on Wednesday, the Syrian Observatory said."},
        {"report_id": "q2", "published": dt.date(2016, 7, 28),
         "text": "At least 22 people were killed when a truck bomb exploded in al-Qamishli on Wednesday."},
        {"report_id": "s1", "published": "2016-07-27",
         "text": "Gunmen killed three shepherds near Shaddadi on Wednesday, local sources said."},
        {"report_id": "r1", "published": "2016-08-02",
         "text": "A car bomb killed 6 people in Raqqa on Monday, activists said.\n\nOn July 27, a truck bomb "
                 "killed at least 22 people in Qamishli."},
    ])
    return pd.concat([seeds, extra, seeds.iloc[[1]]], ignore_index=True)  # seed-001 twice


@pytest.mark.parametrize("policy", ["default", "latest"])
def test_the_stage_functions_run_as_spark_runs_them_give_the_pandas_result(policy):
    df = corpus()
    expected = casualties.reconcile(df, policy=policy)
    got = spark_like(df, policy)
    for kind in FRAME_KINDS:
        pd.testing.assert_frame_equal(getattr(expected, kind), getattr(got, kind), obj=kind)
    inc = dict(zip(got.reports["report_id"], got.reports["incident_id"]))
    assert inc["q1"] == inc["q2"] != inc["s1"]
    retold = got.claims[(got.claims["report_id"] == "r1") & (got.claims["role"] == "other")]
    assert list(retold["incident_id"]) == [inc["q1"]] != [inc["r1"]]  # the retold Qamishli bombing joins it


def test_schema_and_empty_frames_agree():
    for stage in [*cp.COLUMNS, *FRAME_KINDS]:
        frame = arrow_checked(stage, cp.empty(stage))
        assert len(frame) == 0
        assert [name for name, _ in cp.schema(stage)] == list(frame.columns)


def test_conflicting_repeats_raise_the_pandas_error():
    df = pd.DataFrame({"report_id": ["a", "dup", "dup"], "text": ["x", "one", "two"]})
    with pytest.raises(casualties.errors.DuplicateReportError) as expected:
        casualties.reconcile(df)
    with pytest.raises(casualties.errors.DuplicateReportError) as got:
        spark_like(df)
    assert str(got.value) == str(expected.value)
