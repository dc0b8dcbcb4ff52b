"""A ninth batch of unseen snippets (round 9), written before any change for them.

``NINTH_CASES`` (docs/ANONYMISATION.md, "Known gaps", ninth batch): weighted to the practice
languages added last (Portuguese in European and Brazilian spelling, Greek, Hungarian,
Romanian), with Polish, Czech, Slovak, Croatian, Bulgarian in Cyrillic, Lithuanian, English,
French and German: names declined by case (Hungarian -nak/-val, Polish, Czech and Romanian
endings, the Greek genitive), national identity numbers (Portuguese NIF, Romanian CNP, Polish
PESEL, Hungarian TAJ, Greek AMKA, Bulgarian EGN, Croatian OIB, Czech rodné číslo without its
slash) and those countries' phone numbers, addresses in their own order, schools, diminutives,
initials with a surname, names typed without their diacritics; and ten snippets of ordinary
text (saints and streets in programme names, public figures, cited authors, months and
weekdays, words that are also given names: Hungarian "Tavasz", Romanian "Floare").
Marks as in ``test_anonymisation_sweep``.
"""

import pytest

from practices.anonymisation import check_fields, warm_up
from tests.practices.test_anonymisation_sweep import _ids, _missed_and_wrong


@pytest.fixture(scope="module", autouse=True)
def models():
    warm_up()


