"""Papers uploaded to an agenda item: adding one (checked by content), reading one through a
view that first checks the reader may (private files have no URL), and removing one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from tashbeek.accounts.web import SignedInRequest
from tashbeek.core.files import private_download
from tashbeek.core.web import FORM, POST, done, form_page, view

from .. import services
from ..forms import PaperForm
from .common import item_from, paper_from

MANAGE = "governance.manage_body"


@view(MANAGE, fn=item_from, methods=FORM)
def paper_add(request: SignedInRequest, pk: int, item_pk: int) -> HttpResponse:
    item = item_from(request, pk=pk, item_pk=item_pk)
    form = PaperForm(request.POST or None, request.FILES or None)

    def save():
        data = form.cleaned_data
        services.paper_upload(
            by=request.user,
            item=item,
            upload=data["file"],
            titles=data["titles"],
            public=data["public"],
        )
        return done(request, _("The paper is on the agenda and the body is told."), item.meeting)

    context = {
        "meeting": item.meeting,
        "item": item,
        "title": _("Add a paper to item %(number)s") % {"number": item.number},
        "multipart": True,
    }
    return form_page(request, form, save, "governance/form.html", context)


@view("governance.view_paper", fn=paper_from, sign_in=False)
def paper(request: HttpRequest, pk: int) -> HttpResponseBase:
    return private_download(paper_from(request, pk=pk))


@view(MANAGE, fn=paper_from, methods=POST)
def paper_remove(request: SignedInRequest, pk: int) -> HttpResponse:
    found = paper_from(request, pk=pk)
    meeting = found.item.meeting
    try:
        services.paper_remove(by=request.user, paper=found, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(meeting)
    return done(request, _("The paper is removed."), meeting)
