"""``reader show ID``: print one article."""

from __future__ import annotations

import json
import textwrap
from typing import TYPE_CHECKING

from reader.cli._output import BOLD, RESET, use_color

if TYPE_CHECKING:
    import argparse

    from reader.cli import Context, Subparsers


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser("show", help="print an article by id")
    parser.add_argument("id", help="the article id, as 'reader search' prints it")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from reader.cli.search import open_index
    from reader.errors import ReaderError

    with open_index(ctx) as index:
        article = index.get(args.id)
    if article is None:
        raise ReaderError(f"no article with id {args.id!r}; find ids with 'reader search QUERY'")
    if args.json:
        print(json.dumps(article.to_dict(), ensure_ascii=False, indent=2), file=ctx.stdout)
        return 0
    color = use_color(ctx.stdout)
    out = ctx.stdout
    print(f"{BOLD}{article.title}{RESET}" if color else article.title, file=out)
    meta = " · ".join(p for p in (article.date.isoformat() if article.date else "", article.dateline or "", article.id) if p)
    print(meta, file=out)
    for block in article.blocks():
        text = article.body[block.start : block.end]
        print(file=out)
        if block.kind == "subheading":
            print(f"{BOLD}{text}{RESET}" if color else text, file=out)
        else:
            print(textwrap.fill(text, width=78), file=out)
    return 0
