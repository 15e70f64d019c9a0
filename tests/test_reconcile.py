"""Worked examples of single-report reconciliation (``cluster=False``), design §2 and §4."""
from __future__ import annotations

import datetime as dt

import pandas as pd

import casualties


def _one(text: str, published=None, **kw) -> casualties.Result:
    df = pd.DataFrame({"report_id": ["r"], "text": [text], "published": [published],
                       "source": ["AP"]})
    return casualties.reconcile(df, cluster=False, **kw)


def _row(result, category: str, victims=None) -> pd.Series:
    r = result.ranges
    sel = (r["incident_id"] == "r") & (r["category"] == category)
    sel &= r["victims"].isna() if victims is None else (r["victims"] == victims)
    rows = r[sel]
    assert len(rows) == 1, f"expected one {category}/{victims} row, got\n{r}"
    return rows.iloc[0]


def _claims_of(row) -> list:
    return list(row["claims"])


# --------------------------------------------------------------------------------------


CAR_BOMB = "A car bomb killed at least 44 people and wounded dozens."


def test_car_bomb_killed_row():
    result = _one(CAR_BOMB, "2016-07-27")
    row = _row(result, "killed")
    assert (row["low"], row["best"], row["high"]) == (44, 44, 44)
    assert bool(row["consistent"]) is True
    assert row["consensus_low"] == 44 and pd.isna(row["consensus_high"])
    assert row["n_claims"] == 1
    (cid,) = _claims_of(row)
    claim = result.claims.set_index("claim_id").loc[cid]
    assert claim["quote"] == "killed at least 44 people"
    assert row["low_claims"] == row["high_claims"] == row["best_claims"] == [cid]
    assert row["sources"] == ["AP"]


def test_car_bomb_injured_row_is_vague():
    row = _row(_one(CAR_BOMB), "injured")
    assert pd.isna(row["low"]) and pd.isna(row["high"])  # a vague word has no stated value
    assert row["best"] == 24
    assert "floor" in row["best_basis"]
    assert bool(row["consistent"]) is True
    assert row["n_claims"] == 1


def test_car_bomb_under_every_policy_keeps_best_inside():
    for policy in casualties.BEST_POLICIES:
        try:
            result = _one(CAR_BOMB, policy=policy)
        except NotImplementedError:
            continue
        row = _row(result, "killed")
        assert row["low"] <= row["best"] <= row["high"], policy
        assert row["best_policy"] == policy


LIST = ("The attack killed at least 30 government troops and allied militia members, "
        "as well as 20 IS members and two civilians, the Syrian Observatory said.")


def test_list_sum_is_the_total():
    result = _one(LIST)
    row = _row(result, "killed")
    assert row["low"] == 52
    assert row["high"] == 52
    assert row["best"] == 52
    c = result.claims
    parts = c[c["part_of_list"]]
    assert sorted(parts["value"]) == [2, 20, 30]
    assert not parts["counted"].any()
    (total_id,) = _claims_of(row)
    total = c.set_index("claim_id").loc[total_id]
    assert total["value"] == 52 and "sum" in total["basis"]


def test_list_group_rows_hold_their_own_figures():
    # Each victim-group row holds that group's figure: 30 security forces, 20 armed group,
    # 2 civilians.  The sum (52) is about all three groups together and belongs only to the
    # all-victims row.
    result = _one(LIST)
    for group, value in (("security forces", 30), ("armed group", 20), ("civilian", 2)):
        row = _row(result, "killed", group)
        assert (row["low"], row["high"]) == (value, value), (group, row.to_dict())


BACKGROUND = ("A suicide bomber killed 12 people at a market in Gaziantep on Tuesday. "
              "The February 6 earthquake killed more than 46,000 people.")


def test_background_figure_is_not_counted():
    result = _one(BACKGROUND, "2023-03-15")
    row = _row(result, "killed")
    assert (row["low"], row["best"], row["high"]) == (12, 12, 12)
    c = result.claims
    bg = c[c["quote"].str.contains("46,000")]
    assert len(bg) == 1
    bg = bg.iloc[0]
    assert bool(bg["background"]) is True and bool(bg["counted"]) is False
    assert pd.isna(bg["incident_id"])
    assert bg["claim_id"] not in _claims_of(row)


