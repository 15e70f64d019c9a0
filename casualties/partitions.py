"""The stages of :func:`casualties.reconcile` as functions over pandas partitions.

An engine that runs a job partition by partition (Dask: ``map_partitions``; Spark:
``mapInPandas`` and ``applyInPandas``) runs :func:`casualties.reconcile` with these functions:
each takes a pandas DataFrame (one partition, or one group) and returns one.  They hold no
state; what the whole corpus says (its dominant countries, its lower-case vocabulary, how many
reports use each rare name, which blocks are too large) is computed by the engine from their
outputs and passed back in as arguments.  :mod:`casualties.dask` wires them for Dask;
docs/howto/dask.md shows the same for Spark.  This module does not import an engine.

The stages, in order (the frame each returns, and what the engine does between them):

1. :func:`validate` (per input partition): ``report_id, row, report``.  Then shuffle on
   ``report_id`` so that every row of one report meets the others.
2. :func:`collapse` (per shuffled partition): one row per report, ``report_id, n_input_rows,
   conflicting_rows, report``; any ``conflicting_rows`` is an error (:func:`check_conflicts`).
3. :func:`extract`: adds ``claims``.  With clustering, :func:`first_cues` adds ``cues`` and
   ``country``, and :func:`vocabulary` gives the partition's lower-case words: the engine
   counts reports per country and takes the union of the words.
4. :func:`settle_cues`: the final cues, given :func:`dominant_countries` and the vocabulary;
   :func:`rare_names` lists their names, which the engine counts (names used by two reports or
   more are all the later stages need; :func:`name_weights` turns the counts into weights).
5. :func:`block_key_rows`: one row per report and block key; the engine counts rows per key
   (keys over :data:`~casualties.blocking.MAX_BLOCK` are skipped, as on pandas), then shuffles
   on ``key`` (or groups by it) and runs :func:`score_pairs`, which scores every candidate pair
   once.  The kept pairs are few (a handful per report) and are collected.
6. :func:`cluster_edges` (on the driver): the incident of every report in a kept pair.
7. Retold events (:mod:`casualties.retold`): :func:`event_rows` gives the cues of every other
   event the reports retell (few; the engine collects them and takes their block keys,
   :func:`casualties.retold.wanted_keys`); :func:`candidate_rows` the reports under those keys
   (collected too); :func:`joined_incidents` (on the driver) the incident each event joins.
8. :func:`assign_incidents` adds ``incident_id``; :func:`report_table` gives ``Result.reports``
   and ``Result.report_incidents`` partition by partition; :func:`spread_retold` adds a copy of
   a retelling report's row for each incident its events join; after a shuffle on
   ``incident_id``, :func:`claim_table`, :func:`incident_table` and :func:`range_table` give
   ``Result.claims``, ``Result.incidents`` and ``Result.ranges`` (:func:`sort_claims` puts the
   collected claims in the pandas order).

Rows carry Python objects (a :class:`~casualties.Report`, its claims, its cues) pickled into
``bytes`` columns, which every engine stores and ships as they are.  Only a job's own frames
are ever unpickled: do not feed these functions frames from elsewhere.

Every function keeps the order the pandas path uses where order matters (reports by id, a
report's headline claims before its text claims), so concatenating the outputs and sorting them
by ``report_id`` or ``incident_id`` (:func:`sort_rows`) gives the frames of
:func:`casualties.reconcile` exactly.
"""
from __future__ import annotations

import pickle
from collections import Counter, defaultdict
from typing import Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Tuple

import pandas as pd

from ._util import gc_paused
from .blocking import MAX_BLOCK, block_keys
from .claims import extract_report_claims
from .cluster import cluster_pairs
from .compare import SAME_INCIDENT, name_weights, pair_score
from .cues import ReportCues
from .incidents import (SCORE_FLOOR, dominant_countries, first_cues as _first_cues, incident_id_for, incident_ids,
                        incident_rows, lower_case_words, settled_cues)
from .events import report_events
from .schema import (CLAIM_COLUMNS, INCIDENT_COLUMNS, RANGE_COLUMNS, REPORT_FRAME_COLUMNS, REPORT_INCIDENT_COLUMNS,
                     column_kind, typed_frame)
