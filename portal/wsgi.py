import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

application = get_wsgi_application()


def warm_up_checks() -> None:
    """Load the personal-data check's models now, before the first request (docs/ANONYMISATION.md).
    Only web processes import this module; management commands and tests do not pay for it."""
    from django.conf import settings

    if settings.PII_WARM_UP_AT_START:
        from practices.anonymisation import warm_up

        warm_up()
    if settings.SEARCH_EMBEDDINGS:
        from search.embedding.store import load_model

        load_model()


warm_up_checks()