def test_background_does_not_change_the_main_range():
    main = "A suicide bomber killed 12 people at a market in Gaziantep on Tuesday."
    a = _row(_one(main, "2023-03-15"), "killed")
    b = _row(_one(BACKGROUND, "2023-03-15"), "killed")
    for col in ("low", "best", "high", "consensus_low", "consensus_high", "consistent", "n_claims"):
        assert (pd.isna(a[col]) and pd.isna(b[col])) or a[col] == b[col], col


PERPETRATOR = "IS said it killed over 100 soldiers; officials said 12 soldiers died."


def test_perpetrator_claim_is_kept_but_not_counted():
    result = _one(PERPETRATOR)
    row = _row(result, "killed")
    assert row["best"] == 12
    assert (row["low"], row["high"]) == (12, 12)
    c = result.claims
    perp = c[c["perpetrator_claim"]]
    assert len(perp) == 1
    assert perp["value"].iloc[0] == 100 and perp["low"].iloc[0] == 101
    assert not perp["counted"].iloc[0]
    assert perp["claim_id"].iloc[0] not in _claims_of(row)


def test_conflicting_claims_are_named():
    # design §4 / docs: "exactly 31" next to "at least 44" leaves an empty intersection
    text = ("State TV said 31 people were killed in the blast. "
            "The Observatory said at least 44 people were killed.")
    result = _one(text, "2016-07-27")
    row = _row(result, "killed")
    assert (row["low"], row["high"]) == (31, 44)
    assert bool(row["consistent"]) is False
    assert pd.isna(row["consensus_high"])
    assert row["low"] <= row["best"] <= row["high"]
    assert set(row["disagreeing_claims"]) == set(_claims_of(row))


def test_between_counts_both_ends():
    row = _row(_one("Between 50 and 60 people were killed in the attack."), "killed")
    assert (row["low"], row["high"]) == (50, 60)
    assert row["low"] <= row["best"] <= row["high"]


def test_a_range_vouches_for_its_lower_end_under_the_default_policy():
    # "between A and B", "A or B", "A to B": the source stands by A and allows B
    for text, best in [("Between 50 and 60 people were killed in the attack.", 50),
                       ("Snipers shot dead 2 or 3 soldiers near the border.", 2),
                       ("The shelling wounded between 4 and 7 civilians.", 4),
                       ("1 to 6 villagers were killed, officials said.", 1)]:
        category = "injured" if "wounded" in text else "killed"
        row = _row(_one(text), category)
        assert row["best"] == best, text
        assert row["best_basis"] == "largest stated figure inside the consensus"


def test_a_range_with_a_figure_inside_it_gives_that_figure():
    # "between 50 and 60" and "55": the consensus is 55, a figure one source stands by
    text = "Between 50 and 60 people were killed. The governor said 55 people were killed."
    row = _row(_one(text), "killed")
    assert (row["low"], row["best"], row["high"]) == (50, 55, 60)
    # an open claim above the range's floor: its own figure, not the range's upper end
    text = "Between 50 and 60 people were killed. Medics said at least 52 people were killed."
    row = _row(_one(text), "killed")
    assert (row["low"], row["best"], row["high"]) == (50, 52, 60)


def test_report_without_claims_has_no_ranges_but_is_listed():
    result = _one("The market reopened on Friday.")
    assert list(result.reports["report_id"]) == ["r"]
    assert len(result.ranges) == 0
    assert list(result.incidents["incident_id"]) == ["r"]


def test_incidents_take_the_publication_date():
    result = _one(CAR_BOMB, dt.datetime(2016, 7, 27, 14, 0))
    assert list(result.incidents["date"]) == [pd.Timestamp(2016, 7, 27)]


def test_headline_claims_carry_their_field_and_take_the_texts_hedge():
    title = "Truck bomb killed 44 in Qamishli"
    text = "A truck bomb killed at least 44 people in Qamishli on Wednesday, officials said."
    res = casualties.reconcile([{"report_id": "r1", "title": title, "text": text}], cluster=False)
    rows = res.claims.to_dict("records")
    fields = {r["claim_id"]: r["field"] for r in rows}
    assert fields == {"r1:title:0": "title", "r1:0": "text"}
    for r in rows:
        source = title if r["field"] == "title" else text
        assert source[r["start"]:r["end"]] == r["quote"]
    headline = next(r for r in rows if r["field"] == "title")
    assert (headline["qualifier"], headline["low"], headline["high"]) == ("at_least", 44, None)
    assert "without its hedge" in headline["basis"]
    (killed,) = res.ranges[res.ranges.victims.isna()].to_dict("records")
    assert (killed["low"], killed["high"], killed["consistent"]) == (44, 44, True)


