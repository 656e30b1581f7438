"""Journeys: whole sessions through the app, the way a person uses it.

Each test opens many articles in a row, by every path, at several sizes, and
checks after every step that what the viewer holds is what was asked for and
that the status line agrees with it.
"""

from __future__ import annotations

import threading

import pytest
from textual.widgets import Static

from reader.tui.app import ArticleView, ResultsList
from reader.tui.widgets.article import Block
from reader.tui.widgets.outline import Outline
from tests.tui_helpers import make_app, type_query, wait_for, wait_results

TOPICS = ["budget", "harbour", "railway", "orchard", "glacier", "festival"]


def journey_articles(count: int = 24) -> dict[str, str]:
    """``count`` small articles with quotes, figures and shared words, so
    that queries return several results and every article has marks."""
    articles = {}
    for n in range(count):
        topic = TOPICS[n % len(TOPICS)]
        other = TOPICS[(n + 1) % len(TOPICS)]
        paragraphs = [
            f"The {topic} story number {n} and the {other} plan",
            f"Officials said the {topic} would cost \u00a3{n + 2} million over {n % 7 + 3} years.",
            f"\u201cWe expect the {topic} to open in spring,\u201d said Mayor Anna Berg{n}.",
            f"About {10 + n}% of residents backed the {other} plan in a vote of {1000 + 37 * n} people.",
        ]
        if n % 4 == 1:
            # The mayor's next words, naming nobody: the viewer labels them.
            paragraphs.insert(3, f"\u201cIt will be the best {topic} this town has ever had.\u201d")
        if n % 3 == 0:
            # Long enough to need scrolling and several jumps.
            paragraphs += [
                f"Paragraph {k} about the {topic}: the council met on 3 March and {k + 4} members voted." for k in range(40)
            ]
        articles[f"j{n:02d}.txt"] = "\n\n".join(paragraphs) + "\n"
    return articles


def big_article(paragraphs: int = 900) -> str:
    """An article long enough to be mounted in batches and annotated in a worker."""
    body = "\n\n".join(
        f"Section {k}: the regulator said \u201cthe harbour fees rose {k % 50}%\u201d, and about {k * 3} ships waited."
        for k in range(paragraphs)
    )
    return "The very long harbour report\n\n" + body + "\n"


async def settle(pilot) -> None:
    """Let workers finish and the viewer mount all of the article."""
    app = pilot.app
    viewer = app.query_one(ArticleView)
    await wait_for(
        pilot,
        lambda: not any(w.is_running for w in app.workers) and viewer.settled,
        timeout=30,
    )


async def check_viewer(pilot, expected_id: str) -> int:
    """The viewer shows ``expected_id`` whole, once, and the status agrees;
    the number of speaker labels it shows."""
    await settle(pilot)
    app = pilot.app
    viewer = app.query_one(ArticleView)
    assert viewer.article is not None and viewer.article.id == expected_id
    assert str(viewer.query_one("#article-title", Static).render()) == viewer.article.title
    blocks = [w for w in viewer.children if isinstance(w, Block)]
    assert len(blocks) == len(viewer._chunks)
    body = viewer.article.body
    labelled = 0
    for block, chunk in zip(blocks, viewer._chunks):
        # The body, with a speaker label after each quote whose sentence names nobody.
        shown, labels = str(block.render()), viewer._labels(chunk)
        expected, pos = [], chunk.start
        for offset, label in labels:
            expected += [body[pos:offset], label]
            pos = offset
        expected.append(body[pos : chunk.end])
        assert "".join(shown.split()) == "".join("".join(expected).split())
        for offset, label in labels:
            quote = next(m for m in viewer.marks["quote"] if m.end == offset)
            assert label == f" \u2039{quote.speaker}\u203a" and quote.speaker not in body[quote.start : quote.end + 40]
            labelled += 1
    status = app.query_one("#status-right", Static)
    await wait_for(pilot, lambda: str(status.render()) == viewer.position_text(app.main.position_room()))
    for kind, marks in viewer.marks.items():
        assert f"{len(marks)} {kind}" in viewer.position_text()
    assert app.is_running
    return labelled


