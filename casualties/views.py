"""Views of a :class:`~casualties.Result`: an incident's timeline and the HTML a notebook shows.

- :func:`timeline`: every claim about one incident in publication order, with the figures
  a later report of the same source superseded.
- :func:`result_html`: the HTML a notebook shows for a result.

The small formatters (``_as_date``, ``_as_list``, ``_place_text``, ``_date_text``) accept a
date as ``datetime.date``, pandas ``Timestamp`` or ``NaT`` and a list column as a
``;``-joined string or a list; :mod:`casualties.plot` uses them too.

They take a result and read its frames; they never import :mod:`casualties.result`.
"""
from __future__ import annotations

import datetime as _dt
import html
from typing import Any, Dict, List, Optional, Sequence, Tuple

import pandas as pd

from ._util import is_missing as _missing
from .errors import InvalidValueError
from .model import CATEGORIES

__all__ = ["timeline", "TIMELINE_COLUMNS", "result_html"]

#: Columns of :func:`timeline`, in order.
TIMELINE_COLUMNS = [
    "published", "report_id", "source", "cited_source", "category", "victims", "victim_group", "low", "high",
    "value", "qualifier", "field", "quote", "claim_id", "counted", "perpetrator_claim", "superseded",
]

# --------------------------------------------------------------------------- small helpers

def _incident_ids(result) -> List[str]:
    return [str(i) for i in result.incidents["incident_id"] if not _missing(i)]


def _check_incident(result, incident_id: str) -> None:
    """Raise :class:`InvalidValueError` naming ``incident_id`` when the result does not have it."""
    if incident_id not in set(_incident_ids(result)):
        n = len(result.incidents)
        raise InvalidValueError(f"incident_id={incident_id!r} is not an incident of this result "
                                f"({n} incident{'s' * (n != 1)})")


def _check_category(category: Optional[str], allow_none: bool = True) -> None:
    if category is None and allow_none:
        return
    if category not in CATEGORIES:
        raise InvalidValueError(f"category={category!r} is not one of {CATEGORIES}")


# --------------------------------------------------------------------------- timeline

def _superseded(rows: pd.DataFrame) -> List[bool]:
    """For each row: does the same source (``report_id`` when the source is missing or empty)
    have a later-published counted claim in the same category and victim group?

    A claim without a publication date counts as the earliest, as in the ``latest`` policy of
    :func:`casualties.reconcile.best_figure`, so any dated counted claim of its source
    supersedes it.
    """
    def key(r) -> tuple:
        source = None if _missing(r["source"]) or not r["source"] else r["source"]
        group = None if _missing(r["victim_group"]) else r["victim_group"]
        return (source if source is not None else ("report", r["report_id"]), r["category"], group)

    latest: Dict[tuple, _dt.date] = {}
    for _, r in rows.iterrows():
        pub = _as_date(r["published"])
        if bool(r["counted"]) and pub is not None:
            k = key(r)
            if k not in latest or pub > latest[k]:
                latest[k] = pub
    out = []
    for _, r in rows.iterrows():
        last = latest.get(key(r))
        pub = _as_date(r["published"])
        out.append(last is not None and (pub is None or last > pub))
    return out


def _timeline_order(rows: pd.DataFrame) -> List[int]:
    """Positions of ``rows`` by published (missing last), source (missing last), report, start."""
    def key(i: int) -> tuple:
        r = rows.iloc[i]
        pub, src, start = _as_date(r["published"]), r["source"], r["start"]
        return (pub is None, pub or _dt.date.min,
                _missing(src), "" if _missing(src) else str(src),
                str(r["report_id"]), -1 if _missing(start) else int(start))
    return sorted(range(len(rows)), key=key)


