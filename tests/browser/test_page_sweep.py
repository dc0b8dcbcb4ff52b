"""A sweep of every page a person can reach, in a real browser, found by following links.

One small world (published practice, draft, submitted practice with a finding, a network with a
thread and posts, a case room, an organisation with a pending member, an API token); for each
persona (moderator, organisation administrator, contributor, anonymous visitor) the sweep follows
same-origin links (and GET forms as they stand) breadth-first from the home page, whose header is
the account menu, opening one page per route name at a 360 px phone width. Every page answers 200
(after an expected redirect), is no wider than the phone, logs no console error and fails no
same-origin request, has one <h1>, a <title> of its own, <html lang> of the interface language, a
name for every form control and a target for every in-page link; axe-core finds no serious or
critical violation on each route, as the first persona who reaches it. Every distinct link on those
pages answers without an error (Django's test client, as the persona), and none of them records a
change of state. Then every route is opened once in French: no text of the interface reads as it
does in English.

The pages and findings, by class, are written to test-artifacts/page-sweep.txt."""

import re
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import trans_real
from playwright.sync_api import Error as PlaywrightError

from api.services import api_token_create
from network import services as network_services
from network.models import Network, Post
from portal.models import AuditEvent, Membership, TaxonomyTerm, User
from portal.services import membership_end, organisation_get_or_create
from practices import services as practice_services
from practices.models import Finding, Practice
from search.worker import drain
from tests.browser.conftest import ARTIFACTS, AXE, TIMEOUT_MS, blocking_violations
from tests.conftest import make_user
from tests.network.factories import make_case_room
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 360, "height": 800}
ROUTES_PER_PERSONA = 80
PORTAL_NAME = "PVE Practitioners' Portal"  # the whole <title> of the home page only

# Never followed: they change the session (log out, switch language) or are not pages.
SKIPPED_ROUTES = {"account_logout", "language_switch", "set_language", "healthz"}
SKIPPED_PREFIXES = ("/admin/", "/static/")

NUMBER_OR_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|\d+")

# Routes that answer data, not pages: their links are checked, not opened.
NOT_PAGES = ("api:", "federation:", "federation_peer:")
DOWNLOADS = {"practices:template", "practices:export_selection"}
# The API documentation (Swagger UI, drf-spectacular) is written in English, and says so in its <html lang>.
ENGLISH_ONLY = {"api:docs"}


PAGE_FACTS = r"""() => {
  const visible = e => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)
    && getComputedStyle(e).visibility !== 'hidden';
  const text = e => (e ? (e.innerText || e.textContent || '') : '').replace(/\s+/g, ' ').trim();
  const byIds = ids => ids.split(/\s+/).map(id => text(document.getElementById(id))).join(' ').trim();
  const nameOf = e => {
    if (e.getAttribute('aria-labelledby')) return byIds(e.getAttribute('aria-labelledby'));
    if (e.getAttribute('aria-label')) return e.getAttribute('aria-label').trim();
    const labels = e.labels ? Array.from(e.labels).map(text).join(' ').trim() : '';
    if (labels) return labels;
    const content = e.tagName === 'BUTTON' ? text(e)
      : ['submit', 'reset', 'button'].includes(e.type) ? (e.value || '').trim()
      : e.type === 'image' ? (e.alt || '').trim() : '';
    return content || (e.getAttribute('title') || '').trim();
  };
  const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[name=' + e.name + ']' : '')
    + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\s+/).join('.') : '');
  const controls = Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea, button'));
  const fragments = Array.from(document.querySelectorAll('a[href^="#"]')).map(a => a.getAttribute('href'))
    .filter(h => h.length > 1 && !document.getElementById(decodeURIComponent(h.slice(1))));
  const wide = Array.from(document.querySelectorAll('body *')).filter(visible)
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
    .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined
      ? '.' + e.className.trim().split(/\s+/).join('.') : ''));
  const own = e => (e.closest('[lang]') || document.documentElement).lang === document.documentElement.lang;
  const texts = [];  // every visible text in the page's language, and the texts of attributes a reader meets
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent && !parent.closest('script, style, noscript, code, pre, kbd, samp') && visible(parent) && own(parent))
      texts.push(node.textContent);
  }
  for (const option of document.querySelectorAll('option')) if (own(option)) texts.push(option.textContent);
  for (const e of document.querySelectorAll('[placeholder], [aria-label], [title], img[alt], input[type=submit]')) {
    const attribute = ['placeholder', 'aria-label', 'title'].map(name => e.getAttribute(name)).find(Boolean);
    texts.push(attribute || e.alt || e.value || '');
  }
  return {
    lang: document.documentElement.lang,
    title: document.title.trim(),
    h1: document.querySelectorAll('h1').length,
    unnamed: controls.filter(visible).filter(e => !nameOf(e)).map(describe),
    fragments: [...new Set(fragments)],
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    wide: wide,
    links: Array.from(document.querySelectorAll('a[href]')).map(a => a.href).concat(
      Array.from(document.querySelectorAll('form'))
        .filter(f => (f.getAttribute('method') || 'get').toLowerCase() === 'get')
        .map(f => {  // a GET form sent as it stands: a search page, a filter
          const u = new URL(f.getAttribute('action') || location.href, location.href);
          for (const [k, v] of new FormData(f)) if (typeof v === 'string' && v) u.searchParams.append(k, v);
          return u.href;
        })),
    texts: [...new Set(texts.map(t => t.replace(/\s+/g, ' ').trim()).filter(t => /[A-Za-z]{3}/.test(t)))],
  };
}"""


