"""The Whoosh schema of the article index.

Bump :data:`SCHEMA_VERSION` whenever the schema or what goes into a field
changes: an index recorded with another version is rebuilt automatically.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Whoosh is imported when a schema is made: an update with nothing changed does without it
    from whoosh import fields
    from whoosh.analysis import Analyzer

# A word as the analyser finds it in text (Whoosh's default pattern,
# whoosh.analysis.tokenizers.default_pattern): letters, digits and
# underscores, with single dots inside ("u.s", "3.5bn").
WORD_TOKEN = re.compile(r"\w+(?:\.?\w+)*")

# 6: the digest ignores letter case: articles that differ only in it
#    ("Grand Slam", "grand slam") are listed once.
# 5: feed entries: ``url`` (stored), ``author`` (searchable) and ``feed``
#    (the feed's name); a source's name is one term (``source:'my news'``).
# 4: word pairs (``title_pairs``, ``body_pairs``) for phrase queries;
#    positions written as arrays (reader/index/formats.py).
# 3: the Porter2 (Snowball English) stemmer, which conflates "winning" with
#    "win" and "tanned" with "tan"; a digest of each article's text.
# 2: bidirectional controls and zero-width characters are removed from the text.
SCHEMA_VERSION = 6

# BM25F weight of a title match relative to a body match.
TITLE_BOOST = 2.5


def make_analyzer() -> Analyzer:
    """The analyzer of the title and body: words, lower case, English stop
    words left out, Porter2 stems (cached: a library repeats its words)."""
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.lang.porter2 import stem as porter2_stem

    analyzer: Analyzer = StemmingAnalyzer(stemfn=porter2_stem)
    return analyzer


# The field of each text field's word pairs: a word and the word after it,
# indexed as one term ("interest rate") at the first word's position, when
# both are common words. A phrase of common words is then one term to read
# (or a few, one after another), where reading the positions of both words
# in every article that holds both took most of a phrase query's time (the
# idea of Lucene's CommonGramsFilter and Elasticsearch's ``index_phrases``).
# A phrase with a rarer word reads few positions anyway.
PAIR_FIELDS = {"title": "title_pairs", "body": "body_pairs"}
# Between the two words of a pair term (words never hold a space).
PAIR_SEPARATOR = " "
# A pair is indexed when both its words appear in at least this share of
# news articles (reader/index/common_words.py): a phrase with a rarer word
# reads positions in at most this share of the articles.
PAIR_SHARE = 0.06
# And when either word appears in at least this share.
ANCHOR_SHARE = 0.4


def make_pair_analyzer() -> Analyzer:
    """The text analyzer followed by the pair filter."""
    from reader.index.common_words import DOC_SHARE
    from reader.index.pairs import PairFilter

    common = [word for word, share in DOC_SHARE.items() if share >= PAIR_SHARE]
    anchors = [word for word, share in DOC_SHARE.items() if share >= ANCHOR_SHARE]
    analyzer: Analyzer = make_analyzer() | PairFilter(common, anchors)
    return analyzer


def text_digest(title: str, body: str) -> str:
    """The same for two articles whose title and body are equal once runs of
    white space are folded and letters put in lower case: identical articles
    are listed once (a copy republished with a word's case changed too)."""
    folded = (" ".join(title.split()) + "\n" + " ".join(body.split())).lower()
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=12).hexdigest()


def make_schema() -> fields.Schema:
    from whoosh import fields

    from reader.index.formats import ArrayPositions

    stem = make_analyzer()
    pairs = make_pair_analyzer()
    schema = fields.Schema(
        id=fields.ID(unique=True, stored=True, sortable=True),
        title=fields.TEXT(stored=True, analyzer=stem, field_boost=TITLE_BOOST, spelling=True),
        body=fields.TEXT(stored=True, analyzer=stem, spelling=True),
        title_pairs=fields.TEXT(analyzer=pairs, field_boost=TITLE_BOOST),
        body_pairs=fields.TEXT(analyzer=pairs),
        date=fields.DATETIME(stored=True),
        # Days since 0001-01-01, 0 when undated: the "newest first" sort key
        # (undated articles sort last).
        day=fields.NUMERIC(int, bits=32, sortable=True, default=0),
        dateline=fields.TEXT(stored=True),
        # One term per source, whatever its name holds (a folder "my news").
        source=fields.KEYWORD(stored=True, lowercase=True, commas=True),
        path=fields.ID(stored=True),
        subheadings=fields.STORED(),
        # :func:`text_digest` of the title and body.
        digest=fields.ID(stored=True, sortable=True),
        url=fields.STORED(),
        author=fields.TEXT(stored=True),
        feed=fields.KEYWORD(stored=True, lowercase=True),
    )
    for name in ("title", "body", "title_pairs", "body_pairs", "dateline"):
        schema[name].format = ArrayPositions(field_boost=schema[name].format.field_boost)
    return schema
