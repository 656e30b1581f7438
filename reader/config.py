"""The user's ``config.yaml``: read, validated, never written by the program.

The file lives in the Reader home (``reader paths`` shows where). It is
optional: a missing file means every option has its default, and any option
left out of the file keeps its default too. ``reader config init`` writes a
commented file listing every option (:data:`DEFAULT_CONFIG_TEXT`); that is
the only time the program writes it.

The format is declared once, by the models below (:class:`Config` and the
sections it holds); :class:`reader.files.schema.Checker` checks a file
against them. Validation is strict: unknown keys (with a "did you mean"
suggestion), wrong types and bad values are all reported, each with file,
line and key, as one :class:`ConfigError` whose ``errors`` lists every
problem found. ``keys:`` is checked against the key bindings of
:mod:`reader.keymap` (ids, key names, a key bound twice). What depends on
other files (the theme exists, the sources exist) is checked by
:func:`check_config` (``reader config check``) only: the app falls back
from those on its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from msgspec import Meta, Struct, field

from reader import keymap
from reader.choices import ENGINES, EXPORT_FORMATS, SORTS, spoken
from reader.errors import ReaderError
from reader.files.schema import Checker, Invalid, Report, one_of, suggest
from reader.files.text import DecodeError, decode_config_bytes
from reader.files.yaml import Problem, YamlError, describe_value, parse_yaml
from reader.paths import Paths

if TYPE_CHECKING:  # to the type checker they are text; to the model, one of the names
    Sort = str
    ExportFormat = str
    Engine = str
else:
    Sort = one_of(SORTS)
    ExportFormat = one_of(EXPORT_FORMATS)
    Engine = one_of(ENGINES)


def _binding_id(name: str) -> str:
    if name not in keymap.BY_ID:
        hint = keymap.suggest_id(name)
        raise Invalid(
            "unknown binding id",
            f"did you mean '{hint}'?" if hint else "press ? in the app (or see 'reader config init') for the ids",
        )
    return name


def _key_list(keys: str) -> str:
    for one in keymap.split_keys(keys):
        if not one:
            raise Invalid(f"{describe_value(keys)} has an empty key between commas")
        if not keymap.is_key_name(one):
            raise Invalid(f"{one!r} is not a key name", "write keys such as ctrl+d, f3, slash, question_mark or G")
    return keys.strip()


def _list_name(name: str) -> str:
    name = name.strip()
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise Invalid("a list name cannot contain control characters")
    return name


class SearchConfig(Struct, forbid_unknown_fields=True, frozen=True):
    """Options of the search screen and ``reader search``."""

    limit: Annotated[int, Meta(ge=1)] = 50
    """How many results a search shows at most (a positive whole number)."""

    sort: Sort = "relevance"
    """Result order: ``relevance`` (best match first) or ``date`` (newest first)."""


class IndexConfig(Struct, forbid_unknown_fields=True, frozen=True):
    """How the library is indexed."""

    engine: Engine | None = None
    """The search engine: ``whoosh`` (default) or ``tantivy`` (install ``reader-tui[tantivy]``); changing it rebuilds the index."""


class ViewerConfig(Struct, forbid_unknown_fields=True, frozen=True):
    """What the article viewer highlights."""

    quotes: bool = True
    """Highlight quoted speech in the article text."""

    figures: bool = True
    """Highlight figures (numbers, amounts, percentages) in the article text."""

    hits: bool = True
    """Highlight the words of the current search in the article text."""


class ListConfig(Struct, forbid_unknown_fields=True, frozen=True):
    """One bookmark list."""

    name: Annotated[
        str,
        Meta(
            min_length=1,
            extra={"expected": "a list name", "missing": ("a list needs a name", "add 'name: ...'"), "check": _list_name},
        ),
    ]
    """The list's name, as used by ``--list`` and shown in the app."""

    description: str = ""
    """A short description shown next to the name in the app."""


class BookmarksConfig(Struct, forbid_unknown_fields=True, frozen=True):
    """Bookmark lists and exports."""

    lists: Annotated[
        tuple[
            Annotated[
                ListConfig,
                Meta(extra={"expected": "'name:' and 'description:'", "fix": "write '- name: reading'", "shorthand": "name"}),
            ],
            ...,
        ],
        Meta(
            min_length=1,
            extra={"expected": "a list of bookmark lists", "fix": "write one '- name: reading' entry per list (at least one)"},
        ),
    ] = (ListConfig("reading", "Articles to read"),)
    """The bookmark lists, in the order the app shows them (at least one)."""

    default_list: Annotated[str, Meta(min_length=1, extra={"expected": "a list name"})] = ""
    """The list a bookmark goes to when no list is named; one of ``lists`` (default: the first)."""

    export_dir: Path | None = None
    """The folder the app saves exports to; ``None`` means the home's ``exports`` folder."""

    export_format: ExportFormat = "markdown"
    """The export format used when none is named."""

    def __post_init__(self) -> None:
        if not self.default_list and self.lists:
            from msgspec.structs import force_setattr

            force_setattr(self, "default_list", self.lists[0].name)

    def list_names(self) -> list[str]:
        """The names of :attr:`lists`, in order."""
        return [item.name for item in self.lists]

    def checked(self, report: Report) -> BookmarksConfig:
        names: list[str] = []
        for i, item in enumerate(self.lists):
            if item.name in names:
                report(("lists", i, "name"), f"{describe_value(item.name)} is listed twice", "give each list its own name")
            names.append(item.name)
        if self.default_list not in names:
            report(("default_list",), f"{describe_value(self.default_list)} is not one of the lists ({', '.join(names)})")
        return self


