"""The search history (history.txt) and the saved searches (searches.yaml): headless stores."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import ReaderError
from reader.files.atomic import WriteError
from reader.searches import (
    HISTORY_CAP,
    HistoryError,
    SavedSearch,
    SavedSearches,
    SearchesError,
    SearchHistory,
    UnknownSearch,
    clean_query,
    matching,
    parse_searches,
    read_history,
)
from tests.tui_helpers import disk_full


@pytest.fixture
def history_file(reader_home) -> Path:
    return reader_home / "history.txt"


@pytest.fixture
def searches_file(reader_home) -> Path:
    return reader_home / "searches.yaml"


def is_clean(query: str) -> bool:
    """One line of printable text with single spaces: what a stored query must be."""
    return (
        bool(query)
        and query == query.strip()
        and "  " not in query
        and len(query.splitlines()) == 1
        and not any(unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp") for char in query)
    )


# ---------------------------------------------------------------------------
# Cleaning


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  karabakh  ", "karabakh"),
        ("karabakh\n-russia", "karabakh -russia"),
        ("a\tb\r\nc\u2028d\u2029e f", "a b c d e f"),
        ("next\x85line", "nextline"),  # NEL is a C1 control: dropped
        ("red \x1b[31malert\x1b[0m", "red alert"),
        ("bell\x07 and\x00 nul", "bell and nul"),
        ("rl\u202eo", "rlo"),
        ("lone \ud800 surrogate", "lone ? surrogate"),
        (" \n\t ", ""),
        ('"exact phrase" date:2023', '"exact phrase" date:2023'),
    ],
)
def test_clean_query(raw, clean):
    assert clean_query(raw) == clean


# ---------------------------------------------------------------------------
# History


def test_history_records_newest_last_without_repeats_or_blanks(history_file):
    history = SearchHistory(history_file).load()
    assert history.entries == [] and not history_file.exists()
    for query in ["karabakh", "markets", "  ", "karabakh", "london\nbudget"]:
        history.add(query)
    assert history.entries == ["markets", "karabakh", "london budget"]
    assert history_file.read_text(encoding="utf-8") == "markets\nkarabakh\nlondon budget\n"
    assert history.newest_first() == ["london budget", "karabakh", "markets"]
    assert history.add("\t") is False
    assert SearchHistory(history_file).load().entries == history.entries  # as a restart reads it


def test_history_is_capped_at_the_oldest_end(history_file):
    history = SearchHistory(history_file, cap=3)
    for n in range(5):
        history.add(f"query {n}")
    assert history.entries == ["query 2", "query 3", "query 4"]
    assert read_history(history_file, cap=3) == history.entries
    assert HISTORY_CAP == 500


def test_two_histories_on_one_file_add_to_each_other(history_file):
    first, second = SearchHistory(history_file).load(), SearchHistory(history_file).load()
    first.add("from the first")
    second.add("from the second")
    assert second.entries == ["from the first", "from the second"]
    first.add("again the first")
    assert read_history(history_file) == ["from the first", "from the second", "again the first"]


def test_filtering_is_substring_casefold_newest_first():
    entries = ["Karabakh ceasefire", "markets", "karabakh refugees", "london"]
    assert matching(entries, "KARA") == ["karabakh refugees", "Karabakh ceasefire"]
    assert matching(entries, "") == entries[::-1]
    assert matching(entries, "  KARA  ") == matching(entries, "kara")  # white space folded as in the stored queries
    assert matching(entries, "h \n c") == ["Karabakh ceasefire"]
    assert matching(entries, "ar") == ["karabakh refugees", "markets", "Karabakh ceasefire"]


_ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=()), max_size=30)
"""Any text at all: control characters, line breaks, escapes, surrogates."""
_QUERIES = st.one_of(_ANY_TEXT, st.sampled_from(["karabakh", "karabakh ", "\nkarabakh", "markets", " ", ""]))


def _no_fsync():
    """Saves without waiting for the disk: these properties are about what is written, and
    syncing hundreds of small files costs seconds on a busy machine."""
    return mock.patch("os.fsync")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(queries=st.lists(_QUERIES, max_size=25), cap=st.integers(1, 8))
def test_persisted_history_is_clean_unique_capped_newest_last(queries, cap):
    with tempfile.TemporaryDirectory() as folder, _no_fsync():
        path = Path(folder) / "history.txt"
        history = SearchHistory(path, cap=cap)
        for query in queries:
            history.add(query)
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        lines = text.split("\n")
        assert lines[-1] == ""  # every entry ends with a newline
        stored = lines[:-1]
        assert stored == history.entries == read_history(path, cap)
        assert all(is_clean(line) for line in stored)
        assert len(stored) == len(set(stored)) <= cap
        recorded = [clean_query(query) for query in queries if clean_query(query)]
        if recorded:
            assert stored[-1] == recorded[-1]  # the newest is last
        # the newest distinct queries, in the order last used
        assert stored == list(dict.fromkeys(reversed(recorded)))[:cap][::-1]


# -- broken history files: never overwritten, kept in memory only --------------------


@pytest.mark.parametrize(
    ("data", "line", "problem"),
    [
        (b"karabakh\nmarkets \xff\xfe\n", 2, "not valid UTF-8 (byte 0xff)"),
        (b"karabakh\n\x00\x01\x02binary\n", 2, "control characters"),
        (b"ok\nred \x1b[31m\n", 2, "control characters"),
    ],
    ids=["undecodable", "binary", "escape sequence"],
)
def test_a_broken_history_is_reported_and_left_alone(history_file, data, line, problem):
    history_file.write_bytes(data)
    history = SearchHistory(history_file)
    with pytest.raises(HistoryError) as caught:
        history.load()
    message = str(caught.value)
    assert message.startswith(f"{history_file}:{line}: ") and problem in message
    assert "in memory only" in message and "move it away or delete it" in message
    assert history.memory_only
    history.add("karabakh")
    history.add("markets")
    assert history.entries == ["karabakh", "markets"]  # this session's history works
    assert history_file.read_bytes() == data  # and the file is as it was
    with pytest.raises(HistoryError):
        history.load()  # still memory only: not read again behind the session's back


def test_a_history_path_that_is_a_folder_is_reported(history_file):
    history_file.mkdir()
    with pytest.raises(HistoryError, match="cannot read the search history"):
        SearchHistory(history_file).load()


def test_a_history_broken_during_the_session_is_reported_once(history_file):
    history = SearchHistory(history_file).load()
    history.add("karabakh")
    history_file.write_bytes(b"\xff\n")
    with pytest.raises(HistoryError):
        history.add("markets")
    history.add("london")  # from now on in memory only, silently
    assert history.entries == ["karabakh", "markets", "london"]
    assert history_file.read_bytes() == b"\xff\n"


def test_a_failed_history_write_keeps_the_file_and_the_query_in_memory(history_file):
    history = SearchHistory(history_file).load()
    history.add("karabakh")
    with disk_full(), pytest.raises(WriteError, match="disk is full"):
        history.add("markets")
    assert history.entries == ["karabakh", "markets"]
    assert history_file.read_text(encoding="utf-8") == "karabakh\n"
    assert not history.memory_only  # the next add tries again
    history.add("london")
    assert read_history(history_file) == ["karabakh", "london"]


def test_history_files_written_by_hand_are_read_cleanly(history_file):
    history_file.write_bytes(b"\xef\xbb\xbfkarabakh\r\n\n  spaced   out  \r\nkarabakh\n\ttabbed\n")
    assert SearchHistory(history_file).load().entries == ["spaced out", "karabakh", "tabbed"]


# ---------------------------------------------------------------------------
# Saved searches


def test_save_replace_remove(searches_file):
    store = SavedSearches(searches_file)
    assert store.load().all() == [] and not searches_file.exists()
    assert store.save("caucasus", "karabakh OR armenia") is None
    assert store.save("  money\n", "budget  -london") is None
    old = store.save("caucasus", "karabakh date:2023")
    assert old == SavedSearch("caucasus", "karabakh OR armenia")
    expected = [SavedSearch("caucasus", "karabakh date:2023"), SavedSearch("money", "budget -london")]
    assert store.all() == expected  # replaced in its place
    assert SavedSearches(searches_file).load().all() == expected  # as written
    assert searches_file.with_name("searches.yaml.bak").exists()  # the previous version is kept
    assert store.remove("caucasus") == expected[0]
    assert SavedSearches(searches_file).load().all() == expected[1:]
    assert store.get("money").query == "budget -london"


def test_saved_searches_file_is_plain_yaml(searches_file):
    SavedSearches(searches_file).save("yes", "2023")
    SavedSearches(searches_file).save("quote's", 'say "hi": now')
    text = searches_file.read_text(encoding="utf-8")
    assert text.startswith("# Saved searches")
    import yaml

    assert yaml.safe_load(text) == {"searches": {"yes": "2023", "quote's": 'say "hi": now'}}


def test_unknown_names_list_the_known_ones(searches_file):
    store = SavedSearches(searches_file)
    with pytest.raises(UnknownSearch, match="there are none yet; save one with 'reader searches save NAME QUERY'"):
        store.get("anything")
    store.save("caucasus", "karabakh")
    store.save("markets", "title:markets")
    with pytest.raises(UnknownSearch) as caught:
        store.remove("caucasas")
    assert str(caught.value) == "no saved search 'caucasas'; did you mean 'caucasus'? (saved searches: 'caucasus', 'markets')"
    with pytest.raises(UnknownSearch, match=r"^no saved search 'zzz' \(saved searches: 'caucasus', 'markets'\)$"):
        store.get("zzz")


@pytest.mark.parametrize(("name", "query"), [("", "karabakh"), (" \n ", "karabakh"), ("name", ""), ("name", "\x1b[0m")])
def test_blank_names_and_queries_are_refused(searches_file, name, query):
    with pytest.raises(ReaderError, match="needs a name|the query is empty"):
        SavedSearches(searches_file).save(name, query)
    assert not searches_file.exists()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_ANY_TEXT, _ANY_TEXT), max_size=6))
def test_whatever_is_saved_reads_back_as_saved(pairs):
    with tempfile.TemporaryDirectory() as folder, _no_fsync():
        path = Path(folder) / "searches.yaml"
        store = SavedSearches(path)
        expected: dict[str, str] = {}
        for name, query in pairs:
            if clean_query(name) and clean_query(query):
                store.save(name, query)
                expected[clean_query(name)] = clean_query(query)
        again = SavedSearches(path).load().all()
        assert {search.name: search.query for search in again} == expected
        assert [search.name for search in again] == list(expected)
        assert all(is_clean(search.name) and is_clean(search.query) for search in again)


# -- broken searches.yaml: a message with file, line and fix; never overwritten -------------


BROKEN = [
    ("searches:\n  a: [unclosed\n", 3, "invalid YAML", "fix the file"),
    (b"searches:\n  caf\xe9: x\n", 2, "not valid UTF-8 (byte 0xe9)", "save the file as UTF-8"),
    ("searches:\n  ok: karabakh\n  two: 2023\n", 3, "searches.two: expected a query, got 2023", "put the query in quotes"),
    ("searches:\n  2023: karabakh\n", 2, "searches.2023: expected a name, got 2023", "put the name in quotes"),
    ("searches:\n  empty:\n", 2, "searches.empty: expected a query, got nothing", "put the query in quotes"),
    ("searches:\n  blank: '  '\n", 2, "searches.blank: the query is empty", "give a query or remove the line"),
    ('searches:\n  "bell\\a": x\n', 2, "searches.bell\\x07: the name holds control characters", "on one line"),
    ("searches:\n  - karabakh\n", 1, "searches: expected a mapping of name -> query, got a list", "write lines like"),
    ("- karabakh\n", 1, "expected 'searches:' and its name: query lines, got a list", "write 'searches:' first"),
    ("serches:\n  a: b\n", 1, "serches: unknown key", "did you mean 'searches'?"),
    ("searches:\n  a: b\n  a: c\n", 3, "searches.a: given twice (first on line 2)", "keep one of them"),
]


@pytest.mark.parametrize(("text", "line", "problem", "fix"), BROKEN, ids=[case[2].split(":")[0] for case in BROKEN])
def test_a_broken_searches_file_is_reported_and_never_overwritten(searches_file, text, line, problem, fix):
    data = text.encode("utf-8") if isinstance(text, str) else text
    searches_file.write_bytes(data)
    store = SavedSearches(searches_file)
    with pytest.raises(SearchesError) as caught:
        store.load()
    message = str(caught.value)
    assert message.startswith(f"{searches_file}:{line}: {problem}"), message
    assert fix in message and "cannot be changed until the file is fixed" in message
    assert "\n" not in message and "\x07" not in message
    assert store.error is caught.value
    with pytest.raises(SearchesError):
        store.save("new", "karabakh")
    with pytest.raises(SearchesError):
        store.remove("a")
    assert searches_file.read_bytes() == data
    assert not searches_file.with_name("searches.yaml.bak").exists()


def test_an_empty_or_comment_only_file_has_no_searches(searches_file):
    for text in ("", "# nothing yet\n", "searches:\n"):
        searches_file.write_text(text, encoding="utf-8")
        assert SavedSearches(searches_file).load().all() == []


def test_a_fixed_file_can_be_changed_again(searches_file):
    searches_file.write_text("searches:\n  a: 1\n", encoding="utf-8")
    store = SavedSearches(searches_file)
    with pytest.raises(SearchesError):
        store.load()
    searches_file.write_text("searches:\n  a: '1'\n", encoding="utf-8")
    store.save("b", "2")
    assert store.error is None and [s.name for s in store.all()] == ["a", "b"]


def test_parse_searches_cleans_values():
    assert parse_searches("searches:\n  caucasus:   karabakh    -russia \n") == [SavedSearch("caucasus", "karabakh -russia")]


def test_a_searches_path_that_cannot_be_read_is_reported(searches_file):
    searches_file.mkdir()
    with pytest.raises(SearchesError, match=r"cannot read the file \(Is a directory\); check its permissions"):
        SavedSearches(searches_file).load()


def test_the_readme_example_is_a_valid_searches_file():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### History and saved searches") :]
    example = section[section.index("```yaml\n") + len("```yaml\n") : section.index("```\n", section.index("```yaml"))]
    assert [search.name for search in parse_searches(example, "README.md")] == ["caucasus", "money"]
