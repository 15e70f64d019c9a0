"""A living casualty database: :class:`Store` adds reports as they arrive, keeps incident ids
and records every revision of a range.

A store gives what :func:`casualties.reconcile` gives on every report it holds (the same
partition of reports into incidents, the same claims and ranges): only the incident ids
differ.  reconcile names an incident after its smallest report id; a store names it once, when
the incident is created, and keeps that name as reports join (docs/concepts.md, "The store").

How an add stays small (:meth:`Store.add`): the new reports are extracted once (the engine-neutral
stages of :mod:`casualties.partitions`); the corpus-wide statistics reconcile uses (reports per
country, the lower-case vocabulary, reports per rare name, reports per block key) are kept as
counts, so only the reports whose cues, block keys or name weights those counts change are
looked at again.  Their candidate pairs come from the indexed ``block_keys`` table, the touched
connected components of the pair graph are clustered again with
:func:`casualties.cluster.cluster_pairs`, and only their incidents' frames and ranges are
rewritten.  Every add or remove is one transaction.
"""
from __future__ import annotations

import datetime as _dt
import errno
import os
import pickle
from collections import Counter
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

import attrs
import pandas as pd

from . import partitions
from .blocking import MAX_BLOCK, MAX_NAME_REPORTS, block_keys
from .cluster import cluster_pairs
from .compare import NAME_REFERENCE_REPORTS, SAME_INCIDENT, name_weights, pair_score
from .errors import InputTypeError, InvalidValueError
from .incidents import SCORE_FLOOR, dominant_countries, lower_case_words, settled_cues
from .options import check_policies
from .reconcile import main_claims, retold_spans
from .result import Result
from . import store_schema as schema
from .store_frames import FrameWriter, read_changes, read_result

__all__ = ["Store", "Batch"]

_load = pickle.loads


def _dump(obj) -> bytes:
    return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


def _key_text(key: tuple) -> str:
    return "\x1f".join(map(str, key))


@attrs.frozen
class Batch:
    """What one :meth:`Store.add` or :meth:`Store.remove` did."""

    batch: int
    action: str
    added: int
    replaced: int
    unchanged: int
    removed: int
    incidents_touched: int
    revisions: int


