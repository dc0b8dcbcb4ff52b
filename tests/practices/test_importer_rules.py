"""The importer's rules one at a time: vocabularies, countries, years, warnings."""

import pytest

from practices.importer import Vocabulary, import_document
from practices.importer.countries import country_code
from practices.importer.years import end_year, start_year


def rows(*pairs: tuple[str, str]) -> bytes:
    """A tab-separated template document."""
    return "\n".join(f"{label}\t{answer}" for label, answer in pairs).encode()


BASE = (
    ("Name of the practice", "Street mediation"),
    ("Description (max. 300 words)", "Mediators talk with young people on the street to prevent radicalisation."),
)


# --- vocabulary ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Stratégies locales/villes Soutien de la famille", ["local-strategies-cities", "family-support"]),
        ("STRATEGIES LOCALES/VILLES soutien de la FAMILLE", ["local-strategies-cities", "family-support"]),
        ("Family support and Exit strategies", ["family-support", "exit-strategies"]),
        ("Exit strategies; Family support; Exit strategies", ["exit-strategies", "family-support"]),
        ("Extrémisme violent de droite Prévention (précoce)", ["violent-right-wing-extremism", "early-prevention"]),
    ],
)
def test_key_themes_are_found_without_separators_in_order(text, codes):
    match = Vocabulary.from_lists().key_themes(text)
    assert match.codes == codes
    assert match.unmatched == []


def test_audiences_prefer_the_longest_label():
    text = "Familles Premiers intervenants ou praticiens Extrémistes violents"
    match = Vocabulary.from_lists().target_audiences(text)
    assert match.codes == ["families", "first-responders-practitioners", "violent-extremists"]


def test_unknown_theme_words_become_a_warning_that_keeps_them():
    data = rows(*BASE, ("Key themes", "Family support, Basket weaving"), ("Target audience", "Families Space pirates"))
    parsed = import_document(data, "x.txt")
    assert parsed.key_themes == ["family-support"]
    assert parsed.target_audiences == ["families"]
    theme = next(w for w in parsed.warnings if w.code == "unknown_theme")
    audience = next(w for w in parsed.warnings if w.code == "unknown_audience")
    assert (theme.field, audience.field) == ("key_themes", "target_audiences")
    assert "Basket weaving" in theme.message
    assert "Space pirates" in audience.message


@pytest.mark.django_db
def test_vocabulary_from_database_knows_terms_moderators_added():
    from practices.models import KeyTheme

    KeyTheme.objects.create(code="sport-play", label_en="Sport and play", label_fr="Sport et jeu")
    vocabulary = Vocabulary.from_database()
    assert vocabulary.key_themes("Sport et jeu Soutien de la famille").codes == ["sport-play", "family-support"]
    assert vocabulary.organisation_type("Autre") == "other"
    parsed = import_document(rows(*BASE, ("Key themes", "Sport and play")), "x.txt", vocabulary=vocabulary)
    assert parsed.key_themes == ["sport-play"]
    assert import_document(rows(*BASE, ("Key themes", "Sport and play")), "x.txt").key_themes == []


@pytest.mark.parametrize(
    ("text", "code"),
    [("Autre", "other"), ("NGO", "ngo"), ("ONG", "ngo"), ("Municipality", "municipality"), ("Police", "police")],
)
def test_organisation_types(text, code):
    assert Vocabulary.from_lists().organisation_type(text) == code


def test_unknown_organisation_type_keeps_its_line_and_warns():
    data = rows(*BASE, ("Organisation", "<p>Streetwise</p> <p>A cooperative.</p> <p>Type of organisation: Guild</p>"))
    parsed = import_document(data, "x.txt")
    assert parsed.organisation.name == "Streetwise"
    assert parsed.organisation.type is None
    assert "Type of organisation: Guild" in parsed.organisation.description
    assert "unknown_organisation_type" in parsed.warning_codes("organisation")


