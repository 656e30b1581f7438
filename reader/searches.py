"""Search history and saved searches, kept in the Reader home (no Textual here).

``history.txt`` holds the queries the user ran, one per line, **oldest
first** (the newest is the last line), like a shell's history file. A query
is recorded when the user presses enter in the search box or opens a result
it found, not at every keystroke. Each line is a cleaned query
(:func:`clean_query`: no control characters, white space folded to single
spaces, so never a line break); blank queries are not recorded; a query
run again moves to the newest place (no duplicates); at most
:data:`HISTORY_CAP` are kept. Every change re-reads the file first (so two
running apps add to one history) and writes it atomically.

A history file that cannot be read as such (not UTF-8, holding control
characters, unreadable) is never overwritten: :class:`SearchHistory` then
keeps this session's history in memory only, and its ``error`` says which
file is wrong and what to do.

``searches.yaml`` holds the saved searches, name -> query, in the order
they were saved::

    searches:
      karabakh: karabakh -russia
      markets: title:markets date:2023

It is read with the safe loader and checked like ``config.yaml``
(:mod:`reader.files.schema`): a broken file gets a message naming file,
line and fix, and is never overwritten (every change is refused until it
is fixed). Changes are read-modify-write under a lock file
(``searches.yaml.lock``), saved atomically with the old version kept as
``searches.yaml.bak``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import yaml
from msgspec import Meta, Struct, field

from reader.errors import ReaderError
from reader.files.atomic import atomic_write_text
from reader.files.locking import change_lock
from reader.files.schema import Checker, Invalid, suggest
from reader.files.text import DecodeError, decode_config_bytes, has_terminal_control, strip_control
from reader.files.yaml import YamlError, describe_value, parse_yaml, read_user_file

HISTORY_CAP = 500
"""The most queries the history keeps (the oldest go first)."""

LOCK_TIMEOUT = 10.0
"""Seconds a change to searches.yaml waits for another writer (who holds the lock for milliseconds)."""


def clean_query(text: str) -> str:
    """``text`` as stored: no control or invisible characters, white space
    (line breaks included) folded to single spaces, trimmed."""
    text = strip_control(text)
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates cannot be written
    return " ".join(text.split())


# --------------------------------------------------------------------------
# History


class HistoryError(ReaderError):
    """``history.txt`` cannot be used; the message names the file and the fix."""

    def __init__(self, path: Path, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line else str(path)
        super().__init__(
            f"{where}: {problem}; the search history is kept in memory only until you quit and this file is "
            "left as it is: move it away or delete it to start a new history"
        )


def read_history(path: Path, cap: int = HISTORY_CAP) -> list[str]:
    """The queries in ``path``, oldest first (none when it does not exist).

    Lines are cleaned; blank lines and repeats (the newest copy stays) are
    dropped; only the newest ``cap`` are kept. Raises :class:`HistoryError`
    for a file that is not a history: unreadable, not UTF-8, or holding
    control characters.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as error:
        raise HistoryError(path, None, f"cannot read the search history ({error.strerror or error})") from None
    try:
        text = decode_config_bytes(data, path)
    except DecodeError as error:
        raise HistoryError(path, error.line, f"the search history is {error.problem}") from None
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        if has_terminal_control(line.removesuffix("\r")):
            raise HistoryError(path, number, "the search history holds control characters (it is not a text file of queries)")
    return push_queries([], lines, cap)


def push_queries(entries: Iterable[str], queries: Iterable[str], cap: int = HISTORY_CAP) -> list[str]:
    """``entries`` (oldest first) with each of ``queries`` cleaned and made the
    newest: blanks skipped, an earlier copy removed, at most ``cap`` kept."""
    order = dict.fromkeys(entries)
    for query in queries:
        query = clean_query(query)
        if query:
            order.pop(query, None)
            order[query] = None
    kept = list(order)
    return kept[-cap:] if cap > 0 else []


def history_text(entries: Iterable[str]) -> str:
    """The text of a history file holding ``entries`` (oldest first)."""
    return "".join(f"{entry}\n" for entry in entries)


def matching(entries: Iterable[str], needle: str) -> list[str]:
    """The entries containing ``needle`` (case-insensitive), newest first."""
    folded = " ".join(needle.split()).casefold()
    return [entry for entry in reversed(list(entries)) if folded in entry.casefold()]


