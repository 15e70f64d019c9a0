"""The public API of design §5: an explicit ``__all__``, frozen validated ``Claim``s and
result frames with the documented columns and dtypes."""
from __future__ import annotations

import datetime as dt
import inspect
import types

import attrs
import pandas as pd
import pytest

import casualties
from casualties import Claim

# Adding a public name to the package is a decision: update this set with it.
EXPECTED_ALL = {
    "extract_claims", "reconcile", "read_reports", "count_candidate_pairs", "Claim", "Report", "Result",
    "CATEGORIES", "QUALIFIERS", "VICTIM_GROUPS", "BEST_POLICIES", "errors", "frames",
}

SEED = pd.DataFrame({
    "report_id": ["r1", "r2", "r3"],
    "text": [
        "A car bomb killed at least 44 people and wounded dozens in Qamishli on Wednesday.",
        "Gunmen kidnapped 3 aid workers. The war has killed more than 380,000 people since 2011.",
        "Nothing happened today.",
    ],
    "source": ["AP", None, "Reuters"],
    "published": ["2016-07-27", dt.date(2023, 2, 20), None],
})


# --------------------------------------------------------------------------------------
# __all__


def test_all_is_exactly_the_public_names():
    assert len(casualties.__all__) == len(set(casualties.__all__)), "duplicates in __all__"
    assert set(casualties.__all__) == EXPECTED_ALL
    for name in casualties.__all__:
        assert hasattr(casualties, name), name


def test_every_public_attribute_is_in_all():
    public = {name for name, obj in vars(casualties).items()
              if not name.startswith("_") and not isinstance(obj, types.ModuleType)}
    assert public <= EXPECTED_ALL, f"public names missing from __all__: {sorted(public - EXPECTED_ALL)}"
    # the only module exported on purpose is `errors`
    assert isinstance(casualties.errors, types.ModuleType)


def test_public_callables_are_the_right_objects():
    assert inspect.isfunction(casualties.extract_claims)
    assert inspect.isfunction(casualties.reconcile)
    assert inspect.isfunction(casualties.read_reports)
    for name in ("Claim", "Report", "Result"):
        assert inspect.isclass(getattr(casualties, name)), name
    assert casualties.CATEGORIES == ("killed", "injured", "missing", "kidnapped", "captured")
    assert set(casualties.QUALIFIERS) >= {"exact", "at_least", "more_than", "up_to", "at_most",
                                           "about", "between", "vague"}
    assert {"default", "ibc", "ucdp", "acled"} <= set(casualties.BEST_POLICIES)


def test_star_import_gives_exactly_all():
    ns: dict = {}
    exec("from casualties import *", ns)
    assert {k for k in ns if not k.startswith("__")} == EXPECTED_ALL


# --------------------------------------------------------------------------------------
# Claim


def _claim(**kw):
    base = dict(category="killed", low=44, high=None, value=44, qualifier="at_least",
                start=0, end=11, quote="at least 44", stated=(44,))
    base.update(kw)
    return Claim(**base)


def test_claim_is_frozen_and_slotted():
    c = _claim()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        c.low = 1
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        c.category = "injured"
    with pytest.raises((AttributeError, attrs.exceptions.FrozenInstanceError)):
        c.new_attribute = 1
    assert not hasattr(c, "__dict__")
    assert hash(c) == hash(_claim()) and c == _claim()


def test_extracted_claims_are_frozen():
    (c, *_) = casualties.extract_claims("A car bomb killed at least 44 people.")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        c.high = 50


@pytest.mark.parametrize("kw, field", [
    (dict(low=50, high=44), "high"),
    (dict(low=-1, high=None), "low"),
    (dict(low=0, high=-1), "high"),
    (dict(value=-3), "value"),
    (dict(quote="at least 4"), "quote"),
    (dict(quote="at least 444"), "quote"),
    (dict(start=5, end=4, quote=""), "end"),
    (dict(category="dead"), "category"),
    (dict(qualifier="roughly"), "qualifier"),
])
def test_claim_validates(kw, field):
    with pytest.raises(ValueError) as info:
        _claim(**kw)
    assert field in str(info.value), str(info.value)


def test_claim_validates_types():
    with pytest.raises(TypeError):
        _claim(low="44")
    with pytest.raises(TypeError):
        _claim(high=50.0)


def test_evolve_validates():
    c = _claim(low=44, high=50, qualifier="between", value=None, stated=(44, 50))
    assert attrs.evolve(c, high=60).high == 60
    with pytest.raises(ValueError):
        attrs.evolve(c, high=10)


