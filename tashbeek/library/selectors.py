"""Reads for the library, scoped to the reader (the query twin of rules.view_document)."""

from django.db.models import Count, Prefetch, Q, QuerySet

from tashbeek.accounts.web import Reader
from tashbeek.communities.models import Community
from tashbeek.communities.rules import community_roles
from tashbeek.core.models import Theme
from tashbeek.core.permissions import is_secretariat
from tashbeek.members.rules import is_network_member

from .models import Document, DocumentVersion
from .rules import SHARED_WITH_COMMUNITY


def documents_visible_to(user: Reader) -> QuerySet[Document]:
    documents = Document.objects.all()
    if is_secretariat(user):
        return documents
    roles = community_roles(user)
    active = [pk for pk, (_role, status) in roles.items() if status == "active"]
    coordinated = [pk for pk, entry in roles.items() if entry == ("coordinator", "active")]
    published = Q(status=Document.Status.PUBLISHED)
    readable = published & Q(visibility=Document.Visibility.PUBLIC)
    if is_network_member(user):
        readable |= published & (
            Q(visibility=Document.Visibility.MEMBERS) | Q(community__isnull=True)
        )
    readable |= Q(community_id__in=active, status__in=SHARED_WITH_COMMUNITY)
    readable |= Q(community_id__in=coordinated)
    if user.is_authenticated:
        readable |= Q(created_by=user)
    return documents.filter(readable)


def documents_page(
    *,
    user: Reader,
    kind: str = "",
    community: Community | None = None,
    theme: Theme | None = None,
    status: str = "",
) -> QuerySet[Document]:
    documents = (
        documents_visible_to(user)
        .select_related("community", "organisation")
        .annotate(version_count=Count("versions"))
        .order_by("-published_at", "-updated_at", "-id")
    )
    if kind:
        documents = documents.filter(kind=kind)
    if community is not None:
        documents = documents.filter(community=community)
    if theme is not None:
        documents = documents.filter(Q(themes=theme) | Q(themes__parent=theme)).distinct()
    if status:
        documents = documents.filter(status=status)
    return documents


def document_detail(*, user: Reader, pk: int) -> Document | None:
    return (
        documents_visible_to(user)
        .select_related("community", "organisation", "created_by")
        .prefetch_related(
            "themes",
            "events",
            Prefetch("versions", queryset=DocumentVersion.objects.select_related("uploaded_by")),
        )
        .filter(pk=pk)
        .first()
    )


def for_community(*, user: Reader, community: Community, limit: int = 10) -> list[Document]:
    return list(documents_page(user=user, community=community)[:limit])
