"""config.yaml: defaults, validation with file/line/key, and `reader config`."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reader.cli import main
from reader.config import (
    DEFAULT_CONFIG_TEXT,
    BookmarksConfig,
    Config,
    ConfigError,
    ListConfig,
    SearchConfig,
    ViewerConfig,
    load_config,
    parse_config,
)
from reader.errors import ReaderError
from reader.paths import get_paths


@pytest.fixture
def paths(reader_home):
    return get_paths(reader_home)


def write(paths, text: str | bytes) -> Path:
    data = text.encode("utf-8") if isinstance(text, str) else text
    paths.config.write_bytes(data)
    return paths.config


def errors_of(paths, text) -> ConfigError:
    write(paths, text)
    with pytest.raises(ConfigError) as info:
        load_config(paths)
    return info.value


def test_missing_file_gives_defaults(paths):
    assert not paths.config.exists()
    config = load_config(paths)
    assert config == Config()
    assert config.theme == "reader-dark"
    assert config.search == SearchConfig(limit=50, sort="relevance")
    assert config.bookmarks.list_names() == ["reading"]
    assert config.bookmarks.default_list == "reading"
    assert config.bookmarks.export_format == "markdown"
    assert config.bookmarks.export_dir is None
    assert config.sources == ()
    assert config.keys == {}


def test_empty_file_and_empty_sections_give_defaults(paths):
    write(paths, "")
    assert load_config(paths) == Config()
    write(paths, "# only a comment\nkeys:\nsearch:\nviewer:\nbookmarks:\n")
    assert load_config(paths) == Config()


def test_every_field_has_a_docstring():
    import ast
    import inspect

    import reader.config as module

    tree = ast.parse(inspect.getsource(module))
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name in {
            "Config",
            "SearchConfig",
            "ViewerConfig",
            "ListConfig",
            "BookmarksConfig",
        }:
            body = node.body
            for i, item in enumerate(body):
                if isinstance(item, ast.AnnAssign):
                    following = body[i + 1] if i + 1 < len(body) else None
                    assert isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant), (
                        f"{node.name}.{item.target.id} has no docstring"
                    )


def test_full_valid_file(paths, tmp_path):
    write(
        paths,
        f"""\
theme: paper-light
keys:
  app.toggle_bookmark: ctrl+d
  app.focus_search: slash,f3
search:
  limit: 20
  sort: date
viewer:
  quotes: false
  figures: true
  hits: false
sources:
  - {tmp_path}/news
  - relative/folder
  - ~/archive
bookmarks:
  lists:
    - name: reading
      description: To read
    - name: later
    - plain
  default_list: later
  export_dir: {tmp_path}/exports
  export_format: netscape
