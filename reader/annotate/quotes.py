"""Find quotations in an article body and who spoke them.

Quote marks are found with one regex (apostrophes between letters are never
candidates), each mark is classed as opening or closing from the characters
on either side, and a stack pairs them paragraph by paragraph. Newspaper
convention is honoured: a quote running over several paragraphs opens each
with a mark and closes only at its end, and the same happens inside one
paragraph when paragraph breaks were lost (``... case. "It is ...``). A mark
left open at the end of its paragraph stops there. Only outermost quotes are
reported, so quotes never overlap. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache, partial
from typing import Literal

# (start, end, speaker)
Quote = tuple[int, int, "str | None"]

# A run of three or more marks is noise (never valid quoting) and is skipped whole.
_MARK = re.compile(r"[\"'“”„‟«»‹›‘’‚]{3,}|[\"“”„‟«»‹›‘‚]|(?<![^\W\d_])['’]|['’](?![^\W\d_])")
_MAX_DEPTH = 8  # real quotes nest two or three deep; deeper stacks are noise
_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_QUOTE_CHARS = "\"'“”„‟«»‹›‘’‚"
_OPEN_BEFORE = "([{<—–-/" + _QUOTE_CHARS
_CLOSE_AFTER = ".,;:!?)]}>—–-…" + _QUOTE_CHARS
_SENTENCE_END = ".?!…:"

# Which closing characters end a quote opened by each character.
_CLOSERS = {
    '"': '"”“',
    "“": '”"“',
    "„": '“”"',
    "‟": '”"',
    "”": "”",
    "‘": "’'‘",
    "'": "'’",
    "’": "’",
    "‚": "‘’",
    "«": "»",
    "»": "«",
    "‹": "›",
    "›": "‹",
}
_FAMILY = {
    '"': "D",
    "“": "D",
    "„": "D",
    "‟": "D",
    "”": "D",
    "‘": "S",
    "'": "S",
    "’": "S",
    "‚": "S",
    "«": "G",
    "»": "G",
    "‹": "g",
    "›": "g",
}
_ELISION = re.compile(r"(?i)(?:\d\d\b|\d0s|tis\b|twas\b|em\b|n['’]|cause\b|til\b|bout\b|round\b)")

_VERB_WORDS = (
    r"said|says|say|told|tells|added|adds|asked|asks|explained|explains|warned|warns|stated"
    r"|states|declared|declares|insisted|insists|noted|notes|argued|argues|claimed|claims"
    r"|wrote|writes|commented|comments|replied|replies|continued|admitted|admits|announced"
    r"|announces|tweeted|remarked|suggested|suggests|urged|urges|vowed|conceded|concedes"
    r"|stressed|stresses|acknowledged|recalled|confirmed|confirms|predicted|boasted|joked"
    r"|quipped|observed|cautioned|complained|pointed\s+out|went\s+on|saying|adding"
    r"|called|calls|branded|brands|branding|dubbed|dubbing|labelled|labeled|described|describes|nannte|nennt|bezeichnete"
    r"|sagte|sagt|erklärte|betonte|meinte|a\s+déclaré|a\s+dit|a\s+affirmé|déclare|explique|affirme"
    r"|a\s+ajouté|ajoute|a\s+précisé|précise|a\s+dénoncé|dénonce|résume|a\s+résumé|estime|a\s+estimé"
    r"|instructed|instructs|ordered|summed\s+up|sums\s+up|a\s+annoncé|annonce|fügte\s+hinzu|sagt\s+er"
    r"|urging|attacked|attacks|criticised|criticized|criticises|criticizes|criticise|criticize|condemned|condemns|praised|praises"
    r"|hailed|hails|dismissed|dismisses|accused|accuses|reported|reports|recalls|underlined|underlines|agreed|agrees|denied|denies|defines|defined"
    r"|dijo|afirmó|aseguró|declaró|explicó|señaló|añadió|agregó|sostuvo|disse|afirmou|falou|acrescentou|declarou|explicou"
    r"|ha\s+detto|ha\s+dichiarato|ha\s+spiegato|ha\s+aggiunto"
    r"|a\s+indiqué|indique|a\s+souligné|souligne|a\s+assuré|assure|a\s+expliqué|a\s+confié|confie|a\s+rappelé|rappelle"
    r"|poursuit|raconte|a\s+raconté|betont|erklärt|warnt|warnte|kritisiert|kritisierte|fordert|forderte|teilte\s+mit"
)
# Verbs whose object, not subject, follows them ("told X", "called X"):
# they attribute only with the speaker before them, and only a named one.
_OBJECT_VERBS = (
    "told",
    "tells",
    "called",
    "calls",
    "branded",
    "brands",
    "branding",
    "dubbed",
    "dubbing",
    "labelled",
    "labeled",
    "described",
    "describes",
    "nannte",
    "nennt",
    "bezeichnete",
    "urging",
    "attacked",
    "attacks",
    "criticised",
    "criticized",
    "criticises",
    "criticizes",
    "criticise",
    "criticize",
    "condemned",
    "condemns",
    "praised",
    "praises",
    "hailed",
    "hails",
    "dismissed",
    "dismisses",
    "accused",
    "accuses",
)
_NAMED_ONLY_VERBS = frozenset(_OBJECT_VERBS[2:])
_ACCORDING = r"(?i:according\s+to|selon|laut)"  # "According to X, ..." opens sentences
_AFTER_VERB_FIRST = re.compile(
    rf"\s*[,;:—–-]?\s*(?:{'|'.join(v for v in _VERB_WORDS.split('|') if v not in _OBJECT_VERBS)})\s+(?P<who>[^\n,.;:!?\"“”«»„()]{{1,80}})"
)
_AFTER_SUBJECT_FIRST = re.compile(
    rf"\s*[,—–-]?\s*(?:as\s+)?(?P<who>[^\s,.;:!?\"“”«»„()]+(?:[^\S\n]+[^\s,.;:!?\"“”«»„()]+){{0,7}}?)\s+"
    rf"(?:(?:has|had|have|also|later|then|once|simply|just|earlier)\s+)*(?:{_VERB_WORDS})\b"
)
_AFTER_NAME_DESCRIBED = re.compile(
    rf"\s*[,—–-]?\s*(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){{1,3}}),\s+[a-z][^,\n.;:!?\"“”«»„()]{{1,80}}?,?\s+"
    rf"(?:has\s+|had\s+)?(?:{_VERB_WORDS})\b"
)
# Inverted pronoun after the quote: « ... », a-t-il ajouté / „...“, sagte er.
_AFTER_INVERTED = re.compile(
    r"\s*[,—–-]?\s*(?:a-t-(?:il|elle)|(?:ajoute|dit|précise|explique|déclare|affirme|estime)-t?-?(?:il|elle))\b"
)
# German: „...“, so der GDL-Chef.
_AFTER_SO = re.compile(r"\s*,\s*so\s+(?P<who>(?:der|die|das|ein|eine)?\s*[^\n,.;:!?\"“”«»„()]{1,60})")
# "A disaster," was how the plan was described by X.
_AFTER_DESCRIBED_BY = re.compile(
    r"\s*[,—–-]?\s*was\s+how\s+[^\n.;!?\"“”«»„]{1,80}?\s+(?:was\s+|were\s+|had\s+been\s+)?(?:described|summed\s+up|put)\s+by\s+"
    r"(?P<who>(?:the\s+[a-z]|[A-Z])[^\n,.;:!?\"“”«»„()]{1,60})"
)
# It was described as "a disaster" by X.
_DESCRIBED_AS_BEFORE = re.compile(
    r"(?i)\b(?:described|branded|dismissed|labelled|labeled|called)\s+(?:it\s+|them\s+|him\s+|her\s+)?(?:as\s+)?$"
)
_AFTER_BY = re.compile(r"\s+by\s+(?P<who>(?:the\s+[a-z]|[A-Z])[^\n,.;:!?\"“”«»„()]{1,60})")  # a name or "the minister"
_APPOSITIVE_NAME = re.compile(r",\s+(?P<name>(?:[A-Z][\w'’-]+\s+){1,3}[A-Z][\w'’-]+)(?=\s*[.,;!?]|\s*$|\s+(?:who|said|says)\b)")
_AFTER_ACCORDING = re.compile(rf"\s*[,—–-]?\s*(?:{_ACCORDING})\s+(?P<who>[^\n,.;:!?\"“”«»„()]{{1,60}})")
_BEFORE_VERB = re.compile(rf"\b(?:(?P<acc>{_ACCORDING})|(?P<part>saying|adding)|{_VERB_WORDS})\b")
_SENTENCE_BREAK = re.compile(r"(?<!\b[A-Z])[.!?…][\"'”’»]*\s+")  # not after an initial: "Dana F. Besecker"
_COORDINATED = re.compile(r"\s(?:but|and|yet)\s+(?:(?:also|then|later|earlier)\s+)?$")
_CUT_WORDS = re.compile(
    r"\s(?:which|who|whose|in|on|at|after|before|when|while|during|as|to|from|adding|saying"
    r"|and|but|yesterday|today|last|this|that|of\s+the\s+\w+ing"
    r"|ao|à|au|aux|en|na|no|nel|alla|al|a\s+la|dans|lors|durante|después|depois)\b.*$",
    re.S,
)
# Role nouns: "the coach said" refers back to the person just named.
_ROLE_NOUNS = frozenset(
    "coach manager boss captain singer actor actress star player striker midfielder defender"
    " goalkeeper chairman chairwoman chief director president minister secretary spokesman"
    " spokeswoman executive founder owner leader chancellor premier economist analyst"
    " musician guitarist drummer frontman writer author novelist rapper presenter host"
    " veteran champion winger forward skipper official businessman politician full-back fly-half scrum-half"
    " centre prop flanker hooker keeper batsman bowler all-rounder rider driver boxer golfer sprinter"
    " favourite holder seed teenager secretary-general general-secretary commissioner governor mayor senator"
    " spokesperson adviser advisor editor lawyer professor economist campaigner comedian comic entertainer"
    " broadcaster journalist reporter columnist critic historian scientist researcher doctor surgeon judge"
    " officer detective commander general ambassador envoy diplomat activist designer producer composer"
    " conductor poet artist architect pilot midfielder coach".split()
)
# A description, then a preposition and a capitalised word: "le ministre des Transports".
_DESCRIPTION_ARTICLES = frozenset("the a an le la les un une der die das ein eine".split())
_GERMAN_ARTICLES = frozenset(("Ein", "Eine", "Der", "Die", "Das"))
_OF_WORDS = frozenset(("des", "de", "du", "of", "der", "for"))
_PLACE_PREPOSITIONS = re.compile(r"\s(?:am|im|beim|vom|aus|au|à)\s")
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "er", "sie", "il", "elle"}
_TITLES = {
    "Secretary",
    "Minister",
    "President",
    "Prime",
    "Chairman",
    "Chairwoman",
    "Chief",
    "Executive",
    "Director",
    "Coach",
    "Manager",
    "Captain",
    "Spokesman",
    "Spokeswoman",
    "Senator",
    "Governor",
    "Chancellor",
    "Leader",
    "General",
    "Commissioner",
    "Deputy",
    "Vice",
    "Ambassador",
    "Judge",
    "Officer",
    "Boss",
    "Bundeskanzler",
    "Minister's",
    "Premier",
    "Mayor",
    "CEO",
    "CFO",
    "COO",
    "MP",
    "MEP",
    "Founder",
}
_TITLE_ENDINGS = ("minister", "kanzler", "präsident", "-Chef")  # Verkehrsminister, GDL-Chef
# "Mr Herron - who gained fame as ... - said": the aside between dashes is not the subject.
_DASH_ASIDE = re.compile(r"\s[-–—]\s[^-–—]{1,200}?\s[-–—]\s")
# Words of an organisation's name: "National Association of ..." is no person.
_ORGANISATION_WORDS = frozenset(
    "Association Department Council Committee Office Ministry Trust Union Bank Party Group Company Corporation"
    " Institute University Federation Agency Commission Authority Foundation Society Board League Club Service"
    " Centre Center Fund Organisation Organization".split()
)
_CALENDAR_WORDS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August"
    " September October November December".split()
)
_LEADING_STOP = {
    "The",
    "A",
    "An",
    "However",
    "But",
    "And",
    "Meanwhile",
    "Then",
    "Also",
    "Yet",
    "So",
    "In",
    "On",
    "At",
    "After",
    "Before",
    "Last",
    "This",
    "That",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "Speaking",
    "Later",
    "Earlier",
    "Der",
    "Die",
    "Das",
    "Le",
    "La",
    "Les",
    "While",
    "When",
    "If",
    "As",
    "Although",
    "Though",
    "Since",
    "Until",
    "Because",
    "Unlike",
    "Like",
    "With",
    "Without",
    "For",
    "From",
    "By",
    "Only",
    "Even",
    "Both",
    "Now",
    "Asked",
    "Under",
    *"Again Still Instead Indeed Yesterday Today Tonight Here There Ultimately Finally Perhaps Maybe Clearly"
    " Certainly Overall Elsewhere Separately Nevertheless Nonetheless Moreover Furthermore Besides Already Once"
    " Not No All Every Each Some Many Most Several Other Another Whether What Why How Where Which Who".split(),
}
_NAME_PARTICLES = {"de", "van", "von", "der", "da", "du", "di", "la", "le", "bin", "al", "del"}
_ADVERBS = {"also", "has", "had", "have", "later", "then", "once", "previously", "simply", "just", "earlier", "was", "is"}
_WORD = re.compile(r"[^\s,;:()\"“”«»„]+")


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _cap_run_from_end(words: list[str]) -> list[str]:
    """The trailing run of capitalised words (a name), titles and ``The`` dropped."""
    run: list[str] = []
    i = len(words) - 1
    while i >= 0:
        w = words[i]
        if _is_cap(w) and w.strip(".") not in _TITLES and not w.endswith(_TITLE_ENDINGS):
            run.insert(0, w)
        elif w in _NAME_PARTICLES and run and i > 0 and _is_cap(words[i - 1]):
            run.insert(0, w)
        elif w in ("of", "for") and run and run[0] != "State" and i > 0 and _is_cap(words[i - 1]) and words[i - 1] not in _TITLES:
            run.insert(0, w)  # "the Bank of England", "the Department of Conservation"
        else:
            break
        i -= 1
    if run and run[0] == "State" and i >= 0 and words[i] == "of":
        run.pop(0)
    while run and (run[0] in _LEADING_STOP or run[0] in _CALENDAR_WORDS):
        run.pop(0)
    return run


def _is_description(words: list[str]) -> bool:
    """``the national team coach``, ``Eine 72-jährige Reisende``: an article, then a common noun."""
    if len(words) < 2 or words[0].lower() not in _DESCRIPTION_ARTICLES:
        return False
    return not words[1][:1].isupper() or words[0] in _GERMAN_ARTICLES


# A person's name, then where they work: "Maria Lopez of the World Bank",
# "Jean Dupont de la SNCF", "Anna Berg at Halden Council".
_PERSON_OF = re.compile(
    r"(?P<name>(?:(?:Mr|Mrs|Ms|Dr|Prof)\S?\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})"
    r"\s+(?:of|at|from|de|du|des|von|vom)\s+(?:the\s+|la\s+|le\s+|l['’]|der\s+|des\s+)?[A-Z][\w&'’.-]*"
    r"(?:\s+(?:(?:the|of|and|for|on)\s+)?[A-Z&][\w&'’.-]*){0,5}"
)


def _clean_subject(phrase: str) -> str | None:
    """A short speaker string from the words naming a speaker; "" for a pronoun."""
    cut = _PLACE_PREPOSITIONS.search(phrase)
    if cut and cut.start() > 0:
        phrase = phrase[: cut.start()]  # "a traveller at Berlin station"
    words = _WORD.findall(phrase)
    while words and words[-1].lower() in _ADVERBS:
        words.pop()
    while words and words[0].lower() in {"and", "but", "however", "as", "while", "then", "later", "earlier", "meanwhile", "now"}:
        words.pop(0)
    if not words:
        return None
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return ""
    lead = 0
    while lead < len(words) - 1 and (words[lead] in _TITLES or words[lead] in _LEADING_STOP):
        lead += 1  # "Chief Executive Anna Berg of Halden Ltd"
    person = _PERSON_OF.fullmatch(" ".join(words[lead:]))
    if person and not any(
        w in _TITLES or w in _LEADING_STOP or w.isupper() or w in _ORGANISATION_WORDS for w in person["name"].split()
    ):
        return person["name"]  # "Maria Lopez of the World Bank": the person, not the bank
    run = _cap_run_from_end(words)
    if run and _is_description(words) and len(words) <= 7:
        k = len(words) - len(run)
        if k > 0 and len(run) == 1 and words[k - 1].lower() in _OF_WORDS:
            return " ".join(words).rstrip(".'’")  # "le ministre des Transports"
        if k > 0 and words[0] in _GERMAN_ARTICLES and len(run) <= 2:
            return " ".join(words).rstrip(".'’")  # German capitalises nouns: "Eine 72-jährige Reisende"
    if run:
        return " ".join(run[-6:] if "of" in run else run[-4:]).rstrip(".'’")
    if words[-1].lower() in _PRONOUNS:
        return ""
    if words[-1].lower() in _NOT_A_SUBJECT_END or any(w.lower() in _AUXILIARIES for w in words):
        return None  # "... about the result but", "was speaking amid": a clause, not someone
    if len(words) > 6:
        # "the world 200m and 400m record holder": still a description of someone ("the record holder").
        words = [words[0], *words[-2:]] if words[0].lower() == "the" and words[-1].lower() in _ROLE_NOUNS else words[-3:]
    return " ".join(words).rstrip(".'’") or None


_AUXILIARIES = frozenset("was were is are be been being will would".split())
_NOT_A_SUBJECT_END = frozenset(
    "and but or yet so about of in on at to for with from by than as that which who because if"
    " when while after before into over under against".split()
)


def _first_name_in(clause: str) -> str | None:
    """The first capitalised run of a clause that is a name (for ``..., saying:``)."""
    words = _WORD.findall(clause)
    i = 0
    while i < len(words):
        if _is_cap(words[i]) and words[i] not in _LEADING_STOP:
            run = [words[i]]
            j = i + 1
            while j < len(words) and _is_cap(words[j]):
                run.append(words[j])
                j += 1
            while run and run[0].strip(".") in _TITLES:
                run.pop(0)
            role = next(
                (k for k in range(j, min(j + 4, len(words))) if words[k].lower() in _ROLE_NOUNS),
                None,
            )
            if (
                run
                and role is not None
                and all(not _is_cap(w) for w in words[j:role])
                and (" ".join(run) + ",") not in clause  # not "Anthony Sebok, a professor at ..."
            ):
                i = role + 1  # "Lib Dem foreign affairs spokesman Menzies Campbell": a description before the name
                continue
            if run:
                return " ".join(run).rstrip(".,'’")
            i = j
        i += 1
    return None


def _cut_who(who: str) -> str:
    return _CUT_WORDS.sub("", " " + who.strip()).strip()


def _speaker_after(body: str, start: int, end: int, para_end: int) -> str | None:
    after = body[end : min(para_end, end + 120)]
    m = _AFTER_ACCORDING.match(after)
    if m:
        return _clean_subject(_cut_who(m["who"]))
    m = _AFTER_DESCRIBED_BY.match(after)
    if m is None and _DESCRIBED_AS_BEFORE.search(body, max(0, start - 40), start):
        m = _AFTER_BY.match(after)
    if m:
        return _clean_subject(_cut_who(m["who"]))  # "...," was how it was described by X / described as "..." by X
    if _AFTER_INVERTED.match(after):
        return ""
    if body[end - 1 : end] in "“«»":
        german = _AFTER_SO.match(after)  # „Wir streiken“, so Weselsky.
        if german:
            return _clean_subject(_cut_who(german["who"]))
    m = _AFTER_VERB_FIRST.match(after)
    if m:
        who = _clean_subject(_cut_who(m["who"]))
        if who and _lower_head(who):
            named = _APPOSITIVE_NAME.match(after, m.end("who"))
            if named:
                return named["name"]  # said Halden's transport analyst, Priya Raman.
        return who
    inner = body[end - 2] if end - start >= 2 else ""
    if inner in ",?!" or after[:1] in ",—–-" or inner in ".…":
        m = _AFTER_SUBJECT_FIRST.match(after)
        if m and len(m["who"].split()) <= 8:
            who = _clean_subject(m["who"])
            # After a full stop a new sentence starts: only "he said" still attributes.
            if inner not in ".…" or who == "":
                return who
        if inner == "," and m is None:
            # '"...," Paul Goosens, head of Preventon told the BBC': a name, then what the person is.
            described = _AFTER_NAME_DESCRIBED.match(after)
            if described:
                return described["name"]
    return None


def _lower_head(who: str) -> bool:
    """The last word of a speaker phrase is a common noun (``Halden's transport analyst``)."""
    last = who.split()[-1]
    return last[:1].islower()


def _speaker_before(body: str, start: int, floor: int) -> str | None:
    window = body[max(floor, start - 300) : start]
    phrase = _PHRASE_OF.search(window)
    if phrase is not None:
        return phrase["name"]  # (in economist Tyler Cowen's phrase) "markets in everything"
    last_break = None
    for last_break in _SENTENCE_BREAK.finditer(window):  # noqa: B007 - keeps the last match
        pass
    clause = window[last_break.end() :] if last_break else window
    verbs = list(_BEFORE_VERB.finditer(clause))
    while verbs:
        who = _speaker_of_verb(clause, verbs.pop())
        if who is not False:
            return who
    if clause.rstrip().endswith(":"):
        # 'Osbourne himself was at a loss to explain it: "..."': the sentence's subject introduces the words.
        return _sentence_subject(clause, partial(_full_names, body, start))
    return None


_PHRASE_OF = re.compile(
    r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,3})['’]s\s+(?:phrase|words|term|expression|description)\)?,?\s*$"
)
# "the Music Managers' Forum (MMF), who say": the one the relative clause is about.
_WHO_CLAUSE = re.compile(
    r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’-]+){0,4})(?:\s*\([A-Z]{2,}\))?,\s+who\s+(?!(?:he|she|they|we|I|you|it)\b)(?:[a-z]+\s+){0,3}$"
)
# Verbs of a stance whose words the next paragraph may quote: "Mr Raynsford dismissed a suggestion ..."
_STANCE_VERB = re.compile(
    r"\b(?:dismiss|reject|defend|welcome|believe|think|hope|want|back|support|oppose|question|deplore|accept)(?:s|d|ed)?\b"
    r"|\b(?:thought|hoped)\b"
)
_PARTICIPLE_AFTER = re.compile(r"\s*,\s*(?:saying|adding)\b")
_PRONOUN_SAID = re.compile(r"\b(?:he|she)\s+(?:said|added|says|adds|told\s+\w+)\s*,\s*$")
# "Mr Brown, who was not there, says": an aside about the subject before its verb.
_RELATIVE_ASIDE = re.compile(r",\s+(?:who|which)\s[^,]+,\s*$")
# Verbs that are also plural nouns: verbs only right after their subject.
_NOUN_LIKE_VERBS = frozenset("notes claims comments remarks states reports calls says warns".split())
_DETERMINER_BEFORE = re.compile(r"(?i)\b(?:the|a|an|his|her|their|its|our|my|your|these|those|this)\s+$")


