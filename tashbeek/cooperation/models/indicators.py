"""Indicators of a project: a baseline, a target and dated measurements with evidence."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tashbeek.core.i18n import pick

from .projects import Project


class Indicator(models.Model):
    """What the project measures. Its progress is how far the latest value went from the
    baseline towards the target (bounded to 0–100 %); a target below the baseline counts
    a decrease as progress (less waste, fewer complaints). It belongs to a joint project or
    to a shared service (its service levels)."""

    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.CASCADE, related_name="indicators"
    )
    service = models.ForeignKey(
        "cooperation.SharedService",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    names = models.JSONField(_("indicator"), default=dict)
    unit = models.CharField(_("unit"), max_length=40)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["project", "service", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(project__isnull=True) ^ models.Q(service__isnull=True),
                name="indicator_of_a_project_or_a_service",
            )
        ]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    @property
    def owner(self):
        """The project or the shared service the indicator measures."""
        return self.project or self.service

    @property
    def name(self) -> str:
        return pick(self.names) or f"#{self.pk}"


class Measurement(models.Model):
    """A dated value of an indicator, with what proves it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    evidence = models.CharField(_("evidence"), max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["indicator", "measured_on", "id"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        indexes = [models.Index(fields=["indicator", "-measured_on"])]

    def __str__(self) -> str:
        return f"{self.value} ({self.measured_on})"
