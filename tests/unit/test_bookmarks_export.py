"""Exporters, import, and the `reader bookmarks` command line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from reader.bookmarks import export
from reader.bookmarks.importer import import_file, parse_import
from reader.bookmarks.store import Bookmark, BookmarkStore
from reader.cli import main
from reader.corpus import Article
from reader.errors import ReaderError

AWKWARD = Bookmark(
    id="news/awkward one",
    title='Commas, "quotes" & <script>alert(1)</script> [link](x)',
    date="2023-09-20",
    source="news, wire",
    path="/data/news/awkward one.txt",
    tags=("tag with space", "é"),
    note='Line one, with "quotes"\nLine two & <b>bold</b>\r\n',
    added="2024-05-01T12:00:00Z",
    list="reading",
)
PLAIN = Bookmark(
    id="seeds/plain",
    title="Plain title",
    date=None,
    source="seeds",
    path="",
    tags=(),
    note="",
    added="2024-05-02T08:30:00Z",
    list="later",
)
CONTROL = Bookmark(
    id="news/ctl",
    title="Evil \x1b[2J\x1b]0;pwned\x07title\x9b31m",
    note="bell\x07 and \x1b[31mred\x1b[0m",
    tags=("t\x1b[1m",),
    added="2024-05-03T00:00:00Z",
    list="reading",
)
ENTRIES = [AWKWARD, PLAIN]


def test_article_url():
    assert export.article_url(AWKWARD) == "file:///data/news/awkward%20one.txt"
    assert export.article_url(PLAIN) == "reader:seeds/plain"
    assert export.article_url(Bookmark("a b/c#d", path="relative/x.txt")) == "reader:a%20b/c%23d"


def test_grouped_keeps_first_appearance_order():
    groups = export.grouped([PLAIN, AWKWARD, Bookmark("x", list="later")])
    assert list(groups) == ["later", "reading"]
    assert [e.id for e in groups["later"]] == ["seeds/plain", "x"]


# ---------------------------------------------------------------------------
# Markdown


def test_markdown():
    text = export.markdown(ENTRIES)
    lines = text.splitlines()
    assert lines[0] == "# Bookmarks"
    assert "## reading" in lines and "## later" in lines
    assert lines.index("## reading") < lines.index("## later")
    link = next(line for line in lines if line.startswith("- [Commas"))
    assert "(<file:///data/news/awkward%20one.txt>)" in link
    assert "\\<script\\>" in link and "\\[link\\]" in link
    assert "2023-09-20" in link and "tags: tag with space, é" in link
    assert '  > Line one, with "quotes"' in lines
    assert "  > Line two & \\<b\\>bold\\</b\\>" in lines
    assert "- [Plain title](<reader:seeds/plain>) — seeds" in lines
    assert text.endswith("\n") and not text.endswith("\n\n")


# ---------------------------------------------------------------------------
# JSON


def test_json_shape_and_round_trip():
    text = export.json(ENTRIES)
    data = json.loads(text)
    assert data["format"] == "reader-bookmarks" and data["version"] == 1
    assert list(data["lists"]) == ["reading", "later"]
    assert data["lists"]["reading"][0]["title"] == AWKWARD.title
    kind, bookmarks, skipped = parse_import(text, "x.json")
    assert kind == "json" and skipped == 0
    # notes are stored stripped; everything else comes back as it was
    assert bookmarks == [Bookmark(**{**AWKWARD.__dict__, "note": AWKWARD.note.strip()}), PLAIN]


def test_json_round_trip_through_a_store(tmp_path):
    store = BookmarkStore(tmp_path / "a.yaml")
    store.add(AWKWARD, "reading")
    store.add(PLAIN, "later")
    (tmp_path / "out.json").write_text(export.json(store.entries()), encoding="utf-8")
    other = BookmarkStore(tmp_path / "b.yaml")
    report = import_file(tmp_path / "out.json", other)
    assert (report.added, report.merged, report.unchanged) == (2, 0, 0)
    assert other.entries() == store.entries()


# ---------------------------------------------------------------------------
# CSV


def test_csv_rfc4180_with_awkward_values():
    text = export.csv(ENTRIES)
    assert text.endswith("\r\n")
    assert text.split("\r\n")[0] == "list,id,title,date,source,path,url,tags,note,added"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(export.CSV_COLUMNS)
    row = dict(zip(rows[0], rows[1]))
    assert row["title"] == AWKWARD.title
    assert row["source"] == "news, wire"
    assert row["note"] == 'Line one, with "quotes"\nLine two & <b>bold</b>'
    assert row["tags"] == "tag with space;é"
    assert row["url"] == "file:///data/news/awkward%20one.txt"
    assert row["date"] == "2023-09-20" and row["added"] == "2024-05-01T12:00:00Z"
    plain = dict(zip(rows[0], rows[2]))
    assert plain["date"] == "" and plain["tags"] == "" and plain["list"] == "later"
    assert len(rows) == 3
    # quoted only where needed
    assert "\r\nlater,seeds/plain,Plain title," in text


# ---------------------------------------------------------------------------
# HTML


def test_html_escapes_everything():
    text = export.html(ENTRIES + [CONTROL])
    assert text.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in text
    assert "<script>" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "Commas, &quot;quotes&quot; &amp; " in text
    assert "Line two &amp; &lt;b&gt;bold&lt;/b&gt;" in text
    assert 'href="file:///data/news/awkward%20one.txt"' in text
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "Evil title" in text
    # well formed enough for a parser: every tag it opens is closed
    _check_balanced(text)


class _Balance(HTMLParser):
    VOID = {"meta", "br", "p", "dt", "dd"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag not in self.VOID:
            assert self.stack and self.stack.pop() == tag, tag


def _check_balanced(text: str) -> None:
    parser = _Balance()
    parser.feed(text)
    parser.close()
    assert parser.stack == []


# ---------------------------------------------------------------------------
# Netscape bookmark file


def test_netscape_structure():
    text = export.netscape(ENTRIES + [CONTROL])
    lines = text.splitlines()
    assert lines[0] == "<!DOCTYPE NETSCAPE-Bookmark-file-1>"
    assert '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">' in lines
    assert "    <DT><H3>reading</H3>" in lines and "    <DT><H3>later</H3>" in lines
    added = int(dt.datetime(2024, 5, 1, 12, tzinfo=dt.UTC).timestamp())
    link = next(line.strip() for line in lines if "awkward" in line and "<A " in line)
    assert link.startswith(f'<DT><A HREF="file:///data/news/awkward%20one.txt" ADD_DATE="{added}" ')
    assert 'TAGS="tag with space,é"' in link
    assert link.endswith(">Commas, &quot;quotes&quot; &amp; &lt;script&gt;alert(1)&lt;/script&gt; [link](x)</A>")
    note = lines[lines.index(next(line for line in lines if "awkward" in line and "<A " in line)) + 1]
    assert note == "        <DD>Line one, with &quot;quotes&quot;&#10;Line two &amp; &lt;b&gt;bold&lt;/b&gt;"
    assert '<A HREF="reader:seeds/plain"' in text
    assert "<script>" not in text and "\x1b" not in text and "\x07" not in text
    assert text.count("<DL><p>") == text.count("</DL><p>") == 3


def test_netscape_round_trip():
    kind, bookmarks, skipped = parse_import(export.netscape(ENTRIES), "x.html")
    assert kind == "netscape" and skipped == 0
    awkward, plain = bookmarks
    assert awkward.id == AWKWARD.id and awkward.title == AWKWARD.title
    assert awkward.tags == AWKWARD.tags and awkward.note == AWKWARD.note.strip()
    assert awkward.path == AWKWARD.path and awkward.added == AWKWARD.added and awkward.list == "reading"
    assert plain.id == "seeds/plain" and plain.list == "later" and plain.path == ""


def test_netscape_browser_file_skips_other_links():
    text = """<!DOCTYPE NETSCAPE-Bookmark-file-1>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks Menu</H1>
