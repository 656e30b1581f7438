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
from collections.abc import Sequence
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
    "show",
    "index",
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
    def error(self, message: str) -> NoReturn:  # one line, exit 2
        self.exit(2, f"{self.prog}: error: {message}\n(see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
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
    return parser


def _run_tui(args: argparse.Namespace, ctx: Context) -> int:
    from reader.tui.app import run_app

    return run_app(ctx.paths)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
