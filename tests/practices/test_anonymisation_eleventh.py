"""An eleventh batch of unseen snippets (round 11), written before any change for them.

``ELEVENTH_CASES`` (docs/ANONYMISATION.md, "Known gaps", eleventh batch): weighted to what batches
1-10 had least: Hungarian and Estonian surname-first order and names in a case ending (Hungarian
"Kovács Annával", Finnish "Mattin", Estonian "Tamme"), surnames with particles ("van der", "de La",
"von", "O'", "Mac", "dos"), hyphenated and double surnames, a name split over a line break, a name
in capitals in a pasted e-mail's signature, a nickname in quotes after Spanish words, a person known
by a relationship and a rare fact, phone numbers in national formats with dots, parentheses and
dashes, a pupil's age and class with the school, the national numbers of Sweden, Denmark and Finland
(with their check digits) and one that fails its check, addresses with flat numbers (Spanish "3º B",
Polish "m."), initials with dots before a surname; Romanian and Portuguese; and seven snippets of
ordinary text (weekdays and months opening a sentence, programme names, cities, organisations,
authors cited with a year, officials in their public role, historical figures, prophets in a
discussion of a sermon).
Marks as in ``test_anonymisation_sweep``.
"""

import time

import pytest

from practices.anonymisation import check_fields, warm_up
from tests.practices.test_anonymisation_sweep import _ids, _missed_and_wrong


@pytest.fixture(scope="module", autouse=True)
def models():
    warm_up()


