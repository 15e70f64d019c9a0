"""Reports to incidents: cues -> blocks -> pair scores -> clusters (design §3).

Each stage is a plain function over the previous one's output, so it can be run, inspected
and replaced on its own: :func:`casualties.cues.report_cues`, :func:`casualties.blocking.build_blocks`,
:func:`casualties.compare.pair_score`, :func:`casualties.cluster.cluster_pairs`.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Container, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

import attrs

from ._util import gc_paused
from .blocking import Blocks, build_blocks, name_frequencies
from .claims import extract_claims
from .cluster import cluster_pairs
from .compare import SAME_INCIDENT, name_weights, pair_score
from .cues import ReportCues, report_cues
from .model import Claim
from .progress import Stages
from .reports import Report, normalize_reports

__all__ = ["group_reports", "cluster_cues", "count_candidate_pairs", "incident_rows", "Grouping", "SCORE_FLOOR",
           "first_cues", "dominant_countries", "lower_case_words", "settled_cues", "incident_ids", "DOMINANT_SHARE"]


@attrs.frozen
class Grouping:
    """Which incident each report belongs to, with the cues and pair scores behind it."""

    incident_of: Mapping[str, str]  # report_id -> incident_id
    cues: Mapping[str, ReportCues]
    scores: Mapping[Tuple[str, str], float]  # (smaller id, larger id) -> score, pairs over SCORE_FLOOR
    candidate_pairs: int
    skipped_blocks: int
    # what explaining a pair needs (casualties.explain): the blocks, the corpus's name counts and
    # weights, and the threshold the clustering used
    blocks: Optional[Blocks] = attrs.field(default=None, eq=False, repr=False)
    name_df: Mapping[str, int] = attrs.field(factory=dict, eq=False, repr=False)
    idf: Mapping[str, float] = attrs.field(factory=dict, eq=False, repr=False)
    threshold: float = SAME_INCIDENT


def incident_id_for(report_ids: Sequence[str]) -> str:
    """A stable incident id: independent of input order, readable, unique per cluster."""
    return f"inc-{min(report_ids)}"


#: Pairs scoring below this are treated as unrelated (score 0) and not kept: they would move a
#: cluster average by less than 1 %, and keeping them would make memory grow with every pair.
SCORE_FLOOR = 0.01


def group_reports(reports: Sequence[Report], claims: Mapping[str, Sequence[Claim]],
                  threshold: float = SAME_INCIDENT, retold: Optional[Mapping[str, Sequence[Tuple[int, int]]]] = None,
                  stages: Optional[Stages] = None) -> Grouping:
    """Cluster reports (with their extracted claims) into incidents.  ``retold``: per report, the
    spans that tell of other events (see :func:`casualties.cues.report_cues`); ``stages``: a
    :class:`casualties.progress.Stages` told of each stage."""
    stages = stages or Stages()
    return cluster_cues(_all_cues(reports, claims, retold, stages), threshold, stages)


def cluster_cues(cues: Mapping[str, ReportCues], threshold: float = SAME_INCIDENT,
                 stages: Optional[Stages] = None) -> Grouping:
    """Blocking, pair scores and clustering over the cues of every report."""
    stages = stages or Stages()
    with gc_paused():
        ordered = [cues[k] for k in sorted(cues)]
        n = len(ordered)
        stages.start("clustering: blocking", None)
        name_df = name_frequencies(ordered)
        blocks = build_blocks(ordered, name_df=name_df)
        idf = name_weights(name_df, n)
        kept, n_pairs = {}, 0
        candidates = blocks.index_pairs()
        stages.update(1)
        for code in stages.track("clustering: scoring pairs", candidates, len(candidates), every=500):
            n_pairs += 1
            i, j = divmod(code, n)
            s = pair_score(ordered[i], ordered[j], idf)
            if s >= SCORE_FLOOR:
                kept[(i, j)] = s
        stages.start("clustering: grouping", None)
        clusters = cluster_pairs(range(n), kept, threshold)
        stages.update(1)
    ids = blocks.ids
    scores = {(ids[i], ids[j]): s for (i, j), s in kept.items()}
    incident_of = incident_ids([ids[i] for i in members] for members in clusters)
    return Grouping(incident_of, cues, scores, n_pairs, blocks.skipped_blocks, blocks, name_df, idf, threshold)


def incident_ids(clusters: Iterable[Sequence[str]]) -> Dict[str, str]:
    """``{report_id: incident id}`` for clusters of report ids (see :func:`incident_id_for`)."""
    incident_of = {}
    for members in clusters:
        iid = incident_id_for(members)
        for rid in members:
            incident_of[rid] = iid
    return incident_of


_LOWER_WORD_RE = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")


def lower_case_words(text: str) -> Set[str]:
    """The words ``text`` writes in lower case.  Over a whole corpus they are its vocabulary: a
    capitalised word the corpus never writes in lower case is a name (see :func:`settled_cues`)."""
    return set(_LOWER_WORD_RE.findall(text))


#: A country named by at least this share of the reports is the corpus's own: ambiguous place
#: names ("York", "Rome") are read there first.
DOMINANT_SHARE = 0.3


def first_cues(report: Report, claims: Sequence[Claim], retold: Sequence[Tuple[int, int]] = ()) -> ReportCues:
    """A report's cues before the corpus is known (first look, no preferred country)."""
    return report_cues(report.report_id, report.text, report.published, claims, report.title, retold=retold)


