"""Stage after extraction: the events one report tells of, and which of them each claim is about.

A report leads with its main event and may retell others: "On February 11, IS fighters kidnapped
about 75 truffle hunters ..." in a story about an attack six days later; "Also overnight, IS
seized two neighbourhoods in Hasaka" beside the Kobane attack.  :func:`report_events` reads that
from the text's structure, not from phrases per event (docs/concepts.md, "Events within a report"):

1. **Frames.**  A sentence whose opening adverbial (the words before its first comma, at most
   :data:`OPENER_WORDS`) names a date ("On February 11,", "In 2014,"), another time without a
   day ("Last week,", "Six days later,"), or turns to another event ("Meanwhile,", "In a
   separate attack,", "Also overnight,") opens a frame; the frame runs to the next such sentence
   or to the end of its paragraph.  The text before the first such sentence, and the first
   frame when the text opens with one, is the lead's frame.
2. **Roles.**  The lead's frame is the main event.  A frame dated to a day within
   :data:`SAME_DAY_TOLERANCE` days of the main event's day joins it (when the lead gives no day,
   the latest frame with a counted claim dated at most :data:`RECENT_DAYS` before ``published``
   gives it); so does a frame whose subject refers
   back to the main event ("On Sunday, the victim died", ``event_back_references``), and any
   later death ("a second soldier succumbed to his wounds the next day").  Every other frame
   with a claim of its own is another event.
3. **Claims.**  Each claim belongs to the event of its frame; headline claims to the main event.
   A background claim (a war's toll, an earthquake: judged by extraction to be about no event
   the report tells of) belongs to none, as before.

The word lists (``event_shift_openers``, ``other_time_openers``, ``event_back_references``) are
data in ``_data/words.json``.  Everything is one pass over the sentence starts: linear in the text.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re
from typing import List, Optional, Sequence, Tuple

import attrs

from .dates import TRIGGER_WORDS, _DATE_RE, _FIRST_CHARS, _article_date_cue, _as_date, _checked_text, _sentence_starts, event_date, find_dates
from .model import Claim
from .words import WORDS

__all__ = ["ReportEvent", "report_events", "report_events_reference", "MAIN", "OTHER", "OPENER_WORDS", "SAME_DAY_TOLERANCE"]

MAIN, OTHER = "main", "other"
#: An opening adverbial is the words before a sentence's first comma, at most this many.
OPENER_WORDS = 8
#: A frame dated this many days or fewer from the main event's day is the main event's.
SAME_DAY_TOLERANCE = 1
#: When the lead names no day, a dated frame at most this many days before ``published`` may give
#: the main event's (news leads with what is recent; a timeline of last year's cases does not).
RECENT_DAYS = 7
#: How many words after the opener may hold a reference back to the main event.
_SUBJECT_WORDS = 6

_SHIFT = WORDS.phrases("event_shift_openers")
_CONCURRENT = WORDS.phrases("concurrent_openers")
_OTHER_TIME = WORDS.phrases("other_time_openers")
_BACK_NOUNS = WORDS.set("event_back_references")
_BACK_PRONOUNS = WORDS.set("event_back_pronouns")
_SUCCUMB = WORDS.set("succumb")
#: Cues of a total over many events or a whole war ("this year", "since the start", "in separate
#: shootings"): a figure in a frame that holds one stays background, about no one event.
_AGGREGATE = WORDS.phrases("strong_background") + WORDS.phrases("tally")
_WOUND_WORDS = WORDS.set("wound_words")
#: Words that may stand before a date at the start of an opener ("Late on Friday", "And then on");
#: not "since" or "until": "Since January, 22 children were shot" is a tally over a period.
_BEFORE_DATE = frozenset("on in at late early also and but then by around about from".split())
#: Words that may stand before a date mention's match at the start of an opener: those of
#: :data:`_BEFORE_DATE` and the triggers that :mod:`casualties.dates` reads before a match.
_LEAD_WORDS = _BEFORE_DATE | frozenset(TRIGGER_WORDS)
#: How many words an opener may hold besides its date or time phrase ("On Friday afternoon").
_OPENER_SLACK = 2
_DETERMINERS = frozenset(("the", "this", "that", "these", "those"))
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
#: Where a date mention's own match can begin (what :data:`casualties.dates._DATE_RE` opens with).
_DATE_START_RE = re.compile(rf"(?<!\w)[0-9{_FIRST_CHARS}]")


def _by_first_word(phrases) -> dict:
    out: dict = {}
    for ph in phrases:
        out.setdefault(ph[0], []).append(ph)
    return out


_SHIFT_BY_FIRST = _by_first_word(_SHIFT)
_CONCURRENT_BY_FIRST = _by_first_word(_CONCURRENT)
_OTHER_TIME_BY_FIRST = _by_first_word(_OTHER_TIME)


@attrs.frozen
class ReportEvent:
    """One event a report tells of.

    ``index`` 0 is the main event; others are numbered in text order.  ``start`` / ``end``: the
    frame in the text (for the main event, the whole text: its frames may be several).
    ``opener``: the words that opened the frame ("On February 11", "Also overnight"; "" for
    the main event).  ``date``: its day, month or year (``date_precision``), resolved against
    ``published``, or None when the opener names no day ("Last week"); ``date_basis`` says how.
    ``claims``: indexes of its claims in the report's text claims.
    """

    index: int
    role: str
    start: int
    end: int
    opener: str
    date: Optional[_dt.date]
    date_precision: Optional[str]
    date_basis: str
    claims: Tuple[int, ...]


@attrs.frozen
class _Frame:
    start: int
    end: int
    kind: str  # "lead", "date", "time", "shift", "concurrent"
    opener: str
    mention: object  # the DateMention of a dated opener, else None
    subject: Tuple[str, ...]  # the words after the opener


def _paragraph_starts(text: str) -> List[int]:
    return [m.end() for m in re.finditer(r"\n\s*", text)]


def _starts_with(words: Sequence[str], phrases) -> bool:
    return any(tuple(words[:len(ph)]) == ph for ph in phrases)


def _starts_with_indexed(words: Sequence[str], by_first: dict) -> bool:
    """:func:`_starts_with` over the phrases of ``by_first`` (:func:`_by_first_word`): only those
    that open with the first word are compared."""
    return bool(words) and any(tuple(words[:len(ph)]) == ph for ph in by_first.get(words[0], ()))


def _holds(words: Sequence[str], phrases) -> bool:
    return any(tuple(words[i:i + len(ph)]) == ph for ph in phrases for i in range(len(words) - len(ph) + 1))


def _phrase_at_start(words: Sequence[str], phrases) -> bool:
    """One of ``phrases`` starts in the first :data:`_OPENER_SLACK` words and at most that many
    words follow it: the opener is that phrase ("Six days later", "About a year ago"), not a
    clause that holds it ("His body was found two days later")."""
    for i in range(min(len(words), _OPENER_SLACK + 1)):
        for ph in phrases:
            if tuple(words[i:i + len(ph)]) == ph and len(words) - i - len(ph) <= _OPENER_SLACK:
                return True
    return False


def _phrase_at_start_indexed(words: Sequence[str], by_first: dict) -> bool:
    """:func:`_phrase_at_start` over the phrases of ``by_first``: at each of the first words only
    the phrases that open with it are compared."""
    n = len(words)
    for i in range(min(n, _OPENER_SLACK + 1)):
        for ph in by_first.get(words[i], ()):
            if tuple(words[i:i + len(ph)]) == ph and n - i - len(ph) <= _OPENER_SLACK:
                return True
    return False


def _opening_dates(text: str, s: int, stop: int, mentions, mention_starts) -> list:
    """The date mentions of the opener ``text[s:stop]`` that open it: at most two words from
    :data:`_BEFORE_DATE` before them, at most :data:`_OPENER_SLACK` words after them, not the
    date of a statement or a time stamp."""
    out = []
    for m in mentions[bisect.bisect_left(mention_starts, s):bisect.bisect_left(mention_starts, stop)]:
        before = [w.lower() for w in _WORD_RE.findall(text, s, m.start)]
        after = _WORD_RE.findall(text, m.end, stop)
        if len(before) <= 2 and all(w in _BEFORE_DATE for w in before) and len(after) <= _OPENER_SLACK \
                and not _article_date_cue(text, m) \
                and not m.surface.lower().startswith(("since", "until")):
            out.append(m)
    return out


def _opener_head(text: str, s: int, e: int):
    """``(words, comma, stop)`` of the opening adverbial of the sentence ``text[s:e]``: its
    lower-cased words (a leading "and" / "but" dropped), its first comma, and where its date may
    reach (a second adverbial: "Six days later, on Friday,"); None when it has none."""
    comma = text.find(",", s, min(e, s + 90))
    if comma == -1:
        return None
    words = [w.lower() for w in _WORD_RE.findall(text, s, comma)]
    if not words or len(words) > OPENER_WORDS:
        return None
    if words[0] in ("and", "but"):
        words = words[1:]
    stop = comma
    # "Six days later, on Friday, they attacked": a second adverbial with the date
    nxt = text.find(",", comma + 1, min(e, comma + 40))
    if nxt != -1 and re.match(r",\s*(?:on|in|late|early)\b", text[comma:comma + 12], re.IGNORECASE):
        stop = nxt
    return words, comma, stop


def _opener_at(text: str, s: int, e: int, mentions, mention_starts) -> Optional[_Frame]:
    """The frame that the sentence ``text[s:e]`` opens, if its opening adverbial opens one."""
    head = _opener_head(text, s, e)
    if head is None:
        return None
    words, comma, stop = head
    dated = _opening_dates(text, s, stop, mentions, mention_starts)
    if not dated and stop != comma:  # "Six days later, on Friday,": the date is the second part's
        dated = _opening_dates(text, comma + 1, stop, mentions, mention_starts)
    kind = None
    if _starts_with_indexed(words, _SHIFT_BY_FIRST):
        kind = "shift"
    elif _starts_with_indexed(words, _CONCURRENT_BY_FIRST):
        kind = "concurrent"
    elif dated:
        kind = "date"
    elif _phrase_at_start_indexed(words, _OTHER_TIME_BY_FIRST):
        kind = "time"
    if kind is None:
        return None
    subject = tuple(w.lower() for w in _WORD_RE.findall(text, stop + 1, min(e, stop + 80))[:_SUBJECT_WORDS])
    best = min(dated, key=lambda m: ("day", "month", "year").index(m.precision)) if dated else None
    return _Frame(s, e, kind, text[s:stop].strip(), best, subject)


def _may_open(text: str, s: int, e: int) -> bool:
    """Whether the sentence ``text[s:e]`` may open a frame, whatever the text's date mentions:
    True whenever :func:`_opener_at` returns a frame (tests hold the two against each other).
    A date of the opener is a mention starting in ``text[s:stop]``; the match it comes from
    starts there too (before it there is at most a trigger word, "in", "last", which holds no
    comma), and a match that :func:`find_dates`'s scan finds at a position is found there by
    ``match`` too, so trying ``_DATE_RE.match`` at every position a match can begin misses none."""
    head = _opener_head(text, s, e)
    if head is None:
        return False
    words, comma, stop = head
    return (_starts_with_indexed(words, _SHIFT_BY_FIRST) or _starts_with_indexed(words, _CONCURRENT_BY_FIRST)
            or _phrase_at_start_indexed(words, _OTHER_TIME_BY_FIRST) or _may_be_dated(text, s, comma, stop))


def _may_be_dated(text: str, s: int, comma: int, stop: int) -> bool:
    """Whether a date mention may open ``text[s:stop]`` (:func:`_opening_dates`, from ``s`` or from
    after the ``comma``), read from the date pattern's matches alone.  The match of such a mention
    starts in ``text[s:stop]`` (only a trigger word, "in", "last", which holds no comma, may stand
    between the mention's start and its match's) and ends where the mention does, and what
    :func:`find_dates`'s scan matches at a position, ``match`` matches there too; so every position
    a match can begin at is tried.  Before the match stand the mention's at most two words of
    :data:`_BEFORE_DATE` and its trigger's at most two words (:data:`_LEAD_WORDS`); a word glued
    across the two by an apostrophe, or a trigger matched with a non-ASCII letter, is let through."""
    for x in _DATE_START_RE.finditer(text, s, stop):
        m = _DATE_RE.match(text, x.start())
        if m is None or len(_WORD_RE.findall(text, m.end(), stop)) > _OPENER_SLACK:
            continue
        if _may_lead(text, s, m.start()) or (stop != comma and comma < m.start() and _may_lead(text, comma + 1, m.start())):
            return True
    return False


def _may_lead(text: str, s: int, at: int) -> bool:
    words = _WORD_RE.findall(text, s, at)
    return len(words) <= 4 and all(w.lower() in _LEAD_WORDS or not w.isascii() or "'" in w for w in words)


_SPACES_RE = re.compile(r"\s*")  # ``\s`` is what ``str.isspace`` is true for (a test checks every code point)


def _sentence_span_list(text: str) -> List[Tuple[int, int]]:
    """The spans of :func:`_sentence_spans` as a list, found once per text (the fast path's test and
    the whole reading share it), the white space skipped by one match (tests hold the two together)."""
    n = len(text)
    starts = sorted(set(_sentence_starts(text, n)) | set(_paragraph_starts(text)))
    out = []
    for s, e in zip(starts, starts[1:] + [n]):
        if s < n and text[s].isspace():
            s = _SPACES_RE.match(text, s).end()
        if s < e:
            out.append((s, e))
    return out


def _sentence_spans(text: str):
    """``(start, end)`` of each sentence of ``text`` that may open a frame, in text order (a
    paragraph start starts a sentence; the white space that opens one is skipped)."""
    paragraphs = _paragraph_starts(text)
    starts = sorted(set(_sentence_starts(text, len(text))) | set(paragraphs))
    for k, s in enumerate(starts):
        while s < len(text) and text[s].isspace():
            s += 1
        e = starts[k + 1] if k + 1 < len(starts) else len(text)
        if s < e:
            yield s, e


def _frames(text: str, published, mentions, spans=None) -> List[_Frame]:
    """The frames of ``text`` in order: the lead's, then one per opening sentence (``mentions``:
    ``find_dates(text, published)``; ``spans``: its sentences' :func:`_sentence_span_list`, if
    found already)."""
    mention_starts = [m.start for m in mentions]
    paragraphs = _paragraph_starts(text)
    frames = [_Frame(0, len(text), "lead", "", None, ())]
    for s, e in (_sentence_spans(text) if spans is None else spans):
        got = _opener_at(text, s, e, mentions, mention_starts)
        if got is None:
            continue
        if frames[-1].kind == "lead" and not text[:s].strip():
            frames[-1] = attrs.evolve(got, kind="lead", start=0)  # the text opens with it: the lead
            continue
        frames.append(got)
    # each frame runs to the next one or to the end of its paragraph
    out = []
    for k, f in enumerate(frames):
        end = frames[k + 1].start if k + 1 < len(frames) else len(text)
        if f.kind != "lead":
            p = bisect.bisect_right(paragraphs, f.start)
            if p < len(paragraphs):
                end = min(end, paragraphs[p])
        out.append(attrs.evolve(f, end=end))
    return out


def _refers_back(text: str, frame: _Frame) -> bool:
    """The frame goes on with the main event: the words after the opener start with a definite
    reference to it ("the victim", "the 23-year-old victim", "this attack", "the bodies of") or
    with a pronoun for someone of it ("he", "his body"), or its first sentence tells of a death
    from wounds ("a fighter succumbed to his wounds", "died of his injuries"): the wounds are the
    main event's."""
    w = frame.subject
    if w and (w[0] in _BACK_PRONOUNS or (w[0] in _DETERMINERS and any(x in _BACK_NOUNS for x in w[1:5]))):
        return True
    words = [x.lower() for x in _WORD_RE.findall(text, frame.start, frame.end)]
    return any(x in _SUCCUMB or (x in ("died", "dies") and any(y in _WOUND_WORDS for y in words[k + 1:k + 5]))
               for k, x in enumerate(words))


