"""Linear time on hostile input: extract_claims at 10 KB, 100 KB and 1 MB of each generator.

    .venv/bin/python benchmarks/bench_adversarial.py [--repeat N] [--timeout S] [--json FILE]

Each generator repeats (or draws) a hostile pattern up to the size; extract_claims runs on
it in a forked child process so a pathological input can be stopped instead of hanging the
run.  Printed per input: seconds at each size, the ratios t(100 KB) / t(10 KB) and
t(1 MB) / t(100 KB) -- about 10 when the cost is linear --, MB/s at the largest size run,
and the number of claims at 1 MB.  Status flags:

* SUPERLINEAR -- t(1 MB) / t(100 KB) above 20, or a size ran past 3x the time a linear cost
  predicts from the size before (TIMEOUT ... SUPERLINEAR: the input is not grown further);
* SLOW        -- even a linear cost would take more than ``--timeout`` seconds at the next
  size, so it is not run: linear, but pathologically slow per byte;
* ERROR       -- extract_claims raised (it must never raise on a str) or returned a claim
  whose quote is not text[start:end].

Sizes are in characters (equal to bytes for the ASCII inputs).  No figure is asserted: the
script reports, and exits 1 only when it flagged an input.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import casualties  # noqa: E402
from _common import machine, print_machine  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
LINEAR_LIMIT = 20.0  # t(1MB)/t(100KB) above this is flagged SUPERLINEAR (linear is ~10)
REPEAT_BUDGET = 3.0  # seconds: a size whose calls take longer than this in all is not repeated


def _cycle(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _fit(prefix: str, unit: str, suffix: str, n: int) -> str:
    """``prefix`` + ``unit`` repeated + ``suffix``, exactly ``n`` characters."""
    return prefix + _cycle(unit, n - len(prefix) - len(suffix)) + suffix


def _digits(n):
    return _cycle("1234567890", n)


def _comma_list(n):
    out, i, size = [], 1, 0
    while size < n:
        s = f"{i},"
        out.append(s)
        size += len(s)
        i += 1
    return "".join(out)[:n]


def _random_unicode(seed, surrogates=False):
    def gen(n):
        rnd = random.Random(seed + n)
        ranges = [(0, 0x1F), (0x20, 0x7E), (0x7F, 0x9F), (0xA0, 0x24F), (0x300, 0x36F),  # controls, ASCII, combining
                  (0x590, 0x6FF), (0x200B, 0x202E), (0x2028, 0x2029), (0x4E00, 0x9FFF),  # RTL, zero-width, bidi, CJK
                  (0xFF10, 0xFF19), (0x0660, 0x0669), (0x1F300, 0x1F6FF), (0xFFF0, 0xFFFF)]  # fullwidth/Arabic digits, emoji
        if surrogates:
            ranges.append((0xD800, 0xDFFF))
        return "".join(chr(rnd.randint(*rnd.choice(ranges))) for _ in range(n))
    return gen


def _word_salad(seed):
    words = ("killed wounded injured dead died death toll at least more than up to about nearly dozens "
             "hundreds of scores including among them people civilians police and , . ; - 5 44 1,000 two "
             "twenty-one hundred thousand between to or no one was hurt").split()

    def gen(n):
        rnd = random.Random(seed)
        out, size = [], 0
        while size < n:
            w = rnd.choice(words)
            if rnd.random() < 0.05:
                w = w.capitalize()
            out.append(w)
            size += len(w) + 1
        return " ".join(out)[:n]
    return gen


#: (name, generator(n) -> str of n characters)
GENERATORS = [
    # (1) digit-and-comma runs
    ("digits 1234567890...", _digits),
    ("list 1,2,3,4,...", _comma_list),
    ("grouped 1,000,000,000,...", lambda n: _cycle("1,000", n)),
    ("decimal 1.2.3.4...", lambda n: _cycle("1.", n)),
    ("killed + digit run", lambda n: _fit("killed ", "1234567890", "", n)),
    ("at least 1,000,000,... killed", lambda n: _fit("At least 1", ",000", " people were killed.", n)),
    ("killed 1,2,3,... list", lambda n: ("Killed were " + _comma_list(n))[:n]),
    # (2) hedges
    ("at least at least ...", lambda n: _cycle("at least ", n)),
    ("at least ... 5 killed", lambda n: _fit("", "at least ", "5 killed.", n)),
    # (3) vague words
    ("dozens of dozens of ...", lambda n: _cycle("dozens of ", n)),
    ("dozens of ... killed", lambda n: _fit("", "dozens of ", "people killed.", n)),
    # (4) triggers
    ("killed killed 5 killed 5 ...", lambda n: _cycle("killed killed 5 killed 5 ", n)),
    ("killed, 5 wounded and 3 ...", lambda n: _cycle("killed, 5 wounded and 3 ", n)),
    ("killed ٥٠, wounded ５０ ...", lambda n: _cycle("killed ٥٠ people, wounded ５０ ", n)),
    ("death<spaces>toll", lambda n: _fit("death", " ", "toll of 5.", n)),
    ("death death death ...", lambda n: _cycle("death ", n)),
    ("sentence salad (seed 0)", _word_salad(0)),
    # (5) random unicode / control characters
    ("random unicode (seed 0)", _random_unicode(0)),
    ("random unicode + surrogates", _random_unicode(1, surrogates=True)),
    ("control chars \\x00-\\x1f", lambda n: "".join(chr(i % 32) for i in range(n))),
    ("dots and newlines . . \\n\\n", lambda n: _cycle(". .\n\n.!?", n)),
]


def _child(gen_index: int, size: int, repeat: int, conn) -> None:
    text = GENERATORS[gen_index][1](size)
    if len(text) != size:  # a bug of this script, not of casualties
        conn.send(("error", f"generator made {len(text)} characters, not {size}", ""))
        conn.close()
        return
    try:
        best, n_claims, spent, done = float("inf"), 0, 0.0, 0
        # best of ``repeat``, but a slow call (> REPEAT_BUDGET s in all) is not repeated
        while done < repeat and (done == 0 or spent + best <= REPEAT_BUDGET):
            t0 = time.perf_counter()
            claims = casualties.extract_claims(text)
            dt = time.perf_counter() - t0
            best, spent, done = min(best, dt), spent + dt, done + 1
            n_claims = len(claims)
            bad = [c for c in claims if c.quote != text[c.start:c.end]]
            if bad:
                raise AssertionError(f"{len(bad)} claim(s) with quote != text[start:end], e.g. {bad[0]!r}")
        conn.send(("ok", best, n_claims))
    except BaseException as e:  # report every failure to the parent
        conn.send(("error", f"{type(e).__name__}: {e}", traceback.format_exc()))
    finally:
        conn.close()


def run_one(ctx, gen_index, size, repeat, timeout):
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(gen_index, size, repeat, child))
    proc.start()
    child.close()
    if parent.poll(timeout):
        msg = parent.recv()
        proc.join()
    else:
        proc.terminate()  # only the child this function started
        proc.join()
        msg = ("timeout", timeout, None)
    parent.close()
    return msg


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=3, help="best of N at 10 KB and 100 KB (default 3)")
    ap.add_argument("--repeat-1mb", type=int, default=2,
                    help=f"best of N at 1 MB (default 2); any size is run once when a call takes > {REPEAT_BUDGET:g} s")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds allowed per size (default 60)")
    ap.add_argument("--only", help="run only the generators whose name contains this text")
    ap.add_argument("--json", metavar="FILE", help="also write the figures to FILE as JSON")
    args = ap.parse_args(argv)

    info = machine()
    print_machine(info)
    casualties.extract_claims("A car bomb killed at least 44 people.")  # load the lexicon before forking
    ctx = mp.get_context("fork")

    print(f"# extract_claims(text) on generated input; best of {args.repeat} (1 MB: best of {args.repeat_1mb}); "
          f"timeout {args.timeout:g} s per size; linear => t(1MB)/t(100KB) ~ 10, flagged above {LINEAR_LIMIT:g}")
    print(f"{'input':<34} {'10 KB s':>9} {'100 KB s':>9} {'1 MB s':>9} {'100K/10K':>9} {'1M/100K':>9} "
          f"{'MB/s':>9} {'claims@1MB':>10}  status")
    results, problems = [], []
    t_start = time.perf_counter()
    for gi, (name, _) in enumerate(GENERATORS):
        if args.only and args.only not in name:
            continue
        row = {"input": name, "seconds": {}, "claims": {}, "status": "ok"}
        prev = None
        for size in SIZES:
            repeat = args.repeat_1mb if size >= 1_000_000 else args.repeat
            timeout = args.timeout
            if prev is not None:
                linear = row["seconds"][prev] * size / prev
                if linear > args.timeout:
                    row["status"] = (f"SLOW: stopped before {size // 1000} KB (~{linear:.0f} s expected even if "
                                     f"linear; {prev * 1e-6 / row['seconds'][prev]:.3f} MB/s at {prev // 1000} KB)")
                    break
                # a call that runs past LINEAR_LIMIT x the linear expectation is superlinear anyway
                timeout = min(args.timeout, max(5.0, 1.5 * LINEAR_LIMIT / 10 * linear))
            msg = run_one(ctx, gi, size, repeat, timeout)
            if msg[0] == "ok":
                row["seconds"][size], row["claims"][size] = msg[1], msg[2]
                prev = size
                continue
            if msg[0] == "timeout":
                lower = f", ratio > {timeout / row['seconds'][prev]:.0f}" if prev else ""
                row["status"] = f"TIMEOUT at {size // 1000} KB (> {timeout:.0f} s{lower}): SUPERLINEAR"
            else:
                row["status"] = f"ERROR at {size // 1000} KB: {msg[1]}"
                row["traceback"] = msg[2]
            break  # do not grow a failing or pathological input further
        s = row["seconds"]
        r1 = s[100_000] / s[10_000] if 10_000 in s and 100_000 in s and s[10_000] > 0 else None
        r2 = s[1_000_000] / s[100_000] if 100_000 in s and 1_000_000 in s and s[100_000] > 0 else None
        row["ratio_100k_10k"], row["ratio_1m_100k"] = r1, r2
        if row["status"] == "ok" and r2 is not None and r2 > LINEAR_LIMIT:
            row["status"] = "SUPERLINEAR"
        big = max(s) if s else None
        row["mb_per_s_at_largest"] = big * 1e-6 / s[big] if big and s[big] > 0 else None
        if row["status"] != "ok":
            problems.append(row)
        results.append(row)

        def fmt(v, spec, width):
            return format(v, spec) if v is not None else "-".rjust(width)
        print(f"{name:<34} {fmt(s.get(10_000), '9.4f', 9)} {fmt(s.get(100_000), '9.4f', 9)} "
              f"{fmt(s.get(1_000_000), '9.3f', 9)} {fmt(r1, '9.1f', 9)} {fmt(r2, '9.1f', 9)} "
              f"{fmt(row['mb_per_s_at_largest'], '9.3f', 9)} {fmt(row['claims'].get(1_000_000), '>10', 10)}  "
              f"{row['status']}", flush=True)

    total = time.perf_counter() - t_start
    print(f"\n# {len(results)} inputs in {total:.0f} s")
    if problems:
        print("# PROBLEMS:")
        for row in problems:
            print(f"#   {row['input']}: {row['status']}")
            if row.get("traceback"):
                print("    " + row["traceback"].strip().replace("\n", "\n    "))
    else:
        print("# no exception, no timeout, no superlinear growth")

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"machine": info, "sizes": SIZES, "results": [
                {**r, "seconds": {str(k): v for k, v in r["seconds"].items()},
                 "claims": {str(k): v for k, v in r["claims"].items()}} for r in results]}, f, indent=2)
        print(f"# figures written to {args.json}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
