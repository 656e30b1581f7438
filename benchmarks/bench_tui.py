"""TUI latency: launch to first results, and keystroke to updated results.

    python -m benchmarks.bench_tui [--runs 5] [--n 10000] [--queries 10] [--engine tantivy]
    python -m benchmarks.bench_tui --phases [--n 100000] [--engine tantivy]

Runs the app headless with Textual's Pilot (``app.run_test``), in this
process.

(a) **Launch to first painted results** on the bundled corpus (``seeds/``,
    a fresh home each time): the time from constructing ``ReaderApp`` and
    entering ``run_test()`` until ``app.response is not None`` (the first
    results have been handed to the results list), for a home with no index
    (the app builds it first) and for a home whose index is already built.
    Median of ``--runs``. Baseline, same run: a minimal ``textual.app.App``
    with one ``Static``, from construction + ``run_test()`` to its
    ``on_mount``. Also, for context, the import time of ``reader.tui.app``
    against ``textual.app`` in fresh interpreters (not part of (a): the
    in-process runs import once, up front).

(b) **Keystroke to updated results** on a generated library of ``--n``
    articles (needs ../shared/corpora/bbc; skipped with a message
    without it) with its index prebuilt, in ``run_test(size=(120, 40))``:
    queries are typed one character at a time, each key posted by the
    terminal driver as a real terminal's keys are (``pilot.press`` would
    also wait for the screen and for the process to go idle, walking every
    widget every millisecond: work a terminal does not do, competing with
    the search worker for the interpreter). Per keystroke, the time from
    the key to the **first frame composed** after the answer to the search
    box's value (white space folded, as the parser does) was handed to the
    results list: the screen as a terminal would show it. Also "press ->
    app idle": until the worker has filled in the later snippets too.
    Between keystrokes the app is left to go idle, like a typist at normal
    speed; that wait is not counted. A key typed once the last answer is on
    screen is searched at once; keys faster than the answers wait
    ``DEBOUNCE_S`` for the next one (not the case here). Baseline: the
    indexed search alone (``response.took_ms``) for the same keystrokes, so
    the ratio shows what the UI adds. ``--engine tantivy``: the library's
    index is Tantivy's (``prepared_library(n, engine=...)``, a home of its
    own), handed to the app as its ``Library``; (a) is always the default
    engine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_search import pct
from benchmarks.corpus import CorpusMissing, prepared_library, require_bbc

SIZE = (120, 40)
TYPED = [
    "government spending",
    "football world cup",
    "interest rates rise",
    "mobile phone market",
    "election campaign",
    "film awards ceremony",
    "oil prices",
    "broadband internet",
    "chelsea arsenal",
    "music industry",
]


def _new_app(paths, library=None):
    from reader.config import Config
    from reader.tui.app import ReaderApp

    app = ReaderApp(paths, Config(), show_timings=False, cursor_blink=False, library=library)
    app.animation_level = "none"
    return app


async def _until(pilot, predicate, timeout: float = 60.0, step: float = 0.001) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await pilot.pause(step)


# -- (a) launch -----------------------------------------------------------------


async def _launch_once(home: Path) -> float:
    from reader.paths import get_paths

    t0 = time.perf_counter()
    app = _new_app(get_paths(home))
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, lambda: app.response is not None)
        elapsed = time.perf_counter() - t0
        await _until(pilot, lambda: not any(w.is_running for w in app.workers), step=0.01)
    return elapsed


async def _minimal_once() -> float:
    from textual.app import App
    from textual.widgets import Static

    class Minimal(App):
        mounted_at: float | None = None

        def compose(self):
            yield Static("ready")

        def on_mount(self) -> None:
            self.mounted_at = time.perf_counter()

    t0 = time.perf_counter()
    app = Minimal()
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, lambda: app.mounted_at is not None)
        elapsed = app.mounted_at - t0
    return elapsed


def _import_time(module: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", f"import {module}"], check=True)
        best = min(best, time.perf_counter() - t0)
    return best


def run_launch(runs: int, work: Path, out=print) -> list[tuple[str, str, str, str]]:
    # Import everything once so the runs below compare like with like.
    import reader.tui.app  # noqa: F401
    from reader.library import Library
    from reader.paths import get_paths

    minimal = [asyncio.run(_minimal_once()) for _ in range(runs)]
    fresh = []
    for i in range(runs):
        home = work / f"fresh-{i}"
        shutil.rmtree(home, ignore_errors=True)
        fresh.append(asyncio.run(_launch_once(home)))
    built_home = work / "built"
    shutil.rmtree(built_home, ignore_errors=True)
    Library(get_paths(built_home), extra_sources=[]).update()
    built = [asyncio.run(_launch_once(built_home)) for _ in range(runs)]

    base = statistics.median(minimal)
    out(f"(a) launch to first painted results, bundled corpus, median of {runs} (all runs in ms):")
    for label, values in (
        ("minimal Textual app to on_mount", minimal),
        ("fresh home, no index", fresh),
        ("index already built", built),
    ):
        med = statistics.median(values)
        runs_ms = " ".join(f"{v * 1000:.0f}" for v in values)
        out(f"  {label:<34} {med * 1000:7.1f} ms  ({med / base:5.2f}x baseline)   [{runs_ms}]")
    imp_reader = _import_time("reader.tui.app")
    imp_textual = _import_time("textual.app")
    bare = _import_time("sys")
    out(
        f"  fresh interpreter + import: reader.tui.app {imp_reader * 1000:.0f} ms, textual.app {imp_textual * 1000:.0f} ms "
        f"({imp_reader / imp_textual:.2f}x), bare interpreter {bare * 1000:.0f} ms"
    )
    worst = max(statistics.median(fresh), statistics.median(built))
    if worst > 1.0:
        out(f"  NOTE: launch to first results exceeds 1 s ({worst:.2f} s)")
    return [
        ("tui launch", "baseline minimal app", f"{base * 1000:.0f} ms", "1.0x"),
        (
            "tui launch",
            "fresh home (builds index)",
            f"{statistics.median(fresh) * 1000:.0f} ms",
            f"{statistics.median(fresh) / base:.2f}x",
        ),
        ("tui launch", "index prebuilt", f"{statistics.median(built) * 1000:.0f} ms", f"{statistics.median(built) / base:.2f}x"),
    ]


# -- (b) keystrokes ---------------------------------------------------------------


class _Clock:
    """When answers arrived and frames were composed: the main screen's
    ``_show_response`` (an answer handed to the results list) and
    ``App._display``, called with each screen update once the compositor
    has rendered it (a headless app writes nothing, but renders as a
    terminal app does)."""

    def __init__(self, app) -> None:
        self.frames: list[float] = []
        self.answers: list[tuple[float, object]] = []
        display, screen = app._display, app.screen
        show = screen._show_response

        def timed_display(on, renderable) -> None:
            display(on, renderable)
            if renderable is not None:
                self.frames.append(time.perf_counter())

        def timed_show(response, *args, **kwargs) -> None:
            show(response, *args, **kwargs)
            self.answers.append((time.perf_counter(), response))

        app._display, screen._show_response = timed_display, timed_show

    def painted(self, since: float, query: str) -> float | None:
        """When the first answer to ``query`` after ``since`` was on screen
        (a word being typed that finds nothing is answered as a prefix)."""
        asked = (query, query + "*")
        at = next((t for t, response in self.answers if t >= since and response.query in asked), None)
        if at is None:
            return None
        return next((t for t in self.frames if t >= at), None)


def _send_key(app, ch: str) -> None:
    """The key as a terminal sends it: the driver posts the event to the app
    (what ``pilot.press`` does, without its waits for the screen and for the
    process to go idle, which walk every widget and would compete with the
    search worker for the interpreter)."""
    from textual import events
    from textual.keys import _character_to_key

    key = ch if ch.isalnum() else _character_to_key(ch)
    event = events.Key(key, ch)
    event.set_sender(app)
    app._driver.send_message(event)


async def _poll(predicate, timeout: float = 60.0, step: float = 0.002) -> None:
    """Wait for ``predicate`` with plain sleeps: nothing but the check runs
    on the app's thread between them."""
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(step)


