"""Sentences of the :mod:`casualties.strategies` grammar: the words, text pieces with spans,
claim, trap and background sentences, and the expected claims of a joined text.
"""
from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

import attrs
from hypothesis import strategies as st

from ._figures import _before_verb, _digits, _Figure, _figures
from ._values import ExpectedClaim


# --------------------------------------------------------------------------- words

#: Victim nouns: (plural, singular, normalised group).
_VICTIMS: Tuple[Tuple[str, str, str], ...] = (
    ("people", "person", "unknown"),
    ("civilians", "civilian", "civilian"),
    ("soldiers", "soldier", "security forces"),
    ("police officers", "police officer", "security forces"),
    ("policemen", "policeman", "security forces"),
    ("children", "child", "civilian"),
    ("workers", "worker", "civilian"),
    ("villagers", "villager", "civilian"),
    ("students", "student", "civilian"),
    ("passengers", "passenger", "civilian"),
    ("militants", "militant", "armed group"),
    ("fighters", "fighter", "armed group"),
)
_CAPTURED_VICTIMS = _VICTIMS + (("suspects", "suspect", "armed group"),)

#: Figure-first verb phrases: (plural, singular).
_PASSIVE: Mapping[str, Tuple[Tuple[str, str], ...]] = {
    "killed": (("were killed", "was killed"), ("were shot dead", "was shot dead"), ("died", "died"),
               ("have been killed", "has been killed")),
    "injured": (("were wounded", "was wounded"), ("were injured", "was injured"), ("were hurt", "was hurt"),
                ("have been wounded", "has been wounded")),
    "missing": (("are missing", "is missing"), ("remain missing", "remains missing"), ("went missing", "went missing"),
                ("were missing", "was missing")),
    "kidnapped": (("were kidnapped", "was kidnapped"), ("were abducted", "was abducted"),
                  ("were taken hostage", "was taken hostage"), ("have been kidnapped", "has been kidnapped")),
    "captured": (("were captured", "was captured"), ("were detained", "was detained"),
                 ("were arrested", "was arrested"), ("were taken prisoner", "was taken prisoner"),
                 ("have been detained", "has been detained")),
}
_GONE_MISSING = ("have gone missing", "has gone missing")
#: Verb first: (past, participle).
_ACTIVE: Mapping[str, Tuple[Tuple[str, str], ...]] = {
    "killed": (("killed", "killing"),),
    "injured": (("wounded", "wounding"), ("injured", "injuring")),
    "kidnapped": (("kidnapped", "kidnapping"), ("abducted", "abducting")),
    "captured": (("captured", "capturing"), ("detained", "detaining"), ("arrested", "arresting")),
}
#: "the blast left 9 dead": the state word after the figure.
_LEFT_STATES: Mapping[str, Tuple[str, ...]] = {"killed": ("dead",), "injured": ("wounded", "injured"),
                                               "missing": ("missing",)}
_TOLL_VERBS = ("rose to", "climbed to", "reached", "stood at", "has risen to")

_SUBJECTS: Mapping[str, Tuple[str, ...]] = {
    "killed": ("the attack", "the blast", "the explosion", "the bombing", "a car bomb", "the airstrike", "gunmen"),
    "injured": ("the attack", "the blast", "the explosion", "the bombing", "a car bomb", "the airstrike", "gunmen"),
    "kidnapped": ("gunmen", "militants", "armed men", "kidnappers"),
    "captured": ("troops", "police", "security forces", "rebels"),
}
_SUBJECTS_ANY = ("gunmen", "militants", "the attackers")
_EVENTS: Mapping[str, Tuple[str, ...]] = {
    "killed": ("a car bomb exploded near a market", "a suicide bomber struck a checkpoint",
               "gunmen opened fire on a bus", "a roadside bomb hit a convoy"),
    "injured": ("a car bomb exploded near a market", "a suicide bomber struck a checkpoint",
                "gunmen opened fire on a bus", "a roadside bomb hit a convoy"),
    "kidnapped": ("gunmen stormed the village", "militants stopped a bus on the highway"),
    "captured": ("troops raided the town", "police raided a house"),
}
_EVENTS_ANY = ("gunmen stormed the village", "militants attacked a checkpoint")
_LEFT_SUBJECTS = ("the blast", "the attack", "the explosion", "the raid")

