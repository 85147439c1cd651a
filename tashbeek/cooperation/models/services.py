"""Shared services: a service run together (waste collection, an engineering office, GIS, a
procurement unit), its operator and participating authorities, and each year's cost split
between them by a formula, as contributions tracked like dues."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tashbeek.core.i18n import pick
from tashbeek.members.models import Organisation


class SharedService(models.Model):
    """A service several authorities run together, with the formula that shares its cost."""

    class Formula(models.TextChoices):
        EQUAL = "equal", _("Equal shares")
        POPULATION = "population", _("By population")
        USE = "use", _("By use")
        FIXED = "fixed", _("Fixed shares")

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    names = models.JSONField(_("name"), default=dict)
    texts = models.JSONField(_("description"), default=dict, blank=True)
    service_levels = models.JSONField(_("service levels"), default=dict, blank=True)
    themes = models.ManyToManyField(
        "core.Theme", verbose_name=_("themes"), blank=True, related_name="+"
    )
    operator = models.ForeignKey(
        Organisation, verbose_name=_("operator"), on_delete=models.PROTECT, related_name="+"
    )
    formula = models.CharField(_("cost sharing"), max_length=10, choices=Formula.choices)
    use_unit = models.CharField(_("unit of use"), max_length=40, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("shared service")
        verbose_name_plural = _("shared services")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("cooperation:service", kwargs={"slug": self.slug})

    @property
    def name(self) -> str:
        return pick(self.names) or self.slug

    @property
    def text(self) -> str:
        return pick(self.texts)

    @property
    def levels(self) -> str:
        return pick(self.service_levels)


class Participation(models.Model):
    """An authority's part in a shared service: when it joined (and left), its fixed share
    in basis points when the formula is fixed shares."""

    service = models.ForeignKey(
        SharedService, on_delete=models.CASCADE, related_name="participations"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("authority"), on_delete=models.PROTECT, related_name="+"
    )
    joined_on = models.DateField(_("joined"))
    left_on = models.DateField(_("left"), null=True, blank=True)
    share_bp = models.PositiveIntegerField(_("fixed share (basis points)"), null=True, blank=True)

    class Meta:
        ordering = ["service", "joined_on", "id"]
        verbose_name = _("participation in a shared service")
        verbose_name_plural = _("participations in shared services")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "organisation"],
                condition=Q(left_on__isnull=True),
                name="one_current_participation",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="participation_left_after_joining",
                violation_error_message=_("An authority cannot leave before it joined."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} · {self.organisation}"


class Usage(models.Model):
    """How much of the service an authority used in a year (for the by-use formula)."""

    service = models.ForeignKey(SharedService, on_delete=models.CASCADE, related_name="usage")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    units = models.DecimalField(_("units used"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("use of a shared service")
        verbose_name_plural = _("use of shared services")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "organisation", "year"], name="one_usage_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}: {self.units}"


class Contribution(models.Model):
    """What an authority owes the service for a year (its share of the year's cost), and
    what it paid; computed for all participants at once, so the shares sum to the cost."""

    service = models.ForeignKey(
        SharedService, on_delete=models.CASCADE, related_name="contributions"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("authority"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    currency = models.CharField(_("currency"), max_length=3)
    amount_minor = models.PositiveBigIntegerField(_("amount (minor units)"))
    paid_minor = models.PositiveBigIntegerField(_("paid (minor units)"), default=0)
    due_on = models.DateField(_("due date"))
    basis = models.CharField(_("basis"), max_length=120, blank=True)

    class Meta:
        ordering = ["service", "-year", "organisation__sort_name"]
        verbose_name = _("contribution to a shared service")
        verbose_name_plural = _("contributions to shared services")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "organisation", "year"], name="one_contribution_a_year"
            ),
            models.CheckConstraint(
                condition=Q(paid_minor__lte=F("amount_minor")),
                name="contribution_paid_at_most_owed",
                violation_error_message=_("More cannot be paid than is owed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} · {self.organisation} · {self.year}"

    @property
    def balance_minor(self) -> int:
        return self.amount_minor - self.paid_minor
