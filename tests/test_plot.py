"""casualties.plot: the artists drawn for an incident (never pixels)."""
from __future__ import annotations

import datetime as dt
import sys

import attrs
import pandas as pd
import pytest

import matplotlib  # noqa: E402  (the test extra installs it: a missing one fails)
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

import casualties  # noqa: E402
from casualties.errors import InvalidValueError, MissingDependencyError  # noqa: E402
from casualties.plot import plot  # noqa: E402
from test_frames import KIRKUK, claim_row, hand_result, seed_frame  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def seeds_result():
    return casualties.reconcile(seed_frame())


def by_gid(ax, prefix: str) -> dict:
    found = {}
    for artist in ax.get_children():
        gid = artist.get_gid()
        if gid and gid.startswith(prefix):
            found[gid[len(prefix):]] = artist
    return found


def counted(result, incident_id, category):
    c = result.claims
    return c[(c["incident_id"] == incident_id).fillna(False) & (c["category"] == category) & c["counted"]
             & ~c["background"]]


def all_victims(result, incident_id, category):
    r = result.ranges
    return r[(r["incident_id"] == incident_id) & (r["category"] == category) & r["victims"].isna()].iloc[0]


@pytest.mark.parametrize("incident_id,category", [("inc-seed-000", "killed"), ("inc-seed-000", "injured"),
                                                  ("inc-seed-001", "killed"), ("inc-seed-003", "killed")])
def test_one_artist_per_counted_claim_and_the_range_band(seeds_result, incident_id, category):
    ax = plot(seeds_result, incident_id, category)
    claims = counted(seeds_result, incident_id, category)
    drawn = by_gid(ax, "claim:")
    assert sorted(drawn) == sorted(claims["claim_id"])
    for _, c in claims.iterrows():
        ys = list(drawn[c["claim_id"]].get_ydata())
        if pd.isna(c["high"]) or c["low"] == c["high"]:
            assert ys == [c["low"]]  # a point: exact, or the foot of an open claim
        else:
            assert ys == [c["low"], c["high"]]
    arrows = by_gid(ax, "open:")
    assert sorted(arrows) == sorted(claims[claims["high"].isna()]["claim_id"])
    for cid, arrow in arrows.items():
        low = claims.set_index("claim_id").loc[cid, "low"]
        assert arrow.xyann[1] == low and arrow.xy[1] > low  # upward from low
    rng = all_victims(seeds_result, incident_id, category)
    if pd.isna(rng["low"]):  # vague figures only: no band, the best line alone
        assert not by_gid(ax, "range-band")
    else:
        band = by_gid(ax, "range-band")[""]
        assert isinstance(band, Rectangle)
        assert (band.get_y(), band.get_y() + band.get_height()) == (rng["low"], rng["high"])
        assert ax.get_ylim()[1] > rng["high"]
    assert list(by_gid(ax, "range-best")[""].get_ydata()) == [rng["best"]] * 2
    assert ax.get_ylim()[1] > max(claims["low"])


def test_title_legend_and_dates(seeds_result):
    ax = plot(seeds_result, "inc-seed-000")
    assert "Qamishli" in ax.get_title() and "2016-07-27" in ax.get_title()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "AP wire copy (republisher unknown)" in legend and "unknown blog" in legend
    rng = all_victims(seeds_result, "inc-seed-000", "killed")
    assert any(t.startswith(f"reconciled range {rng['low']}\u2013{rng['high']}") for t in legend)
    assert f"best {rng['best']}" in legend
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2016-07-27", "2016-07-28"]
    drawn = by_gid(ax, "claim:")
    ticks = dict(zip([t.get_text() for t in ax.get_xticklabels()], ax.get_xticks()))
    claims = counted(seeds_result, "inc-seed-000", "killed")
    ap = [drawn[c] for c in claims[claims["report_id"] == "seed-000"]["claim_id"]]
    blog = [drawn[c] for c in claims[claims["report_id"] == "seed-002"]["claim_id"]]
    assert ap and blog
    assert all(abs(a.get_xdata()[0] - ticks["2016-07-27"]) < 0.5 for a in ap)
    assert all(abs(b.get_xdata()[0] - ticks["2016-07-28"]) < 0.5 for b in blog)
    # one colour and marker per source
    assert {a.get_color() for a in ap} == {ap[0].get_color()} != {b.get_color() for b in blog}
    assert ap[0].get_marker() != blog[0].get_marker()


def test_draws_on_a_given_axes_and_fades_superseded_claims():
    result = casualties.reconcile(KIRKUK)
    fig, ax = plt.subplots()
    assert plot(result, "inc-k1", ax=ax) is ax
    drawn = by_gid(ax, "claim:")
    assert drawn["k1:0"].get_alpha() < 1 and drawn["k2:0"].get_alpha() == 1  # 12 superseded by 20


def test_undated_claims_go_right_of_the_dated_ones():
    rows = [claim_row("a:0", source="AP", published=dt.date(2020, 1, 1), low=3, high=5),
            claim_row("b:0", source="BBC", published=None, low=7, high=None, qualifier="at_least"),
            claim_row("c:0", source="AP", published=dt.date(2020, 1, 3), low=4, high=4)]
    ax = plot(hand_result(rows), "i1")
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["2020-01-01", "2020-01-03", "undated"]
    drawn = by_gid(ax, "claim:")
    assert drawn["b:0"].get_xdata()[0] > max(drawn["a:0"].get_xdata()[0], drawn["c:0"].get_xdata()[0])
    assert "" in by_gid(ax, "undated-separator") and "b:0" in by_gid(ax, "open:")
    assert not by_gid(ax, "range-band")  # the hand-built result has no ranges


