"""Building a ReaderApp over a small fixed library for Pilot and snapshot tests."""

from __future__ import annotations

import asyncio
from pathlib import Path

from reader.config import Config
from reader.library import Library
from reader.paths import get_paths
from tests.helpers import ARTICLES, write_library

INJECTION = (
    "Markup [bold]injection[/bold] test\n\n"
    "This body has [red]fake markup[/red] and an \x1b[31mescape\x1b[0m sequence, "
    "plus a link [link=http://example.com]click[/link].\n"
)


def make_app(root: Path, *, index: bool = True, articles: dict[str, str] | None = None, config: Config | None = None):
    """A ReaderApp whose home and library live under ``root``."""
    from reader.tui.app import ReaderApp

    folder = write_library(root, articles or {**ARTICLES, "zinject.txt": INJECTION})
    paths = get_paths(root / "home")
    library = Library(paths, extra_sources=[])
    library.add([folder])
    if index:
        library.update()
    app = ReaderApp(paths, config or Config(), show_timings=False, cursor_blink=False, library=library)
    app.animation_level = "none"
    return app


async def wait_for(pilot, predicate, timeout: float = 10.0) -> None:
    """Let the app run until ``predicate()`` holds (workers finish, screens paint)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.02)
    await pilot.pause()


async def wait_results(pilot, query: str | None = None) -> None:
    app = pilot.app
    await wait_for(pilot, lambda: app.response is not None and (query is None or app.response.query == query))
    await wait_for(pilot, lambda: not any(w.is_running for w in app.workers if w.group == "search"))
