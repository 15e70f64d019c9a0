"""Reading the command line's input: a path, or ``-`` for standard input.

Shared by :mod:`casualties.cli` and :mod:`casualties.cli_store` (so neither imports the other).

- ``PATH`` is anything :func:`casualties.read_reports` reads.
- ``-`` reads standard input as JSON lines or CSV: ``--format jsonl|csv`` says which; without
  it the first non-blank character decides (``{``: JSON lines, anything else: CSV).
- Input with no report at all (an empty file, a folder without ``.txt`` files, empty standard
  input) is an error, exit code 2, whatever its form: :data:`EMPTY_MESSAGE`.
- Repeated identical rows are merged into one report, with a notice on stderr saying how many.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Callable, List, Optional

from .errors import CasualtiesError, InvalidValueError
from .skipped import skipped_message
from .io import read_reports
from .reports import Report, _normalize

__all__ = ["load_reports", "STDIN", "STDIN_FORMATS", "EMPTY_MESSAGE", "merged_notice", "sniff_format"]

#: The path that means standard input.
STDIN = "-"
STDIN_FORMATS = ("jsonl", "csv")
STDIN_NAME = "<stdin>"
EMPTY_MESSAGE = "{path}: no reports in the input"


def sniff_format(data: bytes) -> str:
    """``jsonl`` when the first non-blank character (after a byte order mark) is ``{``, else ``csv``."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    return "jsonl" if head.startswith(b"{") else "csv"


def _read_stdin(fmt: Optional[str], stream=None):
    stream = stream if stream is not None else sys.stdin
    data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode("utf-8")
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        return None
    fmt = fmt or sniff_format(data)
    with tempfile.TemporaryDirectory(prefix="casualties-stdin-") as tmp:
        path = Path(tmp) / f"stdin.{fmt}"
        path.write_bytes(data)
        try:
            return read_reports(path)
        except (CasualtiesError, OSError) as e:  # name standard input, not the temporary file
            raise type(e)(str(e).replace(str(path), STDIN_NAME)) from None


def merged_notice(n_rows: int, n_reports: int) -> Optional[str]:
    """``"2,131 input rows became 2,122 reports: 9 repeated rows merged"`` (None when none were)."""
    merged = n_rows - n_reports
    if merged <= 0:
        return None
    return (f"{n_rows:,} input rows became {n_reports:,} report{'s' * (n_reports != 1)}: "
            f"{merged:,} repeated row{'s' * (merged != 1)} merged")


def load_reports(path: str, fmt: Optional[str] = None, notice: Optional[Callable[[str], None]] = None,
                 stream=None, errors: str = "raise") -> List[Report]:
    """Validated reports from ``path`` (``-``: standard input, in ``fmt`` or sniffed).

    ``notice`` receives the repeated-rows message and, with ``errors="skip"``, the list of
    bad rows left out (default: printed to stderr).  With ``errors="raise"`` the first bad row
    raises.  Raises :class:`~casualties.errors.InvalidValueError` when there is no report at
    all."""
    if fmt is not None and path != STDIN:
        raise InvalidValueError(f"--format applies to standard input ('-') only, not to {path}")
    frame = _read_stdin(fmt, stream) if path == STDIN else read_reports(path)
    where = STDIN_NAME if path == STDIN else path
    if frame is None or not len(frame):
        raise InvalidValueError(EMPTY_MESSAGE.format(path=where))
    try:
        reports, _, skipped = _normalize(frame, errors)
    except CasualtiesError as e:  # name the file too: "reports.csv: field 'published' in row 'r1': ..."
        raise type(e)(f"{where}: {e}") from None
    if skipped:
        (notice or _to_stderr)(skipped_message(skipped, where, "--errors skip"))
    if not reports:
        raise InvalidValueError(f"{where}: no valid report left after skipping bad rows")
    message = merged_notice(len(frame) - len(skipped), len(reports))
    if message:
        (notice or _to_stderr)(message)
    return reports


def _to_stderr(message: str) -> None:
    print(f"casualties: {message}", file=sys.stderr)


def is_stdin(path) -> bool:
    return os.fspath(path) == STDIN
