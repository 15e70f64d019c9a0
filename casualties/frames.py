"""Files of a :class:`~casualties.Result`'s frames.

- :func:`write_frame` / :func:`read_frame`: one result frame to and from ``.csv``, ``.json``
  (a list of records, ISO dates, lists as arrays, ``null`` for missing) or ``.parquet`` (needs
  ``pyarrow``; lists as Arrow lists), keeping the dtypes :mod:`casualties.schema` declares:
  counts nullable ``Int64``, flags ``bool``, dates ``datetime64[s]``, text the nullable
  ``string``, attribution lists as Python lists.
- :func:`write_result` / :func:`read_frames`: all the frames to and from a folder
  (:meth:`casualties.Result.from_files` reads a result back).

In CSV a list column's items are joined with ``;`` and split back on read (an empty cell is an
empty list), and an empty cell elsewhere is missing: since a frame never holds ``""`` (missing
is ``pd.NA`` / ``NaT``), every format reads back exactly what was written.
"""
from __future__ import annotations

import datetime as _dt
import json
import math
import os
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

import numpy as np
import pandas as pd

from ._util import is_missing as _missing
from .errors import InvalidValueError, MissingColumnError, MissingDependencyError
from .schema import FRAMES, LIST_SEPARATOR, column_kind, columns_of, to_day, to_list, typed_frame

__all__ = [
    "write_frame", "read_frame", "write_result", "read_frames",
    "frame_format", "frame_columns", "FRAME_KINDS", "FRAME_FORMATS",
]

PathLike = Union[str, "os.PathLike[str]"]

#: File types :func:`write_frame` and :func:`read_frame` handle, by extension.
FRAME_FORMATS = (".csv", ".json", ".parquet")
#: The frames of a :class:`~casualties.Result`, in the order :func:`write_result` writes them.
FRAME_KINDS = ("reports", "claims", "incidents", "ranges", "report_incidents")

_ALL_COLUMNS = frozenset(c.name for cols in FRAMES.values() for c in cols)
_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no"})


def frame_columns(kind: str) -> List[str]:
    """The columns, in order, of the result frame ``kind`` (one of :data:`FRAME_KINDS`).

    Raises
    ------
    InvalidValueError: ``kind`` is not one of :data:`FRAME_KINDS`.
    """
    if kind not in FRAMES:
        raise InvalidValueError(f"kind={kind!r} is not one of {FRAME_KINDS}")
    return columns_of(kind)


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


def _for_text(df: pd.DataFrame, ext: str) -> pd.DataFrame:
    """A copy for a text format: dates as ISO days (or ISO times when they have one), missing as
    ``None``; for CSV, list columns joined with ``;``."""
    out = df.copy()
    for col in out.columns:
        kind = column_kind(col) if col in _ALL_COLUMNS else None
        if pd.api.types.is_datetime64_any_dtype(out[col].dtype):
            out[col] = pd.Series([None if pd.isna(v) else (v.date().isoformat() if v == v.normalize()
                                                          else v.isoformat()) for v in out[col]],
                                 dtype=object, index=out.index)
        elif kind == "list" and ext == ".csv":
            out[col] = [LIST_SEPARATOR.join(to_list(v)) for v in out[col]]
        elif out[col].dtype == object:
            out[col] = [v.isoformat() if isinstance(v, (_dt.date, _dt.datetime)) else v for v in out[col]]
    return out


def _for_parquet(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose day columns (the date columns of :data:`casualties.schema.FRAMES`) are
    Arrow ``date32``: a day, as Parquet and the engines reading it know it."""
    out = df.copy()
    for col in out.columns:
        if col in _ALL_COLUMNS and column_kind(col) == "date" and pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = pd.Series([None if pd.isna(v) else v.date() for v in out[col]], dtype=object, index=out.index)
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
        _for_text(df, ext).to_csv(path, index=False, encoding="utf-8")
    elif ext == ".json":
        _for_text(df, ext).to_json(path, orient="records", indent=2, force_ascii=False)
    else:
        _for_parquet(df).to_parquet(path, index=False)
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


def _date(value: Any, where: str):
    if isinstance(value, str) and value.strip():
        try:
            _dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise InvalidValueError(f"{where}: expected an ISO date (YYYY-MM-DD), got {value!r}") from None
    elif not (_missing(value) or isinstance(value, (str, _dt.date, np.datetime64))):
        raise InvalidValueError(f"{where}: expected a date, got {value!r}")
    try:
        return to_day(value)
    except (ValueError, OverflowError) as e:
        raise InvalidValueError(f"{where}: expected a date, got {value!r} ({e})") from None


def _list(value: Any, where: str) -> List[str]:
    if isinstance(value, (list, tuple, np.ndarray)):
        return to_list(value)
    if isinstance(value, str) and value.startswith("["):  # a list written as JSON text
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            pass
    if not (_missing(value) or isinstance(value, (str, list, tuple, np.ndarray))):
        raise InvalidValueError(f"{where}: expected a list of text, got {value!r}")
    return to_list(value)


def _text(value: Any, where: str) -> Optional[str]:
    if _missing(value) or value == "":
        return None
    return value if isinstance(value, str) else str(value)


_CONVERTERS: Dict[str, Callable[[Any, str], Any]] = {"count": _count, "flag": _flag, "date": _date,
                                                      "list": _list, "text": _text}


def read_frame(path: PathLike, kind: str) -> pd.DataFrame:
    """Read a result frame written by :func:`write_frame`, with that frame's stable dtypes.

    Parameters
    ----------
    path: a ``.csv``, ``.json`` or ``.parquet`` file (the extension chooses the format).
    kind: which frame of a :class:`~casualties.Result` the file holds, one of
        :data:`FRAME_KINDS` ("reports", "claims", "incidents", "ranges", "report_incidents").

    Returns
    -------
    A DataFrame with the columns of ``kind`` in their usual order and the dtypes of
    :data:`casualties.schema.FRAMES` (counts ``Int64``, flags ``bool``, dates ``datetime64[s]``,
    text ``string``, lists of text), then any other columns of the file as read.  A ranges file
    written before ``high_open`` existed gets it from ``consistent`` and ``consensus_high``.

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
    if kind == "ranges" and "high_open" not in values and "consensus_high" in values:  # written before 0.2
        values["high_open"] = [_flag(c, "") and _missing(_count(h, _where(path, "consensus_high", i)))
                               for i, (c, h) in enumerate(zip(values["consistent"], values["consensus_high"]))]
    absent = [c for c in columns if c not in values]
    if absent and (n_rows or ext != ".json"):  # "[]" has no columns to check
        raise MissingColumnError(f"{path}: a {kind} file needs the column{'s' * (len(absent) > 1)} "
                                 f"{', '.join(repr(c) for c in absent)}")
    typed: Dict[str, list] = {}
    for col in columns:
        convert = _CONVERTERS[column_kind(col)]
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
