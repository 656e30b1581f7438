"""``reader bookmarks list|add|remove|export|import``.

Bookmarks live in the home's ``bookmarks.yaml`` (see
:mod:`reader.bookmarks.store`); the lists and defaults come from
``config.yaml``. Nothing heavy is imported until a command runs.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from reader.choices import EXPORT_FORMATS, EXPORT_SUFFIXES, spoken

if TYPE_CHECKING:
    import argparse

    from reader.bookmarks.store import BookmarkStore
    from reader.cli import Context, Subparsers
    from reader.config import Config
    from reader.corpus import Article
    from reader.paths import Paths


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "bookmarks",
        help="list, add, remove, export and import bookmarks",
        description="Bookmarks are kept in bookmarks.yaml in the Reader home ('reader paths'); "
        "lists are set up in config.yaml (bookmarks.lists).",
    )
    actions = parser.add_subparsers(dest="bookmarks_action", metavar="ACTION", required=True)

    show = actions.add_parser("list", help="show bookmarks")
    show.add_argument("--list", metavar="L", help="only this list")
    show.add_argument("--tag", metavar="T", help="only bookmarks with this tag")
    show.add_argument("--json", action="store_true", help="print a JSON array (one object per bookmark)")
    show.set_defaults(func=run_list)

    add = actions.add_parser("add", help="bookmark an article (adding tags to it if it is already there)")
    add.add_argument("id", metavar="ID", help="the article id (see 'reader search')")
    add.add_argument("--list", metavar="L", help="the list (default: bookmarks.default_list in config.yaml)")
    add.add_argument("--tag", metavar="T", action="append", default=[], help="a tag; repeat, or separate with commas")
    add.add_argument("--note", metavar="TEXT", help="a note (replaces the note it has)")
    add.set_defaults(func=run_add)

    remove = actions.add_parser("remove", help="remove a bookmark")
    remove.add_argument("id", metavar="ID", help="the article id")
    remove.add_argument("--list", metavar="L", help="only from this list (default: from every list)")
    remove.set_defaults(func=run_remove)

    export = actions.add_parser("export", help=f"write bookmarks as {spoken(EXPORT_FORMATS)}")
    export.add_argument("--list", metavar="L", help="only this list")
    export.add_argument("--tag", metavar="T", help="only bookmarks with this tag")
    export.add_argument(
        "--format",
        choices=list(EXPORT_FORMATS),
        help=f"the format (default: from the -o file ending {'/'.join(EXPORT_SUFFIXES)}, "
        "else bookmarks.export_format in config.yaml): "
        + "; ".join(f"{name}: {meaning}" for name, meaning in EXPORT_FORMATS.items()),
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: standard output)")
    export.set_defaults(func=run_export)

    load = actions.add_parser("import", help="merge bookmarks from a json or netscape export")
    load.add_argument("file", metavar="FILE", help="a 'reader bookmarks export' json file or a browser bookmark file")
    load.add_argument("--list", metavar="L", help="put everything into this list (default: the lists in the file)")
    load.set_defaults(func=run_import)


def _find_article(paths: Paths, article_id: str) -> Article:
    """The article ``article_id`` from the library (a seam for tests)."""
    from reader.library import find_article

    return find_article(paths, article_id)


def _open(ctx: Context) -> tuple[Config, BookmarkStore]:
    from reader.bookmarks.store import BookmarkStore
    from reader.config import load_config

    config = load_config(ctx.paths)
    store = BookmarkStore(ctx.paths.bookmarks, default_list=config.bookmarks.default_list)
    return config, store


def _list_names(config: Config, store: BookmarkStore) -> list[str]:
    names = config.bookmarks.list_names()
    return names + [name for name in store.lists() if name not in names]


def _check_list(name: str | None, config: Config, store: BookmarkStore, ctx: Context) -> str | None:
    from reader.errors import ReaderError

    if name is None:
        return None
    known = _list_names(config, store)
    if name not in known:
        raise ReaderError(
            f"no bookmark list {name!r} (lists: {', '.join(known)}); add it under bookmarks.lists in {ctx.paths.config}"
        )
    return name


def _split_tags(values: list[str]) -> list[str]:
    return [part for value in values for part in value.split(",")]


def _one_line(text: str) -> str:
    from reader.files.text import one_line

    return one_line(text)


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    config, store = _open(ctx)
    store.load()
    name = _check_list(args.list, config, store, ctx)
    entries = store.entries(name, args.tag)
    if args.json:
        from reader.bookmarks.export import entry_dict

        objects = [{"list": entry.list, **entry_dict(entry)} for entry in entries]
        print(json.dumps(objects, ensure_ascii=False, indent=2), file=ctx.stdout)
        return 0
    if not entries:
        print("no bookmarks" + (f" tagged {args.tag!r}" if args.tag else ""), file=ctx.stderr)
        return 0
    order = _list_names(config, store)
    for list_name in order:
        items = [entry for entry in entries if entry.list == list_name]
        if not items:
            continue
        print(f"{_one_line(list_name)} ({len(items)})", file=ctx.stdout)
        width = max(len(_one_line(entry.id)) for entry in items)
        for entry in items:
            line = f"  {_one_line(entry.id):<{width}}  {entry.date or '----------'}  {_one_line(entry.title)}"
            if entry.tags:
                line += "  " + " ".join(f"#{_one_line(tag)}" for tag in entry.tags)
            print(line.rstrip(), file=ctx.stdout)
    return 0


def run_add(args: argparse.Namespace, ctx: Context) -> int:
    config, store = _open(ctx)
    store.load()
    target = _check_list(args.list, config, store, ctx) or config.bookmarks.default_list
    tags = _split_tags(args.tag)
    from reader.bookmarks.store import clean_tags

    clean_tags(tags)  # refuse bad tags before looking the article up
    article = _find_article(ctx.paths, args.id)
    existed = store.contains(article.id, target)
    entry = store.add(article, target, tags=tags, note=args.note)
    verb = "updated" if existed else "bookmarked"
    print(f"{verb} {_one_line(entry.id)} in {target}", file=ctx.stderr)
    return 0


def run_remove(args: argparse.Namespace, ctx: Context) -> int:
    from reader.bookmarks.store import BookmarkNotFound

    config, store = _open(ctx)
    store.load()
    if args.list is not None:
        target = _check_list(args.list, config, store, ctx)
        removed = store.remove(args.id, target)
        if removed is None:
            elsewhere = store.lists_containing(args.id)
            hint = f" (it is in: {', '.join(elsewhere)})" if elsewhere else ""
            raise BookmarkNotFound(f"{args.id!r} is not in the bookmark list {target!r}{hint}")
        gone = [removed]
    else:
        gone = store.remove_all(args.id)
        if not gone:
            raise BookmarkNotFound(f"{args.id!r} is not bookmarked; see 'reader bookmarks list'")
    print(f"removed {_one_line(args.id)} from {', '.join(r.list for r in gone)}", file=ctx.stderr)
    return 0


def _export_format(args: argparse.Namespace, config: Config) -> str:
    if args.format:
        chosen: str = args.format  # one of EXPORT_FORMATS (argparse's choices)
        return chosen
    if args.output and args.output != "-":
        from pathlib import Path

        suffix = Path(args.output).suffix.lower()
        if suffix in EXPORT_SUFFIXES:
            return EXPORT_SUFFIXES[suffix]
    return config.bookmarks.export_format


def run_export(args: argparse.Namespace, ctx: Context) -> int:
    from reader.bookmarks.export import export

    config, store = _open(ctx)
    store.load()
    name = _check_list(args.list, config, store, ctx)
    entries = store.entries(name, args.tag)
    fmt = _export_format(args, config)
    text = export(entries, fmt)
    if args.output and args.output != "-":
        from pathlib import Path

        from reader.files.atomic import atomic_write_text

        target = Path(args.output).expanduser()
        atomic_write_text(target, text)
        count = len(entries)
        print(f"wrote {count} bookmark{'s' if count != 1 else ''} ({fmt}) to {target}", file=ctx.stderr)
    else:
        ctx.stdout.write(text)
        ctx.stdout.flush()
    return 0


def run_import(args: argparse.Namespace, ctx: Context) -> int:
    from reader.bookmarks.importer import import_file

    config, store = _open(ctx)
    store.load()
    target = _check_list(args.list, config, store, ctx)
    report = import_file(args.file, store, target)
    print(report.summary(), file=ctx.stderr)
    return 0
