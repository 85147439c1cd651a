"""The directory as CSV or XLSX, with the directory page's filters: what the public
directory shows, nothing member-only (staff contacts stay on the profiles)."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from tashbeek.core.exports import Column, export_response

from .. import selectors
from ..forms import DirectoryFilterForm
from ..models import Organisation


def _status(organisation: Organisation) -> str:
    if organisation.is_member:
        return organisation.get_membership_status_display()
    return organisation.get_relation_display()


DIRECTORY_COLUMNS = [
    Column(gettext_lazy("Name"), lambda o: o.name),
    Column(gettext_lazy("Kind"), lambda o: o.get_kind_display()),
    Column(gettext_lazy("Status"), _status),
    Column(gettext_lazy("Country"), lambda o: o.country.name),
    Column(gettext_lazy("Region"), lambda o: o.region.name if o.region else ""),
    Column(gettext_lazy("Population"), lambda o: o.population, "integer"),
    Column(gettext_lazy("Population year"), lambda o: o.population_year, "year"),
    Column(gettext_lazy("Member since"), lambda o: o.member_since, "date"),
    Column(gettext_lazy("Website"), lambda o: o.website),
    Column(gettext_lazy("E-mail"), lambda o: o.email),
    Column(gettext_lazy("Phone"), lambda o: o.phone),
    Column(gettext_lazy("Latitude"), lambda o: o.latitude, "decimal"),
    Column(gettext_lazy("Longitude"), lambda o: o.longitude, "decimal"),
]


@require_GET
def directory_export(request: HttpRequest, fmt: str) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else selectors.DirectoryFilters()
    organisations = selectors.organisation_search(user=request.user, filters=filters)
    return export_response(
        fmt=fmt,
        columns=DIRECTORY_COLUMNS,
        rows=organisations.iterator(chunk_size=1000),
        name="directory",
        title=_("Directory"),
    )
