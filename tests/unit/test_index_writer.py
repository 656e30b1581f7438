"""The faster index writer (reader.index.writer) writes what Whoosh's own
SegmentWriter writes: the same terms, postings, positions, weights, field
lengths and stored fields, and the same spelling words with the same
article counts."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index
from whoosh.writing import SegmentWriter

from reader.corpus import Article
from reader.index.schema import make_schema
from reader.index.spelling import closest_word
from reader.index.store import article_fields
from reader.index.writer import ArticleWriter, fast_analysis

# Words that exercise the analyzer's rules: stop words, one-letter words,
# dotted and starred tokens, digits, case that lower() changes in length,
# words the stemmer leaves alone or shortens.
WORDS = [
    "the",
    "a",
    "I",
    "of",
    "Running",
    "runs",
    "ran",
    "U.S.",
    "e.g.",
    "3.14",
    "1,000",
    "a*b",
    "**",
    "news*",
    "İstanbul",
    "STRASSE",
    "straße",
    "ǅemal",
    "naïve",
    "café",
    "coöperate",
    "generously",
    "generous",
    "it's",
    "don’t",
    "x",
    "_under_",
    "Ⅻ",
    "٣٤",
    "東京",
    "well-known",
    "...",
    "—",
    "\n\n",
]

texts = st.one_of(
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
    st.text(max_size=200),
)


def _stock_analysis(field, text):
    postings = sorted(field.index(text))
    words = sorted(field.spellable_words(text)) if field.separate_spelling() else None
    return postings, words


def _fast_postings(fast, text):
    """What the one-pass analysis makes of ``text``, as Whoosh's
    ``field.index`` lists it: (term, frequency, weight, value)."""
    positions, words = fast(text)
    postings = [(term.encode("utf-8"), len(at), len(at) * fast.field_boost, fast.encode(at)) for term, at in positions.items()]
    return postings, words


@pytest.mark.parametrize("fieldname", ["title", "body", "title_pairs", "body_pairs"])
@settings(max_examples=300, deadline=None)
@given(text=texts)
def test_one_pass_analysis_equals_whooshs(fieldname, text):
    field = make_schema()[fieldname]
    fast = fast_analysis(field)
    assert fast is not None
    postings, words = _fast_postings(fast, text)
    assert (sorted(postings), words) == _stock_analysis(field, text)


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_a_text_and_its_pairs_analysed_in_turn_equal_whooshs(text):
    # The pairs field reuses the words its text field has just analysed.
    schema = make_schema()
    for fieldname in ("body", "body_pairs", "title", "title_pairs"):
        field = schema[fieldname]
        postings, words = _fast_postings(fast_analysis(field), text)
        assert (sorted(postings), words) == _stock_analysis(field, text)


def test_pairs_are_neighbouring_common_words_at_the_first_ones_position():
    field = make_schema()["body_pairs"]
    postings, _ = _fast_postings(fast_analysis(field), "The government said last year that zebra prices said last year.")
    decoded = {btext.decode(): list(field.format.decode_positions(value)) for btext, _, _, value in postings}
    # "zebra" is rare: only beside "year", a very common word, is it in a pair.
    expected = {"govern said": [1], "said last": [2, 7], "last year": [3, 8], "year zebra": [4], "price said": [6]}
    assert decoded == expected


def test_other_fields_are_analysed_the_usual_way():
    schema = make_schema()
    assert [name for name, field in schema.items() if fast_analysis(field)] == ["body", "body_pairs", "title", "title_pairs"]


def _article(i, title, body, date=None):
    return Article(
        id=f"lib/{i:03d}",
        title=title,
        body=body,
        date=date,
        dateline="LONDON" if date else None,
        subheadings=("Sub",) if i % 3 == 0 else (),
        source="lib",
        path=f"/lib/{i:03d}.txt",
    )


ARTICLES = [
    _article(0, "Chelsea beat Arsenal", "Chelsea won 2-1 at the Emirates. The U.S. coach watched."),
    _article(1, "Running costs", "Costs are running high; runners ran. Running, running.", dt.date(2005, 3, 1)),
    _article(2, "İstanbul news*", "A naïve café in İstanbul: coöperate! 3.14 e.g. a*b " * 5),
    _article(3, "Empty-ish", "x y z"),
    _article(4, "Chelsea beat Arsenal", "Chelsea won 2-1 at the Emirates. The U.S. coach watched."),  # a copy
    _article(5, "Long", " ".join(WORDS * 40), dt.date(2004, 12, 31)),
]


def _build(path, writer_class, articles, **options):
    path.mkdir()
    ix = index.create_in(str(path), make_schema())
    writer = writer_class(ix, **options)
    for article in articles:
        writer.add_document(**article_fields(article))
    writer.commit()
    return ix


def _contents(ix):
    """Everything the searches read, as plain data."""
    terms = {}
    with ix.reader() as reader:
        for fieldname, btext in reader.all_terms():
            if fieldname.startswith("spell_"):
                terms[fieldname, btext] = reader.frequency(fieldname, btext)
                continue
            matcher = reader.postings(fieldname, btext)
            postings = []
            while matcher.is_active():
                postings.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            info = reader.term_info(fieldname, btext)
            stats = (info.min_length(), info.max_length(), info.max_weight(), info.min_id(), info.max_id())
            blocks = []
            for segment, _ in reader.leaf_readers():
                if (fieldname, btext) in segment:
                    leaf = segment.postings(fieldname, btext)
                    while leaf.is_active():  # each block's statistics, as skipping reads them
                        blocks.append(
                            (
                                leaf.block_min_id(),
                                leaf.block_max_id(),
                                leaf.block_max_weight(),
                                leaf.block_min_length(),
                                leaf.block_max_length(),
                            )
                        )
                        leaf.next() if not hasattr(leaf, "_next_block") else leaf._next_block()
            terms[fieldname, btext] = (
                reader.doc_frequency(fieldname, btext),
                reader.frequency(fieldname, btext),
                postings,
                stats,
                blocks,
            )
        docs = range(reader.doc_count_all())
        stored = [reader.stored_fields(d) for d in docs]
        names = reader.schema.names()
        lengths = {(d, f): reader.doc_field_length(d, f) for d in docs for f in names}
        totals = {f: reader.field_length(f) for f in names}
        columns = {f: list(reader.column_reader(f)) for f in names if reader.has_column(f)}
    return terms, stored, lengths, totals, columns


@pytest.mark.parametrize("limitmb", [128, 0], ids=["in memory", "a run file per article"])
def test_the_index_equals_whooshs(tmp_path, limitmb):
    stock = _contents(_build(tmp_path / "stock", SegmentWriter, ARTICLES))
    fast = _contents(_build(tmp_path / "fast", ArticleWriter, ARTICLES, limitmb=limitmb))
    assert fast == stock
    terms = fast[0]
    assert terms["spell_body", b"chelsea"] == 2  # two articles hold the word
    assert terms["body", b"run"][0] == 2 and ("body", b"running") not in terms


def test_terms_in_several_runs_of_several_articles_merge_in_document_order(tmp_path, monkeypatch):
    """A run holds a term's only posting or several; merged at the commit,
    the runs give what Whoosh's writer gives."""
    import reader.index.writer as writer_module

    articles = ARTICLES + [_article(10 + i, f"Story {i}", " ".join(WORDS[i % 5 :] * (i % 3 + 1))) for i in range(40)]
    saves = []
    save = writer_module._TermPool.save

    def counted(pool):
        saves.append(sum(len(terms) for terms in pool.fields.values()))
        save(pool)

    monkeypatch.setattr(writer_module._TermPool, "save", counted)

    class SmallRuns(ArticleWriter):
        def __init__(self, ix, **options):
            super().__init__(ix, **options)
            self.pool.limit = 20_000  # bytes: a run every few articles

    stock = _contents(_build(tmp_path / "stock", SegmentWriter, articles))
    assert _contents(_build(tmp_path / "fast", SmallRuns, articles)) == stock
    assert len(saves) >= 5


