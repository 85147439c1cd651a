"""The governance overview and a body's page: its seats now and before, its meetings, its
decisions and the rhythm its rule asks for; convening a meeting and filling a seat."""

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tashbeek.core.web import FORM, done, form_page, view

from .. import selectors, services
from ..forms import ConveneForm, SeatForm
from ..models import Ballot
from .common import body_from


@require_http_methods(["GET", "HEAD"])
def index(request: HttpRequest) -> HttpResponse:
    ballots = selectors.ballots_visible_to(request.user).exclude(status=Ballot.Status.CANCELLED)
    context = {
        "bodies": selectors.bodies(),
        "ballots": ballots[:10],
        "decisions": selectors.register(user=request.user)[:10],
        "can_manage": request.user.has_perm("governance.manage_bodies"),
        "delegable": selectors.focal_organisations(request.user),
    }
    return render(request, "governance/index.html", context)


@require_http_methods(["GET", "HEAD"])
def body(request: HttpRequest, slug: str) -> HttpResponse:
    body = body_from(request, slug=slug)
    today = timezone.localdate()
    context = {
        "body": body,
        "seats": selectors.current_seats(body, today),
        "past": selectors.past_seats(body, today),
        "meetings": selectors.meetings_of(body)[:20],
        "decisions": selectors.decisions_visible_to(request.user).filter(body=body)[:20],
        "rhythm": selectors.rhythm(body, today),
        "today": today,
        "soon": today + datetime.timedelta(days=90),
        "can_manage": request.user.has_perm("governance.manage_body", body),
    }
    return render(request, "governance/body.html", context)


@view("governance.manage_body", fn=body_from, methods=FORM)
def convene(request: HttpRequest, slug: str) -> HttpResponse:
    body = body_from(request, slug=slug)
    form = ConveneForm(request.POST or None, initial={"time_zone": "Africa/Casablanca"})

    def save():
        meeting = services.meeting_convene(by=request.user, body=body, data=form.cleaned_data)
        return done(request, _("The meeting is convened and the body is told."), meeting)

    return form_page(request, form, save, "governance/convene.html", {"body": body})


@view("governance.manage_body", fn=body_from, methods=FORM)
def seat_add(request: HttpRequest, slug: str) -> HttpResponse:
    body = body_from(request, slug=slug)
    form = SeatForm(request.POST or None, initial={"starts_on": timezone.localdate()})

    def save():
        services.seat_assign(by=request.user, body=body, data=form.cleaned_data)
        return done(request, _("The seat is filled."), body)

    return form_page(request, form, save, "governance/seat.html", {"body": body})
