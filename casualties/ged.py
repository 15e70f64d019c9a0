"""A UCDP GED-shaped table of a result: one row per incident, with GED's field names where
they apply (:func:`to_ged`, ``Result.to_ged()``; :func:`write_ged` for a file).

UCDP's Georeferenced Event Dataset codes one row per event with its dates, place, point and
deaths (low / best / high, and best split by side).  The mapping (docs/concepts.md, "A
GED-shaped export"):

- ``id``: the incident id; ``year``, ``date_start``, ``date_end`` (one day: the incident's
  date), ``date_prec`` 1 when the day is known;
- ``where_description`` (the place), ``adm_1`` (its province), ``country`` (its name) and
  ``country_code`` (ISO 3166, no GED counterpart); ``latitude`` / ``longitude`` from the
  gazetteer, with ``where_prec`` as GED codes it (1 the town, 4 the province, 6 the country)
  and ``coordinate_precision`` in words ("town", "admin1", "country"); all missing when the
  gazetteer cannot tell one point;
- ``low`` / ``best`` / ``high`` of the incident's all-victims ``killed`` range, and
  ``high_open`` (no GED counterpart: the count may exceed ``high``);
- deaths by victim group, from the ``killed`` group rows' ``best``: ``deaths_a`` (GED's side
  A, a government) from "security forces", ``deaths_b`` (side B) from "armed group",
  ``deaths_civilians`` from "civilian", 0 for a group no claim names, and ``deaths_unknown``
  the rest of ``best`` (missing when the groups add up to more than ``best``);
- ``number_of_sources`` (the range's ``n_sources``), ``source_article`` (the outlets) and
  ``source_original`` (the bodies they cite), each ``"; "``-joined as GED writes them.

An incident with no ``killed`` claim has its figures missing, never 0.  GED fields with no
counterpart here (``type_of_violence``, ``conflict_new_id``, ``dyad_name``, ``side_a``,
``side_b``, ``adm_2``, ``event_clarity``, ...) are not written.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Dict, Optional, Union

import pandas as pd

from ._util import is_missing
from .coordinates import CountryIndex, country_name, incident_point

__all__ = ["to_ged", "write_ged", "GED_COLUMNS", "VICTIM_GROUP_FIELDS", "WHERE_PREC"]

PathLike = Union[str, "os.PathLike[str]"]

#: The GED death fields and the victim group each comes from.
VICTIM_GROUP_FIELDS = {"deaths_a": "security forces", "deaths_b": "armed group", "deaths_civilians": "civilian"}
#: GED's ``where_prec`` code of each coordinate precision.
WHERE_PREC = {"town": 1, "admin1": 4, "country": 6}
#: The columns of :func:`to_ged`, in order, with their dtypes.
GED_COLUMNS = {
    "id": "string", "year": "Int64", "date_start": "datetime64[s]", "date_end": "datetime64[s]",
    "date_prec": "Int64", "where_description": "string", "adm_1": "string", "country": "string",
    "country_code": "string", "latitude": "Float64", "longitude": "Float64", "where_prec": "Int64",
    "coordinate_precision": "string", "deaths_a": "Int64", "deaths_b": "Int64", "deaths_civilians": "Int64",
    "deaths_unknown": "Int64", "low": "Int64", "best": "Int64", "high": "Int64", "high_open": "boolean",
    "number_of_sources": "Int64", "source_article": "string", "source_original": "string",
}


def _killed(result) -> Dict[tuple, dict]:
    r = result.ranges
    rows = r[(r["category"] == "killed").fillna(False)].to_dict("records")
    return {(row["incident_id"], None if is_missing(row["victims"]) else row["victims"]): row for row in rows}


def _deaths(killed: Dict[tuple, dict], iid: str, best) -> dict:
    if is_missing(best):
        return {field: None for field in (*VICTIM_GROUP_FIELDS, "deaths_unknown")}
    out = {}
    for field, group in VICTIM_GROUP_FIELDS.items():
        row = killed.get((iid, group))
        out[field] = 0 if row is None or is_missing(row["best"]) else int(row["best"])
    rest = int(best) - sum(out.values())
    out["deaths_unknown"] = rest if rest >= 0 else None
    return out


def _joined(items) -> Optional[str]:
    items = [str(x) for x in (items if isinstance(items, (list, tuple)) else [])]
    return "; ".join(items) if items else None


def _row(inc: dict, killed: Dict[tuple, dict], index: CountryIndex) -> dict:
    iid = inc["incident_id"]
    rng = killed.get((iid, None), {})
    best = rng.get("best")
    point = incident_point(inc["place"], inc["admin1"], inc["country"], index)
    day = inc["date"]
    known_day = not is_missing(day)
    return {
        "id": iid, "year": day.year if known_day else None, "date_start": day, "date_end": day,
        "date_prec": 1 if known_day else None, "where_description": inc["place"], "adm_1": inc["admin1"],
        "country": country_name(inc["country"], index), "country_code": inc["country"],
        "latitude": point.latitude if point else None, "longitude": point.longitude if point else None,
        "where_prec": WHERE_PREC[point.precision] if point else None,
        "coordinate_precision": point.precision if point else None,
        **_deaths(killed, iid, best),
        "low": rng.get("low"), "best": best, "high": rng.get("high"),
        "high_open": rng.get("high_open") if rng else None,
        "number_of_sources": rng.get("n_sources"),
        "source_article": _joined(rng.get("sources") if rng else inc["sources"]),
        "source_original": _joined(rng.get("cited_sources")),
    }


def to_ged(result, gazetteer=None) -> pd.DataFrame:
    """The UCDP GED-shaped frame of ``result``: one row per incident, in the order of
    ``result.incidents``, with the columns of :data:`GED_COLUMNS` (see the module docstring
    for the mapping).  ``gazetteer``: the :class:`casualties.gazetteer.Gazetteer` to read
    points from (the default one otherwise)."""
    if gazetteer is None:
        from .gazetteer import default_gazetteer

        gazetteer = default_gazetteer()
    index = CountryIndex(gazetteer)
    killed = _killed(result)
    rows = [_row(inc, killed, index) for inc in result.incidents.to_dict("records")]
    data = {c: pd.Series([None if is_missing(r[c]) else r[c] for r in rows], dtype=object) for c in GED_COLUMNS}
    df = pd.DataFrame(data, columns=list(GED_COLUMNS), index=pd.RangeIndex(len(rows)))
    for col, dtype in GED_COLUMNS.items():
        df[col] = df[col].astype(dtype) if dtype != "datetime64[s]" else pd.to_datetime(df[col]).astype(dtype)
    return df


def write_ged(result, path: PathLike, gazetteer=None) -> Path:
    """Write :func:`to_ged` of ``result`` to ``path`` (``.csv``, ``.json`` or ``.parquet``, as
    :func:`casualties.frames.write_frame` writes them); returns the path."""
    from .frames import frame_format, write_frame

    frame_format(path)  # a bad path fails before the work
    write_frame(to_ged(result, gazetteer), path)
    return Path(path)
