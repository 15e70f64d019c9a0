"""Stage 4 of claim extraction: report accounting, i.e. how a report's figures combine.

Takes the claims of one field (title or text) in order, with per-claim flags (additive,
"shot" hits); gives the claims as they count towards the report's totals:

- additive figures ("also", "another") and later deaths ("a second soldier succumbed to his
  wounds the next day") summed into totals (:func:`_is_additive`, :func:`_is_later_death`,
  :func:`_additive_totals`), an attacker in a list (:func:`_attacker_in_a_list`),
  singletons folded into a group (:func:`_fold_singletons`), victims counted without the
  attacker (:func:`_victims_without_attacker`), bare repeats hedged
  (:func:`_hedge_bare_repeats`);
- "shot" figures resolved to killed or injured (:func:`_resolve_hits`, :func:`_death_told`),
  and survivors (:func:`_lone_survivor`, :func:`_group_survivors`,
  :func:`_with_group_survivors`).

Does not read clauses: uses only :mod:`casualties.mentions`.
"""
from __future__ import annotations

import re
from typing import List, Optional


from ._util import FOLDS_TO_ASCII, may_hold
from .lexicon import HIT, load_lexicon
from .model import Claim, _evolved as _evolve
from .numbers import number_at
from .text import sentence_bounds
from .words import WORDS
from .mentions import _DEATH_WORDS_RE, _Raw, _has_date, _plural_noun


_IRREGULAR_PLURALS = WORDS.set("irregular_plurals")
_ADDITIVE = WORDS.set("additive")
_ORDINALS = WORDS.set("ordinals")
_LATER = WORDS.set("later_words")
_HARMED_GROUPS = WORDS.set("harmed_groups")
_SUCCUMB = WORDS.set("succumb")
_WOUND_WORDS = WORDS.set("wound_words")
_NOT_NEW_REFERENTS = WORDS.set("determiners") | WORDS.set("object_openers")
_GENERIC_PEOPLE = WORDS.set("generic_people")


def _hedge_bare_repeats(claims: List[Claim]) -> List[Claim]:
    """A report that gives one figure hedged and bare ("killed at least 44 people" ... headline
    "attack that killed 44") states one figure: the bare repeat takes the hedge, and its
    ``basis`` says so."""
    hedged = {}
    for c in claims:
        if c.qualifier in ("at_least", "more_than") and c.value is not None and not c.background:
            hedged.setdefault((c.category, c.value), c)
    if not hedged:
        return claims
    out = []
    for c in claims:
        h = hedged.get((c.category, c.value))
        if h is not None and c.qualifier == "exact" and not c.background and not c.basis:
            c = _evolve(c, qualifier=h.qualifier, low=h.low, high=h.high,
                             basis=f"repeats {h.quote!r} (at {h.start}) without its hedge")
        out.append(c)
    return out


def _is_later_death(toks, raw: _Raw) -> bool:
    """ "The following day, a soldier succumbed to his wounds", "two fighters later succumbed",
    "a second member died of his injuries", "one of the injured died a day later": people hurt
    in the event die of their wounds afterwards.  The subject is someone not yet counted among
    the dead (indefinite, a bare figure, or one of the injured), so the deaths add to the toll
    told before them.  A pronoun or a definite subject ("he later died", "the victim succumbed",
    "the two succumbed") is someone already told of, and a death told "later" without wounds
    is as often the same death told again, or another shooting."""
    if raw.category != "killed" or not raw.value:
        return False
    a, b = raw.np
    words = [t.low for t in toks[a:b]]
    if not words:
        return False
    lead = [t.low for t in toks[max(0, a - 2):a]]
    phrase = lead + words
    at = next((k for k in range(len(phrase) - 2) if phrase[k:k + 3] == ["one", "of", "the"]), None)
    if at is not None and any(w in _HARMED_GROUPS for w in phrase[at + 3:]):
        return True  # "one of the injured died"
    if raw.basis.startswith("implicit"):
        # "a soldier", "another", "a wounded fighter", "a 1st Division fighter"
        new_referent = any(w in ("a", "an", "another") for w in lead + words[:1])
    else:  # "two fighters succumbed", not "the two fighters" nor "two of them"
        new_referent = not raw.basis and raw.qualifier == "exact" and not raw.subset and \
            (raw.first == 0 or toks[raw.first - 1].low not in _NOT_NEW_REFERENTS)
    if not (new_referent and _death_by_wounds(toks, raw)):
        return False
    # told after the event: "the next day", "later", "a second ...", or a date of its own
    return any(w in _ORDINALS for w in phrase) or any(t.low in _LATER for t in toks) or _has_date(toks)


