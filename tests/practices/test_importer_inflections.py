"""Key themes and target audiences written in another form than the list's: a singular for a plural,
a declined or definite form ("mit Jugendlichen", "ungdomarna", "con un'insegnante"), found by their
stems in the answer's language, in a list and in sentences; and words that stem like a term but name
something else, not read (docs/IMPORTER.md, "Rules")."""

import pytest

from practices.importer import import_document

DESCRIPTION = "Mediators talk with young people on the street to prevent radicalisation."
# A short answer's language cannot be told from its own words: the practice's is taken.
GERMAN = "Streetworker sprechen auf der Straße mit jungen Menschen, um Radikalisierung vorzubeugen."


def document(field: str, answer: str, description: str = DESCRIPTION) -> bytes:
    """A tab-separated template whose ``field`` row is answered with ``answer``."""
    return "\n".join(
        ["Name of the practice\tStreet mediation", f"Description\t{description}", f"{field}\t{answer}"]
    ).encode()


def leftovers(parsed) -> list[str]:
    return [w.message for w in parsed.warnings if w.code in {"unknown_theme", "unknown_audience"}]


INFLECTED_AUDIENCES = [
    # English: singulars for the list's plurals
    ("Target audience", "Teacher, a family, social worker", ["educators-academics", "families", "social-workers"]),
    (
        "Target audience",
        "Each session brings together a teacher, a youth worker and a police officer from the same district.",
        ["educators-academics", "social-workers", "law-enforcement"],
    ),
    # French
    ("Public cible", "Avec des enseignantes et des familles", ["educators-academics", "families"]),
    (
        "Public cible",
        "Le projet s'adresse aux élèves du collège et à leur famille ; il forme aussi un enseignant référent "
        "par établissement.",
        ["youth-pupils-students", "families", "educators-academics"],
    ),
    # German
    ("Zielgruppe", "für Eltern und Lehrkräfte", ["families", "educators-academics"]),
    (
        "Zielgruppe",
        "Wir arbeiten mit Jugendlichen aus dem Viertel und beraten auch jeden Jugendlicher einzeln.",
        ["youth-pupils-students"],
    ),
    # Dutch
    (
        "Doelgroep",
        "Elke jongere krijgt een coach, en ook de ouder wordt betrokken bij de gesprekken.",
        ["youth-pupils-students", "families"],
    ),
    ("Doelgroep", "de jongeren", ["youth-pupils-students"]),
    # Swedish
    (
        "Målgrupp",
        "Vi arbetar med ungdomarna i förorten och deras föräldrar, och vi utbildar också lärarna på skolan.",
        ["youth-pupils-students", "families", "educators-academics"],
    ),
    # Italian
    (
        "Destinatari",
        "Lavoriamo con le famiglie e con ogni giovane segnalato dalla scuola, insieme a un'insegnante referente.",
        ["families", "youth-pupils-students", "educators-academics"],
    ),
    # Spanish
    (
        "Público objetivo",
        "Trabajamos para los jóvenes del barrio, con cada profesor del instituto y con la familia.",
        ["youth-pupils-students", "educators-academics", "families"],
    ),
]


@pytest.mark.parametrize(("label", "answer", "codes"), INFLECTED_AUDIENCES)
def test_an_audience_in_another_form_is_read_by_its_stem(label, answer, codes):
    parsed = import_document(document(label, answer), "x.txt")
    assert parsed.target_audiences == codes
    assert leftovers(parsed) == []


INFLECTED_THEMES = [
    (
        "Key themes",
        "Support for the family of a returnee and for each former extremist leaving prison.",
        ["family-support", "ftf-families", "formers", "prison-probation"],
    ),
    ("Thèmes principaux", "Ancien extrémiste, contre-discours", ["formers", "alternative-counter-narratives"]),
    ("Hauptthemen", "Lokale Strategie, Polarisierung", ["local-strategies-cities", "social-cohesion-polarisation"]),
]


@pytest.mark.parametrize(("label", "answer", "codes"), INFLECTED_THEMES)
def test_a_theme_in_another_form_is_read_by_its_stem(label, answer, codes):
    description = GERMAN if label == "Hauptthemen" else DESCRIPTION
    parsed = import_document(document(label, answer, description), "x.txt")
    assert parsed.key_themes == codes
    assert leftovers(parsed) == []


FALSE_FRIENDS = [
    # words that stem like a term (Snowball) but name something else
    ("Target audience", "Educational psychologists", ["health-practitioners"]),
    (
        "Target audience",
        "Young people exposed to extremist propaganda on social media, and their parents.",
        ["youth-pupils-students", "families"],
    ),
    ("Target audience", "Publications for practitioners", ["first-responders-practitioners"]),
    # a name read in a list only (PROSE_AMBIGUOUS) is not read from sentences in another form either
    (
        "Target audience",
        "Each victim of bullying at school is offered a mentor by the school staff.",
        ["educators-academics"],
    ),
    ("Public cible", "Nous travaillons avec des publics très variés dans les quartiers.", []),
    (
        "Target audience",
        "The general publication of our results is planned for practitioners in 2025.",
        ["first-responders-practitioners"],
    ),
    (
        "Public cible",
        "Les élèves et apprentis de l'enseignement professionnel, en lien avec l'éducation nationale.",
        ["youth-pupils-students"],
    ),
    ("Zielgruppe", "Jugendliche in der Lehre und ihre Ausbilder im Betrieb", ["youth-pupils-students"]),
    ("Doelgroep", "Ouderen in de wijk die zich eenzaam voelen en hun mantelzorgers.", []),
    ("Destinatari", "Il progetto riguarda la politica giovanile del comune e le sue associazioni sportive.", []),
]


