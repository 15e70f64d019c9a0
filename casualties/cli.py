"""Command line: ``casualties claims PATH`` and ``casualties reconcile PATH`` (and the store
commands of :mod:`casualties.cli_store`).

:func:`main` is the entry point of the ``casualties`` script and of ``python -m casualties``.
It returns the exit code instead of exiting: 0 on success, 2 for bad input (empty input
included) or usage (a one-line message on stderr, no traceback), 130 when interrupted.
Reading the input is :mod:`casualties.cli_input`; the printout is :mod:`casualties.cli_render`
(fitted to the terminal by :mod:`casualties.cli_format`).
"""
from __future__ import annotations

import argparse
import os
import sys
import warnings
from pathlib import Path
from typing import Optional, Sequence

import pandas as pd

from .claims import extract_report_claims
from .compare import SAME_INCIDENT
from .errors import CasualtiesError, CasualtiesWarning, InvalidValueError
from .frames import FRAME_FORMATS, frame_format, write_frame
from .options import BEST_POLICIES
from .progress import READING, RichStages, Stages, stderr_is_tty
from .reconcile import reconcile
from .schema import CLAIM_COLUMNS, typed_frame
from .cli_render import SORT_KEYS

__all__ = ["main", "build_parser", "OUT_FORMATS", "CLAIMS_OUT_COLUMNS"]

PROG = "casualties"
VAGUE_POLICIES = ("design", "acled")
#: File types ``--out`` writes, by extension.
OUT_FORMATS = FRAME_FORMATS
#: Show the progress display (stderr, terminal only) above this many reports.
PROGRESS_MIN = 200
#: The columns ``casualties claims --out`` writes: those of ``Result.claims`` (``incident_id`` and
#: ``role`` empty: this command does not group reports into incidents).
CLAIMS_OUT_COLUMNS = list(CLAIM_COLUMNS)

_INPUT_HELP = """\
input (PATH):
  a folder of .txt files, one report each (report_id = file stem), with an
  optional .jsonl sidecar in the folder: one JSON object per line with "file"
  and any of report_id, source, published, title, url;
  or a .jsonl / .jsonl.gz, .csv or .parquet file with columns report_id and
  text (optionally source, published, title, url);
  or - for standard input: JSON lines or CSV (--input-format, else the first
  character decides: { is JSON lines).
  Identical repeated rows are merged into one report (with a notice); no
  report at all is an error (exit 2), whatever the form of the input."""

_POLICY_HELP = """\
best policies (--policy):
  default  largest stated figure inside the sources' consensus interval;
           the largest stated figure when the sources conflict
  ibc      Iraq Body Count: the reported minimum (with the maximum as high)
  acled    ACLED: the most conservative (lowest) stated figure
  ucdp     UCDP GED: the median stated figure (lower middle when even)
  latest   each source's most recent report (needs clustering to matter)"""

_VAGUE_HELP = "floors for vague words: design (dozens = 24, hundreds = 200) or acled (dozens = 12, hundreds = 100); default: design"


# --------------------------------------------------------------------------- messages

class _Messages:
    """Notices and warnings on stderr ("casualties: ..."), all silenced by ``--quiet``."""

    def __init__(self, quiet: bool):
        self.quiet = quiet

    def notice(self, message: str) -> None:
        if not self.quiet:
            print(f"{PROG}: {message}", file=sys.stderr)

    def warnings(self, caught) -> None:
        """The library's warnings as one line each ("casualties: warning: ..."), others as usual."""
        if self.quiet:
            return
        for w in caught:
            if issubclass(w.category, CasualtiesWarning):
                print(f"{PROG}: warning: {w.message}", file=sys.stderr)
            else:
                warnings.showwarning(w.message, w.category, w.filename, w.lineno)


def _stages(args, n_reports: int) -> Stages:
    """A progress display on stderr (each stage, done/total, ETA): on a terminal, not with
    ``--quiet``, and only for more than :data:`PROGRESS_MIN` reports."""
    if args.quiet or n_reports <= PROGRESS_MIN or not stderr_is_tty():
        return Stages()
    from .cli_format import make_console

    return RichStages(console=make_console(sys.stderr), transient=True)