def result_ids(app) -> list[str]:
    return [r.id for r in app.query_one(ResultsList).results]


async def open_from_results(pilot, index: int) -> str:
    """Focus the results, move to ``index`` and press enter."""
    app = pilot.app
    results = app.query_one(ResultsList)
    if app.focused is not results:
        await pilot.press("slash", "down")
    assert app.focused is results
    await pilot.press("g")
    for _ in range(index):
        await pilot.press("j")
    expected = results.current.id
    await pilot.press("enter")
    return expected


async def open_from_palette(pilot) -> str:
    app = pilot.app
    results = app.query_one(ResultsList)
    expected = (results.current or results.results[0]).id
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: app.screen.id == "--command-palette" or type(app.screen).__name__ == "CommandPalette")
    for char in "Open selected result":
        await pilot.press(char if char != " " else "space")
    await pilot.pause(0.3)
    await wait_for(pilot, lambda: "Open selected" in str(app.screen.query_one("CommandList").get_option_at_index(0).prompt))
    await pilot.press("enter")
    return expected


async def test_twenty_articles_in_a_row_by_every_path(tmp_path):
    app = make_app(tmp_path, articles=journey_articles())
    opened = []
    labelled = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        for round_ in range(4):
            topic = TOPICS[round_]
            # 1. enter in the search box opens the top result.
            await type_query(pilot, topic)
            expected = result_ids(app)[0]
            await pilot.press("enter")
            labelled += await check_viewer(pilot, expected)
            opened.append(expected)
            # 2. the results list, a different row each time.
            expected = await open_from_results(pilot, 1 + round_)
            labelled += await check_viewer(pilot, expected)
            opened.append(expected)
            # 3. the outline: jump to a quote and a figure of the open article.
            await pilot.press("o")
            outline = app.query_one(Outline)
            assert app.focused is outline
            await pilot.press("down", "enter")
            viewer = app.query_one(ArticleView)
            assert viewer.current is not None and viewer.current[0] == "quote"
            await pilot.press("escape")
            assert app.focused is viewer
            # 4. the command palette opens the highlighted result.
            await pilot.press("escape")
            results = app.query_one(ResultsList)
            await pilot.press("j")
            expected = await open_from_palette(pilot)
            await check_viewer(pilot, expected)
            opened.append(expected)
            # 5. clicking a result.
            await pilot.press("escape")
            await pilot.click(ResultsList, offset=(2, 1 + 3 * 0))
            expected = results.current.id
            await check_viewer(pilot, expected)
            opened.append(expected)
            # 6. enter twice in one burst: the same article, shown once.
            await type_query(pilot, TOPICS[round_ + 1])
            expected = result_ids(app)[0]
            await pilot.press("enter", "enter")
            await check_viewer(pilot, expected)
            opened.append(expected)
        assert len(opened) >= 20
        assert len(set(opened)) >= 8
        assert labelled  # the mayor's unattributed next words were labelled on the way
        await pilot.press("q")
    assert app.return_code == 0


@pytest.fixture
def gated_annotation(monkeypatch):
    """Annotation of long articles waits until the test opens the gate."""
    import reader.tui.widgets.article
    from reader.tui.app import ANNOTATE_INLINE_CHARS

    gate = threading.Event()
    real = reader.tui.widgets.article.find_quotes

    def find_quotes(text, *args, **kwargs):
        if len(text) > ANNOTATE_INLINE_CHARS:
            assert gate.wait(60), "the test never opened the gate"
        return real(text, *args, **kwargs)

    monkeypatch.setattr(reader.tui.widgets.article, "find_quotes", find_quotes)
    yield gate
    gate.set()