# --------------------------------------------------------------------------------------
# result frames

REPORT_COLUMNS = ["report_id", "incident_id", "source", "published", "n_claims"]
CLAIM_COLUMNS = ["report_id", "incident_id", "category", "low", "high", "value", "qualifier",
                 "victims", "start", "end", "quote", "source", "cited_source", "counted"]
INCIDENT_COLUMNS = ["incident_id", "date", "n_reports"]
RANGE_COLUMNS = ["incident_id", "category", "victims", "low", "best", "high", "consistent",
                 "n_claims", "n_sources", "claims"]


@pytest.fixture(scope="module")
def result():
    return casualties.reconcile(SEED, cluster=False)


@pytest.fixture(scope="module")
def empty_result():
    return casualties.reconcile(pd.DataFrame({"report_id": ["x"], "text": ["Nothing happened."]}),
                                cluster=False)


def test_result_is_a_value_with_four_frames(result):
    for name in ("reports", "claims", "incidents", "ranges"):
        assert isinstance(getattr(result, name), pd.DataFrame), name
    assert isinstance(result, casualties.Result)
    assert result.policy == "default"


@pytest.mark.parametrize("frame, columns", [
    ("reports", REPORT_COLUMNS), ("claims", CLAIM_COLUMNS),
    ("incidents", INCIDENT_COLUMNS), ("ranges", RANGE_COLUMNS),
])
def test_documented_columns(result, empty_result, frame, columns):
    for r in (result, empty_result):
        missing = [c for c in columns if c not in getattr(r, frame).columns]
        assert not missing, f"{frame} lacks {missing}"


@pytest.mark.parametrize("frame, columns", [
    ("claims", ["low", "high", "value", "start", "end"]),
    ("ranges", ["low", "best", "high", "n_claims", "n_sources"]),
    ("reports", ["n_claims"]),
    ("incidents", ["n_reports"]),
])
def test_numbers_are_nullable_int64(result, empty_result, frame, columns):
    for r in (result, empty_result):
        df = getattr(r, frame)
        for col in columns:
            assert df[col].dtype == "Int64", f"{frame}.{col} is {df[col].dtype}"


def test_dates_are_datetime64_days_with_nat_missing(result, empty_result):
    for r in (result, empty_result):
        for frame, col in (("reports", "published"), ("claims", "published"), ("incidents", "date"),
                           ("report_incidents", "date")):
            assert getattr(r, frame)[col].dtype == "datetime64[s]", f"{frame}.{col}"
    assert list(result.reports["published"]) == [pd.Timestamp(2016, 7, 27), pd.Timestamp(2023, 2, 20), pd.NaT]
    assert (result.reports["published"].dt.normalize().dropna() == result.reports["published"].dropna()).all()


def test_all_victims_row_has_na_victims(result):
    r = result.ranges
    all_rows = r[r["victims"].isna()]
    assert len(all_rows) >= 1
    assert not all_rows.duplicated(["incident_id", "category"]).any()
    groups = r.loc[r["victims"].notna(), "victims"]
    assert set(groups) <= set(casualties.VICTIM_GROUPS)
    # every group row has its all-victims row
    for row in r[r["victims"].notna()].itertuples():
        assert ((all_rows["incident_id"] == row.incident_id) & (all_rows["category"] == row.category)).any()


def test_background_claim_has_missing_incident(result):
    c = result.claims
    bg = c[c["background"]]
    assert len(bg) == 1 and "380,000" in bg["quote"].iloc[0]
    assert bg["incident_id"].isna().all()
    assert c.loc[~c["background"], "incident_id"].notna().all()


def test_every_report_once(result):
    assert list(result.reports["report_id"]) == ["r1", "r2", "r3"]
    assert list(result.reports["n_claims"]) == [2, 2, 0]


def test_frame_dtypes_do_not_depend_on_the_rows(result, empty_result):
    # A column's dtype should be the same whether a result has rows, NA-only cells or values,
    # so results of several batches concatenate cleanly.
    for name in ("claims", "ranges"):
        full, empty = getattr(result, name), getattr(empty_result, name)
        assert len(empty) == 0
        diff = {c: (str(empty[c].dtype), str(full[c].dtype)) for c in empty.columns
                if empty[c].dtype != full[c].dtype}
        assert not diff, f"{name}: dtypes differ between an empty and a full result: {diff}"
