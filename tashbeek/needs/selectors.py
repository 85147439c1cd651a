"""Reads for needs and offers (the query twins of rules.view_need / view_offer), and
"who can help" for a need."""

from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.urls import reverse

from tashbeek.accounts.web import Reader
from tashbeek.core.permissions import is_secretariat
from tashbeek.members.rules import affiliations_of, is_network_member
from tashbeek.search.matching import Match, match

from .models import Need, Offer


def needs_visible_to(user: Reader) -> QuerySet[Need]:
    needs = Need.objects.all()
    if is_secretariat(user):
        return needs
    visible = Q(visibility=Need.Visibility.PUBLIC)
    if is_network_member(user):
        visible |= Q(visibility=Need.Visibility.MEMBERS)
    own = list(affiliations_of(user))
    if own:
        visible |= Q(organisation_id__in=own)
    return needs.filter(visible)


def needs_page(*, user: Reader, status: str = "open", mine: bool = False) -> QuerySet[Need]:
    needs = needs_visible_to(user).select_related("organisation").prefetch_related("themes")
    if status:
        needs = needs.filter(status=status)
    if mine:
        needs = needs.filter(organisation_id__in=list(affiliations_of(user)))
    return needs


def offers_page(*, user: Reader, mine: bool = False) -> QuerySet[Offer]:
    offers = Offer.objects.select_related("organisation").prefetch_related("themes")
    if mine:
        return offers.filter(organisation_id__in=list(affiliations_of(user)))
    return offers.filter(active=True)


def need_detail(*, user: Reader, pk: int) -> Need | None:
    return (
        needs_visible_to(user)
        .select_related("organisation", "created_by")
        .prefetch_related("themes")
        .filter(pk=pk)
        .first()
    )


@dataclass
class Peer:
    """An organisation that can help, with why: what it wrote or offers that matches."""

    organisation_id: int
    name: str
    url: str
    matches: list[Match] = field(default_factory=list)


@dataclass
class Help:
    experiences: list[Match]
    documents: list[Match]
    offers: list[Match]
    peers: list[Peer]
    # Joint projects and shared services that already answer it (indexed by cooperation).
    cooperation: list[Match] = field(default_factory=list)


def who_can_help(*, user: Reader, need: Need, limit: int = 8) -> Help:
    """Experiences, documents and offers that answer the need, and the organisations behind
    them (never the need's own)."""
    text = f"{need.title}. {need.description}"
    themes = [theme.slug for theme in need.themes.all()]
    found = match(
        user=user,
        text=text,
        kinds=("experience", "document", "offer", "project", "service"),
        limit=limit * 3,
        themes=themes,
    )
    # Pages show only what has a reason to be there; the API's /match/ keeps the raw ranking.
    found = [item for item in found if item.is_explained]
    by_kind: dict[str, list] = {
        "experience": [],
        "document": [],
        "offer": [],
        "project": [],
        "service": [],
    }
    for item in found:
        by_kind[item.entry.kind].append(item)
    return Help(
        experiences=by_kind["experience"][:limit],
        documents=by_kind["document"][:limit],
        offers=by_kind["offer"][:limit],
        peers=_peers(found, need.organisation_id, limit),
        cooperation=(by_kind["project"] + by_kind["service"])[:limit],
    )


def _peers(found: list[Match], own: int, limit: int) -> list[Peer]:
    peers: OrderedDict[int, Peer] = OrderedDict()
    for item in found:
        pk = item.entry.organisation_id
        if not pk or pk == own:
            continue
        if pk not in peers:
            url = reverse("members:detail", kwargs={"pk": pk})
            peers[pk] = Peer(pk, item.entry.organisation_name, url)
        peers[pk].matches.append(item)
    return list(peers.values())[:limit]
