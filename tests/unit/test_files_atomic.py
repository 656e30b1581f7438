"""Atomic writes with a backup (reader.files.atomic)."""

from __future__ import annotations

import os

import pytest

from reader.files.atomic import atomic_write_text


def test_backup_already_linked_to_the_file_leaves_no_temporary_file(tmp_path):
    # A save killed after making its backup (a hard link) but before its
    # rename leaves the file and its backup as one inode. Renaming a link
    # over another link of the same inode does nothing, so the next save's
    # backup temporary file stayed behind, named with a live pid that
    # remove_stale_temp_files then spares.
    path = tmp_path / "bookmarks.yaml"
    path.write_text("old\n", encoding="utf-8")
    backup = tmp_path / "bookmarks.yaml.bak"
    try:
        os.link(path, backup)
    except OSError:
        pytest.skip("no hard links here")
    atomic_write_text(path, "new\n", backup=True)
    assert path.read_text(encoding="utf-8") == "new\n"
    assert backup.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bookmarks.yaml", "bookmarks.yaml.bak"]