async def test_opening_an_article_while_a_long_one_is_still_loading(tmp_path, gated_annotation):
    articles = {**journey_articles(6), "zz-big.txt": big_article()}
    app = make_app(tmp_path, articles=articles)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "very long harbour report")
        assert result_ids(app)[0] == "news/zz-big"
        await pilot.press("enter")
        viewer = app.query_one(ArticleView)
        assert viewer.article.id == "news/zz-big"
        # Shown at once; hits, quotes and figures follow from a worker, and
        # the rest of the text is mounted once they are in (not alongside).
        assert not viewer.annotated
        await pilot.pause()
        assert not viewer.fully_mounted
        assert "finding hits, quotes and figures" in str(app.query_one("#status-right", Static).render())
        # Before it has finished, open a short one.
        await type_query(pilot, "railway")
        expected = result_ids(app)[0]
        await pilot.press("enter")
        await check_viewer(pilot, expected)
        assert viewer.marks["quote"] and all(m.end <= len(viewer.article.body) for m in viewer.marks["quote"])
        # The first long one's annotations, arriving late, are not applied.
        gated_annotation.set()
        await settle(pilot)
        assert viewer.article.id == expected
        # And back to the long one: straight to its end while it still loads,
        # then letting it finish.
        await type_query(pilot, "very long harbour report")
        await pilot.press("enter", "G")
        await check_viewer(pilot, "news/zz-big")
        assert len(viewer.marks["quote"]) == 900
        await pilot.press("G")
        await pilot.pause()
        assert viewer.scroll_y == viewer.max_scroll_y > 0
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert viewer.current == ("quote", 899)


@pytest.mark.parametrize("sizes", [((120, 40), (80, 24), (40, 12)), ((40, 12), (120, 40), (80, 24))])
async def test_resizing_in_the_middle_of_reading(tmp_path, sizes):
    app = make_app(tmp_path, articles=journey_articles(12))
    async with app.run_test(size=sizes[0]) as pilot:
        await wait_results(pilot, "")
        for n, size in enumerate(sizes):
            await type_query(pilot, TOPICS[n])
            expected = result_ids(app)[0]
            await pilot.press("enter")
            await check_viewer(pilot, expected)
            await pilot.press("n", "right_square_bracket")
            await pilot.resize_terminal(*size)
            await pilot.pause()
            viewer = app.query_one(ArticleView)
            assert app.screen.has_class("-narrow") == (size[0] < 100)
            assert viewer.region.width > 0  # still reading after the resize
            await pilot.press("right_curly_bracket")
            assert viewer.current[0] == "figure"
            await pilot.press("escape")
            expected = await open_from_results(pilot, 1)
            await check_viewer(pilot, expected)
        await pilot.press("q")
    assert app.return_code == 0


async def test_switching_theme_in_the_middle_of_an_article(tmp_path):
    app = make_app(tmp_path, articles=journey_articles(6))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "budget")
        await pilot.press("enter")
        await check_viewer(pilot, result_ids(app)[0])
        viewer = app.query_one(ArticleView)
        await pilot.press("right_square_bracket")
        before = app.theme
        await pilot.press("ctrl+t")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.theme != before
        assert app.focused is viewer and viewer.current[0] == "quote"
        await pilot.press("right_square_bracket")
        assert viewer.current[0] == "quote"
        expected = await open_from_results(pilot, 2)
        await check_viewer(pilot, expected)
        await pilot.press("q")
    assert app.return_code == 0


# -- moving between marks starts from where the reader is looking -------------


async def open_long(pilot) -> ArticleView:
    await wait_results(pilot, "")
    await type_query(pilot, "budget")
    app = pilot.app
    expected = next(r.id for r in app.query_one(ResultsList).results if r.id == "news/j00")
    results = app.query_one(ResultsList)
    await pilot.press("down")
    while results.current.id != expected:
        await pilot.press("j")
    await pilot.press("enter")
    await check_viewer(pilot, expected)
    return app.query_one(ArticleView)


def first_visible(viewer: ArticleView, kind: str) -> int:
    """Index of the first mark of ``kind`` at or below the top of the view."""
    top = viewer.scroll_y
    return next(i for i, m in enumerate(viewer.marks[kind]) if viewer._y_of(m.start) >= top)


