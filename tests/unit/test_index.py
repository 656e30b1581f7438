"""The index: incremental updates, rebuilds, versions, damage and locking."""

from __future__ import annotations

import json
import os
import time

import pytest

from reader.index.store import IndexLocked
from reader.library import Library, find_article
from reader.paths import get_paths
from tests.helpers import commit_waits_for_a_tick, damage_index, write_library

# The engine contract: every test runs against each search engine (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("engine")


@pytest.fixture
def library(tmp_path):
    folder = write_library(tmp_path)
    lib = Library(get_paths(tmp_path / "home"))
    lib.add([folder])
    return lib, folder


def ids(lib):
    with lib.open() as index:
        return sorted(r.id for r in index.search("", limit=None).results)


def test_first_update_builds_everything(library):
    lib, _ = library
    stats = lib.update()
    assert stats.rebuilt and stats.added == 6  # five articles and the bundled seed
    assert ids(lib) == sorted(
        ["news/alpha", "news/beta", "news/gamma", "news/delta", "news/epsilon", "seeds/000_51a9c244470b2f12"]
    )
    meta = json.loads((lib.store.dir / "meta.json").read_text())
    assert (meta["schema_version"], meta["engine"]) == (lib.store.VERSION, lib.store.ENGINE)


def test_unchanged_update_touches_nothing(library):
    lib, _ = library
    lib.update()
    stats = lib.update()
    assert (stats.added, stats.updated, stats.removed, stats.unchanged) == (0, 0, 0, 6)
    assert not stats.rebuilt


def test_incremental_add_change_delete(library):
    lib, folder = library
    lib.update()
    (folder / "zeta.txt").write_text("Volcano erupts in Iceland\n\nLava flowed near Grindavik.\n")
    gamma = folder / "gamma.txt"
    gamma.write_text("Chelsea lose to Arsenal\n\nArsenal won 3-0 at the Emirates.\n")
    os.utime(gamma, ns=(time.time_ns(), time.time_ns() + 10**9))
    (folder / "delta.txt").unlink()
    stats = lib.update()
    assert (stats.added, stats.updated, stats.removed) == (1, 1, 1)
    assert stats.unchanged == 4
    with lib.open() as index:
        assert index.get("news/delta") is None
        assert index.get("news/zeta").title == "Volcano erupts in Iceland"
        assert index.get("news/gamma").title == "Chelsea lose to Arsenal"
        assert index.search("emirates").total == 1
        assert index.search("stamford").total == 0


def test_an_index_open_through_updates_sees_each_article_once(library):
    """An index opened before an update (the app keeps one open) answers
    after it as a fresh one does: a replaced article's old text is gone and
    it is not counted twice (nor listed as its own copy), and a file only
    touched is still one article."""
    lib, folder = library
    lib.update()
    index = lib.open()
    try:
        assert index.search("stamford").total == 1 and index.doc_count() == 6
        for round_ in range(3):
            gamma = folder / "gamma.txt"
            gamma.write_text(f"Chelsea lose to Arsenal\n\nArsenal won 3-{round_} at the Emirates.\n")
            for touched in (gamma, folder / "delta.txt"):
                os.utime(touched, ns=(time.time_ns(), time.time_ns() + (round_ + 1) * 10**9))
            stats = lib.update()
            assert (stats.added, stats.updated, stats.removed) == (0, 2, 0)
            assert index.doc_count() == 6
            assert index.search("stamford").total == 0
            found = index.search("emirates")
            assert [(r.id, r.copies) for r in found.results] == [("news/gamma", 1)] and found.total == 1
            inflation = index.search("inflation")
            assert [(r.id, r.copies) for r in inflation.results] == [("news/delta", 1)]
            assert len(index.search("", limit=None).results) == 6
    finally:
        index.close()


def test_skipped_files_are_reported_once(library):
    lib, folder = library
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    stats = lib.update()
    assert sorted(os.path.basename(p) for p, _ in stats.skipped) == ["binary.txt", "empty.txt"]
    again = lib.update()
    assert again.skipped == [] and not again.changed


def test_rebuild_starts_from_scratch(library):
    lib, _ = library
    lib.update()
    stats = lib.update(rebuild=True)
    assert stats.rebuilt and stats.added == 6
    assert len(ids(lib)) == 6


