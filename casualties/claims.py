"""Casualty claims in a text: :func:`extract_claims`.

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
"""
from __future__ import annotations

import datetime as _dt
import bisect
import functools
import re
from typing import List, Optional, Sequence, Tuple

import attrs

from ._util import trie_pattern
from .errors import InputTypeError
from .lexicon import HIT, Lexicon, load_lexicon
from .model import Claim
from .numbers import Qualified, interval, number_at, qualified_at
from .text import Token, sentence_bounds, tokenize

__all__ = ["extract_claims"]

# --------------------------------------------------------------------------- word classes

_AUX = frozenset(
    "were was have has had been being are is be got reportedly also all later allegedly "
    "subsequently seriously critically slightly fatally badly mortally severely lightly gravely "
    "confirmed reported now both believed feared said thought initially still then officially "
    "apparently either eventually found discovered later pronounced remain remained remains went gone listed left still feared presumed as "
    "accidentally unintentionally repeatedly intentionally deliberately tragically ultimately since".split()
)
_BE_HAVE = frozenset("were was have has had been being are is be got found remain remained remains went gone listed "
                     "left pronounced feared presumed".split())
_SINGULAR_AUX = frozenset({"was", "is", "has"})
_PLURAL_AUX = frozenset({"were", "are", "have"})
#: Words that end a victim noun phrase.
_NP_STOP = frozenset(
    "in on at by from with into near after before during when while as and or but to for that "
    "which who whom whose this these those there here it its they them their he him his she her "
    "we us our you i were was is are been be have has had being not no nor than so if then also "
    "said says say told according including among amid since until over under about around "
    "would could will may might should did do does per least most more less outside inside across "
    "along behind beside against toward towards through throughout within without upon onto out where "
    "up down via despite following late early last yesterday today tonight overnight earlier a an "
    "another nobody none noone every each himself herself themselves".split()
) | frozenset(_d for _d in "monday tuesday wednesday thursday friday saturday sunday".split())
#: Words of vague phrases: never part of a victim noun phrase.
_VAGUE_PARTS = frozenset("few handful dozens scores hundreds thousands tens several number couple".split())
#: Objects that are places or things: "captured two villages" is no claim about people.
_NON_PERSONS = frozenset(
    "villages village towns town cities city areas area positions position bases base posts post "
    "checkpoints checkpoint vehicles vehicle tanks tank buildings building hills hill districts "
    "district neighborhoods neighbourhoods neighborhood outposts outpost airports airport weapons "
    "rifles guns ships boats aircraft planes helicopters drones hotels hotel trucks truck cars car buses "
    "bus houses house homes home shops shop stores store mosques mosque churches church schools school "
    "offices office stations station markets market shells rockets mortars bombs raid raids attack attacks "
    "bombing bombings blast blasts explosion explosions strike strikes airstrike airstrikes assault assaults "
    "ambush ambushes operation operations clash clashes incident incidents shooting shootings bomb device "
    "devices mine mines grenade grenades missile rocket".split()
)
#: Animals are no casualties: "hunters killed 90,000 deer", "police shot a dog".
_ANIMALS = frozenset(
    "deer dog dogs puppy cat cats horse horses cow cows cattle bull bulls sheep goat goats pig pigs "
    "animal animals bird birds livestock bear bears wolf wolves elk moose coyote coyotes".split()
)
_NON_PERSONS |= _ANIMALS
#: After a number, these make it a measure, not a count of people.
_UNIT_WORDS = frozenset(
    "year years yr yrs month months week weeks day days hour hours minute minutes second seconds "
    "km kms kilometer kilometers kilometre kilometres mile miles meter meters metre metres foot feet "
    "yard yards percent per cent pct % dollars dollar usd euros euro pounds $ am pm a.m p.m "
    "o'clock gmt times tons tonnes kg kilograms pound lb lbs mm caliber calibre rounds shots bullets "
    "vehicles cars buildings houses homes shells rockets mortars missiles bombs grenades kilogram kilo kilos "
    "gram grams ton tonne ounce ounces litre liter litres liters gallon gallons inch inches mph".split()
) | _ANIMALS
_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
#: Month names in full, but "may", which is far more often the modal verb.
_FULL_MONTHS = frozenset(m for m in _MONTHS if m != "may")
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_PRONOUN_ONE = {"himself": "armed group", "herself": "unknown", "him": "unknown", "her": "unknown"}
_REPORT_VERBS = frozenset(
    "said says say told reported reports report announced stated confirmed added quoted cited "
    "claimed claims estimated tweeted put puts putting gave stated states".split()
)
_SOURCE_HEADS = frozenset(
    "police officials official spokesman spokeswoman spokesperson ministry ministers minister "
    "witnesses witness sources source residents tv television media agency observatory monitor "
    "hospital doctors doctor medics army military government authorities authority governor "
    "mayor officer commander group statement activists activist coroner sheriff department "
    "reuters ap afp sana sohr xinhua network channel news newspaper radio mission team council commission "
    "committee organization organisation service center centre monitors groups".split()
)
#: Lower-case words that may sit inside a cited body's name ("the state-run news agency").
_SOURCE_WORDS = frozenset(
    "the of for 's ’s - and state local security provincial health interior defense defence military "
    "hospital medical government rights human monitoring news war opposition rescue civil emergency based "
    "run one two several other senior top district regional federal media press public national "
    "central affairs foreign relief aid humanitarian".split()
)
_PERPETRATOR_SUBJECTS = frozenset(
    "is isis isil daesh taliban qaeda al-qaeda hamas hezbollah hizballah militants insurgents "
    "rebels group jihadists pkk shabab shabaab boko haram gunmen militia militias farc eta".split()
)
#: Cues that introduce another event: a figure after them is about that event, one before them
#: is the main one ("killed in retaliation for the deaths of eight" - the eight are background).
_LEADING_BACKGROUND = (("retaliation", "for"), ("revenge", "for"), ("avenge",), ("in", "response", "to"),
                       ("sparked", "by"), ("triggered", "by"), ("prompted", "by"))
_STRONG_BACKGROUND = (
    ("earthquake",), ("quake",), ("civil", "war"), ("since", "the", "start"),
    ("since", "the", "beginning"), ("since", "the", "outbreak"), ("since", "the", "war"),
    ("so", "far", "this"), ("this", "year"), ("over", "the", "past"), ("in", "the", "past"), ("in", "recent"),
    ("anniversary",), ("tsunami",), ("floods",), ("famine",), ("epidemic",), ("pandemic",),
    ("for", "years"), ("over", "the", "years"), ("for", "decades"), ("the", "war"), ("nationwide",), ("across", "the", "country"),
    ("throughout", "the", "country"), )
#: An indefinite other event: "killed in a previous shooting", "in an unrelated incident, two were
#: killed" - strong on either side of the figure, unlike a bare "earlier" or "previous".
_OTHER_EVENT = (("a", "previous"), ("a", "prior"), ("an", "unrelated"), ("an", "earlier"))
_STRONG_BACKGROUND += tuple(ph + (n,) for ph in _OTHER_EVENT
                            for n in ("shooting", "shootings", "attack", "incident", "killing", "homicide", "slaying"))
#: A tally over several incidents ("in separate shootings across the city"): every figure of
#: the sentence is about more than the report's incident.
_TALLY = (("separate", "shootings"), ("separate", "incidents"), ("separate", "attacks"), ("weekend", "shootings"),
          ("shootings", "across"), ("across", "the", "city"), ("citywide",), ("city-wide",))
#: Time distances: "came a day after five car bombs ... killing 215" (leading: the figure after
#: them is about the other event); "killed in a raid two weeks earlier" (trailing, earlier/ago).
_UNITS_OF_TIME = ("hours", "day", "days", "week", "weeks", "month", "months", "year", "years")
_LEADING_BACKGROUND += tuple((u, w) for u in _UNITS_OF_TIME for w in ("after", "before", "earlier"))
#: "The shooting comes after a man was killed ...", "It follows a shooting that left two dead": the
#: report's event set after another one
_LEADING_BACKGROUND += (("comes", "after"), ("came", "after"), ("follows", "a"), ("follows", "another"),
                        ("on", "the", "heels", "of"))
_TRAILING_BACKGROUND = tuple((u, w) for u in _UNITS_OF_TIME for w in ("earlier", "ago"))
#: "shot dead by Israel several days before-": "before" ending its clause points back in time.
_TRAILING_BEFORE = tuple((u, "before") for u in _UNITS_OF_TIME)
_WEAK_BACKGROUND = (
    ("earlier",), ("previous",), ("previously",), ("ago",), ("last", "year"), ("last", "month"),
    ("last", "week"), ("since",), ("separate",), ("separately",), ("another",), ("similar",),
    ("most", "recently"), ("in", "all"), ("former",), ("prior",), ("recent",),
)
_ZERO_WORDS = frozenset({"no", "nobody", "none", "without"})


# --------------------------------------------------------------------------- triggers

@attrs.frozen
class _Trigger:
    category: str
    kind: str  # verb, state, noun, phrase, toll, casualties
    first: int
    last: int  # exclusive
    word: str


@functools.lru_cache(maxsize=None)
def _trigger_tables():
    lex = load_lexicon()
    single, multi = {}, {}
    for cat, kinds in lex.categories.items():
        for kind in ("nouns", "states", "verbs"):  # later kinds win: verb > state > noun
            for w in kinds[kind]:
                single.setdefault(w[0], {})[cat] = kind[:-1]
        for ph in kinds["phrases"]:
            kind = "toll" if ph[-1] == "toll" else "phrase"
            if len(ph) == 1:
                single.setdefault(ph[0], {})[cat] = kind
            else:
                multi[ph] = (cat, kind)
    words = set(single) | {" ".join(p) for p in multi} | {"casualties", "casualty"} | {"hit in", "struck in"}
    # a trie-shaped pattern: the regex engine rejects most positions on the first letter, which
    # makes this scan cheaper than a bare scan for digits and number words
    scan = re.compile(rf"(?<![^\W\d_]){trie_pattern(words)}(?![^\W\d_])", re.IGNORECASE)
    multi_first = {}
    for ph in multi:
        multi_first.setdefault(ph[0], set()).add(len(ph))
    return single, multi, scan, {w: sorted(n, reverse=True) for w, n in multi_first.items()}


def _triggers_in(toks: Sequence[Token]) -> List[_Trigger]:
    single, multi, _, multi_first = _trigger_tables()
    out, i, n = [], 0, len(toks)
    while i < n:
        hit = None
        for size in multi_first.get(toks[i].low, ()):
            key = tuple(t.low for t in toks[i:i + size])
            if len(key) == size and key in multi:
                cat, kind = multi[key]
                hit = _Trigger(cat, kind, i, i + size, " ".join(key))
                break
        if hit is None:
            w = toks[i].low
            if w in ("casualties", "casualty"):
                hit = _Trigger("killed", "casualties", i, i + 1, w)
            elif w in single:
                cats = single[w]
                # one word may name two categories ("injured" is never killed); keep the first
                cat, kind = next(iter(cats.items()))
                compound = i + 2 < n and toks[i + 1].low == "-" and toks[i + 2].low in ("free", "like", "proof")
                if not compound and (cat != HIT or not _shot_is_noun(toks, i)):  # not "toll-free"
                    hit = _Trigger(cat, kind, i, i + 1, w)
            elif _hit_in_shooting(toks, i):
                hit = _Trigger(HIT, "state", i, i + 1, w)
        if hit is not None:
            out.append(hit)
            i = hit.last
        else:
            i += 1
    return out


def _hit_in_shooting(toks: Sequence[Token], i: int) -> bool:
    """ "Four people were hit in an overnight shooting", "4 struck in drive-by shooting": hit or
    struck in a shooting is shot.  Only with the shooting named right after "in" -- "struck" alone
    is as often a car or a blow."""
    if toks[i].low not in ("hit", "struck") or i == 0:
        return False
    if i + 1 >= len(toks) or toks[i + 1].low != "in":
        return False
    for j in range(i + 2, min(i + 7, len(toks))):
        if toks[j].low in ("shooting", "shootings", "gunfire", "crossfire"):
            return True
        if toks[j].low == "by" and toks[j - 1].low != "-" or not toks[j].text[:1].isalnum() and toks[j].low != "-":
            return False  # "hit in the face by gunfire": the lexicon's "by gunfire" phrases decide
    return False


_SHOT_NOUN_BEFORE = frozenset("a an the single warning gun fatal first second third final last another fired "
                              "kill parting cheap lucky good big long mug booster flu one's".split())
_SHOT_NOUN_AFTER = frozenset("was were rang rings ring fired went hit hits struck that which from of".split())


_OTHER_STATE_RE = re.compile(r"(?:(?:was|were|is|are|remains?|remained)\s+)?(?:in|at)\s+(?:the\s+|a\s+)?"
                             r"(?:hospital|critical|serious|stable|fair|good|grave|custody)\b", re.IGNORECASE)


def _in_other_state(toks: Sequence[Token], i: int) -> bool:
    """ "three others in the hospital", "two in critical condition": a list part whose own words
    say it is not in the state the list is about."""
    return i + 1 < len(toks) and _OTHER_STATE_RE.match(" ".join(t.low for t in toks[i:i + 4])) is not None


#: Words before "wounds" that make the figure a count of wounds ("23 incision wounds").
_WOUND_KINDS = frozenset("stab gunshot bullet incision knife shrapnel puncture entry exit defensive "
                         "slash cut graze".split())


#: Nouns for several people that take a singular verb ("the family was found dead").
_COLLECTIVES = frozenset("family families couple group crowd household crew team".split())
_IRREGULAR_PLURALS = frozenset("children men women people police personnel staff crew family".split())


def _plural_noun(word: str) -> bool:
    # "businessmen", "policemen", "tribeswomen": compounds of "men" and "women" are plural too
    # (not "abdomen", "specimen")
    return word in _IRREGULAR_PLURALS or (word.endswith("s") and not word.endswith("ss")) \
        or (len(word) > 5 and word.endswith("men") and word[-4] not in "oi")