# --- countries ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Norvège", "NO"),
        ("Norway", "NO"),
        ("Norge", "NO"),
        ("Deutschland", "DE"),
        ("Allemagne", "DE"),
        ("Germany", "DE"),
        ("Sverige", "SE"),
        ("Suède", "SE"),
        ("Nederland", "NL"),
        ("The Netherlands", "NL"),
        ("Belgique (Bruxelles)", "BE"),
        ("NORVEGE", "NO"),
        ("Polska", "PL"),
        ("Ελλάδα", "GR"),
    ],
)
def test_country_names_in_english_french_and_own_language(name, code):
    assert country_code(name) == code


def test_unknown_country_warns_and_stays_empty():
    parsed = import_document(rows(*BASE, ("Country of origin", "Atlantis")), "x.txt")
    assert parsed.country is None
    assert "unknown_country" in parsed.warning_codes("country")


def test_country_falls_back_to_the_geographical_scope():
    parsed = import_document(rows(*BASE, ("Geographical scope", "Three cities in Denmark")), "x.txt")
    assert parsed.country == "DK"


@pytest.mark.parametrize("answer", ["Not specified", "N/A", "Non précisé", "sans objet", "none"])
def test_a_country_answer_stating_none_is_no_country_and_no_guess_from_the_scope(answer):
    parsed = import_document(
        rows(*BASE, ("Country of origin", answer), ("Geographical scope", "Three cities in Denmark")), "x.txt"
    )
    assert (parsed.country, parsed.warning_codes("country")) == (None, [])


# --- years --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Started in 2012. The practice ended in 2019.", 2012, 2019),
        ("Ran from 2014 until 2018 in two schools.", 2014, 2018),
        ("Mise en œuvre de 2013 jusqu'en 2017.", 2013, 2017),
        ("Lancée en 2010, la pratique a pris fin en 2016.", 2010, 2016),
        ("Le projet s'est terminé en 2020 ; il avait débuté en 2015.", 2015, 2020),
        ("Pilot phase 2015-2019.", 2015, 2019),
        ("La pratique se poursuit depuis 2011.", 2011, None),
        ("Since 2016, and running until now.", 2016, None),
        ("Planned in 1890, started in 2031 and 2009.", 2009, None),
        ("No year here.", None, None),
    ],
)
def test_start_and_end_years(text, start, end):
    assert start_year(text) == start
    assert end_year(text) == end


def test_last_update_without_a_year_warns():
    parsed = import_document(rows(*BASE, ("Last update (year)", "recently")), "x.txt")
    assert parsed.last_update_year is None
    assert "unrecognised_value" in parsed.warning_codes("last_update")


# --- warnings -----------------------------------------------------------------


def test_text_over_the_word_limit_is_kept_whole_and_flagged():
    long_text = " ".join(f"word{n}" for n in range(250))
    parsed = import_document(rows(*BASE, ("Sustainability and transferability (max. 200 words)", long_text)), "x.txt")
    assert parsed.fields["sustainability_transferability"] == long_text
    warning = next(w for w in parsed.warnings if w.code == "over_word_limit")
    assert warning.field == "sustainability_transferability"
    assert warning.message == "250 words; the template allows 200."


def test_missing_title_and_description_are_flagged():
    parsed = import_document(rows(("Country of origin", "Belgium"), ("Peer reviewed", "no")), "x.txt")
    assert parsed.country == "BE"
    assert parsed.peer_reviewed is False
    missing = sorted(w.field for w in parsed.warnings if w.code == "missing_field")
    assert missing == ["description", "title"]


def test_unknown_label_keeps_its_text_in_the_field_before():
    parsed = import_document(rows(*BASE, ("Budget line", "EUR 12,000 a year")), "x.txt")
    assert "Budget line" in parsed.fields["description"]
    assert "EUR 12,000 a year" in parsed.fields["description"]
    assert "unknown_label" in parsed.warning_codes("description")


def test_peer_reviewed_that_is_not_yes_or_no_warns():
    parsed = import_document(rows(*BASE, ("Peer reviewed", "perhaps later")), "x.txt")
    assert parsed.peer_reviewed is None
    assert "unrecognised_value" in parsed.warning_codes("peer_reviewed")


