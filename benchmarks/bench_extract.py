"""Extraction speed as a ratio to the floor: a bare regex scan of the same text.

    .venv/bin/python benchmarks/bench_extract.py [--repeat N] [--limit N] [--json FILE]

For each corpus (the bundled seeds always; ../shared/data/gva and ../shared/data/rand when
present) it times, side by side and best of N:

* floor      -- re.finditer over the text for digits and number words, consuming every match:
                the least any pure-Python extractor that looks at numbers pays;
* extract    -- casualties.extract_claims(text, published) over every text;
* reconcile  -- casualties.reconcile(DataFrame, cluster=False) over the whole corpus
                (report_id, text, published): extraction plus the tables.

and prints MB/s and the ratios extract/floor and reconcile/floor.  The target (issue: speed)
is reconcile(cluster=False) over the GVA articles at no more than 5x the floor.

If quantulum3 is importable (``pip install -e '.[bench]'``), it is timed over the seeds and a
sample of GVA texts as the baseline to beat (docs/decisions/0001-quantulum3.md).

No figure is asserted: this is a measurement, not a test.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pandas as pd  # noqa: E402

import casualties  # noqa: E402
from _common import MB, SHARED_DATA, interleaved_best, load_jsonl_gz, load_seeds, machine, nbytes, print_machine  # noqa: E402

NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million dozen dozens hundreds thousands"
).split()
FLOOR_RE = re.compile(r"\d+|\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)

TARGET_RECONCILE_OVER_FLOOR = 5.0


def floor_scan(texts):
    n = 0
    for t in texts:
        n += sum(1 for _ in FLOOR_RE.finditer(t))
    return n


def extract_all(rows):
    n = 0
    for r in rows:
        n += len(casualties.extract_claims(r["text"], r["published"]))
    return n


def unique_ids(corpus, ids):
    """``ids`` with repeats suffixed ``#2``, ``#3``...: GVA cites the same article (same id, same
    text) for two incidents a few times, and reconcile() collapses such identical rows into one
    report.  Renaming keeps every text, so reconcile reads the same bytes as the floor and extract."""
    seen, out, dup = {}, [], 0
    for i in ids:
        k = seen[i] = seen.get(i, 0) + 1
        out.append(i if k == 1 else f"{i}#{k}")
        dup += k > 1
    if dup:
        print(f"# note: {corpus}: {dup} repeated report_id(s) renamed with a #2 suffix so every text is timed")
    return out


def corpora(limit):
    out = [("seeds", load_seeds())]
    for name in ("gva", "rand"):
        path = SHARED_DATA / name / "reports.jsonl.gz"
        if path.exists():
            out.append((name, load_jsonl_gz(path, limit)))
        else:
            print(f"# note: {path} not found; skipping the {name} corpus (the seeds still run)")
    if limit is not None:
        out[0] = ("seeds", out[0][1][:limit])
    return out


def bench_corpus(name, rows, repeat):
    texts = [r["text"] for r in rows]
    size = nbytes(texts)
    frame = pd.DataFrame({
        "report_id": unique_ids(name, [r["report_id"] for r in rows]),
        "text": texts,
        "published": [r["published"] for r in rows],
    })
    if frame["published"].isna().all():
        frame = frame.drop(columns=["published"])
    t, got = interleaved_best({
        "floor": lambda: floor_scan(texts),
        "extract": lambda: extract_all(rows),
        "reconcile": lambda: casualties.reconcile(frame, cluster=False),
    }, repeat)
    return {
        "corpus": name,
        "texts": len(rows),
        "bytes": size,
        "claims": got["extract"],
        "floor_matches": got["floor"],
        "seconds": t,
        "mb_per_s": {k: size / MB / v for k, v in t.items()},
        "extract_over_floor": t["extract"] / t["floor"],
        "reconcile_over_floor": t["reconcile"] / t["floor"],
    }


def print_table(results):
    print()
    print(f"{'corpus':<8} {'texts':>6} {'MB':>7} {'claims':>7} | {'floor MB/s':>10} {'extract MB/s':>12} "
          f"{'reconcile MB/s':>14} | {'extract/floor':>13} {'reconcile/floor':>15}")
    for r in results:
        m = r["mb_per_s"]
        print(f"{r['corpus']:<8} {r['texts']:>6} {r['bytes'] / MB:>7.3f} {r['claims']:>7} | {m['floor']:>10.1f} "
              f"{m['extract']:>12.3f} {m['reconcile']:>14.3f} | {r['extract_over_floor']:>12.1f}x "
              f"{r['reconcile_over_floor']:>14.1f}x")


def bench_quantulum(corpus_rows, sample, repeat, q_repeat):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "classifier dependencies not installed": not needed to parse
            from quantulum3 import parser as qparser
            qparser.parse("A car bomb killed at least 44 people.")  # load its tables outside the timing
    except Exception as e:  # ImportError, or a broken install
        print(f"\n# quantulum3 baseline skipped: cannot import quantulum3 ({type(e).__name__}: {e}).")
        print("#   install it with:  .venv/bin/pip install -e '.[bench]'")
        return None

    def parse_all(texts):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return sum(len(qparser.parse(t)) for t in texts)

    out = []
    for name, rows in corpus_rows:
        if name == "seeds":
            picked = rows
            label = f"seeds (all {len(rows)})"
        elif name == "gva":
            picked = random.Random(0).sample(rows, min(sample, len(rows)))
            label = f"gva (sample of {len(picked)}, seed 0)"
        else:
            continue
        texts = [r["text"] for r in picked]
        size = nbytes(texts)
        t, got = interleaved_best({
            "floor": lambda: floor_scan(texts),
            "extract": lambda: extract_all(picked),
        }, repeat)
        tq, gotq = interleaved_best({"quantulum3": lambda: parse_all(texts)}, q_repeat)
        t.update(tq)
        got.update(gotq)
        out.append({
            "corpus": label,
            "texts": len(picked),
            "bytes": size,
            "quantities": got["quantulum3"],
            "seconds": t,
            "mb_per_s": {k: size / MB / v for k, v in t.items()},
            "quantulum3_over_floor": t["quantulum3"] / t["floor"],
            "quantulum3_over_extract": t["quantulum3"] / t["extract"],
        })
    print(f"\nquantulum3 {getattr(sys.modules.get('quantulum3'), '__version__', '')} baseline "
          f"(quantulum3.parser.parse on the same texts, best of {q_repeat}; floor and extract best of {repeat})")
    print(f"{'texts':<32} {'MB':>7} | {'floor MB/s':>10} {'extract MB/s':>12} {'quantulum3 MB/s':>15} | "
          f"{'quantulum3/floor':>16} {'quantulum3/extract':>18}")
    for r in out:
        m = r["mb_per_s"]
        print(f"{r['corpus']:<32} {r['bytes'] / MB:>7.3f} | {m['floor']:>10.1f} {m['extract']:>12.3f} "
              f"{m['quantulum3']:>15.4f} | {r['quantulum3_over_floor']:>15.0f}x {r['quantulum3_over_extract']:>17.1f}x")
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5, help="best of N timings per figure (default 5)")
    ap.add_argument("--limit", type=int, default=None, help="use at most N texts of each corpus")
    ap.add_argument("--json", metavar="FILE", help="also write the figures to FILE as JSON")
    ap.add_argument("--quantulum-sample", type=int, default=200, metavar="N",
                    help="GVA texts to give quantulum3 (default 200; it is slow)")
    ap.add_argument("--quantulum-repeat", type=int, default=1, metavar="N",
                    help="best of N for the quantulum3 baseline (default 1)")
    ap.add_argument("--no-quantulum", action="store_true", help="skip the quantulum3 baseline")
    args = ap.parse_args(argv)

    info = machine()
    print_machine(info)
    print(f"# floor: re.finditer(r'\\d+|\\b(?:one|...|thousands)\\b', IGNORECASE) over each text; "
          f"best of {args.repeat}, samples interleaved")
    corpus_rows = corpora(args.limit)
    results = [bench_corpus(name, rows, args.repeat) for name, rows in corpus_rows]
    print_table(results)

    gva = next((r for r in results if r["corpus"] == "gva"), None)
    target = None
    if gva is not None:
        ratio = gva["reconcile_over_floor"]
        met = ratio <= TARGET_RECONCILE_OVER_FLOOR
        target = {"reconcile_over_floor": ratio, "target": TARGET_RECONCILE_OVER_FLOOR, "met": met}
        print(f"\ntarget: reconcile(cluster=False) over GVA <= {TARGET_RECONCILE_OVER_FLOOR:g}x floor: "
              f"measured {ratio:.1f}x -> {'MET' if met else 'NOT MET'}")
    else:
        print("\ntarget: reconcile(cluster=False) over GVA <= 5x floor: not measured (GVA corpus absent)")

    quantulum = None
    if not args.no_quantulum:
        quantulum = bench_quantulum(corpus_rows, args.quantulum_sample, args.repeat, args.quantulum_repeat)

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"machine": info, "repeat": args.repeat, "limit": args.limit, "corpora": results,
                       "target": target, "quantulum3": quantulum}, f, indent=2)
        print(f"\n# figures written to {args.json}")


if __name__ == "__main__":
    main()
