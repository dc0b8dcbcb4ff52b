from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The search layer. The apps it serves register their collections from their own
    ``ready()`` (search/collections.py); it imports none of them."""

    name = "search"
    verbose_name = _("Search")
