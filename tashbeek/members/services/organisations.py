"""Writes for organisations and their staff. Each is one transaction with an audit entry;
e-mails leave only after the transaction commits."""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record, audited_save, snapshot
from tashbeek.core.i18n import clean_translations
from tashbeek.core.mail import send_localised, send_with_change
from tashbeek.core.models import Theme
from tashbeek.core.text import normalise, search_key
from tashbeek.search.services import index_refresh

from ..models import Affiliation, Invitation, Organisation

# Every field a profile edit may change, in the order the edit form shows them.
PROFILE_FIELDS = [
    "names",
    "kind",
    "relation",
    "membership_status",
    "member_since",
    "parent",
    "country",
    "region",
    "population",
    "population_year",
    "area_km2",
    "languages",
    "website",
    "email",
    "phone",
    "address",
    "latitude",
    "longitude",
    "logo",
    "themes",
    "descriptions",
]
# Fields only the secretariat changes (membership decisions belong to the committee's process).
SECRETARIAT_FIELDS = {"relation", "membership_status", "member_since", "kind", "parent"}
INVITATION_DAYS = 14


def organisation_index_names(organisation: Organisation) -> None:
    """Derive the search and sort keys from the names in every language (not saved here)."""
    names = organisation.names or {}
    organisation.search_name = search_key(text for text in names.values() if text)
    primary = names.get(settings.LANGUAGE_CODE) or next(iter(names.values()), "")
    organisation.sort_name = normalise(primary)[:255]


def _apply(organisation: Organisation, data: dict) -> list[Theme] | None:
    themes = data.pop("themes", None)
    for key in ("names", "descriptions"):
        if key in data:
            data[key] = clean_translations(data[key])
    if "relation" in data and data["relation"] == Organisation.Relation.PARTNER:
        data["membership_status"] = ""
        data["member_since"] = None
    for key, value in data.items():
        setattr(organisation, key, value)
    if not organisation.names:
        raise ValidationError({"names": _("Give the name in at least one language.")})
    if organisation.is_member and not organisation.membership_status:
        organisation.membership_status = Organisation.Status.ACTIVE
    organisation_index_names(organisation)
    return themes


@transaction.atomic
def organisation_create(*, by: User, data: dict) -> Organisation:
    """Add a member or partner to the directory (the secretariat's action)."""
    organisation = Organisation()
    themes = _apply(organisation, dict(data))
    organisation.full_clean(exclude=["logo"])
    organisation.save()
    if themes is not None:
        organisation.themes.set(themes)
    audit_record(
        actor=by,
        action="members.organisation.created",
        obj=organisation,
        after=snapshot(organisation, PROFILE_FIELDS),
    )
    index_refresh(organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, by: User, data: dict, reason: str = ""
) -> Organisation:
    """Change a profile; fields reserved to the secretariat are refused to others."""
    reserved = SECRETARIAT_FIELDS & set(data)
    if reserved and not by.has_perm("members.add_organisation"):
        changed = {k for k in reserved if data[k] != getattr(organisation, k)}
        if changed:
            raise PermissionDenied(_("Only the secretariat changes membership and kind."))
        data = {k: v for k, v in data.items() if k not in reserved}
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = snapshot(organisation, PROFILE_FIELDS)
    themes = _apply(organisation, dict(data))
    audited_save(
        organisation,
        by=by,
        fields=PROFILE_FIELDS,
        before=before,
        actions=("members.organisation.updated", "members.organisation.updated"),
        related={} if themes is None else {"themes": themes},
        exclude=["logo"],
        reason=reason,
        skip_unchanged=True,
    )
    index_refresh(organisation)
    return organisation


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def staff_invite(
    *, organisation: Organisation, by: User, email: str, role: str, title: str = ""
) -> Invitation:
    """Invite a person by e-mail to join the organisation's staff (or as focal person)."""
    if role == Affiliation.Role.FOCAL and not by.has_perm("members.invite_focal_person"):
        raise PermissionDenied(_("Only the secretariat designates a focal person."))
    email = email.strip().lower()
    if organisation.affiliations.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person already works for this organisation.")})
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        title=title,
        invited_by=by,
        token_hash=_token_hash(token),
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
    )
    audit_record(
        actor=by,
        action="members.invitation.sent",
        obj=organisation,
        after={"email": email, "role": role, "title": title},
    )
    existing = get_user_model().objects.filter(email__iexact=email).first()
    language = existing.preferred_language if existing else get_language()
    link = reverse("members:invitation", kwargs={"token": token})
    send_with_change(
        lambda: send_localised(
            to=email,
            language=language,
            template="members/email/invitation",
            context={
                "organisation": organisation,
                "link": link,
                "inviter": by,
                "role": invitation.get_role_display,
                "days": INVITATION_DAYS,
            },
            reply_to=by.email,
        )
    )
    return invitation


def invitation_from_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("organisation")
        .filter(
            token_hash=_token_hash(token), accepted_at__isnull=True, expires_at__gt=timezone.now()
        )
        .first()
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Affiliation:
    """The invited person (signed in with the invited address) joins the organisation."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError(_("This invitation has already been used."))
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            _("This invitation was sent to another e-mail address. Sign in with that address.")
        )
    affiliation, _created = Affiliation.objects.update_or_create(
        user=user,
        organisation=invitation.organisation,
        defaults={"role": invitation.role, "title": invitation.title},
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(
        actor=user,
        action="members.affiliation.created",
        obj=invitation.organisation,
        after={"user": user.pk, "role": affiliation.role, "title": affiliation.title},
    )
    return affiliation


@transaction.atomic
def affiliation_remove(*, affiliation: Affiliation, by: User, reason: str = "") -> None:
    """Remove a person from an organisation's staff."""
    if affiliation.role == Affiliation.Role.FOCAL and not by.has_perm(
        "members.invite_focal_person"
    ):
        raise PermissionDenied(_("Only the secretariat removes a focal person."))
    before = {"user": affiliation.user_id, "role": affiliation.role, "title": affiliation.title}
    organisation = affiliation.organisation
    affiliation.delete()
    audit_record(
        actor=by,
        action="members.affiliation.removed",
        obj=organisation,
        before=before,
        reason=reason,
    )
