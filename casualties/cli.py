"""Command line: ``casualties claims PATH`` and ``casualties reconcile PATH``.

:func:`main` is the entry point of the ``casualties`` script and of ``python -m casualties``.
It returns the exit code instead of exiting: 0 on success, 2 for bad input or usage (a
one-line message on stderr, no traceback), 130 when interrupted.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import os
import re
import sys
import time
import warnings
from pathlib import Path
from typing import Iterable, List, Optional, Sequence

import pandas as pd

from ._util import is_missing as _missing
from .claims import extract_claims
from .compare import SAME_INCIDENT
from .errors import CasualtiesError, CasualtiesWarning
from .frames import FRAME_FORMATS, frame_format, write_frame
from .io import read_reports
from .options import BEST_POLICIES
from .reconcile import reconcile
from .reports import Report, normalize_reports
from .schema import to_list

__all__ = ["main", "build_parser", "OUT_FORMATS"]

PROG = "casualties"
VAGUE_POLICIES = ("design", "acled")
#: File types ``--out`` writes, by extension.
OUT_FORMATS = FRAME_FORMATS
#: Show a progress counter (stderr, TTY only) above this many reports.
PROGRESS_MIN = 200

_INPUT_HELP = """\
input (PATH):
  a folder of .txt files, one report each (report_id = file stem), with an
  optional .jsonl sidecar in the folder: one JSON object per line with "file"
  and any of report_id, source, published, title, url;
  or a .jsonl / .jsonl.gz, .csv or .parquet file with columns report_id and
  text (optionally source, published, title, url)."""

_POLICY_HELP = """\
best policies (--policy):
  default  largest stated figure inside the sources' consensus interval;
           the largest stated figure when the sources conflict
  ibc      Iraq Body Count: the reported minimum (with the maximum as high)
  acled    ACLED: the most conservative (lowest) stated figure
  ucdp     UCDP GED: the median stated figure (lower middle when even)
  latest   each source's most recent report (needs clustering to matter)"""

_VAGUE_HELP = "floors for vague words: design (dozens = 24, hundreds = 200) or acled (dozens = 12, hundreds = 100); default: design"


# --------------------------------------------------------------------------- formatting

def _s(v, empty: str = "-") -> str:
    """A cell: missing values as ``-``, whitespace runs collapsed to one space."""
    if _missing(v):
        return empty
    if isinstance(v, (_dt.date, pd.Timestamp)):
        return v.isoformat()[:10]
    if isinstance(v, (list, tuple)):  # a list column
        v = "; ".join(map(str, v))
    s = re.sub(r"\s+", " ", str(v)).strip()
    return s or empty


def _clip(s: str, width: int) -> str:
    """``s`` cut to ``width`` characters, ending in ``...`` when cut."""
    return s if len(s) <= width else s[: width - 3].rstrip() + "..."


def _interval(low, high) -> str:
    lo = "-" if _missing(low) else str(int(low))
    hi = "open)" if _missing(high) else f"{int(high)}]"
    return f"[{lo}, {hi}"


def _qualifier(q) -> str:
    return _s(q).replace("_", " ")


def _quote(q) -> str:
    return '"' + _s(q, empty="") + '"'


def _flags(background, subset, part_of_list, perpetrator_claim) -> List[str]:
    out = []
    for on, name in ((background, "background"), (subset, "subset"),
                     (part_of_list, "list part"), (perpetrator_claim, "perpetrator claim")):
        if not _missing(on) and bool(on):
            out.append(name)
    return out


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], *, right: Iterable[int] = (),
           indent: str = "  ") -> List[str]:
    """Aligned lines, columns two spaces apart; the last column (free text) is not padded."""
    right = set(right)
    n = len(header)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(n)]
    lines = []
    for r in [header, *rows]:
        cells = []
        for i, cell in enumerate(r):
            if i == n - 1 and i not in right:
                cells.append(cell)
            elif i in right:
                cells.append(cell.rjust(widths[i]))
            else:
                cells.append(cell.ljust(widths[i]))
        lines.append((indent + "  ".join(cells)).rstrip())
    return lines


