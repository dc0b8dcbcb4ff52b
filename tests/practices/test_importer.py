"""The template importer on the real French seed document, field by field."""

import re
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from practices.importer import import_document
from practices.importer.instructions import INSTRUCTIONS, PREAMBLES
from practices.importer.text import fold, squash

TEMPLATES = Path(__file__).resolve().parents[2] / "practices" / "fixtures" / "templates"
SEED = TEMPLATES / "000_c92d1ef0c5228cd4.txt"

JSON_KEYS = {
    "title",
    "language",
    "peer_reviewed",
    "key_themes",
    "target_audiences",
    "country",
    "geographical_scope",
    "start",
    "start_year",
    "end_year",
    "last_update_year",
    "organisation",
    "contact",
    "fields",
    "warnings",
}
FIELD_KEYS = {
    "title",
    "description",
    "geographical_scope",
    "start",
    "deliverables",
    "evidence_evaluation",
    "sustainability_transferability",
    "ran_meetings",
    "eu_links_funding",
    "organisation",
    "contact",
}


@pytest.fixture(scope="module")
def seed():
    return import_document(SEED.read_bytes(), SEED.name)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def test_seed_title_language_and_peer_review(seed):
    assert seed.title == "Soutien familial à Sarpsborg"
    assert seed.fields["title"] == "Soutien familial à Sarpsborg"
    assert seed.language == "fr"
    assert seed.peer_reviewed is False


def test_seed_themes_and_audiences_written_without_separators_are_told_apart(seed):
    assert seed.key_themes == ["local-strategies-cities", "family-support"]
    assert seed.target_audiences == ["families", "first-responders-practitioners", "violent-extremists"]
    assert not [w for w in seed.warnings if w.code in {"unknown_theme", "unknown_audience"}]


def test_seed_country_and_years(seed):
    assert seed.country == "NO"
    assert seed.last_update_year == 2016
    assert seed.start_year == 2011
    assert seed.end_year is None  # "La pratique se poursuit."
    assert seed.start.endswith("La pratique se poursuit.")
    assert seed.geographical_scope.startswith("La municipalité de Sarpsborg se trouve en Norvège.")


def test_seed_organisation_name_and_type_come_out_of_its_description(seed):
    assert seed.organisation.name == "Municipalité de Sarpsborg"
    assert seed.organisation.type == "other"
    description = seed.organisation.description
    assert description.startswith("La municipalité a reçu des subventions du ministère de la justice norvégien")
    assert description.endswith("ressources supplémentaires pour suivre les familles.")
    assert "Type d'organisation" not in description
    assert "Municipalité de Sarpsborg" not in description
    assert seed.fields["organisation"] == description


def test_seed_lone_dash_means_no_eu_links(seed):
    assert seed.fields["eu_links_funding"] == ""


def test_seed_ran_meetings_become_three_list_items(seed):
    items = seed.fields["ran_meetings"].split("\n")
    assert len(items) == 3
    assert all(item.startswith("- ") for item in items)
    assert "Manchester" in items[0]
    assert "Bruxelles" in items[1] and "9 novembre 2016" in items[1]
    assert "Nice" in items[2]
    assert "•" not in seed.fields["ran_meetings"]


def test_seed_inline_bullets_of_deliverables_become_a_list(seed):
    items = [line for line in seed.fields["deliverables"].split("\n") if line.startswith("- ")]
    assert len(items) == 6
    assert items[1].startswith("- Supervision de formation (voir http://dembra.no/)")
    assert seed.fields["deliverables"].startswith("Manuel de formation et consigne pour le travail en cours.")


def test_seed_description_is_kept_whole_and_flagged_over_300_words(seed):
    description = seed.fields["description"]
    assert description.startswith("La municipalité norvégienne de Sarpsborg applique une démarche globale")
    assert "Thérapie brève orientée sur la solution d'Insoo Kim Berg." in description
    assert "- o de foyers familiaux sûrs" in description
    assert description.endswith(
        "Cours de soutien familial pour l'équipe de la municipalité consacrée à la gestion des crises"
    )
    warning = next(w for w in seed.warnings if w.code == "over_word_limit")
    assert warning.field == "description"
    assert re.fullmatch(r"\d{4} words; the template allows 300\.", warning.message)
    assert int(warning.message.split()[0]) > 1300


