"""The feeds of one home, as front ends use them: subscribe, import and
export OPML, fetch (storing entries and keeping the fetch state), list.

``feeds/state.json`` (machine-written, atomically) keeps what each feed's
last fetch left: validators for conditional requests, the last error, a
server's Retry-After. One fetch at a time per home (``feeds/fetch.lock``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.errors import ReaderError
from reader.feeds.entries import EntryStore, Saved, entry_id, split_entry_id
from reader.feeds.fetch import TIMEOUT, WORKERS, FeedState, FetchFailed, Outcome, download, fetch_all, utcnow
from reader.feeds.opml import OpmlError, OpmlRead, feeds_from_opml, read_opml, write_opml
from reader.feeds.subscriptions import Feed, FeedList, check_feed, is_web_address, name_for
from reader.files.atomic import atomic_write_text
from reader.files.locking import exclusive
from reader.paths import Paths


@dataclass
class FeedReport:
    """One feed's line of a fetch."""

    feed: str
    result: str
    new: int = 0
    updated: int = 0
    removed: int = 0
    entries: int = 0
    error: str = ""
    status: int = 0
    requests: int = 0
    seconds: float = 0.0
    warning: str = ""
    new_keys: list[str] = field(default_factory=list)
    pages: int = 0
    """Full texts fetched (feeds with ``full_text: true``)."""
    page_errors: int = 0

    def line(self) -> str:
        if self.result == "failed":
            return f"{self.feed}: failed: {self.error}"
        if self.result == "waiting":
            return f"{self.feed}: not asked: {self.error}"
        if self.result == "unchanged":
            return f"{self.feed}: unchanged"
        text = f"{self.feed}: {self.new} new, {self.updated} updated ({self.entries} in the feed)"
        if self.removed:
            text += f", {self.removed} old removed"
        if self.pages or self.page_errors:
            text += f"; {self.pages} full text{'s' if self.pages != 1 else ''}"
            if self.page_errors:
                text += f" ({self.page_errors} page{'s' if self.page_errors != 1 else ''} failed)"
        if self.warning:
            text += f"; the feed is not well formed, entries recovered ({self.warning})"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "feed": self.feed,
            "result": self.result,
            "new": self.new,
            "updated": self.updated,
            "removed": self.removed,
            "entries": self.entries,
            "error": self.error or None,
            "status": self.status or None,
            "requests": self.requests,
            "seconds": round(self.seconds, 3),
        }


@dataclass
class FeedSummary:
    feed: Feed
    entries: int
    state: FeedState = field(default_factory=FeedState)
    unread: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.feed.to_dict(),
            "entries": self.entries,
            "unread": self.unread,
            "title": self.state.title or None,
            "last_checked": self.state.checked or None,
            "last_changed": self.state.changed or None,
            "last_error": self.state.error or None,
        }


