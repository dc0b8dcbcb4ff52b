"""A thirteenth batch of unseen snippets (round 13), written before any change for them.

``THIRTEENTH_CASES`` (docs/ANONYMISATION.md, "Known gaps", thirteenth batch): weighted to what
batches 1-12 had least (Estonian 5 snippets, Slovak 5, Norwegian 19, Lithuanian 8, Croatian 10,
Greek 17, Danish 29; national identity numbers of countries not read before; court references; a
name with particles and a double-barrelled surname; transliterated Arabic, Chechen and Turkish
names; a name in quoted speech): case notes written fast in Norwegian, Danish, Swedish, Finnish and
Dutch; a German compound job title with a place; a person known by a rare combination (initials,
age, town, a journey); a vehicle plate, handles, an IBAN, Estonian, Lithuanian, Slovak, Danish and
Swedish identity numbers, a Croatian address without its street word; and seven snippets of
ordinary text (a street and "Saint-Denis" in a public programme, authors cited by their work,
places that are given names, job titles alone, months and weekdays, organisations holding a
person's name). Marks as in ``test_anonymisation_sweep``.
"""

import time

import pytest

from practices.anonymisation import check_fields, warm_up
from tests.practices.test_anonymisation_sweep import _ids, _missed_and_wrong


@pytest.fixture(scope="module", autouse=True)
def models():
    warm_up()


