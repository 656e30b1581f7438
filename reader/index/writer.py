"""A faster Whoosh segment writer for the article schema.

:class:`ArticleWriter` writes the same index as Whoosh's own
``SegmentWriter`` (same terms, positions, weights, lengths and stored
fields: ``tests/unit/test_index_writer.py`` compares the two), only with
less work per word. What a profile of a 2,000-article build showed, and
what changed:

* **Analysis.** Whoosh runs every word through a chain of generators
  (tokenizer, lower case, stop words, stemmer, each with a ``Token``
  object) and then analyses the whole text a second time, without the
  stemmer, for the spelling words. Here one loop over the regular
  expression's matches does both, with the same rules (taken from the
  field's analyzer) and a plain dictionary of stems instead of Whoosh's
  pure-Python LFU cache. Fields whose analyzer is anything else go the
  usual way.
* **Spelling words.** Whoosh adds one posting per article for every
  distinct word of a spelling field (``spell_title``, ``spell_body``), all
  on document 0: half of all postings, each sorted and written. Here each
  word is counted and written once per segment, with the number of
  articles that hold it as its weight, so the words (what
  ``terms_within`` reads) and their weights (``IndexReader.frequency``)
  are what they were; only ``doc_frequency`` of a spelling word is no
  longer the number of articles (:func:`reader.index.spelling.closest_word`
  reads ``frequency``).
* **The posting pool.** Whoosh keeps one tuple per posting and sorts
  them all at the commit; past ``limitmb`` it pickles them one by one to a
  run file (10,000 articles at 256 MB: a 5-second stall per run, and about
  150 bytes of memory per posting). Here postings are kept by term, in
  arrays; only the terms are sorted, and runs are pickled a few thousand
  terms at a time.
* **Posting blocks.** Whoosh pickles each block of postings with
  protocol 2, where every posting's encoded positions (a ``bytes``) is a
  call to ``_codecs.encode``: slow to write and ten times slower to load
  than protocol 5, which writes them here (:class:`_PostingsWriter`,
  and :func:`_write_terms`, which writes a segment's terms and blocks
  without Whoosh's calls per posting and objects per term: the same bytes).
* **Word pairs.** A pairs field (``body_pairs``) reuses the words its
  text field has just analysed instead of analysing the text again.
* **Field lengths.** When the postings are written Whoosh asks for each
  posting's field length, and for fields with no lengths (every ID field
  and the spelling fields) it checks whether the lengths file exists with
  an ``os.stat`` each time (650,000 calls for 2,000 articles). Here each
  field's lengths are read once into a list.
"""

from __future__ import annotations

import heapq
import pickle
import re
import zlib
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from hashlib import md5
from struct import Struct
from typing import TYPE_CHECKING, Any

from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.analysis.analyzers import CompositeAnalyzer  # whoosh3 no longer re-exports it from whoosh.analysis
from whoosh.analysis.tokenizers import default_pattern
from whoosh.codec.whoosh3 import (
    COMPRESSION_MIN_SIZE,
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3PostingsWriter,
    W3TermInfo,
    _lenfield,
)
from whoosh.formats import Positions
from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort
from whoosh.util import random_name
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.util.numlists import delta_encode
from whoosh.writing import SegmentWriter

from reader.index.formats import ArrayPositions
from reader.index.pairs import PairFilter
from reader.index.schema import PAIR_SEPARATOR

if TYPE_CHECKING:
    from typing import TypeAlias

    from whoosh.fields import FieldType
    from whoosh.index import Index

    # A term's postings: document numbers, weights, values.
    _Postings: TypeAlias = tuple[array[int], array[float], list[bytes | None]]
    # A term's only posting so far: document number, weight, value.
    _One: TypeAlias = tuple[int, float, bytes | None]
    _Held: TypeAlias = _Postings | _One

# Whoosh's default token pattern, ``[\w\*]+(\.?[\w\*]+)*``, with its group
# made non-capturing so that ``findall`` returns whole matches.
_DEFAULT_TOKENS = r"[\w\*]+(?:\.?[\w\*]+)*"

