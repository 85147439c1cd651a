"""Ballots: the question and its options, the vote of each designated voter with a receipt,
the result once closed; preparing, opening and closing them; candidacies for elections."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tashbeek.core.web import FORM, POST, add_service_errors, done, form_page, view
from tashbeek.members.models import Organisation

from .. import selectors, services
from ..forms import BallotForm, CandidacyForm, VoteForm
from ..models import Ballot
from .common import ballot_from


def _page(request, ballot: Ballot, form=None, status: int = 200, receipt: str = ""):
    organisations = selectors.voter_organisations(request.user, ballot)
    voted = set(
        ballot.participations.filter(organisation__in=organisations).values_list(
            "organisation_id", flat=True
        )
    )
    refusals = {o.pk: services.vote_refusal(ballot, o) for o in organisations}
    open_now = ballot.is_open(timezone.now())
    if form is None and open_now and organisations:
        form = VoteForm(ballot=ballot, organisations=organisations)
    options = list(ballot.options.select_related("organisation"))
    counts = ballot.result.get("counts", {}) if ballot.status == Ballot.Status.CLOSED else {}
    context = {
        "ballot": ballot,
        "options": [(o, counts.get(str(o.pk))) for o in options],
        "form": form,
        "organisations": organisations,
        "voted": voted,
        "refusals": refusals,
        "open_now": open_now,
        "receipt": receipt,
        "can_manage": request.user.has_perm("governance.manage_body", ballot),
        "can_stand": ballot.status == Ballot.Status.NOMINATIONS
        and selectors.focal_organisations(request.user).exists(),
        "turnout": ballot.participations.count() if ballot.status != Ballot.Status.DRAFT else 0,
    }
    return render(request, "governance/ballot.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def ballot(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, ballot_from(request, pk=pk))


@view("governance.cast_votes", methods=POST)
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    ballot = ballot_from(request, pk=pk)
    organisations = selectors.voter_organisations(request.user, ballot)
    if not organisations:
        raise PermissionDenied(_("You do not vote for any organisation on this ballot."))
    form = VoteForm(request.POST, ballot=ballot, organisations=organisations)
    if not form.is_valid():
        return _page(request, ballot, form, status=400)
    organisation = next(o for o in organisations if o.pk == form.cleaned_data["organisation"])
    try:
        receipt = services.vote_cast(
            by=request.user, ballot=ballot, organisation=organisation, option_ids=form.option_ids()
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _page(request, ballot, form, status=400)
    messages.success(request, _("Your vote for %(name)s is counted.") % {"name": organisation.name})
    return _page(request, ballot, receipt=receipt)


@view("governance.run_bodies", methods=FORM)
def ballot_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = BallotForm(request.POST or None, initial={"time_zone": "Africa/Casablanca"})

    def save():
        ballot = services.ballot_create(by=user, data=form.cleaned_data)
        return done(request, _("The ballot is prepared; open it when it is ready."), ballot)

    return form_page(request, form, save, "governance/ballot_form.html", {})


STEPS = {
    "nominations": services.nominations_open,
    "open": services.ballot_open,
    "close": services.ballot_close,
}


@view("governance.manage_body", fn=ballot_from, methods=POST)
def ballot_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    ballot = ballot_from(request, pk=pk)
    try:
        if step == "cancel":
            services.ballot_cancel(
                by=request.user, ballot=ballot, reason=request.POST.get("reason", "")
            )
        elif step in STEPS:
            STEPS[step](by=request.user, ballot=ballot)
        else:
            raise ValidationError(_("Unknown step."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _page(request, ballot, status=400)
    return done(request, _("The ballot is updated."), ballot)


@view("governance.stand_for_a_member", methods=FORM)
def candidacy(request: HttpRequest, pk: int) -> HttpResponse:
    ballot = ballot_from(request, pk=pk)
    mine = selectors.focal_organisations(request.user).filter(
        membership_status=Organisation.Status.ACTIVE
    )
    form = CandidacyForm(request.POST or None, organisations=mine)

    def save():
        services.candidacy_submit(
            by=request.user,
            ballot=ballot,
            organisation=form.cleaned_data["organisation"],
            statements=form.cleaned_data["statements"],
        )
        return done(request, _("The candidacy is registered."), ballot)

    return form_page(request, form, save, "governance/ballot_form.html", {"ballot": ballot})


@view()
def actions(request: HttpRequest) -> HttpResponse:
    """What our organisations promised: the action items they own, open first."""
    organisations = Organisation.objects.filter(affiliations__user=request.user)
    rows = [(o, selectors.actions_of(o)) for o in organisations]
    return render(request, "governance/actions.html", {"rows": rows, "today": timezone.localdate()})
