"""Joint projects: a lead organisation and its partners, places, themes and SDGs, the
experience the project transfers or produced, its story for residents and its workspace."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tashbeek.core.i18n import Titled, pick
from tashbeek.members.models import Organisation


class Project(Titled, models.Model):
    """A project run together by several organisations. Progress comes from its indicators
    (selectors.project_progress), never from a typed percentage."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        COMPLETED = "completed", _("Completed")
        SUSPENDED = "suspended", _("Suspended")
        CANCELLED = "cancelled", _("Cancelled")

    lead = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    titles = models.JSONField(_("title"), default=dict)
    summaries = models.JSONField(_("objective"), default=dict, blank=True)
    stories = models.JSONField(_("the story for residents"), default=dict, blank=True)
    themes = models.ManyToManyField(
        "core.Theme",
        verbose_name=_("themes"),
        blank=True,
        limit_choices_to={"scheme": "sector"},
        related_name="+",
    )
    sdgs = models.ManyToManyField(
        "core.Theme",
        verbose_name=_("Sustainable Development Goals"),
        blank=True,
        limit_choices_to={"scheme": "sdg"},
        related_name="+",
    )
    places = models.ManyToManyField(
        Organisation, verbose_name=_("where"), blank=True, related_name="+"
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)
    experiences = models.ManyToManyField(
        "experiences.Experience",
        verbose_name=_("experiences transferred or produced"),
        blank=True,
        related_name="+",
    )
    public = models.BooleanField(_("public page"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")
        indexes = [models.Index(fields=["status", "-starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="project_ends_after_start",
                violation_error_message=_("A project cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("cooperation:project", kwargs={"pk": self.pk})

    @property
    def summary(self) -> str:
        return pick(self.summaries)

    @property
    def story(self) -> str:
        return pick(self.stories)


class ProjectPartner(models.Model):
    """An organisation's part in a project; the lead is one of them, with the lead role."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        PARTNER = "partner", _("Partner")
        FUNDER = "funder", _("Funder")
        TECHNICAL = "technical", _("Technical support")
        IMPLEMENTER = "implementer", _("Implementing body")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)

    class Meta:
        ordering = ["project", "id"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="partner_once")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_role_display()}"


class Milestone(Titled, models.Model):
    """A dated step of a project; done when its date of completion is recorded."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    titles = models.JSONField(_("milestone"), default=dict)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("reached"), null=True, blank=True)

    class Meta:
        ordering = ["project", "due_on", "id"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return pick(self.titles)


class ProjectIssue(models.Model):
    """A risk or a challenge met, tracked with an owner until it is resolved (the areas are
    the challenges Aourir names: money, technical capacity, coordination, communication)."""

    class Kind(models.TextChoices):
        RISK = "risk", _("Risk")
        CHALLENGE = "challenge", _("Challenge met")

    class Area(models.TextChoices):
        MONEY = "money", _("Money")
        CAPACITY = "capacity", _("Technical capacity")
        COORDINATION = "coordination", _("Coordination between partners")
        COMMUNICATION = "communication", _("Communication with residents")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="issues")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    area = models.CharField(_("area"), max_length=14, choices=Area.choices)
    text = models.TextField(_("description"))
    owner = models.ForeignKey(
        Organisation, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person in charge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    resolution = models.TextField(_("how it was resolved"), blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "status", "-raised_at"]
        verbose_name = _("risk or challenge")
        verbose_name_plural = _("risks and challenges")

    def __str__(self) -> str:
        return self.text[:60]


class ProjectUpdate(models.Model):
    """News from any partner: for the partners only, or also on the public page."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="updates")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("from"), on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("update"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    public = models.BooleanField(_("show to residents"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "-created_at", "-id"]
        verbose_name = _("project update")
        verbose_name_plural = _("project updates")

    def __str__(self) -> str:
        return self.text[:60]
