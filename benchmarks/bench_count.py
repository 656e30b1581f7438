"""What exact result totals cost: search with the count against without it.

    python -m benchmarks.bench_count [--n 10000] [--repeat 9]

Whoosh's top-N search stops knowing how many documents matched once it
starts skipping the ones that cannot make the top N, so Reader counts the
matches itself from the posting lists: exactly while that costs at most
``COUNT_SHARE`` of the search's own time (or reads at most
``COUNT_POSTINGS`` postings), estimated from a sample beyond. This runs each query (``limit=20``, 20 snippets, as the
app does) with the count and with the count switched off, interleaved, and
prints the median of each, the overhead, and whether the total was exact.
The no-count run is the baseline of the ratio: the same search, same
process, same warm caches.
"""

from __future__ import annotations

import argparse
import statistics
import time

from benchmarks.bench_search import QUERIES
from benchmarks.corpus import prepared_library, require_bbc

# Broad queries: the ones whose count reads the most postings.
BROAD = ["said", "the", "new year", "people said", "year", "told bbc", "government", "world"]


def run(n: int, repeat: int) -> None:
    require_bbc()
    import reader.index.search as search_module
    from reader.index.search import ArticleIndex, Count

    library, _folder, _ = prepared_library(n)
    index = ArticleIndex(library.store)
    real = search_module._count
    queries = BROAD + [q for kind, q in QUERIES if kind in ("one word", "two words", "OR", "prefix")]

    def timed(q: str, counting: bool) -> tuple[float, object]:
        search_module._count = real if counting else (lambda *a, **k: Count(0, True))
        t0 = time.perf_counter()
        response = index.search(q, limit=20, snippets=20, suggest=False)
        return (time.perf_counter() - t0) * 1000, response

    print(
        f"{n} articles; exact up to COUNT_POSTINGS = {search_module.COUNT_POSTINGS:,} postings"
        f" or COUNT_SHARE = {search_module.COUNT_SHARE:.0%} of the search's time"
    )
    print(f"{'query':<24}{'total':>14}{'no count':>11}{'count':>9}{'overhead':>10}")
    overheads = []
    try:
        for q in queries:
            timed(q, True), timed(q, False)  # warm-up
            with_count, without = [], []
            response = None
            for _ in range(repeat):
                t, response = timed(q, True)
                with_count.append(t)
                without.append(timed(q, False)[0])
            a, b = statistics.median(without), statistics.median(with_count)
            overheads.append((b - a) / a)
            print(f"{q:<24}{response.total_text():>14}{a:>8.1f} ms{b:>6.1f} ms{(b - a) / a:>9.0%}")
    finally:
        search_module._count = real
        index.close()
    print(f"overhead: median {statistics.median(overheads):.0%}, max {max(overheads):.0%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_count", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args(argv)
    run(args.n, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
