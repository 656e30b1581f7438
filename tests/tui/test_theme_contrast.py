"""Every shipped theme is readable: text keeps a 4.5:1 contrast (WCAG AA).

Two checks per theme:

* the colours the CSS asks for (the status line, dialogs, the selected row
  of the results and bookmarks lists, bookmark tags), resolved from the
  Textual theme variables as Textual computes them;
* what the running app paints in those places (Pilot), cell by cell.

And dialogs leave the screen behind them visible, the 16-colour theme too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.style import Style

from reader.config import Config
from reader.paths import bundled_themes
from reader.themes import load_theme_file, rich_styles
from tests.contrast import (
    MIN_CONTRAST,
    Palette,
    blend,
    contrast_ratio,
    hex_of,
    is_text,
    screen_cells,
)
from tests.tui_helpers import make_app, wait_for, wait_results

SHIPPED = ("reader-dark", "reader-light", "reader-high-contrast")
APP_CSS = Path(__file__).resolve().parents[2] / "reader" / "tui" / "app.tcss"


def spec_of(name: str):
    return load_theme_file(bundled_themes() / f"{name}.yaml", "shipped")


def palette_of(name: str) -> Palette:
    from reader.tui.themes import to_textual_theme

    return Palette(to_textual_theme(spec_of(name)))


def rules(css: str) -> dict[str, dict[str, str]]:
    """``selector -> {property: value}`` for the flat rules of a stylesheet."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found: dict[str, dict[str, str]] = {}
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = found.setdefault(" ".join(selector.split()), {})
        for declaration in body.split(";"):
            if ":" in declaration:
                prop, value = declaration.split(":", 1)
                declarations[prop.strip()] = value.strip()
    return found


def declared(css: str, selector: str, prop: str) -> str:
    value = rules(css)[selector][prop]
    assert value.startswith("$"), (selector, prop, value)
    return value


def text_style(value: str) -> Style:
    return Style.parse(value) if value != "none" else Style()


# --------------------------------------------------------------------------
# The colours the CSS asks for


