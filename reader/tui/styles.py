"""The reader's own highlight styles, taken from the active theme.

Reader themes carry Rich style strings as theme variables named
``reader-<key>`` (see ``themes/*.yaml``). Textual's built-in themes do not,
so for them the styles are derived from the theme's colours.
"""

from __future__ import annotations

from rich.style import Style

FIGURE_SUBTYPES = ("count", "money", "percent", "quantity", "date", "age", "duration", "score", "other")
KEYS = ("quote", "figure", "hit", "subheading", "bookmark", "read", "unread", "current")


def _derived(theme) -> dict[str, str]:
    background = theme.background or ("#000000" if theme.dark else "#ffffff")
    accent = theme.accent or theme.warning or "yellow"
    return {
        "quote": f"italic {theme.success or 'green'}",
        "figure": f"bold {theme.primary}",
        "hit": f"bold {background} on {accent}",
        "subheading": f"bold underline {theme.secondary or theme.primary}",
        "bookmark": f"bold {theme.error or 'red'}",
        "read": "dim",
        "unread": "bold",
        "current": "reverse",
    }


def reader_styles(app) -> dict[str, Style]:
    """Style per highlight key (and ``figure-<subtype>``) for the app's theme."""
    theme = app.current_theme
    variables = dict(getattr(theme, "variables", {}) or {})
    base = _derived(theme)
    styles: dict[str, Style] = {}
    for key in KEYS:
        text = variables.get(f"reader-{key}", base[key])
        styles[key] = _parse(text, base[key])
    for subtype in FIGURE_SUBTYPES:
        text = variables.get(f"reader-figure-{subtype}")
        styles[f"figure-{subtype}"] = _parse(text, None) if text else styles["figure"]
    return styles


def _parse(text: str | None, fallback: str | None) -> Style:
    try:
        return Style.parse(text or "")
    except Exception:  # noqa: BLE001 - a bad style string in a theme
        return Style.parse(fallback) if fallback else Style()
