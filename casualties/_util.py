"""Small helpers shared by several modules."""
from __future__ import annotations

import contextlib
import gc
import json
import re
from importlib import resources

__all__ = ["gc_paused", "trie_pattern", "read_bundled_json", "is_missing", "may_hold", "FOLDS_TO_ASCII"]


def trie_pattern(words) -> str:
    """A regular expression (a non-capturing group) matching exactly ``words``, factored by
    common prefixes so the engine rejects most positions on their first letter.  A space in a
    word matches any run of white space."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node) -> str:
        alts = [re.escape(ch).replace(r"\ ", r"\s+") + emit(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(trie) + ")"


#: The characters outside ASCII that a case-insensitive pattern matches to an ASCII letter
#: (dotted and dotless i, the long s, the Kelvin sign); tests/test_fast_paths.py checks this
#: against the regex engine over every code point.
FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def may_hold(text: str, low: str, words) -> bool:
    """A cheap pre-test before a case-insensitive scan whose every match holds one of ``words``
    (lower-case ASCII): ``False`` only when no such match can exist in ``text``. ``low`` is
    ``text.lower()``; a text with a character that folds to an ASCII letter always passes."""
    return any(w in low for w in words) or (not text.isascii() and any(c in text for c in FOLDS_TO_ASCII))


def read_bundled_json(name: str, error):
    """``casualties/_data/<name>`` parsed; a malformed file raises ``error`` naming it."""
    raw = resources.files("casualties").joinpath(f"_data/{name}").read_text(encoding="utf-8")
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise error(f"{name.split('.')[0]}: _data/{name} is not valid JSON: {exc}") from exc


@contextlib.contextmanager
def gc_paused():
    """Pause the cyclic garbage collector for a phase that allocates millions of small,
    acyclic containers (an index, candidate pairs): collections would rescan all of them
    again and again and make the phase grow faster than its input."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def is_missing(value) -> bool:
    """``None``, ``pd.NA``, ``NaN`` and ``NaT`` are missing; containers and other values are not."""
    if value is None:
        return True
    import pandas as pd  # a base dependency, already imported by the package

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a container: pd.isna answers element by element
        return False
