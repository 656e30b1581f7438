"""Results past the first page, the status line's counts, and result options.

One Pilot journey pages through a library of 130 articles (pages of 50) by
every way of reaching the end of the list; the status line and the result
options are checked as plain functions.
"""

from __future__ import annotations

import datetime as dt
import re
import threading

import pytest
from rich.cells import cell_len
from rich.style import Style
from textual import events
from textual.widgets import Static
from textual.worker import WorkerState

from reader.index.search import SearchResponse, SearchResult
from reader.tui.app import ArticleView, ResultsList, SearchInput
from reader.tui.widgets.results import result_text
from reader.tui.widgets.status import breakdown_text, count_text, fit_parts, status_parts
from tests.helpers import paged_articles
from tests.tui_helpers import make_app, record_notifications, type_query, wait_for, wait_results

# -- the status line, as text ----------------------------------------------------


def response(query="harbour", total=803, shown=50, *, exact=True, all_words=None, took=12.0, problem=None, results=None):
    if results is None:
        results = tuple(SearchResult(f"news/r{n}", f"R {n}", None, None, "news", "", 1.0, "", ()) for n in range(shown))
    return SearchResponse(query, total, took, results, None, problem, total_exact=exact, all_words=all_words)


@pytest.mark.parametrize(
    "args, shown, complete, expected",
    [
        (dict(total=3), 3, False, "3 results"),
        (dict(total=1), 1, False, "1 result"),
        (dict(total=803), 50, False, "showing 50 of 803"),
        (dict(total=1234), 100, False, "showing 100 of 1,234"),
        (dict(total=9400, exact=False), 50, False, "showing 50 of about 9,400"),
        # The pages ran out: an estimated total is known after all.
        (dict(total=9400, exact=False), 130, True, "130 results"),
        # More listed than the estimate said.
        (dict(total=140, exact=False), 150, False, "showing 150 of 150+"),
        # An exact total stands, whatever the pages did.
        (dict(total=803), 790, True, "showing 790 of 803"),
        (dict(query="", total=130), 50, False, "showing 50 of 130 articles"),
        (dict(query="", total=1), 1, False, "1 article"),
    ],
)
def test_count_text(args, shown, complete, expected):
    assert count_text(response(**args), shown, complete) == expected


@pytest.mark.parametrize(
    "args, expected",
    [
        (dict(total=352), None),  # not plain words
        (dict(total=352, all_words=352), None),  # every match has every word: the plain count says it
        (dict(total=352, all_words=12), "12 match all words · 340 match some"),
        (dict(total=2, all_words=1), "1 matches all words · 1 matches some"),
        (dict(total=1352, all_words=0), "0 match all words · 1,352 match some"),
        (dict(total=9400, exact=False, all_words=12), "12 match all words · about 9,400 match some"),
        (dict(query="", total=130, all_words=3), None),
    ],
)
def test_breakdown_text(args, expected):
    assert breakdown_text(response(**args)) == expected


def plain(parts, width=None) -> str:
    return fit_parts(parts, width).plain


def test_status_line_wording():
    assert plain(status_parts(response(total=3, shown=3), 3)) == "3 results · 12 ms"
    assert plain(status_parts(response(total=803), 50)) == "showing 50 of 803 · 12 ms"
    assert plain(status_parts(response(total=803), 50, timings=False)) == "showing 50 of 803"
    assert plain(status_parts(response(total=803), 50, sort="date")) == "showing 50 of 803 · newest first · 12 ms"
    assert plain(status_parts(response(query="", total=130), 50)) == "showing 50 of 130 articles, newest first · 12 ms"
    # Plain words: the breakdown takes the place of the count when every result is listed ...
    every = response(total=40, shown=40, all_words=12)
    assert plain(status_parts(every, 40, timings=False)) == "12 match all words · 28 match some"
    # ... and follows it when not.
    some = response(total=352, all_words=12)
    assert plain(status_parts(some, 50, timings=False)) == "showing 50 of 352 · 12 match all words · 340 match some"
    problem = status_parts(response(total=3, shown=3, problem="date:nope is no date"), 3, timings=False)
    line = fit_parts(problem, None)
    assert line.plain == "3 results · date:nope is no date"
    assert any(span.style == "italic" and line.plain[span.start : span.end] == " · date:nope is no date" for span in line.spans)


