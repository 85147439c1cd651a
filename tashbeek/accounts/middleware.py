"""Privileged sessions (secretariat, steering committee, operator): a second factor before
anything else, and sessions that end at browser close, after idle time, and after a day's
work at most. Token requests to the API are not sessions: their token was issued only
after the second factor (accounts.api)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from tashbeek.core.permissions import is_privileged

# Paths a privileged person may reach before the second factor: the factor itself, leaving,
# the language switch and static files.
OPEN_PREFIXES = ("/accounts/mfa/", "/accounts/logout/", "/i18n/", "/static/", "/healthz")


def privileged_session_start(sender, request, user, **kwargs) -> None:
    """At sign-in (`user_logged_in`): a privileged session starts its clocks and gets a
    cookie that ends with the browser, so its pages need no session write later."""
    if request is None or not is_privileged(user):
        return
    now = int(time.time())
    request.session["privileged_since"] = now
    request.session["privileged_seen"] = now
    request.session.set_expiry(0)


class PrivilegedSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and is_privileged(user):
            refused = self._expired(request) or self._unverified(request)
            if refused is not None:
                return refused
        return self.get_response(request)

    def _expired(self, request):
        now = int(time.time())
        session = request.session
        started = session.get("privileged_since", now)
        if "privileged_since" not in session:
            session["privileged_since"] = now
        seen = session.get("privileged_seen", now)
        idle = now - seen > settings.PRIVILEGED_IDLE_MINUTES * 60
        too_long = now - started > settings.PRIVILEGED_SESSION_HOURS * 3600
        if idle or too_long:
            logout(request)
            messages.info(request, _("Your session ended; please sign in again."))
            return redirect(f"{reverse('accounts:login')}?{urlencode({'next': request.path})}")
        # Written at most once a minute, so a privileged page costs no session write.
        if now - seen >= 60 or "privileged_seen" not in session:
            session["privileged_seen"] = now
        if session.get("_session_expiry") != 0:
            session.set_expiry(0)  # the cookie ends with the browser
        return None

    def _unverified(self, request):
        if not settings.MFA_REQUIRED or request.user.is_verified():
            return None
        if request.path.startswith(OPEN_PREFIXES):
            return None
        message = _("Confirm your sign-in with your second factor first.")
        if request.path.startswith("/api/"):
            body = {"status": 403, "code": "second_factor_required", "message": message}
            return JsonResponse({"error": body}, status=403)
        return redirect(f"{reverse('accounts:mfa')}?{urlencode({'next': request.get_full_path()})}")