def _after_possessive(text: str, at: int) -> bool:
    """Whether the word before ``at`` is a possessive ("Mr Iliaronov's comments")."""
    return text[:at].rstrip().endswith(("'s", "’s", "s'"))


def _is_name(text: str) -> bool:
    """Two to four capitalised words and nothing else: ``Sher Khan``."""
    words = _WORD.findall(text)
    return 2 <= len(words) <= 4 and words[0] not in _LEADING_STOP and all(_is_cap(w) or w in _NAME_PARTICLES for w in words)


def _appositive_subject(parts: list[str]) -> str | None:
    """``Lisa Power, head of policy at the Trust said``: the name before a
    description set off by a comma (whose closing comma the text left out)."""
    if len(parts) < 2 or not parts[-1].strip()[:1].islower() or parts[-1].split()[0] in _PRONOUNS:
        return None
    words = _WORD.findall(parts[-2])
    if 2 <= len(words) <= 4 and words[0] not in _LEADING_STOP and all(_is_cap(w) or w in _NAME_PARTICLES for w in words):
        return " ".join(words)  # the whole clause before the comma is the name
    return None


def _speaker_of_verb(clause: str, verb: re.Match[str]) -> str | None | Literal[False]:
    """The speaker a verb of ``clause`` names, None for none, False when the
    verb attributes nothing here (an earlier verb of the clause may)."""
    if _DETERMINER_BEFORE.search(clause, max(0, verb.start() - 8), verb.start()):
        return False  # "the notes of the bill", "his claims": a noun
    if verb.group(0) in _NOUN_LIKE_VERBS:
        before = clause[: verb.start()].split()
        if _after_possessive(clause, verb.start()):
            return False  # "Mr Iliaronov's comments": a noun after a possessive
        if before and not (
            _is_cap(before[-1])
            or before[-1].lower() in _PRONOUNS | _ADVERBS | _ROLE_NOUNS
            or (before[-1].endswith(",") and _RELATIVE_ASIDE.search(clause, 0, verb.start()))
        ):
            return False  # "the explanatory notes of": a noun after an adjective
    if len(clause) - verb.end() > 200:
        return None
    if verb["acc"]:
        who = re.split(r"[,;:.—–]", clause[verb.end() :], maxsplit=1)[0]
        return _clean_subject(_cut_who(who))
    head = _DASH_ASIDE.sub(" ", re.split(r"[;:]", clause[: verb.start()])[-1])
    if verb["part"]:
        last = head.split()[-1:] if head.strip() else []
        if (
            last
            and last[0][:1].islower()
            and last[0].lower() not in _PRONOUNS | _NOT_A_SUBJECT_END | _ADVERBS
            and last[0][-1:] not in ",;:"
        ):
            return None  # "with many saying": its own subject, not a name further back
        # "..., he said, adding that ...": the pronoun, resolved like "he said".
        return _first_name_in(head) or ("" if _PRONOUN_SAID.search(head) else None)
    if _COORDINATED.search(head):
        # "He said ... but predicted": the verb shares the clause's subject.
        first = _BEFORE_VERB.search(clause)
        if first is None or first.start() >= verb.start() or first["acc"] or first["part"]:
            # "Uber stepped in and tweeted": the name opening the clause.
            lead = _WORD.findall(re.split(r"[,;:]", head)[-1])
            run = []
            for w in lead:
                if not _is_cap(w) or w in _LEADING_STOP:
                    break
                run.append(w)
            if run and len(run) < len(lead) and _VERB_LIKE.fullmatch(lead[len(run)]):
                return " ".join(run)
            return _sentence_subject(head)  # "Tory leader Michael Howard also backed it but said"
        head = re.split(r"[;:,]", clause[: first.start()])[-1]
        return _clean_subject(head)
    relative = _WHO_CLAUSE.search(head)
    if relative is not None and relative["name"].split()[0] not in _LEADING_STOP:
        return _clean_subject(relative["name"]) or relative["name"]  # "Iyad Allawi, who this week criticised"
    parts = head.split(",")
    if len(parts) > 2 and not parts[-1].strip() and _is_name(parts[-2]):
        who = " ".join(_WORD.findall(parts[-2]))  # "the chair of the committee, Sher Khan, said"
    elif len(parts) > 1 and not parts[-1].strip():
        who = _clean_subject(parts[0])  # "Mr X, an Armenian in Karabakh, said"
    else:
        who = _appositive_subject(parts) or _clean_subject(parts[-1])
    if verb.group(0) in _NAMED_ONLY_VERBS and not (
        who and (all(_is_cap(w) or w in _NAME_PARTICLES for w in who.split()) or _is_role(who))
    ):
        return False  # "a tool called "Foo"" names no speaker; "he asked why ministers attacked": he
    return who


