"""date: takes relative dates, and a value that is no date gets a plain note."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.index.query import make_parser, parse_query
from reader.index.schema import make_schema

# The engine contract: every test runs against each search engine (tests/conftest.py).
pytestmark = pytest.mark.usefixtures("engine")

TODAY = dt.date(2023, 9, 24)


@pytest.fixture(scope="module")
def parser():
    return make_parser(make_schema())


@pytest.mark.parametrize(
    "relative, absolute",
    [
        ("date:today", "date:2023-09-24"),
        ("date:yesterday budget", "date:2023-09-23 budget"),
        ("DATE:Yesterday", "date:2023-09-23"),
        ("date:last-week", "date:[2023-09-17 TO 2023-09-24]"),
        ("date:last-month rates", "date:[2023-08-25 TO 2023-09-24] rates"),
    ],
)
def test_relative_dates_are_the_dates_they_mean(parser, relative, absolute):
    got = parse_query(parser, relative, today=TODAY)
    want = parse_query(parser, absolute, today=TODAY)
    assert got.problem is None and got.query == want.query
    assert got.text == relative  # the query shown is the one typed


def test_a_relative_date_inside_a_phrase_is_words(parser):
    assert parse_query(parser, '"date:today"', today=TODAY).query == parse_query(parser, '"date:today"').query


@pytest.mark.parametrize("text", ["date:soon", "date:2004-13", "date:yest", "budget date:[2023-13 to]"])
def test_a_value_that_is_no_date_gets_a_plain_note(parser, text):
    parsed = parse_query(parser, text, today=TODAY)
    assert parsed.problem and " is not a date: write date:2023" in parsed.problem
    assert "invalid literal" not in parsed.problem and "int()" not in parsed.problem


@pytest.mark.parametrize(
    "typed, meant",
    [
        ('"unbalanced date:yesterday', "unbalanced date:2023-09-23"),
        ('budget -rates "', "budget -rates"),
        ('"interest rates" "rise date:last-week', '"interest rates" rise date:[2023-09-17 TO 2023-09-24]'),
        ('oil "prices', "oil prices"),
    ],
)
def test_a_quote_without_its_closing_one_is_left_out_with_a_note(parser, typed, meant):
    """The parser reads the words after an unmatched quote as words, so
    Reader does too: a date after it is a date (once read as phrase words,
    with a note calling date:yesterday no date), -word excludes, plain words
    match some of them; and a note says the quote was left out."""
    got = parse_query(parser, typed, today=TODAY)
    want = parse_query(parser, meant, today=TODAY)
    assert got.query == want.query and got.loose == want.loose and got.near == want.near
    assert got.problem == 'a " without its closing one was left out'
    assert got.text == typed
