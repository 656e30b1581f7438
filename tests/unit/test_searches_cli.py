"""``reader searches list|save|remove`` and ``reader search --saved NAME``."""

from __future__ import annotations

import json

import pytest

from reader.cli import main

SEED_ID = "seeds/000_51a9c244470b2f12"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_save_replace_remove(capsys, reader_home):
    assert run(capsys, "searches", "list") == (0, "", "no saved searches (save one with 'reader searches save NAME QUERY')\n")
    assert run(capsys, "searches", "list", "--json")[1] == "[]\n"
    assert run(capsys, "searches", "save", "caucasus", "karabakh", "OR", "armenia") == (
        0,
        "saved 'caucasus': karabakh OR armenia\n",
        "",
    )
    assert (
        run(capsys, "searches", "save", "no russia", "--", "-russia", "ceasefire")[1] == "saved 'no russia': -russia ceasefire\n"
    )
    code, out, _ = run(capsys, "searches", "save", "caucasus", "karabakh date:2023")
    assert code == 0 and out == "saved 'caucasus': karabakh date:2023 (it was 'karabakh OR armenia')\n"
    code, out, _ = run(capsys, "searches", "list")
    assert code == 0 and out == "caucasus   karabakh date:2023\nno russia  -russia ceasefire\n"
    code, out, _ = run(capsys, "searches", "list", "--json")
    assert json.loads(out) == [
        {"name": "caucasus", "query": "karabakh date:2023"},
        {"name": "no russia", "query": "-russia ceasefire"},
    ]
    assert run(capsys, "searches", "remove", "caucasus")[:2] == (0, "removed 'caucasus': karabakh date:2023\n")
    assert "caucasus" not in (reader_home / "searches.yaml").read_text(encoding="utf-8")


def test_unknown_names_are_errors_listing_the_known_ones(capsys):
    code, out, err = run(capsys, "searches", "remove", "caucasus")
    assert (code, out) == (1, "")
    assert err == "reader: no saved search 'caucasus': there are none yet; save one with 'reader searches save NAME QUERY'\n"
    run(capsys, "searches", "save", "caucasus", "karabakh")
    run(capsys, "searches", "save", "markets", "title:markets")
    code, out, err = run(capsys, "searches", "remove", "caucasas")
    assert (code, out) == (1, "")
    assert err == "reader: no saved search 'caucasas'; did you mean 'caucasus'? (saved searches: 'caucasus', 'markets')\n"
    code, out, err = run(capsys, "search", "--saved", "zebra", "--json")
    assert (code, out) == (1, "")
    assert err == "reader: no saved search 'zebra' (saved searches: 'caucasus', 'markets')\n"


def test_search_saved_runs_it_with_the_other_options(capsys):
    run(capsys, "searches", "save", "caucasus", "karabakh")
    code, out, _ = run(capsys, "search", "--saved", "caucasus", "--json", "--limit", "1")
    assert code == 0
    data = json.loads(out)
    assert data["query"] == "karabakh" and [r["id"] for r in data["results"]] == [SEED_ID]
    code, out, _ = run(capsys, "search", "--sort", "date", "--saved=caucasus", "--color", "never")
    assert code == 0 and out.startswith("1 result for 'karabakh'")


def test_search_saved_keeps_a_query_starting_with_a_dash(capsys):
    run(capsys, "searches", "save", "not karabakh", "--", "-karabakh", "armenia")
    code, out, _ = run(capsys, "search", "--saved", "not karabakh", "--json")
    assert code == 0 and json.loads(out)["query"] == "-karabakh armenia"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["search"], "reader: search: give a query, or --saved NAME (see 'reader search --help')\n"),
        (["search", "--json"], "reader: search: give a query, or --saved NAME (see 'reader search --help')\n"),
        (["search", "karabakh", "--saved", "x"], "reader: search: give a query or --saved NAME, not both\n"),
    ],
)
def test_a_query_or_saved_name_is_needed_not_both(capsys, argv, message):
    run(capsys, "searches", "save", "x", "karabakh")
    assert run(capsys, *argv) == (2, "", message)


def test_a_broken_searches_file_is_reported_and_kept(capsys, reader_home):
    file = reader_home / "searches.yaml"
    data = b"searches:\n  caucasus: karabakh\n  year: 2023\n"
    file.write_bytes(data)
    for argv in (
        ["searches", "list"],
        ["searches", "list", "--json"],
        ["searches", "save", "new", "markets"],
        ["searches", "remove", "caucasus"],
        ["search", "--saved", "caucasus"],
    ):
        code, out, err = run(capsys, *argv)
        assert (code, out) == (1, ""), argv
        assert err == (
            f"reader: {file}:3: searches.year: expected a query, got 2023; put the query in quotes; "
            "saved searches cannot be changed until the file is fixed\n"
        ), argv
    assert file.read_bytes() == data


def test_a_blank_name_is_refused(capsys, reader_home):
    assert run(capsys, "searches", "save", " ", "karabakh") == (1, "", "reader: a saved search needs a name; give one\n")
    assert not (reader_home / "searches.yaml").exists()


def test_paths_lists_the_history_and_the_saved_searches(capsys, reader_home):
    code, out, _ = run(capsys, "paths", "--json")
    paths = json.loads(out)
    assert paths["history"] == str(reader_home / "history.txt")
    assert paths["searches"] == str(reader_home / "searches.yaml")