def test_only_undated_and_empty_incidents():
    ax = plot(hand_result([claim_row("a:0", published=None)]), "i1")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["undated"] and len(by_gid(ax, "claim:")) == 1
    result = casualties.reconcile(seed_frame())
    ax = plot(result, "inc-seed-004")  # no claims at all
    assert not by_gid(ax, "claim:") and not by_gid(ax, "range-band")
    assert any("no counted killed claims" in t.get_text() for t in ax.texts)


def test_vague_only_range_draws_best_without_band():
    result = casualties.reconcile(KIRKUK)
    rng = all_victims(result, "inc-k3", "injured")
    assert pd.isna(rng["low"])
    ax = plot(result, "inc-k3", "injured")
    assert not by_gid(ax, "range-band") and list(by_gid(ax, "range-best")[""].get_ydata()) == [rng["best"]] * 2
    assert "undated" in [t.get_text() for t in ax.get_xticklabels()]


def test_bad_arguments(seeds_result):
    with pytest.raises(InvalidValueError, match="'nope'"):
        plot(seeds_result, "nope")
    with pytest.raises(InvalidValueError, match="'dead'"):
        plot(seeds_result, "inc-seed-000", category="dead")


def test_missing_matplotlib_names_the_extra(seeds_result, monkeypatch):
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(MissingDependencyError, match=r"pip install 'casualties\[plot\]'") as err:
        plot(seeds_result, "inc-seed-000")
    assert isinstance(err.value, ImportError)


def inside(box, outer) -> bool:
    return box.x0 >= outer.x0 - 0.5 and box.y0 >= outer.y0 - 0.5 and box.x1 <= outer.x1 + 0.5 and box.y1 <= outer.y1 + 0.5


def point_labels(ax) -> dict:
    return by_gid_texts(ax, "label:")


def by_gid_texts(ax, prefix: str) -> dict:
    return {t.get_gid()[len(prefix):]: t for t in ax.texts if (t.get_gid() or "").startswith(prefix)}


@pytest.mark.parametrize("incident_id,given_axes", [("inc-seed-000", False), ("inc-seed-003", False),
                                                    ("inc-seed-000", True)])
def test_plain_savefig_keeps_legend_and_labels_inside(seeds_result, tmp_path, incident_id, given_axes):
    ax = plot(seeds_result, incident_id, ax=plt.subplots(figsize=(6, 3.5))[1] if given_axes else None)
    fig = ax.figure
    path = tmp_path / "plot.png"
    fig.savefig(path)  # no bbox_inches: the figure itself must make room
    height, width = plt.imread(path).shape[:2]
    assert (width, height) == (round(fig.bbox.width), round(fig.bbox.height))
    legend, labels = ax.get_legend(), point_labels(ax)
    assert legend is not None and labels
    outer = fig.bbox
    assert inside(legend.get_window_extent(), outer)
    assert inside(ax.title.get_window_extent(), outer)
    boxes = [t.get_window_extent() for t in labels.values()]
    for box in boxes:
        assert inside(box, outer)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)


def test_each_claim_labelled_with_value_and_source(seeds_result):
    ax = plot(seeds_result, "inc-seed-003")
    claims = counted(seeds_result, "inc-seed-003", "killed").set_index("claim_id")
    labels = point_labels(ax)
    covered = [cid for gid in labels for cid in gid.split(";")]
    assert sorted(covered) == sorted(claims.index)
    for gid, text in labels.items():
        c = claims.loc[gid.split(";")[0]]
        value = f"\u2265{c['low']}" if pd.isna(c["high"]) else (
            f"{c['low']}" if c["low"] == c["high"] else f"{c['low']}\u2013{c['high']}")
        assert text.get_text().startswith(value + " AP wire copy")
        n = len(gid.split(";"))
        assert text.get_text().endswith(f"\u00d7{n}") == (n > 1)


def test_title_has_place_and_date_not_the_id(seeds_result):
    ax = plot(seeds_result, "inc-seed-003#1")
    assert ax.get_title() == "Killed in Palmyra, Homs, SY, 2023-02-11"
    assert "inc-seed" not in ax.get_title()
    assert "inc-seed-003#1" in by_gid_texts(ax, "subtitle")[""].get_text()


def test_close_figures_get_labels_that_do_not_overlap(tmp_path):
    day = dt.date(2020, 1, 1)
    rows = [claim_row(f"{s}:0", source=s, published=day, low=v, high=v, value=v)
            for s, v in [("Agence one", 10), ("Bureau two", 11), ("Channel three", 11), ("Daily four", 12)]]
    rows.append(claim_row("e:0", source="Echo", published=dt.date(2020, 1, 2), low=11, high=11, value=11))
    ax = plot(hand_result(rows), "i1")
    ax.figure.savefig(tmp_path / "close.png")
    boxes = [t.get_window_extent() for t in point_labels(ax).values()]
    assert len(boxes) == 5
    for i, a in enumerate(boxes):
        assert inside(a, ax.figure.bbox)
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)


def test_timestamps_and_nat_plot_like_dates(seeds_result):
    claims = seeds_result.claims.copy()
    claims["published"] = pd.to_datetime(claims["published"])  # what a datetime64 column holds
    changed = attrs.evolve(seeds_result, claims=claims)
    for iid in ("inc-seed-000", "inc-seed-003#3"):
        a, b = plot(seeds_result, iid), plot(changed, iid)
        assert [t.get_text() for t in a.get_xticklabels()] == [t.get_text() for t in b.get_xticklabels()]
        assert {k: list(v.get_xdata()) for k, v in by_gid(a, "claim:").items()} == \
               {k: list(v.get_xdata()) for k, v in by_gid(b, "claim:").items()}
        assert sorted(point_labels(a)) == sorted(point_labels(b))
