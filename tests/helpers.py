"""Builders for small test libraries."""

from __future__ import annotations

from pathlib import Path

ARTICLES = {
    "alpha.txt": (
        " date 2023-09-20 BAKU, Azerbaijan – Azerbaijan launched a military operation in Karabakh "
        "on Tuesday, officials said.\n\nThe ministry said the operation was \u201canti-terrorist\u201d.\n"
    ),
    "beta.txt": (
        " date 2023-09-25 YEREVAN - Thousands of refugees crossed into Armenia from Nagorno Karabakh "
        "as the exodus continued.\n\nAid agencies said food was running short.\n"
    ),
    "gamma.txt": (
        "Chelsea beat Arsenal in London derby\n\nChelsea won 2-1 at Stamford Bridge on Saturday. "
        "The manager praised the striker for his two goals.\n\nArsenal remain third.\n"
    ),
    "delta.txt": (
        "Markets rally as inflation eases\n\nShares rose 2% in London as inflation fell to 4.6 per cent. "
        "Analysts expect interest rates to hold.\n"
    ),
    "epsilon.txt": (
        " date 2022-01-10 LONDON – Parliament debated the budget as ministers defended spending plans "
        "for schools and hospitals.\n"
    ),
}


def write_library(root: Path, articles: dict[str, str] | None = None) -> Path:
    """Write ``articles`` (name -> text) into ``root/news`` and return that folder."""
    folder = root / "news"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (articles or ARTICLES).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def commit_waits_for_a_tick(monkeypatch, ticked):
    """Make every index commit wait until the progress callback has seen a
    commit tick from the ticker thread (so the test does not depend on how
    long a commit takes)."""
    from whoosh.writing import SegmentWriter

    real_commit = SegmentWriter.commit

    def commit(self, *args, **kwargs):
        assert ticked.wait(30), "no commit tick arrived"
        return real_commit(self, *args, **kwargs)

    monkeypatch.setattr(SegmentWriter, "commit", commit)
    monkeypatch.setattr("reader.index.store.COMMIT_TICK", 0.01)
    try:
        import reader.index.tantivy_engine as tantivy_engine
    except ImportError:  # pragma: no cover - the module imports without the extra
        return
    real_tantivy_commit = tantivy_engine._commit

    def tantivy_commit(writer):
        assert ticked.wait(30), "no commit tick arrived"
        return real_tantivy_commit(writer)

    monkeypatch.setattr(tantivy_engine, "_commit", tantivy_commit)


def damage_index(store):
    """Overwrite every file of the engine's index in ``store``'s folder with
    garbage (Reader's meta.json and manifest.json stay: the index claims to
    be built). Each is a new file put in the old one's place: a file this
    process still maps (Tantivy's) is not truncated under it."""
    for path in sorted(store.dir.rglob("*")):
        if path.is_file() and not (path.parent == store.dir and path.name in ("meta.json", "manifest.json")):
            spare = path.with_name(path.name + ".garbage")
            spare.write_bytes(b"garbage")
            spare.replace(path)


GOOD_THEME = """\
name: {name}
dark: false
colors:
  primary: "#336699"
styles:
  quote: "italic green"
  figure: "bold blue"
  hit: "bold black on yellow"
  subheading: "bold underline"
  bookmark: "bold red"
  read: "dim"
  unread: "bold"
"""
"""A valid user theme file; ``{name}`` is its name."""


PAGED_WORDS = ["tide", "crane", "ferry", "pier", "cargo", "pilot", "storm", "quay", "dock", "anchor"]


def paged_articles(count: int = 130) -> dict[str, str]:
    """``count`` small articles that all match ``harbour`` (in the title and
    the body), for more than one page of results; one word of
    :data:`PAGED_WORDS` each in the title and dates one day apart."""
    articles = {}
    for k in range(count):
        word, other = PAGED_WORDS[k % len(PAGED_WORDS)], PAGED_WORDS[(3 * k + 1) % len(PAGED_WORDS)]
        title = f"Harbour {word} report {k:03d}"
        body = f"The harbour {word} report number {k} says the {other} came in {k % 12 + 1} times."
        day = f"2023-{k // 28 % 12 + 1:02d}-{k % 28 + 1:02d}"
        articles[f"p{k:03d}.txt"] = f" date {day} PORT – {title}\n\n{body}\n"
    return articles


def child_env() -> dict[str, str]:
    """The environment of a child Python process that imports Reader and the tests from this checkout."""
    import os

    env = dict(os.environ)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    return env


def engine_module(index):
    """The module of a search engine's searcher (``reader.index.search`` for
    Whoosh, ``reader.index.tantivy_engine``): tests tune its constants."""
    import sys

    return sys.modules[type(index).__module__]


def whoosh_only(reason: str):
    """Mark a test of a contract module (see ``engine`` in tests/conftest.py)
    that checks the Whoosh engine's own workings (its files, writers,
    matchers or ranking extras): skipped under the other engines."""
    import pytest

    return pytest.mark.whoosh_only(reason=reason)
