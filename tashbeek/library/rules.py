"""Who may read and work on library documents.

Reading: a published document by its visibility (everyone / people of the network /
the community); the community also reads what it is reviewing or has adopted; the author,
the community's coordinators and the secretariat see every stage. The same rule is written
once more as a query in selectors.documents_visible_to, and tests hold the two together."""

import rules

from tashbeek.communities.rules import is_community_member, is_coordinator, takes_part_somewhere
from tashbeek.core.permissions import is_secretariat
from tashbeek.members.rules import is_network_member

from .models import Document

SHARED_WITH_COMMUNITY = (
    Document.Status.REVIEW,
    Document.Status.ADOPTED,
    Document.Status.PUBLISHED,
)


@rules.predicate
def is_author(user, document) -> bool:
    return document is not None and user.is_authenticated and document.created_by_id == user.pk


@rules.predicate
def coordinates_document_community(user, document) -> bool:
    return document is not None and is_coordinator(user, document.community)


@rules.predicate
def reads_by_visibility(user, document) -> bool:
    if document is None:
        return False
    if document.community_id and is_community_member(user, document.community):
        return document.status in SHARED_WITH_COMMUNITY
    if document.status != Document.Status.PUBLISHED:
        return False
    if document.visibility == Document.Visibility.PUBLIC:
        return True
    if document.visibility == Document.Visibility.MEMBERS or document.community_id is None:
        return is_network_member(user)
    return False


@rules.predicate
def is_early_stage(user, document) -> bool:
    return document is not None and document.status in (
        Document.Status.DRAFT,
        Document.Status.REVIEW,
    )


is_document_manager = coordinates_document_community | is_secretariat

rules.add_perm(
    "library.view_document",
    reads_by_visibility | is_author | is_document_manager,
)
# Community members write documents for their community; the secretariat for the network.
rules.add_perm("library.add_document", takes_part_somewhere | is_secretariat)
rules.add_perm("library.change_document", is_document_manager | (is_author & is_early_stage))
rules.add_perm("library.review_document", is_document_manager)
