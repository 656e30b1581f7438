"""Searching the index: ranked results, snippets with hit offsets, spelling.

Snippets and hit offsets come from :mod:`reader.index.snippets`, spelling
suggestions from :mod:`reader.index.spelling`; this module runs the queries
and counts their matches.

Ranking is Whoosh's BM25F with the title weighted above the body
(:data:`reader.index.schema.TITLE_BOOST`); ``sort="date"`` lists newest first.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from itertools import takewhile
from math import ceil
from typing import TYPE_CHECKING, Any

from reader.corpus import Article
from reader.corpus.article import header_dict
from reader.index.query import ParsedQuery, make_parser, nodes, parse_query
from reader.index.schema import PAIR_FIELDS
from reader.index.snippets import hit_spans, make_snippet
from reader.index.spelling import closest_word, corrected_query
from reader.index.store import IndexDamaged, IndexStore, article_from_stored
from reader.index.taat import TermScores
from reader.index.tree import from_whoosh, marked_terms

if TYPE_CHECKING:
    from whoosh.query import Query
    from whoosh.reading import IndexReader
    from whoosh.searching import Hit, Results, Searcher


@dataclass(frozen=True)
class SearchResult:
    """One ranked hit."""

    id: str
    title: str
    date: dt.date | None
    dateline: str | None
    source: str
    path: str
    score: float
    snippet: str
    snippet_hits: tuple[tuple[int, int], ...]
    # Character spans of the query's words in ``title``.
    title_hits: tuple[tuple[int, int], ...] = ()
    # How many articles of the library have this one's title and body
    # (white space aside): the others are not listed.
    copies: int = 1
    terms: frozenset[str] = field(default=frozenset(), repr=False)
    # The article's web page (feed entries), else empty.
    url: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            **header_dict(self),
            "url": self.url or None,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "snippet_hits": [list(h) for h in self.snippet_hits],
            "title_hits": [list(h) for h in self.title_hits],
            "copies": self.copies,
        }


@dataclass(frozen=True)
class SearchResponse:
    """The answer to one query."""

    query: str
    total: int
    took_ms: float
    results: tuple[SearchResult, ...]
    suggestion: str | None = None
    problem: str | None = None
    # False when ``total`` is an estimate (rounded to two significant
    # digits): counting every match of a very broad query exactly would
    # cost more than the search.
    total_exact: bool = True
    # Where ``results`` start in the whole ranked list (paging).
    offset: int = 0
    # For plain words: how many of the ``total`` matches have all of them
    # (they rank first); the rest have some. None for other queries.
    all_words: int | None = None

    @property
    def complete_matches(self) -> int:
        """How many matches have everything the query asks for (all its
        words): what a spelling suggestion has to beat."""
        return self.total if self.all_words is None else self.all_words

    def total_text(self) -> str:
        """``1,234`` or, for an estimate, ``about 9,400``."""
        return f"{self.total:,}" if self.total_exact else f"about {self.total:,}"

    def to_dict(self) -> dict[str, object]:
        return {
            "query": self.query,
            "total": self.total,
            "total_exact": self.total_exact,
            "took_ms": round(self.took_ms, 2),
            "offset": self.offset,
            "all_words": self.all_words,
            "suggestion": self.suggestion,
            "problem": self.problem,
            "results": [r.to_dict() for r in self.results],
        }


def unrunnable(parsed: ParsedQuery, error: BaseException, start: float, offset: int = 0) -> SearchResponse:
    """The answer to a query the index cannot run while it answers plain
    ones (the query is at fault, not the index): no results, and a note
    saying so. ``start``: ``time.perf_counter()`` when the search began."""
    took = (time.perf_counter() - start) * 1000
    problem = f"this query could not be run ({type(error).__name__}); simplify it"
    return SearchResponse(parsed.text, 0, took, (), None, problem, offset=offset)


# Hits fetched past the page. Identical articles listed once can leave a page
# short: it is then fetched again, deeper. Fetching more up front costs every
# search (a top-N search skips fewer documents), and copies are rare. One
# more hit tells whether the last one listed shares its score with articles
# not fetched (see TIES_FETCHED).
SPARE = 1

# Articles with the same score are listed by id, in both engines, so that an
# answer does not depend on the order a build added them in (several
# processes add them in the order each took its files). A top-N search
# breaks ties by that order, so the lowest score of a cut fetch may have
# more articles than were fetched: it is fetched deeper until its articles
# are all in hand, up to TIES_FETCHED hits (past that, a query that scores
# thousands of articles alike lists them in the engine's order).
TIES_FETCHED = 2000


def trusted(scores: list[float], cut: bool) -> int:
    """How many of a fetch's hits (``scores``, highest first) can be
    listed by score then id: all of them, unless the fetch
    was ``cut`` (more match) and more may share its lowest score; then those
    above it, or all of them past :data:`TIES_FETCHED` hits."""
    if not cut or not scores or len(scores) >= TIES_FETCHED:
        return len(scores)
    lowest = scores[-1]
    n = len(scores)
    while n and scores[n - 1] == lowest:
        n -= 1
    return n


# A question is ranked by relevance alone, with a bonus of up to
# COORD_WEIGHT points for the share of its words an article has (squared):
# every word first would put the articles that mention all of "who wants to
# buy the london stock exchange" in passing above those about the bid (the
# judged questions of benchmarks/eval_search.py: nDCG@10 0.75 with every
# word first, 0.78 with the bonus).
COORD_WEIGHT = 5.0

# A question is also ranked by the FEEDBACK_TERMS words that best tell its
# first FEEDBACK_DOCS matches (their first FEEDBACK_CHARS characters each)
# from the library, each worth FEEDBACK_WEIGHT times its Bo1 weight: on the
# tuned judged questions nDCG@10 0.781 -> 0.827 (weights 1 and 3 gave 0.817
# and 0.831; 5 articles 0.824).
FEEDBACK_DOCS = 10
FEEDBACK_TERMS = 10
FEEDBACK_WEIGHT = 2.0
FEEDBACK_CHARS = 3000
# Feedback needs a library to tell the first matches from: not below this.
FEEDBACK_LIBRARY = 200


def _word_terms(parsed: ParsedQuery) -> list[frozenset[tuple[str, str]]]:
    """The index terms of each of the query's words."""
    return [frozenset((f, _text(t)) for f, t in word.iter_all_terms()) for word in parsed.words]