def _idle(app) -> bool:
    return not any(w.is_running for w in app.workers)


async def _type_queries(library, queries: list[str], pressed: list[float] | None = None, frames: list[float] | None = None):
    """Type ``queries`` a key at a time (see (b) above); ``pressed`` and
    ``frames``, when given, get the ``time.perf_counter()`` of each press
    and of each frame composed."""
    from reader.tui.app import SearchInput

    app = _new_app(library.paths, library=library)
    latencies: list[float] = []
    idle_ms: list[float] = []
    search_ms: list[float] = []
    slowest: list[tuple[str, float]] = []
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, lambda: app.response is not None, timeout=300)
        clock = _Clock(app)
        await _until(pilot, lambda: _idle(app), timeout=300, step=0.01)
        box = app.query_one(SearchInput)
        for query in queries:
            before = app.response
            box.value = ""
            if before.query != "":
                await _until(pilot, lambda: app.response is not before and app.response.query == "")  # noqa: B023 - awaited here
            await _until(pilot, lambda: _idle(app), step=0.005)
            for ch in query:
                want = " ".join((box.value + ch).split())
                t0 = time.perf_counter()
                if pressed is not None:
                    pressed.append(t0)
                _send_key(app, ch)
                await _poll(lambda: clock.painted(t0, want) is not None)  # noqa: B023 - awaited here
                elapsed = (clock.painted(t0, want) - t0) * 1000
                await _poll(lambda: _idle(app), step=0.005)
                idle_ms.append((time.perf_counter() - t0) * 1000)
                assert " ".join(box.value.split()) == want, (box.value, want)
                latencies.append(elapsed)
                search_ms.append(app.response.took_ms)
                slowest.append((box.value, elapsed))
                # A typist's pause: let the worker fill in the remaining snippets.
                await pilot.pause(0.05)
                await _until(pilot, lambda: _idle(app), step=0.005)
            assert box.value == query, (box.value, query)
        if frames is not None:
            frames.extend(clock.frames)
    slowest.sort(key=lambda item: -item[1])
    return latencies, idle_ms, search_ms, slowest[:5]


