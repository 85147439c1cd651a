"""The search index: one row per searchable thing, in the analyser's terms.

The full-text structure lives beside this table and is fed from its term columns: an FTS5
table on SQLite, a generated tsvector column with a GIN index on PostgreSQL (see the
migration). Both index exactly the same terms, so the two engines find the same rows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tashbeek.core.i18n import pick


class SearchEntry(models.Model):
    """What search and matchmaking know of one object: its terms, facets, who may see it
    (audience), and its sentence embedding once the background task has computed it."""

    class Kind(models.TextChoices):
        EXPERIENCE = "experience", _("Experiences")
        DOCUMENT = "document", _("Library")
        ORGANISATION = "organisation", _("Organisations")
        EVENT = "event", _("Events")
        THREAD = "thread", _("Discussions")
        NEED = "need", _("Needs")
        OFFER = "offer", _("Offers of expertise")
        PROJECT = "project", _("Joint projects")
        AGREEMENT = "agreement", _("Partnerships")
        SERVICE = "service", _("Shared services")
        DECISION = "decision", _("Decisions")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        MEMBERS = "members", _("Signed-in members")
        COMMUNITY = "community", _("One community")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    # Space-separated codes, " ar fr ": objects written in several languages have several.
    languages = models.CharField(_("languages"), max_length=20)
    titles = models.JSONField(_("title"), default=dict)
    text = models.TextField(_("text"), blank=True)
    title_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    # The analyser version the terms come from (search.analysis.VERSION; 0: before any).
    analyser = models.PositiveSmallIntegerField(db_default=0)
    country = models.CharField(_("country"), max_length=2, blank=True)
    themes = models.CharField(_("themes"), max_length=2000, blank=True)
    date = models.DateTimeField(_("date"), null=True, blank=True)
    audience = models.CharField(max_length=10, choices=Audience.choices)
    community_id = models.PositiveBigIntegerField(null=True, blank=True)
    organisation_id = models.PositiveBigIntegerField(null=True, blank=True)
    organisation_name = models.CharField(max_length=255, blank=True)
    url = models.CharField(max_length=300)
    external_id = models.CharField(max_length=100, blank=True)
    embedding = models.BinaryField(null=True, blank=True)
    embedded_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_once")
        ]
        indexes = [
            models.Index(fields=["kind", "embedded_at"]),
            models.Index(fields=["organisation_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"

    @property
    def title(self) -> str:
        return pick(self.titles) or f"#{self.object_id}"

    @property
    def language_codes(self) -> list[str]:
        return self.languages.split()

    @property
    def theme_slugs(self) -> list[str]:
        return self.themes.split()
