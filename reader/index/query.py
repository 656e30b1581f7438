"""Query parsing: the user's query string to a Whoosh query.

The language: plain words, ``AND``, ``OR``, ``NOT``/``-word``, ``+word``,
``"exact phrases"``, ``field:value`` for ``title:``, ``dateline:``,
``source:`` and ``date:`` (``date:2023-09``, ``date:[2023-09-01 to
2023-09-30]``), prefix ``karab*`` and fuzzy ``karabak~``.

Plain words are matched loosely (coordination): the articles with all of
them rank first, those with some of them follow. Very common words of a
question (``why``, ``did``, ``the``...) are left out of a loose query unless
it has nothing else. Everything else is strict: a query with ``AND``,
``OR`` or parentheses is matched exactly as written, and ``+word``,
``-word``, phrases, fields and dates bind every match.

A query that does not parse never raises: :func:`parse_query` falls back to
its plain words and says what was wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from whoosh import qparser, query

from reader.files.text import one_line
from reader.index.schema import WORD_TOKEN
from reader.index.spelling import words_within

if TYPE_CHECKING:
    from whoosh.fields import Schema
    from whoosh.qparser.syntax import SyntaxNode
    from whoosh.reading import IndexReader

FIELDS = ("title", "body", "dateline")
_NEGATION = re.compile(r'(?:(?<=^)|(?<=[\s(]))-(?=[\w"(])')
_RANGE_TO = re.compile(r"(\[[^\]]*?\s)to(\s[^\]]*\])", re.IGNORECASE)
_DATE_TERM = re.compile(r"\bdate:(?:\[[^\]]*\]?|\{[^}]*\}?|\S+)", re.IGNORECASE)
_WORD = re.compile(r"(\w[\w'’]*)(:?)")
# ``name:`` at the start of a word: a field, when ``name`` is one.
_FIELD = re.compile(r"(?<![\w:])([^\W\d]\w*):(?=[^\s:])")
# The fields a query may name (the others are internal).
QUERY_FIELDS = ("title", "body", "dateline", "source", "date", "author", "feed", "is")
# ``is:read``, ``is:unread`` (the read state is not in the index: a filter).
_IS = re.compile(r"(?<![\w:])is:(\w*)", re.IGNORECASE)
_RELATIVE_DATE = re.compile(r"\bdate:(today|yesterday|last-week|last-month)\b", re.IGNORECASE)
# Wildcards alone (``*``, ``**``, ``*?``): everything, as the empty query lists it.
_ONLY_WILDCARDS = re.compile(r"[*?\s]+")
# A word with wildcards and fewer than two other characters (``s*``, ``*a*``)
# expands to a large share of the vocabulary: seconds of work.
_WILD_WORD = re.compile(r"(?<![^\s(])[^\s()\"]*[*?][^\s()\"]*")
# Longer queries are cut (with a note): the parser's work grows with them
# (a 4,000-word query once exhausted its recursion), and no one types more.
MAX_QUERY_CHARS = 1_000
MAX_QUERY_WORDS = 40


# The words of a question that say nothing of its subject: a loose query
# leaves them out (a match need not have them, and they rank nothing).
QUESTION_WORDS = frozenset(
    """a about after against an and any are as at be been being but by can could did do does doing done during for from get
    got had has have he her him his how i if in into is it its many me much my of on or our over she should
    so than that the their them then there these they this those to was we were what when where which who
    whom whose why will with would you your""".split()
)
# Loose queries of this many words or more are searched as one array of matches.
ARRAY_OR_WORDS = 8
# While a query is typed, a last word of this many letters or digits that
# matches nothing is searched as a prefix (shorter ones expand to too much).
TYPED_PREFIX_MIN = 4
_TYPED_WORD = re.compile(r"(?:^|(?<=[\s(]))([^\W_]+)$")
_OPERATORS = frozenset({"AND", "OR", "NOT", "TO"})


def typed_prefix(text: str) -> tuple[str, str] | None:
    """``text`` with the word being typed at its end as a prefix, and that
    word: ``("gove*", "gove")`` for ``gove``. None when ``text`` does not end
    in such a word: a space after it (the word is finished), fewer than
    :data:`TYPED_PREFIX_MIN` letters or digits, an operator, or a word that
    is not plain (in an open quote, after a field name, a sign, a pattern)."""
    found = _TYPED_WORD.search(text)
    if found is None or text.count('"') % 2:
        return None
    word = found.group(1)
    if len(word) < TYPED_PREFIX_MIN or word in _OPERATORS:
        return None
    return text + "*", word


# Plain words are those with none of these: operators, fields, phrases, ranges.
_STRICT_MARK = re.compile(r'^[+\-<>=]|[:"\[\]{}]')
_PLAIN_WORD = re.compile(r"[\w'’.,;!%&$£€-]+")


def _top_level(text: str) -> list[str] | None:
    """``text`` split at white space outside phrases and ranges; None when
    it has parentheses, which group operators."""
    tokens: list[str] = []
    current: list[str] = []
    closing = ""
    for ch in text:
        if closing:
            current.append(ch)
            if ch == closing:
                closing = ""
        elif ch == '"':
            current.append(ch)
            closing = '"'
        elif ch in "[{":
            current.append(ch)
            closing = "]" if ch == "[" else "}"
        elif ch in "()":
            return None
        elif ch.isspace():
            if current:
                tokens.append("".join(current))
                current = []
        else:
            current.append(ch)
    if current:
        tokens.append("".join(current))
    return tokens


def _split_loose(text: str) -> tuple[list[str], list[str]] | None:
    """``(strict, loose)``: the parts of ``text`` every match must satisfy,
    and its plain words; None when ``AND``, ``OR`` or parentheses make the
    whole query strict."""
    tokens = _top_level(text)
    if tokens is None or any(t in ("AND", "OR") for t in tokens):
        return None
    if len(tokens) > 1 and tokens[-1].endswith("?") and tokens[-1].strip("?"):
        tokens[-1] = tokens[-1].rstrip("?")  # a question mark, not a wildcard
    strict: list[str] = []
    loose: list[str] = []
    negate_next = False
    for token in tokens:
        if negate_next or token == "NOT" or _STRICT_MARK.search(token):
            strict.append(token)
            negate_next = token == "NOT"
        else:
            loose.append(token)
    return strict, loose


def _neighbours(parser: qparser.QueryParser, words: list[str]) -> tuple[tuple[str, str], ...]:
    """The index terms of each two neighbouring ``words`` (plain words only),
    in query order: the search ranks articles higher where they stand near
    each other."""
    stems: list[str] = []
    analyzer = parser.schema["body"].analyzer
    for word in words:
        if _PLAIN_WORD.fullmatch(word):
            stems.extend(token.text for token in analyzer(word, mode="query"))
    return tuple(dict.fromkeys(pair for pair in zip(stems, stems[1:], strict=False) if pair[0] != pair[1]))


@dataclass(frozen=True)
class ParsedQuery:
    """A parsed query, with a note when the text had to be read loosely.

    ``query`` matches what every word asks for. For a query of plain words,
    ``loose`` also matches the articles with only some of the words (and
    every strict part; None otherwise), and ``near`` holds the index terms
    of each two neighbouring words.
    """

    text: str
    query: query.Query
    problem: str | None = None
    loose: query.Query | None = None
    near: tuple[tuple[str, str], ...] = ()
    # Each word of ``loose``, as parsed.
    words: tuple[query.Query, ...] = ()
    # Written as a question: words such as "why", "did", "the" were left
    # out, or it ends with a question mark.
    question: bool = False
    # ``is:read`` / ``is:unread``: only the articles read / not read.
    read: str | None = None

    @property
    def is_empty(self) -> bool:
        return isinstance(self.query, query.Every)


def _outside_quotes(text: str, change: Callable[[str], str]) -> str:
    """``text`` with ``change`` applied to the parts outside ``"phrases"``."""
    parts = text.split('"')
    return '"'.join(change(part) if i % 2 == 0 else part for i, part in enumerate(parts))


def _unknown_fields(text: str) -> list[str]:
    """The ``name:`` prefixes outside phrases that name no field, in order."""
    parts = text.split('"')[::2]  # the even parts are outside quotes
    found = [m.group(1) for part in parts for m in _FIELD.finditer(part)]
    return list(dict.fromkeys(name for name in found if name.lower() not in QUERY_FIELDS))


def _rewrite(text: str) -> str:
    """``-word`` to ``NOT word`` and ``[a to b]`` to ``[a TO b]``, outside phrases."""
    parts = text.split('"')
    for i in range(0, len(parts), 2):  # even parts are outside quotes
        part = _NEGATION.sub("NOT ", parts[i])
        parts[i] = _RANGE_TO.sub(r"\1TO\2", part)
    return '"'.join(parts)


class WordFuzzyTerm(query.FuzzyTerm):  # type: ignore[misc]  # Whoosh is untyped: its classes are Any
    """``word~``: index terms whose *words* are within ``maxdist`` edits of ``word``.

    Whoosh's own fuzzy term compares the stemmed query word with stems,
    which turns a typo into another word (``goverment`` stems to ``gover``,
    close to ``over``) and misses words whose stem is shorter than the word
    (``footbal`` never reaches the stem ``footbal``'s neighbours). Here the
    unstemmed word is matched against the field's spelling vocabulary (the
    words as written), and the stems of those words are searched.
    """

    def _btexts(self, ixreader: IndexReader) -> Iterator[bytes]:
        field = ixreader.schema[self.fieldname]
        spell = field.spelling_fieldname(self.fieldname)
        if spell == self.fieldname or spell not in ixreader.schema:
            # Whoosh's own yields words as text here, which its simplify()
            # cannot decode (a TypeError): as bytes, like every other term.
            for text in super()._btexts(ixreader):
                yield text if isinstance(text, bytes) else field.to_bytes(text)
            return
        seen: set[str] = set()
        for word in words_within(ixreader, spell, self.text, self.maxdist, self.prefixlength):
            for token in field.analyzer(word, mode="index"):
                stem = token.text
                if stem not in seen and (self.fieldname, stem) in ixreader:
                    seen.add(stem)
                    yield field.to_bytes(stem)


class WordPrefix(query.Prefix):  # type: ignore[misc]  # Whoosh is untyped: its classes are Any
    """``cons*``: index terms of the words *as written* that start with ``cons``.

    Whoosh stems the typed prefix like a word (``cons`` becomes ``con``) and
    then matches stems, so ``cons*`` matched "concern" and "contract". Here
    the field's spelling vocabulary (the words as written) is matched, and
    the stems of those words are searched; a field without one (not stemmed)
    is matched directly.
    """

    def _btexts(self, ixreader: IndexReader) -> Iterator[bytes]:
        field = ixreader.schema[self.fieldname]
        spell = field.spelling_fieldname(self.fieldname)
        if spell == self.fieldname or spell not in ixreader.schema:
            yield from super()._btexts(ixreader)
            return
        seen: set[str] = set()
        for word in ixreader.expand_prefix(spell, self.text):
            for token in field.analyzer(word.decode("utf-8"), mode="index"):
                stem = token.text
                if stem not in seen and (self.fieldname, stem) in ixreader:
                    seen.add(stem)
                    yield field.to_bytes(stem)


class _WordPrefixPlugin(qparser.WildcardPlugin):  # type: ignore[misc]  # Whoosh is untyped: its classes are Any
    """Whoosh's wildcards, with ``word*`` made a :class:`WordPrefix`."""

    class WordPrefixNode(qparser.PrefixPlugin.PrefixNode):  # type: ignore[misc]  # Whoosh is untyped: its classes are Any
        def query(self, parser: qparser.QueryParser) -> query.Query:
            fieldname = self.fieldname or parser.fieldname
            schema = parser.schema
            if schema is None or fieldname not in schema or not schema[fieldname].spelling:
                return super().query(parser)  # dates, ids, keywords: as Whoosh parses them
            return WordPrefix(fieldname, self.text.lower(), boost=self.boost)

    def do_wildcards(self, parser: qparser.QueryParser, group: SyntaxNode) -> SyntaxNode:
        group = super().do_wildcards(parser, group)
        for i, node in enumerate(group):
            if type(node) is qparser.PrefixPlugin.PrefixNode:
                word = self.WordPrefixNode(node.text)
                word.startchar, word.endchar = node.startchar, node.endchar
                group[i] = word
        return group


