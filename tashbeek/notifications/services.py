"""Telling people: one in-app notification per recipient, and an e-mail in the recipient's
own language sent once the transaction has committed (so a rolled-back change tells no one)."""

from collections.abc import Callable, Iterable
from functools import partial

from django.db import transaction
from django.utils import timezone, translation

from tashbeek.accounts.models import User
from tashbeek.core.mail import send_localised, send_with_change

from .models import Notification


def notify(
    *,
    users: Iterable,
    action: str,
    message: str,
    context: dict | None = None,
    url: str = "",
    email: bool = True,
    mail: Callable[[User], dict] | None = None,
) -> list[Notification]:
    """Notify each distinct user. `message` is an English source string marked with
    gettext_noop, with %(name)s parameters taken from `context`.

    `mail(user)` may give the e-mail sent to people who want theirs at once, instead of the
    generic one: `send_localised` arguments (template, context, attachments) for that person
    (an event's confirmation with its .ics in their language). Digest readers get the
    notification's text in their digest; people who want no e-mail get none."""
    context = context or {}
    recipients = {user.pk: user for user in users if user is not None}.values()
    digest = (User.Frequency.DAILY, User.Frequency.WEEKLY)
    created = Notification.objects.bulk_create(
        Notification(
            user=user,
            action=action,
            message=message,
            context=context,
            url=url,
            in_digest=email and user.notification_frequency in digest,
        )
        for user in recipients
    )
    if email:
        for user in recipients:
            if user.notification_frequency == User.Frequency.IMMEDIATE:
                send_with_change(partial(_send, user, message, context, url, mail))
    return created


def _send(
    user: User,
    message: str,
    context: dict,
    url: str,
    mail: Callable[[User], dict] | None = None,
) -> None:
    if mail is not None:
        send_localised(to=user.email, language=user.preferred_language, **mail(user))
        return
    with translation.override(user.preferred_language or None):
        text = Notification(message=message, context=context).text
    send_localised(
        to=user.email,
        language=user.preferred_language,
        template="notifications/email",
        context={"text": text, "url": url, "user": user},
    )


def notifications_mark_read(*, user: User, ids: Iterable[int] | None = None) -> int:
    """Mark some (or all) of a person's notifications read; returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())


def digests_send(*, frequency: str) -> int:
    """E-mail each person on this digest frequency what they were told since their last
    digest, in one message in their language. Returns the number of e-mails sent."""
    sent = 0
    people = User.objects.filter(
        notification_frequency=frequency, notifications__in_digest=True, is_active=True
    ).distinct()
    for user in people:
        with transaction.atomic():
            waiting = list(
                Notification.objects.select_for_update()
                .filter(user=user, in_digest=True)
                .order_by("created_at")
            )
            if not waiting:
                continue
            with translation.override(user.preferred_language or None):
                items = [{"text": n.text, "url": n.url, "time": n.created_at} for n in waiting]
            Notification.objects.filter(pk__in=[n.pk for n in waiting]).update(in_digest=False)
            send_with_change(
                partial(
                    send_localised,
                    to=user.email,
                    language=user.preferred_language,
                    template="notifications/digest",
                    context={"items": items, "user": user, "frequency": frequency},
                )
            )
        sent += 1
    return sent