# Tokens seen so far, as the analysis settings (tokenizer, stop words,
# stemmer) left them: None when left out, else the word in lower case and
# its stem (all fields, all writers of this process): Porter2 costs ~30 µs
# a word and a library repeats its words, so a token is one lookup. Cleared
# when it grows past this many tokens (a few tens of MB).
STEM_CACHE_WORDS = 300_000
_tokens: dict[tuple[Any, ...], dict[str, tuple[str, str] | None]] = {}
_UNSEEN: Any = object()

# Estimated bytes held per term and per posting (for ``limitmb``): a term
# with one posting (most of them) is one tuple, with more three arrays.
_TERM_BYTES = 400
_ONE_BYTES = 200
_POSTING_BYTES = 20
_BYTES_OBJECT = 33
# Terms per pickled chunk of a run file.
_RUN_CHUNK = 2000

# The positions of each distinct term of a text, and the sorted distinct
# words for the spelling field (None: none kept).
Analysed = tuple[dict[str, list[int]], list[str] | None]


# The words of the text analysed last (its kept words' stems and the first
# one's position), by the settings that analysed it: a text field and its
# pairs field analyse the same text one after the other.
_recent: list[Any] = [None]


class FastField:
    """A field analysed in one pass (:func:`fast_analysis`): ``analyse``
    gives a text's terms with their positions, ``field_boost`` is the
    format's boost (a posting's weight is its frequency times it) and
    ``encode`` writes a posting's positions; ``single`` holds the encoded
    value of each single position up to its length (most postings), shared
    instead of encoded again."""

    __slots__ = ("analyse", "encode", "field_boost", "single")

    def __init__(self, analyse: Callable[[str], Analysed], fmt: Any) -> None:
        self.analyse = analyse
        self.field_boost = float(fmt.field_boost)
        self.encode: Callable[[Sequence[int]], bytes] = fmt.encode
        self.single: Sequence[bytes] = ArrayPositions.SINGLE if type(fmt) is ArrayPositions else ()

    def __call__(self, value: str) -> Analysed:
        return self.analyse(value)


def fast_analysis(field: FieldType) -> FastField | None:
    """One-pass analysis for a field whose analyzer is a regex tokenizer,
    lower case, stop words and a stemmer (what :func:`whoosh.analysis.
    StemmingAnalyzer` makes), optionally followed by the pair filter, and
    whose format stores positions; None for any other field."""
    analyzer = getattr(field, "analyzer", None)
    fmt: Any = getattr(field, "format", None)
    if not isinstance(analyzer, CompositeAnalyzer) or type(fmt) not in (Positions, ArrayPositions):
        return None
    items = list(analyzer.items)
    pairs: PairFilter | None = items.pop() if items and type(items[-1]) is PairFilter else None
    if [type(item) for item in items] != [RegexTokenizer, LowercaseFilter, StopFilter, StemFilter]:
        return None
    tokenizer, _, stopper, stemmer = items
    if tokenizer.gaps or not stopper.renumber or getattr(stemmer, "lang", None):
        return None
    pattern: re.Pattern[str] = tokenizer.expression
    if pattern.pattern == default_pattern.pattern and pattern.flags == default_pattern.flags:
        findall: Callable[[str], list[str]] = re.compile(_DEFAULT_TOKENS, pattern.flags).findall
    else:

        def findall(text: str) -> list[str]:
            return [m.group(0) for m in pattern.finditer(text)]

    stops: frozenset[str] = stopper.stops
    minsize: int = stopper.min
    maxsize: int | None = stopper.max
    ignore = frozenset(stemmer.ignore or ())
    stemfn: Callable[[str], str] = stemmer.stemfn
    settings = (pattern.pattern, pattern.flags, stops, minsize, maxsize, ignore, stemfn)
    spelling = field.separate_spelling()
    anchors = pairs.anchors if pairs is not None else frozenset()
    common = pairs.common if pairs is not None else frozenset()

    def kept(value: str) -> tuple[int, list[str], list[str]]:
        """The position of the first kept word, the stems of the kept words
        and the kept words."""
        recent = _recent[0]
        if recent is not None and recent[0] is value and recent[1] == settings:
            held: tuple[int, list[str], list[str]] = recent[2]
            return held
        memo = _tokens.get(settings)
        if memo is None or len(memo) > STEM_CACHE_WORDS:
            memo = _tokens[settings] = {}
        get = memo.get
        first = -1
        words: list[str] = []
        stemmed: list[str] = []
        for index, token in enumerate(findall(value)):
            found = get(token, _UNSEEN)
            if found is _UNSEEN:
                word = token.lower()
                if len(word) < minsize or (maxsize is not None and len(word) > maxsize) or word in stops:
                    found = None
                else:
                    found = (word, word if word in ignore else stemfn(word))
                memo[token] = found
            if found is None:
                continue
            # Whoosh's stop filter keeps the first kept word's place among
            # all tokens and numbers the words after it one by one.
            if first < 0:
                first = index
            words.append(found[0])
            stemmed.append(found[1])
        result = (first, stemmed, words)
        _recent[0] = (value, settings, result)
        return result

    def analyse(value: str) -> Analysed:
        first, stemmed, words = kept(value)
        positions: defaultdict[str, list[int]] = defaultdict(list)
        if pairs is None:
            for pos, term in enumerate(stemmed, first):
                positions[term].append(pos)
        else:
            # PairFilter.pairs, inline: a call per pair costs a fifth of it.
            pos = first
            for a, b in zip(stemmed, stemmed[1:]):
                if a in anchors or b in anchors or (a in common and b in common):
                    positions[a + PAIR_SEPARATOR + b].append(pos)
                pos += 1
        return positions, sorted(set(words)) if spelling else None

    return FastField(analyse, fmt)


