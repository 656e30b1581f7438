"""Feeds and OPML files parsed: every format, broken files, untrusted text;
subscriptions validated like the other YAML files."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from reader.errors import ReaderError
from reader.feeds.opml import feeds_from_opml, read_opml, write_opml
from reader.feeds.parse import FeedParseError, html_to_text, parse_feed
from reader.feeds.subscriptions import Feed, FeedList, FeedsError, name_for, parse_subscriptions

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><link href="https://example.org/"/>
<entry><id>tag:example.org,2026:1</id><title>Rates held</title><link href="https://example.org/rates"/>
<author><name>Ann Writer</name></author><updated>2026-11-29T08:00:00Z</updated>
<content type="html">&lt;p&gt;The bank held rates at 4.5%.&lt;/p&gt;&lt;img src="https://t.example/pixel.gif"&gt;&lt;p&gt;"We wait," she said.&lt;/p&gt;</content></entry>
</feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://example.org/"><title>RDF News</title><link>https://example.org/</link><description>d</description></channel>
<item rdf:about="https://example.org/one"><title>One</title><link>https://example.org/one</link><description>First item.</description></item>
</rdf:RDF>"""

JSON_FEED = b"""{"version": "https://jsonfeed.org/version/1.1", "title": "JSON News",
"items": [{"id": "j1", "url": "https://example.org/j1", "title": "Json one", "content_html": "<p>Hello <b>world</b>.</p>",
"date_published": "2026-11-28T12:00:00+01:00", "authors": [{"name": "Jo"}]},
{"id": "j1", "url": "https://example.org/j1", "title": "Json one again", "content_text": "dup"}]}"""


def test_atom_entry_becomes_clean_text_with_paragraphs():
    feed = parse_feed(ATOM)
    (entry,) = feed.entries
    assert feed.title == "Atom News"
    assert entry.title == "Rates held" and entry.author == "Ann Writer" and entry.url == "https://example.org/rates"
    assert entry.published == dt.datetime(2026, 11, 29, 8, 0)
    assert entry.summary == 'The bank held rates at 4.5%.\n\n"We wait," she said.'


def test_rdf_and_json_feed_are_read_and_duplicates_kept_once():
    assert [e.title for e in parse_feed(RDF).entries] == ["One"]
    json_feed = parse_feed(JSON_FEED)
    assert [e.title for e in json_feed.entries] == ["Json one"]
    assert json_feed.entries[0].summary == "Hello world."
    assert json_feed.entries[0].published == dt.datetime(2026, 11, 28, 11, 0)
    assert json_feed.entries[0].author == "Jo"


def test_untrusted_markup_scripts_and_control_sequences_never_reach_the_text():
    html = (
        "<div><script>steal()</script><style>p{}</style><p>Safe \x1b[31mred\x1b[0m text"
        "\u202e reversed</p><iframe src=x></iframe><p>[bold]not markup[/bold]</p>"
        '<img src="https://tracker.example/p.gif" width="1" height="1"></div>'
    )
    text = html_to_text(html)
    assert "steal" not in text and "p{}" not in text and "tracker" not in text
    assert "\x1b" not in text and "\u202e" not in text
    assert text.split("\n\n") == ["Safe red text reversed", "[bold]not markup[/bold]"]


def test_bytes_that_are_not_a_feed_are_refused_with_a_reason():
    with pytest.raises(FeedParseError, match="not a feed .an HTML page"):
        parse_feed(b"<!DOCTYPE html><html><head><title>Moved</title></head><body>Document moved</body></html>")
    with pytest.raises(FeedParseError, match="not a feed"):
        parse_feed(b'{"not": "a feed"}')


def test_every_feed_of_the_shared_corpus_parses(shared):
    files = sorted((shared / "corpora" / "feeds").iterdir())
    refused = []
    entries = 0
    for path in files:
        try:
            feed = parse_feed(path.read_bytes())
        except FeedParseError:
            refused.append(path.name)
            continue
        entries += len(feed.entries)
        for entry in feed.entries:
            assert entry.title and not re.search(r"<(p|div|br|script|img|a)\b", entry.summary)
            assert "\x1b" not in entry.summary and "\u202e" not in entry.summary
    assert refused == ["rssparser-unrecognized.rss"]  # an HTML "Document Moved" page
    assert entries > 1500


# -- OPML ---------------------------------------------------------------------

