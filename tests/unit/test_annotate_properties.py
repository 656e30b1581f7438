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
