"""Reader remembers searches: the history (up/down, ctrl+r) and saved searches, in the app.

One journey goes through a whole session the way a person would and checks
the app's state after every step, then a second app on the same home sees
what the first one remembered. The other tests are the broken-file cases.
"""

from __future__ import annotations

from reader.searches import read_history
from reader.tui.app import ArticleView, ResultsList
from reader.tui.screens.searches import HistorySearch, SavedSearchesScreen, SaveSearchDialog
from reader.tui.widgets.search import SearchInput
from tests.tui_helpers import make_app, record_notifications, run_from_palette, type_query, wait_for, wait_results

TOPICS = ["budget", "harbour", "railway", "orchard", "glacier"]


def articles() -> dict[str, str]:
    """Three short articles per topic (so a query finds several), each with its own title."""
    return {
        f"m{n:02d}.txt": f"The {TOPICS[n % 5]} report number {n}\n\nOfficials said the {TOPICS[n % 5]} plan costs {n + 2} million.\n"
        for n in range(15)
    }


def result_ids(app) -> list[str]:
    return [result.id for result in app.query_one(ResultsList).results]


async def shows(pilot, query: str) -> None:
    """The search box holds ``query`` and the results are its answer."""
    app = pilot.app
    await wait_results(pilot, query)
    assert app.query_one(SearchInput).value == query
    assert app.response.query == query
    assert result_ids(app) == [r.id for r in app.index.search(query, limit=50, snippets=0, suggest=False).results]


async def reading(pilot, article_id: str) -> None:
    app = pilot.app
    viewer = app.query_one(ArticleView)
    await wait_for(pilot, lambda: viewer.article is not None and viewer.article.id == article_id)
    assert app.focused is viewer


def history(app) -> list[str]:
    """The app's history, checked against history.txt (oldest first)."""
    assert read_history(app.paths.history) == app.history.entries
    return app.history.entries


def saved(app) -> dict[str, str]:
    """The saved searches in searches.yaml, checked against the app's store."""
    from reader.searches import SavedSearches

    on_disk = SavedSearches(app.paths.searches).load().all()
    assert app.saved_searches.all() == on_disk
    return {search.name: search.query for search in on_disk}


async def test_a_session_that_remembers_its_searches(tmp_path):
    app = make_app(tmp_path, articles=articles())
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        search = app.query_one(SearchInput)
        assert history(app) == [] and saved(app) == {}

        # Search and open the top result with enter: the query is recorded.
        await type_query(pilot, "budget")
        assert history(app) == []  # typing alone records nothing
        top = result_ids(app)[0]
        await pilot.press("enter")
        await reading(pilot, top)
        assert history(app) == ["budget"]

        # Back to the results; search again and open the second result from the list.
        await pilot.press("escape")
        assert app.focused is app.query_one(ResultsList)
        await type_query(pilot, "harbour")
        await pilot.press("down", "j")
        second = app.query_one(ResultsList).current.id
        await pilot.press("enter")
        await reading(pilot, second)
        assert history(app) == ["budget", "harbour"]

        # Type a draft, then walk the history: up older, down newer, past the newest the draft.
        await type_query(pilot, "railway")
        await pilot.press("up")
        await shows(pilot, "harbour")
        await pilot.press("up")
        await shows(pilot, "budget")
        await pilot.press("up")  # the oldest: stays
        await shows(pilot, "budget")
        await pilot.press("down")
        await shows(pilot, "harbour")
        await pilot.press("down")
        await shows(pilot, "railway")
        assert search.walk is None and app.focused is search
        await pilot.press("down")  # at the draft, down goes to the results as before
        assert app.focused is app.query_one(ResultsList)
        assert history(app) == ["budget", "harbour"]  # walking records nothing

        # ctrl+r: filter the history, enter reruns the older query.
        await pilot.press("slash", "ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, HistorySearch))
        assert app.screen.shown == ["harbour", "budget"]  # newest first
        for char in "BUD":
            await pilot.press(char)
        assert app.screen.shown == ["budget"]
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, HistorySearch))
        await shows(pilot, "budget")
        assert app.focused is search
        # escape cancels: the box keeps its query.
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, HistorySearch))
        await pilot.press("down", "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, HistorySearch))
        await shows(pilot, "budget")
        # Opening a result of the rerun query moves it to the newest place.
        top = result_ids(app)[0]
        await pilot.press("enter")
        await reading(pilot, top)
        assert history(app) == ["harbour", "budget"]

        # Save the search (ctrl+s works while reading too) under a name.
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SaveSearchDialog))
        for char in "money":
            await pilot.press(char)  # replaces the suggested name (the query)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, SaveSearchDialog))
        assert saved(app) == {"money": "budget"}

        # Search something else, then run the saved search from the palette.
        await type_query(pilot, "glacier")
        await run_from_palette(pilot, "saved searches", "Saved searches…")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedSearchesScreen))
        assert [s.name for s in app.screen.shown] == ["money"]
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, SavedSearchesScreen))
        await shows(pilot, "budget")
        assert app.focused is search

        # Remove it from that list.
        await run_from_palette(pilot, "saved searches", "Saved searches…")
        await wait_for(pilot, lambda: isinstance(app.screen, SavedSearchesScreen))
        screen = app.screen
        await pilot.press("d")
        assert screen.shown == [] and saved(app) == {}
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, SavedSearchesScreen))
        await shows(pilot, "budget")

        # Open another article; save its search for the next session.
        await type_query(pilot, "orchard")
        top = result_ids(app)[0]
        await pilot.press("enter")
        await reading(pilot, top)
        assert history(app) == ["harbour", "budget", "orchard"]
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SaveSearchDialog))
        await pilot.press("enter")  # the suggested name: the query itself
        await wait_for(pilot, lambda: not isinstance(app.screen, SaveSearchDialog))
        assert saved(app) == {"orchard": "orchard"}
        await pilot.press("q")
    assert app.return_code == 0

    # A new app on the same home remembers both.
    again = make_app(tmp_path, articles=articles())
    async with again.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        assert again.history.entries == ["harbour", "budget", "orchard"]
        await pilot.press("up")
        await shows(pilot, "orchard")
        await run_from_palette(pilot, "saved searches", "Saved searches…")
        await wait_for(pilot, lambda: isinstance(again.screen, SavedSearchesScreen))
        assert [(s.name, s.query) for s in again.screen.shown] == [("orchard", "orchard")]
        await pilot.press("escape")
        await pilot.press("ctrl+q")
    assert again.return_code == 0


