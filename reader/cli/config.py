"""``reader config init|check|path``: the user's config.yaml."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from reader.cli import Context, Subparsers


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser("config", help="create, check or locate config.yaml")
    actions = parser.add_subparsers(dest="config_action", metavar="ACTION", required=True)
    init = actions.add_parser("init", help="write a commented config.yaml with every option (never overwrites)")
    init.set_defaults(func=run_init)
    check = actions.add_parser("check", help="validate config.yaml and list every problem")
    check.set_defaults(func=run_check)
    path = actions.add_parser("path", help="print where config.yaml lives")
    path.set_defaults(func=run_path)


def run_init(args: argparse.Namespace, ctx: Context) -> int:
    from reader.config import write_default_config

    file = write_default_config(ctx.paths)
    print(f"wrote {file}", file=ctx.stderr)
    return 0


def run_check(args: argparse.Namespace, ctx: Context) -> int:
    from reader.config import check_config

    problems = check_config(ctx.paths)
    for problem in problems:
        print(problem, file=ctx.stderr)
    errors = sum(1 for problem in problems if not problem.warning)
    if errors:
        print(f"{errors} problem{'s' if errors > 1 else ''} in {ctx.paths.config}", file=ctx.stderr)
        return 1
    warnings = len(problems)
    note = f" ({warnings} warning{'s' if warnings > 1 else ''})" if warnings else ""
    if ctx.paths.config.exists():
        print(f"ok: {ctx.paths.config}{note}", file=ctx.stdout)
    else:
        print(f"ok: {ctx.paths.config} (no file; using the defaults)", file=ctx.stdout)
    return 0


def run_path(args: argparse.Namespace, ctx: Context) -> int:
    print(ctx.paths.config, file=ctx.stdout)
    return 0
