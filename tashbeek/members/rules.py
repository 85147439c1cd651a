"""Who may do what with organisations (django-rules predicates, composed per permission)."""

import rules

from tashbeek.core.permissions import is_committee_member, is_secretariat

from .models import Affiliation, Organisation


def affiliations_of(user) -> dict[int, tuple[str, str, str]]:
    """{organisation id: (role, relation, membership status)} for a user, memoised per request."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cached = getattr(user, "_tashbeek_affiliations", None)
    if cached is None:
        rows = Affiliation.objects.filter(user=user).values_list(
            "organisation_id", "role", "organisation__relation", "organisation__membership_status"
        )
        cached = {org_id: (role, relation, status) for org_id, role, relation, status in rows}
        user._tashbeek_affiliations = cached
    return cached


@rules.predicate
def is_focal_person_of(user, organisation: Organisation | None) -> bool:
    if organisation is None:
        return False
    entry = affiliations_of(user).get(organisation.pk)
    return bool(entry) and entry[0] == Affiliation.Role.FOCAL


@rules.predicate
def is_staff_of(user, organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.pk in affiliations_of(user)


@rules.predicate
def works_for_active_member(user) -> bool:
    return any(
        relation == Organisation.Relation.MEMBER and status == Organisation.Status.ACTIVE
        for _role, relation, status in affiliations_of(user).values()
    )


# "Signed-in members": people of an active member, the committee and the secretariat.
is_network_member = works_for_active_member | is_committee_member | is_secretariat

rules.add_perm("members.view_organisation", rules.always_allow)
rules.add_perm("members.add_organisation", is_secretariat)
rules.add_perm("members.change_organisation", is_focal_person_of | is_secretariat)
rules.add_perm("members.delete_organisation", is_secretariat)
rules.add_perm("members.view_staff_contacts", is_network_member | is_staff_of)
rules.add_perm("members.invite_staff", is_focal_person_of | is_secretariat)
rules.add_perm("members.invite_focal_person", is_secretariat)
rules.add_perm("members.remove_staff", is_focal_person_of | is_secretariat)
rules.add_perm("members.view_region", rules.always_allow)
rules.add_perm("members.change_region", is_secretariat)
rules.add_perm("members.view_affiliation", is_secretariat)
rules.add_perm("members.change_affiliation", is_secretariat)
rules.add_perm("members.view_invitation", is_secretariat)
