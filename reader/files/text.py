"""Text: untrusted article text made safe for a terminal, and files the user writes decoded.

Article and feed text is data. Before anything displays it, terminal
control sequences (CSI/OSC/other ESC sequences), C0 controls other than
newline and tab, C1 controls and DEL are removed, and so are the invisible
characters that can reorder or hide text: bidirectional embeddings,
overrides, isolates and marks (an RLO turns "txt.exe" into "exe.txt" on
screen) and zero-width characters. Dropping them costs nothing visible
except the zero-width joiner inside emoji sequences (👩‍💻 shows as 👩💻)
and the zero-width non-joiner of some scripts.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.errors import ReaderError

BIDI_CONTROLS = (
    "\u061c"  # ARABIC LETTER MARK
    "\u200e\u200f"  # LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK
    "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
)
"""Characters that change the display order of the text around them."""

ZERO_WIDTH = (
    "\u200b\u200c\u200d"  # ZERO WIDTH SPACE, NON-JOINER, JOINER
    "\u2060"  # WORD JOINER
    "\u2061\u2062\u2063\u2064"  # invisible function application, times, separator, plus
    "\ufeff"  # ZERO WIDTH NO-BREAK SPACE (a byte order mark inside the text)
)
"""Characters that take no room on screen and can hide text between others."""

_INVISIBLE = re.compile(f"[{BIDI_CONTROLS}{ZERO_WIDTH}]")

# ESC [ ... final byte (CSI), ESC ] ... BEL/ST (OSC), ESC P/X/^/_ ... ST, or
# a lone two-character escape.
_ESCAPE_SEQ = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]             # CSI
  | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC, ended by BEL or ST
  | \x1b[PX^_][^\x1b]*(?:\x1b\\)?       # DCS, SOS, PM, APC
  | \x1b[@-Z\\-_]?                      # other escapes (and a lone ESC)
  | \x9b[0-?]*[ -/]*[@-~]               # 8-bit CSI
    """,
    re.VERBOSE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_DROPPED = re.compile(f"[{BIDI_CONTROLS}{ZERO_WIDTH}\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f]")


def strip_control(text: str) -> str:
    """``text`` without terminal escape sequences, control characters,
    bidirectional controls or zero-width characters.

    Newlines and tabs are kept; carriage returns are dropped (line endings
    are normalised before this is called). Invisible characters go first,
    so one hidden inside an escape sequence cannot keep it from matching.
    """
    if "\x1b" not in text and "\x9b" not in text:
        return _DROPPED.sub("", text)  # no escape sequence: both kinds in one pass
    text = _INVISIBLE.sub("", text)
    text = _ESCAPE_SEQ.sub("", text)
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    """``text`` as :func:`strip_control` leaves it, with every run of white
    space (line breaks included) folded to one space and the ends trimmed."""
    return " ".join(strip_control(text).split())


def has_terminal_control(text: str) -> bool:
    """Whether ``text`` holds a C0 (other than newline and tab), C1 or DEL character.

    For values that must be kept exactly (article ids, list names): they
    are refused when they hold one, where display text is cleaned.
    """
    return _CONTROL.search(text) is not None


# -- decoding files the user writes (config, bookmarks, themes, imports) ------------


class DecodeError(ReaderError):
    """A file that is not UTF-8; ``line``, ``problem`` and ``fix`` for callers."""

    def __init__(self, path: Path | str, line: int, problem: str, fix: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        self.fix = fix
        super().__init__(f"{path}:{line}: {problem}; {fix}")


def decode_config_bytes(data: bytes, path: Path | str) -> str:
    """UTF-8 (a BOM is allowed); anything else is a :class:`DecodeError` naming the byte's line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DecodeError(path, line, f"not valid UTF-8 (byte 0x{data[error.start]:02x})", "save the file as UTF-8") from None