@pytest.mark.parametrize(
    "move_away",
    [("pagedown",) * 3, ("right_curly_bracket",) * 30],
    ids=["after scrolling", "after a jump of another kind"],
)
async def test_next_hit_starts_from_the_view(tmp_path, move_away):
    app = make_app(tmp_path, articles=journey_articles(6))
    async with app.run_test(size=(120, 40)) as pilot:
        viewer = await open_long(pilot)
        await pilot.press("n")
        assert viewer.current == ("hit", 0)
        await pilot.press(*move_away)
        await pilot.pause()
        assert viewer.scroll_y > 0
        expected = first_visible(viewer, "hit")
        assert expected > 1  # not hit 0 + 1: where the reader is now
        await pilot.press("n")
        assert viewer.current == ("hit", expected)


async def test_previous_after_end_goes_to_the_last_hit(tmp_path):
    app = make_app(tmp_path, articles=journey_articles(6))
    async with app.run_test(size=(120, 40)) as pilot:
        viewer = await open_long(pilot)
        await pilot.press("n", "n")
        assert viewer.current == ("hit", 1)
        await pilot.press("end")
        await pilot.pause()
        assert viewer.scroll_y == viewer.max_scroll_y > 0
        await pilot.press("N")
        hits = viewer.marks["hit"]
        # the last hit on screen, not hit 1 (which was current before End)
        assert viewer.current == ("hit", len(hits) - 1)


async def test_repeated_next_without_waiting_keeps_going(tmp_path):
    app = make_app(tmp_path, articles=journey_articles(6))
    async with app.run_test(size=(120, 40)) as pilot:
        viewer = await open_long(pilot)
        viewer.action_next("figure")
        viewer.action_next("figure")
        viewer.action_next("figure")  # before any refresh has scrolled
        assert viewer.current == ("figure", 2)
        await pilot.pause()


# -- bookmarks across screens, among reading ----------------------------------


async def test_bookmark_edit_remove_undo_across_screens_while_reading(tmp_path):
    from reader.bookmarks.store import BookmarkStore
    from reader.tui.screens.bookmarks import BookmarkDialog, BookmarksScreen
    from tests.tui_helpers import assert_bookmarks_consistent

    def stored_ids() -> list[str]:
        return sorted(e.id for e in BookmarkStore(app.paths.bookmarks).load().entries())

    app = make_app(tmp_path, articles=journey_articles(12))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        marked = []
        # Read three articles, bookmarking each from the viewer.
        for topic in TOPICS[:3]:
            await type_query(pilot, topic)
            await pilot.press("enter")
            expected = result_ids(app)[0]
            await check_viewer(pilot, expected)
            await pilot.press("b")
            marked.append(expected)
            assert_bookmarks_consistent(app)
        assert stored_ids() == sorted(set(marked))
        # Edit the open one with B: tags and a note.
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarkDialog))
        for char in "town, later":
            await pilot.press(char if char != " " else "space")
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, BookmarkDialog))
        (entry,) = [e for e in BookmarkStore(app.paths.bookmarks).load().entries() if e.id == marked[-1]]
        assert entry.tags == ("town", "later")
        assert app.focused is app.query_one(ArticleView)
        # The bookmarks screen: open one, come back, remove one, leave.
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, BookmarksScreen))
        opened = app.query_one(ArticleView).article.id
        assert opened in marked
        await check_viewer(pilot, opened)
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        screen = app.screen
        await pilot.press("down")
        removed = screen.shown[0].id
        await pilot.press("d")
        assert removed not in stored_ids()
        assert_bookmarks_consistent(app)
        await pilot.press("escape", "escape")
        assert not isinstance(app.screen, BookmarksScreen)
        # Read two more articles in between.
        for topic in TOPICS[3:5]:
            await type_query(pilot, topic)
            await pilot.press("enter")
            await check_viewer(pilot, result_ids(app)[0])
        assert_bookmarks_consistent(app)
        # Undo on a new visit to the screen brings the removed one back.
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        await pilot.press("down", "u")
        assert removed in stored_ids()
        assert_bookmarks_consistent(app)
        await pilot.press("escape", "escape")
        # b on the open article removes it again; the results marks agree.
        await pilot.press("escape")
        await type_query(pilot, TOPICS[0])
        await pilot.press("enter")
        await check_viewer(pilot, marked[0])
        await pilot.press("b")
        assert marked[0] not in stored_ids()
        assert_bookmarks_consistent(app)
        await pilot.press("q")
    assert app.return_code == 0


