"""errors="skip" on reconcile and read_reports, and the publication dates read from strings."""
from __future__ import annotations

import datetime as dt
import json
import warnings

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import casualties
from casualties.errors import (CasualtiesError, InputTypeError, InvalidValueError, MissingColumnError,
                               SkippedRowsWarning)
from casualties.input_dates import read_date

TEXT = "Two people were killed in the attack."
GOOD = [{"report_id": "g1", "text": TEXT, "published": "2016-07-27"},
        {"report_id": "g2", "text": "Five soldiers were killed.", "published": "Tue, 26 Jul 2016 22:10:00 GMT"},
        {"report_id": "g3", "text": "Three were wounded.", "published": "27 July 2016"}]


def _bad_rows():
    return [{"report_id": "b1", "text": TEXT, "published": "03/04/2016"},   # ambiguous
            {"report_id": "b2", "text": 7},                                 # not text
            {"report_id": "b3", "text": TEXT, "published": 12.5},           # not a date
            {"text": TEXT}]                                                 # no report_id


def test_skip_keeps_every_good_row_and_names_each_bad_one():
    rows = [GOOD[0], *_bad_rows(), GOOD[1], GOOD[2]]
    with pytest.warns(SkippedRowsWarning) as caught:
        result = casualties.reconcile(rows, cluster=False, errors="skip")
    assert list(result.reports["report_id"]) == ["g1", "g2", "g3"]
    expected = casualties.reconcile(GOOD, cluster=False)
    for frame in ("reports", "claims", "incidents", "ranges", "report_incidents"):
        pd.testing.assert_frame_equal(getattr(result, frame), getattr(expected, frame), obj=frame)
    skipped = result.skipped
    assert list(skipped.columns) == ["row", "report_id", "field", "error"]
    assert list(skipped["row"]) == [1, 2, 3, 4]
    assert list(skipped["report_id"].fillna("-")) == ["b1", "b2", "b3", "-"]
    assert list(skipped["field"]) == ["published", "text", "published", "report_id"]
    message = str(caught[0].message)
    assert "skipped 4 bad rows" in message
    for rid, field in (("b1", "published"), ("b2", "text"), ("b3", "published")):
        assert f"(report {rid!r}), field {field!r}" in message


def test_raise_is_the_default_and_names_row_and_field():
    with pytest.raises(InvalidValueError) as info:
        casualties.reconcile([GOOD[0], _bad_rows()[0]], cluster=False)
    assert info.value.row == "b1" and info.value.field == "published"
    assert "b1" in str(info.value) and "published" in str(info.value) and "ambiguous" in str(info.value)
    with pytest.raises(InputTypeError) as info:
        casualties.reconcile([_bad_rows()[1]], cluster=False)
    assert (info.value.row, info.value.field) == ("b2", "text")


def test_nothing_skipped_gives_an_empty_frame_and_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error", SkippedRowsWarning)
        result = casualties.reconcile(GOOD, cluster=False, errors="skip")
    assert len(result.skipped) == 0 and list(result.skipped.columns) == ["row", "report_id", "field", "error"]
    assert len(casualties.reconcile(GOOD, cluster=False).skipped) == 0


def test_skip_leaves_out_a_row_that_reuses_an_id_with_other_fields():
    rows = [GOOD[0], dict(GOOD[0], text="Nine were killed."), GOOD[0]]
    with pytest.warns(SkippedRowsWarning):
        result = casualties.reconcile(rows, cluster=False, errors="skip")
    assert list(result.reports["n_input_rows"]) == [2]
    assert list(result.skipped["row"]) == [1] and result.skipped["field"].iloc[0] == "report_id"


def test_bad_errors_value():
    with pytest.raises(InvalidValueError, match="errors='ignore'"):
        casualties.reconcile(GOOD, errors="ignore")
    with pytest.raises(InvalidValueError, match="errors"):
        casualties.read_reports("seeds", errors="coerce")