def _death_by_wounds(toks, raw: _Raw) -> bool:
    """ "succumbed (to his wounds)", "died of his injuries", "died from gunshot wounds": to
    succumb is to die of one's wounds, whatever follows it."""
    for k in range(raw.first, min(len(toks), raw.last + 2)):
        w = toks[k].low
        if w in _SUCCUMB or (w in ("died", "dies") and k + 1 < len(toks) and toks[k + 1].low in ("of", "from")
                             and any(t.low in _WOUND_WORDS for t in toks[k + 2:k + 5])):
            return True
    return False


def _is_additive(toks, raw: _Raw, first_in_sentence: bool, before=frozenset()) -> bool:
    """ "X's brother was also killed", "another 5", "two other officers": more of the same
    category on top of the figures already given.  "other(s)" adds only when it opens its
    sentence's figures: in "killing two and wounding eleven others" it means other than the two;
    likewise "another" after figures of other categories only (``before``: the categories of the
    sentence's earlier figures)."""
    lo = max(0, raw.first - 2)
    words = [t.low for t in toks[lo:raw.last]]
    np_words = [t.low for t in toks[raw.np[0]:raw.np[1]]]
    adds = [lo + k for k, w in enumerate(words) if w in _ADDITIVE]
    adds = [k for k in adds if not _also_of_identity(toks, k, raw)]
    words += np_words
    if before and raw.category not in before and {toks[k].low for k in adds} | set(np_words) & _ADDITIVE == {"another"}:
        # "left three people dead and another injured": another than the dead just named, not
        # one more on top of the injured ("one was shot dead and another died": one more dead)
        return False
    # "killing 5 ..., in addition to killing a man": more, after the sentence's first figures
    # ("In addition to twelve deaths, ..." opening a sentence restates what is known)
    in_addition = ("in", "addition") in zip(words, words[1:]) or not first_in_sentence and \
        tuple(t.low for t in toks[max(0, raw.first - 3):raw.first]) == ("in", "addition", "to")
    if adds or any(w in _ADDITIVE for w in np_words) or in_addition:
        return True
    if _others_shot_after_dead(toks, raw, before):
        return True
    if _is_definite_rest(toks, lo, raw.last) or _is_definite_rest(toks, *raw.np):
        # "one shot the other": the second of a pair is someone already told of; "the other
        # three" may still complete a group of which only the dead were counted
        return False if raw.value == 1 else "rest"
    return first_in_sentence and raw.list_id != -1 and any(w in ("other", "others") for w in words)


def _others_shot_after_dead(toks, raw: _Raw, before) -> bool:
    """ "One man was killed and two others were shot": people shot told as others than the dead
    just named are shot on top of them, as "two others were also shot" is; not "the other two",
    the rest of a group already counted."""
    if raw.category != HIT or "killed" not in before or HIT in before:
        return False
    np_words = [t.low for t in toks[raw.np[0]:raw.np[1]]]
    return any(w in ("other", "others") for w in np_words) and not _is_definite_rest(toks, *raw.np) \
        and not (raw.first > 0 and toks[raw.first - 1].low == "the")


def _also_of_identity(toks, k: int, raw: _Raw) -> bool:
    """ "Smith, who is also the boy's father, remains hospitalized": an "also" inside a relative
    clause set off by commas says who the person is, not that more people were hurt; the
    additive "also" goes with the casualty verb ("who was also shot")."""
    if toks[k].low != "also":
        return False
    j = k - 1
    while j >= raw.first and toks[j].text != ",":
        if toks[j].low in ("who", "whose", "which"):
            # the clause closes with a comma before the figure's own casualty words
            return any(t.text == "," for t in toks[k + 1:raw.last])
        j -= 1
    return False