async def test_garbage_collector_thresholds_come_back_however_loading_ends(tmp_path, monkeypatch):
    """Full collections are held back only while a long article's batches mount:
    fully mounted, replaced mid-way, or the app closed mid-way, the usual
    thresholds are back."""
    import gc

    from reader.tui.widgets.article import HELD_THRESHOLD

    usual = gc.get_threshold()
    seen: list[tuple[int, ...]] = []
    stall = threading.Event()  # set: batches stop coming, as if the article were still loading
    real = ArticleView._mount_more

    def mount_more(self, generation):
        seen.append(gc.get_threshold())
        if not stall.is_set():
            real(self, generation)

    monkeypatch.setattr(ArticleView, "_mount_more", mount_more)
    articles = {**journey_articles(6), "zz-big.txt": big_article(3000)}
    app = make_app(tmp_path, articles=articles)

    async def open_big(pilot) -> ArticleView:
        seen.clear()
        await type_query(pilot, "very long harbour report")
        await pilot.press("enter")
        viewer = app.query_one(ArticleView)
        if stall.is_set():
            await wait_for(pilot, lambda: viewer.annotated and seen and not any(w.is_running for w in app.workers), timeout=30)
        else:
            await settle(pilot)
        assert viewer.article.id == "news/zz-big" and viewer.annotated
        assert seen and all(t == (usual[0], usual[1], HELD_THRESHOLD) for t in seen)
        return viewer

    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        viewer = await open_big(pilot)
        assert viewer.fully_mounted and gc.get_threshold() == usual
        stall.set()
        await open_big(pilot)
        assert not viewer.fully_mounted and gc.get_threshold()[2] == HELD_THRESHOLD
        await type_query(pilot, "railway")
        await pilot.press("enter")  # replaced mid-way
        await settle(pilot)
        assert viewer.article.id != "news/zz-big" and gc.get_threshold() == usual
        await open_big(pilot)
        assert gc.get_threshold()[2] == HELD_THRESHOLD
    assert gc.get_threshold() == usual  # closed mid-way


# -- phrases among reading --------------------------------------------------------


async def test_phrases_of_common_and_rare_words_among_reading(tmp_path):
    """A phrase of common words (read from the index's word pairs), a phrase
    with a rare word (read from positions), words out of order, and reading
    and bookmarking in between."""
    app = make_app(tmp_path, articles=journey_articles(12))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, '"officials said"')
        assert len(result_ids(app)) == 12  # every article has "Officials said the ..."
        expected = result_ids(app)[0]
        await pilot.press("enter")
        await check_viewer(pilot, expected)
        viewer = app.query_one(ArticleView)
        assert len(viewer.marks["hit"]) >= 2
        await pilot.press("n")
        assert viewer.current == ("hit", 0)
        await pilot.press("b")
        await type_query(pilot, '"mayor anna berg7"')
        assert result_ids(app) == ["news/j07"]
        await pilot.press("enter")
        await check_viewer(pilot, result_ids(app)[0])
        await type_query(pilot, '"said officials"')  # the words, but never in this order
        assert result_ids(app) == []
        await type_query(pilot, "officials said")  # plain words find them all again, and more
        assert set(result_ids(app)) > {f"news/j{n:02d}" for n in range(12)}
        expected = await open_from_results(pilot, 3)
        await check_viewer(pilot, expected)
        await pilot.press("q")
    assert app.return_code == 0


