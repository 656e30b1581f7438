"""Judged relevance of Reader's search on the BBC corpus, against SQLite FTS5.

    python -m benchmarks.eval_search [--split tuned|held-out|all] [--json] [--check]

Queries and judgements: ``benchmarks/judgements/search.yaml`` (written
before any ranking change; see the README there). Two slices of 64 queries:
``known-item`` (find again an article one has read) and ``questions``
(topical questions with graded answers). Each query is in the ``tuned`` or
the ``held-out`` split; tune on the first, report the second.

Systems, in one process over the same 2,225 articles:

* **Reader**: ``ArticleIndex.search(query, limit=10)`` with the query exactly
  as typed (the app's default relevance sort), on an index of the BBC folder
  kept under ``benchmarks/results/eval-bbc/`` (git-ignored; rebuilt when the
  schema changes, updated when files change). Reader lists identical
  articles once (a result with ``copies``).
* **FTS5 OR**: an in-memory ``fts5(title, body, tokenize='porter unicode61')``
  of the same titles and bodies (parsed by Reader's own reader), ranked by
  ``bm25(t, W, 1.0)`` with ``W = reader.index.schema.TITLE_BOOST``; the query
  is the query's words (``\\w+`` tokens, lowercased), each double-quoted,
  joined with OR.
* **FTS5 AND**: the same words joined by spaces (every word must match), to
  show how often a question finds nothing at all.

Identical articles (the BBC corpus has 98 pairs of byte-identical files) are
one document for every system: judgements and results are mapped to the
first id of their group, so a group earns its gain once, wherever and
however often a system lists it.

Metrics per slice and split: MRR@10 (1/rank of the first result graded >= 1,
0 if none in the top 10), nDCG@10 (gain 2^grade - 1, discount log2(rank + 1),
ideal DCG from all the query's judged grades), the share of queries with no
results, and the share of top-10 results nobody judged (questions only: a
ranking that brings up many unjudged articles needs more judgements before
its numbers mean much).

``--check`` exits 1 unless, on the held-out split, Reader >= FTS5 OR on both
metrics for every slice and Reader's nDCG@10 >= FTS5 OR + 0.03 on questions.

Needs ../shared/corpora/bbc; without it, prints ``skipped: ...`` and exits 0.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sqlite3
import sys
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.corpus import BBC, RESULTS, CorpusMissing, bbc_files, require_bbc

JUDGEMENTS = Path(__file__).resolve().parent / "judgements" / "search.yaml"
HOME = RESULTS / "eval-bbc" / "home"
SLICES = ("known-item", "questions")
SPLITS = ("tuned", "held-out")
K = 10
# --check: how far Reader's held-out nDCG@10 on questions must be above FTS5 OR.
QUESTIONS_MARGIN = 0.03
SYSTEMS = ("Reader", "FTS5 OR", "FTS5 AND")

_WORD = re.compile(r"\w+")


# -- judgements ----------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    id: str
    slice: str
    split: str
    category: str
    text: str
    grades: dict[str, int]  # judged ids (grades 0-2); anything else counts as 0


class JudgementError(ValueError):
    """The judgement file is not what the harness expects."""


def load_judgements(path: Path = JUDGEMENTS) -> dict[str, list[Query]]:
    """slice -> its queries in file order. Raises :class:`JudgementError`
    naming the file and the query when something is malformed."""
    import yaml

    class UniqueKeys(yaml.SafeLoader):
        """safe_load, except that a key given twice in one mapping is an error
        (PyYAML would keep the last one silently)."""

    def mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
        keys = [loader.construct_object(key) for key, _ in node.value]
        repeated = sorted({str(k) for k in keys if keys.count(k) > 1})
        if repeated:
            raise yaml.constructor.ConstructorError(
                None, None, f"{', '.join(repeated)} given twice in one mapping", node.start_mark
            )
        return loader.construct_mapping(node)

    UniqueKeys.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    try:
        data = yaml.load(path.read_text("utf-8"), Loader=UniqueKeys)  # noqa: S506 - a SafeLoader subclass
    except OSError as error:
        raise JudgementError(f"{path}: cannot be read ({error.strerror or error})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise JudgementError(f"{path}:{where}: not valid YAML ({problem}); fix that line") from None
    if not isinstance(data, dict):
        raise JudgementError(f"{path}: expected a mapping with {' and '.join(SLICES)}")
    out: dict[str, list[Query]] = {}
    for name in SLICES:
        entries = data.get(name)
        if not isinstance(entries, list):
            raise JudgementError(f"{path}: '{name}' must be a list of queries")
        queries = []
        for i, entry in enumerate(entries):
            where = f"{path}: {name}[{i}]"
            if not isinstance(entry, dict):
                raise JudgementError(f"{where}: expected a mapping")
            qid, split, text = entry.get("id"), entry.get("split"), entry.get("query")
            if not isinstance(qid, str) or not isinstance(text, str) or split not in SPLITS:
                raise JudgementError(f"{where}: needs 'id', 'query' and 'split' (one of {', '.join(SPLITS)})")
            relevant = entry.get("relevant") or {}
            zero = entry.get("not_relevant") or []
            if not isinstance(relevant, dict) or not isinstance(zero, list):
                raise JudgementError(f"{where} ({qid}): 'relevant' must map ids to grades, 'not_relevant' list ids")
            grades: dict[str, int] = {}
            for doc, grade in [*relevant.items(), *((doc, 0) for doc in zero)]:
                if not isinstance(doc, str) or not isinstance(grade, int) or not 0 <= grade <= 2:
                    raise JudgementError(f"{where} ({qid}): bad judgement {doc!r}: {grade!r} (grades are 0, 1, 2)")
                if doc in grades:
                    raise JudgementError(f"{where} ({qid}): {doc} is judged twice")
                grades[doc] = grade
            queries.append(Query(qid, name, split, str(entry.get("category", "")), text, grades))
        out[name] = queries
    return out


# -- metrics -------------------------------------------------------------------


def _first_occurrences(ranked: Iterable[str]) -> list[str]:
    """``ranked`` with repeats dropped: an id listed twice earns its gain once."""
    return list(dict.fromkeys(ranked))


def reciprocal_rank(ranked: Sequence[str], grades: Mapping[str, int], k: int = K) -> float:
    """1/rank of the first of the top ``k`` with grade >= 1; 0.0 if there is none."""
    for rank, doc in enumerate(_first_occurrences(ranked)[:k], 1):
        if grades.get(doc, 0) >= 1:
            return 1.0 / rank
    return 0.0


def dcg(grades_in_order: Iterable[int]) -> float:
    """Discounted cumulative gain: sum of (2^g - 1) / log2(rank + 1)."""
    return sum(((1 << g) - 1) / math.log2(rank + 1) for rank, g in enumerate(grades_in_order, 1))


def ndcg(ranked: Sequence[str], grades: Mapping[str, int], k: int = K) -> float:
    """nDCG@k; the ideal ranking is every judged grade, best first. 0.0 when
    nothing is relevant (no ideal to compare with)."""
    ideal = dcg(sorted((g for g in grades.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg(grades.get(doc, 0) for doc in _first_occurrences(ranked)[:k]) / ideal


def unjudged(ranked: Sequence[str], grades: Mapping[str, int], k: int = K) -> int:
    """How many of the top ``k`` nobody judged."""
    return sum(1 for doc in _first_occurrences(ranked)[:k] if doc not in grades)


# -- the systems ---------------------------------------------------------------


def query_words(text: str) -> list[str]:
    """The query's word tokens, lowercased, each once, in order."""
    return list(dict.fromkeys(w.lower() for w in _WORD.findall(text)))


