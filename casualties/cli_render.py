"""The printouts of ``casualties reconcile`` and ``casualties claims`` (see :mod:`casualties.cli_format`).

``reconcile``: one block per incident, sorted by date (or by deaths): a bold header line (id,
date, place, kind, perpetrator, reports), its ranges (low, best, high, whether the sources
agree, the best basis), the claims behind low and high, its reports; its claims only on
request.  ``claims``: one block per report with its claims.
"""
from __future__ import annotations

from typing import Dict, List, Optional

import pandas as pd

from ._util import is_missing
from .cli_format import (STYLES, columns_that_fit, fit_table, select_columns, flag_names, fmt_date, fmt_ids, fmt_int, fmt_interval, fmt_qualifier,
                         fmt_quote, fmt_text)

__all__ = ["SORT_KEYS", "incident_order", "print_reconcile", "print_report_claims"]

SORT_KEYS = ("date", "deaths")


def _styled(text: str, style: str):
    from rich.text import Text

    return Text(text, style=STYLES[style])


def _line(console, text, indent: int = 0) -> None:
    """One line, cut with an ellipsis at the console's width."""
    from rich.text import Text

    t = text if isinstance(text, Text) else Text(text)
    if indent:
        t = Text(" " * indent) + t
    t.truncate(console.width, overflow="ellipsis")
    console.print(t, no_wrap=True, overflow="ellipsis", crop=True)


def _deaths(ranges: pd.DataFrame) -> Dict[str, Optional[int]]:
    """``{incident_id: best killed figure}`` from the all-victims killed rows."""
    rows = ranges[(ranges["category"] == "killed") & ranges["victims"].isna()]
    return {iid: (None if is_missing(b) else int(b)) for iid, b in zip(rows["incident_id"], rows["best"])}


def incident_order(result, sort: str = "date") -> List[str]:
    """Incident ids by date (missing dates last; then id) or by deaths (most first, then date)."""
    inc = result.incidents
    dates = {iid: fmt_date(d) for iid, d in zip(inc["incident_id"], inc["date"])}
    by_date = sorted(dates, key=lambda i: (dates[i] == "-", dates[i], i))
    if sort == "date":
        return by_date
    deaths = _deaths(result.ranges)
    rank = {iid: k for k, iid in enumerate(by_date)}
    return sorted(by_date, key=lambda i: (deaths.get(i) is None, -(deaths.get(i) or 0), rank[i]))


def _header(inc, n_reports: int):
    from rich.text import Text

    place = ", ".join(fmt_text(inc[c]) for c in ("place", "admin1", "country") if not is_missing(inc[c]))
    parts = [fmt_date(inc["date"]), f"{n_reports} report{'s' * (n_reports != 1)}", place or "place unknown"]
    parts += [fmt_text(inc[c]) for c in ("kind", "perpetrator") if not is_missing(inc[c])]
    return Text(str(inc["incident_id"]), style=STYLES["incident"]) + Text(" | " + " | ".join(parts))


def _ranges_table(ranges: pd.DataFrame, width: int):
    rows = []
    for _, g in ranges.iterrows():
        agree = _styled("yes", "dim") if bool(g["consistent"]) else _styled("conflict", "conflict")
        rows.append([fmt_text(g["category"]), fmt_text(g["victims"], empty="all"), fmt_int(g["low"]),
                     _styled(fmt_int(g["best"]), "figure"), fmt_int(g["high"]), agree, fmt_int(g["n_claims"]),
                     fmt_text(g["best_basis"])])
    return fit_table(["category", "victims", "low", "best", "high", "agree", "claims", "best basis"], rows, width,
                     right={"low", "best", "high", "claims"}, flexible="best basis")


#: Report ids longer than this are shortened in the attribution lines (``6488a840…:2``), as
#: git shortens hashes; the report lines below them give the full id.
LONG_ID = 16


def short_claim_id(claim_id: str) -> str:
    """``seed-000:1`` as it is; ``6488a840ea96a338d530b1e038db96ba:2`` as ``6488a840…:2``."""
    report, sep, rest = str(claim_id).partition(":")
    return f"{report[:8]}\u2026{sep}{rest}" if len(report) > LONG_ID else str(claim_id)


def _bound(label: str, value, ids: List[str], quotes: dict):
    """``low      44  seed-000:0 (+3) "killed 44"``: the first claim that sets the bound, how
    many more do, and its quote."""
    from rich.text import Text

    more = f" (+{len(ids) - 1})" if len(ids) > 1 else ""
    return (Text(f"{label:<8}{fmt_int(value):>5}  ") + Text(short_claim_id(ids[0]) + more + " ")
            + _styled(fmt_quote(quotes.get(ids[0], "?")), "quote"))


def _what(g) -> str:
    """``killed`` (all victims) or ``killed, armed group``."""
    return fmt_text(g["category"]) + ("" if is_missing(g["victims"]) else f", {fmt_text(g['victims'])}")


