"""Do Dask and pandas agree on real articles?  The first N GVA development reports, reconciled
on pandas and on a LocalCluster of worker processes, must give the same incidents and ranges.

Reads ``../shared/data/gva/reports.jsonl.gz`` (the first ``--limit`` lines, 800 by default;
the columns ``score.py`` gives ``reconcile``: report_id, text, source, published, title, url),
runs ``casualties.reconcile`` on the pandas DataFrame and on a Dask DataFrame of
``--partitions`` partitions (rows shuffled first, so that the reports of one incident fall in
different partitions), and compares:

- the partition of reports into incidents and the incident ids;
- the ranges (every row and column), and the reports, claims and incidents frames.

Prints what differs.  Exit status: 0 when everything is identical, 1 when anything differs,
2 when the data is not there (nothing was compared).

    python benchmarks/dask_agreement.py [--limit 800] [--partitions 8] [--workers 2]
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time

from _common import SHARED_DATA, machine, print_machine

GVA = SHARED_DATA / "gva" / "reports.jsonl.gz"
COLUMNS = ("report_id", "text", "source", "published", "title", "url")


def load(limit: int):
    import pandas as pd

    rows = []
    with gzip.open(GVA, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                rows.append({c: row.get(c) for c in COLUMNS})
            if len(rows) >= limit:
                break
    return pd.DataFrame(rows)


def differences(a, b) -> list:
    """What differs between two results, frame by frame (empty when they are identical)."""
    import pandas as pd

    out = []
    inc_a = dict(zip(a.reports["report_id"], a.reports["incident_id"]))
    inc_b = dict(zip(b.reports["report_id"], b.reports["incident_id"]))
    moved = sorted(r for r in inc_a.keys() | inc_b.keys() if inc_a.get(r) != inc_b.get(r))
    if moved:
        out.append(f"incidents: {len(moved)} reports in another incident, e.g. "
                   + ", ".join(f"{r}: {inc_a.get(r)} vs {inc_b.get(r)}" for r in moved[:5]))
    for kind in ("ranges", "reports", "claims", "incidents"):
        try:
            pd.testing.assert_frame_equal(getattr(a, kind), getattr(b, kind))
        except AssertionError as e:
            out.append(f"{kind}: {str(e).splitlines()[0]} ...")
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=800, help="GVA reports to read (default 800)")
    ap.add_argument("--partitions", type=int, default=8, help="partitions of the Dask DataFrame (default 8)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes of the LocalCluster (default 2)")
    a = ap.parse_args(argv)
    if not GVA.exists():
        print(f"dask_agreement: {GVA} is not there; nothing compared", file=sys.stderr)
        return 2

    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    import casualties

    print_machine(machine())
    df = load(a.limit)
    print(f"# GVA development reports: the first {len(df)} rows ({df['report_id'].nunique()} report ids), "
          f"{a.partitions} partitions, LocalCluster of {a.workers} worker processes")
    t0 = time.perf_counter()
    expected = casualties.reconcile(df)
    t1 = time.perf_counter()
    print(f"pandas: {expected}  {t1 - t0:.1f} s")
    with LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True) as cluster, Client(cluster):
        shuffled = df.sample(frac=1, random_state=0).reset_index(drop=True)
        t1 = time.perf_counter()
        got = casualties.reconcile(dd.from_pandas(shuffled, npartitions=a.partitions))
        t2 = time.perf_counter()
    print(f"dask:   {got}  {t2 - t1:.1f} s (with the workers' first imports)")
    diff = differences(expected, got)
    multi = int((expected.incidents["n_reports"] > 1).sum())
    if diff:
        print("DIFFERENT:\n  " + "\n  ".join(diff))
        return 1
    print(f"IDENTICAL: {len(expected.incidents)} incidents ({multi} of two or more reports), "
          f"{len(expected.ranges)} ranges, {len(expected.claims)} claims; every frame equal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
