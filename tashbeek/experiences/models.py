"""Experiences: good practices and success stories that members write up so that others
can take them over ("transfer")."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from tashbeek.communities.models import Community
from tashbeek.core.files import DOCUMENT_TYPES, private_storage, private_upload_to
from tashbeek.core.models import Theme
from tashbeek.core.money import CURRENCIES
from tashbeek.members.models import Organisation

# The sections of an experience in the order they are written and read.
SECTIONS = [
    ("problem", _("The problem")),
    ("context", _("Context")),
    ("solution", _("What we did")),
    ("steps", _("Steps taken")),
    ("partners", _("Partners")),
    ("funding", _("Cost and funding")),
    ("results", _("Results, with figures")),
    ("lessons", _("Lessons learned")),
]


class Experience(models.Model):
    """A practice written up by the organisation that carried it out, in one language.
    The organisation drafts; a coordinator of a linked community or the secretariat reviews
    it before it is published. Imported experiences keep their `external_id`."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("Waiting for review")
        PUBLISHED = "published", _("Published")

    class Transfer(models.TextChoices):
        OPEN = "open", _("Open to transfer")
        PARTNERS = "partners", _("Looking for partners")
        COMPLETE = "complete", _("Partnership complete")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="experiences",
    )
    organisation_name = models.CharField(
        _("organisation (not in the directory)"), max_length=255, blank=True
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), max_length=2000)
    problem = models.TextField(_("the problem"), blank=True)
    context = models.TextField(_("context"), blank=True)
    solution = models.TextField(_("what we did"), blank=True)
    steps = models.TextField(_("steps taken"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    cost = models.BigIntegerField(_("cost (minor units)"), null=True, blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, choices=[(c, c) for c in CURRENCIES]
    )
    funding = models.TextField(_("funding sources"), blank=True)
    results = models.TextField(_("results, with figures"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes and SDGs"), blank=True, related_name="+"
    )
    communities = models.ManyToManyField(
        Community, verbose_name=_("communities"), blank=True, related_name="experiences"
    )
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("presented at"), blank=True, related_name="experiences"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    transfer_status = models.CharField(
        _("transfer"), max_length=10, choices=Transfer.choices, blank=True
    )
    external_id = models.CharField(
        _("external identifier"), max_length=100, unique=True, null=True, blank=True
    )
    # Real sources are often long: an Arabic path is three times longer percent-encoded.
    source_url = models.URLField(_("source"), max_length=2000, blank=True)
    # For experiences of organisations outside the directory (imports); else the organisation's.
    country = CountryField(_("country"), blank=True)
    # Subject tags that are not (yet) in the shared taxonomy, kept from imports for search.
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-updated_at", "-id"]
        verbose_name = _("experience")
        verbose_name_plural = _("experiences")
        indexes = [models.Index(fields=["status", "-published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("experiences:detail", kwargs={"pk": self.pk})

    @property
    def author_name(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name

    def sections(self) -> list[tuple[str, str]]:
        """The written sections with content, as (heading, text)."""
        return [(label, getattr(self, name)) for name, label in SECTIONS if getattr(self, name)]


class ExperienceFile(models.Model):
    """A photo or an attachment of an experience; served through the experience's rules."""

    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), storage=private_storage, upload_to=private_upload_to)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveIntegerField(_("size"))
    filename = models.CharField(_("file name"), max_length=200)
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("experience file")
        verbose_name_plural = _("experience files")

    def __str__(self) -> str:
        return self.filename

    @property
    def is_photo(self) -> bool:
        return self.content_type.startswith("image/")

    @property
    def extension(self) -> str:
        return DOCUMENT_TYPES.get(self.content_type, "bin")


class ExperienceReview(models.Model):
    """A reviewer's decision on an experience sent for review, with the comments."""

    class Decision(models.TextChoices):
        PUBLISH = "publish", _("Published")
        RETURN = "return", _("Returned for changes")

    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    comments = models.TextField(_("comments"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("experience review")
        verbose_name_plural = _("experience reviews")

    def __str__(self) -> str:
        return f"{self.experience} — {self.decision}"


class AuthorQuestion(models.Model):
    """A question sent through "ask the authors": kept so the contact person can reply
    (to the sender's address) and so the sending rate can be limited."""

    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="questions")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    message = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("question to the authors")
        verbose_name_plural = _("questions to the authors")

    def __str__(self) -> str:
        return f"{self.sender} → {self.experience}"
