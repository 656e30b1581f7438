"""The annotation engine on the tricky cases: quote marks, speakers, figures."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reader.annotate import Span, annotate, figures, quotes


def quote_texts(body: str) -> list[str]:
    return [span.text for span in quotes(body)]


def figure_pairs(body: str) -> list[tuple[str, str]]:
    return [(span.text, span.subtype) for span in figures(body)]


def subtype_of(body: str, text: str) -> str | None:
    for span in figures(body):
        if span.text == text:
            return span.subtype
    raise AssertionError(f"{text!r} not found among {figure_pairs(body)}")


# --- the record ------------------------------------------------------------


def test_span_to_dict_shape():
    span = Span("figure", 3, 8, "50 kg", "quantity")
    assert span.to_dict() == {
        "kind": "figure",
        "subtype": "quantity",
        "start": 3,
        "end": 8,
        "text": "50 kg",
        "speaker": None,
    }
    with pytest.raises(AttributeError):
        span.start = 4  # frozen


def test_package_quotes_and_figures_are_the_functions_not_the_submodules():
    import reader.annotate
    import reader.annotate.figures
    import reader.annotate.quotes
    import reader.annotate.spans

    assert reader.annotate.quotes is quotes and reader.annotate.figures is figures
    assert reader.annotate.spans.Span is Span
    assert [span.text for span in reader.annotate.quotes('He said "yes".')] == ['"yes"']


def test_annotate_merges_and_sorts_kinds_and_keeps_figures_inside_quotes():
    body = 'He said: "We lost 2,000 jobs in 2020." Then 5% more went.'
    spans = annotate(body)
    assert [(s.start, s.end) for s in spans] == sorted((s.start, s.end) for s in spans)
    kinds = [s.kind for s in spans]
    assert kinds.count("quote") == 1 and kinds.count("figure") == 3
    (quote,) = [s for s in spans if s.kind == "quote"]
    inside = [s for s in spans if s.kind == "figure" and quote.start <= s.start < quote.end]
    assert [s.text for s in inside] == ["2,000", "2020"]


def test_empty_and_plain_bodies():
    assert annotate("") == []
    assert annotate("Nothing to see here.") == []


# --- quotes: apostrophes vs single quotes -----------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Russia’s Defence Ministry and Azerbaijan’s army met.",
        "I don't know and they won't say.",
        "Music of the ’90s and the '80s came back.",
        "The analysts' view and the players’ union differ.",
        "Rock 'n' roll is here, 'tis true.",
    ],
)
def test_apostrophes_are_not_quotes(body):
    assert quotes(body) == []


def test_single_quotes_are_quotes_around_apostrophes():
    body = "'I'm not one for sitting about,' said Edna, who's 82. The team's boat left."
    assert quote_texts(body) == ["'I'm not one for sitting about,'"]
    body = "He called it ‘a disaster for Russia’s economy’ on Monday."
    assert quote_texts(body) == ["‘a disaster for Russia’s economy’"]


def test_possessive_after_s_does_not_close_a_quote():
    body = "'The players' union will not back down,' he said."
    assert quote_texts(body) == ["'The players' union will not back down,'"]


# --- quotes: paragraphs, balance, nesting ------------------------------------


def test_multi_paragraph_quote_is_one_quote():
    body = (
        'He added: "Steven can play all over the pitch.\n\n'
        '"I have said to him many times that he has the freedom.\n\n'
        '"I want to say thank-you to the supporters." Then he left.'
    )
    (quote,) = quotes(body)
    assert quote.text.startswith('"Steven') and quote.text.endswith('supporters."')
    assert quote.text.count("\n\n") == 2


def test_multi_paragraph_quote_with_curly_marks():
    body = "“Demand is strong.\n\n“We are not complacent,” she added.\n\nOther news."
    (quote,) = quotes(body)
    assert quote.text == "“Demand is strong.\n\n“We are not complacent,”"


def test_lost_paragraph_breaks_inside_one_paragraph():
    body = 'He said: "We have nothing to fear. "It is our right to use our colour." Then more.'
    assert quote_texts(body) == ['"We have nothing to fear. "It is our right to use our colour."']


def test_unbalanced_mark_stops_at_end_of_paragraph():
    body = 'She said "this never closes and goes on.\n\nNext paragraph is plain.\n\n"A real one," he said.'
    assert quote_texts(body) == ['"this never closes and goes on.', '"A real one,"']


def test_unbalanced_single_mark_stops_at_end_of_paragraph():
    body = "Her doctor told her to 'take it easy, so she trained.\n\nShe won 'gold' later."
    assert quote_texts(body) == ["'take it easy, so she trained.", "'gold'"]


def test_stray_closing_mark_is_ignored():
    body = "This is odd” and then “a quote” follows."
    assert quote_texts(body) == ["“a quote”"]


def test_nested_quotes_report_the_outer_quote_only():
    body = "“He told me ‘never again’, and I believed him,” she said."
    assert quote_texts(body) == ["“He told me ‘never again’, and I believed him,”"]
    body = "'I told him \"you only live once\" and got in,' she said."
    assert quote_texts(body) == ["'I told him \"you only live once\" and got in,'"]


def test_scare_quotes_are_quotes():
    body = "Azerbaijan began its “anti-terrorist” operation on Tuesday."
    (quote,) = quotes(body)
    assert quote.text == "“anti-terrorist”" and quote.speaker is None


def test_guillemets():
    body = "« Nous ne reculerons pas », a déclaré Laurent Brun. Il parle d'une grève « irresponsable »."
    spans = quotes(body)
    assert [s.text for s in spans] == ["« Nous ne reculerons pas »", "« irresponsable »"]
    assert spans[0].speaker == "Laurent Brun"
    assert quote_texts("Er sagte »Nein« und ging.") == ["»Nein«"]


def test_low_high_german_quotes():
    body = "„Wir haben keine andere Wahl“, sagte Claus Weselsky. „Man sagte ‚Geduld‘.“"
    spans = quotes(body)
    assert [s.text for s in spans] == ["„Wir haben keine andere Wahl“", "„Man sagte ‚Geduld‘.“"]
    assert spans[0].speaker == "Claus Weselsky"


def test_empty_quotes_are_not_reported():
    assert quotes('He typed "" and "  " twice.') == []


# --- speakers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("“The armed formations have begun handing over weapons,” said Russia, which has 2,000 troops.", "Russia"),
        ('"It was a great night," said Liverpool manager Rafael Benitez.', "Rafael Benitez"),
        ('"We will appeal," chairman Richard Parsons said.', "Richard Parsons"),
        ('"We will appeal," the ministry said in a statement.', "the ministry"),
        ('"Prices will rise," according to the ministry.', "the ministry"),
        ('Blinken also said: "We are concerned."', "Blinken"),
        ("US Secretary of State Antony Blinken also said he was “concerned about access”.", "Antony Blinken"),
        ('McLeish told BBC Radio Five Live: "We blew it."', "McLeish"),
        ('Mr Haji-Ioannou, who plans a launch, vowed to fight, saying: "We are not afraid."', "Mr Haji-Ioannou"),
        ('"Nothing changes," said the national team coach.', "the national team coach"),
    ],
)
def test_speaker_attribution(body, speaker):
    (quote,) = quotes(body)
    assert quote.speaker == speaker


def test_speaker_unknown_is_none():
    (quote,) = quotes('The word "mischief" appears in the report.')
    assert quote.speaker is None


def test_pronoun_speaker_resolved_from_earlier_attribution():
    body = 'Gerrard admitted he thought they were out. He said: "I\'d be lying if I said otherwise."'
    (quote,) = quotes(body)
    assert quote.speaker == "Gerrard"


def test_follow_on_quote_keeps_the_speaker():
    body = '"I\'m lost for words," said Marsh, who signed in January. "The ball kept falling to me."'
    spans = quotes(body)
    assert [s.speaker for s in spans] == ["Marsh", "Marsh"]


def test_sentence_after_full_stop_is_not_an_attribution():
    body = '"Steven can play anywhere." Gerrard admitted he was tired.'
    (quote,) = quotes(body)
    assert quote.speaker is None


# --- figures: subtypes -------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "text", "subtype"),
    [
        ("some 120,000 Armenians", "120,000", "count"),
        ("it rose 2.5 points", "2.5", "other"),
        ("six armoured vehicles", "six", "count"),
        ("space for tens of thousands of people", "tens of thousands", "count"),
        ("about a dozen eggs", "a dozen", "count"),
        ("only half of the needs", "half", "other"),
        ("a profit of £1.2bn this year", "£1.2bn", "money"),
        ("it raised $5m", "$5m", "money"),
        ("tickets at €300 each", "€300", "money"),
        ("it cost 5 million dollars", "5 million dollars", "money"),
        ("worth $1.13bn", "$1.13bn", "money"),
        ("losses of 984m euros", "984m euros", "money"),
        ("shares rose 6.2p", "6.2p", "money"),
        ("up 5% on the year", "5%", "percent"),
        ("up 5 per cent on the year", "5 per cent", "percent"),
        ("by 0.3 percentage points", "0.3 percentage points", "percent"),
        ("more than 50 tonnes of food", "50 tonnes", "quantity"),
        ("a 3km walk", "3km", "quantity"),
        ("the 21-mile crossing", "21-mile", "quantity"),
        ("the water was 16C", "16C", "quantity"),
        ("his 24-year-old son", "24-year-old", "age"),
        ("she is 30 years old", "30 years old", "age"),
        ("Edna Price, 82, from Folkestone", "82", "age"),
        ("those aged 19 or over", "19", "age"),
        ("a lightning 24-hour operation", "24-hour", "duration"),
        ("for six months", "six months", "duration"),
        ("in the last 10 minutes", "10 minutes", "duration"),
        ("lost a 2020 war", "2020", "date"),
        ("on 23 September 2023 at noon", "23 September 2023", "date"),
        ("dated 2023-09-23 in the file", "2023-09-23", "date"),
        ("on September 23, 2023 it rained", "September 23, 2023", "date"),
        ("in the late 1960s", "1960s", "date"),
        ("the 2004-05 season", "2004-05", "date"),
        ("met at 4.15am", "4.15am", "date"),
        ("Arsenal won 2-1 at home", "2-1", "score"),
        ("they came from 15-6 down", "15-6", "score"),
        ("a final score of 2-1.", "2-1", "score"),
        ("expect 2-3 weeks of delay", "2-3 weeks", "duration"),
        ("a ratio of 2-3 in the sample", "2-3", "other"),
        ("ten times more", "ten times", "other"),
        ("its 17th year", "17th", "other"),
    ],
)
def test_figure_subtypes(body, text, subtype):
    assert subtype_of(body, text) == subtype


def test_figure_offsets_are_into_the_body():
    body = "Revenue rose 5 per cent to £9.87bn in 2023."
    for span in figures(body):
        assert body[span.start : span.end] == span.text
    assert [s.text for s in figures(body)] == ["5 per cent", "£9.87bn", "2023"]


# --- figures: what is not a figure -------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "The G7 met about COVID-19 and MP3 players in a B2B deal.",
        "He plays in the Six Nations and listens to Radio Five Live.",
        "It happened on Tuesday and again on Wednesday.",
        "One of them said no one would come.",
        "It was the second half of the first game.",
        "Talks were held in March.",
        "A 4x4 and a 3D printer, version 1.2.3.",
    ],
)
def test_not_figures(body):
    assert figures(body) == []


def test_list_markers_are_not_figures():
    body = "1. Cut taxes by 5%\n\n2) Spend 3 days on it"
    assert [s.text for s in figures(body)] == ["5%", "3 days"]


def test_number_words_at_sentence_start_are_figures():
    assert figure_pairs("Two years ago it was different.") == [("Two years", "duration")]


def test_same_kind_spans_never_overlap():
    body = "£2-3m, 2,000-2,500 people, 23 March 2023-24, 1990s-2000s and 5%%"
    for kind_spans in (quotes(body), figures(body)):
        for a, b in zip(kind_spans, kind_spans[1:]):
            assert a.end <= b.start


def test_core_does_not_import_textual_or_whoosh():
    code = (
        "import sys, reader.annotate, reader.cli.annotate\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'whoosh')]\n"
        "print(bad)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- figures: ordinals, ranks, fractions, names, subtype slips ----------------


@pytest.mark.parametrize(
    ("body", "text", "subtype"),
    [
        ("It came in seventh with $6.3m.", "seventh", "other"),
        ("It was their sixth straight win.", "sixth", "other"),
        ("It slipped to second place.", "second", "other"),
        ("in its third week of release", "third", "other"),
        ("Labour wants a third term.", "third", "other"),
        ("the twenty-first attempt", "twenty-first", "other"),
        ("It went straight to number one.", "number one", "other"),
        ("Meet The Fockers was at number five.", "number five", "other"),
        ("entered the top ten for the first time", "ten", "other"),
        ("One dollar bought 102.55 yen.", "One dollar", "money"),
        ("fares are up by about a fifth.", "a fifth", "other"),
        ("they lost a third of their staff", "a third", "other"),
        ("Two or three years ago we might have lost.", "Two or three years", "duration"),
        ("Une usagère de 34 ans résume.", "34 ans", "age"),
        ("Il attend depuis plus de 10 ans.", "10 ans", "duration"),
        ("Eine 72-jährige Reisende meinte", "72-jährige", "age"),
        ("Der Streik soll um 2 Uhr enden.", "2 Uhr", "date"),
        ("Ich warte seit 7.30 Uhr.", "7.30 Uhr", "date"),
        ("Okafor has played 412 times for the club.", "412", "count"),
        ("It is ten times more than before.", "ten times", "other"),
        ("The six swimmers, aged between 19 and 82, swam.", "19 and 82", "age"),  # a range is one figure
        ("Okafor, who turned 31 on Friday, played.", "31", "age"),
        ("seuls 2 TGV sur 5 circulaient", "2 TGV sur 5", "other"),
        ("The festival is in its 10th year.", "10th", "other"),
        ("Tickets for Euro 2004 sold out.", "2004", "date"),
    ],
)
def test_ordinals_ranks_fractions_and_subtypes(body, text, subtype):
    assert subtype_of(body, text) == subtype


@pytest.mark.parametrize(
    "body",
    [
        "Rounding out the list was Assault on Precinct 13.",
        "He is president of distribution at 20th Century Fox.",
        "He told BBC Radio 4's Today programme and Channel 4 news.",
        "The shares left the FTSE 100 and Sony showed the PlayStation 3.",
        "Sale's Charlie Hodgson took over the number 10 shirt.",
        "It was the first time, in the second half.",
        "He had second thoughts, wait a second, in a split second.",
        "It was the biggest battle of the Second World War.",
        "One of them said one day he would come.",
    ],
)
def test_numbers_in_names_and_non_figure_ordinals(body):
    assert figures(body) == []


# --- speakers: descriptions, verbs, "he said" ---------------------------------


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ('"Nothing changes," said the national team coach Jose Mourinho.', "Jose Mourinho"),
        ('"They earned it," said Halden\'s transport analyst, Priya Raman.', "Priya Raman"),
        ('Shadow Chancellor Oliver Letwin called Labour "a brilliant machine" on Monday.', "Oliver Letwin"),
        ("Analysts at Halden Securities called the results “a clean beat” on Friday.", "Halden Securities"),
        ('Karen Buck spoke later. She told the Today programme: "Not now."', "Karen Buck"),
        ('Mr Dunn warned that firms could run short. "If firms keep hiring, talent runs out."', "Mr Dunn"),
        ('Mr Hughes insisted reform must go on. "We will not stop."', "Mr Hughes"),
        ('Mr Lamy explained the plan. He added: "It is simple."', "Mr Lamy"),
        ("Le ministre des Transports a dénoncé une grève « irresponsable ».", "Le ministre des Transports"),
        ("Verkehrsminister Volker Wissing nannte den Ausstand „unverhältnismäßig“.", "Volker Wissing"),
        ("Eine 72-jährige Reisende am Berliner Hauptbahnhof meinte: „Ich warte.“", "Eine 72-jährige Reisende"),
        ("Une usagère de 34 ans, rencontrée à Lille, résume : « J'attends. »", "Une usagère de 34 ans"),
    ],
)
def test_speaker_verbs_and_descriptions(body, speaker):
    (quote,) = quotes(body)
    assert quote.speaker == speaker


def test_inverted_french_pronoun_takes_the_last_named_speaker():
    body = "« Non », a déclaré Laurent Brun.\n\n« Nous tiendrons », a-t-il ajouté."
    assert [q.speaker for q in quotes(body)] == ["Laurent Brun", "Laurent Brun"]


def test_he_said_goes_to_the_person_named_since_the_last_quote():
    body = (
        '"We had to show character," said Mike Ruddock. Man-of-the-match Stephen Jones, who kicked '
        'three penalties, was ecstatic.\n\n"It is a special moment," he said.'
    )
    assert [q.speaker for q in quotes(body)] == ["Mike Ruddock", "Stephen Jones"]


def test_role_description_refers_back_to_the_person_named():
    body = 'Mike Ruddock paid tribute to his side.\n\n"We showed character," said the national team coach.'
    (quote,) = quotes(body)
    assert quote.speaker == "Mike Ruddock"


def test_unattributed_quote_after_a_new_subject_is_not_the_previous_speaker():
    body = (
        '"We are happy," he said of Jones. Double try scorer Martyn Williams was keen not to talk about it. '
        '"We have more self-belief."'
    )
    assert quotes(body)[-1].speaker == "Martyn Williams"


def test_called_names_no_speaker_without_a_name():
    (quote,) = quotes('New tools - called "middleware" - help them.')
    assert quote.speaker is None


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Ranges are one figure; a change from one amount to another is two.
        ("Inflation is forecast at 2% to 2.5% next year.", [("2% to 2.5%", "percent")]),
        ("Between 300 and 500 people came.", [("300 and 500", "count")]),
        ("Tickets cost $10 to $12.", [("$10 to $12", "money")]),
        ("It took four or five days.", [("four or five days", "duration")]),
        ("Rents went from £3,100 to £3,250.", [("£3,100", "money"), ("£3,250", "money")]),
        ("They won 3-1 and 2-0.", [("3-1", "score"), ("2-0", "score")]),
        # Fractions, decades and age words.
        ("Two thirds of voters agreed.", [("Two thirds", "other")]),
        ("Three quarters of the land is farmed.", [("Three quarters", "other")]),
        ("She is in her late thirties.", [("late thirties", "age")]),
        ("Music of the seventies returned.", [("seventies", "date")]),
        ("It happened a decade ago.", [("a decade", "duration")]),
        # Weights in pounds are quantities, money in pounds is money.
        ("The baby weighed 12 pounds.", [("12 pounds", "quantity")]),
        ("He paid 12 pounds for it.", [("12 pounds", "money")]),
        # Bare ages in context.
        ("Her mother, who is 97, lives nearby.", [("97", "age")]),
        ("At 88, he still runs the shop.", [("88", "age")]),
        ("At 5, the shop opens.", [("5", "count")]),
        # Digits that begin a name.
        ("He bought milk at 7-Eleven.", []),
        # "100m" in a race is metres, elsewhere a million.
        ("He ran the 100m in 9.58 seconds.", [("100m", "quantity"), ("9.58 seconds", "duration")]),
        ("The firm set aside a 100m budget.", [("100m", "count")]),
    ],
)
def test_ranges_fractions_decades_weights_and_bare_ages(body, expected):
    from reader.annotate import figures

    assert [(f.text, f.subtype) for f in figures(body)] == expected


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        # Titles written with a full stop do not end the sentence.
        ('"It is over," said Mr. Smith.', "Mr. Smith"),
        ('"It is over," Dr. Jane Roe said.', "Dr. Jane Roe"),
        ('Gov. Newsom said: "We are ready."', "Gov. Newsom"),
        # "he" is the subject named before, not a name met in between as an object.
        ('Mr. Smith met Tom Jones. "We agreed," he said.', "Mr. Smith"),
        # The person, not the organisation they speak for.
        ('"The bank will act," Maria Lopez of the World Bank said.', "Maria Lopez"),
        ('"The bank will act," said Maria Lopez of the World Bank.', "Maria Lopez"),
        ('"Fine," said Chief Executive Anna Berg of Halden Ltd.', "Anna Berg"),
        ('US Secretary of State Antony Blinken also said: "We are concerned."', "Antony Blinken"),
    ],
)
def test_speakers_with_titles_and_organisations(body, speaker):
    from reader.annotate import quotes

    (quote,) = quotes(body)
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ('According to Maria Lopez, "the economy is slowing".', "Maria Lopez"),
        ('Anna Berg summed up the mood: "We are tired."', "Anna Berg"),
        ('"A disaster," was how the plan was described by Anna Berg.', "Anna Berg"),
        ('The plan was described as "a disaster" by Anna Berg.', "Anna Berg"),
        ('The plan was described as "a disaster" by many.', None),
        ('"Nous allons gagner", a annoncé Emmanuel Macron.', "Emmanuel Macron"),
        ("Emmanuel Macron a annoncé : « Nous allons gagner ».", "Emmanuel Macron"),
        ("„Wir schaffen das“, sagte Angela Merkel.", "Angela Merkel"),
        ("„Wir haben keine Wahl“, so GDL-Chef Claus Weselsky.", "Claus Weselsky"),
        ("« Nous ne reculerons pas », a souligné Laurent Brun.", "Laurent Brun"),
        ("„Das ist zu viel“, kritisierte Volker Wissing.", "Volker Wissing"),
        ('"I know it," so he left.', None),
        ('"Vamos ganar", dijo Alberto Fernández en la radio.', "Alberto Fernández"),
        ('"Em 2012 eu errei", falou Tite ao programa.', "Tite"),
        ('"Vinceremo", ha detto Giorgia Meloni.', "Giorgia Meloni"),
    ],
)
def test_attribution_verbs_and_frames(body, speaker):
    from reader.annotate import quotes

    (quote,) = quotes(body)
    assert quote.speaker == speaker


@pytest.mark.parametrize(
    ("body", "speakers"),
    [
        # Several quotes in one reported-speech clause share its speaker.
        ('"We will win," said John Smith, "and we will do it soon."', ["John Smith", "John Smith"]),
        ('John Smith called the plan "bold", "costly" and "late".', ["John Smith"] * 3),
        ('Anna Berg, the mayor, said the fees were "fair" and that the port was "safe".', ["Anna Berg", "Anna Berg"]),
        # A new sentence is a new clause: scare quotes there get no speaker.
        ('"We won," said Smith. The so-called "reform" was delayed.', ["Smith", None]),
    ],
)
def test_quotes_of_one_clause_share_its_speaker(body, speakers):
    from reader.annotate import quotes

    assert [q.speaker for q in quotes(body)] == speakers


@pytest.mark.parametrize(
    ("body", "speakers"),
    [
        # The next paragraph opens with the same speaker's next words.
        ('"It works," said Anna Berg.\n\n"It is cheap and it is fast."', ["Anna Berg", "Anna Berg"]),
        ('Anna Berg said: "It works." Then: "It is cheap now, really."', ["Anna Berg", "Anna Berg"]),
        # Narrative in between, a scare quote, or a new speaker: no continuation.
        ('"We won," said Smith.\n\nThe match was close.\n\n"Next week is harder for us."', ["Smith", None]),
        ('"We won," said Smith.\n\nThe so-called "reform" was delayed.', ["Smith", None]),
        ('"We won," said Smith.\n\n"This is a disaster for all of us," said Jones.', ["Smith", "Jones"]),
    ],
)
def test_a_quote_continuing_the_one_before_takes_its_speaker(body, speakers):
    from reader.annotate import quotes

    assert [q.speaker for q in quotes(body)] == speakers


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Thousands grouped by spaces (French and SI style) are one number.
        ("devant environ 3 000 manifestants", [("3 000", "count")]),
        # Telephone numbers and identifiers are not figures.
        ("Schreibt uns an die 0172 10 10 951 – danke!", []),
        ("Call 020 7946 0958 today.", []),
        # Labels of numbered items are not figures.
        ("The ranking was as follows: 1. Finland 2. Norway 3. Australia.", []),
        ("Lesson #1 about the market is simple.", []),
        # A change, then a level: two figures, not a range.
        ("Shares rose 6.2p to 412p.", [("6.2p", "money"), ("412p", "money")]),
        ("Between the ages of 25 and 54, more work.", [("25 and 54", "age")]),
        # Occasions are counted by the number alone; multiples keep "times".
        ("He has played 412 times for the club.", [("412", "count")]),
        ("Prices are ten times higher.", [("ten times", "other")]),
        # Number phrases.
        ("One-and-a-half million families pay it.", [("One-and-a-half million", "count")]),
        ("A few thousand users joined.", [("A few thousand", "count")]),
        ("There was only one goal.", [("one", "count")]),
        ("One in five adults smoke.", [("One in five", "other")]),
        ("Seuls 2 TGV sur 5 circulaient.", [("2 TGV sur 5", "other")]),
        ("Three people died in 2004.", [("Three", "count"), ("2004", "date")]),
        ("It was built in the 19th century.", [("19th century", "date")]),
        # Picture lines, not pence; a stop between thousands where commas mark decimals.
        ("A 1080p screen costs 45p more.", [("1080p", "quantity"), ("45p", "money")]),
        ("Se cobró cerca de 40.000 vidas, el 1,3%.", [("40.000", "count"), ("1,3%", "percent")]),
        # "ranging from" opens a range, not a change; a range with a magnitude counts.
        ("Prices ranging from £19 to £29.", [("£19 to £29", "money")]),
        ("It must support 10-20 million subscribers.", [("10-20 million", "count")]),
        # Versions are names; "from a peak of X to Y" is a change.
        ("Mozilla shipped the long-awaited Firefox 1.0 browser, version 1.0 of it.", []),
        ("Its value fell from a peak of $120bn to $4.6bn.", [("$120bn", "money"), ("$4.6bn", "money")]),
        # A date never runs over a paragraph break; a title's number is no figure; 9/11 is the day.
        ("Kick-off is on 26 February\n\n1400 GMT is the time.", [("26 February", "date"), ("1400 GMT", "date")]),
        ("Critics loved Fahrenheit 9/11 in Cannes. Since 9/11 security is tight.", [("9/11", "date")]),
        ("It is a picture about one of its own.", []),
        # A bare number takes the unit of the end of its range; "bn" after a space; a named person's age.
        ("Over the next 12 to 18 months, it says.", [("12 to 18 months", "duration")]),
        ("Inflows fell to $44.4 bn and the site is 40 kms away.", [("$44.4 bn", "money"), ("40 kms", "quantity")]),
        ("Brianne Randall-Gay was 17 when she was treated.", [("17", "age")]),
        ("Inflation was 17 when it peaked.", [("17", "count")]),
        # More currencies; section and page numbers are labels.
        ("Thailand may lose 30bn baht.", [("30bn baht", "money")]),
        ("The measure - Section 404 - on page 12 runs to 12 pages.", [("12", "count")]),
        # Times with their zone; a number with a plus before its unit.
        ("Trading resumed at 1200 GMT and closed at 16:30 GMT.", [("1200 GMT", "date"), ("16:30 GMT", "date")]),
        ("It stayed the same for 40+ years.", [("40+ years", "duration")]),
        # Years in a range are one date, as other ranges are.
        ("Deliveries run between 2026 and 2029.", [("2026 and 2029", "date")]),
        # A range of days before a month is one date, not a score.
        ("The festival runs from 10-12 June.", [("10-12 June", "date")]),
        ("It will take place from 9 - 15 January.", [("9 - 15 January", "date")]),
        # Age bands written with a space.
        ("Some 53% of over 65s own a mobile.", [("53%", "percent"), ("over 65s", "age")]),
        # Ends too far apart, or the wrong way round, are a change and a level.
        ("Joblessness rose a higher than expected 17,000 to 4.483 million.", [("17,000", "count"), ("4.483 million", "count")]),
        ("The crew was cut 40 to 25 people.", [("40", "count"), ("25", "count")]),
        ("It has 20 to 30 million users.", [("20 to 30 million", "count")]),
        # A number word before a name is the number alone.
        ("Both lost their opening two Six Nations games.", [("two", "count")]),
        ("Die Bahn hat seit vier Monaten kein Angebot.", [("vier Monaten", "duration")]),
        # Days joined by "and" or "to" before their month are one date.
        ("The talks are held on 20 and 21 August.", [("20 and 21 August", "date")]),
        # Spanish and Portuguese dates, amounts, durations, decades and number words.
        (
            "El 15 de noviembre de 1998 y en febrero de 1999 pagó 10 millones de dólares en 15 años.",
            [
                ("15 de noviembre de 1998", "date"),
                ("febrero de 1999", "date"),
                ("10 millones de dólares", "money"),
                ("15 años", "duration"),
            ],
        ),
        ("En los años 90 hubo dos muertos y tres heridos.", [("años 90", "date"), ("dos", "count"), ("tres", "count")]),
        # Units of computing; two sizes in different units are no range.
        (
            "A CPU at 2.3Ghz with 6 teraflops runs at 30 FPS.",
            [("2.3Ghz", "quantity"), ("6 teraflops", "quantity"), ("30 FPS", "quantity")],
        ),
        ("It fits in 39 kilobytes or 27 megs.", [("39 kilobytes", "quantity"), ("27 megs", "quantity")]),
        # The sets of a match are scores, a telephone number is still nothing.
        ("After a 6-2 5-7 6-2 loss. Call 020 7946 0958.", [("6-2", "score"), ("5-7", "score"), ("6-2", "score")]),
        # Multiples; "half a", "a year or two"; "several hundred million pounds".
        (
            "Sales rose tenfold and are twice what was hoped, he scored twice.",
            [("tenfold", "other"), ("twice", "other")],
        ),
        ("Close to half a million homes, in half an hour.", [("half a million", "count"), ("half an hour", "duration")]),
        ("It will come within a year or two.", [("a year or two", "duration")]),
        ("It cost several hundred million pounds.", [("several hundred million pounds", "money")]),
        # Times in capitals, a slot of clock times, a vote tally.
        ("It was posted at 1:28 AM.", [("1:28 AM", "date")]),
        ("It runs from 1130 to 1215 GMT.", [("1130 to 1215 GMT", "date")]),
        ("MPs backed it by 297 votes to 203.", [("297 votes to 203", "score")]),
        # Decades that are ages; the second half of a year is a period.
        ("People in their 30s, 40s and 50s play.", [("30s", "age"), ("40s", "age"), ("50s", "age")]),
        ("Music of the 60s returned.", [("60s", "date")]),
        ("It fell in the second half of 2004.", [("second", "other"), ("2004", "date")]),
        ("An eight megabit line beats 512 kilobit.", [("eight megabit", "quantity"), ("512 kilobit", "quantity")]),
        # The second end of a range of money without its sign.
        ("Profits of £415m ($779m-798m) are due.", [("£415m", "money"), ("$779m-798m", "money")]),
        # Positions in a recording, episode numbers, a number named in quotes and sums are labels, not figures.
        ("Show notes.\n\n(0:16) We talk of the “5” in Episode 140, and 2+1=4.", []),
        # A ratio with a magnitude; "third party"; headings; German durations; a rate keeps the amount.
        ("It is a one in 16 million loss, since third party apps (In Millions) fail.", [("one in 16 million", "other")]),
        ("Es dauert zwei Minuten.", [("zwei Minuten", "duration")]),
        ("Plans cost $2 - $5 month and serve 200M users.", [("$2 - $5", "money"), ("200M", "count")]),
        # A change after "lifted interest rates", "growing"; two years joined by "and" but not "1985's".
        ("The bank lifted interest rates 0.25% to 5.5%.", [("0.25%", "percent"), ("5.5%", "percent")]),
        ("He kept growing 10cm to 130cm.", [("10cm", "quantity"), ("130cm", "quantity")]),
        ("Growth of 5% is forecast for 2005 and 2006.", [("5%", "percent"), ("2005 and 2006", "date")]),
        ("Films in 1983 and 1985's Clue.", [("1983", "date"), ("1985", "date")]),
        # A relay; a bare age after "she was just".
        ("Silver in the 4x100m came when she was just 15.", [("4x100m", "quantity"), ("15", "age")]),
        # "one" counting a thing; not a pronoun, an idiom or one of two.
        ("Visits are limited to one visit a year from one source.", [("one", "count"), ("one", "count")]),
        ("We go one step further, from one ear to the other; work that one out.", []),
        # A name with a number opening a sentence; the words that open one before a plain number.
        ("Studio 54 was a club. Halo 2 sold well. Another 54 people came.", [("54", "count")]),
        # "one-third"; "a fortnight"; a span of years after "from" is one period.
        (
            "Almost one-third stayed for a fortnight. The show ran from 1971 to 1987.",
            [("one-third", "other"), ("a fortnight", "duration"), ("1971 to 1987", "date")],
        ),
    ],
)
def test_number_groups_labels_changes_and_number_phrases(body, expected):
    from reader.annotate import figures

    assert [(f.text, f.subtype) for f in figures(body)] == expected


@pytest.mark.parametrize(
    ("body", "speakers"),
    [
        # A verb sharing its clause's subject: "He said ... but predicted ...".
        (
            'Tony Blair spoke first. He said some were in "a state of denial" about it but predicted a more'
            ' "receptive mood" soon.',
            ["Tony Blair", "Tony Blair"],
        ),
        # The attribution closing the quote's sentence.
        ('Tony Blair spoke. Britain was "uniquely placed" to help, he suggested.', ["Tony Blair"]),
        (
            'Whales strand for "sickness and bad weather", according to the Department of Conservation.',
            ["Department of Conservation"],
        ),
        ('"Rates will stay low," said the Bank of England.', ["Bank of England"]),
        # A role refers to the person the article gave it.
        (
            'French President Jacques Chirac spoke. Later the French president told reporters: "Europe must unite."',
            ["Jacques Chirac"],
        ),
        (
            "Lib Dem spokesman Vince Cable spoke. Mr Brown earmarked £1bn. But the Lib Dem spokesman questioned it."
            ' He urged ministers to scrap the "grossly unfair" tax.',
            ["Vince Cable"],
        ),
        # A surname alone is the full name given before it; a name as an object is not "he".
        (
            "Wade Bassi has fished for years. He doesn't buy it — Bassi, a fisherman, keeps an eye on it.\n\n"
            '"When you look at nice halibut, it is pure white," he said.',
            ["Wade Bassi"],
        ),
        ('Amazon bought Whole Foods in 2017, said Tom Forte. Later he said, "You won\'t recognise it."', ["Tom Forte"]),
        # A first-person fragment after an attributed quote, an initial in between.
        (
            '"I was shocked," said Tyler Besecker of Dana F. Besecker Company. The price is "as low as I\'ve ever seen."',
            ["Tyler Besecker", "Tyler Besecker"],
        ),
        # One speaker, one name: "Mr Pollmann" after "Malte Pollmann" is Malte Pollmann.
        (
            '"We built filters," said Malte Pollmann. Mr Pollmann said more. "It is cheap," he said.'
            ' "Fine," said Pollmann. "No," said Mr. Jones.',
            ["Malte Pollmann", "Malte Pollmann", "Malte Pollmann", "Mr. Jones"],
        ),
        # "said McIlroy" after "James McIlroy"; "he" after "... but McIlroy is unfazed".
        (
            'Northern Ireland man James McIlroy is confident. "I can win," said McIlroy. Dmitriy Bogdanov won'
            ' last week and claimed the race was his, but McIlroy is unfazed.\n\nHe admitted: "He looked good."',
            ["James McIlroy", "James McIlroy"],
        ),
        # "he" after "according to X"; after a scare quote whose sentence names its subject.
        (
            "Nintendo has also announced an adapter. The price is low, according to John Houlihan, editor of"
            ' a magazine. "It\'s a very competitive price," he says.',
            ["John Houlihan"],
        ),
        (
            'Keane frontman Tom Chaplin thanked fans for enduring "rubbish gigs" after they won. He added:'
            " \"A lot of people don't think it's cool.\"",
            [None, "Tom Chaplin"],
        ),
        # A name after "by" is no subject for "he".
        (
            "Robbie Williams spoke first. His track beat songs by Will Young, Queen and Kate Bush. He told the"
            ' audience: "I\'m just amazed."',
            ["Robbie Williams"],
        ),
        ('"It was already dark," recalls Carlos Saldarriaga.', ["Carlos Saldarriaga"]),
        # An aside between dashes is not the subject; a weekday is nobody; an organisation is no person.
        (
            'But Mr Herron - who gained fame as one of the "metric martyrs" and runs a campaign - said he was not'
            ' convinced. "The reality is that it will not deliver," he said.',
            [None, "Mr Herron"],
        ),
        ('In a statement issued on Wednesday Lord Woolf said: "I have no doubt."', ["Lord Woolf"]),
        # "said X" closing the sentence; a surname after an opening phrase.
        ('It represents a "big leap forward" for broadband, said Chris Stening, head of the firm.', ["Chris Stening"]),
        (
            "New Yorker Dick Morris is a winner.\n\nOn this subject, Morris appears almost evangelical."
            ' "I was on a cruise in the Caribbean."',
            ["Dick Morris"],
        ),
        # The person, not the charity with "the" in its name.
        (
            'Laura Brownlees of Save the Children said there were concerns.\n\n"If children are sent back," she said.',
            ["Laura Brownlees"],
        ),
        # "with many saying": not a name further back; the name between two commas.
        ('Anger at the war was the main reason, with many saying it was "unjustified".', [None]),
        (
            'The chairman of the Muslim public affairs committee, Sher Khan, said it would be a "significant factor".',
            ["Sher Khan"],
        ),
        (
            'The National Association of Probation Officers said the move would be "political suicide".',
            ["National Association of Probation Officers"],
        ),
        # An aside inside the sentence; "has said" closing it; a role after the person it names.
        ("Another 'contentious' film, Mr Dams said, has gained a nomination.", ["Mr Dams"]),
        (
            'The BBC should steer away from "demonising" Alastair Campbell, Peter Mandelson has said.',
            ["Peter Mandelson"],
        ),
        (
            "David McLetchie has resigned from his post.\n\nThe Scottish Conservative leader had insisted his work"
            ' was separate. But on Friday he said: "I have tendered my resignation."',
            ["David McLetchie"],
        ),
        # A role with an evaluative verb; "agreed"; a clause is no speaker.
        (
            'Chancellor Gordon Brown spoke. The chancellor also hailed the longest growth in UK "industrial history".',
            ["Gordon Brown"],
        ),
        ('"Consumers are hungry for it and want it now," agreed Mr Morgenstern.', ["Mr Morgenstern"]),
        ('He was speaking amid claims that he ran a "dirty tricks" campaign.', [None]),
        ('"We will act," a retired teacher said.', ["a retired teacher"]),
        # A name set off by a comma that never closes; a description before a name.
        (
            "Lisa Power, head of policy at the Terrence Higgins Trust said the policy was wrong."
            ' "In fact, it would harm," she said.',
            ["Lisa Power"],
        ),
        (
            'The paper quoted Immigration minister Des Browne as saying: "We are implementing our plans."',
            ["Des Browne"],
        ),
        # "the company" is the organisation last said to speak, not a person.
        (
            'EMI said sales will fall. Tony Wadsworth said he was sorry.\n\n"Sales have been lower," the company added.',
            ["EMI"],
        ),
        # Names inside the quote before are not who "he" is; "CEO" is a title.
        (
            "\u201cThey were first,\u201d said Bob Alverson, head of the association. \u201cIt turned into an"
            " advantage. Whole Foods saw that early.\u201d\n\nThe certification has costs. But it\u2019s an"
            " assurance \u201cthat people are watching,\u201d he said. Founder and CEO John Mackey said in a memo"
            " that the \u201cprice distinction\u201d mattered.",
            ["Bob Alverson", "Bob Alverson", "Bob Alverson", "John Mackey"],
        ),
        # Words someone used, attacked or praised: the subject's.
        ('Mr Cable also attacked Labour\'s "unfair" taxes.', ["Mr Cable"]),
        ('He asked why ministers attacked plans for the "very rich".', [None]),
        # "as X reported", a clause that opens with the speaker, a noun that looks like a verb.
        ('He put up a flag, "igniting," as Reuters reported, "fears of an attack."', ["Reuters", "Reuters"]),
        ('In the fear, Uber stepped in and tweeted this: "We are all concerned."', ["Uber"]),
        (
            'A code including, according to the notes of the British Bill, "provision to protect sources".',
            ["British Bill"],
        ),
        (
            'A code including — according to the explanatory notes of the British Bill — "provision to protect".',
            ["British Bill"],
        ),
        ('The minister notes: "We are ready."', ["The minister"]),
        # A long reported clause between the verb and the quote.
        (
            "Conservative co-chairman Liam Fox said Mr Campbell's return and Labour poster plans attacking"
            ' Mr Howard - recently withdrawn from the party\'s website - were a sign of "abusive politics".',
            ["Liam Fox"],
        ),
        # The next paragraph, in the first person, after a quote that ends its sentence.
        (
            '"We have built filters," said Malte Pollmann.\n\n"We\'ve found a way to make spam cost more." By'
            " getting thousands to join, Lycos hopes to win.",
            ["Malte Pollmann", "Malte Pollmann"],
        ),
        # A possessive names whose adviser, not who spoke.
        (
            "But Mr Brown's former adviser Ed Balls, now a candidate, said the plans showed a gap."
            ' He added: "I do not accept there is any need for changes."',
            ["Ed Balls"],
        ),
        # "Sir Howard" is the Sir Howard Newby named before.
        (
            'Sir Howard Newby opened the report. Sir Howard said it showed the "entrenched divisions" of the country.',
            ["Sir Howard Newby"],
        ),
        # "he" is a person: not the company that spoke last.
        (
            'Gerhard Florin, of EA, said adults play. EA said games outsell music. "Nobody queues for music anymore."'
            '\n\n"You cannot ignore an industry when people queue at midnight," he said.',
            ["EA", "Gerhard Florin"],
        ),
        # The quote after one that ran over two paragraphs continues it.
        (
            'Gerhard Florin spoke. "It is the subtleties.\n\n"With more power we can do it," he said. "Then it will'
            ' look just like the movie." Mr Florin said adults buy games.',
            ["Gerhard Florin", "Gerhard Florin"],
        ),
        # A relative clause between the subject and "says".
        ('Mr Brown, who was not at the meeting, says he has been in "intensive talks" with them.', ["Mr Brown"]),
        # A verb that is no speech verb, then "but said": the subject of the sentence.
        ('Tory leader Michael Howard also backed the plan but said ministers were "playing catch-up".', ["Michael Howard"]),
        # "X branding Y a '...'", "dubbed".
        ('The Tories agree, with shadow chancellor Oliver Letwin branding the duty a "stealth tax".', ["Oliver Letwin"]),
        # After the quote, a name and what the person is, then the verb.
        ('"We started with young users," Paul Goosens, head of Preventon told the BBC.', ["Paul Goosens"]),
        # A role is not the person its own sentence names as someone else.
        (
            'Conservative Michael Fallon asked Mr Brown about it. But the chancellor said Mr Fallon was "impugning the'
            ' integrity" of the office.',
            ["the chancellor"],
        ),
        # The fullest name the article gives, even when it comes later.
        ('Mr Brown said the rules were "rigid". Later Gordon Brown said they could change.', ["Gordon Brown"]),
        # "the 36-year-old", "the Sale full-back": the person the story is about, named before.
        (
            "Marcel Desailly left Chelsea in 2003.\n\nFormer captain Desailly, who now plays in Qatar, says there is no"
            ' comparison. "Mentally they are much stronger," the 36-year-old said.',
            ["Marcel Desailly"],
        ),
        (
            'And skipper Jason Robinson believes there is nothing wrong. "There is no lack of confidence,"'
            " said the Sale full-back.",
            ["Jason Robinson"],
        ),
        # A list of names is no subject: "he" is still the one the story is about.
        (
            'Marcel Desailly is "happy" now.\n\nHe plays alongside Frank Lebeouf, Titi Camara, Gabriel Batistuta and'
            ' Christophe Dugarry. "I made a vow to stay," he said.',
            [None, "Marcel Desailly"],
        ),
        # A name after "having", "despite", "including" is an object.
        (
            "Ireland, despite having Gordon D'Arcy still out injured, have been boosted by the return of skipper"
            ' Brian O\'Driscoll who missed the last game.\n\n"It really helped," he said.',
            ["Brian O'Driscoll"],
        ),
        # A name, then what the person is, then "said": not the words after "said".
        (
            "Jim Lanzone, vice president of search at Ask Jeeves, said it did not acquire Bloglines for blogs."
            ' He said readers mattered.\n\n"The universe of readers is larger," he said.',
            ["Jim Lanzone"],
        ),
        # Names run together across commas are a list, not one name.
        (
            "Pop star Britney Spears has attacked the tabloids.\n\nIn a letter, the singer named tabloids Us Weekly,"
            ' In Touch and Star as the worst. "You will remain a false tabloid," the 23-year-old wrote.',
            ["Britney Spears"],
        ),
        # A long description before the name after the quote.
        ('"This is positive news," Global Asset Management investment chief David Smith said.', ["David Smith"]),
        # The one a relative clause is about; not when "who" is its object.
        (
            'It is endorsed by the Music Managers\' Forum (MMF), who say British acts face "an uphill struggle" there.',
            ["Music Managers' Forum"],
        ),
        ('He quit over remarks about Arabs, who he called "suicide bombers".', [None]),
        # "X's phrase"; a colon after a sentence whose subject is a person named before.
        ("It is as if there were (in economist Tyler Cowen’s phrase) “markets in everything”.", ["Tyler Cowen"]),
        (
            'Ozzy Osbourne stars in it. Osbourne himself was at a loss to explain it: "I suppose Americans like us."',
            ["Ozzy Osbourne"],
        ),
        # A long description that ends in a role is the person named before.
        (
            'Former champion Michael Johnson has accused the sprinters.\n\n"They lack pride," the world 200m and 400m'
            " record holder told Five Live.",
            ["Michael Johnson"],
        ),
        # A role's holder the article names only later, as a title; never a former holder.
        (
            'The home secretary said he was not "well informed". Later Home Secretary Charles Clarke spoke again.',
            ["Charles Clarke"],
        ),
        (
            'Earlier, ex-Conservative chancellor Ken Clarke spoke. But the chancellor said it was "a load of nonsense".',
            ["the chancellor"],
        ),
        # A role introduced as unnamed ("a spokesman for the Home Office") stays that one.
        (
            "Mr Hogg spoke first. A spokesman for the Home Office said it was looking at it. The spokesman said:"
            ' "We are developing a returns policy."',
            ["a spokesman for the Home Office"],
        ),
        # "Name, role ..." opening a sentence: the name is its subject.
        (
            'Graham Barlow, editor of Mac Format, has a partisan view. "It is just a Mac, but we should be excited."',
            ["Graham Barlow"],
        ),
        # A role that "she said" points to is resolved like any role.
        (
            "In a lecture, Irene Khan said rights were failing.\n\nThe Amnesty secretary-general said a gap was growing."
            ' "Public passivity is the most powerful indictment," she said.',
            ["Irene Khan"],
        ),
        # "..., he said, adding that only '...'": the pronoun, resolved.
        (
            'Tony Blair spoke on Monday. The important thing was action, he said, adding that only "six or seven'
            ' million" had been spent.',
            ["Tony Blair"],
        ),
        # A role resolved to a person: a possessive before the name is dropped; never an event or a club.
        (
            'Britain\'s Jason Gardener won again.\n\n"It was hard," said the world indoor champion.',
            ["Jason Gardener"],
        ),
        ('He lost at the Australian Open.\n\n"My hip was cramping," the 34-year-old said.', ["the 34-year-old"]),
        # "Mr X's comments" is a noun, not a verb with X as its subject.
        (
            "German Gref was keen to distance himself from Mr Iliaronov's comments. But he stressed the point."
            ' "I think that Rosneft must be privatised," he said.',
            ["German Gref"],
        ),
        # A description before the name, without a comma; with one, the name comes first.
        (
            'Lib Dem foreign affairs spokesman Menzies Campbell said a win would help, adding it was an "umbilical cord".',
            ["Menzies Campbell"],
        ),
        (
            '"It is clear," said Anthony Sebok, a professor at Brooklyn Law School, adding that it was "expected".',
            ["Anthony Sebok", "Anthony Sebok"],
        ),
        # A quote followed by ", saying": the sentence's subject.
        (
            'Tory leader Michael Howard sent Mr Bush his "warmest congratulations", saying: "We look to the president."',
            ["Michael Howard", "Michael Howard"],
        ),
        # A paragraph that opens with the words of the one the paragraph before ends on.
        (
            "Mr Raynsford dismissed a suggestion the move was designed to keep taxes down.\n\n"
            '"This is a response to the concerns of local government."',
            ["Mr Raynsford"],
        ),
        # A role nobody was named for before: the one the story's first sentence is about.
        (
            "Oscar host Chris Rock said he will steer clear of politics.\n\nHe had said so before.\n\nAnd again."
            '\n\nThe 40-year-old comedian labelled the ceremonies "idiotic".',
            ["Chris Rock"],
        ),
    ],
)
def test_speakers_from_clauses_roles_surnames_and_sentence_ends(body, speakers):
    from reader.annotate import quotes

    assert [q.speaker for q in quotes(body)] == speakers
