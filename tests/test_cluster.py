"""The fast average-linkage clustering against its plain reference, and its guarantees."""

from hypothesis import given, settings
from hypothesis import strategies as st

from casualties.cluster import cluster_pairs, cluster_pairs_reference


@st.composite
def scored_items(draw):
    n = draw(st.integers(min_value=1, max_value=9))
    items = [f"r{i}" for i in range(n)]
    scores = {}
    for i in range(n):
        for j in range(i + 1, n):
            if draw(st.booleans()):
                # multiples of 1/8 are exact in binary: no rounding differences between the two
                scores[(items[i], items[j])] = draw(st.integers(min_value=0, max_value=8)) / 8
    threshold = draw(st.sampled_from([0.375, 0.5, 0.625, 0.75]))
    return items, scores, threshold


@settings(max_examples=300, deadline=None)
@given(scored_items())
def test_fast_clustering_equals_the_reference(case):
    items, scores, threshold = case
    assert cluster_pairs(items, scores, threshold) == cluster_pairs_reference(items, scores, threshold)


@settings(max_examples=100, deadline=None)
@given(scored_items(), st.randoms())
def test_input_order_does_not_matter(case, rnd):
    items, scores, threshold = case
    shuffled_items = items[:]
    rnd.shuffle(shuffled_items)
    flipped = {((b, a) if rnd.random() < 0.5 else (a, b)): s for (a, b), s in scores.items()}
    assert cluster_pairs(shuffled_items, flipped, threshold) == cluster_pairs(items, scores, threshold)


@settings(max_examples=100, deadline=None)
@given(scored_items())
def test_every_item_exactly_once(case):
    items, scores, threshold = case
    clusters = cluster_pairs(items, scores, threshold)
    flat = [x for c in clusters for x in c]
    assert sorted(flat) == sorted(items)


def test_no_chaining_through_one_shared_neighbour():
    # a~b and b~c are strong, a and c were never compared: average linkage keeps c apart
    scores = {("a", "b"): 0.9, ("b", "c"): 0.8}
    assert cluster_pairs(["a", "b", "c"], scores, 0.5) == [["a", "b"], ["c"]]


def test_a_triangle_merges():
    scores = {("a", "b"): 0.9, ("b", "c"): 0.8, ("a", "c"): 0.7}
    assert cluster_pairs(["a", "b", "c"], scores, 0.5) == [["a", "b", "c"]]
