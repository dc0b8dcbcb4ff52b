"""Importer fixes that the export round trip revealed, each with its failing example."""

from practices.importer import import_document

CHECKLIST_MD = """\
| Field | Answer |
| --- | --- |
| Name of the practice | Checklists read back |
| Description | Prevents violent extremism. |
| Key themes | - ☐ Family support<br>- ☒ Exit strategies<br>- ☐ Formers<br>- ☒ Mental health |
| Target audience | ☐ Families ☒ Social workers ☐ Formers |
| Organisation | Harbour Trust<br><br>Type of organisation: ☐ Municipality / local authority ☒ NGO ☐ Other |
"""


def test_only_ticked_boxes_of_a_checklist_become_themes_audiences_and_the_organisation_type():
    parsed = import_document(CHECKLIST_MD.encode(), "checklist.md")
    assert parsed.key_themes == ["exit-strategies", "mental-health"]
    assert parsed.target_audiences == ["social-workers"]
    assert parsed.organisation.name == "Harbour Trust"
    assert parsed.organisation.type == "ngo"
    assert "unknown_theme" not in parsed.warning_codes()


def test_an_escaped_pipe_in_a_markdown_table_cell_stays_in_the_answer():
    document = (
        "| Name of the practice | Before\\|after test |\n| Description | Left \\| right, and a\\|b kept as written. |\n"
    )
    parsed = import_document(document.encode(), "pipes.md")
    assert parsed.title == "Before|after test"
    assert parsed.fields["description"] == "Left | right, and a|b kept as written."