_PLACES = ("Mosul", "Kirkuk", "Qamishli", "Hasakah", "Baquba", "Ramadi", "Tikrit", "Aden", "Kandahar",
           "Quetta", "Peshawar", "Kabul", "Mogadishu", "Aleppo", "Idlib", "Homs", "Raqqa")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
#: Cited bodies as written mid-sentence; the expected ``cited_source`` drops a leading "the".
_SOURCES = ("police", "the interior ministry", "the health ministry", "state media", "hospital officials",
            "witnesses", "local officials", "the Syrian Observatory for Human Rights", "the army", "the UN")
_SOURCE_STYLES = ("none", "said_before", "said_after", "according_before", "according_after")
#: Publishing outlets (``source`` of a report).
_OUTLETS = ("AP", "Reuters", "AFP", "Al Jazeera", "Xinhua", "BBC", "SANA", "Anadolu", "The Guardian", "CNN")
_ATTACK_KINDS = ("car bomb", "truck bomb", "roadside bomb", "suicide car bomb")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _source_name(written: str) -> str:
    for prefix in ("the ", "The "):
        if written.startswith(prefix):
            return written[len(prefix):]
    return written


# --------------------------------------------------------------------------- text with spans


@attrs.define
class _Piece:
    """Text under construction and the claims it states (spans relative to ``text``)."""

    text: str = ""
    claims: List[dict] = attrs.Factory(list)

    def add(self, other) -> "_Piece":
        if isinstance(other, str):
            self.text += other
            return self
        shift = len(self.text)
        self.text += other.text
        self.claims += [dict(c, start=c["start"] + shift, end=c["end"] + shift) for c in other.claims]
        return self


def _cat(*parts) -> _Piece:
    out = _Piece()
    for p in parts:
        out.add(p)
    return out


def _claim(text: str, start: int, end: int, category: str, fig: _Figure, victims: Optional[str],
           group: str, **extra) -> _Piece:
    return _Piece(text, [dict(category=category, low=fig.low, high=fig.high, qualifier=fig.qualifier,
                              value=fig.value, start=start, end=end, victims=victims, victim_group=group,
                              plain=fig.plain, background=False, cited_source=None, **extra)])


@st.composite
def _noun_phrases(draw, fig: _Figure, category: str, *, noun: Optional[bool] = None):
    """``(words, victims, group)``: the figure with its victim noun ("at least 44 people")."""
    if fig.kind == "zero":
        return fig.text, None, "unknown"
    plural, singular, group = draw(st.sampled_from(_CAPTURED_VICTIMS if category == "captured" else _VICTIMS))
    if fig.kind == "one":
        word = singular if singular != "person" else "man"
        return f"a {word}", word, ("civilian" if word == "man" else group)
    if noun is None:
        noun = fig.no_noun is None or draw(st.integers(0, 3)) > 0
    if not noun and fig.no_noun is not None:
        return fig.no_noun, None, "unknown"
    word = singular if fig.singular else plural
    return f"{fig.text} {word}", word, group


def _passive_verbs(category: str, fig: _Figure, gaps: frozenset, in_pair: bool = False):
    """The figure-first verb phrases ``(plural, singular)`` of ``category`` for ``fig``;
    ``in_pair``: a clause of "X were killed and Y were ..."."""
    verbs = list(_PASSIVE[category])
    if category == "missing":
        verbs.append(_GONE_MISSING)
    return verbs


@st.composite
def _passive_clauses(draw, category: str, fig: _Figure, gaps: frozenset = frozenset(), *,
                     in_pair: bool = False) -> _Piece:
    """Figure first: "at least 44 people were killed", "no one was hurt"; ``in_pair``: a clause
    of "X were killed and Y were ..."."""
    fig = _before_verb(fig, gaps)
    np, victims, group = draw(_noun_phrases(fig, category))
    plural_verb, singular_verb = draw(st.sampled_from(_passive_verbs(category, fig, gaps, in_pair)))
    verb = singular_verb if (fig.singular or fig.kind in ("one", "zero")) else plural_verb
    text = f"{np} {verb}"
    return _claim(text, 0, len(text), category, fig, victims, group)


