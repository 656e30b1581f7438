"""Find figures (numbers that carry information) in an article body.

One compiled alternation is scanned left to right; each candidate is then
checked against its surroundings (digits inside identifiers such as ``G7``
or ``COVID-19``, list markers, capitalised number words inside names such
as ``Six Nations``) and given a subtype. Pure functions, no I/O.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

# (start, end, subtype)
Figure = tuple[int, int, str]

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
    r"|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    r"|Januar|Februar|März|Juni|Juli|Oktober|Dezember"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
    r"|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|novembro|dezembro)"
)
_ORD = r"(?:st|nd|rd|th|er|e)"
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f]\d{3})+(?:,\d+)?|(?<!\d\x20)\d{1,3}(?:\x20\d{3})+(?![\d\w]|\x20\d)|\d+,\d{1,2}(?![\d,])|\d+(?:\.\d+)?|\.\d+)"
_WORD = (
    r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty"
    r"|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen"
    r"|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|zwölf|zwanzig|dreißig|hundert|tausend"
    r"|deux|trois|quatre|cinq|huit|neuf|dix|douze|vingt|trente|quarante|cinquante|cent|mille"
    r"|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|veinte|treinta|cuarenta|cincuenta|cien"
    r"|dois|duas|três|sete|oito|nove|dez|doze|vinte|trinta|quarenta|cinquenta|cem)"
)
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_NUMBER_WORD_PATTERN = rf"{_TENS}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_ORD_WORD = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
    r"|thirtieth|fortieth|fiftieth|hundredth|thousandth)"
)
_FRACTION_WORD = r"(?:third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)"
_MAG = (
    r"(?:(?:bn|mn|m|M|k|tn|trn)(?![^\W\d_])|\x20(?:bn|tn|trn)(?![^\W\d_])"
    r"|\s?(?:billion|million|trillion|thousand|hundred|Mio\.|Mrd\.|Millionen|Milliarden"
    r"|millions?|milliards?|millones|mill[oó]n|milh[õo]es|milh[ãa]o)(?![^\W\d_]))"
)
# Currencies written as words after an amount (matched ignoring case).
_CURRENCY_WORDS = (
    r"euros?|dollars?|pounds?(?:\s+sterling)?|yen|yuan|rupees?|roubles?|rubles?|francs?|cents?|pence|pesos?|rand"
    r"|baht|ringgit|rupiah|renminbi|lira|lire|kronor|kroner|krona|krone|zloty|forint|shekels?|dirhams?|riyals?"
    r"|dinars?|naira|shillings?|reais|eur|usd|gbp"
)
# Units after a number, joined by nothing, a space or a hyphen.
_UNIT = rf"""(?:
    \s?%
  | \s(?:per\s?cent|percent|percentage\s+points?|Prozent|pour\s?cent)
  | -(?:year|month|week|day)-olds?
  | -jährigen?|-jährige[rs]?
  | \s(?:years?|months?)\s+old
  | [\s-](?:(?i:{_CURRENCY_WORDS})|d'euros|de\s+dollars|d'euro|de\s+(?:d[óo]lares|euros|pesos|reais|libras))
  | p(?![^\W\d_])
  | [\s-](?:hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|nights?|weeks?|months?|years?
          |yrs?|decades?|centuries|century|Stunden|Tage|Jahren?|Monaten?|heures|jours|ans|mois
          |años|meses|días|semanas|horas|anos|dias|Minuten|Sekunden|Wochen|Tagen|Jahre|semaines|années|secondes)
  | [\s-]?(?:km/h|kph|mph|km|kilomet(?:re|er)s?|miles?|metres?|meters?|cm|mm|ft|feet|foot
          |kms|inch(?:es)?|yards?|acres?|hectares?|tonnes?|tons?|kg|kilos?|kilograms?|grams?|lbs?
          |ounces?|oz|litres?|liters?|gallons?|barrels?|bpd|knots?|MW|GW|kW|kWh|MWh|GWh|TWh
          |megawatts?|gigawatts?|volts?|GB|MB|TB|KB|kB|Mbps|Gbps|kilobytes?|megabytes?|gigabytes?|terabytes?
          |megs|gigs|[GMk]Hz|GHZ|Ghz|MHZ|Mhz|[tg]eraflops|gigaflops|petaflops|[TG]FLOPS|fps|FPS
          |kilobits?|megabits?|gigabits?|kbps|Kbps
          |degrees(?:\s+(?:Celsius|Fahrenheit|C|F))?|°[CF]?|(?<=\d)[CF]|sq\s?(?:km|m|ft|mi)
          |square\s+(?:kilomet(?:re|er)s|miles|metres|meters|feet))
  | \s(?:times|fold)
  | -(?:thirds?|quarters?|fifths?|tenths?)
)(?![^\W\d_]|-[^\W\d_])"""


def _letter_starts() -> str:
    """How a figure that starts with a letter can start: the first three
    letters of every word that can open one (a month, a number word, an
    ordinal, ``under-``, ``No.``, ``US$``, ``a dozen``, ``half``...). The
    pattern looks for these first, so the other words of a text, most of
    them, are passed over at once."""
    words = re.findall(r"[^\W\d_]+", "|".join((_MONTH, _WORD, _TENS, _ORD_WORD, _FRACTION_WORD)))
    words += "tens hundreds thousands millions billions dozens under over number several half años anos twice thrice".split()
    prefixes = {w.lower()[:3] for w in words if len(w) >= 3} | {"no.", "us$", "a$", "c$", "s$", "hk$", "nz$", "eur", "usd", "gbp"}
    # Grouped by first letter, so that a word is passed over after one test of it.
    by_first: dict[str, list[str]] = {}
    for prefix in sorted(prefixes):
        by_first.setdefault(prefix[0], []).append(re.escape(prefix[1:]))
    groups = [f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in sorted(by_first.items())]
    groups.append(
        r"a\s+(?:few|dozen|hundred|thousand|million|billion|third|quarter|fifth|sixth|seventh|eighth|ninth|tenth"
        r"|year|month|week|day|decade|fortnight)\b"
    )
    groups.append(r"rs\b")
    return "(?i:" + "|".join(groups) + ")"


_LETTER_STARTS = _letter_starts()

_FIGURE = re.compile(
    rf"""
    # Figures start at a digit, a currency sign, an apostrophe or the start
    # of a word: rejecting every other position first keeps the scan fast.
    (?<![^\W\d_])(?=[\w$£€¥₹'’])(?=[\d$£€¥₹'’]|{_LETTER_STARTS})
    (?:
    (?P<iso>\d{{4}}-\d{{2}}-\d{{2}}(?:T\d{{2}}:\d{{2}}(?::\d{{2}})?)?(?!\d))
  | (?P<dmy>(?:\d{{1,2}}{_ORD}?(?:[^\S\n]?[-–][^\S\n]?|[^\S\n]+(?:and|to|&)[^\S\n]+))?\d{{1,2}}{_ORD}?\.?[^\S\n]+(?:(?:of|de)[^\S\n]+)?{_MONTH}(?:,?[^\S\n]+(?:de[^\S\n]+)?\d{{4}}(?!\d))?(?![^\W\d_]))
  | (?P<mdy>{_MONTH}[^\S\n]+(?:\d{{1,2}}{_ORD}?(?:,?[^\S\n]+\d{{4}})?|(?:de[^\S\n]+)?\d{{4}})(?![\d\w]))
  | (?P<slash>\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}(?![\d.]\d))
  | (?P<time>\d{{1,2}}(?:[:.]\d{{2}})?\s?Uhr(?![^\W\d_])|\d{{1,2}}[:.]\d{{2}}\s?(?:[ap]\.?m\.?|[AP]M\b)|\d{{1,2}}\s?[ap]\.?m\.?(?![^\W\d_])|\d{{1,2}}:\d{{2}}(?![:\d])(?:\s?(?:GMT|BST|UTC|CET|EST|EDT|PST|PDT|ET)\b)?|(?:[01]\d|2[0-3])[0-5]\d\s?(?:GMT|BST|UTC|CET)\b)
  | (?P<decade>(?:1\d|20)?\d0s(?![^\W\d_])|['’]\d0s(?![^\W\d_])|(?:años|anos)[^\S\n](?:19)?\d0(?![\d\w]))
  | (?P<season>(?:19|20)\d\d[-–/](?:\d{{1,2}}|(?:19|20)\d\d)(?![\d\w-]))
  | (?P<ageband>(?i:under|over)(?:-\d{{1,2}}s?|\s\d\ds)(?![\w-]))
  | (?P<frac>\d{{1,2}}/\d{{1,2}}(?![/\d]))
  | (?P<relay>\d[x×]\d{{2,3}}m\b)
  | (?P<num>(?P<cur>(?:US|A|C|HK|NZ|S)?\$\s?|[£€¥₹]\s?|\b(?:Rs|EUR|USD|GBP)\.?\s?)?
        {_NUM}(?P<ord>{_ORD})?
        (?P<range>\s?[-–]\s?(?:[£$€])?{_NUM})?
        (?:\+(?=\s?[^\W\d_]))?
        (?P<mag>{_MAG})?
        (?P<unit>{_UNIT})?)
  | (?P<rank>(?<![\w-])(?:[Nn]umber|No\.)\s+(?:(?i:{_WORD})|\d{{1,3}})(?![\w-]))
  | (?P<ordw>(?<![\w-])(?i:(?:{_TENS}-)?{_ORD_WORD})(?![\w-]))
  | (?P<mult>(?<![\w-])(?i:tens|hundreds|thousands|millions|billions|dozens)(?:\s+of\s+(?:thousands|millions|billions))?\b)
  | (?P<fold>(?<![\w-])(?i:{_WORD})fold\b)
  | (?P<twice>(?<![\w-])(?i:twice|thrice)(?=\s+(?:as|the|what|that|this|its|their|his|her|our|a|an)\b))
  | (?P<halfa>(?<![\w-])[Hh]alf\s+an?\s+(?:(?P<halfcount>million|billion|trillion|dozen)|hour|day|week|month|year|decade|century)\b)
  | (?P<ayear>\b[Aa]\s+(?:(?:year|month|week|day|decade)\s+or\s+two|fortnight)\b)
  | (?P<words>(?<![\w-])(?i:{_WORD}(?:(?:-|\s+|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+){_WORD})*
        (?:[\s-]and[\s-]a[\s-]half(?=[\s.,;:!?)]))?
        (?:\s+(?:or|to)\s+{_WORD}(?=[\s-]))?)\b
        (?:{_MAG})?(?P<wunit>{_UNIT})?)
  | (?P<adozen>\b(?:[Aa]\s+(?:few\s+)?|[Ss]everal\s+)(?:dozen|hundred|thousand|million|billion)(?:\s+(?:thousand|million|billion))?\b(?P<dunit>{_UNIT})?)
  | (?P<frac2>\b(?:half|a\s+{_FRACTION_WORD}(?=\s+of\b|\s*[.,;:)!?]|\s*$)))
    )
    """,
    re.VERBOSE,
)

_DURATION = re.compile(
    r"(?i:hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|nights?|weeks?|months?|years?|yrs?"
    r"|decades?|centuries|century|stunden|tage|jahren?|monaten?|heures|jours|ans|mois"
    r"|años|meses|días|semanas|horas|anos|dias|minuten|sekunden|wochen|tagen|jahre|semaines|années|secondes)$"
)
_MONEY_UNIT = re.compile(rf"(?i)(?:{_CURRENCY_WORDS}|d'euros?|de\s+dollars|de\s+d[óo]lares)$")
_PERCENT = re.compile(r"(?i)%|per\s?cent|percent|percentage|prozent|pour\s?cent")
_AGE = re.compile(r"(?i)-olds?$|\sold$|jährige[nrs]?$")
_OTHER_UNIT = re.compile(r"(?i)(?:times|fold|thirds?|quarters?|fifths?|tenths?)$")
_SCORE_WORDS = frozenset(
    "won win wins winning beat beats beaten lost lose loses losing drew draw drawn defeat defeated"
    " victory lead led leading trail trailed trailing score scored scores scoreline thrash thrashed"
    " edge edged down up from against at aggregate".split()
)
_HAS_LETTER = re.compile(r"[^\W\d_]")
_SCORE_AFTER = re.compile(
    r"(?i)^\W*(?:win|victory|defeat|loss|draw|lead|down|up|home|away|scoreline|aggregate"
    r"|thrashing|drubbing|in\s+the\s+(?:final|match|game|first|second))\b"
)
_APPROX = re.compile(r"(?i)\b(?:about|around|some|nearly|almost|over|than|up\s+to|at\s+least)\s+$")
_NAME_AGE = re.compile(r"[A-Z][\w'’-]+,\s$")
# "aged 19", "aged between 19 and 82", "turned 31", "at the age of 31"
_AGE_BEFORE = re.compile(
    r"(?i)\b(?:aged|turned|turns|turning|age\s+of|ages\s+of)\s+(?:between\s+|from\s+|over\s+|under\s+|about\s+|around\s+)?"
    r"(?:\d{1,3}\s+(?:and|to)\s+)?$"
)
# A person's age with no word for it: "she is 97.", "who was 88,"; "At 88, he still..."
_PERSON_IS_BEFORE = re.compile(
    r"(?:\b(?i:he|she|who)|(?<=[a-z]\s)[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)\s+(?i:is|was|turned|turns|will\s+be|would\s+have\s+been)\s+(?:(?i:just|only|barely|still)\s+)?$"
)
_AT_AGE = re.compile(r"(?:^|(?<=[.!?\n\"“]\s)|(?<=\n))At\s+$")
_AT_AGE_AFTER = re.compile(r",\s+(?:he|she|they|I|[A-Z][a-z]+\s+(?:still|was|is|had|has|became|won|made))\b")
_AGE_AFTER = re.compile(r"\s*(?:[.,;:!?)]|$|\s+(?:and|but|when|yet|years?)\b)")
# Words near "100m" that make it metres, not a million.
_RACE_NEAR = re.compile(
    r"(?i)\b(?:ran|run|runs|running|sprint\w*|race[sd]?|hurdles|freestyle|butterfly|backstroke|breaststroke|medley"
    r"|relay|dash|metres|meters|athletics|olympic\w*|world\s+record|personal\s+best|heats?)\b"
)
# Pounds that weigh: "weighed 12 pounds", "lost 20 pounds of fat"
_WEIGHT_BEFORE = re.compile(
    r"(?i)\b(?:weigh\w*|lost|gained|put\s+on|heavier|lighter)\s+(?:about\s+|around\s+|nearly\s+|almost\s+|over\s+|just\s+|some\s+)?$"
)
# French "une usagère de 34 ans", "il a 34 ans" (but "plus de 10 ans", "depuis 10 ans")
_FRENCH_AGE_BEFORE = re.compile(r"(?i)(?<!plus )(?<!moins )(?<!près )(?<!depuis )\b(?:de|a|âgée?\s+de)\s+$")
# "ten times more" multiplies; "played 412 times" counts occasions
_TIMES_COMPARATIVE = re.compile(
    r"(?i)\s+(?:more|less|fewer|as|the|higher|lower|bigger|larger|greater|smaller|faster|slower"
    r"|longer|over|what|that|cheaper|dearer|richer|stronger|[a-z]+er\s+than)\b"
)
_RATIO_AFTER = re.compile(
    r"\s+(?:(?:[^\W\d_][\w-]*\s+){0,2}(?:sur|out\s+of)|in)\s+(?:\d{1,3}(?:,\d{3})*(?!\d|[.,]\d)|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)"
    r"(?:\s(?:million|billion|thousand)\b)?"
)
_RANK_BEFORE = re.compile(r"(?i)\btop\s+$")
# Words that introduce a number without making it part of a name.
# Words that open a sentence before a number without naming anything.
_OPENING_WORDS = frozenset("Since After Before In On At By From Until Till Of The A An Some About Around Nearly".split())
_BEFORE_NUMBER_OK = frozenset(
    "Mr Ms Mrs Dr St Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March"
    " April May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep"
    " Sept Oct Nov Dec About Around Some Over Under Nearly Almost Only Just All The A By In At On To"
    " Of For With From Up Down Than And Or But Another Exactly Roughly Approximately Fewer More Less Perhaps"
    " Maybe Those These Each Every Both Below Above Beyond Within Between Among Barely Still Last Next Past Plus"
    " Minus Including Like Unlike Total Aged Age Ages Number Top"
    " Seuls Seules Seul Seule Plus Moins Environ Près Quelque Quelques Nur Rund Etwa Über Fast Knapp Mehr Unos Unas"
    " Cerca Más Menos Apenas Solo Sólo Mais Quase".split()
)
_NAME_BEFORE = re.compile(r"([A-Z][\w&.]*) $")
_NAME_AFTER_ORDINAL = re.compile(r" [A-Z][a-z]")
_MONTH_AFTER = re.compile(rf" (?:of )?{_MONTH}\b")
# Ordinal words that are not figures in these company.
_ORD_SKIP_AFTER = re.compile(
    r"(?i)(?:-|\s+(?:half|halves|hand|thoughts?|nature|guess\w*|person|language|opinion|cousins?|party|parties"
    r"|world\s+war|class\s+citizens?)\b)"
)
_SHIRT = re.compile(r"\s+(?:shirts?|jerseys?)\b")
_SECOND_NOUN = re.compile(r"(?i)\b(?:a|every|one|the|that)\s+$")
_PER_SECOND = re.compile(r"(?i)\b(?:per|split|a\s+split)\s+$")
_SECOND_ALONE = re.compile(r"(?:\s*[^\w\s]|\s*$|\s+(?:or|of|later|too|longer)\b)")
_HALF_BEFORE = re.compile(r"(?i)(?:\b(?:a|and\s+a|than|nearly|almost|about|around|by|to|over|just|only)\s+)$")
_HALF_BEFORE_BAD = re.compile(r"(?i)\b(?:first|second|the|other|1st|2nd|this|that|each|per)\s+$")
_HALF_AFTER = re.compile(r"(?i)^\s+(?:of|the|a|an|its|their|his|her|our|that|those|these|as|per\s?cent|%|price)\b|^\s?%")
_ALLOWED_PREFIX = re.compile(r"(?i)\b(?:mid|pre|post|early|late|over|under|top|sub|aged)-$")
_LIST_MARKER = re.compile(r"\d{1,3}[.)](?:\s|$)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”‘'(\[–—-]\s*|\n\s*)$")


_QUOTED_ALONE = re.compile(r"[\"“‘„«]\d+[\"”’“»]")
_SUM = re.compile(r"\d+\s?[+=]\s?\d")
_SUM_AFTER = re.compile(r"\d\s?[+=]\s?$")
_MAG_BEFORE_DASH = re.compile(r"\d(?:m|bn|k)-$")


def _boundary_ok(body: str, start: int, end: int) -> bool:
    """False for digits glued to identifiers (``G7``, ``COVID-19``, ``MP3``)."""
    before = body[start - 1] if start > 0 else ""
    if before and (before.isalnum() or before == "_"):
        return False
    if before in "-/.:" and start > 1 and body[start - 2].isalnum():
        if before == "-" and (body[start - 2].isdigit() or _MAG_BEFORE_DASH.search(body, max(0, start - 5), start)):
            pass  # a second number after a range dash is its own business ("$779m-798m" too)
        elif before == "-" and _ALLOWED_PREFIX.search(body, max(0, start - 8), start):
            pass
        else:
            return False
    after = body[end] if end < len(body) else ""
    if after and (after.isalnum() or after == "_"):
        return False
    if after in ".,:/" and end + 1 < len(body) and body[end + 1].isdigit():
        return False  # 1.2.3, 10:30:15 and the like
    return True


def _score_or_other(body: str, start: int, end: int, a: str, b: str) -> str:
    lo = max(0, start - 60)
    if _HAS_LETTER.search(body, lo, start):  # no words before: skip splitting them
        before = body[lo:start].lower().split()[-4:]
        if any(w.strip(".,;:!?()\"'“”‘’") in _SCORE_WORDS for w in before):
            return "score"
    if _SCORE_AFTER.match(body[end : end + 40]):
        return "score"
    try:
        x, y = int(a), int(b)
    except ValueError:
        return "other"
    if len(a) == 4 and len(b) == 4:
        return "date"
    if x < 200 and y < 200 and x >= y:
        return "score"
    return "other"


class _RaceWords:
    """Where the text's race words are ("sprint", "hurdles", ...), found in
    one pass the first time a "100m" asks: then each asks by bisection."""

    __slots__ = ("body", "starts")

    def __init__(self, body: str) -> None:
        self.body = body
        self.starts: list[int] | None = None

    def near(self, start: int, end: int) -> bool:
        if self.starts is None:
            self.starts = [m.start() for m in _RACE_NEAR.finditer(self.body)]
        i = bisect.bisect_left(self.starts, start - 40)
        return i < len(self.starts) and self.starts[i] < end + 40


class _CommaThousands:
    """Whether the text writes thousands with commas ("1,000"), looked up at
    most once per text: then "40.000" is a decimal, else thousands."""

    __slots__ = ("body", "found")

    def __init__(self, body: str) -> None:
        self.body = body
        self.found: bool | None = None

    def __bool__(self) -> bool:
        if self.found is None:
            self.found = _COMMA_THOUSANDS.search(self.body) is not None
        return self.found


_POUNDS = re.compile(r"(?i)pounds?")
_YEAR_LIKE = re.compile(r"(?:1[89]|20)\d\d")
_ONE_OR_TWO_DIGITS = re.compile(r"\d{1,2}")
_UP_TO_THREE_DIGITS = re.compile(r"\d{1,3}")
_DECIMAL_COMMA = re.compile(r",\d{1,2}$")


def _num_subtype(
    body: str,
    m: re.Match[str],
    start: int,
    end: int,
    commas: _CommaThousands | None = None,
    races: _RaceWords | None = None,
) -> str:
    text = m.group(0)
    if len(text) <= 3 and text.isdigit() and not _HAS_LETTER.search(body, max(0, start - 30), end + 40):
        return "count"  # a bare number with no word near it to make it an age, a rank or a ratio
    unit = (m["unit"] or m["wunit"] or "").strip(" -")
    if unit and _PERCENT.search(unit):
        return "percent"
    if unit and _POUNDS.fullmatch(unit) and _WEIGHT_BEFORE.search(body, max(0, start - 30), start):
        return "quantity"  # a weight, not money
    if unit == "p" and not m["cur"] and _VIDEO_LINES.fullmatch(body, start, end - 1):
        return "quantity"  # "1080p": lines of a picture, not pence
    if m["cur"] or unit == "p" or (unit and _MONEY_UNIT.search(unit)):
        return "money"
    if unit:
        if _AGE.search(unit):
            return "age"
        if unit.lower() == "ans" and _FRENCH_AGE_BEFORE.search(body, max(0, start - 20), start):
            return "age"
        if _DURATION.search(unit):
            return "duration"
        if unit.lower() == "times":
            return "other" if _TIMES_COMPARATIVE.match(body, end, end + 30) else "count"
        if _OTHER_UNIT.search(unit):
            return "other"
        return "quantity"
    if m["range"] and m["mag"]:
        return "count"  # "10-20 million"
    if m["range"]:
        a = text[: m.start("range") - start]
        b = m["range"].lstrip(" -–£$€")
        return _score_or_other(body, start, end, a, b)
    if m["mag"]:
        if m["mag"].strip() == "m" and (races or _RaceWords(body)).near(start, end):
            return "quantity"  # "the 100m", "400m hurdles": metres in a race
        return "count"
    if m["ord"]:
        return "other"
    if _YEAR_LIKE.fullmatch(text):
        return "count" if _APPROX.search(body, max(0, start - 16), start) else "date"
    # Each look at the words around is tried only where a plain substring
    # test says it could match: most numbers have none of those words near.
    before = body[max(0, start - 30) : start].lower()
    after = body[end : end + 40]
    if "top" in before and _RANK_BEFORE.search(body, max(0, start - 5), start):
        return "other"  # "the top ten"
    if ("sur" in after or "out" in after or "in" in after) and _RATIO_AFTER.match(body, end, end + 40):
        return "other"  # "2 TGV sur 5", "one in five"
    if (("age" in before or "turn" in before) and _AGE_BEFORE.search(body, max(0, start - 30), start)) or (
        before[-2:-1] == ","
        and _ONE_OR_TWO_DIGITS.fullmatch(text)
        and _NAME_AGE.search(body, max(0, start - 30), start)
        and body[end : end + 1] in (",", ".", ";", ")")
    ):
        return "age"
    if _UP_TO_THREE_DIGITS.fullmatch(text) and (
        (
            (" is " in before or " was " in before or "turn" in before or " be " in before or " been " in before)
            and _PERSON_IS_BEFORE.search(body, max(0, start - 30), start)
            and _AGE_AFTER.match(body, end)
        )
        or (before.rstrip().endswith("at") and _AT_AGE.search(body, max(0, start - 4), start) and _AT_AGE_AFTER.match(body, end))
    ):
        return "age"
    if _DOT_THOUSANDS.fullmatch(text) and not (commas if commas is not None else _CommaThousands(body)):
        return "count"  # "40.000 vidas": a stop between thousands, where commas mark decimals
    if "." in text or _DECIMAL_COMMA.search(text):
        return "other"
    return "count"


# Words before a number that make it a label: "Section 404", "page 12", "Episode 140".
_LABEL_WORDS = tuple(
    "section article clause chapter page paragraph rule platform gate room route flight version episode issue volume".split()
)
_LABEL_BEFORE = re.compile(rf"(?i)\b(?:{'|'.join(_LABEL_WORDS)})\s+$")
_VERSION = re.compile(r"\d{1,2}\.\d{1,2}")
_INLINE_ITEM = re.compile(r"[.)]\s+[A-Z]")


def _in_list(body: str, m: re.Match[str], start: int, end: int) -> bool:
    """A label, not a figure: ``#1``, or a number in a run of numbered items
    (``1. Finland 2. Norway``): followed by a stop and a capital, and the
    next number (or the one before) labelling an item nearby."""
    text = m.group(0)
    if start and body[start - 1] == "#" and text.isdigit():
        return True
    if (text.isdigit() or _VERSION.fullmatch(text)) and _LABEL_BEFORE.search(body, max(0, start - 12), start):
        return True  # "Section 404", "page 12", "Article 50"
    if not (text.isdigit() and len(text) <= 2 and _INLINE_ITEM.match(body, end)):
        return False
    n = int(text)
    near = re.compile(rf"(?<![\d.,]){n + 1}[.)]\s+[A-Z]|(?<![\d.,]){n - 1}[.)]\s+[A-Z]")
    return near.search(body, max(0, start - 120), min(len(body), end + 120)) is not None


def _in_title(body: str, start: int) -> bool:
    """After a capitalised word inside a sentence: part of a name (``Fahrenheit 9/11``)."""
    before = _NAME_BEFORE.search(body, max(0, start - 30), start)
    return before is not None and before[1] not in _BEFORE_NUMBER_OK and before[1] not in _OPENING_WORDS


def _in_name(body: str, m: re.Match[str], start: int, end: int) -> bool:
    """True for a bare number that ends a name: ``Precinct 13``, ``Radio 4``,
    ``FTSE 100``, and a version after one: ``Firefox 1.0``, ``Windows 3.1``."""
    text = m.group(0)
    if m["range"] or m["unit"] or not (len(text) <= 3 and text.isdigit() or _VERSION.fullmatch(text)):
        return False
    before = _NAME_BEFORE.search(body, max(0, start - 30), start)
    if before is None or before[1] in _BEFORE_NUMBER_OK or before[1].endswith("."):
        return False
    # Opening a sentence too ("Studio 54 was a club"): the words that open a
    # sentence before a plain number ("Another 54", "Only 54") are listed above.
    return True


# Before decades that are ages: "people in their 30s, 40s and 50s", "her late 20s".
_AGE_DECADE_BEFORE = re.compile(
    r"\b(?:their|his|her|your|my|our)\s+(?:(?:early|mid|late)[\s-]+)?(?:\d0s(?:,\s+|\s+(?:and|or|to)\s+))*$"
)
_HALF_OF_YEAR = re.compile(r"\s+half\s+of\s+(?:the\s+year|(?:19|20)\d\d)\b")
_YEARS_TO = re.compile(r"(?:1[89]|20)\d\d\s+(?:to|-|–)\s+(?:1[89]|20)\d\d")
_YEARS_AND = re.compile(r"(?:1[89]|20)\d\d\s+and\s+(?:1[89]|20)\d\d")  # "growth in 2005 and 2006": one span of years
_VOTES_TO = re.compile(r"\s+votes?\s+to\s+")
_CLOCK = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
_CLOCK_ZONE = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d\s?(?:GMT|BST|UTC|CET)")
_DATE_KINDS = frozenset(("iso", "dmy", "mdy", "slash", "time", "decade", "season"))


# Between the two ends of a range: "2% to 2.5%", "$10-$12", "four or five";
# "between 300 and 500" (the "and" only after "between").
_RANGE_JOIN = re.compile(r"\s*(?:to|or|-|–|—)\s*|\s+and\s+")
_RANGE_FROM = re.compile(r"(?i)\bfrom\s+(?:a\s+(?:peak|high|low|record(?:\s+high|\s+low)?)\s+of\s+)?$")
_RANGING = re.compile(r"(?i)\b(?:rang\w*|vary|varies|varying|varied)\s+from\s+$")  # "prices ranging from £19 to £29": a range
_BARE_NUMBER = re.compile(rf"\d+(?:\.\d+)?|(?i:{_NUMBER_WORD_PATTERN})")
_RANGE_BETWEEN = re.compile(r"(?i)\bbetween\s+(?:the\s+ages\s+of\s+)?$")
# "Shares rose 6.2p to 412p": a change, then a level; two figures.
_RANGE_MOVE = re.compile(
    r"(?i)\b(?:rose|rises|risen|rising|fell|falls|fallen|falling|climbed|climbs|gained|gains|lost|loses|dropped|drops"
    r"|jumped|jumps|slipped|slips|slid|added|adds|shed|sheds|grew|grows|growing|grown|edged|soared|plunged|tumbled"
    r"|increased|decreased|lifted|lifts|raised|raises|lowered|lowers|reduced|reduces|trimmed|boosted|hiked|cut|cuts"
    r"|up|down)\s+(?:by\s+)?(?:(?:interest\s+)?rates?\s+|prices?\s+|taxes\s+|costs?\s+)?$"
)
# The amount at the start of a range's end: "17,000", "4.483 million", "$10bn".
_AMOUNT = re.compile(
    r"(?:[$£€¥₹]\s?)?(\d[\d,]*(?:\.\d+)?)\s?(?:(k|thousand)|(m|mn|million)|(bn|billion)|(tn|trillion))?(?![^\W\d_])",
    re.IGNORECASE,
)


def _amount(text: str) -> tuple[float, float] | None:
    """The number and its scale (1 when none is written), or None."""
    m = _AMOUNT.match(text)
    if m is None or text[m.end() :].strip(" %p").isdigit():
        return None
    try:
        value = float(m.group(1).replace(",", ""))
    except ValueError:
        return None
    scale = next((s for g, s in ((2, 1e3), (3, 1e6), (4, 1e9), (5, 1e12)) if m.group(g)), 1.0)
    return value, scale


def _unlike_ends(a: str, b: str) -> bool:
    """True when two amounts are too far apart, or the wrong way round, to
    be the ends of one range: "rose a higher than expected 17,000 to 4.483
    million" is a change and a level. A first end with no scale takes the
    second's ("20 to 30 million")."""
    x, y = _amount(a), _amount(b)
    if x is None or y is None or x[0] <= 0:
        return False
    low = x[0] * (x[1] if x[1] != 1.0 else y[1])
    high = y[0] * y[1]
    return high < low or high > 100 * low