async def test_a_broken_history_is_reported_kept_and_the_session_still_remembers(tmp_path):
    app = make_app(tmp_path, articles=articles())
    data = b"budget\nharbour \xff\n"
    app.paths.history.parent.mkdir(parents=True, exist_ok=True)
    app.paths.history.write_bytes(data)
    shown = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_results(pilot, "")
        assert any(f"{app.paths.history}:2: the search history is not valid UTF-8" in message for message, _, _ in shown)
        assert app.history.memory_only
        await type_query(pilot, "glacier")
        await pilot.press("enter")
        await type_query(pilot, "railway")
        await pilot.press("enter")
        assert app.history.entries == ["glacier", "railway"]
        await pilot.press("slash", "up")
        await shows(pilot, "glacier")
        await pilot.press("ctrl+q")
    assert app.paths.history.read_bytes() == data
    assert len([message for message, _, _ in shown if "history" in message]) == 1  # said once, at the start


async def test_a_broken_searches_file_is_reported_and_kept(tmp_path):
    app = make_app(tmp_path, articles=articles())
    data = b"searches:\n  money: [budget\n"
    app.paths.searches.parent.mkdir(parents=True, exist_ok=True)
    app.paths.searches.write_bytes(data)
    shown = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_results(pilot, "")
        assert any(message.startswith(f"{app.paths.searches}:3: invalid YAML") for message, _, _ in shown)
        shown.clear()
        await type_query(pilot, "budget")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, SaveSearchDialog))
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, SaveSearchDialog))
        assert [(title, severity) for _, title, severity in shown] == [("Search not saved", "error")]
        assert "cannot be changed until the file is fixed" in shown[0][0]
        app.main.action_saved_searches()
        await wait_for(pilot, lambda: isinstance(app.screen, SavedSearchesScreen))
        assert app.screen.shown == []
        await pilot.press("d", "escape")
        await pilot.press("ctrl+q")
    assert app.paths.searches.read_bytes() == data


async def test_nothing_to_save_in_an_empty_search_box(tmp_path):
    app = make_app(tmp_path, articles=articles())
    shown = record_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("ctrl+s")
        await run_from_palette(pilot, "search history", "Search history…")
        await wait_for(pilot, lambda: isinstance(app.screen, HistorySearch))
        assert app.screen.shown == []  # no history yet: the popup says so
        await pilot.press("enter")  # nothing to choose: stays
        assert isinstance(app.screen, HistorySearch)
        await pilot.press("escape")
        assert ("Type a query first: the search box is empty", "Nothing to save", "warning") in shown
        assert not app.paths.searches.exists() and not app.paths.history.exists()
        await pilot.press("ctrl+q")
