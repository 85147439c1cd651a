"""Dues: a yearly fee schedule proportional to population (and means), each member's due
for the year, and the payments against it. Money is integer minor units plus a currency."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .organisations import Organisation


class FeeSchedule(models.Model):
    """The secretariat's fee rules for one year: a rate per inhabitant between a floor and a
    cap, or fixed amounts per population band; reductions for means apply before the floor
    and cap, so no member pays less than the floor or more than the cap."""

    class Method(models.TextChoices):
        PER_INHABITANT = "per_inhabitant", _("Rate per inhabitant")
        BANDS = "bands", _("Population bands")

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    rate_per_inhabitant = models.DecimalField(
        _("rate per inhabitant (minor units)"),
        max_digits=12,
        decimal_places=4,
        default=0,
        validators=[MinValueValidator(0)],
    )
    floor_minor = models.PositiveBigIntegerField(_("floor (minor units)"), default=0)
    cap_minor = models.PositiveBigIntegerField(_("cap (minor units)"), null=True, blank=True)
    due_on = models.DateField(_("due date"))
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("fee schedule")
        verbose_name_plural = _("fee schedules")
        constraints = [
            models.CheckConstraint(
                condition=Q(cap_minor__isnull=True) | Q(cap_minor__gte=models.F("floor_minor")),
                name="fee_schedule_cap_above_floor",
            )
        ]

    def __str__(self) -> str:
        return str(self.year)


class FeeBand(models.Model):
    """A population band of a schedule: members with `min_population` ≤ population ≤
    `max_population` (no upper limit when empty) owe `amount_minor`."""

    schedule = models.ForeignKey(FeeSchedule, on_delete=models.CASCADE, related_name="bands")
    min_population = models.PositiveIntegerField(_("from (inhabitants)"))
    max_population = models.PositiveIntegerField(_("to (inhabitants)"), null=True, blank=True)
    amount_minor = models.PositiveBigIntegerField(_("amount (minor units)"))

    class Meta:
        ordering = ["schedule", "min_population"]
        verbose_name = _("population band")
        verbose_name_plural = _("population bands")

    def __str__(self) -> str:
        return f"{self.min_population}–{self.max_population or '∞'}"


class FeeReduction(models.Model):
    """A reduction for means: members of a country and/or kind pay `factor` × the fee."""

    schedule = models.ForeignKey(FeeSchedule, on_delete=models.CASCADE, related_name="reductions")
    country = CountryField(_("country"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Organisation.Kind.choices, blank=True)
    factor = models.DecimalField(
        _("factor"),
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )

    class Meta:
        verbose_name = _("reduction")
        verbose_name_plural = _("reductions")

    def __str__(self) -> str:
        return f"{self.country or '*'}/{self.kind or '*'} × {self.factor}"


class Due(models.Model):
    """What one member owes for one year, frozen at generation with the population used.
    `paid_minor` is kept in step with the payments by members.services in one transaction."""

    class Status(models.TextChoices):
        DUE = "due", _("Due")
        PARTLY_PAID = "partly_paid", _("Partly paid")
        PAID = "paid", _("Paid")
        WAIVED = "waived", _("Waived")
        OVERDUE = "overdue", _("Overdue")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("member"), on_delete=models.PROTECT, related_name="dues"
    )
    schedule = models.ForeignKey(
        FeeSchedule, verbose_name=_("year"), on_delete=models.PROTECT, related_name="dues"
    )
    amount_minor = models.PositiveBigIntegerField(_("amount (minor units)"))
    currency = models.CharField(_("currency"), max_length=3)
    paid_minor = models.PositiveBigIntegerField(_("paid (minor units)"), default=0)
    population_used = models.PositiveIntegerField(_("population used"), null=True, blank=True)
    factor_used = models.DecimalField(max_digits=4, decimal_places=3, default=1)
    due_on = models.DateField(_("due date"))
    waived = models.BooleanField(_("waived"), default=False)
    waived_reason = models.TextField(_("reason for the waiver"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-schedule__year", "organisation__sort_name"]
        verbose_name = _("due")
        verbose_name_plural = _("dues")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "schedule"], name="due_once_a_year"),
            models.CheckConstraint(
                condition=Q(paid_minor__lte=models.F("amount_minor")), name="due_not_overpaid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.schedule.year}"

    @property
    def balance_minor(self) -> int:
        return 0 if self.waived else self.amount_minor - self.paid_minor

    def status_on(self, today: datetime.date) -> str:
        if self.waived:
            return self.Status.WAIVED
        if self.paid_minor >= self.amount_minor:
            return self.Status.PAID
        if today > self.due_on:
            return self.Status.OVERDUE
        return self.Status.PARTLY_PAID if self.paid_minor else self.Status.DUE

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)


class Payment(models.Model):
    """A payment (possibly partial) against a due."""

    due = models.ForeignKey(Due, on_delete=models.PROTECT, related_name="payments")
    amount_minor = models.PositiveBigIntegerField(
        _("amount (minor units)"), validators=[MinValueValidator(1)]
    )
    paid_on = models.DateField(_("payment date"))
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["paid_on", "id"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.CheckConstraint(condition=Q(amount_minor__gte=1), name="payment_positive")
        ]

    def __str__(self) -> str:
        return f"{self.amount_minor} {self.due.currency} — {self.paid_on}"
