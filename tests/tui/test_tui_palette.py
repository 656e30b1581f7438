"""The command palette: every action, with its key as mapped now."""

from __future__ import annotations

from textual.command import CommandPalette

from reader.config import Config
from reader.tui.commands import COMMAND_TEXT, reader_commands
from reader.tui.screens.bookmarks import BookmarksScreen, ExportDialog
from reader.tui.screens.main import MainScreen
from tests.tui_helpers import make_app, run_from_palette, wait_for, wait_results, wait_saved


async def test_export_runs_from_the_palette(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("escape", "b", "j", "b")
        await wait_saved(pilot)
        await run_from_palette(pilot, "export", "Export bookmarks")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog))
        out = tmp_path / "out" / "all.json"
        app.screen.query_one("#export-format").value = "json"
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(out)
        await pilot.click("#export-go")
        await wait_saved(pilot)
        text = out.read_text(encoding="utf-8")
        assert text.count('"id":') == 2
        assert isinstance(app.screen, MainScreen)


async def test_every_app_and_main_screen_action_is_a_command(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        commands = reader_commands(app, app.screen)
        actions = {(type(c.node).__name__, c.action) for c in commands}
        for owner in (type(app), MainScreen):
            for binding in owner.BINDINGS:
                assert (owner.__name__, binding.action) in actions, binding.id
        titles = [c.title for c in commands]
        assert len(titles) == len(set(titles)), titles
        assert {"Export bookmarks", "Open selected result", "Re-index library", "Rebuild index", "Next quote"} <= set(titles)
        # Every palette wording belongs to a binding that exists.
        ids = {binding.id for _, _, owner in app.binding_areas() for binding in owner.BINDINGS}
        assert set(COMMAND_TEXT) <= ids


async def test_commands_show_their_keys_as_remapped(tmp_path):
    app = make_app(tmp_path, config=Config(keys={"app.toggle_outline": "O", "article.next_quote": "ctrl+n"}))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        helps = {c.title: c.help_text for c in reader_commands(app, app.screen)}
        assert helps["Toggle outline"].endswith("(O)")
        assert helps["Next quote"].endswith("(^n)")
        assert helps["Help"].endswith("(?, f1)")
        # And in the palette itself.
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        for char in "toggle outline":
            await pilot.press(char if char != " " else "space")

        def shown() -> str:
            commands = app.screen.query_one("CommandList")
            return str(commands.get_option_at_index(0).prompt) if commands.option_count else ""

        await wait_for(pilot, lambda: shown().startswith("Toggle outline"))
        assert "(O)" in shown()


async def test_list_commands_are_left_out_while_the_filter_has_the_focus(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("escape", "b")
        await wait_saved(pilot)
        await pilot.press("ctrl+b")
        screen = app.screen
        assert isinstance(screen, BookmarksScreen)
        titles = {c.title for c in reader_commands(app, screen)}
        assert "Remove bookmark" not in titles and "Export bookmarks" in titles
        await pilot.press("down")  # to the list
        titles = {c.title for c in reader_commands(app, screen)}
        assert {"Remove bookmark", "Undo remove", "Export bookmarks"} <= titles
        await run_from_palette(pilot, "remove bookmark", "Remove bookmark")
        await wait_saved(pilot)
        assert app.bookmarks.entries() == [] and screen.shown == []
