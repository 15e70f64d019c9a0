"""The word tables of `_data/lexicon.json`, validated once and exposed read-only.

The tables are data, not patterns: number words, qualifier phrases (and the interval kind
each one gives), vague words with their floors under each named policy, exact words
("both" = 2), the category vocabulary and the victim nouns with their normalised group.
:func:`load_lexicon` validates the file and raises :class:`~casualties.errors.LexiconError`
naming the section and the entry that is wrong.
"""
from __future__ import annotations

import functools
from types import MappingProxyType
from typing import Mapping

import attrs

from ._util import read_bundled_json
from .errors import LexiconError
from .model import CATEGORIES, VICTIM_GROUPS

#: "shot" (hit by gunfire) is a word table of its own but never a category of its own: the
#: extractor turns a document's "shot" figure into killed / injured (docs/concepts.md, "Shot").
HIT = "shot"
LEXICON_CATEGORIES = CATEGORIES + (HIT,)

__all__ = ["Lexicon", "load_lexicon", "QUALIFIER_KINDS", "VAGUE_POLICIES"]

#: The interval kinds a qualifier phrase may map to (``about_below`` is "nearly N"; ``exact``
#: phrases such as "a total of" only belong to the figure's span).
QUALIFIER_KINDS = frozenset(
    {"exact", "at_least", "more_than", "up_to", "at_most", "about", "about_below"}
)
_CATEGORY_KEYS = ("verbs", "states", "nouns", "phrases")


def _frozen(mapping):
    return MappingProxyType(dict(mapping))


@attrs.frozen
class Lexicon:
    """Validated word tables.  Multi-word entries are tuples of lower-case tokens."""

    units: Mapping[str, int]
    tens: Mapping[str, int]
    scales: Mapping[str, int]
    dozen: int
    qualifiers_before: Mapping[tuple, str]
    qualifiers_after: Mapping[tuple, str]
    vague: Mapping[str, Mapping[tuple, int]]  # policy -> phrase -> floor
    exact_words: Mapping[tuple, int]
    categories: Mapping[str, Mapping[str, tuple]]  # category -> kind -> words/phrases
    victims: Mapping[str, str]  # victim noun -> normalised group
    kinds: Mapping[str, tuple] = MappingProxyType({})  # kind of attack -> phrases, in priority order
    perpetrators: Mapping[str, tuple] = MappingProxyType({})  # canonical group name -> alias phrases

    def vague_floors(self, policy: str) -> Mapping[tuple, int]:
        """The vague-word floors under ``policy`` ("design" or "acled")."""
        try:
            return self.vague[policy]
        except KeyError:
            from .errors import InvalidValueError

            raise InvalidValueError(
                f"vague_policy={policy!r} is not one of {sorted(self.vague)}"
            ) from None


def _phrase(section: str, key: str) -> tuple:
    if not isinstance(key, str) or not key.strip() or key != key.lower():
        raise LexiconError(f"lexicon[{section}]: entry {key!r} must be a non-empty lower-case string")
    return tuple(key.split())


