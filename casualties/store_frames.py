"""The result frames of a :class:`casualties.Store`: rewriting the touched incidents' rows,
stable incident ids, revisions, and reading them back as a :class:`~casualties.Result`.

Incident ids (:func:`assign_ids`): after the touched reports are clustered again, each new
cluster takes the old id that most of its reports had (ties: the smaller id), each old id going
to one cluster at most; a cluster left without one is named as reconcile names it,
``inc-<smallest report id>``, with ``~2``, ``~3``... when that name was ever issued before.
``id_history`` records every old id whose reports went elsewhere ("merged", "split",
"removed").
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

import pandas as pd

from . import partitions
from .incidents import incident_id_for
from .result import Result
from .schema import to_list, typed_frame
from .store_schema import FRAME_TABLES, REVISION_COLUMNS, select_ids

__all__ = ["FrameWriter", "assign_ids", "read_result", "read_changes", "with_reconcile_ids"]

_VALUES = ("low", "best", "high", "consensus_low", "consensus_high")


def assign_ids(clusters: Sequence[Sequence[str]], old_of: Dict[str, str],
               taken: Callable[[str], bool]) -> List[str]:
    """The store id of each of ``clusters`` (lists of report ids), given each report's old
    incident (``old_of``; new reports have none) and whether a name was ever ``taken``."""
    overlaps = []
    for i, members in enumerate(clusters):
        for oid, k in Counter(old_of[m] for m in members if old_of.get(m)).items():
            overlaps.append((-k, oid, i))
    ids: Dict[int, str] = {}
    used: Set[str] = set()
    for _, oid, i in sorted(overlaps):
        if i not in ids and oid not in used:
            ids[i] = oid
            used.add(oid)
    for i, members in enumerate(clusters):
        if i not in ids:
            base = name = incident_id_for(members)
            n = 2
            while taken(name) or name in used:
                name, n = f"{base}~{n}", n + 1
            ids[i] = name
            used.add(name)
    return [ids[i] for i in range(len(clusters))]


class FrameWriter:
    """Rewrites the frame rows of one batch's touched incidents (see :meth:`rewrite`)."""

    def __init__(self, con, batch: int, at, policy: str):
        self.con, self.batch, self.at, self.policy = con, batch, at, policy

    def _select(self, sql: str, ids, params=()) -> list:
        return select_ids(self.con, sql, ids, params)

    def _records(self, sql: str, ids) -> List[dict]:
        self.con.register("_ids", pd.DataFrame({"id": pd.Series(sorted(set(ids)), dtype=object)}))
        try:
            cur = self.con.execute(sql)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]
        finally:
            self.con.unregister("_ids")

    def _taken(self, name: str) -> bool:
        return self.con.execute("SELECT count(*) FROM issued WHERE incident_id = ?", [name]).fetchall()[0][0] > 0

    def rewrite(self, clusters: List[List[str]], rows: pd.DataFrame, added: Set[str], gone: Set[str]
                ) -> Tuple[int, int]:
        """Give ``clusters`` (of the region's reports, ``rows``) their ids, replace the frame rows
        of the region and of the ``gone`` reports, and write the revisions.  Returns (incidents
        touched, revisions written)."""
        reports = set(rows["report_id"]) | gone
        old_pairs = self._select("SELECT report_id, incident_id, role FROM f_report_incidents "
                                 "WHERE report_id IN (SELECT id FROM _ids)", reports)
        old_of = {r: i for r, i, role in old_pairs if role == "main"}
        old_ids = {i for _, i, _ in old_pairs}
        old_ranges = {_key(r): r for r in self._records(
            "SELECT * FROM f_ranges WHERE incident_id IN (SELECT id FROM _ids)", old_ids)}
        ids = assign_ids(clusters, old_of, self._taken)
        incident_of = {m: iid for members, iid in zip(clusters, ids) for m in members}
        frame = rows.drop(columns=["old_incident"]).assign(
            incident_id=pd.Series([incident_of[r] for r in rows["report_id"]], dtype=object))
        frames = {"f_reports": partitions.report_table(frame), "f_claims": partitions.claim_table(frame),
                  "f_incidents": partitions.incident_table(frame),
                  "f_ranges": partitions.range_table(frame, self.policy),
                  "f_report_incidents": partitions.report_incident_table(frame)}
        for table in ("f_reports", "f_claims", "f_report_incidents"):
            self._select(f"DELETE FROM {table} WHERE report_id IN (SELECT id FROM _ids)", reports)
        for table in ("f_incidents", "f_ranges"):
            self._select(f"DELETE FROM {table} WHERE incident_id IN (SELECT id FROM _ids)", old_ids)
        for table, df in frames.items():
            if len(df):
                self.con.register("_rows", df.assign(ord=range(len(df))))
                self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows").fetchall()
                self.con.unregister("_rows")
        self.con.register("_inc", pd.DataFrame({"id": pd.Series(list(incident_of), dtype=object),
                                                "iid": pd.Series(list(incident_of.values()), dtype=object)}))
        self.con.execute("UPDATE reports SET incident_id = _inc.iid FROM _inc WHERE reports.report_id = _inc.id").fetchall()
        self.con.unregister("_inc")
        fresh = sorted(set(ids) - {i for _, i, _ in old_pairs})
        if fresh:
            self.con.register("_new", pd.DataFrame({"incident_id": pd.Series(fresh, dtype=object)}))
            self.con.execute("INSERT INTO issued SELECT incident_id FROM _new").fetchall()
            self.con.unregister("_new")
        self._history(clusters, ids, old_of, gone)
        members = _members(frames["f_report_incidents"])
        old_members = _members(pd.DataFrame(old_pairs, columns=["report_id", "incident_id", "role"]))
        new_ranges = {_key(r): r for r in frames["f_ranges"].to_dict("records")}
        n = self._revisions(old_ranges, new_ranges, members, old_members, added, gone, incident_of, old_of)
        return len(set(ids) | old_ids), n

    def _history(self, clusters, ids, old_of: Dict[str, str], gone: Set[str]) -> None:
        kept = set(ids)
        rows = []
        for members, iid in zip(clusters, ids):
            for oid, k in sorted(Counter(old_of[m] for m in members if old_of.get(m)).items()):
                if oid != iid:
                    rows.append((self.batch, oid, iid, "split" if oid in kept else "merged", k))
        placed = {oid for _, oid, _, _, _ in rows} | kept
        for oid in sorted({old_of[r] for r in gone if r in old_of} - placed):
            rows.append((self.batch, oid, None, "removed", sum(1 for r in gone if old_of.get(r) == oid)))
        if rows:
            self.con.executemany("INSERT INTO id_history VALUES (?, ?, ?, ?, ?)", rows)

    def _revisions(self, old: Dict[tuple, dict], new: Dict[tuple, dict], members, old_members,
                   added: Set[str], gone: Set[str], incident_of, old_of) -> int:
        changed = added | gone
        out = []
        for key in sorted(set(old) | set(new), key=lambda k: (k[0], k[1], k[2] or "")):
            o, n = old.get(key), new.get(key)
            if o is not None and n is not None and all(_same(o[v], n[v]) for v in _VALUES):
                continue
            iid = key[0]
            who = sorted((members.get(iid, set()) | old_members.get(iid, set())) & changed)
            claims = sorted(c for c in to_list(n["claims"]) if c.split(":")[0] in added) if n is not None else []
            if o is not None and not claims:
                claims = sorted(c for c in to_list(o.get("claims")) if c.split(":")[0] in gone)
            note = _note(o, n, iid, old_members, incident_of, gone)
            out.append([self.batch, self.at, "add" if added else "remove", iid, key[1], key[2],
                        *(_value(o, v) for v in _VALUES), *(_value(n, v) for v in _VALUES),
                        ";".join(who), ";".join(claims), note])
        if out:
            self.con.register("_rev", pd.DataFrame(out, columns=REVISION_COLUMNS).astype(
                {c: "Int64" for c in REVISION_COLUMNS if c.startswith(("old_", "new_"))}))
            self.con.execute("INSERT INTO revisions BY NAME SELECT * FROM _rev").fetchall()
            self.con.unregister("_rev")
        return len(out)


