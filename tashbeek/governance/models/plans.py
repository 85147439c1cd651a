"""The network's annual work plan: topics members and committees propose, the steering
committee prepares and adopts, with budget lines, and whose progress rolls up from the
community work plans that carry them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tashbeek.core.i18n import pick
from tashbeek.members.models import Organisation

from .bodies import Body
from .decisions import Decision


class PlanItem(models.Model):
    """One item of the network's plan for a year: proposed by a member or a thematic
    committee, adopted by a decision of the register, carried by a community, tied to SDGs,
    with its budget lines, events and experiences; its progress comes from the linked
    community plan activities."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ADOPTED = "adopted", _("Adopted")
        DROPPED = "dropped", _("Not retained")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="plan_items")
    year = models.PositiveSmallIntegerField(_("year"))
    titles = models.JSONField(_("topic"), default=dict)
    texts = models.JSONField(_("objective"), default=dict, blank=True)
    proposed_by = models.ForeignKey(
        Organisation,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_by_body = models.ForeignKey(
        Body,
        verbose_name=_("proposed by the committee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("adopted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_items",
    )
    community = models.ForeignKey(
        "communities.Community",
        verbose_name=_("carried by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sdgs = models.ManyToManyField(
        "core.Theme",
        verbose_name=_("Sustainable Development Goals"),
        blank=True,
        limit_choices_to={"scheme": "sdg"},
        related_name="+",
    )
    activities = models.ManyToManyField(
        "workplans.WorkPlanItem",
        verbose_name=_("community activities"),
        blank=True,
        related_name="network_plan_items",
    )
    # What the item produced or is carried out through, directly: the network's own events
    # (a regional forum, a training) and the experiences it documented or transferred.
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("events"), blank=True, related_name="network_plan_items"
    )
    experiences = models.ManyToManyField(
        "experiences.Experience",
        verbose_name=_("experiences"),
        blank=True,
        related_name="network_plan_items",
    )

    class Meta:
        ordering = ["year", "id"]
        verbose_name = _("network plan item")
        verbose_name_plural = _("network plan items")
        indexes = [models.Index(fields=["body", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="proposed") | Q(status="dropped") | Q(decision__isnull=False),
                name="adopted_plan_item_has_decision",
            )
        ]

    # Not a column: the share of its activities done, set by selectors.network_plan.
    progress: int | None

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self.titles) or f"#{self.pk}"

    @property
    def text(self) -> str:
        return pick(self.texts)


class BudgetLine(models.Model):
    """Money for a plan item from one source, in minor units of its currency (as dues)."""

    class Source(models.TextChoices):
        MEMBERS = "members", _("Member contributions")
        NETWORK = "network", _("The network's budget")
        MINISTRY = "ministry", _("Ministry or government")
        DONOR = "donor", _("Donor or international partner")
        OTHER = "other", _("Other source")

    plan_item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="budget")
    labels = models.JSONField(_("budget line"), default=dict, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    funder = models.ForeignKey(
        Organisation,
        verbose_name=_("funder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    amount_minor = models.PositiveBigIntegerField(_("amount (minor units)"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")

    class Meta:
        ordering = ["plan_item", "id"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return pick(self.labels) or self.get_source_display()

    @property
    def label(self) -> str:
        return pick(self.labels) or str(self.get_source_display())
