"""Reader's query tree: what a query asks for, whichever engine answers it.

:func:`reader.index.query.parse_query` reads the query language once (with
Whoosh's parser and Reader's plugins: fields, phrases, prefixes, fuzzy
words, dates, ``AND``/``OR``/``NOT``, ``+word``/``-word``); :func:`from_whoosh`
turns what it read into these nodes, and each engine translates the nodes
into its own queries (:mod:`reader.index.tantivy_engine`). The Whoosh
engine runs the parser's own Whoosh queries, which :func:`to_whoosh` gives
back from the tree unchanged (tests/unit/test_query_tree.py holds the two
equal).

Leaves hold *index terms*: a word of a text field is already analysed
(lower case, Porter2 stem), as both engines index it. Prefixes and fuzzy
words hold the word as typed (lower case): they match the words *as
written* and search the stems of those words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from whoosh import query as wq


@dataclass(frozen=True)
class Term:
    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Phrase:
    """``words`` in order, at most ``slop`` - 1 words apart (1: next to each
    other). ``gaps``: how many words the analyser left out between each
    two (stop words), when the text was known."""

    field: str
    words: tuple[str, ...]
    slop: int = 1
    boost: float = 1.0
    gaps: tuple[int, ...] | None = None


@dataclass(frozen=True)
class Prefix:
    """``econ*``: with ``words``, the words as written that start with
    ``text``, searched by their stems; else the index terms that do."""

    field: str
    text: str
    words: bool = True
    boost: float = 1.0


@dataclass(frozen=True)
class Wildcard:
    """``t?x``, ``*ation``: index terms matching the pattern (``*`` any
    run of characters, ``?`` one)."""

    field: str
    pattern: str
    boost: float = 1.0


@dataclass(frozen=True)
class Fuzzy:
    """``goverment~``: words as written within ``distance`` edits whose first
    ``prefix`` letters agree, searched by their stems."""

    field: str
    text: str
    distance: int = 1
    prefix: int = 1
    boost: float = 1.0
    asked: int = 1  # the distance typed, before the cap


@dataclass(frozen=True)
class DateRange:
    """Articles dated from ``start`` to ``end`` (either open), as datetimes;
    ``*_excl`` leave that end out."""

    field: str
    start: dt.datetime | None
    end: dt.datetime | None
    start_excl: bool = False
    end_excl: bool = False


@dataclass(frozen=True)
class TermRange:
    field: str
    start: str | None
    end: str | None
    start_excl: bool = False
    end_excl: bool = False
    boost: float = 1.0


@dataclass(frozen=True)
class All:
    """Every article (with ``field``, when named: ``body:*``)."""

    field: str | None = None
    boost: float = 1.0


@dataclass(frozen=True)
class Nothing:
    """No article."""


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class Or:
    """Any of ``items``. ``array``: scored as one array of matches (a long
    loose query; Whoosh's ``PreloadedOr``)."""

    items: tuple[Node, ...]
    boost: float = 1.0
    array: bool = False


@dataclass(frozen=True)
class Not:
    item: Node


@dataclass(frozen=True)
class AndNot:
    positive: Node
    negative: Node


@dataclass(frozen=True)
class AndMaybe:
    """``required``, ranked higher when ``optional`` matches too."""

    required: Node
    optional: Node


@dataclass(frozen=True)
class Require:
    """``scored``, kept to the articles ``required`` matches."""

    scored: Node
    required: Node


Node = (
    Term
    | Phrase
    | Prefix
    | Wildcard
    | Fuzzy
    | DateRange
    | TermRange
    | All
    | Nothing
    | And
    | Or
    | Not
    | AndNot
    | AndMaybe
    | Require
)


class Untranslatable(ValueError):
    """A query node the tree has no counterpart for."""


def from_whoosh(q: wq.Query) -> Node:
    """The tree of a query as :func:`reader.index.query.parse_query` builds it."""
    from whoosh import query as w

    from reader.index.query import WordFuzzyTerm, WordPrefix

    kind = type(q)
    boost = float(getattr(q, "boost", 1.0))
    if isinstance(q, type(w.NullQuery)) or q is w.NullQuery:
        return Nothing()
    if kind is w.Every:
        return All(q.fieldname or None, boost)
    if kind is w.Term:
        return Term(q.fieldname, _str(q.text), boost)
    if kind is w.Phrase:
        gaps = getattr(q, "gaps", None)
        return Phrase(q.fieldname, tuple(_str(word) for word in q.words), int(q.slop), boost, gaps)
    if kind is WordPrefix:
        return Prefix(q.fieldname, _str(q.text), True, boost)
    if kind is w.Prefix:
        return Prefix(q.fieldname, _str(q.text), False, boost)
    if kind is w.Wildcard:
        return Wildcard(q.fieldname, _str(q.text), boost)
    if kind is WordFuzzyTerm:
        asked = int(getattr(q, "asked_distance", q.maxdist))
        return Fuzzy(q.fieldname, _str(q.text), int(q.maxdist), int(q.prefixlength), boost, asked)
    if kind is w.DateRange or kind is w.NumericRange and q.fieldname == "date":
        return DateRange(q.fieldname, _when(q.start), _when(q.end), bool(q.startexcl), bool(q.endexcl))
    if kind is w.TermRange:
        return TermRange(
            q.fieldname,
            None if q.start is None else _str(q.start),
            None if q.end is None else _str(q.end),
            bool(q.startexcl),
            bool(q.endexcl),
            boost,
        )
    if kind is w.And:
        return And(tuple(from_whoosh(c) for c in q.subqueries), boost)
    if kind in (w.Or, w.PreloadedOr):
        return Or(tuple(from_whoosh(c) for c in q.subqueries), boost, array=kind is w.PreloadedOr)
    if kind is w.Not:
        return Not(from_whoosh(q.query))
    if kind is w.AndNot:
        return AndNot(from_whoosh(q.a), from_whoosh(q.b))
    if kind is w.AndMaybe:
        return AndMaybe(from_whoosh(q.a), from_whoosh(q.b))
    if kind is w.Require:
        return Require(from_whoosh(q.a), from_whoosh(q.b))
    raise Untranslatable(f"no query tree node for {kind.__name__}")


def to_whoosh(node: Node) -> wq.Query:
    """The Whoosh query of a tree: what the Whoosh engine runs."""
    from whoosh import query as w
    from whoosh.util.times import datetime_to_long

    from reader.index.query import WordFuzzyTerm, WordPrefix

    if isinstance(node, Nothing):
        return w.NullQuery
    if isinstance(node, All):
        return w.Every(node.field, boost=node.boost)
    if isinstance(node, Term):
        return w.Term(node.field, node.text, boost=node.boost)
    if isinstance(node, Phrase):
        phrase = w.Phrase(node.field, list(node.words), slop=node.slop, boost=node.boost)
        if node.gaps is not None:
            phrase.gaps = node.gaps
        return phrase
    if isinstance(node, Prefix):
        return (WordPrefix if node.words else w.Prefix)(node.field, node.text, boost=node.boost)
    if isinstance(node, Wildcard):
        return w.Wildcard(node.field, node.pattern, boost=node.boost)
    if isinstance(node, Fuzzy):
        fuzzy = WordFuzzyTerm(node.field, node.text, boost=node.boost, maxdist=node.distance, prefixlength=node.prefix)
        fuzzy.asked_distance = node.asked
        return fuzzy
    if isinstance(node, DateRange):
        start = None if node.start is None else datetime_to_long(node.start)
        end = None if node.end is None else datetime_to_long(node.end)
        return w.NumericRange(node.field, start, end, node.start_excl, node.end_excl, constantscore=True)
    if isinstance(node, TermRange):
        return w.TermRange(node.field, node.start, node.end, node.start_excl, node.end_excl, boost=node.boost)
    if isinstance(node, And):
        return w.And([to_whoosh(c) for c in node.items], boost=node.boost)
    if isinstance(node, Or):
        return (w.PreloadedOr if node.array else w.Or)([to_whoosh(c) for c in node.items], boost=node.boost)
    if isinstance(node, Not):
        return w.Not(to_whoosh(node.item))
    if isinstance(node, AndNot):
        return w.AndNot(to_whoosh(node.positive), to_whoosh(node.negative))
    if isinstance(node, AndMaybe):
        return w.AndMaybe(to_whoosh(node.required), to_whoosh(node.optional))
    if isinstance(node, Require):
        return w.Require(to_whoosh(node.scored), to_whoosh(node.required))
    raise Untranslatable(f"no Whoosh query for {type(node).__name__}")


def positive(node: Node) -> Iterator[Node]:
    """The leaves of ``node`` that a match is found by (not those negated)."""
    if isinstance(node, (And, Or)):
        for item in node.items:
            yield from positive(item)
    elif isinstance(node, Not):
        return
    elif isinstance(node, AndNot):
        yield from positive(node.positive)
    elif isinstance(node, AndMaybe):
        yield from positive(node.required)
        yield from positive(node.optional)
    elif isinstance(node, Require):
        yield from positive(node.scored)
        yield from positive(node.required)
    else:
        yield node


def _str(value: object) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _when(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, int):
        from whoosh.util.times import long_to_datetime

        when: dt.datetime = long_to_datetime(value)
        return when
    return None


# The fields whose words snippets and titles mark.
MARKED_FIELDS = ("title", "body")


def marked_terms(node: Node) -> frozenset[str]:
    """The index terms of the words and phrases a match is found by, in the
    title and body: what a result's snippet and title mark."""
    found: set[str] = set()
    for leaf in positive(node):
        if isinstance(leaf, Term) and leaf.field in MARKED_FIELDS:
            found.add(leaf.text)
        elif isinstance(leaf, Phrase) and leaf.field in MARKED_FIELDS:
            found.update(leaf.words)
    return frozenset(found)
