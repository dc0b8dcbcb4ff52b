"""A contributor's day, in a real browser, at 375 and 1280 px, in English and French.

A member of an approved organisation starts a practice by the web form (a long text in paragraphs,
two themes and two target audiences, a country, years), makes a mistake (the end year before the
start year: the error summary takes the focus, links to the field, and every value typed stays:
the long text whole, the boxes ticked, the choices made), saves the draft and finds it again from
the home page; watches the word counts while typing (under and over the advised limit, the text
kept whole); ticks themes and audiences by keyboard alone, every focus visible and the focus
order following the page's order; uploads a filled-in template (a .docx made here) and reviews
what was read before saving, what they had typed kept; uploads a file that cannot be read (the
typed text, boxes and choices kept, a clear message linked to the file field); checks the draft
for personal data, sees the warnings before submitting and fixes them; submits and sees the
status; sees a moderator's request for changes on the practice's page and beside the field in the
form, answers it and submits again; proposes an update of a published practice (the published
text stays until the update is approved) and downloads the practice as a filled-in template.

Each page is checked for the portal's patterns: no sideways scroll at 375 px, headings in order,
axe-core (no serious or critical violation), and on the French pages no English left in the
interface's text (the practice's own text, marked with its lang=, aside).

Written before its first run (first-run failures: the commit message and the report)."""

import itertools
import re

import pytest
from docx import Document
from playwright.sync_api import expect

from practices.models import Finding, KeyTheme, Practice, TargetAudience
from practices.services import practice_request_changes
from tests.browser.conftest import (
    FOCUS_VISIBLE,
    HEADINGS_OUT_OF_ORDER,
    INTERFACE_TEXT,
    WIDER,
    blocking_violations,
    signed_in_page,
)
from tests.practices.factories import make_practice
from tests.practices.template_sweep import docx_table

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Each walk on a phone in French (the longer words on the narrowest screen) and on a desktop in
# English: both widths and both languages, in half the run time of every pair (CI's time budget).
PARAMS = [pytest.param(375, "fr", id="375px-fr"), pytest.param(1280, "en", id="1280px-en")]

WORDS = {
    "en": {
        "share": "Share a practice",
        "save": "Save draft",
        "problem": "There is a problem",
        "kept": "Nothing you typed is lost",
        "draft": "Draft",
        "submitted": "Submitted for review",
        "changes_requested": "Changes requested",
        "saved": "Your draft is saved",
        "changes_saved": "Your changes are saved",
        "your_drafts": "Your drafts",
        "edit": "Edit",
        "count_ok": "{words} of {limit} words",
        "count_over": "over the advised limit",
        "read_document": "Read the document",
        "read": "We read your document",
        "unreadable": "cannot be read",
        "check": "Check for personal data",
        "findings": r"\d+ possible personal details? to resolve",
        "redact": "Redact",
        "keep_it": "Not personal data, because",
        "submit_link": "Submit for review…",
        "submit": "Submit for review",
        "submitted_message": "Submitted. A moderator will review it",
        "asks": "The moderator asks for changes",
        "moderator": "Moderator:",
        "propose": "Propose an update",
        "start_revision": "Start a revision",
        "editing_copy": "You are editing a copy",
        "proposed": "A proposed update of",
        "in_progress": "An update of this practice is in progress",
        "change_summary": "What does this update change?",
        "download": "Download as RAN template",
        "exit": "Exit strategies",
        "family": "Family support",
        "families": "Families",
        "themes": "Key themes",
        "themes_help": "Select the two that fit best.",
    },
    "fr": {
        "share": "Partager une pratique",
        "save": "Enregistrer le brouillon",
        "problem": "Il y a un problème",
        "kept": "Rien de ce que vous avez saisi n'est perdu",
        "draft": "Brouillon",
        "submitted": "Soumise pour relecture",
        "changes_requested": "Modifications demandées",
        "saved": "Votre brouillon est enregistré",
        "changes_saved": "Vos modifications sont enregistrées",
        "your_drafts": "Vos brouillons",
        "edit": "Modifier",
        "count_ok": "{words} mots sur {limit}",
        "count_over": "au-delà de la limite conseillée",
        "read_document": "Lire le document",
        "read": "Nous avons lu votre document",
        "unreadable": "ne peut donc pas",
        "check": "Rechercher des données personnelles",
        "findings": r"\d+ données? personnelles? possibles? à traiter",
        "redact": "Caviarder",
        "keep_it": "Pas une donnée personnelle, car",
        "submit_link": "Soumettre pour relecture…",
        "submit": "Soumettre pour relecture",
        "submitted_message": "Pratique soumise",
        "asks": "La modération demande des modifications",
        "moderator": "Modération :",
        "propose": "Proposer une mise à jour",
        "start_revision": "Commencer une révision",
        "editing_copy": "Vous modifiez une copie",
        "proposed": "Une proposition de mise à jour",
        "in_progress": "Une mise à jour de cette pratique est en cours",
        "change_summary": "Que change cette mise à jour ?",
        "download": "Télécharger",
        "exit": "Stratégies de sortie",
        "family": "Soutien de la famille",
        "families": "Familles",
        "themes": "Principaux thèmes",
        "themes_help": "Sélectionnez les deux qui correspondent le mieux.",
    },
}

