"""How positions are written in the index's postings.

Pickled by reference into the index's schema, so it stays importable under
this name.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Sequence

from whoosh.formats import Positions
from whoosh.system import pack_uint

_SWAP = sys.byteorder != "little"  # written little-endian on every machine


class ArrayPositions(Positions):  # type: ignore[misc]  # Whoosh is untyped: its classes are Any
    """Whoosh's positions format with the positions as an array of unsigned
    integers (two bytes each, four when one is past 65,535) after the count,
    instead of the pickled gaps between them: reading the positions of a
    posting is an array constructor (~0.3 µs) instead of unpickling and
    adding up (~2 µs), and a phrase of common words reads thousands."""

    # The value of a posting at each single position below 8,192, made once:
    # most postings of a text are one position.
    SINGLE: tuple[bytes, ...] = tuple(pack_uint(1) + b"H" + position.to_bytes(2, "little") for position in range(8192))

    def encode(self, poslist: Sequence[int]) -> bytes:
        """The count and the positions (in increasing order, as postings
        hold them)."""
        if not poslist or poslist[-1] < 65536:
            positions, code = array("H", poslist), b"H"
        else:
            positions, code = array("I", poslist), b"I"
        if _SWAP:
            positions.byteswap()
        count: bytes = pack_uint(len(positions))
        return count + code + positions.tobytes()

    def decode_positions(self, valuestring: bytes) -> Sequence[int]:
        positions = array(chr(valuestring[4]), valuestring[5:])
        if _SWAP:
            positions.byteswap()
        return positions
