"""The user's ``config.yaml``: read, validated, never written by the program.

The file lives in the Reader home (``reader paths`` shows where). It is
optional: a missing file means every option has its default, and any option
left out of the file keeps its default too. ``reader config init`` writes a
commented file listing every option (:data:`DEFAULT_CONFIG_TEXT`); that is
the only time the program writes it.

Validation is strict: unknown keys (with a "did you mean" suggestion), wrong
types and bad values are all reported, each with file, line and key, as one
:class:`ConfigError` whose ``errors`` lists every problem found.

Only the shape of ``keys:`` is checked here (key binding id -> key string,
no key bound twice); the TUI checks the ids against its own bindings.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from reader.errors import ReaderError
from reader.files.text import DecodeError, decode_config_bytes
from reader.files.yaml import Problem, YamlError, describe_value, duplicate_keys, node_lines, parse_yaml
from reader.paths import Paths

SORTS = ("relevance", "date")
EXPORT_FORMATS = ("markdown", "json", "csv", "html", "netscape")


@dataclass(frozen=True)
class SearchConfig:
    """Options of the search screen and ``reader search``."""

    limit: int = 50
    """How many results a search shows at most (a positive whole number)."""

    sort: Literal["relevance", "date"] = "relevance"
    """Result order: ``relevance`` (best match first) or ``date`` (newest first)."""


@dataclass(frozen=True)
class ViewerConfig:
    """What the article viewer highlights."""

    quotes: bool = True
    """Highlight quoted speech in the article text."""

    figures: bool = True
    """Highlight figures (numbers, amounts, percentages) in the article text."""

    hits: bool = True
    """Highlight the words of the current search in the article text."""


@dataclass(frozen=True)
class ListConfig:
    """One bookmark list."""

    name: str
    """The list's name, as used by ``--list`` and shown in the app."""

    description: str = ""
    """A short description shown next to the name in the app."""


@dataclass(frozen=True)
class BookmarksConfig:
    """Bookmark lists and exports."""

    lists: tuple[ListConfig, ...] = (ListConfig("reading", "Articles to read"),)
    """The bookmark lists, in the order the app shows them (at least one)."""

    default_list: str = "reading"
    """The list a bookmark goes to when no list is named; one of ``lists``."""

    export_dir: Path | None = None
    """The folder the app saves exports to; ``None`` means the home's ``exports`` folder."""

    export_format: Literal["markdown", "json", "csv", "html", "netscape"] = "markdown"
    """The export format used when none is named."""

    def list_names(self) -> list[str]:
        """The names of :attr:`lists`, in order."""
        return [item.name for item in self.lists]


@dataclass(frozen=True)
class Config:
    """Everything ``config.yaml`` can set."""

    theme: str = "reader-dark"
    """The colour theme: a bundled theme or one in the home's ``themes`` folder."""

    keys: dict[str, str] = field(default_factory=dict)
    """Key binding id -> key (for example ``toggle_bookmark: ctrl+d``); unset ids keep their default key."""

    search: SearchConfig = field(default_factory=SearchConfig)
    """Search options."""

    viewer: ViewerConfig = field(default_factory=ViewerConfig)
    """Article viewer options."""

    sources: tuple[Path, ...] = ()
    """Extra folders (or files) of articles, added to the library besides the bundled seeds."""

    bookmarks: BookmarksConfig = field(default_factory=BookmarksConfig)
    """Bookmark lists and export options."""


def export_dir(config: Config, paths: Paths) -> Path:
    """Where the app saves exports: ``bookmarks.export_dir`` or ``<home>/exports``."""
    return config.bookmarks.export_dir or paths.home / "exports"


# --------------------------------------------------------------------------
# Errors


ConfigProblem = Problem
"""One thing wrong with a config file."""


class ConfigError(YamlError):
    """``config.yaml`` cannot be used.

    ``errors`` holds every :class:`ConfigProblem` found; ``str(error)`` is
    the first one on one line (plus how many more there are).
    """

    def __init__(self, errors: list[ConfigProblem]) -> None:
        assert errors
        self.errors = list(errors)
        first = errors[0]
        fix = first.fix
        if len(errors) > 1:
            more = len(errors) - 1
            fix = (fix + " " if fix else "") + f"(and {more} more problem{'s' if more > 1 else ''}; run 'reader config check')"
        message = f"{first.key}: {first.problem}" if first.key else first.problem
        super().__init__(first.path, first.line, message, fix)


