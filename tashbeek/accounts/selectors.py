"""Reads for people."""

from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode

from .models import User


def user_from_uid(uidb64: str) -> User | None:
    try:
        return User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None
