"""Fetching feeds over HTTP (or from files) politely and safely.

Each request: a User-Agent naming Reader and its version; conditional
headers from the last answer (``If-None-Match`` / ``If-Modified-Since``),
so an unchanged feed costs a 304 and no parsing; gzip or deflate; at most
:data:`MAX_REDIRECTS` redirects; a socket timeout on connecting and on each
read and a deadline for the whole body; at most :data:`MAX_BYTES` (after
decompression). A 429 or 503 with ``Retry-After`` is respected: the feed is
not asked again before then. A failure (DNS, TLS, refused, timeout, an HTTP
error, too large, not a feed) is one line for that feed and never stops the
others. Feeds are fetched :data:`WORKERS` at a time.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from ipaddress import ip_address
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from reader import __version__
from reader.feeds.parse import FeedParseError, ParsedFeed, parse_feed
from reader.feeds.subscriptions import Feed, is_web_address

USER_AGENT = f"Reader/{__version__} (terminal news reader; +https://pypi.org/project/reader-tui/)"
MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT = 10.0
"""Seconds to connect, and for each read."""
DEADLINE = 60.0
"""Seconds for a whole response."""
WORKERS = 8
RETRY_AFTER_MAX = 24 * 3600.0
"""The longest wait a server's Retry-After is taken at."""
_TOO_LARGE = f"larger than {MAX_BYTES // (1024 * 1024)} MB; not read"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


@dataclass
class FeedState:
    """What the last fetch of a feed left (kept in ``feeds/state.json``)."""

    etag: str = ""
    last_modified: str = ""
    checked: str = ""
    """When the feed was last asked (ISO, UTC)."""
    changed: str = ""
    """When it last answered with new content."""
    error: str = ""
    status: int = 0
    retry_after: str = ""
    """Not to be asked before this time (ISO, UTC), when a server said so."""
    file_stamp: str = ""
    """A feed file's modification time and size at the last read."""
    title: str = ""

    @classmethod
    def from_dict(cls, data: Any) -> FeedState:
        if not isinstance(data, dict):
            return cls()
        state = cls()
        for name in cls.__dataclass_fields__:
            value = data.get(name)
            if name == "status":
                state.status = value if isinstance(value, int) and not isinstance(value, bool) else 0
            elif isinstance(value, str):
                setattr(state, name, value)
        return state

    def to_dict(self) -> dict[str, Any]:
        return {name: value for name, value in asdict(self).items() if value}


@dataclass
class Outcome:
    """What fetching one feed did."""

    feed: str
    result: str
    """``new`` (content parsed), ``unchanged`` (304 or same file), ``waiting`` (Retry-After), ``failed``."""
    parsed: ParsedFeed | None = None
    error: str = ""
    status: int = 0
    requests: int = 0
    seconds: float = 0.0
    state: FeedState = field(default_factory=FeedState)


class FetchFailed(Exception):
    def __init__(self, message: str, status: int = 0, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 2


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def _opener(url: str) -> urllib.request.OpenerDirector:
    handlers: list[Any] = [_Redirects()]
    if _is_loopback(url):
        handlers.append(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener(*handlers)


def _retry_after(value: str | None, now: float) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), RETRY_AFTER_MAX)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, min(when.timestamp() - now, RETRY_AFTER_MAX))


def _read_body(response: Any, encoding: str, deadline: float) -> bytes:
    """The body, decompressed, at most MAX_BYTES; raises FetchFailed."""
    decoder = None
    if encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(wbits=31)
    elif encoding == "deflate":
        decoder = zlib.decompressobj(wbits=47)
    parts: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchFailed(f"timed out: no whole answer within {DEADLINE:.0f} s")
        chunk = response.read(65536)
        if not chunk:
            break
        if decoder is not None:
            try:
                chunk = decoder.decompress(chunk, MAX_BYTES + 1 - size)
            except zlib.error as error:
                raise FetchFailed(f"the answer's {encoding} compression is broken ({error})") from None
        size += len(chunk)
        if size > MAX_BYTES:
            raise FetchFailed(_TOO_LARGE)
        parts.append(chunk)
    return b"".join(parts)


