"""Plain words match loosely: every word first, then some; question words
left out; words near each other rank higher; identical articles listed once."""

from __future__ import annotations

import pytest

import reader.index.search as search_module
from reader.library import Library
from reader.paths import get_paths
from tests.helpers import engine_module, whoosh_only, write_library

# The engine contract: every test runs against each search engine (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("engine")

ARTICLES = {
    # Every word of "interest rates rise", next to each other.
    "a_adjacent.txt": "Bank decision\n\nThe central bank said interest rates rise again this spring, a quarter point.\n",
    # Every word, far apart; indexed first and shorter, so without the
    # proximity bonus it would rank first.
    "0_spread.txt": "Savings news\n\nInterest is paid monthly.\n\nMortgage rates vary.\n\nPrices rise.\n",
    # Two of the three words.
    "b_two.txt": "Mortgage market\n\nMortgage rates fell as lenders competed for interest from buyers in a cold market.\n",
    # One of the three words.
    "c_one.txt": "Weather\n\nTemperatures rise across the north as summer arrives early this year in the hills.\n",
    "d_pound.txt": "Currency markets\n\nThe pound falls against the dollar after weak figures from the factories.\n",
    "e_winning.txt": "Cup final\n\nThe club is winning again, and a tanned squad returned from the tour.\n",
    # The same article twice, the copy with other white space.
    "f_copy.txt": "Harbour reopens\n\nThe harbour reopened on Monday   after repairs.\n",
    "g_copy.txt": "Harbour  reopens\n\nThe harbour reopened on Monday after\nrepairs.\n",
}


@pytest.fixture(scope="module")
def index(engine, tmp_path_factory):
    root = tmp_path_factory.mktemp("coord")
    folder = write_library(root, ARTICLES)
    lib = Library(get_paths(root / "home"), extra_sources=[folder])
    lib.update(rebuild=True)
    with lib.open() as index:
        yield index


def ids(response):
    return [r.id.rpartition("/")[2] for r in response.results]


def test_every_word_ranks_first_then_most_then_some(index):
    response = index.search("interest rates rise", limit=None)
    assert ids(response)[:2] == ["a_adjacent", "0_spread"]
    assert set(ids(response)[2:]) == {"b_two", "c_one"}
    assert ids(response).index("b_two") < ids(response).index("c_one")  # two words before one
    assert (response.all_words, response.total, response.total_exact) == (2, 4, True)


def test_words_next_to_each_other_rank_higher(index, monkeypatch):
    assert ids(index.search("interest rates rise", limit=2)) == ["a_adjacent", "0_spread"]
    # Without the bonus the spread article (shorter, indexed first) wins:
    # the bonus is what decides.
    monkeypatch.setattr(engine_module(index), "NEAR_WEIGHT", 0.0)
    assert ids(index.search("interest rates rise", limit=2)) == ["0_spread", "a_adjacent"]


def test_a_question_finds_its_article(index):
    # Every word required would find nothing ("why", "did" are in no article).
    assert index.search("+why +did +the +pound +fall +against +the +dollar").total == 0
    response = index.search("why did the pound fall against the dollar?")
    assert ids(response)[0] == "d_pound"
    assert response.all_words == 1  # question words are not required
    assert response.problem is None


def test_a_query_of_question_words_only_still_searches_them(index):
    parsed = index.parse("who did")
    assert "who" in str(parsed.query) and "did" in str(parsed.query)


@pytest.mark.parametrize(
    "query",
    ["interest AND rates AND rise", "+interest +rates +rise", "(interest rates rise)", '"interest rates rise"'],
)
def test_explicit_operators_keep_every_word_required(index, query):
    response = index.search(query, limit=None)
    assert ids(response) == ["a_adjacent"] if '"' in query else set(ids(response)) == {"a_adjacent", "0_spread"}
    assert response.all_words is None


def test_strict_parts_bind_every_loose_match(index):
    response = index.search("interest rates -mortgage", limit=None)
    assert "b_two" not in ids(response) and "0_spread" not in ids(response)
    assert set(ids(response)) == {"a_adjacent"}
    assert index.search("title:mortgage rates interest", limit=None).total == 1