@pytest.mark.parametrize(("label", "answer", "codes"), FALSE_FRIENDS)
def test_a_word_that_stems_like_a_term_but_means_something_else_is_not_read(label, answer, codes):
    parsed = import_document(document(label, answer), "x.txt")
    assert parsed.target_audiences == codes


def test_the_warning_quotes_the_words_as_written():
    answer = INFLECTED_AUDIENCES[5][1]
    parsed = import_document(document("Zielgruppe", answer), "x.txt")
    message = " ".join(w.message for w in parsed.warnings if w.code == "read_from_prose")
    assert "“Jugendlichen”" in message and "“Jugendlicher”" in message


COMPOUNDS_AND_GENDERED_FORMS = [
    # a list's term before a word for the work done with or for it, or at a compound's end
    ("Hauptthemen", "Familienarbeit", "key_themes", ["family-support"]),
    ("Hauptthemen", "Ausstiegsberatung, Präventionsarbeit", "key_themes", ["exit-strategies", "early-prevention"]),
    (
        "Zielgruppe",
        "Grundschullehrer und Berufsschüler",
        "target_audiences",
        ["educators-academics", "youth-pupils-students"],
    ),
    ("Doelgroep", "Moslimjongeren en pleegouders", "target_audiences", ["youth-pupils-students", "families"]),
    # Spanish: a singular whose Snowball stem differs from its plural's ("joven" "jov", "jóvenes" "joven")
    (
        "Público objetivo",
        "Cada joven del barrio recibe un acompañamiento individual durante un año.",
        "target_audiences",
        ["youth-pupils-students"],
    ),
    # feminine forms of the list's masculine or common names
    (
        "Zielgruppe",
        "Schülerinnen, Lehrerinnen und Sozialarbeiterinnen",
        "target_audiences",
        ["youth-pupils-students", "educators-academics", "social-workers"],
    ),
    ("Zielgruppe", "Schulsozialarbeiterinnen", "target_audiences", ["social-workers"]),
    (
        "Public cible",
        "Les éducatrices et les travailleuses sociales",
        "target_audiences",
        ["educators-academics", "social-workers"],
    ),
    ("Destinatari", "Educatrici e insegnanti", "target_audiences", ["educators-academics"]),
    (
        "Público objetivo",
        "Trabajadoras sociales y profesoras",
        "target_audiences",
        ["social-workers", "educators-academics"],
    ),
    # gender-inclusive writing
    (
        "Zielgruppe",
        "Lehrer*innen, Schüler:innen und Sozialarbeiter/-innen",
        "target_audiences",
        ["educators-academics", "youth-pupils-students", "social-workers"],
    ),
    (
        "Public cible",
        "enseignant·e·s, éducateur·rice·s et élèves",
        "target_audiences",
        ["educators-academics", "youth-pupils-students"],
    ),
    ("Public cible", "Enseignant(e)s et éducateurs/trices", "target_audiences", ["educators-academics"]),
]


@pytest.mark.parametrize(("label", "answer", "field", "codes"), COMPOUNDS_AND_GENDERED_FORMS)
def test_a_term_in_a_compound_or_a_feminine_or_inclusive_form_is_read(label, answer, field, codes):
    description = GERMAN if label in {"Hauptthemen", "Zielgruppe"} else DESCRIPTION
    parsed = import_document(document(label, answer, description), "x.txt")
    assert getattr(parsed, field) == codes
    assert leftovers(parsed) == []


COMPOUND_AND_FEMININE_FALSE_FRIENDS = [
    # a compound whose head is no term's word, a term's word not at its end: no term
    ("Zielgruppe", "Polizeigewalt und Familiengericht", []),
    ("Zielgruppe", "Gewaltopfer und Jugendamt", []),
    # a word ending like a feminine form that names no agent
    ("Zielgruppe", "Medizin und Termin", []),
    ("Public cible", "Une carrière dans la fonction publique", []),
    # "Lehre" (apprenticeship) stays no teacher at a compound's end too
    ("Zielgruppe", "Berufslehre", []),
]


@pytest.mark.parametrize(("label", "answer", "codes"), COMPOUND_AND_FEMININE_FALSE_FRIENDS)
def test_a_compound_or_a_feminine_like_word_naming_no_term_is_not_read(label, answer, codes):
    description = GERMAN if label == "Zielgruppe" else DESCRIPTION
    parsed = import_document(document(label, answer, description), "x.txt")
    assert parsed.target_audiences == codes


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Type of organisation: one of the two universities of the region", "research-education"),
        ("Type d'organisation : un réseau d'associations de quartier", "ngo"),
        ("Art der Organisation: ein Zusammenschluss mehrerer Vereine", "ngo"),
        ("Type of organisation: associated partner of the ministry", "government-agency"),  # no association
    ],
)
def test_a_type_of_organisation_in_another_form_is_read_by_its_stem(line, code):
    parsed = import_document(document("Organisation", f"Jongerenpunt\n\n{line}"), "x.txt")
    assert (parsed.organisation.name, parsed.organisation.type) == ("Jongerenpunt", code)


def test_a_short_type_of_organisation_is_read_by_its_stem_in_the_practice_s_language():
    data = document("Organisation", "Jongerenpunt\n\nArt der Organisation: Vereine", GERMAN)
    parsed = import_document(data, "x.txt")
    assert (parsed.language, parsed.organisation.type) == ("de", "ngo")
