"""A published practice's own reading parts, cooked: rendered once per interface language and
contact visibility, stored (``CookedReading``) and read by its page for everyone who reads it as
any reader does (``rules.reads_as_any_reader``): Discourse's cooked posts, for the page around the
cooked fields. The first reader of a practice's page no longer renders the practice.

A variant is cooked when the practice changes (``practice_changed``, after the commit), by
``manage.py recook``, and on a read that finds it missing or stale. Its key is a hash of what its
HTML was rendered from and can change without a new row: the practice as last changed (every
service that changes it sets ``updated_at``), its title and readership, its organisation (name,
verification, country, type), the time zone and the recipe (the templates, the translation
catalogues and the code that lay the parts out, and the versions of the libraries that name
countries). A change of a closed list's labels (the admin) deletes every row
(``labels_changed``).

Which variant a reader gets is decided by the rules on every request (``rules.can_see_contact``):
contact details are only ever in the variant for those who may see them.
"""

import functools
import hashlib
import logging
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from portal.caching import digest
from portal.prepared import PreparedQuery
from practices import presentation, rules, template_fields
from practices.models import CookedReading, Practice
from practices.presentation import practice_reading, render_own_parts
from practices.selectors import practice_as_shown, with_terms

logger = logging.getLogger(__name__)


@functools.cache
def recipe() -> str:
    """A hash of what lays the parts out besides the practice: the practice templates, the
    translation catalogues, this code and the layout's, the libraries' versions (once per process)."""
    files = sorted((Path(settings.BASE_DIR) / "templates" / "practices").glob("*.html"))
    for locale in settings.LOCALE_PATHS:
        files += sorted(Path(locale).glob("*/LC_MESSAGES/*.mo"))
    files += [Path(__file__), Path(presentation.__file__), Path(template_fields.__file__)]
    hashed = hashlib.blake2b(digest_size=16)
    for path in files:
        hashed.update(path.name.encode() + b"\0" + path.read_bytes())
    for library in ("django", "django-countries"):
        hashed.update(metadata.version(library).encode())
    return hashed.hexdigest()


def _key(practice: Practice, *, contact: bool, language: str) -> str:
    return digest(recipe(), practice_as_shown(practice), contact, language, timezone.get_current_timezone_name())


# A variant's key and parts (its SQL compiled once per connection, language and contact visibility).
_STORED = PreparedQuery(
    "cooked_reading",
    CookedReading,
    lambda shape, practice: CookedReading.objects.filter(
        practice_id=practice, language=shape[0], contact=shape[1]
    ).values_list("key", "parts"),
    practice=-4_201_944,
)


def own_parts(user, stamp: Practice) -> dict[str, str]:
    """``OWN_PARTS`` of the published practice ``stamp`` (``practice_stamp_for_user``: ``user`` may
    read it) as ``user`` reads it, who reads it as any reader does: the stored variant when its key
    is the practice's now, otherwise rendered and stored."""
    contact = rules.can_see_contact(user, stamp)
    language = translation.get_language()
    stored = _STORED.rows(shape=(language, contact), practice=stamp.pk)
    if stored and stored[0][0] == _key(stamp, contact=contact, language=language):
        return {name: mark_safe(html) for name, html in stored[0][1].items()}  # noqa: S308 - rendered by the templates
    practice = _practice(stamp.pk)
    if practice is None or practice.status != Practice.Status.PUBLISHED:  # since the stamp was read
        raise Http404("No such practice.")
    return _cook(practice, contact=contact, language=language)


def _practice(pk: int) -> Practice | None:
    practice = Practice.objects.select_related("organisation__type").filter(pk=pk).first()
    if practice is not None:
        with_terms(practice)
    return practice


def _cook(practice: Practice, *, contact: bool, language: str) -> dict[str, str]:
    """The parts rendered for readers (no editor), ``contact`` or not, in the active language; stored
    (a failure to store is logged: the parts are served all the same)."""
    parts = render_own_parts(practice_reading(practice, editor=False, show_contact=contact))
    key = _key(practice, contact=contact, language=language)
    row = CookedReading(
        practice_id=practice.pk, language=language, contact=contact, key=key, parts=parts, cooked_at=timezone.now()
    )
    try:
        with transaction.atomic():  # one statement: inserted, or the variant's row replaced
            CookedReading.objects.bulk_create(
                [row],
                update_conflicts=True,
                unique_fields=["practice", "language", "contact"],
                update_fields=["key", "parts", "cooked_at"],
            )
    except DatabaseError:  # (a locked database): rendered again on the next read
        logger.warning("The reading of practice %s could not be stored", practice.pk, exc_info=True)
    return parts


def cook(pk: int) -> int:
    """Every variant of practice ``pk`` if published (every interface language, with and without
    contact details, in the default time zone); the number cooked."""
    practice = _practice(pk)
    if practice is None or practice.status != Practice.Status.PUBLISHED or practice.revision_of_id is not None:
        return 0
    cooked = 0
    with timezone.override(settings.TIME_ZONE):
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for contact in (False, True):
                    _cook(practice, contact=contact, language=language)
                    cooked += 1
    return cooked


def practice_changed(sender, *, practice: Practice, **kwargs) -> None:
    """Cook the practice's reading once its change is committed (connected in PracticesConfig.ready);
    a failure is logged and leaves the cooking to its next reader."""
    pk = practice.pk
    transaction.on_commit(lambda: cook(pk), robust=True)


def labels_changed(**kwargs) -> None:
    """A term of a closed list was saved or deleted (the admin: connected in PracticesConfig.ready):
    every cooked reading is deleted, each rendered again when read."""
    CookedReading.objects.all().delete()
