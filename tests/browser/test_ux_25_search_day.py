"""A practitioner's morning of searching, in a real browser, at 375 and 1280 px, in English and French.

A signed-in practitioner (not of the practices' organisations) searches a corpus of 46 practices in
six languages: words that find practices written in other languages (each card says in which
language it is written, in the interface's words, and why it answers when none of the words is in
its text), facets on a phone (the Filters button, two themes and a country, the active filters'
removal links, the count announced after each change, the focus kept on the box just ticked), a
misspelt query (the suggestion, announced), a query that finds nothing (the empty state and the way
on), paging to page 3 and back by keyboard alone (every focus visible, the results within reach of
the first Tabs after a page change), the browser's back button (the query and the boxes as the
address says), a practice's page (reading order, headings, the similar practices and the language of
each title and text marked with lang=), the template download (a file arrives, named for what it
is), and the language switch keeping the page, the query and the filters.

Each step checks the portal's patterns: visible focus, no sideways scroll at 375 px, axe-core (no
serious or critical violation), headings in order, status messages announced (a change inside a
role=status / aria-live region after the page loaded: what a screen reader reads out), and on the
French pages no English left in the interface's text (practice text marked with its own lang= aside).

Written before its first run (first-run failures: the commit message and the report)."""

# ruff: noqa: E501  (the corpus reads as a table: one practice a line)
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from portal.models import Organisation, OrganisationType
from search.backends import reset_engines
from tests.browser.conftest import (
    FOCUS_VISIBLE,
    HEADINGS_OUT_OF_ORDER,
    INTERFACE_TEXT,
    WIDER,
    blocking_violations,
    signed_in_page,
)
from tests.search.builders import make_published

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PER_PAGE = 8
FS, EXIT, MENTAL, YOUTH, EARLY = (
    "family-support",
    "exit-strategies",
    "mental-health",
    "youth-engagement",
    "early-prevention",
)

