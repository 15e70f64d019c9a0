"""Views of a :class:`~casualties.Result`: an incident's timeline and the HTML a notebook shows.

- :func:`timeline`: every claim about one incident in publication order, with the figures
  a later report of the same source superseded.
- :func:`result_html`: the HTML a notebook shows for a result.

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
        pub = None if _missing(r["published"]) else r["published"]
        if bool(r["counted"]) and pub is not None:
            k = key(r)
            if k not in latest or pub > latest[k]:
                latest[k] = pub
    out = []
    for _, r in rows.iterrows():
        last = latest.get(key(r))
        pub = None if _missing(r["published"]) else r["published"]
        out.append(last is not None and (pub is None or last > pub))
    return out


def _timeline_order(rows: pd.DataFrame) -> List[int]:
    """Positions of ``rows`` by published (missing last), source (missing last), report, start."""
    def key(i: int) -> tuple:
        r = rows.iloc[i]
        pub, src, start = r["published"], r["source"], r["start"]
        return (_missing(pub), _dt.date.min if _missing(pub) else pub,
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


def _range_cells(row: Optional[pd.Series]) -> List[str]:
    """``low–high``, ``best`` and the consistency flag of an all-victims range row (or blanks)."""
    if row is None:
        return ["", "", ""]
    low, high, best = row["low"], row["high"], row["best"]
    if _missing(low):
        span = ""
    elif _missing(high) or low == high:
        span = _cell(low)
    else:
        span = f"{_cell(low)}&ndash;{_cell(high)}"
    return [span, _cell(best), "yes" if bool(row["consistent"]) else "no"]


def _all_victims_ranges(result, incident_ids: Sequence[str],
                        categories: Sequence[str]) -> Dict[Tuple[str, str], pd.Series]:
    """``{(incident_id, category): row}`` of the all-victims range rows of these incidents."""
    r = result.ranges
    mask = r["victims"].isna() & r["incident_id"].isin(list(incident_ids)) & r["category"].isin(list(categories))
    rows = r[mask.fillna(False).to_numpy(dtype=bool)]
    return {(row["incident_id"], row["category"]): row for _, row in rows.iterrows()}


def result_html(result, max_incidents: int = 20) -> str:
    """An HTML summary of ``result`` for notebooks (what ``Result._repr_html_`` shows).

    A header line (reports, incidents, claims, best policy), then one table row per incident,
    in the order of ``result.incidents``: date, place, number of reports, sources, and the
    all-victims ``killed`` and ``injured`` ranges (low–high, best, whether the sources are
    consistent).  Every value is escaped with :func:`html.escape`.

    Parameters
    ----------
    result: what :func:`casualties.reconcile` returned.
    max_incidents: show at most this many incidents, then a "… N more incidents" note.

    Raises
    ------
    InvalidValueError: ``max_incidents`` is not a non-negative integer.
    """
    if isinstance(max_incidents, bool) or not isinstance(max_incidents, int) or max_incidents < 0:
        raise InvalidValueError(f"max_incidents={max_incidents!r} must be a non-negative integer")
    cats = ("killed", "injured")
    n_rep, n_inc, n_cl = len(result.reports), len(result.incidents), len(result.claims)
    header = (f"casualties.Result: {n_rep} report{'s' * (n_rep != 1)}, {n_inc} incident{'s' * (n_inc != 1)}, "
              f"{n_cl} claim{'s' * (n_cl != 1)}, best policy {result.policy}")
    parts = ['<div class="casualties-result">', f"<p>{html.escape(header)}</p>"]
    if n_inc:
        shown = result.incidents.head(max_incidents)
        ranges = _all_victims_ranges(result, shown["incident_id"].tolist(), cats)
        th = "".join(f'<th colspan="3">{c}</th>' for c in cats)
        sub = "<th>low&ndash;high</th><th>best</th><th>consistent</th>" * len(cats)
        parts += ["<table>", "<thead>",
                  f'<tr><th rowspan="2">incident</th><th rowspan="2">date</th><th rowspan="2">place</th>'
                  f'<th rowspan="2">reports</th><th rowspan="2">sources</th>{th}</tr>',
                  f"<tr>{sub}</tr>", "</thead>", "<tbody>"]
        for _, inc in shown.iterrows():
            cells = [_cell(inc["incident_id"]), _cell(inc["date"]), _cell(inc["place"]), _cell(inc["n_reports"]),
                     _cell(inc["sources"])]
            for c in cats:
                cells += _range_cells(ranges.get((inc["incident_id"], c)))
            parts.append("<tr>" + "".join(f"<td>{v}</td>" for v in cells) + "</tr>")
        parts += ["</tbody>", "</table>"]
        if n_inc > max_incidents:
            more = n_inc - max_incidents
            parts.append(f"<p>&hellip; {more} more incident{'s' * (more != 1)}</p>")
    parts.append("</div>")
    return "\n".join(parts)
