"""The personal-data check: what it finds, the exact spans, redaction and hints."""

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.functional import Promise

from practices.anonymisation import (
    FINDING_TYPES,
    PLACEHOLDERS,
    Finding,
    SpanMismatch,
    check_fields,
    check_text,
    redact,
    warm_up,
)
from practices.importer import import_document

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "practices" / "fixtures" / "templates" / "000_c92d1ef0c5228cd4.txt"


@pytest.fixture(scope="module", autouse=True)
def models():
    warm_up()


def found(text: str, language: str = "en") -> set[tuple[str, str]]:
    findings, _ = check_text(text, language, "description")
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
    return {(f.type, f.text) for f in findings}


def types_of(text: str, needle: str, language: str = "en") -> set[str]:
    return {kind for kind, span in found(text, language) if needle in span or span in needle}


# --- finding types -------------------------------------------------------------


def test_finding_types_are_exactly_the_agreed_ones():
    assert set(FINDING_TYPES) == {
        "PERSON",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "NATIONAL_ID",
        "IBAN_CODE",
        "LOCATION",
        "DATE_OF_BIRTH",
        "VEHICLE_PLATE",
        "IP_ADDRESS",
        "CASE_NUMBER",
    }
    assert set(PLACEHOLDERS) == set(FINDING_TYPES)


def test_every_finding_type_has_a_label_moderators_read_in_their_language():
    from practices.models import Finding
    from practices.pii import HINT_TYPE

    assert set(Finding.TYPE_LABELS) == {*FINDING_TYPES, HINT_TYPE}
    with translation.override("fr"):
        labels = {kind: str(label) for kind, label in Finding.TYPE_LABELS.items()}
    with translation.override("en"):
        english = {kind: str(label) for kind, label in Finding.TYPE_LABELS.items()}
    assert [kind for kind in labels if labels[kind] == english[kind]] == []


@pytest.mark.parametrize(
    "number",
    [
        "0047 41234567",
        "+47 412 34 567",
        "06 12 34 56 78",
        "+33 6 12 34 56 78",
        "030 1234567",
        "+45 32 12 34 56",
        "08-123 456 78",
        "+358 40 1234567",
        "0470 12 34 56",
        "06-12345678",
        "+44 20 7946 0958",
    ],
)
def test_phone_numbers_in_european_and_international_formats_are_found(number):
    assert ("PHONE_NUMBER", number) in found(f"The family can be reached on {number} in the evening.")


@pytest.mark.parametrize("text", ["between 2014-2015 and", "case 2019/0412 was closed", "ref. 2018-04-117 is"])
def test_year_ranges_and_case_numbers_are_not_phone_numbers(text):
    assert not any(kind == "PHONE_NUMBER" for kind, _ in found(f"The review {text} shared with partners."))


@pytest.mark.parametrize(
    "valid, broken",
    [
        ("15030740014", "15030740010"),  # Norwegian fødselsnummer
        ("120389-1004", "120389-1000"),  # Danish CPR (modulus 11)
        ("051209-4103", "051209-4100"),  # Swedish personnummer
        ("040506-384J", "040506-3841"),  # Finnish HETU
        ("90.03.15-123.77", "90.03.15-123.70"),  # Belgian national number
        ("2 99 05 75 056 123 31", "2 99 05 75 056 123 30"),  # French NIR
        ("111222333", "111222330"),  # Dutch BSN
    ],
)
def test_identity_numbers_are_reported_only_when_their_check_digits_hold(valid, broken):
    assert ("NATIONAL_ID", valid) in found(f"His identity number is {valid} according to the file.")
    assert "NATIONAL_ID" not in types_of(f"His identity number is {broken} according to the file.", broken)


def test_an_identity_number_wins_over_the_phone_number_its_digits_also_make():
    text = "Number 15030740014 was on the form."
    assert types_of(text, "15030740014") == {"NATIONAL_ID"}