# (language, title, description, themes, country): 22 practices on family support (found by the
# English words "family support", most of them through their theme's label alone), 24 others.
FAMILY = [
    (
        "en",
        "Parents circle in Cork",
        "Family support groups meet every fortnight for parents worried about a son or daughter drawn to violent extremism.",
        (FS, EXIT),
        "IE",
    ),
    (
        "en",
        "Helpline for worried relatives",
        "A telephone line gives family support and advice to relatives of young people in extremist milieus.",
        (FS, MENTAL),
        "IE",
    ),
    (
        "en",
        "Home visits after prison release",
        "Social workers visit the household of a released offender and offer family support to siblings.",
        (FS, EXIT),
        "BE",
    ),
    (
        "en",
        "Mothers talk back",
        "Mothers of radicalised young people share their experience in schools and offer family support.",
        (FS, YOUTH),
        "SE",
    ),
    (
        "en",
        "Counselling for siblings",
        "Brothers and sisters of foreign fighters receive counselling and family support.",
        (FS, MENTAL),
        "NL",
    ),
    (
        "en",
        "Family support in Dublin schools",
        "Teachers and parents build family support plans for pupils at risk.",
        (FS, EARLY),
        "IE",
    ),
    (
        "fr",
        "Soutien familial à Lyon",
        "Des conseillers accompagnent les parents inquiets pour un enfant attiré par l'extrémisme violent.",
        (FS, EXIT),
        "FR",
    ),
    (
        "fr",
        "Groupe de parole pour les mères",
        "Des mères se réunissent chaque mois pour parler de la radicalisation de leurs enfants.",
        (FS, MENTAL),
        "FR",
    ),
    (
        "fr",
        "Accompagnement des fratries",
        "Les frères et sœurs de jeunes partis en Syrie sont accompagnés par des psychologues.",
        (FS, MENTAL),
        "FR",
    ),
    (
        "fr",
        "Maison des familles à Bruxelles",
        "Un lieu d'accueil pour les parents confrontés à la radicalisation d'un proche.",
        (FS, YOUTH),
        "BE",
    ),
    (
        "fr",
        "Médiation familiale à Marseille",
        "Des médiateurs rétablissent le dialogue entre parents et adolescents en rupture.",
        (FS, EARLY),
        "FR",
    ),
    (
        "de",
        "Elternberatung in Köln",
        "Beratungsstelle für Eltern, deren Kinder sich extremistischen Gruppen anschließen.",
        (FS, EXIT),
        "DE",
    ),
    (
        "de",
        "Familienhilfe nach der Haft",
        "Sozialarbeiter begleiten Familien von Haftentlassenen beim Neuanfang.",
        (FS, EXIT),
        "DE",
    ),
    (
        "de",
        "Angehörigentelefon Berlin",
        "Ein Telefon für Angehörige von radikalisierten Jugendlichen.",
        (FS, MENTAL),
        "DE",
    ),
    ("de", "Väter im Gespräch", "Väter sprechen in Gruppen über Erziehung und Extremismus.", (FS, YOUTH), "AT"),
    (
        "nl",
        "Gezinsbegeleiding in Utrecht",
        "Gezinscoaches begeleiden ouders van jongeren die radicaliseren.",
        (FS, EARLY),
        "NL",
    ),
    (
        "nl",
        "Oudergroepen in Antwerpen",
        "Ouders van vertrokken strijders komen samen om ervaringen te delen.",
        (FS, EXIT),
        "BE",
    ),
    ("nl", "Broers en zussen", "Begeleiding voor broers en zussen van geradicaliseerde jongeren.", (FS, YOUTH), "NL"),
    (
        "es",
        "Apoyo a familias en Madrid",
        "Psicólogos acompañan a las familias de jóvenes radicalizados.",
        (FS, MENTAL),
        "ES",
    ),
    (
        "es",
        "Escuela de padres en Ceuta",
        "Talleres para madres y padres sobre prevención de la radicalización.",
        (FS, EARLY),
        "ES",
    ),
    (
        "it",
        "Sostegno alle famiglie a Torino",
        "Operatori sociali affiancano le famiglie di giovani a rischio di radicalizzazione.",
        (FS, EXIT),
        "IT",
    ),
    ("it", "Sportello genitori a Milano", "Uno sportello di ascolto per genitori preoccupati.", (FS, YOUTH), "IT"),
]
OTHERS = [
    (
        "en",
        "Mentoring young people in Cork",
        "Volunteer mentors meet young people at risk of radicalisation every week.",
        (YOUTH,),
        "IE",
    ),
    (
        "en",
        "Online counter narratives lab",
        "Young creators make short videos that answer extremist propaganda.",
        ("alternative-counter-narratives",),
        "IE",
    ),
    (
        "en",
        "Prison imams programme",
        "Chaplains hold dialogue sessions with inmates convicted of terrorist offences.",
        ("prison-probation",),
        "SE",
    ),
    (
        "en",
        "Teachers spotting polarisation",
        "A training course helps teachers discuss polarising events in class.",
        ("first-line-training",),
        "NL",
    ),
    (
        "en",
        "Football against hate",
        "Coaches use football clubs to bring together young people of different backgrounds.",
        ("social-cohesion-polarisation",),
        "IE",
    ),
    (
        "en",
        "Police community liaison",
        "Officers hold open evenings in neighbourhoods after attacks.",
        ("community-engagement",),
        "BE",
    ),
    (
        "fr",
        "Ateliers d'esprit critique",
        "Des ateliers apprennent aux élèves à vérifier les informations en ligne.",
        ("education",),
        "FR",
    ),
    (
        "fr",
        "Sortie de la violence en prison",
        "Des éducateurs rencontrent les détenus radicalisés chaque semaine.",
        ("prison-probation",),
        "FR",
    ),
    (
        "fr",
        "Cellule de veille municipale",
        "Les services de la ville partagent leurs signalements une fois par mois.",
        ("local-strategies-cities",),
        "FR",
    ),
    (
        "fr",
        "Théâtre forum au lycée",
        "Des comédiens jouent des scènes de discrimination et les élèves les rejouent.",
        ("education",),
        "BE",
    ),
    (
        "de",
        "Ausstiegsberatung Nord",
        "Beratung für Menschen, die die rechtsextreme Szene verlassen wollen.",
        ("deradicalisation-disengagement",),
        "DE",
    ),
    (
        "de",
        "Demokratie im Klassenzimmer",
        "Schülerinnen und Schüler üben Debatten über strittige Themen.",
        ("education",),
        "AT",
    ),
    (
        "de",
        "Moscheegemeinden im Dialog",
        "Gemeinden laden Nachbarn zu offenen Gesprächen ein.",
        ("community-engagement",),
        "DE",
    ),
    (
        "de",
        "Polizei und Sozialarbeit",
        "Polizisten und Sozialarbeiter treffen sich zu Fallkonferenzen.",
        ("multi-agency-cooperation",),
        "DE",
    ),
    ("nl", "Jongerenwerk in Rotterdam", "Jongerenwerkers zoeken jongeren op straat en online op.", (YOUTH,), "NL"),
    (
        "nl",
        "Weerbaarheid op school",
        "Leerlingen leren omgaan met extreme meningen op sociale media.",
        ("education",),
        "NL",
    ),
    (
        "nl",
        "Exitprogramma Noord",
        "Begeleiding bij het verlaten van extremistische groepen.",
        ("deradicalisation-disengagement",),
        "BE",
    ),
    (
        "es",
        "Diálogo en los barrios",
        "Vecinos y mediadores organizan encuentros tras los atentados.",
        ("community-engagement",),
        "ES",
    ),
    (
        "es",
        "Prevención en las aulas",
        "Profesores reciben formación sobre discursos de odio.",
        ("first-line-training",),
        "ES",
    ),
    (
        "es",
        "Salida del yihadismo",
        "Programa de desvinculación para presos condenados por terrorismo.",
        ("prison-probation",),
        "ES",
    ),
    (
        "it",
        "Educazione civica digitale",
        "Laboratori sulle notizie false per studenti delle superiori.",
        ("online-dimension",),
        "IT",
    ),
    (
        "it",
        "Dialogo nelle carceri",
        "Mediatori culturali incontrano i detenuti ogni settimana.",
        ("prison-probation",),
        "IT",
    ),
    (
        "it",
        "Rete dei comuni",
        "I comuni condividono strumenti di prevenzione locale.",
        ("local-strategies-cities",),
        "IT",
    ),
    (
        "it",
        "Memoria delle vittime",
        "Testimonianze delle vittime del terrorismo nelle scuole.",
        ("victims-of-terrorism",),
        "IT",
    ),
]
ORGANISATIONS = {
    "IE": "Cork City Council",
    "FR": "Ville de Lyon",
    "BE": "Ville de Bruxelles",
    "DE": "Stadt Köln",
    "AT": "Stadt Wien",
    "NL": "Gemeente Utrecht",
    "ES": "Ayuntamiento de Madrid",
    "IT": "Comune di Torino",
    "SE": "Malmö stad",
}
LANGUAGE_OF = {title: language for language, title, *_rest in FAMILY + OTHERS}
FRENCH_PRACTICE = "Soutien familial à Lyon"

