"""A seventh batch of unseen snippets (round 7), written before any change for them.

``SEVENTH_CASES`` (docs/ANONYMISATION.md, "Known gaps", seventh batch): case narratives,
pasted e-mails and meeting notes in all twelve languages the portal receives, with nicknames
in quotes, names in a list of participants, a name in an e-mail's signature block, a year of
birth with a town, number plates of seven countries, identity numbers in the national formats
(Swedish personnummer with its century, Danish CPR, Dutch BSN, Finnish HETU, Spanish DNI and
NIE, Italian codice fiscale, Polish PESEL), social-media profile links, initials with a town;
and ordinary text (programmes, organisations, job titles, laws, the practice's own cities,
months and weekdays, German nouns, extremist movements, historical figures). Marks as in
``test_anonymisation_sweep``.
"""

import time

import pytest

from practices.anonymisation import check_fields, warm_up
from tests.practices.test_anonymisation_sweep import _ids, _missed_and_wrong


@pytest.fixture(scope="module", autouse=True)
def models():
    warm_up()


# (class, practice language, field, marked text)
SEVENTH_CASES: list[tuple[str, str, str, str]] = [
    (
        "nickname",
        "en",
        "description",
        '[[PERSON:Bilal]], 17, was known in the gaming chat as "[[PERSON:Reaper]]" and later as'
        ' "[[PERSON:Abu Dujana al-Britani]]" on Telegram.',
    ),
    (
        "participants",
        "de",
        "description",
        "Teilnehmende der Fallkonferenz am 12. März: Frau [[PERSON:Petra Albers]] (Jugendamt), [[PERSON:Yusuf"
        " Demir]] (Vater), [[PERSON:Sven Kowalski]] (Schulsozialarbeit) und [[PERSON:Melanie Brandt]] (Polizei"
        " Bielefeld).",
    ),
    (
        "signature",
        "en",
        "description",
        "The first e-mail from the youth service read:\n\nHi all, [[PERSON:Dylan]] missed the group again today"
        " and his mum isn't answering.\n\nKind regards,\n[[PERSON:Siobhan Gallagher]]\nSenior Youth Worker |"
        " Ballymun Youth Service\nT: [[PHONE_NUMBER:01 845 2290]] | [[EMAIL_ADDRESS:siobhan.gallagher@bys.ie]]",
    ),
    (
        "birth_year_town",
        "nl",
        "description",
        "De jongen, geboren in [[DATE_OF_BIRTH:2004]] in [[LOCATION:Tilburg]], kwam in 2021 via de wijkagent bij"
        " ons terecht.",
    ),
    (
        "birth_year_town",
        "en",
        "description",
        "[[PERSON:Ryan]] (born [[DATE_OF_BIRTH:2003]] in [[LOCATION:Grimsby]]) was referred by his college after"
        " posting stickers.",
    ),
    (
        "id_plate",
        "sv",
        "description",
        "Pojken, personnr [[NATIONAL_ID:20050314-2382]], greps i en bil med registreringsnummer"
        " [[VEHICLE_PLATE:KLM 47B]] utanför skolan.",
    ),
    (
        "id_plate",
        "da",
        "description",
        "Faderen (CPR-nr. [[NATIONAL_ID:110398-2401]]) kører en hvid varebil med reg.nr."
        " [[VEHICLE_PLATE:AB 12 345]], som er set ved moskeen.",
    ),
    (
        "id_plate",
        "nl",
        "description",
        "Op het aanmeldformulier stonden zijn BSN ([[NATIONAL_ID:318254670]]) en het kenteken van de scooter van"
        " zijn broer ([[VEHICLE_PLATE:GZ-123-K]]).",
    ),
    (
        "id_plate_place",
        "fi",
        "description",
        "Nuori (hetu [[NATIONAL_ID:230806A345Y]]) asuu äitinsä kanssa [[LOCATION:Hervannassa]], ja hänen autonsa"
        " rekisterinumero on [[VEHICLE_PLATE:KLT-482]].",
    ),
    (
        "id_plate",
        "es",
        "description",
        "El padre (NIE [[NATIONAL_ID:Y2876413R]]) y la madre (DNI [[NATIONAL_ID:71429563G]]) firmaron el acuerdo;"
        " él conduce un Seat León con matrícula [[VEHICLE_PLATE:4821 KLM]].",
    ),
    (
        "nickname_birth_year",
        "it",
        "description",
        "Il ragazzo, classe [[DATE_OF_BIRTH:2005]], nato a [[LOCATION:Pioltello]], nei gruppi si faceva chiamare"
        ' "[[PERSON:Il Lupo]]".',
    ),
    (
        "id_plate",
        "it",
        "description",
        "Codice fiscale del padre: [[NATIONAL_ID:BNCLCU05T12F205Z]]; la Panda targata [[VEHICLE_PLATE:FG 482 KL]]"
        " è intestata a lui.",
    ),
    (
        "id_plate",
        "pl",
        "description",
        "Chłopak, [[PERSON:Tomasz Zieliński]] (PESEL [[NATIONAL_ID:06241703454]]), jeździ samochodem ojca o nr"
        " rej. [[VEHICLE_PLATE:KR 7T214]].",
    ),
    (
        "initials_town",
        "pl",
        "description",
        "[[PERSON:Kamil S.]] z [[LOCATION:Wadowic]] (17 l.) trafił do programu po zatrzymaniu przez policję.",
    ),
    (
        "profile_links",
        "pt",
        "description",
        "O jovem publicava vídeos em [[PERSON:tiktok.com/@lusitano_1143]] e fotografias em"
        " [[PERSON:instagram.com/rui.mendes.07]].",
    ),
    (
        "initials_town_links",
        "en",
        "description",
        "A.K. from [[LOCATION:Hartlepool]], 16, ran [[PERSON:instagram.com/ak_patriot_uk]] and a TikTok account"
        " ([[PERSON:tiktok.com/@englandawake88]]).",
    ),
    (
        "initials_birth_year_town",
        "fr",
        "description",
        "Y.B., né en [[DATE_OF_BIRTH:2005]] à [[LOCATION:Maubeuge]], a été orienté vers nous par la PJJ en 2021.",
    ),
    (
        "nickname",
        "de",
        "description",
        "Der 17-Jährige, in der Szene nur „[[PERSON:Germane]]“ genannt, verteilte Flyer an seiner Schule.",
    ),
    (
        "signature",
        "nb",
        "description",
        "Svar fra skolen:\n\nHei! Vi har snakket med [[PERSON:Jonas]] og moren hans i dag.\n\nMed vennlig hilsen\n"
        "[[PERSON:Ingrid Solberg]]\nRådgiver, Drammen videregående skole\nMobil: [[PHONE_NUMBER:934 56 789]]\n"
        "[[EMAIL_ADDRESS:ingrid.solberg@vgs.example.no]]",
    ),
    (
        "participants",
        "es",
        "description",
        "Asistentes a la reunión: [[PERSON:Marta Jiménez]] (trabajadora social), [[PERSON:Iker Etxeberria]]"
        " (Ertzaintza), la tutora del IES y [[PERSON:Yassine Amrani]], padre del menor.",
    ),
    # --- ordinary text: nothing to report --------------------------------------------------------
    (
        "negative",
        "en",
        "description",
        "Under the Prevent duty, schools refer concerns to the Channel panel in Bradford, which meets on the"
        " first Thursday of each month; stickers of Patriotic Alternative and Generation Identity were discussed.",
    ),
    (
        "negative",
        "de",
        "description",
        "Das Bundesprogramm „Demokratie leben!“ fördert seit 2015 die Beratungsstelle; die Fachkraft für"
        " Ausstiegsarbeit berät Eltern, Lehrkräfte und Bewährungshelfer im Landkreis.",
    ),
    (
        "negative",
        "fr",
        "description",
        "L'atelier « Paroles de jeunes » a lieu chaque mercredi à la Maison des adolescents de Strasbourg, avec"
        " la Protection judiciaire de la jeunesse et la conseillère principale d'éducation.",
    ),
    (
        "negative",
        "nl",
        "description",
        "Sinds januari werkt het Veiligheidshuis Rotterdam samen met de jeugdreclassering; het team werkt vanuit"
        " jongerencentrum De Kroon in Rotterdam-Zuid.",
    ),
    (
        "negative",
        "da",
        "description",
        "Mentorordningen i Aarhus Kommune følger serviceloven § 52; mentoren arbejder i Ungdommens"
        " Uddannelsesvejledning og mødes med de unge hver onsdag fra september til maj.",
    ),
    (
        "negative",
        "it",
        "description",
        "Il Protocollo d'intesa tra la Questura di Bologna e l'Ufficio Scolastico Regionale si rinnova ogni"
        " settembre; la coordinatrice lavora presso il Comune e incontra i docenti il lunedì.",
    ),
    (
        "negative",
        "es",
        "description",
        "En el taller los chavales leen a Hannah Arendt y analizan los atentados de Atocha, la propaganda de"
        " Daesh y la historia de ETA con la educadora social.",
    ),
    (
        "negative",
        "pl",
        "description",
        "Ustawa o przeciwdziałaniu przemocy domowej zobowiązuje Miejski Ośrodek Pomocy Społecznej w Krakowie;"
        " pedagog szkolny pracuje w Zespole Szkół nr 3 od września.",
    ),
    (
        "negative",
        "pt",
        "description",
        "A Câmara Municipal de Lisboa e a PSP apresentaram o programa Escolhas em outubro; a psicóloga trabalha"
        " na equipa desde 2019 e reúne com as famílias às quintas-feiras.",
    ),
    (
        "negative",
        "fi",
        "description",
        "Hanke toimii Vantaalla ja Espoossa; ohjaajat tapaavat nuoria tiistaisin nuorisotalolla, ja"
        " Exit-työntekijä työskentelee Aseman Lapsissa.",
    ),
]