def _text(term: str | bytes) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def coordination_bonus(reader: IndexReader, docnums: list[int], words: list[frozenset[tuple[str, str]]]) -> dict[int, float]:
    """The bonus of each of ``docnums`` for the share of ``words`` (the
    index terms of each) it has, from the posting lists."""
    bonus: dict[int, float] = {}
    if not words or not docnums:
        return bonus
    has = {docnum: 0 for docnum in docnums}
    for terms in words:
        found = _containing(reader, sorted(has), terms)
        for docnum in found:
            has[docnum] += 1
    for docnum, count in has.items():
        share = count / len(words)
        bonus[docnum] = COORD_WEIGHT * share * share
    return bonus


def _containing(reader: IndexReader, ordered: list[int], terms: frozenset[tuple[str, str]]) -> set[int]:
    """Those of ``ordered`` (sorted document numbers) that hold one of ``terms``."""
    found: set[int] = set()
    for name, text in terms:
        found.update(docnum for docnum, _ in _postings_at(reader, name, text, [d for d in ordered if d not in found]))
    return found


def _postings_at(reader: IndexReader, name: str, text: str, ordered: list[int]) -> Iterator[tuple[int, Any]]:
    """Each of ``ordered`` (sorted document numbers) that the posting list of
    the term holds, with the list's matcher on it (for its positions)."""
    if (name, text) not in reader:
        return
    matcher = reader.postings(name, text)
    for docnum in ordered:
        if not matcher.is_active():
            return
        if matcher.id() < docnum:
            matcher.skip_to(docnum)
        if matcher.is_active() and matcher.id() == docnum:
            yield docnum, matcher


@dataclass(frozen=True)
class _Only:
    """A search kept to ``docs`` (``keep``) or to the documents not in them."""

    docs: frozenset[int]
    keep: bool

    def allows(self, docnum: int) -> bool:
        return (docnum in self.docs) is self.keep

    def whoosh(self) -> dict[str, set[int]]:
        """Whoosh's ``filter`` (only these) or ``mask`` (not these)."""
        return {"filter" if self.keep else "mask": set(self.docs)}


@dataclass
class Listed:
    """A match as listed: its final score and how many copies it stands for."""

    hit: Hit
    score: float
    copies: int = 1


def _score(hit: Hit) -> float:
    return float(hit.score) if isinstance(hit.score, (int, float)) else 0.0


# -- words near each other -----------------------------------------------------

# The first RERANK_DEPTH matches of each tier (by BM25F) are reordered with a
# bonus for each two neighbouring query words found near each other: up to
# NEAR_WEIGHT points (the average over the pairs) for the words next to each
# other in order, less as they stand apart, nothing past NEAR_WINDOW words
# apart; in reverse order half as much. Matches further down keep their order,
# so every page of a query agrees with the others.
RERANK_DEPTH = 50
NEAR_WINDOW = 4
NEAR_WEIGHT = 2.0
NEAR_FIELDS = {"title": 1.0, "body": 1.0}


def _closeness(first: list[int], second: list[int]) -> float:
    """1.0 when a position of ``second`` follows one of ``first`` directly,
    less with words between or in reverse order, 0.0 past the window."""
    best = 0.0
    j = 0
    for a in first:
        while j < len(second) and second[j] <= a:
            j += 1
        if j < len(second) and second[j] - a <= NEAR_WINDOW:
            best = max(best, (NEAR_WINDOW + 1 - (second[j] - a)) / NEAR_WINDOW)
        if j and 0 < a - second[j - 1] <= NEAR_WINDOW:
            best = max(best, (NEAR_WINDOW + 1 - (a - second[j - 1])) / NEAR_WINDOW / 2)
        if best == 1.0:
            break
    return best


def near_bonus(reader: IndexReader, docnums: list[int], pairs: tuple[tuple[str, str], ...]) -> dict[int, float]:
    """The bonus of each of ``docnums`` for the neighbouring terms ``pairs``
    near each other, from the positions in the posting lists."""
    if not pairs or not docnums:
        return {}
    ordered = sorted(set(docnums))
    positions: dict[tuple[str, str], dict[int, list[int]]] = {}
    for name in NEAR_FIELDS:
        if name not in reader.schema or not reader.schema[name].format.supports("positions"):
            continue
        for stem in {stem for pair in pairs for stem in pair}:
            positions[name, stem] = {
                docnum: list(matcher.value_as("positions")) for docnum, matcher in _postings_at(reader, name, stem, ordered)
            }
    bonus: dict[int, float] = {}
    for docnum in ordered:
        total = 0.0
        for first, second in pairs:
            total += max(
                (
                    weight * _closeness(positions[name, first].get(docnum, []), positions[name, second].get(docnum, []))
                    for name, weight in NEAR_FIELDS.items()
                    if (name, first) in positions
                ),
                default=0.0,
            )
        if total:
            bonus[docnum] = NEAR_WEIGHT * total / len(pairs)
    return bonus