@dataclass
class Crawl:
    persona: str
    language: str
    pages: dict[str, str] = field(default_factory=dict)  # route name: the address visited
    texts: dict[str, set[str]] = field(default_factory=dict)  # route name: its interface texts
    problems: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # class: findings
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))  # step: time spent
    links: dict[str, tuple[int, str]] = field(default_factory=dict)  # every distinct link: status, content type


@dataclass
class World:
    users: dict[str, User | None]
    data: set[str]  # texts of the world's content: the same in every language


def _more_states(*, contributor: User, colleague: User, outsider: User, moderator: User, post: Post) -> set[str]:
    """The states that put more on the pages: practices sent back and rejected, an update in review,
    an unverified organisation; in the network of ``post`` a join request, a report and an edited post;
    in every network an invitation and a ban (the sweep opens one network's pages, whichever it meets first);
    a ban from an organisation."""
    sent_back = make_practice(author=contributor, title="Sent back for more detail")
    practice_services.practice_submit(practice=sent_back, actor=contributor)
    practice_services.practice_request_changes(practice=sent_back, moderator=moderator, comment="Say who runs it.")
    rejected = make_practice(author=contributor, title="Rejected outline")
    practice_services.practice_submit(practice=rejected, actor=contributor)
    practice_services.practice_reject(practice=rejected, moderator=moderator, reason="Out of scope.")
    published = Practice.objects.get(title="Mentoring after prison")
    update = practice_services.practice_start_revision(practice=published, editor=contributor)
    practice_services.practice_submit(practice=update, actor=contributor, change_summary="Newer figures.")
    make_user("youth@club.example", organisation_get_or_create(name="Youth club Nordby"), display_name="Yan Youth")
    network_services.network_join_request(network=post.thread.network, user=outsider)
    network_services.post_report(post=post, actor=contributor, reason="other", note="Check the names.")
    network_services.post_edit(post=post, actor=colleague, body=f"{post.body} Twice.")
    for number, network in enumerate(Network.objects.all()):
        network_services.network_invitation_create(network=network, actor=moderator, email="invited@example.org")
        banned = make_user(
            f"banned{number}@ravnstad.example", colleague.organisation, display_name=f"Bo Banned {number}"
        )
        membership = network_services.network_member_add(network=network, user=banned, actor=moderator)
        network_services.network_member_remove(membership=membership, actor=moderator, ban=True)
    # and a member of the colleague's organisation removed from it with a ban (the members page's banned list)
    barred = make_user("barred@ravnstad.example", colleague.organisation, display_name="Bea Barred")
    membership_end(membership=Membership.objects.get(user=barred), actor=moderator, ban=True)
    return {"Say who runs it.", "Out of scope.", "Check the names.", "Newer figures.", "invited@example.org", "Twice."}


