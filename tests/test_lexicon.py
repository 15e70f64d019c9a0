"""Integrity of the word tables in ``casualties/_data/lexicon.json`` (design §2, §8:
"word lists as validated data files with an integrity test")."""
from __future__ import annotations

import copy
import json
from importlib import resources

import pytest

import casualties
from casualties.errors import LexiconError
from casualties.lexicon import HIT, QUALIFIER_KINDS, VAGUE_POLICIES, Lexicon, build_lexicon, load_lexicon
from casualties.model import CATEGORIES, VICTIM_GROUPS


@pytest.fixture(scope="module")
def raw() -> dict:
    text = resources.files("casualties").joinpath("_data/lexicon.json").read_text(encoding="utf-8")
    return json.loads(text)


def _key(phrase: str) -> tuple:
    return tuple(phrase.split())


DESIGN_FLOORS = {
    "several": 3, "a few": 2, "a handful": 3, "tens": 20, "dozens": 24, "scores": 40,
    "hundreds": 200, "thousands": 2000, "tens of thousands": 20000,
}
ACLED_FLOORS = {"tens": 10, "dozens": 12, "hundreds": 100}


# --------------------------------------------------------------------------------------
# the bundled file


def test_bundled_lexicon_loads(raw):
    lex = load_lexicon()
    assert isinstance(lex, Lexicon)
    assert load_lexicon() is lex  # read once
    rebuilt = build_lexicon(copy.deepcopy(raw))
    assert rebuilt == lex


def test_vague_policies_share_their_words():
    lex = load_lexicon()
    assert set(lex.vague) == set(VAGUE_POLICIES)
    keys = {name: set(floors) for name, floors in lex.vague.items()}
    first = keys["design"]
    for name, k in keys.items():
        assert k == first, f"policy {name!r} differs from 'design': {sorted(k ^ first)}"


@pytest.mark.parametrize("phrase, floor", sorted(DESIGN_FLOORS.items()))
def test_design_floors(phrase, floor):
    assert load_lexicon().vague_floors("design")[_key(phrase)] == floor


@pytest.mark.parametrize("phrase, floor", sorted(ACLED_FLOORS.items()))
def test_acled_floors(phrase, floor):
    assert load_lexicon().vague_floors("acled")[_key(phrase)] == floor


def test_acled_is_never_above_design():
    lex = load_lexicon()
    for k, v in lex.vague_floors("acled").items():
        assert v <= lex.vague_floors("design")[k], k


def test_number_words_and_dozen():
    lex = load_lexicon()
    assert lex.dozen == 12
    assert lex.units["one"] == 1 and lex.units["nineteen"] == 19
    assert lex.tens["forty"] == 40 and lex.scales["thousand"] == 1000
    # "a" is never read as 1 (design §8 pitfall)
    assert "a" not in lex.units and "an" not in lex.units
    assert all(isinstance(v, int) and v >= 0 for t in (lex.units, lex.tens, lex.scales) for v in t.values())


def test_qualifier_phrases_are_known_kinds_and_lower_case():
    lex = load_lexicon()
    for table in (lex.qualifiers_before, lex.qualifiers_after):
        for phrase, kind in table.items():
            assert kind in QUALIFIER_KINDS
            assert all(w == w.lower() and w for w in phrase)
    before = lex.qualifiers_before
    assert before[_key("at least")] == "at_least"
    assert before[_key("more than")] == "more_than"
    assert before[_key("up to")] == "up_to"
    assert before[_key("fewer than")] == "at_most"
    assert before[_key("nearly")] == "about_below"
    assert before[_key("about")] == "about"
    assert lex.qualifiers_after[_key("or more")] == "at_least"


def test_categories_and_victims():
    lex = load_lexicon()
    # "shot" is a word table of its own, resolved into killed / injured per document
    assert set(lex.categories) == set(CATEGORIES) | {HIT}
    for cat, kinds in lex.categories.items():
        assert any(kinds.values()), f"category {cat!r} has no words"
    assert set(lex.victims.values()) <= set(VICTIM_GROUPS)
    assert lex.victims["civilians"] == "civilian"
    assert lex.victims["soldiers"] == "security forces"


def test_lexicon_is_read_only():
    lex = load_lexicon()
    with pytest.raises(TypeError):
        lex.units["one"] = 2  # type: ignore[index]
    with pytest.raises(TypeError):
        lex.vague["design"][("dozens",)] = 1  # type: ignore[index]


