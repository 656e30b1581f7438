"""The article's paragraph blocks and marks: the same answers as the plain way,
without leaving per-line or per-mark objects for the garbage collector."""

from __future__ import annotations

import gc

import pytest
from rich.text import Text
from textual.app import App
from textual.geometry import Size
from textual.widgets import Static

from reader.annotate import annotate
from reader.corpus import Article
from reader.tui.widgets.article import CHUNK_CHARS, FIRST_CHUNKS, MAX_CHUNKS, Block, Mark, _chunk, build_marks
from tests.tui_helpers import wait_for

TEXTS = [
    "One short line.",
    "A paragraph that is long enough to wrap several times at a narrow width, " * 6,
    "First paragraph.\n\nSecond paragraph, after a blank line.\n\n\nThird, after two.",
    "Tabs\tin\tthe\ttext and a very-long-unbroken-word-" + "x" * 90 + " then more words.",
    "Wide characters: 日本語のテキストが折り返されます。" * 5 + "\n\nemoji 🎉🎉🎉 and ünïcödé " * 4,
    "",
]


@pytest.mark.parametrize("text", TEXTS)
async def test_block_height_matches_textual_measure(text):
    class Both(App):
        def compose(self):
            yield Block(Text(text))
            yield Static(Text(text), id="plain")

    app = Both()
    async with app.run_test(size=(80, 24)):
        block, static = app.query_one(Block), app.query_one("#plain", Static)
        for width in (1, 7, 20, 33, 76, 200):
            size = Size(width, 24)
            assert block.get_content_height(size, size, width) == static.get_content_height(size, size, width)
        # After an update, the new text is measured.
        block.update(Text(text + "\n\nand one more paragraph"))
        static.update(Text(text + "\n\nand one more paragraph"))
        size = Size(30, 24)
        assert block.get_content_height(size, size, 30) == static.get_content_height(size, size, 30)


async def test_measuring_a_block_keeps_no_line_objects():
    text = "\n\n".join(f"Paragraph {n} of a long article, wrapped into a few lines here and there." for n in range(300))

    class One(App):
        def compose(self):
            yield Block(Text(text))

    app = One()
    async with app.run_test(size=(80, 24)):
        block = app.query_one(Block)
        block.update(Text(text + " The end."))  # new text, not yet measured or drawn
        gc.collect()
        before = len(gc.get_objects())
        size = Size(40, 24)
        for width in range(20, 60):
            block.get_content_height(size, size, width)
        gc.collect()
        # Textual's own measure keeps a Content per line (600 here) on the text.
        assert len(gc.get_objects()) - before < 100


BODY = (
    "The harbour authority said \u201cfees rose 12% this year\u201d, while 300 ships waited on 3 March.\n\n"
    "\u201cWe will not wait,\u201d said Ann Lee, the mayor. The council expects \u00a34 million over 2 years."
)


def test_build_marks_matches_the_annotations():
    hits = [(4, 11), (120, 127)]
    marks = build_marks(BODY, hits)
    spans = annotate(BODY)
    assert list(marks["hit"]) == [Mark("hit", s, e, text=BODY[s:e]) for s, e in hits]
    for kind in ("quote", "figure"):
        expected = [
            Mark(kind, s.start, s.end, s.subtype if kind == "figure" else None, s.speaker if kind == "quote" else None, s.text)
            for s in spans
            if s.kind == kind
        ]
        assert expected and list(marks[kind]) == expected
    assert any(m.speaker == "Ann Lee" for m in marks["quote"])
    assert {m.subtype for m in marks["figure"]} >= {"percent", "money"}


def test_mark_columns_are_not_gc_containers():
    marks = build_marks(BODY * 200, [])
    for kind in ("quote", "figure"):
        column = marks[kind]
        assert len(column) > 100
        # The collector sees at most the array's type, never its items.
        assert len(gc.get_referents(column.starts)) <= 1 and len(gc.get_referents(column.ends)) <= 1


@pytest.mark.parametrize("paragraphs", [3, 400, 30_000])
def test_chunks_cover_the_body_with_a_short_first_screen(paragraphs):
    body = "\n\n".join(f"Paragraph {n}: the harbour authority said fees rose again this year." * 2 for n in range(paragraphs))
    article = Article(id="a", title="T", body=body)
    chunks = _chunk(article.blocks(), len(body))
    assert chunks[0].start == 0 and chunks[-1].end == len(body.rstrip())
    assert all(a.end < b.start for a, b in zip(chunks, chunks[1:]))
    # The first screen is drawn at once: its chunks stay short whatever the length.
    assert all(c.end - c.start <= CHUNK_CHARS for c in chunks[:FIRST_CHUNKS])
    assert len(chunks) <= MAX_CHUNKS + FIRST_CHUNKS


LABELLED = (
    "\u201cThe fees are fair,\u201d said Ann Lee, the mayor.\n\n"
    "\u201cAnd the port has never been busier than it is this year.\u201d\n\n"
    "Others disagreed. \u201cIt is a tax on trade,\u201d said Tom Hale."
)