# (class, practice language, field, marked text)
NINTH_CASES: list[tuple[str, str, str, str]] = [
    (
        "nif_address",
        "pt",
        "description",
        "O jovem, [[PERSON:Tiago Ferreira]], de 17 anos, vive com a avó na [[LOCATION:Rua do Almada, 142,"
        " 4050-036 Porto]]. NIF [[NATIONAL_ID:258173645]]; telemóvel da avó: [[PHONE_NUMBER:912 345 678]].",
    ),
    (
        "brazilian_nickname",
        "pt",
        "description",
        "O adolescente, conhecido como [[PERSON:Zezinho]] no bairro, mora com o padrasto em"
        " [[LOCATION:Itaquera]]. A mãe, [[PERSON:Cláudia Regina Souza]], procurou o CRAS em março depois de"
        " ver os vídeos no celular dele.",
    ),
    (
        "negative",
        "pt",
        "description",
        "As sessões do programa «Santo António» decorrem às quartas-feiras, de outubro a junho, na Rua de São"
        " Bento, em Lisboa. O Presidente Marcelo Rebelo de Sousa visitou o projeto em maio de 2023.",
    ),
    (
        "negative",
        "pt",
        "description",
        "O projeto Tiradentes acontece toda segunda-feira na Escola Estadual Dom Pedro II, em Belo Horizonte,"
        " e segue a pedagogia de Paulo Freire (1970).",
    ),
    (
        "genitive_amka",
        "el",
        "description",
        "Η μητέρα του [[PERSON:Δημήτρη Αλεξίου]] (ΑΜΚΑ [[NATIONAL_ID:14050712349]]) μένει στην οδό"
        " [[LOCATION:Αγίου Δημητρίου 45, Καλαμαριά]] με τα δύο μικρότερα παιδιά.",
    ),
    (
        "lone_name_school",
        "el",
        "description",
        "Ο [[PERSON:Άγγελος]] πηγαίνει στο [[LOCATION:2ο Γυμνάσιο Αιγάλεω]] και περνά τα βράδια σε ομάδες του"
        " Telegram. Κινητό πατέρα: [[PHONE_NUMBER:697 234 5678]].",
    ),
    (
        "title_contact",
        "el",
        "contact",
        "Επικοινωνία με την οικογένεια: κ. [[PERSON:Σπύρος Μαυρίδης]], [[PHONE_NUMBER:210 612 3456]],"
        " [[EMAIL_ADDRESS:s.mavridis@gmail.com]]",
    ),
    (
        "negative",
        "el",
        "description",
        "Το πρόγραμμα «Άγιος Ανδρέας» ξεκίνησε τον Οκτώβριο στην Πάτρα· οι συναντήσεις γίνονται κάθε Τρίτη"
        " στο κέντρο νεότητας του δήμου.",
    ),
    (
        "suffixes",
        "hu",
        "description",
        "Az osztályfőnök beszélt [[PERSON:Szabó Eszterrel]], a fiú anyjával, aki [[LOCATION:Kazincbarcikán]]"
        " lakik. A fiú a barátjának, [[PERSON:Petinek]] is küldött ilyen videókat.",
    ),
    (
        "taj_address",
        "hu",
        "description",
        "Az ügyfél TAJ-száma: [[NATIONAL_ID:045 128 394]], lakcíme: [[LOCATION:3530 Miskolc, Széchenyi utca"
        " 12.]], telefon: [[PHONE_NUMBER:+36 30 123 4567]].",
    ),
    (
        "no_diacritics_school",
        "hu",
        "description",
        "[[PERSON:Balogh Zsofia]], 16 eves, a [[LOCATION:Fazekas Mihaly Gimnazium]] tanuloja; az anyja szerint"
        " ejszakakat tolt online.",
    ),
    (
        "negative",
        "hu",
        "description",
        "A Tavasz program minden kedden fut Budapesten, a Szent László utcai közösségi házban; a módszer"
        " Kovács (2018) munkájára épül.",
    ),
    (
        "negative",
        "hu",
        "description",
        "A csoport szeptembertől minden csütörtökön találkozik. Márciusban Orbán Viktor beszédeit elemeztük"
        " a fiatalokkal.",
    ),
    (
        "cnp_address",
        "ro",
        "description",
        "Tânărul [[PERSON:Andrei Popescu]], CNP [[NATIONAL_ID:5000913123457]], locuiește cu mama pe"
        " [[LOCATION:Strada Florilor nr. 14, bl. B2, ap. 7, Cluj-Napoca]]. Telefon mamă:"
        " [[PHONE_NUMBER:0722 123 456]].",
    ),
    (
        "case_endings",
        "ro",
        "description",
        "Am discutat cu mama [[PERSON:Ioanei]], doamna [[PERSON:Elena Stănescu]], care lucrează la"
        " [[LOCATION:Kaufland]] în Pitești.",
    ),
    (
        "no_diacritics_school",
        "ro",
        "description",
        "[[PERSON:Stefan Tanase]] (15 ani) e elev la Liceul Teoretic [[LOCATION:Mihai Eminescu]] si locuieste"
        " cu bunicii in [[LOCATION:Barlad]].",
    ),
    (
        "negative",
        "ro",
        "description",
        "Atelierul „Floare de Colț” are loc în fiecare marți, în aprilie și mai, pe strada Sfântul Nicolae din"
        " Iași, cu sprijinul Primăriei.",
    ),
    (
        "pesel_initial",
        "pl",
        "description",
        "Kurator [[PERSON:J. Kowalski]] przekazał dane chłopca: PESEL [[NATIONAL_ID:07231401235]], tel. matki"
        " [[PHONE_NUMBER:512 345 678]].",
    ),
    (
        "case_endings",
        "pl",
        "description",
        "Rozmawiałem z [[PERSON:Kasią Nowak]] i jej bratem [[PERSON:Tomkiem]], którzy mieszkają w"
        " [[LOCATION:Wałbrzychu]] przy [[LOCATION:ul. Długiej 5/12]].",
    ),
    (
        "negative",
        "pl",
        "description",
        "Zgodnie z badaniami Kowalczyk (2019) zajęcia odbywają się w każdy czwartek przy ulicy Mickiewicza,"
        " od września do czerwca.",
    ),
    (
        "rc_without_slash",
        "cs",
        "description",
        "Rodné číslo: [[NATIONAL_ID:0703145608]]. Matka [[PERSON:Pavla Nováka]] bydlí v"
        " [[LOCATION:Ostravě-Porubě]], [[LOCATION:Hlavní třída 583/12]].",
    ),
    (
        "phone_instrumental",
        "sk",
        "description",
        "Chlapec býva s otcom v [[LOCATION:Lučenci]], kontakt na otca: [[PHONE_NUMBER:0905 123 456]]. Do"
        " školy chodí so spolužiakom [[PERSON:Matúšom Kollárom]].",
    ),
    (
        "oib_address",
        "hr",
        "description",
        "Majka, [[PERSON:Ivana Horvat]], živi na adresi [[LOCATION:Ulica kralja Zvonimira 23, 10000 Zagreb]];"
        " OIB djeteta [[NATIONAL_ID:69438172056]].",
    ),
    (
        "cyrillic_egn",
        "bg",
        "description",
        "Момчето, [[PERSON:Георги Иванов]], ЕГН [[NATIONAL_ID:0652143122]], живее с баба си в"
        " [[LOCATION:Казанлък]]. Телефон на майката: [[PHONE_NUMBER:0888 123 456]].",
    ),
    (
        "negative",
        "bg",
        "description",
        "Програмата „Свети Георги“ се провежда всеки вторник в София с подкрепата на общината.",
    ),
    (
        "locative_phone",
        "lt",
        "description",
        "Vaikinas [[PERSON:Mantas Kazlauskas]] gyvena su močiute [[LOCATION:Jonavoje]]; motinos tel."
        " [[PHONE_NUMBER:+370 612 34567]].",
    ),
    (
        "address_postcode",
        "en",
        "description",
        "Referral from [[PERSON:Mrs D. Okafor]] (SENCO): [[PERSON:Danny]]'s stepdad, [[PERSON:Lee Whitfield]],"
        " lives at [[LOCATION:27 Beacon Road, Hull HU5 2LD]].",
    ),
    (
        "negative",
        "en",
        "description",
        "Following Kruglanski et al. (2014) and the Prevent guidance, sessions run every Tuesday in May at St"
        " Mary's Youth Centre.",
    ),
    (
        "school_phone",
        "fr",
        "description",
        "[[PERSON:Théo]] (14 ans) est en 3e au collège [[LOCATION:Jean-Moulin]] ; sa mère,"
        " [[PERSON:Mme Lefèvre]], a laissé son numéro, le [[PHONE_NUMBER:06 71 23 45 89]].",
    ),
    (
        "negative",
        "de",
        "description",
        "Das Projekt „Sankt Martin“ läuft seit März jeden Donnerstag an der Bertolt-Brecht-Straße in Leipzig;"
        " es stützt sich auf Heitmeyer (2002).",
    ),
]


