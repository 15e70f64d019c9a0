"""Group scored report pairs into incidents without chaining.

:func:`cluster_pairs` runs average-linkage agglomeration: two clusters merge only when the
*average* score over every pair of reports across them reaches the threshold, where a pair
that was never compared (no shared block) scores 0.  So A~B and B~C do not pull A and C
together unless A and C are also alike: the same-day attack in the same province, linked to
one report of the incident by a shared word, stays apart.

The result is deterministic and independent of input order: items are sorted, ties are
broken by the smallest member id.  :func:`cluster_pairs_reference` is the plain
O(n^3) version the tests compare against.
"""
from __future__ import annotations

import heapq
from typing import Dict, Hashable, Iterable, List, Mapping, Sequence, Tuple

__all__ = ["cluster_pairs", "cluster_pairs_reference"]

Pair = Tuple[Hashable, Hashable]


def _components(items: Sequence, edges: Mapping[Pair, float]) -> List[List]:
    parent = {x: x for x in items}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            parent[rb] = ra
    groups: Dict = {}
    for x in items:
        groups.setdefault(find(x), []).append(x)
    return [sorted(g) for g in groups.values()]


def _average_linkage(members: List, edges: Mapping[Pair, float], threshold: float) -> List[List]:
    """Average linkage inside one connected component (members sorted)."""
    if len(members) == 1:
        return [members]
    index = {m: i for i, m in enumerate(members)}
    clusters: Dict[int, List] = {i: [m] for i, m in enumerate(members)}
    # summed scores between clusters that have at least one compared pair
    link: Dict[int, Dict[int, float]] = {i: {} for i in clusters}
    for (a, b), s in edges.items():
        if a in index and b in index:
            i, j = index[a], index[b]
            link[i][j] = link[i].get(j, 0.0) + s
            link[j][i] = link[j].get(i, 0.0) + s
    heap = []

    def push(i, j):
        avg = link[i][j] / (len(clusters[i]) * len(clusters[j]))
        if avg >= threshold:
            lo, hi = (i, j) if clusters[i][0] < clusters[j][0] else (j, i)
            heapq.heappush(heap, (-avg, clusters[lo][0], clusters[hi][0], lo, hi,
                                  len(clusters[lo]), len(clusters[hi])))

    for i in link:
        for j in link[i]:
            if i < j:
                push(i, j)
    next_id = len(members)
    while heap:
        _, _, _, i, j, ni, nj = heapq.heappop(heap)
        if i not in clusters or j not in clusters or len(clusters[i]) != ni or len(clusters[j]) != nj:
            continue  # stale entry: one side has merged since
        k = next_id
        next_id += 1
        clusters[k] = sorted(clusters.pop(i) + clusters.pop(j))
        merged = {}
        for side in (i, j):
            for other, s in link.pop(side).items():
                if other in (i, j):
                    continue
                merged[other] = merged.get(other, 0.0) + s
                del link[other][side]
        link[k] = merged
        for other, s in merged.items():
            link[other][k] = s
            push(k, other)
    return sorted(clusters.values())


def cluster_pairs(items: Iterable[Hashable], scores: Mapping[Pair, float], threshold: float) -> List[List]:
    """Clusters (sorted lists of items, sorted by first item) from pair scores on a 0..1 scale.

    ``scores`` maps a pair ``(a, b)`` to its score; pairs absent from it score 0.  Only pairs
    scoring at least ``threshold`` can start a merge, and a merge happens only while the average
    over all cross pairs stays at or above ``threshold``.
    """
    items = sorted(set(items))
    edges = {}
    for (a, b), s in scores.items():
        if a == b:
            continue
        key = (a, b) if a < b else (b, a)
        edges[key] = max(edges.get(key, 0.0), float(s))
    strong = {p: s for p, s in edges.items() if s >= threshold}
    comps = _components(items, strong)
    where = {x: n for n, comp in enumerate(comps) for x in comp}
    per_comp: Dict[int, Dict[Pair, float]] = {}
    for (a, b), s in edges.items():
        if where[a] == where[b]:  # a weak pair across components can never be merged over
            per_comp.setdefault(where[a], {})[(a, b)] = s
    out: List[List] = []
    for n, comp in enumerate(comps):
        out.extend(_average_linkage(comp, per_comp.get(n, {}), threshold))
    return sorted(out)


def cluster_pairs_reference(items: Iterable[Hashable], scores: Mapping[Pair, float], threshold: float) -> List[List]:
    """The same clustering, written plainly: repeatedly merge the two clusters with the highest
    average cross score (ties: smallest first members) while it reaches ``threshold``."""
    clusters = [[x] for x in sorted(set(items))]
    sym = {}
    for (a, b), s in scores.items():
        if a != b:
            sym[(a, b)] = sym[(b, a)] = max(sym.get((a, b), 0.0), float(s))
    while True:
        best = None
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                total = sum(sym.get((a, b), 0.0) for a in clusters[x] for b in clusters[y])
                avg = total / (len(clusters[x]) * len(clusters[y]))
                key = (-avg, min(clusters[x][0], clusters[y][0]), max(clusters[x][0], clusters[y][0]))
                if avg >= threshold and (best is None or key < best[0]):
                    best = (key, x, y)
        if best is None:
            return sorted(sorted(c) for c in clusters)
        _, x, y = best
        clusters[x] = sorted(clusters[x] + clusters[y])
        del clusters[y]
