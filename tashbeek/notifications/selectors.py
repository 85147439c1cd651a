"""Reads of notifications: a person only ever sees their own."""

from django.db.models import QuerySet

from tashbeek.accounts.models import User
from tashbeek.accounts.web import Reader

from .models import Notification


def notifications_for(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user)


def unread_count(user: Reader) -> int:
    if not isinstance(user, User):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
