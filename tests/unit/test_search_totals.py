"""Result totals: the same at every limit, equal to a brute-force count,
and marked as estimates when they are."""

from __future__ import annotations

import json
import random
import re

import pytest

import reader.index.search as search_module
from reader.cli import main
from reader.library import Library
from reader.paths import get_paths
from tests.helpers import whoosh_only as whoosh_only_engine

# The engine contract: every test runs against each search engine (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("engine")

# Made-up filler words: none of them stems to a query word.
FILLER = [f"zq{a}{b}" for a in "bcdfghjklm" for b in "aeiou"]
PLANTED = ["interest", "rates", "inflation", "banks"]
N_ARTICLES = 900


def _article(rng: random.Random, n: int) -> tuple[str, str]:
    title = " ".join(rng.choice(FILLER) for _ in range(4)).capitalize()
    words = [rng.choice(FILLER) for _ in range(rng.randint(30, 120))]
    for word in PLANTED:
        if rng.random() < 0.45:
            # From one mention to many: scores spread widely, which is
            # what lets a top-N search skip documents.
            for _ in range(rng.choice([1, 1, 1, 2, 3, 8, 20])):
                words.insert(rng.randrange(len(words) + 1), word)
    if rng.random() < 0.05:
        title += " interest"
    return f"{n:04d}.txt", title + "\n\n" + " ".join(words) + "\n"


@pytest.fixture(scope="module")
def library(engine, tmp_path_factory):
    """A library of generated articles, with some deleted after the first
    build (so the index holds deleted documents too), and its texts."""
    root = tmp_path_factory.mktemp("totals")
    folder = root / "news"
    folder.mkdir()
    rng = random.Random(7)
    texts = {}
    for n in range(N_ARTICLES):
        name, text = _article(rng, n)
        (folder / name).write_text(text, encoding="utf-8")
        texts[name] = text
    lib = Library(get_paths(root / "home"), extra_sources=[folder])
    lib.update(rebuild=True)
    for name in sorted(texts)[::30]:
        (folder / name).unlink()
        del texts[name]
    stats = lib.update()
    assert stats.removed == len(range(0, N_ARTICLES, 30))
    return lib, texts


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def brute_force(texts: dict[str, str], query: str, every: bool = False) -> int:
    """Matching articles counted by reading every text (the bundled seed
    article has none of the planted words): plain words match any of them
    (the total), or with ``every`` all of them (those ranked first)."""

    def matches(words: set[str]) -> bool:
        if " OR " in query:
            return any(w.lower() in words for w in query.split(" OR "))
        return (all if every else any)(w.lstrip("+") in words for w in query.split())

    return sum(1 for text in texts.values() if matches(_words(text)))


QUERIES = ["interest rates", "interest", "inflation OR banks", "interest rates inflation banks", "interest OR rates OR banks"]


@pytest.fixture
def exact_counts(monkeypatch):
    """Counting exactly whatever it costs (how much it may cost depends on
    how long each search took; these tests are about the count itself)."""
    monkeypatch.setattr(search_module, "COUNT_POSTINGS", 10**9)


@pytest.mark.parametrize("query", QUERIES)
def test_total_is_the_same_at_every_limit_and_exact(library, query, exact_counts):
    lib, texts = library
    expected = brute_force(texts, query)
    assert expected > 30  # broad enough for a top-N search to skip documents
    with lib.open() as index:
        responses = {limit: index.search(query, limit=limit) for limit in (1, 3, 10, 50)}
    assert {limit: r.total for limit, r in responses.items()} == dict.fromkeys((1, 3, 10, 50), expected)
    assert all(r.total_exact for r in responses.values())
    plain = " OR " not in query and " " in query
    every = brute_force(texts, query, every=True) if plain else None
    assert {r.all_words for r in responses.values()} == {every}
    assert [len(r.results) for r in responses.values()] == [min(n, expected) for n in (1, 3, 10, 50)]


