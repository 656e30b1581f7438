"""The reader's highlight styles for the app's current theme.

Reader themes carry Rich style strings as theme variables (see
:mod:`reader.tui.themes`); themes without them (Textual's built-ins) use
the default theme's styles. ``current`` marks the span the viewer jumped to, ``speaker``
the label after a quote naming who said it.
"""

from __future__ import annotations

from rich.style import Style

from reader.tui.themes import styles_of

_cache: dict[int, dict[str, Style]] = {}


def reader_styles(app) -> dict[str, Style]:
    """Style per highlight key (``quote``, ``figure-money``, ``hit``, …, ``current``)."""
    theme = app.current_theme
    key = id(theme)
    styles = _cache.get(key)
    if styles is None:
        styles = dict(styles_of(theme))
        # Reverse alone can vanish with ANSI colours; the underline cannot.
        styles["current"] = Style(reverse=True, bold=True, underline2=True)
        # Who said a quote, put in after it: subtle, in any theme.
        styles["speaker"] = Style(dim=True, italic=True)
        _cache.clear()
        _cache[key] = styles
    return styles
