"""Each user-editable format and vocabulary is declared once: models, key bindings, choices."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader import keymap
from reader.choices import EXPORT_EXTENSIONS, EXPORT_FORMATS, EXPORT_SUFFIXES, FIGURE_SUBTYPES, SORTS
from reader.cli import main
from reader.config import DEFAULT_CONFIG_TEXT, KEY_EXAMPLES, check_config, parse_config
from reader.paths import get_paths

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def paths(reader_home):
    return get_paths(reader_home)


# --------------------------------------------------------------------------
# config.yaml: what `reader config check` used to pass without looking


def test_init_then_check_passes(paths, capsys):
    assert main(["config", "init"]) == 0
    assert main(["config", "check"]) == 0
    assert capsys.readouterr().out == f"ok: {paths.config}\n"


def test_template_key_examples_are_valid_ids_and_keys(paths):
    examples = re.findall(r"^#   ([\w.]+): (\S+)$", DEFAULT_CONFIG_TEXT, re.M)
    assert examples and dict(examples) == KEY_EXAMPLES
    for binding_id, _ in examples:
        assert binding_id in keymap.BY_ID, binding_id
    # the examples, uncommented, pass the check too
    text = DEFAULT_CONFIG_TEXT.replace("\nkeys:\n", "\nkeys:\n" + "".join(f"  {i}: {k}\n" for i, k in examples))
    paths.config.write_text(text, encoding="utf-8")
    assert check_config(paths) == []
    assert parse_config(text, paths.config).keys == KEY_EXAMPLES


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "keys:\n  app.quit: q\n  toggle_bookmark: ctrl+d\n",
            3,
            "keys.toggle_bookmark: unknown binding id; did you mean 'app.toggle_bookmark'?",
        ),
        ("keys:\n  search: slash\n", 2, "keys.search: unknown binding id; did you mean 'app.focus_search'?"),
        ("keys:\n  app.quit: ctrl+qq\n", 2, "keys.app.quit: 'ctrl+qq' is not a key name; write keys such as"),
        ("keys:\n  app.quit: 'x,,y'\n", 2, "keys.app.quit: 'x,,y' has an empty key between commas"),
        (
            "theme: reader-dark\nkeys:\n  app.quit: b\n",
            3,
            "keys.app.quit: key 'b' is also bound to 'app.toggle_bookmark'; bind each key to one action",
        ),
        ("keys:\n  results.down: q\n", 2, "keys.results.down: key 'q' is also bound to 'app.quit'"),
        ("\ntheme: reader-drak\n", 2, "theme: no theme 'reader-drak'; did you mean 'reader-dark'?"),
        ("theme: nothing-like-it\n", 1, "theme: no theme 'nothing-like-it'; see 'reader themes list'"),
    ],
)
def test_config_check_reports_each_invalid_kind_with_its_line(paths, capsys, text, line, message):
    paths.config.write_text(text, encoding="utf-8")
    assert main(["config", "check"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{paths.config}:{line}: {message}"), err
    assert err[-1] == f"1 problem in {paths.config}"


def test_same_key_in_different_areas_is_fine(paths):
    paths.config.write_text("keys:\n  bookmarks.undo: z\n  themes.up: z\n  app.quit: ctrl+x\n", encoding="utf-8")
    assert check_config(paths) == []


def test_a_user_theme_and_a_textual_theme_are_known(paths):
    (paths.themes).mkdir(parents=True, exist_ok=True)
    shipped = (ROOT / "themes" / "reader-light.yaml").read_text(encoding="utf-8")
    (paths.themes / "mine.yaml").write_text(shipped.replace("name: reader-light", "name: mine"), encoding="utf-8")
    for name in ("mine", "nord", "reader-high-contrast"):
        paths.config.write_text(f"theme: {name}\n", encoding="utf-8")
        assert check_config(paths) == [], name


def test_missing_source_is_a_warning_with_its_line(paths, capsys, tmp_path):
    (tmp_path / "here").mkdir()
    paths.config.write_text(f"sources:\n  - {tmp_path / 'here'}\n  - {tmp_path / 'gone'}\n", encoding="utf-8")
    assert main(["config", "check"]) == 0
    captured = capsys.readouterr()
    assert captured.err == (
        f"{paths.config}:3: warning: sources[1]: '{tmp_path / 'gone'}' does not exist; create it or remove the line\n"
    )
    assert captured.out == f"ok: {paths.config} (1 warning)\n"
    # the app still loads it: a missing folder is not fatal
    assert len(parse_config(paths.config.read_bytes(), paths.config).sources) == 2


def test_every_problem_at_once_in_file_order(paths):
    paths.config.write_text(
        "keys:\n  nope: x\n  app.quit: ctrl+\nsearch:\n  sort: dat\ntheme: zzz-unknown\n",
        encoding="utf-8",
    )
    problems = check_config(paths)
    assert [(p.line, p.key) for p in problems] == [(2, "keys.nope"), (3, "keys.app.quit"), (5, "search.sort")]


# --------------------------------------------------------------------------
# Key bindings: one headless catalogue


def test_keymap_is_headless():
    code = "import sys, reader.keymap, reader.config; print(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_tui_bindings_are_the_catalogue():
    from textual.binding import Binding

    from reader.tui.app import ReaderApp

    seen = []
    for area_title, screen, owner in ReaderApp.binding_areas():
        for binding in owner.BINDINGS:
            assert isinstance(binding, Binding)
            key = keymap.BY_ID[binding.id]
            assert keymap.AREAS[key.area] == (area_title, screen)
            assert (binding.key, binding.action, binding.description, binding.show, binding.priority) == (
                key.keys,
                key.action,
                key.description,
                key.show,
                key.priority,
            )
            seen.append(binding.id)
    assert sorted(seen) == sorted(keymap.BY_ID)


def test_default_keys_are_valid_and_do_not_clash():
    for key in keymap.BINDINGS:
        for one in keymap.split_keys(key.keys):
            assert keymap.is_key_name(one), (key.id, one)
    assert keymap.clashes({}) == []


def test_key_names_follow_textual():
    from textual.keys import Keys, _character_to_key

    for key in Keys:
        if not key.value.startswith("<") and key.value != "ctrl-at":  # pseudo keys, never typed
            assert keymap.is_key_name(key.value), key.value
    for char in "abcXYZ019/?[]{}!@#$%^&*()-_=+;:'\",.<>|\\`~":
        assert keymap.is_key_name(char), char
        assert keymap.is_key_name(_character_to_key(char)), _character_to_key(char)
    for bad in ("", "ctrl+", "ctlr+d", "slashh", "f99", "ctrl+ d", "latin_small_letter_a"):
        assert not keymap.is_key_name(bad), bad


# --------------------------------------------------------------------------
# Choices: one list each


def test_exporters_are_the_export_formats():
    from reader.bookmarks.export import FORMATS

    assert list(FORMATS) == list(EXPORT_FORMATS)
    # Every format has the ending a new export file gets, and a suffix that names a format names it.
    assert list(EXPORT_EXTENSIONS) == list(EXPORT_FORMATS)
    assert all(EXPORT_EXTENSIONS[name] in (suffix, ".md") for suffix, name in EXPORT_SUFFIXES.items())


def test_figure_subtypes_are_one_list():
    import reader.annotate.spans as spans
    import reader.themes as themes

    assert spans.FIGURE_SUBTYPES is FIGURE_SUBTYPES and themes.FIGURE_SUBTYPES is FIGURE_SUBTYPES
    assert themes.FIGURE_STYLE_KEYS == tuple(f"figure-{subtype}" for subtype in FIGURE_SUBTYPES)


def test_cli_choices_come_from_the_lists(capsys):
    with pytest.raises(SystemExit):
        main(["bookmarks", "export", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "{" + ",".join(EXPORT_FORMATS) + "}" in out
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "{" + ",".join(SORTS) + "}" in out
    for name, meaning in SORTS.items():
        assert f"{name}: {meaning}" in out
    assert "# Result order: relevance (best match first) or date (newest first)." in DEFAULT_CONFIG_TEXT


def test_readme_lists_the_export_formats():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"# {', '.join(EXPORT_FORMATS)}" in readme


def test_help_does_not_import_validators_or_heavy_libraries():
    code = (
        "import sys\nimport reader.cli\nfrom reader.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('msgspec', 'yaml', 'textual', 'whoosh', 'reader.config', 'reader.themes')"
        " if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.splitlines()[-1] == "[]"
