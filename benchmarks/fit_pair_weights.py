"""Estimate the pair-score weights (casualties.compare.WEIGHTS) on labelled development data.

A supervised Fellegi-Sunter estimate: logistic regression of "same incident" on the pair
features of every candidate pair that blocking produces, with an L2 penalty so that rare
features stay near zero.  Reads the GVA development split from ../shared/data when it is
present (it is never copied into the repository) and prints the weights to paste into
compare.py, with their standard errors and the pair counts behind each feature.

    python benchmarks/fit_pair_weights.py [--l2 1.0]
"""
import argparse
import gzip
import json
import sys
from pathlib import Path

import numpy as np

import casualties
from casualties.blocking import build_blocks, name_frequencies
from casualties.compare import name_weights, pair_features
from casualties.incidents import _all_cues
from casualties.reports import normalize_reports

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "gva"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--l2", type=float, default=1.0)
    a = ap.parse_args(argv)
    path = DATA / "reports.jsonl.gz"
    if not path.exists():
        print(f"{path} not found: nothing to fit on")
        return 0
    rows = [json.loads(x) for x in gzip.open(path, "rt")]
    gold = {r["report_id"]: r["incident_id"] for r in rows}
    reps = normalize_reports([{k: r.get(k) for k in ("report_id", "text", "source", "published", "title", "url")}
                              for r in rows])
    claims = {r.report_id: casualties.extract_claims(r.text, r.published) for r in reps}
    cues = _all_cues(reps, claims)
    ordered = [cues[k] for k in sorted(cues)]
    pairs = sorted(build_blocks(ordered).pairs())
    idf = name_weights(name_frequencies(ordered), len(ordered))
    # kind and perpetrator carry no information here (every GVA incident is a shooting with no
    # named group): they keep their hand-set weights and are left out of the fit
    fixed = {"same_kind", "other_kind", "same_perpetrator", "other_perpetrator"}
    feats = [{k: v for k, v in pair_features(cues[x], cues[y], idf).items() if k not in fixed} for x, y in pairs]
    names = sorted({k for f in feats for k in f})
    X = np.array([[1.0] + [f.get(k, 0.0) for k in names] for f in feats])
    y = np.array([gold[x] == gold[z] for x, z in pairs], dtype=float)
    w = np.zeros(X.shape[1])
    penalty = np.full(X.shape[1], a.l2)
    penalty[0] = 0.0
    for _ in range(50):  # Newton steps
        p = 1 / (1 + np.exp(-X @ w))
        grad = X.T @ (p - y) + penalty * w
        H = (X * (p * (1 - p))[:, None]).T @ X + np.diag(penalty)
        step = np.linalg.solve(H, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    se = np.sqrt(np.diag(np.linalg.inv(H)))
    print(f"# {len(pairs)} candidate pairs, {int(y.sum())} same-incident; L2 {a.l2}")
    print(f'    "prior": {w[0]:.2f},')
    for k, wk, sk, col in zip(names, w[1:], se[1:], X[:, 1:].T):
        print(f'    "{k}": {wk:.2f},  # se {sk:.2f}, {int((col != 0).sum())} pairs')
    return 0


if __name__ == "__main__":
    sys.exit(main())
