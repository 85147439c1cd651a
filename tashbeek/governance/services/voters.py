"""Who votes for an organisation, and the network's voting rules."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record
from tashbeek.members.models import Organisation

from ..models import VoterDelegation, VotingRules


@transaction.atomic
def delegation_set(
    *, by: User, organisation: Organisation, person: User | None = None
) -> VoterDelegation | None:
    """The focal person names who votes for the organisation (None: the focal person again)."""
    if not by.has_perm("governance.delegate_vote", organisation):
        raise PermissionDenied(_("Only the organisation's focal person delegates its vote."))
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    current = VoterDelegation.objects.filter(organisation=organisation).first()
    before = {"person": current.person_id} if current else {}
    if person is None:
        if current:
            current.delete()
        delegation = None
    else:
        if not organisation.affiliations.filter(user=person).exists():
            raise ValidationError({"person": _("Delegate to a person of the organisation.")})
        delegation, _created = VoterDelegation.objects.update_or_create(
            organisation=organisation, defaults={"person": person, "delegated_by": by}
        )
    audit_record(
        actor=by,
        action="governance.voter.delegated",
        obj=organisation,
        before=before,
        after={"person": person.pk} if person else {},
    )
    return delegation


@transaction.atomic
def voting_rules_set(*, by: User, arrears_years: int | None) -> VotingRules:
    if not by.has_perm("governance.manage_bodies"):
        raise PermissionDenied(_("Only the secretariat sets the voting rules."))
    if arrears_years is not None and not 1 <= arrears_years <= 20:
        raise ValidationError({"arrears_years": _("Give a number of years between 1 and 20.")})
    rules, _created = VotingRules.objects.select_for_update().get_or_create(pk=1)
    before = {"arrears_years": rules.arrears_years}
    rules.arrears_years = arrears_years
    rules.save()
    audit_record(
        actor=by,
        action="governance.rules.updated",
        obj=rules,
        before=before,
        after={"arrears_years": arrears_years},
    )
    return rules
