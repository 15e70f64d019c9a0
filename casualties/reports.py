"""Reports in: normalise a DataFrame or an iterable of mappings into validated rows.

Every problem is reported with the row (``report_id`` when there is one, else the position)
and the field; a bad row raises instead of being dropped, so no report is lost silently
(``reconcile(..., errors="skip")`` leaves bad rows out and reports them: :mod:`casualties.skipped`).
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple

import attrs

from ._util import is_missing as _missing
from .errors import CasualtiesError, DuplicateReportError, InputTypeError, InvalidValueError, MissingColumnError
from .input_dates import read_date
from .skipped import Skipped, check_errors, skip

__all__ = ["Report", "parse_published", "normalize_reports", "count_input_rows", "REPORT_COLUMNS", "check_columns",
           "validated_reports", "collapse_repeats", "duplicate_error", "check_report"]

REPORT_COLUMNS = ("report_id", "text", "source", "published", "title", "url")


def parse_published(value, *, field: str = "published", row: Any = None) -> Optional[_dt.date]:
    """A date from a date, datetime, pandas Timestamp, string, or missing (``None``).

    Strings: ISO 8601, RFC 2822 ("Tue, 26 Jul 2016 22:10:00 GMT") or a date with a month name
    ("July 27, 2016", "27 July 2016"); numeric dates whose day and month could be swapped
    ("03/04/2016") are refused (:func:`casualties.input_dates.read_date`)."""
    where = f"field {field!r}" + (f" in row {row!r}" if row is not None else "")
    if _missing(value):
        return None
    if isinstance(value, _dt.datetime):  # pandas Timestamp is a datetime subclass
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            return read_date(value, where)
        except InvalidValueError as e:
            raise InvalidValueError(str(e), row=row, field=field) from None
    raise InputTypeError(
        f"{where}: expected a date, datetime, Timestamp or date string, got {type(value).__name__}",
        row=row, field=field)


def _opt_str(value, field, row) -> Optional[str]:
    if _missing(value):
        return None
    if not isinstance(value, str):
        raise InputTypeError(f"field {field!r} in row {row!r}: expected str or missing, got {type(value).__name__}",
                             row=row, field=field)
    return value


@attrs.frozen
class Report:
    """One article or dispatch."""

    report_id: str
    text: str
    source: Optional[str] = None
    published: Optional[_dt.date] = None
    title: Optional[str] = None
    url: Optional[str] = None


def check_columns(columns) -> None:
    """Raise :class:`MissingColumnError` when ``columns`` (of a DataFrame) lack ``report_id`` or ``text``."""
    columns = list(columns)
    for col in ("report_id", "text"):
        if col not in columns:
            raise MissingColumnError(
                f"reports: missing required column {col!r} (columns are {list(map(str, columns))})"
            )


def _rows(reports) -> Iterable[Mapping]:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover
        pd = None
    if pd is not None and isinstance(reports, pd.DataFrame):
        check_columns(reports.columns)
        cols = [c for c in REPORT_COLUMNS if c in reports.columns]
        return (dict(zip(cols, values)) for values in zip(*(reports[c].tolist() for c in cols)))
    if isinstance(reports, (str, bytes)) or isinstance(reports, Mapping):
        raise InputTypeError(
            "reports: expected a pandas DataFrame or an iterable of mappings / Report, "
            f"got {type(reports).__name__}"
        )
    try:
        iter(reports)
    except TypeError:
        raise InputTypeError(f"reports: expected a DataFrame or an iterable of rows, got {type(reports).__name__}") from None
    return reports


def normalize_reports(reports) -> List[Report]:
    """Validated :class:`Report` rows, in input order, one per ``report_id``.

    Rows that repeat a ``report_id`` with exactly the same fields (the same article listed
    twice) collapse into one report; :func:`count_input_rows` says how many rows each had.
    Rows that share a ``report_id`` but differ raise :class:`DuplicateReportError` naming them.
    """
    return _normalize(reports)[0]


def count_input_rows(reports) -> dict:
    """``{report_id: number of identical input rows}`` for the rows :func:`normalize_reports` keeps."""
    return _normalize(reports)[1]


def validated_reports(reports, first_row: int = 0, skipped: Optional[List[Skipped]] = None) -> Iterator[Report]:
    """One validated :class:`Report` per input row, in input order (repeats included).

    ``first_row``: the position of the first row in the whole input, when ``reports`` is one
    partition of a larger one; error messages name rows by their position in the whole input.
    ``skipped``: when given, a bad row is appended to it (:class:`casualties.skipped.Skipped`)
    instead of raising, and the rows after it are still read.
    """
    for pos, row in enumerate(_rows(reports), first_row):
        try:
            yield _report(pos, row)
        except CasualtiesError as e:
            if skipped is None:
                raise
            skipped.append(skip(e, pos))


def check_report(pos: int, row) -> Report:
    """The validated :class:`Report` of input row ``row`` at position ``pos``, or the error
    :func:`casualties.reconcile` raises for it (naming the row and the field)."""
    return _report(pos, row)


def _report(pos: int, row) -> Report:
    if isinstance(row, Report):
        row = attrs.asdict(row)
    if not isinstance(row, Mapping):
        raise InputTypeError(f"reports row {pos}: expected a mapping or Report, got {type(row).__name__}", row=pos)
    for col in ("report_id", "text"):
        if col not in row:
            raise MissingColumnError(f"reports row {pos}: missing required field {col!r}", row=pos, field=col)
    rid = row["report_id"]
    if _missing(rid):
        raise InvalidValueError(f"reports row {pos}: field 'report_id' is missing", row=pos, field="report_id")
    if not isinstance(rid, (str, int)) or isinstance(rid, bool):
        raise InputTypeError(f"reports row {pos}: field 'report_id' must be str or int, got {type(rid).__name__}",
                             row=pos, field="report_id")
    rid = str(rid)
    text = row["text"]
    if not isinstance(text, str):
        raise InputTypeError(
            f"report {rid!r} (row {pos}): field 'text' must be str, got {type(text).__name__}", row=rid, field="text"
        )
    return Report(
        report_id=rid, text=text,
        source=_opt_str(row.get("source"), "source", rid),
        published=parse_published(row.get("published"), row=rid),
        title=_opt_str(row.get("title"), "title", rid),
        url=_opt_str(row.get("url"), "url", rid),
    )


def collapse_repeats(reports: Iterable[Report]) -> Tuple[List[Report], Dict[str, int], List[str]]:
    """``(reports, rows per report_id, conflicts)`` for validated rows given in input order.

    Rows that repeat a ``report_id`` with the same fields collapse into the first one; each
    row that repeats it with other fields adds its ``report_id`` to ``conflicts`` (see
    :func:`duplicate_error`).
    """
    out: List[Report] = []
    seen: Dict[str, Report] = {}
    counts: Dict[str, int] = {}
    conflicts: List[str] = []
    for rep in reports:
        rid = rep.report_id
        if rid in seen:
            if seen[rid] != rep:
                conflicts.append(rid)
            counts[rid] += 1
            continue
        seen[rid] = rep
        counts[rid] = 1
        out.append(rep)
    return out, counts, conflicts


def duplicate_error(conflicts: Sequence[str]) -> DuplicateReportError:
    """The error for input rows that share a ``report_id`` but differ (one entry per such row)."""
    shown = sorted(set(conflicts))
    return DuplicateReportError(
        f"reports: report_id values used by rows that differ: {shown[:10]}{' ...' if len(shown) > 10 else ''} "
        f"({len(conflicts)} conflicting rows); give each report its own id"
    )


def _normalize(reports, errors: str = "raise"):
    """(reports, rows per report_id, skipped rows) for ``reconcile(reports, errors=...)``; with
    "skip", bad rows and the rows that repeat a ``report_id`` with other fields than its first
    row are skipped rather than raised."""
    skipped: Optional[List[Skipped]] = [] if check_errors(errors) == "skip" else None
    numbered = []
    for pos, row in enumerate(_rows(reports)):
        try:
            numbered.append((pos, _report(pos, row)))
        except CasualtiesError as e:
            if skipped is None:
                raise
            skipped.append(skip(e, pos))
    out, counts, conflicts = collapse_repeats(r for _, r in numbered)
    if conflicts and skipped is None:
        raise duplicate_error(conflicts)
    if conflicts:
        first = {r.report_id: r for r in out}
        for pos, r in numbered:
            if r != first[r.report_id]:
                skipped.append(Skipped(pos, r.report_id, "report_id", f"report {r.report_id!r} (row {pos}): "
                                       "an earlier row has this report_id with other fields; kept that one"))
        out, counts, _ = collapse_repeats(r for _, r in numbered if r == first[r.report_id])
    return out, counts, sorted(skipped or [])
