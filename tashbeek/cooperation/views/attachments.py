"""Documents of projects and tenders: adding one (checked by content) and reading one
through a view that first checks the reader may (private files have no URL)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from tashbeek.accounts.web import SignedInRequest
from tashbeek.core.files import private_download
from tashbeek.core.web import FORM, view

from .. import services
from ..forms import AttachmentForm
from ..models import Attachment
from .common import form_view, project_from
from .tenders import tender_from


def attachment_from(request, pk: int, **_kwargs) -> Attachment:
    """The document, if its project or tender is visible to the reader (404 otherwise)."""
    attachment = get_object_or_404(Attachment.objects.select_related("project", "tender"), pk=pk)
    if attachment.project_id:
        project_from(request, attachment.project_id)  # 404 for a project the reader cannot see
    return attachment


def _add(request, *, owner, organisations, **target) -> HttpResponse:
    form = AttachmentForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        organisations=organisations,
    )

    def add(data):
        services.attachment_add(
            by=request.user,
            organisation=data["organisation"],
            upload=data["file"],
            titles=data["titles"],
            public=data["public"],
            **target,
        )

    return form_view(
        request,
        form,
        add,
        title=_("Add a document"),
        message=_("The document is added."),
        back=owner,
        to=owner,
        multipart=True,
    )


@view("cooperation.change_project", fn=project_from, methods=FORM)
def project_document_add(request: SignedInRequest, pk: int) -> HttpResponse:
    project = project_from(request, pk)
    return _add(
        request,
        owner=project,
        organisations=project.partners.values("organisation_id"),
        project=project,
    )


@view("cooperation.declare_demand", fn=tender_from, methods=FORM)
def tender_document_add(request: SignedInRequest, pk: int) -> HttpResponse:
    tender = tender_from(request, pk)
    return _add(
        request,
        owner=tender,
        organisations=tender.participants.values("pk"),
        tender=tender,
    )


@view("cooperation.view_attachment", fn=attachment_from, sign_in=False)
def document(request: HttpRequest, pk: int) -> HttpResponseBase:
    attachment = attachment_from(request, pk)
    if not attachment.file:
        raise Http404
    return private_download(attachment)
