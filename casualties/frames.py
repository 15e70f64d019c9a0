"""Files of a :class:`~casualties.Result`'s frames.

- :func:`write_frame` / :func:`read_frame`: one result frame to and from ``.csv``, ``.json``
  (a list of records, ISO dates, ``null`` for missing) or ``.parquet`` (needs ``pyarrow``),
  keeping the stable dtypes of :func:`casualties.reconcile`: counts nullable ``Int64``, flags
  ``bool``, dates ``datetime.date`` objects, text the nullable ``string``.
- :func:`write_result` / :func:`read_frames`: all the frames to and from a folder
  (:meth:`casualties.Result.from_files` reads a result back).

CSV has no missing value distinct from the empty string: an empty cell reads back as missing,
except in the text columns a frame never leaves missing (ids, quotes, the ``;``-joined
attribution lists), where it reads back as ``""``.  JSON and Parquet keep both exactly.
"""
from __future__ import annotations

import datetime as _dt
import json
import math
import os
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

import pandas as pd

from ._util import is_missing as _missing
from .errors import InvalidValueError, MissingColumnError, MissingDependencyError
from .schema import (CLAIM_COLUMNS, INCIDENT_COLUMNS, RANGE_COLUMNS, REPORT_FRAME_COLUMNS, REPORT_INCIDENT_COLUMNS,
                     _COUNT_COLUMNS, _DATE_COLUMNS, _FLAG_COLUMNS, typed_frame)

__all__ = [
    "write_frame", "read_frame", "write_result", "read_frames",
    "frame_format", "frame_columns", "FRAME_KINDS", "FRAME_FORMATS",
]

PathLike = Union[str, "os.PathLike[str]"]

#: File types :func:`write_frame` and :func:`read_frame` handle, by extension.
FRAME_FORMATS = (".csv", ".json", ".parquet")
#: The frames of a :class:`~casualties.Result`, in the order :func:`write_result` writes them.
FRAME_KINDS = ("reports", "claims", "incidents", "ranges", "report_incidents")

# reconcile() builds the reports frame from this literal list; test_frames checks they agree.
_REPORT_COLUMNS = REPORT_FRAME_COLUMNS
# Text columns every row fills (possibly with ""): an empty CSV cell there means "", not missing.
_NEVER_MISSING_TEXT = {
    "reports": frozenset({"report_id", "incident_id"}),
    "claims": frozenset({"claim_id", "report_id", "category", "qualifier", "victim_group", "quote", "basis"}),
    "incidents": frozenset({"incident_id", "sources", "report_ids"}),
    "ranges": frozenset({"incident_id", "category", "best_policy", "best_basis", "low_claims", "best_claims",
                         "high_claims", "claims", "retold_claims", "sources", "cited_sources",
                         "disagreeing_claims"}),
    "report_incidents": frozenset({"report_id", "incident_id", "role", "opener", "date_basis"}),
}
_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no"})


def frame_columns(kind: str) -> List[str]:
    """The columns, in order, of the result frame ``kind`` (one of :data:`FRAME_KINDS`).

    Raises
    ------
    InvalidValueError: ``kind`` is not one of :data:`FRAME_KINDS`.
    """
    columns = {"reports": _REPORT_COLUMNS, "claims": CLAIM_COLUMNS, "incidents": INCIDENT_COLUMNS,
               "ranges": RANGE_COLUMNS, "report_incidents": REPORT_INCIDENT_COLUMNS}
    if kind not in columns:
        raise InvalidValueError(f"kind={kind!r} is not one of {FRAME_KINDS}")
    return list(columns[kind])


# --------------------------------------------------------------------------- files

def _require_pyarrow(path: Path) -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise MissingDependencyError(
            f"{path}: Parquet needs the optional package 'pyarrow', which is not installed; install it with: "
            "pip install 'casualties[parquet]' (or pip install pyarrow), or use .csv or .json"
        ) from None


def _extension(path: Path) -> str:
    ext = path.suffix.lower()
    if ext not in FRAME_FORMATS:
        raise InvalidValueError(f"{path}: unsupported file type {ext or '(no extension)'!r}; "
                                f"use one of {', '.join(FRAME_FORMATS)}")
    return ext