_NOT_BEFORE_SUBJECT = frozenset(
    "he she they it we i you that which who whom and but or to of by with for as in on at from into"
    " after before when while said says told tells than about against over under if because since"
    " his her their its our my your this these those there here what".split()
)


# Words after which a name is an object, not the sentence's subject.
_OBJECT_LEADS = frozenset("having despite including alongside against beating without like unlike".split())
# A lower-case word that is surely a verb: after it, the subject is behind.
_VERB_LIKE = re.compile(
    r"[a-z]+ed|is|was|are|were|has|had|have|will|would|can|could|says|said|bought|sold|won|lost|made|took|told"
    r"|gave|got|led|ran|met|saw|became|began|fell|rose|beat|left|kept|paid|set|put|hit|went|came|did|does"
)


# "On this subject, Morris appears ...": a phrase before the subject.
_OPENING_PHRASE = re.compile(
    r"(?:In|On|At|For|After|Before|Despite|With|By|During|Since|From|Asked|Speaking|Later|Earlier|Now)\b[^,.;:!?\"“”]{0,50},\s+"
)


def _sentence_subject(sentence: str, surnames: Callable[[], dict[str, str]] | None = None) -> str | None:
    """A person named as the subject of a sentence: ``Double try scorer Martyn Williams was ...``.

    The name is two or more capitalised words (titles such as ``Prime
    Minister`` dropped), among the first words of the sentence with only
    descriptive words before it, and followed by a lower-case word or a comma.
    With ``surnames`` (the full names given before, by surname), a surname
    alone before a verb is that person: ``McIlroy is unfazed``.
    """
    lead = _OPENING_PHRASE.match(sentence.lstrip())
    words = _WORD.findall(sentence.lstrip()[lead.end() if lead else 0 :][:160])[:12]
    if words and words[0].lower() in ("but", "and", "yet", "however", "meanwhile"):
        words = words[1:]
    i = 0
    while i < min(len(words), 6):
        w = words[i]
        if w.lower() in _NOT_BEFORE_SUBJECT:
            return None
        if not _is_cap(w) or ("-" in w and not w.split("-")[-1][:1].isupper()):
            i += 1  # "Double try scorer", "Man-of-the-match"
            continue
        if i > 0 and words[i - 1].lower() in _OBJECT_LEADS:
            return None  # "Ireland, despite having Gordon D'Arcy out": past the subject, names are objects
        j = i + 1
        while j < len(words) and (
            _is_cap(words[j]) or words[j] in _NAME_PARTICLES and j + 1 < len(words) and _is_cap(words[j + 1])
        ):
            j += 1
        run = words[i:j]
        if len(run) >= 2 and " ".join(run) not in sentence:
            i = j  # "tabloids Us Weekly, In Touch and Star": a list, not one name
            continue
        if run[-1].endswith(("'s", "’s")):
            i = j  # "Mr Brown's former adviser Ed Balls": a possessive names whose, not who
            continue
        titles = [k for k, x in enumerate(run) if x.strip(".") in _TITLES]
        if titles:
            run = run[titles[-1] + 1 :]
        while run and (run[0] in _LEADING_STOP or (run[0].isupper() and len(run[0]) > 1)):
            run.pop(0)
        if j < len(words) and words[j].lower() in _ROLE_NOUNS and (" ".join(run) + ",") not in sentence:
            i = j + 1  # "Lib Dem spokesman Vince Cable": a description before the name
            continue
        followed = j < len(words) and words[j][:1].islower() or bool(run) and (run[-1] + ",") in sentence
        if len(run) >= 2 and followed:
            return " ".join(run[-4:]).rstrip(".,'’")
        if len(run) == 1 and j < len(words) and words[j][:1].islower() and surnames is not None and run[0] in surnames():
            return surnames()[run[0]]  # "Morris appears ...": the full name given before
        if run and j < len(words) and _VERB_LIKE.fullmatch(words[j]):
            return None  # "Amazon bought Whole Foods": past the subject, names are objects
        i = j
    return None