# (class, practice language, field, marked text)
ELEVENTH_CASES: list[tuple[str, str, str, str]] = [
    (
        "hungarian_order",
        "hu",
        "description",
        "[[PERSON:Kovács Annával]], az anyával, minden kedden beszélünk; a fia, [[PERSON:Bence]], 16 éves,"
        " és [[LOCATION:Miskolcon]] él a nagyapjával.",
    ),
    (
        "hungarian_order",
        "hu",
        "description",
        "A fiú apja, [[PERSON:Szabó Gergely]], két éve Ausztriában dolgozik, az anyja pedig egyedül neveli"
        " a három gyereket.",
    ),
    (
        "finnish_case",
        "fi",
        "description",
        "[[PERSON:Mattin]] äiti soitti koululle maanantaina. [[PERSON:Matti]], 15, asuu isänsä kanssa"
        " [[LOCATION:Kajaanissa]].",
    ),
    (
        "estonian_case",
        "et",
        "description",
        "[[PERSON:Kadri Tamme]] sõnul ei ole tema poeg [[PERSON:Rasmus]] jaanuarist saadik koolis käinud;"
        " pere elab [[LOCATION:Võrus]].",
    ),
    (
        "particle_double",
        "nl",
        "description",
        "De moeder, [[PERSON:Fatima van der Heijden-El Khatib]], belde dinsdag met de vraag of haar zoon"
        " weer naar de training mag.",
    ),
    (
        "particle",
        "fr",
        "description",
        "La grand-mère, [[PERSON:Marie-Claude de La Roche]], héberge [[PERSON:Noah]] depuis l'été et"
        " l'accompagne aux rendez-vous.",
    ),
    (
        "particle_mac",
        "en",
        "description",
        "His coach at the boxing club, [[PERSON:Declan O'Sullivan]], and his cousin"
        " [[PERSON:Ruairi MacAuley]] both noticed the change after Easter.",
    ),
    (
        "double_surname",
        "es",
        "description",
        "[[PERSON:María José García-Pelayo Ruiz]], la tía, acompaña al menor a las citas del centro de"
        " salud desde octubre.",
    ),
    (
        "double_surname",
        "pt",
        "description",
        "A mãe, [[PERSON:Ana Luísa dos Santos Ferreira]], vive em [[LOCATION:Setúbal]] com os dois filhos"
        " desde o divórcio.",
    ),
    (
        "line_break",
        "en",
        "description",
        "The referral came from his form tutor, Ms [[PERSON:Hannah\nBlackwood]], who had seen the drawings"
        " in his exercise book.",
    ),
    (
        "capitals_signature",
        "no",
        "description",
        "Videresendt e-post fra skolen:\n\nHei, gutten har ikke vært på skolen siden mandag, og moren svarer"
        " ikke.\n\nMvh\n[[PERSON:KRISTOFFER ØDEGÅRD]]\nRådgiver\nTlf. [[PHONE_NUMBER:412 56 789]]",
    ),
    (
        "nickname_quotes",
        "es",
        "description",
        'En el barrio todos lo conocen como "[[PERSON:el Moro]]"; su madre, [[PERSON:Nadia]], trabaja de'
        " noche en un hotel.",
    ),
    (
        "relationship_rare_fact",
        "en",
        "description",
        "The imam's eldest son, the only convert in the village, still lives with his parents in"
        " [[LOCATION:Achiltibuie]].",
    ),
    (
        "phone_national",
        "fr",
        "description",
        "La mère, [[PERSON:Samira]], ne répond qu'au [[PHONE_NUMBER:06.71.23.45.89]] et préfère les SMS après 18 h.",
    ),
    (
        "phone_national",
        "de",
        "description",
        "Die Tante ist unter [[PHONE_NUMBER:(0351) 487 21 93]] oder mobil unter"
        " [[PHONE_NUMBER:0176-23456789]] erreichbar.",
    ),
    (
        "school_class",
        "de",
        "description",
        "[[PERSON:Jonas]], 15, geht in die 9b der [[LOCATION:Lindenschule]] und wohnt seit der Trennung"
        " bei seiner Oma.",
    ),
    (
        "national_id",
        "sv",
        "description",
        "Socialtjänsten har flickans personnummer, [[NATIONAL_ID:20080611-2389]], men inte moderns.",
    ),
    (
        "national_id",
        "da",
        "description",
        "Drengen (CPR [[NATIONAL_ID:140698-2102]]) bor hos sin moster, siden faren blev fængslet.",
    ),
    (
        "national_id",
        "fi",
        "description",
        "Pojan henkilötunnus on [[NATIONAL_ID:230908A482P]] ja hän asuu [[LOCATION:Iisalmessa]].",
    ),
    (
        "flat_address",
        "es",
        "description",
        "Vive con su abuela en [[LOCATION:C/ Tejares 14, 3º B]], en [[LOCATION:Albacete]], desde que su"
        " padre se fue a Marruecos.",
    ),
    (
        "flat_address",
        "pl",
        "description",
        "[[PERSON:Oskar]] mieszka z matką przy [[LOCATION:ul. Długiej 5 m. 12]] w [[LOCATION:Radomiu]].",
    ),
    (
        "initials",
        "fr",
        "description",
        "Selon son oncle, [[PERSON:J.-P. Mercier]], le jeune a quitté le foyer en novembre.",
    ),
    (
        "romanian",
        "ro",
        "description",
        "[[PERSON:Ionuț]] locuiește cu bunica lui în [[LOCATION:Bârlad]], iar tatăl,"
        " [[PERSON:Gheorghe Stănescu]], lucrează în Italia.",
    ),
    (
        "negative",
        "en",
        "description",
        "In the Friday sermon the imam spoke of Ibrahim's sacrifice and of Musa before Pharaoh; the youth"
        " group discussed it afterwards in Luton.",
    ),
    (
        "negative",
        "fr",
        "description",
        "Mardi, l'équipe a rencontré la Mission locale de Roubaix. Juin sera consacré au bilan avec la"
        " Protection judiciaire de la jeunesse.",
    ),
    (
        "negative",
        "sv",
        "description",
        "Statsminister Ulf Kristersson besökte Rinkeby i augusti; metoden bygger på Sarnecki (2016) och Järvalyftet.",
    ),
    (
        "negative",
        "es",
        "description",
        "El taller analiza los discursos de Franco y de José Antonio Primo de Rivera con alumnos de"
        " bachillerato en Zaragoza.",
    ),
    (
        "negative",
        "it",
        "description",
        "Lunedì il cardinale Matteo Zuppi ha incontrato i volontari della Caritas di Bologna e del"
        " progetto Porte Aperte.",
    ),
    (
        "negative",
        "nl",
        "description",
        "Het programma Samen Sterk loopt in Rotterdam-Zuid, samen met de Raad voor de Kinderbescherming"
        " en het Veiligheidshuis Haaglanden.",
    ),
    (
        "negative",
        "sv",
        "description",
        "Fakturan 20190311-4472 för läromedlen betalades av skolan i mars.",
    ),
]


# What the first run missed and this round could not close (docs/ANONYMISATION.md, "Known gaps"):
# left as strict xfails, by the snippets' indexes in ELEVENTH_CASES. The first run (21 of 30 passing,
# 34 of 43 items found, 6 false alarms) failed 9; the round's fixes closed them all.
ELEVENTH_GAPS: dict[int, str] = {}
ELEVENTH_PASSING = [case for index, case in enumerate(ELEVENTH_CASES) if index not in ELEVENTH_GAPS]
ELEVENTH_FAILING = [case for index, case in enumerate(ELEVENTH_CASES) if index in ELEVENTH_GAPS]


