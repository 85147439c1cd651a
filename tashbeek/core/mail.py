"""E-mail in the recipient's language: subject and body are rendered under that language,
and written to the outbox (core.outbox) as part of the change that caused it."""

from collections.abc import Callable, Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def send_localised(
    *,
    to: str,
    language: str | None,
    template: str,
    context: dict,
    reply_to: str | None = None,
    attachments: Sequence[tuple[str, bytes, str]] = (),
) -> None:
    """Render `<template>_subject.txt` and `<template>.txt` in `language` and send them."""
    language = language or settings.LANGUAGE_CODE
    with translation.override(language):
        ctx = {"site_url": settings.SITE_URL, "language": language, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", ctx).split())
        body = render_to_string(f"{template}.txt", ctx)
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=[reply_to] if reply_to else None,
        headers={"Content-Language": language},
    )
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()


OUTBOX = "mailer.backend.DbBackend"


def send_with_change(send: Callable[[], None]) -> None:
    """Send e-mail as part of the current change. Into the outbox, inside the transaction:
    it is kept or rolled back with the change, and no mail server is spoken to during the
    request. With a backend that delivers at once (the tests' locmem, the console), after
    commit instead, so a rolled-back change still tells no one."""
    if settings.EMAIL_BACKEND == OUTBOX:
        send()
    else:
        transaction.on_commit(send)
