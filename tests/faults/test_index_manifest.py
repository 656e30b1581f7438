"""A manifest.json with entries of the wrong shape (edited by hand, written
by something else): an update rebuilds the index instead of failing."""

from __future__ import annotations

import json

import pytest

from reader.library import Library
from reader.paths import get_paths
from tests.helpers import write_library

# The engine contract: every test runs against each search engine (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("engine")


def _ids(lib: Library) -> list[str]:
    with lib.open() as index:
        return sorted(r.id for r in index.search("", limit=None).results)


@pytest.mark.parametrize("bad", [5, None, {"mtime": 1}, [1], "x"], ids=repr)
@pytest.mark.parametrize("file_is_gone", [False, True])
def test_a_malformed_manifest_entry_rebuilds_the_index(tmp_path, bad, file_is_gone):
    folder = write_library(tmp_path)
    lib = Library(get_paths(tmp_path / "home"))
    lib.add([folder])
    lib.update()
    manifest = lib.store.manifest_path
    data = json.loads(manifest.read_text("utf-8"))
    delta = str(folder / "delta.txt")
    assert delta in data["files"]
    data["files"][delta] = bad
    manifest.write_text(json.dumps(data), "utf-8")
    if file_is_gone:
        (folder / "delta.txt").unlink()

    stats = lib.update()

    assert stats.rebuilt
    expected = ["news/alpha", "news/beta", "news/delta", "news/epsilon", "news/gamma", "seeds/000_51a9c244470b2f12"]
    if file_is_gone:
        expected.remove("news/delta")
    assert _ids(lib) == expected
    files = json.loads(manifest.read_text("utf-8"))["files"]
    assert all(isinstance(entry, list) and len(entry) >= 4 for entry in files.values())
    assert (delta in files) is not file_is_gone
    assert not lib.update().changed