@st.composite
def _clauses(draw, category: str, fig: _Figure, *, traps: bool, gaps: frozenset = frozenset()) -> _Piece:
    """One claim as a clause (lower case, no final stop)."""
    forms = ["passive"]
    if category in _LEFT_STATES and fig.kind not in ("zero", "one"):
        forms.append("left")
    if category in _ACTIVE and fig.kind != "zero":
        forms += ["active", "participle"]
    if category == "killed" and fig.kind not in ("zero", "one", "vague") and not fig.singular \
            and not fig.text.startswith("a total"):
        forms.append("toll")
    if category in _ACTIVE and fig.kind == "at_least":
        forms.append("or_more_after_noun")
    form = draw(st.sampled_from(forms))
    if form == "passive":
        return draw(_passive_clauses(category, fig, gaps))
    if form == "left":
        head = draw(st.sampled_from(_LEFT_SUBJECTS)) + " left "
        fig = _before_verb(fig, gaps)
        np, victims, group = draw(_noun_phrases(fig, category))
        text = f"{head}{np} {draw(st.sampled_from(_LEFT_STATES[category]))}"
        return _claim(text, len(head), len(text), category, fig, victims, group)
    if form == "toll":
        head = draw(st.sampled_from(["the death toll ", "the toll "])) + draw(st.sampled_from(_TOLL_VERBS)) + " "
        people = draw(st.booleans())
        text = head + fig.text + (" people" if people else "")
        return _claim(text, len("the "), len(text), category, fig, "people" if people else None, "unknown")
    past, ing = draw(st.sampled_from(_ACTIVE[category]))
    if form == "or_more_after_noun":  # "killed 25 people or more"
        plural, _, group = draw(st.sampled_from(_VICTIMS))
        head = draw(st.sampled_from(_SUBJECTS[category])) + " "
        text = f"{head}{past} {_digits(fig.value)} {plural} or more"
        return _claim(text, len(head), len(text), category, fig, plural, group)
    np, victims, group = draw(_noun_phrases(fig, category))
    if form == "active":
        head = draw(st.sampled_from(_SUBJECTS[category])) + " "
        text = f"{head}{past} {np}"
    else:
        head = draw(_events(category, traps=traps, gaps=gaps)) + ", "
        text = f"{head}{ing} {np}"
    return _claim(text, len(head), len(text), category, fig, victims, group)


@st.composite
def _events(draw, category: str, *, traps: bool, gaps: frozenset = frozenset()) -> str:
    if traps and category in ("killed", "injured") and draw(st.integers(0, 2)) == 0:
        n = draw(st.integers(50, 2100))  # weights that look like years ("a 2000-kilogram car bomb")
        return draw(st.sampled_from([f"a {n}-kilogram car bomb exploded near a market",
                                     f"about {n // 10} gunmen stormed the village"]))
    return draw(st.sampled_from(_EVENTS[category]))


@st.composite
def _double_clauses(draw, cats: Tuple[str, str], figs: Tuple[_Figure, _Figure], gaps: frozenset) -> _Piece:
    """Two claims of different categories in one clause."""
    (c1, c2), (f1, f2) = cats, figs
    forms = ["passive"]
    if all(c in _ACTIVE for c in cats) and "zero" not in (f1.kind, f2.kind):
        forms += ["active", "participle"]
    form = draw(st.sampled_from(forms))
    if form == "passive":
        return _cat(draw(_passive_clauses(c1, f1, gaps, in_pair=True)), " and ",
                    draw(_passive_clauses(c2, f2, gaps, in_pair=True)))
    (p1, i1), (p2, i2) = draw(st.sampled_from(_ACTIVE[c1])), draw(st.sampled_from(_ACTIVE[c2]))
    np1, v1, g1 = draw(_noun_phrases(f1, c1))
    np2, v2, g2 = draw(_noun_phrases(f2, c2))
    violent = set(cats) <= {"killed", "injured"}
    if form == "active":
        head = draw(st.sampled_from(_SUBJECTS[c1] if violent else _SUBJECTS_ANY)) + " "
        w1, w2 = p1, p2
    else:
        head = draw(st.sampled_from(_EVENTS[c1] if violent else _EVENTS_ANY)) + ", "
        w1, w2 = i1, i2
    a, b = f"{w1} {np1}", f"{w2} {np2}"
    return _cat(head, _claim(a, 0, len(a), c1, f1, v1, g1), " and ", _claim(b, 0, len(b), c2, f2, v2, g2))


