"""The Tantivy engine: Reader's index in Tantivy (the ``tantivy`` package,
Python bindings of the Rust search library), for large libraries.

Installed with the extra ``pip install 'reader-tui[tantivy]'`` and chosen
with ``index: {engine: tantivy}`` in config.yaml or ``reader index --engine
tantivy`` (see :mod:`reader.index.engines`).

Layout inside the home (the manifest and meta.json as the Whoosh engine
writes them, :class:`reader.index.store.IndexStore`)::

    index/
      meta.json       {"schema_version": ..., "engine": "tantivy"}
      manifest.json   path -> [mtime_ns, size, article id, source]
      tantivy/        Tantivy's own files (its meta.json, segments)

The text is analysed as the Whoosh engine analyses it, but for the words:
runs of letters and digits (see :data:`PIECE`), lower case, the same
English stop words, Porter2 (Snowball English) stems. A query is parsed once by :func:`reader.index.query.parse_query`
into Reader's query tree (:mod:`reader.index.tree`); :class:`_Translator`
builds Tantivy queries from the tree, prefixes and fuzzy words explicitly
from the index's vocabulary (Tantivy's own query parser is not used).
Ranking: Tantivy's BM25 with a title match weighed above a body match
(:data:`TITLE_WEIGHT`); plain words rank all of them first, then some of
them, with a bonus for neighbouring words near each other (phrases with
slack, as ranking-only clauses); a question ranks by relevance with a bonus
for each of its words an article has, and by the words that best tell its
first matches from the library (feedback, as the Whoosh engine does).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import multiprocessing
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh.analysis import STOP_WORDS as WHOOSH_STOP_WORDS

from reader.corpus import Article, SkippedFile
from reader.corpus.sources import Source
from reader.errors import ReaderError
from reader.files.atomic import atomic_write_text
from reader.index import tree as t
from reader.index.query import ParsedQuery, make_parser, parse_query
from reader.index.schema import text_digest
from reader.index.search import trusted
from reader.index.snippets import hit_spans, make_snippet
from reader.index.spelling import LONGEST_WORD, _edit_distance, corrected_query
from reader.index.store import (
    PARALLEL_MIN_FILES,
    READING,
    Committed,
    IndexDamaged,
    IndexStore,
    ManifestEntry,
    Progress,
    UpdateStats,
    batch_ends,
    read_entry,
    remove_new_files,
)

if TYPE_CHECKING:
    import tantivy

    from reader.index.search import SearchResponse, SearchResult

ENGINE = "tantivy"
# 1: the first Tantivy schema. 2: words split at every character that is
# not a letter or digit (Tantivy's simple tokenizer). 3: the digest ignores
# letter case (reader.index.schema.text_digest).
TANTIVY_SCHEMA_VERSION = 3
# Memory for the writer's buffers (Tantivy splits it between its threads;
# each needs at least 15 MB).
WRITER_HEAP = 96_000_000
# A build with several processes: the workers read READ_WINDOW files ahead
# at most, READ_CHUNK to a task.
READ_WINDOW = 4096
READ_CHUNK = 64
# The Tantivy folder inside the index folder.
SUBDIR = "tantivy"

# What each analysed field holds (the Whoosh schema's counterparts,
# reader.index.schema.make_schema).
STEMMED = ("title", "body")
PLAIN = ("dateline", "author")
KEYWORDS = ("source", "feed")
# Every word of the title and body as written (lower case): prefixes, fuzzy
# words and spelling suggestions are matched against it.
WORDS = "words"
# The index holds runs of letters and digits (Tantivy's simple tokenizer,
# about three times as fast to index as its regex tokenizer with Whoosh's
# word pattern, whoosh.analysis.tokenizers.default_pattern). A word Whoosh
# keeps whole ("u.s", "3.5bn", "snake_case") is searched as the phrase of
# its pieces (see _Translator.pieces), as this pattern finds them.
PIECE = re.compile(r"[^\W_]+")

# A title match weighs this much more than a body match, times the query's
# title share (reader.index.query.TITLE_QUERY_WEIGHT). Tantivy weighs a title
# word by its rarity among titles, where the Whoosh engine uses its rarity in
# the text (reader.index.search.weighting): a title word is rarer among short
# titles, so the title needs less weight here. On the tuned half of the judged
# queries (benchmarks/eval_search.py), nDCG@10 known items / questions:
# 0.5: 0.939 / 0.814; 1.0: 0.953 / 0.826; 1.5: 0.940 / 0.816; 2.5 (the Whoosh
# engine's TITLE_BOOST): 0.939 / 0.768.
TITLE_WEIGHT = 1.0

# Bounds of an expansion (prefix, fuzzy word, wildcard, range), as in the
# Whoosh engine: at most this many terms, the most common first.
EXPANSION_TERMS = 200
# Neighbouring query words fewer than NEAR_SLOP words apart add up to
# NEAR_WEIGHT points (see TantivyIndex._near).
NEAR_SLOP = 4
NEAR_WEIGHT = 2.0
# The bonus in steps (phrase slop, share of NEAR_WEIGHT): all of it for the
# two words fewer than NEAR_SLOP words apart, in order. One phrase query a
# pair and field: the Whoosh engine's bonus takes a quarter off for each
# word between, and a second step here (half the points for next to each
# other) cost 1.2-2 ms a pair over the bodies of 100,000 articles, for
# nothing on the judged queries (benchmarks/eval_search.py, Tantivy, tuned
# half: known items 0.938 / 0.953 either way, questions MRR 0.932 -> 0.948,
# nDCG 0.827 -> 0.835 with the one step).
NEAR_STEPS = ((NEAR_SLOP - 1, 1.0),)
# A question: each of its words an article has adds COORD_POINTS / words.
COORD_POINTS = 5.0
# Matches fetched past the page so that identical articles listed once
# still fill it.
SPARE = 10


# How Tantivy's errors name an operating system error: as Rust displays it
# ("No space left on device (os error 28)") or debugs it ("Os { code: 13, ...").
_OS_ERROR = re.compile(r"\(os error (\d+)\)|\bOs \{ code: (\d+)")


@contextmanager
def native_errors(where: Path) -> Iterator[None]:
    """Tantivy reports every failure as a ValueError; one caused by the
    operating system (a full disk, a permission) is raised as the OSError
    it was, so the store's messages say what happened (disk full, no
    access) instead of calling the index damaged.

    Some damage makes Tantivy panic instead (a segment file shorter than
    its footer, a garbled fast field): pyo3 raises that as a
    ``PanicException``, a BaseException that ``except Exception`` lets
    through, so it is raised as a ValueError here, which the store reports
    as a damaged index."""
    try:
        yield
    except ValueError as error:
        found = _OS_ERROR.search(str(error))
        if found is None:
            raise
        number = int(found.group(1) or found.group(2))
        raise OSError(number, os.strerror(number), str(where)) from error
    except BaseException as error:
        if not _is_panic(error):
            raise
        raise ValueError(f"Tantivy failed reading {where}: {error}") from error


def _is_panic(error: BaseException) -> bool:
    """Whether ``error`` is a Rust panic inside Tantivy (pyo3's PanicException)."""
    kind = type(error)
    return kind.__name__ == "PanicException" and kind.__module__ == "pyo3_runtime"


def available() -> bool:
    """Whether the ``tantivy`` package can be imported."""
    import importlib.util

    return importlib.util.find_spec("tantivy") is not None


# The Whoosh engine's English stop words (whoosh.analysis.STOP_WORDS).
_STOP_WORDS = frozenset(WHOOSH_STOP_WORDS)


def _words() -> Any:
    """An analyser builder: runs of letters and digits, lower case."""
    import tantivy

    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.lowercase())