# --------------------------------------------------------------------------------------
# malformed tables


def _first(d: dict):
    return next(k for k in d if not k.startswith("_"))


def _break_negative_floor(d):
    d["vague"]["dozens"] = -24
    return "vague"


def _break_negative_policy_floor(d):
    d["vague_policies"]["acled"]["dozens"] = -1
    return "vague_policies.acled"


def _break_unknown_qualifier_kind(d):
    d["qualifiers"]["before"]["at least"] = "sort_of"
    return "qualifiers.before"


def _break_upper_case_key(d):
    d["qualifiers"]["before"]["At Least"] = "at_least"
    return "qualifiers.before"


def _break_upper_case_vague(d):
    d["vague"]["Dozens"] = 24
    return "vague"


def _break_unknown_category(d):
    d["categories"]["maimed"] = {"verbs": ["maimed"]}
    return "categories"


def _break_victim_in_two_groups(d):
    d["victims"]["armed group"].append("soldiers")
    return "victims"


def _break_unknown_victim_group(d):
    d["victims"]["aliens"] = ["martians"]
    return "victims"


def _break_policy_word_not_vague(d):
    d["vague_policies"]["acled"]["bazillions"] = 5
    return "vague_policies.acled"


def _break_no_design_policy(d):
    del d["vague_policies"]["design"]
    return "vague_policies"


def _break_number_word_not_int(d):
    d["number_words"]["units"]["two"] = "2"
    return "number_words.units"


def _break_missing_dozen(d):
    del d["number_words"]["dozen"]
    return "number_words"


def _missing_section(name):
    def brk(d):
        del d[name]
        return name
    brk.__name__ = f"_break_missing_{name}"
    return brk


BREAKERS = [
    _break_negative_floor, _break_negative_policy_floor, _break_unknown_qualifier_kind,
    _break_upper_case_key, _break_upper_case_vague, _break_unknown_category,
    _break_victim_in_two_groups, _break_unknown_victim_group, _break_policy_word_not_vague,
    _break_no_design_policy, _break_number_word_not_int, _break_missing_dozen,
] + [_missing_section(s) for s in ("number_words", "qualifiers", "vague", "vague_policies",
                                   "exact_words", "categories", "victims")]


def _shape_vague_policy_list(d):
    d["vague_policies"]["acled"] = ["dozens"]
    return "vague_policies"


def _shape_category_list(d):
    d["categories"]["killed"] = ["killed"]
    return "categories"


def _shape_victims_str(d):
    d["victims"]["civilian"] = "civilians"
    return "victims"


def _shape_qualifier_kind_list(d):
    d["qualifiers"]["before"]["at least"] = ["at_least"]
    return "qualifiers.before"


# A table of the wrong shape is a malformed lexicon too: LexiconError naming the section,
# not an AttributeError / TypeError from deep inside the loader, nor silent acceptance.
BREAKERS += [_shape_vague_policy_list, _shape_category_list, _shape_victims_str, _shape_qualifier_kind_list]


@pytest.mark.parametrize("breaker", BREAKERS, ids=lambda f: f.__name__.removeprefix("_break_").removeprefix("_shape_"))
def test_malformed_lexicon_raises_lexicon_error_naming_the_section(raw, breaker):
    data = copy.deepcopy(raw)
    section = breaker(data)
    with pytest.raises(LexiconError) as info:
        build_lexicon(data)
    assert section in str(info.value), str(info.value)
    assert isinstance(info.value, ValueError)


def test_build_lexicon_does_not_modify_its_input(raw):
    data = copy.deepcopy(raw)
    build_lexicon(data)
    assert data == raw


# --------------------------------------------------------------------------------------
# the policy reaches extraction


@pytest.mark.parametrize("policy, low", [("design", 24), ("acled", 12)])
def test_vague_policy_in_extract_claims(policy, low):
    (c,) = casualties.extract_claims("Dozens were killed", vague_policy=policy)
    assert (c.category, c.qualifier, c.low, c.high, c.value) == ("killed", "vague", low, None, None)
    assert policy in c.basis


def test_vague_policy_in_reconcile():
    import pandas as pd

    df = pd.DataFrame({"report_id": ["a"], "text": ["Hundreds were wounded in the blast."]})
    r = casualties.reconcile(df, cluster=False, vague_policy="acled").ranges
    row = r[(r["category"] == "injured") & r["victims"].isna()].iloc[0]
    assert row["best"] == 100 and pd.isna(row["low"]) and pd.isna(row["high"])
