"""``reader annotate PATH_OR_ID``: list the quotes and figures of an article."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import argparse

    from reader.annotate import Span
    from reader.cli import Context, Subparsers
    from reader.corpus import Article

_CONTEXT = 30  # characters of context shown on each side of a span
_MAX_SPAN = 70  # longer span texts are shortened in the middle


def register(subparsers: Subparsers) -> None:
    parser = subparsers.add_parser(
        "annotate",
        help="list the quotes and figures found in an article",
        description="Find quotes (with their speakers) and figures (with a subtype) in an "
        "article given as a file path or a library article ID.",
    )
    parser.add_argument("article", metavar="PATH_OR_ID", help="an article file, or the ID of an article in the library")
    parser.add_argument("--json", action="store_true", help='print {"id", "body", "spans"} as JSON')
    parser.set_defaults(func=run)


def _load(ctx: Context, ref: str) -> Article:
    from pathlib import Path

    from reader.errors import ReaderError

    path = Path(ref).expanduser()
    if path.is_file():
        from reader.corpus import SkippedFile, read_article

        source = path.resolve().parent.name
        try:
            return read_article(path, id=f"{source}/{path.stem}", source=source)
        except SkippedFile as error:
            raise ReaderError(f"{path}: {error}") from None
    from reader.library import find_article

    return find_article(ctx.paths, ref)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, limit: int = _MAX_SPAN) -> str:
    text = _one_line(text)
    if len(text) <= limit:
        return text
    half = (limit - 3) // 2
    return f"{text[:half]} … {text[-half:]}"


def _describe(span: Span, body: str) -> list[str]:
    label = span.subtype if span.kind == "figure" else (f"said by {span.speaker}" if span.speaker else "speaker unknown")
    before = _one_line(body[max(0, span.start - _CONTEXT) : span.start])
    after = _one_line(body[span.end : span.end + _CONTEXT])
    head = f"{span.start:>6}  {span.kind:<6}  {label}"
    context = f"        …{before} [{_shorten(span.text)}] {after}…"
    return [head, context]


def run(args: argparse.Namespace, ctx: Context) -> int:
    from reader.annotate import annotate
    from reader.files.text import strip_control

    article = _load(ctx, args.article)
    spans = annotate(article.body)
    if args.json:
        payload = {"id": article.id, "body": article.body, "spans": [span.to_dict() for span in spans]}
        print(json.dumps(payload, ensure_ascii=False, indent=2), file=ctx.stdout)
        return 0
    n_quotes = sum(1 for span in spans if span.kind == "quote")
    n_figures = len(spans) - n_quotes
    print(f"{article.id}: {n_quotes} quote(s), {n_figures} figure(s)", file=ctx.stdout)
    for span in spans:
        for line in _describe(span, article.body):
            print(strip_control(line), file=ctx.stdout)
    return 0