_NAME_INSIDE_WORDS = re.compile(r"[\s-]+(?=[A-Z])")
_UNIT_WORD = re.compile(r"[^\W\d_]+$")


def _unlike_units(a: str, b: str) -> bool:
    """True when both ends carry a unit and the units differ: "39 kilobytes
    or 27 megs" names one size twice, it is no range."""
    x, y = _UNIT_WORD.search(a), _UNIT_WORD.search(b)
    return x is not None and y is not None and x.group(0).lower() != y.group(0).lower() and a[:1].isdigit() and b[:1].isdigit()


_VIDEO_LINES = re.compile(r"(?:240|360|480|576|720|1080|1,?440|2160|4320)")
_DOT_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_COMMA_THOUSANDS = re.compile(r"\d,\d{3}(?!\d)")
_CENTURY_AFTER = re.compile(r"[\s-](?:century|centuries)\b", re.IGNORECASE)
# "only one", "just one", "more than one": "one" counting something
_ONE_COUNTED = re.compile(r"(?i)\b(?:only|just|about|exactly|than|least|all\s+but|single)\s+$")
_ONE_NOUN_BEFORE = re.compile(r"\b(?:to|on|from|with|as|into|for|leaves|left|gives|gave|needs|need|than|that|just|only)\s+$")
_ONE_NOUN_AFTER = re.compile(
    r"\s+(?!(?:of|another|or|and|to|that|who|which|is|was|by|in|on|at|for|with|from|more|less|step|day|night|time|way"
    r"|thing|other|another|another's|such|the|a|an|hand|last|final|single|must|can|could|would|will|may|might|should"
    r"|out|up|off|down|else|too|also|again|glorious)\b)"
    r"[a-z][a-z-]{2,}\b"
)
_ONE_OR_OTHER = re.compile(r"\b(?:another|the\s+other)\b")  # "from one ear to the other": no count
# "played 412 times": occasions, counted by the number alone
_TIMES_UNIT = re.compile(r"(?i)\s+times$")
# A telephone number or an identifier: a run of three or more groups of
# digits, or digits led by a zero ("0172 10 10 951", "020 7946 0958").
_DIGIT_RUN = re.compile(r"(?<![\w.,-])(?<!\d )\+?(?:0\d{2,}+(?:[ /-]\d++)*+|\d++(?:[ -]\d++){2,}+)(?![\w.,-]\d|\w)")
_THOUSANDS = re.compile(r"\d{1,3}(?: \d{3})+")


