"""Writes for experiences: drafting, files, review and publication, "ask the authors"."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tashbeek.accounts.models import User
from tashbeek.communities.services import coordinators_of
from tashbeek.core.audit import audit_record, snapshot
from tashbeek.core.files import (
    LIBRARY_TYPES,
    download_name,
    stored_content,
    validate_document_upload,
)
from tashbeek.core.mail import send_localised, send_with_change
from tashbeek.core.permissions import SECRETARIAT, is_secretariat
from tashbeek.members.models import Affiliation, Organisation
from tashbeek.members.rules import acts_for, is_staff_of
from tashbeek.needs.services import tell_needs_about
from tashbeek.notifications.services import notify
from tashbeek.search.services import index_refresh

from .models import AuthorQuestion, Experience, ExperienceFile, ExperienceReview
from .rules import is_owner, is_reviewer

# In the order the form shows them; the form and the API both read this list.
FIELDS = [
    "organisation",
    "language",
    "title",
    "summary",
    "problem",
    "context",
    "solution",
    "steps",
    "partners",
    "cost",
    "currency",
    "funding",
    "results",
    "lessons",
    "contact",
    "transfer_status",
    "themes",
    "communities",
    "events",
    "source_url",
]
RELATED = ["themes", "communities", "events"]
TEXT_FIELDS = [f for f in FIELDS if f not in ("organisation", "contact", *RELATED)]
MAX_FILES = 20
QUESTIONS_PER_HOUR = 5


class StaleExperience(ValidationError):
    def __init__(self) -> None:
        super().__init__(_("This experience has changed since you opened it."), code="stale")


def _check_people(by: User, organisation: Organisation | None, contact: User | None) -> None:
    if organisation is not None and not acts_for(by, organisation):
        raise PermissionDenied(_("You write experiences for your own organisation only."))
    if organisation is None and not is_secretariat(by):
        raise ValidationError({"organisation": _("Choose your organisation.")}, code="required")
    if contact is not None and contact.pk != by.pk:
        works_there = (
            organisation is not None
            and Affiliation.objects.filter(user=contact, organisation=organisation).exists()
        )
        if not works_there:
            raise ValidationError(
                {"contact": _("The contact person must work for the organisation.")},
                code="invalid",
            )


def _apply(experience: Experience, data: dict) -> dict:
    related = {key: data.pop(key) for key in RELATED if key in data}
    for key, value in data.items():
        setattr(experience, key, value.strip() if isinstance(value, str) else value)
    if experience.cost is not None and not experience.currency:
        raise ValidationError({"currency": _("Give the currency of the cost.")}, code="required")
    experience.full_clean(exclude=["created_by", "external_id"])
    return related


@transaction.atomic
def experience_save(*, by: User, data: dict, experience: Experience | None = None) -> Experience:
    """Create a draft (experience=None) or change one; relations replace the previous ones."""
    data = dict(data)
    creating = experience is None
    if experience is None:
        if not by.has_perm("experiences.add_experience"):
            raise PermissionDenied
        experience = Experience(created_by=by)
        before = {}
    else:
        if not by.has_perm("experiences.change_experience", experience):
            raise PermissionDenied
        experience = Experience.objects.select_for_update().get(pk=experience.pk)
        before = snapshot(experience, FIELDS)
    organisation = data.get("organisation", experience.organisation)
    _check_people(by, organisation, data.get("contact", experience.contact))
    related = _apply(experience, data)
    experience.save()
    for key, values in related.items():
        getattr(experience, key).set(values)
    after = snapshot(experience, FIELDS)
    audit_record(
        actor=by,
        action="experiences.experience.created" if creating else "experiences.experience.updated",
        obj=experience,
        before=before,
        after=after,
    )
    if not creating and experience.status == Experience.Status.PUBLISHED:
        _tell_reviewers(
            experience,
            by,
            gettext_noop("The published experience “%(experience)s” was changed by its authors."),
        )
    index_refresh(experience)
    return experience


def _reviewers(experience: Experience) -> list:
    from django.contrib.auth import get_user_model

    people = {u.pk: u for c in experience.communities.all() for u in coordinators_of(c)}
    if not people:
        secretariat = get_user_model().objects.filter(groups__name=SECRETARIAT, is_active=True)
        people = {u.pk: u for u in secretariat}
    return [u for u in people.values() if not is_staff_of(u, experience.organisation)]


def _tell_reviewers(experience: Experience, by: User, message: str) -> None:
    notify(
        users=[u for u in _reviewers(experience) if u.pk != by.pk],
        action="experiences.experience.review",
        message=message,
        context={"experience": experience.title},
        url=experience.get_absolute_url(),
    )


def _lock(experience: Experience, status: str) -> Experience:
    """The row, locked, in the state `status` the person acted on; else StaleExperience."""
    locked = Experience.objects.select_for_update().get(pk=experience.pk)
    if locked.status != status:
        raise StaleExperience
    return locked


@transaction.atomic
def experience_submit(*, by: User, experience: Experience) -> Experience:
    """The authors send their draft for review."""
    if not is_owner(by, experience):
        raise PermissionDenied
    experience = _lock(experience, Experience.Status.DRAFT)
    missing = [
        str(getattr(Experience._meta.get_field(name), "verbose_name", name))
        for name in ("problem", "solution", "results")
        if not getattr(experience, name)
    ]
    if missing:
        raise ValidationError(
            _("Before review, complete: %(fields)s.") % {"fields": ", ".join(missing)},
            code="incomplete",
        )
    experience.status = Experience.Status.REVIEW
    experience.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=by,
        action="experiences.experience.submitted",
        obj=experience,
        before={"status": "draft"},
        after={"status": "review"},
    )
    _tell_reviewers(
        experience, by, gettext_noop("The experience “%(experience)s” is waiting for review.")
    )
    return experience


@transaction.atomic
def experience_review(
    *, by: User, experience: Experience, decision: str, comments: str = ""
) -> ExperienceReview:
    """Publish the experience, or return it to its authors with comments."""
    if decision not in ExperienceReview.Decision.values:
        raise ValidationError(_("Unknown decision."), code="invalid")
    if not is_reviewer(by, experience):
        raise PermissionDenied
    experience = _lock(experience, Experience.Status.REVIEW)
    comments = comments.strip()
    if decision == ExperienceReview.Decision.RETURN and not comments:
        raise ValidationError({"comments": _("Say what should change.")}, code="required")
    publish = decision == ExperienceReview.Decision.PUBLISH
    experience.status = Experience.Status.PUBLISHED if publish else Experience.Status.DRAFT
    if publish:
        experience.published_at = timezone.now()
    experience.save(update_fields=["status", "published_at", "updated_at"])
    review = ExperienceReview.objects.create(
        experience=experience, reviewer=by, decision=decision, comments=comments
    )
    audit_record(
        actor=by,
        action=f"experiences.experience.{'published' if publish else 'returned'}",
        obj=experience,
        before={"status": "review"},
        after={"status": experience.status},
        reason=comments,
    )
    notify(
        users=[experience.created_by, experience.contact],
        action=f"experiences.experience.{decision}",
        message=gettext_noop("Your experience “%(experience)s” is published.")
        if publish
        else gettext_noop("Your experience “%(experience)s” was returned: %(comments)s"),
        context={"experience": experience.title, "comments": comments},
        url=experience.get_absolute_url(),
    )
    index_refresh(experience)
    if experience.status == Experience.Status.PUBLISHED:
        tell_needs_about(experience)
    return review


@transaction.atomic
def experience_unpublish(*, by: User, experience: Experience, reason: str) -> Experience:
    """The secretariat takes a published experience back to draft, with a reason."""
    experience = _lock(experience, Experience.Status.PUBLISHED)
    if not by.has_perm("experiences.unpublish_experience", experience):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"comments": _("Give the reason.")}, code="required")
    experience.status = Experience.Status.DRAFT
    experience.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=by,
        action="experiences.experience.unpublished",
        obj=experience,
        before={"status": "published"},
        after={"status": "draft"},
        reason=reason.strip(),
    )
    index_refresh(experience)
    return experience


@transaction.atomic
def file_add(
    *, by: User, experience: Experience, upload: UploadedFile, caption: str = ""
) -> ExperienceFile:
    if not by.has_perm("experiences.change_experience", experience):
        raise PermissionDenied
    experience = Experience.objects.select_for_update().get(pk=experience.pk)
    if experience.files.count() >= MAX_FILES:
        raise ValidationError(
            _("At most %(n)s photos and attachments.") % {"n": MAX_FILES}, code="too_many"
        )
    content_type = validate_document_upload(
        upload, allowed=LIBRARY_TYPES, limit=settings.LIBRARY_MAX_BYTES
    )
    raw_name = get_valid_filename((upload.name or "file").rsplit("/", 1)[-1])[-200:] or "file"
    name = download_name(raw_name, content_type)
    content = stored_content(upload, content_type)
    attached = ExperienceFile(
        experience=experience,
        content_type=content_type,
        size=content.size,
        filename=name,
        caption=caption.strip()[:255],
        uploaded_by=by,
    )
    attached.file.save(name, content, save=False)
    attached.save()
    audit_record(
        actor=by,
        action="experiences.experience.file_added",
        obj=experience,
        after={"file": name, "type": content_type},
    )
    return attached


@transaction.atomic
def file_remove(*, by: User, attached: ExperienceFile) -> None:
    experience = attached.experience
    if not by.has_perm("experiences.change_experience", experience):
        raise PermissionDenied
    name = attached.filename
    stored = attached.file.name
    attached.delete()
    transaction.on_commit(lambda: attached.file.storage.delete(stored))
    audit_record(
        actor=by,
        action="experiences.experience.file_removed",
        obj=experience,
        before={"file": name},
    )


@transaction.atomic
def ask_authors(*, by: User, experience: Experience, message: str) -> AuthorQuestion:
    """Pass a question to the contact person. Their address stays hidden; the e-mail's
    Reply-To is the sender's, so the answer goes straight back."""
    if not by.has_perm("experiences.ask_authors", experience):
        raise PermissionDenied
    message = message.strip()
    if not message:
        raise ValidationError({"message": _("Write your question.")}, code="required")
    since = timezone.now() - datetime.timedelta(hours=1)
    if (
        AuthorQuestion.objects.filter(sender=by, created_at__gte=since).count()
        >= QUESTIONS_PER_HOUR
    ):
        raise ValidationError(
            _("You have sent many questions in the last hour. Try again later."), code="throttled"
        )
    contact = experience.contact
    if contact is None:  # the rule above already refuses an experience without one
        raise PermissionDenied
    question = AuthorQuestion.objects.create(experience=experience, sender=by, message=message)
    context = {"person": by.full_name, "experience": experience.title}
    notify(
        users=[contact],
        action="experiences.experience.question",
        message=gettext_noop("%(person)s asks about your experience “%(experience)s”."),
        context=context,
        url=experience.get_absolute_url(),
        email=False,
    )
    send_with_change(lambda: _send_question(question, contact))
    audit_record(
        actor=by,
        action="experiences.experience.question_sent",
        obj=experience,
        after={"to": contact.pk},
    )
    return question


def _send_question(question: AuthorQuestion, contact: User) -> None:
    with translation.override(contact.preferred_language):
        send_localised(
            to=contact.email,
            language=contact.preferred_language,
            template="experiences/email/question",
            context={"question": question, "contact": contact, "sender": question.sender},
            reply_to=question.sender.email,
        )
