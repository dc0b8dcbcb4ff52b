"""Counts grouped the reader's way ("1,234"; "1 234" in French), at the cost of an f-string.

Django's ``localize`` finds the language's formats again on every call (about 6 µs a number
here); a search page prints a count for each of up to a hundred facet options, and a first
reader's page pays that on every request (docs/PERFORMANCE.md, fourteenth round). The
separator and grouping are read from Django's formats once per language and process (read
again after a setting changes), so the text is always Django's own: tests/portal/
test_number_formats.py compares the two for every interface language.
"""

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from django.utils.formats import get_format, localize


@lru_cache(maxsize=32)
def _grouping(language: str) -> tuple[str, int] | None:
    """The language's thousands separator and group size, or None when the formats ask for more
    than plain groups of one size (Django then formats the number)."""
    grouping = get_format("NUMBER_GROUPING", lang=language)
    if not isinstance(grouping, int) or grouping < 0:
        return None
    return str(get_format("THOUSAND_SEPARATOR", lang=language)), grouping


@receiver(setting_changed)
def _forget_formats(**kwargs: object) -> None:
    _grouping.cache_clear()


def grouper() -> Callable[[int], str]:
    """The active language's way of printing counts, found once for a page's many counts (finding
    the active language alone costs about 2 µs)."""
    if not settings.USE_THOUSAND_SEPARATOR:
        return _plain
    found = _grouping(translation.get_language() or settings.LANGUAGE_CODE)
    if found is None:
        return _localized
    separator, size = found
    if size == 0:
        return _plain

    def group(count: int) -> str:
        if type(count) is not int or count < 0:  # a bool, a decimal, a negative: as Django prints it
            return _localized(count)
        digits = str(count)
        if len(digits) <= size:
            return digits
        head = len(digits) % size or size
        return separator.join([digits[:head], *(digits[i : i + size] for i in range(head, len(digits), size))])

    return group


def grouped(count: int) -> str:
    """``count`` as ``localize(count)`` prints it in the active language."""
    return grouper()(count)


def _plain(count: int) -> str:
    return str(count)


def _localized(count: int) -> str:
    return str(localize(count))