def _report_header(report_id, source, published, n_claims: Optional[int] = None) -> str:
    parts = [_s(report_id), f"source: {_s(source)}", f"published: {_s(published)}"]
    if n_claims is not None:
        parts.append(f"{n_claims} claim{'' if n_claims == 1 else 's'}")
    return " | ".join(parts)


# --------------------------------------------------------------------------- progress

class _Progress:
    """A counter line on stderr, rewritten in place; silent unless enabled and stderr is a TTY."""

    def __init__(self, total: int, label: str, enabled: bool = True, stream=None):
        self.stream = stream if stream is not None else sys.stderr
        try:
            tty = self.stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        self.total, self.label = total, label
        self.enabled = enabled and tty and total > PROGRESS_MIN
        self._last = 0.0
        self._shown = False

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < self.total and now - self._last < 0.1:
            return
        self._last = now
        self.stream.write(f"\r{self.label} {done}/{self.total} reports")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            width = len(f"{self.label} {self.total}/{self.total} reports")
            self.stream.write("\r" + " " * width + "\r")
            self.stream.flush()
            self._shown = False


def _stdout_is_tty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


# --------------------------------------------------------------------------- output files

# --------------------------------------------------------------------------- commands

def _load(path: str) -> List[Report]:
    """Reports from ``path``, validated (types, dates, duplicate ids) before any work."""
    frame = read_reports(path)
    try:
        reports = normalize_reports(frame)
    except CasualtiesError as e:  # name the file too: "reports.csv: field 'published' in row 'r1': ..."
        raise type(e)(f"{path}: {e}") from None
    if not reports:
        print(f"{PROG}: warning: no reports found in {path}", file=sys.stderr)
    return reports


def _cmd_claims(args) -> int:
    reports = _load(args.path)
    out = sys.stdout
    progress = _Progress(len(reports), "extracting claims:", enabled=not _stdout_is_tty())
    header = ["category", "interval", "qualifier", "victims", "cited source", "flags", "span", "quote"]
    try:
        for i, rep in enumerate(reports):
            claims = extract_claims(rep.text, rep.published, vague_policy=args.vague_policy)
            if i:
                out.write("\n")
            lines = [_report_header(rep.report_id, rep.source, rep.published, len(claims))]
            if claims:
                rows = [[c.category, _interval(c.low, c.high), _qualifier(c.qualifier),
                         _clip(_s(c.victims), 28), _clip(_s(c.cited_source), 40),
                         ", ".join(_flags(c.background, c.subset, c.part_of_list, c.perpetrator_claim)) or "-",
                         f"[{c.start}:{c.end}]", _quote(c.quote)]
                        for c in claims]
                lines += _table(header, rows, right={6})
            else:
                lines.append("  no casualty claims found")
            out.write("\n".join(lines) + "\n")
            progress.update(i + 1)
    finally:
        progress.close()
    return 0


def _counted(c) -> str:
    """``yes``, or ``no (why)``: background, subset, list part, perpetrator claim."""
    if bool(c["counted"]):
        return "yes"
    flags = _flags(c["background"], c["subset"], c["part_of_list"], c["perpetrator_claim"])
    return f"no ({', '.join(flags)})" if flags else "no"


def _sources_line(ids, quotes: dict) -> str:
    parts = []
    for cid in to_list(ids):
        parts.append(f"{cid} {_quote(quotes.get(cid, '?'))}")
    return "; ".join(parts)


def _claims_by_incident(result) -> dict:
    """``{incident_id: claims}``: the claims assigned to it, and the background claims of the
    reports whose main incident it is (shown, not counted)."""
    claims = result.claims
    main_of = dict(zip(result.reports["report_id"], result.reports["incident_id"]))
    home = [i if not pd.isna(i) else main_of.get(r) for i, r in zip(claims["incident_id"], claims["report_id"])]
    return {iid: g for iid, g in claims.groupby(pd.Series(home, index=claims.index), sort=False)}


