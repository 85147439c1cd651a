"""Joint tenders: a lead authority buys for several; each participating authority declares
its quantities per item by a deadline (demand aggregation); then the tender's timeline,
the award per lot and each authority's contract for its part. Exported as OCDS."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tashbeek.core.i18n import Titled
from tashbeek.members.models import Organisation


class Tender(Titled, models.Model):
    """A joint procurement. The stages follow OCDS's tender statuses: planning (demand is
    collected), active (published, clarification, bids due, evaluation), complete (awarded),
    cancelled."""

    class Stage(models.TextChoices):
        DEMAND = "demand", _("Collecting quantities")
        PUBLISHED = "published", _("Published")
        EVALUATION = "evaluation", _("Bids under evaluation")
        AWARDED = "awarded", _("Awarded")
        CANCELLED = "cancelled", _("Cancelled")

    lead = models.ForeignKey(
        Organisation,
        verbose_name=_("lead authority"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    titles = models.JSONField(_("title"), default=dict)
    texts = models.JSONField(_("description"), default=dict, blank=True)
    participants = models.ManyToManyField(
        Organisation, verbose_name=_("participating authorities"), related_name="+"
    )
    currency = models.CharField(_("currency"), max_length=3)
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices, default=Stage.DEMAND)
    demand_deadline = models.DateTimeField(_("quantities due by"))
    # The lead authority's zone: the deadline and the bids' due time are shown in it.
    time_zone = models.CharField(_("time zone"), max_length=64, default=settings.TIME_ZONE)
    published_on = models.DateField(_("published"), null=True, blank=True)
    clarification_until = models.DateField(_("questions until"), null=True, blank=True)
    bids_due = models.DateTimeField(_("bids due"), null=True, blank=True)
    evaluation_until = models.DateField(_("evaluation until"), null=True, blank=True)
    awarded_on = models.DateField(_("awarded"), null=True, blank=True)
    stage_reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("joint tender")
        verbose_name_plural = _("joint tenders")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("cooperation:tender", kwargs={"pk": self.pk})


class Lot(Titled, models.Model):
    """A part of the tender awarded on its own."""

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="lots")
    number = models.PositiveSmallIntegerField(_("lot"))
    titles = models.JSONField(_("title"), default=dict)

    class Meta:
        ordering = ["tender", "number"]
        verbose_name = _("lot")
        verbose_name_plural = _("lots")
        constraints = [models.UniqueConstraint(fields=["tender", "number"], name="lot_number_once")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Item(Titled, models.Model):
    """Something bought, in a unit; each authority declares how many it needs."""

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="items")
    titles = models.JSONField(_("item"), default=dict)
    unit = models.CharField(_("unit"), max_length=40)
    unit_estimate_minor = models.PositiveBigIntegerField(
        _("estimated unit price (minor units)"), null=True, blank=True
    )

    class Meta:
        ordering = ["lot", "id"]
        verbose_name = _("item")
        verbose_name_plural = _("items")

    def __str__(self) -> str:
        return self.title


class Demand(models.Model):
    """An authority's quantity of an item; one row per authority and item (a new
    declaration before the deadline replaces its quantity)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="demands")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("authority"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=2)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    declared_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["item", "organisation_id"]
        verbose_name = _("declared quantity")
        verbose_name_plural = _("declared quantities")
        constraints = [
            models.UniqueConstraint(fields=["item", "organisation"], name="one_demand_each"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="demand_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.quantity} {self.item.unit}"


class Award(models.Model):
    """A lot awarded to a supplier for an amount; each authority's contract is its part."""

    lot = models.OneToOneField(Lot, on_delete=models.CASCADE, related_name="award")
    supplier = models.ForeignKey(
        Organisation, verbose_name=_("supplier"), on_delete=models.PROTECT, related_name="+"
    )
    amount_minor = models.PositiveBigIntegerField(_("amount (minor units)"))
    awarded_on = models.DateField(_("awarded"))

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self) -> str:
        return f"{self.lot} → {self.supplier}"


class Contract(models.Model):
    """An authority's contract under an award: its part of the amount, in proportion to the
    estimated value of what it declared (quantity × estimated unit price, or the quantity
    where no price is estimated), by largest remainder, so the parts sum to the award."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="contracts")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("authority"), on_delete=models.PROTECT, related_name="+"
    )
    amount_minor = models.PositiveBigIntegerField(_("amount (minor units)"))

    class Meta:
        ordering = ["award", "organisation_id"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.UniqueConstraint(fields=["award", "organisation"], name="one_contract_each")
        ]

    def __str__(self) -> str:
        return f"{self.award} · {self.organisation}"
