"""Scoring a term at a time gives Whoosh's own scores and matches.

Every query :class:`TermScores` answers is compared with Whoosh's search of
the same query over an index of several segments with deleted documents:
the same documents, the same scores (up to the order floats are added), the
same ranking, the same matched terms. A phrase of neighbouring words is read
from the pairs field and scored as the sum of its pairs' scores: its scores
are compared with Whoosh's search of the same phrase of pairs, its
documents with Whoosh's search of the words' positions.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import query

from reader.index.schema import PAIR_FIELDS, make_schema
from reader.index.search import bounded
from reader.index.taat import TermScores
from reader.library import Library
from reader.paths import get_paths

WORDS = (
    "bank banks banking rate rates rising rise inflation economy economic minister government vote voters "
    "election film films award awards music market markets price prices oil tax taxes football club goal "
    "said year government"
).split()
FILLER = [f"zq{a}{b}" for a in "bcdfghjklm" for b in "aeiou"]
PHRASES = [
    "rates rising",
    "bank zqba rate",
    "bank zqbe zqbi rate rise",
    "banks banks",
    "film award",
    "award film",
    "said market prices rise",
    "government said",
    "year year",
]


def _text(rng: random.Random) -> str:
    title = " ".join(rng.choice(WORDS + FILLER) for _ in range(rng.randint(2, 7))).capitalize()
    body = [rng.choice(FILLER) for _ in range(rng.randint(10, 300))]
    for word in rng.sample(WORDS, rng.randint(0, 8)):
        for _ in range(rng.choice([1, 1, 2, 5, 12])):
            body.insert(rng.randrange(len(body) + 1), word)
    for phrase in PHRASES:  # words next to each other, or a word or two apart
        if rng.random() < 0.3:
            at = rng.randrange(len(body) + 1)
            body[at:at] = phrase.split()
    if rng.random() < 0.5:  # dated, in the seed article's format
        date = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(1000))
        return f" date {date.isoformat()} LONDON – {title}\n\n" + " ".join(body) + "\n"
    return title + "\n\n" + " ".join(body) + "\n"


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    """An index of three segments (a build and two updates), some of its
    documents deleted or replaced."""
    root = tmp_path_factory.mktemp("taat")
    folder = root / "news"
    folder.mkdir()
    rng = random.Random(3)
    lib = Library(get_paths(root / "home"), extra_sources=[folder])
    for n in range(300):
        (folder / f"{n:04d}.txt").write_text(_text(rng), encoding="utf-8")
    lib.update(rebuild=True)
    for n in range(300, 420):
        (folder / f"{n:04d}.txt").write_text(_text(rng), encoding="utf-8")
    lib.update()
    for n in range(0, 420, 17):
        (folder / f"{n:04d}.txt").unlink()
    for n in range(5, 420, 23):
        if (folder / f"{n:04d}.txt").exists():
            (folder / f"{n:04d}.txt").write_text(_text(rng), encoding="utf-8")
    stats = lib.update()
    assert stats.removed and stats.updated
    with lib.open() as article_index:
        searcher = article_index.searcher()
        assert len(searcher.reader().leaf_readers()) >= 2
        assert searcher.reader().has_deletions()
        yield article_index


def _whoosh(searcher, q) -> dict[int, float]:
    return {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}


def _expected(searcher, q) -> dict[int, float]:
    """Whoosh's scores of ``q``; AND NOT and AND MAYBE from Whoosh's results
    of their sides, as documented: Whoosh's AND NOT matcher lists its first
    document even when the excluded side holds it (when that side starts
    earlier), and an AND MAYBE inside an AND loses the optional side's score
    for some documents."""
    if not any(isinstance(node, (query.AndNot, query.AndMaybe)) for node in _nodes(q)):
        return _whoosh(searcher, q)
    if isinstance(q, query.AndNot):
        excluded = _expected(searcher, q.b)
        return {d: s for d, s in _expected(searcher, q.a).items() if d not in excluded}
    if isinstance(q, query.AndMaybe):
        extra = _expected(searcher, q.b)
        return {d: s + extra.get(d, 0.0) for d, s in _expected(searcher, q.a).items()}
    parts = [_expected(searcher, sub) for sub in q.subqueries]
    if isinstance(q, query.And):
        docs = set.intersection(*(set(p) for p in parts))
    else:
        docs = set().union(*parts)
    return {d: q.boost * sum(p[d] for p in parts if d in p) for d in docs}


def _nodes(q):
    yield q
    for sub in getattr(q, "subqueries", ()):
        yield from _nodes(sub)


PAIRING = make_schema()["body_pairs"].analyzer.items[-1]


def _paired(q):
    """``q`` with each phrase of neighbouring common words as the phrase of
    its pairs in the pairs field (a single pair: a term)."""
    pairs = PAIRING.pairs(q.words) if isinstance(q, query.Phrase) and q.slop == 1 else []
    if pairs and all(pairs) and q.fieldname in PAIR_FIELDS:
        field = PAIR_FIELDS[q.fieldname]
        if len(pairs) == 1:
            return query.Term(field, pairs[0], boost=q.boost)
        return query.Phrase(field, pairs, boost=q.boost)
    return q.apply(_paired)


def _same_scores(searcher, q, expected=_expected) -> None:
    ours = TermScores(searcher).scores(q)
    assert ours is not None, q
    theirs = expected(searcher, _paired(q))
    assert ours.keys() == theirs.keys() == expected(searcher, q).keys(), q
    for docnum, score in theirs.items():
        assert ours[docnum] == pytest.approx(score, rel=1e-9, abs=1e-12), (q, docnum)


def _queries(index, text):
    parsed = index.parse(text)
    (strict, loose), _ = bounded([parsed.query, parsed.loose], index.searcher().reader())
    return strict, loose


@pytest.mark.parametrize(
    "text",
    [
        "bank",
        "rates rising",
        "banks rates inflation",
        "title:film",
        "econ*",
        "ratse~",
        "bank OR film OR zqba",
        "+tax goal",
        "-bank film",
        "film rates -bank -zqba",
        "bank rate rise inflation economy minister government vote voters election",  # an array OR
        "nosuchword",
        '"rates rising"',
        '"bank rate"~3 film',
        '"banks banks"',
        '"nosuchword bank"',
        'title:"bank rate" OR economy',
        "date:2020 bank",
        "date:2020-03 OR film",
        "date:>2020-06-01 rates",
    ],
)
def test_word_queries_score_as_whoosh_does(index, text):
    searcher = index.searcher()
    strict, loose = _queries(index, text)
    _same_scores(searcher, strict)
    if ('"' in text or "date:" in text) and "nosuchword" not in text:
        assert _whoosh(searcher, strict)  # the phrase or the dates are found
    if loose is not None:
        _same_scores(searcher, loose)
        _same_scores(searcher, query.AndNot(loose, strict))
        bonus = query.Or([query.Term("body", "film", boost=1.7), query.Term("body", "award", boost=0.3)])
        _same_scores(searcher, query.AndMaybe(loose, bonus), expected=_whoosh)  # as a question's feedback is added


def test_and_not_never_lists_a_document_of_the_excluded_side(index):
    searcher = index.searcher()
    a, b = query.Term("title", "bank"), query.Term("body", "bank")
    excluded = set(_whoosh(searcher, b))
    scores = TermScores(searcher).scores(query.AndNot(a, b))
    assert scores and not excluded & scores.keys()
    assert scores.keys() == set(_whoosh(searcher, a)) - excluded


@pytest.mark.parametrize("text", ["-bank", "film OR -bank", "*"])
def test_other_queries_are_left_to_whoosh(index, text):
    strict, _ = _queries(index, text)
    assert TermScores(index.searcher()).scores(strict) is None


@settings(deadline=None, derandomize=True, database=None, max_examples=150)
@given(st.data())
def test_any_tree_of_words_scores_as_whoosh_does(index, data):
    searcher = index.searcher()

    def term():
        field = data.draw(st.sampled_from(["title", "body", "dateline"]))
        word = data.draw(st.sampled_from([*WORDS[:12], *FILLER[:3], "absent"]))
        stem = index.parse(f"{field}:{word}").query
        text = stem.text if isinstance(stem, query.Term) else word
        return query.Term(field, text, boost=data.draw(st.sampled_from([1.0, 0.7, 2.0])))

    def phrase():
        field = data.draw(st.sampled_from(["title", "body"]))
        words = data.draw(
            st.lists(
                st.sampled_from(["bank", "rate", "rise", "film", "award", "zqba", "said", "year", "market", "price"]),
                min_size=2,
                max_size=4,
            )
        )
        return query.Phrase(field, words, slop=data.draw(st.sampled_from([1, 2, 4])))

    def tree(depth):
        if depth == 0 or data.draw(st.booleans()):
            kind = data.draw(st.integers(0, 9))
            if kind == 0:
                return index.parse(f"date:2020-{data.draw(st.integers(1, 12)):02d}").query
            return phrase() if kind == 1 else term()
        kind = data.draw(st.sampled_from(["or", "and", "andnot", "andmaybe", "preloaded", "not"]))
        if kind == "not":
            return query.And([tree(depth - 1), query.Not(tree(depth - 1))])
        if kind in ("andnot", "andmaybe"):
            cls = query.AndNot if kind == "andnot" else query.AndMaybe
            return cls(tree(depth - 1), tree(depth - 1))
        subs = [tree(depth - 1) for _ in range(data.draw(st.integers(2, 4)))]
        cls = {"or": query.Or, "and": query.And, "preloaded": query.PreloadedOr}[kind]
        return cls(subs, boost=data.draw(st.sampled_from([1.0, 0.5])))

    _same_scores(searcher, tree(3))


def test_results_rank_and_mark_terms_as_whoosh_does(index):
    searcher = index.searcher()
    _, loose = _queries(index, "banks rates inflation film")
    terms = TermScores(searcher)
    scores = terms.scores(loose)
    ours = terms.results(loose, scores, 25)
    theirs = searcher.search(loose, limit=25, terms=True)
    assert [h.docnum for h in ours] == [h.docnum for h in theirs]
    assert [h.score for h in ours] == pytest.approx([h.score for h in theirs])
    for mine, whoosh in zip(ours, theirs):
        assert sorted(mine.matched_terms()) == sorted(whoosh.matched_terms())
    assert len(terms.results(loose, scores, None)) == len(scores) == len(searcher.search(loose, limit=None))


def test_a_phrase_from_pairs_marks_its_words_and_finds_what_positions_find(index):
    searcher = index.searcher()
    phrases = (["said", "market", "price", "rise"], ["govern", "said"], ["year", "year"], ["film", "rise"], ["rate", "rise"])
    assert all(all(PAIRING.pairs(words)) for words in phrases[:4])
    for words in phrases + (["bank", "zqbe", "zqbi", "rate", "rise"], ["bank", "bank"], ["award", "film"]):
        q = query.Phrase("body", words)
        terms = TermScores(searcher)
        scores = terms.scores(q)
        assert scores.keys() == set(_whoosh(searcher, q)), words
        assert scores or words in (["bank", "bank"], ["film", "rise"])
        for hit in terms.results(q, scores, None):
            assert sorted(hit.matched_terms()) == sorted({("body", w.encode()) for w in words})


@pytest.mark.parametrize("word, maxdist", [("bnak", 1), ("raets", 2), ("electoin", 2), ("zqba", 1), ("qqqq", 2)])
def test_words_within_asks_each_segment_and_finds_what_whoosh_finds(index, word, maxdist):
    # A reader of several segments: Whoosh's own terms_within computes the
    # distance to every word with the prefix; asked per segment, the same.
    from reader.index.spelling import words_within

    reader = index.searcher().reader()
    assert len(reader.leaf_readers()) >= 2
    for field in ("spell_body", "spell_title"):
        ours = list(words_within(reader, field, word, maxdist, 1))
        assert len(ours) == len(set(ours))
        theirs = set(reader.terms_within(field, word, maxdist, prefix=1))
        if maxdist == 1:
            assert set(ours) == theirs
        else:  # but for a swap with another edit
            assert set(ours) <= theirs
            assert all(_levenshtein(word, missed) > 2 for missed in theirs - set(ours))
    assert word.startswith(("q", "z")) or list(words_within(reader, "spell_body", word, maxdist, 1))


def _levenshtein(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]
