"""An event's participants and its attendance per organisation, as CSV or XLSX, for its
organisers. Times are the event's wall-clock time, as on its page."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tashbeek.core.dates import in_zone
from tashbeek.core.exports import Column, export_response
from tashbeek.core.web import or_404, view

from . import selectors

PARTICIPANT_COLUMNS = [
    Column(gettext_lazy("Name"), lambda r: r.user.full_name),
    Column(gettext_lazy("E-mail"), lambda r: r.user.email),
    Column(gettext_lazy("Organisation"), lambda r: r.organisation.name if r.organisation else ""),
    Column(gettext_lazy("Status"), lambda r: r.get_status_display()),
    Column(
        gettext_lazy("Registered (event time)"),
        lambda r: in_zone(r.queued_at, r.event.time_zone),
        "datetime",
    ),
    Column(gettext_lazy("Attended"), lambda r: _("yes") if r.attended else _("no")),
    Column(gettext_lazy("Contribution"), lambda r: r.contribution),
]
ATTENDANCE_COLUMNS = [
    Column(gettext_lazy("Organisation"), lambda row: row[0]),
    Column(gettext_lazy("People present"), lambda row: row[1], "integer"),
]


def _organised_event(request: HttpRequest, pk: int):
    event = or_404(selectors.event_detail(user=request.user, pk=pk))
    if not request.user.has_perm("events.change_event", event):
        raise PermissionDenied
    return event


@view()
def participants_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    event = _organised_event(request, pk)
    rows = selectors.registrations_for_event(event).select_related("event")
    return export_response(
        fmt=fmt,
        columns=PARTICIPANT_COLUMNS,
        rows=rows,
        name=f"event-{event.pk}-participants",
        title=_("Participants"),
    )


@view()
def attendance_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    event = _organised_event(request, pk)
    return export_response(
        fmt=fmt,
        columns=ATTENDANCE_COLUMNS,
        rows=selectors.attendance_by_organisation(event),
        name=f"event-{event.pk}-attendance",
        title=_("Attendance"),
    )