_LIVES_VERBS = frozenset("cost costs costing claimed claim claims claiming took take takes taking lost lose "
                         "losing".split())


def _lives_lost(toks: Sequence[Token], trig) -> bool:
    """ "cost 44 lives", "claimed two lives", "44 lives were lost", "lives lost"."""
    before = {t.low for t in toks[max(0, trig.first - 5):trig.first]}
    after = [t.low for t in toks[trig.last:trig.last + 3]]
    return bool(before & _LIVES_VERBS) or "lost" in after


def _shot_is_noun(toks: Sequence[Token], i: int) -> bool:
    """ "a single shot rang out", "one shot was fired", "the first shot": a shot fired, not a
    person hit.  "Four shot in Long Beach", "a man was shot" are people."""
    prev = toks[i - 1].low if i > 0 else ""
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    if prev in _SHOT_NOUN_BEFORE or nxt == "down":  # "shot down a helicopter"
        return True
    return (prev.isdigit() or prev in load_lexicon().units) and nxt in _SHOT_NOUN_AFTER


def _starts_trigger(toks: Sequence[Token], i: int) -> bool:
    """A category word or phrase ("killed", "taken prisoner") begins at token ``i``."""
    single, multi, _, multi_first = _trigger_tables()
    w = toks[i].low
    if w in single:
        return True
    return any(tuple(t.low for t in toks[i:i + n]) in multi for n in multi_first.get(w, ()))


# --------------------------------------------------------------------------- helpers

def _is_number_start(toks, i, lex, floors) -> bool:
    return number_at(toks, i, lex, floors) is not None


def _np_word(tok: Token, lex: Lexicon, floors) -> bool:
    w = tok.low
    if len(tok.text) > 1 and tok.text.isupper() and tok.text.isalpha():
        return True  # an acronym: "IS members", "PKK fighters"
    if not (w[0].isalpha() or w in ("-", "'s", "’s")):
        return False
    if w in _NP_STOP or w in lex.units or w in lex.tens or w in lex.scales or w in _trigger_tables()[0]:
        return False
    if w in _VAGUE_PARTS or w in ("dozen", "both"):
        return False
    return True


def _age_at(toks, i) -> int:
    """5 when tokens ``i..i+4`` are an age compound "12-year-old", else 0."""
    if i >= 0 and i + 5 <= len(toks) and (toks[i].low[:1].isdigit() or toks[i].low in load_lexicon().units
                                          or toks[i].low in load_lexicon().tens) and toks[i + 1].low == "-" \
            and toks[i + 2].low in ("year", "month", "week", "day") and toks[i + 3].low == "-" \
            and toks[i + 4].low == "old":
        return 5
    return 0


def _np_forward(toks, i, lex, floors, limit=6):
    """A victim noun phrase starting at ``i``: returns its end (exclusive)."""
    j = i
    if j < len(toks) and toks[j].low == "of":  # "dozens of people", "18 of the 25", "two of the attackers"
        j += 1
        if j < len(toks) and toks[j].low in ("them", "whom", "those"):
            return j + 1
        if j < len(toks) and toks[j].low in ("the", "their", "his", "its"):
            if j + 1 < len(toks) and (toks[j + 1].low[:1].isdigit() or toks[j + 1].low in lex.units or toks[j + 1].low in lex.tens):
                return j + 1  # "18 of the 25": the 25 is a figure of its own
            j += 1
    while j < len(toks) and j - i < limit:
        age = _age_at(toks, j)
        if age:
            j += age
            continue
        if _np_word(toks[j], lex, floors):
            j += 1
        elif j > i and _abbreviation_dot(toks, j):
            j += 1  # "four U.N. peacekeepers"
        elif toks[j].low == "of" and j + 1 < len(toks) and toks[j + 1].low == "the" and j > i:
            j += 2  # "members of the security forces"
        elif toks[j].low == "and" and j > i and j + 1 < len(toks) and _np_word(toks[j + 1], lex, floors) \
                and not _is_number_start(toks, j + 1, lex, floors):
            j += 1
        else:
            break
    while j > i and toks[j - 1].low in ("and", "-", "of", "the"):
        j -= 1
    return j


def _np_backward(toks, end, lex, floors, limit=6):
    """Start of a victim noun phrase ending just before ``end``."""
    j = end
    while j > 0 and end - j < limit:
        t = toks[j - 1]
        if _age_at(toks, j - 5) == 5:
            j -= 5
        elif _np_word(t, lex, floors) or (j - 1 > 0 and _abbreviation_dot(toks, j - 1)):
            j -= 1
        elif t.low in ("the", "their", "his", "her", "its", "our", "those", "these") and j >= 2 and toks[j - 2].low == "of" and end - j >= 1:
            j -= 2  # "members of the security forces", "5 of their comrades"
        else:
            break
    while j < end and toks[j].low in ("of", "the", "-"):
        if toks[j].low == "of":
            break
        j += 1
    return j


_NAME_PARTICLES = frozenset("al el bin ben abu abd ibn de la van von ul".split())
_DETERMINERS = frozenset("the a an this that these those many some several most all both each every few other "
                         "another no any his her their its our my unknown unidentified".split())


def _name_end(toks, i, stop, lex) -> int:
    """End of a person's name starting at ``i`` ("Al-Bawi", "Qassim's brother", "Lt. Raed Salim"),
    or 0 when the words there are not a name."""
    j = i
    words = 0
    while j < stop:
        t = toks[j]
        if t.low in _DETERMINERS or t.low in _SOURCE_HEADS or t.low in lex.units or t.low in lex.tens:
            break
        if t.text[:1].isupper() and t.text.replace("'", "").replace("’", "").isalpha() and t.low not in lex.victims \
                and t.low not in _NP_STOP and t.low not in _MONTHS and t.low not in _DAYS \
                and t.low not in _trigger_tables()[0] and not t.text.isupper():
            j += 1
            words += 1
        elif t.low in ("-", ".") and words and j + 1 < stop and (toks[j + 1].text[:1].isupper() or toks[j + 1].low in _NAME_PARTICLES):
            j += 1
        elif t.low in _NAME_PARTICLES and j + 1 < stop and toks[j + 1].low == "-":
            j += 1
        else:
            break
    if not words:
        return 0
    if words == 1 and (i == 0 or toks[i - 1].low in (".", ";", ":", '"', "“")) and j < stop and toks[j].text[:1].islower() \
            and toks[j].low not in _BE_HAVE and toks[j].low not in _AUX:
        return 0  # "Unknown assailants ...": a capitalised first word, not a name
    # "Qassim's brother", "Magtouf's twelve-year-old son": a possessive name and a singular relative
    if j < stop and toks[j - 1].low.endswith(("'s", "’s")):
        k = j + _age_at(toks, j)
        if k < stop and toks[k].low in lex.victims and not toks[k].low.endswith("s"):
            return k + 1
    if toks[j - 1].low.endswith(("'s", "’s")):
        return 0
    return j


def _drop_spelled_out(parts: List[_Raw]) -> List[_Raw]:
    """ "two civilians, one Iraqi and one Egyptian": figures after a comma that add up to the
    figure before them spell it out; they are not more people."""
    out, i = [], 0
    while i < len(parts):
        p = parts[i]
        out.append(p)
        i += 1
        if p.value is None or i >= len(parts) or not parts[i].joined_by_comma:
            continue
        total, j = 0, i
        while j < len(parts) and parts[j].value is not None and total < p.value:
            total += parts[j].value
            j += 1
        if total == p.value and j - i >= 2:
            i = j  # skip the enumeration
    return out


def _is_partitive(toks, i, lex, floors) -> bool:
    """ "of them", "of whom", "of the 25", "of the dead": the figure is part of a larger set."""
    if i + 1 >= len(toks) or toks[i].low != "of":
        return False
    nxt = toks[i + 1].low
    if nxt in ("them", "whom", "those", "these"):
        return True
    if nxt != "the" or i + 2 >= len(toks):
        return False
    ref = toks[i + 2].low
    return number_at(toks, i + 2, lex, floors) is not None or ref in _CASUALTY_NOUNS


#: Words for a set of people who are all dead: "two of the dead", "one of those killed".
_DEAD_SETS = frozenset("dead killed slain deceased fatalities deaths bodies murdered".split())


def _set_before(toks, end: int) -> int:
    """Start of a partitive set ending just before ``end`` ("of them", "of whom", "of the
    wounded"), or ``end`` when there is none."""
    if end >= 2 and toks[end - 2].low == "of" and toks[end - 1].low in ("them", "whom", "those", "these"):
        return end - 2
    if end >= 3 and toks[end - 3].low == "of" and toks[end - 2].low == "the" and toks[end - 1].low in _CASUALTY_NOUNS:
        return end - 3
    return end


def _dead_out_of_group(toks, i: int, category: str, lex, floors) -> bool:
    """ "one of them died", "two of the victims were killed", "one of whom died": the subject of a
    death counts the dead out of a larger group (those shot, the victims), so it is the death
    toll, not a part of one.  "Two of the dead", "one of the 25 killed" are parts of a toll."""
    if category != "killed" or i + 1 >= len(toks) or toks[i].low != "of":
        return False
    ref = toks[i + 2] if toks[i + 1].low in ("the", "those", "these") and i + 2 < len(toks) else None
    if ref is not None and (ref.low in _DEAD_SETS or number_at(toks, i + 2, lex, floors) is not None):
        return False
    return True


#: Participles telling how a group was harmed: "one of five people shot outside a bar has died".
_HARMED_PARTICIPLES = frozenset("shot wounded injured hurt stabbed hit struck".split())


def _before_harmed_clause(toks, k: int, lex, floors):
    """ "One of five people shot outside the bar early Sunday has died": the subject of the death
    is "one of five people", followed by a participle clause saying how the five were harmed; the
    figure of the death is the "one", the five is the set.  Returns (the head figure, the "of",
    the participle) when the words before ``k`` are such a subject, else ``None``."""
    for p in range(k - 1, max(-1, k - 10), -1):
        w = toks[p].low
        if w in (",", ".", ";", ":", "and", "but", "who", "which", "that", "when", "after", '"', "“", "”"):
            return None
        if w not in _HARMED_PARTICIPLES:
            continue
        # a number, then optional person nouns, ending just before the participle, after "of (the)"
        j = p
        while j > 0 and p - j < 3 and toks[j - 1].low in lex.victims:
            j -= 1
        q = _number_ending_at(toks, j, lex, floors) if j > 0 else None
        if q is None:
            return None
        of_at = q.first - 1
        if of_at >= 0 and toks[of_at].low == "the":
            of_at -= 1
        head = _number_ending_at(toks, of_at, lex, floors) if of_at >= 1 and toks[of_at].low == "of" else None
        return (head, of_at, p) if head is not None else None
    return None


def _victim_group(toks, a, b, lex) -> str:
    for t in toks[a:b]:
        if t.text == "IS":  # the Islamic State, not the verb
            return "armed group"
        g = lex.victims.get(t.low)
        if g is not None:
            return g
    return "unknown"


def _has_victim_noun(toks, a, b, lex) -> bool:
    return any(t.low in lex.victims for t in toks[a:b])


def _age_after_person(toks, i: int, lex) -> bool:
    """Token ``i`` is an age set off after one person and before a singular verb: "a girl, 9 was
    killed" (but "the army, 2 died" gives a toll)."""
    return i >= 2 and i + 1 < len(toks) and toks[i].low.isdigit() and toks[i - 1].low == "," \
        and toks[i - 2].low in lex.victims and not _plural_noun(toks[i - 2].low) and toks[i + 1].low in _SINGULAR_AUX


def _clause_after_claim(toks, s0: int, k: int) -> int:
    """Where the subject ending at ``k`` starts when a claim's clause comes before it: "Two men
    were killed, and Tony Vance and Carl Fry were wounded" - after the last ", and" that follows
    a category word ("Two policemen, three insurgents, and a civilian" has none)."""
    for x in range(k - 1, s0, -1):
        if _starts_trigger(toks, x):
            break
        if toks[x].low == "and" and toks[x - 1].low == "," and any(_starts_trigger(toks, y) for y in range(s0, x)):
            return x + 1
    return s0


def _age_aside(toks, j: int, stop: int) -> int:
    """2 when tokens ``j, j+1`` are an age set off after a name (", 33" in "Ronald Hill, 33, and
    Kendra Hill, 28, were killed"), else 0."""
    if 0 < j and j + 1 < stop and toks[j].low == "," and toks[j - 1].text[:1].isupper() \
            and toks[j + 1].low.isdigit() and len(toks[j + 1].low) <= 3 \
            and (j + 2 >= stop or toks[j + 2].low in (",", "and", ".", ";")):
        return 2
    return 0


def _one_person_noun(tok: Token, lex) -> bool:
    """A common noun for one person ("wife", "son", "officer"), not a name or a group."""
    return tok.low in lex.victims and tok.text[:1].islower() and not _plural_noun(tok.low) \
        and tok.low not in _COLLECTIVES


def _one_person_head(toks, i: int, trig, lex) -> bool:
    """Token ``i`` after "the", "his", "her" names one person: a singular person noun ("the
    mayor"), or any singular common noun as the subject of "assassinated", a verb said only of
    people ("The director of the society was assassinated")."""
    t = toks[i]
    if not t.text[:1].islower() or _plural_noun(t.low) or t.low in _COLLECTIVES:
        return False
    if t.low in lex.victims:
        return True
    return trig.word.startswith("assassinat") and t.text.isalpha() and t.low not in _NON_PERSONS \
        and t.low not in _NP_STOP and t.low not in _trigger_tables()[0]


def _one_person_subject(toks, k: int, lex) -> bool:
    """The word before ``k`` is a subject that is one person: "he", "she", or "who" after a
    singular person ("the boy who died", "Teen who died", "Smith, who later died"); "the
    people who died" is no figure."""
    if k < 1:
        return False
    w = toks[k - 1].low
    if w in ("he", "she"):
        return True
    if w != "who" or k < 2:
        return False
    j = k - 2
    if toks[j].low == "," and j > 0:
        j -= 1
    head = toks[j]
    if head.low in lex.victims:
        return not _plural_noun(head.low) and head.low not in _COLLECTIVES
    return head.text[:1].isupper() and head.text.isalpha() and not head.text.isupper() and head.low not in _NP_STOP


