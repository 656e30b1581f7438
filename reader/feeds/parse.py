"""A feed's bytes -> its entries, each with clean text (no Textual here).

Parsing is feedparser's (RSS 0.9x/1.0/2.0, Atom, RDF; lenient with broken
XML and declared encodings); JSON Feed is read here (feedparser does not).
An entry's HTML becomes plain text with paragraphs through lxml: scripts,
styles, images and other non-text elements dropped, block elements
ending paragraphs, white space folded, control characters and bidi
overrides stripped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from reader.errors import ReaderError
from reader.files.text import one_line, strip_control


class FeedParseError(ReaderError):
    """The bytes are not a feed (the message says what they look like)."""


@dataclass(frozen=True)
class Entry:
    """One entry of a feed, as Reader keeps it."""

    key: str
    """Stable id: a hash of the guid, else of the link, else of the content."""
    title: str
    url: str = ""
    author: str = ""
    published: dt.datetime | None = None
    updated: dt.datetime | None = None
    summary: str = ""
    """The entry's own text (its content, else its summary), as plain text."""
    guid: str = ""


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    link: str = ""
    entries: list[Entry] = field(default_factory=list)
    kind: str = ""
    warning: str = ""
    """Set when the feed was not well formed but entries were recovered."""


# Elements whose text is never article text.
_DROPPED = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "form",
    "button",
    "select",
    "nav",
    "head",
    "img",
    "video",
    "audio",
    "picture",
    "figure",
)
# Elements that end a paragraph.
_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre table tr section article header footer aside dl dt dd hr address".split()
)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")


# Markup left in the text of markup: HTML escaped twice (Reddit's feeds do it).
_ESCAPED_MARKUP = re.compile(r"<(?:p|div|br|span|a|img|table|script|!--)[\s>/-]", re.IGNORECASE)


def html_to_text(markup: str) -> str:
    """The text of an HTML fragment or page, one paragraph per block,
    paragraphs separated by one blank line (markup escaped twice is read
    as markup)."""
    text = _html_to_text(markup)
    if _ESCAPED_MARKUP.search(text):
        text = _html_to_text(text.replace("\n\n", "<br>"))
    return text


def _html_to_text(markup: str) -> str:
    if not markup or not markup.strip():
        return ""
    if "<" not in markup and "&" not in markup:
        return _clean_paragraphs(markup.split("\n\n"))
    from lxml import etree, html

    try:
        root = html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return _clean_paragraphs([markup])
    for element in root.iter(*_DROPPED):
        element.drop_tree() if element.getparent() is not None else None
    pieces: list[str] = []
    paragraphs: list[str] = []

    def end_paragraph() -> None:
        if pieces:
            paragraphs.append("".join(pieces))
            pieces.clear()

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag.lower() in _BLOCKS
        if block:
            end_paragraph()
        if element.text and tag:
            pieces.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
        if block:
            end_paragraph()

    walk(root)
    end_paragraph()
    return _clean_paragraphs(paragraphs)


def _clean_paragraphs(paragraphs: list[str]) -> str:
    kept = []
    for paragraph in paragraphs:
        text = _SPACES.sub(" ", strip_control(paragraph).replace("\n", " ")).strip()
        if text:
            kept.append(text)
    return "\n\n".join(kept)


def _one_line(text: str) -> str:
    return one_line(text or "")


def _key(*parts: str) -> str:
    for part in parts:
        if part:
            return hashlib.sha256(part.encode("utf-8", "replace")).hexdigest()[:20]
    return hashlib.sha256(b"").hexdigest()[:20]


def _when(parsed: Any) -> dt.datetime | None:
    """feedparser's parsed time (a UTC struct_time) as a naive UTC datetime."""
    if not parsed:
        return None
    try:
        calendar.timegm(parsed)
        return dt.datetime(parsed[0], parsed[1], parsed[2], parsed[3], parsed[4], parsed[5])
    except (TypeError, ValueError, OverflowError, IndexError):
        return None


