"""The ``reader`` command line: argparse front door.

Textual is imported only when the TUI starts; Whoosh only by commands that
touch the index. Exit status: 0 on success (zero results is success), 2 for
usage errors, 1 for other failures with a one-line message on stderr.

Each subcommand is a module of this package that defines
``register(subparsers)``, which adds its parser and sets ``func`` to a
callable ``func(args, ctx) -> int``. Subcommand modules must import nothing
heavy at import time (no Textual, no Whoosh): ``reader --help`` builds every
parser and has to stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NoReturn, TextIO

from reader import __version__
from reader.errors import ReaderError
from reader.paths import Paths, ensure_home, get_paths

if TYPE_CHECKING:
    from typing import TypeAlias

    Subparsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]
    """What a subcommand module's ``register(subparsers)`` adds its parser to."""

# The subcommand modules; the order is the order shown by ``reader --help``.
MODULES = [
    "search",
    "searches",
    "show",
    "index",
    "feeds",
    "annotate",
    "bookmarks",
    "config",
    "themes",
    "paths",
]


@dataclass
class Context:
    """What every command gets besides its arguments."""

    paths: Paths
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)


class _Parser(argparse.ArgumentParser):
    commands: Mapping[str, argparse.ArgumentParser]
    """The subcommands' parsers, by name (set on the top-level parser)."""

    def error(self, message: str) -> NoReturn:  # one line, exit 2
        self.exit(2, f"{self.prog}: error: {message}\n(see '{self.prog} --help')\n")


def build_parser() -> _Parser:
    parser = _Parser(
        prog="reader",
        description="A keyboard-driven news reader for the terminal. With no command, opens the app on your library.",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "--home",
        metavar="DIR",
        help="where config, bookmarks and the index live (default: $READER_HOME, "
        "else the user data directory; see 'reader paths')",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in MODULES:
        importlib.import_module(f"reader.cli.{name}").register(subparsers)
    parser.commands = subparsers.choices
    return parser


def _run_tui(args: argparse.Namespace, ctx: Context) -> int:
    from reader.tui.app import run_app

    return run_app(ctx.paths)


def _query_words_are_not_options(parser: _Parser, argv: list[str]) -> list[str]:
    """``reader search -tax rise``: in a search, a word that starts with a
    single ``-`` and is no option of ``search`` is a query word (NOT tax),
    not an unknown option. The options stay where they are; the words follow
    a ``--``. A mistyped ``--option`` is still reported as one."""
    i = 0
    while i < len(argv) and argv[i].startswith("-"):  # the options before the command
        i += 2 if argv[i] == "--home" else 1
    if i >= len(argv) or argv[i] != "search":
        return argv
    actions = parser.commands["search"]._actions  # argparse lists a parser's options nowhere public
    takes_value = {s for a in actions if a.nargs != 0 for s in a.option_strings}
    flags = {s for a in actions if a.nargs == 0 for s in a.option_strings}
    options: list[str] = []
    words: list[str] = []
    rest = argv[i + 1 :]
    j = 0
    while j < len(rest):
        token = rest[j]
        if token == "--":
            words.extend(rest[j + 1 :])
            break
        name = token.split("=", 1)[0]
        if name in takes_value:
            options.append(token)
            if "=" not in token and j + 1 < len(rest):
                options.append(rest[j + 1])
                j += 1
        elif token in flags or token.startswith("--"):
            options.append(token)  # argparse reports a mistyped option as before
        else:
            words.append(token)
        j += 1
    return [*argv[: i + 1], *options, "--", *words] if words else argv


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(_query_words_are_not_options(parser, list(sys.argv[1:] if argv is None else argv)))
    ctx = Context(paths=get_paths(args.home))
    func = getattr(args, "func", None) or _run_tui
    try:
        ensure_home(ctx.paths)
        return int(func(args, ctx) or 0)
    except ReaderError as error:
        print(f"reader: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("reader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as error:
        if os.environ.get("READER_DEBUG"):
            raise
        # A file or folder that cannot be read or written: say which and why.
        where = error.filename or ctx.paths.home
        reason = error.strerror or str(error)
        print(f"reader: cannot use {where}: {reason}; set READER_DEBUG=1 for details", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - last line of defence
        if os.environ.get("READER_DEBUG"):
            raise
        name = type(error).__name__
        print(
            f"reader: unexpected error ({name}: {error}); set READER_DEBUG=1 to see the traceback and please report it",
            file=sys.stderr,
        )
        return 1
