"""The TUI while a first build runs: the articles of the batches committed
so far are searched, read and bookmarked; each later batch searches again."""

from __future__ import annotations

import threading

import pytest

import reader.index.store as store_module
from reader.library import Library
from reader.tui.messages import LibraryChanged
from reader.tui.widgets.article import ArticleView
from reader.tui.widgets.results import ResultsList
from reader.tui.widgets.search import SearchInput
from tests.tui_helpers import make_app, type_query, wait_for, wait_results, wait_saved
from tests.unit.test_index_building import assert_consistent, committed_ids

TREES = ["alder", "birch", "cedar", "dogwood", "elm", "fir", "ginkgo", "hazel", "ivy", "juniper", "kapok", "larch", "maple"]
# One article per tree, each about a volcano; with the bundled seed, 14
# files: batches of 4 and 10.
ARTICLES = {
    f"a{i:02d}.txt": f"Volcano report {i}\n\nThe volcano erupted near the {tree} grove.\n" for i, tree in enumerate(TREES)
}


def status(app) -> str:
    return str(app.query_one("#status-left").render())


def listed(app) -> list[str]:
    return sorted(r.id for r in app.query_one(ResultsList).results)


async def test_the_library_is_searchable_while_its_index_builds(tmp_path, monkeypatch):
    monkeypatch.setattr(store_module, "FIRST_BATCH", 4)
    app = make_app(tmp_path, index=False, articles=ARTICLES)
    first_batch, release = threading.Event(), threading.Event()
    real_update = Library.update

    def update(self, **kwargs):
        # The build stops after the first batch until the test releases it.
        told = kwargs["committed"]

        def committed(count, total):
            told(count, total)
            if not first_batch.is_set():
                first_batch.set()
                assert release.wait(30), "the test did not release the build"

        return real_update(self, **{**kwargs, "committed": committed})

    monkeypatch.setattr(Library, "update", update)
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await wait_for(pilot, first_batch.is_set)
            # The empty query lists what the first batch made searchable.
            await wait_results(pilot, "")
            first = committed_ids(app.library.store)
            assert len(first) == 4 and listed(app) == first
            assert status(app) == "4 articles, newest first · Building the index: 4 of 14 searchable"
            assert app.screen.query_one("#status").has_class("-indexing")

            await type_query(pilot, "volcano")
            volcanoes = [i for i in first if i.startswith("news/")]
            assert listed(app) == volcanoes
            assert status(app) == f"{len(volcanoes)} results · Building the index: 4 of 14 searchable"

            # Reading and bookmarking work meanwhile.
            await pilot.press("enter")
            viewer = app.query_one(ArticleView)
            await wait_for(pilot, lambda: viewer.article is not None and app.focused is viewer)
            opened = viewer.article.id
            assert opened in volcanoes
            await pilot.press("b")
            await wait_saved(pilot)
            assert [e.id for e in app.bookmarks.entries()] == [opened]
            await pilot.press("escape")
            assert isinstance(app.focused, ResultsList)
        finally:
            release.set()
        # The rest is committed: the query runs again and finds every article.
        await wait_for(pilot, lambda: not app.screen.query_one("#status").has_class("-indexing"))
        await wait_results(pilot, "volcano")
        await wait_for(pilot, lambda: len(listed(app)) == len(TREES))
        assert status(app) == f"{len(TREES)} results"
        await type_query(pilot, "maple")
        assert listed(app) == ["news/a12"]
        assert not real_update(app.library).changed  # the manifest lists every file


@pytest.mark.parametrize("when", ["after the first batch", "before it"])
async def test_quitting_during_a_first_build_keeps_its_batches(tmp_path, monkeypatch, when):
    monkeypatch.setattr(store_module, "FIRST_BATCH", 4)
    app = make_app(tmp_path, index=False, articles=ARTICLES)
    paused, release, returned = threading.Event(), threading.Event(), threading.Event()
    real_update = Library.update
    calls = []

    def pause():
        paused.set()
        assert release.wait(30), "the test did not release the build"

    def update(self, **kwargs):
        calls.append(kwargs)
        told, progress = kwargs["committed"], kwargs["progress"]

        def committed(count, total):
            told(count, total)
            if when == "after the first batch":
                pause()

        def progressed(done, total, phase, elapsed):
            progress(done, total, phase, elapsed)
            if when == "before it" and done == 2:
                pause()

        try:
            return real_update(self, **{**kwargs, "committed": committed, "progress": progressed})
        finally:
            returned.set()

    monkeypatch.setattr(Library, "update", update)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_for(pilot, paused.is_set)
            if when == "after the first batch":
                await wait_results(pilot, "")
            await pilot.press("ctrl+q")
    finally:
        release.set()  # the app is gone: the build goes on to its next file, and stops
    assert returned.wait(30)
    assert len(calls) == 1  # not started again
    if when == "before it":
        assert app.library.store.status() == "missing"  # nothing was committed
        return
    assert len(committed_ids(app.library.store)) == 4  # it stopped there
    assert_consistent(app.library.store)
    stats = real_update(app.library)  # the next start indexes the rest
    assert not stats.rebuilt and (stats.added, stats.unchanged) == (10, 4)


async def test_a_changed_library_searches_again_for_the_query_typed(tmp_path, monkeypatch):
    """When the index changes while a search for what was typed is on its
    way, the search that runs again is for the query in the box, not for
    the one answered last (which would cancel it)."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_query(pilot, "karabakh")
        entered, gate = threading.Event(), threading.Event()
        real_search = app.index.search

        def search(text, **kwargs):
            if text == "chelsea":
                entered.set()
                assert gate.wait(30), "the test did not open the gate"
            return real_search(text, **kwargs)

        app.index.search = search
        try:
            app.query_one(SearchInput).value = "chelsea"
            await wait_for(pilot, entered.is_set)  # its search is on its way
            app.main.post_message(LibraryChanged())
            await pilot.pause()
        finally:
            gate.set()
        await wait_results(pilot, "chelsea")
        assert app.response.query == app.query_one(SearchInput).value == "chelsea"
        assert listed(app) == ["news/gamma"]


def test_the_build_gives_way_on_a_narrow_status_line():
    from reader.index.search import SearchResponse
    from reader.tui.widgets.status import build_part, fit_parts, status_parts

    response = SearchResponse("government", 3611, 12.0, ())
    parts = [*status_parts(response, 50), build_part("Building the index", 3500, 50000, searchable=3000, after=True)]
    assert fit_parts(parts, None).plain == "showing 50 of 3,611 · 12 ms · Building the index: 3,000 of 50,000 searchable"
    assert fit_parts(parts, 70).plain == "showing 50 of 3,611 · Building the index: 3,000 of 50,000 searchable"
    assert fit_parts(parts, 38).plain == "50/3,611 · 3,000/50,000 searchable"  # 40 columns
    alone = [build_part("Building the index", 350, 50000)]  # nothing searchable yet
    assert fit_parts(alone, 38).plain == "Building the index: 350/50000 files"
