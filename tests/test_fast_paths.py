"""The extractor's fast paths against slow, obviously correct references.

Each fast path rejects or skips work early (a word that opens no number phrase, a field with
no responsibility wording, a scan of lower-cased text); the reference does the whole work.
On any input the two must give the same answer.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from casualties.background import _RESPONSIBILITY_RE, _responsibility_claims
from casualties.lexicon import load_lexicon
from casualties.mentions import _trigger_tables, trigger_spans
from casualties.numbers import number_at, read_number_at
from casualties.text import tokenize

LEX = load_lexicon()
_WORDS = sorted(
    set(LEX.units) | set(LEX.tens) | set(LEX.scales)
    | {w for table in (LEX.exact_words, LEX.vague_floors("design"), LEX.vague_floors("acled")) for p in table for w in p}
    | {"a", "an", "one", "dozen", "and", "-", "or", "to", "people", "killed", "the", "of", "12", "5,000", "1.5"}
)
word_runs = st.lists(st.sampled_from(_WORDS) | st.text(min_size=1, max_size=6), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(word_runs, st.sampled_from(["design", "acled"]))
def test_number_at_equals_its_full_reading(words, policy):
    toks = tokenize(" ".join(words))
    floors = LEX.vague_floors(policy)
    for i in range(len(toks)):
        assert number_at(toks, i, LEX, floors) == read_number_at(toks, i, LEX, floors)


_CASED = st.text(alphabet=st.sampled_from(list("aAkKiIsSlLedDyYoOtT ,.\n") + ["İ", "ß", "ſ", "K"]), max_size=60)
_TRIGGERISH = st.lists(st.sampled_from(["Killed", "KILLING", "wounded", "Injured", "shot", " ", "İ", ". ", "dead"]),
                       max_size=10).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_CASED, _TRIGGERISH))
def test_trigger_spans_equal_the_case_folding_scan(text):
    assert list(trigger_spans(text)) == [m.span() for m in _trigger_tables()[2].finditer(text)]


_NO_LONG_S = st.text(alphabet=st.sampled_from(list("aAkKiIsSlLedDyYoOtTcCmMrRpPnNbB ,.\n") + ["İ", "K"]), max_size=60)


@settings(max_examples=200, deadline=None)
@given(st.one_of(_NO_LONG_S, st.lists(st.sampled_from(["IS ", "claimed ", "Claims ", "responsibility ", "RESPONSIBILITY ",
                                                       "the ", "attack", ". ", "took ", "for the bombing", "K"]),
                                      max_size=10).map("".join)))
def test_responsibility_shortcut_skips_only_texts_the_scan_finds_nothing_in(text):
    # (the one known difference: the regex's case folding also matches a long s, "reſponſibility")
    low = text.lower()
    if "responsibility" not in low and "claim" not in low:
        assert list(_RESPONSIBILITY_RE.finditer(text)) == []
