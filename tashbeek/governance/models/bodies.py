"""Governing bodies and their seats (one row per term of one holder)."""

import datetime
import math

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tashbeek.core.i18n import pick
from tashbeek.members.models import Organisation


class Body(models.Model):
    """A body of the network: the steering committee, a thematic committee (carried by a
    community), the general assembly of all members, or one the secretariat defines. Its rules
    are data: how many seats, how long a term, who holds a seat (member organisations, as the
    charter's six municipalities, or people), the quorum, and how often it must meet."""

    class Kind(models.TextChoices):
        STEERING = "steering", _("Steering committee")
        THEMATIC = "thematic", _("Thematic committee")
        ASSEMBLY = "assembly", _("General assembly")
        OTHER = "other", _("Other body")

    class Holders(models.TextChoices):
        ORGANISATIONS = "organisations", _("Member organisations")
        PEOPLE = "people", _("People")

    class Quorum(models.TextChoices):
        MORE_THAN_HALF = "half", _("More than half of the seats")
        TWO_THIRDS = "two_thirds", _("Two thirds of the seats")
        ONE_THIRD = "one_third", _("One third of the seats")

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    names = models.JSONField(_("name"), default=dict)
    mandates = models.JSONField(_("mandate"), default=dict, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bodies",
    )
    seats = models.PositiveSmallIntegerField(_("seats"), default=6)
    term_months = models.PositiveSmallIntegerField(_("term (months)"), default=24)
    holders = models.CharField(
        _("seats held by"), max_length=14, choices=Holders.choices, default=Holders.ORGANISATIONS
    )
    quorum = models.CharField(
        _("quorum"), max_length=10, choices=Quorum.choices, default=Quorum.MORE_THAN_HALF
    )
    meets_every_days = models.PositiveSmallIntegerField(
        _("meets at least every (days)"),
        null=True,
        blank=True,
        default=92,
        help_text=_("The charter asks the steering committee to meet every three months."),
    )
    chairs = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("chairs"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "slug"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [models.CheckConstraint(condition=Q(seats__gte=1), name="body_has_seats")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:body", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return pick(self.names) or self.slug

    @property
    def mandate(self) -> str:
        return pick(self.mandates)

    @property
    def seats_follow_membership(self) -> bool:
        """The general assembly of member organisations: every member in good standing holds
        a seat by right (services.assembly_seats_sync), so nobody fills its seats by hand."""
        return self.kind == self.Kind.ASSEMBLY and self.holders == self.Holders.ORGANISATIONS

    def quorum_needed(self, seats: int | None = None) -> int:
        """How many seats must be present: "more than half" of 6 is 4, two thirds of 6 is 4."""
        seats = self.seats if seats is None else seats
        if self.quorum == self.Quorum.TWO_THIRDS:
            return math.ceil(2 * seats / 3)
        if self.quorum == self.Quorum.ONE_THIRD:
            return math.ceil(seats / 3)
        return seats // 2 + 1


class Seat(models.Model):
    """One term on a body of one holder: a member organisation with the person who represents
    it (and a substitute), or a person. Terms are never overwritten: a new holder is a new row,
    so the history stays; a holder leaving early keeps its row with `left_on` and the reason."""

    class FilledBy(models.TextChoices):
        ELECTION = "election", _("Election")
        APPOINTMENT = "appointment", _("Appointment")
        CO_OPTION = "co_option", _("Co-option")
        MEMBERSHIP = "membership", _("By right, as a member")

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="terms")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seats",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("representative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seats",
    )
    substitute = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("substitute"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"), null=True, blank=True)
    filled_by = models.CharField(_("filled by"), max_length=12, choices=FilledBy.choices)
    decision = models.ForeignKey(
        "governance.Decision",
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seats",
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_reason = models.TextField(_("reason for leaving"), blank=True)

    class Meta:
        ordering = ["body", "-starts_on", "id"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        indexes = [models.Index(fields=["body", "left_on", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(person__isnull=False),
                name="seat_has_holder",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="seat_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        holder = self.organisation or self.person
        return f"{self.body} — {holder}"

    @property
    def holder_name(self) -> str:
        return self.organisation.name if self.organisation_id else str(self.person)

    def is_current(self, today: datetime.date) -> bool:
        return (
            self.starts_on <= today
            and self.left_on is None
            and (self.ends_on is None or self.ends_on >= today)
        )


def current_seats_q(today: datetime.date, prefix: str = "") -> Q:
    """The condition for a term running on `today` (`prefix` to reach seats from elsewhere)."""
    return Q(**{f"{prefix}starts_on__lte": today, f"{prefix}left_on__isnull": True}) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": today})
    )