# ``word~3`` and beyond match almost any word (``tax~5`` matched every
# article, in seconds): fuzzy distances are capped here, with a note.
MAX_FUZZY_DISTANCE = 2


class _WordFuzzyPlugin(qparser.FuzzyTermPlugin):  # type: ignore[misc]  # Whoosh is untyped: its classes are Any
    """``word~``, ``word~2``, ``word~2/3`` with :class:`WordFuzzyTerm`.

    The default prefix is one letter (``word~2/3`` asks for three): typos
    rarely hit the first letter, and scanning the whole vocabulary is slow.
    """

    class FuzzyTermNode(qparser.FuzzyTermPlugin.FuzzyTermNode):  # type: ignore[misc]  # Whoosh is untyped: its classes are Any
        def query(self, parser: qparser.QueryParser) -> WordFuzzyTerm:
            fieldname = self.fieldname or parser.fieldname
            text = self.text.lower()
            term = WordFuzzyTerm(
                fieldname,
                text,
                boost=self.boost,
                maxdist=min(self.maxdist, MAX_FUZZY_DISTANCE),
                prefixlength=min(self.prefixlength, len(text)),
            )
            term.asked_distance = self.maxdist
            return term

    def create(self, parser: qparser.QueryParser, match: re.Match[str]) -> SyntaxNode:
        node = super().create(parser, match)
        if match.group("prefix") is None:
            node.prefixlength = 1
        return node


