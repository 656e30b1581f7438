"""Loading YAML safely, with errors that name the file and line.

Only ``yaml.SafeLoader`` is used (never ``yaml.load`` with a full loader),
and documents with more than :data:`MAX_ALIASES` aliases are refused, so an
alias bomb ("billion laughs") fails fast instead of exhausting memory.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml

from reader.errors import ReaderError
from reader.files.text import decode_config_bytes

MAX_ALIASES = 100

KeyPath = tuple[str | int, ...]
"""Where a value is in a document: mapping keys and list indexes, ``("lists", 0, "name")``."""


T = TypeVar("T")
E = TypeVar("E", bound="YamlError")


def read_user_file(path: Path, parse: Callable[[bytes, Path], T], empty: T, error: type[E]) -> T:
    """``parse`` of the bytes of a file the user may edit, ``empty`` when it
    does not exist; a file that cannot be read raises ``error`` naming it
    (``parse`` raises its own for a broken one)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return empty
    except OSError as failure:
        raise error(path, None, f"cannot read the file ({failure.strerror or failure})", "check its permissions") from None
    return parse(data, path)


class YamlError(ReaderError):
    """A YAML file that cannot be used; the message names file and line."""

    def __init__(self, path: Path | str, line: int | None, message: str, fix: str = "") -> None:
        self.path = str(path)
        self.line = line
        self.problem = message
        where = f"{path}:{line}" if line else f"{path}"
        text = f"{where}: {message}"
        if fix:
            text += f"; {fix}"
        super().__init__(text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a YAML file the user wrote (config, theme, bookmarks)."""

    path: str
    line: int | None
    key: str
    problem: str
    fix: str = ""
    warning: bool = False
    """Worth saying, but the file can be used as it is."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.warning:
            where += ": warning"
        text = f"{where}: {self.key}: {self.problem}" if self.key else f"{where}: {self.problem}"
        return f"{text}; {self.fix}" if self.fix else text


def describe_value(value: Any) -> str:
    """A short, safe description of a YAML value for messages (booleans as YAML spells them)."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"


class _LimitedLoader(yaml.SafeLoader):
    """SafeLoader that refuses documents with too many aliases."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._aliases = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]  # types-PyYAML leaves it unannotated
                # This pure-Python parser makes yaml.Mark (not libyaml's C Mark).
                mark = event.start_mark if isinstance(event.start_mark, yaml.Mark) else None
                raise yaml.constructor.ConstructorError(
                    None, None, f"more than {MAX_ALIASES} aliases (possible alias bomb)", mark
                )
        return super().compose_node(parent, index)


def parse_yaml(text: str, path: Path | str = "<string>") -> Any:
    """Parse YAML text; raise :class:`YamlError` with file and line on failure."""
    try:
        return yaml.load(text, Loader=_LimitedLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problem = error.problem or error.context or "invalid YAML"
        raise YamlError(path, line, f"invalid YAML: {problem}", "fix the file and try again") from None
    except yaml.YAMLError as error:
        raise YamlError(path, None, f"invalid YAML: {error}", "fix the file and try again") from None


def load_yaml_file(path: Path) -> Any:
    """Read and parse a YAML file; ``None`` for an empty file."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise ReaderError(f"cannot read {path}: {error.strerror or error}") from None
    return parse_yaml(decode_config_bytes(data, path), path)


def key_lines(text: str) -> tuple[dict[KeyPath, int], list[tuple[KeyPath, int, int]]]:
    """Where each key path of a YAML document is, and the keys given twice.

    Returns ``({("bookmarks", "lists", 0, "name"): 12, ...}, duplicates)``
    where each duplicate is ``(key path, line, first line)``: loaders keep
    the last value silently, so a validator says so. Lines are 1-based;
    both are empty for unparsable text.
    """
    try:
        root = yaml.compose(text, Loader=_LimitedLoader)  # noqa: S506
    except yaml.YAMLError:
        return {}, []
    lines: dict[KeyPath, int] = {}
    duplicates: list[tuple[KeyPath, int, int]] = []
    # An alias shares its anchor's node: walk each node once, or a small
    # alias bomb (fewer aliases than MAX_ALIASES) takes exponential time.
    seen: set[int] = set()

    def walk(node: yaml.Node, prefix: KeyPath) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key_node, value_node in node.value:
                key: str = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
                line = key_node.start_mark.line + 1
                lines[prefix + (key,)] = line  # the last one: its value is the one loaded
                if key in first:
                    duplicates.append((prefix + (key,), line, first[key]))
                else:
                    first[key] = line
                walk(value_node, prefix + (key,))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                lines[prefix + (i,)] = item.start_mark.line + 1
                walk(item, prefix + (i,))

    if root is not None:
        walk(root, ())
    return lines, duplicates