def _count(section: str, key: str, value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise LexiconError(f"lexicon[{section}][{key!r}]: expected a non-negative integer, got {value!r}")
    return value


def _require(data: Mapping, key: str, kind=dict):
    if key not in data:
        raise LexiconError(f"lexicon: missing section {key!r}")
    if not isinstance(data[key], kind):
        raise LexiconError(f"lexicon[{key}]: expected {kind.__name__}, got {type(data[key]).__name__}")
    return data[key]


def build_lexicon(data: Mapping) -> Lexicon:
    """Validate a mapping shaped like ``_data/lexicon.json`` and return a :class:`Lexicon`."""
    nw = _require(data, "number_words")
    numbers = {}
    for part in ("units", "tens", "scales"):
        table = _require(nw, part)
        numbers[part] = _frozen({_phrase(f"number_words.{part}", k)[0]: _count(f"number_words.{part}", k, v)
                                 for k, v in table.items()})
    dozen = _count("number_words", "dozen", nw.get("dozen"))

    q = _require(data, "qualifiers")
    quals = {}
    for pos in ("before", "after"):
        table = _require(q, pos)
        out = {}
        for k, v in table.items():
            if not isinstance(v, str) or v not in QUALIFIER_KINDS:
                raise LexiconError(f"lexicon[qualifiers.{pos}][{k!r}]: {v!r} is not one of {sorted(QUALIFIER_KINDS)}")
            out[_phrase(f"qualifiers.{pos}", k)] = v
        quals[pos] = _frozen(out)

    base = {_phrase("vague", k): _count("vague", k, v) for k, v in _require(data, "vague").items()}
    policies = {}
    for name, overrides in _require(data, "vague_policies").items():
        if not isinstance(overrides, dict):
            raise LexiconError(f"lexicon[vague_policies.{name}]: expected a mapping of vague word to floor")
        floors = dict(base)
        for k, v in overrides.items():
            key = _phrase(f"vague_policies.{name}", k)
            if key not in base:
                raise LexiconError(f"lexicon[vague_policies.{name}][{k!r}]: not a vague word of section 'vague'")
            floors[key] = _count(f"vague_policies.{name}", k, v)
        policies[name] = _frozen(floors)
    if "design" not in policies:
        raise LexiconError("lexicon[vague_policies]: the 'design' policy is required")

    exact = _frozen({_phrase("exact_words", k): _count("exact_words", k, v)
                     for k, v in _require(data, "exact_words").items()})

    cats = {}
    for cat, table in _require(data, "categories").items():
        if cat not in LEXICON_CATEGORIES:
            raise LexiconError(f"lexicon[categories]: {cat!r} is not one of {LEXICON_CATEGORIES}")
        if not isinstance(table, dict):
            raise LexiconError(f"lexicon[categories.{cat}]: expected a mapping of {_CATEGORY_KEYS} to word lists")
        kinds = {}
        for kind in _CATEGORY_KEYS:
            words = table.get(kind, [])
            if not isinstance(words, list):
                raise LexiconError(f"lexicon[categories.{cat}.{kind}]: expected a list")
            kinds[kind] = tuple(_phrase(f"categories.{cat}.{kind}", w) for w in words)
        cats[cat] = _frozen(kinds)

    victims = {}
    for group, words in _require(data, "victims").items():
        if group not in VICTIM_GROUPS:
            raise LexiconError(f"lexicon[victims]: {group!r} is not one of {VICTIM_GROUPS}")
        if not isinstance(words, list):
            raise LexiconError(f"lexicon[victims.{group}]: expected a list of words, got {type(words).__name__}")
        for w in words:
            (token,) = _phrase(f"victims.{group}", w) if " " not in w else (None,)
            if token is None:
                raise LexiconError(f"lexicon[victims.{group}]: {w!r} must be a single word")
            if token in victims and victims[token] != group:
                raise LexiconError(f"lexicon[victims]: {w!r} is listed under both {victims[token]!r} and {group!r}")
            victims[token] = group

    named = {}
    for section in ("kinds", "perpetrators"):
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise LexiconError(f"lexicon[{section}]: expected a mapping of name to phrase list")
        out = {}
        for name, phrases in table.items():
            if not isinstance(phrases, list) or not phrases:
                raise LexiconError(f"lexicon[{section}.{name}]: expected a non-empty list of phrases")
            out[name] = tuple(_phrase(f"{section}.{name}", p) for p in phrases)
        named[section] = _frozen(out)

    return Lexicon(
        kinds=named["kinds"], perpetrators=named["perpetrators"],
        units=numbers["units"], tens=numbers["tens"], scales=numbers["scales"], dozen=dozen,
        qualifiers_before=quals["before"], qualifiers_after=quals["after"],
        vague=_frozen(policies), exact_words=exact, categories=_frozen(cats), victims=_frozen(victims),
    )


@functools.lru_cache(maxsize=None)
def load_lexicon() -> Lexicon:
    """The bundled lexicon, read and validated on first use."""
    return build_lexicon(read_bundled_json("lexicon.json", LexiconError))


VAGUE_POLICIES = ("design", "acled")
