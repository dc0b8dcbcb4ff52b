from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxEntry(models.Model):
    """A change that a search engine must apply, written in the same transaction as the change.

    The row's id is the document version: it only grows, so an engine that
    receives writes out of order or twice keeps the newest.
    """

    class Action(models.TextChoices):
        INDEX = "index", _("Index")
        DELETE = "delete", _("Delete")

    practice_id = models.PositiveBigIntegerField(_("practice"), db_index=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("search outbox entry")
        verbose_name_plural = _("search outbox")

    def __str__(self) -> str:
        return f"{self.action} practice {self.practice_id} (v{self.pk})"