def test_status_line_gives_way_in_order_when_narrow():
    parts = status_parts(response(total=352, all_words=12), 50, sort="date")
    full = "showing 50 of 352 · 12 match all words · 340 match some · newest first · 12 ms"
    assert plain(parts) == full
    # The time goes first, then "newest first", then the breakdown, then an ellipsis.
    assert plain(parts, len(full) - 1) == "showing 50 of 352 · 12 match all words · 340 match some · newest first"
    assert plain(parts, 60) == "showing 50 of 352 · 12 match all words · 340 match some"
    assert plain(parts, 40) == "showing 50 of 352"
    assert plain(parts, 12) == "50/352"  # the count in short, before any ellipsis
    assert plain(parts, 4) == "50/…"
    assert plain(parts, 5) == "50/…"  # not "50/3…": a number is never cut in two
    assert plain(parts, 3) == "50…"
    every = status_parts(response(total=40, shown=40, all_words=12), 40)
    assert plain(every, 30) == "40 results"  # the breakdown gives way to the plain count
    assert plain(status_parts(response(total=9400, exact=False), 50), 30) == "showing 50 of about 9,400"


@pytest.mark.parametrize("width", [0, 1, 2, 5, 17, 18, 24, 38, 60, 200])
def test_status_line_never_wider_than_its_room(width):
    for parts in (
        status_parts(response(total=352, all_words=12, problem="a long note about the query"), 50, sort="date"),
        status_parts(response(query="", total=130), 50),
        status_parts(response(total=9400, exact=False), 50),
    ):
        line = fit_parts(parts, width).plain
        assert cell_len(line) <= width
        # Every number shown is one of the whole line's, never a piece of one.
        assert set(re.findall(r"\d[\d,.]*", line)) <= set(re.findall(r"\d[\d,.]*", fit_parts(parts, None).plain))
        # The count gives way last: whole, in short, or cut with an ellipsis.
        if width == 0:
            assert line == ""
        elif line.endswith("…"):
            kept = line[:-1]
            assert "50/".startswith(kept) or kept.startswith(("showing 50 of", "50/"))
        else:
            assert line.startswith(("showing 50 of", "50/"))


# -- one result's option ---------------------------------------------------------

STYLES = {
    "read": Style(dim=True),
    "unread": Style(bold=True),
    "hit": Style(color="black", bgcolor="yellow"),
    "bookmark": Style(color="red"),
}


def styles_at(text, offset: int) -> list:
    return [span.style for span in text.spans if span.start <= offset < span.end]


@pytest.mark.parametrize("read", [False, True])
def test_title_hits_are_highlighted_on_their_characters(read):
    title = "Harbour [bold]fees[/bold]: the harbour pilots"
    hits = ((0, 7), (31, 38))
    assert [title[a:b] for a, b in hits] == ["Harbour", "harbour"]
    result = SearchResult("news/a", title, None, None, "news", "", 1.0, "", (), title_hits=hits)
    text = result_text(result, STYLES, read=read)
    assert text.plain.split("\n")[0] == title  # markup is data
    for offset in range(len(title)):
        styles = styles_at(text, offset)
        assert STYLES["read" if read else "unread"] in styles  # the title's style throughout
        assert (STYLES["hit"] in styles) == any(a <= offset < b for a, b in hits), (offset, title[offset])
    # The hit comes after (over) the title's style.
    at = styles_at(text, 0)
    assert at.index(STYLES["hit"]) > at.index(STYLES["read" if read else "unread"])


def test_snippet_hits_still_highlighted():
    result = SearchResult("news/a", "Title", None, None, "news", "", 1.0, "a harbour b", ((2, 9),), title_hits=())
    text = result_text(result, STYLES)
    start = text.plain.index("a harbour b")
    assert [STYLES["hit"] in styles_at(text, start + n) for n in range(11)] == [False, False] + [True] * 7 + [False, False]
    assert not any(STYLES["hit"] in styles_at(text, n) for n in range(len("Title")))