def test_conflicting_claims_best_is_the_figure_stated_most_often():
    text = ("Three people were killed in the shooting on Main Street on Monday. Police said three people "
            "were killed. A neighbour told reporters that five people were killed.")
    res = casualties.reconcile([{"report_id": "r1", "text": text}], cluster=False)
    (killed,) = res.ranges[res.ranges.victims.isna() & (res.ranges.category == "killed")].to_dict("records")
    assert (killed["low"], killed["high"], killed["consistent"]) == (3, 5, False)
    assert killed["best"] == 3
    assert "stated most often (2 times)" in killed["best_basis"]
    assert killed["best_claims"] == ["r1:0", "r1:1"]


def test_mentions_of_one_victim_weigh_half_against_a_stated_total():
    from casualties.reconcile import best_figure

    def row(cid, value, basis=""):
        return {"claim_id": cid, "stated": (value,), "basis": basis, "low": value, "high": value}

    implicit = "implicit: 'he' = 1"
    # one report says three were killed; two others each tell of one victim by name or pronoun
    rows = [row("a:0", 3), row("b:0", 1, implicit), row("c:0", 1, implicit)]
    best, basis, ids = best_figure(rows, 1, 3, 3, 1, False, "default")
    assert (best, ids) == (3, ["a:0"])  # 0.5 + 0.5 ties 1.0; ties go to the larger
    # three mentions of one victim outweigh one stated total
    rows.append(row("d:0", 1, implicit))
    best, basis, ids = best_figure(rows, 1, 3, 3, 1, False, "default")
    assert (best, ids) == (1, ["b:0", "c:0", "d:0"])
    assert "stated most often (3 times)" in basis
    # stated figures count in full: two stated 1s outweigh one stated 3
    rows = [row("a:0", 3), row("b:0", 1), row("c:0", 1)]
    assert best_figure(rows, 1, 3, 3, 1, False, "default")[0] == 1


def test_a_headlines_shot_figure_is_resolved_with_the_texts_deaths():
    title = "Five Shot During Party At Banquet Hall"
    text = "Police said one of the five died at the scene. A second man was killed later, police said."
    res = casualties.reconcile([{"report_id": "r1", "title": title, "text": text}], cluster=False)
    injured = res.claims[res.claims["category"] == "injured"].to_dict("records")
    assert [(c["field"], c["low"], c["quote"]) for c in injured] == [("title", 4, "Five Shot")]
    assert injured[0]["basis"] == "5 shot minus 1 killed"


def _two_reports_of_one_shooting(second_text):
    first = {"report_id": "early", "published": "2015-03-06", "title": "Girl, 15, shot in head in Queens",
             "text": "A 15-year-old girl was shot in the head inside her Queens apartment Friday afternoon, "
                     "police said. She was taken to a hospital in critical condition."}
    second = {"report_id": "later", "published": "2015-03-07", "title": "Girl, 15, shot in Queens apartment",
              "text": second_text}
    res = casualties.reconcile([first, second])
    assert res.reports["incident_id"].nunique() == 1  # the rule works within one incident
    return res


def test_people_shot_that_other_reports_tell_died_are_not_also_injured():
    res = _two_reports_of_one_shooting(
        "A 15-year-old girl was fatally shot in the head inside her Queens apartment Friday afternoon, police said.")
    early = res.claims[(res.claims["report_id"] == "early") & (res.claims["category"] == "injured")]
    assert len(early) >= 1 and not early["counted"].any()  # kept, with the reason, but not counted
    assert all("report later of the same incident tells of 1 dead" in b for b in early["basis"])
    r = res.ranges[res.ranges["victims"].isna()].set_index("category")
    assert "injured" not in r.index and r.loc["killed", "best"] == 1


