"""Incident cues of one report: when, where, what kind of attack, by whom, which rare names.

:func:`report_cues` reads them from a report's text and its claims.  The main incident's cues
are taken around its first counted claim (the lead): the event date nearest to it (resolved
against ``published`` by :mod:`casualties.dates`), the place nearest to it (from the offline
gazetteer, :mod:`casualties.gazetteer`), the first kind of attack in the lead.  Background
claims never give cues.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
from typing import FrozenSet, List, Optional, Sequence, Tuple

import attrs

from .lexicon import load_lexicon
from .model import Claim

__all__ = ["ReportCues", "report_cues", "LEAD_CHARS"]

#: How much of a report's opening counts as its lead when it states no counted claim.
LEAD_CHARS = 800


@attrs.frozen
class ReportCues:
    """What a report says about its main incident (see docs/concepts.md, "Incidents")."""

    report_id: str
    published: Optional[_dt.date]
    event_date: Optional[_dt.date]
    date_basis: str
    place: Optional[str]  # the main place's canonical name
    place_key: Optional[str]  # stable key of the main place (a town, else a province)
    admin1: Optional[str]  # province / state key, e.g. "US-NC", "SY-01"
    admin1_name: Optional[str]
    country: Optional[str]  # ISO-2
    places: FrozenSet[str]  # keys of every town named in the report
    kind: Optional[str]
    perpetrator: Optional[str]
    names: FrozenSet[str]  # rare-looking words: people, streets, buildings; and ages ("age:12")
    killed: Optional[int]
    injured: Optional[int]
    title: str = ""
    latitude: Optional[float] = None  # of the main place
    longitude: Optional[float] = None
    town_points: Tuple[Tuple[float, float], ...] = ()  # coordinates of every town named
    date_kind: str = "published"  # how event_date was found: explicit, relative, weekday, published
    dates: FrozenSet[int] = frozenset()  # every day the text names (ordinals), for follow-up stories
    follow_up: bool = False  # a story about a later stage (charges, trial, sentence, funeral)


@functools.lru_cache(maxsize=None)
def _named_patterns(section: str):
    """One case-insensitive regex per named table (kinds, perpetrators), with the entry each
    alternative belongs to; short all-caps aliases ("IS", "PKK") match case-sensitively."""
    lex = load_lexicon()
    table = getattr(lex, section)
    loose, strict = {}, {}
    for name, phrases in table.items():
        for ph in phrases:
            text = " ".join(ph)
            (strict if len(text) <= 3 else loose)[text] = name

    def compile_(words, flags):
        if not words:
            return None
        alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
        return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", flags)

    return (compile_(loose, re.IGNORECASE), loose,
            compile_({w.upper() for w in strict}, 0), {w.upper(): n for w, n in strict.items()},
            list(table))


def _named_mentions(section: str, text: str, start: int, end: int):
    """(entry, start, end) of every mention of a ``section`` entry in ``text[start:end]``."""
    loose_re, loose, strict_re, strict, _ = _named_patterns(section)
    for rx, table, lower in ((loose_re, loose, True), (strict_re, strict, False)):
        if rx is None:
            continue
        for m in rx.finditer(text, start, end):
            key = re.sub(r"\s+", " ", m.group())
            name = table.get(key.lower() if lower else key)
            if name is not None:
                yield name, m.start(), m.end()


def _first_named(section: str, text: str, start: int, end: int) -> Optional[str]:
    """The highest-priority entry of ``section`` named in ``text[start:end]``; entries earlier in
    the table win ("suicide bombing" over "bombing"), then the earliest mention."""
    order = _named_patterns(section)[4]
    found = {}
    for name, a, _ in _named_mentions(section, text, start, end):
        found[name] = min(a, found.get(name, a))
    if not found:
        return None
    return min(found, key=lambda n: (order.index(n), found[n]))


#: Capitalised words anywhere, sentence starts included: which of them are ordinary words is
#: decided against the corpus (a word it also writes in lower case is no name; see incidents.py).
_NAME_RE = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*")
_AGE_RE = re.compile(r"\b(\d{1,3})[- ]year[- ]old\b|\bage[sd]? (\d{1,3})\b", re.IGNORECASE)
_COMMON_CAPITALS = frozenset(
    "the a an and but he she they it his her their police officers officer department sheriff county city "
    "state street avenue road boulevard drive lane court place north south east west mr mrs ms dr jr sr "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december today yesterday tonight news president governor mayor "
    "chief captain lieutenant sergeant deputy detective officials authorities hospital medical center "
    "university school church park island national international american associated press reuters "
    # page furniture of news sites
    "copyright refresh share tweet email print comments comment related advertisement subscribe login "
    "posted updated update video photo photos gallery caption click read more follow facebook twitter "
    "instagram youtube javascript cookies privacy terms stoppers junk spam inbox newsletter newsletters "
    "notifications notification subscriber subscribers account password "
    # abbreviated months and ranks
    "jan feb mar apr jun jul aug sep sept oct nov dec sgt lt det capt cpl insp supt".split()
)
#: A capitalised word before one of these names a county (group 1), a force or a hospital
#: ("Mecklenburg County", "Charlotte-Mecklenburg Police", "Stroger Hospital"): a place every
#: story from there shares, not a name of this incident.
_PLACE_HEAD_RE = re.compile(r"[ \u00a0]+(?:(County|Parish|Borough|Township)|Police|Sheriff(?:['’]s)?|"
                            r"(?:Jr\.? |Memorial |Regional |General |Children['’]s )?(?:Hospital|Medical Center|"
                            r"Trauma Center))\b")
#: Words that mark a story about a later stage of an incident; its own dates are those of the
#: hearing or the funeral, not of the attack.
_FOLLOW_UP_RE = re.compile(
    r"\b(?:sentenced|sentencing|pleaded|pleads|plead|guilty|trial|jury|verdict|indicted|indictment|"
    r"arraigned|arraignment|convicted|acquitted|charged|charges|hearing|court|judge|prosecutors?|"
    r"funeral|vigil|memorial|anniversary|lawsuit|sued)\b", re.IGNORECASE)


#: An outlet's name after the headline: "... - WALB.com, South Georgia News", "... | Fox 8".
_SITE_SUFFIX_RE = re.compile(r"\s+[-–—|:]\s+[^-–—|]{2,80}$")


def headline_key(title: Optional[str]) -> str:
    """A headline as compared across outlets: without the outlet's name after a dash or bar,
    lower-cased, punctuation as spaces ("Police ID Suspect in Killing of Boy, 7 - WSVN" ->
    "police id suspect in killing of boy 7")."""
    if not title:
        return ""
    t = title.strip()
    for _ in range(2):  # "Headline - Station - City"
        m = _SITE_SUFFIX_RE.search(t)
        if m is None or m.start() < 25:
            break
        t = t[:m.start()]
    return " ".join(re.findall(r"[^\W_]+", t.lower()))


#: A line that credits the reporter: "By Jane Doe", "Contact Jane Doe at ...", "Follow her on
#: Twitter", "Reach John Roe at 555-0100".  The same reporter writes of many incidents, so the
#: names in it are no evidence that two reports tell of one.
_CREDIT_LINE_RE = re.compile(r"^[ \t]*(?:By:?[ \t]+[A-Z][^\n]{0,60}$|(?:Contact|Reach|Follow|Email)\b[^\n]*)",
                             re.MULTILINE)


def _without_credits(text: str) -> str:
    """``text`` with its credit lines (and every line holding an e-mail address or a handle,
    "jdoe@paper.com", "@JaneDoe") blanked out, offsets kept."""
    spans = [m.span() for m in _CREDIT_LINE_RE.finditer(text)]
    at = text.find("@")
    while at != -1:
        start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
        end = len(text) if end == -1 else end
        spans.append((start, end))
        at = text.find("@", end)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _names_and_districts(text: str) -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """The rare names of ``text`` (victims, streets, businesses, ages) and the counties it names
    ("Mecklenburg County" -> "district:mecklenburg"), in one pass over its capitalised words;
    the reporter's credit lines are left out."""
    text = _without_credits(text)
    names, places, districts = set(), set(), set()
    for m in _NAME_RE.finditer(text):
        head = _PLACE_HEAD_RE.match(text, m.end())
        if head is None:
            names.add(m.group().lower())
            continue
        places.add(m.group().lower())
        if head.group(1):
            districts.add("district:" + m.group().lower())
    names -= places
    names = {n for n in names if len(n) >= 3 and n not in _COMMON_CAPITALS}
    for m in _AGE_RE.finditer(text):
        names.add("age:" + (m.group(1) or m.group(2)))
    return frozenset(names), frozenset(districts)


