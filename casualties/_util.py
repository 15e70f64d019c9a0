"""Small helpers shared by several modules."""
from __future__ import annotations

import contextlib
import gc

__all__ = ["gc_paused"]


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
