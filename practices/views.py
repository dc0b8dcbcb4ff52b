import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from network.selectors import practice_discussion_context
from portal.access import reader_scope
from portal.caching import keeps_for_scope, kept_part, public_page, render_for_reader, token_of
from portal.decorators import mfa_required
from portal.http import AuthenticatedHttpRequest
from portal.ratelimits import over_rate
from practices import cooking, rules, services
from practices.duplicates import near_duplicates
from practices.forms import DismissFindingForm, PracticeForm, ReasonForm, SubmitForm, UploadForm
from practices.import_notes import by_field, import_notes, organisation_note
from practices.importer import UnreadableDocument, Vocabulary, import_document
from practices.indexing import similar_practices
from practices.models import Finding, Practice
from practices.presentation import (
    by_form_field,
    findings_left,
    initial_from_import,
    reader_context,
    reading_context,
    reading_parts,
    similar_part,
)
from practices.selectors import (
    finding_for_resolver,
    practice_for_editor,
    practice_for_user,
    practice_stamp_for_user,
    published_titles_for_user,
    reading_key,
    update_for_user,
)
from search import embedding
from search.embedding import store as embedding_store
from search.generation import RESULTS_TOKENS, content_token

# The former list page's parameters, all understood by the search page under the same names.
LIST_PARAMETERS = ("theme", "audience", "country", "organisation_type", "evidence_level", "page")


@require_http_methods(["GET", "HEAD"])
def practice_list(request: HttpRequest) -> HttpResponse:
    """The practices are listed, filtered and sorted by the search page: /practices/ moved there
    for good, with its filters."""
    kept = QueryDict(mutable=True)
    for key in LIST_PARAMETERS:
        values = [value[:100] for value in request.GET.getlist(key) if value][:30]
        if values:
            kept.setlist(key, values)
    query = kept.urlencode()
    return HttpResponsePermanentRedirect(reverse("search:search") + (f"?{query}" if query else ""))


# Kept under the engines' token too: the similar practices come from the engine, and a page read
# while the outbox worker has not written a change would otherwise be kept without it.
@public_page(token=RESULTS_TOKENS)
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    stamp = practice_stamp_for_user(user=request.user, pk=pk)  # the access rule, on every request
    if rules.reads_as_any_reader(request.user, stamp):
        if keeps_for_scope(request):
            parts = kept_part(
                request,
                name=f"practice-page:{_similar_mode()}",  # the similar practices' block is one of the parts
                scope=reading_key(request.user, stamp),
                tokens=RESULTS_TOKENS,
                compute=lambda: _reading_parts(request, stamp),
            )
        else:
            parts = _reading_parts(request, stamp)
        return _detail_page(request, stamp, parts)
    practice = practice_for_user(user=request.user, pk=pk)
    context = reading_context(request.user, practice)
    parts = reading_parts(context, similar=_similar_practices(request, practice))
    return _detail_page(request, practice, parts)


