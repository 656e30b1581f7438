"""Colour themes from YAML files: loading, validation and discovery.

A theme is one file, ``NAME.yaml`` (or ``NAME.yml``), either shipped with
Reader (the ``themes/`` folder, :func:`reader.paths.bundled_themes`) or
written by the user in the home's ``themes/`` folder (``reader paths``).
A user theme with the same name as a shipped one replaces it.

The format::

    name: reader-dark          # must match the file name without .yaml
    dark: true                 # true for a dark background, false for light
    colors:                    # Textual theme colours
      primary: "#61afef"       # required; the others are derived when left out
      secondary: "#c678dd"
      accent: "#e5c07b"
      background: "#1e2127"
      surface: "#262a31"
      panel: "#2c313a"
      foreground: "#dcdfe4"
      warning: "#e5c07b"
      error: "#e06c75"
      success: "#98c379"
    styles:                    # Rich style strings for Reader's own highlights
      quote: "italic #98c379"              # quoted speech
      figure: "bold #61afef"               # figures (numbers, amounts, ...)
      figure-money: "bold #e5c07b"         # optional, per figure subtype
      hit: "bold #1e2127 on #e5c07b"       # words of the current search
      subheading: "bold underline #c678dd" # subheadings in an article
      bookmark: "bold #e06c75"             # the bookmark mark
      read: "dim"                          # articles already read
      unread: "bold"                       # articles not read yet
    variables:                 # optional: Textual variables the colours do not give
      block-cursor-background: "#1d3b5e"   # the selected row in lists
      block-cursor-text-style: "bold"
      button-color-foreground: ansi_black  # text on coloured buttons

``name``, ``dark``, ``colors`` (with at least ``primary``) and ``styles``
(with every key above except the ``figure-<subtype>`` ones) are required;
``variables`` is optional and takes the names in :data:`VARIABLE_KEYS`.
Figure subtypes are those of :data:`FIGURE_SUBTYPES`; a subtype without its
own style uses ``figure``.

Colours are Textual colours: ``#rgb``, ``#rgba``, ``#rrggbb``,
``#rrggbbaa``, ``rgb(r,g,b)``, ``rgba(r,g,b,a)``, ``hsl(h,s%,l%)``,
``hsla(h,s%,l%,a)``, a CSS colour name (``tomato``) or one of the terminal's
16 colours (``ansi_black`` ... ``ansi_bright_white``, and ``ansi_default``).
Quote colours that start with ``#``: unquoted, YAML reads them as a comment.

Styles are Rich style strings: attributes (``bold``, ``dim``, ``italic``,
``underline``, ``reverse``, ``strike``, ``not bold`` ...), a colour and
``on`` a background colour, for example ``"bold #1e2127 on #e5c07b"``; or
``none`` for plain text. Rich colours are names such as ``yellow``,
``bright_white`` or ``grey50``, ``#rrggbb`` or ``rgb(r,g,b)``. Links and
``color(N)`` are refused because the app passes each style on as a Textual
theme variable (``$reader-quote`` ...), which cannot hold them.

Variables override colours Textual derives from ``colors``: a colour, with an
optional opacity (``"#61afef 30%"``, ``auto 87%`` for black or white, whichever
contrasts), or for the ``*-text-style`` ones words such as ``bold reverse``.
The selected row of a list is drawn with the ``block-cursor-*`` variables;
a theme that sets none of them gets Reader's default, the theme's foreground
and background swapped (``bold reverse``), so every text colour keeps the
contrast it has on the background.

This module is part of the headless core: it never imports Textual
(:mod:`reader.tui.themes` turns a :class:`ThemeSpec` into a Textual theme).
Colours are checked here with the same rules as ``textual.color.Color.parse``;
a test keeps the two in step.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.files.text import DecodeError, decode_config_bytes
from reader.files.yaml import Problem, YamlError, describe_value, node_lines, parse_yaml
from reader.paths import bundled_themes

if TYPE_CHECKING:
    from rich.style import Style

    from reader.paths import Paths

DEFAULT_THEME = "reader-dark"
"""The theme used when none is configured, or the configured one is missing."""

THEME_SUFFIXES = (".yaml", ".yml")

TOP_KEYS = ("name", "dark", "colors", "styles", "variables")

COLOR_KEYS = (
    "primary",
    "secondary",
    "accent",
    "background",
    "surface",
    "panel",
    "foreground",
    "warning",
    "error",
    "success",
)
REQUIRED_COLORS = ("primary",)

FIGURE_SUBTYPES = (
    "count",
    "money",
    "percent",
    "quantity",
    "date",
    "age",
    "duration",
    "score",
    "other",
)
STYLE_KEYS = ("quote", "figure", "hit", "subheading", "bookmark", "read", "unread")
"""The required styles; ``figure-<subtype>`` ones are optional."""
FIGURE_STYLE_KEYS = tuple(f"figure-{subtype}" for subtype in FIGURE_SUBTYPES)
ALL_STYLE_KEYS = STYLE_KEYS + FIGURE_STYLE_KEYS

VARIABLE_KEYS = (
    "text",
    "text-muted",
    "text-disabled",
    "block-cursor-foreground",
    "block-cursor-background",
    "block-cursor-text-style",
    "block-cursor-blurred-foreground",
    "block-cursor-blurred-background",
    "block-cursor-blurred-text-style",
    "button-foreground",
    "button-color-foreground",
    "footer-foreground",
    "footer-background",
    "footer-key-foreground",
    "footer-description-foreground",
    "input-cursor-foreground",
    "input-cursor-background",
    "input-selection-background",
    "border",
    "border-blurred",
)
"""The Textual theme variables a theme may set under ``variables:``."""

TEXT_STYLE_WORDS = ("none", "bold", "dim", "italic", "underline", "reverse", "strike")
"""The words of a ``*-text-style`` variable."""


@dataclass(frozen=True)
class ThemeSpec:
    """One validated theme file."""

    name: str
    dark: bool
    colors: dict[str, str]
    """Textual colour name (``primary`` ...) -> colour; only those the file sets."""
    styles: dict[str, str]
    """Style key (``quote`` ...) -> Rich style string; only those the file sets."""
    path: Path
    origin: str  # "shipped" or "user"
    variables: dict[str, str] = field(default_factory=dict)
    """Textual variable (``block-cursor-background`` ...) -> value; only those the file sets."""


# --------------------------------------------------------------------------
# Errors


ThemeProblem = Problem
"""One thing wrong with a theme file."""


class ThemeError(YamlError):
    """A theme file cannot be used.

    ``problems`` lists every :class:`ThemeProblem` found; ``str(error)`` is
    the first one on one line (plus how many more there are). ``path``,
    ``line`` and ``key`` are those of the first problem.
    """

    def __init__(self, problems: list[ThemeProblem]) -> None:
        assert problems
        # Earliest line first; problems without a line (the whole file) lead.
        self.problems = sorted(problems, key=lambda problem: problem.line or 0)
        problems = self.problems
        first = problems[0]
        self.key = first.key
        fix = first.fix
        if len(problems) > 1:
            more = len(problems) - 1
            fix = (fix + " " if fix else "") + (
                f"(and {more} more problem{'s' if more > 1 else ''}; run 'reader themes check {first.path}')"
            )
        message = f"{first.key}: {first.problem}" if first.key else first.problem
        super().__init__(first.path, first.line, message, fix)


# --------------------------------------------------------------------------
# Colours (the rules of textual.color.Color.parse, without importing Textual)

ANSI_COLORS = (
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "white",
    "bright_black",
    "bright_red",
    "bright_green",
    "bright_yellow",
    "bright_blue",
    "bright_magenta",
    "bright_cyan",
    "bright_white",
)
"""The terminal's 16 colours; written ``ansi_<name>`` in a theme's colours."""

ANSI_COLOR_NAMES = tuple(f"ansi_{name}" for name in ANSI_COLORS) + ("ansi_default",)

CSS_COLOR_NAMES = frozenset(
    """
    transparent black silver gray white maroon red purple fuchsia green lime olive
    yellow navy blue teal aqua orange aliceblue antiquewhite aquamarine azure beige
    bisque blanchedalmond blueviolet brown burlywood cadetblue chartreuse chocolate
    coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod
    darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange
    darkorchid darkred darksalmon darkseagreen darkslateblue darkslategray
    darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey
    dodgerblue firebrick floralwhite forestgreen gainsboro ghostwhite gold goldenrod
    greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender
    lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
    lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon
    lightseagreen lightskyblue lightslategray lightslategrey lightsteelblue
    lightyellow limegreen linen magenta mediumaquamarine mediumblue mediumorchid
    mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise
    mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite oldlace
    olivedrab orangered orchid palegoldenrod palegreen paleturquoise palevioletred
    papayawhip peachpuff peru pink plum powderblue rosybrown royalblue saddlebrown
    salmon sandybrown seagreen seashell sienna skyblue slateblue slategray slategrey
    snow springgreen steelblue tan thistle tomato turquoise violet wheat whitesmoke
    yellowgreen rebeccapurple
