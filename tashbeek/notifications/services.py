"""Telling people: one in-app notification per recipient, and an e-mail in the recipient's
own language sent once the transaction has committed (so a rolled-back change tells no one)."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone, translation

from tashbeek.core.mail import send_localised

from .models import Notification


def notify(
    *,
    users: Iterable,
    action: str,
    message: str,
    context: dict | None = None,
    url: str = "",
    email: bool = True,
) -> list[Notification]:
    """Notify each distinct user. `message` is an English source string marked with
    gettext_noop, with %(name)s parameters taken from `context`."""
    context = context or {}
    recipients = {user.pk: user for user in users if user is not None}.values()
    created = Notification.objects.bulk_create(
        Notification(user=user, action=action, message=message, context=context, url=url)
        for user in recipients
    )
    if email:
        for user in recipients:
            transaction.on_commit(lambda user=user: _send(user, message, context, url))
    return created


def _send(user, message: str, context: dict, url: str) -> None:
    with translation.override(user.preferred_language or None):
        text = Notification(message=message, context=context).text
    send_localised(
        to=user.email,
        language=user.preferred_language,
        template="notifications/email",
        context={"text": text, "url": url, "user": user},
    )


def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark some (or all) of a person's notifications read; returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