@require_http_methods(["GET", "HEAD"])
def practice_update_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Where e-mails about an update of practice ``pk`` lead: the update, while it exists and the
    reader may open it; the practice once it was published, returned or discarded."""
    practice, update = update_for_user(user=request.user, pk=pk)
    if update is not None:
        return redirect(update)
    messages.info(
        request,
        _("There is no update of this practice for you to open now: it may have been published, discarded or "
          "returned to its author. The practice as it is published is below."),
    )  # fmt: skip
    return redirect(practice)


def _reading_parts(request: HttpRequest, stamp: Practice) -> dict[str, str]:
    """A reader's parts: the practice's own, cooked (practices/cooking.py), and its similar practices."""
    return {**cooking.own_parts(request.user, stamp), "similar": similar_part(_similar_practices(request, stamp))}


def _detail_page(request: HttpRequest, practice: Practice, parts: dict[str, str]) -> HttpResponse:
    context = {**reader_context(request, practice), "parts": parts}
    if practice.is_published:
        context.update(practice_discussion_context(user=request.user, practice=practice))
    return render_for_reader(request, "practices/practice_detail.html", _as_values(context))


def _as_values(context: dict) -> dict:
    """The page's context as plain values where it reads the practice as any reader of its scope
    does (no tools, findings, comments or update of their own: ``render_for_reader`` keeps such a
    page); the context as it is otherwise."""
    if context["curator"] or context["findings"] or context["review_comments"] or context["pending_revision"]:
        return context
    practice = context["practice"]
    threads = context.get("network_threads", [])
    networks = context.get("discuss_networks", [])
    return {
        **context,
        # what the template reads of them
        "practice": {
            "pk": practice.pk,
            "title": practice.title,
            "is_published": practice.is_published,
            "visibility": practice.visibility,
        },
        "visibility_choices": [(value, str(label)) for value, label in context["visibility_choices"]],
        "network_threads": [
            {"pk": t.pk, "title": t.title, "network": {"name": t.network.name}, "post_count": t.post_count}
            for t in threads
        ],
        "discuss_networks": [{"pk": n.pk, "name": n.name} for n in networks],
    }


def _similar_practices(request: HttpRequest, practice: Practice) -> "list[SimilarLink]":
    """Similar practices. The engine reads its whole index for them (a cost that grows with the
    corpus), so the list is computed once per practice (as last saved), reader scope and
    ``SIMILAR_PRACTICES_SECONDS``, and kept, unless the engine did not answer whole (a degraded
    list: another practice's change waiting for the outbox worker, another engine or none
    answering), which is shown and asked again by the next reader. Their titles are re-read through the access rule once
    per content token (kept under it): one withdrawn or restricted since is never shown, and titles
    are current."""
    user, seconds = request.user, settings.SIMILAR_PRACTICES_SECONDS
    if not practice.is_published or not seconds:  # nothing kept: the same links, each with its language
        found_ids = [hit.id for hit in similar_practices(user=user, practice=practice)]
        titles = published_titles_for_user(user=user, ids=found_ids)
        return [SimilarLink(pk, *titles[pk]) for pk in found_ids if pk in titles]
    scope = hashlib.blake2b(repr(reader_scope(user)).encode(), digest_size=8).hexdigest()
    key = f"similar:{practice.pk}:{practice.updated_at.isoformat()}:{scope}:{_similar_mode()}"
    token = token_of(request, content_token)
    titles_key = f"{key}:titled:{token}"
    kept = cache.get_many([key, titles_key])
    ids = kept.get(key)
    if ids is None:
        found = similar_practices(user=user, practice=practice)
        ids = [hit.id for hit in found]
        if not getattr(found, "degraded", False):  # a list lacking what waits for the worker is shown, not kept
            cache.set(key, ids, seconds)
    titled = kept.get(titles_key)
    if titled is None or titled[0] != ids:  # (ids, [(id, title, language)…]) of the readable ones among ids
        titles = published_titles_for_user(user=user, ids=ids)
        titled = (ids, [(pk, *titles[pk]) for pk in ids if pk in titles])
        if token is not None:
            cache.set(titles_key, titled, seconds)
    return [SimilarLink(id=pk, title=title, language=language) for pk, title, language in titled[1]]


@dataclass(frozen=True)
class SimilarLink:
    """A similar practice as its page's list shows it: the title marked with its language."""

    id: int
    title: str
    language: str


def _similar_mode() -> str:
    """How similar practices are found: by the embedding model (a model change is a new list) or by words."""
    return embedding.MODEL_VERSION if embedding_store.enabled() else "words"


def _form_context(form, *, practice=None, upload_form=None) -> dict:
    findings = list(practice.findings.filter(status=Finding.Status.OPEN)) if practice else []
    comments = list(practice.review_comments.filter(addressed=False)) if practice else []
    notes = import_notes(form["import_warnings"].value(), {name: form[name].value() for name in form.fields})
    warnings, comments_by_field, findings_by_field = by_field(notes), by_form_field(comments), by_form_field(findings)
    form.describe_fields(
        {
            name: [
                *(f"review{number}" for number in range(1, len(comments_by_field.get(name, [])) + 1)),
                *(["findings"] if findings_by_field.get(name) else []),
                *(["import"] if warnings.get(name) else []),
            ]
            for name in form.fields
        }
    )
    return {
        "form": form,
        "practice": practice,
        "upload_form": upload_form or UploadForm(),
        "warnings": warnings,
        "import_notes": notes,
        "findings": findings,
        "general_comments": [c for c in comments if not c.field],
        "comments_by_field": comments_by_field,
        "findings_by_field": findings_by_field,
    }


