"""Places read with the country context of their text: a small town abroad named in a text about
other countries is no reading of the name, and words for a country's people ("Nigerian") name
the country.  Hand-made texts; each row says what the name must (or must not) resolve to."""
import pytest

from casualties.gazetteer import default_gazetteer, find_places, load_curated, validate_curated
from casualties.errors import LexiconError

# (text, name as written, the country it must resolve to, or None: not read as a place)
TABLE = [
    # the text names Nigeria and its towns: "Plateau" is no town of 2,000 in Alabama
    ("Gunmen killed 12 villagers in Plateau state, central Nigeria, police in Jos said.", "Plateau", None),
    ("Herders attacked farmers in Plateau state overnight, wounding 9, Nigeria's police said.", "Plateau", None),
    # a demonym is enough to tell the country
    ("Gunmen killed 12 villagers in Plateau state on Sunday, a Nigerian police spokesman said.", "Plateau", None),
    ("Three soldiers were injured in Plateau on Friday, the Nigerian army said.", "Plateau", None),
    # near misses: the same town where nothing points abroad, or where its state is named
    ("A man was shot dead in Plateau on Friday.", "Plateau", "US"),
    ("A man was shot dead in Plateau, Alabama on Friday, a Nigerian-born witness said.", "Plateau", "US"),
    ("Two people were wounded in Plateau, Ala., police said.", "Plateau", "US"),
    # towns of the named country, and big towns abroad, are kept
    ("Gunmen killed 12 villagers near Jos, a Nigerian police spokesman said.", "Jos", "NG"),
    ("A bomb killed 4 in Kaduna, the Nigerian army said, days after a raid in London.", "London", "GB"),
    # a Syrian text keeps its Syrian towns; a US local town beside a Syrian demonym stays American
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


def test_a_demonym_alone_is_no_place():
    assert find_places("The Nigerian army and Syrian state media said so.") == []
    assert default_gazetteer().lookup("Nigerian") == []