def _masked(text: str, lo: int, mask: tuple[int, int] | None) -> str:
    """``text`` (which starts at ``lo`` in the body) with the span ``mask`` blanked:
    the words inside a quote name nobody who speaks outside it."""
    if mask is None or mask[1] <= lo or mask[0] >= lo + len(text):
        return text
    a, b = max(0, mask[0] - lo), min(len(text), mask[1] - lo)
    blank = " " * (b - a)
    if b - a >= 2 and text[b - 2] in _SENTENCE_END:
        blank = blank[:-1] + "."  # the quote ended a sentence: the next one still starts after it
    return text[:a] + blank + text[b:]


def _latest_subject(body: str, lo: int, hi: int, names_only: bool = False, mask: tuple[int, int] | None = None) -> str | None:
    """The person last named as a subject in ``body[lo:hi]``: of a speech verb
    (``Mr Dunn warned that ...``) or of a sentence (``Stephen Jones was ecstatic``)."""
    lo = max(lo, hi - 600)
    text = _masked(body[lo:hi], lo, mask)
    best: tuple[int, str] | None = None
    if not names_only:
        for verb in reversed(list(_BEFORE_VERB.finditer(text))):
            if verb["acc"]:
                # "..., according to John Houlihan, editor of ...": a speaker named.
                who = _clean_subject(_cut_who(re.split(r"[,;:.!?—–]", text[verb.end() :], maxsplit=1)[0]))
                if who and who[:1].isupper() and _looks_like_speaker(who):
                    best = (verb.start(), who)
                    break
                continue
            if verb["part"]:
                continue
            if verb.group(0) in _NOUN_LIKE_VERBS and (
                _after_possessive(text, verb.start()) or _DETERMINER_BEFORE.search(text, max(0, verb.start() - 8), verb.start())
            ):
                continue  # "Mr Iliaronov's comments", "the claims": nouns
            head = text[: verb.start()]
            last_break = None
            for last_break in _SENTENCE_BREAK.finditer(head):  # noqa: B007 - keeps the last match
                pass
            head = _DASH_ASIDE.sub(" ", head[last_break.end() :] if last_break else head)
            lead = re.split(r"[;:,]", head)[-1]
            parts = re.split(r"[;:]", head)[-1].split(",")
            if not lead.strip() and len(parts) > 2 and _is_name(parts[0]):
                who = " ".join(_WORD.findall(parts[0]))  # "Jim Lanzone, vice president of ..., said"
            elif not lead.strip() and verb.group(0) in _SUBJECT_AFTER_VERBS:
                lead = re.split(r"[,;:.!?]", text[verb.end() :], maxsplit=1)[0]  # ", said Tom Forte, who ..."
                who = _clean_subject(_cut_who(lead))
                if who and _lower_head(who):
                    named = _APPOSITIVE_NAME.match(text, verb.end() + len(lead))
                    who = named["name"] if named else who  # said Halden's transport analyst, Priya Raman.
            else:
                who = _appositive_subject(re.split(r"[;:]", head)[-1].split(",")) or _clean_subject(lead)
            if who and who[:1].isupper() and _looks_like_speaker(who):
                if _is_role(who):  # "The Scottish Conservative leader had insisted": who holds it
                    who = _role_holder(body, who, lo + verb.start()) or _person_before(body, lo, lo + verb.start()) or who
                best = (verb.start(), who)
                break
    known: dict[str, str] | None = None

    def surnames() -> dict[str, str]:
        nonlocal known
        if known is None:
            known = _full_names(body, hi)
        return known

    pos = 0
    for piece in _SENTENCE_BREAK.split(text):
        at = text.find(piece, pos)
        pos = at + len(piece)
        if best is None or at >= best[0]:
            who = _sentence_subject(piece, None if names_only else surnames)
            if who is None and not names_only:
                role = _ROLE_SUBJECT.match(piece)
                if role is not None:
                    # The role's holder, else the person named just before it
                    # ("David McLetchie has resigned ... The Scottish Conservative leader had insisted").
                    earlier = best[1] if best is not None and " " in best[1] and best[1][:1].isupper() else None
                    who = _role_holder(body, role["role"], lo + at) or earlier or role["role"]
            if who:
                best = (at, who)
        if not names_only:
            for clause in _CLAUSE_SUBJECT.finditer(piece):  # "... but McIlroy is unfazed"
                if (best is None or at + clause.start() > best[0]) and _VERB_LIKE.fullmatch(clause["verb"]):
                    name = clause["name"]
                    name = surnames().get(name, name) if " " not in name else name
                    if " " in name:
                        best = (at + clause.start(), name)
    return best[1] if best else None


