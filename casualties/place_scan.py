"""Scanning text for place names: runs of capitalised words looked up in the gazetteer's index
(longest listed name first), the fuzzy pass for runs after a place cue that matched nothing,
US states after a comma, and the words around a name that the keeping rules read
(:mod:`casualties.place_choice`)."""

from __future__ import annotations

import re
from typing import Dict, List, Tuple

import attrs

from .places import _ARTICLES, _DOTTED_RE, FUZZY_MIN_LENGTH, _norm_token

_UPPER = "".join(sorted({c for c in map(chr, list(range(0x41, 0x250)) + list(range(0x1E00, 0x1F00)))
                         if c.isupper()}))
_UP = "[" + re.escape(_UPPER) + "]"
_LET = r"[^\W\d_]"
_AP = "'’‘`ʼʿʾ"
_HY = "\\-‐‑"
_ART = "(?:" + "|".join(sorted(_ARTICLES, key=len, reverse=True)) + ")"
_CAPWORD = f"[{_AP}]?{_UP}(?:{_LET}|[{_AP}](?={_LET}))*"
_UNIT = (
    r"(?:(?:[A-Z]\.){2,}"                                # U.S., N.C., D.C.
    r"|(?:St|Ste|Ft|Mt|Pt)\.(?=[ \u00a0])"               # St. Louis, Ft. Worth
    rf"|(?:(?:{_ART}|[dl]['’])[{_HY}]?)?"                # al-, ez-, d'
    rf"{_CAPWORD}(?:[{_HY}](?:{_ART}[{_HY}])?{_CAPWORD})*)"  # Winston-Salem, Ayn-al-Arab
)
_CONNECT = ("al el ash as ar ad at az an ath adh ed es et ez en er ul ud de del da do dos das du des "
            "di la le les of the y bin ibn upon on sur am im der den van von").split()
_CONN = "(?:" + "|".join(sorted(_CONNECT, key=len, reverse=True)) + ")"
_SEP = r"[ \u00a0]"
_SEQ_RE = re.compile(  # the look-ahead only lets the engine skip most positions quickly
    rf"(?=[{re.escape(_UPPER + _AP)}aeld])"
    rf"(?<![\w{_AP}.\-])(?:(?:al|el){_SEP})?{_UNIT}(?:{_SEP}(?:{_CONN}{_SEP})?{_UNIT})*"
)
_TOKEN_RE = re.compile(rf"{_UNIT}|(?<![^ \u00a0])(?:{_CONN}|al|el)(?={_SEP})")

_CUE_WINDOW = 64
#: Titles before a surname ("Officer Williams"): the surname is a person in the whole text.
_TITLES = frozenset("""officer sgt sergeant mr mrs ms miss dr deputy detective det chief judge sen
senator rep gov governor lt lieutenant capt captain cpl corporal pvt private rev reverend trooper
agent coach president pastor father sister brother uncle aunt attorney prosecutor""".split())
_CUE_WORDS = frozenset("in near outside inside around across from toward towards throughout".split())
_WEAK_CUE_WORDS = frozenset("at into".split())
_OF_NOUNS = frozenset("""town towns city cities village villages province provinces governorate
district region state suburb suburbs outskirts north south east west northeast northwest southeast
southwest part parts area countryside neighbourhood neighborhood capital center centre heart
street streets resident residents native natives mayor people citizens police sheriff settlement
settlements kibbutz camp""".split())
_DIRECTIONS = frozenset("""north south east west northeast northwest southeast southwest northern
southern eastern western central northeastern northwestern southeastern southwestern downtown
suburban rural nearby neighboring neighbouring greater""".split())
_AREA_NOUNS = frozenset("town city village province governorate district region state area".split())
_CUE_LAST = _CUE_WORDS | _DIRECTIONS | _AREA_NOUNS | {"of", "the"}  # fuzzy: strong cues only
_ADMIN_NOUNS = frozenset("province governorate provinces governorates state".split())


def _last_words(text: str, start: int) -> List[str]:
    """Up to six lower-case words just before ``start`` (none if a word or punctuation
    touches it)."""
    if start == 0 or not text[start - 1].isspace():
        return []
    return text[max(0, start - _CUE_WINDOW):start].lower().split()[-6:]