def css_pairs(name: str) -> list[tuple[str, tuple, tuple]]:
    """``(what, foreground, background)`` for every text the app draws in the checked places."""
    from reader.tui.screens.bookmarks import BookmarksScreen, Dialog
    from reader.tui.screens.help import HelpScreen
    from reader.tui.screens.themes import ThemePicker

    palette = palette_of(name)
    color = palette.color
    styles = rich_styles(spec_of(name))
    pairs: list[tuple[str, tuple, tuple]] = []

    def add(what: str, fg, bg, style: Style | None = None) -> None:
        if style is not None:
            fg, bg = palette.rich(style, fg, bg)
        pairs.append((what, fg, bg))

    background = color("$background")

    # The status lines: the main screen's and the bookmarks screen's.
    app_css = APP_CSS.read_text(encoding="utf-8")
    for where, css, selector in (
        ("status line", app_css, "#status"),
        ("bookmarks status line", BookmarksScreen.DEFAULT_CSS, "BookmarksScreen #bookmarks-status"),
    ):
        bg = color(declared(css, selector, "background"), background, foreground=False)
        fg = color(declared(css, selector, "color"), bg)
        add(where, fg, bg)
        add(where + " (italic note)", fg, bg, Style(italic=True))

    # The key bar under it.
    footer = color("$footer-background", background, foreground=False)
    for variable in ("$footer-foreground", "$footer-key-foreground", "$footer-description-foreground"):
        add(f"footer {variable}", color(variable, footer), footer)

    # Dialogs: their text, labels, fields and buttons on the dialog's background.
    foreground = color("$foreground", background)
    for what, css, box, label in (
        ("BookmarkDialog", Dialog.DEFAULT_CSS, "Dialog > Vertical", "Dialog Label"),
        ("ExportDialog", Dialog.DEFAULT_CSS, "Dialog > Vertical", "Dialog Label"),
        ("ThemePicker", ThemePicker.DEFAULT_CSS, "ThemePicker > Vertical", "ThemePicker Label"),
        ("HelpScreen", HelpScreen.DEFAULT_CSS, "HelpScreen > VerticalScroll", "HelpScreen Label"),
    ):
        bg = color(declared(css, box, "background"), background, foreground=False)
        add(f"{what} text", color("$foreground", bg), bg)
        add(f"{what} dim text", color("$foreground", bg), bg, Style(dim=True))
        if label in rules(css):
            add(f"{what} labels", color(declared(css, label, "color"), bg), bg)
    surface = color("$surface", background, foreground=False)
    add("dialog input", color("$foreground", surface), surface)
    add("dialog button", color("$button-foreground", surface), surface)
    for variant in ("$primary", "$error"):
        bg = color(variant, background, foreground=False)
        add(f"dialog {variant} button", color("$button-color-foreground", bg), bg)

    # Lists (results, bookmarks, themes): rows as the results and bookmarks lists draw them.
    focused_list = blend(surface, foreground, 0.05)  # OptionList:focus has background-tint: $foreground 5%
    row_texts = {
        "title (unread)": styles["unread"],
        "title (read)": styles["read"],
        "meta (dim)": Style(dim=True),
        "snippet": Style(),
        "search hit": styles["hit"],
        "bookmark mark": styles["bookmark"],
        "bookmark tags": styles["figure"],
        "bookmark note": Style(italic=True),
    }
    for state, list_bg in (("focused", focused_list), ("unfocused", surface)):
        for what, style in row_texts.items():
            add(f"{state} list row, {what}", foreground, list_bg, style)
    # The selected row. Focused: $block-cursor-*; without focus the colour is
    # $foreground (OptionList's own CSS) on $block-cursor-blurred-background.
    for state, list_bg, prefix, fg_variable in (
        ("selected row", focused_list, "$block-cursor-", "$block-cursor-foreground"),
        ("selected row (list without focus)", surface, "$block-cursor-blurred-", "$foreground"),
    ):
        bg = color(prefix + "background", list_bg, foreground=False)
        fg = color(fg_variable, bg)
        row_style = text_style(palette.variables[prefix[1:] + "text-style"])
        for what, style in row_texts.items():
            fg_text, bg_text = palette.rich(style, fg, bg)
            add(f"{state}, {what}", fg_text, bg_text, Style(reverse=row_style.reverse))
    return pairs


@pytest.mark.parametrize("name", SHIPPED)
def test_every_text_of_the_theme_reaches_4_5_to_1(name):
    low = [
        f"{what}: {hex_of(fg)} on {hex_of(bg)} is {contrast_ratio(fg, bg):.2f}:1"
        for what, fg, bg in css_pairs(name)
        if contrast_ratio(fg, bg) < MIN_CONTRAST
    ]
    assert low == []


def test_the_pairs_cover_the_selected_row_and_tags():
    whats = [what for what, _, _ in css_pairs("reader-dark")]
    for needed in (
        "status line",
        "selected row, bookmark tags",
        "selected row, title (read)",
        "focused list row, bookmark tags",
        "BookmarkDialog labels",
        "dialog $primary button",
    ):
        assert any(what.startswith(needed) for what in whats), needed


# --------------------------------------------------------------------------
# What the app paints


def low_cells(app, widget, what: str) -> list[str]:
    """Text cells of ``widget`` (as painted now) under the minimum contrast, described."""
    region = widget.region
    assert region.area, f"{what} is not on screen"
    rows = screen_cells(app)
    low = []
    for y in range(region.y, region.bottom):
        for cell in rows[y][region.x : region.right]:
            if is_text(cell.char) and contrast_ratio(cell.fg, cell.bg) < MIN_CONTRAST:
                low.append(
                    f"{what} {cell.char!r} at {cell.x},{cell.y}: {hex_of(cell.fg)} on {hex_of(cell.bg)}"
                    f" ({contrast_ratio(cell.fg, cell.bg):.2f}:1)"
                )
    return low


