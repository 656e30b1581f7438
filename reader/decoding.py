"""Decoding of files the user writes (config, bookmarks, themes)."""

from __future__ import annotations

from pathlib import Path

from reader.errors import ReaderError


def decode_config_bytes(data: bytes, path: Path | str) -> str:
    """UTF-8 (a BOM is allowed); anything else is an error naming the byte's line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ReaderError(
            f"{path}:{line}: not valid UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8"
        ) from None
