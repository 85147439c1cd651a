"""A person's notifications."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from rules.contrib.views import permission_required

from tashbeek.accounts.web import SignedInRequest

from . import selectors, services


@permission_required("notifications.view_notification")
@require_http_methods(["GET", "HEAD"])
def inbox(request: SignedInRequest) -> HttpResponse:
    page = Paginator(selectors.notifications_for(request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/inbox.html", {"page": page})


@permission_required("notifications.view_notification")
@require_POST
def mark_read(request: SignedInRequest) -> HttpResponse:
    services.notifications_mark_read(user=request.user)
    return redirect("notifications:inbox")