class SearchHistory:
    """The search history of one home.

    ``entries`` is oldest first. ``error`` is the :class:`HistoryError` that
    keeps the history in memory only (the file is broken), else ``None``.
    """

    def __init__(self, path: Path | str, cap: int = HISTORY_CAP) -> None:
        self.path = Path(path)
        self.cap = cap
        self.entries: list[str] = []
        self.error: HistoryError | None = None

    @property
    def memory_only(self) -> bool:
        """Whether the file is broken and the history is not saved."""
        return self.error is not None

    def load(self) -> SearchHistory:
        """Read the file again; raise :class:`HistoryError` (and keep the
        history in memory only from now on) when it is broken."""
        if self.error is not None:
            raise self.error
        try:
            self.entries = read_history(self.path, self.cap)
        except HistoryError as error:
            self.error = error
            raise
        return self

    def add(self, query: str) -> bool:
        """Record ``query`` as the newest; ``False`` (nothing done) when it is blank.

        The file is read again first and written back atomically. The
        history in memory is updated whatever happens; a file found broken
        now raises :class:`HistoryError` (once: from then on the history is
        in memory only) and a failed write raises
        :class:`~reader.files.atomic.WriteError` (the next add tries again).
        """
        if not clean_query(query):
            return False
        if self.error is not None:
            self.entries = push_queries(self.entries, [query], self.cap)
            return True
        try:
            current = read_history(self.path, self.cap)
        except HistoryError as error:
            self.error = error
            self.entries = push_queries(self.entries, [query], self.cap)
            raise
        self.entries = push_queries(current, [query], self.cap)
        atomic_write_text(self.path, history_text(self.entries))
        return True

    def newest_first(self) -> list[str]:
        return self.entries[::-1]

    def matching(self, needle: str) -> list[str]:
        """The queries containing ``needle`` (case-insensitive), newest first."""
        return matching(self.entries, needle)


# --------------------------------------------------------------------------
# Saved searches


@dataclass(frozen=True)
class SavedSearch:
    """One saved search."""

    name: str
    query: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "query": self.query}


def _one_line(what: str) -> Callable[[str], str]:
    """The check of a name or a query in searches.yaml: text on one line, not blank (returned cleaned)."""

    def check(value: str) -> str:
        if has_terminal_control(value) or strip_control(value) != value or "\n" in value:
            raise Invalid(f"the {what} holds control characters or a line break", f"write the {what} on one line")
        if not value.strip():
            raise Invalid(f"the {what} is empty", f"give a {what} or remove the line")
        return clean_query(value)

    return check


Name = Annotated[str, Meta(extra={"expected": "a name", "fix": "put the name in quotes", "check": _one_line("name")})]
Query = Annotated[str, Meta(extra={"expected": "a query", "fix": "put the query in quotes", "check": _one_line("query")})]