class _TermPool:
    """The postings of a new segment, kept by field and term instead of one
    tuple per posting in Whoosh's external sort: see the module docstring.

    Each term holds its document numbers, weights and values in the order
    they came, which is the order of the document numbers (documents are
    added in order, and the segments a commit merges in come after them).
    The terms of the one-pass fields (``text_fields``) are held as ``str``,
    encoded once when written (UTF-8 keeps their order); the others' as the
    bytes Whoosh gives. Past ``limitmb`` (an estimate of the memory held)
    the terms are written to a temporary run file in term order and
    dropped; at the end the runs and what is in memory are merged by term.
    Spelling words are counted (one posting per word with the number of
    articles as its weight).
    """

    def __init__(self, tempstore: Any, limitmb: int, spelling_fields: Iterable[str], text_fields: Iterable[str] = ()) -> None:
        self.tempstore = tempstore
        self.limit = limitmb * 1024 * 1024
        self.size = 0
        self.spelling_fields = frozenset(spelling_fields)
        self.text_fields = frozenset(text_fields)
        self.spelling_counts: dict[str, Counter[str]] = {}
        self.fields: dict[str, dict[Any, _Held]] = {}
        self.fieldnames: set[str] = set()
        self.runs: list[str] = []

    def _terms(self, fieldname: str) -> dict[Any, _Held]:
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        return terms

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting ``(fieldname, btext, docnum, weight, value)``, as
        Whoosh's pool takes them (merged segments, the other fields)."""
        fieldname, btext, docnum, weight, value = item
        if fieldname in self.spelling_fields:
            self.fieldnames.add(fieldname)
            counts = self.spelling_counts.setdefault(fieldname, Counter())
            counts[btext.decode("utf-8")] += int(weight)  # a count: the number of articles
            return
        self.add_postings(fieldname, [(btext, docnum, weight, value)])

    def add_postings(self, fieldname: str, postings: Iterable[tuple[bytes, int, float, bytes | None]]) -> None:
        terms = self._terms(fieldname)
        text = fieldname in self.text_fields
        size = 0
        for btext, docnum, weight, value in postings:
            key = btext.decode("utf-8") if text else btext
            held = terms.get(key)
            if held is None:
                terms[key] = (docnum, weight, value)
                size += _ONE_BYTES + len(btext)
            else:
                if type(held[0]) is int:
                    held = terms[key] = _arrays(held)
                    size += _TERM_BYTES - _ONE_BYTES
                held[0].append(docnum)  # type: ignore[union-attr]
                held[1].append(weight)  # type: ignore[union-attr]
                held[2].append(value)  # type: ignore[union-attr]
            size += _POSTING_BYTES if value is None else _POSTING_BYTES + _BYTES_OBJECT + len(value)
        self.size += size
        if self.size > self.limit:
            self.save()

    def add_positions(self, fieldname: str, docnum: int, positions: dict[str, list[int]], fast: FastField, boost: float) -> int:
        """A document's terms of a one-pass field with their positions (a
        posting's weight: its frequency times the format's boost times
        ``boost``); returns the field's length (its number of terms)."""
        terms = self._terms(fieldname)
        get = terms.get
        field_boost = fast.field_boost
        encode = fast.encode
        single = fast.single
        singles = len(single)
        length = 0
        size = _POSTING_BYTES * len(positions)
        for term, at in positions.items():
            count = len(at)
            length += count
            if count == 1 and at[0] < singles:
                value = single[at[0]]
            else:
                value = encode(at)
                size += _BYTES_OBJECT + len(value)
            held = get(term)
            if held is None:
                terms[term] = (docnum, count * field_boost * boost, value)
                size += _ONE_BYTES + len(term)
            elif type(held[0]) is int:
                terms[term] = (
                    array("I", (held[0], docnum)),
                    array("d", (held[1], count * field_boost * boost)),
                    [held[2], value],
                )
                size += _TERM_BYTES - _ONE_BYTES
            else:
                held[0].append(docnum)  # type: ignore[union-attr]
                held[1].append(count * field_boost * boost)  # type: ignore[union-attr]
                held[2].append(value)  # type: ignore[union-attr]
        self.size += size
        if self.size > self.limit:
            self.save()
        return length

    def count_words(self, fieldname: str, words: Iterable[str]) -> None:
        counts = self.spelling_counts.get(fieldname)
        if counts is None:
            counts = self.spelling_counts[fieldname] = Counter()
            self.fieldnames.add(fieldname)
        counts.update(words)

    def _sorted(self) -> Iterator[tuple[tuple[str, Any], _Held]]:
        """The terms in memory in term order (by field, then term), dropped
        from the pool as they go."""
        fields, self.fields = self.fields, {}
        for fieldname in sorted(fields):
            terms = fields.pop(fieldname)
            for key in sorted(terms):
                yield (fieldname, key), terms[key]

    def save(self) -> None:
        """Write the terms in memory to a run file, in term order."""
        if not self.fields:
            return
        name = f"{random_name()}.run"
        with self.tempstore.create_file(name).raw_file() as f:
            chunk: list[tuple[tuple[str, Any], Any, Any, Any]] = []
            for key, held in self._sorted():
                ids, weights, values = held
                if type(ids) is int:
                    chunk.append((key, ids, weights, values))
                else:
                    chunk.append((key, ids.tobytes(), weights.tobytes(), values))  # type: ignore[union-attr]
                if len(chunk) >= _RUN_CHUNK:
                    pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
                    chunk = []
            if chunk:
                pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        self.runs.append(name)
        self.size = 0

    def _read_run(self, name: str) -> Iterator[tuple[tuple[str, Any], _Held]]:
        with self.tempstore.open_file(name).raw_file() as f:
            while True:
                try:
                    chunk = pickle.load(f)
                except EOFError:
                    break
                for key, ids, weights, values in chunk:
                    if type(ids) is int:
                        yield key, (ids, weights, values)
                        continue
                    held = (array("I"), array("d"), values)
                    held[0].frombytes(ids)
                    held[1].frombytes(weights)
                    yield key, held
        self.tempstore.delete_file(name)

    def iter_terms(self) -> Iterator[tuple[tuple[str, bytes], _Postings]]:
        """Every term with its postings, in term order (the runs merged)."""
        for fieldname, counts in self.spelling_counts.items():
            terms = self._terms(fieldname)
            for word, count in counts.items():
                # The value of a posting of the spelling fields' Frequency format.
                terms[word] = (array("I", [0]), array("d", [count]), [pack_uint(min(int(count), 0xFFFFFFFF))])
        self.spelling_counts = {}
        for (fieldname, term), held in self._merged():
            if type(held[0]) is int:
                held = ((held[0],), (held[1],), [held[2]])  # type: ignore[assignment]
            yield (fieldname, term.encode("utf-8") if isinstance(term, str) else term), held  # type: ignore[misc]

    def _merged(self) -> Iterator[tuple[tuple[str, Any], _Held]]:
        if self.runs:
            # Merged from files only: the terms in memory would otherwise
            # stay held (with all their postings) until the last term is
            # written, beside what the merge reads back.
            self.save()
        runs, self.runs = self.runs, []
        if not runs:
            yield from self._sorted()
            return
        sources = [self._read_run(name) for name in runs]
        # Each term tagged with its run's number, so that a term in several
        # runs comes from the earliest first (its documents come first).
        merged = heapq.merge(*(_numbered(source, n) for n, source in enumerate(sources)))
        last: tuple[str, Any] | None = None
        pending: _Held | None = None
        for key, _, held in merged:
            if key == last and pending is not None:
                # The same term in an earlier run: its documents come first.
                pending = _arrays(pending)
                more = _arrays(held)
                pending[0].extend(more[0])
                pending[1].extend(more[1])
                pending[2].extend(more[2])
                continue
            if pending is not None and last is not None:
                yield last, pending
            last, pending = key, held
        if pending is not None and last is not None:
            yield last, pending

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes | None]]:
        for (fieldname, btext), (ids, weights, values) in self.iter_terms():
            for docnum, weight, value in zip(ids, weights, values):
                yield fieldname, btext, docnum, weight, value

    def cleanup(self) -> None:
        for name in self.runs:
            try:
                self.tempstore.delete_file(name)
            except OSError:
                pass
        self.runs = []


