"""Scoring every match of a query of words, one term at a time.

Whoosh scores a query document by document: for a query of common words it
walks a tree of matchers per matching article (``is_active``, ``id``,
``skip_to``, ``score`` on every node), about 20 µs an article in Python, and
its top-N search still visits most of them. A query that is only words
(terms, phrases and date ranges joined by OR, AND, NOT within an AND, AND
NOT and "and maybe", as plain words, prefixes and fuzzy words become once
expanded) can instead be scored a term at a
time: read each term's posting blocks as arrays, score them with the same
BM25F formula and parameters as the searcher's weighting, and add up the
scores in a dictionary (under a microsecond a posting). It visits every
match, so the number of matches comes exact and free. A phrase of common
words is read from the index's word pairs (``body_pairs``: one term per two
neighbouring common words); any other phrase reads the positions of its
words only in the articles that hold all of them, and scores only those
where they are in order.

:class:`TermScores` answers the queries it can and returns None for the
others (every document, NOT alone), which go to Whoosh as before.
Scores equal Whoosh's up to the order in which floats are added, but for
phrases read from pairs: those score as the sum of their pairs' scores.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from collections.abc import Iterator, Sequence, Set
from itertools import accumulate
from typing import TYPE_CHECKING, Any, NamedTuple

from reader.index.schema import PAIR_FIELDS

if TYPE_CHECKING:
    from whoosh.query import Query
    from whoosh.reading import IndexReader
    from whoosh.searching import Results, Searcher

Scores = dict[int, float]
Within = Set[int] | None  # the documents a part of a query is asked about (None: all)
TermKey = tuple[str, bytes]


class _Unsupported(Exception):
    """The query has a part only Whoosh's matchers can answer."""


class _Block(NamedTuple):
    """A block of a term's postings: document numbers (in the segment that
    starts at ``base``), weights and encoded values (positions)."""

    base: int
    ids: Sequence[int]
    weights: Sequence[float]
    values: Sequence[Any]


class _Held(NamedTuple):
    """A term's postings in one segment: the segment, its first global
    document number, its number of documents, the blocks, and the
    documents deleted from it."""

    segment: Any
    base: int
    docs: int
    blocks: list[_Block]
    deleted: frozenset[int]


def _read_blocks(matcher: Any, base: int) -> Iterator[_Block]:
    """A term's postings a block at a time: Whoosh's on-disk blocks decoded
    whole (document numbers with a C loop instead of Whoosh's per-posting
    generator), or one block for postings held in the term's own record."""
    from whoosh.codec.whoosh3 import W3LeafMatcher

    if type(matcher) is W3LeafMatcher:
        # The block layout of the pinned codec (whoosh/codec/whoosh3.py,
        # W3LeafMatcher._read_ids/_read_weights/_read_values): one pickled
        # (ids, weights, values) tuple per block, ids delta-encoded unless
        # stored as bytes, weights None (all 1), one float or an array.
        fixed = matcher._fixedsize
        while matcher.is_active():
            if matcher._data is None:
                matcher._read_data()
            raw_ids, raw_weights, raw_values = matcher._data[:3]
            count = matcher._blocklength
            ids = raw_ids if matcher._byteids else tuple(accumulate(raw_ids))
            if raw_weights is None:
                weights: Sequence[float] = (1.0,) * count
            elif isinstance(raw_weights, float):
                weights = (raw_weights,) * count
            else:
                weights = raw_weights
            values = raw_values if fixed is None or fixed < 0 else ()
            yield _Block(base, ids, weights, values)
            matcher._next_block()
        return
    held_ids: list[int] = []
    held_weights: list[float] = []
    held_values: list[Any] = []
    while matcher.is_active():
        held_ids.append(matcher.id())
        held_weights.append(matcher.weight())
        held_values.append(matcher.value())
        matcher.next()
    yield _Block(base, held_ids, held_weights, held_values)


def _in_order(positions: list[Sequence[int]], slop: int) -> bool:
    """Whether each word follows the one before within ``slop`` positions
    (at least one after it), as Whoosh's ordered SpanNear2 decides: spans
    grow from the first word's positions."""
    if slop == 1:  # next to each other: only where the span ends matters
        ends = set(positions[0])
        for following in positions[1:]:
            ends = {q for q in following if q - 1 in ends}
            if not ends:
                return False
        return True
    spans = {(p, p) for p in positions[0]}
    for following in positions[1:]:
        spans = {(start, q) for start, end in spans for q in following if 1 <= q - end <= slop}
        if not spans:
            return False
    return True