# -- bounding expansions ---------------------------------------------------------

# Prefix, wildcard, fuzzy and range words stand for every index term they
# match. Searching reads every posting of those terms, so their number is
# bounded: at most EXPANSION_TERMS terms and EXPANSION_POSTINGS postings per
# query (about 100 ms of searching at 10,000 articles, at ~2.6 µs a posting
# with the terms' matches loaded in one array), the most common terms
# first; finding them may take EXPANSION_SECONDS. Whoosh's tree of union
# matchers costs 4-10 times as much per posting with dozens of terms.
EXPANSION_TERMS = 200
EXPANSION_POSTINGS = 35_000
EXPANSION_SECONDS = 0.15
_ARRAY_OR_TERMS = 8


def bounded(queries: list[Query | None], reader: IndexReader) -> tuple[list[Query | None], list[str]]:
    """``queries`` with each multi-term part (``tele*``, ``goverment~``,
    ``[a TO c]``) replaced by the terms it matches, within the bounds above
    (shared by all the queries); and a note for each word that was cut."""
    from whoosh import query

    leaves = {str(leaf): leaf for q in queries if q is not None for leaf in nodes(q) if isinstance(leaf, query.MultiTerm)}
    every = any(_field_every(leaf) for q in queries if q is not None for leaf in nodes(q))
    if not leaves and not every:
        return queries, []
    deadline = time.perf_counter() + EXPANSION_SECONDS
    found: dict[str, list[tuple[int, str]]] = {}
    scan_cut: set[str] = set()
    for key, leaf in leaves.items():
        field = reader.schema[leaf.fieldname] if leaf.fieldname in reader.schema else None
        terms: list[tuple[int, str]] = found.setdefault(key, [])
        if field is None:
            continue
        try:
            for btext in _matching_terms(leaf, reader, deadline):
                if btext is None:
                    scan_cut.add(key)
                    break
                terms.append((reader.doc_frequency(leaf.fieldname, btext), field.from_bytes(btext)))
        except (TypeError, ValueError):  # a word pattern on a field of dates or numbers matches nothing
            terms.clear()
    # The most common terms first, across the whole query, while within bounds.
    ranked = sorted(((df, text, key) for key, terms in found.items() for df, text in terms), key=lambda t: -t[0])
    kept: dict[str, list[str]] = {key: [] for key in leaves}
    postings = 0
    for number, (df, text, key) in enumerate(ranked):
        if number >= EXPANSION_TERMS or (number and postings + df > EXPANSION_POSTINGS):
            break
        kept[key].append(text)
        postings += df
    cut: dict[str, tuple[int, int, bool]] = {}  # typed word -> (matched, searched, scan cut)
    for key in leaves:
        if key in scan_cut or len(kept[key]) < len(found[key]):
            word = key.partition(":")[2] or key
            matched, searched, scanned = cut.get(word, (0, 0, False))
            cut[word] = (max(matched, len(found[key])), max(searched, len(kept[key])), scanned or key in scan_cut)
    notes = [
        f"{word} matches {'over ' if scanned else ''}{matched:,} words: searched the {searched:,} most common"
        for word, (matched, searched, scanned) in cut.items()
    ]

    def expanded(node: Query) -> Query:
        if _field_every(node):
            # ``body:*`` is every article with a body: Whoosh would gather it
            # from every posting of every term of the field (seconds).
            return query.Every(boost=node.boost)
        if isinstance(node, query.MultiTerm):
            terms = [query.Term(node.fieldname, text, boost=node.boost) for text in sorted(kept.get(str(node), []))]
            if not terms:
                return query.NullQuery
            return (query.PreloadedOr if len(terms) >= _ARRAY_OR_TERMS else query.Or)(terms)
        return node if node.is_leaf() else node.apply(expanded)

    return [None if q is None else expanded(q) for q in queries], notes


def _field_every(q: Query) -> bool:
    from whoosh import query

    return isinstance(q, query.Every) and q.fieldname not in (None, "", "*")


def _matching_terms(leaf: Query, reader: IndexReader, deadline: float) -> Iterator[bytes | None]:
    """The index terms ``leaf`` (a multi-term query) matches, then None if
    ``deadline`` passed before all were found. A wildcard is matched here
    term by term: Whoosh's own scan of the vocabulary for ``*abc*`` yields
    nothing until it finds a match, so it could not be stopped."""
    import re

    from whoosh import query

    if isinstance(leaf, query.Wildcard):
        field = reader.schema[leaf.fieldname]
        pattern = re.compile(leaf._get_pattern())
        prefix = leaf._find_prefix(leaf.text)
        candidates = reader.expand_prefix(leaf.fieldname, prefix) if prefix else reader.lexicon(leaf.fieldname)
        for number, btext in enumerate(candidates):
            if number % 256 == 0 and time.perf_counter() > deadline:
                yield None
                return
            if pattern.match(field.from_bytes(btext)):
                yield btext
        return
    for number, btext in enumerate(leaf._btexts(reader)):
        if number % 64 == 0 and time.perf_counter() > deadline:
            yield None
            return
        yield btext


# -- counting matches ----------------------------------------------------------

