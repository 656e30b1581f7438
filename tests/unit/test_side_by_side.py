"""The query mix of the Reader-vs-FTS5 benchmark (benchmarks/side_by_side.py)."""

from __future__ import annotations

import sqlite3

import pytest

from benchmarks.side_by_side import KINDS, Fts5Dated, draw_queries, public

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
