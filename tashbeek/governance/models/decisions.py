"""The decisions register: everything the network decided, numbered per year."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tashbeek.core.i18n import pick

from .bodies import Body


class Decision(models.Model):
    """One entry of the register, numbered per year (2026/014): a meeting's resolution, a
    ballot's outcome, or a membership decision taken in `members` (linked, so its reasons
    and its old free-text meeting reference stay readable). Public, or for members only."""

    class Source(models.TextChoices):
        RESOLUTION = "resolution", _("Meeting resolution")
        BALLOT = "ballot", _("Ballot outcome")
        MEMBERSHIP = "membership", _("Membership decision")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Members only")

    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    decided_on = models.DateField(_("decided on"))
    titles = models.JSONField(_("title"), default=dict)
    texts = models.JSONField(_("text"), default=dict, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    # {"for": 5, "against": 1, "abstain": 0} where there was a vote.
    tally = models.JSONField(_("vote tally"), default=dict, blank=True)
    agenda_item = models.OneToOneField(
        "governance.AgendaItem",
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision",
    )
    ballot = models.OneToOneField(
        "governance.Ballot",
        verbose_name=_("ballot"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision",
    )
    # Where a membership decision was taken (a resolution's meeting is its agenda item's).
    meeting = models.ForeignKey(
        "governance.Meeting",
        verbose_name=_("taken at the meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="register_entries",
    )
    membership_decision = models.OneToOneField(
        "members.MembershipDecision",
        verbose_name=_("membership decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="register_entry",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [
            models.Index(fields=["visibility", "-year", "-number"]),
            models.Index(fields=["body", "-year", "-number"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="decision_number_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("governance:decision", kwargs={"year": self.year, "number": self.number})

    @property
    def reference(self) -> str:
        return f"{self.year}/{self.number:03d}"

    @property
    def title(self) -> str:
        return pick(self.titles) or self.reference

    @property
    def text(self) -> str:
        return pick(self.texts)
