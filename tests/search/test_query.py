"""The search box's query language (search/query.py), as every engine receives it."""

import pytest

from search.query import parse, typed_terms


def shape(text: str) -> tuple[list[list[tuple[str, ...]]], list[tuple[str, ...]]]:
    parsed = parse(text)
    return [[term.words for term in clause.terms] for clause in parsed.clauses], [
        term.words for term in parsed.excluded
    ]


def test_words_are_and_and_or_binds_tighter():
    assert shape("mentor family OR parents") == ([[("mentor",)], [("family",), ("parents",)]], [])


def test_phrases_and_exclusions():
    assert shape('"exit programme" -prison -"prison exit"') == (
        [[("exit", "programme"), ("exit", "program")]],  # and its American spelling
        [("prison",), ("prison", "exit")],
    )


def test_inner_punctuation_makes_a_phrase_of_the_parts_or_the_word_written_whole():
    assert shape("multi-agency") == ([[("multi", "agency"), ("multiagency",)]], [])
    assert shape("-P/CVE") == ([], [("P", "CVE"), ("PCVE",)])
    assert shape('"multi agency"') == ([[("multi", "agency")]], [])  # a phrase typed apart stays a phrase


def test_a_british_or_american_spelling_also_asks_for_the_other():
    assert shape("radicalisation") == ([[("radicalisation",), ("radicalization",)]], [])
    assert shape("Organizers OR mentors") == ([[("Organizers",), ("Organisers",), ("mentors",)]], [])
    assert shape("prise crise") == ([[("prise",)], [("crise",)]], [])  # French words stay as typed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sortie de l'extrémisme violent", [[("sortie",)], [("extrémisme",)], [("violent",)]]),
        ("témoignages d'anciens", [[("témoignages",)], [("anciens",)]]),
        ("L’école", [[("école",)]]),
        ("jusqu'au bout", [[("bout",)]]),  # "au" is a stop word
    ],
)
def test_french_elided_articles_are_dropped_from_words(text, expected):
    assert shape(text)[0] == expected


def test_an_excluded_elided_word_stays_excluded_and_phrases_keep_their_words():
    assert shape("famille -l'école") == ([[("famille",)]], [("école",)])
    assert shape('"de l\'extrémisme"') == ([[("de", "l", "extrémisme")]], [])


def test_stop_words_go_unless_nothing_else_is_left():
    assert shape("the family") == ([[("family",)]], [])
    assert shape("the") == ([[("the",)]], [])


def test_not_leaves_out_the_word_or_phrase_after_it_as_a_minus_does():
    assert shape('mentor NOT prisons NOT "prison exit"') == ([[("mentor",)]], [("prisons",), ("prison", "exit")])
    assert shape("NOT") == ([], [])
    assert shape("not prisons") == ([[("not",)], [("prisons",)]], [])  # the word, in lower case


def test_a_stop_word_is_never_left_out():
    """Leaving out "the" or "in" would leave out nearly every text of a language."""
    assert shape("mentoring -the") == ([[("mentoring",)]], [])
    assert shape("famille -de -la") == ([[("famille",)]], [])
    assert shape("mentoring NOT in prison") == ([[("mentoring",)]], [("prison",)])
    assert shape("MENTORING NOT IN THE PRISON") == ([[("MENTORING",)]], [("PRISON",)])
    assert shape("mentoring NOT the") == ([[("mentoring",)]], [])
    assert shape('mentoring -"in prison"') == ([[("mentoring",)]], [("in", "prison")])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title:mentoring", ([[("mentoring",)]], [])),
        ('title:"exit work"', ([[("exit", "work")]], [])),
        ("Title:mentoring", ([[("Title", "mentoring"), ("Titlementoring",)]], [])),  # a German noun, or a name
        ("-title:prison", ([], [("prison",)])),
        ("prisons: mentoring", ([[("prisons",)], [("mentoring",)]], [])),  # a colon and a space: two words
        ("10:30", ([[("10", "30"), ("1030",)]], [])),
    ],
)
def test_a_fields_name_before_a_colon_is_dropped(text, expected):
    assert shape(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mentor^2 prison~", [[("mentor",)], [("prison",)]]),
        ('"exit work"~3 family^1.5', [[("exit", "work")], [("family",)]]),
        ("family^2~", [[("family",)]]),
        ("covid-19 1~2", [[("covid", "19"), ("covid19",)], [("1",)]]),
    ],
)
def test_lucenes_boost_and_fuzziness_are_dropped(text, expected):
    assert shape(text)[0] == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [("RAN:n", "RAN"), ("EU:ssa", "EU"), ("2015:stä", "2015"), ("ry:n", "ry"), ("Nato:n", "Nato"), ("-CVE:tä", "CVE")],
)
def test_a_finnish_case_ending_after_a_colon_leaves_the_word_before_it(text, word):
    clauses, excluded = shape(text)
    assert (clauses or [excluded])[0][0] == (word,)


@pytest.mark.parametrize(
    ("text", "also"),
    [
        ("Sozialarbeiter:innen", [("Sozialarbeiter",)]),
        ("sozialarbeiter:innen", [("sozialarbeiter",)]),  # not a field's name
        ("Lehrer*innen", [("Lehrer",)]),
        ("Lehrer_innen", [("Lehrer",)]),
        ("Lehrer/innen", [("Lehrer",)]),
        ("LehrerInnen", [("Lehrer",), ("Lehrerinnen",)]),
        ("éducateur·rice·s", [("éducateur",)]),
        ("radicalisé·es", [("radicalisé",)]),
        ("étudiant.e.s", [("étudiant",)]),
        ("élu-e-s", [("élu",)]),
    ],
)
def test_an_inclusive_form_also_asks_for_its_first_word(text, also):
    terms = shape(text)[0][0]
    assert terms[-len(also) :] == also and terms[0] != also[0]