# "two thirds", "three quarters": one fraction
_FRACTION_AFTER = re.compile(r"\s+(?:thirds|quarters|fifths|sixths|sevenths|eighths|ninths|tenths)\b", re.IGNORECASE)
_NUMBER_WORD = re.compile(rf"(?i)(?:{_NUMBER_WORD_PATTERN})")
# "7-Eleven": digits that begin a name
_NAME_AFTER_DIGITS = re.compile(r"-[A-Z][a-z]")
# Decades and age words: "in her twenties" (an age), "the seventies" (a date);
# "a decade", "a century" (durations).
_DECADE_WORD = re.compile(
    r"(?i)\b(?:(?P<who>(?:his|her|their|my|your|our|its)\s+)|(?P<the>the\s+))"
    r"(?P<word>(?:(?:early|mid|late)[- ])?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b"
)
_A_DECADE = re.compile(r"\ba\s+(?:decade|century)\b")


def _word_figures(body: str) -> list[Figure]:
    """Figures written as words that the main pattern leaves to context."""
    found: list[Figure] = []
    if "ties" in body or "TIES" in body:  # every decade word ends so: most texts skip the scan
        for m in _DECADE_WORD.finditer(body):
            found.append((m.start("word"), m.end("word"), "age" if m["who"] else "date"))
    if "decade" in body or "century" in body:
        found.extend((m.start(), m.end(), "duration") for m in _A_DECADE.finditer(body))
    return sorted(found)