def _render_form(request, form, *, practice=None, upload_form=None, status=200, **extra) -> HttpResponse:
    context = _form_context(form, practice=practice, upload_form=upload_form)
    return render(request, "practices/practice_form.html", {**context, **extra}, status=status)


def _blank_form(typed: dict | None = None) -> PracticeForm:
    return PracticeForm(initial={"language": get_language()[:2], **(typed or {})})


def _typed_values(data) -> dict:
    """What the contributor had typed into the web form when they uploaded a document (the
    upload form sends it along: static/js/upload-keeps-form.js), unchecked. A document that
    cannot be read shows it again; a document read fills the fields, keeping what was typed
    in those it leaves empty."""
    typed = PracticeForm(data)
    return {name: typed[name].value() for name in typed.fields if name in data}


def _with_typed(initial: dict, typed: dict) -> dict:
    """The document's values, and the typed ones in the fields it leaves empty (its notes are the document's own)."""
    empty: tuple[object, ...] = (None, "", [])
    merged = dict(initial)
    for name, value in typed.items():
        if name != "import_warnings" and value not in empty and initial.get(name) in empty:
            merged[name] = value
    return merged


@login_required
@require_http_methods(["GET", "POST"])
def practice_create_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not rules.can_contribute(request.user):
        messages.error(request, _("Your membership of an organisation must be approved before you write a practice."))
        return redirect("organisation_join")
    if request.method == "GET":
        return _render_form(request, _blank_form())
    form = PracticeForm(request.POST)
    if not form.is_valid():
        return _render_form(request, form, status=400)
    practice = services.practice_create(author=request.user, data=form.practice_data())
    messages.success(request, _("Your draft is saved. Submit it for review when it is ready."))
    return redirect(practice)


@login_required
@require_POST
def practice_import_view(request: HttpRequest) -> HttpResponse:
    """Read an uploaded template into a prefilled form; nothing is saved yet."""
    if not rules.can_contribute(request.user):
        raise PermissionDenied
    upload_form = UploadForm(request.POST, request.FILES)
    typed = _typed_values(request.POST)
    if not upload_form.is_valid():
        return _render_form(request, _blank_form(typed), upload_form=upload_form, status=400)
    if over_rate(request, group="practice.import", rate=settings.PRACTICE_IMPORT_RATE):
        upload_form.add_error(
            "document",
            _(
                "You have imported many documents in a short time. Please wait a "
                "while before importing another, or fill in the form."
            ),
        )
        return _render_form(request, _blank_form(typed), upload_form=upload_form, status=429)
    document = upload_form.cleaned_data["document"]
    try:
        parsed = import_document(document.read(), document.name, vocabulary=Vocabulary.from_database())
    except UnreadableDocument as exc:
        upload_form.add_error("document", str(exc))
        return _render_form(request, _blank_form(typed), upload_form=upload_form, status=400)
    messages.info(request, _("We read your document. Check every field, correct what is needed, then save the draft."))
    return _render_form(request, PracticeForm(initial=_with_typed(_initial_from_import(parsed, request.user), typed)))