@pytest.mark.parametrize("copies, expected", [(1, "2023-09-20 · BAKU · news"), (2, "2023-09-20 · BAKU · news · 2 copies")])
def test_copies_in_the_meta_line(copies, expected):
    result = SearchResult("news/a", "Title", dt.date(2023, 9, 20), "BAKU", "news", "", 1.0, "", (), copies=copies)
    assert result_text(result, STYLES).plain.split("\n")[1] == expected


# -- paging in the app -----------------------------------------------------------


def status_left(app) -> str:
    return str(app.query_one("#status-left").render())


def ids(app) -> list[str]:
    return [r.id for r in app.query_one(ResultsList).results]


def no_page_loading(app) -> bool:
    return not any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in app.workers if w.group == "page")


async def to_results(pilot) -> ResultsList:
    app = pilot.app
    results = app.query_one(ResultsList)
    if app.focused is not results:
        if app.focused is not app.query_one(SearchInput):
            await pilot.press("slash")
        await pilot.press("down")
    assert app.focused is results
    return results


async def wait_listed(pilot, count: int) -> None:
    app = pilot.app
    await wait_for(pilot, lambda: len(ids(app)) == count and no_page_loading(app))


async def search_for(pilot, text: str) -> None:
    """Put ``text`` in the search box at once (not typed) and wait for its results."""
    pilot.app.query_one(SearchInput).value = text
    await wait_results(pilot, text)


async def opened(pilot, expected: str) -> None:
    app = pilot.app
    viewer = app.query_one(ArticleView)
    await wait_for(pilot, lambda: viewer.article is not None and viewer.article.id == expected and viewer.settled)
    assert app.focused is viewer


async def test_paging_through_the_results_by_every_way_to_the_end(tmp_path):
    app = make_app(tmp_path, articles=paged_articles(130))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        main = app.main
        # The whole library, newest first: more than a page too.
        assert len(ids(app)) == 50 and status_left(app) == "showing 50 of 131 articles, newest first"  # and the seed article
        await type_query(pilot, "harbour")
        first_page = ids(app)
        assert len(first_page) == 50 and app.response.total == 130
        assert status_left(app) == "showing 50 of 130"

        # G: the last result; the next page comes below it, the cursor stays.
        results = await to_results(pilot)
        await pilot.press("G")
        await wait_listed(pilot, 100)
        assert ids(app)[:50] == first_page and len(set(ids(app))) == 100
        assert results.highlighted == 49 and app.focused is results
        assert status_left(app) == "showing 100 of 130"
        everything = [r.id for r in app.index.search("harbour", limit=200).results]
        assert ids(app) == everything[:100]
        # Page 2's snippets are filled in like the first page's.
        assert all(r.snippet for r in results.results)

        # On down into page 2; open one and come back: list and highlight kept.
        await pilot.press("j")
        assert results.highlighted == 50
        expected = results.current.id
        await pilot.press("enter")
        await opened(pilot, expected)
        await pilot.press("escape")
        assert app.focused is results and results.highlighted == 50 and len(ids(app)) == 100
        assert results.current.id == expected

        # j, one result at a time, to the last: the last page (30) comes.
        results.highlighted = 95
        await pilot.press("j", "j", "j")
        assert results.highlighted == 98 and len(ids(app)) == 100
        await pilot.press("j")
        await wait_listed(pilot, 130)
        assert results.highlighted == 99 and ids(app) == everything
        assert status_left(app) == "130 results"
        # Nothing more to fetch: down at the last result starts no page.
        await pilot.press("G", "j", "end")
        await pilot.pause()
        assert results.highlighted == 129 and no_page_loading(app) and len(ids(app)) == 130

        # Page down, a screen at a time, until the next page arrives.
        await search_for(pilot, "report")
        assert len(ids(app)) == 50
        results = await to_results(pilot)
        for _ in range(40):
            if len(ids(app)) > 50:
                break
            await pilot.press("pagedown")
        await wait_listed(pilot, 100)
        assert results.highlighted == 49

        # The mouse wheel down to the end of the list, the cursor left at the top.
        await search_for(pilot, "harbour")
        results = await to_results(pilot)
        assert results.highlighted == 0
        for _ in range(100):
            if len(ids(app)) > 50:
                break
            for _ in range(5):
                results.post_message(events.MouseScrollDown(results, 5, 5, 0, 1, 0, False, False, False))
            await pilot.pause()
        assert results.scroll_y > 0
        await wait_listed(pilot, 100)
        assert results.highlighted == 0

        # A new search while a page is on its way: that page is dropped.
        gate, asked = threading.Event(), threading.Event()
        search = app.index.search

        def gated(text, **kwargs):
            if kwargs.get("offset", 0) >= app.config.search.limit:  # a later page (not the rest of the first)
                asked.set()
                assert gate.wait(30), "the test never opened the gate"
            return search(text, **kwargs)

        app.index.search = gated
        try:
            await search_for(pilot, "report")
            await to_results(pilot)
            await pilot.press("G")
            await wait_for(pilot, lambda: asked.is_set())
            await type_query(pilot, "tide")  # answered while the page waits
            gate.set()
            await wait_for(pilot, lambda: no_page_loading(app))
        finally:
            gate.set()
            app.index.search = search
        await pilot.pause()
        assert app.response.query == "tide" and len(ids(app)) == 26
        assert status_left(app) == "26 results"
        # A late page of an older search is dropped, whoever delivers it.
        stale = app.index.search("report", limit=50, offset=50)
        main._append_page(app.response, stale)  # not where the listed results end
        assert len(ids(app)) == 26
        main._append_page(response(total=130), stale)  # another search's
        assert len(ids(app)) == 26

        # And a second article, from the new results.
        results = await to_results(pilot)
        await pilot.press("G")
        expected = results.current.id
        await pilot.press("enter")
        await opened(pilot, expected)
        await pilot.press("q")
    assert app.return_code == 0


