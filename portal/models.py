from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class TaxonomyTerm(models.Model):
    """An entry of one of the template's closed lists, with a stable code."""

    code = models.SlugField(_("code"), max_length=80, unique=True, help_text=_("Never changes once used."))
    label_en = models.CharField(_("English label"), max_length=200)
    label_fr = models.CharField(_("French label"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The label in the active language, English otherwise."""
        return self.label_of(self.label_en, self.label_fr)

    @staticmethod
    def label_of(label_en: str, label_fr: str, language: str | None = None) -> str:
        """``label`` of a term read as values (no model object); ``language``: the active one, read once
        by the caller for many terms."""
        return label_fr if (language or translation.get_language()) == "fr" else label_en


class OrganisationType(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("organisation type")
        verbose_name_plural = _("organisation types")


class Organisation(models.Model):
    """A municipality, police force, prison or probation service, NGO... whose
    practitioners use the portal. Moderators verify organisations."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    type = models.ForeignKey(
        OrganisationType,
        verbose_name=_("type of organisation"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    country = CountryField(_("country"), blank=True)
    email_domain = models.CharField(
        _("email domain"),
        max_length=100,
        blank=True,
        help_text=_("Staff addresses end with this domain, e.g. sarpsborg.kommune.no."),
    )
    verified = models.BooleanField(_("verified"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    """Users log in with their email address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


# knox's token model (api.ApiToken's base) is untyped, so the plugin cannot see its `user` relation.
class User(AbstractUser):  # type: ignore[django-manager-missing]
    """A person with an account. Their organisation comes from an approved membership."""

    username = None  # type: ignore[assignment]  # the email address is the login: no username column
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("name"), max_length=150, blank=True)
    pseudonym = models.CharField(
        _("pseudonym"),
        max_length=150,
        blank=True,
        help_text=_(
            "If set, other members see this instead of your name. Moderators and your own "
            "organisation's administrators still see who you are."
        ),
    )
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The portal writes its emails to you in this language."),
    )
    is_moderator = models.BooleanField(
        _("moderator"), default=False, help_text=_("Verifies organisations, reviews and publishes practices.")
    )
    # Set when the person closed their account (portal.services.user_close): their names and
    # address are erased, and the portal shows them as a former member to everyone.
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    # An email-only manager in place of AbstractUser's username-based one.
    objects = UserManager()  # type: ignore[assignment,misc]

    def __str__(self) -> str:
        if self.closed_at is not None:
            return str(_("Former member"))
        return self.display_name or self.get_full_name() or self.email

    @cached_property
    def membership(self) -> "Membership | None":
        """The approved membership, if any (cached for the life of this object, i.e. one request)."""
        if self.pk is None:
            return None
        return (
            Membership.objects.select_related("organisation", "organisation__type")
            .filter(user=self, state=Membership.State.APPROVED)
            .first()
        )

    @cached_property
    def live_organisation_ids(self) -> set[int]:
        """Organisations this user belongs to or asks to join (lists may preset this)."""
        if self.pk is None:
            return set()
        return set(
            Membership.objects.filter(
                user=self, state__in=[Membership.State.REQUESTED, Membership.State.APPROVED]
            ).values_list("organisation_id", flat=True)
        )

    @property
    def organisation(self) -> Organisation | None:
        membership = self.membership
        return membership.organisation if membership else None

    def forget_membership(self) -> None:
        self.__dict__.pop("membership", None)
        self.__dict__.pop("live_organisation_ids", None)


MEMBERSHIP_MESSAGE_LENGTH = 1000


class Membership(models.Model):
    """A user's request to belong to an organisation, and its outcome.

    Rows are never deleted: an ended membership is how a former member is known, and a banned
    one how a ban is kept (a ban's date is ``ended_at`` after a removal, ``decided_at`` after a
    declined request).
    """

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        ADMIN = "admin", _("Organisation administrator")

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        ENDED = "ended", _("Ended")
        # Removed or declined with a ban: the person may not ask to join this organisation again
        # until its administrators (or a moderator) lift the ban (the row then reads as before).
        BANNED = "banned", _("Banned")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.REQUESTED)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    # Optional, from the requester to those who decide; shown on the request's page only.
    message = models.TextField(_("message"), max_length=MEMBERSHIP_MESSAGE_LENGTH, blank=True)
    # When the organisation's administrators (or the moderators) were told of the request:
    # once the requester's email address is verified, never before, and only once.
    announced_at = models.DateTimeField(_("announced"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    email_domain: str  # not a column: the requester's email domain, set by the organisation selectors

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(state__in=["requested", "approved"]),
                name="one_live_membership_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.state})"


class AuditEvent(models.Model):
    """Append-only record of workflow transitions, membership and visibility changes, redactions.

    Holds codes and identifiers, never the personal data itself.
    """

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=50, db_index=True)
    target_type = models.CharField(_("target type"), max_length=50)
    target_id = models.PositiveBigIntegerField(_("target id"))
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    from_state = models.CharField(_("from"), max_length=30, blank=True)
    to_state = models.CharField(_("to"), max_length=30, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["target_type", "target_id"], name="audit_target")]

    def __str__(self) -> str:
        return f"{self.action} {self.target_type}#{self.target_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")


class ScheduledJob(models.Model):
    """When a periodic job (portal/scheduler.py) last ran and next runs, and the lease of the
    scheduler running it: two schedulers never run the same job at once."""

    name = models.CharField(_("command"), max_length=100, primary_key=True)
    next_run_at = models.DateTimeField(_("next run"))
    locked_until = models.DateTimeField(_("running until at most"), null=True, blank=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    runs = models.PositiveIntegerField(_("runs"), default=0)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")

    def __str__(self) -> str:
        return self.name