def test_running_text_with_label_lines_maps_fields():
    text = "Name of the practice: Quiet rooms\nCountry: Sweden\nDescription\nRooms where pupils can talk.\n"
    parsed = import_document(text.encode(), "notes.txt")
    assert parsed.title == "Quiet rooms"
    assert parsed.country == "SE"
    assert parsed.fields["description"] == "Rooms where pupils can talk."
    assert parsed.warnings == []


def test_a_prose_line_that_merely_starts_with_a_label_word_is_not_a_label():
    text = "Description of our evening with parents.\n\nWe talked about online hate."
    parsed = import_document(text.encode(), "notes.md")
    assert parsed.warning_codes() == ["unmapped_document"]
    assert parsed.title == "Description of our evening with parents."


def test_an_answer_saying_more_than_yes_or_no_is_quoted_whole_in_a_warning():
    answer = "No, but an internal review took place in 2018"
    parsed = import_document(rows(*BASE, ("Peer reviewed", answer)), "x.txt")
    assert parsed.peer_reviewed is False
    warning = next(w for w in parsed.warnings if w.field == "peer_reviewed")
    assert warning.code == "unplaced_text"
    assert answer in warning.message


def test_a_country_with_a_city_keeps_the_city_in_a_warning():
    parsed = import_document(rows(*BASE, ("Country of origin", "Norway (Sarpsborg)")), "x.txt")
    assert parsed.country == "NO"
    assert "Sarpsborg" in next(w.message for w in parsed.warnings if w.field == "country")
    plain = import_document(rows(*BASE, ("Country of origin", "The Netherlands")), "x.txt")
    assert plain.country == "NL" and plain.warnings == []


def test_an_unknown_row_after_a_yes_no_field_goes_to_the_description():
    parsed = import_document(rows(*BASE, ("Peer reviewed", "Yes"), ("Budget", "EUR 5,000")), "x.txt")
    assert parsed.peer_reviewed is True
    assert parsed.fields["description"].endswith("Budget\n\nEUR 5,000")
    assert [(w.field, w.code) for w in parsed.warnings] == [("description", "unknown_label")]


@pytest.mark.parametrize(
    "cell, name, code",
    [
        (
            "Ville de Laval, service jeunesse — Type d'organisation : municipalité — Site web : www.laval.fr",
            "Ville de Laval, service jeunesse",
            "municipality",
        ),
        (
            "FPS Home Affairs. Type of organisation: Government agency. Website: www.example.org",
            "FPS Home Affairs",
            "government-agency",
        ),
        ("<p>Fryshuset</p> <p>Organisation type: NGO</p> <p>Country: Sweden</p>", "Fryshuset", "ngo"),
        (
            "Kriminalforsorgen – Type of organisation: Prison or probation service",
            "Kriminalforsorgen",
            "prison-probation",
        ),
    ],
)
def test_sub_fields_inside_the_organisation_cell_are_read_and_their_words_kept(cell, name, code):
    parsed = import_document(rows(*BASE[:2], ("Organisation", cell)), "practice.txt")
    assert (parsed.organisation.name, parsed.organisation.type) == (name, code)
    assert "Type" not in parsed.organisation.description
    for word in ("laval.fr", "example.org", "Sweden"):
        if word in cell:
            assert word in parsed.organisation.description


def test_country_and_start_year_written_in_the_organisation_cell_fill_empty_fields():
    cell = "Stadt Beispiel\n\nCountry: Germany\n\nYear of creation: 2014"
    parsed = import_document(rows(*BASE[:2], ("Organisation", cell)), "practice.txt")
    assert parsed.country == "DE" and parsed.start_year == 2014


