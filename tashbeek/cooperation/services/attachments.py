"""Writes for project and tender documents: checked by content, stored privately, audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record
from tashbeek.core.files import LIBRARY_TYPES, store_upload
from tashbeek.core.i18n import clean_translations
from tashbeek.members.models import Organisation
from tashbeek.members.rules import acts_for

from ..models import Attachment, Project, Tender


@transaction.atomic
def attachment_add(
    *,
    by: User,
    organisation: Organisation,
    upload: UploadedFile,
    titles: dict,
    public: bool,
    project: Project | None = None,
    tender: Tender | None = None,
) -> Attachment:
    """A partner adds a document to its project, or the lead and participants to their
    tender, in the name of an organisation the person acts for."""
    owner = project or tender
    perm = "cooperation.change_project" if project else "cooperation.declare_demand"
    allowed = by.has_perm(perm, owner) or (
        tender is not None and by.has_perm("cooperation.manage_tender", tender)
    )
    if owner is None or not allowed or not acts_for(by, organisation):
        raise PermissionDenied(_("Only the partners add documents, in their own name."))
    titles = clean_translations(titles)
    if not titles:
        raise ValidationError({"titles": _("Give the title in at least one language.")})
    attachment = Attachment(
        project=project, tender=tender, titles=titles, organisation=organisation, public=public
    )
    content_type = store_upload(attachment, upload, allowed=LIBRARY_TYPES, by=by)
    attachment.save()
    audit_record(
        actor=by,
        action="cooperation.document.added",
        obj=attachment,
        after={"owner": str(owner), "public": public, "type": content_type},
    )
    return attachment
