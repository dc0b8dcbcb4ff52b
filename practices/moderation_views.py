"""The moderators' pages: dashboard, review queue, review page, featured practices, audit log,
organisations.

Every view is wrapped in ``moderator_required``: anyone else gets a 404, and a
moderator without a second factor is sent to set one up. Writes go through
the services; their refusals become messages and the page is shown again
with what the moderator typed.
"""

import re
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from network.selectors import open_reports_by_network
from portal.access import display_name
from portal.decorators import moderator_required
from portal.http import AuthenticatedHttpRequest
from portal.refusals import show_refusal
from portal.services import organisation_verify
from practices import rules, services
from practices.audit_labels import action_label, change_label, target_label
from practices.duplicates import near_duplicates
from practices.forms import DismissFindingForm
from practices.import_notes import practice_import_notes
from practices.models import Finding, Practice
from practices.moderation_forms import (
    QUEUE_STATES,
    ApproveForm,
    AuditFilterForm,
    ChangesRequestForm,
    EvidenceLevelForm,
    OrganisationFilterForm,
    QueueFilterForm,
    RejectForm,
)
from practices.moderation_selectors import (
    STALE_AFTER_DAYS,
    audit_actions,
    audit_actors,
    audit_events,
    featured_for_moderation,
    finding_exists,
    finding_for_review,
    last_move,
    membership_request_counts,
    oldest_submissions,
    organisation_counts,
    organisation_for_moderator,
    organisations_for_moderation,
    practice_counts,
    practice_for_review,
)
from practices.review import practice_review as review_of
from practices.selectors import FEATURED_ON_HOME, review_queue, update_for_user
from practices.versions import content_fingerprint

PER_PAGE = getattr(settings, "MODERATION_PER_PAGE", 25)


