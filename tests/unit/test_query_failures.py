"""A query that cannot be run is the query's problem, never "the index is
damaged"; fuzzy distances and prefixes that would run away are capped, with a note."""

from __future__ import annotations

import pytest

from reader.index.store import IndexDamaged
from reader.library import Library
from reader.paths import get_paths
from tests.helpers import engine_module, write_library

# The engine contract: every test runs against each search engine (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("engine")


@pytest.fixture
def index(tmp_path):
    folder = write_library(tmp_path)
    lib = Library(get_paths(tmp_path / "home"))
    lib.add([folder])
    lib.update()
    with lib.open() as opened:
        yield opened


def test_fuzzy_prefix_longer_than_the_word_is_the_whole_word(index):
    response = index.search("economy~2/99")  # raised IndexError inside Whoosh, reported as damage
    assert response.total == index.search("economy~2/7").total


def test_fuzzy_distance_is_capped_with_a_note(index):
    wide = index.search("armenia~5")
    capped = index.search("armenia~2")
    assert [r.id for r in wide.results] == [r.id for r in capped.results]
    assert "at most 2 edits" in (wide.problem or "") and "armenia~5" in (wide.problem or "")
    assert capped.problem is None


def test_a_query_whoosh_cannot_run_is_a_note_not_damage(index, monkeypatch):
    def fails(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(type(index), "_run", fails)
    response = index.search("some query")
    assert response.total == 0 and response.results == ()
    assert "could not be run" in (response.problem or "") and "RecursionError" in response.problem
    assert "damaged" not in response.problem


def test_a_failure_on_an_index_that_cannot_answer_is_still_damage(index, monkeypatch):
    def fails(*args, **kwargs):
        raise OSError("read error")

    monkeypatch.setattr(type(index), "_run", fails)
    monkeypatch.setattr(type(index), "_answers_plain_queries", lambda self: False)
    with pytest.raises(IndexDamaged):
        index.search("some query")


def test_a_fuzzy_query_with_more_matches_than_the_limit_is_counted(index):
    everything = index.search("armenia~2", limit=None)
    assert everything.total > 1
    top = index.search("armenia~2", limit=1)  # counting expands the fuzzy term, in every field
    assert (top.total, top.problem, len(top.results)) == (everything.total, None, 1)


@pytest.mark.parametrize("text", ["*", "**", " * ? * "])
def test_wildcards_alone_list_everything_like_the_empty_query(index, text):
    response = index.search(text, limit=None)
    assert response.total == index.search("", limit=None).total > 0
    assert response.problem is None


def test_an_unknown_field_is_named_and_its_words_searched(index):
    response = index.search("armenian:karabakh")
    assert "no field armenian:" in (response.problem or "") and "title:" in response.problem
    words = index.search("armenian karabakh")
    assert words.all_words == 1 and words.total == 3
    assert words.results and [r.id for r in response.results] == [r.id for r in words.results]
    # Known fields and phrases are left alone.
    assert index.search("title:karabakh").problem is None
    assert index.search('"nosuchfield:karabakh"').problem is None


def test_a_prefix_matching_too_many_words_is_cut_with_a_note(index, monkeypatch):

    whole = index.search("ka*", limit=None)
    assert whole.problem is None and whole.total >= 1
    monkeypatch.setattr(engine_module(index), "EXPANSION_TERMS", 1)
    cut = index.search("ka* OR re*", limit=None)
    assert "matches" in (cut.problem or "") and "most common" in cut.problem
    assert cut.results  # the most common word was still searched


def test_many_expanded_words_are_still_marked_in_snippets_and_titles(index, monkeypatch):
    import reader.index.search as search_module

    monkeypatch.setattr(search_module, "_ARRAY_OR_TERMS", 1)  # every expansion as one array of matches
    response = index.search("karab*", limit=None)
    assert response.results
    for result in response.results:
        marked = [result.snippet[a:b].lower() for a, b in result.snippet_hits]
        assert marked and all(word.startswith("karab") for word in marked)


@pytest.mark.parametrize("text", ["date:rate~2", "body:date:rate~99*!", "date:ka*", "[a TO]", "*ab*", "s*"])
def test_word_patterns_in_odd_places_get_an_answer(index, text):
    response = index.search(text, limit=None)
    assert "could not be run" not in (response.problem or "")


def test_the_words_of_a_loose_query_are_parsed_once_and_read_the_same_again():
    """Typed key by key, a query parses its earlier words again at every
    key: each parser keeps its words parsed, and a query parsed with them
    is the query parsed afresh."""
    from reader.index import query as q
    from reader.index.query import make_parser, parse_query
    from reader.index.schema import make_schema

    parser = make_parser(make_schema())
    calls: list[str] = []
    parse = parser.parse

    def counting(text, *args, **kwargs):
        calls.append(text)
        return parse(text, *args, **kwargs)

    parser.parse = counting
    first = parse_query(parser, "interest rates rise")
    assert calls.count("rates") == 1
    calls.clear()
    again = parse_query(parser, "interest rates rise sharply")
    assert "rates" not in calls and "sharply" in calls  # only the new word, and the whole query
    fresh = parse_query(make_parser(make_schema()), "interest rates rise sharply")
    assert (again.query, again.loose, again.near, again.words) == (fresh.query, fresh.loose, fresh.near, fresh.words)
    assert first.loose != again.loose
    # A word the parser cannot read alone is remembered as such.
    assert q._parse_word(parser, "AND") is q._parse_word(parser, "AND")
    # Bounded: a long session's words do not pile up.
    for n in range(q._WORDS_PARSED + 5):
        q._parse_word(parser, f"word{n}")
    assert len(q._parsed_words[parser]) <= q._WORDS_PARSED
