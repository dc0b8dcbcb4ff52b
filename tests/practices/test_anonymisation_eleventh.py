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

import pytest

from practices.anonymisation import warm_up
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
# left as strict xfails, by the snippets' indexes in ELEVENTH_CASES.
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