async def test_a_session_after_switching_the_engine_in_the_config(tmp_path, monkeypatch):
    """A home indexed by Whoosh, then config.yaml asks for Tantivy: the app
    rebuilds the index with it, saying so, and the session goes on: search,
    open articles by two paths, bookmark one, a question, is:read."""
    pytest.importorskip("tantivy")
    from reader.bookmarks.store import BookmarkStore
    from reader.library import Library
    from reader.tui.app import ReaderApp
    from tests.tui_helpers import assert_bookmarks_consistent

    first = make_app(tmp_path, articles=journey_articles(12))
    assert first.library.store.ENGINE == "whoosh" and first.library.store.status() == "ok"
    paths = first.paths
    paths.config.write_text("index:\n  engine: tantivy\n", encoding="utf-8")
    from reader.config import load_config

    library = Library(paths, extra_sources=[])
    assert library.store.ENGINE == "tantivy" and library.store.status() == "outdated"
    app = ReaderApp(paths, load_config(paths), show_timings=False, cursor_blink=False, library=library)
    app.animation_level = "none"
    labels: list[str] = []
    real_update = ReaderApp._run_update

    def recording(self, label, rebuild):
        labels.append(label)
        return real_update(self, label, rebuild)

    monkeypatch.setattr(ReaderApp, "_run_update", recording)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        assert labels[0] == "Rebuilding the index with tantivy"
        assert library.store.status() == "ok" and library.store.built_by() == "tantivy"
        opened, marked = [], []
        for round_, topic in enumerate(TOPICS[:3]):
            await type_query(pilot, topic)
            expected = result_ids(app)[0]
            await pilot.press("enter")
            await check_viewer(pilot, expected)
            opened.append(expected)
            expected = await open_from_results(pilot, 1 + round_)
            await check_viewer(pilot, expected)
            opened.append(expected)
            await pilot.press("b")  # toggles the open article's bookmark
            marked.append(expected)
            assert_bookmarks_consistent(app)
        assert len(set(opened)) >= 4
        toggled_on = {i for i in marked if marked.count(i) % 2}
        assert {e.id for e in BookmarkStore(app.paths.bookmarks).load().entries()} == toggled_on
        await pilot.press("escape")
        await type_query(pilot, "what will the glacier cost")  # a question: its words, not every one
        assert result_ids(app) and all("glacier" in app.library.new_index().get(i).body for i in result_ids(app)[:2])
        await type_query(pilot, "is:read " + TOPICS[0])
        assert set(result_ids(app)) <= set(opened) and result_ids(app)
        expected = result_ids(app)[0]
        await pilot.press("enter")
        await check_viewer(pilot, expected)
        await pilot.press("q")
    assert app.return_code == 0


async def test_an_article_edited_on_disk_is_read_again_once(tmp_path):
    """Reading, an article's file is edited; re-indexed from the palette, the
    open app finds its new text once (not its old text, not two copies of
    it), opens it with the new text, and the library still counts 12."""
    import os
    import time

    app = make_app(tmp_path, articles=journey_articles(12))
    folder = tmp_path / "news"
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, TOPICS[0])
        first = result_ids(app)[0]
        await pilot.press("enter")
        await check_viewer(pilot, first)

        path = folder / (first.rpartition("/")[2] + ".txt")
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("story number", "tale told by lighthouse keepers, number", 1), encoding="utf-8")
        later = time.time_ns() + 10**9
        os.utime(path, ns=(later, later))
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "CommandPalette")
        for char in "Re-index library":
            await pilot.press(char if char != " " else "space")
        await wait_for(pilot, lambda: "Re-index" in str(app.screen.query_one("CommandList").get_option_at_index(0).prompt))
        await pilot.press("enter")
        await wait_for(pilot, lambda: not any(w.is_running for w in app.workers), timeout=30)

        await pilot.press("slash")
        await type_query(pilot, "lighthouse keepers")
        assert result_ids(app) == [first] and app.response.total == 1
        results = app.query_one(ResultsList)
        shown = results.get_option_at_index(0).prompt.body.plain
        assert results.results[0].copies == 1 and "lighthouse keepers" in shown and "copies" not in shown
        await type_query(pilot, f"{TOPICS[0]} story number")
        assert first not in result_ids(app)[: app.response.all_words or 0]
        await type_query(pilot, "")
        assert app.response.total == 13  # the twelve and the bundled article
        await type_query(pilot, "lighthouse")
        await pilot.press("enter")
        await check_viewer(pilot, first)
        assert "lighthouse keepers" in app.query_one(ArticleView).article.title
        await pilot.press("q")
    assert app.return_code == 0
