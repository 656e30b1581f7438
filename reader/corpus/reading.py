"""Read one article file: decode it, detect its format, build an :class:`Article`.

Formats, detected per file:

1. **Seed format**: the first line is `` date YYYY-MM-DD DATELINE – lead…``
   (leading whitespace, the word ``date``, an ISO date, an optional dateline
   ended by an en/em dash or `` - ``, then the first paragraph). There is no
   title line, so a headline is derived from the lead.
2. **Headline format**: the first line is a headline (short, no full stop),
   the body follows (the BBC news dataset).
3. Anything else readable as text: the title is derived from the first line.

Files that are empty or binary (a NUL byte or over 10% control bytes near
the start) are skipped with a reason (:class:`SkippedFile`), never a crash.
Terminal escape sequences, control characters, bidirectional controls and
zero-width characters are removed from the text
(:func:`reader.files.text.strip_control`).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from reader.corpus.article import Article
from reader.corpus.entries import ENTRY_SUFFIX, EntryFileError, article_from_entry
from reader.files.text import strip_control

MAX_FILE_BYTES = 20 * 1024 * 1024


class SkippedFile(Exception):
    """A file that is not a readable article; ``str()`` says why."""


def decode_bytes(data: bytes) -> str:
    """Decode article bytes: UTF-8 (BOM allowed), else cp1252, else Latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte.
        return data.decode("latin-1")


# Control bytes that text does not hold: C0 other than whitespace (tab,
# newline, vertical tab, form feed, carriage return) and ESC, and DEL. ESC
# starts the colour codes of terminal output saved to a file: those are
# removed from the text (reader.files.text), never a reason to skip it.
_BINARY_CONTROLS = bytes(sorted(set(range(32)) - {9, 10, 11, 12, 13, 27})) + b"\x7f"
_BINARY_SHARE = 0.10
"""Above this share of control bytes in the first 8 KiB, a file is binary."""


def _looks_binary(data: bytes) -> bool:
    """Whether ``data`` is binary: a NUL byte, or many control bytes, near its start.

    A few stray control bytes, or any number of escape sequences, do not
    make a text binary: they are removed when the text is read.
    """
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _BINARY_CONTROLS))
    return controls > len(head) * _BINARY_SHARE


_SEED_FIRST_LINE = re.compile(
    r"""^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\b\s*
        (?:(?P<dateline>[^\s\u2013\u2014"“‘'][^\u2013\u2014"“]{0,70}?)\s*(?:\u2013|\u2014|\s-)\s+)?
        (?P<lead>.*)$""",
    re.VERBOSE,
)
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*(?=\s+[\"“‘'(]?[A-Z0-9])")
_CLAUSE_BREAK = re.compile(r"\s*(?:,|;|:|\s[\u2013\u2014-])\s")
_TRAILING_WORDS = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "but",
    "by",
    "for",
    "from",
    "has",
    "have",
    "in",
    "is",
    "of",
    "on",
    "or",
    "that",
    "the",
    "their",
    "its",
    "his",
    "her",
    "to",
    "was",
    "were",
    "with",
    "which",
    "who",
    "are",
    "be",
    "been",
    "will",
    "than",
}
_TRAILING_PUNCT = " \t,;:.!?–—-…\"'“”‘’(["


def headline_from(text: str, lo: int = 60, hi: int = 90, clause_hi: int = 90) -> str:
    """A readable headline from a lead paragraph.

    The first sentence if it is short enough; otherwise the text cut at a
    clause break (up to ``clause_hi`` characters) or a word boundary (up to
    ``hi``), never ending on a dangling function word or punctuation.
    """
    text = " ".join(text.split())
    match = _SENTENCE_END.search(text)
    sentence = text[: match.start() + 1] if match else text
    if len(sentence) <= hi:
        return sentence.rstrip(_TRAILING_PUNCT) or text[:hi].rstrip(_TRAILING_PUNCT)
    cut = None
    for clause in _CLAUSE_BREAK.finditer(sentence):
        if lo <= clause.start() <= clause_hi:
            cut = clause.start()
            break
    if cut is None:
        space = sentence.rfind(" ", 0, hi + 1)
        cut = space if space >= lo // 2 else hi
    words = sentence[:cut].split()
    while len(words) > 3 and words[-1].lower().strip(_TRAILING_PUNCT) in _TRAILING_WORDS:
        words.pop()
    return " ".join(words).rstrip(_TRAILING_PUNCT)


