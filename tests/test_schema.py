"""The frame schemas declared once (casualties.schema): every producer follows them, the
reference page prints them, the Store's tables and the files keep them."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import casualties
from casualties import frames, schema
from casualties.io import read_reports
from casualties.result import Result

ROOT = Path(__file__).resolve().parents[1]
SEEDS = read_reports(ROOT / "seeds")


@pytest.fixture(scope="module")
def seeds_result():
    return casualties.reconcile(SEEDS)


def test_the_reference_page_is_generated_from_the_declaration():
    page = (ROOT / "docs" / "reference" / "columns.md").read_text(encoding="utf-8")
    assert page == schema.columns_markdown(), \
        "docs/reference/columns.md is stale: python -m casualties.schema > docs/reference/columns.md"
    for frame, cols in schema.FRAMES.items():
        for c in cols:
            assert f"| `{c.name}` | `{c.dtype}` |" in page


def test_every_frame_of_a_result_has_the_declared_columns_and_dtypes(seeds_result):
    empty = casualties.reconcile(pd.DataFrame({"report_id": ["x"], "text": ["Nothing happened."]}))
    for result in (seeds_result, empty):
        for frame, cols in schema.FRAMES.items():
            df = getattr(result, frame)
            assert list(df.columns) == [c.name for c in cols], frame
            for c in cols:
                assert str(df[c.name].dtype) == c.dtype, f"{frame}.{c.name}: {df[c.name].dtype}"


def test_values_follow_the_kind_of_their_column(seeds_result):
    for frame, cols in schema.FRAMES.items():
        df = getattr(seeds_result, frame)
        for c in cols:
            values = list(df[c.name])
            if c.kind == "list":
                assert all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in values), c.name
            elif c.kind == "text":
                assert all(v is pd.NA or (isinstance(v, str) and v != "") for v in values), c.name
            elif c.kind == "date":
                assert all(v is pd.NaT or v == v.normalize() for v in values), c.name


def test_a_column_has_one_kind_in_every_frame():
    kinds = {}
    for cols in schema.FRAMES.values():
        for c in cols:
            assert kinds.setdefault(c.name, c.kind) == c.kind, c.name


def test_high_open_says_whether_the_count_may_exceed_high(seeds_result):
    r = seeds_result.ranges
    q = r[(r["incident_id"] == "inc-seed-000") & (r["category"] == "killed") & r["victims"].isna()].iloc[0]
    assert (q["low"], q["high"], q["consensus_low"]) == (44, 50, 50)
    assert q["high_open"] and q["consensus_high"] is pd.NA  # "at least 44", "at least 50": open above
    for _, row in r.iterrows():
        assert row["high_open"] == (row["consistent"] and row["consensus_high"] is pd.NA)
        if row["high_open"]:
            assert row["high"] is pd.NA or row["high"] >= row["low"]


def test_typed_frame_reads_old_joined_strings_and_empty_text():
    rows = [{"incident_id": "i", "sources": "AP; Reuters", "report_ids": "a;b", "place": "", "date": "2020-01-02"}]
    df = schema.typed_frame(rows, schema.INCIDENT_COLUMNS)
    assert df.loc[0, "sources"] == ["AP", "Reuters"] and df.loc[0, "report_ids"] == ["a", "b"]
    assert df.loc[0, "place"] is pd.NA and df.loc[0, "date"] == pd.Timestamp(2020, 1, 2)
    assert df.loc[0, "n_reports"] is pd.NA


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_files_read_back_equal_frame_for_frame(fmt, tmp_path, seeds_result):
    frames.write_result(seeds_result, tmp_path, format=fmt)
    back = Result.from_files(tmp_path, format=fmt)
    for frame in schema.FRAMES:
        pd.testing.assert_frame_equal(getattr(back, frame), getattr(seeds_result, frame), obj=frame)


def test_parquet_keeps_lists_as_arrow_lists_and_dates_as_timestamps(tmp_path, seeds_result):
    pq = pytest.importorskip("pyarrow.parquet")
    frames.write_frame(seeds_result.ranges, tmp_path / "r.parquet")
    frames.write_frame(seeds_result.incidents, tmp_path / "i.parquet")
    ranges, incidents = pq.read_schema(tmp_path / "r.parquet"), pq.read_schema(tmp_path / "i.parquet")
    assert str(ranges.field("claims").type) == "list<element: string>"
    assert str(incidents.field("date").type) == "date32[day]"


def test_store_tables_have_the_declared_duckdb_types(tmp_path):
    pytest.importorskip("duckdb")
    from casualties.store_schema import DUCKDB_TYPES, FRAME_TABLES

    with casualties.Store(tmp_path / "s.duckdb") as store:
        store.add(SEEDS[SEEDS["report_id"] == "seed-000"])
        con = store._con
        for table, (frame, _) in FRAME_TABLES.items():
            types = dict(con.execute("SELECT column_name, data_type FROM information_schema.columns "
                                     "WHERE table_name = ?", [table]).fetchall())
            for c in schema.FRAMES[frame]:
                assert types[c.name] == DUCKDB_TYPES[c.kind], f"{table}.{c.name}: {types[c.name]}"
        result = store.result()
    for frame, cols in schema.FRAMES.items():
        for c in cols:
            assert str(getattr(result, frame)[c.name].dtype) == c.dtype


def test_a_schema_1_store_migrates_its_joined_lists_and_gains_high_open(tmp_path):
    pytest.importorskip("duckdb")
    from casualties.store_schema import FRAME_TABLES

    path = tmp_path / "s.duckdb"
    with casualties.Store(path) as store:
        store.add(SEEDS[SEEDS["report_id"].isin(["seed-000", "seed-002"])])
        before = store.result()
        con = store._con  # turn it back into a schema-1 store: lists as ";"-joined text, no high_open
        for table, (_, cols) in FRAME_TABLES.items():
            for c in cols:
                if schema.column_kind(c) == "list":
                    con.execute(f'ALTER TABLE {table} ALTER COLUMN "{c}" TYPE VARCHAR '
                                f'USING array_to_string("{c}", \'{";" if c != "sources" else "; "}\')')
        con.execute("ALTER TABLE f_ranges DROP COLUMN high_open")
        con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with casualties.Store(path) as store:
        after = store.result()
        assert store._con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [("2",)]
    for frame in schema.FRAMES:
        pd.testing.assert_frame_equal(getattr(after, frame), getattr(before, frame), obj=frame)