@pytest.mark.parametrize("text", ["drop-in", "check-in", "LinkedIn", "U.S.", "e-mail", "follow-ups"])
def test_other_words_with_inner_punctuation_are_no_inclusive_form(text):
    terms = shape(text)[0][0]
    assert all(
        len(term) > 1 or term[0].casefold() == text.replace("-", "").replace(".", "").casefold() for term in terms
    )


@pytest.mark.parametrize(
    "text", ['"unbalanced', "--", "OR", "((", "AND OR -", "", "   ", "NOT NOT", "title:", ":", "a:", ":n"]
)
def test_nothing_is_a_syntax_error(text):
    parse(text)


@pytest.mark.parametrize(
    ("text", "alternatives"),
    [
        ("familles ou parents", {"familles", "parents"}),
        ("Ausstiegsberatung oder Straßensozialarbeit", {"Ausstiegsberatung", "Straßensozialarbeit"}),
        ("cárceles o barrios", {"cárceles", "barrios"}),
        ("carceri o scuole", {"carceri", "scuole"}),
        ("mentorer eller fritidsledare", {"mentorer", "fritidsledare"}),  # Danish, Swedish, Norwegian
        ("nuoret tai koulut", {"nuoret", "koulut"}),  # Finnish
        ("gedetineerden of jongerenwerkers", {"gedetineerden", "jongerenwerkers"}),  # Dutch
        ("radicalisering of polarisatie", {"radicalisering", "polarisatie"}),
    ],
)
def test_or_written_in_the_querys_language_between_two_words_is_or(text, alternatives):
    parsed = parse(text)
    assert len(parsed.clauses) == 1
    # the words as typed (a Finnish word also asks for its stem in the other consonant grade)
    assert {term.words[0] for term in typed_terms(parsed.clauses[0].terms)} == alternatives


@pytest.mark.parametrize(
    "text",
    ["ou", "où", "Schule oder", "oder Schule", "le ou la", "x OU y", '"familles ou parents"', "familles ou -parents"],
)
def test_or_in_another_language_stays_a_word_elsewhere(text):
    """Alone, at an end, in capitals, between stop words, in a phrase, or in a query with an
    operator, the connector is what it was (a word, a stop word)."""
    parsed = parse(text)
    assert all(len(clause.terms) == 1 or len(clause.terms[0].words) > 1 for clause in parsed.clauses), parsed


def test_an_odd_quotation_mark_leaves_words_not_a_phrase():
    assert parse('"unclosed quote mentoring') == parse("unclosed quote mentoring")
    assert parse('mentor "exit work" "prison') == parse('mentor "exit work" prison')


def test_emoji_separate_words():
    assert parse("radicalisation🙂jeunes") == parse("radicalisation jeunes")
    assert parse("👨\u200d👩\u200d👧 families") == parse("families")


@pytest.mark.parametrize(
    ("text", "clauses"),
    [
        ("prevention of radicalisation", 2),  # Dutch "of" is English "of": OR only between two
        ("families of detainees", 2),  # words no English list knows
        ("jongeren of youth", 2),
        ("prevenção o radicalização", 3),  # Portuguese "o" is the article: OR only in a query
        ("combater o extremismo nas escolas", 5),  # without a sign of Portuguese
    ],
)
def test_dutch_of_and_portuguese_o_stay_words_where_they_are_english_or_an_article(text, clauses):
    assert len(parse(text).clauses) == clauses, parse(text)


def test_a_word_cut_at_the_end_of_a_line_is_one_word_again():
    assert parse("radi-\ncalised prisoners") == parse("radicalised prisoners")
    assert parse("accom-\r\npagnent les jeunes") == parse("accompagnent les jeunes")
    assert parse("men\u00ad\ntor") == parse("mentor") == parse("men\u00adtor")
    assert shape("multi-\nagency") == ([[("multiagency",)]], [])
    assert shape("2015-\n2019") == shape("2015- 2019")  # numbers are not words cut in two


def test_arabic_short_vowels_and_hebrew_points_are_left_out():
    assert parse("التَّطَرُّف") == parse("التطرف")
    assert parse("שָׁלוֹם") == parse("שלום")


def test_two_words_joined_by_a_slash_ask_for_either():
    terms = {term.words for term in parse("re-integration/follow-up").clauses[0].terms}
    assert {("re", "integration"), ("follow", "up"), ("reintegration",), ("followup",)} <= terms
    assert shape("P/CVE") == ([[("P", "CVE"), ("PCVE",)]], [])  # one word: a side of fewer than 3 letters
    assert shape("Lehrer/innen")[0][0][-1] == ("Lehrer",)  # an inclusive form


def test_a_compound_cut_short_before_a_slash_is_completed_by_the_other():
    words = {term.words for term in parse("Rechts-/Linksextremismus").clauses[0].terms}
    assert {("Linksextremismus",), ("Rechtsextremismus",)} <= words


@pytest.mark.parametrize(
    ("typed", "other"),
    [
        ("programme", "program"),
        ("programs", "programmes"),
        ("Behaviour", "Behavior"),
        ("centres", "centers"),
        ("counselling", "counseling"),
        ("offences", "offenses"),
        ("analysed", "analyzed"),
        ("travel", "travel"),  # "travelled" doubles its l, "travel" has one in both
        ("programming", "programming"),
        ("analysis", "analysis"),
    ],
)
def test_british_and_american_spellings_of_listed_words_ask_for_each_other(typed, other):
    assert shape(typed) == ([[(typed,), (other,)]] if other != typed else [[(typed,)]], [])
