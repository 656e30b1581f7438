"""Typing a query: when a search starts, what the first paint holds, and
what stays still on screen while the keys come.

A search starts at once for a key typed once the last answer is on screen,
and waits DEBOUNCE_S for the next key when the keys come faster than the
answers. The first paint of a response holds the results that fill the list;
the rest follow in order. A "Did you mean" line already shown stays (blank)
until the new query's suggestion is known, so the screen below it does not
jump at each keystroke.
"""

from __future__ import annotations

import datetime as dt

import pytest
from rich.style import Style as RichStyle
from textual.style import Style
from textual.visual import RenderOptions

from reader.index.search import SearchResult
from reader.tui.app import ResultsList, SearchInput
from reader.tui.screens.main import PAINT_FIRST, RESULT_LINES, MainScreen
from reader.tui.screens.searches import SaveSearchDialog
from reader.tui.widgets.results import GUTTER, result_prompt
from tests.helpers import paged_articles
from tests.tui_helpers import make_app, type_query, wait_for, wait_results


@pytest.fixture
def settles(monkeypatch) -> list[float]:
    """The ``settle_until`` of every search the main screen starts."""
    asked: list[float] = []
    run = MainScreen._run_search

    def recording(self, text, settle_until=0.0, screenful=None):
        asked.append(settle_until)
        return run(self, text, settle_until, screenful)

    monkeypatch.setattr(MainScreen, "_run_search", recording)
    return asked


async def test_a_key_after_the_answer_searches_at_once_and_a_burst_settles(tmp_path, settles):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        settles.clear()
        await type_query(pilot, "c")  # the last answer is on screen: no wait
        assert settles == [0.0]
        main, box = app.main, app.query_one(SearchInput)
        # A burst: the second key comes before the first one's answer.
        main.run_search("ch")
        main.run_search("che")
        box.value = "che"
        await wait_results(pilot, "che")
        assert settles[1] == 0.0 and settles[2] > 0.0
        assert [r.id for r in app.query_one(ResultsList).results] == [r.id for r in app.index.search("che").results]


async def test_the_first_paint_fills_the_list_and_the_rest_follows_in_order(tmp_path, monkeypatch):
    painted: list[tuple[int, int, int, int]] = []  # (results listed, in the response, lines, list height)
    show = MainScreen._show_response

    def recording(self, response, *args, **kwargs):
        show(self, response, *args, **kwargs)
        results = self.query_one(ResultsList)
        region = results.scrollable_content_region
        lines = sum(results._get_visual(option).get_height(results.styles, region.width) for option in results.options)
        painted.append((len(results.results), len(response.results), lines, region.height))

    monkeypatch.setattr(MainScreen, "_show_response", recording)
    app = make_app(tmp_path, articles=paged_articles(130))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")  # every article: the list is on screen
        painted.clear()
        app.query_one(SearchInput).value = "harbour"
        await wait_results(pilot, "harbour")
        listed, answered, lines, height = painted[-1]
        # The search asked for what can be painted at once (a screenful if
        # every result took its fewest lines), not the page...
        assert answered == -(-height // RESULT_LINES) < PAINT_FIRST
        assert listed < answered  # ...and painted a screenful
        assert lines >= height  # that fills the list
        results = app.query_one(ResultsList)
        await wait_for(pilot, lambda: len(results.results) == 50)
        # The rest of the page followed, in the order of a search for the whole page.
        page = [r.id for r in app.index.search("harbour", limit=50).results]
        assert [r.id for r in results.results] == [r.id for r in app.main.loaded] == page
        assert all(r.snippet for r in results.results)  # the later ones got theirs too
        assert [o.id for o in results.options] == [r.id for r in results.results]


async def test_after_the_no_results_panel_the_first_paint_is_a_screenful_too(tmp_path, monkeypatch):
    """The panel stands in the list's place, hidden and with no size of its
    own: the next answer is measured against the place it had (before, all
    of PAINT_FIRST were added and measured, the slowest paints of all)."""
    listed: list[int] = []
    show = MainScreen._show_response

    def recording(self, response, *args, **kwargs):
        show(self, response, *args, **kwargs)
        listed.append(len(self.query_one(ResultsList).results))

    monkeypatch.setattr(MainScreen, "_show_response", recording)
    app = make_app(tmp_path, articles=paged_articles(130))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        box = app.query_one(SearchInput)
        box.value = "qqqzzzx"
        await wait_results(pilot, "qqqzzzx")
        assert app.main.showing_no_results()
        listed.clear()
        box.value = "harbour"
        await wait_results(pilot, "harbour")
        assert not app.main.showing_no_results()
        assert 0 < listed[0] < 20
        results = app.query_one(ResultsList)
        await wait_for(pilot, lambda: len(results.results) == 50)
        assert [r.id for r in results.results] == [r.id for r in app.index.search("harbour", limit=50).results]


async def test_the_did_you_mean_line_stays_still_while_typing(tmp_path, monkeypatch):
    seen: list[tuple[bool, str]] = []  # the line as each response is painted
    show = MainScreen._show_response

    def recording(self, response, *args, **kwargs):
        show(self, response, *args, **kwargs)
        line = self.query_one("#suggestion")
        seen.append((line.has_class("-visible"), str(line.render())))

    monkeypatch.setattr(MainScreen, "_show_response", recording)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "karabakk")
        line = app.query_one("#suggestion")
        assert line.has_class("-visible") and "karabakh" in str(line.render())
        seen.clear()
        app.query_one(SearchInput).value = "chelsea"
        await wait_results(pilot, "chelsea")
        # Painted with the line still there, blank; gone once the search
        # knows it has nothing to suggest.
        assert seen == [(True, "")]
        assert app.main.suggestion is None and not line.has_class("-visible")