def _numbered(source: Iterator[tuple[tuple[str, Any], _Held]], n: int) -> Iterator[tuple[tuple[str, Any], int, _Held]]:
    for key, held in source:
        yield key, n, held


def _arrays(held: _Held) -> _Postings:
    """A term's postings as arrays (made from its only posting if need be)."""
    if type(held[0]) is int:
        return array("I", (held[0],)), array("d", (held[1],)), [held[2]]
    return held  # type: ignore[return-value]


class _Lengths:
    """``doc_field_length`` of a new segment, each field's lengths read once."""

    _TABLE = [0] + [byte_to_length(b) for b in range(1, 256)]

    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._fields: dict[str, list[int] | None] = {}

    def _load(self, fieldname: str) -> list[int] | None:
        lenfield = _lenfield(fieldname)
        if not self._reader.has_column(lenfield):
            return None
        column = self._reader.column_reader(lenfield, LENGTHS_COLUMN)
        table = self._TABLE
        return [table[b] for b in column]

    def field(self, fieldname: str) -> list[int] | None:
        """The length of ``fieldname`` in each document (None: no lengths)."""
        try:
            return self._fields[fieldname]
        except KeyError:
            lengths = self._fields[fieldname] = self._load(fieldname)
            return lengths

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self.field(fieldname)
        return default if lengths is None else lengths[docnum]