def test_seed_evidence_keeps_the_answer_and_drops_interleaved_instructions(seed):
    evidence = seed.fields["evidence_evaluation"]
    assert evidence.startswith("La municipalité de Sarpsborg, ainsi que quatre autres municipalités")
    assert "Dans le cadre de cette recherche" in evidence
    assert "Les familles indiquent qu'elles reçoivent un soutien" in evidence
    assert evidence.endswith("aussi bien au travail de terrain qu'à l'échange d'expériences.")
    assert "des avis qualitatifs et des données quantitatives" not in evidence
    assert "Veillez préciser les résultats" not in evidence
    assert "Avez-vous encouragé" not in evidence
    assert not re.search(r"^\s*[123]\.\s*$", evidence, re.M)


def test_seed_has_only_the_description_warning(seed):
    assert [(w.field, w.code) for w in seed.warnings] == [("description", "over_word_limit")]


def test_seed_json_has_exactly_the_documented_keys(seed):
    data = seed.as_json()
    assert set(data) == JSON_KEYS
    assert set(data["fields"]) == FIELD_KEYS
    assert data["organisation"] == {
        "name": "Municipalité de Sarpsborg",
        "type": "other",
        "description": seed.organisation.description,
    }
    assert data["warnings"][0]["code"] == "over_word_limit"
    assert data["contact"].startswith("Commune de Sarpsborg, Boks 237, N-1702 Sarpsborg, Norvège")


def all_instruction_texts() -> list[str]:
    texts = [text for group in INSTRUCTIONS.values() for text in group]
    return texts + [text for group in PREAMBLES.values() for text in group]


def test_no_template_instruction_is_left_in_any_field_of_the_seed(seed):
    for code, text in seed.fields.items():
        folded = fold(squash(text))
        for instruction in all_instruction_texts():
            assert fold(squash(instruction)) not in folded, (code, instruction)
    assert "Par « pratique » nous entendons" not in str(seed.as_json())


# --- every word survives ------------------------------------------------------

# Answers that become codes rather than text, and the organisation type line.
STRUCTURED_ANSWERS = [
    "Non",
    "Stratégies locales/villes Soutien de la famille",
    "Familles Premiers intervenants ou praticiens Extrémistes violents",
    "Norvège",
    "2016",
    "Type d'organisation : Autre",
]


def seed_answer_words() -> list[str]:
    """The words of every answer cell and continuation line of the seed (not
    the label cells), read independently of the importer."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    first_row = next(n for n, line in enumerate(lines) if "\t" in line)
    answers = [line.split("\t", 1)[1] if "\t" in line else line for line in lines[first_row:]]
    text = "\n".join(re.sub(r"^\s*\d+\.\s", " ", line) for line in answers)  # list numbers are markup
    return words(BeautifulSoup(text, "html.parser").get_text(" "))


def remove_sequences(tokens: list[str], sequence: list[str]) -> list[str]:
    size, kept, index = len(sequence), [], 0
    while index < len(tokens):
        if tokens[index : index + size] == sequence:
            index += size
            continue
        kept.append(tokens[index])
        index += 1
    return kept


def test_every_word_of_the_seed_answers_survives(seed):
    expected = seed_answer_words()
    for instruction in all_instruction_texts():
        expected = remove_sequences(expected, words(instruction))
    expected_counts = Counter(expected) - Counter(w for answer in STRUCTURED_ANSWERS for w in words(answer))
    output = " ".join([*seed.fields.values(), seed.organisation.name])
    missing = expected_counts - Counter(words(output))
    assert sum(expected_counts.values()) > 2500
    assert missing == Counter()


def test_the_word_check_notices_a_lost_sentence(seed):
    """The check above can fail: drop one sentence and it reports its words."""
    expected = Counter(seed_answer_words())
    output = " ".join(seed.fields.values()).replace("Travail en réseau.", "")
    assert (expected - Counter(words(output)))["reseau"] >= 1