from .reconcile import (_ranges, main_claims, retold_spans,
                        other_incident_rows, report_and_claim_rows, shot_who_died_elsewhere, solo_incident_row)
from .reports import collapse_repeats, duplicate_error, validated_reports
from .retold import by_report, candidate_keys, event_cues, match_events

__all__ = [
    "validate", "collapse", "check_conflicts", "undated", "extract", "first_cues", "vocabulary", "dominant_countries",
    "settle_cues", "rare_names", "name_weights", "block_key_rows", "oversize_keys", "MAX_BLOCK", "score_pairs",
    "cluster_edges", "assign_incidents", "report_table", "claim_table", "incident_table", "range_table",
    "sort_rows", "empty", "schema", "COLUMNS", "event_rows", "candidate_rows", "joined_incidents", "spread_retold",
    "sort_claims",
]

#: The columns of each stage's frame (:func:`empty` gives an empty one, :func:`schema` their types).
COLUMNS = {
    "validated": ("report_id", "row", "report"),
    "collapsed": ("report_id", "n_input_rows", "conflicting_rows", "report"),
    "undated": ("report_id",),
    "extracted": ("report_id", "n_input_rows", "report", "claims"),
    "first_cues": ("report_id", "n_input_rows", "report", "claims", "cues", "country"),
    "settled": ("report_id", "n_input_rows", "report", "claims", "cues"),
    "vocabulary": ("word",),
    "rare_names": ("name",),
    "block_keys": ("key", "report_id", "keys", "cues"),
    "pairs": ("a", "b", "score"),
    "assigned": ("report_id", "n_input_rows", "report", "claims", "cues", "incident_id"),
    "events": ("report_id", "event", "cues"),
    "candidates": ("key", "report_id", "cues"),
    "spread": ("report_id", "n_input_rows", "report", "claims", "cues", "incident_id", "main_incident_id"),
}
# The type of each column of the stages' frames (text otherwise); see schema().
_TYPES = {"row": "int64", "n_input_rows": "int64", "event": "int64", "conflicting_rows": "int64", "score": "float64",
          "report": "bytes", "claims": "bytes", "cues": "bytes"}
# The engine type of each kind of result column (casualties.schema.KINDS).
_ENGINE_TYPES = {"count": "int64", "flag": "bool", "date": "date", "text": "string", "list": "list<string>"}
#: The frames of a Result, by name.
_RESULT_COLUMNS = {"reports": REPORT_FRAME_COLUMNS, "claims": CLAIM_COLUMNS, "incidents": INCIDENT_COLUMNS,
                   "ranges": RANGE_COLUMNS, "report_incidents": REPORT_INCIDENT_COLUMNS}

# Separators inside a block key's text and between the keys of one report: control characters
# no region code, town key or name word contains.
_PART, _KEY = "\x1f", "\x1e"


def empty(stage: str) -> pd.DataFrame:
    """An empty frame of ``stage`` (a key of :data:`COLUMNS`, or "reports", "claims", "incidents",
    "ranges" for the frames of a :class:`~casualties.Result`) with its columns and dtypes."""
    if stage in _RESULT_COLUMNS:
        return typed_frame([], _RESULT_COLUMNS[stage])
    return _table(stage, {c: [] for c in COLUMNS[stage]})


def schema(stage: str) -> List[Tuple[str, str]]:
    """``[(column, type)]`` of the frame of ``stage`` (as for :func:`empty`), for an engine that
    is told its frames' types (Spark's ``mapInPandas``).  A type is one of "string", "bytes",
    "int64", "float64", "bool", "date" or "list<string>" (:mod:`casualties.schema`); any count,
    date or text column of a result frame may be missing (null)."""
    if stage in _RESULT_COLUMNS:
        return [(c, _ENGINE_TYPES[column_kind(c)]) for c in _RESULT_COLUMNS[stage]]
    return [(c, _TYPES.get(c, "string")) for c in COLUMNS[stage]]


def _table(stage: str, data: Mapping[str, list]) -> pd.DataFrame:
    """A frame of ``stage`` whose dtypes depend on the column only: counts ``int64``, scores
    ``float64``, everything else (ids, text, pickled objects) ``object``."""
    return pd.DataFrame({c: pd.Series(data[c], dtype=kind if kind in ("int64", "float64") else object)
                         for c, kind in schema(stage)})


