"""Writes for membership applications: drafts, documents, submission, the conversation
between the steering committee and the applicant. Decisions live in services.decisions."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record, audited_save, snapshot
from tashbeek.core.files import download_name, stored_content, validate_document_upload
from tashbeek.core.i18n import clean_translations
from tashbeek.core.permissions import (
    SECRETARIAT,
    STEERING_COMMITTEE,
    is_committee_member,
    is_secretariat,
)
from tashbeek.core.text import compact, search_key
from tashbeek.notifications.services import notify

from ..models import Application, ApplicationDocument, ApplicationMessage, Organisation

# Everything the applicant fills in, in the order the wizard asks for it.
ORGANISATION_FIELDS = [
    "names",
    "kind",
    "country",
    "region",
    "population",
    "population_year",
    "website",
    "email",
    "phone",
    "address",
    "latitude",
    "longitude",
]
FOCAL_FIELDS = ["focal_title", "focal_phone"]
MOTIVATION_FIELDS = ["motivation", "themes"]
APPLICATION_FIELDS = [*ORGANISATION_FIELDS, *FOCAL_FIELDS, *MOTIVATION_FIELDS]


class StaleState(ValidationError):
    """The object changed since the page was shown; the person should reload and look again."""

    def __init__(self) -> None:
        super().__init__(
            _("Someone changed this in the meantime. Reload the page and check before deciding."),
            code="stale",
        )


def reviewers() -> QuerySet[User]:
    """The people who review applications and decide on membership."""
    return (
        get_user_model()
        .objects.filter(groups__name__in=[SECRETARIAT, STEERING_COMMITTEE], is_active=True)
        .distinct()
    )


def application_index(application: Application) -> None:
    application.search_name = search_key(
        text for text in (application.names or {}).values() if text
    )


@transaction.atomic
def application_start(*, applicant: User) -> Application:
    """Open a draft for the signed-in person, who becomes the focal person; an open draft or
    a request for information is resumed rather than duplicated."""
    existing = applicant.applications.filter(status__in=Application.EDITABLE).first()
    if existing:
        return existing
    application = Application.objects.create(applicant=applicant, focal_phone=applicant.phone)
    audit_record(actor=applicant, action="members.application.started", obj=application)
    return application


def _lock_editable(application: Application, by: User) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.applicant_id != by.pk:
        raise PermissionDenied(_("Only the applicant edits an application."))
    if not application.is_editable:
        raise ValidationError(_("This application can no longer be edited."), code="not_editable")
    return application


@transaction.atomic
def application_save(*, application: Application, by: User, data: dict) -> Application:
    """Save part of a draft (any step of the wizard); nothing is required until submission."""
    application = _lock_editable(application, by)
    before = snapshot(application, APPLICATION_FIELDS)
    themes = data.pop("themes", None)
    if "names" in data:
        data["names"] = clean_translations(data["names"])
    for key, value in data.items():
        if key not in APPLICATION_FIELDS:
            raise ValueError(f"not an application field: {key}")
        setattr(application, key, value)
    application_index(application)
    return audited_save(
        application,
        by=by,
        fields=APPLICATION_FIELDS,
        before=before,
        actions=("members.application.updated", "members.application.updated"),
        related={} if themes is None else {"themes": themes},
        exclude=["applicant", "region", "organisation"],
        skip_unchanged=True,
    )


@transaction.atomic
def application_document_add(
    *,
    application: Application,
    by: User,
    upload: UploadedFile,
    kind: str = ApplicationDocument.Kind.RESOLUTION,
) -> ApplicationDocument:
    """Attach a document, checked by content; a new resolution replaces the previous one."""
    application = _lock_editable(application, by)
    content_type = validate_document_upload(upload)
    content = stored_content(upload, content_type)
    replaced = []
    if kind == ApplicationDocument.Kind.RESOLUTION:
        old = list(application.documents.filter(kind=kind))
        replaced = [d.original_name for d in old]
        for document in old:
            document.file.delete(save=False)
            document.delete()
    document = ApplicationDocument(
        application=application,
        kind=kind,
        content_type=content_type,
        original_name=(upload.name or "document")[-255:],
        size=content.size,
        uploaded_by=by,
    )
    document.file.save(download_name(upload.name, content_type), content, save=False)
    document.save()
    audit_record(
        actor=by,
        action="members.application.document_added",
        obj=application,
        before={"documents": replaced},
        after={"document": document.original_name, "kind": kind, "type": content_type},
    )
    return document


def missing_for_submission(application: Application) -> list[str]:
    """What still prevents submission, as messages the applicant can act on."""
    missing = []
    if not application.names:
        missing.append(_("the authority's name"))
    if not application.kind:
        missing.append(_("the kind of authority"))
    if not application.country:
        missing.append(_("the country"))
    if not application.population or not application.population_year:
        missing.append(_("the population and its year"))
    if not application.focal_title:
        missing.append(_("the focal person's job title"))
    if not application.motivation.strip():
        missing.append(_("the motivation"))
    if application.resolution is None:
        missing.append(_("the council resolution"))
    if not application.applicant.email_verified_at:
        missing.append(_("a verified e-mail address for the focal person"))
    return missing


def likely_duplicates(application: Application) -> tuple[list, list]:
    """Organisations and other open applications with the same normalised name and country.
    The database narrows by substring of the folded names; Python confirms a whole-name match."""
    if not application.country:
        return [], []
    names = {compact(text) for text in (application.names or {}).values() if text} - {""}
    if not names:
        return [], []
    contains = Q()
    for name in names:
        contains |= Q(search_name__contains=name)

    def matches(values: dict) -> bool:
        return bool(names & {compact(text) for text in (values or {}).values() if text})

    # The organisation this application's own acceptance created is not a duplicate of it.
    organisations = Organisation.objects.filter(contains, country=application.country)
    if application.organisation_id is not None:
        organisations = organisations.exclude(pk=application.organisation_id)
    applications = (
        Application.objects.filter(
            contains,
            country=application.country,
            status__in=[*Application.OPEN, Application.Status.ACCEPTED],
        )
        .exclude(pk=application.pk)
        .only("names", "pk", "reference", "status")
    )
    return (
        [o for o in organisations.only("names", "pk") if matches(o.names)],
        [a for a in applications if matches(a.names)],
    )


@transaction.atomic
def application_submit(*, application: Application, by: User, declaration: bool) -> Application:
    """Submit (or resubmit after a request for information): a reference number, a receipt
    in the applicant's language, and the committee told. Possible duplicates are flagged."""
    application = _lock_editable(application, by)
    if not declaration:
        raise ValidationError({"declaration": _("Confirm the declaration to submit.")})
    missing = missing_for_submission(application)
    if missing:
        raise ValidationError(_("Still missing: %(items)s.") % {"items": "; ".join(missing)})
    before = {"status": application.status}
    resubmission = application.status == Application.Status.NEEDS_INFO
    organisations, applications = likely_duplicates(application)
    application.possible_duplicate = bool(organisations or applications)
    application.declaration = True
    application.status = Application.Status.SUBMITTED
    application.submitted_at = application.submitted_at or timezone.now()
    application.version = F("version") + 1
    if not application.reference:
        application.reference = f"TSH-{timezone.now():%Y}-{application.pk:05d}"
    application.save()
    application.refresh_from_db()
    audit_record(
        actor=by,
        action="members.application.resubmitted"
        if resubmission
        else "members.application.submitted",
        obj=application,
        before=before,
        after={"status": application.status, "possible_duplicate": application.possible_duplicate},
    )
    context = {"reference": application.reference, "name": application.names}
    notify(
        users=[application.applicant],
        action="members.application.submitted",
        message=gettext_noop(
            "We received application %(reference)s for %(name)s. "
            "The steering committee will review it."
        ),
        context=context,
        url=application.get_absolute_url(),
    )
    notify(
        users=reviewers(),
        action="members.application.submitted",
        message=gettext_noop("Application %(reference)s from %(name)s is waiting for review."),
        context=context,
        url=application.get_absolute_url(),
    )
    return application


