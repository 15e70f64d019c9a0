"""Choosing among same-named places and keeping or dropping each name found in a text
(the rules listed in :mod:`casualties.gazetteer` and ``docs/decisions/0004-gazetteer.md``)."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from .place_scan import (_ADMIN_FOLLOW_RE, _COMMA_RE, _PERSON_AFTER_RE, _PERSON_BEFORE_RE,
                         _PLACE_WORD_AFTER_RE, _TITLES, _Raw, _has_admin_cue, _has_cue, _last_words,
                         fuzzy_pass, scan, states_after_commas)
from .places import SCORE_ARTICLE, SCORE_EXACT, PlaceMention

# Ranking same-named places (internal, log10 units: +1 weighs like 100 times the population,
# which counts half: log10(population) / 2): a place's own name over an alternate name, a
# region or country named elsewhere in the text, a region after "province of" / before
# "province"; a state or country after a comma adds 10 (and rules out the others).
_TIER1_BONUS = 1.0
_REGION_BONUS = 2.0
_COUNTRY_BONUS = 1.0
_ADMIN_CUE_BONUS = 5.0
_CURATED_BONUS = 1.0  # curated towns: the supplement lists the places this library is about


def rank(gaz, r: _Raw, qual, forced, admin_pref: bool, ctx_a, ctx_c):
    """Candidates of a found name, best first: (-score, place index, tier, adjusted)."""
    places = gaz._rows
    scored = []
    for i, tier, adjusted in r.cands:
        p = places[i]
        s = gaz._log_pop[i] + (_TIER1_BONUS if tier == 1 else 0.0)
        if i in gaz._curated and p.kind == "city":
            s += _CURATED_BONUS
        if forced is not None and p.admin1 != forced[0] and not (
                p.kind == "country" and p.country == forced[1]):
            continue
        if qual is not None:
            if p.admin1 in qual[0] or (p.kind == "country" and p.country in qual[1]) or (
                    p.kind != "country" and p.country in qual[1]):
                s += 10
            elif qual[3]:  # a state abbreviation contradicts this place
                continue
        if ctx_a and p.admin1 in ctx_a:
            s += _REGION_BONUS
        if ctx_c and p.country in ctx_c:
            s += _COUNTRY_BONUS
        if admin_pref and p.kind == "admin1":
            s += _ADMIN_CUE_BONUS
        scored.append((-s, i, tier, adjusted))
    scored.sort()
    return scored


def keep(gaz, text: str, r: _Raw, surface: str, words_before: List[str], qual, ranked,
          guard_ok: bool, person_words, ctx_a, ctx_c, named=frozenset()) -> bool:
    """Whether the best candidate of a found name is kept as a place mention (the rules
    are listed in the module docstring and docs/decisions/0004-gazetteer.md)."""
    words = gaz._words
    _, best, tier, _ = ranked[0]
    place = gaz._rows[best]
    if surface in words.never_places:
        return qual is not None
    if qual is not None or r.dotted:
        return True
    if not guard_ok:  # part of a longer name: "Jordan Davis", "Houston Chronicle"
        return False
    in_region = bool(ctx_a) and place.admin1 in ctx_a
    in_country = bool(ctx_c) and place.country in ctx_c
    # a GeoNames alternate name abroad ("near Turk and Taylor streets": Angren, Uzbekistan), or a
    # small town abroad in a text that names other countries (``named``: as countries or by their
    # people; "in Plateau state" beside "Nigeria" is no town of 2,000 in Alabama)
    foreign_alternate = place.kind == "city" and ctx_c and not in_country and (
        tier != 1 or (named and place.country not in named and best not in gaz._curated
                      and gaz._rank_pop[best] < gaz.min_bare_population))
    if r.score < SCORE_ARTICLE:  # fuzzy (always after a cue): curated, or in a named country
        return best in gaz._curated or in_country
    if _has_cue(words_before):
        return not foreign_alternate
    if surface in words.stop_names:
        return False
    if surface in person_words and (place.kind == "admin1" or (
            place.kind == "city" and gaz._rank_pop[best] < gaz.min_bare_foreign_population)):
        return False
    if _has_cue(words_before, weak=True):  # "at": enough for a town, not for "at Christmas"
        return not foreign_alternate
    if place.kind != "city" or best in gaz._curated:
        return True
    if r.ntok == 1 and surface.isalpha() and len(surface) <= 4 and text[r.start:r.end].isupper():
        return False  # "TSU", "SAME": an acronym or a shouted headline word
    if _PERSON_AFTER_RE.match(text, r.end) or _PERSON_BEFORE_RE.search(
            text, max(0, r.start - 12), r.start):
        return False
    evidence = _PLACE_WORD_AFTER_RE.match(text, r.end) is not None
    if tier != 1:
        if in_region and evidence:
            return True
        return in_country and gaz._rank_pop[best] >= gaz.min_bare_alternate_population
    if r.ntok >= 2:  # a two-word town name, unless it is in a country the text does not name
        return in_region or in_country or not ctx_c or gaz._rank_pop[best] >= gaz.min_bare_population
    if in_region and evidence:
        return True
    if in_region:
        floor = gaz.min_bare_region_population
    elif in_country or not ctx_c:  # its country is named, or no country is
        floor = gaz.min_bare_population
    else:
        floor = gaz.min_bare_foreign_population
    if evidence:
        floor //= 10
    return gaz._rank_pop[best] >= floor

def find_places(gaz, text: str, prefer: Tuple[str, ...]) -> List[PlaceMention]:
    """Place mentions in ``text`` (see :meth:`casualties.gazetteer.Gazetteer.find_places`;
    the arguments are already checked)."""
    raws, misses = scan(gaz, text)
    fuzzy_pass(gaz, text, misses, raws)
    raws.sort(key=lambda r: (r.start, -r.end))
    states_after = states_after_commas(gaz, text)
    quals = _qualifiers(gaz, text, raws, states_after)
    before = [_last_words(text, r.start) for r in raws]
    admin_pref = [bool(_ADMIN_FOLLOW_RE.match(text, r.end) or _has_admin_cue(w))
                  for r, w in zip(raws, before)]
    person_words = _person_words(gaz, text, raws)
    before_ok, after_ok = gaz._words.words_before_place, gaz._words.words_after_place
    guard_ok = [not ((r.prev_word and r.prev_word not in before_ok)
                     or (r.next_word and r.next_word not in after_ok)) for r in raws]
    ctx_a, ctx_c, named = _outside_context(gaz, text, states_after, prefer)
    marks = (quals, before, admin_pref, guard_ok, person_words)
    group = _own_context(gaz, raws, marks, ctx_a, ctx_c, named)
    decided = _decide(gaz, text, raws, marks, group, ctx_a, ctx_c, named)
    return _mentions(gaz, text, raws, decided, states_after)


def _bump(d: Dict[str, int], key: Optional[str], by: int) -> None:
    if key is not None:
        d[key] = d.get(key, 0) + by
        if d[key] <= 0:
            del d[key]


def _qualifiers(gaz, text: str, raws: List[_Raw], states_after) -> List[Optional[tuple]]:
    """Per found name, what follows its comma: (admin1 keys, countries, index of the
    qualifying name or None, strict) for ", Calif." / ", Syria", else None."""
    places = gaz._rows
    by_start = {r.start: k for k, r in enumerate(raws)}
    quals: List[Optional[tuple]] = []
    for r in raws:
        q = None
        if r.end in states_after:
            key = states_after[r.end][0]
            q = (frozenset([key]), frozenset(), None, True)
        else:
            m = _COMMA_RE.match(text, r.end)
            j = by_start.get(m.end()) if m else None
            if j is not None:
                nxt = [places[i] for i, _, _ in raws[j].cands]
                a1 = frozenset(p.admin1 for p in nxt if p.kind == "admin1")
                cc = frozenset(p.country for p in nxt if p.kind == "country")
                if a1 or cc:
                    q = (a1, cc, j, False)
        quals.append(q)
    return quals


def _person_words(gaz, text: str, raws: List[_Raw]) -> set:
    """Names this text uses as people: a one-word name right after a capitalised word that is
    not a place cue ("Michael Jackson" as a whole run, "Officer Williams"); its bare mentions
    elsewhere ("Jackson said") are not places either."""
    before_ok = gaz._words.words_before_place
    person_words = set()
    for r in raws:
        if r.ntok == 1 and r.prev_word and r.prev_word not in before_ok and (
                r.prev_word in _TITLES or (r.last and r.run_units in (2, 3))):
            prev = text[max(0, r.start - 1 - len(r.prev_word)):r.start - 1]
            if not prev.isupper():  # "CBS Chicago" is a station, not a person
                person_words.add(r.key)
    return person_words


def _outside_context(gaz, text: str, states_after, prefer):
    """Regions and countries named by state abbreviations, by the caller (``prefer``) and by
    words for a country's people: (regions, countries, countries named)."""
    ctx_a: Dict[str, int] = {}
    ctx_c: Dict[str, int] = {}
    for key, _, _ in states_after.values():
        _bump(ctx_a, key, 1)
        _bump(ctx_c, "US", 1)
    for p in prefer:
        if len(p) > 2:
            _bump(ctx_a, p, 1)
        _bump(ctx_c, p[:2], 1)
    # countries the text names as countries, or by a word for their people ("a Nigerian police
    # spokesman"): a small town abroad is no reading of a name there (see keep)
    named = set()
    if gaz._demonym_re is not None:
        for code in {gaz._demonyms[m.group(1)] for m in gaz._demonym_re.finditer(text)}:
            _bump(ctx_c, code, 1)
            named.add(code)
    return ctx_a, ctx_c, named


