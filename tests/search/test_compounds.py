"""Compounds of the compounding practice languages are split into their words (search/compounds.py),
ordinary words and other languages' words never are (docs/SEARCH.md, "Compounds")."""

import pytest

from search.compounds import joined_text, parts_text, split


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
