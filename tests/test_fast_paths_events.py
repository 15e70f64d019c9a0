"""The events stage's fast paths against slow, obviously correct references (split from
tests/test_fast_paths.py by subject): date mentions found once, reports of one frame read without
the dates, sentence spans found once."""
from __future__ import annotations

import datetime as _dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casualties.dates import event_date, find_dates
from casualties import events as _ev
from casualties.dates import _END_RE as _DATES_END_RE, _END_RE_REFERENCE as _DATES_END_RE_REFERENCE
from casualties.events import report_events, report_events_reference
from casualties import extract_claims

# --------------------------------------------------------------------------- events: date mentions found once


_DATEISH = st.lists(st.sampled_from([
    "On", "Tuesday", "March", "23", ",", "2014", "killed", "3", "people", ".", "Last", "week", "police", "said",
    "Posted:", "8:18", "PM", "01/31/15", "born", "June", "25", "yesterday", "In", "a", "separate", "attack",
]), max_size=20).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_DATEISH, st.one_of(st.none(), st.dates(_dt.date(2012, 1, 1), _dt.date(2026, 12, 31))), st.data())
def test_event_date_with_the_mentions_found_equals_finding_them(text, published, data):
    anchors = data.draw(st.lists(st.integers(0, len(text)), max_size=3))
    assert event_date(text, published, anchors, find_dates(text, published)) == event_date(text, published, anchors)


def test_event_date_with_the_mentions_found_on_a_realistic_text():
    text = "Posted: Tuesday, January 28, 2014 8:18 PM. On Monday, gunmen killed 3 people, police said Tuesday."
    pub = _dt.date(2014, 1, 28)
    anchors = [text.index("killed")]
    assert event_date(text, pub, anchors, find_dates(text, pub)) == event_date(text, pub, anchors)
    assert event_date(text, pub, anchors)[0] == _dt.date(2014, 1, 27)


# --------------------------------------------------------------------------- events: one frame without the dates


_OPENERISH = st.lists(st.sampled_from([
    "On ", "on ", "Tuesday", "March 23", "Sept. 9", ", ", ",", "2014", " ", ". ", ".\n\n", "\n", "Last week", "last ",
    "Six days later", "In a separate attack", "Meanwhile", "Also overnight", "Elsewhere", "In ", "in ", "early ", "mid-",
    "since ", "Since ", "until ", "o'", "İn ", "ſince ", "And ", "But ", "then ", "the ", "The victim ", "he ",
    "gunmen killed 3 people", "two men were shot", "a woman was wounded", "police said ", "died of his wounds",
    "yesterday", "04/03/17 ", "Posted: ", "8:18 PM", "’", "'s ", "Police said Tuesday", "As of July 15", "(1989)",
    "about a year ago", "Two days earlier", "a day earlier", "U.S. ", "Mr. ", "x" * 12, "Friday night", "5 people died",
]), max_size=24).map("".join)
_PUBLISHED = st.one_of(st.none(), st.dates(_dt.date(2012, 1, 1), _dt.date(2026, 12, 31)))


@settings(max_examples=400, deadline=None)
@given(_OPENERISH, st.data())
def test_dates_sentence_end_pattern_finds_the_reference_matches(text, data):
    hi = data.draw(st.integers(0, len(text)))
    assert [m.span() for m in _DATES_END_RE.finditer(text, 0, hi)] == \
        [m.span() for m in _DATES_END_RE_REFERENCE.finditer(text, 0, hi)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(sorted({w for table in (_ev._SHIFT, _ev._CONCURRENT, _ev._OTHER_TIME)
                                        for ph in table for w in ph} | {"x", "and"})), max_size=7))
def test_indexed_phrase_tests_equal_comparing_every_phrase(words):
    for table, index in ((_ev._SHIFT, _ev._SHIFT_BY_FIRST), (_ev._CONCURRENT, _ev._CONCURRENT_BY_FIRST),
                         (_ev._OTHER_TIME, _ev._OTHER_TIME_BY_FIRST)):
        assert _ev._starts_with_indexed(words, index) == _ev._starts_with(words, table)
        assert _ev._phrase_at_start_indexed(words, index) == _ev._phrase_at_start(words, table)


def _assert_may_open_holds_every_opener(text, published):
    mentions = find_dates(text, published)
    starts = [m.start for m in mentions]
    for s, e in _ev._sentence_spans(text):
        if _ev._opener_at(text, s, e, mentions, starts) is not None:
            assert _ev._may_open(text, s, e), text[s:e]


