"""Bookmark dialogs and the bookmarks screen.

* :class:`BookmarkDialog` (``B``): choose the list, edit tags and the note.
* :class:`ExportDialog`: choose a format and a path, then write the file.
* :class:`BookmarksScreen` (``ctrl+b``): every list and entry, filter as you
  type, open, remove (with undo), edit, export.

The bookmarks screen opens with the focus in its filter box, so whatever is
typed there is filter text: the list keys (``d`` remove, ``u`` undo, ``e``
edit) act only while the list has the focus. down, tab or enter go from the
filter to the list; escape or ``/`` go back; escape in the filter leaves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from reader.bookmarks.export import FORMATS
from reader.bookmarks.store import Bookmark, BookmarkStore
from reader.choices import EXPORT_EXTENSIONS
from reader.errors import ReaderError
from reader.tui.keys import bindings
from reader.tui.messages import EditBookmark, ExportBookmarks, OpenArticle, RemoveBookmark, UndoRemoveBookmark
from reader.tui.styles import reader_styles

DialogResult = TypeVar("DialogResult")


class Dialog(ModalScreen[DialogResult]):
    """A small form in a box in the middle of the screen (the bookmark and export dialogs)."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical {
        max-width: 100%; height: auto;
        background: $panel; border: round $primary; padding: 0 1;
    }
    Dialog Label { margin: 1 0 0 0; color: $text-muted; }
    Dialog Horizontal { height: auto; margin: 1 0 0 0; }
    Dialog Button { margin: 0 1 0 0; }
    """


@dataclass(frozen=True)
class BookmarkEdit:
    """What the bookmark dialog returns."""

    list: str
    tags: tuple[str, ...]
    note: str
    remove: bool = False


_TAG_SEPARATORS = re.compile(r"[,;]")


class BookmarkDialog(Dialog[BookmarkEdit | None]):
    """Choose the list, edit tags (comma separated) and the note."""

    BINDINGS = bindings("bookmark_dialog")

    DEFAULT_CSS = """
    BookmarkDialog > Vertical { width: 70; }
    BookmarkDialog #bookmark-title { text-style: bold; }
    """

    def __init__(self, title: str, lists: list[str], current: Bookmark | None, default_list: str) -> None:
        super().__init__()
        self.article_title = title
        self.lists = lists
        self.current = current
        self.default_list = current.list if current else default_list

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.article_title), id="bookmark-title")
            yield Label("List")
            yield Select([(name, name) for name in self.lists], value=self.default_list, allow_blank=False, id="bookmark-list")
            yield Label("Tags (comma separated)")
            yield Input(", ".join(self.current.tags) if self.current else "", id="bookmark-tags")
            yield Label("Note")
            yield Input(self.current.note if self.current else "", id="bookmark-note")
            with Horizontal():
                yield Button("Save", variant="primary", id="bookmark-save")
                if self.current:
                    yield Button("Remove", variant="error", id="bookmark-remove")
                yield Button("Cancel", id="bookmark-cancel")

    def on_mount(self) -> None:
        _steady_cursors(self)
        self.query_one("#bookmark-tags", Input).focus()

    def _edit(self, remove: bool = False) -> BookmarkEdit:
        # Commas part the tags, and semicolons too: a tag may hold neither
        # (reader.bookmarks.store.clean_tags), so "a; b" is two tags.
        typed = _TAG_SEPARATORS.split(self.query_one("#bookmark-tags", Input).value)
        tags = tuple(t.strip() for t in typed if t.strip())
        return BookmarkEdit(
            list=str(self.query_one("#bookmark-list", Select).value),
            tags=tags,
            note=self.query_one("#bookmark-note", Input).value,
            remove=remove,
        )

    @on(Input.Submitted)
    def action_save(self) -> None:
        self.dismiss(self._edit())

    @on(Button.Pressed, "#bookmark-save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#bookmark-remove")
    def _remove(self) -> None:
        self.dismiss(self._edit(remove=True))

    @on(Button.Pressed, "#bookmark-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportDialog(Dialog[tuple[str, Path] | None]):
    """Ask for the export format and the file to write."""

    BINDINGS = bindings("export_dialog")

    DEFAULT_CSS = """
    ExportDialog > Vertical { width: 80; }
    """

    def __init__(self, directory: Path, format: str, stem: str) -> None:
        super().__init__()
        self.directory = directory
        self.format = format
        self.stem = stem

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Export bookmarks"), classes="title")
            yield Label("Format")
            yield Select([(name, name) for name in FORMATS], value=self.format, allow_blank=False, id="export-format")
            yield Label("File")
            yield Input(str(self._path(self.format)), id="export-path")
            with Horizontal():
                yield Button("Export", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        _steady_cursors(self)

    def _path(self, format: str) -> Path:
        return self.directory / f"{self.stem}{EXPORT_EXTENSIONS[format]}"

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        path_input = self.query_one("#export-path", Input)
        old = Path(path_input.value)
        if old.parent == self.directory:
            path_input.value = str(self._path(str(event.value)))

    @on(Input.Submitted)
    @on(Button.Pressed, "#export-go")
    def _go(self) -> None:
        value = self.query_one("#export-path", Input).value.strip()
        if value:
            self.dismiss((str(self.query_one("#export-format", Select).value), Path(value).expanduser()))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _steady_cursors(screen) -> None:
    """Follow the app's ``cursor_blink`` setting (off in tests: stable screenshots)."""
    blink = getattr(screen.app, "cursor_blink", True)
    for box in screen.query(Input):
        box.cursor_blink = blink


