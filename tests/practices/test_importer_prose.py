"""Key themes and target audiences answered in sentences rather than as a list: the terms the
sentences name are read (and quoted in a warning for the writer to check), and the sentences
themselves are kept at the end of the description (docs/IMPORTER.md, "Rules")."""

import pytest

from practices.importer import import_document

DESCRIPTION = "Mediators talk with young people on the street to prevent radicalisation."


def document(field: str, answer: str, *, name: str = "Name of the practice", description: str = "Description") -> bytes:
    """A tab-separated template whose ``field`` row is answered with ``answer``."""
    return "\n".join([f"{name}\tStreet mediation", f"{description}\t{DESCRIPTION}", f"{field}\t{answer}"]).encode()


def messages(parsed, field: str, code: str = "read_from_prose") -> str:
    return " ".join(w.message for w in parsed.warnings if w.field == field and w.code == code)


AUDIENCES_IN_SENTENCES = [
    (
        "Target audience",
        "We work mainly with young people at risk and their parents, and train teachers and social workers.",
        ["youth-pupils-students", "families", "educators-academics", "social-workers"],
    ),
    (
        "Public cible",
        "Nous travaillons surtout avec des jeunes en danger et leurs parents, et nous formons des enseignants "
        "et des travailleurs sociaux du quartier.",
        ["youth-pupils-students", "families", "educators-academics", "social-workers"],
    ),
    (
        "Zielgruppe",
        "Unsere Zielgruppe sind vor allem Jugendliche aus dem Stadtteil und ihre Eltern; wir schulen auch Lehrkräfte.",
        ["youth-pupils-students", "families", "educators-academics"],
    ),
    (
        "Target audience",
        "The programme was designed for prison staff who work with terrorist offenders every day, and later "
        "opened to probation officers.",
        ["prison-probation", "violent-extremists"],
    ),
]


@pytest.mark.parametrize(("label", "answer", "codes"), AUDIENCES_IN_SENTENCES)
def test_audiences_named_in_sentences_are_read_and_the_sentences_kept(label, answer, codes):
    parsed = import_document(document(label, answer), "x.txt")
    assert parsed.target_audiences == codes
    assert parsed.fields["description"].startswith(DESCRIPTION)
    assert parsed.fields["description"].endswith(answer)  # the sentences, whole
    assert "unknown_audience" not in parsed.warning_codes()
    assert "unplaced_text" in parsed.warning_codes("description")


def test_the_warning_quotes_the_words_the_audiences_were_read_from():
    answer = AUDIENCES_IN_SENTENCES[0][1]
    parsed = import_document(document("Target audience", answer), "x.txt")
    message = messages(parsed, "target_audiences")
    for words in ("young people", "parents", "teachers", "social workers"):
        assert f"“{words}”" in message


THEMES_IN_SENTENCES = [
    (
        "Key themes",
        "Our work is mainly about family support, and with the city we also run exit strategies for people "
        "leaving violent right-wing groups.",
        ["family-support", "exit-strategies"],
    ),
    (
        "Principaux thèmes",
        "Le projet relève surtout de la déradicalisation et du soutien de la famille des personnes concernées.",
        ["deradicalisation-disengagement", "family-support"],
    ),
    (
        "Hauptthemen",
        "Das Projekt gehört vor allem zur Ausstiegsarbeit und richtet sich gegen Rechtsextremismus im ländlichen Raum.",
        ["exit-strategies", "violent-right-wing-extremism"],
    ),
]


@pytest.mark.parametrize(("label", "answer", "codes"), THEMES_IN_SENTENCES)
def test_themes_named_in_sentences_are_read_and_the_sentences_kept(label, answer, codes):
    parsed = import_document(document(label, answer), "x.txt")
    assert parsed.key_themes == codes
    assert parsed.fields["description"].endswith(answer)
    assert "unknown_theme" not in parsed.warning_codes()
    assert messages(parsed, "key_themes")


@pytest.mark.parametrize(
    ("label", "answer", "codes", "not_read"),
    [
        (
            "Target audience",
            "The practice is not aimed at the general public but at teachers and school staff.",
            ["educators-academics"],
            "general public",
        ),
        (
            "Public cible",
            "Le dispositif ne s'adresse pas aux familles, mais aux professionnels de première ligne.",
            ["first-responders-practitioners"],
            "familles",
        ),
        (
            "Destinatari",
            "Il progetto è rivolto ai giovani e alle loro famiglie; non coinvolge la polizia.",
            ["youth-pupils-students", "families"],
            "polizia",
        ),
        (
            "Público objetivo",
            "La práctica se dirige a jóvenes en riesgo y a sus familias, pero no a la policía.",
            ["youth-pupils-students", "families"],
            "policía",
        ),
        (
            "Target audience",
            "Neither parents nor teachers: only the young people themselves.",
            ["youth-pupils-students"],
            "parents",
        ),
    ],
)
def test_a_term_in_a_clause_saying_not_is_not_read(label, answer, codes, not_read):
    parsed = import_document(document(label, answer), "x.txt")
    assert parsed.target_audiences == codes
    assert f"“{not_read}”" in messages(parsed, "target_audiences")
    assert parsed.fields["description"].endswith(answer)


