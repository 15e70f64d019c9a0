"""Context of a claim: a sentence whose figures add up several events.

"In total, about forty people were killed in the day's bombings", "The combined attacks killed
twenty people", "killing at least 152 in twelve explosions around the country": the figure
counts the dead of several attacks, so it is no figure of any one of them (``background``,
kept with its span, in no incident's total).  The sentence says so by a count of two or more
events ("four bombings", "three separate attacks"), or by a word of summing ("in total",
"combined", "altogether") with a plural event noun.  A count of devices ("two car bombs
exploded") is one attack told in its parts, and not read here.
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

from .numbers import number_at
from .text import Token, tokenize
from .words import WORDS


#: Nouns of events that a tally counts ("attacks", "bombings", "explosions").
_EVENT_NOUNS = WORDS.set("plural_event_nouns")
#: Words that say a figure is summed over several events ("in total", "combined").
_SUMMING_WORDS = WORDS.set("summing_words")
#: Words that end a noun phrase (prepositions, verbs): "killed 3 in attacks" counts no attacks.
_NP_STOP = WORDS.set("np_stop")
#: The fewest events a count must name to make a tally ("three attacks"); two are most often
#: one double attack, told as one incident.
MIN_EVENTS = 3
#: How many words may stand between a count and its event noun ("four suicide bombings").
_MODIFIER_REACH = 2

__all__ = ["adds_up_several_events", "series_told_at", "sums_the_series"]


def adds_up_several_events(toks: Sequence[Token], lex, floors) -> bool:
    """Whether the sentence ``toks`` tells a figure summed over several events: a count of
    :data:`MIN_EVENTS` or more before a plural event noun ("in these four bombings"), or a
    summing word with a plural event noun that no smaller count modifies ("in total ... in the
    bombings", but not "the two attacks combined": a double attack is most often told as one).
    "The first of four attacks", "one of eight bombings" name one event of several: not a tally."""
    events = [i for i, t in enumerate(toks) if t.low in _EVENT_NOUNS]
    if not events:
        return False  # the common case: one scan of the sentence's words
    counts = [c for c in (_event_count(toks, i, lex, floors) for i in events) if c is not None]
    if any(c >= MIN_EVENTS for c in counts):
        return True
    return not counts and any(t.low in _SUMMING_WORDS for t in toks)


def _event_count(toks, i: int, lex, floors):
    """The count of the event noun at ``i`` ("four suicide bombings": 4), or ``None``; a count
    after "of" ("one of eight bombings") names one event of several, so it counts nothing."""
    for k in range(max(0, i - 1 - _MODIFIER_REACH), i):
        n = number_at(toks, k, lex, floors)
        if n is not None and n.last <= i and not n.vague and n.value is not None \
                and all(t.low.isalpha() and t.low not in _NP_STOP for t in toks[n.last:i]):
            return 0 if k > 0 and toks[k - 1].low == "of" else n.value
    return None


#: "This was one of more than 168 attacks on mosques": the report's event, one of a series.
_SERIES_RE = re.compile(r"\bone of (?:more than |over |about |around |nearly |at least |some )?"
                        r"([\w-]+) (?:[a-z'-]+ ){0,2}?(?:%s)\b" % "|".join(sorted(_EVENT_NOUNS)))
#: :data:`_SERIES_RE` opening with its literal "one", the word boundary before it read by a look
#: back from after it ("o" is a word character): the same matches, and the regex engine skips to
#: each "one" instead of trying the pattern at every position.
_SERIES_FAST_RE = re.compile(r"one(?<!\wone)" + _SERIES_RE.pattern[len(r"\bone"):])


def series_told_at(low: str, lex, floors) -> Optional[int]:
    """Where (the offset after it) the lower-cased text first tells that its event is one of a
    series of :data:`MIN_EVENTS` or more ("This was one of twelve explosions around the country
    on this day"), or ``None``.  Every match holds "one of " (the pattern has no case folding), so
    a text without it is not scanned, and the scan skips to each "one" (:data:`_SERIES_FAST_RE`);
    :func:`series_told_at_reference` tries :data:`_SERIES_RE` over every text."""
    if "one of " not in low:
        return None
    return _series_end(_SERIES_FAST_RE.finditer(low), lex, floors)


def series_told_at_reference(low: str, lex, floors) -> Optional[int]:
    """:func:`series_told_at`, the pattern tried over every text."""
    return _series_end(_SERIES_RE.finditer(low), lex, floors)


def _series_end(matches, lex, floors) -> Optional[int]:
    for m in matches:
        toks = tokenize(m.group(1))
        n = number_at(toks, 0, lex, floors) if toks else None
        if n is not None and n.value is not None and not n.vague and n.value >= MIN_EVENTS:
            return m.end()
    return None


def sums_the_series(toks: Sequence[Token], lex, floors) -> bool:
    """After the report has told that its event is one of a series, whether the sentence ``toks``
    sums the series: a summing word ("A total of 10 imams were killed") or a plural event noun
    that no count modifies ("were killed in the attacks").  Its figures count the series, not
    the one event of the report."""
    if any(t.low in _SUMMING_WORDS for t in toks):
        return True
    return any(t.low in _EVENT_NOUNS and not _event_count(toks, i, lex, floors) for i, t in enumerate(toks))