def _is_definite_rest(toks, a: int, b: int) -> bool:
    """ "the other three victims", "the others", "the remaining two": a definite "other" is the
    rest of a group the report has already counted ("one of the four people shot ... the other
    three"), not more people."""
    for j in range(max(a, 1), b):
        w = toks[j].low
        if w in ("other", "others", "remaining", "rest"):
            lex = load_lexicon()
            if toks[j - 1].low == "the" or (j >= 2 and toks[j - 2].low == "the" and
                                            number_at(toks, j - 1, lex, lex.vague_floors("design")) is not None):
                return True
    return False


_INCLUDES_ATTACKER_RE = re.compile(
    r"including (?:the (?:suicide )?(?:bomber|attacker|driver|gunman)s?|himself|herself|themselves)", re.IGNORECASE)


def _additive_totals(text: str, claims: List[Claim], additive: List, hits: List[bool]):
    """Chain additive figures onto the running total of their category: "Gunmen killed X. X's
    brother was also killed." gives 1, 1 and their sum 2 (the parts flagged part_of_list).
    An attacker's own death ("blew himself up") is added to the victims' figure wherever it
    stands, unless the text says that figure includes the attacker."""
    out = list(claims)
    out_hits = list(hits)
    running = {}
    deferred = []
    order = [i for i, a in enumerate(additive) if a != "self_death"]
    in_list = _attacker_in_a_list(claims, additive)
    # (without an attacker's own death both branches do nothing: the scan is skipped)
    if "self_death" in additive and not _INCLUDES_ATTACKER_RE.search(text) and not in_list:
        deferred = [i for i, a in enumerate(additive) if a == "self_death"]
    else:  # "... killed 13, including the gunman": the attacker is in the figures already
        for i, a in enumerate(additive):
            if a == "self_death":
                out[i] = _evolve(out[i], part_of_list=True)
    for idx in deferred[1:]:
        out[idx] = _evolve(out[idx], part_of_list=True)  # one attacker, told twice
    for idx in order + deferred[:1]:
        c, add = claims[idx], bool(additive[idx])
        if not c.counts:
            continue
        key = (c.category, hits[idx])
        prev = running.get(key)
        if additive[idx] == "self_death" and (prev is None or out[prev].value is not None):
            prev = _victims_figure(out, out_hits, additive, idx)
        on_dead = False
        if additive[idx] == "rest" and not (prev is None and hits[idx]):
            add = False  # "the other three" are the rest of a group already counted
        if add and prev is None and hits[idx] and ("killed", False) in running:
            # "Chapman was fatally shot ... Three other men were also hit by gunfire": more people
            # hit on top of the dead, so the shot figure is the dead plus these
            prev, on_dead = running[("killed", False)], True
        if not add or prev is None:
            running[key] = idx
            continue
        if out[prev].value is not None and additive[idx] not in ("self_death", "later_death") and \
                (out[prev].value == c.value and c.value > 1 and _others_may_be_of_dead(out, running, c) or
                 (c.value == 1 and out[prev].value > 1 and not out[prev].basis and not on_dead
                  and not _other_kind(c, out[prev])) or
                 _completes_shot_figure(out, running, idx, prev, hits[idx] and not on_dead)):
            # "3 dead, 7 hurt ... Seven others were injured": the same figure again, not more;
            # "three others were injured ... another is hospitalized": one of the three, most often
            out[idx] = _evolve(c, basis=(c.basis + "; " if c.basis else "") +
                                    f"restates {out[prev].quote!r} (at {out[prev].start}), not added")
            continue
        a = out[prev]
        if not on_dead:
            out[prev] = _evolve(a, part_of_list=True)
        out[idx] = _evolve(c, part_of_list=True)
        high = None if a.high is None or c.high is None else a.high + c.high
        quals = {a.qualifier, c.qualifier}
        qual = "exact" if quals == {"exact"} else ("at_least" if high is None else "between")
        value = a.value + c.value if a.value is not None and c.value is not None else None
        start, end = min(a.start, c.start), max(a.end, c.end)
        what = ("the attacker's own death" if additive[idx] == "self_death" else
                "the later death" if additive[idx] == "later_death" else
                "the additional shot" if on_dead else "the additional")
        out.append(Claim(
            category=c.category, low=a.low + c.low, high=high, value=value, qualifier=qual,
            start=start, end=end, quote=text[start:end], stated=(value,) if value is not None else (),
            victims=None, victim_group=a.victim_group if a.victim_group == c.victim_group else "unknown",
            cited_source=c.cited_source or a.cited_source, basis=f"sum of {a.low if a.value is None else a.value}"
            f"{' killed' if on_dead else ''} and {what} {c.value if c.value is not None else c.low}",
        ))
        out_hits.append(hits[idx])
        running[key] = len(out) - 1
    if deferred:
        out = _victims_without_attacker(out, [claims[i] for i in deferred])
    elif in_list:
        out = _victims_without_attacker(out, in_list)
    if len(out) > len(claims):
        order = sorted(range(len(out)), key=lambda i: (out[i].start, out[i].end))
        out, out_hits = [out[i] for i in order], [out_hits[i] for i in order]
    return out, out_hits


