"""Reader's YAML themes as Textual themes.

:mod:`reader.themes` loads and validates the files; this module turns each
:class:`~reader.themes.ThemeSpec` into a ``textual.theme.Theme`` and
registers them with the app. Reader's highlight styles travel with the
Textual theme as variables named ``reader-<key>`` (``reader-quote``,
``reader-figure-money``, ...), each holding a Rich style string, so the
current styles are always those of ``app.current_theme``;
:func:`styles_of` reads them back as Rich styles, falling back to the
default theme's styles for themes that do not have them (Textual's
built-in themes). A theme's ``variables:`` are passed on as Textual
variables; the selected row of a list (Textual's ``block-cursor-*``
variables) is the theme's foreground and background swapped unless the
theme sets one of those, because Reader's rows carry their own text
colours (read, unread, tags, bookmark mark), which Textual's default, a
``$primary`` bar, can hide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.theme import Theme

from reader.themes import (
    ALL_STYLE_KEYS,
    DEFAULT_THEME,
    FALLBACK_THEME,
    ThemeSpec,
    discover_themes,
    style_strings,
)

if TYPE_CHECKING:
    from rich.style import Style
    from textual.app import App

    from reader.paths import Paths

VARIABLE_PREFIX = "reader-"


def variable_name(key: str) -> str:
    """The Textual theme variable that holds style ``key`` (``quote`` -> ``reader-quote``)."""
    return VARIABLE_PREFIX + key


def reader_variables(spec: ThemeSpec) -> dict[str, str]:
    """``reader-<key>`` -> Rich style string, for every style key (figure subtypes included)."""
    return {variable_name(key): text for key, text in style_strings(spec).items()}


BLOCK_CURSOR_PREFIX = "block-cursor-"


def selection_variables(theme: Theme) -> dict[str, str]:
    """Reader's default selected row for ``theme``: its foreground and background swapped.

    With ``reverse`` each piece of text in the row keeps the contrast it
    has on the theme's background, whatever its colour.
    """
    colors = theme.to_color_system().generate()
    background, foreground = colors["background"], colors["foreground"]
    return {
        "block-cursor-background": background,
        "block-cursor-foreground": foreground,
        "block-cursor-text-style": "bold reverse",
        "block-cursor-blurred-background": background,
        "block-cursor-blurred-foreground": foreground,
        "block-cursor-blurred-text-style": "reverse",
    }


def to_textual_theme(spec: ThemeSpec) -> Theme:
    """The Textual theme for ``spec``: its name, colours, ``dark``, variables and Reader's styles."""
    colors = spec.colors
    theme = Theme(
        name=spec.name,
        primary=colors["primary"],
        secondary=colors.get("secondary"),
        accent=colors.get("accent"),
        background=colors.get("background"),
        surface=colors.get("surface"),
        panel=colors.get("panel"),
        foreground=colors.get("foreground"),
        warning=colors.get("warning"),
        error=colors.get("error"),
        success=colors.get("success"),
        dark=spec.dark,
        variables={**spec.variables, **reader_variables(spec)},
    )
    if not any(name.startswith(BLOCK_CURSOR_PREFIX) for name in spec.variables):
        theme.variables.update(selection_variables(theme))
    return theme


def _check_usable(theme: Theme) -> None:
    """Raise if Textual cannot build colours and variables from ``theme``.

    :mod:`reader.themes` already checks with the same rules; this catches any
    disagreement with the installed Textual before the app switches to it.
    """
    from textual.css.tokenize import tokenize_values

    theme.to_color_system().generate()
    tokenize_values(theme.variables)


def register_themes(app: App, paths: Paths) -> list[str]:
    """Register every shipped and user theme with ``app``; return one message per broken file.

    The messages are one line each (file, line, key, problem and fix), for
    the app to show as notifications. Broken themes are not registered, so
    :func:`reader.themes.resolve_theme` (or :func:`pick_theme`) falls back
    to the default.
    """
    themes, errors = discover_themes(paths)
    messages = [str(error) for error in errors]
    for spec in themes.values():
        theme = to_textual_theme(spec)
        try:
            _check_usable(theme)
        except Exception as error:  # noqa: BLE001 - report, do not crash the app
            messages.append(f"{spec.path}: Textual cannot use this theme ({error})")
            continue
        app.register_theme(theme)
    return messages


def pick_theme(app: App, name: str | None) -> str:
    """The name to set ``app.theme`` to for a configured theme ``name``.

    ``name`` when the app knows it (a registered Reader theme or one of
    Textual's built-ins), else :data:`~reader.themes.DEFAULT_THEME` when it
    is registered, else Textual's own default theme.
    """
    available = app.available_themes
    if name and name in available:
        return name
    if DEFAULT_THEME in available:
        return DEFAULT_THEME
    return "textual-dark"


def styles_of(theme: Theme | None, default: ThemeSpec | None = None) -> dict[str, Style]:
    """Reader's Rich styles for a Textual ``theme``: style key -> ``rich.style.Style``.

    Keys are :data:`reader.themes.ALL_STYLE_KEYS`. Styles the theme does not
    carry (Textual's built-in themes carry none) come from ``default``
    (:data:`reader.themes.FALLBACK_THEME`, the shipped default, when not given).
    """
    from rich.style import Style

    defaults = style_strings(default or FALLBACK_THEME)
    variables = theme.variables if theme is not None else {}
    styles: dict[str, Style] = {}
    for key in ALL_STYLE_KEYS:
        text = variables.get(variable_name(key), defaults[key])
        try:
            styles[key] = Style.parse(text)
        except Exception:  # noqa: BLE001 - a hand-made Theme with a bad variable
            styles[key] = Style.parse(defaults[key])
    return styles