def test_a_single_word_is_unchanged(index):
    response = index.search("rise", limit=None)
    assert response.all_words is None and set(ids(response)) == {"a_adjacent", "0_spread", "c_one"}


@pytest.mark.parametrize(("query", "found"), [("win", "e_winning"), ("tan", "e_winning"), ("falling", "d_pound")])
def test_stemming_conflates_word_forms(index, query, found):
    assert found in ids(index.search(query, limit=None))


def test_identical_articles_are_listed_once_with_their_copies(index):
    response = index.search("harbour", limit=None)
    (result,) = response.results
    assert result.copies == 2
    assert index.search("harbour reopened monday").results[0].copies == 2
    assert index.search("reopened", limit=1, offset=1).results == ()


def test_date_order_lists_every_word_matches_or_else_some(index):
    assert set(ids(index.search("interest rates rise", sort="date", limit=None))) == {"a_adjacent", "0_spread"}
    some = index.search("dollar harbour zebra", sort="date", limit=None)
    assert set(ids(some)) == {"d_pound", "f_copy"} or set(ids(some)) == {"d_pound", "g_copy"}
    assert some.all_words == 0


def test_a_typo_among_good_words_still_gets_a_suggestion(index):
    response = index.search("harbour reoppened")
    assert response.total == 1 and response.all_words == 0  # the article has "harbour" only
    assert response.suggestion == "harbour reopened"
    assert response.complete_matches == 0


QUESTION_ARTICLES = {
    # Every word of the question, each once, in passing.
    "passing.txt": "City diary\n\n"
    + " ".join(
        [
            "The mayor wants a new park.",
            "Shoppers buy more bread in winter.",
            "Traffic in London was slow.",
            "The shop took stock of its shelves.",
            "Pupils went on an exchange trip.",
        ]
        * 1
    )
    + " "
    + "Residents spoke about parking, schools, buses and the weather for a long time. " * 12
    + "\n",
    # The story: three of the five words, again and again, in the title too.
    "story.txt": "Bid for London Stock Exchange\n\n"
    + "Deutsche Boerse made a bid for the London Stock Exchange. The London Stock Exchange board "
    "said the bid undervalued the London Stock Exchange.\n",
}


@pytest.fixture(scope="module")
def question_index(engine, tmp_path_factory):
    root = tmp_path_factory.mktemp("question")
    lib = Library(get_paths(root / "home"), extra_sources=[write_library(root, QUESTION_ARTICLES)])
    lib.update(rebuild=True)
    with lib.open() as index:
        yield index


def test_a_question_ranks_the_story_above_passing_mentions_of_every_word(question_index):
    # Typed as keywords, the article with every word comes first ...
    keywords = question_index.search("wants buy london stock exchange")
    assert ids(keywords)[:2] == ["passing", "story"] and keywords.all_words == 1
    # ... typed as a question, relevance decides, every word adding a bonus.
    question = question_index.search("who wants to buy the london stock exchange")
    assert ids(question)[:2] == ["story", "passing"] and question.all_words == 1
    assert question_index.parse("who wants to buy the london stock exchange").question
    assert question_index.parse("london stock exchange bid?").question
    assert not question_index.parse("wants buy london stock exchange").question


@whoosh_only("pseudo-relevance feedback (Bo1 from the first matches) is the Whoosh engine's question ranking")
def test_feedback_words_rank_but_never_match_or_get_marked(index, monkeypatch):
    question = "why did the pound fall against the dollar"
    monkeypatch.setattr(search_module, "FEEDBACK_LIBRARY", 0)  # this library is tiny
    parsed = index.parse(question)
    searcher = index.searcher()
    _, unasked = index._with_feedback(searcher, parsed, search_module._word_terms(parsed))
    assert unasked  # words of the first matches that the question did not have
    helped = index.search(question, limit=None)
    monkeypatch.setattr(search_module, "FEEDBACK_DOCS", 0)
    plain = index.search(question, limit=None)
    assert set(ids(helped)) == set(ids(plain)) and (helped.total, helped.all_words) == (plain.total, plain.all_words)
    for result in helped.results:
        for start, end in result.snippet_hits:
            assert result.snippet[start:end].lower().startswith(("pound", "fall", "dollar"))