WORDS = {
    "en": {
        "filters": "Filters",
        "exit": "Exit strategies",
        "mental": "Mental health",
        "france": "France",
        "next": "Next",
        "previous": "Previous",
        "count": r"^\d+ practices?$",
        "no_match": "No practice matches your search.",
        "French": "French",
        "why": r"theme|audience|meaning",
        "page3": "Page 3 of 3",
        "page1": "Page 1 of 3",
        "back": "Back to results",
        "similar": "Similar practices",
        "french_template": "French template",
        "english_template": "English template",
        "change": "Change",
        "menu": "Menu",
        "other": "fr",
    },
    "fr": {
        "filters": "Filtres",
        "exit": "Stratégies de sortie",
        "mental": "Santé mentale",
        "france": "France",
        "next": "Suivante",
        "previous": "Précédente",
        "count": r"^\d+ pratiques?$",
        "no_match": "Aucune pratique ne correspond à votre recherche.",
        "French": "français",
        "why": r"thème|public|sens",
        "page3": "Page 3 sur 3",
        "page1": "Page 1 sur 3",
        "back": "Retour aux résultats",
        "similar": "Pratiques similaires",
        "french_template": "Modèle en français",
        "english_template": "Modèle en anglais",
        "change": "Changer",
        "menu": "Menu",
        "other": "en",
    },
}

# --- what the page is checked for -------------------------------------------------------------

# Changes inside a live region after the page loaded: what a screen reader reads out. A region
# whose text is there at load is read with the page, not announced.
ANNOUNCEMENTS = """
window.__announced = [];
document.addEventListener('DOMContentLoaded', () => {
  new MutationObserver(records => {
    for (const record of records) {
      const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      const region = node && node.closest('[aria-live]:not([aria-live=off]), [role=status], [role=alert]');
      if (region && region.textContent.trim()) window.__announced.push(region.textContent.trim());
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
});
"""