""".split()
)

_DECIMAL = r"-?\d+\.?\d*"
_PERCENT = r"-?\d+\.?\d*%"
_COMMA = r"\s*,\s*"
_OPEN = r"\(\s*"
_CLOSE = r"\s*\)"
_RE_COLOR = re.compile(
    r"\#[0-9a-fA-F]{3}|\#[0-9a-fA-F]{4}|\#[0-9a-fA-F]{6}|\#[0-9a-fA-F]{8}"
    rf"|rgb{_OPEN}{_DECIMAL}{_COMMA}{_DECIMAL}{_COMMA}{_DECIMAL}{_CLOSE}"
    rf"|rgba{_OPEN}{_DECIMAL}{_COMMA}{_DECIMAL}{_COMMA}{_DECIMAL}{_COMMA}{_DECIMAL}{_CLOSE}"
    rf"|hsl{_OPEN}{_DECIMAL}{_COMMA}{_PERCENT}{_COMMA}{_PERCENT}{_CLOSE}"
    rf"|hsla{_OPEN}{_DECIMAL}{_COMMA}{_PERCENT}{_COMMA}{_PERCENT}{_COMMA}{_DECIMAL}{_CLOSE}"
)


def is_color(text: str) -> bool:
    """Whether ``text`` is a colour Textual accepts (``Color.parse`` rules)."""
    return text in ANSI_COLOR_NAMES or text in CSS_COLOR_NAMES or _RE_COLOR.fullmatch(text) is not None


def _color_fix(text: str) -> str:
    if not text.startswith(("#", "rgb", "hsl")):
        close = difflib.get_close_matches(text.lower(), sorted(CSS_COLOR_NAMES) + list(ANSI_COLOR_NAMES), n=1, cutoff=0.6)
        if close:
            return f"did you mean '{close[0]}'?"
    return 'use a colour such as "#61afef", rgb(97,175,239), a CSS name (tomato) or ansi_yellow'


_OPACITY = re.compile(r"(?:100|\d{1,2})(?:\.\d+)?%")


def _variable_problem(key: str, text: str) -> tuple[str, str] | None:
    """Why ``text`` cannot be the value of variable ``key``, as ``(problem, fix)``; ``None`` when fine."""
    words = text.split()
    if key.endswith("-text-style"):
        bad = [word for word in words if word.lower() not in TEXT_STYLE_WORDS]
        if not words or bad:
            return (f"{text!r} is not a text style", f"write words among {', '.join(TEXT_STYLE_WORDS)}, e.g. 'bold reverse'")
        return None
    if len(words) == 2 and _OPACITY.fullmatch(words[1]):
        words = words[:1]
    if len(words) == 1 and (words[0] == "auto" or is_color(words[0])):
        return None
    fix = _color_fix(words[0]) if len(words) == 1 else 'write one colour, optionally with an opacity: "#61afef 30%"'
    return f"{text!r} is not a colour", fix


# --------------------------------------------------------------------------
# Styles


def _style_problem(text: str) -> tuple[str, str] | None:
    """Why ``text`` is not a usable style string, as ``(problem, fix)``; ``None`` when fine."""
    from rich.errors import StyleSyntaxError
    from rich.style import Style

    if not text.strip():
        return "a style must not be empty", "write 'none' for plain text"
    try:
        Style.parse(text)
    except StyleSyntaxError as error:
        return (
            f"{text!r} is not a style ({error})",
            "write words such as 'bold italic #98c379 on #1e2127' (see 'reader themes --help')",
        )
    words = text.lower().split()
    if "link" in words:
        return f"{text!r} has a link", "remove 'link ...': a highlight cannot be a link"
    for word in words:
        if "(" in word and not word.startswith("rgb("):
            from rich.color import Color

            fix = "write the colour as #rrggbb or a name such as grey50"
            try:
                fix = f"write it as '{Color.parse(word).get_truecolor().hex}'"
            except Exception:  # noqa: BLE001 - only used for the hint
                pass
            return f"{word!r} cannot be used in a theme", fix
    return None


def style_strings(spec: ThemeSpec) -> dict[str, str]:
    """Every style key (:data:`ALL_STYLE_KEYS`) -> Rich style string.

    A ``figure-<subtype>`` the theme does not set gets the ``figure`` style.
    """
    styles = {key: spec.styles[key] for key in STYLE_KEYS}
    for key in FIGURE_STYLE_KEYS:
        styles[key] = spec.styles.get(key, spec.styles["figure"])
    return styles


def rich_styles(spec: ThemeSpec) -> dict[str, Style]:
    """Every style key (:data:`ALL_STYLE_KEYS`) -> parsed ``rich.style.Style``."""
    from rich.style import Style

    return {key: Style.parse(text) for key, text in style_strings(spec).items()}


# --------------------------------------------------------------------------
# Loading one file


_MISSING_FIX = {
    "name": "add 'name:' with the file name without .yaml",
    "dark": "add 'dark: true' for a dark background or 'dark: false' for a light one",
    "colors": "add 'colors:' with at least 'primary: \"#61afef\"'",
    "styles": "add 'styles:' with " + ", ".join(STYLE_KEYS),
}


class _Checker:
    """Turns parsed YAML into a :class:`ThemeSpec`, collecting problems."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.problems: list[ThemeProblem] = []
        self._lines: dict[tuple, int] | None = None

    def line(self, key: tuple) -> int:
        if self._lines is None:
            self._lines = node_lines(self.text)
        while key:
            if key in self._lines:
                return self._lines[key]
            key = key[:-1]
        return 1

    def error(self, key: tuple, problem: str, fix: str = "fix the value") -> None:
        self.problems.append(ThemeProblem(str(self.path), self.line(key), ".".join(map(str, key)), problem, fix))

    def mapping(self, value: Any, key: tuple, known: tuple[str, ...], what: str) -> dict:
        if not isinstance(value, dict):
            self.error(key, f"expected a mapping of {what}, got {describe_value(value)}", "write 'key: value' lines")
            return {}
        result = {}
        for name, item in value.items():
            if not isinstance(name, str) or name not in known:
                name = str(name)
                close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
                fix = f"did you mean '{close[0]}'?" if close else f"remove it (known keys: {', '.join(known)})"
                self.error(key + (name,), "unknown key", fix)
                continue
            result[name] = item
        return result

    def spec(self, raw: Any, origin: str) -> ThemeSpec | None:
        if raw is None:
            self.error((), "the file is empty", "see 'reader themes --help' for the format")
            return None
        top = self.mapping(raw, (), TOP_KEYS, "name, dark, colors, styles and variables")
        if not isinstance(raw, dict):
            return None
        for key, fix in _MISSING_FIX.items():
            if key not in top:
                self.error((key,), "missing", fix)
        name = top.get("name")
        stem = self.path.stem
        if "name" in top:
            if not isinstance(name, str) or not name.strip():
                self.error(("name",), f"expected the theme's name, got {describe_value(name)}", f"write 'name: {stem}'")
            elif name != stem:
                self.error(
                    ("name",),
                    f"{name!r} does not match the file name {self.path.name!r}",
                    f"write 'name: {stem}' or rename the file to {name}{self.path.suffix}",
                )
        dark = top.get("dark")
        if "dark" in top and not isinstance(dark, bool):
            self.error(
                ("dark",),
                f"expected true or false, got {describe_value(dark)}",
                "write 'dark: true' for a dark background, 'dark: false' for a light one",
            )
        colors = self.colors(top["colors"]) if "colors" in top else {}
        styles = self.styles(top["styles"]) if "styles" in top else {}
        variables = self.variables(top["variables"]) if top.get("variables") is not None else {}
        if self.problems:
            return None
        return ThemeSpec(name=name, dark=dark, colors=colors, styles=styles, path=self.path, origin=origin, variables=variables)

    def colors(self, value: Any) -> dict[str, str]:
        section = self.mapping(value, ("colors",), COLOR_KEYS, "Textual colours")
        if not isinstance(value, dict):
            return {}
        for key in REQUIRED_COLORS:
            if key not in section:
                self.error(("colors", key), "missing", f"add '{key}: \"#61afef\"' (or another colour) under colors")
        result: dict[str, str] = {}
        for key, color in section.items():
            where = ("colors", key)
            if color is None:
                self.error(
                    where,
                    "expected a colour, got nothing",
                    'put the colour in quotes, e.g. "#61afef" (an unquoted # starts a comment)',
                )
            elif not isinstance(color, str):
                self.error(where, f"expected a colour, got {describe_value(color)}", 'write a colour in quotes, e.g. "#61afef"')
            elif not is_color(color.strip()):
                self.error(where, f"{describe_value(color)} is not a colour", _color_fix(color.strip()))
            else:
                result[key] = color.strip()
        return result

    def variables(self, value: Any) -> dict[str, str]:
        section = self.mapping(value, ("variables",), VARIABLE_KEYS, "Textual variables")
        result: dict[str, str] = {}
        for key, text in section.items():
            where = ("variables", key)
            if not isinstance(text, str) or not text.strip():
                kind = "a text style" if key.endswith("-text-style") else "a colour"
                self.error(
                    where,
                    f"expected {kind}, got {describe_value(text)}",
                    'write e.g. "bold"'
                    if key.endswith("-text-style")
                    else 'put the colour in quotes, e.g. "#61afef" (an unquoted # starts a comment)',
                )
                continue
            problem = _variable_problem(key, text.strip())
            if problem:
                self.error(where, *problem)
            else:
                result[key] = " ".join(text.split())
        return result

    def styles(self, value: Any) -> dict[str, str]:
        section = self.mapping(value, ("styles",), ALL_STYLE_KEYS, "Rich styles")
        if not isinstance(value, dict):
            return {}
        for key in STYLE_KEYS:
            if key not in section:
                self.error(("styles", key), "missing", f"add '{key}: ...' under styles (e.g. '{key}: \"bold\"')")
        result: dict[str, str] = {}
        for key, style in section.items():
            where = ("styles", key)
            if not isinstance(style, str):
                self.error(where, f"expected a style string, got {describe_value(style)}", 'write a style such as "bold #61afef"')
                continue
            problem = _style_problem(style)
            if problem:
                self.error(where, *problem)
            else:
                result[key] = style.strip()
        return result


