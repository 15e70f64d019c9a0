"""casualties.frames: timelines, the notebook HTML and result frames to and from files."""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

import casualties
from casualties import frames, views
from casualties.errors import InvalidValueError, MissingColumnError, MissingDependencyError
from casualties.result import Result
from casualties.schema import CLAIM_COLUMNS, INCIDENT_COLUMNS, RANGE_COLUMNS, typed_frame as _frame

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
FORMATS = ["csv", "json", "parquet"]


def seed_frame() -> pd.DataFrame:
    meta = [json.loads(line) for line in (SEEDS / "seeds.jsonl").read_text().splitlines() if line.strip()]
    return pd.DataFrame([{"report_id": m["report_id"], "text": (SEEDS / m["file"]).read_text(encoding="utf-8"),
                          "source": m["source"], "published": m["published"], "title": m.get("title"),
                          "url": m.get("url")} for m in meta])


KIRKUK = pd.DataFrame({
    "report_id": ["k1", "k2", "k3", "007"],
    "text": [
        "A car bomb killed at least 12 people in Kirkuk on Monday, police said.",
        "The toll from Monday's car bomb in Kirkuk rose to 20 dead and 31 wounded, police said.",
        'A car bomb killed 15 people and wounded dozens in Kirkuk on Monday, "a doctor, said.\nMore later.',
        "Nothing of note happened in Basra.",
    ],
    "source": ["AP", "AP", None, None],
    "published": ["2020-01-06", "2020-01-07", None, "2020-01-08"],
})


@pytest.fixture(scope="module")
def seeds_result() -> Result:
    return casualties.reconcile(seed_frame())


@pytest.fixture(scope="module")
def kirkuk_result() -> Result:
    return casualties.reconcile(KIRKUK)


def claim_row(claim_id: str, **kw) -> dict:
    """A claims row with every column of CLAIM_COLUMNS (hand-built results for exact cases)."""
    row = {c: None for c in CLAIM_COLUMNS}
    row.update(claim_id=claim_id, report_id=claim_id.split(":")[0], incident_id="i1", category="killed", low=1,
               high=1, value=1, qualifier="exact", victim_group="unknown", start=0, end=1, quote="x",
               background=False, subset=False, part_of_list=False, perpetrator_claim=False, counted=True, basis="")
    row.update(kw)
    return row


def hand_result(rows) -> Result:
    incidents = [{"incident_id": "i1", "date": dt.date(2020, 1, 1), "place": "Kirkuk", "n_reports": 1,
                  "sources": "", "report_ids": ""}]
    return Result(reports=_frame([], frames.frame_columns("reports")), claims=_frame(rows, CLAIM_COLUMNS),
                  incidents=_frame(incidents, INCIDENT_COLUMNS), ranges=_frame([], RANGE_COLUMNS),
                  report_incidents=_frame([], frames.frame_columns("report_incidents")))


# --------------------------------------------------------------------------- columns

def test_frame_columns_match_reconcile(seeds_result):
    for kind in frames.FRAME_KINDS:
        assert frames.frame_columns(kind) == list(getattr(seeds_result, kind).columns), kind
    with pytest.raises(InvalidValueError, match="'nope'"):
        frames.frame_columns("nope")


# --------------------------------------------------------------------------- timeline

def test_timeline_columns_dtypes_and_membership(seeds_result):
    tl = views.timeline(seeds_result, "inc-seed-003#1")  # the Palmyra kidnapping seed 003 retells
    assert list(tl.columns) == views.TIMELINE_COLUMNS
    for col in views.TIMELINE_COLUMNS[:-1]:
        assert tl[col].dtype == seeds_result.claims[col].dtype, col
    assert tl["superseded"].dtype == bool
    c = seeds_result.claims
    expected = c[(c["incident_id"] == "inc-seed-003#1").fillna(False) & ~c["background"]]["claim_id"]
    assert sorted(tl["claim_id"]) == sorted(expected)
    assert not tl["counted"].all()  # subsets are kept, flagged as not counted
    assert list(tl.index) == list(range(len(tl)))
    assert all(isinstance(d, dt.date) for d in tl["published"])