ENGLISH = re.compile(
    r"\b(the|of|and|with|your|this|from|by|results?|filters?|search|practices?|similar|download|"
    r"written|next|previous|back|found|through|meaning|theme|no practice|remove|browse|sort)\b",
    re.IGNORECASE,
)


def check_page(page, *, language: str, width: int) -> None:
    """The portal's patterns on the page as it stands."""
    assert page.locator("html").get_attribute("lang") == language
    if width <= 400:
        assert page.evaluate(WIDER) <= 0, "sideways scroll on a phone"
    assert page.evaluate(HEADINGS_OUT_OF_ORDER) == []
    assert blocking_violations(page) == []
    if language == "fr":
        text = page.locator("main").evaluate(INTERFACE_TEXT)
        assert ENGLISH.findall(text) == [], f"English left on a French page: {ENGLISH.findall(text)}"


def announced(page) -> str:
    return "\n".join(page.evaluate("() => window.__announced"))


def results_count(page) -> str:
    return page.locator("#results-heading").inner_text().strip()


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def boxes_match_address(page) -> list[str]:
    """Facet boxes whose state differs from the address's parameters (hidden boxes too)."""
    wanted = query_of(page.url)
    states = page.evaluate(
        "() => [...document.querySelectorAll('.search-facets input[type=checkbox]')].map(b => [b.name, b.value, b.checked])"
    )
    return [f"{name}={value}" for name, value, checked in states if checked != (value in wanted.get(name, []))]


# --- the corpus and the practitioner --------------------------------------------------------------


@pytest.fixture
def corpus(db, settings):
    settings.SEARCH_BACKEND = "database"
    settings.SEARCH_BACKENDS = {"database": {"ENGINE": "search.backends.database.DatabaseSearchBackend"}}
    settings.PRACTICES_PER_PAGE = PER_PAGE
    reset_engines()
    kind = OrganisationType.objects.get(code="municipality")
    organisations = {
        code: Organisation.objects.create(name=name, type=kind, country=code, verified=True)
        for code, name in ORGANISATIONS.items()
    }
    made = {}
    for language, title, description, themes, country in FAMILY + OTHERS:
        made[title] = make_published(
            title,
            organisation=organisations[country],
            description=description,
            themes=themes,
            language=language,
            country=country,
        )
    yield made
    reset_engines()


def practitioner_page(browser, live_server, outsider, width: int, language: str):
    page = signed_in_page(browser, outsider, live_server.url, width=width)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.context.add_init_script(script=ANNOUNCEMENTS)
    return page


def tick(page, words: dict, label: str) -> None:
    """Ticks (or unticks) the facet box named ``label``, opening the phone's filters and a
    facet's "show more" first when it is folded away; the click applies the filter."""
    box = page.get_by_role("checkbox", name=label)
    toggle = page.locator(".filters-button")
    if not box.is_visible() and toggle.is_visible():
        toggle.click()
    if not box.is_visible():
        page.locator(".facet-more", has=page.get_by_role("checkbox", name=label, include_hidden=True)).locator(
            "summary"
        ).click()
    with page.expect_navigation():
        box.click()


# Each walk on a phone in French (the longer words on the narrowest screen) and on a desktop in
# English: both widths and both languages, in half the run time of every pair (CI's time budget).
PARAMS = [pytest.param(375, "fr", id="375px-fr"), pytest.param(1280, "en", id="1280px-en")]


# --- the morning ------------------------------------------------------------------------------