def test_other_schema_version_is_rebuilt_with_a_message(library):
    lib, _ = library
    lib.update()
    (lib.store.dir / "meta.json").write_text(json.dumps({"schema_version": -1, "engine": lib.store.ENGINE}))
    messages = []
    with lib.open(notify=messages.append) as index:
        assert index.search("karabakh").total >= 1
    assert any("another version" in m for m in messages)
    assert lib.store.status() == "ok"


def test_damaged_index_is_rebuilt_with_a_message(library):
    lib, _ = library
    lib.update()
    damage_index(lib.store)
    messages = []
    with lib.open(notify=messages.append) as index:
        assert index.search("karabakh").total >= 1
    assert any("damaged" in m and "rebuild" in m for m in messages)


def test_second_writer_gets_a_clear_message_while_searches_work(library):
    lib, _ = library
    lib.update()
    with lib.store.write_lock():
        with pytest.raises(IndexLocked, match="another reader process is updating the index"):
            lib.update()
        with lib.open() as index:  # reading still works
            assert index.search("chelsea").total == 1


def test_find_article(library):
    lib, _ = library
    lib.update()
    assert find_article(lib.paths, "news/beta").dateline == "YEREVAN"
    from reader.errors import ReaderError

    with pytest.raises(ReaderError, match="no article with id"):
        find_article(lib.paths, "news/nope")


def test_stored_article_round_trips(library):
    lib, folder = library
    lib.update()
    from reader.corpus import read_article

    original = read_article(folder / "alpha.txt", id="news/alpha", source="news")
    with lib.open() as index:
        stored = index.get("news/alpha")
    assert stored.to_dict() == original.to_dict()


def test_two_files_with_one_id_index_once_and_report(tmp_path):
    folder = write_library(tmp_path, {"a.txt": "From txt\n\nText body.\n", "a.md": "From md\n\nMarkdown body.\n"})
    lib = Library(get_paths(tmp_path / "home"), extra_sources=[])
    lib.add([folder])
    stats = lib.update()
    assert [reason for _, reason in stats.skipped] == ["same article id 'news/a' as " + str(folder / "a.md")]
    with lib.open() as index:
        assert index.search("", limit=None).total == 2  # news/a once, plus the seed


def test_parallel_rebuild_gives_the_same_index(tmp_path, monkeypatch):
    import reader.index.store as store

    monkeypatch.setattr(store, "PARALLEL_MIN_FILES", 1)
    folder = write_library(tmp_path)
    lib = Library(get_paths(tmp_path / "home"), extra_sources=[])
    lib.add([folder])
    stats = lib.update(rebuild=True, procs=2)
    assert stats.added == 6 and stats.skipped == []
    with lib.open() as index:
        assert index.search("karabakh").total == 3
        assert index.get("news/gamma").title == "Chelsea beat Arsenal in London derby"
    assert lib.update().changed is False


# -- progress: the commit phase is reported ---------------------------------------


@pytest.mark.parametrize("rebuild", [True, False])
def test_progress_reports_the_commit_phase_with_elapsed_time(library, monkeypatch, rebuild):
    import threading

    from reader.index.store import COMMITTING, READING

    lib, folder = library
    if not rebuild:
        lib.update()
        (folder / "zeta.txt").write_text("Zeta\n\nA new article about rates.\n", encoding="utf-8")
    ticked = threading.Event()
    events = []

    def progress(done, total, phase, elapsed):
        events.append((done, total, phase, elapsed))
        if phase == COMMITTING and elapsed > 0:
            ticked.set()

    commit_waits_for_a_tick(monkeypatch, ticked)
    stats = lib.update(rebuild=rebuild, progress=progress)
    after = len(events)
    n = 6 if rebuild else 1
    assert stats.added == n
    reading = [e for e in events if e[2] == READING]
    committing = [e for e in events if e[2] == COMMITTING]
    assert [e[:2] for e in reading] == [(i, n) for i in range(1, n + 1)]
    assert events.index(committing[0]) == len(reading)  # commit follows the last file
    assert committing[0] == (n, n, COMMITTING, 0.0)
    assert all(e[:3] == (n, n, COMMITTING) for e in committing)
    assert any(e[3] > 0 for e in committing[1:])  # ticks with elapsed time while committing
    assert [e[3] for e in committing] == sorted(e[3] for e in committing)
    assert not any(t.name == "index-commit-progress" for t in threading.enumerate())
    assert len(events) == after  # nothing after the update returned
