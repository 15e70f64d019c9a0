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
from typing import Dict, Hashable, Iterable, List, Sequence, Set, Tuple

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
    """Blocks of report ids and the candidate pairs they give."""

    members: Dict[tuple, Tuple[str, ...]]
    skipped_blocks: int

    def upper_bound(self) -> int:
        """Pairs summed over blocks (a pair in two blocks counts twice): cheap, before enumeration."""
        return sum(len(m) * (len(m) - 1) // 2 for m in self.members.values())

    def pairs(self) -> Set[Tuple[str, str]]:
        out: Set[Tuple[str, str]] = set()
        for m in self.members.values():
            for i in range(len(m)):
                a = m[i]
                for b in m[i + 1:]:
                    out.add((a, b))
        return out


def build_blocks(cues: Sequence[ReportCues], max_block: int = MAX_BLOCK) -> Blocks:
    df = name_frequencies(cues)
    members: Dict[tuple, List[str]] = defaultdict(list)
    for c in cues:
        for k in block_keys(c, df):
            members[k].append(c.report_id)
    kept, skipped = {}, 0
    for k, ids in members.items():
        if len(ids) < 2:
            continue
        if len(ids) > max_block:
            skipped += 1
            continue
        kept[k] = tuple(sorted(ids))
    return Blocks(kept, skipped)