def run_keystrokes(n: int, queries: list[str], out=print, engine: str | None = None) -> list[tuple[str, str, str, str]]:
    from reader.tui.app import DEBOUNCE_S

    require_bbc()
    t0 = time.perf_counter()
    library, folder, indexing = prepared_library(n, engine=engine)
    out(
        f"(b) keystroke to updated results: {n} generated articles in {folder} "
        f"(prepared in {time.perf_counter() - t0:.1f} s), size={SIZE}, engine {library.store.ENGINE}"
    )
    latencies, idle_ms, search_ms, slowest = asyncio.run(_type_queries(library, queries))
    p50, p95, mx = pct(latencies, 0.5), pct(latencies, 0.95), max(latencies)
    s50, s95, smx = pct(search_ms, 0.5), pct(search_ms, 0.95), max(search_ms)
    debounce = DEBOUNCE_S * 1000
    out(
        f"  {len(latencies)} keystrokes over {len(queries)} queries; a typist's pace: no settle delay "
        f"(DEBOUNCE_S = {debounce:.0f} ms is for keys faster than the answers)"
    )
    out(f"  press -> results      p50 {p50:6.1f}  p95 {p95:6.1f}  max {mx:6.1f} ms")
    out(
        f"  press -> app idle     p50 {pct(idle_ms, 0.5):6.1f}  p95 {pct(idle_ms, 0.95):6.1f}  max {max(idle_ms):6.1f} ms"
        "   (results painted and the later snippets filled in)"
    )
    out(f"  search alone (took)   p50 {s50:6.1f}  p95 {s95:6.1f}  max {smx:6.1f} ms   (baseline)")
    out(f"  ratio to search alone p50 {p50 / s50:6.2f}x p95 {p95 / s95:6.2f}x")
    out("  slowest: " + ", ".join(f"{v!r} {ms:.0f} ms" for v, ms in slowest))
    if p95 > 100:
        out(f"  NOTE: keystroke p95 exceeds 100 ms ({p95:.0f} ms)")
    name = f"tui keys {n}" if engine in (None, "whoosh") else f"tui keys {n} {engine}"
    return [
        (name, "baseline search alone p50 / p95", f"{s50:.1f} / {s95:.1f} ms", "1.0x"),
        (name, "press->results p50", f"{p50:.1f} ms", f"{p50 / s50:.2f}x"),
        (name, "press->results p95 / max", f"{p95:.1f} / {mx:.1f} ms", f"{p95 / s95:.2f}x"),
        (
            name,
            "press->app idle p50 / p95",
            f"{pct(idle_ms, 0.5):.1f} / {pct(idle_ms, 0.95):.1f} ms",
            f"{pct(idle_ms, 0.5) / s50:.2f}x / {pct(idle_ms, 0.95) / s95:.2f}x",
        ),
    ]


