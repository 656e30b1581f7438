"""A session with feeds: fetch in the background while typing, search the
entries, read them (marked read, kept read), next unread, mark all read and
undo, open and copy links, bookmark; a slow server never blocks the keys."""

from __future__ import annotations

import threading

from reader.feeds.manager import Feeds
from reader.tui.app import ArticleView, ResultsList
from tests.feed_server import Route, feed_server, rss
from tests.tui.test_journeys import check_viewer, result_ids
from tests.tui_helpers import make_app, type_query, wait_for, wait_results

ITEMS = [
    (
        f"s{n}",
        f"Harbour story {n}",
        f"<p>The harbour fees rose {n + 2}% this year.</p><p>\u201cWe had no choice,\u201d said Mayor Berg{n}.</p>",
    )
    for n in range(5)
]


async def test_fetch_read_and_keep_track_of_what_is_new(tmp_path):
    app = make_app(tmp_path)
    opened_links: list[str] = []
    copied: list[str] = []
    app.open_url = lambda url, **_: opened_links.append(url)  # type: ignore[method-assign]
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
    with feed_server() as server:
        server.routes["/harbour.rss"] = Route(rss("Harbour News", ITEMS), etag='"1"')
        gate = threading.Event()
        server.routes["/slow.rss"] = Route(rss("Slow", [("x1", "Slow story", "<p>Late.</p>")]), gate=gate)
        feeds = Feeds(app.library.paths)
        feeds.add(server.url("/harbour.rss"), name="harbour")
        feeds.add(server.url("/slow.rss"), name="slow")
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_results(pilot, "")
            await pilot.press("escape")  # to the results: r is a key there, a letter in the search box
            await pilot.press("r")
            # Typing goes on while the feeds are fetched (one server hangs until told).
            await type_query(pilot, "karabakh")
            assert result_ids(app)
            await pilot.press("escape", "j", "k")
            assert any(w.is_running for w in app.workers if w.group == "fetch")
            gate.set()
            await wait_for(pilot, lambda: not any(w.is_running for w in app.workers if w.group in ("fetch", "index")), timeout=30)
            await type_query(pilot, "feed:harbour")
            await wait_for(pilot, lambda: len(result_ids(app)) == 5)
            first = result_ids(app)[0]
            await pilot.press("enter")
            await check_viewer(pilot, first)
            viewer = app.query_one(ArticleView)
            meta = str(viewer.query_one("#article-meta").render())
            assert "harbour" in meta and "https://example.org/s" in meta and "by News Desk" in meta
            assert viewer.marks.get("quote") and viewer.marks.get("figure")
            results = app.query_one(ResultsList)
            assert first in results.read_ids
            # Next unread opens another article, and marks it read.
            await pilot.press("full_stop")
            await wait_for(pilot, lambda: viewer.article is not None and viewer.article.id != first)
            second = viewer.article.id
            await check_viewer(pilot, second)
            # Links of the article read.
            await pilot.press("O", "y", "Y")
            url = app.index.get(second).url
            assert url.startswith("https://example.org/s")
            assert opened_links == [url]
            assert copied == [url, viewer.article.title]
            # m toggles the article read back to unread.
            await pilot.press("m")
            assert second not in results.read_ids
            await pilot.press("b")  # bookmark it
            # Mark all listed read, then undo.
            await pilot.press("escape")
            await pilot.press("M")
            assert set(result_ids(app)) <= results.read_ids
            await pilot.press("ctrl+z")
            assert second not in results.read_ids and first in results.read_ids
            await wait_for(pilot, lambda: not any(w.is_running for w in app.workers if w.group == "read-state"))
            # The state is kept in the home: a search for unread entries agrees.
            await type_query(pilot, "feed:harbour is:unread")
            await wait_for(pilot, lambda: app.response is not None and app.response.query == "feed:harbour is:unread")
            listed = result_ids(app)
            assert first not in listed and second in listed and len(listed) == 4
            assert not set(listed) & app.library.read_state.read_ids()
            assert app.library.read_state.read_ids() >= {first}
            assert app.is_running