# A title match scores this share of what the index's title weight
# (reader.index.schema.TITLE_BOOST) alone would give it: tuned on the judged
# queries of benchmarks/eval_search.py (tuned half), with title words weighed
# by their rarity in the text (reader.index.search.weighting).
TITLE_QUERY_WEIGHT = 0.7


def make_parser(schema: Schema) -> qparser.QueryParser:
    parser = qparser.MultifieldParser(list(FIELDS), schema, fieldboosts={"title": TITLE_QUERY_WEIGHT})
    parser.add_plugin(_WordFuzzyPlugin())
    parser.remove_plugin_class(qparser.WildcardPlugin)
    parser.add_plugin(_WordPrefixPlugin())
    parser.add_plugin(qparser.GtLtPlugin())
    return parser


def _errors(q: query.Query) -> list[str]:
    found = []
    for node in q.leaves() if q.is_leaf() is False else [q]:
        message = getattr(node, "error", None)
        if message:
            found.append(str(message))
    message = getattr(q, "error", None)
    if message and str(message) not in found:
        found.append(str(message))
    return found


def _plain_words(parser: qparser.QueryParser, text: str) -> query.Query:
    words = [word for word, colon in _WORD.findall(text) if not colon and word.upper() not in {"AND", "OR", "NOT", "TO"}]
    if not words:
        return query.NullQuery
    return parser.parse(" ".join(words))


