from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practices")

    def ready(self) -> None:
        from practices.indexing import COLLECTION
        from search.collections import register

        register(COLLECTION)