def test_phrase_total_is_exact_at_every_limit(library):
    lib, texts = library
    expected = sum(1 for text in texts.values() if re.search(r"\binterest rates\b", text.lower()))
    assert expected > 10
    with lib.open() as index:
        totals = {index.search('"interest rates"', limit=limit).total for limit in (1, 3, 10, 50)}
    assert totals == {expected}


def test_prefix_and_sorted_totals_match(library):
    lib, texts = library
    expected = brute_force(texts, "interest")
    with lib.open() as index:
        assert {index.search("infl*", limit=limit).total for limit in (1, 3, 50)} == {brute_force(texts, "inflation")}
        assert {index.search("interest", limit=limit).total for limit in (1, 3, 50)} == {expected}
        assert {index.search("interest", limit=limit, sort="date").total for limit in (1, 3, 50)} == {expected}


def test_top_results_are_the_best_scored(library):
    lib, _ = library
    with lib.open() as index:
        everything = index.search("interest rates", limit=None)
        top = index.search("interest rates", limit=10)
    assert [r.score for r in top.results] == pytest.approx([r.score for r in everything.results[:10]])
    assert everything.total == len(everything.results)


def test_words_are_counted_exactly_whatever_the_budget(library, monkeypatch):
    # Queries of words are scored a term at a time, every match visited.
    lib, texts = library
    monkeypatch.setattr(search_module, "COUNT_POSTINGS", 100)
    monkeypatch.setattr(search_module, "COUNT_SHARE", 0.0)
    with lib.open() as index:
        for text in ("interest OR rates OR banks", "interest rates", "infl*", "interest"):
            responses = [index.search(text, limit=limit) for limit in (1, 10, 50)]
            assert {(r.total, r.total_exact) for r in responses} == {(brute_force(texts, text.replace("*", "ation")), True)}


@pytest.fixture
def whoosh_only(monkeypatch):
    """Queries answered by Whoosh's matchers, as those the term-at-a-time
    scorer leaves to them (ranges, OR with NOT) are: its top-N search skips
    matches, so past the budget the total is an estimate."""
    monkeypatch.setattr(search_module.TermScores, "scores", lambda self, q: None)


@whoosh_only_engine("Whoosh's top-N search skips matches; Tantivy counts every match")
def test_broad_query_gets_an_estimate_marked_as_one(library, monkeypatch, whoosh_only):
    lib, texts = library
    expected = brute_force(texts, "interest OR rates OR banks")
    monkeypatch.setattr(search_module, "COUNT_POSTINGS", 100)
    monkeypatch.setattr(search_module, "COUNT_SHARE", 0.0)
    with lib.open() as index:
        responses = [index.search("interest OR rates OR banks", limit=limit) for limit in (1, 10, 50)]
    assert all(not r.total_exact for r in responses)
    assert len({r.total for r in responses}) == 1  # still the same at every limit
    assert abs(responses[0].total - expected) <= 0.25 * expected
    assert responses[0].total_text().startswith("about ")
    assert responses[0].to_dict()["total_exact"] is False


@whoosh_only_engine("counts from Whoosh's posting lists within a budget")
def test_count_matches_is_exact_within_budget(library, exact_counts):
    lib, texts = library
    with lib.open() as index:
        searcher = index.searcher()
        count = search_module.count_matches(searcher, index.parse("inflation OR banks").query)
        assert count == search_module.Count(brute_force(texts, "inflation OR banks"), True)
        assert search_module.count_matches(searcher, index.parse('"interest rates"').query) is None