# --------------------------------------------------------------------------
# Loading


def load_config(paths: Paths) -> Config:
    """The configuration in ``paths.config``; defaults when the file is absent.

    Raises :class:`ConfigError` (a :class:`ReaderError`) listing every problem.
    """
    file = paths.config
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as error:
        raise ConfigError(
            [ConfigProblem(str(file), None, "", f"cannot read the file ({error.strerror or error})", "check its permissions")]
        ) from None
    return parse_config(data, file)


def parse_config(data: bytes | str, path: Path | str = "config.yaml") -> Config:
    """Validate config text (bytes are decoded as UTF-8); raise :class:`ConfigError`."""
    path = Path(path)
    try:
        text = decode_config_bytes(data, path) if isinstance(data, bytes) else data
    except DecodeError as error:
        raise ConfigError([ConfigProblem(str(path), error.line, "", error.problem, error.fix)]) from None
    try:
        raw = parse_yaml(text, path)
    except YamlError as error:
        raise ConfigError([ConfigProblem(str(path), error.line, "", error.problem, "fix the file and try again")]) from None
    checker = _Checker(path, text)
    for key, line, first in duplicate_keys(text):
        name = ".".join(f"[{part}]" if isinstance(part, int) else str(part) for part in key).replace(".[", "[")
        checker.errors.append(
            ConfigProblem(
                str(path), line, name, f"given twice (first on line {first}); only this one would count", "keep one of them"
            )
        )
    config = checker.config(raw)
    if checker.errors:
        raise ConfigError(sorted(checker.errors, key=lambda problem: problem.line or 0))
    return config


def check_config(paths: Paths) -> list[ConfigProblem]:
    """Every problem in ``paths.config`` (empty when it is fine or absent)."""
    try:
        load_config(paths)
    except ConfigError as error:
        return error.errors
    return []


_MISSING = object()


