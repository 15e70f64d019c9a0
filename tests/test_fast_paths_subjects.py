"""Subject reading's fast paths against slow, obviously correct references (split from
tests/test_fast_paths.py by subject): the sentence adverbials looked up by first word."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casualties import subjects as _su
from casualties.text import tokenize

_ADVERBIAL_WORDS = sorted({w for p in _su._SENTENCE_ADVERBIALS for w in p} | {",", "As", "AS", "x", "result", "the"})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ADVERBIAL_WORDS), max_size=8).map(" ".join), st.integers(-4, 10))
def test_indexed_sentence_adverbials_equal_comparing_every_phrase(text, i):
    toks = tokenize(text)
    assert _su._sentence_adverbial_length(toks, i) == _su._sentence_adverbial_length_reference(toks, i)
    assert _su._opens_sentence_adverbial(toks, i) == _su._opens_sentence_adverbial_reference(toks, i)


@pytest.mark.parametrize("text", ["As a result, 12 soldiers were killed", "as reported by police, two died",
                                  "As such 3 were hurt", "as of Monday", "As the result", "Asked about it"])
def test_indexed_sentence_adverbials_on_realistic_sentences(text):
    toks = tokenize(text)
    for i in range(-1, len(toks) + 1):
        assert _su._sentence_adverbial_length(toks, i) == _su._sentence_adverbial_length_reference(toks, i)
        assert _su._opens_sentence_adverbial(toks, i) == _su._opens_sentence_adverbial_reference(toks, i)
    assert _su._sentence_adverbial_length(tokenize("As a result, 12 died"), 0) == 4
