"""Object getters the views declare their permission against (`core.web.view(perm, fn=…)`
calls them before the view; the object is kept on the request so it is read once)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from tashbeek.core.web import or_404

from .. import selectors
from ..models import AgreementParty


def _cached(request, key: str, load):
    cache = request.__dict__.setdefault("_cooperation", {})
    if key not in cache:
        cache[key] = load()
    return cache[key]


def agreement_from(request, pk: int, **_kwargs):
    parties = AgreementParty.objects.select_related("organisation").order_by("id")
    return _cached(
        request,
        f"agreement:{pk}",
        lambda: get_object_or_404(
            selectors.agreements_visible_to(request.user)
            .select_related("declared_by")
            .prefetch_related(Prefetch("parties", queryset=parties), "themes"),
            pk=pk,
        ),
    )


def project_from(request, pk: int, **_kwargs):
    def load():
        return or_404(selectors.project_detail(pk, user=request.user))

    return _cached(request, f"project:{pk}", load)