_PAIR_DETERMINERS = frozenset("a an the his her their".split())


def _one_person_np_end(toks, i: int, stop: int, lex, bare: bool) -> int:
    """End of a noun phrase at ``i`` that names one person by a common noun: "a man", "his
    11-year-old son", "the boy", "her young daughter", or a bare "mother", "son" (``bare``: no
    determiner needed); else 0.  Never a plural or a group ("the children", "his family")."""
    j = i
    if j < stop and toks[j].low in _PAIR_DETERMINERS:
        j += 1
    elif not bare:
        return 0
    j += _age_at(toks, j)
    for _ in range(3):
        if j >= stop:
            return 0
        t = toks[j]
        if t.low in lex.victims:
            if _plural_noun(t.low) or t.low in _COLLECTIVES or t.low.endswith("s"):
                return 0
            return j + 1
        if not (t.text.isalpha() and t.text.islower()) or t.low in _NP_STOP or t.low in _trigger_tables()[0]:
            return 0
        j += 1  # an adjective: "young", "elderly"
    return 0


def _person_pair_end(toks, i: int, stop: int, lex) -> Optional[Tuple[int, int]]:
    """ "A man and his son", "mother and son", "Father, daughter" (a headline), "the 7-year-old girl
    and her grandfather": two one-person noun phrases joined by "and" (or a bare comma between two
    bare nouns) are two people.  Returns where the joiner and the pair end, or None."""
    a = _one_person_np_end(toks, i, stop, lex, bare=True)
    if not a or a >= stop or toks[a].low not in ("and", ","):
        return None
    comma = toks[a].low == ","
    if comma and toks[i].low in _PAIR_DETERMINERS:
        return None  # "the man, a father of two": an apposition, the same person
    b = _one_person_np_end(toks, a + 1, stop, lex, bare=True)
    if not b or comma and toks[a + 1].low in _PAIR_DETERMINERS:
        return None
    return a, b


_EMERGENCY_CALL_WORDS = frozenset("call calls caller callers dispatcher dispatchers operator operators center "
                                  "centre tape tapes recording recordings".split())


def _is_trap(toks, q: Qualified, np_end: int, lex) -> bool:
    """A number that is a measure, a year, a time or an age rather than a count of people."""
    last = q.last
    nxt = toks[last].low if last < len(toks) else ""
    if nxt in _UNIT_WORDS:
        return True
    if nxt == "-" and last + 1 < len(toks) and toks[last + 1].low in _UNIT_WORDS:
        return True
    if nxt == "-" and last + 2 < len(toks) and toks[last + 1].low in ("and", "or", "to") \
            and _age_at(toks, last + 2):
        return True  # "his 12- and 10-year-old sons": a suspended hyphen, two ages
    if nxt in ("a", "p") and last + 2 < len(toks) and toks[last + 1].low == "." and toks[last + 2].low == "m":
        return True  # "died about 7 p.m."
    if nxt in (":", "%") or (nxt == "." and last + 1 < len(toks) and toks[last + 1].low[:1].isdigit()):
        return True
    first = q.numbers[0]
    if nxt in ("st", "nd", "rd", "th") and toks[last].start == toks[last - 1].end:
        # "5th person dies", "a 2nd body": the toll reaches five; "8th-grader", "2nd Battalion",
        # "the 3rd floor": an ordinal of something else
        after = toks[last + 1] if last + 1 < len(toks) else None
        return after is None or after.text[:1].isupper() or (
            after.low not in lex.victims and after.low not in ("death", "body", "fatality", "victim", "casualty"))
    if first.value == 911 and nxt in _EMERGENCY_CALL_WORDS:
        return True  # "a 911 call": the emergency number
    if _age_after_person(toks, q.first, lex):
        return True  # "A girl, 9 was killed": an age after the one person it is about
    if q.first > 0 and toks[q.first - 1].low in ("$", "£", "€", "no.", "#", "brigade", "division", "route",
                                                  "highway", "flight", "battalion", "regiment", "unit",
                                                  "resolution", "article", "chapter", "page", "room"):
        return True
    v = first.value
    if v is not None and len(q.numbers) == 1 and q.kind == "exact" and 1900 <= v <= 2100 \
            and toks[first.first].low.isdigit() and not _has_victim_noun(toks, q.last, np_end, lex):
        return True  # a year
    before = first.first - 1
    if before > 0 and toks[before].low == ".":
        before -= 1  # "Dec. 25"
    if before >= 0 and toks[before].low in _MONTHS and v is not None and (v <= 31 or 1900 <= v <= 2100):
        return True  # "July 27", "November 2015"
    if nxt in _MONTHS and v is not None and v <= 31:
        return True  # "27 July"
    if _in_numeric_date(toks, first.first, last):
        return True  # "on 13/01", "11/03/2023"
    return False


def _in_numeric_date(toks, a: int, b: int) -> bool:
    """Whether tokens ``[a, b)`` are glued to a slash that joins them to another digit run, as
    in a date written "13/01" or "11/03/2023"."""
    if b < len(toks) and toks[b].text == "/" and toks[b].start == toks[b - 1].end:
        return True
    return a >= 2 and toks[a - 1].text == "/" and toks[a - 1].end == toks[a].start and toks[a - 2].low[:1].isdigit()


def _has_date(toks) -> bool:
    """A date told in the sentence: a month named in full ("on 11 March") or a date in digits."""
    return any(t.low in _FULL_MONTHS or (t.text == "/" and 0 < k < len(toks) - 1 and toks[k - 1].low.isdigit()
                                         and toks[k + 1].low.isdigit()) for k, t in enumerate(toks))


_SEVERITY = frozenset("life threatening life-threatening serious critical major significant grave severe".split())


def _not_a_zero_count(toks, a: int, trig) -> bool:
    """The zero phrase from token ``a`` to the trigger tells no zero count: "no one else was
    hurt", "no other injuries" (nobody more, the figure told stands); "no life-threatening
    injuries", "none of the injuries were serious" (people were hurt, just not badly)."""
    if any(t.low in ("else", "other", "further", "additional", "more") for t in toks[a:trig.first]):
        return True
    if any(t.low in _SEVERITY for t in toks[a:trig.first]):
        return True
    j = trig.last
    if j < len(toks) and toks[j].low in ("were", "are", "was", "is", "appear", "appeared", "appears", "seemed"):
        j += 1
        while j < len(toks) and toks[j].low in ("considered", "believed", "thought", "deemed", "to", "be", "not"):
            j += 1
        return j < len(toks) and toks[j].low in _SEVERITY
    return False


#: The longest number phrase read backwards from a verb, in tokens.
_MAX_NUMBER_TOKENS = 10


def _number_ending_at(toks, end, lex, floors) -> Optional[Qualified]:
    """The qualified number phrase whose last token is ``end - 1``."""
    # the longest phrase wins: "One hundred and eighty-nine" (6 tokens), "between five and
    # thirty-eight", not their last words
    for start in range(max(0, end - _MAX_NUMBER_TOKENS), end):
        q = qualified_at(toks, start, lex, floors)
        if q is not None and q.last == end and start in (q.first, q.numbers[0].first):
            return q
    return None


@attrs.define
class _Raw:
    """A claim before its sentence context is attached."""

    category: str
    qualifier: str
    low: int
    high: Optional[int]
    value: Optional[int]
    stated: tuple
    first: int  # token span
    last: int
    np: tuple  # (a, b) token span of the victim phrase
    basis: str = ""
    subset: bool = False
    part_of_list: bool = False
    list_id: Optional[int] = None
    numbers_used: tuple = ()
    group: Optional[str] = None  # normalised victim group when the words alone do not tell
    joined_by_comma: bool = False
    comma_and: bool = False  # joined by ", and", which may open a clause of its own
    self_death: bool = False  # the attacker's own death ("blew himself up")


def _raw_from_q(cat, q: Qualified, first, last, np, policy) -> _Raw:
    qual, low, high = interval(q)
    n = q.numbers[0]
    basis = ""
    if n.vague:
        basis = f"vague '{n.word}': floor {n.vague_floor} (policy '{policy}')"
    elif n.exact_word:
        basis = f"'{n.word}' = {n.value}"
    value = n.value if len(q.numbers) == 1 else None
    return _Raw(cat, qual, low, high, value, q.stated, first, last, np, basis,
                numbers_used=tuple(x.first for x in q.numbers))


def _implicit(cat, value, first, last, np, words) -> _Raw:
    return _Raw(cat, "exact", value, value, value, (value,), first, last, np,
                basis=f"implicit: '{words}' = {value}")


_CASUALTY_NOUNS = frozenset("dead victims killed wounded injured casualties hostages missing fatalities "
                            "deceased abducted kidnapped".split())
_MODALS = frozenset("will would could may might should can cannot must shall".split())
_INTENTIONS = frozenset("intended intend intends threatened threaten threatens threatening planned plan plans planning "
                        "tried try tries trying attempted attempt attempting wanted want wants vowed vow aimed aim "
                        "sought seeking going able order ordered meant".split())


def aux_real(aux) -> bool:
    """Whether the words collected before a verb hold a real auxiliary (not only adverbs)."""
    return any(a in _BE_HAVE for a in aux)


_HARM_VERBS = frozenset("shot stabbed beaten attacked hit struck tortured gunned run".split())


_TOLL_VERBS = frozenset("rose climbed stood reached is was has had now stands jumped increased hit".split())


def _abbreviation_dot(toks, i: int) -> bool:
    """Token ``i`` is a dot inside a dotted abbreviation of single letters ("U.N.", "U.S."),
    which ends no clause: "Three soldiers with the U.N. force were killed" is one subject."""
    if toks[i].low != "." or i == 0:
        return False
    letter = toks[i - 1]
    if not (len(letter.text) == 1 and letter.text.isalpha() and letter.end == toks[i].start):
        return False
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    glued_next = nxt is not None and nxt.start == toks[i].end and len(nxt.text) == 1 and nxt.text.isalpha()
    glued_prev = i >= 2 and toks[i - 2].low == "." and toks[i - 2].end == letter.start
    if glued_next:
        return True
    if not glued_prev or letter.low == "m" and i >= 3 and toks[i - 3].low in ("a", "p"):
        return False  # "before 3 a.m. Three men were shot": a time often ends its sentence
    # the last dot: "the U.N. force", but "condemned by the U.N. Two soldiers ..." starts anew
    lex = load_lexicon()
    return nxt is None or not (nxt.low[:1].isdigit() or nxt.text[:1].isupper() and (nxt.low in lex.units or nxt.low in lex.tens))


def _in_as_well_as(toks, i: int) -> bool:
    """Whether token ``i`` is an "as" of "as well as", which joins a list ("Nine fighters as
    well as a civilian were killed"), not the "as" that opens a clause ("as they fled")."""
    if toks[i].low != "as":
        return False
    return (i + 2 < len(toks) and toks[i + 1].low == "well" and toks[i + 2].low == "as") or \
        (i >= 2 and toks[i - 1].low == "well" and toks[i - 2].low == "as")


def _skip_parenthetical(toks, k) -> int:
    """Before ``k``, step over ", aged 23 and 25," or ", including two children,"."""
    if k < 2 or toks[k - 1].low != ",":
        return k
    j = k - 2
    while j >= 0 and k - j <= 10 and (toks[j].low not in (",", ".", ";", "(", ")") or _abbreviation_dot(toks, j)):
        j -= 1  # not at the dots of "including two U.S. servicemen"
    if j < 0 or toks[j].low != "," or j == k - 2:
        return k
    inner = toks[j + 1:k - 1]
    first = inner[0].low
    if first in ("aged", "including", "among", "mostly", "most", "all", "many", "some", "both", "which") or \
            (len(inner) <= 2 and inner[0].low[:1].isdigit()) or \
            (inner[0].low in ("a", "an") and len(inner) <= 7) or first in ("who", "whose"):
        return j
    return k


# --------------------------------------------------------------------------- patterns