def _main_anchor(claims: Sequence[Claim]) -> Tuple[Optional[int], List[int]]:
    counted = [c for c in claims if not c.background]
    anchors = [c.start for c in counted]
    return (anchors[0] if anchors else None), anchors


def _best(claims: Sequence[Claim], category: str) -> Optional[int]:
    values = [v for c in claims if c.category == category and c.counts for v in c.stated]
    return max(values) if values else None


def report_cues(report_id: str, text: str, published: Optional[_dt.date], claims: Sequence[Claim],
                title: Optional[str] = None, prefer: Tuple[str, ...] = (),
                retold: Sequence[Tuple[int, int]] = ()) -> ReportCues:
    """The incident cues of one report (``claims`` as returned by ``extract_claims``).

    ``prefer``: country codes to favour for ambiguous place names (the corpus's own countries).
    ``retold``: spans of ``text`` that tell of other events (:mod:`casualties.events`): the
    main place is not read there (the towns the report names still include them).
    """
    from .dates import event_date, find_dates
    from .gazetteer import find_places

    first, anchors = _main_anchor(claims)
    lead_end = min(len(text), max(LEAD_CHARS, (first or 0) + 300))
    date, mention = event_date(text, published, anchors)
    if date is None:
        date, basis, date_kind = published, ("published date" if published else "no date"), "published"
    else:
        basis = mention.basis if mention is not None else "event date"
        date_kind = mention.kind if mention is not None else "explicit"
    head = (title + "\n" if title else "")
    mentions = find_places(head + text, prefer=prefer)
    shift = len(head)
    own = [m for m in mentions if not any(a <= m.start - shift < b for a, b in retold)] if retold else mentions
    place = _main_place(head + text, own, (first + shift) if first is not None else shift)
    names, districts = _names_and_districts(head + text)
    towns = frozenset(_place_key(m.place) for m in mentions if m.place.kind == "city") | districts
    return ReportCues(
        report_id=report_id, published=published, event_date=date, date_basis=basis,
        place=place.name if place else None, place_key=_place_key(place) if place else None,
        admin1=place.admin1 if place else None, admin1_name=place.admin1_name if place else None,
        country=place.country if place else None, places=towns,
        kind=_nearest_named("kinds", text, first) or _first_named("kinds", text, 0, lead_end),
        perpetrator=_first_named("perpetrators", text, 0, len(text)),
        names=names - _place_words(head + text, mentions),
        latitude=place.latitude if place else None, longitude=place.longitude if place else None,
        town_points=tuple(sorted({(m.place.latitude, m.place.longitude) for m in mentions if m.place.kind == "city"})),
        killed=_best(claims, "killed"), injured=_best(claims, "injured"), title=headline_key(title),
        date_kind=date_kind,
        dates=frozenset(m.date.toordinal() for m in find_dates(text, published) if m.precision == "day"),
        follow_up=_is_follow_up(head + text[:min(len(text), 300)]),
    )


