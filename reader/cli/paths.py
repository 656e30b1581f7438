"""``reader paths``: where everything lives."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from reader.cli import Context, Subparsers


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser("paths", help="print where config, bookmarks and the index live")
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    paths = ctx.paths.as_dict()
    if args.json:
        print(json.dumps(paths, indent=2), file=ctx.stdout)
    else:
        width = max(map(len, paths))
        for key, value in paths.items():
            print(f"{key:<{width}}  {value}", file=ctx.stdout)
    return 0
