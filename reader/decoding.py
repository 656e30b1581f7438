"""Decoding of files the user writes (config, bookmarks, themes, imports)."""

from __future__ import annotations

from pathlib import Path

from reader.errors import ReaderError


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
