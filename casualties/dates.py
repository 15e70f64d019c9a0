"""Dates a news text mentions, resolved against the report's publication date (design §3).

:func:`find_dates` lists every date mention of a text -- explicit ("July 27, 2016",
"27 July", "2016-07-27", "07/27/2016", "in April", "in 2014"), relative ("yesterday",
"last night", "two days ago") and weekdays ("on Wednesday", "late Monday") -- each resolved to
a calendar day (or the first day of a month / year, with ``precision`` saying so).
:func:`event_date` picks the date of the report's main incident among them.

Resolution rules (``published`` is the report's publication date):

- weekday ("Wednesday", "Wednesday night", "late Monday", "Saturday's attack"): the latest such
  weekday on or before ``published`` (``published`` itself when it is that weekday) -- never a
  week earlier.  "last Monday" / "previous Monday": strictly before ``published`` (a week
  earlier when ``published`` is a Monday); "next Monday": strictly after.  Named days ("Good
  Friday", "Black Friday", "Bloody Sunday", "Super Tuesday", ...) are not weekdays.  Without
  ``published`` weekdays are skipped.
- relative: "today", "tonight", "this morning/afternoon/evening", "overnight" = ``published``;
  "yesterday", "last night", "last evening", "the previous day/night", "the day/night
  before", "a day earlier" = ``published`` - 1 day.  "last night" follows the wire convention
  of a report published the morning after; "overnight" is taken as the small hours of the
  publication day (on the GVA corpus an "overnight" incident was dated ``published`` 31 times,
  ``published`` - 1 20 times);
  "the day before yesterday" = -2; "N days ago" / "N days earlier" = -N; "tomorrow" = +1;
  "this/last month" and "this/last year" (month / year precision).  Without ``published``
  relative mentions are skipped.
- explicit: "July 27", "Jul. 27", "Jan. 5th", "27 July", "5th of May", optionally with a year
  ("July 27, 2016", "5 January 2015") and a leading weekday ("Wednesday, July 27" is one
  explicit mention: the explicit date wins); ISO "2016-07-27"; numeric "07/27/2016",
  "27-10-2023", "27.10.2023" (day first when the first field is > 12, else US month first;
  two-digit years only with "/": "12/12/12"); "April 2015", "in April", "last March",
  "mid-April" (month precision; without a year the latest such month on or before
  ``published``, "last March" strictly before ``published``'s month); "in 2014",
  "since 2014" (year precision).  A month-day without a year takes the latest year that puts it
  on or before ``published`` + 1 day; without ``published`` it is skipped.
- never dates: times ("6 p.m.", "8:18"), ages ("a 15-year-old"), counts, "24/7", "9/11"
  (numeric day/month without a year), phone numbers, money, lower-case "may"/"march",
  plural weekdays ("on Sundays").

Everything is one compiled regular-expression scan with bounded quantifiers and bounded work
per match, so :func:`find_dates` is linear in the length of the text.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re
from typing import List, Optional, Sequence, Tuple

import attrs

from ._util import trie_pattern

__all__ = ["DateMention", "find_dates", "event_date", "EVENT_WINDOW_CHARS"]

PRECISIONS = ("day", "month", "year")
KINDS = ("explicit", "relative", "weekday")

#: :func:`event_date` without anchors looks for the first day mention within this many chars.
EVENT_WINDOW_CHARS = 600
#: How many sentences before an anchor's own sentence :func:`event_date` looks back.
ANCHOR_SENTENCES_BEFORE = 2
#: A mention more than this many days after ``published`` cannot be the event date.
FUTURE_TOLERANCE_DAYS = 1


@attrs.frozen
class DateMention:
    """One date mentioned in a text, resolved to a calendar day.

    ``surface == text[start:end]``.  ``date`` is the resolved day; for ``precision`` "month"
    or "year" it is the first day of that month or year.  ``kind`` is "explicit", "relative"
    or "weekday"; ``basis`` says in a few words how the date was resolved.
    """

    start: int
    end: int
    surface: str
    date: _dt.date
    precision: str = attrs.field(validator=attrs.validators.in_(PRECISIONS))
    kind: str = attrs.field(validator=attrs.validators.in_(KINDS))
    basis: str = ""


# --------------------------------------------------------------------------------------
# vocabulary

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10}
#: Words that make a weekday name part of a named day ("Good Friday"), not a weekday.
_NAMED_DAY_WORDS = frozenset(
    "good black ash holy maundy easter palm super cyber bloody fat giving shrove whit".split())
#: Words before "Today" that make it a title ("USA Today"), not a date.
_TODAY_TITLE_WORDS = frozenset("usa psychology".split())

# --------------------------------------------------------------------------------------
# the one regular expression
#
# Case-sensitive (much faster than re.IGNORECASE): month and weekday names must be
# capitalised or upper case, relative words may be any of lower / Capitalised / UPPER.  Word
# lists are emitted as tries so that most word starts are rejected on their first letter.
# Triggers before a match ("in April", "last Monday", "since 2014") are read afterwards by a
# bounded look back (:func:`_trigger_before`), so common words never start a match attempt.


def _proper(words):
    return [f(w) for w in words for f in (str.capitalize, str.upper)]


def _any_case(words):
    return [f(w) for w in words for f in (str.lower, str.capitalize, str.upper)]


_S = r"\s{1,3}"  # bounded whitespace between the words of a date
_MONTH_FULL = trie_pattern(_proper("january february march april may june july august september october "
                            "november december".split()))
_MONTH_ABBR = trie_pattern(_proper("jan feb mar apr jun jul aug sept sep oct nov dec".split()))


def _month(name: str) -> str:
    return rf"(?P<{name}>{_MONTH_FULL}(?!\w)|{_MONTH_ABBR}\.?(?!\w))"


_WD = trie_pattern(_proper(_WEEKDAYS))
_YEAR = r"(?:19|20)[0-9]{2}(?![0-9])"
_ORD = r"(?:st|nd|rd|th)?(?!\w)"
# a day-of-month must not be a time, an age, a duration or a percentage
_DAY = (r"[0-9]{1,2}(?![0-9])" + _ORD +
        r"(?!\s{0,3}(?:[:%]|-?\s?(?:years?|months?|weeks?|days?|hours?|minutes?)\b|[ap]\.?m\b))")


def _md(p: str) -> str:
    """Month day [year]: "July 27", "Jul. 27, 2016", "Jan. 5th"."""
    return rf"{_month(p + '_m')}\s{{0,3}}(?P<{p}_d>{_DAY})(?:,?{_S}(?P<{p}_y>{_YEAR}))?"


def _dm(p: str) -> str:
    """Day month [year]: "27 July", "5th of May", "5 January 2015"."""
    return (rf"(?P<{p}_d>[0-9]{{1,2}}){_ORD}{_S}(?:of{_S})?{_month(p + '_m')}"
            rf"(?:,?{_S}(?P<{p}_y>{_YEAR}))?")


_NUMWORD = trie_pattern(_any_case("a one two three four five six seven eight nine ten".split()))
_REL_WORDS = _any_case("yesterday today tonight tomorrow overnight".split())
# "the day before the vote", "the night before Christmas": relative to that, not to publication
_OBJECT_WORDS = r"(?:(?:the|his|her|its|their|a|an|that|this|he|she|they|it|we)\b|[A-Z])"

# Every match starts with a digit or with the first letter of one of these words; the scan
# rejects other positions with one character-class test.
_FIRST_CHARS = "".join(sorted(
    {w[0] for w in _proper(list(_MONTHS) + list(_WEEKDAYS))}
    | {w[0] for w in _any_case("yesterday today tonight tomorrow overnight this last the a one two "
                               "three four five six seven eight nine ten".split())}))

_PATTERN = rf"""
(?=[0-9{_FIRST_CHARS}])(?<!\w)
(?:
  (?=[0-9])(?<![$£€/.,:\-])
  (?:
    # "2016-07-27"
    (?P<iso>(?P<iso_y>{_YEAR})-(?P<iso_m>[0-9]{{1,2}})-(?P<iso_d>[0-9]{{1,2}})(?![0-9/-]|[.,][0-9]))
    # "07/27/2016", "27-10-2023", "27.10.2023", "12/12/12"
  | (?P<num>(?P<num_a>[0-9]{{1,2}})(?P<num_sep>[/.-])(?P<num_b>[0-9]{{1,2}})(?P=num_sep)
            (?P<num_y>[0-9]{{4}}|[0-9]{{2}})(?![0-9/\-]|[.,][0-9]|\w))
    # "27 July", "5th of May", "5 January 2015"
  | (?P<dm>{_dm('dm')})
    # "3 days ago"
  | (?P<ago>(?P<ago_n>[0-9]{{1,2}}){_S}days?{_S}(?:ago|earlier)(?!\w))
    # "2014" (a year only after a trigger: "in 2014")
  | (?P<yr>(?P<yr_y>{_YEAR})(?![-/][0-9]|[.,][0-9]|\w))
  )
  # "Wednesday", "Wednesday, July 27, 2016", "Saturday 5 March 2016"
| (?P<wd>(?P<wd_w>{_WD})(?!\w)
         (?:,?{_S}(?:{_md('wdm')}|(?:the{_S})?{_dm('wdd')}))?)
  # "July 27", "Jan. 5th, 2016", "April 2015", "April" (a bare month only after a trigger)
| (?P<mo>{_md('mo')}|{_month('mo_b')}(?:,?{_S}(?P<mo_by>{_YEAR}))?)
  # "yesterday", "last night", "this morning", "the day before", "two days ago"
| (?P<rel>{trie_pattern(_REL_WORDS)}
    |(?:this|This|THIS){_S}(?:morning|afternoon|evening|month|year|MORNING|AFTERNOON|EVENING|MONTH|YEAR)
    |(?:last|Last|LAST){_S}(?:night|evening|month|year|NIGHT|EVENING|MONTH|YEAR)
    |(?:the|The|THE){_S}(?:day{_S}before(?:{_S}yesterday|(?!{_S}{_OBJECT_WORDS}))
                        |night{_S}before(?!{_S}{_OBJECT_WORDS})
                        |(?:previous|prior){_S}(?:day|night|evening))
    |{_NUMWORD}{_S}days?{_S}(?:ago|earlier)
  )(?!\w)
)
"""
_DATE_RE = re.compile(_PATTERN, re.VERBOSE)

# Triggers read backwards from a match: "in April", "in early April", "mid-April",
# "last Monday", "since 2014".  ``search`` over at most 32 characters: bounded work.
#: The trigger words, in the pattern's order (:mod:`casualties.events` reads them too).
TRIGGER_WORDS = ("in", "since", "during", "until", "till", "through", "throughout", "from", "by", "of", "last",
                 "next", "this", "past", "previous", "early", "late", "mid")
_TRIGGER_RE = re.compile(
    rf"(?<!\w)(?P<t>{'|'.join(TRIGGER_WORDS)})(?:\s{{1,3}}|-)(?:(?:early|late|mid)(?:\s{{1,3}}|-))?\Z", re.IGNORECASE)
_MONTH_TRIGGERS = frozenset("in since during until till through throughout from by of last next "
                            "this early late mid".split())
_WEEKDAY_TRIGGERS = frozenset("last next past previous".split())
_YEAR_TRIGGERS = frozenset("in since during until through throughout early late mid".split())


def _trigger_before(text: str, pos: int, allowed) -> Tuple[str, int]:
    """The trigger word right before ``pos`` (lower case) and where it starts, or ("", pos)."""
    m = _TRIGGER_RE.search(text, max(0, pos - 32), pos)
    if m is None:
        return "", pos
    t = m.group("t").lower()
    return (t, m.start()) if t in allowed else ("", pos)


_PREV_WORD_RE = re.compile(r"([^\W\d_]+)\W{0,3}\Z")


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD_RE.search(text, max(0, pos - 24), pos)
    return m.group(1).lower() if m else ""


# --------------------------------------------------------------------------------------
# resolution helpers (None when the date is impossible or out of range)


def _day(y: int, m: int, d: int) -> Optional[_dt.date]:
    try:
        return _dt.date(y, m, d)
    except (ValueError, OverflowError):
        return None


def _shift(d: _dt.date, days: int) -> Optional[_dt.date]:
    try:
        return d + _dt.timedelta(days=days)
    except OverflowError:
        return None


def _month_num(word: str) -> int:
    return _MONTHS[word.rstrip(".").lower()]


def _month_day_no_year(month: int, day: int, published: _dt.date) -> Optional[_dt.date]:
    """The latest ``month``/``day`` on or before ``published`` + 1 day."""
    limit = _shift(published, FUTURE_TOLERANCE_DAYS) or published
    for year in (limit.year, limit.year - 1, limit.year - 2, limit.year - 3, limit.year - 4):
        d = _day(year, month, day) if 1 <= year <= 9999 else None
        if d is not None and d <= limit:
            return d
    return None  # Feb 29 with no leap year nearby, or out of range


def _weekday(wd: int, trigger: str, published: _dt.date) -> Tuple[Optional[_dt.date], str]:
    name = _WEEKDAY_NAMES[wd]
    back = (published.weekday() - wd) % 7
    if trigger in ("last", "past", "previous"):
        back = back or 7
        return _shift(published, -back), f"'{trigger} {name}': latest {name} before {published}"
    if trigger == "next":
        ahead = (wd - published.weekday()) % 7 or 7
        return _shift(published, ahead), f"'next {name}': first {name} after {published}"
    return _shift(published, -back), f"weekday '{name}': latest {name} on or before {published}"


def _numeric(a: int, b: int, y: int) -> Tuple[Optional[_dt.date], str]:
    if a > 12:
        return _day(y, b, a), "numeric day-month-year (first field > 12)"
    return _day(y, a, b), "numeric month/day/year (US order)"


# --------------------------------------------------------------------------------------
# find_dates


def _as_date(published) -> Optional[_dt.date]:
    if published is None or (isinstance(published, _dt.date) and not isinstance(published, _dt.datetime)):
        return published
    from .reports import parse_published  # local import: keeps this module light

    return parse_published(published, field="published")


def _explicit_md(g, p: str, pub, weekday: Optional[str] = None):
    """``(date, basis)`` of a month-day mention whose groups are prefixed ``p``, or None."""
    month, day = _month_num(g(p + "_m")), int(g(p + "_d").rstrip("stndrh"))
    ytxt = g(p + "_y")
    if ytxt is not None:
        d, basis = _day(int(ytxt), month, day), "explicit day, month and year"
    elif pub is not None:
        d = _month_day_no_year(month, day, pub)
        basis = f"month and day; year that puts it on or before {pub} (+1 day)"
    else:
        return None
    if d is None:
        return None
    if weekday is not None:
        if d.weekday() == _WEEKDAYS[weekday.lower()]:
            basis += f"; weekday '{weekday}' agrees"
        else:
            basis += f"; weekday '{weekday}' disagrees, the explicit date wins"
    return d, basis


def _resolve(m: re.Match, text: str, pub: Optional[_dt.date]):
    """``(start, date, precision, kind, basis)`` for one match, or None if it is no date."""
    alt = m.lastgroup
    g = m.group
    start = m.start(alt)
    if alt == "mo":
        if g("mo_m") is not None:
            r = _explicit_md(g, "mo", pub)
            return (start, r[0], "day", "explicit", r[1]) if r else None
        mw = g("mo_b")
        month = _month_num(mw)
        trig, tstart = _trigger_before(text, start, _MONTH_TRIGGERS)
        ytxt = g("mo_by")
        if ytxt is not None:
            return tstart, _dt.date(int(ytxt), month, 1), "month", "explicit", "month and year"
        if not trig or pub is None:
            return None  # a bare month name ("May", "March") is no date
        if trig == "last":
            y = pub.year if month < pub.month else pub.year - 1
            basis = f"'last {mw}': latest {mw} before the month of {pub}"
        elif trig == "next":
            y = pub.year if month > pub.month else pub.year + 1
            basis = f"'next {mw}': first {mw} after the month of {pub}"
        elif trig == "this":
            y = pub.year
            basis = f"'this {mw}': {mw} of the year of {pub}"
        else:
            y = pub.year if month <= pub.month else pub.year - 1
            basis = f"month '{mw}': latest {mw} on or before {pub}"
        d = _day(y, month, 1)
        return (tstart, d, "month", "explicit", basis) if d else None
    if alt == "wd":
        w = g("wd_w")
        for p in ("wdm", "wdd"):
            if g(p + "_m") is not None:
                r = _explicit_md(g, p, pub, weekday=w)
                return (start, r[0], "day", "explicit", r[1]) if r else None
        if pub is None:
            return None
        trig, tstart = _trigger_before(text, start, _WEEKDAY_TRIGGERS)
        if not trig and _prev_word(text, start) in _NAMED_DAY_WORDS:
            return None  # "Good Friday", "Black Friday"
        d, basis = _weekday(_WEEKDAYS[w.lower()], trig, pub)
        return (tstart, d, "day", "weekday", basis) if d else None
    if alt == "dm":
        r = _explicit_md(g, "dm", pub)
        return (start, r[0], "day", "explicit", r[1]) if r else None
    if alt == "iso":
        d = _day(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))
        return (start, d, "day", "explicit", "ISO year-month-day") if d else None
    if alt == "num":
        ytxt = g("num_y")
        if len(ytxt) == 2:
            if g("num_sep") != "/":
                return None
            y = int(ytxt) + (2000 if int(ytxt) < 70 else 1900)
        else:
            y = int(ytxt)
            if not 1900 <= y <= 2099:
                return None
        d, basis = _numeric(int(g("num_a")), int(g("num_b")), y)
        return (start, d, "day", "explicit", basis) if d else None
    if alt == "yr":
        trig, tstart = _trigger_before(text, start, _YEAR_TRIGGERS)
        if not trig:
            return None  # a bare four-digit number is no date
        return tstart, _dt.date(int(g("yr_y")), 1, 1), "year", "explicit", f"year after '{trig}'"
    if alt in ("rel", "ago"):
        if pub is None:
            return None
        return _relative(g(alt), start, text, pub)
    return None


def _relative(surface: str, start: int, text: str, pub: _dt.date):
    words = surface.lower().split()
    key = " ".join(words)
    precision = "day"
    if key == "today":
        if surface[0] == "T" and (_prev_word(text, start) in _TODAY_TITLE_WORDS
                                  or text.startswith(" show", start + 5)):
            return None
        offset = 0
    elif key in ("tonight", "this morning", "this afternoon", "this evening", "overnight"):
        offset = 0
    elif key in ("yesterday", "last night", "last evening", "the previous day",
                 "the previous night", "the previous evening", "the prior day", "the prior night",
                 "the prior evening", "the day before", "the night before"):
        offset = -1
    elif key == "the day before yesterday":
        offset = -2
    elif key == "tomorrow":
        offset = 1
    elif key in ("this month", "last month"):
        y, mo = pub.year, pub.month
        if key == "last month":
            y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
        d = _day(y, mo, 1)
        return (start, d, "month", "relative", f"'{key}' relative to {pub}") if d else None
    elif key in ("this year", "last year"):
        d = _day(pub.year - (key == "last year"), 1, 1)
        return (start, d, "year", "relative", f"'{key}' relative to {pub}") if d else None
    else:  # "<n> days ago|earlier"
        n = words[0]
        count = int(n) if n.isdigit() else _NUMBER_WORDS.get(n)
        if count is None:
            return None
        offset = -count
    d = _shift(pub, offset)
    if d is None:
        return None
    sign = f"{offset:+d} day{'s' if abs(offset) != 1 else ''}" if offset else "same day"
    return start, d, precision, "relative", f"'{key}': published {pub} {sign}"


def _checked_text(text) -> None:
    if not isinstance(text, str):
        from .errors import InputTypeError

        raise InputTypeError(f"text: expected str, got {type(text).__name__}")


def find_dates(text: str, published=None) -> List[DateMention]:
    """Every date mention of ``text``, in text order, resolved against ``published``.

    ``published`` is a date (also accepted: datetime, pandas Timestamp, ISO string, None).
    Weekdays, relative words and month-days without a year need ``published``; without it
    they are skipped.  The rules are in the module docstring.  Linear time; never raises on
    a str.
    """
    _checked_text(text)
    pub = _as_date(published)
    out: List[DateMention] = []
    for m in _DATE_RE.finditer(text):
        r = _resolve(m, text, pub)
        if r is None:
            continue
        start, d, precision, kind, basis = r
        end = m.end()
        out.append(DateMention(start, end, text[start:end], d, precision, kind, basis))
    return out


# --------------------------------------------------------------------------------------
# event_date

# A sentence ends at ., ! or ? followed by space and a capital / quote / digit, or at a newline.
_END_RE_REFERENCE = re.compile(r"[.!?]+['\"”’)]*(?=\s{1,20}[\"“‘'(]?[A-Z0-9])|\n")
#: :data:`_END_RE_REFERENCE` opening with one character class, which the regex engine skips to
#: (it cannot for an alternation that opens with a repeat): each alternative looks behind at that
#: first character.  The same matches (a test holds them against each other), about 40 % cheaper.
_END_RE = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*['\"”’)]*(?=\s{1,20}[\"“‘'(]?[A-Z0-9])|(?<=\n))")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col sgt capt maj cpl pvt st mt jr sr rev gov sen rep prof inc ltd co "
    "corp vs no jan feb mar apr jun jul aug sep sept oct nov dec".split())
_WORD_BEFORE_RE = re.compile(r"([A-Za-z]{1,12})$")


def _no_end_dot_pattern() -> str:
    """:data:`_NO_END_DOT_RE`: a dot, then a look back per length at the words before it."""
    by_len: dict = {}
    for w in sorted(_ABBREVIATIONS):
        by_len.setdefault(len(w), []).append("".join(f"[{c}{c.upper()}]" for c in w))
    backs = [r"(?<=(?<![A-Za-z])[A-Z]\.)", r"(?<=\.[a-z]\.)"]
    backs += [rf"(?<=(?<![A-Za-z])(?:{'|'.join(ws)})\.)" for _, ws in sorted(by_len.items())]
    return r"\.(?:" + "|".join(backs) + ")"


#: The dots that end no sentence, read with one scan (:func:`_sentence_starts`): a dot after an
#: abbreviation or a lone capital ("Mr.", "U.S.") or after a lone letter after a dot ("p.m."),
#: each the whole run of ASCII letters before the dot, as :data:`_WORD_BEFORE_RE` reads it (a run
#: of more than 12 letters is read as its last 12, which are no abbreviation and no lone letter).
#: The pattern opens with the dot, which the regex engine skips to.
_NO_END_DOT_RE = re.compile(_no_end_dot_pattern())


def _sentence_starts(text: str, stop: int) -> List[int]:
    """Start offsets of the sentences of ``text[:stop]`` (abbreviations do not end one).  The dots
    that end none are found by one scan (:data:`_NO_END_DOT_RE`) instead of reading the word
    before each dot; :func:`_sentence_starts_reference` reads it (tests hold the two together)."""
    ends = _END_RE.finditer(text, 0, stop)
    if "." not in text:
        return [0] + [m.end() for m in ends]
    no_end = {m.start() for m in _NO_END_DOT_RE.finditer(text, 0, stop)}
    return [0] + [m.end() for m in ends if m.start() not in no_end]


def _sentence_starts_reference(text: str, stop: int) -> List[int]:
    """:func:`_sentence_starts`, the word before each dot read by :data:`_WORD_BEFORE_RE`."""
    starts = [0]
    for m in _END_RE.finditer(text, 0, stop):
        i = m.start()
        if text[i] == ".":
            w = _WORD_BEFORE_RE.search(text, max(0, i - 12), i)
            word = w.group(1) if w else ""
            # "p.m.", "U.S.", "Jan.", "Mr.": no sentence end
            if word.lower() in _ABBREVIATIONS or (len(word) == 1 and (
                    word.isupper() or (w.start() > 0 and text[w.start() - 1] == "."))):
                continue
        starts.append(m.end())
    return starts


_KIND_RANK = {"explicit": 0, "weekday": 1, "relative": 1}

# Mentions that date the article, not the incident: a dateline or time stamp ("Posted:
# Tuesday, January 28, 2014 8:18 PM EST", "Updated 01/31/15", "April 23, 2013 6:12 AM"), the
# day something was said ("police said Tuesday"), a birth date ("born June 25, 2001").
_STAMP_BEFORE_RE = re.compile(
    r"(?<!\w)(?:posted|updated?|published|last\s+updated|created|modified|filed|date)\b\W{0,6}"
    r"(?:on\s+|at\s+)?\Z", re.IGNORECASE)
_SAID_BEFORE_RE = re.compile(
    r"(?<!\w)(?:said|says|say|announced|confirmed|reported|added|stated|told\s+\w+(?:\s+\w+)?)"
    r"(?:\s+(?:on|late|early|that))?\s+\Z", re.IGNORECASE)
_BORN_BEFORE_RE = re.compile(r"(?<!\w)born(?:\s+on)?\s+\Z", re.IGNORECASE)
_CLOCK_AFTER_RE = re.compile(r"\W{0,3}(?:at\s+)?[0-9]{1,2}:[0-9]{2}\b", re.IGNORECASE)


def _article_date_cue(text: str, mention: DateMention) -> str:
    """Why ``mention`` dates the article rather than the incident ("" if it does not)."""
    s = mention.start
    if _STAMP_BEFORE_RE.search(text, max(0, s - 24), s) or (
            mention.kind == "explicit" and _CLOCK_AFTER_RE.match(text, mention.end, mention.end + 12)):
        return "time stamp"
    if _BORN_BEFORE_RE.search(text, max(0, s - 12), s):
        return "birth date"
    if mention.kind != "explicit" and _SAID_BEFORE_RE.search(text, max(0, s - 40), s):
        return "day of a statement"
    return ""


def event_date(text: str, published=None, anchors: Sequence[int] = (), found: Optional[List[DateMention]] = None
               ) -> Tuple[Optional[_dt.date], Optional[DateMention]]:
    """The date of the report's main incident, and the mention it comes from.

    Only day-precision mentions count; not those dated more than one day after
    ``published`` (when it is known), nor those that date the article rather than the
    incident: a time stamp or dateline ("Posted: Tuesday, January 28, 2014 8:18 PM",
    "Updated 01/31/15", an explicit date followed by a clock time), a weekday or relative word
    right after a verb of saying ("police said Tuesday", "says Saturday that"), a birth date
    ("born June 25, 2001").  Rule:

    1. With ``anchors`` (character offsets of the report's main casualty claims): among the
       mentions in an anchor's own sentence or the two sentences before it, take the one in
       the nearest sentence (same sentence first); within it an explicit date beats a weekday
       or relative word; then the smallest character distance to an anchor; then the earlier.
    2. Otherwise (no anchors, or none has a mention nearby): the first mention that starts in
       the first :data:`EVENT_WINDOW_CHARS` (600) characters.
    3. Otherwise ``(None, None)``: the caller falls back to ``published``.

    ``found``, when given, is ``find_dates(text, published)``, which the caller has already.
    """
    pub = _as_date(published)
    limit = _shift(pub, FUTURE_TOLERANCE_DAYS) if pub is not None else None
    mentions = [d for d in (find_dates(text, pub) if found is None else found)
                if d.precision == "day" and (limit is None or d.date <= limit)
                and not _article_date_cue(text, d)]
    if not mentions:
        return None, None
    points = sorted({int(a) for a in anchors if 0 <= int(a) <= len(text)})
    if points:
        starts = _sentence_starts(text, min(len(text), max(points[-1], mentions[-1].end) + 1))
        best = None
        for mention in mentions:
            s_m = bisect.bisect_right(starts, mention.start) - 1
            for gap in range(ANCHOR_SENTENCES_BEFORE + 1):
                if s_m + gap >= len(starts):
                    break
                lo = starts[s_m + gap]
                hi = starts[s_m + gap + 1] if s_m + gap + 1 < len(starts) else len(text) + 1
                # the anchors of that sentence nearest to the mention (sorted: bisect)
                i = bisect.bisect_left(points, max(lo, mention.start))
                near = [points[k] for k in (i - 1, i) if 0 <= k < len(points) and lo <= points[k] < hi]
                if not near:
                    continue
                dist = min(min(abs(a - mention.start), abs(a - mention.end)) for a in near)
                key = (gap, _KIND_RANK[mention.kind], dist, mention.start)
                if best is None or key < best[0]:
                    best = (key, mention)
                break  # a nearer sentence always wins over a farther one
        if best is not None:
            return best[1].date, best[1]
    for mention in mentions:
        if mention.start < EVENT_WINDOW_CHARS:
            return mention.date, mention
        break
    return None, None
