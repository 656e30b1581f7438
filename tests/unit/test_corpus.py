"""Reading article files: formats, decoding, skipping, ids."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.corpus import SkippedFile, decode_bytes, read_article
from reader.corpus.reading import headline_from, parse_text
from reader.corpus.sources import Source, add_sources, load_sources
from reader.paths import bundled_seeds, get_paths
from tests.conftest import SEED_FILE


def seed_article():
    return read_article(SEED_FILE, id="seeds/000_51a9c244470b2f12", source="seeds")


def test_bundled_seed_is_a_copy_of_shared(shared):
    assert SEED_FILE.read_bytes() == (shared / "seeds" / SEED_FILE.name).read_bytes()


def test_seed_format_fields():
    article = seed_article()
    assert article.date == dt.date(2023, 9, 23)
    assert article.dateline == "KORNIDZOR, Armenia"
    assert article.body.startswith("Armenian fighters in the breakaway region")
    assert "date 2023" not in article.body
    assert article.subheadings == ("‘Abandoned’",)


def test_seed_title_is_a_readable_headline():
    title = seed_article().title
    assert 40 <= len(title) <= 90
    assert title.startswith("Armenian fighters")
    assert title[-1].isalnum()
    assert title.split()[-1].lower() not in {"the", "of", "to", "and", "their"}


def test_seed_blocks_mark_the_subheading():
    article = seed_article()
    blocks = list(article.blocks())
    kinds = [b.kind for b in blocks]
    assert kinds.count("subheading") == 1
    sub = next(b for b in blocks if b.kind == "subheading")
    assert article.body[sub.start : sub.end] == "‘Abandoned’"
    assert all(article.body[b.start : b.end].strip() for b in blocks)
    assert len(blocks) == article.body.count("\n\n") + 1


def test_headline_format():
    text = "Chelsea sack Mutu\n\nChelsea have sacked Adrian Mutu.\n\nThe 25-year-old tested positive.\n"
    article = parse_text(text, id="bbc/sport/199", source="bbc")
    assert article.title == "Chelsea sack Mutu"
    assert article.body == "Chelsea have sacked Adrian Mutu.\n\nThe 25-year-old tested positive."
    assert article.date is None and article.dateline is None


def test_plain_text_format_takes_title_from_first_line():
    text = (
        "This is a long opening sentence of a plain text note that goes on and on well past any headline "
        "length limit, so it cannot be a headline itself.\nSecond line.\n"
    )
    article = parse_text(text, id="x/y")
    assert article.title.startswith("This is a long opening sentence")
    assert len(article.title) <= 90
    assert article.body.startswith("This is a long opening sentence")
    assert "Second line." in article.body


def test_hard_wrapped_paragraphs_are_joined():
    text = "Title here\n\nFirst line of a paragraph\nthat wraps.\n\nSecond paragraph.\n"
    article = parse_text(text, id="x/y")
    assert article.body == "First line of a paragraph that wraps.\n\nSecond paragraph."


def test_decoding_falls_back_to_cp1252():
    data = "Chelsea sack Mutu\n\nA £15.8m signing.\n".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "£15.8m" in decode_bytes(data)


def test_bbc_latin1_file_reads(shared):
    path = shared / "corpora" / "bbc" / "sport" / "199.txt"
    article = read_article(path, id="bbc/sport/199", source="bbc")
    assert "£15.8m" in article.body


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffHeadline\n\nBody text.\n".encode("utf-8"))
    assert read_article(path, id="t/bom").title == "Headline"


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty"), (b"  \n\n ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary")],
)
def test_unreadable_files_are_skipped_with_a_reason(tmp_path, data, reason):
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    with pytest.raises(SkippedFile, match=reason):
        read_article(path, id="t/f")


def test_terminal_control_sequences_are_stripped():
    text = "Evil \x1b[31mred\x1b[0m headline\x07\n\nBody \x1b]0;pwned\x07with\x9b2J escapes\x00.\n"
    article = parse_text(text, id="t/e")
    assert article.title == "Evil red headline"
    assert "\x1b" not in article.body and "\x07" not in article.body and "\x9b" not in article.body
    assert article.body == "Body with escapes."


def test_bidi_controls_and_zero_width_characters_are_removed():
    text = (
        "Invoice \u202egnp.exe\u202c sent\n\n"
        "Body with\u200b hidden\u2060 joins, \u2066isolates\u2069 and\u200f marks\ufeff.\n\n"
        "\u2067Sub\u200dheading\u2069\n\nMore text.\n"
    )
    article = parse_text(text, id="t/b")
    assert article.title == "Invoice gnp.exe sent"
    assert article.body.startswith("Body with hidden joins, isolates and marks.")
    for char in "\u202e\u202c\u200b\u2060\u2066\u2069\u200f\ufeff\u2067\u200d":
        assert char not in article.title + article.body


COLOURED = (
    "Colour \x1b[1mcodes\x1b[0m in a headline\n\n" + "".join(f"Word \x1b[3{n % 8}mnumber {n}\x1b[0m. " for n in range(12)) + "\n"
).encode("utf-8")


@pytest.mark.parametrize(
    "data, title, body",
    [
        # Terminal output saved to a file: two dozen escape sequences in 400 bytes.
        (COLOURED, "Colour codes in a headline", "Word number 0. Word number 1."),
        # Stray ESC bytes and a bell.
        (
            b"Stray escapes\n\nA \x1b\x1b\x1b text \x1b\x1b with\x07 a few \x1b\x1b\x1b\x1b\x1b\x1b odd bytes.\n",
            "Stray escapes",
            "A text with a few odd bytes.",
        ),
    ],
    ids=["colour codes", "stray escapes"],
)
def test_a_text_with_escape_bytes_is_read_not_skipped_as_binary(tmp_path, data, title, body):
    path = tmp_path / "coloured.txt"
    path.write_bytes(data)
    assert data.count(b"\x1b") > 8
    article = read_article(path, id="t/c")
    assert article.title == title
    assert article.body.startswith(body)
    assert "\x1b" not in article.body and "\x07" not in article.body


@pytest.mark.parametrize(
    "data",
    [
        b"text\x00more text" * 20,  # a NUL byte
        bytes(range(1, 9)) * 40 + b" some words in between " * 5,  # mostly control bytes
        b"\x1f\x8b\x08\x04\x01\x02\x03\x05compressed?\x06\x07\x0e\x0f\x10\x11",
    ],
    ids=["nul", "control bytes", "short"],
)
def test_binary_data_is_still_skipped(tmp_path, data):
    path = tmp_path / "b.txt"
    path.write_bytes(data)
    with pytest.raises(SkippedFile, match="binary"):
        read_article(path, id="t/b")


def test_markup_like_text_is_kept_literally():
    article = parse_text("[bold]Not bold[/bold]\n\nBody [red]x[/red].\n", id="t/m")
    assert article.title == "[bold]Not bold[/bold]"
    assert "[red]x[/red]" in article.body


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_an_article_or_a_skip(data):
    try:
        article = parse_text(decode_bytes(data), id="t/x")
    except SkippedFile:
        return
    assert article.title
    assert "\x1b" not in article.body


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_headline_from_never_ends_in_punctuation(text):
    title = headline_from(text)
    assert len(title) <= 90
    if title:
        assert title[-1] not in " ,;:.!?"


def test_ids_are_source_name_plus_relative_path(tmp_path):
    folder = tmp_path / "news"
    (folder / "world").mkdir(parents=True)
    (folder / "world" / "a.txt").write_text("A\n\nB\n")
    (folder / "b.md").write_text("B\n\nC\n")
    (folder / "README.txt").write_text("about this folder")
    (folder / ".hidden.txt").write_text("x")
    (folder / "image.png").write_bytes(b"\x89PNG")
    ids = [i for i, _ in Source("news", folder).files()]
    assert ids == ["news/b", "news/world/a"]


def test_bundled_seeds_always_in_library_and_added_paths_remembered(tmp_path):
    paths = get_paths(tmp_path / "home")
    names = [s.name for s in load_sources(paths)]
    assert names == ["seeds"]
    assert load_sources(paths)[0].root == bundled_seeds()
    one, two = tmp_path / "a" / "news", tmp_path / "b" / "news"
    one.mkdir(parents=True)
    two.mkdir(parents=True)
    assert add_sources(paths, [one, two]) == [one.resolve(), two.resolve()]
    assert add_sources(paths, [one]) == []  # already known
    assert [s.name for s in load_sources(paths)] == ["seeds", "news", "news-2"]


def test_adding_a_missing_path_is_an_error(tmp_path):
    from reader.errors import ReaderError

    with pytest.raises(ReaderError, match="no such file"):
        add_sources(get_paths(tmp_path), [tmp_path / "nope"])


def test_seed_dash_variants():
    for dash in ("\u2013", "\u2014", "-"):
        article = parse_text(f" date 2024-01-02 PARIS {dash} Lead sentence here.\n", id="t/d")
        assert article.dateline == "PARIS"
        assert article.body == "Lead sentence here."
    article = parse_text(" date 2024-01-02 Lead sentence without dateline.\n", id="t/d")
    assert article.dateline is None
    assert article.body == "Lead sentence without dateline."


def test_path_is_recorded():
    assert Path(seed_article().path) == SEED_FILE