def test_cli_shows_the_total_and_whether_it_is_exact(library, capsys, monkeypatch, exact_counts):
    lib, texts = library
    home = str(lib.paths.home)
    expected = brute_force(texts, "interest rates")
    # The library's folder is remembered through the Library's extra
    # sources only; the CLI reads sources.yaml, so add it there.
    lib.add([p for p in {s.root for s in lib.sources()} if p.name == "news"])
    outputs = []
    for limit in ("1", "3", "10", "50"):
        assert main(["--home", home, "search", "interest", "rates", "--limit", limit, "--json"]) == 0
        outputs.append(json.loads(capsys.readouterr().out))
    every = brute_force(texts, "interest rates", every=True)
    assert {(o["total"], o["total_exact"], o["all_words"]) for o in outputs} == {(expected, True, every)}
    assert main(["--home", home, "search", "interest", "rates", "--limit", "1", "--color", "never"]) == 0
    first_line = capsys.readouterr().out.splitlines()[0]
    assert first_line.startswith(f"{expected:,} results for 'interest rates' (")
    assert first_line.endswith(f", showing 1–1 of {expected:,}; {every:,} match all words)")
    if lib.store.ENGINE != "whoosh":
        return  # Tantivy counts every match; Whoosh's top-N search skips some, and then estimates:
    monkeypatch.setattr(search_module, "COUNT_POSTINGS", 100)
    monkeypatch.setattr(search_module, "COUNT_SHARE", 0.0)
    monkeypatch.setattr(search_module.TermScores, "scores", lambda self, q: None)
    assert main(["--home", home, "search", "interest", "rates", "--limit", "1", "--color", "never"]) == 0
    assert capsys.readouterr().out.startswith("about ")


def test_count_budget_is_a_share_of_the_search_time():
    floor = search_module.COUNT_POSTINGS
    assert search_module.count_budget(0.0) == floor
    # Counting may take COUNT_SHARE of what the search took, never less than the floor.
    seconds = 10 * floor * search_module.POSTING_SECONDS / search_module.COUNT_SHARE
    assert search_module.count_budget(seconds) == pytest.approx(10 * floor, rel=0.01)
    assert search_module.count_budget(seconds / 2) < search_module.count_budget(seconds)


def test_a_slow_search_affords_an_exact_count_of_a_broad_query(library, monkeypatch):
    lib, texts = library
    expected = brute_force(texts, "interest OR rates OR banks")
    monkeypatch.setattr(search_module, "COUNT_POSTINGS", 100)
    monkeypatch.setattr(search_module, "count_budget", lambda seconds: 10**9)  # as if the search took ages
    with lib.open() as index:
        response = index.search("interest OR rates OR banks", limit=1)
    assert (response.total, response.total_exact) == (expected, True)


def test_fewer_matches_than_the_limit_are_counted_by_the_search_itself(library, monkeypatch):
    lib, texts = library
    expected = brute_force(texts, "+interest +rates +inflation +banks", every=True)

    def no_count(*args, **kwargs):
        raise AssertionError("counted separately although the search saw every match")

    monkeypatch.setattr(search_module, "_count", no_count)
    with lib.open() as index:
        response = index.search("+interest +rates +inflation +banks", limit=expected + 5)
    assert (response.total, response.total_exact, len(response.results)) == (expected, True, expected)


@pytest.mark.parametrize("limit", [10, 50])
def test_an_estimate_is_never_fewer_than_the_results_listed(library, monkeypatch, limit):
    lib, _ = library
    monkeypatch.setattr(search_module, "COUNT_POSTINGS", 1)
    monkeypatch.setattr(search_module, "COUNT_SHARE", 0.0)
    with lib.open() as index:
        for query in QUERIES:
            response = index.search(query, limit=limit)
            assert response.total >= len(response.results)


@pytest.mark.parametrize(
    ("query", "required", "excluded"),
    [("interest rates -banks", set(), {"banks"}), ("interest rates +inflation", {"inflation"}, set())],
)
def test_some_words_are_counted_exactly_beside_required_and_excluded_words(library, query, required, excluded, exact_counts):
    """The articles with some of the words (and every strict part) are
    counted exactly at every limit, beside those with all of them."""
    lib, texts = library
    plain = {"interest", "rates"}

    def count(every: bool) -> int:
        found = 0
        for text in texts.values():
            words = _words(text)
            if required <= words and not excluded & words and (all if every else any)(w in words for w in plain):
                found += 1
        return found

    total, every = count(False), count(True)
    assert total > every > 0 and total > 10
    with lib.open() as index:
        for limit in (1, 3, 10, 50):
            response = index.search(query, limit=limit)
            assert (response.total, response.all_words, response.total_exact) == (total, every, True), limit
