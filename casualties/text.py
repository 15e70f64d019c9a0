"""Spans of text: tokens with offsets and the sentence around a position.

Extraction never tokenizes a whole document: it finds category words with one regular
expression scan, then tokenizes only the sentence around each hit (bounded in length), so the
cost stays linear in the text and small next to a bare regex scan.
"""
from __future__ import annotations

import re
from itertools import accumulate, repeat
from typing import List, NamedTuple

from .words import WORDS

__all__ = ["Token", "tokenize", "tokenize_reference", "sentence_bounds", "sentence_bounds_reference", "MAX_SENTENCE_CHARS"]

#: Tokens: a run of digits with inner separators ("5,000", "1.2"), a word (letters with inner
#: apostrophes), or any other single non-space character.  Every alternative is linear.
_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*|\S")
#: The same tokens as the odd pieces of a split (the even ones are the white space between).
_TOKEN_SPLIT_RE = re.compile(f"({_TOKEN_RE.pattern})")
#: :data:`_TOKEN_SPLIT_RE` for ASCII text, where ``\d`` is ``[0-9]`` and a letter ``[a-zA-Z]``:
#: the same pieces, and small character classes are cheaper for the regex engine to test than
#: the Unicode categories (about a quarter off the split).
_ASCII_SPLIT_RE = re.compile(r"([0-9]+(?:[.,][0-9]+)*|[a-zA-Z]+(?:['’][a-zA-Z]+)*|\S)")

#: How far a sentence may reach on each side of a hit; longer sentences are cut here.
MAX_SENTENCE_CHARS = 400

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col sgt capt maj cpl pvt st mt jr sr rev gov sen rep prof inc ltd co corp "
    "vs no jan feb mar apr jun jul aug sep sept oct nov dec u s k a p".split()
)
# A sentence ends at ., ! or ? followed by space and a capital / quote / digit, or at a blank line.
_END_RE_REFERENCE = re.compile(r"[.!?]+['\"”’)]*(?=\s+[\"“‘'(]?[A-Z0-9])|\n\s*\n")
#: :data:`_END_RE_REFERENCE` written to open with one character class, which the regex engine
#: then skips to (it cannot for an alternation that opens with a class): each alternative
#: looks behind at that first character.  The same matches (a test holds them against each
#: other), about a third cheaper to find.
_END_RE = re.compile(r"[.!?\n](?:(?<=[.!?])[.!?]*['\"”’)]*(?=\s+[\"“‘'(]?[A-Z0-9])|(?<=\n)\s*\n)")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    low: str  # lower-cased text


#: Dashes that some outlets set inside compound words ("20–year–old", "drive‑by"); glued
#: between two word characters they read as the hyphen (the text and spans are untouched).
_GLUED_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014")


#: "nobody's dead", "no one's hurt": the 's of these words is "is" or "has", never a possessive
#: that matters to a figure, so the word reads as itself.
_CONTRACTED = frozenset(w + s for w in ("nobody", "noone") for s in ("'s", "’s"))


_SPECIAL = _GLUED_DASHES | _CONTRACTED


def _special_low(text: str, start: int, end: int, low: str) -> str:
    """``low`` of a glued dash or a contracted "nobody's" (see :data:`_GLUED_DASHES`, :data:`_CONTRACTED`)."""
    if low in _CONTRACTED:
        return low[:-2]
    if 0 < start and end < len(text) and text[start - 1].isalnum() and text[end].isalnum():
        return "-"
    return low


#: Capitalised names that are also common words ("IS", the Islamic State, and the verb "is").
_CAPITAL_NAMES = {a.upper(): b for a, b in WORDS.phrases("capital_names")}


def _is_capitals(tok: Token) -> bool:
    return len(tok.text) > 1 and tok.text.isupper()


def _read_capital_names(toks: List[Token]) -> None:
    """A word of :data:`_CAPITAL_NAMES` in capitals reads as the name, unless a neighbour is in
    capitals too ("GUNMAN IS SHOT", a headline set in capitals)."""
    for i, tok in enumerate(toks):
        name = _CAPITAL_NAMES.get(tok.text)
        if name is None or (i > 0 and _is_capitals(toks[i - 1])) or (i + 1 < len(toks) and _is_capitals(toks[i + 1])):
            continue
        toks[i] = tok._replace(low=name)


