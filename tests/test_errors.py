"""Bad input gets a clear exception from ``casualties.errors`` (design §5, docs/errors.md):
a subclass of both ``CasualtiesError`` and the matching builtin, naming the row and the
field; one bad row never loses the others silently."""
from __future__ import annotations

import datetime as dt
import inspect
import math

import numpy as np
import pandas as pd
import pytest

import casualties
from casualties import errors
from casualties.errors import (
    CasualtiesError,
    DuplicateReportError,
    InputTypeError,
    InvalidValueError,
    MissingColumnError,
)

TEXT = "A car bomb killed at least 44 people in Qamishli."

# The builtin each error extends.  A new error class in casualties.errors must be added here.
BUILTIN_BASE = {
    "InputTypeError": TypeError,
    "MissingColumnError": KeyError,
    "DuplicateReportError": ValueError,
    "InvalidValueError": ValueError,
    "LexiconError": ValueError,
    "MissingDependencyError": ImportError,
    "StoreLockedError": BlockingIOError,
    "StoreVersionError": RuntimeError,
}
WARNING_NAMES = ["CasualtiesWarning", "MissingDateWarning", "SkippedRowsWarning"]
ERROR_NAMES = [n for n in errors.__all__ if n != "CasualtiesError" and n not in WARNING_NAMES]


def _reconcile(df, **kw):
    kw.setdefault("cluster", False)
    return casualties.reconcile(df, **kw)


# --------------------------------------------------------------------------------------
# the hierarchy


def test_every_error_class_is_listed():
    classes = {name for name, obj in vars(errors).items()
               if inspect.isclass(obj) and issubclass(obj, BaseException) and obj.__module__ == errors.__name__}
    assert classes == set(errors.__all__)
    assert {n for n in classes if issubclass(getattr(errors, n), Warning)} == set(WARNING_NAMES)
    assert "CasualtiesError" in classes
    assert CasualtiesError.__bases__ == (Exception,)


@pytest.mark.parametrize("name", ERROR_NAMES)
def test_error_subclasses_casualties_error_and_builtin(name):
    assert name in BUILTIN_BASE, f"new error class {name}: say which builtin it extends in BUILTIN_BASE"
    builtin = BUILTIN_BASE[name]
    cls = getattr(errors, name)
    assert issubclass(cls, CasualtiesError)
    assert issubclass(cls, builtin)
    with pytest.raises(builtin):
        raise cls("x")
    with pytest.raises(CasualtiesError):
        raise cls("x")


@pytest.mark.parametrize("name", WARNING_NAMES)
def test_warnings_are_user_warnings_of_their_own(name):
    cls = getattr(errors, name)
    assert issubclass(cls, errors.CasualtiesWarning) and issubclass(cls, UserWarning)
    assert not issubclass(cls, CasualtiesError)


def test_missing_column_error_prints_its_message_unquoted():
    assert str(MissingColumnError("missing column 'text'")) == "missing column 'text'"


# --------------------------------------------------------------------------------------
# extract_claims


@pytest.mark.parametrize("bad", [b"killed 5 people", None, 5, ["killed 5"], bytearray(b"x")])
def test_extract_claims_rejects_non_str(bad):
    with pytest.raises(InputTypeError) as info:
        casualties.extract_claims(bad)
    assert isinstance(info.value, TypeError)
    assert type(bad).__name__ in str(info.value)


def test_extract_claims_rejects_bad_published_and_vague_policy():
    with pytest.raises(InvalidValueError, match="published"):
        casualties.extract_claims(TEXT, "not a date")
    with pytest.raises(InvalidValueError, match="vague_policy"):
        casualties.extract_claims(TEXT, vague_policy="nonsense")
    with pytest.raises(InvalidValueError, match="vague_policy"):  # even when nothing is found
        casualties.extract_claims("", vague_policy="nonsense")


# --------------------------------------------------------------------------------------
# reconcile: columns, types, duplicates, values