@pytest.mark.parametrize(("width", "language"), PARAMS)
def test_words_find_practices_in_other_languages_and_each_card_says_its_language_and_why(
    browser, live_server, outsider, corpus, width, language
):
    words = WORDS[language]
    page = practitioner_page(browser, live_server, outsider, width, language)
    page.goto("/search/")
    page.locator("#search-q").fill("family support")
    with page.expect_navigation():
        page.locator("#search-q").press("Enter")
    assert query_of(page.url)["q"] == ["family support"]
    # (first run: to_have_text(re.compile("^...$")) read the heading's text with its line breaks)
    assert re.match(words["count"], results_count(page)), results_count(page)
    assert re.search(r"\d+", results_count(page)).group() == str(len(FAMILY))
    page.wait_for_function("() => window.__announced.length > 0")
    assert results_count(page) in announced(page), f"the count is not announced: {announced(page)!r}"

    cards = page.locator(".search-results .practice-card")
    expect(cards).to_have_count(PER_PAGE)
    for index in range(cards.count()):  # every title marked with its own language
        link = cards.nth(index).locator("h3 a")
        assert link.get_attribute("lang") == LANGUAGE_OF[link.inner_text().strip()], link.inner_text()

    # the French practice found by English words (its theme's label): on one of the pages
    card = page.locator(".practice-card", has=page.get_by_role("link", name=FRENCH_PRACTICE))
    for _ in range(3):
        if card.count():
            break
        with page.expect_navigation():
            page.locator(".pagination a[rel=next]").click()
    expect(card).to_have_count(1)
    interface = card.evaluate(INTERFACE_TEXT)
    assert words["French"].lower() in interface.lower(), f"the card does not say it is written in French: {interface!r}"
    if not card.locator("mark").count():  # none of the words in its text: the card says why it answers
        assert re.search(words["why"], interface, re.IGNORECASE), f"no reason given: {interface!r}"
    check_page(page, language=language, width=width)
    page.context.close()


@pytest.mark.parametrize(("width", "language"), PARAMS)
def test_facets_two_themes_and_a_country_announced_removed_and_kept_by_the_back_button(
    browser, live_server, outsider, corpus, width, language
):
    words = WORDS[language]
    page = practitioner_page(browser, live_server, outsider, width, language)
    page.goto("/search/?q=family+support")
    toggle = page.locator(".filters-button")
    if width == 375:
        expect(toggle).to_be_visible()
        expect(toggle).to_have_text(f"{words['filters']} (0)")
        assert not page.get_by_role("checkbox", name=words["exit"]).is_visible()
        toggle.focus()
        page.keyboard.press("Enter")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(page.get_by_role("checkbox", name=words["exit"])).to_be_visible()
        assert page.evaluate(FOCUS_VISIBLE), "the focus moved into the filters is not visible"
        check_page(page, language=language, width=width)
    else:
        expect(toggle).to_be_hidden()

    for number, label in enumerate((words["exit"], words["mental"], words["france"]), start=1):
        tick(page, words, label)
        box = page.get_by_role("checkbox", name=label)
        expect(box).to_be_focused()  # the reader keeps their place in the filters
        expect(box).to_be_checked()
        assert page.evaluate(FOCUS_VISIBLE)
        count = results_count(page)
        assert re.match(words["count"], count), count
        page.wait_for_function("() => window.__announced.length > 0")
        assert count in announced(page), f"the count {count!r} is not announced: {announced(page)!r}"
        expect(page.locator(".active-filters a")).to_have_count(number)
        if width == 375:
            expect(toggle).to_have_text(f"{words['filters']} ({number})")
        check_page(page, language=language, width=width)
    assert query_of(page.url)["theme"] == [EXIT, MENTAL] and query_of(page.url)["country"] == ["FR"]
    assert re.search(r"\d+", results_count(page)).group() == "3"  # the French practices in France

    # the active filters' removal links: by name, one each
    removals = page.locator(".active-filters a")
    texts = removals.all_inner_texts()
    assert all(any(label in text for text in texts) for label in (words["exit"], words["mental"], words["france"]))
    with page.expect_navigation():
        page.locator(".active-filters a", has_text=words["mental"]).click()
    assert "mental-health" not in page.url and "exit-strategies" in page.url and "country=FR" in page.url
    page.wait_for_function("() => window.__announced.length > 0")
    assert results_count(page) in announced(page)

    # the browser's back button: the query and every box as the address says
    page.go_back()
    page.wait_for_url(re.compile("mental-health"))
    expect(page.locator("#search-q")).to_have_value("family support")
    assert boxes_match_address(page) == []
    page.go_back()
    page.wait_for_url(re.compile(r"^(?!.*country=FR).*mental-health"))
    expect(page.locator("#search-q")).to_have_value("family support")
    assert boxes_match_address(page) == [], "a box ticked before leaving shows ticked after going back"
    check_page(page, language=language, width=width)
    page.context.close()


