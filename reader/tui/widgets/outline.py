"""The outline panel: the article's quotes (with speaker) and figures."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.tui.styles import reader_styles


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


# A very long article can hold thousands of quotes and figures; the panel
# lists the first ones of each kind (the jump keys reach all of them).
MAX_PER_KIND = 300


class Outline(OptionList):
    """Lists quotes and figures; selecting one scrolls the viewer to it."""

    DEFAULT_CSS = """
    Outline { border-left: solid $panel-lighten-2; padding: 0; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.targets: dict[str, tuple[str, int]] = {}

    def show_marks(self, marks: dict) -> None:
        styles = reader_styles(self.app)
        options: list[Option] = []
        self.targets = {}
        for kind, label in (("quote", "Quotes"), ("figure", "Figures")):
            items = marks.get(kind, [])
            options.append(Option(Text(f"{label} ({len(items)})", style="bold"), disabled=True))
            for index, mark in enumerate(items[:MAX_PER_KIND]):
                text = Text()
                if kind == "quote":
                    text.append(_short(mark.text), styles["quote"])
                    if mark.speaker:
                        text.append(f" — {mark.speaker}", "dim")
                else:
                    text.append(_short(mark.text, 40), styles["figure-" + (mark.subtype or "other")])
                    if mark.subtype:
                        text.append(f"  {mark.subtype}", "dim")
                option_id = f"{kind}-{index}"
                self.targets[option_id] = (kind, index)
                options.append(Option(text, id=option_id))
            if len(items) > MAX_PER_KIND:
                keys = "] and [" if kind == "quote" else "} and {"
                more = f"… {len(items) - MAX_PER_KIND:,} more: {keys} reach them in the article"
                options.append(Option(Text(more, style="dim italic"), disabled=True))
        self.set_options(options)