# A clause of its own inside a sentence, with a named subject and a verb.
_CLAUSE_SUBJECT = re.compile(
    r"\s(?:but|while|although|whereas|and)\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s+(?P<verb>[a-z]+)\b"
)


# "But the Lib Dem spokesman questioned ...": a role as a sentence's subject.
_ROLE_SUBJECT = re.compile(
    rf"(?:(?:But|And|Yet|However|Meanwhile),?\s+)?(?P<role>[Tt]he\s+(?:[\w'’-]+\s+){{0,3}}?(?:{'|'.join(sorted(_ROLE_NOUNS))}))\s+[a-z]"
)
_SUBJECT_AFTER_VERBS = frozenset(("said", "says", "added", "adds", "explained", "warned", "insisted", "argued", "claimed"))


_OTHER_HOLDER = re.compile(r"\b(?i:former|ex|shadow|deputy|vice|acting|then|future|next|previous)[\s-]+(?:[A-Z][\w'’-]+\s+)?$")


@lru_cache(maxsize=64)
def _role_pattern(role: str) -> re.Pattern[str] | None:
    """Where an article gives a role and its holder: ``French President
    Jacques Chirac`` or ``Jacques Chirac, the French president``."""
    words = role.split()
    if words and words[0].lower() in _DESCRIPTION_ARTICLES:
        words = words[1:]
    if not words:
        return None
    title = r"\s+".join(re.escape(w) for w in words)
    name = r"(?P<name>[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|de|van|von|der|da|di|bin|al)){1,3})"
    return re.compile(rf"(?i:\b{title})\s+{name}|{name.replace('name', 'name2')},\s+(?:the\s+)?(?i:{title})\b")


def _role_mentions(body: str, role: str, before: int) -> tuple[list[re.Match[str]], set[str]]:
    """The mentions of ``role`` with its holder near ``before``, and the
    names of those who held it once ("former chancellor Ken Clarke") or
    hold another one of its name ("shadow chancellor")."""
    pattern = _role_pattern(role)
    if pattern is None:
        return [], set()
    holders, others = [], set()
    for m in pattern.finditer(body, max(0, before - 6000), before + 2000):
        person = (m["name"] or m["name2"]).rstrip(".,'’")
        if "\n" in m.group(0) or person.split()[0] in _LEADING_STOP or "'s" in m.group(0).replace("’", "'"):
            continue
        if _OTHER_HOLDER.search(body, max(0, m.start() - 30), m.start()):
            others.add(person)
        else:
            holders.append(m)
    return holders, others


def _role_holder(body: str, role: str, before: int, holders: list[re.Match[str]] | None = None) -> str | None:
    """The person a role names, from where the article gave both: the last
    such before ``before``, else an office written as a title later
    ("Home Secretary Charles Clarke"), never "actress Anita Dobson".
    ``holders``: the role's mentions (see :func:`_role_mentions`), if found already."""
    if holders is None:
        holders = _role_mentions(body, role, before)[0]
    earlier = [m for m in holders if m.start() < before]
    later = [m for m in holders if m.start() >= before and m["name"] and m.group(0)[:1].isupper()]
    found = earlier[-1] if earlier else later[0] if later else None
    if found is None:
        return None
    return (found["name"] or found["name2"]).rstrip(".,'’")


_FULL_NAME = re.compile(r"\b[A-Z][a-z'’-]+\s+(?:(?:de|van|von|der|da|di|al|bin|le)\s+)?(?P<surname>[A-Z][\w'’-]{2,})\b")
_OBJECT_BEFORE = re.compile(r"(?:\b(?:told|to|with|by|for|against|and|of|about|on|at|from|tells|asked)\s+|['’]s\s+)$")


# What follows a name that is a subject: a verb, or a comma opening an aside.
_LIST_GOES_ON = re.compile(r",\s+[A-Z]|\s+and\s+[A-Z]")
_SUBJECT_AFTER = re.compile(
    r"\s*[,;]|\s+(?:[a-z]+ed|is|was|has|had|says|said|will|would|keeps|thinks|believes|told|added"
    r"|slid|won|lost|beat|went|came|made|took|left|fell|rose|ran|hit|got|gave|saw|met|led|kept|began|became|held"
    r"|felt|found|thought|brought|spent|faces|admits|insists|hopes|wants|knows|feels|remains|who)\b"
)