def _main_day(text: str, published, frames: List[_Frame], frame_of: List[int], claims: Sequence[Claim],
              mentions=None):
    """The main event's day: its lead's opener's, else the day nearest the lead's counted claims
    (:func:`casualties.dates.event_date`), else None.  ``mentions``: ``find_dates(text,
    published)``, reused when the lead is the whole text."""
    lead = frames[0]
    if lead.mention is not None and lead.mention.precision == "day":
        return lead.mention.date
    anchors = [c.start for c, f in zip(claims, frame_of) if f == 0 and c.counts]
    if not anchors:
        return None
    if len(frames) > 1:
        date, _ = event_date(text[:frames[1].start], published, anchors)
    else:
        date, _ = event_date(text, published, anchors, mentions)
    return date


def _same_time(frame: _Frame, day: Optional[_dt.date]) -> bool:
    """A dated frame may be the main event's time: its date is within :data:`SAME_DAY_TOLERANCE`
    days of the main event's ``day``, its month or year holds that day, or the main event's day
    is unknown (nothing to tell them apart: the frame stays with the main event, as a report
    that names one day would)."""
    m = frame.mention
    if frame.kind != "date" or m is None:
        return False
    if day is None:
        return True
    if m.kind == "weekday":
        # a weekday names a day of the week: read against a publication date that may be a day
        # or two stale ("On Wednesday" of a story updated after it was first published), it is
        # compared with the main event's day within the week
        gap = (m.date - day).days % 7
        return min(gap, 7 - gap) <= SAME_DAY_TOLERANCE
    if m.precision == "day":
        return abs((m.date - day).days) <= SAME_DAY_TOLERANCE
    if m.precision == "month":
        return (m.date.year, m.date.month) == (day.year, day.month)
    return m.date.year == day.year


