"""A fifth batch of unseen snippets, and the number plate, German and list-item cases.

``FIFTH_CASES`` were written before any change for them (docs/ANONYMISATION.md, "Known
gaps", fifth batch): case narratives, initials, nicknames, handles, dates of birth, identity
and bank numbers, addresses in prose, the school that names a small place, lower-case names
in chat, titled names, and ordinary text (cited authors, organisations, large cities,
statistics). First run: 24 of 30 passed. ``FIXED_GAPS_5`` are the earlier known gaps now
fixed, ``NEIGHBOURS`` the cases written with the fixes, around each class they fixed (the
same class in other languages and shapes, and the ordinary text each new rule must leave
alone). Marks as in ``test_anonymisation_sweep``.
"""

import pytest

from practices.anonymisation import check_fields, warm_up
from tests.practices.test_anonymisation_sweep import _ids, _missed_and_wrong


@pytest.fixture(scope="module", autouse=True)
def models():
    warm_up()


# (class, practice language, field, marked text)
FIFTH_CASES: list[tuple[str, str, str, str]] = [
    (
        "narrative",
        "en",
        "description",
        "The young man, 17, from [[LOCATION:Ravnsborg]], was referred to us in 2019 after posting propaganda.",
    ),
    (
        "narrative",
        "es",
        "description",
        "La joven, de 16 años y vecina de [[LOCATION:Alcalá del Júcar]], fue captada por internet en 2018.",
    ),
    (
        "narrative",
        "it",
        "description",
        "Il ragazzo, [[PERSON:Luca]], aveva 15 anni quando nel 2020 ha iniziato a frequentare il gruppo.",
    ),
    ("handle", "de", "description", "Er postete unter dem Namen [[PERSON:@schwarzer_loewe88]] Videos auf Telegram."),
    ("handle", "nl", "description", "Op TikTok heette ze [[PERSON:@umm.safiya_nl]] en had ze drieduizend volgers."),
    ("date_of_birth", "sv", "description", "Flickan (född [[DATE_OF_BIRTH:2005-06-14]]) placerades i ett familjehem."),
    (
        "date_of_birth",
        "fi",
        "description",
        "Nuori mies, syntynyt [[DATE_OF_BIRTH:12.3.2004]], ohjattiin hankkeeseen keväällä.",
    ),
    ("national_id", "fi", "description", "Asiakirjassa oli hänen henkilötunnuksensa [[NATIONAL_ID:131052-308T]]."),
    ("national_id", "nb", "description", "Fødselsnummeret hans, [[NATIONAL_ID:15070410033]], sto i saksmappen."),
    (
        "iban",
        "nl",
        "description",
        "De huur werd betaald vanaf [[IBAN_CODE:NL91 ABNA 0417 1643 00]], op naam van de vader.",
    ),
    ("iban", "de", "description", "Das Geld ging auf das Konto [[IBAN_CODE:DE89 3704 0044 0532 0130 00]] der Tante."),
    (
        "address",
        "en",
        "description",
        "He lived above the kebab shop at [[LOCATION:14 Station Road]], opposite the bus depot.",
    ),
    ("address", "de", "description", "Die Familie wohnt in der [[LOCATION:Lindenstraße 7]] im zweiten Stock."),
    (
        "address",
        "fr",
        "description",
        "La famille habite au [[LOCATION:3, rue Victor-Hugo]], au deuxième étage, depuis 2015.",
    ),
    ("chat", "en", "description", "[[PERSON:ali]]: bro u coming friday?\n[[PERSON:yusuf]]: inshallah, same place"),
    ("chat", "fr", "description", "Message de [[PERSON:karim]] à 23 h : « t'es où ? on t'attend »."),
    (
        "titled_name",
        "en",
        "description",
        "She was assessed by [[PERSON:Dr Hannah Whitfield]], a forensic psychologist.",
    ),
    ("titled_name", "fr", "description", "[[PERSON:Mme Benali]] nous a contactés après le départ de son fils."),
    ("titled_name", "de", "description", "[[PERSON:Herr Yilmaz]] meldete sich im März bei der Beratungsstelle."),
    ("nickname", "en", "description", 'Online he was known as "[[PERSON:Abu Layla]]" and recruited two classmates.'),
    ("nickname", "nl", "description", "Hij noemde zichzelf [[PERSON:Abu Hamza al-Hollandi]] in de chatgroep."),
    # --- ordinary text: nothing to report --------------------------------------------------------
    ("negative", "en", "description", "A.B. (19) and his cousin M. attended six sessions; both completed it."),
    (
        "negative",
        "sv",
        "description",
        "Metoden bygger på motiverande samtal (Miller & Rollnick, 2013) och används i Göteborg.",
    ),
    (
        "negative",
        "fr",
        "description",
        "Selon l'Insee, 12 % des jeunes de Marseille et de Lyon sont sans emploi ni formation.",
    ),
    (
        "negative",
        "de",
        "description",
        "Das Violence Prevention Network arbeitet in Berlin, Hamburg und München mit 40 Fachkräften.",
    ),
    (
        "negative",
        "nl",
        "description",
        "In 2022 volgden 134 jongeren in Rotterdam en Amsterdam het programma (artikel 140a Sr).",
    ),
    (
        "negative",
        "da",
        "description",
        "Aarhus-modellen, udviklet af Østjyllands Politi og Aarhus Kommune, beskrives af Bertelsen (2015).",
    ),
    (
        "negative",
        "es",
        "description",
        "Según el Ministerio del Interior, en 2019 se detuvo a 46 personas en Madrid y Barcelona.",
    ),
    ("negative", "fi", "description", "Hanke kesti 2019–2021, ja sen rahoitus oli 1,2 M€ (laki 1287/2019)."),
]


