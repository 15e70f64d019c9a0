"""A griffe extension that reads the docstring style of `casualties` for the API reference.

The library's docstrings use numpy-like section headers with ``name: description`` items:

    Parameters
    ----------
    result: what :func:`casualties.reconcile` returned.
    low, high: the interval ...

    Returns
    -------
    A DataFrame with ...

Neither griffe's numpy parser (it reads ``name: text`` as a name and a *type*) nor its Google
parser (it wants ``Parameters:`` and indented items) reads that as written.  Before the
docstrings are parsed (``docstring_style: google`` in mkdocs.yml), this extension rewrites
each one into the Google layout, without changing a word:

- ``Parameters`` / ``Attributes`` / ``Raises`` / ... with an underline become ``Parameters:``
  with their items indented; ``low, high: text`` becomes one item per name;
- a ``Returns`` / ``Yields`` section is one block of prose; its type comes from the signature;
- Sphinx roles (``:func:`~casualties.Claim```) become code, linked to the object's page
  when the name resolves (an optional cross-reference: never a warning when it does not);
- doctest lines (``>>> ...``) outside an ``Examples`` section become a ``pycon`` code block.

A section ends at the first blank line; a paragraph after it stays prose.  The files in the
package are not touched: this only changes what the docs build sees.
"""
from __future__ import annotations

import html
import re
from typing import List, Optional

import griffe

_ITEM_SECTIONS = {"Parameters", "Other Parameters", "Attributes", "Raises", "Warns"}
_PROSE_SECTIONS = {"Returns", "Yields"}
_TEXT_SECTIONS = {"Examples", "Example", "Notes", "Note", "See Also", "Warnings", "Warning"}
_UNDERLINE = re.compile(r"^\s*-{3,}\s*$")
_ITEM = re.compile(r"^(?P<names>[\w.*]+(?:\s*,\s*[\w.*]+)*)\s*:\s(?P<text>.*)$")
_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|attr|data|mod|exc|obj|const|ref):`(?P<ref>[^`]+)`")


def _link(obj: griffe.Object, ref: str) -> str:
    """``ref`` as code, wrapped in an optional cross-reference when it resolves."""
    shown_tilde = ref.startswith("~")
    ref = ref.lstrip("~").strip()
    label = ref.rsplit(".", 1)[-1] if shown_tilde else ref
    target = _resolve(obj, ref)
    if target is None:
        return f"<code>{html.escape(label)}</code>"
    return f'<code><autoref optional identifier="{html.escape(target)}">{html.escape(label)}</autoref></code>'


#: Public names that griffe resolves to something else: ``casualties.reconcile`` is the
#: function (``from .reconcile import reconcile``), not the module of the same name.
_PUBLIC = {"casualties.reconcile": "casualties.reconcile.reconcile"}


def _resolve(obj: griffe.Object, ref: str) -> Optional[str]:
    if ref.startswith("casualties.") or ref == "casualties":
        return _PUBLIC.get(ref, ref)
    head, _, rest = ref.partition(".")
    scope = obj if obj.is_module or obj.is_class else obj.parent
    while scope is not None:
        try:
            found = scope.resolve(head)
        except Exception:  # noqa: BLE001 - any failure: not in this scope
            found = None
        if found:
            return found + ("." + rest if rest else "")
        scope = scope.parent
    return None


def _items(header: str, block: List[str]) -> List[str]:
    out = [f"{header}:"]
    for line in block:
        m = _ITEM.match(line) if not line[:1].isspace() else None
        if m is None:
            out.append("    " + line)
            continue
        names = [n.strip() for n in m.group("names").split(",")]
        if header == "Raises":
            out.append("    " + line)
            continue
        out.append(f"    {names[0]}: {m.group('text')}")
        for extra in names[1:]:  # "low, high: text": one item each, continuation lines below
            out.append(f"    {extra}: {m.group('text')}")
    return _expand(out)


def _expand(lines: List[str]) -> List[str]:
    """Give every name of a split item its own copy of the continuation lines."""
    out: List[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("    ") and not line.startswith("     "):
            heads = [line]
            j = i + 1
            while j < len(lines) and lines[j].startswith("    ") and not lines[j].startswith("     ") \
                    and lines[j].split(":", 1)[1:] == line.split(":", 1)[1:]:
                heads.append(lines[j])
                j += 1
            conts = []
            while j < len(lines) and lines[j].startswith("     "):
                conts.append(lines[j])
                j += 1
            for h in heads:
                out.append(h)
                out.extend(conts)
            i = j
        else:
            out.append(line)
            i += 1
    return out


def _doctests(lines: List[str]) -> List[str]:
    out: List[str] = []
    i = 0
    fence = False
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("```"):
            fence = not fence
        if not fence and line.startswith(">>>"):
            out.append("```pycon")
            while i < len(lines) and lines[i].strip():
                out.append(lines[i])
                i += 1
            out.append("```")
            continue
        out.append(line)
        i += 1
    return out


def rewrite(text: str, obj: Optional[griffe.Object] = None) -> str:
    """The docstring ``text`` in the layout griffe's Google parser reads."""
    lines = text.split("\n")
    out: List[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        title = line.strip()
        underlined = i + 1 < len(lines) and _UNDERLINE.match(lines[i + 1]) and not line[:1].isspace()
        if underlined and title in _ITEM_SECTIONS | _PROSE_SECTIONS | _TEXT_SECTIONS:
            i += 2
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i])
                i += 1
            if title in _ITEM_SECTIONS:
                out.extend(_items(title, block))
            elif title in _PROSE_SECTIONS:  # ":" alone: no type in the text, the signature's
                out.extend([f"{title}:", "    :"] + ["    " + b for b in block])
            else:
                out.extend([f"{title}:"] + ["    " + b for b in block])
            continue
        out.append(line)
        i += 1
    out = _doctests(out)
    text = "\n".join(out)
    if obj is not None:
        text = _ROLE.sub(lambda m: _link(obj, m.group("ref")), text)
    return text


class HouseStyle(griffe.Extension):
    """Rewrite every docstring of the loaded package before it is parsed."""

    def on_package(self, *, pkg: griffe.Module, **kwargs) -> None:
        self._walk(pkg, set())

    def _walk(self, obj: griffe.Object, seen: set) -> None:
        if obj.path in seen:
            return
        seen.add(obj.path)
        if obj.docstring is not None:
            obj.docstring.value = rewrite(obj.docstring.value, obj)
        for member in obj.members.values():
            if not member.is_alias:
                self._walk(member, seen)