@pytest.mark.parametrize(
    "title_cell",
    [
        "Please note that by practice we mean an activity/method/tool that is being or has been used by "
        "practitioners and/or community members. Open Doors",
        "Open Doors\n\nPlease note that by practice we mean an activity/method/tool that is being or has been used "
        "by practitioners and/or community members.",
    ],
)
def test_english_guidance_of_the_name_is_dropped_before_or_after_the_answer(title_cell):
    parsed = import_document(rows(("Name of the practice", title_cell), *BASE[1:2]), "practice.txt")
    assert parsed.title == "Open Doors"


# --- earlier editions of the template -------------------------------------------


def test_the_labels_of_the_collection_s_earlier_editions_are_read_in_label_cells():
    parsed = import_document(
        rows(
            *BASE,
            ("Approach", "Exit strategies; Family support"),
            ("Relation to other EC initiatives", "Funded by the Internal Security Fund."),
        ),
        "practice.txt",
    )
    assert parsed.key_themes == ["exit-strategies", "family-support"]
    assert parsed.fields["eu_links_funding"] == "Funded by the Internal Security Fund."
    assert parsed.warnings == []


def test_approach_opening_a_line_of_running_text_stays_in_its_field():
    document = "\n".join(
        [
            "Name of the practice",
            "Family circles",
            "Description",
            "Families meet every week to prevent violent extremism.",
            "Approach: we meet the families weekly at the youth centre.",
            "Relation to other EC initiatives",
            "None.",
        ]
    )
    parsed = import_document(document.encode(), "practice.txt")
    assert parsed.fields["description"].endswith("Approach: we meet the families weekly at the youth centre.")
    assert parsed.key_themes == []
    assert parsed.fields["eu_links_funding"] == "None."


# --- the organisation's name ------------------------------------------------------


@pytest.mark.parametrize(
    ("first_line", "name"),
    [
        (
            "Violence Prevention Network is a non-governmental organisation working since 2004.",
            "Violence Prevention Network",
        ),
        ("Violence Prevention Network (VPN) is an NGO.", "Violence Prevention Network (VPN)"),
        ("L'association Artemis est une association loi 1901 fondée en 2015.", "L'association Artemis"),
        ("Violence Prevention Network e.V. ist ein gemeinnütziger Verein.", "Violence Prevention Network e.V."),
        ("Stichting Exit is een organisatie in Utrecht.", "Stichting Exit"),
        ("Fryshuset är en ideell organisation i Stockholm.", "Fryshuset"),
        ("Kriminalomsorgen er en statlig etat.", "Kriminalomsorgen"),
        ("Nuorisoasiainkeskus on Helsingin kaupungin virasto.", "Nuorisoasiainkeskus"),
        ("Comune di Milano è un ente locale.", "Comune di Milano"),
        ("Ayuntamiento de Madrid es una administración local que coordina la prevención.", "Ayuntamiento de Madrid"),
    ],
)
def test_a_first_line_introducing_the_organisation_gives_its_name_and_stays_in_its_description(first_line, name):
    parsed = import_document(
        rows(*BASE, ("Organisation", f"<p>{first_line}</p> <p>Founded by parents.</p>")), "practice.txt"
    )
    assert parsed.organisation.name == name
    assert parsed.organisation.description.startswith(first_line)
    assert "Founded by parents." in parsed.organisation.description
    assert "missing_field" not in parsed.warning_codes("organisation")


