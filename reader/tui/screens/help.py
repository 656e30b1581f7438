"""The help screen: every key binding, as currently mapped."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.keys import bindings


def _bindings(app):
    """(area, screen, binding, keys as currently mapped) for every binding with an id.

    The places with bindings come from the app (``app.binding_areas()``:
    (area, screen, owner class) in the order to list them); the keys from
    its keymap.
    """
    keymap = getattr(app, "_keymap", {}) or {}
    for area, screen, owner in app.binding_areas():
        for binding in owner.BINDINGS:
            if isinstance(binding, Binding) and binding.id:
                keys = [k.strip() for k in keymap.get(binding.id, binding.key).split(",") if k.strip()]
                yield area, screen, binding, keys


def binding_rows(app) -> list[tuple[str, str, str, str]]:
    """(area, keys, description, binding id) for every binding with an id."""
    return [
        (area, ", ".join(app.get_key_display(Binding(k, "")) for k in keys), binding.description, binding.id)
        for area, _, binding, keys in _bindings(app)
    ]


def key_clashes(app) -> list[str]:
    """One message per key bound to two actions in the same place.

    On the main screen an app-wide key clashes with the same key in any of
    its areas (the focused widget would win and hide it).
    """
    seen: dict[tuple[str, str, str], str] = {}
    messages = []
    for area, screen, binding, keys in _bindings(app):
        for key in keys:
            scopes = [area] if area != "Anywhere" else list(dict.fromkeys(a for a, s, _ in app.binding_areas() if s == "main"))
            for scope in scopes:
                other = seen.get((screen, scope, key)) or seen.get((screen, "Anywhere", key))
                if other and other != binding.id:
                    message = f"key {key!r} is bound to both {other} and {binding.id}"
                    if message not in messages:
                        messages.append(message)
            seen.setdefault((screen, area, key), binding.id)
    return messages


class HelpScreen(ModalScreen[None]):
    """Lists every binding; any of escape, q or ? closes it."""

    BINDINGS = bindings("help")

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90; max-width: 100%; height: 90%;
        background: $panel; border: round $primary; padding: 0 1;
    }
    HelpScreen #help-title { text-style: bold; margin: 0 0 1 0; }
    """

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_header=True, header_style="bold", pad_edge=False)
        table.add_column("Where", style="dim", no_wrap=True)
        table.add_column("Keys", style="bold", no_wrap=True)
        table.add_column("Action")
        table.add_column("Id (for keys: in config.yaml)", style="dim")
        for area, keys, description, binding_id in binding_rows(self.app):
            table.add_row(area, keys, description, binding_id)
        with VerticalScroll():
            yield Static(Text("Reader — keys"), id="help-title")
            yield Static(table)
            yield Static(
                Text(
                    "\nctrl+p opens the command palette with every action. "
                    'Query language: words (all must match), OR, NOT/-word, "phrases", '
                    "title:/dateline:/source:, date:2023-09, prefix karab*, fuzzy karabak~."
                )
            )

    def action_scroll(self, direction: str) -> None:
        scroller = self.query_one(VerticalScroll)
        scroller.scroll_down() if direction == "down" else scroller.scroll_up()