@pytest.fixture
def world(contributor, org_admin, moderator, applicant, colleague, outsider) -> World:
    """Something on every page a persona can reach."""
    published = make_practice(author=contributor, publish=True, title="Mentoring after prison")
    make_practice(author=contributor, title="Draft about family circles")
    submitted = make_practice(
        author=contributor,
        title="Family support after release",
        description="Weekly talks with Kari Nordmann to prevent violent extremism.",
    )
    start = submitted.description.index("Kari Nordmann")
    Finding.objects.create(
        practice=submitted, field="description", type="PERSON", text="Kari Nordmann", start=start, end=start + 13
    )
    practice_services.practice_submit(practice=submitted, actor=contributor)
    make_user("pending@ravnstad.example", display_name="Per Pending")
    Membership.objects.create(
        user=User.objects.get(email="pending@ravnstad.example"), organisation=org_admin.organisation
    )

    network = network_services.network_create(
        actor=moderator,
        name="Exit work north",
        purpose="Exit counselling cases.",
        policy=Network.Policy.REQUEST,
        listed=True,
    )
    for member in (contributor, org_admin, colleague):
        network_services.network_member_add(network=network, user=member, actor=moderator)
    thread = network_services.thread_create(
        network=network,
        actor=contributor,
        title="A returning fighter's family",
        body="The family asks for support.",
        practice=published,
    )
    post = network_services.post_create(
        thread=thread, actor=colleague, body=f"@{contributor.display_name} we did this."
    )
    network_services.post_create(thread=thread, actor=org_admin, body="Our mentors can help.")
    room = make_case_room(moderator=moderator, members=(contributor, colleague), name="Case room 12")
    network_services.thread_create(network=room, actor=contributor, title="One family's plan", body="Notes.")
    texts = _more_states(
        contributor=contributor, colleague=colleague, outsider=outsider, moderator=moderator, post=post
    )
    api_token_create(
        user=contributor, name="Reporting script", scope="read", expires_on=timezone.localdate() + timedelta(days=30)
    )
    drain()
    data = {text for practice in Practice.objects.all() for text in (practice.title, practice.description)}
    data |= {text for network in Network.objects.all() for text in (network.name, network.purpose)}
    data |= {text for post in Post.objects.select_related("thread") for text in (post.thread.title, post.body)}
    data |= {"Reporting script", published.contact, settings.PORTAL_CONTACT_EMAIL, *texts}
    data |= {user.display_name for user in User.objects.all()} | {user.email for user in User.objects.all()}
    data |= {membership.organisation.name for membership in Membership.objects.select_related("organisation")}
    # The persona who sees most first: axe-core checks a route once, as the first persona who reaches it.
    users = {"moderator": moderator, "org_admin": org_admin, "contributor": contributor, "anonymous": None}
    return World(users=users, data={text for text in data if text})


def _route(path: str) -> str | None:
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def _followed(path: str) -> bool:
    return not path.startswith(SKIPPED_PREFIXES) and _route(path) not in SKIPPED_ROUTES


def _page_route(route: str) -> bool:
    """Whether a route serves pages (not the API's data, the federation's feed or a download)."""
    return route == "api:docs" or not (route.startswith(NOT_PAGES) or route in DOWNLOADS)


def _client(user: User | None, language: str) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _context(browser, base_url: str, client: Client, audit: bool):
    context = browser.new_context(base_url=base_url, viewport=PHONE)
    if audit:  # axe-core, through the browser's own channel, which the Content-Security-Policy does not govern
        context.add_init_script(path=str(AXE))
    context.add_cookies([{"name": c.key, "value": c.value, "url": base_url} for c in client.cookies.values()])
    return context


