"""Places read with the country context of their text: a small town abroad named in a text about
other countries is no reading of the name, and words for a country's people ("Nigerian") name
the country.  Hand-made texts; each row says what the name must (or must not) resolve to."""
import pytest

from casualties.gazetteer import default_gazetteer, find_places, load_curated, validate_curated
from casualties.errors import LexiconError

# (text, name as written, the country it must resolve to, or None: not read as a place)
TABLE = [
    # the text names Nigeria or its people: "Plateau state" is Nigeria's, not a town of 2,000 in Alabama
    ("Gunmen killed 12 villagers in Plateau state, central Nigeria, police in Jos said.", "Plateau", "NG"),
    ("Herders attacked farmers in Plateau state overnight, wounding 9, Nigeria's police said.", "Plateau", "NG"),
    ("Gunmen killed 12 villagers in Plateau state on Sunday, a Nigerian police spokesman said.", "Plateau", "NG"),
    # a small town abroad is no reading of a name in a text about other countries
    ("Gunmen killed 5 villagers in Goshen on Sunday, a Nigerian police spokesman said.", "Goshen", None),
    ("Bandits abducted 14 people in Shiloh, Nigeria's army said, and wounded two.", "Shiloh", None),
    ("Shelling wounded 6 in Eden overnight, Syrian state media said.", "Eden", None),
    ("A bomb killed 3 people in Smyrna, Turkish police said.", "Smyrna", "TR"),  # İzmir
    # near misses: the same towns where nothing points abroad, or where their state is named
    ("A man was shot dead in Goshen on Friday.", "Goshen", "US"),
    ("A man was shot dead in Goshen, Ind., on Friday, a Nigerian-born witness said.", "Goshen", "US"),
    ("Two people were wounded in Plateau, Ala., police said.", "Plateau", "US"),
    ("A man was shot dead in Plateau, Alabama on Friday, a Nigerian-born witness said.", "Plateau", "US"),
    # towns of the named country, and big towns abroad, are kept
    ("Gunmen killed 12 villagers near Jos, a Nigerian police spokesman said.", "Jos", "NG"),
    ("A bomb killed 4 in Kaduna, the Nigerian army said, days after a raid in London.", "London", "GB"),
    # a Syrian text keeps its Syrian towns; a US town beside a Syrian demonym stays American
    ("A car bomb killed 9 in Qamishli, Syrian state media said.", "Qamishli", "SY"),
    ("A man was shot and killed in Hawthorne, Calif., on Sunday; he was a Syrian refugee.", "Hawthorne", "US"),
]


def _mention(text, surface):
    found = [m for m in find_places(text) if m.surface.startswith(surface)]
    return found[0] if found else None


@pytest.mark.parametrize("text, surface, country", TABLE)
def test_places_read_with_the_texts_countries(text, surface, country):
    m = _mention(text, surface)
    if country is None:
        assert m is None, f"{surface!r} read as {m.place.name}, {m.place.country}"
    else:
        assert m is not None and m.place.country == country


def test_demonyms_are_validated_data():
    people = load_curated().demonyms
    assert people["NG"] == ("Nigerian",) and people["SY"] == ("Syrian",)
    with pytest.raises(LexiconError, match="demonyms"):
        validate_curated({**_raw(), "demonyms": {"Nigeria": ["Nigerian"]}})
    with pytest.raises(LexiconError, match="demonyms"):
        validate_curated({**_raw(), "demonyms": {"NG": ["nigerian"]}})


def _raw():
    import json
    from importlib import resources

    return json.loads(resources.files("casualties").joinpath("_data/places.json").read_text("utf-8"))


@pytest.mark.parametrize("text", ["Gunmen attacked a village in Benue state.", "Troops were deployed in Borno.",
                                  "Fighting in Delta State and in Rivers State displaced hundreds."])
def test_nigerias_states_are_regions(text):
    regions = [m.place for m in find_places(text) if m.place.kind == "admin1"]
    assert regions and all(p.country == "NG" and p.admin1.startswith("NG-") for p in regions)


def test_two_wire_reports_of_one_attack_in_plateau_state_are_one_incident():
    import casualties

    rows = [
        {"report_id": "ng-1", "published": "2023-05-16", "source": "Wire A",
         "title": "Gunmen kill 12 villagers in central Nigeria",
         "text": "JOS, Nigeria - Gunmen killed at least 12 villagers in an attack on a farming community in "
                 "Plateau state, central Nigeria, on Monday night, police in Jos said on Tuesday."},
        {"report_id": "ng-2", "published": "2023-05-17", "source": "Wire B",
         "title": "Attack in Nigeria's Plateau state kills 13",
         "text": "Gunmen killed 13 people in an attack on a village in Plateau state on Monday, a Nigerian police "
                 "spokesman said on Wednesday, adding that houses were burned."},
    ]
    e = casualties.reconcile(rows).explain("ng-1", "ng-2")
    assert e.same_incident, e
    assert "other_country" not in {c.feature for c in e.contributions}


def test_a_demonym_alone_is_no_place():
    assert find_places("The Nigerian army and Syrian state media said so.") == []
    assert default_gazetteer().lookup("Nigerian") == []