@st.composite
def _tails(draw, *, traps: bool, scene: Optional[Tuple[str, str]] = None, after_digit: bool = False) -> str:
    """Where and when, after a clause; ``scene`` (place, weekday) fixes both for an incident."""
    options = [" in {place}", " on {day}", " in {place} on {day}", " near the market", " in the attack"]
    if scene is None:
        options.append("")
        if traps and not after_digit:  # "killed more than 30 40 km south of ..." would be no prose
            options.append(" {km} km south of {place}")
    place, day = scene or (draw(st.sampled_from(_PLACES)), draw(st.sampled_from(_WEEKDAYS)))
    return draw(st.sampled_from(options)).format(place=place, day=day, km=draw(st.integers(2, 90)))


@st.composite
def _openings(draw, scene: Optional[Tuple[str, str]] = None) -> str:
    """An opening adverbial holding a trap number (a time, a date), or a weekday."""
    h, mm = draw(st.integers(1, 12)), draw(st.integers(0, 59))
    options = [f"at {h}:{mm:02d} a.m. local time, ", f"shortly after {h} p.m., "]
    if scene is None:
        options += [f"on {draw(st.sampled_from(_WEEKDAYS))}, ",
                    f"on {draw(st.integers(1, 28))} {draw(st.sampled_from(_MONTHS))}, "]
    else:
        options.append(f"on {scene[1]}, ")
    return draw(st.sampled_from(options))


def _with_source(piece: _Piece, style: str, written: Optional[str]) -> _Piece:
    """A sentence (capitalised, with its final stop) citing ``written`` in ``style``."""
    name = None
    if style == "none" or written is None:
        out = _cat(piece, ".")
    elif style == "said_before":
        out = _cat(_cap(written) + " said ", piece, ".")
        name = _source_name(_cap(written))
    elif style == "said_after":
        out = _cat(piece, f", {written} said.")
        name = _source_name(written)
    elif style == "according_before":
        out = _cat(f"according to {written}, ", piece, ".")
        name = _source_name(written)
    elif style == "according_after":
        out = _cat(piece, f", according to {written}.")
        name = _source_name(written)
    else:  # pragma: no cover - internal
        raise AssertionError(style)
    for c in out.claims:
        c["cited_source"] = name
    return _Piece(_cap(out.text), out.claims)


@st.composite
def _claim_sentences(draw, cats: Sequence[str], lo: int, hi: int, n_claims: int, *, traps: bool,
                     sources: bool, gaps: frozenset, scene: Optional[Tuple[str, str]] = None) -> _Piece:
    """One sentence stating ``n_claims`` (1 or 2) main claims, of different categories."""
    style = draw(st.sampled_from(_SOURCE_STYLES)) if sources else "none"
    written = draw(st.sampled_from(_SOURCES)) if style != "none" else None
    options: Dict[str, Any] = {}
    if n_claims == 2:
        c1, c2 = draw(st.permutations(list(cats)))[:2]
        figs = (draw(_figures(lo, hi, **options)), draw(_figures(lo, hi, **options)))
        body = draw(_double_clauses((c1, c2), figs, gaps))
    else:
        category = draw(st.sampled_from(list(cats)))
        body = draw(_clauses(category, draw(_figures(lo, hi, **options)), traps=traps, gaps=gaps))
    body.add(draw(_tails(traps=traps, scene=scene, after_digit=body.text[-1:].isdigit())))
    if style in ("none", "said_after", "according_after") and traps and draw(st.integers(0, 3)) == 0:
        body = _cat(draw(_openings(scene)), body)
    return _with_source(body, style, written)


# --------------------------------------------------------------------------- traps and background

def _ordinal(n: int) -> str:
    return f"{n}th" if 10 <= n % 100 <= 20 else f"{n}{({1: 'st', 2: 'nd', 3: 'rd'}).get(n % 10, 'th')}"


