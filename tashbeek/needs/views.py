"""Needs and offers pages: lists, a need with "who can help", writing them."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from rules.contrib.views import permission_required

from tashbeek.accounts.web import SignedInRequest
from tashbeek.core.web import done, form_page, object_from

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
    need = selectors.need_detail(user=request.user, pk=pk)
    if need is None:
        raise Http404
    return need


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


@login_required
@permission_required("needs.add_need", raise_exception=True)
@require_http_methods(["GET", "POST"])
def need_create(request: HttpRequest) -> HttpResponse:
    form = NeedForm(request.POST or None, user=request.user)

    def save():
        need = services.need_save(by=request.user, data=form.service_data())
        return done(request, _("Your need is posted. Here is who may help."), need)

    return form_page(request, form, save, "needs/edit.html", {"kind": "need"})


@login_required
@permission_required("needs.change_need", fn=need_from, raise_exception=True)
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = need_from(request, pk=pk)
    form = NeedForm(request.POST or None, instance=need, user=request.user)

    def save():
        services.need_save(by=request.user, need=need, data=form.service_data())
        return done(request, _("Saved."), need)

    return form_page(request, form, save, "needs/edit.html", {"kind": "need", "item": need})


@login_required
@permission_required("needs.change_need", fn=need_from, raise_exception=True)
@require_POST
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


@login_required
@permission_required("needs.add_offer", raise_exception=True)
@require_http_methods(["GET", "POST"])
def offer_create(request: HttpRequest) -> HttpResponse:
    form = OfferForm(request.POST or None, user=request.user)

    def save():
        offer = services.offer_save(by=request.user, data=form.service_data())
        return done(request, _("Your offer is published."), offer)

    return form_page(request, form, save, "needs/edit.html", {"kind": "offer"})


@login_required
@permission_required("needs.change_offer", fn=offer_from, raise_exception=True)
@require_http_methods(["GET", "POST"])
def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    offer = offer_from(request, pk=pk)
    form = OfferForm(request.POST or None, instance=offer, user=request.user)

    def save():
        services.offer_save(by=request.user, offer=offer, data=form.service_data())
        return done(request, _("Saved."), offer)

    return form_page(request, form, save, "needs/edit.html", {"kind": "offer", "item": offer})


@login_required
@require_POST
def offer_withdraw(request: SignedInRequest, pk: int) -> HttpResponse:
    offer = get_object_or_404(Offer, pk=pk)
    services.offer_withdraw(by=request.user, offer=offer)
    return done(request, _("The offer is withdrawn."), offer)
