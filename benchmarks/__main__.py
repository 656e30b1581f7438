"""Run every Reader benchmark in turn and print one summary table.

    python -m benchmarks            # about 5 minutes on 2 cores (first run; later runs reuse the library)
    python -m benchmarks --quick    # about 1 minute
    python -m benchmarks --n 10000  # search and TUI keystrokes on 10,000 articles
    python -m benchmarks --size 10000 [--json FILE]  # Reader and SQLite FTS5 side by side

Without ``--size``, the run below; with it, :mod:`benchmarks.side_by_side`
instead (index, search, TUI and command-line figures of Reader beside FTS5
on one generated library of that size).

Default sizes: index build on the BBC corpus (2,225 files); search and
keystrokes on a generated library of 5,000 articles (``--quick``: index,
search and keystrokes on a generated 1,000). Generated libraries and their
indexes are kept under ``benchmarks/results/`` (git-ignored) and reused.
Benchmarks that need ../shared/corpora/bbc say so and are skipped when
it is absent. Every figure comes with its ratio to a baseline measured in
the same run (see each module's docstring).

Not run here: ``benchmarks.bench_annotate`` (run it on its own).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import bench_index, bench_search, bench_tui
from benchmarks.corpus import CorpusMissing


def _table(rows: list[tuple[str, str, str, str]]) -> str:
    header = ("benchmark", "measure", "time", "vs baseline")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths)), line]
    for row in rows:
        out.append("  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, about 1 minute")
    parser.add_argument("--n", type=int, help="articles for the search and keystroke benchmarks")
    parser.add_argument("--size", type=int, help="instead: Reader and SQLite FTS5 side by side on a generated library of SIZE")
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="with --size: also write the figures to FILE as one JSON object"
    )
    parser.add_argument("--per-kind", type=int, default=26, help="with --size: queries of each kind (default 26, 8 kinds)")
    parser.add_argument("--typed", type=int, default=5, help="with --size: queries typed for the keystroke figure (default 5)")
    args = parser.parse_args(argv)
    if args.size is not None:
        from benchmarks import side_by_side

        try:
            return side_by_side.main(args.size, args.json, args.per_kind, args.typed)
        except CorpusMissing as error:
            print(f"skipped: {error}")
            return 0
    if args.json is not None:
        parser.error("--json needs --size")
    if args.quick:
        index_ns, n, repeat, runs, queries = [1000], args.n or 1000, 3, 3, 8
    else:
        index_ns, n, repeat, runs, queries = [2225], args.n or 5000, 5, 5, 10

    print(f"Reader benchmarks: Python {sys.version.split()[0]}, {os.cpu_count()} cores{', quick' if args.quick else ''}")
    rows: list[tuple[str, str, str, str]] = []
    started = time.perf_counter()

    def section(title: str, func) -> None:
        print(f"\n== {title} ==")
        t0 = time.perf_counter()
        try:
            rows.extend(func())
        except CorpusMissing as error:
            print(f"skipped: {error}")
            rows.append((title, "skipped", "-", "-"))
        print(f"({time.perf_counter() - t0:.0f} s)")

    work = Path(tempfile.mkdtemp(prefix="reader-bench-"))
    try:
        section("index", lambda: bench_index.run(index_ns, work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    section("search", lambda: bench_search.run(n, repeat))
    section("tui", lambda: bench_tui.run(runs, n, queries))

    print(f"\n== summary ({time.perf_counter() - started:.0f} s in all) ==")
    print(_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
