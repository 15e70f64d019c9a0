"""Reports from disk: :func:`read_reports`.

Accepted inputs (the form is chosen by what ``path`` is, not guessed from content):

- a **folder** of ``.txt`` files, one report each, read as UTF-8 exactly as stored (no newline
  translation, so claim offsets index the file's text).  Without a sidecar, ``report_id`` is
  the file stem.  An optional **sidecar** ``.jsonl`` file in the folder gives metadata: one JSON
  object per line with ``"file"`` (a path relative to the folder) and any of ``report_id``,
  ``source``, ``published``, ``title``, ``url``; other keys are ignored.  Text files the sidecar
  does not mention are still read, with ``report_id`` from the stem.
- a ``.jsonl`` or ``.jsonl.gz`` file: one JSON object per line with ``report_id`` and ``text``
  (and optionally ``source``, ``published``, ``title``, ``url``); blank lines are skipped.
- a ``.csv`` file (optionally compressed: ``.csv.gz`` ...) with a header row; every field is
  read as text, empty optional fields as missing.
- a ``.parquet`` file (needs ``pyarrow``).
- a single ``.txt`` file: one report, ``report_id`` from the stem.

The result always has exactly the columns :data:`~casualties.reports.REPORT_COLUMNS`
(``report_id, text, source, published, title, url``), ``object`` dtype, missing values as
``None``; rows are in file order (folders: sorted file names).  Values are not validated
further here: :func:`casualties.reconcile` does that and names the bad row; with
``errors="skip"`` they are, and bad rows are left out and reported (:mod:`casualties.skipped`).
"""
from __future__ import annotations

import gzip
import json
import math
import os
from pathlib import Path
from typing import Iterable, List, Mapping, Optional, Union

import pandas as pd

from .errors import CasualtiesError, InputTypeError, InvalidValueError, MissingColumnError, MissingDependencyError
from .reports import REPORT_COLUMNS, check_report
from .skipped import check_errors, skip, skipped_frame, warn_skipped

__all__ = ["read_reports", "MissingDependencyError", "SIDECAR_NAMES"]

PathLike = Union[str, "os.PathLike[str]"]

#: Sidecar names looked for first when a folder holds more than one ``.jsonl`` file.
SIDECAR_NAMES = ("metadata.jsonl", "reports.jsonl", "seeds.jsonl")

_REQUIRED = ("report_id", "text")
_OPTIONAL = tuple(c for c in REPORT_COLUMNS if c not in _REQUIRED)
_SIDECAR_KEYS = ("report_id",) + _OPTIONAL


def _require_parquet_engine(what: str) -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise MissingDependencyError(
            f"{what}: Parquet needs the optional package 'pyarrow', which is not installed; "
            "install it with: pip install pyarrow"
        ) from None


def _is_missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return value is pd.NA or value is pd.NaT


def _clean(value):
    """Missing values as ``None``; numpy scalars as Python scalars; integer ids as str later."""
    if _is_missing(value):
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)) and getattr(value, "ndim", 1) == 0:
        try:
            return value.item()
        except (TypeError, ValueError):  # pragma: no cover - exotic scalar
            return value
    return value


def _frame(records: List[Mapping]) -> pd.DataFrame:
    rows = []
    for rec in records:
        row = {c: _clean(rec.get(c)) for c in REPORT_COLUMNS}
        rid = row["report_id"]
        if isinstance(rid, int) and not isinstance(rid, bool):
            row["report_id"] = str(rid)
        rows.append(row)
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in REPORT_COLUMNS})
    return pd.DataFrame(rows, columns=list(REPORT_COLUMNS), dtype=object)


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InvalidValueError(f"{where}: not valid UTF-8 text (byte {e.start}: {e.reason})") from None


def _json_line(path: Path, n: int, raw: bytes):
    """The object on line ``n`` (None when the line is blank); errors name file and line."""
    line = _decode(raw, f"{path}, line {n}")
    if n == 1:
        line = line.lstrip("\ufeff")
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise InvalidValueError(f"{path}, line {n}: malformed JSON ({e.msg} at column {e.colno})", row=n) from None
    if not isinstance(obj, dict):
        raise InvalidValueError(f"{path}, line {n}: expected a JSON object, got {type(obj).__name__}", row=n)
    return obj