def _load(args, messages: _Messages):
    from .cli_input import load_reports

    return load_reports(args.path, args.input_format, notice=messages.notice, errors=args.errors)


# --------------------------------------------------------------------------- commands

def _claims_frame(reports, vague_policy: str, stages: Stages) -> pd.DataFrame:
    """Every claim of every report, headline first, as the rows of ``Result.claims`` (the same
    claim ids); ``incident_id`` and ``role`` are empty: this command does not group reports."""
    from .reconcile import _claim_row

    rows = []
    for rep in stages.track(READING, reports, len(reports)):
        title_claims, claims = extract_report_claims(rep.title, rep.text, rep.published, vague_policy=vague_policy)
        rows.extend(_claim_row(rep, None, k, c, "title") for k, c in enumerate(title_claims))
        rows.extend(_claim_row(rep, None, k, c) for k, c in enumerate(claims))
    for row in rows:
        row["incident_id"] = row["role"] = None
    return typed_frame(rows, CLAIMS_OUT_COLUMNS)


def _cmd_claims(args) -> int:
    if args.out:
        frame_format(args.out)  # fail before the work, not after it
    messages = _Messages(args.quiet)
    reports = _load(args, messages)
    stages = _stages(args, len(reports))
    try:
        claims = _claims_frame(reports, args.vague_policy, stages)
    finally:
        stages.close()
    if not args.quiet:
        from .cli_format import make_console
        from .cli_render import print_report_claims

        console = make_console()
        by_report = {rid: g for rid, g in claims.groupby("report_id", sort=False)}
        for i, rep in enumerate(reports):
            if i:
                console.print()
            print_report_claims(console, rep, by_report.get(rep.report_id, claims.iloc[:0]))
        sys.stdout.flush()
    if args.out:
        write_frame(claims, args.out)
        messages.notice(f"wrote {len(claims)} claim{'s' * (len(claims) != 1)} to {args.out}")
    return 0


def _out_target(out: Optional[str]):
    """``(None, None)``, ``("file", path)`` (a path with an extension: the ranges table alone) or
    ``("dir", path)`` (every frame, :meth:`Result.to_files`); checked before any work."""
    if not out:
        return None, None
    path = Path(out)
    if path.suffix and not path.is_dir():
        frame_format(path)
        return "file", path
    if path.exists() and not path.is_dir():
        raise InvalidValueError(f"--out {out}: exists and is not a folder")
    return "dir", path


def _summary(result, args) -> str:
    n_rep, n_inc, n_cl, n_rg = len(result.reports), len(result.incidents), len(result.claims), len(result.ranges)
    return (f"{n_rep:,} report{'s' * (n_rep != 1)}, {n_inc:,} incident{'s' * (n_inc != 1)}, "
            f"{n_cl:,} claim{'s' * (n_cl != 1)}, {n_rg:,} range{'s' * (n_rg != 1)} "
            f"(best policy {args.policy}, vague words {args.vague_policy})")


def _cmd_reconcile(args) -> int:
    kind, out_path = _out_target(args.out)
    if kind == "dir" and args.out_format == "parquet":
        frame_format(out_path / "ranges.parquet")  # pyarrow present: fail before the work
    messages = _Messages(args.quiet)
    reports = _load(args, messages)
    stages = _stages(args, len(reports))
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CasualtiesWarning)
            result = reconcile(reports, cluster=not args.no_cluster, policy=args.policy,
                               vague_policy=args.vague_policy, threshold=args.threshold, progress=stages)
    finally:
        stages.close()
    messages.warnings(caught)
    if not args.quiet:
        from .cli_format import STYLES, make_console
        from .cli_render import print_reconcile

        console = make_console()
        print_reconcile(console, result, sort=args.sort, show_claims=args.claims)
        if len(result.reports):
            console.print()
        console.print(_summary(result, args), style=STYLES["summary"])  # wraps at a space rather than cut
        sys.stdout.flush()
    if kind == "file":
        write_frame(result.ranges, out_path)
        n = len(result.ranges)
        messages.notice(f"wrote {n} range{'s' * (n != 1)} to {out_path}")
    elif kind == "dir":
        paths = result.to_files(out_path, format=args.out_format)
        messages.notice(f"wrote {', '.join(paths)} to {out_path}{os.sep}")
    return 0