class TermScores:
    """Scores of every match of word queries on one searcher.

    Keeps each term's scores for the life of the object (one search: a
    question's two passes and a query's two tiers read each term once).
    """

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self._terms: dict[TermKey, Scores] = {}
        self._held: dict[TermKey, list[_Held]] = {}
        self._norms: dict[str, list[float]] = {}
        # Documents a word matched in a phrase (scored in the phrase's
        # articles only, or not at all when read from pairs), for the
        # matched terms of results.
        self._matched: dict[TermKey, set[int]] = {}

    # -- the query tree ------------------------------------------------------

    def scores(self, q: Query) -> Scores | None:
        """Every document ``q`` matches with its score, or None when ``q``
        has a part this cannot score."""
        try:
            return self._eval(q)
        except _Unsupported:
            return None

    def _eval(self, q: Query, boost: float = 1.0, within: Within = None) -> Scores:
        """The scores of ``q``'s documents (of those ``within`` when given)."""
        from whoosh import query

        kind = type(q)
        if q is query.NullQuery or kind is type(query.NullQuery):
            return {}
        if kind is query.Term:
            scores = self._term(q.fieldname, q.text, within)
            factor = boost * q.boost
            return scores if factor == 1.0 else {d: s * factor for d, s in scores.items()}
        if kind in (query.Or, query.DefaultOr, query.PreloadedOr):
            if q.minmatch or q.scale:
                raise _Unsupported
            parts = [self._eval(sub, boost * q.boost, within) for sub in q.subqueries]
            return _union(parts)
        if kind is query.And:
            factor = boost * q.boost
            subs = _flat_and(q)
            positive = [sub for sub in subs if type(sub) is not query.Not]
            if not positive:
                raise _Unsupported  # every document but some: left to Whoosh
            # Date ranges first: the words are then scored in their articles only.
            ranges = [sub for sub in positive if isinstance(sub, query.NumericRange)]
            words = [sub for sub in positive if not isinstance(sub, query.NumericRange)]
            parts = [self._eval(sub, factor, within) for sub in ranges]
            if parts:
                narrowed = set(parts[0]).intersection(*parts[1:])
                within = narrowed if within is None else narrowed & set(within)
            parts += [self._eval(sub, factor, within) for sub in words]
            total = _intersection(parts)
            negative = [sub for sub in subs if type(sub) is query.Not]
            if negative and total:
                # Whoosh scores each NOT of an AND as 1 (its inverse matcher's weight).
                excluded = _union([self._eval(sub.query, within=total.keys()) for sub in negative])
                constant = factor * len(negative)
                total = {d: s + constant for d, s in total.items() if d not in excluded}
            return total
        if kind is query.AndNot:
            scored = self._eval(q.a, boost, within)
            excluded = self._eval(q.b, within=within)
            return {d: s for d, s in scored.items() if d not in excluded}
        if kind is query.AndMaybe:
            scored = self._eval(q.a, boost, within)
            extra = self._eval(q.b, boost, within)
            return {d: s + extra[d] if d in extra else s for d, s in scored.items()}
        if kind is query.Phrase:
            return self._phrase(q, boost * q.boost, within)
        if isinstance(q, query.NumericRange) and q.constantscore:
            # Dates: every article in the range scores the range's boost.
            # Whoosh compiles a range into ranges of the terms of its
            # numeric tiers.
            reader = self.searcher.reader()
            parts = []
            for node in _leaves(q.simplify(reader)):
                if type(node) is query.Term:
                    parts.append(self._term(node.fieldname, node.text, within))
                elif isinstance(node, query.MultiTerm):
                    parts.extend(self._term(node.fieldname, btext, within) for btext in node._btexts(reader))
                elif node is not query.NullQuery:
                    raise _Unsupported
            return dict.fromkeys(_union(parts), boost * q.boost)
        raise _Unsupported

    def _phrase(self, q: Query, factor: float, within: Within = None) -> Scores:
        """The documents with the phrase's words in order, each within
        ``slop`` positions of the one before, as Whoosh's phrase matcher
        finds them (SpanNear2, ordered, at least one apart).

        Words next to each other (``slop`` 1) are read as the run of their
        pairs in the field's pairs field, scored as the sum of the pairs'
        scores: a phrase is scored as its own rarity and frequency, as a
        word is. Otherwise (or in an index without pairs) it is scored as
        the sum of the words' scores, as Whoosh scores it."""
        schema = self.searcher.schema
        field = schema[q.fieldname] if q.fieldname in schema else None
        if field is None or not field.format or not field.format.supports("positions"):
            raise _Unsupported  # Whoosh's own error for it
        words = list(q.words)
        if not words:
            return {}
        slop = q.slop
        pair_field = PAIR_FIELDS.get(q.fieldname, "")
        pairing = self._pairing(pair_field) if slop == 1 and len(words) > 1 else None
        pairs = pairing.pairs(words) if pairing is not None else []
        if pairs and all(pairs):  # the run of the phrase's pairs
            if len(pairs) == 1:
                scores = self._term(pair_field, pairs[0], within)
            else:
                scores = self._run(pair_field, pairs, 1, within)
        else:  # the words' positions, where the indexed pairs among them are
            scores = self._run(q.fieldname, words, slop, within, [(pair_field, pair) for pair in set(pairs) if pair])
        self._mark(q.fieldname, words, scores.keys())
        return scores if factor == 1.0 else {d: s * factor for d, s in scores.items()}

    def _run(
        self, fieldname: str, terms: list[str], slop: int, within: Within, narrowing: Sequence[tuple[str, str]] = ()
    ) -> Scores:
        """The documents where ``terms`` come in order, each within ``slop``
        positions of the one before, with the sum of the terms' scores
        there. The rarest term's documents first (and those of the terms in
        ``narrowing``), then each other term's positions read only in the
        documents still in the running; only those in order are scored."""
        reader = self.searcher.reader()
        distinct = sorted(set(terms), key=lambda term: reader.doc_frequency(fieldname, term))
        candidates = self._docs(fieldname, distinct[0])
        for other_field, other in narrowing:
            candidates &= self._docs(other_field, other)
        if within is not None:
            candidates.intersection_update(within)
        positions: dict[str, dict[int, Sequence[int]]] = {}
        for term in distinct[1:] + distinct[:1]:
            if not candidates:
                return {}
            positions[term] = self._positions(fieldname, term, candidates)
            candidates = set(positions[term])
        found = {d for d in candidates if _in_order([positions[term][d] for term in terms], slop)}
        return _intersection([self._term(fieldname, term, found) for term in terms]) if found else {}

    def _mark(self, fieldname: str, words: list[str], docs: Set[int]) -> None:
        """Count ``words`` among the matched terms of ``docs`` (a phrase
        scores its words in its own articles only, so they are not among
        the terms scored whole)."""
        field = self.searcher.schema[fieldname]
        for word in words:
            self._matched.setdefault((fieldname, field.to_bytes(word)), set()).update(docs)

    def _pairing(self, pair_field: str) -> Any:
        """The pair filter of ``pair_field`` (its ``pairs`` method names the
        indexed pairs of a phrase's words), or None in an index without."""
        schema = self.searcher.schema
        if pair_field not in schema:
            return None
        items = getattr(schema[pair_field].analyzer, "items", None) or [None]
        return items[-1] if hasattr(items[-1], "pairs") else None

    def _positions(self, fieldname: str, text: str, docs: Set[int]) -> dict[int, Sequence[int]]:
        """The positions of a term in each of ``docs`` (global numbers)
        that holds it."""
        found: dict[int, Sequence[int]] = {}
        key = self._key(fieldname, text)
        if key is None:
            return found
        decode = self.searcher.schema[fieldname].format.decode_positions
        parts = self._by_segment(docs)
        for held in self._read(key):
            base = held.base
            local = parts.get(base)
            if not local:
                continue
            for block in held.blocks:
                ids = block.ids
                if local.isdisjoint(ids):
                    continue
                for d, value in zip(ids, block.values):
                    if d in local:
                        found[base + d] = decode(value)
        return found

    def _by_segment(self, docs: Set[int]) -> dict[int, set[int]]:
        """``docs`` (global numbers) by the first document number of their
        segment, as numbers within it."""
        bases = sorted({base for _, base in self.searcher.reader().leaf_readers()})
        parts: dict[int, set[int]] = {base: set() for base in bases}
        for d in docs:
            base = bases[bisect_right(bases, d) - 1]
            parts[base].add(d - base)
        return parts

    # -- one term --------------------------------------------------------------

    def _key(self, fieldname: str, text: object) -> TermKey | None:
        schema = self.searcher.schema
        if fieldname not in schema:
            return None
        try:
            return (fieldname, text if isinstance(text, bytes) else schema[fieldname].to_bytes(text))
        except ValueError:
            return None

    def _read(self, key: TermKey) -> list[_Held]:
        """A term's posting blocks in each segment that holds it (read once)."""
        held = self._held.get(key)
        if held is None:
            held = []
            reader = self.searcher.reader()
            if key in reader:
                for segment, base in reader.leaf_readers():
                    if key not in segment:
                        continue
                    matcher = segment.postings(*key)
                    deleted = getattr(matcher, "_ids", None) if _is_filter(matcher) else None
                    if deleted is not None:
                        matcher = matcher.child
                    blocks = list(_read_blocks(matcher, base))
                    held.append(_Held(segment, base, segment.doc_count_all(), blocks, frozenset(deleted or ())))
            self._held[key] = held
        return held

    def _docs(self, fieldname: str, text: object) -> set[int]:
        """The documents that hold a term (global numbers), unscored."""
        key = self._key(fieldname, text)
        if key is None:
            return set()
        scored = self._terms.get(key)
        if scored is not None:
            return set(scored)
        found: set[int] = set()
        for held in self._read(key):
            base = held.base
            for block in held.blocks:
                found.update(block.ids if base == 0 else [base + d for d in block.ids])
            if held.deleted:
                found.difference_update(base + d for d in held.deleted)
        return found

    def _term(self, fieldname: str, text: object, within: Within = None) -> Scores:
        """The scores of a term's documents (only of those ``within`` when
        given: an AND with a date range scores a common word's articles of
        that month only)."""
        key = self._key(fieldname, text)
        if key is None:
            return {}
        cached = self._terms.get(key)
        if cached is not None:
            return cached if within is None else {d: cached[d] for d in within if d in cached}
        searcher = self.searcher
        scores: Scores = {}
        segments = self._read(key)
        if segments:
            scorer = searcher.weighting.scorer(searcher, fieldname, key[1])
            bm25 = hasattr(scorer, "avgfl")
            parts = self._by_segment(within) if within is not None else {}
            for held in segments:
                base = held.base
                blocks = held.blocks
                if within is not None:
                    blocks = _pick(blocks, parts.get(base, set()))
                if bm25:
                    self._add_bm25(scores, blocks, held.segment, fieldname, scorer)
                else:  # a field without lengths: the score is the weight
                    for block in blocks:
                        for d, w in zip(block.ids, block.weights):
                            scores[base + d] = w
                for d in held.deleted:
                    scores.pop(base + d, None)
        if within is None:
            self._terms[key] = scores
        return scores

    def _add_bm25(self, scores: Scores, blocks: list[_Block], segment: IndexReader, fieldname: str, scorer: Any) -> None:
        """BM25F as Whoosh's ``bm25()`` computes it, with the length part of
        the denominator looked up per encoded length byte."""
        lengths = _length_bytes(segment, fieldname)
        idf = scorer.idf
        k1p1 = scorer.K1 + 1
        norm = self._norm(fieldname, scorer)
        for block in blocks:
            base = block.base
            for d, w in zip(block.ids, block.weights):
                scores[base + d] = idf * ((w * k1p1) / (w + norm[lengths[d]]))

    def _norm(self, fieldname: str, scorer: Any) -> list[float]:
        norm = self._norms.get(fieldname)
        if norm is None:
            from whoosh.util.numeric import byte_to_length

            k1, b, avgfl = scorer.K1, scorer.B, scorer.avgfl
            norm = [k1 * ((1 - b) + b * byte_to_length(n) / avgfl) for n in range(256)]
            self._norms[fieldname] = norm
        return norm

    # -- results -----------------------------------------------------------------

    def results(self, q: Query, scores: Scores, limit: int | None) -> Results:
        """Whoosh ``Results`` of the best ``limit`` of ``scores`` (all when
        None), highest first, ties in index order as Whoosh breaks them, with
        the terms each matched (``terms=True``)."""
        from whoosh.searching import Results

        if limit is None or limit >= len(scores):
            top = sorted(scores.items(), key=_rank)
        else:
            top = heapq.nsmallest(limit, scores.items(), key=_rank)
        results = Results(self.searcher, q, [(s, d) for d, s in top])
        results._total = len(scores)
        docterms: dict[int, list[TermKey]] = {d: [] for d, _ in top}
        termdocs: dict[TermKey, list[int]] = {}
        for term in dict.fromkeys(self._scored_terms(q)):
            held = self._terms.get(term) or {}
            matched = self._matched.get(term, ())
            if not held and not matched:
                continue
            docs = [d for d in docterms if d in held or d in matched]
            if docs:
                termdocs[term] = docs
                for d in docs:
                    docterms[d].append(term)
        results.docterms = docterms
        results.termdocs = termdocs
        return results

    def _scored_terms(self, q: Query) -> Iterator[TermKey]:
        """The terms whose matches count as a result's matched terms: those
        of the scored parts (not of the excluded side of AND NOT)."""
        from whoosh import query

        if type(q) is query.Term:
            if q.fieldname in self.searcher.schema:
                try:
                    yield (q.fieldname, self.searcher.schema[q.fieldname].to_bytes(q.text))
                except ValueError:
                    pass
        elif type(q) is query.Phrase:
            if q.fieldname in self.searcher.schema:
                field = self.searcher.schema[q.fieldname]
                yield from ((q.fieldname, field.to_bytes(word)) for word in q.words)
        elif type(q) is query.AndNot:
            yield from self._scored_terms(q.a)
        elif hasattr(q, "subqueries"):
            for sub in q.subqueries:
                yield from self._scored_terms(sub)


