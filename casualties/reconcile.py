"""Reports in, incidents and reconciled ranges out: :func:`reconcile`.

Every report's claims are extracted; reports describing the same incident are grouped
(:mod:`casualties.incidents`; ``cluster=False`` keeps each report its own incident); then for
each incident and category the claims that count give ``low`` / ``best`` / ``high``, the
consensus interval and the attribution of every figure to the claims behind it.
"""
from __future__ import annotations

import sys
from collections import Counter
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

import attrs

from .claims import NO_DEATH_REPORTED, extract_report_claims
from .events import MAIN, OTHER, ReportEvent, report_events
from .compare import SAME_INCIDENT
from .model import Claim
from .incidents import group_reports, incident_rows
from .options import BEST_POLICIES, check_policies, check_threshold, warn_missing_dates
from .progress import READING, Stages, stages_for
from .reports import Report, _normalize
from .errors import InvalidValueError
from .result import Result
from .retold import joined_events
from .skipped import check_errors, skipped_frame, warn_skipped
from .schema import (CLAIM_COLUMNS, INCIDENT_COLUMNS, RANGE_COLUMNS, REPORT_FRAME_COLUMNS, REPORT_INCIDENT_COLUMNS,
                     typed_frame)

__all__ = ["reconcile", "Result", "BEST_POLICIES", "best_figure"]



#: How much one person told of by name or pronoun ("he died", implicit 1) weighs against a
#: stated figure when sources conflict under the default policy.
IMPLICIT_WEIGHT = 0.5


def _stated(c) -> List[int]:
    return list(c["stated"])