def _note(o, n, iid: str, old_members, incident_of, gone: Set[str]) -> str:
    if o is None:
        return "new incident" if iid not in old_members else "new range"
    if n is not None:
        return ""
    homes = Counter(incident_of[r] for r in old_members.get(iid, set()) if r in incident_of)
    if homes and iid not in homes:
        return f"incident merged into {homes.most_common(1)[0][0]}"
    return "incident removed" if old_members.get(iid, set()) <= gone else "range gone"


def _members(pairs: pd.DataFrame) -> Dict[str, Set[str]]:
    out: Dict[str, Set[str]] = {}
    for rid, iid in zip(pairs["report_id"], pairs["incident_id"]):
        out.setdefault(iid, set()).add(rid)
    return out


def _missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def _same(a, b) -> bool:
    return (_missing(a) and _missing(b)) or (not _missing(a) and not _missing(b) and int(a) == int(b))


def _value(row: Optional[dict], column: str):
    if row is None or _missing(row[column]):
        return None
    return int(row[column])


def _key(row: dict) -> tuple:
    v = row["victims"]
    return row["incident_id"], row["category"], None if _missing(v) else v


def _sort_key(table: str):
    if table in ("f_reports", "f_claims", "f_report_incidents"):
        return lambda r: (r["report_id"], r["ord"])
    if table == "f_ranges":
        return lambda r: (r["incident_id"], r["category"], r["victims"] or "")
    return lambda r: r["incident_id"]