def test_people_shot_stay_injured_when_no_other_report_tells_of_as_many_dead():
    res = _two_reports_of_one_shooting(
        "The 15-year-old girl shot in the head inside her Queens apartment Friday afternoon remains in "
        "critical condition, police said.")
    assert res.claims[res.claims["category"] == "injured"]["counted"].all()
    r = res.ranges[res.ranges["victims"].isna()].set_index("category")
    assert r.loc["injured", "best"] == 1 and "killed" not in r.index


def _two_reports_of_one_wounding(first_text):
    first = {"report_id": "early", "published": "2015-05-08", "title": "Shooting on Elm Street in Dayton",
             "text": first_text}
    second = {"report_id": "later", "published": "2015-05-10", "title": "Victim of Elm Street shooting in Dayton dies",
              "text": "The victim of Friday's shooting on Elm Street in Dayton has died, police said."}
    res = casualties.reconcile([first, second])
    assert res.reports["incident_id"].nunique() == 1
    return res


def test_one_person_critically_hurt_whom_another_report_tells_died_is_not_also_injured():
    res = _two_reports_of_one_wounding("A man was critically wounded in a shooting on Elm Street in Dayton "
                                       "on Friday, police said.")
    early = res.claims[(res.claims["report_id"] == "early") & (res.claims["category"] == "injured")]
    assert len(early) >= 1 and not early["counted"].any()
    r = res.ranges[res.ranges["victims"].isna()].set_index("category")
    assert "injured" not in r.index and r.loc["killed", "best"] == 1


def test_one_person_hurt_but_not_critically_stays_injured():
    # only a critical state says the person told of may be the one who died
    res = _two_reports_of_one_wounding("A man was wounded in a shooting on Elm Street in Dayton on Friday, "
                                       "police said.")
    early = res.claims[(res.claims["report_id"] == "early") & (res.claims["category"] == "injured")]
    assert len(early) >= 1 and early["counted"].all()


def test_a_reports_own_deaths_never_cancel_its_shot_figure_twice():
    # the report's own dead were already taken off its shot figure ("4 shot minus 1 killed"):
    # the cross-report rule only looks at other reports
    res = casualties.reconcile([{"report_id": "r1", "text": "Four people were shot, one fatally, outside a "
                                 "home on Sunday. The three others were taken to a hospital in stable condition."}])
    r = res.ranges[res.ranges["victims"].isna()].set_index("category")
    assert (r.loc["killed", "best"], r.loc["injured", "best"]) == (1, 3)


def test_acled_policy_counts_a_perpetrators_claim_only_when_it_is_the_only_figure():
    alone = "IS claimed to have killed 20 soldiers in an attack on an army post."
    with_other = "IS claimed to have killed 20 soldiers. The army said 3 soldiers were killed."

    def killed(text, policy):
        r = casualties.reconcile([{"report_id": "r", "text": text}], cluster=False, policy=policy)
        rows = r.ranges[(r.ranges["category"] == "killed") & r.ranges["victims"].isna()]
        return rows[["low", "best", "high", "best_basis"]].values.tolist()

    assert killed(alone, "default") == []  # the design's default: a perpetrator's figure is flagged, not counted
    [(low, best, high, basis)] = killed(alone, "acled")
    assert (low, best, high) == (20, 20, 20) and "perpetrator's own claim" in basis
    [(low, best, high, basis)] = killed(with_other, "acled")
    assert (low, best, high) == (3, 3, 3) and "perpetrator" not in basis


def test_a_headlines_counted_homicide_weighs_as_a_figure_not_as_one_person_told_of():
    # "triple homicide" in a headline with no figure is at least 3 dead, a figure in its own right;
    # two mentions of one named victim in another report do not outvote it
    a = {"report_id": "a", "published": "2015-08-24", "title": "Police name victims of Dayton triple homicide on Elm Street",
         "text": "Sign in to read the full story."}
    b = {"report_id": "b", "published": "2015-08-23", "title": "Dayton police release Elm Street homicide details",
         "text": "Ray Jones, 34, was shot and killed in a home on Elm Street in Dayton on Saturday, police said. "
                 "Jones died at the scene."}
    res = casualties.reconcile([a, b])
    assert res.reports["incident_id"].nunique() == 1
    r = res.ranges[res.ranges["victims"].isna()].set_index("category")
    assert r.loc["killed", "best"] == 3