class _Sentence:
    def __init__(self, text, toks, lex, floors, policy):
        self.text, self.toks, self.lex, self.floors, self.policy = text, toks, lex, floors, policy
        self.used = set()  # token index of numbers already attached
        self.raws: List[_Raw] = []
        self._list_ids = 0

    def _try(self, make):
        """Run ``make`` with a way back: :meth:`_undo` restores what it added."""
        self._saved = (set(self.used), len(self.raws), self._list_ids)
        return make()

    def _undo(self):
        used, n, ids = self._saved
        self.used, self._list_ids = used, ids
        del self.raws[n:]

    # -- figure first: "44 people were killed"
    def before(self, trig: _Trigger) -> Optional[_Raw]:
        toks, lex, floors = self.toks, self.lex, self.floors
        k = trig.first
        aux = []
        while k > 0 and len(aux) < 5:
            w = toks[k - 1].low
            if w in _AUX:
                aux.append(w)
                k -= 1
            elif w in ("and", "or") and k >= 2 and toks[k - 2].low in _HARM_VERBS:
                aux.append(toks[k - 2].low)  # "were shot and killed"
                k -= 2
            elif w in _HARM_VERBS and aux == [] and k >= 2 and toks[k - 2].low in _AUX:
                aux.append(w)
                k -= 1
            else:
                break
        k = _skip_parenthetical(toks, k)
        if k >= 1 and _age_after_person(toks, k - 1, lex):
            k -= 2  # "A girl, 9 was killed": the age of the one person before it
        harmed = _before_harmed_clause(toks, k, lex, floors) if trig.category == "killed" else None
        if harmed is not None:
            head, of_at, p = harmed
            # the harm verb read "one of five people shot" as a part of the shot; it is the dead
            self.raws = [r for r in self.raws if not (r.subset and r.first == head.first and r.category != trig.category)]
            self.used.update(x.first for x in head.numbers)
            return _raw_from_q(trig.category, head, head.first, trig.last, (of_at, p), self.policy)
        np_end = k
        np_start = _np_backward(toks, np_end, lex, floors)
        set_start = _set_before(toks, np_end) if np_start == np_end else np_end
        if set_start < np_end:
            # "one of them died", "one of the wounded has died": the "one" may be read as a part of
            # the wounded too, and says here how many died
            np_start = set_start
        q = _number_ending_at(toks, np_start, lex, floors) if np_start > 0 else None
        non_person = np_end > np_start and toks[np_end - 1].low in _NON_PERSONS and \
            not _has_victim_noun(toks, np_start, np_end, lex)
        if non_person and toks[np_end - 1].low in _ANIMALS:
            return None  # "a dog was found dead"
        if q is not None and non_person:
            q = None  # "an employee of one of the hotels": the one is a hotel
        if q is not None and trig.word in ("wound", "wounds", "injury", "injuries") and \
                any(t.low in _WOUND_KINDS for t in toks[np_start:np_end]):
            return None  # "a total of 94 stab wounds": wounds counted, not people
        passive = any(a in _BE_HAVE and a not in ("has", "have", "had") for a in aux)
        if passive and not getattr(self, "_coordinated", False):
            # the head of a long or listed subject: "Al-Bawi and two other officers were killed"
            raw = self._try(lambda: self.subject(trig, k))
            if raw is not None and (q is None or (raw.list_id == -1 and q.numbers[0].first in self.used)):
                return raw  # no figure next to the verb, or a listed subject that holds it
            if raw is not None:
                self._undo()
        if q is not None and (q.numbers[0].first not in self.used or set_start < np_end) and not _is_trap(toks, q, np_end, lex):
            if q.first > 0 and toks[q.first - 1].low in ("no", "not"):  # "no one was hurt"
                if _not_a_zero_count(toks, q.first - 1, trig):
                    return None
                return _implicit(trig.category, 0, q.first - 1, trig.last, (np_start, np_end),
                                 " ".join(t.low for t in toks[q.first - 1:q.last]))
            if (aux_real(aux) or trig.word in ("died", "dies", "die", "perished") + _SUCCUMB) and q.first >= 2 \
                    and toks[q.first - 1].low in ("the", "of"):
                # "one of the two hijackers was killed": the figure is the one, the two is the set
                of_at = q.first - 2 if toks[q.first - 1].low == "the" else q.first - 1
                head = _number_ending_at(toks, of_at, lex, floors) if toks[of_at].low == "of" else None
                if head is not None and head.numbers[0].first not in self.used:
                    self.used.update(x.first for x in q.numbers)
                    return _raw_from_q(trig.category, head, head.first, trig.last, (of_at, np_end), self.policy)
            raw = _raw_from_q(trig.category, q, q.first, trig.last, (np_start, np_end), self.policy)
            raw.subset = _is_partitive(toks, np_start, self.lex, self.floors) and \
                not _dead_out_of_group(toks, np_start, trig.category, lex, floors)
            lead = [] if raw.subset else self._groups_before(trig.category, q.first, np_start, np_end)
            if lead:
                # "3 men, 1 woman wounded", "Three women and one man injured": the groups before
                # the last one are listed with it, and the figure is their sum
                raw.last = np_end
                members = lead + [raw]
                for p in members:
                    self.used.update(p.numbers_used)
                self.raws.extend(members)
                total = self._listed(members)
                total.last = trig.last
                return total
            return raw
        # implicit
        det = toks[np_start - 1].low if np_start > 0 else ""
        if np_start > 0 and det in ("nobody", "none", "no") or (np_start == np_end and k > 0 and toks[k - 1].low in ("nobody", "none")):
            first = np_start - 1 if np_start > 0 and det in _ZERO_WORDS | {"nobody"} else k - 1
            if _not_a_zero_count(toks, first, trig):
                return None
            return _implicit(trig.category, 0, first, trig.last, (np_start, np_end),
                             " ".join(t.low for t in toks[first:trig.first]) or det)
        singular = any(a in _SINGULAR_AUX for a in aux)
        plural = any(a in _PLURAL_AUX for a in aux)
        if non_person:
            return None  # "another US raid killed ...": the subject is an event, not a victim
        if trig.word in ("died", "dies", "perished") + _SUCCUMB and not aux_real(aux) and np_start < np_end:
            head = toks[np_end - 1]
            name_at = np_start + _age_at(toks, np_start)  # "25-year-old Michael Baker died"
            if head.text[:1].isupper() and name_at < np_end and _name_end(toks, name_at, np_end, lex) == np_end \
                    or head.low in lex.victims and not _plural_noun(head.low) or name_at == np_end:
                singular = True  # "Sheikh Farhan later died of his injuries", "the boy died"
        if trig.word in ("died", "dies") + _SUCCUMB and not aux_real(aux) and np_start == np_end and _one_person_subject(toks, k, lex):
            singular = True  # "where he later died", "the boy who died"
        if singular and not plural and np_start == np_end and k > 0 and toks[k - 1].low in (",", ")", "he", "she", "who"):
            if toks[k - 1].low in ("he", "she", "who"):
                return _implicit(trig.category, 1, k - 1, trig.last, (k - 1, k), toks[k - 1].low)
            return _implicit(trig.category, 1, k, trig.last, (k, k), " ".join(t.low for t in toks[k:trig.first]))
        if np_start < np_end and not plural:
            head = toks[np_end - 1]
            if any(t.low in ("result", "cause", "consequence") for t in toks[np_start:np_end]):
                return None  # "died as a result of gunshot wounds": a cause, not a person
            if det in ("a", "an", "another") and (singular or trig.kind in ("state", "verb", "phrase")):
                # "suffering from a gunshot wound": one person hit, who may have died of it
                cat = HIT if trig.word in ("wound", "injury") and not aux else trig.category
                return _implicit(cat, 1, np_start - 1, trig.last, (np_start, np_end),
                                 " ".join(t.low for t in toks[np_start - 1:np_end]))
            # "." here ends an abbreviation: "St. Louis woman killed"
            bare = np_start == 0 or toks[np_start - 1].low in (",", ":", ";", "-", "–", "—", ".")
            if bare and head.low in lex.victims and not head.low.endswith("s") and not aux_real(aux) \
                    and trig.kind in ("verb", "state", "phrase") and not _agent_of_headline_verb(toks, trig, lex, floors):
                # a headline: "Monroe County teen dies of gunshot wound", "Mother injured, child killed"
                return _implicit(trig.category, 1, np_start, trig.last, (np_start, np_end),
                                 " ".join(t.low for t in toks[np_start:np_end]))
            age_noun = np_end - np_start == 5 and _age_at(toks, np_start) == 5  # "the 3-year-old"
            if singular and head.low not in _COLLECTIVES and \
                    (head.text[:1].isupper() or (head.low in lex.victims and not head.low.endswith("s")) or age_noun):
                return _implicit(trig.category, 1, np_start, trig.last, (np_start, np_end),
                                 " ".join(t.low for t in toks[np_start:np_end]))
        if k > 0 and toks[k - 1].low == "and" and not getattr(self, "_coordinated", False):
            for w in range(k - 2, max(-1, k - 14), -1):
                if toks[w].low in (",", ";", "but"):
                    break
                if toks[w].low in ("was", "were"):
                    self._coordinated = True
                    try:
                        raw = self.before(attrs.evolve(trig, first=w + 1, last=w + 2))
                    finally:
                        self._coordinated = False
                    if raw is not None:
                        raw.last = trig.last
                    return raw
        return None

    def _groups_before(self, category: str, first: int, np_start: int, np_end: int) -> List[_Raw]:
        """A headline's list of numbered groups of people that ends with the figure at ``first``:
        "2 boys, 2 girls shot", "Three women, one man injured", "4 adults and a child shot".  The
        list must open the sentence (or follow a colon, a dash or "left": "gunfire leaves 3 men, 1
        woman wounded"), every group must be a figure
        with a noun of people, and the groups are returned in text order (without the last)."""
        toks, lex, floors = self.toks, self.lex, self.floors
        if np_end <= np_start or toks[np_end - 1].low not in lex.victims:
            return []
        parts, j = [], first
        while j >= 2 and (toks[j - 1].low in (",", "and") or (j >= 4 and _in_as_well_as(toks, j - 1))) and len(parts) < 6:
            end = j - 1
            if toks[end].low == "as":
                end -= 2  # "four soldiers as well as two militiamen dead"
            if toks[end].low == "and" and toks[end - 1].low == ",":
                end -= 1
            start = _np_backward(toks, end, lex, floors)
            if start == end or toks[end - 1].low not in lex.victims:
                return []
            if start > 0 and toks[start - 1].low in ("a", "an"):
                q = None  # "4 adults and a child": one person
                at = start - 1
            else:
                q = _number_ending_at(toks, start, lex, floors)
                if q is None or q.numbers[0].first in self.used or _is_trap(toks, q, end, lex):
                    return []
                at = q.first
            part = (_raw_from_q(category, q, at, end, (start, end), self.policy) if q is not None else
                    _implicit(category, 1, at, end, (start, end), " ".join(t.low for t in toks[at:end])))
            parts.insert(0, part)
            j = at
        if not parts or (j > 0 and toks[j - 1].low not in (":", "-", "–", "—", "|", "leaves", "left", "leaving")):
            return []
        return parts

    def subject(self, trig: _Trigger, k: int) -> Optional[_Raw]:
        """The figure at the head of a long subject: "Six truck drivers who were delivering
        supplies to US forces were killed", "Two policemen, three insurgents, and a civilian
        were killed" (a list)."""
        toks, lex, floors = self.toks, self.lex, self.floors
        s0 = k
        # "who" opens a relative clause inside the subject ("Six drivers who were delivering
        # supplies were killed"); "which", "where", "that" open a clause with a subject of its own
        while s0 > 0 and k - s0 < 24 and (toks[s0 - 1].low not in (";", ":", ".", "when", "after", "as", "while", "but",
                                                                  "because", "that", "which", "where", "if")
                                          or _abbreviation_dot(toks, s0 - 1) or _in_as_well_as(toks, s0 - 1)) \
                and toks[s0 - 1].low not in _REPORT_VERBS:
            s0 -= 1
        if s0 > 0 and toks[s0 - 1].low not in (";", ":", ".", "that") and toks[s0 - 1].low not in _REPORT_VERBS:
            return None  # a subordinate clause: its subject is not a safe guess
        # "The army said a soldier was killed": the subject starts after the reporting verb
        while s0 < k and toks[s0].low in ("however", "meanwhile", "but", "and", "also", "moreover", ","):
            s0 += 1  # "...; however, four people ... were killed"
        # an opening adverbial: "In Baghdad, ...", "On Monday, ..."
        if s0 < k and toks[s0].low in ("in", "on", "at", "during", "near", "outside", "inside", "late", "early", "meanwhile", "also"):
            c = s0
            while c < k and toks[c].low != ",":
                c += 1
            s0 = c + 1
        s0 = _clause_after_claim(toks, s0, k)
        if s0 >= k:
            return None
        pair = _person_pair_end(toks, s0, k, lex) if not _name_end(toks, s0, k, lex) else None
        if pair and pair[1] == k:
            # "A man and his 11-year-old son were found dead", "Mother and son found dead": two
            # people, each named by a common noun -- a list of two
            a = pair[0]
            members = [_implicit(trig.category, 1, s0, a, (s0, a), " ".join(t.low for t in toks[s0:a])),
                       _implicit(trig.category, 1, a + 1, k, (a + 1, k), " ".join(t.low for t in toks[a + 1:k]))]
            self.raws.extend(members)
            total = self._listed(members)
            total.last = trig.last
            return total
        w = toks[s0].low
        named = _name_end(toks, s0, k, lex)
        if named:
            q = None
        elif w in ("a", "an", "one") and (s0 + 1 < k and (_np_word(toks[s0 + 1], lex, floors) or _age_at(toks, s0 + 1))):
            q = None
        elif w in ("the", "his", "her") and s0 + 1 < k and _one_person_head(toks, s0 + 1, trig, lex) and \
                (any(t.low in _SINGULAR_AUX for t in toks[k:trig.first]) or toks[s0 + 2].low == "and"):
            # "The mayor of a Jalwla neighborhood was killed"; "The mayor and his wife were shot
            # dead" (a list: the plural verb is no figure without one, see below)
            q = None
        else:
            q = qualified_at(toks, s0, lex, floors)
            if q is None or q.first != s0 or q.numbers[0].first in self.used:
                return None
        if any(toks[x].low == ";" or _starts_trigger(toks, x) for x in range(s0 + 1, k)):
            return None
        if named:
            np_end = named
            raw = _implicit(trig.category, 1, s0, trig.last, (s0, np_end), " ".join(t.text for t in toks[s0:np_end]))
        elif q is None:
            np_end = min(k, _np_forward(toks, s0 + 1, lex, floors))  # not into "remains" in "remains missing"
            if np_end == s0 + 1:
                return None
            raw = _implicit(trig.category, 1, s0, trig.last, (s0 + 1, np_end),
                            " ".join(t.low for t in toks[s0:np_end]))
        else:
            np_end = _np_forward(toks, q.last, lex, floors)
            if np_end == q.last or _is_trap(toks, q, np_end, lex):
                return None
            raw = _raw_from_q(trig.category, q, q.first, trig.last, (q.last, np_end), self.policy)
            raw.subset = _is_partitive(toks, q.last, lex, floors) and \
                not _dead_out_of_group(toks, q.last, trig.category, lex, floors)
        # a list subject: the parts are claims of their own, their sum the total
        singular = any(t.low in _SINGULAR_AUX for t in toks[np_end:trig.first])
        parts = [] if singular else self._drop_enumeration(raw, self.list_parts(np_end, trig.category, stop=k))
        if (named or q is None) and not parts and any(a in ("were", "are") for a in (t.low for t in toks[np_end:trig.first])):
            return None  # "Gunmen ... were killed": a plural subject with no figure
        if parts and not parts[0].subset:
            self.used.update(raw.numbers_used)
            raw.last = np_end
            self.raws.append(raw)
            self.raws.extend(parts)
            total = self._listed([raw] + [p for p in parts if not p.subset])
            total.last = trig.last
            return total
        return raw

    # -- verb first: "killing at least 44 people", "the death toll rose to 52"
    def after(self, trig: _Trigger) -> Optional[_Raw]:
        toks, lex, floors = self.toks, self.lex, self.floors
        j = trig.last
        if trig.kind == "toll" or (trig.kind == "noun" and j < len(toks) and toks[j].low in _TOLL_VERBS):
            # "the death toll from Sunday's bombing rose to 31": the first figure within reach
            limit = min(len(toks), j + 12)
            while j < limit and toks[j].low not in (";", ".", ":") and number_at(toks, j, lex, floors) is None:
                j += 1
            if j >= limit or toks[j].low in (";", ".", ":"):
                return None
            q = qualified_at(toks, j, lex, floors)
            j = q.first if q is not None else j
        elif trig.kind == "noun":
            if j < len(toks) and toks[j].low == "of":
                j += 1
            else:
                return None
        if j >= len(toks):
            return None
        if trig.kind in ("verb", "state") and (trig.first == 0 or toks[trig.first - 1].low in ("those", "also")):
            # inverted: "Killed were two soldiers", "Also killed in the attack was the assistant's son"
            for v in range(j, min(j + 7, len(toks))):
                if toks[v].low in ("were", "are", "was", "is"):
                    j = v + 1
                    break
                if toks[v].low in (",", ".", ";") or _is_number_start(toks, v, lex, floors):
                    break
            if j >= len(toks):  # "Killed were" and nothing after
                return None
        if toks[j].low in ("another", "the", "his", "her", "their") and j + 1 < len(toks) \
                and number_at(toks, j + 1, lex, floors) is not None \
                and not number_at(toks, j + 1, lex, floors).vague and not _age_at(toks, j + 1):
            j += 1  # "wounded another nine", "massacred the four individuals"; not "his 54-year-old"
        # "killed 15-year-old Marcus": the age is no figure; the implicit reading below takes it
        figure_reach = j if _age_at(toks, j) else min(j + 7, len(toks))
        for k in range(j, figure_reach):
            q = qualified_at(toks, k, lex, floors)
            if q is None or q.first != j:
                continue
            if q.numbers[0].first in self.used:
                return None
            np_end = _np_forward(toks, q.last, lex, floors)
            if _is_trap(toks, q, np_end, lex) or (np_end > q.last and toks[np_end - 1].low in _NON_PERSONS
                                                  and not _has_victim_noun(toks, q.last, np_end, lex)):
                return None
            if q.first > 0 and toks[q.first - 1].low in ("no",):
                return None
            raw = _raw_from_q(trig.category, q, trig.first, max(np_end, q.last), (q.last, np_end), self.policy)
            if raw.qualifier == "exact" and np_end > q.last and np_end + 1 < len(toks) \
                    and toks[np_end].low == "or" and toks[np_end + 1].low == "more":
                # "killed 25 people or more": the hedge after the noun
                raw.qualifier, raw.high, raw.last = "at_least", None, np_end + 2
            # "killing one of them and wounding 28 others": the dead out of a group (the people
            # attacked) are the toll, not a part of one ("killing two of the dead" is no use)
            raw.subset = _is_partitive(toks, q.last, lex, floors) and not (
                q.numbers[0].word == "both" or toks[q.first].low == "all") and \
                not _dead_out_of_group(toks, q.last, trig.category, lex, floors)
            return raw
        if trig.kind in ("toll",):
            return None
        # implicit: "killing a policeman", "killing himself", "shot and killed police captain X"
        w = toks[j].low
        if w == "themselves" and trig.category == "killed" and trig.kind == "verb":
            return self._reflexive_subject(trig, j)
        if w in _PRONOUN_ONE and trig.kind in ("verb", "phrase"):
            raw = _implicit(trig.category, 1, trig.first, j + 1, (j, j + 1), w)
            raw.group = _PRONOUN_ONE[w]
            # "killing himself": the attacker's own death; "fatally shot himself" is the victim's
            raw.self_death = trig.category == "killed" and w in ("himself", "herself") and \
                (trig.kind == "verb" or self._harmed_others_before(trig.first)) and not _is_accident(toks, trig.first)
            return raw
        if w in ("a", "an", "another", "his", "her", "the") and trig.kind in ("verb", "phrase", "noun"):
            np_end = _np_forward(toks, j + 1, lex, floors)
            for a in range(j + 2, np_end - 1):
                if toks[a].low == "and" and toks[a + 1].low in ("a", "an", "his", "her", "the", "their"):
                    np_end = a  # "a policeman and the driver": two people, the list reads the second
                    break
            if np_end > j + 1:
                head = toks[np_end - 1]
                if head.low in _ANIMALS:
                    return None  # "killed a deer", "wounded a police dog": no person
                single = head.text[:1].isupper() or (not head.low.endswith("s") and head.low not in _NON_PERSONS
                                                    and head.low not in ("police", "security", "army", "family"))
                if w in ("a", "an", "another") or single:
                    if w == "the" and trig.kind == "noun":
                        return None
                    return _implicit(trig.category, 1, trig.first, np_end, (j + 1, np_end),
                                     " ".join(t.low for t in toks[j:np_end]))
            return None
        if trig.kind == "verb" and " " not in trig.word and w in lex.victims and not _plural_noun(w) \
                and w not in _COLLECTIVES and w not in _NON_PERSONS and w not in ("police", "security", "army", "family") \
                and trig.first > 0 and toks[trig.first - 1].low in lex.victims:
            # a headline's object without article: "Man kills wife", "Father killed son, then himself"
            np_end = _np_forward(toks, j, lex, floors)
            if np_end == j + 1:
                return _implicit(trig.category, 1, trig.first, np_end, (j, np_end), w)
        age = _age_at(toks, j)
        if trig.word.endswith(" of") and j + age < len(toks) and _np_word(toks[j + age], lex, floors):
            # "the shooting death of teen driver", "killing of 15-year-old boy": a headline's
            # singular person without article
            np_end = _np_forward(toks, j + age, lex, floors)
            head = toks[np_end - 1].low if np_end > j else ""
            if head in lex.victims and not _plural_noun(head) and head not in _COLLECTIVES:
                return _implicit(trig.category, 1, trig.first, np_end, (j, np_end),
                                 " ".join(t.low for t in toks[j:np_end]))
        if age and trig.kind in ("verb", "phrase") and trig.category != "captured":
            # "killed 24-year-old Alex Smith", "the shooting death of 13-month-old Ben Cole": an
            # age, then the one person's name
            name_end = _name_end(toks, j + age, min(len(toks), j + age + 6), lex)
            if name_end:
                return _implicit(trig.category, 1, trig.first, name_end, (j, name_end),
                                 " ".join(t.text for t in toks[j:name_end]))
        named = trig.kind in ("verb", "phrase") or (trig.kind == "noun" and toks[j - 1].low == "of")
        if named and trig.category != "captured" and toks[j].text[:1].isupper() and w not in _MONTHS and w not in _DAYS \
                and w not in ("on", "in"):
            np_end = _np_forward(toks, j, lex, floors)
            name_end = _name_end(toks, j, np_end, lex)
            if name_end and name_end + 1 < np_end and toks[name_end].low == "and" \
                    and _name_end(toks, name_end + 1, np_end, lex):
                np_end = name_end  # "injuring Leanne Smith and Dustin Grey": two people, the list reads the second
            if np_end > j and toks[np_end - 1].text[:1].isupper() and not toks[np_end - 1].low.endswith("s"):
                return _implicit(trig.category, 1, trig.first, np_end, (j, np_end),
                                 " ".join(t.text for t in toks[j:np_end]))
        if trig.kind in ("verb", "phrase") and j < len(toks) and toks[j].low in lex.victims \
                and lex.victims[toks[j].low] == "security forces" and not toks[j].low.endswith("s"):
            np_end = _np_forward(toks, j, lex, floors)
            if np_end > j + 1 and toks[np_end - 1].text[:1].isupper():
                return _implicit(trig.category, 1, trig.first, np_end, (j, np_end),
                                 " ".join(t.text for t in toks[j:np_end]))
        return None

    def _reflexive_subject(self, trig: _Trigger, j: int) -> Optional[_Raw]:
        """ "Two bombers killed themselves and ten others", "Two suicide bombers blew up a bus,
        killing themselves and ten others": "themselves" are the people of the subject, the
        attackers' own deaths, a figure the list after it adds to (12, not 2).  The subject is
        the figure right before the verb, or the one that opens the sentence."""
        toks, lex, floors = self.toks, self.lex, self.floors
        raw = self._try(lambda: self.before(trig)) if not trig.word.endswith("ing") else None
        if raw is None or raw.value is None or raw.basis.startswith("implicit"):
            if raw is not None:
                self._undo()
            q = qualified_at(toks, 0, lex, floors)
            if q is None or q.first != 0 or q.numbers[0].first in self.used:
                return None
            np_end = _np_forward(toks, q.last, lex, floors)
            if np_end == q.last or _is_trap(toks, q, np_end, lex) or toks[np_end - 1].low in _NON_PERSONS:
                return None
            raw = _raw_from_q(trig.category, q, q.first, j + 1, (q.last, np_end), self.policy)
        raw.last = j + 1
        raw.group, raw.self_death = "armed group", True
        return raw

    def zero(self, trig: _Trigger) -> List[_Raw]:
        """ "no casualties", "no injuries", "no deaths were reported"."""
        toks = self.toks
        for back in range(1, 5):
            i = trig.first - back
            if i < 0:
                break
            w = toks[i].low
            if w in ("no", "without", "any") and (w != "any" or (i > 0 and toks[i - 1].low in ("not", "n't", "no"))):
                if _not_a_zero_count(toks, i, trig):
                    return []
                cats = ("killed", "injured") if trig.kind == "casualties" else (trig.category,)
                return [_implicit(c, 0, i, trig.last, (trig.first, trig.first), " ".join(t.low for t in toks[i:trig.last]))
                        for c in cats]
            if w in (",", ".", ";", "and", "but", "killed", "wounded"):
                break
        return []

    # -- lists: "30 troops, as well as 20 IS members and two civilians"
    def list_parts(self, j: int, category: str, stop: Optional[int] = None,
                   predicate: bool = False) -> List[_Raw]:
        """Figures chained after token ``j`` by "," / "and" / "as well as" / "including".
        ``predicate``: the figure before ``j`` is the subject of its casualty words ("one person
        is dead"), so a figure after "and" with a verb of its own starts another clause."""
        toks, lex, floors = self.toks, self.lex, self.floors
        stop = len(toks) if stop is None else stop
        parts, subset, apposition = [], False, False
        while j < stop and len(parts) < 8:
            if toks[j].low in ("who", "which", "that"):
                # "an interpreter who works with US troops and three other contractors"
                r = j + 1
                while r < stop and r - j < 10 and toks[r].low not in ("and", ",", ".", ";") and \
                        toks[r].low not in _trigger_tables()[0]:
                    r += 1
                if r < stop and toks[r].low == "and":
                    j = r
            j += _age_aside(toks, j, stop)  # "Ronald Hill, 33, and Kendra Hill, 28,"
            k = prev_end = j
            joiner = []
            while k < stop and toks[k].low in (",", "and", "as", "well", "along", "with", "plus", "including", ":", "among", "them", "whom", "of"):
                joiner.append(toks[k].low)
                k += 1
            if joiner and joiner[-1] in ("and", ",") and k + 1 < stop and toks[k].low == "then" \
                    and toks[k + 1].low in ("himself", "herself", "self"):
                k += 1  # "killed his wife and then himself", "killing 2, then himself"
            if not joiner or k >= stop or len(joiner) > 4 or joiner[0] in ("of", "them", "whom") or joiner[-1] == "of":
                break
            if "as" in joiner and "well" not in joiner:
                break
            if toks[k].low in ("their", "his", "her", "its") and k + 1 < stop \
                    and _is_number_start(toks, k + 1, lex, floors) and not _age_at(toks, k + 1):
                k += 1  # "his wife and their two children": the two is a figure of its own
            named = _name_end(toks, k, stop, lex)
            if not named and _age_at(toks, k) and k + 5 < stop:
                named = _name_end(toks, k + 5, stop, lex)  # "and 30-year-old Jim Lee"
            if category == "killed" and (toks[k].low in ("himself", "herself") and joiner[-1] in ("and", ",")
                                         or toks[k].low == "self" and (k + 1 == len(toks) or toks[k + 1].low != "-")):
                # "killed four classmates and himself", "kills 3, self": the attacker's own death, one more
                np_end = k + 1
                part = _implicit(category, 1, k, np_end, (k, np_end), toks[k].low)
                part.group, part.self_death = "armed group", True
            elif named:
                np_end = named
                part = _implicit(category, 1, k, np_end, (k, np_end), " ".join(t.text for t in toks[k:np_end]))
            elif toks[k].low in ("a", "an", "another", "his", "her", "the", "their") and k + 1 < stop \
                    and (_np_word(toks[k + 1], lex, floors) or _age_at(toks, k + 1)):  # "a 15-year-old boy"
                np_end = _np_forward(toks, k + 1, lex, floors)
                if not _has_victim_noun(toks, k + 1, np_end, lex) and not toks[np_end - 1].text[:1].isupper():
                    break
                if toks[k].low in ("the", "their", "his", "her") and _plural_noun(toks[np_end - 1].low):
                    break  # "and the children", "and his children": how many is not said
                if toks[np_end - 1].low in _ANIMALS:
                    break  # "his son and the family dog": a pet is no casualty
                part = _implicit(category, 1, k, np_end, (k + 1, np_end), " ".join(t.low for t in toks[k:np_end]))
            else:
                q = qualified_at(toks, k, lex, floors)
                if q is None or q.first != k and q.numbers[0].first != k or q.numbers[0].first in self.used:
                    break
                np_end = _np_forward(toks, q.last, lex, floors)
                if np_end == q.last or _is_trap(toks, q, np_end, lex):
                    break
                part = _raw_from_q(category, q, q.first, np_end, (q.last, np_end), self.policy)
                if _is_partitive(toks, q.last, lex, floors):
                    subset = True
            if np_end > stop or (np_end < len(toks) and toks[np_end].low in _REPORT_VERBS):
                break  # ", a hospital official said": the source, not a victim
            # a figure with its own category word is a claim of its own ("and wounding 8"), also
            # past an aside ("and eight others, including a 14-year-old girl, have been wounded")
            v = np_end
            if v + 1 < len(toks) and toks[v].low == "," and toks[v + 1].low in ("including", "among", "most", "all"):
                w = v + 2
                while w < len(toks) and w - v < 14 and toks[w].low not in (",", ".", ";"):
                    w += 1
                if w < len(toks) and toks[w].low == ",":
                    v = w + 1
            if v + 1 < stop and toks[v].low == "and" and named and _name_end(toks, v + 1, stop, lex) not in (0, stop):
                # "were killed, and Jason Kimble and Lee Carter were injured": the next pair is the
                # subject of a claim of its own
                v = _name_end(toks, v + 1, stop, lex)
            start_v = v
            if predicate and category == "killed" and _opens_other_clause(toks, start_v):
                self._drop_next_subject(parts, joiner)
                break  # "one person is dead and three others are being treated": not more dead
            while v < len(toks) and v - start_v < 4 and toks[v].low in _AUX:
                v += 1
            if v < len(toks) and _starts_trigger(toks, v) and np_end != stop:
                self._drop_next_subject(parts, joiner)
                break  # "and his wife was severely wounded": a claim of its own
            if _in_other_state(toks, np_end):
                break  # "left one dead and three others in the hospital": another state, not a list
            if "including" in joiner or "among" in joiner or ":" in joiner:
                subset = True
            j = np_end
            if joiner == [","] and named and _one_person_noun(toks[prev_end - 1], lex):
                continue  # "his wife, Mary Smith": the name of the person just told of
            if joiner == [","] and toks[k].low in ("a", "an"):
                apposition = True
                continue  # ", an American naval officer": an apposition, the same person
            if apposition and toks[k].low in ("a", "an"):
                continue  # "..., a Sunni cleric and a member of the council": still the same person
            # a comma alone: a list only if an "and" follows (", then himself" is one more, though)
            part.list_id = -2 if joiner == [","] and not part.self_death else None
            part.joined_by_comma = joiner[0] == ","
            part.comma_and = joiner == [",", "and"]
            part.subset = subset  # "himself and 15 others, including two Americans": from here on
            parts.append(part)
            self.used.update(part.numbers_used)
        parts = _drop_spelled_out(parts)
        if parts and not subset and all(p.list_id == -2 for p in parts):
            for p in parts:  # ", Werner Gustav Kehl": commas without "and" are appositions
                self.used.difference_update(p.numbers_used)
            parts = []
        for p in parts:
            p.list_id = None
        if subset and parts and parts[0].subset:
            for p in parts:
                p.subset = True
        return parts

    def _drop_next_subject(self, parts: List[_Raw], joiner: List[str]) -> None:
        """ "X was killed, and A and B were injured": the parts read since the last ", and" are
        the subject of the next verb, not more of the list."""
        if joiner != ["and"]:
            return
        for at in range(len(parts) - 1, -1, -1):
            if parts[at].comma_and:
                for p in parts[at:]:
                    self.used.difference_update(p.numbers_used)
                del parts[at:]
                return

    def _drop_enumeration(self, raw: _Raw, parts: List[_Raw]) -> List[_Raw]:
        """ "Two students, Shlomo Liman and Har'el Bin-Nun": names that spell out a stated
        figure are the same people, not more of them."""
        if parts and raw.value and raw.value == sum(p.value or 0 for p in parts) \
                and all(p.basis.startswith("implicit") for p in parts) and not raw.basis.startswith("implicit"):
            for p in parts:
                self.used.difference_update(p.numbers_used)
            return []
        comma = parts and (parts[0].joined_by_comma or (raw.np[1] < len(self.toks) and self.toks[raw.np[1]].low == ","))
        if parts and raw.value and comma \
                and all(p.value is not None and p.qualifier == "exact" for p in parts) \
                and raw.value >= sum(p.value for p in parts) and (len(parts) >= 2 or raw.value > parts[0].value) \
                and any(t.low in _GENERIC_PEOPLE for t in self.toks[raw.np[0]:raw.np[1]]):
            # "Six people, three men and three women, were wounded": the same six, broken down;
            # "Three others, an 18-year-old woman and two men, were wounded": a breakdown too,
            # though only a part of it reads as a figure
            for p in parts:
                p.subset = True
        return parts

    def continue_list(self, raw: _Raw) -> None:
        toks = self.toks
        j = max(raw.last, raw.np[1])
        if j < len(toks) and toks[j].low in _trigger_tables()[0]:
            j += 1  # "the toll stood at 27 dead, nine of them civilians"
        predicate = raw.np[0] < raw.np[1] <= raw.last - 1  # "two men were killed", "one is dead"
        parts = self.list_parts(j, raw.category, predicate=predicate)
        parts = self._drop_enumeration(raw, parts)
        if not parts:
            return
        if parts[0].subset:
            self.raws.extend(parts)
            return
        self.raws.extend(parts)
        self.raws.append(self._listed([raw] + [p for p in parts if not p.subset]))  # not the parts after "including"

    def _harmed_others_before(self, i: int) -> bool:
        """A figure of people killed or shot stands before token ``i`` in the sentence: "killed his
        two sons before fatally shooting himself" - the one who then shot himself is the attacker."""
        return any(r.category in ("killed", HIT) and r.last <= i and r.value != 0 and not r.self_death
                   for r in self.raws)

    def _listed(self, members) -> _Raw:
        """Mark ``members`` as the parts of one new list and return their sum."""
        self._list_ids += 1
        for p in members:
            p.part_of_list, p.list_id = True, self._list_ids
        return self._sum(members)

    def _sum(self, members) -> _Raw:
        low = sum(p.low for p in members)
        highs = [p.high for p in members]
        high = None if any(h is None for h in highs) else sum(highs)
        quals = {p.qualifier for p in members}
        qual = "exact" if quals == {"exact"} else ("at_least" if high is None else "between")
        if qual == "between" and low == high:
            qual = "exact"
        values = [p.value for p in members]
        value = sum(values) if all(v is not None for v in values) else None
        groups = {p.group or _victim_group(self.toks, p.np[0], p.np[1], self.lex) for p in members}
        return _Raw(members[0].category, qual, low, high, value, (value,) if value is not None else (),
                    min(p.first for p in members), max(p.last for p in members),
                    (members[0].np[0], members[-1].np[1]),
                    basis=f"sum of {len(members)} group figures", list_id=-1,
                    group=groups.pop() if len(groups) == 1 else "unknown")

    def run(self, triggers: Sequence[_Trigger]) -> List[_Raw]:
        toks = self.toks
        skip_next = None
        for idx, trig in enumerate(triggers):
            if trig is skip_next:
                continue
            # "killed or wounded", "killed and injured 50": one figure for both categories, so it is
            # neither's -- unless it is zero ("no one was killed or injured")
            if idx + 1 < len(triggers):
                nxt = triggers[idx + 1]
                if nxt.first == trig.last + 1 and toks[trig.last].low in ("or", "and", "/", "nor") \
                        and nxt.category != trig.category and HIT in (trig.category, nxt.category):
                    if trig.category == HIT:
                        continue  # "shot and killed", "shot and wounded": the second word says what happened
                elif nxt.first == trig.last + 1 and toks[trig.last].low in ("or", "and", "/", "nor") \
                        and nxt.category != trig.category:
                    skip_next = nxt
                    raw = self.before(trig)
                    # "kidnapped and murdered": both happened to the same people
                    both = toks[trig.last].low == "and" and {trig.category, nxt.category} & {"kidnapped", "captured", "missing"}
                    if raw is not None and (raw.value == 0 or both):
                        self.used.update(raw.numbers_used)
                        self.raws.append(raw)
                        self.raws.append(attrs.evolve(raw, category=nxt.category, last=nxt.last))
                    continue
            if trig.kind == "casualties":
                self.raws.extend(self.zero(trig))
                continue
            if _is_hospital_place(trig):
                # "sent four people to the hospital": people hit, some of whom may have died there,
                # so it is read like a shot figure (those killed are taken off); one person "taken
                # to the hospital" tells no figure of its own
                raw = self.before(_conveyed_from(toks, trig))
                rest = self.text[toks[trig.last - 1].end:toks[-1].end]
                if raw is not None and not raw.basis.startswith("implicit") and not _death_told(rest):
                    raw.category = HIT
                    self.used.update(raw.numbers_used)
                    self.raws.append(raw)
                continue
            if trig.kind == "verb" and not trig.word.endswith(("ed", "ing", "s", "t", "n")) and trig.first > 0 and \
                    (toks[trig.first - 1].low in _MODALS or (toks[trig.first - 1].low == "to" and trig.first > 1
                                                             and toks[trig.first - 2].low in _INTENTIONS)):
                continue  # "threatened to kill the hostages", "could die": an intention, not an event
            if trig.word in _SUCCUMB and not _succumbed_to_wounds(toks, trig.last):
                continue  # "succumbed to pressure": only succumbing to wounds is a death
            if trig.category == "killed" and _after_attempted(toks, trig.first):
                continue  # "the attempted murders of five teenagers": a charge for people who lived
            if trig.category == "killed" and any(w in trig.word.split() for w in ("himself", "herself", "themselves")):
                # "a suicide bomber blew himself up": the attacker's own death, one more person
                if "themselves" in trig.word:
                    raw = self._try(lambda: self.subject(trig, trig.first))
                else:
                    raw = _implicit("killed", 1, trig.first, trig.last, (trig.first, trig.last), trig.word)
                if raw is not None:
                    raw.group, raw.self_death = "armed group", True
                    raw.basis = raw.basis or f"'{trig.word}': the attacker's own death"
                    self.used.update(raw.numbers_used)
                    self.raws.append(raw)
                continue
            if trig.word == "death" and trig.first > 0 and toks[trig.first - 1].low == "to":
                # "stabbed a Kurdish school guard to death": the harm verb's object
                for v in range(trig.first - 2, max(-1, trig.first - 10), -1):
                    if toks[v].low in _HARM_VERBS or toks[v].low in ("hacked", "burned", "burnt", "stoned", "clubbed",
                                                                     "bludgeoned", "kicked"):
                        raw = self.after(_Trigger("killed", "verb", v, v + 1, toks[v].low))
                        if raw is not None:
                            raw.last = max(raw.last, trig.last)
                            self.used.update(raw.numbers_used)
                            self.raws.append(raw)
                            self.continue_list(raw)
                        break
                continue
            if trig.word in ("lives", "life") and not _lives_lost(toks, trig):
                continue  # "Two lives changed forever": only lives lost, cost or claimed are deaths
            if trig.word == "body" and trig.first > 0:
                # "His body was found", "Mr. Lafta's body": one dead person; "the body of X" reads on
                owner = toks[trig.first - 1]
                nxt = toks[trig.last].low if trig.last < len(toks) else "."
                if (owner.low in ("his", "her") or owner.low.endswith(("'s", "’s"))) and \
                        nxt in ("was", "were", "had", "has", "is", "lay", "bore", "later", "found"):
                    self.raws.append(_implicit("killed", 1, trig.first - 1, trig.last, (trig.first - 1, trig.first),
                                               f"{owner.text} body"))
                    continue
            zeros = self.zero(trig) if trig.kind == "noun" else []
            if zeros:
                self.raws.extend(zeros)
                continue
            raw = None
            k = trig.first
            while k > 0 and toks[k - 1].low in _AUX and toks[k - 1].low not in _BE_HAVE:
                k -= 1  # adverbs: "also killed", "were later found"
            aux_before = k > 0 and toks[k - 1].low in _BE_HAVE
            ing = trig.kind == "verb" and trig.word.endswith("ing")
            if trig.kind in ("toll",) or ing:
                raw = self.after(trig)
            elif trig.kind == "noun":
                raw = self.before(trig) or self.after(trig)
            elif aux_before and toks[k - 1].low in ("has", "have", "had") and trig.kind == "verb":
                raw = self.after(trig) or self.before(trig)  # "the war has killed 380,000"
            elif aux_before:
                raw = self.before(trig)
            else:
                raw = (self.after(trig) if trig.kind in ("verb", "phrase") else None) or self.before(trig)
            if raw is None:
                continue
            self.used.update(raw.numbers_used)
            self.raws.append(raw)
            if raw.value != 0:
                self.continue_list(raw)
            if not raw.basis.startswith("implicit"):
                self._subset_of_total(raw)
        return self.raws

    def _subset_of_total(self, raw: _Raw) -> None:
        """ "Up to 18 of the 25 killed": the 18 is a subset of the stated 25."""
        toks = self.toks
        i = raw.first
        for skip in (("of", "the"), ("of",)):
            n = len(skip)
            if i - n > 0 and tuple(t.low for t in toks[i - n:i]) == skip:
                q = _number_ending_at(toks, i - n, self.lex, self.floors)
                if q is not None and q.numbers[0].first not in self.used:
                    part = _raw_from_q(raw.category, q, q.first, q.last, (i, i), self.policy)
                    part.subset = True
                    self.used.update(part.numbers_used)
                    self.raws.append(part)
                return