# Counting reads the query's postings at about 0.65 µs each. A top-N search
# of one or two common words is fast (Whoosh skips whole blocks of postings
# that cannot make the top N), so an exact count can cost more than the
# search itself. An exact count may therefore read up to COUNT_SHARE of the
# search's own time in postings, and COUNT_POSTINGS whatever the search took
# (about 1.3 ms: less than building the snippets); past that, the total is
# estimated from a sample of about that many postings and marked as such.
COUNT_POSTINGS = 1_000
COUNT_SHARE = 0.15
POSTING_SECONDS = 0.65e-6


def count_budget(search_seconds: float) -> int:
    """How many postings counting may read after a search that took ``search_seconds``."""
    return max(COUNT_POSTINGS, int(search_seconds * COUNT_SHARE / POSTING_SECONDS))


def _expand(q: Query, reader: IndexReader) -> Query:
    """``q`` with its multi-term parts (prefix, fuzzy, ranges) made into terms."""
    from whoosh import query

    if isinstance(q, (query.MultiTerm, query.NumericRange)):
        return q.simplify(reader)
    if isinstance(q, query.Not):
        return query.Not(_expand(q.query, reader))
    if isinstance(q, query.WrappingQuery):
        return _expand(q.child, reader)
    if type(q) in (query.And, query.Or, query.DefaultOr, query.PreloadedOr, query.DisjunctionMax):
        return type(q)([_expand(sub, reader) for sub in q.subqueries])
    if type(q) in (query.AndNot, query.AndMaybe, query.Require):
        return type(q)(_expand(q.a, reader), _expand(q.b, reader))
    return q


def _postings(q: Query, reader: IndexReader) -> int:
    """How many postings matching ``q`` reads (an upper bound: deleted
    documents count too)."""
    total = 0
    for fieldname, text in q.iter_all_terms():
        try:
            total += reader.doc_frequency(fieldname, text)
        except Exception:  # noqa: BLE001 - a field the reader does not know
            continue
    return total


def _docset(q: Query, reader: IndexReader, below: int) -> set[int]:
    """The documents of one segment ``reader`` that match ``q``, among those
    numbered under ``below``, from posting lists alone (no scoring)."""
    from whoosh import query

    if isinstance(q, query.Term):
        if (q.fieldname, q.text) not in reader:
            return set()
        ids = reader.postings(q.fieldname, q.text).all_ids()  # deleted ones left out
        return set(ids) if below >= reader.doc_count_all() else set(takewhile(lambda d: d < below, ids))
    if q is query.NullQuery or isinstance(q, type(query.NullQuery)):
        return set()
    if isinstance(q, query.Every) and q.fieldname in (None, "", "*"):
        return {d for d in reader.all_doc_ids() if d < below}
    if isinstance(q, query.Not):
        return _docset(query.Every(), reader, below) - _docset(q.query, reader, below)
    if type(q) is query.And or type(q) is query.Require:
        subs = q.subqueries if type(q) is query.And else [q.a, q.b]
        positive = [s for s in subs if not isinstance(s, query.Not)]
        negative = [s.query for s in subs if isinstance(s, query.Not)]
        result: set[int] | None = None
        for sub in sorted(positive, key=lambda s: _postings(s, reader)):
            found = _docset(sub, reader, below)
            result = found if result is None else result & found
            if not result:
                return set()
        if result is None:
            result = _docset(query.Every(), reader, below)
        for sub in negative:
            result -= _docset(sub, reader, below)
        return result
    if type(q) in (query.Or, query.DefaultOr, query.PreloadedOr, query.DisjunctionMax) and not getattr(q, "minmatch", 0):
        result = set()
        for sub in q.subqueries:
            result |= _docset(sub, reader, below)
        return result
    if type(q) is query.AndNot:
        return _docset(q.a, reader, below) - _docset(q.b, reader, below)
    if type(q) is query.AndMaybe:
        return _docset(q.a, reader, below)
    raise TypeError(f"cannot count a {type(q).__name__} from posting lists (see _countable)")


@dataclass(frozen=True)
class Count:
    """How many documents match a query, and whether that is exact."""

    total: int
    exact: bool


def count_matches(searcher: Searcher, q: Query, budget: int | None = None) -> Count | None:
    """How many documents match ``q``, from the posting lists without scoring.

    Exact when the query's terms have at most ``budget`` postings
    (default :data:`COUNT_POSTINGS`); past that, counted over a leading share
    of every segment that holds about ``budget`` postings and scaled up
    (``exact=False``). None when the query has parts only a matcher can
    check (phrases): the search then scores every match, which costs little
    more than the phrase checks, and counts them as it goes.
    """
    expanded = _expand(q, searcher.reader())
    if not _countable(expanded):
        return None
    return _count(searcher, expanded, COUNT_POSTINGS if budget is None else budget)


def _countable(q: Query) -> bool:
    """Whether :func:`_docset` can answer ``q`` (an expanded query)."""
    from whoosh import query

    if isinstance(q, (query.Term, type(query.NullQuery))) or q is query.NullQuery:
        return True
    if isinstance(q, query.Every):
        return q.fieldname in (None, "", "*")
    if isinstance(q, query.Not):
        return _countable(q.query)
    if type(q) in (query.And, query.Or, query.DefaultOr, query.PreloadedOr, query.DisjunctionMax):
        return not getattr(q, "minmatch", 0) and all(_countable(sub) for sub in q.subqueries)
    if type(q) in (query.Require, query.AndNot):
        return _countable(q.a) and _countable(q.b)
    if type(q) is query.AndMaybe:
        return _countable(q.a)
    return False


