"""Writes for the library: documents, their versions, and the review workflow."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tashbeek.accounts.models import User
from tashbeek.communities.models import Community
from tashbeek.communities.rules import is_community_member
from tashbeek.communities.services import coordinators_of
from tashbeek.core.audit import audit_record, snapshot
from tashbeek.core.background import after_commit
from tashbeek.core.files import (
    LIBRARY_TYPES,
    download_name,
    stored_content,
    validate_document_upload,
)
from tashbeek.core.i18n import clean_translations
from tashbeek.core.permissions import is_secretariat
from tashbeek.members.rules import acts_for
from tashbeek.notifications.services import notify
from tashbeek.search.services import index_refresh

from .extract import OOXML_PARTS, PDF, extract_bounded, extract_text
from .models import Document, DocumentVersion

FIELDS = [
    "kind",
    "titles",
    "summaries",
    "community",
    "organisation",
    "visibility",
    "themes",
    "events",
]
EXTRACTED_TYPES = {PDF, *OOXML_PARTS}
S = Document.Status
# action: (from, to, permission, reason required)
TRANSITIONS = {
    "submit": (S.DRAFT, S.REVIEW, "library.change_document", False),
    "return": (S.REVIEW, S.DRAFT, "library.review_document", True),
    "adopt": (S.REVIEW, S.ADOPTED, "library.review_document", False),
    "publish": (S.ADOPTED, S.PUBLISHED, "library.review_document", False),
    "unpublish": (S.PUBLISHED, S.ADOPTED, "library.review_document", True),
}


class StaleDocument(ValidationError):
    """The document moved on since the person looked at it."""

    def __init__(self) -> None:
        super().__init__(_("This document has changed since you opened it."), code="stale")


def _may_write_for(by: User, community: Community | None) -> bool:
    if is_secretariat(by):
        return True
    return community is not None and is_community_member(by, community)


def _check_credit(by: User, document: Document, data: dict) -> None:
    """A document is credited only to an organisation its author acts for (a change of
    credit is checked; an unchanged one is kept, whoever edits)."""
    organisation = data.get("organisation")
    if organisation is None or organisation.pk == document.organisation_id:
        return
    if not acts_for(by, organisation):
        raise PermissionDenied(_("You credit documents to your own organisation only."))


def _set_fields(document: Document, data: dict) -> dict:
    data = dict(data)
    related = {key: data.pop(key) for key in ("themes", "events") if key in data}
    for key in ("titles", "summaries"):
        if key in data:
            data[key] = clean_translations(data[key])
    for key, value in data.items():
        setattr(document, key, value)
    if not document.titles:
        raise ValidationError({"titles": _("Give this in at least one language.")})
    document.full_clean(exclude=["created_by"])
    return related


@transaction.atomic
def document_create(*, by: User, data: dict, upload: UploadedFile, note: str = "") -> Document:
    """A new draft with its first file (version 1)."""
    if not _may_write_for(by, data.get("community")):
        raise PermissionDenied(_("Only members of the community add documents to its library."))
    document = Document(created_by=by, status=Document.Status.DRAFT)
    _check_credit(by, document, data)
    related = _set_fields(document, data)
    document.save()
    for key, values in related.items():
        getattr(document, key).set(values)
    version = _store_version(document=document, by=by, upload=upload, note=note)
    audit_record(
        actor=by,
        action="library.document.created",
        obj=document,
        after={**snapshot(document, FIELDS), "version": version.number},
    )
    index_refresh(document)
    return document


@transaction.atomic
def document_update(*, by: User, document: Document, data: dict) -> Document:
    if not by.has_perm("library.change_document", document):
        raise PermissionDenied
    moving = "community" in data and data["community"] != document.community
    if moving and not _may_write_for(by, data["community"]):
        raise PermissionDenied(_("You cannot move this document to that community."))
    _check_credit(by, document, data)
    before = snapshot(document, FIELDS)
    related = _set_fields(document, data)
    document.save()
    for key, values in related.items():
        getattr(document, key).set(values)
    audit_record(
        actor=by,
        action="library.document.updated",
        obj=document,
        before=before,
        after=snapshot(document, FIELDS),
    )
    index_refresh(document)
    return document


def _store_version(
    *, document: Document, by: User, upload: UploadedFile, note: str
) -> DocumentVersion:
    content_type = validate_document_upload(
        upload, allowed=LIBRARY_TYPES, limit=settings.LIBRARY_MAX_BYTES
    )
    # The row lock on the document (taken by the callers) keeps numbers unique and gapless.
    latest = document.versions.aggregate(n=Max("number"))["n"] or 0
    name = get_valid_filename((upload.name or "document").rsplit("/", 1)[-1])[-200:]
    name = download_name(name, content_type)
    content = stored_content(upload, content_type)
    version = DocumentVersion(
        document=document,
        number=latest + 1,
        content_type=content_type,
        size=content.size,
        filename=name,
        note=note.strip()[:255],
        uploaded_by=by,
    )
    if content_type not in EXTRACTED_TYPES:
        version.extracted_at = timezone.now()  # nothing to read in an image
    version.file.save(name, content, save=False)
    version.save()
    if version.extracted_at is None:
        after_commit(version_extract, version.pk)
    return version


def version_extract(version_id: int) -> None:
    """Read a stored version's text in a bounded child process (library.extract) and index
    it; background work after the upload has returned, or `manage.py extract_pending`."""
    version = DocumentVersion.objects.filter(pk=version_id, extracted_at__isnull=True).first()
    if version is None:
        return
    with version.file.open("rb") as stored:
        data = stored.read()
    if settings.LIBRARY_EXTRACT_IN_CHILD:
        text = extract_bounded(data, version.content_type)
    else:  # the tests' uploads: the child process is tested on its own (test_extraction)
        text = extract_text(data, version.content_type)
    updated = DocumentVersion.objects.filter(pk=version.pk, extracted_at__isnull=True).update(
        text=text, extracted_at=timezone.now()
    )
    if updated:
        index_refresh(version.document)


def extract_pending() -> int:
    """Every version whose text was never read (a restart lost its background task)."""
    pending = DocumentVersion.objects.filter(extracted_at__isnull=True).order_by("pk")
    ids = list(pending.values_list("pk", flat=True))
    for version_id in ids:
        version_extract(version_id)
    return len(ids)


@transaction.atomic
def version_add(
    *, by: User, document: Document, upload: UploadedFile, note: str = ""
) -> DocumentVersion:
    """A new file for the document; earlier versions stay downloadable."""
    if not by.has_perm("library.change_document", document):
        raise PermissionDenied
    document = Document.objects.select_for_update().get(pk=document.pk)
    version = _store_version(document=document, by=by, upload=upload, note=note)
    document.save(update_fields=["updated_at"])
    audit_record(
        actor=by,
        action="library.document.version_added",
        obj=document,
        after={"version": version.number, "type": version.content_type, "note": version.note},
    )
    index_refresh(document)
    return version


@transaction.atomic
def document_transition(
    *, by: User, document: Document, action: str, reason: str = "", expected_status: str = ""
) -> Document:
    """Move the document through draft → review → adopted → published (or back, with a
    reason). `expected_status` is what the person saw; a stale click is refused."""
    if action not in TRANSITIONS:
        raise ValidationError(_("Unknown action."), code="invalid")
    source, target, perm, needs_reason = TRANSITIONS[action]
    if not by.has_perm(perm, document):
        raise PermissionDenied
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.status != source or (expected_status and expected_status != document.status):
        raise StaleDocument
    reason = reason.strip()
    if needs_reason and not reason:
        raise ValidationError({"reason": _("Give the reason.")}, code="required")
    document.status = target
    if target == S.PUBLISHED:
        document.published_at = timezone.now()
    document.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(
        actor=by,
        action=f"library.document.{action}",
        obj=document,
        before={"status": source},
        after={"status": target},
        reason=reason,
    )
    _tell(document, action, by)
    index_refresh(document)
    return document


def _tell(document: Document, action: str, by: User) -> None:
    context = {"document": document.title}
    url = document.get_absolute_url()
    if action == "submit":
        reviewers = coordinators_of(document.community) if document.community else []
        notify(
            users=[u for u in reviewers if u.pk != by.pk],
            action="library.document.submit",
            message=gettext_noop("“%(document)s” is ready for the community's review."),
            context=context,
            url=url,
        )
    elif document.created_by_id and document.created_by_id != by.pk:
        messages = {
            "return": gettext_noop("“%(document)s” was returned to draft with comments."),
            "adopt": gettext_noop("“%(document)s” was adopted by the community."),
            "publish": gettext_noop("“%(document)s” is published in the library."),
            "unpublish": gettext_noop("“%(document)s” was withdrawn from publication."),
        }
        notify(
            users=[document.created_by],
            action=f"library.document.{action}",
            message=messages[action],
            context=context,
            url=url,
        )