# --------------------------------------------------------------------------- context

@functools.lru_cache(maxsize=None)
def _phrase_index(phrases: tuple) -> dict:
    index: dict = {}
    for ph in phrases:
        index.setdefault(ph[0], []).append(ph)
    return index


def _has_phrase(toks, a, b, phrases, skip_definite: bool = False) -> bool:
    """Whether one of ``phrases`` (tuples of words) lies wholly inside tokens ``[a, b)``.
    With ``skip_definite``, "a day after the attack" does not count: "the attack" is the
    report's own event, not another one."""
    index = _phrase_index(phrases)
    for i in range(a, b):
        cands = index.get(toks[i].low)
        if cands:
            for ph in cands:
                n = len(ph)
                if i + n <= b and all(toks[i + x].low == ph[x] for x in range(1, n)):
                    if skip_definite and ph[-1] in ("after", "before") and i + n < len(toks) and \
                            toks[i + n].low in ("the", "this", "that", "he", "she", "they", "his", "her"):
                        continue
                    return True
    return False


def _phrases_in(toks, a, b, phrases) -> set:
    """The distinct ``phrases`` lying wholly inside tokens ``[a, b)``."""
    index = _phrase_index(phrases)
    found = set()
    for i in range(a, b):
        for ph in index.get(toks[i].low, ()):
            if i + len(ph) <= b and all(toks[i + x].low == ph[x] for x in range(1, len(ph))):
                found.add(ph)
    return found