async def test_the_sources_pane_counts_unread_and_keeps_searches_to_a_feed(tmp_path):
    from reader.tui.widgets.sources import SourcesPane

    app = make_app(tmp_path)
    with feed_server() as server:
        server.routes["/harbour.rss"] = Route(rss("Harbour News", ITEMS))
        feeds = Feeds(app.library.paths)
        feeds.add(server.url("/harbour.rss"), name="harbour", tags=["local"])
        feeds.fetch()
    app.library.update()
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("escape", "f")
        pane = app.query_one(SourcesPane)
        assert app.focused is pane
        await wait_for(pilot, lambda: any(s.name == "harbour" for s in pane.scopes.values()))
        counts = {(s.kind, s.name): (s.unread, s.total) for s in pane.scopes.values()}
        assert counts[("feed", "harbour")] == (5, 5) and counts[("tag", "local")] == (5, 5)
        folders = [name for kind, name in counts if kind == "folder"]
        assert "seeds" in folders and "feeds" not in folders
        # Choose the feed: every search is kept to it.
        target = next(n for n, (option_id, s) in enumerate(pane.scopes.items()) if s.name == "harbour")
        option_index = next(i for i in range(pane.option_count) if pane.get_option_at_index(i).id == f"scope-{target}")
        pane.highlighted = option_index
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.response is not None and app.response.query.startswith("feed:harbour"))
        assert len(result_ids(app)) == 5 and app.focused is app.query_one(ResultsList)
        assert "in harbour" in str(app.query_one("#status-left").render())
        await type_query(pilot, "story 3")
        await wait_for(pilot, lambda: app.response.query == "feed:harbour story 3")
        assert result_ids(app)[0].startswith("feeds/harbour/") and all(r.startswith("feeds/") for r in result_ids(app))
        await pilot.press("enter")  # read one: the pane's count goes down
        await wait_for(pilot, lambda: not any(w.is_running for w in app.workers if w.group in ("read-state", "sources")))
        await pilot.press("escape", "f")  # from the article to the results, then the pane
        await wait_for(pilot, lambda: {(s.kind, s.name): s.unread for s in pane.scopes.values()}.get(("feed", "harbour")) == 4)
        # Unread only, on top of the feed.
        pane.highlighted = 0
        await pilot.press("enter")
        await pilot.press("escape")
        await type_query(pilot, "")
        await wait_for(pilot, lambda: app.response.query == "feed:harbour is:unread")
        assert len(result_ids(app)) == 4
        assert app.is_running


async def test_a_first_run_says_how_to_add_news_and_the_palette_adds_a_feed_and_a_folder(tmp_path):
    from textual.widgets import Static

    from reader.config import Config
    from reader.library import Library
    from reader.paths import get_paths
    from reader.tui.app import ReaderApp
    from tests.tui_helpers import run_from_palette

    paths = get_paths(tmp_path / "home")
    app = ReaderApp(paths, Config(), show_timings=False, cursor_blink=False, library=Library(paths, extra_sources=[]))
    app.animation_level = "none"
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "ferry.txt").write_text("Ferry strike ends\n\nThe ferry crews voted to return on Monday.\n")
    with feed_server() as server:
        server.routes["/harbour.rss"] = Route(rss("Harbour News", ITEMS))
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_results(pilot, "")
            await wait_for(pilot, lambda: len(result_ids(app)) == 1)
            hint = str(app.query_one("#article-empty", Static).render())
            assert "only the bundled sample article" in hint and "reader feeds import FILE.opml" in hint
            await run_from_palette(pilot, "Add a feed", "Add a feed…")
            await wait_for(pilot, lambda: type(app.screen).__name__ == "AddDialog")
            app.screen.query_one("#add-value").value = server.url("/harbour.rss")
            await pilot.press("enter")
            await wait_for(pilot, lambda: len(result_ids(app)) == 6, timeout=30)
            await run_from_palette(pilot, "Add a folder", "Add a folder…")
            await wait_for(pilot, lambda: type(app.screen).__name__ == "AddDialog")
            app.screen.query_one("#add-value").value = str(folder)
            await pilot.press("enter")
            await wait_for(pilot, lambda: len(result_ids(app)) == 7, timeout=30)
            assert "Select an article" in str(app.query_one("#article-empty", Static).render())
            await type_query(pilot, "ferry")
            await pilot.press("enter")
            await check_viewer(pilot, "news/ferry")
            assert app.is_running


async def test_full_text_of_the_entry_read_replaces_its_teaser(tmp_path):
    from pathlib import Path

    page = (Path(__file__).resolve().parent.parent / "data" / "article_page.html").read_bytes()
    app = make_app(tmp_path)
    with feed_server() as server:
        server.routes["/page"] = Route(page, content_type="text/html; charset=utf-8")
        server.routes["/feed.rss"] = Route(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>H</title><link>https://e.org/</link><description>d</description>'
            f"<item><guid>p1</guid><title>Harbour fees rise again</title><link>{server.url('/page')}</link>"
            "<description>Fees rise.</description></item></channel></rss>".encode()
        )
        feeds = Feeds(app.library.paths)
        feeds.add(server.url("/feed.rss"), name="harbour")
        feeds.fetch()
        app.library.update()
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_results(pilot, "")
            await type_query(pilot, "feed:harbour")
            entry = result_ids(app)[0]
            await pilot.press("enter")
            await check_viewer(pilot, entry)
            viewer = app.query_one(ArticleView)
            assert viewer.article.body == "Fees rise." and not viewer.marks.get("quote")
            await pilot.press("F")
            await wait_for(pilot, lambda: viewer.article.body.startswith("The harbour authority"), timeout=20)
            await check_viewer(pilot, entry)
            assert viewer.marks.get("quote") and viewer.marks.get("figure")
            # The index has the whole text too (the app re-indexed).
            await wait_for(pilot, lambda: not any(w.is_running for w in app.workers if w.group == "index"), timeout=20)
            await type_query(pilot, "breakwater")
            assert result_ids(app) == [entry]
            assert app.is_running
