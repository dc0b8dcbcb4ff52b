"""System checks of the portal's set-up (``manage.py check``, ``runserver``, ``migrate``; the
web process runs them at start too: portal/wsgi.py).

With ``DJANGO_CACHE=database`` the caches live in tables that ``manage.py createcachetable``
makes (docker-compose.yml runs it after ``migrate``): without them every page fails at its first
request. The check names the missing tables and the command. It is an error but for ``migrate``
(a warning there: it runs the checks first, and the tables are made after it); the web process
refuses to start without them.
"""

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connections, router

COMMAND = "manage.py createcachetable"


def missing_cache_tables() -> list[str]:
    """The tables of the database caches (``settings.CACHES``) that their database does not hold;
    none when no cache is a database cache or the database cannot be reached (its own error says so)."""
    missing = []
    for alias in settings.CACHES:
        cache = caches[alias]
        if not isinstance(cache, DatabaseCache):
            continue
        database = router.db_for_read(cache.cache_model_class)  # where the cache reads (Django's own choice)
        try:
            with connections[database].cursor() as cursor:
                present = connections[database].introspection.table_names(cursor)
        except DatabaseError:
            return []
        table = settings.CACHES[alias]["LOCATION"]  # the cache's table (DatabaseCache's own reading)
        if table not in present:
            missing.append(f"{table} (cache {alias!r})")
    return missing


def cache_tables_message(missing: list[str]) -> str:
    return f"Missing cache table(s): {', '.join(missing)}. DJANGO_CACHE=database needs them: run `{COMMAND}`."


@register(Tags.caches)
def cache_tables(app_configs=None, databases=None, **kwargs) -> list:
    """An error (``check``, ``check --deploy``, ``runserver``, other commands); a warning for ``migrate``,
    which runs the checks with its database named before the tables can be made (they come after it)."""
    missing = missing_cache_tables()
    if not missing:
        return []
    hint = f"Run `{COMMAND}` after `migrate`."
    if databases:
        return [Warning(cache_tables_message(missing), hint=hint, id="portal.W001")]
    return [Error(cache_tables_message(missing), hint=hint, id="portal.E001")]


def require_cache_tables() -> None:
    """For the web process at start: refuse to serve without the cache tables (every page would fail)."""
    missing = missing_cache_tables()
    if missing:
        raise ImproperlyConfigured(cache_tables_message(missing))