def timeline(result, incident_id: str, category: Optional[str] = None) -> pd.DataFrame:
    """Every claim about one incident, in publication order.

    Background claims (other events the reports mention) are left out, except those about this
    incident that a report retells (``role`` "other"); claims that do not
    count (subsets, perpetrator claims, list parts) are kept, with ``counted`` False.

    Parameters
    ----------
    result: what :func:`casualties.reconcile` returned.
    incident_id: an ``incident_id`` of ``result.incidents``.
    category: keep only this category (one of :data:`casualties.CATEGORIES`); default all.

    Returns
    -------
    A DataFrame with the columns :data:`TIMELINE_COLUMNS`, dtypes as in ``result.claims``
    (``superseded`` is ``bool``), ordered by ``published`` (missing last), then ``source``,
    ``report_id`` and position in the text, with a fresh index.  ``superseded`` is True when
    the same source (``report_id`` when the source is missing) has a later-published counted
    claim in the same category and victim group: the figure the ``latest`` policy ignores.
    An incident without claims gives an empty frame with the same columns and dtypes.

    Raises
    ------
    InvalidValueError: ``incident_id`` is not in the result, or ``category`` is unknown.
    """
    _check_incident(result, incident_id)
    _check_category(category)
    claims = result.claims
    # a background claim about this incident is a retelling of it (role "other"): kept
    keep = (claims["incident_id"] == incident_id).fillna(False).astype(bool) & ~(
        claims["background"].astype(bool) & (claims["role"] != "other").fillna(True).astype(bool))
    rows = claims[keep.to_numpy()]
    if category is not None:
        rows = rows[(rows["category"] == category).fillna(False).to_numpy(dtype=bool)]
    rows = rows.iloc[_timeline_order(rows)].reset_index(drop=True)
    out = rows[[c for c in TIMELINE_COLUMNS if c != "superseded"]].copy()
    out["superseded"] = pd.Series(_superseded(rows), index=out.index, dtype=bool)
    return out[TIMELINE_COLUMNS]


# --------------------------------------------------------------------------- formatting

def _as_date(value: Any) -> Optional[_dt.date]:
    """A ``datetime.date`` from a date, a datetime, a pandas ``Timestamp`` or an ISO string;
    ``None`` for a missing value (``None``, ``NaT``, ``NA``) or a string that is no date."""
    if _missing(value):
        return None
    if isinstance(value, _dt.datetime):  # pandas Timestamp is a datetime
        return value.date()
    if isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _as_list(value: Any) -> List[str]:
    """The items of a ``;``-joined string or of a list / tuple / array, as stripped strings
    without empty ones; ``[]`` for a missing value."""
    if isinstance(value, str):
        items = value.split(";")
    elif isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        items = list(value.tolist() if hasattr(value, "tolist") else value)
    elif _missing(value):
        return []
    else:
        items = [value]
    return [str(v).strip() for v in items if not _missing(v) and str(v).strip()]


def _place_text(incident: pd.Series) -> str:
    """``place, admin1, country`` of an incident row, skipping missing parts (and a province
    that repeats the place); "" when all are missing."""
    parts: List[str] = []
    for col in ("place", "admin1", "country"):
        v = incident.get(col)
        if not _missing(v) and str(v).strip() and str(v).strip() not in parts:
            parts.append(str(v).strip())
    return ", ".join(parts)


def _date_text(value: Any) -> str:
    """ISO form of a date (any of the forms :func:`_as_date` reads); "" when missing."""
    d = _as_date(value)
    return "" if d is None else d.isoformat()


# --------------------------------------------------------------------------- HTML

def _cell(value: Any) -> str:
    """An escaped table cell: missing values as an empty string, dates in ISO form."""
    if _missing(value):
        return ""
    if isinstance(value, _dt.date):
        return html.escape(value.isoformat()[:10])
    if isinstance(value, (list, tuple)):  # a list column (sources)
        return html.escape("; ".join(map(str, value)))
    return html.escape(str(value))


