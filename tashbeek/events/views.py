"""Event pages: lists and the month agenda, an event with registration, organising,
attendance, and the iCalendar downloads and feeds."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tashbeek.accounts.web import SignedInRequest
from tashbeek.communities.selectors import community_detail
from tashbeek.core.seo import open_graph
from tashbeek.core.web import FORM, POST, add_service_errors, done, object_from, or_404, view

from . import selectors, services
from .forms import EventForm, RegistrationForm
from .ical import calendar_for
from .models import Event, Registration
from .seo import event_ld
from .slots import EVENT_PAGE


def _event(request, pk) -> Event:
    return or_404(selectors.event_detail(user=request.user, pk=pk))


event_from = object_from("events.event", _event)


@require_http_methods(["GET", "HEAD"])
def event_list(request: HttpRequest) -> HttpResponse:
    past = request.GET.get("when") == "past"
    events = selectors.events_page(user=request.user, past=past)
    page = Paginator(events, 40).get_page(request.GET.get("page"))
    context = {"page": page, "months": selectors.by_month(page), "past": past}
    return render(request, "events/list.html", context)


def _month(request) -> tuple[int, int]:
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        datetime.date(year, month, 1)
    except ValueError:
        return today.year, today.month
    return (year, month) if 2000 <= year <= 2100 else (today.year, today.month)


@require_http_methods(["GET", "HEAD"])
def event_calendar(request: HttpRequest) -> HttpResponse:
    """A month grid of events; works without JavaScript, one query for the month."""
    year, month = _month(request)
    first = datetime.date(year, month, 1)
    previous = first - datetime.timedelta(days=1)
    following = first + datetime.timedelta(days=32)
    weeks = selectors.month_grid(
        user=request.user,
        year=year,
        month=month,
        first_weekday=(get_format("FIRST_DAY_OF_WEEK") - 1) % 7,
    )
    context = {
        "weeks": weeks,
        "first": first,
        "previous": f"{previous.year}-{previous.month:02d}",
        "next": f"{following.year}-{following.month:02d}",
        "weekdays": [day["date"] for day in weeks[0]],
    }
    return render(request, "events/calendar.html", context)


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
        # Library materials and experiences: from those apps' hooks (events.slots).
        **EVENT_PAGE.collect(event=event, user=user),
        **_previews(request, event),
    }
    return render(request, "events/detail.html", context)


def _previews(request, event: Event) -> dict:
    """Link previews and schema.org data, for events the public sees."""
    if event.status == Event.Status.DRAFT:
        return {}
    url = request.build_absolute_uri(event.get_absolute_url())
    return {
        "og": open_graph(title=event.title, description=event.description, url=url),
        "json_ld": event_ld(event, url=url),
    }


@view(methods=POST)
def register(request: SignedInRequest, pk: int) -> HttpResponse:
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


@view(methods=POST)
def cancel(request: SignedInRequest, pk: int, registration_pk: int) -> HttpResponse:
    event = _event(request, pk)
    registration = get_object_or_404(Registration, pk=registration_pk, event=event)
    try:
        services.registration_cancel(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(event)
    return done(request, _("The registration is cancelled."), event)


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
            return done(request, _("The event is saved."), saved)
    status = 400 if form.errors else 200
    return render(request, "events/edit.html", {"form": form, "event": event}, status=status)


@view("events.add_event", methods=FORM)
def create(request: HttpRequest) -> HttpResponse:
    return _form_page(request, None)


@view("events.change_event", fn=event_from, methods=FORM)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_from(request, pk=pk)
    return _form_page(request, event)


@view("events.change_event", fn=event_from, methods=FORM)
def attendance(request: SignedInRequest, pk: int) -> HttpResponse:
    event = event_from(request, pk=pk)
    registrations = selectors.registrations_for_event(event)
    if request.method == "POST":
        present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
        services.attendance_record(event=event, by=request.user, present_ids=present)
        return done(request, _("Attendance is recorded."), "events:attendance", pk=pk)
    return render(
        request, "events/attendance.html", {"event": event, "registrations": registrations}
    )


@view()
def mine(request: SignedInRequest) -> HttpResponse:
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
    community = or_404(community_detail(slug))
    events = selectors.published_events().filter(community=community).order_by("-starts_at")[:500]
    return _ics(calendar_for(events, name=community.name), f"{community.slug}.ics")


@require_http_methods(["GET", "HEAD"])
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = or_404(selectors.user_from_feed_token(token))
    events = selectors.feed_events_for(user).order_by("-starts_at")[:500]
    return _ics(
        calendar_for(events, name=_("My events"), language=user.preferred_language), "mine.ics"
    )