@pytest.mark.parametrize(("kind", "language", "field", "marked"), ELEVENTH_PASSING, ids=_ids(ELEVENTH_PASSING))
def test_personal_data_in_an_eleventh_unseen_batch_is_found_whole_and_nothing_else(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.xfail(strict=True, reason="known gap of the eleventh batch, see ELEVENTH_GAPS and docs/ANONYMISATION.md")
@pytest.mark.parametrize(("kind", "language", "field", "marked"), ELEVENTH_FAILING, ids=_ids(ELEVENTH_FAILING))
def test_the_eleventh_batchs_known_gaps_still_fail(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


# Written with the fixes, around each class they fixed: the same class in other languages and
# shapes, and the ordinary text each new rule must leave alone.
NEIGHBOURS_11: list[tuple[str, str, str, str]] = [
    # --- Finnish given names in a case ending; an age or a relative as a person's evidence ------------
    ("finnish_case", "fi", "description", "[[PERSON:Jukan]] isä soitti meille tiistaina."),
    ("finnish_case", "fi", "description", "Puhuimme [[PERSON:Annalle]] koulun jälkeen."),
    ("finnish_case", "fi", "description", "[[PERSON:Antin]] sisko tuli mukaan tapaamiseen."),
    ("finnish_case", "fi", "description", "Poika, [[PERSON:Toivo]], 16, asuu äitinsä kanssa."),
    ("negative", "fi", "description", "Toivon, että ryhmä jatkuu syksyllä. Tuulen voima yllätti."),
    ("negative", "fi", "description", "Ryhmä kokoontuu Aseman Lasten tiloissa keskiviikkoisin."),
    ("age", "en", "description", "[[PERSON:Grace]], 15, stopped coming in May."),
    ("age", "en", "description", "[[PERSON:Grace]]'s mother called the school."),
    ("negative", "en", "description", "Grace and Hope were the themes of the assembly."),
    ("negative", "da", "description", "Hans onkel er kendt i miljøet."),
    ("negative", "de", "description", "Will er das? Mark, 15 Euro kostet der Kurs."),
    # --- Mac, Mc and Fitz surnames; feasts -----------------------------------------------------------
    ("mac", "en", "description", "Her stepfather, [[PERSON:Callum McAllister]], refused to meet us."),
    ("mac", "en", "description", "Ms [[PERSON:Siobhan FitzGerald]] referred him in March."),
    ("negative", "en", "description", "They met at McDonald's in Leeds after Christmas."),
    ("negative", "de", "description", "Nach Ostern und Pfingsten beginnt die zweite Gruppe."),
    ("negative", "nl", "description", "Na Pasen start de tweede groep in Utrecht."),
    # --- a nickname in quotes after the words for knowing someone as -------------------------------
    ("nickname", "de", "description", "In der Szene kennen ihn alle als „[[PERSON:der Schwabe]]“."),
    ("nickname", "it", "description", 'Nel quartiere lo conoscono come "[[PERSON:il Biondo]]".'),
    ("negative", "es", "description", 'El método, conocido como "el Modelo Aarhus", se aplica en Madrid.'),
    ("negative", "de", "description", "Wir kennen das Verfahren als „Die Brücke“ aus Bremen."),
    # --- a pupil's class as year and letter before a school's name -----------------------------------
    ("school", "de", "description", "[[PERSON:Emir]] geht in die 10c der [[LOCATION:Anne-Frank-Schule]]."),
    ("school", "sv", "description", "[[PERSON:Elvira]] går i 8c på [[LOCATION:Tallbackaskolan]]."),
    ("negative", "de", "description", "Gemäß § 2a der Satzung und in 3b der Verordnung wird gefördert."),
    ("negative", "sv", "description", "Eleverna i 8c på skolan fick en workshop."),
    # --- a flat after the house number; the town after a comma --------------------------------------
    ("flat", "it", "description", "La madre abita in [[LOCATION:via Garibaldi 22, int. 7]] con i figli."),
    ("flat", "sv", "description", "Familjen bor på [[LOCATION:Storgatan 12, lgh 1102]] sedan 2019."),
    ("flat", "pl", "description", "Babcia mieszka przy [[LOCATION:ul. Lipowej 8 lok. 4, w Radomiu]]."),
    ("flat", "es", "description", "Vive en [[LOCATION:calle Mayor 3, 2º izda.]] con su tío."),
    ("negative", "es", "description", "El taller 3, en Madrid, reunió a 40 profesionales en 2021."),
    # --- offices of the churches and of official Islam --------------------------------------------
    ("negative", "de", "description", "Bischof Georg Bätzing besuchte das Projekt in Limburg."),
    ("negative", "fr", "description", "L'archevêque de Lyon, Olivier de Germay, a soutenu l'initiative."),
    ("negative", "en", "description", "The Grand Mufti, Husein Kavazović, spoke at the conference."),
    ("kept", "en", "description", "The bishop's nephew, [[PERSON:Liam Doyle]], was arrested in May."),
    # --- historical leaders, heads of government, dictators by their surname -----------------------
    ("negative", "pt", "description", "A oficina analisa a propaganda de Salazar e o Estado Novo."),
    ("negative", "no", "description", "Elevene leste om Quisling og okkupasjonen i Oslo."),
    ("negative", "en", "description", "The workshop compares Viktor Orbán's speeches with the Franco regime."),
    ("negative", "es", "description", "La dictadura de Franco duró hasta 1975."),
    ("kept", "es", "description", "Su tío, [[PERSON:Franco]], vive con ellos desde marzo."),
    ("kept", "it", "description", "Il ragazzo ha parlato con [[PERSON:Franco Rossi]], suo zio."),
    # --- prophets in a sentence about a sermon or scripture --------------------------------------
    ("negative", "fr", "description", "Dans son prêche, l'imam a parlé du prophète Youssef et de Moussa."),
    ("negative", "de", "description", "In der Freitagspredigt ging es um die Geschichte von Ibrahim."),
    ("kept", "en", "description", "After the sermon the imam's son [[PERSON:Ibrahim]], 16, walked out."),
    ("kept", "en", "description", "After the sermon, [[PERSON:Ibrahim]] left with [[PERSON:Musa Kaya]]."),
    # --- a monarch with a regnal number; a place the NER calls a name after a preposition ----------
    ("negative", "it", "description", "Il progetto si svolge al liceo Vittorio Emanuele II di Napoli."),
    ("negative", "sv", "description", "Kung Carl XVI Gustaf besökte skolan i Malmö."),
    ("kept", "en", "description", "[[PERSON:Karim Benali]] IV was arrested in May."),
    ("negative", "pt", "description", "As oficinas decorrem em Braga e em Belo Horizonte."),
    ("kept", "pt", "description", "A mãe pensa em [[PERSON:Mariana Costa]] todos os dias."),
    # --- a month or weekday in a case ending opening a name --------------------------------------
    ("negative", "hu", "description", "Márciusban Orbán Viktor beszédeit elemeztük."),
    ("case_ending", "hu", "description", "Áprilisban [[PERSON:Kovács Anna]] elköltözött a városból."),
    ("case_ending", "fi", "description", "Maaliskuussa [[PERSON:Matti Virtanen]] muutti pois kaupungista."),
]


@pytest.mark.parametrize(("kind", "language", "field", "marked"), NEIGHBOURS_11, ids=_ids(NEIGHBOURS_11))
def test_the_eleventh_batchs_classes_in_other_languages_and_shapes(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # about 40,000 characters each: a quadratic pattern would take minutes, a linear one a second
        ("de", "geht in die 9b der Aa-Bb-Cc-Dd-" * 1300),
        ("es", "vive en C/ Tejares 14, 3º B, en " * 1250),
        ("es", 'todos lo conocen como "el Moro el ' * 1200),
        ("en", "In the sermon the imam spoke of Ibrahim's Musa " * 850),
        ("pt", "Escola Dom Pedro Pedro II de Dom " * 1250),
        ("es", "los discursos de Franco bajo Franco regime " * 950),
        ("en", "Ruairi MacAuley McAllister Mac " * 1300),
        ("fi", "Mattin äiti Annalle, 15, Jukan " * 1300),
        ("hu", "Márciusban Kovács Anna Áprilisban " * 1150),
    ],
)
def test_the_eleventh_batchs_patterns_stay_fast_on_pathological_text(language, text):
    started = time.process_time()  # its own CPU time: a loaded machine does not inflate it
    check_fields({"description": text}, language)
    assert time.process_time() - started < 20
