"""The word lists of `_data/words.json`: loaded and validated once; a malformed copy raises
:class:`~casualties.errors.LexiconError` naming the section."""
import copy
import json
from importlib import resources

import pytest

from casualties.errors import LexiconError
from casualties.words import WORDS, build_words, load_words


def _data():
    return json.loads(resources.files("casualties").joinpath("_data/words.json").read_text(encoding="utf-8"))


def test_bundled_file_loads_and_validates():
    words = load_words()
    assert set(words.names()) == set(WORDS.names())
    assert "aux" in words and "were" in words.set("aux")
    assert ("separate", "shootings") in words.phrases("tally")
    assert words.tuple("units_of_time")[0] == "hours"
    for name in words.names():
        assert words.docs[name].strip()


def _corrupt(tmp_path, change):
    data = copy.deepcopy(_data())
    change(data)
    path = tmp_path / "words.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_duplicate_entry_names_the_section(tmp_path):
    path = _corrupt(tmp_path, lambda d: d["aux"]["words"].append(d["aux"]["words"][0]))
    with pytest.raises(LexiconError, match=r"words\[aux\].*duplicate"):
        load_words(path)


def test_duplicate_phrase_names_the_section(tmp_path):
    path = _corrupt(tmp_path, lambda d: d["tally"]["phrases"].append(["separate", "shootings"]))
    with pytest.raises(LexiconError, match=r"words\[tally\].*duplicate"):
        load_words(path)


def test_upper_case_entry_names_the_section_and_entry(tmp_path):
    path = _corrupt(tmp_path, lambda d: d["modals"]["words"].append("Would"))
    with pytest.raises(LexiconError, match=r"words\[modals\].*'Would'"):
        load_words(path)


def test_empty_section_names_the_section(tmp_path):
    path = _corrupt(tmp_path, lambda d: d["severity"].__setitem__("words", []))
    with pytest.raises(LexiconError, match=r"words\[severity\]"):
        load_words(path)


@pytest.mark.parametrize("bad", ["", " were", "two words", "tab\t"])
def test_blank_or_whitespace_entry_is_refused(bad):
    data = _data()
    data["aux"]["words"].append(bad)
    with pytest.raises(LexiconError, match=r"words\[aux\]"):
        build_words(data)


def test_missing_doc_is_refused():
    data = _data()
    del data["aux"]["_doc"]
    with pytest.raises(LexiconError, match=r"words\[aux\].*_doc"):
        build_words(data)


def test_lexicon_error_is_a_value_error():
    with pytest.raises(ValueError):
        build_words({"x": {"_doc": "d", "words": ["A"]}})
