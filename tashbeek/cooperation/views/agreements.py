"""Agreements: the registry with its filters, one agreement with its parties' confirmations,
declaring, correcting, confirming and ending, the signed document, and the graph."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tashbeek.accounts.web import SignedInRequest
from tashbeek.core.files import private_file_response
from tashbeek.core.models import Theme
from tashbeek.core.permissions import is_secretariat
from tashbeek.core.web import FORM, POST, done, view
from tashbeek.members.models import Affiliation, Organisation
from tashbeek.members.rules import affiliations_of

from .. import selectors, services
from ..forms import AgreementForm, EndForm
from ..graph import layout
from ..models import Agreement
from .common import agreement_from, form_view


def _filters(request) -> dict:
    kind = request.GET.get("kind", "")
    theme = request.GET.get("theme", "")
    phase = request.GET.get("phase", "")
    return {
        "kind": kind if kind in Agreement.Kind.values else "",
        "theme": theme if Theme.objects.filter(slug=theme).exists() else "",
        "phase": phase if phase in Agreement.Phase.values else "",
    }


def _filter_context(filters: dict) -> dict:
    return {
        "filters": filters,
        "kinds": Agreement.Kind.choices,
        "phases": Agreement.Phase.choices,
        "themes": Theme.objects.filter(scheme=Theme.Scheme.SECTOR, parent__isnull=True),
    }


@require_GET
def agreements(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    rows = selectors.agreement_list(request.user, **filters).defer("texts")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "agreements": page.object_list,
        "page": page,
        "count": page.paginator.count,
        "can_declare": request.user.has_perm("cooperation.declare_agreement"),
        **_filter_context(filters),
    }
    return render(request, "cooperation/agreements.html", context)


@require_GET
def graph(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    data = selectors.cooperation_graph(kind=filters["kind"], theme=filters["theme"])
    mode = "map" if request.GET.get("view") == "map" else "circle"
    context = {
        "graph": layout(data, mode=mode),
        "mode": mode,
        "count": len(data.nodes),
        **_filter_context(filters),
    }
    return render(request, "cooperation/graph.html", context)


@view("cooperation.view_agreement", fn=agreement_from, sign_in=False)
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    item = agreement_from(request, pk)
    user = request.user
    mine = {
        org
        for org, (role, *_rest) in affiliations_of(user).items()
        if role == Affiliation.Role.FOCAL
    }
    for_anyone = is_secretariat(user)  # confirms for a party that has no focal person here
    to_confirm = [
        p
        for p in item.parties.all()
        if p.confirmed_at is None and (p.organisation_id in mine or for_anyone)
    ]
    context = {
        "agreement": item,
        "to_confirm": to_confirm if item.status == Agreement.Status.PROPOSED else [],
        "can_change": user.has_perm("cooperation.change_agreement", item),
        "can_end": item.status != Agreement.Status.ENDED
        and user.has_perm("cooperation.end_agreement", item),
        "can_download": bool(item.document)
        and user.has_perm("cooperation.view_agreement_document", item),
    }
    return render(request, "cooperation/agreement.html", context)


@view("cooperation.declare_agreement", methods=FORM)
def declare(request: SignedInRequest) -> HttpResponse:
    form = AgreementForm(request.POST or None, request.FILES or None, user=request.user)

    def declare(data):
        return services.agreement_declare(
            by=request.user,
            declared_by=data["declared_by"],
            parties=list(data["parties"]),
            data=form.service_data(),
            document=data.get("document"),
            new_partners=form.new_partners(),
        )

    return form_view(
        request,
        form,
        declare,
        title=_("Declare an agreement"),
        message=_("The agreement is declared; each party is asked to confirm."),
        multipart=True,
    )


@view("cooperation.change_agreement", fn=agreement_from, methods=FORM)
def edit(request: SignedInRequest, pk: int) -> HttpResponse:
    item = agreement_from(request, pk)
    form = AgreementForm(
        request.POST or None, request.FILES or None, instance=item, user=request.user
    )

    def update(data):
        services.agreement_update(
            by=request.user, agreement=item, data=form.service_data(), document=data.get("document")
        )

    return form_view(
        request,
        form,
        update,
        title=_("Correct the agreement"),
        message=_("The agreement is updated."),
        back=item,
        to=item,
        multipart=True,
    )


@view("cooperation.confirm_agreement", fn=agreement_from, methods=POST)
def confirm(request: SignedInRequest, pk: int) -> HttpResponse:
    item = agreement_from(request, pk)
    party = request.POST.get("organisation", "")
    organisation = get_object_or_404(Organisation, pk=int(party)) if party.isdigit() else None
    try:
        if organisation is None:
            raise ValidationError(_("Choose the party you confirm for."))
        services.agreement_confirm(by=request.user, agreement=item, organisation=organisation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(item)
    return done(request, _("Your confirmation is recorded."), item)


@view("cooperation.end_agreement", fn=agreement_from, methods=FORM)
def end(request: SignedInRequest, pk: int) -> HttpResponse:
    item = agreement_from(request, pk)
    form = EndForm(request.POST or None)

    return form_view(
        request,
        form,
        lambda data: services.agreement_end(by=request.user, agreement=item, **data),
        title=_("End the agreement"),
        message=_("The agreement is ended."),
        back=item,
        to=item,
    )


@view("cooperation.view_agreement_document", fn=agreement_from)
def document(request: HttpRequest, pk: int) -> HttpResponseBase:
    item = agreement_from(request, pk)
    if not item.document:
        return HttpResponse(status=404)
    return private_file_response(
        item.document, content_type=item.document_type, filename=item.document_name
    )
