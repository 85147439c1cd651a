"""The network's front page: what the network is, and how many members and partners it has."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import selectors


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "members/home.html", {"counts": selectors.network_counts()})