def _check_link(crawl: Crawl, client: Client, url: str, where: str) -> tuple[int, str]:
    """The final status and content type of ``url`` through the test client (each link once)."""
    if url not in crawl.links:
        started = time.monotonic()
        response = client.get(url, follow=True)
        crawl.seconds["client"] += time.monotonic() - started
        crawl.links[url] = (response.status_code, response.get("Content-Type", ""))
        if response.status_code >= 400:
            crawl.problems["broken link"].append(f"{url} answers {response.status_code} (linked from {where})")
    return crawl.links[url]


def _audit(crawl: Crawl, route: str, url: str, facts: dict, page=None) -> None:
    found = crawl.problems
    where = f"{route} {url}"
    if facts["lang"] != crawl.language and route not in ENGLISH_ONLY:
        found["html lang"].append(f"{where}: lang={facts['lang']!r}")
    default = trans_real.translation(crawl.language).gettext(PORTAL_NAME)
    if route != "home" and (facts["title"] in ("", default) or facts["title"].startswith("·")):
        found["default title"].append(f"{where}: {facts['title']!r}")
    if facts["h1"] != 1:
        found["not one h1"].append(f"{where}: {facts['h1']} <h1>")
    if facts["unnamed"]:
        found["unnamed form control"].append(f"{where}: {facts['unnamed']}")
    if facts["fragments"]:
        found["in-page link without target"].append(f"{where}: {facts['fragments']}")
    if facts["overflow"] > 0:
        found["wider than a phone"].append(f"{where}: {facts['overflow']}px, {facts['wide']}")
    if page is not None:
        started = time.monotonic()
        found["axe"] += [f"{where}: {violation}" for violation in blocking_violations(page)]
        crawl.seconds["axe"] += time.monotonic() - started


def _open(crawl: Crawl, page, route: str, url: str, noise: list[str]) -> dict | None:
    """Open ``url`` in the browser; the page's facts, or None when it is not a page that answers 200."""
    noise.clear()
    started = time.monotonic()
    try:
        response = page.goto(url)
    except PlaywrightError as error:  # a download, not a page
        if "Download is starting" not in str(error):
            raise
        crawl.links[url] = (200, "download")
        return None
    status = response.status if response else 0
    crawl.links[url] = (status, response.headers.get("content-type", "") if response else "")
    if status != 200:
        crawl.problems["broken link"].append(f"{route} {url} answers {status}")
        return None
    if route == "api:docs":  # Swagger UI draws the page after loading the schema
        page.locator(".swagger-ui .opblock").first.wait_for()
    facts = page.evaluate(PAGE_FACTS)
    crawl.seconds["browser"] += time.monotonic() - started
    return facts


def _failed(request) -> bool:
    """Whether a request failed, rather than being left behind when the sweep moved to the next page."""
    return request.failure != "net::ERR_ABORTED"


def _listen(page, origin: str) -> list[str]:
    """Console errors, script errors and failed same-origin requests of the page open, as they come."""
    noise: list[str] = []
    page.on("console", lambda m: m.type == "error" and noise.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: noise.append(f"script error: {e}"))
    page.on("requestfailed", lambda r: r.url.startswith(origin) and _failed(r) and noise.append(f"failed: {r.url}"))
    page.on("response", lambda r: r.url.startswith(origin) and r.status >= 400 and noise.append(f"{r.status}: {r.url}"))
    return noise


