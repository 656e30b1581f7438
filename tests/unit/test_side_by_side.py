"""The query mix and the table of the Reader-vs-FTS5 benchmark (benchmarks/side_by_side.py), with both engines."""

from __future__ import annotations

import sqlite3

import pytest

from benchmarks.side_by_side import (
    KINDS,
    TANTIVY_MISSING,
    Fts5Dated,
    _side,
    _summary,
    draw_queries,
    public,
    table,
    tantivy_missing,
)

WORDS = (
    "government election music broadband shares chelsea arsenal interest rates mobile phone market film awards "
    "ceremony oil prices industry football world cup campaign minister spending economy television"
).split()


def _docs(n: int = 60) -> list[tuple[str, str, str | None]]:
    docs = []
    for i in range(n):
        body = " ".join(WORDS[(i * 7 + j) % len(WORDS)] for j in range(40))
        if i < 3:
            body += f" zebra{'abc'[i]}quux"  # words in one document each
        if i < 4:
            body += " walkington"  # in a handful: a rare term
        date = f"2004-{1 + i % 12:02d}-15" if i % 2 else None
        docs.append((f"title {WORDS[i % len(WORDS)]}", body, date))
    return docs


def test_draw_queries_is_deterministic_and_covers_every_kind() -> None:
    docs = _docs()
    first = draw_queries(docs, per_kind=5, seed=3)
    assert first == draw_queries(docs, per_kind=5, seed=3)
    assert first != draw_queries(docs, per_kind=5, seed=4)
    assert [q.kind for q in first[: len(KINDS)]] == list(KINDS)
    assert len(first) == 5 * len(KINDS)
    for q in first:
        if q.kind == "rare term":
            assert q.reader == "walkington"
        if q.kind == "fuzzy":
            assert q.reader.endswith("~") and q.fts5 is None
        if q.kind == "prefix":
            assert q.reader.endswith("*") and len(q.reader) == 5
        if q.kind == "date-filtered":
            assert q.reader.startswith(f"date:{q.month} ")


def test_fts5_side_runs_every_drawn_query_with_snippets_and_dates() -> None:
    docs = _docs()
    fts = Fts5Dated([(str(i), t, b, d) for i, (t, b, d) in enumerate(docs)], 2.5)
    for q in draw_queries(docs, per_kind=3):
        if q.fts5 is None:
            continue
        try:
            rows = fts.search_snippets(q.fts5, q.month)
        except sqlite3.Error as error:  # pragma: no cover - the failure message
            pytest.fail(f"{q}: {error}")
        assert rows or q.month, q  # a drawn word may miss a given month
        assert len(rows) <= 20
        if q.month:
            dated = {i + 1 for i, (_, _, d) in enumerate(docs) if d and d.startswith(q.month)}
            assert {rowid for rowid, _ in rows} <= dated
        assert all("[" in snippet for _, snippet in rows), q


def test_public_drops_table_only_keys() -> None:
    assert public({"a": 1, "_b": 2, "c": {"_d": 3, "e": None}}) == {"a": 1, "c": {"e": None}}


def _fake_result(with_tantivy: bool) -> dict:
    by_kind = {kind: [1.0 + i, 2.0 + i, 3.0 + i] for i, kind in enumerate(KINDS)}
    fts_kinds = {k: v for k, v in by_kind.items() if k != "fuzzy"}
    build = {"seconds": 2.0, "tree_peak_mb": 50.0}
    reader = _side(1000, build, by_kind, (0.01, 0.05), 30.0)
    fts5 = {
        "index_docs_per_s": 8000.0,
        "index_build_s": 0.12,
        **_summary(fts_kinds),
        "reindex_one_s": None,
        "unchanged_scan_s": None,
        "peak_rss_mb": 14.0,
        "index_mb": 7.0,
    }
    tui = {"first_paint_ms": 120.0, "keystroke_to_results_p95_ms": 55.0, "_keystrokes": 92}
    tantivy = _side(1000, {"seconds": 0.5, "tree_peak_mb": 40.0}, by_kind, (0.006, 0.07), 5.0) if with_tantivy else None
    tui["tantivy"] = {"first_paint_ms": 110.0, "keystroke_to_results_p95_ms": 45.0, "_keystrokes": 92} if with_tantivy else None
    return {
        "size": 1000,
        "reader": reader,
        "tantivy": tantivy,
        "tantivy_missing": None if with_tantivy else TANTIVY_MISSING,
        "fts5": fts5,
        "tui": tui,
        "cli": {"help_ms": 50.0, "search_ms": 170.0, "tantivy_search_ms": 180.0 if with_tantivy else None, "_word": "x"},
    }


def test_table_shows_tantivy_beside_whoosh_and_fts5() -> None:
    result = _fake_result(with_tantivy=True)
    text = table(result)
    assert "Whoosh p50" in text and "Tantivy p50" in text and "FTS5 p50" in text
    assert "not installed" not in text
    assert "tui, Tantivy: first paint 110 ms" in text
    assert "Tantivy against FTS5" in text
    build_row = next(line for line in text.splitlines() if line.startswith("build docs/s"))
    assert build_row.split()[2:] == ["500", "2,000", "8,000"]
    figures = public(result)
    assert figures["tantivy"]["index_docs_per_s"] == 2000.0 and figures["tui"]["tantivy"]["keystroke_to_results_p95_ms"] == 45.0
    assert "_calls" not in figures["tantivy"]


def test_table_without_tantivy_says_so_and_keeps_the_other_figures() -> None:
    result = _fake_result(with_tantivy=False)
    text = table(result)
    assert text.count("n/a (tantivy not installed)") >= 3
    assert "tui, Whoosh:  first paint 120 ms" in text
    assert "Tantivy against FTS5" not in text
    assert public(result)["tantivy"] is None


def test_tantivy_missing_follows_whether_the_package_can_be_imported(monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.index.tantivy_engine as engine

    monkeypatch.setattr(engine, "available", lambda: False)
    assert tantivy_missing() == TANTIVY_MISSING
    monkeypatch.setattr(engine, "available", lambda: True)
    assert tantivy_missing() is None