def _attacker_in_a_list(claims: List[Claim], additive: List) -> List[Claim]:
    """ "blew himself up, killing himself and fifteen others" (16), "killed themselves and ten
    others": a list that names the attacker's own death holds it already, so it is not added
    again to the victims' figure.  Returns the attacker's deaths that such lists hold."""
    selves = [c for c, a in zip(claims, additive) if a == "self_death" and c.category == "killed"]
    sums = [c for c, a in zip(claims, additive) if a != "self_death" and c.category == "killed" and c.counts
            and c.basis.startswith("sum of")]
    return [x for x in selves if any(c.start <= x.start and x.end <= c.end and c.end - c.start > x.end - x.start
                                     for c in sums)]


def _head_noun(victims: Optional[str]) -> str:
    """The singular head noun of a victims phrase ("two Iraqi women" -> "woman"), or ""."""
    words = re.findall(r"[^\W\d_]+", (victims or "").lower().split(" of ")[0])
    w = words[-1] if words else ""
    if w.endswith("men"):
        return w[:-3] + "man"
    return w[:-1] if _plural_noun(w) and w not in _IRREGULAR_PLURALS else w


def _other_kind(one: Claim, group: Claim) -> bool:
    """ "Gunmen killed two women. Their driver was also killed": one more person "also" harmed,
    named by a person noun other than the group's ("driver", not "woman"), is not one of that
    group but one more.  Generic nouns ("people", "victims", "others") tell no kind."""
    lex = load_lexicon()
    a, b = _head_noun(one.victims), _head_noun(group.victims)
    generic = _GENERIC_PEOPLE | {"person", "victim", "individual", "other", "one"}
    return a != b and a in lex.victims and b in lex.victims and a not in generic and b not in generic \
        and b + "s" not in generic


def _others_may_be_of_dead(claims: List[Claim], running: dict, c: Claim) -> bool:
    """ "3 dead, 7 hurt ... Seven others were injured": the others are others than the dead, and
    the same figure again is a repeat.  With no death and nobody shot told before them, "two men
    were wounded ... two others were wounded" can only be two more."""
    if c.category == "killed" or ("injured", True) in running:
        return True  # "a man was shot in the head ... seven others were injured": others than he
    dead = running.get(("killed", False))
    return dead is not None and (claims[dead].value is None or claims[dead].value > 0)


def _completes_shot_figure(claims: List[Claim], running: dict, at: int, prev: int, hit: bool) -> bool:
    """ "Four shot ... Smith died ... Three other men were also shot": the additional shot figure
    and the dead make the shot figure already given, so the others are the rest of the four."""
    dead = running.get(("killed", False))
    if not hit or dead is None or claims[dead].value is None or claims[at].value is None:
        return False
    return claims[prev].value == claims[dead].value + claims[at].value


