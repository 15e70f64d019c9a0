"""Reports to incidents (design §3): the seeds, distractors, order and completeness."""
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

import casualties
from casualties.blocking import build_blocks
from casualties.cues import headline_key, report_cues

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seed_frame():
    meta = [json.loads(line) for line in (SEEDS / "seeds.jsonl").read_text().splitlines() if line.strip()]
    return pd.DataFrame([{"report_id": m["report_id"], "text": (SEEDS / m["file"]).read_text(encoding="utf-8"),
                          "source": m["source"], "published": m["published"], "title": m.get("title"),
                          "url": m.get("url")} for m in meta])


def incident_of(reports) -> dict:
    """report_id -> incident_id after reconciling ``reports``."""
    result = casualties.reconcile(reports)
    return dict(zip(result.reports["report_id"], result.reports["incident_id"]))


@pytest.fixture(scope="module")
def seeds_result():
    return casualties.reconcile(seed_frame())


def test_qamishli_reports_form_one_incident_and_no_other_seed_joins(seeds_result):
    inc = dict(zip(seeds_result.reports["report_id"], seeds_result.reports["incident_id"]))
    assert inc["seed-000"] == inc["seed-002"]
    assert len({inc["seed-000"], inc["seed-001"], inc["seed-003"], inc["seed-004"]}) == 4


def test_qamishli_killed_range_attributes_both_reports(seeds_result):
    inc = dict(zip(seeds_result.reports["report_id"], seeds_result.reports["incident_id"]))["seed-000"]
    r = seeds_result.ranges
    row = r[(r["incident_id"] == inc) & (r["category"] == "killed") & r["victims"].isna()].iloc[0]
    assert (row["low"], row["high"]) == (44, 50)
    assert {c.split(":")[0] for c in row["claims"]} == {"seed-000", "seed-002"}
    assert row["low_claims"][0].startswith("seed-000") and row["high_claims"][0].startswith("seed-002")


def test_every_report_exactly_once_and_incidents_described(seeds_result):
    assert sorted(seeds_result.reports["report_id"]) == [f"seed-00{i}" for i in range(5)]
    inc = seeds_result.incidents
    pairs = seeds_result.report_incidents
    assert set(inc["incident_id"]) == set(pairs["incident_id"])
    mains = pairs[pairs["role"] == "main"]
    assert list(mains["report_id"]) == sorted(seeds_result.reports["report_id"])  # one main event each
    assert set(mains["incident_id"]) == set(seeds_result.reports["incident_id"])
    assert inc[inc["incident_id"].isin(mains["incident_id"])]["n_reports"].sum() == 5
    q = inc[inc["n_reports"] == 2].iloc[0]
    assert q["country"] == "SY" and q["date"] in (pd.Timestamp(2016, 7, 27), pd.Timestamp(2016, 7, 28))
    assert q["place"] == "Qamishli" and q["admin1"] == "Hasakah"  # the town, not its province


def _killed(result, incident_id):
    r = result.ranges
    row = r[(r["incident_id"] == incident_id) & (r["category"] == "killed") & r["victims"].isna()].iloc[0]
    return row["low"], row["best"], row["high"]


def test_seed_003_tells_of_the_sukhna_attack_and_retells_the_palmyra_kidnapping(seeds_result):
    inc = seeds_result.incidents.set_index("incident_id")
    pairs = seeds_result.report_incidents
    mine = pairs[pairs["report_id"] == "seed-003"].set_index("event")
    main = mine.loc[0, "incident_id"]
    assert inc.loc[main, "date"] == pd.Timestamp(2023, 2, 17) and inc.loc[main, "place"] == "Sukhna"
    claims = seeds_result.claims
    sixteen = claims[claims["quote"] == "At least 16 people were killed"].iloc[0]
    assert sixteen["incident_id"] != main and sixteen["role"] == "other"
    kidnapped = claims[claims["quote"] == "kidnapped about 75 truffle hunters"].iloc[0]
    assert kidnapped["incident_id"] == sixteen["incident_id"]
    assert inc.loc[sixteen["incident_id"], "date"] == pd.Timestamp(2023, 2, 11)
    assert 16 not in _killed(seeds_result, main)
    assert mine.loc[1, "opener"] == "On February 11"