def test_spelling_counts_survive_merges_and_deletions(tmp_path):
    """Segments merged by later commits keep the words and their counts."""
    path = tmp_path / "ix"
    ix = _build(path, ArticleWriter, ARTICLES[:3])
    for article in ARTICLES[3:]:
        writer = ArticleWriter(ix)
        writer.add_document(**article_fields(article))
        writer.commit()
    writer = ArticleWriter(ix)
    writer.delete_by_term("id", "lib/003")
    writer.commit(optimize=True)  # everything merged into one segment
    with ix.reader() as reader:
        assert reader.frequency("spell_body", b"chelsea") == 2
        assert reader.frequency("spell_title", b"running") == 1
        assert ("spell_body", "coöperate") in reader


def test_a_spelling_suggestion_prefers_the_word_more_articles_hold(tmp_path):
    """At equal distance the more common word wins: 'hat' -> 'hot' (three
    articles), not 'hit' (one), though 'hit' sorts first."""
    articles = [_article(i, f"Story {i}", text) for i, text in enumerate(["a hit song", "hot day", "hot", "hot tea"])]
    ix = _build(tmp_path / "ix", ArticleWriter, articles)
    with ix.reader() as reader:
        assert closest_word(reader, ["spell_body"], "hat") == "hot"


def test_segments_are_separate_files_that_readers_do_not_copy(tmp_path):
    """A compound segment file is copied whole into memory by each reader
    (Whoosh's BufferFile); the writer leaves segments as separate files."""
    ix = _build(tmp_path / "ix", ArticleWriter, ARTICLES)
    segments = ix._segments()
    assert segments and not any(segment.is_compound() for segment in segments)
    with ix.searcher() as searcher:
        assert searcher.document(id="lib/000")["title"] == "Chelsea beat Arsenal"


