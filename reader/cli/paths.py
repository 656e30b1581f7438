"""``reader paths``: where everything lives."""

from __future__ import annotations

import json


def register(subparsers) -> None:
    parser = subparsers.add_parser("paths", help="print where config, bookmarks and the index live")
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.set_defaults(func=run)


def run(args, ctx) -> int:
    paths = ctx.paths.as_dict()
    if args.json:
        print(json.dumps(paths, indent=2), file=ctx.stdout)
    else:
        width = max(map(len, paths))
        for key, value in paths.items():
            print(f"{key:<{width}}  {value}", file=ctx.stdout)
    return 0
