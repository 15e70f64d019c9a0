"""What :func:`casualties.reconcile` returns: :class:`Result`, its frames and the views of them.

The views live in modules of their own, which take a result and never import this one:
:mod:`casualties.views` (timeline, HTML), :mod:`casualties.plot`, :mod:`casualties.explain` and
:mod:`casualties.frames` (files).
"""
from __future__ import annotations

from typing import Optional

import attrs
import pandas as pd

from .errors import InvalidValueError
from .incidents import Grouping

__all__ = ["Result"]


def _no_skipped() -> pd.DataFrame:
    from .skipped import skipped_frame

    return skipped_frame([])


@attrs.frozen
class Result:
    """What :func:`reconcile` returns: four pandas DataFrames (see design §5).

    - ``reports``: report_id, incident_id, source, published, n_claims, n_input_rows — every
      input report once (identical repeated rows collapse; ``n_input_rows`` counts them).
    - ``claims``: one row per claim with its report, incident (missing for background), span,
      quote, interval and flags; ``counted`` says whether it counts toward its incident.
    - ``incidents``: incident_id, date, n_reports, sources.
    - ``ranges``: per incident x category, an all-victims row (``victims`` missing) and one row
      per normalised victim group, with low / best / high and attribution.
    - ``report_incidents``: every (report, incident, role) pair: each report's main event
      (role "main", the incident of ``reports``) and each other event it retells (role
      "other", :mod:`casualties.events`), with the opener and date that set it apart.

    :meth:`explain` tells why two reports are, or are not, one incident.
    """

    reports: pd.DataFrame
    claims: pd.DataFrame
    incidents: pd.DataFrame
    ranges: pd.DataFrame
    report_incidents: pd.DataFrame
    policy: str = "default"
    #: the cues, blocks and pair scores behind the incidents (:meth:`explain`); None without
    #: clustering, on Dask, and for a result read back from files
    clustering: Optional[Grouping] = attrs.field(default=None, eq=False, repr=False)
    #: the input rows ``reconcile(..., errors="skip")`` left out: row, report_id, field, error
    #: (:mod:`casualties.skipped`); empty otherwise
    skipped: pd.DataFrame = attrs.field(factory=lambda: _no_skipped(), eq=False, repr=False)

    def explain(self, report_a: str, report_b: str):
        """Why reports ``report_a`` and ``report_b`` are in one incident or in two: a
        :class:`casualties.explain.Explanation` with the blocks they shared (or each one's blocks
        when they were never compared), the pair's features with their weights and contributions,
        the score the clustering used and the threshold, and the incident of each.

        Raises :class:`~casualties.errors.InvalidValueError` for an unknown report id, and when
        the result has no clustering to explain (``cluster=False``, the Dask path, or a result
        read back from files)."""
        if self.clustering is None:
            raise InvalidValueError("explain: this result holds no clustering (it was reconciled with "
                                    "cluster=False, on Dask, or read back from files); reconcile the reports "
                                    "on pandas with cluster=True to explain a pair")
        from .explain import explain_pair

        return explain_pair(self.clustering, report_a, report_b)

    def __repr__(self) -> str:
        return (f"<casualties.Result: {len(self.reports)} reports, {len(self.incidents)} incidents, "
                f"{len(self.claims)} claims, {len(self.ranges)} ranges, policy={self.policy!r}>")

    def _repr_html_(self) -> str:
        """The incidents with their killed / injured ranges, as an HTML table (notebooks)."""
        from .views import result_html

        return result_html(self)

    def to_ged(self, path=None) -> pd.DataFrame:
        """The incidents as a UCDP GED-shaped table, one row per incident with GED's field
        names where they apply (:mod:`casualties.ged` gives the mapping); with ``path``, also
        written there (``.csv``, ``.json`` or ``.parquet``)."""
        from .ged import to_ged, write_ged

        if path is not None:
            write_ged(self, path)
        return to_ged(self)

    def timeline(self, incident_id: str, category: Optional[str] = None) -> pd.DataFrame:
        """The incident's claims over publication time, earliest first; ``superseded`` marks a
        figure that the same source later replaced (the one the ``latest`` policy ignores)."""
        from .views import timeline

        return timeline(self, incident_id, category)

    def plot(self, incident_id: str, category: str = "killed", ax=None):
        """Each source's claims as intervals over publication time, with the reconciled range
        (needs matplotlib: ``pip install 'casualties[plot]'``); returns the matplotlib Axes."""
        from .plot import plot

        return plot(self, incident_id, category=category, ax=ax)

    def to_files(self, directory, format: str = "csv") -> dict:
        """Write reports, claims, incidents and ranges to ``directory`` as ``csv``, ``json`` or
        ``parquet`` with stable columns and dtypes; returns {frame name: path}.  Read them back
        with :meth:`Result.from_files`."""
        from .frames import write_result

        return write_result(self, directory, format)

    @classmethod
    def from_files(cls, directory, format: str = "csv") -> "Result":
        """Read a result back from the files :meth:`to_files` wrote.

        The policy is taken from the ``best_policy`` column of the ranges ("default" when there
        are no ranges).

        Raises
        ------
        InvalidValueError: unknown ``format``, or a bad value in a file.
        MissingColumnError: a file lacks a column.
        FileNotFoundError: one of the files is missing.
        """
        from .frames import read_frames

        frames = read_frames(directory, format)
        policies = [p for p in frames["ranges"]["best_policy"].dropna().unique()]
        return cls(policy=str(policies[0]) if policies else "default", **frames)