def _count(searcher: Searcher, expanded: Query, budget: int) -> Count:
    """Count ``expanded`` (a query :func:`_countable` accepts): exactly within
    ``budget`` postings, else over the leading share of each segment that
    reads about ``budget`` of them, scaled up to the whole index."""
    postings = _postings(expanded, searcher.reader())
    share = 1.0 if postings <= budget else budget / postings
    found, live = 0, 0.0
    for leaf, _offset in searcher.leaf_searchers():
        leaf_reader = leaf.reader()
        size = leaf_reader.doc_count_all()
        below = size if share == 1.0 else max(1, ceil(size * share))
        found += len(_docset(expanded, leaf_reader, below))
        live += below * leaf_reader.doc_count() / size if size else 0  # deletions taken as spread evenly
    if share == 1.0:
        return Count(found, True)
    if live == 0:
        return Count(0, False)
    return Count(round(found * searcher.doc_count() / live), False)


def _round_estimate(n: int) -> int:
    """``n`` to two significant digits (9,412 -> 9,400)."""
    if n < 100:
        return n
    step: int = 10 ** (len(str(n)) - 2)
    return round(n / step) * step


# BM25 parameters (Whoosh's defaults; the title's length matters less).
BM25_B = 0.75
BM25_K1 = 1.2
TITLE_B = 0.75


# The body field a title field's words are weighed by.
_TEXT_OF_TITLE = {"title": "body", PAIR_FIELDS["title"]: PAIR_FIELDS["body"]}


def weighting() -> object:
    """BM25F, with a title word weighed by how rare it is in the articles'
    text (its body frequency) rather than among titles: rare among short
    titles, almost any word would outweigh the rest of the query."""
    from whoosh import scoring

    class _Scorer(scoring.BM25FScorer):  # type: ignore[misc]  # Whoosh is untyped: its classes are Any
        def __init__(self, searcher: Searcher, fieldname: str, text: bytes, B: float, K1: float, qf: int = 1) -> None:
            super().__init__(searcher, fieldname, text, B, K1, qf=qf)
            text_field = _TEXT_OF_TITLE.get(fieldname)
            if text_field is not None:
                parent = searcher.get_parent()
                self.idf = min(parent.idf(fieldname, text), parent.idf(text_field, text))

    class _Weighting(scoring.BM25F):  # type: ignore[misc]  # Whoosh is untyped: its classes are Any
        def scorer(self, searcher: Searcher, fieldname: str, text: bytes, qf: int = 1) -> object:
            if not searcher.schema[fieldname].scorable:
                return scoring.WeightScorer.for_(searcher, fieldname, text)
            return _Scorer(searcher, fieldname, text, self._field_B.get(fieldname, self.B), self.K1, qf=qf)

    return _Weighting(B=BM25_B, K1=BM25_K1, title_B=TITLE_B, title_pairs_B=TITLE_B)


