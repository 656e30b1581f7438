"""Every action in the command palette (ctrl+p), with its key as mapped now.

The commands are built from the bindings of the app, the screen the
palette was opened on and that screen's widgets (``app.binding_areas()``),
so a key remapped in config.yaml shows as remapped; :data:`COMMAND_TEXT`
only gives them their palette wording. A few actions have no key
(:data:`UNBOUND`). A command the screen would refuse now (the bookmarks
screen's list keys while its filter has the focus) is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from textual.actions import parse as parse_action
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.widget import Widget

COMMAND_TEXT: dict[str, tuple[str, str]] = {
    # binding id: (title, help)
    "app.focus_search": ("Search", "Focus the search box"),
    "app.back": ("Back", "Back out one level: search box → results, article → results, outline → article"),
    "app.toggle_outline": ("Toggle outline", "Show or hide the quotes and figures panel"),
    "article.toggle_quotes": ("Toggle quote highlights", "Highlight quotes in the article or not"),
    "article.toggle_figures": ("Toggle figure highlights", "Highlight figures in the article or not"),
    "article.toggle_hits": ("Toggle hit highlights", "Highlight hits in the article or not"),
    "article.next_hit": ("Next hit", "Jump to the next hit"),
    "article.previous_hit": ("Previous hit", "Jump to the previous hit"),
    "article.next_quote": ("Next quote", "Jump to the next quote"),
    "article.previous_quote": ("Previous quote", "Jump to the previous quote"),
    "article.next_figure": ("Next figure", "Jump to the next figure"),
    "article.previous_figure": ("Previous figure", "Jump to the previous figure"),
    "app.toggle_sort": ("Sort by date / relevance", "Switch the result order"),
    "app.pick_theme": ("Pick theme with preview", "Move through the themes to preview them"),
    "app.toggle_bookmark": ("Bookmark article", "Add or remove the current article in the default list"),
    "app.edit_bookmark": ("Edit bookmark", "Choose the list, tags and note of the current article"),
    "app.bookmarks": ("Bookmarks", "Browse, filter, edit, remove and export bookmarks"),
    "app.help": ("Help", "Show every key binding"),
    "app.help_anywhere": ("Help", "Show every key binding"),
    "app.quit": ("Quit", "Quit Reader"),
    "app.quit_always": ("Quit", "Quit Reader"),
    "search.history_search": ("Search history…", "Find an earlier query and run it"),
    "app.save_query": ("Save search…", "Save the query in the search box under a name"),
    "app.toggle_read": ("Mark read / unread", "Toggle the read state of the article read or highlighted"),
    "app.mark_all_read": ("Mark all listed read", "Mark every listed article read (ctrl+z undoes it)"),
    "app.undo_read": ("Undo mark all read", "Put back the read state of the articles marked last"),
    "app.next_unread": ("Next unread article", "Open the next unread article in the list"),
    "app.fetch_feeds": ("Fetch feeds", "Fetch every feed's new entries in the background"),
    "app.open_link": ("Open link in browser", "Open the article's web page"),
    "app.copy_link": ("Copy link", "Copy the article's web address to the clipboard"),
    "app.copy_title": ("Copy title", "Copy the article's title to the clipboard"),
    "app.toggle_sources": ("Sources pane", "Show feeds, folders and tags with unread counts; choose one to search it"),
    "app.full_text": ("Fetch full text", "Fetch the article's web page and show its whole text"),
    "bookmarks.filter": ("Filter bookmarks", "Type to filter by title, tag, note or list"),
    "bookmarks.open": ("Open bookmarked article", "Read the highlighted bookmark's article"),
    "bookmarks.remove": ("Remove bookmark", "Remove the highlighted bookmark (undo puts it back)"),
    "bookmarks.undo": ("Undo remove", "Put back the bookmark removed last"),
    "bookmarks.edit": ("Edit highlighted bookmark", "Choose the list, tags and note of the highlighted bookmark"),
    "bookmarks.export": ("Export bookmarks", "Write the bookmarks shown to a file"),
}

UNBOUND: tuple[tuple[str, str, str, str], ...] = (
    # (title, help, "screen" or "app", action): actions without a key
    ("Open selected result", "Open the highlighted result in the viewer", "screen", "open_top"),
    ("Saved searches…", "Run or remove a saved search", "screen", "saved_searches"),
    ("Re-index library", "Index new, changed and deleted files", "app", "reindex"),
    ("Add a folder…", "Add a folder of articles, web pages or feed files to the library", "screen", "add_folder"),
    ("Add a feed…", "Subscribe to a feed by its address, and fetch it", "screen", "add_feed"),
    ("Import OPML…", "Subscribe to the feeds of an OPML file", "screen", "import_opml"),
    ("Rebuild index", "Rebuild the index from scratch", "app", "rebuild_index"),
    ("Export bookmarks", "Write every bookmark to a file", "app", "export_bookmarks"),
)


@dataclass
class Command:
    title: str
    help: str
    node: DOMNode
    action: str
    keys: list[str] = field(default_factory=list)

    @property
    def help_text(self) -> str:
        return f"{self.help} ({', '.join(self.keys)})" if self.keys else self.help


def reader_commands(app, screen) -> list[Command]:
    """The commands for ``screen`` (where the palette was opened), keys as mapped now."""
    keymap = getattr(app, "_keymap", {}) or {}
    commands: dict[tuple[int, str], Command] = {}
    for _, _, owner in app.binding_areas():
        node = _node_for(app, screen, owner)
        if node is None:
            continue
        for binding in owner.BINDINGS:
            if not isinstance(binding, Binding) or binding.id not in COMMAND_TEXT or not _allowed(node, binding.action):
                continue
            title, help = COMMAND_TEXT[binding.id]
            command = commands.setdefault((id(node), binding.action), Command(title, help, node, binding.action))
            for key in keymap.get(binding.id, binding.key).split(","):
                if key.strip():
                    command.keys.append(app.get_key_display(Binding(key.strip(), "")))
    listed = list(commands.values())
    titles = {command.title for command in listed}
    for title, help, where, action in UNBOUND:
        node = app if where == "app" else screen
        if title not in titles and callable(getattr(node, f"action_{action}", None)):
            listed.append(Command(title, help, node, action))
    return listed


def _node_for(app: DOMNode, screen: DOMNode, owner: type[Widget] | type[DOMNode]) -> DOMNode | None:
    """Where ``owner``'s bindings act from ``screen``: the app, the screen, or a widget on it."""
    if isinstance(app, owner):
        return app
    if isinstance(screen, owner):
        return screen
    if not issubclass(owner, Widget):
        return None
    return next(iter(screen.query(owner)), None)


def _allowed(node: DOMNode, action: str) -> bool:
    _, name, parameters = parse_action(action)
    return node.check_action(name, parameters) is True


class ReaderCommands(Provider):
    """Reader's actions for the command palette."""

    def _hits(self):
        for command in reader_commands(self.app, self.screen):
            yield command, partial(self.app.run_action, command.action, command.node)

    async def discover(self) -> Hits:
        for command, run in sorted(self._hits(), key=lambda pair: pair[0].title):
            yield DiscoveryHit(command.title, run, help=command.help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command, run in self._hits():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), run, help=command.help_text)
