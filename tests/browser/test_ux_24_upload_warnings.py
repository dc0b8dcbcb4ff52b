"""What a contributor sees after uploading a template the importer warns about, at 375 and 1280 px,
in English and French, and what a network's moderator (not a member) sees of a member without access.

Three documents: a saved e-mail (.eml) carrying two templates, and sent and copied to two people; a
forwarded template pasted in a .txt with its To and Cc lines; a template whose organisation answer
names a contact person. For each: every note of the import is visible, the document's notes at the
top of the form, a field's note beside that field; the page is no wider than the phone; the notes'
summary takes the focus (a screen reader reads it, as the error summary's pattern) and its links
reach their field by keyboard; the French page says it in French; the mail's recipients appear
nowhere on the page; saving with an error (no visibility chosen) keeps what the import filled, what
the contributor typed, and the notes.

Written before its first run (first-run failures: docs/ or the commit message)."""

from email.message import EmailMessage

import pytest
from playwright.sync_api import expect

from network import services
from network.models import Network
from portal.models import Organisation
from tests.browser.conftest import WIDER, blocking_violations, signed_in_page
from tests.practices.template_sweep import docx_table

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
RECIPIENTS = ("Ines Addressee", "ines.addressee@example.org", "Otto Copied", "otto.copied@example.org")

BRIDGES = [
    ("Name of the practice", "Bridges"),
    ("Description", "Mentors meet pupils at risk every week in their school."),
    ("Key themes", "Vulnerable youth and youth engagement; (Early) prevention"),
    ("Target audience", "Youth/pupils/students"),
    ("Organisation", "Bridges asbl"),
    ("Country of origin", "Luxembourg"),
    ("Contact details", "bridges@example.org"),
]
PARENTS = [
    ("Name of the practice", "Parents Talk"),
    ("Description", "Evening groups for worried parents."),
    ("Key themes", "Family support"),
    ("Contact details", "parents@example.org"),
]


def _eml_with_two_templates() -> bytes:
    message = EmailMessage()
    message["From"] = "Sam Sender <sam.sender@example.org>"
    message["To"] = "Ines Addressee <ines.addressee@example.org>"
    message["Cc"] = "Otto Copied <otto.copied@example.org>"
    message["Subject"] = "Our two practices"
    message.set_content("Dear Ines Addressee,\n\nattached are our two practices.\n\nRegards,\nSam Sender\n")
    for name, rows in (("Practice_1_Bridges.docx", BRIDGES), ("Practice_2_Parents.docx", PARENTS)):
        message.add_attachment(docx_table(rows), maintype="application", subtype=DOCX.split("/")[1], filename=name)
    return bytes(message)


FORWARDED = (
    "Dear Ines Addressee,\n\nthe practice below, for the collection.\n\nSam Sender\n\n"
    "---------- Forwarded message ---------\nFrom: Sam Sender <sam.sender@example.org>\n"
    "Date: 13.05.2024 09:15\nSubject: RAN\nTo: Ines Addressee <ines.addressee@example.org>\n"
    "Cc: Otto Copied <otto.copied@example.org>\n\n"
    "Name of the practice: Harbour talks\n"
    "Description: Weekly talks between released prisoners and mentors.\n"
    "Key themes: Prison and probation\n"
    "Country of origin: Netherlands\n"
    "Contact details: harbour@example.org\n"
)

CONTACT_IN_ORGANISATION = [
    ("Name of the practice", "Bridges Vienna"),
    ("Description", "Mentors accompany young people released from prison after a terrorism-related conviction."),
    ("Key themes", "Prison and probation; Exit strategies"),
    ("Target audience", "Violent extremists; Prison / probation"),
    ("Geographical scope", "Vienna"),
    (
        "Organisation",
        "Verein Brücken\nType of organisation: NGO\nWebsite: bruecken-example.at\n"
        "Contact person: Maria Example, maria.example@example.org, +43 000 000 000",
    ),
    ("Country of origin", "Austria"),
    ("Contact details", "office@bruecken-example.at"),
]

# id -> (file name, bytes, MIME type, title read, words a note at the top names, fields with a note beside them,
#        an English phrase of a note that the French page says in French)
DOCUMENTS = {
    "eml-two-templates": (
        "Our two practices.eml",
        _eml_with_two_templates,
        "message/rfc822",
        "Bridges",
        "Practice_2_Parents.docx",
        ["contact"],
        "one upload is one practice",
    ),
    "forwarded-txt": (
        "Fwd RAN.txt",
        lambda: FORWARDED.encode(),
        "text/plain",
        "Harbour talks",
        "",
        ["contact"],
        "The document is an e-mail",
    ),
    "contact-in-organisation": (
        "practice.docx",
        lambda: docx_table(CONTACT_IN_ORGANISATION),
        DOCX,
        "Bridges Vienna",
        "",
        ["contact"],
        "was moved to the contact details",
    ),
}


def _page(browser, user, live_server, width: int, language: str):
    page = signed_in_page(browser, user, live_server.url, width=width)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    return page


def _every_value(page) -> str:
    """The page's text and every form control's current value."""
    values = page.evaluate(
        "() => Array.from(document.querySelectorAll('input, textarea, select')).map(e => e.value).join('\\n')"
    )
    return page.content() + "\n" + values


