"""Every key binding of the app, declared once and without Textual.

Each :class:`Key` has the id users remap in ``config.yaml`` (``keys:``), its
default key(s), the action it runs, its description and whether the footer
shows it. The TUI builds its ``BINDINGS`` from :data:`BINDINGS`
(:func:`reader.tui.keys.bindings`); ``reader config check`` validates ids,
key names and clashes against it.
"""

from __future__ import annotations

import difflib
import string
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    """One binding: ``id`` is ``<area>.<name>``."""

    id: str
    keys: str
    """The default key(s), comma separated (Textual's names: ``ctrl+b``, ``slash``, ``G``)."""
    action: str
    description: str
    show: bool = True
    priority: bool = False
    on: str = ""
    """Where the TUI binds it, when not on its area's class (``main``: the main screen)."""

    @property
    def area(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def bound_on(self) -> str:
        return self.on or self.area


AREAS: dict[str, tuple[str, str]] = {
    "app": ("Anywhere", "main"),
    "search": ("Search box", "main"),
    "results": ("Results", "main"),
    "article": ("Article", "main"),
    "bookmarks": ("Bookmarks screen", "bookmarks"),
    "bookmark_dialog": ("Bookmark dialog", "bookmark dialog"),
    "export_dialog": ("Export dialog", "export dialog"),
    "themes": ("Theme picker", "themes"),
    "history": ("Search history", "history"),
    "saved_searches": ("Saved searches", "saved searches"),
    "save_search": ("Save search dialog", "save search dialog"),
    "help": ("Help", "help"),
}
"""Area (the first part of a binding id) -> (title, screen it is on). ``app`` is app-wide."""

BINDINGS: tuple[Key, ...] = (
    Key("search.accept_suggestion", "tab", "accept_suggestion", "Accept suggestion", show=False),
    Key("search.history_older", "up", "history_older", "Older query from the history", show=False),
    Key("search.to_results", "down", "to_results", "Newer query; at what you typed: to results", show=False),
    Key("search.history_search", "ctrl+r", "history_search", "Search history…", show=False),
    Key("app.focus_search", "slash", "focus_search", "Search", on="main"),
    Key("app.back", "escape", "back", "Back", show=False, on="main"),
    Key("app.toggle_outline", "o", "toggle_outline", "Outline"),
    Key("app.help", "question_mark", "help", "Help"),
    Key("app.help_anywhere", "f1", "help", "Help", show=False, priority=True),
    Key("app.toggle_sort", "s", "toggle_sort", "Sort", show=False),
    Key("app.pick_theme", "ctrl+t", "pick_theme", "Theme", show=False),
    Key("app.toggle_bookmark", "b", "toggle_bookmark", "Bookmark"),
    Key("app.edit_bookmark", "B", "edit_bookmark", "Bookmark…", show=False),
    Key("app.bookmarks", "ctrl+b", "bookmarks", "Bookmarks"),
    Key("app.save_query", "ctrl+s", "save_search", "Save search…", show=False, on="main"),
    Key("app.toggle_read", "m", "toggle_read", "Read / unread", show=False, on="main"),
    Key("app.mark_all_read", "M", "mark_all_read", "Mark all listed read", show=False, on="main"),
    Key("app.undo_read", "ctrl+z", "undo_read", "Undo mark all read", show=False, on="main"),
    Key("app.next_unread", "full_stop", "next_unread", "Next unread", show=False, on="main"),
    Key("app.fetch_feeds", "r", "fetch_feeds", "Fetch feeds", show=False),
    Key("app.open_link", "O", "open_link", "Open link in browser", show=False, on="main"),
    Key("app.copy_link", "y", "copy_link", "Copy link", show=False, on="main"),
    Key("app.copy_title", "Y", "copy_title", "Copy title", show=False, on="main"),
    Key("app.full_text", "F", "full_text", "Fetch full text", show=False, on="main"),
    Key("app.toggle_sources", "f", "toggle_sources", "Sources", on="main"),
    Key("app.quit", "q", "quit", "Quit"),
    Key("app.quit_always", "ctrl+q", "quit", "Quit", show=False, priority=True),
    Key("results.down", "j", "cursor_down", "Down", show=False),
    Key("results.up", "k", "cursor_up", "Up", show=False),
    Key("results.first", "g", "first", "First", show=False),
    Key("results.last", "G", "last", "Last", show=False),
    Key("article.next_hit", "n", "next('hit')", "Next hit"),
    Key("article.previous_hit", "N", "previous('hit')", "Prev hit", show=False),
    Key("article.next_quote", "]", "next('quote')", "Next quote"),
    Key("article.previous_quote", "[", "previous('quote')", "Prev quote", show=False),
    Key("article.next_figure", "}", "next('figure')", "Next figure"),
    Key("article.previous_figure", "{", "previous('figure')", "Prev figure", show=False),
    Key("article.down", "j,down", "scroll_down", "Down", show=False),
    Key("article.up", "k,up", "scroll_up", "Up", show=False),
    Key("article.page_down", "space,pagedown", "page_down", "Page down", show=False),
    Key("article.page_up", "pageup", "page_up", "Page up", show=False),
    Key("article.top", "g,home", "scroll_home", "Top", show=False),
    Key("article.bottom", "G,end", "scroll_end", "Bottom", show=False),
    Key("article.toggle_quotes", "1", "toggle_kind('quote')", "Quotes on/off", show=False),
    Key("article.toggle_figures", "2", "toggle_kind('figure')", "Figures on/off", show=False),
    Key("article.toggle_hits", "3", "toggle_kind('hit')", "Hits on/off", show=False),
    Key("bookmarks.back", "escape", "back", "Back"),
    Key("bookmarks.filter", "slash", "focus_filter", "Filter"),
    Key("bookmarks.to_list", "down", "focus_list", "List", show=False),
    Key("bookmarks.open", "enter", "open", "Open", show=False),
    Key("bookmarks.remove", "d,delete", "remove", "Remove"),
    Key("bookmarks.undo", "u", "undo", "Undo"),
    Key("bookmarks.edit", "e", "edit", "Edit"),
    Key("bookmarks.export", "x", "export", "Export"),
    Key("bookmarks.down", "j", "cursor('down')", "Down", show=False),
    Key("bookmarks.up", "k", "cursor('up')", "Up", show=False),
    Key("bookmark_dialog.cancel", "escape", "cancel", "Cancel"),
    Key("bookmark_dialog.save", "ctrl+s", "save", "Save"),
    Key("export_dialog.cancel", "escape", "cancel", "Cancel"),
    Key("themes.cancel", "escape", "cancel", "Cancel"),
    Key("themes.choose", "enter", "choose", "Use theme"),
    Key("themes.down", "j", "move(1)", "Down", show=False),
    Key("themes.up", "k", "move(-1)", "Up", show=False),
    Key("history.cancel", "escape", "cancel", "Cancel"),
    Key("history.choose", "enter", "choose", "Run query"),
    Key("history.down", "down", "move(1)", "Older", show=False),
    Key("history.up", "up", "move(-1)", "Newer", show=False),
    Key("saved_searches.close", "escape", "close", "Close"),
    Key("saved_searches.run", "enter", "run", "Run search"),
    Key("saved_searches.remove", "d,delete", "remove", "Remove"),
    Key("saved_searches.down", "j", "move(1)", "Down", show=False),
    Key("saved_searches.up", "k", "move(-1)", "Up", show=False),
    Key("save_search.cancel", "escape", "cancel", "Cancel"),
    Key("help.close", "escape,q,question_mark", "dismiss", "Close"),
    Key("help.down", "j,down", "scroll('down')", "Down", show=False),
    Key("help.up", "k,up", "scroll('up')", "Up", show=False),
)
"""Every binding, grouped by area."""

BY_ID: dict[str, Key] = {key.id: key for key in BINDINGS}


def in_area(area: str) -> list[Key]:
    """The bindings of ``area``, in order."""
    return [key for key in BINDINGS if key.area == area]


def suggest_id(name: str) -> str | None:
    """The binding id ``name`` was probably meant to be (``toggle_bookmark`` -> ``app.toggle_bookmark``)."""
    close = difflib.get_close_matches(name, BY_ID, n=1, cutoff=0.6)
    if close:
        return close[0]
    short = {key.id.split(".", 1)[1]: key.id for key in BINDINGS}
    close = difflib.get_close_matches(name.split(".")[-1], short, n=1, cutoff=0.6)
    return short[close[0]] if close else None


# --------------------------------------------------------------------------
# Key names (the rules of Textual's key strings, without importing Textual)

MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")

NAMED_KEYS = frozenset(
    """
    escape enter return tab backtab space backspace delete insert home end pageup pagedown
    up down left right newline at slash backslash minus plus underscore
    """.split()
    + [f"f{n}" for n in range(1, 25)]
)
"""Key names that are not a character's name (a test keeps them in step with ``textual.keys.Keys``)."""

_PUNCTUATION_NAMES = frozenset(unicodedata.name(char).lower().replace("-", "_").replace(" ", "_") for char in string.punctuation)
"""``less_than_sign``, ``question_mark`` ...: Textual names a character key after its Unicode name."""


def is_key_name(key: str) -> bool:
    """Whether ``key`` (one key, no commas) is a key Textual can bind: ``ctrl+d``, ``G``, ``question_mark``."""
    *mods, base = key.split("+") if key not in ("+",) else ["+"]
    if any(mod not in MODIFIERS for mod in mods) or not base:
        return False
    if len(base) == 1:
        return base.isprintable() and not base.isspace()
    if base in NAMED_KEYS or base in _PUNCTUATION_NAMES:
        return True
    try:
        char = unicodedata.lookup(base.replace("_", " ").upper())
    except KeyError:
        return False
    return char.isprintable() and not char.isalnum()


def split_keys(keys: str) -> list[str]:
    """``"j, down"`` -> ``["j", "down"]`` (empty parts kept, to be reported)."""
    return [part.strip() for part in keys.split(",")]


def clashes(keymap: dict[str, str]) -> list[tuple[str, str, str]]:
    """``(key, id, other id)`` for each key bound twice where both can fire, with ``keymap`` applied.

    Within an area a key may do one thing; on the main screen an app-wide
    key also clashes with the same key in any of its areas (the focused
    widget would win and hide it). Only clashes involving a remapped id
    are returned.
    """
    bound: dict[tuple[str, str], str] = {}
    found: list[tuple[str, str, str]] = []
    ordered = sorted(BINDINGS, key=lambda item: item.id in keymap)  # defaults first, then the remapped
    for binding in ordered:
        screen = AREAS[binding.area][1]
        for key in split_keys(keymap.get(binding.id, binding.keys)):
            scopes = [binding.area] + (["app"] if screen == "main" else [])
            if binding.area == "app":
                scopes = [area for area, (_, where) in AREAS.items() if where == "main"]
            for scope in scopes:
                other = bound.get((scope, key))
                if other and other != binding.id and (other in keymap or binding.id in keymap):
                    found.append((key, binding.id, other))
                    break
            else:
                bound[(binding.area, key)] = binding.id
    return found
