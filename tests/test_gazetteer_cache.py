"""The disk cache of built indexes (casualties._cache) and the default gazetteer kept in it."""
import os
import pickle
from pathlib import Path

import pytest

from casualties import _cache, gazetteer
from casualties._cache import CACHE_ENV, cache_dir, cache_key, cached, file_stamp

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


class Builds:
    """A builder that counts its calls."""

    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_a_second_call_reads_what_the_first_built(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    build = Builds({"a": [1, 2]})
    assert cached("thing", "k1", build) == {"a": [1, 2]}
    assert cached("thing", "k1", build) == {"a": [1, 2]}
    assert build.calls == 1
    assert [p.name for p in tmp_path.iterdir()] == ["thing-k1.pickle"]


def test_another_key_builds_anew_and_only_the_newest_keys_are_kept(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    for n in range(5):
        build = Builds(n)
        assert cached("thing", f"k{n}", build) == n and build.calls == 1
        os.utime(tmp_path / f"thing-k{n}.pickle", ns=(n * 10**9, n * 10**9))
    assert sorted(p.name for p in tmp_path.glob("thing-*.pickle")) == ["thing-k2.pickle", "thing-k3.pickle",
                                                                     "thing-k4.pickle"]


def test_a_corrupt_or_foreign_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    (tmp_path / "thing-k.pickle").write_bytes(b"not a pickle")
    build = Builds("fresh")
    assert cached("thing", "k", build) == "fresh" and build.calls == 1
    (tmp_path / "thing-k.pickle").write_bytes(pickle.dumps(42))
    assert cached("thing", "k", build, accept=lambda obj: isinstance(obj, str)) == "fresh" and build.calls == 2
    assert cached("thing", "k", build) == "fresh" and build.calls == 2  # the rebuilt file was written


def test_an_unwritable_folder_falls_back_to_building(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))  # a folder under a file can never be made
    build = Builds("v")
    assert cached("thing", "k", build) == "v" and cached("thing", "k", build) == "v"
    assert build.calls == 2
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


@pytest.mark.parametrize("value", ["", "off", "0"])
def test_the_cache_can_be_turned_off(tmp_path, monkeypatch, value):
    monkeypatch.setenv(CACHE_ENV, value)
    assert cache_dir() is None
    build = Builds(1)
    cached("thing", "k", build), cached("thing", "k", build)
    assert build.calls == 2


def test_the_default_folder_is_the_users_cache(monkeypatch, tmp_path):
    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(_cache.sys, "platform", "linux")
    assert cache_dir() == tmp_path / "casualties"


def test_keys_change_with_any_part_and_with_a_files_contents(tmp_path):
    f = tmp_path / "data.json"
    f.write_text("[1]")
    before = cache_key(["1.0", file_stamp(f, contents=True)])
    assert cache_key(["1.0", file_stamp(f, contents=True)]) == before
    assert cache_key(["1.1", file_stamp(f, contents=True)]) != before
    f.write_text("[2]")
    assert cache_key(["1.0", file_stamp(f, contents=True)]) != before
    assert file_stamp(tmp_path / "gone.json") == b"gone.json=missing"


def test_the_default_gazetteer_key_follows_the_curated_data(monkeypatch):
    key = gazetteer.default_gazetteer_key()
    assert gazetteer.default_gazetteer_key() == key
    real = _cache.file_stamp

    def edited(path, contents=False):  # as if places.json had been edited
        stamp = real(path, contents=contents)
        return stamp + b"+edit" if str(path).endswith("places.json") else stamp

    monkeypatch.setattr(_cache, "file_stamp", edited)
    assert gazetteer.default_gazetteer_key() != key


def test_a_gazetteer_read_back_from_the_cache_finds_what_a_built_one_finds(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    built = gazetteer.default_gazetteer()  # built (or cached) in this process
    key = gazetteer.default_gazetteer_key()
    again = cached("gazetteer", key, lambda: built)
    assert (tmp_path / f"gazetteer-{key}.pickle").exists()
    loaded = cached("gazetteer", key, lambda: pytest.fail("should be read from the cache"))
    assert loaded is not built and len(loaded) == len(built) == len(again)
    for f in sorted(SEEDS.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        assert loaded.find_places(text) == built.find_places(text)
    # fuzzy matching fills its buckets lazily; a loaded index fills its own
    text = "Fighting near the town of Qamishly and in Hasakeh province"
    assert loaded.find_places(text) == built.find_places(text)