#: Sentences whose numbers are not casualty claims, each a function of ``(draw, n)`` where
#: ``n(a, b)`` draws an integer in [a, b].
_TRAPS = (
    lambda d, n: f"The {n(2, 90)}-day battle for the town ended after government forces entered the centre.",
    lambda d, n: (lambda a: f"Parliament voted {a} to {n(1, a - 1)} to extend the state of emergency.")(n(100, 400)),
    lambda d, n: f"The Pentagon said it would send {n(50, 5000):,} additional troops to the region.",
    lambda d, n: f"Brigade {n(1, 200)} withdrew from its base near the river.",
    lambda d, n: f"The militia, which has some {n(200, 20000):,} members, denied any involvement.",
    lambda d, n: f"Kidnappers demanded a ransom of ${n(1, 20)} million.",
    lambda d, n: f"Food prices in the besieged city have risen by {n(10, 400)} percent.",
    lambda d, n: f"The town, home to about {n(2, 90) * 1000:,} people, has been under siege for {n(2, 30)} months.",
    lambda d, n: f"The convoy was attacked {n(2, 90)} km south of the city on Highway {n(1, 40)}.",
    lambda d, n: f"It was the {_ordinal(n(2, 30))} attack on the pipeline this year.",
    lambda d, n: f"Jets carried out {n(2, 60)} airstrikes overnight, destroying {n(2, 30)} buildings.",
    lambda d, n: f"Rebels captured {n(2, 12)} villages north of the city.",
    lambda d, n: f"A {n(12, 80)}-year-old witness said the gunmen wore uniforms.",
    lambda d, n: f"About {n(20, 500)} gunmen stormed the town.",
    lambda d, n: f"The group is believed to be holding about {n(20, 900)} prisoners.",
    lambda d, n: f"Troops recovered {n(5, 90)} spent shell casings at the scene.",
    lambda d, n: f"The group has between {n(2, 9) * 1000:,} and {n(10, 30) * 1000:,} fighters.",
    lambda d, n: f"The attackers fired {n(2, 40)} rockets at the base.",
    lambda d, n: f"Anyone with information is asked to call {n(200, 999)}-{n(200, 999)}-{n(1000, 9999)}.",
    lambda d, n: f"The number of civilians killed in the province rose {n(2, 60)} percent.",
)
#: Traps with a year, a date, a weekday or a clock time: left out of incident reports, whose
#: date cue they could move.
_DATED_TRAPS = (
    lambda d, n: f"In {n(1990, 2023)}, the town was captured by rebels.",
    lambda d, n: f"The attack took place on {n(1, 28)} {d(st.sampled_from(_MONTHS))} {n(1990, 2023)}.",
    lambda d, n: f"The bomb went off at {n(1, 12)}:{n(10, 59)} a.m. local time.",
    lambda d, n: f"Israel released {n(2, 900)} Palestinian prisoners on Tuesday.",
)


@st.composite
def _trap_sentences(draw, *, undated: bool = False) -> _Piece:
    make = draw(st.sampled_from(_TRAPS if undated else _TRAPS + _DATED_TRAPS))
    return _Piece(make(draw, lambda a, b: draw(st.integers(a, b))))


_FILLERS = ("Rescue teams searched the rubble through the night.", "The area was sealed off by security forces.",
            "Roads into the town were closed.")
_PERFECT: Mapping[str, Tuple[str, str]] = {
    "killed": ("have been killed", "has been killed"), "injured": ("have been wounded", "has been wounded"),
    "kidnapped": ("have been kidnapped", "has been kidnapped"), "captured": ("have been detained", "has been detained"),
    "missing": ("are missing", "is missing"),
}