#: "shot after a funeral", "gunfire at a vigil": a gathering where shots were fired, not a
#: later stage of the story (that is "the funeral of", "a vigil for").
_SCENE_RE = re.compile(r"\b(?:at|after|outside|near|during|following|leaving|from) (?:(?:a|an) )?"
                       r"(?:\w+ )?(?:funeral|vigil|memorial)\b(?! (?:for|of)\b)", re.IGNORECASE)


#: "Jackson Memorial Hospital", "Memorial Drive", "Lincoln Memorial": a word of a name, no memorial.
_NAMED_MEMORIAL_RE = re.compile(r"\b(?:[A-Z][\w'’.-]* Memorial|Memorial(?= [A-Z]))\b")


def _is_follow_up(lead: str) -> bool:
    """The lead speaks of charges, a trial, a sentence or a funeral (not one where shots rang out,
    and not a hospital or street named for a memorial)."""
    if "Memorial" in lead:
        lead = _NAMED_MEMORIAL_RE.sub(" ", lead)
    return _FOLLOW_UP_RE.search(_SCENE_RE.sub(" ", lead)) is not None


_DATELINE_RE = re.compile(r"\s*(?:[-–—:(]|\(AP\)|\(Reuters\))")


def _is_dateline(text: str, m) -> bool:
    """ "BEIRUT –", "ERBIL, Kurdistan Region -": where the story was filed, at the start of a line."""
    line_start = text.rfind("\n", 0, m.start) + 1
    if text[line_start:m.start].strip():
        return False
    rest = text[m.end:m.end + 40]
    return bool(_DATELINE_RE.match(rest)) or bool(re.match(r",[^\n.]{0,30}[-–—]", rest))


def _main_place(text: str, mentions, anchor: int):
    """The main incident's place: the town or province named nearest the lead claim (a town
    wins a tie with its own province); datelines and countries only when nothing else is named."""
    local = [m for m in mentions if m.place.kind in ("city", "admin1") and not _is_dateline(text, m)]
    if not local:
        local = [m for m in mentions if m.place.kind in ("city", "admin1")] or list(mentions)
    if not local:
        return None
    near = [m for m in local if m.start <= anchor + 300] or local
    best = min(near, key=lambda m: (abs(anchor - m.start), m.place.kind != "city"))
    if best.place.kind == "admin1":
        # a town of that province named in the lead is more precise
        towns = [m for m in near if m.place.kind == "city" and m.place.admin1 == best.place.admin1]
        if towns:
            return min(towns, key=lambda m: abs(anchor - m.start)).place
    return best.place


def _place_words(text: str, mentions) -> FrozenSet[str]:
    words = set()
    for m in mentions:
        words.update(w.lower() for w in re.findall(r"[^\W\d_]+", text[m.start:m.end]))
    return frozenset(words)


def _nearest_named(section: str, text: str, anchor: Optional[int], reach: int = 160) -> Optional[str]:
    """The entry of ``section`` named nearest to ``anchor`` within ``reach`` characters."""
    if anchor is None:
        return None
    order = _named_patterns(section)[4]
    best = None
    for name, a, b in _named_mentions(section, text, max(0, anchor - reach), min(len(text), anchor + reach)):
        key = (min(abs(a - anchor), abs(b - anchor)), order.index(name))
        if best is None or key < best[0]:
            best = (key, name)
    return best[1] if best else None


def _place_key(place) -> str:
    if place.geonameid is not None:
        return f"{place.kind}:{place.geonameid}"
    return f"{place.kind}:{place.country}:{place.admin1}:{place.name}"