def _own_context(gaz, raws: List[_Raw], marks, ctx_a, ctx_c, named):
    """Add each name's own contribution to the context (in place) and return them by name: a
    name never supports itself (nor do other mentions of the same name: "Salem ... Salem ...
    Salem" is no evidence for India).  Regions come from regions named, towns with a state
    after them, two-word, curated or cue-led town names; a big bare town ("Jackson") gives only
    its country."""
    quals, before, admin_pref, guard_ok, person_words = marks
    words, places = gaz._words, gaz._rows
    group: Dict[str, List[Tuple[Optional[str], Optional[str]]]] = {}
    for k, r in enumerate(raws):
        key = r.key
        if not guard_ok[k] or key in words.stop_names or key in words.never_places \
                or (key in person_words and quals[k] is None):
            continue
        ranked = rank(gaz, r, quals[k], None, admin_pref[k], None, None)
        if not ranked:
            continue
        i = ranked[0][1]
        p = places[i]
        if (quals[k] is not None or p.kind != "city" or r.ntok >= 2 or i in gaz._curated
                or _has_cue(before[k])):
            own = (p.admin1, p.country)
        elif ranked[0][2] == 1 and gaz._rank_pop[i] >= gaz.min_bare_population:
            own = (None, p.country)
        else:
            continue
        group.setdefault(key, []).append(own)
        if all(places[c[1]].kind == "country" for c in ranked):  # not "Georgia", also a US state
            named.add(p.country)
        _bump(ctx_a, own[0], 1)
        _bump(ctx_c, own[1], 1)
    return group


