"""What the cooperation services share: the rows that belong to a project or a shared
service are checked against their owner, then saved and audited one way."""

from django.core.exceptions import PermissionDenied

from tashbeek.accounts.models import User
from tashbeek.core.audit import M, audited_save, snapshot

from ..models import Project, SharedService


def must(by: User, perm: str, owner: Project | SharedService | None, message: str) -> None:
    if not by.has_perm(perm, owner):
        raise PermissionDenied(message)


def owned_save(
    *,
    by: User,
    perm: str,
    owner: Project | SharedService | None,
    obj: M,
    data: dict,
    fields: list[str],
    actions: tuple[str, str],
    message: str,
) -> M:
    """Create or change a row of `owner` (a budget line, a milestone, an indicator…): refused
    with `message` without `perm` on the owner, else saved with one audit entry."""
    must(by, perm, owner, message)
    before = snapshot(obj, fields) if obj.pk else {}
    for key, value in data.items():
        setattr(obj, key, value)
    return audited_save(obj, by=by, fields=fields, before=before, actions=actions)
