"""Search from the command line, as a given reader (anonymous unless --as)."""

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from search import collections
from search.backends import get_search_backend
from search.backends.base import SearchQuery, SearchUnavailable

PRACTICES, POSTS = "practices", "posts"


def parse_filters(values: list[str], facets: tuple[str, ...]) -> dict[str, list[str]]:
    filters: dict[str, list[str]] = {}
    for value in values:
        facet, sep, code = value.partition("=")
        if not sep or not code or facet not in facets:
            raise CommandError(f"--filter takes FACET=CODE with FACET one of {', '.join(facets)}, not {value!r}.")
        filters.setdefault(facet, []).append(code)
    return filters


class Command(BaseCommand):
    help = (
        "Search published practices as an anonymous visitor, or as the user --as EMAIL; "
        "with --posts, the network posts that user may read."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("query", nargs="?", default="")
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument("--engine", help="A name in SEARCH_BACKENDS (default: SEARCH_BACKEND, with fallback).")
        parser.add_argument("--filter", action="append", default=[], metavar="FACET=CODE")
        parser.add_argument("--as", dest="email", help="Search as this user (their email address).")
        parser.add_argument("--sort", choices=["relevance", "date"], default="relevance")
        parser.add_argument("--page", type=int, default=1)
        parser.add_argument(
            "--posts",
            action="store_true",
            help="Search the posts of the networks the --as user belongs to (default engine, with fallback).",
        )

    def handle(self, *args, query: str, engine: str | None, email: str | None, **options) -> None:
        if options["posts"]:
            if engine or options["filter"]:
                raise CommandError(
                    "--posts searches the default engine without facet filters: drop --engine and --filter."
                )
            self._posts(query, self._user(email) if email else None, options)
            return
        collection = collections.get(PRACTICES)
        scope = collection.scope(self._user(email) if email else None)
        filters = parse_filters(options["filter"], collection.facet_names)
        search = SearchQuery(text=query, filters=filters, scope=scope, page=options["page"], sort=options["sort"])
        try:
            results = get_search_backend(engine).search(collection, search)
        except (ImproperlyConfigured, SearchUnavailable) as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(results.as_json(), ensure_ascii=False))
            return
        self.stdout.write(f"{results.total} practices ({results.engine}{', degraded' if results.degraded else ''})")
        for hit in results.hits:
            self.stdout.write(f"{hit.id:>6}  {hit.score:8.3f}  {hit.title}")

    def _posts(self, query: str, user, options) -> None:
        """The posts' collection answers through its app (its read-back and case rooms)."""
        reader_search = collections.get(POSTS).reader_search
        if reader_search is None:
            raise CommandError("The posts' collection has no reader search.")
        found = reader_search(user or AnonymousUser(), query, page=options["page"], sort=options["sort"])
        degraded = found.pop("degraded", False)
        if options["json"]:
            self.stdout.write(json.dumps(found, ensure_ascii=False))
            return
        self.stdout.write(
            f"{found['total']} posts{', degraded' if degraded else ''}, {found['case_room_hits']} in case rooms"
        )
        for hit in found["hits"]:
            self.stdout.write(f"{hit['id']:>6}  {hit['network']}: {hit['title']}")

    def _user(self, email: str):
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user with the email address {email}.")
        return user
