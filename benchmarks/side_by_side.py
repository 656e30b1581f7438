"""Reader (both engines: Whoosh and Tantivy) and SQLite FTS5 side by side
on one generated library.

    python -m benchmarks --size 10000 [--json FILE] [--per-kind 26] [--typed 5]

Over the same generated library (:func:`benchmarks.corpus.generate`, kept
under ``benchmarks/results/lib-N-s0``), in one process, one system after
the other. Reader is measured twice, with each of its search engines
(``Library(..., engine="whoosh")`` and ``engine="tantivy"``, each in a temp
home of its own); when the ``tantivy`` package is not installed its
figures are "n/a (tantivy not installed)" and the run goes on.

* **build**: Reader's ``Library.update(rebuild=True)`` in a fresh temp home,
  one process, in a child process (``bench_index.child_build``: its peak
  memory is the PSS of the process, sampled every 20 ms); Whoosh first,
  then FTS5: ``bench_index.fts5_build`` (read and insert every file into a
  file database, one transaction) in a child process, measured the same
  way; then Tantivy as ``reader index --rebuild`` runs it
  (``min(4, cores)`` processes: the others read and parse the articles
  while the first hands them to Tantivy, whose writer runs its own
  indexing threads). ``index_mb`` is the size on disk of Reader's index
  folder and of the FTS5 database file.
* **reindex_one_s**: one article's text changed (a line appended), then
  ``Library.update()`` (the file is restored afterwards);
  **unchanged_scan_s**: ``Library.update()`` with nothing changed (best of
  3). The same file for both engines. FTS5 has no notion of either: null.
* **search**: :func:`draw_queries` draws ``--per-kind`` queries of each
  kind from the library's own vocabulary (seeded): common term, rare term,
  two terms, three terms, phrase, prefix, fuzzy, date-filtered. Reader runs
  each as the TUI does, ``index.search(q, limit=20, snippets=20)``, with
  either engine; FTS5 runs them on ``eval_search.Fts5`` (in memory, the
  same parsed titles and bodies, ``bm25(t, TITLE_BOOST, 1.0)``) with
  ``snippet()`` for each of the 20 results. Several words are ORed for FTS5
  (Reader's plain words match loosely: all of them first, then some); a
  date filter is a join with a table of the articles' dates; fuzzy queries
  have no FTS5 counterpart (n/a). One warm-up call per system, then each
  query once: Whoosh, then FTS5, then Tantivy.
* **tui**: on the same library and each engine's index, ``ReaderApp``
  (given the engine's ``Library``) from construction to the first results
  (median of 3), and ``bench_tui``'s keystroke to results over ``--typed``
  of its typed queries (p95).
* **cli**: ``reader --help`` and ``reader search <word>`` as subprocesses
  (median of 5 wall times each, Python start-up included), the search
  once per engine's home (``READER_INDEX_ENGINE`` set for it).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.bench_index import child_build, run_child
from benchmarks.bench_search import pct
from benchmarks.corpus import RESULTS, corpus_files, generate, require_bbc
from benchmarks.eval_search import Fts5

TANTIVY_MISSING = "n/a (tantivy not installed)"
KINDS = ("common term", "rare term", "two terms", "three terms", "phrase", "prefix", "fuzzy", "date-filtered")
LIMIT = 20
_WORD = re.compile(r"[^\W\d_]+")
# Words too common to say anything about a search (Reader leaves some out; FTS5 does not).
STOP = frozenset(
    "the a an and or not of to in on at for by with from as is are was were be been has have had it its this that "
    "these those he she they we you i his her their our but if so than then there which who whom what when where why "
    "how will would can could should may might also into over after before about up out more most no yes all any "
    "some said mr mrs ms".split()
)


@dataclass(frozen=True)
class Query:
    kind: str
    reader: str  # as typed in Reader
    fts5: str | None  # the FTS5 MATCH expression; None: no counterpart
    month: str | None = None  # date-filtered: YYYY-MM the FTS5 side filters on


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _typo(word: str, rng: random.Random) -> str:
    """``word`` with one inner letter dropped (one edit away, within ``~``'s reach)."""
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :]


