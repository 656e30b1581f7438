"""Themes and key remapping in the running app."""

from __future__ import annotations

from reader.config import Config
from reader.tui.app import ArticleView
from reader.tui.screens.themes import ThemePicker
from reader.tui.styles import reader_styles
from tests.tui_helpers import make_app, wait_results


async def test_default_theme_is_reader_dark(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_results(pilot, "")
        assert app.theme == "reader-dark"


async def test_configured_theme_and_unknown_theme_falls_back(tmp_path):
    app = make_app(tmp_path / "a", config=Config(theme="reader-light"))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_results(pilot, "")
        assert app.theme == "reader-light"
    app = make_app(tmp_path / "b", config=Config(theme="no-such-theme"))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_results(pilot, "")
        assert app.theme == "reader-dark"
        assert any("no-such-theme" in n.message for n in app._notifications)


async def test_ctrl_t_previews_live_and_escape_reverts(tmp_path):
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("enter")
        hit_before = reader_styles(app)["hit"]
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, ThemePicker)
        await pilot.press("down")
        previewed = app.theme
        assert previewed != "reader-dark"
        await pilot.press("escape")
        assert app.theme == "reader-dark"
        await pilot.press("ctrl+t", "down", "enter")
        assert app.theme == previewed and not isinstance(app.screen, ThemePicker)
        assert reader_styles(app)["hit"] != hit_before or previewed.startswith("textual")


async def test_broken_user_theme_notifies_and_app_still_runs(tmp_path):
    app = make_app(tmp_path, config=Config(theme="broken"))
    themes = app.paths.themes
    themes.mkdir(parents=True)
    (themes / "broken.yaml").write_text("name: broken\ncolors:\n  primary: notacolour\n")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_results(pilot, "")
        assert app.theme == "reader-dark"
        messages = " ".join(n.message for n in app._notifications)
        assert "broken.yaml" in messages


async def test_remapped_key_works_and_help_shows_it(tmp_path):
    from reader.tui.screens.help import binding_rows
    from tests.tui_helpers import type_query

    app = make_app(tmp_path, config=Config(keys={"article.next_hit": "ctrl+n", "app.toggle_outline": "ctrl+o"}))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_results(pilot, "")
        await type_query(pilot, "karabakh")
        await pilot.press("enter")
        await pilot.press("n")  # no longer bound
        assert app.query_one(ArticleView).current is None
        viewer = app.query_one(ArticleView)
        await pilot.press("ctrl+n")
        assert viewer.current is not None and viewer.current[0] == "hit"
        await pilot.press("ctrl+o")
        assert app.screen.has_class("-outline")
        rows = {row[3]: row[1] for row in binding_rows(app)}
        assert rows["article.next_hit"] == "^n"
        assert rows["app.toggle_outline"] == "^o"


async def test_unknown_binding_id_in_keys_is_reported(tmp_path):
    app = make_app(tmp_path, config=Config(keys={"nope.action": "x"}))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_results(pilot, "")
        assert any("nope.action" in n.message for n in app._notifications)


async def test_every_binding_has_an_id_and_defaults_do_not_clash(tmp_path):
    from reader.tui.screens.help import key_clashes

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_results(pilot, "")
        for _, _, owner in app.binding_areas():
            for binding in owner.BINDINGS:
                assert binding.id, (owner.__name__, binding)
        assert key_clashes(app) == []


async def test_remapping_onto_a_used_key_is_reported(tmp_path):
    app = make_app(tmp_path, config=Config(keys={"app.toggle_outline": "n"}))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_results(pilot, "")
        messages = " ".join(n.message for n in app._notifications)
        assert "'n' is bound to both" in messages and "app.toggle_outline" in messages and "article.next_hit" in messages
