"""The command line: JSON shapes, human output, exit statuses."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

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
        "id",
        "title",
        "date",
        "dateline",
        "source",
        "path",
        "url",
        "score",
        "snippet",
        "snippet_hits",
        "title_hits",
        "copies",
    }
    assert data["offset"] == 0 and "all_words" in data
    assert result["copies"] == 1
    for start, end in result["title_hits"]:
        assert result["title"][start:end].lower() == "karabakh"
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


@pytest.fixture
def harbour_library(tmp_path, capsys):
    """45 articles that all match ``harbour`` (and the seed article, which does not)."""
    from tests.helpers import paged_articles

    folder = write_library(tmp_path, paged_articles(45))
    assert main(["index", str(folder)]) == 0
    capsys.readouterr()


def test_search_offset_gives_a_page(capsys, harbour_library):
    _, out, _ = run(capsys, "search", "harbour", "--limit", "45", "--json")
    everything = [r["id"] for r in json.loads(out)["results"]]
    assert len(everything) == 45
    code, out, _ = run(capsys, "search", "harbour", "--offset", "20", "--limit", "20", "--json")
    data = json.loads(out)
    assert code == 0 and data["offset"] == 20 and data["total"] == 45
    assert [r["id"] for r in data["results"]] == everything[20:40]
    # Human output: the summary says which results these are, numbered from 21.
    code, out, _ = run(capsys, "search", "harbour", "--offset", "20", "--limit", "20", "--color", "never")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("45 results for 'harbour' (") and lines[0].endswith(" ms, showing 21–40 of 45)")
    numbered = [line for line in lines if line[:4].strip().endswith(".")]
    assert numbered[0].startswith("21. ") and numbered[-1].startswith("40. ") and len(numbered) == 20
    # The last, short page; and past the end.
    _, out, _ = run(capsys, "search", "harbour", "--offset=40", "--color", "never")
    assert out.splitlines()[0].endswith(", showing 41–45 of 45)")
    _, out, _ = run(capsys, "search", "harbour", "--offset", "45", "--color", "never")
    assert out.startswith("45 results for 'harbour' (") and out.splitlines()[0].endswith(", none from result 46 on)")
    # The first page of several, and everything on one.
    _, out, _ = run(capsys, "search", "harbour", "--color", "never")
    assert out.startswith("45 results for 'harbour' (") and out.splitlines()[0].endswith(", showing 1–20 of 45)")
    _, out, _ = run(capsys, "search", "harbour", "--limit", "50", "--color", "never")
    assert out.startswith("45 results for 'harbour' (") and "showing" not in out.splitlines()[0]


def test_search_offset_must_be_a_whole_number_not_below_zero(capsys, reader_home):
    for value in ("-1", "x"):
        with pytest.raises(SystemExit) as exit_info:
            main(["search", "harbour", "--offset", value])
        assert exit_info.value.code == 2
    assert "--offset" in capsys.readouterr().err


def test_search_human_output_says_copies_and_marks_title_hits(capsys, monkeypatch):
    from dataclasses import replace

    from reader.index.search import ArticleIndex

    search = ArticleIndex.search

    def with_copies(self, text, **kwargs):
        response = search(self, text, **kwargs)
        return replace(response, results=tuple(replace(r, copies=3) for r in response.results))

    monkeypatch.setattr(ArticleIndex, "search", with_copies)
    _, out, _ = run(capsys, "search", "karabakh", "--color", "never")
    assert f"KORNIDZOR, Armenia · seeds · {SEED_ID} · 3 copies" in out
    _, out, _ = run(capsys, "search", "karabakh", "--color", "always")
    # The title's "Karabakh" in the hit colour, the rest of the title bold.
    assert "Nagorno \x1b[1;33mKarabakh\x1b[0m\x1b[1m have started" in out


def test_zero_results_is_success(capsys):
    code, out, _ = run(capsys, "search", "zebra", "--color", "never")
    assert code == 0 and out.startswith("0 results")


def test_show_json_shape(capsys):
    code, out, _ = run(capsys, "show", SEED_ID, "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"id", "title", "date", "dateline", "source", "path", "url", "author", "feed", "subheadings", "body"}
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
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
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


# -- a home that cannot be created ------------------------------------------------

COMMANDS = [
    [],
    ["paths"],
    ["paths", "--json"],
    ["search", "karabakh"],
    ["index"],
    ["show", SEED_ID],
    ["annotate", SEED_ID],
    ["bookmarks", "list"],
    ["config", "path"],
    ["themes", "list"],
]


def _unusable_homes(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    homes = [(blocker / "home", "is a file, not a folder"), (blocker, "is not a folder")]
    if os.path.isdir("/proc/self"):
        homes.append((Path("/proc/forbidden/x"), "cannot create"))
    return homes


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a) or "app")
def test_a_home_that_cannot_be_created_is_one_line(capsys, tmp_path, monkeypatch, argv):
    started = []
    monkeypatch.setattr("reader.tui.app.run_app", lambda paths: started.append(paths) or 0)
    for home, reason in _unusable_homes(tmp_path):
        code, out, err = run(capsys, "--home", str(home), *argv)
        assert code == 1, (home, argv, out, err)
        assert err.count("\n") == 1 and err.startswith("reader: ") and "unexpected" not in err
        assert str(home) in err and reason in err and "--home" in err
    monkeypatch.setenv("READER_HOME", str(tmp_path / "a-file" / "home"))
    code, _, err = run(capsys, *argv)
    assert code == 1 and "is a file, not a folder" in err
    assert started == []  # the app never started


def test_os_errors_name_the_path_not_unexpected(capsys, monkeypatch):
    def denied(self):
        raise PermissionError(13, "Permission denied", "/somewhere/locked.yaml")

    monkeypatch.setattr("reader.paths.Paths.as_dict", denied)
    code, _, err = run(capsys, "paths")
    assert code == 1 and err.count("\n") == 1
    assert "/somewhere/locked.yaml" in err and "Permission denied" in err and "unexpected" not in err


# -- the commit phase is shown ------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_index_shows_the_commit_phase_on_a_terminal(monkeypatch, capsys):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["index"]) == 0
    shown = terminal.getvalue()
    assert "indexing" in shown and "1/1" in shown
    assert "1/1 · committing the index… 0 s" in shown
    assert shown.index("1/1") < shown.index("committing")
    assert shown.endswith("\r\x1b[2K")  # the line is cleared at the end


def test_index_progress_is_silent_off_a_terminal(capsys):
    code, out, err = run(capsys, "index")
    assert code == 0 and "committing" not in err and "indexed: 1 added" in out


@pytest.mark.parametrize(
    "argv, query, limit",
    [
        (["search", "-karabakh"], "-karabakh", 20),
        (["search", "-karabakh", "armenians", "--limit", "3"], "-karabakh armenians", 3),
        (["search", "--limit=2", "armenians", "-karabakh"], "armenians -karabakh", 2),
        (["search", "--json", "--", "-karabakh"], "-karabakh", 20),
    ],
)
def test_a_query_word_starting_with_a_dash_is_not_an_option(capsys, reader_home, argv, query, limit):
    assert main([*argv, "--json"] if "--json" not in argv else argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["query"] == query
    assert len(out["results"]) <= limit
    assert all("karabakh" not in (r["title"] + r["snippet"]).lower() for r in out["results"])


@pytest.mark.parametrize("argv", [["search", "karabakh", "--lmit", "3"], ["paths", "--nope"], ["search", "-h", "x"]])
def test_mistyped_options_and_help_are_still_options(capsys, reader_home, argv):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == (0 if "-h" in argv else 2)