@pytest.mark.parametrize(
    ("first_line", "name"),
    [
        ("Streetwise", "Streetwise"),  # a name alone, as before
        ("Ville de Laval, service jeunesse", "Ville de Laval, service jeunesse"),
        ("It is a small NGO.", "It is a small NGO."),  # no name in it: the short first line, as before
        ("We help. Our team is a small one of five people working with families every day.", ""),
    ],
)
def test_a_first_line_that_introduces_no_name_is_read_as_before(first_line, name):
    parsed = import_document(rows(*BASE, ("Organisation", f"<p>{first_line}</p> <p>More.</p>")), "practice.txt")
    assert parsed.organisation.name == name


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Young people (12-25)", ["youth-pupils-students"]),
        ("Teachers and social workers", ["educators-academics", "social-workers"]),
        ("Parents, young people, police", ["families", "youth-pupils-students", "law-enforcement"]),
        ("Jeunes, enseignants et parents", ["youth-pupils-students", "educators-academics", "families"]),
        ("Prison staff and inmates", ["prison-probation"]),
        ("Imams and local authorities", ["religious-communities", "authorities"]),
        ("Psychologues et professionnels de santé", ["health-practitioners"]),
        ("Law enforcement officers", ["law-enforcement"]),  # the list's own label, longest first
        ("First-line practitioners", ["first-responders-practitioners"]),
    ],
)
def test_audiences_written_in_everyday_names_are_found(text, codes):
    match = Vocabulary.from_lists().target_audiences(text)
    assert (match.codes, match.unmatched) == (codes, [])


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Multi-agency approach; Exit strategies", ["multi-agency-cooperation", "exit-strategies"]),
        (
            "Deradicalisation and right-wing extremism",
            ["deradicalisation-disengagement", "violent-right-wing-extremism"],
        ),
        ("Islamism, online", ["islamist-extremism", "online-dimension"]),
        ("Educating young people; Delivering alternative narratives", ["education", "alternative-counter-narratives"]),
        ("Djihadisme et théories du complot", ["islamist-extremism", "conspiracy-narratives"]),
        ("Returnees and families", ["ftf-families", "family-support"]),
        ("Violent right-wing extremism", ["violent-right-wing-extremism"]),  # the list's own label, longest first
    ],
)
def test_key_themes_written_in_everyday_names_or_as_earlier_approaches_are_found(text, codes):
    match = Vocabulary.from_lists().key_themes(text)
    assert (match.codes, match.unmatched) == (codes, [])


# --- the language of the write-up ---------------------------------------------------

GERMAN = (
    "Die Beratungsstelle unterstützt Eltern und Geschwister, die sich Sorgen machen, dass sich ein junger "
    "Mensch in ihrer Familie dem gewaltbereiten Extremismus zuwendet, und hilft ihnen, im Gespräch zu bleiben."
)
DUTCH = (
    "Wijkagenten en jongerenwerkers werken samen met scholen om radicalisering bij jongeren vroeg te "
    "herkennen en gewelddadig extremisme te voorkomen, in nauw overleg met de ouders."
)
ENGLISH = "Mediators talk with young people in the street every week to prevent radicalisation and violent extremism."


@pytest.mark.parametrize(
    ("label", "text", "language"),
    [
        ("Description (max. 300 words)", GERMAN, "de"),  # the English template, filled in German
        ("Description (max. 300 words)", DUTCH, "nl"),
        ("Description (maximum 300 mots)", ENGLISH, "en"),  # the French template, filled in English
        ("Description (maximum 300 mots)", "Oui.", "fr"),  # too short to tell: the template's language
    ],
)
def test_the_language_is_the_one_the_answers_are_written_in(label, text, language):
    title = ("Nom de la pratique", "Médiation") if label.endswith("mots)") else ("Name of the practice", "Mediation")
    parsed = import_document(rows(title, (label, text)), "practice.txt")
    assert parsed.language == language


# --- a template whose labels were translated ------------------------------------------------

TRANSLATED = "\n\n".join(
    [
        "Name der Praxis: Ausstiegsberatung Hessen",
        "Beschreibung\nDie Ausstiegsberatung begleitet Menschen, die die rechtsextreme Szene verlassen wollen, "
        "und hilft bei Wohnung, Arbeit und Familie. Ziel ist, gewalttätigen Extremismus zu verhindern.\n"
        "Zielgruppe der Arbeit sind auch die Eltern.",
        "Peer-Review: Nein",
        "Hauptthemen\nExit strategies; Violent right-wing extremism",
        "Zielgruppe\nViolent extremists; Families",
        "Geografischer Geltungsbereich\nHessen, Deutschland",
        "Beginn der Praxis\n2012",
        "Ergebnisse und Produkte\nEin Handbuch für Beraterinnen (2019).",
        "Nachweise und Evaluation\nEvaluiert von der Universität Marburg im Jahr 2020.",
        "Nachhaltigkeit und Übertragbarkeit\nFinanziert vom Land Hessen.",
        "Vorgestellt und diskutiert in einem RAN-Treffen\nRAN EXIT, Berlin, 2018",
        "Verbindung zu anderen EU-Initiativen oder EU-Förderung\nKeine.",
        "Organisation\nViolence Prevention Network e.V. ist ein gemeinnütziger Verein.",
        "Herkunftsland\nDeutschland",
        "Kontaktdaten\nBeratungsstelle, info@example.org",
        "Letzte Aktualisierung\n2023",
    ]
)


