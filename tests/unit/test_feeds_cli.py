"""The command line with feeds: import an OPML list, fetch, search the
entries by feed, author and read state, show one with its link, export
the list, unsubscribe."""

from __future__ import annotations

import json

from reader.cli import main
from tests.feed_server import Route, feed_server, rss


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_new_users_session_with_feeds(capsys, tmp_path):
    with feed_server() as server:
        server.routes["/world.rss"] = Route(
            rss("World", [("w1", "Ceasefire talks resume", "<p>Talks resumed in Geneva on Monday.</p>")]), etag='"w"'
        )
        server.routes["/money.rss"] = Route(
            rss(
                "Money",
                [("m1", "Rates held at 4.5%", "<p>The bank held rates.</p>"), ("m2", "Pound falls", "<p>Sterling fell 2%.</p>")],
            )
        )
        server.routes["/dead.rss"] = Route(b"", status=500, content_type="text/plain")
        opml = tmp_path / "mine.opml"
        opml.write_text(
            '<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>'
            f'<outline text="News"><outline text="World" xmlUrl="{server.url("/world.rss")}"/></outline>'
            f'<outline text="Business & Money"><outline text="Money" xmlUrl="{server.url("/money.rss")}"/>'
            f'<outline text="Dead" xmlUrl="{server.url("/dead.rss")}"/></outline>'
            "</body></opml>",
            encoding="utf-8",
        )
        code, out, err = run(capsys, "feeds", "import", str(opml))
        assert code == 0 and "subscribed to 3 feeds" in out and "not well-formed" in err  # the bare '&'
        code, out, err = run(capsys, "fetch")
        assert code == 0
        assert "world: 1 new" in out and "money: 2 new" in out and "dead: failed: HTTP 500" in out
        assert "fetched 3 feeds: 3 new, 0 updated, 1 failed" in err
        code, out, err = run(capsys, "fetch", "--json", "world")
        (report,) = json.loads(out)
        assert report["result"] == "unchanged" and report["requests"] == 1

    code, out, _ = run(capsys, "feeds", "list", "--json")
    listed = {feed["name"]: feed for feed in json.loads(out)}
    assert listed["money"]["entries"] == 2 and listed["money"]["unread"] == 2 and listed["money"]["tags"] == ["Business & Money"]
    assert listed["dead"]["last_error"].startswith("HTTP 500")

    code, out, _ = run(capsys, "search", "--json", "feed:money")
    found = json.loads(out)
    assert {r["title"] for r in found["results"]} == {"Rates held at 4.5%", "Pound falls"}
    code, out, _ = run(capsys, "search", "--json", "author:desk feed:world")
    (hit,) = json.loads(out)["results"]
    code, out, _ = run(capsys, "show", "--json", hit["id"])
    shown = json.loads(out)
    assert shown["url"] == "https://example.org/w1" and shown["author"] == "News Desk" and shown["feed"] == "world"

    code, out, _ = run(capsys, "feeds", "export")
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>') and 'xmlUrl="http://127.0.0.1:' in out
    assert 'text="Business &amp; Money"' in out

    # Bookmarks of entries export their links; a bookmarked entry outlives its feed.
    pound = next(r for r in found["results"] if r["title"] == "Pound falls")
    assert run(capsys, "bookmarks", "add", hit["id"])[0] == 0
    assert run(capsys, "bookmarks", "add", pound["id"])[0] == 0
    code, out, _ = run(capsys, "bookmarks", "export", "--format", "markdown")
    assert "(<https://example.org/w1>)" in out and "(<https://example.org/m2>)" in out
    code, out, _ = run(capsys, "bookmarks", "export", "--format", "netscape")
    assert 'HREF="https://example.org/w1"' in out

    code, out, _ = run(capsys, "feeds", "remove", "money")
    assert code == 0 and "1 entries removed" in out
    code, out, _ = run(capsys, "search", "--json", "feed:money")
    assert [r["title"] for r in json.loads(out)["results"]] == ["Pound falls"]


def test_a_folder_of_feed_files_and_web_pages_is_read_as_feeds_and_articles(capsys, tmp_path):
    from pathlib import Path

    page = (Path(__file__).resolve().parent.parent / "data" / "article_page.html").read_text(encoding="utf-8")
    folder = tmp_path / "inbox"
    (folder / "feeds").mkdir(parents=True)
    (folder / "feeds" / "harbour.xml").write_bytes(rss("Harbour", [("h1", "Dredging starts", "<p>Work began.</p>")]))
    (folder / "feeds" / "notes.xml").write_text("<config><not-a-feed/></config>")  # XML, not a feed: left alone
    (folder / "harbour-fees.html").write_text(page, encoding="utf-8")
    code, out, err = run(capsys, "index", str(folder))
    assert code == 0 and "subscribed to 1 feed file" in err and "harbour: 1 new" in err
    code, out, _ = run(capsys, "search", "--json", "breakwater OR dredging")
    found = {r["id"]: r for r in json.loads(out)["results"]}
    assert set(found) == {"inbox/harbour-fees", next(i for i in found if i.startswith("feeds/harbour/"))}
    assert found["inbox/harbour-fees"]["title"] == "Harbour fees rise again"
    code, out, _ = run(capsys, "show", "--json", "inbox/harbour-fees")
    shown = json.loads(out)
    assert "<" not in shown["body"] and "Subscribe" not in shown["body"] and shown["body"].startswith("The harbour authority")
    # The feed file is a subscription now: fetched again when it changes.
    (folder / "feeds" / "harbour.xml").write_bytes(
        rss("Harbour", [("h1", "Dredging starts", "<p>Work began.</p>"), ("h2", "Dredging ends", "<p>Done.</p>")])
    )
    code, out, _ = run(capsys, "fetch")
    assert "harbour: 1 new" in out
