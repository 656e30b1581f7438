"""Articles with the same score are listed by id, whichever order the index
added them in: an answer does not change from one build to the next."""

from __future__ import annotations

import pytest

from reader.library import Library
from reader.paths import get_paths
from tests.helpers import engine_module, write_library

# The engine contract: every test runs against each search engine (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("engine")

# Thirty notices that score alike for "ferry": the same title, and bodies of
# the same length with "ferry" once, told apart by one word each.
CALLS = [
    "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
    "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
    "uniform", "victor", "whiskey", "xray", "yankee", "zulu", "amber", "basalt", "cobalt", "dune",
]  # fmt: skip
NAMES = [f"n{number:02d}" for number in range(len(CALLS))]


def notice(call: str) -> str:
    return f"Harbour notice\n\nThe ferry leaves pier {call} at dawn.\n"


# Three identical articles (each added after the one before, the later
# ones first by id), the last with its letters in another case.
COPY = "Lighthouse keeper retires\n\nThe lighthouse keeper retired after forty years on the rock.\n"
COPIES = ["z_copy.txt", "m_copy.txt", "a_copy.txt"]
RECASED = "Lighthouse Keeper Retires\n\nThe lighthouse keeper retired after Forty Years on the Rock.\n"


@pytest.fixture(scope="module")
def index(engine, tmp_path_factory):
    """The notices added in three updates, the last first by id: n20-n29,
    then n10-n19, then n00-n09; the copies z_copy, m_copy, then a_copy."""
    root = tmp_path_factory.mktemp("ties")
    folder = write_library(root, {})
    lib = Library(get_paths(root / "home"), extra_sources=[folder])
    batches = [NAMES[20:], NAMES[10:20], NAMES[:10]]
    for number, batch in enumerate(batches):
        write_library(root, {f"{name}.txt": notice(CALLS[NAMES.index(name)]) for name in batch})
        write_library(root, {COPIES[number]: RECASED if number == 2 else COPY})
        lib.update()
    with lib.open() as index:
        yield index


def ids(response):
    return [r.id.rpartition("/")[2] for r in response.results]


def test_equal_scores_are_listed_by_id_not_in_the_order_they_were_added(index):
    response = index.search("ferry", limit=None)
    assert len({r.score for r in response.results}) == 1  # they do tie
    assert ids(response) == NAMES


@pytest.mark.parametrize("limit", [1, 7, 10, 15])
def test_every_page_of_tied_articles_continues_the_one_before(index, limit):
    """A page cut inside a run of equal scores still lists them by id: the
    articles tied with the last one fetched are fetched too."""
    pages = []
    for offset in range(0, len(NAMES), limit):
        response = index.search("ferry", limit=limit, offset=offset)
        assert response.total == len(NAMES)
        pages.extend(ids(response))
    assert pages == NAMES


def test_ties_past_the_fetch_bound_are_listed_without_fetching_them_all(index, monkeypatch):
    """Past TIES_FETCHED hits a run of equal scores is not fetched in whole
    (a query scoring thousands of articles alike): those fetched are listed
    by id. Below the bound, in whole."""
    import reader.index.search as search_module

    monkeypatch.setattr(search_module, "TIES_FETCHED", 12)
    listed = ids(index.search("ferry", limit=5))
    assert len(listed) == 5 and listed == sorted(listed) and set(listed) <= set(NAMES)
    monkeypatch.setattr(search_module, "TIES_FETCHED", 64)
    assert ids(index.search("ferry", limit=20, offset=10)) == NAMES[10:30]


def test_newest_first_lists_articles_of_the_same_day_by_id(index):
    response = index.search("ferry", limit=12, sort="date")
    assert ids(response) == NAMES[:12]


def test_of_identical_articles_the_first_by_id_is_listed(index):
    """Identical once white space is folded and letters are put in lower
    case: listed once, as the first of them by id."""
    response = index.search("lighthouse keeper")
    assert ids(response) == ["a_copy"]
    assert response.results[0].copies == 3 and response.total == 1


def test_ties_are_broken_after_the_nearness_bonus(index, monkeypatch):
    """The bonus for words near each other reorders the first matches; those
    it leaves equal are still listed by id."""
    assert engine_module(index).NEAR_WEIGHT > 0
    response = index.search("ferry leaves", limit=None)
    assert ids(response)[: len(NAMES)] == NAMES  # then the bundled article, with "leaves"