""",
    )
    config = load_config(paths)
    assert config.theme == "paper-light"
    assert config.keys == {"app.toggle_bookmark": "ctrl+d", "app.focus_search": "slash,f3"}
    assert config.search == SearchConfig(limit=20, sort="date")
    assert config.viewer == ViewerConfig(quotes=False, figures=True, hits=False)
    assert config.sources == (
        tmp_path / "news",
        paths.home / "relative" / "folder",
        Path("~/archive").expanduser(),
    )
    assert config.bookmarks == BookmarksConfig(
        lists=(ListConfig("reading", "To read"), ListConfig("later", ""), ListConfig("plain", "")),
        default_list="later",
        export_dir=tmp_path / "exports",
        export_format="netscape",
    )


def test_default_list_is_first_list_when_not_given(paths):
    write(paths, "bookmarks:\n  lists: [inbox, archive]\n")
    assert load_config(paths).bookmarks.default_list == "inbox"


@pytest.mark.parametrize(
    ("text", "line", "key", "words"),
    [
        ("theme: x\nserach:\n  limit: 3\n", 2, "serach", ["unknown key", "did you mean 'search'?"]),
        ("search:\n  limt: 3\n", 2, "search.limt", ["unknown key", "did you mean 'limit'?"]),
        ("viewer:\n  quote: true\n", 2, "viewer.quote", ["did you mean 'quotes'?"]),
        ("bookmarks:\n  default_lsit: x\n", 2, "bookmarks.default_lsit", ["did you mean 'default_list'?"]),
        ("zzz: 1\n", 1, "zzz", ["unknown key", "known keys: theme"]),
        ("theme: 3\n", 1, "theme", ["expected text, got 3"]),
        ("theme: ''\n", 1, "theme", ["must not be empty"]),
        ("search:\n  limit: ten\n", 2, "search.limit", ["expected a whole number", "'ten'"]),
        ("search:\n  limit: true\n", 2, "search.limit", ["expected a whole number"]),
        ("search:\n  limit: -5\n", 2, "search.limit", ["-5 is too small"]),
        ("search:\n  limit: 0\n", 2, "search.limit", ["0 is too small"]),
        ("search:\n  sort: dat\n", 2, "search.sort", ["'dat' is not one of relevance, date", "did you mean 'date'?"]),
        ("viewer:\n  hits: yes please\n", 2, "viewer.hits", ["expected true or false"]),
        ("viewer: [1, 2]\n", 1, "viewer", ["expected a mapping"]),
        ("sources: /one/path\n", 1, "sources", ["expected a list of folders"]),
        ("sources:\n  - /ok\n  - 5\n", 3, "sources[1]", ["expected a path, got 5"]),
        ("keys: ctrl+d\n", 1, "keys", ["expected a mapping"]),
        ("keys:\n  app.toggle_bookmark: ''\n", 2, "keys.app.toggle_bookmark", ["must not be empty"]),
        ("keys:\n  app.toggle_bookmark: 5\n", 2, "keys.app.toggle_bookmark", ["expected a key"]),
        (
            "keys:\n  app.toggle_bookmark: ctrl+d\n  app.bookmarks: ctrl+d\n",
            3,
            "keys.app.bookmarks",
            ["key 'ctrl+d' is also bound to 'app.toggle_bookmark'; bind each key to one action"],
        ),
        (
            "bookmarks:\n  lists: [reading, later]\n  default_list: x\n",
            3,
            "bookmarks.default_list",
            ["'x' is not one of the lists (reading, later); fix the value"],
        ),
        (
            "bookmarks:\n  lists:\n    - name: a\n    - name: b\n    - name: a\n",
            5,
            "bookmarks.lists[2].name",
            ["'a' is listed twice"],
        ),
        ("bookmarks:\n  lists: []\n", 2, "bookmarks.lists", ["expected a list of bookmark lists"]),
        ("bookmarks:\n  lists:\n    - description: x\n", 3, "bookmarks.lists[0]", ["a list needs a name"]),
        ("bookmarks:\n  export_format: pdf\n", 2, "bookmarks.export_format", ["'pdf' is not one of markdown"]),
        ("bookmarks:\n  export_format: jsno\n", 2, "bookmarks.export_format", ["did you mean 'json'?"]),
    ],
)
def test_errors_name_file_line_and_key(paths, text, line, key, words):
    error = errors_of(paths, text)
    message = str(error)
    assert message.startswith(f"{paths.config}:{line}: {key}: "), message
    assert "\n" not in message
    for word in words:
        assert word in message
    assert isinstance(error, ReaderError)
    assert error.line == line and error.path == str(paths.config)


def test_duplicate_keys_are_reported(paths):
    error = errors_of(paths, "search:\n  limit: 5\ntheme: a\nsearch:\n  sort: date\n  sort: relevance\n")
    assert [str(p).split(": ", 1)[1] for p in error.errors] == [
        "search: given twice (first on line 1); only this one would count; keep one of them",
        "search.sort: given twice (first on line 5); only this one would count; keep one of them",
    ]
    assert error.errors[0].line == 4 and error.errors[1].line == 6


def test_exact_message_for_default_list(paths):
    error = errors_of(paths, "bookmarks:\n  lists: [reading, later]\n  default_list: x\n")
    assert str(error) == (
        f"{paths.config}:3: bookmarks.default_list: 'x' is not one of the lists (reading, later); fix the value"
    )


def test_all_errors_are_collected_and_first_leads(paths):
    error = errors_of(paths, "serach: 1\ntheme: 3\nsearch:\n  limit: -1\n  sort: x\n")
    assert [problem.line for problem in error.errors] == [1, 2, 4, 5]
    assert [problem.key for problem in error.errors] == ["serach", "theme", "search.limit", "search.sort"]
    message = str(error)
    assert message.startswith(f"{paths.config}:1: serach: unknown key; did you mean 'search'?")
    assert "and 3 more problems" in message
    assert "\n" not in message


def test_invalid_yaml_names_line(paths):
    error = errors_of(paths, "theme: a\nsearch:\n  limit: [1, 2\n")
    assert str(error).startswith(f"{paths.config}:")
    assert "invalid YAML" in str(error)
    assert error.line is not None and error.line >= 3


def test_not_a_mapping(paths):
    error = errors_of(paths, "- a\n- b\n")
    assert str(error).startswith(f"{paths.config}:1: expected a mapping")


def test_invalid_utf8_names_line(paths):
    error = errors_of(paths, b"theme: a\ntheme2: \xff\n")
    assert str(error).startswith(f"{paths.config}:2: not valid UTF-8")


def test_python_tags_are_refused(paths):
    error = errors_of(paths, "theme: !!python/object/apply:os.system ['echo hi']\n")
    assert "invalid YAML" in str(error)


def _laughs(levels: int, width: int) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for level in range(1, levels):
        name = f"l{level}"
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * width) + "]")
        previous = name
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "text",
    [
        _laughs(8, 9),  # 63 aliases, under the alias limit: fails on validation, fast
        _laughs(12, 12),  # over the alias limit: refused by the loader
        "theme: reader-dark\n" + _laughs(8, 9).replace("l7:", "sources:"),
        "keys:\n  x: 1\n" + _laughs(8, 9).replace("l7:", "bookmarks:"),
    ],
)
def test_billion_laughs_fails_fast_and_changes_nothing(paths, text):
    write(paths, text)
    before = sorted(p.name for p in paths.home.iterdir())
    start = time.perf_counter()
    with pytest.raises(ConfigError) as info:
        load_config(paths)
    assert time.perf_counter() - start < 1.0
    message = str(info.value)
    assert message.startswith(f"{paths.config}:")
    assert len(message) < 500
    assert paths.config.read_text() == text
    assert sorted(p.name for p in paths.home.iterdir()) == before


def test_commented_default_loads_to_defaults(tmp_path):
    assert parse_config(DEFAULT_CONFIG_TEXT, tmp_path / "config.yaml") == Config()


def test_commented_default_mentions_every_option():
    from msgspec.structs import fields

    for cls in (Config, ListConfig):
        for field in fields(cls):
            assert f"{field.name}:" in DEFAULT_CONFIG_TEXT, field.name
    for field in fields(SearchConfig) + fields(ViewerConfig) + fields(BookmarksConfig):
        assert f"  {field.name}:" in DEFAULT_CONFIG_TEXT, field.name
    # every option line has a comment right above it (or a section comment)
    lines = DEFAULT_CONFIG_TEXT.splitlines()
    for i, line in enumerate(lines):
        stripped = line.strip()
        if (
            stripped
            and not stripped.startswith("#")
            and not stripped.startswith("-")
            and line.startswith("  ")
            and ":" in stripped
        ):
            if lines[i - 1].strip().startswith("- name"):
                continue  # description of the example list
            assert lines[i - 1].strip().startswith("#"), line


def test_config_init_writes_commented_default(paths, capsys):
    assert main(["config", "init"]) == 0
    assert paths.config.read_text(encoding="utf-8") == DEFAULT_CONFIG_TEXT
    assert str(paths.config) in capsys.readouterr().err
    assert load_config(paths) == Config()


def test_config_init_refuses_to_overwrite(paths, capsys):
    write(paths, "theme: mine\n")
    assert main(["config", "init"]) == 1
    err = capsys.readouterr().err
    assert "already exists" in err and str(paths.config) in err
    assert err.count("\n") == 1
    assert paths.config.read_text() == "theme: mine\n"


def test_config_check_ok_and_missing(paths, capsys):
    assert main(["config", "check"]) == 0
    assert capsys.readouterr().out.startswith(f"ok: {paths.config}")
    write(paths, DEFAULT_CONFIG_TEXT)
    assert main(["config", "check"]) == 0
    assert capsys.readouterr().out == f"ok: {paths.config}\n"


def test_config_check_lists_every_problem(paths, capsys):
    write(paths, "serach: 1\nsearch:\n  sort: x\n")
    assert main(["config", "check"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0].startswith(f"{paths.config}:1: serach: unknown key")
    assert lines[1].startswith(f"{paths.config}:3: search.sort:")
    assert lines[2] == f"2 problems in {paths.config}"


def test_config_path(paths, capsys):
    assert main(["config", "path"]) == 0
    assert capsys.readouterr().out == f"{paths.config}\n"


def test_config_without_action_is_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["config"])
    assert info.value.code == 2


def test_program_never_writes_config(paths):
    write(paths, "theme: mine\n")
    before = paths.config.stat().st_mtime_ns
    load_config(paths)
    assert paths.config.stat().st_mtime_ns == before
