"""Opening, building and incrementally updating the Whoosh index.

Layout inside the home::

    index/            the Whoosh index
      meta.json       schema version
      manifest.json   path -> [mtime_ns, size, article id] of every indexed file
    index.lock        held while a process writes the index

Only new, changed and deleted files are touched by :meth:`IndexStore.update`.

When there is no usable index (none yet, one of another schema version, a
damaged one) it is built in place, committed in batches: the first small
(:data:`FIRST_BATCH` files), the next ones four times as big each (up to
:data:`BATCH_MAX`; with several processes, that at once), so the first
articles are searchable within seconds and the index has few segments. Each commit writes meta.json and the manifest of
the files committed so far, so the folder always holds a consistent index:
a build that stops (Ctrl-C, a crash, a full disk) leaves the batches
committed, and the next update indexes only the rest.

A rebuild of a usable index (``--rebuild``) builds a fresh index beside it
and swaps it in at the end, so searches keep working on the old one
meanwhile.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import queue
import shutil
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from reader.corpus import Article, SkippedFile, read_article
from reader.corpus.sources import Source
from reader.errors import ReaderError
from reader.files.atomic import atomic_write_text, disk_full_message, is_disk_full, os_error_behind
from reader.files.locking import exclusive
from reader.index.schema import SCHEMA_VERSION, make_schema, text_digest

if TYPE_CHECKING:
    from whoosh.index import Index
    from whoosh.multiproc import MpWriter
    from whoosh.writing import IndexWriter

# Rebuilds of at least this many files may use several processes (and
# the batches of a first build of at least this many files).
PARALLEL_MIN_FILES = 500

# A build in place commits its first FIRST_BATCH files (searchable about
# two seconds after the start on two cores), then batches BATCH_GROWTH
# times as big each time, up to BATCH_MAX files; what is left after a batch
# other than the first goes with it if it is less than half the next one
# (no small last segment). At 10,000 files: 500, 2,000 and 7,501, so three
# segments; at 50,000: four; at 100,000: six. Segments are not merged (a
# merge rewrites the postings of the batches before). Each segment costs
# its commit time for its own words (about a second for the first batch's),
# so the batches grow fast: at 10,000 generated articles,
# doubling from 500 (four segments) built 12 % slower than one commit,
# growing fourfold 5 % (benchmarks/README.md). With several processes
# (``procs``) each batch adds a segment per process and costs about a
# second more, so the batches after the first are BATCH_MAX files at once:
# at 10,000 files 500 and 9,501.
FIRST_BATCH = 500
BATCH_GROWTH = 4
BATCH_MAX = 32_000

# Memory for the postings of a rebuild (estimated, reader.index.writer);
# past it they go to temporary run files, merged at the commit. A build
# needs about 100 MB besides (Python, Whoosh, the file list) and some tens
# of MB more while it commits, growing with the library: see the peaks in
# benchmarks/README.md.
POOL_MB = 128
POOL_MB_PER_PROCESS = 48

# The phases an update goes through, as told to a Progress callback.
READING = "reading"  # files are read and added: done/total files
COMMITTING = "committing"  # all files are in; the index is written to disk

# Called as progress(done, total, phase, elapsed): during READING after each
# file (elapsed: seconds since the update started); during COMMITTING once
# when it starts (elapsed 0.0), then about every COMMIT_TICK seconds from
# another thread with the seconds spent committing, until it ends. Commits
# of big indexes take tens of seconds: front ends should say so.
Progress = Callable[[int, int, str, float], None]
COMMIT_TICK = 0.5

# Called as committed(searchable, total) after each batch of a build in
# place is committed: ``searchable`` articles of the library's ``total``
# files are in the index folder now, and an index open on it (an
# ArticleIndex) finds them from its next search. Not called when a rebuild
# is swapped in (the folder is replaced: open it again).
Committed = Callable[[int, int], None]

# A file's line in manifest.json: [mtime_ns, size, article id, source name],
# plus "skipped" for a file that was not indexed. Read back from JSON, so
# its items are whatever the file holds.
ManifestEntry = list[Any]


class _Changes(NamedTuple):
    """What an update has to do: the manifest, the files found, the paths to
    read (new or changed) and the paths gone."""

    old: dict[str, ManifestEntry]
    current: dict[str, ManifestEntry]
    todo: list[str]
    gone: list[str]


class IndexLocked(ReaderError):
    """Another process is writing the index."""


class IndexDamaged(ReaderError):
    """The index cannot be read."""


class _BuildFailed(ReaderError):
    """A build in place failed writing (its message says what it kept)."""


@dataclass
class UpdateStats:
    """What one index update did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    seconds: float = 0.0
    rebuilt: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        return (
            f"indexed: {self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{len(self.skipped)} skipped, {self.unchanged} unchanged in {self.seconds:.2f}s"
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
            "seconds": round(self.seconds, 3),
            "rebuilt": self.rebuilt,
        }


