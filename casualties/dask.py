"""``casualties.reconcile`` on a Dask DataFrame: the pandas result, computed on a cluster.

``casualties.reconcile(ddf)`` with a ``dask.dataframe.DataFrame`` comes here and returns the
same :class:`~casualties.Result` as on the pandas DataFrame ``ddf.compute()``: the same
incidents with the same ids, the same frames with the same columns, dtypes and row order.
:func:`reconcile_frames` stops short of collecting the frames: it returns them as Dask
DataFrames (:class:`DaskResult`), which :meth:`DaskResult.to_files` writes partition by
partition, so that claims never pass through the driver.

The work is that of the pandas path, stage by stage, with the functions of
:mod:`casualties.partitions` (see there for the frames each stage gives):

- on the workers, partition by partition: checking rows, extracting claims, reading cues,
  block keys, pair scores, the rows of the result frames and the ranges;
- three shuffles: on ``report_id`` (repeated rows of one report meet and collapse), on block
  key (every report of a block meets the others; a report sits in the block of its date bucket
  and of the next one, so an incident across a bucket boundary shares a block, as on pandas),
  and on ``incident_id`` (every report of an incident meets the others for its ranges);
- on the driver: what the whole corpus says, which every partition needs (the countries of
  the first cues and the dominant ones, the lower-case vocabulary, how many reports use each
  name used by two or more, the blocks too large to compare), the kept pairs (a few per report)
  and their clustering into incidents, the one step that needs the whole graph at once.  The
  vocabulary, the name counts and the incident of every report in a kept pair go back to the
  workers with the tasks that need them.

Checked rows, extracted claims and cues are persisted on the workers between stages (the
corpus statistics are barriers: every report's cues wait for the whole corpus's counts), so
the workers hold the corpus, its claims and cues in memory, or spill them to disk.

Needs the optional packages of the ``dask`` extra: ``pip install 'casualties[dask]'``.
"""
from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any, Dict, List

import attrs
import pandas as pd

from . import partitions as parts
from .blocking import MAX_BLOCK
from .compare import name_weights
from .errors import InputTypeError, MissingDependencyError
from .frames import FRAME_KINDS, PathLike, _format_extension, _require_pyarrow, write_frame
from .incidents import SCORE_FLOOR, dominant_countries
from .compare import SAME_INCIDENT
from .options import check_policies, check_threshold, warn_missing_dates
from .result import Result
from .retold import wanted_keys
from .reports import REPORT_COLUMNS, check_columns

__all__ = ["reconcile_frames", "DaskResult"]


def _dask():
    try:
        import dask
        import dask.dataframe as dd
    except ImportError:
        raise MissingDependencyError(
            "reconcile on Dask needs the optional packages 'dask[dataframe]' and 'distributed', which are "
            "not installed; install them with: pip install 'casualties[dask]'"
        ) from None
    return dask, dd


@attrs.frozen
class DaskResult:
    """What :func:`reconcile_frames` returns: the four frames of a :class:`~casualties.Result`
    as Dask DataFrames, not computed yet.

    ``reports`` and ``claims`` are partitioned by report, ``incidents`` and ``ranges`` by
    incident; within a partition the rows are in the order of the pandas frames, and every
    column has the dtype it has there.  The incidents are already known (clustering ran when
    :func:`reconcile_frames` returned); what is left is building the rows.
    """

    reports: Any
    claims: Any
    incidents: Any
    ranges: Any
    report_incidents: Any
    policy: str = "default"

    def compute(self) -> Result:
        """The :class:`~casualties.Result` that ``casualties.reconcile`` gives on pandas, collected
        on the driver: computes the frames together and sorts them as the pandas path does."""
        dask, _ = _dask()
        reports, claims, incidents, ranges, pairs = _collect(
            dask, self.reports, self.claims, self.incidents, self.ranges, self.report_incidents)
        return Result(reports=parts.sort_rows(reports, "report_id"), claims=parts.sort_claims(claims),
                      incidents=parts.sort_rows(incidents, "incident_id"),
                      ranges=parts.sort_rows(ranges, "incident_id"),
                      report_incidents=parts.sort_rows(pairs, "report_id"), policy=self.policy)

    def to_files(self, directory: PathLike, format: str = "parquet") -> Dict[str, List[Path]]:
        """Write the four frames partition by partition, on the workers, without collecting them:
        ``<directory>/<frame>/part-00000.<format>`` and so on, for ``reports``, ``claims``,
        ``incidents`` and ``ranges``.

        Each file is what :func:`casualties.frames.write_frame` writes, so
        :func:`casualties.frames.read_frame` reads it back with its dtypes (and any Parquet reader
        reads a whole folder).  Files ``part-*.<format>`` already in those folders are removed
        first, so that a folder never mixes two runs.  ``directory`` must be one every worker
        can write to (a shared file system on a multi-machine cluster).

        Returns ``{frame: [paths of its parts]}``.  Raises what
        :meth:`casualties.Result.to_files` raises for a bad ``format``.
        """
        dask, _ = _dask()
        ext = _format_extension(format)
        directory = Path(directory)
        if ext == ".parquet":
            _require_pyarrow(directory / "reports")
        writes = []
        for kind in FRAME_KINDS:
            folder = directory / kind
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob(f"part-*{ext}"):
                old.unlink()
            writes.append(getattr(self, kind).map_partitions(
                _write_part, str(folder), ext, meta=pd.DataFrame({"path": pd.Series([], dtype=object)})))
        written = dask.compute(*writes)
        return {kind: [Path(p) for p in frame["path"].tolist()]
                for kind, frame in zip(FRAME_KINDS, written)}


