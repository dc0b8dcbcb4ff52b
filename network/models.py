"""Exit-intervention networks: closed groups of practitioners who discuss real cases.

Nothing of a network is readable by a non-member: access goes through
``network.access`` only. Rows that tell who belonged to a network are kept
(an ended membership is how a former member is known); content is soft-deleted,
except in case rooms, whose content is purged for good after its retention period.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from portal.text import html_text, saves_text


class Network(models.Model):
    """A closed network of practitioners.

    ``is_case_room``: a need-to-know room for one situation. Its memberships end on
    ``access_ends_on``, its posts are purged for good ``retention_days`` after they were
    written (``manage.py purge_case_rooms``), and its content is NEVER federated, exported,
    sent to an external search engine or otherwise allowed to leave this instance; its
    notification emails carry no content. Code that shares anything must read this flag.
    """

    class Policy(models.TextChoices):
        INVITATION = "invitation", _("Invitation only")
        REQUEST = "request", _("Request and approval")

    name = models.CharField(_("name"), max_length=150)
    purpose = models.TextField(_("purpose"), max_length=2000)
    policy = models.CharField(_("membership policy"), max_length=12, choices=Policy.choices, default=Policy.INVITATION)
    listed = models.BooleanField(
        _("listed"), default=False, help_text=_("Verified members see its name and purpose and may ask to join.")
    )
    is_case_room = models.BooleanField(_("case room"), default=False)
    access_ends_on = models.DateField(_("membership ends on"), null=True, blank=True)
    retention_days = models.PositiveIntegerField(_("retention (days)"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    unread: int  # not a column: threads with unread posts, set by selectors.my_networks_page

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:detail", kwargs={"pk": self.pk})

    def access_has_ended(self, today=None) -> bool:
        """A case room's memberships end after its closing date (for everyone but portal moderators)."""
        if not self.is_case_room or self.access_ends_on is None:
            return False
        return (today or timezone.localdate()) > self.access_ends_on


class NetworkMembership(models.Model):
    """Belonging to a network. Rows stay when a membership ends, so bans are remembered."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MODERATOR = "moderator", _("Network moderator")

    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        LEFT = "left", _("Left")
        REMOVED = "removed", _("Removed")
        BANNED = "banned", _("Banned")

    class Email(models.TextChoices):
        IMMEDIATE = "immediate", _("At once")
        DIGEST = "digest", _("Daily digest")
        NONE = "none", _("No email")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_memberships")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.ACTIVE)
    email = models.CharField(_("email notifications"), max_length=10, choices=Email.choices, default=Email.IMMEDIATE)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    page_url: str  # not a column: the member's page, set by selectors.members_page

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        constraints = [models.UniqueConstraint(fields=["network", "user"], name="one_membership_per_network")]
        indexes = [models.Index(fields=["user", "state"], name="network_member_state")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.network_id} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE

    @property
    def is_moderator(self) -> bool:
        return self.is_active and self.role == self.Role.MODERATOR


class Invitation(models.Model):
    """An invitation sent by email. Only a hash of the token is stored."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"invitation #{self.pk} to {self.network_id}"

    def is_usable(self, now=None) -> bool:
        return self.accepted_at is None and (now or timezone.now()) < self.expires_at