def _block(
    mini: tuple[Any, Any, Any],
    ids: Sequence[int],
    maxweight: float,
    minlength: int | None,
    maxlength: int,
    compression: int,
    last: bool,
) -> bytes:
    """One block of a term's postings as the W3 codec lays it out: its
    length (negative for the term's last block), its statistics (pickle
    protocol 2) and its minified ids, weights and values (protocol 5,
    compressed when that pays)."""
    data = pickle.dumps(mini, 5)
    comp = compression if len(data) >= COMPRESSION_MIN_SIZE else 0
    if comp:
        data = zlib.compress(data, comp)
    info = pickle.dumps((len(ids), ids[-1], maxweight, comp, length_to_byte(minlength), length_to_byte(maxlength)), 2)
    length = len(info) + len(data)
    header: bytes = pack_int(-length if last else length)
    return header + info + data


def _write_terms(
    fieldwriter: Any, schema: Any, lengths: _Lengths | None, terms: Iterable[tuple[tuple[str, bytes], _Postings]]
) -> None:
    """Whoosh's ``FieldWriter.add_postings`` for postings held by term,
    writing the same bytes as Whoosh's W3 field and postings writers (with
    blocks in pickle protocol 5, as :class:`_PostingsWriter`): each term's
    blocks, its term-info record and its row of the terms table
    (``OrderedHashWriter.add``), without a call and five checks per posting,
    the writers' objects and method calls per term (~45 µs a term in
    Whoosh's; the word pairs make several hundred thousand terms) and a
    write and a ``tell`` per piece: the bytes of both files are gathered
    and written a few hundred kilobytes at a time."""
    codec = fieldwriter._codec
    limit: int = codec._blocklimit
    compression: int = codec._compression
    postfile = fieldwriter._postfile
    tindex = fieldwriter._tindex
    tfile = tindex.dbfile
    buckets = tindex.buckets
    offsets = tindex.index
    pack_info = W3TermInfo._struct.pack
    pack_lengths = _TABLE_LENGTHS.pack
    posts: list[bytes] = []
    table: list[bytes] = []
    post_at: int = postfile.tell()
    table_at: int = tfile.tell()
    pending = 0
    lastfield: str | None = None
    field_lengths: list[int] | None = None
    fieldkey = b""
    fixedsize: int | None = None
    key = tindex.lastkey
    for (fieldname, btext), (ids, weights, values) in terms:
        if fieldname != lastfield:
            if lastfield is not None:
                fieldwriter.finish_field()
            fieldwriter.start_field(fieldname, schema[fieldname])
            lastfield = fieldname
            field_lengths = lengths.field(fieldname) if lengths is not None else None
            fieldkey = pack_ushort(fieldwriter._fieldid)
            fixedsize = schema[fieldname].format.fixed_value_size()
        count = len(ids)
        start = post_at
        posts.append(WHOOSH3_HEADER_MAGIC)
        post_at += 4
        total = 0.0
        minlength: int | None = None
        maxlength = 0
        maxweight: float = 0
        for first in range(0, count, limit):
            end = min(first + limit, count)
            chunk = ids[first:end] if count > limit else ids
            raw = weights[first:end] if count > limit else weights
            stored = array("f", raw)  # as Whoosh's block holds weights
            weight = max(0, max(raw))
            low: int | None = None
            high = 0
            if field_lengths is not None:
                if end - first == 1:
                    low = field_lengths[chunk[0]] or None
                    high = low or 0
                else:
                    found = [length for length in map(field_lengths.__getitem__, chunk) if length]
                    if found:
                        low, high = min(found), max(found)
            # W3TermInfo.add_block
            total += sum(stored)
            minlength = low if minlength is None else min(minlength, low)  # type: ignore[type-var]
            maxlength = max(maxlength, high)
            maxweight = max(maxweight, weight)
            # W3PostingsWriter._mini_ids, _mini_weights, _mini_values
            mini_ids = tuple(delta_encode(chunk))
            first_weight = stored[0]
            if first_weight == 1.0 and all(w == 1.0 for w in stored):
                mini_weights: Any = None
            elif all(w == first_weight for w in stored):
                mini_weights = first_weight
            else:
                mini_weights = tuple(stored)
            kept = [value for value in (values[first:end] if count > limit else values) if value]
            if fixedsize is None or fixedsize < 0:
                mini_values: Any = tuple(kept)
            else:
                mini_values = None if fixedsize == 0 else b"".join(kept)
            block = _block((mini_ids, mini_weights, mini_values), chunk, weight, low, high, compression, end == count)
            posts.append(block)
            post_at += len(block)
        # W3TermInfo.to_bytes (postings not inlined) and OrderedHashWriter.add
        key = fieldkey + btext
        info = pack_info(
            0,
            total,
            count,
            0 if minlength is None else _length_byte(minlength),
            _length_byte(maxlength),
            maxweight,
            ids[0],
            ids[-1],
        )
        value = info + pack_long(start) + pack_int(post_at - start)
        row = pack_lengths(len(key), len(value)) + key + value
        offsets.append(table_at)
        hashed = int.from_bytes(md5(key, usedforsecurity=False).digest()[-4:], "big")  # filetables.md5_hash
        buckets[hashed & 255].append((hashed, table_at))
        table.append(row)
        table_at += len(row)
        pending += 1
        if pending >= _WRITE_TERMS:
            postfile.write(b"".join(posts))
            tfile.write(b"".join(table))
            posts, table, pending = [], [], 0
    postfile.write(b"".join(posts))
    tfile.write(b"".join(table))
    tindex.lastkey = key
    if lastfield is not None:
        fieldwriter.finish_field()


