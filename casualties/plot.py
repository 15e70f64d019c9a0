"""A picture of one incident: who reported what, when, and the reconciled range.

:func:`plot` needs the optional package ``matplotlib`` (``pip install 'casualties[plot]'``),
imported only when it is called.  Every artist it draws for data carries a ``gid`` so that
code (and the tests) can find it without looking at pixels:

- ``"claim:<claim_id>"``: one ``Line2D`` per counted claim: a vertical segment low..high
  with end markers, or a single marker for an exact figure or at the ``low`` of an open one;
- ``"open:<claim_id>"``: the upward arrow (an ``Annotation``) of an open-ended claim;
- ``"range-band"``: the shaded all-victims range low..high (a ``Rectangle`` spanning the axes);
- ``"label:<claim_id>[;<claim_id>...]"``: the figure and short source written beside a claim, or
  once for several equal claims of one source on one day (an ``Annotation``);
- ``"subtitle"``: the small line under the title with the category and the incident id;
- ``"range-best"``: the horizontal line at ``best``;
- ``"undated-separator"``: the dotted line before the "undated" column.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, List, Optional, Tuple

import pandas as pd

from .errors import MissingDependencyError
from .views import _as_date, _check_category, _check_incident, _date_text, _missing, _place_text, timeline

__all__ = ["plot"]

_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*", "<", ">")
_MAX_DATE_TICKS = 8
_INSTALL_HINT = "pip install 'casualties[plot]'"
_SOURCE_CHARS = 16  # a point's label shortens its source to about this many characters
_LABEL_GAP_PX = 2.0


def _import(module: str):
    """``importlib.import_module(module)``, or a clear error naming the optional package."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(
            "plot() needs the optional package 'matplotlib', which is not installed; "
            f"install it with: {_INSTALL_HINT}"
        ) from None


def _matplotlib():
    """The ``matplotlib.dates`` and ``matplotlib.patches`` modules, or a clear error."""
    return _import("matplotlib.dates"), _import("matplotlib.patches")


def _new_axes():
    """A new figure's axes with constrained layout, so that ``fig.savefig(path)`` keeps the
    legend right of the axes inside the picture."""
    _, ax = _import("matplotlib.pyplot").subplots(figsize=(10, 5), layout="constrained")
    return ax


def _root_figure(ax):
    get = getattr(ax, "get_figure", None)
    try:
        return get(root=True)  # matplotlib >= 3.10: the figure, not a subfigure
    except TypeError:
        return ax.figure


def _all_victims_range(result, incident_id: str, category: str) -> Optional[pd.Series]:
    """The all-victims row of ``result.ranges`` for this incident and category, if any."""
    r = result.ranges
    mask = ((r["incident_id"] == incident_id) & (r["category"] == category)).fillna(False).to_numpy(dtype=bool)
    rows = r[mask & r["victims"].isna().to_numpy(dtype=bool)]
    return rows.iloc[0] if len(rows) else None


def _source_key(row: pd.Series) -> Tuple[str, str]:
    """(key, legend label) of a claim's source; the report stands in when the source is missing."""
    src = row["source"]
    if _missing(src) or not str(src):
        return f"report:{row['report_id']}", f"{row['report_id']} (no source)"
    label = str(src)
    return f"source:{label}", (" " + label if label.startswith("_") else label)  # "_x" would hide it


def _x_layout(claims: pd.DataFrame, mdates) -> Tuple[Dict[Any, float], Optional[float], float, float]:
    """x of each publication date, x of the "undated" column (None when every claim is
    dated), the unit (days) that padding scales with and the smallest gap between columns
    (the room claims drawn at one date may spread over)."""
    dates = sorted({_as_date(d) for d in claims["published"] if _as_date(d) is not None})
    xs = {d: float(mdates.date2num(d)) for d in dates}
    if not xs:
        return xs, (0.0 if len(claims) else None), 1.0, 1.0
    lo, hi = min(xs.values()), max(xs.values())
    unit = max(hi - lo, 1.0)
    some_undated = any(_as_date(d) is None for d in claims["published"])
    undated = hi + max(1.0, 0.15 * (hi - lo)) if some_undated else None
    columns = sorted(xs.values()) + ([undated] if undated is not None else [])
    gap = min([b - a for a, b in zip(columns, columns[1:])] or [1.0])
    return xs, undated, unit, max(gap, 1.0)


