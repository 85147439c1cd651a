"""Event pages: lists and the month agenda, an event with registration, organising,
attendance, and the iCalendar downloads and feeds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rules.contrib.views import permission_required

from tashbeek.communities.selectors import community_detail
from tashbeek.members.views.common import add_service_errors

from . import selectors, services
from .forms import EventForm, RegistrationForm
from .ical import calendar_for
from .models import Event, Registration


def _event(request, pk) -> Event:
    event = selectors.event_detail(user=request.user, pk=pk)
    if event is None:
        raise Http404
    return event


@require_http_methods(["GET", "HEAD"])
def event_list(request: HttpRequest) -> HttpResponse:
    past = request.GET.get("when") == "past"
    events = selectors.events_page(user=request.user, past=past)
    page = Paginator(events, 40).get_page(request.GET.get("page"))
    context = {"page": page, "months": selectors.by_month(page), "past": past}
    return render(request, "events/list.html", context)


@require_http_methods(["GET", "HEAD"])
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    user = request.user
    registration = selectors.registration_of(user, event)
    can_manage = user.has_perm("events.change_event", event)
    context = {
        "event": event,
        "registration": registration,
        "form": RegistrationForm(user=user, event=event),
        "can_register": user.has_perm("events.register_event"),
        "can_manage": can_manage,
        "show_link": can_manage
        or (registration is not None and registration.status == Registration.Status.CONFIRMED),
        "attendance": selectors.attendance_by_organisation(event),
        "materials": selectors.materials_of(event, user=user),
        "experiences": selectors.experiences_of(event, user=user),
    }
    return render(request, "events/detail.html", context)


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    form = RegistrationForm(request.POST, user=request.user, event=event)
    if not form.is_valid():
        messages.error(request, _("Check the registration form."))
        return redirect(event)
    try:
        registration = services.registration_create(
            event=event,
            user=request.user,
            organisation=form.cleaned_data.get("organisation"),
            contribution=form.cleaned_data.get("contribution", ""),
            experience=form.cleaned_data.get("experience"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(event)
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("You are registered. The confirmation is in your e-mail."))
    else:
        messages.success(
            request,
            _("The event is full: you are on the waitlist and will be told if a seat frees."),
        )
    return redirect(event)


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int, registration_pk: int) -> HttpResponse:
    event = _event(request, pk)
    registration = get_object_or_404(Registration, pk=registration_pk, event=event)
    try:
        services.registration_cancel(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(event)
    messages.success(request, _("The registration is cancelled."))
    return redirect(event)


def _form_page(request, event: Event | None) -> HttpResponse:
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.event_save(
                by=request.user,
                data=form.service_data(),
                event=Event.objects.get(pk=event.pk) if event else None,
                agenda=form.cleaned_data["agenda_items"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect(saved)
    status = 400 if form.errors else 200
    return render(request, "events/edit.html", {"form": form, "event": event}, status=status)


@login_required
@permission_required("events.add_event", raise_exception=True)
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    return _form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    if not request.user.has_perm("events.change_event", event):
        raise PermissionDenied
    return _form_page(request, event)


@login_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    if not request.user.has_perm("events.change_event", event):
        raise PermissionDenied
    registrations = selectors.registrations_for_event(event)
    if request.method == "POST":
        present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
        services.attendance_record(event=event, by=request.user, present_ids=present)
        messages.success(request, _("Attendance is recorded."))
        return redirect("events:attendance", pk=pk)
    return render(
        request, "events/attendance.html", {"event": event, "registrations": registrations}
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def mine(request: HttpRequest) -> HttpResponse:
    context = {
        "registrations": selectors.registrations_of(request.user),
        "feed_token": selectors.feed_token(request.user),
    }
    return render(request, "events/mine.html", context)


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "HEAD"])
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    return _ics(calendar_for([event], name=event.title), f"event-{event.pk}.ics")


@require_http_methods(["GET", "HEAD"])
def network_feed(request: HttpRequest) -> HttpResponse:
    events = selectors.published_events().order_by("-starts_at")[:500]
    return _ics(calendar_for(events, name=_("Tashbeek: the network's events")), "network.ics")


@require_http_methods(["GET", "HEAD"])
def community_feed(request: HttpRequest, slug: str) -> HttpResponse:
    community = community_detail(slug)
    if community is None:
        raise Http404
    events = selectors.published_events().filter(community=community).order_by("-starts_at")[:500]
    return _ics(calendar_for(events, name=community.name), f"{community.slug}.ics")


@require_http_methods(["GET", "HEAD"])
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = selectors.user_from_feed_token(token)
    if user is None:
        raise Http404
    events = selectors.feed_events_for(user).order_by("-starts_at")[:500]
    return _ics(
        calendar_for(events, name=_("My events"), language=user.preferred_language), "mine.ics"
    )
