"""The Whoosh schema of the article index.

Bump :data:`SCHEMA_VERSION` whenever the schema or what goes into a field
changes: an index recorded with another version is rebuilt automatically.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Whoosh is imported when a schema is made: an update with nothing changed does without it
    from whoosh import fields
    from whoosh.analysis import Analyzer

# 3: the Porter2 (Snowball English) stemmer, which conflates "winning" with
#    "win" and "tanned" with "tan"; a digest of each article's text.
# 2: bidirectional controls and zero-width characters are removed from the text.
SCHEMA_VERSION = 3

# BM25F weight of a title match relative to a body match.
TITLE_BOOST = 2.5


def make_analyzer() -> Analyzer:
    """The analyzer of the title and body: words, lower case, English stop
    words left out, Porter2 stems (cached: a library repeats its words)."""
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.lang.porter2 import stem as porter2_stem

    analyzer: Analyzer = StemmingAnalyzer(stemfn=porter2_stem)
    return analyzer


def text_digest(title: str, body: str) -> str:
    """The same for two articles whose title and body are equal once runs of
    white space are folded: identical articles are listed once."""
    folded = " ".join(title.split()) + "\n" + " ".join(body.split())
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=12).hexdigest()


def make_schema() -> fields.Schema:
    from whoosh import fields

    stem = make_analyzer()
    return fields.Schema(
        id=fields.ID(unique=True, stored=True, sortable=True),
        title=fields.TEXT(stored=True, analyzer=stem, field_boost=TITLE_BOOST, spelling=True),
        body=fields.TEXT(stored=True, analyzer=stem, spelling=True),
        date=fields.DATETIME(stored=True),
        # Days since 0001-01-01, 0 when undated: the "newest first" sort key
        # (undated articles sort last).
        day=fields.NUMERIC(int, bits=32, sortable=True, default=0),
        dateline=fields.TEXT(stored=True),
        source=fields.KEYWORD(stored=True, lowercase=True),
        path=fields.ID(stored=True),
        subheadings=fields.STORED(),
        # :func:`text_digest` of the title and body.
        digest=fields.ID(stored=True, sortable=True),
    )