def frame_format(path: PathLike) -> str:
    """Check that :func:`write_frame` can write ``path``; returns its extension.

    Call it before a long computation so a bad path fails first.

    Raises
    ------
    InvalidValueError: the extension is not one of :data:`FRAME_FORMATS`.
    FileNotFoundError: the folder of ``path`` does not exist.
    MissingDependencyError: ``.parquet`` and ``pyarrow`` is not installed.
    """
    path = Path(path)
    ext = _extension(path)
    if not path.parent.is_dir():
        raise FileNotFoundError(f"{path}: folder {path.parent} does not exist")
    if ext == ".parquet":
        _require_pyarrow(path)
    return ext


def _iso_dates(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose object columns hold dates as ISO strings (JSON has no date type)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = [v.isoformat() if isinstance(v, (_dt.date, _dt.datetime)) else v for v in out[col]]
    return out


def write_frame(df: pd.DataFrame, path: PathLike) -> str:
    """Write ``df`` to ``path`` in the format its extension names; returns the extension.

    - ``.csv``: a header row, no index, UTF-8; missing values as empty cells, dates ISO.
    - ``.json``: a list of records (one object per row), ISO dates, ``null`` for missing.
    - ``.parquet``: needs the optional package ``pyarrow``.

    :func:`read_frame` reads the file back with the dtypes of a result frame.  Raises what
    :func:`frame_format` raises, before anything is written.
    """
    path = Path(path)
    ext = frame_format(path)
    if ext == ".csv":
        df.to_csv(path, index=False, encoding="utf-8")
    elif ext == ".json":
        _iso_dates(df).to_json(path, orient="records", date_format="iso", indent=2, force_ascii=False)
    else:
        df.to_parquet(path, index=False)
    return ext


def _read_raw(path: Path, ext: str) -> Tuple[List[str], Dict[str, list]]:
    """The columns of a file and their values as read: ``str`` (every CSV cell, ``""`` when
    empty) or JSON / Parquet values (``None`` or ``pd.NA`` when missing)."""
    if ext == ".csv":
        df = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    elif ext == ".parquet":
        _require_pyarrow(path)
        df = pd.read_parquet(path)
    else:
        with open(path, encoding="utf-8") as f:
            try:
                records = json.load(f)
            except json.JSONDecodeError as e:
                raise InvalidValueError(f"{path}: not valid JSON ({e})") from None
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise InvalidValueError(f"{path}: expected a JSON list of records (objects), one per row")
        columns: Dict[str, None] = {}
        for r in records:
            columns.update(dict.fromkeys(r))
        return list(columns), {c: [r.get(c) for r in records] for c in columns}
    return [str(c) for c in df.columns], {str(c): df[c].tolist() for c in df.columns}


def _where(path: Path, column: str, row: int) -> str:
    return f"{path}: column {column!r}, row {row}"


def _count(value: Any, where: str) -> Optional[int]:
    if _missing(value) or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise InvalidValueError(f"{where}: expected a whole number, got {value!r}")
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            try:
                value = float(value)
            except ValueError:
                raise InvalidValueError(f"{where}: expected a whole number, got {value!r}") from None
    if isinstance(value, float) and not (math.isfinite(value) and value.is_integer()):
        raise InvalidValueError(f"{where}: expected a whole number, got {value!r}")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InvalidValueError(f"{where}: expected a whole number, got {value!r}") from None


def _flag(value: Any, where: str) -> bool:
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
    elif not _missing(value) and value in (True, False):  # bool, numpy bool, 0 / 1
        return bool(value)
    raise InvalidValueError(f"{where}: expected True or False, got {value!r}")


def _date(value: Any, where: str) -> Optional[_dt.date]:
    if _missing(value) or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            try:
                value = _dt.datetime.fromisoformat(value.strip())
            except ValueError:
                raise InvalidValueError(f"{where}: expected an ISO date (YYYY-MM-DD), got {value!r}") from None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, _dt.datetime):  # midnight is a date written with a time; keep real times
        return value.date() if value.time() == _dt.time(0) and value.tzinfo is None else value
    if isinstance(value, _dt.date):
        return value
    raise InvalidValueError(f"{where}: expected a date, got {value!r}")


def _converter(column: str, empty_is_missing: bool) -> Callable[[Any, str], Any]:
    """The function turning one value read from a file into what :func:`_frame` expects."""
    if column in _COUNT_COLUMNS:
        return _count
    if column in _FLAG_COLUMNS:
        return _flag
    if column in _DATE_COLUMNS:
        return _date

    def text(value: Any, where: str) -> Optional[str]:
        if _missing(value) or (empty_is_missing and value == ""):
            return None
        return value if isinstance(value, str) else str(value)
    return text


