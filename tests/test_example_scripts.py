"""The examples in examples/ run as their README says.

- ``reconcile_seeds.ipynb``: a valid nbformat 4 notebook with no stored outputs whose code
  cells, run in order in one namespace (no Jupyter needed), reconcile the seeds and put the
  Qamishli incident at killed 44 to 50.
- ``pipeline.py``: JSON lines in, four Parquet files out, clear errors and exit codes.
- ``test_property_example.py``: passes under pytest with the short ``quick`` profile.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import casualties
import casualties.frames

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
NOTEBOOK = EXAMPLES / "reconcile_seeds.ipynb"
PIPELINE = EXAMPLES / "pipeline.py"
PROPERTY_EXAMPLE = EXAMPLES / "test_property_example.py"


def _killed_row(result, incident_id):
    r = result.ranges
    rows = r[(r["incident_id"] == incident_id) & (r["category"] == "killed") & r["victims"].isna()]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def _qamishli(result):
    return result.reports.set_index("report_id").loc["seed-000", "incident_id"]


# --------------------------------------------------------------------------- the notebook


def _notebook() -> dict:
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def test_notebook_is_nbformat_4_without_outputs():
    nb = _notebook()
    assert nb["nbformat"] == 4 and isinstance(nb["nbformat_minor"], int)
    assert nb["metadata"]["kernelspec"]["language"] == "python"
    kinds = [c["cell_type"] for c in nb["cells"]]
    assert set(kinds) <= {"markdown", "code"}
    assert kinds.count("code") >= 5 and kinds.count("markdown") >= 5
    ids = [c["id"] for c in nb["cells"]]
    assert len(set(ids)) == len(ids)
    for cell in nb["cells"]:
        assert isinstance(cell["source"], list) and all(isinstance(line, str) for line in cell["source"])
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, "the notebook stores outputs"
        else:
            assert "outputs" not in cell and "execution_count" not in cell


def test_notebook_cells_run_and_find_the_qamishli_range(monkeypatch, tmp_path):
    import matplotlib  # the test extra installs it: a missing one fails

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    monkeypatch.chdir(EXAMPLES)  # where Jupyter starts the kernel when the notebook is opened
    monkeypatch.setattr(plt, "show", lambda *a, **k: None)
    namespace = {"__name__": "__main__"}
    try:
        for n, cell in enumerate(_notebook()["cells"]):
            if cell["cell_type"] != "code":
                continue
            code = "".join(cell["source"])
            try:
                exec(compile(code, f"{NOTEBOOK.name}, cell {n}", "exec"), namespace)
            except Exception as e:  # noqa: BLE001 - say which cell failed
                pytest.fail(f"cell {n} raised {type(e).__name__}: {e}\n{code}")
        result = namespace["result"]
        assert isinstance(result, casualties.Result)
        incident = _qamishli(result)
        assert namespace["qamishli"] == incident
        row = _killed_row(result, incident)
        assert (row["low"], row["high"]) == (44, 50)
        assert set(result.reports.loc[result.reports["incident_id"] == incident, "report_id"]) == {"seed-000", "seed-002"}
        assert isinstance(namespace["ax"], matplotlib.axes.Axes)
        assert namespace["ax"].get_title()
    finally:
        plt.close("all")


# --------------------------------------------------------------------------- pipeline.py


def _run(*args, cwd=None, timeout=300):
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}  # no __pycache__ left in examples/
    return subprocess.run([sys.executable, *map(str, args)], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env)


@pytest.fixture(scope="module")
def seeds_jsonl(tmp_path_factory) -> Path:
    """The seeds (texts with the source, date and title of seeds/seeds.jsonl) as JSON lines."""
    reports = casualties.read_reports(ROOT / "seeds")
    path = tmp_path_factory.mktemp("input") / "seeds.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for record in reports.to_dict("records"):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def test_pipeline_writes_the_four_frames_as_parquet(seeds_jsonl, tmp_path):
    import pyarrow  # noqa: F401  (the test extra installs it: a missing one fails)
    out = tmp_path / "out" / "nested"
    proc = _run(PIPELINE, seeds_jsonl, out, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "5 reports" in proc.stdout
    assert proc.stderr == ""
    direct = casualties.reconcile(casualties.read_reports(seeds_jsonl))
    frames = {}
    for kind in casualties.frames.FRAME_KINDS:
        path = out / f"{kind}.parquet"
        assert path.is_file(), f"{path} was not written"
        frames[kind] = casualties.frames.read_frame(path, kind)
        pd.testing.assert_frame_equal(frames[kind], getattr(direct, kind))
    result = casualties.Result.from_files(out, "parquet")
    row = _killed_row(result, _qamishli(result))
    assert (row["low"], row["best"], row["high"]) == (44, 50, 50)
    assert set(frames["reports"]["report_id"]) == {f"seed-00{i}" for i in range(5)}


def test_pipeline_policy_and_no_cluster(seeds_jsonl, tmp_path):
    import pyarrow  # noqa: F401  (the test extra installs it: a missing one fails)
    proc = _run(PIPELINE, seeds_jsonl, tmp_path, "--policy", "ibc", "--no-cluster")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ranges = casualties.frames.read_frame(tmp_path / "ranges.parquet", "ranges")
    assert set(ranges["best_policy"]) == {"ibc"}
    reports = casualties.frames.read_frame(tmp_path / "reports.parquet", "reports")
    assert reports["incident_id"].nunique() == 5  # each report its own incident


def test_pipeline_help():
    proc = _run(PIPELINE, "--help")
    assert proc.returncode == 0
    assert "INPUT.jsonl" in proc.stdout and "OUTPUT_DIR" in proc.stdout and "exit codes" in proc.stdout


@pytest.mark.parametrize("content, message", [
    (None, "no such file"),
    ('{"report_id": "a", "text": "Two were killed."}\n{"report_id": "b"\n', "line 2: malformed JSON"),
    ('{"report_id": "a"}\n', "MissingColumnError"),
    ('{"report_id": "a", "text": "x", "published": "yesterday"}\n', "published"),
])
def test_pipeline_bad_input_exits_2_with_one_line(tmp_path, content, message):
    src = tmp_path / "in.jsonl"
    if content is not None:
        src.write_text(content, encoding="utf-8")
    proc = _run(PIPELINE, src, tmp_path / "out")
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()  # nothing written


def test_pipeline_usage_error_exits_2(tmp_path):
    proc = _run(PIPELINE, tmp_path / "in.jsonl", tmp_path / "out", "--policy", "nope")
    assert proc.returncode == 2
    assert "invalid choice" in proc.stderr


def test_pipeline_output_that_is_a_file_exits_2(seeds_jsonl, tmp_path):
    target = tmp_path / "out"
    target.write_text("not a folder")
    proc = _run(PIPELINE, seeds_jsonl, target)
    assert proc.returncode == 2
    assert "not a folder" in proc.stderr


# --------------------------------------------------------------------------- the property example


def test_property_example_passes(tmp_path):
    """The example tests pass with the quick profile (10 examples each) of examples/conftest.py."""
    proc = _run("-m", "pytest", "-p", "no:cacheprovider", "--hypothesis-profile=quick", PROPERTY_EXAMPLE,
                cwd=tmp_path)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "3 passed" in output, output