def test_a_template_filled_in_with_translated_labels_maps_to_its_fields():
    parsed = import_document(TRANSLATED.encode(), "praxis.txt")
    assert parsed.warnings == []
    assert (parsed.title, parsed.language, parsed.peer_reviewed) == ("Ausstiegsberatung Hessen", "de", False)
    assert parsed.key_themes == ["exit-strategies", "violent-right-wing-extremism"]
    assert parsed.target_audiences == ["violent-extremists", "families"]
    assert (parsed.country, parsed.start_year, parsed.last_update_year) == ("DE", 2012, 2023)
    assert parsed.fields["description"].endswith(
        "Zielgruppe der Arbeit sind auch die Eltern."
    )  # a sentence, not a label
    assert parsed.fields["eu_links_funding"] == "Keine."
    assert parsed.fields["ran_meetings"] == "RAN EXIT, Berlin, 2018"
    assert parsed.organisation.name == "Violence Prevention Network e.V."
    assert parsed.contact == "Beratungsstelle, info@example.org"


@pytest.mark.parametrize(
    "language", ["de", "nl", "sv", "da", "no", "es", "it", "fi", "pl", "pt", "cs", "el", "sl", "hu", "et"]
)
def test_every_translated_label_of_a_language_names_its_field_in_a_label_cell(language):
    from practices.importer.instructions import TRANSLATED_LABELS

    labelled = {code: labels[language][0] for code, labels in TRANSLATED_LABELS.items() if language in labels}
    document = rows(*((label, f"Answer for {code}") for code, label in labelled.items()))
    parsed = import_document(document, "practice.txt")
    assert "unknown_label" not in {warning.code for warning in parsed.warnings}
    if "organisation" in labelled:  # a short first line: the organisation's name
        assert parsed.organisation.name == "Answer for organisation"
    for code in set(labelled) & set(parsed.fields) - {"organisation"}:
        assert parsed.fields[code].startswith(f"Answer for {code}"), code


@pytest.mark.parametrize(
    ("kind", "text", "codes"),
    [
        (
            "key_themes",
            "Ausstiegsstrategien; Gewaltbereiter Rechtsextremismus",
            ["exit-strategies", "violent-right-wing-extremism"],
        ),
        ("key_themes", "Deradicalisering en jongerenwerk", ["deradicalisation-disengagement", "youth-engagement"]),
        ("key_themes", "Familjestöd, Högerextremism", ["family-support", "violent-right-wing-extremism"]),
        (
            "key_themes",
            "Prevención temprana; Cooperación interinstitucional",
            ["early-prevention", "multi-agency-cooperation"],
        ),
        ("key_themes", "Prevenzione; Carcere", ["early-prevention", "prison-probation"]),
        (
            "target_audiences",
            "Familien, Jugendliche und Lehrkräfte",
            ["families", "youth-pupils-students", "educators-academics"],
        ),
        ("target_audiences", "Ouders en jongeren", ["families", "youth-pupils-students"]),
        ("target_audiences", "Föräldrar, lärare, polisen", ["families", "educators-academics", "law-enforcement"]),
        ("target_audiences", "Forældre og unge", ["families", "youth-pupils-students"]),
        (
            "target_audiences",
            "Jóvenes, familias y docentes",
            ["youth-pupils-students", "families", "educators-academics"],
        ),
    ],
)
def test_closed_list_answers_in_the_other_practice_languages_are_found(kind, text, codes):
    match = getattr(Vocabulary.from_lists(), kind)(text)
    assert (match.codes, match.unmatched) == (codes, [])


