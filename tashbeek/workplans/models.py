"""Work plans: what each community plans to do in a year, and how far it has got."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tashbeek.communities.models import Community
from tashbeek.members.models import Organisation


class WorkPlanItem(models.Model):
    """One activity of a community's yearly plan, with who is responsible, when, its status,
    and what came of it (events held, documents produced)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="plan_items")
    year = models.PositiveSmallIntegerField(_("year"))
    activity = models.CharField(_("activity"), max_length=255)
    objective = models.TextField(_("objective"), blank=True)
    responsible_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    responsible_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("responsible organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    progress_note = models.TextField(_("progress"), blank=True)
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("events"), blank=True, related_name="plan_items"
    )
    outputs = models.ManyToManyField(
        "library.Document", verbose_name=_("outputs"), blank=True, related_name="plan_items"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["year", "starts_on", "id"]
        verbose_name = _("work plan item")
        verbose_name_plural = _("work plan items")
        indexes = [models.Index(fields=["community", "year"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="plan_item_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="plan_item_sensible_year"
            ),
        ]

    def __str__(self) -> str:
        return self.activity