def fts5_expression(text: str, op: str) -> str | None:
    """The FTS5 MATCH expression: every word double-quoted, joined by ``op``
    (``" OR "``, or ``" "`` for AND). None when the query has no words."""
    words = query_words(text)
    if not words:
        return None
    return op.join('"' + w.replace('"', '""') + '"' for w in words)


class Fts5:
    """An in-memory FTS5 table of the articles, ranked by bm25 with Reader's title weight."""

    def __init__(self, docs: Sequence[tuple[str, str, str]], title_weight: float) -> None:
        self.ids = [doc_id for doc_id, _, _ in docs]
        self.title_weight = float(title_weight)
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='porter unicode61')")
        self.db.executemany(
            "INSERT INTO t(rowid, title, body) VALUES (?, ?, ?)",
            [(i + 1, title, body) for i, (_, title, body) in enumerate(docs)],
        )

    def search(self, text: str, op: str = " OR ", limit: int = K) -> list[str]:
        expression = fts5_expression(text, op)
        if expression is None:
            return []
        rows = self.db.execute(
            f"SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t, {self.title_weight!r}, 1.0), rowid LIMIT ?",
            (expression, limit),
        )
        return [self.ids[rowid - 1] for (rowid,) in rows]


def bbc_documents() -> list[tuple[str, str, str]]:
    """(id, title, body) of every BBC article, parsed as Reader parses it."""
    from reader.corpus import read_article

    docs = []
    for path in bbc_files():
        doc_id = f"{path.parent.name}/{path.stem}"
        article = read_article(path, id=doc_id)
        docs.append((doc_id, article.title, article.body))
    return docs


def engine_home(engine: str) -> Path:
    """The home of the evaluation's index built by ``engine``."""
    return HOME if engine == "whoosh" else RESULTS / f"eval-bbc-{engine}" / "home"


