from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Exit-intervention networks")

    def ready(self) -> None:
        from network import signals  # noqa: F401 (connects the receivers of the portal's signals)
        from network.indexing import COLLECTION
        from search.collections import register

        register(COLLECTION)