# --------------------------------------------------------------------------- parser

class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the description's line breaks; lines sub-command help up with the options'.

    argparse measures sub-command names at the group's indent but prints them one level
    deeper, so a long name ("reconcile") would push its help to the next line.
    """

    def __init__(self, prog):
        super().__init__(prog, max_help_position=30)

    def add_argument(self, action):
        super().add_argument(action)
        if action.help is not argparse.SUPPRESS:
            for sub in self._iter_indented_subactions(action):
                width = len(self._format_action_invocation(sub)) + self._current_indent
                self._action_max_length = max(self._action_max_length, width)


def _add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", metavar="PATH",
                   help="a folder of .txt files (optional .jsonl sidecar), a .jsonl, .jsonl.gz, .csv or .parquet file, "
                        "or - for standard input")
    p.add_argument("--input-format", choices=("jsonl", "csv"), default=None,
                   help="the format of standard input (PATH -); default: { first means jsonl, else csv")
    p.add_argument("--vague-policy", choices=VAGUE_POLICIES, default="design", help=_VAGUE_HELP)
    p.add_argument("--errors", choices=("raise", "skip"), default="raise",
                   help="a bad input row: raise (stop with an error naming the row and field, exit 2) or skip "
                        "(leave it out, list it on stderr, go on with the others); default: raise")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors (no printout, progress "
                   "or notices); with --out, only the files are written")


def _add_claims(sub) -> None:
    p = sub.add_parser(
        "claims", formatter_class=_Formatter,
        help="list the casualty claims found in each report",
        description=(
            "List every casualty claim found in each report, headline first, with the ids\n"
            "reconcile gives them (seed-000:title:0, seed-000:1): category, interval\n"
            "[low, high] (\"open)\" when there is no upper bound), qualifier, the quote with\n"
            "its [start:end] character span (into the title for headline claims), the\n"
            "victims, the cited source, and flags: background (another event), subset,\n"
            "list part, perpetrator claim."
        ),
        epilog=_INPUT_HELP + "\n\noutput (--out FILE): every claim as .csv, .json or .parquet, the columns of\n"
               "  Result.claims, claim ids as reconcile's; incident_id and role empty.\n\n"
               "examples:\n  casualties claims seeds/\n"
               "  casualties claims reports.csv --vague-policy acled --out claims.csv\n"
               "  cat reports.jsonl | casualties claims -",
    )
    _add_common(p)
    p.add_argument("--out", metavar="FILE", help="also write the claims to FILE (.csv, .json or .parquet)")
    p.set_defaults(func=_cmd_claims)


def _add_reconcile(sub) -> None:
    p = sub.add_parser(
        "reconcile", formatter_class=_Formatter,
        help="reconcile the claims into low / best / high ranges per incident",
        description=(
            "Reconcile each incident's claims into ranges per category and victim group:\n"
            "low and high (smallest and largest stated figures), best (by --policy), whether\n"
            "the sources are consistent, and the quotes behind low and high.\n\n"
            "Reports from several outlets that tell of the same incident are grouped first\n"
            "(by event date, place, kind of attack, shared names and headlines);\n"
            "--no-cluster keeps each report its own incident."
        ),
        epilog=_INPUT_HELP + "\n\n" + _POLICY_HELP + "\n\n"
               "printout: incidents sorted by date (--sort deaths: most killed first), each\n"
               "  with its ranges, the claims behind low and high, and its reports; --claims\n"
               "  adds every claim. Lines fit the terminal (COLUMNS, else the terminal, else\n"
               "  80); colour only on a terminal and without NO_COLOR.\n\n"
               "output (--out):\n"
               "  --out DIR   a folder (no extension): reports, claims, incidents, ranges and\n"
               "              report_incidents, as --out-format (csv, json or parquet)\n"
               "  --out FILE  a file with an extension: the ranges table alone, as .csv,\n"
               "              .json (records, ISO dates) or .parquet (needs pyarrow)\n\n"
               "examples:\n  casualties reconcile seeds/\n"
               "  casualties reconcile seeds/ --sort deaths --claims\n"
               "  casualties reconcile reports.jsonl.gz --policy ucdp --out ranges.csv\n"
               "  casualties reconcile reports.jsonl --out results/ --out-format parquet --quiet",
    )
    _add_common(p)
    p.add_argument("--policy", choices=BEST_POLICIES, default="default",
                   help="how the single best figure is chosen (see below); default: default")
    p.add_argument("--threshold", type=float, default=SAME_INCIDENT, metavar="T",
                   help=f"the average pair score (0..1) groups of reports need to merge into one incident; "
                        f"higher keeps more apart; default: {SAME_INCIDENT}")
    p.add_argument("--no-cluster", action="store_true",
                   help="reconcile each report as its own incident (no grouping of reports)")
    p.add_argument("--sort", choices=SORT_KEYS, default="date", help="order of the incidents: date (default) or "
                   "deaths (the best killed figure, most first)")
    p.add_argument("--claims", action="store_true", help="also list every claim of each incident")
    p.add_argument("--out", metavar="DIR|FILE", help="also write every frame to the folder DIR, or the ranges "
                   "table alone to FILE (.csv, .json or .parquet)")
    p.add_argument("--out-format", choices=[f.lstrip(".") for f in FRAME_FORMATS], default="csv",
                   help="the format of the files in --out DIR; default: csv")
    p.set_defaults(func=_cmd_reconcile)


def build_parser() -> argparse.ArgumentParser:
    """The ``casualties`` argument parser (exposed for documentation tools)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        formatter_class=_Formatter,
        description=(
            "Find casualty figures (killed, injured, missing, kidnapped, captured) in news\n"
            "reports and reconcile them into low / best / high ranges per incident, with the\n"
            "quote behind every figure."
        ),
        epilog=(
            _INPUT_HELP + "\n\n"
            "examples:\n"
            "  casualties claims seeds/\n"
            "  casualties reconcile seeds/ --out ranges.csv\n"
            "  casualties reconcile seeds/ --out results/\n"
            "  casualties reconcile reports.jsonl --policy ucdp --out ranges.json\n"
            "  casualties reconcile --help\n\n"
            "exit status: 0 success, 2 bad or empty input or usage, 130 interrupted."
        ),
    )
    from . import __version__  # here, not at import time: casualties/__init__ may import this module

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands", required=True)

    _add_claims(sub)
    _add_reconcile(sub)
    from .cli_store import add_commands  # add, changes, export: casualties.Store

    add_commands(sub, _Formatter, _add_common)
    return parser


def _message(e: BaseException) -> str:
    if isinstance(e, OSError) and e.filename is not None and e.strerror:
        return f"{e.strerror}: {e.filename}"
    return str(e) or type(e).__name__


def _tolerant_output() -> None:
    """Never crash on a character the terminal's encoding cannot show."""
    for stream in (sys.stdout, sys.stderr):
        enc = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if enc and enc != "utf8":
            try:
                stream.reconfigure(errors="backslashreplace")
            except (AttributeError, ValueError, OSError):
                pass


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, --version, usage errors: keep main() returning an int
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    _tolerant_output()
    try:
        return args.func(args)
    except BrokenPipeError:  # e.g. `casualties claims big/ | head`
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return 0
    except (CasualtiesError, OSError) as e:
        sys.stdout.flush()
        print(f"{PROG}: error: {_message(e)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\n{PROG}: interrupted", file=sys.stderr)
        return 130