async def test_a_page_repeating_listed_results_adds_only_the_new_ones(tmp_path):
    from dataclasses import replace

    from reader.config import Config, SearchConfig

    app = make_app(tmp_path, articles=paged_articles(12), config=Config(search=SearchConfig(limit=5)))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "harbour")
        main = app.main
        first = list(app.response.results)
        assert len(first) == 5 and status_left(app) == "showing 5 of 12"
        # A page that starts where the list ends but repeats two listed results.
        page = app.index.search("harbour", limit=5, offset=5)
        repeated = replace(page, results=(first[0], *page.results[:3], first[4]))
        main._append_page(app.response, repeated)
        assert ids(app) == [r.id for r in first] + [r.id for r in page.results[:3]]
        assert status_left(app) == "showing 8 of 12"
        # The next page starts after the five ranks that page held. Its
        # search fails once: said so, and down at the last result tries again.
        shown = record_notifications(app)
        search = app.index.search

        def fails_once(text, **kwargs):
            app.index.search = search
            raise RuntimeError("the disk hiccuped")

        app.index.search = fails_once
        results = await to_results(pilot)
        await pilot.press("G")
        await wait_for(pilot, lambda: shown and no_page_loading(app))
        assert shown == [("Loading more results failed: RuntimeError: the disk hiccuped", "Loading more results failed", "error")]
        assert len(ids(app)) == 8 and results.highlighted == 7 and status_left(app) == "showing 8 of 12"
        await pilot.press("j")
        await wait_listed(pilot, 10)
        assert ids(app)[8:] == [r.id for r in app.index.search("harbour", limit=5, offset=10).results]
        # The ranks the repeats held are not listed: the count says so.
        assert results.highlighted == 7 and status_left(app) == "showing 10 of 12"