# KNOWN_GAPS of test_anonymisation_sweep until this batch: a number plate had no finding type,
# and the English model, reading German, took two nouns around "von" for a name.
FIXED_GAPS_5: list[tuple[str, str, str, str]] = [
    (
        "plate",
        "de",
        "description",
        "Das Auto mit dem Kennzeichen [[VEHICLE_PLATE:B-KL 4821]] wurde vor der Moschee gesehen.",
    ),
    ("german_nouns", "de", "description", "Die Beratungsstelle Hayat begleitet seit 2012 Familien von Ausreisenden."),
]

NEIGHBOURS: list[tuple[str, str, str, str]] = [
    # --- number plates after a word naming one, in Europe's formats ---------------------------
    (
        "plate",
        "fr",
        "description",
        "Il circulait dans une voiture immatriculée [[VEHICLE_PLATE:AB-123-CD]] depuis mars.",
    ),
    ("plate", "en", "description", "The car (registration number [[VEHICLE_PLATE:AB12 CDE]]) was seen twice."),
    ("plate", "nl", "description", "De auto met kenteken [[VEHICLE_PLATE:12-ABC-3]] stond elke avond voor de deur."),
    ("plate", "sv", "description", "Bilen med registreringsnummer [[VEHICLE_PLATE:ABC 123]] stod utanför skolan."),
    ("plate", "it", "description", "L'auto targata [[VEHICLE_PLATE:AB 123 CD]] era parcheggiata davanti al centro."),
    ("plate", "es", "description", "Un coche con matrícula [[VEHICLE_PLATE:1234 BCD]] lo recogía a la salida."),
    ("plate", "nb", "description", "Bilen hadde skilt [[VEHICLE_PLATE:AB 12345]] og sto ved moskeen hver fredag."),
    ("plate", "da", "description", "Bilen med nummerpladen [[VEHICLE_PLATE:AB 12 345]] holdt ved skolen."),
    ("plate", "fi", "description", "Auto, rekisterinumero [[VEHICLE_PLATE:ABC-123]], nähtiin koulun pihalla."),
    (
        "plate",
        "pl",
        "description",
        "Samochód o numerze rejestracyjnym [[VEHICLE_PLATE:WA 12345]] widziano pod meczetem.",
    ),
    # The same words without a plate: features, references, years, law numbers.
    ("negative", "de", "description", "Ein Kennzeichen der Radikalisierung ist der Rückzug, so die Studie 2019."),
    ("negative", "en", "description", "Case registration number 2019/0412 was closed under Law 12/2019."),
    ("negative", "it", "description", "La targa commemorativa del 2019 ricorda le vittime dell'attentato."),
    ("negative", "es", "description", "La matrícula 2023 del curso sumó 120 alumnos en Madrid."),
    ("negative", "en", "description", "Reg. no. 12345 of the association; reg. nr. 2010:1234 of the SFS."),
    ("negative", "de", "description", "Das Verfahren (Az. 2 Js 1234/19) wurde 2020 eingestellt."),
    # --- nouns around a preposition, an article opening a German phrase -----------------------
    (
        "german_nouns",
        "de",
        "description",
        "Die Beratungsstelle begleitet seit 2012 Kinder von Rückkehrern und deren Mütter.",
    ),
    (
        "german_nouns",
        "nl",
        "description",
        "Het project ondersteunt sinds 2015 Ouders van Syriëgangers in de hele regio.",
    ),
    (
        "names_kept",
        "de",
        "description",
        "Im Jahr 2019 sprach [[PERSON:Ursula von der Leyen]] über die Prävention in Schulen.",
    ),
    ("names_kept", "nl", "description", "In 2019 sprak [[PERSON:Jan van Dijk]] met de ouders over de school."),
    (
        "names_kept",
        "pt",
        "description",
        "O mentor, [[PERSON:Ana das Neves]], acompanhou o jovem durante dois anos.",
    ),
    # --- a place right after words tying it to a person, in any language ----------------------
    (
        "person_place",
        "it",
        "description",
        "Il ragazzo abita a [[LOCATION:Borgo Val di Taro]] con la madre dal 2017.",
    ),
    ("person_place", "pl", "description", "Chłopak mieszka w [[LOCATION:Nowym Targu]] razem z matką."),
    ("person_place", "fr", "description", "Depuis 2018, il vit à [[LOCATION:Saint-Pol-sur-Ternoise]] chez sa tante."),
    ("negative", "en", "description", "Staff attended a training in Vienna and moved to Salafism research."),
    ("negative", "en", "description", "She moved to Social Services in March after the review."),
    ("negative", "en", "description", "The project attended to Islamophobia in schools across the region."),
    # --- a given name in apposition after a word for a young person ---------------------------
    ("apposition", "en", "description", "The girl, [[PERSON:Hope]], stopped coming after the summer."),
    (
        "apposition",
        "fr",
        "description",
        "Le jeune, [[PERSON:Karim Benali]], a été suivi pendant deux ans.",
    ),
    ("apposition", "de", "description", "Der Schüler, [[PERSON:Emir]], kam zweimal in die Beratung."),
    ("negative", "de", "description", "Der Jugendliche, Mitglied einer Gruppe, kam zweimal in die Beratung."),
    ("negative", "en", "description", "The client, Monday to Friday, met the mentor at the library."),
    # --- lower-case names in chat: speakers and senders --------------------------------------
    ("chat", "nl", "description", "doel: vertrouwen opbouwen\n[[PERSON:marc]]: ik kom niet, sorry"),
    ("chat", "de", "description", "Nachricht von [[PERSON:yusuf]]: komm morgen zur Moschee."),
    ("negative", "en", "description", "note: the sessions moved.\nobjectives: trust, safety\nmethod: dialogue"),
    ("negative", "en", "description", "Message from the school: the sessions restart in May."),
    # --- nicknames and aliases ---------------------------------------------------------------
    ("nickname", "fr", "description", "Sur les réseaux, il se faisait appeler « [[PERSON:Le Lion]] »."),
    (
        "nickname",
        "en",
        "description",
        "In the group he was known as [[PERSON:Yusuf Khan]], not by his real name.",
    ),
    ("negative", "sv", "description", "Metoden, känd som Aarhusmodellen, används i Göteborg och Malmö."),
    ("negative", "en", "description", "The method is known as the Aarhus model in most of Denmark."),
]

