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
from casualties import cli, cli_input, frames
from casualties.progress import STAGES, Stages

SEEDS = Path(__file__).parents[1] / "seeds"
#: The ranges columns design §5 documents (the frame has more: attribution columns).
DOCUMENTED_RANGE_COLUMNS = ["incident_id", "category", "victims", "low", "best", "high", "consistent",
                            "n_claims", "n_sources"]


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    """Content tests read whole quotes: a wide terminal (the width tests set their own)."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("NO_COLOR", raising=False)


# --------------------------------------------------------------------------- claims

def test_claims_on_seeds(capsys):
    code, out, err = run(capsys, "claims", SEEDS)
    assert code == 0, err
    assert "at least 44" in out  # seed 000: "killed at least 44 people"
    assert "seed-000 | 2016-07-27 | 6 claims | source: AP wire copy (republisher unknown)" in out
    line = next(ln for ln in out.splitlines() if '"killed at least 44 people"' in ln)
    assert "killed" in line and "[44, open)" in line and "at least" in line and "[109:134]" in line
    assert "seed-000:1" in line
    assert "seed-004" in out and "no casualty claims found" in out  # a report without claims is still listed
    assert "background" in out and "list part" in out  # flags


def test_claims_reads_headlines_with_reconciles_ids(capsys, tmp_path):
    """`claims` reads the headline like `reconcile` (seed 000: 6 claims, one of them the title's)."""
    code, out, _ = run(capsys, "claims", SEEDS, "--out", tmp_path / "c.csv")
    assert code == 0
    claims = pd.read_csv(tmp_path / "c.csv")
    assert list(claims.columns) == cli.CLAIMS_OUT_COLUMNS
    result = casualties.reconcile(casualties.read_reports(SEEDS))
    assert sorted(claims["claim_id"]) == sorted(result.claims["claim_id"])
    assert (claims["report_id"] == "seed-000").sum() == 6 and "seed-000:title:0" in set(claims["claim_id"])
    assert "seed-000 | 2016-07-27 | 6 claims" in out and "seed-000:title:0" in out


@pytest.mark.parametrize("ext", [".json", ".parquet"])
def test_claims_out_formats(capsys, tmp_path, ext):
    code, _, err = run(capsys, "claims", SEEDS, "--out", tmp_path / f"c{ext}")
    assert code == 0 and "wrote" in err
    back = frames.read_frame(tmp_path / f"c{ext}", "claims")
    assert "seed-000:title:0" in set(back["claim_id"]) and back["incident_id"].isna().all()


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
    block = next(b for b in out.split("\n\n") if b.startswith("inc-seed-000 |"))
    lines = block.splitlines()
    assert lines[0].startswith("inc-seed-000 | 2016-07-27 | 2 reports | Qamishli")
    assert lines[1].split()[:5] == ["category", "victims", "low", "best", "high"]  # the ranges first
    row = next(ln for ln in lines if ln.split()[:2] == ["killed", "all"])
    assert row.split()[2:6] == ["44", "50", "50", "yes"]
    assert "report seed-000 | 2016-07-27 | 6 claims | AP wire copy" in block and "report seed-002" in block
    assert '"At least 50 people were killed"' in block  # the claim behind high
    assert "claims:" not in block  # claims only on request
    assert out.rstrip().endswith("(best policy default, vague words design)")
    assert "5 reports, 8 incidents" in out


def _incident_ids(out):
    return [ln.split(" | ")[0] for ln in out.splitlines() if ln.startswith("inc-")]


def test_reconcile_sorts_by_date_or_deaths(capsys):
    result = casualties.reconcile(casualties.read_reports(SEEDS))
    _, out, _ = run(capsys, "reconcile", SEEDS)
    dates = dict(zip(result.incidents["incident_id"], result.incidents["date"]))
    order = _incident_ids(out)
    assert sorted(order) == sorted(dates)
    known = [dates[i] for i in order if dates[i] is not None]
    assert known == sorted(known) and all(dates[i] is None for i in order[len(known):])  # undated last
    _, out, _ = run(capsys, "reconcile", SEEDS, "--sort", "deaths")
    r = result.ranges
    killed = r[(r["category"] == "killed") & r["victims"].isna()].set_index("incident_id")["best"]
    figures = [int(killed[i]) for i in _incident_ids(out) if i in killed.index]
    assert figures == sorted(figures, reverse=True) and len(figures) == len(killed)
    assert _incident_ids(out)[:len(figures)] == [i for i in _incident_ids(out) if i in killed.index]


def test_reconcile_claims_on_request(capsys):
    _, out, _ = run(capsys, "reconcile", SEEDS, "--claims")
    block = next(b for b in out.split("\n\n") if b.startswith("inc-seed-000 |"))
    assert "claims:" in block and '"killed at least 44 people"' in block and "seed-000:title:0" in block
    assert block.index("claims:") > block.index("best basis")  # after the ranges


@pytest.mark.parametrize("argv", [["reconcile", SEEDS], ["reconcile", SEEDS, "--claims"], ["claims", SEEDS],
                                  ["reconcile", SEEDS, "--sort", "deaths", "--no-cluster"]])
@pytest.mark.parametrize("columns", [80, 60])
def test_no_line_wider_than_the_terminal(capsys, monkeypatch, argv, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = run(capsys, *argv)
    assert code == 0
    lines = out.splitlines()
    assert max(len(ln) for ln in lines) <= columns
    assert any("\u2026" in ln for ln in lines)  # something had to be shortened, with an ellipsis


def test_quotes_are_shortened_to_fit(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = run(capsys, "reconcile", SEEDS, "--claims")
    line = next(ln for ln in out.splitlines() if ln.split()[:1] == ["seed-001:5"])
    quote = line[line.index('"'):]
    assert quote.endswith("\u2026") and len(line) <= 80
    assert '"killed at least 30 government'.startswith(quote[:-1][:20])


class _TTYOut(io.StringIO):
    def isatty(self):
        return True

    encoding = "utf-8"


def test_colour_only_on_a_terminal_and_never_with_no_color(capsys, monkeypatch):
    _, plain, _ = run(capsys, "reconcile", SEEDS)
    assert "\x1b[" not in plain
    tty = _TTYOut()
    monkeypatch.setattr(sys, "stdout", tty)
    assert cli.main(["reconcile", str(SEEDS)]) == 0
    assert "\x1b[1m" in tty.getvalue()  # bold incident headers
    tty = _TTYOut()
    monkeypatch.setattr(sys, "stdout", tty)
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli.main(["reconcile", str(SEEDS)]) == 0
    assert "\x1b[" not in tty.getvalue() and "inc-seed-000 |" in tty.getvalue()


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


@pytest.mark.parametrize("command", ["claims", "reconcile", "add", "changes", "export"])
def test_help_fits_80_columns(capsys, monkeypatch, command):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, command, "--help")
    assert code == 0 and max(len(ln) for ln in out.splitlines()) <= 80


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and casualties.__version__ in out


class _TTY(io.StringIO):
    def isatty(self):
        return True


def _many(tmp_path, n):
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"report_id": f"r{i}", "text": f"{i + 1} people were killed in Aleppo.",
                                        "published": "2020-01-01"}) + "\n" for i in range(n)), encoding="utf-8")
    return path