# A line of white space only (or none), and a run of them between two lines.
_BLANK_LINE = re.compile(r"(?:^|\n)[^\S\n]*(?:\n|\Z)")
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")


def _paragraphs(text: str) -> list[str]:
    """Split text into paragraphs: blank-line separated, wrapped lines joined.

    A text with no blank lines at all is taken as one paragraph per line.
    """
    if not _BLANK_LINE.search(text):
        return [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    # Runs of blank lines part the paragraphs; each paragraph's white space
    # (its line breaks too) folded to single spaces.
    return [folded for part in _BLANK_LINES.split(text) if (folded := " ".join(part.split()))]


def _is_subheading(paragraph: str) -> bool:
    """A short standalone line such as ``‘Abandoned’`` between paragraphs."""
    stripped = paragraph.strip("\"'“”‘’«» ")
    return (
        0 < len(paragraph) <= 60
        and len(paragraph.split()) <= 8
        and not re.search(r"[.!?:;,]$", stripped)
        and stripped[:1].isupper()
    )


def _is_headline(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= 150 and not re.search(r"[.:;,]$", line)


def parse_text(text: str, *, id: str, source: str = "", path: str = "") -> Article:
    """Build an article from decoded text (any of the three formats)."""
    text = strip_control(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\f", "\n")
    if not text.strip():
        raise SkippedFile("empty file")
    stripped = text.lstrip("\n")
    first, _, rest = stripped.partition("\n")

    date = dateline = None
    seed = _SEED_FIRST_LINE.match(first)
    if seed:
        try:
            date = dt.date.fromisoformat(seed["date"])
        except ValueError:
            seed = None
    if seed:
        dateline = (seed["dateline"] or "").strip() or None
        paragraphs = _paragraphs(seed["lead"] + "\n\n" + rest)
        title = headline_from(paragraphs[0]) if paragraphs else id
        subheadings = [p for p in paragraphs[1:] if _is_subheading(p)]
    elif _is_headline(first) and rest.strip():
        title = " ".join(first.split())
        paragraphs = _paragraphs(rest)
        subheadings = []
    else:
        paragraphs = _paragraphs(stripped)
        title = headline_from(paragraphs[0]) if paragraphs else id
        subheadings = []
    body = "\n\n".join(paragraphs)
    return Article(
        id=id,
        title=title or id,
        body=body,
        date=date,
        dateline=dateline,
        subheadings=tuple(dict.fromkeys(subheadings)),
        source=source,
        path=path,
    )


def read_article(path: Path, *, id: str, source: str = "") -> Article:
    """Read and parse one article file; raises :class:`SkippedFile`."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SkippedFile(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except OSError as error:
        raise SkippedFile(f"cannot be read ({error.strerror or error})") from None
    if not data.strip():
        raise SkippedFile("empty file")
    if path.suffix == ENTRY_SUFFIX:
        try:
            return article_from_entry(data, id=id, source=source, path=str(path))
        except EntryFileError as error:
            raise SkippedFile(str(error)) from None
    if _looks_binary(data):
        raise SkippedFile("binary file, not text")
    if path.suffix.lower() in HTML_SUFFIXES:
        return _html_article(data, id=id, source=source, path=path)
    return parse_text(decode_bytes(data), id=id, source=source, path=str(path))


HTML_SUFFIXES = {".html", ".htm"}


def _html_article(data: bytes, *, id: str, source: str, path: Path) -> Article:
    """A web page saved as a file: its article text (trafilatura), never its markup."""
    import datetime as _dt

    from reader.corpus.html import extract_page

    page = extract_page(data)
    if page is None:
        raise SkippedFile("a web page with no article text found in it")
    try:
        date = _dt.date.fromisoformat(page.date[:10]) if page.date else None
    except ValueError:
        date = None
    return Article(
        id=id,
        title=page.title or headline_from(page.text.split("\n\n", 1)[0]) or id,
        body=page.text,
        date=date,
        source=source,
        path=str(path),
        author=page.author,
    )