def _well_formed(entry: object) -> bool:
    """True for a manifest entry of the shape this module writes."""
    return (
        isinstance(entry, list)
        and len(entry) >= 4
        and isinstance(entry[0], int)
        and isinstance(entry[1], int)
        and isinstance(entry[2], str)
        and isinstance(entry[3], str)
    )


def _was_indexed(entry: ManifestEntry) -> bool:
    """A manifest entry is ``[mtime_ns, size, id, source]`` plus ``"skipped"`` for skipped files."""
    return len(entry) >= 3 and entry[-1] != "skipped"


def article_fields(article: Article) -> dict[str, object]:
    doc: dict[str, object] = {
        "id": article.id,
        "title": article.title,
        "body": article.body,
        "title_pairs": article.title,
        "body_pairs": article.body,
        "source": article.source,
        "path": article.path,
        "subheadings": list(article.subheadings),
        "digest": text_digest(article.title, article.body),
    }
    if article.date is not None:
        doc["date"] = dt.datetime.combine(article.date, dt.time())
        doc["day"] = article.date.toordinal()
    if article.dateline:
        doc["dateline"] = article.dateline
    if article.url:
        doc["url"] = article.url
    if article.author:
        doc["author"] = article.author
    if article.feed:
        doc["feed"] = article.feed
    return doc


def article_from_stored(stored: Mapping[str, Any]) -> Article:
    date = stored.get("date")
    return Article(
        id=stored["id"],
        title=stored.get("title") or stored["id"],
        body=stored.get("body") or "",
        date=date.date() if isinstance(date, dt.datetime) else None,
        dateline=stored.get("dateline") or None,
        subheadings=tuple(stored.get("subheadings") or ()),
        source=stored.get("source") or "",
        path=stored.get("path") or "",
        url=stored.get("url") or "",
        author=stored.get("author") or "",
        feed=stored.get("feed") or "",
    )


