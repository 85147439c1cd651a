"""The steering committee's reasoned decisions: accept or reject an application, then
suspend, reinstate or end a membership; a member may withdraw. Each decision is one
transaction that checks the state the decider saw, so a double click or two committee
members deciding at once yield exactly one decision and a clear refusal for the other."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record
from tashbeek.notifications.services import notify
from tashbeek.search.services import index_refresh

from ..models import Affiliation, Application, MembershipDecision, Organisation
from ..slots import DECISION_MEETINGS, MEMBERSHIP_DECIDED
from .applications import ORGANISATION_FIELDS, StaleState, reviewers
from .organisations import organisation_index_names

Kind = MembershipDecision.Kind
Status = Organisation.Status

# Which membership states each committee decision may start from, and where it leads.
TRANSITIONS = {
    Kind.SUSPENDED: ({Status.ACTIVE}, Status.SUSPENDED),
    Kind.REINSTATED: ({Status.SUSPENDED}, Status.ACTIVE),
    Kind.ENDED: ({Status.ACTIVE, Status.SUSPENDED}, Status.ENDED),
    Kind.WITHDRAWN: ({Status.ACTIVE, Status.SUSPENDED}, Status.ENDED),
}
MESSAGES = {
    Kind.ACCEPTED: gettext_noop("Welcome to the network: application %(reference)s is accepted."),
    Kind.REJECTED: gettext_noop("Application %(reference)s was not accepted. Reasons: %(reasons)s"),
    Kind.SUSPENDED: gettext_noop("The membership of %(name)s is suspended. Reasons: %(reasons)s"),
    Kind.REINSTATED: gettext_noop("The membership of %(name)s is reinstated."),
    Kind.ENDED: gettext_noop("The membership of %(name)s is cancelled. Reasons: %(reasons)s"),
    Kind.WITHDRAWN: gettext_noop("The withdrawal of %(name)s from the network is recorded."),
}


def _reference(meeting: int | None, typed: str) -> str:
    """What the decision's pages show of where it was taken: what the decider typed, else the
    name of the meeting they chose (as offered, in their language), so this app's pages say it
    without knowing the app that holds meetings."""
    typed = (typed or "").strip()
    if typed or meeting is None:
        return typed
    offered = dict(DECISION_MEETINGS.collect().get("meetings") or [])
    return str(offered.get(meeting, ""))[:200]


def _require_reasons(reasons: str) -> str:
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationError({"reasons": _("Written reasons are required for every decision.")})
    return reasons


def _record(**fields: Any) -> MembershipDecision:
    try:
        with transaction.atomic():
            return MembershipDecision.objects.create(**fields)
    except IntegrityError:
        # The one-verdict constraint caught a concurrent decision the locks did not.
        raise StaleState() from None


def _organisation_from(application: Application, effective_on: datetime.date) -> Organisation:
    organisation = Organisation(
        relation=Organisation.Relation.MEMBER,
        membership_status=Status.ACTIVE,
        member_since=effective_on,
        **{
            field: getattr(application, field)
            for field in ORGANISATION_FIELDS  # what the applicant said of the authority
        },
    )
    organisation_index_names(organisation)
    organisation.save()
    organisation.themes.set(application.themes.all())
    Affiliation.objects.update_or_create(
        user=application.applicant,
        organisation=organisation,
        defaults={"role": Affiliation.Role.FOCAL, "title": application.focal_title},
    )
    index_refresh(organisation)
    return organisation


def _lock_submitted(application: Application, version: int | None) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != Application.Status.SUBMITTED:
        raise StaleState()
    if version is not None and application.version != version:
        raise StaleState()
    return application


@transaction.atomic
def application_accept(
    *,
    application: Application,
    by: User,
    reasons: str,
    effective_on: datetime.date,
    meeting_reference: str = "",
    meeting: int | None = None,
    version: int | None = None,
) -> MembershipDecision:
    """Accept: the organisation becomes an active member and the applicant its focal person.
    `meeting` is where it was taken, a key offered by `members.slots.DECISION_MEETINGS`."""
    return _verdict(
        Kind.ACCEPTED, application, by, reasons, effective_on, (meeting, meeting_reference), version
    )


@transaction.atomic
def application_reject(
    *,
    application: Application,
    by: User,
    reasons: str,
    effective_on: datetime.date,
    meeting_reference: str = "",
    meeting: int | None = None,
    version: int | None = None,
) -> MembershipDecision:
    """Reject, with the written reasons the applicant will read."""
    return _verdict(
        Kind.REJECTED, application, by, reasons, effective_on, (meeting, meeting_reference), version
    )


def _verdict(
    kind: str,
    application: Application,
    by: User,
    reasons: str,
    effective_on: datetime.date,
    taken_at: tuple[int | None, str],
    version: int | None,
) -> MembershipDecision:
    """The one path of both verdicts: check, record, close the application, audit, tell."""
    reasons = _require_reasons(reasons)
    application = _lock_submitted(application, version)
    accepted = kind == Kind.ACCEPTED
    organisation = _organisation_from(application, effective_on) if accepted else None
    meeting, meeting_reference = taken_at
    meeting_reference = _reference(meeting, meeting_reference)
    decision = _record(
        kind=kind,
        application=application,
        organisation=organisation,
        reasons=reasons,
        effective_on=effective_on,
        meeting_reference=meeting_reference,
        decided_by=by,
    )
    status = Application.Status.ACCEPTED if accepted else Application.Status.REJECTED
    _close(application, status, organisation)
    after: dict[str, object] = {"status": status}
    if organisation is not None:
        after["organisation"] = organisation.pk
        audit_record(
            actor=by,
            action="members.organisation.created",
            obj=organisation,
            after={"membership_status": Status.ACTIVE, "member_since": effective_on.isoformat()},
            reason=reasons,
        )
    audit_record(
        actor=by,
        action=f"members.application.{kind}",
        obj=application,
        before={"status": Application.Status.SUBMITTED},
        after=after,
        reason=reasons,
    )
    MEMBERSHIP_DECIDED.collect(decision=decision, by=by, meeting=meeting)
    _tell(decision, [application.applicant], application, organisation)
    return decision


def _close(application: Application, status: str, organisation: Organisation | None) -> None:
    Application.objects.filter(pk=application.pk).update(
        status=status,
        organisation=organisation,
        decided_at=timezone.now(),
        version=F("version") + 1,
    )


@transaction.atomic
def membership_decide(
    *,
    organisation: Organisation,
    by: User | None,
    kind: str,
    reasons: str,
    effective_on: datetime.date,
    until: datetime.date | None = None,
    meeting_reference: str = "",
    meeting: int | None = None,
    expected_status: str | None = None,
) -> MembershipDecision:
    """Suspend, reinstate or end a membership (the committee), or withdraw (the member's
    focal person). `expected_status` is the status the decider saw; `meeting` is where the
    committee took it (a key offered by `members.slots.DECISION_MEETINGS`)."""
    if kind not in TRANSITIONS:
        raise ValidationError({"kind": _("Choose a decision.")})
    reasons = _require_reasons(reasons)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    allowed_from, target = TRANSITIONS[Kind(kind)]
    current = organisation.membership_status
    if (expected_status and expected_status != current) or current not in allowed_from:
        raise StaleState()
    if kind != Kind.SUSPENDED:
        until = None
    elif until is not None and until <= effective_on:
        raise ValidationError({"until": _("The end of the suspension must follow its start.")})
    _check_who(by, kind, organisation)
    if kind == Kind.WITHDRAWN:
        meeting = None  # the member's own act, not a meeting's
    meeting_reference = _reference(meeting, meeting_reference)
    decision = _record(
        kind=kind,
        organisation=organisation,
        reasons=reasons,
        effective_on=effective_on,
        until=until,
        meeting_reference=meeting_reference,
        decided_by=by,
    )
    Organisation.objects.filter(pk=organisation.pk).update(
        membership_status=target, updated_at=timezone.now()
    )
    audit_record(
        actor=by,
        action=f"members.membership.{kind}",
        obj=organisation,
        before={"membership_status": current},
        after={"membership_status": target, "until": until and until.isoformat()},
        reason=reasons,
    )
    MEMBERSHIP_DECIDED.collect(decision=decision, by=by, meeting=meeting)
    people = [a.user for a in organisation.affiliations.select_related("user")]
    _tell(decision, people, None, organisation)
    return decision


def _check_who(by: User | None, kind: str, organisation: Organisation) -> None:
    if by is None:  # the platform itself, e.g. a suspension reaching its end date
        return
    if kind == Kind.WITHDRAWN:
        if not by.has_perm("members.withdraw_membership", organisation):
            raise PermissionDenied(_("Only the member's focal person withdraws the membership."))
    elif not by.has_perm("members.decide_membership"):
        raise PermissionDenied(_("Only the steering committee decides on membership."))


def _tell(
    decision: MembershipDecision,
    people: list[User],
    application: Application | None,
    organisation: Organisation | None,
) -> None:
    """Tell these people of the decision: about the organisation once there is one (a
    membership decision, an acceptance), else about the application (a rejection)."""
    if organisation is not None:
        name, url = (
            organisation.names,
            reverse("members:membership", kwargs={"pk": organisation.pk}),
        )
    elif application is not None:
        name, url = application.names, application.get_absolute_url()
    else:
        raise ValueError("a decision is about an organisation or an application")
    context = {
        "reference": application.reference if application else "",
        "name": name,
        "reasons": decision.reasons,
    }
    message = MESSAGES[Kind(decision.kind)]
    notify(
        users=people,
        action=f"members.decision.{decision.kind}",
        message=message,
        context=context,
        url=url,
    )
    if decision.kind == Kind.WITHDRAWN:
        notify(
            users=reviewers(),
            action="members.decision.withdrawn",
            message=message,
            context=context,
            url=url,
        )


def suspensions_lift_expired(*, today: datetime.date | None = None) -> int:
    """Reinstate members whose suspension had an end date that has passed."""
    today = today or timezone.localdate()
    lifted = 0
    for organisation in Organisation.objects.filter(membership_status=Status.SUSPENDED):
        last = organisation.decisions.filter(kind=Kind.SUSPENDED).first()
        if last and last.until and last.until <= today:
            membership_decide(
                organisation=organisation,
                by=None,
                kind=Kind.REINSTATED,
                reasons=_("The suspension ended on %(date)s.") % {"date": last.until},
                effective_on=last.until,
                expected_status=Status.SUSPENDED,
            )
            lifted += 1
    return lifted