@pytest.mark.parametrize("kind", ["key_themes", "target_audiences", "organisation_types"])
def test_no_phrase_of_a_closed_list_names_two_of_its_terms(kind):
    from practices import taxonomy
    from practices.importer import vocabulary
    from practices.importer.text import ENDINGS, WORD_RE, fold
    from practices.importer.translations import KEY_THEME_TRANSLATIONS, TARGET_AUDIENCE_TRANSLATIONS
    from search.analysis import stem

    if kind == "key_themes":
        entries, aliases = taxonomy.KEY_THEMES, (vocabulary.KEY_THEME_ALIASES, KEY_THEME_TRANSLATIONS)
    elif kind == "organisation_types":
        entries = taxonomy.ORGANISATION_TYPES
        aliases = (vocabulary.ORGANISATION_TYPE_ALIASES, vocabulary.ORGANISATION_TYPE_TRANSLATIONS)
    else:
        entries, aliases = taxonomy.TARGET_AUDIENCES, (vocabulary.TARGET_AUDIENCE_ALIASES, TARGET_AUDIENCE_TRANSLATIONS)
    phrases = [(label, code) for code, label_en, label_fr in entries for label in (label_en, label_fr)]
    phrases += [(phrase, code) for code, listed in vocabulary._joined(*aliases).items() for phrase in listed]
    named: dict[str, set[str]] = {}
    for phrase, code in phrases:
        named.setdefault(fold(phrase), set()).add(code)
    assert {phrase: codes for phrase, codes in named.items() if len(codes) > 1} == {}
    # nor do a phrase's stems, in any language an answer is read by stems in ("Eltern" and "Lehrer" in
    # German, "familles" in French...: text.ENDINGS)
    for language in ENDINGS:
        stemmed: dict[tuple[str, ...], set[str]] = {}
        for phrase, code in phrases:
            stemmed.setdefault(tuple(stem(word, language) for word in WORD_RE.findall(phrase)), set()).add(code)
        assert {stems: codes for stems, codes in stemmed.items() if len(codes) > 1} == {}, language


@pytest.mark.parametrize(
    ("cell", "name", "code", "kept"),
    [
        (
            "Violence Prevention Network — Art der Organisation: gemeinnütziger Verein — Webseite: www.example.org",
            "Violence Prevention Network",
            "ngo",
            "Webseite: www.example.org",
        ),
        ("<p>Stichting Exit</p> <p>Type organisatie: Stichting</p>", "Stichting Exit", "ngo", ""),
        (
            "Kriminalvården Region Syd. Typ av organisation: Kriminalvården. Hemsida: www.example.se",
            "Kriminalvården Region Syd",
            "prison-probation",
            "Hemsida: www.example.se",
        ),
        ("Comune di Milano — Tipo di organizzazione: Comune", "Comune di Milano", "municipality", ""),
        ("Ayuntamiento de Getafe — Tipo de organización: Ayuntamiento", "Ayuntamiento de Getafe", "municipality", ""),
    ],
)
def test_a_translated_template_s_sub_fields_in_the_organisation_cell_are_read(cell, name, code, kept):
    parsed = import_document(rows(*BASE, ("Organisation", cell)), "practice.txt")
    assert (parsed.organisation.name, parsed.organisation.type) == (name, code)
    assert parsed.organisation.description == kept
    assert "unknown_organisation_type" not in parsed.warning_codes("organisation")


def test_a_translated_template_s_country_and_founding_year_in_the_organisation_cell_fill_empty_fields():
    cell = "<p>Stichting Exit</p> <p>Land van herkomst: Nederland</p> <p>Opgericht in: 2011</p>"
    parsed = import_document(rows(*BASE, ("Organisation", cell)), "practice.txt")
    assert (parsed.country, parsed.start_year) == ("NL", 2011)