def _cited_source(text, toks, claim_first, claim_last) -> Optional[str]:
    """The body a figure is attributed to in its sentence, if any."""
    n = len(toks)
    best, best_dist = None, None
    for i, t in enumerate(toks):
        cand = None
        if t.low == "according" and i + 1 < n and toks[i + 1].low == "to":
            j = i + 2
            while j < n and toks[j].low not in (",", ".", ";", "(", ")", "that", "which", "who") and j - i < 14:
                j += 1
            if j > i + 2:
                cand = (toks[i + 2].start, toks[j - 1].end)
        elif t.low in _REPORT_VERBS and not t.text[:1].isupper() \
                and not (i > 0 and toks[i - 1].low in ("an", "the", "some")):
            # "States" in "United States" is no verb, nor "estimated" in "an estimated 90"
            # subject before the verb: "state TV said", "the UN mission said", "Israel's Channel 10 reported"
            j = i
            while j > 0 and toks[j - 1].low in ("later", "also", "earlier", "then", "now", "had", "has", "have", "initially"):
                j -= 1
            subj_end = j
            if j > 2 and toks[j - 1].low == ",":
                # "The town's mayor, Ahmed Saleh, said": step over the apposition to its head
                c = j - 2
                while c > 0 and j - c < 7 and toks[c].low != ",":
                    c -= 1
                if toks[c].low == "," and c > 0:
                    j = c
            end_subj = j
            while j > 0 and end_subj - j < 8:
                p = toks[j - 1]
                if not (p.text[:1].isupper() or p.low[:1].isdigit() or p.low in _SOURCE_HEADS or p.low in _SOURCE_WORDS):
                    break
                j -= 1
            while j < end_subj and toks[j].low in ("the", "a", "an", "of", "'s", "’s", "-", "for"):
                j += 1
            named = any(toks[x].low in _SOURCE_HEADS or (toks[x].text[:1].isupper() and x > 0) for x in range(j, end_subj))
            if j < end_subj and (named or (toks[j].text[:1].isupper() and end_subj - j > 1)) and \
                    not (end_subj - j == 1 and toks[j].low in ("it", "he", "she", "they")):
                last = subj_end - 1 if toks[subj_end - 1].low != "," else subj_end - 2
                cand = (toks[j].start, toks[last].end)
            elif i + 1 < n:
                # object after the verb: ", said one witness", "reported the Associated Press"
                k = i + 1
                while k < n and toks[k].low not in (",", ".", ";", "that", "in", "on", "to", "and") and k - i < 8:
                    k += 1
                if k > i + 1 and any(toks[x].low in _SOURCE_HEADS or toks[x].text[:1].isupper() for x in range(i + 1, k)) \
                        and toks[i + 1].low not in ("it", "he", "she", "they", "responsibility", "by", "as", "for", "with"):
                    cand = (toks[i + 1].start, toks[k - 1].end)
        if cand is not None:
            dist = abs(i - claim_first)
            if best_dist is None or dist < best_dist:
                best, best_dist = cand, dist
    if best is None:
        return None
    s = text[best[0]:best[1]].strip()
    for prefix in ("the ", "The "):
        if s.startswith(prefix):
            s = s[len(prefix):]
    return s or None


