"""Search latency on a generated library, relative to a naive substring scan.

    python -m benchmarks.bench_search [--n 10000] [--repeat 7]

Needs the BBC corpus in ../shared/corpora/bbc to generate the library
(exits with a message when it is absent). The library and its index are
kept under ``benchmarks/results/lib-N-s0`` and reused by later runs.

Each query of :data:`QUERIES` runs ``ArticleIndex.search(q, limit=50,
snippets=20)`` (what the TUI asks for) ``--repeat`` times after one
warm-up call; latencies are wall-clock milliseconds around the call, given
as p50/p95/max per kind of query and over all of them.

Baseline, in the same run: the bodies of every article held in memory as a
list of strings, and for each single-word query ``[b for b in bodies if q
in b.lower()]`` - the least a search with no index could do. The ratio is
the p50 of the indexed search to the p50 of that scan for the same words.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from benchmarks.corpus import CorpusMissing, corpus_files, prepared_library, require_bbc

# (kind, query). Typos have (almost) no hits, so they take the suggestion path.
QUERIES: list[tuple[str, str]] = [
    ("one word", "government"),
    ("one word", "election"),
    ("one word", "music"),
    ("one word", "broadband"),
    ("one word", "shares"),
    ("one word", "chelsea"),
    ("two words", "interest rates"),
    ("two words", "mobile phone"),
    ("two words", "world cup"),
    ("two words", "oil prices"),
    ("phrase", '"prime minister"'),
    ("phrase", '"chief executive"'),
    ("phrase", '"the number of people"'),
    ("OR", "chelsea OR arsenal"),
    ("OR", "film OR music OR games"),
    ("prefix", "econom*"),
    ("prefix", "tele*"),
    ("prefix", "s*"),
    ("fuzzy", "goverment~"),
    ("fuzzy", "footbal~2"),
    ("typo", "parliment"),
    ("typo", "broadbnd internet"),
    ("typo", "elecshun"),
    ("field", "title:blair"),
    ("date", "date:2004-11 election"),
    ("empty", ""),
]


def pct(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) by linear interpolation."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def stats(values: list[float]) -> tuple[float, float, float]:
    return pct(values, 0.5), pct(values, 0.95), max(values)


def scan_baseline(bodies: list[str], words: list[str], repeat: int) -> dict[str, list[float]]:
    """Milliseconds of a naive ``q in body.lower()`` scan, per word."""
    out: dict[str, list[float]] = {}
    for word in words:
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            found = [b for b in bodies if word in b.lower()]
            times.append((time.perf_counter() - t0) * 1000)
        assert found is not None
        out[word] = times
    return out


def run(n: int = 10_000, repeat: int = 7, out=print) -> list[tuple[str, str, str, str]]:
    require_bbc()
    from reader.corpus import read_article
    from reader.index.search import ArticleIndex

    t0 = time.perf_counter()
    library, folder, indexing = prepared_library(n)
    out(
        f"library: {n} generated articles in {folder} (prepared in {time.perf_counter() - t0:.1f} s, "
        f"of which index update {indexing:.1f} s)"
    )
    files = corpus_files(folder)
    bodies = [read_article(p, id=p.stem).body for p in files]

    t0 = time.perf_counter()
    index = ArticleIndex(library.store)
    opened = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    index.search("government", limit=50, snippets=20)
    first = (time.perf_counter() - t0) * 1000
    out(f"open index {opened:.1f} ms; first search (cold searcher) {first:.1f} ms")

    per_query: dict[str, list[float]] = {}
    totals: dict[str, int] = {}
    suggestions: dict[str, str | None] = {}
    with index:
        for _, q in QUERIES:
            index.search(q, limit=50, snippets=20)  # warm-up
        for _ in range(repeat):  # interleave queries so no one query enjoys a hot cache alone
            for _, q in QUERIES:
                t0 = time.perf_counter()
                response = index.search(q, limit=50, snippets=20)
                per_query.setdefault(q, []).append((time.perf_counter() - t0) * 1000)
                totals[q] = response.total
                suggestions[q] = response.suggestion

    single = [q for kind, q in QUERIES if kind == "one word"]
    scans = scan_baseline(bodies, single, repeat)

    out("")
    out(f"{'kind':<10} {'query':<26} {'hits':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  note")
    for kind, q in QUERIES:
        p50, p95, mx = stats(per_query[q])
        note = ""
        if q in scans:
            s50 = statistics.median(scans[q])
            note = f"scan {s50:.1f} ms, search/scan {p50 / s50:.2f}x"
        if suggestions[q]:
            note = f"suggests {suggestions[q]!r}"
        out(f"{kind:<10} {q!r:<26} {totals[q]:>6} {p50:8.1f} {p95:8.1f} {mx:8.1f}  {note}")

    out("")
    out(f"{'kind':<10} {'calls':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    kinds = list(dict.fromkeys(kind for kind, _ in QUERIES))
    for kind in kinds:
        values = [v for k, q in QUERIES if k == kind for v in per_query[q]]
        p50, p95, mx = stats(values)
        out(f"{kind:<10} {len(values):>6} {p50:8.1f} {p95:8.1f} {mx:8.1f}")
    everything = [v for values in per_query.values() for v in values]
    p50, p95, mx = stats(everything)
    out(f"{'all':<10} {len(everything):>6} {p50:8.1f} {p95:8.1f} {mx:8.1f}")

    word_search = [v for q in single for v in per_query[q]]
    word_scan = [v for q in single for v in scans[q]]
    w50, s50 = statistics.median(word_search), statistics.median(word_scan)
    out("")
    out(
        f"single words: indexed search p50 {w50:.1f} ms vs naive scan p50 {s50:.1f} ms "
        f"over {len(bodies)} bodies in memory: {w50 / s50:.2f}x the scan "
        f"({f'{s50 / w50:.1f}x faster' if w50 < s50 else f'{w50 / s50:.1f}x slower'})"
    )

    name = f"search {n}"
    return [
        (name, "baseline scan, 1 word p50", f"{s50:.1f} ms", "1.0x"),
        (name, "1 word p50", f"{w50:.1f} ms", f"{w50 / s50:.2f}x"),
        (
            name,
            "all queries p50 / p95",
            f"{p50:.1f} / {pct(everything, 0.95):.1f} ms",
            f"{p50 / s50:.2f}x / {pct(everything, 0.95) / s50:.2f}x",
        ),
        (name, "all queries max", f"{mx:.1f} ms", f"{mx / s50:.2f}x"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_search", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles in the generated library (default 10000)")
    parser.add_argument("--repeat", type=int, default=7, help="timed calls per query (default 7)")
    args = parser.parse_args(argv)
    print(f"bench_search: Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    try:
        run(args.n, args.repeat)
    except CorpusMissing as error:
        print(f"skipped: {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