def _main_frames(text, published, frames, frame_of, claims, mentions=None) -> set:
    """Indexes of the frames that are the main event's (see the module's rule 2)."""
    day = _main_day(text, published, frames, frame_of, claims, mentions)
    pub = _as_date(published)
    if day is None and pub is not None:
        # the lead names no day: the latest recent dated frame with a counted claim gives it
        counted = {f for c, f in zip(claims, frame_of) if c.counts}
        dated = [frames[k].mention.date for k in counted
                 if k and frames[k].kind == "date" and frames[k].mention.precision == "day"
                 and -SAME_DAY_TOLERANCE <= (pub - frames[k].mention.date).days <= RECENT_DAYS]
        day = max(dated) if dated else None
    return {0} | {k for k, f in enumerate(frames) if k and (
        _same_time(f, day) or _refers_back(text, f)
        or (f.kind == "concurrent" and not _names_another_place(text, f, frames, frame_of, claims)))}


def _names_another_place(text: str, frame: _Frame, frames, frame_of, claims) -> bool:
    """A concurrent frame ("Meanwhile, ...", "Also overnight, ...") names a town or province
    other than the main event's (the one named nearest the lead's first counted claim, as
    :mod:`casualties.cues` finds it), and not one inside it."""
    from .cues import _main_place
    from .gazetteer import find_places

    lead_end = frames[1].start if len(frames) > 1 else len(text)
    anchors = [c.start for c, f in zip(claims, frame_of) if f == 0 and c.counts]
    lead_places = find_places(text[:lead_end])
    main = _main_place(text, lead_places, anchors[0] if anchors else 0) if lead_places else None
    for m in find_places(text[frame.start:frame.end]):
        p = m.place
        if p.kind not in ("city", "admin1"):
            continue
        if main is None or not (p.name == main.name or (p.kind == "admin1" and p.admin1 == main.admin1)):
            return True
    return False