def download(url: str, state: FeedState, *, timeout: float = TIMEOUT) -> tuple[int, bytes | None, dict[str, str]]:
    """``(status, body, headers)``: body None for a 304. Raises :class:`FetchFailed`."""
    headers = {
        "User-Agent": USER_AGENT,
        "Accept-Encoding": "gzip, deflate",
        "Accept": "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
    }
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    request = urllib.request.Request(url, headers=headers)
    deadline = time.monotonic() + DEADLINE
    try:
        with _opener(url).open(request, timeout=timeout) as response:
            body = _read_body(response, (response.headers.get("Content-Encoding") or "").strip().lower(), deadline)
            return response.status, body, {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return 304, None, {k.lower(): v for k, v in (error.headers or {}).items()}
        if 300 <= error.code < 400:
            raise FetchFailed(f"more than {MAX_REDIRECTS} redirects (or a redirect loop)", error.code) from None
        wait = _retry_after(error.headers.get("Retry-After") if error.headers else None, time.time())
        phrase = http.client.responses.get(error.code, "error")
        raise FetchFailed(f"HTTP {error.code} {phrase}", error.code, wait if error.code in (429, 503) else None) from None
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, socket.gaierror):
            raise FetchFailed(f"cannot find the server {urlsplit(url).hostname!r} (DNS: {reason.strerror or reason})") from None
        if isinstance(reason, ssl.SSLError):
            raise FetchFailed(f"secure connection failed ({reason.reason or str(reason)})") from None
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise FetchFailed(f"timed out after {timeout:.0f} s") from None
        if isinstance(reason, OSError):
            raise FetchFailed(f"cannot connect ({reason.strerror or reason})") from None
        raise FetchFailed(f"cannot fetch ({reason})") from None
    except TimeoutError:
        raise FetchFailed(f"timed out after {timeout:.0f} s") from None
    except (http.client.HTTPException, OSError) as error:
        raise FetchFailed(f"the connection failed ({type(error).__name__}: {error})") from None
    except ValueError as error:  # a malformed address
        raise FetchFailed(f"not a usable address ({error})") from None


def fetch_feed(feed: Feed, state: FeedState, *, base: Path, force: bool = False, timeout: float = TIMEOUT) -> Outcome:
    """Fetch and parse one feed (never raises for the feed's own failures)."""
    started = time.monotonic()
    now = utcnow()
    state = FeedState(**asdict(state))
    outcome = Outcome(feed.name, "failed", state=state)
    location = feed.location(base)
    if state.retry_after and not force:
        try:
            until = dt.datetime.fromisoformat(state.retry_after)
        except ValueError:
            until = now
        if until > now:
            outcome.result = "waiting"
            outcome.error = f"the server asked to wait until {state.retry_after} UTC"
            return outcome
    state.checked = now.isoformat()
    state.retry_after = ""
    try:
        if is_web_address(location):
            outcome.requests = 1
            status, body, headers = download(location, state, timeout=timeout)
            outcome.status = state.status = status
            if body is None:
                outcome.result = "unchanged"
                state.error = ""
                return outcome
            state.etag = headers.get("etag", "")
            state.last_modified = headers.get("last-modified", "")
            url = location
        else:
            path = Path(location)
            try:
                info = path.stat()
                stamp = f"{info.st_mtime_ns}:{info.st_size}"
                if stamp == state.file_stamp and not force:
                    outcome.result = "unchanged"
                    state.error = ""
                    return outcome
                if info.st_size > MAX_BYTES:
                    raise FetchFailed(_TOO_LARGE)
                body = path.read_bytes()
            except OSError as error:
                raise FetchFailed(f"cannot read {path} ({error.strerror or error})") from None
            state.file_stamp = stamp
            url = ""
        try:
            parsed = parse_feed(body, url)
        except FeedParseError as error:
            raise FetchFailed(str(error)) from None
        outcome.parsed = parsed
        outcome.result = "new"
        state.error = ""
        state.changed = now.isoformat()
        state.title = parsed.title or state.title
    except FetchFailed as failure:
        outcome.result = "failed"
        outcome.error = state.error = str(failure)
        outcome.status = state.status = failure.status
        if failure.retry_after is not None:
            state.retry_after = (now + dt.timedelta(seconds=failure.retry_after)).isoformat()
    finally:
        outcome.seconds = time.monotonic() - started
    return outcome


def fetch_all(
    feeds: Iterable[Feed],
    states: dict[str, FeedState],
    *,
    done: Callable[[Outcome], None],
    base: Path,
    force: bool = False,
    workers: int = WORKERS,
    timeout: float = TIMEOUT,
) -> None:
    """Fetch ``feeds`` ``workers`` at a time; ``done`` is called (in the
    calling thread) with each outcome as it comes, in the order they finish."""
    feeds = list(feeds)
    if not feeds:
        return
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(feeds)))) as pool:
        futures = [
            pool.submit(fetch_feed, feed, states.get(feed.name, FeedState()), base=base, force=force, timeout=timeout)
            for feed in feeds
        ]
        for future in as_completed(futures):
            done(future.result())
