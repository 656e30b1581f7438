"""WCAG contrast of the colours the app draws, for the theme tests.

Two ways to get at those colours:

* :class:`Palette` resolves Textual theme variables (``$panel``,
  ``$text-muted``, ``$block-cursor-background`` ...) the way Textual does:
  ``Theme.to_color_system().generate()`` plus the theme's own variables,
  alpha blended over what lies beneath, ``auto`` as black or white,
  the terminal's 16 colours through Textual's terminal palette.
* :func:`screen_cells` reads what the app actually painted (Pilot), one
  ``(character, foreground, background)`` per cell, after Textual's filters.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from rich.terminal_theme import TerminalTheme

RGB = tuple[int, int, int]

MIN_CONTRAST = 4.5
"""WCAG 2 level AA for normal text."""

DIM_FACTOR = 0.66
"""How far Textual blends dim text from the background towards its colour (TEXTUAL_DIM_FACTOR)."""


def relative_luminance(rgb: RGB) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(one: RGB, two: RGB) -> float:
    """WCAG 2 contrast ratio, 1 to 21."""
    high, low = sorted((relative_luminance(one), relative_luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def hex_of(rgb: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def blend(under: RGB, over: RGB, factor: float) -> RGB:
    """``over`` at opacity ``factor`` on ``under`` (Textual's ``Color.blend``)."""
    return tuple(int(a + (b - a) * factor) for a, b in zip(under, over))  # type: ignore[return-value]


def terminal_theme(dark: bool) -> TerminalTheme:
    """The palette Textual turns the terminal's 16 colours into (``App.ansi_theme``)."""
    from textual.app import App

    reactive = App.ansi_theme_dark if dark else App.ansi_theme_light
    return reactive._default


class Palette:
    """The colours of one Textual theme, resolved as the app resolves them."""

    def __init__(self, theme) -> None:
        self.theme = theme
        variables = theme.to_color_system().generate()
        variables.update(theme.variables)  # what App.get_css_variables does
        self.variables = variables
        self.terminal = terminal_theme(theme.dark)

    def _ansi_rgb(self, color, foreground: bool) -> RGB:
        return tuple(color.rich_color.get_truecolor(self.terminal, foreground=foreground))

    def color(self, value: str, under: RGB | None = None, *, foreground: bool = True) -> RGB:
        """The RGB a CSS colour value (``$panel``, ``auto 87%``, ``#61afef 30%``) paints over ``under``."""
        from textual.color import Color

        words = value.split()
        if words and words[0].startswith("$"):
            words = self.variables[words[0][1:]].split() + words[1:]
        alpha = 1.0
        if len(words) == 2 and words[1].endswith("%"):
            alpha = float(words[1][:-1]) / 100
            words = words[:1]
        (word,) = words
        if under is None:
            under = self.color("$background", (0, 0, 0), foreground=False)
        if word == "auto":
            color = Color(*under).get_contrast_text(alpha)
        else:
            color = Color.parse(word)
            if color.ansi is not None:
                # Textual cannot blend the terminal's colours: they paint as they are.
                return self._ansi_rgb(color, foreground)
            color = color.multiply_alpha(alpha)
        if color.a >= 1:
            return (color.r, color.g, color.b)
        return blend(under, (color.r, color.g, color.b), color.a)

    def rich(self, style: Style, fg: RGB, bg: RGB) -> tuple[RGB, RGB]:
        """Foreground and background of ``style`` (a Rich style) drawn on ``fg`` / ``bg``."""
        if style.bgcolor is not None:
            bg = self.rich_color(style.bgcolor, foreground=False)
        if style.color is not None:
            fg = self.rich_color(style.color, foreground=True)
        if style.dim:
            fg = blend(bg, fg, DIM_FACTOR)
        if style.reverse:
            fg, bg = bg, fg
        return fg, bg

    def rich_color(self, color: RichColor, *, foreground: bool) -> RGB:
        return tuple(color.get_truecolor(self.terminal, foreground=foreground))


class Cell(NamedTuple):
    x: int
    y: int
    char: str
    fg: RGB
    bg: RGB


def screen_cells(app) -> list[list[Cell]]:
    """Every cell of the app's screen as painted (modal screens over the ones beneath)."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    terminal = app.ansi_theme
    default_fg = tuple(terminal.foreground_color)
    default_bg = tuple(terminal.background_color)
    rows: list[list[Cell]] = []
    for y, line in enumerate(update.strips):
        row: list[Cell] = []
        for part in line:
            for segment in [part] if isinstance(part, Segment) else part:
                if segment.control:
                    continue
                style = segment.style or Style()
                fg = tuple(style.color.get_truecolor(terminal, True)) if style.color else default_fg
                bg = tuple(style.bgcolor.get_truecolor(terminal, False)) if style.bgcolor else default_bg
                if style.dim:
                    fg = blend(bg, fg, DIM_FACTOR)
                if style.reverse:
                    fg, bg = bg, fg
                for char in segment.text:
                    row.append(Cell(len(row), y, char, fg, bg))
        rows.append(row)
    return rows


def is_text(char: str) -> bool:
    """A character that is read (letters, digits, punctuation, marks), not a box or block glyph."""
    if not char.strip():
        return False
    code = ord(char)
    return not (0x2500 <= code <= 0x25FF or 0xE000 <= code <= 0xF8FF)