async def test_the_rest_of_the_first_paint_comes_before_the_page_after_it(tmp_path, monkeypatch):
    """The first paint lists what fills the list and appends the rest of its
    results once the screen is refreshed; on a busy machine the worker's
    rest of the page (searched after the typing pause) can come before that
    refresh. The list is then still in rank order, the first answer's
    results first (found by the app fuzzer: the list read b, d, ... for
    results b, c)."""
    from reader.tui.screens.main import MainScreen

    held: list[tuple] = []
    monkeypatch.setattr(MainScreen, "_append_rest", lambda self, response: held.append(response))
    app = make_app(tmp_path, articles=paged_articles(130))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        held.clear()
        app.query_one(SearchInput).value = "harbour"
        await wait_results(pilot, "harbour")
        main = app.main
        await wait_for(pilot, lambda: main._next_offset >= app.config.search.limit)  # the worker's rest of the page is in
        assert held and held[-1] is app.response  # and the first paint's rest was held back until now
        expected = [r.id for r in main.loaded]
        assert ids(app) == expected == [r.id for r in app.index.search("harbour", limit=len(expected)).results]
        # Its refresh comes at last: nothing is listed twice, nothing moves.
        monkeypatch.undo()
        main._append_rest(held[-1])
        assert ids(app) == expected
        # And the next page follows them.
        results = await to_results(pilot)
        await pilot.press("G")
        await wait_listed(pilot, 2 * app.config.search.limit)
        assert ids(app) == [r.id for r in app.index.search("harbour", limit=2 * app.config.search.limit).results]
        assert results.highlighted == len(expected) - 1


async def test_status_line_counts_in_the_app(tmp_path):
    """Responses made by hand (the index does not count all-words matches yet)."""
    from reader.config import Config, SearchConfig

    app = make_app(tmp_path, articles=paged_articles(6), config=Config(search=SearchConfig(limit=3)))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        main = app.main
        main._show_response(response(total=352, shown=3, all_words=12, took=3))
        assert status_left(app) == "showing 3 of 352 · 12 match all words · 340 match some"
        main._show_response(response(total=3, shown=3, all_words=1))
        assert status_left(app) == "1 matches all words · 2 match some"
        main._show_response(response(total=3, shown=3, all_words=3))
        assert status_left(app) == "3 results"
        main._show_response(response(total=9400, shown=3, exact=False))
        assert status_left(app) == "showing 3 of about 9,400"


async def test_narrow_status_line_never_overlaps(tmp_path):
    app = make_app(tmp_path, articles=paged_articles(60))
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "harbour")
        left, right = app.query_one("#status-left", Static), app.query_one("#status-right", Static)
        await pilot.press("enter")
        await opened(pilot, app.response.results[0].id)
        # Reading: the article's position keeps its room; the count gives way.
        assert str(right.render()) == app.query_one(ArticleView).position_text(app.main.position_room())
        assert right.region.width == cell_len(str(right.render())) > 20
        assert left.region.right < right.region.x and left.region.height == 1  # a gap between them
        assert str(left.render()) == "50/60"  # the count in short
        assert cell_len(str(left.render())) <= left.region.width
        # Back to the results: the article is not on screen, nor its position.
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.query_one(ResultsList)
        assert not right.display and right.region.width == 0
        assert str(left.render()) == "showing 50 of 60" and left.region.height == 1


async def test_back_from_the_search_box_while_reading_narrow_shows_the_results(tmp_path):
    """Narrow, reading (the results hidden), ``/`` then ``escape``: the
    results come back on screen with the focus, and page as usual."""
    from reader.config import Config, SearchConfig

    app = make_app(tmp_path, articles=paged_articles(12), config=Config(search=SearchConfig(limit=5)))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "harbour")
        await pilot.press("enter")
        await opened(pilot, app.response.results[0].id)
        results = app.query_one(ResultsList)
        assert not results.display
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert app.focused is results and results.display and results.region.height > 0
        assert not app.query_one(ArticleView).display
        await pilot.press("G")
        await wait_listed(pilot, 10)
        await pilot.press("G", "pagedown", "pageup")
        await wait_listed(pilot, 12)
        assert app._exception is None


async def test_page_keys_on_a_hidden_results_list(tmp_path):
    """Results added while the list is hidden have no lines laid out yet:
    page up and down do nothing there rather than fail."""
    from reader.config import Config, SearchConfig

    app = make_app(tmp_path, articles=paged_articles(12), config=Config(search=SearchConfig(limit=5)))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "harbour")
        results = app.query_one(ResultsList)
        results.display = False
        await pilot.pause()
        results.focus()
        await pilot.pause()
        assert app.focused is results
        await pilot.press("G")
        await wait_listed(pilot, 10)
        await pilot.press("G", "pagedown", "pageup")
        await pilot.pause()
        assert app._exception is None and app.is_running
        await wait_listed(pilot, 12)
        assert results.highlighted == 9


