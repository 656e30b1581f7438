"""`reader themes list|check`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from reader.cli import main
from reader.paths import bundled_themes, get_paths
from reader.themes import builtin_themes
from tests.helpers import GOOD_THEME as GOOD

SHIPPED = ("reader-dark", "reader-high-contrast", "reader-light")


@pytest.fixture
def paths(reader_home):
    return get_paths(reader_home)


def write_theme(paths, name: str, text: str):
    paths.themes.mkdir(parents=True, exist_ok=True)
    path = paths.themes / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_shape(capsys, paths):
    code, out, err = run(capsys, "themes", "list", "--json")
    assert code == 0 and err == ""
    document = json.loads(out)
    assert set(document) == {"default", "configured", "themes", "errors"}
    assert document["default"] == "reader-dark"
    assert document["configured"] == "reader-dark"
    assert document["errors"] == []
    rows = document["themes"]
    for row in rows:
        assert set(row) == {"name", "dark", "origin", "path", "overrides"}
        assert isinstance(row["dark"], bool)
        assert row["origin"] in {"shipped", "user", "built-in"}
    by_name = {row["name"]: row for row in rows}
    assert len(by_name) == len(rows)
    for name in SHIPPED:
        assert by_name[name]["origin"] == "shipped"
        assert by_name[name]["path"] == str(bundled_themes() / f"{name}.yaml")
    assert by_name["reader-light"]["dark"] is False
    assert by_name["nord"] == {"name": "nord", "dark": True, "origin": "built-in", "path": None, "overrides": None}
    assert by_name["textual-light"]["dark"] is False
    # File themes first (sorted), then Textual's built-ins (sorted).
    names = [row["name"] for row in rows]
    assert names[:3] == list(SHIPPED)


def test_list_text(capsys, paths):
    code, out, err = run(capsys, "themes", "list")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("* reader-dark ")
    assert lines[0].split()[2:4] == ["dark", "shipped"]
    light = next(line for line in lines if " reader-light " in line)
    assert light.split()[1:3] == ["light", "shipped"]
    assert any(line.split()[:3] == ["nord", "dark", "built-in"] for line in lines)
    # Without an action, `reader themes` lists.
    assert run(capsys, "themes")[1] == out


def test_list_marks_the_configured_theme(capsys, paths):
    paths.config.write_text("theme: reader-light\n", encoding="utf-8")
    code, out, _ = run(capsys, "themes", "list")
    assert [line.split()[1] for line in out.splitlines() if line.startswith("*")] == ["reader-light"]


def test_user_theme_overrides_shipped_in_list(capsys, paths):
    path = write_theme(paths, "reader-dark", GOOD.format(name="reader-dark"))
    write_theme(paths, "mine", GOOD.format(name="mine"))
    code, out, err = run(capsys, "themes", "list", "--json")
    assert code == 0 and err == ""
    by_name = {row["name"]: row for row in json.loads(out)["themes"]}
    assert by_name["reader-dark"] == {
        "name": "reader-dark",
        "dark": False,
        "origin": "user",
        "path": str(path),
        "overrides": str(bundled_themes() / "reader-dark.yaml"),
    }
    assert by_name["mine"]["origin"] == "user" and by_name["mine"]["overrides"] is None
    code, out, _ = run(capsys, "themes", "list")
    assert "(replaces the shipped reader-dark)" in out


def test_user_theme_named_like_a_builtin_replaces_it(capsys, paths):
    write_theme(paths, "nord", GOOD.format(name="nord"))
    rows = json.loads(run(capsys, "themes", "list", "--json")[1])["themes"]
    nord = [row for row in rows if row["name"] == "nord"]
    assert len(nord) == 1 and nord[0]["origin"] == "user"


def test_broken_theme_goes_to_stderr_and_check_sets_the_status(capsys, paths):
    broken = write_theme(paths, "broken", GOOD.format(name="broken").replace('"#336699"', "nope"))
    code, out, err = run(capsys, "themes", "list")
    assert code == 0
    assert "broken" not in out
    assert err.startswith(f"reader: broken theme: {broken}:4: colors.primary: 'nope' is not a colour")
    code, out, err = run(capsys, "themes", "list", "--json")
    assert code == 0
    errors = json.loads(out)["errors"]
    assert errors == [
        {
            "path": str(broken),
            "line": 4,
            "key": "colors.primary",
            "message": errors[0]["message"],
        }
    ]
    assert errors[0]["message"].startswith(f"{broken}:4: colors.primary:")
    code, _, err = run(capsys, "themes", "list", "--check")
    assert code == 1 and str(broken) in err
    # Nothing broken: --check passes.
    broken.unlink()
    assert run(capsys, "themes", "list", "--check")[0] == 0


def test_check_file(capsys, paths, tmp_path):
    good = tmp_path / "mine.yaml"
    good.write_text(GOOD.format(name="mine"), encoding="utf-8")
    code, out, err = run(capsys, "themes", "check", str(good))
    assert code == 0 and err == ""
    assert out == f"ok: {good} (theme mine, light)\n"

    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.format(name="other").replace('"dim"', '"dimm"'), encoding="utf-8")
    code, out, err = run(capsys, "themes", "check", str(bad))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[0].startswith(f"{bad}:1: name: 'other' does not match the file name 'bad.yaml'")
    assert lines[1].startswith(f"{bad}:11: styles.read: 'dimm' is not a style")
    assert lines[2] == f"2 problems in {bad}"

    code, _, err = run(capsys, "themes", "check", str(tmp_path / "absent.yaml"))
    assert code == 1 and "cannot read the file" in err


def test_check_by_theme_name(capsys, paths):
    code, out, _ = run(capsys, "themes", "check", "reader-high-contrast")
    assert code == 0
    assert out == f"ok: {bundled_themes() / 'reader-high-contrast.yaml'} (theme reader-high-contrast, dark)\n"
    path = write_theme(paths, "reader-light", "name: reader-light\n")
    code, _, err = run(capsys, "themes", "check", "reader-light")
    assert code == 1 and err.startswith(f"{path}:1: dark: missing")


def test_builtin_themes_match_textual():
    from textual.theme import BUILTIN_THEMES

    assert builtin_themes() == {name: theme.dark for name, theme in BUILTIN_THEMES.items()}


def test_listing_themes_does_not_import_textual(reader_home):
    script = (
        "import sys\n"
        "from reader.cli import main\n"
        "code = main(['themes', 'list', '--json'])\n"
        "assert code == 0\n"
        "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stderr.strip() == "False"
    assert "nord" in result.stdout


def test_help_lists_themes_and_describes_the_format(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "themes" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["themes", "--help"])
    out = capsys.readouterr().out
    assert "figure-<subtype>" in out and "reader paths" in out