def best_figure(rows: Sequence[dict], low: Optional[int], high: Optional[int],
                cons_low: int, cons_high: Optional[int], consistent: bool, policy: str):
    """(best, basis, claim_ids that give it) for one range under ``policy``."""
    stated = [(v, r["claim_id"]) for r in rows for v in _stated(r)]
    if not stated:  # only vague or open claims: the consensus floor, said so
        ids = [r["claim_id"] for r in rows if r["low"] == cons_low]
        return cons_low, f"no stated figure: consensus floor {cons_low} from vague or open claims", ids
    values = sorted(v for v, _ in stated)

    def ids_of(v):
        return sorted({cid for x, cid in stated if x == v})

    if policy in ("ibc", "acled"):
        return low, "reported minimum", ids_of(low)
    if policy == "ucdp":
        mid = values[(len(values) - 1) // 2]
        return mid, "median of stated figures (lower middle when even)", ids_of(mid)
    if policy == "latest":
        latest = {}
        for r in rows:  # per source: its most recently published claims supersede earlier ones
            key = r["source"] or r["report_id"]
            pub = r["published"]
            cur = latest.get(key)
            if cur is None or (pub is not None and (cur[0] is None or pub > cur[0])):
                latest[key] = (pub, [r])
            elif pub == cur[0]:
                cur[1].append(r)
        keep = [r for _, rs in latest.values() for r in rs]
        if not any(_stated(r) for r in keep):  # the latest figures are all vague: nothing to prefer
            b, basis, ids = best_figure(rows, low, high, cons_low, cons_high, consistent, "default")
            return b, "latest per source gives no stated figure; " + basis, ids
        lows = [r["low"] for r in keep]
        highs = [r["high"] for r in keep if r["high"] is not None]
        c_lo, c_hi = max(lows), (min(highs) if highs else None)
        b, basis, ids = best_figure(keep, low, high, c_lo, c_hi, c_hi is None or c_lo <= c_hi, "default")
        return b, "latest per source; " + basis, ids
    # default
    if consistent:
        # a range ("between 2 and 3", "2 or 3") vouches for its lower end and allows its upper
        # one: only the lower end is a figure the source stands by, as "at least 44" stands by 44
        vouched = sorted(min(_stated(r)) for r in rows if _stated(r))
        inside = [v for v in vouched if v >= cons_low and (cons_high is None or v <= cons_high)]
        if inside:
            return inside[-1], "largest stated figure inside the consensus", ids_of(inside[-1])
        b = min(max(cons_low, low), high)
        return b, f"consensus floor {cons_low} clamped to the stated range", ids_of(b)
    # sources conflict: the figure stated most often (a report's lead figure is usually repeated;
    # a stray figure about someone else is not); ties go to the larger.  One person told of by
    # name or pronoun ("he died") weighs half a stated figure: several mentions of one victim
    # should not outvote a stated total
    count, weight = Counter(values), Counter()
    for r in rows:
        for v in _stated(r):
            weight[v] += IMPLICIT_WEIGHT if r["basis"].startswith("implicit") else 1.0
    top = max(weight, key=lambda v: (weight[v], v))
    if count[top] == 1:
        return high, "sources conflict: largest stated figure", ids_of(high)
    return top, f"sources conflict: the figure stated most often ({count[top]} times)", ids_of(top)


def _range_row(incident_id, category, victims, rows, policy) -> dict:
    stated = [v for r in rows for v in _stated(r)]
    low = min(stated) if stated else None
    high = max(stated) if stated else None
    cons_low = max(r["low"] for r in rows)
    highs = [r["high"] for r in rows if r["high"] is not None]
    cons_high = min(highs) if highs else None
    consistent = cons_high is None or cons_low <= cons_high
    best, basis, best_ids = best_figure(rows, low, high, cons_low, cons_high, consistent, policy)
    if low is not None and not (low <= best <= high):
        raise AssertionError(f"best {best} outside [{low}, {high}]")  # pragma: no cover - invariant

    def ids_at(v):
        return sorted({r["claim_id"] for r in rows if v in _stated(r)}) if v is not None else []

    disagree = []
    if not consistent:
        for r in rows:  # claims whose interval misses the majority's lower bound or upper bound
            if r["high"] is not None and r["high"] < cons_low or (cons_high is not None and r["low"] > cons_high):
                disagree.append(r["claim_id"])
    sources = sorted({r["source"] for r in rows if r["source"]})
    cited = sorted({r["cited_source"] for r in rows if r["cited_source"]})
    return {
        "incident_id": incident_id, "category": category, "victims": victims,
        "low": low, "best": best, "high": high, "high_open": cons_high is None, "consensus_low": cons_low,
        "consensus_high": cons_high if consistent else None, "consistent": consistent,
        "n_claims": len(rows), "n_sources": len(sources) or len({r["report_id"] for r in rows}),
        "best_policy": policy, "best_basis": basis,
        "low_claims": ids_at(low), "best_claims": list(best_ids), "high_claims": ids_at(high),
        "claims": [r["claim_id"] for r in rows],
        "retold_claims": [r["claim_id"] for r in rows if r["role"] == OTHER],
        "sources": sources, "cited_sources": cited,
        "disagreeing_claims": sorted(set(disagree)),
    }


def shot_who_died_elsewhere(claim_rows: List[dict]) -> List[dict]:
    """Claim rows with the cross-report "shot" rule applied.

    A report that says people were shot and tells of no death gives them as injured ("15-year-old
    girl shot in head": 1 injured), but it may simply have been written before anyone died.  When
    the other reports of the same incident tell of at least as many dead, the people shot are
    those dead: the injured claim stops counting and its ``basis`` says why.  With fewer dead
    elsewhere nothing changes (the shot may include survivors).  The same holds for one person
    told critically hurt ("a man was critically wounded") in a report that tells of no death:
    people in a critical state are those who die later."""
    dead: Dict[str, Tuple[int, str]] = {}
    for r in claim_rows:  # the largest stated killed figure of each incident, and its report
        if r["counted"] and r["category"] == "killed" and r["incident_id"] is not None:
            for v in _stated(r):
                if v > dead.get(r["incident_id"], (0, ""))[0]:
                    dead[r["incident_id"]] = (v, r["report_id"])
    # a report that tells of a death in this incident (its figures of other incidents aside)
    told_dead = {(r["report_id"], r["incident_id"]) for r in claim_rows if r["counted"] and r["category"] == "killed"}
    out = []
    for r in claim_rows:
        k, where = dead.get(r["incident_id"], (0, ""))
        one_hurt = r["value"] == 1 and r["basis"].startswith("implicit") \
            and (r["report_id"], r["incident_id"]) not in told_dead \
            and "critical" in r["quote"].lower()
        if r["counted"] and r["category"] == "injured" and (NO_DEATH_REPORTED in r["basis"] or one_hurt) \
                and r["value"] is not None and 0 < r["value"] <= k and where != r["report_id"]:
            who = "the one critically hurt" if one_hurt else "the people shot"
            r = dict(r, counted=False, basis=f"{r['basis']}; not counted: report {where} of the same "
                                           f"incident tells of {k} dead, {who} among them")
        out.append(r)
    return out


def _ranges(claim_rows: List[dict], policy: str) -> List[dict]:
    groups: Dict[tuple, List[dict]] = {}
    for r in claim_rows:
        if r["incident_id"] is None:
            continue
        if r["counted"]:
            groups.setdefault((r["incident_id"], r["category"], None), []).append(r)
        if not ((r["background"] and r["role"] != OTHER) or r["perpetrator_claim"]) and r["victim_group"] != "unknown" \
                and (r["counted"] or r["subset"] or r["part_of_list"]):
            groups.setdefault((r["incident_id"], r["category"], r["victim_group"]), []).append(r)
    if policy == "acled":
        _perpetrator_claims_alone(claim_rows, groups)
    out = []
    for (i, c, v), rows in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")):
        row = _range_row(i, c, v, rows, policy)
        if all(r["perpetrator_claim"] for r in rows):
            row["best_basis"] += "; the perpetrator's own claim, the only figure (ACLED codes it)"
        out.append(row)
    return out


def _perpetrator_claims_alone(claim_rows: List[dict], groups: Dict[tuple, List[dict]]) -> None:
    """ACLED's rule: a figure claimed by the perpetrator ("IS claims to have killed 20 fighters")
    counts when it is the only figure of the event.  Adds, for each incident and category with
    no counted claim, the perpetrator's claims as its all-victims group (``best_basis`` says so);
    the claims keep ``counted`` False, the design's default."""
    for r in claim_rows:
        if r["incident_id"] is None or not r["perpetrator_claim"] or (r["background"] and r["role"] != OTHER) \
                or r["subset"] \
                or r["part_of_list"]:
            continue
        key = (r["incident_id"], r["category"], None)
        rows = groups.setdefault(key, [])
        if all(x["perpetrator_claim"] for x in rows):
            rows.append(r)


def _claim_row(report: Report, incident_id, k: int, c: Claim, field: str = "text", role=MAIN,
               event: Optional[ReportEvent] = None) -> dict:
    counted = c.counts
    if event is not None:  # a figure of an event the report retells: about another event than
        # the report's main one (background, as extraction may have said), counted toward its own
        counted = not (c.subset or c.part_of_list or c.perpetrator_claim)
        c = attrs.evolve(c, basis=f"{c.basis + '; ' if c.basis else ''}retold: the event after {event.opener!r}")
    return {
        "claim_id": f"{report.report_id}:{k}" if field == "text" else f"{report.report_id}:{field}:{k}",
        "report_id": report.report_id, "incident_id": incident_id if event or not c.background else None,
        "role": role if event or not c.background else None, "field": field,
        "category": c.category, "low": c.low, "high": c.high, "value": c.value,
        "qualifier": c.qualifier, "victims": c.victims, "victim_group": c.victim_group,
        "start": c.start, "end": c.end, "quote": c.quote, "source": report.source,
        "cited_source": c.cited_source, "published": report.published,
        "background": c.background, "subset": c.subset, "part_of_list": c.part_of_list,
        "perpetrator_claim": c.perpetrator_claim, "counted": counted, "basis": c.basis,
        "stated": c.stated,
    }


def other_incident_id(report_id: str, event: int, cluster: bool = True) -> str:
    """The incident of the ``event``-th other event a report retells, when no other report's
    incident is assigned to it: "inc-<report>#<n>" ("<report>#<n>" with ``cluster=False``)."""
    return f"inc-{report_id}#{event}" if cluster else f"{report_id}#{event}"


def retold_spans(events: Sequence[ReportEvent]) -> List[Tuple[int, int]]:
    """The spans of a report's text that tell of the other events it retells: its main place is
    not read there (:func:`casualties.cues.report_cues`)."""
    return [(e.start, e.end) for e in events if e.index]


def main_claims(claims: Sequence[Claim], event_of: Sequence[Optional[int]]) -> List[Claim]:
    """The claims of a report's main event and its background claims: what its cues read."""
    return [c for c, e in zip(claims, event_of) if not e]


def report_and_claim_rows(report: Report, incident_id: str, title_claims: Sequence[Claim],
                          claims: Sequence[Claim], n_input_rows: int, events: Sequence[ReportEvent] = (),
                          event_of: Optional[Sequence[Optional[int]]] = None, cluster: bool = True,
                          joined: Optional[Mapping[int, str]] = None) -> Tuple[dict, List[dict], List[dict]]:
    """The row of ``report`` in ``Result.reports``, the rows of its claims (headline first) and its
    rows of ``Result.report_incidents``.  ``events`` / ``event_of``: :func:`casualties.events.report_events`
    of its text (without them every claim is the main event's).  ``joined``: the incident each other
    event joins when other reports are about it (:mod:`casualties.retold`); the others are their own."""
    report_row = {"report_id": report.report_id, "incident_id": incident_id, "source": report.source,
                  "published": report.published, "n_claims": len(claims) + len(title_claims),
                  "n_input_rows": n_input_rows}
    event_of = event_of if event_of is not None else (0,) * len(claims)
    incident_of_event = {0: incident_id}
    incident_of_event.update({e.index: other_incident_id(report.report_id, e.index, cluster) for e in events if e.index})
    incident_of_event.update(joined or {})
    claim_rows = [_claim_row(report, incident_id, k, c, "title") for k, c in enumerate(title_claims)]
    by_index = {e.index: e for e in events}
    claim_rows.extend(_claim_row(report, incident_of_event[e or 0], k, c, role=OTHER if e else MAIN,
                                 event=by_index[e] if e else None)
                      for k, (c, e) in enumerate(zip(claims, event_of)))
    pair_rows = [{"report_id": report.report_id, "incident_id": incident_id, "role": MAIN, "event": 0, "opener": "",
                  "date": None, "date_basis": "", "n_claims": len(title_claims) + sum(1 for e in event_of if e == 0)}]
    pair_rows.extend({"report_id": report.report_id, "incident_id": incident_of_event[e.index], "role": OTHER,
                      "event": e.index, "opener": e.opener, "date": e.date, "date_basis": e.date_basis,
                      "n_claims": len(e.claims)} for e in events if e.index)
    return report_row, claim_rows, pair_rows


def other_incident_rows(report: Report, events: Sequence[ReportEvent], cluster: bool = True,
                        joined: Optional[Mapping[int, str]] = None) -> List[dict]:
    """The ``Result.incidents`` rows of the other events a report retells that join no other
    report's incident (``joined``, :mod:`casualties.retold`), each its own incident:
    the event's date (None when its opener names no day); with ``cluster``, the place, kind and
    perpetrator read from its frame (:func:`casualties.cues.report_cues` of the frame's text)."""
    from .cues import report_cues

    rows = []
    for e in events:
        if not e.index or e.index in (joined or {}):
            continue
        iid = other_incident_id(report.report_id, e.index, cluster)
        row = dict(solo_incident_row(report), incident_id=iid, date=e.date)
        if cluster:
            cues = report_cues(iid, report.text[e.start:e.end], report.published, ())
            row.update(place=cues.place, admin1=cues.admin1_name if cues.place else None,
                       country=cues.country, kind=cues.kind, perpetrator=cues.perpetrator)
        rows.append(row)
    return rows


def solo_incident_row(report: Report) -> dict:
    """The row of ``Result.incidents`` for a report that is its own incident (``cluster=False``)."""
    return {"incident_id": report.report_id, "date": report.published, "place": None, "admin1": None,
            "country": None, "kind": None, "perpetrator": None, "n_reports": 1,
            "sources": [report.source] if report.source else [], "report_ids": [report.report_id]}


def reconcile(reports, cluster: bool = True, policy: str = "default", *,
              vague_policy: str = "design", threshold: float = SAME_INCIDENT, progress=None,
              errors: str = "raise") -> Result:
    """Extract every report's claims and reconcile them into ranges per incident.

    Parameters
    ----------
    reports: a pandas DataFrame, or an iterable of mappings or :class:`~casualties.Report`,
        with ``report_id`` and ``text`` and optionally ``source``, ``published``, ``title``, ``url``.
        A Dask DataFrame is reconciled on its cluster, with the same result
        (:mod:`casualties.dask`; needs ``pip install 'casualties[dask]'``).
    cluster: group reports that describe the same incident (the default); ``False`` keeps each
        report its own incident.
    policy: how ``best`` is chosen, one of :data:`BEST_POLICIES`.
    vague_policy: floors for vague words ("design" or "acled").
    threshold: the average pair score (0..1) two groups of reports need to merge into one
        incident (:data:`casualties.compare.SAME_INCIDENT`, 0.25, by default); higher keeps more
        reports apart.  ``Result.explain(a, b)`` shows a pair's score against it.
    progress: ``True`` shows each stage (reading reports, clustering: cues / blocking /
        scoring pairs / grouping, ranges) with its name, done/total and ETA on stderr (a
        notebook widget in Jupyter); a callable is called with the number of reports read so
        far (on Dask, once, when every report's claims have been extracted); a
        :class:`casualties.progress.Stages` receives every stage.
    errors: "raise" (the default): the first bad row raises its error, naming the row and the
        field.  "skip": bad rows (and rows repeating a ``report_id`` with other fields) are left
        out, every other row is reconciled, and the skipped rows are named in a
        :class:`~casualties.errors.SkippedRowsWarning` and listed in ``Result.skipped``
        (:mod:`casualties.skipped`).  Pandas input only.

    Warns
    -----
    MissingDateWarning: once per call, when clustering reports (or choosing ``best`` by the
        ``latest`` policy) of which some have no ``published`` date.
    SkippedRowsWarning: with ``errors="skip"``, once per call when rows were skipped.
    """
    check_policies(policy, vague_policy)
    threshold = check_threshold(threshold)
    check_errors(errors)
    if _is_dask_collection(reports):
        if errors != "raise":
            raise InvalidValueError("reconcile(errors='skip') reads pandas input only; on Dask, reconcile "
                                    "the partitions' good rows (casualties.read_reports(..., errors='skip'))")
        from .dask import reconcile_frames

        return reconcile_frames(reports, cluster, policy, vague_policy=vague_policy, threshold=threshold,
                                progress=_dask_progress(progress)).compute()
    rows, input_rows, skipped = _normalize(reports, errors)
    warn_skipped(skipped, "reconcile")
    rows = sorted(rows, key=lambda r: r.report_id)  # every output is independent of input order
    if cluster or policy == "latest":
        warn_missing_dates([r.report_id for r in rows if r.published is None], len(rows))
    stages = stages_for(progress)
    try:
        return _reconcile_rows(rows, input_rows, cluster, policy, vague_policy, threshold, stages, skipped)
    finally:
        if progress is True:  # a display made here is closed here; a caller's Stages stay open
            stages.close()


def _read_reports(rows: Sequence[Report], vague_policy: str, stages: Stages):
    """``(claims_of, title_claims_of, events_of)`` per report id: the stage "reading reports"."""
    claims_of, title_claims_of, events_of = {}, {}, {}
    for rep in stages.track(READING, rows, len(rows)):
        # a headline ("4 shot, one fatally, on St. Louis street") states figures too; their
        # spans are offsets into the title, and the claims say field="title"
        title_claims_of[rep.report_id], claims_of[rep.report_id] = extract_report_claims(
            rep.title, rep.text, rep.published, vague_policy=vague_policy)
        events_of[rep.report_id] = report_events(rep.text, rep.published, claims_of[rep.report_id])
    return claims_of, title_claims_of, events_of


def _reconcile_rows(rows, input_rows, cluster, policy, vague_policy, threshold, stages: Stages,
                    skipped=()) -> Result:
    claims_of, title_claims_of, events_of = _read_reports(rows, vague_policy, stages)
    if cluster:
        grouping = group_reports(rows, {rid: main_claims(c, events_of[rid][1]) for rid, c in claims_of.items()},
                                 threshold, retold={rid: retold_spans(ev) for rid, (ev, _) in events_of.items()},
                                 stages=stages)
        incident_of = grouping.incident_of
        incidents = incident_rows(incident_of, grouping.cues, rows)
        joined = joined_events(rows, claims_of, {rid: ev for rid, (ev, _) in events_of.items()}, grouping.cues,
                               incident_of, grouping.idf, threshold)
    else:
        grouping, joined = None, {}
        incident_of = {rep.report_id: rep.report_id for rep in rows}
        incidents = [solo_incident_row(rep) for rep in rows]
    report_rows, claim_rows, pair_rows = [], [], []
    for rep in stages.track("ranges", rows, len(rows)):
        events, event_of = events_of[rep.report_id]
        report_row, rep_claim_rows, rep_pairs = report_and_claim_rows(
            rep, incident_of[rep.report_id], title_claims_of[rep.report_id], claims_of[rep.report_id],
            input_rows[rep.report_id], events, event_of, cluster, joined.get(rep.report_id))
        report_rows.append(report_row)
        claim_rows.extend(rep_claim_rows)
        pair_rows.extend(rep_pairs)
        incidents.extend(other_incident_rows(rep, events, cluster, joined.get(rep.report_id)))
    incidents.sort(key=lambda r: r["incident_id"])
    claim_rows = shot_who_died_elsewhere(claim_rows)
    ranges = _ranges(claim_rows, policy)
    return Result(
        reports=typed_frame(report_rows, REPORT_FRAME_COLUMNS),
        claims=typed_frame(claim_rows, CLAIM_COLUMNS),
        incidents=typed_frame(incidents, INCIDENT_COLUMNS),
        ranges=typed_frame(ranges, RANGE_COLUMNS),
        report_incidents=typed_frame(pair_rows, REPORT_INCIDENT_COLUMNS),
        policy=policy, clustering=grouping, skipped=skipped_frame(skipped),
    )


def _dask_progress(progress):
    """The ``progress`` callable for the Dask path: reports read, as one step."""
    if progress is None or progress is False or (callable(progress) and not hasattr(progress, "start")):
        return progress
    stages = stages_for(progress)

    def done(n):
        stages.start(READING, n)
        stages.update(n)
        if progress is True:
            stages.close()

    return done


def _is_dask_collection(obj) -> bool:
    """Whether ``obj`` is a Dask collection, without importing Dask (a collection can only
    exist once Dask has been imported)."""
    dask = sys.modules.get("dask")
    return dask is not None and dask.is_dask_collection(obj)