def _lock_open(application: Application, version: int | None) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if version is not None and application.version != version:
        raise StaleState()
    return application


@transaction.atomic
def application_request_information(
    *, application: Application, by: User, question: str, version: int | None = None
) -> ApplicationMessage:
    """The committee asks the applicant a question; the application goes back to them."""
    application = _lock_open(application, version)
    if application.status != Application.Status.SUBMITTED:
        raise StaleState()
    question = question.strip()
    if not question:
        raise ValidationError({"body": _("Write the question.")})
    message = ApplicationMessage.objects.create(
        application=application, kind=ApplicationMessage.Kind.QUESTION, author=by, body=question
    )
    Application.objects.filter(pk=application.pk).update(
        status=Application.Status.NEEDS_INFO, version=F("version") + 1
    )
    audit_record(
        actor=by,
        action="members.application.information_requested",
        obj=application,
        before={"status": application.status},
        after={"status": Application.Status.NEEDS_INFO},
        reason=question,
    )
    notify(
        users=[application.applicant],
        action="members.application.information_requested",
        message=gettext_noop(
            "The steering committee asks a question about application %(reference)s."
        ),
        context={"reference": application.reference},
        url=application.get_absolute_url(),
    )
    return message


@transaction.atomic
def application_answer(*, application: Application, by: User, answer: str) -> ApplicationMessage:
    """The applicant answers the committee's question (and may then edit and resubmit)."""
    application = _lock_editable(application, by)
    if application.status != Application.Status.NEEDS_INFO:
        raise ValidationError(_("There is no open question on this application."))
    answer = answer.strip()
    if not answer:
        raise ValidationError({"body": _("Write your answer.")})
    message = ApplicationMessage.objects.create(
        application=application, kind=ApplicationMessage.Kind.ANSWER, author=by, body=answer
    )
    audit_record(actor=by, action="members.application.answered", obj=application, reason=answer)
    return message


@transaction.atomic
def application_comment(*, application: Application, by: User, body: str) -> ApplicationMessage:
    """An internal comment among the committee and the secretariat."""
    if not (is_committee_member(by) or is_secretariat(by)):
        raise PermissionDenied(_("Only the committee and the secretariat comment."))
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write the comment.")})
    message = ApplicationMessage.objects.create(
        application=application, kind=ApplicationMessage.Kind.COMMENT, author=by, body=body
    )
    audit_record(actor=by, action="members.application.commented", obj=application)
    return message


@transaction.atomic
def application_withdraw(*, application: Application, by: User, reason: str = "") -> Application:
    """The applicant withdraws an application that has not been decided."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.applicant_id != by.pk:
        raise PermissionDenied(_("Only the applicant withdraws an application."))
    if application.status not in (*Application.EDITABLE, Application.Status.SUBMITTED):
        raise ValidationError(_("This application has already been decided."))
    before = {"status": application.status}
    application.status = Application.Status.WITHDRAWN
    application.version = F("version") + 1
    application.save(update_fields=["status", "version", "updated_at"])
    audit_record(
        actor=by,
        action="members.application.withdrawn",
        obj=application,
        before=before,
        after={"status": Application.Status.WITHDRAWN},
        reason=reason,
    )
    return application
