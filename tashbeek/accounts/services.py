"""Writes for people: registration, e-mail verification, profile."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tashbeek.core.audit import audit_record, snapshot
from tashbeek.core.mail import send_localised

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
    transaction.on_commit(lambda: verification_send(user=user))
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