def _has_cue(words: List[str], weak: bool = False) -> bool:
    """A place cue ends ``words``: "in", "near the", "the town of", "north of",
    "in southeast", "in the city of"; with ``weak``, also "at" ("rockets fired at Sderot")."""
    i = len(words) - 1
    if i >= 1 and words[i] == "of" and words[i - 1] in _OF_NOUNS:
        return True
    if i >= 0 and words[i] in _AREA_NOUNS:  # "in the town Kobane" (no "of")
        i -= 1
    if i >= 0 and words[i] in _DIRECTIONS:
        i -= 1
    if i >= 0 and words[i] == "the":
        i -= 1
    if i < 0:
        return False
    if words[i] in _CUE_WORDS or (weak and words[i] in _WEAK_CUE_WORDS):
        return True
    return i >= 1 and words[i] == "of" and words[i - 1] in _OF_NOUNS


def _has_admin_cue(words: List[str]) -> bool:
    """ "province of", "governorate of the" end ``words``."""
    i = len(words) - 1
    if i >= 0 and words[i] == "the":
        i -= 1
    return i >= 1 and words[i] == "of" and words[i - 1] in _ADMIN_NOUNS


_ADMIN_FOLLOW_RE = re.compile(r"[ \u00a0](?:[Pp]rovince|[Gg]overnorate)s?\b")
_COMMA_RE = re.compile(r",[ \u00a0]*")
#: A word after a bare town name that shows it is used as a place ("Hawthorne police").
_PLACE_WORD_AFTER_RE = re.compile(
    r"(?:[ \u00a0]+(?:police|officers?|detectives?|deputies|authorities|officials|residents?|man|woman"
    r"|men|women|teens?|teenagers?|boys?|girls?|youths?|homes?|house|neighbou?rhoods?|area|community"
    r"|mayor|city|town|township|village|suburb|schools?)\b|-(?:area|based)\b)",
    re.IGNORECASE,
)
#: Signs that a bare capitalised word is a person ("Williams said", "Williams, 25,").
_PERSON_AFTER_RE = re.compile(
    r"[ \u00a0]+(?:said|says|told|added|explained|testified|pleaded|was\s+(?:arrested|charged|booked"
    r"|sentenced|convicted|indicted))\b|,[ \u00a0]*\d{1,3},")
_PERSON_BEFORE_RE = re.compile(r"\b(?:said|says|told)[ \u00a0]+\Z")


# --------------------------------------------------------------------------- the index



@attrs.frozen(slots=True)
class _Raw:
    start: int
    end: int
    ntok: int          # unit tokens in the name
    cands: tuple       # ((place index, tier, article-adjusted), ...)
    score: float
    first: bool        # the name opens its run of capitalised words
    last: bool         # the name closes its run
    prev_word: str     # normalised capitalised word just before, inside the run ("" if none)
    next_word: str     # normalised capitalised word just after, inside the run
    dotted: bool       # "U.S.", "N.C."
    run_units: int = 0  # capitalised words in the whole run
    key: str = ""       # the normalised name looked up