def draw_queries(docs: Sequence[tuple[str, str, str | None]], per_kind: int, seed: int = 0) -> list[Query]:
    """``per_kind`` queries of each of :data:`KINDS` from the vocabulary of
    ``docs`` ((title, body, ISO date or None) each), deterministic in
    ``(docs, per_kind, seed)``. Words are letters only, three or more of
    them, not in :data:`STOP`. Common terms are drawn from the 100 words
    in most documents; rare terms from those in 2-5 documents; the words
    of two- and three-term queries from the 2,000 most widespread; a phrase
    is two neighbouring words of a random document; a prefix is the first
    four letters of a word of seven or more, ``*``; fuzzy such a word with
    one inner letter dropped, ``~``; date-filtered a common term within a month some dated
    article has."""
    df: Counter[str] = Counter()
    for title, body, _ in docs:
        df.update({w for w in _words(title + " " + body) if len(w) >= 3 and w not in STOP})
    ranked = [w for w, _ in sorted(df.items(), key=lambda item: (-item[1], item[0]))]
    if len(ranked) < 10:
        raise ValueError("the library has too few distinct words to draw queries from")
    common = ranked[:100]
    rare = [w for w in ranked if 2 <= df[w] <= 5] or ranked[-100:]
    broad = ranked[:2000]
    long_words = [w for w in broad if len(w) >= 7] or broad
    months = sorted({d[:7] for _, _, d in docs if d})
    rng = random.Random(seed)
    out: list[Query] = []
    for _ in range(per_kind):
        word = rng.choice(common)
        out.append(Query("common term", word, _quoted(word)))
        word = rng.choice(rare)
        out.append(Query("rare term", word, _quoted(word)))
        for kind, k in (("two terms", 2), ("three terms", 3)):
            words = rng.sample(broad, k)
            out.append(Query(kind, " ".join(words), " OR ".join(_quoted(w) for w in words)))
        while True:
            _, body, _ = docs[rng.randrange(len(docs))]
            words = [w for w in _words(body) if len(w) >= 3]
            pairs = [(a, b) for a, b in zip(words, words[1:]) if a not in STOP and b not in STOP]
            if pairs:
                a, b = rng.choice(pairs)
                out.append(Query("phrase", f'"{a} {b}"', f'"{a} {b}"'))
                break
        stem = rng.choice(long_words)[:4]
        out.append(Query("prefix", f"{stem}*", f"{_quoted(stem)}*"))
        word = rng.choice(long_words)
        out.append(Query("fuzzy", f"{_typo(word, rng)}~", None))
        word = rng.choice(common)
        if months:
            month = rng.choice(months)
            out.append(Query("date-filtered", f"date:{month} {word}", _quoted(word), month))
        else:
            out.append(Query("date-filtered", f"date:2004 {word}", None))
    return out


class Fts5Dated(Fts5):
    """``eval_search.Fts5`` with a table of the articles' dates beside it
    and a search that returns ``snippet()`` for each result."""

    def __init__(self, docs: Sequence[tuple[str, str, str, str | None]], title_weight: float) -> None:
        super().__init__([(doc_id, title, body) for doc_id, title, body, _ in docs], title_weight)
        self.db.execute("CREATE TABLE dates(id INTEGER PRIMARY KEY, date TEXT)")
        self.db.execute("CREATE INDEX dates_date ON dates(date)")
        self.db.executemany(
            "INSERT INTO dates(id, date) VALUES (?, ?)", [(i + 1, date) for i, (_, _, _, date) in enumerate(docs) if date]
        )

    def search_snippets(self, expression: str, month: str | None = None, limit: int = LIMIT) -> list[tuple[int, str]]:
        rank = f"bm25(t, {self.title_weight!r}, 1.0)"
        snippet = "snippet(t, -1, '[', ']', '…', 16)"
        if month is None:
            sql = f"SELECT rowid, {snippet} FROM t WHERE t MATCH ? ORDER BY {rank} LIMIT ?"
            args: tuple[Any, ...] = (expression, limit)
        else:
            sql = (
                f"SELECT t.rowid, {snippet} FROM t JOIN dates ON dates.id = t.rowid "
                f"WHERE t MATCH ? AND dates.date >= ? AND dates.date < ? ORDER BY {rank} LIMIT ?"
            )
            args = (expression, month, month + "~", limit)
        return self.db.execute(sql, args).fetchall()


# -- measuring -----------------------------------------------------------------


