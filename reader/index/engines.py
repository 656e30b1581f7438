"""Search engines behind one interface.

Reader's index is written and searched by an *engine*: Whoosh (pure
Python, always installed, the default) or Tantivy (native, for large
libraries; ``pip install 'reader-tui[tantivy]'``). Front ends (the TUI,
the CLI, the benchmarks) see only two objects, made here:

- a **store** (:class:`reader.index.store.IndexStore` or a subclass): the
  index folder of a home. ``status()`` (``missing``, ``outdated``,
  ``damaged``, ``ok``), ``update(sources, rebuild=, progress=, procs=,
  committed=)`` (incremental: only new, changed and deleted files; a build
  in batches when there is no usable index; a rebuild beside the old one),
  ``write_lock()``, ``built_by()``. The manifest, locking, change detection
  and error messages are shared; an engine provides how its index is
  created, opened, written and checked.
- a **searcher** (:class:`SearchEngine`): ``search(text, limit=, offset=,
  sort=, snippets=, suggest=)`` returns a
  :class:`reader.index.search.SearchResponse` (ranked page, exact count,
  how many have every word, snippets with hit offsets, notes);
  ``get(id)``, ``snippet_for(result)``, ``suggest_query(text, total)``,
  ``group_ids(field)``, ``doc_count()``, ``read_ids`` (for ``is:read``).

A query is parsed once (:func:`reader.index.query.parse_query`) into
Reader's query tree (:mod:`reader.index.tree`); each engine translates the
tree. The engine is chosen by ``index: {engine: ...}`` in config.yaml,
else the ``READER_INDEX_ENGINE`` environment variable, else the engine that
built the index in the home, else Whoosh. An index built by another engine
is rebuilt by the chosen one (its status is ``outdated``).

A server engine (OpenSearch for a team's archive) would plug in at the same
seam; see ENGINES.md in this folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, Self

from reader.errors import ReaderError
from reader.index.store import IndexStore

if TYPE_CHECKING:
    from reader.corpus import Article
    from reader.index.search import SearchResponse, SearchResult

ENGINES = ("whoosh", "tantivy")
DEFAULT_ENGINE = "whoosh"
ENVIRONMENT = "READER_INDEX_ENGINE"


class EngineUnavailable(ReaderError):
    """The chosen engine is not installed, or not one Reader knows."""


class SearchEngine(Protocol):
    """What front ends call on an open index (Whoosh's
    :class:`reader.index.search.ArticleIndex`, Tantivy's
    :class:`reader.index.tantivy_engine.TantivyIndex`)."""

    read_ids: Callable[[], frozenset[str]] | None

    @property
    def store(self) -> IndexStore: ...

    def search(
        self,
        text: str,
        *,
        limit: int | None = 20,
        offset: int = 0,
        sort: str = "relevance",
        snippets: int | None = None,
        suggest: bool = True,
    ) -> SearchResponse: ...

    def get(self, article_id: str) -> Article | None: ...

    def snippet_for(self, result: SearchResult) -> tuple[str, tuple[tuple[int, int], ...]]: ...

    def suggest_query(self, text: str, total: int) -> str | None: ...

    def group_ids(self, fieldname: str) -> dict[str, set[str]]: ...

    def doc_count(self) -> int: ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...


def search_as_typed(
    engine: SearchEngine, text: str, scoped: Callable[[str], str] = str, **kwargs: Any
) -> tuple[str, SearchResponse]:
    """The search a query being typed asks for (the search box's): ``text``
    (kept to a scope by ``scoped``) or, when that finds nothing and ends in
    a word being typed (:func:`reader.index.query.typed_prefix`), the same
    with that word as a prefix, with a note saying so: ``gove`` lists the
    articles with "government" while it is typed, instead of none. Returns
    the text searched (what later pages of the answer search again) and the
    answer. ``kwargs`` are :meth:`SearchEngine.search`'s."""
    from dataclasses import replace

    from reader.index.query import typed_prefix

    response = engine.search(scoped(text), **kwargs)
    typed = None if response.results or response.offset else typed_prefix(text)
    if typed is None:
        return text, response
    completed, word = typed
    fuller = engine.search(scoped(completed), **kwargs)
    if not fuller.results:
        return text, response
    note = f"searched {word}*: {word} alone finds nothing"
    return completed, replace(fuller, problem="; ".join(filter(None, [note, fuller.problem])))


def check_engine(name: str) -> str:
    """``name`` when it is an engine that can run here; else
    :class:`EngineUnavailable` saying what to do."""
    if name not in ENGINES:
        raise EngineUnavailable(f"no search engine {name!r}: choose one of {', '.join(ENGINES)}")
    if name == "tantivy":
        from reader.index.tantivy_engine import available

        if not available():
            raise EngineUnavailable(
                "the tantivy engine is not installed: pip install 'reader-tui[tantivy]' "
                "(or choose index: {engine: whoosh} in config.yaml)"
            )
    return name


def choose_engine(configured: str | None, directory: Path) -> str:
    """The engine of a home: the configured one, else the environment's,
    else the one that built the index in ``directory``, else the default."""
    name = configured or os.environ.get(ENVIRONMENT) or IndexStore(directory).built_by() or DEFAULT_ENGINE
    return check_engine(name)


def make_store(directory: Path, engine: str = DEFAULT_ENGINE) -> IndexStore:
    """The store of ``engine`` for the index folder ``directory``."""
    if check_engine(engine) == "tantivy":
        from reader.index.tantivy_engine import TantivyStore

        return TantivyStore(directory)
    return IndexStore(directory)


def open_engine(store: IndexStore) -> SearchEngine:
    """A searcher over ``store``'s index as it is (no build)."""
    if store.ENGINE == "tantivy":
        from reader.index.tantivy_engine import TantivyIndex, TantivyStore

        assert isinstance(store, TantivyStore)
        return TantivyIndex(store)
    from reader.index.search import ArticleIndex

    return ArticleIndex(store)
