"""casualties.Store: a living casualty database (issue 15).

- equivalence: whatever the batches and their order, the store's result equals
  :func:`casualties.reconcile` of every report it holds (incident ids aside), and so equals the
  store filled in one batch;
- stable ids and revisions: the seed 000 -> 002 Qamishli update keeps the incident id and
  records the killed range moving, caused by seed 002;
- reliability: a process killed inside an add leaves the store as it was; a second writing
  process gets StoreLockedError; a newer schema is refused naming both versions.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

import casualties
from casualties import strategies as cst
from casualties.errors import (InputTypeError, InvalidValueError, MissingColumnError, MissingDependencyError,
                               StoreLockedError, StoreVersionError)
from casualties.io import read_reports
from casualties.store_frames import assign_ids, with_reconcile_ids

ROOT = Path(__file__).resolve().parent.parent
SEEDS = read_reports(ROOT / "seeds")
FRAMES = ("reports", "claims", "incidents", "ranges", "report_incidents")


def assert_same(a: casualties.Result, b: casualties.Result) -> None:
    a, b = with_reconcile_ids(a), with_reconcile_ids(b)
    for name in FRAMES:
        assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def _seed(*ids):
    return SEEDS[SEEDS["report_id"].isin([f"seed-{i}" for i in ids])]


# --------------------------------------------------------------------------- the Qamishli update


def test_seed_002_moves_the_qamishli_killed_range_under_the_same_id(tmp_path):
    with casualties.Store(tmp_path / "s.duckdb") as store:
        first = store.add(_seed("000"))
        assert (first.added, first.incidents_touched) == (1, 1)
        iid = store.result().reports.set_index("report_id").loc["seed-000", "incident_id"]
        second = store.add(_seed("002"))
        assert second.added == 1
        result = store.result()
        assert set(result.reports["incident_id"]) == {iid}  # 002 joined; the id did not change
        moved = store.changes(since=first.batch)
        killed = moved[(moved["category"] == "killed") & moved["victims"].isna()]
        assert len(killed) == 1
        row = killed.iloc[0]
        assert row["incident_id"] == iid
        assert (row["old_low"], row["old_best"], row["old_high"], row["old_consensus_low"]) == (44, 44, 44, 44)
        assert (row["new_low"], row["new_best"], row["new_high"]) == (44, 50, 50)
        assert row["reports"] == "seed-002"
        assert row["claims"] and all(c.startswith("seed-002:") for c in row["claims"].split(";"))
        assert_same(result, casualties.reconcile(_seed("000", "002")))


def test_changes_since_date_batch_and_bad_values(tmp_path):
    with casualties.Store(tmp_path / "s.duckdb") as store:
        store.add(_seed("000"))
        all_changes = store.changes()
        assert set(all_changes["note"]) == {"new incident"}
        assert all_changes["old_best"].isna().all()
        assert len(store.changes(since=pd.Timestamp.now("UTC") + pd.Timedelta(days=1))) == 0
        assert len(store.changes(since="2000-01-01")) == len(all_changes)
        assert len(store.changes(since=1)) == 0
        with pytest.raises(InvalidValueError, match="since"):
            store.changes(since=[1])


# --------------------------------------------------------------------------- equivalence


@pytest.mark.parametrize("order", [["000", "001", "002", "003", "004"], ["004", "002", "003", "000", "001"]])
def test_seeds_one_by_one_remove_and_re_add_equal_reconcile(tmp_path, store_size, order):
    with casualties.Store(tmp_path / "s.duckdb") as store:
        for i in order:
            store.add(_seed(i))
        assert_same(store.result(), casualties.reconcile(SEEDS))
        ids_before = store.result().reports.set_index("report_id")["incident_id"]
        gone = store.remove(["seed-002"])
        assert gone.removed == 1
        assert_same(store.result(), casualties.reconcile(SEEDS[SEEDS["report_id"] != "seed-002"]))
        removed = store.changes(since=gone.batch - 1)
        assert (removed["reports"] == "seed-002").all() and len(removed)
        store.add(_seed("002"))
        assert_same(store.result(), casualties.reconcile(SEEDS))
        # every incident kept its id through the removal and the re-add
        assert store.result().reports.set_index("report_id")["incident_id"].equals(ids_before)


def test_identical_re_add_is_a_no_op_and_a_corrected_report_replaces(tmp_path, store_size):
    with casualties.Store(tmp_path / "s.duckdb") as store:
        store.add(SEEDS)
        again = store.add(SEEDS)
        assert (again.added, again.replaced, again.unchanged, again.revisions) == (0, 0, 5, 0)
        fixed = SEEDS.copy()
        row = fixed.index[fixed["report_id"] == "seed-002"][0]
        fixed.loc[row, "text"] = fixed.loc[row, "text"].replace("At least 50", "At least 53")
        batch = store.add(fixed[fixed["report_id"] == "seed-002"])
        assert (batch.added, batch.replaced) == (0, 1)
        assert_same(store.result(), casualties.reconcile(fixed))
        killed = store.changes(since=batch.batch - 1)
        killed = killed[(killed["category"] == "killed") & killed["victims"].isna()]
        assert list(killed["new_high"]) == [53] and list(killed["old_high"]) == [50]


def _corpora():
    one = cst.incidents(min_reports=1, max_reports=3, with_traps=False, max_value=60)

    @st.composite
    def corpus(draw):
        reports = []
        for k, inc in enumerate(draw(st.lists(one, min_size=1, max_size=3))):
            for r in inc.reports:
                reports.append(dict(r, report_id=f"i{k}-{r['report_id']}"))
        batch_of = draw(st.lists(st.integers(0, 3), min_size=len(reports), max_size=len(reports)))
        order = draw(st.permutations(range(4)))
        return reports, batch_of, order
    return corpus()


@pytest.fixture(params=["small", "large"])
def store_size(request, monkeypatch):
    """"small": the store is below NAME_REFERENCE_REPORTS, every add scores every pair again;
    "large": the reference is lowered to 3 reports (for reconcile too), so every add past the
    second report is incremental, as in a store of more than 2,000 reports."""
    if request.param == "large":
        import casualties.compare
        import casualties.store

        monkeypatch.setattr(casualties.compare, "NAME_REFERENCE_REPORTS", 3)
        monkeypatch.setattr(casualties.store, "NAME_REFERENCE_REPORTS", 3)
    return request.param


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                  HealthCheck.function_scoped_fixture])
@given(_corpora())
def test_any_batching_in_any_order_ends_as_one_reconcile(tmp_path_factory, store_size, drawn):
    reports, batch_of, order = drawn
    path = tmp_path_factory.mktemp("store") / "s.duckdb"
    with casualties.Store(path) as store:
        for b in order:
            batch = [r for r, k in zip(reports, batch_of) if k == b]
            if batch:
                store.add(batch)
        assert_same(store.result(), casualties.reconcile(reports))
        gone = [r["report_id"] for r, k in zip(reports, batch_of) if k == order[0]]
        left = [r for r, k in zip(reports, batch_of) if k != order[0]]
        if gone and left:  # and removing the first batch again gives reconcile of the rest
            store.remove(gone)
            assert_same(store.result(), casualties.reconcile(left))


# --------------------------------------------------------------------------- ids


def test_assign_ids_keeps_the_largest_overlap_and_names_new_clusters():
    old = {"a": "inc-a", "b": "inc-a", "c": "inc-c", "d": "inc-c", "e": "inc-c"}
    # inc-a and inc-c merged: the larger part (inc-c) keeps its id
    assert assign_ids([["a", "b", "c", "d", "e"]], old, lambda n: False) == ["inc-c"]
    # inc-c split: the larger part keeps the id, the other is named after its smallest report
    ids = assign_ids([["c"], ["d", "e"]], old, lambda n: False)
    assert ids == ["inc-c~2", "inc-c"]  # inc-c (its own old name) was issued: a suffix
    assert assign_ids([["x", "y"]], {}, lambda n: False) == ["inc-x"]
    assert assign_ids([["x", "y"]], {}, lambda n: n == "inc-x") == ["inc-x~2"]


# --------------------------------------------------------------------------- errors and versions


def test_bad_input_names_the_row_and_leaves_the_store_unchanged(tmp_path):
    with casualties.Store(tmp_path / "s.duckdb") as store:
        store.add(_seed("000"))
        with pytest.raises(MissingColumnError):
            store.add([{"report_id": "x"}])
        with pytest.raises(InputTypeError, match="text"):
            store.add([{"report_id": "x", "text": 5}])
        with pytest.raises(InvalidValueError, match="nope"):
            store.remove(["nope"])
        with pytest.raises(InputTypeError, match=r"report_ids\[0\]"):
            store.remove([3])
        assert store.n_reports == 1
        assert_same(store.result(), casualties.reconcile(_seed("000")))


def test_policy_is_fixed_at_creation(tmp_path):
    casualties.Store(tmp_path / "s.duckdb", policy="ucdp").close()
    with casualties.Store(tmp_path / "s.duckdb") as store:
        assert store.policy == "ucdp"
    with pytest.raises(InvalidValueError, match="created with policy='ucdp'"):
        casualties.Store(tmp_path / "s.duckdb", policy="ibc")
    with pytest.raises(InvalidValueError, match="policy"):
        casualties.Store(tmp_path / "t.duckdb", policy="median")


def test_a_newer_schema_is_refused_naming_both_versions(tmp_path):
    import duckdb

    casualties.Store(tmp_path / "s.duckdb").close()
    con = duckdb.connect(str(tmp_path / "s.duckdb"))
    con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'").fetchall()
    con.execute("UPDATE meta SET value = '9.9' WHERE key = 'written_by'").fetchall()
    con.close()
    with pytest.raises(StoreVersionError, match=r"schema version 99 \(written by casualties 9\.9\).*"
                                                 r"casualties " + casualties.__version__.replace(".", r"\.")):
        casualties.Store(tmp_path / "s.duckdb")
    con = duckdb.connect(str(tmp_path / "other.duckdb"))
    con.execute("CREATE TABLE t (x INTEGER)").fetchall()
    con.close()
    with pytest.raises(StoreVersionError, match="not a casualty store"):
        casualties.Store(tmp_path / "other.duckdb")


def test_without_duckdb_a_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "duckdb", None)
    with pytest.raises(MissingDependencyError, match=r"casualties\[store\]"):
        casualties.Store
    assert issubclass(MissingDependencyError, ImportError)


# --------------------------------------------------------------------------- processes

_CHILD = textwrap.dedent("""
    import sys, time
    import casualties
    from casualties import store_frames
    from casualties.io import read_reports
    path, flag, mode = sys.argv[1:4]
    store = casualties.Store(path)
    if mode == "hold":
        open(flag, "w").close()
        time.sleep(60)
    rewrite = store_frames.FrameWriter.rewrite
    def slow(self, *a, **k):
        out = rewrite(self, *a, **k)   # every table written, not committed
        open(flag, "w").close()
        time.sleep(60)
        return out
    store_frames.FrameWriter.rewrite = slow
    seeds = read_reports(sys.argv[4])
    store.add(seeds[seeds["report_id"] != "seed-000"])
