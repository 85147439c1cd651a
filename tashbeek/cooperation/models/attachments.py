"""Documents of a joint project (reports, studies, minutes of partner meetings) or of a
joint tender (specifications, clarifications): checked by content when uploaded, stored
privately, and served only to who may read them."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tashbeek.core.i18n import Titled
from tashbeek.core.models import PrivateFile
from tashbeek.members.models import Organisation

from .projects import Project
from .tenders import Tender


class Attachment(Titled, PrivateFile):
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
    public = models.BooleanField(_("public"), default=False)

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