def test_german_tax_id_needs_a_word_naming_it():
    assert ("NATIONAL_ID", "65 929 970 489") in found("Seine Steuer-ID lautet 65 929 970 489.")
    assert "NATIONAL_ID" not in types_of("Order 65 929 970 489 arrived.", "65 929 970 489")


def test_ibans_are_reported_only_with_a_valid_checksum():
    assert ("IBAN_CODE", "NO93 8601 1117 947") in found("Paid to NO93 8601 1117 947 last month.")
    assert ("IBAN_CODE", "NO94 8601 1117 947") not in found("Paid to NO94 8601 1117 947 last month.")


def test_email_addresses_are_found_without_the_network():
    assert ("EMAIL_ADDRESS", "kari.lund@ravnstad.kommune.no") in found("Write to kari.lund@ravnstad.kommune.no.")
    assert not any(kind == "EMAIL_ADDRESS" for kind, _ in found("The handle user@localhost is internal."))


@pytest.mark.parametrize(
    "address, language",
    [
        ("12 rue des Lilas", "fr"),
        ("221B Baker Street", "en"),
        ("Storgata 5", "en"),
        ("Boks 237, N-1702 Sarpsborg", "en"),
        ("12 rue des Lilas, 69003 Lyon", "fr"),
        ("Karl Johans gate 22, 0159 Oslo", "en"),
        ("Hauptstraße 12, 10115 Berlin", "fr"),
        ("Kerkstraat 14, 1017 GC Amsterdam", "en"),
        ("Rue de la Loi 16, 1000 Bruxelles", "fr"),
    ],
)
def test_street_addresses_are_found_whole_as_locations(address, language):
    assert ("LOCATION", address) in found(f"The family lived at {address} until the summer.", language)


def test_a_year_before_a_capitalised_word_is_no_address():
    assert not any(kind == "LOCATION" and "2019" in text for kind, text in found("In 2019 Ravnstad hired mentors."))


@pytest.mark.parametrize(
    "sentence, date, language",
    [
        ("He was born on 3 May 2004 in a small town.", "3 May 2004", "en"),
        ("Date of birth: 12/03/2006.", "12/03/2006", "en"),
        ("DOB 2005-11-23, second child.", "2005-11-23", "en"),
        ("Elle est née le 14 février 2005 à Lyon.", "14 février 2005", "fr"),
        ("Date de naissance : 02/09/2007.", "02/09/2007", "fr"),
        ("Jeune né(e) le 1er mars 2004, suivi depuis un an.", "1er mars 2004", "fr"),
        ("Gutten er født 07.07.2003 i Norge.", "07.07.2003", "en"),
    ],
)
def test_a_date_near_a_word_for_birth_is_a_date_of_birth(sentence, date, language):
    assert ("DATE_OF_BIRTH", date) in found(sentence, language)


def test_a_date_without_a_word_for_birth_is_not_a_date_of_birth():
    assert not any(kind == "DATE_OF_BIRTH" for kind, _ in found("The meeting on 3 May 2004 was in Brussels."))


@pytest.mark.parametrize(
    "sentence, name, language",
    [
        ("The social worker, J. Dupont, met the family.", "J. Dupont", "en"),
        ("In one case, Mr K. Hansen contacted the team.", "Mr K. Hansen", "en"),
        ("Mme Fatima El Amrani a rejoint le groupe.", "Mme Fatima El Amrani", "fr"),
        ("Le groupe est animé par J.-P. Martin depuis un an.", "J.-P. Martin", "fr"),
    ],
)
def test_names_with_titles_and_initials_are_found_whole(sentence, name, language):
    assert ("PERSON", name) in found(sentence, language)


def test_a_hyphenated_first_name_is_kept_whole_so_redaction_leaves_no_part_of_it():
    assert ("PERSON", "Ole-Martin Johansen") in found("We met Ole-Martin Johansen and his sister in Tromsø.")


def test_a_lettered_heading_is_not_a_name_but_initials_alone_on_a_contact_line_are():
    assert not any(kind == "PERSON" for kind, _ in found("A. Background\n\nThe practice began in 2015."))
    assert ("PERSON", "J. Dupont") in found("Contact\nJ. Dupont\nj.dupont@example.org")


