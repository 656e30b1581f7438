"""Painting a frame as soon as the screen is ready for it.

Textual composes a screen's frames on an update timer (``TEXTUAL_FPS``, 60
a second). After a pause the first change is painted at once, but the timer
then sets its next tick one to two periods after that first frame (17 to 33
ms at 60 frames a second) instead of at the next period's end: the timer
skips a period more than the ones it missed while paused
(``textual.timer.Timer._run``). A keystroke is such a change: its echo in
the search box is the first frame, and the answer to the search, handed
over 10 to 25 ms later, waited for that late second tick.

:func:`paint_now` composes the frame in the screen's idle time, as the tick
would, without waiting for it. It is for an answer a person is waiting for
(a search's results), not for every change: frames that follow one another
are still paced by the timer.
"""

from __future__ import annotations

import inspect

from textual.screen import Screen


async def paint_now(screen: Screen) -> None:
    """Lay out and paint what changed on ``screen`` now, as its update timer
    would at its next tick (``Screen._on_timer_update``, which does nothing
    when nothing changed, when the screen is not the current one, or in a
    batch update). Without that method (a Textual that has none) the frame
    waits for the timer as usual."""
    paint = getattr(screen, "_on_timer_update", None)
    if paint is None:
        return
    result = paint()
    if inspect.isawaitable(result):
        await result
