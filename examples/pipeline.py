"""Reports in as JSON lines, reconciled tables out as Parquet.

    python examples/pipeline.py INPUT.jsonl OUTPUT_DIR [--policy P] [--no-cluster]

INPUT.jsonl holds one JSON object per line with "report_id" and "text", and optionally
"source", "published" (an ISO date), "title" and "url" (a .jsonl.gz file works too).
OUTPUT_DIR receives reports.parquet, claims.parquet, incidents.parquet and ranges.parquet
(created if needed; files of those names are replaced). Read them back with
casualties.Result.from_files(OUTPUT_DIR, "parquet") or pandas.read_parquet.

Exit codes: 0 done; 2 bad input or usage (the message names the file, line or row and the
field); 3 pyarrow is not installed; 130 interrupted.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path
from typing import Optional, Sequence

import casualties
from casualties.errors import CasualtiesError

EXIT_OK, EXIT_INPUT, EXIT_DEPENDENCY, EXIT_INTERRUPTED = 0, 2, 3, 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pipeline.py",
        description="Reconcile the casualty figures of news reports (JSON lines) and write "
                    "the reports, claims, incidents and ranges tables as Parquet files.",
        epilog="exit codes: 0 done, 2 bad input or usage, 3 pyarrow missing, 130 interrupted",
    )
    parser.add_argument("input", metavar="INPUT.jsonl", type=Path,
                        help="one JSON object per line: report_id, text, and optionally "
                             "source, published, title, url")
    parser.add_argument("output", metavar="OUTPUT_DIR", type=Path,
                        help="folder for reports/claims/incidents/ranges.parquet (created if needed)")
    parser.add_argument("--policy", choices=casualties.BEST_POLICIES, default="default",
                        help="how the single best figure is chosen (default: %(default)s)")
    parser.add_argument("--no-cluster", action="store_true",
                        help="keep each report its own incident")
    return parser


def run(input_path: Path, output_dir: Path, *, policy: str = "default", cluster: bool = True) -> dict:
    """Read, reconcile, write; returns {frame name: path}. Raises what casualties raises."""
    reports = casualties.read_reports(input_path)
    result = casualties.reconcile(reports, cluster=cluster, policy=policy)
    paths = result.to_files(output_dir, "parquet")
    print(f"{len(result.reports)} reports, {len(result.incidents)} incidents, "
          f"{len(result.claims)} claims, {len(result.ranges)} ranges")
    return paths


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)  # exits 2 with a usage message on bad arguments
    # Check what can be checked before the (possibly long) run.
    if importlib.util.find_spec("pyarrow") is None:
        print("pipeline.py: writing Parquet needs pyarrow: pip install 'casualties[parquet]'",
              file=sys.stderr)
        return EXIT_DEPENDENCY
    if args.output.exists() and not args.output.is_dir():
        print(f"pipeline.py: {args.output} exists and is not a folder", file=sys.stderr)
        return EXIT_INPUT
    started = time.perf_counter()
    try:
        paths = run(args.input, args.output, policy=args.policy, cluster=not args.no_cluster)
    except OSError as e:  # no such input file, an output folder that cannot be written
        print(f"pipeline.py: {e}", file=sys.stderr)
        return EXIT_INPUT
    except CasualtiesError as e:  # InvalidValueError, MissingColumnError, DuplicateReportError, ...
        if isinstance(e, ImportError):  # MissingDependencyError
            print(f"pipeline.py: {e}", file=sys.stderr)
            return EXIT_DEPENDENCY
        print(f"pipeline.py: {type(e).__name__}: {e}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("pipeline.py: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    for kind, path in paths.items():
        print(f"  {kind:9} {path}")
    print(f"done in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