def test_read_reports_skip_on_json_lines(tmp_path):
    path = tmp_path / "r.jsonl"
    lines = [json.dumps(GOOD[0]), "{not json", json.dumps({"report_id": "x"}), "[1, 2]",
             json.dumps({"report_id": "b1", "text": TEXT, "published": "July 2016"}), "", json.dumps(GOOD[1])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InvalidValueError, match="line 2"):
        casualties.read_reports(path)
    with pytest.warns(SkippedRowsWarning) as caught:
        df = casualties.read_reports(path, errors="skip")
    assert list(df["report_id"]) == ["g1", "g2"]
    skipped = df.attrs["skipped"]
    assert list(skipped["row"]) == [2, 3, 4, 5]  # lines of the file
    assert list(skipped["field"].fillna("-")) == ["-", "text", "-", "published"]
    assert "line 2" in str(caught[0].message) and "'published'" in str(caught[0].message)
    result = casualties.reconcile(df, cluster=False)  # what is left reconciles without error
    assert list(result.reports["report_id"]) == ["g1", "g2"]


def test_read_reports_skip_on_csv(tmp_path):
    path = tmp_path / "r.csv"
    pd.DataFrame([GOOD[0], {"report_id": "b1", "text": TEXT, "published": "03/04/2016"}, GOOD[2]]).to_csv(
        path, index=False)
    with pytest.warns(SkippedRowsWarning):
        df = casualties.read_reports(path, errors="skip")
    assert list(df["report_id"]) == ["g1", "g3"]
    assert df.attrs["skipped"][["row", "report_id", "field"]].values.tolist() == [[1, "b1", "published"]]
    with pytest.raises(MissingColumnError):  # a problem with the whole file raises either way
        (tmp_path / "bad.csv").write_text("id,body\n1,x\n")
        casualties.read_reports(tmp_path / "bad.csv", errors="skip")


def test_skip_is_refused_on_dask():
    dd = pytest.importorskip("dask.dataframe")
    frame = dd.from_pandas(pd.DataFrame(GOOD), npartitions=1)
    with pytest.raises(InvalidValueError, match="Dask"):
        casualties.reconcile(frame, errors="skip")


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize("text, day", [
    ("2016-07-27", dt.date(2016, 7, 27)),
    ("2016-07-27T23:30:00-05:00", dt.date(2016, 7, 27)),
    ("Tue, 26 Jul 2016 22:10:00 GMT", dt.date(2016, 7, 26)),
    ("Tue, 26 Jul 2016 22:10:00 +0000", dt.date(2016, 7, 26)),
    ("July 27, 2016", dt.date(2016, 7, 27)),
    ("27 July 2016", dt.date(2016, 7, 27)),
    ("Wednesday, 27 July 2016", dt.date(2016, 7, 27)),
    ("Jul. 27, 2016, 10:04 a.m.", dt.date(2016, 7, 27)),
    ("13/04/2016", dt.date(2016, 4, 13)),
    ("04/13/2016", dt.date(2016, 4, 13)),
    ("2016/04/03", dt.date(2016, 4, 3)),
    ("05.05.2016", dt.date(2016, 5, 5)),
])
def test_common_date_forms_are_read(text, day):
    assert read_date(text) == day


@pytest.mark.parametrize("text, why", [
    ("03/04/2016", "ambiguous"), ("3-4-2016", "ambiguous"), ("03.04.2016", "ambiguous"),
    ("7/27/16", "four digits"), ("July 2016", "day"), ("2016", "day"), ("last Tuesday", "cannot read"),
    ("10:04", "day"), ("", "cannot read"),
])
def test_dates_that_would_be_guesses_are_refused(text, why):
    with pytest.raises(InvalidValueError, match=why) as info:
        read_date(text, "field 'published' in row 'r'")
    assert str(info.value).startswith("field 'published' in row 'r'")


@given(st.text(max_size=40) | st.from_regex(r"\d{1,40}[/.-]\d{1,40}[/.-]\d{1,40}", fullmatch=True))
def test_read_date_answers_a_date_or_invalid_value_error_on_any_string(text):
    try:
        assert isinstance(read_date(text), dt.date)
    except InvalidValueError:
        pass


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_day_reads_back_from_its_rss_and_long_forms(day):
    for text in (day.strftime("%a, %d %b %Y 12:00:00 GMT"), day.strftime("%B %d, %Y"), day.strftime("%d %B %Y"),
                 day.isoformat()):
        assert read_date(text) == day, text


def test_errors_are_casualties_errors_and_builtins():
    with pytest.raises(CasualtiesError):
        read_date("03/04/2016")
    with pytest.raises(ValueError):
        read_date("03/04/2016")
