"""Casualty claims in a text: :func:`extract_claims`, :func:`extract_report_claims`.

How it works (docs/concepts.md has the rules in prose):

1. one regular-expression scan finds the category words ("killed", "wounded", "death toll",
   "missing", "abducted", ...);
2. the sentence around each hit is tokenized once (bounded length, so linear overall);
3. around each category word, a few token patterns attach a figure to it:
   - *figure first*: "[at least] 44 [people] [were] killed", "13 people dead", "44 deaths";
   - *verb first*: "killing [at least] 44 [people]", "the deaths of eight Palestinians",
     "the death toll rose to 52";
   - *implicit*: "a policeman was killed" (1), "wounding both" (2), "no one was hurt" (0);
   then lists ("30 troops, as well as 20 IS members and two civilians"), subsets ("18 of the
   25 killed", "including three children");
4. each claim gets its sentence-level context: the body it cites, whether the attacker
   claims it, and whether it is about another event (background).

The stages live in their own modules; this one holds the entry points and the per-field
orchestration (:func:`_field_claims`):

- :mod:`casualties.mentions`: triggers, number phrases, victim noun phrases (steps 1-2);
- :mod:`casualties.clauses` (with :mod:`casualties.predicates`, :mod:`casualties.subjects`,
  :mod:`casualties.lists`): which figure and which victims each trigger takes (step 3);
- :mod:`casualties.background`: cited source, responsibility, background (step 4);
- :mod:`casualties.accounting`: how a report's figures combine into totals, "shot" and survivors.
"""
from __future__ import annotations

import datetime as _dt

import attrs
from typing import List, Optional, Tuple

from .errors import InputTypeError
from .lexicon import HIT, load_lexicon
from .model import Claim, _checked_claim
from .text import sentence_bounds, tokenize
from .words import WORDS
from .mentions import _triggers_in, _victim_group, trigger_spans
from .background import (
    _Cues, _cited_source, _continues_other_time, _sources_in, _in_spans, _is_background, _is_perpetrator_claim, _link_lines,
    _responsibility_claims,
)
from .accounting import (  # FULL_STORY_CHARS, NO_DEATH_REPORTED: re-exported (reconcile imports them here)
    FULL_STORY_CHARS, NO_DEATH_REPORTED, _additive_totals, _death_told, _fold_singletons, _has_casualty_figure,
    _hedge_bare_repeats, _is_additive, _is_later_death, _lone_survivor, _resolve_hits, _with_group_survivors,
)
from .clauses import _Sentence
from .shares import location_share
from .sides import sum_of_sides
from .tallies import adds_up_several_events, series_told_at, sums_the_series
from .headlines import headline_deaths


_BE_HAVE = WORDS.set("be_have")
_COLLECTIVES = WORDS.set("collectives")

__all__ = ["extract_claims"]


# --------------------------------------------------------------------------- public

def _as_date(published) -> Optional[_dt.date]:
    if published is None or type(published) is _dt.date:
        return published  # what parse_published returns for these, without its missing-value test
    from .reports import parse_published  # local import: reports imports this module
    return parse_published(published, field="published")


def extract_claims(text: str, published=None, *, vague_policy: str = "design") -> List[Claim]:
    """Every casualty claim in ``text``, in text order.

    Parameters
    ----------
    text: the report's text.
    published: the report's publication date (date, datetime, pandas Timestamp, ISO string or
        ``None``); used to tell figures about other years and months (background) apart.
    vague_policy: floors for vague words: ``"design"`` (dozens = 24, hundreds = 200) or
        ``"acled"`` (dozens = 12, hundreds = 100).

    Returns a list of :class:`~casualties.Claim`; each has ``quote == text[start:end]``.
    Never raises on any string; raises :class:`~casualties.errors.InputTypeError` when
    ``text`` is not a str.
    """
    claims, hits = _field_claims(text, published, vague_policy)
    claims = _hedge_bare_repeats([c for c in _resolve_hits(text, claims, hits) if c is not None])
    if not _has_casualty_figure(claims):
        lone = _lone_survivor(text)
        if lone is not None:
            claims = sorted(claims + [lone], key=lambda c: (c.start, c.end))
    return claims