@pytest.mark.parametrize(("width", "language"), PARAMS)
def test_a_misspelt_query_and_a_query_without_results_show_the_way_on(
    browser, live_server, outsider, corpus, width, language
):
    words = WORDS[language]
    page = practitioner_page(browser, live_server, outsider, width, language)
    page.goto("/search/?q=mentorng")
    suggestion = page.locator("a.suggestion")
    expect(suggestion).to_have_text("mentoring")
    page.wait_for_function("() => window.__announced.length > 0")
    assert "mentoring" in announced(page), f"the suggestion is not announced: {announced(page)!r}"
    check_page(page, language=language, width=width)
    suggestion.focus()
    assert page.evaluate(FOCUS_VISIBLE)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert query_of(page.url)["q"] == ["mentoring"]
    expect(page.get_by_role("link", name="Mentoring young people in Cork")).to_be_visible()

    # nothing at all, with a filter: the empty state says so, announced, and offers the way on
    page.goto(f"/search/?q=qwxzvb&theme={FS}")
    empty = page.locator(".search-empty")
    expect(empty).to_contain_text(words["no_match"])
    page.wait_for_function("() => window.__announced.length > 0")
    assert words["no_match"] in announced(page), f"the empty result is not announced: {announced(page)!r}"
    ways = empty.locator("a")
    assert ways.count() >= 2  # remove the filter, browse everything
    # by keyboard: from the query box, Tab reaches the first way on
    page.locator("#search-q").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('.search-empty, .active-filters')"):
            break
    assert page.evaluate("() => !!document.activeElement.closest('.search-empty, .active-filters')")
    assert page.evaluate(FOCUS_VISIBLE)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=qwxzvb" not in page.url or "theme=" not in page.url  # one of the two was let go
    check_page(page, language=language, width=width)
    page.context.close()