def _victims_without_attacker(claims: List[Claim], selves: List[Claim]) -> List[Claim]:
    """ "killed his two sons before killing himself" gives 3; the report's other "two sons"
    ("Roary fatally shot his 2 sons") are the same victims told without the attacker, so they
    are parts of that total, not rival totals that outvote it."""
    totals = {c.value for c in claims if c.category == "killed" and c.counts and c.value
              and any(c.start <= x.start and x.end <= c.end and c.end - c.start > x.end - x.start for x in selves)}
    if not totals:
        return claims
    out = []
    for c in claims:
        if c.category == "killed" and c.counts and c.value and c.value + 1 in totals and not c.basis.startswith("implicit"):
            c = _evolve(c, part_of_list=True, basis=(c.basis + "; " if c.basis else "") +
                             f"the victims of the total {c.value + 1}, without the attacker's own death")
        out.append(c)
    return out


def _victims_figure(claims: List[Claim], hits: List[bool], additive: List, at: int) -> Optional[int]:
    """The figure an attacker's own death (claim ``at``) is added to: the victims' figure that,
    with the attacker, makes another figure the report states ("killed four of his family
    members ... five people died"), else the victims' largest figure."""
    c = claims[at]
    victims = [i for i, v in enumerate(claims) if i != at and (i >= len(additive) or additive[i] != "self_death")
               and v.category == c.category and v.value is not None and not hits[i] and v.counts]
    stated = {claims[i].value for i in victims}
    pick = [i for i in victims if claims[i].value + 1 in stated] or victims
    return max(pick, key=lambda i: (claims[i].value, -i)) if pick else None


def _fold_singletons(claims: List[Claim], hits: List[bool]):
    """One person told of by name or pronoun ("Aaron Cross was killed", "he died") in a report
    that states a larger figure of the same category ("four men were shot to death") is one of
    those four, not a rival total: the singleton is kept, flagged ``part_of_list``, and says so."""
    totals = {}
    for c, h in zip(claims, hits):
        if c.counts and c.value is not None and c.value > 1 and not c.basis.startswith("implicit"):
            key = (c.category, h)
            if key not in totals or c.value > totals[key].value:
                totals[key] = c
    if not totals:
        return claims, hits
    out = []
    for c, h in zip(claims, hits):
        t = totals.get((c.category, h))
        if t is not None and c.counts and c.value == 1 and c.basis.startswith("implicit"):
            c = _evolve(c, part_of_list=True, basis=f"{c.basis}; one of the {t.value} in {t.quote!r} (at {t.start})")
        out.append(c)
    return out, hits
#: Charges and legal terms that hold a death word but tell of no death: "charged with attempted
#: murder", "assault with a deadly weapon", "deadly force".
_NO_DEATH_RE = re.compile(r"\battempted (?:(?:first|second|third)[- ]degree )?(?:murder|homicide)\b|"
                          r"\bdeadly (?:weapons?|force|conduct)\b", re.IGNORECASE)


#: Every match of ``_DEATH_WORDS_RE`` holds one of these, every match of ``_NO_DEATH_RE`` one
#: of ``_CHARGE_STEMS``: the pre-tests of :func:`_death_told`.
_DEATH_STEMS = ("fatal", "dead", "die", "death", "kill", "murder", "homicide", "manslaughter", "slain", "slaying",
                "assassinat")
_CHARGE_STEMS = ("attempted", "deadly")


def _death_told(text: str) -> bool:
    """The text speaks of somebody dying: a death word outside a charge such as "attempted
    murder" or "assault with a deadly weapon", which are brought for people who lived.

    :func:`_death_told_reference` without its scans where a pre-test shows they find nothing: no
    death word, or no charge to blank out (blanking a charge never makes a death word)."""
    low = text.lower()
    if not may_hold(text, low, _DEATH_STEMS):
        return False
    if not may_hold(text, low, _CHARGE_STEMS):
        return _DEATH_WORDS_RE.search(text) is not None
    return _death_told_reference(text)


def _death_told_reference(text: str) -> bool:
    """:func:`_death_told` in full: the death words searched once the charges are blanked out."""
    return _DEATH_WORDS_RE.search(_NO_DEATH_RE.sub(" ", text)) is not None


