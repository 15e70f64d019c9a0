"""casualties.views.result_html: the notebook view, read back as table cells (not pixels)."""
from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import attrs
import pandas as pd
import pytest

import casualties
from casualties import views
from casualties.errors import InvalidValueError
from casualties.model import CATEGORIES
from test_frames import seed_frame


class Table(HTMLParser):
    """The header names, and per body row its cells as (text, style, title)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.head, self.rows, self.cell, self.in_body, self.styles = [], [], None, False, []
        self.feed(html)

    def handle_starttag(self, tag, attrs_):
        a = dict(attrs_)
        if tag in ("td", "th"):
            self.cell = [tag, [], a.get("style") or "", a.get("title") or ""]
        elif tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.rows.append([])
        elif tag == "br" and self.cell is not None:
            self.cell[1].append("|")
        if a.get("style"):
            self.styles.append((tag, a["style"]))

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[1].append(data)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            kind, text, style, title = self.cell
            text = "".join(text).strip()
            if kind == "th":
                self.head.append(text)
            else:
                self.rows[-1].append((text, style, title))
            self.cell = None


@pytest.fixture(scope="module")
def seeds_result():
    return casualties.reconcile(seed_frame())


def cells(table: Table) -> list:
    return [dict(zip(table.head, [c[0] for c in row])) for row in table.rows]


def test_every_category_present_and_place_with_province_and_country(seeds_result):
    out = views.result_html(seeds_result)
    assert "5 reports, 8 incidents" in out and f"{len(seeds_result.claims)} claims" in out and "default" in out
    t = Table(out)
    r = seeds_result.ranges
    present = set(r.loc[r["victims"].isna(), "category"])
    assert "kidnapped" in present and "captured" in present
    assert t.head == ["date / id", "place", "sources", "reports"] + [c for c in CATEGORIES if c in present]
    rows = {row["date / id"].split("|")[1]: row for row in cells(t)}
    assert len(rows) == 8
    qamishli = rows["inc-seed-000"]
    killed = r[(r["incident_id"] == "inc-seed-000") & (r["category"] == "killed") & r["victims"].isna()].iloc[0]
    assert killed["low"] < killed["high"] and killed["consistent"]
    assert qamishli["date / id"] == "2016-07-27|inc-seed-000"
    assert qamishli["place"] == "Qamishli, Hasakah, SY"
    assert qamishli["killed"] == f"{killed['low']}\u2013{killed['high']}|best {killed['best']}"
    assert qamishli["sources"] == "AP wire copy (republisher unknown); unknown blog"
    palmyra = rows["inc-seed-003#1"]  # the 75 kidnapped the old killed/injured view hid
    assert palmyra["kidnapped"] == "75" and palmyra["place"] == "Palmyra, Homs, SY"
    inconsistent = r[r["victims"].isna() & ~r["consistent"].astype(bool)]
    assert len(inconsistent)
    for _, row in inconsistent.iterrows():
        assert rows[row["incident_id"]][row["category"]].endswith("\u2260")
    assert "not consistent" in out


def test_incidents_by_date_undated_last_then_by_id(seeds_result):
    rows = cells(Table(views.result_html(seeds_result)))
    dates = [row["date / id"].split("|")[0] for row in rows]
    ids = [row["date / id"].split("|")[1] for row in rows]
    dated = [d for d in dates if d != "undated"]
    assert dated == sorted(dated) and dates[len(dated):] == ["undated"] * (len(dates) - len(dated))
    assert len(dated) < len(dates)  # the seeds have an undated incident
    for a, b in zip(range(len(rows)), range(1, len(rows))):
        if dates[a] == dates[b]:
            assert ids[a] < ids[b]
    assert ids[:2] == ["inc-seed-001", "inc-seed-001#1"]  # same day: by id


def test_nothing_that_should_not_wrap_can(seeds_result):
    t = Table(views.result_html(seeds_result))
    for tag, style in t.styles:
        if tag in ("td", "th"):
            assert "white-space:" in style  # set inline: wins over a notebook's table rules
    for row in t.rows:
        for name, (text, style, _) in zip(t.head, row):
            if name not in ("place", "sources"):
                assert "white-space: nowrap" in style, (name, text)
    table_style = next(style for tag, style in t.styles if tag == "table")
    assert "table-layout: auto" in table_style


def test_dates_as_timestamps_and_lists_of_sources(seeds_result):
    inc = seeds_result.incidents.copy()
    inc["date"] = pd.to_datetime(inc["date"])  # undated becomes NaT
    inc["sources"] = ["; ".join(s) for s in inc["sources"]]  # the other spelling: a "; "-joined string
    changed = attrs.evolve(seeds_result, incidents=inc)
    assert cells(Table(views.result_html(changed))) == cells(Table(views.result_html(seeds_result)))
    assert views._as_date(pd.NaT) is None and views._as_date(pd.Timestamp("2020-01-02")) == dt.date(2020, 1, 2)
    assert views._as_list("a; b;") == ["a", "b"] and views._as_list(["a", None, " b"]) == ["a", "b"]


def test_truncates_to_the_earliest_and_escapes():
    reports = pd.DataFrame({"report_id": ["a", "b", "c"],
                            "text": ["A car bomb killed 12 people in Kirkuk on Monday."] * 3,
                            "source": ["<script>alert('x')</script>", "B & C", None],
                            "published": ["2021-05-05", "2020-01-06", "2020-03-01"]})
    result = casualties.reconcile(reports, cluster=False)
    out = views.result_html(result, max_incidents=1)
    assert "<script>" not in out and len(Table(out).rows) == 1 and "&hellip; 2 more incidents" in out
    full = views.result_html(result)
    assert "<script>" not in full and "&lt;script&gt;" in full and "B &amp; C" in full
    assert [row["sources"] for row in cells(Table(full))][:2] == ["B & C", ""]  # 2020-01-06 first
    assert "&hellip; 1 more incident<" in views.result_html(result, max_incidents=2)
    with pytest.raises(InvalidValueError, match="max_incidents"):
        views.result_html(result, max_incidents=-1)


def test_empty_result():
    result = casualties.reconcile(pd.DataFrame({"report_id": [], "text": []}))
    out = views.result_html(result)
    assert "0 reports, 0 incidents, 0 claims" in out and "<table" not in out
