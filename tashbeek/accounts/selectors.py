"""Reads for people."""

from base64 import b32encode

from django.db.models import QuerySet
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from tashbeek.accounts.web import Reader

from .models import User


def user_from_uid(uidb64: str) -> User | None:
    try:
        return User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None


def mfa_device(user: Reader) -> TOTPDevice | None:
    """The person's confirmed authenticator, if they set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_mfa_device(user: Reader) -> TOTPDevice | None:
    """The authenticator key being set up (not yet confirmed with a code)."""
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


def mfa_secret(device: TOTPDevice) -> str:
    """The key as people type it into an app: base32, in groups of four."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def tokens_of(user: Reader) -> QuerySet[AuthToken]:
    return AuthToken.objects.filter(user=user).order_by("-created")
