"""Why two reports are, or are not, one incident: :func:`explain_pair` (``Result.explain``).

An :class:`Explanation` shows, for one pair of reports, what the clustering saw: the blocks
they shared (or each one's blocks, when they shared none and so were never compared), every
feature of the pair with its weight and its contribution to the log-odds, the score and the
threshold, and the incident each ended in.  The score is computed by the clustering's own
scorer (:func:`casualties.compare.pair_contributions`, the rows :func:`casualties.compare.pair_score`
sums), in the clustering's orientation (the smaller report id first), so it is the score the
clustering used.
"""
from __future__ import annotations

import datetime as _dt
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

import attrs
import pandas as pd

from .blocking import DATE_WINDOW_DAYS, TOWN_WINDOW_DAYS, block_keys
from .compare import _evidence_of, pair_contributions, score_of
from .errors import InvalidValueError
from .incidents import SCORE_FLOOR, Grouping

__all__ = ["Contribution", "Explanation", "explain_pair", "describe_block"]


@attrs.frozen
class Contribution:
    """One row of a pair's evidence: a feature, its value (1.0 for a flag, a graded value for
    shared names and headline similarity), its weight, and ``weight * value``, what it adds to
    the log-odds.  The ``prior`` row (value 1.0) is what every pair starts from."""

    feature: str
    value: float
    weight: float

    @property
    def contribution(self) -> float:
        return self.weight * self.value


@attrs.frozen(repr=False)
class Explanation:
    """Why two reports ended in one incident or in two (``Result.explain(a, b)``).

    Attributes
    ----------
    report_a, report_b: the two report ids, as asked.
    incident_a, incident_b: the incident each report's main event ended in.
    same_incident: whether that is one incident.
    compared: whether the two shared a block, and so were scored as a pair.
    shared_blocks: the blocks both were in, as text ("when-where SY-01 2016-07-23..2016-07-30").
    oversize_blocks: blocks both were in that held too many reports to be compared.
    blocks_a, blocks_b: every block of each report (what to read when they were never compared).
    contributions: the pair's evidence, :class:`Contribution` rows, the prior first.
    evidence: the summed log-odds (``sum(c.contribution for c in contributions)``).
    score: the pair's score on the 0..1 scale, the logistic of ``evidence``.
    used_score: the score the clustering used for the pair: ``score`` when they were compared
        and it reached the floor below which pairs are dropped (0.01), else 0.
    threshold: the average score two groups of reports needed to merge.
    linkage: for two incidents, the average used score over every pair of their reports (what
        the clustering compared with ``threshold``); None for one incident.
    verdict: one sentence saying why.
    """

    report_a: str
    report_b: str
    incident_a: str
    incident_b: str
    same_incident: bool
    compared: bool
    shared_blocks: Tuple[str, ...]
    oversize_blocks: Tuple[str, ...]
    blocks_a: Tuple[str, ...]
    blocks_b: Tuple[str, ...]
    contributions: Tuple[Contribution, ...]
    evidence: float
    score: float
    used_score: float
    threshold: float
    linkage: Optional[float]
    verdict: str

    def to_frame(self) -> pd.DataFrame:
        """The contributions as a DataFrame: ``feature, value, weight, contribution``, the prior
        first; their ``contribution`` column sums to ``evidence``."""
        return pd.DataFrame({"feature": [c.feature for c in self.contributions],
                             "value": [c.value for c in self.contributions],
                             "weight": [c.weight for c in self.contributions],
                             "contribution": [c.contribution for c in self.contributions]})

    def __repr__(self) -> str:
        lines = [f"<casualties.Explanation {self.report_a} ~ {self.report_b}: {self.verdict}"]
        if self.compared:
            lines.append("  shared blocks: " + "; ".join(self.shared_blocks))
        else:
            for rid, keys in ((self.report_a, self.blocks_a), (self.report_b, self.blocks_b)):
                lines.append(f"  blocks of {rid}: " + ("; ".join(keys) or "none (no date, no rare name)"))
            if self.oversize_blocks:
                lines.append("  shared, too large to compare: " + "; ".join(self.oversize_blocks))
        lines.append(f"  score {self.score:.3f} (log-odds {self.evidence:+.2f}), used {self.used_score:.3f}, "
                     f"threshold {self.threshold:g}"
                     + (f", incidents' average {self.linkage:.3f}" if self.linkage is not None else ""))
        width = max(len(c.feature) for c in self.contributions)
        lines.append(f"  {'feature':<{width}}  {'value':>6}  {'weight':>6}  {'adds':>6}")
        for c in self.contributions:
            lines.append(f"  {c.feature:<{width}}  {c.value:6.2f}  {c.weight:+6.2f}  {c.contribution:+6.2f}")
        return "\n".join(lines) + ">"

    __str__ = __repr__