class JoinRequest(models.Model):
    """A verified member asks to join a network with the request-and-approval policy."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")  # the person closed their account while it waited

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "user"], condition=models.Q(state="pending"), name="one_pending_request_per_network"
            )
        ]

    def __str__(self) -> str:
        return f"request #{self.pk} ({self.state})"


class Thread(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="network_threads"
    )
    practice = models.ForeignKey(
        "practices.Practice",
        verbose_name=_("practice discussed"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_threads",
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    last_post_at = models.DateTimeField(_("last post"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-pinned", "-last_post_at", "-pk"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:thread", kwargs={"pk": self.pk})


class Post(models.Model):
    class State(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        DELETED = "deleted", _("Deleted by its author")
        HIDDEN = "hidden", _("Hidden by a moderator")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("message"), max_length=20000)
    quote_of = models.ForeignKey(
        "self", verbose_name=_("quotes"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.VISIBLE)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    state_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Why a moderator hid it (optional): shown to its author and the moderators, never to other
    # members, never in the audit trail (codes only); emptied when the post is shown again.
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("written"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    # The body rendered once when saved (see ``save``); pages read this, never the renderer.
    body_html = models.TextField(_("rendered HTML"), blank=True, editable=False)
    # Its text as readers see it (no markup, no link targets): what a case room's search reads.
    body_text = models.TextField(_("text as read"), blank=True, editable=False)

    excerpt: str  # not a column: the start of its text, set by selectors.member_profile

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [models.Index(fields=["thread", "created_at"], name="post_thread_created")]

    def __str__(self) -> str:
        return f"post #{self.pk}"

    def save(self, *args, **kwargs) -> None:
        """Renders the body again whenever it is saved (the one place the stored HTML follows it)."""
        update_fields = kwargs.get("update_fields")
        if saves_text(update_fields, ("body",)):
            self.store_html(self.cook())
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "body_html", "body_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("network:post", kwargs={"pk": self.pk})

    def store_html(self, html: str) -> None:
        """Keep ``html`` as the stored HTML of the body, and its text as readers see it."""
        self.body_html = html
        self.body_text = html_text(html)

    def cook(self, members=None) -> SafeString:
        """The body as stored HTML: Markdown, with @mentions of the network's active members
        (``members``, or looked up now) as links to their member pages (network.mentions)."""
        from network.mentions import cook_body, linkable_members  # mentions reads these models

        network_id = self.thread.network_id
        if members is None:
            members = linkable_members(self.thread.network) if "@" in (self.body or "") else []
        return cook_body(self.body, network_id=network_id, members=members)

    @property
    def is_visible(self) -> bool:
        return self.state == self.State.VISIBLE

    @property
    def html(self) -> SafeString:
        """The stored HTML of the body (rendered now if it was never stored)."""
        if not self.body_html and self.body:
            return self.cook()
        return mark_safe(self.body_html)  # noqa: S308 - rendered by portal.text.render_markdown (nh3)


class PostRevision(models.Model):
    """The text a post had before an edit: the visible edit history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    written_at = models.DateTimeField(help_text=_("When this text was written."))
    replaced_at = models.DateTimeField(default=timezone.now)
    replaced_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["-replaced_at", "-pk"]
        verbose_name = _("earlier version of a post")
        verbose_name_plural = _("earlier versions of posts")


class Mention(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="one_mention_per_post")]


class ThreadSubscription(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="one_subscription_per_thread")]


class ThreadRead(models.Model):
    """When a member last read a thread: what is new to them."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="one_read_mark_per_thread")]


class Notification(models.Model):
    """Something for one member: a mention or a reply in a subscribed thread.

    Shown on the notifications page and emailed at once or in the daily digest;
    both check the member's access when they run, never when the row was written.
    A handled report (``REPORT_KINDS``) is shown whatever became of the post; the others only
    while their post is visible. One row per person and post: a handled report takes the place
    of an earlier mention or reply of the same post.
    """

    class Kind(models.TextChoices):
        MENTION = "mention", _("Mention")
        REPLY = "reply", _("Reply")
        # The member's own report was handled (never by whom, never the moderator's reason):
        REPORT_HIDDEN = "rep-hidden", _("Your report: post hidden")
        REPORT_KEPT = "rep-kept", _("Your report: post kept")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_notifications"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["recipient", "post"], name="one_notification_per_post")]


REPORT_KINDS = (Notification.Kind.REPORT_HIDDEN, Notification.Kind.REPORT_KEPT)


class Report(models.Model):
    """A member tells the network's moderators that a post needs attention."""

    class Reason(models.TextChoices):
        PERSONAL_DATA = "personal-data", _("It identifies a person")
        HARMFUL = "harmful", _("Harmful or abusive")
        OFF_TOPIC = "off-topic", _("Off topic or spam")
        OTHER = "other", _("Something else")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        HIDDEN = "hidden", _("Post hidden")
        DISMISSED = "dismissed", _("Dismissed")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("note for the moderators"), max_length=1000, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]


def invitation_lifetime() -> timedelta:
    return timedelta(days=getattr(settings, "NETWORK_INVITATION_DAYS", 14))


def token_hash(token: str) -> str:
    """Invitation tokens are stored as this hash only."""
    return hashlib.sha256(token.encode()).hexdigest()