def test_seed_001_gives_kobane_and_the_hasaka_fighting_apart(seeds_result):
    inc = seeds_result.incidents.set_index("incident_id")
    pairs = seeds_result.report_incidents
    mine = pairs[pairs["report_id"] == "seed-001"].set_index("event")
    assert list(mine["role"]) == ["main", "other"]
    kobane, hasaka = mine.loc[0, "incident_id"], mine.loc[1, "incident_id"]
    assert inc.loc[kobane, "place"] == "Kobane" and inc.loc[hasaka, "place"] == "Hasakah"
    assert _killed(seeds_result, hasaka) == (52, 52, 52)
    assert _killed(seeds_result, kobane)[0] == 13
    ranges = seeds_result.ranges
    retold = ranges[(ranges["incident_id"] == hasaka) & ranges["victims"].isna()].iloc[0]["retold_claims"]
    assert retold == ["seed-001:5"]  # the attribution says the figure came from a retelling


def test_input_order_does_not_change_the_incidents():
    df = seed_frame()
    a = casualties.reconcile(df)
    for seed in range(3):
        shuffled = df.sample(frac=1, random_state=seed).reset_index(drop=True)
        b = casualties.reconcile(shuffled)
        pa = dict(zip(a.reports["report_id"], a.reports["incident_id"]))
        pb = dict(zip(b.reports["report_id"], b.reports["incident_id"]))
        assert pa == pb
        pd.testing.assert_frame_equal(a.ranges, b.ranges)


def test_same_day_attack_in_the_same_province_stays_apart():
    reports = [
        {"report_id": "a1", "published": "2016-07-27",
         "text": "A truck bomb killed at least 20 people in Qamishli on Wednesday, the Syrian Observatory said."},
        {"report_id": "a2", "published": "2016-07-27",
         "text": "At least 22 people were killed when a truck bomb exploded in Qamishli on Wednesday."},
        {"report_id": "b1", "published": "2016-07-27",
         "text": "Gunmen killed three shepherds near Shaddadi on Wednesday, local sources said."},
    ]
    inc = incident_of(reports)
    assert inc["a1"] == inc["a2"] != inc["b1"]


def test_background_claims_never_join_the_incident():
    reports = [{"report_id": "x", "published": "2023-02-20",
                "text": "Seven soldiers died in the attack near Sukhna on Friday. The February 6 earthquake "
                        "killed more than 46,000 people in Turkey and Syria."}]
    result = casualties.reconcile(reports)
    claims = result.claims
    quake = claims[claims["quote"].str.contains("46,000")].iloc[0]
    assert pd.isna(quake["incident_id"]) and bool(quake["background"])


def test_count_candidate_pairs_matches_the_blocks():
    df = seed_frame()
    n = casualties.count_candidate_pairs(df)
    assert isinstance(n, int) and 0 <= n <= 10
    # 000 and 002 (one day apart, Hasakah province) must be a candidate pair
    rows = casualties.reports.normalize_reports(df)
    cues = [report_cues(r.report_id, r.text, r.published, casualties.extract_claims(r.text, r.published), r.title)
            for r in rows]
    assert ("seed-000", "seed-002") in build_blocks(sorted(cues, key=lambda c: c.report_id)).pairs()


def _brute_force(cues, threshold):
    """Score every pair (no blocking) and cluster: the reference the blocked version must match."""
    from itertools import combinations

    from casualties.blocking import name_frequencies
    from casualties.cluster import cluster_pairs
    from casualties.compare import name_weights, pair_score
    from casualties.incidents import SCORE_FLOOR

    ids = sorted(cues)
    idf = name_weights(name_frequencies([cues[k] for k in ids]), len(ids))
    scores = {}
    for a, b in combinations(ids, 2):
        s = pair_score(cues[a], cues[b], idf)
        if s >= SCORE_FLOOR:
            scores[(a, b)] = s
    return cluster_pairs(ids, scores, threshold)


def _mixed_corpus():
    df = seed_frame()
    extra = [
        ("q1", "2016-07-27", "A truck bomb killed at least 20 people in Qamishli on Wednesday, the Syrian Observatory said."),
        ("q2", "2016-07-28", "At least 22 people were killed when a truck bomb exploded in al-Qamishli on Wednesday."),
        ("s1", "2016-07-27", "Gunmen killed three shepherds near Shaddadi on Wednesday, local sources said."),
        ("k1", "2015-06-26", "Islamic State fighters attacked Kobani on Thursday, killing at least 20 civilians."),
        ("b1", "2016-07-03", "A suicide car bomb killed 120 people in the Karrada district of Baghdad on Sunday."),
        ("b2", "2016-07-04", "The death toll from Sunday's bombing in Karrada, Baghdad, rose to 143."),
    ]
    rows = df.to_dict("records") + [{"report_id": r, "published": p, "text": t} for r, p, t in extra]
    return pd.DataFrame(rows)


