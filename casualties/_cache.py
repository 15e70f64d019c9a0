"""A disk cache for indexes that are slow to build and depend only on bundled data (the gazetteer).

:func:`cached` returns what ``build()`` returns, kept in a pickle file in the user's cache folder
under a key made of everything the object depends on (the package version, the source of the
module that builds it, the data files' contents or sizes and times, the Python version): when
any of them changes, the key changes and the object is built anew.  The cache is only ever a
shortcut: a folder that cannot be written, a file that cannot be read or holds something else,
and the object is built as without it.

The folder is ``$CASUALTIES_CACHE_DIR`` when set (empty, ``0`` or ``off`` turn the cache off),
else ``$XDG_CACHE_HOME/casualties`` or ``~/.cache/casualties`` (``~/Library/Caches/casualties``
on macOS, ``%LOCALAPPDATA%\\casualties`` on Windows).  Files are written whole under a temporary
name and then renamed, so a reader never sees half a file; only the newest three keys are kept.
The files are pickles, read back only from the user's own cache folder.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Callable, Iterable, Optional, TypeVar, Union

from ._util import gc_paused

__all__ = ["CACHE_ENV", "cache_dir", "cache_key", "cached"]

T = TypeVar("T")

#: The environment variable that names the cache folder ("" / "0" / "off": no cache).
CACHE_ENV = "CASUALTIES_CACHE_DIR"
#: How many files (keys) of one name are kept.
KEEP_FILES = 3
_OFF = frozenset({"", "0", "off", "no", "none", "false"})


def cache_dir() -> Optional[Path]:
    """The folder cached indexes live in, or None when the cache is turned off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return None if value.strip().lower() in _OFF else Path(value).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "casualties"


def file_stamp(path: Union[str, Path], *, contents: bool = False) -> bytes:
    """What a cache key needs to know of a data file: its contents' hash (``contents``, for
    small files), else its name, size and modification time; a missing file gives its name."""
    p = Path(path)
    try:
        if contents:
            return p.name.encode() + b"=" + hashlib.sha256(p.read_bytes()).hexdigest().encode()
        st = p.stat()
    except OSError:
        return p.name.encode() + b"=missing"
    return f"{p.name}={st.st_size}:{st.st_mtime_ns}".encode()


def cache_key(parts: Iterable[Union[str, bytes]]) -> str:
    """A short hex digest of ``parts`` (and of the Python version and pickle protocol)."""
    h = hashlib.sha256(f"{sys.version_info[:2]}|{pickle.HIGHEST_PROTOCOL}".encode())
    for part in parts:
        h.update(b"\0" + (part if isinstance(part, bytes) else part.encode("utf-8")))
    return h.hexdigest()[:20]


def cached(name: str, key: str, build: Callable[[], T], accept: Callable[[object], bool] = lambda obj: True) -> T:
    """``build()``, or the object a previous call with the same ``name`` and ``key`` kept on
    disk (when ``accept`` takes it).  Never fails because of the cache."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.pickle"
    try:
        with open(path, "rb") as f, gc_paused():
            obj = pickle.load(f)
        if accept(obj):
            return obj
    except Exception:  # missing, unreadable, truncated, from another version: build it anew
        pass
    obj = build()
    _store(folder, name, path, obj)
    return obj


def _store(folder: Path, name: str, path: Path, obj) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        # keep the newest few keys (a few installs or versions may share the folder), drop the rest
        files = sorted(folder.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in files[KEEP_FILES:]:
            old.unlink()
    except (OSError, pickle.PicklingError):  # a read-only or full disk: the cache is only a shortcut
        try:
            tmp.unlink()
        except OSError:
            pass