def _crawl(browser, base_url: str, persona: str, user: User | None, audited: set[str]) -> Crawl:
    """Breadth-first from the home page, one page per route name, in English, every check on;
    axe-core once per route name over every persona (``audited``: the routes it has seen)."""
    crawl = Crawl(persona=persona, language="en")
    client = _client(user, "en")
    context = _context(browser, base_url, client, audit=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    origin = base_url.rstrip("/")
    noise = _listen(page, origin)
    queue: deque[tuple[str, str]] = deque([("/", "/")])
    while queue and len(crawl.pages) < ROUTES_PER_PERSONA:
        url, linked_from = queue.popleft()
        route = _route(urlsplit(url).path)
        if route is None or route in crawl.pages or not _page_route(route):
            _check_link(crawl, client, url, linked_from)  # not opened: its link still has to answer
            continue
        facts = _open(crawl, page, route, url, noise)
        if facts is None:
            continue
        if user is not None and _route(urlsplit(page.url).path) == "account_login":
            crawl.problems["broken link"].append(f"{route} {url}: a signed-in persona is sent to log in")
        crawl.pages[route] = url
        crawl.texts[route] = set(facts["texts"])
        _audit(crawl, route, url, facts, None if route in audited else page)
        audited.add(route)
        crawl.problems["console or request"] += [f"{route} {url}: {each}" for each in noise]
        for link in facts["links"]:
            parts = urlsplit(link)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            if link.startswith(origin) and _followed(parts.path) and target not in crawl.links:
                crawl.links[target] = (0, "queued")
                queue.append((target, url))
    for url, (status, _type) in list(crawl.links.items()):  # links left in the queue past the bound
        if status == 0:
            del crawl.links[url]
            _check_link(crawl, client, url, "")
    context.close()
    return crawl


def _crawl_in_french(browser, base_url: str, english: list[Crawl], users: dict[str, User | None]) -> Crawl:
    """Every route the English crawls reached, once, in French, as the first persona that reached it."""
    crawl = Crawl(persona="every persona", language="fr")
    seen: set[str] = set()
    for each in english:
        client = _client(users[each.persona], "fr")
        context = _context(browser, base_url, client, audit=False)
        page = context.new_page()
        noise = _listen(page, base_url.rstrip("/"))
        for route, url in each.pages.items():
            if route in seen or route in ENGLISH_ONLY:
                continue
            seen.add(route)
            facts = _open(crawl, page, route, url, noise)
            if facts is not None:
                crawl.pages[route] = url
                crawl.texts[route] = set(facts["texts"])
                _audit(crawl, route, url, facts)
        context.close()
    return crawl


def _shape(text: str) -> str:
    """A text with its numbers and placeholders as one mark: "2 organisations" reads as "%(counter)s organisations"."""
    return re.sub(r"\s+", " ", NUMBER_OR_PLACEHOLDER.sub("#", text)).strip()


def _french_texts() -> set[str]:
    """Every French text of the catalogue, and the template lists' French labels, shaped."""
    catalogue = trans_real.translation("fr")._catalog  # type: ignore[attr-defined] # Django's loaded catalogue
    labels = [term.label_fr for model in TaxonomyTerm.__subclasses__() for term in model.objects.all()]
    values = [value for _key, value in catalogue.items()]
    return {_shape(value) for value in [*values, *labels] if isinstance(value, str)}


def _left_in_english(english: Crawl, french: Crawl, world: World) -> list[str]:
    """Interface texts of a page that read the same in the French crawl as in the English one, other
    than the world's own content and the texts the French catalogue itself holds (its "Contact")."""
    french_texts = _french_texts()
    left = []
    for route, texts in french.texts.items():
        same = texts & english.texts.get(route, set())
        same = {t for t in same if not {_shape(t), _shape(t).strip(" #:,.")} & french_texts}  # "Invitation #1"
        same = {t for t in same if not any(t in text or text in t for text in world.data)}
        left += [f"{route} {french.pages[route]}: {text!r}" for text in sorted(same)]
    return left


def _report(crawls: list[Crawl], left: list[str], seconds: float) -> str:
    lines = [f"Page sweep: {seconds:.1f} s"]
    for crawl in crawls:
        lines.append(
            f"\n== {crawl.persona} [{crawl.language}]: {len(crawl.pages)} pages, {len(crawl.links)} links, "
            + ", ".join(f"{step} {spent:.1f} s" for step, spent in crawl.seconds.items())
        )
        lines += [f"   {route}  {url}" for route, url in sorted(crawl.pages.items())]
        for kind, findings in sorted(crawl.problems.items()):
            lines += [f" ! {kind}: {finding}" for finding in findings]
    lines += ["\n== English left on French pages"] + [f" ! {each}" for each in left]
    return "\n".join(lines)


REACHED = {  # pages each persona must reach by links, or the sweep is not looking where it should
    "moderator": {
        "moderation:review",
        "moderation:organisation_verify",
        "network:ban_lift",
        "network:invitation_revoke",
    },
    "org_admin": {"organisation_members", "organisation_membership_request", "practices:edit", "api_tokens"},
    "contributor": {"practices:create", "network:post_history", "network:notifications", "api_tokens", "profile"},
    "anonymous": {"home", "search:search", "practices:detail", "account_login", "account_signup"},
}


def test_every_reachable_page_passes_the_sweep(browser, live_server, world):
    started = time.monotonic()
    audited: set[str] = set()
    changes = AuditEvent.objects.count()
    crawls = [_crawl(browser, live_server.url, name, user, audited) for name, user in world.users.items()]
    # Every change of state goes through a service, which records it: no page, no link changed any.
    assert AuditEvent.objects.count() == changes, list(
        AuditEvent.objects.order_by("pk").values_list("action", flat=True)[changes:]
    )
    french = _crawl_in_french(browser, live_server.url, crawls, world.users)
    left = [each for english in crawls for each in _left_in_english(english, french, world)]
    report = _report([*crawls, french], sorted(set(left)), time.monotonic() - started)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "page-sweep.txt").write_text(report + "\n")
    problems = [line for line in report.splitlines() if line.startswith(" !")]
    assert problems == [], report
    for crawl in crawls:  # the sweep reaches what it should
        assert REACHED[crawl.persona] <= set(crawl.pages), (crawl.persona, REACHED[crawl.persona] - set(crawl.pages))


