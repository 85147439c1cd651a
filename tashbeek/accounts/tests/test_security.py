"""Accounts and sessions (issue 20.6): a second factor for the privileged roles, short
privileged sessions, API tokens that expire, differ at every sign-in, can be listed and
revoked and die with the password, a limit per address across accounts, API throttling,
and e-mail addresses without case."""

import time

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken
from rest_framework.test import APIClient

from tashbeek.core.models import AuditEntry
from tashbeek.tests.factories import PASSWORD, UserFactory, api_token

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"


@pytest.fixture
def mfa_on(settings):
    settings.MFA_REQUIRED = True


def _set_up(client, user) -> list[str]:
    """Sign in and set up the authenticator through the pages; returns the recovery codes."""
    client.force_login(user)
    client.get("/accounts/mfa/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post("/accounts/mfa/", {"code": _code(device), "next": "/members/"})
    assert done.status_code == 200
    return done.context["codes"]


def test_the_secretariat_sets_up_a_second_factor_before_anything_else(mfa_on, client, secretariat):
    client.force_login(secretariat)
    first = client.get("/members/applications/")
    assert first.status_code == 302
    assert first["Location"].startswith("/accounts/mfa/?next=")
    setup = client.get("/accounts/mfa/")
    assert setup.status_code == 200 and len(setup.context["secret"].replace(" ", "")) >= 32
    assert setup.context["qr"].startswith("data:image/svg+xml")
    wrong = client.post("/accounts/mfa/", {"code": "000000"})
    assert wrong.status_code == 400
    device = TOTPDevice.objects.get(user=secretariat, confirmed=False)
    device.throttle_reset()  # a wrong code holds the next try back for a second
    done = client.post("/accounts/mfa/", {"code": _code(device), "next": "/members/"})
    assert done.status_code == 200 and len(set(done.context["codes"])) == 10
    assert client.get("/members/applications/").status_code == 200
    assert AuditEntry.objects.filter(action="accounts.user.mfa_enabled").exists()


def test_every_later_sign_in_asks_for_the_code_or_a_recovery_code_once(
    mfa_on, client, committee_member
):
    codes = _set_up(client, committee_member)
    client.logout()
    client.force_login(committee_member)
    assert client.get("/members/")["Location"].startswith("/accounts/mfa/")
    assert client.get("/accounts/mfa/").templates[0].name == "accounts/mfa_verify.html"
    used = client.post("/accounts/mfa/", {"code": codes[0].upper(), "next": "/members/"})
    assert used.status_code == 302 and used["Location"] == "/members/"
    client.logout()
    client.force_login(committee_member)
    again = client.post("/accounts/mfa/", {"code": codes[0], "next": "/members/"})
    assert again.status_code == 400  # each recovery code works once
    device = TOTPDevice.objects.get(user=committee_member, confirmed=True)
    device.last_t = -1  # the same 30-second window may be used again in this test
    device.throttle_reset(commit=False)  # the refused code held the next try back a second
    device.save()
    assert client.post("/accounts/mfa/", {"code": _code(device)}).status_code == 302


def test_an_unverified_privileged_session_gets_no_api_and_others_are_not_asked(
    mfa_on, client, secretariat, resident
):
    client.force_login(secretariat)
    refused = client.get("/api/v1/applications/")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "second_factor_required"
    client.force_login(resident)
    assert client.get("/members/").status_code == 200
    assert client.get("/accounts/mfa/").status_code == 403


def test_privileged_sessions_end_when_idle_and_with_the_browser(mfa_on, client, secretariat):
    _set_up(client, secretariat)
    page = client.get("/members/")
    assert page.status_code == 200
    cookie = page.cookies.get("sessionid")
    assert cookie is None or not cookie["max-age"]  # a browser-session cookie
    session = client.session
    session["privileged_seen"] = int(time.time()) - 31 * 60
    session.save()
    ended = client.get("/members/")
    assert ended.status_code == 302 and ended["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_api_tokens_differ_per_sign_in_expire_and_are_listed_and_revoked(client, resident):
    api = APIClient()
    credentials = {"username": resident.email.upper(), "password": PASSWORD}
    first = api.post("/api/v1/auth/token/", credentials).json()
    second = api.post("/api/v1/auth/token/", credentials).json()
    assert first["token"] != second["token"] and first["expiry"]
    one, two = (APIClient(HTTP_AUTHORIZATION=f"Token {t['token']}") for t in (first, second))
    assert one.get("/api/v1/organisations/").status_code == 200
    listed = one.get("/api/v1/auth/tokens/").json()
    assert len(listed) == 2 and all("digest" not in row for row in listed)
    prefix = first["token"][: len(listed[0]["token_key"])]
    assert two.delete(f"/api/v1/auth/tokens/{prefix}/").status_code == 204
    assert one.get("/api/v1/auth/tokens/").status_code == 401
    AuthToken.objects.filter(user=resident).update(expiry=timezone.now())
    assert two.get("/api/v1/auth/tokens/").status_code == 401


def test_a_password_change_revokes_every_token(client, resident):
    header = api_token(resident)
    api = APIClient(HTTP_AUTHORIZATION=header)
    assert api.get("/api/v1/auth/tokens/").status_code == 200
    client.force_login(resident)
    changed = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-long-passphrase-2027",
            "new_password2": "a-new-long-passphrase-2027",
        },
    )
    assert changed.status_code == 302
    assert api.get("/api/v1/auth/tokens/").status_code == 401
    assert not AuthToken.objects.filter(user=resident).exists()
    assert client.get("/accounts/profile/").status_code == 200  # this session goes on