def _dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def _fts5_child_build(folder: Path, db: Path) -> dict:
    code = (
        "import sys, json\n"
        "from pathlib import Path\n"
        "from benchmarks.bench_index import fts5_build\n"
        "from benchmarks.corpus import corpus_files\n"
        "print(json.dumps({'seconds': fts5_build(corpus_files(Path(sys.argv[1])), Path(sys.argv[2]))}))\n"
    )
    result = run_child([sys.executable, "-c", code, str(folder), str(db)])
    result.update(json.loads(result["stdout"].strip().splitlines()[-1]))
    return result


def _timed(func) -> float:
    t0 = time.perf_counter()
    func()
    return time.perf_counter() - t0


def _reader_command() -> list[str]:
    script = Path(sys.executable).parent / "reader"
    return [str(script)] if script.exists() else [sys.executable, "-m", "reader"]


def _cli_ms(argv: list[str], runs: int = 5, engine: str | None = None) -> float:
    """Median wall milliseconds of ``argv`` (``engine``: set as READER_INDEX_ENGINE for it)."""
    from reader.index.engines import ENVIRONMENT

    env = None if engine is None else {**os.environ, ENVIRONMENT: engine}
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


async def _first_paint(library) -> float:
    from benchmarks.bench_tui import SIZE, _new_app, _until

    t0 = time.perf_counter()
    app = _new_app(library.paths, library=library)
    async with app.run_test(size=SIZE) as pilot:
        await _until(pilot, lambda: app.response is not None, timeout=300)
        elapsed = time.perf_counter() - t0
        await _until(pilot, lambda: not any(w.is_running for w in app.workers), timeout=300, step=0.01)
    return elapsed * 1000


def _time_queries(run, queries: Sequence[Query]) -> dict[str, list[float]]:
    """kind -> milliseconds of ``run(query)`` per query (None: not applicable)."""
    by_kind: dict[str, list[float]] = {}
    for q in queries:
        t0 = time.perf_counter()
        if run(q) is None:
            continue
        by_kind.setdefault(q.kind, []).append((time.perf_counter() - t0) * 1000)
    return by_kind


def _summary(by_kind: dict[str, list[float]]) -> dict[str, Any]:
    every = [ms for values in by_kind.values() for ms in values]
    # The queries FTS5 also runs (it has no fuzzy search): the like-for-like p95.
    shared = [ms for kind, values in by_kind.items() if kind != "fuzzy" for ms in values]
    return {
        "search_p50_ms": round(pct(every, 0.5), 2),
        "search_p95_ms": round(pct(every, 0.95), 2),
        "search_p95_without_fuzzy_ms": round(pct(shared, 0.95), 2) if shared else None,
        "search_p95_by_kind": {k: (round(pct(by_kind[k], 0.95), 2) if k in by_kind else None) for k in KINDS},
        "_p50_by_kind": {k: pct(by_kind[k], 0.5) for k in by_kind},
        "_calls": {k: len(v) for k, v in by_kind.items()},
        "_all_calls": len(every),
    }


def tantivy_missing() -> str | None:
    """None when the Tantivy engine can run here, else what its rows say."""
    from reader.index.tantivy_engine import available

    return None if available() else TANTIVY_MISSING


def _update_figures(library, edited: Path) -> tuple[float, float]:
    """(nothing changed, one file changed) in seconds for ``library``: the
    best of 3 ``library.update()`` with nothing changed; then a line
    appended to ``edited`` and ``library.update()`` timed (it must update
    that one article). The file is restored and the index brought back in
    line (untimed)."""
    unchanged = min(_timed(library.update) for _ in range(3))
    original = edited.read_bytes()
    try:
        edited.write_bytes(original + b"\nA line added for the benchmark.\n")
        stats = None

        def one() -> None:
            nonlocal stats
            stats = library.update()

        reindex_one = _timed(one)
        assert stats is not None and stats.updated == 1, stats
    finally:
        edited.write_bytes(original)
    library.update()
    return unchanged, reindex_one


def _side(files: int, build: dict, by_kind: dict[str, list[float]], updates: tuple[float, float], index_mb: float) -> dict:
    """The figures of one Reader engine."""
    unchanged, reindex_one = updates
    return {
        "index_docs_per_s": round(files / build["seconds"], 1),
        "index_build_s": round(build["seconds"], 2),
        **_summary(by_kind),
        "reindex_one_s": round(reindex_one, 4),
        "unchanged_scan_s": round(unchanged, 4),
        "peak_rss_mb": round(build["tree_peak_mb"], 1),
        "index_mb": round(index_mb, 1),
    }


