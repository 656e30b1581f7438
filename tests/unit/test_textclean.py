"""Hostile text: nothing that can reorder or hide text reaches the screen.

Bidirectional controls (an RLO shows "invoice\u202egnp.exe" as
"invoiceexe.png"), zero-width characters and terminal controls are removed
where text enters: article files, bookmarks.yaml, search snippets.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.bookmarks.store import parse_bookmarks
from reader.files.text import BIDI_CONTROLS, ZERO_WIDTH, has_terminal_control, strip_control
from reader.library import Library
from reader.paths import get_paths
from tests.helpers import write_library

# What the brief of the cleaning names, spelled out so a change to the
# module's constants cannot shrink it unnoticed.
BIDI = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)]
INVISIBLE = [chr(c) for c in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)]
KEPT_CONTROLS = {"\n", "\t"}


def forbidden(char: str) -> bool:
    """A character cleaned text must not hold."""
    code = ord(char)
    control = code < 0x20 or 0x7F <= code <= 0x9F
    return (control and char not in KEPT_CONTROLS) or char in BIDI or char in INVISIBLE


def test_the_module_covers_every_named_character():
    assert set(BIDI) <= set(BIDI_CONTROLS)
    assert set(INVISIBLE) <= set(ZERO_WIDTH)
    for char in BIDI_CONTROLS + ZERO_WIDTH:
        assert unicodedata.category(char) == "Cf", hex(ord(char))


@pytest.mark.parametrize("char", BIDI + INVISIBLE)
def test_each_bidi_and_zero_width_character_is_removed(char):
    assert strip_control(f"pay{char}pal") == "paypal"


@pytest.mark.parametrize(
    "text, clean",
    [
        ("invoice\u202egnp.exe", "invoicegnp.exe"),  # RLO: shown as invoiceexe.png
        ("\u2067\u05e9\u05dc\u05d5\u05dd\u2069 world", "\u05e9\u05dc\u05d5\u05dd world"),  # RLI ... PDI
        ("pass\u200bword", "password"),
        ("\ufeffTitle", "Title"),
        ("\U0001f469\u200d\U0001f4bb", "\U0001f469\U0001f4bb"),  # emoji sequence: the ZWJ goes too
        ("red \x1b[3\u200b1mtext\x1b[0m", "red text"),  # hidden inside an escape sequence
        ("a\u202d\x1b]0;title\x07b", "ab"),
        ("caf\u00e9 \u00e0 la carte\n\tok", "caf\u00e9 \u00e0 la carte\n\tok"),  # ordinary text is kept
    ],
)
def test_examples(text, clean):
    assert strip_control(text) == clean


def test_has_terminal_control_is_about_terminal_controls_only():
    assert has_terminal_control("a\x1bb") and has_terminal_control("a\rb") and has_terminal_control("\x9b")
    assert not has_terminal_control("news/\U0001f469\u200d\U0001f4bb notes\n\t")


_HOSTILE = st.sampled_from(
    BIDI
    + INVISIBLE
    + [chr(c) for c in range(0x20)]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + ["\x1b[", "\x1b]", "\x1bP", "\x9b", "[31m", "\\"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=8), _HOSTILE), max_size=30).map("".join))
def test_cleaned_text_holds_no_bidi_zero_width_or_control_character(text):
    clean = strip_control(text)
    assert not [hex(ord(char)) for char in clean if forbidden(char)]
    assert strip_control(clean) == clean
    # Only characters are removed, never added or changed.
    rest = iter(text)
    assert all(char in rest for char in clean)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_cleans_to_allowed_characters(text):
    assert not [hex(ord(char)) for char in strip_control(text) if forbidden(char)]


# --------------------------------------------------------------------------
# Where text enters


def test_bookmark_titles_notes_and_tags_from_the_file_are_cleaned():
    text = (
        "version: 1\n"
        "lists:\n"
        "  reading:\n"
        "    - id: news/\U0001f469\u200d\U0001f4bb-notes\n"  # an id is kept as it is: it names a file
        '      title: "invoice\\u202Egnp.exe"\n'
        '      note: "see\\u200B this\\u2066 now"\n'
        '      tags: ["ec\\u200Don"]\n'
        '      source: "bb\\u200Fc"\n'
    )
    (entry,) = parse_bookmarks(text, "bookmarks.yaml")["reading"]
    assert entry.id == "news/\U0001f469\u200d\U0001f4bb-notes"
    assert (entry.title, entry.note, entry.tags, entry.source) == ("invoicegnp.exe", "see this now", ("econ",), "bbc")


def test_search_titles_and_snippets_hold_no_hidden_characters(tmp_path):
    hostile = (
        "Markets \u202erally\u202c as inflation eases\n\n"
        "Shares rose\u200b 2% in Lon\u2060don as infla\ufefftion fell \u2066to\u2069 4.6 per cent.\n"
    )
    folder = write_library(tmp_path, {"hostile.txt": hostile})
    lib = Library(get_paths(tmp_path / "home"))
    lib.add([folder])
    lib.update()
    with lib.open() as index:
        (result,) = [r for r in index.search("inflation", limit=None).results if r.id == "news/hostile"]
        article = index.get("news/hostile")
    assert result.title == "Markets rally as inflation eases"
    assert "London" in result.snippet and "fell to 4.6" in result.snippet
    for text in (result.title, result.snippet, article.title, article.body):
        assert not [hex(ord(char)) for char in text if forbidden(char)]
