"""The importer keeps what a name, a year or a type says: a backslash in the practice's name, an
abbreviation's full stop before a sub-field, the years the practice's fields allow (a planned end
year too), and every "Type of organisation" line of the cell (docs/IMPORTER.md, "Rules")."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from practices.importer import import_document, years
from practices.importer.years import end_year, latest_year, start_year
from practices.models import Practice

DESCRIPTION = ("Description", "Mediators talk with young people on the street to prevent radicalisation.")


def document(*rows: tuple[str, str], fmt: str = "txt") -> bytes:
    rows = (("Name of the practice", "Street mediation"), DESCRIPTION, *rows)
    if fmt == "md":
        lines = [
            "| Field | Answer |",
            "|---|---|",
            *(f"| {label} | {answer.replace('|', chr(92) + '|')} |" for label, answer in rows),
        ]
        return "\n".join(lines).encode()
    return "\n".join(f"{label}\t{answer}" for label, answer in rows).encode()


# --- the practice's name ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["txt", "md"])
@pytest.mark.parametrize(
    "title",
    [r"Paths\Routes: a\b", r"Back to ..\.. and C:\Users", r"Pro\Contra — a dialogue"],
)
def test_a_backslash_in_the_name_is_kept(title, fmt):
    data = document(fmt=fmt).replace(b"Street mediation", title.encode())
    assert import_document(data, f"x.{fmt}").title == title


@pytest.mark.parametrize(
    ("written", "title"),
    [(r"Safe \*and\* sound", "Safe *and* sound"), (r"3\. Target audience first", "3. Target audience first")],
)
def test_a_markdown_escape_in_the_name_is_read_as_the_character_it_escapes(written, title):
    data = document(fmt="md").replace(b"Street mediation", written.encode())
    assert import_document(data, "x.md").title == title


# --- years -----------------------------------------------------------------------------------------


def test_the_years_read_are_those_the_practice_may_hold():
    low, high = years.year_bounds()
    for name in ("start_year", "end_year", "last_update_year"):
        field = Practice._meta.get_field(name)
        assert isinstance(field, models.PositiveSmallIntegerField)
        for year in (low, high):
            field.run_validators(year)
        for year in (low - 1, high + 1):
            with pytest.raises(ValidationError):
                field.run_validators(year)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2024–2028", 2024, 2028),
        ("Funded from 2025 to 2030 by the city.", 2025, 2030),
        ("Started in 2023; it runs until 2029.", 2023, 2029),
        ("1900–2100", 1900, 2100),
        ("Planned to start in 2031.", 2031, None),
    ],
)
def test_a_planned_end_year_and_the_fields_bounds_are_read(text, start, end):
    assert (start_year(text), end_year(text)) == (start, end)
    parsed = import_document(document(("Start of the practice", text)), "x.txt")
    assert (parsed.start_year, parsed.end_year) == (start, end)


def test_years_outside_the_fields_bounds_are_not_years():
    assert start_year("Founded in 1789, the centre took up the practice in 2016.") == 2016
    assert end_year("2016-2150") is None


def test_the_last_update_is_not_a_planned_year_when_a_past_one_is_given():
    this_year = datetime.date.today().year
    assert latest_year(f"{this_year - 1}, next review in {this_year + 4}") == this_year - 1
    parsed = import_document(document(("Last update (year)", "2100")), "x.txt")
    assert parsed.last_update_year == 2100
    assert "unrecognised_value" not in parsed.warning_codes("last_update")


# --- the organisation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "name", "type_code"),
    [
        (
            "Violence Prevention Network e.V. — Art der Organisation: gemeinnütziger Verein",
            "Violence Prevention Network e.V.",
            "ngo",
        ),
        ("Northbridge Mediation Ltd. Type of organisation: Other", "Northbridge Mediation Ltd.", "other"),
        ("Safe Streets Inc. | Type of organisation: NGO", "Safe Streets Inc.", "ngo"),
        ("Dialogue et Citoyenneté asbl. — Type d'organisation : association", "Dialogue et Citoyenneté asbl.", "ngo"),
        ("Jongerenpunt vzw. Type organisatie: Vereniging", "Jongerenpunt vzw.", "ngo"),
        ("Médiation Urbaine a.s.b.l. ; Type d'organisation : ONG", "Médiation Urbaine a.s.b.l.", "ngo"),
    ],
)
def test_an_abbreviations_full_stop_before_a_sub_field_stays_in_the_name(cell, name, type_code):
    parsed = import_document(document(("Organisation", cell)), "x.txt")
    assert (parsed.organisation.name, parsed.organisation.type) == (name, type_code)


def test_a_sentences_full_stop_before_a_sub_field_is_still_dropped():
    cell = "FPS Home Affairs. Type of organisation: Government agency. Website: www.example.org."
    parsed = import_document(document(("Organisation", cell)), "x.txt")
    assert (parsed.organisation.name, parsed.organisation.type) == ("FPS Home Affairs", "government-agency")
    assert parsed.organisation.description == "Website: www.example.org"


def test_a_second_type_of_organisation_is_kept_in_the_description():
    cell = (
        "Ravnstad Youth Centre\n\nWe work with schools.\n\nType of organisation: Police\n\n"
        "Type of organisation: ☒ Municipality ☐ NGO"
    )
    parsed = import_document(document(("Organisation", cell)), "x.txt")
    assert parsed.organisation.type == "police"
    assert "Type of organisation: ☒ Municipality ☐ NGO" in parsed.organisation.description
    warning = next(w for w in parsed.warnings if w.field == "organisation" and w.code == "repeated_field")
    assert "☒ Municipality" in warning.message


def test_an_unknown_type_before_a_known_one_is_kept_and_the_known_one_taken():
    cell = "Ravnstad Youth Centre\n\nType of organisation: see our statutes\n\nType of organisation: Municipality"
    parsed = import_document(document(("Organisation", cell)), "x.txt")
    assert parsed.organisation.type == "municipality"
    assert "Type of organisation: see our statutes" in parsed.organisation.description


@pytest.mark.parametrize(
    ("first_line", "name"),
    [
        (
            "German Institute on Radicalization and De-radicalization Studies (GIRDS)",
            "German Institute on Radicalization and De-radicalization Studies (GIRDS)",
        ),
        ("Working Group on Youth Violence Prevention", "Working Group on Youth Violence Prevention"),
        (
            "Aseistakieltäytyjäliitto on vuonna 1974 perustettu järjestö, joka tukee nuoria ja heidän perheitään.",
            "Aseistakieltäytyjäliitto",
        ),
        (
            "Suomen Punainen Risti on humanitaarinen järjestö, joka auttaa ihmisiä kriisitilanteissa.",
            "Suomen Punainen Risti",
        ),
    ],
)
def test_on_introduces_an_organisation_in_finnish_only(first_line, name):
    """Finnish "X on …" ("X is …") names X; in English "on" belongs to the name ("Institute on …")."""
    parsed = import_document(
        document(("Organisation", first_line), ("", "It works with families and schools.")), "x.txt"
    )
    assert parsed.organisation.name == name