def test_the_review_of_an_update_fits_a_phone_in_both_languages(browser, live_server, world):
    """The sweep opens one review page (the first it meets); an update's review has more facts
    ("What changed, in the contributor's words"), whose long labels must wrap on a phone."""
    update = Practice.objects.get(revision_of__isnull=False)
    url = reverse("moderation:review", args=[update.pk])
    for language in ("en", "fr"):
        crawl = Crawl(persona="moderator", language=language)
        context = _context(browser, live_server.url, _client(world.users["moderator"], language), audit=False)
        page = context.new_page()
        facts = _open(crawl, page, "moderation:review", url, [])
        page.screenshot(path=str(ARTIFACTS / f"sweep-update-review-{language}.png"), full_page=True)
        context.close()
        assert facts is not None
        _audit(crawl, "moderation:review", url, facts)
        assert dict(crawl.problems) == {}, language


BAD_PAGE = """<!DOCTYPE html><html><head><title>PVE Practitioners' Portal</title></head><body>
<h1>One</h1><h1>Two</h1><a href="#nowhere">Jump</a><a href="#here">Here</a><p id="here">Here.</p>
<label>Named <input name="named"></label><input name="unnamed"><button title="Expand"></button><button></button>
<div style="width: 500px">Wide</div></body></html>"""


def test_the_sweep_sees_what_it_looks_for(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.set_content(BAD_PAGE)
    crawl = Crawl(persona="test", language="en")
    _audit(crawl, "page_about", "/about/", page.evaluate(PAGE_FACTS))
    context.close()
    assert set(crawl.problems) == {
        "html lang",
        "default title",
        "not one h1",
        "unnamed form control",
        "in-page link without target",
        "wider than a phone",
    }
    # the labelled input and the button with a title have a name
    assert crawl.problems["unnamed form control"] == ["page_about /about/: ['input[name=unnamed]', 'button']"]
    assert "'#nowhere'" in crawl.problems["in-page link without target"][0]


def test_the_sweep_tells_english_left_on_a_french_page(db):
    english, french = Crawl(persona="test", language="en"), Crawl(persona="test", language="fr")
    english.texts["profile"] = {"Save", "Kari Contributor", "Prison / probation", "2 organisations", "Invitation #1"}
    french.texts["profile"] = {"Save", "Kari Contributor", "Prison / probation", "2 organisations", "Invitation #1"}
    french.pages["profile"] = "/account/profile/"
    world = World(users={}, data={"Kari Contributor"})
    assert _left_in_english(english, french, world) == ["profile /account/profile/: 'Save'"]
