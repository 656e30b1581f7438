"""Entries kept in the home: one file each, the old ones dropped by age and
count, the bookmarked ones never."""

from __future__ import annotations

import datetime as dt
import json

from reader.feeds.entries import EntryStore, entry_id
from reader.feeds.parse import Entry

NOW = dt.datetime(2026, 11, 30, 12, 0)


def _entry(n: int, days_old: int) -> Entry:
    return Entry(
        key=f"k{n:03d}",
        title=f"Story {n}",
        url=f"https://e.org/{n}",
        published=NOW - dt.timedelta(days=days_old),
        summary="Text.",
    )


def test_old_and_surplus_entries_go_and_bookmarked_ones_stay(tmp_path):
    store = EntryStore(tmp_path)
    store.save("news", [_entry(n, days_old=n * 10) for n in range(12)], NOW)  # 0 to 110 days old
    protected = {entry_id("news", "k011")}  # the oldest, bookmarked
    removed = store.prune("news", keep_days=90, keep_per_feed=5, protected=protected, now=NOW)
    assert store.keys("news") == ["k000", "k001", "k002", "k003", "k004", "k011"]
    assert removed == 6


def test_an_entry_saved_twice_is_one_file_and_a_changed_one_keeps_its_full_text(tmp_path):
    store = EntryStore(tmp_path)
    first = store.save("news", [_entry(1, 1)], NOW)
    store.set_full_text("news", "k001", "The whole page.")
    again = store.save("news", [_entry(1, 1)], NOW + dt.timedelta(hours=1))
    changed = Entry(key="k001", title="Story 1 (updated)", url="https://e.org/1", published=NOW, summary="New text.")
    third = store.save("news", [changed], NOW + dt.timedelta(hours=2))
    assert (first.new, again.unchanged, third.updated) == (1, 1, 1)
    record = json.loads(store.path("news", "k001").read_text())
    assert record["title"] == "Story 1 (updated)" and record["full_text"] == "The whole page."
    assert record["fetched"] == NOW.isoformat()  # when first fetched
    assert len(store.keys("news")) == 1
