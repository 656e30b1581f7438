"""The theme picker: move through the list to preview, enter keeps, escape reverts."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.tui.keys import bindings


class ThemePicker(ModalScreen[str | None]):
    """Lists every available theme; the highlighted one is applied live."""

    BINDINGS = bindings("themes")

    DEFAULT_CSS = """
    ThemePicker { align: center middle; }
    ThemePicker > Vertical {
        width: 48; max-width: 100%; height: auto; max-height: 80%;
        background: $panel; border: round $primary; padding: 0 1;
    }
    ThemePicker #theme-title { text-style: bold; }
    ThemePicker OptionList { height: auto; max-height: 24; border: none; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.original = ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Theme  (↑↓ preview · enter keep · escape cancel)"), id="theme-title")
            yield OptionList(id="theme-list")

    def on_mount(self) -> None:
        self.original = self.app.theme
        names = sorted(self.app.available_themes, key=lambda n: (not n.startswith("reader-"), n))
        options = self.query_one(OptionList)
        options.set_options(Option(Text(name), id=name) for name in names)
        if self.original in names:
            options.highlighted = names.index(self.original)
        options.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.app.theme = event.option.id

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_choose(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        self.dismiss(option.id if option else None)

    def action_cancel(self) -> None:
        self.app.theme = self.original
        self.dismiss(None)
