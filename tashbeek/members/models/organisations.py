"""Organisations of the network (member authorities and partners), their regions and staff."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from tashbeek.core.fields import latitude_field, longitude_field
from tashbeek.core.i18n import pick
from tashbeek.core.models import Theme

# Working languages an organisation may declare (ISO 639-1, plus Tamazight).
WORKING_LANGUAGES = [
    ("ar", _("Arabic")),
    ("he", _("Hebrew")),
    ("fr", _("French")),
    ("en", _("English")),
    ("tzm", _("Tamazight")),
    ("es", _("Spanish")),
    ("de", _("German")),
    ("tr", _("Turkish")),
]


class Region(models.Model):
    """A region, governorate, province or district within a country."""

    country = CountryField(_("country"))
    slug = models.SlugField(_("identifier"), max_length=80)
    names = models.JSONField(_("names"), default=dict)

    class Meta:
        ordering = ["country", "slug"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        constraints = [
            models.UniqueConstraint(fields=["country", "slug"], name="region_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.names) or self.slug


class Organisation(models.Model):
    """A member authority (municipality, council, commune, cluster) or a partner (ministry,
    NGO, company, university, donor). Names and descriptions are kept per language;
    `search_name` and `sort_name` are derived from the names by members.services."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality or city")
        LOCAL_COUNCIL = "local_council", _("Local council")
        REGIONAL_COUNCIL = "regional_council", _("Regional council")
        VILLAGE_COUNCIL = "village_council", _("Village council")
        URBAN_COMMUNE = "urban_commune", _("Urban commune")
        RURAL_COMMUNE = "rural_commune", _("Rural commune")
        UNION = "union", _("Union or cluster of local authorities")
        GOVERNMENT = "government", _("Ministry or government agency")
        ASSOCIATION = "association", _("Civil-society association")
        COMPANY = "company", _("Private company")
        ACADEMIC = "academic", _("Academic or research body")
        DONOR = "donor", _("International organisation or donor")

    class Relation(models.TextChoices):
        MEMBER = "member", _("Member")
        PARTNER = "partner", _("Partner")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        ENDED = "ended", _("Ended")

    LOCAL_AUTHORITY_KINDS = (
        Kind.MUNICIPALITY,
        Kind.LOCAL_COUNCIL,
        Kind.REGIONAL_COUNCIL,
        Kind.VILLAGE_COUNCIL,
        Kind.URBAN_COMMUNE,
        Kind.RURAL_COMMUNE,
        Kind.UNION,
    )

    names = models.JSONField(_("names"), default=dict)
    search_name = models.TextField(_("search name"), blank=True, editable=False)
    sort_name = models.CharField(_("sort name"), max_length=255, blank=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    relation = models.CharField(
        _("relation to the network"),
        max_length=10,
        choices=Relation.choices,
        default=Relation.MEMBER,
    )
    membership_status = models.CharField(
        _("membership status"), max_length=10, choices=Status.choices, blank=True
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    country = CountryField(_("country"))
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        _("population year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    area_km2 = models.DecimalField(
        _("area (km²)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    languages = models.JSONField(_("working languages"), default=list, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    logo = models.ImageField(_("logo"), upload_to="logos/%Y/", blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    descriptions = models.JSONField(_("descriptions"), default=dict, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cluster or union"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="constituents",
        limit_choices_to={"kind": Kind.UNION},
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["sort_name", "id"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["relation", "membership_status", "sort_name"]),
            models.Index(fields=["country", "sort_name"]),
            models.Index(fields=["kind", "sort_name"]),
            models.Index(fields=["population"]),
            models.Index(fields=["sort_name", "id"]),
            models.Index(fields=["updated_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(relation="partner", membership_status="")
                | Q(relation="member") & ~Q(membership_status=""),
                name="organisation_status_matches_relation",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="organisation_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="organisation_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:detail", kwargs={"pk": self.pk})

    @property
    def name(self) -> str:
        return pick(self.names) or f"#{self.pk}"

    @property
    def description(self) -> str:
        return pick(self.descriptions)

    @property
    def is_member(self) -> bool:
        return self.relation == self.Relation.MEMBER

    @property
    def is_active_member(self) -> bool:
        return self.is_member and self.membership_status == self.Status.ACTIVE

    @property
    def language_labels(self) -> list[str]:
        labels = dict(WORKING_LANGUAGES)
        return [str(labels.get(code, code)) for code in self.languages or []]

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class Affiliation(models.Model):
    """A person working for an organisation, as its focal person or as staff. A person may
    work for several organisations."""

    class Role(models.TextChoices):
        FOCAL = "focal", _("Focal person")
        STAFF = "staff", _("Staff")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.STAFF)
    title = models.CharField(_("job title"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        ordering = ["role", "user__full_name"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="affiliation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


class Invitation(models.Model):
    """An e-mailed invitation to join an organisation's staff. Only a hash of the token is
    stored, so a leaked database does not leak working links."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=10, choices=Affiliation.Role.choices, default=Affiliation.Role.STAFF
    )
    title = models.CharField(_("job title"), max_length=150, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"
