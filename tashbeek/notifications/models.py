"""In-app notifications (the e-mail copy is sent by notifications.services)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tashbeek.core.i18n import pick
from tashbeek.core.money import format_money


def money_param(minor: int, currency: str) -> dict:
    """An amount for a notification's context, formatted when it is read."""
    return {"minor": minor, "currency": currency}


def date_param(day: datetime.date) -> dict:
    """A date for a notification's context, written as the reader's locale writes dates."""
    return {"date": day.isoformat()}


def in_reader_terms(value):
    """A context parameter as the reader expects it: a text in several languages
    ({"ar": …, "he": …}: an organisation's names) in theirs, an amount or a date in their
    locale."""
    if isinstance(value, dict):
        if set(value) == {"minor", "currency"}:
            return format_money(value["minor"], value["currency"])
        if set(value) == {"date"}:
            return date_format(datetime.date.fromisoformat(value["date"]), "SHORT_DATE_FORMAT")
        return pick(value)
    return value


class Notification(models.Model):
    """Something a person should know about. The message is kept as its English source
    string (marked with gettext_noop where it is raised) plus parameters, so each reader
    sees it in the language they read in, not the one the sender used; names are kept in all
    their languages ({"ar": …, "fr": …}) for the same reason."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    action = models.CharField(_("action"), max_length=100)
    message = models.CharField(_("message"), max_length=255)
    context = models.JSONField(_("details"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # Waiting for the person's daily or weekly digest e-mail.
    in_digest = models.BooleanField(_("waiting for the digest"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["user", "read_at", "-created_at"]),
            models.Index(
                fields=["user"], condition=models.Q(in_digest=True), name="notification_digest"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The message in the active language, its parameters too (`in_reader_terms`)."""
        context = {key: in_reader_terms(value) for key, value in (self.context or {}).items()}
        try:
            return gettext(self.message) % context
        except (KeyError, TypeError, ValueError):
            return gettext(self.message)
