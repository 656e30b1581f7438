"""OPML subscription lists: read leniently, written as OPML 2.0.

Reading: every ``outline`` with an ``xmlUrl`` is a feed; the ``text`` (or
``title``) of the outlines around it become its tags. A file that is not
well-formed XML (a bare ``&``, a stray tag) is parsed again in lxml's
recovering mode, and what could not be used is listed, never silently
dropped. Entities are not resolved and nothing is fetched from the network
while parsing.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import quoteattr

from reader.feeds.subscriptions import Feed, is_web_address, name_for

_XML_URL = re.compile(r"""xmlUrl\s*=\s*(["'])(.*?)\1""", re.IGNORECASE)


_BARE_AMPERSAND = re.compile(rb"&(?!#[0-9]+;|#x[0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")


class OpmlError(ValueError):
    """The bytes hold no OPML outline at all (the message says why)."""


@dataclass
class OpmlFeed:
    url: str
    title: str
    tags: tuple[str, ...] = ()


@dataclass
class OpmlRead:
    feeds: list[OpmlFeed] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """One line per outline that could not be used, and why."""
    recovered: str = ""
    """Set when the file was not well formed (what the parser said)."""


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


def read_opml(data: bytes) -> OpmlRead:
    from lxml import etree

    result = OpmlRead()
    safe = {"resolve_entities": False, "no_network": True, "huge_tree": False}
    try:
        root = etree.fromstring(data, etree.XMLParser(**safe))
    except etree.XMLSyntaxError as error:
        result.recovered = str(error)
        # The usual breakage: a bare '&' (titles, query strings). Escaped,
        # and what is still broken left to the recovering parser.
        data = _BARE_AMPERSAND.sub(b"&amp;", data)
        root = etree.fromstring(data, etree.XMLParser(recover=True, **safe))
    if root is None:
        raise OpmlError("not OPML: nothing could be read from it")
    tag = root.tag if isinstance(root.tag, str) else ""
    if tag.lower() != "opml" and root.find(".//outline") is None:
        raise OpmlError(f"not OPML: the document is <{tag or '?'}>, with no <outline>")
    seen: set[str] = set()

    def walk(element: object, tags: tuple[str, ...]) -> None:
        for child in element:  # type: ignore[attr-defined]
            if not isinstance(child.tag, str) or child.tag.lower() != "outline":
                continue
            title = _clean(child.get("text") or child.get("title"))
            url = (child.get("xmlUrl") or child.get("xmlurl") or "").strip()
            if url:
                if not is_web_address(url):
                    result.skipped.append(f"{title or url!r}: {url!r} is not a web address")
                elif url in seen:
                    result.skipped.append(f"{title or url!r}: listed twice")
                else:
                    seen.add(url)
                    result.feeds.append(OpmlFeed(url, title, tags))
            if len(child):
                walk(child, (*tags, title) if title and not url else tags)

    body = root.find("body") if tag.lower() == "opml" else None
    walk(body if body is not None else root, ())
    if result.recovered:
        # What the recovering parser dropped is listed, not lost silently.
        listed = {feed.url for feed in result.feeds} | seen
        text = data.decode("utf-8", "replace")
        for match in _XML_URL.finditer(text):
            url = html.unescape(match.group(2)).strip()
            if url not in listed:
                line = text.count("\n", 0, match.start()) + 1
                result.skipped.append(f"line {line}: the outline of {url!r} could not be read (broken XML there)")
                listed.add(url)
    return result


def feeds_from_opml(read: OpmlRead, taken: list[str]) -> list[Feed]:
    """Subscriptions for the feeds of an OPML file, named after their titles."""
    names = list(taken)
    feeds = []
    for item in read.feeds:
        name = name_for(item.title or item.url, names)
        names.append(name)
        feeds.append(Feed(name, item.url, tuple(dict.fromkeys(t for t in item.tags if t))))
    return feeds


def write_opml(feeds: list[Feed], title: str = "Reader subscriptions", now: dt.datetime | None = None) -> str:
    """OPML 2.0 of ``feeds``; a feed with tags sits in an outline of its first tag."""
    now = now or dt.datetime.now(dt.UTC)
    groups: dict[str, list[Feed]] = {}
    for feed in feeds:
        groups.setdefault(feed.tags[0] if feed.tags else "", []).append(feed)

    def outline(feed: Feed, indent: str) -> str:
        kind = "rss"
        return (
            f"{indent}<outline type={quoteattr(kind)} text={quoteattr(feed.name)} title={quoteattr(feed.name)} "
            f"xmlUrl={quoteattr(feed.url)}/>\n"
        )

    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<opml version="2.0">\n',
        "  <head>\n",
        f"    <title>{_escape(title)}</title>\n",
        f"    <dateCreated>{email.utils.format_datetime(now)}</dateCreated>\n",
        "  </head>\n",
        "  <body>\n",
    ]
    for group, members in groups.items():
        if group:
            lines.append(f"    <outline text={quoteattr(group)} title={quoteattr(group)}>\n")
            lines.extend(outline(feed, "      ") for feed in members)
            lines.append("    </outline>\n")
        else:
            lines.extend(outline(feed, "    ") for feed in members)
    lines += ["  </body>\n", "</opml>\n"]
    return "".join(lines)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
