"""The plain word lists of the claim extractor, `_data/words.json`, validated once at import.

The stage modules (:mod:`casualties.mentions`, :mod:`casualties.clauses`,
:mod:`casualties.lists`, :mod:`casualties.background`, :mod:`casualties.accounting`) bind
their sets from :data:`WORDS` at import (``_AUX = WORDS.set("aux")``), so the hot paths read
plain frozensets and tuples.

Each section of the file is ``{"_doc": "...", "words": [...]}`` (a set of single tokens, or a
tuple in file order) or ``{"_doc": "...", "phrases": [[...], ...]}`` (a table of token
sequences, in file order).  :func:`load_words` validates every entry - a non-empty lower-case
string without whitespace, or a non-empty list of them, no duplicates in a section, no empty
section - and raises :class:`~casualties.errors.LexiconError` naming the section and entry.
"""
from __future__ import annotations

import json
from types import MappingProxyType
from typing import Mapping, Optional, Tuple

from ._util import read_bundled_json
from .errors import LexiconError

__all__ = ["Words", "WORDS", "load_words"]

_KINDS = ("words", "phrases")


class Words:
    """Validated word lists by section name (read-only)."""

    def __init__(self, sections: Mapping[str, tuple], docs: Mapping[str, str]):
        self._sections = MappingProxyType(dict(sections))
        self.docs = MappingProxyType(dict(docs))

    def __contains__(self, name: str) -> bool:
        return name in self._sections

    def names(self) -> Tuple[str, ...]:
        return tuple(self._sections)

    def _get(self, name: str, kind: str) -> tuple:
        try:
            got_kind, entries = self._sections[name]
        except KeyError:
            raise LexiconError(f"words: no section {name!r}") from None
        if got_kind != kind:
            raise LexiconError(f"words[{name}]: is a {got_kind!r} section, not {kind!r}")
        return entries

    def set(self, name: str) -> frozenset:
        """The single-token words of section ``name``, as a frozenset."""
        return frozenset(self._get(name, "words"))

    def tuple(self, name: str) -> tuple:
        """The single-token words of section ``name``, in file order."""
        return self._get(name, "words")

    def phrases(self, name: str) -> tuple:
        """The phrases of section ``name`` (tuples of tokens), in file order."""
        return self._get(name, "phrases")


def _token(section: str, value) -> str:
    if not isinstance(value, str) or not value or value != value.lower() or value.split() != [value]:
        raise LexiconError(
            f"words[{section}]: entry {value!r} must be a non-empty lower-case string without whitespace")
    return value


def build_words(data) -> Words:
    """Validate the parsed contents of a words file and build :class:`Words`."""
    if not isinstance(data, dict):
        raise LexiconError(f"words: expected a mapping of section name to section, got {type(data).__name__}")
    sections, docs = {}, {}
    for name, section in data.items():
        if name == "_doc":
            continue
        if not isinstance(section, dict):
            raise LexiconError(f"words[{name}]: expected a mapping with '_doc' and one of {_KINDS}")
        doc = section.get("_doc")
        if not isinstance(doc, str) or not doc.strip():
            raise LexiconError(f"words[{name}]: missing its '_doc' note")
        kinds = [k for k in section if k != "_doc"]
        if len(kinds) != 1 or kinds[0] not in _KINDS:
            raise LexiconError(f"words[{name}]: expected exactly one of {_KINDS}, got {kinds}")
        kind = kinds[0]
        entries = section[kind]
        if not isinstance(entries, list) or not entries:
            raise LexiconError(f"words[{name}]: expected a non-empty list of {kind}")
        seen, out = set(), []
        for entry in entries:
            if kind == "words":
                item = _token(name, entry)
            else:
                if not isinstance(entry, list) or not entry:
                    raise LexiconError(f"words[{name}]: phrase {entry!r} must be a non-empty list of words")
                item = tuple(_token(name, w) for w in entry)
            if item in seen:
                raise LexiconError(f"words[{name}]: duplicate entry {entry!r}")
            seen.add(item)
            out.append(item)
        sections[name] = (kind, tuple(out))
        docs[name] = doc
    return Words(sections, docs)


def load_words(path: Optional[str] = None) -> Words:
    """Load and validate the bundled `_data/words.json` (or the file at ``path``)."""
    if path is None:
        return build_words(read_bundled_json("words.json", LexiconError))
    with open(path, encoding="utf-8") as f:
        try:
            data = json.load(f)
        except json.JSONDecodeError as exc:
            raise LexiconError(f"words: {path} is not valid JSON: {exc}") from None
    return build_words(data)


#: The bundled word lists, loaded once.
WORDS = load_words()
