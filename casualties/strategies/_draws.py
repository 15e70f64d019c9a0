"""The public strategies of :mod:`casualties.strategies`: :func:`claim_texts`, :func:`claims`,
:func:`reports` and :func:`incidents`.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from hypothesis import strategies as st

from ..errors import InputTypeError, InvalidValueError
from ..model import CATEGORIES, QUALIFIERS, Claim
from ._figures import (_VAGUE_FORMS, _counts, _Figure, _figure_kinds, _figures, _figures_containing,
                       _figures_excluding, _written)
from ._sentences import (_ATTACK_KINDS, _FILLERS, _OUTLETS, _PLACES, _SOURCE_STYLES, _SOURCES, _WEEKDAYS,
                         _background_sentences, _cap, _cat, _claim, _claim_sentences, _expected, _join,
                         _noun_phrases, _passive_clauses, _Piece, _source_name, _trap_sentences, _with_source)
from ._values import (DEFAULT_MAX_VALUE, ClaimText, IncidentReports, _check_bool, _check_bounds,
                      _check_categories, _check_gaps)


# --------------------------------------------------------------------------- claim_texts


def _check_text_args(categories, min_value, max_value, min_claims, max_claims, extractor_gaps, flags):
    cats = _check_categories(categories)
    lo, hi = _check_bounds("min_value", min_value, "max_value", max_value)
    min_claims, max_claims = _check_bounds("min_claims", min_claims, "max_claims", max_claims)
    for name, value in flags.items():
        _check_bool(name, value)
    gaps = _check_gaps(extractor_gaps)
    if max_claims > 0 and not _figure_kinds(lo, hi):
        raise InvalidValueError(f"no casualty figure of {cats} can be written with numbers in "
                                f"[min_value={lo}, max_value={hi}]")
    return cats, lo, hi, min_claims, max_claims, gaps


def claim_texts(*, categories: Iterable[str] = CATEGORIES, min_value: int = 0,
                max_value: int = DEFAULT_MAX_VALUE, min_claims: int = 0, max_claims: int = 4,
                with_traps: bool = True, with_background: bool = True, with_sources: bool = True,
                extractor_gaps: Iterable[str] = ()) -> st.SearchStrategy[ClaimText]:
    """Texts that state casualty figures, with the claims they state: ``(text, claims)``.

    Parameters
    ----------
    categories: the categories the claims may have (default: all of :data:`casualties.CATEGORIES`).
    min_value, max_value: bounds on every number written as a figure (the stated N, both ends
        of a range, the floor of a vague word). Intervals derived from them may reach beyond
        ("about 10" is [9, 11], "more than 10" starts at 11).
    min_claims, max_claims: how many claims a text states, background claims included.
    with_traps: add numbers that are not claims (years, ages, times, money, troop counts...).
    with_background: add sentences about other events, whose claims are ``background``.
    with_sources: let sentences cite a body ("police said", "according to ...").
    extractor_gaps: names from :data:`EXTRACTOR_GAPS` to add to the grammar.

    ``claims`` is a tuple of :class:`ExpectedClaim`, in text order: exactly the claims
    ``casualties.extract_claims(text)`` must return (compare ``ExpectedClaim.key`` with
    ``ExpectedClaim.key_of(claim)`` as sorted lists).
    """
    cats, lo, hi, min_claims, max_claims, gaps = _check_text_args(
        categories, min_value, max_value, min_claims, max_claims, extractor_gaps,
        {"with_traps": with_traps, "with_background": with_background, "with_sources": with_sources})
    return _claim_texts(cats, lo, hi, min_claims, max_claims, with_traps, with_background, with_sources, gaps)


@st.composite
def _claim_texts(draw, cats, lo, hi, min_claims, max_claims, traps, background, sources, gaps) -> ClaimText:
    piece = draw(_text_pieces(cats, lo, hi, min_claims, max_claims, traps, background, sources, gaps))
    return ClaimText(piece.text, _expected(piece.text, piece.claims))


@st.composite
def _text_pieces(draw, cats, lo, hi, min_claims, max_claims, traps, background, sources, gaps,
                 scene: Optional[Tuple[str, str]] = None, lead: Optional[_Piece] = None,
                 background_cats: Optional[Sequence[str]] = None) -> _Piece:
    total = draw(st.integers(min_claims, max_claims))
    # background figures are never "no one": with max_value 0 there are none
    n_background = draw(st.integers(0, min(2, total))) if background and total and hi >= 1 else 0
    n_main = total - n_background
    sentences: List[_Piece] = [lead] if lead is not None else []
    while n_main > 0:
        size = 2 if n_main >= 2 and len(cats) >= 2 and draw(st.booleans()) else 1
        sentences.append(draw(_claim_sentences(cats, lo, hi, size, traps=traps, sources=sources, gaps=gaps,
                                                scene=scene)))
        n_main -= size
    if traps:
        for _ in range(draw(st.integers(0, 2))):
            at = draw(st.integers(1 if lead is not None else 0, len(sentences)))
            sentences.insert(at, draw(_trap_sentences(undated=scene is not None)))
    main_categories = {c["category"] for s in sentences for c in s.claims}
    for _ in range(n_background):
        category = draw(st.sampled_from(list(background_cats or cats)))
        weak = category in main_categories or "weak_background_first" in gaps
        sentences.append(draw(_background_sentences(category, max(lo, 1), hi, weak=weak, gaps=gaps)))
    if not sentences:
        sentences.append(_Piece(draw(st.sampled_from(_FILLERS))))
    return _join(draw, sentences)


# --------------------------------------------------------------------------- claims


_QUALIFIER_KINDS = {"exact": ("exact",), "at_least": ("at_least",), "more_than": ("more_than",),
                    "up_to": ("up_to",), "at_most": ("at_most",), "about": ("about", "nearly"),
                    "between": ("between",), "vague": ("vague",)}


def claims(*, categories: Iterable[str] = CATEGORIES, min_value: int = 0, max_value: int = DEFAULT_MAX_VALUE,
           qualifiers: Iterable[str] = QUALIFIERS) -> st.SearchStrategy[Claim]:
    """Valid :class:`casualties.Claim` objects.

    The interval agrees with the qualifier by the table of docs/concepts.md, ``value`` and
    ``stated`` with the figure, ``quote`` is the figure as written ("at least 44 people") and
    ``end - start == len(quote)``; victims, cited source and the flags vary. ``min_value`` /
    ``max_value`` bound the stated numbers (and vague floors), as in :func:`claim_texts`.
    """
    cats = _check_categories(categories)
    lo, hi = _check_bounds("min_value", min_value, "max_value", max_value)
    if isinstance(qualifiers, str):
        qualifiers = (qualifiers,)
    quals = tuple(dict.fromkeys(qualifiers))
    bad = [q for q in quals if q not in QUALIFIERS]
    if bad or not quals:
        raise InvalidValueError(f"qualifiers: {bad or quals!r}: give one or more of {QUALIFIERS}")
    kinds = tuple(k for q in quals for k in _QUALIFIER_KINDS[q])
    if not _figure_kinds(lo, hi, kinds=kinds):
        raise InvalidValueError(f"no claim with qualifiers {quals} has its numbers in "
                                f"[min_value={lo}, max_value={hi}]")
    return _claims(cats, lo, hi, kinds)


@st.composite
def _claims(draw, cats, lo, hi, kinds) -> Claim:
    category = draw(st.sampled_from(cats))
    fig = draw(_figures(lo, hi, kinds=kinds, hedges_out=()))
    words, victims, group = draw(_noun_phrases(fig, category))
    start = draw(st.integers(0, 5000))
    if fig.kind == "vague":
        word = next(w for w, (with_noun, without) in _VAGUE_FORMS.items() if fig.text == with_noun)
        basis = f"vague '{word}': floor {fig.low} (policy 'design')"
    elif fig.kind in ("zero", "one"):
        basis = f"implicit: '{words}' = {fig.value}"
    else:
        basis = ""
    stated = (fig.low, fig.high) if fig.qualifier == "between" else (() if fig.value is None else (fig.value,))
    return Claim(
        category=category, low=fig.low, high=fig.high, value=fig.value, qualifier=fig.qualifier,
        start=start, end=start + len(words), quote=words, stated=stated, victims=victims, victim_group=group,
        cited_source=draw(st.none() | st.sampled_from(_SOURCES).map(_source_name)),
        perpetrator_claim=draw(st.booleans()), background=draw(st.booleans()), subset=draw(st.booleans()),
        part_of_list=draw(st.booleans()), basis=basis,
    )


# --------------------------------------------------------------------------- reports


def _published_values(day: _dt.date):
    """``day`` as any of the accepted forms: date, datetime, ISO string."""
    return st.sampled_from([
        day, day.isoformat(), _dt.datetime(day.year, day.month, day.day, 9, 30),
        _dt.datetime(day.year, day.month, day.day, 18, 5).isoformat(),
    ])


def reports(*, min_claims: int = 0, max_claims: int = 4, categories: Iterable[str] = CATEGORIES,
            min_value: int = 0, max_value: int = DEFAULT_MAX_VALUE, with_traps: bool = True,
            with_background: bool = True) -> st.SearchStrategy[Dict[str, Any]]:
    """Report mappings ``{report_id, text, source, published, title}`` for
    :func:`casualties.reconcile`.

    ``text`` comes from :func:`claim_texts` (same arguments); ``source`` (an outlet),
    ``published`` (a date, datetime or ISO string) and ``title`` may be None. ``report_id`` is
    ``"r"`` and a number: draw lists with ``st.lists(reports(), unique_by=lambda r:
    r["report_id"])``. Figures never share a sentence with a year or a month, so the
    publication date does not change which claims are background.
    """
    cats, lo, hi, min_claims, max_claims, gaps = _check_text_args(
        categories, min_value, max_value, min_claims, max_claims, (),
        {"with_traps": with_traps, "with_background": with_background})
    return _reports_with_claims(cats, lo, hi, min_claims, max_claims, with_traps, with_background).map(lambda p: p[0])


@st.composite
def _reports_with_claims(draw, cats, lo, hi, min_claims, max_claims, traps, background):
    """``(report, expected claims)``: what :func:`reports` draws, with the claims of its text."""
    text, expected = draw(_claim_texts(cats, lo, hi, min_claims, max_claims, traps, background, True, frozenset()))
    day = draw(st.dates(_dt.date(2000, 1, 1), _dt.date(2024, 12, 31)))
    report = {
        "report_id": f"r{draw(st.integers(0, 10**6))}",
        "text": text,
        "source": draw(st.none() | st.sampled_from(_OUTLETS)),
        "published": draw(st.none() | _published_values(day)),
        "title": draw(st.none() | st.sampled_from(_PLACES).map(lambda p: f"Attack in {p}")),
    }
    return report, expected


# --------------------------------------------------------------------------- incidents


def incidents(*, min_reports: int = 2, max_reports: int = 4, conflicting: Optional[bool] = None,
              min_value: int = 0, max_value: int = 1000, with_traps: bool = True,
              with_background: bool = True) -> st.SearchStrategy[IncidentReports]:
    """The reports of one incident, and the killed range they must reconcile to.

    Every report tells of the same attack (the same kind, town and weekday, published zero to
    three days later, by different outlets) and states one main killed figure in [min_value,
    max_value]; it may add an injured figure, traps and background sentences.

    conflicting: None, the figures fall as they may; False, every killed interval holds one
        common number (the range is consistent); True, two reports state killed intervals that
        do not meet (the range conflicts).
    """
    min_reports, max_reports = _check_bounds("min_reports", min_reports, "max_reports", max_reports, minimum=1)
    lo, hi = _check_bounds("min_value", min_value, "max_value", max_value)
    if conflicting not in (None, True, False):
        raise InputTypeError(f"conflicting: expected None, True or False, got {conflicting!r}")
    _check_bool("with_traps", with_traps)
    _check_bool("with_background", with_background)
    if conflicting and max_reports < 2:
        raise InvalidValueError(f"conflicting=True needs max_reports >= 2, got {max_reports}")
    if conflicting and max(lo, 1) >= hi:
        raise InvalidValueError(f"conflicting=True needs two different figures in [min_value={lo}, max_value={hi}]")
    return _incidents(max(min_reports, 2) if conflicting else min_reports, max_reports, conflicting, lo, hi,
                      with_traps, with_background)


@st.composite
def _incidents(draw, min_reports, max_reports, conflicting, lo, hi, traps, background) -> IncidentReports:
    n = draw(st.integers(min_reports, max_reports))
    # the figures of one incident lie within a factor of about two of a toll t: reports whose
    # tolls are far apart are (rightly) not clustered together
    t = draw(_counts(lo, hi))
    wlo, whi = max(lo, t // 2), min(hi, max(2 * t, t + 3))
    if max(wlo, 1) >= whi:
        wlo, whi = lo, hi
    if conflicting is False:
        figs = [draw(_figures_containing(t, wlo, whi)) for _ in range(n)]
    elif conflicting:
        x = draw(st.integers(max(wlo, 1), whi))
        figs = [draw(_written("exact", x)), draw(_figures_excluding(x, wlo, whi))]
        figs += [draw(_figures(wlo, whi)) for _ in range(n - 2)]
        figs = draw(st.permutations(figs))
    else:
        figs = [draw(_figures(wlo, whi)) for _ in range(n)]
    place = draw(st.sampled_from(_PLACES))
    kind = draw(st.sampled_from(_ATTACK_KINDS))
    day = draw(st.dates(_dt.date(2010, 1, 1), _dt.date(2024, 12, 31)))
    weekday = _WEEKDAYS[day.weekday()]
    outlets = draw(st.permutations(_OUTLETS))
    out_reports, out_claims = [], []
    for i, fig in enumerate(figs):
        lead = draw(_lead_sentences(fig, kind, place, weekday))
        piece = draw(_text_pieces(("injured",), max(lo, 1), max(hi, 1), 0, 2, traps, background, True, frozenset(),
                                  (place, weekday), lead, background_cats=("killed", "injured")))
        expected = _expected(piece.text, piece.claims)
        published = day + _dt.timedelta(days=draw(st.integers(0, 3)))
        out_reports.append({
            "report_id": f"r{i + 1}", "text": piece.text, "source": outlets[i % len(outlets)],
            "published": draw(_published_values(published)),
            "title": draw(st.none() | st.just(f"{_cap(kind)} attack in {place}")),
        })
        out_claims.append(expected)
    killed = [c for cs in out_claims for c in cs if c.category == "killed" and c.counts]
    stated = [v for c in killed for v in c.stated]
    highs = [c.high for c in killed if c.high is not None]
    consistent = not highs or max(c.low for c in killed) <= min(highs)
    return IncidentReports(tuple(out_reports), tuple(out_claims), place, day, kind,
                           min(stated) if stated else None, max(stated) if stated else None, consistent)


@st.composite
def _lead_sentences(draw, fig: _Figure, kind: str, place: str, weekday: str) -> _Piece:
    """The sentence that tells of the incident and states its killed figure."""
    forms = ["passive"] if fig.kind == "zero" else ["passive", "participle", "active"]
    form = draw(st.sampled_from(forms))
    where = f" in {place} on {weekday}"
    if form == "passive":
        clause = draw(_passive_clauses("killed", fig))
        body = _cat(clause, f" when a {kind} exploded{where}")
    else:
        np, victims, group = draw(_noun_phrases(fig, "killed"))
        if form == "participle":
            head = f"a {kind} exploded near a market{where}, "
            text = f"killing {np}"
            body = _cat(head, _claim(text, 0, len(text), "killed", fig, victims, group))
        else:
            head = f"a {kind} killed "
            body = _cat(_claim(head + np, 2 + len(kind) + 1, len(head) + len(np), "killed", fig, victims, group),
                        where)
    style = draw(st.sampled_from(_SOURCE_STYLES))
    return _with_source(body, style, draw(st.sampled_from(_SOURCES)) if style != "none" else None)
