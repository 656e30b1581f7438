"""Write ``reader/index/common_words.py``: the share of news articles each
common word (as analysed: lower case, Porter2 stem, stop words left out)
appears in, measured over the BBC corpus in ../shared/corpora/bbc.

    python -m benchmarks.common_words

Words in at least :data:`MIN_SHARE` of the articles are kept. The index
keeps pairs of neighbouring words whose shares multiply to at least
:data:`reader.index.schema.PAIR_SHARE` (see there); changing the list
changes what the pairs fields hold, so bump the schema version with it.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

from benchmarks.corpus import ROOT, bbc_files, require_bbc

MIN_SHARE = 0.01
TARGET = ROOT / "reader" / "index" / "common_words.py"


def shares() -> dict[str, float]:
    from reader.corpus import read_article
    from reader.index.schema import make_analyzer

    analyzer = make_analyzer()
    df: Counter[str] = Counter()
    files = bbc_files()
    for number, path in enumerate(files):
        article = read_article(path, id=str(number))
        df.update({token.text for token in analyzer(article.title + "\n" + article.body)})
    return {word: count / len(files) for word, count in df.items() if count / len(files) >= MIN_SHARE}


def main() -> int:
    require_bbc()
    found = shares()
    lines = [
        '"""The share of news articles each common word appears in (analysed:',
        "lower case, Porter2 stem, no stop words), over the BBC news dataset.",
        "Written by ``python -m benchmarks.common_words``; words in fewer than",
        f"{MIN_SHARE:.0%} of the articles are left out.",
        '"""',
        "",
        "DOC_SHARE: dict[str, float] = {",
        *(f"    {json.dumps(word)}: {share:.4f}," for word, share in sorted(found.items())),
        "}",
        "",
    ]
    TARGET.write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(found):,} words written to {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