class Config(Struct, forbid_unknown_fields=True, frozen=True):
    """Everything ``config.yaml`` can set."""

    theme: Annotated[str, Meta(min_length=1)] = "reader-dark"
    """The colour theme: a bundled theme, one in the home's ``themes`` folder or a Textual built-in."""

    keys: Annotated[
        dict[
            Annotated[str, Meta(extra={"check": _binding_id})],
            Annotated[str, Meta(min_length=1, extra={"expected": "a key such as 'ctrl+d'", "check": _key_list})],
        ],
        Meta(extra={"expected": "a mapping of binding id -> key", "fix": "write lines like 'app.toggle_bookmark: ctrl+d'"}),
    ] = field(default_factory=dict)
    """Key binding id -> key(s) (for example ``app.toggle_bookmark: ctrl+d``); unset ids keep their default key."""

    search: SearchConfig = field(default_factory=SearchConfig)
    """Search options."""

    viewer: ViewerConfig = field(default_factory=ViewerConfig)
    """Article viewer options."""

    index: IndexConfig = field(default_factory=IndexConfig)
    """Index options."""

    sources: Annotated[
        tuple[Path, ...],
        Meta(extra={"expected": "a list of folders", "fix": "write one '- /path/to/folder' line per folder"}),
    ] = ()
    """Extra folders (or files) of articles, added to the library besides the bundled seeds."""

    bookmarks: BookmarksConfig = field(default_factory=BookmarksConfig)
    """Bookmark lists and export options."""

    def checked(self, report: Report) -> Config:
        for key, binding_id, other in keymap.clashes(self.keys):
            report(("keys", binding_id), f"key '{key}' is also bound to '{other}'", "bind each key to one action")
        unique = tuple(dict.fromkeys(self.sources))
        if unique != self.sources:
            from msgspec.structs import replace

            return replace(self, sources=unique)
        return self


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
    config, checker = _check(data, Path(path))
    if checker.problems or config is None:
        raise ConfigError(checker.sorted_problems())
    return config


def _check(data: bytes | str, path: Path) -> tuple[Config | None, Checker]:
    checker = Checker(path)
    try:
        text = decode_config_bytes(data, path) if isinstance(data, bytes) else data
    except DecodeError as error:
        checker.problems.append(ConfigProblem(str(path), error.line, "", error.problem, error.fix))
        return None, checker
    try:
        raw = parse_yaml(text, path)
    except YamlError as error:
        checker.problems.append(ConfigProblem(str(path), error.line, "", error.problem, "fix the file and try again"))
        return None, checker
    checker = Checker(path, text, duplicates=True)
    if not isinstance(raw, (dict, type(None))):
        checker.report(
            (), f"expected a mapping of settings, got {describe_value(raw)}", "write 'key: value' lines, see 'reader config init'"
        )
        return None, checker
    return checker.check(Config, raw), checker


def check_config(paths: Paths) -> list[ConfigProblem]:
    """Every problem in ``paths.config`` (empty when it is fine or absent), in file order.

    Besides what loading checks, the theme must exist (a shipped or user
    theme, or one of Textual's) and each source should (a warning).
    """
    file = paths.config
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as error:
        return [ConfigProblem(str(file), None, "", f"cannot read the file ({error.strerror or error})", "check its permissions")]
    config, checker = _check(data, file)
    if config is None:
        return checker.sorted_problems()
    from reader.themes import available_theme_names

    themes = available_theme_names(paths)
    if config.theme not in themes:
        checker.report(
            ("theme",),
            f"no theme {config.theme!r}",
            suggest(config.theme, themes, "see 'reader themes list' for the themes"),
        )
    for i, source in enumerate(config.sources):
        if not source.exists():
            checker.report(("sources", i), f"{str(source)!r} does not exist", "create it or remove the line", warning=True)
    return checker.sorted_problems()


# --------------------------------------------------------------------------
# The commented default file (``reader config init``)

KEY_EXAMPLES = {"app.toggle_bookmark": "ctrl+d", "app.focus_search": "slash,f3"}
"""The ``keys:`` examples of the template (``reader config init``); a test checks they are valid."""

DEFAULT_CONFIG_TEXT = f"""\
# Reader configuration.
#
# Reader only reads this file; it never rewrites it. Every option below is
# set to its default, so you can delete any line you do not want to change.
# Check your changes with `reader config check`.

# Colour theme: a bundled theme or the name of a file in the home's
# themes/ folder (`reader paths` shows where that is).
theme: reader-dark

# Key bindings: binding id -> key (several keys: separated by commas).
# Ids not listed keep their default key; press ? in the app to see every id.
# A key may be bound to one action only. Examples:
{"".join(f"#   {name}: {keys}{chr(10)}" for name, keys in KEY_EXAMPLES.items())}keys:

search:
  # How many results a search shows at most (1 or more).
  limit: 50
  # Result order: {spoken(f"{name} ({meaning})" for name, meaning in SORTS.items())}.
  sort: relevance

index:
  # The search engine, one of:
{"".join(f"  #   {name:<8} {meaning}{chr(10)}" for name, meaning in ENGINES.items())}  # Empty: the engine that built the index, else whoosh. Changing it
  # rebuilds the index.
  engine:

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
  # The export format used when none is named, one of:
{"".join(f"  #   {name:<9} {meaning}{chr(10)}" for name, meaning in EXPORT_FORMATS.items())}  export_format: markdown
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