def find_figures(body: str) -> Iterator[Figure]:
    """Yield ``(start, end, subtype)`` for each figure, in order, never
    overlapping; the two ends of a range of one kind are one figure, but a
    change "from £3,100 to £3,250" is two."""
    pending: Figure | None = None
    last_end = 0
    for figure in _with_words(body, _find_figures(body)):
        start, end, subtype = figure
        if start < last_end:
            continue  # inside the ratio before
        if body[end : end + 1] == "-" and _NAME_AFTER_DIGITS.match(body, end) and body[start:end].isdigit():
            continue  # "7-Eleven": digits that begin a name
        if subtype in ("count", "other"):
            times = _TIMES_UNIT.search(body, start, end) if subtype == "count" and body.endswith("times", start, end) else None
            if times is not None:
                figure = (start, end := times.start(), "count")  # "played 412 times"
            after = body[end : end + 40]
            ratio = _RATIO_AFTER.match(body, end, end + 40) if "sur" in after or "out" in after or "in" in after else None
            if ratio is not None and body[start:end].replace(",", "").isalnum():
                figure = (start, ratio.end(), "other")  # "2 TGV sur 5", "one in five"
                last_end = ratio.end()
        if (
            subtype == "count"
            and body[end : end + 1] == " "
            and body[start].isalpha()
            and _NUMBER_WORD.fullmatch(body, start, end)
        ):
            fraction = _FRACTION_AFTER.match(body, end)
            if fraction is not None:
                figure = (start, fraction.end(), "other")  # "two thirds"
        if pending is not None:
            start, end, subtype = pending
            if (
                subtype == "count"
                and figure[2] == "count"
                and body.startswith(" vote", end)
                and _VOTES_TO.fullmatch(body, end, figure[0])
            ):
                pending = (start, figure[1], "score")  # "by 297 votes to 203": a tally
                continue
            # "12 to 18 months", "two or three years": a bare number takes the unit of the end of its range.
            bare = subtype == "count" and (
                figure[2] in ("duration", "quantity", "money", "percent", "age")
                or figure[2] == "date"
                and _CLOCK.fullmatch(body, start, end)
                and _CLOCK_ZONE.fullmatch(body, *figure[:2])
            )  # "from 1130 to 1215 GMT"
            # "$779m-798m": the second end of an amount of money, its sign left out.
            money_end = subtype == "money" and figure[2] == "count" and body[end : figure[0]] in ("-", "–")
            join = (
                _RANGE_JOIN.fullmatch(body, end, figure[0])
                if (figure[2] == subtype or bare or money_end) and subtype != "score" and figure[0] - end <= 7
                else None
            )
            if join is not None and bare and (not _BARE_NUMBER.fullmatch(body, start, end) or "and" in join.group(0)):
                join = None
            if (
                join is not None
                and not (
                    _RANGE_FROM.search(body, max(0, start - 30), start)
                    and not _RANGING.search(body, max(0, start - 20), start)
                    and not (bare and figure[2] == "date")  # "from 1130 to 1215 GMT": a time slot
                    and not (subtype == "date" and _YEARS_TO.fullmatch(body, start, figure[1]))  # "ran from 1971 to 1987"
                )
                and not (join.group(0).strip() == "to" and _RANGE_MOVE.search(body, max(0, start - 36), start))
                and (
                    "and" not in join.group(0)
                    or _RANGE_BETWEEN.search(body, max(0, start - 25), start)
                    or subtype == "date"
                    and _YEARS_AND.fullmatch(body, start, figure[1])
                    and body[figure[1] : figure[1] + 2] not in ("'s", "’s")  # not "in 1983 and 1985's Clue"
                )
                and not (subtype in ("count", "money") and _unlike_ends(body[start:end], body[figure[0] : figure[1]]))
                and not _unlike_units(body[start:end], body[figure[0] : figure[1]])
            ):
                pending = (start, figure[1], figure[2] if bare else subtype)
                continue
            yield pending
        pending = figure
    if pending is not None:
        yield pending


