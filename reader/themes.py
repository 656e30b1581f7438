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
from typing import TYPE_CHECKING, Annotated

from msgspec import UNSET, Meta, Struct, UnsetType, defstruct
from msgspec.structs import fields

from reader.choices import FIGURE_SUBTYPES
from reader.files.schema import Checker, Invalid, set_fields
from reader.files.text import DecodeError, decode_config_bytes
from reader.files.yaml import Problem, YamlError, describe_value, parse_yaml
from reader.paths import bundled_themes

if TYPE_CHECKING:
    from rich.style import Style

    from reader.paths import Paths

DEFAULT_THEME = "reader-dark"
"""The theme used when none is configured, or the configured one is missing."""

THEME_SUFFIXES = (".yaml", ".yml")

STYLE_KEYS = ("quote", "figure", "hit", "subheading", "bookmark", "read", "unread")
"""The required styles; ``figure-<subtype>`` ones are optional."""
FIGURE_STYLE_KEYS = tuple(f"figure-{subtype}" for subtype in FIGURE_SUBTYPES)
ALL_STYLE_KEYS = STYLE_KEYS + FIGURE_STYLE_KEYS

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


def _color(text: str) -> str:
    text = text.strip()
    if not is_color(text):
        raise Invalid(f"{describe_value(text)} is not a colour", _color_fix(text))
    return text


def _color_variable(text: str) -> str:
    """A variable's colour, optionally with an opacity (``"#61afef 30%"``, ``auto 87%``)."""
    words = text.split()
    if len(words) == 2 and _OPACITY.fullmatch(words[1]):
        words = words[:1]
    if len(words) == 1 and (words[0] == "auto" or is_color(words[0])):
        return " ".join(text.split())
    fix = _color_fix(words[0]) if len(words) == 1 else 'write one colour, optionally with an opacity: "#61afef 30%"'
    raise Invalid(f"{text.strip()!r} is not a colour", fix)


def _text_style(text: str) -> str:
    """The words of a ``*-text-style`` variable (``bold reverse``)."""
    if any(word.lower() not in TEXT_STYLE_WORDS for word in text.split()):
        raise Invalid(
            f"{text.strip()!r} is not a text style", f"write words among {', '.join(TEXT_STYLE_WORDS)}, e.g. 'bold reverse'"
        )
    return " ".join(text.split())


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


def _style(text: str) -> str:
    problem = _style_problem(text)
    if problem:
        raise Invalid(*problem)
    return text.strip()


# --------------------------------------------------------------------------
# The format: declared once, checked by reader.files.schema

_IN_QUOTES = 'put the colour in quotes, e.g. "#61afef" (an unquoted # starts a comment)'

Color = Annotated[
    str,
    Meta(
        extra={"expected": "a colour", "fix": 'write a colour in quotes, e.g. "#61afef"', "nothing": _IN_QUOTES, "check": _color}
    ),
]
"""A Textual colour (``Color.parse`` rules): ``#61afef``, ``rgb(...)``, ``tomato``, ``ansi_yellow``."""

RichStyle = Annotated[
    str, Meta(extra={"expected": "a style string", "fix": 'write a style such as "bold #61afef"', "check": _style})
]
"""A Rich style string that can be a Textual theme variable: ``"bold #1e2127 on #e5c07b"``."""

ColorVariable = Annotated[str, Meta(min_length=1, extra={"expected": "a colour", "fix": _IN_QUOTES, "check": _color_variable})]
TextStyleVariable = Annotated[
    str, Meta(min_length=1, extra={"expected": "a text style", "fix": 'write e.g. "bold"', "check": _text_style})
]


