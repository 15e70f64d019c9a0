"""How clustering grows with the corpus: 1,000 to 1,000,000 reports.

The corpus is made of copies of real reports (the GVA development articles when
../shared/data is present, else the bundled seeds) with their dates moved: copy k of a report
is published 6k years later and every year its text names moves by 6k, so each copy is a
distinct incident, as in a real archive.  Two measurements:

- ``--stage cluster`` (default): the cues of the base reports are read once; each size then
  times blocking, pair scoring and clustering on copied cues (the part that could grow
  quadratically).  Runs to 1,000,000 reports.
- ``--stage pipeline``: the whole ``casualties.reconcile`` on copied texts (extraction,
  cues, clustering, ranges).  Extraction is linear and dominates; sizes are capped by time.
  Copied texts keep their names, so while a name is still rare (few copies) name blocks join
  copies years apart; past 12 copies no name is rare any more.

Each size runs in its own process, so the peak memory (ru_maxrss) is that size's own.
Figures are for comparing sizes within one run on this shared machine, not absolute.

    python benchmarks/bench_cluster.py [--stage cluster|pipeline] [--sizes 1000,10000,...]
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import math
import multiprocessing as mp
import re
import resource
import sys
import time
from pathlib import Path

import attrs

ROOT = Path(__file__).resolve().parents[1]
GVA = ROOT.parent / "shared" / "data" / "gva" / "reports.jsonl.gz"


def base_reports(limit=None):
    if GVA.exists():
        rows = [json.loads(x) for x in gzip.open(GVA, "rt")]
        name = "gva"
    else:
        meta = [json.loads(x) for x in (ROOT / "seeds" / "seeds.jsonl").read_text().splitlines() if x.strip()]
        rows = [{"report_id": m["report_id"], "text": (ROOT / "seeds" / m["file"]).read_text(encoding="utf-8"),
                 "source": m["source"], "published": m["published"], "title": m.get("title")} for m in meta]
        name = "seeds"
    seen, out = set(), []
    for r in rows:
        if r["report_id"] not in seen:  # GVA lists a few articles twice
            seen.add(r["report_id"])
            out.append({k: r.get(k) for k in ("report_id", "text", "source", "published", "title")})
    return name, out[:limit]


def _years(d: dt.date, k: int) -> dt.date:
    try:
        return d.replace(year=d.year + k)
    except ValueError:  # 29 February
        return d.replace(year=d.year + k, day=28)


_YEAR_RE = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")


#: Years between copies: more than the base corpus spans (GVA: 2013-2016), so copies never
#: share a date window and the density of reports per day stays that of the base corpus.
YEARS_APART = 6


def copy_report(r: dict, k: int) -> dict:
    pub = dt.date.fromisoformat(r["published"][:10]) if r.get("published") else None
    y = k * YEARS_APART
    return dict(r, report_id=f"{r['report_id']}#{k}",
                published=_years(pub, y).isoformat() if pub else None,
                text=_YEAR_RE.sub(lambda m: str(int(m.group()) + y), r["text"]) if k else r["text"])


def copy_cues(c, k: int):
    """Copy k of a report's cues: dates k years later, and its names made its own (a distinct
    incident has its own victims and streets; shared names would join copies years apart)."""
    shift = lambda d: _years(d, k * YEARS_APART) if d else d  # noqa: E731
    return attrs.evolve(c, report_id=f"{c.report_id}#{k}", published=shift(c.published),
                        event_date=shift(c.event_date),
                        dates=frozenset(shift(dt.date.fromordinal(o)).toordinal() for o in c.dates),
                        names=frozenset(f"{n}#{k}" for n in c.names) if k else c.names)


def _run_cluster(n, queue):
    from casualties.incidents import _all_cues, cluster_cues
    from casualties.reports import normalize_reports
    import casualties

    _, rows = base_reports()
    reps = normalize_reports(rows)
    claims = {r.report_id: casualties.extract_claims(r.text, r.published) for r in reps}
    base = [c for _, c in sorted(_all_cues(reps, claims).items())]
    cues = {c.report_id: c for c in (copy_cues(base[i % len(base)], i // len(base)) for i in range(n))}
    t0 = time.perf_counter()
    grouping = cluster_cues(cues)
    t1 = time.perf_counter()
    clusters = set(grouping.incident_of.values())
    queue.put({"n": n, "pairs": grouping.candidate_pairs, "kept_pairs": len(grouping.scores),
               "incidents": len(clusters), "skipped_blocks": grouping.skipped_blocks, "total_s": t1 - t0,
               "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def _run_pipeline(n, queue):
    import pandas as pd
    import casualties

    _, rows = base_reports()
    df = pd.DataFrame([copy_report(rows[i % len(rows)], i // len(rows)) for i in range(n)])
    mb = df["text"].str.len().sum() / 1e6
    t0 = time.perf_counter()
    result = casualties.reconcile(df)
    t1 = time.perf_counter()
    queue.put({"n": n, "MB": round(mb, 1), "incidents": len(result.incidents), "total_s": t1 - t0,
               "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def measure(stage: str, n: int) -> dict:
    queue = mp.get_context("fork").Queue()
    target = _run_cluster if stage == "cluster" else _run_pipeline
    p = mp.get_context("fork").Process(target=target, args=(n, queue))
    p.start()
    out = queue.get()
    p.join()
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stage", choices=("cluster", "pipeline"), default="cluster")
    ap.add_argument("--sizes", default=None, help="comma-separated report counts")
    ap.add_argument("--json", help="also write the figures here")
    a = ap.parse_args(argv)
    default = "1000,10000,100000,1000000" if a.stage == "cluster" else "1000,10000,100000"
    sizes = [int(x) for x in (a.sizes or default).split(",")]
    name, rows = base_reports()
    print(f"# base corpus: {name} ({len(rows)} reports), stage {a.stage}; 2-core shared machine: read the ratios")
    results, prev = [], None
    for n in sizes:
        r = measure(a.stage, n)
        if prev is not None:
            r["time_x"] = r["total_s"] / prev["total_s"]
            r["exponent"] = math.log(r["total_s"] / prev["total_s"]) / math.log(n / prev["n"])
        results.append(r)
        prev = r
        print("  " + "  ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in r.items()),
              flush=True)
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
