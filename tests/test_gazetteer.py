"""The offline gazetteer: transliterations, disambiguation, non-places, spans, lazy loading
and the curated data file."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources

import pytest
from hypothesis import given, settings, strategies as st

from casualties import gazetteer as gz
from casualties.errors import InputTypeError, LexiconError
from casualties.gazetteer import Gazetteer, Place, PlaceMention, find_places, load_curated


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return gz.default_gazetteer()


def _only(text: str, **kwargs) -> PlaceMention:
    mentions = find_places(text, **kwargs)
    assert len(mentions) == 1, [(m.surface, m.place.name) for m in mentions]
    return mentions[0]


# --------------------------------------------------------------------------- transliterations

SPELLINGS = {
    "Qamishli": ["Qamishli", "al-Qamishli", "Kamishli", "Qamishlo", "Al-Qamishli", "Qamişlo"],
    "Hasakah": ["Hasakah", "Hassakeh", "Hasaka", "al-Hasaka", "Hasakeh", "al-Hasakah"],
    "Kobane": ["Kobane", "Kobani", "Ayn al-Arab", "Ain al-Arab", "Ain al Arab", "Kobanê"],
    "Palmyra": ["Palmyra", "Tadmur", "Tadmor"],
    "Sukhna": ["Sukhna", "Sokhna", "al-Sukhnah"],
    "Shaddadi": ["Shaddadi", "al-Shadadi", "Shaddadeh", "al-Shaddadi"],
    "Deir ez-Zor": ["Deir ez-Zor", "Deir al-Zour", "Deir el-Zour", "Deir ez Zor"],
    "Raqqa": ["Raqqa", "Raqa", "al-Raqqa", "Raqqah"],
    "Manbij": ["Manbij", "Menbij"],
    "Tal Abyad": ["Tal Abyad", "Tell Abyad"],
    "Jarablus": ["Jarablus", "Jarabulus"],
    "Mosul": ["Mosul", "al-Mosul"],
    "Nusaybin": ["Nusaybin", "Nuseybin"],
}


@pytest.mark.parametrize("canonical", sorted(SPELLINGS))
def test_transliterations_resolve_to_one_place(gazetteer, canonical):
    places = set()
    for spelling in SPELLINGS[canonical]:
        for text in (f"Clashes were reported in {spelling} on Tuesday.",
                     f"{spelling} was shelled overnight, activists said."):
            mention = _only(text)
            assert mention.surface == spelling
            places.add(mention.place)
    assert len(places) == 1
    place = places.pop()
    assert place.name == canonical and place.kind == "city"


def test_kobane_names_and_regions(gazetteer):
    kobane = _only("Kobane was besieged.").place
    assert _only("fighting in Ayn al-Arab").place == kobane
    assert (kobane.country, kobane.admin1, kobane.admin1_name) == ("SY", "SY-09", "Aleppo")
    qamishli = _only("A truck bomb hit Qamishli.").place
    assert (qamishli.admin1, qamishli.admin1_name) == ("SY-01", "Hasakah")
    nusaybin, turkey = find_places("Protests in Nusaybin, Turkey.")
    assert (nusaybin.place.country, nusaybin.place.admin1_name) == ("TR", "Mardin")
    assert (turkey.surface, turkey.place.kind) == ("Turkey", "country")


@pytest.mark.parametrize("text", [
    "Jets struck targets in Hasakah province.",
    "Jets struck targets in Hassakeh province.",
    "Jets struck targets in al-Hasaka Governorate.",
    "Jets struck targets in the province of Hasakah.",
])
def test_hasakah_province_is_the_governorate(gazetteer, text):
    mention = _only(text)
    assert mention.place.kind == "admin1"
    assert mention.place.admin1 == "SY-01"
    assert mention.surface == text[mention.start:mention.end]


def test_city_and_province_in_one_text(gazetteer):
    text = "Drones struck al-Shaddadi in Hasaka province, south of Hasakah city."
    got = [(m.surface, m.place.kind, m.place.admin1) for m in find_places(text)]
    assert got == [("al-Shaddadi", "city", "SY-01"), ("Hasaka province", "admin1", "SY-01"),
                   ("Hasakah", "city", "SY-01")]


@pytest.mark.parametrize("name", ["Baghdad", "Basra", "Kirkuk", "Raqqa", "Aleppo", "Homs"])
def test_towns_win_over_their_same_named_regions(gazetteer, name):
    place = _only(f"A car bomb exploded in {name} on Friday.").place
    assert place.kind == "city"
    region = _only(f"Fighting spread across {name} province.").place
    assert region.kind == "admin1" and region.admin1 == place.admin1
    # Mosul is the seat of Nineveh: "Mosul province" stays the town
    assert _only("Fighting spread across Mosul province.").place.kind == "city"


def test_governorate_spellings(gazetteer):
    nineveh = {m.place for t in ("in Nineveh province", "in Ninawa province", "in Ninewa")
               for m in find_places(t)}
    assert {p.admin1 for p in nineveh} == {"IQ-15"}
    salahuddin = {m.place.admin1 for t in ("in Salahuddin province", "in Salah ad-Din province")
                  for m in find_places(t)}
    assert salahuddin == {"IQ-18"}


# --------------------------------------------------------------------------- disambiguation

def test_hawthorne_calif_is_the_california_one(gazetteer):
    mentions = find_places("HAWTHORNE, Calif. — A man was shot in Hawthorne on Sunday.")
    towns = [m for m in mentions if m.place.kind == "city"]
    assert [m.surface for m in towns] == ["HAWTHORNE", "Hawthorne"]
    assert {m.place.admin1 for m in towns} == {"US-CA"}
    assert len({m.place for m in towns}) == 1
    state = [m for m in mentions if m.place.kind == "admin1"]
    assert [(m.surface, m.place.name) for m in state] == [("Calif.", "California")]


def test_state_named_elsewhere_picks_the_town(gazetteer):
    text = "A man was shot in Hawthorne on Sunday. California authorities are investigating."
    assert find_places(text)[0].place.admin1 == "US-CA"


def test_rocky_mount_nc(gazetteer):
    mentions = find_places("Four teens were shot in Rocky Mount, N.C., on Monday evening.")
    assert [(m.surface, m.place.name, m.place.admin1) for m in mentions] == [
        ("Rocky Mount", "Rocky Mount", "US-NC"), ("N.C.", "North Carolina", "US-NC")]
    assert mentions[0].place.admin1_name == "North Carolina"


@pytest.mark.parametrize("text,admin1", [
    ("Paris, Texas", "US-TX"),
    ("Palmyra, N.Y.", "US-NY"),
    ("Palmyra, Syria", "SY-11"),
    ("Washington, D.C.", "US-DC"),
    ("Portland, OR", "US-OR"),
    ("Portland, Maine", "US-ME"),
])
def test_qualifier_after_comma_decides(gazetteer, text, admin1):
    assert find_places(text)[0].place.admin1 == admin1


def test_qualifier_that_fits_no_candidate_drops_the_town(gazetteer):
    # no Tadmur in Illinois: the town is not forced onto Syria, the state is still named
    mentions = find_places("Tadmur, Ill., police said.")
    assert [(m.surface, m.place.kind) for m in mentions] == [("Ill.", "admin1")]


def test_country_named_in_text_helps(gazetteer):
    assert _only("A bomb exploded in Amara.", prefer=["IQ"]).place.country == "IQ"
    text = "IRAQ. Gunmen attacked a checkpoint in Iskandariyah."
    assert [m.place.country for m in find_places(text)] == ["IQ", "IQ"]


def test_prefer_steers_a_bare_ambiguous_name(gazetteer):
    plain = _only("Shooting in York leaves one dead.")
    us = _only("Shooting in York leaves one dead.", prefer=("US",))
    assert us.place.country == "US" and us.place.admin1 == "US-PA"
    assert plain.place in us.candidates or plain.place == us.place
    with pytest.raises(InputTypeError):
        find_places("in York", prefer=[3])


def test_same_name_resolves_consistently(gazetteer):
    text = ("1 dead in Salem strip club shooting\n\nSALEM, Ore. -- A man was killed at a Salem "
            "club. Salem police said.")
    towns = [m.place for m in find_places(text) if m.place.kind == "city"]
    assert len(towns) == 4 and {p.admin1 for p in towns} == {"US-OR"}


def test_new_york_is_the_city(gazetteer):
    assert _only("A man was shot in New York on Friday.").place.name == "New York City"
    assert _only("A man was shot in upstate New York.").place.kind in ("admin1", "city")


# --------------------------------------------------------------------------- non-places

@pytest.mark.parametrize("text", [
    "Police said on Sunday that the attack in March killed 12.",
    "On Monday, Police Chief John Davis said Tuesday's vigil would go on in August.",
    "Mobile phone footage showed the blast. Reading the statement, he paused.",
    "Jordan Davis and Tyler Smith were charged. Davis said he was innocent.",
    "The Houston Chronicle and the Washington Post reported the shooting.",
    "Man shot dead; Police seek suspect. May 2014. Park officials said.",
])
def test_words_that_are_not_places(gazetteer, text):
    assert find_places(text) == []


def test_stop_words_become_places_with_a_cue_or_a_state(gazetteer):
    assert _only("A man was shot in Mobile on Friday.").place.admin1 == "US-AL"
    mentions = find_places("READING, Pa. — Two men were shot.")
    assert (mentions[0].surface, mentions[0].place.admin1) == ("READING", "US-PA")
    assert find_places("in March") == [] and find_places("on Sunday, Ga.") != []


def test_acronyms_and_demonyms(gazetteer):
    assert find_places("TSU students held a vigil. SAME as before.") == []
    assert find_places("He ate at an Indian restaurant in Persian Gulf style.") == []


def test_people_named_like_towns(gazetteer):
    text = "Officer Williams fired twice. Williams said he feared for his life."
    assert find_places(text) == []
    text = "Michael Jackson's song played. Jackson was a singer."
    assert find_places(text) == []


# --------------------------------------------------------------------------- fuzzy

def test_fuzzy_only_after_a_cue(gazetteer):
    mention = _only("Heavy fighting in Hasakkah province.")
    assert mention.place.admin1 == "SY-01" and mention.place.kind == "admin1"
    assert 0.75 <= mention.score < 0.95
    mention = _only("The car bomb went off near Qamishle.")
    assert mention.place.name == "Qamishli" and mention.score < 1.0
    assert find_places("Qamishle said nothing.") == []
    # demonyms are no misspelt countries
    assert all(m.place.kind != "country" for m in find_places("in the German Colony"))


def test_scores(gazetteer):
    assert _only("in Qamishli").score == 1.0
    assert _only("in Kamishli").score == 1.0
    assert all(0.0 <= m.score <= 1.0 for m in find_places("in al-Fallujah and Fallujah, Iraq"))


# --------------------------------------------------------------------------- spans and robustness

def _check_spans(text, mentions):
    last = 0
    for m in mentions:
        assert m.surface == text[m.start:m.end]
        assert m.start >= last and m.end > m.start
        last = m.end
        assert isinstance(m.place, Place) and m.place not in m.candidates


def test_spans(gazetteer):
    text = ("‘Ayn al-‘Arab — KOBANI, Syria (AP) — Kurdish fighters in Kobanî and al-Hasakah’s "
            "countryside; Mobile's mayor; St. Louis, Mo.; Winston-Salem, N.C.; Deir ez-Zor; "
            "São Paulo; U.S. officials in Washington, D.C.")
    mentions = find_places(text)
    _check_spans(text, mentions)
    surfaces = [m.surface for m in mentions]
    for expected in ("KOBANI", "Syria", "Kobanî", "al-Hasakah", "St. Louis", "Mo.", "Winston-Salem",
                     "N.C.", "Deir ez-Zor", "São Paulo", "U.S.", "Washington", "D.C."):
        assert expected in surfaces


FRAGMENTS = ["in ", "near ", "al-", "Al-", "el-", "ez-", "Deir ", "Qamishli", "Hasakah", " province",
             ", Calif.", ", N.C.", ", CA", "St. ", "Fort ", "’s", "'s", "O'", "-", "—", " ", ".", ",",
             "\n", "Monday", "Police", "Mobile", "Rocky Mount", "U.S.", "A.", "ÀÉÎ", "ı", "ß",
             "9" * 40, "Hawthorne", "Kobanê", "Ayn al-Arab", "the town of ", "province of ",
             "\u00a0", "\u200b", "İ", "ﬁ", "😀", "Ω", "Москва", "القامشلي"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=30).map("".join))
def test_find_places_never_raises(text):
    mentions = find_places(text)
    _check_spans(text, mentions)


def test_rejects_non_strings(gazetteer):
    with pytest.raises(InputTypeError):
        find_places(None)
    with pytest.raises(InputTypeError):
        gazetteer.lookup(3)


# --------------------------------------------------------------------------- lookup and data

def test_lookup(gazetteer):
    assert gazetteer.lookup("Kamishli")[0].name == "Qamishli"
    assert gazetteer.lookup("al-Qamishli")[0] == gazetteer.lookup("Qamishlo")[0]
    assert gazetteer.lookup("N.C.")[0].name == "North Carolina"
    assert gazetteer.lookup("Saint Louis")[0] == gazetteer.lookup("St. Louis")[0]
    assert gazetteer.lookup("Nowhere-at-all") == []


def test_every_row_is_a_valid_place(gazetteer):
    places = gazetteer.places  # builds and validates every Place
    assert len(places) == len(gazetteer) > 70_000
    kinds = {p.kind for p in places}
    assert kinds == {"city", "admin1", "country"}


def test_place_validation():
    with pytest.raises(ValueError, match="latitude"):
        Place("X", "city", "SY", "SY-01", None, 100.0, 10.0)
    with pytest.raises(ValueError, match="admin1"):
        Place("X", "city", "SY", "IQ-01", None, 10.0, 10.0)
    with pytest.raises(ValueError):
        Place("X", "town", "SY", None, None, 10.0, 10.0)


def _raw_curated():
    return json.loads(resources.files("casualties").joinpath("_data/places.json").read_text("utf-8"))


def test_curated_file_is_valid():
    data = load_curated()
    raw = _raw_curated()
    assert len(data.places) == len(raw["places"]) >= 40
    for entry in raw["places"]:
        for field in ("name", "kind", "country", "admin1", "latitude", "longitude", "aliases"):
            assert field in entry, (entry.get("name"), field)
        assert entry["kind"] in ("city", "admin1")
        assert -90 <= entry["latitude"] <= 90 and -180 <= entry["longitude"] <= 180
        assert entry["admin1"].startswith(entry["country"] + "-")
    names = {p.name for p, _ in data.places}
    for required in ("Qamishli", "Hasakah", "Hasakah Governorate", "Kobane", "Palmyra", "Sukhna",
                     "Shaddadi", "Nusaybin", "Deir ez-Zor", "Raqqa", "Manbij", "Tal Abyad",
                     "Jarablus", "Mosul", "Nineveh Governorate", "Raqqa Governorate"):
        assert required in names
    assert {"monday", "august"} <= data.never_places
    assert "police" in data.stop_names
    assert data.us_state_abbreviations["Calif."] == "CA"


@pytest.mark.parametrize("breakage,message", [
    (lambda e: e.pop("admin1"), "admin1"),
    (lambda e: e.update(latitude=123.0), "latitude"),
    (lambda e: e.update(kind="village"), "kind"),
    (lambda e: e.update(aliases=["القامشلي"]), "aliases"),
    (lambda e: e.update(country="Syria"), "country"),
])
def test_curated_validation_names_the_entry(breakage, message):
    raw = _raw_curated()
    breakage(raw["places"][0])
    with pytest.raises(LexiconError, match=message) as info:
        gz.validate_curated(raw)
    assert "places[0]" in str(info.value)


def test_small_gazetteer_from_curated_entries():
    curated = load_curated()
    small = Gazetteer([(p, (p.name,) + aliases, ()) for p, aliases in curated.places], curated=curated)
    assert [m.place.name for m in small.find_places("Shelling hit Kamishli and Tadmur.")] == [
        "Qamishli", "Palmyra"]


def test_selective_reader_matches_a_full_decode():
    full = json.loads(gz._geonames_dir().joinpath("cities15000.json").read_text("utf-8"))
    for code in ("SY", "AD"):
        expected = [c for c in full.values() if c["countrycode"] == code]
        assert gz._read_cities("cities15000.json", frozenset([code])) == expected
        bare = gz._read_cities("cities15000.json", frozenset([code]), with_alternates=False)
        assert bare == [dict(c, alternatenames=[]) for c in expected]


def test_import_does_not_load_data():
    code = r"""
import builtins, io, sys
opened = []
real_open = io.open
def spy(file, *args, **kwargs):
    opened.append(str(file))
    return real_open(file, *args, **kwargs)
builtins.open = io.open = spy
import casualties.gazetteer as g
assert g.default_gazetteer.cache_info().currsize == 0
assert g.load_curated.cache_info().currsize == 0
# the extractor's own word lists (_data/words.json, a few KB) are bound at import like the
# constants they replace; no gazetteer data is read before it is needed
before = [f for f in opened if f.endswith(".json") and not f.endswith("words.json")]
assert before == [], before
g.find_places("in Qamishli")
after = [f for f in opened if f.endswith(".json") and not f.endswith("words.json")]
assert any(f.endswith("places.json") for f in after), after
assert any(f.endswith("cities5000.json") for f in after), after
g.find_places("in Raqqa")
assert [f for f in opened if f.endswith(".json") and not f.endswith("words.json")] == after  # loaded once
print("ok")
"""
    # the data files themselves are read when the built index is not cached (casualties._cache)
    env = dict(os.environ, CASUALTIES_CACHE_DIR="off")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
