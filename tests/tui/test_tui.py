"""Pilot tests: drive the real app with real keys."""

from __future__ import annotations

import threading

import pytest

from reader.tui.app import ArticleView, ResultsList, SearchInput
from reader.tui.widgets.outline import Outline
from tests.tui_helpers import make_app, type_query, wait_for, wait_results


async def test_empty_query_lists_library_newest_first(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        results = app.query_one(ResultsList).results
        assert len(results) == 7
        assert results[0].id == "news/beta"  # 2023-09-25, the newest
        assert isinstance(app.focused, SearchInput)


async def test_search_open_navigate_and_back(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "karabakh")
        ids = [r.id for r in app.query_one(ResultsList).results]
        assert set(ids) == {"news/alpha", "news/beta", "seeds/000_51a9c244470b2f12"}
        # Put the seed article first by moving down to it, then open with enter.
        results = app.query_one(ResultsList)
        await pilot.press("down")
        assert app.focused is results
        while results.current.id != "seeds/000_51a9c244470b2f12":
            await pilot.press("j")
        await pilot.press("enter")
        viewer = app.query_one(ArticleView)
        assert app.focused is viewer
        assert viewer.article.id == "seeds/000_51a9c244470b2f12"
        assert len(viewer.marks["hit"]) >= 10
        await pilot.press("n")
        assert viewer.current == ("hit", 0)
        await pilot.press("n", "n", "N")
        assert viewer.current == ("hit", 1)
        await pilot.press("right_square_bracket")
        assert viewer.current[0] == "quote"
        quote = viewer.marks["quote"][viewer.current[1]]
        assert viewer.article.body[quote.start : quote.end] == quote.text
        await pilot.press("right_curly_bracket")
        assert viewer.current[0] == "figure"
        first_figure = viewer.current[1]
        await pilot.press("right_curly_bracket", "left_curly_bracket")
        assert viewer.current == ("figure", first_figure)
        await pilot.press("G")
        await pilot.pause()
        assert viewer.scroll_y == viewer.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert viewer.scroll_y == 0
        await pilot.press("escape")
        assert app.focused is results
        await pilot.press("escape")
        assert isinstance(app.focused, SearchInput)


async def test_enter_in_search_box_opens_top_result(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "inflation")
        await pilot.press("enter")
        viewer = app.query_one(ArticleView)
        assert viewer.article.id == "news/delta"
        assert app.focused is viewer
        hits = [viewer.article.body[m.start : m.end] for m in viewer.marks["hit"]]
        assert hits == ["inflation"]


async def test_jumping_scrolls_the_mark_into_view(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "kusapat")
        await pilot.press("enter")
        viewer = app.query_one(ArticleView)
        assert viewer.scroll_y == 0
        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        assert viewer.scroll_y > 0  # the only hit is in the last paragraph
        assert "hit 1/1" in str(app.query_one("#status-right").render())


async def test_slash_reaches_search_from_anywhere_and_q_types_in_it(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("enter")  # open the top result
        assert isinstance(app.focused, ArticleView)
        await pilot.press("slash")
        search = app.query_one(SearchInput)
        assert app.focused is search
        await pilot.press("q")
        assert search.value == "q" and app.is_running


async def test_q_quits_outside_the_search_box(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("escape")  # leave the search box
        assert isinstance(app.focused, ResultsList)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_no_results_offers_suggestion_and_tab_accepts_it(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "karabakk")
        assert app.response.total == 0
        assert app.screen.showing_no_results()
        assert app.query_one("#empty").display and not app.query_one(ResultsList).display  # the panel in the list's place
        assert "Did you mean" in str(app.query_one("#empty").render())
        assert app.main.suggestion == "karabakh"
        await pilot.press("tab")
        await wait_results(pilot, "karabakh")
        assert app.query_one(SearchInput).value == "karabakh"
        assert app.response.total == 3
        assert not app.screen.showing_no_results()
        assert app.query_one(ResultsList).display and not app.query_one("#empty").display


async def test_query_problem_is_shown_inline(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "date:nope chelsea")
        assert "date:2023-09" in str(app.query_one("#status-left").render())
        assert [r.id for r in app.query_one(ResultsList).results] == ["news/gamma"]
        # A quote left open: the words after it are read as words (a date
        # included, once called no date), with a note; closed, no note.
        await type_query(pilot, '"chelsea arsenal date:2023')
        said = str(app.query_one("#empty").render())
        assert 'a " without its closing one was left out' in said and "not a date" not in said
        assert [r.id for r in app.query_one(ResultsList).results] == []  # gamma has no date
        await type_query(pilot, '"chelsea arsenal')
        assert [r.id for r in app.query_one(ResultsList).results][:1] == ["news/gamma"]
        assert 'a " without its closing one was left out' in str(app.query_one("#status-left").render())
        await type_query(pilot, '"chelsea beat arsenal"')
        assert "without its closing" not in str(app.query_one("#status-left").render())
        assert [r.id for r in app.query_one(ResultsList).results] == ["news/gamma"]
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.query_one(ArticleView).article is not None)
        assert app.query_one(ArticleView).article.id == "news/gamma"


async def test_builds_missing_index_in_background(tmp_path):
    app = make_app(tmp_path, index=False)
    seen_progress = []
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(
            pilot, lambda: seen_progress.append(app.query_one("#status").has_class("-indexing")) or app.response is not None
        )
        await wait_results(pilot, "")
        assert len(app.query_one(ResultsList).results) == 7
        assert not app.query_one("#status").has_class("-indexing")
    assert app.library.store.status() == "ok"


async def test_markup_and_escapes_are_shown_literally(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "injection")
        await pilot.press("enter")
        viewer = app.query_one(ArticleView)
        title = str(viewer.query_one("#article-title").render())
        assert title == "Markup [bold]injection[/bold] test"
        body = "\n".join(str(block.render()) for block in viewer.query(".chunk"))
        assert "[red]fake markup[/red]" in body and "[link=http://example.com]click[/link]" in body
        assert "\x1b" not in body and "escape sequence" in body
        prompt = app.query_one(ResultsList).results[0]
        assert prompt.title == "Markup [bold]injection[/bold] test"


async def test_outline_lists_quotes_and_selecting_jumps(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "kornidzor")
        await pilot.press("enter")
        await pilot.press("o")
        outline = app.query_one(Outline)
        assert app.screen.has_class("-outline") and app.focused is outline
        assert any(key.startswith("quote-") for key in outline.targets)
        assert any(key.startswith("figure-") for key in outline.targets)
        await pilot.press("down", "enter")
        viewer = app.query_one(ArticleView)
        assert viewer.current is not None
        kind, index = viewer.current
        assert outline.targets[outline.highlighted_option.id] == (kind, index)
        await pilot.press("escape")
        assert not app.screen.has_class("-outline")


async def test_toggling_highlights(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("enter")
        viewer = app.query_one(ArticleView)
        assert viewer.enabled == {"hit", "quote", "figure"}
        await pilot.press("1")
        assert "quote" not in viewer.enabled
        await pilot.press("2", "3")
        assert viewer.enabled == frozenset()
        await pilot.press("1")
        assert viewer.enabled == {"quote"}


async def test_narrow_terminal_switches_between_results_and_article(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_results(pilot, "")
        assert app.screen.has_class("-narrow")
        viewer = app.query_one(ArticleView)
        assert not viewer.display or viewer.region.width == 0
        await pilot.press("enter")
        await pilot.pause()
        assert viewer.region.width > 0
        assert app.query_one(ResultsList).region.width == 0
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one(ResultsList).region.width > 0


@pytest.mark.parametrize("size", [(40, 12), (20, 6)])
async def test_tiny_terminal_still_draws(tmp_path, size):
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await wait_results(pilot, "")
        await pilot.press("enter")
        await pilot.press("n", "o", "question_mark")
        await pilot.pause()
        assert app.is_running


async def test_help_lists_every_binding(tmp_path):
    from reader.tui.screens.help import HelpScreen, binding_rows

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        ids = {row[3] for row in binding_rows(app)}
        assert {"app.focus_search", "article.next_hit", "article.next_quote", "article.next_figure", "results.down"} <= ids
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_has_reader_actions(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        from reader.tui.commands import reader_commands

        titles = {command.title for command in reader_commands(app, app.screen)}
        titles |= {command.title for command in app.get_system_commands(app.screen)}
        assert {"Search", "Toggle outline", "Next quote", "Re-index library", "Help", "Quit", "Export bookmarks"} <= titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        from textual.command import CommandPalette

        assert isinstance(app.screen, CommandPalette)


async def test_clicking_a_result_opens_it(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.click(ResultsList, offset=(5, 1))
        await pilot.pause()
        assert app.query_one(ArticleView).article is not None


async def test_every_jump_in_a_long_article_lands_on_screen(tmp_path):
    from rich.text import Text

    para = "Filler words about the weather and the markets and the sport results of the week. " * 3
    paragraphs = [para + ("Karabakh appears here." if i % 7 == 3 else "") for i in range(120)]
    app = make_app(tmp_path, articles={"long.txt": "Long read\n\n" + "\n\n".join(paragraphs) + "\n"})
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "karabakh weather")
        await pilot.press("enter")
        viewer = app.query_one(ArticleView)
        assert viewer.article.id == "news/long"
        assert len(viewer._chunks) > 1  # several chunks: offsets inside later chunks are exercised
        hits = viewer.marks["hit"]
        for index in sorted({*range(0, len(hits), max(1, len(hits) // 12)), len(hits) - 1}):
            viewer.jump("hit", index)
            await pilot.pause()
            await pilot.pause()
            mark = hits[viewer.current[1]]
            n = viewer._chunk_of(mark.start)
            chunk, widget = viewer._chunks[n], viewer._chunk_widgets[n]
            prefix = Text(viewer.article.body[chunk.start : mark.start] + "x")
            line = widget.virtual_region.y + len(prefix.wrap(app.console, widget.content_size.width)) - 1
            assert viewer.scroll_y <= line < viewer.scroll_y + viewer.scrollable_content_region.height
            assert viewer.article.body[mark.start : mark.end] in {"Karabakh", "weather"}


async def test_f1_opens_help_even_from_the_search_box(tmp_path):
    from reader.tui.screens.help import HelpScreen

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        assert isinstance(app.focused, SearchInput)
        await pilot.press("question_mark")
        assert app.query_one(SearchInput).value == "?" and not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_status_line_marks_an_estimated_total(tmp_path):
    from dataclasses import replace

    from reader.config import Config, SearchConfig

    # Pages of 2: an estimate comes with a full page (a short page holds every match).
    app = make_app(tmp_path, config=Config(search=SearchConfig(limit=2)))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        search = app.index.search
        app.index.search = lambda *a, **k: replace(search(*a, **k), total=9400, total_exact=False)
        await type_query(pilot, "karabakh")
        status = str(app.query_one("#status-left").render())
        assert status.startswith("showing 2 of about 9,400"), status
        app.index.search = search
        await type_query(pilot, "inflation")
        assert str(app.query_one("#status-left").render()).startswith("1 result")


async def test_a_changed_query_highlights_its_best_match_and_the_same_query_keeps_the_highlight(tmp_path):
    # Plain words match loosely: "karabakh" lists the seed and two articles;
    # "karabakh refugees" still lists them all, with "beta" (both words) first.
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_query(pilot, "karabakh")
        results = app.query_one(ResultsList)
        await pilot.press("down")  # to the results
        results.highlighted = len(results.results) - 1
        moved_to = results.current.id
        await type_query(pilot, "karabakh refugees")
        assert moved_to in {r.id for r in results.results}  # still listed ...
        assert results.highlighted == 0 and results.current.id == "news/beta"  # ... but the best match is highlighted
        await pilot.press("down")
        results.highlighted = 1
        kept = results.current.id
        before = app.main.response
        app.main.run_search(app.query_one(SearchInput).value)  # the same query again
        await wait_for(pilot, lambda: app.main.response is not before)
        await pilot.pause()
        assert results.current.id == kept


async def test_enter_typed_before_the_answer_opens_the_best_match_of_the_query_as_typed(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await type_query(pilot, "karabakh")
        results = app.query_one(ResultsList)
        # Highlight an article that is not the best match of what comes next.
        results.highlighted = next(i for i, r in enumerate(results.results) if r.id != "news/beta")
        # The search for the whole query answers only once enter is pressed.
        answer = threading.Event()
        search = app.main.index.search

        def held_back(text, **kwargs):
            if text == "karabakh refugees":
                answer.wait(60)
            return search(text, **kwargs)

        app.main.index.search = held_back
        for key in ["space", *"refugees", "enter"]:
            await pilot.press(key)
        assert app.query_one(ArticleView).article is None  # nothing opened from the last query's results
        answer.set()
        await wait_for(pilot, lambda: app.query_one(ArticleView).article is not None)
        assert app.query_one(ArticleView).article.id == "news/beta"
        assert app.main.response.query == "karabakh refugees"
