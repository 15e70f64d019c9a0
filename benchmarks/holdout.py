#!/usr/bin/env python3
"""Score the development data in two parts: the quarter held out by a hash of its ids, and the
rest, which is the only part whose misses anyone reads while tuning (docs/contributing.md).

Run from the project's root, in the project's environment:

    python benchmarks/holdout.py                          # every suite, both parts
    python benchmarks/holdout.py --suite acled,rand       # some suites
    python benchmarks/holdout.py --save before.json       # keep each row's outcome ...
    python benchmarks/holdout.py --against before.json    # ... and count fixes and breaks later
    python benchmarks/holdout.py --misses misses.jsonl    # the *tuning* part's misses only

A row is held out when the first byte of SHA-1 of its id is a multiple of four: RAND and ACLED
rows by ``report_id``, GVA by the gold incident id (an incident's articles stay together, and
all GVA articles are still reconciled in one call, as the scorer does).  The split depends
only on the ids, so it is the same on every machine and in every session.  The figures follow
``../shared/eval/score.py`` (best killed / injured of the row's incident, 0 when none).
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections import Counter, defaultdict
from typing import Dict, Iterable, List, Tuple

from _common import SHARED_DATA

HELD_OUT, TUNE = "held_out", "tune"


def part_of(key) -> str:
    """``"held_out"`` for a quarter of all ids (by SHA-1, stable everywhere), else ``"tune"``."""
    return HELD_OUT if hashlib.sha1(str(key).encode("utf-8")).digest()[0] % 4 == 0 else TUNE


def load_jsonl(path) -> List[dict]:
    """Every row of a gzipped JSON-lines file, with all its fields."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _all_victims(ranges):
    return ranges[ranges["victims"].isna()] if "victims" in ranges.columns else ranges


def _best(result) -> Dict[Tuple[str, str], int]:
    out = {}
    for iid, cat, best in _all_victims(result.ranges)[["incident_id", "category", "best"]].itertuples(index=False):
        out[(str(iid), str(cat))] = 0 if best is None or best != best else int(round(float(best)))
    return out


def _outcomes_per_report(cz, rows, categories, **kw) -> Dict[str, dict]:
    import pandas as pd

    cols = ["report_id", "text", "published", "source", "title", "url"]
    df = pd.DataFrame([{c: r.get(c) for c in cols} for r in rows])
    res = cz.reconcile(df, cluster=False, **kw)
    inc = dict(zip(res.reports["report_id"].astype(str), res.reports["incident_id"].astype(str)))
    best = _best(res)
    out = {}
    for r in rows:
        rid = str(r["report_id"])
        for cat in categories:
            out[f"{rid}:{cat}"] = {"id": rid, "category": cat, "gold": r[cat],
                                   "pred": best.get((inc.get(rid), cat), 0), "part": part_of(rid)}
    return out


def suite_rand(cz):
    return _outcomes_per_report(cz, load_jsonl(SHARED_DATA / "rand" / "reports.jsonl.gz"), ("killed", "injured"))


def suite_acled(cz):
    return _outcomes_per_report(cz, load_jsonl(SHARED_DATA / "acled" / "reports.jsonl.gz"), ("killed",))


def suite_gva(cz):
    import pandas as pd

    rows = load_jsonl(SHARED_DATA / "gva" / "reports.jsonl.gz")
    gold = {g["incident_id"]: g for g in load_jsonl(SHARED_DATA / "gva" / "incidents.jsonl.gz")}
    cols = ["report_id", "text", "source", "published", "title", "url"]
    res = cz.reconcile(pd.DataFrame([{c: r.get(c) for c in cols} for r in rows]))
    pred = dict(zip(res.reports["report_id"].astype(str), res.reports["incident_id"].astype(str)))
    best = _best(res)
    docs = defaultdict(list)
    for r in rows:
        docs[r["incident_id"]].append(str(r["report_id"]))
    out = {}
    for iid, ds in docs.items():
        if iid not in gold:
            continue
        major = Counter(pred.get(d) for d in ds).most_common(1)[0][0]
        for cat in ("killed", "injured"):
            out[f"{iid}:{cat}"] = {"id": str(iid), "category": cat, "gold": gold[iid][cat],
                                   "pred": best.get((major, cat), 0), "part": part_of(iid),
                                   "multi_doc": len(ds) >= 2}
    return out


SUITES = {"rand": suite_rand, "gva": suite_gva, "acled": suite_acled}


def figures(outcomes: Iterable[dict]) -> Dict[str, float]:
    """exact and exact-where-not-zero per category (and per multi-document incident for GVA)."""
    tally = defaultdict(lambda: [0, 0])
    for o in outcomes:
        ok = o["pred"] == o["gold"]
        names = [f"{o['category']}_exact"]
        if o["gold"] > 0:
            names.append(f"{o['category']}_exact_nonzero")
        if o.get("multi_doc"):
            names.append(f"{o['category']}_exact_multi_doc")
        for n in names:
            tally[n][0] += ok
            tally[n][1] += 1
    return {n: round(ok / total, 4) for n, (ok, total) in sorted(tally.items())}


def compare(before: Dict[str, dict], after: Dict[str, dict]) -> Dict[str, Counter]:
    """Per part: rows that became right (fix), became wrong (break), or changed while wrong."""
    out = defaultdict(Counter)
    for key, o in after.items():
        b = before.get(key)
        if b is None or b["pred"] == o["pred"]:
            continue
        kind = "fix" if o["pred"] == o["gold"] else "break" if b["pred"] == b["gold"] else "other"
        out[f"{o['part']} {o['category']}"][kind] += 1
    return out


def main(argv: List[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--suite", default="rand,gva,acled")
    ap.add_argument("--save", help="write every row's outcome to this JSON file")
    ap.add_argument("--against", help="a file written by --save: count fixes and breaks against it")
    ap.add_argument("--misses", help="write the tuning part's misses (never the held-out ones) as JSON lines")
    a = ap.parse_args(argv)
    import casualties as cz

    saved = json.load(open(a.against, encoding="utf-8")) if a.against else {}
    everything, misses = {}, []
    for name in a.suite.split(","):
        outcomes = SUITES[name](cz)
        everything[name] = outcomes
        for part in (TUNE, HELD_OUT):
            figs = figures(o for o in outcomes.values() if o["part"] == part)
            n = len({o["id"] for o in outcomes.values() if o["part"] == part})
            print(f"[{name}] {part:8} n={n:5}  " + "  ".join(f"{k}={v}" for k, v in figs.items()))
        if name in saved:
            for key, c in sorted(compare(saved[name], outcomes).items()):
                print(f"[{name}] vs saved, {key}: {c['fix']} fix, {c['break']} break, {c['other']} other")
        misses += [dict(o, suite=name) for o in outcomes.values() if o["part"] == TUNE and o["pred"] != o["gold"]]
    if a.save:
        json.dump(everything, open(a.save, "w", encoding="utf-8"))
    if a.misses:
        with open(a.misses, "w", encoding="utf-8") as f:
            for m in misses:
                f.write(json.dumps(m) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