class Feeds:
    """Subscriptions, fetched entries and fetch state of one home."""

    def __init__(self, paths: Paths, *, lock_timeout: float = 10.0) -> None:
        self.paths = paths
        self.list = FeedList(paths.feeds)
        self.store = EntryStore(paths.feed_entries)
        self.state_path = paths.feed_data / "state.json"
        self.lock_path = paths.feed_data / "fetch.lock"
        self.lock_timeout = lock_timeout

    # -- state ---------------------------------------------------------------

    def states(self) -> dict[str, FeedState]:
        try:
            data = json.loads(self.state_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            return {}  # derived data: a lost state costs full fetches, nothing else
        if not isinstance(data, dict):
            return {}
        return {str(name): FeedState.from_dict(value) for name, value in data.items()}

    def _save_states(self, states: dict[str, FeedState]) -> None:
        self.paths.feed_data.mkdir(parents=True, exist_ok=True)
        text = json.dumps({name: state.to_dict() for name, state in sorted(states.items())}, indent=1, ensure_ascii=False)
        atomic_write_text(self.state_path, text + "\n")

    # -- subscriptions -------------------------------------------------------

    def add(self, url: str, *, name: str | None = None, tags: Iterable[str] = (), full_text: bool = False) -> Feed:
        """Subscribe to ``url`` (a web address or a feed file); returns the feed."""
        current = self.list.load()
        if not is_web_address(url) and not url.startswith("file://"):
            path = Path(url).expanduser()
            if not path.exists():
                raise ReaderError(f"{url}: no such file, and not a web address (write it with https://)")
            url = str(path.resolve())
        name = name or name_for(url, current.names())
        check_feed(name, url)
        feed = Feed(name, url, tuple(dict.fromkeys(" ".join(t.split()) for t in tags if t.strip())), full_text)
        added, already = self.list.add([feed])
        if already:
            raise ReaderError(f"already subscribed to {url} as {already[0][1].name!r}")
        return added[0]

    def remove(self, name: str) -> tuple[Feed, int]:
        """Unsubscribe from ``name`` and delete its entries but the
        bookmarked ones; returns the feed and how many entries went."""
        self.list.load()
        feed = self.list.remove(name)
        protected = self._bookmarked()
        # Bookmarks that cannot be read: every entry is kept.
        removed = self.store.remove_feed(name, protected) if protected is not None else 0
        states = self.states()
        if states.pop(name, None) is not None:
            self._save_states(states)
        return feed, removed

    def adopt(self, paths: Iterable[Path]) -> list[Feed]:
        """Subscribe to the feed files found in ``paths`` (files or folders):
        RSS, Atom and RDF files and JSON Feeds, told by their first bytes,
        tagged with their folder's name; returns those added."""
        found: list[Feed] = []
        current = self.list.load()
        names = current.names()
        known = {feed.url for feed in current.feeds}
        for path in paths:
            for file in _feed_files(Path(path).expanduser()):
                url = str(file.resolve())
                if url in known:
                    continue
                known.add(url)
                name = name_for(file.stem, names)
                names.append(name)
                found.append(Feed(name, url, (file.parent.name,) if file.parent.name else ()))
        if not found:
            return []
        added, _ = self.list.add(found)
        return added

    def import_opml(self, path: Path) -> tuple[list[Feed], list[str], OpmlRead]:
        """Subscribe to the feeds of an OPML file; returns those added, one
        line per outline not added (and why), and what was read."""
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise ReaderError(f"{path}: cannot read it ({error.strerror or error})") from None
        try:
            read = read_opml(data)
        except OpmlError as error:
            raise ReaderError(f"{path}: {error}; give an OPML file (File > Export in most feed readers)") from None
        current = self.list.load()
        added, already = self.list.add(feeds_from_opml(read, current.names()))
        skipped = list(read.skipped) + [f"{asked.url}: already subscribed as {there.name!r}" for asked, there in already]
        return added, skipped, read

    def export_opml(self) -> str:
        return write_opml(list(self.list.load().feeds))

    def summaries(self) -> list[FeedSummary]:
        """Each feed with its entries, unread entries and last fetch."""
        from reader.readstate import ReadState

        states = self.states()
        read = ReadState(self.paths.read_state).read_ids()
        summaries = []
        for feed in self.list.load().feeds:
            keys = self.store.keys(feed.name)
            unread = sum(1 for key in keys if entry_id(feed.name, key) not in read)
            summaries.append(FeedSummary(feed, len(keys), states.get(feed.name, FeedState()), unread))
        return summaries

    # -- fetching ------------------------------------------------------------

    def _bookmarked(self) -> frozenset[str] | None:
        """Article ids of every bookmark; None when the bookmarks cannot be
        read (then nothing is deleted)."""
        from reader.bookmarks.store import BookmarkStore

        try:
            store = BookmarkStore(self.paths.bookmarks).load()
        except ReaderError:
            return None
        if store.read_only:
            return None
        return frozenset(entry.id for entry in store.entries())

    def fetch(
        self,
        names: Iterable[str] = (),
        *,
        force: bool = False,
        timeout: float | None = None,
        workers: int | None = None,
        done: Callable[[FeedReport], None] | None = None,
    ) -> list[FeedReport]:
        """Fetch the named feeds (all when none are named), store their
        entries, drop entries past the retention, and save the state."""
        subscriptions = self.list.load()
        wanted = list(dict.fromkeys(names))
        feeds = [self.list.get(name) for name in wanted] if wanted else list(subscriptions.feeds)
        self.paths.feed_data.mkdir(parents=True, exist_ok=True)
        reports: list[FeedReport] = []
        with exclusive(
            self.lock_path,
            timeout=self.lock_timeout,
            busy=lambda: ReaderError("another fetch is running in this home; wait for it to finish"),
            failed=lambda error: ReaderError(f"cannot lock {self.lock_path}: {error.strerror or error}; check the folder"),
        ):
            states = self.states()
            protected = self._bookmarked()
            now = utcnow()

            def finished(outcome: Outcome) -> None:
                report = self._store(outcome, subscriptions, protected, now)
                states[outcome.feed] = outcome.state
                reports.append(report)
                if done is not None:
                    done(report)

            options: dict[str, Any] = {}
            if timeout is not None:
                options["timeout"] = timeout
            if workers is not None:
                options["workers"] = workers
            fetch_all(feeds, states, base=self.paths.home, force=force, done=finished, **options)
            self._save_states(states)
            wanted_pages = [
                (report, key)
                for report in reports
                if (feed := subscriptions.get(report.feed)) is not None and feed.full_text
                for key in report.new_keys
            ]
            if wanted_pages:
                self._full_texts(wanted_pages, timeout if timeout is not None else TIMEOUT, workers or WORKERS)
        order = {feed.name: n for n, feed in enumerate(feeds)}
        reports.sort(key=lambda report: order[report.feed])
        return reports

    def _store(self, outcome: Outcome, subscriptions: Any, protected: frozenset[str] | None, now: Any) -> FeedReport:
        report = FeedReport(
            outcome.feed,
            outcome.result,
            error=outcome.error,
            status=outcome.status,
            requests=outcome.requests,
            seconds=outcome.seconds,
        )
        parsed = outcome.parsed
        if parsed is None:
            return report
        try:
            saved: Saved = self.store.save(outcome.feed, parsed.entries, now)
        except OSError as error:
            report.result = "failed"
            report.error = outcome.state.error = f"cannot store its entries ({error.strerror or error})"
            # Not "unchanged" next time: the entries not stored come again.
            outcome.state.etag = outcome.state.last_modified = outcome.state.file_stamp = ""
            return report
        report.new, report.updated, report.entries = saved.new, saved.updated, len(parsed.entries)
        report.new_keys = saved.new_keys
        report.warning = parsed.warning if parsed.entries else ""
        if protected is not None:
            report.removed = self.store.prune(
                outcome.feed,
                keep_days=subscriptions.keep_days,
                keep_per_feed=subscriptions.keep_per_feed,
                protected=protected | {entry_id(outcome.feed, entry.key) for entry in parsed.entries},
                now=now,
            )
        return report

    # -- full text -----------------------------------------------------------

    def _full_texts(self, wanted: list[tuple[FeedReport, str]], timeout: float, workers: int) -> None:
        """Fetch and store the page text of each (report's feed, entry key)."""
        from concurrent.futures import ThreadPoolExecutor

        def one(item: tuple[FeedReport, str]) -> tuple[FeedReport, bool]:
            report, key = item
            try:
                self.full_text(report.feed, key, timeout=timeout)
            except ReaderError:
                return report, False
            return report, True

        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(wanted)))) as pool:
            for report, ok in pool.map(one, wanted):
                if ok:
                    report.pages += 1
                else:
                    report.page_errors += 1

    def full_text(self, feed: str, key: str, *, timeout: float = TIMEOUT) -> str:
        """Fetch the web page of an entry, extract its article text and store
        it beside the feed's text; returns the text. Raises
        :class:`ReaderError` saying why when there is none."""
        from reader.corpus.html import extract_page

        record = self.store.record(feed, key)
        if record is None:
            raise ReaderError(f"no entry {key!r} in the feed {feed!r}")
        url = str(record.get("url") or "")
        if not is_web_address(url):
            raise ReaderError("this entry has no web page to fetch")
        try:
            status, body, _ = download(url, FeedState(), timeout=timeout)
        except FetchFailed as failure:
            raise ReaderError(f"{url}: {failure}") from None
        if body is None:
            raise ReaderError(f"{url}: the server sent no page (HTTP {status})")
        page = extract_page(body, url)
        if page is None or len(page.text) < len(str(record.get("text") or "")) // 2:
            raise ReaderError(f"{url}: no article text found on the page")
        self.store.set_full_text(feed, key, page.text)
        return page.text

    def full_text_of(self, article_id: str, *, timeout: float = TIMEOUT) -> str:
        """:meth:`full_text` for an article id (``feeds/<feed>/<key>``)."""
        entry = split_entry_id(article_id)
        if entry is None:
            raise ReaderError(f"{article_id} is not a feed entry: only feed entries have a page to fetch")
        return self.full_text(*entry, timeout=timeout)


FEED_SUFFIXES = {".xml", ".rss", ".atom", ".rdf", ".json"}
_FEED_START = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]|\"version\"\s*:\s*\"https://jsonfeed\.org/", re.IGNORECASE)


def _feed_files(path: Path) -> Iterator[Path]:
    """The feed files at ``path`` (itself, or in it and its folders), told
    by their suffix and first 4 KB."""
    if path.is_file():
        candidates: Iterable[Path] = [path]
    elif path.is_dir():
        candidates = sorted(
            p for p in path.rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
    else:
        return
    for candidate in candidates:
        if candidate.suffix.lower() not in FEED_SUFFIXES:
            continue
        try:
            with candidate.open("rb") as file:
                start = file.read(4096)
        except OSError:
            continue
        if _FEED_START.search(start):
            yield candidate
