"""Writes for agreements: declared by one party, confirmed by each other party, signed when
all confirmed, ended with a reason; the signed document is checked by its content."""

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record, audited_save, snapshot
from tashbeek.core.counters import counter_bump
from tashbeek.core.files import LIBRARY_TYPES, stored_content, validate_document_upload
from tashbeek.core.i18n import clean_translations
from tashbeek.core.permissions import is_secretariat
from tashbeek.members.models import Affiliation, Organisation
from tashbeek.members.rules import acts_for, is_focal_person_of
from tashbeek.members.services import organisation_create
from tashbeek.notifications.services import notify
from tashbeek.search.services import index_refresh

from ..models import Agreement, AgreementParty
from ..selectors import GRAPH_VERSION

AGREEMENT_FIELDS = [
    "kind",
    "titles",
    "texts",
    "themes",
    "signed_on",
    "starts_on",
    "ends_on",
    "renewal",
    "document_public",
]


def _focal_people(organisation_ids: Iterable[int]) -> list[User]:
    return [
        a.user
        for a in Affiliation.objects.filter(
            organisation_id__in=organisation_ids, role=Affiliation.Role.FOCAL
        ).select_related("user")
    ]


PARTNER_KINDS = (
    Organisation.Kind.GOVERNMENT,
    Organisation.Kind.ASSOCIATION,
    Organisation.Kind.COMPANY,
    Organisation.Kind.ACADEMIC,
    Organisation.Kind.DONOR,
    Organisation.Kind.MUNICIPALITY,
)


def _new_partner(by: User, spec: dict) -> Organisation:
    """A party not yet in the directory joins it as a partner (a ministry, an association,
    a company, a university, a donor or a commune abroad), with the declaring person's
    audit entry; the secretariat completes its profile later."""
    if spec.get("kind") not in PARTNER_KINDS:
        raise ValidationError({"new_partner_kind": _("Choose the kind of partner.")})
    return organisation_create(
        by=by,
        data={
            "names": spec.get("names"),
            "kind": spec["kind"],
            "country": spec.get("country") or "",
            "relation": Organisation.Relation.PARTNER,
        },
    )


@transaction.atomic
def agreement_declare(
    *,
    by: User,
    declared_by: Organisation,
    parties: list[Organisation],
    data: dict,
    document: UploadedFile | None = None,
    new_partners: Sequence[dict] = (),
) -> Agreement:
    """One party declares an agreement with the others; its own confirmation is given, the
    others' focal persons are asked for theirs. `new_partners` ({"names", "kind",
    "country"}) are parties added to the directory as partners on the way."""
    if not acts_for(by, declared_by):
        raise PermissionDenied(_("You may declare agreements only for your own organisation."))
    parties = list(parties) + [_new_partner(by, spec) for spec in new_partners]
    others = {p.pk: p for p in parties if p.pk != declared_by.pk}
    if not others:
        raise ValidationError({"parties": _("An agreement needs at least one other party.")})
    data = dict(data)
    themes = data.pop("themes", [])
    agreement = Agreement(declared_by=declared_by, created_by=by)
    _assign(agreement, data)
    agreement = audited_save(
        agreement,
        by=by,
        fields=AGREEMENT_FIELDS,
        before={},
        actions=("cooperation.agreement.declared", ""),
        related={"themes": themes},
    )
    now = timezone.now()
    AgreementParty.objects.bulk_create(
        [
            AgreementParty(
                agreement=agreement, organisation=declared_by, confirmed_at=now, confirmed_by=by
            )
        ]
        + [AgreementParty(agreement=agreement, organisation=o) for o in others.values()]
    )
    if document is not None:
        _store_document(agreement, document)
    notify(
        users=_focal_people(others),
        action="cooperation.agreement.declared",
        message=gettext_noop("%(party)s declared an agreement with you, to confirm: %(title)s."),
        context={"party": declared_by.names, "title": agreement.titles},
        url=agreement.get_absolute_url(),
    )
    return agreement


def _assign(agreement: Agreement, data: dict) -> None:
    for key in ("titles", "texts"):
        if key in data:
            data[key] = clean_translations(data[key])
    for key, value in data.items():
        setattr(agreement, key, value)
    if not agreement.titles:
        raise ValidationError({"titles": _("Give the title in at least one language.")})
    if agreement.starts_on and agreement.ends_on and agreement.ends_on < agreement.starts_on:
        raise ValidationError({"ends_on": _("An agreement cannot end before it starts.")})


