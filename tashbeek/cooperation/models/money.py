"""A joint project's money: budget lines, funding by source (pledged, received; in cash or
in kind) and expenditure against lines. Integer minor units with an ISO currency, as dues:
totals are sums of integers, so they always add up."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tashbeek.core.i18n import pick
from tashbeek.members.models import Organisation

from .projects import Project


class BudgetLine(models.Model):
    """What the project plans to spend on one thing."""

    class Category(models.TextChoices):
        WORKS = "works", _("Works")
        EQUIPMENT = "equipment", _("Equipment")
        SERVICES = "services", _("Services and studies")
        STAFF = "staff", _("Staff")
        TRAINING = "training", _("Training")
        COMMUNICATION = "communication", _("Communication")
        OTHER = "other", _("Other costs")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_lines")
    category = models.CharField(_("category"), max_length=14, choices=Category.choices)
    labels = models.JSONField(_("budget line"), default=dict, blank=True)
    currency = models.CharField(_("currency"), max_length=3)
    amount_minor = models.PositiveBigIntegerField(_("amount (minor units)"))

    class Meta:
        ordering = ["project", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return pick(self.labels) or str(self.get_category_display())


class Funding(models.Model):
    """Money (or its value in kind) a source puts into the project: pledged, then received."""

    class Source(models.TextChoices):
        MEMBERS = "members", _("Member contribution")
        MINISTRY = "ministry", _("Ministry or government")
        DONOR = "donor", _("Donor or international partner")
        NETWORK = "network", _("The network")
        PRIVATE = "private", _("Company or foundation")
        OTHER = "other", _("Other source")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funding")
    funder = models.ForeignKey(
        Organisation, verbose_name=_("funder"), on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    in_kind = models.BooleanField(_("in kind"), default=False)
    currency = models.CharField(_("currency"), max_length=3)
    pledged_minor = models.PositiveBigIntegerField(_("pledged (minor units)"))
    received_minor = models.PositiveBigIntegerField(_("received (minor units)"), default=0)
    notes = models.CharField(_("notes"), max_length=255, blank=True)

    class Meta:
        ordering = ["project", "id"]
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        constraints = [
            models.CheckConstraint(
                condition=Q(received_minor__lte=F("pledged_minor")),
                name="received_at_most_pledged",
                violation_error_message=_("More cannot be received than was pledged."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.funder} · {self.get_source_display()}"


class Expense(models.Model):
    """Money spent against a budget line, in the line's currency."""

    line = models.ForeignKey(
        BudgetLine, verbose_name=_("budget line"), on_delete=models.PROTECT, related_name="expenses"
    )
    amount_minor = models.PositiveBigIntegerField(_("amount (minor units)"))
    spent_on = models.DateField(_("date"))
    description = models.CharField(_("what for"), max_length=255)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["line", "spent_on", "id"]
        verbose_name = _("expense")
        verbose_name_plural = _("expenses")

    def __str__(self) -> str:
        return self.description