def open_reader_index(out: Any = print, engine: str = "whoosh") -> tuple[Any, str]:
    """Reader's index of the BBC folder, built by ``engine`` (under
    :func:`engine_home`): built with two processes when missing, from
    another schema version or out of date (a replaced article's deleted copy
    would still weigh in the scores). Returns the searcher and a line on
    what was done."""
    from reader.library import Library
    from reader.paths import get_paths

    library = Library(get_paths(engine_home(engine)), extra_sources=[BBC], engine=engine)
    t0 = time.perf_counter()
    status = library.store.status()
    if status != "ok":
        out(f"building the Reader index of {BBC} at {library.store.dir} ({status}); about 10 s…")
        stats = library.update(rebuild=True, procs=2)
    else:
        stats = library.update()
        if stats.changed:
            # Replaced articles stay in the index as deleted documents, which
            # still count in Whoosh's term statistics: judge a clean build.
            out(f"rebuilding the Reader index at {library.store.dir} ({stats.summary()}): scores from a clean build")
            stats = library.update(rebuild=True, procs=2)
    index = library.open()
    return index, f"Reader index ({engine}) {library.store.dir}: {stats.summary()} ({time.perf_counter() - t0:.1f} s)"


def identical_groups(docs: Sequence[tuple[str, str, str]]) -> dict[str, str]:
    """id -> the first id of the articles with the same title and body
    (white space aside), for the articles that have copies."""
    from reader.index.schema import text_digest

    groups: dict[str, list[str]] = {}
    for doc_id, title, body in sorted(docs):
        groups.setdefault(text_digest(title, body), []).append(doc_id)
    return {doc: ids[0] for ids in groups.values() if len(ids) > 1 for doc in ids}


def reader_ids(response: Any) -> list[str]:
    """Judgement ids of a response's results: ``bbc/business/121`` -> ``business/121``.
    Articles from other sources (the bundled seed) keep their id and count as 0."""
    prefix = BBC.name + "/"
    return [r.id[len(prefix) :] if r.id.startswith(prefix) else r.id for r in response.results]


# -- running and reporting -----------------------------------------------------


@dataclass
class Aggregate:
    queries: int = 0
    mrr: float = 0.0
    ndcg: float = 0.0
    empty: float = 0.0  # share of queries with no results
    unjudged: float | None = None  # share of top-10 results nobody judged (questions)


@dataclass
class Run:
    per_query: list[dict[str, Any]] = field(default_factory=list)
    table: dict[str, dict[str, dict[str, Aggregate]]] = field(default_factory=dict)  # slice -> split -> system
    timings: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def aggregate(rows: Sequence[Mapping[str, Any]], system: str, with_unjudged: bool) -> Aggregate:
    if not rows:
        return Aggregate()
    n = len(rows)
    agg = Aggregate(
        queries=n,
        mrr=sum(r["systems"][system]["rr"] for r in rows) / n,
        ndcg=sum(r["systems"][system]["ndcg"] for r in rows) / n,
        empty=sum(1 for r in rows if not r["systems"][system]["ranked"]) / n,
    )
    if with_unjudged:
        shown = sum(len(r["systems"][system]["ranked"]) for r in rows)
        agg.unjudged = sum(r["systems"][system]["unjudged"] for r in rows) / shown if shown else 0.0
    return agg


def evaluate(judgements: Mapping[str, Sequence[Query]], out: Any = print, engine: str = "whoosh") -> Run:
    from reader.index.schema import TITLE_BOOST

    run = Run()
    t0 = time.perf_counter()
    index, note = open_reader_index(out, engine)
    run.timings["reader_index_s"] = time.perf_counter() - t0
    run.notes.append(note)

    t0 = time.perf_counter()
    docs = bbc_documents()
    fts = Fts5(docs, TITLE_BOOST)
    run.timings["fts5_build_s"] = time.perf_counter() - t0
    run.notes.append(f"FTS5: {len(fts.ids)} articles in memory, bm25(t, {TITLE_BOOST}, 1.0), tokenize='porter unicode61'")

    same = identical_groups(docs)
    timing = {name: 0.0 for name in SYSTEMS}
    with index:
        for name in SLICES:
            for q in judgements[name]:
                ranked: dict[str, list[str]] = {}
                t = time.perf_counter()
                ranked["Reader"] = reader_ids(index.search(q.text, limit=K))
                timing["Reader"] += time.perf_counter() - t
                t = time.perf_counter()
                ranked["FTS5 OR"] = fts.search(q.text, " OR ")
                timing["FTS5 OR"] += time.perf_counter() - t
                t = time.perf_counter()
                ranked["FTS5 AND"] = fts.search(q.text, " ")
                timing["FTS5 AND"] += time.perf_counter() - t
                ranked = {system: [same.get(doc, doc) for doc in ids] for system, ids in ranked.items()}
                grades: dict[str, int] = {}
                for doc, grade in q.grades.items():
                    grades[same.get(doc, doc)] = max(grade, grades.get(same.get(doc, doc), 0))
                run.per_query.append(
                    {
                        "id": q.id,
                        "slice": q.slice,
                        "split": q.split,
                        "category": q.category,
                        "query": q.text,
                        "systems": {
                            system: {
                                "ranked": ids,
                                "grades": [grades.get(doc) for doc in ids],
                                "rr": reciprocal_rank(ids, grades),
                                "ndcg": ndcg(ids, grades),
                                "unjudged": unjudged(ids, grades),
                            }
                            for system, ids in ranked.items()
                        },
                    }
                )
    for system, seconds in timing.items():
        run.timings[f"{system} queries_s"] = seconds

    for name in SLICES:
        run.table[name] = {}
        for split in (*SPLITS, "all"):
            rows = [r for r in run.per_query if r["slice"] == name and (split == "all" or r["split"] == split)]
            run.table[name][split] = {s: aggregate(rows, s, name == "questions") for s in SYSTEMS}
    return run