#: A report this long that speaks of nobody dying has told the outcome: those shot lived.
FULL_STORY_CHARS = 600
_SURVIVAL_RE = re.compile(r"\b(?:hospital\w*|stable|critical|condition|treated|treatment|injur\w*|wound\w*|"
                          r"surviv\w*|recover\w*|life-threatening|expected to live|released from|grazed|"
                          r"in the (?:left |right |upper |lower )?(?:hand|arm|leg|foot|thigh|knee|ankle|shoulder|hip|"
                          r"buttocks?|elbow|wrist|finger|toe|calf|forearm|shin|stomach|abdomen|groin|torso)s?\b|"
                          r"in the (?:lower |upper )?(?:back|side)\b(?! (?:yard|seat|door|porch|room|of)\b))", re.IGNORECASE)


#: ``_SURVIVAL_RE`` for lower-cased text: case folding inside the engine costs it about 60 %.
_SURVIVAL_LOW_RE = re.compile(_SURVIVAL_RE.pattern)


def _survival_told(text: str) -> bool:
    """Whether ``_SURVIVAL_RE`` finds a survivor's word in ``text``: searched in the lower-cased
    text without case folding where that finds the same (as for the responsibility scan, lower-
    casing keeps the length and no character folds to an ASCII letter only inside the engine)."""
    low = text.lower()
    if len(low) != len(text) or (not text.isascii() and any(c in text for c in FOLDS_TO_ASCII)):
        return _SURVIVAL_RE.search(text) is not None
    return _SURVIVAL_LOW_RE.search(low) is not None


#: The basis of an injured figure read from "N shot" in a report that tells of no death; other
#: reports of the incident may tell that those shot died (:mod:`casualties.reconcile`).
NO_DEATH_REPORTED = "shot, no death reported"


def _resolve_hits(text: str, claims: List[Claim], hits: List[bool], in_title: int = 0) -> List[Optional[Claim]]:
    """Turn a report's "shot" figures into injured ones (docs/concepts.md, "Shot").

    "Four people were shot, one fatally" says 4 hit and 1 dead, so 3 injured; "a man was shot in
    the leg" with no death in the report is 1 injured.  When the report states an injured figure
    of its own ("two were wounded"), that figure stands and the shot figures are dropped; when the
    deaths account for everyone shot ("a man was shot and killed"), nobody is injured.  The one
    derived claim keeps the span of the largest shot figure and says how it was derived.

    A headline that says several were shot ("Five Shot During Party") and a report that speaks
    of no death anywhere tell the outcome too: a headline leads with the dead.  The first
    ``in_title`` claims are the headline's.

    Returns a list as long as ``claims``: the derived claim in the place of the shot figure it
    comes from, ``None`` in the place of every other shot figure."""
    if not any(hits):
        return list(claims)
    plain = [c for c, h in zip(claims, hits) if not h]
    dropped = [None if h else c for c, h in zip(claims, hits)]
    shot = [i for i, (c, h) in enumerate(zip(claims, hits)) if h and c.counts and c.value is not None]
    if not shot or any(c.category == "injured" and c.counts for c in plain):
        return dropped
    at = max(shot, key=lambda i: (claims[i].low, -i))
    top = claims[at]
    killed = [c for c in plain if c.category == "killed" and c.counts]
    dead = max((c.low for c in killed), default=0)
    n = top.low - dead
    if n <= 0:
        return dropped
    high = None if top.high is None else top.high - dead
    if high is not None and high < n:
        return dropped
    death_told = _death_told(text)
    headline = any(i < in_title and claims[i].low >= 2 for i in shot)
    # a stabbing not told fatal is a wound: "stabbed to death" says a death, "was stabbed" alone does not
    stabbed = "stab" in top.quote.lower()
    survival = _survival_told(text)
    told = survival or (not death_told and (len(text) >= FULL_STORY_CHARS or headline or stabbed))
    if not killed and (not told or top.low == 1 and death_told):
        # "A policeman was shot in Baghdad": the outcome is not told, so neither figure is;
        # "the fatal shooting of Braxton ... Bourda was shot": the one shot is the one who died
        return dropped
    basis = (f"{top.low} shot minus {dead} killed" if killed else f"{top.low} {NO_DEATH_REPORTED}")
    if stabbed and not killed and not survival:
        basis += " (stabbed, not told fatal)"
    if top.basis:
        basis = f"{basis} ({top.basis})"
    dropped[at] = _evolve(top, low=n, high=high, value=n if top.value is not None else None,
                               stated=(n,) if top.stated else (), basis=basis)
    return dropped