# What the first run missed and this round could not close (docs/ANONYMISATION.md, "Known gaps"):
# left as strict xfails, by the snippets' indexes in NINTH_CASES.
NINTH_GAPS: dict[int, str] = {
    # 3, a school named after a king ('Escola Estadual Dom Pedro II') and a city the NER calls a name
    # ('em Belo Horizonte'): closed in round 11 (patterns.MONARCH; an NER name after a preposition of
    # place holding no given name that is no ordinary word; 'Paulo Freire (1970)' was closed in round 10)
    # 12, a head of government after a month in a case ending ('Márciusban Orbán Viktor'): closed in
    # round 11 (a month or weekday in a case ending no longer opens an NER name; PUBLIC_FIGURES)
    # 16, Romanian 'Floare' opening a quoted programme name: closed in round 10 (a programme's name in
    # quotes after the word for it holds no one's name, patterns.PROGRAMME_TITLE)
}
NINTH_PASSING = [case for index, case in enumerate(NINTH_CASES) if index not in NINTH_GAPS]
NINTH_FAILING = [case for index, case in enumerate(NINTH_CASES) if index in NINTH_GAPS]


@pytest.mark.parametrize(("kind", "language", "field", "marked"), NINTH_PASSING, ids=_ids(NINTH_PASSING))
def test_personal_data_in_a_ninth_unseen_batch_is_found_whole_and_nothing_else(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.xfail(strict=True, reason="known gap of the ninth batch, see NINTH_GAPS and docs/ANONYMISATION.md")
@pytest.mark.parametrize(("kind", "language", "field", "marked"), NINTH_FAILING, ids=_ids(NINTH_FAILING))
def test_the_ninth_batchs_known_gaps_still_fail(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


# Written with the fixes, around each class they fixed: the same class in other languages and
# shapes, and the ordinary text each new rule must leave alone.
NEIGHBOURS_9: list[tuple[str, str, str, str]] = [
    # --- identity numbers of the newer languages' countries ------------------------------------
    ("id", "pt", "description", "Número de contribuinte do pai: [[NATIONAL_ID:213 948 567]]."),
    ("id", "pt", "description", "Cartão de Cidadão da mãe: [[NATIONAL_ID:00000000 0 ZZ4]]."),
    ("id", "ro", "description", "Mama are CNP [[NATIONAL_ID:6061127401232]] și lucrează în Pitești."),
    ("id", "hu", "description", "TAJ szám: [[NATIONAL_ID:045128394]]"),
    ("id", "el", "description", "Ο πατέρας έχει ΑΜΚΑ [[NATIONAL_ID:03090698766]] και δουλεύει στο λιμάνι."),
    ("id", "bg", "description", "ЕГН на бащата: [[NATIONAL_ID:0748051293]]."),
    ("id", "hr", "description", "OIB oca: [[NATIONAL_ID:69438172056]]."),
    ("id", "cs", "description", "Dívka, r. č. [[NATIONAL_ID:0755223106]], chodí do deváté třídy."),
    # a number that one weak check confirms is not that number when another word names it
    (
        "pesel_phone",
        "pl",
        "description",
        "PESEL [[NATIONAL_ID:06250812349]], tel. ojca [[PHONE_NUMBER:512 345 678]].",
    ),
    # --- phone numbers of those countries in national form --------------------------------------
    ("phone", "pt", "description", "A avó atende no [[PHONE_NUMBER:912 345 678]] depois das 18h."),
    ("phone", "el", "description", "Τηλέφωνο γιαγιάς: [[PHONE_NUMBER:210 612 3456]]"),
    ("phone", "hu", "description", "Az apa száma: [[PHONE_NUMBER:06 30 123 4567]]."),
    ("phone", "ro", "description", "Numărul bunicii este [[PHONE_NUMBER:0722 123 456]]."),
    ("phone", "cs", "description", "Otec je k zastižení na čísle [[PHONE_NUMBER:602 123 456]]."),
    ("phone", "hr", "description", "Majka: [[PHONE_NUMBER:091 234 5678]]"),
    ("phone", "lt", "description", "Tėvo telefonas [[PHONE_NUMBER:8 612 34567]]."),
    ("negative", "pt", "description", "O projeto decorreu entre 2019 e 2021 com 1250 jovens e 48 escolas."),
    # --- a school after a word for attending it, in the newer languages ---------------------------
    (
        "school",
        "el",
        "description",
        "Η [[PERSON:Ελένη Δημητρίου]] φοιτά στο [[LOCATION:3ο Λύκειο Περιστερίου]] από πέρσι.",
    ),
    ("school", "cs", "description", "[[PERSON:Jakub]] chodí do [[LOCATION:ZŠ Komenského]] v Kopřivnici."),
    (
        "school",
        "hu",
        "description",
        "A lánya, [[PERSON:Réka]], a [[LOCATION:Petőfi Sándor Általános Iskolába]] jár.",
    ),
    ("negative", "ro", "description", "Echipa merge la școli din tot județul în fiecare marți."),
    ("negative", "hu", "description", "A program három gimnázium tanulóit érte el 2022-ben."),
    # --- names typed without their diacritics ---------------------------------------------------
    ("no_diacritics", "hu", "description", "A fiú anyja, [[PERSON:Szabo Eszter]], [[LOCATION:Ozdon]] lakik."),
    ("no_diacritics", "ro", "description", "[[PERSON:Stefan]] are 15 ani si locuieste cu mama."),
    # --- saints' titles in programme, street and school names -------------------------------------
    ("negative", "hu", "description", "A foglalkozások a Szent István téri közösségi házban zajlanak."),
    ("negative", "ro", "description", "Proiectul are loc pe strada Sfântul Gheorghe din Sibiu."),
    ("negative", "el", "description", "Οι συναντήσεις γίνονται στην ενορία του Αγίου Νικολάου κάθε Πέμπτη."),
    ("negative", "pl", "description", "Zajęcia prowadzimy w parafii św. Wojciecha w każdy piątek."),
    ("negative", "hr", "description", "Radionice se održavaju u Ulici Svetog Duha svakog utorka."),
    ("kept", "es", "description", "El padre, [[PERSON:Carlos San Martín]], llamó al centro."),
    # --- a place after a word for living, in Polish plural, Slovak and Romanian -------------------
    ("residence", "pl", "description", "Rodzice mieszkają w [[LOCATION:Wałbrzychu]] od 2015 roku."),
    ("residence", "sk", "description", "Dievča býva s mamou v [[LOCATION:Rožňave]]."),
    ("residence", "ro", "description", "Băiatul locuiește cu bunica în [[LOCATION:Vaslui]]."),
    ("negative", "ro", "description", "Proiectul lucrează cu tinerii în București și în Iași."),
    # --- given names declined by case, and diminutives ------------------------------------------
    ("declined", "hu", "description", "A mentor hetente beszél [[PERSON:Annának]] az iskoláról."),
    ("declined", "hu", "description", "Az apa [[PERSON:Péterrel]] és a nagymamával él."),
    ("declined", "pl", "description", "Kurator spotkał się z [[PERSON:Kasią]] i jej matką w piątek."),
    ("declined", "cs", "description", "Sociální pracovnice mluvila s [[PERSON:Petrem]] o škole."),
    ("declined", "ro", "description", "Fratele [[PERSON:Mariei]] a fost arestat în 2021."),
    ("declined", "lt", "description", "Mentorius kalbėjosi su [[PERSON:Tomo]] mama."),
    ("declined", "el", "description", "Η γιαγιά του [[PERSON:Γιώργου Νικολάου]] τον μεγάλωσε μόνη της."),
    ("negative", "hu", "description", "A Tavasszal induló csoport a Tavasz programra épül."),
    ("negative", "pl", "description", "Marka odzieży była popularna wśród chłopców."),
    # --- addresses in their countries' order -----------------------------------------------------
    ("address", "pt", "description", "A mãe mora na [[LOCATION:Rua de Santa Catarina, 310, 4000-447 Porto]]."),
    ("address", "ro", "description", "Familia stă pe [[LOCATION:Bulevardul Unirii nr. 27, bl. 4, ap. 12, Ploiești]]."),
    ("address", "hu", "description", "Lakcím: [[LOCATION:6720 Szeged, Kossuth Lajos sugárút 5.]]"),
    ("address", "cs", "description", "Rodina bydlí na adrese [[LOCATION:Masarykova třída 12]], Olomouc."),
    ("address", "el", "description", "Η οικογένεια μένει στην [[LOCATION:οδό Ερμού 12, Αθήνα]]."),
    ("negative", "ro", "description", "Strada a fost închisă în 2019 pentru 14 zile."),
    ("negative", "hu", "description", "A Kossuth tér 2019-ben megújult."),
    # --- a place in a case ending (Hungarian before "lakik", Lithuanian locative) -----------------
    ("residence", "hu", "description", "Az anyja, aki [[LOCATION:Nyíregyházán]] lakik, nem válaszol."),
    ("residence", "lt", "description", "Mergaitė gyvena su tėvu [[LOCATION:Utenoje]]."),
    ("negative", "lt", "description", "Šeima gyvena Lietuvoje nuo 2015 metų."),
    # --- Cyrillic --------------------------------------------------------------------------------
    ("residence", "bg", "description", "Майката, [[PERSON:Мария Петрова]], живее в [[LOCATION:Сливен]] с децата."),
    ("negative", "bg", "description", "Проектът работи в София и Пловдив от 2019 година."),
    # --- a workplace in Romanian: a relative's, not a practitioner's -----------------------------
    ("workplace", "ro", "description", "Tatăl lui lucrează ca șofer la [[LOCATION:Dedeman]] în Bacău."),
    ("negative", "ro", "description", "Mentorul lucrează la Salvați Copiii din 2018."),
    # --- known limits of earlier rounds: an author cited without a year -------------------------
    ("negative", "en", "description", "As Bouzar writes, families are often the first to notice."),
    ("negative", "en", "description", "According to Kruglanski, the quest for significance drives it."),
    ("negative", "fr", "description", "Selon Khosrokhavar, la prison est un lieu de radicalisation."),
    ("negative", "de", "description", "Heitmeyer schreibt, dass Gewalt aus Ohnmacht entsteht."),
    ("kept", "en", "description", "According to [[PERSON:Karim]], his brother left in May."),
    ("kept", "en", "description", "[[PERSON:Kowalski]] argued with the police in March."),
    ("kept", "en", "description", "As [[PERSON:Kowalski]] left the meeting, the mentor called the school."),
    # --- a state's office before its holder's name: a public figure --------------------------------
    ("negative", "de", "description", "Bundeskanzler Olaf Scholz besuchte das Projekt im Mai."),
    ("negative", "en", "description", "Prime Minister Mette Frederiksen opened the centre in 2022."),
    ("kept", "en", "description", "Club President [[PERSON:Ahmed Yilmaz]] called us about his son."),
    ("kept", "en", "description", "The president of the youth club, [[PERSON:Ahmed Yilmaz]], called us."),
    ("kept", "es", "description", "El padre, [[PERSON:Carlos Rey Martínez]], llamó al centro."),
    # --- and a Czech rodné číslo without its slash, after its word --------------------------------
    ("id", "cs", "description", "Otec, rodné číslo [[NATIONAL_ID:0703145608]], se nedostavil."),
]


@pytest.mark.parametrize(("kind", "language", "field", "marked"), NEIGHBOURS_9, ids=_ids(NEIGHBOURS_9))
def test_the_ninth_batchs_classes_in_other_languages_and_shapes(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # a wrong check digit after the word naming the number
        ("pt", "O NIF 213948568 do formulário está errado."),
        ("ro", "CNP-ul 6061127401233 din cerere este greșit."),
        ("hu", "A TAJ szám 045128395 hibás a kérelemben."),
        ("el", "Ο ΑΜΚΑ 03090698767 στην αίτηση είναι λάθος."),
        ("bg", "ЕГН 0748051294 в молбата е грешно."),
        ("hr", "OIB 69438172057 u zahtjevu nije točan."),
        # a valid number that no word names: references, counts, accounts
        ("pt", "Foram 213948567 visualizações no total."),
        ("hu", "Az ügyirat száma 045128394, a határidő március 31."),
        ("el", "Ο αριθμός πρωτοκόλλου 03090698766 αφορά την αίτηση του δήμου."),
        ("cs", "Číslo účtu 0703145608 patří městu, ne rodině."),
    ],
)
def test_a_number_is_no_identity_number_without_its_word_and_its_check_digit(language, text):
    findings, _ = check_fields({"description": text}, language)
    assert [f.text for f in findings if f.type == "NATIONAL_ID"] == []