def _field_claims(text: str, published, vague_policy: str) -> Tuple[List[Claim], List[bool]]:
    """The claims of one field before the "shot" figures are resolved, with a flag per claim
    that marks a shot figure (carried as category "injured")."""
    if not isinstance(text, str):
        raise InputTypeError(f"extract_claims(text=...): expected str, got {type(text).__name__}")
    lex = load_lexicon()
    floors = lex.vague_floors(vague_policy)
    pub = _as_date(published)
    low = text.lower()  # for the whole-text scans of the field
    responsibility = _responsibility_claims(text, low)
    out: List[Claim] = []
    additive: List[bool] = []
    hits: List[bool] = []  # "shot" figures, carried as injured until _resolve_hits decides
    done_until = -1
    seen_main = set()
    links = None  # the lines that link to other stories, found at the first claim
    series_end = False  # where the text tells its event is one of a series, found at the first claim
    for hit_start, hit_end in trigger_spans(text, low):
        if hit_start < done_until:
            continue
        s, e = sentence_bounds(text, hit_start, hit_end)
        s = max(s, done_until)  # sentences never overlap, so no figure is read twice
        done_until = e
        toks = tokenize(text, s, e)
        triggers = _triggers_in(toks)
        if not triggers:
            continue
        sent = _Sentence(text, toks, lex, floors, vague_policy, out)
        raws = sent.run(triggers)
        raws.sort(key=lambda r: (r.first, r.last))
        cues = _Cues(toks) if raws else None  # where background cues can be, for all the sentence's figures
        sources = _sources_in(toks) if raws else None  # the bodies cited in it, for all its figures
        other_time = None  # _continues_other_time, read at the sentence's first figure that asks
        several_events = bool(raws) and adds_up_several_events(toks, lex, floors)  # "in total ... in the bombings"
        if raws and not several_events:
            if series_end is False:
                series_end = series_told_at(low, lex, floors)
            # "This was one of twelve bombings that day. A total of 40 were killed": the series' toll
            several_events = series_end is not None and series_end <= s and sums_the_series(toks, lex, floors)
        for r in raws:
            start, end = toks[r.first].start, toks[r.last - 1].end
            np_a, np_b = r.np
            victims = text[toks[np_a].start:toks[np_b - 1].end] if np_b > np_a else None
            if victims is not None and victims.lower().startswith("of "):
                victims = victims[3:] or None
            group = r.group or (_victim_group(toks, np_a, np_b, lex) if np_b > np_a else "unknown")
            if group == "unknown" and victims is not None and r.subset:
                # "nine of them civilians", "two of the dead were police officers"
                after = r.last + (r.last < len(toks) and toks[r.last].low in _BE_HAVE)
                group = _victim_group(toks, after, min(len(toks), after + 3), lex)
            if r.value == 1 and r.basis.startswith("implicit") and victims is not None and \
                    (victims.lower().split(" of ")[0].split() or [""])[-1] in _COLLECTIVES:
                continue  # "the family was found dead": several people, how many is not said
            first_claim = r.category not in seen_main
            if links is None:
                links = _link_lines(text)
            background = several_events or _in_spans(links, toks[r.first].start) or \
                _is_background(toks, r, pub, first_claim, cues)
            if not background and not first_claim:
                if other_time is None:
                    other_time = _continues_other_time(text, s, toks, pub)
                background = other_time
            if not background and not r.subset:
                seen_main.add(r.category)
            hits.append(r.category == HIT)
            out.append(_checked_claim(  # Claim(...), validated inline (model._checked_claim)
                "injured" if r.category == HIT else r.category, r.low, r.high, r.value, r.qualifier,
                start, end, text[start:end], r.stated, victims, group,
                _cited_source(text, toks, r.first, r.last, sources),
                _is_perpetrator_claim(toks, r, bool(responsibility) and responsibility[0] < s),
                background, r.subset, r.part_of_list and r.list_id != -1, r.basis,
            ))
            additive.append("self_death" if r.self_death else "later_death" if _is_later_death(toks, r) else
                            _is_additive(toks, r, first_in_sentence=not any(x.first < r.first for x in raws),
                                         before={x.category for x in raws if x.first < r.first}))
    claims, hits = _additive_totals(text, out, additive, hits)
    claims, hits = _fold_singletons(claims, hits)
    claims, hits = sum_of_sides(text, claims, hits)
    claims, hits = location_share(text, claims, hits)
    return _with_group_survivors(text, claims, hits, low)


