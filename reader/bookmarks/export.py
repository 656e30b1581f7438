"""Exporting bookmarks: one pure function per format, entries -> text.

Every function takes :class:`~reader.bookmarks.store.Bookmark` entries
(grouped by their ``list``, lists in order of first appearance) and returns
the whole file as a string:

* ``markdown``: a heading per list, one link per bookmark, notes quoted.
* ``json``: ``{"format": "reader-bookmarks", "version": 1, "lists":
  {name: [entry, ...]}}`` with the same entry fields as ``bookmarks.yaml``;
  ``reader bookmarks import`` reads it back losslessly.
* ``csv``: RFC 4180 (CRLF line ends, quoted where needed), a header row and
  the columns of :data:`CSV_COLUMNS`; ``tags`` are joined with ``;`` (tags
  cannot contain ``;`` or ``,``).
* ``html``: a standalone UTF-8 page, every value escaped.
* ``netscape``: the browser bookmark file (``<!DOCTYPE
  NETSCAPE-Bookmark-file-1>``) that Firefox and Chrome import: a folder per
  list, tags in ``TAGS``, notes as ``<DD>`` descriptions. Each link carries
  ``READER_ID`` so ``reader bookmarks import`` can read it back (dates and
  sources are not kept in this format; use JSON for a full copy).

Links point at the article's web page when it has one (a feed entry), else
at the article file (``file://`` URI) when its absolute path is known, else
at ``reader:ID``. Titles, notes and tags are untrusted text:
terminal control characters are removed and HTML is escaped.
"""

from __future__ import annotations

import csv as _csv
import datetime as dt
import html as _html
import io
import json as _json
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from reader.bookmarks.store import FORMAT_VERSION, Bookmark
from reader.choices import EXPORT_FORMATS
from reader.files.text import strip_control

JSON_FORMAT = "reader-bookmarks"
CSV_COLUMNS = ("list", "id", "title", "date", "source", "path", "url", "tags", "note", "added")
TAG_SEPARATOR = ";"


def article_url(entry: Bookmark) -> str:
    """The article's web page when it has one (feed entries), else the
    ``file://`` URI of its absolute path, else ``reader:ID``."""
    if entry.url:
        return entry.url
    path = entry.path
    if path:
        for flavour in (PurePosixPath, PureWindowsPath):
            candidate = flavour(path)
            if candidate.is_absolute():
                try:
                    return candidate.as_uri()
                except ValueError:
                    break
    return "reader:" + quote(entry.id, safe="/")


def grouped(entries: Iterable[Bookmark]) -> dict[str, list[Bookmark]]:
    """Entries by list name, lists in order of first appearance."""
    groups: dict[str, list[Bookmark]] = {}
    for entry in entries:
        groups.setdefault(entry.list, []).append(entry)
    return groups


def _clean(text: str | None) -> str:
    return strip_control(text or "")


def _note(text: str | None) -> str:
    return _clean(text).strip()


def _one_line(text: str | None) -> str:
    return " ".join(_clean(text).split())


def _unix_time(added: str) -> int | None:
    if not added:
        return None
    try:
        moment = dt.datetime.fromisoformat(added.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return int(moment.timestamp())


# --------------------------------------------------------------------------
# Markdown

_MD_SPECIAL = set("\\`*_{}[]<>()#+!|~")


def _md(text: str) -> str:
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in _one_line(text))


def markdown(entries: Iterable[Bookmark]) -> str:
    """A Markdown document: ``## list`` then ``- [title](url) — date · source · tags``."""
    out = ["# Bookmarks", ""]
    for name, items in grouped(entries).items():
        out += [f"## {_md(name) or 'bookmarks'}", ""]
        for entry in items:
            title = _md(entry.title) or _md(entry.id)
            details = [part for part in (_md(entry.date or ""), _md(entry.source)) if part]
            if entry.tags:
                details.append("tags: " + ", ".join(_md(tag) for tag in entry.tags))
            line = f"- [{title}](<{article_url(entry)}>)"
            if details:
                line += " — " + " · ".join(details)
            out.append(line)
            note = _note(entry.note)
            for note_line in note.splitlines() if note else ():
                out.append(f"  > {_md(note_line)}".rstrip())
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


# --------------------------------------------------------------------------
# JSON


def entry_dict(entry: Bookmark) -> dict[str, Any]:
    """An entry as exported: the bookmarks.yaml fields, control characters removed."""
    data = entry.to_dict()
    for key in ("id", "title", "source", "path", "added"):
        data[key] = _clean(data[key])
    data["note"] = _note(entry.note)
    data["tags"] = [_clean(tag) for tag in entry.tags]
    return data