# The rows of the terms table: key length, value length (HashWriter's _lengths).
_TABLE_LENGTHS = Struct("!ii")
# Terms gathered before their bytes are written.
_WRITE_TERMS = 2000
_LENGTH_BYTES: dict[int, int] = {}


def _length_byte(length: int) -> int:
    """``length_to_byte``, remembered."""
    byte = _LENGTH_BYTES.get(length)
    if byte is None:
        byte = _LENGTH_BYTES[length] = length_to_byte(length)
    return byte


class _PostingsWriter(W3PostingsWriter):  # type: ignore[misc]  # Whoosh is untyped: its classes are Any
    """Whoosh's postings writer with each block pickled with protocol 5
    instead of 2: in protocol 2 every ``bytes`` object (a posting's encoded
    positions) is pickled as a call to ``_codecs.encode``, so loading a
    block of 128 postings took ~33 µs, 3 µs in protocol 5 (and the pickle
    is 40 % smaller). Whoosh's reader loads any protocol. The rest is
    ``W3PostingsWriter._write_block`` as it is."""

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        mini = (self._mini_ids(), self._mini_weights(), self._mini_values())
        self._postfile.write(_block(mini, self._ids, self._maxweight, self._minlength, self._maxlength, self._compression, last))
        self._blockcount += 1
        self._new_block()