_RUN_CHARS = frozenset("0123456789 +-/")
_PLAIN_BEFORE = frozenset(("", " ", "(", "\n"))
# Words near a bare number that can make it something else than a count
# (see _num_subtype, _in_list and _in_name): where none is near, it counts.
_TRIGGERS_BEFORE = ("age", "turn", "top", " is ", " was ", " be ", " been ")
# ... and right before it.
_TRIGGERS_JUST_BEFORE = ("at ", "#", ", ", "no.", "number", *_LABEL_WORDS)
_TRIGGERS_AFTER = ("sur", "out", "in", "time")
# The words right before are looked for over the whole 30 characters before: a
# trigger further away only sends the number down the full path, which decides
# the same (a property test holds the two paths equal).
_TRIGGER_BEFORE, _TRIGGER_AFTER = (
    re.compile("|".join(map(re.escape, words))) for words in (_TRIGGERS_BEFORE + _TRIGGERS_JUST_BEFORE, _TRIGGERS_AFTER)
)


def _plain_context(body: str, start: int, end: int) -> bool:
    if not _HAS_LETTER.search(body, max(0, start - 30), end + 40):
        return True
    before = body[max(0, start - 30) : start].lower()
    after = body[end : end + 40]
    if _TRIGGER_BEFORE.search(before) or _TRIGGER_AFTER.search(after):
        return False
    # The word right before, as written: a capital there may make a name ("Radio 4").
    written = body[max(0, start - 30) : start].rsplit(None, 1)[-1:]
    return not (written and written[0][:1].isupper())


