"""A person's notifications."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render

from tashbeek.accounts.web import SignedInRequest
from tashbeek.core.web import POST, view

from . import selectors, services


@view("notifications.view_notification")
def inbox(request: SignedInRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/inbox.html", {"page": page})


@view("notifications.view_notification", methods=POST)
def mark_read(request: SignedInRequest) -> HttpResponse:
    services.notifications_mark_read(user=request.user)
    return redirect("notifications:inbox")
