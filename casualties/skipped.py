"""Bad input rows left out with ``errors="skip"`` (:func:`casualties.reconcile`,
:func:`casualties.read_reports`), and how they are reported.

With ``errors="raise"`` (the default) the first bad row raises its error from
:mod:`casualties.errors`, naming the row and the field, and nothing is returned.  With
``errors="skip"`` every bad row is left out and every good row kept; the skipped rows are

- named in one :class:`~casualties.errors.SkippedRowsWarning` per call (each row, field and
  error), and
- returned as a frame of :data:`SKIPPED_COLUMNS`: ``Result.skipped`` for ``reconcile``,
  ``frame.attrs["skipped"]`` for ``read_reports``.

So a bad row is never lost silently, and one bad row never loses the others.
"""
from __future__ import annotations

import warnings
from typing import List, NamedTuple, Optional

import pandas as pd

from .errors import CasualtiesError, InvalidValueError, SkippedRowsWarning

__all__ = ["ERRORS", "SKIPPED_COLUMNS", "Skipped", "check_errors", "skipped_frame", "skip", "warn_skipped"]

#: The values of the ``errors`` argument.
ERRORS = ("raise", "skip")
#: The columns of a frame of skipped rows: the row's position in the input (the line, for a
#: JSON-lines file), its ``report_id`` (NA when it has none), the field at fault and the message.
SKIPPED_COLUMNS = ["row", "report_id", "field", "error"]
#: At most this many rows are named in the warning (all are in the frame).
SHOWN = 20


class Skipped(NamedTuple):
    """One skipped input row."""

    row: int
    report_id: Optional[str]
    field: Optional[str]
    error: str


def check_errors(errors: str) -> str:
    """``errors`` when it is one of :data:`ERRORS`, else :class:`~casualties.errors.InvalidValueError`."""
    if errors not in ERRORS:
        raise InvalidValueError(f"errors={errors!r} is not one of {ERRORS}")
    return errors


def skip(error: CasualtiesError, row: int, report_id: Optional[str] = None) -> Skipped:
    """The record of the row at ``row`` that raised ``error``."""
    rid = report_id if report_id is not None else (error.row if isinstance(error.row, str) else None)
    return Skipped(row, rid, error.field, str(error))


def skipped_frame(rows: List[Skipped]) -> pd.DataFrame:
    """The frame of skipped ``rows``: ``row`` ``Int64``, the rest ``string``."""
    df = pd.DataFrame([tuple(r) for r in rows], columns=SKIPPED_COLUMNS, dtype=object)
    return df.astype({"row": "Int64", "report_id": "string", "field": "string", "error": "string"})


def warn_skipped(rows: List[Skipped], what: str, stacklevel: int = 3) -> None:
    """One :class:`~casualties.errors.SkippedRowsWarning` naming each of ``rows`` (none: no warning)."""
    if rows:
        warnings.warn(skipped_message(rows, what, "errors='skip'"), SkippedRowsWarning, stacklevel=stacklevel)


def skipped_message(rows: List[Skipped], what: str, how: str) -> str:
    """"<what>: skipped N bad rows (<how>):" then one line per row (row, report, field, error)."""
    lines = [f"row {r.row}" + (f" (report {r.report_id!r})" if r.report_id is not None else "")
             + (f", field {r.field!r}" if r.field else "") + f": {r.error}" for r in rows[:SHOWN]]
    more = f"\n  ... and {len(rows) - SHOWN} more" if len(rows) > SHOWN else ""
    return (f"{what}: skipped {len(rows)} bad row{'s' * (len(rows) != 1)} ({how}):\n  "
            + "\n  ".join(lines) + more)
