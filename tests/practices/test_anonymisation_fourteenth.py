"""A fourteenth batch of unseen snippets (round 14), written before any change for them.

``FOURTEENTH_CASES`` (docs/ANONYMISATION.md, "Known gaps", fourteenth batch): weighted to what
batches 1-13 had least (of their snippets, Latvian 1, Slovenian 2, Bulgarian 12, Romanian 19, Czech
23, Portuguese 28, Hungarian 29; identity numbers without their word, Signal usernames, a role and
a small town none): case notes written fast in Italian, Portuguese, Romanian, Hungarian, Czech,
Polish, Bulgarian and Slovenian; a practitioner known by a role and a small town; Polish, Latvian
and Slovenian identity numbers written without their label word; dates of birth in Romanian,
Czech, Bulgarian, Hungarian (year first) and Portuguese formats; a school's name that identifies a
child; a person named only by a nickname in quotes; e-mail addresses beside Telegram and Signal
usernames; and seven snippets of ordinary text (public programmes, cited authors, the street of a
public office, organisations holding a person's name, job titles alone). Marks as in
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
FOURTEENTH_CASES: list[tuple[str, str, str, str]] = [
    (
        "fast_note",
        "it",
        "description",
        "Tel. c/ la madre: [[PERSON:Giorgia]] (15) da 2 sett. dorme dalla nonna a [[LOCATION:Cinisello Balsamo]],"
        " a scuola non ci va. La madre non vuole che chiamiamo i carabinieri.",
    ),
    (
        "fast_note",
        "pt",
        "description",
        "Falei c/ a mãe hj: o [[PERSON:Tiago]] (16) tá a viver c/ o tio em [[LOCATION:Setúbal]] e ñ vai às aulas"
        " desde jan. Mãe acha q ele anda c/ o pessoal do ginásio.",
    ),
    (
        "fast_note_dob",
        "ro",
        "description",
        "Disc. cu mama azi: [[PERSON:Andrei]], născut pe [[DATE_OF_BIRTH:12.02.2009]], stă la bunica în"
        " [[LOCATION:Pașcani]] de o lună și nu mai merge la școală.",
    ),
    (
        "fast_note",
        "hu",
        "description",
        "Tel. az anyával: [[PERSON:Bence]] (16) most a nagyapjánál lakik [[LOCATION:Kiskunhalason]], iskolába nem"
        " jár, éjjel a TikTokon van.",
    ),
    (
        "fast_note_dob",
        "cs",
        "description",
        "Tel. s matkou: [[PERSON:Vojta]], nar. [[DATE_OF_BIRTH:2. 4. 2009]], bydlí teď u babičky v"
        " [[LOCATION:Kolíně]], do školy nechodí od Vánoc.",
    ),
    (
        "fast_note",
        "pl",
        "description",
        "Rozm. z matką: [[PERSON:Kacper]] (15) mieszka teraz u ojca w [[LOCATION:Wałbrzychu]], w szkole nie był"
        " od marca, matka boi się dzwonić na policję.",
    ),
    (
        "fast_note_dob",
        "bg",
        "description",
        "Разговор с майката: [[PERSON:Кристиян]], роден на [[DATE_OF_BIRTH:14.02.2009]] г., живее при вуйчо си в"
        " [[LOCATION:Казанлък]] и не ходи на училище.",
    ),
    (
        "fast_note",
        "sl",
        "description",
        "Klic z mamo: [[PERSON:Žiga]] (15) zdaj živi pri očetu v [[LOCATION:Velenju]], v šolo ne hodi že od novembra.",
    ),
    (
        "role_small_town",
        "de",
        "description",
        "Der Streetworker aus [[LOCATION:Oberweißbach]] meldete, dass [[PERSON:Jonas]] seit Wochen mit zwei"
        " Älteren aus der Kameradschaft unterwegs ist.",
    ),
    (
        "id_without_label",
        "pl",
        "description",
        "[[PERSON:Oliwia Zając]] ([[NATIONAL_ID:09262104622]]) mieszka z matką i młodszym bratem w"
        " [[LOCATION:Bytomiu]].",
    ),
    (
        "id_without_label",
        "lv",
        "description",
        "Meitene, [[NATIONAL_ID:210709-23015]], dzīvo pie tantes [[LOCATION:Ogrē]]; māte strādā Īrijā.",
    ),
    (
        "id_without_label",
        "sl",
        "description",
        "Fant [[PERSON:Luka Kovačič]], [[NATIONAL_ID:1205009505002]], je bil napoten s strani šole.",
    ),
    (
        "dob_year_first",
        "hu",
        "description",
        "[[PERSON:Kovács Réka]] [[DATE_OF_BIRTH:2008. szeptember 14]]-én született [[LOCATION:Ózdon]], azóta az"
        " anyjával él.",
    ),
    (
        "dob_slashes",
        "pt",
        "description",
        "A jovem, nascida a [[DATE_OF_BIRTH:07/03/2009]] em [[LOCATION:Vila Franca de Xira]], foi sinalizada pela"
        " CPCJ.",
    ),
    (
        "school_child",
        "it",
        "description",
        "[[PERSON:Mattia]] (12) è in seconda alla [[LOCATION:scuola media Giovanni Pascoli]] di Sant'Ilario, dove i"
        " compagni lo prendono in giro.",
    ),
    (
        "nickname_quoted",
        "cs",
        "description",
        "Ve třídě mu všichni říkají „[[PERSON:Rambo]]“ a on si to užívá; od září nosí do školy nůž.",
    ),
    (
        "email_telegram",
        "it",
        "description",
        "Il ragazzo scrive alla sorella da [[EMAIL_ADDRESS:lupo.solitario09@libero.it]] e su Telegram si firma"
        " [[PERSON:@lupo_solitario09]].",
    ),
    (
        "email_signal",
        "ro",
        "description",
        "Îi scrie de pe [[EMAIL_ADDRESS:dacul_liber2009@yahoo.ro]], iar pe Signal e [[PERSON:dacul_liber.09]].",
    ),
    (
        "negative",
        "it",
        "description",
        "Il progetto è finanziato dal programma Erasmus+ e si svolge alla Casa della Carità Angelo Abriani, in via"
        " Brambilla a Milano.",
    ),
    (
        "negative",
        "pt",
        "description",
        "Seguimos o modelo de Daniel Koehler e as orientações da RAN; as sessões decorrem na Câmara Municipal do"
        " Porto, na Praça General Humberto Delgado.",
    ),
    (
        "negative",
        "ro",
        "description",
        "Programul „Școala după școală” se desfășoară la Primăria Sectorului 3, pe Bulevardul Mihai Bravu, cu"
        " sprijinul Fundației Friedrich Ebert.",
    ),
    (
        "negative",
        "hu",
        "description",
        "Az iskolapszichológus és a családsegítő minden héten egyeztet a polgármesteri hivatalban, a Kossuth Lajos"
        " utcában.",
    ),
    (
        "negative",
        "cs",
        "description",
        "Metodika vychází z práce Philipa Zimbarda a Hannah Arendtové; školení probíhá na Magistrátu města Brna,"
        " Dominikánské náměstí 1.",
    ),
    (
        "negative",
        "pl",
        "description",
        "Program prowadzi Fundacja im. Stefana Batorego razem z Urzędem Miasta Lublin, a zajęcia odbywają się w"
        " bibliotece przy ul. Narutowicza.",
    ),
    (
        "negative",
        "lv",
        "description",
        "Programmu finansē Eiropas Sociālais fonds; nodarbības vada jaunatnes darbiniece un sociālais pedagogs Rīgas"
        " domē, Rātslaukumā 1.",
    ),
]


# What the first run missed and this round could not close (docs/ANONYMISATION.md, "Known gaps"):
# left as strict xfails, by the snippets' indexes in FOURTEENTH_CASES.
FOURTEENTH_GAPS: dict[int, str] = {
    18: "an organisation whose name holds a person's after a word that is no organisation's ('Casa della Carità"
    " Angelo Abriani'): 'casa' is also a home ('a casa di Marco'), so it cannot be an organisation's word",
}
FOURTEENTH_PASSING = [case for index, case in enumerate(FOURTEENTH_CASES) if index not in FOURTEENTH_GAPS]
FOURTEENTH_FAILING = [case for index, case in enumerate(FOURTEENTH_CASES) if index in FOURTEENTH_GAPS]


@pytest.mark.parametrize(("kind", "language", "field", "marked"), FOURTEENTH_PASSING, ids=_ids(FOURTEENTH_PASSING))
def test_personal_data_in_a_fourteenth_unseen_batch_is_found_whole_and_nothing_else(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.xfail(strict=True, reason="known gap of the fourteenth batch, see FOURTEENTH_GAPS and the docs")
@pytest.mark.parametrize(("kind", "language", "field", "marked"), FOURTEENTH_FAILING, ids=_ids(FOURTEENTH_FAILING))
def test_the_fourteenth_batchs_known_gaps_still_fail(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


# Written with the fixes, around each class they fixed: the same class in other languages and
# shapes, and the ordinary text each new rule must leave alone.
NEIGHBOURS_14: list[tuple[str, str, str, str]] = [
    # --- staying at someone's, in the southern and Slavic languages ----------------------------------
    ("residence", "it", "description", "Da marzo la ragazza dorme dalla zia a [[LOCATION:Sesto Fiorentino]]."),
    ("residence", "pt", "description", "O rapaz está a viver com a avó em [[LOCATION:Barreiro]] desde o verão."),
    ("residence", "ro", "description", "Fata stă la o mătușă în [[LOCATION:Bârlad]] de două luni."),
    ("residence", "sk", "description", "Chlapec býva teraz u starej mamy v [[LOCATION:Prievidzi]]."),
    ("residence", "lv", "description", "Puisis dzīvoja pie vectēva [[LOCATION:Valmierā]] līdz pavasarim."),
    ("negative", "it", "description", "Il progetto sta lavorando con i giovani a Torino e a Genova."),
    ("negative", "pt", "description", "O programa pretende viver em Lisboa uma experiência de diálogo."),
    # --- identity numbers beside a person, without their word ----------------------------------------
    ("national_id", "et", "description", "Poiss ([[NATIONAL_ID:50403152717]]) elab ema juures."),
    ("national_id", "lt", "description", "Mergaitė, [[NATIONAL_ID:60805223181]], gyvena su tėvu."),
    ("negative", "pl", "description", "Projekt (nr umowy 09262104622) trwa do 2026 roku."),
    ("negative", "et", "description", "Toetusleping 50403152717 sõlmiti 2021. aastal."),
    # --- dates of birth ------------------------------------------------------------------------------
    ("dob", "ro", "description", "Băiatul, născut la [[DATE_OF_BIRTH:3 martie 2008]], locuiește cu bunicii."),
    ("dob", "hu", "description", "A fiú [[DATE_OF_BIRTH:2009. május 2]]-án született."),
    ("negative", "ro", "description", "Programul, născut în 2019 la Cluj, a ajuns în zece orașe."),
    # --- a Hungarian name, surname first -------------------------------------------------------------
    ("hungarian_name", "hu", "description", "[[PERSON:Nagy Bence]] édesanyja hétfőn felhívta az iskolát."),
    ("negative", "hu", "description", "A Szent István Egyetem és a Debreceni Egyetem közösen dolgozik."),
    # --- streets and organisations named after someone -----------------------------------------------
    ("negative", "pt", "description", "A sessão decorre na Avenida Almirante Reis, junto à junta de freguesia."),
    ("negative", "sl", "description", "Delavnice potekajo na Prešernovem trgu in v Cankarjevem domu."),
    ("negative", "pl", "description", "Szkoła Podstawowa im. Jana Pawła II w Wadowicach prowadzi zajęcia."),
    ("negative", "cs", "description", "Kurz probíhá v sále na Palackého třídě v Brně."),
    (
        "kept",
        "pt",
        "description",
        "Na Rua Augusta, o [[PERSON:Tiago]] encontrou o primo.",
    ),
    # --- an office's address after its name ----------------------------------------------------------
    ("negative", "sk", "description", "Stretnutia sú na Mestskom úrade, Hlavná ulica 5, v Trnave."),
    (
        "kept",
        "de",
        "description",
        "Der Sohn des Trainers vom Verein, [[LOCATION:Lindenstraße 7]], wurde im Mai gemeldet.",
    ),
    # --- cited authors after their work --------------------------------------------------------------
    ("negative", "it", "description", "Seguiamo il modello di Daniel Koehler e le linee guida della RAN."),
    ("negative", "ro", "description", "Metoda se bazează pe lucrarea lui Arie Kruglanski."),
    # --- nicknames and usernames ---------------------------------------------------------------------
    ("nickname", "ro", "description", "Colegii îi spun „[[PERSON:Lupul]]” de când a venit în clasă."),
    ("nickname", "pt", "description", 'Na escola chamam-lhe "[[PERSON:Magrão]]" desde o sétimo ano.'),
    ("username", "en", "description", "On Signal he is [[PERSON:night_rider.42]], his sister says."),
    ("negative", "en", "description", "The Signal group had 42.5 members on average."),
    # --- a school named after someone ----------------------------------------------------------------
    (
        "school",
        "pl",
        "description",
        "[[PERSON:Kacper]] jest w trzeciej klasie w [[LOCATION:szkole podstawowej Marii Konopnickiej]].",
    ),
]


# Written after the product owner's decision (docs/ANONYMISATION.md, "A practitioner's small place"):
# a role and a small place identify one person and the place is reported; a large town (GeoNames, 5,000
# people or more) and an organisation after a role are not.
ROLE_AND_PLACE: list[tuple[str, str, str, str]] = [
    ("role_small_place", "de", "description", "Die Schulsozialarbeiterin aus [[LOCATION:Kleinwelsbach]] rief an."),
    ("role_small_place", "en", "description", "The youth worker from [[LOCATION:Nordby]] knew the boy well."),
    ("role_small_place", "fr", "description", "L'éducateur de [[LOCATION:Saint-Firmin]] a signalé le jeune."),
    (
        "role_small_place",
        "nl",
        "description",
        "De jongerenwerker uit [[LOCATION:Zandvoort-Noord]] belde de school.",
    ),
    ("role_small_place", "sv", "description", "Fältassistenten från [[LOCATION:Grundsund]] ringde till skolan."),
    ("role_small_place", "it", "description", "L'educatore di strada da [[LOCATION:Roccaverano]] ci ha chiamati."),
    ("role_small_place", "es", "description", "El educador social de [[LOCATION:Villanueva del Rebollar]] avisó."),
    ("negative", "de", "description", "Der Streetworker aus Berlin meldete sich am Montag."),
    ("negative", "en", "description", "The youth worker from Rotterdam joined the session."),
    ("negative", "fr", "description", "L'éducatrice de Marseille anime l'atelier."),
    ("negative", "de", "description", "Der Streetworker aus dem Jugendzentrum kennt die Gruppe."),
    ("negative", "en", "description", "The youth worker from the Youth Centre called."),
    ("negative", "nl", "description", "De jongerenwerker uit het buurthuis kent hem."),
    # added with the rule: declined towns after "z", more languages, and a person after the role's "de", "van"
    ("role_small_place", "pl", "description", "Pedagog z [[LOCATION:Wąchocka]] zadzwonił do szkoły."),
    ("role_small_place", "da", "description", "SSP-konsulenten fra [[LOCATION:Nørre Nebel]] ringede i går."),
    ("role_small_place", "pt", "description", "O técnico de [[LOCATION:Vilar de Perdizes]] ligou à mãe."),
    ("role_small_place", "ro", "description", "Asistentul social din [[LOCATION:Bucium]] a sunat."),
    ("negative", "pl", "description", "Kurator z Warszawy przyjechał we wtorek."),
    ("negative", "nb", "description", "Miljøterapeuten fra Bodø ringte til skolen."),
    ("kept", "fr", "description", "L'éducatrice de [[PERSON:Léa]] a appelé la mère."),
    ("kept", "nl", "description", "De mentor van [[PERSON:Daan]] belde de school."),
]


@pytest.mark.parametrize(("kind", "language", "field", "marked"), ROLE_AND_PLACE, ids=_ids(ROLE_AND_PLACE))
def test_a_practitioners_small_place_after_the_role_is_reported_a_large_town_is_not(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


# Neighbours the round could not close (docs/ANONYMISATION.md, "Known gaps"): strict xfails.
NEIGHBOURS_14_GAPS: dict[int, str] = {
    9: "a contract's number of eleven digits opening with 0 ('nr umowy 09262104622') is no identity number now"
    " (another document's number), but phonenumbers holds it a possible phone number and it is reported as one",
}
NEIGHBOURS_14_PASSING = [case for index, case in enumerate(NEIGHBOURS_14) if index not in NEIGHBOURS_14_GAPS]
NEIGHBOURS_14_FAILING = [case for index, case in enumerate(NEIGHBOURS_14) if index in NEIGHBOURS_14_GAPS]


@pytest.mark.parametrize(
    ("kind", "language", "field", "marked"), NEIGHBOURS_14_PASSING, ids=_ids(NEIGHBOURS_14_PASSING)
)
def test_the_fourteenth_batchs_classes_in_other_languages_and_shapes(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.xfail(strict=True, reason="known gap of the fourteenth round's neighbours, see NEIGHBOURS_14_GAPS")
@pytest.mark.parametrize(
    ("kind", "language", "field", "marked"), NEIGHBOURS_14_FAILING, ids=_ids(NEIGHBOURS_14_FAILING)
)
def test_the_fourteenth_batchs_neighbour_gaps_still_fail(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # about 40,000 characters each: a quadratic pattern would take minutes, a linear one a second
        ("pt", "na Praça General Humberto Delgado Costa Reis " * 900),
        ("hu", "Kossuth Lajos Ferenc Nagy utca " * 1300),
        ("cs", "vychází z práce Philipa Zimbarda a Hannah " * 950),
        ("pl", "mieszka teraz u ojca u ojca u ojca w " * 1100),
        ("lv", "Meitene, 210709-23015, Oliwia Zając (09262104622) " * 800),
        ("ro", "pe Signal e pe Signal e dacul.09 " * 1250),
        ("de", "Der Jugendsozialarbeiter aus Kleinhausen Nord am Berg " * 750),
    ],
)
def test_the_fourteenth_batchs_patterns_stay_fast_on_pathological_text(language, text):
    started = time.process_time()  # its own CPU time: a loaded machine does not inflate it
    check_fields({"description": text}, language)
    assert time.process_time() - started < 20
