"""Synthetic-but-realistic article libraries for the benchmarks.

    python -m benchmarks.corpus DEST --n 10000 [--seed 0]

Articles are made by recombining the headlines and paragraphs of the BBC
news dataset in ../shared/corpora/bbc (2,225 articles, five
categories), deterministically from ``random.Random(seed)``: each article
takes a headline and 3-12 paragraphs from one category, so the vocabulary,
paragraph lengths and term statistics are those of real news. About a
quarter of the files use the seed format (first line
`` date YYYY-MM-DD DATELINE – lead``) so that dates and datelines exist;
the rest use the BBC headline format (headline, blank line, paragraphs).

Files go to ``DEST/library/NNN/NNNNN.txt``, 1,000 to a folder. A hidden
``DEST/library/.corpus.json`` records ``n`` and ``seed`` so an identical
library is not written twice.

Needs ../shared/corpora/bbc: without it, :func:`generate` raises
:class:`CorpusMissing` and the command line exits with a message.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "corpora" / "bbc"  # ../shared beside the repository
RESULTS = ROOT / "benchmarks" / "results"
PER_FOLDER = 1000
SEED_FORMAT_SHARE = 0.25

DATELINES = [
    "LONDON",
    "WASHINGTON",
    "BRUSSELS",
    "PARIS",
    "BERLIN",
    "NEW YORK",
    "TOKYO",
    "EDINBURGH",
    "CARDIFF",
    "BELFAST",
    "MANCHESTER",
    "GENEVA",
    "MOSCOW",
    "BEIJING",
    "LOS ANGELES",
    "MUMBAI",
    "SYDNEY",
    "DUBLIN",
    "ROME",
    "MADRID",
]


class CorpusMissing(RuntimeError):
    """The BBC corpus the generator and several benchmarks need is absent."""


def bbc_available() -> bool:
    return (BBC / "business").is_dir()


def require_bbc() -> None:
    if not bbc_available():
        raise CorpusMissing(f"the BBC corpus is not at {BBC}; this benchmark needs it (2,225 articles in <category>/NNN.txt)")


def bbc_files() -> list[Path]:
    """Every BBC article file, sorted."""
    require_bbc()
    return sorted(p for p in BBC.glob("*/*.txt"))


@lru_cache(maxsize=1)
def _pools() -> dict[str, tuple[list[str], list[str]]]:
    """category -> (headlines, paragraphs) of the BBC corpus."""
    from reader.corpus.reading import decode_bytes

    pools: dict[str, tuple[list[str], list[str]]] = {}
    for path in bbc_files():
        text = decode_bytes(path.read_bytes()).replace("\r\n", "\n")
        headline, _, rest = text.strip().partition("\n")
        paragraphs = [" ".join(p.split()) for p in rest.split("\n\n") if p.strip()]
        headlines, paras = pools.setdefault(path.parent.name, ([], []))
        if headline.strip():
            headlines.append(" ".join(headline.split()))
        paras.extend(p for p in paragraphs if len(p) > 40)
    return pools


def article_text(rng: random.Random, pools: dict[str, tuple[list[str], list[str]]]) -> str:
    """One article in the headline or the seed format."""
    category = rng.choice(sorted(pools))
    headlines, paragraphs = pools[category]
    count = rng.randint(3, 12)
    body = [rng.choice(paragraphs) for _ in range(count)]
    if rng.random() < SEED_FORMAT_SHARE:
        date = dt.date(2004, 1, 1) + dt.timedelta(days=rng.randrange(731))
        dateline = rng.choice(DATELINES)
        first = f" date {date.isoformat()} {dateline} – {body[0]}"
        return "\n\n".join([first, *body[1:]]) + "\n"
    return "\n\n".join([rng.choice(headlines), *body]) + "\n"


def generate(dest: Path, n: int, seed: int = 0) -> Path:
    """Write ``n`` articles under ``dest/library`` and return that folder.

    Deterministic in ``(n, seed)``; an existing library made with the same
    ``n`` and ``seed`` is kept as it is.
    """
    library = Path(dest) / "library"
    marker = library / ".corpus.json"
    wanted = {"n": n, "seed": seed, "format": 1}
    try:
        if json.loads(marker.read_text("utf-8")) == wanted:
            return library
    except (OSError, ValueError):
        pass
    pools = _pools()
    shutil.rmtree(library, ignore_errors=True)
    rng = random.Random(seed)
    for i in range(n):
        folder = library / f"{i // PER_FOLDER:03d}"
        if i % PER_FOLDER == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:05d}.txt").write_text(article_text(rng, pools), encoding="utf-8")
    marker.write_text(json.dumps(wanted) + "\n", encoding="utf-8")
    return library


def corpus_files(library: Path) -> list[Path]:
    """The article files of a generated library, sorted."""
    return sorted(library.glob("*/*.txt"))


def prepared_library(n: int, seed: int = 0, root: Path | None = None, engine: str | None = None):
    """A generated library of ``n`` articles with its index built.

    Returns ``(Library, library_folder, seconds_spent_indexing)``. Both live
    under ``root`` (default ``benchmarks/results/lib-N-sS``) and are reused
    by later runs: an index that is already up to date costs only a scan.
    ``engine="tantivy"``: the index is Tantivy's, in a home of its own
    (``home-tantivy``) beside the Whoosh one (``home``), so both are kept.
    """
    from reader.library import Library
    from reader.paths import get_paths

    base = Path(root) if root else RESULTS / f"lib-{n}-s{seed}"
    folder = generate(base, n, seed)
    home = base / ("home" if engine in (None, "whoosh") else f"home-{engine}")
    library = Library(get_paths(home), extra_sources=[folder], engine=engine)
    stats = library.update()
    return library, folder, stats.seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="folder to write DEST/library into")
    parser.add_argument("--n", type=int, default=10_000, help="number of articles (default 10000)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        library = generate(args.dest, args.n, args.seed)
    except CorpusMissing as error:
        print(f"skipped: {error}", file=sys.stderr)
        return 0
    print(f"{args.n} articles in {library}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
