"""Small helpers for human-readable command output."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable
from typing import TextIO

BOLD = "\x1b[1m"
DIM = "\x1b[2m"
HIT = "\x1b[1;33m"
RESET = "\x1b[0m"


def use_color(stream: TextIO, mode: str = "auto") -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def mark(text: str, spans: Iterable[tuple[int, int]], color: bool, style: str = HIT) -> str:
    """``text`` with ``spans`` wrapped in an ANSI style (text unchanged without color)."""
    if not color or not spans:
        return text
    out: list[str] = []
    last = 0
    for start, end in sorted(spans):
        if start < last:
            continue
        out += [text[last:start], style, text[start:end], RESET]
        last = end
    out.append(text[last:])
    return "".join(out)


class ProgressBar:
    """A one-line progress bar on a terminal; silent elsewhere."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.label = label
        self.width = width
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last = 0.0
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.05:
            return
        self._last = now
        filled = int(self.width * done / total) if total else self.width
        bar = "█" * filled + "·" * (self.width - filled)
        self.stream.write(f"\r{self.label} {bar} {done}/{total}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