def _json_lines(path: Path, bad: Optional[list] = None) -> Iterable[tuple]:
    """(line number, parsed object) for every non-blank line; errors name file and line.  With
    ``bad``, a bad line is appended to it as (line number, error) and the next lines are read."""
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            for n, raw in enumerate(fh, 1):
                try:
                    obj = _json_line(path, n, raw)
                except CasualtiesError as e:
                    if bad is None:
                        raise
                    bad.append((n, e))
                    continue
                if obj is not None:
                    yield n, obj
    except (OSError, EOFError) as e:
        if isinstance(e, FileNotFoundError):
            raise
        raise InvalidValueError(f"{path}: cannot read as {'gzip ' if opener is gzip.open else ''}JSON lines ({e})") from None


def _read_jsonl(path: Path, bad: Optional[list] = None) -> pd.DataFrame:
    records = []
    for n, obj in _json_lines(path, bad):
        absent = [col for col in _REQUIRED if col not in obj]
        if absent:
            error = MissingColumnError(f"{path}, line {n}: missing required field {absent[0]!r}", row=n,
                                       field=absent[0])
            if bad is None:
                raise error
            bad.append((n, error))
            continue
        records.append(obj)
        if bad is not None:
            bad.append(n)  # the line of each record read (an int; bad lines are tuples)
    return _frame(records)


def _check_columns(df: pd.DataFrame, path: Path) -> None:
    for col in _REQUIRED:
        if col not in df.columns:
            raise MissingColumnError(
                f"{path}: missing required column {col!r} (columns are {list(map(str, df.columns))})"
            )


def _read_csv(path: Path) -> pd.DataFrame:
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise InvalidValueError(f"{path}: not valid UTF-8 text ({e.reason})") from None
    except pd.errors.EmptyDataError:
        raise MissingColumnError(f"{path}: missing required column 'report_id' (the file is empty)") from None
    except pd.errors.ParserError as e:
        raise InvalidValueError(f"{path}: malformed CSV ({str(e).strip()})") from None
    _check_columns(df, path)
    records = df.to_dict("records")
    for rec in records:  # text stays "" when empty; other empty fields are missing
        for col in REPORT_COLUMNS:
            if col != "text" and rec.get(col) == "":
                rec[col] = None
    return _frame(records)


def _read_parquet(path: Path) -> pd.DataFrame:
    _require_parquet_engine(str(path))
    df = pd.read_parquet(path)
    _check_columns(df, path)
    cols = [c for c in REPORT_COLUMNS if c in df.columns]
    return _frame(df[cols].to_dict("records"))


def _find_sidecar(folder: Path) -> Optional[Path]:
    candidates = sorted(p for p in folder.iterdir() if p.is_file() and p.name.lower().endswith(".jsonl"))
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    for name in SIDECAR_NAMES + (f"{folder.name}.jsonl",):
        for p in candidates:
            if p.name == name:
                return p
    raise InvalidValueError(
        f"{folder}: several .jsonl files could be the metadata sidecar "
        f"({', '.join(p.name for p in candidates)}); keep one, name it one of {list(SIDECAR_NAMES)}, "
        "or pass sidecar=..."
    )


def _read_folder(folder: Path, sidecar: Optional[PathLike]) -> pd.DataFrame:
    side = Path(sidecar) if sidecar is not None else _find_sidecar(folder)
    if side is not None and not side.is_file():
        raise FileNotFoundError(f"sidecar {side} does not exist")
    meta = {}
    if side is not None:
        for n, obj in _json_lines(side):
            name = obj.get("file")
            if not isinstance(name, str) or not name.strip():
                raise InvalidValueError(
                    f"{side}, line {n}: each sidecar line needs a \"file\" naming a text file in {folder}"
                )
            target = folder / name
            key = os.path.normpath(name)
            if key in meta:
                raise InvalidValueError(f"{side}, line {n}: file {name!r} is listed twice (first on line {meta[key][0]})")
            if not target.is_file():
                raise FileNotFoundError(
                    f"{side}, line {n}: names file {name!r}, but {target} does not exist"
                )
            bad = [k for k in _SIDECAR_KEYS if k in obj and obj[k] is not None and not isinstance(obj[k], (str, int))]
            if bad:
                raise InputTypeError(
                    f"{side}, line {n}: field {bad[0]!r} must be a string, got {type(obj[bad[0]]).__name__}"
                )
            meta[key] = (n, target, obj)
    files = {os.path.normpath(p.name): p for p in folder.iterdir() if p.is_file() and p.suffix.lower() == ".txt"}
    for key, (_, target, _) in meta.items():
        files.setdefault(key, target)
    records = []
    for key in sorted(files):
        path = files[key]
        rec = {"report_id": path.stem, "text": _decode(path.read_bytes(), str(path))}
        if key in meta:
            obj = meta[key][2]
            for k in _SIDECAR_KEYS:
                if obj.get(k) is not None:
                    rec[k] = obj[k]
        records.append(rec)
    return _frame(records)