@lru_cache(maxsize=4)
def _people(body: str) -> tuple[tuple[int, int, str, str], ...]:
    """Every full name of ``body`` as ``(start, end, surname, name)``, found
    once per text (speaker finding asks for them quote after quote)."""
    names = []
    pos = 0
    while (m := _FULL_NAME.search(body, pos)) is not None:
        first = m.group(0).split()[0]
        if first not in _LEADING_STOP and first not in _TITLES and first not in _CALENDAR_WORDS and first not in ("Sir", "Dame"):
            names.append((m.start(), m.end(), m["surname"], m.group(0)))
            pos = m.end()
        else:
            pos = m.start() + len(first)  # "On Wednesday Tony Blair", "Sir Alex Ferguson": the name starts later
    return tuple(names)


def _full_names(body: str, hi: int) -> dict[str, str]:
    """The full names given in the 8,000 characters before ``hi``, by surname
    (the last one given, for a surname given twice)."""
    lo = hi - 8000
    return {surname: name for start, end, surname, name in _people(body) if start >= lo and end <= hi}


def _sentence_start(body: str, at: int, floor: int) -> int:
    """Where the sentence holding ``at`` starts (not before ``floor``)."""
    start = floor
    for m in _SENTENCE_BREAK.finditer(body, max(floor, at - 400), at):
        start = m.end()
    return start


def _latest_person(body: str, lo: int, hi: int, mask: tuple[int, int] | None = None) -> str | None:
    """The person last mentioned in ``body[lo:hi]`` as other than an object,
    by full name or by the surname of a full name the article gave shortly
    before (``Bassi, 43 years a fisherman, keeps ...`` after ``Wade Bassi``)."""
    lo = max(lo, hi - 600)
    known = _full_names(body, hi)
    if not known:
        return None
    last = None
    for m in _CAPITALISED.finditer(body, lo, hi):
        full = known.get(m.group(0))
        if full is None or (mask is not None and mask[0] <= m.start() < mask[1]):
            continue
        begin = m.start()
        first = full[: len(full) - len(m.group(0))]  # "Will " of "Will Young"
        if body.endswith(first, 0, begin):
            begin -= len(first)
        if _OBJECT_BEFORE.search(body, max(0, begin - 12), begin) or not _SUBJECT_AFTER.match(body, m.end()):
            continue
        if body[begin - 2 : begin] == ", " and _LIST_GOES_ON.match(body, m.end()):
            continue  # "alongside Frank Lebeouf, Titi Camara, Gabriel Batistuta and ...": a list, no subject
        last = full
    return last


def _looks_like_speaker(who: str) -> bool:
    """A name (capitalised words), or a description (``the coach``)."""
    words = who.split()
    return words[0].lower() in _DESCRIPTION_ARTICLES or all(
        _is_cap(w) or w in _NAME_PARTICLES or w in ("of", "for") for w in words
    )


_ORGANISATION_ROLE = re.compile(
    r"(?i)the\s+(?:company|firm|group|bank|airline|carrier|retailer|club|government|ministry|agency|regulator"
    r"|department|union|council|network|broadcaster|band|organisation|organization|charity|party)"
)
# A sentence that opens with an organisation acting: "EMI said ...", "Shares in EMI ..." not.
_ORGANISATION_ACTS = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<name>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})\s+"
    r"(?:has\s+|had\s+|also\s+)?(?:said|says|announced|added|reported|warned|confirmed|blamed|issued|insisted|denied|admitted)\b"
)


def _organisation_named(body: str, before: int) -> str | None:
    """The name last seen opening a sentence as the one that said or did
    something (``EMI said ...``), not a person the article named in full."""
    people = _full_names(body, before)
    found = None
    for m in _ORGANISATION_ACTS.finditer(body, max(0, before - 3000), before):
        name = m["name"]
        if name.split()[0] in _LEADING_STOP or name.split()[-1] in people or name in people.values():
            continue
        found = name
    return found


def _is_role(who: str) -> bool:
    """``the national team coach``, ``the singer``, ``the 36-year-old``: a definite description of a person."""
    words = who.split()
    return (
        len(words) >= 2
        and words[0].lower() in ("the", "le", "la", "der", "die")
        and (words[-1].lower() in _ROLE_NOUNS or _AGED.fullmatch(words[-1]) is not None)
    )


_AGED = re.compile(r"(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)-year-old")


@lru_cache(maxsize=64)
def _unnamed_role(role: str) -> re.Pattern[str]:
    """An unnamed holder of ``role`` introduced with "a": "a Home Office
    spokesman", "a spokesman for the bank"."""
    noun = re.escape(role.split()[-1])
    return re.compile(
        rf"\b[Aa]n?\s+(?:(?!(?:of|the|for|to|and|in|on|at|by|with|from)\s)[\w'’-]+\s+){{0,3}}?{noun}\b(?:\s+for\s+(?:the\s+)?[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){{0,3}})?"
    )


def _resolve_role(body: str, role: str, start: int, paras: list[tuple[int, int]], p: int) -> str:
    """Who ``role`` ("the chancellor", "the 36-year-old") is for the quote
    at ``start`` in paragraph ``p``: the holder the article names; else the
    unnamed one it introduced ("A Home Office spokesman said ... the
    spokesman added"); else the person last named as a subject in the
    paragraphs before (the one the story is about), unless that person held
    the role once or holds another of its name ("ex-chancellor Ken Clarke");
    else the role as written."""
    unnamed = None
    for unnamed in _unnamed_role(role).finditer(body, paras[max(0, p - 1)][0], start):  # noqa: B007 - the last
        pass
    holders, others = _role_mentions(body, role, start)
    holder = _role_holder(body, role, start, holders) or ("a" + unnamed.group(0)[1:] if unnamed else None)
    if holder is None and role.split()[-1].lower() not in _NO_PERSON_ROLES:
        person = _person_before(body, paras[max(0, p - 1)][0], start) or _person_before(body, paras[max(0, p - 3)][0], start)
        # else the subject of the story's first sentence: news names the one it is about in its lead.
        if person is None:
            person = _lead_person(body, paras)
            if person and _named_in(body[_sentence_start(body, start, paras[p][0]) : start], person):
                person = None  # the quote's own sentence names that one as someone else
        person = _as_person(person) if person else None
        holder = person if person and person not in others else None
    return holder or role


def _lead_person(body: str, paras: list[tuple[int, int]]) -> str | None:
    """The person the first sentence of ``body`` is about ("Oscar host Chris Rock said ..."), if any."""
    if not paras:
        return None
    first = _SENTENCE_BREAK.split(body[paras[0][0] : paras[0][1]], maxsplit=1)[0]
    person = _sentence_subject(first)
    return _as_person(person) if person else None


# Roles a story rarely names in passing: a spokesman is not the person named before him.
_NO_PERSON_ROLES = frozenset(
    "spokesman spokeswoman spokesperson official judge lawyer doctor surgeon officer detective professor researcher"
    " expert analyst economist critic reporter journalist".split()
)
_NOT_PERSON_WORDS = _ORGANISATION_WORDS | frozenset(
    "Olympics Olympic Games Cup Open Championship Championships Madrid United City Rovers Athletic FC Times News".split()
)


def _as_person(name: str) -> str | None:
    """A name found as a subject as a person's name ("Britain's Jason
    Gardener" is Jason Gardener), or None for an event or a club ("Athens
    Olympics", "Real Madrid")."""
    name = re.split(r"['’]s\s+", name)[-1]
    if len(name.split()) < 2 or any(w in _NOT_PERSON_WORDS for w in name.split()):
        return None
    return name


def _person_before(body: str, lo: int, start: int) -> str | None:
    """The person last named as a subject before the quote at ``start``,
    unless the quote's own sentence names that person too: in "Michael
    Fallon asked Mr Brown ... But the chancellor said Mr Fallon was
    '...'", the chancellor is not Fallon."""
    begin = _sentence_start(body, start, lo)
    person = _latest_subject(body, lo, start, names_only=True) or _latest_person(body, lo, begin)
    if person is None:
        return None
    return None if _named_in(body[begin:start], person) else person


