"""Writes for needs and offers; and telling the authors of open needs when a newly
published experience answers one of them."""

from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record, snapshot
from tashbeek.members.models import Organisation
from tashbeek.members.rules import acts_for
from tashbeek.notifications.services import notify
from tashbeek.search.analysis import detect_language
from tashbeek.search.matching import match
from tashbeek.search.services import index_refresh

from .models import Need, Offer

N = TypeVar("N", Need, Offer)

NEED_FIELDS = ["organisation", "title", "description", "language", "urgency", "visibility"]
OFFER_FIELDS = ["organisation", "title", "description", "language"]
# How close an experience must be to a need before its authors are told (closeness on USE
# v3's cosine scale, see search.vectors).
NOTIFY_SIMILARITY = 0.5
NOTIFY_TERMS = 4


def _check_organisation(by: User, organisation: Organisation | None) -> None:
    if organisation is None:
        raise ValidationError({"organisation": _("Choose your organisation.")}, code="required")
    if not acts_for(by, organisation):
        raise PermissionDenied(_("You write for your own organisation only."))


def _save(
    model: type[N], *, by: User, data: dict, item: N | None, fields: list[str], perm: str
) -> N:
    data = dict(data)
    themes = data.pop("themes", None)
    creating = item is None
    if item is None:
        if not by.has_perm(f"needs.add_{perm}"):
            raise PermissionDenied
        item, before = model(created_by=by), {}
    else:
        if not by.has_perm(f"needs.change_{perm}", item):
            raise PermissionDenied
        item = model.objects.select_for_update().get(pk=item.pk)
        before = snapshot(item, [*fields, "themes"])
    _check_organisation(by, data.get("organisation", getattr(item, "organisation", None)))
    for key, value in data.items():
        setattr(item, key, value.strip() if isinstance(value, str) else value)
    if not item.language:
        item.language = detect_language(f"{item.title} {item.description}")
    item.full_clean(exclude=["created_by"])
    item.save()
    if themes is not None:
        item.themes.set(themes)
    action = "created" if creating else "updated"
    audit_record(
        actor=by,
        action=f"needs.{perm}.{action}",
        obj=item,
        before=before,
        after=snapshot(item, [*fields, "themes"]),
    )
    index_refresh(item)
    return item


@transaction.atomic
def need_save(*, by: User, data: dict, need: Need | None = None) -> Need:
    """Post a need (need=None) or change one."""
    return _save(Need, by=by, data=data, item=need, fields=NEED_FIELDS, perm="need")


@transaction.atomic
def offer_save(*, by: User, data: dict, offer: Offer | None = None) -> Offer:
    """Declare an offer of expertise (offer=None) or change one."""
    return _save(Offer, by=by, data=data, item=offer, fields=OFFER_FIELDS, perm="offer")


@transaction.atomic
def need_set_status(*, by: User, need: Need, status: str, reason: str = "") -> Need:
    """Mark a need solved or closed (or open it again)."""
    if not by.has_perm("needs.change_need", need):
        raise PermissionDenied
    if status not in Need.Status.values:
        raise ValidationError({"status": _("Choose a status.")}, code="invalid")
    need = Need.objects.select_for_update().get(pk=need.pk)
    before = {"status": need.status}
    need.status = status
    need.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=by,
        action="needs.need.status",
        obj=need,
        before=before,
        after={"status": status},
        reason=reason.strip(),
    )
    index_refresh(need)
    return need


@transaction.atomic
def offer_withdraw(*, by: User, offer: Offer) -> Offer:
    if not by.has_perm("needs.change_offer", offer):
        raise PermissionDenied
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    offer.active = False
    offer.save(update_fields=["active", "updated_at"])
    audit_record(
        actor=by,
        action="needs.offer.withdrawn",
        obj=offer,
        before={"active": True},
        after={"active": False},
    )
    index_refresh(offer)
    return offer


def tell_needs_about(experience: Any) -> int:  # an Experience, from the app above
    """Notify the authors of open needs that this newly published experience answers.
    Returns how many needs were told. Needs of the experience's own organisation are left
    out; an experience must be close in meaning, or share several words, to count."""
    text = f"{experience.title}. {experience.summary}"
    found = match(user=None, text=text, kinds=("need",), limit=20)
    close = [
        item
        for item in found
        if (item.similarity or 0) >= NOTIFY_SIMILARITY or len(item.matched_terms) >= NOTIFY_TERMS
    ]
    needs = Need.objects.filter(
        pk__in=[item.entry.object_id for item in close], status=Need.Status.OPEN
    ).select_related("created_by")
    told = 0
    for need in needs:
        if need.organisation_id == experience.organisation_id or need.created_by is None:
            continue
        notify(
            users=[need.created_by],
            action="needs.need.matched",
            message=gettext_noop(
                "A newly published experience may answer your need “%(need)s”: %(experience)s"
            ),
            context={"need": need.title, "experience": experience.title},
            url=experience.get_absolute_url(),
        )
        told += 1
    return told