def _relative_dates(text: str, today: dt.date) -> str:
    """``date:today``, ``date:yesterday``, ``date:last-week`` (the last 7
    days) and ``date:last-month`` (the last 30) as the dates they mean."""

    def absolute(match: re.Match[str]) -> str:
        word = match.group(1).lower()
        if word in ("today", "yesterday"):
            day = today - dt.timedelta(days=0 if word == "today" else 1)
            return f"date:{day.isoformat()}"
        start = today - dt.timedelta(days=7 if word == "last-week" else 30)
        return f"date:[{start.isoformat()} TO {today.isoformat()}]"

    return _outside_quotes(text, lambda part: _RELATIVE_DATE.sub(absolute, part))


def parse_query(parser: qparser.QueryParser, text: str, today: dt.date | None = None) -> ParsedQuery:
    """Parse ``text``; never raises. Relative dates count from ``today``
    (default: the local date)."""
    text, note = _within_limits(one_line(text))
    if not text:
        return ParsedQuery(text, query.Every(), note)
    if _ONLY_WILDCARDS.fullmatch(text):
        return ParsedQuery(text, query.Every(), note)
    searched, read, read_note = _read_state(text)
    if read_note:
        note = f"{note}; {read_note}" if note else read_note
    if read is not None and not searched.strip():
        return ParsedQuery(text, query.Every(), note, read=read)
    if searched.count('"') % 2:
        # A quote without its closing one opens no phrase (the parser reads
        # the words after it as words): left out here too, so that what
        # follows it is read the same way everywhere (dates, fields, -word).
        at = searched.rfind('"')
        searched = searched[:at] + " " + searched[at + 1 :]
        unmatched = 'a " without its closing one was left out'
        note = f"{note}; {unmatched}" if note else unmatched
    searched = _relative_dates(searched, today or dt.date.today())
    unknown = _unknown_fields(searched)
    if unknown:
        searched = _outside_quotes(
            searched,
            lambda part: _FIELD.sub(lambda m: m.group(0) if m.group(1).lower() in QUERY_FIELDS else m.group(1) + " ", part),
        )
        named = ", ".join(f"{name}:" for name in QUERY_FIELDS)
        note = f"no field {', '.join(f'{name}:' for name in unknown)} (the fields are {named}); searched for its words"
    searched, short = _without_short_wildcards(searched)
    if short:
        note = f"{note}; {short}" if note else short
    split = _split_loose(searched)
    words: list[str] = []
    if split is not None:
        strict, loose = split
        words = [w for w in loose if w.lower() not in QUESTION_WORDS] or loose
        question = len(words) < len(loose) or searched.rstrip().endswith("?")
        searched = " ".join([*strict, *words])
    parsed = _parse(parser, text, searched)
    if len(words) >= 2 and parsed.problem is None:
        parsed = replace(_loosened(parser, parsed, strict, words), question=question)
    capped = sorted({f"{t.text}~{t.asked_distance}" for t in nodes(parsed.query) if _asked_too_far(t)})
    if capped:
        cap = f"fuzzy matches allow at most {MAX_FUZZY_DISTANCE} edits ({', '.join(capped)} searched with {MAX_FUZZY_DISTANCE})"
        note = f"{note}; {cap}" if note else cap
    if read is not None:
        parsed = replace(parsed, read=read)
    if note:
        other = parsed.problem
        keep = other and not other.startswith("nothing to search")
        return replace(parsed, problem=f"{note}; {other}" if keep else note)
    return parsed


