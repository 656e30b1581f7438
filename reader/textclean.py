"""Make untrusted article text safe to show in a terminal.

Article and feed text is data. Before anything displays it, terminal
control sequences (CSI/OSC/other ESC sequences), C0 controls other than
newline and tab, C1 controls and DEL are removed.
"""

from __future__ import annotations

import re

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


def strip_control(text: str) -> str:
    """``text`` without terminal escape sequences or control characters.

    Newlines and tabs are kept; carriage returns are dropped (line endings
    are normalised before this is called).
    """
    if "\x1b" in text or "\x9b" in text:
        text = _ESCAPE_SEQ.sub("", text)
    return _CONTROL.sub("", text)