def _offsets(claims: pd.DataFrame, keys: List[str], order: Dict[str, int], slot: float) -> List[float]:
    """Sideways offset of each claim: one slot per source, centred on the date, and the claims
    of one source at one date spread evenly inside their slot."""
    n = len(order)
    groups: Dict[tuple, List[int]] = {}
    for k, (key, pub) in enumerate(zip(keys, claims["published"])):
        groups.setdefault((key, _as_date(pub)), []).append(k)
    out = [0.0] * len(keys)
    for (key, _), members in groups.items():
        centre = (order[key] - (n - 1) / 2) * slot
        step = 0.8 * slot / len(members)
        for j, k in enumerate(members):
            out[k] = centre + (j - (len(members) - 1) / 2) * step
    return out


def _y_top(claims: pd.DataFrame, band: Optional[pd.Series]) -> float:
    values = [int(v) for col in ("low", "high") for v in claims[col] if not _missing(v)]
    if band is not None:
        values += [int(band[c]) for c in ("low", "high", "best") if not _missing(band[c])]
    return float(max(values)) if values else 1.0


def _draw_claim(ax, row: pd.Series, x: float, y_arrow: float, style: Dict[str, Any], label: str) -> None:
    low, high, cid = int(row["low"]), row["high"], str(row["claim_id"])
    alpha = 0.4 if bool(row["superseded"]) else 1.0
    common = dict(color=style["color"], marker=style["marker"], alpha=alpha, gid=f"claim:{cid}", label=label)
    if _missing(high):
        ax.plot([x], [low], linestyle="none", **common)
        arrow = ax.annotate("", xy=(x, y_arrow), xytext=(x, low),
                            arrowprops=dict(arrowstyle="-|>", color=style["color"], alpha=alpha, lw=1.5,
                                            shrinkA=0, shrinkB=0))
        arrow.set_gid(f"open:{cid}")
    elif int(high) == low:
        ax.plot([x], [low], linestyle="none", **common)
    else:
        ax.plot([x, x], [low, int(high)], linewidth=2, **common)


def _draw_range(ax, band: pd.Series, mpatches) -> None:
    """The shaded low..high band and the line at best of an all-victims range row."""
    low, high, best = band["low"], band["high"], band["best"]
    note = "" if bool(band["consistent"]) else " (sources conflict)"
    if not _missing(low) and not _missing(high):
        span = f"{int(low)}" if int(low) == int(high) else f"{int(low)}\u2013{int(high)}"
        rect = mpatches.Rectangle((0.0, float(low)), 1.0, float(high) - float(low),
                                  transform=ax.get_yaxis_transform(), facecolor="0.5", alpha=0.2,
                                  linewidth=0, gid="range-band", label=f"reconciled range {span}{note}")
        ax.add_patch(rect)
    if not _missing(best):
        ax.axhline(float(best), color="0.25", linestyle="--", linewidth=1, gid="range-best",
                   label=f"best {int(best)}" + ("" if not _missing(low) else note))


def _set_ticks(ax, xs: Dict[Any, float], undated: Optional[float], unit: float, dodge: float) -> None:
    dates = sorted(xs)
    if len(dates) > _MAX_DATE_TICKS:  # thin evenly, always keeping the first and the last
        step = (len(dates) - 1) / (_MAX_DATE_TICKS - 1)
        dates = [dates[round(i * step)] for i in range(_MAX_DATE_TICKS)]
    ticks = [xs[d] for d in dates]
    labels = [d.isoformat() for d in dates]
    if undated is not None:
        ticks.append(undated)
        labels.append("undated")
        if xs:
            ax.axvline((max(xs.values()) + undated) / 2, color="0.75", linestyle=":", linewidth=1,
                       gid="undated-separator")
    if ticks:
        ax.set_xticks(ticks, labels, rotation=30, ha="right")
        pad = 0.3 * unit + dodge
        ax.set_xlim(min(ticks) - pad, max(ticks) + pad)


