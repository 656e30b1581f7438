"""Snippets and hit offsets: where the query's words are in a text, and the
best window of a body around them.

Hits are found with the index's own analyzer (stems), so a snippet marks the
words the search matched, whatever their inflection.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from reader.index.schema import WORD_TOKEN

if TYPE_CHECKING:
    from whoosh.analysis import Analyzer

SNIPPET_CHARS = 220
SNIPPET_CONTEXT = 60
_SPACE_RUN = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _analyzer() -> Analyzer:
    from reader.index.schema import make_analyzer

    return make_analyzer()


def hit_spans_full(text: str, terms: frozenset[str] | set[str]) -> list[tuple[int, int]]:
    """Character spans of the words in ``text`` whose indexed form is in ``terms``
    (runs the analyzer over the whole text)."""
    if not terms or not text:
        return []
    return [
        (token.startchar, token.endchar)
        for token in _analyzer()(text, chars=True, mode="index", removestops=False)
        if token.text in terms
    ]


_MAX_PREFIXES = 64


@lru_cache(maxsize=256)
def _prefixes(terms: frozenset[str]) -> tuple[str, ...]:
    """The beginnings every word of ``terms`` starts with, none of them the
    beginning of another (the 200 words of ``cons*`` need a few)."""
    # A stem is the word's beginning up to its last letter or so (``happi``
    # for "happy"), so its first len-1 characters start every word it came from.
    kept: list[str] = []
    for prefix in sorted({t[:-1] if len(t) > 2 else t for t in terms}, key=len):
        if not prefix.startswith(tuple(kept)):
            kept.append(prefix)
    return tuple(sorted(kept, key=len, reverse=True))


@lru_cache(maxsize=256)
def _candidates(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """The words starting with one of ``prefixes``, in a text in lower case."""
    return re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, prefixes)) + ")")


def hit_spans(text: str, terms: frozenset[str] | set[str]) -> list[tuple[int, int]]:
    """Character spans of the words in ``text`` whose indexed form is in ``terms``.

    ``terms`` are index terms (stems), as in :attr:`SearchResult.terms`.
    Candidate words are found with one regular expression over the stems'
    prefixes, and each candidate is confirmed with the real analyzer, so the
    answer is that of :func:`hit_spans_full` without analysing the whole text.
    """
    if not terms or not text:
        return []
    terms = frozenset(terms)
    prefixes = _prefixes(terms)
    # The candidates are found in the text in lower case, as the analyzer
    # sees it (about four times as fast as a match ignoring case). A letter
    # whose lower case is longer ("İ", two characters) would move the
    # offsets: such a text is analysed whole.
    lowered = text.lower()
    if len(prefixes) > _MAX_PREFIXES or len(lowered) != len(text):
        return hit_spans_full(text, terms)
    spans: list[tuple[int, int]] = []
    last_end = -1
    for match in _candidates(prefixes).finditer(lowered):
        start = match.start()
        if start < last_end:
            continue
        token = WORD_TOKEN.match(text, start)
        if token is None:
            continue
        last_end = token.end()
        spans.extend((start + s, start + e) for s, e in _word_hits(token.group(), terms))
    return spans


@lru_cache(maxsize=8192)
def _word_hits(word: str, terms: frozenset[str]) -> tuple[tuple[int, int], ...]:
    """The spans in ``word`` of its index terms that are in ``terms``. The
    same words come back again and again, in one text and in the titles and
    snippets of one search: each is analysed once."""
    return tuple(
        (sub.startchar, sub.endchar)
        for sub in _analyzer()(word, chars=True, mode="index", removestops=False)
        if sub.text in terms
    )


def _collapse(text: str, hits: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Fold runs of white space to one space, moving ``hits`` along: an
    offset inside a run goes to its space, one after it back by what the
    runs before it lost."""
    collapsed = _SPACE_RUN.sub(" ", text)
    if not hits:
        return collapsed, []
    starts: list[int] = []
    ends: list[int] = []
    lost = [0]  # characters removed by the runs before each run, and by all
    for match in _SPACE_RUN.finditer(text):
        starts.append(match.start())
        ends.append(match.end())
        lost.append(lost[-1] + match.end() - match.start() - 1)

    def moved(offset: int) -> int:
        run = bisect_right(starts, offset) - 1
        if run < 0:
            return offset
        if offset < ends[run]:
            return starts[run] - lost[run]
        return offset - lost[run + 1]

    return collapsed, [(moved(s), moved(e)) for s, e in hits]


