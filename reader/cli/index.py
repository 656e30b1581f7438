"""``reader index [PATH ...] [--rebuild]``: build or update the index."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from reader.choices import ENGINES
from reader.cli._output import ProgressBar

ENGINE_NAMES = tuple(ENGINES)

if TYPE_CHECKING:
    import argparse

    from reader.cli import Context, Subparsers


class IndexProgress:
    """The progress of an index update on a terminal (silent elsewhere): a
    bar while files are read, then the commit phase with its elapsed time
    (it takes tens of seconds on big libraries, with every file read)."""

    def __init__(self, label: str, stream: TextIO) -> None:
        self.bar = ProgressBar(label, stream)

    def __call__(self, done: int, total: int, phase: str = "reading", elapsed: float = 0.0) -> None:
        from reader.index.store import COMMITTING

        if phase != COMMITTING:
            self.bar(done, total)
            return
        if not self.bar.enabled:
            return
        full = "█" * self.bar.width
        self.bar.stream.write(f"\r\x1b[2K{self.bar.label} {full} {done}/{total} · committing the index… {elapsed:.0f} s")
        self.bar.stream.flush()
        self.bar.drawn = True

    def close(self) -> None:
        self.bar.close()


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "index",
        help="index the library, or add folders/files to it",
        description="With no PATH, update the index of the known sources (the bundled seeds "
        "and anything added before). Each PATH (folder or file) is added to the library, "
        "remembered, and indexed. Only new, changed and deleted files are touched.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="folder or file of articles to add")
    parser.add_argument("--rebuild", action="store_true", help="start from scratch")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument(
        "--engine",
        choices=ENGINE_NAMES,
        help="the search engine to index with (whoosh, or tantivy for large libraries: pip install "
        "'reader-tui[tantivy]'); switching rebuilds the index, and later commands keep the engine "
        "unless config.yaml names another (index: engine:)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from reader.library import Library

    library = Library(ctx.paths, engine=_engine(args.engine, ctx))
    built_by = library.store.built_by()
    if built_by is not None and built_by != library.store.ENGINE:
        print(f"reader: the index was built by {built_by}; rebuilding it with {library.store.ENGINE}", file=ctx.stderr)
    if args.paths:
        from reader.feeds.manager import Feeds

        paths = [Path(p) for p in args.paths]
        for added in library.add(paths):
            print(f"reader: added {added} to the library", file=ctx.stderr)
        # Feed files are feeds, not articles: subscribed to, and read now.
        feeds = Feeds(ctx.paths)
        adopted = feeds.adopt(paths)
        if adopted:
            print(
                f"reader: subscribed to {len(adopted)} feed file{'s' if len(adopted) != 1 else ''} ('reader feeds list')",
                file=ctx.stderr,
            )
            for report in feeds.fetch([feed.name for feed in adopted]):
                print(f"  {report.line()}", file=ctx.stderr)
    bar = IndexProgress("indexing", ctx.stderr)
    try:
        stats = library.update(rebuild=args.rebuild, progress=bar, procs=min(4, os.cpu_count() or 1))
    finally:
        bar.close()
    if args.json:
        print(json.dumps(stats.to_dict(), indent=2), file=ctx.stdout)
        return 0
    print(stats.summary(), file=ctx.stdout)
    for path, reason in stats.skipped[:20]:
        print(f"  skipped {path}: {reason}", file=ctx.stdout)
    if len(stats.skipped) > 20:
        print(f"  … and {len(stats.skipped) - 20} more skipped", file=ctx.stdout)
    return 0


def _engine(asked: str | None, ctx: Context) -> str | None:
    """The engine ``--engine`` asks for (checked: installed), or None to
    keep the home's; refused when config.yaml names another one."""
    if asked is None:
        return None
    from reader.errors import ReaderError
    from reader.index.engines import check_engine
    from reader.library import config_engine

    configured = config_engine(ctx.paths)
    if configured is not None and configured != asked:
        raise ReaderError(f"{ctx.paths.config} sets index: engine: {configured}; change it there to index with {asked}")
    return check_engine(asked)