def _check_notes(page, *, language: str, top_words: str, fields: list[str], english: str) -> None:
    notes = page.locator("#import-notes")
    expect(notes).to_be_visible()
    if top_words:
        top = notes.locator("li", has_text=top_words)
        expect(top).to_be_visible()
        expect(top.locator("a")).to_have_count(0)  # the document's own note names no field
    for field in fields:
        beside = page.locator(f"#wrap-{field} .field-warnings")
        expect(beside).to_be_visible()
        expect(beside.locator("li").first).to_be_visible()
        # the note is beside its field: below the field's control, within the same wrapper
        control_bottom = page.locator(f"#id_{field}").bounding_box()
        note_top = beside.bounding_box()
        assert note_top["y"] >= control_bottom["y"] + control_bottom["height"] - 1, field
    assert page.evaluate(WIDER) <= 0, "the form with its notes is wider than the page"
    # no note's words run out of its box (long file names and addresses wrap)
    overflowing = page.evaluate(
        "() => Array.from(document.querySelectorAll('#import-notes li, .field-warnings li'))"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.slice(0, 60))"
    )
    assert overflowing == []
    text = notes.inner_text() + "\n" + "\n".join(page.locator(".field-warnings").all_inner_texts())
    if language == "fr":
        assert page.locator("html").get_attribute("lang") == "fr"
        assert english not in text, "a note is in English on the French page"
        assert "from the import" not in text.lower()
    else:
        assert english in text


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_the_contributor_sees_each_note_of_the_upload(
    browser, live_server, contributor, tmp_path, document, width, language
):
    name, data, mime, title, top_words, fields, english = DOCUMENTS[document]
    page = _page(browser, contributor, live_server, width, language)
    page.goto("/practices/new/")
    page.locator("#id_document").set_input_files({"name": name, "mimeType": mime, "buffer": data()})
    with page.expect_navigation():
        page.locator("form[action$='/import/'] button[type=submit]").click()
    expect(page.locator("#id_title")).to_have_value(title)

    # announced: the notes' summary takes the focus, as the error summary does, and is named by its heading
    notes = page.locator("#import-notes")
    expect(notes).to_be_focused()
    assert notes.get_attribute("tabindex") == "-1"
    heading = notes.locator("h2")
    assert notes.get_attribute("aria-labelledby") == heading.get_attribute("id")
    _check_notes(page, language=language, top_words=top_words, fields=fields, english=english)
    assert [word for word in RECIPIENTS if word in _every_value(page)] == []
    assert blocking_violations(page) == []

    # by keyboard: Tab from the summary reaches its first link to a field; Enter puts the focus in that field
    field_link = notes.locator("a[href]").first
    expect(field_link).to_have_count(1)
    target = field_link.get_attribute("href")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('#import-notes a[href]')"):
            break
    focused_href = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert focused_href == target, "Tab from the notes' summary does not reach its first link"
    page.keyboard.press("Enter")
    field = target.removeprefix("#").removeprefix("wrap-").removeprefix("id_")
    expect(page.locator(f"[name={field}]:focus")).to_have_count(1)

    # saving with an error (no visibility chosen) keeps what was filled and typed, and the notes
    contact_before = page.locator("#id_contact").input_value()
    page.locator("#id_geographical_scope").fill("Typed before saving: Viken county.")
    with page.expect_navigation():
        page.locator("#practice-form button[type=submit]").last.click()
    expect(page.locator("[data-error-summary]").first).to_be_focused()
    expect(page.locator("#id_title")).to_have_value(title)
    expect(page.locator("#id_geographical_scope")).to_have_value("Typed before saving: Viken county.")
    expect(page.locator("#id_contact")).to_have_value(contact_before)
    _check_notes(page, language=language, top_words=top_words, fields=fields, english=english)
    assert [word for word in RECIPIENTS if word in _every_value(page)] == []
    assert blocking_violations(page) == []
    page.context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_only_the_network_s_moderators_see_a_member_without_access(
    browser, live_server, moderator, contributor, colleague, outsider, other_organisation, width
):
    forum = services.network_create(
        actor=moderator, name="Forum Nord", purpose="Exit counselling.", policy=Network.Policy.REQUEST, listed=True
    )
    services.network_member_add(network=forum, user=contributor, actor=moderator)
    membership = services.network_member_add(network=forum, user=colleague, actor=moderator)
    services.network_member_set_role(membership=membership, actor=moderator, role="moderator")
    services.network_member_add(network=forum, user=outsider, actor=moderator)
    Organisation.objects.filter(pk=other_organisation.pk).update(verified=False)  # the outsider's access ends
    url = f"/networks/{forum.pk}/members/"

    for user in (moderator, colleague):  # the portal's moderator who made it; a member made its moderator
        page = _page(browser, user, live_server, width, "en")
        assert page.goto(url).status == 200
        row = page.locator("tbody tr", has_text="Piet Outsider")
        expect(row).to_have_count(1)
        expect(row.get_by_text("No portal access at present")).to_be_visible()
        expect(row.locator("th a")).to_have_count(0)  # no page of theirs to open
        expect(page.locator("main").get_by_text("has left their organisation")).to_be_visible()
        assert page.evaluate(WIDER) <= 0, user.email
        assert blocking_violations(page) == [], user.email
        page.context.close()

    page = _page(browser, contributor, live_server, width, "en")
    assert page.goto(url).status == 200
    expect(page.locator("tbody tr", has_text="Kari Contributor")).to_have_count(1)
    expect(page.locator("main").get_by_text("Piet Outsider")).to_have_count(0)
    expect(page.locator("main").get_by_text("No portal access at present")).to_have_count(0)
    expect(page.locator("main").get_by_text("has left their organisation")).to_have_count(0)
    assert page.evaluate(WIDER) <= 0
    assert blocking_violations(page) == []
    page.context.close()
