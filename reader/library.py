"""The library: the user's sources and the index over them.

The one entry point front ends use (CLI, TUI, benchmarks)::

    library = Library(paths)
    library.ensure_index()            # build on first use
    with library.open() as index:     # a SearchEngine (reader.index.engines)
        response = index.search("karabakh")

Progress callbacks (``progress=``) are called as ``progress(done, total,
phase, elapsed)``: see :data:`reader.index.store.Progress` (phase
``"reading"`` per file, then ``"committing"`` while the index is written).
A first build commits in batches; ``committed=`` is called after each
(:data:`reader.index.store.Committed`), and what is committed is searchable
meanwhile, from this process or another.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.corpus import Article
from reader.corpus.sources import Source, add_sources, load_sources
from reader.errors import ReaderError
from reader.index.store import Committed, IndexDamaged, IndexLocked, IndexStore, Progress, UpdateStats
from reader.paths import Paths
from reader.readstate import ReadState

if TYPE_CHECKING:
    from reader.index.engines import SearchEngine

# Called with a one-line message when the library does something on its own
# (first-time indexing, a rebuild after a version change or damage).
Notify = Callable[[str], None]


def _config_sources(paths: Paths) -> list[Path]:
    """Extra corpus folders from config.yaml (``sources:``), if configured."""
    if not paths.config.exists():
        return []
    from reader.config import load_config

    return list(load_config(paths).sources)


def config_engine(paths: Paths) -> str | None:
    """The search engine config.yaml names (``index: {engine: ...}``), if any."""
    if not paths.config.exists():
        return None
    from reader.config import load_config

    return load_config(paths).index.engine


class Library:
    """The user's library under one Reader home."""

    def __init__(self, paths: Paths, extra_sources: list[Path] | None = None, engine: str | None = None) -> None:
        self.paths = paths
        self._engine = engine
        self._store: IndexStore | None = None
        self._extra = extra_sources
        self._read_state: ReadState | None = None

    @property
    def store(self) -> IndexStore:
        """The index folder, as the chosen engine writes it (see
        :func:`reader.index.engines.choose_engine`): chosen on first use."""
        if self._store is None:
            from reader.index.engines import choose_engine, make_store

            engine = self._engine or choose_engine(config_engine(self.paths), self.paths.index)
            self._store = make_store(self.paths.index, engine)
        return self._store

    def sources(self) -> list[Source]:
        extra = self._extra if self._extra is not None else _config_sources(self.paths)
        return load_sources(self.paths, extra)

    def add(self, new: list[Path]) -> list[Path]:
        """Remember ``new`` folders/files as part of the library."""
        return add_sources(self.paths, new)

    def update(
        self,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
        procs: int = 1,
        committed: Committed | None = None,
    ) -> UpdateStats:
        """Bring the index in line with the sources: see :meth:`IndexStore.update`
        (``committed`` is told of each batch a first build commits)."""
        return self.store.update(self.sources(), rebuild=rebuild, progress=progress, procs=procs, committed=committed)

    def ensure_index(self, notify: Notify | None = None, progress: Progress | None = None) -> UpdateStats | None:
        """Build the index if it is missing, damaged or from another schema version."""
        status = self.store.status()
        if status == "ok":
            return None
        try:
            with self.store.write_lock():
                pass  # no other process is building it (checked before saying that this one will)
        except IndexLocked:
            raise IndexLocked(
                f"another reader process is building the index at {self.store.dir}; "
                "its first articles are searchable within seconds: try again shortly"
            ) from None
        if notify:
            if status == "missing":
                notify(f"building the index at {self.store.dir} (first use)…")
            elif status == "damaged":
                notify(f"the index at {self.store.dir} is damaged; rebuilding it…")
            elif self.store.built_by() not in (None, self.store.ENGINE):
                notify(
                    f"the index at {self.store.dir} was built by {self.store.built_by()}; rebuilding it with {self.store.ENGINE}…"
                )
            else:
                notify(f"the index at {self.store.dir} is from another version of reader; rebuilding it…")
        return self.update(rebuild=True, progress=progress)

    def open(self, notify: Notify | None = None, progress: Progress | None = None) -> SearchEngine:
        """A searcher of the index (:class:`reader.index.engines.SearchEngine`), building the index first if needed.

        A damaged index is rebuilt (it is derived data: nothing is lost),
        with a message through ``notify``.
        """
        self.ensure_index(notify, progress)
        try:
            index = self.new_index()
            index.doc_count()
        except IndexDamaged as error:
            if notify:
                notify(f"{error}; rebuilding it now…")
            self.update(rebuild=True, progress=progress)
            index = self.new_index()
        return index

    def new_index(self) -> SearchEngine:
        """A searcher over the index as it is (no build), with the read
        state for ``is:read`` / ``is:unread``."""
        from reader.index.engines import open_engine

        index = open_engine(self.store)
        index.read_ids = self.read_state.read_ids
        return index

    @property
    def read_state(self) -> ReadState:
        """Which articles were read (``read.sqlite`` in the home), opened once."""
        if self._read_state is None:
            self._read_state = ReadState(self.paths.read_state)
        return self._read_state


@dataclass(frozen=True)
class Scope:
    """One line of the sources pane: a feed, a folder or a tag, with the
    query words that keep a search to it and its article counts."""

    kind: str
    """``all``, ``feed``, ``folder`` or ``tag``."""
    name: str
    words: str
    total: int
    unread: int


def scopes(library: Library, index: SearchEngine) -> list[Scope]:
    """Everything the library holds, by feed, folder and feed tag, with
    unread counts (feeds as listed in feeds.yaml, even before a fetch)."""
    from reader.corpus.sources import FEEDS_SOURCE
    from reader.feeds.subscriptions import FeedList, FeedsError

    read = library.read_state.read_ids()
    by_source = index.group_ids("source")
    by_feed = index.group_ids("feed")
    everything = set().union(*by_source.values()) if by_source else set()

    def counted(kind: str, name: str, words: str, ids: set[str]) -> Scope:
        return Scope(kind, name, words, len(ids), len(ids - read))

    listed = [counted("all", "All articles", "", everything)]
    try:
        feeds = FeedList(library.paths.feeds).load().feeds
    except FeedsError:
        feeds = ()
    tags: dict[str, set[str]] = {}
    for feed in feeds:
        ids = by_feed.get(feed.name.lower(), set())
        listed.append(counted("feed", feed.name, f"feed:{feed.name}", ids))
        for tag in feed.tags:
            tags.setdefault(tag, set()).update(ids)
    for source in library.sources():
        name = source.name
        if name != FEEDS_SOURCE:
            term = name if re.fullmatch(r"[\w.-]+", name) else "'" + name.replace("'", "") + "'"
            listed.append(counted("folder", name, f"source:{term}", by_source.get(name.lower(), set())))
    for tag in sorted(tags, key=str.casefold):
        members = [feed.name for feed in feeds if tag in feed.tags]
        words = "(" + " OR ".join(f"feed:{name}" for name in members) + ")"
        listed.append(counted("tag", tag, words, tags[tag]))
    return listed


def find_article(paths: Paths, article_id: str) -> Article:
    """The indexed article ``article_id``; :class:`ReaderError` if there is none."""
    with Library(paths).open() as index:
        article = index.get(article_id)
    if article is None:
        raise ReaderError(f"no article with id {article_id!r}; find ids with 'reader search QUERY'")
    return article
