"""Stage 1a of claim extraction: harm-predicate triggers, the category words of a sentence.

One scan of the text finds every category word or phrase (:func:`trigger_spans`: "killed",
"wounded", "death toll", "taken to hospital", ...); in a sentence's tokens,
:func:`_triggers_in` gives them as :class:`_Trigger` records with their category and kind
(verb, state, noun, phrase, toll), with the rules for "shot" as a noun ("one shot was fired")
and for people hit ("hit in a shooting").  The rest of the mentions (number phrases, victim
noun phrases) are in :mod:`casualties.mentions`, which re-exports these names.
"""
from __future__ import annotations

import functools
import operator
import re
from itertools import compress
from typing import List, Optional, Sequence

import attrs

from ._util import trie_pattern
from .lexicon import HIT, load_lexicon
from .text import Token
from .words import WORDS


_SHOT_NOUN_BEFORE = WORDS.set("shot_noun_before")
_SHOT_NOUN_AFTER = WORDS.set("shot_noun_after")


@attrs.frozen
class _Trigger:
    category: str
    kind: str  # verb, state, noun, phrase, toll, casualties
    first: int
    last: int  # exclusive
    word: str


@functools.lru_cache(maxsize=None)
def _trigger_tables():
    lex = load_lexicon()
    single, multi = {}, {}
    for cat, kinds in lex.categories.items():
        for kind in ("nouns", "states", "verbs"):  # later kinds win: verb > state > noun
            for w in kinds[kind]:
                single.setdefault(w[0], {})[cat] = kind[:-1]
        for ph in kinds["phrases"]:
            kind = "toll" if ph[-1] == "toll" else "phrase"
            if len(ph) == 1:
                single.setdefault(ph[0], {})[cat] = kind
            else:
                multi[ph] = (cat, kind)
    for adj in WORDS.tuple("multiplicity"):  # "triple shooting", "quadruple-shooting": kind "multiple"
        for noun in WORDS.tuple("multiple_shot_events"):
            multi[(adj, noun)] = multi[(adj, "-", noun)] = (HIT, "multiple")
    words = set(single) | {" ".join(p) for p in multi} | {"casualties", "casualty"} | {"hit in", "struck in"}
    # a trie-shaped pattern: the regex engine rejects most positions on the first letter, which
    # makes this scan cheaper than a bare scan for digits and number words
    scan = re.compile(rf"(?<![^\W\d_]){trie_pattern(words)}(?![^\W\d_])", re.IGNORECASE)
    multi_first = {}
    for ph in multi:
        multi_first.setdefault(ph[0], set()).add(len(ph))
    return single, multi, scan, {w: sorted(n, reverse=True) for w, n in multi_first.items()}


@functools.lru_cache(maxsize=None)
def _lower_scan() -> re.Pattern:
    """The trigger scan without IGNORECASE, for lower-cased text (case folding inside the
    regex engine costs it about 40 % on news text)."""
    scan = _trigger_tables()[2]
    return re.compile(scan.pattern, scan.flags & ~re.IGNORECASE)


def trigger_spans(text: str, low: Optional[str] = None):
    """``(start, end)`` of every category word or phrase in ``text``, in text order: the scan of
    the lower-cased text (:func:`_lower_spans`), or, where lower-casing changes the text's length
    (a few non-ASCII letters do), the case-folding scan of the text itself, so offsets always
    index ``text``.  ``low``, when given, is ``text.lower()``, made once for the field's scans."""
    low = text.lower() if low is None else low
    if len(low) == len(text):
        return _lower_spans(low)
    return (m.span() for m in _trigger_tables()[2].finditer(text))


def trigger_spans_reference(text: str):
    """:func:`trigger_spans` with the lower-cased text scanned by :func:`_lower_scan` itself,
    its look-behind tried at every position: the reading tests hold the fast path against."""
    low = text.lower()
    if len(low) == len(text):
        return (m.span() for m in _lower_scan().finditer(low))
    return (m.span() for m in _trigger_tables()[2].finditer(text))


@functools.lru_cache(maxsize=None)
def _after_non_letter_scan() -> re.Pattern:
    """:func:`_lower_scan` with its look-behind replaced by one character outside ``a-z``,
    consumed (group 1 is the trigger).  A pattern that opens with a small character class lets
    the regex engine skip to the candidates (the characters before a word) instead of trying the
    trie at every letter: about half the cost of the scan on news text."""
    pattern = _lower_scan().pattern
    assert pattern.startswith(_NOT_AFTER_LETTER)
    return re.compile(f"[^a-z]({pattern[len(_NOT_AFTER_LETTER):]})", _lower_scan().flags)


_NOT_AFTER_LETTER = r"(?<![^\W\d_])"
_LETTER = re.compile(r"[^\W\d_]")


def _lower_spans(low: str):
    """The spans of ``_lower_scan().finditer(low)``, from :func:`_after_non_letter_scan`.

    Every trigger word starts and ends with a letter (a test checks the tables), so no trigger
    starts where the previous one ends, and a trigger at ``p > 0`` is one whose character
    ``p - 1`` is not a letter: outside ``a-z`` (``low`` holds no capital) and, when it is not
    ASCII, no letter of the look-behind's class either; a candidate after such a letter is
    dropped and the search goes on from its own start.  A trigger at position 0 has no
    character before it, so it is matched on its own first."""
    pos = 0
    m = _lower_scan().match(low)
    if m is not None:
        yield m.span()
        pos = m.end()
    search = _after_non_letter_scan().search
    while True:
        m = search(low, pos)
        if m is None:
            return
        a = m.start(1)
        if low[a - 1] >= "\x80" and _LETTER.match(low, a - 1):
            pos = a  # after a letter outside ASCII ("édeath"): no trigger here
            continue
        yield a, m.end()
        pos = m.end()


