"""The user's library: which folders and files are indexed.

The bundled ``seeds/`` corpus is always part of the library. Folders and
files added with ``reader index PATH`` are remembered in the home's
``sources.yaml`` (written by the program; the user's own ``config.yaml`` is
never rewritten).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.errors import ReaderError
from reader.files.atomic import atomic_write_text
from reader.files.yaml import YamlError, load_yaml_file
from reader.paths import Paths, bundled_seeds

# The source of fetched feed entries (in the home; see reader.feeds.entries).
FEEDS_SOURCE = "feeds"
# File endings read as articles. Files with other endings are ignored.
ARTICLE_SUFFIXES = {".txt", ".text", ".md", "", ".entry", ".html", ".htm"}
# Dataset documentation that sits beside articles, not an article itself.
_NOT_ARTICLES = {"readme", "license", "licence", "copying", "changelog", "authors", "sources"}

_SOURCES_HEADER = (
    "# Folders and files added to the library with `reader index PATH`.\n"
    "# Written by reader; you may edit it (one absolute path per entry).\n"
)


@dataclass(frozen=True)
class Source:
    """One folder (or single file) of articles."""

    name: str
    root: Path

    def files(self) -> Iterator[tuple[str, Path]]:
        """``(article_id, path)`` for every article file, in a stable order."""
        root = self.root
        if root.is_file():
            yield f"{self.name}/{root.stem}", root
            return
        for directory, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            base = Path(directory)
            for filename in sorted(filenames):
                path = base / filename
                if not is_article_file(path):
                    continue
                rel = path.relative_to(root).with_suffix("")
                yield f"{self.name}/{rel.as_posix()}", path

    def entries(self) -> Iterator[tuple[str, str, int, int]]:
        """``(article_id, path, mtime_ns, size)`` for every article file, in
        the order of :meth:`files` (which it equals, with each file's
        ``stat``), but with ``os.scandir`` and string operations: what an
        index update with nothing changed spends its time on. Files that
        cannot be stat'ed are left out."""
        root = self.root
        if root.is_file():
            try:
                st = root.stat()
            except OSError:
                return
            yield f"{self.name}/{root.stem}", str(root), st.st_mtime_ns, st.st_size
            return
        yield from _walk(str(root), f"{self.name}/")


def _walk(top: str, prefix: str) -> Iterator[tuple[str, str, int, int]]:
    """:meth:`Source.entries` under the folder ``top``; ``prefix`` starts the
    ids of its files. Like ``os.walk`` (top down, errors ignored, links to
    folders not followed), with names sorted."""
    try:
        with os.scandir(top) as scan:
            entries = list(scan)
    except OSError:
        return
    folders: list[os.DirEntry[str]] = []
    files: list[os.DirEntry[str]] = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        (folders if is_dir else files).append(entry)
    files.sort(key=lambda e: e.name)
    for entry in files:
        name = entry.name
        stem, suffix = _stem_suffix(name)
        if name.startswith(".") or name.endswith("~") or suffix.lower() not in ARTICLE_SUFFIXES:
            continue
        if stem.lower() in _NOT_ARTICLES:
            continue
        try:
            st = entry.stat()
        except OSError:
            continue
        yield prefix + stem, entry.path, st.st_mtime_ns, st.st_size
    folders.sort(key=lambda e: e.name)
    for entry in folders:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_symlink():
                continue
        except OSError:
            continue
        yield from _walk(entry.path, f"{prefix}{entry.name}/")


def _stem_suffix(name: str) -> tuple[str, str]:
    """``(PurePath(name).stem, PurePath(name).suffix)``, without a path object."""
    dot = name.rfind(".")
    if 0 < dot < len(name) - 1:
        return name[:dot], name[dot:]
    return name, ""


def is_article_file(path: Path) -> bool:
    name = path.name
    if name.startswith(".") or name.endswith("~"):
        return False
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        return False
    return path.stem.lower() not in _NOT_ARTICLES


def _name_for(path: Path) -> str:
    return (path.parent.name if path.is_file() else path.name) or "library"


def read_added(paths: Paths) -> list[Path]:
    """The paths remembered in ``sources.yaml`` (empty when there is none)."""
    file = paths.sources
    if not file.exists():
        return []
    data = load_yaml_file(file)
    if data is None:
        return []
    entries = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
        raise YamlError(file, 1, "expected 'sources:' followed by a list of paths", "fix or delete the file")
    return [Path(e).expanduser() for e in entries]


def load_sources(paths: Paths, extra: list[Path] | None = None) -> list[Source]:
    """The library: bundled seeds, then added paths, then ``extra`` (config).

    Names are the folder names; a clash gets a numeric suffix (``news-2``).
    """
    sources = [Source("seeds", bundled_seeds())]
    seen_roots = {bundled_seeds().resolve()}
    used = {"seeds", FEEDS_SOURCE}
    if paths.feed_entries.is_dir():
        # Fetched feed entries (reader.feeds.entries): ids feeds/<feed>/<key>.
        sources.append(Source(FEEDS_SOURCE, paths.feed_entries.resolve()))
        seen_roots.add(paths.feed_entries.resolve())
    for root in [*read_added(paths), *(extra or [])]:
        resolved = root.resolve()
        if resolved in seen_roots:
            continue
        seen_roots.add(resolved)
        name = base = _name_for(resolved)
        n = 2
        while name in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name)
        sources.append(Source(name, resolved))
    return sources


def add_sources(paths: Paths, new: list[Path]) -> list[Path]:
    """Remember ``new`` paths in ``sources.yaml``; returns the ones added."""
    existing = read_added(paths)
    known = {p.resolve() for p in existing} | {bundled_seeds().resolve()}
    added = []
    for path in new:
        resolved = Path(path).expanduser().resolve()
        if not resolved.exists():
            raise ReaderError(f"{path}: no such file or folder")
        if resolved not in known:
            known.add(resolved)
            added.append(resolved)
    if added:
        lines = [_SOURCES_HEADER, "sources:\n"]
        for p in [*existing, *added]:
            lines.append(f"  - {_yaml_str(str(p))}\n")
        atomic_write_text(paths.sources, "".join(lines))
    return added


def _yaml_str(value: str) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)  # JSON strings are valid YAML
