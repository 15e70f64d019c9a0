"""Other events to incidents: a report's retold events join the incidents other reports are about.

A report has one main event and may retell others (:mod:`casualties.events`: "On February 11,
gunmen kidnapped 75 truffle hunters", "Also overnight, ..."): each figure belongs to the event it
tells of.  When another report is *about* that event, the retold figures join that report's
incident (with ``role="other"`` and a basis that says they came from a retelling); when none is,
the event is an incident of its own (:func:`casualties.reconcile.other_incident_id`).

Matching uses the clustering's own machinery on the event's own cues (:func:`event_cues`: its
date resolved against the report's ``published``, its place, kind of attack and figures, read
from its frame of the text): candidate reports share a date or town block key with the event
(:func:`casualties.blocking.block_keys`, without rare-name keys: an event's frame is short and
its words are the report's), pairs are scored by :func:`casualties.compare.pair_score`, and the
event joins the incident whose reports it scores best with on average (a report of the incident
it shares no block with scores 0), when that average reaches the clustering threshold, as two
groups of reports need to merge.  An event never joins its own report's main incident (the
events module has already decided it is another event), nor another event: retellings of one
past attack that no report is about stay apart.  The result does not depend on input order.

The same functions serve the in-memory path (:func:`casualties.reconcile`) and the partitioned
one (:mod:`casualties.partitions`, :mod:`casualties.dask`), which give the same assignment.
"""
from __future__ import annotations

from collections import Counter
from typing import Dict, Iterable, List, Mapping, Sequence, Set, Tuple

import attrs

from .blocking import MAX_BLOCK, block_keys
from .compare import pair_score
from .cues import ReportCues, report_cues
from .events import ReportEvent
from .incidents import incident_id_for
from .model import Claim

__all__ = ["event_cues", "event_keys", "match_events", "joined_events", "candidate_index", "wanted_keys",
           "candidate_keys", "key_text", "by_report", "EventKey"]

#: An other event: (report id, event index).
EventKey = Tuple[str, int]

_NO_NAMES: Counter = Counter()


def event_cues(report, events: Sequence[ReportEvent], claims: Sequence[Claim]) -> Dict[int, ReportCues]:
    """The cues of each other event of ``report`` (by event index), read from its frame of the
    text with the claims inside it.  The date is the event's own (its opener's day); when the
    opener names no day and the frame none either, the date is unknown (not the published day:
    "Last week" is not today)."""
    out = {}
    for e in events:
        if not e.index:
            continue
        own = [attrs.evolve(claims[i], start=claims[i].start - e.start, end=claims[i].end - e.start)
               for i in e.claims if e.start <= claims[i].start and claims[i].end <= e.end]
        cues = report_cues(f"{report.report_id}#{e.index}", report.text[e.start:e.end], report.published, own)
        if e.date is not None:
            cues = attrs.evolve(cues, event_date=e.date, date_basis=e.date_basis, date_kind="explicit")
        elif cues.date_kind == "published":
            cues = attrs.evolve(cues, event_date=None, date_basis="no date")
        out[e.index] = cues
    return out


def event_keys(cues: ReportCues) -> Set[tuple]:
    """The block keys an event (or a report, to meet events) is found under: date and town keys."""
    return block_keys(cues, _NO_NAMES)


def match_events(events: Mapping[EventKey, ReportCues], candidates: Mapping[tuple, Sequence[ReportCues]],
                 incident_of: Mapping[str, str], idf: Mapping[str, float], threshold: float
                 ) -> Dict[EventKey, str]:
    """The incident each other event joins (events that join none are left out).

    ``candidates``: per block key, the cues of the reports under it (main events, as the
    clustering read them; keys with more than :data:`~casualties.blocking.MAX_BLOCK` reports
    carry no evidence and are passed over), keys as :func:`key_text` gives them; ``incident_of``:
    the incident of every report in an incident of two or more (a report it lacks is alone in
    its incident, :func:`casualties.incidents.incident_id_for`)."""
    sizes = Counter(incident_of.values())

    def incident(rid: str) -> str:
        return incident_of.get(rid) or incident_id_for([rid])

    out = {}
    for key in sorted(events):
        rid = key[0]
        ev = events[key]
        own_incident = incident(rid)
        seen: Dict[str, ReportCues] = {}
        for k in sorted(key_text(k) for k in event_keys(ev)):
            members = candidates.get(k, ())
            if len(members) > MAX_BLOCK:
                continue
            for c in members:
                if c.report_id != rid and incident(c.report_id) != own_incident:
                    seen.setdefault(c.report_id, c)
        totals: Dict[str, float] = {}
        for other in sorted(seen):
            c = seen[other]
            s = pair_score(c, ev, idf) if other < ev.report_id else pair_score(ev, c, idf)
            iid = incident(other)
            totals[iid] = totals.get(iid, 0.0) + s
        if totals:
            average = {iid: t / (sizes.get(iid) or 1) for iid, t in totals.items()}
            top = max(average.values())
            if top >= threshold:  # ties go to the smallest incident id
                out[key] = min(iid for iid, a in average.items() if a == top)
    return out


def key_text(key: tuple) -> str:
    """A block key as text (what partitioned engines ship and shuffle on)."""
    return "\x1f".join(map(str, key))


def wanted_keys(events: Iterable[ReportCues]) -> Set[str]:
    """The block keys (as :func:`key_text`) of the events: the only ones candidates are read under."""
    return {key_text(k) for c in events for k in event_keys(c)}


def candidate_keys(cues: ReportCues, wanted: Set[str]) -> List[str]:
    """The keys of ``wanted`` a report's cues sit under, sorted."""
    return sorted(k for k in map(key_text, event_keys(cues)) if k in wanted)


def candidate_index(cues: Iterable[ReportCues], wanted: Set[str]) -> Dict[str, List[ReportCues]]:
    """Per block key in ``wanted`` (the events' keys), the reports' cues under it, by report id."""
    index: Dict[str, List[ReportCues]] = {}
    for c in sorted(cues, key=lambda c: c.report_id):
        for k in candidate_keys(c, wanted):
            index.setdefault(k, []).append(c)
    return index


def joined_events(reports: Sequence, claims_of: Mapping[str, Sequence[Claim]],
                  events_of: Mapping[str, Sequence[ReportEvent]], cues: Mapping[str, ReportCues],
                  incident_of: Mapping[str, str], idf: Mapping[str, float], threshold: float
                  ) -> Dict[str, Dict[int, str]]:
    """Per report, the incident each of its other events joins (:func:`match_events`), for
    the in-memory path: ``cues`` are the clustering's cues of every report."""
    events = {}
    for r in reports:
        for k, c in event_cues(r, events_of[r.report_id], claims_of[r.report_id]).items():
            events[(r.report_id, k)] = c
    if not events:
        return {}
    wanted = wanted_keys(events.values())
    matched = match_events(events, candidate_index(cues.values(), wanted), incident_of, idf, threshold)
    return by_report(matched)


def by_report(matched: Mapping[EventKey, str]) -> Dict[str, Dict[int, str]]:
    """``{(report, event): incident}`` as ``{report: {event: incident}}``."""
    out: Dict[str, Dict[int, str]] = {}
    for (rid, k), iid in sorted(matched.items()):
        out.setdefault(rid, {})[k] = iid
    return out