def _read_state(text: str) -> tuple[str, str | None, str | None]:
    """``text`` without its ``is:`` words (outside phrases), the read state
    they ask for (``read``, ``unread``, None) and a note on one not understood."""
    found: list[str] = []

    def take(part: str) -> str:
        def one(match: re.Match[str]) -> str:
            found.append(match.group(1).lower())
            return " "

        return _IS.sub(one, part)

    rest = " ".join(_outside_quotes(text, take).split())
    if not found:
        return text, None, None
    states = [value for value in found if value in ("read", "unread")]
    other = [value for value in found if value not in ("read", "unread")]
    note = f"is: takes read or unread (not {', '.join(other)})" if other else None
    if len(set(states)) > 1:
        return rest, None, "is:read and is:unread together match nothing apart: both left out"
    return rest, (states[0] if states else None), note


def _loosened(parser: qparser.QueryParser, parsed: ParsedQuery, strict: list[str], words: list[str]) -> ParsedQuery:
    """``parsed`` with the loose query of its plain ``words`` (any of them,
    and every ``strict`` part) and the terms of its neighbouring words."""
    parsed_words = [_parse_word(parser, word) for word in dict.fromkeys(w.lower() for w in words)]
    if any(q is None for q in parsed_words):
        return parsed  # a word the parser cannot read alone: the query stays strict
    some = list({str(q): q for q in parsed_words if q is not None and not _is_null(q)}.values())
    if len(some) < 2:
        return parsed
    # Whoosh's tree of union matchers slows down sharply past a few dozen
    # terms; an array of matches costs the same per posting however many.
    loose: query.Query = (query.PreloadedOr if len(some) >= ARRAY_OR_WORDS else query.Or)(some)
    required = None
    if strict:
        rewritten = _rewrite(" ".join(strict))
        required = _with_gaps(parser.parse(rewritten), rewritten)
        if _errors(required):
            return parsed
        if _is_null(required):
            required = None
        else:
            loose = query.And([required, loose])
    return ParsedQuery(parsed.text, parsed.query, parsed.problem, loose, _neighbours(parser, words), tuple(some))


# Each parser's words of loose queries, parsed (Whoosh's parser takes
# 0.3-0.4 ms a word; a query typed key by key parses its earlier words again
# at every key). Whoosh's queries are values: what is built from one copies it.
_WORDS_PARSED = 1024
_parsed_words: WeakKeyDictionary[qparser.QueryParser, dict[str, query.Query | None]] = WeakKeyDictionary()


def _parse_word(parser: qparser.QueryParser, word: str) -> query.Query | None:
    """One word of a loose query, or None when the parser fails on it."""
    known = _parsed_words.setdefault(parser, {})
    if word in known:
        return known[word]
    try:
        q = parser.parse(_rewrite(word))
    except Exception:  # noqa: BLE001 - the parser can raise many things
        q = None
    if q is not None and _errors(q):
        q = None
    if len(known) >= _WORDS_PARSED:
        known.clear()
    known[word] = q
    return q


