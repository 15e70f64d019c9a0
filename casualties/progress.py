"""Progress of :func:`casualties.reconcile`, stage by stage.

The stages, in order: ``reading reports`` (one step per report), ``clustering: cues``,
``clustering: blocking``, ``clustering: scoring pairs`` (one step per candidate pair),
``clustering: grouping`` and ``ranges`` (one step per report).  :func:`stages_for` turns
what a caller passed as ``progress=`` into a :class:`Stages`:

- ``None`` / ``False``: nothing;
- ``True``: a rich progress display (each stage with its name, a bar, done/total, elapsed
  time and ETA) on stderr; in Jupyter rich shows it as a notebook widget when ipywidgets is
  installed;
- a callable: called with the number of reports read so far, as before stages existed (the
  other stages do not call it);
- a :class:`Stages` (anything with ``start``, ``update`` and ``close``): used as it is.

rich is imported only when a display is made, so ``import casualties`` does not pay for it.
"""
from __future__ import annotations

import sys
from typing import Callable, Iterable, Iterator, Optional, TypeVar

__all__ = ["Stages", "CallbackStages", "RichStages", "stages_for", "STAGES", "READING"]

READING = "reading reports"
#: Every stage name, in the order :func:`casualties.reconcile` runs them.
STAGES = (READING, "clustering: cues", "clustering: blocking", "clustering: scoring pairs",
          "clustering: grouping", "ranges")

T = TypeVar("T")


class Stages:
    """The progress interface (this base class shows nothing): ``start(name, total)`` opens a
    stage of ``total`` steps (``None``: unknown), ``update(done)`` says how many are done,
    ``close()`` ends the display."""

    def start(self, name: str, total: Optional[int]) -> None:
        pass

    def update(self, done: int) -> None:
        pass

    def close(self) -> None:
        pass

    def track(self, name: str, items: Iterable[T], total: Optional[int] = None, every: int = 1) -> Iterator[T]:
        """``items``, with the stage ``name`` advanced by one per item (reported each ``every``)."""
        self.start(name, total)
        n = 0
        for n, item in enumerate(items, 1):
            yield item
            if n % every == 0:
                self.update(n)
        if n % every or not n:
            self.update(n)


class CallbackStages(Stages):
    """``progress(n)`` with the number of reports read: the callable form of ``progress=``."""

    def __init__(self, callback: Callable[[int], object]):
        self.callback = callback
        self._stage: Optional[str] = None

    def start(self, name, total):
        self._stage = name

    def update(self, done):
        if self._stage == READING:
            self.callback(done)


class RichStages(Stages):
    """A rich progress display: one line per stage with bar, done/total, elapsed time and ETA.

    ``console``: a :class:`rich.console.Console` (default: one on stderr); ``transient``: clear
    the lines when done (the command line does; in a notebook they stay)."""

    def __init__(self, console=None, transient: bool = False):
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)

        self.console = console if console is not None else Console(stderr=True)
        self._progress = Progress(TextColumn("{task.description:<26}"), BarColumn(bar_width=24),
                                  MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("ETA"),
                                  TimeRemainingColumn(), console=self.console, transient=transient)
        self._task = None
        self._started = False

    def start(self, name, total):
        if not self._started:
            self._progress.start()
            self._started = True
        self._finish_task()
        self._task = self._progress.add_task(name, total=total)

    def update(self, done):
        if self._task is not None:
            self._progress.update(self._task, completed=done)

    def _finish_task(self):
        if self._task is not None:
            task = self._progress.tasks[-1]
            self._progress.update(self._task, total=task.completed if task.total is None else task.total,
                                  completed=task.total if task.total is not None else task.completed)
            self._task = None

    def close(self):
        if self._started:
            self._finish_task()
            self._progress.stop()
            self._started = False


def stages_for(progress) -> Stages:
    """The :class:`Stages` for a ``progress=`` argument (see the module docstring)."""
    if progress is None or progress is False:
        return Stages()
    if progress is True:
        return RichStages()
    if isinstance(progress, Stages) or all(hasattr(progress, a) for a in ("start", "update", "close")):
        return progress
    if callable(progress):
        return CallbackStages(progress)
    from .errors import InputTypeError

    raise InputTypeError(f"progress: expected True, False, None, a callable or a Stages, got {type(progress).__name__}")


def stderr_is_tty() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False