def _is_definite(claim: Claim) -> bool:
    """The claim's victims are someone already told of: "the victim", "the child was shot",
    "these two men" (a determiner before its victim noun in its quote).  Someone already told
    of is the main event's, wherever the sentence stands."""
    if not claim.victims:
        return False
    words = [w.lower() for w in _WORD_RE.findall(claim.quote)]
    head = claim.victims.lower()
    return any(w == head and k and (words[k - 1] in _DETERMINERS or (k > 1 and words[k - 2] in _DETERMINERS))
               for k, w in enumerate(words))


def _told_in(text: str, frame: _Frame, claim: Claim, main: bool) -> Optional[str]:
    """Which event ``claim`` (in ``frame``) tells of: MAIN, OTHER (the frame's own event) or None
    (background: about no one event).  In a main frame a background claim stays background.  In
    another event's frame a figure is that event's (extraction's background cues, "Last week",
    "In a separate attack", are what opened the frame), unless the frame tells of a total over
    many events or a war (``strong_background``, ``tally`` phrases), or the figure is someone
    already told of (a later death from wounds, "the victim")."""
    if main:
        return None if claim.background else MAIN
    if "later death" in claim.basis or _is_definite(claim):
        return None if claim.background else MAIN
    if claim.background:
        words = [w.lower() for w in _WORD_RE.findall(text, frame.start, frame.end)]
        if frame.mention is not None and frame.mention.precision == "year" or _holds(words, _AGGREGATE):
            return None
    return OTHER


