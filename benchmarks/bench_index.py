"""Index build and update times, relative to reading and tokenising the files.

    python -m benchmarks.bench_index [--n 2225|10000] [--no-bbc] [--keep]
    python -m benchmarks.bench_index --profile 2000

Needs the BBC corpus in ../shared/corpora/bbc (exits with a message
when it is absent).

For the real BBC corpus (2,225 files; ``--n 2225``, the default) and, with
``--n N`` for any other N, also for a generated library of N articles
(:mod:`benchmarks.corpus`), it measures in a fresh Reader home:

* **full build**: ``Library.update(rebuild=True)`` over every file, in a
  fresh home: a first build, committed in batches; **first results** is
  when its first batch was committed (searchable), from the start of the
  update;
* **unchanged re-index**: ``Library.update()`` with nothing changed (a
  scan of the files' mtime and size against the manifest);
* **incremental**: ``Library.update()`` after touching 10 files (new
  mtime, same content), so those 10 are re-read and re-indexed.

Baseline, measured in the same run over the same files: read every file
from disk and split it into words with ``re.findall(r"\\w+", text)`` (best
of 3, after one warm-up pass so both sides read from the page cache).
Times are reported in seconds and as ratios to that baseline.

Beside it, in the same run over the same files:

* **SQLite FTS5**: the files read and decoded (title = first line, body =
  the rest) and inserted into ``fts5(title, body, tokenize='porter
  unicode61')`` in a file database, one transaction; its docs/s and
  Reader's docs/s as a ratio to it;
* **the command line**, each as a child process timed from start to exit
  (Python start-up and imports included): ``reader index --rebuild``
  (several processes on a multi-core machine, as users run it) with the
  peak memory of its processes (their proportional set size, which counts
  the pages a forked child shares with its parent once, sampled every
  20 ms from /proc and summed over the process tree; and the peak RSS of
  the largest single process, from ``wait4``),
  ``reader index`` with nothing changed, and ``reader index`` after one
  article's text changed (median of 3, a different file each time).
  Besides the wall time, the seconds the update itself took (as reported
  in ``--json``) are shown.

The single-process full build above also runs in a child process, so its
peak memory is measured the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.corpus import BBC, RESULTS, CorpusMissing, bbc_files, corpus_files, generate, require_bbc

_WORDS = re.compile(r"\w+")
TOUCHED = 10
EDITS = 3  # one-changed-file runs of the command line (median)
ROOT = Path(__file__).resolve().parent.parent


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


def fts5_build(files: list[Path], db: Path) -> float:
    """Seconds to read every file and build an SQLite FTS5 index of it on disk."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE articles USING fts5(title, body, tokenize='porter unicode61')")

    def rows():
        for path in files:
            text = path.read_bytes().decode("utf-8", "replace").strip()
            title, _, body = text.partition("\n")
            yield title, body

    with con:
        con.executemany("INSERT INTO articles(title, body) VALUES (?, ?)", rows())
    con.close()
    return time.perf_counter() - t0


# -- child processes: wall time and peak memory ------------------------------


def _children_of(pid: int) -> list[int]:
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for tid in tasks:
        try:
            found.extend(int(c) for c in Path(f"/proc/{pid}/task/{tid}/children").read_text().split())
        except (OSError, ValueError):
            pass
    return found