def read_result(con, policy: str) -> Result:
    """Every stored frame as a :class:`~casualties.Result`, in :func:`casualties.reconcile`'s row order."""
    frames = {}
    for table, (name, columns) in FRAME_TABLES.items():
        cur = con.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cur.description]
        rows = sorted((dict(zip(names, r)) for r in cur.fetchall()), key=_sort_key(table))
        frames[name] = typed_frame(rows, columns)
    return Result(policy=policy, **frames)


def read_changes(con, since=None) -> pd.DataFrame:
    """The revisions (all, or those after ``since``: a batch number, a date or a datetime)."""
    import datetime as _dt

    from .errors import InvalidValueError
    from .reports import parse_published

    sql, params = "SELECT * FROM revisions", []
    if isinstance(since, bool):
        raise InvalidValueError(f"since={since!r}: give a batch number, a date or a datetime")
    if isinstance(since, int):
        sql, params = sql + " WHERE batch > ?", [since]
    elif since is not None:
        if isinstance(since, (str, pd.Timestamp)) and not isinstance(since, _dt.datetime):
            try:
                since = pd.Timestamp(since).to_pydatetime()
            except (ValueError, TypeError):
                since = parse_published(since, field="since")
        if isinstance(since, _dt.date) and not isinstance(since, _dt.datetime):
            since = _dt.datetime.combine(since, _dt.time())
        if not isinstance(since, _dt.datetime):
            raise InvalidValueError(f"since={since!r}: give a batch number, a date or a datetime")
        if since.tzinfo is not None:
            since = since.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        sql, params = sql + ' WHERE "at" >= ?', [since]
    cur = con.execute(sql + " ORDER BY batch, incident_id, category, victims NULLS FIRST", params)
    df = pd.DataFrame(cur.fetchall(), columns=[d[0] for d in cur.description])
    for c in df.columns:
        if c.startswith(("old_", "new_")) or c == "batch":
            df[c] = df[c].astype("Int64")
        elif c != "at":
            df[c] = df[c].astype("string")
    return df


def with_reconcile_ids(result: Result) -> Result:
    """``result`` with each main incident named as :func:`casualties.reconcile` names it
    (``inc-<smallest report id>``) and its rows in reconcile's order: a store's result and
    reconcile's of the same reports are then equal frame for frame."""
    members: Dict[str, List[str]] = {}
    for rid, iid in zip(result.reports["report_id"], result.reports["incident_id"]):
        members.setdefault(iid, []).append(rid)
    rename = {iid: incident_id_for(rids) for iid, rids in members.items()}

    def fix(df: pd.DataFrame, table: str) -> pd.DataFrame:
        df = df.copy()
        df["incident_id"] = df["incident_id"].map(lambda i: rename.get(i, i) if isinstance(i, str) else i
                                                  ).astype("string")
        rows = df.assign(ord=range(len(df))).to_dict("records")
        rows = [{k: (None if _missing(v) else v) for k, v in r.items()} for r in rows]
        order = sorted(range(len(rows)), key=lambda k: _sort_key(table)(rows[k]))
        return df.iloc[order].reset_index(drop=True)

    frames = {name: fix(getattr(result, name), table) for table, (name, _) in FRAME_TABLES.items()}
    return Result(policy=result.policy, **frames)
