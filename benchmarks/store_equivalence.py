"""The store against one reconcile: the GVA development articles added in 10 batches by
publication date give the same incidents and ranges as one :func:`casualties.reconcile`.

Reads ``../shared/data/gva/reports.jsonl.gz`` (internal data: nothing of it is written into
the repository).  Prints the time of each add, the B-cubed agreement between the store's
partition of the reports into incidents and reconcile's, the ranges that differ, and whether
every result frame is identical once incident ids are named as reconcile names them.

    python benchmarks/store_equivalence.py [--batches 10] [--limit N]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pandas as pd  # noqa: E402
from _common import SHARED_DATA  # noqa: E402

import casualties  # noqa: E402
from casualties.store_frames import with_reconcile_ids  # noqa: E402

GVA = SHARED_DATA / "gva" / "reports.jsonl.gz"
FRAMES = ("reports", "claims", "incidents", "ranges", "report_incidents")


def bcubed(a: dict, b: dict) -> tuple:
    """B-cubed precision, recall, F1 of partition ``a`` against ``b`` ({item: cluster})."""
    def members(p):
        out = {}
        for x, c in p.items():
            out.setdefault(c, set()).add(x)
        return out

    ma, mb = members(a), members(b)
    prec = sum(len(ma[a[x]] & mb[b[x]]) / len(ma[a[x]]) for x in a) / len(a)
    rec = sum(len(ma[a[x]] & mb[b[x]]) / len(mb[b[x]]) for x in a) / len(a)
    return prec, rec, 2 * prec * rec / (prec + rec)


def batches(frame: pd.DataFrame, n: int):
    order = frame.assign(_p=pd.to_datetime(frame["published"], errors="coerce")).sort_values(
        ["_p", "report_id"], na_position="last").drop(columns="_p")
    size = -(-len(order) // n)
    return [order.iloc[i:i + size] for i in range(0, len(order), size)]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--batches", type=int, default=10)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    if not GVA.exists():
        print(f"no {GVA}: nothing to compare")
        return 0
    frame = casualties.read_reports(GVA)
    if args.limit:
        frame = frame.iloc[:args.limit]
    t = time.perf_counter()
    whole = casualties.reconcile(frame)
    print(f"reconcile of {len(frame)} reports: {time.perf_counter() - t:.1f} s")
    with tempfile.TemporaryDirectory() as tmp, casualties.Store(Path(tmp) / "gva.duckdb") as store:
        for k, part in enumerate(batches(frame, args.batches), 1):
            t = time.perf_counter()
            b = store.add(part)
            print(f"batch {k:2d}: {len(part):4d} reports ({part['published'].min()} .. {part['published'].max()}), "
                  f"{time.perf_counter() - t:5.1f} s, {b.incidents_touched} incidents touched, {b.revisions} revisions")
        result = store.result()
        n_changes = len(store.changes())
        n_history = len(store.id_history())
    a, b = with_reconcile_ids(result), with_reconcile_ids(whole)
    pa = dict(zip(a.reports["report_id"], a.reports["incident_id"]))
    pb = dict(zip(b.reports["report_id"], b.reports["incident_id"]))
    p, r, f = bcubed(pa, pb)
    print(f"incidents: store {a.incidents.shape[0]}, reconcile {b.incidents.shape[0]}; "
          f"B-cubed store vs reconcile: precision {p:.4f} recall {r:.4f} F1 {f:.4f}")
    key = ["incident_id", "category", "victims"]
    ra = a.ranges[key + ["low", "best", "high"]].fillna({"victims": ""})
    rb = b.ranges[key + ["low", "best", "high"]].fillna({"victims": ""})
    m = ra.merge(rb, on=key, how="outer", suffixes=("_store", "_reconcile"), indicator=True)
    def ne(col):  # missing on both sides (a range of vague claims only has no low) is equal
        x, y = m[f"{col}_store"], m[f"{col}_reconcile"]
        return (x.isna() != y.isna()) | (x.notna() & y.notna() & (x.fillna(0) != y.fillna(0)))

    differ = m[(m["_merge"] != "both") | ne("low") | ne("best") | ne("high")]
    print(f"ranges: store {len(ra)}, reconcile {len(rb)}, differing {len(differ)}")
    same = all(getattr(a, n).equals(getattr(b, n)) for n in FRAMES)
    print(f"every frame identical (ids named as reconcile names them): {same}")
    print(f"revisions recorded: {n_changes}; id history rows: {n_history}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