@transaction.atomic
def agreement_update(
    *, by: User, agreement: Agreement, data: dict, document: UploadedFile | None = None
) -> Agreement:
    """The declaring party corrects its declaration while it awaits confirmation."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not by.has_perm("cooperation.change_agreement", agreement):
        raise PermissionDenied(
            _("Only the declaring party changes an agreement, before it is signed.")
        )
    data = dict(data)
    related = {"themes": data.pop("themes")} if "themes" in data else {}
    before = snapshot(agreement, AGREEMENT_FIELDS)
    _assign(agreement, data)
    audited_save(
        agreement,
        by=by,
        fields=AGREEMENT_FIELDS,
        before=before,
        actions=("", "cooperation.agreement.updated"),
        related=related,
    )
    if document is not None:
        _store_document(agreement, document)
    index_refresh(agreement)
    counter_bump(GRAPH_VERSION)
    return agreement


def _store_document(agreement: Agreement, upload: UploadedFile) -> None:
    content_type = validate_document_upload(upload, allowed=LIBRARY_TYPES)
    name = upload.name or "document"
    agreement.document.save(name, stored_content(upload, content_type), save=False)
    agreement.document_type = content_type
    agreement.document_name = name[:255]
    agreement.save(update_fields=["document", "document_type", "document_name"])


@transaction.atomic
def agreement_confirm(*, by: User, agreement: Agreement, organisation: Organisation) -> Agreement:
    """A party confirms (its focal person, or the secretariat for a party without one); the
    last confirmation signs the agreement."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    party = agreement.parties.filter(organisation=organisation).first()
    allowed = is_secretariat(by) or is_focal_person_of(by, organisation)
    if party is None or not allowed:
        raise PermissionDenied(_("Only a party's focal person confirms for that party."))
    if agreement.status != Agreement.Status.PROPOSED or party.confirmed_at:
        raise ValidationError(_("This agreement needs no confirmation from this party."))
    party.confirmed_at, party.confirmed_by = timezone.now(), by
    party.save(update_fields=["confirmed_at", "confirmed_by"])
    audit_record(
        actor=by,
        action="cooperation.agreement.confirmed",
        obj=agreement,
        before={},
        after={"party": organisation.pk},
    )
    if not agreement.parties.filter(confirmed_at__isnull=True).exists():
        agreement.status = Agreement.Status.SIGNED
        agreement.signed_on = agreement.signed_on or timezone.localdate()
        agreement.save(update_fields=["status", "signed_on"])
        audit_record(
            actor=by,
            action="cooperation.agreement.signed",
            obj=agreement,
            before={"status": Agreement.Status.PROPOSED},
            after={"status": agreement.status, "signed_on": str(agreement.signed_on)},
        )
        notify(
            users=_focal_people(agreement.parties.values_list("organisation_id", flat=True)),
            action="cooperation.agreement.signed",
            message=gettext_noop("Every party confirmed the agreement: %(title)s."),
            context={"title": agreement.titles},
            url=agreement.get_absolute_url(),
        )
        index_refresh(agreement)  # signed: now public, so searchable
        counter_bump(GRAPH_VERSION)  # and drawn in the graph
    return agreement


@transaction.atomic
def agreement_end(
    *, by: User, agreement: Agreement, reason: str, ended_on: datetime.date | None = None
) -> Agreement:
    """End a signed agreement, or withdraw a proposed one, always with the reason."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not by.has_perm("cooperation.end_agreement", agreement):
        raise PermissionDenied(
            _("Only a party's focal person or the secretariat ends an agreement.")
        )
    if agreement.status == Agreement.Status.ENDED:
        raise ValidationError(_("This agreement has already ended."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})
    before = {"status": agreement.status}
    agreement.status = Agreement.Status.ENDED
    agreement.end_reason = reason.strip()
    agreement.ended_on = ended_on or timezone.localdate()
    agreement.save(update_fields=["status", "end_reason", "ended_on"])
    audit_record(
        actor=by,
        action="cooperation.agreement.ended",
        obj=agreement,
        before=before,
        after={"status": agreement.status},
        reason=agreement.end_reason,
    )
    index_refresh(agreement)
    counter_bump(GRAPH_VERSION)
    return agreement
