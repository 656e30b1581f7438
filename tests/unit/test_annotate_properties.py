"""Properties of the annotator on arbitrary text (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.annotate import FIGURE_SUBTYPES, annotate

# Text built from the characters the annotator cares about, so that quote
# marks, digits, units and paragraph breaks meet in every combination.
_PIECES = st.sampled_from(
    [
        '"',
        "'",
        "“",
        "”",
        "‘",
        "’",
        "„",
        "«",
        "»",
        "‹",
        "›",
        "‚",
        " ",
        "\n",
        "\n\n",
        ".",
        ",",
        "-",
        "–",
        "%",
        "£",
        "$",
        "€",
        "/",
        ":",
        "0",
        "1",
        "2",
        "19",
        "2020",
        "5,000",
        "3.5",
        "bn",
        "m",
        "km",
        " per cent",
        "-year-old",
        "-hour",
        " tonnes",
        " million",
        "six",
        "Two",
        "one",
        "half",
        "tens of",
        " thousands",
        "said",
        " said Russia",
        "He said: ",
        "according to",
        "the",
        "G7",
        "COVID-19",
        "a",
        "March",
        "23",
        "May",
        "1.",
        "s",
        "’90s",
        "don't",
        "Mr Smith",
    ]
)
_BODIES = st.one_of(
    st.text(max_size=300),
    st.lists(_PIECES, max_size=80).map("".join),
)


def _check(body: str) -> None:
    spans = annotate(body)
    assert isinstance(spans, list)
    keys = [(s.start, s.end) for s in spans]
    assert keys == sorted(keys)
    last_end = {"quote": -1, "figure": -1}
    for span in spans:
        assert span.kind in last_end
        assert 0 <= span.start < span.end <= len(body)
        assert body[span.start : span.end] == span.text
        assert span.start >= last_end[span.kind], "same-kind spans overlap"
        last_end[span.kind] = span.end
        if span.kind == "figure":
            assert span.subtype in FIGURE_SUBTYPES and span.speaker is None
        else:
            assert span.subtype is None
            assert span.speaker is None or (isinstance(span.speaker, str) and span.speaker)
        assert set(span.to_dict()) == {"kind", "subtype", "start", "end", "text", "speaker"}


@settings(max_examples=200, deadline=None)
@given(_BODIES)
def test_any_text_gives_valid_sorted_non_overlapping_spans(body):
    _check(body)


@settings(max_examples=100, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=40).map("".join), st.integers(0, 3))
def test_paragraph_structure_never_breaks_offsets(text, repeat):
    _check("\n\n".join([text] * (repeat + 1)))


# Words around bare numbers: the ones that can make a number a label, a name,
# an age, a rank or a ratio, and plain ones.
_WORDS_NEAR_NUMBERS = st.sampled_from(
    [
        "1",
        "23",
        "456",
        "07",
        "007",
        "0",
        "a",
        "the",
        "The",
        "Radio",
        "he",
        "is",
        "was",
        "at",
        "At",
        "top",
        "in",
        "out of",
        "sur",
        "page",
        "age",
        "aged",
        "times",
        "#",
        ",",
        ".",
        ";",
        "(",
        ")",
        "-",
        "/",
        "\n",
        "\n\n",
        "Smith,",
        "version",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS_NEAR_NUMBERS, max_size=40).map(" ".join))
def test_the_shortcut_for_plain_numbers_agrees_with_the_full_look(text):
    """A bare number with no telling word near it skips the context checks;
    that shortcut gives the same figures as the checks themselves."""
    import importlib

    figures_module = importlib.import_module("reader.annotate.figures")
    fast = list(figures_module.find_figures(text))
    shortcut = figures_module._plain_context
    try:
        figures_module._plain_context = lambda body, start, end: False
        full = list(figures_module.find_figures(text))
    finally:
        figures_module._plain_context = shortcut
    assert fast == full