class Store:
    """A casualty database in one DuckDB file (needs ``pip install 'casualties[store]'``).

    >>> store = casualties.Store("war.duckdb")          # doctest: +SKIP
    >>> store.add(reports); store.changes(since="2016-07-28"); store.result().ranges  # doctest: +SKIP

    ``policy`` / ``vague_policy``: as for :func:`casualties.reconcile`, fixed when the store is
    created (None: the store's own, "default" / "design" for a new store).  ``create=False``:
    a missing file is an error (FileNotFoundError) instead of a new store.  One process may
    have a store open at a time (:class:`~casualties.errors.StoreLockedError` otherwise); use it
    as a context manager or call :meth:`close`.
    """

    def __init__(self, path, *, policy: Optional[str] = None, vague_policy: Optional[str] = None,
                 create: bool = True):
        from . import __version__

        if not create and not os.path.exists(path):
            raise FileNotFoundError(errno.ENOENT, "no casualty store", str(path))
        self.path = path
        self._asked = (policy, vague_policy)
        self._con = schema.connect(path, __version__, self._settings)
        self.policy = schema.get_meta(self._con, "policy")
        self.vague_policy = schema.get_meta(self._con, "vague_policy")

    # ------------------------------------------------------------------ opening and closing

    def _settings(self, con, created: bool) -> None:
        policy, vague = self._asked
        if created:
            policy, vague = policy or "default", vague or "design"
            check_policies(policy, vague)
            schema.set_meta(con, "policy", policy)
            schema.set_meta(con, "vague_policy", vague)
            schema.set_meta(con, "dominant", [])
            schema.set_meta(con, "batch", 0)
            return
        for name, asked in (("policy", policy), ("vague_policy", vague)):
            kept = schema.get_meta(con, name)
            if asked is not None and asked != kept:
                raise InvalidValueError(f"{name}={asked!r}: the store {self.path} was created with {name}={kept!r}")

    def close(self) -> None:
        """Close the file (another process may then open it)."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<casualties.Store {str(self.path)!r}: {self.n_reports} reports, policy={self.policy!r}>"

    @property
    def n_reports(self) -> int:
        return self._one("SELECT count(*) FROM reports")

    def _one(self, sql: str, params=()):
        return self._con.execute(sql, list(params)).fetchall()[0][0]

    # ------------------------------------------------------------------ public operations

    def add(self, reports) -> Batch:
        """Add ``reports`` (as for :func:`casualties.reconcile`).  A report id the store holds
        with the same content is left alone; with other content (a corrected report) it is
        replaced.  One transaction: on any error the store is as it was."""
        frame = _collapsed(reports)
        with self._transaction():
            held = self._held(frame["report_id"].tolist())
            keep = [i for i, (rid, blob) in enumerate(zip(frame["report_id"], frame["report"]))
                    if held.get(rid) != _load(blob)]
            fresh = frame.iloc[keep].reset_index(drop=True)
            replaced = [rid for rid in fresh["report_id"] if rid in held]
            batch = self._next_batch("add", len(fresh))
            touched, revisions = self._apply(batch, fresh, replaced)
        return Batch(batch, "add", len(fresh) - len(replaced), len(replaced), len(frame) - len(fresh), 0,
                     touched, revisions)

    def remove(self, report_ids: Iterable[str]) -> Batch:
        """Remove the reports ``report_ids`` (ids the store does not hold are an error)."""
        ids = sorted(set(_ids(report_ids)))
        with self._transaction():
            held = self._held(ids)
            missing = [rid for rid in ids if rid not in held]
            if missing:
                raise InvalidValueError(f"remove: report_id {missing[0]!r} is not in the store {self.path} "
                                        f"({len(missing)} of {len(ids)} ids are not)")
            batch = self._next_batch("remove", len(ids))
            touched, revisions = self._apply(batch, partitions.empty("collapsed"), ids)
        return Batch(batch, "remove", 0, 0, 0, len(ids), touched, revisions)

    def result(self) -> Result:
        """The same :class:`~casualties.Result` as :func:`casualties.reconcile` of every stored
        report, with the store's incident ids."""
        return read_result(self._con, self.policy)

    def changes(self, since=None) -> pd.DataFrame:
        """Every revision of a range (one row per incident, category and victim group whose low,
        best, high or consensus moved), oldest first; ``since``: a date or datetime (revisions
        at or after it) or a batch number (batches after it)."""
        return read_changes(self._con, since)

    def id_history(self) -> pd.DataFrame:
        """Which incident ids became which: ``batch, old_id, new_id, kind`` ("merged": the old
        incident's reports joined ``new_id``; "split": part of it became ``new_id``; "removed")."""
        return self._con.execute("SELECT * FROM id_history ORDER BY batch, old_id, new_id").df()

    # ------------------------------------------------------------------ transaction plumbing

    class _Tx:
        def __init__(self, con):
            self.con = con

        def __enter__(self):
            self.con.execute("BEGIN TRANSACTION").fetchall()

        def __exit__(self, kind, exc, tb):
            self.con.execute("COMMIT" if kind is None else "ROLLBACK").fetchall()

    def _transaction(self):
        if self._con is None:
            raise InvalidValueError(f"the store {self.path} is closed")
        return Store._Tx(self._con)

    def _next_batch(self, action: str, n: int) -> int:
        from . import __version__

        batch = schema.get_meta(self._con, "batch", 0) + 1
        schema.set_meta(self._con, "batch", batch)
        self._now = _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)
        self._con.execute("INSERT INTO batches VALUES (?, ?, ?, ?, ?)", [batch, self._now, action, n, __version__]).fetchall()
        return batch

    def _held(self, ids: Sequence[str]) -> Dict[str, object]:
        """The stored :class:`~casualties.Report` of each of ``ids`` the store holds."""
        rows = self._select("SELECT report_id, report FROM reports WHERE report_id IN (SELECT id FROM _ids)", ids)
        return {rid: _load(blob) for rid, blob in rows}

    def _select(self, sql: str, ids, params=()) -> list:
        return schema.select_ids(self._con, sql, ids, params)

    def _insert(self, table: str, frame: pd.DataFrame) -> None:
        if len(frame):
            self._con.register("_rows", frame)
            self._con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows").fetchall()
            self._con.unregister("_rows")

    def _delete(self, table: str, column: str, ids) -> None:
        if ids:
            self._select(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM _ids)", ids)

    # ------------------------------------------------------------------ the incremental update

    def _apply(self, batch: int, fresh: pd.DataFrame, removed: List[str]) -> Tuple[int, int]:
        """Remove ``removed``, add the collapsed rows ``fresh``, and bring cues, keys, pairs,
        incidents, frames and revisions up to date.  Returns (incidents touched, revisions)."""
        n_old = self.n_reports
        self._crossed: Set[str] = set()
        self._names: Dict[str, Tuple[int, int]] = {}
        old_dominant = tuple(schema.get_meta(self._con, "dominant", []))
        writer = FrameWriter(self._con, batch, self._now, self.policy)
        gone = set(removed)
        seeds = self._partners(gone) | gone
        lost_words = self._drop(removed)
        extracted = partitions.first_cues(partitions.extract(fresh, self.vague_policy)) if len(fresh) else None
        new_words = self._insert_new(batch, extracted)
        n_new = self.n_reports
        dominant = dominant_countries(dict(self._con.execute("SELECT country, n FROM countries").fetchall()), n_new)
        schema.set_meta(self._con, "dominant", list(dominant))
        added = set(extracted["report_id"]) if extracted is not None else set()
        everyone: Set[str] = set()
        if min(n_old + 1, NAME_REFERENCE_REPORTS) != min(n_new + 1, NAME_REFERENCE_REPORTS):
            # every name weight moves with the corpus size below NAME_REFERENCE_REPORTS: a small
            # store settles and scores every report again (cheap at that size)
            everyone = {r for (r,) in self._con.execute("SELECT report_id FROM reports").fetchall()}
        settle = everyone or added | self._resettle_set(old_dominant, dominant, new_words | lost_words)
        changed = self._settle(settle, dominant, added)
        rekey, reweigh = self._name_moves(n_new)
        dirty = everyone | changed | added | self._holders(rekey)
        dirty |= self._rekey(dirty)
        seeds |= self._partners(dirty) | dirty
        self._repair(dirty, n_new)
        seeds |= self._reweigh(reweigh, dirty, n_new)
        region = self._region(seeds - gone)
        strays = self._strays(region, gone)
        while strays:  # never expected (the region holds whole incidents); kept as a safety net
            region = self._region(set(region) | strays)
            strays = self._strays(region, gone)
        clusters = cluster_pairs(region, self._edges(region), SAME_INCIDENT)
        return writer.rewrite(clusters, self._rows(region), set(added), gone)

    def _strays(self, region: List[str], gone: Set[str]) -> Set[str]:
        """Reports outside ``region`` whose incident has a report in it."""
        rows = self._select("SELECT report_id FROM reports WHERE incident_id IN (SELECT incident_id FROM "
                            "f_report_incidents WHERE report_id IN (SELECT id FROM _ids))", set(region) | gone)
        return {r for (r,) in rows} - set(region)

    def _partners(self, ids: Set[str]) -> Set[str]:
        """The reports in a stored pair with one of ``ids``."""
        if not ids:
            return set()
        rows = self._select("SELECT a, b FROM pairs WHERE a IN (SELECT id FROM _ids) OR b IN (SELECT id FROM _ids)",
                            ids)
        return {x for pair in rows for x in pair}

    def _drop(self, removed: List[str]) -> Set[str]:
        """Delete the reports ``removed`` and their counts; returns the words that left the
        vocabulary."""
        if not removed:
            return set()
        rows = self._select("SELECT report, country FROM reports WHERE report_id IN (SELECT id FROM _ids)", removed)
        words: Counter = Counter()
        for blob, _ in rows:
            words.update(lower_case_words(_load(blob).text))
        self._count("vocab", "word", words, -1)
        self._count("countries", "country", Counter(c for _, c in rows if c), -1)
        names = Counter(n for (n,) in self._select(
            "SELECT name FROM names WHERE report_id IN (SELECT id FROM _ids)", removed))
        self._moved(self._count("name_df", "name", names, -1))
        keys = Counter(k for (k,) in self._select(
            "SELECT key FROM block_keys WHERE report_id IN (SELECT id FROM _ids)", removed))
        moved = self._count("key_counts", "key", keys, -1)
        self._crossed = {k for k, (a, b) in moved.items() if (a > MAX_BLOCK) != (b > MAX_BLOCK)}
        for table in ("reports", "raw_names", "names", "block_keys"):
            self._delete(table, "report_id", removed)
        self._delete("pairs", "a", removed)
        self._delete("pairs", "b", removed)
        left = self._select("SELECT word FROM vocab WHERE n > 0 AND word IN (SELECT id FROM _ids)", set(words))
        return set(words) - {w for (w,) in left}

    def _count(self, table: str, column: str, delta: Counter, sign: int) -> Dict[str, Tuple[int, int]]:
        """Add ``sign * delta`` to the counts of ``table``; returns {value: (old n, new n)}."""
        if not delta:
            return {}
        old = dict(self._select(f"SELECT {column}, n FROM {table} WHERE {column} IN (SELECT id FROM _ids)", delta))
        self._delete(table, column, list(delta))
        moved = {k: (old.get(k, 0), old.get(k, 0) + sign * d) for k, d in delta.items()}
        keep = {k: n for k, (_, n) in moved.items() if n > 0}
        self._insert(table, pd.DataFrame({column: pd.Series(list(keep), dtype=object),
                                          "n": pd.Series(list(keep.values()), dtype="int64")}))
        return moved

    def _insert_new(self, batch: int, extracted: Optional[pd.DataFrame]) -> Set[str]:
        """Store the extracted new reports (final cues come later); returns the words that
        joined the vocabulary."""
        if extracted is None:
            return set()
        reports = [_load(b) for b in extracted["report"]]
        words: Counter = Counter()
        for r in reports:
            words.update(lower_case_words(r.text))
        moved = self._count("vocab", "word", words, 1)
        self._count("countries", "country", Counter(c for c in extracted["country"] if c), 1)
        self._insert("reports", pd.DataFrame({
            "report_id": extracted["report_id"].astype(object), "batch": batch,
            "n_input_rows": extracted["n_input_rows"].astype("int64"), "country": extracted["country"].astype(object),
            "incident_id": None, "report": extracted["report"], "claims": extracted["claims"],
            "first_cues": extracted["cues"], "cues": None}))
        return {w for w, (old, _) in moved.items() if old == 0}

    def _resettle_set(self, old_dom: tuple, dominant: tuple, words: Set[str]) -> Set[str]:
        """Stored reports whose final cues may change: those whose looked-up names hold a word
        that joined or left the vocabulary, and, when the dominant countries changed, those
        whose first-look country is not dominant (they are looked at again, preferring them)."""
        out = {r for (r,) in self._select(
            "SELECT DISTINCT report_id FROM raw_names WHERE name IN (SELECT id FROM _ids)", words)} if words else set()
        if old_dom != dominant:
            keep = sorted(set(old_dom) & set(dominant))
            out |= {r for (r,) in self._select(
                "SELECT report_id FROM reports WHERE country IS NULL OR country NOT IN (SELECT id FROM _ids)", keep)}
        return out

    def _settle(self, ids: Set[str], dominant: tuple, added: Set[str]) -> Set[str]:
        """Final cues of ``ids`` (:func:`casualties.incidents.settled_cues`, as reconcile finds
        them over the whole corpus); returns the reports whose cues changed (the names whose
        report count moved are noted, :meth:`_moved`)."""
        if not ids:
            return set()
        rows = self._select("SELECT report_id, report, claims, first_cues, cues FROM reports "
                            "WHERE report_id IN (SELECT id FROM _ids)", ids)
        looked = {}
        for rid, rep, claims, first, _ in rows:
            report, (_, text_claims, events, event_of) = _load(rep), _load(claims)
            view = (report, main_claims(text_claims, event_of), retold_spans(events))
            looked[rid] = (view, settled_cues(view[0], view[1], _load(first), dominant, frozenset(), view[2]))
        words = {n for _, c in looked.values() for n in c.names}
        vocab = {w for (w,) in self._select("SELECT word FROM vocab WHERE word IN (SELECT id FROM _ids)", words)}
        old = {rid: _load(c) if c is not None else None for rid, *_, c in rows}
        final = {rid: settled_cues(v[0], v[1], c, (), vocab, v[2]) for rid, (v, c) in looked.items()}
        changed = {rid for rid, c in final.items() if c != old[rid]}
        self._delete("raw_names", "report_id", set(looked))
        self._insert("raw_names", _pairs_frame("name", ((r, n) for r, (_, c) in looked.items() for n in c.names)))
        if not changed:
            return set()
        before = Counter(n for (n,) in self._select("SELECT name FROM names WHERE report_id IN (SELECT id FROM _ids)",
                                                    changed))
        after = Counter(n for rid in changed for n in final[rid].names)
        self._delete("names", "report_id", changed)
        self._insert("names", _pairs_frame("name", ((r, n) for r in changed for n in final[r].names)))
        delta = after.copy()
        delta.subtract(before)
        self._moved(self._count("name_df", "name", Counter({k: v for k, v in delta.items() if v}), 1))
        self._update_cues({r: final[r] for r in changed})
        return changed

    def _update_cues(self, cues: Dict[str, object]) -> None:
        self._con.register("_cues", pd.DataFrame({"id": pd.Series(list(cues), dtype=object),
                                                  "cues": [_dump(c) for c in cues.values()]}))
        self._con.execute("UPDATE reports SET cues = _cues.cues FROM _cues WHERE reports.report_id = _cues.id").fetchall()
        self._con.unregister("_cues")

    def _moved(self, moved: Dict[str, Tuple[int, int]]) -> None:
        """Note names whose report count moved ({name: (old n, new n)}), over the whole batch."""
        for name, (a, b) in moved.items():
            self._names[name] = (self._names.get(name, (a, a))[0], b)

    def _name_moves(self, n_reports: int) -> Tuple[Set[str], Set[str]]:
        """(names whose holders must be keyed and scored again, names whose pairs only need
        scoring again).  A name whose count moves into or out of the range that makes it a block
        key changes its holders' keys; a name used by fewer reports than before weighs more, so
        a candidate pair below :data:`~casualties.incidents.SCORE_FLOOR` may rise above it: its
        holders are scored again in full.  A name used by more reports weighs less (or the same):
        only the stored pairs sharing it can move."""
        rekey, reweigh = set(), set()
        for name, (a, b) in self._names.items():
            if (2 <= a <= MAX_NAME_REPORTS) != (2 <= b <= MAX_NAME_REPORTS) or b < a:
                rekey.add(name)
            elif name_weights(Counter({name: a}), n_reports) != name_weights(Counter({name: b}), n_reports):
                reweigh.add(name)
        return rekey, reweigh

    def _reweigh(self, names: Set[str], dirty: Set[str], n_reports: int) -> Set[str]:
        """Score again the stored pairs that share one of ``names`` (and have no report of
        ``dirty``, scored already); returns the reports of the pairs whose score moved."""
        if not names:
            return set()
        rows = self._select("SELECT DISTINCT p.a, p.b FROM pairs p JOIN names x ON x.report_id = p.a "
                            "JOIN names y ON y.report_id = p.b AND y.name = x.name "
                            "WHERE x.name IN (SELECT id FROM _ids)", names)
        pairs = {(a, b) for a, b in rows if a not in dirty and b not in dirty}
        if not pairs:
            return set()
        ids = {x for p in pairs for x in p}
        cues, idf = self._cues(ids), name_weights(Counter(self._name_df(ids)), n_reports)
        old = {(a, b): s for a, b, s in self._select(
            "SELECT a, b, score FROM pairs WHERE a IN (SELECT id FROM _ids)", ids) if (a, b) in pairs}
        new = {p: pair_score(cues[p[0]], cues[p[1]], idf) for p in pairs}
        moved = [p for p in pairs if new[p] != old[p]]
        if not moved:
            return set()
        self._con.register("_moved", pd.DataFrame({"a": pd.Series([p[0] for p in moved], dtype=object),
                                                   "b": pd.Series([p[1] for p in moved], dtype=object)}))
        self._con.execute("DELETE FROM pairs USING _moved WHERE pairs.a = _moved.a AND pairs.b = _moved.b").fetchall()
        self._con.unregister("_moved")
        self._insert("pairs", _score_frame([(a, b, new[(a, b)]) for a, b in moved if new[(a, b)] >= SCORE_FLOOR]))
        return {x for p in moved for x in p}

    def _holders(self, names: Set[str]) -> Set[str]:
        """Reports whose final cues hold one of ``names`` (their keys or name weights moved)."""
        if not names:
            return set()
        return {r for (r,) in self._select("SELECT DISTINCT report_id FROM names WHERE name IN (SELECT id FROM _ids)",
                                           names)}

    def _cues(self, ids: Set[str]) -> Dict[str, object]:
        return {rid: _load(c) for rid, c in
                self._select("SELECT report_id, cues FROM reports WHERE report_id IN (SELECT id FROM _ids)", ids)}

    def _name_df(self, ids: Set[str]) -> Dict[str, int]:
        """Reports per name, for the names of the reports ``ids``."""
        return dict(self._select("SELECT d.name, d.n FROM name_df d WHERE d.name IN "
                                 "(SELECT name FROM names WHERE report_id IN (SELECT id FROM _ids))", ids))

    def _rekey(self, dirty: Set[str]) -> Set[str]:
        """Recompute the block keys of ``dirty``; returns the reports of the blocks that crossed
        :data:`~casualties.blocking.MAX_BLOCK` (or lost a member) either way, whose pairs move."""
        if not dirty:
            return set()  # pragma: no cover - a batch always dirties its own reports
        cues, df = self._cues(dirty), self._name_df(dirty)
        new = {rid: {_key_text(k) for k in block_keys(c, df)} for rid, c in cues.items()}
        old: Dict[str, Set[str]] = {}
        for rid, k in self._select("SELECT report_id, key FROM block_keys WHERE report_id IN (SELECT id FROM _ids)",
                                   dirty):
            old.setdefault(rid, set()).add(k)
        delta: Counter = Counter()
        for rid in dirty:
            delta.update(new.get(rid, set()) - old.get(rid, set()))
            delta.subtract(old.get(rid, set()) - new.get(rid, set()))
        self._delete("block_keys", "report_id", dirty)
        self._insert("block_keys", _pairs_frame("key", ((r, k) for r in dirty for k in new.get(r, ()))))
        moved = self._count("key_counts", "key", Counter({k: v for k, v in delta.items() if v}), 1)
        crossed = {k for k, (a, b) in moved.items() if (a > MAX_BLOCK) != (b > MAX_BLOCK)} | self._crossed
        if not crossed:
            return set()
        return {r for (r,) in self._select("SELECT DISTINCT report_id FROM block_keys WHERE key IN "
                                           "(SELECT id FROM _ids)", crossed)}

    def _repair(self, dirty: Set[str], n_reports: int) -> None:
        """Score again every candidate pair with a report of ``dirty`` (as
        :func:`casualties.incidents.cluster_cues` scores it) and replace their stored pairs."""
        if not dirty:
            return
        rows = self._select(
            "SELECT DISTINCT k.report_id, m.report_id FROM block_keys k JOIN key_counts c ON c.key = k.key "
            "JOIN block_keys m ON m.key = k.key WHERE k.report_id IN (SELECT id FROM _ids) "
            "AND c.n BETWEEN 2 AND ? AND m.report_id <> k.report_id", dirty, [MAX_BLOCK])
        candidates = {(a, b) if a < b else (b, a) for a, b in rows}
        cues = self._cues({x for p in candidates for x in p})
        idf = name_weights(Counter(self._name_df(dirty)), n_reports)
        kept = []
        for a, b in sorted(candidates):
            s = pair_score(cues[a], cues[b], idf)
            if s >= SCORE_FLOOR:
                kept.append((a, b, s))
        self._delete("pairs", "a", dirty)
        self._delete("pairs", "b", dirty)
        self._insert("pairs", _score_frame(kept))

    def _region(self, seeds: Set[str]) -> List[str]:
        """Every report joined to ``seeds`` by pairs scoring at least the clustering threshold:
        whole connected components, so clustering them alone gives what clustering all gives."""
        region, frontier = set(seeds), set(seeds)
        while frontier:
            rows = self._select("SELECT a, b FROM pairs WHERE score >= ? AND (a IN (SELECT id FROM _ids) "
                                "OR b IN (SELECT id FROM _ids))", frontier, [SAME_INCIDENT])
            frontier = {x for p in rows for x in p} - region
            region |= frontier
        return sorted(region)

    def _edges(self, region: List[str]) -> Dict[Tuple[str, str], float]:
        rows = self._select("SELECT a, b, score FROM pairs WHERE a IN (SELECT id FROM _ids) "
                            "AND b IN (SELECT id FROM _ids)", region)
        return {(a, b): s for a, b, s in rows}

    def _rows(self, region: List[str]) -> pd.DataFrame:
        """The region's reports as :mod:`casualties.partitions` "assigned" rows (without ids)."""
        rows = self._select("SELECT report_id, n_input_rows, report, claims, cues, incident_id FROM reports "
                            "WHERE report_id IN (SELECT id FROM _ids) ORDER BY report_id", region)
        return pd.DataFrame({"report_id": pd.Series([r[0] for r in rows], dtype=object),
                             "n_input_rows": pd.Series([r[1] for r in rows], dtype="int64"),
                             **{c: pd.Series([r[i] for r in rows], dtype=object)
                                for i, c in ((2, "report"), (3, "claims"), (4, "cues"), (5, "old_incident"))}})


