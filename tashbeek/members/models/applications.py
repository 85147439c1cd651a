"""Joining the network: applications, their documents and conversations, and the steering
committee's membership decisions (which outlive the application: suspend, reinstate, end)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from tashbeek.core.fields import latitude_field, longitude_field
from tashbeek.core.files import private_storage, private_upload_to
from tashbeek.core.i18n import pick
from tashbeek.core.models import Theme

from .organisations import Organisation, Region


class Application(models.Model):
    """A local authority's request to join: its data as it will appear in the directory, its
    focal person (the applicant's account), motivation, themes and council resolution.
    `version` grows with every change of state, so a decision taken on a page that shows an
    older state is refused instead of silently overriding a colleague's."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        NEEDS_INFO = "needs_info", _("Needs information")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN = (Status.SUBMITTED, Status.NEEDS_INFO)
    EDITABLE = (Status.DRAFT, Status.NEEDS_INFO)

    reference = models.CharField(_("reference"), max_length=20, unique=True, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("focal person"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    focal_title = models.CharField(_("job title"), max_length=150, blank=True)
    focal_phone = models.CharField(_("phone"), max_length=40, blank=True)
    # The organisation's data, as the directory will show it once accepted.
    names = models.JSONField(_("names"), default=dict, blank=True)
    search_name = models.TextField(blank=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Organisation.Kind.choices, blank=True)
    country = CountryField(_("country"), blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.SET_NULL
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("population year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    motivation = models.TextField(_("motivation"), blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes of interest"), blank=True, related_name="+"
    )
    declaration = models.BooleanField(_("declaration accepted"), default=False)
    possible_duplicate = models.BooleanField(_("possible duplicate"), default=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.reference or _('draft')} — {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("members:application", kwargs={"pk": self.pk})

    @property
    def name(self) -> str:
        return pick(self.names) or "—"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def resolution(self):
        return next(
            (d for d in self.documents.all() if d.kind == ApplicationDocument.Kind.RESOLUTION),
            None,
        )


class ApplicationDocument(models.Model):
    """A private file attached to an application (the council resolution, or a supporting
    document). Its type is decided from its content at upload; it has no public URL."""

    class Kind(models.TextChoices):
        RESOLUTION = "resolution", _("Council resolution")
        SUPPORTING = "supporting", _("Supporting document")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    file = models.FileField(_("file"), storage=private_storage, upload_to=private_upload_to)
    content_type = models.CharField(max_length=40, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "uploaded_at"]
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")

    def __str__(self) -> str:
        return self.original_name


class ApplicationMessage(models.Model):
    """One line of an application's conversation: the committee's question to the applicant
    and the applicant's answer (visible to both), or an internal comment among the committee
    (never shown to the applicant)."""

    class Kind(models.TextChoices):
        QUESTION = "question", _("Question to the applicant")
        ANSWER = "answer", _("Answer from the applicant")
        COMMENT = "comment", _("Internal comment")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("application message")
        verbose_name_plural = _("application messages")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class MembershipDecision(models.Model):
    """A reasoned decision of the steering committee (or a member's withdrawal): the
    membership's history, kept for ever even when the organisation is suspended or gone."""

    class Kind(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")
        REINSTATED = "reinstated", _("Reinstated")
        ENDED = "ended", _("Membership cancelled")
        WITHDRAWN = "withdrawn", _("Withdrawal of the member")

    kind = models.CharField(_("decision"), max_length=12, choices=Kind.choices)
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    reasons = models.TextField(_("reasons"))
    effective_on = models.DateField(_("effective date"))
    until = models.DateField(_("until"), null=True, blank=True)
    meeting_reference = models.CharField(
        _("meeting or decision reference"), max_length=200, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-created_at", "-id"]
        verbose_name = _("membership decision")
        verbose_name_plural = _("membership decisions")
        constraints = [
            # At most one accept-or-reject per application, whatever races the database sees.
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(kind__in=["accepted", "rejected"]),
                name="decision_one_verdict_per_application",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.effective_on}"