def json(entries: Iterable[Bookmark]) -> str:
    """``{"format": "reader-bookmarks", "version": 1, "lists": {name: [entry, ...]}}``."""
    document = {
        "format": JSON_FORMAT,
        "version": FORMAT_VERSION,
        "lists": {_clean(name): [entry_dict(e) for e in items] for name, items in grouped(entries).items()},
    }
    return _json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------
# CSV


def csv(entries: Iterable[Bookmark]) -> str:
    """RFC 4180 CSV with a header row of :data:`CSV_COLUMNS`; tags joined with ``;``."""
    buffer = io.StringIO(newline="")
    writer = _csv.writer(buffer, lineterminator="\r\n", quoting=_csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        writer.writerow(
            [
                _clean(entry.list),
                _clean(entry.id),
                _one_line(entry.title),
                entry.date or "",
                _one_line(entry.source),
                _clean(entry.path),
                article_url(entry),
                TAG_SEPARATOR.join(_clean(tag) for tag in entry.tags),
                _note(entry.note),
                _clean(entry.added),
            ]
        )
    return buffer.getvalue()


# --------------------------------------------------------------------------
# HTML


def _h(text: str | None) -> str:
    return _html.escape(_clean(text), quote=True)


_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
    "li{margin:.6rem 0}.meta{color:#666;font-size:.9em}.tag{background:#eee;border-radius:3px;padding:0 .3em;"
    "margin-right:.3em}blockquote{margin:.3rem 0 .3rem 1rem;color:#333;white-space:pre-wrap}"
)


def html(entries: Iterable[Bookmark]) -> str:
    """A standalone HTML page (UTF-8), a section per list; every value escaped."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Bookmarks</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<h1>Bookmarks</h1>",
    ]
    for name, items in grouped(entries).items():
        out += ["<section>", f"<h2>{_h(name)}</h2>", "<ul>"]
        for entry in items:
            title = _h(_one_line(entry.title) or entry.id)
            parts = [f'<li><a href="{_h(article_url(entry))}">{title}</a>']
            meta = " · ".join(_h(part) for part in (entry.date or "", _one_line(entry.source)) if part)
            if meta:
                parts.append(f' <span class="meta">{meta}</span>')
            if entry.tags:
                parts.append(" " + "".join(f'<span class="tag">{_h(tag)}</span>' for tag in entry.tags))
            if _note(entry.note):
                parts.append(f"<blockquote>{_h(_note(entry.note))}</blockquote>")
            parts.append("</li>")
            out.append("".join(parts))
        out += ["</ul>", "</section>"]
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Netscape bookmark file

NETSCAPE_DOCTYPE = "<!DOCTYPE NETSCAPE-Bookmark-file-1>"


def netscape(entries: Iterable[Bookmark]) -> str:
    """The Netscape bookmark file format, importable by Firefox and Chrome."""
    out = [
        NETSCAPE_DOCTYPE,
        "<!-- This is an automatically generated file.",
        "     It will be read and overwritten.",
        "     DO NOT EDIT! -->",
        '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
        "<TITLE>Bookmarks</TITLE>",
        "<H1>Bookmarks</H1>",
        "<DL><p>",
    ]
    for name, items in grouped(entries).items():
        out.append(f"    <DT><H3>{_h(_one_line(name))}</H3>")
        out.append("    <DL><p>")
        for entry in items:
            attrs = [f'HREF="{_h(article_url(entry))}"']
            stamp = _unix_time(entry.added)
            if stamp is not None:
                attrs.append(f'ADD_DATE="{stamp}"')
            if entry.tags:
                attrs.append(f'TAGS="{_h(",".join(_one_line(tag) for tag in entry.tags))}"')
            attrs.append(f'READER_ID="{_h(entry.id)}"')
            title = _h(_one_line(entry.title) or entry.id)
            out.append(f"        <DT><A {' '.join(attrs)}>{title}</A>")
            if _note(entry.note):
                # One line per description: newlines as character references.
                out.append("        <DD>" + _h(_note(entry.note)).replace("\n", "&#10;"))
        out.append("    </DL><p>")
    out.append("</DL><p>")
    return "\n".join(out) + "\n"


FORMATS: dict[str, Callable[[Iterable[Bookmark]], str]] = {name: globals()[name] for name in EXPORT_FORMATS}
"""Format name (:data:`reader.choices.EXPORT_FORMATS`) -> exporter: the function of that name above."""


def export(entries: Iterable[Bookmark], format: str) -> str:
    """The entries in ``format`` (a key of :data:`FORMATS`)."""
    try:
        exporter = FORMATS[format]
    except KeyError:
        raise ValueError(f"unknown export format {format!r}") from None
    return exporter(entries)