PHASES = (
    ("press -> search asked", "the key handled, the search box changed, the search asked for"),
    ("asked -> search starts", "the worker started (and, in a burst of keys, the settle delay slept)"),
    ("search", "the search (a second one when a word being typed finds nothing), in the worker"),
    ("search -> painting", "the answer handed to the app's thread"),
    ("results handed over", "MainScreen._show_response: the first screenful given to the results list"),
    ("frame composed", "the screen's next frame rendered with them"),
)


def run_phases(n: int, queries: list[str], out=print, engine: str | None = None) -> None:
    """Where each keystroke's time goes (``--phases``): the app's search
    path timed at five points (``MainScreen.run_search``, the worker's
    ``search_as_typed`` called and returned, ``_show_response`` before and
    after, the next frame composed), each phase's p50 and p95 over the
    keystrokes, beside press -> results.
    The wrappers add a few microseconds a call."""
    from reader.tui.screens import main as screen

    library, folder, _ = prepared_library(n, engine=engine)
    marks: list[tuple[str, float]] = []
    asked, show = screen.MainScreen.run_search, screen.MainScreen._show_response
    search = screen.search_as_typed

    def timed_asked(self, text):
        marks.append(("asked", time.perf_counter()))
        return asked(self, text)

    def timed_show(self, response, worker=None, **kwargs):
        marks.append(("paint", time.perf_counter()))
        show(self, response, worker, **kwargs)
        marks.append(("painted", time.perf_counter()))

    def timed_search(*args, **kwargs):
        # The worker's first search (and the second, when a word being typed finds nothing).
        marks.append(("search", time.perf_counter()))
        try:
            return search(*args, **kwargs)
        finally:
            marks.append(("searched", time.perf_counter()))

    pressed: list[float] = []
    frames: list[float] = []
    screen.MainScreen.run_search, screen.MainScreen._show_response = timed_asked, timed_show
    screen.search_as_typed = timed_search
    try:
        latencies, _, _, _ = asyncio.run(_type_queries(library, queries, pressed, frames))
    finally:
        screen.MainScreen.run_search, screen.MainScreen._show_response = asked, show
        screen.search_as_typed = search
    rows: list[list[float]] = []
    for t0 in pressed:
        after = {}
        for kind, at in marks:
            if at >= t0 and kind not in after:
                after[kind] = at
        points = [t0] + [after.get(kind) for kind in ("asked", "search", "searched", "paint", "painted")]
        points.append(next((t for t in frames if points[-1] is not None and t >= points[-1]), None))
        if all(point is not None for point in points):
            rows.append([(b - a) * 1000 for a, b in zip(points, points[1:])])
    out(f"(c) where a keystroke's time goes: {n} articles, engine {library.store.ENGINE}, {len(rows)} keystrokes")
    for i, (label, what) in enumerate(PHASES):
        values = [row[i] for row in rows]
        out(f"  {label:<24} p50 {pct(values, 0.5):6.1f}  p95 {pct(values, 0.95):6.1f} ms   ({what})")
    out(f"  {'press -> results':<24} p50 {pct(latencies, 0.5):6.1f}  p95 {pct(latencies, 0.95):6.1f} ms   (as in (b))")


def run(
    runs: int = 5, n: int = 10_000, queries: int = len(TYPED), out=print, engine: str | None = None
) -> list[tuple[str, str, str, str]]:
    work = Path(tempfile.mkdtemp(prefix="reader-bench-tui-"))
    try:
        rows = run_launch(runs, work, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out("")
    try:
        rows += run_keystrokes(n, TYPED[:queries], out, engine)
    except CorpusMissing as error:
        out(f"(b) skipped: {error}")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_tui", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="launches per kind (default 5)")
    parser.add_argument("--n", type=int, default=10_000, help="articles for the keystroke test (default 10000)")
    parser.add_argument("--queries", type=int, default=len(TYPED), help=f"queries to type (default {len(TYPED)})")
    parser.add_argument(
        "--engine", choices=("whoosh", "tantivy"), help="the search engine of the keystroke test's index (default whoosh)"
    )
    parser.add_argument(
        "--phases", action="store_true", help="instead: where each keystroke's time goes, phase by phase (on --n articles)"
    )
    args = parser.parse_args(argv)
    print(f"bench_tui: Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    if args.phases:
        run_phases(args.n, TYPED[: args.queries], engine=args.engine)
        return 0
    run(args.runs, args.n, args.queries, engine=args.engine)
    return 0


if __name__ == "__main__":
    sys.exit(main())
