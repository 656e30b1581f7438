"""Index build and update times, relative to reading and tokenising the files.

    python -m benchmarks.bench_index [--n 2225|10000] [--keep]

Needs the BBC corpus in ../shared/corpora/bbc (exits with a message
when it is absent).

For the real BBC corpus (2,225 files; ``--n 2225``, the default) and, with
``--n N`` for any other N, also for a generated library of N articles
(:mod:`benchmarks.corpus`), it measures in a fresh Reader home:

* **full build**: ``Library.update(rebuild=True)`` over every file;
* **unchanged re-index**: ``Library.update()`` with nothing changed (a
  scan of the files' mtime and size against the manifest);
* **incremental**: ``Library.update()`` after touching 10 files (new
  mtime, same content), so those 10 are re-read and re-indexed.

Baseline, measured in the same run over the same files: read every file
from disk and split it into words with ``re.findall(r"\\w+", text)`` (best
of 3, after one warm-up pass so both sides read from the page cache).
Times are reported in seconds and as ratios to that baseline.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import BBC, RESULTS, CorpusMissing, bbc_files, corpus_files, generate, require_bbc

_WORDS = re.compile(r"\w+")
TOUCHED = 10


def baseline_pass(files: list[Path]) -> float:
    """Seconds to read and regex-tokenise every file once."""
    t0 = time.perf_counter()
    words = 0
    for path in files:
        words += len(_WORDS.findall(path.read_bytes().decode("utf-8", "replace")))
    elapsed = time.perf_counter() - t0
    assert words > 0
    return elapsed


def baseline(files: list[Path], repeat: int = 3) -> float:
    baseline_pass(files)  # warm the page cache
    return min(baseline_pass(files) for _ in range(repeat))


def measure(name: str, folder: Path, files: list[Path], work: Path) -> dict:
    """Full build, unchanged re-index and 10-file incremental update of ``folder``."""
    from reader.library import Library
    from reader.paths import get_paths

    base = baseline(files)
    home = work / f"home-{name}"
    shutil.rmtree(home, ignore_errors=True)
    library = Library(get_paths(home), extra_sources=[folder])

    full = library.update(rebuild=True)
    unchanged = [library.update() for _ in range(3)]
    assert not any(s.changed for s in unchanged), "nothing changed, yet the update changed the index"

    step = max(1, len(files) // TOUCHED)
    touched = files[::step][:TOUCHED]
    now = time.time_ns()
    for i, path in enumerate(touched):
        os.utime(path, ns=(now + i, now + i))
    incremental = library.update()
    assert incremental.updated == len(touched), incremental.summary()

    unchanged_s = min(s.seconds for s in unchanged)
    return {
        "name": name,
        "files": len(files),
        "indexed": full.added,
        "skipped": len(full.skipped),
        "baseline_s": base,
        "full_s": full.seconds,
        "unchanged_s": unchanged_s,
        "incremental_s": incremental.seconds,
        "touched": len(touched),
    }


def report(row: dict) -> list[str]:
    b = row["baseline_s"]
    return [
        f"{row['name']}: {row['files']} files ({row['indexed']} indexed incl. the bundled seed, {row['skipped']} skipped)",
        f"  baseline read + regex-tokenise  {b * 1000:9.1f} ms   (1.0x)",
        f"  full build                      {row['full_s'] * 1000:9.1f} ms   ({row['full_s'] / b:6.1f}x baseline, "
        f"{row['files'] / row['full_s']:.0f} files/s)",
        f"  unchanged re-index              {row['unchanged_s'] * 1000:9.1f} ms   ({row['unchanged_s'] / b:6.2f}x baseline)",
        f"  incremental, {row['touched']} files touched     {row['incremental_s'] * 1000:9.1f} ms   "
        f"({row['incremental_s'] / b:6.2f}x baseline)",
    ]


def summary_rows(row: dict) -> list[tuple[str, str, str]]:
    """(benchmark, what, measured, ratio to baseline) rows for the summary table."""
    b = row["baseline_s"]
    name = f"index {row['name']}"
    return [
        (name, "baseline read+tokenise", f"{b * 1000:.0f} ms", "1.0x"),
        (name, "full build", f"{row['full_s']:.2f} s", f"{row['full_s'] / b:.0f}x"),
        (name, "unchanged re-index", f"{row['unchanged_s'] * 1000:.0f} ms", f"{row['unchanged_s'] / b:.2f}x"),
        (
            name,
            f"incremental ({row['touched']} touched)",
            f"{row['incremental_s'] * 1000:.0f} ms",
            f"{row['incremental_s'] / b:.2f}x",
        ),
    ]


def run(ns: list[int], work: Path, seed: int = 0, out=print) -> list[tuple[str, str, str, str]]:
    require_bbc()
    rows = []
    for n in ns:
        if n == 2225:
            # The incremental step touches files: work on a copy, never on the shared corpus.
            copy = work / "bbc"
            if not (copy / "tech").is_dir():
                shutil.copytree(BBC, copy)
            files = sorted(copy.glob("*/*.txt"))
            assert len(files) == len(bbc_files())
            row = measure("bbc-2225", copy, files, work)
        else:
            folder = generate(work / f"gen-{n}-s{seed}", n, seed)
            row = measure(f"generated-{n}", folder, corpus_files(folder), work)
        for line in report(row):
            out(line)
        rows.extend(summary_rows(row))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_index", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--n",
        type=int,
        action="append",
        help="2225 = the BBC corpus (default); any other N also runs the BBC corpus and then a generated library of N articles",
    )
    parser.add_argument("--keep", action="store_true", help="keep the work folder under benchmarks/results/")
    args = parser.parse_args(argv)
    ns = [2225]
    for n in args.n or []:
        if n not in ns:
            ns.append(n)
    if args.keep:
        work = RESULTS / "bench_index"
        work.mkdir(parents=True, exist_ok=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="reader-bench-index-"))
    try:
        print(f"bench_index: Python {sys.version.split()[0]}, {os.cpu_count()} cores")
        run(ns, work)
    except CorpusMissing as error:
        print(f"skipped: {error}")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
