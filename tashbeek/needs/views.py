"""Needs and offers pages: lists, a need with "who can help", writing them."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tashbeek.accounts.web import SignedInRequest
from tashbeek.core.web import FORM, POST, done, form_page, object_from, or_404, view

from . import selectors, services
from .forms import NeedForm, OfferForm, StatusForm
from .models import Offer


@require_http_methods(["GET", "HEAD"])
def need_list(request: HttpRequest) -> HttpResponse:
    mine = request.user.is_authenticated and request.GET.get("mine") == "1"
    needs = selectors.needs_page(user=request.user, status="" if mine else "open", mine=mine)
    page = Paginator(needs, 20).get_page(request.GET.get("page"))
    offers = selectors.offers_page(user=request.user)[:10]
    context = {"page": page, "mine": mine, "offers": offers}
    return render(request, "needs/list.html", context)


def _need(request, pk):
    return or_404(selectors.need_detail(user=request.user, pk=pk))


need_from = object_from("needs.need", _need)
offer_from = object_from("needs.offer", lambda request, pk: get_object_or_404(Offer, pk=pk))


@require_http_methods(["GET", "HEAD"])
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need(request, pk)
    context = {
        "need": need,
        "help": selectors.who_can_help(user=request.user, need=need),
        "can_change": request.user.has_perm("needs.change_need", need),
        "status_form": StatusForm(initial={"status": need.status}),
    }
    return render(request, "needs/detail.html", context)


def _write(request, form_class, save_item, *, kind: str, item=None, saved: str) -> HttpResponse:
    """The page that writes a need or an offer: `item` to change one, None for a new one."""
    form = form_class(request.POST or None, instance=item, user=request.user)

    def save():
        mine = {kind: item} if item is not None else {}
        written = save_item(by=request.user, data=form.service_data(), **mine)
        return done(request, saved, written)

    context = {"kind": kind, **({"item": item} if item is not None else {})}
    return form_page(request, form, save, "needs/edit.html", context)


@view("needs.add_need", methods=FORM)
def need_create(request: SignedInRequest) -> HttpResponse:
    message = _("Your need is posted. Here is who may help.")
    return _write(request, NeedForm, services.need_save, kind="need", saved=message)


@view("needs.change_need", fn=need_from, methods=FORM)
def need_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    need = need_from(request, pk=pk)
    return _write(request, NeedForm, services.need_save, kind="need", item=need, saved=_("Saved."))


@view("needs.change_need", fn=need_from, methods=POST)
def need_status(request: SignedInRequest, pk: int) -> HttpResponse:
    need = need_from(request, pk=pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return render(request, "needs/status_error.html", {"need": need, "form": form}, status=400)
    services.need_set_status(by=request.user, need=need, **form.cleaned_data)
    return done(request, _("Saved."), need)


@require_http_methods(["GET", "HEAD"])
def offer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer.objects.select_related("organisation"), pk=pk)
    context = {"offer": offer, "can_change": request.user.has_perm("needs.change_offer", offer)}
    return render(request, "needs/offer.html", context)


@view("needs.add_offer", methods=FORM)
def offer_create(request: SignedInRequest) -> HttpResponse:
    message = _("Your offer is published.")
    return _write(request, OfferForm, services.offer_save, kind="offer", saved=message)


@view("needs.change_offer", fn=offer_from, methods=FORM)
def offer_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    offer = offer_from(request, pk=pk)
    return _write(
        request, OfferForm, services.offer_save, kind="offer", item=offer, saved=_("Saved.")
    )


@view(methods=POST)
def offer_withdraw(request: SignedInRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer, pk=pk)
    services.offer_withdraw(by=request.user, offer=offer)
    return done(request, _("The offer is withdrawn."), offer)