@pytest.mark.parametrize(
    ("count", "short"),
    [
        ("showing 50 of 803", "50/803"),
        ("showing 50 of about 9,400", "50/~9,400"),
        ("showing 50 of 130 articles", "50/130"),
        ("803 results", "803"),
        ("1 article", "1"),
    ],
)
def test_the_count_in_short(count, short):
    from reader.tui.widgets.status import compact_count

    assert compact_count(count) == short


async def test_a_small_screen_loads_no_page_until_the_end_is_reached(tmp_path):
    """At 40x12 the first paint lists one result, the cursor on it: the
    list's end, for a moment. By the time that is handled the rest of the
    first page is listed: no later page is fetched until the cursor (or the
    scroll) really reaches the end."""
    app = make_app(tmp_path, articles=paged_articles(130))
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "harbour")
        await wait_for(pilot, lambda: len(ids(app)) == 50 and no_page_loading(app))
        await pilot.pause()
        assert len(ids(app)) == 50 and status_left(app).startswith("showing 50 of 130")
        results = await to_results(pilot)
        await pilot.press("G")
        await wait_listed(pilot, 100)
        assert results.highlighted == 49


async def test_an_end_reached_that_is_no_longer_true_fetches_nothing(tmp_path):
    """The list's end is asked again when its message is handled: results
    appended since moved it (the cursor on the only result listed, told as
    the end, then the rest of the page listed below it)."""
    app = make_app(tmp_path, articles=paged_articles(130))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await search_for(pilot, "harbour")
        await wait_listed(pilot, 50)
        results = app.query_one(ResultsList)
        results.highlighted = 0
        results.scroll_to(y=0, animate=False)
        await pilot.pause()
        results.post_message(ResultsList.EndReached())  # told before the rest was listed
        await pilot.pause()
        await pilot.pause()
        assert no_page_loading(app) and len(ids(app)) == 50
        # The end itself still fetches the next page.
        results.highlighted = 49
        await wait_listed(pilot, 100)


async def test_equal_scores_keep_their_order_by_id_through_pages_and_a_rebuild(tmp_path):
    """Seventy notices that score alike for "ferry", half of them added by a
    later update (and first by id): the list is in id order, page 2 goes on
    from page 1, and after a rebuild from the palette the same query lists
    them in the same order. A story in two copies, one with other capitals,
    is one result, "2 copies", the first by id, before and after."""
    from tests.helpers import write_library

    calls = [f"berth{number:02d}" for number in range(70)]
    notices = {f"n{number:02d}.txt": f"Harbour notice\n\nThe ferry leaves {call} at dawn.\n" for number, call in enumerate(calls)}
    names = sorted(notices)
    story = "Lighthouse keeper retires\n\nThe keeper of the lighthouse retired after forty years.\n"
    app = make_app(tmp_path, articles={**{name: notices[name] for name in names[35:]}, "z_keeper.txt": story})
    # The app's update adds these.
    write_library(tmp_path, {**{name: notices[name] for name in names[:35]}, "k_keeper.txt": story.title()})
    expected = [f"news/{name.removesuffix('.txt')}" for name in names]

    async def one_story() -> None:
        await type_query(pilot, "lighthouse keeper")
        assert ids(app) == ["news/k_keeper"] and app.response.total == 1
        assert "2 copies" in app.query_one(ResultsList).get_option_at_index(0).prompt.body.plain

    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await wait_for(pilot, lambda: app.index.doc_count() == 73)
        await one_story()
        await type_query(pilot, "ferry")
        assert ids(app) == expected[:50] and status_left(app) == "showing 50 of 70"
        results = await to_results(pilot)
        await pilot.press("G")
        await wait_listed(pilot, 70)
        assert ids(app) == expected and results.highlighted == 49
        await pilot.press("G", "k")
        await pilot.press("enter")
        await opened(pilot, expected[68])
        await pilot.press("escape")
        assert app.focused is results and results.current.id == expected[68]

        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CommandPalette")
        for char in "Rebuild index":
            await pilot.press(char if char != " " else "space")
        await wait_for(pilot, lambda: "Rebuild index" in str(app.screen.query_one("CommandList").get_option_at_index(0).prompt))
        rebuilt = app.index
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.index is not rebuilt and not any(w.is_running for w in app.workers), timeout=30)
        await type_query(pilot, "harbour dawn")
        await type_query(pilot, "ferry")
        assert ids(app) == expected[:50]
        await to_results(pilot)
        await pilot.press("G")
        await wait_listed(pilot, 70)
        assert ids(app) == expected
        await pilot.press("G", "enter")
        await opened(pilot, expected[69])
        await pilot.press("slash")
        await one_story()
        await pilot.press("enter")
        await opened(pilot, "news/k_keeper")
        await pilot.press("q")
    assert app.return_code == 0