class _Checker:
    """Turns parsed YAML into a :class:`Config`, collecting problems."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.errors: list[ConfigProblem] = []
        self._lines: dict[tuple, int] | None = None

    # -- reporting ---------------------------------------------------------

    def line(self, key: tuple) -> int | None:
        if self._lines is None:
            self._lines = node_lines(self.text)
        while key:
            if key in self._lines:
                return self._lines[key]
            key = key[:-1]
        return 1

    def error(self, key: tuple, problem: str, fix: str = "fix the value") -> None:
        name = ".".join(str(part) if not isinstance(part, int) else f"[{part}]" for part in key)
        name = name.replace(".[", "[")
        self.errors.append(ConfigProblem(str(self.path), self.line(key), name, problem, fix))

    def mapping(self, value: Any, key: tuple, known: tuple[str, ...]) -> dict:
        """``value`` as a mapping with only ``known`` keys (others reported)."""
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(
                key,
                f"expected a mapping of {', '.join(known)}, got {describe_value(value)}",
                "write 'key: value' lines" if key else "write 'key: value' lines, see 'reader config init'",
            )
            return {}
        result = {}
        for name, item in value.items():
            if not isinstance(name, str) or name not in known:
                self.unknown(key + (str(name),), str(name), known)
                continue
            result[name] = item
        return result

    def unknown(self, key: tuple, name: str, known: tuple[str, ...]) -> None:
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        if close:
            fix = f"did you mean '{close[0]}'?"
        else:
            fix = f"remove it (known keys: {', '.join(known)})"
        self.error(key, "unknown key", fix)

    # -- scalar checks -----------------------------------------------------

    def string(self, value: Any, key: tuple, default: str, *, empty: bool = False) -> str:
        if value is _MISSING:
            return default
        if not isinstance(value, str):
            self.error(key, f"expected text, got {describe_value(value)}")
            return default
        if not empty and not value.strip():
            self.error(key, "must not be empty")
            return default
        return value

    def boolean(self, value: Any, key: tuple, default: bool) -> bool:
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            self.error(key, f"expected true or false, got {describe_value(value)}")
            return default
        return value

    def choice(self, value: Any, key: tuple, default: str, choices: tuple[str, ...]) -> str:
        if value is _MISSING:
            return default
        if not isinstance(value, str) or value not in choices:
            fix = "fix the value"
            if isinstance(value, str):
                close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
                if close:
                    fix = f"did you mean '{close[0]}'?"
            self.error(key, f"{describe_value(value)} is not one of {', '.join(choices)}", fix)
            return default
        return value

    def path_value(self, value: Any, key: tuple) -> Path | None:
        if not isinstance(value, str) or not value.strip():
            self.error(key, f"expected a path, got {describe_value(value)}")
            return None
        path = Path(value).expanduser()
        if not path.is_absolute():
            path = self.path.parent / path
        return path

    # -- sections ----------------------------------------------------------

    def config(self, raw: Any) -> Config:
        default = Config()
        top = self.mapping(raw, (), ("theme", "keys", "search", "viewer", "sources", "bookmarks"))
        get = top.get
        return Config(
            theme=self.string(get("theme", _MISSING), ("theme",), default.theme),
            keys=self.keys(get("keys")),
            search=self.search(get("search")),
            viewer=self.viewer(get("viewer")),
            sources=self.sources(get("sources")),
            bookmarks=self.bookmarks(get("bookmarks")),
        )

    def keys(self, value: Any) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error(
                ("keys",),
                f"expected a mapping of binding id -> key, got {describe_value(value)}",
                "write lines like 'toggle_bookmark: ctrl+d'",
            )
            return {}
        keys: dict[str, str] = {}
        bound: dict[str, str] = {}
        for name, key in value.items():
            where = ("keys", str(name))
            if not isinstance(name, str) or not name.strip():
                self.error(where, f"a binding id must be text, got {describe_value(name)}", "use the binding's id")
                continue
            if not isinstance(key, str) or not key.strip():
                self.error(where, f"expected a key such as 'ctrl+d', got {describe_value(key)}")
                continue
            clash = False
            for one in (part.strip() for part in key.split(",")):
                if not one:
                    self.error(where, f"{describe_value(key)} has an empty key between commas")
                    clash = True
                    break
                if one in bound:
                    self.error(where, f"key '{one}' is also bound to '{bound[one]}'", "bind each key to one action")
                    clash = True
                    break
            if clash:
                continue
            for one in (part.strip() for part in key.split(",")):
                bound[one] = name
            keys[name] = key.strip()
        return keys

    def search(self, value: Any) -> SearchConfig:
        default = SearchConfig()
        section = self.mapping(value, ("search",), ("limit", "sort"))
        limit = section.get("limit", _MISSING)
        if limit is _MISSING:
            limit = default.limit
        elif isinstance(limit, bool) or not isinstance(limit, int):
            self.error(("search", "limit"), f"expected a whole number, got {describe_value(limit)}")
            limit = default.limit
        elif limit < 1:
            self.error(("search", "limit"), f"{limit} is too small", "use a number of 1 or more")
            limit = default.limit
        sort = self.choice(section.get("sort", _MISSING), ("search", "sort"), default.sort, SORTS)
        return SearchConfig(limit=limit, sort=sort)  # type: ignore[arg-type]

    def viewer(self, value: Any) -> ViewerConfig:
        default = ViewerConfig()
        section = self.mapping(value, ("viewer",), ("quotes", "figures", "hits"))
        return ViewerConfig(
            quotes=self.boolean(section.get("quotes", _MISSING), ("viewer", "quotes"), default.quotes),
            figures=self.boolean(section.get("figures", _MISSING), ("viewer", "figures"), default.figures),
            hits=self.boolean(section.get("hits", _MISSING), ("viewer", "hits"), default.hits),
        )

    def sources(self, value: Any) -> tuple[Path, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error(
                ("sources",),
                f"expected a list of folders, got {describe_value(value)}",
                "write one '- /path/to/folder' line per folder",
            )
            return ()
        result: list[Path] = []
        for i, item in enumerate(value):
            path = self.path_value(item, ("sources", i))
            if path is not None and path not in result:
                result.append(path)
        return tuple(result)

    def bookmarks(self, value: Any) -> BookmarksConfig:
        default = BookmarksConfig()
        section = self.mapping(value, ("bookmarks",), ("lists", "default_list", "export_dir", "export_format"))
        lists = self.lists(section.get("lists", _MISSING))
        names = [item.name for item in lists]
        default_list = section.get("default_list", _MISSING)
        key = ("bookmarks", "default_list")
        if default_list is _MISSING:
            default_list = names[0] if names else default.default_list
        elif not isinstance(default_list, str) or not default_list.strip():
            self.error(key, f"expected a list name, got {describe_value(default_list)}")
            default_list = names[0] if names else default.default_list
        elif default_list not in names:
            self.error(key, f"{describe_value(default_list)} is not one of the lists ({', '.join(names)})")
            default_list = names[0] if names else default.default_list
        raw_dir = section.get("export_dir", _MISSING)
        out_dir = None if raw_dir in (_MISSING, None) else self.path_value(raw_dir, ("bookmarks", "export_dir"))
        export_format = self.choice(
            section.get("export_format", _MISSING),
            ("bookmarks", "export_format"),
            default.export_format,
            EXPORT_FORMATS,
        )
        return BookmarksConfig(
            lists=lists or default.lists,
            default_list=default_list,
            export_dir=out_dir,
            export_format=export_format,  # type: ignore[arg-type]
        )

    def lists(self, value: Any) -> tuple[ListConfig, ...]:
        key = ("bookmarks", "lists")
        if value is _MISSING:
            return BookmarksConfig().lists
        if not isinstance(value, list) or not value:
            self.error(
                key,
                f"expected a list of bookmark lists, got {describe_value(value)}",
                "write one '- name: reading' entry per list (at least one)",
            )
            return BookmarksConfig().lists
        result: list[ListConfig] = []
        seen: set[str] = set()
        for i, item in enumerate(value):
            where = key + (i,)
            if isinstance(item, str):
                item = {"name": item}
            if not isinstance(item, dict):
                self.error(where, f"expected 'name:' and 'description:', got {describe_value(item)}", "write '- name: reading'")
                continue
            fields = self.mapping(item, where, ("name", "description"))
            if "name" not in fields:
                self.error(where, "a list needs a name", "add 'name: ...'")
                continue
            name = fields["name"]
            if not isinstance(name, str) or not name.strip():
                self.error(where + ("name",), f"expected a list name, got {describe_value(name)}")
                continue
            name = name.strip()
            if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
                self.error(where + ("name",), "a list name cannot contain control characters")
                continue
            if name in seen:
                self.error(where + ("name",), f"{describe_value(name)} is listed twice", "give each list its own name")
                continue
            seen.add(name)
            description = self.string(fields.get("description", _MISSING), where + ("description",), "", empty=True)
            result.append(ListConfig(name, description))
        return tuple(result)


# --------------------------------------------------------------------------
# The commented default file (``reader config init``)

DEFAULT_CONFIG_TEXT = """\
# Reader configuration.
#
# Reader only reads this file; it never rewrites it. Every option below is
# set to its default, so you can delete any line you do not want to change.
# Check your changes with `reader config check`.