def _pss_kb(pid: int) -> int:
    """The process's proportional set size: its resident memory with pages
    shared with other processes (a forked child and its parent) divided
    among them, so that a sum over processes counts each page once; its
    RSS where the kernel does not tell."""
    for name, field in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            for line in Path(name).read_text().splitlines():
                if line.startswith(field):
                    return int(line.split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return 0


def run_child(argv: list[str]) -> dict:
    """Run ``argv``; its wall time, stdout, the peak of its process tree's
    summed memory (PSS, sampled every 20 ms) and its largest process's peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=ROOT)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.02):
                tree, todo = [], [proc.pid]
                while todo:
                    pid = todo.pop()
                    tree.append(pid)
                    todo.extend(_children_of(pid))
                peak[0] = max(peak[0], sum(_pss_kb(pid) for pid in tree))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4: the child's ru_maxrss is the largest peak of it and the
        # descendants it waited for (Linux).
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode(errors="replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{argv} failed ({proc.returncode}): {stderr[-2000:]}")
    return {"wall_s": wall, "stdout": stdout, "tree_peak_mb": peak[0] / 1024, "largest_mb": usage.ru_maxrss / 1024}


def child_build(home: Path, folder: Path, procs: int, engine: str | None = None) -> dict:
    """``Library.update(rebuild=True, procs=procs)`` in a fresh process: a
    first build, committed in batches; when each was searchable (seconds
    from the start of the update) and the segments of the index built.
    ``engine``: ``Library(engine=...)`` ("whoosh", "tantivy"); None leaves
    the choice to Reader (config, ``READER_INDEX_ENGINE``, else Whoosh)."""
    code = (
        "import json, sys, time\n"
        "from pathlib import Path\n"
        "from reader.library import Library\n"
        "from reader.paths import get_paths\n"
        "engine = sys.argv[4] or None\n"
        "library = Library(get_paths(Path(sys.argv[1])), extra_sources=[Path(sys.argv[2])], engine=engine)\n"
        "batches = []\n"
        "start = time.perf_counter()\n"
        "def committed(count, total):\n"
        "    batches.append((time.perf_counter() - start, count))\n"
        "s = library.update(rebuild=True, procs=int(sys.argv[3]), committed=committed)\n"
        "opened = library.store.open()\n"
        "if library.store.ENGINE == 'tantivy':\n"
        "    opened.reload()\n"
        "    segments = opened.searcher().num_segments\n"
        "else:\n"
        "    segments = len(opened.reader().leaf_readers())\n"
        "print(json.dumps({'seconds': s.seconds, 'added': s.added, 'skipped': len(s.skipped), "
        "'batches': batches, 'segments': segments}))\n"
    )
    result = run_child([sys.executable, "-c", code, str(home), str(folder), str(procs), engine or ""])
    result.update(json.loads(result["stdout"].strip().splitlines()[-1]))
    return result


def reader_cli(home: Path, *args: str) -> dict:
    """``reader --home HOME index ARGS --json`` in a child process."""
    result = run_child([sys.executable, "-m", "reader", "--home", str(home), "index", *args, "--json"])
    result.update(json.loads(result["stdout"]))
    return result


def measure(name: str, folder: Path, files: list[Path], work: Path) -> dict:
    """Full builds, unchanged re-index and 10-file incremental update of
    ``folder``, FTS5 over the same files, and the command line's figures."""
    from reader.corpus.sources import add_sources
    from reader.library import Library
    from reader.paths import get_paths

    base = baseline(files)
    fts5_s = fts5_build(files, work / f"fts5-{name}.db")
    home = work / f"home-{name}"
    shutil.rmtree(home, ignore_errors=True)
    full = child_build(home, folder, 1)
    library = Library(get_paths(home), extra_sources=[folder])
    unchanged = [library.update() for _ in range(3)]
    assert not any(s.changed for s in unchanged), "nothing changed, yet the update changed the index"

    step = max(1, len(files) // TOUCHED)
    touched = files[::step][:TOUCHED]
    now = time.time_ns()
    for i, path in enumerate(touched):
        os.utime(path, ns=(now + i, now + i))
    incremental = library.update()
    assert incremental.updated == len(touched), incremental.summary()

    # The command line, as a user runs it: a home that knows the folder.
    cli_home = work / f"cli-home-{name}"
    shutil.rmtree(cli_home, ignore_errors=True)
    add_sources(get_paths(cli_home), [folder])
    cli_full = reader_cli(cli_home, "--rebuild")
    cli_unchanged = [reader_cli(cli_home) for _ in range(3)]
    assert not any(r["added"] or r["updated"] or r["removed"] for r in cli_unchanged)
    edits = []
    originals: dict[Path, bytes] = {}
    try:
        for i in range(EDITS):
            path = files[(i + 1) * len(files) // (EDITS + 1)]
            originals[path] = path.read_bytes()
            path.write_bytes(originals[path] + f"\nAn added line for the benchmark, edit {i}.\n".encode())
            edits.append(reader_cli(cli_home))
            assert edits[-1]["updated"] == 1, edits[-1]
    finally:
        for path, original in originals.items():
            path.write_bytes(original)  # the library stays as generated (its index is rebuilt next run)

    unchanged_s = min(s.seconds for s in unchanged)
    return {
        "name": name,
        "files": len(files),
        "indexed": full["added"],
        "skipped": full["skipped"],
        "baseline_s": base,
        "fts5_s": fts5_s,
        "full_s": full["seconds"],
        "full_peak_mb": full["tree_peak_mb"],
        "first_s": full["batches"][0][0],
        "first_n": full["batches"][0][1],
        "batches": len(full["batches"]),
        "segments": full["segments"],
        "unchanged_s": unchanged_s,
        "incremental_s": incremental.seconds,
        "touched": len(touched),
        "cli_full_wall_s": cli_full["wall_s"],
        "cli_full_s": cli_full["seconds"],
        "cli_full_peak_mb": cli_full["tree_peak_mb"],
        "cli_full_largest_mb": cli_full["largest_mb"],
        "cli_unchanged_wall_s": min(r["wall_s"] for r in cli_unchanged),
        "cli_unchanged_s": min(r["seconds"] for r in cli_unchanged),
        "cli_one_wall_s": statistics.median(r["wall_s"] for r in edits),
        "cli_one_s": statistics.median(r["seconds"] for r in edits),
    }


def report(row: dict) -> list[str]:
    b = row["baseline_s"]
    n = row["files"]
    fts5_rate = n / row["fts5_s"]
    rate = n / row["full_s"]
    cli_rate = n / row["cli_full_s"]
    return [
        f"{row['name']}: {n} files ({row['indexed']} indexed incl. the bundled seed, {row['skipped']} skipped)",
        f"  baseline read + regex-tokenise  {b * 1000:9.1f} ms   (1.0x)",
        f"  SQLite FTS5 build               {row['fts5_s'] * 1000:9.1f} ms   ({row['fts5_s'] / b:6.1f}x baseline, "
        f"{fts5_rate:.0f} docs/s)",
        f"  full build, 1 process           {row['full_s'] * 1000:9.1f} ms   ({row['full_s'] / b:6.1f}x baseline, "
        f"{rate:.0f} docs/s = 1/{fts5_rate / rate:.1f} of FTS5; peak {row['full_peak_mb']:.0f} MB)",
        f"    first results after            {row['first_s'] * 1000:9.1f} ms   ({row['first_n']} articles searchable; "
        f"{row['batches']} batches, {row['segments']} segments)",
        f"  unchanged re-index              {row['unchanged_s'] * 1000:9.1f} ms   ({row['unchanged_s'] / b:6.2f}x baseline)",
        f"  incremental, {row['touched']} files touched   {row['incremental_s'] * 1000:9.1f} ms   "
        f"({row['incremental_s'] / b:6.2f}x baseline)",
        f"  reader index --rebuild          {row['cli_full_s'] * 1000:9.1f} ms   ({cli_rate:.0f} docs/s = 1/{fts5_rate / cli_rate:.1f} "
        f"of FTS5; wall {row['cli_full_wall_s']:.2f} s; peak {row['cli_full_peak_mb']:.0f} MB PSS summed over its processes, "
        f"largest process {row['cli_full_largest_mb']:.0f} MB)",
        f"  reader index, unchanged         {row['cli_unchanged_s'] * 1000:9.1f} ms   (wall {row['cli_unchanged_wall_s'] * 1000:.0f} ms)",
        f"  reader index, 1 file changed    {row['cli_one_s'] * 1000:9.1f} ms   (wall {row['cli_one_wall_s'] * 1000:.0f} ms)",
    ]


def summary_rows(row: dict) -> list[tuple[str, str, str, str]]:
    """(benchmark, what, measured, ratio to baseline) rows for the summary table."""
    b = row["baseline_s"]
    name = f"index {row['name']}"
    n = row["files"]
    return [
        (name, "baseline read+tokenise", f"{b * 1000:.0f} ms", "1.0x"),
        (name, "SQLite FTS5 build", f"{row['fts5_s']:.2f} s", f"{row['fts5_s'] / b:.0f}x"),
        (name, "full build", f"{row['full_s']:.2f} s", f"{row['full_s'] / b:.0f}x"),
        (name, "full build docs/s vs FTS5", f"{n / row['full_s']:.0f}/s", f"{row['fts5_s'] / row['full_s']:.3f}x"),
        (name, "first results of the build", f"{row['first_s']:.2f} s", f"{row['first_s'] / b:.1f}x"),
        (name, "unchanged re-index", f"{row['unchanged_s'] * 1000:.0f} ms", f"{row['unchanged_s'] / b:.2f}x"),
        (
            name,
            f"incremental ({row['touched']} touched)",
            f"{row['incremental_s'] * 1000:.0f} ms",
            f"{row['incremental_s'] / b:.2f}x",
        ),
        (name, "reader index, 1 changed (wall)", f"{row['cli_one_wall_s'] * 1000:.0f} ms", f"{row['cli_one_wall_s'] / b:.2f}x"),
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


def profile_build(n: int, top: int = 30) -> int:
    """cProfile ``Library.update(rebuild=True)`` (one process) over a
    generated library of ``n`` articles (kept under benchmarks/results/)."""
    import cProfile
    import pstats

    from reader.library import Library
    from reader.paths import get_paths

    try:
        folder = generate(RESULTS / "bench_index" / f"gen-{n}-s0", n)
    except CorpusMissing as error:
        print(f"skipped: {error}")
        return 0
    home = Path(tempfile.mkdtemp(prefix="reader-bench-profile-"))
    try:
        library = Library(get_paths(home), extra_sources=[folder])
        profiler = cProfile.Profile()
        profiler.enable()
        stats = library.update(rebuild=True)
        profiler.disable()
        print(f"profiled build of {n} generated articles: {stats.summary()}")
        for order in ("tottime", "cumulative"):
            pstats.Stats(profiler).sort_stats(order).print_stats(top)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_index", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--n",
        type=int,
        action="append",
        help="2225 = the BBC corpus (default); any other N also runs the BBC corpus and then a generated library of N articles",
    )
    parser.add_argument("--no-bbc", action="store_true", help="with --n: only the generated libraries")
    parser.add_argument("--keep", action="store_true", help="keep the work folder under benchmarks/results/")
    parser.add_argument(
        "--profile",
        type=int,
        metavar="N",
        help="instead: cProfile one single-process build of a generated library of N articles and print where the time went",
    )
    args = parser.parse_args(argv)
    if args.profile:
        return profile_build(args.profile)
    ns = [] if args.no_bbc and args.n else [2225]
    for n in args.n or []:
        if n not in ns:
            ns.append(n)
    if args.keep:
        work = RESULTS / "bench_index"
        work.mkdir(parents=True, exist_ok=True)
    else:
        work = Path(tempfile.mkdtemp(prefix="reader-bench-index-"))
    try:
        print(f"bench_index: Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
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
