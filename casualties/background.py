"""Stage 3 of claim extraction: the context of a figure in its sentence and report.

Takes a text, its tokens and a figure (:class:`~casualties.mentions._Raw`); gives:

- whether the figure is about another event or another time (background:
  :func:`_is_background`, :func:`_continues_other_time`), from the phrase tables
  ``_LEADING_BACKGROUND``, ``_STRONG_BACKGROUND``, ``_OTHER_EVENT``, ``_TALLY``,
  ``_WEAK_BACKGROUND`` read through :func:`_phrase_index` / :func:`_has_phrase` /
  :func:`_phrases_in`;
- the spans of link lines ("READ MORE: ...", :func:`_link_lines`);
- the body the figure cites (:func:`_cited_source`);
- whether an attacker claims it (:func:`_responsibility_claims`, :func:`_is_perpetrator_claim`).

Does not read clauses: uses only :mod:`casualties.mentions`.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import operator
import re
from itertools import compress, islice, repeat
from typing import List, Optional, Sequence, Tuple

from ._util import FOLDS_TO_ASCII
from .text import sentence_bounds, tokenize
from .words import WORDS
from .mentions import _MONTHS, _Raw


_ANIMALS = WORDS.set("animals")
_UNIT_WORDS = WORDS.set("unit_words") | _ANIMALS
_REPORT_VERBS = WORDS.set("report_verbs")
_SOURCE_HEADS = WORDS.set("source_heads")
_SOURCE_WORDS = WORDS.set("source_words")
_PERPETRATOR_SUBJECTS = WORDS.set("perpetrator_subjects")
_OTHER_EVENT = WORDS.phrases("other_event")
_UNITS_OF_TIME = WORDS.tuple("units_of_time")
_LEADING_BACKGROUND = (WORDS.phrases("leading_background")
                       + tuple((u, w) for u in _UNITS_OF_TIME for w in ("after", "before", "earlier"))
                       + WORDS.phrases("leading_background_follows"))
_STRONG_BACKGROUND = WORDS.phrases("strong_background") + tuple(
    ph + (n,) for ph in _OTHER_EVENT for n in WORDS.tuple("other_event_nouns"))
_TALLY = WORDS.phrases("tally")
_TRAILING_BACKGROUND = tuple((u, w) for u in _UNITS_OF_TIME for w in ("earlier", "ago"))
_TRAILING_BEFORE = tuple((u, "before") for u in _UNITS_OF_TIME)
_WEAK_BACKGROUND = WORDS.phrases("weak_background")
_ANAPHORIC_OPENERS = WORDS.set("anaphoric_openers")
#: The cue tables read together before and after a figure, joined once.
_BEFORE_FIGURE = _STRONG_BACKGROUND + _LEADING_BACKGROUND
_AFTER_FIGURE = _STRONG_BACKGROUND + _TRAILING_BACKGROUND


# --------------------------------------------------------------------------- context

_LOW = operator.itemgetter(3)  # Token.low


def _cue_heads() -> Tuple[frozenset, frozenset]:
    """The one-word cue phrases and the first two words of the longer ones, over every table
    :func:`_is_background` reads, with the month names it reads on their own."""
    single, pairs = set(_MONTHS), set()
    for table in (_TALLY, _BEFORE_FIGURE, _AFTER_FIGURE, _TRAILING_BEFORE, _WEAK_BACKGROUND):
        for ph in table:
            if len(ph) == 1:
                single.add(ph[0])
            else:
                pairs.add(ph[:2])
    return frozenset(single), frozenset(pairs)


class _Cues:
    """Where background cues can be in one sentence's tokens, found once for all its figures:
    ``at``, the tokens that open a cue phrase of any table or name a month (a one-word cue, or
    the first two words of a longer one), and ``digits``, the tokens that are digit runs (a year
    can only be one).  No cue phrase starts at any other token.  ``tally``: whether a tally
    phrase lies anywhere in the sentence, which is the same for all its figures."""

    __slots__ = ("at", "digits", "tally")

    def __init__(self, toks: Sequence):
        lows = list(map(_LOW, toks))
        n = len(lows)
        opens = map(operator.or_, map(_CUE_SINGLE.__contains__, lows),
                    map(_CUE_PAIRS.__contains__, zip(lows, islice(lows, 1, None))))
        self.at = list(compress(range(n), opens))
        if n and lows[-1] in _CUE_SINGLE:  # the pairs stop one short: the last token opens one-word cues only
            self.at.append(n - 1)
        self.digits = list(compress(range(n), map(str.isdigit, lows)))
        self.tally = _has_phrase(toks, 0, n, _TALLY, cues=self)

    def between(self, a: int, b: int):
        """The cue positions in ``[a, b)``, in order."""
        at = self.at
        return at[bisect.bisect_left(at, a):bisect.bisect_left(at, b)]


_CUE_SINGLE, _CUE_PAIRS = _cue_heads()


_PHRASE_INDEXES: dict = {}


def _phrase_index(phrases: tuple) -> dict:
    """First word -> phrases of a long-lived phrase table, built once per table (keyed by the
    table's identity, which is checked, so that hashing a long tuple is not paid per call)."""
    got = _PHRASE_INDEXES.get(id(phrases))
    if got is None or got[0] is not phrases:
        index: dict = {}
        for ph in phrases:
            index.setdefault(ph[0], []).append(ph)
        got = _PHRASE_INDEXES[id(phrases)] = (phrases, index)
    return got[1]


def _has_phrase(toks, a, b, phrases, skip_definite: bool = False, cues: Optional[_Cues] = None) -> bool:
    """Whether one of ``phrases`` (tuples of words) lies wholly inside tokens ``[a, b)``.
    With ``skip_definite``, "a day after the attack" does not count: "the attack" is the
    report's own event, not another one.  With ``cues`` (of these tokens), only the tokens
    where a cue phrase can start are read; without, every token."""
    index = _phrase_index(phrases)
    for i in (range(a, b) if cues is None else cues.between(a, b)):
        cands = index.get(toks[i].low)
        if cands:
            for ph in cands:
                n = len(ph)
                if i + n <= b and all(toks[i + x].low == ph[x] for x in range(1, n)):
                    if skip_definite and ph[-1] in ("after", "before") and i + n < len(toks) and \
                            toks[i + n].low in ("the", "this", "that", "he", "she", "they", "his", "her"):
                        continue
                    return True
    return False


def _phrases_in(toks, a, b, phrases, cues: Optional[_Cues] = None) -> set:
    """The distinct ``phrases`` lying wholly inside tokens ``[a, b)`` (``cues`` as in
    :func:`_has_phrase`)."""
    index = _phrase_index(phrases)
    found = set()
    for i in (range(a, b) if cues is None else cues.between(a, b)):
        for ph in index.get(toks[i].low, ()):
            if i + len(ph) <= b and all(toks[i + x].low == ph[x] for x in range(1, len(ph))):
                found.add(ph)
    return found


#: Every token at which :func:`_source_at` can find a cited body.
_CITE_STARTS = frozenset({"according"}) | _REPORT_VERBS


def _cited_source(text, toks, claim_first, claim_last, sources: Optional[list] = None) -> Optional[str]:
    """The body a figure is attributed to in its sentence, if any: :func:`_cited_source_reference`
    read only at the tokens that can open a citation (:func:`_sources_in`; ``sources``, when
    given, is what it gives for these tokens, found once for all the sentence's figures)."""
    return _source_text(text, _nearest_source(_sources_in(toks) if sources is None else sources, claim_first))


def _sources_in(toks) -> list:
    """``(token, span)`` of every cited body in a sentence, in order: :func:`_source_at` read only
    at the tokens that can open a citation ("according", a report verb), found by a set lookup
    mapped over the words; it finds nothing at the others."""
    starts = list(compress(range(len(toks)), map(_CITE_STARTS.__contains__, map(_LOW, toks))))
    return [(i, cand) for i, cand in zip(starts, map(_source_at, repeat(toks), starts)) if cand is not None]


def _cited_source_reference(text, toks, claim_first, claim_last) -> Optional[str]:
    """:func:`_cited_source` token by token: the slow, obvious reading tests hold it against."""
    found = [(i, _source_at(toks, i)) for i in range(len(toks))]
    return _source_text(text, _nearest_source([(i, c) for i, c in found if c is not None], claim_first))


def _nearest_source(found, claim_first):
    """Of the ``(token, span)`` cited bodies ``found`` (in token order), the span of the one
    nearest the claim's first token (the first of two as near), or ``None``."""
    best, best_dist = None, None
    for i, cand in found:
        dist = abs(i - claim_first)
        if best_dist is None or dist < best_dist:
            best, best_dist = cand, dist
    return best


def _source_text(text, best) -> Optional[str]:
    if best is None:
        return None
    s = text[best[0]:best[1]].strip()
    for prefix in ("the ", "The "):
        if s.startswith(prefix):
            s = s[len(prefix):]
    return s or None


def _source_at(toks, i: int) -> Optional[Tuple[int, int]]:
    """The span of the body cited by the words at token ``i`` ("according to X", "X said",
    "said X"), if any; only at "according" or a report verb."""
    n = len(toks)
    t = toks[i]
    cand = None
    if t.low == "according" and i + 1 < n and toks[i + 1].low == "to":
        j = i + 2
        while j < n and toks[j].low not in (",", ".", ";", "(", ")", "that", "which", "who") and j - i < 14:
            j += 1
        if j > i + 2:
            cand = (toks[i + 2].start, toks[j - 1].end)
    elif t.low in _REPORT_VERBS and not t.text[:1].isupper() \
            and not (i > 0 and toks[i - 1].low in ("an", "the", "some")):
        # "States" in "United States" is no verb, nor "estimated" in "an estimated 90"
        # subject before the verb: "state TV said", "the UN mission said", "Israel's Channel 10 reported"
        j = i
        while j > 0 and toks[j - 1].low in ("later", "also", "earlier", "then", "now", "had", "has", "have", "initially"):
            j -= 1
        subj_end = j
        if j > 2 and toks[j - 1].low == ",":
            # "The town's mayor, Ahmed Saleh, said": step over the apposition to its head
            c = j - 2
            while c > 0 and j - c < 7 and toks[c].low != ",":
                c -= 1
            if toks[c].low == "," and c > 0:
                j = c
        end_subj = j
        while j > 0 and end_subj - j < 8:
            p = toks[j - 1]
            if not (p.text[:1].isupper() or p.low[:1].isdigit() or p.low in _SOURCE_HEADS or p.low in _SOURCE_WORDS):
                break
            j -= 1
        while j < end_subj and toks[j].low in ("the", "a", "an", "of", "'s", "’s", "-", "for"):
            j += 1
        named = any(toks[x].low in _SOURCE_HEADS or (toks[x].text[:1].isupper() and x > 0) for x in range(j, end_subj))
        if j < end_subj and (named or (toks[j].text[:1].isupper() and end_subj - j > 1)) and \
                not (end_subj - j == 1 and toks[j].low in ("it", "he", "she", "they")):
            last = subj_end - 1 if toks[subj_end - 1].low != "," else subj_end - 2
            cand = (toks[j].start, toks[last].end)
        elif i + 1 < n:
            # object after the verb: ", said one witness", "reported the Associated Press"
            k = i + 1
            while k < n and toks[k].low not in (",", ".", ";", "that", "in", "on", "to", "and") and k - i < 8:
                k += 1
            if k > i + 1 and any(toks[x].low in _SOURCE_HEADS or toks[x].text[:1].isupper() for x in range(i + 1, k)) \
                    and toks[i + 1].low not in ("it", "he", "she", "they", "responsibility", "by", "as", "for", "with"):
                cand = (toks[i + 1].start, toks[k - 1].end)
    return cand


_RESPONSIBILITY_RE = re.compile(
    r"(?<=[ \n])responsibility|claim(?:ed|s)?\s+(?:the\s+)?(?:attack|bombing|killing|assault|operation)",
    re.IGNORECASE)
_RESPONSIBILITY_VERB_RE = re.compile(r"(?:claim(?:ed|s|ing)?|took|take|takes|taking|accept(?:ed|s)?)\s+(?:the\s+)?$",
                                     re.IGNORECASE)


def _responsibility_claims(text: str, low: Optional[str] = None) -> List[int]:
    """Offsets where the text says someone claimed an attack ("claimed responsibility");
    ``low``, when given, is ``text.lower()``."""
    low = text.lower() if low is None else low
    if "responsibility" not in low and "claim" not in low:
        return []  # the common case, found without the regex
    return _responsibility_in(text, low)


#: ``_RESPONSIBILITY_RE`` for lower-cased text: case folding inside the engine is slow.
_RESPONSIBILITY_LOW_RE = re.compile(_RESPONSIBILITY_RE.pattern)


def _responsibility_in(text: str, low: str) -> List[int]:
    """:func:`_responsibility_claims_reference` with its first scan run on ``low``
    (``text.lower()``) without case folding, where that finds the same matches: ``low`` as long
    as ``text`` (so every character lower-cased to one, at its place) and no character that folds
    to an ASCII letter only inside the engine (:data:`~casualties._util.FOLDS_TO_ASCII`)."""
    if len(low) != len(text) or (not text.isascii() and any(c in text for c in FOLDS_TO_ASCII)):
        return _responsibility_claims_reference(text)
    out = []
    for m in _RESPONSIBILITY_LOW_RE.finditer(low):
        if m.group()[:1] == "r" and not _RESPONSIBILITY_VERB_RE.search(text, max(0, m.start() - 24), m.start()):
            continue
        out.append(m.start())
    return out


def _responsibility_claims_reference(text: str) -> List[int]:
    """:func:`_responsibility_claims` without its pre-test, scanning ``text`` with case folding."""
    out = []
    for m in _RESPONSIBILITY_RE.finditer(text):
        if m.group()[:1] in "rR" and not _RESPONSIBILITY_VERB_RE.search(text, max(0, m.start() - 24), m.start()):
            continue
        out.append(m.start())
    return out


def _is_perpetrator_claim(toks, raw: _Raw, responsibility_claimed: bool = False) -> bool:
    """ "IS said it killed over 100", "the group stated that five guards were killed" (after it
    claimed the attack): a figure claimed by the attacking side."""
    words = [t.low for t in toks[:raw.first + 1]]
    for i in range(len(words) - 2, -1, -1):  # the nearest reporting verb before the figure
        if words[i] in _REPORT_VERBS or words[i] in ("claiming", "boasted"):
            if not (any(w in ("it", "they", "its", "their") for w in words[i + 1:i + 3])
                    or words[i + 1:i + 3] == ["to", "have"] or responsibility_claimed):
                return False
            start = i
            while start > 0 and i - start < 12 and words[start - 1] not in (";", "but", "."):
                start -= 1
            return any(w in _PERPETRATOR_SUBJECTS for w in words[start:i])
        if words[i] in (";", "but"):
            return False
    return False


def _continues_other_time(text: str, s: int, toks, published: Optional[_dt.date]) -> bool:
    """ "... since January 2022, when they stormed a prison. The 10-day battle left nearly 500
    dead.": a sentence that opens by pointing back ("It", "The", "His") at a sentence dated in
    another year goes on about that other event."""
    if published is None or not toks or toks[0].low not in _ANAPHORIC_OPENERS or s < 2:
        return False
    if any(_year_at(toks, i) for i in range(len(toks))):
        return False  # it names its own year
    if any(t.low in _REPORT_VERBS for t in toks[1:5]):
        return False  # "The interior ministry said ...": the opener names a source, not the other event
    ps, _ = sentence_bounds(text, s - 2, s - 1)
    prev = tokenize(text, ps, s)
    years = [y for y in (_year_at(prev, i) for i in range(len(prev))) if y]
    return bool(years) and all(y != published.year for y in years)


def _year_at(toks, i: int) -> Optional[int]:
    """The year token ``i`` names, if any: "2014", not "2000-kilogram" or "2000 tons"."""
    t = toks[i].low
    if not (t.isdigit() and len(t) == 4 and 1900 <= int(t) <= 2100):
        return None
    j = i + 1
    if j < len(toks) and toks[j].low == "-":
        j += 1
    return None if j < len(toks) and toks[j].low in _UNIT_WORDS else int(t)


#: A line that links to another story: "Related: ...", "See also: ...", "READ MORE: ...", or a
#: video playlist entry that opens with its running time ("1:51 Boy killed in ..."), but not a
#: live-blog time stamp ("11:02 p.m.: ...").
_LINK_LINE_RE = re.compile(
    r"^[ \t(\[]*(?:(?:see also|also read|read more|more|related(?: coverage| stories| story| links?)?|read|previous coverage)"
    r"\s*[:|]|\d{1,2}:\d{2}[ \t]+(?![ap]\.?m\b)[A-Za-z'\"‘“])", re.IGNORECASE | re.MULTILINE)


def _link_lines(text: str) -> List[Tuple[int, int]]:
    """The (start, end) of every line of ``text`` that links to another story (a "Related:" or
    "See also:" headline, a video playlist entry), in text order: that headline is another
    report, so its figures are background even when it tells of the same event, which the
    report's own text tells anyway.  One scan, so a text of many figures on one line stays linear;
    none in a text without ":" or "|", which every link line holds (:func:`_link_lines_reference`)."""
    if ":" not in text and "|" not in text:
        return []
    return _link_lines_reference(text)


def _link_lines_reference(text: str) -> List[Tuple[int, int]]:
    """:func:`_link_lines` without its pre-test."""
    spans = []
    for m in _LINK_LINE_RE.finditer(text):
        end = text.find("\n", m.end())
        spans.append((m.start(), len(text) if end == -1 else end))
    return spans


def _in_spans(spans: List[Tuple[int, int]], at: int) -> bool:
    """Position ``at`` lies in one of the sorted, disjoint ``spans``."""
    if not spans:
        return False  # the common case: a text without link lines
    i = bisect.bisect_right(spans, at, key=lambda span: span[0]) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


def _dated_weeks_before(toks, i: int, published: _dt.date) -> bool:
    """Token ``i`` opens a day of the year ("March 23", "Nov. 15") that lies more than two weeks
    before the report was published: a figure told with it is about an earlier event."""
    m = _MONTHS.get(toks[i].low)
    if m is None or not toks[i].text[:1].isupper():
        return False  # "may 2" is no date; month names are written capitalised
    j = i + 1
    if j < len(toks) and toks[j].low == ".":
        j += 1
    if j >= len(toks) or not toks[j].low.isdigit() or not 1 <= int(toks[j].low) <= 31:
        return False
    year = published.year - (m > published.month)
    try:
        day = _dt.date(year, m, int(toks[j].low))
    except ValueError:
        return False
    return (published - day).days > 14


def _is_background(toks, raw: _Raw, published: Optional[_dt.date], first_claim: bool, cues: _Cues) -> bool:
    """A figure about another event: cues before the claim in its sentence, or right after it.

    :func:`_is_background_reference` read at the sentence's ``cues`` only: the phrase tables at
    the tokens that can open a phrase, the years at the digit runs, the months at the month
    names.  A year of another time decides at once wherever it stands, so the order in which
    the tokens are read does not matter."""
    a, b = 0, raw.first
    after_end = _after_figure_end(toks, raw.last)
    if cues.tally or _has_phrase(toks, a, b, _BEFORE_FIGURE, skip_definite=True, cues=cues) or \
            _has_phrase(toks, raw.last, after_end, _AFTER_FIGURE, cues=cues):
        return True
    for i in cues.between(raw.last, min(after_end, len(toks) - 1)):
        if (toks[i].low, toks[i + 1].low) in _TRAILING_BEFORE and \
                (i + 2 >= len(toks) or not toks[i + 2].low[:1].isalpha()):
            return True
    if len(_phrases_in(toks, a, b, _WEAK_BACKGROUND, cues=cues)) >= 2:
        return True  # "In a similar attack last year, 30 people were killed": two weak cues make a strong one
    weak = _has_phrase(toks, a, b, _WEAK_BACKGROUND, cues=cues) or \
        _has_phrase(toks, raw.last, after_end, _WEAK_BACKGROUND, cues=cues)
    if published is not None:
        for i in cues.digits:
            if i >= after_end:
                break
            if not raw.first <= i < raw.last:
                year = _year_at(toks, i)
                if year is not None and year != published.year:
                    return True  # a figure told with another year belongs to another event
        if not weak:
            weak = any(_month_cue(toks, i, published) for i in cues.between(0, after_end)
                       if not raw.first <= i < raw.last)
    return weak and not first_claim


def _after_figure_end(toks, last: int) -> int:
    """Where the words right after a figure end: at a clause break, at wounds told with when they
    were sustained (:func:`_dated_wounds`), or 8 tokens on."""
    after_end = last
    while after_end < len(toks) and after_end - last < 8 and \
            toks[after_end].low not in (",", ";", ".", "and", "but", "who", "which", "that", "whom") and \
            not _dated_wounds(toks, after_end):
        after_end += 1
    return after_end


_WOUND_WORDS = WORDS.set("wound_words")
_SUSTAINED = WORDS.set("wounds_sustained")


def _dated_wounds(toks, i: int) -> bool:
    """ "died of his wounds sustained a few days earlier": a wound noun at ``i`` whose own
    participle follows; the time after it dates the wounds, not another event."""
    return toks[i].low in _WOUND_WORDS and any(t.low in _SUSTAINED for t in toks[i + 1:i + 3])


def _month_cue(toks, i: int, published: _dt.date) -> bool:
    """Token ``i`` names a month that makes a figure weakly another event's: a day weeks before
    the report ("On March 23"), or another month ("in March", "since January")."""
    if _dated_weeks_before(toks, i, published):
        return True  # "On March 23, ...": a day weeks before the report, as "in March" is
    t = toks[i]
    return t.low in _MONTHS and i > 0 and toks[i - 1].low in ("in", "since", "last", "early", "late", "mid") \
        and _MONTHS[t.low] != published.month and not (i + 1 < len(toks) and toks[i + 1].low[:1].isdigit())


def _is_background_reference(toks, raw: _Raw, published: Optional[_dt.date], first_claim: bool) -> bool:
    """:func:`_is_background` reading every token: the slow, obvious reading tests hold it against."""
    a, b = 0, raw.first
    after_end = raw.last
    while after_end < len(toks) and after_end - raw.last < 8 and \
            toks[after_end].low not in (",", ";", ".", "and", "but", "who", "which", "that", "whom") and \
            not _dated_wounds(toks, after_end):
        after_end += 1
    if _has_phrase(toks, 0, len(toks), _TALLY) or \
            _has_phrase(toks, a, b, _BEFORE_FIGURE, skip_definite=True) or \
            _has_phrase(toks, raw.last, after_end, _AFTER_FIGURE):
        return True
    for i in range(raw.last, min(after_end, len(toks) - 1)):
        if (toks[i].low, toks[i + 1].low) in _TRAILING_BEFORE and \
                (i + 2 >= len(toks) or not toks[i + 2].low[:1].isalpha()):
            return True
    if len(_phrases_in(toks, a, b, _WEAK_BACKGROUND)) >= 2:
        return True  # "In a similar attack last year, 30 people were killed": two weak cues make a strong one
    weak = _has_phrase(toks, a, b, _WEAK_BACKGROUND) or _has_phrase(toks, raw.last, after_end, _WEAK_BACKGROUND)
    if published is not None:
        for i, t in enumerate(toks[:after_end]):
            if raw.first <= i < raw.last:
                continue
            year = _year_at(toks, i)
            if year is not None and year != published.year:
                return True  # a figure told with another year belongs to another event
            if _dated_weeks_before(toks, i, published):
                weak = True  # "On March 23, ...": a day weeks before the report, as "in March" is
            if t.low in _MONTHS and i > 0 and toks[i - 1].low in ("in", "since", "last", "early", "late", "mid") \
                    and _MONTHS[t.low] != published.month and not (i + 1 < len(toks) and toks[i + 1].low[:1].isdigit()):
                weak = True
    return weak and not first_claim
