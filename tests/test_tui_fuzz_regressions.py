"""Regressions found by the whole-app fuzzer (tests/test_app_fuzz.py).

Each test is the shortest key sequence that showed the defect, as a plain
Pilot test.
"""

from __future__ import annotations

from tests.tui_helpers import make_app, wait_results


async def test_resize_under_a_dialog_lays_out_the_main_screen(tmp_path):
    """A resize while a dialog is open switched the dialog to the narrow
    layout instead of the main screen, which kept its old layout."""
    from reader.tui.screens.themes import ThemePicker

    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_results(pilot, "")
        await pilot.press("ctrl+t")
        assert isinstance(app.screen, ThemePicker)
        await pilot.resize_terminal(40, 12)
        await pilot.press("escape")
        assert not isinstance(app.screen, ThemePicker)
        assert app.screen.has_class("-narrow")
        await pilot.press("ctrl+t")
        await pilot.resize_terminal(120, 40)
        await pilot.press("escape")
        assert not app.screen.has_class("-narrow")