# (class, practice language, field, marked text)
THIRTEENTH_CASES: list[tuple[str, str, str, str]] = [
    (
        "fast_note",
        "nb",
        "description",
        "Samtale m/ mor i dag. [[PERSON:Sindre]] (15) bor nå hos faren på [[LOCATION:Lillestrøm]], skolen"
        " melder mye fravær. Mor redd for at han sitter på Discord med [[PERSON:@nordisk_ulv88]] hele natta.",
    ),
    (
        "fast_note",
        "da",
        "description",
        "Tlf. m. socialrådgiver: drengen (16) bor hos morfar i [[LOCATION:Vejle]], morfar hedder"
        " [[PERSON:Bent Kjær]]. CPR [[NATIONAL_ID:030507-4101]].",
    ),
    (
        "fast_note",
        "sv",
        "description",
        "Ringde soc idag ang. [[PERSON:Elias]], 14 år, bor m mamma i [[LOCATION:Rosengård]]. Pers.nr"
        " [[NATIONAL_ID:090214-3007]]. Mamman säger att han hänger m killar från NMR.",
    ),
    (
        "fast_note",
        "fi",
        "description",
        "Puhelu äidin kanssa: [[PERSON:Eetu]] (16) asuu nyt isänsä luona [[LOCATION:Kouvolassa]], koulu"
        " ilmoittanut poissaoloista.",
    ),
    (
        "fast_note",
        "nl",
        "description",
        "Gebeld m. moeder: [[PERSON:Daan]] (15) slaapt sinds vrijdag bij zijn oom in [[LOCATION:Zaandam]],"
        " ma wil geen politie erbij.",
    ),
    (
        "job_title_place",
        "de",
        "description",
        "Der Jugendsozialarbeiter aus [[LOCATION:Kleinhausen]] und die Schulsozialarbeiterin des Gymnasiums"
        " meldeten, dass [[PERSON:Leon Brandt]] seit den Sommerferien nicht mehr zum Training kommt.",
    ),
    (
        "rare_combination",
        "en",
        "description",
        "A.K., the 17-year-old from [[LOCATION:Nordby]] who travelled to Syria in 2014, came back in 2019"
        " and now talks to other young men about it.",
    ),
    (
        "quoted_speech",
        "de",
        "description",
        "Die Mutter sagte: „[[PERSON:Emre]] redet seit Wochen nicht mehr mit mir, nur noch mit"
        " [[PERSON:Abu Talha]] aus der Moschee.“",
    ),
    (
        "particles_double",
        "nl",
        "description",
        "De moeder, [[PERSON:Sanne van der Heijden-Bakker]], belde de wijkagent nadat haar zoon drie nachten"
        " niet thuis was geweest.",
    ),
    (
        "transliterated_arabic",
        "en",
        "description",
        "His cousin [[PERSON:Abdullah bin Khalid al-Harbi]] sent him the videos from Riyadh.",
    ),
    (
        "transliterated_chechen",
        "fr",
        "description",
        "Le père, [[PERSON:Zaurbek Tsakaev]], réfugié tchétchène, vit à [[LOCATION:Troyes]] avec ses fils"
        " [[PERSON:Khamzat]] et [[PERSON:Movsar]].",
    ),
    (
        "turkish_plate",
        "de",
        "description",
        "Sein Onkel [[PERSON:Hüseyin Çelik]] fährt ihn in einem schwarzen BMW mit dem Kennzeichen"
        " [[VEHICLE_PLATE:DU-HC 1907]] zu den Treffen.",
    ),
    (
        "court_reference",
        "en",
        "description",
        "At Leeds Crown Court (case [[CASE_NUMBER:T20217034]]) [[PERSON:Connor Walsh-Price]], 18, pleaded"
        " guilty to possessing a terrorist document.",
    ),
    (
        "iban",
        "nb",
        "description",
        "Mor ba om at bidraget settes inn på kontoen hennes, [[IBAN_CODE:NO93 8601 1117 947]], ikke farens.",
    ),
    (
        "estonian_id",
        "et",
        "description",
        "Noormees [[PERSON:Rasmus Tamm]] (isikukood [[NATIONAL_ID:50403152717]]) elab ema juures [[LOCATION:Narvas]].",
    ),
    (
        "lithuanian_id",
        "lt",
        "description",
        "Mergaitės asmens kodas [[NATIONAL_ID:60805223181]]; ji gyvena su tėvu [[LOCATION:Klaipėdoje]].",
    ),
    (
        "slovak_id",
        "sk",
        "description",
        "[[PERSON:Martin Baláž]], r. č. [[NATIONAL_ID:071104/3509]], býva u tety v [[LOCATION:Žiline]].",
    ),
    (
        "address_no_street_word",
        "hr",
        "description",
        "Majka i sin žive na [[LOCATION:Vukovarskoj 112]] u [[LOCATION:Zagrebu]] od prošle godine.",
    ),
    (
        "greek_handle",
        "el",
        "description",
        "Η μητέρα του [[PERSON:Κώστα Παπαδάκη]] μας έδειξε το προφίλ του στο Instagram, [[PERSON:@kostas_meandros88]].",
    ),
    (
        "negative",
        "fr",
        "description",
        "Les ateliers ont lieu le mercredi à la maison de quartier Romain-Rolland, avenue"
        " Paul-Vaillant-Couturier, à Saint-Denis, avec le soutien de la Fondation de France.",
    ),
    (
        "negative",
        "nl",
        "description",
        "Het model bouwt voort op het werk van Bertjan Doosje en wordt gebruikt in Emmen, Hengelo en Almelo.",
    ),
    (
        "negative",
        "da",
        "description",
        "Forløbet kører hver tirsdag i Esbjerg og Kolding med støtte fra Egmont Fonden og Det Kriminalpræventive Råd.",
    ),
    (
        "negative",
        "de",
        "description",
        "Die Bewährungshelferin und die Schulpsychologin trafen sich am Montag im Rathaus Neukölln in der"
        " Karl-Marx-Straße.",
    ),
    (
        "negative",
        "sv",
        "description",
        "Programmet drivs av Segerstedtinstitutet tillsammans med Raoul Wallenberg Academy och Fryshuset i Stockholm.",
    ),
    (
        "negative",
        "en",
        "description",
        "On Mondays in March the youth exchange visited Lourdes, Florence and Chester.",
    ),
]


# What the first run missed and this round could not close (docs/ANONYMISATION.md, "Known gaps"):
# left as strict xfails, by the snippets' indexes in THIRTEENTH_CASES.
THIRTEENTH_GAPS: dict[int, str] = {}
THIRTEENTH_PASSING = [case for index, case in enumerate(THIRTEENTH_CASES) if index not in THIRTEENTH_GAPS]
THIRTEENTH_FAILING = [case for index, case in enumerate(THIRTEENTH_CASES) if index in THIRTEENTH_GAPS]