def test_not_only_is_no_negation():
    answer = "We reach not only young people but also their parents through home visits."
    parsed = import_document(document("Target audience", answer), "x.txt")
    assert parsed.target_audiences == ["youth-pupils-students", "families"]


def test_words_with_an_everyday_sense_are_not_read_from_sentences():
    answer = (
        "Staff from the public sector follow training sessions, and material is published online "
        "for the prevention of radicalisation in three cities."
    )
    parsed = import_document(document("Key themes", answer), "x.txt")
    assert parsed.key_themes == []
    assert "pick them" in messages(parsed, "key_themes")
    assert parsed.fields["description"].endswith(answer)
    audiences = import_document(document("Target audience", answer), "x.txt")
    assert audiences.target_audiences == []  # "the public sector" is no general public


@pytest.mark.parametrize(
    ("answer", "codes"),
    [
        ("Pupils who were victims of bullying or discrimination at school.", ["youth-pupils-students"]),
        ("People directly affected: victims of terrorism and their relatives.", ["victims-of-terrorism", "families"]),
    ],
)
def test_victims_in_sentences_are_victims_of_terrorism_only_when_named_so(answer, codes):
    parsed = import_document(document("Target audience", answer), "x.txt")
    assert parsed.target_audiences == codes


@pytest.mark.parametrize(
    ("answer", "codes"),
    [("Exit, Online, Prevention", ["exit-strategies", "online-dimension", "early-prevention"])],
)
def test_the_same_words_in_a_list_are_read(answer, codes):
    parsed = import_document(document("Key themes", answer), "x.txt")
    assert parsed.key_themes == codes
    assert parsed.fields["description"] == DESCRIPTION


def test_a_list_with_a_word_or_two_left_over_is_still_a_list():
    parsed = import_document(document("Target audience", "Young people at risk, parents"), "x.txt")
    assert parsed.target_audiences == ["youth-pupils-students", "families"]
    assert parsed.fields["description"] == DESCRIPTION
    assert "at risk" in messages(parsed, "target_audiences", "unknown_audience")


# --- country and type of organisation ---------------------------------------------------------------

SCOPE = "The city of Ghent and its suburbs."


@pytest.mark.parametrize(
    ("label", "answer", "code"),
    [
        ("Country of origin", "The practice was developed in Belgium and is now also used in the Netherlands.", "BE"),
        ("Pays d'origine", "Le projet a été créé en France, puis repris par des villes suisses.", "FR"),
        ("Country of origin", "Several countries of the Western Balkans take part in turn.", None),
    ],
)
def test_a_country_answered_in_sentences_is_read_and_the_sentences_kept_in_the_scope(label, answer, code):
    data = document(label, answer) + f"\nGeographical scope\t{SCOPE}".encode()
    parsed = import_document(data, "x.txt")
    assert parsed.country == code
    assert parsed.geographical_scope == f"{SCOPE}\n\n{answer}"
    assert messages(parsed, "country")


def test_a_country_with_a_word_of_detail_is_read_as_before():
    data = document("Country of origin", "Belgium (Flanders)") + f"\nGeographical scope\t{SCOPE}".encode()
    parsed = import_document(data, "x.txt")
    assert (parsed.country, parsed.geographical_scope) == ("BE", SCOPE)
    assert "Belgium (Flanders)" in messages(parsed, "country", "unplaced_text")


@pytest.mark.parametrize(
    ("answer", "code", "named"),
    [
        ("We are not a government agency but a small association run by volunteers.", "ngo", "association"),
        ("Nous sommes une association loi 1901 créée par des parents de la ville.", "ngo", "association"),
        (
            "The project is run by the youth department of the municipality together with schools.",
            "municipality",
            "municipality",
        ),
    ],
)
def test_a_type_of_organisation_written_in_sentences_is_read_and_kept(answer, code, named):
    cell = f"Jongerenpunt\n\nType of organisation: {answer}"
    parsed = import_document(
        "\n".join(
            ["Name of the practice\tStreet mediation", f"Description\t{DESCRIPTION}", f"Organisation\t{cell}"]
        ).encode(),
        "x.txt",
    )
    assert (parsed.organisation.name, parsed.organisation.type) == ("Jongerenpunt", code)
    assert answer.rstrip(".") in parsed.organisation.description
    assert f"“{named}”" in messages(parsed, "organisation")
