"""Feeds: fetching 100 feeds from a local server (the first time, and again
unchanged), parsing the real feeds of ``../shared/corpora/feeds``, and the
full-text extraction's word F1 on ``../shared/corpora/html/readability``.

``python -m benchmarks.feeds [--feeds 100] [--json FILE]``. The baseline of
the fetch is the same requests with ``urllib`` alone (no parsing, no
storing) against the same server in the same run.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def f1(got: str, expected: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the words of ``got`` against ``expected`` (bags of words)."""
    a, b = collections.Counter(_words(got)), collections.Counter(_words(expected))
    common = sum((a & b).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def extraction() -> dict[str, Any]:
    from reader.corpus.html import extract_page
    from reader.feeds.parse import html_to_text

    pages = {}
    start = time.perf_counter()
    for folder in sorted((SHARED / "html" / "readability").iterdir()):
        expected = html_to_text((folder / "expected.html").read_text(encoding="utf-8", errors="replace"))
        page = extract_page((folder / "source.html").read_bytes())
        pages[folder.name] = f1(page.text if page else "", expected)
    seconds = time.perf_counter() - start
    mean = sum(f for _, _, f in pages.values()) / len(pages)
    return {"pages": len(pages), "mean_f1": round(mean, 3), "seconds": round(seconds, 2), "per_page": pages}


def parsing(rounds: int = 3) -> dict[str, Any]:
    from reader.feeds.parse import FeedParseError, parse_feed

    files = [path.read_bytes() for path in sorted((SHARED / "feeds").iterdir())]
    entries = refused = 0
    start = time.perf_counter()
    for _ in range(rounds):
        for data in files:
            try:
                entries += len(parse_feed(data).entries)
            except FeedParseError:
                refused += 1
    seconds = time.perf_counter() - start
    size = sum(len(data) for data in files) / 1e6
    return {
        "feeds": len(files),
        "feeds_per_s": round(len(files) * rounds / seconds, 1),
        "mb_per_s": round(size * rounds / seconds, 2),
        "entries": entries // rounds,
        "refused": refused // rounds,
    }


def fetching(count: int) -> dict[str, Any]:
    from reader.feeds.manager import Feeds
    from reader.paths import get_paths
    from tests.feed_server import Route, feed_server

    bodies = []
    for path in sorted((SHARED / "feeds").iterdir()):
        data = path.read_bytes()
        try:
            from reader.feeds.parse import parse_feed

            if parse_feed(data).entries:
                bodies.append(data)
        except Exception:  # noqa: BLE001 - only feeds with entries are served
            continue
    with tempfile.TemporaryDirectory() as home, feed_server() as server:
        for n in range(count):
            server.routes[f"/f{n}"] = Route(bodies[n % len(bodies)], etag=f'"{n}"', gzip=n % 2 == 0)
        start = time.perf_counter()
        for n in range(count):
            with urllib.request.build_opener(urllib.request.ProxyHandler({})).open(server.url(f"/f{n}"), timeout=10) as response:
                response.read()
        baseline = time.perf_counter() - start
        feeds = Feeds(get_paths(home))
        for n in range(count):
            feeds.add(server.url(f"/f{n}"), name=f"f{n}")
        before = len(server.requests)
        start = time.perf_counter()
        first = feeds.fetch()
        first_s = time.perf_counter() - start
        asked_first = len(server.requests) - before
        before = len(server.requests)
        start = time.perf_counter()
        second = feeds.fetch()
        second_s = time.perf_counter() - start
        asked_second = len(server.requests) - before
    return {
        "feeds": count,
        "baseline_plain_gets_s": round(baseline, 2),
        "first_fetch_s": round(first_s, 2),
        "first_requests": asked_first,
        "first_new_entries": sum(r.new for r in first),
        "first_failed": sum(r.result == "failed" for r in first),
        "second_fetch_s": round(second_s, 2),
        "second_requests": asked_second,
        "second_unchanged": sum(r.result == "unchanged" for r in second),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.feeds", description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    if not (SHARED / "feeds").is_dir():
        print(f"skipped: {SHARED / 'feeds'} is not there")
        return 0
    result = {"parsing": parsing(), "fetching": fetching(args.feeds), "extraction": extraction()}
    p, f, e = result["parsing"], result["fetching"], result["extraction"]
    print(
        f"parsing: {p['feeds']} real feeds, {p['feeds_per_s']} feeds/s ({p['mb_per_s']} MB/s), {p['entries']} entries, {p['refused']} refused"
    )
    print(
        f"fetching {f['feeds']} feeds from a local server: first {f['first_fetch_s']} s ({f['first_requests']} requests, "
        f"{f['first_new_entries']} entries stored, {f['first_failed']} failed; the same GETs alone {f['baseline_plain_gets_s']} s); "
        f"again unchanged {f['second_fetch_s']} s ({f['second_requests']} requests, {f['second_unchanged']} answered 304)"
    )
    print(f"extraction: mean word F1 {e['mean_f1']} on {e['pages']} readability pages ({e['seconds']} s)")
    for name, (precision, recall, score) in e["per_page"].items():
        print(f"  {name:<20} P {precision:.2f} R {recall:.2f} F1 {score:.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
