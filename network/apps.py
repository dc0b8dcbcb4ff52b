from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Exit-intervention networks")

    def ready(self) -> None:
        from network import badge, signals  # noqa: F401 (connect their receivers)
        from network.indexing import COLLECTION
        from portal.caching import register_chrome_input
        from search.collections import register

        register(COLLECTION)
        register_chrome_input(badge.badge_of)  # base.html shows a signed-in reader the unread badge