def _decide(gaz, text: str, raws: List[_Raw], marks, group, ctx_a, ctx_c, named):
    """The ranked candidates of every name kept, by its index in ``raws``.  Qualified names
    first ("SALEM, Ore."): their choice then holds for the same name elsewhere in the text
    ("Salem strip club")."""
    quals, before, admin_pref, guard_ok, person_words = marks
    places = gaz._rows
    chosen: Dict[str, int] = {}
    forced: Dict[int, Tuple[Optional[str], str]] = {}
    decided: Dict[int, tuple] = {}
    order = [k for k in range(len(raws)) if quals[k] is not None]
    order += [k for k in range(len(raws)) if quals[k] is None]
    ctx_by_key: Dict[str, tuple] = {}
    for k in order:
        r = raws[k]
        key = r.key
        ctx = ctx_by_key.get(key)
        if ctx is None:  # the context without this name's own contributions
            own = group.get(key)
            if own:
                ctx = (dict(ctx_a), dict(ctx_c))
                for a, c in own:
                    _bump(ctx[0], a, -1)
                    _bump(ctx[1], c, -1)
            else:
                ctx = (ctx_a, ctx_c)
            ctx_by_key[key] = ctx
        ranked = rank(gaz, r, quals[k], forced.get(k), admin_pref[k], *ctx)
        qual = quals[k]
        if ranked and qual is not None and not qual[3] and ranked[0][0] > -10:
            # the place after the comma does not contain this one: a list ("Aleppo, Idlib")
            ranked = rank(gaz, r, None, forced.get(k), admin_pref[k], *ctx)
            qual = None
        if ranked and qual is None and key in chosen:
            pick = chosen[key]
            ranked.sort(key=lambda c: c[1] != pick)
        if not ranked or not keep(gaz, text, r, key, before[k], qual, ranked, guard_ok[k],
                                  person_words, *ctx, named=named):
            continue
        best = ranked[0][1]
        if qual is not None:
            chosen.setdefault(key, best)
            if qual[2] is not None:
                forced[qual[2]] = (places[best].admin1, places[best].country)
        decided[k] = ranked
    return decided


def _mentions(gaz, text: str, raws: List[_Raw], decided, states_after) -> List[PlaceMention]:
    """The mentions of the names kept and of the states after commas, in order, never
    overlapping."""
    found: List[Tuple[int, int, int, PlaceMention]] = []
    for k in sorted(decided):
        r, ranked = raws[k], decided[k]
        _, best, tier, adjusted = ranked[0]
        place = gaz._place(best)
        score = r.score if r.score < SCORE_ARTICLE else (SCORE_ARTICLE if adjusted else SCORE_EXACT)
        end = r.end
        if place.kind == "admin1":
            m = _ADMIN_FOLLOW_RE.match(text, end)
            if m:
                end = m.end()
        alts = tuple(gaz._place(i) for _, i, _, _ in ranked[1:11])
        found.append((r.start, -end, 0, PlaceMention(r.start, end, text[r.start:end], place, alts,
                                                      score)))
    for key, s, e in states_after.values():
        found.append((s, -e, 1, PlaceMention(s, e, text[s:e], gaz._place(gaz._admin1_index[key]),
                                             (), SCORE_EXACT)))
    found.sort(key=lambda f: f[:3])
    out: List[PlaceMention] = []
    last_end = -1
    for s, _, _, mention in found:
        if s >= last_end:
            out.append(mention)
            last_end = mention.end
    return out
