"""The store commands of the command line: ``casualties add STORE PATH``, ``casualties changes
STORE [--since DATE]`` and ``casualties export STORE DIR`` (:class:`casualties.Store`).

:func:`add_commands` registers them on the parser of :mod:`casualties.cli`.
"""
from __future__ import annotations

import argparse
import re
from typing import List

from .frames import FRAME_FORMATS

__all__ = ["add_commands", "format_changes"]


def _span(low, high, cons_low, cons_high) -> str:
    """``44-50 (at least 50)``: the stated range and the consensus interval."""
    from ._util import is_missing

    if is_missing(low) and is_missing(cons_low):
        return "none"
    stated = "no stated figure" if is_missing(low) else f"{int(low)}-{int(high)}"
    if is_missing(cons_low):
        return stated
    if is_missing(cons_high):
        consensus = f"at least {int(cons_low)}"
    elif int(cons_low) == int(cons_high):
        consensus = f"exactly {int(cons_low)}"
    else:
        consensus = f"{int(cons_low)}-{int(cons_high)}"
    return f"{stated} ({consensus})"


def format_changes(changes) -> List[str]:
    """One line per revision: batch, incident, category (and victim group), old -> new range
    with best, the reports that caused it and a note."""
    from ._util import is_missing

    lines = []
    for r in changes.itertuples(index=False):
        what = r.category if is_missing(r.victims) else f"{r.category} ({r.victims})"
        old = _span(r.old_low, r.old_high, r.old_consensus_low, r.old_consensus_high)
        new = _span(r.new_low, r.new_high, r.new_consensus_low, r.new_consensus_high)
        best = "" if is_missing(r.new_best) and is_missing(r.old_best) else \
            f"; best {'-' if is_missing(r.old_best) else int(r.old_best)} -> " \
            f"{'-' if is_missing(r.new_best) else int(r.new_best)}"
        note = "" if is_missing(r.note) or not r.note else f" [{r.note}]"
        cause = "-" if is_missing(r.reports) or not r.reports else r.reports
        lines.append(f"batch {r.batch}  {r.incident_id}  {what}: {old} -> {new}{best}; caused by {cause}{note}")
    return lines


def _cmd_add(args) -> int:
    from . import Store
    from .cli_input import load_reports

    reports = load_reports(args.path, args.input_format, notice=None if not args.quiet else (lambda m: None),
                           errors=args.errors)
    with Store(args.store, policy=args.policy, vague_policy=args.vague_policy) as store:
        batch = store.add(reports)
        if args.quiet:
            return 0
        print(f"batch {batch.batch}: {batch.added} reports added, {batch.replaced} replaced, {batch.unchanged} "
              f"unchanged; {batch.incidents_touched} incidents touched, {batch.revisions} ranges revised; "
              f"{store.n_reports} reports in {args.store}")
        for line in format_changes(store.changes(since=batch.batch - 1)):
            print("  " + line)
    return 0


def _cmd_changes(args) -> int:
    from . import Store

    since = args.since
    if since is not None and re.fullmatch(r"\d+", since):
        since = int(since)
    with Store(args.store, create=False) as store:
        for line in format_changes(store.changes(since=since)):
            print(line)
    return 0


def _cmd_export(args) -> int:
    from . import Store

    with Store(args.store, create=False) as store:
        paths = store.result().to_files(args.dir, format=args.format)
    for name, path in paths.items():
        print(f"{name}: {path}")
    return 0


def add_commands(sub, formatter, add_common) -> None:
    """Register ``add``, ``changes`` and ``export`` on the sub-parsers ``sub`` of the main parser."""
    from .options import BEST_POLICIES

    p = sub.add_parser("add", formatter_class=formatter, help="add reports to a casualty store (a DuckDB file)",
                       description="Add the reports of PATH to the store STORE (created when missing): only the\n"
                                   "new reports are read; incidents keep their ids; prints what moved.")
    p.add_argument("store", metavar="STORE", help="the store file (e.g. war.duckdb)")
    add_common(p)
    p.set_defaults(vague_policy=None)
    p.add_argument("--policy", choices=BEST_POLICIES, default=None, help="best policy of a new store (default: default)")
    p.set_defaults(func=_cmd_add)
    p = sub.add_parser("changes", formatter_class=formatter, help="list the revisions of a store's ranges",
                       description="Every revision of a range, oldest first: old -> new, with its cause.")
    p.add_argument("store", metavar="STORE")
    p.add_argument("--since", metavar="DATE", help="only revisions at or after DATE (ISO), or after batch N")
    p.set_defaults(func=_cmd_changes)
    p = sub.add_parser("export", formatter_class=formatter, help="write a store's result frames to a folder",
                       description="Write reports, claims, incidents and ranges of the store to DIR.")
    p.add_argument("store", metavar="STORE")
    p.add_argument("dir", metavar="DIR")
    p.add_argument("--format", choices=[f.lstrip(".") for f in FRAME_FORMATS], default="csv", help="csv (default), json or parquet")
    p.set_defaults(func=_cmd_export)