# The contributor's own text, in the page's language (a French contributor writes in French).
TEXT = {
    "en": {
        "title": "Evening circles for worried parents",
        "paragraphs": [
            "Parents whose son or daughter is drawn to violent extremism meet every second Tuesday.",
            "A social worker and a psychologist lead the circle; parents bring questions, not names.",
            "After a year, parents said they spoke with their children again more often and calmly.",
        ],
        "scope": "Ravnstad and the county of Viken",
        "updated": "Since 2024 the circles also meet online once a month for parents living far away.",
        "summary": "The circles also meet online.",
    },
    "fr": {
        "title": "Cercles du soir pour parents inquiets",
        "paragraphs": [
            "Des parents dont l’enfant est attiré par l’extrémisme violent se retrouvent un mardi sur deux.",
            "Une assistante sociale et une psychologue animent le cercle ; les parents viennent sans nommer personne.",
            "Après un an, les parents disent parler de nouveau plus souvent et plus calmement à leurs enfants.",
        ],
        "scope": "Ravnstad et le comté de Viken",
        "updated": "Depuis 2024, les cercles se réunissent aussi en ligne une fois par mois pour les parents éloignés.",
        "summary": "Les cercles se réunissent aussi en ligne.",
    },
}

# --- what each page is checked for ------------------------------------------------------------

# What the moderator asks, in each case's language: (the request, a comment beside the description)
MODERATORS_WORDS = {
    "en": ("Please say how many families took part.", "Name the town rather than the weekday."),
    "fr": ("Merci d'indiquer combien de familles ont participé.", "Nommez la ville plutôt que le jour de la semaine."),
}

# English words of the contribution pages that a French page would not hold.
ENGLISH = re.compile(
    r"\b(the|of|and|with|your|this|from|by|draft|save|saved|submit|submitted|review|edit|update|words|"
    r"check|redact|keep|upload|template|moderator|changes|published|nothing|problem|themes?|audience)\b",
    re.IGNORECASE,
)


def check_page(page, *, language: str, width: int, axe: bool = True) -> None:
    """The portal's patterns on the page as it stands (``axe=False`` on a page of a kind axe-core
    read already in the same case: the file's run time is within CI's budget)."""
    assert page.locator("html").get_attribute("lang") == language
    if width <= 400:
        assert page.evaluate(WIDER) <= 0, "sideways scroll on a phone"
    assert page.evaluate(HEADINGS_OUT_OF_ORDER) == []
    if axe and language == "en":  # axe-core's rules read the markup, the same in French (run time)
        assert blocking_violations(page) == []
    if language == "fr":
        text = page.locator("main").evaluate(INTERFACE_TEXT)
        assert ENGLISH.findall(text) == [], f"English left on a French page: {ENGLISH.findall(text)}"


# --- helpers ------------------------------------------------------------------------------------


def contributor_page(browser, live_server, user, width: int, language: str):
    # (first run: the fixture's organisation, "Municipality of Ravnstad", read as English left on a
    # French page; its name is the organisation's own, in its own language)
    organisation = user.organisation
    organisation.name = "Ravnstad kommune"
    organisation.save(update_fields=["name"])
    page = signed_in_page(browser, user, live_server.url, width=width)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    return page


def box(page, name: str, code: str):
    """The form's checkbox of a theme (``key_themes``) or a target audience (``target_audiences``)."""
    model = KeyTheme if name == "key_themes" else TargetAudience
    return page.locator(f"#practice-form input[name={name}][value='{model.objects.get(code=code).pk}']")


