"""The help screen: every key binding, as currently mapped."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def binding_rows(app) -> list[tuple[str, str, str, str]]:
    """(area, keys, description, binding id) for every binding with an id."""
    from reader.tui.app import ReaderApp, SearchInput
    from reader.tui.widgets.article import ArticleView
    from reader.tui.widgets.results import ResultsList

    keymap = getattr(app, "_keymap", {}) or {}
    rows = []
    for area, owner in (
        ("Anywhere", ReaderApp),
        ("Search box", SearchInput),
        ("Results", ResultsList),
        ("Article", ArticleView),
    ):
        for binding in owner.BINDINGS:
            if not isinstance(binding, Binding) or not binding.id:
                continue
            keys = keymap.get(binding.id, binding.key)
            shown = ", ".join(app.get_key_display(Binding(k.strip(), "")) for k in keys.split(","))
            rows.append((area, shown, binding.description, binding.id))
    return rows


class HelpScreen(ModalScreen[None]):
    """Lists every binding; any of escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=True),
        Binding("j,down", "scroll('down')", show=False),
        Binding("k,up", "scroll('up')", show=False),
    ]

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
                    "Query language: words (all must match), OR, NOT/-word, \"phrases\", "
                    "title:/dateline:/source:, date:2023-09, prefix karab*, fuzzy karabak~."
                )
            )

    def action_scroll(self, direction: str) -> None:
        scroller = self.query_one(VerticalScroll)
        scroller.scroll_down() if direction == "down" else scroller.scroll_up()