def test_timeline_orders_by_published_source_report_start(kirkuk_result):
    tl = views.timeline(kirkuk_result, "inc-k1")
    assert list(tl["claim_id"]) == ["k1:0", "k2:0", "k2:1"]
    assert list(tl["superseded"]) == [True, False, False]  # 12 -> 20 by the same source, later
    assert list(views.timeline(kirkuk_result, "inc-k1", category="injured")["claim_id"]) == ["k2:1"]


def test_timeline_matches_latest_policy(kirkuk_result):
    latest = casualties.reconcile(KIRKUK, policy="latest")
    row = latest.ranges[(latest.ranges["incident_id"] == "inc-k1") & (latest.ranges["category"] == "killed")
                        & latest.ranges["victims"].isna()].iloc[0]
    tl = views.timeline(latest, "inc-k1", "killed").set_index("claim_id")
    assert row["best"] == 20
    assert all(not tl.loc[cid, "superseded"] for cid in row["best_claims"])


def test_timeline_missing_dates_last_and_superseded_rules():
    d1, d2 = dt.date(2020, 1, 1), dt.date(2020, 1, 2)
    rows = [
        claim_row("a:0", source="AP", published=None, low=5, high=5),                      # undated: superseded
        claim_row("b:0", source="AP", published=d2, low=9, high=9),
        claim_row("c:0", source="AP", published=d1, victim_group="civilian", start=5),     # other group
        claim_row("c:1", source="AP", published=d1, start=0),                              # earlier: superseded
        claim_row("d:0", source=None, published=d1),                                       # own report key
        claim_row("e:0", source=None, published=d2, report_id="d", counted=False, subset=True),  # uncounted
        claim_row("f:0", source="Zed", published=None, category="injured"),
        claim_row("g:0", source="", published=d1),                                         # "" source: report key
        claim_row("g:1", source="", published=d2, report_id="h"),
    ]
    tl = views.timeline(hand_result(rows), "i1")
    # "" is no source: missing (pd.NA), sorted after named ones, each report its own key
    assert list(tl["claim_id"]) == ["c:1", "c:0", "d:0", "g:0", "b:0", "e:0", "g:1", "a:0", "f:0"]
    sup = dict(zip(tl["claim_id"], tl["superseded"]))
    assert sup == {"a:0": True, "b:0": False, "c:0": False, "c:1": True, "d:0": False, "e:0": False,
                   "f:0": False, "g:0": False, "g:1": False}
    assert pd.isna(tl["published"].iloc[-1]) and pd.isna(tl["published"].iloc[-2])


def test_timeline_empty_incident_keeps_columns_and_dtypes(seeds_result):
    empty = views.timeline(seeds_result, "inc-seed-004")
    full = views.timeline(seeds_result, "inc-seed-000")
    assert len(empty) == 0 and len(full) > 0
    assert list(empty.columns) == views.TIMELINE_COLUMNS
    assert empty.dtypes.to_dict() == full.dtypes.to_dict()
    assert len(views.timeline(seeds_result, "inc-seed-000", category="kidnapped")) == 0


def test_timeline_bad_arguments(seeds_result):
    with pytest.raises(InvalidValueError, match="'no-such-incident'") as err:
        views.timeline(seeds_result, "no-such-incident")
    assert isinstance(err.value, ValueError)
    with pytest.raises(InvalidValueError, match="'dead'"):
        views.timeline(seeds_result, "inc-seed-000", category="dead")


# --------------------------------------------------------------------------- files

def assert_same_frames(a: Result, b: Result) -> None:
    for kind in frames.FRAME_KINDS:
        x, y = getattr(a, kind), getattr(b, kind)
        pd.testing.assert_frame_equal(x, y, check_exact=True, obj=kind)
        assert x.dtypes.to_dict() == y.dtypes.to_dict(), kind
        for col in ("published", "date"):
            if col in x.columns:
                assert [type(v) for v in x[col]] == [type(v) for v in y[col]], (kind, col)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("which", ["seeds", "kirkuk"])
