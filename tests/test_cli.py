"""The command line: ``casualties claims`` / ``casualties reconcile`` and ``python -m casualties``."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import casualties
from casualties import cli, frames

SEEDS = Path(__file__).parents[1] / "seeds"
#: The ranges columns design §5 documents (the frame has more: attribution columns).
DOCUMENTED_RANGE_COLUMNS = ["incident_id", "category", "victims", "low", "best", "high", "consistent",
                            "n_claims", "n_sources"]


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- claims

def test_claims_on_seeds(capsys):
    code, out, err = run(capsys, "claims", SEEDS)
    assert code == 0, err
    assert "at least 44" in out  # seed 000: "killed at least 44 people"
    assert "seed-000 | source: AP wire copy (republisher unknown) | published: 2016-07-27" in out
    line = next(ln for ln in out.splitlines() if '"killed at least 44 people"' in ln)
    assert "killed" in line and "[44, open)" in line and "at least" in line and "[109:134]" in line
    assert "seed-004" in out and "no casualty claims found" in out  # a report without claims is still listed
    assert "background" in out and "list part" in out  # flags


def test_claims_columns_are_aligned(capsys):
    _, out, _ = run(capsys, "claims", SEEDS)
    block = out.split("\n\n")[0].splitlines()
    header, rows = block[1], block[2:]
    start = header.index("quote")
    assert all(r[start] == '"' for r in rows)


def test_claims_vague_policy(capsys):
    _, design, _ = run(capsys, "claims", SEEDS)
    _, acled, _ = run(capsys, "claims", SEEDS, "--vague-policy", "acled")
    dozens = [ln for ln in design.splitlines() if '"injured dozens"' in ln][0]
    assert "[24, open)" in dozens
    assert "[12, open)" in [ln for ln in acled.splitlines() if '"injured dozens"' in ln][0]


# --------------------------------------------------------------------------- reconcile

def test_reconcile_to_csv(capsys, tmp_path):
    out_file = tmp_path / "r.csv"
    code, out, err = run(capsys, "reconcile", SEEDS, "--out", out_file)
    assert code == 0, err
    ranges = pd.read_csv(out_file)
    for col in DOCUMENTED_RANGE_COLUMNS:
        assert col in ranges.columns
    # the Qamishli incident (seeds 000 and 002): killed 44-50, both reports behind it
    killed = ranges[(ranges.incident_id == "inc-seed-000") & (ranges.category == "killed") & ranges.victims.isna()]
    assert len(killed) == 1 and (killed["low"].item(), killed["high"].item()) == (44, 50)
    assert {c.split(":")[0] for c in killed["claims"].item().split(";")} == {"seed-000", "seed-002"}
    assert f"wrote {len(ranges)} ranges to {out_file}" in err


def test_reconcile_printout(capsys):
    code, out, _ = run(capsys, "reconcile", SEEDS)
    assert code == 0
    block = out.split("\n\n")[0]
    assert block.startswith("incident inc-seed-000 | 2 reports")
    assert "report seed-000 | source: AP wire copy" in block and "report seed-002" in block
    assert "claims:" in block and "ranges:" in block
    row = next(ln for ln in block.splitlines() if ln.split()[:2] == ["killed", "all"])
    assert row.split()[2:5] == ["44", "50", "50"] and "yes" in row
    assert '"killed at least 44 people"' in block and '"At least 50 people were killed"' in block
    assert out.rstrip().endswith("(best policy default, vague words design)")
    assert "5 reports, 8 incidents" in out


def test_reconcile_no_cluster_and_policy(capsys, tmp_path):
    out_file = tmp_path / "r.json"
    code, _, err = run(capsys, "reconcile", SEEDS, "--no-cluster", "--policy", "ucdp", "--out", out_file)
    assert code == 0
    records = json.loads(out_file.read_text(encoding="utf-8"))
    assert {r["best_policy"] for r in records} == {"ucdp"}
    killed = [r for r in records if r["incident_id"] == "seed-000" and r["category"] == "killed" and r["victims"] is None]
    assert killed[0]["low"] == 44


def test_reconcile_warns_on_one_line_when_the_sidecar_is_missing(capsys, tmp_path):
    for f in SEEDS.glob("*.txt"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(capsys, "reconcile", tmp_path)
    assert code == 0
    lines = [line for line in err.splitlines() if "warning" in line]
    assert len(lines) == 1 and lines[0].startswith("casualties: warning: 5 of 5 reports have no published date")
    code, _, err = run(capsys, "reconcile", SEEDS)  # with its sidecar: dated, no warning
    assert code == 0 and "warning" not in err


def test_reconcile_threshold(capsys):
    _, default, _ = run(capsys, "reconcile", SEEDS)
    _, strict, _ = run(capsys, "reconcile", SEEDS, "--threshold", "0.99")
    assert "5 reports, 8 incidents" in default and "5 reports, 9 incidents" in strict
    code, _, err = run(capsys, "reconcile", SEEDS, "--threshold", "0")
    assert code == 2 and "threshold must be in (0, 1]" in err


def test_write_table_json_dates_are_iso(tmp_path):
    import datetime as dt

    df = pd.DataFrame({"d": [dt.date(2020, 1, 2), None], "n": pd.array([1, None], dtype="Int64")})
    frames.write_frame(df, tmp_path / "t.json")
    assert json.loads((tmp_path / "t.json").read_text()) == [{"d": "2020-01-02", "n": 1}, {"d": None, "n": None}]


def test_reconcile_out_unknown_extension(capsys, tmp_path):
    code, out, err = run(capsys, "reconcile", SEEDS, "--out", tmp_path / "r.xlsx")
    assert code == 2
    assert "'.xlsx'" in err and "Traceback" not in err
    assert out == ""  # refused before doing the work


def test_reconcile_out_parquet_without_pyarrow(capsys, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    code, _, err = run(capsys, "reconcile", SEEDS, "--out", tmp_path / "r.parquet")
    assert code == 2 and "pyarrow" in err


def test_reconcile_out_parquet(capsys, tmp_path):
    import pyarrow  # noqa: F401  (the test extra installs it: a missing one fails)
    code, _, _ = run(capsys, "reconcile", SEEDS, "--out", tmp_path / "r.parquet")
    assert code == 0 and "low" in pd.read_parquet(tmp_path / "r.parquet").columns


# --------------------------------------------------------------------------- errors

def test_missing_path_exits_2(capsys, tmp_path):
    code, out, err = run(capsys, "reconcile", tmp_path / "nope")
    assert code == 2
    assert err.startswith("casualties: error:") and "nope" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize("command", ["claims", "reconcile"])
def test_bad_input_exits_2_with_one_line(capsys, tmp_path, command):
    path = tmp_path / "r.jsonl"
    path.write_text('{"report_id": "a", "text": "5 killed"}\n{"report_id": \n', encoding="utf-8")
    code, _, err = run(capsys, command, path)
    assert code == 2
    assert "line 2" in err and "r.jsonl" in err and len(err.strip().splitlines()) == 1


def test_bad_field_names_the_file_and_row(capsys, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("report_id,text,published\nr1,Two killed,someday\n", encoding="utf-8")
    code, _, err = run(capsys, "reconcile", path)
    assert code == 2
    assert "r.csv" in err and "'r1'" in err and "published" in err


def test_duplicate_ids_exit_2(capsys, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("report_id,text\nr1,Two killed\nr1,One killed\n", encoding="utf-8")
    code, _, err = run(capsys, "claims", path)
    assert code == 2 and "duplicate" in err


def test_usage_errors_return_2(capsys):
    assert cli.main([]) == 2
    assert cli.main(["reconcile", str(SEEDS), "--policy", "nope"]) == 2
    assert "invalid choice" in capsys.readouterr().err


# --------------------------------------------------------------------------- help, progress, -m

@pytest.mark.parametrize("argv", [["--help"], ["claims", "--help"], ["reconcile", "--help"]])
def test_help_reads_well(capsys, argv):
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert "example" in out and "PATH" in out


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and casualties.__version__ in out


class _TTY(io.StringIO):
    def isatty(self):
        return True


def test_progress_only_on_a_tty_and_for_many_reports():
    tty = _TTY()
    p = cli._Progress(cli.PROGRESS_MIN + 1, "working:", stream=tty)
    for i in range(1, cli.PROGRESS_MIN + 2):
        p.update(i)
    p.close()
    text = tty.getvalue()
    assert f"\rworking: {cli.PROGRESS_MIN + 1}/{cli.PROGRESS_MIN + 1} reports" in text
    assert text.endswith("\r")  # the counter line is cleared

    for stream, total in [(io.StringIO(), 1000), (_TTY(), cli.PROGRESS_MIN)]:
        q = cli._Progress(total, "working:", stream=stream)
        q.update(total)
        q.close()
        assert stream.getvalue() == ""


def test_reconcile_shows_progress_on_a_tty(tmp_path, monkeypatch, capsys):
    path = tmp_path / "many.jsonl"
    n = cli.PROGRESS_MIN + 1
    path.write_text("".join(json.dumps({"report_id": f"r{i}", "text": f"{i} people were killed."}) + "\n"
                            for i in range(n)), encoding="utf-8")
    tty = _TTY()
    monkeypatch.setattr(sys, "stderr", tty)
    assert cli.main(["reconcile", str(path), "--no-cluster"]) == 0
    assert f"reading reports: {n}/{n} reports" in tty.getvalue()
    assert f"{n} reports, {n} incidents" in capsys.readouterr().out


def test_python_m_casualties_help():
    proc = subprocess.run([sys.executable, "-m", "casualties", "--help"], capture_output=True, text=True,
                          cwd=Path(__file__).parents[1], timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "claims" in proc.stdout and "reconcile" in proc.stdout


def test_python_m_casualties_error_has_no_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "casualties", "claims", str(tmp_path / "nope")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "nope" in proc.stderr
