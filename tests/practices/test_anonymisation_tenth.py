"""A tenth batch of unseen snippets (round 10), written before any change for them.

``TENTH_CASES`` (docs/ANONYMISATION.md, "Known gaps", tenth batch): weighted back to the core
practice languages (English, French, German, Dutch, Swedish, Danish, Norwegian, Finnish, Spanish,
Italian) with the kinds of identity earlier batches had least: e-mail addresses written to dodge
robots, social-media handles and profile links (a numeric Facebook profile), number plates after
the words practitioners use ("reg", "nummerplaat"), IBANs in running text and with dashes, dates
of birth with the day in words or as an ordinal, the file numbers of services and courts
("dossier n°", "Aktenzeichen", "journalnr."), a person named by an initial and an age in a small
village, street addresses in running text in lower case ("via dei Mille"), names inside quoted
speech, practitioners thanked by name; Polish, Czech, Bulgarian and Lithuanian; and eight
snippets of ordinary text (officials named after a lower-case title of office, programme names
holding given names, published authors cited with a year, cities and organisations).
Marks as in ``test_anonymisation_sweep``; ``CASE_NUMBER`` is a service's or a court's file
number about a person.
"""

import pytest

from practices.anonymisation import warm_up
from tests.practices.test_anonymisation_sweep import _ids, _missed_and_wrong


@pytest.fixture(scope="module", autouse=True)
def models():
    warm_up()


# (class, practice language, field, marked text)
TENTH_CASES: list[tuple[str, str, str, str]] = [
    (
        "obfuscated_email",
        "no",
        "description",
        "Foreldrene kan skrive direkte til mentoren, [[EMAIL_ADDRESS:anna.lie [at] hamar.kommune [dot] no]],"
        " eller ta kontakt med fritidsklubben på Ottestad.",
    ),
    (
        "handle_profile",
        "sv",
        "description",
        "Flickan, 15, postade klippen under namnet [[PERSON:@vargflicka_09]] och hennes öppna profil"
        " [[PERSON:instagram.com/elin.wahlgren09]] hade över 3 000 följare.",
    ),
    (
        "numeric_profile",
        "da",
        "description",
        "Faren delte opslagene fra sin egen profil, [[PERSON:facebook.com/profile.php?id=100072345678901]],"
        " og på X skriver han som [[PERSON:@jens_kr_dk]].",
    ),
    (
        "plate_reg",
        "en",
        "description",
        "His uncle drives him to the gym every Saturday in a silver Astra, reg [[VEHICLE_PLATE:YX19 KPD]],"
        " and waits outside.",
    ),
    (
        "plate_belgian",
        "nl",
        "description",
        "Zijn oom reed met een witte bestelwagen met nummerplaat [[VEHICLE_PLATE:1-VKD-482]] naar de"
        " betoging in Brussel.",
    ),
    (
        "iban_running",
        "fi",
        "description",
        "Äiti pyysi, että tuki maksetaan hänen omalle tililleen [[IBAN_CODE:FI36 4055 0012 3456 78]] eikä"
        " isän tilille.",
    ),
    (
        "iban_dashes",
        "es",
        "description",
        "La abuela, [[PERSON:Rosario Jiménez]], pidió que la ayuda se ingrese en su cuenta"
        " [[IBAN_CODE:ES79-2100-0813-6101-2345-6789]].",
    ),
    (
        "dob_ordinal",
        "en",
        "description",
        "[[PERSON:Callum]] was born on the [[DATE_OF_BIRTH:3rd of March 2007]] and has lived with his nan"
        " in [[LOCATION:Cleethorpes]] since he was nine.",
    ),
    (
        "dob_words",
        "es",
        "description",
        "[[PERSON:Yassin]] nació el [[DATE_OF_BIRTH:doce de marzo de 2008]] en [[LOCATION:Ceuta]] y llegó a"
        " Granada con su madre en 2019.",
    ),
    (
        "case_number",
        "fr",
        "description",
        "Signalement transmis au parquet (dossier n° [[CASE_NUMBER:2021/334-B]]) : [[PERSON:Yanis]], 16 ans,"
        " habite chez sa tante à [[LOCATION:Creil]].",
    ),
    (
        "case_number",
        "de",
        "description",
        "Das Familiengericht führt das Verfahren unter dem Aktenzeichen [[CASE_NUMBER:41 F 233/22]]; die"
        " Mutter, [[PERSON:Svetlana Becker]], hat das Sorgerecht.",
    ),
    (
        "case_number_address",
        "da",
        "description",
        "Sagen har journalnr. [[CASE_NUMBER:2023-118734]]. Familien bor på [[LOCATION:Søndergade 14, 1. th.]]"
        " i [[LOCATION:Holstebro]].",
    ),
    (
        "initial_age_village",
        "sv",
        "description",
        "M., 17, bor med sin pappa, byns enda veterinär, i [[LOCATION:Kvikkjokk]], en by med 30 invånare.",
    ),
    (
        "lowercase_street",
        "it",
        "description",
        "Dal 2020 la famiglia abita al terzo piano di [[LOCATION:via dei Mille 18]], vicino alla stazione, e la"
        " madre lavora come badante.",
    ),
    (
        "quoted_speech",
        "fr",
        "description",
        "« Demande à [[PERSON:Inès]], elle sait où il dort », a répété son petit frère aux éducateurs.",
    ),
    (
        "quoted_speech",
        "de",
        "description",
        "„[[PERSON:Malik]] hat mir das Video in der Pause geschickt“, sagte die Schülerin der Vertrauenslehrerin.",
    ),
    (
        "thanks_line",
        "en",
        "evidence_evaluation",
        "Thanks to [[PERSON:Priya Natarajan]] and [[PERSON:Tom Ashworth]] at Kirklees Council for their"
        " support with the pilot.",
    ),
    (
        "thanks_line",
        "nl",
        "evidence_evaluation",
        "Met dank aan [[PERSON:Sanne de Vries]] en [[PERSON:Bram Hoekstra]] van Jongerenwerk Utrecht voor"
        " hun inzet tijdens de pilot.",
    ),
    (
        "thanks_line",
        "no",
        "evidence_evaluation",
        "Takk til [[PERSON:Ingrid Haugland]] og [[PERSON:Per Olav Strand]] i SLT Bergen for godt samarbeid.",
    ),
    (
        "obfuscated_email",
        "pl",
        "description",
        "Matka prosi o kontakt mailowy: [[EMAIL_ADDRESS:ewa.zielinska(małpa)wp.pl]], najlepiej po 17.",
    ),
    (
        "iban_name",
        "cs",
        "description",
        "Babička, [[PERSON:Jarmila Dvořáková]], posílá chlapci peníze na účet"
        " [[IBAN_CODE:CZ03 0100 0000 1234 5678 9012]].",
    ),
    (
        "bulgarian_given_name",
        "bg",
        "description",
        "[[PERSON:Димитър]] идва в клуба всеки петък; живее с дядо си в [[LOCATION:Ямбол]].",
    ),
    (
        "lithuanian_dob",
        "lt",
        "description",
        "[[PERSON:Gabija Petrauskaitė]] gimė [[DATE_OF_BIRTH:2008 m. kovo 3 d.]] ir gyvena su tėvu"
        " [[LOCATION:Panevėžyje]].",
    ),
    (
        "negative",
        "fr",
        "description",
        "Le préfet Georges-François Leclerc a réuni la cellule départementale à Lille en mars, avec la"
        " Protection judiciaire de la jeunesse et la Caisse d'allocations familiales.",
    ),
    (
        "negative",
        "de",
        "description",
        "Der Bürgermeister Burkhard Jung eröffnete im Mai das Projekt „Lena und Ali“ im Leipziger Osten;"
        " es folgt Daniel Koehler (2017).",
    ),
    (
        "negative",
        "en",
        "description",
        "In 2019 the mayor, Marvin Rees, opened the Bristol hub with Avon and Somerset Police and the"
        " Youth Justice Board.",
    ),
    (
        "negative",
        "sv",
        "description",
        "Metoden bygger på programmet ”Linnea och Amir” från Malmö stad och utvärderades av Sarnecki (2016).",
    ),
    (
        "negative",
        "it",
        "description",
        "Il sindaco Giuseppe Sala ha presentato il progetto a Milano con la Fondazione Cariplo e il"
        " Comune di Sesto San Giovanni.",
    ),
    (
        "negative",
        "fi",
        "description",
        "Aino-ohjelma toimii Tampereella ja Oulussa; menetelmä perustuu Malkin (2014) tutkimukseen ja"
        " Aseman Lasten työhön.",
    ),
    (
        "negative",
        "nl",
        "description",
        "In maart opende burgemeester Femke Halsema het steunpunt in Amsterdam-West, samen met de GGD en"
        " het Jongerenwerk.",
    ),
]


