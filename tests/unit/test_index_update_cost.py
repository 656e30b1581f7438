"""What an index update with nothing changed costs: a scan of the files'
mtimes and sizes against the manifest, without opening the index or
importing Whoosh; a change still goes through the index."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from reader.index.store import IndexStore
from reader.library import Library
from reader.paths import get_paths
from tests.conftest import REPO
from tests.helpers import write_library


def _library(tmp_path):
    folder = write_library(tmp_path)
    lib = Library(get_paths(tmp_path / "home"))
    lib.add([folder])
    lib.update()
    return lib, folder


def test_nothing_changed_does_not_open_the_index(tmp_path, monkeypatch):
    lib, folder = _library(tmp_path)

    def refuse(self, *args, **kwargs):
        raise AssertionError("the index was opened")

    monkeypatch.setattr(IndexStore, "open", refuse)
    monkeypatch.setattr(IndexStore, "status", refuse)
    stats = lib.update()
    assert (stats.added, stats.updated, stats.removed, stats.unchanged) == (0, 0, 0, 6)
    monkeypatch.undo()
    (folder / "alpha.txt").write_text("Karabakh talks resume\n\nA changed text.\n")
    assert lib.update().updated == 1


def test_nothing_changed_does_not_import_whoosh(tmp_path):
    lib, _ = _library(tmp_path)
    code = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from reader.library import Library
        from reader.paths import get_paths
        stats = Library(get_paths(Path({str(lib.paths.home)!r}))).update()
        assert stats.unchanged == 6 and not stats.changed, stats
        print(sorted(name for name in sys.modules if name.split(".")[0] == "whoosh"))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True).stdout
    assert out.strip() == "[]"


def test_a_damaged_index_with_nothing_changed_is_rebuilt_when_opened(tmp_path):
    lib, _ = _library(tmp_path)
    for path in lib.store.dir.iterdir():
        if path.suffix in (".trm", ".pst", ".seg"):
            path.write_bytes(b"garbage")
    assert not lib.update().changed  # the files did not change: the index is not read
    messages = []
    with lib.open(notify=messages.append) as index:
        assert index.search("karabakh").total >= 1
    assert any("damaged" in m for m in messages)
