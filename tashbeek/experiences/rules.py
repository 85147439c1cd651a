"""Who may read, write and review experiences.

Published experiences are public. The owning organisation's people (and whoever drafted it)
work on it; a coordinator of a community it is linked to, or the secretariat, reviews it —
never someone of the owning organisation (four eyes)."""

import rules

from tashbeek.communities.rules import community_roles
from tashbeek.core.permissions import is_secretariat
from tashbeek.members.rules import affiliations_of, is_staff_of

from .models import Experience


@rules.predicate
def is_published(user, experience) -> bool:
    return experience is not None and experience.status == Experience.Status.PUBLISHED


@rules.predicate
def is_owner(user, experience) -> bool:
    if experience is None or not user.is_authenticated:
        return False
    return experience.created_by_id == user.pk or is_staff_of(user, experience.organisation)


@rules.predicate
def coordinates_linked_community(user, experience) -> bool:
    if experience is None:
        return False
    coordinated = {
        pk for pk, entry in community_roles(user).items() if entry == ("coordinator", "active")
    }
    return bool(coordinated) and bool(coordinated & {c.pk for c in experience.communities.all()})


@rules.predicate
def is_editable_by_owner(user, experience) -> bool:
    return experience is not None and experience.status != Experience.Status.REVIEW


@rules.predicate
def is_draft(user, experience) -> bool:
    return experience is not None and experience.status == Experience.Status.DRAFT


@rules.predicate
def in_review(user, experience) -> bool:
    return experience is not None and experience.status == Experience.Status.REVIEW


@rules.predicate
def has_affiliation(user) -> bool:
    return bool(affiliations_of(user))


@rules.predicate
def has_contact(user, experience) -> bool:
    return experience is not None and experience.contact_id is not None


is_reviewer = is_secretariat | (coordinates_linked_community & ~is_owner)

rules.add_perm("experiences.view_experience", is_published | is_owner | is_reviewer)
rules.add_perm("experiences.add_experience", has_affiliation | is_secretariat)
rules.add_perm("experiences.change_experience", (is_owner & is_editable_by_owner) | is_secretariat)
rules.add_perm("experiences.submit_experience", is_owner & is_draft)
rules.add_perm("experiences.review_experience", is_reviewer & in_review)
rules.add_perm(
    "experiences.ask_authors", rules.is_authenticated & is_published & has_contact & ~is_owner
)
# Who may take a step at all, whatever the stage: the pages and the API declare these, and a
# step at the wrong stage is a conflict (409) the service reports, not a refusal.
rules.add_perm("experiences.author_experience", is_owner)
rules.add_perm("experiences.judge_experience", is_reviewer)
rules.add_perm("experiences.unpublish_experience", is_secretariat & is_published)
rules.add_perm("experiences.import_experiences", is_secretariat)