def _all_victims_ranges(result, incident_ids: Sequence[str],
                        categories: Sequence[str]) -> Dict[Tuple[str, str], pd.Series]:
    """``{(incident_id, category): row}`` of the all-victims range rows of these incidents."""
    r = result.ranges
    mask = r["victims"].isna() & r["incident_id"].isin(list(incident_ids)) & r["category"].isin(list(categories))
    rows = r[mask.fillna(False).to_numpy(dtype=bool)]
    return {(row["incident_id"], row["category"]): row for _, row in rows.iterrows()}


#: Inline styles of the notebook view.  They are inline (not a ``<style>`` sheet) so that they
#: win over the notebook's own table rules (JupyterLab sets ``white-space: normal``, right
#: alignment and a fixed table layout on every rendered table) and survive sanitisers that
#: drop ``<style>`` elements.
_STYLE = {
    "box": "font-family: inherit; font-size: 13px; line-height: 1.4; max-width: 100%; overflow-x: auto;",
    "head": "margin: 0 0 6px 0; white-space: normal;",
    "table": ("border-collapse: collapse; table-layout: auto; width: auto; margin: 0; "
              "font-size: 13px; border: none;"),
    "th": ("vertical-align: bottom; padding: 3px 8px; white-space: nowrap; "
           "border: none; border-bottom: 1px solid #999; font-weight: bold;"),
    "td": "vertical-align: top; padding: 3px 8px; border: none; border-bottom: 1px solid #ddd;",
    "nowrap": " text-align: left; white-space: nowrap;",
    "place": " text-align: left; white-space: normal; min-width: 9em; max-width: 16em;",
    "wrap": " text-align: left; white-space: normal; min-width: 8em; max-width: 18em;",
    "num": " text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums;",
    "id": "white-space: nowrap; font-family: monospace; font-size: 11px; color: #666;",
    "best": "font-size: 11px; color: #555;",
    "note": "margin: 6px 0 0 0; color: #555;",
}


def _td(text: str, kind: str = "nowrap", title: str = "") -> str:
    """A cell holding already-escaped ``text``; ``kind`` is a key of :data:`_STYLE`."""
    tip = f' title="{html.escape(title)}"' if title else ""
    return f'<td style="{_STYLE["td"]}{_STYLE[kind]}"{tip}>{text}</td>'


def _range_text(row: Optional[pd.Series]) -> Tuple[str, str]:
    """(escaped cell text, tooltip) of an all-victims range row: ``low–high``, ``best b`` under it,
    ``low`` alone when low, high and best agree, and a "≠" when the sources are not consistent; blank when there is no row."""
    if row is None:
        return "", ""
    low, high, best = row["low"], row["high"], row["best"]
    if _missing(low):
        span = "" if _missing(best) else "?"
    elif _missing(high):
        span = f"&ge;{html.escape(str(low))}"
    elif low == high:
        span = html.escape(str(low))
    else:
        span = f"{html.escape(str(low))}&ndash;{html.escape(str(high))}"
    if _missing(best) or (not _missing(low) and low == high == best):
        text = span
    else:
        text = f'{span}<br><span style="{_STYLE["best"]}">best {html.escape(str(best))}</span>'
    consistent = bool(row["consistent"])
    mark = "" if consistent else " &ne;"
    tip = "sources consistent" if consistent else "sources are not consistent"
    return text + mark, tip


def _categories_present(result) -> List[str]:
    """Categories with an all-victims range row anywhere in the result, in :data:`CATEGORIES`
    order, then any other category by name."""
    r = result.ranges
    found = {str(c) for c in r.loc[r["victims"].isna().to_numpy(dtype=bool), "category"] if not _missing(c)}
    return [c for c in CATEGORIES if c in found] + sorted(found - set(CATEGORIES))


def _incident_order(incidents: pd.DataFrame) -> List[int]:
    """Positions of the incidents by date (undated last), then ``incident_id``."""
    def key(i: int) -> tuple:
        d = _as_date(incidents["date"].iloc[i])
        iid = incidents["incident_id"].iloc[i]
        return (d is None, d or _dt.date.min, "" if _missing(iid) else str(iid))
    return sorted(range(len(incidents)), key=key)


