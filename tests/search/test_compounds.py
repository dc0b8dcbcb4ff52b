"""Compounds of the compounding practice languages are split into their words (search/compounds.py),
ordinary words and other languages' words never are (docs/SEARCH.md, "Compounds")."""

import pytest

from search.compounds import Vocabulary, candidates, joined_text, part_words, parts_text, query_parts, split


@pytest.mark.parametrize(
    ("language", "word", "parts"),
    [
        ("de", "Rechtsextremismus", {"recht", "extremismus"}),
        ("de", "Islamismusprävention", {"islamismus", "prävention"}),
        ("de", "Ausstiegsberatung", {"ausstieg", "beratung"}),
        ("de", "Ausstiegsberatungsstelle", {"ausstieg", "beratungsstelle", "beratung", "stelle"}),
        ("de", "Linksextremismus", {"links", "extremismus"}),
        ("de", "Gewaltprävention", {"gewalt", "prävention"}),
        ("de", "Angehörigenberatung", {"angehörigen", "beratung"}),
        ("de", "Justizvollzugsanstalt", {"justiz", "vollzug", "anstalt"}),
        ("de", "Jugendamt", {"jugend", "amt"}),
        ("de", "Schulsozialarbeit", {"schule", "sozialarbeit", "soziale", "arbeit"}),
        ("nl", "radicaliseringspreventie", {"radicalisering", "preventie"}),
        ("nl", "jongerenwerk", {"jongeren", "werk"}),
        ("nl", "extremismebestrijding", {"extremisme", "bestrijding"}),
        ("sv", "våldsbejakandeextremism", {"våldsbejakande", "extremism"}),
        ("sv", "ungdomsarbete", {"ungdom", "arbete"}),
        ("no", "forebyggingsarbeid", {"forebygging", "arbeid"}),
        ("da", "forebyggelsesarbejde", {"forebyggelse", "arbejde"}),
        ("fi", "nuorisotyö", {"nuoriso", "työ"}),
        ("fi", "sosiaalityö", {"sosiaali", "työ"}),
        # the field's own words, rare in general corpora (search.compounds.FIELD_WORDS)
        ("de", "Deradikalisierungsprogramm", {"deradikalisierung", "programm"}),
        ("de", "Distanzierungsarbeit", {"distanzierung", "arbeit"}),
        ("nl", "deradicaliseringstraject", {"deradicalisering", "traject"}),
        ("sv", "avradikaliseringsarbete", {"avradikalisering", "arbete"}),
        ("sv", "frivårdsinspektör", {"frivård", "inspektör"}),
        ("no", "radikaliseringsarbeid", {"radikalisering", "arbeid"}),
        ("da", "afradikaliseringsindsats", {"afradikalisering", "indsats"}),
    ],
)
def test_a_compound_is_split_into_its_words(language, word, parts):
    assert set(split(word, language)) == parts


@pytest.mark.parametrize(
    ("language", "word"),
    [
        ("de", "Beratung"),
        ("de", "Verein"),
        ("de", "Ausstieg"),  # not aus|stieg: function words are no parts
        ("de", "Radikalisierung"),
        ("de", "Einrichtung"),
        ("de", "Mitarbeiter"),
        ("de", "Gesellschaft"),
        ("de", "Veranstaltung"),
        ("de", "Jugendliche"),
        ("de", "Unterstützung"),
        ("nl", "samenwerking"),
        ("nl", "begeleiding"),
        ("nl", "gedetineerden"),
        ("sv", "förebyggande"),
        ("sv", "samverkan"),
        ("sv", "verksamhet"),
        ("no", "forebygging"),
        ("no", "samarbeid"),
        ("da", "radikalisering"),
        ("fi", "yhteistyö"),
        ("fi", "radikalisoitumisen"),
    ],
)
def test_an_ordinary_word_is_not_split(language, word):
    assert split(word, language) == ()


@pytest.mark.parametrize("language", ["en", "fr", "es", "it", "pl", ""])
def test_a_language_that_does_not_compound_is_never_split(language):
    text = "Streetworker breakthrough helpline Rechtsextremismus jongerenwerk"
    assert parts_text(text, language) == ""
    assert split("Rechtsextremismus", language) == ()


def test_the_parts_of_a_text_follow_its_compounds_in_order():
    text = "Die Ausstiegsberatung (seit 2019) hilft bei Rechtsextremismus; Beratung für Eltern."
    assert parts_text(text, "de") == "ausstieg beratung recht extremismus"


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("a multi-agency panel", "multiagency"),
        ("P/CVE and Covid-19", "PCVE Covid19"),
        ("co‑construction (a non-breaking hyphen)", "coconstruction nonbreaking"),
        ("Anti-Gewalt-Training", "AntiGewalt AntiGewaltTraining GewaltTraining"),
        ("the U.K. and the U.S.A.", "UK USA"),
        ("1,500 and 12.500.000 and 1 500 and 3\u202f000 and CHF 1'500", "1500 12500000 3000"),
        ("1,500.25 people", "1500"),
        ("1 500 2 000 jeunes", "1500 2000"),
    ],
)
def test_a_word_written_in_parts_is_also_written_whole(text, joined):
    assert joined_text(text) == joined


