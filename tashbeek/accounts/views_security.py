"""The second factor, the password change and API tokens: the security pages of a person."""

import segno
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login

from tashbeek.core.web import FORM, POST, view

from . import selectors, services
from .forms import CodeForm


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else reverse("accounts:profile")


@view("accounts.use_mfa", methods=FORM)
def mfa(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app (the first time), or confirm this sign-in with it."""
    next_url = _next(request)
    if request.user.is_verified():
        return redirect(next_url)
    if selectors.mfa_device(request.user) is not None:
        return _mfa_verify(request, next_url)
    return _mfa_setup(request, next_url)


def _mfa_verify(request: HttpRequest, next_url: str) -> HttpResponse:
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.mfa_check(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(next_url)
        form.add_error("code", _("This code is wrong, expired or already used."))
    context = {"form": form, "next": next_url}
    return render(request, "accounts/mfa_verify.html", context, status=400 if form.errors else 200)


def _mfa_setup(request: HttpRequest, next_url: str) -> HttpResponse:
    device = selectors.pending_mfa_device(request.user) or services.mfa_setup_start(
        user=request.user
    )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.mfa_setup_confirm(
            user=request.user, device=device, code=form.cleaned_data["code"]
        )
        if codes is not None:
            otp_login(request, device)
            context = {"codes": codes, "next": next_url}
            return render(request, "accounts/mfa_codes.html", context)
        form.add_error("code", _("This code is wrong or expired: try the one shown now."))
    uri = device.config_url
    context = {
        "form": form,
        "next": next_url,
        "secret": selectors.mfa_secret(device),
        "uri": uri,
        "qr": segno.make(uri, error="m").svg_data_uri(scale=4, dark="#0b3d33"),
    }
    return render(request, "accounts/mfa_setup.html", context, status=400 if form.errors else 200)


@view("accounts.use_mfa", methods=POST)
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes, shown once (the earlier ones stop working)."""
    if selectors.mfa_device(request.user) is None:
        return redirect("accounts:mfa")
    codes = services.recovery_codes_renew(user=request.user)
    return render(
        request, "accounts/mfa_codes.html", {"codes": codes, "next": reverse("accounts:profile")}
    )


class RevokesTokensOnNewPassword:
    """A password set through this view (changed or reset) revokes the person's API tokens."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(user=form.user)
        return response


class PasswordChangeView(RevokesTokensOnNewPassword, auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is changed; your API tokens were revoked."))
        return response

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


@view("accounts.view_profile", methods=FORM)
def tokens(request: HttpRequest) -> HttpResponse:
    """The person's API tokens: when made, when they expire; a new one shown once."""
    created = None
    if request.method == "POST":
        _instance, created = services.token_create(user=request.user)
    context = {"tokens": selectors.tokens_of(request.user), "created": created}
    return render(request, "accounts/tokens.html", context, status=201 if created else 200)


@view("accounts.view_profile", methods=POST)
def token_revoke(request: HttpRequest, token_key: str) -> HttpResponse:
    if services.token_revoke(user=request.user, token_key=token_key):
        messages.success(request, _("The token is revoked."))
    return redirect("accounts:tokens")