def test_the_profile_page_makes_and_revokes_tokens(client, resident):
    client.force_login(resident)
    made = client.post("/accounts/tokens/")
    assert made.status_code == 201 and made.context["created"]
    key = AuthToken.objects.get(user=resident).token_key
    assert client.post(f"/accounts/tokens/{key}/revoke/").status_code == 302
    assert not AuthToken.objects.filter(user=resident).exists()


def test_a_privileged_token_needs_the_second_factor(mfa_on, client, secretariat):
    api = APIClient()
    credentials = {"username": secretariat.email, "password": PASSWORD}
    assert api.post("/api/v1/auth/token/", credentials).status_code == 403  # no device yet
    _set_up(client, secretariat)
    assert api.post("/api/v1/auth/token/", credentials).status_code == 403  # no code
    device = TOTPDevice.objects.get(user=secretariat, confirmed=True)
    device.last_t = -1
    device.save()
    issued = api.post("/api/v1/auth/token/", {**credentials, "otp": _code(device)})
    assert issued.status_code == 200 and issued.json()["token"]


def test_sign_in_ignores_the_case_of_the_address(client, resident):
    response = client.post(
        "/accounts/login/", {"username": resident.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(resident.pk)


def test_one_address_trying_many_accounts_is_locked_out(client, settings):
    settings.ADDRESS_FAILURE_LIMIT = 6
    people = [UserFactory(email=f"person{n}@example.org") for n in range(8)]
    for person in people[:6]:
        wrong = client.post("/accounts/login/", {"username": person.email, "password": "nope"})
        assert wrong.status_code == 400  # each account tried once: no pair is locked
    locked = client.post("/accounts/login/", {"username": people[7].email, "password": PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_api_throttles_token_requests(monkeypatch, resident):
    from rest_framework.throttling import ScopedRateThrottle

    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"token": "3/min"})
    api = APIClient()
    answers = [
        api.post("/api/v1/auth/token/", {"username": resident.email, "password": "x"}).status_code
        for _ in range(5)
    ]
    assert answers == [400, 400, 400, 429, 429]


def test_a_password_reset_revokes_every_token_too(client, resident):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    api = APIClient(HTTP_AUTHORIZATION=api_token(resident))
    uid = urlsafe_base64_encode(force_bytes(resident.pk))
    link = f"/accounts/password/reset/{uid}/{default_token_generator.make_token(resident)}/"
    form = client.get(link, follow=True)
    new = "another-long-passphrase-2027"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert api.get("/api/v1/auth/tokens/").status_code == 401
