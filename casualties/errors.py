"""Exceptions raised by `casualties`.

Every exception subclasses :class:`CasualtiesError` *and* the builtin that matches the
mistake, so ``except TypeError`` in a caller's pipeline keeps working.  Messages name the
row (``report_id`` or position) and the field that was wrong.
"""
from __future__ import annotations

__all__ = [
    "CasualtiesError",
    "InputTypeError",
    "MissingColumnError",
    "DuplicateReportError",
    "InvalidValueError",
    "LexiconError",
    "MissingDependencyError",
    "CasualtiesWarning",
    "MissingDateWarning",
    "SkippedRowsWarning",
    "StoreLockedError",
    "StoreVersionError",
]


class CasualtiesError(Exception):
    """Base class of every error raised on purpose by `casualties`.

    An error about one input row also says so in attributes: ``row`` (its ``report_id`` when
    it has one, else its position or file line) and ``field`` (the column); both are None
    otherwise."""

    def __init__(self, *args, row=None, field=None):
        super().__init__(*args)
        self.row, self.field = row, field


class InputTypeError(CasualtiesError, TypeError):
    """An argument or a field of a report has the wrong type (e.g. ``text`` is not a str)."""


class MissingColumnError(CasualtiesError, KeyError):
    """A required column (``report_id`` or ``text``) is absent from the input."""

    def __str__(self) -> str:  # KeyError quotes its argument; keep the message readable
        return str(self.args[0]) if self.args else ""


class DuplicateReportError(CasualtiesError, ValueError):
    """Two or more input rows share a ``report_id``."""


class InvalidValueError(CasualtiesError, ValueError):
    """A field has the right type but an unusable value (an unparseable date, a bad policy)."""


class LexiconError(CasualtiesError, ValueError):
    """A bundled or user-supplied word table is malformed."""


class MissingDependencyError(CasualtiesError, ImportError):
    """An optional package needed for this step (``pyarrow`` for Parquet) is not installed."""


class StoreLockedError(CasualtiesError, BlockingIOError):
    """Another process has the casualty store open for writing (one writer per file)."""


class StoreVersionError(CasualtiesError, RuntimeError):
    """The casualty store was written by a newer version of `casualties` (or is not a store)."""


class CasualtiesWarning(UserWarning):
    """Base class of every warning issued by `casualties`."""


class MissingDateWarning(CasualtiesWarning):
    """Reports without a ``published`` date were reconciled: weekdays and relative dates in
    their texts ("on Wednesday", "yesterday") cannot be resolved, so their event dates are
    missing and clustering has one cue fewer.  Issued once per call, naming how many reports
    and a few of their ids (a folder of text files read without its metadata sidecar is the
    usual cause)."""


class SkippedRowsWarning(CasualtiesWarning):
    """``errors="skip"`` left bad input rows out (:func:`casualties.reconcile`,
    :func:`casualties.read_reports`).  Issued once per call, naming each skipped row, its field
    and the error; the same rows are in ``Result.skipped`` (``read_reports``:
    ``frame.attrs["skipped"]``)."""