def tokenize(text: str, start: int = 0, end: int | None = None) -> List[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``.  ``low`` is the lower-cased
    text, with a dash glued between two word characters read as a hyphen, "nobody's" as
    "nobody", and a capitalised name that is also a word ("IS") as the name ("isis").

    The hot path: one split of the span (tokens and the white space between them, in C; with
    ASCII character classes when the span is ASCII), the offsets summed from the pieces'
    lengths, and the tuples built by ``map``; the same tokens
    as :func:`tokenize_reference`, which reads them match by match."""
    end = len(text) if end is None else max(end, 0)
    start = max(start, 0)  # as finditer's bounds: a negative offset is the text's start
    span = text[start:end]
    ascii_span = span.isascii()
    parts = (_ASCII_SPLIT_RE if ascii_span else _TOKEN_SPLIT_RE).split(span)
    words = parts[1::2]
    offsets = list(accumulate(map(len, parts), initial=start))
    starts, ends = offsets[1::2], offsets[2::2]
    lows = list(map(str.lower, words))
    # every word of _SPECIAL holds a character outside ASCII or an apostrophe (a test checks it)
    if (not ascii_span or "'" in span) and not _SPECIAL.isdisjoint(lows):
        for k, low in enumerate(lows):
            if low in _SPECIAL:
                lows[k] = _special_low(text, starts[k], ends[k], low)
    out = list(map(tuple.__new__, repeat(Token), zip(starts, ends, words, lows)))
    if any(map(span.__contains__, _CAPITAL_NAMES)) and not _CAPITAL_NAMES.keys().isdisjoint(words):
        _read_capital_names(out)  # (a name no word equals unless the span holds it)
    return out


def tokenize_reference(text: str, start: int = 0, end: int | None = None) -> List[Token]:
    """:func:`tokenize` match by match: the slow, obvious reading tests hold it against."""
    end = len(text) if end is None else end
    out = []
    for m in _TOKEN_RE.finditer(text, start, end):
        word = m.group()
        low = word.lower()
        a, b = m.span()
        if low in _SPECIAL:
            low = _special_low(text, a, b, low)
        out.append(Token(a, b, word, low))
    _read_capital_names(out)
    return out


def _is_real_end(text: str, m: re.Match) -> bool:
    if text[m.start()] != ".":
        return True
    # "U.S. troops", "Gen. Smith": an abbreviation before the dot does not end the sentence.
    i = m.start()
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    word = text[j:i].lower()
    return not (word in _ABBREVIATIONS or (len(word) == 1 and j > 0 and text[j - 1] == "."))


#: How far before a hit the nearest sentence end is looked for first (:func:`_sentence_start`).
_NEAR_CHARS = 160


def sentence_bounds(text: str, pos: int, end: int) -> tuple:
    """The sentence holding ``text[pos:end]``, at most :data:`MAX_SENTENCE_CHARS` each side:
    :func:`sentence_bounds_reference` with the sentence's start looked for near the hit first
    (:func:`_sentence_start`)."""
    if not 0 <= pos <= len(text):
        return sentence_bounds_reference(text, pos, end)
    return _skip_space(text, _sentence_start(text, pos), pos), _sentence_stop(text, end)


def _sentence_start(text: str, pos: int) -> int:
    """Where :func:`sentence_bounds_reference` starts the sentence, scanning the last
    :data:`_NEAR_CHARS` before ``pos`` first.  That scan starts just after a word character,
    which no match of ``_END_RE`` holds (its look-behinds see only a match's own first
    character), so from there on it
    finds the very matches of the scan from ``pos - MAX_SENTENCE_CHARS``: when it finds a real
    end, the last one is the reference's; else the full window is scanned."""
    lo = max(0, pos - MAX_SENTENCE_CHARS)
    k = pos - _NEAR_CHARS
    if k > lo:
        while k < pos and not text[k - 1].isalnum():
            k += 1
        got = _last_real_end(text, k, pos)
        if got is not None:
            return got
    got = _last_real_end(text, lo, pos)
    return lo if got is None else got


def _last_real_end(text: str, lo: int, pos: int):
    # endpos pos + 1 lets the look-ahead see the capital that opens the hit's own sentence
    for m in reversed([m for m in _END_RE.finditer(text, lo, min(len(text), pos + 1)) if m.end() <= pos]):
        if _is_real_end(text, m):
            return m.end()
    return None


def _sentence_stop(text: str, end: int) -> int:
    hi = min(len(text), end + MAX_SENTENCE_CHARS)
    stop = hi
    for m in _END_RE.finditer(text, end, hi):
        if _is_real_end(text, m):
            stop = m.end() if text[m.start()] != "\n" else m.start()
            break
    return stop


def _skip_space(text: str, start: int, pos: int) -> int:
    while start < pos and text[start].isspace():
        start += 1
    return start


def sentence_bounds_reference(text: str, pos: int, end: int) -> tuple:
    """:func:`sentence_bounds` scanning the whole window before the hit: tests hold it against."""
    lo = max(0, pos - MAX_SENTENCE_CHARS)
    start = lo
    # the last real end before the hit: candidates are checked from the nearest one back
    for m in reversed([m for m in _END_RE_REFERENCE.finditer(text, lo, min(len(text), pos + 1)) if m.end() <= pos]):
        if _is_real_end(text, m):
            start = m.end()
            break
    # the look forward is the reference pattern's too: the fast path's differs from it
    hi = min(len(text), end + MAX_SENTENCE_CHARS)
    stop = hi
    for m in _END_RE_REFERENCE.finditer(text, end, hi):
        if _is_real_end(text, m):
            stop = m.end() if text[m.start()] != "\n" else m.start()
            break
    return _skip_space(text, start, pos), stop
