"""Painting the answer to a keystroke as soon as it is ready.

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

:class:`CollectorHold` keeps Python's garbage collector from running between
a keystroke and the frame that answers it.
"""

from __future__ import annotations

import gc
import inspect
from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from textual.message_pump import MessagePump
    from textual.timer import Timer


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


# The longest the collector is held back for one wait (a search that never
# answers: no index, cancelled): automatic collections come back after it.
HOLD_MAX_S = 1.0


class CollectorHold:
    """Python's garbage collector held back while a person waits for a
    frame: from a keystroke until its answer is painted.

    Typing a query allocates fast (the search's results, the list's new
    lines), so the collector ran about 25 times a keystroke, and every
    fifth keystroke or so a full collection of 20-50 ms landed inside the
    wait for the answer. Held back, it runs once the answer is on screen,
    in the time before the next key. Textual does the same while a scroll
    animates (``App.PAUSE_GC_ON_SCROLL``).

    Never held longer than HOLD_MAX_S at a time, and the collector is turned
    back on only if it was on when held (a scroll may hold it too)."""

    def __init__(self) -> None:
        self._turned_off = False
        self._timer: Timer | None = None

    @property
    def held(self) -> bool:
        return self._turned_off

    def hold(self, owner: MessagePump) -> None:
        """Hold the collector back (nothing when held already, or off)."""
        if self._turned_off or not gc.isenabled():
            return
        gc.disable()
        self._turned_off = True
        self._timer = owner.set_timer(HOLD_MAX_S, self.release, name="collector hold")

    def release(self) -> None:
        """Let the collector run again."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._turned_off:
            self._turned_off = False
            gc.enable()
