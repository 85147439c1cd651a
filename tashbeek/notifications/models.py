"""In-app notifications (the e-mail copy is sent by notifications.services)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """Something a person should know about. The message is kept as its English source
    string (marked with gettext_noop where it is raised) plus parameters, so each reader
    sees it in the language they read in, not the one the sender used."""

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
        try:
            return gettext(self.message) % self.context
        except (KeyError, TypeError, ValueError):
            return gettext(self.message)