class Colors(Struct, forbid_unknown_fields=True, frozen=True):
    """Textual theme colours; ``primary`` is required, Textual derives the others when left out."""

    primary: Annotated[Color, Meta(extra={"missing_fix": "add 'primary: \"#61afef\"' (or another colour) under colors"})]
    secondary: Color | UnsetType = UNSET
    accent: Color | UnsetType = UNSET
    background: Color | UnsetType = UNSET
    surface: Color | UnsetType = UNSET
    panel: Color | UnsetType = UNSET
    foreground: Color | UnsetType = UNSET
    warning: Color | UnsetType = UNSET
    error: Color | UnsetType = UNSET
    success: Color | UnsetType = UNSET


if TYPE_CHECKING:  # built from STYLE_KEYS at run time; to the type checker, a Struct read through set_fields
    Styles = Struct
else:
    Styles = defstruct(
        "Styles",
        [
            (key, Annotated[RichStyle, Meta(extra={"missing_fix": f"add '{key}: ...' under styles (e.g. '{key}: \"bold\"')"})])
            for key in STYLE_KEYS
        ]
        + [(f"figure_{subtype}", RichStyle | UnsetType, UNSET) for subtype in FIGURE_SUBTYPES],
        forbid_unknown_fields=True,
        frozen=True,
        rename="kebab",
        module=__name__,
    )
"""Rich styles of Reader's own highlights: every key of :data:`STYLE_KEYS`, and optionally ``figure-<subtype>``."""


class Variables(Struct, forbid_unknown_fields=True, frozen=True, rename="kebab"):
    """The Textual theme variables a theme may set (colours Textual would derive from ``colors``)."""

    text: ColorVariable | UnsetType = UNSET
    text_muted: ColorVariable | UnsetType = UNSET
    text_disabled: ColorVariable | UnsetType = UNSET
    block_cursor_foreground: ColorVariable | UnsetType = UNSET
    block_cursor_background: ColorVariable | UnsetType = UNSET
    block_cursor_text_style: TextStyleVariable | UnsetType = UNSET
    block_cursor_blurred_foreground: ColorVariable | UnsetType = UNSET
    block_cursor_blurred_background: ColorVariable | UnsetType = UNSET
    block_cursor_blurred_text_style: TextStyleVariable | UnsetType = UNSET
    button_foreground: ColorVariable | UnsetType = UNSET
    button_color_foreground: ColorVariable | UnsetType = UNSET
    footer_foreground: ColorVariable | UnsetType = UNSET
    footer_background: ColorVariable | UnsetType = UNSET
    footer_key_foreground: ColorVariable | UnsetType = UNSET
    footer_description_foreground: ColorVariable | UnsetType = UNSET
    input_cursor_foreground: ColorVariable | UnsetType = UNSET
    input_cursor_background: ColorVariable | UnsetType = UNSET
    input_selection_background: ColorVariable | UnsetType = UNSET
    border: ColorVariable | UnsetType = UNSET
    border_blurred: ColorVariable | UnsetType = UNSET


class ThemeFile(Struct, forbid_unknown_fields=True, frozen=True):
    """One theme file, ``NAME.yaml``."""

    name: Annotated[
        str,
        Meta(
            min_length=1,
            extra={
                "expected": "the theme's name",
                "fix": "write the file name without .yaml",
                "missing_fix": "add 'name:' with the file name without .yaml",
            },
        ),
    ]
    dark: Annotated[
        bool,
        Meta(
            extra={
                "fix": "write 'dark: true' for a dark background, 'dark: false' for a light one",
                "missing_fix": "add 'dark: true' for a dark background or 'dark: false' for a light one",
            }
        ),
    ]
    colors: Annotated[
        Colors,
        Meta(
            extra={
                "expected": "a mapping of Textual colours",
                "missing_fix": "add 'colors:' with at least 'primary: \"#61afef\"'",
            }
        ),
    ]
    styles: Annotated[
        Styles, Meta(extra={"expected": "a mapping of Rich styles", "missing_fix": "add 'styles:' with " + ", ".join(STYLE_KEYS)})
    ]
    variables: Annotated[Variables, Meta(extra={"expected": "a mapping of Textual variables"})] | UnsetType = UNSET


