import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

application = get_wsgi_application()


def warm_up_checks() -> None:
    """Load the personal-data check's models (docs/ANONYMISATION.md) and the search's embedding
    model (docs/SEARCH.md, "Across languages") now, before the first request. Only web processes
    import this module; management commands and tests do not pay for it."""
    from django.conf import settings

    if settings.PII_WARM_UP_AT_START:
        from practices.anonymisation import warm_up

        warm_up()
    if settings.SEARCH_EMBEDDINGS:
        from search.embedding.store import load_model

        load_model()


def require_cache_tables() -> None:
    """DJANGO_CACHE=database without `manage.py createcachetable`: refuse to start, naming the
    missing tables and the command, rather than fail every page (portal/checks.py)."""
    from portal.checks import require_cache_tables

    require_cache_tables()


warm_up_checks()
require_cache_tables()