_RESPONSIBILITY_RE = re.compile(
    r"(?<=[ \n])responsibility|claim(?:ed|s)?\s+(?:the\s+)?(?:attack|bombing|killing|assault|operation)",
    re.IGNORECASE)
_RESPONSIBILITY_VERB_RE = re.compile(r"(?:claim(?:ed|s|ing)?|took|take|takes|taking|accept(?:ed|s)?)\s+(?:the\s+)?$",
                                     re.IGNORECASE)


def _responsibility_claims(text: str) -> List[int]:
    """Offsets where the text says someone claimed an attack ("claimed responsibility")."""
    out = []
    for m in _RESPONSIBILITY_RE.finditer(text):
        if m.group()[:1] in "rR" and not _RESPONSIBILITY_VERB_RE.search(text, max(0, m.start() - 24), m.start()):
            continue
        out.append(m.start())
    return out


def _is_perpetrator_claim(toks, raw: _Raw, responsibility_claimed: bool = False) -> bool:
    """ "IS said it killed over 100", "the group stated that five guards were killed" (after it
    claimed the attack): a figure claimed by the attacking side."""
    words = [t.low for t in toks[:raw.first + 1]]
    for i in range(len(words) - 2, -1, -1):  # the nearest reporting verb before the figure
        if words[i] in _REPORT_VERBS or words[i] in ("claiming", "boasted"):
            if not (any(w in ("it", "they", "its", "their") for w in words[i + 1:i + 3])
                    or words[i + 1:i + 3] == ["to", "have"] or responsibility_claimed):
                return False
            start = i
            while start > 0 and i - start < 12 and words[start - 1] not in (";", "but", "."):
                start -= 1
            return any(w in _PERPETRATOR_SUBJECTS for w in words[start:i])
        if words[i] in (";", "but"):
            return False
    return False


_ANAPHORIC_OPENERS = frozenset("it its his her their the this that these those".split())


def _continues_other_time(text: str, s: int, toks, published: Optional[_dt.date]) -> bool:
    """ "... since January 2022, when they stormed a prison. The 10-day battle left nearly 500
    dead.": a sentence that opens by pointing back ("It", "The", "His") at a sentence dated in
    another year goes on about that other event."""
    if published is None or not toks or toks[0].low not in _ANAPHORIC_OPENERS or s < 2:
        return False
    if any(_year_at(toks, i) for i in range(len(toks))):
        return False  # it names its own year
    if any(t.low in _REPORT_VERBS for t in toks[1:5]):
        return False  # "The interior ministry said ...": the opener names a source, not the other event
    ps, _ = sentence_bounds(text, s - 2, s - 1)
    prev = tokenize(text, ps, s)
    years = [y for y in (_year_at(prev, i) for i in range(len(prev))) if y]
    return bool(years) and all(y != published.year for y in years)


def _year_at(toks, i: int) -> Optional[int]:
    """The year token ``i`` names, if any: "2014", not "2000-kilogram" or "2000 tons"."""
    t = toks[i].low
    if not (t.isdigit() and len(t) == 4 and 1900 <= int(t) <= 2100):
        return None
    j = i + 1
    if j < len(toks) and toks[j].low == "-":
        j += 1
    return None if j < len(toks) and toks[j].low in _UNIT_WORDS else int(t)


#: A line that links to another story: "Related: ...", "See also: ...", "READ MORE: ...", or a
#: video playlist entry that opens with its running time ("1:51 Boy killed in ..."), but not a
#: live-blog time stamp ("11:02 p.m.: ...").
_LINK_LINE_RE = re.compile(
    r"^[ \t(\[]*(?:(?:see also|also read|read more|more|related(?: coverage| stories| story| links?)?|read|previous coverage)"
    r"\s*[:|]|\d{1,2}:\d{2}[ \t]+(?![ap]\.?m\b)[A-Za-z'\"‘“])", re.IGNORECASE | re.MULTILINE)


def _link_lines(text: str) -> List[Tuple[int, int]]:
    """The (start, end) of every line of ``text`` that links to another story (a "Related:" or
    "See also:" headline, a video playlist entry), in text order: that headline is another
    report, so its figures are background even when it tells of the same event, which the
    report's own text tells anyway.  One scan, so a text of many figures on one line stays linear."""
    spans = []
    for m in _LINK_LINE_RE.finditer(text):
        end = text.find("\n", m.end())
        spans.append((m.start(), len(text) if end == -1 else end))
    return spans


def _in_spans(spans: List[Tuple[int, int]], at: int) -> bool:
    """Position ``at`` lies in one of the sorted, disjoint ``spans``."""
    i = bisect.bisect_right(spans, at, key=lambda span: span[0]) - 1
    return i >= 0 and spans[i][0] <= at < spans[i][1]


def _dated_weeks_before(toks, i: int, published: _dt.date) -> bool:
    """Token ``i`` opens a day of the year ("March 23", "Nov. 15") that lies more than two weeks
    before the report was published: a figure told with it is about an earlier event."""
    m = _MONTHS.get(toks[i].low)
    if m is None or not toks[i].text[:1].isupper():
        return False  # "may 2" is no date; month names are written capitalised
    j = i + 1
    if j < len(toks) and toks[j].low == ".":
        j += 1
    if j >= len(toks) or not toks[j].low.isdigit() or not 1 <= int(toks[j].low) <= 31:
        return False
    year = published.year - (m > published.month)
    try:
        day = _dt.date(year, m, int(toks[j].low))
    except ValueError:
        return False
    return (published - day).days > 14


def _is_background(toks, raw: _Raw, published: Optional[_dt.date], first_claim: bool) -> bool:
    """A figure about another event: cues before the claim in its sentence, or right after it."""
    a, b = 0, raw.first
    after_end = raw.last
    while after_end < len(toks) and after_end - raw.last < 8 and \
            toks[after_end].low not in (",", ";", ".", "and", "but", "who", "which", "that", "whom"):
        after_end += 1
    if _has_phrase(toks, 0, len(toks), _TALLY) or \
            _has_phrase(toks, a, b, _STRONG_BACKGROUND + _LEADING_BACKGROUND, skip_definite=True) or \
            _has_phrase(toks, raw.last, after_end, _STRONG_BACKGROUND + _TRAILING_BACKGROUND):
        return True
    for i in range(raw.last, min(after_end, len(toks) - 1)):
        if (toks[i].low, toks[i + 1].low) in _TRAILING_BEFORE and \
                (i + 2 >= len(toks) or not toks[i + 2].low[:1].isalpha()):
            return True
    if len(_phrases_in(toks, a, b, _WEAK_BACKGROUND)) >= 2:
        return True  # "In a similar attack last year, 30 people were killed": two weak cues make a strong one
    weak = _has_phrase(toks, a, b, _WEAK_BACKGROUND) or _has_phrase(toks, raw.last, after_end, _WEAK_BACKGROUND)
    if published is not None:
        for i, t in enumerate(toks[:after_end]):
            if raw.first <= i < raw.last:
                continue
            year = _year_at(toks, i)
            if year is not None and year != published.year:
                return True  # a figure told with another year belongs to another event
            if _dated_weeks_before(toks, i, published):
                weak = True  # "On March 23, ...": a day weeks before the report, as "in March" is
            if t.low in _MONTHS and i > 0 and toks[i - 1].low in ("in", "since", "last", "early", "late", "mid") \
                    and _MONTHS[t.low] != published.month and not (i + 1 < len(toks) and toks[i + 1].low[:1].isdigit()):
                weak = True
    return weak and not first_claim


# --------------------------------------------------------------------------- public

def _as_date(published) -> Optional[_dt.date]:
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
    scan = _trigger_tables()[2]
    responsibility = _responsibility_claims(text)
    out: List[Claim] = []
    additive: List[bool] = []
    hits: List[bool] = []  # "shot" figures, carried as injured until _resolve_hits decides
    done_until = -1
    seen_main = set()
    links = None  # the lines that link to other stories, found at the first claim
    for m in scan.finditer(text):
        if m.start() < done_until:
            continue
        s, e = sentence_bounds(text, m.start(), m.end())
        s = max(s, done_until)  # sentences never overlap, so no figure is read twice
        done_until = e
        toks = tokenize(text, s, e)
        triggers = _triggers_in(toks)
        if not triggers:
            continue
        sent = _Sentence(text, toks, lex, floors, vague_policy)
        raws = sent.run(triggers)
        raws.sort(key=lambda r: (r.first, r.last))
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
            background = _in_spans(links, toks[r.first].start) or _is_background(toks, r, pub, first_claim) or \
                (not first_claim and _continues_other_time(text, s, toks, pub))
            if not background and not r.subset:
                seen_main.add(r.category)
            hits.append(r.category == HIT)
            out.append(Claim(
                category="injured" if r.category == HIT else r.category, low=r.low, high=r.high, value=r.value, qualifier=r.qualifier,
                start=start, end=end, quote=text[start:end], stated=r.stated,
                victims=victims, victim_group=group,
                cited_source=_cited_source(text, toks, r.first, r.last),
                perpetrator_claim=_is_perpetrator_claim(toks, r, bool(responsibility) and responsibility[0] < s),
                background=background, subset=r.subset, part_of_list=r.part_of_list and r.list_id != -1,
                basis=r.basis,
            ))
            additive.append("self_death" if r.self_death else "later_death" if _is_later_death(toks, r) else
                            _is_additive(toks, r, first_in_sentence=not any(x.first < r.first for x in raws),
                                         before={x.category for x in raws if x.first < r.first}))
    claims, hits = _additive_totals(text, out, additive, hits)
    claims, hits = _fold_singletons(claims, hits)
    claims, hits = _sum_of_sides(text, claims, hits)
    return _with_group_survivors(text, claims, hits)


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
    title_claims, title_hits = _field_claims(title, published, vague_policy)
    text_claims, text_hits = _field_claims(text, published, vague_policy)
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
    return in_title, in_text


