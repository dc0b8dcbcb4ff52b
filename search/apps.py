from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from network.indexing import post_changed, posts_removed
        from search import outbox

        post_changed.connect(outbox.on_post_changed, dispatch_uid="search.outbox.post_changed")
        posts_removed.connect(outbox.on_posts_removed, dispatch_uid="search.outbox.posts_removed")