# What the first run missed and this round could not close (docs/ANONYMISATION.md, "Known gaps"):
# left as strict xfails, by the snippets' indexes in TENTH_CASES.
TENTH_GAPS: dict[int, str] = {
    2: "first run: a numeric Facebook profile link (profile.php?id=…) missed",
    8: "first run: a date of birth with the day in words after 'nació', and the place after it, missed",
    9: "first run: a service's file number ('dossier n° 2021/334-B') has no finding type",
    10: "first run: a court's file number ('Aktenzeichen 41 F 233/22') has no finding type",
    11: "first run: a file number ('journalnr. 2023-118734') has no finding type",
    12: "first run: a village after 'bor med sin pappa, …, i' missed",
    14: "first run: a given name opening a quoted speech after 'Demande à' missed",
    18: "first run: a Norwegian double given name 'Per Olav Strand' in a thank-you line missed",
    21: "first run: a Bulgarian given name alone (no Bulgarian list)",
    22: "first run: a Lithuanian date of birth after 'gimė' missed",
    23: "first run: an official after a lower-case title of office ('Le préfet …') reported",
    24: "first run: 'Der Bürgermeister …', a programme's given names, 'Leipziger Osten', a cited author",
    25: "first run: 'the mayor, Marvin Rees,' and 'Avon' reported",
    26: "first run: given names in a quoted programme name reported",
    27: "first run: a town named after a saint ('Sesto San Giovanni') reported",
    28: "first run: an organisation in the Finnish genitive ('Aseman Lasten') reported",
    29: "first run: 'burgemeester Femke Halsema' reported",
}
TENTH_PASSING = [case for index, case in enumerate(TENTH_CASES) if index not in TENTH_GAPS]
TENTH_FAILING = [case for index, case in enumerate(TENTH_CASES) if index in TENTH_GAPS]


@pytest.mark.parametrize(("kind", "language", "field", "marked"), TENTH_PASSING, ids=_ids(TENTH_PASSING))
def test_personal_data_in_a_tenth_unseen_batch_is_found_whole_and_nothing_else(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.xfail(strict=True, reason="known gap of the tenth batch, see TENTH_GAPS and docs/ANONYMISATION.md")
@pytest.mark.parametrize(("kind", "language", "field", "marked"), TENTH_FAILING, ids=_ids(TENTH_FAILING))
def test_the_tenth_batchs_known_gaps_still_fail(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])