def _without_stop_words() -> Any:
    import tantivy

    return _words().filter(tantivy.Filter.custom_stopword(sorted(_STOP_WORDS)))


def _stem_analyser() -> Any:
    """The analyser of the title and body: words, stop words out, English stems."""
    import tantivy

    return _without_stop_words().filter(tantivy.Filter.stemmer("english")).build()


def _register(index: tantivy.Index) -> None:
    """Register Reader's analysers on ``index`` (before writing or searching)."""
    import tantivy

    index.register_tokenizer("reader_stem", _stem_analyser())
    index.register_tokenizer("reader_plain", _without_stop_words().build())
    index.register_tokenizer("reader_words", _words().build())
    index.register_tokenizer(
        "reader_keyword", tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.raw()).filter(tantivy.Filter.lowercase()).build()
    )


def make_tantivy_schema() -> tantivy.Schema:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    for name in STEMMED:
        builder.add_text_field(name, stored=True, tokenizer_name="reader_stem")
    for name in PLAIN:
        builder.add_text_field(name, stored=True, tokenizer_name="reader_plain")
    for name in KEYWORDS:
        builder.add_text_field(name, stored=True, tokenizer_name="reader_keyword", index_option="basic")
    builder.add_text_field(WORDS, stored=False, tokenizer_name="reader_words", index_option="basic")
    builder.add_text_field("path", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("digest", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_date_field("date", stored=True, indexed=True, fast=True)
    # Days since 0001-01-01, 0 when undated: the "newest first" sort key.
    builder.add_integer_field("day", stored=False, indexed=False, fast=True)
    # The rest of the article, as JSON: subheadings, url.
    builder.add_bytes_field("extra", stored=True, indexed=False)
    return builder.build()


def _document(article: Article) -> tantivy.Document:
    import tantivy

    doc = tantivy.Document()
    doc.add_text("id", article.id)
    doc.add_text("title", article.title)
    doc.add_text("body", article.body)
    doc.add_text(WORDS, article.title)
    doc.add_text(WORDS, article.body)
    if article.dateline:
        doc.add_text("dateline", article.dateline)
    if article.author:
        doc.add_text("author", article.author)
    # As the Whoosh schema's keywords: a source is one term whatever its
    # name holds; a feed's name is a term per word.
    for part in (p.strip() for p in article.source.split(",")):
        if part:
            doc.add_text("source", part)
    for part in article.feed.split():
        doc.add_text("feed", part)
    doc.add_text("path", article.path)
    doc.add_text("digest", text_digest(article.title, article.body))
    if article.date is not None:
        doc.add_date("date", dt.datetime.combine(article.date, dt.time()))
        doc.add_integer("day", article.date.toordinal())
    else:
        doc.add_integer("day", 0)
    extra = {"subheadings": list(article.subheadings), "url": article.url}
    doc.add_bytes("extra", json.dumps(extra).encode("utf-8"))
    return doc


def _article(doc: Mapping[str, list[Any]]) -> Article:
    def first(name: str) -> Any:
        values = doc.get(name) or []
        return values[0] if values else None

    extra: dict[str, Any] = {}
    raw = first("extra")
    if raw:
        try:
            extra = json.loads(bytes(raw).decode("utf-8"))
        except ValueError:
            extra = {}
    date = first("date")
    article_id = first("id") or ""
    return Article(
        id=article_id,
        title=first("title") or article_id,
        body=first("body") or "",
        date=date.date() if isinstance(date, dt.datetime) else None,
        dateline=first("dateline") or None,
        subheadings=tuple(extra.get("subheadings") or ()),
        source=", ".join(doc.get("source") or []),
        path=first("path") or "",
        url=extra.get("url") or "",
        author=first("author") or "",
        feed=" ".join(doc.get("feed") or []),
    )


# -- the store -------------------------------------------------------------------


class TantivyStore(IndexStore):
    """The index folder of one home, written by Tantivy."""

    ENGINE = ENGINE
    VERSION = TANTIVY_SCHEMA_VERSION

    @property
    def tantivy_dir(self) -> Path:
        return self.dir / SUBDIR

    def exists(self) -> bool:
        return (self.tantivy_dir / "meta.json").is_file()

    @staticmethod
    def _has_index_files(names: list[str]) -> bool:
        return SUBDIR in names

    def _looks_built(self) -> bool:
        """As the Whoosh store's, and Tantivy's own meta.json is there: a
        Tantivy folder emptied (or not a folder) is no index, and an update
        with no changed file builds it instead of finding nothing to do."""
        return super()._looks_built() and self.exists()

    def _open_dir(self, tries: int = 5) -> Any:
        with native_errors(self.tantivy_dir):
            index = _open_index(self.tantivy_dir)
        _register(index)
        return index

    def _try_open(self) -> None:
        """Open the index and read one article back through each kind of
        file a search reads: raises what that raises (the status is then
        ``damaged``)."""
        index = self._open_dir()
        with native_errors(self.tantivy_dir):
            index.reload()
            self._probe(index)

    @staticmethod
    def _probe(index: Any) -> None:
        """Read the newest article (the sort key: fast fields), its stored
        fields (the document store) and find it by its id (term
        dictionary and postings): a garbled file Tantivy opens without
        complaint fails here, not at the first search. A ValueError when
        the index does not find its own article. About a millisecond at
        200,000 articles (the sort reads every article's day)."""
        import tantivy

        searcher = index.searcher()
        if not searcher.num_docs:
            return
        found = searcher.search(tantivy.Query.all_query(), limit=1, order_by_field="day", order=tantivy.Order.Desc)
        for _, address in found.hits:
            ids = searcher.doc(address).to_dict().get("id") or []
            if not ids:
                raise ValueError("an article of the index has no id")
            by_id = tantivy.Query.term_query(index.schema, "id", ids[0])
            if not searcher.search(by_id, limit=1, count=True).count:
                raise ValueError(f"the index does not find its article {ids[0]!r} by its id")

    def _searchable(self) -> int:
        if not self.meta_path.exists():
            return 0
        try:
            index = self._open_dir()
            with native_errors(self.tantivy_dir):
                index.reload()
                return int(index.searcher().num_docs)
        except Exception:  # noqa: BLE001 - an index that cannot be read holds nothing to search
            return 0

    def _new_index(self, directory: Path) -> Any:
        import tantivy

        directory.mkdir(parents=True, exist_ok=True)
        with native_errors(directory):
            index = tantivy.Index(make_tantivy_schema(), path=str(directory), reuse=False)
        _register(index)
        return index

    def _update_incremental(
        self, sources: list[Source], progress: Progress | None, start: float, changes: Any = None
    ) -> UpdateStats:
        stats = UpdateStats()
        old, current, todo, gone = changes or self._changes(sources)
        stats.unchanged = len(current) - len(todo)
        if not todo and not gone:
            return stats
        index = self.open()
        before = set(os.listdir(self.tantivy_dir))
        try:
            with native_errors(self.tantivy_dir):
                writer = index.writer(heap_size=WRITER_HEAP, num_threads=1)
        except OSError:
            raise
        except Exception as error:  # noqa: BLE001
            raise self.damaged(error) from None
        try:

            def replace(article: Article) -> None:
                writer.delete_documents_by_term("id", article.id)
                writer.add_document(_document(article))

            manifest = self._apply_changes(
                lambda article_id: writer.delete_documents_by_term("id", article_id),
                replace,
                (old, current, todo, gone),
                stats,
                progress,
                start,
            )
            with self._committing(progress, len(todo)), native_errors(self.tantivy_dir):
                _commit(writer)
                _finish(writer)
        except BaseException:
            _rollback(writer)
            remove_new_files(self.tantivy_dir, before)
            raise
        self._write_manifest(self.dir, manifest)
        return stats

    def _build_in_place(
        self, sources: list[Source], progress: Progress | None, committed: Committed | None, procs: int, start: float
    ) -> UpdateStats:
        """A first build in the store's folder, committed in batches (each
        searchable as soon as it is committed)."""
        current = self._scan(sources)
        try:
            self._clear()
            self.dir.mkdir(parents=True, exist_ok=True)
            index = self._new_index(self.tantivy_dir)
            return self._write_all(index, current, progress, committed, start, self.dir, in_batches=True, procs=procs)
        except BaseException as error:
            kept = self._searchable()
            if not kept and not self.meta_path.exists():
                shutil.rmtree(self.dir, ignore_errors=True)
            if not isinstance(error, (OSError, ReaderError)):
                raise
            failure = self.write_failed(error, kept=kept)
            if failure is None:
                raise
            raise failure from None

    def _rebuild(self, sources: list[Source], progress: Progress | None, procs: int, start: float) -> UpdateStats:
        current = self._scan(sources)
        fresh = self.dir.with_name(self.dir.name + ".new")
        shutil.rmtree(fresh, ignore_errors=True)
        try:
            index = self._new_index(fresh / SUBDIR)
            stats = self._write_all(index, current, progress, None, start, fresh, in_batches=False, procs=procs)
            self._swap_in(fresh)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        return stats

    def _write_all(
        self,
        index: Any,
        current: dict[str, ManifestEntry],
        progress: Progress | None,
        committed: Committed | None,
        start: float,
        folder: Path,
        in_batches: bool,
        procs: int = 1,
    ) -> UpdateStats:
        """Every file of ``current`` into the new ``index`` (in ``folder``),
        committed at the end, and ``in_batches`` after each batch of a first
        build (:func:`reader.index.store.batch_ends`), with meta.json and
        the manifest written after each commit."""
        stats = UpdateStats(rebuilt=True)
        items = list(current.items())
        total = len(items)
        manifest: dict[str, ManifestEntry] = {}
        seen_ids: dict[str, str] = {}
        with native_errors(folder):
            writer = index.writer(heap_size=WRITER_HEAP)
        ends = set(batch_ends(total)[:-1]) if in_batches else set()
        try:
            for n, (path, entry, article) in enumerate(_read_all(items, procs), 1):
                self._add_read(writer, path, entry, article, manifest, seen_ids, stats)
                if progress:
                    progress(n, total, READING, time.perf_counter() - start)
                if n in ends:
                    with native_errors(folder):
                        _commit(writer)
                    self._committed(folder, manifest)
                    if committed:
                        committed(stats.added, total)
            with self._committing(progress, total), native_errors(folder):
                _commit(writer)
                _finish(writer)
        except BaseException:
            _rollback(writer)
            raise
        self._committed(folder, manifest)
        if committed:
            committed(stats.added, total)
        return stats

    @staticmethod
    def _write_article(writer: Any, article: Article) -> None:
        writer.add_document(_document(article))

    def _committed(self, folder: Path, manifest: dict[str, ManifestEntry]) -> None:
        atomic_write_text(folder / "meta.json", self._meta_text())
        self._write_manifest(folder, manifest)


def _read_all(items: list[tuple[str, ManifestEntry]], procs: int) -> Iterator[tuple[str, ManifestEntry, Article | SkippedFile]]:
    """The articles of ``items`` in their order (or why each was skipped).
    With ``procs`` > 1 and at least PARALLEL_MIN_FILES files, ``procs`` - 1
    worker processes read and parse them while this one hands them to
    Tantivy (whose own threads index them), READ_WINDOW files at a time so
    that articles read ahead never pile up."""
    workers = procs - 1
    if workers < 1 or len(items) < PARALLEL_MIN_FILES or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(read_entry, items)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for at in range(0, len(items), READ_WINDOW):
            yield from pool.imap(read_entry, items[at : at + READ_WINDOW], chunksize=READ_CHUNK)


def _open_index(folder: Path) -> Any:
    """Open Tantivy's index in ``folder`` (one place: tests make it fail)."""
    import tantivy

    return tantivy.Index.open(str(folder))


def _commit(writer: Any) -> None:
    """Commit what ``writer`` holds (one place: tests make it fail as a full disk does)."""
    writer.commit()


def _finish(writer: Any) -> None:
    """Let the writer's merges finish and delete the files no commit uses
    any more (replaced segments): an index updated many times stays about
    the size of a fresh one."""
    try:
        writer.garbage_collect_files()
    finally:
        writer.wait_merging_threads()


def _rollback(writer: Any) -> None:
    """Undo what ``writer`` did since its last commit and delete the files
    it wrote for it (segments of a batch that did not commit)."""
    try:
        writer.rollback()
        writer.garbage_collect_files()
        writer.wait_merging_threads()
    except BaseException:  # noqa: BLE001 - the first failure is the one to report
        pass


# -- searching ---------------------------------------------------------------------


def _boosted(q: Any, boost: float) -> Any:
    import tantivy

    return q if boost == 1.0 else tantivy.Query.boost_query(q, boost)


def _bool(clauses: list[tuple[Any, Any]]) -> Any:
    import tantivy

    return tantivy.Query.boolean_query(clauses)


def _wildcard_regex(pattern: str) -> str:
    return "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in pattern)


class _Translator:
    """Tantivy queries from Reader's query tree, for one searcher. Collects
    the index terms its text leaves stand for (``marked``: what snippets
    highlight) and notes on expansions cut short."""

    def __init__(self, owner: TantivyIndex, searcher: Any, text: str = "") -> None:
        self.owner = owner
        self.searcher = searcher
        # The words of the query as typed, by their index terms, where the
        # index holds them in pieces.
        self.originals = owner.originals(text)
        self.schema = owner.schema
        self.marked: set[str] = set()
        self.notes: list[str] = []
        self._expanded: dict[tuple[str, str, int, int], list[str]] = {}

    def query(self, node: t.Node) -> Any | None:
        """The Tantivy query of ``node``; None when it matches nothing."""
        import tantivy

        occur = tantivy.Occur
        if isinstance(node, t.Nothing):
            return None
        if isinstance(node, t.All):
            return tantivy.Query.all_query()
        if isinstance(node, t.Term):
            return self._term(node.field, node.text, node.boost)
        if isinstance(node, t.Phrase):
            return self._phrase(node)
        if isinstance(node, (t.Prefix, t.Fuzzy, t.TermRange)):
            return self._any_of(node.field, self._expand(node), node.boost)
        if isinstance(node, t.Wildcard):
            if node.field not in self.owner.text_fields:
                return None
            return _boosted(
                tantivy.Query.regex_query(self.schema, node.field, _wildcard_regex(node.pattern)),
                self._weight(node.field, node.boost),
            )
        if isinstance(node, t.DateRange):
            if node.start is None and node.end is None:
                return tantivy.Query.all_query()
            return tantivy.Query.range_query(
                self.schema,
                "date",
                tantivy.FieldType.Date,
                node.start,
                node.end,
                include_lower=node.start is None or not node.start_excl,
                include_upper=node.end is None or not node.end_excl,
            )
        if isinstance(node, t.And):
            clauses: list[tuple[Any, Any]] = []
            for item in node.items:
                if isinstance(item, t.Not):
                    negative = self.query(item.item)
                    if negative is not None:
                        clauses.append((occur.MustNot, negative))
                    continue
                part = self.query(item)
                if part is None:
                    return None
                clauses.append((occur.Must, part))
            if not any(o == occur.Must for o, _ in clauses):
                clauses.append((occur.Must, tantivy.Query.all_query()))
            return _boosted(_bool(clauses), node.boost)
        if isinstance(node, t.Or):
            parts = [p for p in (self.query(item) for item in node.items) if p is not None]
            if not parts:
                return None
            return _boosted(parts[0] if len(parts) == 1 else _bool([(occur.Should, p) for p in parts]), node.boost)
        if isinstance(node, t.Not):
            negative = self.query(node.item)
            everything = tantivy.Query.all_query()
            return everything if negative is None else _bool([(occur.Must, everything), (occur.MustNot, negative)])
        if isinstance(node, t.AndNot):
            kept = self.query(node.positive)
            if kept is None:
                return None
            negative = self.query(node.negative)
            return kept if negative is None else _bool([(occur.Must, kept), (occur.MustNot, negative)])
        if isinstance(node, t.AndMaybe):
            kept = self.query(node.required)
            if kept is None:
                return None
            optional = self.query(node.optional)
            return kept if optional is None else _bool([(occur.Must, kept), (occur.Should, optional)])
        if isinstance(node, t.Require):
            kept = self.query(node.scored)
            required = self.query(node.required)
            if kept is None or required is None:
                return None
            return _bool([(occur.Must, kept), (occur.Must, tantivy.Query.const_score_query(required, 0.0))])
        raise t.Untranslatable(f"no Tantivy query for {type(node).__name__}")

    def _weight(self, field: str, boost: float) -> float:
        """A title match weighs the index's title weight times the query's."""
        return boost * (TITLE_WEIGHT if field == "title" else 1.0)

    def pieces(self, field: str, text: str) -> list[tuple[int, str]] | None:
        """The index terms, each at its place, of a word Whoosh keeps whole
        and the index holds in pieces ("u.s": u, s); None for a word the
        index holds as it is. (The last piece of a stemmed word is stemmed
        again: stemming a stem seldom changes it.)"""
        if PIECE.fullmatch(text):
            return None
        found = PIECE.findall(self.originals.get(text, text).lower())
        terms: list[tuple[int, str]] = []
        for place, piece in enumerate(found):
            if field in STEMMED:
                terms.extend((place, stem) for stem in self.owner.stems(piece)[:1])
            elif piece not in _STOP_WORDS:
                terms.append((place, piece))
        return terms

    def _term(self, field: str, text: str, boost: float) -> Any | None:
        import tantivy

        if field in self.owner.text_fields:
            if field in STEMMED:
                self.marked.add(text)
            pieces = self.pieces(field, text)
            if pieces is None:
                q = tantivy.Query.term_query(self.schema, field, text)
            elif not pieces:
                return None
            elif len(pieces) == 1:
                q = tantivy.Query.term_query(self.schema, field, pieces[0][1])
            else:
                q = tantivy.Query.phrase_query(self.schema, field, list(pieces), slop=0)
            return _boosted(q, self._weight(field, boost))
        if field in KEYWORDS:
            return tantivy.Query.term_query(self.schema, field, text.lower())
        if field in ("id", "path", "digest"):
            return tantivy.Query.term_query(self.schema, field, text)
        return None

    def _phrase(self, node: t.Phrase) -> Any | None:
        import tantivy

        words = [w for w in node.words if w]
        if not words:
            return None
        if node.field in KEYWORDS:
            return self._term(node.field, " ".join(words), node.boost)
        if node.field not in self.owner.text_fields:
            return None
        if len(words) == 1:
            return self._term(node.field, words[0], node.boost)
        if node.field in STEMMED:
            self.marked.update(words)
        # Whoosh's slop 1 is "next to each other"; in Tantivy that is 0. A
        # stop word left out keeps its place in Tantivy: each word goes at its
        # place in the phrase as typed (``gaps``); without them, a word more
        # is allowed between each two.
        slop = max(0, node.slop - 1)
        gaps: tuple[int, ...] | list[int]
        if node.gaps is not None and len(node.gaps) == len(words) - 1 and len(words) == len(node.words):
            gaps = node.gaps
        else:
            gaps, slop = [0] * (len(words) - 1), slop + 1
        # Each word at its place; a word the index holds in pieces takes a
        # place for each.
        phrase: list[tuple[int, str]] = []
        place = 0
        for n, word in enumerate(words):
            if n:
                place += 1 + gaps[n - 1]
            pieces = self.pieces(node.field, word)
            if pieces is None:
                phrase.append((place, word))
                continue
            phrase.extend((place + offset, term) for offset, term in pieces)
            place += max(0, len(PIECE.findall(self.originals.get(word, word))) - 1)
        if not phrase:
            return None
        if len(phrase) == 1:
            q = tantivy.Query.term_query(self.schema, node.field, phrase[0][1])
            return _boosted(q, self._weight(node.field, node.boost))
        q = tantivy.Query.phrase_query(self.schema, node.field, list(phrase), slop=slop)
        return _boosted(q, self._weight(node.field, node.boost))

    def _any_of(self, field: str, terms: list[str], boost: float) -> Any | None:
        import tantivy

        if not terms or field not in self.owner.text_fields and field not in KEYWORDS:
            return None
        if field in STEMMED:
            self.marked.update(terms)
        parts = [tantivy.Query.term_query(self.schema, field, term) for term in terms]
        q = parts[0] if len(parts) == 1 else _bool([(tantivy.Occur.Should, p) for p in parts])
        return _boosted(q, self._weight(field, boost))

    def _expand(self, node: t.Prefix | t.Fuzzy | t.TermRange) -> list[str]:
        """The index terms of ``field`` a prefix, fuzzy word or range stands
        for: at most :data:`EXPANSION_TERMS`, the most common first (with a
        note when there were more)."""
        if node.field not in self.owner.text_fields and node.field not in KEYWORDS:
            return []  # a word pattern on a field of dates matches nothing
        words = node.field in STEMMED and not (isinstance(node, t.Prefix) and not node.words)
        source = WORDS if words and not isinstance(node, t.TermRange) else node.field
        if isinstance(node, t.Prefix):
            candidates = list(self.searcher.terms_with_prefix(source, node.text))
            what = f"{node.text}*"
        elif isinstance(node, t.Fuzzy):
            candidates = self._fuzzy(source, node.text, node.distance, node.prefix)
            what = f"{node.text}~{node.asked}"
        else:
            words = False
            candidates = [
                (term, count)
                for term, count in self.searcher.terms_with_prefix(node.field, "")
                if (node.start is None or term > node.start or term == node.start and not node.start_excl)
                and (node.end is None or term < node.end or term == node.end and not node.end_excl)
            ]
            what = f"[{node.start or ''} TO {node.end or ''}]"
        candidates.sort(key=lambda item: (-item[1], item[0]))
        terms: dict[str, None] = {}
        for word, _ in candidates:
            for stem in self.owner.stems(word) if words else [word]:
                terms[stem] = None
            if len(terms) > EXPANSION_TERMS:
                note = f"{what} matches {len(candidates):,} words: searched the {EXPANSION_TERMS:,} most common"
                if note not in self.notes:
                    self.notes.append(note)
                return list(terms)[:EXPANSION_TERMS]
        return list(terms)

    def _fuzzy(self, field: str, word: str, distance: int, prefix: int) -> list[tuple[str, int]]:
        """The terms of ``field`` within ``distance`` edits of ``word`` that
        share its first ``prefix`` letters. Each edit brings at most one
        letter the other word lacks: a term with more letters of its own
        (or lacking more of the word's) is passed over before its distance
        is computed (most of them: a fuzzy word at 10,000 articles tried
        thousands of terms of its first letter)."""
        letters = set(word)
        found = []
        for term, count in self.searcher.terms_with_prefix(field, word[:prefix]):
            if abs(len(term) - len(word)) > distance:
                continue
            own = set(term)
            if len(own - letters) > distance or len(letters - own) > distance:
                continue
            if _edit_distance(term, word) <= distance:
                found.append((term, count))
        return found


@dataclass(frozen=True)
class _Rest:
    """A tier only counted, as the matches of ``whole`` less those of the
    tier ``minus`` (which ``whole`` holds all of): counting a query of some
    words less the articles with all of them read both at every match
    (2-3 ms for three common words at 100,000 articles), counting the
    words' union alone about half that, and the other tier's count is
    known from its search."""

    whole: Any
    minus: int


@dataclass
class _Listed:
    score: float
    doc: dict[str, list[Any]]
    copies: int = 1


def _by_value(hit: tuple[float, dict[str, list[Any]]]) -> tuple[float, str]:
    """The order of a fetch's hits (score or day, stored fields): highest
    first, then by id."""
    return (-hit[0], (hit[1].get("id") or [""])[0])


class TantivyIndex:
    """Read access to a Tantivy index: the interface of
    :class:`reader.index.search.ArticleIndex` (see :mod:`reader.index.engines`)."""

    def __init__(self, store: TantivyStore) -> None:
        from reader.index.schema import make_schema

        self.store = store
        self._index = store.open()
        self.schema = self._index.schema
        self._parser = make_parser(make_schema())
        self._lock = threading.RLock()
        self.read_ids: Callable[[], frozenset[str]] | None = None
        self.text_fields = frozenset(STEMMED + PLAIN)
        self._whoosh_analyser = make_schema()["body"].analyzer
        self._stemmer: Any = None
        self._stems: dict[str, list[str]] = {}

    def close(self) -> None:
        """Nothing to release: Tantivy's files are closed with the index."""

    def __enter__(self) -> TantivyIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _analyser(self) -> Any:
        """The analyser of the title and body (as the index holds them)."""
        if self._stemmer is None:
            self._stemmer = _stem_analyser()
        return self._stemmer

    def originals(self, text: str) -> dict[str, str]:
        """The words of ``text`` Whoosh analyses into a term other than a
        run of letters and digits, by that term: "U.S." is the term "u."
        (stemmed), which the index holds as "u" and "s"."""
        found: dict[str, str] = {}
        if "." not in text and "_" not in text:
            return found  # every word a run of letters and digits
        for token in self._whoosh_analyser(text, keeporiginal=True, removestops=False):
            if not PIECE.fullmatch(token.text):
                found.setdefault(token.text, token.original)
        return found

    def stems(self, word: str) -> list[str]:
        """The index terms of a word as written, as the title and body hold them."""
        cached = self._stems.get(word)
        if cached is None:
            cached = self._stems[word] = list(self._analyser().analyze(word))
        return cached

    def searcher(self) -> Any:
        with self._lock:
            try:
                with native_errors(self.store.tantivy_dir):
                    self._index.reload()
                    return self._index.searcher()
            except Exception as error:  # noqa: BLE001
                raise self.store.damaged(error) from None

    def parse(self, text: str) -> ParsedQuery:
        return parse_query(self._parser, text)

    def doc_count(self) -> int:
        return int(self.searcher().num_docs)

    def _answers_plain_queries(self) -> bool:
        import tantivy

        try:
            searcher = self.searcher()
            with native_errors(self.store.tantivy_dir):
                for _, address in searcher.search(tantivy.Query.all_query(), limit=1).hits:
                    searcher.doc(address)
        except Exception:  # noqa: BLE001 - any failure here is the index's
            return False
        return True

    def search(
        self,
        text: str,
        *,
        limit: int | None = 20,
        offset: int = 0,
        sort: str = "relevance",
        snippets: int | None = None,
        suggest: bool = True,
    ) -> SearchResponse:
        from reader.index.search import SearchResponse, unrunnable

        start = time.perf_counter()
        parsed = self.parse(text)
        with self._lock:
            try:
                with native_errors(self.store.tantivy_dir):
                    results, total, all_words, notes = self._run(parsed, limit, offset, sort, snippets)
            except IndexDamaged:
                raise
            except Exception as error:  # noqa: BLE001
                if not self._answers_plain_queries():
                    raise self.store.damaged(error) from None
                return unrunnable(parsed, error, start, offset)
            complete = total if all_words is None else all_words
            suggestion = self.suggest_query(parsed.text, complete) if suggest and not parsed.is_empty else None
        took = (time.perf_counter() - start) * 1000
        return SearchResponse(
            parsed.text,
            total,
            took,
            tuple(results),
            suggestion,
            "; ".join(dict.fromkeys(filter(None, [parsed.problem, *notes]))) or None,
            offset=offset,
            all_words=all_words,
        )

    def _read_filter(self, parsed: ParsedQuery) -> tuple[Any, Any] | None:
        """The clause ``is:read`` / ``is:unread`` adds, or None."""
        import tantivy

        if parsed.read is None:
            return None
        read = sorted(self.read_ids() if self.read_ids is not None else frozenset())
        if not read:
            return (tantivy.Occur.MustNot, tantivy.Query.all_query()) if parsed.read == "read" else None
        ids = tantivy.Query.term_set_query(self.schema, "id", read)
        return (tantivy.Occur.Must if parsed.read == "read" else tantivy.Occur.MustNot, ids)

    def _run(
        self, parsed: ParsedQuery, limit: int | None, offset: int, sort: str, snippets: int | None
    ) -> tuple[list[SearchResult], int, int | None, list[str]]:
        import tantivy

        occur = tantivy.Occur
        searcher = self.searcher()
        translate = _Translator(self, searcher, parsed.text)
        strict = translate.query(t.from_whoosh(parsed.query))
        loose = translate.query(t.from_whoosh(parsed.loose)) if parsed.loose is not None else None
        only = self._read_filter(parsed)

        def kept(q: Any | None, *extra: tuple[Any, Any]) -> Any | None:
            if q is None:
                return None
            clauses = [(occur.Must, q), *extra]
            if only is not None:
                clauses.append(only)
            return q if len(clauses) == 1 else _bool(clauses)

        near = self._near(parsed)
        all_words: int | None = None
        order = None
        counting: list[Any | None] | None = None  # a tier only counted: without its ranking clauses (or a _Rest)
        if parsed.is_empty or sort == "date":
            order = "day"
            tiers = [kept(strict)]
            if loose is not None and tiers[0] is not None and not self._count(searcher, tiers[0]):
                tiers, all_words = [kept(loose)], 0
        elif loose is None:
            tiers = [kept(strict, *near)]
        elif parsed.question:
            words = [translate.query(t.from_whoosh(w)) for w in parsed.words]
            share = COORD_POINTS / max(1, len(words))
            bonus = [(occur.Should, tantivy.Query.const_score_query(w, share)) for w in words if w is not None]
            first = kept(loose, *bonus, *near)
            tiers = [kept(loose, *bonus, *near, *self._feedback(searcher, first, translate.marked))]
        else:
            rest = None if strict is None or loose is None else _bool([(occur.Must, loose), (occur.MustNot, strict)])
            tiers = [kept(strict, *near), kept(rest, *(near if len(parsed.near) > 1 else []))]
            counting = [kept(strict), _Rest(kept(loose), 0) if rest is not None else None]
        want = None if limit is None else offset + limit
        listed, counts = self._fetch(searcher, tiers, want, order, counting)
        if order is not None:
            total = counts[0]
        elif loose is None:
            total = counts[0]
        elif parsed.question:
            total = counts[0]
            all_words = self._count(searcher, kept(strict))
        else:
            total = sum(counts)
            all_words = counts[0]
        results = [
            self._result(item, rank < snippets if snippets is not None else True, frozenset(translate.marked))
            for rank, item in enumerate(listed[offset:])
        ]
        return results, total, all_words, translate.notes

    def _feedback(self, searcher: Any, first: Any | None, asked: set[str]) -> list[tuple[Any, Any]]:
        """Ranking clauses for the words that best tell a question's first
        matches from the rest of the library, as the Whoosh engine ranks a
        question (reader.index.search: pseudo-relevance feedback, Bo1; here
        with each word's document frequency for its frequency in the
        library, which Tantivy does not tell). They add to the scores of
        the articles that match anyway, never to the matches, and are not
        marked."""
        import tantivy

        from reader.index import search as whoosh_search

        count = int(searcher.num_docs)
        if first is None or count < whoosh_search.FEEDBACK_LIBRARY or whoosh_search.FEEDBACK_DOCS <= 0:
            return []
        hits = searcher.search(first, limit=whoosh_search.FEEDBACK_DOCS).hits
        if not hits:
            return []
        text = " ".join(
            ((searcher.doc(address).to_dict().get("body") or [""])[0])[: whoosh_search.FEEDBACK_CHARS] for _, address in hits
        )
        in_top: dict[str, int] = {}
        for stem in self._analyser().analyze(text):
            in_top[stem] = in_top.get(stem, 0) + 1
        scored: list[tuple[float, str]] = []
        for term, weight in in_top.items():
            found = searcher.doc_freq("body", term)
            if found:
                share = found / count
                scored.append((weight * math.log2((1.0 + share) / share) + math.log2(1.0 + share), term))
        if not scored:
            return []
        top = max(score for score, _ in scored)
        share = top / count
        norm = top * math.log2((1.0 + share) / share) + math.log2(1.0 + share)
        scored.sort(key=lambda item: (-item[0], item[1]))
        clauses = []
        for score, term in scored[: whoosh_search.FEEDBACK_TERMS]:
            if term in asked:
                continue
            q = tantivy.Query.term_query(self.schema, "body", term)
            clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(q, whoosh_search.FEEDBACK_WEIGHT * score / norm)))
        return clauses

    def _near(self, parsed: ParsedQuery) -> list[tuple[Any, Any]]:
        """Ranking clauses for neighbouring query words near each other: up
        to NEAR_WEIGHT points (the average over the pairs) for two words in
        order fewer than NEAR_SLOP words apart, in the title or the body (the
        Whoosh engine takes a quarter off for each word between; see
        NEAR_STEPS)."""
        import tantivy

        if not parsed.near:
            return []
        weight = NEAR_WEIGHT / len(parsed.near)
        clauses = []
        for first, second in parsed.near:
            if not (PIECE.fullmatch(first) and PIECE.fullmatch(second)):
                continue  # a word the index holds in pieces: no nearness bonus
            for slop, share in NEAR_STEPS:
                fields = [tantivy.Query.phrase_query(self.schema, field, [first, second], slop=slop) for field in STEMMED]
                either = tantivy.Query.disjunction_max_query(fields)
                clauses.append((tantivy.Occur.Should, tantivy.Query.const_score_query(either, weight * share)))
        return clauses

    @staticmethod
    def _count(searcher: Any, q: Any | None) -> int:
        """How many articles match ``q`` (scored alike: a count needs no ranking)."""
        import tantivy

        if q is None:
            return 0
        return int(searcher.search(tantivy.Query.const_score_query(q, 1.0), limit=1, count=True).count)

    def _fetch(
        self,
        searcher: Any,
        tiers: list[Any | None],
        want: int | None,
        order: str | None,
        counting: list[Any | None] | None = None,
    ) -> tuple[list[_Listed], list[int]]:
        """The first ``want`` (all when None) matches of ``tiers`` in turn,
        each article listed once with the number of its copies, and how
        many match each tier (a tier after a full page is only counted,
        with its query in ``counting`` when given: the same matches, none
        of the clauses that only rank; or a :class:`_Rest`)."""
        import tantivy

        listed: list[_Listed] = []
        seen: set[str] = set()
        counts: list[int] = []
        searched: dict[int, int] = {}  # how many match each tier searched, copies and all
        for number, q in enumerate(tiers):
            if q is None:
                counts.append(0)
                continue
            fetch = self._count(searcher, q) if want is None else want - len(listed) + SPARE
            while True:
                kwargs: dict[str, Any] = {"limit": max(1, fetch), "count": True}
                if order is not None:
                    kwargs.update(order_by_field=order, order=tantivy.Order.Desc)
                found = searcher.search(q, **kwargs)
                # Equal scores (days, sorted by date) by id, as the Whoosh
                # engine lists them; a cut fetch's lowest may have more.
                cut = len(found.hits) < found.count
                values = [float(value) for value, _ in found.hits]
                kept = found.hits[: trusted(values, cut)]  # the stored fields of those only
                hits = sorted(
                    ((values[n], searcher.doc(address).to_dict()) for n, (_, address) in enumerate(kept)), key=_by_value
                )
                added: list[_Listed] = []
                local_seen = set(seen)
                copies = 0
                for value, doc in hits:
                    digest = (doc.get("digest") or [""])[0]
                    if digest and digest in local_seen:
                        copies += 1
                        continue
                    local_seen.add(digest)
                    added.append(_Listed(value if order is None else 0.0, doc))
                enough = want is None or len(listed) + len(added) >= want
                if enough or not cut:
                    break
                fetch *= 2  # identical articles took places: fetch deeper
            every = len(found.hits) >= found.count  # every match seen: count stories, not copies
            searched[number] = int(found.count)
            counts.append(int(found.count) - (copies if every else 0))
            listed.extend(added)
            seen = local_seen
            if want is not None and len(listed) >= want:
                break
        for q in (counting or tiers)[len(counts) :]:  # the page was full: only counted
            if isinstance(q, _Rest):
                counts.append(max(0, self._count(searcher, q.whole) - searched[q.minus]))
            else:
                counts.append(self._count(searcher, q))
        listed = listed if want is None else listed[:want]
        for item in listed:
            digest = (item.doc.get("digest") or [""])[0]
            if digest and searcher.doc_freq("digest", digest) > 1:
                item.copies = max(1, self._count(searcher, tantivy.Query.term_query(self.schema, "digest", digest)))
        return listed, counts

    def _result(self, item: _Listed, snippet: bool, terms: frozenset[str]) -> SearchResult:
        from reader.index.search import SearchResult

        article = _article(item.doc)
        text = ""
        text_hits: list[tuple[int, int]] = []
        if snippet:
            text, text_hits = make_snippet(article.body, hit_spans(article.body, terms))
        return SearchResult(
            id=article.id,
            title=article.title,
            date=article.date,
            dateline=article.dateline,
            source=article.source,
            path=article.path,
            score=item.score,
            snippet=text,
            snippet_hits=tuple(text_hits),
            title_hits=tuple(hit_spans(article.title, terms)),
            copies=item.copies,
            terms=terms,
            url=article.url,
        )

    def snippet_for(self, result: SearchResult) -> tuple[str, tuple[tuple[int, int], ...]]:
        article = self.get(result.id)
        if article is None:
            return "", ()
        text, hits = make_snippet(article.body, hit_spans(article.body, result.terms))
        return text, tuple(hits)

    def get(self, article_id: str) -> Article | None:
        import tantivy

        with self._lock:
            searcher = self.searcher()
            try:
                with native_errors(self.store.tantivy_dir):
                    found = searcher.search(tantivy.Query.term_query(self.schema, "id", article_id), limit=1)
                    for _, address in found.hits:
                        return _article(searcher.doc(address).to_dict())
            except Exception as error:  # noqa: BLE001
                raise self.store.damaged(error) from None
        return None

    def group_ids(self, fieldname: str) -> dict[str, set[str]]:
        import tantivy

        if fieldname not in KEYWORDS:
            return {}
        with self._lock:
            searcher = self.searcher()
            groups: dict[str, set[str]] = {}
            for term, count in searcher.terms_with_prefix(fieldname, ""):
                found = searcher.search(tantivy.Query.term_query(self.schema, fieldname, term), limit=max(1, count))
                ids = groups.setdefault(term, set())
                for _, address in found.hits:
                    ids.update(searcher.doc(address).to_dict().get("id") or [])
            return {term: ids for term, ids in groups.items() if ids}

    # -- spelling -------------------------------------------------------------

    def suggest_word(self, word: str) -> str | None:
        """The closest word of the index's own vocabulary, or None."""
        word = word.lower()
        searcher = self.searcher()
        if not word or len(word) > LONGEST_WORD or searcher.doc_freq(WORDS, word):
            return None
        maxdist = 1 if len(word) <= 4 else 2
        best: tuple[tuple[int, int, str], str] | None = None
        for candidate, count in searcher.terms_with_prefix(WORDS, word[:1]):
            if candidate.isdigit() or abs(len(candidate) - len(word)) > maxdist:
                continue
            distance = _edit_distance(word, candidate)
            if distance <= maxdist:
                key = (distance, -count, candidate)
                if best is None or key < best[0]:
                    best = (key, candidate)
        return best[1] if best else None

    def suggest_query(self, text: str, total: int) -> str | None:
        """A corrected query that finds more than ``total`` complete matches,
        when the query finds few (fewer than 3); else None."""
        if total >= 3 or not text.strip():
            return None
        corrected = corrected_query(text, self.suggest_word)
        if corrected is None:
            return None
        parsed = self.parse(corrected)
        searcher = self.searcher()
        q = _Translator(self, searcher).query(t.from_whoosh(parsed.query))
        return corrected if self._count(searcher, q) > total else None