@pytest.mark.parametrize("missing", ["report_id", "text"])
def test_missing_required_column(missing):
    df = pd.DataFrame({"report_id": ["a"], "text": [TEXT]}).drop(columns=missing)
    with pytest.raises(MissingColumnError) as info:
        _reconcile(df)
    assert isinstance(info.value, KeyError)
    assert repr(missing) in str(info.value)


@pytest.mark.parametrize("missing", ["report_id", "text"])
def test_missing_required_field_in_mapping_rows(missing):
    row = {"report_id": "a", "text": TEXT}
    del row[missing]
    with pytest.raises(MissingColumnError, match=missing):
        _reconcile([{"report_id": "ok", "text": TEXT}, row])


@pytest.mark.parametrize("bad_text", [None, 5, b"killed 5 people", float("nan"), ["x"]])
def test_non_str_text_names_report_and_field(bad_text):
    df = pd.DataFrame({"report_id": ["good", "bad-1"], "text": [TEXT, bad_text]})
    with pytest.raises(InputTypeError) as info:
        _reconcile(df)
    msg = str(info.value)
    assert "bad-1" in msg and "'text'" in msg, msg
    assert isinstance(info.value, TypeError)


def test_duplicate_report_ids_are_named():
    # rows that share a report_id but differ: an error naming the ids (and only those)
    df = pd.DataFrame({"report_id": ["a", "dup-x", "b", "dup-x", "dup-y", "dup-y"],
                       "text": [TEXT, TEXT, TEXT, TEXT + " Later.", TEXT, "Another text."]})
    with pytest.raises(DuplicateReportError) as info:
        _reconcile(df)
    msg = str(info.value)
    assert "dup-x" in msg and "dup-y" in msg, msg
    assert "'a'" not in msg and "'b'" not in msg
    assert isinstance(info.value, ValueError)


def test_ids_equal_as_strings_are_duplicates():
    with pytest.raises(DuplicateReportError, match="7"):
        _reconcile([{"report_id": 7, "text": TEXT}, {"report_id": "7", "text": "Another text."}])


def test_identical_repeated_rows_collapse_into_one_report():
    # the same article listed twice is one report, counted in n_input_rows (reports.py)
    df = pd.DataFrame({"report_id": ["a", "b", "a"], "text": [TEXT, "Another text.", TEXT]})
    result = _reconcile(df)
    assert list(result.reports["report_id"]) == ["a", "b"]
    assert list(result.reports["n_input_rows"]) == [2, 1]
    assert (result.claims["report_id"] == "a").sum() == len(casualties.extract_claims(TEXT))


@pytest.mark.parametrize("bad", ["yesterday", "2016-13-45", "03/04/2016", "7/27/16", "July 2016", "27.07.16"])
def test_unparseable_published_names_field_and_row(bad):
    df = pd.DataFrame({"report_id": ["ok", "row-with-bad-date"], "text": [TEXT, TEXT],
                       "published": ["2016-07-27", bad]})
    with pytest.raises(InvalidValueError) as info:
        _reconcile(df)
    msg = str(info.value)
    assert "published" in msg and "row-with-bad-date" in msg, msg
    assert isinstance(info.value, ValueError)


def test_published_of_wrong_type_is_an_input_type_error():
    with pytest.raises(InputTypeError, match="published"):
        _reconcile([{"report_id": "a", "text": TEXT, "published": 20160727}])


@pytest.mark.parametrize("policy", ["nonsense", "", "DEFAULT", None])
def test_bad_policy(policy):
    with pytest.raises(InvalidValueError, match="policy"):
        _reconcile(pd.DataFrame({"report_id": ["a"], "text": [TEXT]}), policy=policy)


def test_bad_vague_policy():
    with pytest.raises(InvalidValueError, match="vague_policy"):
        _reconcile(pd.DataFrame({"report_id": ["a"], "text": [TEXT]}), vague_policy="nonsense")


def test_bad_vague_policy_is_rejected_whatever_the_data():
    # A bad argument must not depend on the data to be noticed: with no reports (or reports
    # whose text has no casualty word) an unknown vague_policy still raises.
    with pytest.raises(InvalidValueError, match="vague_policy"):
        _reconcile(pd.DataFrame({"report_id": [], "text": []}), vague_policy="nonsense")


