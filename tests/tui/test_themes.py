"""Themes from YAML: shipped files, validation messages, discovery, Textual adapter."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.color import ColorType
from rich.style import Style

from reader.paths import bundled_themes, get_paths
from reader.themes import (
    ALL_STYLE_KEYS,
    ANSI_COLOR_NAMES,
    COLOR_KEYS,
    DEFAULT_THEME,
    FALLBACK_THEME,
    FIGURE_SUBTYPES,
    STYLE_KEYS,
    VARIABLE_KEYS,
    ThemeError,
    ThemeSpec,
    discover_themes,
    is_color,
    load_theme_file,
    parse_theme,
    resolve_theme,
    rich_styles,
    style_strings,
)
from tests.helpers import GOOD_THEME as GOOD

SHIPPED = ("reader-dark", "reader-light", "reader-high-contrast")


@pytest.fixture
def paths(reader_home):
    return get_paths(reader_home)


def write_theme(folder: Path, name: str, text: str | bytes, suffix: str = ".yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}{suffix}"
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def error_of(tmp_path: Path, text: str | bytes, name: str = "mine") -> ThemeError:
    path = write_theme(tmp_path, name, text)
    with pytest.raises(ThemeError) as info:
        load_theme_file(path)
    return info.value


# --------------------------------------------------------------------------
# Shipped themes


def shipped() -> dict[str, ThemeSpec]:
    return {name: load_theme_file(bundled_themes() / f"{name}.yaml", "shipped") for name in SHIPPED}


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_theme_loads_and_defines_every_key(name):
    spec = load_theme_file(bundled_themes() / f"{name}.yaml", "shipped")
    assert spec.name == name
    assert spec.origin == "shipped"
    assert set(spec.colors) == set(COLOR_KEYS)
    assert set(STYLE_KEYS) <= set(spec.styles)
    styles = rich_styles(spec)
    assert set(styles) == set(ALL_STYLE_KEYS)
    assert all(isinstance(style, Style) for style in styles.values())


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_theme_documents_the_format(name):
    text = (bundled_themes() / f"{name}.yaml").read_text(encoding="utf-8")
    head = text.split("\nname:")[0]
    assert head.startswith("# A Reader colour theme.")
    for word in (
        "name",
        "dark",
        "colors",
        "styles",
        "figure-<subtype>",
        *STYLE_KEYS,
        "ansi_black",
        "variables",
        "block-cursor-background",
        "block-cursor-blurred",
        "bold reverse",
    ):
        assert word in head, word


def test_shipped_themes_are_discovered(paths):
    themes, errors = discover_themes(paths)
    assert errors == []
    assert set(SHIPPED) <= set(themes)
    assert themes["reader-light"].dark is False
    assert themes["reader-dark"].dark is True
    assert DEFAULT_THEME == "reader-dark"


def test_fallback_theme_is_the_shipped_default():
    spec = shipped()[DEFAULT_THEME]
    assert FALLBACK_THEME.name == spec.name
    assert FALLBACK_THEME.dark == spec.dark
    assert FALLBACK_THEME.colors == spec.colors
    assert FALLBACK_THEME.styles == spec.styles
    assert FALLBACK_THEME.variables == spec.variables


def _luminance(color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(one, two) -> float:
    high, low = sorted((_luminance(one), _luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _rgb(hex_color: str):
    hex_color = hex_color.lstrip("#")
    return tuple(int(hex_color[i : i + 2], 16) for i in (0, 2, 4))


@pytest.mark.parametrize("name", ["reader-dark", "reader-light"])
def test_truecolor_themes_are_readable_and_highlights_distinct(name):
    spec = shipped()[name]
    background = _rgb(spec.colors["background"])
    styles = rich_styles(spec)
    for key in ("quote", "figure", "subheading", "bookmark", "read", "unread", *(f"figure-{s}" for s in FIGURE_SUBTYPES)):
        color = styles[key].color
        assert color is not None, key
        assert _contrast(tuple(color.get_truecolor()), background) >= 4.5, key
    hit = styles["hit"]
    assert hit.bgcolor is not None and hit.color is not None
    assert _contrast(tuple(hit.color.get_truecolor()), tuple(hit.bgcolor.get_truecolor())) >= 7
    assert hit.bgcolor.get_truecolor() != background
    # Quotes, figures and hits look different from each other.
    assert styles["quote"].color != styles["figure"].color
    assert styles["quote"].italic and not styles["figure"].italic
    assert styles["quote"].bgcolor is None and styles["figure"].bgcolor is None


def test_high_contrast_theme_uses_only_the_16_ansi_colours():
    spec = shipped()["reader-high-contrast"]
    sixteen = set(ANSI_COLOR_NAMES) - {"ansi_default"}
    assert len(sixteen) == 16
    for key, color in spec.colors.items():
        assert color in sixteen, key
    for key, value in spec.variables.items():
        assert key.endswith("-text-style") or value in sixteen, key
    styles = rich_styles(spec)
    for key, style in styles.items():
        for color in (style.color, style.bgcolor):
            if color is not None:
                assert color.type == ColorType.STANDARD and color.number < 16, (key, color)
    # Without 24-bit colour, quotes, figures and hits still differ.
    quote, figure, hit = styles["quote"], styles["figure"], styles["hit"]
    assert hit.bgcolor is not None and quote.bgcolor is None and figure.bgcolor is None
    assert quote.color != figure.color
    assert quote.italic and figure.bold
    assert hit.color != hit.bgcolor
    assert styles["read"] != styles["unread"]


# --------------------------------------------------------------------------
# Error messages: file, line and key


def test_good_theme_loads(tmp_path):
    path = write_theme(tmp_path, "mine", GOOD.format(name="mine"))
    spec = load_theme_file(path)
    assert spec == ThemeSpec(
        name="mine",
        dark=False,
        colors={"primary": "#336699"},
        styles={
            "quote": "italic green",
            "figure": "bold blue",
            "hit": "bold black on yellow",
            "subheading": "bold underline",
            "bookmark": "bold red",
            "read": "dim",
            "unread": "bold",
        },
        path=path,
        origin="user",
    )


def test_bad_yaml_names_file_line_and_key(tmp_path):
    text = GOOD.format(name="mine").replace('  quote: "italic green"', "  quote: [italic green")
    error = error_of(tmp_path, text)
    path = tmp_path / "mine.yaml"
    assert str(error).startswith(f"{path}:")
    assert "invalid YAML" in str(error)
    assert error.line is not None and error.line >= 6
    assert error.key.startswith("styles.")


def test_unknown_keys_get_a_suggestion(tmp_path):
    text = GOOD.format(name="mine").replace("colors:", "colours:")
    error = error_of(tmp_path, text)
    path = tmp_path / "mine.yaml"
    messages = [str(problem) for problem in error.problems]
    assert f"{path}:3: colours: unknown key; did you mean 'colors'?" in messages
    assert f"{path}:1: colors: missing; add 'colors:' with at least 'primary: \"#61afef\"'" in messages

    text = GOOD.format(name="mine").replace("  quote:", "  qoute:").replace("  primary:", "  primary: red\n  backgroud:")
    error = error_of(tmp_path, text)
    messages = [str(problem) for problem in error.problems]
    assert f"{path}:5: colors.backgroud: unknown key; did you mean 'background'?" in messages
    assert f"{path}:7: styles.qoute: unknown key; did you mean 'quote'?" in messages
    assert any(m.startswith(f"{path}:6: styles.quote: missing") for m in messages)

    error = error_of(tmp_path, GOOD.format(name="mine") + "zzz: 1\n")
    assert str(error) == f"{path}:13: zzz: unknown key; remove it (known keys: name, dark, colors, styles, variables)"


def test_bad_colour_names_file_line_and_key(tmp_path):
    text = GOOD.format(name="mine").replace('"#336699"', "notacolor")
    error = error_of(tmp_path, text)
    assert str(error).startswith(f"{tmp_path / 'mine.yaml'}:4: colors.primary: 'notacolor' is not a colour; ")
    error = error_of(tmp_path, GOOD.format(name="mine").replace('"#336699"', "tomatoe"))
    assert str(error).endswith("colors.primary: 'tomatoe' is not a colour; did you mean 'tomato'?")
    error = error_of(tmp_path, GOOD.format(name="mine").replace('"#336699"', "bright_yellow"))
    assert str(error).endswith("did you mean 'ansi_bright_yellow'?")


def test_unquoted_hash_colour_explains_the_comment(tmp_path):
    error = error_of(tmp_path, GOOD.format(name="mine").replace('"#336699"', "#336699"))
    assert str(error) == (
        f"{tmp_path / 'mine.yaml'}:4: colors.primary: expected a colour, got nothing; "
        'put the colour in quotes, e.g. "#61afef" (an unquoted # starts a comment)'
    )


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("bold on", "'bold on' is not a style (color expected after 'on')"),
        ("italic bogus", "'italic bogus' is not a style (unable to parse 'bogus' as color"),
        ("bold link https://example.com", "'bold link https://example.com' has a link"),
        ("color(5)", "'color(5)' cannot be used in a theme; write it as '#800080'"),
        ("  ", "a style must not be empty; write 'none' for plain text"),
    ],
)
def test_bad_style_names_file_line_and_key(tmp_path, style, expected):
    text = GOOD.format(name="mine").replace('"bold black on yellow"', repr(style).replace("'", '"'))
    error = error_of(tmp_path, text)
    assert str(error).startswith(f"{tmp_path / 'mine.yaml'}:8: styles.hit: {expected}")


def test_name_must_match_the_file_stem(tmp_path):
    error = error_of(tmp_path, GOOD.format(name="other"), name="mine")
    assert str(error) == (
        f"{tmp_path / 'mine.yaml'}:1: name: 'other' does not match the file name 'mine.yaml'; "
        "write 'name: mine' or rename the file to other.yaml"
    )


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("dark: false", "dark: maybe", 2, "dark: expected true or false, got 'maybe'"),
        ("name: mine", "name: 12", 1, "name: expected the theme's name, got 12"),
        ('colors:\n  primary: "#336699"', "colors: [red]", 3, "colors: expected a mapping of Textual colours, got a list"),
        ('primary: "#336699"', "primary: 336699", 4, "colors.primary: expected a colour, got 336699"),
        ('quote: "italic green"', "quote: 3", 6, "styles.quote: expected a style string, got 3"),
        ('quote: "italic green"', "quote: [bold]", 6, "styles.quote: expected a style string, got a list"),
    ],
)
def test_wrong_types_name_file_line_and_key(tmp_path, old, new, line, message):
    text = GOOD.format(name="mine")
    assert old in text
    error = error_of(tmp_path, text.replace(old, new))
    assert str(error).startswith(f"{tmp_path / 'mine.yaml'}:{line}: {message}")


def test_whole_file_problems(tmp_path):
    path = tmp_path / "mine.yaml"
    assert str(error_of(tmp_path, "")).startswith(f"{path}:1: the file is empty")
    assert str(error_of(tmp_path, "- a list\n")).startswith(
        f"{path}:1: expected a mapping of name, dark, colors, styles and variables, got a list"
    )
    assert str(error_of(tmp_path, b"name: mine\n# caf\xe9\n")).startswith(f"{path}:2: not valid UTF-8")
    with pytest.raises(ThemeError, match="cannot read the file"):
        load_theme_file(tmp_path / "absent.yaml")
    with pytest.raises(ThemeError, match=r"must end in \.yaml"):
        parse_theme(GOOD.format(name="mine"), tmp_path / "mine.txt")


def test_every_problem_is_listed_earliest_line_first(tmp_path):
    text = GOOD.format(name="other").replace('"#336699"', "nope").replace('"dim"', '"dimm"')
    error = error_of(tmp_path, text)
    lines = [problem.line for problem in error.problems]
    assert lines == sorted(lines) and len(lines) == 3
    assert [problem.key for problem in error.problems] == ["name", "colors.primary", "styles.read"]
    assert "(and 2 more problems; run 'reader themes check" in str(error)


# --------------------------------------------------------------------------
# Colours and styles agree with Textual


def _textual_accepts(text: str) -> bool:
    from textual.color import Color, ColorParseError

    try:
        Color.parse(text)
    except ColorParseError:
        return False
    return True


def test_colour_names_agree_with_textual():
    from textual._color_constants import COLOR_NAME_TO_RGB

    for name in COLOR_NAME_TO_RGB:
        assert is_color(name), name
    samples = [
        "#abc",
        "#abcd",
        "#aabbcc",
        "#aabbccdd",
        "#abcde",
        "#ggg",
        "rgb(1,2,3)",
        "rgb( 1 , 2 , 3 )",
        "rgba(1,2,3,0.5)",
        "hsl(120,50%,50%)",
        "hsla(120,50%,50%,0.3)",
        "hsl(120,50,50)",
        "rgb(1,2)",
        "Red",
        "ansi_orange",
        "ansi_default",
        "ansi_bright_white",
        "bright_white",
        "",
        " #abc",
        "rgb(1.5,2.,3)",
    ]
    for sample in samples:
        assert is_color(sample) == _textual_accepts(sample), sample


COLOR_PIECES = st.sampled_from(
    [
        "#",
        "rgb",
        "rgba",
        "hsl",
        "hsla",
        "(",
        ")",
        ",",
        " ",
        "%",
        ".",
        "-",
        "1",
        "25",
        "300",
        "a",
        "F",
        "0",
        "ansi_",
        "red",
        "bright_",
        "tomato",
        "default",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(COLOR_PIECES, max_size=10).map("".join))
def test_is_color_matches_textual(text):
    assert is_color(text) == _textual_accepts(text)


STYLE_WORDS = st.sampled_from(
    [
        "bold",
        "dim",
        "italic",
        "underline",
        "reverse",
        "strike",
        "not",
        "on",
        "red",
        "bright_white",
        "grey50",
        "#61afef",
        "rgb(1,2,3)",
        "default",
        "none",
        "color(5)",
        "link",
        "https://x.org",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(STYLE_WORDS, min_size=1, max_size=6).map(" ".join))
def test_accepted_styles_work_in_rich_and_as_textual_variables(style):
    from textual.css.tokenize import tokenize_values

    text = GOOD.format(name="mine").replace('"dim"', '"' + style + '"')
    try:
        spec = parse_theme(text, "mine.yaml")
    except ThemeError as error:
        assert error.key == "styles.read"
        return
    Style.parse(spec.styles["read"])
    tokenize_values({"reader-read": spec.styles["read"]})


def test_rich_styles_fall_back_to_the_figure_style():
    spec = shipped()["reader-dark"]
    styles = rich_styles(spec)
    assert styles["figure-date"] == styles["figure"] == Style.parse(spec.styles["figure"])
    assert styles["figure-money"] == Style.parse(spec.styles["figure-money"]) != styles["figure"]
    assert set(style_strings(spec)) == set(ALL_STYLE_KEYS)


# --------------------------------------------------------------------------
# Discovery


def test_user_theme_overrides_shipped_and_adds_new(paths, tmp_path):
    text = GOOD.format(name="reader-dark").replace("dark: false", "dark: true")
    write_theme(paths.themes, "reader-dark", text)
    write_theme(paths.themes, "mine", GOOD.format(name="mine"), suffix=".yml")
    themes, errors = discover_themes(paths)
    assert errors == []
    assert themes["reader-dark"].origin == "user"
    assert themes["reader-dark"].path == paths.themes / "reader-dark.yaml"
    assert themes["reader-dark"].colors == {"primary": "#336699"}
    assert themes["mine"].origin == "user"
    assert themes["reader-light"].origin == "shipped"


def test_broken_user_theme_is_reported_and_the_others_load(paths):
    write_theme(paths.themes, "good", GOOD.format(name="good"))
    broken = write_theme(paths.themes, "broken", GOOD.format(name="broken").replace('"#336699"', "nope"))
    write_theme(paths.themes, ".hidden", "not: a theme")
    (paths.themes / "notes.txt").write_text("not a theme")
    themes, errors = discover_themes(paths)
    assert set(themes) == set(SHIPPED) | {"good"}
    assert len(errors) == 1
    assert errors[0].path == str(broken)
    assert str(errors[0]).startswith(f"{broken}:4: colors.primary: 'nope' is not a colour")


def test_broken_user_override_keeps_the_shipped_theme(paths):
    write_theme(paths.themes, "reader-light", "name: reader-light\n")
    themes, errors = discover_themes(paths)
    assert themes["reader-light"].origin == "shipped"
    assert len(errors) == 1


def test_same_theme_in_yaml_and_yml_is_an_error(paths):
    write_theme(paths.themes, "mine", GOOD.format(name="mine"))
    write_theme(paths.themes, "mine", GOOD.format(name="mine"), suffix=".yml")
    themes, errors = discover_themes(paths)
    assert themes["mine"].path.suffix == ".yaml"
    assert len(errors) == 1 and "also defined by mine.yaml" in str(errors[0])


def test_discovery_without_folders(paths, tmp_path):
    themes, errors = discover_themes(paths, shipped=tmp_path / "nowhere")
    assert themes == {} and errors == []
    assert resolve_theme("reader-light", themes) is FALLBACK_THEME


def test_resolve_theme_falls_back_to_the_default(paths):
    themes, _ = discover_themes(paths)
    assert resolve_theme("reader-light", themes).name == "reader-light"
    assert resolve_theme("no-such-theme", themes) is themes[DEFAULT_THEME]
    assert resolve_theme(None, themes) is themes[DEFAULT_THEME]


def test_headless_theme_modules_do_not_import_textual():
    script = (
        "import sys, reader.themes, reader.cli.themes\n"
        "from reader.paths import get_paths\n"
        "reader.themes.discover_themes(get_paths('/nonexistent'))\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# --------------------------------------------------------------------------
# Textual adapter


def test_to_textual_theme_carries_colours_and_reader_styles():
    from textual.theme import Theme

    from reader.tui.themes import to_textual_theme, variable_name

    spec = shipped()["reader-light"]
    theme = to_textual_theme(spec)
    assert isinstance(theme, Theme)
    assert theme.name == "reader-light" and theme.dark is False
    assert theme.primary == spec.colors["primary"]
    assert theme.background == spec.colors["background"]
    assert theme.variables["reader-quote"] == spec.styles["quote"]
    assert theme.variables["reader-figure-date"] == spec.styles["figure"]
    assert set(theme.variables) == {variable_name(key) for key in ALL_STYLE_KEYS} | set(spec.variables)
    generated = theme.to_color_system().generate()
    for key, value in spec.variables.items():
        assert theme.variables[key] == value
        assert generated[key] == value


def test_theme_variables_are_textual_variables():
    from textual.theme import Theme

    generated = Theme(name="t", primary="#336699").to_color_system().generate()
    assert set(VARIABLE_KEYS) <= set(generated)


def test_selected_row_defaults_to_reverse_video_unless_the_theme_sets_it(tmp_path):
    from reader.tui.themes import to_textual_theme

    spec = load_theme_file(write_theme(tmp_path, "mine", GOOD.format(name="mine")))
    generated = to_textual_theme(spec).to_color_system().generate()
    assert generated["block-cursor-text-style"] == "bold reverse"
    assert generated["block-cursor-background"] == generated["background"]
    assert generated["block-cursor-foreground"] == generated["foreground"]
    assert generated["block-cursor-blurred-text-style"] == "reverse"
    own = GOOD.format(name="own") + 'variables:\n  block-cursor-background: "#224466"\n'
    spec = load_theme_file(write_theme(tmp_path, "own", own))
    theme = to_textual_theme(spec)
    generated = theme.to_color_system().generate()
    assert generated["block-cursor-background"] == "#224466"
    assert "block-cursor-text-style" not in theme.variables  # Textual's own default


def test_theme_variables_load_and_bad_ones_are_reported(tmp_path):
    text = GOOD.format(name="mine") + (
        "variables:\n"
        '  block-cursor-background: "#224466"\n'
        "  block-cursor-text-style: bold   reverse\n"
        '  text-muted: "auto 70%"\n'
        "  button-color-foreground: ansi_black\n"
        '  footer-background: "#112233 50%"\n'
    )
    spec = load_theme_file(write_theme(tmp_path, "mine", text))
    assert spec.variables == {
        "block-cursor-background": "#224466",
        "block-cursor-text-style": "bold reverse",
        "text-muted": "auto 70%",
        "button-color-foreground": "ansi_black",
        "footer-background": "#112233 50%",
    }
    path = tmp_path / "mine.yaml"
    for line, message in [
        (
            "  block-cursor-backgound: red\n",
            "variables.block-cursor-backgound: unknown key; did you mean 'block-cursor-background'?",
        ),
        ("  block-cursor-background: notacolour\n", "variables.block-cursor-background: 'notacolour' is not a colour"),
        ('  block-cursor-background: "#224466 50"\n', "variables.block-cursor-background: '#224466 50' is not a colour"),
        ("  block-cursor-text-style: bold loud\n", "variables.block-cursor-text-style: 'bold loud' is not a text style"),
        ("  text-muted: 3\n", "variables.text-muted: expected a colour, got 3"),
        ("  text-muted:\n", "variables.text-muted: expected a colour, got nothing"),
    ]:
        error = error_of(tmp_path, GOOD.format(name="mine") + "variables:\n" + line)
        assert str(error).startswith(f"{path}:14: {message}"), str(error)
    error = error_of(tmp_path, GOOD.format(name="mine") + "variables: [a]\n")
    assert str(error).startswith(f"{path}:13: variables: expected a mapping of Textual variables, got a list")


def test_styles_of_reads_variables_and_falls_back_for_builtin_themes():
    from textual.theme import BUILTIN_THEMES

    from reader.tui.themes import styles_of, to_textual_theme

    light = shipped()["reader-light"]
    assert styles_of(to_textual_theme(light)) == rich_styles(light)
    assert styles_of(BUILTIN_THEMES["nord"]) == rich_styles(FALLBACK_THEME)
    assert styles_of(None)["hit"] == Style.parse(FALLBACK_THEME.styles["hit"])


def test_register_themes_registers_good_ones_and_reports_broken(paths):
    from textual.app import App

    from reader.tui.themes import pick_theme, register_themes

    write_theme(paths.themes, "mine", GOOD.format(name="mine"))
    broken = write_theme(paths.themes, "broken", "name: broken\ndark: 3\n")
    app = App()
    messages = register_themes(app, paths)
    assert len(messages) == 1 and messages[0].startswith(f"{broken}:")
    assert {"mine", *SHIPPED} <= set(app.available_themes)
    assert "broken" not in app.available_themes
    assert pick_theme(app, "mine") == "mine"
    assert pick_theme(app, "nord") == "nord"
    assert pick_theme(app, "broken") == DEFAULT_THEME


def test_app_runs_with_every_shipped_theme(paths):
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    from reader.tui.themes import register_themes

    class Probe(App):
        def compose(self) -> ComposeResult:
            yield Static("probe")

    async def run() -> list[str]:
        app = Probe()
        assert register_themes(app, paths) == []
        seen = []
        async with app.run_test(size=(40, 5)) as pilot:
            for name in SHIPPED:
                app.theme = name
                await pilot.pause()
                seen.append(app.current_theme.name)
                assert app.current_theme.variables["reader-hit"] == shipped()[name].styles["hit"]
        return seen

    assert asyncio.run(run()) == list(SHIPPED)