@pytest.mark.parametrize(("kind", "language", "field", "marked"), SEVENTH_CASES, ids=_ids(SEVENTH_CASES))
def test_personal_data_in_a_seventh_unseen_batch_is_found_whole_and_nothing_else(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


# A strict xfail of the sixth batch until this one: a school in a Finnish case ending.
FIXED_GAPS_7: list[tuple[str, str, str, str]] = [
    (
        "school_class",
        "fi",
        "description",
        "Poika käy 9. luokkaa [[LOCATION:Kallion koulussa]] ja harrastaa nyrkkeilyä.",
    ),
]

# Written with the fixes, around each class they fixed: the same class in other languages and
# shapes, and the ordinary text each new rule must leave alone.
NEIGHBOURS_7: list[tuple[str, str, str, str]] = [
    # --- places and schools in a case ending (Finnish, Estonian, Hungarian) ----------------------
    ("case_ending", "fi", "description", "Tyttö asuu isänsä kanssa [[LOCATION:Hervannassa]]."),
    ("case_ending", "fi", "description", "Nuori on kotoisin [[LOCATION:Porista]] ja harrastaa nyrkkeilyä."),
    ("case_ending", "fi", "description", "[[LOCATION:Hervannassa]] asuva poika ohjattiin meille keväällä."),
    ("case_ending", "fi", "description", "Tyttö käy [[LOCATION:Myllypuron yläastetta]] ja harrastaa jalkapalloa."),
    ("case_ending", "et", "description", "Noormees elab ema juures [[LOCATION:Tartus]]."),
    ("case_ending", "et", "description", "Poiss käib [[LOCATION:Kalamaja Põhikoolis]] ja mängib jalgpalli."),
    ("case_ending", "hu", "description", "A fiú az anyjával él [[LOCATION:Miskolcon]]."),
    ("case_ending", "hu", "description", "A lány [[LOCATION:Debrecenben]] lakik a nagymamájával."),
    ("negative", "fi", "description", "Koulutus järjestettiin Tampereella toukokuussa."),
    ("negative", "hu", "description", "A program Budapesten indult 2019-ben."),
    ("negative", "fi", "description", "Perhe asuu nykyään Suomessa, mutta isä on kotoisin Somaliasta."),
    ("negative", "fi", "description", "Hän asui aiemmin Ruotsissa ja Turkissa."),
    ("negative", "et", "description", "Noormees elab Eestis ja õpib kutsekoolis."),
    ("negative", "hu", "description", "A fiú Magyarországon él az anyjával."),
    ("negative", "et", "description", "Projekt toimus Tartus ja Narvas 2022. aastal."),
    # --- a year and a place of birth -------------------------------------------------------------
    (
        "birth",
        "de",
        "description",
        "Der Junge, geboren [[DATE_OF_BIRTH:2005]] in [[LOCATION:Cottbus]], wurde vom Jugendamt gemeldet.",
    ),
    (
        "birth",
        "sv",
        "description",
        "Flickan, född [[DATE_OF_BIRTH:2006]] i [[LOCATION:Borlänge]], bor nu hos sin moster.",
    ),
    (
        "birth",
        "es",
        "description",
        "El menor, nacido en [[DATE_OF_BIRTH:2006]] en [[LOCATION:Talavera de la Reina]], vive con su tía.",
    ),
    (
        "birth",
        "pl",
        "description",
        "Chłopak urodzony w [[DATE_OF_BIRTH:2004]] r. w [[LOCATION:Radomiu]] trafił do nas.",
    ),
    ("birth", "en", "description", "[[PERSON:Karim]], born in [[DATE_OF_BIRTH:2005]] or 2006, came to us in 2021."),
    ("negative", "en", "description", "Most of the boys were born in 2005 or 2006."),
    ("negative", "en", "description", "The participants, born 2004–2007, meet on Fridays."),
    ("negative", "fr", "description", "Le projet, né en 2015 à Lille, s'adresse aux familles."),
    ("negative", "it", "description", "Il progetto è nato nel 2016 a Torino con la cooperativa."),
    ("negative", "en", "description", "The idea was born in 2018 in Oslo during a working group meeting."),
    # --- nicknames in quotes ---------------------------------------------------------------------
    ("nickname", "en", "description", 'He was known to the police as "[[PERSON:Spider]]" long before the arrest.'),
    ("nickname", "nl", "description", "In de wijk werd hij „[[PERSON:De Leeuw]]” genoemd."),
    ("nickname", "pt", "description", 'Nas redes fazia-se chamar "[[PERSON:Lobo Solitário]]".'),
    ("nickname", "it", "description", 'Lo chiamavano "[[PERSON:il Biondo]]" nel quartiere.'),
    ("nickname", "en", "description", 'At school they called him "[[PERSON:Tiny]]".'),
    ("negative", "en", "description", "The mentor called him on Tuesday after the hearing."),
    ("negative", "en", "description", 'Staff use an approach known as "Motivational Interviewing".'),
    ("negative", "en", "description", 'He followed a neo-Nazi group known as "The Base" online.'),
    ("negative", "de", "description", "Das Projekt, kurz „Wegweiser“ genannt, berät Familien."),
    # --- initials with a town --------------------------------------------------------------------
    ("initials_town", "nl", "description", "J.V. uit [[LOCATION:Almere]] (16) werd door de school aangemeld."),
    ("initials_town", "de", "description", "M.S. aus [[LOCATION:Cottbus]] kam 2021 zu uns."),
    ("negative", "en", "description", "A.B. from the youth service called the school."),
    ("negative", "en", "description", "K. from Social Services joined the meeting."),
    ("negative", "en", "description", "The coordinator has a B.A. from Ghent and an M.A. from Leeds."),
    ("negative", "en", "description", 'Molenbeek, known in the media as "Little Syria", hosts the project.'),
    # --- a workplace or a school tied to a person by a pronoun; a practitioner's own -------------
    (
        "workplace",
        "en",
        "description",
        "Her mother, [[PERSON:Samira]], has raised the boys alone. She works as a cashier at [[LOCATION:Lidl]] on"
        " the ring road.",
    ),
    (
        "workplace",
        "de",
        "description",
        "Seine Mutter ist alleinerziehend. Sie arbeitet als Verkäuferin bei [[LOCATION:Kaufland]].",
    ),
    ("workplace", "en", "description", "The father told the mentor he works at [[LOCATION:Krämer Logistik]]."),
    ("school", "en", "description", "[[PERSON:Aisha]] (14) attends [[LOCATION:Hollybrook Academy]]."),
    ("school", "en", "description", "The boy is 15 and he goes to [[LOCATION:Hollybrook Academy]]."),
    (
        "workplace",
        "pl",
        "description",
        "Matka, [[PERSON:Anna K.]], pracuje w [[LOCATION:Biedronce w Tarnowie]] na zmiany.",
    ),
    ("school", "en", "description", "The girls attend [[LOCATION:St Anne's College]] and play netball."),
    ("workplace", "fr", "description", "Sa mère travaille comme aide à domicile chez [[LOCATION:Adomi]] depuis 2019."),
    ("workplace", "de", "description", "Die Mutter ist Pflegerin. Sie arbeitet im [[LOCATION:Klinikum Nord]]."),
    ("negative", "de", "description", "Die Fachkraft arbeitet im Jugendzentrum und beim Jugendamt."),
    ("negative", "en", "description", "Our staff attend the Al-Huda Mosque open day each year."),
    (
        "negative",
        "en",
        "description",
        "[[PERSON:Karim]] met his mentor last week. She works at Fryshuset in Stockholm.",
    ),
    (
        "negative",
        "en",
        "description",
        "After [[PERSON:Karim]]'s arrest, the youth worker who works at Fryshuset called us.",
    ),
    ("negative", "en", "description", "His mentor, who works at Exit Sweden, met the boy every week."),
    ("negative", "en", "description", "The team works at the youth centre on Tuesdays."),
    ("negative", "en", "description", "The team went to St Mary's School for a workshop."),
    # --- organisations, titles and job titles the NER reads as names -----------------------------
    ("negative", "nl", "description", "Het team werkt bij jongerencentrum De Kroon in Rotterdam-Zuid."),
    ("negative", "fr", "description", "Le groupe « Paroles de parents » se réunit le mardi."),
    ("negative", "pl", "description", "Pedagog pracuje w Zespole Szkół Zawodowych w Lublinie."),
    ("negative", "fi", "description", "Ohjaaja työskentelee Aseman Lapsissa ja Walkers-talossa."),
    ("kept", "en", "description", "[[PERSON:Vanessa Melissa]] called on Monday."),
    ("kept", "en", "description", "The club [[PERSON:Karim]] joined was small."),
    ("kept", "es", "description", "Después él vive con [[PERSON:Carmen]] y su hijo."),
    ("negative", "fi", "description", "Poika asuu kahden veljensä kanssa."),
]


# The seventh batch's two strict xfails, a school after a pronoun no one named with its class after
# it ("Er besucht die Erich-Kästner-Schule in der 7. Klasse") and a quoted title opening with a
# rare word ("« Complotisme et jeunes »"), pass since the eighth batch
# (test_anonymisation_eighth.FIXED_GAPS_8).


@pytest.mark.parametrize(
    ("kind", "language", "field", "marked"), FIXED_GAPS_7 + NEIGHBOURS_7, ids=_ids(FIXED_GAPS_7 + NEIGHBOURS_7)
)
def test_the_seventh_batchs_classes_in_other_languages_and_shapes(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.parametrize(
    "text",
    [
        # about 20,000 characters each: a quadratic pattern would take minutes, a linear one a second
        "né en 2005 à Maubeuge, né en " * 700,
        "asuu äitinsä kanssa Hervannassa asuu " * 550,
        'known in the chat as "Reaper" known as ' * 500,
        "A.K. from Hartlepool Kamil S. z " * 650,
        "She works at Lidl. He goes to Hollybrook Academy. " * 400,
    ],
)
def test_the_seventh_batchs_patterns_stay_fast_on_pathological_text(text):
    started = time.process_time()  # its own CPU time: a loaded machine does not inflate it
    check_fields({"description": text}, "en")
    assert time.process_time() - started < 20