def shown(text: str) -> str:
    """``text`` for a one-line message: unprintable characters written as escapes (``\\x1b``)."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in text)


class SearchesFile(Struct, forbid_unknown_fields=True, frozen=True):
    """The whole ``searches.yaml``."""

    searches: Annotated[
        dict[Name, Query],
        Meta(extra={"expected": "a mapping of name -> query", "fix": "write lines like '  karabakh: karabakh -russia'"}),
    ] = field(default_factory=dict)


HEADER = """\
# Saved searches (`reader searches --help`): name -> query, in the order saved.
# You may edit this file; comments are not kept when Reader saves it again.
"""

_READ_ONLY = "saved searches cannot be changed until the file is fixed"


class SearchesError(YamlError):
    """``searches.yaml`` cannot be used; the message names file, line and fix.

    While it is broken nothing is written to it: every change raises this.
    """


class UnknownSearch(ReaderError):
    """No saved search has this name; the message lists those there are."""


def parse_searches(data: bytes | str, path: Path | str = "searches.yaml") -> list[SavedSearch]:
    """The saved searches in the text of a searches file; raise :class:`SearchesError`."""
    path = Path(path)
    try:
        text = decode_config_bytes(data, path) if isinstance(data, bytes) else data
    except DecodeError as error:
        raise SearchesError(path, error.line, error.problem, f"{error.fix}; {_READ_ONLY}") from None
    try:
        raw = parse_yaml(text, path)
    except YamlError as error:
        raise SearchesError(path, error.line, error.problem, f"fix the file; {_READ_ONLY}") from None
    checker = Checker(path, text, duplicates=True)
    if not isinstance(raw, (dict, type(None))):
        checker.report(
            (), f"expected 'searches:' and its name: query lines, got {describe_value(raw)}", "write 'searches:' first"
        )
        document = None
    else:
        document = checker.check(SearchesFile, raw or {})
    if checker.problems or document is None:
        raise SearchesError(path, *checker.first_problem(f"; {_READ_ONLY}", shown))
    return [SavedSearch(name, query) for name, query in document.searches.items()]


def dump_searches(searches: Iterable[SavedSearch]) -> str:
    """The text of a searches file holding ``searches``."""
    body = yaml.safe_dump(
        {"searches": {search.name: search.query for search in searches}},
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
    )
    return HEADER + body


class SavedSearches:
    """The saved searches of one home (``searches.yaml``).

    Reading methods use the state of the last load or change; ``error`` is
    the :class:`SearchesError` of a broken file (then every change raises
    it and the file is left alone), else ``None``.
    """

    def __init__(self, path: Path | str, *, lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.lock_timeout = lock_timeout
        self.error: SearchesError | None = None
        self._searches: list[SavedSearch] = []

    def _read(self) -> list[SavedSearch]:
        try:
            none: list[SavedSearch] = []
            searches = read_user_file(self.path, parse_searches, none, SearchesError)
        except SearchesError as error:
            self.error = error
            raise
        self.error = None
        self._searches = searches
        return searches

    def load(self) -> SavedSearches:
        """Read the file again; raise :class:`SearchesError` when it is broken."""
        self._read()
        return self

    def all(self) -> list[SavedSearch]:
        """Every saved search, in file order (as of the last load or change)."""
        return list(self._searches)

    def names(self) -> list[str]:
        return [search.name for search in self._searches]

    def get(self, name: str) -> SavedSearch:
        """The saved search called ``name``; raise :class:`UnknownSearch` naming the others."""
        wanted = clean_query(name)
        for search in self._searches:
            if search.name == wanted:
                return search
        raise self._unknown(wanted)

    def _unknown(self, name: str) -> UnknownSearch:
        names = self.names()
        if not names:
            return UnknownSearch(f"no saved search {name!r}: there are none yet; save one with 'reader searches save NAME QUERY'")
        hint = suggest(name, names, "")
        return UnknownSearch(
            f"no saved search {name!r}{'; ' + hint if hint else ''} (saved searches: {', '.join(map(repr, names))})"
        )

    def _locked(self) -> AbstractContextManager[None]:
        """The lock on searches.yaml for one read-modify-write."""
        return change_lock(self.path, self.lock_path, self.lock_timeout)

    def save(self, name: str, query: str) -> SavedSearch | None:
        """Save ``query`` as ``name`` (replacing a search of that name, in its
        place); return the search it replaced, if any."""
        name, query = clean_query(name), clean_query(query)
        if not name:
            raise ReaderError("a saved search needs a name; give one")
        if not query:
            raise ReaderError(f"nothing to save as {name!r}: the query is empty; give a query")
        with self._locked():
            searches = self._read()
            old = next((search for search in searches if search.name == name), None)
            new = SavedSearch(name, query)
            if old is None:
                searches = [*searches, new]
            else:
                searches = [new if search.name == name else search for search in searches]
            self._write(searches)
        return old

    def remove(self, name: str) -> SavedSearch:
        """Remove the saved search ``name``; return it. Raise :class:`UnknownSearch` if there is none."""
        wanted = clean_query(name)
        with self._locked():
            searches = self._read()
            found = next((search for search in searches if search.name == wanted), None)
            if found is None:
                raise self._unknown(wanted)
            self._write([search for search in searches if search is not found])
        return found

    def _write(self, searches: list[SavedSearch]) -> None:
        atomic_write_text(self.path, dump_searches(searches), backup=self.path.exists())
        self._searches = searches