def test_write_result_round_trip(fmt, which, tmp_path, seeds_result, kirkuk_result):
    if fmt == "parquet":
        import pyarrow  # noqa: F401  (the test extra installs it: a missing one fails)
    result = seeds_result if which == "seeds" else kirkuk_result
    paths = frames.write_result(result, tmp_path / "out", format=fmt)
    assert list(paths) == list(frames.FRAME_KINDS)
    assert paths["ranges"] == tmp_path / "out" / f"ranges.{fmt}" and all(p.is_file() for p in paths.values())
    back = Result.from_files(tmp_path / "out", format=fmt)
    assert back.policy == result.policy
    assert_same_frames(result, back)


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_keeps_missing_values_dates_and_odd_text(fmt, tmp_path, kirkuk_result):
    if fmt == "parquet":
        import pyarrow  # noqa: F401  (the test extra installs it: a missing one fails)
    for kind in frames.FRAME_KINDS:
        frames.write_frame(getattr(kirkuk_result, kind), tmp_path / f"{kind}.{fmt}")
    reports = frames.read_frame(tmp_path / f"reports.{fmt}", "reports").set_index("report_id")
    assert reports.loc["k3", "published"] is pd.NaT and reports.loc["k3", "source"] is pd.NA
    assert reports.loc["k1", "published"] == pd.Timestamp(2020, 1, 6)
    assert reports["published"].dtype == "datetime64[s]"
    assert "007" in reports.index  # an id that looks like a number stays text
    claims = frames.read_frame(tmp_path / f"claims.{fmt}", "claims")
    assert claims["high"].isna().any() and claims["victims"].isna().any()
    incidents = frames.read_frame(tmp_path / f"incidents.{fmt}", "incidents")
    assert incidents["date"].isna().any() and any(s == [] for s in incidents["sources"])
    assert all(isinstance(s, list) for s in incidents["report_ids"])
    ranges = frames.read_frame(tmp_path / f"ranges.{fmt}", "ranges")
    assert ranges["low"].isna().any() and any(d == [] for d in ranges["disagreeing_claims"])
    assert any(len(c) > 1 for c in ranges["claims"])  # a list of several survives the file
    for kind in frames.FRAME_KINDS:
        pd.testing.assert_frame_equal(frames.read_frame(tmp_path / f"{kind}.{fmt}", kind),
                                      getattr(kirkuk_result, kind))


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_of_empty_frames(fmt, tmp_path):
    if fmt == "parquet":
        import pyarrow  # noqa: F401  (the test extra installs it: a missing one fails)
    result = casualties.reconcile(pd.DataFrame({"report_id": ["x"], "text": ["Nothing happened."]}))
    assert len(result.claims) == 0 and len(result.ranges) == 0
    frames.write_result(result, tmp_path, format=fmt)
    assert_same_frames(result, Result.from_files(tmp_path, format=fmt))


def test_empty_text_is_missing_in_every_frame_and_format(tmp_path):
    rows = [{"report_id": "r", "incident_id": "i", "source": "", "published": None, "n_claims": 0,
             "n_input_rows": 1}]
    reports = _frame(rows, frames.frame_columns("reports"))
    assert reports["source"].iat[0] is pd.NA and reports["published"].iat[0] is pd.NaT
    for fmt in FORMATS:
        frames.write_frame(reports, tmp_path / f"r.{fmt}")
        back = frames.read_frame(tmp_path / f"r.{fmt}", "reports")
        assert back["source"].iat[0] is pd.NA, fmt
        pd.testing.assert_frame_equal(back, reports)