#: A survivor's state: "in stable condition", "with non-life-threatening injuries", "treated and
#: released", "expected to survive".  Not "critical condition": people in it often die later.
_SURVIVOR_STATE_RE = re.compile(
    r"\bin (?:(?:very|extremely) )?(?:\w+(?: (?:but|and|to) |-to-))?(?:stable|serious|fair|good|satisfactory)"
    r" condition\b|\bnon[- ]?life[- ]threatening\b|\bnot (?:considered )?life[- ]threatening\b|"
    r"\btreated and released\b|\bexpected to (?:survive|recover|live)\b", re.IGNORECASE)
_SINGULAR_VERB_RE = re.compile(r"\b(?:is|was|remains|remained|has been)\b|\b(?:he|she)['’]s\b", re.IGNORECASE)
_PLURAL_VERB_RE = re.compile(r"\b(?:are|were|remain|have been|both|all|each|two|three|four)\b", re.IGNORECASE)


def _lone_survivor(text: str) -> Optional[Claim]:
    """A report that gives no killed or injured figure and speaks of no death, but tells of one
    person in a survivor's state ("the boy was listed in stable condition", "she was taken to
    the hospital with non-life-threatening injuries"): that one person was injured.  The state
    must stand in a sentence with a singular verb and no plural one, so that "two were in
    critical condition" (a part of a larger group) is not read as one."""
    if _death_told(text):
        return None
    for m in _SURVIVOR_STATE_RE.finditer(text):
        s, e = sentence_bounds(text, m.start(), m.end())
        sentence = text[s:e]
        if _SINGULAR_VERB_RE.search(sentence) and not _PLURAL_VERB_RE.search(sentence):
            return Claim(category="injured", low=1, high=1, value=1, qualifier="exact",
                         start=m.start(), end=m.end(), quote=text[m.start():m.end()], stated=(1,),
                         victims=None, victim_group="unknown", cited_source=None, perpetrator_claim=False,
                         background=False, subset=False, part_of_list=False,
                         basis=f"implicit: one person {m.group(0)!r}, no figure and no death in the report")
    return None


_GROUP_SURVIVORS_RE = re.compile(
    r"\b(?:(?P<both>both)(?: of)?(?: the)?|(?:all(?: of)?(?: the)?|the) (?P<n>\d+|[a-z]+)"
    r"(?: of the)?) (?:(?:shooting |gunshot |injured |wounded )?(?:victims|people|men|women|males|females|teens|teenagers|"
    r"boys|girls|children|others|friends|persons|adults|juveniles)\b)", re.IGNORECASE)
#: The same pattern for lower-cased text: case folding inside the engine costs it about 40 %.
_GROUP_SURVIVORS_LOW_RE = re.compile(_GROUP_SURVIVORS_RE.pattern)
_SURVIVED_RE = re.compile(r"\bsurvived\b|\bexpected to (?:survive|recover|live|be ok(?:ay)?)\b|"
                          r"\bnone of (?:the|their) (?:injuries|wounds) (?:were|are|was|is) (?:considered |believed to be )?"
                          r"life[- ]threatening\b", re.IGNORECASE)


def _group_survivors(text: str, low: Optional[str] = None) -> List[Claim]:
    """ "All four victims are in stable condition", "the three other teens survived": a whole
    group named with its figure ("all N", "both", "the (other) N victims") and told to be alive
    in the same sentence, which tells of no death, was injured -- N people.

    :func:`_group_survivors_reference` without its scan when no survivor's state can be found
    (``low``, when given, is ``text.lower()``)."""
    low = text.lower() if low is None else low  # offsets index text too, unless lower-casing changed its length
    if not may_hold(text, low, _STATE_WORDS):
        return []
    if len(low) != len(text):
        return _group_survivors_reference(text, low)
    return _survivor_claims(text, _group_matches(low))


