"""Search engines behind one interface: choosing one, switching, the query
tree, and the two engines answering every query alike."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.cli import main
from reader.index.engines import EngineUnavailable, check_engine, open_engine
from reader.index.query import make_parser, parse_query
from reader.index.schema import make_schema
from reader.index.tree import from_whoosh, to_whoosh
from reader.library import Library
from reader.paths import get_paths
from tests.helpers import ARTICLES, write_library

tantivy = pytest.importorskip("tantivy")


MORE = {
    "rates.txt": "Bank of England holds interest rates\n\nThe Bank of England kept interest rates at 4.75%. "
    "Economists said rates would rise next year; the bank's governor was winning praise.\n",
    "winning.txt": "Winning streak\n\nThe team won again, winning 3-0. A tanned coach said the win was deserved.\n",
    "economy.txt": "Economy grows\n\nThe economic data showed the economy grew 0.5% as the government spent more on schools.\n",
    "copy1.txt": "Harbour reopens\n\nThe harbour reopened on Monday after repairs.\n",
    "copy2.txt": "Harbour  reopens\n\nThe harbour reopened on Monday\nafter repairs.\n",
    "bank_far.txt": "Bank news\n\nThe bank in London told England and the bank of Scotland to agree.\n",
    "dotted.txt": "U.S. deal worth $3.5bn\n\nThe U.S. firm agreed a 3.5bn deal at 10 a.m. with snake_case names in e.mails.\n",
    "apart.txt": "Us and them\n\nThe us of 3 and 5bn, snake and case, e or mails.\n",
}

# Queries of every kind the language has; each engine must match the same articles.
QUERIES = [
    "karabakh",
    "interest rates",
    "interest rates rise",
    "why did the bank hold interest rates",
    '"bank of england"',
    '"interest rates"',
    "bank -england",
    "bank NOT england",
    "+bank rates",
    "chelsea OR arsenal",
    "(chelsea OR arsenal) AND london",
    "title:harbour",
    "dateline:baku",
    "source:news",
    "econom*",
    "goverment~",
    "winning",
    "win",
    "tan",
    "date:2023-09",
    "date:2023",
    "date:>2023-09-21 karabakh",
    "date:[2022-01-01 to 2022-12-31]",
    "*",
    "",
    "foo:bar karabakh",
    "harbour reopened",
    # Words Whoosh keeps whole and the Tantivy index holds in pieces: a
    # phrase of the pieces, never the pieces apart.
    "u.s",
    "3.5bn",
    "snake_case",
    "e.mails",
    '"the u.s. firm"',
    '"u.s. firm agreed a 3.5bn deal"',
    "title:u.s. deal",
    "u.s. deal",
]


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    """The same library indexed by each engine."""
    root = tmp_path_factory.mktemp("engines")
    folder = write_library(root, {**ARTICLES, **MORE})
    indexes = {}
    for name in ("whoosh", "tantivy"):
        lib = Library(get_paths(root / name), extra_sources=[folder], engine=name)
        lib.update(rebuild=True)
        indexes[name] = lib.open()
    yield indexes
    for index in indexes.values():
        index.close()


@pytest.mark.parametrize("text", QUERIES)
def test_both_engines_match_the_same_articles(both, text):
    answers = {name: index.search(text, limit=None) for name, index in both.items()}
    whoosh, tantivy_answer = answers["whoosh"], answers["tantivy"]
    assert sorted(r.id for r in tantivy_answer.results) == sorted(r.id for r in whoosh.results)
    assert (tantivy_answer.total, tantivy_answer.all_words) == (whoosh.total, whoosh.all_words)
    assert tantivy_answer.problem == whoosh.problem
    for a, b in zip(sorted(whoosh.results, key=lambda r: r.id), sorted(tantivy_answer.results, key=lambda r: r.id), strict=True):
        assert a.copies == b.copies
        assert a.title_hits == b.title_hits  # the same words marked


@pytest.mark.parametrize("text", ["interest rates rise", "bank rates", "harbour reopened"])
def test_both_engines_rank_every_word_first(both, text):
    for index in both.values():
        response = index.search(text, limit=None)
        complete = response.all_words
        assert complete is not None
        first = {r.id for r in response.results[:complete]}
        assert first == {r.id for r in index.search(" ".join(f"+{w}" for w in text.split()), limit=None).results}


def test_a_phrase_keeps_its_stop_words_place(both):
    """'"bank of england"' matches "Bank of England" and not the words apart
    ("bank in London told England", "bank of Scotland"): Tantivy keeps the
    place of the stop word the phrase left out (reader/index/query.py: gaps).
    (Any one word holds that place in Tantivy: "bank said England" would
    match there, and not in Whoosh, which skips stop words.)"""
    for index in both.values():
        ids = {r.id for r in index.search('"bank of england"', limit=None).results}
        assert ids == {"news/rates"}


def test_a_word_tantivy_holds_in_pieces_also_matches_them_side_by_side(tmp_path):
    """The one difference a word with a dot or an underscore makes: Whoosh
    holds "snake_case" whole, the Tantivy index as "snake" and "case" (its
    tokenizer is about three times as fast), so there it also matches those
    two words next to each other; never apart (reader/index/ENGINES.md)."""
    folder = write_library(
        tmp_path,
        {
            "whole.txt": "Names\n\nThe snake_case names.\n",
            "next.txt": "Snakes\n\nA snake case was found.\n",
            "apart.txt": "Snakes\n\nA snake, in case.\n",
        },
    )
    found = {}
    for name in ("whoosh", "tantivy"):
        library = Library(get_paths(tmp_path / name), extra_sources=[folder], engine=name)
        library.update(rebuild=True)
        with library.open() as index:
            found[name] = {r.id for r in index.search("snake_case", limit=None).results}
    assert found == {"whoosh": {"news/whole"}, "tantivy": {"news/whole", "news/next"}}


def test_both_engines_suggest_the_same_spelling(both):
    for text in ("harbour reoppened", "karabak", "econmy"):
        assert both["tantivy"].search(text).suggestion == both["whoosh"].search(text).suggestion


def test_both_engines_get_articles_and_group_them_alike(both):
    whoosh, tantivy_index = both["whoosh"], both["tantivy"]
    for article_id in ("news/alpha", "news/rates", "seeds/000_51a9c244470b2f12"):
        assert tantivy_index.get(article_id) == whoosh.get(article_id)
    assert tantivy_index.get("news/none") is None
    assert tantivy_index.group_ids("source") == whoosh.group_ids("source")
    assert tantivy_index.doc_count() == whoosh.doc_count()


def test_pages_of_a_query_add_up_to_the_whole(both):
    index = both["tantivy"]
    whole = [r.id for r in index.search("the OR bank OR rates OR harbour", limit=None).results]
    pages = [
        r.id
        for offset in range(0, len(whole), 3)
        for r in index.search("the OR bank OR rates OR harbour", limit=3, offset=offset).results
    ]
    assert pages == whole


# -- the query tree ----------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "oil",
        "rates",
        "bank",
        '"bank of england"',
        "-gas",
        "+tax",
        "NOT",
        "OR",
        "AND",
        "(",
        ")",
        "econ*",
        "t?x",
        "goverment~",
        "goverment~3",
        "title:harbour",
        "date:2023",
        "date:>2023-09-01",
        "date:[2022 to 2023]",
        "why",
        "the",
        "source:news",
        "is:read",
        "x:[a TO c]",
        "~",
        "*",
        ":",
        '"',
        "[",
        "]",
    ]
)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(_PIECES, max_size=8).map(" ".join))
def test_the_tree_gives_back_the_parsed_query(text):
    parser = make_parser(make_schema())
    parsed = parse_query(parser, text)
    for q in (parsed.query, parsed.loose, *parsed.words):
        if q is not None:
            assert to_whoosh(from_whoosh(q)) == q


# -- choosing and switching ---------------------------------------------------------


def test_config_chooses_the_engine_and_switching_rebuilds_with_a_message(tmp_path):
    folder = write_library(tmp_path)
    paths = get_paths(tmp_path / "home")
    paths.home.mkdir(parents=True, exist_ok=True)
    lib = Library(paths, extra_sources=[folder])
    lib.update()
    assert lib.store.ENGINE == "whoosh"
    paths.config.write_text("index:\n  engine: tantivy\n", encoding="utf-8")
    lib = Library(paths, extra_sources=[folder])
    assert lib.store.ENGINE == "tantivy" and lib.store.status() == "outdated"
    messages: list[str] = []
    with lib.open(notify=messages.append) as index:
        assert [r.id for r in index.search("karabakh").results]
    assert messages == [f"the index at {lib.store.dir} was built by whoosh; rebuilding it with tantivy…"]
    assert json.loads(lib.store.meta_path.read_text())["engine"] == "tantivy"
    paths.config.unlink()  # nothing configured: the engine that built the index
    assert Library(paths, extra_sources=[folder]).store.ENGINE == "tantivy"


def test_reader_index_engine_switches_and_later_commands_keep_it(tmp_path, capsys):
    home = str(tmp_path / "home")
    assert main(["--home", home, "index", "--engine", "tantivy"]) == 0
    capsys.readouterr()
    assert main(["--home", home, "search", "armenia", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 1
    assert json.loads((tmp_path / "home" / "index" / "meta.json").read_text())["engine"] == "tantivy"
    assert main(["--home", home, "index"]) == 0  # kept, nothing to do
    out, err = capsys.readouterr()
    assert "1 unchanged" in out and err == ""
    assert main(["--home", home, "index", "--engine", "whoosh"]) == 0
    out, err = capsys.readouterr()
    assert err == "reader: the index was built by tantivy; rebuilding it with whoosh\n"
    assert json.loads((tmp_path / "home" / "index" / "meta.json").read_text())["engine"] == "whoosh"


def test_an_engine_other_than_the_configured_one_is_refused(tmp_path, capsys):
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.yaml").write_text("index:\n  engine: whoosh\n", encoding="utf-8")
    assert main(["--home", str(home), "index", "--engine", "tantivy"]) == 1
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "config.yaml sets index: engine: whoosh" in err and "change it there" in err
    assert not (home / "index").exists()


def test_tantivy_without_the_extra_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("reader.index.tantivy_engine.available", lambda: False)
    with pytest.raises(EngineUnavailable) as caught:
        check_engine("tantivy")
    assert "pip install 'reader-tui[tantivy]'" in str(caught.value)
    assert main(["--home", str(tmp_path / "home"), "index", "--engine", "tantivy"]) == 1
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "pip install 'reader-tui[tantivy]'" in err
    (tmp_path / "home2").mkdir()
    (tmp_path / "home2" / "config.yaml").write_text("index:\n  engine: tantivy\n", encoding="utf-8")
    assert main(["--home", str(tmp_path / "home2"), "search", "karabakh"]) == 1
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "pip install 'reader-tui[tantivy]'" in err


def test_open_engine_gives_each_store_its_searcher(tmp_path):
    folder = write_library(tmp_path)
    for name, kind in (("whoosh", "ArticleIndex"), ("tantivy", "TantivyIndex")):
        lib = Library(get_paths(tmp_path / name), extra_sources=[folder], engine=name)
        lib.update()
        with open_engine(lib.store) as index:
            assert type(index).__name__ == kind
            assert index.search("karabakh").total == 3  # two articles and the bundled seed
