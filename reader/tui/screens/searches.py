"""Remembered searches: the history popup, the saved searches and the save dialog.

* :class:`HistorySearch` (``ctrl+r`` in the search box, "Search history…"
  in the palette): type to filter the history (substring, newest first),
  ``up``/``down`` choose, ``enter`` runs the query, ``escape`` cancels.
* :class:`SavedSearchesScreen` ("Saved searches…" in the palette): every
  saved search; ``enter`` runs one, ``d``/``delete`` removes it.
* :class:`SaveSearchDialog` (``ctrl+s``, "Save search…"): a name for the
  query in the search box.

The stores are the app's (``app.history``, ``app.saved_searches``,
:mod:`reader.searches`); walking the history with up/down is the search
box's (:mod:`reader.tui.widgets.search`). The functions at the end are what
the main screen calls.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from reader.errors import ReaderError
from reader.searches import SavedSearch, SavedSearches, clean_query, matching
from reader.tui.keys import bindings
from reader.tui.screens.bookmarks import Dialog, _steady_cursors
from reader.tui.widgets.search import SearchInput

_POPUP_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 72; max-width: 100%; height: auto; max-height: 100%;
    background: $panel; border: round $primary; padding: 0 1;
    border-title-style: bold; border-subtitle-color: $text-muted;
}}
{name} OptionList, {name} OptionList:focus {{ height: auto; max-height: 50vh; border: none; padding: 0; }}
{name} .empty {{ color: $text-muted; }}
"""
"""The popups' look: the title and the keys on the border, the list at most half the terminal high
(the rest of the popup is five rows: it fits a terminal of 12 rows)."""


