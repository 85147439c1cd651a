"""The search page: one box, results by type with facets and highlighted snippets."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .forms import SearchForm
from .selectors import Filters, search


@require_http_methods(["GET", "HEAD"])
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    found, status = None, 200
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        filters = Filters(
            kind=data["type"],
            country=data["country"].upper(),
            language=data["language"],
            theme=data["theme"],
            year=data["year"],
        )
        page = request.GET.get("page", "1")
        page = int(page) if page.isdigit() else 1
        found = search(user=request.user, q=data["q"], filters=filters, page=page)
    elif form.is_bound and form.errors:
        status = 400
    return render(request, "search/search.html", {"form": form, "found": found}, status=status)