def _leaves(q: Query) -> Iterator[Query]:
    children = getattr(q, "subqueries", None) or ([q.child] if hasattr(q, "child") else None)
    if children is None:
        yield q
    else:
        for child in children:
            yield from _leaves(child)


def _flat_and(q: Query) -> list[Query]:
    """The parts of an AND, with those of the ANDs in it (unboosted: the
    scores add up alike) brought up beside them."""
    from whoosh import query

    parts: list[Query] = []
    for sub in q.subqueries:
        if type(sub) is query.And and sub.boost == 1.0:
            parts.extend(_flat_and(sub))
        else:
            parts.append(sub)
    return parts


def _pick(blocks: list[_Block], local: set[int]) -> list[_Block]:
    """The postings of ``blocks`` for the documents ``local`` (numbers
    within the segment), with their weights and values."""
    picked = []
    for block in blocks:
        hits = local.intersection(block.ids)
        if hits:
            ids = sorted(hits)
            if len(ids) == len(block.ids):
                picked.append(block)
                continue
            at = {d: i for i, d in enumerate(block.ids)}
            weights, values = block.weights, block.values
            picked.append(_Block(block.base, ids, [weights[at[d]] for d in ids], [values[at[d]] for d in ids] if values else ()))
    return picked


def _rank(item: tuple[int, float]) -> tuple[float, int]:
    return (-item[1], item[0])


