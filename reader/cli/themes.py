"""``reader themes list|check``: the colour themes the app can use."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from reader.choices import FIGURE_SUBTYPES

if TYPE_CHECKING:
    import argparse

    from reader.cli import Context, Subparsers
    from reader.themes import ThemeError

FORMAT_HELP = textwrap.fill(
    "A theme is a YAML file NAME.yaml in the themes/ folder of the Reader home "
    "('reader paths' shows where); a file there replaces a shipped theme of the "
    "same name. Its keys: name (the file name without .yaml), dark (true/false), "
    "colors (Textual colours: primary, required, and optionally secondary, accent, "
    "background, surface, panel, foreground, warning, error, success) and styles "
    "(Rich style strings: quote, figure, hit, subheading, bookmark, read, unread, "
    f"and optionally figure-<subtype> for {', '.join(FIGURE_SUBTYPES)}), and optionally variables (Textual variables the "
    "colours do not set: text, text-muted, text-disabled and the block-cursor-* "
    "ones for the selected row). The shipped themes are commented examples. "
    "Set the theme in config.yaml ('theme: NAME') or switch with ctrl+t in the app.",
    width=78,
)


def register(subparsers: Subparsers) -> None:
    import argparse

    parser = subparsers.add_parser(
        "themes",
        help="list the colour themes or check a theme file",
        description="List the colour themes or check a theme file.",
        epilog=FORMAT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(func=run_list, json=False, check=False)
    actions = parser.add_subparsers(dest="themes_action", metavar="ACTION")
    listing = actions.add_parser(
        "list",
        help="list every theme: name, dark or light, origin and file (the default action)",
    )
    listing.add_argument("--json", action="store_true", help="print a JSON object")
    listing.add_argument("--check", action="store_true", help="exit with status 1 when a theme file is broken")
    listing.set_defaults(func=run_list)
    check = actions.add_parser("check", help="validate one theme file and list every problem")
    check.add_argument("file", metavar="FILE", help="a theme file, or the name of a shipped or user theme")
    check.set_defaults(func=run_check)


# --------------------------------------------------------------------------
# list


class ThemeRow(TypedDict):
    """One theme as ``reader themes list --json`` shows it."""

    name: str
    dark: bool
    origin: str  # "shipped", "user" or "built-in"
    path: str | None
    overrides: str | None  # the shipped theme file a user theme replaces


def theme_rows(ctx: Context) -> tuple[list[ThemeRow], list[ThemeError]]:
    """Every theme as a dict (name, dark, origin, path, overrides), and the broken files' errors."""
    from reader.paths import bundled_themes
    from reader.themes import builtin_themes, discover_themes, theme_files

    themes, errors = discover_themes(ctx.paths)
    shipped = {file.stem: file for file in theme_files(bundled_themes())}
    rows: list[ThemeRow] = []
    for name in sorted(themes):
        spec = themes[name]
        overrides = shipped.get(name) if spec.origin == "user" else None
        rows.append(
            {
                "name": spec.name,
                "dark": spec.dark,
                "origin": spec.origin,
                "path": str(spec.path),
                "overrides": str(overrides) if overrides else None,
            }
        )
    for name, dark in sorted(builtin_themes().items()):
        if name not in themes:
            rows.append({"name": name, "dark": dark, "origin": "built-in", "path": None, "overrides": None})
    return rows, errors


def _configured_theme(ctx: Context) -> str:
    from reader.config import load_config
    from reader.errors import ReaderError
    from reader.themes import DEFAULT_THEME

    try:
        return load_config(ctx.paths).theme
    except ReaderError:
        return DEFAULT_THEME


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    from reader.themes import DEFAULT_THEME

    rows, errors = theme_rows(ctx)
    current = _configured_theme(ctx)
    for error in errors:
        print(f"reader: broken theme: {error}", file=ctx.stderr)
    if args.json:
        document = {
            "default": DEFAULT_THEME,
            "configured": current,
            "themes": rows,
            "errors": [{"path": error.path, "line": error.line, "key": error.key, "message": str(error)} for error in errors],
        }
        print(json.dumps(document, indent=2), file=ctx.stdout)
    else:
        width = max(len(row["name"]) for row in rows)
        for row in rows:
            mark = "*" if row["name"] == current else " "
            kind = "dark" if row["dark"] else "light"
            origin = row["origin"]
            where = row["path"] or "-"
            if row["overrides"]:
                where += f" (replaces the shipped {row['name']})"
            print(f"{mark} {row['name']:<{width}}  {kind:<5}  {origin:<8}  {where}", file=ctx.stdout)
    if errors and args.check:
        return 1
    return 0


# --------------------------------------------------------------------------
# check


def _find_theme_file(ctx: Context, name: str) -> Path:
    """``name`` as a path, or the user or shipped file of the theme called ``name``."""
    from reader.paths import bundled_themes
    from reader.themes import THEME_SUFFIXES

    path = Path(name).expanduser()
    if path.exists() or "/" in name or path.suffix in THEME_SUFFIXES:
        return path
    for folder in (ctx.paths.themes, bundled_themes()):
        for suffix in THEME_SUFFIXES:
            candidate = folder / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
    return path


def run_check(args: argparse.Namespace, ctx: Context) -> int:
    from reader.themes import ThemeError, load_theme_file

    path = _find_theme_file(ctx, args.file)
    try:
        spec = load_theme_file(path)
    except ThemeError as error:
        for problem in error.problems:
            print(problem, file=ctx.stderr)
        count = len(error.problems)
        print(f"{count} problem{'s' if count > 1 else ''} in {path}", file=ctx.stderr)
        return 1
    kind = "dark" if spec.dark else "light"
    print(f"ok: {path} (theme {spec.name}, {kind})", file=ctx.stdout)
    return 0
