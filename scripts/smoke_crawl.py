"""Crawl a running portal as an anonymous reader behind the TLS proxy, and check every page.

    python scripts/smoke_crawl.py http://127.0.0.1:8765 [--expect-hsts] [--max-pages 400]

Follows every same-site link from the home page (GET only, query strings included, up to
--max-pages), sending X-Forwarded-Proto: https as the documented TLS proxy does. Each page must
answer 200 (or redirect within the site, e.g. to the login page), carry the security headers
(Content-Security-Policy without 'unsafe-inline', X-Content-Type-Options, Referrer-Policy,
X-Frame-Options, Strict-Transport-Security with --expect-hsts) and hold no inline script.
Every static file a page names must be served. Prints a summary; exits 1 on any problem.
Standard library only, so it runs with any Python 3.11.
"""

import argparse
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import deque
from html.parser import HTMLParser

SKIP = re.compile(r"^/(admin|accounts/logout|api/v1/docs)/|\.(docx|pdf|zip)$")
SCRIPT_OK_TYPES = {"application/json", "application/ld+json"}


class Page(HTMLParser):
    """Links, static assets and inline scripts of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.assets: list[str] = []
        self.inline: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag in ("link", "script", "img") and (attributes.get("href") or attributes.get("src")):
            self.assets.append(attributes.get("href") or attributes.get("src"))
        if tag == "script" and not attributes.get("src") and attributes.get("type") not in SCRIPT_OK_TYPES:
            self.inline.append("<script> without src")
        if tag == "style":
            self.inline.append("<style>")
        self.inline.extend(
            f"{name}= attribute on <{tag}>" for name in attributes if name == "style" or name.startswith("on")
        )


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.10"})
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def header_problems(headers: dict[str, str], expect_hsts: bool) -> list[str]:
    problems = []
    policy = headers.get("content-security-policy", "")
    if "default-src" not in policy or "'unsafe-inline'" in policy or "'unsafe-eval'" in policy:
        problems.append(f"Content-Security-Policy missing or weak: {policy!r}")
    if headers.get("x-content-type-options") != "nosniff":
        problems.append("X-Content-Type-Options is not nosniff")
    if not headers.get("referrer-policy"):
        problems.append("no Referrer-Policy")
    if headers.get("x-frame-options") != "DENY":
        problems.append("X-Frame-Options is not DENY")
    if expect_hsts and not headers.get("strict-transport-security", "").startswith("max-age="):
        problems.append("no Strict-Transport-Security")
    return problems


def same_site(base: str, link: str) -> str | None:
    absolute = urllib.parse.urljoin(base, link.split("#")[0])
    parts = urllib.parse.urlsplit(absolute)
    root = urllib.parse.urlsplit(base)
    if (parts.scheme, parts.netloc) not in ((root.scheme, root.netloc), ("https", root.netloc)):
        return None
    if SKIP.search(parts.path):
        return None
    return urllib.parse.urlunsplit((root.scheme, root.netloc, parts.path, parts.query, ""))


def crawl(base: str, *, max_pages: int, expect_hsts: bool) -> tuple[int, int, list[str]]:
    queue, seen, assets, problems = deque([base + "/"]), {base + "/"}, set(), []
    pages = 0
    while queue and pages < max_pages:
        url = queue.popleft()
        status, headers, body = fetch(url)
        pages += 1
        path = urllib.parse.urlsplit(url).path
        if status in (301, 302, 303):
            location = same_site(base, headers.get("location", ""))
            if location is None and not urllib.parse.urlsplit(headers.get("location", "")).path.startswith("/"):
                problems.append(f"{path}: redirects off the site to {headers.get('location')}")
            elif location and location not in seen:
                seen.add(location)
                queue.append(location)
            continue
        if status != 200:
            problems.append(f"{path}: status {status}")
            continue
        problems.extend(f"{path}: {p}" for p in header_problems(headers, expect_hsts))
        if "text/html" not in headers.get("content-type", ""):
            continue
        page = Page()
        page.feed(body.decode("utf-8", "replace"))
        problems.extend(f"{path}: inline {what}" for what in sorted(set(page.inline)))
        assets.update(a for a in page.assets if urllib.parse.urlsplit(a).path.startswith("/static/"))
        for link in page.links:
            target = same_site(base, link)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    problems.extend(static_problems(base, assets))
    return pages, len(assets), problems


def static_problems(base: str, assets: set[str]) -> list[str]:
    problems = []
    for asset in sorted(assets):
        status, headers, body = fetch(urllib.parse.urljoin(base, asset))
        if status != 200 or not body:
            problems.append(f"{asset}: static file not served (status {status})")
        elif headers.get("x-content-type-options") != "nosniff":
            problems.append(f"{asset}: no X-Content-Type-Options")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="e.g. http://127.0.0.1:8765")
    parser.add_argument("--max-pages", type=int, default=400)
    parser.add_argument("--expect-hsts", action="store_true")
    options = parser.parse_args()
    started = time.monotonic()
    pages, assets, problems = crawl(
        options.base.rstrip("/"), max_pages=options.max_pages, expect_hsts=options.expect_hsts
    )
    for problem in problems:
        print(f"PROBLEM {problem}")
    print(
        f"{pages} pages and {assets} static files checked in {time.monotonic() - started:.1f} s; "
        f"{len(problems)} problem(s)."
    )
    return 1 if problems or pages < 5 else 0


if __name__ == "__main__":
    sys.exit(main())
