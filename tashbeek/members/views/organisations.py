"""Directory, map, profile and the focal person's / secretariat's editing pages."""

import hashlib
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_countries import countries
from rules.contrib.views import permission_required

from tashbeek.core.i18n import pick

from .. import selectors, services
from ..forms import DirectoryFilterForm, InviteForm, OrganisationForm, ReasonForm
from ..models import Affiliation, Organisation
from .common import form_page


def _organisation(request, pk) -> Organisation:
    """The organisation of the URL, loaded once per request (the permission check needs it too)."""
    cached = getattr(request, "_organisation", None)
    if cached is not None and cached.pk == int(pk):
        return cached
    try:
        request._organisation = selectors.organisation_detail(user=request.user, pk=pk)
    except Organisation.DoesNotExist as exc:
        raise Http404 from exc
    return request._organisation


STATUS_LABELS = {
    "active": gettext_lazy("Active members"),
    "suspended": gettext_lazy("Suspended members"),
    "ended": gettext_lazy("Former members"),
    "partner": gettext_lazy("Partners"),
}
BAND_LABELS = {
    "lt5k": gettext_lazy("Under 5,000"),
    "5k-20k": gettext_lazy("5,000 to 20,000"),
    "20k-100k": gettext_lazy("20,000 to 100,000"),
    "100k-500k": gettext_lazy("100,000 to 500,000"),
    "gte500k": gettext_lazy("500,000 and more"),
}
SORT_LABELS = {
    "name": gettext_lazy("Name"),
    "-population": gettext_lazy("Largest population"),
    "population": gettext_lazy("Smallest population"),
    "-member_since": gettext_lazy("Newest members"),
    "-updated": gettext_lazy("Recently updated"),
}
FACET_TITLES = {
    "status": gettext_lazy("Status"),
    "kind": gettext_lazy("Kind"),
    "country": gettext_lazy("Country"),
    "region": gettext_lazy("Region"),
    "theme": gettext_lazy("Theme"),
    "population": gettext_lazy("Population"),
}


def _labelled(facets: dict) -> list[dict]:
    """Facets in display order, each value with its label in the reader's language."""
    label = {
        "status": lambda row: STATUS_LABELS[row["value"]],
        "population": lambda row: BAND_LABELS[row["value"]],
        "kind": lambda row: Organisation.Kind(row["value"]).label,
        "country": lambda row: countries.name(row["value"]),
        "region": lambda row: pick(row["names"]) or row["value"],
        "theme": lambda row: pick(row["names"]) or row["value"],
    }
    return [
        {
            "key": key,
            "title": FACET_TITLES[key],
            "values": [{**row, "label": label[key](row)} for row in facets[key] if row["n"]],
        }
        for key in FACET_TITLES
    ]


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    """The directory. Its content is the same for every reader (it is public), so the rendered
    body is cached per language, query string and data version: any change to an organisation
    changes the version, so nobody sees a stale list; the header stays per person."""
    template = "members/_results.html" if request.htmx else "members/_directory_body.html"
    body = _directory_body_cached(request, template)
    if request.htmx:
        return HttpResponse(body)
    return render(request, "members/directory.html", {"body": body})


def _directory_body_cached(request: HttpRequest, template: str) -> str:
    seconds = settings.DIRECTORY_FACET_CACHE_SECONDS
    if not seconds:
        return render_to_string(template, _directory_context(request), request=request)
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    digest = hashlib.sha256(f"{template}?{query}".encode()).hexdigest()[:32]
    key = f"directory:{get_language()}:{selectors.data_version()}:{digest}"
    body = cache.get(key)
    if body is None:
        body = render_to_string(template, _directory_context(request), request=request)
        cache.set(key, body, seconds)
    return body


def _directory_context(request: HttpRequest) -> dict:
    form = DirectoryFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else selectors.DirectoryFilters()
    page = selectors.organisation_page(
        user=request.user, filters=filters, page=request.GET.get("page")
    )
    return {
        "form": form,
        "filters": filters,
        "page": page,
        "facets": _labelled(selectors.directory_facets(user=request.user, filters=filters)),
        "active": {k: v for k, v in vars(filters).items() if v and k != "sort"},
        "sorts": SORT_LABELS,
    }


@require_GET
def map_data(request: HttpRequest) -> JsonResponse:
    """GeoJSON of the located organisations matching the directory's filters."""
    form = DirectoryFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else selectors.DirectoryFilters()
    # One reverse() for thousands of points: the detail URL with a placeholder id.
    detail_url = reverse("members:detail", kwargs={"pk": 0}).replace("/0/", "/{}/")
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [float(row["longitude"]), float(row["latitude"])],
            },
            "properties": {
                "name": pick(row["names"]),
                "url": detail_url.format(row["pk"]),
                "status": row["membership_status"] or row["relation"],
            },
        }
        for row in selectors.map_points(user=request.user, filters=filters)
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    staff = selectors.staff_visible_to(user=request.user, organisation=organisation)
    context = {
        "organisation": organisation,
        "staff": staff,
        "can_see_staff": request.user.has_perm("members.view_staff_contacts", organisation),
        "can_edit": request.user.has_perm("members.change_organisation", organisation),
        "can_see_membership": request.user.has_perm("members.view_membership", organisation),
        "themes": list(organisation.themes.all()),
        "constituents": list(organisation.constituents.all()),
    }
    return render(request, "members/detail.html", context)


@login_required
@permission_required("members.add_organisation", raise_exception=True)
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None, request.FILES or None, can_manage=True)

    def save():
        organisation = services.organisation_create(by=request.user, data=form.service_data())
        messages.success(request, _("The organisation is added to the directory."))
        return redirect(organisation)

    return form_page(request, form, save, "members/edit.html", {"organisation": None})


@login_required
@permission_required(
    "members.change_organisation",
    fn=lambda request, pk: _organisation(request, pk),
    raise_exception=True,
)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    can_manage = request.user.has_perm("members.add_organisation")
    form = OrganisationForm(
        request.POST or None, request.FILES or None, instance=organisation, can_manage=can_manage
    )

    def save():
        saved = services.organisation_update(
            organisation=Organisation.objects.get(pk=pk), by=request.user, data=form.service_data()
        )
        messages.success(request, _("The profile is saved."))
        return redirect(saved)

    return form_page(request, form, save, "members/edit.html", {"organisation": organisation})


@login_required
@permission_required(
    "members.invite_staff", fn=lambda request, pk: _organisation(request, pk), raise_exception=True
)
@require_http_methods(["GET", "POST"])
def staff(request: HttpRequest, pk: int) -> HttpResponse:
    """The staff list with the invitation form."""
    organisation = _organisation(request, pk)
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
        messages.success(request, _("The invitation is sent."))
        return redirect("members:staff", pk=pk)

    context = {
        "organisation": organisation,
        "affiliations": organisation.affiliations.select_related("user"),
        "invitations": organisation.invitations.filter(accepted_at__isnull=True),
        "reason_form": ReasonForm(),
    }
    return form_page(request, form, save, "members/staff.html", context)


@login_required
@require_POST
def staff_remove(request: HttpRequest, pk: int, affiliation_pk: int) -> HttpResponse:
    organisation = _organisation(request, pk)
    if not request.user.has_perm("members.remove_staff", organisation):
        raise PermissionDenied
    affiliation = get_object_or_404(Affiliation, pk=affiliation_pk, organisation=organisation)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.affiliation_remove(affiliation=affiliation, by=request.user, reason=reason)
    messages.success(request, _("The person no longer appears among the staff."))
    return redirect("members:staff", pk=pk)


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
