"""The command line: JSON shapes, human output, exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from reader.cli import main
from tests.helpers import write_library

SEED_ID = "seeds/000_51a9c244470b2f12"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_json_returns_the_seed(capsys):
    code, out, err = run(capsys, "search", "karabakh", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"query", "total", "took_ms", "suggestion", "results"}
    assert data["query"] == "karabakh" and data["total"] == 1
    (result,) = data["results"]
    assert set(result) == {
        "id", "title", "date", "dateline", "source", "path", "score", "snippet", "snippet_hits",
    }
    assert result["id"] == SEED_ID
    assert result["date"] == "2023-09-23"
    assert result["dateline"] == "KORNIDZOR, Armenia"
    for start, end in result["snippet_hits"]:
        assert result["snippet"][start:end].lower() == "karabakh"
    assert "first use" in err  # built the index on first use


def test_search_json_suggestion(capsys):
    code, out, _ = run(capsys, "search", "Karabakk", "--json")
    data = json.loads(out)
    assert code == 0 and data["total"] == 0 and data["suggestion"] == "karabakh"


def test_search_human_output(capsys):
    code, out, _ = run(capsys, "search", "karabakh", "--color", "never")
    assert code == 0
    assert "1 result for 'karabakh'" in out
    assert SEED_ID in out and "KORNIDZOR, Armenia" in out
    assert "\x1b[" not in out


def test_search_human_output_highlights_with_color(capsys):
    _, out, _ = run(capsys, "search", "karabakh", "--color", "always")
    assert "\x1b[1;33mKarabakh\x1b[0m" in out


def test_zero_results_is_success(capsys):
    code, out, _ = run(capsys, "search", "zebra", "--color", "never")
    assert code == 0 and out.startswith("0 results")


def test_show_json_shape(capsys):
    code, out, _ = run(capsys, "show", SEED_ID, "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"id", "title", "date", "dateline", "source", "path", "subheadings", "body"}
    assert data["subheadings"] == ["‘Abandoned’"]
    assert data["body"].startswith("Armenian fighters")


def test_show_human(capsys):
    code, out, _ = run(capsys, "show", SEED_ID)
    assert code == 0 and "‘Abandoned’" in out and "KORNIDZOR" in out


def test_show_unknown_id_fails_with_one_line(capsys):
    run(capsys, "index")
    code, out, err = run(capsys, "show", "seeds/nope")
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "no article with id" in err


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "x", "--limit", "zero"])
    assert exit_info.value.code == 2
    assert "not a whole number" in capsys.readouterr().err


def test_index_adds_path_and_is_incremental(capsys, tmp_path):
    folder = write_library(tmp_path)
    code, out, err = run(capsys, "index", str(folder))
    assert code == 0 and f"added {folder}" in err
    assert "6 added" in out
    code, out, _ = run(capsys, "index")
    assert "0 added, 0 updated, 0 removed" in out and "6 unchanged" in out
    code, out, _ = run(capsys, "index", "--json")
    assert json.loads(out)["unchanged"] == 6
    code, out, _ = run(capsys, "search", "chelsea", "--json")
    assert json.loads(out)["results"][0]["id"] == "news/gamma"


def test_index_missing_path_fails_cleanly(capsys, tmp_path):
    code, _, err = run(capsys, "index", str(tmp_path / "missing"))
    assert code == 1 and "no such file or folder" in err


def test_locked_index_message(capsys):
    from reader.library import Library
    from reader.paths import get_paths

    lib = Library(get_paths())
    lib.update()
    with lib.store.write_lock():
        code, _, err = run(capsys, "index", "--rebuild")
        assert code == 1 and "another reader process is updating the index" in err
        code, out, _ = run(capsys, "search", "karabakh", "--json")
        assert code == 0 and json.loads(out)["total"] == 1


def test_paths_json(capsys, reader_home):
    code, out, _ = run(capsys, "paths", "--json")
    data = json.loads(out)
    assert data["home"] == str(reader_home)
    assert data["index"] == str(reader_home / "index")


def test_home_option_overrides_env(capsys, tmp_path):
    code, out, _ = run(capsys, "--home", str(tmp_path / "elsewhere"), "paths", "--json")
    assert json.loads(out)["home"] == str(tmp_path / "elsewhere")


def test_unexpected_errors_are_one_line(capsys, monkeypatch):
    def boom(self):
        raise RuntimeError("kaboom")

    monkeypatch.setattr("reader.paths.Paths.as_dict", boom)
    code, _, err = run(capsys, "paths")
    assert code == 1 and err.count("\n") == 1 and "kaboom" in err and "Traceback" not in err


def test_python_dash_m_and_console_script_work(tmp_path):
    env = {**os.environ, "READER_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "reader", "search", "karabakh", "--json"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["results"][0]["id"] == SEED_ID
    assert "Traceback" not in result.stderr


def test_app_does_not_start_on_a_bad_config(capsys, reader_home):
    config = reader_home / "config.yaml"
    config.write_text("theme: reader-dark\nsearch:\n  limt: 5\n")
    before = config.read_bytes()
    code, out, err = run(capsys)  # no command: the TUI
    assert code == 1 and out == ""
    assert err.count("\n") == 1
    assert f"{config}:3" in err and "search.limt" in err and "did you mean" in err and "did not start" in err
    assert config.read_bytes() == before