def test_csv_joins_lists_with_semicolons_and_splits_them_back(tmp_path, kirkuk_result):
    frames.write_frame(kirkuk_result.ranges, tmp_path / "r.csv")
    raw = pd.read_csv(tmp_path / "r.csv", dtype=str, keep_default_na=False)
    several = [c for c in kirkuk_result.ranges["claims"] if len(c) > 1][0]
    assert ";".join(several) in set(raw["claims"])
    back = frames.read_frame(tmp_path / "r.csv", "ranges")
    assert several in list(back["claims"])


def test_ranges_file_without_high_open_gets_it_from_the_consensus(tmp_path, seeds_result):
    old = seeds_result.ranges.drop(columns=["high_open"])
    frames.write_frame(old, tmp_path / "r.json")
    back = frames.read_frame(tmp_path / "r.json", "ranges")
    pd.testing.assert_series_equal(back["high_open"], seeds_result.ranges["high_open"])




def test_write_frame_json_records_with_iso_dates_and_nulls(tmp_path):
    df = pd.DataFrame({"d": [dt.date(2020, 1, 2), None], "n": pd.array([1, None], dtype="Int64"),
                       "s": pd.array(["a", None], dtype="string")})
    assert frames.write_frame(df, tmp_path / "t.json") == ".json"
    assert json.loads((tmp_path / "t.json").read_text()) == [{"d": "2020-01-02", "n": 1, "s": "a"},
                                                             {"d": None, "n": None, "s": None}]


def test_write_frame_errors(tmp_path, seeds_result, monkeypatch):
    with pytest.raises(InvalidValueError, match=r"'\.xlsx'"):
        frames.write_frame(seeds_result.ranges, tmp_path / "r.xlsx")
    with pytest.raises(InvalidValueError, match="no extension"):
        frames.write_frame(seeds_result.ranges, tmp_path / "ranges")
    with pytest.raises(FileNotFoundError):
        frames.write_frame(seeds_result.ranges, tmp_path / "missing" / "r.csv")
    with pytest.raises(InvalidValueError, match="'xml'"):
        frames.write_result(seeds_result, tmp_path, format="xml")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingDependencyError, match=r"casualties\[parquet\]"):
        frames.write_frame(seeds_result.ranges, tmp_path / "r.parquet")
    with pytest.raises(MissingDependencyError):
        frames.write_result(seeds_result, tmp_path / "pq", format="parquet")
    assert not (tmp_path / "pq").exists()


def test_read_frame_errors(tmp_path, seeds_result):
    frames.write_frame(seeds_result.ranges, tmp_path / "ranges.csv")
    with pytest.raises(InvalidValueError, match="'range'"):
        frames.read_frame(tmp_path / "ranges.csv", "range")
    with pytest.raises(MissingColumnError, match="'claim_id'"):
        frames.read_frame(tmp_path / "ranges.csv", "claims")
    with pytest.raises(InvalidValueError, match=r"'\.txt'"):
        frames.read_frame(tmp_path / "ranges.txt", "ranges")
    with pytest.raises(FileNotFoundError):
        frames.read_frame(tmp_path / "nope.csv", "ranges")
    bad = seeds_result.ranges.astype({"low": "string"})
    bad.loc[1, "low"] = "many"
    frames.write_frame(bad, tmp_path / "bad.json")
    with pytest.raises(InvalidValueError, match=r"column 'low', row 1.*'many'"):
        frames.read_frame(tmp_path / "bad.json", "ranges")
    (tmp_path / "obj.json").write_text('{"low": 1}')
    with pytest.raises(InvalidValueError, match="list of records"):
        frames.read_frame(tmp_path / "obj.json", "ranges")


def test_read_frame_keeps_extra_columns(tmp_path, seeds_result):
    df = seeds_result.incidents.assign(note="checked")
    frames.write_frame(df, tmp_path / "incidents.csv")
    back = frames.read_frame(tmp_path / "incidents.csv", "incidents")
    assert list(back.columns) == INCIDENT_COLUMNS + ["note"] and set(back["note"]) == {"checked"}
