"""A meeting's page (agenda, attendance and the quorum, minutes, action items) and the
secretariat's and chairs' forms to record them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tashbeek.core.web import FORM, POST, done, form_page, view

from .. import selectors, services
from ..forms import ActionItemForm, AgendaItemForm, AttendanceForm, DecideForm, MinutesForm
from ..models import ActionItem, Attendance, Meeting
from .common import action_from, item_from, meeting_from

MANAGE = "governance.manage_body"


@require_http_methods(["GET", "HEAD"])
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, meeting_from(request, pk=pk))


def _page(request: HttpRequest, meeting: Meeting, status: int = 200) -> HttpResponse:
    user = request.user
    can_manage = user.has_perm(MANAGE, meeting)
    insider = user.has_perm("governance.view_body_papers", meeting.body)
    context = {
        "meeting": meeting,
        "event": meeting.event,
        "body": meeting.body,
        "attendance_rows": _attendance_rows(meeting),
        "quorum": selectors.quorum(meeting),
        "minutes": selectors.minutes_visible(meeting, user),
        "insider": insider,
        "can_manage": can_manage,
        "later_meetings": meeting.body.meetings.filter(number__gt=meeting.number)
        if can_manage
        else [],
    }
    return render(request, "governance/meeting.html", context, status=status)


def _attendance_rows(meeting: Meeting) -> list:
    recorded = selectors.attendance_of(meeting)
    labels = dict(Attendance.Status.choices)
    return [(s, labels.get(recorded.get(s.pk))) for s in selectors.meeting_seats(meeting)]


@view(MANAGE, fn=meeting_from, methods=FORM)
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_from(request, pk=pk)
    form = AgendaItemForm(request.POST or None, meeting=meeting, user=request.user)

    def save():
        services.agenda_item_save(by=request.user, meeting=meeting, data=form.cleaned_data)
        return done(request, _("The item is on the agenda."), meeting)

    return form_page(request, form, save, "governance/form.html", _form_context(meeting))


def _form_context(meeting: Meeting, title: str = "") -> dict:
    return {"meeting": meeting, "title": title or _("Add an agenda item")}


@view(MANAGE, fn=meeting_from, methods=FORM)
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_from(request, pk=pk)
    form = AttendanceForm(request.POST or None, meeting=meeting)

    def save():
        quorum = services.attendance_record(
            by=request.user, meeting=meeting, statuses=form.statuses()
        )
        if quorum.met:
            messages.success(request, _("Attendance is recorded: the quorum is reached."))
        else:
            messages.warning(request, _("Attendance is recorded: the quorum is not reached."))
        return redirect(meeting)

    context = _form_context(meeting, _("Attendance"))
    return form_page(request, form, save, "governance/form.html", context)


@view(MANAGE, fn=meeting_from, methods=FORM)
def item_decide(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    meeting, item = meeting_from(request, pk=pk), item_from(request, pk=pk, item_pk=item_pk)
    form = DecideForm(request.POST or None, initial={"titles": item.titles})

    def save():
        decision = services.item_decide(by=request.user, item=item, data=form.service_data())
        messages.success(
            request,
            _("Decision %(reference)s is in the register.") % {"reference": decision.reference},
        )
        return redirect(meeting)

    context = {**_form_context(meeting, _("Record the decision")), "item": item}
    return form_page(request, form, save, "governance/form.html", context)


@view(MANAGE, fn=meeting_from, methods=FORM)
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_from(request, pk=pk)
    form = MinutesForm(request.POST or None, meeting=meeting)

    def save():
        if meeting.minutes_frozen:
            reason = form.cleaned_data.get("reason", "")
            services.minutes_correct(
                by=request.user, meeting=meeting, minutes=form.minutes(), reason=reason
            )
            messages.success(request, _("The correction is saved as a new version."))
        else:
            services.minutes_save(by=request.user, meeting=meeting, minutes=form.minutes())
            messages.success(request, _("The minutes are saved."))
        return redirect(meeting)

    context = _form_context(meeting, _("Minutes"))
    return form_page(request, form, save, "governance/form.html", context)


STEPS = {
    "circulate": services.minutes_circulate,
    "approve": services.minutes_approve,
    "publish": services.minutes_publish,
}


@view(MANAGE, fn=meeting_from, methods=POST)
def minutes_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    meeting = meeting_from(request, pk=pk)
    if step not in STEPS:
        return _refused(request, meeting, _("Unknown step."))
    kwargs = {}
    if step == "approve" and request.POST.get("at_meeting", "").isdigit():
        kwargs["at_meeting"] = get_object_or_404(
            Meeting, pk=int(request.POST["at_meeting"]), body=meeting.body
        )
    try:
        STEPS[step](by=request.user, meeting=meeting, **kwargs)
    except ValidationError as error:
        return _refused(request, meeting, " ".join(error.messages))
    return done(request, _("The minutes moved to their next stage."), meeting)


def _refused(request, meeting, message: str) -> HttpResponse:
    """A refused step: the meeting's page again, with the reason, as a 400."""
    messages.error(request, message)
    return _page(request, meeting, status=400)


@view(MANAGE, fn=meeting_from, methods=FORM)
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_from(request, pk=pk)
    form = ActionItemForm(request.POST or None, meeting=meeting)

    def save():
        services.action_item_save(by=request.user, meeting=meeting, data=form.cleaned_data)
        return done(request, _("The action item is recorded."), meeting)

    context = _form_context(meeting, _("Add an action item"))
    return form_page(request, form, save, "governance/form.html", context)


@view("governance.update_action", fn=action_from, methods=POST)
def action_status(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    meeting, action = meeting_from(request, pk=pk), action_from(request, pk=pk, action_pk=action_pk)
    status = request.POST.get("status", "")
    if status not in ActionItem.Status.values:
        return _refused(request, meeting, _("Choose a status."))
    services.action_item_save(
        by=request.user, meeting=meeting, action=action, data={"status": status}
    )
    return done(
        request,
        _("The action item is updated."),
        "governance:actions" if request.POST.get("next") == "actions" else meeting,
    )
