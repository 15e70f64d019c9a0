"""The tally readers' fast paths against slow, obviously correct references (split from
tests/test_fast_paths.py by subject): a text without "one of " is not scanned for a series, and
the series pattern opens with its literal word."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casualties.lexicon import load_lexicon
from casualties.tallies import _SERIES_FAST_RE, _SERIES_RE, series_told_at, series_told_at_reference

LEX = load_lexicon()
_SERIESISH = st.lists(st.sampled_from([
    "one of ", "one ", "of ", "one  of ", "one-of ", "more than ", "over ", "twelve ", "12 ", "two ", "three ", "dozens ",
    "attacks", "bombings ", "explosions", "suicide ", "separate ", "this was ", "killed ", ". ", "\n", "ONE OF ",
    "someone of ", "_", "ñ", "1", "-", "ione of ",
]), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_SERIESISH, st.text(max_size=30)), st.sampled_from(["design", "acled"]))
def test_series_told_at_equals_scanning_every_text(low, policy):
    floors = LEX.vague_floors(policy)
    assert series_told_at(low, LEX, floors) == series_told_at_reference(low, LEX, floors)
    assert [m.span(0) + m.span(1) for m in _SERIES_FAST_RE.finditer(low)] == \
        [m.span(0) + m.span(1) for m in _SERIES_RE.finditer(low)]


@pytest.mark.parametrize("low", ["this was one of more than 168 attacks on mosques.", "one of two attacks",
                                 "it was one of twelve explosions around the country", "one of the victims died",
                                 "no series here: attacks, bombings",
                                 "someone of three attacks; _one of four bombings; one of 5 attacks"])
def test_series_told_at_on_realistic_texts(low):
    floors = LEX.vague_floors("design")
    assert series_told_at(low, LEX, floors) == series_told_at_reference(low, LEX, floors)