def _dump(obj) -> bytes:
    return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


_load = pickle.loads


def _column(frame: pd.DataFrame, name: str) -> list:
    return frame[name].tolist()


def _objects(frame: pd.DataFrame, name: str) -> list:
    return [_load(b) for b in frame[name].tolist()]


def sort_rows(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """``frame`` stably sorted by ``column`` in Python's order of its values (the order the
    pandas path sorts ids in), with a fresh index: the stage outputs of a whole corpus,
    concatenated, come out in the order of :func:`casualties.reconcile`'s frames."""
    values = _column(frame, column)
    return frame.iloc[sorted(range(len(values)), key=values.__getitem__)].reset_index(drop=True)


def sort_claims(frame: pd.DataFrame) -> pd.DataFrame:
    """Claim rows of a whole corpus, concatenated, in the order of :func:`casualties.reconcile`'s
    frame: by report id, a report's headline claims before its text claims, each in text order
    (a report's claims may come from several partitions: :func:`spread_retold`)."""
    keys = [(rid, f != "title", int(cid.rpartition(":")[2]))
            for rid, cid, f in zip(_column(frame, "report_id"), _column(frame, "claim_id"), _column(frame, "field"))]
    return frame.iloc[sorted(range(len(keys)), key=keys.__getitem__)].reset_index(drop=True)


# --------------------------------------------------------------------------- reports


def validate(frame: pd.DataFrame, first_row: int = 0) -> pd.DataFrame:
    """Check every row of a partition of input reports, as :func:`casualties.reconcile` does.

    ``first_row``: the partition's first row's position in the whole input, so that an error
    names the row as the pandas path would.  Raises what :func:`casualties.reconcile` raises
    for a bad column or row (:mod:`casualties.errors`).
    """
    reports = list(validated_reports(frame, first_row))
    return _table("validated", {"report_id": [r.report_id for r in reports],
                                "row": list(range(first_row, first_row + len(reports))),
                                "report": [_dump(r) for r in reports]})


def collapse(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per report, in report-id order, from validated rows that hold every row of
    their report ids (after a shuffle on ``report_id``).  Identical rows collapse into one
    (``n_input_rows``); rows that differ are counted in ``conflicting_rows``."""
    ids, rows, blobs = _column(frame, "report_id"), _column(frame, "row"), _column(frame, "report")
    order = sorted(range(len(ids)), key=lambda i: (ids[i], rows[i]))  # input order within an id
    first_blob: Dict[str, bytes] = {}
    for i in order:
        first_blob.setdefault(ids[i], blobs[i])
    reports, counts, conflicts = collapse_repeats(_load(blobs[i]) for i in order)
    conflicting = Counter(conflicts)
    kept = [r.report_id for r in reports]
    return _table("collapsed", {"report_id": kept, "n_input_rows": [counts[k] for k in kept],
                                "conflicting_rows": [conflicting[k] for k in kept],
                                "report": [first_blob[k] for k in kept]})


def check_conflicts(conflicting: pd.DataFrame) -> None:
    """Raise :class:`~casualties.errors.DuplicateReportError`, as the pandas path does, when any
    row of ``conflicting`` (``report_id, conflicting_rows`` of the :func:`collapse` rows) counts one."""
    conflicts = [rid for rid, k in zip(_column(conflicting, "report_id"), _column(conflicting, "conflicting_rows"))
                 for _ in range(int(k))]
    if conflicts:
        raise duplicate_error(conflicts)


def undated(frame: pd.DataFrame) -> pd.DataFrame:
    """The ``report_id`` of every report of :func:`collapse` rows without a published date: over
    the corpus, what :func:`casualties.reconcile.warn_missing_dates` names."""
    return _table("undated", {"report_id": [r.report_id for r in _objects(frame, "report") if r.published is None]})


def extract(frame: pd.DataFrame, vague_policy: str = "design") -> pd.DataFrame:
    """Adds ``claims``: the claims of each report's headline and text, the events its text tells
    of and each text claim's event (:func:`casualties.events.report_events`), pickled together."""
    claims = [_dump(_extracted(r, vague_policy)) for r in _objects(frame, "report")]
    return _table("extracted", {"report_id": _column(frame, "report_id"),
                                "n_input_rows": _column(frame, "n_input_rows"),
                                "report": _column(frame, "report"), "claims": claims})


def _extracted(report, vague_policy: str) -> tuple:
    """(title claims, text claims, events, event of each text claim) of ``report``."""
    title_claims, claims = extract_report_claims(report.title, report.text, report.published,
                                                 vague_policy=vague_policy)
    return (title_claims, claims) + tuple(report_events(report.text, report.published, claims))


def _main_view(report, extracted) -> tuple:
    """(``report``, its main event's claims, the spans it retells other events in): what its
    cues read (:func:`casualties.reconcile.main_claims`, :func:`casualties.reconcile.retold_spans`)."""
    _, claims, events, event_of = extracted
    return report, main_claims(claims, event_of), retold_spans(events)


# --------------------------------------------------------------------------- cues


def first_cues(frame: pd.DataFrame) -> pd.DataFrame:
    """Adds ``cues`` (:func:`casualties.incidents.first_cues`) and their ``country``."""
    cues = [_first_cues(*_main_view(r, x)) for r, x in zip(_objects(frame, "report"), _objects(frame, "claims"))]
    data = {c: _column(frame, c) for c in COLUMNS["extracted"]}
    return _table("first_cues", dict(data, cues=[_dump(c) for c in cues], country=[c.country for c in cues]))


def vocabulary(frame: pd.DataFrame) -> pd.DataFrame:
    """The distinct words the partition's texts write in lower case (``word``); their union over
    the corpus is the vocabulary :func:`settle_cues` needs."""
    words = set()
    for r in _objects(frame, "report"):
        words |= lower_case_words(r.text)
    return _table("vocabulary", {"word": sorted(words)})


def settle_cues(frame: pd.DataFrame, dominant: Sequence[str], vocabulary: Iterable[str]) -> pd.DataFrame:
    """Replaces ``cues`` by the final ones (:func:`casualties.incidents.settled_cues`), given the
    corpus's ``dominant`` countries (:func:`casualties.incidents.dominant_countries` of the
    reports per ``country``) and its ``vocabulary`` (the union of :func:`vocabulary`)."""
    dominant = tuple(dominant)
    vocabulary = vocabulary if isinstance(vocabulary, (set, frozenset)) else frozenset(vocabulary)
    cues = [_dump(settled_cues(r, claims, c, dominant, vocabulary, spans)) for (r, claims, spans), c in
            zip(map(_main_view, _objects(frame, "report"), _objects(frame, "claims")), _objects(frame, "cues"))]
    data = {c: _column(frame, c) for c in COLUMNS["extracted"]}
    return _table("settled", dict(data, cues=cues))


def rare_names(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per report and rare-name word of its final cues (``name``).  Counted over the
    corpus they are :func:`casualties.blocking.name_frequencies`; only counts of 2 or more matter."""
    return _table("rare_names", {"name": [n for c in _objects(frame, "cues") for n in sorted(c.names)]})


# --------------------------------------------------------------------------- blocks and pairs


def _key_text(key: tuple) -> str:
    return _PART.join(map(str, key))


def block_key_rows(frame: pd.DataFrame, name_df: Mapping[str, int]) -> pd.DataFrame:
    """One row per report and block key (:func:`casualties.blocking.block_keys`), with all of the
    report's keys (``keys``) and its cues: the rows :func:`score_pairs` needs, grouped by ``key``.

    ``name_df``: reports per rare name over the whole corpus (names used once may be left out).
    """
    keys_out, ids_out, all_out, cues_out = [], [], [], []
    for rid, blob in zip(_column(frame, "report_id"), _column(frame, "cues")):
        keys = sorted(_key_text(k) for k in block_keys(_load(blob), name_df))
        joined = _KEY.join(keys)
        for k in keys:
            keys_out.append(k)
            ids_out.append(rid)
            all_out.append(joined)
            cues_out.append(blob)
    return _table("block_keys", {"key": keys_out, "report_id": ids_out, "keys": all_out, "cues": cues_out})


def oversize_keys(key_counts: Mapping[str, int], max_block: int = MAX_BLOCK) -> FrozenSet[str]:
    """The block keys shared by more than ``max_block`` reports (``key_counts``: rows per key of
    :func:`block_key_rows`).  Such a block carries no evidence and is skipped, as on pandas."""
    return frozenset(k for k, n in key_counts.items() if n > max_block)


def score_pairs(frame: pd.DataFrame, idf: Mapping[str, float], oversize: FrozenSet[str] = frozenset(),
                floor: float = SCORE_FLOOR) -> pd.DataFrame:
    """The candidate pairs of the blocks in ``frame`` (rows of :func:`block_key_rows` holding
    every report of their keys) that score at least ``floor``: ``a, b, score`` with ``a < b``.

    A pair of reports that share several blocks is scored once, in the first of them (in the
    order of key texts) that is not ``oversize``; the other blocks pass over it.  So a shuffle
    on ``key`` scores every pair :func:`casualties.blocking.build_blocks` gives exactly once,
    whichever partition each block lands in.  ``idf``:
    :func:`casualties.compare.name_weights` of the whole corpus.
    """
    members: Dict[str, List[str]] = defaultdict(list)
    blob_of: Dict[str, bytes] = {}
    keys_of: Dict[str, FrozenSet[str]] = {}
    for key, rid, keys, blob in zip(*(_column(frame, c) for c in COLUMNS["block_keys"])):
        members[key].append(rid)
        if rid not in blob_of:
            blob_of[rid] = blob
            keys_of[rid] = frozenset(keys.split(_KEY)) - oversize
    cues_of: Dict[str, ReportCues] = {}

    def cues(rid: str) -> ReportCues:
        if rid not in cues_of:
            cues_of[rid] = _load(blob_of[rid])
        return cues_of[rid]

    a_out, b_out, scores = [], [], []
    with gc_paused():
        for key in sorted(members):
            ids = sorted(members[key])
            if len(ids) < 2 or key in oversize:
                continue
            for x, a in enumerate(ids):
                keys_a = keys_of[a]
                for b in ids[x + 1:]:
                    if min(keys_a & keys_of[b]) != key:
                        continue  # an earlier block scores this pair
                    s = pair_score(cues(a), cues(b), idf)
                    if s >= floor:
                        a_out.append(a)
                        b_out.append(b)
                        scores.append(s)
    return _table("pairs", {"a": a_out, "b": b_out, "score": scores})


def cluster_edges(pairs: pd.DataFrame, threshold: float = SAME_INCIDENT) -> Dict[str, str]:
    """``{report_id: incident id}`` for every report of the kept ``pairs`` (all of
    :func:`score_pairs`' output, collected), clustered by :func:`casualties.cluster.cluster_pairs`
    as on pandas.  A report in no kept pair is alone in its incident (:func:`assign_incidents`)."""
    a, b = _column(pairs, "a"), _column(pairs, "b")
    with gc_paused():
        scores = dict(zip(zip(a, b), _column(pairs, "score")))
        return incident_ids(cluster_pairs(set(a) | set(b), scores, threshold))


# --------------------------------------------------------------------------- retold events


def event_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per other event of the partition's reports (:func:`settle_cues` rows):
    ``report_id, event, cues`` (:func:`casualties.retold.event_cues`).  Few reports retell
    another event: the engine collects these rows."""
    data: Dict[str, list] = {c: [] for c in COLUMNS["events"]}
    for rep, (_, claims, events, _) in zip(_objects(frame, "report"), _objects(frame, "claims")):
        for k, cues in event_cues(rep, events, claims).items():
            data["report_id"].append(rep.report_id)
            data["event"].append(k)
            data["cues"].append(_dump(cues))
    return _table("events", data)


def candidate_rows(frame: pd.DataFrame, wanted: FrozenSet[str]) -> pd.DataFrame:
    """One row per report and block key of ``wanted`` (:func:`casualties.retold.wanted_keys` of
    the collected :func:`event_rows`) it sits under: ``key, report_id, cues``."""
    data: Dict[str, list] = {c: [] for c in COLUMNS["candidates"]}
    for rid, blob in zip(_column(frame, "report_id"), _column(frame, "cues")):
        for key in candidate_keys(_load(blob), wanted):
            data["key"].append(key)
            data["report_id"].append(rid)
            data["cues"].append(blob)
    return _table("candidates", data)


def joined_incidents(events: pd.DataFrame, candidates: pd.DataFrame, incident_of: Mapping[str, str],
                     idf: Mapping[str, float], threshold: float = SAME_INCIDENT) -> Dict[str, Dict[int, str]]:
    """On the driver: the incident each other event joins (:func:`casualties.retold.match_events`),
    from the collected :func:`event_rows` and :func:`candidate_rows`, by report
    (:func:`casualties.retold.by_report`).  ``incident_of``: :func:`cluster_edges`."""
    cues = {(rid, int(k)): _load(b) for rid, k, b in zip(*(_column(events, c) for c in COLUMNS["events"]))}
    index: Dict[str, List[ReportCues]] = defaultdict(list)
    for key, rid, blob in sorted(zip(*(_column(candidates, c) for c in COLUMNS["candidates"]))):
        index[key].append(_load(blob))
    return by_report(match_events(cues, index, incident_of, idf, threshold))


# --------------------------------------------------------------------------- result frames


def assign_incidents(frame: pd.DataFrame, incident_of: Optional[Mapping[str, str]]) -> pd.DataFrame:
    """Adds ``incident_id``: from ``incident_of`` (:func:`cluster_edges`; a report it lacks is
    alone in its incident), or, when ``incident_of`` is None (``cluster=False``), the report id.
    Without clustering there are no cues: ``cues`` is empty bytes."""
    ids = _column(frame, "report_id")
    if incident_of is None:
        incidents = ids
    else:
        incidents = [incident_of.get(rid) or incident_id_for([rid]) for rid in ids]
    cues = _column(frame, "cues") if "cues" in frame.columns else [b""] * len(ids)
    data = {c: _column(frame, c) for c in COLUMNS["extracted"]}
    return _table("assigned", dict(data, cues=cues, incident_id=incidents))


def _rows(frame: pd.DataFrame):
    """(report, title claims, text claims, n_input_rows, main incident id, events, event of each
    text claim, the incidents of the report this frame holds it for) per report, by report id.
    An :func:`assign_incidents` row holds a report for its main incident; a :func:`spread_retold`
    frame may hold it for several (its main one, the ones its other events join)."""
    frame = sort_rows(frame, "report_id")
    main = _column(frame, "main_incident_id") if "main_incident_id" in frame.columns else _column(frame, "incident_id")
    held: Dict[str, set] = defaultdict(set)
    for rid, iid in zip(_column(frame, "report_id"), _column(frame, "incident_id")):
        held[rid].add(iid)
    done = set()
    for rid, rep, (title_claims, claims, events, event_of), n, iid in zip(
            _column(frame, "report_id"), _objects(frame, "report"), _objects(frame, "claims"),
            _column(frame, "n_input_rows"), main):
        if rid not in done:
            done.add(rid)
            yield rep, title_claims, claims, int(n), iid, events, event_of, held[rid]


def _report_rows(frame: pd.DataFrame, cluster: bool = True, joined: Optional[Mapping[str, Mapping[int, str]]] = None):
    """:func:`casualties.reconcile.report_and_claim_rows` of each report of ``frame``, with only the
    claim rows of the incidents the frame holds the report for (and its background claims when it
    holds the main incident).  ``joined``: :func:`casualties.retold.by_report` of the events
    that join other reports' incidents."""
    joined = joined or {}
    for rep, tc, c, n, iid, events, event_of, held in _rows(frame):
        own = joined.get(rep.report_id)
        report_row, claim_rows, pairs = report_and_claim_rows(rep, iid, tc, c, n, events, event_of, cluster, own)
        away = set(own.values()) if own else set()
        claim_rows = [r for r in claim_rows if r["incident_id"] in held
                      or (iid in held and r["incident_id"] not in away)]
        yield report_row, claim_rows, pairs, iid in held


def spread_retold(frame: pd.DataFrame, joined: Mapping[str, Mapping[int, str]]) -> pd.DataFrame:
    """:func:`assign_incidents` rows, plus a copy of a report's row for each other incident its
    other events join (``joined``, :func:`casualties.retold.by_report`), with that incident as
    ``incident_id`` and the report's own as ``main_incident_id``: a shuffle on ``incident_id``
    then brings every claim of an incident together."""
    data: Dict[str, list] = {c: [] for c in COLUMNS["spread"]}
    for row in zip(*(_column(frame, c) for c in COLUMNS["assigned"])):
        rid, main = row[0], row[-1]
        for iid in [main] + sorted(set((joined.get(rid) or {}).values())):
            for c, v in zip(COLUMNS["assigned"], row):
                data[c].append(v)
            data["incident_id"][-1] = iid
            data["main_incident_id"].append(main)
    return _table("spread", data)


def report_table(frame: pd.DataFrame, joined: Optional[Mapping[str, Mapping[int, str]]] = None) -> pd.DataFrame:
    """``Result.reports`` rows of the partition's reports (:func:`assign_incidents` rows)."""
    return typed_frame([rows[0] for rows in _report_rows(frame, True, joined)], REPORT_FRAME_COLUMNS)


def report_incident_table(frame: pd.DataFrame, cluster: bool = True,
                          joined: Optional[Mapping[str, Mapping[int, str]]] = None) -> pd.DataFrame:
    """``Result.report_incidents`` rows of the partition's reports (:func:`assign_incidents` rows)."""
    return typed_frame([row for rows in _report_rows(frame, cluster, joined) for row in rows[2]],
                       REPORT_INCIDENT_COLUMNS)


def _claim_rows(frame: pd.DataFrame, cluster: bool = True,
                joined: Optional[Mapping[str, Mapping[int, str]]] = None) -> List[dict]:
    """Claim rows of the reports in ``frame``, which holds every report of their incidents (a
    claim's ``counted`` may depend on another report: :func:`shot_who_died_elsewhere`)."""
    return shot_who_died_elsewhere([row for rows in _report_rows(frame, cluster, joined) for row in rows[1]])


def claim_table(frame: pd.DataFrame, cluster: bool = True,
                joined: Optional[Mapping[str, Mapping[int, str]]] = None) -> pd.DataFrame:
    """``Result.claims`` rows of the incidents in ``frame``, which holds every report of them
    (and every report whose other events join them: :func:`spread_retold`)."""
    return typed_frame(_claim_rows(frame, cluster, joined), CLAIM_COLUMNS)


def incident_table(frame: pd.DataFrame, cluster: bool = True,
                   joined: Optional[Mapping[str, Mapping[int, str]]] = None) -> pd.DataFrame:
    """``Result.incidents`` rows of the incidents in ``frame``, which holds every report of
    them (:func:`assign_incidents` or :func:`spread_retold` rows, shuffled or grouped on
    ``incident_id``), and of the other events those reports retell that join no other report's
    incident (``joined``; each its own incident).  ``cluster``: as given to
    :func:`casualties.reconcile` (False: each report its own incident, no cues)."""
    joined = joined or {}
    if "main_incident_id" in frame.columns:  # the copies of spread_retold hold no incident of their own
        frame = frame[frame["incident_id"] == frame["main_incident_id"]]
    reports = _objects(frame, "report")
    if not cluster:
        rows = [solo_incident_row(r) for r in reports]
    else:
        incident_of = dict(zip(_column(frame, "report_id"), _column(frame, "incident_id")))
        cues = {r.report_id: cues for r, cues in zip(reports, _objects(frame, "cues"))}
        rows = incident_rows(incident_of, cues, reports)
    for rep, x in zip(reports, _objects(frame, "claims")):
        rows.extend(other_incident_rows(rep, x[2], cluster, joined.get(rep.report_id)))
    return typed_frame(sorted(rows, key=lambda r: r["incident_id"]), INCIDENT_COLUMNS)


def range_table(frame: pd.DataFrame, policy: str = "default", cluster: bool = True,
                joined: Optional[Mapping[str, Mapping[int, str]]] = None) -> pd.DataFrame:
    """``Result.ranges`` rows of the incidents in ``frame``, which holds every report of them,
    under the best ``policy``."""
    return typed_frame(_ranges(_claim_rows(frame, cluster, joined), policy), RANGE_COLUMNS)
