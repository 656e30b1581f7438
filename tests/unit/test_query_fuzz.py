"""Any query string gets an answer: never an exception, never "the index is
damaged", and within a second at 10,000 articles.

``make test`` runs a light profile on a small library (no timing: the
answer and its shape only). ``make fuzz`` (``READER_FUZZ=full``) runs
2,500 generated queries against a generated library of 10,000 articles
(``benchmarks.corpus``, from ../shared/corpora/bbc; skipped without it) and
holds each to one second.
"""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.index.search import ArticleIndex, SearchResponse
from reader.library import Library
from reader.paths import get_paths
from tests.helpers import write_library

# Every query is held to its time bound, the expansion deadline included.
# The engine contract: every query runs against each search engine (tests/conftest.py).
pytestmark = [pytest.mark.expansion_deadline, pytest.mark.usefixtures("engine")]

FULL = os.environ.get("READER_FUZZ") == "full"
SECONDS = 1.0

WORDS = ["tax", "economy", "rates", "interest", "blair", "election", "the", "of", "why", "win", "a", "zzqx", "goverment", "2004"]
FIELDS = ["title:", "body:", "date:", "source:", "dateline:", "foo:", "date:>", "date:<"]
PIECES = [
    "AND", "OR", "NOT", "TO", "+", "-", '"', "(", ")", "[", "]", "{", "}", "*", "?", "~", "~2", "~9", "/3", "^2", ":", "!",
    "\x00", "\x1b[31m", "\u202e", "\t", "\n", "today", "yesterday", "last-week", "2023-09", ">2023-09-01", "[2004 TO 2005]",
]  # fmt: skip


def _atoms() -> st.SearchStrategy[str]:
    word = st.sampled_from(WORDS)
    return st.one_of(
        word,
        st.sampled_from(PIECES),
        st.builds(lambda f, w: f + w, st.sampled_from(FIELDS), word),
        st.builds(lambda w, s: w + s, word, st.sampled_from(["*", "?", "~", "~2", "~7", "*?", "~2/99"])),
        st.builds(lambda w: "*" + w[:2] + "*", word),
        st.text(min_size=1, max_size=6),
    )


def _huge() -> st.SearchStrategy[str]:
    """Very long and deeply nested input."""
    n = st.integers(min_value=100, max_value=30_000)
    return st.one_of(
        st.builds(lambda k: "a" * k, n),
        st.builds(lambda k: " OR ".join(["a"] * (k // 5)), n),
        st.builds(lambda k: " ".join(WORDS[i % len(WORDS)] for i in range(k // 6)), n),
        st.builds(lambda k: "(" * (k // 20) + "tax" + ")" * (k // 40), n),
        st.builds(lambda k: '"' + "rates " * (k // 6), n),
        st.builds(lambda k: "*?" * (k // 2), n),
    )


QUERIES = st.one_of(
    st.lists(_atoms(), max_size=12).map(" ".join),
    st.lists(_atoms(), max_size=12).map("".join),
    _huge(),
)


def check(index: ArticleIndex, text: str, timed: bool) -> None:
    start = time.perf_counter()
    response = index.search(text, limit=50, snippets=20)
    took = time.perf_counter() - start
    assert isinstance(response, SearchResponse)
    assert len(response.results) <= 50 and response.total >= len(response.results)
    assert "damaged" not in (response.problem or "")
    if timed and took > SECONDS:
        # The query's own cost, not a stall of a busy machine: the best of three.
        for _ in range(2):
            start = time.perf_counter()
            index.search(text, limit=50, snippets=20)
            took = min(took, time.perf_counter() - start)
        assert took <= SECONDS, f"{text[:80]!r} took {took:.2f} s (best of three)"


@pytest.fixture(scope="module")
def index(engine, tmp_path_factory):
    if FULL:
        corpus = pytest.importorskip("benchmarks.corpus")
        if not corpus.bbc_available():
            pytest.skip("the BBC corpus (../shared/corpora/bbc) is needed for the 10,000-article library")
        library, _folder, _seconds = corpus.prepared_library(10_000)
    else:
        root = tmp_path_factory.mktemp("qfuzz")
        library = Library(get_paths(root / "home"), extra_sources=[write_library(root)])
        library.update(rebuild=True)
    # Timed as the app runs: its searcher open and the index in the page
    # cache (a first query after a cold start reads its postings from disk).
    for path in library.store.dir.rglob("*"):
        if path.is_file():
            path.read_bytes()
    with library.open() as index:
        index.search("warm up", limit=50, snippets=20)
        yield index


@settings(
    max_examples=2_500 if FULL else 60,
    deadline=None,
    derandomize=not FULL,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(text=QUERIES)
def test_any_query_gets_an_answer(index, text):
    check(index, text, timed=FULL)


@pytest.mark.parametrize(
    "text",
    [
        "**", "*?*?*?*", "[a TO]", "body:date:rate~99*!", "a" * 100_000, " OR ".join(["a"] * 25_000),
        " ".join(["economy"] * 4_000), "economy~2/99", "tax~5", "*a*", "*ra*", "date:[2004 TO 2005] *e*",
        "econ* OR tele* OR gov* OR mar*", '"' * 1001, "(" * 500 + "tax", "\x00tax\x1b[31m", "tax >2023-09-01", "tax <",
        "body:*", "*2004taxtitle:rateslast-weektitle:ratestitle:a\U0008cb6c\x8a*ec*", "*ation*",
    ],
)  # fmt: skip
def test_queries_that_once_ran_for_seconds(index, text):
    check(index, text, timed=FULL)
