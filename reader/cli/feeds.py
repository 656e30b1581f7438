"""``reader feeds add|list|remove|import|export`` and ``reader fetch``.

Subscriptions live in ``feeds.yaml`` in the Reader home; fetched entries in
``feeds/entries/`` there, which the index reads like any folder (so
``reader fetch`` ends by updating the index). Nothing heavy is imported at
import time.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from reader.cli import Context, Subparsers


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "feeds",
        help="subscribe to feeds, list them, import or export OPML",
        description="Feeds are kept in feeds.yaml in the Reader home ('reader paths'); "
        "'reader fetch' brings their new entries into the library.",
    )
    actions = parser.add_subparsers(dest="feeds_action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="subscribe to a feed (a web address or a feed file)")
    add.add_argument("url", metavar="URL_OR_FILE", help="the feed's address (https://…) or a feed file")
    add.add_argument("--name", help="its name (default: made from the address)")
    add.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeat for more)")
    add.add_argument("--full-text", action="store_true", help="keep each entry's web page text (full_text: true)")
    add.set_defaults(func=run_add)

    listing = actions.add_parser("list", help="the feeds, with their entries, last fetch and last error")
    listing.add_argument("--json", action="store_true", help="print a JSON array, one object per feed")
    listing.set_defaults(func=run_list)

    remove = actions.add_parser("remove", help="unsubscribe (its entries go, bookmarked ones stay)")
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(func=run_remove)

    importing = actions.add_parser("import", help="subscribe to the feeds of an OPML file (folders become tags)")
    importing.add_argument("file", metavar="FILE.opml")
    importing.set_defaults(func=run_import)

    export = actions.add_parser("export", help="write the feeds as OPML 2.0")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    export.set_defaults(func=run_export)

    full = actions.add_parser("full-text", help="fetch the web page of feed entries and keep their whole text")
    full.add_argument("ids", nargs="+", metavar="ARTICLE_ID", help="feed entries' article ids (feeds/NAME/KEY)")
    full.set_defaults(func=run_full_text)

    fetch = subparsers.add_parser(
        "fetch",
        help="fetch the feeds' new entries and index them",
        description="Fetch every feed (or the NAMEd ones), store new and changed entries in the "
        "home, and update the index. An unchanged feed costs one conditional request.",
    )
    fetch.add_argument("names", nargs="*", metavar="NAME", help="only these feeds")
    fetch.add_argument("--json", action="store_true", help="print one JSON object per feed")
    fetch.add_argument("--force", action="store_true", help="ask even feeds whose server asked to wait")
    fetch.add_argument("--no-index", action="store_true", help="do not update the index afterwards")
    fetch.set_defaults(func=run_fetch)


def _feeds(ctx: Context):  # type: ignore[no-untyped-def]
    from reader.feeds.manager import Feeds

    return Feeds(ctx.paths)


def run_add(args: argparse.Namespace, ctx: Context) -> int:
    feed = _feeds(ctx).add(args.url, name=args.name, tags=args.tag, full_text=args.full_text)
    tags = f" (tags: {', '.join(feed.tags)})" if feed.tags else ""
    print(f"subscribed to {feed.url} as {feed.name!r}{tags}; 'reader fetch' brings its entries", file=ctx.stdout)
    return 0


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    summaries = _feeds(ctx).summaries()
    if args.json:
        print(json.dumps([s.to_dict() for s in summaries], ensure_ascii=False, indent=2), file=ctx.stdout)
        return 0
    if not summaries:
        print("no feeds yet: 'reader feeds add URL' or 'reader feeds import FILE.opml'", file=ctx.stderr)
        return 0
    width = max(len(s.feed.name) for s in summaries)
    for s in summaries:
        last = s.state.checked.replace("T", " ") if s.state.checked else "never fetched"
        line = f"{s.feed.name:<{width}}  {s.unread:>5} unread of {s.entries:<5}  {last:<19}  {s.feed.url}"
        if s.feed.tags:
            line += f"  [{', '.join(s.feed.tags)}]"
        print(line, file=ctx.stdout)
        if s.state.error:
            print(f"{'':<{width}}  last error: {s.state.error}", file=ctx.stdout)
    return 0


def run_remove(args: argparse.Namespace, ctx: Context) -> int:
    feed, removed = _feeds(ctx).remove(args.name)
    print(f"unsubscribed from {feed.name!r} ({feed.url}); {removed} entries removed", file=ctx.stdout)
    _update_index(ctx)
    return 0


def run_import(args: argparse.Namespace, ctx: Context) -> int:
    added, skipped, read = _feeds(ctx).import_opml(Path(args.file))
    if read.recovered:
        print(f"{args.file}: not well-formed OPML ({read.recovered}); read what could be recovered", file=ctx.stderr)
    print(f"subscribed to {len(added)} feed{'s' if len(added) != 1 else ''} from {args.file}", file=ctx.stdout)
    for line in skipped:
        print(f"  skipped {line}", file=ctx.stdout)
    return 0


def run_full_text(args: argparse.Namespace, ctx: Context) -> int:
    from reader.errors import ReaderError

    feeds = _feeds(ctx)
    failed = 0
    for article_id in args.ids:
        try:
            text = feeds.full_text_of(article_id)
        except ReaderError as error:
            failed += 1
            print(f"{article_id}: {error}", file=ctx.stderr)
            continue
        print(f"{article_id}: {len(text.split())} words of full text", file=ctx.stdout)
    if failed < len(args.ids):
        _update_index(ctx)
    return 1 if failed else 0


def run_export(args: argparse.Namespace, ctx: Context) -> int:
    text = _feeds(ctx).export_opml()
    if args.output:
        from reader.files.atomic import atomic_write_text

        atomic_write_text(Path(args.output), text)
        print(f"wrote {args.output}", file=ctx.stderr)
    else:
        ctx.stdout.write(text)
    return 0


def run_fetch(args: argparse.Namespace, ctx: Context) -> int:
    feeds = _feeds(ctx)
    if not feeds.list.load().feeds:
        print("no feeds yet: 'reader feeds add URL' or 'reader feeds import FILE.opml'", file=ctx.stderr)
        return 0
    live = not args.json and ctx.stderr.isatty()

    def done(report) -> None:  # type: ignore[no-untyped-def]
        if args.json:
            return
        print(report.line(), file=ctx.stdout)
        if live:
            ctx.stdout.flush()

    reports = feeds.fetch(args.names, force=args.force, done=done)
    failed = sum(1 for r in reports if r.result == "failed")
    if args.json:
        print(json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2), file=ctx.stdout)
    else:
        new = sum(r.new for r in reports)
        updated = sum(r.updated for r in reports)
        print(
            f"fetched {len(reports)} feed{'s' if len(reports) != 1 else ''}: {new} new, {updated} updated, {failed} failed",
            file=ctx.stderr,
        )
    if not args.no_index:
        _update_index(ctx, quiet=args.json)
    return 1 if reports and failed == len(reports) else 0


def _update_index(ctx: Context, quiet: bool = False) -> None:
    from reader.cli.index import IndexProgress
    from reader.library import Library

    library = Library(ctx.paths)
    bar = IndexProgress("indexing", io.StringIO() if quiet else ctx.stderr)
    try:
        stats = library.update(progress=bar, procs=min(4, os.cpu_count() or 1))
    finally:
        bar.close()
    if not quiet:
        print(stats.summary(), file=ctx.stderr)