async def test_a_narrow_reading_position_gives_way_part_by_part(tmp_path):
    """Reading at 40 columns, the position at the right of the status line
    fits its room: the counts of marks give way before the mark read and
    the share read (once a word was cut there: "27 fig"); at full width
    they come back."""
    from tests.tui.test_journeys import journey_articles

    app = make_app(tmp_path, articles=journey_articles(6))
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "budget")
        await pilot.press("enter")
        await opened(pilot, app.response.results[0].id)
        viewer = app.query_one(ArticleView)
        await wait_for(pilot, lambda: viewer.annotated)
        right = app.query_one("#status-right", Static)
        await pilot.press("n")
        await pilot.pause()
        full = viewer.position_text()
        assert cell_len(full) > app.main.position_room()  # too long for the room: something gives way
        shown = str(right.render())
        assert re.fullmatch(r"hit 1/\d+ · \d+%", shown), shown
        assert right.region.right <= app.query_one("#status").region.right - 1
        await pilot.press("]")  # a quote: who said it gives way before the share read
        await pilot.pause()
        shown = str(right.render())
        assert shown.startswith("quote 1/") and shown.endswith("%") and cell_len(shown) <= app.main.position_room()
        await pilot.resize_terminal(120, 40)
        await wait_for(pilot, lambda: str(right.render()) == viewer.position_text())
        assert "hits" in str(right.render()) and "figures" in str(right.render())
        await pilot.resize_terminal(40, 12)
        await wait_for(pilot, lambda: cell_len(str(right.render())) <= app.main.position_room())
        await pilot.press("q")
    assert app.return_code == 0


@pytest.mark.parametrize("room", [1, 3, 6, 9, 12, 16, 20, 25, 30, 40, 60])
def test_the_position_text_never_passes_its_room(room):
    """Whatever the room, the position fits it, and what it keeps is, in
    order: the mark read, the share read, who said the quote, the counts."""
    from types import SimpleNamespace

    from reader.tui.widgets.article import ArticleView

    quote = SimpleNamespace(speaker="Anna Berg-Lindqvist")
    viewer = SimpleNamespace(
        article=object(),
        current=("quote", 2),
        marks={"hit": [None] * 10, "quote": [quote] * 3, "figure": [None] * 27},
        annotated=True,
        scroll_y=34,
        max_scroll_y=100,
    )
    shown = ArticleView.position_text(viewer, room)
    full = ArticleView.position_text(viewer)
    assert full == "quote 3/3 — Anna Berg-Lindqvist · 10 hits, 3 quotes, 27 figures · 34%"
    assert cell_len(shown) <= room
    if room >= len("quote 3/3 — Anna Berg-Lindqvist · 34%"):
        assert shown.startswith("quote 3/3 — Anna Berg-Lindqvist") and shown.endswith(" · 34%")
    elif room >= len("quote 3/3 · 34%"):
        assert shown == "quote 3/3 · 34%" or shown.endswith(" · 34%") and "…" in shown
    if "/" in shown:
        assert re.search(r"\b3/3\b", shown) or shown.endswith("…")  # a number never cut in two