def test_reconcile_shows_every_stage_on_a_tty(tmp_path, monkeypatch, capsys):
    n = cli.PROGRESS_MIN + 1
    path = _many(tmp_path, n)
    tty = _TTY()
    monkeypatch.setattr(sys, "stderr", tty)
    assert cli.main(["reconcile", str(path)]) == 0
    shown = tty.getvalue()
    for stage in STAGES:
        assert stage in shown
    assert f"{n}/{n}" in shown and "ETA" in shown
    assert f"{n} reports" in capsys.readouterr().out
    for argv in (["reconcile", str(path), "--quiet"], ["reconcile", str(SEEDS)]):  # quiet; or few reports
        tty = _TTY()
        monkeypatch.setattr(sys, "stderr", tty)
        assert cli.main(argv) == 0
        assert tty.getvalue() == ""


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path, capsys):
    code, _, err = run(capsys, "reconcile", _many(tmp_path, cli.PROGRESS_MIN + 1), "--no-cluster")
    assert code == 0 and err == ""


def test_library_progress_true_names_every_stage(capsys):
    result = casualties.reconcile(casualties.read_reports(SEEDS), progress=True)
    err = capsys.readouterr().err
    for stage in STAGES:
        assert stage in err
    assert "ETA" in err and len(result.incidents) == 8


def test_library_progress_callable_still_counts_reports():
    seen = []
    casualties.reconcile(casualties.read_reports(SEEDS), progress=seen.append)
    assert seen == [1, 2, 3, 4, 5]