def _collect(dask, *frames) -> List[pd.DataFrame]:
    """The pandas frames of Dask ``frames``, computed together.  Each partition travels to the
    driver on its own and is concatenated there: ``.compute()`` would first concatenate every
    partition on one worker, which then needs memory for the whole frame twice."""
    computed = dask.compute(*(frame.to_delayed() for frame in frames))
    return [pd.concat(partitions, ignore_index=True) for partitions in computed]


def _write_part(frame: pd.DataFrame, folder: str, ext: str, partition_info=None) -> pd.DataFrame:
    path = Path(folder) / f"part-{(partition_info or {}).get('number', 0):05d}{ext}"
    write_frame(frame, path)
    return pd.DataFrame({"path": pd.Series([str(path)], dtype=object)})


def _validate(frame: pd.DataFrame, offsets: List[int], partition_info=None) -> pd.DataFrame:
    return parts.validate(frame, offsets[partition_info["number"]] if partition_info else 0)


def _shared(dask, obj, what: str):
    """``obj`` as one task of the graph, which every task that needs it depends on: sent to the
    scheduler once and fetched once by each worker, instead of being copied into every task."""
    return dask.delayed(obj, name=f"casualties-{what}-{uuid.uuid4().hex}", traverse=False)


def reconcile_frames(reports, cluster: bool = True, policy: str = "default", *, vague_policy: str = "design",
                     threshold: float = SAME_INCIDENT, progress=None) -> DaskResult:
    """:func:`casualties.reconcile` on a Dask DataFrame, up to the result frames, which stay Dask
    DataFrames: ``reconcile_frames(ddf).compute()`` is ``casualties.reconcile(ddf)``, and
    ``reconcile_frames(ddf).to_files(directory)`` writes the frames without collecting them.

    Runs on the scheduler in use (a ``distributed.Client``'s cluster, else Dask's default).
    Blocks while the claims are extracted, the cues read and the reports clustered; returns when
    the incidents are known.

    Parameters
    ----------
    reports: a ``dask.dataframe.DataFrame`` with the columns :func:`casualties.reconcile` reads.
        Its partitions are read twice (once to count their rows, so that an error names a row
        by its position in the whole input, as on pandas): persist an expensive one first.
    cluster, policy, vague_policy, threshold: as for :func:`casualties.reconcile`.
    progress: optional callable, called once with the number of reports when their claims
        have been extracted.

    Raises
    ------
    InvalidValueError, InputTypeError, MissingColumnError, DuplicateReportError: what
        :func:`casualties.reconcile` raises on the same rows.  When several rows are bad, the
        one named may differ from the pandas path's (partitions are checked in parallel).
    MissingDependencyError: Dask is not installed.

    Warns
    -----
    MissingDateWarning: as :func:`casualties.reconcile` does.
    """
    dask, dd = _dask()
    check_policies(policy, vague_policy)
    threshold = check_threshold(threshold)
    collapsed, n = _collapsed(dask, dd, reports, cluster or policy == "latest")
    extracted = collapsed.map_partitions(parts.extract, vague_policy, meta=parts.empty("extracted"))
    if not cluster:
        assigned = extracted.map_partitions(parts.assign_incidents, None, meta=parts.empty("assigned")).persist()
        by_incident = assigned  # every report is its own incident: no shuffle
        joined = None
        if progress is not None:
            progress(n)
    else:
        looked = extracted.map_partitions(parts.first_cues, meta=parts.empty("first_cues")).persist()
        del collapsed, extracted  # persisted data is released once no collection refers to it
        if progress is not None:
            progress(n)
        settled, name_df = _settled(dask, looked, n)
        del looked
        incident_of = parts.cluster_edges(*_collect(dask, _scored_pairs(dask, settled, name_df, n)), threshold)
        joined = _joined(dask, settled, incident_of, name_weights(name_df, n), threshold)
        assigned = settled.map_partitions(parts.assign_incidents, _shared(dask, incident_of, "incidents"),
                                          meta=parts.empty("assigned"))
        by_incident = assigned.map_partitions(parts.spread_retold, joined, meta=parts.empty("spread")
                                              ).shuffle("incident_id")
    return DaskResult(
        reports=assigned.map_partitions(parts.report_table, joined, meta=parts.empty("reports")),
        claims=by_incident.map_partitions(parts.claim_table, cluster, joined, meta=parts.empty("claims")),
        incidents=by_incident.map_partitions(parts.incident_table, cluster, joined, meta=parts.empty("incidents")),
        ranges=by_incident.map_partitions(parts.range_table, policy, cluster, joined, meta=parts.empty("ranges")),
        report_incidents=assigned.map_partitions(parts.report_incident_table, cluster, joined,
                                                 meta=parts.empty("report_incidents")),
        policy=policy,
    )