@st.composite
def _background_sentences(draw, category: str, lo: int, hi: int, *, weak: bool, gaps: frozenset) -> _Piece:
    """A sentence about another event; its claim has ``background=True``.

    ``weak`` allows the templates marked only by a weak cue ("last year", "similar", "earlier
    this month", "a separate attack").
    """
    fig = draw(_figures(lo, hi, zero=False))
    templates = ["past_year", "since_start", "ago"]
    if category in _ACTIVE:
        templates.append("came_after")
    if category in ("killed", "injured"):
        templates += ["war", "quake"]
    if weak:
        templates += ["similar_last_year", "last_month", "earlier_month"]
        if category in _ACTIVE:
            templates.append("separate")
    template = draw(st.sampled_from(templates))
    if template in ("past_year", "since_start", "ago", "similar_last_year", "last_month", "earlier_month"):
        fig = _before_verb(fig, gaps)
    np, victims, group = draw(_noun_phrases(fig, category))
    singular = fig.singular or fig.kind == "one"
    if template in ("past_year", "since_start"):
        head = "over the past year, " if template == "past_year" else "since the start of the conflict, "
        clause = f"{np} {_PERFECT[category][singular]}"
        return _background(head, clause, " in the province.", category, fig, victims, group)
    if template in ("ago", "similar_last_year", "last_month", "earlier_month"):
        plural_verb, singular_verb = draw(st.sampled_from(_passive_verbs(category, fig, gaps)))
        clause = f"{np} {singular_verb if singular else plural_verb}"
        head, tail = {
            "ago": ("", f" in a similar attack {draw(st.integers(2, 11))} "
                        f"{draw(st.sampled_from(['months', 'years']))} ago."),
            "similar_last_year": ("in a similar attack last year, ", "."),
            "last_month": ("last month, ", " on the same road."),
            "earlier_month": ("earlier this month, ", " in the same district."),
        }[template]
        return _background(head, clause, tail, category, fig, victims, group)
    past = draw(st.sampled_from(_ACTIVE[category]))[0] if category in _ACTIVE else None
    if template == "came_after":
        unit = draw(st.sampled_from(["two weeks", "three days", "a week", "a day", "10 days", "two months"]))
        head = f"the attack came {unit} after a {draw(st.sampled_from(_ATTACK_KINDS))} in the same street "
        return _background(head, f"{past} {np}", ".", category, fig, victims, group)
    if template == "war":
        verb = "killed" if category == "killed" else "wounded"
        return _background("the war has ", f"{verb} {np}", f" since {draw(st.integers(1990, 2020))}.",
                           category, fig, victims, group)
    if template == "quake":
        verb = "killed" if category == "killed" else "injured"
        return _background("the region is still reeling from an earthquake that ", f"{verb} {np}", ".",
                           category, fig, victims, group)
    # separate
    return _background("a separate attack last week ", f"{past} {np}", ".", category, fig, victims, group)


def _background(head: str, clause: str, tail: str, category, fig, victims, group) -> _Piece:
    piece = _cat(head, _claim(clause, 0, len(clause), category, fig, victims, group), tail)
    for c in piece.claims:
        c["background"] = True
    return _Piece(_cap(piece.text), piece.claims)


# --------------------------------------------------------------------------- expected claims


def _expected(text: str, raw: Sequence[dict]) -> Tuple[ExpectedClaim, ...]:
    """The claims of ``text`` in text order, with the documented repeated-hedge rule applied:
    a bare exact figure that repeats a hedged one of its category ("at least 44" ... "44")
    takes that hedge (docs/concepts.md, "Incidents"; accounting.py ``_hedge_bare_repeats``)."""
    ordered = sorted(raw, key=lambda c: (c["start"], c["end"]))
    hedged: Dict[tuple, dict] = {}
    for c in ordered:
        if c["qualifier"] in ("at_least", "more_than") and c["value"] is not None and not c["background"]:
            hedged.setdefault((c["category"], c["value"]), c)
    out = []
    for c in ordered:
        h = hedged.get((c["category"], c["value"]))
        qualifier, low, high = c["qualifier"], c["low"], c["high"]
        if h is not None and qualifier == "exact" and not c["background"] and c["plain"]:
            qualifier, low, high = h["qualifier"], h["low"], h["high"]
        out.append(ExpectedClaim(
            category=c["category"], low=low, high=high, qualifier=qualifier, value=c["value"],
            background=c["background"], start=c["start"], end=c["end"], quote=text[c["start"]:c["end"]],
            victims=c["victims"], victim_group=c["victim_group"], cited_source=c["cited_source"],
        ))
    return tuple(out)


def _join(draw, sentences: Sequence[_Piece]) -> _Piece:
    out = _Piece()
    for i, s in enumerate(sentences):
        if i:
            out.add(draw(st.sampled_from([" ", " ", " ", "\n\n"])))
        out.add(s)
    return out
