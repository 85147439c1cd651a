"""Workshops, webinars, study visits and other events, with registration and attendance."""

import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tashbeek.communities.models import Community
from tashbeek.core.dates import TIME_ZONES, ZonedDateTime, in_zone
from tashbeek.core.fields import latitude_field, longitude_field
from tashbeek.core.i18n import pick
from tashbeek.members.models import Organisation


class Event(models.Model):
    """An event organised by a community (or by the secretariat when `community` is empty).
    Times are stored in UTC and shown in the event's own time zone; the online link is shown
    only to people with a confirmed registration."""

    class Kind(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        WEBINAR = "webinar", _("Webinar")
        DIALOGUE = "dialogue", _("Dialogue event")
        STUDY_VISIT = "study_visit", _("Study visit")
        CONFERENCE = "conference", _("Conference")
        MEETING = "meeting", _("Meeting")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    titles = models.JSONField(_("title"), default=dict)
    descriptions = models.JSONField(_("description"), default=dict, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    community = models.ForeignKey(
        Community,
        verbose_name=_("organised by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Africa/Casablanca",
        choices=[(t, t) for t in TIME_ZONES],
    )
    mode = models.CharField(_("format"), max_length=10, choices=Mode.choices)
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    ask_contribution = models.BooleanField(
        _("ask participants to bring an experience or a challenge"), default=False
    )
    report = models.TextField(_("minutes and outcomes"), blank=True)
    # The schedule's revision (RFC 5545 SEQUENCE): raised when the time, the place or the
    # link changes, so a calendar that has the event replaces it with the new .ics.
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return pick(self.titles) or f"#{self.pk}"

    @property
    def description(self) -> str:
        return pick(self.descriptions)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self) -> ZonedDateTime:
        """The start as wall-clock time in the event's zone (templates keep it there)."""
        return in_zone(self.starts_at, self.zone)

    @property
    def local_end(self) -> ZonedDateTime:
        return in_zone(self.ends_at, self.zone)


class AgendaItem(models.Model):
    """A slot of the programme with its speakers (people on the platform or external names)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    time = models.TimeField(_("time"), null=True, blank=True)
    title = models.CharField(_("item"), max_length=255)
    speakers = models.CharField(_("speakers and experts"), max_length=255, blank=True)

    class Meta:
        ordering = ["position", "time", "id"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    """A person's place at an event: confirmed, on the waitlist (in `queued_at` order) or
    cancelled. One row per person and event; registering again reuses it."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    contribution = models.TextField(_("experience or challenge you bring"), blank=True)
    experience = models.ForeignKey(
        "experiences.Experience",
        verbose_name=_("experience you bring"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    queued_at = models.DateTimeField(_("registered"))
    attended = models.BooleanField(_("attended"), default=False)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["queued_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="registration_once")]
        indexes = [models.Index(fields=["event", "status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.user} → {self.event} ({self.status})"