class _PlainContexts:
    """:func:`_plain_context` remembered by the text around the number (it
    depends on nothing else): a text that repeats itself, as a machine-made
    one may, is judged once per distinct context. The memory is bounded."""

    __slots__ = ("seen",)

    def __init__(self) -> None:
        self.seen: dict[tuple[str, int, int], bool] = {}

    def __call__(self, body: str, start: int, end: int) -> bool:
        lo = max(0, start - 30)
        key = (body[lo : end + 40], start - lo, end - start)
        known = self.seen.get(key)
        if known is None:
            if len(self.seen) >= 1024:
                self.seen.clear()
            known = self.seen[key] = _plain_context(body, start, end)
        return known


_PLAIN_AFTER = frozenset((",", ";", " ", "\n", ""))
_NOT_RUN_CHAR = re.compile(r"[^0-9 +/-]")


def _digit_run(body: str, start: int, end: int) -> tuple[int, int] | None:
    """The telephone number or identifier ``body[start:end]`` lies in, if
    any (never thousands grouped by spaces: "3 000 000"). Only digits next
    to other digit groups, or led by a zero, are looked at; the caller skips
    the other figures of a run found once."""
    if not body[start : start + 1].isdigit():
        return None
    if not (
        body[start] == "0"
        and body[start + 1 : start + 2].isdigit()
        or body[end : end + 1] in (" ", "-", "/")
        and body[end + 1 : end + 2].isdigit()
        or body[start - 1 : start] in (" ", "-", "/")
        and body[start - 2 : start - 1].isdigit()
    ):
        return None
    lo = start
    while lo > 0 and body[lo - 1] in _RUN_CHARS:
        lo -= 1
    stop = _NOT_RUN_CHAR.search(body, end)
    hi = stop.start() if stop else len(body)
    for m in _DIGIT_RUN.finditer(body, lo, hi):
        if m.start() <= start and end <= m.end() and not _THOUSANDS.fullmatch(m.group(0)):
            return m.span()
        if m.start() > start:
            break
    return None


