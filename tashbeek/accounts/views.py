"""Sign-up, verification, sign-in and profile pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from tashbeek.core.web import FORM, view

from . import services
from .forms import (
    LocalisedPasswordResetForm,
    ProfileForm,
    ResendVerificationForm,
    SignInForm,
    SignUpForm,
)
from .models import User
from .security import address_locked
from .selectors import mfa_device, user_from_uid
from .tokens import email_verification_token
from .views_security import RevokesTokensOnNewPassword


def _tell_in(request: HttpRequest, language: str, message) -> None:
    """A message in the language the next page will be in (the person's own): the link in a
    verification e-mail often opens in a browser that reads another language."""
    with translation.override(language):
        messages.success(request, str(message))


def _with_language_cookie(response: HttpResponse, language: str) -> HttpResponse:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
    )
    return response


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = SignUpForm(request.POST or None, initial={"preferred_language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.user_register(
            email=data["email"],
            full_name=data["full_name"],
            password=data["password1"],
            preferred_language=data["preferred_language"],
        )
        return redirect("accounts:signup_done")
    return render(
        request, "accounts/signup.html", {"form": form}, status=400 if form.errors else 200
    )


def signup_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signup_done.html")


def verify(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = user_from_uid(uidb64)
    if user is None or not email_verification_token.check_token(user, token):
        form = ResendVerificationForm()
        return render(request, "accounts/verify_failed.html", {"form": form}, status=400)
    services.user_verify_email(user=user)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    _tell_in(
        request,
        user.preferred_language,
        gettext_lazy("Your e-mail address is verified. Welcome to Tashbeek."),
    )
    return _with_language_cookie(redirect("accounts:profile"), user.preferred_language)


@require_http_methods(["POST"])
def verify_resend(request: HttpRequest) -> HttpResponse:
    form = ResendVerificationForm(request.POST)
    if form.is_valid():
        user = User.objects.filter(
            email__iexact=form.cleaned_data["email"], email_verified_at__isnull=True
        ).first()
        if user is not None:
            services.verification_send(user=user)
    # The same answer whether or not the address has an account: no account enumeration.
    return redirect("accounts:signup_done")


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if address_locked(request):  # many accounts tried from one address
            return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        return _with_language_cookie(response, form.get_user().preferred_language)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class SignOutView(auth_views.LogoutView):
    template_name = "accounts/logged_out.html"


class ResetView(auth_views.PasswordResetView):
    form_class = LocalisedPasswordResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")


class ResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class ResetConfirmView(RevokesTokensOnNewPassword, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@view(methods=FORM)
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            user = services.user_update_profile(
                user=request.user, by=request.user, data=form.cleaned_data
            )
            _tell_in(request, user.preferred_language, gettext_lazy("Your profile is saved."))
            return _with_language_cookie(redirect("accounts:profile"), user.preferred_language)
        request.user.refresh_from_db()
    affiliations = request.user.affiliations.select_related("organisation")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "affiliations": affiliations,
            "mfa_on": mfa_device(request.user) is not None,
        },
        status=400 if form.errors else 200,
    )