def _is_null(q: query.Query) -> bool:
    return q is query.NullQuery or isinstance(q, type(query.NullQuery))


def _within_limits(text: str) -> tuple[str, str | None]:
    """``text`` cut to :data:`MAX_QUERY_CHARS` and :data:`MAX_QUERY_WORDS`,
    with a note when it was."""
    note = None
    if len(text) > MAX_QUERY_CHARS:
        cut = text[: MAX_QUERY_CHARS + 1].rpartition(" ")[0] or text[:MAX_QUERY_CHARS]
        text, note = cut, f"the query was cut to its first {MAX_QUERY_CHARS:,} characters"
    words = text.split(" ")
    if len(words) > MAX_QUERY_WORDS:
        text, note = " ".join(words[:MAX_QUERY_WORDS]), f"the query was cut to its first {MAX_QUERY_WORDS} words"
    return text, note


def _without_short_wildcards(text: str) -> tuple[str, str | None]:
    """``text`` with the wildcards of words that have fewer than two other
    characters removed (outside phrases), and a note naming them."""
    dropped: list[str] = []

    def drop(match: re.Match[str]) -> str:
        word = match.group(0)
        rest = word.rpartition(":")[2]  # after a field name
        if len(re.sub(r"[*?]", "", rest)) >= 2 or _ONLY_WILDCARDS.fullmatch(rest) and rest != word:
            return word
        dropped.append(word)
        return word.replace("*", "").replace("?", "")

    text = _outside_quotes(text, lambda part: _WILD_WORD.sub(drop, part))
    if not dropped:
        return text, None
    named = ", ".join(dict.fromkeys(dropped))
    return text, f"a wildcard needs at least two letters beside * and ? ({named} searched without it)"


def nodes(q: query.Query) -> Iterator[query.Query]:
    """``q`` and every query inside it, depth first."""
    yield q
    if not q.is_leaf():
        for child in q.children():
            yield from nodes(child)


def _asked_too_far(q: query.Query) -> bool:
    return isinstance(q, WordFuzzyTerm) and getattr(q, "asked_distance", 0) > MAX_FUZZY_DISTANCE


def _with_gaps(q: query.Query, parsed_text: str) -> query.Query:
    """``q`` with each of its phrases told how many words the analyser left
    out between each two of its words (stop words, one-letter words), from
    ``parsed_text``, the text ``q`` was parsed from: Whoosh numbers the words
    it keeps one after another, an engine that keeps the places of the
    words left out (Tantivy) needs the gaps to match the phrase exactly."""
    for node in nodes(q):
        if type(node) is query.Phrase and node.char_ranges and len(node.char_ranges) == len(node.words):
            ranges = node.char_ranges
            node.gaps = tuple(
                len(WORD_TOKEN.findall(parsed_text[end:start])) for (_, end), (start, _) in zip(ranges, ranges[1:], strict=False)
            )
    return q


def _parse(parser: qparser.QueryParser, text: str, searched: str) -> ParsedQuery:
    try:
        rewritten = _rewrite(searched)
        q = _with_gaps(parser.parse(rewritten), rewritten)
        problems = _errors(q)
    except Exception as error:  # noqa: BLE001 - the parser can raise many things
        q, problems = None, [f"{type(error).__name__}: {error}"]
    if q is not None and not problems and q is not query.NullQuery and not isinstance(q, query.NullQuery.__class__):
        return ParsedQuery(text, q)
    if not problems:
        return ParsedQuery(text, query.NullQuery, "nothing to search for: very common and one-letter words are not indexed")
    date_term = _DATE_TERM.search(searched)
    if date_term:
        fallback = _plain_words(parser, _DATE_TERM.sub(" ", searched))
        return ParsedQuery(
            text,
            fallback,
            f"{date_term.group(0)} is not a date: write date:2023, date:2023-09, date:>2023-09-01, "
            "date:[2023-09-01 to 2023-09-30], date:today, date:yesterday or date:last-week; searched without the date",
        )
    fallback = _plain_words(parser, searched)
    return ParsedQuery(text, fallback, f"could not read the query as written ({problems[0]}); searched for its words instead")
