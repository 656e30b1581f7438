"""Speed of the annotator, absolute and relative to a plain regex pass.

    python -m benchmarks.bench_annotate

Targets: a 5,000-character article in under 5 ms on average, a 1 MB body in
under 2 s, and adversarial 1 MB inputs (walls of quote marks, digits,
spaces, separators) in linear time, never catastrophic backtracking. Each
timing is also given as a ratio to ``re.finditer(r"\\w+", body)`` over the
same text, measured in the same run, so results compare across machines.
"""

from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path

from reader.annotate import annotate

_WORDS = re.compile(r"\w+")
ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000


def _best_of(func, body: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        func(body)
        best = min(best, time.perf_counter() - t0)
    return best


def _mean_of(func, body: str, repeat: int) -> float:
    t0 = time.perf_counter()
    for _ in range(repeat):
        func(body)
    return (time.perf_counter() - t0) / repeat


def _baseline(body: str) -> None:
    for _ in _WORDS.finditer(body):
        pass


def _news_text() -> str:
    from reader.corpus import read_article

    bodies = []
    for path in sorted((ROOT / "tests" / "data" / "annotations").glob("*.txt")):
        bodies.append(read_article(path, id=path.stem).body)
    return "\n\n".join(bodies)


def _articles(text: str, size: int) -> list[str]:
    """``text`` cut into pieces of about ``size`` characters at paragraph breaks."""
    pieces, start = [], 0
    while start < len(text):
        cut = text.rfind("\n\n", start, start + size)
        end = cut if cut > start + size // 2 and start + size < len(text) else min(len(text), start + size)
        pieces.append(text[start:end].strip())
        start = end
    return [piece for piece in pieces if len(piece) > size // 2]


def _article(text: str, size: int) -> str:
    out = text
    while len(out) < size:
        out += "\n\n" + text
    cut = out.rfind("\n\n", 0, size)
    return out[: cut if cut > size // 2 else size]


def _adversarial(rng: random.Random) -> dict[str, str]:
    marks = "\"'“”‘’„«»‹›‚"
    return {
        'straight quotes """': '"' * MB,
        "mixed quote marks": "".join(rng.choice(marks) for _ in range(MB)),
        "quote marks and spaces": "".join(rng.choice(marks + " ") for _ in range(MB)),
        "quote, letter, space": "".join(rng.choice(marks) + "a " for _ in range(MB // 3)),
        "digits": "7" * MB,
        "digits and commas": "1,000," * (MB // 6),
        "digits and dots": "1.2." * (MB // 4),
        "digits, hyphens": "2-1-" * (MB // 4),
        "numbers and commas": "1, " * (MB // 3),
        "a word, a number": "a 1 " * (MB // 4),
        "amounts with a magnitude": "1.5m " * (MB // 5),
        "spaces": " " * MB,
        "newlines": "\n" * MB,
        "number words": "twenty-one " * (MB // 11),
        "unclosed quotes per paragraph": ('"and so it goes on ' * 50 + "\n\n") * (MB // 1002),
        "said X after quotes": ('"Yes," said ' * 80 + "\n\n") * (MB // 962),
        "random printable": "".join(rng.choice("ab 1.\"'“”,%£-\n") for _ in range(MB)),
    }


def main() -> int:
    rng = random.Random(1)
    text = _news_text()
    rows: list[tuple[str, int, float, float, str]] = []
    failures = []

    def measure(name: str, body: str, repeat: int, limit_s: float | None, mean: bool = False) -> None:
        timer = _mean_of if mean else _best_of
        t = timer(annotate, body, repeat)
        base = timer(_baseline, body, repeat)
        verdict = ""
        if limit_s is not None:
            ok = t < limit_s
            verdict = f"{'ok' if ok else 'SLOW'} (< {limit_s * 1000:g} ms)"
            if not ok:
                failures.append(name)
        rows.append((name, len(body), t * 1000, t / base if base else float("inf"), verdict))

    # Articles of 5,000 characters: the gold texts cut in turn at paragraph
    # breaks. Each is timed (mean of 50 runs); the target is their mean.
    articles = _articles(text, 5000)
    annotate(articles[0])  # warm up
    times = [_mean_of(annotate, body, 50) for body in articles]
    mean = sum(times) / len(times)
    base = sum(_mean_of(_baseline, body, 50) for body in articles) / len(articles)
    ok = mean < 0.002
    if not ok:
        failures.append("news articles")
    size = sum(map(len, articles)) // len(articles)
    rows.append(
        (
            f"news articles, 5,000 chars (mean of {len(articles)})",
            size,
            mean * 1000,
            mean / base,
            f"{'ok' if ok else 'SLOW'} (< 2 ms)",
        )
    )
    slowest = max(range(len(articles)), key=times.__getitem__)
    rows.append(("news articles: the slowest of them", len(articles[slowest]), times[slowest] * 1000, 0.0, ""))
    measure("news text, 1 MB", _article(text, MB), 3, 2.0)
    for name, body in _adversarial(rng).items():
        measure(f"adversarial: {name}", body, 1, 2.0)

    print(f"{'input':<46} {'chars':>9} {'ms':>9} {'x baseline':>11}  target")
    for name, size, ms, ratio, verdict in rows:
        print(f"{name:<46} {size:>9,} {ms:>9.2f} {ratio:>11.1f}  {verdict}")
    print('\nbaseline: one re.finditer(r"\\w+", body) pass over the same text, same run.')
    if failures:
        print("too slow: " + ", ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