ALL = FIFTH_CASES + FIXED_GAPS_5 + NEIGHBOURS


@pytest.mark.parametrize(("kind", "language", "field", "marked"), ALL, ids=_ids(ALL))
def test_personal_data_in_a_fifth_unseen_batch_is_found_whole_and_nothing_else(kind, language, field, marked):
    assert _missed_and_wrong(language, field, marked) == ([], [])


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "fr",
            "Objectifs :\n- Renforcer les familles.\n- Réduire les traumatismes et le stress.\n"
            "- Favoriser le dialogue.",
        ),
        ("fr", "Nos priorités\nRéduire les risques de passage à l'acte.\nÉcouter la famille sans juger."),
        ("en", "Goals:\n- Reduce harm.\n- Strengthen families.\n- Build trust with the school."),
    ],
)
def test_a_verb_heading_a_list_item_is_no_name(language, text):
    """The French model calls "Réduire" and "Renforcer" at a list item's start persons (and
    tags them proper nouns) for their capital alone."""
    findings, _ = check_fields({"description": text}, language)
    assert [(f.type, f.text) for f in findings] == []


@pytest.mark.parametrize(
    ("language", "field", "text", "name"),
    [
        ("fr", "contact", "Marie Dupont, coordinatrice\nRéduire les délais de réponse.", "Marie Dupont"),
        ("fr", "description", "Le suivi :\nFontaine a appelé la mère lundi.", "Fontaine"),
        ("fr", "description", "Le suivi :\nMercier a appelé la mère lundi.", "Mercier"),
        ("en", "description", "Follow-up:\nBaker met the family twice in May.", "Baker"),
    ],
)
def test_a_name_heading_a_line_is_still_reported(language, field, text, name):
    findings, _ = check_fields({field: text}, language)
    assert [(f.type, f.text) for f in findings] == [("PERSON", name)]


@pytest.mark.parametrize(
    "text",
    [
        "Kennzeichen AB " * 5000,
        "known as Abu " * 5000,
        "ali: x\n" * 5000,
        "Il ragazzo, Luca, " * 3000,
        "vive en Alcalá del " * 3000,
        "message de karim " * 4000,
    ],
)
def test_the_fifth_batchs_patterns_stay_fast_on_pathological_text(text):
    import time

    started = time.process_time()  # its own CPU time: a loaded machine does not inflate it
    check_fields({"description": text}, "en")
    assert time.process_time() - started < 20