@pytest.mark.parametrize("reports", ["killed 5 people", b"bytes", {"report_id": "a", "text": TEXT}, 42])
def test_reports_of_wrong_type(reports):
    with pytest.raises(InputTypeError):
        _reconcile(reports)


def test_bad_row_is_not_dropped_silently():
    # a valid row after a bad one: the call raises instead of returning the good rows only
    rows = [{"report_id": "good-1", "text": TEXT}, {"report_id": "bad", "text": None},
            {"report_id": "good-2", "text": TEXT}]
    with pytest.raises(InputTypeError, match="bad"):
        _reconcile(rows)
    df = pd.DataFrame({"report_id": ["good-1", "bad", "good-2"], "text": [TEXT, TEXT, TEXT],
                       "published": ["2016-07-27", "garbage", "2016-07-28"]})
    with pytest.raises(InvalidValueError, match="bad"):
        _reconcile(df)


# --------------------------------------------------------------------------------------
# published: the accepted forms


@pytest.mark.parametrize("published, expected", [
    (dt.date(2016, 7, 27), dt.date(2016, 7, 27)),
    (dt.datetime(2016, 7, 27, 23, 59), dt.date(2016, 7, 27)),
    (pd.Timestamp("2016-07-27 10:00"), dt.date(2016, 7, 27)),
    (pd.Timestamp("2016-07-27 10:00", tz="UTC"), dt.date(2016, 7, 27)),
    ("2016-07-27", dt.date(2016, 7, 27)),
    ("2016-07-27T10:00:00", dt.date(2016, 7, 27)),
    ("2016-07-27T10:00:00Z", dt.date(2016, 7, 27)),
    (" 2016-07-27 ", dt.date(2016, 7, 27)),
    ("Wed, 27 Jul 2016 22:10:00 GMT", dt.date(2016, 7, 27)),  # RFC 2822, as RSS gives it
    ("Wed, 27 Jul 2016 01:10:00 +0300", dt.date(2016, 7, 27)),  # the day as written, in its zone
    ("July 27, 2016", dt.date(2016, 7, 27)),
    ("27 July 2016", dt.date(2016, 7, 27)),
    ("Jul 27 2016 3:04 PM EDT", dt.date(2016, 7, 27)),
    ("27/07/2016", dt.date(2016, 7, 27)),  # only one order is a date
    ("2016/07/27", dt.date(2016, 7, 27)),
    ("04/04/2016", dt.date(2016, 4, 4)),  # both orders give the same day
    (None, None),
    (float("nan"), None),
    (pd.NaT, None),
    (pd.NA, None),
    ("", None),
])
def test_published_accepted_forms(published, expected):
    rows = [{"report_id": "a", "text": TEXT, "published": published}]
    result = _reconcile(rows)
    assert result.reports["published"].dtype == "datetime64[s]"
    got = result.reports["published"].iloc[0]
    if expected is None:
        assert got is pd.NaT
    else:
        assert got == pd.Timestamp(expected)
    # extract_claims takes the same forms
    assert casualties.extract_claims(TEXT, published)


def test_published_column_of_datetime64_dtype():
    df = pd.DataFrame({"report_id": ["a", "b"], "text": [TEXT, TEXT],
                       "published": pd.to_datetime(["2016-07-27", None])})
    assert df["published"].dtype.kind == "M"
    result = _reconcile(df)
    assert list(result.reports["published"].iloc[:1]) == [pd.Timestamp(2016, 7, 27)]
    assert result.reports["published"].iloc[1] is pd.NaT


def test_optional_columns_may_be_missing_or_nan():
    df = pd.DataFrame({"report_id": ["a", "b"], "text": [TEXT, TEXT],
                       "source": ["AP", np.nan], "title": [None, "t"], "url": [math.nan, None]})
    result = _reconcile(df)
    assert list(result.reports["report_id"]) == ["a", "b"]
