"""``reader searches list|save|remove``: the saved searches (``searches.yaml``).

``reader search --saved NAME`` runs one (:mod:`reader.cli.search`). The
store is :mod:`reader.searches`; nothing heavy is imported here.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from reader.cli import Context, Subparsers
    from reader.searches import SavedSearches


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "searches",
        help="list, save and remove saved searches",
        description="Saved searches are kept in searches.yaml in the Reader home ('reader paths'), "
        "name -> query; run one with 'reader search --saved NAME'. In the app: ctrl+s saves the "
        "query in the search box, and 'Saved searches…' in the command palette (ctrl+p) lists them.",
    )
    actions = parser.add_subparsers(dest="searches_action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="show the saved searches, in the order saved")
    listing.add_argument("--json", action="store_true", help="print a JSON array of {name, query} objects")
    listing.set_defaults(func=run_list)

    save = actions.add_parser(
        "save",
        help="save a query under a name (replacing a saved search of that name)",
        description="Save QUERY under NAME. Put '--' before a query that starts with '-': "
        "reader searches save mine -- -russia ceasefire",
    )
    save.add_argument("name", metavar="NAME", help="the name (quote it if it has spaces)")
    save.add_argument("query", metavar="QUERY", nargs="+", help="the query (several words are joined)")
    save.set_defaults(func=run_save)

    remove = actions.add_parser("remove", help="remove a saved search")
    remove.add_argument("name", metavar="NAME", help="its name")
    remove.set_defaults(func=run_remove)


def open_searches(ctx: Context) -> SavedSearches:
    """The home's saved searches, read (a broken file raises its error)."""
    from reader.searches import SavedSearches

    return SavedSearches(ctx.paths.searches).load()


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    searches = open_searches(ctx).all()
    if args.json:
        print(json.dumps([search.to_dict() for search in searches], ensure_ascii=False, indent=2), file=ctx.stdout)
        return 0
    if not searches:
        print("no saved searches (save one with 'reader searches save NAME QUERY')", file=ctx.stderr)
        return 0
    width = max(len(search.name) for search in searches)
    for search in searches:
        print(f"{search.name:<{width}}  {search.query}", file=ctx.stdout)
    return 0


def run_save(args: argparse.Namespace, ctx: Context) -> int:
    from reader.searches import SavedSearches

    store = SavedSearches(ctx.paths.searches)
    old = store.save(args.name, " ".join(args.query))
    new = store.get(args.name)
    replaced = f" (it was {old.query!r})" if old is not None and old.query != new.query else ""
    print(f"saved {new.name!r}: {new.query}{replaced}", file=ctx.stdout)
    return 0


def run_remove(args: argparse.Namespace, ctx: Context) -> int:
    from reader.searches import SavedSearches

    removed = SavedSearches(ctx.paths.searches).remove(args.name)
    print(f"removed {removed.name!r}: {removed.query}", file=ctx.stdout)
    return 0