_KEY_LINE = re.compile(r"^( *)([A-Za-z0-9_-]+)\s*:(?:\s|$)")


def _key_near(text: str, line: int) -> str:
    """The dotted key (``colors.primary``) of the last ``key:`` line at or before ``line``.

    Only a hint for YAML that does not parse: it follows indentation, the
    way a reader of the file would.
    """
    stack: list[tuple[int, str]] = []
    for row in text.splitlines()[:line]:
        match = _KEY_LINE.match(row)
        if not match:
            continue
        indent = len(match.group(1))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, match.group(2)))
    return ".".join(name for _, name in stack)


def parse_theme(data: bytes | str, path: Path | str, origin: str = "user") -> ThemeSpec:
    """Validate theme text (bytes are decoded as UTF-8); raise :class:`ThemeError`."""
    path = Path(path)
    if path.suffix not in THEME_SUFFIXES:
        raise ThemeError(
            [ThemeProblem(str(path), None, "", "a theme file's name must end in .yaml", f"rename it to {path.stem}.yaml")]
        )
    try:
        text = decode_config_bytes(data, path) if isinstance(data, bytes) else data
    except DecodeError as error:
        raise ThemeError([ThemeProblem(str(path), error.line, "", error.problem, error.fix)]) from None
    try:
        raw = parse_yaml(text, path)
    except YamlError as error:
        key = _key_near(text, error.line) if error.line else ""
        raise ThemeError([ThemeProblem(str(path), error.line, key, error.problem, "fix the file and try again")]) from None
    checker = _Checker(path, text)
    spec = checker.spec(raw, origin)
    if checker.problems or spec is None:
        raise ThemeError(checker.problems)
    return spec


