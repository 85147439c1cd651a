"""Meetings of a body: the agenda, attendance per seat, the minutes and what was promised."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tashbeek.core.i18n import Titled, pick
from tashbeek.core.models import PrivateFile
from tashbeek.members.models import Organisation

from .bodies import Body, Seat


class Meeting(models.Model):
    """A meeting of a body. Its time, place, online link, calendar entries and notice are
    those of its event (events.Event of kind "meeting"), so the calendar, the iCal feeds and
    the attendance roll-up include it; the meeting adds what governance needs: numbered agenda
    items, attendance per seat with the quorum, and minutes that are approved then frozen."""

    class Minutes(models.TextChoices):
        DRAFT = "draft", _("Being drafted")
        CIRCULATED = "circulated", _("Circulated to the body")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    event = models.OneToOneField(
        "events.Event", on_delete=models.PROTECT, related_name="governance_meeting"
    )
    number = models.PositiveIntegerField(_("number"))
    minutes_status = models.CharField(
        _("minutes"), max_length=10, choices=Minutes.choices, default=Minutes.DRAFT
    )
    minutes_version = models.PositiveSmallIntegerField(_("minutes version"), default=0)
    minutes_approved_on = models.DateField(_("minutes approved on"), null=True, blank=True)
    # Approved at a later meeting of the body, or (empty) by written procedure.
    minutes_approved_at = models.ForeignKey(
        "self",
        verbose_name=_("approved at the meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["body", "-number"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="meeting_number_per_body")
        ]

    def __str__(self) -> str:
        return f"{self.body} #{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting", kwargs={"pk": self.pk})

    @property
    def minutes_frozen(self) -> bool:
        return self.minutes_status in (self.Minutes.APPROVED, self.Minutes.PUBLISHED)


class AgendaItem(models.Model):
    """A numbered item of a meeting's agenda, with its papers, its rapporteur, the minutes
    written for it and, for an item put to decision, the resolution in the register."""

    class Kind(models.TextChoices):
        INFORMATION = "information", _("For information")
        DISCUSSION = "discussion", _("For discussion")
        DECISION = "decision", _("For decision")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    titles = models.JSONField(_("title"), default=dict)
    rapporteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rapporteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    papers = models.ManyToManyField(
        "library.Document", verbose_name=_("papers"), blank=True, related_name="agenda_items"
    )
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_public = models.BooleanField(
        _("publish these minutes to the public"),
        default=False,
        help_text=_("Otherwise they are published to members only."),
    )

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def title(self) -> str:
        return pick(self.titles) or f"#{self.number}"


class Paper(Titled, PrivateFile):
    """A paper uploaded straight to an agenda item (a draft budget, a report) rather than
    published in the library: checked by content, stored privately, and served by an
    authorised view, to the body's people, or to everyone when marked public."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="uploads")
    titles = models.JSONField(_("title"), default=dict)
    public = models.BooleanField(
        _("public"), default=False, help_text=_("Otherwise only the body's people read it.")
    )

    class Meta:
        ordering = ["item", "uploaded_at", "id"]
        verbose_name = _("paper")
        verbose_name_plural = _("papers")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:paper", kwargs={"pk": self.pk})


class Attendance(models.Model):
    """Whether a seat was present at a meeting (itself or by its substitute), excused or absent."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        SUBSTITUTE = "substitute", _("Represented by the substitute")
        EXCUSED = "excused", _("Excused")
        ABSENT = "absent", _("Absent")

    COUNTS = (Status.PRESENT, Status.SUBSTITUTE)

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "seat"], name="attendance_once_per_seat")
        ]

    def __str__(self) -> str:
        return f"{self.seat} — {self.get_status_display()}"


class MinutesVersion(models.Model):
    """A frozen copy of a meeting's minutes as approved (version 1) or as corrected later
    (version 2, … with the reason): what the body approved can always be read back."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="minutes_versions")
    number = models.PositiveSmallIntegerField(_("version"))
    items = models.JSONField(default=list, blank=True)
    reason = models.TextField(_("reason for the correction"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "-number"]
        verbose_name = _("minutes version")
        verbose_name_plural = _("minutes versions")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="minutes_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} v{self.number}"


class ActionItem(models.Model):
    """Something a meeting asked an organisation (and a person in it) to do by a date."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    texts = models.JSONField(_("action"), default=dict)
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation responsible"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [models.Index(fields=["owner_organisation", "status", "due_on"])]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return pick(self.texts) or f"#{self.pk}"