#: ``_GROUP_SURVIVORS_LOW_RE`` without its leading ``\b`` and opening with one character class
#: (the first letter of "both", "all", "the"), each alternative looking back at it: the regex
#: engine skips to those letters instead of trying the pattern everywhere.  The same matches
#: where a word boundary stands before them (:func:`_group_matches`; a test holds them against
#: each other); group ``both`` holds "oth".
_GROUP_SURVIVORS_FAST_RE = re.compile(
    r"[abt](?:(?<=b)(?P<both>oth)(?: of)?(?: the)?|(?:(?<=a)ll(?: of)?(?: the)?|(?<=t)he) (?P<n>\d+|[a-z]+)"
    + _GROUP_SURVIVORS_RE.pattern[_GROUP_SURVIVORS_RE.pattern.index("(?: of the)?) "):])
_WORD_CHAR = re.compile(r"\w")


def _group_matches(low: str):
    """The matches of ``_GROUP_SURVIVORS_LOW_RE`` in ``low``, found with the faster
    ``_GROUP_SURVIVORS_FAST_RE``: a candidate after a word character (no boundary) is dropped and
    the search goes on from the next character, as the leading ``\b`` would have it."""
    search, pos = _GROUP_SURVIVORS_FAST_RE.search, 0
    while True:
        m = search(low, pos)
        if m is None:
            return
        if m.start() > 0 and _WORD_CHAR.match(low, m.start() - 1):
            pos = m.start() + 1
            continue
        yield m
        pos = m.end()


#: Every match of ``_SURVIVOR_STATE_RE`` and of ``_SURVIVED_RE`` holds one of these.
_STATE_WORDS = ("condition", "threatening", "treated and released", "expected to ", "survived")


def _group_survivors_reference(text: str, low: str) -> List[Claim]:
    """:func:`_group_survivors` in full (``low`` is ``text.lower()``)."""
    matches = _GROUP_SURVIVORS_LOW_RE.finditer(low) if len(low) == len(text) else _GROUP_SURVIVORS_RE.finditer(text)
    return _survivor_claims(text, matches)


def _survivor_claims(text: str, matches) -> List[Claim]:
    """The claims of :func:`_group_survivors` from the ``matches`` of its group pattern."""
    lex = load_lexicon()
    out = []
    for m in matches:
        word = "two" if m.group("both") else m.group("n").lower()
        n = int(word) if word.isdigit() else lex.units.get(word)
        if not n or n < 2 or n > 50:
            continue
        s, e = sentence_bounds(text, m.start(), m.end())
        rest = text[m.end():e]
        state = _SURVIVOR_STATE_RE.search(rest) or _SURVIVED_RE.search(rest)
        if _death_told(text[s:e]) or state is None:
            continue
        if any(w.isdigit() or w in lex.units for w in re.findall(r"\w+", rest[:state.start()].lower())):
            continue  # "all four were taken to hospital, where two were in stable condition": a part
        out.append(Claim(category="injured", low=n, high=n, value=n, qualifier="exact",
                         start=m.start(), end=m.end(), quote=text[m.start():m.end()], stated=(n,),
                         victims=None, victim_group="unknown", cited_source=None, perpetrator_claim=False,
                         background=False, subset=False, part_of_list=False,
                         basis=f"the whole group {text[m.start():m.end()]!r} told alive"))
    return out


def _with_group_survivors(text: str, claims: List[Claim], hits: List[bool], low: Optional[str] = None):
    """The claims with :func:`_group_survivors` added where no claim already covers their span."""
    extra = [c for c in _group_survivors(text, low)
             if not any(x.start <= c.start < x.end or c.start <= x.start < c.end for x in claims)
             # "Five were shot ... both teens were in good condition": the pair is a part
             and not any(x.category == "injured" and x.counts and x.low > c.low for x in claims)]
    if not extra:
        return claims, hits
    both = sorted(zip(claims + extra, hits + [False] * len(extra)), key=lambda ch: (ch[0].start, ch[0].end))
    return [c for c, _ in both], [h for _, h in both]


def _has_casualty_figure(claims: List[Claim]) -> bool:
    return any(c.category in ("killed", "injured") and c.counts for c in claims)