def _is_filter(matcher: object) -> bool:
    from whoosh.matching.wrappers import FilterMatcher

    return type(matcher) is FilterMatcher


def _length_bytes(segment: Any, fieldname: str) -> bytes:
    """The encoded length of ``fieldname`` in each of the segment's
    documents, one byte each (Whoosh's lengths column), kept on the segment
    reader."""
    cache: dict[str, bytes] | None = getattr(segment, "_reader_length_bytes", None)
    if cache is None:
        cache = {}
        segment._reader_length_bytes = cache
    lengths = cache.get(fieldname)
    if lengths is None:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        count = segment.doc_count_all()
        column = segment._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            lengths = bytes(count)
        else:
            raw = column._dbfile.get(column._basepos, min(column._count, count))
            lengths = bytes(raw) + bytes(count - len(raw))
        cache[fieldname] = lengths
    return lengths


def _union(parts: list[Scores]) -> Scores:
    parts = [p for p in parts if p]
    if not parts:
        return {}
    parts.sort(key=len, reverse=True)
    total = dict(parts[0])
    get = total.get
    for part in parts[1:]:
        for d, s in part.items():
            total[d] = get(d, 0.0) + s
    return total


def _intersection(parts: list[Scores]) -> Scores:
    if not parts or not all(parts):
        return {}
    first = min(range(len(parts)), key=lambda i: len(parts[i]))
    smallest = parts[first]
    others = parts[:first] + parts[first + 1 :]  # the same term twice is two parts
    total: Scores = {}
    for d, s in smallest.items():
        for part in others:
            other = part.get(d)
            if other is None:
                break
            s += other
        else:
            total[d] = s
    return total