def test_a_numbered_heading_is_not_a_name():
    assert not any(kind == "PERSON" for kind, _ in found("A. Background\n\nThe practice began in 2015."))


def test_organisations_acronyms_and_countries_are_not_reported():
    text = "The RAN YF&C working group and the Red Cross met in Norway; the Ministry of Justice funds it."
    assert found(text) == set()


def test_a_surname_found_once_is_found_again_in_every_field():
    findings, _ = check_fields(
        {"description": "Mr K. Hansen called the team.", "evidence_evaluation": "Later Hansen said it helped."}, "en"
    )
    later = [f for f in findings if f.field == "evidence_evaluation"]
    assert [(f.type, f.text, f.start, f.end) for f in later] == [("PERSON", "Hansen", 6, 12)]


def test_every_span_is_exact_and_scored_between_zero_and_one():
    text = "Contact J. Dupont (+47 412 34 567, j.dupont@example.org), Storgata 5, N-1702 Sarpsborg."
    findings, _ = check_text(text, "en", "contact")
    assert {f.type for f in findings} >= {"PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "LOCATION"}
    for finding in findings:
        assert finding.field == "contact"
        assert text[finding.start : finding.end] == finding.text
        assert 0.0 <= finding.score <= 1.0


def test_the_seed_templates_contact_is_reported_field_by_field():
    parsed = import_document(SEED.read_bytes(), SEED.name)
    findings, _ = check_fields({"contact": parsed.fields["contact"]}, parsed.language)
    contact = {(f.type, f.text) for f in findings}
    assert {
        ("PERSON", "Tone Faale"),
        ("EMAIL_ADDRESS", "tsfa@sarpsborg.com"),
        ("PHONE_NUMBER", "0047 98217686"),
        ("LOCATION", "Boks 237, N-1702 Sarpsborg"),
    } <= contact


def test_an_unsupported_language_is_checked_with_the_english_model():
    assert ("EMAIL_ADDRESS", "a@example.org") in found("Skriv til a@example.org.", "nb")


# --- redaction -------------------------------------------------------------------


def test_redaction_replaces_every_finding_by_its_placeholder():
    text = "Mr K. Hansen (+47 412 34 567) lives at Storgata 5."
    findings, _ = check_text(text, "en", "description")
    assert redact(text, findings) == "[name] ([phone]) lives at [place]."


def test_redaction_applies_from_the_end_so_offsets_stay_right():
    text = "Ann and Bob"
    findings = [Finding("d", "PERSON", "Ann", 0, 3, 0.9), Finding("d", "PERSON", "Bob", 8, 11, 0.9)]
    assert redact(text, findings) == "[name] and [name]"
    assert redact(text, list(reversed(findings))) == "[name] and [name]"


@pytest.mark.parametrize("kind", sorted(PLACEHOLDERS))
def test_each_type_has_its_own_placeholder(kind):
    assert redact("x 123 y", [Finding("d", kind, "123", 2, 5, 1.0)]) == f"x {PLACEHOLDERS[kind]} y"


def test_redaction_refuses_a_span_that_no_longer_matches_the_text():
    finding = Finding("d", "PERSON", "Hansen", 3, 9, 0.9)
    with pytest.raises(SpanMismatch):
        redact("Mr Hanson called.", [finding])
    with pytest.raises(SpanMismatch):
        redact("Mr", [finding])


def test_redaction_refuses_overlapping_findings():
    findings = [Finding("d", "PERSON", "K. Hansen", 3, 12, 0.9), Finding("d", "PERSON", "Hansen", 6, 12, 0.6)]
    with pytest.raises(ValueError):
        redact("Mr K. Hansen", findings)


# --- hints -------------------------------------------------------------------------


def hints_in(text: str, language: str) -> list[tuple[str, str]]:
    _, hints = check_text(text, language, "description")
    for hint in hints:
        assert text[hint.start : hint.end] == hint.text
        assert hint.field == "description" and hint.message
    return [(h.kind, h.text) for h in hints]


def test_an_age_a_small_place_and_a_year_together_are_a_hint():
    text = "In one case, a 17-year-old boy from Ravnstad in 2019 was referred by his school."
    assert hints_in(text, "en") == [("age_place_year", "17-year-old boy from Ravnstad in 2019")]
    text = "Un garçon de 16 ans de Belmont en 2018 a été signalé par le collège."
    assert hints_in(text, "fr") == [("age_place_year", "garçon de 16 ans de Belmont en 2018")]


def test_an_age_in_brackets_counts_as_an_age():
    assert hints_in("The girl (15) from Vestby was referred in 2021.", "en") == [
        ("age_place_year", "girl (15) from Vestby was referred in 2021")
    ]


def test_an_age_range_of_a_group_is_no_hint():
    assert hints_in("Young people aged 16 to 24 took part in Oslo between 2016 and 2020.", "en") == []


def test_the_only_person_with_a_role_in_a_place_is_a_hint():
    assert hints_in("The only imam in Ravnstad supported the family.", "en") == [
        ("rare_role", "The only imam in Ravnstad")
    ]
    assert hints_in("Le seul imam de la commune a soutenu la famille.", "fr") == [
        ("rare_role", "Le seul imam de la commune")
    ]
    assert hints_in("The only way to succeed is trust. Le seul moyen est la confiance.", "en") == []


def test_hint_messages_are_marked_for_translation_and_read_in_the_active_language(monkeypatch):
    from practices.anonymisation import hints

    assert all(isinstance(message, Promise) for message in hints.MESSAGES.values())
    with translation.override("en"):
        _, english = check_text("The only imam in Ravnstad helped.", "en", "description")
    assert english[0].message.startswith("Describing someone as the only person")
    monkeypatch.setattr(translation._trans, "gettext", lambda message: f"«{message}»", raising=False)
    _, translated = check_text("The only imam in Ravnstad helped.", "en", "description")
    assert translated[0].message == f"«{english[0].message}»"


# --- loading ---------------------------------------------------------------------


def test_importing_the_package_loads_no_model():
    code = (
        "import django, sys; django.setup(); "
        "import practices.anonymisation, practices.pii, practices.management.commands.import_practice; "
        "assert 'spacy' not in sys.modules and 'presidio_analyzer' not in sys.modules, 'loaded at import'; "
        "assert not any(name.startswith('faker.providers.person') for name in sys.modules), 'names at import'"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "DJANGO_SECRET_KEY": "test-only"}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_engine_is_built_once_even_when_threads_race_for_it():
    from practices.anonymisation import engine

    seen = []
    threads = [threading.Thread(target=lambda: seen.append(engine.analyzer())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(a) for a in seen}) == 1 and seen[0] is engine.analyzer()


def test_a_missing_model_is_an_error_not_a_download(monkeypatch):
    import spacy.cli

    from practices.anonymisation import engine

    monkeypatch.setattr(spacy.cli, "download", lambda *a, **k: pytest.fail("tried to download a model"))
    with pytest.raises(RuntimeError, match="not installed"):
        engine._load_model("xx_no_such_model_sm")


@pytest.mark.parametrize("text", ["Dupont-" * 5000, "-" * 50000, "Aa " * 20000, "12 rue " * 5000])
def test_every_pattern_stays_fast_on_pathological_text(text):
    import re
    import time

    from practices.anonymisation import patterns

    compiled = [value for value in vars(patterns).values() if isinstance(value, re.Pattern)]
    started = time.process_time()
    for pattern in compiled:
        for _ in pattern.finditer(text):
            pass
    assert time.process_time() - started < 1.5, "a pattern backtracks: bound its repetitions"


@pytest.mark.parametrize(
    "address",
    [
        "a.demir@hayat.intern",
        "mkj@aarhus.local",
        "d.huber@turn.example",
        "elodie.marchand@gmial.com",
        "kari.nordby@kristiansand.kommune",
        "ola@larvik.kommune.on",
    ],
)
def test_everything_email_shaped_is_an_email_address_whatever_its_domain(address):
    assert ("EMAIL_ADDRESS", address) in found(f"Write to {address}, or call.")


@pytest.mark.parametrize("number", ["(+47) 4123 4567", "(+45) 2012 3456", "(030) 2345 6780", "+49 (0)30 2345 6789"])
def test_phone_spans_cover_the_whole_number_with_its_brackets(number):
    text = f"Ring {number} i dag."
    phones = [value for kind, value in found(text) if kind == "PHONE_NUMBER"]
    assert phones == [number]


@pytest.mark.parametrize(
    "address, language",
    [
        ("rue de la Loi 16", "fr"),
        ("Storgata 12", "no"),
        ("Nørregade 7", "da"),
        ("Drottninggatan 25", "sv"),
        ("Hauptstraße 5", "de"),
        ("Pasilanraitio 11, 00240 Helsinki", "en"),
        ("Grote Markt 9, 1800 Vilvoorde", "fr"),
        ("Carl Jacobsens Vej 39, 2500 Valby", "da"),
        ("Alt-Reinickendorf 25\n13407 Berlin", "de"),
        ("Hantverkargatan 3D\n112 21 Stockholm", "sv"),
        ("Boulevard Pachéco 19\n1010 Bruxelles", "fr"),
        ("Hantverkargatan 3D\n\n112 21 Stockholm", "sv"),
    ],
)
def test_addresses_with_the_number_after_the_street_are_found_whole(address, language):
    assert ("LOCATION", address) in found(f"Kari Nordby\n{address}\nkari@example.org", language)


@pytest.mark.parametrize(
    "contact, name, language",
    [
        ("Kontaktperson: Anders Møller Holm\nTelefon 2934 5678", "Anders Møller Holm", "da"),
        ("Ansprechpartner: Thomas Krüger\nTelefon: 030 / 9179 0550", "Thomas Krüger", "de"),
        ("Ingrid Solberg\nStorgata 12\n3256 Larvik", "Ingrid Solberg", "no"),
        ("Sofia Lindqvist, Exit\nDrottninggatan 25, 111 51 Stockholm", "Sofia Lindqvist", "sv"),
    ],
)
def test_german_and_nordic_contact_names_are_found(contact, name, language):
    findings, _ = check_fields({"contact": contact}, language)
    assert ("PERSON", name) in {(f.type, f.text) for f in findings}


def test_the_practices_own_programme_organisation_and_places_are_no_persons_or_places():
    fields = {
        "title": "Jamal al-Khatib – My Path! Online streetwork",
        "description": "Jamal al-Khatib is a fictional character. Streetworkers in Vienna post his story; "
        "researchers at the Université d'Oslo and Aarhus Kommune took part.",
        "geographical_scope": "Austria (Vienna), Akershus",
        "contact": "Aarhus Kommune, Børn og Unge\nMette Kjærgaard\nmkj@aarhus.local",
    }
    findings, _ = check_fields(fields, "en", context={"organisation": "Verein Wiener Jugendzentren"})
    reported = {(f.type, f.text) for f in findings}
    assert reported == {("PERSON", "Mette Kjærgaard"), ("EMAIL_ADDRESS", "mkj@aarhus.local")}


@pytest.mark.parametrize(
    "sentence, place, language",
    [
        ("Le jeune homme, domicilié à Roubaix, a quitté l'école.", "Roubaix", "fr"),
        ("The boy, who lives in Ravnstad, left school in 2019.", "Ravnstad", "en"),
    ],
)
def test_a_place_tied_to_a_person_is_reported_and_the_place_of_work_is_not(sentence, place, language):
    assert ("LOCATION", place) in found(sentence, language)
    assert not any(kind == "LOCATION" for kind, _ in found(f"The team works in {place} with schools.", language))
