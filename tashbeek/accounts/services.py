"""Writes for people: registration, e-mail verification, profile, second factor, API tokens."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext
from django_otp import match_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from tashbeek.core.audit import audit_record, snapshot
from tashbeek.core.mail import send_localised, send_with_change

from .models import User
from .tokens import email_verification_token

PROFILE_FIELDS = [
    "full_name",
    "preferred_language",
    "phone",
    "time_zone",
    "notification_frequency",
]


def verification_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = email_verification_token.make_token(user)
    return reverse("accounts:verify", kwargs={"uidb64": uid, "token": token})


def verification_send(*, user: User) -> None:
    """Send (or re-send) the verification link, in the person's language."""
    send_localised(
        to=user.email,
        language=user.preferred_language,
        template="accounts/email/verify",
        context={"user": user, "link": verification_link(user)},
    )


@transaction.atomic
def user_register(*, email: str, full_name: str, password: str, preferred_language: str) -> User:
    """Create an inactive account and e-mail it a verification link; it signs in once verified."""
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name.strip(),
        preferred_language=preferred_language,
        is_active=False,
    )
    audit_record(
        actor=user,
        action="accounts.user.registered",
        obj=user,
        after=snapshot(user, ["email", *PROFILE_FIELDS]),
    )
    send_with_change(lambda: verification_send(user=user))
    return user


@transaction.atomic
def user_verify_email(*, user: User) -> User:
    """Mark the address verified and activate the account."""
    before = {"email_verified_at": None, "is_active": user.is_active}
    user.email_verified_at = timezone.now()
    user.is_active = True
    user.save(update_fields=["email_verified_at", "is_active"])
    audit_record(
        actor=user,
        action="accounts.user.verified",
        obj=user,
        before=before,
        after=snapshot(user, ["email_verified_at", "is_active"]),
    )
    return user


@transaction.atomic
def user_update_profile(*, user: User, by: User, data: dict) -> User:
    """Change name, preferred language, phone, time zone and notification e-mails."""
    before = snapshot(user, PROFILE_FIELDS)
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(user, field, data[field])
    user.save(update_fields=[f for f in PROFILE_FIELDS if f in data])
    audit_record(
        actor=by,
        action="accounts.user.updated",
        obj=user,
        before=before,
        after=snapshot(user, PROFILE_FIELDS),
    )
    return user


# Second factor ---------------------------------------------------------------------------

RECOVERY_CODES = 10


@transaction.atomic
def mfa_setup_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator key (an earlier unconfirmed one is replaced)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=gettext("Authenticator app"), confirmed=False)


@transaction.atomic
def mfa_setup_confirm(*, user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the key with a code from the app; returns fresh recovery codes (shown once),
    or None when the code is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
    if not device.verify_token(code.strip().replace(" ", "")):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = recovery_codes_renew(user=user)
    audit_record(actor=user, action="accounts.user.mfa_enabled", obj=user)
    return codes


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """Ten single-use recovery codes; the earlier ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=gettext("Recovery codes"))
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def mfa_check(*, user: User, code: str) -> Device | None:
    """The device that accepts this code (an app code, or a recovery code, used up)."""
    code = code.strip().replace(" ", "").lower()
    device = match_token(user, code)
    if isinstance(device, StaticDevice):
        audit_record(actor=user, action="accounts.user.mfa_recovery_used", obj=user)
    return device


# Passwords and API tokens -----------------------------------------------------------------


@transaction.atomic
def password_changed(*, user: User) -> None:
    """After a new password (changed or reset): every API token stops working."""
    dropped, _kinds = AuthToken.objects.filter(user=user).delete()
    audit_record(
        actor=user, action="accounts.user.password_changed", obj=user, after={"tokens": dropped}
    )


@transaction.atomic
def token_create(*, user: User) -> tuple[AuthToken, str]:
    """A new API token; its secret is returned once and stored only as a hash."""
    instance, secret = AuthToken.objects.create(user=user)
    audit_record(
        actor=user,
        action="accounts.token.created",
        obj=user,
        after={"token": instance.token_key, "expires": instance.expiry.isoformat()},
    )
    return instance, secret


@transaction.atomic
def token_revoke(*, user: User, token_key: str) -> bool:
    """Revoke one of the person's own tokens (by the prefix shown in the list)."""
    dropped, _kinds = AuthToken.objects.filter(user=user, token_key=token_key).delete()
    if dropped:
        audit_record(
            actor=user, action="accounts.token.revoked", obj=user, after={"token": token_key}
        )
    return bool(dropped)
