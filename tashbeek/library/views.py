"""Library pages: the list, a document with its versions, writing, uploading, review."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tashbeek.core.files import private_file_response
from tashbeek.core.web import FORM, POST, done, form_page, object_from, or_404, save_form, view

from . import selectors, services
from .forms import (
    DocumentForm,
    LibraryFilterForm,
    TransitionForm,
    VersionForm,
    communities_for,
)


def _document(request, pk):
    return or_404(selectors.document_detail(user=request.user, pk=pk))


document_from = object_from("library.document", _document)


@require_http_methods(["GET", "HEAD"])
def document_list(request: HttpRequest) -> HttpResponse:
    filters = LibraryFilterForm(request.GET or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    documents = selectors.documents_page(
        user=request.user,
        kind=values.get("kind", ""),
        community=values.get("community"),
        theme=values.get("theme"),
    )
    page = Paginator(documents, 25).get_page(request.GET.get("page"))
    return render(request, "library/list.html", {"page": page, "filters": filters})


def _actions_for(user, document) -> list[tuple[str, str, bool]]:
    """The workflow buttons this person may press now: (action, label, needs a reason)."""
    labels = dict(TransitionForm.base_fields["action"].choices)
    return [
        (action, labels[action], needs_reason)
        for action, (source, _t, perm, needs_reason) in services.TRANSITIONS.items()
        if document.status == source and user.has_perm(perm, document)
    ]


def _detail(request, document, *, status: int = 200, version_form=None) -> HttpResponse:
    can_change = request.user.has_perm("library.change_document", document)
    context = {
        "document": document,
        "versions": document.versions.all(),
        "can_change": can_change,
        "actions": _actions_for(request.user, document),
        "version_form": version_form or (VersionForm() if can_change else None),
    }
    return render(request, "library/detail.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _document(request, pk))


@view("library.add_document", methods=FORM)
def document_create(request: HttpRequest) -> HttpResponse:
    initial = {}
    if request.GET.get("community"):
        initial["community"] = (
            communities_for(request.user).filter(slug=request.GET["community"]).first()
        )
    form = DocumentForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )

    def save():
        document = services.document_create(
            by=request.user,
            data=form.service_data(),
            upload=form.cleaned_data["file"],
            note=form.cleaned_data.get("note", ""),
        )
        return done(
            request, _("The draft is saved. Send it for review when it is ready."), document
        )

    return form_page(request, form, save, "library/edit.html", {})


@view("library.change_document", fn=document_from, methods=FORM)
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_from(request, pk=pk)
    form = DocumentForm(request.POST or None, instance=document, user=request.user)

    def save():
        services.document_update(by=request.user, document=document, data=form.service_data())
        return done(request, _("Saved."), document)

    return form_page(request, form, save, "library/edit.html", {"document": document})


@view("library.change_document", fn=document_from, methods=POST)
def version_add(request: HttpRequest, pk: int) -> HttpResponse:
    document = document_from(request, pk=pk)
    form = VersionForm(request.POST, request.FILES)

    def save():
        data = form.cleaned_data
        services.version_add(
            by=request.user, document=document, upload=data["file"], note=data["note"]
        )
        return done(request, _("The new version is uploaded."), document)

    return save_form(request, form, save, field="file") or _detail(
        request, document, status=400, version_form=form
    )


@require_http_methods(["GET", "HEAD"])
def version_download(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    document = _document(request, pk)
    version = get_object_or_404(document.versions, number=number)
    return private_file_response(
        version.file, content_type=version.content_type, filename=version.download_name
    )


@view(methods=POST)
def transition(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an action."))
        return redirect(document)
    try:
        services.document_transition(
            by=request.user,
            document=document,
            action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"],
            expected_status=form.cleaned_data["expected_status"],
        )
    except services.StaleDocument as error:
        messages.error(request, " ".join(error.messages))
        return _detail(request, _document(request, pk), status=409)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(document)
    return done(request, _("Done."), document)