RESULT = SearchResult(
    "news/a",
    "Armenian fighters in the breakaway region of Nagorno Karabakh have started to lay down",
    dt.date(2023, 9, 23),
    "KORNIDZOR, Armenia",
    "news",
    "",
    1.0,
    "Thousands of refugees crossed into Armenia from Nagorno Karabakh as the exodus continued.",
    ((0, 9),),
    title_hits=((0, 8),),
)


@pytest.mark.parametrize("bookmarked", [False, True])
@pytest.mark.parametrize("width", [12, 30, 46, 117])
async def test_a_result_prompt_keeps_its_marker_in_a_gutter(tmp_path, width, bookmarked):
    from reader.tui.styles import reader_styles

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)):
        results = app.query_one(ResultsList)
        prompt = result_prompt(RESULT, reader_styles(app), bookmarked=bookmarked)
        strips = prompt.render_strips(width, None, Style(), RenderOptions(results._get_style, results.styles))
        lines = [strip.text for strip in strips]
        assert len(lines) == prompt.get_height(results.styles, width)
        assert all(strip.cell_length == width for strip in strips)
        assert lines[0][:GUTTER] == ("★ " if bookmarked else "  ")
        assert all(line[:GUTTER] == "  " for line in lines[1:])
        # The text, wrapped to the rest of the width, reads as it was written.
        text = " ".join(" ".join(line[GUTTER:].split()) for line in lines).split()
        assert " ".join(text).startswith("Armenian fighters in the breakaway region")
        assert "2023-09-23 · KORNIDZOR, Armenia · news" in " ".join(line[GUTTER:].strip() for line in lines)
        assert lines[-1].strip() == ""  # the blank line between results


async def test_a_result_drawn_again_comes_from_the_cache_unless_what_it_shows_changed(tmp_path):
    from dataclasses import replace

    from reader.tui.styles import reader_styles

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)):
        results = app.query_one(ResultsList)
        options = RenderOptions(results._get_style, results.styles)
        styles = reader_styles(app)

        def drawn(result, style=None, **kwargs):
            return result_prompt(result, styles, **kwargs).render_strips(60, None, style or Style(), options)

        first = drawn(RESULT)
        again = drawn(replace(RESULT))  # another keystroke's answer, the same result
        assert [a is b for a, b in zip(first, again)] == [True] * len(first)
        for changed in (
            drawn(RESULT, bookmarked=True),
            drawn(RESULT, read=True),
            drawn(replace(RESULT, title_hits=((9, 17),))),
            drawn(replace(RESULT, snippet="Another snippet.")),
            drawn(RESULT, style=Style(bold=True)),  # the highlighted option
        ):
            assert not any(a is b for a, b in zip(first, changed))
        themed = dict(styles)
        themed["hit"] = themed["hit"] + RichStyle(color="red")
        assert result_prompt(RESULT, themed).key != result_prompt(RESULT, styles).key  # another theme


