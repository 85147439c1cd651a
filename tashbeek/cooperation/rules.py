"""Who may do what in cooperation. A party's staff declare and follow its agreements, and
its focal person confirms or ends them; a project's partners edit it and post updates; the
lead manages the money; the secretariat sees and may do all; residents read what is public."""

import rules

from tashbeek.core.permissions import is_committee_member, is_secretariat
from tashbeek.members.models import Affiliation
from tashbeek.members.rules import affiliations_of, is_network_member

from .models import Agreement, Project


def _organisations(user) -> set[int]:
    return set(affiliations_of(user))


def party_ids(agreement: Agreement) -> set[int]:
    cached = getattr(agreement, "_party_ids", None)
    if cached is None:
        cached = {party.organisation_id for party in agreement.parties.all()}
        agreement._party_ids = cached
    return cached


def partner_ids(project: Project) -> set[int]:
    cached = getattr(project, "_partner_ids", None)
    if cached is None:
        cached = {p.organisation_id for p in project.partners.all()} | {project.lead_id}
        project._partner_ids = cached
    return cached


@rules.predicate
def works_for_an_organisation(user) -> bool:
    return bool(affiliations_of(user))


@rules.predicate
def works_for_a_party(user, agreement) -> bool:
    return agreement is not None and bool(party_ids(agreement) & _organisations(user))


@rules.predicate
def focal_person_of_a_party(user, agreement) -> bool:
    if agreement is None:
        return False
    roles = affiliations_of(user)
    return any(
        roles[org][0] == Affiliation.Role.FOCAL for org in party_ids(agreement) if org in roles
    )


@rules.predicate
def is_public_agreement(user, agreement) -> bool:
    return agreement is not None and agreement.status != Agreement.Status.PROPOSED


@rules.predicate
def is_public_document(user, agreement) -> bool:
    return agreement is not None and agreement.document_public


@rules.predicate
def works_for_a_partner(user, project) -> bool:
    return project is not None and bool(partner_ids(project) & _organisations(user))


@rules.predicate
def works_for_the_lead(user, project) -> bool:
    return project is not None and project.lead_id in _organisations(user)


@rules.predicate
def is_public_project(user, project) -> bool:
    return project is not None and project.public


@rules.predicate
def is_declaring_party_while_proposed(user, agreement) -> bool:
    return (
        agreement is not None
        and agreement.status == Agreement.Status.PROPOSED
        and agreement.declared_by_id in _organisations(user)
    )


@rules.predicate
def works_for_the_operator(user, service) -> bool:
    return service is not None and service.operator_id in _organisations(user)


@rules.predicate
def works_for_the_lead_authority(user, tender) -> bool:
    return tender is not None and tender.lead_id in _organisations(user)


@rules.predicate
def works_for_a_participant(user, tender) -> bool:
    if tender is None:
        return False
    ids = getattr(tender, "_participant_ids", None)
    if ids is None:
        ids = set(tender.participants.values_list("pk", flat=True))
        tender._participant_ids = ids
    return bool(ids & _organisations(user))


@rules.predicate
def works_for(user, organisation) -> bool:
    return organisation is not None and organisation.pk in _organisations(user)


can_see_agreement = is_public_agreement | works_for_a_party | is_secretariat | is_committee_member
rules.add_perm("cooperation.declare_agreement", works_for_an_organisation | is_secretariat)
rules.add_perm("cooperation.view_agreement", can_see_agreement)
rules.add_perm(
    "cooperation.view_agreement_document",
    (is_public_agreement & is_public_document)
    | works_for_a_party
    | is_secretariat
    | is_committee_member,
)
rules.add_perm("cooperation.change_agreement", is_declaring_party_while_proposed | is_secretariat)
rules.add_perm("cooperation.confirm_agreement", focal_person_of_a_party | is_secretariat)
rules.add_perm("cooperation.end_agreement", focal_person_of_a_party | is_secretariat)

rules.add_perm("cooperation.add_project", works_for_an_organisation | is_secretariat)
rules.add_perm(
    "cooperation.view_project",
    is_public_project | works_for_a_partner | is_secretariat | is_committee_member,
)
rules.add_perm(
    "cooperation.view_workspace", works_for_a_partner | is_secretariat | is_committee_member
)
rules.add_perm("cooperation.change_project", works_for_a_partner | is_secretariat)
rules.add_perm("cooperation.manage_budget", works_for_the_lead | is_secretariat)

rules.add_perm("cooperation.add_service", works_for_an_organisation | is_secretariat)
rules.add_perm("cooperation.manage_service", works_for_the_operator | is_secretariat)
# Who owes what for a service: the network's members (and the operator's staff).
rules.add_perm("cooperation.view_contributions", is_network_member | works_for_the_operator)

rules.add_perm("cooperation.open_tender", works_for | is_secretariat)
rules.add_perm("cooperation.open_tenders", works_for_an_organisation | is_secretariat)
rules.add_perm("cooperation.manage_tender", works_for_the_lead_authority | is_secretariat)
rules.add_perm("cooperation.declare_demand", works_for_a_participant)


@rules.predicate
def is_public_attachment(user, attachment) -> bool:
    return attachment is not None and attachment.public


@rules.predicate
def may_work_on_its_owner(user, attachment) -> bool:
    """The project's partners, or the tender's lead and participants."""
    if attachment is None:
        return False
    if attachment.project_id:
        return works_for_a_partner(user, attachment.project)
    return works_for_a_participant(user, attachment.tender) or works_for_the_lead_authority(
        user, attachment.tender
    )


rules.add_perm(
    "cooperation.view_attachment",
    is_public_attachment | may_work_on_its_owner | is_secretariat | is_committee_member,
)
rules.add_perm("cooperation.add_documents", works_for_an_organisation | is_secretariat)
