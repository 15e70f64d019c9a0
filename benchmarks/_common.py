"""Helpers shared by the benchmark scripts (timing, corpora, machine description).

Every figure the benchmarks print is meant to be read as a *ratio* measured in the same run:
the machine they run on is shared and noisy, so absolute seconds and MB/s move from run to
run while ratios of best-of-N timings taken side by side stay comparable.
"""
from __future__ import annotations

import datetime as _dt
import gc
import glob
import gzip
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional

REPO = Path(__file__).resolve().parent.parent
#: The development data lives next to the repository, never inside it.
SHARED_DATA = REPO.parent / "shared" / "data"
SEEDS = REPO / "seeds"

MB = 1_000_000  # MB/s figures are in 10^6 bytes of UTF-8 per second


def nbytes(texts) -> int:
    return sum(len(t.encode("utf-8", "surrogatepass")) for t in texts)


def interleaved_best(fns: Dict[str, Callable[[], object]], repeat: int, min_time: float = 0.2):
    """Best-of-``repeat`` seconds per call for several functions, taking their samples in turn.

    Returns ``(best, results)``: the best seconds per call of each function, and what each
    returned on its first call.

    Sampling A, B, C, A, B, C, ... (instead of all A then all B) makes a burst of load from
    another process on the shared machine hit every measurement alike, so the ratios between
    them are steadier than the absolute times.  A function whose call is shorter than
    ``min_time`` (tiny corpora: the seeds) is run several times per sample and the time
    divided, so timer resolution does not dominate; a longer one counts its first
    (calibration) call as a sample.
    """
    repeat = max(1, repeat)
    loops, best, left, results = {}, {}, {}, {}
    for name, fn in fns.items():  # calibrate, and warm up caches (lexicon, compiled regexes)
        gc.collect()
        t0 = time.perf_counter()
        results[name] = fn()
        first = time.perf_counter() - t0
        if first < min_time:
            loops[name] = max(1, int(min_time / max(first, 1e-9)))
            best[name], left[name] = float("inf"), repeat
        else:
            loops[name] = 1
            best[name], left[name] = first, repeat - 1
    while any(left.values()):
        for name, fn in fns.items():
            if not left[name]:
                continue
            left[name] -= 1
            n = loops[name]
            gc.collect()
            t0 = time.perf_counter()
            for _ in range(n):
                fn()
            best[name] = min(best[name], (time.perf_counter() - t0) / n)
    return best, results


def load_seeds() -> List[dict]:
    """The bundled seed reports: report_id, text, published (from seeds/seeds.jsonl)."""
    meta = {}
    index = SEEDS / "seeds.jsonl"
    if index.exists():
        with open(index, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    row = json.loads(line)
                    meta[row["file"]] = row
    rows = []
    for path in sorted(glob.glob(str(SEEDS / "*.txt"))):
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        m = meta.get(name, {})
        rows.append({"report_id": m.get("report_id", name), "text": text, "published": m.get("published")})
    return rows


def load_jsonl_gz(path: Path, limit: Optional[int] = None) -> List[dict]:
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            row = json.loads(line)
            rows.append({"report_id": str(row.get("report_id", len(rows))), "text": row.get("text") or "",
                         "published": row.get("published")})
            if limit is not None and len(rows) >= limit:
                break
    return rows


def machine() -> dict:
    try:
        rev = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "casualties"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
        if rev and dirty:
            rev += " (casualties/ has uncommitted changes)"
    except Exception:  # no git: not worth failing a benchmark over
        rev = ""
    try:
        import casualties
        version = casualties.__version__
    except Exception:
        version = "?"
    return {
        "date": _dt.datetime.now().isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "casualties": version,
        "git": rev,
    }


def print_machine(info: dict) -> None:
    print(f"# {info['date']}  python {info['python']}  {info['platform']}  cpus={info['cpus']}  "
          f"casualties {info['casualties']}  git {info['git'] or '?'}")
    print("# shared, noisy machine: read the ratios; absolute seconds and MB/s are indicative only")