def test_speaker_named_near_reads_the_quote_sentence_only():
    from reader.tui.widgets.article import speaker_named_near

    first = LABELLED.index("\u201cThe fees")
    second = LABELLED.index("\u201cAnd the port")
    third = LABELLED.index("\u201cIt is a tax")
    assert speaker_named_near(LABELLED, first, LABELLED.index("said") - 1, "Ann Lee")
    assert not speaker_named_near(LABELLED, second, LABELLED.index("\n\nOthers"), "Ann Lee")
    assert speaker_named_near(LABELLED, third, LABELLED.rindex("said") - 1, "Tom Hale")
    # The name inside the quote itself does not count.
    body = "\u201cAnn Lee is right,\u201d he said."
    assert not speaker_named_near(body, 0, body.index(" he"), "Ann Lee")


async def test_the_viewer_labels_quotes_whose_sentence_names_no_speaker():
    from reader.tui.app import ArticleView
    from reader.tui.styles import reader_styles

    class One(App):
        def compose(self):
            yield ArticleView()

    app = One()
    async with app.run_test(size=(60, 20)) as pilot:
        viewer = app.query_one(ArticleView)
        article = Article(id="a", title="Fees", body=LABELLED)
        viewer.show(article, marks=build_marks(LABELLED, []))
        await pilot.pause()
        block = next(w for w in viewer.children if isinstance(w, Block))
        shown = block.render()
        # One label, after the continuation quote; the named ones get none.
        assert str(shown).count("\u2039") == 1
        end = LABELLED.index("\u201d\n\nOthers") + 1
        label = " \u2039Ann Lee\u203a"
        assert str(shown)[end : end + len(label)] == label
        styled = viewer._render_chunk(viewer._chunks[0])
        assert any(s.style == reader_styles(app)["speaker"] for s in styled.spans if (s.start, s.end) == (end, end + len(label)))
        # Highlights after the label keep their places.
        tax = LABELLED.index("\u201cIt is a tax")
        assert str(shown)[tax + len(label) : tax + len(label) + 12] == "\u201cIt is a tax"
        # Jumping to the last quote, the status names its speaker.
        viewer.jump("quote", 2)
        assert viewer.position_text().startswith("quote 3/3 \u2014 Tom Hale")
        # With quote highlights off there are no labels, and back on they return.
        viewer.action_toggle_kind("quote")
        await pilot.pause()
        assert "\u2039" not in str(block.render())
        viewer.action_toggle_kind("quote")
        await pilot.pause()
        assert str(block.render()).count("\u2039") == 1
        # A second article: labels of its own only.
        viewer.show(Article(id="b", title="B", body=BODY), marks=build_marks(BODY, []))
        await pilot.pause()
        assert "\u2039" not in "".join(str(w.render()) for w in viewer.children if isinstance(w, Block))


async def test_labels_of_chunks_far_from_the_view_follow_the_quote_toggle():
    from reader.tui.app import ArticleView

    class One(App):
        def compose(self):
            yield ArticleView()

    # Long enough for many chunks; every paragraph pair holds a labelled quote.
    body = "\n\n".join(LABELLED.replace("Ann Lee", f"Ann Lee{n}") for n in range(400))
    app = One()
    async with app.run_test(size=(60, 20)) as pilot:
        viewer = app.query_one(ArticleView)
        viewer.show(Article(id="long", title="Fees", body=body), marks=build_marks(body, []))
        await pilot.pause()
        viewer.action_scroll_end()
        await wait_for(pilot, lambda: viewer.fully_mounted, timeout=30)
        assert len(viewer._chunk_widgets) == len(viewer._chunks) > FIRST_CHUNKS

        def shown_agrees() -> bool:
            return all(w._plain == viewer._chunk_text(n) for n, w in enumerate(viewer._chunk_widgets))

        assert shown_agrees() and "\u2039" in viewer._chunk_widgets[0]._plain
        viewer.action_toggle_kind("quote")
        await pilot.pause()
        assert shown_agrees() and not any("\u2039" in w._plain for w in viewer._chunk_widgets)
        viewer.action_toggle_kind("quote")
        await pilot.pause()
        assert shown_agrees() and all("\u2039" in w._plain for w in viewer._chunk_widgets)


async def test_jumping_to_the_end_while_a_long_article_mounts_in_batches():
    from reader.tui.app import ArticleView

    class One(App):
        def compose(self):
            yield ArticleView()

    body = "\n\n".join(
        f"Paragraph {n}: the harbour fees rose again, \u201cand that is that,\u201d said Ann Lee." for n in range(3000)
    )
    app = One()
    async with app.run_test(size=(60, 20)) as pilot:
        viewer = app.query_one(ArticleView)
        viewer.show(Article(id="long", title="Fees", body=body), marks=build_marks(body, []))
        # The next batch is already scheduled when the reader jumps to the end.
        assert not viewer.fully_mounted
        viewer.action_scroll_end()
        await wait_for(pilot, lambda: viewer.fully_mounted, timeout=30)
        await pilot.pause()
        assert app.is_running and len(viewer._chunk_widgets) == len(viewer._chunks)
