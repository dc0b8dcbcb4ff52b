from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from practices import services
from practices.forms import PracticeFilterForm, PracticeForm, UploadForm
from practices.importer import UnreadableDocument, Vocabulary, import_document
from practices.models import Practice
from practices.presentation import form_warnings, initial_from_import, practice_sections
from practices.selectors import (
    can_edit,
    can_publish,
    practice_for_editor,
    practice_for_user,
    published_practices,
)


def practice_list(request: HttpRequest) -> HttpResponse:
    country_codes = sorted(
        set(Practice.objects.filter(status=Practice.Status.PUBLISHED).exclude(country="").values_list("country", flat=True))
    )
    filter_form = PracticeFilterForm(request.GET or None, country_codes=country_codes)
    practices = published_practices(filters=filter_form.filters())
    page = Paginator(practices, settings.PRACTICES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "filter_form": filter_form,
        "filtered": bool(filter_form.filters()),
        "query_string": query.urlencode(),
    }
    return render(request, "practices/practice_list.html", context)


def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = practice_for_user(user=request.user, pk=pk)
    context = {
        "practice": practice,
        "sections": practice_sections(practice, show_contact=request.user.is_authenticated),
        "can_edit": can_edit(user=request.user, practice=practice),
        "can_publish": can_publish(user=request.user, practice=practice),
    }
    return render(request, "practices/practice_detail.html", context)


def _render_form(request, form, *, practice=None, upload_form=None, status=200) -> HttpResponse:
    context = {
        "form": form,
        "practice": practice,
        "upload_form": upload_form or UploadForm(),
        "warnings": form_warnings(form["import_warnings"].value()),
    }
    return render(request, "practices/practice_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def practice_create_view(request: HttpRequest) -> HttpResponse:
    if request.user.organisation is None:
        messages.error(request, _("Join an organisation before you write a practice."))
        return redirect("home")
    if request.method == "GET":
        return _render_form(request, PracticeForm(initial={"language": get_language()[:2]}))
    form = PracticeForm(request.POST)
    if not form.is_valid():
        return _render_form(request, form, status=400)
    practice = services.practice_create(author=request.user, data=form.practice_data())
    messages.success(request, _("Your draft is saved."))
    return redirect(practice)


@login_required
@require_POST
def practice_import_view(request: HttpRequest) -> HttpResponse:
    """Read an uploaded template into a prefilled form; nothing is saved yet."""
    upload_form = UploadForm(request.POST, request.FILES)
    if not upload_form.is_valid():
        return _render_form(request, PracticeForm(initial={"language": get_language()[:2]}), upload_form=upload_form, status=400)
    document = upload_form.cleaned_data["document"]
    try:
        parsed = import_document(document.read(), document.name, vocabulary=Vocabulary.from_database())
    except UnreadableDocument as exc:
        upload_form.add_error("document", str(exc))
        return _render_form(request, PracticeForm(initial={"language": get_language()[:2]}), upload_form=upload_form, status=400)
    messages.info(request, _("We read your document. Check every field, correct what is needed, then save the draft."))
    return _render_form(request, PracticeForm(initial=initial_from_import(parsed)))


@login_required
@require_http_methods(["GET", "POST"])
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = practice_for_editor(user=request.user, pk=pk)
    if request.method == "GET":
        return _render_form(request, PracticeForm(instance=practice), practice=practice)
    form = PracticeForm(request.POST, instance=practice)
    if not form.is_valid():
        return _render_form(request, form, practice=practice, status=400)
    services.practice_update(practice=practice, editor=request.user, data=form.practice_data())
    messages.success(request, _("Your changes are saved."))
    return redirect(practice)


@login_required
@require_http_methods(["GET", "POST"])
def practice_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    practice = practice_for_user(user=request.user, pk=pk)
    if not can_publish(user=request.user, practice=practice):
        raise PermissionDenied
    if request.method == "GET":
        return render(request, "practices/practice_confirm_publish.html", {"practice": practice})
    try:
        services.practice_publish(practice=practice, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The practice is published."))
    return redirect(practice)
