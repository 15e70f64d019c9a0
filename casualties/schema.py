"""The frames of a :class:`~casualties.Result`, declared once: every column's name, dtype and meaning.

:data:`FRAMES` is the one declaration.  :func:`typed_frame` builds a frame from it (reconcile,
the Dask partitions, the Store), :func:`casualties.frames.read_frame` reads files back with it,
:mod:`casualties.store_schema` derives the DuckDB tables from it, and the reference page
``docs/reference/frames.md`` prints it (``tests/test_schema.py`` checks the page against it).

Kinds of column (the dtype of each in pandas, Parquet and DuckDB):

==========  ====================  =====================  ============
kind        pandas dtype          Parquet (Arrow)        DuckDB
==========  ====================  =====================  ============
``count``   ``Int64`` (nullable)  ``int64``              ``BIGINT``
``flag``    ``bool``              ``bool``               ``BOOLEAN``
``date``    ``datetime64[s]``     ``date32``             ``DATE``
``text``    ``string``            ``string``             ``VARCHAR``
``list``    ``object``: lists     ``list<string>``       ``VARCHAR[]``
==========  ====================  =====================  ============

Missing is ``pd.NA`` (counts, text) or ``NaT`` (dates), never ``""``; a list column is never
missing (an empty list when there is nothing to list); flags are never missing.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, Iterable, List, Sequence, Tuple

import attrs
import numpy as np
import pandas as pd

__all__ = ["Column", "FRAMES", "KINDS", "DTYPES", "columns_of", "column_kind", "typed_frame", "to_list", "to_day",
           "CLAIM_COLUMNS", "RANGE_COLUMNS", "REPORT_FRAME_COLUMNS", "REPORT_INCIDENT_COLUMNS", "INCIDENT_COLUMNS",
           "LIST_SEPARATOR"]

#: The kinds of column, and the pandas dtype of each.
DTYPES = {"count": "Int64", "flag": "bool", "date": "datetime64[s]", "text": "string", "list": "object"}
KINDS = tuple(DTYPES)
#: What joins the items of a list column in a CSV cell (split back on read).
LIST_SEPARATOR = ";"


@attrs.frozen
class Column:
    """One column of a result frame: its ``name``, ``kind`` (a key of :data:`DTYPES`) and meaning."""

    name: str
    kind: str = attrs.field(validator=attrs.validators.in_(KINDS))
    meaning: str

    @property
    def dtype(self) -> str:
        return DTYPES[self.kind]


def _cols(*specs: Tuple[str, str, str]) -> Tuple[Column, ...]:
    return tuple(Column(n, k, m) for n, k, m in specs)


_REPORT_ID = ("report_id", "text", "the report (an input row's `report_id`)")
_INCIDENT_ID = ("incident_id", "text", "the incident (`inc-<smallest report id>`)")

#: Every result frame: ``{frame: (Column, ...)}`` in column order.
FRAMES: Dict[str, Tuple[Column, ...]] = {
    "reports": _cols(
        _REPORT_ID,
        ("incident_id", "text", "the report's main incident"),
        ("source", "text", "the outlet that published it; NA when not given"),
        ("published", "date", "its publication day; NaT when not given"),
        ("n_claims", "count", "how many claims were found in its title and text"),
        ("n_input_rows", "count", "how many identical input rows it had"),
    ),
    "claims": _cols(
        ("claim_id", "text", "`<report_id>:<n>` (`<report_id>:title:<n>` for the headline)"),
        _REPORT_ID,
        ("incident_id", "text", "the incident it counts toward; NA for background"),
        ("role", "text", "`main` (the report's main event) or `other` (an event it retells); NA for background"),
        ("field", "text", "`text` or `title`: where `start` / `end` point"),
        ("category", "text", "killed, injured, missing, kidnapped or captured"),
        ("low", "count", "the interval's lower bound"),
        ("high", "count", "the interval's upper bound; NA when open above"),
        ("value", "count", "the single number stated; NA for a range or a vague word"),
        ("qualifier", "text", "exact, at_least, more_than, up_to, at_most, about, between or vague"),
        ("victims", "text", "the victims as said; NA when not said"),
        ("victim_group", "text", "civilian, security forces, armed group or unknown"),
        ("start", "count", "character offset of the quote in `field`"),
        ("end", "count", "end offset of the quote"),
        ("quote", "text", "the exact words (`text[start:end]`)"),
        ("source", "text", "the report's outlet; NA when not given"),
        ("cited_source", "text", "the body the report cites for this figure; NA when none"),
        ("published", "date", "the report's publication day; NaT when not given"),
        ("background", "flag", "an aggregate over many incidents (counts toward none)"),
        ("subset", "flag", "part of a total stated elsewhere (\"up to 18 of the 25\")"),
        ("part_of_list", "flag", "one group of a list whose sum is a claim of its own"),
        ("perpetrator_claim", "flag", "a figure claimed by the perpetrator"),
        ("counted", "flag", "whether it counts toward its incident's all-victims range"),
        ("basis", "text", "why extraction or reconciliation decided as it did; NA when nothing to say"),
    ),
    "incidents": _cols(
        _INCIDENT_ID,
        ("date", "date", "the event day most of its reports give; NaT when none"),
        ("place", "text", "the town or place; NA when unknown"),
        ("admin1", "text", "the province (first-level division); NA when unknown"),
        ("country", "text", "the country; NA when unknown"),
        ("kind", "text", "the kind of attack (truck bomb, shooting, ...); NA when unknown"),
        ("perpetrator", "text", "the perpetrator named; NA when none"),
        ("n_reports", "count", "how many reports tell of it"),
        ("sources", "list", "the outlets of those reports, sorted"),
        ("report_ids", "list", "those reports"),
    ),
    "ranges": _cols(
        _INCIDENT_ID,
        ("category", "text", "the category"),
        ("victims", "text", "NA for the all-victims row, else the normalised victim group"),
        ("low", "count", "the smallest stated value among the claims that count (IBC's minimum)"),
        ("best", "count", "the library's single figure under `best_policy`; `low <= best <= high`"),
        ("high", "count", "the largest stated value among the claims that count (IBC's maximum)"),
        ("high_open", "flag", "no claim bounds the figure above (all say \"at least\", \"more than\" or a vague "
                              "word): the count may exceed `high`"),
        ("consensus_low", "count", "the lower end of the intersection of the claims' intervals"),
        ("consensus_high", "count", "its upper end; NA when open above (`high_open`) or when the claims conflict"),
        ("consistent", "flag", "the intersection is not empty"),
        ("n_claims", "count", "how many claims counted"),
        ("n_sources", "count", "how many sources (outlets, else reports) are behind them"),
        ("best_policy", "text", "the policy that chose `best`"),
        ("best_basis", "text", "why `best` is what it is"),
        ("low_claims", "list", "the claims stating `low`"),
        ("best_claims", "list", "the claims giving `best`"),
        ("high_claims", "list", "the claims stating `high`"),
        ("claims", "list", "every claim that counted"),
        ("retold_claims", "list", "those of them that come from a report retelling the event"),
        ("sources", "list", "the outlets behind them, sorted"),
        ("cited_sources", "list", "the bodies they cite, sorted"),
        ("disagreeing_claims", "list", "when not consistent, the claims outside the majority's bounds"),
    ),
    "report_incidents": _cols(
        _REPORT_ID,
        ("incident_id", "text", "an incident the report tells of"),
        ("role", "text", "`main` or `other` (an event it retells)"),
        ("event", "count", "0 for the main event, n for the n-th event retold"),
        ("opener", "text", "the words that opened the retold event's frame; NA for the main event"),
        ("date", "date", "the retold event's day; NaT when its opener names none (and for the main event)"),
        ("date_basis", "text", "how that day was read; NA when none"),
        ("n_claims", "count", "how many of the report's claims are about that event"),
    ),
}

_KIND_OF: Dict[str, str] = {}
for _frame_columns in FRAMES.values():
    for _c in _frame_columns:
        if _KIND_OF.setdefault(_c.name, _c.kind) != _c.kind:  # pragma: no cover - a declaration error
            raise AssertionError(f"column {_c.name!r} has two kinds")


def columns_of(frame: str) -> List[str]:
    """The column names of result frame ``frame``, in order."""
    return [c.name for c in FRAMES[frame]]


def column_kind(name: str) -> str:
    """The kind of the column ``name`` (the same in every frame that has it); ``text`` for others."""
    return _KIND_OF.get(name, "text")


CLAIM_COLUMNS = columns_of("claims")
RANGE_COLUMNS = columns_of("ranges")
REPORT_FRAME_COLUMNS = columns_of("reports")
REPORT_INCIDENT_COLUMNS = columns_of("report_incidents")
INCIDENT_COLUMNS = columns_of("incidents")


def _missing(v: Any) -> bool:
    if v is None or v is pd.NA or v is pd.NaT:
        return True
    return isinstance(v, (float, np.floating)) and v != v or isinstance(v, np.datetime64) and np.isnat(v)


def to_list(value: Any) -> List[str]:
    """A list column's value as a list of strings: a list, tuple or array as it is, a string
    split on :data:`LIST_SEPARATOR` (items stripped, empty ones dropped), missing as ``[]``."""
    if isinstance(value, str):
        return [s.strip() for s in value.split(LIST_SEPARATOR) if s.strip()]
    if value is None or (not isinstance(value, (list, tuple, np.ndarray)) and _missing(value)):
        return []
    return [str(v) for v in value]


def to_day(value: Any) -> np.datetime64:
    """A date column's value as ``numpy.datetime64`` in seconds (``NaT`` when missing): from a
    date, datetime (an aware one in UTC), Timestamp, ``numpy.datetime64`` or ISO string."""
    if _missing(value) or (isinstance(value, str) and not value.strip()):
        return np.datetime64("NaT", "s")
    if isinstance(value, str):
        value = pd.Timestamp(value.strip())
    if isinstance(value, _dt.datetime) and value.tzinfo is not None:  # Timestamp is a datetime
        value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    return np.datetime64(value, "s")


def _text(value: Any) -> Any:
    if _missing(value) or value == "":
        return pd.NA
    return value if isinstance(value, str) else str(value)


def _dates(series: pd.Series) -> pd.Series:
    try:  # the usual case: dates, datetimes, Timestamps and missing values
        if not any(isinstance(v, str) or getattr(v, "tzinfo", None) is not None for v in series):
            return pd.to_datetime(series).astype("datetime64[s]")
    except (TypeError, ValueError, OverflowError, pd.errors.OutOfBoundsDatetime):
        pass
    return pd.Series([to_day(v) for v in series], dtype="datetime64[s]", index=series.index)


def _typed(series: pd.Series, kind: str) -> pd.Series:
    if kind == "count":
        return series.astype("Int64")
    if kind == "flag":
        return series.astype(bool)
    if kind == "date":
        return _dates(series)
    if kind == "list":
        return pd.Series([v if type(v) is list else to_list(v) for v in series], dtype="object", index=series.index)
    text = series.astype("string")
    return text.mask(text == "")


def typed_frame(rows: List[dict], columns: Sequence[str]) -> pd.DataFrame:
    """A frame whose dtypes depend on the column, never on the rows (:data:`FRAMES`): counts
    ``Int64``, flags ``bool``, dates ``datetime64[s]`` (``NaT`` missing), text ``string``
    (``pd.NA`` missing, ``""`` read as missing), lists of strings (a ``;``-joined string is
    split)."""
    df = pd.DataFrame(rows, columns=list(columns), dtype=object)
    return pd.DataFrame({c: _typed(df[c], column_kind(c)) for c in df.columns}, index=df.index)


def columns_markdown() -> str:
    """The reference page of the frames' columns (``docs/reference/columns.md``), generated
    from :data:`FRAMES`: ``python -m casualties.schema > docs/reference/columns.md``."""
    out = ["# Columns of the result frames", "",
           "<!-- generated by `python -m casualties.schema > docs/reference/columns.md`; "
           "tests/test_schema.py checks it -->", "",
           "Every frame of a `casualties.Result` has these columns, in this order, with these dtypes, "
           "whatever the rows (`casualties.schema.FRAMES` declares them; reconcile, the Dask path, "
           "`casualties.frames.read_frame` and the Store all build frames from it). Missing is `<NA>` "
           "(counts, text) or `NaT` (dates), never `\"\"`; list columns hold Python lists (empty when "
           "there is nothing to list) and are never missing.", "",
           "| kind | pandas | Parquet | CSV | DuckDB (Store) |", "|---|---|---|---|---|",
           "| count | `Int64` | `int64` | digits | `BIGINT` |",
           "| flag | `bool` | `bool` | `True` / `False` | `BOOLEAN` |",
           "| date | `datetime64[s]` (a day at midnight) | `date32` | `YYYY-MM-DD` | `DATE` |",
           "| text | `string` | `string` | the text (empty cell: missing) | `VARCHAR` |",
           f"| list | `object`: lists of `str` | `list<string>` | items joined with `{LIST_SEPARATOR}` "
           "(split back on read) | `VARCHAR[]` |", ""]
    for frame, cols in FRAMES.items():
        out += [f"## `result.{frame}`", "", "| column | dtype | meaning |", "|---|---|---|"]
        out += [f"| `{c.name}` | `{c.dtype}` | {c.meaning} |" for c in cols]
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover - regenerates the reference page
    print(columns_markdown(), end="")
