"""Fetching feeds from a local HTTP server: conditional requests, failures
of every kind reported per feed, entries stored once."""

from __future__ import annotations

import json

import pytest

from reader.feeds.fetch import MAX_BYTES, FeedState, fetch_feed
from reader.feeds.manager import Feeds
from reader.feeds.subscriptions import Feed
from reader.paths import get_paths
from tests.feed_server import Route, feed_server, rss

ITEMS = [
    ("a1", "Markets rally on rate hopes", "<p>Shares rose 3% on Monday.</p><p>Traders said rates would fall.</p>"),
    ("a2", "Storm closes ports", "<p>Ports shut as winds hit 90 mph.</p><script>alert(1)</script>"),
]


def _feeds(tmp_path):
    return Feeds(get_paths(tmp_path / "home"))


def test_an_unchanged_feed_costs_a_304_and_no_parsing(tmp_path):
    with feed_server() as server:
        server.routes["/news.rss"] = Route(rss("News", ITEMS), etag='"v1"', last_modified="Mon, 30 Nov 2026 10:00:00 GMT")
        feeds = _feeds(tmp_path)
        feeds.add(server.url("/news.rss"), name="news")
        first = feeds.fetch()
        second = feeds.fetch()
        seen = server.requests_to("/news.rss")
    assert [r.result for r in first] == ["new"] and first[0].new == 2
    assert [r.result for r in second] == ["unchanged"] and second[0].requests == 1
    assert seen[1].headers["if-none-match"] == '"v1"'
    assert seen[1].headers["if-modified-since"] == "Mon, 30 Nov 2026 10:00:00 GMT"
    assert seen[0].headers["user-agent"].startswith("Reader/")
    assert feeds.store.count("news") == 2


def test_entries_fetched_twice_are_stored_once_and_updated_ones_replaced(tmp_path):
    with feed_server() as server:
        server.routes["/f"] = Route(rss("F", ITEMS + [ITEMS[0]]))  # a duplicate entry in the feed itself
        feeds = _feeds(tmp_path)
        feeds.add(server.url("/f"), name="f")
        first = feeds.fetch()
        server.routes["/f"] = Route(rss("F", [ITEMS[0], ("a2", "Storm closes all ports", "<p>Every port shut.</p>")]))
        second = feeds.fetch()
    assert (first[0].new, first[0].entries) == (2, 2)
    assert (second[0].new, second[0].updated) == (0, 1)
    keys = feeds.store.keys("f")
    texts = sorted(json.loads(feeds.store.path("f", key).read_text())["title"] for key in keys)
    assert texts == ["Markets rally on rate hopes", "Storm closes all ports"]


def test_gzip_and_a_redirect_chain_within_the_limit_are_followed(tmp_path):
    with feed_server() as server:
        server.routes["/final"] = Route(rss("Final", ITEMS), gzip=True)
        server.routes["/r3"] = Route(redirect="/final")
        server.routes["/r2"] = Route(redirect="/r3")
        server.routes["/r1"] = Route(redirect="/r2")
        outcome = fetch_feed(Feed("x", server.url("/r1")), FeedState(), base=tmp_path)
    assert outcome.result == "new", outcome.error
    assert len(outcome.parsed.entries) == 2


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        (Route(b"oops", status=500, content_type="text/plain"), "HTTP 500 Internal Server Error"),
        (Route(b"gone", status=404, content_type="text/plain"), "HTTP 404 Not Found"),
        (Route(b"<!doctype html><html><body>Moved</body></html>", content_type="text/html"), "not a feed"),
        (Route(b"\x00\x01garbage\xff" * 10, content_type="application/octet-stream"), "not a feed"),
        (Route(b"x" * (MAX_BYTES + 1), content_type="application/rss+xml"), "larger than 10 MB"),
    ],
    ids=["500", "404", "html page", "garbage", "too large"],
)
def test_a_failing_feed_is_one_line_and_the_others_go_on(tmp_path, route, expected):
    with feed_server() as server:
        server.routes["/bad"] = route
        server.routes["/good"] = Route(rss("Good", ITEMS))
        feeds = _feeds(tmp_path)
        feeds.add(server.url("/bad"), name="bad")
        feeds.add(server.url("/good"), name="good")
        reports = feeds.fetch()
    bad, good = reports
    assert bad.result == "failed" and expected in bad.error, bad.error
    assert "\n" not in bad.line() and bad.line().startswith("bad: failed: ")
    assert good.result == "new" and good.new == 2
    assert feeds.summaries()[0].state.error == bad.error  # kept for 'reader feeds list'