def load_theme_file(path: Path | str, origin: str = "user") -> ThemeSpec:
    """Read and validate one theme file; raise :class:`ThemeError` naming file, line and key."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ThemeError(
            [
                ThemeProblem(
                    str(path),
                    None,
                    "",
                    f"cannot read the file ({error.strerror or error})",
                    "check that it exists and can be read",
                )
            ]
        ) from None
    return parse_theme(data, path, origin)


# --------------------------------------------------------------------------
# Discovery


def theme_files(folder: Path) -> list[Path]:
    """The theme files in ``folder`` (``*.yaml``, ``*.yml``; not hidden), sorted; none if it is absent."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    return [entry for entry in entries if entry.suffix in THEME_SUFFIXES and not entry.name.startswith(".") and entry.is_file()]


def _load_folder(folder: Path, origin: str, themes: dict[str, ThemeSpec], errors: list[ThemeError]) -> None:
    seen: dict[str, Path] = {}
    for file in theme_files(folder):
        if file.stem in seen:
            errors.append(
                ThemeError(
                    [
                        ThemeProblem(
                            str(file),
                            None,
                            "",
                            f"theme {file.stem!r} is also defined by {seen[file.stem].name}",
                            "keep one of the two files",
                        )
                    ]
                )
            )
            continue
        seen[file.stem] = file
        try:
            spec = load_theme_file(file, origin)
        except ThemeError as error:
            errors.append(error)
            continue
        themes[spec.name] = spec


