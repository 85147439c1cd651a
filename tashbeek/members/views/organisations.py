"""Directory, map, profile and the focal person's / secretariat's editing pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tashbeek.accounts.web import SignedInRequest
from tashbeek.core.seo import open_graph
from tashbeek.core.web import FORM, POST, done, form_page, object_from, view

from .. import selectors, services
from ..forms import InviteForm, OrganisationForm, ReasonForm
from ..models import Affiliation, Organisation
from ..seo import organisation_ld
from ..slots import ORGANISATION_PAGE
from .components import country_name


def _load_organisation(request, pk) -> Organisation:
    try:
        return selectors.organisation_detail(user=request.user, pk=pk)
    except Organisation.DoesNotExist as exc:
        raise Http404 from exc


# The organisation of the URL, read once per request (the permission check needs it too).
organisation_from = object_from("members.organisation", _load_organisation)


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_from(request, pk=pk)
    staff = selectors.staff_visible_to(user=request.user, organisation=organisation)
    lists = selectors.profile_lists(organisation=organisation)
    context = {
        "organisation": organisation,
        "staff": staff,
        "can_see_staff": request.user.has_perm("members.view_staff_contacts", organisation),
        "can_edit": request.user.has_perm("members.change_organisation", organisation),
        "can_see_membership": request.user.has_perm("members.view_membership", organisation),
        "themes": lists.themes,
        "parent": lists.parent,
        "constituents": lists.constituents,
        "kind_label": Organisation.Kind(organisation.kind).label,
        "country_label": country_name(organisation.country.code, get_language()),
        "status_label": organisation.get_membership_status_display(),
        # Higher apps' sections (cooperation's agreements and projects), via members.slots.
        "sections": ORGANISATION_PAGE.collect(organisation=organisation, user=request.user),
    }
    url = request.build_absolute_uri(organisation.get_absolute_url())
    context["og"] = open_graph(
        title=organisation.name, description=organisation.description, url=url
    )
    context["json_ld"] = organisation_ld(organisation, url=url)
    return render(request, "members/detail.html", context)


@view("members.add_organisation", methods=FORM)
def create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, request.FILES or None, can_manage=True)

    def save():
        organisation = services.organisation_create(by=request.user, data=form.service_data())
        return done(request, _("The organisation is added to the directory."), organisation)

    return form_page(request, form, save, "members/edit.html", {"organisation": None})


@view("members.change_organisation", fn=organisation_from, methods=FORM)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_from(request, pk=pk)
    can_manage = request.user.has_perm("members.add_organisation")
    form = OrganisationForm(
        request.POST or None, request.FILES or None, instance=organisation, can_manage=can_manage
    )

    def save():
        saved = services.organisation_update(
            organisation=Organisation.objects.get(pk=pk), by=request.user, data=form.service_data()
        )
        return done(request, _("The profile is saved."), saved)

    return form_page(request, form, save, "members/edit.html", {"organisation": organisation})


@view("members.invite_staff", fn=organisation_from, methods=FORM)
def staff(request: HttpRequest, pk: int) -> HttpResponse:
    """The staff list with the invitation form."""
    organisation = organisation_from(request, pk=pk)
    can_invite_focal = request.user.has_perm("members.invite_focal_person")
    form = InviteForm(request.POST or None, can_invite_focal=can_invite_focal)

    def save():
        data = form.cleaned_data
        services.staff_invite(
            organisation=organisation,
            by=request.user,
            email=data["email"],
            role=data["role"],
            title=data["title"],
        )
        return done(request, _("The invitation is sent."), "members:staff", pk=pk)

    context = {
        "organisation": organisation,
        "affiliations": organisation.affiliations.select_related("user"),
        "invitations": organisation.invitations.filter(accepted_at__isnull=True),
        "reason_form": ReasonForm(),
    }
    return form_page(request, form, save, "members/staff.html", context)


@view("members.remove_staff", fn=organisation_from, methods=POST)
def staff_remove(request: SignedInRequest, pk: int, affiliation_pk: int) -> HttpResponse:
    organisation = organisation_from(request, pk=pk)
    affiliation = get_object_or_404(Affiliation, pk=affiliation_pk, organisation=organisation)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.affiliation_remove(affiliation=affiliation, by=request.user, reason=reason)
    return done(request, _("The person no longer appears among the staff."), "members:staff", pk=pk)


@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation: signed in with the invited address, one click."""
    found = services.invitation_from_token(token)
    if found is None:
        return render(request, "members/invitation.html", {"invitation": None}, status=404)
    error = None
    if request.method == "POST" and request.user.is_authenticated:
        try:
            services.invitation_accept(invitation=found, user=request.user)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            messages.success(
                request, _("You have joined %(name)s.") % {"name": found.organisation.name}
            )
            return redirect(found.organisation)
    return render(
        request,
        "members/invitation.html",
        {"invitation": found, "error": error},
        status=400 if error else 200,
    )