async def test_the_search_is_asked_as_the_box_changes(tmp_path, settles):
    """Not once the box's Changed message reaches the screen: the app draws
    a frame in between, which every keystroke would wait for."""
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        settles.clear()
        app.query_one(SearchInput).value = "chelsea"
        assert len(settles) == 1  # before the app ran anything else
        await wait_results(pilot, "chelsea")
        assert len(settles) == 1  # and once


async def test_an_answer_is_painted_without_waiting_for_the_update_timer(tmp_path, monkeypatch):
    """Textual's update timer sets its next tick one to two periods after a
    frame that follows a pause (the echo of a key), so the answer handed
    over just after it waited up to 33 ms. With the period an hour long, the
    answer is on screen only if it is painted as soon as the screen is idle
    (the app is let run with plain sleeps: ``pilot.pause`` paints a frame
    itself)."""
    import asyncio

    import textual.screen

    monkeypatch.setattr(textual.screen, "UPDATE_PERIOD", 3600.0)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        events: list[str] = []
        display, show = app._display, app.main._show_response

        def recording_display(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is not None:
                events.append("frame")

        def recording_show(response, *args, **kwargs) -> None:
            show(response, *args, **kwargs)
            events.append(f"answer {response.query}")

        monkeypatch.setattr(app, "_display", recording_display)
        monkeypatch.setattr(app.main, "_show_response", recording_show)
        app.query_one(SearchInput).value = "chelsea"
        for _ in range(2000):  # 20 s at most; with the fix, a few sleeps
            if "answer chelsea" in events and "frame" in events[events.index("answer chelsea") :]:
                break
            await asyncio.sleep(0.01)
        assert "answer chelsea" in events
        assert "frame" in events[events.index("answer chelsea") :], events
        lines = app.export_screenshot()
        assert "Chelsea" in lines or "chelsea" in lines.lower()


@pytest.fixture
def collector_back_on():
    """Whatever a test does, the collector is on after it."""
    import gc

    assert gc.isenabled()
    yield
    gc.enable()


async def test_the_collector_waits_from_a_key_to_its_painted_answer(tmp_path, collector_back_on):
    import gc

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        assert gc.isenabled()
        app.query_one(SearchInput).value = "chelsea"
        assert not gc.isenabled()  # held as the search is asked
        await wait_results(pilot, "chelsea")
        await wait_for(pilot, lambda: gc.isenabled())  # the answer painted: back on
        assert app.main._collector.held is False
        # Two more keys, then opening an article: nothing leaves it held.
        await type_query(pilot, "chelsea ar")
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: app.main.current_result is not None)
        assert gc.isenabled()
    assert gc.isenabled()


async def test_the_collector_comes_back_when_a_search_never_answers(tmp_path, monkeypatch, collector_back_on):
    import gc

    from reader.tui import frames

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        monkeypatch.setattr(frames, "HOLD_MAX_S", 0.05)
        main = app.main
        monkeypatch.setattr(main, "_run_search", lambda text, settle_until=0.0, screenful=None: None)  # asked, never answered
        main.run_search("chelsea")
        assert not gc.isenabled()
        await wait_for(pilot, lambda: gc.isenabled())