# Colour theme: a bundled theme or the name of a file in the home's
# themes/ folder (`reader paths` shows where that is).
theme: reader-dark

# Key bindings: binding id -> key. Ids not listed keep their default key.
# A key may be bound to one action only. Examples:
#   toggle_bookmark: ctrl+d
#   search: slash
keys:

search:
  # How many results a search shows at most (1 or more).
  limit: 50
  # Result order: relevance (best match first) or date (newest first).
  sort: relevance

viewer:
  # Highlight quoted speech in the article text.
  quotes: true
  # Highlight figures (numbers, amounts, percentages) in the article text.
  figures: true
  # Highlight the words of the current search in the article text.
  hits: true

# Extra folders (or single files) of articles added to the library, one per
# line. `~` is your home folder; relative paths are relative to this file.
#   - ~/news/archive
sources: []

bookmarks:
  # Bookmark lists, in the order the app shows them (at least one).
  # Each has a name (used with --list) and a short description.
  lists:
    - name: reading
      description: Articles to read
  # The list a bookmark goes to when none is named; one of the lists above.
  default_list: reading
  # The folder the app saves exports to; empty means the home's exports/ folder.
  export_dir:
  # The export format used when none is named:
  # markdown, json, csv, html or netscape (browser bookmark file).
  export_format: markdown
"""


def write_default_config(paths: Paths) -> Path:
    """Write :data:`DEFAULT_CONFIG_TEXT` to ``paths.config``; refuse to overwrite."""
    import os

    file = paths.config
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        # O_EXCL: never replace a file the user already has, even in a race.
        fd = os.open(file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise ReaderError(
            f"{file} already exists; not overwriting it (check it with 'reader config check', "
            "or move it away and run 'reader config init' again)"
        ) from None
    except OSError as error:
        raise ReaderError(f"could not create {file}: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(DEFAULT_CONFIG_TEXT)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        try:
            os.unlink(file)
        except OSError:
            pass
        raise ReaderError(f"could not write {file}: {error.strerror or error}") from None
    return file
