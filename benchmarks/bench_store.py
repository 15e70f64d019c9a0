"""Adding 1,000 reports to casualty stores of 10k, 100k and 1M reports: does the cost of an
add grow with the batch, not with the store?  (Not run by the test suite: it writes GBs.)

How the stores are made (synthetic, so that 1M reports take minutes, not a day of extraction):
a template of 2,000 generated reports (about 700 incidents: a kind of attack, a town of Syria
or Iraq, a day over 60 days of 2016, a named victim, one to four reports each with figures
that move) is added to a store for real with :meth:`casualties.Store.add`.  The store's tables
are then copied (K - 1) times, each copy's report ids, incident ids and claim ids renamed, its
dates moved on by 70 days per copy and its rare names made its own (``name~copy``), so each
copy holds its own incidents; its cues are re-pickled with those changes and its block keys are
computed from them with :func:`casualties.blocking.block_keys`, and the counts (reports per
name, per block key, vocabulary, countries) are recounted over all copies.  The batch then
added holds 1,000 new generated reports: half are further reports of incidents already in the
store, half are new incidents, all on the days of the first five copies: every store gets the
same batch, meeting the same stored incidents, and only the store around it grows.

    python benchmarks/bench_store.py [--sizes 10000 100000 1000000] [--dir /tmp/stores]

Each add runs in a fresh process on a copy-free store (the store is rebuilt or reused from
``--dir``); the figures are the add's wall time and the process's peak resident memory
growth during the add (VmHWM - VmRSS before), with the store file's size.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import pickle
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import attrs
import pandas as pd

TEMPLATE = 2000
DAYS = 70
START = _dt.date(2016, 1, 1)
TOWNS = ("Qamishli", "Hasakah", "Raqqa", "Aleppo", "Idlib", "Homs", "Hama", "Deir ez-Zor", "Palmyra", "Manbij",
         "Kobani", "Daraa", "Mosul", "Kirkuk", "Tikrit", "Ramadi", "Fallujah", "Baquba", "Samarra", "Erbil")
KINDS = ("car bomb", "truck bomb", "roadside bomb", "suicide bombing", "mortar attack", "drone strike")
OUTLETS = ("AP", "Reuters", "AFP", "Al Jazeera", "Xinhua", "SANA", "Anadolu", "Rudaw")
CITED = ("police", "the health ministry", "state media", "hospital officials", "a local official")
FIRST = ("Ahmad", "Khalil", "Yusuf", "Omar", "Samir", "Rami", "Fadi", "Nabil", "Walid", "Tariq", "Hussein", "Karim")
LAST = ("Zorbani", "Qattawi", "Hamdouni", "Sirwani", "Matloubi", "Dahrouj", "Kassabi", "Nourzai", "Faqihi", "Tellawi",
        "Jaboori", "Marrouf", "Shabandar", "Ghazzawi", "Rifaai", "Bazzaz", "Dulaimi", "Obaidi", "Khafaji", "Zubaidi")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def incidents(rng: random.Random, n: int, day0: _dt.date, days: int):
    """``n`` incidents: (town, day, kind, toll, victim) on days from ``day0``."""
    return [(rng.choice(TOWNS), day0 + _dt.timedelta(days=rng.randrange(days)), rng.choice(KINDS),
             rng.randint(2, 60), f"{rng.choice(FIRST)} {rng.choice(LAST)}") for _ in range(n)]


def text(rng: random.Random, incident) -> tuple:
    town, day, kind, toll, victim = incident
    said = rng.choice(CITED)
    killed = max(1, toll + rng.randint(-toll // 4, toll // 3))
    hedge = rng.choice(("", "at least ", "more than ", "about "))
    body = (f"A {kind} killed {hedge}{killed} people in {town} on {MONTHS[day.month - 1]} {day.day}, {day.year}, "
            f"{said} said. {rng.randint(0, 3 * toll)} others were wounded in the attack. Among the dead was "
            f"{victim}, a shopkeeper.")
    published = day + _dt.timedelta(days=rng.randint(0, 2))
    return body, published.isoformat(), rng.choice(OUTLETS)


def template_reports(seed: int = 15):
    rng = random.Random(seed)
    incs = incidents(rng, 700, START, DAYS - 10)
    rows = []
    while len(rows) < TEMPLATE:
        inc = incs[len(rows) % len(incs)] if len(rows) < len(incs) else rng.choice(incs)
        body, pub, outlet = text(rng, inc)
        rows.append({"report_id": f"zq{len(rows):05d}", "text": body, "published": pub, "source": outlet})
    return rows, incs


#: The batch falls on the days of the first copies only, so every store gets the same batch
#: (the same reports, meeting the same stored incidents): only the store around it grows.
BATCH_COPIES = 5


def batch_reports(copies: int, n: int = 1000, seed: int = 99):
    """The 1,000 reports added: half follow incidents already stored, half are new, on the days
    of the first :data:`BATCH_COPIES` copies."""
    rng = random.Random(seed)
    copies = min(copies, BATCH_COPIES)
    _, incs = template_reports()
    rows = []
    for j in range(n):
        c = rng.randrange(copies)
        if j % 2:
            town, day, kind, toll, victim = rng.choice(incs)
            inc = (town, day + _dt.timedelta(days=c * DAYS), kind, toll, victim)
        else:
            inc = incidents(rng, 1, START + _dt.timedelta(days=c * DAYS), DAYS - 10)[0]
        body, pub, outlet = text(rng, inc)
        rows.append({"report_id": f"new{j:05d}", "text": body, "published": pub, "source": outlet})
    return rows


# --------------------------------------------------------------------------- building a store


_ID = re.compile(r"zq(\d{5})")
_ID_COLUMNS = ("report_id", "incident_id", "claim_id", "claims", "low_claims", "best_claims", "high_claims",
               "retold_claims", "disagreeing_claims", "report_ids", "a", "b")


def _renamed(df: pd.DataFrame, c: int) -> pd.DataFrame:
    out = df.copy()
    for col in _ID_COLUMNS:
        if col in out.columns:
            out[col] = out[col].map(lambda v: _ID.sub(f"k{c:04d}-zq\\1", v) if isinstance(v, str) else v)
    return out


def _moved_cues(cues, rid: str, shift: _dt.timedelta, c: int):
    def day(d):
        return d + shift if d is not None else None
    return attrs.evolve(cues, report_id=rid, published=day(cues.published), event_date=day(cues.event_date),
                        dates=frozenset(x + shift.days for x in cues.dates),
                        names=frozenset(f"{n}~{c}" for n in cues.names))


def _copy_reports(rows, c: int, name_df):
    from casualties.blocking import block_keys

    shift = _dt.timedelta(days=c * DAYS)
    out, names, raw, keys = [], [], [], []
    for rid, batch, n_rows, country, iid, rep, claims, first, cues in rows:
        new = _ID.sub(f"k{c:04d}-zq\\1", rid)
        report = pickle.loads(rep)
        report = attrs.evolve(report, report_id=new, published=report.published + shift if report.published else None)
        fc, sc = (_moved_cues(pickle.loads(x), new, shift, c) for x in (first, cues))
        out.append((new, 0, n_rows, country, _ID.sub(f"k{c:04d}-zq\\1", iid), pickle.dumps(report), claims,
                    pickle.dumps(fc), pickle.dumps(sc)))
        names += [(new, n) for n in sc.names]
        raw += [(new, n) for n in fc.names]
        keys += [(new, "\x1f".join(map(str, k))) for k in block_keys(sc, {f"{n}~{c}": k for n, k in name_df.items()})]
    return out, names, raw, keys


def build(size: int, path: Path) -> None:
    import casualties

    if path.exists():
        path.unlink()
    rows, _ = template_reports()
    t = time.perf_counter()
    with casualties.Store(path) as store:
        store.add(rows)
    print(f"  template of {len(rows)} reports added for real in {time.perf_counter() - t:.1f} s", flush=True)
    import duckdb

    con = duckdb.connect(str(path))
    template = con.execute("SELECT * FROM reports").fetchall()
    name_df = dict(con.execute("SELECT name, n FROM name_df").fetchall())
    frames = {t: con.execute(f"SELECT * FROM {t}").df() for t in
              ("f_reports", "f_claims", "f_incidents", "f_ranges", "f_report_incidents", "pairs", "issued")}
    cols = [d[0] for d in con.execute("SELECT * FROM reports LIMIT 0").description]
    copies = size // TEMPLATE
    t = time.perf_counter()
    for c in range(1, copies):
        out, names, raw, keys = _copy_reports(template, c, name_df)
        con.execute("BEGIN TRANSACTION").fetchall()
        for table, df in (("reports", pd.DataFrame(out, columns=cols)),
                          ("names", pd.DataFrame(names, columns=["report_id", "name"])),
                          ("raw_names", pd.DataFrame(raw, columns=["report_id", "name"])),
                          ("block_keys", pd.DataFrame(keys, columns=["report_id", "key"])),
                          *((t, _renamed(f, c)) for t, f in frames.items())):
            con.register("_rows", df)
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows").fetchall()
            con.unregister("_rows")
        con.execute("COMMIT").fetchall()
        if c % 50 == 0:
            print(f"  {c * TEMPLATE} reports copied ({time.perf_counter() - t:.0f} s)", flush=True)
    for statement in ("DELETE FROM name_df", "INSERT INTO name_df SELECT name, count(*) FROM names GROUP BY name",
                      "DELETE FROM key_counts",
                      "INSERT INTO key_counts SELECT key, count(*) FROM block_keys GROUP BY key",
                      f"UPDATE vocab SET n = n * {copies}", f"UPDATE countries SET n = n * {copies}",
                      "CHECKPOINT"):
        con.execute(statement).fetchall()
    con.close()


# --------------------------------------------------------------------------- one add, in its own process


def _rss(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1]) * 1024
    return 0


def add_once(path: Path, copies: int) -> dict:
    import casualties

    batch = batch_reports(copies)
    with casualties.Store(path) as store:
        before = _rss("VmRSS:")
        t = time.perf_counter()
        b = store.add(batch)
        seconds = time.perf_counter() - t
        peak = _rss("VmHWM:")
        n = store.n_reports
    return {"seconds": seconds, "peak_mb": (peak - before) / 1e6, "reports_after": n,
            "incidents_touched": b.incidents_touched, "revisions": b.revisions}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--dir", type=Path, default=Path("/tmp/casualties-store-bench"))
    ap.add_argument("--add", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--copies", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.add:
        print(json.dumps(add_once(args.add, args.copies)))
        return 0
    args.dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes:
        path, base = args.dir / f"store_{size}.duckdb", args.dir / f"base_{size}.duckdb"
        if not base.exists():
            print(f"building a store of {size} reports", flush=True)
            build(size, base)
        subprocess.run(["cp", str(base), str(path)], check=True)
        out = subprocess.run([sys.executable, __file__, "--add", str(path), "--copies", str(size // TEMPLATE)],
                             check=True, capture_output=True, text=True).stdout
        fig = json.loads(out.strip().splitlines()[-1])
        fig.update(size=size, file_mb=os.path.getsize(base) / 1e6)
        rows.append(fig)
        print(f"store {size:>9,} reports ({fig['file_mb']:,.0f} MB): add 1,000 in {fig['seconds']:.1f} s, "
              f"peak memory +{fig['peak_mb']:.0f} MB, {fig['incidents_touched']} incidents touched", flush=True)
        path.unlink()
    if len(rows) > 1:
        print(f"add time, largest / smallest store: {rows[-1]['seconds'] / rows[0]['seconds']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
