"""What the command line prints: cells, tables and incidents, fitted to the terminal.

The output is as wide as the terminal (:func:`output_width`: ``COLUMNS``, else the terminal,
else 80 columns); no line is longer.  Free text (quotes, sources, the best basis) is cut with
an ellipsis to fit.  Colour and bold only when stdout is a terminal and ``NO_COLOR`` is not
set (:func:`use_colour`).  rich lays out the tables and applies the styles.

Cells accept what the result frames hold today and what they may hold: a date as
``datetime.date``, ``datetime``, ``pandas.Timestamp``, ``numpy.datetime64`` or ISO string;
claim ids as a ``;``-joined string or a list; numbers as ints or pandas' nullable integers.
"""
from __future__ import annotations

import datetime as _dt
import os
import re
import shutil
import sys
from typing import Iterable, List, Optional, Sequence

from ._util import is_missing

__all__ = ["output_width", "use_colour", "make_console", "fmt_text", "fmt_date", "fmt_int", "fmt_ids",
           "fmt_interval", "fmt_qualifier", "fmt_quote", "flag_names", "fit_table"]

#: Styles, by role (only shown on a colour terminal).
STYLES = {"incident": "bold", "figure": "bold cyan", "conflict": "bold red", "dim": "dim",
          "header": "bold", "summary": "bold", "quote": "green"}


# --------------------------------------------------------------------------- terminal

def output_width(stream=None) -> int:
    """The width to print at: ``COLUMNS``, else the terminal's, else 80 (at least 40)."""
    return max(40, shutil.get_terminal_size((80, 24)).columns)


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def use_colour(stream=None) -> bool:
    """Colour and bold: only on a terminal, and never with ``NO_COLOR`` set (https://no-color.org)."""
    stream = stream if stream is not None else sys.stdout
    return _isatty(stream) and not os.environ.get("NO_COLOR")


def make_console(stream=None, width: Optional[int] = None):
    """A rich console on ``stream`` (default stdout): fixed width, no markup or highlighting,
    colour only per :func:`use_colour`."""
    from rich.console import Console

    stream = stream if stream is not None else sys.stdout
    colour = use_colour(stream)
    return Console(file=stream, width=width or output_width(stream), color_system="standard" if colour else None,
                   force_terminal=colour, no_color=not colour, markup=False, highlight=False, emoji=False,
                   soft_wrap=False, legacy_windows=False)


# --------------------------------------------------------------------------- cells

def fmt_text(v, empty: str = "-") -> str:
    """Free text on one line: missing as ``-``, whitespace runs as one space."""
    if is_missing(v):
        return empty
    s = re.sub(r"\s+", " ", str(v)).strip()
    return s or empty


def fmt_date(v) -> str:
    """``YYYY-MM-DD`` from a date, datetime, Timestamp, datetime64 or ISO string; ``-`` when missing."""
    if v is None or is_missing(v):
        return "-"
    if isinstance(v, (_dt.date, _dt.datetime)):  # pandas.Timestamp is a datetime
        return v.isoformat()[:10]
    if hasattr(v, "dtype") and str(getattr(v, "dtype", "")).startswith("datetime64"):
        return str(v)[:10]
    return fmt_text(v)[:10]


def fmt_int(v) -> str:
    return "-" if is_missing(v) else str(int(v))


def fmt_ids(v) -> List[str]:
    """Claim or report ids from a ``;``-joined string, a list/tuple/array, or missing."""
    if isinstance(v, str):
        return [x for x in v.split(";") if x]
    if v is None:
        return []
    if isinstance(v, (list, tuple)) or hasattr(v, "tolist"):
        return [str(x) for x in (v.tolist() if hasattr(v, "tolist") else v) if not is_missing(x) and str(x)]
    return [] if is_missing(v) else [x for x in str(v).split(";") if x]


def fmt_interval(low, high) -> str:
    lo = "-" if is_missing(low) else str(int(low))
    hi = "open)" if is_missing(high) else f"{int(high)}]"
    return f"[{lo}, {hi}"


def fmt_qualifier(q) -> str:
    return fmt_text(q).replace("_", " ")


def fmt_quote(q) -> str:
    return '"' + fmt_text(q, empty="") + '"'


def flag_names(background, subset, part_of_list, perpetrator_claim) -> List[str]:
    out = []
    for on, name in ((background, "background"), (subset, "subset"),
                     (part_of_list, "list part"), (perpetrator_claim, "perpetrator claim")):
        if not is_missing(on) and bool(on):
            out.append(name)
    return out


# --------------------------------------------------------------------------- tables

GAP = 2
#: The narrowest a flexible (free text) column is cut to.
MIN_FLEXIBLE = 20


def _natural_widths(columns: Sequence[str], rows: Sequence[Sequence], caps: dict) -> List[int]:
    return [min(max([len(name)] + [len(str(r[i])) for r in rows]), caps.get(name, 10 ** 6))
            for i, name in enumerate(columns)]


def columns_that_fit(columns: Sequence[str], rows: Sequence[Sequence], width: int, *, flexible: str,
                     optional: Sequence[str] = (), indent: int = 2, caps: Optional[dict] = None) -> List[str]:
    """``columns`` less the ``optional`` ones (dropped in that order) that leave the ``flexible``
    column fewer than :data:`MIN_FLEXIBLE` characters in ``width``."""
    natural = dict(zip(columns, _natural_widths(columns, rows, caps or {})))
    kept = list(columns)
    for name in [None, *optional]:
        if name is not None:
            kept.remove(name)
        others = sum(natural[c] for c in kept if c != flexible) + GAP * (len(kept) - 1)
        if width - indent - others >= MIN_FLEXIBLE:
            break
    return kept


def select_columns(columns: Sequence[str], rows: Sequence[Sequence], kept: Sequence[str]):
    """``(kept, rows with only those cells)``."""
    idx = [list(columns).index(c) for c in kept]
    return list(kept), [[r[i] for i in idx] for r in rows]


def fit_table(columns: Sequence[str], rows: Sequence[Sequence], width: int, *, right: Iterable[str] = (),
              flexible: str = "", indent: int = 2, caps: Optional[dict] = None):
    """A borderless rich table ``indent`` columns in, at most ``width`` wide: header in bold,
    cells on one line; the ``flexible`` column (free text, e.g. the quote) is cut with an
    ellipsis to what the other columns leave (at least 8 characters); ``caps``: the widest
    some other columns may be ({name: width})."""
    from rich.padding import Padding
    from rich.table import Table

    right = set(right)
    natural = _natural_widths(columns, rows, caps or {})
    caps = caps or {}
    flex = columns.index(flexible) if flexible in columns else None
    if flex is not None:
        others = sum(w for i, w in enumerate(natural) if i != flex) + GAP * (len(columns) - 1)
        natural[flex] = max(8, min(natural[flex], width - indent - others))
    table = Table(box=None, show_edge=False, pad_edge=False, padding=(0, GAP, 0, 0), collapse_padding=True,
                  header_style=STYLES["header"], expand=False, width=None)
    for i, name in enumerate(columns):
        table.add_column(name, justify="right" if name in right else "left", no_wrap=True, overflow="ellipsis",
                         max_width=natural[i] if i == flex or name in caps else None)
    for r in rows:
        table.add_row(*r)
    return Padding(table, (0, 0, 0, indent))