def test_library_progress_stages_in_order():
    class Recorder(Stages):
        def __init__(self):
            self.events = []

        def start(self, name, total):
            self.events.append((name, total))

    rec = Recorder()
    casualties.reconcile(casualties.read_reports(SEEDS), progress=rec)
    assert [name for name, _ in rec.events] == list(STAGES)
    assert dict(rec.events)["reading reports"] == 5 and dict(rec.events)["ranges"] == 5
    rec = Recorder()
    casualties.reconcile(casualties.read_reports(SEEDS), cluster=False, progress=rec)
    assert [name for name, _ in rec.events] == ["reading reports", "ranges"]
    with pytest.raises(TypeError):
        casualties.reconcile(casualties.read_reports(SEEDS), progress="yes")


# --------------------------------------------------------------------------- --out, stdin, --quiet, empty input

def test_reconcile_out_dir_writes_every_frame(capsys, tmp_path):
    code, _, err = run(capsys, "reconcile", SEEDS, "--out", tmp_path / "res")
    assert code == 0 and "wrote" in err
    back = casualties.Result.from_files(tmp_path / "res")
    assert len(back.reports) == 5 and len(back.incidents) == 8 and len(back.claims) and len(back.ranges)
    code, _, _ = run(capsys, "reconcile", SEEDS, "--out", tmp_path / "js", "--out-format", "json", "--quiet")
    assert code == 0 and sorted(p.name for p in (tmp_path / "js").iterdir()) == sorted(
        f"{k}.json" for k in frames.FRAME_KINDS)


def _stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.mark.parametrize("fmt", [None, "csv", "jsonl"])
def test_stdin(capsys, monkeypatch, fmt):
    rows = [{"report_id": "a", "text": "At least 44 people were killed in Qamishli."},
            {"report_id": "b", "text": "Two soldiers were injured."}]
    as_jsonl = "".join(json.dumps(r) + "\n" for r in rows).encode()
    as_csv = pd.DataFrame(rows).to_csv(index=False).encode()
    for kind, data in (("jsonl", as_jsonl), ("csv", as_csv)):
        if fmt not in (None, kind):
            continue
        _stdin(monkeypatch, data)
        code, out, err = run(capsys, "reconcile", "-", *(["--input-format", fmt] if fmt else []), "--no-cluster")
        assert code == 0, err
        assert "2 reports, 2 incidents" in out and "44" in out
    if fmt == "csv":  # told the wrong format: an error naming standard input
        _stdin(monkeypatch, as_jsonl)
        code, _, err = run(capsys, "claims", "-", "--input-format", "csv")
        assert code == 2 and "<stdin>" in err and "tmp" not in err


def test_quiet_prints_nothing_but_errors(capsys, tmp_path):
    assert run(capsys, "reconcile", SEEDS, "--quiet", "--out", tmp_path / "r.csv")[1:] == ("", "")
    assert (tmp_path / "r.csv").exists()
    assert run(capsys, "claims", SEEDS, "-q")[1:] == ("", "")
    code, out, err = run(capsys, "reconcile", tmp_path / "nope", "--quiet")
    assert code == 2 and out == "" and "nope" in err


def test_repeated_rows_are_merged_with_a_notice(capsys, tmp_path):
    path = tmp_path / "r.jsonl"
    row = json.dumps({"report_id": "a", "text": "Two killed."}) + "\n"
    path.write_text(row * 3 + json.dumps({"report_id": "b", "text": "One killed."}) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "reconcile", path, "--no-cluster")
    assert code == 0 and "2 reports" in out
    assert "casualties: 4 input rows became 2 reports: 2 repeated rows merged" in err
    assert cli_input.merged_notice(2131, 2122) == "2,131 input rows became 2,122 reports: 9 repeated rows merged"
    assert cli_input.merged_notice(5, 5) is None
    assert run(capsys, "reconcile", path, "--no-cluster", "-q")[2] == ""


@pytest.mark.parametrize("command", ["claims", "reconcile"])
@pytest.mark.parametrize("kind", ["csv", "csv-header", "jsonl", "jsonl-blank", "folder", "stdin"])
def test_every_empty_input_exits_2(capsys, tmp_path, monkeypatch, command, kind):
    path = {"csv": tmp_path / "e.csv", "csv-header": tmp_path / "h.csv", "jsonl": tmp_path / "e.jsonl",
            "jsonl-blank": tmp_path / "b.jsonl", "folder": tmp_path / "empty", "stdin": "-"}[kind]
    if kind == "folder":
        path.mkdir()
    elif kind == "stdin":
        _stdin(monkeypatch, b"\n")
    else:
        path.write_text({"csv": "", "csv-header": "report_id,text\n", "jsonl": "", "jsonl-blank": "\n\n"}[kind],
                        encoding="utf-8")
    code, out, err = run(capsys, command, path)
    assert code == 2 and out == ""
    assert err.startswith("casualties: error:") and len(err.strip().splitlines()) == 1