def entry_matches(entry: Bookmark, needle: str) -> bool:
    """Whether the filter text ``needle`` is in the entry's title, note, list, id or tags."""
    needle = needle.casefold().strip()
    return not needle or needle in " ".join((entry.title, entry.note, entry.list, entry.id, " ".join(entry.tags))).casefold()


def entry_prompt(entry: Bookmark, styles) -> Table:
    lines = Text()
    lines.append(entry.title or entry.id, styles["unread"])
    meta = " · ".join(p for p in (entry.list, entry.date or "", entry.id) if p)
    lines.append("\n")
    lines.append(meta, "dim")
    if entry.tags:
        lines.append("\n")
        lines.append(" ".join(f"#{t}" for t in entry.tags), styles["figure"])
    if entry.note:
        lines.append("\n")
        lines.append(" ".join(entry.note.split()), "italic")
    lines.append("\n")  # a blank line between entries
    grid = Table.grid(expand=True)
    grid.add_column(width=2, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text("★", styles["bookmark"]), lines)
    return grid


class BookmarksScreen(Screen[None]):
    """Every bookmark list and entry."""

    BINDINGS = bindings("bookmarks")

    LIST_ACTIONS = frozenset({"open", "remove", "undo", "edit", "cursor"})
    """Actions that run only while the list has the focus (never from the filter)."""

    DEFAULT_CSS = """
    BookmarksScreen #bookmarks-filter { margin: 0 1; }
    BookmarksScreen #bookmarks-status { height: 1; padding: 0 1; background: $panel; color: $text-muted; }
    BookmarksScreen OptionList { height: 1fr; border: none; }
    """

    def __init__(self, store: BookmarkStore, export_dir: Path, export_format: str) -> None:
        super().__init__()
        self.store = store  # read here; the app makes the changes asked for (messages)
        self.export_dir = export_dir
        self.export_format = export_format
        self.shown: list[Bookmark] = []

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter bookmarks: title, tag, note, list", id="bookmarks-filter")
        yield OptionList(id="bookmarks-list")
        yield Static(id="bookmarks-status")
        yield Footer()

    def on_mount(self) -> None:
        _steady_cursors(self)
        self.refresh_entries()
        self.query_one("#bookmarks-filter", Input).focus()

    def refresh_entries(self) -> None:
        try:
            self.store.load()
        except ReaderError as error:
            self.query_one("#bookmarks-status", Static).update(Text(str(error)))
            self.notify(str(error), title="Bookmarks are read-only", severity="error", timeout=10, markup=False)
        needle = self.query_one("#bookmarks-filter", Input).value
        entries = [e for e in self.store.entries() if entry_matches(e, needle)]
        self.shown = entries
        styles = reader_styles(self.app)
        options = self.query_one(OptionList)
        keep = options.highlighted
        options.set_options(Option(entry_prompt(e, styles)) for e in entries)
        if entries:
            options.highlighted = min(keep or 0, len(entries) - 1)
        lists = ", ".join(f"{name} ({len(self.store.entries(name))})" for name in self.store.lists()) or "no bookmarks yet"
        if self.store.error is None:
            self.query_one("#bookmarks-status", Static).update(Text(f"{len(entries)} shown · lists: {lists}"))

    @on(Input.Changed, "#bookmarks-filter")
    def _filter(self) -> None:
        self.refresh_entries()

    @on(Input.Submitted, "#bookmarks-filter")
    def _filter_done(self) -> None:
        self.action_focus_list()

    def _list_has_focus(self) -> bool:
        return self.focused is self.query_one(OptionList)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The filter takes letters as text, but a key remapped to, say,
        # ctrl+r would reach these from the filter: refuse them there.
        if action in self.LIST_ACTIONS and not self._list_has_focus():
            return None  # shown disabled in the footer
        return True

    @property
    def current(self) -> Bookmark | None:
        index = self.query_one(OptionList).highlighted
        return self.shown[index] if index is not None and 0 <= index < len(self.shown) else None

    def action_cursor(self, direction: str) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if direction == "down" else options.action_cursor_up()

    def action_focus_filter(self) -> None:
        self.query_one("#bookmarks-filter", Input).focus()

    def action_focus_list(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if options.highlighted is None and self.shown:
            options.highlighted = 0

    def action_back(self) -> None:
        if self._list_has_focus():
            self.action_focus_filter()
        else:
            self.dismiss()

    @on(OptionList.OptionSelected)
    def action_open(self) -> None:
        entry = self.current
        if entry is not None:
            self.post_message(OpenArticle(entry.id))
            self.dismiss()

    def action_remove(self) -> None:
        entry = self.current
        if entry is not None:
            self.post_message(RemoveBookmark(entry))

    def action_undo(self) -> None:
        self.post_message(UndoRemoveBookmark())

    def action_edit(self) -> None:
        entry = self.current
        if entry is not None:
            self.post_message(EditBookmark(entry.id, entry.title or entry.id, entry))

    def action_export(self) -> None:
        entries = tuple(self.shown)

        def done(choice) -> None:
            if choice is not None:
                format, path = choice
                self.post_message(ExportBookmarks(entries, format, path))

        self.app.push_screen(ExportDialog(self.export_dir, self.export_format, "bookmarks"), done)