def _entry_text(entry: Any) -> str:
    content = entry.get("content") or []
    best = ""
    for item in content:
        value = item.get("value") or ""
        if len(value) > len(best):
            best = value
    summary = entry.get("summary") or ""
    markup = best if len(best) >= len(summary) else summary
    return html_to_text(markup)


def parse_feed(data: bytes, url: str = "") -> ParsedFeed:
    """The entries of a feed's bytes; raises :class:`FeedParseError` for
    bytes that are not a feed."""
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] == b"{":
        return _parse_json_feed(stripped, url)
    import feedparser

    parsed = feedparser.parse(stripped, response_headers={"content-location": url} if url else None)
    version = parsed.get("version") or ""
    feed_info = parsed.get("feed") or {}
    if not version and not parsed.entries:
        problem = parsed.get("bozo_exception")
        looks = "an HTML page, " if re.search(rb"(?is)<!doctype html|<html|<body", stripped[:1000]) else ""
        raise FeedParseError(
            f"not a feed ({looks}no RSS, Atom or JSON Feed found)" + (f": {_one_line(str(problem))}" if problem else "")
        )
    entries: list[Entry] = []
    seen: set[str] = set()
    for item in parsed.entries:
        link = item.get("link") or ""
        guid = item.get("id") or ""
        text = _entry_text(item)
        title = _one_line(item.get("title") or "") or _one_line(text[:90]) or "(untitled)"
        key = _key(guid, link, title + "\n" + text)
        if key in seen:
            continue
        seen.add(key)
        entries.append(
            Entry(
                key=key,
                title=title,
                url=link if link.startswith(("http://", "https://")) else "",
                author=_one_line((item.get("author_detail") or {}).get("name") or item.get("author") or ""),
                # dict.get: feedparser's own get maps a missing updated_parsed
                # to published_parsed, with a deprecation warning.
                published=_when(dict.get(item, "published_parsed")) or _when(dict.get(item, "updated_parsed")),
                updated=_when(dict.get(item, "updated_parsed")),
                summary=text,
                guid=guid,
            )
        )
    warning = ""
    if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
        warning = _one_line(str(parsed.get("bozo_exception")))[:200]
    return ParsedFeed(
        title=_one_line(feed_info.get("title") or ""),
        link=feed_info.get("link") or "",
        entries=entries,
        kind=version,
        warning=warning,
    )


def _parse_json_feed(data: bytes, url: str) -> ParsedFeed:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FeedParseError(f"not a feed: broken JSON ({error})") from None
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith("https://jsonfeed.org/"):
        raise FeedParseError("not a feed: JSON without a JSON Feed version")
    entries: list[Entry] = []
    seen: set[str] = set()
    for item in document.get("items") or []:
        if not isinstance(item, dict):
            continue
        link = str(item.get("url") or "")
        guid = str(item.get("id") or "")
        text = html_to_text(str(item.get("content_html") or "")) or _clean_paragraphs(
            str(item.get("content_text") or item.get("summary") or "").split("\n\n")
        )
        title = _one_line(str(item.get("title") or "")) or _one_line(text[:90]) or "(untitled)"
        key = _key(guid, link, title + "\n" + text)
        if key in seen:
            continue
        seen.add(key)
        authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
        author = ", ".join(_one_line(str(a.get("name") or "")) for a in authors if isinstance(a, dict) and a.get("name"))
        entries.append(
            Entry(
                key=key,
                title=title,
                url=link if link.startswith(("http://", "https://")) else "",
                author=author,
                published=_iso(item.get("date_published")) or _iso(item.get("date_modified")),
                updated=_iso(item.get("date_modified")),
                summary=text,
                guid=guid,
            )
        )
    return ParsedFeed(
        title=_one_line(str(document.get("title") or "")),
        link=str(document.get("home_page_url") or ""),
        entries=entries,
        kind="json1",
    )


def _iso(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.astimezone(dt.UTC).replace(tzinfo=None) if when.tzinfo else when