def _title(result, incident_id: str, category: str) -> str:
    """``<category> in <place, province, country>, <date>`` of the incident (never its id)."""
    inc = result.incidents[(result.incidents["incident_id"] == incident_id).fillna(False).to_numpy(dtype=bool)]
    where = _place_text(inc.iloc[0]) if len(inc) else ""
    when = _date_text(inc["date"].iloc[0]) if len(inc) else ""
    return f"{category.capitalize()} in {where or 'place unknown'}, {when or 'date unknown'}"


def _value_text(row: pd.Series) -> str:
    """A claim's figure as a label: ``12``, ``12–15`` or ``≥12`` (open)."""
    low, high = int(row["low"]), row["high"]
    if _missing(high):
        return f"\u2265{low}"
    return f"{low}" if int(high) == low else f"{low}\u2013{int(high)}"


def _short(label: str, limit: int = _SOURCE_CHARS) -> str:
    """``label`` cut at a word boundary to about ``limit`` characters, with an ellipsis."""
    label = label.strip()
    if len(label) <= limit:
        return label
    cut = label[:limit].rsplit(" ", 1)[0].rstrip(" ,;:(-")
    return (cut or label[:limit]) + "\u2026"


def _add_labels(ax, groups: Dict[tuple, List[Tuple[float, pd.Series]]], colors: Dict[str, str]) -> None:
    """Write ``value source`` once per group of equal claims (one source, one date, one
    figure; ``×n`` when there are several) beside the group's outermost claim: right of it in
    the left half of the axes, left of it in the right half, so labels stay inside the axes
    and do not cross the group's other claims.  A light box keeps them readable on lines."""
    lo, hi = ax.get_xlim()
    for (key, _, text, faded), members in groups.items():
        xs = [x for x, _ in members]
        right_half = sum(xs) / len(xs) > (lo + hi) / 2
        x, row = min(members, key=lambda m: m[0]) if right_half else max(members, key=lambda m: m[0])
        y = int(row["low"]) if _missing(row["high"]) else (int(row["low"]) + int(row["high"])) / 2
        label = text + (f" \u00d7{len(members)}" if len(members) > 1 else "")
        ann = ax.annotate(label, xy=(x, y), xytext=(-7 if right_half else 7, 0), textcoords="offset points",
                          ha="right" if right_half else "left", va="center", fontsize="x-small",
                          color=colors[key], alpha=0.55 if faded else 1.0,
                          bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.8))
        ann.set_gid("label:" + ";".join(str(r["claim_id"]) for _, r in members))


def _spread_labels(ax, labels: List[Any]) -> None:
    """Move labels up, lowest first, until none overlaps a label placed before it or another
    group's claim marker (a greedy pass in display space after a layout-only draw)."""
    if not labels:
        return
    fig = _root_figure(ax)
    fig.draw_without_rendering()
    lines = {a.get_gid()[len("claim:"):]: a for a in ax.get_lines() if str(a.get_gid() or "").startswith("claim:")}
    placed: List[Any] = []
    for ann in sorted(labels, key=lambda a: a.xy[1]):
        own = set(ann.get_gid()[len("label:"):].split(";"))
        marks = [line.get_window_extent() for cid, line in lines.items() if cid not in own]
        for _ in range(len(placed) + len(marks) + 1):
            box = ann.get_window_extent()
            hit = next((p for p in placed + marks if box.overlaps(p)), None)
            if hit is None:
                break
            dx, dy = ann.xyann
            ann.xyann = (dx, dy + (hit.y1 - box.y0 + _LABEL_GAP_PX) * 72.0 / fig.dpi)
        placed.append(ann.get_window_extent())