def _frame_at(frames: List[_Frame], starts: List[int], at: int) -> int:
    """The frame holding offset ``at``: the last one opened before it, unless its paragraph has
    ended (then the lead's: the story is back to its main event)."""
    k = max(0, bisect.bisect_right(starts, at) - 1)
    return k if at < frames[k].end else 0


def report_events(text: str, published, claims: Sequence[Claim]
                  ) -> Tuple[List[ReportEvent], Tuple[Optional[int], ...]]:
    """The events ``text`` tells of (the main one first) and, for each of its ``claims`` (as
    extracted from ``text``, headline claims apart), the index of its event, or None for a
    background claim.

    Most reports tell of one event: when there is no claim, or no sentence after the text's start
    may open a frame (:func:`_may_open`, which needs no date mentions), the text is the lead's one
    frame, every claim is the main event's or background, and neither :func:`find_dates` nor
    the frames are needed.  Else :func:`report_events_reference` reads the whole text."""
    _checked_text(text)  # what find_dates would raise
    _as_date(published)
    if claims:
        first = len(text) - len(text.lstrip())  # a frame opened here is the lead's own
        spans = _sentence_span_list(text)
        if any(s > first and _may_open(text, s, e) for s, e in spans):
            return report_events_reference(text, published, claims, spans)
    assigned = tuple(None if c.background else 0 for c in claims)
    main = ReportEvent(0, MAIN, 0, len(text), "", None, None, "", tuple(i for i, e in enumerate(assigned) if e == 0))
    return [main], assigned


