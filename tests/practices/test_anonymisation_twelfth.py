"""A twelfth batch of unseen snippets (round 12), written before any change for them.

``TWELFTH_CASES`` (docs/ANONYMISATION.md, "Known gaps", twelfth batch): weighted to what batches
1-11 had least: the languages the portal accepts since 2026-12-07 (Greek, Czech, Slovak, Croatian,
Lithuanian, Bulgarian: one to seven snippets each before), network posts written fast (given names in
lower case, a nickname without quotes), a list of participants, an e-mail signature inside a
description, a person known by a role in a small community, a child with a school and an age, dates
of birth in several formats; and six snippets of ordinary text (a school and a street named after
people in a public programme, "Saint-Denis", places that are given names: "Florence", "Victoria",
"Adelaide", organisations and foundations holding a person's name, authors cited without a year).
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
TWELFTH_CASES: list[tuple[str, str, str, str]] = [
    (
        "network_lowercase",
        "en",
        "description",
        "quick update: met [[PERSON:ahmed]] and his mum at the station, he says [[PERSON:yusuf]] is back"
        " from turkey and staying at his uncle's",
    ),
    (
        "network_lowercase",
        "sv",
        "description",
        "träffade [[PERSON:amir]] och hans lillebror vid centralen igår, han sa att pappan åkt tillbaka"
        " och att mamman inte orkar längre",
    ),
    (
        "nickname_unquoted",
        "fr",
        "description",
        "Au quartier tout le monde l'appelle [[PERSON:Kiki]], mais son vrai prénom c'est [[PERSON:Kylian]]"
        " et il a 16 ans.",
    ),
    (
        "participants",
        "de",
        "description",
        "Teilnehmende der Fallkonferenz: [[PERSON:Lena Hoffmann]] (Jugendamt), [[PERSON:Murat Yıldız]]"
        " (Schulsozialarbeit), [[PERSON:Katrin Vogel]] (Polizei).",
    ),
    (
        "signature",
        "cs",
        "description",
        "Chlapec od září nechodí do školy a matka nereaguje na dopisy.\n\nS pozdravem\n"
        "[[PERSON:Tereza Dvořáková]]\nsociální pracovnice\n[[EMAIL_ADDRESS:t.dvorakova@ospod-kolin.cz]]",
    ),
    (
        "role_small_community",
        "en",
        "description",
        "The youth leader of the small Ahmadiyya mosque in Nordby, [[PERSON:Rashid]], first raised the"
        " alarm with the school.",
    ),
    (
        "child_school_age",
        "cs",
        "description",
        "[[PERSON:Tomáš]] (11 let) chodí do páté třídy na [[LOCATION:ZŠ Komenského]] a bydlí s babičkou"
        " v [[LOCATION:Kladně]].",
    ),
    (
        "date_of_birth",
        "en",
        "description",
        "Referral: [[PERSON:Kyle Bennett]], DOB [[DATE_OF_BIRTH:14/09/2008]]; his sister was born on"
        " [[DATE_OF_BIRTH:3rd March 2011]] and lives with their father.",
    ),
    (
        "greek",
        "el",
        "description",
        "Ο [[PERSON:Νίκος Αντωνίου]], 17 ετών, μένει με τη γιαγιά του στη [[LOCATION:Λάρισα]] από τον Οκτώβριο.",
    ),
    (
        "czech",
        "cs",
        "description",
        "Otec, [[PERSON:Jiří Novotný]], pracuje v Německu; matka s dětmi bydlí v [[LOCATION:Ostravě]].",
    ),
    (
        "slovak",
        "sk",
        "description",
        "Chlapec [[PERSON:Matej]], narodený [[DATE_OF_BIRTH:12. 5. 2009]], žije so starou mamou v"
        " [[LOCATION:Prešove]]; jeho brat [[PERSON:Lukáš Horváth]] je vo väzbe.",
    ),
    (
        "croatian",
        "hr",
        "description",
        "[[PERSON:Ivana Kovačević]], majka, kaže da sin [[PERSON:Luka]] od rujna ne ide u školu; obitelj"
        " živi u [[LOCATION:Osijeku]].",
    ),
    (
        "lithuanian",
        "lt",
        "description",
        "[[PERSON:Tomas Kazlauskas]], 16 metų, gyvena su močiute [[LOCATION:Panevėžyje]]; jo motina"
        " [[PERSON:Rasa]] dirba Norvegijoje.",
    ),
    (
        "bulgarian",
        "bg",
        "description",
        "Майката, [[PERSON:Десислава Петрова]], съобщи, че синът ѝ [[PERSON:Калоян]] живее при баба си в"
        " [[LOCATION:Сливен]].",
    ),
    (
        "negative",
        "fr",
        "description",
        "Le programme se tient au collège Jean-Jaurès de Saint-Denis, rue Gabriel-Péri, avec la Fondation Abbé Pierre.",
    ),
    (
        "negative",
        "en",
        "description",
        "Sessions ran in Florence, Victoria and Adelaide, with partners from the Anne Frank Trust and the"
        " Ronald McDonald House.",
    ),
    (
        "negative",
        "en",
        "description",
        "The curriculum draws on Kate Ferguson's work and on Arie Kruglanski's significance quest theory.",
    ),
    (
        "negative",
        "de",
        "description",
        "Das Projekt läuft an der Sophie-Scholl-Schule und im Jugendzentrum Karl Marx in Chemnitz,"
        " gefördert von der Robert Bosch Stiftung.",
    ),
    (
        "negative",
        "cs",
        "description",
        "Program probíhá v Brně na Masarykově univerzitě a spolupracuje s Knihovnou Václava Havla.",
    ),
    (
        "negative",
        "el",
        "description",
        "Το εργαστήριο έγινε στην Αθήνα, στην οδό Ερμού, με τη στήριξη του Ιδρύματος Σταύρος Νιάρχος.",
    ),
]


# What the first run missed and this round could not close (docs/ANONYMISATION.md, "Known gaps"):
# left as strict xfails, by the snippets' indexes in TWELFTH_CASES. The first run (10 of 20 passing,
# 26 of 34 items found, 4 false alarms) failed 10: the lower-case names of both network posts, "Rashid"
# (no list held it; "in Nordby, Rashid," read as a list of places), "ZŠ Komenského", Slovak
# "narodený 12. 5. 2009", Croatian "živi u Osijeku", Bulgarian "живее при баба си в Сливен"; and
# "Kate Ferguson's work", "Arie Kruglanski's … theory", "Jugendzentrum Karl Marx", "Knihovnou Václava
# Havla" reported. The round's fixes closed them all.
TWELFTH_GAPS: dict[int, str] = {}
TWELFTH_PASSING = [case for index, case in enumerate(TWELFTH_CASES) if index not in TWELFTH_GAPS]
TWELFTH_FAILING = [case for index, case in enumerate(TWELFTH_CASES) if index in TWELFTH_GAPS]


@pytest.mark.parametrize(("kind", "language", "field", "marked"), TWELFTH_PASSING, ids=_ids(TWELFTH_PASSING))
def test_personal_data_in_a_twelfth_unseen_batch_is_found_whole_and_nothing_else(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.xfail(strict=True, reason="known gap of the twelfth batch, see TWELFTH_GAPS and docs/ANONYMISATION.md")
@pytest.mark.parametrize(("kind", "language", "field", "marked"), TWELFTH_FAILING, ids=_ids(TWELFTH_FAILING))
def test_the_twelfth_batchs_known_gaps_still_fail(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


# Written with the fixes, around each class they fixed: the same class in other languages and
# shapes, and the ordinary text each new rule must leave alone.
NEIGHBOURS_12: list[tuple[str, str, str, str]] = [
    # --- a paragraph written all in lower case -----------------------------------------------------
    ("lower_case", "en", "description", "saw [[PERSON:karim]] outside the school today, he said his brother is back"),
    ("lower_case", "de", "description", "heute [[PERSON:yusuf]] am bahnhof getroffen, er wohnt jetzt bei seiner tante"),
    ("lower_case", "fr", "description", "vu [[PERSON:inès]] ce matin avec sa mère devant le collège, elle va mieux"),
    ("negative", "en", "description", "met the mentor and the coach at the station after training today"),
    ("negative", "en", "description", "quick update: the group met in the library and talked about football"),
    # --- a place list after a comma must go on; an apposition after a place ---------------------------
    ("apposition", "en", "description", "The coach at the club in Tilburg, [[PERSON:Samir]], called us."),
    ("negative", "en", "description", "Sessions ran in Leeds, Bradford, Luton and Hull last spring."),
    ("negative", "en", "description", "The tour went on to Victoria, Florence and Adelaide."),
    ("given_name", "en", "description", "[[PERSON:Tariq]] left the group in May."),
    # --- dates of birth in the newer languages ---------------------------------------------------
    ("date_of_birth", "sk", "description", "Dievča, narodená [[DATE_OF_BIRTH:3. 11. 2008]], býva s otcom."),
    ("date_of_birth", "hr", "description", "Dječak je rođen [[DATE_OF_BIRTH:14. 2. 2009]]. i živi s majkom."),
    ("date_of_birth", "el", "description", "Το παιδί γεννήθηκε στις [[DATE_OF_BIRTH:12/03/2008]] στην Πάτρα."),
    ("negative", "hr", "description", "Projekt je rođen 2019. u suradnji s gradom."),
    # --- living somewhere: Croatian, Bulgarian with whom -------------------------------------------
    ("residence", "hr", "description", "Baka živi u [[LOCATION:Splitu]] s unukom od ljeta."),
    ("residence", "bg", "description", "Момчето живее при леля си в [[LOCATION:Пловдив]] от година."),
    ("negative", "hr", "description", "Radionice se održavaju u Zagrebu i Rijeci svake srijede."),
    # --- a pupil's class and a school's abbreviation ------------------------------------------------
    ("school", "cs", "description", "[[PERSON:Anna]] chodí do 8. třídy na [[LOCATION:ZŠ Husova]] v Brně."),
    ("school", "sk", "description", "[[PERSON:Peter]] chodí do piatej triedy na [[LOCATION:ZŠ Hviezdoslavova]]."),
    ("negative", "cs", "description", "Program je určen pro žáky 8. třídy na základních školách v Brně."),
    # --- organisations named after people ---------------------------------------------------------
    ("negative", "cs", "description", "Spolupracujeme s Nadací Olgy Havlové a s Knihovnou Jiřího Mahena."),
    ("negative", "hr", "description", "Radionice vodi Udruga Franjo Kuhač iz Osijeka."),
    ("negative", "de", "description", "Die Gruppe trifft sich im Familienzentrum Anne Frank in Köln."),
    ("kept", "de", "description", "Im Jugendzentrum traf [[PERSON:Karim Benali]] seinen Mentor."),
    # --- an author cited by a work of theirs -----------------------------------------------------
    ("negative", "en", "description", "The programme builds on Daniel Koehler's work on deradicalisation."),
    ("negative", "en", "description", "Sessions use Moghaddam's staircase model with older pupils."),
    ("kept", "en", "description", "[[PERSON:Ahmed]]'s work at the garage keeps him busy."),
    ("kept", "en", "description", "The mentor uses [[PERSON:Karim Benali]]'s own story in class."),
]


# Neighbours the round could not close (docs/ANONYMISATION.md, "Known gaps"): strict xfails.
# Index 7 ("The tour went on to Victoria, Florence and Adelaide") was one until round 13's lists of
# towns after a word for travelling (practices.anonymisation.towns); index 17 (a lone Slovak "Peter")
# until round 13's given names of the languages without a word list (given_names.ordinary_word).
NEIGHBOURS_12_GAPS: dict[int, str] = {}
NEIGHBOURS_12_PASSING = [case for index, case in enumerate(NEIGHBOURS_12) if index not in NEIGHBOURS_12_GAPS]
NEIGHBOURS_12_FAILING = [case for index, case in enumerate(NEIGHBOURS_12) if index in NEIGHBOURS_12_GAPS]


@pytest.mark.parametrize(
    ("kind", "language", "field", "marked"), NEIGHBOURS_12_PASSING, ids=_ids(NEIGHBOURS_12_PASSING)
)
def test_the_twelfth_batchs_classes_in_other_languages_and_shapes(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.xfail(strict=True, reason="known gap of the twelfth round's neighbours, see NEIGHBOURS_12_GAPS")
@pytest.mark.parametrize(
    ("kind", "language", "field", "marked"), NEIGHBOURS_12_FAILING, ids=_ids(NEIGHBOURS_12_FAILING)
)
def test_the_twelfth_batchs_neighbour_gaps_still_fail(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # about 40,000 characters each: a quadratic pattern would take minutes, a linear one a second
        ("en", "met ahmed and yusuf at the station and " * 1050),
        ("en", "in Leeds, Bradford, Luton, Hull, Rashid, " * 1000),
        ("cs", "chodí do 8. třídy na ZŠ Husova ZŠ " * 1200),
        ("en", "draws on Kate Ferguson's significance quest " * 900),
        ("de", "im Jugendzentrum Karl Marx Familienzentrum " * 950),
    ],
)
def test_the_twelfth_batchs_patterns_stay_fast_on_pathological_text(language, text):
    started = time.process_time()  # its own CPU time: a loaded machine does not inflate it
    check_fields({"description": text}, language)
    assert time.process_time() - started < 20
