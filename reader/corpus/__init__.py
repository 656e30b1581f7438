"""Turning files into :class:`Article` records."""

from reader.corpus.article import Article, Block
from reader.corpus.reading import SkippedFile, decode_bytes, read_article

__all__ = ["Article", "Block", "SkippedFile", "decode_bytes", "read_article"]