_SETS = re.compile(r"\d{1,2}-\d{1,2}(?: \d{1,2}-\d{1,2})+")


def _set_scores(body: str, start: int, end: int) -> list[Figure]:
    """The sets of a match written in a row ("6-2 5-7 6-2"), each a score;
    nothing for any other run of digits."""
    if not _SETS.fullmatch(body, start, end):
        return []
    sets = []
    for pair in re.finditer(r"(\d+)-(\d+)", body[start:end]):
        a, b = int(pair[1]), int(pair[2])
        if max(a, b) < 6 or max(a, b) > 20 or abs(a - b) < 1:
            return []
        sets.append((start + pair.start(), start + pair.end(), "score"))
    return sets


def _with_words(body: str, figures: Iterator[Figure]) -> Iterator[Figure]:
    """``figures`` and the word figures of :func:`_word_figures` in order,
    a word figure left out where it overlaps another (``figures`` itself
    when there are none)."""
    words = _word_figures(body)
    if not words:
        return figures
    listed = list(figures)  # in order, never overlapping: one sweep over both
    merged: list[Figure] = []
    i = 0
    for word in words:
        while i < len(listed) and listed[i][1] <= word[0]:
            merged.append(listed[i])
            i += 1
        if i < len(listed) and listed[i][0] < word[1]:
            continue  # overlaps a figure of the main pattern
        if merged and merged[-1][1] > word[0]:
            continue  # overlaps the word figure before it
        merged.append(word)
    merged.extend(listed[i:])
    return iter(merged)