def _attribution(console, ranges: pd.DataFrame, quotes: dict) -> None:
    """The claims that set low and high, one line each (one line when the same claims set both)."""
    from rich.text import Text

    width = max(len(_what(g)) for _, g in ranges.iterrows())
    for _, g in ranges.iterrows():
        lo, hi = fmt_ids(g["low_claims"]), fmt_ids(g["high_claims"])
        if not lo and not hi:
            continue
        pad = Text(f"{_what(g):<{width}}  ")
        if lo and lo == hi:
            label = "low/high" if fmt_int(g["low"]) == fmt_int(g["high"]) else "low+high"
            _line(console, pad + _bound(label, g["low"], lo, quotes), indent=2)
            continue
        first = True
        for label, value, ids in (("low", g["low"], lo), ("high", g["high"], hi)):
            if ids:
                _line(console, (pad if first else Text(" " * len(pad))) + _bound(label, value, ids, quotes), indent=2)
                first = False


def _report_lines(console, reports: pd.DataFrame, retold: dict) -> None:
    for _, r in reports.iterrows():
        n = int(r["n_claims"])
        told = f" | retold after {retold[r['report_id']]!r}" if retold.get(r["report_id"]) else ""
        _line(console, f"report {fmt_text(r['report_id'])} | {fmt_date(r['published'])} | {n} claim{'s' * (n != 1)}"
                       f" | {fmt_text(r['source'])}{told}", indent=2)


def _counted(c) -> str:
    if bool(c["counted"]):
        return "yes"
    flags = flag_names(c["background"], c["subset"], c["part_of_list"], c["perpetrator_claim"])
    return f"no: {', '.join(flags)}" if flags else "no"


def _claims_table(claims: pd.DataFrame, width: int):
    rows = [[fmt_text(c["claim_id"]), fmt_text(c["category"]), fmt_interval(c["low"], c["high"]),
             fmt_qualifier(c["qualifier"]), fmt_text(c["victim_group"]), _counted(c), fmt_quote(c["quote"])]
            for _, c in claims.iterrows()]
    columns = ["id", "category", "interval", "qualifier", "victims", "counted", "quote"]
    kept = columns_that_fit(columns, rows, width, flexible="quote", optional=("victims", "qualifier"), indent=4)
    columns, rows = select_columns(columns, rows, kept)
    return fit_table(columns, rows, width, flexible="quote", indent=4)


def _claims_by_incident(result) -> dict:
    """``{incident_id: claims}``: the claims assigned to it, and the background claims of the
    reports whose main incident it is (shown, not counted)."""
    claims = result.claims
    main_of = dict(zip(result.reports["report_id"], result.reports["incident_id"]))
    home = [i if not is_missing(i) else main_of.get(r) for i, r in zip(claims["incident_id"], claims["report_id"])]
    return {iid: g for iid, g in claims.groupby(pd.Series(home, index=claims.index, dtype=object), sort=False)}


def print_reconcile(console, result, *, sort: str = "date", show_claims: bool = False) -> None:
    """Every incident of ``result``, in ``sort`` order (see the module docstring)."""
    quotes = dict(zip(result.claims["claim_id"], result.claims["quote"]))
    ranges_of = {iid: g for iid, g in result.ranges.groupby("incident_id", sort=False)}
    claims_of = _claims_by_incident(result) if show_claims else {}
    incidents = result.incidents.set_index("incident_id", drop=False)
    reports = result.reports.set_index("report_id", drop=False)
    pairs = result.report_incidents
    for k, iid in enumerate(incident_order(result, sort)):
        mine = pairs[pairs["incident_id"] == iid]
        reps = reports.loc[list(mine["report_id"])]
        retold = {r: o for r, role, o in zip(mine["report_id"], mine["role"], mine["opener"]) if role == "other"}
        if k:
            console.print()
        _line(console, _header(incidents.loc[iid], len(reps)))
        ranges = ranges_of.get(iid)
        if ranges is None or not len(ranges):
            _line(console, "no ranges: no claim counts toward this incident", indent=2)
        else:
            console.print(_ranges_table(ranges, console.width))
            _attribution(console, ranges, quotes)
        _report_lines(console, reps, retold)
        if show_claims:
            claims = claims_of.get(iid)
            if claims is None or not len(claims):
                _line(console, "claims: none", indent=2)
            else:
                _line(console, "claims:", indent=2)
                console.print(_claims_table(claims, console.width))


def print_report_claims(console, report, claims: pd.DataFrame) -> None:
    """One report's header line and its claims (``casualties claims``)."""
    n = len(claims)
    from rich.text import Text

    _line(console, Text(report.report_id, style=STYLES["incident"])
          + Text(f" | {fmt_date(report.published)} | {n} claim{'s' * (n != 1)} | source: {fmt_text(report.source)}"))
    if not n:
        _line(console, "no casualty claims found", indent=2)
        return
    rows = [[fmt_text(c["claim_id"]), fmt_text(c["category"]), fmt_interval(c["low"], c["high"]),
             fmt_qualifier(c["qualifier"]), fmt_text(c["victims"]), fmt_text(c["cited_source"]),
             ", ".join(flag_names(c["background"], c["subset"], c["part_of_list"], c["perpetrator_claim"])) or "-",
             f"[{c['start']}:{c['end']}]", fmt_quote(c["quote"])]
            for _, c in claims.iterrows()]
    columns = ["id", "category", "interval", "qualifier", "victims", "cited source", "flags", "span", "quote"]
    caps = {"victims": 16, "cited source": 20}
    kept = columns_that_fit(columns, rows, console.width, flexible="quote", caps=caps,
                            optional=("span", "cited source", "flags", "victims"))
    columns, rows = select_columns(columns, rows, kept)
    console.print(fit_table(columns, rows, console.width, right={"span"}, flexible="quote", caps=caps))