class IndexStore:
    """The index directory of one Reader home, written by the Whoosh engine.

    Other engines subclass it (:mod:`reader.index.tantivy_engine`): the
    manifest, the locking, the change detection and the messages are the
    same; the engine's name and schema version are in meta.json, so an
    index another engine built is rebuilt by this one (status ``outdated``).
    """

    ENGINE = "whoosh"
    VERSION = SCHEMA_VERSION

    def __init__(self, directory: Path) -> None:
        self.dir = Path(directory)
        self.lock_path = self.dir.with_name(self.dir.name + ".lock")

    # -- state -------------------------------------------------------------

    @property
    def meta_path(self) -> Path:
        return self.dir / "meta.json"

    @property
    def manifest_path(self) -> Path:
        return self.dir / "manifest.json"

    def exists(self) -> bool:
        from whoosh import index

        if not self.dir.is_dir():
            return False
        try:
            found: bool = index.exists_in(str(self.dir))
            return found
        except Exception:  # noqa: BLE001 - a damaged table of contents
            return True

    def schema_version(self) -> int | None:
        try:
            return int(json.loads(self.meta_path.read_text("utf-8"))["schema_version"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def built_by(self) -> str | None:
        """The engine that built the index in the folder (meta.json), None
        when there is none. An index from before engines were named is Whoosh's."""
        try:
            meta = json.loads(self.meta_path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict):
            return None
        engine = meta.get("engine", "whoosh")
        return engine if isinstance(engine, str) else None

    def _current(self) -> bool:
        """Whether meta.json says this engine built the index, at this version."""
        return self.schema_version() == self.VERSION and self.built_by() == self.ENGINE

    def _meta_text(self) -> str:
        return json.dumps({"schema_version": self.VERSION, "engine": self.ENGINE}) + "\n"

    def status(self) -> str:
        """``missing``, ``outdated`` (another schema version), ``damaged`` or ``ok``.

        A folder with no meta.json is ``missing``: a first build writes it
        with its first batch."""
        if self.meta_path.exists() and self.built_by() not in (None, self.ENGINE):
            return "outdated"  # another engine's index
        if not self.exists() or not self.meta_path.exists():
            return "missing"
        if not self._current():
            return "outdated"
        try:
            self._try_open()
        except Exception as error:  # noqa: BLE001 - Whoosh raises many kinds here
            self._raise_if_unreadable(error)
            return "damaged"
        return "ok"

    def _try_open(self) -> None:
        """Open the index and close it again: raises what opening it raises."""
        self._open_dir().close()

    def open(self) -> Index:
        """Open the Whoosh index (its files memory-mapped: see
        :mod:`reader.index.storage`); :class:`IndexDamaged` if it cannot be."""
        try:
            return self._open_dir()
        except Exception as error:  # noqa: BLE001 - Whoosh raises many kinds here
            self._raise_if_unreadable(error)
            raise self.damaged(error) from None

    def _open_dir(self, tries: int = 5) -> Index:
        """The index opened from its folder, tried again when a file it read was
        gone: a commit in another thread or process (a build's batch)
        replaced the table of contents between its listing of the folder
        and its reading of the newest one."""
        from reader.index.storage import MappedStorage

        storage = MappedStorage(str(self.dir))
        for _ in range(tries - 1):
            try:
                ix: Index = storage.open_index()
                return ix
            except FileNotFoundError:
                continue
        last: Index = storage.open_index()
        return last

    def _raise_if_unreadable(self, error: BaseException) -> None:
        """A permission problem is not damage: say so instead of rebuilding."""
        os_error = os_error_behind(error)
        if os_error is not None and os_error.errno in (errno.EACCES, errno.EPERM):
            where = os_error.filename or self.dir
            raise ReaderError(
                f"cannot read the index at {self.dir}: {os_error.strerror or os_error} ({where}); "
                "give yourself access to that folder or choose another home with --home"
            ) from None

    def damaged(self, error: BaseException) -> IndexDamaged:
        return IndexDamaged(
            f"the index at {self.dir} is damaged ({type(error).__name__}: {error}); rebuild it with 'reader index --rebuild'"
        )

    # -- writing -------------------------------------------------------------

    def write_lock(self) -> AbstractContextManager[None]:
        """Exclusive right to write the index, across processes (one try, no wait)."""
        return exclusive(
            self.lock_path,
            timeout=0,
            busy=lambda: IndexLocked(
                f"another reader process is updating the index at {self.dir}; searches still work, try again when it finishes"
            ),
        )

    @staticmethod
    @contextmanager
    def _committing(progress: Progress | None, total: int) -> Iterator[None]:
        """Tell ``progress`` that the commit phase runs, with its elapsed time."""
        if progress is None:
            yield
            return
        start = time.monotonic()
        stop = threading.Event()

        def tick() -> None:
            while not stop.wait(COMMIT_TICK):
                try:
                    progress(total, total, COMMITTING, time.monotonic() - start)
                except Exception:  # noqa: BLE001 - a display problem must not stop the commit
                    return

        progress(total, total, COMMITTING, 0.0)
        ticker = threading.Thread(target=tick, name="index-commit-progress", daemon=True)
        ticker.start()
        try:
            yield
        finally:
            stop.set()
            ticker.join()

    def _load_manifest(self) -> dict[str, ManifestEntry]:
        try:
            data = json.loads(self.manifest_path.read_text("utf-8"))
            files = data["files"]
            return files if isinstance(files, dict) else {}
        except (OSError, ValueError, KeyError, TypeError):
            return {}

    def update(
        self,
        sources: list[Source],
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
        procs: int = 1,
        committed: Committed | None = None,
    ) -> UpdateStats:
        """Bring the index in line with ``sources``.

        Incremental unless ``rebuild`` is set or the index is missing, from
        another schema version or damaged. With no usable index it is built
        in place in batches, ``committed`` told of each; a usable one asked
        to ``rebuild`` is rebuilt beside it and swapped in. ``procs`` > 1
        lets a large build use that many processes; only pass it from a
        process that may fork (not from the TUI, whose threads make forking
        unsafe).
        """
        start = time.perf_counter()
        try:
            with self.write_lock():
                changes = None
                if not rebuild and self._looks_built():
                    # Nothing changed: done without opening the index (or
                    # importing Whoosh). A damaged index shows when it is
                    # next opened (a search rebuilds it).
                    try:
                        changes = self._changes(sources)
                    except IndexDamaged:
                        pass
                    if changes is not None and not changes.todo and not changes.gone:
                        stats = UpdateStats(unchanged=len(changes.current))
                        stats.seconds = time.perf_counter() - start
                        return stats
                status = self.status()
                if status != "ok":
                    stats = self._build_in_place(sources, progress, committed, procs, start)
                elif rebuild:
                    stats = self._rebuild(sources, progress, procs, start)
                else:
                    try:
                        stats = self._update_incremental(sources, progress, start, changes)
                    except IndexDamaged:
                        stats = self._build_in_place(sources, progress, committed, procs, start)
        except (IndexLocked, IndexDamaged, _BuildFailed):
            raise
        except (OSError, ReaderError) as error:
            failure = self.write_failed(error)
            if failure is None:
                raise
            raise failure from None
        stats.seconds = time.perf_counter() - start
        return stats

    def write_failed(self, error: BaseException, kept: int | None = None) -> ReaderError | None:
        """A one-line error for a failed write to the index (disk full,
        permissions); None when ``error`` has no OS error behind it.
        ``kept``: the articles a build in place had committed (they stay)."""
        os_error = os_error_behind(error)
        if os_error is None:
            return None
        where = os_error.filename or self.dir
        reason = os_error.strerror or str(os_error)
        if os_error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return ReaderError(
                f"cannot write the index at {self.dir}: {reason} ({where}); "
                "give yourself write access to that folder or choose another home with --home"
            )
        if kept is not None:
            if kept:
                so_far = (
                    f"the {kept:,} article{'s' if kept != 1 else ''} indexed so far {'stay' if kept != 1 else 'stays'} searchable"
                )
            else:
                so_far = "no article was indexed yet"
            if is_disk_full(os_error):
                return _BuildFailed(
                    f"the disk holding the index at {self.dir} is full (no space left on device); {so_far}; "
                    "free some space and run 'reader index' to index the rest"
                )
            return _BuildFailed(
                f"could not build the index at {self.dir}: {reason} ({where}); {so_far}; run 'reader index' to index the rest"
            )
        if is_disk_full(os_error):
            return ReaderError(disk_full_message(self.dir, "index"))
        return ReaderError(f"could not update the index at {self.dir}: {reason} ({where}); the previous index is unchanged")

    def _scan(self, sources: list[Source]) -> dict[str, ManifestEntry]:
        current: dict[str, ManifestEntry] = {}
        for source in sources:
            if not source.root.exists():
                continue
            name = source.name
            for article_id, path, mtime_ns, size in source.entries():
                current[path] = [mtime_ns, size, article_id, name]
        return current

    def _looks_built(self) -> bool:
        """Whether the index folder holds an index of this schema version,
        from its meta.json and table of contents, without opening it."""
        if not self._current():
            return False
        try:
            return self._has_index_files(os.listdir(self.dir))
        except OSError:
            return False

    @staticmethod
    def _has_index_files(names: list[str]) -> bool:
        """Whether a folder with these files holds the engine's index (Whoosh:
        a table of contents)."""
        return any(name.startswith("_MAIN_") and name.endswith(".toc") for name in names)

    def _changes(self, sources: list[Source]) -> _Changes:
        """The manifest against a scan of ``sources``; :class:`IndexDamaged`
        if the manifest has an entry of the wrong shape."""
        old = self._load_manifest()
        malformed = next((p for p, entry in old.items() if not _well_formed(entry)), None)
        if malformed is not None:
            # Edited by hand or written by something else: which files the
            # index holds is not known, so update() rebuilds it.
            raise IndexDamaged(f"{self.manifest_path}: the entry for {malformed} is not [mtime_ns, size, id, source]")
        current = self._scan(sources)
        missing = [None]
        todo = [p for p, entry in current.items() if old.get(p, missing)[:3] != entry[:3]]
        gone = [p for p in old if p not in current]
        return _Changes(old, current, todo, gone)

    def _update_incremental(
        self, sources: list[Source], progress: Progress | None, start: float, changes: _Changes | None = None
    ) -> UpdateStats:
        from whoosh.index import LockError

        from reader.index.writer import ArticleWriter

        stats = UpdateStats()
        old, current, todo, gone = changes or self._changes(sources)
        stats.unchanged = len(current) - len(todo)
        if not todo and not gone:
            return stats
        ix = self.open()
        before = set(os.listdir(self.dir))
        try:
            # No Whoosh lock: write_lock() already keeps other writers out,
            # and a writer that fails while starting (a full disk) would
            # keep Whoosh's lock held for as long as this process runs.
            writer = ArticleWriter(ix, _lk=False)
        except LockError:
            raise IndexLocked(f"the index at {self.dir} is locked by another process; try again shortly") from None
        except OSError:
            self._remove_new_files(before)
            raise
        except Exception as error:  # noqa: BLE001
            raise self.damaged(error) from None
        try:
            manifest = self._apply_changes(
                lambda article_id: writer.delete_by_term("id", article_id),
                lambda article: writer.update_document(**article_fields(article)),
                (old, current, todo, gone),
                stats,
                progress,
                start,
            )
            with self._committing(progress, len(todo)):
                writer.commit()
        except BaseException:
            _cancel(writer)
            self._remove_new_files(before)
            raise
        self._write_manifest(self.dir, manifest)
        return stats

    @staticmethod
    def _apply_changes(
        delete: Callable[[str], object],
        replace: Callable[[Article], object],
        changes: tuple[dict[str, ManifestEntry], dict[str, ManifestEntry], list[str], list[str]],
        stats: UpdateStats,
        progress: Progress | None,
        start: float,
    ) -> dict[str, ManifestEntry]:
        """The files gone, new and changed of an incremental update
        (``changes``: the old manifest, the files now, those to read, those
        gone), written through the engine's ``delete(article_id)`` and
        ``replace(article)`` (the old version out, the new one in); counted
        in ``stats``. Returns the new manifest."""
        old, current, todo, gone = changes
        live_ids = {e[2] for e in current.values()}
        for path in gone:
            article_id = old[path][2]
            if _was_indexed(old[path]):
                if article_id not in live_ids:
                    delete(article_id)
                stats.removed += 1
        manifest = {p: e for p, e in old.items() if p in current}
        for n, path in enumerate(todo, 1):
            _, _, article_id, _ = current[path]
            was_indexed = path in old and _was_indexed(old[path]) and old[path][2] == article_id
            article = read_entry((path, current[path]))[2]
            if isinstance(article, SkippedFile):
                stats.skipped.append((path, str(article)))
                if was_indexed:
                    delete(article_id)
                manifest[path] = current[path] + ["skipped"]
            else:
                replace(article)
                manifest[path] = current[path]
                if was_indexed:
                    stats.updated += 1
                else:
                    stats.added += 1
            if progress:
                progress(n, len(todo), READING, time.perf_counter() - start)
        return manifest

    def _remove_new_files(self, before: set[str]) -> None:
        """Delete what a failed write left in the index folder."""
        remove_new_files(self.dir, before)

    def _clear(self) -> None:
        """Delete an unusable index (derived data) before a build in place:
        moved aside in one step, so that no half-deleted index is left
        behind, then deleted; and a fresh index beside it that a rebuild
        left when it stopped."""
        for leftover in (self.dir.with_name(self.dir.name + ".new"), self.dir.with_name(self.dir.name + ".old")):
            shutil.rmtree(leftover, ignore_errors=True)
        if self.dir.is_symlink():
            # The folder it points to holds the index: emptied, meta.json
            # first (without it the folder never passes for a built index).
            self.meta_path.unlink(missing_ok=True)
            for path in self.dir.iterdir():
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()
            return
        if not self.dir.exists():
            return
        trash = self.dir.with_name(self.dir.name + ".old")
        os.replace(self.dir, trash)
        shutil.rmtree(trash, ignore_errors=True)

    def _build_in_place(
        self, sources: list[Source], progress: Progress | None, committed: Committed | None, procs: int, start: float
    ) -> UpdateStats:
        """Build the index in the store's folder, committing in batches (see
        the module docstring): whatever happens, the folder holds the
        batches committed so far and the manifest of their files."""
        from whoosh import index

        current = self._scan(sources)
        try:
            self._clear()
            self.dir.mkdir(parents=True, exist_ok=True)
            ix = index.create_in(str(self.dir), make_schema())
            return self._build_batches(ix, current, progress, committed, procs, start)
        except BaseException as error:
            kept = self._searchable()
            if not kept and not self.meta_path.exists():
                shutil.rmtree(self.dir, ignore_errors=True)  # nothing committed: no index yet
            if not isinstance(error, (OSError, ReaderError)):
                raise
            failure = self.write_failed(error, kept=kept)
            if failure is None:
                raise
            raise failure from None

    def _searchable(self) -> int:
        """How many articles a build in place that failed left searchable."""
        if not self.meta_path.exists():
            return 0  # not even the first batch: the next update starts again
        try:
            ix = self._open_dir()
            count: int = ix.doc_count()
            ix.close()
            return count
        except Exception:  # noqa: BLE001 - an index that cannot be read holds nothing to search
            return 0

    def _build_batches(
        self,
        ix: Index,
        current: dict[str, ManifestEntry],
        progress: Progress | None,
        committed: Committed | None,
        procs: int,
        start: float,
    ) -> UpdateStats:
        """The batches of :meth:`_build_in_place`, into the new index ``ix``."""
        from reader.index.writer import ArticleWriter

        stats = UpdateStats(rebuilt=True)
        items = list(current.items())
        total = len(items)
        parallel = procs > 1 and total >= PARALLEL_MIN_FILES
        manifest: dict[str, ManifestEntry] = {}
        seen_ids: dict[str, str] = {}
        done = 0
        for end in batch_ends(total, parallel):
            batch = items[done:end]
            last = end >= total
            before = set(os.listdir(self.dir))
            generation = ix.latest_generation()
            writer: IndexWriter | None = None
            try:
                if parallel and len(batch) >= PARALLEL_MIN_FILES:
                    writer = _SafeMpWriter(
                        ix,
                        procs=procs,
                        limitmb=POOL_MB_PER_PROCESS,
                        subargs={"limitmb": POOL_MB_PER_PROCESS},
                        multisegment=True,
                        _lk=False,
                    )
                else:
                    writer = ArticleWriter(ix, limitmb=POOL_MB, _lk=False)
                for path, entry in batch:
                    self._add_new(writer, path, entry, manifest, seen_ids, stats)
                    done += 1
                    if progress:
                        progress(done, total, READING, time.perf_counter() - start)
                with self._committing(progress, total) if last else nullcontext():
                    writer.commit(merge=False)
            except BaseException:
                if writer is not None:
                    _cancel(writer)
                if ix.latest_generation() == generation:  # not committed: its files are of no use
                    self._remove_new_files(before)
                raise
            # The batch is committed: say so on disk (the manifest may lag
            # behind the index after a failure here; the next update then
            # indexes those files again, replacing them).
            atomic_write_text(self.meta_path, self._meta_text())
            self._write_manifest(self.dir, manifest)
            if committed:
                committed(stats.added, total)
        return stats

    def _add_new(
        self,
        writer: IndexWriter,
        path: str,
        entry: ManifestEntry,
        manifest: dict[str, ManifestEntry],
        seen_ids: dict[str, str],
        stats: UpdateStats,
    ) -> None:
        """Read one file of a (re)build and add it to ``writer``, or record why not."""
        self._add_read(writer, path, entry, read_entry((path, entry))[2], manifest, seen_ids, stats)

    def _add_read(
        self,
        writer: Any,
        path: str,
        entry: ManifestEntry,
        article: Article | SkippedFile,
        manifest: dict[str, ManifestEntry],
        seen_ids: dict[str, str],
        stats: UpdateStats,
    ) -> None:
        """Add a file of a (re)build read as ``article`` to ``writer``, or
        record why not (it could not be read, or its id came first from
        another file)."""
        article_id = entry[2]
        if isinstance(article, SkippedFile):
            stats.skipped.append((path, str(article)))
            manifest[path] = entry + ["skipped"]
            return
        if article_id in seen_ids:
            # e.g. a.txt beside a.md: one id, the first file wins.
            stats.skipped.append((path, f"same article id {article_id!r} as {seen_ids[article_id]}"))
            manifest[path] = entry + ["skipped"]
            return
        self._write_article(writer, article)
        seen_ids[article_id] = path
        manifest[path] = entry
        stats.added += 1

    @staticmethod
    def _write_article(writer: Any, article: Article) -> None:
        """Add a new article to the engine's ``writer``."""
        writer.add_document(**article_fields(article))

    def _rebuild(self, sources: list[Source], progress: Progress | None, procs: int, start: float) -> UpdateStats:
        from whoosh import index

        from reader.index.writer import ArticleWriter

        stats = UpdateStats(rebuilt=True)
        current = self._scan(sources)
        fresh = self.dir.with_name(self.dir.name + ".new")
        shutil.rmtree(fresh, ignore_errors=True)
        try:
            fresh.mkdir(parents=True)
            ix = index.create_in(str(fresh), make_schema())
            if procs > 1 and len(current) >= PARALLEL_MIN_FILES:
                # Measured on 10,000 generated articles, 2 cores: 20.0 s -> 13.2 s.
                writer: IndexWriter = _SafeMpWriter(ix, procs=procs, limitmb=POOL_MB_PER_PROCESS, multisegment=True)
            else:
                writer = ArticleWriter(ix, limitmb=POOL_MB)
            manifest: dict[str, ManifestEntry] = {}
            seen_ids: dict[str, str] = {}
            try:
                for n, (path, entry) in enumerate(current.items(), 1):
                    self._add_new(writer, path, entry, manifest, seen_ids, stats)
                    if progress:
                        progress(n, len(current), READING, time.perf_counter() - start)
                with self._committing(progress, len(current)):
                    writer.commit()
                    atomic_write_text(fresh / "meta.json", self._meta_text())
                    self._write_manifest(fresh, manifest)
            except BaseException:
                _cancel(writer)
                raise
            self._swap_in(fresh)
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        return stats

    def _swap_in(self, fresh: Path) -> None:
        old = self.dir.with_name(self.dir.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.dir.exists():
            os.replace(self.dir, old)
        try:
            os.replace(fresh, self.dir)
        except OSError:
            if old.exists() and not self.dir.exists():
                os.replace(old, self.dir)  # put the previous index back
            raise
        shutil.rmtree(old, ignore_errors=True)

    def _write_manifest(self, directory: Path, manifest: dict[str, ManifestEntry]) -> None:
        text = json.dumps({"version": self.VERSION, "files": manifest}, separators=(",", ":"))
        atomic_write_text(directory / "manifest.json", text)


def remove_new_files(folder: Path, before: set[str]) -> None:
    """Delete what a failed write left in ``folder`` (the files and folders
    whose names are not in ``before``, its listing before the write): the
    committed index stays as it was."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name in before:
            continue
        path = folder / name
        try:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink()
        except OSError:
            pass


def read_entry(item: tuple[str, ManifestEntry]) -> tuple[str, ManifestEntry, Article | SkippedFile]:
    """The article of one file of a (re)build (``(path, manifest entry)``),
    or why it was skipped; in a worker process of a parallel build too."""
    path, entry = item
    _, _, article_id, source_name = entry
    try:
        return path, entry, read_article(Path(path), id=article_id, source=source_name)
    except SkippedFile as reason:
        return path, entry, reason


def batch_ends(total: int, parallel: bool = False) -> list[int]:
    """Where each batch of a first build of ``total`` files ends (see
    :data:`FIRST_BATCH`): the first small, each next BATCH_GROWTH times as
    big up to BATCH_MAX, a rest of less than half the next batch joined to
    the one before. Batches of several processes (``parallel``) go to the
    largest at once: each forks its processes afresh and adds a segment
    for each."""

    def after(size: int) -> int:
        return BATCH_MAX if parallel else min(BATCH_GROWTH * size, BATCH_MAX)

    ends: list[int] = []
    done, size = 0, FIRST_BATCH
    while True:
        end = done + size
        if done and total - end < after(size) // 2:
            end = total  # the rest is less than half the next batch: take it now
        end = min(end, total)
        ends.append(end)
        if end >= total:
            return ends
        done, size = end, after(size)


def _cancel(writer: IndexWriter) -> None:
    """Cancel ``writer`` after a failure, whatever state it is in (a full
    disk can make closing its files fail too)."""
    try:
        writer.cancel()
    except BaseException:  # noqa: BLE001 - the first failure is the one to report
        pass


@lru_cache(maxsize=1)
def _safe_mp_writer_class() -> type[MpWriter]:
    """Whoosh's multi-process writer, made to fail cleanly.

    In Whoosh's own, a subprocess that fails (a full disk) prints a
    traceback and dies, the parent then commits without its documents, and
    a parent that fails leaves its subprocesses waiting for work forever.
    Here a subprocess reports its error to the parent instead, which raises
    it; a cancelled writer stops its subprocesses.
    """
    from whoosh.multiproc import MpWriter, SubWriterTask
    from whoosh.writing import SegmentWriter

    from reader.index.writer import ArticleWriter

    class SafeSubWriterTask(SubWriterTask):  # type: ignore[misc]  # Whoosh is untyped: its classes are Any
        def run(self) -> None:
            got_last_job = False
            try:
                ix = self.storage.open_index(self.indexname)
                writer = self.writer = ArticleWriter(ix, _lk=False, **self.kwargs)
                while True:
                    jobinfo = self.jobqueue.get()
                    if jobinfo is None:
                        got_last_job = True
                        break
                    self._process_file(*jobinfo)
                fieldnames = writer.pool.fieldnames
                segment = writer._finalize_segment()
                self.resultqueue.put((None, fieldnames, segment), timeout=5)
            except BaseException as error:  # noqa: BLE001 - reported to the parent
                started: ArticleWriter | None = getattr(self, "writer", None)
                if started is not None:
                    _cancel(started)
                self.resultqueue.put(
                    (
                        "error",
                        getattr(error, "errno", None),
                        str(getattr(error, "strerror", None) or error),
                        getattr(error, "filename", None),
                    )
                )
                try:
                    while not got_last_job:  # keep the parent from waiting on a full queue
                        got_last_job = self.jobqueue.get() is None
                except BaseException:  # noqa: BLE001
                    pass

    class SafeMpWriter(MpWriter):  # type: ignore[misc]  # Whoosh is untyped: its classes are Any
        tasks: list[SafeSubWriterTask]

        def _new_task(self) -> SafeSubWriterTask:
            task = SafeSubWriterTask(
                self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs, self.multisegment
            )
            self.tasks.append(task)
            task.start()
            return task

        @staticmethod
        def _raise_if_error(result: tuple[object, ...] | None) -> None:
            if result and result[0] == "error":
                _, code, reason, filename = result
                if code is not None:
                    raise OSError(code, reason, filename)
                raise ReaderError(f"an indexing process failed: {reason}")

        def _enqueue(self) -> None:
            # Stop early when a subprocess has failed (only failures arrive
            # before the commit).
            while True:
                try:
                    result = self.resultqueue.get_nowait()
                except queue.Empty:
                    break
                self._raise_if_error(result)
            super()._enqueue()

        def _commit(self, mergetype: Callable[..., Any] | None, optimize: bool | None, merge: bool | None) -> None:
            # MpWriter._commit with multisegment=True, checking what the
            # subprocesses sent back.
            if self.docbuffer:
                self._enqueue()
            for _task in self.tasks:
                self.jobqueue.put(None)
            finalsegments = self._merge_segments(mergetype, optimize, merge)
            results: list[tuple[Any, ...]] = []
            while len(results) < len(self.tasks):
                try:
                    results.append(self.resultqueue.get(timeout=0.5))
                except queue.Empty:
                    if not any(task.is_alive() for task in self.tasks) and self.resultqueue.empty():
                        break
            for task in self.tasks:
                task.join()
            for result in results:
                self._raise_if_error(result)
            if len(results) < len(self.tasks):
                codes = ", ".join(str(task.exitcode) for task in self.tasks)
                raise ReaderError(f"an indexing process stopped before finishing (exit codes {codes}); the index was not changed")
            finalsegments += [segment for _, _, segment in results]
            if self._added:
                finalsegments.append(self._finalize_segment())
            else:
                self._close_segment()
            self._commit_toc(finalsegments)
            self._finish()

        def cancel(self) -> None:
            for task in self.tasks:
                if task.is_alive():
                    task.terminate()
            for task in self.tasks:
                task.join()
            self.tasks = []
            SegmentWriter.cancel(self)

    return SafeMpWriter


def _SafeMpWriter(ix: Index, **kwargs: Any) -> MpWriter:
    return _safe_mp_writer_class()(ix, **kwargs)
