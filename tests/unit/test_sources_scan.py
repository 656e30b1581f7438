"""Source.entries(), the scan an index update runs (os.scandir, no path
objects), finds exactly the files of Source.files(), in its order, with
each file's mtime and size."""

from __future__ import annotations

import os

import pytest

from reader.corpus.sources import Source


def _expected(source):
    rows = []
    for article_id, path in source.files():
        try:
            st = path.stat()
        except OSError:
            continue
        rows.append((article_id, str(path), st.st_mtime_ns, st.st_size))
    return rows


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "news"
    for rel in [
        "b.md",
        "a.txt",
        "A.TXT",
        "notes.text",
        "plain",
        "a.b.txt",
        "a..txt",
        "file.",
        "1.5 million",
        "image.png",
        "README.txt",
        "license",
        ".hidden.txt",
        "draft.txt~",
        "world/europe/z.txt",
        "world/a.md",
        "world/a.txt",
        ".git/config.txt",
        "z.txt/inside.txt",
        "É/ünïcode.txt",
    ]:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Headline {rel}\n\nBody of {rel}.\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "far.txt").write_text("Far\n\naway\n")
    os.symlink(tmp_path / "elsewhere", root / "linked-folder")
    os.symlink(root / "a.txt", root / "linked-file.txt")
    os.symlink(root / "missing.txt", root / "broken.txt")
    return root


def test_entries_equal_files_with_their_stat(tree):
    source = Source("news", tree)
    rows = list(source.entries())
    assert rows == _expected(source)
    ids = [row[0] for row in rows]
    assert "news/world/europe/z" in ids and "news/z.txt/inside" in ids and "news/linked-file" in ids
    assert not any("far" in i or "hidden" in i or "config" in i or "broken" in i for i in ids)


def test_entries_of_a_single_file_and_of_a_missing_folder(tree, tmp_path):
    single = Source("one", tree / "a.b.txt")
    assert list(single.entries()) == _expected(single) and len(_expected(single)) == 1
    assert list(Source("gone", tmp_path / "gone").entries()) == []
