"""While a query is typed, a last word that finds nothing is searched as a
prefix (reader.index.engines.search_as_typed): ``gove`` lists the articles
with "government" instead of none, in both engines. What the command line
and the finished words search is unchanged."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.index.engines import search_as_typed
from reader.index.query import TYPED_PREFIX_MIN, typed_prefix
from reader.library import Library
from reader.paths import get_paths
from tests.helpers import write_library

ARTICLES = {
    "budget.txt": "Government budget approved\n\nThe government approved its budget for the harbour.\n",
    "governor.txt": "Governor visits the port\n\nThe governor toured the harbour and its cranes.\n",
    "ferry.txt": "Ferry timetable changes\n\nThe ferry leaves earlier from the northern pier.\n",
    "gove.txt": "Cricket scores\n\nThe bowler took five wickets before tea.\n",
}


@pytest.fixture(scope="module")
def index(engine, tmp_path_factory):
    root = tmp_path_factory.mktemp("typed")
    folder = write_library(root, ARTICLES)
    lib = Library(get_paths(root / "home"), extra_sources=[folder])
    lib.update()
    with lib.open() as index:
        yield index


def names(response):
    return sorted(r.id.rpartition("/")[2] for r in response.results)


def test_a_word_being_typed_that_finds_nothing_is_searched_as_a_prefix(index):
    assert not index.search("gove").results  # the word alone finds nothing
    searched, response = search_as_typed(index, "gove")
    assert searched == "gove*"
    assert names(response) == ["budget", "governor"]
    assert response.problem == "searched gove*: gove alone finds nothing"


def test_a_word_that_finds_something_is_searched_as_it_is(index):
    searched, response = search_as_typed(index, "ferry")
    assert searched == "ferry"
    assert names(response) == ["ferry"]
    assert response.problem is None
    assert (searched, names(response)) == ("ferry", names(index.search("ferry")))


@pytest.mark.parametrize(
    "text",
    [
        "gove ",  # a space after it: the word is finished
        "gov",  # too short: expands to too much
        '"the gove',  # in an open quote
        "title:gove",  # a field's value
        "-gove",  # an excluded word (every article without it)
        "gove*",  # already a pattern
    ],
)
def test_only_a_plain_word_being_typed_is_completed(index, text):
    searched, response = search_as_typed(index, text)
    assert searched == text
    assert (response.query, names(response)) == (index.search(text).query, names(index.search(text)))
    if not text.startswith("-") and not text.endswith("*"):
        assert "budget" not in names(response)  # "gove" alone finds nothing


def test_a_prefix_that_finds_nothing_either_leaves_the_answer_as_it_was(index):
    searched, response = search_as_typed(index, "zqxj")
    assert searched == "zqxj"
    assert not response.results and response.query == index.search("zqxj").query


def test_the_scope_is_kept_and_the_prefix_goes_on_the_typed_text(index):
    searched, response = search_as_typed(index, "gove", lambda text: f"title:budget {text}".strip())
    assert searched == "gove*"
    assert names(response) == ["budget"]


def test_later_pages_of_the_completed_text_continue_its_answer(index):
    searched, first = search_as_typed(index, "gove", limit=1)
    later = index.search(searched, limit=1, offset=1)
    assert names(first) + names(later) == ["budget", "governor"]


@given(st.text(max_size=40))
def test_typed_prefix_adds_a_star_to_a_plain_last_word_only(text):
    typed = typed_prefix(text)
    if typed is None:
        return
    completed, word = typed
    assert completed == text + "*"
    assert text.endswith(word) and len(word) >= TYPED_PREFIX_MIN
    assert word.isalnum() and "_" not in word
    before = text[: len(text) - len(word)]
    assert before == "" or before[-1].isspace() or before[-1] == "("
    assert text.count('"') % 2 == 0
