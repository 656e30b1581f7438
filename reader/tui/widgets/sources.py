"""The sources pane: the library by feed, folder and feed tag, with unread
counts; choosing one keeps the search to it (``f`` shows and hides it)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.library import Scope

HEADINGS = {"feed": "Feeds", "folder": "Folders", "tag": "Tags"}


class SourcesPane(OptionList):
    """Lists the scopes; the screen acts on ``OptionSelected``."""

    DEFAULT_CSS = """
    SourcesPane { padding: 0; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.scopes: dict[str, Scope] = {}
        self.unread_only = False

    def show_scopes(self, scopes: list[Scope], current: str) -> None:
        """List ``scopes``, the one whose words are ``current`` marked."""
        options: list[Option] = []
        self.scopes = {}
        toggle = Text("[x] " if self.unread_only else "[ ] ")
        toggle.append("Unread only")
        options.append(Option(toggle, id="unread-only"))
        heading = None
        for number, scope in enumerate(scopes):
            if scope.kind in HEADINGS and scope.kind != heading:
                heading = scope.kind
                options.append(Option(Text(HEADINGS[heading], style="bold"), disabled=True))
            counts = f"{scope.unread}/{scope.total}"
            room = max(4, (self.size.width or 30) - 2 - 2 - len(counts) - 1)  # marker, padding, counts, a space
            name = scope.name if len(scope.name) <= room else scope.name[: room - 1] + "…"
            label = Text("▸ " if scope.words == current else "  ")
            label.append(name, style="bold" if scope.unread else "dim")
            label.append(" " * max(1, room - len(name) + 1))
            label.append(str(scope.unread), style="" if scope.unread else "dim")
            label.append(f"/{scope.total}", style="dim")
            option_id = f"scope-{number}"
            self.scopes[option_id] = scope
            options.append(Option(label, id=option_id))
        highlighted = self.highlighted
        self.set_options(options)
        if highlighted is not None and highlighted < len(options):
            self.highlighted = highlighted
