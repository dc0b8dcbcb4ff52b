from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practices")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from practices import cooking, signals
        from practices.indexing import COLLECTION, TAXONOMIES, taxonomy_changed
        from search.collections import register

        register(COLLECTION)
        for model in TAXONOMIES.values():
            for signal in (post_save, post_delete):
                signal.connect(taxonomy_changed, sender=model, dispatch_uid=f"taxonomy_changed:{model.__name__}")
                signal.connect(cooking.labels_changed, sender=model, dispatch_uid=f"labels_changed:{model.__name__}")
        signals.practice_changed.connect(cooking.practice_changed, dispatch_uid="cooking.practice_changed")
