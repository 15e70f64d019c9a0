"""Candidate pairs: only reports that share a block key are ever compared.

Keys (see :func:`block_keys`):

- ``("when-where", region, bucket)``: the same province / state (else country) and event
  dates within :data:`DATE_WINDOW_DAYS` of each other.  Each report sits in its date bucket and
  the next one, so an incident on a bucket boundary is never split;
- ``("town", place, bucket)``: the same town within about six weeks (follow-up stories);
- ``("name", word)``: a rare name shared by the two reports (a victim, a street), for reports
  with no date or place; a word is rare when at most :data:`MAX_NAME_REPORTS` reports use it.

:func:`count_candidate_pairs` counts the pairs before any comparison is made.  Blocks larger
than ``max_block`` are not expanded into pairs (they are counted in ``skipped_blocks``): a
key that common carries no evidence and would make the work quadratic.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

import attrs

from .cues import ReportCues

__all__ = ["DATE_WINDOW_DAYS", "MAX_NAME_REPORTS", "MAX_BLOCK", "block_keys", "Blocks", "build_blocks"]

DATE_WINDOW_DAYS = 4
TOWN_WINDOW_DAYS = 45
MAX_NAME_REPORTS = 12
MAX_BLOCK = 400


def name_frequencies(cues: Iterable[ReportCues]) -> Counter:
    """How many reports use each rare-name word."""
    df: Counter = Counter()
    for c in cues:
        df.update(c.names)
    return df


def block_keys(c: ReportCues, name_df: Counter, max_name_reports: int = MAX_NAME_REPORTS) -> Set[tuple]:
    keys: Set[tuple] = set()
    if c.event_date is not None:
        day = c.event_date.toordinal()
        region = c.admin1 or c.country or "?"
        b = day // DATE_WINDOW_DAYS
        keys.add(("when-where", region, b))
        keys.add(("when-where", region, b + 1))
        # the same days anywhere: reports whose place was not recognised still meet their
        # incident's other reports (blocks past max_block are dropped, so this stays linear)
        keys.add(("when", b))
        keys.add(("when", b + 1))
        t = day // TOWN_WINDOW_DAYS
        for town in c.places:
            keys.add(("town", town, t))
            keys.add(("town", town, t + 1))
    for n in c.names:
        if 2 <= name_df.get(n, 0) <= max_name_reports and not n.startswith("age:"):
            keys.add(("name", n))
    return keys


@attrs.frozen
class Blocks:
    """Blocks of reports and the candidate pairs they give.  Reports are numbered by their
    position in ``ids`` (the cues passed to :func:`build_blocks`, sorted by report id)."""

    ids: Tuple[str, ...]
    members: Dict[tuple, Tuple[int, ...]]
    skipped_blocks: int

    def upper_bound(self) -> int:
        """Pairs summed over blocks (a pair in two blocks counts twice): cheap, before enumeration."""
        return sum(len(m) * (len(m) - 1) // 2 for m in self.members.values())

    def index_pairs(self) -> Set[int]:
        """Candidate pairs as single integers ``i * len(ids) + j`` (``i < j``): a set of plain ints
        takes a fraction of the memory of a set of id tuples."""
        n = len(self.ids)
        out: Set[int] = set()
        for m in self.members.values():
            for x in range(len(m)):
                base = m[x] * n
                out.update(base + y for y in m[x + 1:])
        return out

    def pairs(self) -> Set[Tuple[str, str]]:
        """Candidate pairs as ``(report_id, report_id)``, the smaller id first."""
        n = len(self.ids)
        return {(self.ids[code // n], self.ids[code % n]) for code in self.index_pairs()}


def build_blocks(cues: Sequence[ReportCues], max_block: int = MAX_BLOCK, name_df: Optional[Counter] = None) -> Blocks:
    """Blocks over ``cues``; reports are numbered in report-id order.  ``name_df``: the
    :func:`name_frequencies` of ``cues`` when the caller has them already."""
    ordered = sorted(cues, key=lambda c: c.report_id)
    df = name_frequencies(ordered) if name_df is None else name_df
    members: Dict[tuple, List[int]] = defaultdict(list)
    for i, c in enumerate(ordered):
        for k in block_keys(c, df):
            members[k].append(i)
    kept, skipped = {}, 0
    for k, idx in members.items():
        if len(idx) < 2:
            continue
        if len(idx) > max_block:
            skipped += 1
            continue
        kept[k] = tuple(idx)  # ascending: reports were numbered in order
    return Blocks(tuple(c.report_id for c in ordered), kept, skipped)
