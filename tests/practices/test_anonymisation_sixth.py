"""A sixth batch of unseen snippets (round 6), written before any change for them.

``SIXTH_CASES`` (docs/ANONYMISATION.md, "Known gaps", sixth batch): case narratives and
contact blocks in all twelve languages the portal receives, with initials, names with
particles (de la, van der, dos, al-), hyphenated names, a name only in a quoted chat, dates
of birth, an age with a school class, identity numbers, an IBAN, postal addresses, phone
numbers in international and local form, obfuscated email addresses, handles and channel
links, a mosque, a school and a workplace tied to a person; and ordinary text (initials,
extremist movements, historical figures, laws, organisations, programmes, job titles, the
practice's own city, months and weekdays, German nouns, a court reference). Marks as in
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
SIXTH_CASES: list[tuple[str, str, str, str]] = [
    (
        "chat",
        "en",
        "description",
        'Screenshots from his phone showed messages such as "tell [[PERSON:Jamal]] to bring the flags saturday"'
        ' and "brothers meet after jummah".',
    ),
    (
        "handle",
        "en",
        "description",
        "He ran the channel [[PERSON:t.me/whitelion_nordic]] and posted as [[PERSON:@iron_wolf88]] on X until the ban.",
    ),
    (
        "school",
        "en",
        "description",
        "[[PERSON:Connor O'Sullivan]] (15) is in Year 10 at [[LOCATION:St Brendan's College]] and plays hurling"
        " for the local club.",
    ),
    (
        "initials",
        "en",
        "description",
        "Case ref. 2021/0457: [[PERSON:J. Okonkwo]]'s mother signed the consent form on 3 May.",
    ),
    (
        "obfuscated_email",
        "en",
        "contact",
        "Youth worker: [[PERSON:Sunita Patel]]\nWrite to [[EMAIL_ADDRESS:s.patel at youthreach dot org]] or call"
        " [[PHONE_NUMBER:+44 7911 123456]]",
    ),
    (
        "particle",
        "fr",
        "description",
        "Le référent, M. [[PERSON:Olivier de la Motte]], a reçu la mère le 12 mars au commissariat.",
    ),
    (
        "obfuscated_email",
        "fr",
        "description",
        "Pour la joindre : [[EMAIL_ADDRESS:nadia.haddad arobase laposte point net]] ou au"
        " [[PHONE_NUMBER:06 12 34 56 78]].",
    ),
    (
        "mosque",
        "fr",
        "description",
        "Le jeune fréquentait la mosquée [[LOCATION:Al-Nour de Maubeuge]], où son père dirige la prière du vendredi.",
    ),
    (
        "workplace",
        "fr",
        "description",
        "Sa sœur aînée, [[PERSON:Inès]], travaille comme caissière au [[LOCATION:Carrefour de Villeneuve-d'Ascq]].",
    ),
    (
        "hyphenated",
        "de",
        "description",
        "Die Klientin, [[PERSON:Lena Schulte-Hoffmann]] (geb. [[DATE_OF_BIRTH:03.07.2006]]), besuchte damals die 9b"
        " der Gesamtschule.",
    ),
    (
        "iban",
        "de",
        "description",
        "Den Unterhalt zahlt der Vater auf das Konto [[IBAN_CODE:DE44 5001 0517 5407 3249 31]] bei der Sparkasse.",
    ),
    (
        "al_name",
        "nl",
        "description",
        "Zijn oom, [[PERSON:Rachid al-Masri]], belde ons vanaf [[PHONE_NUMBER:06-12345678]] om het gesprek te"
        " verzetten.",
    ),
    (
        "particle",
        "nl",
        "description",
        "De trainer van zijn kickboksclub, [[PERSON:Dennis van der Wiel]], zag als eerste de tatoeages.",
    ),
    (
        "school_class",
        "sv",
        "description",
        "[[PERSON:Elvira]], 15 år, går i åttonde klass på [[LOCATION:Hagaskolan]] och har två yngre bröder.",
    ),
    (
        "national_id",
        "sv",
        "description",
        "Socialtjänsten noterade personnummer [[NATIONAL_ID:080612-2388]] och mammans mobil"
        " [[PHONE_NUMBER:070-123 45 67]].",
    ),
    (
        "address",
        "da",
        "description",
        "Familien bor på [[LOCATION:Vesterbrogade 112, 3. tv., 1620 København V]], og drengens CPR-nr. er"
        " [[NATIONAL_ID:120406-3008]].",
    ),
    (
        "contact",
        "nb",
        "contact",
        "Kontaktperson: [[PERSON:Kari Nordmann-Lie]]\nE-post: [[EMAIL_ADDRESS:kari.lie (at) ravnstad.kommune.no]]\n"
        "Tlf. [[PHONE_NUMBER:912 34 567]]",
    ),
    (
        "name_phone",
        "fi",
        "description",
        "Nuoren isä [[PERSON:Jukka Virtanen]] soitti numerosta [[PHONE_NUMBER:050 123 4567]] ja kertoi pojan"
        " liittyneen Pohjoismaiseen vastarintaliikkeeseen.",
    ),
    (
        "address",
        "it",
        "description",
        "La madre, [[PERSON:Giulia Ferraro]], risiede in [[LOCATION:via Roma 15, 20096 Pioltello]] (codice fiscale"
        " [[NATIONAL_ID:FRRGLI80A41G686U]]).",
    ),
    (
        "particle",
        "es",
        "description",
        "La técnica habló con [[PERSON:Alba de la Fuente Ruiz]], madre del menor (DNI [[NATIONAL_ID:53817264R]]),"
        " el martes.",
    ),
    (
        "address",
        "pl",
        "description",
        "Chłopak, [[PERSON:Kacper Wiśniewski]] (PESEL [[NATIONAL_ID:07261539461]]), mieszka przy"
        " [[LOCATION:ul. Lipowej 8/3]] w [[LOCATION:Radomiu]].",
    ),
    (
        "particle",
        "pt",
        "description",
        "A mãe, [[PERSON:Ana Sofia dos Santos]], ligou do número [[PHONE_NUMBER:+351 21 123 4567]] na segunda-feira.",
    ),
    # --- ordinary text: nothing to report --------------------------------------------------------
    (
        "negative",
        "en",
        "description",
        "In March, M.K. (16) joined a Discord server run by Atomwaffen Division sympathisers; his mentor saw him"
        " every Tuesday at the youth centre in Leeds.",
    ),
    (
        "negative",
        "en",
        "description",
        "Participants read extracts from Breivik's manifesto and discussed why Hitler and Bin Laden still inspire"
        " some online groups.",
    ),
    (
        "negative",
        "de",
        "description",
        "Nach § 129a StGB ermittelte die Generalstaatsanwaltschaft; Jugendamt, Schulsozialarbeit und"
        " Bewährungshilfe wurden im Oktober eingebunden, die Reichsbürger-Szene blieb Thema.",
    ),
    (
        "negative",
        "fr",
        "description",
        "Le dispositif Rebonds, porté par la Protection judiciaire de la jeunesse à Lille, s'appuie sur la loi du"
        " 24 août 2021 confortant le respect des principes de la République.",
    ),
    (
        "negative",
        "nl",
        "description",
        "Het Landelijk Steunpunt Extremisme en de gemeente Utrecht ontwikkelden samen de Exit-aanpak; de"
        " jongerenwerker en de wijkagent overleggen elke maandag.",
    ),
    (
        "negative",
        "es",
        "description",
        "La Ley Orgánica 8/2021 se aplicó en Ceuta a los casos de captación por Estado Islámico; la educadora"
        " social coordina el programa Diálogos desde septiembre.",
    ),
    (
        "negative",
        "it",
        "description",
        "Nel laboratorio i ragazzi leggono Primo Levi e discutono di Mussolini e delle Brigate Rosse con"
        " l'educatore della Cooperativa Aurora di Torino.",
    ),
    (
        "negative",
        "pl",
        "description",
        "Sprawa o sygnaturze II K 123/21 toczyła się przed Sądem Okręgowym w Gdańsku; program prowadzi Fundacja"
        " Dialog we współpracy z kuratorem sądowym.",
    ),
]


# A KNOWN_GAP of test_anonymisation_sweep until this batch: the school after the pupil's class.
FIXED_GAPS_6: list[tuple[str, str, str, str]] = [
    (
        "school_class",
        "sv",
        "description",
        "Han gick i nian på [[LOCATION:Kvarnbyskolan]] och tränade fotboll två kvällar i veckan.",
    ),
]

# Written with the fixes, around each class they fixed: the same class in other languages and
# shapes, and the ordinary text each new rule must leave alone.
NEIGHBOURS_6: list[tuple[str, str, str, str]] = [
    # --- the word for "@" spelt out in the portal's languages ----------------------------------
    ("obfuscated_email", "es", "description", "Escribidle a [[EMAIL_ADDRESS:lucia.gomez arroba gmail punto com]]."),
    ("obfuscated_email", "pt", "contact", "E-mail: [[EMAIL_ADDRESS:joana.reis arroba sapo.pt]]"),
    ("obfuscated_email", "it", "description", "Scrivere a [[EMAIL_ADDRESS:m.rossi chiocciola comune punto it]]."),
    ("obfuscated_email", "pl", "contact", "e-mail: [[EMAIL_ADDRESS:a.nowak małpa wp kropka pl]]"),
    ("obfuscated_email", "sv", "contact", "Mejla [[EMAIL_ADDRESS:sara.lind snabel-a skola.se]] före fredag."),
    ("negative", "es", "description", "La arroba de la red social y el punto de encuentro cambian cada mes."),
    ("negative", "pl", "description", "Na zajęciach małpa w zoo była tematem rysunku dzieci z klasy 3."),
    # --- addresses: a way in lower case, a floor, a district, the town after the street ----------
    ("address", "it", "description", "Il padre vive in [[LOCATION:via Garibaldi 12]] con la nuova compagna."),
    ("address", "es", "description", "La familia vive en la [[LOCATION:calle Mayor 3, 28013 Madrid]] desde 2016."),
    ("address", "pt", "description", "O jovem mora na [[LOCATION:rua Augusta 24]] com a avó."),
    ("address", "nb", "description", "Gutten bor i [[LOCATION:Storgata 5, 2. tv., 0184 Oslo]] med moren."),
    ("address", "da", "description", "Moren bor på [[LOCATION:Nørregade 7, st. th., 8000 Aarhus C]] med to børn."),
    ("address", "fr", "description", "La mère habite au [[LOCATION:12 rue des Lilas à Roubaix]] depuis 2019."),
    (
        "address",
        "de",
        "description",
        "Der Vater wohnt in der [[LOCATION:Hauptstraße 12 in Bielefeld]] bei seiner Schwester.",
    ),
    ("address", "en", "description", "They moved to [[LOCATION:14 Station Road]] in March after the eviction."),
    ("negative", "en", "description", "The boy was contacted via Telegram 24 times in one week."),
    ("negative", "it", "description", "Il progetto passa via Roma 2025, il bando del comune, per i fondi."),
    # --- particles and a second surname after a known given name; saints ------------------------
    ("particle", "es", "description", "La madre, [[PERSON:Lucía de la Vega Martín]], pidió ayuda al colegio."),
    ("particle", "pt", "description", "O tio, [[PERSON:João da Silva Costa]], levou-o à mesquita."),
    ("negative", "es", "description", "El programa se presentó en San Lorenzo de El Escorial en 2022."),
    ("negative", "en", "description", "The St Patrick's Day parade was the first outing of the group."),
    # --- a school after the pupil's class --------------------------------------------------------
    ("school_class", "en", "description", "[[PERSON:Aisha]] (14) is in Year 9 at [[LOCATION:Hollybrook Academy]]."),
    (
        "school_class",
        "de",
        "description",
        "Der Junge geht in die 8. Klasse der [[LOCATION:Erich-Kästner-Schule]] in einem Vorort.",
    ),
    ("school_class", "fr", "description", "Le garçon est en 3e au collège [[LOCATION:Jean-Moulin]] depuis septembre."),
    ("school_class", "da", "description", "Drengen går i 9. klasse på [[LOCATION:Nørrebro Park Skole]] i år."),
    (
        "school_class",
        "it",
        "description",
        "La ragazza frequenta la terza media alla Scuola [[LOCATION:Manzoni di Pioltello]].",
    ),
    ("negative", "en", "description", "In 2019 the school had 300 pupils in Year 9 and 10, most from Leeds."),
    ("negative", "nl", "description", "De workshops zijn voor groep 8 van alle basisscholen in de regio."),
    ("negative", "de", "description", "Die 9. Klasse der Gesamtschule nahm 2021 am Projekt teil."),
    ("negative", "en", "description", "In year 2 of Erasmus funding we trained 40 staff."),
    ("negative", "pt", "description", "Este ano no Porto o projeto cresceu para 60 jovens."),
    ("negative", "es", "description", "La media de Madrid es de 12 casos por año."),
    # --- a mosque, a church or a club after a word for attending ---------------------------------
    ("mosque", "en", "description", "He attended the [[LOCATION:Al-Noor Mosque]] in Leeds every Friday."),
    ("church", "pt", "description", "O rapaz frequentava a igreja [[LOCATION:Nova Vida da Amadora]] com o tio."),
    ("club", "sv", "description", "Han gick till klubben [[LOCATION:Tensta Boxning]] tre gånger i veckan."),
    ("mosque", "en", "description", "He prayed at the [[LOCATION:Al-Noor Mosque]] in Leeds."),
    (
        "club",
        "de",
        "description",
        "Er war Mitglied im Boxverein [[LOCATION:Eintracht Nord]] und betete in der Moschee [[LOCATION:Ar-Rahman]].",
    ),
    ("negative", "en", "description", "The imam attended the Mosque Council meeting in Oslo in May."),
    ("negative", "en", "description", "Workshops for Year 10 at Ravnstad schools started in May."),
    ("negative", "en", "description", "Two staff attended a training in Vienna and a club meeting in June."),
    # --- a relative's or a young person's workplace ----------------------------------------------
    (
        "workplace",
        "de",
        "description",
        "Der Vater arbeitet als Lagerist bei [[LOCATION:Krämer Logistik]] in Bielefeld.",
    ),
    ("workplace", "en", "description", "His mother works as a cleaner at [[LOCATION:Hillside Care Home]]."),
    ("workplace", "en", "description", "[[PERSON:Karim]] works at [[LOCATION:Lidl]] in Roubaix since 2021."),
    ("negative", "en", "description", "The mentor works at Exit Sweden and the youth worker at Fryshuset."),
    ("negative", "en", "description", "Mentor works at Fryshuset; the boy meets him there."),
    ("negative", "sv", "description", "Fältassistenten arbetar på Fryshuset i Stockholm sedan 2018."),
    ("negative", "fr", "description", "Sa mère travaille comme aide-soignante à la Mairie de Lille."),
    # --- movements, parties, armies, laws; people the field cites --------------------------------
    ("negative", "en", "description", "He joined the Nordic Resistance Movement after watching Islamic State videos."),
    ("negative", "it", "description", "Il gruppo si ispirava allo Stato Islamico e citava Mussolini e Matteotti."),
    ("negative", "de", "description", "Die Schüler vergleichen Breivik und Tarrant mit der Roten Armee Fraktion."),
    ("negative", "fr", "description", "Le module revient sur Merah, Abaaoud et la loi du 24 juillet 2015."),
    ("negative", "nl", "description", "Na de moord op Theo van Gogh werd de Wet terroristische misdrijven gewijzigd."),
    ("kept", "fr", "description", "Son cousin, [[PERSON:Karim Merah]], a été entendu en 2019."),
]


# The sixth batch's one strict xfail, a workplace whose worker is only a pronoun no one named comes
# before ("She works as a cashier at Lidl"), is reported since the eighth batch
# (test_anonymisation_eighth.FIXED_GAPS_8); the Finnish school in a case ending since the seventh
# (test_anonymisation_seventh.FIXED_GAPS_7).


@pytest.mark.parametrize(("kind", "language", "field", "marked"), SIXTH_CASES, ids=_ids(SIXTH_CASES))
def test_personal_data_in_a_sixth_unseen_batch_is_found_whole_and_nothing_else(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.parametrize(
    ("kind", "language", "field", "marked"), FIXED_GAPS_6 + NEIGHBOURS_6, ids=_ids(FIXED_GAPS_6 + NEIGHBOURS_6)
)
def test_the_sixth_batchs_classes_in_other_languages_and_shapes(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.parametrize(
    "text",
    [
        "is in Year 10 at St Brendan " * 1500,
        "fréquentait la mosquée Al-Nour de " * 1500,
        "Sa sœur travaille comme caissière au Carrefour de " * 1000,
        "nadia arobase laposte point " * 1500,
        "Vesterbrogade 112, 3. tv. " * 1500,
        "ul. Lipowej 8/3 w Radomiu w " * 1500,
        "Alba de la Fuente de la " * 1500,
        "Hitler Bin Laden Primo Levi " * 1500,
    ],
)
def test_the_sixth_batchs_patterns_stay_fast_on_pathological_text(text):
    started = time.process_time()  # its own CPU time: a loaded machine does not inflate it
    check_fields({"description": text}, "en")
    assert time.process_time() - started < 20