class HistorySearch(ModalScreen[str | None]):
    """Filter the search history as you type; enter returns the chosen query."""

    BINDINGS = bindings("history")

    DEFAULT_CSS = _POPUP_CSS.format(name="HistorySearch") + "HistorySearch Input { margin: 0; }"

    def __init__(self, entries: list[str]) -> None:
        super().__init__()
        self.entries = list(entries)  # oldest first
        self.shown: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Search history"
            box.border_subtitle = "↑↓ · enter runs · esc cancels"
            yield Input(placeholder="Type to filter", id="history-filter")
            yield OptionList(id="history-list")
            yield Static(classes="empty", id="history-empty")

    def on_mount(self) -> None:
        _steady_cursors(self)
        self.refilter()
        self.query_one("#history-filter", Input).focus()

    @on(Input.Changed, "#history-filter")
    def refilter(self) -> None:
        needle = self.query_one("#history-filter", Input).value
        self.shown = matching(self.entries, needle)
        options = self.query_one(OptionList)
        options.set_options(Option(Text(query)) for query in self.shown)
        if self.shown:
            options.highlighted = 0
        empty = self.query_one("#history-empty", Static)
        empty.display = not self.shown
        empty.update(
            Text("No earlier query matches." if self.entries else "No searches yet: enter in the search box records one.")
        )
        options.display = bool(self.shown)

    @property
    def current(self) -> str | None:
        index = self.query_one(OptionList).highlighted
        return self.shown[index] if index is not None and 0 <= index < len(self.shown) else None

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    @on(Input.Submitted, "#history-filter")
    def action_choose(self) -> None:
        query = self.current
        if query is not None:
            self.dismiss(query)

    @on(OptionList.OptionSelected, "#history-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self.shown):
            self.dismiss(self.shown[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


def _search_prompt(search: SavedSearch) -> Text:
    text = Text()
    text.append(search.name, "bold")
    text.append("\n  ")
    text.append(search.query, "italic")
    return text


class SavedSearchesScreen(ModalScreen[str | None]):
    """Every saved search: enter returns its query (to run), d removes it."""

    BINDINGS = bindings("saved_searches")

    DEFAULT_CSS = _POPUP_CSS.format(name="SavedSearchesScreen")

    def __init__(self, store: SavedSearches) -> None:
        super().__init__()
        self.store = store
        self.shown: list[SavedSearch] = []

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Saved searches"
            box.border_subtitle = "enter runs · d removes · esc"
            yield OptionList(id="saved-list")
            yield Static(classes="empty", id="saved-empty")

    def on_mount(self) -> None:
        try:
            self.store.load()
        except ReaderError as error:
            self.notify(str(error), title="Saved searches are read-only", severity="error", timeout=12, markup=False)
        self.refresh_entries()
        self.query_one(OptionList).focus()

    def refresh_entries(self) -> None:
        self.shown = self.store.all()
        options = self.query_one(OptionList)
        keep = options.highlighted
        options.set_options(Option(_search_prompt(search)) for search in self.shown)
        if self.shown:
            options.highlighted = min(keep or 0, len(self.shown) - 1)
        empty = self.query_one("#saved-empty", Static)
        if self.store.error is not None:
            empty.update(Text(str(self.store.error)))
        else:
            empty.update(Text("No saved searches yet: ctrl+s saves the query in the search box."))
        empty.display = not self.shown
        options.display = bool(self.shown)

    @property
    def current(self) -> SavedSearch | None:
        index = self.query_one(OptionList).highlighted
        return self.shown[index] if index is not None and 0 <= index < len(self.shown) else None

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    @on(OptionList.OptionSelected, "#saved-list")
    def action_run(self) -> None:
        search = self.current
        if search is not None:
            self.dismiss(search.query)

    def action_remove(self) -> None:
        search = self.current
        if search is None:
            return
        try:
            self.store.remove(search.name)
        except ReaderError as error:
            self.notify(str(error), title="Not removed", severity="error", timeout=10, markup=False)
        else:
            self.notify(f"Removed the saved search {search.name!r}", timeout=4, markup=False)
        self.refresh_entries()

    def action_close(self) -> None:
        self.dismiss(None)


class SaveSearchDialog(Dialog[str | None]):
    """Ask for the name to save a query under."""

    BINDINGS = bindings("save_search")

    DEFAULT_CSS = """
    SaveSearchDialog > Vertical { width: 64; border-title-style: bold; }
    """

    def __init__(self, query: str) -> None:
        super().__init__()
        self.search_query = query

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Save the search"
            yield Static(Text(self.search_query, "italic"))
            yield Label("Name")
            yield Input(self.search_query, id="save-search-name")
            with Horizontal():
                yield Button("Save", variant="primary", id="save-search-save")
                yield Button("Cancel", id="save-search-cancel")

    def on_mount(self) -> None:
        _steady_cursors(self)
        name = self.query_one("#save-search-name", Input)
        name.focus()
        name.select_all()  # typing replaces the suggested name

    @on(Input.Submitted, "#save-search-name")
    @on(Button.Pressed, "#save-search-save")
    def _save(self) -> None:
        name = clean_query(self.query_one("#save-search-name", Input).value)
        if name:
            self.dismiss(name)

    @on(Button.Pressed, "#save-search-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


# -- what the main screen calls --------------------------------------------------


def remember_query(app, text: str) -> None:
    """Record ``text`` (the query in the search box) in the history; say so if it cannot be saved."""
    try:
        app.history.add(text)
    except ReaderError as error:
        app.notify(str(error), title="Search history not saved", severity="warning", timeout=12, markup=False)


def run_query(screen, query: str) -> None:
    """Put ``query`` in the search box (which searches as it changes) and focus it."""
    screen.query_one(SearchInput).recall(query)


def open_history_search(screen) -> None:
    def done(query: str | None) -> None:
        if query is not None:
            run_query(screen, query)

    screen.app.push_screen(HistorySearch(screen.app.history.entries), done)


def open_save_dialog(screen) -> None:
    app = screen.app
    # What the results shown were searched with: a word being typed that
    # found nothing was searched as a prefix, and the saved search (run
    # from the command line too) lists the same.
    query = clean_query(screen.answered_text())
    if not query:
        app.notify("Type a query first: the search box is empty", title="Nothing to save", severity="warning", timeout=4)
        return
    store: SavedSearches = app.saved_searches

    def done(name: str | None) -> None:
        if name is None:
            return
        try:
            old = store.save(name, query)
        except ReaderError as error:
            app.notify(str(error), title="Search not saved", severity="error", timeout=12, markup=False)
            return
        replaced = f" (it replaces {old.query!r})" if old is not None and old.query != query else ""
        app.notify(f"Saved the search {name!r}{replaced}", timeout=4, markup=False)

    app.push_screen(SaveSearchDialog(query), done)


def open_saved_searches(screen) -> None:
    def done(query: str | None) -> None:
        if query is not None:
            run_query(screen, query)

    screen.app.push_screen(SavedSearchesScreen(screen.app.saved_searches), done)