def _triggers_in(toks: Sequence[Token]) -> List[_Trigger]:
    """The category words and phrases of a sentence, in order: :func:`_triggers_in_reference`
    read only at the tokens that can open one (:func:`_trigger_starts`); the reference reads
    every token, and finds nothing at the others."""
    starts = _trigger_starts()
    out, i = [], 0
    for c in compress(range(len(toks)), map(starts.__contains__, map(_LOW, toks))):
        if c < i:
            continue  # inside the phrase just found
        hit = _trigger_at(toks, c)
        if hit is not None:
            out.append(hit)
            i = hit.last
    return out


_LOW = operator.itemgetter(3)  # Token.low


@functools.lru_cache(maxsize=None)
def _trigger_starts() -> frozenset:
    """Every word at which :func:`_trigger_at` can find a trigger."""
    single, _, _, multi_first = _trigger_tables()
    return frozenset(single) | frozenset(multi_first) | {"casualties", "casualty", "hit", "struck"}


def _trigger_at(toks: Sequence[Token], i: int) -> Optional[_Trigger]:
    """The trigger that starts at token ``i``, if any."""
    single, multi, _, multi_first = _trigger_tables()
    n = len(toks)
    for size in multi_first.get(toks[i].low, ()):
        key = tuple(map(_LOW, toks[i:i + size]))
        if len(key) == size and key in multi:
            cat, kind = multi[key]
            return _Trigger(cat, kind, i, i + size, " ".join(key))
    w = toks[i].low
    if w in ("casualties", "casualty"):
        return _Trigger("killed", "casualties", i, i + 1, w)
    if w in single:
        cats = single[w]
        # one word may name two categories ("injured" is never killed); keep the first
        cat, kind = next(iter(cats.items()))
        compound = i + 2 < n and toks[i + 1].low == "-" and toks[i + 2].low in ("free", "like", "proof")
        if not compound and (cat != HIT or not _shot_is_noun(toks, i)):  # not "toll-free"
            return _Trigger(cat, kind, i, i + 1, w)
        return None
    if _hit_in_shooting(toks, i):
        return _Trigger(HIT, "state", i, i + 1, w)
    return None


def _triggers_in_reference(toks: Sequence[Token]) -> List[_Trigger]:
    """:func:`_triggers_in` token by token: the slow, obvious reading tests hold it against."""
    single, multi, _, multi_first = _trigger_tables()
    out, i, n = [], 0, len(toks)
    lows = [t.low for t in toks]
    while i < n:
        hit = None
        for size in multi_first.get(lows[i], ()):
            key = tuple(lows[i:i + size])
            if len(key) == size and key in multi:
                cat, kind = multi[key]
                hit = _Trigger(cat, kind, i, i + size, " ".join(key))
                break
        if hit is None:
            w = toks[i].low
            if w in ("casualties", "casualty"):
                hit = _Trigger("killed", "casualties", i, i + 1, w)
            elif w in single:
                cats = single[w]
                # one word may name two categories ("injured" is never killed); keep the first
                cat, kind = next(iter(cats.items()))
                compound = i + 2 < n and toks[i + 1].low == "-" and toks[i + 2].low in ("free", "like", "proof")
                if not compound and (cat != HIT or not _shot_is_noun(toks, i)):  # not "toll-free"
                    hit = _Trigger(cat, kind, i, i + 1, w)
            elif _hit_in_shooting(toks, i):
                hit = _Trigger(HIT, "state", i, i + 1, w)
        if hit is not None:
            out.append(hit)
            i = hit.last
        else:
            i += 1
    return out


def _hit_in_shooting(toks: Sequence[Token], i: int) -> bool:
    """ "Four people were hit in an overnight shooting", "4 struck in drive-by shooting": hit or
    struck in a shooting is shot.  Only with the shooting named right after "in" -- "struck" alone
    is as often a car or a blow."""
    if toks[i].low not in ("hit", "struck") or i == 0:
        return False
    if i + 1 >= len(toks) or toks[i + 1].low != "in":
        return False
    for j in range(i + 2, min(i + 7, len(toks))):
        if toks[j].low in ("shooting", "shootings", "gunfire", "crossfire"):
            return True
        if toks[j].low == "by" and toks[j - 1].low != "-" or not toks[j].text[:1].isalnum() and toks[j].low != "-":
            return False  # "hit in the face by gunfire": the lexicon's "by gunfire" phrases decide
    return False


def _shot_is_noun(toks: Sequence[Token], i: int) -> bool:
    """ "a single shot rang out", "one shot was fired", "the first shot": a shot fired, not a
    person hit.  "Four shot in Long Beach", "a man was shot" are people."""
    prev = toks[i - 1].low if i > 0 else ""
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    if prev in _SHOT_NOUN_BEFORE or nxt == "down":  # "shot down a helicopter"
        return True
    return (prev.isdigit() or prev in load_lexicon().units) and nxt in _SHOT_NOUN_AFTER


def _starts_trigger(toks: Sequence[Token], i: int) -> bool:
    """A category word or phrase ("killed", "taken prisoner") begins at token ``i``."""
    single, multi, _, multi_first = _trigger_tables()
    w = toks[i].low
    if w in single:
        return True
    return any(tuple(map(_LOW, toks[i:i + n])) in multi for n in multi_first.get(w, ()))