def test_posting_blocks_are_pickled_with_protocol_5_and_read_by_whoosh(tmp_path, monkeypatch):
    import whoosh.codec.whoosh3 as w3

    ix = _build(tmp_path / "ix", ArticleWriter, ARTICLES)
    loaded = []
    real_loads = w3.loads
    monkeypatch.setattr(w3, "loads", lambda data: loaded.append(bytes(data[:2])) or real_loads(data))
    with ix.reader() as reader:
        assert list(reader.postings("body", b"chelsea").all_ids()) == [0, 4]
        long_run = reader.postings("body", b"run")
        assert long_run.value_as("positions")
    assert b"\x80\x05" in loaded  # the blocks (their headers stay protocol 2)


@settings(max_examples=200, deadline=None)
@given(positions=st.lists(st.integers(0, 200_000), unique=True).map(sorted))
def test_positions_are_written_as_arrays_and_read_back(positions):
    from reader.index.formats import ArrayPositions

    fmt = ArrayPositions(field_boost=2.0)
    value = fmt.encode(positions)
    assert list(fmt.decode_positions(value)) == positions
    assert fmt.decode_frequency(value) == len(positions)
    assert fmt.decode_weight(value) == 2.0 * len(positions)
    assert len(value) == 5 + len(positions) * (2 if not positions or positions[-1] < 65536 else 4)


def test_a_single_position_shares_the_value_encoding_makes():
    from reader.index.formats import ArrayPositions

    fmt = ArrayPositions()
    assert len(ArrayPositions.SINGLE) == 8192
    assert all(value == fmt.encode([position]) for position, value in enumerate(ArrayPositions.SINGLE))


def test_terms_are_written_byte_for_byte_as_whooshs_field_writer_writes_them(tmp_path, monkeypatch):
    """The writer's own loop over terms writes the postings and terms files
    Whoosh's field and postings writers write (blocks in protocol 5)."""
    import reader.index.writer as writer_module

    def files(path):
        return {f.suffix: f.read_bytes() for f in path.iterdir() if f.suffix in (".pst", ".trm")}

    articles = ARTICLES + [_article(10 + i, f"Story {i}", " ".join(WORDS[i % 7 :] * (i % 4 + 1))) for i in range(300)]
    _build(tmp_path / "ours", ArticleWriter, articles)
    ours = files(tmp_path / "ours")

    def through_whoosh(fieldwriter, schema, lengths, terms):
        postings = ((f, t, d, w, v) for (f, t), (ids, ws, vs) in terms for d, w, v in zip(ids, ws, vs))
        fieldwriter.add_postings(schema, lengths, postings)

    monkeypatch.setattr(writer_module, "_write_terms", through_whoosh)
    _build(tmp_path / "theirs", ArticleWriter, articles)
    theirs = files(tmp_path / "theirs")
    assert ours.keys() == {".pst", ".trm"}
    assert ours == theirs