@pytest.mark.parametrize(
    "text",
    [
        "the years 2019-2020, a 20/20 review, children aged 12-15",  # numbers alone are not joined
        "in 2020 500 families; in 2020, 500 families",  # a year then a count
        "rated 1.2345, 1,5 or 1,500,00 or version 1.200.3",  # decimals and broken groupings
        "a multi - agency panel; police / social work",  # a hyphen or a slash between spaces parts words
        "see https://example.org/a-b/c-d-e-f-g",  # a path is no word
        "l'extrémisme, e.g.this",
    ],
)
def test_what_is_not_one_word_is_not_joined(text):
    assert joined_text(text) == ""


def test_a_language_that_does_not_compound_gets_its_words_written_whole_only():
    assert parts_text("Rechtsextremismus and multi-agency work", "en") == "multiagency"
    assert parts_text("Anti-Gewalt-Training bei Rechtsextremismus", "de") == (
        "recht extremismus AntiGewalt AntiGewaltTraining GewaltTraining"
    )


# A query word split against the index's own vocabulary (``query_parts``)

TEXTS = [
    ("de", "Ausstiegsberatungsstelle für Jugendliche in der Straßensozialarbeit."),
    ("de", "Eltern werden über Rechtsextremismus und Islamismusprävention informiert."),
    ("de", "Fanprojekte mit den Fußballvereinen; ein Anti-Gewalt-Training."),
    ("nl", "Radicaliseringspreventie in het jongerenwerk; extremismebestrijding."),
    ("sv", "Ungdomsarbete mot våldsbejakandeextremism."),
    ("en", "Counter-terrorism workshops and multi-agency panels in the community."),
]


@pytest.fixture(scope="module")
def vocabulary():
    """What the database engine reads for any query: every part of the texts."""
    return Vocabulary(
        (language, word, stem)
        for language, text in TEXTS
        for word, stem in part_words(parts_text(text, language), language)
    )


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("Rechtsextremismusprävention", ("recht", "extremismus", "prävention")),
        ("Linksextremismus", ()),  # links is no part of the corpus
        ("Islamismusberatung", ("islamismus", "beratung")),
        ("Fußballvereine", ("fussball", "vereinen")),  # the last part inflected: Fußballvereinen
        ("Ausstiegsberatungsstelle", ("ausstieg", "beratungsstelle")),  # the longest parts first
        ("Ausstiegsberatungsstellen", ("ausstieg", "beratungsstelle")),
        ("Jugendberatungsstelle", ()),  # jugend: no document holds it as a part
        ("Straßenarbeit", ("strasse", "arbeit")),
        ("extremismepreventie", ("extremisme", "preventie")),
        ("ungdomsextremism", ("ungdom", "extremism")),
    ],
)
def test_a_query_word_is_split_into_the_parts_the_index_holds(vocabulary, word, parts):
    assert query_parts(word, vocabulary) == parts


@pytest.mark.parametrize(
    "word",
    [
        "Beratung",  # shorter than two parts of four letters
        "Prävention",
        "Sozialarbeit",  # known whole: a part of Straßensozialarbeit
        "Beratungsstelle",
        "counterterrorism",  # English and French words: no document of theirs gives parts
        "multiagency",
        "radicalisation",
        "deradicalisation",
        "workshops",
        "accompagnement",
        "déradicalisation",
        "Covid19",
    ],
)
def test_a_short_known_or_foreign_query_word_is_not_split(vocabulary, word):
    assert query_parts(word, vocabulary) == ()


def test_the_candidates_of_a_word_hold_every_piece_and_the_stems_of_its_endings():
    pieces, stems = candidates(["Fußballvereine", "Verein", "P/CVE"])
    assert {"fussball", "fussballvereine", "vereine", "verein", "ball", "balle"} <= pieces
    assert "vere" in pieces and "fus" not in pieces  # pieces of four letters and more, of long words
    assert {"verein", "fussballverein"} <= stems  # German stems of the endings
    assert all(len(piece) >= 4 for piece in pieces)


def test_a_document_gives_the_words_of_its_compounds_field_in_a_compounding_language_only():
    assert part_words("recht extremismus multiagency covid19 amt", "de") == [
        ("recht", "recht"),
        ("extremismus", "extremismus"),
        ("multiagency", "multiagency"),
    ]
    assert part_words("multiagency coconstruction", "en") == []
