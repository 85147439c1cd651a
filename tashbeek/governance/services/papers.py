"""Papers uploaded straight to an agenda item: checked by content, stored privately, audited,
and announced to the body's people like papers linked from the library."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record
from tashbeek.core.files import LIBRARY_TYPES, store_upload
from tashbeek.core.i18n import clean_translations

from ..models import AgendaItem, Paper
from .meetings import open_meeting_locked, papers_notice


@transaction.atomic
def paper_upload(
    *, by: User, item: AgendaItem, upload: UploadedFile, titles: dict, public: bool = False
) -> Paper:
    """Add a paper to an item of a meeting whose minutes are not yet approved; the body's
    people are told it is there."""
    meeting = open_meeting_locked(by, item.meeting_id)
    titles = clean_translations(titles)
    if not titles:
        raise ValidationError({"titles": _("Give the title in at least one language.")})
    if upload is None:
        raise ValidationError({"file": _("Choose the file to upload.")})
    paper = Paper(item=item, titles=titles, public=bool(public))
    content_type = store_upload(paper, upload, allowed=LIBRARY_TYPES, by=by)
    paper.save()
    audit_record(
        actor=by,
        action="governance.paper.added",
        obj=paper,
        after={"item": item.pk, "public": paper.public, "type": content_type},
    )
    papers_notice(meeting, item)
    return paper


@transaction.atomic
def paper_remove(*, by: User, paper: Paper, reason: str) -> None:
    """Take a paper off the agenda (a wrong file, a superseded draft), with the reason;
    refused once the minutes are approved, since the record is then frozen."""
    open_meeting_locked(by, paper.item.meeting_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for removing the paper.")})
    audit_record(
        actor=by,
        action="governance.paper.removed",
        obj=paper,
        before={"item": paper.item_id, "titles": paper.titles, "name": paper.original_name},
        reason=reason,
    )
    stored = paper.file.name
    paper.delete()
    # The file goes only once the row is gone for good.
    transaction.on_commit(lambda: Paper.file.field.storage.delete(stored))