def _sum_of_sides(text: str, claims: List[Claim], hits: List[bool]):
    """ "killing one soldier, while the army killed 3 militants", "shelling killed 6 fighters and
    an airstrike resulted in the death of 2 civilians": the sides of one clash, told in
    different clauses of one sentence for disjoint victim groups (civilians, security forces,
    an armed group), cannot restate each other, so the report's total is their sum (the parts
    are kept, marked ``part_of_list``).  Only when every counted figure of the category names
    its group, no group comes twice (an unknown group, "killing 4", or a group told twice may be
    the same people again), none refers back ("the two men killed"), and none is the attack's
    own perpetrators.  Figures in other sentences may be of other events, which the report
    accounting cannot yet tell apart, so they are not summed."""
    out, out_hits = list(claims), list(hits)
    for cat in ("killed", "injured"):
        at = [i for i, (c, h) in enumerate(zip(claims, hits))
              if c.category == cat and not h and c.counts and not _perpetrators(c)]
        if len(at) < 2 or any(claims[i].value is None for i in at):
            continue
        groups = [claims[i].victim_group for i in at]
        if "unknown" in groups or len(set(groups)) != len(groups) or any(_refers_back(text, claims[i]) for i in at):
            continue
        parts = [claims[i] for i in at]
        if any(len(_SENTENCE_END_RE.findall(text, a.end, b.start)) > 0 for a, b in zip(parts, parts[1:])):
            continue  # one sentence: figures in others may be of other events
        for i in at:
            out[i] = attrs.evolve(out[i], part_of_list=True)
        highs = [c.high for c in parts]
        high = None if None in highs else sum(highs)
        value = sum(c.value for c in parts)
        quals = {c.qualifier for c in parts}
        start, end = min(c.start for c in parts), max(c.end for c in parts)
        out.append(Claim(
            category=cat, low=sum(c.low for c in parts), high=high, value=value,
            qualifier="exact" if quals == {"exact"} else ("at_least" if high is None else "between"),
            start=start, end=end, quote=text[start:end], stated=(value,), victims=None, victim_group="unknown",
            cited_source=next((c.cited_source for c in parts if c.cited_source), None),
            basis="sum of sides: " + " and ".join(f"{c.value} {c.victim_group}" for c in parts)))
        out_hits.append(False)
    if len(out) > len(claims):
        order = sorted(range(len(out)), key=lambda i: (out[i].start, out[i].end))
        out, out_hits = [out[i] for i in order], [out_hits[i] for i in order]
    return out, out_hits


_BACK_REFERENCES = frozenset("the those these his her their its".split())
#: The perpetrators of an attack, as opposed to a side of a battle ("militants", "fighters").
_ATTACKER_NOUNS = frozenset("gunman gunmen attacker attackers assailant assailants bomber bombers perpetrator "
                            "perpetrators hijacker hijackers kidnapper kidnappers shooter shooters suspect suspects "
                            "himself herself themselves".split())


def _perpetrators(claim: Claim) -> bool:
    """The deaths of an attack's own perpetrators ("seven gunmen were killed", "the bomber
    blew himself up") are no side of a battle: conventions differ on counting them (RAND and
    GTD code an attack's victims), so they stay a figure of their own."""
    return any(w.strip(",.") in _ATTACKER_NOUNS for w in (claim.victims or "").lower().split()) or \
        "attacker's own death" in claim.basis


_SENTENCE_END_RE = re.compile(r"[.!?](?=\s)")


def _refers_back(text: str, claim: Claim) -> bool:
    """A figure told by a definite or partitive phrase ("The policeman was killed", "the two
    men killed", "two of the militants", "One of the sons") names people already told of."""
    words = claim.quote.lower().split()
    before = text[max(0, claim.start - 12):claim.start].lower().split()
    lex = load_lexicon()
    opens_with_figure = bool(words) and (words[0][:1].isdigit() or words[0] in lex.units or words[0] in lex.tens)
    if opens_with_figure and before and before[-1] in _BACK_REFERENCES:
        return True  # "The two men killed were ...", not "resulted in the death of 2 civilians"
    victims = (claim.victims or "").lower().split()
    return bool(words and words[0] in _BACK_REFERENCES) or bool(victims and victims[0] in _BACK_REFERENCES) \
        or " of the " in f" {claim.quote.lower()} " or " of them" in claim.quote.lower() or \
        claim.basis.startswith("implicit: 'the ")


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
            c = attrs.evolve(c, qualifier=h.qualifier, low=h.low, high=h.high,
                             basis=f"repeats {h.quote!r} (at {h.start}) without its hedge")
        out.append(c)
    return out


_ADDITIVE = frozenset({"also", "another", "additional", "further"})
#: "a second fighter", "a third soldier": an indefinite ordinal is one more than those told of.
_ORDINALS = frozenset("second third fourth fifth sixth seventh eighth ninth tenth".split())
#: Words that tell a later time than the event: "later", "the next day", "two days later".
_LATER = frozenset("later subsequently afterwards afterward next following".split())
_HARMED_GROUPS = frozenset("injured wounded hurt".split())


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
            (raw.first == 0 or toks[raw.first - 1].low not in _DETERMINERS | _OBJECT_OPENERS)
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


def _opens_other_clause(toks, v: int) -> bool:
    """ "Two men were killed and three others were taken to hospitals": a figure after "and"
    followed by a verb of its own that speaks of no death within its next words is the subject
    of another clause, not more of the dead."""
    if v >= len(toks) or toks[v].low not in _SINGULAR_AUX | _PLURAL_AUX | {"had"}:
        return False
    return not any(_DEATH_WORDS_RE.fullmatch(t.low) for t in toks[v + 1:v + 6])


def _is_accident(toks, at: int) -> bool:
    """ "The boy accidentally shot and killed himself": a death by one's own hand told as an
    accident is the victim's, not an attacker's own death on top of his victims."""
    return any(t.low in ("accidentally", "unintentionally", "inadvertently") for t in toks[max(0, at - 4):at])


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
    if adds or any(w in _ADDITIVE for w in np_words) or ("in", "addition") in zip(words, words[1:]):
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
    if not _INCLUDES_ATTACKER_RE.search(text) and not in_list:
        deferred = [i for i, a in enumerate(additive) if a == "self_death"]
    else:  # "... killed 13, including the gunman": the attacker is in the figures already
        for i, a in enumerate(additive):
            if a == "self_death":
                out[i] = attrs.evolve(out[i], part_of_list=True)
    for idx in deferred[1:]:
        out[idx] = attrs.evolve(out[idx], part_of_list=True)  # one attacker, told twice
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
            out[idx] = attrs.evolve(c, basis=(c.basis + "; " if c.basis else "") +
                                    f"restates {out[prev].quote!r} (at {out[prev].start}), not added")
            continue
        a = out[prev]
        if not on_dead:
            out[prev] = attrs.evolve(a, part_of_list=True)
        out[idx] = attrs.evolve(c, part_of_list=True)
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
            c = attrs.evolve(c, part_of_list=True, basis=(c.basis + "; " if c.basis else "") +
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
            c = attrs.evolve(c, part_of_list=True, basis=f"{c.basis}; one of the {t.value} in {t.quote!r} (at {t.start})")
        out.append(c)
    return out, hits


#: Nouns that name people without a group: a list after them may break them down.
_GENERIC_PEOPLE = frozenset("people persons victims individuals others".split())


def _is_hospital_place(trig: _Trigger) -> bool:
    """An injured phrase of the lexicon that names where people were taken ("to the hospital",
    "in hospital"), not what befell them: read only with a stated figure and no death after it."""
    return trig.category == "injured" and trig.kind == "phrase" and trig.word.split()[0] in ("to", "in")


#: Participles that carry people to the place a hospital phrase names: "were taken to a hospital".
_CONVEYED = frozenset("taken rushed transported driven brought airlifted flown carried sent transferred".split())


def _conveyed_from(toks, trig: _Trigger) -> _Trigger:
    """ "Three victims were taken to a hospital", "both were rushed to the hospital": the
    participle before the hospital phrase belongs to the verb, so the figure is read before it."""
    if trig.first > 1 and toks[trig.first - 1].low in _CONVEYED:
        return attrs.evolve(trig, first=trig.first - 1)
    return trig


_DEATH_WORDS_RE = re.compile(r"\b(?:fatal(?:ly)?|dead|died|dies|death|deadly|killed|killing|murder(?:ed)?|homicide|"
                             r"manslaughter|murder-suicide|slain|slaying|assassinat\w*)\b", re.IGNORECASE)
#: Charges and legal terms that hold a death word but tell of no death: "charged with attempted
#: murder", "assault with a deadly weapon", "deadly force".
_NO_DEATH_RE = re.compile(r"\battempted (?:(?:first|second|third)[- ]degree )?(?:murder|homicide)\b|"
                          r"\bdeadly (?:weapons?|force|conduct)\b", re.IGNORECASE)


#: "succumbed to his wounds" is "died of his wounds"; read like "died".
_SUCCUMB = ("succumbed", "succumbs")
_WOUND_WORDS = frozenset("wound wounds injury injuries gunshot gunshots bullet burns".split())


def _succumbed_to_wounds(toks, j: int) -> bool:
    """ "succumbed to his injuries", "succumbs to gunshot wounds", "two soldiers succumbed the
    next day": to succumb is to die of one's wounds, unless "to" names something else within a
    few words ("succumbed to pressure", "succumbed to temptation")."""
    if j >= len(toks) or toks[j].low != "to":
        return True
    return any(t.low in _WOUND_WORDS for t in toks[j + 1:j + 5])


#: Words that open the object of an active verb in a headline: "Man kills wife", "Man killed
#: his wife, 4 kids", "Gunman kills 3 bandmates, self".
_OBJECT_OPENERS = frozenset("his her their its self himself herself themselves".split())


def _agent_of_headline_verb(toks, trig, lex, floors) -> bool:
    """ "Man kills wife", "Man killed his wife and four kids, then himself": the person before
    an active verb with an object is the attacker, not a victim ("Man killed in shooting" is
    one dead).  A present-tense "kills" / "shoots" is never a headline's passive."""
    if trig.kind != "verb" or trig.word in ("dies", "died", "die") or " " in trig.word:
        return False
    if trig.word.endswith("s"):
        return True
    j = trig.last
    if j >= len(toks):
        return False
    nxt = toks[j].low
    if nxt in _OBJECT_OPENERS or (nxt in lex.victims and nxt not in ("people", "persons")):
        return True
    q = qualified_at(toks, j, lex, floors)  # "Man killed 2 neighbors", not "Teen killed 2 days after ..."
    if q is None:
        return False
    np_end = _np_forward(toks, q.last, lex, floors)
    return np_end > q.last and toks[np_end - 1].low in lex.victims and not _is_trap(toks, q, np_end, lex)


def _after_attempted(toks, i) -> bool:
    """The death word at ``i`` follows "attempted" ("attempted (first-degree) murder(s) of")."""
    j = i - 1
    if j >= 2 and toks[j].low == "degree" and toks[j - 1].low == "-":
        j -= 3
    return j >= 0 and toks[j].low in ("attempted", "attempt")


def _death_told(text: str) -> bool:
    """The text speaks of somebody dying: a death word outside a charge such as "attempted
    murder" or "assault with a deadly weapon", which are brought for people who lived."""
    return _DEATH_WORDS_RE.search(_NO_DEATH_RE.sub(" ", text)) is not None


#: A report this long that speaks of nobody dying has told the outcome: those shot lived.
FULL_STORY_CHARS = 600
_SURVIVAL_RE = re.compile(r"\b(?:hospital\w*|stable|critical|condition|treated|treatment|injur\w*|wound\w*|"
                          r"surviv\w*|recover\w*|life-threatening|expected to live|released from|grazed|"
                          r"in the (?:left |right |upper |lower )?(?:hand|arm|leg|foot|thigh|knee|ankle|shoulder|hip|"
                          r"buttocks?|elbow|wrist|finger|toe|calf|forearm|shin|stomach|abdomen|groin|torso)s?\b|"
                          r"in the (?:lower |upper )?(?:back|side)\b(?! (?:yard|seat|door|porch|room|of)\b))", re.IGNORECASE)


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
    told = _SURVIVAL_RE.search(text) or (not death_told and (len(text) >= FULL_STORY_CHARS or headline))
    if not killed and (not told or top.low == 1 and death_told):
        # "A policeman was shot in Baghdad": the outcome is not told, so neither figure is;
        # "the fatal shooting of Braxton ... Bourda was shot": the one shot is the one who died
        return dropped
    basis = (f"{top.low} shot minus {dead} killed" if killed else f"{top.low} {NO_DEATH_REPORTED}")
    if top.basis:
        basis = f"{basis} ({top.basis})"
    dropped[at] = attrs.evolve(top, low=n, high=high, value=n if top.value is not None else None,
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
_SURVIVED_RE = re.compile(r"\bsurvived\b|\bexpected to (?:survive|recover|live|be ok(?:ay)?)\b|"
                          r"\bnone of (?:the|their) (?:injuries|wounds) (?:were|are|was|is) (?:considered |believed to be )?"
                          r"life[- ]threatening\b", re.IGNORECASE)


def _group_survivors(text: str) -> List[Claim]:
    """ "All four victims are in stable condition", "the three other teens survived": a whole
    group named with its figure ("all N", "both", "the (other) N victims") and told to be alive
    in the same sentence, which tells of no death, was injured -- N people."""
    lex = load_lexicon()
    out = []
    for m in _GROUP_SURVIVORS_RE.finditer(text):
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
                         basis=f"the whole group {m.group(0)!r} told alive"))
    return out


def _with_group_survivors(text: str, claims: List[Claim], hits: List[bool]):
    """The claims with :func:`_group_survivors` added where no claim already covers their span."""
    extra = [c for c in _group_survivors(text)
             if not any(x.start <= c.start < x.end or c.start <= x.start < c.end for x in claims)
             # "Five were shot ... both teens were in good condition": the pair is a part
             and not any(x.category == "injured" and x.counts and x.low > c.low for x in claims)]
    if not extra:
        return claims, hits
    both = sorted(zip(claims + extra, hits + [False] * len(extra)), key=lambda ch: (ch[0].start, ch[0].end))
    return [c for c, _ in both], [h for _, h in both]


def _has_casualty_figure(claims: List[Claim]) -> bool:
    return any(c.category in ("killed", "injured") and c.counts for c in claims)
