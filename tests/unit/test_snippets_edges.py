"""make_snippet with hit spans that are all empty: the opening of the body,
as without hits (it used to fail unpacking None)."""

from __future__ import annotations

from reader.index.snippets import make_snippet


def test_only_empty_spans_give_the_opening_like_no_spans():
    body = "Storm hits the coast\n\nWinds of 120 km/h   were measured overnight."
    assert make_snippet(body, [(6, 6), (30, 30)]) == make_snippet(body, [])
    assert make_snippet(body, [(6, 6)], width=12) == make_snippet(body, [], width=12)


def test_an_empty_span_beside_a_real_hit_is_dropped():
    body = "Storm hits the coast"
    text, hits = make_snippet(body, [(0, 0), (6, 10)])
    assert text == body
    assert hits == [(6, 10)]