def test_a_hold_leaves_the_collector_off_when_it_was_off(collector_back_on):
    import gc

    from reader.tui.frames import CollectorHold

    class Owner:
        def set_timer(self, *args, **kwargs):
            return None

    hold = CollectorHold()
    gc.disable()  # a scroll animation holds it (Textual's PAUSE_GC_ON_SCROLL)
    hold.hold(Owner())
    hold.release()
    assert not gc.isenabled() and not hold.held
    gc.enable()
    hold.hold(Owner())
    hold.hold(Owner())  # once held, held
    assert not gc.isenabled() and hold.held
    hold.release()
    assert gc.isenabled() and not hold.held


async def test_a_key_repaints_the_search_box_without_laying_out_the_screen(tmp_path, monkeypatch):
    """The echo of a key: the box is repainted, the screen is not laid out
    again (Input's virtual size, set at every change, would ask for it), and
    a query longer than the box still scrolls to keep the cursor in view."""
    from textual._compositor import Compositor

    asked: list[str] = []
    layouts: list[int] = []
    reflow = Compositor.reflow

    def counting(self, *args, **kwargs):
        layouts.append(1)
        return reflow(self, *args, **kwargs)

    app = make_app(tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_results(pilot, "")
        box = app.query_one(SearchInput)
        assert app.focused is box
        monkeypatch.setattr(MainScreen, "run_search", lambda self, text: asked.append(text))  # no answer to lay out
        monkeypatch.setattr(Compositor, "reflow", counting)
        typed = "interest rates rise in the euro zone"  # wider than the box
        for char in typed:
            await pilot.press(char if char != " " else "space")
        await pilot.pause()
        assert box.value == typed and asked[-1] == typed
        assert layouts == []
        # The box shows the end of the query with the cursor after it.
        shown = "".join(box.render_line(y).text for y in range(box.size.height))
        assert "euro zone" in shown and "interest" not in shown
        assert box.scroll_x > 0 and box.virtual_size.width == len(typed) + 1
        # Home: back to the start of the query.
        await pilot.press("home")
        await pilot.pause()
        assert box.scroll_x == 0 and "interest" in "".join(box.render_line(y).text for y in range(box.size.height))


async def test_an_answer_repaints_the_results_without_laying_out_the_screen(tmp_path, monkeypatch):
    """Each answer changes the list's lines (a screenful, then the rest of
    the page): the list is repainted and its scroll bar set, but it does not
    lay the screen out again (OptionList's virtual size would ask for it at
    every answer). The list still scrolls to its last result."""
    asked: list[bool] = []  # each refresh of the list: whether it asked for a layout
    refresh = ResultsList.refresh

    def recording(self, *regions, **kwargs):
        asked.append(bool(kwargs.get("layout")))
        return refresh(self, *regions, **kwargs)

    app = make_app(tmp_path, articles=paged_articles(130))
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_results(pilot, "")
        results = app.query_one(ResultsList)
        assert results.show_vertical_scrollbar  # the whole library overflows the list
        monkeypatch.setattr(ResultsList, "refresh", recording)
        app.query_one(SearchInput).value = "harbour"
        await wait_results(pilot, "harbour")
        await wait_for(pilot, lambda: len(results.results) == 50)  # a screenful, then the rest of the page
        assert len(asked) >= 2 and not any(asked)  # repainted at each answer, never laid out
        assert [r.id for r in results.results] == [r.id for r in app.index.search("harbour", limit=50).results]
        # The scroll bar follows the new lines: the end of the list is its last result.
        assert results.vertical_scrollbar.window_virtual_size == results.virtual_size.height
        results.focus()
        await pilot.press("end")
        await wait_for(pilot, lambda: len(results.results) == 100)  # the end of the page asked for the next
        assert results.highlighted == 49
        assert 0 < results.scroll_y < results.max_scroll_y  # scrolled to the 50th, the next page below it
        shown = "".join(results.render_line(y).text for y in range(results.size.height))
        assert results.results[49].title[:20] in shown


async def test_a_small_screen_asks_for_its_own_screenful_and_gets_the_page_after(tmp_path, monkeypatch):
    """At 40x12 a keystroke's search asks for the few results its list can
    show; the page (with every snippet) follows, and reading narrow (the
    list hidden behind the article) a new query asks for the same."""
    asked: list[int | None] = []
    search = None

    app = make_app(tmp_path, articles=paged_articles(130))
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_results(pilot, "")
        search = app.index.search

        def recording(text, **kwargs):
            if kwargs.get("offset", 0) == 0 and kwargs.get("suggest") is False:
                asked.append(kwargs.get("limit"))
            return search(text, **kwargs)

        app.index.search = recording
        results = app.query_one(ResultsList)
        height = results.scrollable_content_region.height
        await type_query(pilot, "harbour")
        assert asked[-1] == -(-height // RESULT_LINES) <= 3
        await wait_for(pilot, lambda: len(results.results) == 50)
        assert all(r.snippet for r in results.results)
        assert [r.id for r in results.results] == [r.id for r in search("harbour", limit=50).results]
        await pilot.press("slash", "down", "enter")  # read the first: the list is hidden
        await wait_for(pilot, lambda: app.query_one("#article").display and not results.display)
        await pilot.press("slash")
        await type_query(pilot, "report")
        assert asked[-1] == -(-height // RESULT_LINES)
        await wait_for(pilot, lambda: len(results.results) == 50 and all(r.snippet for r in results.results))
        await pilot.press("escape", "enter")
        await wait_for(pilot, lambda: app.query_one("#article").display)
        await pilot.press("q")
    assert app.return_code == 0


async def test_a_word_being_typed_lists_the_articles_with_words_it_starts(tmp_path):
    """Typing "karabakh" key by key: "kara" finds nothing as a word, so its
    articles are those with a word that starts with it (noted in the
    status), and the list never gives way to the no-results panel; saved,
    the search keeps the prefix. One of them opens; back in the box, the word finished is searched as typed,
    then a second word follows; at 40x12 too."""
    from tests.tui.test_journeys import check_viewer, result_ids

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        main, box, results = app.main, app.query_one(SearchInput), app.query_one(ResultsList)
        assert app.focused is box
        for char in "kar":
            await pilot.press(char)
        await wait_results(pilot, "kar")  # three letters: searched as typed (a prefix that short expands to too much)
        assert main.showing_no_results()
        await pilot.press("a")
        await wait_results(pilot, "kara*")
        assert box.value == "kara"
        expected = [r.id for r in app.index.search("kara*").results]
        assert {"news/alpha", "news/beta"} <= set(expected)  # and the seed article, from Karabakh too
        assert result_ids(app) == expected and not main.showing_no_results()
        status = str(app.query_one("#status-left").render())
        assert "searched kara*: kara alone finds nothing" in status
        # The results' titles and snippets show the words it starts.
        assert any(r.snippet_hits or r.title_hits for r in results.results)
        # Saved, the search keeps what listed them (the command line runs it too).
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SaveSearchDialog))
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, SaveSearchDialog))
        assert [(s.name, s.query) for s in app.saved_searches.all()] == [("kara*", "kara*")]
        assert app.focused is box

        await pilot.press("down", "enter")
        await check_viewer(pilot, expected[0])

        assert app.focused is not box
        await pilot.press("slash", "end", "b")
        await wait_results(pilot, "karab*")
        assert result_ids(app) == [r.id for r in app.index.search("karab*").results]
        for char in "akh":
            await pilot.press(char)
        await wait_results(pilot, "karabakh")  # a word of the index: as typed, no note
        assert "searched" not in str(app.query_one("#status-left").render())
        for char in " refu":
            await pilot.press(char if char != " " else "space")
        # "refu" finds nothing alone but the query finds karabakh's articles: as typed.
        await wait_results(pilot, "karabakh refu")
        assert result_ids(app) == [r.id for r in app.index.search("karabakh refu").results]

        await pilot.resize_terminal(40, 12)
        await pilot.press("ctrl+a", "ctrl+k")
        for char in "chels":
            await pilot.press(char)
        await wait_results(pilot, "chels*")
        assert result_ids(app) == ["news/gamma"]
        assert not main.showing_no_results()
        await pilot.press("enter")
        await check_viewer(pilot, "news/gamma")
        assert app.is_running