def long_text(language: str) -> str:
    return "\n\n".join(TEXT[language]["paragraphs"])


def click_to_page(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def save(page, words: dict) -> None:
    click_to_page(page, page.locator("#practice-form").get_by_role("button", name=words["save"]))


def fill_the_form(page, language: str) -> None:
    text = TEXT[language]
    page.locator("#id_title").fill(text["title"])
    page.locator("#id_description").fill(long_text(language))
    box(page, "key_themes", "family-support").check()
    box(page, "key_themes", "exit-strategies").check()
    box(page, "target_audiences", "families").check()
    box(page, "target_audiences", "violent-extremists").check()
    page.locator("#id_geographical_scope").fill(text["scope"])
    page.locator("#id_country").select_option("NO")
    page.locator("#id_language").select_option(language)
    page.locator("#practice-form input[name=visibility][value=members]").check()


def assert_form_as_filled(page, language: str) -> None:
    text = TEXT[language]
    expect(page.locator("#id_title")).to_have_value(text["title"])
    expect(page.locator("#id_description")).to_have_value(long_text(language))
    for name, code in (
        ("key_themes", "family-support"),
        ("key_themes", "exit-strategies"),
        ("target_audiences", "families"),
        ("target_audiences", "violent-extremists"),
    ):
        expect(box(page, name, code)).to_be_checked()
    assert page.locator("#practice-form input[name=key_themes]:checked").count() == 2
    assert page.locator("#practice-form input[name=target_audiences]:checked").count() == 2
    expect(page.locator("#id_geographical_scope")).to_have_value(text["scope"])
    expect(page.locator("#id_country")).to_have_value("NO")
    expect(page.locator("#id_language")).to_have_value(language)
    expect(page.locator("#practice-form input[name=visibility][value=members]")).to_be_checked()


def status_badge(page):
    return page.locator("article .meta .badge").first


# --- the day --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("width", "language"), PARAMS)
def test_a_practice_started_by_web_form_keeps_everything_through_an_error_and_is_found_again(
    browser, live_server, contributor, width, language
):
    words, text = WORDS[language], TEXT[language]
    page = contributor_page(browser, live_server, contributor, width, language)
    page.goto("/")
    click_to_page(page, page.locator("main").get_by_role("link", name=words["share"]))
    assert page.url.endswith("/practices/new/")
    check_page(page, language=language, width=width)

    fill_the_form(page, language)
    page.locator("#id_start_year").fill("2021")
    page.locator("#id_end_year").fill("2019")  # before the start: an error
    save(page, words)

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(words["problem"])
    expect(summary).to_contain_text(words["kept"])
    link = summary.locator("a[href='#id_end_year']")
    expect(link).to_have_count(1)
    assert_form_as_filled(page, language)  # the long text whole, the boxes, the choices
    expect(page.locator("#id_start_year")).to_have_value("2021")
    # the field's error is read with the field
    end = page.locator("#id_end_year")
    expect(end).to_have_attribute("aria-invalid", "true")
    described = (end.get_attribute("aria-describedby") or "").split()
    error_text = " ".join(
        page.locator(f"[id='{ref}']").inner_text() for ref in described if page.locator(f"[id='{ref}']").count()
    )
    assert link.inner_text().split(":")[-1].strip() in error_text, (described, error_text)
    check_page(page, language=language, width=width)

    link.click()
    expect(end).to_be_focused()
    assert page.evaluate(FOCUS_VISIBLE)
    end.fill("2024")
    save(page, words)
    page.wait_for_url(re.compile(r"/practices/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["title"])
    expect(status_badge(page)).to_have_text(words["draft"])
    expect(page.locator(".messages")).to_contain_text(words["saved"])
    practice = Practice.objects.get(title=text["title"])
    assert practice.status == Practice.Status.DRAFT and (practice.start_year, practice.end_year) == (2021, 2024)
    assert practice.description.replace("\r\n", "\n") == long_text(language)
    check_page(page, language=language, width=width)

    # the next morning: the draft is found from the home page, and opens as it was saved
    page.goto("/")
    drafts = page.locator("section", has=page.get_by_role("heading", name=words["your_drafts"]))
    expect(drafts).to_contain_text(words["draft"])  # each draft says where it stands
    click_to_page(page, drafts.get_by_role("link", name=text["title"]))
    click_to_page(page, page.locator("article .actions").get_by_role("link", name=words["edit"]))
    assert page.url.endswith(f"/practices/{practice.pk}/edit/")
    assert_form_as_filled(page, language)
    expect(page.locator("#id_end_year")).to_have_value("2024")
    check_page(page, language=language, width=width, axe=False)
    page.context.close()


TAB_STOP = """() => {
  const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return {name: e.name || '', value: e.value || '', tag: e.tagName, html: e.outerHTML.slice(0, 120),
          visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none',
          top: r.top + scrollY, left: r.left, height: r.height};
}"""


@pytest.mark.parametrize(("width", "language"), PARAMS)
def test_word_counts_while_typing_and_themes_and_audiences_by_keyboard(
    browser, live_server, contributor, width, language
):
    words = WORDS[language]
    page = contributor_page(browser, live_server, contributor, width, language)
    page.goto("/practices/new/")
    grouped = {"en": "{:,}", "fr": "{:,}"}[language]

    # every long field with an advised limit shows its count, read with the field
    for name, limit in (("description", 300), ("sustainability_transferability", 200), ("eu_links_funding", 100)):
        count = page.locator(f"#id_{name}-word-count")
        expect(count).to_have_text(words["count_ok"].format(words=0, limit=limit))
        assert f"id_{name}-word-count" in page.locator(f"#id_{name}").get_attribute("aria-describedby").split()
    description = page.locator("#id_description")
    count = page.locator("#id_description-word-count")
    description.press_sequentially("Parents meet ")
    expect(count).to_have_text(words["count_ok"].format(words=2, limit=300))
    expect(count).not_to_have_class(re.compile(r"\bover\b"))
    long = " ".join(["mentoring"] * 318)
    description.fill(long)
    description.press_sequentially(" again and")
    expect(count).to_contain_text(grouped.format(320))
    expect(count).to_contain_text(words["count_over"])
    expect(count).to_have_class(re.compile(r"\bover\b"))
    assert len(description.input_value().split()) == 320  # kept whole, never cut
    # the message says it in words, not by colour alone, and is announced politely (not at each key)
    assert count.get_attribute("aria-live") == "polite"
    check_page(page, language=language, width=width, axe=False)

    # the themes' group: named by its legend, its advice read with it
    themes = page.get_by_role("group", name=words["themes"])
    expect(themes).to_have_count(1)
    help_id = page.locator("#wrap-key_themes .helptext").get_attribute("id")
    assert help_id and help_id in (themes.get_attribute("aria-describedby") or "").split(), (
        "the advice is not read with the group"
    )
    expect(page.locator(f"[id='{help_id}']")).to_have_text(words["themes_help"])

    # by keyboard alone, from the title to the save button: every focus visible, in the page's order
    to_tick = {
        ("key_themes", str(KeyTheme.objects.get(code="exit-strategies").pk)),
        ("key_themes", str(KeyTheme.objects.get(code="family-support").pk)),
        ("target_audiences", str(TargetAudience.objects.get(code="families").pk)),
    }
    page.locator("#id_title").focus()
    stops = []
    for _ in range(120):
        page.keyboard.press("Tab")
        stop = page.evaluate(TAB_STOP)
        assert stop["visible"], stop["html"]
        stops.append(stop)
        if (stop["name"], stop["value"]) in to_tick:
            page.keyboard.press("Space")
        if stop["tag"] == "BUTTON":
            break
    assert stops[-1]["tag"] == "BUTTON", "Tab never reached the save button"
    expect(box(page, "key_themes", "exit-strategies")).to_be_checked()
    expect(box(page, "key_themes", "family-support")).to_be_checked()
    expect(box(page, "target_audiences", "families")).to_be_checked()
    assert page.url.endswith("/practices/new/")  # Space ticks, it does not send the form
    # the focus goes down the page: each stop below the previous one, or on its row further right
    backwards = [
        f"{b['name']}={b['value']} after {a['name']}={a['value']}"
        for a, b in itertools.pairwise(stops)
        if b["top"] < a["top"] - 2 and not (b["top"] + b["height"] > a["top"] and b["left"] > a["left"])
    ]
    assert backwards == [], backwards
    themes_stops = [s for s in stops if s["name"] == "key_themes"]
    assert len(themes_stops) == KeyTheme.objects.count()  # every theme on the way, none skipped
    check_page(page, language=language, width=width)
    page.context.close()


def _template_rows(language: str) -> list[tuple[str, str]]:
    text = TEXT[language]
    if language == "fr":
        return [
            ("Nom de la pratique", text["title"]),
            ("Description", long_text(language)),
            ("Principaux thèmes", "Soutien de la famille ; Stratégies de sortie"),
            ("Public cible", "Familles"),
            ("Pays d'origine", "Norvège"),
            ("Contacts", "desk@ravnstad.example"),
        ]
    return [
        ("Name of the practice", text["title"]),
        ("Description", long_text(language)),
        ("Key themes", "Family support; Exit strategies"),
        ("Target audience", "Families"),
        ("Country of origin", "Norway"),
        ("Contact details", "desk@ravnstad.example"),
    ]


@pytest.mark.parametrize(("width", "language"), PARAMS)
def test_an_uploaded_template_is_read_for_review_before_anything_is_saved(
    browser, live_server, contributor, width, language
):
    words, text = WORDS[language], TEXT[language]
    page = contributor_page(browser, live_server, contributor, width, language)
    page.goto("/practices/new/")
    page.locator("#id_geographical_scope").fill(text["scope"])  # typed before the upload: kept
    page.locator("#id_document").set_input_files(
        {"name": "our-practice.docx", "mimeType": DOCX, "buffer": docx_table(_template_rows(language))}
    )
    click_to_page(page, page.get_by_role("button", name=words["read_document"]))

    expect(page.locator(".messages")).to_contain_text(words["read"])
    expect(page.locator("#id_title")).to_have_value(text["title"])
    expect(page.locator("#id_description")).to_have_value(long_text(language))
    expect(box(page, "key_themes", "family-support")).to_be_checked()
    expect(box(page, "key_themes", "exit-strategies")).to_be_checked()
    expect(box(page, "target_audiences", "families")).to_be_checked()
    expect(page.locator("#id_country")).to_have_value("NO")
    expect(page.locator("#id_geographical_scope")).to_have_value(text["scope"])
    expect(page.locator("#id_language")).to_have_value(language)
    assert not Practice.objects.exists(), "something was saved before the contributor reviewed it"
    # the word count of what was read is there at once
    # (first run: the case counted ";" as a word, which the page rightly does not)
    counted = len([token for token in long_text(language).split() if re.search(r"\w", token)])
    expect(page.locator("#id_description-word-count")).to_contain_text(str(counted))
    check_page(page, language=language, width=width)

    # reviewed: a correction, the readership chosen, saved
    page.locator("#id_title").fill(text["title"] + " (Ravnstad)")
    page.locator("#practice-form input[name=visibility][value=members]").check()
    save(page, words)
    page.wait_for_url(re.compile(r"/practices/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["title"] + " (Ravnstad)")
    expect(status_badge(page)).to_have_text(words["draft"])
    practice = Practice.objects.get()
    assert sorted(practice.key_themes.values_list("code", flat=True)) == ["exit-strategies", "family-support"]
    assert practice.geographical_scope == text["scope"] and practice.country == "NO"
    check_page(page, language=language, width=width, axe=False)
    page.context.close()


@pytest.mark.parametrize(("width", "language"), PARAMS)
def test_an_upload_that_cannot_be_read_keeps_every_typed_value_and_says_why(
    browser, live_server, contributor, width, language
):
    words, text = WORDS[language], TEXT[language]
    page = contributor_page(browser, live_server, contributor, width, language)
    page.goto("/practices/new/")
    fill_the_form(page, language)
    page.locator("#id_document").set_input_files(
        {"name": "our-practice.docx", "mimeType": DOCX, "buffer": b"PK\x03\x04 saved half-way, not a Word document"}
    )
    click_to_page(page, page.get_by_role("button", name=words["read_document"]))

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(words["unreadable"])
    expect(summary).to_contain_text(words["kept"])
    link = summary.locator("a[href='#id_document']")
    expect(link).to_have_count(1)
    document = page.locator("#id_document")
    expect(document).to_have_attribute("aria-invalid", "true")
    described = (document.get_attribute("aria-describedby") or "").split()
    error_text = " ".join(
        page.locator(f"[id='{ref}']").inner_text() for ref in described if page.locator(f"[id='{ref}']").count()
    )
    assert words["unreadable"] in error_text, "the file field's error is not read with it"
    assert_form_as_filled(page, language)  # the long text, both multiple choices, the choices
    check_page(page, language=language, width=width)

    link.click()
    expect(document).to_be_focused()
    # nothing to type again: the draft saves as it stands
    save(page, words)
    page.wait_for_url(re.compile(r"/practices/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["title"])
    practice = Practice.objects.get()
    assert practice.target_audiences.count() == 2 and practice.visibility == "members"
    page.context.close()


def _planted(language: str) -> str:
    if language == "fr":
        return (
            "Le médiateur Jonas Berg (+47 912 34 567) reçoit les parents chaque mardi pour prévenir la radicalisation."
        )
    return "Our mediator Jonas Berg (+47 912 34 567) sees the parents every Tuesday to prevent radicalisation."


@pytest.mark.parametrize(("width", "language"), PARAMS)
def test_personal_data_warnings_before_submission_the_status_and_a_moderators_request_for_changes(
    browser, live_server, contributor, moderator, width, language
):
    words, text = WORDS[language], TEXT[language]
    practice = make_practice(author=contributor, title=text["title"], description=_planted(language), language=language)
    page = contributor_page(browser, live_server, contributor, width, language)
    page.goto(practice.get_absolute_url())
    expect(status_badge(page)).to_have_text(words["draft"])
    click_to_page(page, page.locator("article .actions").get_by_role("button", name=words["check"]))

    findings = page.locator("section.findings")
    expect(findings.get_by_role("heading", level=2)).to_have_text(re.compile(words["findings"]))
    items = findings.locator(".finding")
    assert items.count() >= 2
    expect(findings).to_contain_text("Jonas Berg")
    expect(findings).to_contain_text("912 34 567")
    for index in range(items.count()):  # each says how to fix it: redact, or keep it with a reason
        item = items.nth(index)
        expect(item.get_by_role("button", name=words["redact"])).to_be_visible()
        expect(item.get_by_label(words["keep_it"])).to_be_visible()
    check_page(page, language=language, width=width)

    # before submitting: the submit page says personal details are still open, and leads to them
    click_to_page(page, page.get_by_role("link", name=words["submit_link"]))
    assert page.url.endswith(f"/practices/{practice.pk}/submit/")
    warning = page.locator("main").get_by_text(re.compile(words["findings"]))
    expect(warning).to_be_visible()
    back = page.locator("main a[href*='#findings']")
    expect(back).to_have_count(1)
    check_page(page, language=language, width=width)
    click_to_page(page, back)
    while page.locator(".finding").count():
        click_to_page(page, page.locator(".finding").first.get_by_role("button", name=words["redact"]))
    expect(page.locator("article")).to_contain_text("[name]")
    expect(page.locator("article")).to_contain_text("[phone]")

    click_to_page(page, page.get_by_role("link", name=words["submit_link"]))
    expect(page.locator("main").get_by_text(re.compile(words["findings"]))).to_have_count(0)
    click_to_page(page, page.locator("main form").get_by_role("button", name=words["submit"]))
    page.wait_for_url(re.compile(rf"/practices/{practice.pk}/$"))
    expect(status_badge(page)).to_have_text(words["submitted"])
    expect(page.locator(".messages")).to_contain_text(words["submitted_message"])
    check_page(page, language=language, width=width, axe=False)

    # the moderator asks for changes (their own pages are tested elsewhere); the contributor sees it
    practice.refresh_from_db()
    assert practice.status == Practice.Status.SUBMITTED
    assert not practice.findings.filter(status=Finding.Status.OPEN).exists()
    # a moderator writes to a contributor in the language they share (their words are no interface text)
    asked, beside_field = MODERATORS_WORDS[language]
    practice_request_changes(
        practice=practice,
        moderator=moderator,
        comment=asked,
        field_comments={"description": beside_field},
    )
    page.goto("/")
    drafts = page.locator("section", has=page.get_by_role("heading", name=words["your_drafts"]))
    expect(drafts).to_contain_text(words["changes_requested"])
    click_to_page(page, drafts.get_by_role("link", name=text["title"]))
    expect(status_badge(page)).to_have_text(words["changes_requested"])
    asks = page.locator("section.review-comments")
    expect(asks.get_by_role("heading", name=words["asks"])).to_be_visible()
    expect(asks).to_contain_text(asked)
    field_link = asks.locator("a[href='#field-description']")
    expect(field_link).to_have_count(1)
    expect(page.locator("#field-description")).to_have_count(1)
    check_page(page, language=language, width=width)

    click_to_page(page, page.locator("article .actions").get_by_role("link", name=words["edit"]))
    expect(page.locator("section.review-comments")).to_contain_text(asked)
    beside = page.locator("#wrap-description .field-review")
    expect(beside).to_contain_text(words["moderator"])
    expect(beside).to_contain_text(beside_field)
    # the moderator's note on a field is read with the field
    assert (
        beside.get_attribute("id") in (page.locator("#id_description").get_attribute("aria-describedby") or "").split()
    )
    check_page(page, language=language, width=width)
    page.locator("#id_description").fill(page.locator("#id_description").input_value() + " 24 families took part.")
    save(page, words)
    page.wait_for_url(re.compile(rf"/practices/{practice.pk}/$"))
    expect(page.locator(".messages")).to_contain_text(words["changes_saved"])
    expect(page.get_by_role("link", name=words["submit_link"])).to_be_visible()  # (submitting again: as above)
    page.context.close()


@pytest.mark.parametrize(("width", "language"), PARAMS)
def test_an_update_after_publication_goes_to_review_the_published_text_stays_and_downloads_as_a_template(
    browser, live_server, contributor, width, language, tmp_path
):
    words, text = WORDS[language], TEXT[language]
    published_text = text["paragraphs"][0]
    practice = make_practice(
        author=contributor, title=text["title"], description=published_text, language=language, publish=True
    )
    page = contributor_page(browser, live_server, contributor, width, language)
    page.goto(practice.get_absolute_url())
    click_to_page(page, page.locator("article .actions").get_by_role("link", name=words["propose"]))
    expect(page.get_by_role("heading", level=1)).to_contain_text(text["title"])
    check_page(page, language=language, width=width)
    click_to_page(page, page.get_by_role("button", name=words["start_revision"]))
    page.wait_for_url(re.compile(r"/practices/\d+/edit/$"))
    copy_url = page.url
    assert f"/practices/{practice.pk}/edit/" not in copy_url  # a copy, not the published practice
    expect(page.locator(".messages")).to_contain_text(words["editing_copy"])
    expect(page.locator("#id_description")).to_have_value(published_text)
    check_page(page, language=language, width=width)

    page.locator("#id_description").fill(published_text + "\n\n" + text["updated"])
    save(page, words)
    page.wait_for_url(re.compile(r"/practices/\d+/$"))
    expect(status_badge(page)).to_have_text(words["draft"])
    expect(page.locator("article .meta")).to_contain_text(words["proposed"])
    click_to_page(page, page.get_by_role("link", name=words["submit_link"]))
    summary_field = page.get_by_label(words["change_summary"])
    expect(summary_field).to_be_visible()
    click_to_page(page, page.locator("main form").get_by_role("button", name=words["submit"]))  # no summary: an error
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    check_page(page, language=language, width=width)
    page.get_by_label(words["change_summary"]).fill(text["summary"])
    click_to_page(page, page.locator("main form").get_by_role("button", name=words["submit"]))
    page.wait_for_url(re.compile(r"/practices/\d+/$"))
    expect(status_badge(page)).to_have_text(words["submitted"])

    # the published practice: its text as published, the update in progress said to its author
    page.goto(practice.get_absolute_url())
    article = page.locator("article")
    expect(article).to_contain_text(published_text)
    expect(article).not_to_contain_text(text["updated"])
    expect(article).to_contain_text(words["in_progress"])
    check_page(page, language=language, width=width)
    reader = page.context.browser.new_context(base_url=live_server.url).new_page()
    reader.goto(practice.get_absolute_url())
    expect(reader.locator("article")).to_contain_text(published_text)
    expect(reader.locator("article")).not_to_contain_text(text["updated"])
    reader.context.close()

    # downloaded as a filled-in template in the page's language: the published text
    page.get_by_label(words["download"]).select_option(language)
    with page.expect_download() as arrived:
        page.locator("form.template-download button:not([formaction])").click()
    download = arrived.value
    assert download.suggested_filename.endswith(f"-{language}.docx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    rows = {row.cells[0].text.split("\n")[0]: row.cells[1].text for row in Document(str(saved)).tables[0].rows}
    title_label = "Nom de la pratique" if language == "fr" else "Name of the practice"
    assert any(label.startswith(title_label) and answer == text["title"] for label, answer in rows.items()), rows
    assert any(answer.strip() == published_text for answer in rows.values()), rows
    assert not any(text["updated"] in answer for answer in rows.values())
    page.context.close()