def _word_start(text: str, pos: int) -> int:
    if pos <= 0:
        return 0
    space = text.rfind(" ", 0, pos)
    newline = text.rfind("\n", 0, pos)
    cut = max(space, newline)
    return cut + 1 if cut >= 0 and pos - cut < 25 else pos


def _word_end(text: str, pos: int) -> int:
    if pos >= len(text):
        return len(text)
    found = [i for i in (text.find(" ", pos), text.find("\n", pos)) if i != -1]
    cut = min(found) if found else len(text)
    return cut if cut - pos < 25 else pos


def _ordered(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted, without empty ones or ones overlapping an earlier one."""
    out: list[tuple[int, int]] = []
    end = -1
    for s, e in sorted(spans):
        if s >= end and e > s:
            out.append((s, e))
            end = e
    return out


def make_snippet(body: str, spans: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> tuple[str, list[tuple[int, int]]]:
    """The best window of ``body`` around the hit ``spans``, as plain text and offsets.

    The window that holds the most distinct hit words wins (then the most
    hits, then the earliest). Without hits, the opening of the body.
    """
    spans = _ordered(spans)
    if not spans:
        end = _word_end(body, min(len(body), width))
        text, _ = _collapse(body[:end], [])
        return text + ("…" if end < len(body) else ""), []
    # One window per hit, starting a little before it: the hits before it
    # that start inside the window and the hits from it on that end inside
    # it. Both bounds only move forward from one hit to the next, so the
    # window is the run spans[first:last], kept with two pointers, and its
    # distinct words with a counter: linear in the number of hits.
    words = [body[s:e].lower() for s, e in spans]
    counts: dict[str, int] = {}
    best: tuple[tuple[int, int, int], int, int] | None = None  # (key, lo, hi)
    first = last = 0
    for i, (start, _) in enumerate(spans):
        lo = max(0, start - SNIPPET_CONTEXT)
        hi = lo + width
        if last < i:  # hit i-1 ended past the last window: it joins as an earlier hit
            counts[words[i - 1]] = counts.get(words[i - 1], 0) + 1
            last = i
        while first < i and spans[first][0] < lo:
            word = words[first]
            counts[word] -= 1
            if not counts[word]:
                del counts[word]
            first += 1
        while last < len(spans) and spans[last][1] <= hi:
            counts[words[last]] = counts.get(words[last], 0) + 1
            last += 1
        key = (len(counts), last - first, -start)
        if best is None or key > best[0]:
            best = (key, lo, hi)
    assert best is not None  # spans is not empty: the loop ran
    _, lo, hi = best
    hi = min(len(body), hi)
    lo, hi = _word_start(body, lo), _word_end(body, hi)
    window_hits = [(s - lo, e - lo) for s, e in spans[bisect_left(spans, (lo, lo)) :] if s >= lo and e <= hi]
    text, window_hits = _collapse(body[lo:hi], window_hits)
    stripped = text.lstrip()
    shift = len(text) - len(stripped)
    text = stripped.rstrip()
    window_hits = [(s - shift, e - shift) for s, e in window_hits if e - shift <= len(text)]
    if lo > 0:
        text = "…" + text
        window_hits = [(s + 1, e + 1) for s, e in window_hits]
    if hi < len(body):
        text += "…"
    return text, window_hits