def dominant_countries(countries: Mapping[str, int], n_reports: int) -> Tuple[str, ...]:
    """The corpus's own countries: those the first cues of at least :data:`DOMINANT_SHARE` of
    the ``n_reports`` reports name (``countries``: reports per country code)."""
    return tuple(sorted(k for k, n in countries.items() if n >= DOMINANT_SHARE * n_reports))


def settled_cues(report: Report, claims: Sequence[Claim], cues: ReportCues, dominant: Tuple[str, ...],
                 vocabulary: Container[str], retold: Sequence[Tuple[int, int]] = ()) -> ReportCues:
    """A report's final cues, given what the whole corpus says.

    A second look, favouring the ``dominant`` countries, is taken when the report's main place
    lies elsewhere or was not found.  Then only the capitalised words the corpus never writes in
    lower case (``vocabulary``, the union of :func:`lower_case_words`) stay rare names: "Weather",
    "Posted" or "Share" are page furniture, "Yates" is a name."""
    if dominant and cues.country not in dominant:
        cues = report_cues(report.report_id, report.text, report.published, claims, report.title, prefer=dominant,
                           retold=retold)
    return attrs.evolve(cues, names=frozenset(n for n in cues.names if n.startswith("age:") or n not in vocabulary))


def _all_cues(reports: Sequence[Report], claims: Mapping[str, Sequence[Claim]],
              retold: Optional[Mapping[str, Sequence[Tuple[int, int]]]] = None,
              stages: Optional[Stages] = None) -> Dict[str, ReportCues]:
    """Cues of every report: first looks, then the corpus-wide statistics (dominant countries,
    lower-case vocabulary), then :func:`settled_cues`."""
    retold = retold or {}
    stages = stages or Stages()
    cues = {r.report_id: first_cues(r, claims[r.report_id], retold.get(r.report_id, ()))
            for r in stages.track("clustering: cues", reports, len(reports), every=20)}
    dominant = dominant_countries(Counter(c.country for c in cues.values() if c.country), len(cues))
    vocabulary: Set[str] = set()
    for r in reports:
        vocabulary |= lower_case_words(r.text)
    return {r.report_id: settled_cues(r, claims[r.report_id], cues[r.report_id], dominant, vocabulary,
                                      retold.get(r.report_id, ())) for r in reports}


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


def agreed_place(cues: Sequence[ReportCues]) -> List[ReportCues]:
    """The cues that give an incident's place: the most precise place its reports agree on.

    The place most reports name wins; when that is a province (or state) and some reports name a
    town in it, the town most of them name is more precise and agrees with the rest ("Hasakah
    Governorate" and "Qamishli" -> Qamishli, in Hasakah).  Ties go to the alphabetically first
    name.  Returns the cues naming that place ([] when no report names one)."""
    top = _mode(c.place for c in cues)
    if top is None:
        return []
    at_top = [c for c in cues if c.place == top]
    region = at_top[0]
    if region.place_key and region.place_key.startswith("admin1:"):
        towns = [c for c in cues if c.place_key and c.place_key.startswith("city:") and c.admin1 == region.admin1]
        if towns:
            town = _mode(c.place for c in towns)
            return [c for c in towns if c.place == town]
    return at_top


def incident_rows(incident_of: Mapping[str, str], cues: Mapping[str, ReportCues],
                  reports: Sequence[Report]) -> List[dict]:
    """One row per incident of ``reports`` (all of its reports): its date, place, kind,
    perpetrator and reports, sorted by incident id."""
    members: Dict[str, List[Report]] = {}
    for r in reports:
        members.setdefault(incident_of[r.report_id], []).append(r)
    rows = []
    for iid in sorted(members):
        reps = sorted(members[iid], key=lambda r: r.report_id)
        cs = [cues[r.report_id] for r in reps]
        at_place = agreed_place(cs)
        place = at_place[0].place if at_place else None
        at_place = at_place or cs
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