class ArticleIndex:
    """Read access to the index: search, fetch articles, suggest spellings.

    One instance keeps a Whoosh searcher open and refreshes it when the
    index changes; it is safe to call from one thread at a time per method
    (the TUI serialises calls through its worker).
    """

    def __init__(self, store: IndexStore) -> None:
        self.store = store
        self._ix = store.open()
        self._parser = make_parser(self._ix.schema)
        self._searcher: Searcher | None = None
        self._digest_column: tuple[Searcher, Any] | None = None
        self._lock = threading.RLock()
        # The ids of the articles read, for is:read / is:unread (set by the
        # library, which keeps the read state; none: every article unread).
        self.read_ids: Callable[[], frozenset[str]] | None = None
        # The id of each document of a searcher, and each id's document.
        self._ids: tuple[Searcher, list[str], dict[str, int]] | None = None
        self._only: _Only | None = None

    def close(self) -> None:
        with self._lock:
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            self._digest_column = None
            self._ids = None

    def __enter__(self) -> ArticleIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def searcher(self) -> Searcher:
        with self._lock:
            try:
                if self._searcher is None or not self._searcher.up_to_date():
                    # Not Whoosh's refresh(): it keeps the reader of every
                    # segment it had (segments are told apart by id alone),
                    # with the deletions it read then, so an article replaced
                    # since was found twice, its old text and its new.
                    self._searcher = self._ix.searcher(weighting=weighting())
            except Exception as error:  # noqa: BLE001
                raise self.store.damaged(error) from None
            return self._searcher

    def _answers_plain_queries(self) -> bool:
        """Whether the index still answers a plain query (every document,
        first result) and reads its stored fields: a failure that comes with
        this answered is the query's, not damage."""
        from whoosh import query

        try:
            hits = self.searcher().search(query.Every(), limit=1)
            for hit in hits:
                hit.fields()
        except Exception:  # noqa: BLE001 - any failure here is the index's
            return False
        return True

    def parse(self, text: str) -> ParsedQuery:
        return parse_query(self._parser, text)

    def doc_count(self) -> int:
        count: int = self.searcher().doc_count()
        return count

    def search(
        self,
        text: str,
        *,
        limit: int | None = 20,
        offset: int = 0,
        sort: str = "relevance",
        snippets: int | None = None,
        suggest: bool = True,
    ) -> SearchResponse:
        """Run a query: the ``limit`` results from rank ``offset`` on (a
        page). ``snippets`` limits how many of them get a snippet (all by
        default); the rest get an empty one."""
        start = time.perf_counter()
        parsed = self.parse(text)
        with self._lock:
            try:
                if parsed.read is not None:
                    self._only = self._read_filter(parsed.read)
                results, count, all_words, notes = self._run(parsed, limit, offset, sort, snippets)
            except IndexDamaged:
                raise
            except Exception as error:  # noqa: BLE001
                if not self._answers_plain_queries():
                    raise self.store.damaged(error) from None
                return unrunnable(parsed, error, start, offset)  # the index is sound: it is this query
            finally:
                self._only = None
            complete = count.total if all_words is None else all_words.total
            suggestion = self.suggest_query(parsed.text, complete) if suggest and not parsed.is_empty else None
        took = (time.perf_counter() - start) * 1000
        total = count.total if count.exact else _round_estimate(count.total)
        return SearchResponse(
            parsed.text,
            total,
            took,
            tuple(results),
            suggestion,
            "; ".join(filter(None, [parsed.problem, *notes])) or None,
            total_exact=count.exact,
            offset=offset,
            all_words=None
            if all_words is None
            else min(total, all_words.total if all_words.exact else _round_estimate(all_words.total)),
        )

    def _run(
        self, parsed: ParsedQuery, limit: int | None, offset: int, sort: str, snippets: int | None
    ) -> tuple[list[SearchResult], Count, Count | None, list[str]]:
        """The page of results, how many articles match, for plain words
        how many of those have all of them, and notes on words cut short."""
        from whoosh import query, sorting

        searcher = self.searcher()
        terms = TermScores(searcher)
        want = None if limit is None else offset + limit
        all_words: Count | None = None
        unasked: frozenset[str] = frozenset()  # terms ranked by that no one typed (feedback)
        # What the query's words and phrases are (marked when a match does
        # not tell which terms it matched: a date range in the query hides them).
        asked = marked_terms(from_whoosh(parsed.query))
        (strict, loose, *words), notes = bounded([parsed.query, parsed.loose, *parsed.words], searcher.reader())
        assert strict is not None
        parsed = replace(parsed, query=strict, loose=loose, words=tuple(w for w in words if w is not None))
        # A hit does not tell which terms of an array OR it matched: mark them all.
        array_terms = frozenset(
            _text(text)
            for q in (strict, loose)
            if q is not None
            for node in nodes(q)
            if type(node) is query.PreloadedOr
            for field, text in node.iter_all_terms()
            if field in ("title", "body")
        )
        if parsed.is_empty or sort == "date":
            # Newest first: the articles with every word, or when there are
            # none, those with some of them. Sorting visits every match, so
            # its count is exact.
            facet = sorting.MultiFacet([sorting.FieldFacet("day", reverse=True), sorting.FieldFacet("id")])
            listed = parsed.query
            if parsed.loose is not None and not searcher.search(parsed.query, limit=1).scored_length():
                listed, all_words = parsed.loose, Count(0, True)
            hits, found = self._fetch(searcher, [listed], want, sortedby=facet)
            count = found[0] or Count(0, True)
        else:
            coordinated = None
            if parsed.loose is None:
                tiers = [parsed.query]
            elif parsed.question:
                coordinated = _word_terms(parsed)
                expanded, unasked = self._with_feedback(searcher, parsed, coordinated, terms)
                tiers = [expanded]
            else:  # every word first, then some of them
                tiers = [parsed.query, query.AndNot(parsed.loose, parsed.query)]
            start = time.perf_counter()
            hits, found = self._fetch(searcher, tiers, want, near=parsed.near, words=coordinated, terms=terms)
            budget = count_budget(time.perf_counter() - start)
            if parsed.loose is None:
                count = found[0] or self._count(searcher, parsed.query, budget, at_least=len(hits), terms=terms)
            elif parsed.question:
                count = found[0] or self._count(searcher, parsed.loose, budget, at_least=len(hits), terms=terms)
                all_words = self._count(searcher, parsed.query, budget, at_least=0, terms=terms)
            else:
                all_words = found[0] or self._count(searcher, parsed.query, budget, at_least=len(hits), terms=terms)
                if found[1] is not None and all_words.exact:
                    count = Count(all_words.total + found[1].total, True)
                else:
                    count = self._count(searcher, parsed.loose, budget, at_least=max(all_words.total, len(hits)), terms=terms)
        results = [
            self._result(item, rank < snippets if snippets is not None else True, array_terms, unasked, asked)
            for rank, item in enumerate(hits[offset:])
        ]
        return results, count, all_words, notes

    def _fetch(
        self,
        searcher: Searcher,
        tiers: list[Query],
        want: int | None,
        sortedby: object = None,
        near: tuple[tuple[str, str], ...] = (),
        words: list[frozenset[tuple[str, str]]] | None = None,
        terms: TermScores | None = None,
    ) -> tuple[list[Listed], list[Count | None]]:
        """The first ``want`` (all when None) matches of ``tiers`` in turn,
        each tier's first :data:`RERANK_DEPTH` reordered by the bonus of the
        ``near`` terms (and of the share of ``words`` matched, when given),
        each article listed once with the number of its copies; and per
        tier, how many match when the search tells."""
        from whoosh import query

        reader = searcher.reader()
        fetch = None if want is None else max(want, RERANK_DEPTH if near or words else 0) + SPARE
        digests = self._digests(searcher)
        ids = self._id_column(searcher)[0] if sortedby is None else []

        def by_score(item: Listed) -> tuple[float, str]:
            return (-item.score, ids[item.hit.docnum])

        while True:
            listed: list[Listed] = []
            seen: set[str] = set()
            found: list[Count | None] = [None] * len(tiers)
            cut = False  # a tier had more matches than were fetched
            for number, scored in enumerate(tiers):
                hits, found[number] = self._top(searcher, scored, fetch, sortedby, terms)
                ranked = [Listed(hit, _score(hit)) for hit in hits]
                if sortedby is None:
                    tier = found[number]
                    more = fetch is not None and len(ranked) >= fetch and (tier is None or tier.total > len(ranked))
                    ranked = sorted(ranked[: trusted([r.score for r in ranked], more)], key=by_score)
                if near or words:
                    reranked = [r.hit.docnum for r in ranked[:RERANK_DEPTH]]
                    bonus = near_bonus(reader, reranked, near)
                    for docnum, points in coordination_bonus(reader, reranked, words or []).items():
                        bonus[docnum] = bonus.get(docnum, 0.0) + points
                    top = sorted(
                        (Listed(r.hit, r.score + bonus.get(r.hit.docnum, 0.0)) for r in ranked[:RERANK_DEPTH]),
                        key=by_score,
                    )
                    ranked[:RERANK_DEPTH] = top
                copies = 0
                for item in ranked:
                    digest = digests[item.hit.docnum] if digests is not None else None
                    if digest:
                        if digest in seen:
                            copies += 1
                            continue
                        seen.add(digest)
                    listed.append(item)
                tier = found[number]
                if tier is not None and hits.scored_length() == tier.total:  # every match seen: count stories
                    found[number] = Count(tier.total - copies, tier.exact)
                if fetch is not None and hits.scored_length() >= fetch:
                    cut = True
                    break
            if fetch is None or want is None or len(listed) >= want or not cut:
                break
            fetch *= 2  # identical articles took places: fetch deeper
        listed = listed[:want] if want is not None else listed
        if digests is not None:
            for item in listed:
                digest = digests[item.hit.docnum]
                if digest and reader.doc_frequency("digest", digest) > 1:
                    item.copies = max(1, sum(1 for _ in searcher.docs_for_query(query.Term("digest", digest))))
        return listed, found

    def group_ids(self, fieldname: str) -> dict[str, set[str]]:
        """The ids of the live articles under each term of ``fieldname``
        (``source``, ``feed``: one term per article), from the posting lists."""
        with self._lock:
            searcher = self.searcher()
            reader = searcher.reader()
            if fieldname not in searcher.schema:
                return {}
            ids = self._id_column(searcher)[0]
            groups: dict[str, set[str]] = {}
            for term in reader.lexicon(fieldname):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                groups[text] = {ids[docnum] for docnum in reader.postings(fieldname, term).all_ids()}
            return groups

    def _read_filter(self, state: str) -> _Only:
        """The documents ``is:read`` (``state`` "read") or ``is:unread`` keeps."""
        read = self.read_ids() if self.read_ids is not None else frozenset()
        by_id = self._id_column(self.searcher())[1]
        docs = frozenset(by_id[article] for article in read if article in by_id)
        return _Only(docs, keep=state == "read")

    def _id_column(self, searcher: Searcher) -> tuple[list[str], dict[str, int]]:
        """Each document's id, and each id's (live) document, kept while the
        searcher is: read once for the sources pane's counts and the read
        filter alike."""
        cached = self._ids
        if cached is None or cached[0] is not searcher:
            ids = list(searcher.reader().column_reader("id"))
            cached = self._ids = (searcher, ids, {article: docnum for docnum, article in enumerate(ids)})
        return cached[1], cached[2]

    def _digests(self, searcher: Searcher) -> Any:
        """The digest column of ``searcher``'s documents (None in an index
        without one), kept while the searcher is: opening it reads an offset
        and a length for every document (1 ms at 10,000)."""
        cached = self._digest_column
        if cached is None or cached[0] is not searcher:
            column = searcher.reader().column_reader("digest") if "digest" in searcher.schema else None
            cached = self._digest_column = (searcher, column)
        return cached[1]

    def _top(
        self, searcher: Searcher, q: Query, limit: int | None, sortedby: object, terms: TermScores | None = None
    ) -> tuple[Results, Count | None]:
        """The top ``limit`` matches of ``q`` with their matched terms, and
        how many match when the search tells (None when it does not)."""
        from whoosh import collectors

        only = self._only
        kept = only.whoosh() if only is not None else {}
        if sortedby is not None:
            hits = searcher.search(q, limit=limit, sortedby=sortedby, terms=True, **kept)
            return hits, Count(len(hits), True)  # sorting visits every match
        scores = terms.scores(q) if terms is not None else None
        if terms is not None and scores is not None:  # a query of words: every match scored a term at a time
            if only is not None:
                scores = {docnum: score for docnum, score in scores.items() if only.allows(docnum)}
            return terms.results(q, scores, limit), Count(len(scores), True)
        if only is not None:  # every match, so that the count is of those kept
            hits = searcher.search(q, limit=None, terms=True, **kept)
            return hits, Count(len(hits), True)
        if limit is not None and _countable(_expand(q, searcher.reader())):
            # Whoosh's top-N search skips documents that cannot make the top
            # N (block quality, matcher replacement), so it never knows how
            # many matched: they are counted from the posting lists instead.
            hits = searcher.search(q, limit=limit, terms=True)
            if hits.scored_length() < limit:
                return hits, Count(hits.scored_length(), True)  # nothing was skipped
            return hits, None
        # Queries only a matcher can check (phrases): score every match,
        # which costs little more than the phrase checks, and count them.
        top = collectors.UnlimitedCollector() if limit is None else collectors.TopCollector(limit, usequality=False, replace=0)
        collector = collectors.TermsCollector(top)
        searcher.search_with_collector(q, collector)
        hits = collector.results()
        return hits, Count(len(hits), True)

    def _count(self, searcher: Searcher, q: Query, budget: int, at_least: int, terms: TermScores | None = None) -> Count:
        """How many documents match ``q`` (an estimate past ``budget``
        postings, never under ``at_least``, the matches in hand); exact from
        ``terms`` when it can score ``q`` (it holds the terms the search read)."""
        if self._only is not None:
            return self._top(searcher, q, None, None, terms)[1] or Count(0, True)
        scores = terms.scores(q) if terms is not None else None
        if scores is not None:
            return Count(len(scores), True)
        expanded = _expand(q, searcher.reader())
        if not _countable(expanded):
            return Count(max(at_least, sum(1 for _ in searcher.docs_for_query(q))), True)
        count = _count(searcher, expanded, budget)
        return count if count.exact else Count(max(count.total, at_least), False)

    def _with_feedback(
        self,
        searcher: Searcher,
        parsed: ParsedQuery,
        words: list[frozenset[tuple[str, str]]],
        terms: TermScores | None = None,
    ) -> tuple[Query, frozenset[str]]:
        """The loose query of a question, ranked also by the words that best
        tell its first :data:`FEEDBACK_DOCS` matches from the rest of the
        library (pseudo-relevance feedback, Whoosh's Bo1 model): they add to
        the scores of the articles that match anyway, never to the matches.
        Returns the query and those words' terms."""
        from whoosh import query

        assert parsed.loose is not None
        if searcher.doc_count() < FEEDBACK_LIBRARY:
            return parsed.loose, frozenset()
        first, _ = self._fetch(searcher, [parsed.loose], FEEDBACK_DOCS, near=parsed.near, words=words, terms=terms)
        if not first:
            return parsed.loose, frozenset()
        text = " ".join((item.hit.fields().get("body") or "")[:FEEDBACK_CHARS] for item in first)
        asked = {term for terms in words for _, term in terms}
        extra = [
            (term, weight)
            for term, weight in searcher.key_terms_from_text("body", text, numterms=FEEDBACK_TERMS)
            if term not in asked
        ]
        if not extra:
            return parsed.loose, frozenset()
        bonus = query.Or([query.Term("body", term, boost=FEEDBACK_WEIGHT * weight) for term, weight in extra])
        return query.AndMaybe(parsed.loose, bonus), frozenset(term for term, _ in extra)

    def _result(
        self, item: Listed, snippet: bool, array_terms: frozenset[str], unasked: frozenset[str], asked: frozenset[str]
    ) -> SearchResult:
        hit = item.hit
        stored = hit.fields()
        matched: frozenset[str] = frozenset()
        if hit.results.has_matched_terms():
            matched = frozenset(
                t.decode("utf-8") if isinstance(t, bytes) else t for f, t in hit.matched_terms() if f in ("body", "title")
            )
        terms = (array_terms | (matched or asked)) - unasked  # only what was asked is marked
        text = ""
        text_hits: list[tuple[int, int]] = []
        if snippet:
            body = stored.get("body") or ""
            text, text_hits = make_snippet(body, hit_spans(body, terms))
        title = stored.get("title") or stored["id"]
        date = stored.get("date")
        return SearchResult(
            id=stored["id"],
            title=title,
            date=date.date() if isinstance(date, dt.datetime) else None,
            dateline=stored.get("dateline") or None,
            source=stored.get("source") or "",
            path=stored.get("path") or "",
            score=item.score,
            snippet=text,
            snippet_hits=tuple(text_hits),
            title_hits=tuple(hit_spans(title, terms)),
            copies=item.copies,
            terms=terms,
            url=stored.get("url") or "",
        )

    def snippet_for(self, result: SearchResult) -> tuple[str, tuple[tuple[int, int], ...]]:
        """A snippet for a result that was fetched without one."""
        article = self.get(result.id)
        if article is None:
            return "", ()
        text, hits = make_snippet(article.body, hit_spans(article.body, result.terms))
        return text, tuple(hits)

    def get(self, article_id: str) -> Article | None:
        """The indexed article with this id, or None."""
        with self._lock:
            try:
                stored = self.searcher().document(id=article_id)
            except Exception as error:  # noqa: BLE001
                raise self.store.damaged(error) from None
        return article_from_stored(stored) if stored else None

    # -- spelling -------------------------------------------------------------

    def suggest_word(self, word: str) -> str | None:
        """The closest word of the index's own vocabulary, or None."""
        fields = [f for f in ("spell_body", "spell_title") if f in self._ix.schema]
        return closest_word(self.searcher().reader(), fields, word)

    def suggest_query(self, text: str, total: int) -> str | None:
        """A corrected query that finds more than ``total`` complete matches
        (with all the words), when the query finds few (fewer than 3); else
        None."""
        if total >= 3 or not text.strip():
            return None
        corrected = corrected_query(text, self.suggest_word)
        if corrected is None:
            return None
        parsed = self.parse(corrected)
        searcher = self.searcher()
        (complete,), _ = bounded([parsed.query], searcher.reader())
        assert complete is not None
        found = count_matches(searcher, complete)
        found_total = found.total if found else sum(1 for _ in searcher.docs_for_query(complete))
        return corrected if found_total > total else None
