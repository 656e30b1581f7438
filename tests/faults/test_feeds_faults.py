"""A fetch killed with SIGKILL midway loses nothing it stored, and the next
fetch stores the rest; two fetches at once in one home: the second is refused."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from reader.errors import ReaderError
from reader.feeds.manager import Feeds
from reader.paths import get_paths
from tests.feed_server import Route, feed_server, rss
from tests.helpers import child_env

# The child fetches with each entry's write slowed down (after the write),
# so that the parent can kill it with some entries stored and more to come.
CHILD = textwrap.dedent(
    """
    import sys, time
    import reader.feeds.entries as entries
    from reader.feeds.manager import Feeds
    from reader.paths import get_paths

    real = entries.atomic_write_text

    def slow(path, text, **options):
        real(path, text, **options)
        time.sleep(0.05)

    entries.atomic_write_text = slow
    Feeds(get_paths(sys.argv[1])).fetch()
    """
)

ITEMS = [(f"e{n}", f"Story {n}", f"<p>Paragraph {n}.</p>") for n in range(300)]


_env = child_env


def test_a_fetch_killed_midway_keeps_what_it_stored(tmp_path):
    home = tmp_path / "home"
    with feed_server() as server:
        server.routes["/big.rss"] = Route(rss("Big", ITEMS), etag='"1"')
        feeds = Feeds(get_paths(home))
        feeds.add(server.url("/big.rss"), name="big")
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(home)], env=_env(), stdout=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 60
            while feeds.store.count("big") < 20:
                assert child.poll() is None, "the fetch ended before it could be killed"
                assert time.monotonic() < deadline
                time.sleep(0.01)
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            child.stdout.close()
        kept = feeds.store.keys("big")
        assert 20 <= len(kept) < len(ITEMS)
        for key in kept:  # every stored entry is whole
            assert json.loads(feeds.store.path("big", key).read_text())["title"].startswith("Story ")
        leftovers = [p.name for p in feeds.store.folder("big").iterdir() if not p.name.endswith(".entry")]
        assert leftovers == [] or all(name.startswith(".") for name in leftovers)
        (report,) = feeds.fetch()  # the state was not saved: the feed is read again, whole
    assert report.result == "new" and report.new == len(ITEMS) - len(kept)
    assert feeds.store.count("big") == len(ITEMS)


def test_a_second_fetch_in_the_same_home_is_refused_while_one_runs(tmp_path):
    from reader.files.locking import exclusive

    feeds = Feeds(get_paths(tmp_path / "home"), lock_timeout=0.2)
    feeds.paths.feed_data.mkdir(parents=True)
    feeds.add("https://example.invalid/feed.xml", name="x")
    with exclusive(feeds.lock_path, timeout=1, busy=lambda: ReaderError("busy"), failed=lambda e: ReaderError(str(e))):
        with pytest.raises(ReaderError, match="another fetch is running"):
            feeds.fetch()
