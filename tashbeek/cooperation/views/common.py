"""What the cooperation views share: the object getters they declare their permission against
(`core.web.view(perm, fn=…)` calls them before the view; the object is kept on the request so
it is read once), and the one form page most of their forms are shown on."""

from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from tashbeek.core.web import done, form_page, once_per_request, or_404

from .. import selectors
from ..models import AgreementParty


def agreement_from(request, pk: int, **_kwargs):
    parties = AgreementParty.objects.select_related("organisation").order_by("id")
    return once_per_request(
        request,
        f"cooperation.agreement:{pk}",
        lambda: get_object_or_404(
            selectors.agreements_visible_to(request.user)
            .select_related("declared_by")
            .prefetch_related(Prefetch("parties", queryset=parties), "themes"),
            pk=pk,
        ),
    )


def project_from(request, pk: int, **_kwargs):
    return once_per_request(
        request,
        f"cooperation.project:{pk}",
        lambda: or_404(selectors.project_detail(pk, user=request.user)),
    )


def form_view(
    request, form, act, *, title, message: str, back=None, to=None, **context
) -> HttpResponse:
    """A form on cooperation/form.html. On a valid POST `act(cleaned_data)` saves; then the
    reader goes to `to`, or else to what `act` returned. `back` is the object the form is
    about (its page is the way back); `context` adds to the template's."""

    def save():
        saved = act(form.cleaned_data)
        return done(request, message, to if to is not None else saved)

    if back is not None:
        context["back"] = back.get_absolute_url()
    return form_page(request, form, save, "cooperation/form.html", {"title": title, **context})
