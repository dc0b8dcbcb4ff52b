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

from practices.anonymisation import check_fields, warm_up
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
# left as strict xfails, by the snippets' indexes in TENTH_CASES. The first run (13 of 30 passing,
# 31 of 42 items found, 13 false alarms) left 17 here; the round's fixes closed them all.
TENTH_GAPS: dict[int, str] = {}
TENTH_PASSING = [case for index, case in enumerate(TENTH_CASES) if index not in TENTH_GAPS]
TENTH_FAILING = [case for index, case in enumerate(TENTH_CASES) if index in TENTH_GAPS]


@pytest.mark.parametrize(("kind", "language", "field", "marked"), TENTH_PASSING, ids=_ids(TENTH_PASSING))
def test_personal_data_in_a_tenth_unseen_batch_is_found_whole_and_nothing_else(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.xfail(strict=True, reason="known gap of the tenth batch, see TENTH_GAPS and docs/ANONYMISATION.md")
@pytest.mark.parametrize(("kind", "language", "field", "marked"), TENTH_FAILING, ids=_ids(TENTH_FAILING))
def test_the_tenth_batchs_known_gaps_still_fail(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


# Written with the fixes, around each class they fixed: the same class in other languages and
# shapes, and the ordinary text each new rule must leave alone.
NEIGHBOURS_10: list[tuple[str, str, str, str]] = [
    # --- a public office, in either case, before or beside its holder's full name ----------------
    ("negative", "fr", "description", "Le maire, Martine Aubry, a inauguré la maison des jeunes à Lille."),
    ("negative", "de", "description", "Oberbürgermeisterin Katja Dörner besuchte das Projekt in Bonn."),
    ("negative", "it", "description", "La sindaca Chiara Appendino ha firmato il protocollo a Torino."),
    ("negative", "es", "description", "El alcalde de Málaga, Francisco de la Torre, presentó el plan en 2021."),
    ("negative", "da", "description", "Borgmester Jacob Bundsgaard åbnede huset i Aarhus."),
    ("negative", "no", "description", "Ordfører Marianne Borgen åpnet senteret i Oslo i fjor."),
    ("negative", "en", "description", "The mayor of Bristol, Marvin Rees, opened the hub in 2019."),
    ("kept", "en", "description", "The mayor's son, [[PERSON:Ryan Cole]], was arrested in May."),
    ("kept", "en", "description", "Club President [[PERSON:Ahmed Yilmaz]] called us about his son."),
    ("kept", "nl", "description", "De voorzitter van de moskee, [[PERSON:Hassan El Idrissi]], belde ons."),
    # --- a programme's name in quotes after the word for it ----------------------------------------
    ("negative", "fr", "description", "Le programme « Sarah et Mehdi » forme les éducateurs de Roubaix."),
    ("negative", "es", "description", "El taller «Lucía y Omar» se imparte en Ceuta cada martes."),
    ("negative", "it", "description", "Il progetto “Giulia e Ahmed” coinvolge tre scuole di Torino."),
    ("negative", "da", "description", "Projektet »Sara og Ali« kører i Aarhus og Odense."),
    ("kept", "en", "description", 'The mentor wrote "[[PERSON:Karim]] will come back" in the log.'),
    ("kept", "de", "description", "Der Workshop fiel aus; „[[PERSON:Malik]] war nicht da“, schrieb die Lehrerin."),
    # --- an author cited with the year, given name and all, after a word that cites ---------------
    ("negative", "en", "description", "The approach follows Jane Smith (2019) and Doosje et al. (2016)."),
    ("negative", "fr", "description", "La méthode s'inspire de Farhad Khosrokhavar (2014)."),
    ("negative", "nl", "description", "Het model van Bertjan Doosje (2016) staat centraal."),
    ("kept", "en", "description", "[[PERSON:Karim Benali]] (2005) left school in May."),
    ("kept", "en", "description", "The video by [[PERSON:Karim Omar]] (2005) was shared in the chat."),
    # --- two given names, the second or the surname an ordinary word --------------------------------
    ("double", "sv", "evidence_evaluation", "Tack till [[PERSON:Per Erik Lindqvist]] på fritidsgården."),
    ("double", "da", "evidence_evaluation", "Tak til [[PERSON:Anne Mette Skov]] fra skolen."),
    # --- a person after a verb of speaking and "à", "a" ----------------------------------------------
    ("spoken", "es", "description", "«Pregúntale a [[PERSON:Inés]], ella sabe dónde duerme», dijo su hermano."),
    ("spoken", "it", "description", "«Chiedi a [[PERSON:Alessio]], lui sa tutto», ha detto la sorella."),
    ("negative", "fr", "description", "Le projet a été présenté à Florence en 2019."),
    ("negative", "fr", "description", "Le guide est disponible à Florence et à Lyon."),
    # --- Bulgarian given names ---------------------------------------------------------------------
    ("bulgarian", "bg", "description", "[[PERSON:Иван]] не ходи на училище от март."),
    ("bulgarian", "bg", "description", "Майката, [[PERSON:Петя Димитрова]], се обади в понеделник."),
    ("negative", "bg", "description", "Доста често младите идват сами в клуба."),
    ("negative", "bg", "description", "Катастрофата стана през август."),
    # --- whom the person lives with, in apposition, before the place ------------------------------
    ("residence", "no", "description", "Gutten bor med faren sin, en kjent fisker, i [[LOCATION:Værøy]]."),
    ("residence", "en", "description", "She lives with her aunt, a nurse, in [[LOCATION:Mablethorpe]]."),
    # --- a date of birth with the day in words, and the past tense of being born -----------------
    ("dob", "fr", "description", "[[PERSON:Yanis]] est né le [[DATE_OF_BIRTH:douze mars 2008]]."),
    ("dob", "de", "description", "[[PERSON:Emir]] wurde am [[DATE_OF_BIRTH:dritten Juli 2006]] geboren."),
    (
        "dob",
        "sv",
        "description",
        "Flickan föddes den [[DATE_OF_BIRTH:tjugonde april 2007]] i [[LOCATION:Gävle]].",
    ),
    ("dob", "it", "description", "[[PERSON:Alessio]] è nato il [[DATE_OF_BIRTH:ventuno maggio 2007]]."),
    ("dob", "lt", "description", "Vaikinas gimė [[DATE_OF_BIRTH:2007 m. gegužės 14 d.]] Kaune."),
    ("negative", "es", "description", "El proyecto nació en 2015 en Sevilla."),
    ("negative", "en", "description", "The second of March 2020 was the first session."),
    # --- a numeric profile link ----------------------------------------------------------------------
    (
        "handle",
        "en",
        "description",
        "His account, [[PERSON:https://www.facebook.com/profile.php?id=61550123456789]], was reported.",
    ),
    # --- a file number with a person near it; none without -----------------------------------------
    (
        "case_number",
        "nl",
        "description",
        "Het parket opende zaaknummer [[CASE_NUMBER:13/847201-22]] tegen de jongen.",
    ),
    (
        "case_number",
        "sv",
        "description",
        "Socialtjänstens ärende [[CASE_NUMBER:IFO 2022-4471]] gäller flickan och hennes mamma.",
    ),
    (
        "case_number",
        "en",
        "description",
        "Crime reference number [[CASE_NUMBER:47/118392/23]]: the boy was 15 at the time.",
    ),
    (
        "case_number",
        "es",
        "description",
        "Las diligencias previas [[CASE_NUMBER:1234/2022]] del menor siguen abiertas en Fiscalía.",
    ),
    ("negative", "en", "description", "Case 3 was different: the school called us first."),
    ("negative", "fr", "description", "Le dossier 2019-2021 du Fonds a été clôturé."),
    ("negative", "de", "description", "Das Verfahren (Az. 2 Js 1234/19) wurde 2020 eingestellt."),
    # --- the NER's organisations and places read as names ------------------------------------------
    ("negative", "en", "description", "We work with Devon and Cornwall Police and the county council."),
    ("negative", "it", "description", "Il Comune di Borgo San Lorenzo sostiene il progetto."),
    ("negative", "fi", "description", "Menetelmä perustuu Aseman Lasten ja Helsingin kaupungin työhön."),
    ("negative", "de", "description", "Im Berliner Senat wurde das Projekt 2021 vorgestellt."),
    ("kept", "en", "description", "The boy, [[PERSON:Walter Osten]], moved in May."),
]


@pytest.mark.parametrize(("kind", "language", "field", "marked"), NEIGHBOURS_10, ids=_ids(NEIGHBOURS_10))
def test_the_tenth_batchs_classes_in_other_languages_and_shapes(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.parametrize(
    "text",
    [
        "Dossier n° 2018-04-117.",  # the practice's own file, no person near it
        "Phone contact on 01.03.2019; case file no. 0412/2019/33 was closed.",
        "Funding under case 2019-2021 and Law 12/2019.",
    ],
)
def test_a_file_number_without_a_person_near_it_is_not_reported(text):
    findings, _ = check_fields({"description": text}, "en")
    assert [f.text for f in findings if f.type == "CASE_NUMBER"] == []
