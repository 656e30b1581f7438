"""Adding to the library from the app: a folder, a feed, an OPML file
(palette: "Add a folder…", "Add a feed…", "Import OPML…"), and the hint a
library of the bundled article alone shows beside it.

The dialog asks for one line (a path or an address); the work runs in a
worker and ends with the index brought up to date.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from reader.errors import ReaderError
from reader.tui.keys import bindings
from reader.tui.screens.bookmarks import Dialog, _steady_cursors

if TYPE_CHECKING:
    from reader.tui.screens.main import MainScreen

FIRST_RUN = """\
Your library holds only the bundled sample article.
To read your own news, add:

• a folder of articles or saved web pages
    reader index ~/news
    or ctrl+p: Add a folder…
• a feed (then r fetches it)
    reader feeds add https://example.org/rss.xml
    or ctrl+p: Add a feed…
• your subscriptions from another reader
    reader feeds import FILE.opml
    or ctrl+p: Import OPML…

f: your feeds and folders, with unread counts
?: every key"""

KINDS = {
    "folder": ("Add a folder", "A folder (or file) of articles, web pages or feed files", "~/news"),
    "feed": ("Add a feed", "The feed's address, or a feed file", "https://example.org/rss.xml"),
    "opml": ("Import OPML", "An OPML file of subscriptions (exported from another reader)", "~/subscriptions.opml"),
}


class AddDialog(Dialog[str | None]):
    """Ask for a path or an address."""

    BINDINGS = bindings("save_search")  # escape cancels, as in the other one-line dialogs

    DEFAULT_CSS = """
    AddDialog > Vertical { width: 72; border-title-style: bold; }
    """

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        title, label, placeholder = KINDS[self.kind]
        with Vertical() as box:
            box.border_title = title
            yield Label(label)
            yield Input(placeholder=placeholder, id="add-value")
            with Horizontal():
                yield Button(title.split()[0], variant="primary", id="add-ok")
                yield Button("Cancel", id="add-cancel")

    def on_mount(self) -> None:
        _steady_cursors(self)
        self.query_one("#add-value", Input).focus()

    @on(Input.Submitted, "#add-value")
    @on(Button.Pressed, "#add-ok")
    def _ok(self) -> None:
        value = self.query_one("#add-value", Input).value.strip()
        if value:
            self.dismiss(value)

    @on(Button.Pressed, "#add-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def ask(screen: MainScreen, kind: str) -> None:
    """Show the dialog; add what is given in a worker."""

    def done(value: str | None) -> None:
        if value:
            screen.run_worker(lambda: _add(screen, kind, value), thread=True, group="adding", exit_on_error=False)

    screen.app.push_screen(AddDialog(kind), done)


def _add(screen: MainScreen, kind: str, value: str) -> None:
    from reader.feeds.manager import Feeds

    app = screen.app
    say = app.call_from_thread
    feeds = Feeds(screen.home)
    try:
        if kind == "folder":
            path = Path(value).expanduser()
            added = screen.library.add([path])
            adopted = feeds.adopt([path])
            if adopted:
                feeds.fetch([feed.name for feed in adopted])
            what = f"Added {path}" if added else f"{path} is in the library already"
            if adopted:
                what += f" ({len(adopted)} feed file{'s' if len(adopted) != 1 else ''} subscribed)"
        elif kind == "feed":
            feed = feeds.add(value)
            report = feeds.fetch([feed.name])[0]
            what = f"Subscribed to {feed.name}: {report.line().split(': ', 1)[1]}"
        else:
            added_feeds, skipped, _ = feeds.import_opml(Path(value).expanduser())
            what = f"Subscribed to {len(added_feeds)} feeds" + (f" ({len(skipped)} skipped)" if skipped else "")
            what += "; press r to fetch them"
    except ReaderError as error:
        say(screen.notify, str(error), severity="error", timeout=8, markup=False)
        return
    say(screen.notify, what, timeout=6, markup=False)
    say(screen.reindex)


def show_first_run_hint(screen: MainScreen) -> None:
    """Beside a library of the bundled article alone, say how to add to it."""
    from reader.feeds.subscriptions import FeedList, FeedsError

    library = screen.library
    placeholder = screen.query_one("#article-empty", Static)
    if screen.bare_library is False:
        return  # a library only grows (this runs at each change of the index)
    try:
        bare = [source.name for source in library.sources()] == ["seeds"] and (
            not library.paths.feeds.exists() or not FeedList(library.paths.feeds).load().feeds
        )
    except (ReaderError, FeedsError):
        bare = False
    screen.bare_library = bare
    placeholder.update(Text(FIRST_RUN) if bare else Text("Select an article to read it here."))
    placeholder.set_class(bare, "-hint")