def _incident_row(inc: pd.Series, cats: Sequence[str], ranges: Dict[Tuple[str, str], pd.Series]) -> str:
    sources = "; ".join(_as_list(inc.get("sources")))
    when = html.escape(_date_text(inc["date"]) or "undated")
    iid = f'<br><span style="{_STYLE["id"]}">{_cell(inc["incident_id"])}</span>'
    cells = [_td(when + iid),
             _td(html.escape(_place_text(inc)), "place"),
             _td(html.escape(sources), "wrap"),
             _td(_cell(inc["n_reports"]), "num")]
    for c in cats:
        text, tip = _range_text(ranges.get((inc["incident_id"], c)))
        cells.append(_td(text, "num", tip))
    return "<tr>" + "".join(cells) + "</tr>"


def _header(result) -> str:
    n_rep, n_inc, n_cl = len(result.reports), len(result.incidents), len(result.claims)
    return (f"casualties.Result: {n_rep} report{'s' * (n_rep != 1)}, {n_inc} incident{'s' * (n_inc != 1)}, "
            f"{n_cl} claim{'s' * (n_cl != 1)}, best policy {result.policy}")


def result_html(result, max_incidents: int = 20) -> str:
    """An HTML summary of ``result`` for notebooks (what ``Result._repr_html_`` shows).

    A header line (reports, incidents, claims, best policy), then one table row per incident,
    by date (undated last, then by ``incident_id``): date with the incident id under it,
    place (place, province or state, country), sources, number of reports, then one column per category that has an
    all-victims range anywhere in the result (in :data:`casualties.CATEGORIES` order:
    killed, injured, missing, kidnapped, captured): ``low–high`` with ``best b`` under it (the one figure
    when low, high and best agree), ``≥low`` for an open range, followed by "≠" when the
    sources are not consistent (a note under the table says so).
    The styles are inline, so the table reads the same under a notebook's CSS and under none;
    dates, counts and ids never wrap.  Every value is escaped with :func:`html.escape`.

    Parameters
    ----------
    result: what :func:`casualties.reconcile` returned.
    max_incidents: show at most this many incidents (the earliest), then a
        "… N more incidents" note.

    Raises
    ------
    InvalidValueError: ``max_incidents`` is not a non-negative integer.
    """
    if isinstance(max_incidents, bool) or not isinstance(max_incidents, int) or max_incidents < 0:
        raise InvalidValueError(f"max_incidents={max_incidents!r} must be a non-negative integer")
    parts = [f'<div class="casualties-result" style="{_STYLE["box"]}">',
             f'<p style="{_STYLE["head"]}">{html.escape(_header(result))}</p>']
    n_inc = len(result.incidents)
    if n_inc:
        cats = _categories_present(result)
        shown = result.incidents.iloc[_incident_order(result.incidents)[:max_incidents]]
        ranges = _all_victims_ranges(result, shown["incident_id"].tolist(), cats)
        names = ["date / id", "place", "sources", "reports"] + list(cats)
        align = ["left"] * 3 + ["right"] * (len(cats) + 1)
        ths = "".join(f'<th style="{_STYLE["th"]} text-align: {a};">{html.escape(n)}</th>'
                      for n, a in zip(names, align))
        parts += [f'<table class="casualties-table" style="{_STYLE["table"]}">',
                  f"<thead><tr>{ths}</tr></thead>", "<tbody>"]
        parts += [_incident_row(inc, cats, ranges) for _, inc in shown.iterrows()]
        parts += ["</tbody>", "</table>"]
        if any(not bool(row["consistent"]) for row in ranges.values()):
            parts.append(f'<p style="{_STYLE["note"]}">&ne; the sources&rsquo; figures are not consistent</p>')
        if n_inc > max_incidents:
            more = n_inc - max_incidents
            parts.append(f'<p style="{_STYLE["note"]}">&hellip; {more} more incident{"s" * (more != 1)}</p>')
    parts.append("</div>")
    return "\n".join(parts)