def report_events_reference(text: str, published, claims: Sequence[Claim], spans=None
                  ) -> Tuple[List[ReportEvent], Tuple[Optional[int], ...]]:
    """The events ``text`` tells of (the main one first) and, for each of its ``claims`` (as
    extracted from ``text``, headline claims apart), the index of its event, or None for a
    background claim.  The whole reading, every time: :func:`report_events` holds to it
    (``spans``: the text's :func:`_sentence_span_list`, when found already)."""
    mentions = find_dates(text, published)  # found once: the frames' openers and the lead's day read them
    frames = _frames(text, published, mentions, spans)
    starts = [f.start for f in frames]
    frame_of = [_frame_at(frames, starts, c.start) for c in claims]
    main = _main_frames(text, published, frames, frame_of, claims, mentions)
    told = [_told_in(text, frames[f], c, f in main) for c, f in zip(claims, frame_of)]
    event_of_frame, events = {}, []
    for k in sorted({f for f, t in zip(frame_of, told) if t == OTHER}):
        event_of_frame[k] = len(events) + 1
        events.append(frames[k])
    assigned = [None if t is None else 0 if t == MAIN else event_of_frame[f] for f, t in zip(frame_of, told)]
    out = [ReportEvent(0, MAIN, 0, len(text), "", None, None, "",
                       tuple(i for i, e in enumerate(assigned) if e == 0))]
    for n, f in enumerate(events, 1):
        m = f.mention
        if m is not None:
            date, precision, basis = m.date, m.precision, f"{m.surface!r}: {m.basis}"
        else:
            date, precision, basis = None, None, f"{f.opener!r} names no day"
        out.append(ReportEvent(n, OTHER, f.start, f.end, f.opener, date, precision, basis,
                               tuple(i for i, e in enumerate(assigned) if e == n)))
    return out, tuple(assigned)

