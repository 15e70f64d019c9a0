"""Coordinates of an incident's place, read from the gazetteer's public lookups.

:func:`incident_point` gives the point of the most precise place an incident names (town,
then province, then country) with the precision it stands for, or nothing when the
gazetteer cannot tell one point: a name it does not know, or one name for several places of
that province and country.  It never guesses a point.
"""
from __future__ import annotations

from typing import Dict, NamedTuple, Optional

from ._util import is_missing

__all__ = ["Point", "incident_point", "PRECISIONS", "CountryIndex"]

#: The precisions of a point, most precise first: the town's own point, the province's and
#: the country's representative point (the population-weighted centre of their towns).
PRECISIONS = ("town", "admin1", "country")


class Point(NamedTuple):
    latitude: float
    longitude: float
    precision: str  # one of PRECISIONS
    name: str  # the gazetteer's name of the place


class CountryIndex:
    """The gazetteer's country places by ISO code (built once per use, from ``places``)."""

    def __init__(self, gazetteer):
        self.gazetteer = gazetteer
        self._countries: Optional[Dict[str, object]] = None

    def country(self, code: str):
        if self._countries is None:
            self._countries = {p.country: p for p in self.gazetteer.places if p.kind == "country"}
        return self._countries.get(code)


def _one(places) -> Optional[object]:
    """The place when ``places`` hold one point (the same place listed twice counts once)."""
    points = {(round(p.latitude, 4), round(p.longitude, 4)) for p in places}
    return places[0] if len(points) == 1 else None


def _lookup(gazetteer, name: str, kind: str, country: Optional[str], admin1: Optional[str]):
    found = [p for p in gazetteer.lookup(name) if p.kind == kind
             and (country is None or p.country == country)
             and (admin1 is None or kind == "country" or p.admin1_name == admin1)]
    own = [p for p in found if p.name == name]  # its own name over an alternate spelling
    return _one(own or found)


def incident_point(place, admin1, country, index: CountryIndex) -> Optional[Point]:
    """The point of an incident whose place, province (``admin1``, its name) and country (ISO
    code) are as in ``result.incidents`` (missing values allowed), or None.

    The town is looked up among the places of that name in that province and country; when
    there is no town (or it cannot be told apart), the province; then the country."""
    place, admin1, country = (None if is_missing(v) else str(v) for v in (place, admin1, country))
    gaz = index.gazetteer
    if place is not None:
        for kind, precision in (("city", "town"), ("admin1", "admin1")):
            p = _lookup(gaz, place, kind, country, admin1)
            if p is not None:
                return Point(p.latitude, p.longitude, precision, p.name)
    if admin1 is not None and country is not None:
        p = _lookup(gaz, admin1, "admin1", country, None)
        if p is not None:
            return Point(p.latitude, p.longitude, "admin1", p.name)
    if country is not None:
        p = index.country(country)
        if p is not None:
            return Point(p.latitude, p.longitude, "country", p.name)
    return None


def country_name(code, index: CountryIndex) -> Optional[str]:
    """The gazetteer's name of the country with ISO code ``code`` ("SY": "Syria"), or None."""
    if is_missing(code):
        return None
    p = index.country(str(code))
    return p.name if p is not None else None