def _find_figures(body: str) -> Iterator[Figure]:
    """Each number, amount, date... as the pattern finds it (ranges in two)."""
    commas, races, plain = _CommaThousands(body), _RaceWords(body), _PlainContexts()
    pos = 0
    while (m := _FIGURE.search(body, pos)) is not None:
        start, end = m.span()
        pos = max(end, start + 1)
        kind = m.lastgroup  # the top-level alternative: it encloses the others
        if kind in _DATE_KINDS:
            if not _boundary_ok(body, start, end):
                continue
            if (
                kind == "time"
                and body[start - 1 : start] == "("
                and body[start - 2 : start - 1] in ("", "\n")
                and body[end : end + 1] == ")"
            ):
                continue  # "(1:14) ...": a position in a recording, a label
            if kind == "decade" and _AGE_DECADE_BEFORE.search(body, max(0, start - 60), start):
                yield start, end, "age"  # "in their 30s, 40s and 50s"
                continue
            yield start, end, "date"
            continue
        if kind == "ageband":
            yield start, end, "age"
            continue
        if kind == "frac":
            if _boundary_ok(body, start, end) and not _in_title(body, start):
                yield start, end, "date" if m.group(0) == "9/11" else "other"  # the day, not a fraction
            continue
        if kind == "num":
            if (
                end - start <= 3
                and body[start - 1 : start] in _PLAIN_BEFORE
                and body[end : end + 1] in _PLAIN_AFTER
                and body[start:end].isdigit()
                and (body[start] != "0" or end - start == 1)
                and not body[end + 1 : end + 2].isdigit()
                and not body[max(0, start - 2) : start - 1].isdigit()
                and plain(body, start, end)
            ):
                # A bare number between plain separators with no word near it
                # that could make it a label, a name, an age, a rank or a ratio.
                yield start, end, "count"
                continue
            run = _digit_run(body, start, end)
            if run is not None:
                pos = max(pos, run[1])
                yield from _set_scores(body, *run)  # "6-2 5-7 6-2": the sets of a match
                continue  # a telephone number, an identifier: skipped whole
            if not _boundary_ok(body, start, end):
                continue
            if (
                _QUOTED_ALONE.match(body, start - 1)
                or _SUM.match(body, start)
                or _SUM_AFTER.search(body, max(0, start - 2), start)
            ):
                continue  # the "5" of a name in quotes; "2+1=4" is a sum
            if (start == 0 or body[start - 1] == "\n") and _LIST_MARKER.match(body, start):
                continue  # "1." opening a paragraph is a list marker
            if _in_list(body, m, start, end):
                continue  # "as follows: 1. Finland 2. Norway", "Lesson #1"
            if m["ord"] and not m["range"]:
                oend = m.end("ord")
                if _NAME_AFTER_ORDINAL.match(body, oend) and not _MONTH_AFTER.match(body, oend):
                    continue  # 20th Century Fox: part of a name
                century = _CENTURY_AFTER.match(body, oend)
                if century is not None:
                    yield start, century.end(), "date"  # the 19th century
                    continue
                yield start, oend, "other"  # 17th: an ordinal, whatever follows
                continue
            if end - start <= 5 and not m["range"] and _in_name(body, m, start, end):
                continue
            if m["cur"] and m["unit"] and _DURATION.search(m["unit"].strip(" -")):
                yield start, m.start("unit"), "money"  # "$5 month": a rate keeps the amount only
                continue
            yield start, end, _num_subtype(body, m, start, end, commas, races)
            continue
        if kind == "rank":
            if body[start] == "N" and not _SENTENCE_START.search(body, max(0, start - 3), start):
                continue  # "Number One" inside a name
            if _SHIRT.match(body, end):
                continue  # "the number 10 shirt" names a role, it counts nothing
            if _boundary_ok(body, start, end):
                yield start, end, "other"
            continue
        if kind == "ordw":
            text = m.group(0)
            if text.lower() == "first":
                continue  # too common to carry information
            if text[:1].isupper() and not _SENTENCE_START.search(body, max(0, start - 3), start):
                continue  # Second World War, Third Way
            if _ORD_SKIP_AFTER.match(body, end, end + 25) and not _HALF_OF_YEAR.match(body, end, end + 40):
                continue  # second half, second-placed, second thoughts; but "the second half of 2004" is a period
            if text.lower() == "second" and (
                _PER_SECOND.search(body, max(0, start - 8), start)
                or (_SECOND_NOUN.search(body, max(0, start - 8), start) and _SECOND_ALONE.match(body, end))
            ):
                continue  # "per second", "for a second.", "a second or two"
            yield start, end, "other"
            continue
        if kind in ("mult", "adozen"):
            if kind == "mult" and body[start].isupper() and not _SENTENCE_START.search(body, max(0, start - 3), start):
                continue  # "(In Millions)": a heading, no number
            unit = (m["dunit"] or "").strip(" -")
            yield start, end, "money" if unit and _MONEY_UNIT.search(unit) else "count"
            continue
        if kind == "relay":
            yield start, end, "quantity"  # "the 4x100m"
            continue
        if kind in ("fold", "twice"):
            yield start, end, "other"  # "tenfold", "twice as fast": multiples
            continue
        if kind == "halfa":
            yield start, end, "count" if m["halfcount"] else "duration"  # "half a million", "half an hour"
            continue
        if kind == "ayear":
            yield start, end, "duration"  # "a year or two"
            continue
        if kind == "words":
            text = m.group(0)
            if text[:1].isupper() and not _SENTENCE_START.search(body, max(0, start - 3), start):
                continue  # Six Nations, Radio Five Live: part of a name
            name = _NAME_INSIDE_WORDS.search(text) if text[:1].islower() else None
            if name is not None and _NUMBER_WORD.match(text, name.end()):
                yield start, start + name.start(), "count"  # "their opening two Six Nations games"
                continue
            core = text.lower().split()[0].split("-")[0]
            if (
                core == "one"
                and not re.search(r"(?i)^one[\s-]+(?:hundred|thousand|million|billion|dozen)|%|per\s?cent|half", text)
                and not (_ONE_COUNTED.search(body, max(0, start - 16), start) and body[end : end + 3] != " of")
                and not (text.lower() == "one" and _RATIO_AFTER.match(body, end, end + 40))
                and not (
                    text == "one"
                    and _ONE_NOUN_BEFORE.search(body, max(0, start - 10), start)
                    and _ONE_NOUN_AFTER.match(body, end)
                    and not _ONE_OR_OTHER.search(body, end, end + 60)
                )  # "limited to one visit", "from one source"; not "one step further", "one ... over another"
            ):
                unit = (m["wunit"] or "").strip(" -").lower()
                if (
                    not unit
                    or unit in ("day", "night", "time")
                    or text.lower().startswith("one-")
                    and not _OTHER_UNIT.search(unit)
                ):
                    continue  # "one of them", "one day"; but "One dollar", "one year", "only one"
            if not m["wunit"] and core in ("hundred", "thousand", "million", "billion", "trillion", "dozen"):
                continue  # "a hundred" is caught by its own branch; bare "million" is not a figure
            yield start, end, _num_subtype(body, m, start, end, commas, races)
            continue
        if kind == "frac2":
            text = m.group(0).lower()
            if text == "half":
                before = body[max(0, start - 12) : start]
                after = body[end : end + 12]
                if body[end : end + 1] == "-" or _HALF_BEFORE_BAD.search(before):
                    continue
                if not (_HALF_BEFORE.search(before) or _HALF_AFTER.search(after)):
                    continue
            yield start, end, "other"  # "a third of", "up by a fifth."
