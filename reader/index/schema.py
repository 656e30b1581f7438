"""The Whoosh schema of the article index.

Bump :data:`SCHEMA_VERSION` whenever the schema or what goes into a field
changes: an index recorded with another version is rebuilt automatically.
"""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import StemmingAnalyzer

SCHEMA_VERSION = 2  # 2: bidirectional controls and zero-width characters are removed from the text

# BM25F weight of a title match relative to a body match.
TITLE_BOOST = 2.5


def make_schema() -> fields.Schema:
    stem = StemmingAnalyzer()
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
    )