def _page(request: HttpRequest, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


# Dashboard ---------------------------------------------------------------------------------


def _queue_link(**query) -> str:
    return reverse("moderation:queue") + "?" + urlencode(query)


@moderator_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """What waits for the moderators, each count linking to its filtered list."""
    counts = practice_counts(user=request.user)
    context: dict[str, Any] = {
        "practice_rows": [  # the review queue's filters, each with its count
            {"label": label, "count": counts[value], "url": _queue_link(state=value)}
            for value, (_state, label) in QUEUE_STATES.items()
        ],
        "stale": {
            "count": counts["stale"],
            "days": STALE_AFTER_DAYS,
            "url": _queue_link(state=Practice.Status.SUBMITTED, older_than=STALE_AFTER_DAYS),
        },
        "oldest": oldest_submissions(user=request.user),
        "requests": membership_request_counts(user=request.user),
        "organisations": organisation_counts(user=request.user),
        "reports": open_reports_by_network(user=request.user),
        "featured": counts["featured"],
    }
    context["report_total"] = sum(row["count"] for row in context["reports"])
    return render(request, "moderation/dashboard.html", context)


# Review queue ------------------------------------------------------------------------------


@moderator_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm.from_query(request.GET)
    practices = review_queue(user=request.user, **form.queue_filters())
    context = {
        "form": form,
        "page": _page(request, practices),
        "filtered": bool(request.GET.keys() - {"page", "sort"}),
        # a submission waiting longer than the overview's "waited more than N days" is marked so
        "overdue": {"before": timezone.now() - timedelta(days=STALE_AFTER_DAYS), "days": STALE_AFTER_DAYS},
    }
    return render(request, "moderation/queue.html", context)


# Review page -------------------------------------------------------------------------------


def _render_review(request: HttpRequest, practice: Practice, *, status: int = 200, **forms) -> HttpResponse:
    review = review_of(practice)
    changes_form = forms.get("changes_form") or ChangesRequestForm(prefix="changes")
    approve_form = _approving(forms.get("approve_form"), content_fingerprint(practice))
    may_approve = rules.can_approve(request.user, practice)
    for field in review.fields:
        if field.commentable:
            field.comment_field = changes_form[ChangesRequestForm.field_name(field.code)]
    context = {
        "practice": practice,
        "comparison": review.comparison,
        "evidence_holder": practice.revision_of or practice,  # an edit's level is its published practice's
        "fields": review.fields,
        "open_count": review.open_count,
        "in_review": practice.status == Practice.Status.SUBMITTED,
        "may_approve": may_approve,
        "edited_in_review": not may_approve and rules.edited_in_review(request.user, practice),  # why not
        # A refused decision shows its forms again, so what the moderator typed is not lost.
        "show_decision": practice.status == Practice.Status.SUBMITTED
        or any(forms.get(key) is not None for key in ("approve_form", "changes_form", "reject_form")),
        "approve_form": approve_form,
        "changes_form": changes_form,
        "reject_form": forms.get("reject_form") or RejectForm(prefix="reject"),
        "evidence_form": forms.get("evidence_form")
        or EvidenceLevelForm(prefix="evidence", initial={"level": (practice.revision_of or practice).evidence_level}),
        "earlier_comments": _earlier_comments(practice),
        "duplicates": near_duplicates(user=request.user, practice=practice),
        "import_notes": practice_import_notes(practice),
    }
    return render(request, "moderation/review.html", context, status=status)


def _approving(form: ApproveForm | None, fingerprint: str) -> ApproveForm:
    """The approval form for the text the page shows now: a form sent back keeps what the
    moderator typed, with the fingerprint of the text now on the page."""
    if form is None:
        return ApproveForm(prefix="approve", initial={"reviewed": fingerprint})
    data = QueryDict(mutable=True)
    data.update(form.data)
    data[form.add_prefix("reviewed")] = fingerprint
    form.data = data
    return form


def _earlier_comments(practice: Practice) -> list:
    return list(practice.review_comments.select_related("author").order_by("-created_at"))


@moderator_required
@require_GET
def practice_review(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_review(request, practice_for_review(user=request.user, pk=pk))


@moderator_required
@require_GET
def update_review_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Where moderators' e-mails about an update of practice ``pk`` lead: its review page while the
    update exists; the practice once the update was published or discarded."""
    practice, update = update_for_user(user=request.user, pk=pk)
    if update is not None:
        return redirect("moderation:review", update.pk)
    messages.info(
        request,
        _("This practice has no update under review any more: it was published or discarded. "
          "The practice as it is published is below."),
    )  # fmt: skip
    return redirect(practice)


def _not_in_review(request: HttpRequest, practice: Practice) -> bool:
    """Whether ``practice`` has left review since the page was read; then a message says since when
    and by whom (a second moderator, most often, from a page read before the first decided)."""
    if practice.status == Practice.Status.SUBMITTED:
        return False
    state = practice.get_status_display()
    move = last_move(user=request.user, practice=practice)
    if move is None or move.actor is None:
        messages.error(request, _("This practice is not waiting for review: it is “%(state)s”.") % {"state": state})
        return True
    when = date_format(localtime(move.created_at), "DATETIME_FORMAT")
    who = display_name(viewer=request.user, person=move.actor)
    messages.error(
        request,
        _("This practice is not waiting for review: it is “%(state)s” since %(when)s (%(who)s). "
          "Nothing was done; what you typed is kept below.") % {"state": state, "when": when, "who": who},
    )  # fmt: skip
    return True


def _review_action(request: HttpRequest, pk: int, form_class, form_key: str, perform, success: str):
    """Run ``perform(practice, form)``; on refusal show the page again with what was typed."""
    practice = practice_for_review(user=request.user, pk=pk)
    form = form_class(request.POST, prefix=form_key.removesuffix("_form"))
    if _not_in_review(request, practice):
        return _render_review(request, practice, status=409, **{form_key: form})
    if not form.is_valid():
        return _render_review(request, practice, status=400, **{form_key: form})
    try:
        perform(practice, form)
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
        practice = practice_for_review(user=request.user, pk=pk)
        return _render_review(request, practice, status=400, **{form_key: form})
    messages.success(request, success)
    return redirect("moderation:queue")


@moderator_required
@require_POST
def practice_approve(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def perform(practice, form):
        services.practice_approve(
            practice=practice,
            moderator=request.user,
            comment=form.cleaned_data["comment"],
            reviewed=form.cleaned_data["reviewed"],
        )

    return _review_action(request, pk, ApproveForm, "approve_form", perform, _("The practice is published."))


@moderator_required
@require_POST
def practice_request_changes(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def perform(practice, form):
        services.practice_request_changes(
            practice=practice,
            moderator=request.user,
            comment=form.cleaned_data["comment"],
            field_comments=form.field_comments(),
        )

    success = _("Changes requested. The contributor sees your comments beside the fields.")
    return _review_action(request, pk, ChangesRequestForm, "changes_form", perform, success)


@moderator_required
@require_POST
def practice_reject(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    def perform(practice, form):
        services.practice_reject(practice=practice, moderator=request.user, reason=form.cleaned_data["reason"])

    return _review_action(request, pk, RejectForm, "reject_form", perform, _("The practice is rejected."))


@moderator_required
@require_POST
def practice_evidence_level(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    practice = practice_for_review(user=request.user, pk=pk)
    form = EvidenceLevelForm(request.POST, prefix="evidence")
    if not form.is_valid():
        return _render_review(request, practice, status=400, evidence_form=form)
    try:
        holder = services.practice_set_evidence_level(
            practice=practice, moderator=request.user, level=form.cleaned_data["level"]
        )
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
        return _render_review(request, practice, status=400, evidence_form=form)
    messages.success(request, _("Evidence level set to “%(level)s”.") % {"level": holder.get_evidence_level_display()})
    return redirect("moderation:review", pk=practice.pk)


# Findings ----------------------------------------------------------------------------------


def _back_to_field(practice_pk: int, field: str) -> HttpResponse:
    return redirect(reverse("moderation:review", kwargs={"pk": practice_pk}) + f"#field-{field}")


def _finding_still_there(request: HttpRequest, pk: int, finding_pk: int) -> Finding | None:
    """The finding a button of the review page names; ``None``, with a word, when it has gone since
    the page was read (a redaction checks the text again, and a moderator may have edited it)."""
    practice_for_review(user=request.user, pk=pk)  # a 404 for anyone but a moderator, as before
    try:
        return finding_for_review(user=request.user, practice_pk=pk, pk=finding_pk)
    except Http404:
        if finding_exists(user=request.user, pk=finding_pk):
            raise  # another practice's: a wrong address
        messages.error(
            request,
            _("This finding is no longer there: the text was checked again since you opened the page. "
              "Nothing was done; what is left to resolve is below."),
        )  # fmt: skip
        return None


@moderator_required
@require_POST
def finding_redact(request: AuthenticatedHttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    finding = _finding_still_there(request, pk, finding_pk)
    if finding is None:
        return redirect("moderation:review", pk=pk)
    try:
        services.finding_redact(finding=finding, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
    else:
        messages.success(
            request, _("Redacted: the text now reads “%(placeholder)s”.") % {"placeholder": finding.replacement}
        )
    return _back_to_field(pk, finding.field)


@moderator_required
@require_POST
def finding_dismiss(request: AuthenticatedHttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    finding = _finding_still_there(request, pk, finding_pk)
    if finding is None:
        return redirect("moderation:review", pk=pk)
    form = DismissFindingForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Say why this is not personal data."))
        services.finding_dismiss(finding=finding, actor=request.user, reason=form.cleaned_data["reason"])
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
    else:
        messages.success(request, _("Marked as not personal data."))
    return _back_to_field(pk, finding.field)


# Featured practices ------------------------------------------------------------------------


@moderator_required
@require_GET
def featured_list(request: HttpRequest) -> HttpResponse:
    """Every practice featured on the home page now, newest featured first, each with a button
    to stop featuring it."""
    page = _page(request, featured_for_moderation(user=request.user))
    for rank, practice in enumerate(page.object_list, start=page.start_index()):
        practice.on_home_page = rank <= FEATURED_ON_HOME
    context = {"page": page, "on_home_page": FEATURED_ON_HOME, "stopped": _just_stopped(request)}
    return render(request, "moderation/featured.html", context)


def _just_stopped(request: HttpRequest) -> Practice | None:
    """The practice named by ``?stopped=`` when it may be featured again: the page then offers
    to undo stopping it."""
    pk = request.GET.get("stopped", "")
    if not re.fullmatch(r"[1-9][0-9]{0,9}", pk):
        return None
    try:
        practice = practice_for_review(user=request.user, pk=int(pk))
    except Http404:
        return None
    if practice.is_featured or not rules.can_feature(request.user, practice):
        return None
    return practice


def _featured_page(request: HttpRequest, **query) -> HttpResponse:
    page = request.POST.get("page", "")
    if re.fullmatch(r"[1-9][0-9]{0,5}", page) and page != "1":
        query["page"] = page
    return redirect(reverse("moderation:featured") + (f"?{urlencode(query)}" if query else ""))


@moderator_required
@require_POST
def featured_stop(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Stop featuring the practice (reversible, so no confirmation: the list then offers to feature
    it again); back to the page of the list the moderator was on."""
    practice = practice_for_review(user=request.user, pk=pk)
    try:
        services.practice_unfeature(practice=practice, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
        return _featured_page(request)
    title = practice.title or _("(untitled)")
    messages.success(request, _("“%(title)s” is no longer featured on the home page.") % {"title": title})
    return _featured_page(request, stopped=practice.pk)


@moderator_required
@require_POST
def featured_again(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Undo a "Stop featuring": the practice is featured again, as the newest featured."""
    practice = practice_for_review(user=request.user, pk=pk)
    try:
        services.practice_feature(practice=practice, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
    else:
        title = practice.title or _("(untitled)")
        messages.success(request, _("“%(title)s” is featured on the home page again.") % {"title": title})
    return _featured_page(request)


# Audit log ---------------------------------------------------------------------------------


@moderator_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    actions = [(code, action_label(code)) for code in audit_actions(user=request.user)]
    form = AuditFilterForm(
        request.GET or None, actions=actions, actors=audit_actors(user=request.user), viewer=request.user
    )
    page = _page(request, audit_events(user=request.user, **form.audit_filters()))
    for event in page.object_list:
        event.action_label = action_label(event.action, event.to_state)
        event.target_label = target_label(event.target_type, event.target_id)
        event.change_label = change_label(event.action, event.target_type, event.from_state, event.to_state)
    context = {
        "form": form,
        "page": page,
        "filtered": bool(request.GET.keys() - {"page"}),
    }
    return render(request, "moderation/audit_log.html", context)


# Organisations -----------------------------------------------------------------------------


@moderator_required
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    form = OrganisationFilterForm(request.GET or None)
    organisations = organisations_for_moderation(user=request.user, **form.organisation_filters())
    context = {
        "form": form,
        "page": _page(request, organisations),
        "filtered": bool(request.GET.keys() - {"page"}),
    }
    return render(request, "moderation/organisations.html", context)


@moderator_required
@require_http_methods(["GET", "POST"])
def organisation_verify_view(request: AuthenticatedHttpRequest, pk: int, verified: bool) -> HttpResponse:
    """GET asks for confirmation; POST verifies (or withdraws the verification)."""
    organisation = organisation_for_moderator(user=request.user, pk=pk)
    if request.method == "GET":
        context = {"organisation": organisation, "verified": verified}
        return render(request, "moderation/organisation_confirm_verify.html", context)
    try:
        organisation_verify(organisation=organisation, actor=request.user, verified=verified)
    except (ValidationError, PermissionDenied) as error:
        show_refusal(request, error)
    else:
        text = _("%(name)s is verified.") if verified else _("%(name)s is no longer verified.")
        messages.success(request, text % {"name": organisation.name})
    return redirect("moderation:organisations")
