"""Places and place mentions (the gazetteer's value classes) and the lookup form of names.

A :class:`Place` is a town (``kind="city"``), a first-level region (``"admin1"``) or a
``"country"``; a :class:`PlaceMention` is one place named in a text, with its span.
:func:`normalize_name` gives the key a name is indexed and looked up under.  The constants
are the match scores and the spelling variants the index knows (see :mod:`casualties.gazetteer`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple, Optional, Tuple

import attrs

KINDS = ("city", "admin1", "country")

#: Fuzzy matches: RapidFuzz ``fuzz.ratio`` on normalised names, same first letter, length within
#: :data:`FUZZY_MAX_LENGTH_GAP`, query at least :data:`FUZZY_MIN_LENGTH` letters.
FUZZY_MIN_RATIO = 85
FUZZY_MAX_LENGTH_GAP = 2
FUZZY_MIN_LENGTH = 5
#: Scores of a mention (the name match, not the choice among same-named places).
SCORE_EXACT = 1.0
SCORE_ARTICLE = 0.95  # matched after dropping or adding a leading "al-" / "el-" ...
SCORE_FUZZY_SCALE = 0.9  # fuzzy: 0.9 * ratio / 100


#: Countries whose names take a leading Arabic article that news often drops ("Ar Raqqah").
_ARTICLE_COUNTRIES = frozenset(
    "AE BH DZ EG EH IQ IR JO KW LB LY MA MR OM PS QA SA SD SO SY TN TR YE".split()
)
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
_DOTTED_RE = re.compile(r"(?:[A-Z]\.){2,}\Z")
