"""``casualties.io.read_reports``: folders with and without a sidecar, JSONL, CSV, Parquet, errors."""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

import casualties
from casualties.errors import CasualtiesError, InputTypeError, InvalidValueError, MissingColumnError
from casualties.io import MissingDependencyError, read_reports

SEEDS = Path(__file__).parents[1] / "seeds"
COLUMNS = ["report_id", "text", "source", "published", "title", "url"]


def _sidecar(folder: Path) -> list:
    return [json.loads(line) for line in (folder / "seeds.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def _write_jsonl(path: Path, rows) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


ROWS = [
    {"report_id": "001", "text": "A bomb killed at least 44 people, wounding dozens.", "source": "AP",
     "published": "2016-07-27", "title": "Blast", "url": "https://example.org/a"},
    {"report_id": "002", "text": 'He said: "two, maybe three" were hurt.\nSecond line, with commas.',
     "source": None, "published": None, "title": None, "url": None},
    {"report_id": "x-3", "text": "Ünïcode – text ’quoted’ \u00a0 no figures", "source": "Le Monde",
     "published": "2020-01-02", "title": None, "url": None},
]


# --------------------------------------------------------------------------- folders

def test_seeds_folder_reads_five_reports_with_sidecar_metadata():
    df = read_reports(SEEDS)
    assert list(df.columns) == COLUMNS
    assert list(df["report_id"]) == [f"seed-00{i}" for i in range(5)]
    meta = {m["report_id"]: m for m in _sidecar(SEEDS)}
    for row in df.to_dict("records"):  # not iterrows: pandas would turn None into NaN in a str row
        m = meta[row["report_id"]]
        assert row["source"] == m["source"]
        assert row["published"] == m["published"]
        assert row["title"] == m["title"]
        assert row["url"] == m["url"]
        assert row["text"] == (SEEDS / m["file"]).read_bytes().decode("utf-8")
    assert df.loc[df.report_id == "seed-002", "title"].item() is None  # null in the sidecar -> None


def test_seeds_folder_feeds_reconcile():
    result = casualties.reconcile(read_reports(SEEDS), cluster=False)
    assert list(result.reports["report_id"]) == [f"seed-00{i}" for i in range(5)]


def test_folder_without_sidecar_uses_file_stems_in_sorted_order(tmp_path):
    for name, text in [("b.txt", "Two were killed."), ("a.txt", "Nothing happened."), ("c.md", "ignored")]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    df = read_reports(tmp_path)
    assert list(df["report_id"]) == ["a", "b"]
    assert list(df["text"]) == ["Nothing happened.", "Two were killed."]
    for col in ("source", "published", "title", "url"):
        assert df[col].tolist() == [None, None]


def test_folder_text_is_utf8_as_stored(tmp_path):
    raw = "Line one\r\nAt least 5 killed \u2013 \u00fcber\r\n"
    (tmp_path / "r.txt").write_bytes(raw.encode("utf-8"))
    assert read_reports(tmp_path)["text"].item() == raw  # no newline translation: offsets index the file


def test_sidecar_partial_metadata_and_unlisted_files(tmp_path):
    (tmp_path / "one.txt").write_text("5 killed", encoding="utf-8")
    (tmp_path / "two.txt").write_text("6 killed", encoding="utf-8")
    _write_jsonl(tmp_path / "meta.jsonl", [{"file": "two.txt", "source": "Reuters", "extra": 1}])
    df = read_reports(tmp_path)
    assert list(df["report_id"]) == ["one", "two"]  # no report_id in the sidecar: the stem
    assert list(df["source"]) == [None, "Reuters"]
    assert list(df.columns) == COLUMNS  # other sidecar keys are ignored


def test_explicit_sidecar_and_ambiguous_sidecars(tmp_path):
    (tmp_path / "a.txt").write_text("5 killed", encoding="utf-8")
    _write_jsonl(tmp_path / "x.jsonl", [{"file": "a.txt", "report_id": "from-x"}])
    _write_jsonl(tmp_path / "y.jsonl", [{"file": "a.txt", "report_id": "from-y"}])
    with pytest.raises(InvalidValueError, match="x.jsonl, y.jsonl"):
        read_reports(tmp_path)
    assert read_reports(tmp_path, sidecar=tmp_path / "y.jsonl")["report_id"].item() == "from-y"


def test_empty_folder_gives_empty_frame(tmp_path):
    df = read_reports(tmp_path)
    assert list(df.columns) == COLUMNS and len(df) == 0


def test_single_txt_file(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text("Three people were killed.", encoding="utf-8")
    df = read_reports(p)
    assert df.to_dict("records") == [{"report_id": "story", "text": "Three people were killed.", "source": None,
                                      "published": None, "title": None, "url": None}]


# --------------------------------------------------------------------------- round trips

@pytest.mark.parametrize("name", ["r.jsonl", "r.jsonl.gz"])
def test_jsonl_round_trip(tmp_path, name):
    path = tmp_path / name
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS) + "\n   \n"  # blank lines skipped
    if name.endswith(".gz"):
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            fh.write(data)
    else:
        path.write_text(data, encoding="utf-8")
    df = read_reports(path)
    assert list(df.columns) == COLUMNS
    assert df.to_dict("records") == ROWS


def test_jsonl_optional_fields_may_be_absent_and_ids_may_be_ints(tmp_path):
    path = tmp_path / "r.jsonl"
    _write_jsonl(path, [{"report_id": 7, "text": "5 killed"}])
    assert read_reports(path).to_dict("records") == [
        {"report_id": "7", "text": "5 killed", "source": None, "published": None, "title": None, "url": None}
    ]


def test_csv_round_trip(tmp_path):
    path = tmp_path / "r.csv"
    pd.DataFrame(ROWS).to_csv(path, index=False)
    df = read_reports(path)
    assert list(df.columns) == COLUMNS
    assert df.to_dict("records") == ROWS  # "001" stays a string; empty optional fields are None


def test_csv_keeps_empty_text_and_drops_extra_columns(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("report_id,text,lang\na,,en\n", encoding="utf-8")
    df = read_reports(path)
    assert list(df.columns) == COLUMNS
    assert df["text"].item() == ""


def test_parquet_round_trip(tmp_path):
    import pyarrow  # noqa: F401  (the test extra installs it: a missing one fails)
    path = tmp_path / "r.parquet"
    pd.DataFrame(ROWS).to_parquet(path, index=False)
    assert read_reports(path).to_dict("records") == ROWS


def test_parquet_without_pyarrow_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # makes `import pyarrow` fail
    path = tmp_path / "r.parquet"
    path.write_bytes(b"PAR1")
    with pytest.raises(MissingDependencyError, match="pip install pyarrow") as info:
        read_reports(path)
    assert isinstance(info.value, CasualtiesError) and isinstance(info.value, ImportError)
    assert str(path) in str(info.value)


# --------------------------------------------------------------------------- errors

def test_missing_path(tmp_path):
    missing = tmp_path / "nope"
    with pytest.raises(FileNotFoundError, match="nope"):
        read_reports(missing)


def test_path_of_wrong_type():
    with pytest.raises(InputTypeError):
        read_reports(42)


@pytest.mark.parametrize("column", ["report_id", "text"])
def test_jsonl_missing_column_names_file_line_and_column(tmp_path, column):
    path = tmp_path / "r.jsonl"
    row = {"report_id": "a", "text": "5 killed"}
    del row[column]
    _write_jsonl(path, [{"report_id": "ok", "text": "fine"}, row])
    with pytest.raises(MissingColumnError) as info:
        read_reports(path)
    msg = str(info.value)
    assert str(path) in msg and "line 2" in msg and repr(column) in msg
    assert isinstance(info.value, KeyError)


@pytest.mark.parametrize("column", ["report_id", "text"])
def test_csv_missing_column_names_file_and_column(tmp_path, column):
    path = tmp_path / "r.csv"
    other = "text" if column == "report_id" else "report_id"
    path.write_text(f"{other},source\nx,y\n", encoding="utf-8")
    with pytest.raises(MissingColumnError) as info:
        read_reports(path)
    assert str(path) in str(info.value) and repr(column) in str(info.value)


def test_empty_csv_is_a_missing_column(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(MissingColumnError, match="report_id"):
        read_reports(path)


def test_malformed_json_line_names_file_and_line(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"report_id": "a", "text": "x"}\n\n{"report_id": "b", "text": \n', encoding="utf-8")
    with pytest.raises(InvalidValueError) as info:
        read_reports(path)
    assert str(path) in str(info.value) and "line 3" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_json_line_that_is_not_an_object(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('["a", "b"]\n', encoding="utf-8")
    with pytest.raises(InvalidValueError, match="line 1: expected a JSON object"):
        read_reports(path)


def test_sidecar_naming_a_missing_file_names_both(tmp_path):
    (tmp_path / "a.txt").write_text("5 killed", encoding="utf-8")
    _write_jsonl(tmp_path / "meta.jsonl", [{"file": "a.txt"}, {"file": "ghost.txt", "source": "X"}])
    with pytest.raises(FileNotFoundError) as info:
        read_reports(tmp_path)
    msg = str(info.value)
    assert "meta.jsonl" in msg and "ghost.txt" in msg and "line 2" in msg


def test_sidecar_line_without_file(tmp_path):
    (tmp_path / "a.txt").write_text("5 killed", encoding="utf-8")
    _write_jsonl(tmp_path / "meta.jsonl", [{"report_id": "a"}])
    with pytest.raises(InvalidValueError, match=r"meta.jsonl, line 1: .*\"file\""):
        read_reports(tmp_path)


def test_sidecar_listing_a_file_twice(tmp_path):
    (tmp_path / "a.txt").write_text("5 killed", encoding="utf-8")
    _write_jsonl(tmp_path / "meta.jsonl", [{"file": "a.txt"}, {"file": "a.txt"}])
    with pytest.raises(InvalidValueError, match="listed twice"):
        read_reports(tmp_path)


def test_malformed_sidecar_line(tmp_path):
    (tmp_path / "a.txt").write_text("5 killed", encoding="utf-8")
    (tmp_path / "meta.jsonl").write_text("{oops\n", encoding="utf-8")
    with pytest.raises(InvalidValueError, match="meta.jsonl, line 1: malformed JSON"):
        read_reports(tmp_path)


def test_text_that_is_not_utf8(tmp_path):
    (tmp_path / "a.txt").write_bytes("caf\u00e9 5 killed".encode("latin-1"))
    with pytest.raises(InvalidValueError, match="a.txt: not valid UTF-8"):
        read_reports(tmp_path)


def test_unsupported_file_type(tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"")
    with pytest.raises(InvalidValueError, match=r"\.xlsx"):
        read_reports(path)