def test_cli_modules_import_no_circle():
    """cli_store and cli_input read the input without importing cli (farm-studio showed a circle)."""
    import ast

    root = Path(cli.__file__).parent
    for name in ("cli_store", "cli_input", "cli_format", "cli_render", "progress"):
        tree = ast.parse((root / f"{name}.py").read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level}
        assert "cli" not in imported, name


# --------------------------------------------------------------------------- cells

def test_cells_accept_todays_and_tomorrows_dtypes():
    import datetime as dt

    import numpy as np

    from casualties.cli_format import fmt_date, fmt_ids

    day = "2016-07-27"
    for v in (dt.date(2016, 7, 27), dt.datetime(2016, 7, 27, 5), pd.Timestamp(day), np.datetime64(day), day):
        assert fmt_date(v) == day
    for v in (None, pd.NaT, pd.NA, float("nan")):
        assert fmt_date(v) == "-"
    for v in ("a:0;a:1", ["a:0", "a:1"], ("a:0", "a:1"), np.array(["a:0", "a:1"])):
        assert fmt_ids(v) == ["a:0", "a:1"]
    for v in (None, pd.NA, "", [], np.array([])):
        assert fmt_ids(v) == []


def test_printout_takes_datetime_dates_and_list_attribution(capsys, monkeypatch):
    """Either spelling of the frames (dates as datetime64 or strings, attribution as lists or
    ";"-joined strings) prints the same."""
    from casualties.cli_format import make_console
    from casualties.cli_render import print_reconcile

    result = casualties.reconcile(casualties.read_reports(SEEDS))

    def printed(res):
        buf = io.StringIO()
        print_reconcile(make_console(buf, width=100), res, sort="date", show_claims=True)
        return buf.getvalue()

    before = printed(result)
    inc = result.incidents.copy()
    inc["date"] = inc["date"].dt.strftime("%Y-%m-%d")
    ranges = result.ranges.copy()
    for col in ("low_claims", "best_claims", "high_claims", "claims"):
        ranges[col] = [";".join(ids) for ids in ranges[col]]
    reports = result.reports.copy()
    reports["published"] = reports["published"].dt.strftime("%Y-%m-%d")
    import attrs

    assert printed(attrs.evolve(result, incidents=inc, ranges=ranges, reports=reports)) == before


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


def test_long_report_ids_are_shortened_in_attribution_lines():
    from casualties.cli_render import short_claim_id

    assert short_claim_id("seed-000:title:0") == "seed-000:title:0"
    assert short_claim_id("6488a840ea96a338d530b1e038db96ba:2") == "6488a840\u2026:2"


def test_import_casualties_does_not_import_rich():
    code = "import sys, casualties; print('rich' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).parents[1])
    assert proc.returncode == 0 and proc.stdout.strip() == "False", proc.stderr


# --------------------------------------------------------------------------- bad rows

BAD_ROWS = [
    {"report_id": "a", "text": "Gunmen killed 5 people in Homs on Monday.", "published": "2020-01-02", "source": "X"},
    {"report_id": "b", "text": "Three were wounded.", "published": "not a date", "source": "Y"},
    {"report_id": "c", "text": "Two soldiers died in a blast.", "published": "2020-01-03", "source": "Z"},
]


def _bad_file(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in BAD_ROWS), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["claims", "reconcile"])
def test_a_bad_row_stops_with_its_row_and_field_by_default(capsys, tmp_path, command):
    code, out, err = run(capsys, command, _bad_file(tmp_path))
    assert code == 2 and "field 'published' in row 'b'" in err


@pytest.mark.parametrize("command", ["claims", "reconcile"])
def test_errors_skip_leaves_out_the_bad_row_names_it_and_keeps_the_others(capsys, tmp_path, command):
    out = tmp_path / "claims.csv" if command == "claims" else tmp_path / "frames"
    code, _, err = run(capsys, command, "--errors", "skip", "--out", out, _bad_file(tmp_path))
    assert code == 0, err
    assert "skipped 1 bad row" in err and "row 1 (report 'b'), field 'published'" in err
    written = pd.read_csv(out if command == "claims" else out / "reports.csv")
    assert set(written["report_id"]) == {"a", "c"}


def test_errors_skip_with_nothing_left_is_an_error(capsys, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(BAD_ROWS[1]) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "reconcile", "--errors", "skip", path)
    assert code == 2 and "no valid report left" in err
