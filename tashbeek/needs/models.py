"""Needs (challenges a member wants help with) and offers of expertise (what a member or
partner can help others with). Both feed matchmaking."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tashbeek.core.models import Theme
from tashbeek.members.models import Organisation

LANGUAGE_CHOICES = settings.LANGUAGES


class Need(models.Model):
    """A challenge posted by an organisation: "we have this problem, who solved it?".
    Open needs are matched against experiences, documents and peers; their authors are told
    when a newly published experience matches."""

    class Urgency(models.TextChoices):
        LOW = "low", _("Not urgent")
        MEDIUM = "medium", _("Within months")
        HIGH = "high", _("Urgent")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        SOLVED = "solved", _("Solved")
        CLOSED = "closed", _("Closed")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        MEMBERS = "members", _("Signed-in members")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="needs"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10_000)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    visibility = models.CharField(
        _("who can see it"), max_length=10, choices=Visibility.choices, default="members"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("needs:detail", kwargs={"pk": self.pk})


class Offer(models.Model):
    """Expertise an organisation offers to peers (a service, a method, a visit)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="offers",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=10_000)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    active = models.BooleanField(_("still offered"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("offer of expertise")
        verbose_name_plural = _("offers of expertise")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("needs:offer", kwargs={"pk": self.pk})