def _named_in(sentence: str, person: str) -> bool:
    """Whether ``sentence`` names ``person`` (by surname)."""
    return re.search(rf"\b{re.escape(person.split()[-1])}\b", sentence) is not None


def _starts_sentence(body: str, start: int, para_start: int) -> bool:
    j = start - 1
    while j >= para_start and body[j] in " \t":
        j -= 1
    if j < para_start:
        return True
    while j > para_start and body[j] in _QUOTE_CHARS:
        j -= 1
    return body[j] in ".!?…"


def _speaker(body: str, start: int, end: int, para_start: int, para_end: int, floor: int) -> str | None:
    who = _speaker_after(body, start, end, para_end)
    if who is None:
        who = _speaker_before(body, start, max(para_start, floor))
    if who is None:
        who = _speaker_at_sentence_end(body, end, para_end)
    return who


# The attribution closing the quote's sentence: '..., he suggested.'
_TAIL_ATTRIBUTION = re.compile(
    rf",\s+(?P<who>(?:he|she|they|we|I)|(?:the\s+[a-z]+(?:\s+[a-z]+){{0,2}})|(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}}))"
    rf"\s+(?:(?:has|had|have)\s+)?(?:{'|'.join(v for v in _VERB_WORDS.split('|') if v not in _OBJECT_VERBS)})\s*$"
)


def _speaker_at_sentence_end(body: str, end: int, para_end: int) -> str | None:
    limit = min(para_end, end + 201)
    stop = _SENTENCE_BREAK.search(body, end, limit)
    tail = body[end : stop.start() if stop else limit].rstrip(".!?… ")
    if len(tail) > 200 or any(c in _QUOTE_CHARS for c in tail.replace("’", "")):
        return None
    m = _TAIL_ATTRIBUTION.search(tail) or _TAIL_ACCORDING.search(tail) or _TAIL_ASIDE.match(tail) or _TAIL_VERB_FIRST.search(tail)
    return _clean_subject(_cut_who(m["who"])) if m else None


# An attribution set off inside the sentence: 'Another "contentious" film, Mr Dams said, has ...'
_TAIL_ASIDE = re.compile(
    r"[^,\n]{0,40},\s+(?P<who>(?:he|she|they)|(?:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}))\s+(?:said|says|added|argued|believes|thinks)\s*,"
)
# '... a "big leap forward" for broadband, said Chris Stening, head of ...'
_TAIL_VERB_FIRST = re.compile(
    r",\s+(?:said|says|added|adds|argued|explained|insisted|warned)\s+(?P<who>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})(?:,|$)"
)
_TAIL_ACCORDING = re.compile(rf",\s+{_ACCORDING}\s+(?P<who>[^\n,;:!?()]{{1,80}})$")


def _pairs_in(body: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Matched quote pairs (start, end) over the paragraphs, outermost or not."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[int, str, str]] = []  # (start, family, closers)
    skip_at = -1
    closed_before = 0
    for n, (ps, pe) in enumerate(spans):
        if not stack:
            closed_before = len(pairs)
        for m in _MARK.finditer(body, ps, pe):
            i = m.start()
            if i == skip_at or m.end() - i > 1:
                continue
            ch = body[i]
            prev = body[i - 1] if i > ps else " "
            nxt = body[i + 1] if i + 1 < pe else " "
            left = (prev.isspace() or prev in _OPEN_BEFORE) and not nxt.isspace()
            right = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_AFTER)
            closable = len(stack) - 1
            while closable >= 0 and ch not in stack[closable][2]:
                closable -= 1
            role = None
            if ch in "„‟‚":
                role = "open" if not nxt.isspace() else None
            elif ch in "'’":
                if left and not right:
                    role = None if _ELISION.match(body, i + 1, i + 6) else "open"
                elif right and not left and closable >= 0:
                    possessive = (
                        prev in "sS"
                        and nxt == " "
                        and i + 2 < pe
                        and body[i + 2].isalnum()
                        and not (
                            stack[closable][1] == "S" and i - stack[closable][0] <= 30 and " " not in body[stack[closable][0] : i]
                        )
                    )  # "the players' union", but "Another 'contentious' film" closes a word just opened
                    role = None if possessive else "close"
            elif ch == "‘":
                if right and not left and closable >= 0:
                    role = "close"
                elif left and not _ELISION.match(body, i + 1, i + 6):
                    role = "open"
            elif ch in "«‹":
                role = "close" if closable >= 0 else "open"  # French spacing: « text »
            elif ch in "»›":
                if closable >= 0:
                    role = "close"
                elif prev.isspace() or prev in _OPEN_BEFORE:
                    role = "open"
            elif ch == "”":
                if closable >= 0 and not (left and not right):
                    role = "close"
                elif left:
                    role = "open"
                elif closable >= 0:
                    role = "close"
            else:  # " “
                if right and not left and closable >= 0:
                    role = "close"
                elif left and not right:
                    role = "open"
                elif left and right:
                    role = "close" if closable >= 0 else "open"
            if role == "close":
                pairs.append((stack[closable][0], i + 1))
                del stack[closable:]
            elif role == "open":
                family = _FAMILY[ch]
                if stack and stack[-1][1] == family:
                    j = i - 1
                    while j > ps and body[j].isspace():
                        j -= 1
                    if j < i - 1 and body[j] in _SENTENCE_END:
                        continue  # a new paragraph of the same quote, breaks lost
                stack.append((i, family, _CLOSERS[ch]))
                if len(stack) > _MAX_DEPTH:
                    del stack[0]
        if not stack:
            continue
        # Paragraph ended with marks still open.
        nxt_para = spans[n + 1] if n + 1 < len(spans) else None
        first = body[nxt_para[0]] if nxt_para and nxt_para[0] < nxt_para[1] else ""
        if nxt_para is not None and first and first in _FAMILY:
            carried = next((e for e in stack if e[1] == _FAMILY[first]), None)
            if carried is not None:
                stack = [carried]
                skip_at = nxt_para[0]
                continue
        entry = stack[0]
        if entry[1] != "S" or not any(entry[0] < a < pe for a, _ in pairs[closed_before:]):
            # An unbalanced mark stops at the end of its paragraph. A lone
            # single mark that closed pairs follow was an apostrophe.
            pairs.append((entry[0], pe))
        stack = []
    return pairs


_CLAUSE_BREAK = re.compile(r"[.!?…;]")
_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][\w'’-]*")


_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|we|We|we['’](?:re|ve|d|ll)|We['’](?:re|ve|d|ll)|my|My|our|Our)\b")


def _continues(
    body: str, prev: tuple[int, int, str | None, int, int], start: int, end: int, paras: list[tuple[int, int]], p: int
) -> bool:
    """Whether the quote at ``start``-``end`` continues the quote before
    (attributed): an utterance of a few words whose own sentence names
    nobody, in the same paragraph right after it, or opening the next
    paragraph when the one before ended with that quote's sentence."""
    if len(body[start:end].split()) < 4:
        return False  # a word or two in quotes is a name or a scare quote, not speech
    prev_end, para = prev[1], prev[3]
    if p == para:
        if len(_SENTENCE_BREAK.findall(body, prev_end, start)) > 1:
            return False
    elif p == para + 1:
        if len(_SENTENCE_BREAK.findall(body, prev_end, paras[para][1] + 1)) > 1 or body[paras[p][0] : start].strip():
            return False
    else:
        return False
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(body, paras[p][0], start)]
    lead = body[breaks[-1] if breaks else paras[p][0] : start]
    if body[end - 2 : end - 1] in (".", "!", "?", "…"):
        tail = ""  # the quote ends its own sentence
    else:
        after = _SENTENCE_BREAK.search(body, end, paras[p][1])
        tail = body[end : after.start() if after else paras[p][1]]
    if _BEFORE_VERB.search(lead + " " + tail):
        return False
    if p == para and _FIRST_PERSON.search(body, start, end):
        return True  # 'The price is "as low as I've ever seen."': still the one just quoted
    return len(_CAPITALISED.findall(lead)) <= 1 and not _CAPITALISED.search(tail)


