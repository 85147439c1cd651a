"""Community pages: the list, a community with its members and events, joining and approving."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tashbeek.accounts.web import SignedInRequest
from tashbeek.core.web import FORM, POST, done, form_page, or_404, view

from . import selectors, services
from .forms import CommunityForm, JoinForm
from .models import CommunityMembership
from .rules import community_roles
from .slots import COMMUNITY_PAGE


def _community(slug):
    return or_404(selectors.community_detail(slug))


@require_http_methods(["GET", "HEAD"])
def community_list(request: HttpRequest) -> HttpResponse:
    return render(request, "communities/list.html", {"communities": selectors.communities_list()})


@require_http_methods(["GET", "HEAD"])
def community_detail(request: HttpRequest, slug: str) -> HttpResponse:
    community = _community(slug)
    user = request.user
    can_manage = user.has_perm("communities.manage_community", community)
    context = {
        # Events, library, experiences, the plan and discussions: from their apps' hooks.
        **COMMUNITY_PAGE.collect(community=community, user=user),
        "community": community,
        "groups": selectors.members_by_organisation(community),
        "mine": community_roles(user).get(community.pk),
        "can_join": user.has_perm("communities.join_community"),
        "can_see_people": user.has_perm("communities.view_members"),
        "can_manage": can_manage,
        "pending": selectors.pending_requests(community) if can_manage else [],
        "join_form": JoinForm(user=user),
    }
    return render(request, "communities/detail.html", context)


@view("communities.join_community", methods=POST)
def join(request: SignedInRequest, slug: str) -> HttpResponse:
    community = _community(slug)
    form = JoinForm(request.POST, user=request.user)
    organisation = form.cleaned_data.get("organisation") if form.is_valid() else None
    membership = services.community_join(
        community=community, user=request.user, organisation=organisation
    )
    if membership.status == CommunityMembership.Status.PENDING:
        messages.success(request, _("Your request is sent to the coordinators."))
    else:
        messages.success(request, _("Welcome to the community."))
    return redirect(community)


@view(methods=POST)
def leave(request: SignedInRequest, slug: str, membership_pk: int) -> HttpResponse:
    """Leave, or (coordinator) remove a member or decline a request."""
    community = _community(slug)
    membership = get_object_or_404(CommunityMembership, pk=membership_pk, community=community)
    services.membership_leave(membership=membership, by=request.user)
    return done(request, _("Done."), community)


@view(methods=POST)
def approve(request: SignedInRequest, slug: str, membership_pk: int) -> HttpResponse:
    community = _community(slug)
    membership = get_object_or_404(CommunityMembership, pk=membership_pk, community=community)
    try:
        services.membership_approve(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The request is approved."))
    return redirect(community)


@view("communities.add_community", methods=FORM)
def create(request: HttpRequest) -> HttpResponse:
    form = CommunityForm(request.POST or None)

    def save():
        community = services.community_create(
            by=request.user,
            data=form.service_data(),
            coordinators=form.cleaned_data["coordinators"],
        )
        return done(request, _("The community is open."), community)

    return form_page(request, form, save, "communities/edit.html", {})