BROKEN_OPML = b"""<?xml version="1.0"?>
<opml version="1.0"><head><title>Mine</title></head><body>
<outline text="Business & Economy">
  <outline text="Markets" xmlUrl="https://example.org/markets.rss?a=1&b=2"/>
  <outline text="Bad "quote"" xmlUrl="https://example.org/bad.rss"/>
</outline>
<outline text="Local file" xmlUrl="/etc/passwd"/>
<outline text="Tech"><outline text="Gadgets" xmlUrl="https://example.org/gadgets.rss"/></outline>
</body></opml>"""


def test_a_broken_opml_is_recovered_and_what_was_skipped_is_listed():
    read = read_opml(BROKEN_OPML)
    assert read.recovered
    urls = {feed.url: feed.tags for feed in read.feeds}
    assert urls["https://example.org/markets.rss?a=1&b=2"] == ("Business & Economy",)
    assert urls["https://example.org/gadgets.rss"] == ("Tech",)
    assert any("/etc/passwd" in line and "not a web address" in line for line in read.skipped)
    assert any("bad.rss" in line for line in read.skipped) or "https://example.org/bad.rss" in urls


def test_opml_written_is_read_back_with_the_same_feeds_and_tags():
    feeds = [Feed("a", "https://example.org/a.rss", ("news",)), Feed("b", "https://example.org/b?x=1&y=<2>")]
    text = write_opml(feeds)
    read = read_opml(text.encode("utf-8"))
    assert not read.recovered and not read.skipped
    assert [(f.url, f.tags) for f in read.feeds] == [
        ("https://example.org/a.rss", ("news",)),
        ("https://example.org/b?x=1&y=<2>", ()),
    ]
    assert [f.name for f in feeds_from_opml(read, ["a"])] == ["a-2", "b"]


def test_every_opml_of_the_shared_corpus_is_read(shared):
    total = 0
    for path in sorted((shared / "corpora" / "opml").iterdir()):
        read = read_opml(path.read_bytes())
        assert read.feeds, path.name
        total += len(read.feeds) + len(read.skipped)
    assert total >= 1040


# -- feeds.yaml ---------------------------------------------------------------


def test_a_broken_feeds_file_names_the_line_and_is_never_overwritten(tmp_path):
    path = tmp_path / "feeds.yaml"
    text = "feeds:\n  - name: good\n    url: https://example.org/a.rss\n  - name: bad name!\n    url: ftp://x\n"
    path.write_text(text)
    with pytest.raises(FeedsError) as caught:
        parse_subscriptions(path.read_bytes(), path)
    assert f"{path}:4:" in str(caught.value) and "not a feed name" in str(caught.value)
    store = FeedList(path)
    with pytest.raises(FeedsError):
        store.add([Feed("new", "https://example.org/new.rss")])
    assert path.read_text() == text


def test_unknown_keys_and_duplicate_names_are_reported():
    with pytest.raises(FeedsError, match="unknown key"):
        parse_subscriptions("feeds:\n  - name: a\n    url: https://e.org/\n    colour: red\n")
    with pytest.raises(FeedsError, match="given twice"):
        parse_subscriptions("feeds:\n  - name: a\n    url: https://e.org/1\n  - name: a\n    url: https://e.org/2\n")


def test_subscribing_twice_to_one_address_is_refused_and_names_are_unique(tmp_path):
    store = FeedList(tmp_path / "feeds.yaml")
    added, already = store.add([Feed("news", "https://example.org/a.rss"), Feed("news", "https://example.org/b.rss")])
    assert [f.name for f in added] == ["news", "news-2"] and not already
    added, already = store.add([Feed("other", "https://example.org/a.rss")])
    assert not added and already[0][1].name == "news"
    assert parse_subscriptions((tmp_path / "feeds.yaml").read_bytes()).names() == ["news", "news-2"]
    with pytest.raises(ReaderError, match="not a feed name"):
        store.add([Feed("../evil", "https://example.org/c.rss")])


def test_feed_names_are_made_from_titles_and_addresses():
    assert name_for("Le Monde.fr - Actualités et Infos en France et dans le monde") == "le-monde.fr-actualites-et-infos"
    assert name_for("https://feeds.bbci.co.uk/news/world/rss.xml") == "bbci-world"
    assert name_for("https://www.theguardian.com/world/rss") == "theguardian-world"
    assert name_for("https://example.org/feed/") == "example"
    assert name_for("http://127.0.0.1:8765/world-news.xml") == "world-news"
    assert name_for("日本") == "feed"
    assert name_for("news", ["news", "news-2"]) == "news-3"