def test_too_many_redirects_and_a_timeout_fail_cleanly(tmp_path):
    with feed_server() as server:
        for n in range(8):
            server.routes[f"/loop{n}"] = Route(redirect=f"/loop{n + 1}")
        server.routes["/slow"] = Route(rss("Slow", ITEMS), delay=1.5)
        redirects = fetch_feed(Feed("r", server.url("/loop0")), FeedState(), base=tmp_path)
        slow = fetch_feed(Feed("s", server.url("/slow")), FeedState(), base=tmp_path, timeout=0.3)
    assert redirects.result == "failed" and "more than 5 redirects" in redirects.error
    assert slow.result == "failed" and "timed out" in slow.error


def test_a_server_that_says_retry_after_is_not_asked_again_before_then(tmp_path):
    with feed_server() as server:
        server.routes["/busy"] = Route(b"busy", status=429, content_type="text/plain", headers={"Retry-After": "3600"})
        feeds = _feeds(tmp_path)
        feeds.add(server.url("/busy"), name="busy")
        first = feeds.fetch()
        second = feeds.fetch()
        asked = len(server.requests_to("/busy"))
        forced = feeds.fetch(force=True)
    assert first[0].result == "failed" and "HTTP 429" in first[0].error
    assert second[0].result == "waiting" and second[0].requests == 0
    assert asked == 1
    assert forced[0].requests == 1


def test_an_unreachable_server_is_reported(tmp_path):
    with feed_server() as server:
        url = server.url("/x")
    # The server is closed now: the port refuses connections.
    outcome = fetch_feed(Feed("x", url), FeedState(), base=tmp_path, timeout=2)
    assert outcome.result == "failed" and outcome.error.startswith(("cannot connect", "the connection failed")), outcome.error


def test_many_feeds_then_all_unchanged(tmp_path):
    with feed_server() as server:
        feeds = _feeds(tmp_path)
        for n in range(30):
            server.routes[f"/f{n}"] = Route(
                rss(f"Feed {n}", [(f"{n}-{i}", f"Story {n} {i}", "<p>Text.</p>") for i in range(3)]), etag=f'"{n}"'
            )
            feeds.add(server.url(f"/f{n}"), name=f"f{n}")
        first = feeds.fetch()
        before = len(server.requests)
        second = feeds.fetch()
        asked = len(server.requests) - before
    assert {r.result for r in first} == {"new"} and sum(r.new for r in first) == 90
    assert {r.result for r in second} == {"unchanged"} and asked == 30


def test_a_fetch_stopped_midway_keeps_every_entry_it_stored(tmp_path, monkeypatch):
    import reader.feeds.entries as entries_module

    writes = []
    real = entries_module.atomic_write_text

    def failing(path, text, **options):
        if len(writes) == 1:
            raise OSError(28, "No space left on device")
        writes.append(path)
        real(path, text, **options)

    monkeypatch.setattr(entries_module, "atomic_write_text", failing)
    with feed_server() as server:
        server.routes["/f"] = Route(rss("F", ITEMS), etag='"1"')
        feeds = _feeds(tmp_path)
        feeds.add(server.url("/f"), name="f")
        broken = feeds.fetch()
        assert broken[0].result == "failed" and "cannot store" in broken[0].error
        assert feeds.store.count("f") == 1
        stored = json.loads(writes[0].read_text())  # whole, not cut
        assert stored["title"] in {item[1] for item in ITEMS}
        monkeypatch.setattr(entries_module, "atomic_write_text", real)
        again = feeds.fetch()  # the validators of the failed fetch were not kept
    assert again[0].result == "new" and again[0].new == 1 and feeds.store.count("f") == 2