def row_text(app, y: int, x0: int = 0, x1: int | None = None) -> str:
    return "".join(cell.char for cell in screen_cells(app)[y][x0:x1])


@pytest.mark.parametrize("name", SHIPPED)
async def test_status_line_dialogs_and_selected_rows_as_painted(tmp_path, name):
    from textual.widgets import Footer, OptionList

    from reader.tui.app import ResultsList
    from reader.tui.screens.bookmarks import BookmarkDialog, BookmarksScreen
    from reader.tui.screens.themes import ThemePicker

    app = make_app(tmp_path, config=Config(theme=name))
    low: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        assert app.theme == name
        await pilot.press("escape")  # to the results: the first one is selected, the list has focus
        await pilot.pause()
        results = app.query_one(ResultsList)
        assert results.has_focus and results.highlighted == 0
        low += low_cells(app, results, "results list")
        low += low_cells(app, app.query_one("#status"), "status line")
        low += low_cells(app, app.query_one(Footer), "footer")

        # A bookmark with tags and a note, selected in the bookmarks list.
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarkDialog))
        dialog = app.screen
        for key in "econ,uk":
            await pilot.press(key)
        await pilot.press("tab")
        for key in "later":
            await pilot.press(key)
        await pilot.pause()
        low += low_cells(app, dialog.query_one("Vertical"), "bookmark dialog")
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, BookmarkDialog))
        await pilot.press("ctrl+b")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        await pilot.press("down")  # from the filter to the list
        marks = app.screen.query_one(OptionList)
        assert marks.has_focus and marks.highlighted == 0
        assert "#econ #uk" in "\n".join(row_text(app, y) for y in range(marks.region.y, marks.region.bottom))
        low += low_cells(app, marks, "bookmarks list")
        low += low_cells(app, app.screen.query_one("#bookmarks-status"), "bookmarks status line")
        await pilot.press("escape", "escape")  # list -> filter -> leave
        await wait_for(pilot, lambda: not isinstance(app.screen, BookmarksScreen))

        # The theme picker: a dialog with a list, the current theme selected.
        await pilot.press("ctrl+t")
        await wait_for(pilot, lambda: isinstance(app.screen, ThemePicker))
        low += low_cells(app, app.screen.query_one("Vertical"), "theme picker")
        await pilot.press("escape")

        # The results list without focus (the viewer has it): the selected row stays readable.
        await wait_for(pilot, lambda: not isinstance(app.screen, ThemePicker))
        await pilot.press("enter")
        await wait_for(pilot, lambda: not results.has_focus)
        low += low_cells(app, results, "results list without focus")
    assert low == []


@pytest.mark.parametrize("name", SHIPPED)
async def test_the_screen_behind_a_dialog_stays_visible(tmp_path, name):
    from reader.tui.screens.bookmarks import BookmarkDialog

    app = make_app(tmp_path, config=Config(theme=name))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("escape")
        await pilot.pause()
        status = app.query_one("#status-left")
        y, x0 = status.region.y, status.region.x
        words = "articles, newest first"
        assert words in row_text(app, y, x0)
        before = screen_cells(app)[y][x0 + row_text(app, y, x0).index(words)]
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarkDialog))
        await pilot.pause()
        # The dialog sits in the middle; the status line below it shows through.
        assert words in row_text(app, y, x0), row_text(app, y, x0)
        cells = screen_cells(app)[y][x0:]
        start = row_text(app, y, x0).index(words)
        shown = cells[start : start + len(words)]
        ratios = [contrast_ratio(cell.fg, cell.bg) for cell in shown if is_text(cell.char)]
        assert min(ratios) >= 3, (hex_of(shown[0].fg), hex_of(shown[0].bg), hex_of(before.fg), hex_of(before.bg))
