"""A member's status page: the whole history of decisions with their reasons, the
committee's suspend / reinstate / end, and the focal person's withdrawal."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tashbeek.core.web import POST, add_service_errors, done, forget_objects, view

from .. import selectors, services
from ..forms import MembershipDecisionForm
from ..models import MembershipDecision, Organisation
from .organisations import organisation_from


def _kinds_for(user, organisation: Organisation) -> list[str]:
    """The decisions this person may take now, given the current status."""
    status = organisation.membership_status
    kinds = []
    if user.has_perm("members.decide_membership"):
        kinds = [
            kind
            for kind, (allowed, _target) in services.TRANSITIONS.items()
            if status in allowed and kind != MembershipDecision.Kind.WITHDRAWN
        ]
    elif user.has_perm("members.withdraw_membership", organisation) and status in (
        Organisation.Status.ACTIVE,
        Organisation.Status.SUSPENDED,
    ):
        kinds = [MembershipDecision.Kind.WITHDRAWN]
    return kinds


def _page(request, organisation, form=None, status=200) -> HttpResponse:
    kinds = _kinds_for(request.user, organisation) if organisation.is_member else []
    if form is None and kinds:
        form = MembershipDecisionForm(
            kinds=kinds, initial={"expected_status": organisation.membership_status}
        )
    context = {
        "organisation": organisation,
        "history": selectors.membership_history(organisation),
        "applications": organisation.applications.all(),
        "form": form,
        "arrears": selectors.arrears().filter(organisation=organisation),
    }
    return render(request, "members/membership.html", context, status=status)


@view("members.view_membership", fn=organisation_from)
def membership(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, organisation_from(request, pk=pk))


@view(methods=POST)
def membership_decide(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = organisation_from(request, pk=pk)
    kinds = _kinds_for(request.user, organisation)
    if not kinds and not (
        request.user.has_perm("members.decide_membership")
        or request.user.has_perm("members.withdraw_membership", organisation)
    ):
        raise PermissionDenied
    form = MembershipDecisionForm(request.POST, kinds=kinds)
    if not form.is_valid():
        stale = "kind" in form.errors and request.POST.get("kind")
        if stale:
            messages.error(request, _("This decision is no longer possible: the status changed."))
        return _page(request, organisation, form=form, status=409 if stale else 400)
    data = form.cleaned_data
    try:
        services.membership_decide(
            organisation=organisation,
            by=request.user,
            kind=data["kind"],
            reasons=data["reasons"],
            effective_on=data["effective_on"],
            until=data.get("until"),
            expected_status=data["expected_status"],
            **form.taken_at(),
        )
    except ValidationError as error:
        add_service_errors(form, error)
        status = 409 if getattr(error, "code", "") == "stale" else 400
        forget_objects(request)  # show the state as it is now, not as it was
        return _page(request, organisation_from(request, pk=pk), form=form, status=status)
    return done(
        request,
        _("The decision is recorded and the member is informed."),
        "members:membership",
        pk=pk,
    )