def _print_incident(out, incident_id, reports: pd.DataFrame, claims: pd.DataFrame,
                    ranges: pd.DataFrame, quotes: dict, retold: Optional[dict] = None) -> None:
    n_rep, retold = len(reports), retold or {}
    if n_rep == 1 and reports["report_id"].iat[0] == incident_id:
        r = reports.iloc[0]
        out.write(f"incident {_report_header(r['report_id'], r['source'], r['published'], int(r['n_claims']))}\n")
    else:
        out.write(f"incident {incident_id} | {n_rep} report{'' if n_rep == 1 else 's'}\n")
        for _, r in reports.iterrows():
            opener = retold.get(r["report_id"])
            told = f" | retold after {opener!r}" if opener is not None else ""
            out.write(f"  report {_report_header(r['report_id'], r['source'], r['published'], int(r['n_claims']))}"
                      f"{told}\n")
    if len(claims):
        out.write("  claims:\n")
        rows = [[c["claim_id"], c["category"], _interval(c["low"], c["high"]), _qualifier(c["qualifier"]),
                 _s(c["victim_group"]), _counted(c), _quote(c["quote"])] for _, c in claims.iterrows()]
        lines = _table(["id", "category", "interval", "qualifier", "victims", "counted", "quote"], rows,
                       indent="    ")
        out.write("\n".join(lines) + "\n")
    else:
        out.write("  no casualty claims found\n")
        return
    if not len(ranges):
        out.write("  ranges: none (no claim counts toward this incident)\n")
        return
    out.write("  ranges:\n")
    header = ["category", "victims", "low", "best", "high", "consistent", "n_claims", "best basis"]
    out.write("\n".join(_ranges_block(ranges, header, quotes)) + "\n")


def _ranges_block(ranges: pd.DataFrame, header: List[str], quotes: dict) -> List[str]:
    rows, extras = [], []
    for _, g in ranges.iterrows():
        rows.append([g["category"], _s(g["victims"], empty="all"), _s(g["low"]), _s(g["best"]), _s(g["high"]),
                     "yes" if bool(g["consistent"]) else "no", _s(g["n_claims"]), _s(g["best_basis"])])
        lo_ids, hi_ids = _s(g["low_claims"], ""), _s(g["high_claims"], "")
        more = []
        if lo_ids and lo_ids == hi_ids:
            same = _s(g["low"]) == _s(g["high"])
            label = f"low/high {_s(g['low'])}" if same else f"low {_s(g['low'])} and high {_s(g['high'])}"
            more.append(f"{label} from {_sources_line(lo_ids, quotes)}")
        else:
            if lo_ids:
                more.append(f"low {_s(g['low'])} from {_sources_line(lo_ids, quotes)}")
            if hi_ids:
                more.append(f"high {_s(g['high'])} from {_sources_line(hi_ids, quotes)}")
        extras.append(more)
    table = _table(header, rows, right={2, 3, 4, 6}, indent="    ")
    lines = [table[0]]
    for line, more in zip(table[1:], extras):
        lines.append(line)
        lines.extend("        " + m for m in more)
    return lines


