"""Who votes for an organisation (its focal person delegates), and the network's voting
rules (the secretariat)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from tashbeek.core.web import FORM, done, form_page, object_from, view
from tashbeek.members.models import Organisation

from .. import services
from ..forms import DelegationForm, VotingRulesForm
from ..models import VoterDelegation, VotingRules


def _member(request, pk: int) -> Organisation:
    return get_object_or_404(Organisation, pk=pk, relation=Organisation.Relation.MEMBER)


member_from = object_from("governance.member", _member)


@view("governance.delegate_vote", fn=member_from, methods=FORM)
def delegation(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = member_from(request, pk=pk)
    current = VoterDelegation.objects.filter(organisation=organisation).first()
    form = DelegationForm(
        request.POST or None,
        organisation=organisation,
        initial={"person": current.person_id if current else None},
    )

    def save():
        services.delegation_set(
            by=request.user, organisation=organisation, person=form.cleaned_data["person"]
        )
        return done(
            request,
            _("The organisation's voter is saved."),
            "governance:delegation",
            pk=organisation.pk,
        )

    context = {"organisation": organisation, "title": _("Who votes for the organisation")}
    return form_page(request, form, save, "governance/simple_form.html", context)


@view("governance.manage_bodies", methods=FORM)
def voting_rules(request: HttpRequest) -> HttpResponse:
    form = VotingRulesForm(request.POST or None, instance=VotingRules.objects.first())

    def save():
        services.voting_rules_set(by=request.user, arrears_years=form.cleaned_data["arrears_years"])
        return done(request, _("The voting rules are saved."), "governance:voting_rules")

    context = {"title": _("Voting rules")}
    return form_page(request, form, save, "governance/simple_form.html", context)