def _draw_claims(ax, claims: pd.DataFrame, band: Optional[pd.Series], mdates) -> set:
    """Draw every counted claim with its label, set the ticks and limits; return the keys of
    the sources given a legend entry."""
    xs, undated, unit, gap = _x_layout(claims, mdates)
    keys, order, names = [], {}, {}
    for _, row in claims.iterrows():
        key, name = _source_key(row)
        keys.append(key)
        order.setdefault(key, len(order))
        names.setdefault(key, name)
    slot = gap * min(0.25, 0.6 / max(len(order), 1))
    offsets = _offsets(claims, keys, order, slot)
    top = _y_top(claims, band)
    _set_ticks(ax, xs, undated, unit, slot * len(order) / 2)
    ax.set_ylim(0, top * 1.2 + 1)
    labelled: set = set()
    groups: Dict[tuple, List[Tuple[float, pd.Series]]] = {}
    colors: Dict[str, str] = {}
    for k, row in claims.iterrows():
        key, i = keys[k], order[keys[k]]
        pub = _as_date(row["published"])
        x = (undated if pub is None else xs[pub]) + offsets[k]
        style = {"color": f"C{i % 10}", "marker": _MARKERS[i % len(_MARKERS)]}
        _draw_claim(ax, row, x, top * 1.12 + 0.5, style, names[key] if key not in labelled else "_nolegend_")
        text = f"{_value_text(row)} {_short(names[key])}"
        groups.setdefault((key, pub, text, bool(row["superseded"])), []).append((x, row))
        colors[key] = style["color"]
        labelled.add(key)
    _add_labels(ax, groups, colors)
    return labelled


def plot(result, incident_id: str, category: str = "killed", ax=None):
    """Plot every source's counted claims about one incident against publication date.

    Each counted claim is drawn at its report's publication date, one colour and marker per
    source (per report when the source is missing): a vertical segment from ``low`` to
    ``high``, a single marker for an exact figure, and a marker at ``low`` with an upward arrow
    for an open-ended one ("at least 12").  Sources publishing on the same day are spread a
    little sideways, as are the claims of one source on one day.  Claims their source later
    superseded (``timeline(...).superseded``) are faded.  Claims without a publication date
    are drawn in a column labelled "undated" to the right of the dated ones, after a dotted
    separator.  The reconciled all-victims range of the incident and category
    (``result.ranges``) is a shaded band from ``low`` to ``high`` with a dashed line at
    ``best``; a range with only vague figures (no ``low``) gets the ``best`` line alone.  The
    title gives the incident's place (with province or state and country) and date, a small
    subtitle the category and incident id; each claim is labelled with its figure and a short
    form of its source, labels moved up where they would overlap; the legend (right of the
    axes) names the sources in full.  The figure uses matplotlib's constrained layout (a
    given ``ax``'s figure gets it when it has no layout engine), so a plain
    ``fig.savefig(path)`` keeps the legend and labels inside the picture.

    Parameters
    ----------
    result: what :func:`casualties.reconcile` returned.
    incident_id: an ``incident_id`` of ``result.incidents``.
    category: one of :data:`casualties.CATEGORIES`; default "killed".
    ax: a matplotlib ``Axes`` to draw on; default a new figure's.

    Returns
    -------
    The matplotlib ``Axes``.

    Raises
    ------
    InvalidValueError: ``incident_id`` is not in the result, or ``category`` is unknown.
    MissingDependencyError: ``matplotlib`` is not installed.
    """
    _check_incident(result, incident_id)
    _check_category(category, allow_none=False)
    mdates, mpatches = _matplotlib()
    if ax is None:
        ax = _new_axes()
    elif _root_figure(ax).get_layout_engine() is None:
        _root_figure(ax).set_layout_engine("constrained")
    claims = timeline(result, incident_id, category)
    claims = claims[claims["counted"].to_numpy(dtype=bool)].reset_index(drop=True)
    band = _all_victims_range(result, incident_id, category)
    legend_keys = _draw_claims(ax, claims, band, mdates)
    if band is not None:
        _draw_range(ax, band, mpatches)
    ax.set_xlabel("published")
    ax.set_ylabel(f"{category} (count)")
    ax.set_title(_title(result, incident_id, category), pad=16)
    sub = ax.annotate(f"{category} \u00b7 incident {incident_id}", xy=(0.5, 1.0), xycoords="axes fraction",
                      xytext=(0, 4), textcoords="offset points", ha="center", va="bottom",
                      fontsize="x-small", color="0.4")
    sub.set_gid("subtitle")
    if not len(claims) and band is None:
        ax.text(0.5, 0.5, f"no counted {category} claims", transform=ax.transAxes, ha="center", va="center")
    if legend_keys or band is not None:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", borderaxespad=0.0)
    _spread_labels(ax, [a for a in ax.texts if str(a.get_gid() or "").startswith("label:")])
    return ax