def test_blocked_clustering_equals_all_pairs_brute_force():
    from casualties.compare import SAME_INCIDENT
    from casualties.incidents import _all_cues, cluster_cues
    from casualties.reports import normalize_reports

    rows = normalize_reports(_mixed_corpus())
    claims = {r.report_id: casualties.extract_claims(r.text, r.published) for r in rows}
    cues = _all_cues(rows, claims)
    grouping = cluster_cues(cues)
    blocked = sorted(sorted(k for k, v in grouping.incident_of.items() if v == iid)
                     for iid in set(grouping.incident_of.values()))
    assert blocked == _brute_force(cues, SAME_INCIDENT)
    by = grouping.incident_of
    assert by["b1"] == by["b2"] and by["q1"] == by["q2"] and by["s1"] != by["q1"]


@pytest.mark.parametrize("title, key", [
    ("Sentencing delayed for Bourbon St. shooter Trung Le - FOX 8 WVUE New Orleans", "sentencing delayed for bourbon st shooter trung le"),
    ("Man charged with killing of two men in May - WALB.com, South Georgia News, Weather", "man charged with killing of two men in may"),
    ("Police ID Suspect in Killing of Boy, 7, in SW Miami-Dade Drive-By", "police id suspect in killing of boy 7 in sw miami dade drive by"),
    ("Shooting - WSVN", "shooting wsvn"),  # too short to lose its tail: the tail may be the story
    (None, ""),
])
def test_headline_key_drops_the_outlet_and_case(title, key):
    assert headline_key(title) == key


def test_county_names_are_places_not_names():
    text = ("Mecklenburg County deputies said a man was shot on Friday. Charlotte-Mecklenburg Police "
            "arrested Demetrius Dodds, 19, in Mecklenburg on Saturday.")
    cues = report_cues("r1", text, None, casualties.extract_claims(text))
    assert "district:mecklenburg" in cues.places
    assert "mecklenburg" not in cues.names and "charlotte-mecklenburg" not in cues.names
    assert {"demetrius", "dodds"} <= cues.names


def test_children_of_other_ages_in_one_town_stay_apart():
    """Two shootings of children in one city a day apart: the ages tell them apart, and a
    second story of the first child (same age, published the next day) joins it."""
    reports = [
        {"report_id": "a1", "published": "2015-11-18",
         "text": "A 6-year-old boy died after being shot Wednesday afternoon in Little Rock, police said."},
        {"report_id": "a2", "published": "2015-11-19",
         "text": "The 6-year-old boy shot in Little Rock on Wednesday has died; his aunt was charged, police said."},
        {"report_id": "b1", "published": "2015-11-19",
         "text": "A 2-year-old boy has died after being shot Thursday in Little Rock, police said."},
    ]
    inc = incident_of(reports)
    assert inc["a1"] == inc["a2"] != inc["b1"]


def test_undated_report_months_later_is_its_own_incident():
    """A report whose text names no date is dated by its publication and may be a later
    story of an earlier incident; ten months on and with no follow-up wording (charges, a
    trial, a funeral) it is a new incident, while a later story that says "charged" joins."""
    reports = [
        {"report_id": "jan", "published": "2015-01-18", "title": "Girl, 9, killed in Fresno drive-by shooting",
         "text": "A 9-year-old girl was killed in a drive-by shooting on Kearney Boulevard in Fresno on "
                 "Saturday, police said."},
        {"report_id": "nov", "published": "2015-11-18", "title": "Girl, 9, among five hurt in Fresno drive-by shooting",
         "text": "Five people were wounded in a drive-by shooting outside a market on Kearney Boulevard "
                 "in Fresno, police said."},
        {"report_id": "charged", "published": "2015-06-20", "title": "Man charged in Fresno drive-by killing of girl, 9",
         "text": "A Fresno man was charged with murder in the drive-by shooting on Kearney Boulevard that "
                 "killed a 9-year-old girl, prosecutors said."},
    ]
    inc = incident_of(reports)
    assert inc["jan"] == inc["charged"] != inc["nov"]
    inc = incident_of(reports[:2])
    assert inc["jan"] != inc["nov"]


@pytest.mark.parametrize("lead, follow_up", [
    ("Seven people were wounded in a drive-by shooting after a funeral on Sunday.", False),
    ("Two teens shot at candlelight vigil in Dayton", False),
    ("A man was charged with murder in the shooting of two people on Sunday.", True),
    ("Hundreds attended the funeral of the 9-year-old girl on Saturday.", True),
    ("A vigil for the victims of Sunday's shooting drew 200 people.", True),
    # a hospital or a street named for a memorial is no memorial service
    ("Four people were shot Saturday and rushed to Riverside Memorial Hospital.", False),
    ("A man was wounded on Memorial Drive early Friday, police said.", False),
    ("A memorial for the two men killed on Friday drew hundreds.", True),
])
def test_follow_up_is_a_later_stage_not_a_gathering_where_shots_were_fired(lead, follow_up):
    cues = report_cues("r1", lead, None, casualties.extract_claims(lead))
    assert cues.follow_up is follow_up


