"""Read state: persisted with the time it changed, undoable, never
overwriting a file it cannot read; is:read and is:unread in searches."""

from __future__ import annotations

import pytest

from reader.library import Library
from reader.paths import get_paths
from reader.readstate import ReadState, ReadStateError
from tests.helpers import ARTICLES, write_library


def test_marks_persist_with_the_time_they_changed_and_undo_restores(tmp_path):
    state = ReadState(tmp_path / "read.sqlite")
    assert state.read_ids() == frozenset()
    before = state.mark(["a", "b"], True)
    assert before == {"a": False, "b": False}
    assert state.changed("a") is not None and state.changed("zzz") is None
    again = ReadState(tmp_path / "read.sqlite")  # another process, later
    assert again.read_ids() == {"a", "b"}
    again.mark(["a"], False)
    assert state.read_ids() == {"b"}
    state.restore(before)
    assert again.read_ids() == frozenset()


def test_a_file_that_is_not_a_database_is_left_alone(tmp_path):
    path = tmp_path / "read.sqlite"
    path.write_bytes(b"these are my notes, not a database\n" * 20)
    state = ReadState(path)
    state.mark(["x"], True)  # kept in memory
    assert state.read_ids() == {"x"}
    assert isinstance(state.error, ReadStateError) and str(path) in str(state.error)
    assert path.read_bytes() == b"these are my notes, not a database\n" * 20


@pytest.fixture
def library(tmp_path):
    folder = write_library(tmp_path, ARTICLES)
    library = Library(get_paths(tmp_path / "home"), extra_sources=[folder])
    library.update()
    return library


def test_is_read_and_is_unread_filter_any_query(library):
    with library.open() as index:
        everything = index.search("", limit=None)
        first, second = everything.results[0].id, everything.results[1].id
        library.read_state.mark([first, second])
        read = index.search("is:read", limit=None)
        unread = index.search("is:unread", limit=None)
        assert {r.id for r in read.results} == {first, second} and read.total == 2
        assert unread.total == everything.total - 2 and first not in {r.id for r in unread.results}
        word = everything.results[0].title.split()[0]
        both = index.search(f"{word} is:unread", limit=None)
        plain = index.search(word, limit=None)
        assert {r.id for r in both.results} == {r.id for r in plain.results} - {first, second}
        assert both.total == len(both.results)
        paged = index.search("is:unread", limit=2, offset=2)
        assert [r.id for r in paged.results] == [r.id for r in unread.results[2:4]]
        assert "is: takes read or unread" in (index.search("is:starred").problem or "")


def test_scopes_count_unread_by_folder_and_forget_removed_articles(tmp_path):
    from reader.library import scopes

    folder = tmp_path / "my news"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(f"Story {name}\n\nText of {name}.\n")
    library = Library(get_paths(tmp_path / "home"), extra_sources=[folder])
    library.update()
    (folder / "c.txt").unlink()
    library.update()
    library.read_state.mark(["my news/a"])
    with library.open() as index:
        found = {(s.kind, s.name): s for s in scopes(library, index)}
        mine = found[("folder", "my news")]
        assert (mine.total, mine.unread) == (2, 1)
        assert found[("all", "All articles")].total == 3  # with the bundled seed
        # A folder name with a space is searched as one term.
        assert {r.id for r in index.search(mine.words, limit=None).results} == {"my news/a", "my news/b"}
