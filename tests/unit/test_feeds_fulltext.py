"""Full text: an entry's web page fetched and its article kept beside the
feed's teaser, per feed (full_text: true) or per article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.corpus.html import extract_page
from reader.errors import ReaderError
from reader.feeds.manager import Feeds
from reader.library import Library
from reader.paths import get_paths
from tests.feed_server import Route, feed_server

PAGE = (Path(__file__).resolve().parent.parent / "data" / "article_page.html").read_bytes()


def _feed(server, items):
    parts = [
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title><link>https://e.org/</link><description>d</description>'
    ]
    for guid, path in items:
        parts.append(
            f"<item><guid>{guid}</guid><title>Fees {guid}</title><link>{server.url(path)}</link><description>Teaser.</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def test_the_article_of_a_page_without_menus_scripts_or_asides():
    page = extract_page(PAGE, "https://example.org/harbour")
    assert page is not None
    assert page.text.startswith("The harbour authority raised its fees by 12%")
    assert len(page.text.split("\n\n")) == 4
    for boilerplate in ("Subscribe", "Most read", "Celebrity", "Copyright", "tracking", "Home"):
        assert boilerplate not in page.text


def test_a_full_text_feed_keeps_each_new_entrys_page_text(tmp_path):
    paths = get_paths(tmp_path / "home")
    with feed_server() as server:
        server.routes["/page1"] = Route(PAGE, content_type="text/html; charset=utf-8")
        server.routes["/page2"] = Route(b"gone", status=404, content_type="text/plain")
        server.routes["/feed"] = Route(_feed(server, [("e1", "/page1"), ("e2", "/page2")]))
        feeds = Feeds(paths)
        feeds.add(server.url("/feed"), name="harbour", full_text=True)
        (report,) = feeds.fetch()
        again = feeds.fetch()
    assert (report.new, report.pages, report.page_errors) == (2, 1, 1)
    assert "1 full text (1 page failed)" in report.line()
    records = [json.loads(feeds.store.path("harbour", key).read_text()) for key in feeds.store.keys("harbour")]
    full = [r for r in records if r.get("full_text")]
    assert len(full) == 1 and full[0]["text"] == "Teaser." and full[0]["full_text"].startswith("The harbour authority")
    assert again[0].pages == 0  # only new entries are fetched
    library = Library(paths, extra_sources=[])
    library.update()
    with library.open() as index:
        (hit,) = index.search("breakwater").results
        assert hit.id.startswith("feeds/harbour/")
        assert index.get(hit.id).body.startswith("The harbour authority")


def test_one_articles_full_text_on_demand(tmp_path):
    paths = get_paths(tmp_path / "home")
    with feed_server() as server:
        server.routes["/page"] = Route(PAGE, content_type="text/html")
        server.routes["/feed"] = Route(_feed(server, [("e1", "/page")]))
        feeds = Feeds(paths)
        feeds.add(server.url("/feed"), name="harbour")
        feeds.fetch()
        (key,) = feeds.store.keys("harbour")
        text = feeds.full_text_of(f"feeds/harbour/{key}")
    assert "new breakwater worth £40 million" in text
    with pytest.raises(ReaderError, match="not a feed entry"):
        feeds.full_text_of("seeds/000_51a9c244470b2f12")