@settings(max_examples=500, deadline=None)
@given(_OPENERISH, _PUBLISHED)
def test_may_open_is_true_wherever_a_frame_opens(text, published):
    _assert_may_open_holds_every_opener(text, published)


@settings(max_examples=200, deadline=None)
@given(_OPENERISH, _PUBLISHED)
def test_report_events_equal_the_whole_reading(text, published):
    claims = extract_claims(text, published)
    assert report_events(text, published, claims) == report_events_reference(text, published, claims)


_EVENT_TEXTS = [
    "Gunmen killed 3 people on Friday. Police said Tuesday, that the suspect fled.",
    "Two men were shot. On Sunday, the victim died of his wounds.",
    "Two men were shot dead.\n\nIn a separate attack, a woman was wounded.",
    "Two men were shot dead. Six days later, on Friday, gunmen killed 4 people.",
    "A man was killed. Last week, 5 people died in a fire, officials said.",
    "A man was killed. In early March, two men were shot, police said.",
    "A man was killed. And then in early March, two men were shot. And on in mid-April, 3 died.",
    "A man was killed. İn early March, two men were shot. o'In 2014, 3 died.",
    "A man was killed. As of July 15, 30 people have been shot this year.",
    "On Monday, 2 were killed.",
    "  On Monday, 2 were killed. Meanwhile, in Aleppo, 3 soldiers were killed.",
    "Posted: Tuesday, January 28, 2014 8:18 PM. 4 people were wounded. On January 20, 2014, 3 died.",
    "- 04/03/17 On Saturday April 1, 2017, two men were shot. 04/03/17, a woman was killed.",
    "Police said no one was hurt.",
]


@pytest.mark.parametrize("text", _EVENT_TEXTS)
@pytest.mark.parametrize("published", [None, _dt.date(2017, 4, 3), "2014-01-28"])
def test_report_events_on_realistic_texts(text, published):
    claims = extract_claims(text, published)
    assert report_events(text, published, claims) == report_events_reference(text, published, claims)
    assert report_events(text, published, ()) == report_events_reference(text, published, ())
    _assert_may_open_holds_every_opener(text, published)


def test_report_events_fail_like_the_whole_reading():
    from casualties.errors import CasualtiesError
    for text, published in ((b"On Monday, 2 were killed.", None), ("On Monday, 2 were killed.", "not a date")):
        raised = []
        for f in (report_events, report_events_reference):
            with pytest.raises(CasualtiesError) as err:
                f(text, published, ())
            raised.append((type(err.value), str(err.value)))
        assert raised[0] == raised[1]


# --------------------------------------------------------------------------- events: sentence spans found once

from casualties.dates import _sentence_starts, _sentence_starts_reference  # noqa: E402

_DOTTY = st.lists(st.sampled_from([
    "Mr.", "mr.", "MRS.", "Dr. ", "U.S. ", "p.m. ", "a.m.", "A. ", "x. ", "Sept. 9", "Corp.", "co.", "No. 5", "éa. ",
    "ſt. ", "Kelvin \u212a. ", "abcdefghijklmn. ", "abcdefghijkl. ", "St. ", "He left. ", "She died! ", "Why? ",
    ".", "..", "...", ". ", ".\n", "\n", "\n\n", " ", "\u00a0", "\u2003", "The ", "2 men. ", "(Police) ", '"Yes." ',
]), max_size=24).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_DOTTY, _OPENERISH), st.data())
def test_sentence_starts_equal_reading_the_word_before_each_dot(text, data):
    stop = data.draw(st.integers(0, len(text)))
    assert _sentence_starts(text, stop) == _sentence_starts_reference(text, stop)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_DOTTY, _OPENERISH))
def test_sentence_span_list_equals_the_spans(text):
    assert _ev._sentence_span_list(text) == list(_ev._sentence_spans(text))


@pytest.mark.parametrize("text", _EVENT_TEXTS + ["Mr. Smith and Dr. Jones met at 5 p.m. Sunday. U.S. forces left.\n\n  Then",
                                                 "He died.  \u2003\n Two others were hurt. No. 5 was shot."])
def test_sentence_starts_and_spans_on_realistic_texts(text):
    for stop in range(len(text) + 1):
        assert _sentence_starts(text, stop) == _sentence_starts_reference(text, stop)
    assert _ev._sentence_span_list(text) == list(_ev._sentence_spans(text))


def test_spaces_pattern_is_what_isspace_is_true_for():
    import sys
    assert all(bool(_ev._SPACES_RE.match(chr(c)).end()) == chr(c).isspace() for c in range(sys.maxunicode + 1))