def _restated_background(title_claims: List[Claim], text_claims: List[Claim]) -> List[Claim]:
    """A headline figure the text states only as background is background too: "Violent Weekend
    Leaves 21 Shot" over "at least 21 people were shot in incidents across the city" (a tally
    over several events), "35 Others Wounded" over "at least 35 others have been wounded in
    shootings across Chicago".  The figure must be the same, and the text must not also state
    it as a figure of its own incident."""
    if not title_claims:
        return title_claims
    own = {(c.category, c.value) for c in text_claims if not c.background}
    told = {(c.category, c.value) for c in text_claims if c.background and c.value is not None} - own
    if not told:
        return title_claims
    return [attrs.evolve(c, background=True) if not c.background and (c.category, c.value) in told else c
            for c in title_claims]


def extract_report_claims(title: Optional[str], text: str, published=None, *,
                          vague_policy: str = "design") -> Tuple[List[Claim], List[Claim]]:
    """The claims of a report's headline and of its text, as ``(title_claims, text_claims)``.

    Each list is what :func:`extract_claims` returns for that field (spans index into it), and
    the document-level rules then run across both: a headline's bare "killed 44" repeats the
    text's "killed at least 44" and takes its hedge; a headline's "man killed" is one of the
    text's "two men were killed"."""
    if not title:
        return [], extract_claims(text, published, vague_policy=vague_policy)
    if not isinstance(title, str):
        raise InputTypeError(f"extract_report_claims(title=...): expected str, got {type(title).__name__}")
    published = _as_date(published)  # once for both fields (the text's reading then takes it as it is)
    title_claims, title_hits = _field_claims(title, published, vague_policy)
    text_claims, text_hits = _field_claims(text, published, vague_policy)
    title_claims = _restated_background(title_claims, text_claims)
    both, hits = _fold_singletons(title_claims + text_claims, title_hits + text_hits)
    # "Five Shot During Party" and the text's "one of them died": one report, one outcome
    both = _resolve_hits(title + "\n\n" + text, both, hits, in_title=len(title_claims))
    in_title = [c for c in both[:len(title_claims)] if c is not None]
    in_text = [c for c in both[len(title_claims):] if c is not None]
    both = _hedge_bare_repeats(in_title + in_text)
    in_title, in_text = both[:len(in_title)], both[len(in_title):]
    if not _has_casualty_figure(both) and not _death_told(title):
        # the lone survivor of the text, else of the headline ("Boy, 4, in critical condition")
        lone = _lone_survivor(text)
        if lone is not None:
            in_text = sorted(in_text + [lone], key=lambda c: (c.start, c.end))
        elif not _death_told(text):
            lone = _lone_survivor(title)
            if lone is not None:
                in_title = sorted(in_title + [lone], key=lambda c: (c.start, c.end))
    if not any(c.category == "killed" and (c.counts or c in in_title) for c in both):
        dead = headline_deaths(title)  # "Arrest made in homicide": a death told without a figure
        if dead is not None:
            in_title = sorted(in_title + [dead], key=lambda c: (c.start, c.end))
    return in_title, in_text