""")


def _child(tmp_path, mode):
    flag = tmp_path / f"{mode}.flag"
    proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(tmp_path / "s.duckdb"), str(flag), mode,
                             str(ROOT / "seeds")], cwd=ROOT)
    deadline = time.time() + 120
    while not flag.exists():
        assert proc.poll() is None, "the child process ended early"
        assert time.time() < deadline, "the child never signalled"
        time.sleep(0.05)
    return proc


def test_a_process_killed_inside_an_add_leaves_the_store_as_it_was(tmp_path):
    with casualties.Store(tmp_path / "s.duckdb") as store:
        store.add(_seed("000"))
        before, changes = store.result(), store.changes()
    proc = _child(tmp_path, "crash")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with casualties.Store(tmp_path / "s.duckdb") as store:
        assert store.n_reports == 1
        assert_same(store.result(), before)
        assert_frame_equal(store.changes(), changes)
        store.add(SEEDS)  # and it still works
        assert_same(store.result(), casualties.reconcile(SEEDS))


def test_a_second_writing_process_gets_a_clear_error(tmp_path):
    casualties.Store(tmp_path / "s.duckdb").close()
    proc = _child(tmp_path, "hold")
    try:
        with pytest.raises(StoreLockedError, match="another process"):
            casualties.Store(tmp_path / "s.duckdb")
        assert issubclass(StoreLockedError, OSError)
    finally:
        proc.kill()
        proc.wait()
    with casualties.Store(tmp_path / "s.duckdb") as store:  # free again once the writer is gone
        assert store.n_reports == 0


def test_cli_add_changes_export(tmp_path, capsys):
    from casualties.cli import main

    for i in ("000", "002"):
        _seed(i).to_csv(tmp_path / f"{i}.csv", index=False)
    store = str(tmp_path / "s.duckdb")
    assert main(["add", store, str(tmp_path / "000.csv")]) == 0
    assert main(["add", store, str(tmp_path / "002.csv")]) == 0
    out = capsys.readouterr().out
    assert "inc-seed-000  killed: 44-44 (at least 44) -> 44-50 (at least 50); best 44 -> 50; caused by seed-002" in out
    assert main(["changes", store, "--since", "1"]) == 0
    assert capsys.readouterr().out.count("\n") == 1
    assert main(["export", store, str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "ranges.csv").exists()
    assert main(["changes", str(tmp_path / "missing" / "x.duckdb")]) == 2


def test_cli_add_quiet_and_from_stdin(tmp_path, capsys, monkeypatch):
    import io
    import sys

    from casualties.cli import main

    data = _seed("000").to_csv(index=False).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert main(["add", str(tmp_path / "s.duckdb"), "-", "--quiet"]) == 0
    assert capsys.readouterr() == ("", "")
    with casualties.Store(tmp_path / "s.duckdb", create=False) as store:
        assert store.n_reports == 1
