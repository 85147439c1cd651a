"""The library: guides, position papers, templates, studies, presentations and reports that
the platforms produce, each with its files kept as numbered versions."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tashbeek.communities.models import Community
from tashbeek.core.files import DOCUMENT_TYPES, private_storage, private_upload_to
from tashbeek.core.i18n import pick
from tashbeek.core.models import Theme
from tashbeek.members.models import Organisation


class Document(models.Model):
    """A library document of a community (or of the secretariat when `community` is empty).
    It goes draft → community review → adopted → published; once published, `visibility`
    decides who reads it: everyone, people of the network, or the community only."""

    class Kind(models.TextChoices):
        GUIDE = "guide", _("Guide")
        POSITION_PAPER = "position_paper", _("Position paper")
        TEMPLATE = "template", _("Template")
        STUDY = "study", _("Study")
        PRESENTATION = "presentation", _("Presentation")
        # "Report" alone is the verb of discussions ("report abuse").
        REPORT = "report", pgettext_lazy("library document kind", "Report")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In community review")
        ADOPTED = "adopted", _("Adopted")
        PUBLISHED = "published", _("Published")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        MEMBERS = "members", _("People of the network")
        COMMUNITY = "community", _("The community only")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    titles = models.JSONField(_("title"), default=dict)
    summaries = models.JSONField(_("summary"), default=dict, blank=True)
    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="+")
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("material of"), blank=True, related_name="materials"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    visibility = models.CharField(
        _("who can read it once published"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("library document")
        verbose_name_plural = _("library documents")
        indexes = [models.Index(fields=["status", "visibility"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:detail", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return pick(self.titles) or f"#{self.pk}"

    @property
    def summary(self) -> str:
        return pick(self.summaries)


class DocumentVersion(models.Model):
    """One uploaded file of a document. Versions are numbered from 1 and never overwritten;
    the newest is the current one."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), storage=private_storage, upload_to=private_upload_to)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveIntegerField(_("size"))
    filename = models.CharField(_("file name"), max_length=200)
    note = models.CharField(_("what changed"), max_length=255, blank=True)
    # Plain text taken from the file after upload (PDF, DOCX, …) for search; empty for images.
    text = models.TextField(_("text"), blank=True, editable=False)
    # When the text was read (library.extract, in the background); empty while it waits.
    extracted_at = models.DateTimeField(_("text read"), null=True, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    @property
    def extension(self) -> str:
        return DOCUMENT_TYPES.get(self.content_type, "bin")

    @property
    def download_name(self) -> str:
        """What a download of this version is called, on the page and through the API."""
        base = self.document.titles.get("en") or self.document.title
        return f"{base[:80]}-v{self.number}.{self.extension}"