def _search_ms(library, queries: Sequence[Query]) -> dict[str, list[float]]:
    """kind -> milliseconds of ``index.search(q, limit=20, snippets=20)`` per
    query, after one warm-up call, on ``library``'s index."""
    index = library.open()
    try:
        index.search(queries[0].reader, limit=LIMIT, snippets=LIMIT)  # warm-up
        return _time_queries(lambda q: index.search(q.reader, limit=LIMIT, snippets=LIMIT), queries)
    finally:
        index.close()


def _tui(library, typed: int) -> dict[str, Any]:
    """First paint (median of 3) and keystroke -> results p95 of the app on ``library``."""
    from benchmarks.bench_tui import TYPED, _type_queries

    paints = [asyncio.run(_first_paint(library)) for _ in range(3)]
    latencies, _, _, _ = asyncio.run(_type_queries(library, TYPED[:typed]))
    return {
        "first_paint_ms": round(statistics.median(paints), 1),
        "keystroke_to_results_p95_ms": round(pct(latencies, 0.95), 1),
        "_keystrokes": len(latencies),
    }


def run(size: int, per_kind: int = 26, typed: int = 5, seed: int = 0, out=print) -> dict[str, Any]:
    """Every figure of the side-by-side run; the JSON object (keys starting
    with ``_`` are for the table only and dropped from the JSON). Whoosh's
    figures are under ``reader``, Tantivy's under ``tantivy`` (None when it
    is not installed: ``tantivy_missing`` says so)."""
    from reader.corpus import read_article
    from reader.corpus.sources import add_sources
    from reader.index.schema import TITLE_BOOST
    from reader.library import Library
    from reader.paths import get_paths

    require_bbc()
    missing = tantivy_missing()
    t0 = time.perf_counter()
    folder = generate(RESULTS / f"lib-{size}-s{seed}", size, seed)
    files = corpus_files(folder)
    out(f"library: {len(files)} articles in {folder} ({time.perf_counter() - t0:.1f} s to prepare)")
    work = Path(tempfile.mkdtemp(prefix="reader-side-by-side-"))
    try:
        home = work / "home"
        out("whoosh: full build, one process (child process)…")
        build = child_build(home, folder, 1, "whoosh")
        out(f"  {build['seconds']:.1f} s, peak {build['tree_peak_mb']:.0f} MB")
        out("fts5: full build to a file database (child process)…")
        db = work / "fts5.db"
        fts_build = _fts5_child_build(folder, db)
        out(f"  {fts_build['seconds']:.1f} s, peak {fts_build['tree_peak_mb']:.0f} MB")

        edited = files[len(files) // 2]
        library = Library(get_paths(home), extra_sources=[folder], engine="whoosh")
        updates = _update_figures(library, edited)

        thome = work / "home-tantivy"
        tlibrary = None
        if missing is None:
            procs = min(4, os.cpu_count() or 1)  # as 'reader index --rebuild' runs it
            out(f"tantivy: full build as 'reader index --rebuild' runs it, {procs} processes (child process)…")
            tbuild = child_build(thome, folder, procs, "tantivy")
            out(f"  {tbuild['seconds']:.1f} s, peak {tbuild['tree_peak_mb']:.0f} MB")
            tlibrary = Library(get_paths(thome), extra_sources=[folder], engine="tantivy")
            tupdates = _update_figures(tlibrary, edited)
            library.update()  # the edit changed the file's mtime: Whoosh's manifest back in line (untimed)
        else:
            out(f"tantivy: {missing}")

        docs = []
        for i, path in enumerate(files):
            article = read_article(path, id=str(i))
            docs.append((str(i), article.title, article.body, article.date.isoformat() if article.date else None))
        queries = draw_queries([(t, b, d) for _, t, b, d in docs], per_kind, seed)
        fts = Fts5Dated(docs, TITLE_BOOST)
        out(f"searching: {len(queries)} queries, {per_kind} of each kind; Whoosh first, then FTS5, then Tantivy")
        reader_ms = _search_ms(library, queries)
        fts.search_snippets(queries[0].fts5 or '"the"')
        fts_ms = _time_queries(lambda q: None if q.fts5 is None else fts.search_snippets(q.fts5, q.month), queries)
        tantivy_ms = _search_ms(tlibrary, queries) if tlibrary is not None else None

        out("tui: first paint and keystrokes on the same library (Whoosh, then Tantivy)…")
        tui = _tui(library, typed)
        tui["tantivy"] = _tui(tlibrary, typed) if tlibrary is not None else None

        add_sources(get_paths(home), [folder])  # the command line finds the library through the home
        word = queries[0].reader
        cli_help = _cli_ms([*_reader_command(), "--help"])
        cli_search = _cli_ms([*_reader_command(), "--home", str(home), "search", word], engine="whoosh")
        cli_tantivy = None
        if tlibrary is not None:
            add_sources(get_paths(thome), [folder])
            cli_tantivy = _cli_ms([*_reader_command(), "--home", str(thome), "search", word], engine="tantivy")

        reader_side = _side(len(files), build, reader_ms, updates, _dir_mb(home / "index"))
        tantivy_side = None
        if tlibrary is not None and tantivy_ms is not None:
            tantivy_side = _side(len(files), tbuild, tantivy_ms, tupdates, _dir_mb(thome / "index"))
        fts_side = {
            "index_docs_per_s": round(len(files) / fts_build["seconds"], 1),
            "index_build_s": round(fts_build["seconds"], 2),
            **_summary(fts_ms),
            "reindex_one_s": None,
            "unchanged_scan_s": None,
            "peak_rss_mb": round(fts_build["tree_peak_mb"], 1),
            "index_mb": round(db.stat().st_size / 1e6, 1),
        }
        return {
            "size": size,
            "reader": reader_side,
            "tantivy": tantivy_side,
            "tantivy_missing": missing,
            "fts5": fts_side,
            "tui": tui,
            "cli": {
                "help_ms": round(cli_help, 1),
                "search_ms": round(cli_search, 1),
                "tantivy_search_ms": round(cli_tantivy, 1) if cli_tantivy is not None else None,
                "_word": word,
            },
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def public(result: dict[str, Any]) -> dict[str, Any]:
    """``result`` without the keys that start with ``_``."""
    return {k: public(v) if isinstance(v, dict) else v for k, v in result.items() if not k.startswith("_")}


def _fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "n/a"
    return f"{value:,.1f}{unit}" if value < 100 else f"{value:,.0f}{unit}"


def _cell(value: float | None, unit: str) -> str:
    if value is None:
        return "n/a"
    return f"{value:.3f}" if unit == "s" else _fmt(value)


def _ratio(a: float | None, b: float | None) -> str:
    return "n/a" if a is None or b is None or b == 0 else f"{a / b:.2f}x"


def table(result: dict[str, Any]) -> str:
    """The run as text: search per kind, index figures, TUI and command
    line, Whoosh and Tantivy beside FTS5."""
    r, f = result["reader"], result["fts5"]
    tv: dict[str, Any] | None = result.get("tantivy")
    missing = result.get("tantivy_missing") or TANTIVY_MISSING

    def tcol(key: str) -> Any:
        return None if tv is None else tv[key]

    lines = [
        f"{result['size']} articles",
        "",
        f"{'search (ms)':<16}{'n':>5}  {'Whoosh p50':>10} {'p95':>7}  {'Tantivy p50':>11} {'p95':>7}  {'FTS5 p50':>9} {'p95':>7}",
    ]
    for kind in KINDS:
        fp50 = f["_p50_by_kind"].get(kind)
        tp50 = None if tv is None else tv["_p50_by_kind"].get(kind)
        tp95 = None if tv is None else tv["search_p95_by_kind"][kind]
        lines.append(
            f"{kind:<16}{r['_calls'].get(kind, 0):>5}  {_fmt(r['_p50_by_kind'].get(kind)):>10} "
            f"{_fmt(r['search_p95_by_kind'][kind]):>7}  {_fmt(tp50):>11} {_fmt(tp95):>7}  "
            f"{_fmt(fp50):>9} {_fmt(f['search_p95_by_kind'][kind]):>7}"
        )
    lines.append(
        f"{'all':<16}{r['_all_calls']:>5}  {_fmt(r['search_p50_ms']):>10} {_fmt(r['search_p95_ms']):>7}  "
        f"{_fmt(tcol('search_p50_ms')):>11} {_fmt(tcol('search_p95_ms')):>7}  "
        f"{_fmt(f['search_p50_ms']):>9} {_fmt(f['search_p95_ms']):>7}   (FTS5: {f['_all_calls']} queries, no fuzzy)"
    )
    lines.append(
        f"{'all but fuzzy':<16}{r['_all_calls'] - r['_calls'].get('fuzzy', 0):>5}  {'':>10} "
        f"{_fmt(r['search_p95_without_fuzzy_ms']):>7}  {'':>11} {_fmt(tcol('search_p95_without_fuzzy_ms')):>7}  "
        f"{'':>9} {_fmt(f['search_p95_ms']):>7}   (the queries FTS5 runs too)"
    )
    if tv is None:
        lines.append(f"Tantivy: {missing}")
    lines += ["", f"{'index':<22}{'Whoosh':>10}  {'Tantivy':>10}  {'FTS5':>10}"]
    for label, key, unit in (
        ("build docs/s", "index_docs_per_s", ""),
        ("build seconds", "index_build_s", ""),
        ("build peak (MB PSS)", "peak_rss_mb", ""),
        ("index on disk (MB)", "index_mb", ""),
        ("one file changed (s)", "reindex_one_s", "s"),
        ("nothing changed (s)", "unchanged_scan_s", "s"),
    ):
        lines.append(f"{label:<22}{_cell(r.get(key), unit):>10}  {_cell(tcol(key), unit):>10}  {_cell(f.get(key), unit):>10}")
    if tv is None:
        lines.append(f"Tantivy: {missing}")
    t, c = result["tui"], result["cli"]
    tt = t.get("tantivy")
    lines += [
        "",
        f"tui, Whoosh:  first paint {t['first_paint_ms']:.0f} ms (median of 3); keystroke -> results p95 "
        f"{t['keystroke_to_results_p95_ms']:.0f} ms ({t['_keystrokes']} keystrokes)",
        f"tui, Tantivy: {missing}"
        if tt is None
        else f"tui, Tantivy: first paint {tt['first_paint_ms']:.0f} ms (median of 3); keystroke -> results p95 "
        f"{tt['keystroke_to_results_p95_ms']:.0f} ms ({tt['_keystrokes']} keystrokes)",
        f"cli: reader --help {c['help_ms']:.0f} ms, reader search {c['_word']} {c['search_ms']:.0f} ms (Whoosh), "
        + (f"{c['tantivy_search_ms']:.0f} ms (Tantivy)" if c.get("tantivy_search_ms") is not None else f"Tantivy {missing}")
        + " (median of 5, wall)",
    ]
    if tv is not None and tt is not None:
        lines += [
            "",
            f"Tantivy against FTS5: search p95 {tv['search_p95_ms']:.1f} ms (all {tv['_all_calls']}) / "
            f"{tv['search_p95_without_fuzzy_ms']:.1f} ms (without fuzzy) vs {f['search_p95_ms']:.1f} ms = "
            f"{_ratio(tv['search_p95_ms'], f['search_p95_ms'])} / {_ratio(tv['search_p95_without_fuzzy_ms'], f['search_p95_ms'])}; "
            f"build {tv['index_docs_per_s']:,.0f} vs {f['index_docs_per_s']:,.0f} docs/s = "
            f"{_ratio(tv['index_docs_per_s'], f['index_docs_per_s'])}; "
            f"keystroke -> results p95 {tt['keystroke_to_results_p95_ms']:.0f} ms",
        ]
    return "\n".join(lines)


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("whoosh3", "whoosh-reloaded", "tantivy"):
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            continue
    return ", ".join(found)


def main(size: int, json_path: Path | None, per_kind: int, typed: int) -> int:
    print(
        f"Reader (Whoosh, Tantivy) vs SQLite FTS5: Python {sys.version.split()[0]}, {_versions()}, "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
    )
    t0 = time.perf_counter()
    result = run(size, per_kind, typed)
    print()
    print(table(result))
    print(f"\n({time.perf_counter() - t0:.0f} s in all; load average at the end {os.getloadavg()[0]:.1f})")
    if json_path is not None:
        json_path.write_text(json.dumps(public(result), indent=2) + "\n", encoding="utf-8")
        print(f"wrote {json_path}")
    return 0