def _collapsed(dask, dd, reports, dates_matter: bool = True):
    """(one checked row per report, persisted; the number of reports), or the error the pandas
    path raises for the input; with ``dates_matter``, the pandas path's warning for the reports
    without a published date."""
    if not isinstance(reports, dd.DataFrame):
        raise InputTypeError(f"reports: expected a Dask DataFrame, got {type(reports).__name__}")
    check_columns(reports.columns)
    reports = reports[[c for c in REPORT_COLUMNS if c in reports.columns]]
    lengths = reports.map_partitions(len).compute().tolist()
    offsets = [sum(lengths[:i]) for i in range(len(lengths))]
    validated = reports.map_partitions(_validate, offsets, meta=parts.empty("validated"))
    collapsed = validated.shuffle("report_id").map_partitions(parts.collapse, meta=parts.empty("collapsed")).persist()
    conflicting, n, undated = dask.compute(
        collapsed[collapsed["conflicting_rows"] > 0][["report_id", "conflicting_rows"]],
        collapsed["report_id"].count(), collapsed.map_partitions(parts.undated, meta=parts.empty("undated")))
    parts.check_conflicts(conflicting)
    if dates_matter:
        warn_missing_dates(sorted(undated["report_id"].tolist()), int(n))
    return collapsed, int(n)


def _settled(dask, looked, n: int):
    """(the final cues, persisted; reports per name used by two or more), from the first cues of
    the ``n`` reports: the dominant countries and the vocabulary are computed in between."""
    countries, words = dask.compute(
        looked["country"].value_counts(),
        looked.map_partitions(parts.vocabulary, meta=parts.empty("vocabulary"))["word"].drop_duplicates())
    dominant = dominant_countries(countries.to_dict(), n)
    vocabulary = _shared(dask, frozenset(words.tolist()), "vocabulary")
    settled = looked.map_partitions(parts.settle_cues, dominant, vocabulary, meta=parts.empty("settled")).persist()
    names = settled.map_partitions(parts.rare_names, meta=parts.empty("rare_names"))["name"].value_counts()
    return settled, names[names >= 2].compute().to_dict()


def _joined(dask, settled, incident_of, idf, threshold: float):
    """The incidents other events join (:func:`casualties.partitions.joined_incidents`), shared
    with the workers: the events' cues are collected, then the reports under their block keys."""
    events = _collect(dask, settled.map_partitions(parts.event_rows, meta=parts.empty("events")))[0]
    if not len(events):
        return {}
    wanted = frozenset(wanted_keys(parts._objects(events, "cues")))
    candidates = _collect(dask, settled.map_partitions(parts.candidate_rows, _shared(dask, wanted, "wanted"),
                                                       meta=parts.empty("candidates")))[0]
    return _shared(dask, parts.joined_incidents(events, candidates, incident_of, idf, threshold), "joined")


def _scored_pairs(dask, settled, name_df, n: int, *, max_block: int = MAX_BLOCK, floor: float = SCORE_FLOOR):
    """The candidate pairs scoring at least ``floor`` (a Dask DataFrame ``a, b, score``): block
    keys, their sizes (blocks over ``max_block`` are skipped), a shuffle on key, the scores."""
    key_rows = settled.map_partitions(parts.block_key_rows, _shared(dask, name_df, "names"),
                                      meta=parts.empty("block_keys"))
    key_counts = key_rows["key"].value_counts()
    oversize = parts.oversize_keys(key_counts[key_counts > max_block].compute().to_dict(), max_block)
    if oversize:
        key_rows = key_rows[~key_rows["key"].isin(sorted(oversize))]
    return key_rows.shuffle("key").map_partitions(
        parts.score_pairs, _shared(dask, name_weights(name_df, n), "idf"), oversize, floor, meta=parts.empty("pairs"))
