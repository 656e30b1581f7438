"""A search that hits one very large article.

    python -m benchmarks.bench_big_article [--mb 4.4] [--repeat 3]

Writes one generated article of ``--mb`` megabytes (80-word paragraphs
drawn from a small news vocabulary, so the query words ``interest rates``
occur throughout: about 80,000 hits in 4.4 MB) into a fresh library in a
temporary folder, indexes it, then times:

* ``ArticleIndex.search("interest rates")``: the whole search, snippet
  included (best of ``--repeat``);
* its parts on the stored body: ``hit_spans`` and ``make_snippet``.

Baseline, in the same run: ``re.findall(r"\\w+", body)`` over the same body,
the least any search that looks at the whole body could do. Needs no
corpus. Before snippet building was made linear, the same search on a 4.4
MB article took minutes (the window search compared every hit with every
other).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

WORDS = (
    "the market rose as investors weighed interest rates and the outlook for growth in europe "
    "while analysts said banks could cut lending costs next year after inflation eased"
).split()


def big_body(megabytes: float, seed: int = 0) -> str:
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    paragraphs, size = [], 0
    while size < target:
        paragraph = " ".join(rng.choice(WORDS) for _ in range(80)).capitalize() + "."
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


def best(func, repeat: int) -> tuple[float, object]:
    times, value = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        value = func()
        times.append(time.perf_counter() - t0)
    return min(times), value


def run(megabytes: float = 4.4, repeat: int = 3, out=print) -> list[tuple[str, str, str, str]]:
    from reader.index.snippets import hit_spans, make_snippet
    from reader.library import Library
    from reader.paths import get_paths

    work = Path(tempfile.mkdtemp(prefix="reader-big-"))
    try:
        folder = work / "library"
        folder.mkdir()
        body = big_body(megabytes)
        (folder / "big.txt").write_text("A very long report on interest rates\n\n" + body + "\n", encoding="utf-8")
        library = Library(get_paths(work / "home"), extra_sources=[folder])
        t0 = time.perf_counter()
        library.update(rebuild=True)
        out(f"one article of {len(body) / 1e6:.1f} MB indexed in {time.perf_counter() - t0:.1f} s")
        with library.open() as index:
            search_s, response = best(lambda: index.search("interest rates", limit=20), repeat)
            (result,) = [r for r in response.results if r.id.endswith("big")]
            stored = index.get(result.id).body
        spans_s, spans = best(lambda: hit_spans(stored, result.terms), repeat)
        snippet_s, _ = best(lambda: make_snippet(stored, spans), repeat)
        scan_s, _ = best(lambda: re.findall(r"\w+", stored), repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out(f"hits in the body: {len(spans):,}")
    out(f"baseline re.findall(r'\\w+') over the body: {scan_s * 1000:.0f} ms")
    out(f"search 'interest rates' (snippet included): {search_s * 1000:.0f} ms ({search_s / scan_s:.1f}x the scan)")
    out(
        f"  hit_spans: {spans_s * 1000:.0f} ms ({spans_s / scan_s:.1f}x); make_snippet: {snippet_s * 1000:.0f} ms "
        f"({snippet_s / scan_s:.2f}x)"
    )
    name = f"big article {megabytes:g} MB"
    return [
        (name, "baseline re.findall over body", f"{scan_s * 1000:.0f} ms", "1.0x"),
        (name, "search incl. snippet", f"{search_s * 1000:.0f} ms", f"{search_s / scan_s:.1f}x"),
        (name, "hit_spans", f"{spans_s * 1000:.0f} ms", f"{spans_s / scan_s:.1f}x"),
        (name, "make_snippet", f"{snippet_s * 1000:.0f} ms", f"{snippet_s / scan_s:.2f}x"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_big_article", description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=4.4, help="size of the article in megabytes (default 4.4)")
    parser.add_argument("--repeat", type=int, default=3, help="timed calls of each step (default 3)")
    args = parser.parse_args(argv)
    print(f"bench_big_article: Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    run(args.mb, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