def describe_block(key: tuple, place_names: Mapping[str, str] = {}) -> str:
    """A block key (:func:`casualties.blocking.block_keys`) as text: its kind, what it holds and,
    for a date window, the days it spans ("when-where SY-01 2016-07-23..2016-07-30")."""
    kind = key[0]
    if kind in ("when-where", "when", "town"):
        width = DATE_WINDOW_DAYS if kind != "town" else TOWN_WINDOW_DAYS
        bucket = key[-1]  # a report sits in its bucket and the next: this one holds two buckets' days
        first = _dt.date.fromordinal(max(1, (bucket - 1) * width))
        last = _dt.date.fromordinal(max(1, bucket * width + width - 1))
        what = "" if kind == "when" else " " + str(place_names.get(key[1], key[1]))
        return f"{kind}{what} {first.isoformat()}..{last.isoformat()}"
    if kind == "name":
        return f"name {key[1]!r}"
    return " ".join(map(str, key))  # pragma: no cover - no other kinds of key


def _members(incident_of: Mapping[str, str], incident: str) -> List[str]:
    return sorted(r for r, i in incident_of.items() if i == incident)


def _linkage(grouping: Grouping, incident_a: str, incident_b: str) -> float:
    """The average used score over every pair of reports across two incidents."""
    left, right = _members(grouping.incident_of, incident_a), _members(grouping.incident_of, incident_b)
    total = sum(grouping.scores.get((x, y) if x < y else (y, x), 0.0) for x in left for y in right)
    return total / (len(left) * len(right))


def _verdict(same: bool, compared: bool, score: float, used: float, threshold: float,
             linkage: Optional[float], oversize: Sequence[str]) -> str:
    if same:
        if used >= threshold:
            return f"one incident: the pair scores {used:.3f}, at least the threshold {threshold:g}"
        return (f"one incident, through its other reports: the pair alone scores {used:.3f}, under the "
                f"threshold {threshold:g}, but the groups that merged averaged at least the threshold")
    if not compared:
        why = "share only blocks too large to compare" if oversize else "share no block"
        return f"two incidents, never compared: they {why}"
    if used < threshold:
        below = "" if used == score else f" (under the floor {SCORE_FLOOR:g}, counted as 0)"
        return f"two incidents: the pair scores {score:.3f}{below}, under the threshold {threshold:g}"
    return (f"two incidents: the pair scores {used:.3f}, at least the threshold {threshold:g}, but the average "
            f"over every pair of the two incidents' reports is {linkage:.3f}, under it")


def explain_pair(grouping: Grouping, report_a: str, report_b: str) -> Explanation:
    """The :class:`Explanation` of one pair of reports of a clustering (``Result.explain``).

    Raises :class:`~casualties.errors.InvalidValueError` for an unknown report id or a report
    paired with itself."""
    for rid in (report_a, report_b):
        if rid not in grouping.cues:
            raise InvalidValueError(f"explain: no report with report_id {rid!r} was reconciled")
    if report_a == report_b:
        raise InvalidValueError(f"explain: report_a and report_b are the same report ({report_a!r})")
    lo, hi = sorted((report_a, report_b))  # the orientation the clustering scored the pair in
    rows = pair_contributions(grouping.cues[lo], grouping.cues[hi], grouping.idf)
    score = score_of(rows)
    keys = {rid: block_keys(grouping.cues[rid], grouping.name_df) for rid in (report_a, report_b)}
    shared = keys[report_a] & keys[report_b]
    kept = grouping.blocks.members if grouping.blocks is not None else {}
    compared_in = sorted((k for k in shared if k in kept), key=str)
    oversize = sorted((k for k in shared if k not in kept), key=str)
    compared = bool(compared_in)
    used = score if compared and score >= SCORE_FLOOR else 0.0
    if compared and (lo, hi) in grouping.scores:
        used = grouping.scores[(lo, hi)]
    incident_a, incident_b = grouping.incident_of[report_a], grouping.incident_of[report_b]
    same = incident_a == incident_b
    linkage = None if same else _linkage(grouping, incident_a, incident_b)
    place_names = _place_names(grouping, (report_a, report_b))
    describe = lambda ks: tuple(describe_block(k, place_names) for k in sorted(ks, key=str))  # noqa: E731
    return Explanation(
        report_a=report_a, report_b=report_b, incident_a=incident_a, incident_b=incident_b, same_incident=same,
        compared=compared, shared_blocks=describe(compared_in), oversize_blocks=describe(oversize),
        blocks_a=describe(keys[report_a]), blocks_b=describe(keys[report_b]),
        contributions=tuple(Contribution(f, v, w) for f, v, w in rows), evidence=_evidence_of(rows), score=score,
        used_score=used, threshold=grouping.threshold, linkage=linkage,
        verdict=_verdict(same, compared, score, used, grouping.threshold, linkage, oversize))


def _place_names(grouping: Grouping, report_ids: Sequence[str]) -> Dict[str, str]:
    """Readable names of the town keys the two reports' blocks hold ("city:173319" -> "Qamishli")."""
    out: Dict[str, str] = {}
    for rid in report_ids:
        c = grouping.cues[rid]
        if c.place_key and c.place:
            out[c.place_key] = c.place
    return out