def _initial_from_import(parsed, user) -> dict:
    """The form's values from the document, with a note when it names another organisation."""
    initial = initial_from_import(parsed)
    yours = user.organisation.name if user.organisation else ""
    note = organisation_note(parsed.organisation.name, yours)
    if note is not None:
        initial["import_warnings"] = [*(initial.get("import_warnings") or []), note]
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    practice = practice_for_user(user=request.user, pk=pk)
    if practice.is_published and rules.can_propose_revision(request.user, practice):
        return _revision_start(request, practice)
    practice = practice_for_editor(user=request.user, pk=pk)
    if request.method == "GET":
        return _render_form(request, PracticeForm(instance=practice), practice=practice)
    saved_visibility = practice.visibility  # the form's validation writes the chosen one on the instance
    form = PracticeForm(request.POST, instance=practice)
    if not form.is_valid():
        return _render_form(request, form, practice=practice, status=400)
    chosen = form.cleaned_data["visibility"]
    if _widens(saved_visibility, chosen) and request.POST.get("confirm_widening") != "1":
        # Nothing is saved: the form comes back as typed, saying who would read it, with a button to confirm.
        widening = {"visibility": chosen, "label": Practice.Visibility(chosen).label}
        return _render_form(request, form, practice=practice, widening=widening)
    services.practice_update(practice=practice, editor=request.user, data=form.practice_data())
    messages.success(request, _("Your changes are saved."))
    return redirect(practice)