def _score_frame(rows: List[Tuple[str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame({"a": pd.Series([k[0] for k in rows], dtype=object),
                         "b": pd.Series([k[1] for k in rows], dtype=object),
                         "score": pd.Series([k[2] for k in rows], dtype="float64")})


def _pairs_frame(column: str, rows: Iterable[Tuple[str, str]]) -> pd.DataFrame:
    rows = list(rows)
    return pd.DataFrame({"report_id": pd.Series([r for r, _ in rows], dtype=object),
                         column: pd.Series([x for _, x in rows], dtype=object)})


def _ids(report_ids) -> List[str]:
    if isinstance(report_ids, str):
        report_ids = [report_ids]
    out = list(report_ids)
    for pos, rid in enumerate(out):
        if not isinstance(rid, str):
            raise InputTypeError(f"remove: report_ids[{pos}] must be a str report_id, got {type(rid).__name__} {rid!r}")
    return out


def _collapsed(reports) -> pd.DataFrame:
    """Validated reports, one row per id (:func:`casualties.partitions.collapse`); raises what
    :func:`casualties.reconcile` raises for a bad row or conflicting duplicates."""
    frame = partitions.collapse(partitions.validate(reports))
    partitions.check_conflicts(frame[["report_id", "conflicting_rows"]])
    return frame
