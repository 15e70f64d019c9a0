"""Reports to incidents: cues -> blocks -> pair scores -> clusters (design §3).

Each stage is a plain function over the previous one's output, so it can be run, inspected
and replaced on its own: :func:`casualties.cues.report_cues`, :func:`casualties.blocking.build_blocks`,
:func:`casualties.compare.pair_score`, :func:`casualties.cluster.cluster_pairs`.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Dict, List, Mapping, Sequence, Tuple

import attrs

from ._util import gc_paused
from .blocking import build_blocks, name_frequencies
from .claims import extract_claims
from .cluster import cluster_pairs
from .compare import SAME_INCIDENT, name_weights, pair_score
from .cues import ReportCues, report_cues
from .model import Claim
from .reports import Report, normalize_reports

__all__ = ["group_reports", "cluster_cues", "count_candidate_pairs", "incident_rows", "Grouping", "SCORE_FLOOR"]


@attrs.frozen
class Grouping:
    """Which incident each report belongs to, with the cues and pair scores behind it."""

    incident_of: Mapping[str, str]  # report_id -> incident_id
    cues: Mapping[str, ReportCues]
    scores: Mapping[Tuple[str, str], float]
    candidate_pairs: int
    skipped_blocks: int


def incident_id_for(report_ids: Sequence[str]) -> str:
    """A stable incident id: independent of input order, readable, unique per cluster."""
    return f"inc-{min(report_ids)}"


#: Pairs scoring below this are treated as unrelated (score 0) and not kept: they would move a
#: cluster average by less than 1 %, and keeping them would make memory grow with every pair.
SCORE_FLOOR = 0.01


def group_reports(reports: Sequence[Report], claims: Mapping[str, Sequence[Claim]],
                  threshold: float = SAME_INCIDENT) -> Grouping:
    """Cluster reports (with their extracted claims) into incidents."""
    return cluster_cues(_all_cues(reports, claims), threshold)


def cluster_cues(cues: Mapping[str, ReportCues], threshold: float = SAME_INCIDENT) -> Grouping:
    """Blocking, pair scores and clustering over the cues of every report."""
    with gc_paused():
        ordered = [cues[k] for k in sorted(cues)]
        n = len(ordered)
        name_df = name_frequencies(ordered)
        blocks = build_blocks(ordered, name_df=name_df)
        idf = name_weights(name_df, n)
        kept, n_pairs = {}, 0
        for code in blocks.index_pairs():
            n_pairs += 1
            i, j = divmod(code, n)
            s = pair_score(ordered[i], ordered[j], idf)
            if s >= SCORE_FLOOR:
                kept[(i, j)] = s
        clusters = cluster_pairs(range(n), kept, threshold)
    ids = blocks.ids
    scores = {(ids[i], ids[j]): s for (i, j), s in kept.items()}
    incident_of = {}
    for members in clusters:
        iid = incident_id_for([ids[i] for i in members])
        for i in members:
            incident_of[ids[i]] = iid
    return Grouping(incident_of, cues, scores, n_pairs, blocks.skipped_blocks)


_LOWER_WORD_RE = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")


def _names_only(cues: Dict[str, ReportCues], reports: Sequence[Report]) -> Dict[str, ReportCues]:
    """Keep as rare names only the capitalised words that the corpus never writes in lower case:
    "Weather", "Posted" or "Share" are page furniture, "Yates" is a name."""
    vocab = set()
    for r in reports:
        vocab.update(_LOWER_WORD_RE.findall(r.text))
    return {k: attrs.evolve(c, names=frozenset(n for n in c.names if n.startswith("age:") or n not in vocab))
            for k, c in cues.items()}


#: A country named by at least this share of the reports is the corpus's own: ambiguous place
#: names ("York", "Rome") are read there first.
DOMINANT_SHARE = 0.3


def _all_cues(reports: Sequence[Report], claims: Mapping[str, Sequence[Claim]]) -> Dict[str, ReportCues]:
    """Cues of every report.  A second look, favouring the corpus's dominant countries, is taken
    for the reports whose main place lies elsewhere or was not found."""
    cues = {r.report_id: report_cues(r.report_id, r.text, r.published, claims[r.report_id], r.title)
            for r in reports}
    counts = Counter(c.country for c in cues.values() if c.country)
    dominant = tuple(sorted(k for k, n in counts.items() if n >= DOMINANT_SHARE * len(cues)))
    if dominant:
        for r in reports:
            if cues[r.report_id].country not in dominant:
                cues[r.report_id] = report_cues(r.report_id, r.text, r.published, claims[r.report_id], r.title,
                                                prefer=dominant)
    return _names_only(cues, reports)


def count_candidate_pairs(reports, *, vague_policy: str = "design") -> int:
    """How many report pairs blocking would compare (before any comparison is made)."""
    rows = normalize_reports(reports)
    claims = {r.report_id: extract_claims(r.text, r.published, vague_policy=vague_policy) for r in rows}
    cues = _all_cues(rows, claims)
    return len(build_blocks(list(cues.values())).index_pairs())


def _mode(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    counts = Counter(values)
    top = max(counts.values())
    return min(v for v, k in counts.items() if k == top)


def incident_rows(grouping: Grouping, reports: Sequence[Report]) -> List[dict]:
    """One row per incident: its date, place, kind, perpetrator and reports."""
    members: Dict[str, List[Report]] = {}
    for r in reports:
        members.setdefault(grouping.incident_of[r.report_id], []).append(r)
    rows = []
    for iid in sorted(members):
        reps = sorted(members[iid], key=lambda r: r.report_id)
        cs = [grouping.cues[r.report_id] for r in reps]
        place = _mode(c.place for c in cs)
        at_place = [c for c in cs if c.place == place] or cs
        rows.append({
            "incident_id": iid,
            "date": _mode(c.event_date for c in cs),
            "place": place,
            "admin1": _mode(c.admin1_name for c in at_place),
            "country": _mode(c.country for c in at_place),
            "kind": _mode(c.kind for c in cs),
            "perpetrator": _mode(c.perpetrator for c in cs),
            "n_reports": len(reps),
            "sources": "; ".join(sorted({r.source for r in reps if r.source})),
            "report_ids": ";".join(r.report_id for r in reps),
        })
    return rows