<DL><p>
    <DT><H3 ADD_DATE="1">Toolbar</H3>
    <DL><p>
        <DT><A HREF="https://example.com/" ADD_DATE="1700000000">Example</A>
        <DT><H3>News &amp; views</H3>
        <DL><p>
            <DT><A HREF="reader:seeds/x%20y" TAGS="a,b;c">Saved</A>
            <DD>my note
        </DL><p>
        <DT><A href="reader:seeds/z">Z</a>
    </DL><p>
</DL><p>
"""
    kind, bookmarks, skipped = parse_import(text, "browser.html")
    assert kind == "netscape" and skipped == 1
    assert [(b.id, b.list, b.title) for b in bookmarks] == [
        ("seeds/x y", "News & views", "Saved"),
        ("seeds/z", "Toolbar", "Z"),
    ]
    assert bookmarks[0].tags == ("a", "b c") and bookmarks[0].note == "my note"


# ---------------------------------------------------------------------------
# Import merging


def test_import_merges_without_duplicates(tmp_path):
    store = BookmarkStore(tmp_path / "bookmarks.yaml")
    store.add(Bookmark("a", title="A", tags=("x",), note="keep me"), "reading")
    store.add(Bookmark("b", title="B", tags=(), note=""), "reading")
    incoming = [
        Bookmark("a", title="A2", tags=("y", "x"), note="other", list="reading"),
        Bookmark("b", title="B2", tags=("z",), note="filled", list="reading"),
        Bookmark("c", title="C", list="reading"),
        Bookmark("a", title="A", list="later"),
    ]
    (tmp_path / "in.json").write_text(export.json(incoming), encoding="utf-8")
    report = import_file(tmp_path / "in.json", store)
    assert (report.added, report.merged, report.unchanged) == (2, 2, 0)
    assert "2 added, 2 merged" in report.summary()
    a = store.get("a", "reading")
    assert a.tags == ("x", "y") and a.note == "keep me" and a.title == "A"
    b = store.get("b", "reading")
    assert b.tags == ("z",) and b.note == "filled"
    assert [e.id for e in store.entries("reading")] == ["a", "b", "c"]
    assert [e.id for e in store.entries("later")] == ["a"]
    # importing again changes nothing and duplicates nothing
    before = (tmp_path / "bookmarks.yaml").read_bytes()
    again = import_file(tmp_path / "in.json", store)
    assert (again.added, again.merged, again.unchanged) == (0, 0, 4)
    assert (tmp_path / "bookmarks.yaml").read_bytes() == before


def test_import_into_one_list(tmp_path):
    store = BookmarkStore(tmp_path / "bookmarks.yaml")
    (tmp_path / "in.html").write_text(export.netscape(ENTRIES), encoding="utf-8")
    import_file(tmp_path / "in.html", store, list="inbox")
    assert store.lists() == ["inbox"]
    assert [e.id for e in store.entries("inbox")] == [AWKWARD.id, PLAIN.id]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("just some text\n", "not a Reader JSON export or a Netscape bookmark file"),
        ('{"lists": {}}', "not a Reader bookmarks export"),
        ('{"format": "reader-bookmarks", "version": 1,\n "lists": {"r": [{"id": 5}]}}', "entry 1: id: expected text"),
        ('{"format": "reader-bookmarks",\n "version": 1,\n', ":3: not valid JSON"),
        ('[{"id": "a", "colour": "red"}]', "entry 1: colour: unknown key; remove it (known keys: id, title,"),
    ],
)
def test_import_errors_name_the_file(tmp_path, content, words):
    source = tmp_path / "bad.json"
    source.write_text(content, encoding="utf-8")
    store = BookmarkStore(tmp_path / "bookmarks.yaml")
    with pytest.raises(ReaderError) as info:
        import_file(source, store)
    assert str(info.value).startswith(str(source))
    assert words in str(info.value)
    assert not (tmp_path / "bookmarks.yaml").exists()


# ---------------------------------------------------------------------------
# Command line


@pytest.fixture
def fake_library(monkeypatch):
    articles = {
        f"news/{n}": Article(
            id=f"news/{n}",
            title=f"Article {n} <&>",
            body="Body.",
            date=dt.date(2023, 9, n),
            source="news",
            path=f"/data/news/{n}.txt",
        )
        for n in range(1, 6)
    }

    def find(paths, article_id):
        try:
            return articles[article_id]
        except KeyError:
            raise ReaderError(f"no article with id {article_id!r}") from None

    monkeypatch.setattr("reader.cli.bookmarks._find_article", find)
    return articles


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_add_list_remove(capsys, fake_library, reader_home):
    (reader_home / "config.yaml").write_text("bookmarks:\n  lists: [reading, later]\n", encoding="utf-8")
    assert run(capsys, "bookmarks", "add", "news/1", "--tag", "a,b", "--tag", "c", "--note", "hi")[2] == (
        "bookmarked news/1 in reading\n"
    )
    assert run(capsys, "bookmarks", "add", "news/2", "--list", "later")[0] == 0
    assert run(capsys, "bookmarks", "add", "news/1", "--tag", "d")[2] == "updated news/1 in reading\n"
    code, out, err = run(capsys, "bookmarks", "list")
    assert code == 0
    assert out.splitlines() == [
        "reading (1)",
        "  news/1  2023-09-01  Article 1 <&>  #a #b #c #d",
        "later (1)",
        "  news/2  2023-09-02  Article 2 <&>",
    ]
    code, out, _ = run(capsys, "bookmarks", "list", "--tag", "d", "--json")
    items = json.loads(out)
    assert [(i["list"], i["id"], i["tags"], i["note"]) for i in items] == [("reading", "news/1", ["a", "b", "c", "d"], "hi")]
    assert run(capsys, "bookmarks", "remove", "news/2", "--list", "reading")[2].startswith(
        "reader: 'news/2' is not in the bookmark list 'reading' (it is in: later)"
    )
    assert run(capsys, "bookmarks", "remove", "news/2") == (0, "", "removed news/2 from later\n")
    code, _, err = run(capsys, "bookmarks", "remove", "news/2")
    assert code == 1 and "not bookmarked" in err


def test_cli_errors(capsys, fake_library, reader_home):
    code, _, err = run(capsys, "bookmarks", "add", "news/99")
    assert code == 1 and err == "reader: no article with id 'news/99'\n"
    code, _, err = run(capsys, "bookmarks", "add", "news/1", "--list", "nope")
    assert code == 1 and "no bookmark list 'nope' (lists: reading)" in err
    code, _, err = run(capsys, "bookmarks", "add", "news/1", "--tag", "a;b")
    assert code == 1 and "contains ',' or ';'" in err
    assert not (reader_home / "bookmarks.yaml").exists()
    with pytest.raises(SystemExit) as info:
        main(["bookmarks", "export", "--format", "pdf"])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main(["bookmarks"])
    assert info.value.code == 2
    capsys.readouterr()
    # a broken bookmarks file: one line naming file and line, exit 1, file kept
    broken = "lists:\n  reading: [\n"
    (reader_home / "bookmarks.yaml").write_text(broken, encoding="utf-8")
    for argv in (["list"], ["add", "news/1"], ["remove", "news/1"], ["export"]):
        code, out, err = run(capsys, "bookmarks", *argv)
        assert code == 1 and out == ""
        assert err.startswith(f"reader: {reader_home / 'bookmarks.yaml'}:") and err.count("\n") == 1
    assert (reader_home / "bookmarks.yaml").read_text(encoding="utf-8") == broken
    # a broken config is reported the same way
    (reader_home / "bookmarks.yaml").unlink()
    (reader_home / "config.yaml").write_text("bookmarks:\n  default_list: x\n", encoding="utf-8")
    code, _, err = run(capsys, "bookmarks", "list")
    assert code == 1 and err.startswith(f"reader: {reader_home / 'config.yaml'}:2: bookmarks.default_list:")


def test_cli_export_stdout_and_file(capsys, fake_library, reader_home, tmp_path):
    (reader_home / "config.yaml").write_text("bookmarks:\n  lists: [reading, later]\n  export_format: csv\n", encoding="utf-8")
    run(capsys, "bookmarks", "add", "news/1", "--tag", "x")
    run(capsys, "bookmarks", "add", "news/2", "--list", "later")
    # default format from config
    code, out, err = run(capsys, "bookmarks", "export")
    assert code == 0 and err == ""
    assert out.startswith("list,id,title,") and len(list(csv.reader(io.StringIO(out, newline="")))) == 3
    code, out, _ = run(capsys, "bookmarks", "export", "--format", "json", "--list", "later")
    assert [e["id"] for e in json.loads(out)["lists"]["later"]] == ["news/2"]
    code, out, _ = run(capsys, "bookmarks", "export", "--format", "html", "--tag", "x")
    assert "Article 1 &lt;&amp;&gt;" in out and "news/2" not in out
    # -o writes the file and says where on stderr
    target = tmp_path / "out" / "bookmarks.html"
    code, out, err = run(capsys, "bookmarks", "export", "--format", "netscape", "-o", str(target))
    assert code == 0 and out == ""
    assert err == f"wrote 2 bookmarks (netscape) to {target}\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE NETSCAPE-Bookmark-file-1>")
    # the format follows the file ending when --format is not given
    code, _, err = run(capsys, "bookmarks", "export", "-o", str(tmp_path / "b.md"))
    assert (tmp_path / "b.md").read_text(encoding="utf-8").startswith("# Bookmarks")
    # and import reads a json export back, merging
    run(capsys, "bookmarks", "export", "--format", "json", "-o", str(tmp_path / "all.json"))
    code, _, err = run(capsys, "bookmarks", "import", str(tmp_path / "all.json"))
    assert code == 0 and err == "imported json: 0 added, 0 merged, 2 already there\n"
    code, _, err = run(capsys, "bookmarks", "import", str(tmp_path / "all.json"), "--list", "later")
    assert err == "imported json: 1 added, 0 merged, 1 already there\n"
    code, _, err = run(capsys, "bookmarks", "import", str(tmp_path / "missing.json"))
    assert code == 1 and "cannot read" in err


def test_command_module_imports_nothing_heavy():
    code = (
        "import argparse, sys\n"
        "import reader.cli.bookmarks as b, reader.cli.config as c\n"
        "sub = argparse.ArgumentParser().add_subparsers()\n"
        "b.register(sub); c.register(sub)\n"
        "print(sorted(m for m in ('whoosh', 'textual', 'yaml') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == "[]\n"


def test_list_json_output_imports_back(capsys, fake_library, reader_home, tmp_path):
    run(capsys, "bookmarks", "add", "news/3", "--tag", "x", "--note", "n")
    _, out, _ = run(capsys, "bookmarks", "list", "--json")
    kind, bookmarks, skipped = parse_import(out, "list.json")
    assert kind == "json" and skipped == 0
    assert bookmarks == BookmarkStore(reader_home / "bookmarks.yaml").entries()
