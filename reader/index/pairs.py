"""Word pairs: the terms of the ``*_pairs`` fields (see
:data:`reader.index.schema.PAIR_FIELDS`).

Pickled by reference into the index's schema, so it stays importable under
this name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from whoosh.analysis import Filter, Token

from reader.index.schema import PAIR_SEPARATOR


class PairFilter(Filter):  # type: ignore[misc]  # Whoosh is untyped: its classes are Any
    """Each word and the next, as one token at the first word's position and
    from its first character, when both words are common (in ``common``)
    or either is very common (in ``anchors``): neighbours in the analysed
    stream are neighbours in the text (the stop filter numbers the words it
    keeps one by one), so a phrase of such words is the run of its pairs.

    Reading a phrase from positions costs about the number of articles that
    hold all its words; these pairs are the phrases where that is large. A
    phrase of other words reads few positions. The filter is pickled with
    the schema, so an index answers with the pairs it was written with.
    """

    def __init__(self, common: Iterable[str], anchors: Iterable[str]) -> None:
        self.anchors = frozenset(anchors)
        self.common = frozenset(common) | self.anchors

    def indexed(self, first: str, second: str) -> bool:
        """Whether the pair of these two words is indexed."""
        if first in self.anchors or second in self.anchors:
            return True
        return first in self.common and second in self.common

    def pairs(self, words: Sequence[str]) -> list[str | None]:
        """The pair term of each two neighbouring ``words``, None where the
        pair is not indexed."""
        indexed = self.indexed
        return [a + PAIR_SEPARATOR + b if indexed(a, b) else None for a, b in zip(words, words[1:])]

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        previous: str | None = None
        previous_pos = previous_start = 0
        for token in tokens:
            word = token.text
            pos = token.pos if token.positions else 0
            start = token.startchar if token.chars else 0
            if previous is not None and self.indexed(previous, word):
                token.text = previous + PAIR_SEPARATOR + word
                if token.positions:
                    token.pos = previous_pos
                if token.chars:
                    token.startchar = previous_start
                yield token
            previous, previous_pos, previous_start = word, pos, start
