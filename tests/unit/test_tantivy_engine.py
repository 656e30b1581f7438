"""The Tantivy engine's store (:class:`reader.index.tantivy_engine.TantivyStore`):
its size over many incremental updates, searches and writers at the same
time as an update, and damage to Tantivy's own files.

What every engine must do is in the contract suite (the modules that use
the ``engine`` fixture: tests/unit/test_index.py, test_index_building.py
...); these tests are of Tantivy's workings: segments merged and files
collected, its folder ``index/tantivy/``, its errors.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.index.store import READING, IndexDamaged, IndexLocked
from reader.library import Library
from reader.paths import get_paths
from tests.helpers import child_env, write_library

pytest.importorskip("tantivy")

# -- helpers ----------------------------------------------------------------------

# The bundled seed article is in every library besides the test's own.
SEEDS = 1


def tantivy_library(root: Path, articles: dict[str, str]) -> tuple[Library, Path]:
    """A library of ``articles`` (in ``root/news``) indexed by Tantivy,
    its folder remembered in sources.yaml (so that ``reader`` run in
    another process sees the same library)."""
    folder = write_library(root, articles)
    lib = Library(get_paths(root / "home"), engine="tantivy")
    lib.add([folder])
    return lib, folder


def rewrite(path: Path, text: str, stamp: int) -> None:
    """Give ``path`` new text and the modification time ``stamp`` seconds
    (distinct for each change: an update sees it whatever the clock's
    resolution)."""
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stamp * 10**9, stamp * 10**9))


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def replace_bytes(path: Path, data: bytes) -> None:
    """Give ``path`` the content ``data`` as a new file put in its place:
    the old one is not truncated under an index of this process that still
    maps it (a Tantivy thread reading a truncated mapping gets SIGBUS and
    the test run dies)."""
    new = path.with_name(path.name + ".garbling")
    new.write_bytes(data)
    os.replace(new, path)


def tantivy_meta(lib: Library) -> dict:
    return json.loads((lib.store.dir / "tantivy" / "meta.json").read_text("utf-8"))


def stray_files(lib: Library) -> list[str]:
    """The files of Tantivy's folder that no segment of its meta.json uses
    (replaced segments, superseded delete lists): what garbage collection
    deletes."""
    folder = lib.store.dir / "tantivy"
    wanted = set()
    for segment in tantivy_meta(lib)["segments"]:
        name = segment["segment_id"].replace("-", "")
        wanted |= {f"{name}.{kind}" for kind in ("idx", "term", "pos", "store", "fast", "fieldnorm")}
        if segment.get("deletes"):
            wanted.add(f"{name}.{segment['deletes']['opstamp']}.del")
    return sorted(name for name in os.listdir(folder) if name not in wanted and name != "meta.json" and not name.startswith("."))


def run_reader(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``reader --home HOME ARGS`` in another process, with the Tantivy engine."""
    env = child_env()
    env["READER_INDEX_ENGINE"] = "tantivy"
    return subprocess.run(
        [sys.executable, "-m", "reader", "--home", str(home), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def cli_search(home: Path, query: str) -> dict[str, str]:
    """``reader search QUERY --json`` from another process: id -> title of each result."""
    done = run_reader(home, "search", query, "--json", "--limit", "100")
    assert done.returncode == 0, done.stderr
    return {result["id"]: result["title"] for result in json.loads(done.stdout)["results"]}


# -- garbage collection: an index updated many times stays the size of a fresh one --

# Each update changes one article (in turn), so each changes GC_UPDATES /
# GC_ARTICLES times. Tantivy merges its segments when it has eight: the size
# goes up for seven updates (a segment of one article each, the old versions
# kept) and back down at the merge. At 100 articles the largest was 1.28
# times a fresh build's size; at 30 one-line articles about 1.6 times, all of
# it the fixed cost of seven small segments (about 2.5 KB each), none of it
# garbage: so 100 articles of about twenty words. 1,000 updates took 18 to
# 21 s on two cores (the largest size 1.28 times a fresh build's, the last
# 0.94); the cycle repeats every seven updates, so 120 (each article
# changed once, some twice) show the same in ``make test``, and ``make fuzz``
# (READER_FUZZ=full) runs the 1,000.
GC_ARTICLES = 100
GC_UPDATES = 1_000 if os.environ.get("READER_FUZZ") == "full" else 120
GC_WORDS = "harbour tide crane ferry pier cargo pilot storm quay dock anchor council budget school market bridge".split()


def gc_article(k: int, revision: int) -> str:
    """Article ``k`` at ``revision``: a title, about twenty words and
    ``marker(k, revision)``, found in this revision only."""
    words = " ".join(GC_WORDS[(k * 7 + revision * 3 + i) % len(GC_WORDS)] for i in range(20))
    return f"Report {k}\n\nThe {marker(k, revision)} report says {words}.\n"


def marker(k: int, revision: int) -> str:
    return f"mark{k:03d}r{revision:04d}"


def test_many_incremental_updates_keep_the_index_the_size_of_a_fresh_one(tmp_path):
    """Each update deletes an article's old version (kept by Tantivy until
    its segment is merged) and adds a segment; old files stay until garbage
    collection. After every update: no file no segment uses, deleted
    articles fewer than half the live ones, the folder within 1.5 times the
    size of a fresh build of the same library; and a searcher opened before
    the first update finds each article by its newest text only."""
    lib, folder = tantivy_library(tmp_path, {f"a{k:03d}.txt": gc_article(k, 0) for k in range(GC_ARTICLES)})
    lib.update(rebuild=True)
    revisions = [0] * GC_ARTICLES
    sizes = []
    with lib.open() as index:
        for n in range(1, GC_UPDATES + 1):
            k = n % GC_ARTICLES
            revisions[k] = n
            rewrite(folder / f"a{k:03d}.txt", gc_article(k, n), stamp=1_000_000 + n)
            stats = lib.update()
            assert (stats.added, stats.updated, stats.removed) == (0, 1, 0)
            sizes.append(folder_size(lib.store.dir))
            assert stray_files(lib) == [], f"after update {n}"
            held = sum(segment["max_doc"] for segment in tantivy_meta(lib)["segments"])
            assert held - (GC_ARTICLES + SEEDS) <= GC_ARTICLES // 2, f"{held} documents after update {n}"
            if n % 10 == 0:  # the searcher opened before the first update
                assert [r.id for r in index.search(marker(k, n), suggest=False).results] == [f"news/a{k:03d}"]
                assert index.search(marker(k, n - GC_ARTICLES if n > GC_ARTICLES else 0), suggest=False).total == 0
        assert index.doc_count() == GC_ARTICLES + SEEDS
        for k, revision in enumerate(revisions):
            assert index.search(marker(k, revision), suggest=False).total == 1
        stale = [marker(k, 0) for k in range(GC_ARTICLES) if revisions[k]]
        assert index.search(" OR ".join(stale), suggest=False).total == 0
    lib.update(rebuild=True)  # a fresh index of the same articles
    fresh = folder_size(lib.store.dir)
    print(f"{GC_UPDATES} updates: largest {max(sizes) / fresh:.2f} times a fresh build, last {sizes[-1] / fresh:.2f}")
    assert max(sizes) <= 1.5 * fresh, f"largest {max(sizes):,} bytes, fresh {fresh:,}"


# -- concurrency ------------------------------------------------------------------

HARBOUR = {
    "ferry.txt": "Ferry report\n\nThe ferry docked at the quay on Monday.\n",
    "pier.txt": "Pier report\n\nA second ferry waited off the pier.\n",
    "storm.txt": "Storm report\n\nThe storm kept the cranes still.\n",
}


def change_the_harbour(folder: Path) -> None:
    """One change of each kind: ferry.txt changed, pier.txt deleted, glacier.txt new."""
    rewrite(folder / "ferry.txt", "Glacier report\n\nThe glacier calved into the fjord.\n", stamp=2_000_000)
    (folder / "pier.txt").unlink()
    (folder / "glacier.txt").write_text("Volcano report\n\nA glacier melted under the volcano.\n", encoding="utf-8")


def test_a_search_in_another_process_mid_update_answers_from_the_last_commit(tmp_path):
    lib, folder = tantivy_library(tmp_path, HARBOUR)
    lib.update()
    change_the_harbour(folder)
    during: list[dict[str, str]] = []

    def progress(done: int, total: int, phase: str, elapsed: float) -> None:
        if phase == READING and done == total and not during:
            # Every change is in the writer, not committed; the write lock is held.
            with pytest.raises(IndexLocked), Library(lib.paths, engine="tantivy").store.write_lock():
                pass
            during.append(cli_search(lib.paths.home, "ferry OR glacier"))

    stats = lib.update(progress=progress)
    assert (stats.added, stats.updated, stats.removed) == (1, 1, 1)
    assert during == [{"news/ferry": "Ferry report", "news/pier": "Pier report"}]
    assert cli_search(lib.paths.home, "ferry OR glacier") == {"news/ferry": "Glacier report", "news/glacier": "Volcano report"}


def test_a_second_writer_mid_update_is_refused_and_the_first_commits(tmp_path):
    """The contract test holds the lock with ``write_lock()``: here the first
    writer is inside an update (Tantivy's writer open, documents added),
    the second is another process (``reader index``) and, in this process,
    another store of the folder asking for an update and a rebuild. Each is
    refused with the message, touches nothing, and the first update commits."""
    lib, folder = tantivy_library(tmp_path, HARBOUR)
    lib.update()
    change_the_harbour(folder)
    refused: list[str] = []

    def progress(done: int, total: int, phase: str, elapsed: float) -> None:
        if phase != READING or done != total or refused:
            return
        other = run_reader(lib.paths.home, "index")
        assert other.returncode == 1, other.stdout + other.stderr
        refused.append(other.stderr)
        second = Library(lib.paths, engine="tantivy")
        for rebuild in (False, True):
            with pytest.raises(IndexLocked) as caught:
                second.update(rebuild=rebuild)
            refused.append(str(caught.value))
        assert not lib.store.dir.with_name("index.new").exists()

    lib.update(progress=progress)
    where = str(lib.store.dir)
    assert len(refused) == 3
    assert refused[0].count("\n") == 1 and refused[0].startswith("reader: another reader process is updating the index")
    for message in refused:
        assert where in message and "searches still work" in message
    assert stray_files(lib) == []
    with lib.open() as index:
        assert sorted(r.id for r in index.search("ferry OR glacier").results) == ["news/ferry", "news/glacier"]
    assert lib.update().changed is False  # the manifest of the first update was written


def test_an_open_index_finds_what_is_committed_after_it_was_opened(tmp_path):
    lib, folder = tantivy_library(tmp_path, HARBOUR)
    lib.update()
    with lib.open() as index:
        assert index.doc_count() == len(HARBOUR) + SEEDS
        # Committed by this process.
        change_the_harbour(folder)
        lib.update()
        assert sorted(r.id for r in index.search("ferry OR glacier").results) == ["news/ferry", "news/glacier"]
        assert index.get("news/pier") is None
        assert index.get("news/ferry").title == "Glacier report"
        assert index.doc_count() == len(HARBOUR) + SEEDS
        # Committed by another process.
        (folder / "tide.txt").write_text("Tide report\n\nThe spring tide flooded the quay.\n", encoding="utf-8")
        rewrite(folder / "storm.txt", "Calm report\n\nNo wind at all today.\n", stamp=3_000_000)
        done = run_reader(lib.paths.home, "index")
        assert done.returncode == 0, done.stderr
        assert [r.id for r in index.search("tide").results] == ["news/tide"]
        assert index.search("storm").total == 0
        assert index.get("news/storm").title == "Calm report"
        assert index.doc_count() == len(HARBOUR) + 1 + SEEDS


# -- damage -----------------------------------------------------------------------


def built(tmp_path: Path) -> Library:
    lib, _ = tantivy_library(tmp_path, HARBOUR)
    lib.update()
    assert lib.store.status() == "ok"
    return lib


def assert_rebuilt_on_open(lib: Library, said: str) -> None:
    """``lib.open()`` rebuilds the index with one message naming its folder and saying ``said``."""
    messages: list[str] = []
    with lib.open(notify=messages.append) as index:
        assert sorted(r.id for r in index.search("ferry").results) == ["news/ferry", "news/pier"]
    assert len(messages) == 1 and str(lib.store.dir) in messages[0] and said in messages[0], messages
    assert lib.store.status() == "ok"
    assert stray_files(lib) == []


SEGMENT_FILES = ["idx", "term", "pos", "store", "fast", "fieldnorm"]


@pytest.mark.parametrize("kind", SEGMENT_FILES)
def test_garbage_in_a_segment_file_is_damage_and_opening_rebuilds(tmp_path, kind):
    """Tantivy's meta.json intact, every ``.<kind>`` file garbage: some such
    files make Tantivy panic (a Rust panic is a BaseException in Python),
    which must not get past the store."""
    lib = built(tmp_path)
    garbled = [p for p in (lib.store.dir / "tantivy").iterdir() if p.name.endswith("." + kind)]
    assert garbled
    for path in garbled:
        replace_bytes(path, b"garbage")
    fresh = Library(lib.paths, engine="tantivy")
    assert fresh.store.status() == "damaged"
    with pytest.raises(IndexDamaged, match="is damaged"):
        fresh.new_index()
    assert_rebuilt_on_open(fresh, "damaged")


@pytest.mark.parametrize("keep", [0.0, 0.5, 0.95])
def test_a_truncated_tantivy_meta_json_is_damage_and_opening_rebuilds(tmp_path, keep):
    lib = built(tmp_path)
    meta = lib.store.dir / "tantivy" / "meta.json"
    text = meta.read_bytes()
    replace_bytes(meta, text[: int(len(text) * keep)])
    fresh = Library(lib.paths, engine="tantivy")
    assert fresh.store.status() == "damaged"
    assert_rebuilt_on_open(fresh, "damaged")


def test_segment_files_gone_is_damage_and_opening_rebuilds(tmp_path):
    lib = built(tmp_path)
    for path in (lib.store.dir / "tantivy").iterdir():
        if path.name != "meta.json" and not path.name.startswith("."):
            path.unlink()
    fresh = Library(lib.paths, engine="tantivy")
    assert fresh.store.status() == "damaged"
    assert_rebuilt_on_open(fresh, "damaged")


def _remove(folder: Path) -> None:
    shutil.rmtree(folder)


def _empty(folder: Path) -> None:
    for path in folder.iterdir():
        path.unlink()


def _a_file(folder: Path) -> None:
    shutil.rmtree(folder)
    folder.write_text("not a folder\n", encoding="utf-8")


@pytest.mark.parametrize("harm", [_remove, _empty, _a_file], ids=["removed", "emptied", "a-file"])
@pytest.mark.parametrize("then", ["open", "update"])
def test_an_index_folder_without_its_tantivy_folder_is_built_again(tmp_path, harm, then):
    """Reader's meta.json and manifest say the index is built; Tantivy's
    folder says otherwise: no crash, and the next open or update builds it."""
    lib = built(tmp_path)
    harm(lib.store.dir / "tantivy")
    fresh = Library(lib.paths, engine="tantivy")
    assert fresh.store.status() in ("missing", "damaged")
    if then == "open":
        messages: list[str] = []
        with fresh.open(notify=messages.append) as index:
            assert index.search("ferry").total == 2
        assert len(messages) == 1 and str(fresh.store.dir) in messages[0], messages
    else:
        stats = fresh.update()
        assert stats.rebuilt and stats.added == len(HARBOUR) + SEEDS
    assert fresh.store.status() == "ok"
    assert stray_files(fresh) == []
