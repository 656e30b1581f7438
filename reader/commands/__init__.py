"""Subcommands of the ``reader`` command line.

Each module here defines ``register(subparsers)`` which adds its parser and
sets ``func`` to a callable ``func(args, ctx) -> int``. Modules must import
nothing heavy at import time (no Textual, no Whoosh): ``reader --help``
builds every parser and has to stay fast.
"""

from __future__ import annotations

# Order is the order shown by ``reader --help``.
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