def read_reports(path: PathLike, *, sidecar: Optional[PathLike] = None, errors: str = "raise") -> pd.DataFrame:
    """Reports from a folder of ``.txt`` files, a ``.jsonl``/``.jsonl.gz``, ``.csv`` or ``.parquet`` file.

    Parameters
    ----------
    path: the folder or file (see the module docstring for each form).
    sidecar: for a folder, the metadata ``.jsonl`` to use.  By default the folder's only
        ``.jsonl`` file, or, when there are several, the one named ``metadata.jsonl``,
        ``reports.jsonl``, ``seeds.jsonl`` or ``<folder name>.jsonl``.
    errors: "raise" (the default): a malformed line or a record without ``report_id`` or
        ``text`` raises.  "skip": those, and every row :func:`casualties.reconcile` would
        refuse (a ``published`` that is no date, a ``text`` that is not text...), are left out;
        a :class:`~casualties.errors.SkippedRowsWarning` names them and ``frame.attrs["skipped"]``
        lists them (:mod:`casualties.skipped`; ``row`` is the line for JSON lines, else the
        row's position).  Problems with the file itself (missing, not UTF-8 CSV, a bad sidecar)
        raise either way.

    Returns a DataFrame with columns ``report_id, text, source, published, title, url``
    (missing values ``None``), ready for :func:`casualties.reconcile`.

    Raises
    ------
    FileNotFoundError: ``path`` does not exist, or a sidecar line names a missing file (the
        message names the sidecar, its line and the file).
    casualties.errors.MissingColumnError: no ``report_id`` or ``text`` column / field (names
        the file, and for JSON lines the line number).
    casualties.errors.InvalidValueError: malformed JSON (file and line), text that is not
        UTF-8, or an unsupported file type.
    MissingDependencyError: a Parquet file and no ``pyarrow``.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise InputTypeError(f"read_reports(path=...): expected a path, got {type(path).__name__}")
    if check_errors(errors) == "raise":
        return _read(Path(path), sidecar, None)
    bad: list = []
    df = _read(Path(path), sidecar, bad)
    skipped = [skip(e, x[0]) for x in bad if isinstance(x, tuple) for e in x[1:]]
    lines = [x for x in bad if not isinstance(x, tuple)]  # JSON lines: the line of each record
    keep = []
    for pos, row in enumerate(df.to_dict("records")):
        try:
            check_report(pos, row)
            keep.append(pos)
        except CasualtiesError as e:
            skipped.append(skip(e, lines[pos] if lines else pos,
                                row["report_id"] if isinstance(row["report_id"], str) else None))
    skipped.sort()
    df = df.iloc[keep].reset_index(drop=True)
    warn_skipped(skipped, f"read_reports({path})")
    df.attrs["skipped"] = skipped_frame(skipped)
    return df


def _read(p: Path, sidecar: Optional[PathLike], bad: Optional[list]) -> pd.DataFrame:
    if not p.exists():
        raise FileNotFoundError(f"no such file or folder: {p}")
    if p.is_dir():
        return _read_folder(p, sidecar)
    if sidecar is not None:
        raise InvalidValueError(f"read_reports({p}): sidecar= only applies to a folder of .txt files")
    name = p.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")):
        return _read_jsonl(p, bad)
    if name.endswith((".csv", ".csv.gz", ".csv.bz2", ".csv.xz", ".csv.zip")):
        return _read_csv(p)
    if name.endswith((".parquet", ".pq")):
        return _read_parquet(p)
    if name.endswith(".txt"):
        return _frame([{"report_id": p.stem, "text": _decode(p.read_bytes(), str(p))}])
    raise InvalidValueError(
        f"{p}: unsupported file type {''.join(p.suffixes) or '(no extension)'!r}; expected a folder of .txt "
        "files, or a .jsonl, .jsonl.gz, .csv or .parquet file"
    )
