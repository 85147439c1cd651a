"""Shared models: the theme taxonomy and the audit trail."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .files import private_storage, private_upload_to
from .i18n import pick


class Theme(models.Model):
    """A node of the one shared, nested taxonomy: sectors (waste, water, planning, …) and the
    17 UN Sustainable Development Goals. Organisations, and later experiences, documents and
    needs, are tagged with these nodes; filtering by a parent includes its children."""

    class Scheme(models.TextChoices):
        SECTOR = "sector", _("Sector")
        SDG = "sdg", _("Sustainable Development Goal")

    slug = models.SlugField(_("identifier"), max_length=80, unique=True)
    scheme = models.CharField(_("scheme"), max_length=10, choices=Scheme.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    names = models.JSONField(_("names"), default=dict)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["scheme", "position", "slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self.names) or self.slug


class AuditEntry(models.Model):
    """One state change anywhere in the platform: who did what to which object, the values
    before and after, the reason given, when and from which address. Written only by
    `core.audit.audit_record`; never edited or deleted through the application."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField(_("actor name"), max_length=255, blank=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, db_index=True)
    object_label = models.CharField(_("object"), max_length=255, blank=True)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_label}"

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field whose value changed."""
        keys = sorted(set(self.before) | set(self.after))
        return [
            (key, self.before.get(key), self.after.get(key))
            for key in keys
            if self.before.get(key) != self.after.get(key)
        ]


class ChangeCounter(models.Model):
    """A named counter bumped when something happens that a cheap query cannot see (e.g. a
    row deleted), so cache keys built from data versions stay correct across processes."""

    key = models.CharField(max_length=100, unique=True)
    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("change counter")
        verbose_name_plural = _("change counters")

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


class PrivateFile(models.Model):
    """What every privately stored upload keeps (abstract): the file under a random name in
    private storage, its type as checked by content, the uploader's file name (for the
    download, with the checked type's extension), its size, who uploaded it and when. Set
    them with `core.files.store_upload`; serve with `core.files.private_download` from a
    view that checks who may read it."""

    file = models.FileField(_("file"), storage=private_storage, upload_to=private_upload_to)
    content_type = models.CharField(max_length=80, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