def scan(gaz, text: str) -> Tuple[List[_Raw], List[Tuple[int, int, int]]]:
    """Names found in runs of capitalised words, longest first; and the runs that matched
    nothing at their first word, as (start, end of the first three tokens, tokens), for
    the fuzzy pass."""
    raws: List[_Raw] = []
    misses: List[Tuple[int, int, int]] = []
    index_get = gaz._get
    maxtok = gaz._max_tokens
    heads = gaz._heads
    norm = _norm_token
    for run in _SEQ_RE.finditer(text):
        rs, re_ = run.span()
        s = run.group()
        if " " not in s and "\u00a0" not in s:  # one word: most runs ("The", "Police")
            end = re_
            if s[-1] == "." and _DOTTED_RE.match(s):
                key, dotted = s.lower(), True
            else:
                dotted = False
                if len(s) > 3 and s[-1] in "sS" and s[-2] in "'’":  # "Mobile's": "Mobile"
                    s = s[:-2]
                    end -= 2
                key = norm(s)
            hit, score = index_get(key)
            if hit:
                raws.append(_Raw(rs, end, 1, hit, score, True, True, "", "", dotted, 1, key))
            elif not dotted:
                misses.append((rs, end, 1))
            continue
        toks = []
        for t in _TOKEN_RE.finditer(text, rs, re_):
            s = t.group()
            if s.isalpha() and s.islower():  # a connector: "ez" in "Deir ez Zor"
                toks.append((t.start(), t.end(), s, False, False))
            elif s[-1] == "." and _DOTTED_RE.match(s):
                toks.append((t.start(), t.end(), s.lower(), True, True))
            elif len(s) > 3 and s[-1] in "sS" and s[-2] in "'’":  # "Mobile's": "Mobile"
                toks.append((t.start(), t.end() - 2, norm(s[:-2]), True, None))
            else:
                toks.append((t.start(), t.end(), norm(s), True, False))
        n = len(toks)
        run_units = sum(1 for t in toks if t[3])
        i = 0
        while i < n:
            ts, _, tnorm, tunit, tdot = toks[i]
            if not tunit and tnorm not in ("al", "el"):
                i += 1
                continue
            found = None
            # longer names only from a word that starts one ("Rocky" in "Rocky Mount")
            top = min(n, i + maxtok) - 1 if tnorm.partition(" ")[0] in heads else i
            for j in range(top, i - 1, -1):
                if not toks[j][3]:
                    continue
                key = tnorm if j == i else " ".join(t[2] for t in toks[i:j + 1])
                hit, score = index_get(key)
                if hit:
                    found = (j, hit, score, key)
                    break
            if found is None:
                if i == 0 and tunit and tdot is not True:
                    last = min(n, 3)
                    misses.append((ts, toks[last - 1][1], last))
                i += 1
                continue
            j, hit, score, key = found
            units = sum(1 for t in toks[i:j + 1] if t[3])
            prev_word = toks[i - 1][2] if i > 0 and toks[i - 1][3] else ""
            # after a possessive a new phrase starts: "Jerusalem's Old City"
            next_word = toks[j + 1][2] if j + 1 < n and toks[j + 1][3] and toks[j][4] is not None \
                else ""
            raws.append(_Raw(ts, toks[j][1], units, hit, score, i == 0, j == n - 1,
                             prev_word, next_word, bool(tdot) and i == j, run_units, key))
            i = j + 1
    return raws, misses


def fuzzy_pass(gaz, text: str, misses, raws: List[_Raw]) -> None:
    """Add to ``raws`` the fuzzy matches of the runs in ``misses`` (from :func:`scan`) that
    follow a place cue (or precede "province"); only those are tried, so it stays rare."""
    words = gaz._words
    for start, end, ntoks in misses:
        if end - start < FUZZY_MIN_LENGTH:
            continue
        if not (_ADMIN_FOLLOW_RE.match(text, end) or (
                text[start - 1:start] == " "
                and text[max(0, text.rfind(" ", 0, start - 1) + 1):start - 1].lower() in _CUE_LAST
                and _has_cue(_last_words(text, start)))):
            continue
        head = [_norm_token(t.group()) for t in _TOKEN_RE.finditer(text, start, end)]
        for k in range(min(len(head), ntoks), 0, -1):
            q = " ".join(head[:k])
            if q in words.never_places or q in words.stop_names or q in words.words_before_place:
                continue
            got = gaz._fuzzy(q)
            if got:
                toks = list(_TOKEN_RE.finditer(text, start, end))[:k]
                if toks:
                    hit, score = got
                    raws.append(_Raw(start, toks[-1].end(), k, hit, score, True, False, "", "",
                                     False, k, q))
                break


def states_after_commas(gaz, text: str) -> Dict[int, Tuple[str, int, int]]:
    """US states written as ", Calif." / ", N.C." / ", CA" after a capitalised word:
    comma position -> (admin1 key, start, end)."""
    out = {}
    if gaz._state_re is None:
        return out
    for m in gaz._state_re.finditer(text):
        word_end = m.start()
        j = word_end
        while j > 0 and (text[j - 1].isalpha() or text[j - 1] in ".'’"):
            j -= 1
        if j == word_end or not text[j].isupper():
            continue
        code = (gaz._words.us_state_abbreviations.get(m.group("ap"))
                if m.group("ap") else m.group("postal"))
        key = f"US-{code}"
        if key in gaz._admin1_index:
            s = m.start("ap") if m.group("ap") else m.start("postal")
            out[word_end] = (key, s, m.end())
    return out