def read_frame(path: PathLike, kind: str) -> pd.DataFrame:
    """Read a result frame written by :func:`write_frame`, with that frame's stable dtypes.

    Parameters
    ----------
    path: a ``.csv``, ``.json`` or ``.parquet`` file (the extension chooses the format).
    kind: which frame of a :class:`~casualties.Result` the file holds, one of
        :data:`FRAME_KINDS` ("reports", "claims", "incidents", "ranges", "report_incidents").

    Returns
    -------
    A DataFrame with the columns of ``kind`` in their usual order and dtypes (counts ``Int64``,
    flags ``bool``, dates ``datetime.date`` objects or None, text ``string``), then any other
    columns of the file as read.  In CSV an empty cell is missing, except in text columns that
    ``kind`` always fills, where it is ``""``.

    Raises
    ------
    InvalidValueError: unknown ``kind`` or extension, or a value of the wrong type (the error
        names the column and row).
    MissingColumnError: the file lacks a column of ``kind``.
    MissingDependencyError: ``.parquet`` and ``pyarrow`` is not installed.
    FileNotFoundError: no such file.
    """
    columns = frame_columns(kind)
    path = Path(path)
    ext = _extension(path)
    found, values = _read_raw(path, ext)
    n_rows = len(next(iter(values.values()))) if values else 0
    absent = [c for c in columns if c not in values]
    if absent and (n_rows or ext != ".json"):  # "[]" has no columns to check
        raise MissingColumnError(f"{path}: a {kind} file needs the column{'s' * (len(absent) > 1)} "
                                 f"{', '.join(repr(c) for c in absent)}")
    typed: Dict[str, list] = {}
    for col in columns:
        convert = _converter(col, empty_is_missing=ext == ".csv" and col not in _NEVER_MISSING_TEXT[kind])
        typed[col] = [convert(v, _where(path, col, i)) for i, v in enumerate(values.get(col, []))]
    rows = [dict(zip(columns, vals)) for vals in zip(*(typed[c] for c in columns))]
    df = typed_frame(rows, columns)
    for col in found:
        if col not in columns:
            df[col] = values[col]
    return df


def _format_extension(format: str) -> str:
    ext = "." + str(format).lower().lstrip(".")
    if ext not in FRAME_FORMATS:
        raise InvalidValueError(f"format={format!r} is not one of "
                                f"{', '.join(repr(e.lstrip('.')) for e in FRAME_FORMATS)}")
    return ext


def write_result(result, directory: PathLike, format: str = "csv") -> Dict[str, Path]:
    """Write the frames of ``result`` to ``directory``: ``reports``, ``claims``, ``incidents``,
    ``ranges`` and ``report_incidents``, each as ``<directory>/<kind>.<format>``.

    Parameters
    ----------
    result: what :func:`casualties.reconcile` returned.
    directory: the folder; created (with its parents) when it does not exist.  Files of the
        same names are overwritten.
    format: "csv", "json" or "parquet" (see :func:`write_frame`).

    Returns
    -------
    ``{kind: path}`` for the files, in the order of :data:`FRAME_KINDS`.

    Raises
    ------
    InvalidValueError: unknown ``format``.
    MissingDependencyError: "parquet" and ``pyarrow`` is not installed.
    """
    ext = _format_extension(format)
    directory = Path(directory)
    if ext == ".parquet":
        _require_pyarrow(directory / f"reports{ext}")  # before creating anything
    directory.mkdir(parents=True, exist_ok=True)
    paths = {}
    for kind in FRAME_KINDS:
        paths[kind] = directory / f"{kind}{ext}"
        write_frame(getattr(result, kind), paths[kind])
    return paths


def read_frames(directory: PathLike, format: str = "csv") -> Dict[str, pd.DataFrame]:
    """Read the frames :func:`write_result` wrote: ``{kind: frame}`` in the order of
    :data:`FRAME_KINDS` (:meth:`casualties.Result.from_files` makes them a result again).

    Raises
    ------
    InvalidValueError: unknown ``format``, or a bad value in a file.
    MissingColumnError: a file lacks a column.
    FileNotFoundError: one of the files is missing.
    """
    ext = _format_extension(format)
    directory = Path(directory)
    return {kind: read_frame(directory / f"{kind}{ext}", kind) for kind in FRAME_KINDS}