TOP_KEYS = tuple(item.encode_name for item in fields(ThemeFile))
COLOR_KEYS = tuple(item.encode_name for item in fields(Colors))
REQUIRED_COLORS = tuple(item.encode_name for item in fields(Colors) if item.required)
VARIABLE_KEYS = tuple(item.encode_name for item in fields(Variables))
"""The Textual theme variables a theme may set under ``variables:``."""
assert tuple(item.encode_name for item in fields(Styles)) == ALL_STYLE_KEYS


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
    checker = Checker(path, text, duplicates=True)
    if raw is None:
        checker.report((), "the file is empty", "see 'reader themes --help' for the format")
        raise ThemeError(checker.problems)
    theme = checker.check(ThemeFile, raw)
    if isinstance(raw, dict) and isinstance(raw.get("name"), str) and raw["name"].strip() and raw["name"] != path.stem:
        checker.report(
            ("name",),
            f"{raw['name']!r} does not match the file name {path.name!r}",
            f"write 'name: {path.stem}' or rename the file to {raw['name']}{path.suffix}",
        )
    if checker.problems or theme is None:
        raise ThemeError(checker.problems)
    return ThemeSpec(
        name=theme.name,
        dark=theme.dark,
        colors=set_fields(theme.colors),
        styles=set_fields(theme.styles),
        path=path,
        origin=origin,
        variables=set_fields(theme.variables) if theme.variables is not UNSET else {},
    )


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


# --------------------------------------------------------------------------
# Textual's built-in themes, read without importing Textual


def builtin_themes() -> dict[str, bool]:
    """Textual's built-in theme names -> dark.

    Read from the source of ``textual.theme`` so that listing themes does not
    import Textual; falls back to importing it when the source cannot be read.
    """
    try:
        return _builtin_themes_from_source()
    except Exception:  # noqa: BLE001 - any surprise: ask Textual itself
        pass
    try:
        from textual.theme import BUILTIN_THEMES
    except ImportError:
        return {}
    return {name: theme.dark for name, theme in BUILTIN_THEMES.items()}


def _builtin_themes_from_source() -> dict[str, bool]:
    import ast
    import importlib.util

    spec = importlib.util.find_spec("textual")
    if spec is None or not spec.submodule_search_locations:
        raise LookupError("textual is not installed")
    source = Path(next(iter(spec.submodule_search_locations))) / "theme.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    for node in tree.body:
        target = (
            node.target
            if isinstance(node, ast.AnnAssign)
            else (node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else None)
        )
        if (
            isinstance(node, (ast.AnnAssign, ast.Assign))
            and isinstance(target, ast.Name)
            and target.id == "BUILTIN_THEMES"
            and isinstance(node.value, ast.Dict)
        ):
            themes: dict[str, bool] = {}
            for key, value in zip(node.value.keys, node.value.values):
                if not (isinstance(key, ast.Constant) and isinstance(key.value, str) and isinstance(value, ast.Call)):
                    raise ValueError("unexpected BUILTIN_THEMES entry")
                dark = True  # Theme.dark's default
                for keyword in value.keywords:
                    if keyword.arg == "dark":
                        dark = ast.literal_eval(keyword.value)
                themes[key.value] = bool(dark)
            if not themes:
                raise ValueError("empty BUILTIN_THEMES")
            return themes
    raise LookupError("BUILTIN_THEMES not found")


def available_theme_names(paths: Paths) -> list[str]:
    """Every theme name ``theme:`` in config.yaml can give: shipped, user and Textual's built-ins."""
    return sorted(set(discover_themes(paths)[0]) | set(builtin_themes()))


def resolve_theme(name: str | None, themes: dict[str, ThemeSpec]) -> ThemeSpec:
    """The theme called ``name``; the default theme when there is none by that name.

    The default is :data:`DEFAULT_THEME` from ``themes``, or
    :data:`FALLBACK_THEME` when that is missing too, so this never fails.
    """
    if name and name in themes:
        return themes[name]
    return themes.get(DEFAULT_THEME, FALLBACK_THEME)
