"""Sign-up with verification, sign-in throttling, password reset, profile — e-mails in the
recipient's language."""

import re

import pytest
from django.conf import settings
from django.core import mail

from tashbeek.accounts.models import User
from tashbeek.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_signup_verify_and_sign_in(client, django_capture_on_commit_callbacks):
    data = {
        "full_name": "Hanane Idrissi",
        "email": "Hanane@Aourir.ma",
        "preferred_language": "fr",
        "password1": "un-long-mot-de-passe-2026",
        "password2": "un-long-mot-de-passe-2026",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/accounts/signup/", data, HTTP_ACCEPT_LANGUAGE="ar").status_code == 302
    user = User.objects.get(email="hanane@aourir.ma")
    assert not user.is_active
    (message,) = mail.outbox
    assert (
        message.subject == "Vérifiez votre adresse e-mail pour Tashbeek"
    )  # her language, not the page's
    # The link opens in a browser that reads Arabic; the next page is in French, and so is
    # its welcome message (it was in Arabic on a French page).
    response = client.get(_link(message), HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.email_verified_at
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="fr"' in page
    assert "Votre adresse e-mail est vérifiée" in page
    assert client.get(_link(message)).status_code == 400  # a used link stops working


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": "not-an-address"}, "email"),
        ({"password2": "different-password-1"}, "password2"),
        ({"password1": "123", "password2": "123"}, "password1"),
        ({"full_name": ""}, "full_name"),
        ({"preferred_language": "xx"}, "preferred_language"),
    ],
)
def test_signup_bad_input(client, overrides, field):
    data = {
        "full_name": "A",
        "email": "a@example.org",
        "preferred_language": "ar",
        "password1": "a-long-password-2026",
        "password2": "a-long-password-2026",
        **overrides,
    }
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 400 and field in response.context["form"].errors
    assert not User.objects.exists()


def test_duplicate_address_is_refused(client, resident):
    data = {
        "full_name": "A",
        "email": resident.email.upper(),
        "preferred_language": "ar",
        "password1": "a-long-password-2026",
        "password2": "a-long-password-2026",
    }
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 400 and "email" in response.context["form"].errors


def test_sign_in_sets_the_preferred_language(client):
    UserFactory(email="rana@example.org", preferred_language="he")
    response = client.post(
        "/accounts/login/", {"username": "rana@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "he"


def test_lockout_after_repeated_failures_keyed_on_account_and_address(client):
    UserFactory(email="target@example.org")
    for attempt in range(1, settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(
            "/accounts/login/", {"username": "target@example.org", "password": "wrong"}
        )
        assert response.status_code == (429 if attempt == settings.AXES_FAILURE_LIMIT else 400)
    # Locked: even the right password is refused, with the translated explanation.
    response = client.post(
        "/accounts/login/",
        {"username": "target@example.org", "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 429
    assert b"Trop de tentatives" in response.content
    # The same account from another address is not locked out.
    response = client.post(
        "/accounts/login/",
        {"username": "target@example.org", "password": PASSWORD},
        REMOTE_ADDR="10.9.8.7",
    )
    assert response.status_code == 302


def test_password_reset_mail_in_the_account_language(client):
    UserFactory(email="samer@example.org", preferred_language="ar")
    client.post(
        "/accounts/password/reset/", {"email": "samer@example.org"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    (message,) = mail.outbox
    assert message.subject == "اختر كلمة مرور جديدة لتشبيك"
    link = _link(message)
    response = client.get(link, follow=True)
    assert response.context["validlink"]
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "brand-new-pass-2026", "new_password2": "brand-new-pass-2026"},
    )
    assert response.status_code == 302


def test_password_reset_does_not_reveal_accounts(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302 and mail.outbox == []


def test_passwords_are_hashed_with_argon2(settings):
    from tashbeek.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    user = UserFactory(email="argon@example.org")
    user.set_password("x-long-password")
    assert user.password.startswith("argon2")


def test_profile_update_is_audited(client, resident):
    from tashbeek.core.models import AuditEntry

    client.force_login(resident)
    response = client.post(
        "/accounts/profile/",
        {
            "full_name": "Omar B.",
            "preferred_language": "en",
            "phone": "",
            "notification_frequency": "weekly",
        },
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert AuditEntry.objects.get(action="accounts.user.updated").after["full_name"] == "Omar B."
    resident.refresh_from_db()
    assert resident.notification_frequency == "weekly"
    bad = client.post("/accounts/profile/", {"full_name": "", "preferred_language": "en"})
    assert bad.status_code == 400


def test_spoofed_forwarded_for_neither_escapes_lockout_nor_fakes_the_audit_address(
    client, settings
):
    UserFactory(email="target@example.org")
    for attempt in range(settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(
            "/accounts/login/",
            {"username": "target@example.org", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )
    assert response.status_code == 429  # a new forged address each time did not reset the count


def test_forwarded_for_is_used_when_a_trusted_proxy_sets_it(rf, settings):
    from tashbeek.core.middleware import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="198.51.100.7, 10.0.0.1", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "10.0.0.2"
    settings.TRUST_X_FORWARDED_FOR = True
    assert client_ip(request) == "198.51.100.7"
