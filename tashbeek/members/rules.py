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
    return entry is not None and entry[0] == Affiliation.Role.FOCAL


@rules.predicate
def is_staff_of(user, organisation: Organisation | None) -> bool:
    return organisation is not None and organisation.pk in affiliations_of(user)


# Who may name an organisation as the author or party of what they write (a document, a
# need, an experience): its own staff, or the secretariat acting for the network.
acts_for = is_staff_of | is_secretariat


@rules.predicate
def works_for_active_member(user) -> bool:
    return any(
        relation == Organisation.Relation.MEMBER and status == Organisation.Status.ACTIVE
        for _role, relation, status in affiliations_of(user).values()
    )


# "Signed-in members": people of an active member, the committee and the secretariat.
is_network_member = works_for_active_member | is_committee_member | is_secretariat

rules.add_perm("members.add_organisation", is_secretariat)
rules.add_perm("members.change_organisation", is_focal_person_of | is_secretariat)
rules.add_perm("members.view_staff_contacts", is_network_member | is_staff_of)
rules.add_perm("members.invite_staff", is_focal_person_of | is_secretariat)
rules.add_perm("members.invite_focal_person", is_secretariat)
rules.add_perm("members.remove_staff", is_focal_person_of | is_secretariat)


# Applications and membership decisions. The committee decides; the secretariat follows the
# queue and the documents with it; the applicant sees their own file.
@rules.predicate
def is_applicant(user, application) -> bool:
    return application is not None and application.applicant_id == user.pk


@rules.predicate
def is_editable(user, application) -> bool:
    return application is not None and application.is_editable


@rules.predicate
def works_for_applicant_organisation(user, application) -> bool:
    return application is not None and application.organisation_id in affiliations_of(user)


is_reviewer = is_committee_member | is_secretariat

rules.add_perm("members.apply", rules.is_authenticated)
rules.add_perm("members.change_application", is_applicant & is_editable)
rules.add_perm("members.answer_application", is_applicant)
rules.add_perm("members.review_application", is_reviewer)
rules.add_perm("members.decide_application", is_committee_member)
rules.add_perm("members.view_membership", is_staff_of | is_reviewer)
rules.add_perm("members.decide_membership", is_committee_member)
rules.add_perm("members.withdraw_membership", is_focal_person_of)
# Dues: the secretariat keeps the books; the committee sees arrears; a member its own.
rules.add_perm("members.manage_dues", is_secretariat)
rules.add_perm("members.view_all_dues", is_reviewer)
rules.add_perm("members.view_dues", is_staff_of | is_reviewer)
