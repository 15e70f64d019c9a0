"""``casualties.reconcile`` on one process (pandas) and on a Dask LocalCluster: time and memory.

The corpus is synthetic, made here, the same for both runs and never read from disk:

- short real-looking news reports (about 300 characters: a dateline, the toll, the venue, a
  victim and a suspect named), each of one of three outlets' templates ("POLICE in X said ...",
  "X, STATE (AP) — ... killed ...", "The death toll from Saturday's shooting in X rose to ...");
- grouped in incidents of 3, 2 and 1 reports (in turn), each incident a shooting, stabbing or
  car bomb on its own day in one of 40 US towns or 8 Syrian and Iraqi ones, two incidents a day
  from 1 January 1900 on (a million reports reach the year 2584); the reports of an incident
  are published on the day and the two days after and say "on <weekday>";
- names drawn from 60 first names and from surnames of three random syllables (8,000
  possible), so a surname is rare and mostly shared by the reports of one incident.

So a million reports are 500,000 incidents: every stage has real work (extraction,
dates, places with a second look for the minority country, rare names, blocks across bucket
boundaries, pair scores, clustering, ranges), on texts much shorter than news articles (GVA
articles average 2,000 characters and take about 1.5 ms each to extract; these, about 0.3 ms).

Each size runs twice, each time in a fresh process:

- ``pandas``: the corpus built as a pandas DataFrame, then ``casualties.reconcile(df)``;
- ``dask``: a LocalCluster of ``--workers`` worker processes (one thread each,
  ``--memory-limit`` each), the corpus built on the workers (``dask.dataframe.from_map``, one
  partition per ``--partition-size`` reports), then ``casualties.reconcile(ddf)``, which
  collects the whole Result on the driver.

Printed per run: wall seconds of the reconcile call, its result (reports, incidents, claims,
ranges), a digest of the four frames (the two runs of a size must print the same digest), and
peak memory (ru_maxrss): of the pandas process; of the Dask driver process (which also runs
the scheduler) and of each worker.  ``--json FILE`` writes the figures.

    python benchmarks/bench_dask.py [--sizes 10000,100000,1000000] [--only pandas|dask]
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import multiprocessing as mp
import queue
import random
import resource
import sys
import time
from pathlib import Path

from _common import machine, print_machine

TOWNS = [("Dayton", "Ohio"), ("Flint", "Michigan"), ("Macon", "Georgia"), ("Tacoma", "Washington"),
         ("Gary", "Indiana"), ("Shreveport", "Louisiana"), ("Tulsa", "Oklahoma"), ("Memphis", "Tennessee"),
         ("Fresno", "California"), ("Toledo", "Ohio"), ("Akron", "Ohio"), ("Mobile", "Alabama"),
         ("Savannah", "Georgia"), ("Wichita", "Kansas"), ("Omaha", "Nebraska"), ("Baltimore", "Maryland"),
         ("Camden", "New Jersey"), ("Durham", "North Carolina"), ("Peoria", "Illinois"), ("Stockton", "California"),
         ("Jackson", "Mississippi"), ("Birmingham", "Alabama"), ("Louisville", "Kentucky"), ("Richmond", "Virginia"),
         ("Newark", "New Jersey"), ("Hartford", "Connecticut"), ("Milwaukee", "Wisconsin"), ("Detroit", "Michigan"),
         ("Cleveland", "Ohio"), ("Denver", "Colorado"), ("Tucson", "Arizona"), ("Albuquerque", "New Mexico"),
         ("Knoxville", "Tennessee"), ("Chattanooga", "Tennessee"), ("Lubbock", "Texas"), ("Waco", "Texas"),
         ("Spokane", "Washington"), ("Boise", "Idaho"), ("Reno", "Nevada"), ("Topeka", "Kansas")]
FOREIGN = [("Qamishli", "Syria"), ("Hasakah", "Syria"), ("Aleppo", "Syria"), ("Homs", "Syria"),
           ("Mosul", "Iraq"), ("Kirkuk", "Iraq"), ("Baquba", "Iraq"), ("Ramadi", "Iraq")]
FIRST = ["James", "Maria", "Darnell", "Keisha", "Luis", "Tanya", "Marcus", "Andre", "Jasmine", "Tyrone",
         "Carlos", "Brittany", "Dominique", "Jamal", "Latoya", "Miguel", "Shanice", "Terrell", "Yolanda", "Devon",
         "Rashad", "Imani", "Hector", "Monique", "Curtis", "Ebony", "Felix", "Gloria", "Desmond", "Renee",
         "Ahmed", "Layla", "Omar", "Fatima", "Khalid", "Noor", "Samir", "Huda", "Yusuf", "Rania",
         "Travis", "Crystal", "Jerome", "Tamika", "Roberto", "Alicia", "Cedric", "Danielle", "Malik", "Simone",
         "Victor", "Angela", "Wendell", "Porsha", "Quentin", "Natasha", "Reggie", "Candace", "Dante", "Felicia"]
SYLLABLES = ["ka", "mo", "ri", "ten", "vash", "lo", "bri", "dun", "sel", "gor", "ash", "wen", "fal", "kor", "mer",
             "tis", "hol", "zan", "pev", "rud"]
KINDS = ["shooting", "stabbing", "car bomb"]
VENUES = ["a gas station", "a house party", "an apartment complex", "a nightclub", "a convenience store",
          "a city park", "a market", "a bus stop"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
OUTLETS = ["AP", "local TV", "Reuters"]
#: Reports of the incidents of one cycle of six reports: (incident in the cycle, report of it).
CYCLE = [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (2, 0)]
INCIDENTS_PER_DAY = 2
FIRST_DAY = dt.date(1900, 1, 1)


def _surname(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()


def _incident(j: int) -> dict:
    """What every report of incident ``j`` agrees on."""
    rng = random.Random(j)
    town, state = rng.choice(FOREIGN) if rng.random() < 0.1 else rng.choice(TOWNS)
    kind = "car bomb" if state in ("Syria", "Iraq") else rng.choice(KINDS[:2])
    return {"day": FIRST_DAY + dt.timedelta(days=j // INCIDENTS_PER_DAY), "town": town, "state": state,
            "kind": kind, "venue": rng.choice(VENUES), "killed": rng.randint(1, 9), "injured": rng.randint(0, 9),
            "victim": f"{rng.choice(FIRST)} {_surname(rng)}", "suspect": f"{rng.choice(FIRST)} {_surname(rng)}",
            "age": rng.randint(17, 60)}


def report(i: int) -> dict:
    """Report ``i`` of the corpus (a mapping for ``casualties.reconcile``)."""
    cycle, (which, k) = divmod(i, len(CYCLE))[0], CYCLE[i % len(CYCLE)]
    j = 3 * cycle + which
    f = _incident(j)
    published = f["day"] + dt.timedelta(days=k)
    on = WEEKDAYS[f["day"].weekday()]
    killed, injured = NUMBERS[f["killed"] - 1], f["injured"]
    if k == 0:
        title = f"{killed.capitalize()} killed in {f['town']} {f['kind']}"
        text = (f"{f['town'].upper()}, {f['state']} (AP) — A {f['kind']} at {f['venue']} in {f['town']} on {on} "
                f"killed {killed} people and wounded {injured} others, police said. {f['victim']} was among the "
                f"dead. {f['suspect']} was taken into custody.")
    elif k == 1:
        title = None
        text = (f"Police in {f['town']} said at least {f['killed']} people were killed and {injured} were injured "
                f"when a {f['kind']} hit {f['venue']} on {on}. {f['suspect']}, {f['age']}, faces murder charges, "
                f"officials said. Family members identified {f['victim']} as one of the victims.")
    else:
        title = f"Death toll rises after {f['town']} {f['kind']}"
        text = (f"The death toll from {on}'s {f['kind']} in {f['town']}, {f['state']}, rose to "
                f"{f['killed'] + 1}, hospital officials said. {f['victim']} died at the scene.")
    return {"report_id": f"r{i:07d}", "text": text, "source": OUTLETS[k], "published": published.isoformat(),
            "title": title}


def frame(start: int, stop: int):
    import pandas as pd

    return pd.DataFrame([report(i) for i in range(start, stop)],
                        columns=["report_id", "text", "source", "published", "title"])


def digest(result) -> str:
    """One hash of the four frames (values, in order), to check two runs gave the same result."""
    h = hashlib.sha256()
    for kind in ("reports", "claims", "incidents", "ranges"):
        h.update(getattr(result, kind).to_csv(index=False).encode())
    return h.hexdigest()[:16]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _summary(result) -> dict:
    return {"incidents": len(result.incidents), "claims": len(result.claims), "ranges": len(result.ranges),
            "multi_report_incidents": int((result.incidents["n_reports"] > 1).sum()), "digest": digest(result)}


def _run_pandas(n: int, args: dict, queue) -> None:
    import casualties

    df = frame(0, n)
    t0 = time.perf_counter()
    result = casualties.reconcile(df)
    seconds = time.perf_counter() - t0
    queue.put(dict({"n": n, "engine": "pandas", "seconds": round(seconds, 1), "peak_mb": round(_peak_mb())},
                   **_summary(result)))


def _run_dask(n: int, args: dict, queue) -> None:
    import logging

    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    import casualties

    logging.getLogger("distributed.shuffle._scheduler_plugin").setLevel(logging.ERROR)
    size = args["partition_size"]
    npart = max(2 * args["workers"], math.ceil(n / size))
    bounds = [(n * p // npart, n * (p + 1) // npart) for p in range(npart)]
    with LocalCluster(n_workers=args["workers"], threads_per_worker=1, processes=True,
                      memory_limit=args["memory_limit"], dashboard_address=None) as cluster, Client(cluster) as client:
        ddf = dd.from_map(lambda b: frame(*b), bounds, meta=frame(0, 0))
        t0 = time.perf_counter()
        result = casualties.reconcile(ddf)
        seconds = time.perf_counter() - t0
        workers = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    queue.put(dict({"n": n, "engine": f"dask {args['workers']} workers", "partitions": npart,
                    "seconds": round(seconds, 1), "driver_peak_mb": round(_peak_mb()),
                    "worker_peak_mb": sorted(round(v) for v in workers.values())}, **_summary(result)))


def measure(engine: str, n: int, args: dict) -> dict:
    ctx = mp.get_context("spawn")  # a fresh process: its peak memory is this run's own
    results = ctx.Queue()
    p = ctx.Process(target=_run_pandas if engine == "pandas" else _run_dask, args=(n, args, results))
    p.start()
    while True:
        try:
            out = results.get(timeout=10)
            break
        except queue.Empty:
            if not p.is_alive():  # killed (out of memory?) or crashed: say so, do not wait forever
                out = {"n": n, "engine": engine, "failed": f"the run's process ended with exit code {p.exitcode}"}
                break
    p.join()
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated report counts")
    ap.add_argument("--only", choices=("pandas", "dask"), help="run one engine only")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    ap.add_argument("--memory-limit", default="7GiB", help="per worker (default 7GiB)")
    ap.add_argument("--partition-size", type=int, default=10000, help="reports per partition (default 10000)")
    ap.add_argument("--json", help="also write the figures here")
    a = ap.parse_args(argv)
    args = {"workers": a.workers, "memory_limit": a.memory_limit, "partition_size": a.partition_size}
    print_machine(machine())
    print(f"# synthetic corpus (see the docstring): ~300-character reports, incidents of 3, 2 and 1 reports; "
          f"Dask: LocalCluster of {a.workers} worker processes x 1 thread, memory_limit {a.memory_limit}")
    results = []
    for n in [int(x) for x in a.sizes.split(",")]:
        for engine in ("pandas", "dask"):
            if a.only and engine != a.only:
                continue
            r = measure(engine, n, args)
            results.append(r)
            print("  " + "  ".join(f"{k}={v}" for k, v in r.items()), flush=True)
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