def _tab_to(page, selector: str, limit: int = 250) -> int:
    """Tab until the focus is on ``selector``, every focus on the way visible; the presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_VISIBLE), page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
        if page.evaluate(f"() => document.activeElement.matches({selector!r})"):
            return presses
    raise AssertionError(f"Tab never reached {selector}")


@pytest.mark.parametrize(("width", "language"), PARAMS)
def test_paging_to_page_three_and_back_by_keyboard_alone(browser, live_server, outsider, corpus, width, language):
    words = WORDS[language]
    page = practitioner_page(browser, live_server, outsider, width, language)
    page.goto("/search/?q=family+support")
    expect(page.locator(".pagination")).to_contain_text(words["page1"])
    for number in (2, 3):
        _tab_to(page, ".pagination a[rel=next]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert query_of(page.url)["page"] == [str(number)] and query_of(page.url)["q"] == ["family support"]
        expect(page.locator("#search-q")).to_have_value("family support")
        # after a page change the results are within a few Tabs (not behind the header and every filter)
        presses = _tab_to(page, ".search-results .practice-card h3 a")
        assert presses <= 3, f"{presses} Tabs to the first result of page {number}"
        page.wait_for_function("() => window.__announced.length > 0")
        assert results_count(page) in announced(page)
    expect(page.locator(".pagination")).to_contain_text(words["page3"])
    expect(page.locator(".pagination a[rel=next]")).to_have_count(0)
    check_page(page, language=language, width=width)
    for number in (2, 1):
        _tab_to(page, ".pagination a[rel=prev]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert query_of(page.url).get("page", ["1"]) == [str(number)]
    expect(page.locator(".pagination")).to_contain_text(words["page1"])
    # and the browser's back button: page 2 again, the query kept
    page.go_back()
    page.wait_for_url(re.compile("page=2"))
    expect(page.locator("#search-q")).to_have_value("family support")
    check_page(page, language=language, width=width)
    page.context.close()


READING_ORDER = """() => {
  // the article's visible blocks, in the order a screen reader reads them, go down the page
  const blocks = [...document.querySelectorAll('article > *, article .practice-summary, article .practice-fields > dt')]
    .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden' && !e.classList.contains('print-only'));
  const wrong = [];
  let previous = -Infinity;
  for (const e of blocks) {
    const top = Math.round(e.getBoundingClientRect().top + scrollY);
    if (top < previous - 1) wrong.push((e.id || e.className || e.tagName) + ' above what precedes it');
    previous = Math.max(previous, top);
  }
  return wrong;
}"""


@pytest.mark.parametrize(("width", "language"), PARAMS)
def test_a_practice_page_its_similar_practices_and_its_template_download(
    browser, live_server, outsider, corpus, width, language, tmp_path
):
    words = WORDS[language]
    practice = corpus[FRENCH_PRACTICE]
    page = practitioner_page(browser, live_server, outsider, width, language)
    page.goto(f"/search/?q=soutien+familial&theme={FS}")
    with page.expect_navigation():
        page.get_by_role("link", name=FRENCH_PRACTICE).click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(FRENCH_PRACTICE)
    assert heading.get_attribute("lang") == "fr"
    description = page.locator(".practice-fields dd", has_text="Des conseillers accompagnent")
    assert description.get_attribute("lang") == "fr"
    assert page.evaluate(READING_ORDER) == []
    back = page.get_by_role("link", name=words["back"])
    assert "q=soutien+familial" in back.get_attribute("href")

    similar = page.locator(".similar-practices")
    expect(similar.get_by_role("heading", name=words["similar"])).to_be_visible()
    links = similar.locator("a")
    assert links.count() >= 1
    for index in range(links.count()):
        link = links.nth(index)
        assert link.get_attribute("lang") == LANGUAGE_OF[link.inner_text().strip()], link.inner_text()
    check_page(page, language=language, width=width)

    # the template: a file arrives, its name says what it is (template, practice, title, language)
    picker = page.locator("#template-language")
    picker.select_option("fr")
    word = page.locator("form.template-download button").first
    word.focus()
    assert page.evaluate(FOCUS_VISIBLE)
    with page.expect_download() as arrived:
        page.keyboard.press("Enter")
    download = arrived.value
    # (first run: the case asked for the ASCII name; Chrome takes the header's filename*, the title's own letters)
    assert download.suggested_filename in {
        f"ran-template-{practice.pk}-soutien-familial-a-lyon-fr.docx",
        f"ran-template-{practice.pk}-soutien-familial-à-lyon-fr.docx",
    }
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes()[:2] == b"PK"
    picker.select_option("en")
    with page.expect_download() as arrived:
        page.locator("form.template-download button[formaction]").click()
    download = arrived.value
    assert download.suggested_filename in {
        f"ran-template-{practice.pk}-soutien-familial-a-lyon-en.md",
        f"ran-template-{practice.pk}-soutien-familial-à-lyon-en.md",
    }
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert FRENCH_PRACTICE in saved.read_text(encoding="utf-8")
    assert page.url.endswith(f"/practices/{practice.pk}/?" + urlsplit(page.url).query)  # still on the page
    page.context.close()


def _switch_language(page, words: dict) -> None:
    select = page.locator("#language-select")
    if not select.is_visible():  # on a phone the switch waits behind "Menu"
        page.locator("summary.site-menu-button").click()
    select.select_option(words["other"])
    with page.expect_navigation():
        page.locator("form.language-switcher button[type=submit]").click()


@pytest.mark.parametrize(("width", "language"), PARAMS)
def test_the_language_switch_keeps_the_page_the_query_and_the_filters(
    browser, live_server, outsider, corpus, width, language
):
    words = WORDS[language]
    other = words["other"]
    page = practitioner_page(browser, live_server, outsider, width, language)
    address = f"/search/?q=family+support&theme={EXIT}&country=FR&page=1"
    page.goto(address)
    before = query_of(page.url)
    _switch_language(page, words)
    page.wait_for_url(re.compile(r"/search/\?"))
    expect(page.locator("html")).to_have_attribute("lang", other)
    assert query_of(page.url) == before
    expect(page.locator("#search-q")).to_have_value("family support")
    assert boxes_match_address(page) == []
    expect(page.get_by_role("checkbox", name=WORDS[other]["exit"], include_hidden=True)).to_be_checked()
    check_page(page, language=other, width=width)

    # on a practice's page: the same practice, its way back to the results kept
    with page.expect_navigation():
        page.get_by_role("link", name=FRENCH_PRACTICE).click()
    practice_url = page.url
    _switch_language(page, WORDS[other])
    page.wait_for_url(re.compile(r"/practices/\d+/"))
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert urlsplit(page.url).path == urlsplit(practice_url).path
    assert query_of(page.url) == query_of(practice_url)
    back = page.get_by_role("link", name=words["back"])
    assert "q=family+support" in back.get_attribute("href") and "country=FR" in back.get_attribute("href")
    check_page(page, language=language, width=width)
    page.context.close()
