"""Documents of a joint project (reports, studies, minutes of partner meetings) or of a
joint tender (specifications, clarifications): checked by content when uploaded, stored
privately, and served only to who may read them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tashbeek.core.files import private_storage, private_upload_to
from tashbeek.core.i18n import Titled
from tashbeek.members.models import Organisation

from .projects import Project
from .tenders import Tender


class Attachment(Titled, models.Model):
    """A document of a project or of a tender; public ones are read by everyone who sees
    their project or tender, the others by its partners (or participants) only."""

    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    tender = models.ForeignKey(
        Tender, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    titles = models.JSONField(_("title"), default=dict)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("from"), on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=private_upload_to)
    content_type = models.CharField(max_length=80, editable=False)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    public = models.BooleanField(_("public"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=Q(project__isnull=True) ^ Q(tender__isnull=True),
                name="attachment_of_a_project_or_a_tender",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def owner(self):
        return self.project or self.tender