def _revision_start(request: AuthenticatedHttpRequest, practice: Practice) -> HttpResponse:
    """GET explains and offers a button (a GET never creates anything); POST starts the update,
    or opens the one in progress."""
    existing = practice.revisions.first()
    if request.method == "POST":
        existing = existing or services.practice_start_revision(practice=practice, editor=request.user)
        if rules.can_edit(request.user, existing):
            messages.info(
                request,
                _("You are editing a copy. Readers see the published text until a moderator approves your update."),
            )
            return redirect("practices:edit", pk=existing.pk)
        messages.error(request, _("Someone else's update of this practice is in progress."))
    context = {
        "practice": practice,
        "existing": existing,
        "can_open": existing is not None and rules.can_edit(request.user, existing),
        "can_discard": rules.can_discard_revision(request.user, practice),
    }
    return render(request, "practices/practice_confirm_revision.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def practice_revision_discard_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation; POST throws the unsubmitted update away."""
    practice = practice_for_user(user=request.user, pk=pk)
    if not rules.can_discard_revision(request.user, practice):
        raise Http404
    if request.method == "GET":
        return render(request, "practices/practice_confirm_discard.html", {"practice": practice})
    services.practice_revision_discard(practice=practice, actor=request.user)
    messages.success(request, _("The update is discarded. Readers still see the published text."))
    return redirect(practice)


@login_required
@require_http_methods(["GET", "POST"])
def practice_submit_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    practice = practice_for_user(user=request.user, pk=pk)
    if not rules.can_submit(request.user, practice):
        raise PermissionDenied
    # bound on every POST, even one carrying no field (``request.POST or None`` would take it for a GET)
    form = SubmitForm(request.POST if request.method == "POST" else None, practice=practice)
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_submit(
                practice=practice, actor=request.user, change_summary=form.cleaned_data["change_summary"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Submitted. A moderator will review it; you will get an email."))
            if near_duplicates(user=request.user, practice=practice):
                messages.warning(request, _("A similar practice already exists: the moderator will compare them."))
            return redirect(practice)
    context = {
        "practice": practice,
        "form": form,
        "duplicates": near_duplicates(user=request.user, practice=practice),
        # said before submitting: the personal details found and not yet resolved, and where to resolve them
        "open_findings": practice.findings.filter(status=Finding.Status.OPEN).count(),
    }
    return render(request, "practices/practice_confirm_submit.html", context)


@login_required
@mfa_required
@require_http_methods(["GET", "POST"])
def practice_withdraw_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    practice = practice_for_user(user=request.user, pk=pk)
    if practice.status == Practice.Status.WITHDRAWN:  # by another moderator since this page was read
        return _withdrawn_already(request, practice)
    if not rules.can_withdraw(request.user, practice):
        raise PermissionDenied
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_withdraw(practice=practice, actor=request.user, reason=form.cleaned_data["reason"])
        except PermissionDenied:
            if practice.status == Practice.Status.WITHDRAWN:  # re-read under the service's lock
                return _withdrawn_already(request, practice)
            raise
        messages.success(request, _("The practice is withdrawn from every page, list and search."))
        return redirect("search:search")
    return render(request, "practices/practice_confirm_withdraw.html", {"practice": practice, "form": form})


def _withdrawn_already(request: HttpRequest, practice: Practice) -> HttpResponse:
    """A second withdrawal, from a page read before the first: nothing is done, nobody is e-mailed
    again, and the moderator lands on the practice's review page, which says it is withdrawn."""
    practice.refresh_from_db(fields=["withdrawn_at"])
    when = date_format(localtime(practice.withdrawn_at), "DATETIME_FORMAT") if practice.withdrawn_at else ""
    messages.error(
        request, _("This practice was withdrawn already (%(when)s): nothing more was done.") % {"when": when}
    )
    if rules.can_review(request.user, practice):
        return redirect("moderation:review", pk=practice.pk)
    return redirect("search:search")


@login_required
@mfa_required
@require_POST
def practice_feature_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Feature the practice on the home page (``featured=1``) or stop featuring it (``featured=0``)."""
    practice = practice_for_user(user=request.user, pk=pk)
    if not rules.can_review(request.user, practice):
        raise PermissionDenied
    featured = request.POST.get("featured") == "1"
    service = services.practice_feature if featured else services.practice_unfeature
    try:
        service(practice=practice, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if featured:
            messages.success(request, _("The practice is featured on the home page, for the readers who may read it."))
        else:
            messages.success(request, _("The practice is no longer featured on the home page."))
    return redirect(practice)


@login_required
@mfa_required
@require_POST
def practice_visibility_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Narrowing who reads the practice applies at once; widening it first says who will read it
    and asks (the confirmation posts again with ``confirm=1``)."""
    practice = practice_for_user(user=request.user, pk=pk)
    visibility = request.POST.get("visibility", "")
    if _widening_to_confirm(request, practice, visibility):
        context = {"practice": practice, "visibility": visibility, "label": Practice.Visibility(visibility).label}
        return render(request, "practices/practice_confirm_visibility.html", context)
    try:
        services.practice_set_visibility(practice=practice, actor=request.user, visibility=visibility)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Who can read this practice has changed."))
    return redirect(practice)


def _widens(saved: str, chosen: str) -> bool:
    return rules.READERSHIP.index(chosen) > rules.READERSHIP.index(saved)


def _widening_to_confirm(request: AuthenticatedHttpRequest, practice: Practice, visibility: str) -> bool:
    """Whether this request widens the readership of a practice the user manages without having
    confirmed it yet; anyone who may not change it gets a 403, as from the service."""
    if not rules.can_manage(request.user, practice):
        raise PermissionDenied
    if request.POST.get("confirm") == "1" or visibility not in Practice.Visibility.values:
        return False
    if practice.status == Practice.Status.WITHDRAWN or rules.visibility_needs_review(practice, visibility):
        return False  # refused by the service, with its reason
    return _widens(practice.visibility, visibility)


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_POST
def finding_redact_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    finding = finding_for_resolver(user=request.user, pk=pk)
    try:
        services.finding_redact(finding=finding, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Redacted."))
    return _back(request, finding.practice.get_absolute_url())


@login_required
@require_POST
def practice_check_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Check a practice for personal data now, e.g. a draft before it is submitted."""
    practice = practice_for_user(user=request.user, pk=pk)
    if not rules.can_resolve_findings(request.user, practice):
        raise Http404
    services.practice_check(practice=practice, actor=request.user)
    count = practice.findings.filter(status=Finding.Status.OPEN).count()
    if count:
        messages.warning(request, findings_left(count))
    else:
        messages.success(request, _("Checked: no personal data found."))
    return _back(request, practice.get_absolute_url())


@login_required
@require_POST
def finding_dismiss_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    finding = finding_for_resolver(user=request.user, pk=pk)
    form = DismissFindingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why this is not personal data."))
    else:
        services.finding_dismiss(finding=finding, actor=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Marked as not personal data."))
    return _back(request, finding.practice.get_absolute_url())