def _cmd_reconcile(args) -> int:
    out_path = Path(args.out) if args.out else None
    if out_path is not None:
        frame_format(out_path)  # fail before the work, not after it
    reports = _load(args.path)
    progress = _Progress(len(reports), "reading reports:")
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", CasualtiesWarning)
            result = reconcile(reports, cluster=not args.no_cluster, policy=args.policy,
                               vague_policy=args.vague_policy, threshold=args.threshold, progress=progress.update)
    finally:
        progress.close()
    for w in caught:  # the library's warnings as one line each ("casualties: warning: ..."), others as usual
        if issubclass(w.category, CasualtiesWarning):
            print(f"{PROG}: warning: {w.message}", file=sys.stderr)
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)

    out = sys.stdout
    quotes = dict(zip(result.claims["claim_id"], result.claims["quote"]))
    ranges_by_incident = {iid: g for iid, g in result.ranges.groupby("incident_id", sort=False)}
    claims_by_incident = _claims_by_incident(result)
    pairs = result.report_incidents
    reports = result.reports.set_index("report_id", drop=False)
    empty_claims, empty_ranges = result.claims.iloc[:0], result.ranges.iloc[:0]
    for k, iid in enumerate(result.incidents["incident_id"]):
        mine = pairs[pairs["incident_id"] == iid]
        reps = reports.loc[list(mine["report_id"])].reset_index(drop=True)
        retold = dict(zip(mine["report_id"], [o if r == "other" else None for r, o in zip(mine["role"], mine["opener"])]))
        if k:
            out.write("\n")
        _print_incident(out, iid, reps, claims_by_incident.get(iid, empty_claims),
                        ranges_by_incident.get(iid, empty_ranges), quotes, retold)
    n_rep, n_inc, n_cl, n_rg = len(result.reports), len(result.incidents), len(result.claims), len(result.ranges)
    if n_rep:
        out.write("\n")
    out.write(f"{n_rep} report{'s' * (n_rep != 1)}, {n_inc} incident{'s' * (n_inc != 1)}, "
              f"{n_cl} claim{'s' * (n_cl != 1)}, {n_rg} range{'s' * (n_rg != 1)} "
              f"(best policy {args.policy}, vague words {args.vague_policy})\n")
    out.flush()
    if out_path is not None:
        write_frame(result.ranges, out_path)
        print(f"{PROG}: wrote {n_rg} range{'s' * (n_rg != 1)} to {out_path}", file=sys.stderr)
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
                   help="a folder of .txt files (optional .jsonl sidecar), or a .jsonl, .jsonl.gz, .csv or .parquet file")
    p.add_argument("--vague-policy", choices=VAGUE_POLICIES, default="design", help=_VAGUE_HELP)


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
            "  casualties reconcile reports.jsonl --policy ucdp --out ranges.json\n"
            "  casualties reconcile --help\n\n"
            "exit status: 0 success, 2 bad input or usage, 130 interrupted."
        ),
    )
    from . import __version__  # here, not at import time: casualties/__init__ may import this module

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands", required=True)

    p = sub.add_parser(
        "claims", formatter_class=_Formatter,
        help="list the casualty claims found in each report",
        description=(
            "List every casualty claim found in each report: category, interval [low, high]\n"
            "(\"open)\" when there is no upper bound), qualifier, the quote with its [start:end]\n"
            "character span in the text, the victims, the cited source, and flags:\n"
            "background (another event), subset, list part, perpetrator claim."
        ),
        epilog=_INPUT_HELP + "\n\nexamples:\n  casualties claims seeds/\n"
                              "  casualties claims reports.csv --vague-policy acled",
    )
    _add_common(p)
    p.set_defaults(func=_cmd_claims)

    p = sub.add_parser(
        "reconcile", formatter_class=_Formatter,
        help="reconcile the claims into low / best / high ranges per incident",
        description=(
            "Reconcile each incident's claims into ranges per category and victim group:\n"
            "low and high (smallest and largest stated figures), best (by --policy), whether\n"
            "the sources are consistent, and the quotes behind low and high.\n\n"
            "Reports from several outlets that tell of the same incident are grouped first (by\n"
            "event date, place, kind of attack, shared names and headlines); --no-cluster keeps\n"
            "each report its own incident."
        ),
        epilog=_INPUT_HELP + "\n\n" + _POLICY_HELP + "\n\n"
               "output (--out): the ranges table as .csv, .json (records, ISO dates) or\n"
               "  .parquet (needs pyarrow).\n\n"
               "examples:\n  casualties reconcile seeds/\n"
               "  casualties reconcile reports.jsonl.gz --policy ucdp --out ranges.csv",
    )
    _add_common(p)
    p.add_argument("--policy", choices=BEST_POLICIES, default="default",
                   help="how the single best figure is chosen (see below); default: default")
    p.add_argument("--threshold", type=float, default=SAME_INCIDENT, metavar="T",
                   help=f"the average pair score (0..1) groups of reports need to merge into one incident; "
                        f"higher keeps more apart; default: {SAME_INCIDENT}")
    p.add_argument("--no-cluster", action="store_true",
                   help="reconcile each report as its own incident (no grouping of reports)")
    p.add_argument("--out", metavar="FILE", help="also write the ranges table to FILE (.csv, .json or .parquet)")
    p.set_defaults(func=_cmd_reconcile)
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
