"""``reader search QUERY``: full-text search from the shell."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from reader.choices import SORTS
from reader.cli._output import BOLD, DIM, RESET, mark, use_color
from reader.errors import ReaderError

if TYPE_CHECKING:
    import argparse

    from reader.cli import Context, Subparsers
    from reader.index.engines import SearchEngine
    from reader.index.search import SearchResponse


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "search",
        help="search the library",
        description="Search the library. Query language: plain words (articles with all of them first, "
        'then those with some), +word (required), AND, OR, NOT word / -word, "exact phrase", '
        "title:/dateline:/source: fields, date:2023-09 or date:[2023-09-01 to 2023-09-30], "
        "prefix karab*, fuzzy karabak~.",
    )
    parser.add_argument("query", nargs="*", help="the query (several words are joined)")
    parser.add_argument("--saved", metavar="NAME", help="run the saved search NAME instead (see 'reader searches list')")
    parser.add_argument("--limit", type=_positive, default=20, metavar="N", help="at most N results (default 20)")
    parser.add_argument(
        "--offset",
        type=_not_negative,
        default=0,
        metavar="N",
        help="skip the first N results (with --limit: one page, e.g. --offset 20 --limit 20 for results 21-40)",
    )
    parser.add_argument(
        "--sort",
        choices=list(SORTS),
        default=next(iter(SORTS)),
        help="result order: " + "; ".join(f"{name}: {meaning}" for name, meaning in SORTS.items()),
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--color", choices=["auto", "always", "never"], default="auto", help="highlight hits")
    parser.set_defaults(func=run)


def _whole(value: str, least: int) -> int:
    import argparse

    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < least:
        raise argparse.ArgumentTypeError(f"must be at least {least}")
    return number


def _positive(value: str) -> int:
    return _whole(value, 1)


def _not_negative(value: str) -> int:
    return _whole(value, 0)


def open_index(ctx: Context) -> SearchEngine:
    """The library's index, built on first use (with a progress bar on a terminal)."""
    from reader.cli.index import IndexProgress
    from reader.library import Library

    bar = IndexProgress("indexing", ctx.stderr)

    def notify(message: str) -> None:
        print(f"reader: {message}", file=ctx.stderr)

    try:
        return Library(ctx.paths).open(notify=notify, progress=bar)
    finally:
        bar.close()


class UsageError(ReaderError):
    """Arguments that do not go together (exit status 2, as argparse's own)."""

    exit_code = 2


def query_text(args: argparse.Namespace, ctx: Context) -> str:
    """The query words, or the query saved as ``--saved NAME``."""
    if args.saved is None:
        if not args.query:
            raise UsageError("search: give a query, or --saved NAME (see 'reader search --help')")
        return " ".join(args.query)
    if args.query:
        raise UsageError("search: give a query or --saved NAME, not both")
    from reader.searches import SavedSearches

    return SavedSearches(ctx.paths.searches).load().get(args.saved).query


def run(args: argparse.Namespace, ctx: Context) -> int:
    text = query_text(args, ctx)
    with open_index(ctx) as index:
        response = index.search(text, limit=args.limit, offset=args.offset, sort=args.sort)
    if args.json:
        print(json.dumps(response.to_dict(), ensure_ascii=False, indent=2), file=ctx.stdout)
        return 0
    color = use_color(ctx.stdout, args.color)
    out = ctx.stdout
    if response.problem:
        print(f"note: {response.problem}", file=out)
    print(summary(response), file=out)
    if response.suggestion:
        print(f"did you mean: {response.suggestion}", file=out)
    for n, result in enumerate(response.results, response.offset + 1):
        copies = f"{result.copies} copies" if result.copies > 1 else ""
        meta = " · ".join(
            part
            for part in (result.date.isoformat() if result.date else "", result.dateline or "", result.source, result.id, copies)
            if part
        )
        # The query's words stand out in the title too (bold again after each).
        title = (
            f"{BOLD}{mark(result.title, result.title_hits, color).replace(RESET, RESET + BOLD)}{RESET}" if color else result.title
        )
        print(f"\n{n:>2}. {title}", file=out)
        print(f"    {DIM if color else ''}{meta}{RESET if color else ''}", file=out)
        if result.snippet:
            print(f"    {mark(result.snippet, result.snippet_hits, color)}", file=out)
    return 0


def summary(response: SearchResponse) -> str:
    """``803 results for 'tax' (12 ms)``; when only some are listed
    ``803 results for 'tax' (12 ms, showing 21–40 of 803)``; for plain words
    that not every result has, ``(12 ms; 41 match all words)`` at the end."""
    noun = "result" if response.total == 1 and response.total_exact else "results"
    found = f"{response.total_text()} {noun} for {response.query!r}"
    took = f"{response.took_ms:.0f} ms"
    every = ""
    if response.all_words is not None and response.all_words < response.total:
        every = f"; {response.all_words:,} match all words"
    first, count = response.offset + 1, len(response.results)
    if count and (response.offset or count < response.total or not response.total_exact):
        return f"{found} ({took}, showing {first:,}–{first + count - 1:,} of {response.total_text()}{every})"
    if not count and response.offset and response.total:
        return f"{found} ({took}, none from result {first:,} on{every})"
    return f"{found} ({took}{every})"