def discover_themes(paths: Paths, shipped: Path | None = None) -> tuple[dict[str, ThemeSpec], list[ThemeError]]:
    """Every usable theme by name, and the errors of the files that are not.

    Shipped themes come from ``shipped`` (default
    :func:`reader.paths.bundled_themes`), then user themes from
    ``paths.themes``; a user theme replaces a shipped one of the same name.
    Broken files are returned as errors, never raised, so the app can start
    with the others and say what is wrong.
    """
    themes: dict[str, ThemeSpec] = {}
    errors: list[ThemeError] = []
    _load_folder(shipped if shipped is not None else bundled_themes(), "shipped", themes, errors)
    _load_folder(paths.themes, "user", themes, errors)
    return themes, errors


# The default theme, for when even the shipped file is missing or broken.
# Kept identical to themes/reader-dark.yaml by a test.
FALLBACK_THEME = ThemeSpec(
    name=DEFAULT_THEME,
    dark=True,
    colors={
        "primary": "#61afef",
        "secondary": "#c678dd",
        "accent": "#e5c07b",
        "background": "#1e2127",
        "surface": "#262a31",
        "panel": "#2c313a",
        "foreground": "#dcdfe4",
        "warning": "#e5c07b",
        "error": "#e06c75",
        "success": "#98c379",
    },
    styles={
        "quote": "italic #98c379",
        "figure": "bold #61afef",
        "figure-money": "bold #d19a66",
        "figure-percent": "bold #56b6c2",
        "hit": "bold #1e2127 on #e5c07b",
        "subheading": "bold underline #c678dd",
        "bookmark": "bold #e48188",
        "read": "#9da5b4",
        "unread": "bold #dcdfe4",
    },
    path=bundled_themes() / f"{DEFAULT_THEME}.yaml",
    origin="shipped",
    variables={
        "block-cursor-background": "#1c3350",
        "block-cursor-foreground": "#dcdfe4",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#1c3350",
        "block-cursor-blurred-foreground": "#dcdfe4",
        "block-cursor-blurred-text-style": "none",
    },
)


def resolve_theme(name: str | None, themes: dict[str, ThemeSpec]) -> ThemeSpec:
    """The theme called ``name``; the default theme when there is none by that name.

    The default is :data:`DEFAULT_THEME` from ``themes``, or
    :data:`FALLBACK_THEME` when that is missing too, so this never fails.
    """
    if name and name in themes:
        return themes[name]
    return themes.get(DEFAULT_THEME, FALLBACK_THEME)
