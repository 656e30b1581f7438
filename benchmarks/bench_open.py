"""Opening a very long article: how long is input blocked?

    python -m benchmarks.bench_open [--mb 4.4]

Runs the app headless (``app.run_test(size=(120, 40))``) over a library of a
few short articles and one very long one (``--mb`` megabytes of generated
news paragraphs with quotes, figures and the query word throughout). A
heartbeat timer ticks every 5 ms on the app's event loop; the longest gap
between two ticks while an article opens is the longest time a key press
would have waited. Reported for the long article and, as the baseline in
the same run, a short one (~2 KB), with the time until the long article is
fully shown (every paragraph mounted, quotes and figures found).

Also times a search whose results include the long article (top 20 with
snippets), since snippet building used to be quadratic in article length.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

PARAGRAPH = (
    "Paragraph {k}: the harbour authority said \u201cfees rose {p}% this year and will rise again\u201d, "
    "while about {n} ships waited outside the port on {d} March, officials added. "
    "The council expects \u00a3{m} million of new harbour spending over {y} years."
)


def long_article(megabytes: float) -> str:
    paragraphs, size, k = [], 0, 0
    while size < megabytes * 1_000_000:
        text = PARAGRAPH.format(k=k, p=k % 40, n=k * 3, d=k % 28 + 1, m=k % 90 + 10, y=k % 9 + 2)
        paragraphs.append(text)
        size += len(text) + 2
        k += 1
    return "The very long harbour report\n\n" + "\n\n".join(paragraphs) + "\n"


def short_article(n: int) -> str:
    return (
        "\n\n".join([f"Short harbour note {n}"] + [PARAGRAPH.format(k=k, p=k, n=k, d=k + 1, m=k + 10, y=3) for k in range(8)])
        + "\n"
    )


async def measure_open(app, pilot, query: str) -> tuple[float, float]:
    """(longest event-loop gap while opening, seconds until fully shown)."""
    from reader.tui.app import ArticleView
    from tests.tui_helpers import wait_results

    app.query_one("#search").value = query
    await wait_results(pilot, query)
    ticks: list[float] = []
    timer = app.set_interval(0.005, lambda: ticks.append(time.perf_counter()))
    await pilot.pause(0.05)
    viewer = app.query_one(ArticleView)
    start = time.perf_counter()
    ticks.append(start)
    result = next(r for r in app.response.results if query in r.title.lower())
    app.call_later(app.open_result, result)
    while not (viewer.article and viewer.article.id == result.id):
        await asyncio.sleep(0.001)
    while not (viewer.settled and not any(w.is_running for w in app.workers)):
        await asyncio.sleep(0.001)
    done = time.perf_counter()
    await pilot.pause(0.05)
    timer.stop()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    return max(gaps), done - start


async def run(megabytes: float) -> None:
    from reader.config import Config
    from reader.index.search import ArticleIndex
    from reader.library import Library
    from reader.paths import get_paths
    from reader.tui.app import ReaderApp

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "news"
        folder.mkdir()
        for n in range(5):
            (folder / f"short{n}.txt").write_text(short_article(n), encoding="utf-8")
        (folder / "long.txt").write_text(long_article(megabytes), encoding="utf-8")
        paths = get_paths(root / "home")
        library = Library(paths, extra_sources=[])
        library.add([folder])
        t = time.perf_counter()
        library.update()
        print(f"indexed {megabytes} MB article + 5 short ones in {time.perf_counter() - t:.1f} s")

        index = ArticleIndex(library.store)
        for _ in range(2):
            t = time.perf_counter()
            response = index.search("harbour fees", limit=20, snippets=20)
            took = time.perf_counter() - t
        print(f"search 'harbour fees' top 20 with snippets ({response.total} results): {took * 1000:.0f} ms")
        index.close()

        app = ReaderApp(paths, Config(), show_timings=False, cursor_blink=False, library=library)
        app.animation_level = "none"
        async with app.run_test(size=(120, 40)) as pilot:
            from tests.tui_helpers import wait_results

            await wait_results(pilot, "")
            short_gap, short_done = await measure_open(app, pilot, "short harbour note 3")
            long_gap, long_done = await measure_open(app, pilot, "very long harbour report")
        print(f"{'article':<24}{'longest block':>16}{'fully shown':>14}")
        print(f"{'short (baseline)':<24}{short_gap * 1000:>13.0f} ms{short_done * 1000:>11.0f} ms")
        print(f"{f'long ({megabytes} MB)':<24}{long_gap * 1000:>13.0f} ms{long_done * 1000:>11.0f} ms")
        print(f"ratio of longest blocks: {long_gap / short_gap:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.4)
    args = parser.parse_args()
    asyncio.run(run(args.mb))


if __name__ == "__main__":
    main()
