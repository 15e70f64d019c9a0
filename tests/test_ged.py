"""The UCDP GED-shaped export: one row per incident, GED field names, figures from the
killed ranges only, points from the gazetteer or none."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import casualties
from casualties import ged
from casualties.coordinates import CountryIndex, incident_point
from casualties.gazetteer import default_gazetteer
from casualties.io import read_reports

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def seeds_result():
    return casualties.reconcile(read_reports(ROOT / "seeds"))


@pytest.fixture(scope="module")
def table(seeds_result):
    return seeds_result.to_ged()


def test_one_row_per_incident_with_the_declared_columns(seeds_result, table):
    assert list(table["id"]) == list(seeds_result.incidents["incident_id"])
    assert list(table.columns) == list(ged.GED_COLUMNS)
    assert {c: str(t) for c, t in table.dtypes.items()} == ged.GED_COLUMNS


def test_qamishli_row(table):
    q = table.set_index("id").loc["inc-seed-000"]
    assert (q["low"], q["best"], q["high"], bool(q["high_open"])) == (44, 50, 50, True)
    assert q["date_start"] == q["date_end"] == pd.Timestamp(2016, 7, 27) and q["year"] == 2016
    assert (q["where_description"], q["adm_1"], q["country"], q["country_code"]) == ("Qamishli", "Hasakah", "Syria", "SY")
    assert (q["where_prec"], q["coordinate_precision"]) == (1, "town")
    assert abs(q["latitude"] - 37.05) < 0.1 and abs(q["longitude"] - 41.23) < 0.1
    assert q["number_of_sources"] == 2 and "unknown blog" in q["source_article"]
    # no claim names a victim group: every death is of an unknown side
    assert (q["deaths_a"], q["deaths_b"], q["deaths_civilians"], q["deaths_unknown"]) == (0, 0, 0, 50)


def test_deaths_by_victim_group_come_from_the_killed_group_rows(seeds_result, table):
    r = seeds_result.ranges
    killed = r[r["category"] == "killed"]
    for row in table.itertuples():
        if row.best is pd.NA:
            assert all(getattr(row, f) is pd.NA for f in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"))
            assert not ((killed["incident_id"] == row.id) & killed["victims"].isna()).any()  # never invented
            continue
        for field, group in ged.VICTIM_GROUP_FIELDS.items():
            g = killed[(killed["incident_id"] == row.id) & (killed["victims"] == group)]
            assert getattr(row, field) == (int(g["best"].iloc[0]) if len(g) else 0), (row.id, field)
        known = row.deaths_a + row.deaths_b + row.deaths_civilians
        if row.deaths_unknown is pd.NA:
            assert known > row.best
        else:
            assert known + row.deaths_unknown == row.best


def test_an_incident_without_killed_claims_has_missing_figures_never_zero():
    result = casualties.reconcile([{"report_id": "a", "text": "Three people were wounded in Aleppo on Monday.",
                                    "published": "2016-07-27"}], cluster=False)
    row = result.to_ged().iloc[0]
    assert row["best"] is pd.NA and row["low"] is pd.NA and row["deaths_unknown"] is pd.NA
    assert row["coordinate_precision"] is pd.NA and row["latitude"] is pd.NA  # cluster=False reads no place


def test_points_are_left_missing_when_the_gazetteer_cannot_tell_one():
    index = CountryIndex(default_gazetteer())
    assert incident_point("Qamishli", "Hasakah", "SY", index).precision == "town"
    assert incident_point(None, "Hasakah", "SY", index).precision == "admin1"
    assert incident_point(None, None, "SY", index).precision == "country"
    assert incident_point("Nowhere-on-earth", None, None, index) is None
    assert incident_point(None, None, None, index) is None
    # one name, several towns of one country and no province to choose: no point
    springs = [p for p in default_gazetteer().lookup("Springfield") if p.kind == "city" and p.country == "US"]
    assert len({p.admin1 for p in springs}) > 1
    assert incident_point("Springfield", None, "US", index).precision != "town"
    assert incident_point("Springfield", springs[0].admin1_name, "US", index).precision == "town"


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_file_form(fmt, tmp_path, seeds_result, table):
    path = tmp_path / f"ged.{fmt}"
    back_table = seeds_result.to_ged(path)
    pd.testing.assert_frame_equal(back_table, table)
    assert path.is_file()
    if fmt == "csv":
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
        assert list(raw.columns) == list(ged.GED_COLUMNS)
        assert raw.loc[0, "date_start"] == "2016-07-27"