def markdown_table(run: Run, splits: Sequence[str]) -> str:
    lines = [
        "| slice | split | system | queries | MRR@10 | nDCG@10 | no results | unjudged in top 10 |",
        "|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for name in SLICES:
        for split in splits:
            for system, agg in run.table[name][split].items():
                unj = "–" if agg.unjudged is None else f"{agg.unjudged:.1%}"
                lines.append(
                    f"| {name} | {split} | {system} | {agg.queries} | {agg.mrr:.3f} | {agg.ndcg:.3f} | {agg.empty:.1%} | {unj} |"
                )
    return "\n".join(lines)


def check(run: Run) -> list[str]:
    """The floors ``--check`` enforces on the held-out split; [] when all hold."""
    failures = []
    for name in SLICES:
        reader = run.table[name]["held-out"]["Reader"]
        base = run.table[name]["held-out"]["FTS5 OR"]
        if reader.mrr < base.mrr:
            failures.append(f"{name}, held-out: Reader MRR@10 {reader.mrr:.3f} < FTS5 OR {base.mrr:.3f}")
        margin = QUESTIONS_MARGIN if name == "questions" else 0.0
        if reader.ndcg < base.ndcg + margin:
            floor = f"FTS5 OR {base.ndcg:.3f}" + (f" + {margin} = {base.ndcg + margin:.3f}" if margin else "")
            failures.append(f"{name}, held-out: Reader nDCG@10 {reader.ndcg:.3f} < {floor}")
    return failures


def to_json(run: Run, judgements_path: Path) -> dict[str, Any]:
    from reader.index.schema import TITLE_BOOST

    return {
        "judgements": str(judgements_path),
        "k": K,
        "title_weight": TITLE_BOOST,
        "notes": run.notes,
        "timings_s": {k: round(v, 3) for k, v in run.timings.items()},
        "table": {
            name: {split: {system: vars(agg) for system, agg in systems.items()} for split, systems in splits.items()}
            for name, splits in run.table.items()
        },
        "check_failures": check(run),
        "queries": run.per_query,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.eval_search", description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], help="report only this split (default: tuned, held-out and all)")
    parser.add_argument("--json", action="store_true", help="print every figure and per-query ranking as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 unless Reader meets the held-out floors")
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS, help=argparse.SUPPRESS)
    parser.add_argument(
        "--engine", choices=["whoosh", "tantivy"], default="whoosh", help="the search engine Reader answers with (default whoosh)"
    )
    args = parser.parse_args(argv)
    log = (lambda *a: print(*a, file=sys.stderr)) if args.json else print
    try:
        require_bbc()
    except CorpusMissing as error:
        print(f"skipped: {error}", file=sys.stderr)
        return 0
    try:
        judgements = load_judgements(args.judgements)
    except JudgementError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    run = evaluate(judgements, log, args.engine)
    elapsed = time.perf_counter() - t0
    run.timings["total_s"] = elapsed
    failures = check(run)
    if args.json:
        print(json.dumps(to_json(run, args.judgements), indent=1))
    else:
        for note in run.notes:
            print(note)
        print()
        print(markdown_table(run, [args.split] if args.split else [*SPLITS, "all"]))
        print()
        per_system = ", ".join(f"{s} {run.timings[f'{s} queries_s'] * 1000 / len(run.per_query):.1f} ms/query" for s in SYSTEMS)
        print(f"{len(run.per_query)} queries in {elapsed:.1f} s ({per_system})")
    if args.check:
        for failure in failures:
            print(f"check failed: {failure}", file=sys.stderr)
        if failures:
            return 1
        print("check passed: Reader >= FTS5 OR on the held-out split of both slices", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
