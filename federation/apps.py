from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FederationConfig(AppConfig):
    name = "federation"
    verbose_name = _("Federation")

    def ready(self) -> None:
        from federation.services import practice_changed
        from practices import signals

        signals.practice_changed.connect(practice_changed, dispatch_uid="federation.feed")