@pytest.mark.parametrize(("kind", "language", "field", "marked"), THIRTEENTH_PASSING, ids=_ids(THIRTEENTH_PASSING))
def test_personal_data_in_a_thirteenth_unseen_batch_is_found_whole_and_nothing_else(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.xfail(strict=True, reason="known gap of the thirteenth batch, see THIRTEENTH_GAPS and the docs")
@pytest.mark.parametrize(("kind", "language", "field", "marked"), THIRTEENTH_FAILING, ids=_ids(THIRTEENTH_FAILING))
def test_the_thirteenth_batchs_known_gaps_still_fail(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


# Written with the fixes, around each class they fixed: the same class in other languages and
# shapes, and the ordinary text each new rule must leave alone.
NEIGHBOURS_13: list[tuple[str, str, str, str]] = [
    # --- staying or living at someone's, with words before whom -----------------------------------
    ("residence", "nb", "description", "Gutten bor fortsatt hos bestemor på [[LOCATION:Hamar]] etter bruddet."),
    ("residence", "da", "description", "Pigen bor lige nu hos sin moster i [[LOCATION:Herning]]."),
    ("residence", "sv", "description", "Han sov i helgen hos en kompis i [[LOCATION:Borlänge]] och kom inte hem."),
    ("residence", "en", "description", "[[PERSON:Tyler]] is staying with his nan in [[LOCATION:Barnsley]] for now."),
    ("residence", "fr", "description", "Depuis mars, elle loge chez sa tante à [[LOCATION:Creil]]."),
    ("residence", "fi", "description", "Poika asuu tällä hetkellä mummonsa luona [[LOCATION:Lahdessa]]."),
    ("residence", "et", "description", "Poiss elab praegu vanaema juures [[LOCATION:Tartus]]."),
    (
        "negative",
        "en",
        "description",
        "The lives of people with disabilities in Leeds are the subject of the second module.",
    ),
    ("negative", "nl", "description", "De training blijft sinds maart bij de gemeente in Utrecht."),
    # --- a street without its word, after living somewhere ----------------------------------------
    ("address", "sk", "description", "Rodina býva na [[LOCATION:Hlavnej 14]] v [[LOCATION:Trnave]]."),
    (
        "address",
        "pl",
        "description",
        "Matka mieszka na [[LOCATION:Długiej 5]] w [[LOCATION:Gdańsku]] z dwojgiem dzieci.",
    ),
    ("address", "nl", "description", "Het gezin woont op [[LOCATION:Dorpsweg 12]] in [[LOCATION:Staphorst]]."),
    ("negative", "en", "description", "The group stays at Hotel Astoria 2 nights a month during the camp."),
    ("negative", "hr", "description", "Radionice žive na Facebooku 3 godine nakon projekta."),
    # --- identity numbers of the Baltic states, Slovenia and Austria ------------------------------
    ("national_id", "et", "description", "Tüdruku isikukood on [[NATIONAL_ID:60712090005]]."),
    ("national_id", "lt", "description", "Berniuko a. k. [[NATIONAL_ID:50603300001]], gyvena su mama."),
    ("national_id", "lv", "description", "Zēna personas kods [[NATIONAL_ID:140308-10002]]; viņš dzīvo pie tēva."),
    ("national_id", "sl", "description", "Deklica, EMŠO [[NATIONAL_ID:1503008500008]], živi pri babici."),
    (
        "national_id",
        "de",
        "description",
        "Die Sozialversicherungsnummer des Jugendlichen ist [[NATIONAL_ID:1006 120307]].",
    ),
    ("negative", "et", "description", "Projekti registrikood on 80012345 ja toetusleping nr 60712090005."),
    # --- organisations' academies -----------------------------------------------------------------
    ("negative", "de", "description", "Die Fortbildung bietet die Akademie Franz Hitze Haus in Münster an."),
    ("negative", "en", "description", "Trainers come from the Jo Cox Academy and the Nelson Mandela Academy."),
    # --- lists of towns after a word for visiting or travelling ----------------------------------
    ("negative", "en", "description", "The exhibition travelled to Adelaide, Victoria and Regina in 2022."),
    ("negative", "de", "description", "Die Gruppe besuchte Florenz, Siena und Lucca im Sommer."),
    ("negative", "nl", "description", "De jongeren bezochten Lourdes en Florence tijdens de reis."),
    (
        "kept",
        "en",
        "description",
        "The mentor visited [[PERSON:Ahmed]], [[PERSON:Karim]] and [[PERSON:Yusuf]] at home.",
    ),
    ("kept", "en", "description", "She talked to [[PERSON:Victoria]] and [[PERSON:Florence]] after the session."),
    ("kept", "en", "description", "The mentor visited [[PERSON:Florence]] and [[PERSON:Ahmed]] at home."),
    # --- a given name that is an English word, in a language without a word list (twelfth's "Peter") --
    ("given_name", "sl", "description", "[[PERSON:Peter]] že dve leti živi pri babici."),
    ("given_name", "cs", "description", "[[PERSON:Martin]] chodí do deváté třídy a doma nemluví."),
    ("given_name", "hr", "description", "[[PERSON:Mate]] je prestao dolaziti na treninge."),
    ("negative", "sk", "description", "Projekt beží v Martine a v Žiline od roku 2020."),
    ("negative", "cs", "description", "Program vede tým Masarykovy univerzity v Brně."),
]


# Neighbours the round could not close (docs/ANONYMISATION.md, "Known gaps"): strict xfails.
NEIGHBOURS_13_GAPS: dict[int, str] = {}
NEIGHBOURS_13_PASSING = [case for index, case in enumerate(NEIGHBOURS_13) if index not in NEIGHBOURS_13_GAPS]
NEIGHBOURS_13_FAILING = [case for index, case in enumerate(NEIGHBOURS_13) if index in NEIGHBOURS_13_GAPS]


@pytest.mark.parametrize(
    ("kind", "language", "field", "marked"), NEIGHBOURS_13_PASSING, ids=_ids(NEIGHBOURS_13_PASSING)
)
def test_the_thirteenth_batchs_classes_in_other_languages_and_shapes(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.xfail(strict=True, reason="known gap of the thirteenth round's neighbours, see NEIGHBOURS_13_GAPS")
@pytest.mark.parametrize(
    ("kind", "language", "field", "marked"), NEIGHBOURS_13_FAILING, ids=_ids(NEIGHBOURS_13_FAILING)
)
def test_the_thirteenth_batchs_neighbour_gaps_still_fail(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # about 40,000 characters each: a quadratic pattern would take minutes, a linear one a second
        ("nb", "bor nå hos faren hos faren på " * 1350),
        ("hr", "žive na Vukovarskoj Vukovarskoj 112 u " * 1050),
        ("en", "visited Lourdes, Florence, Chester, Adelaide, " * 870),
        ("fi", "asuu nyt isänsä luona nyt isänsä " * 1200),
        ("et", "isikukood 50403152717 isikukood " * 1250),
    ],
)
def test_the_thirteenth_batchs_patterns_stay_fast_on_pathological_text(language, text):
    started = time.process_time()  # its own CPU time: a loaded machine does not inflate it
    check_fields({"description": text}, language)
    assert time.process_time() - started < 20


def test_geonames_towns_are_read_whole_with_big_towns_names_in_other_languages():
    from practices.anonymisation.towns import in_a_list_of_towns, towns

    names = towns()
    assert len(names) > 60_000  # GeoNames' towns of 5,000 people or more, and big towns' other names
    assert {"Florence", "Lourdes", "Chester", "Adelaide", "Zaandam", "Florenz", "Mailand"} <= names
    assert not {"Ahmed", "Karim", "Yusuf", "Leila"} & names
    text = "The mentor visited Florence and Ahmed; the group visited Florence and Chester."
    first, second = text.index("Florence"), text.rindex("Florence")
    assert not in_a_list_of_towns(text, first, first + 8)  # Ahmed is no town: both are people
    assert in_a_list_of_towns(text, second, second + 8)