def test_reporter_credit_lines_are_not_names_of_the_incident():
    """The same reporter signs stories of many incidents: the byline, the contact line and
    lines with an e-mail address or a handle add no names; the victim's name stays."""
    text = ("By Marta Quillen\n\nTobias Wrenfield, 31, was shot on Friday, police said.\n\n"
            "Contact Marta Quillen: mquillen@example.com or 555-0100.\nFollow her on Twitter @MQuillen.\n\n"
            "By Sunday night, relatives of Wrenfield had gathered at Harrowgate Park.")
    cues = report_cues("r1", text, None, casualties.extract_claims(text))
    assert {"tobias", "wrenfield", "harrowgate"} <= cues.names
    assert not {"marta", "quillen", "mquillen"} & cues.names


def test_hospitals_and_abbreviated_months_are_not_names_of_the_incident():
    """Every shooting victim of a city is taken to the same few hospitals, and "Nov." or
    "Sgt." is in every story: none of them tells two incidents apart."""
    text = ("Tobias Wrenfield, 31, was shot on Nov. 8 and taken to Stroger Hospital, Sgt. Ana Ruiz said. "
            "A second man was taken to Harlow Memorial Hospital.")
    cues = report_cues("r1", text, None, casualties.extract_claims(text))
    assert {"tobias", "wrenfield", "ruiz"} <= cues.names
    assert not {"stroger", "harlow", "memorial", "nov", "sgt"} & cues.names


def _cues(rid, text, published, title):
    return report_cues(rid, text, dt.date.fromisoformat(published), casualties.extract_claims(text), title)


@pytest.mark.parametrize("title, expected", [
    ("Alturas shooting victims identified", True),          # the headline opens on the town
    ("Teen wounded in Modoc shootout released", True),       # the county of the other story
    ("Shooting victims identified", False),                 # no place named
    ("Redding shooting victims identified", False),          # another town
])
def test_a_headline_naming_the_other_reports_town_is_a_shared_place(title, expected):
    """A page that kept only its headline (the text is page furniture) is placed nowhere; its
    headline naming the other story's town or county is the place they share."""
    from casualties.compare import pair_features

    placed = _cues("a", "Four people were killed in a shooting in Alturas, Calif., on Thursday, "
                        "Modoc County deputies said.", "2014-02-21", "4 dead in shooting at tribal meeting")
    bare = _cues("b", "Sign in to get email notifications.", "2014-02-21", title)
    assert bare.place_key is None and placed.place == "Alturas"
    for x, y in ((placed, bare), (bare, placed)):
        assert ("headline_place" in pair_features(x, y, {})) is expected


def test_a_placed_headline_is_compared_as_places_not_as_a_headline():
    from casualties.compare import pair_features

    a = _cues("a", "A man was shot in Alturas, Calif., on Thursday.", "2014-02-21", "Man shot")
    b = _cues("b", "A man was shot in Redding, Calif., on Thursday.", "2014-02-21", "Alturas man shot in Redding")
    assert b.place_key is not None
    assert "headline_place" not in pair_features(a, b, {})


def test_an_incident_is_placed_at_the_town_its_reports_agree_on_with_province_and_country():
    from casualties.incidents import agreed_place

    province = "A car bomb killed 9 people in Hasakah province on Wednesday, state media said."
    town = "A car bomb killed 9 people in the town of Qamishli on Wednesday, officials said."
    elsewhere = "A car bomb killed 9 people in the town of Manbij on Wednesday, officials said."
    r = casualties.reconcile([{"report_id": "h1", "published": "2019-04-10", "text": province},
                              {"report_id": "h3", "published": "2019-04-11", "text": town}])
    assert r.reports["incident_id"].nunique() == 1
    inc = r.incidents.iloc[0]
    assert (inc["place"], inc["admin1"], inc["country"]) == ("Qamishli", "Hasakah", "SY")
    # a town of another province is no more precise reading of this one
    cues = [report_cues(k, t, None, casualties.extract_claims(t))
            for k, t in (("a", province), ("b", province), ("c", elsewhere))]
    assert [c.place for c in agreed_place(cues)] == ["Hasakah Governorate"] * 2