def _same_clause(body: str, prev_end: int, start: int) -> bool:
    """Whether a quote starting at ``start`` is in the sentence of the quote
    ending at ``prev_end``: nothing ends a sentence between them, nor the
    quote before itself ("...soon." starts a new one), and they are near."""
    if start - prev_end > 100 or body[prev_end - 2 : prev_end - 1] in (".", "!", "?", "…"):
        return False
    return _CLAUSE_BREAK.search(body, prev_end, start) is None


_PERSONAL_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he|[Ee]r|[Ii]l|[Ee]lle)\s+(?:\w+\s+)?[a-z]+\b")
_KNIGHTED = re.compile(r"(?:Sir|Dame)\s+[A-Z][\w'’-]+")
_COURTESY = re.compile(r"(?:Mr|Mrs|Ms|Miss|Dr|Prof)[.\u2024]?\s+(?P<surname>[A-Z][\w'’-]+)")
_FULL_SPEAKER = re.compile(
    r"[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|de|van|von|der|da|di|al|bin|le)){0,2}\s+(?P<surname>[A-Z][\w'’-]+)"
)


def _fullest(who: str, full_names: dict[str, str]) -> str:
    """One speaker, one name: "Mr Pollmann" (or "Pollmann") after a quote
    of "Malte Pollmann" is "Malte Pollmann". Full names are remembered."""
    full = _FULL_SPEAKER.fullmatch(who)
    if full is not None and who.split()[0].strip(".\u2024") not in _TITLES | {"Mr", "Mrs", "Ms", "Miss", "Dr", "Prof"}:
        full_names[full["surname"]] = who
        return who
    courtesy = _COURTESY.fullmatch(who)
    surname = courtesy["surname"] if courtesy is not None else who if who.isalpha() and who[:1].isupper() else None
    return full_names.get(surname, who) if surname else who


def _paragraphs(body: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _PARA_BREAK.finditer(body):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(body)))
    out = []
    for s, e in spans:
        while s < e and body[s].isspace():
            s += 1
        while e > s and body[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


# Titles written with a full stop ("Mr. Smith", "Dr. Roe"): the stop is no
# sentence end. The speaker is found in the text with each such stop
# replaced by a one-character stand-in (offsets unchanged), then written back.
_TITLE_STOP = re.compile(r"\b(Mr|Mrs|Ms|Dr|Prof|Gov|Sen|Rep|Gen|Col|Lt|Capt|Sgt|Rev|St|Mme|Mlle)\.(?=\s+[A-Z])")
_STAND_IN = "\u2024"  # one dot leader: a letter-like stand-in for the stop


def find_quotes(body: str) -> Iterator[Quote]:
    """Yield ``(start, end, speaker)`` for each outermost quote, in order."""
    if _STAND_IN not in body and _TITLE_STOP.search(body):
        work = _TITLE_STOP.sub(lambda m: m.group(1) + _STAND_IN, body)
        for start, end, who in _find_quotes(work):
            yield start, end, who.replace(_STAND_IN, ".") if who else who
        return
    yield from _find_quotes(body)


def _find_quotes(body: str) -> Iterator[Quote]:
    paras = _paragraphs(body)
    pairs = sorted(_pairs_in(body, paras), key=lambda p: (p[0], -p[1]))
    para_starts = [s for s, _ in paras]
    last_end = -1
    p = 0
    # start, end, speaker, the paragraph it ends in, the paragraph it starts in
    prev: tuple[int, int, str | None, int, int] | None = None
    named: str | None = None
    full_names: dict[str, str] = {}  # surname -> the full name a quote was given
    for start, end in pairs:
        if start < last_end:
            continue  # nested inside the quote before
        last_end = end
        if not any(c.isalnum() for c in body[start:end]):
            continue
        while p + 1 < len(paras) and para_starts[p + 1] <= start:
            p += 1
        q = p
        while q + 1 < len(paras) and para_starts[q + 1] < end:
            q += 1
        floor = prev[1] if prev else 0
        who = _speaker(body, start, end, paras[p][0], paras[q][1], floor)
        if who is None and _PARTICIPLE_AFTER.match(body, end):
            # 'Michael Howard sent Mr Bush his "warmest congratulations", saying: ...': the sentence's subject.
            sentence = body[_sentence_start(body, start, paras[p][0]) : start]
            who = _sentence_subject(sentence, partial(_full_names, body, start))
        if who == "":
            # "he said": the person last named before the quote.
            # From the start of the sentence the quote before is in: its
            # subject may be the one meant ('X thanked fans for "..." ... He added:').
            lo = _sentence_start(body, prev[0], paras[prev[4]][0]) if prev else paras[max(0, p - 1)][0]
            mask = (prev[0], prev[1]) if prev else None
            mentioned = _latest_subject(body, lo, start, mask=mask)
            personal = _PERSONAL_PRONOUN.search(body, max(0, start - 40), min(len(body), end + 40)) is not None
            if mentioned and personal and mentioned.isupper():
                mentioned = None  # "EA said ... '...,' he said": he is a person, not the company
            mentioned = mentioned or _latest_person(body, lo, start, mask)
            earlier = named if prev and p - prev[3] <= 2 else None
            if earlier and personal and earlier.isupper():
                earlier = _latest_person(body, paras[max(0, p - 2)][0], start, mask)
            who = mentioned or earlier
            if who and _is_role(who):
                who = _resolve_role(body, who, start, paras, p)  # "The Amnesty secretary-general said ... '...,' she said"
        elif who and _ORGANISATION_ROLE.fullmatch(who):
            # "the company added": the organisation last said to speak or act.
            who = _organisation_named(body, start) or who
        elif who and _is_role(who):
            # "said the national team coach": the person the article gave that
            # role, else the person just named, if any.
            who = _resolve_role(body, who, start, paras, p)
        elif who is None and _starts_sentence(body, start, paras[p][0]):
            # A quote on its own after "Mr X warned that ..." or "Martyn Williams was keen ...".
            lo = max(paras[p][0], prev[1] if prev else 0)
            who = _latest_subject(body, lo, start) if lo < start else None
            if who and _is_role(who):
                who = _resolve_role(body, who, start, paras, p)  # "The Amnesty secretary-general said ... \"...\""
            if who is None and prev and prev[3] == p and len(_SENTENCE_BREAK.findall(body, prev[1], start)) <= 1:
                who = prev[2]  # "A," said X. "B." -- still X
            if who is None and p > 0 and not body[paras[p][0] : start].strip():
                # A paragraph that opens with the words of the one the paragraph before ends on:
                # 'Mr Raynsford dismissed a suggestion ...\n\n"This is a response ..."'.
                last = _sentence_start(body, paras[p - 1][1], paras[p - 1][0])
                tail = body[last : paras[p - 1][1]]
                if not any(c in _QUOTE_CHARS for c in tail.replace("’", "")) and (
                    _BEFORE_VERB.search(tail) or _STANCE_VERB.search(tail)
                ):
                    who = _sentence_subject(tail, partial(_full_names, body, start))
        if who is None and prev and prev[2] and prev[3] == p and _same_clause(body, prev[1], start):
            who = prev[2]  # '"A," said X, "B."' and 'X said it was "A" and "B"': one reported speech
        if who is None and prev and prev[2] and _continues(body, prev, start, end, paras, p):
            who = prev[2]  # the next words of the speaker just quoted
        if who:
            who = _fullest(who, full_names)
            if " " not in who or _COURTESY.fullmatch(who):
                # "said McIlroy": the full name the article gave before, if any.
                surname = who.split()[-1]
                named_so = [
                    (at, full) for at, _, last, full in _people(body) if last == surname and not _COURTESY.fullmatch(full)
                ]
                given = [full for at, full in named_so if at < start][-1:]  # the latest: "Ian Blair", then "Tony Blair"
                if not given and surname not in full_names:
                    # The fullest name the article gives: it may come only later ("Gordon Brown said" at the end).
                    given = [full for _, full in named_so[:1]]
                if given:
                    who = full_names.setdefault(surname, given[0])
            elif _KNIGHTED.fullmatch(who):
                # "Sir Howard": the "Sir Howard Newby" the article named before.
                whole = re.search(re.escape(who) + r"\s+[A-Z][\w'’-]+\b", body[:start])
                who = whole.group(0) if whole else who
            named = who
        prev = (start, end, who, q, p)
        yield start, end, who