class _Codec:
    """The writer's codec, but for its postings writer (the segment keeps
    Whoosh's own codec, which reads these blocks as any other)."""

    def __init__(self, codec: Any) -> None:
        self._codec = codec

    def __getattr__(self, name: str) -> Any:
        return getattr(self._codec, name)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        codec = self._codec
        return _PostingsWriter(
            dbfile, blocklimit=codec._blocklimit, byteids=byteids, compression=codec._compression, inlinelimit=codec._inlinelimit
        )


class ArticleWriter(SegmentWriter):  # type: ignore[misc]  # Whoosh is untyped: its classes are Any
    """Whoosh's segment writer with the faster analysis, spelling words and
    field lengths described in the module docstring."""

    def __init__(self, ix: Index, **kwargs: Any) -> None:
        # Segments stay as separate files: a compound segment file is copied
        # whole into memory by every reader that opens it (Whoosh's
        # BufferFile), which made each incremental update and each search
        # session read the index's whole postings file first, and the
        # assembling itself copies every segment file once more.
        kwargs.setdefault("compound", False)
        super().__init__(ix, **kwargs)
        if isinstance(self.fieldwriter, W3FieldWriter) and type(self.codec) is W3Codec:
            self.fieldwriter._codec = _Codec(self.codec)
        schema = self.schema
        self._fast = {name: fast_analysis(field) for name, field in schema.items()}
        spelling = [field.spelling_fieldname(name) for name, field in schema.items() if field.separate_spelling()]
        text = [name for name, fast in self._fast.items() if fast is not None]
        self.pool = _TermPool(self._tempstorage, kwargs.get("limitmb", 128), spelling, text)

    def add_document(self, **fields: Any) -> None:
        # SegmentWriter.add_document with the one-pass analysis (no vectors:
        # the schema has none; a field with a vector goes the usual way).
        self._check_state()
        schema = self.schema
        perdocwriter = self.perdocwriter
        pool = self.pool
        docnum = self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                fast = self._fast[fieldname] if isinstance(value, str) and not field.vector else None
                words: list[str] | None = None
                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    if fast is not None:
                        positions, words = fast.analyse(value)
                        counted = pool.add_positions(fieldname, docnum, positions, fast, fieldboost)
                        if field.scorable:
                            length = counted
                    else:
                        scorable = field.scorable
                        postings = []
                        for tbytes, freq, weight, vbytes in field.index(value):
                            if scorable:
                                length += freq
                            postings.append((tbytes, docnum, weight * fieldboost, vbytes))
                        pool.add_postings(fieldname, postings)
                if field.separate_spelling():
                    if words is None:
                        words = list(field.spellable_words(value))
                    pool.count_words(field.spelling_fieldname(fieldname), words)
                if field.vector:
                    vitems = sorted(
                        (text, weight, vbytes)
                        for text, _, weight, vbytes in field.vector.word_values(value, field.analyzer, mode="index")
                    )
                    perdocwriter.add_vector_items(fieldname, field, vitems)
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        # SegmentWriter._flush_segment with the lengths read once per field.
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        lengths = _Lengths(pdr) if pdr else None
        if isinstance(self.fieldwriter, W3FieldWriter):
            _write_terms(self.fieldwriter, self.schema, lengths, self.pool.iter_terms())
        else:
            self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if pdr:
            pdr.close()
