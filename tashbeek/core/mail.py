"""E-mail in the recipient's language: subject and body are rendered under that language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def send_localised(
    *,
    to: str,
    language: str | None,
    template: str,
    context: dict,
    reply_to: str | None = None,
    attachments: list[tuple[str, bytes, str]] = (),
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
