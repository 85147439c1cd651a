"""Writes to the decisions register: numbered per year, never renumbered."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from tashbeek.accounts.models import User
from tashbeek.core.audit import audit_record, snapshot
from tashbeek.core.counters import counter_next
from tashbeek.core.i18n import clean_translations
from tashbeek.members.models import MembershipDecision
from tashbeek.search.services import index_refresh

from .. import selectors
from ..backfill import PUBLIC_KINDS, membership_titles
from ..models import Body, Decision, Meeting

# What a person records by hand (a decision by written procedure); the others are set by
# the service that produced the decision (a meeting's item, a ballot, a membership decision).
DECISION_FIELDS = ["body", "decided_on", "titles", "texts", "visibility"]
AUDITED = [
    *DECISION_FIELDS,
    *("source", "tally", "agenda_item", "ballot", "membership_decision", "meeting"),
]


def decision_record(
    *,
    by: User | None,
    source: str,
    decided_on: datetime.date,
    titles: dict | None,
    texts: dict | None = None,
    visibility: str = Decision.Visibility.MEMBERS,
    body: Body | None = None,
    tally: dict | None = None,
    **links: Model | None,
) -> Decision:
    """Give the decision the year's next number and write it. Callers check who may decide;
    this runs inside their transaction, so a refused decision leaves no number used."""
    try:
        titles, texts = clean_translations(titles), clean_translations(texts)
    except ValidationError as error:  # not a text per language: say which field
        raise ValidationError(
            {"titles" if not isinstance(titles, dict) else "texts": error.messages}
        ) from None
    if not titles:
        raise ValidationError({"titles": _("Give the title in at least one language.")})
    if visibility not in Decision.Visibility.values:
        raise ValidationError({"visibility": _("Choose who may read the decision.")})
    year = decided_on.year
    decision = Decision.objects.create(
        year=year,
        number=counter_next(f"governance.decisions.{year}"),
        source=source,
        body=body,
        decided_on=decided_on,
        titles=titles,
        texts=texts,
        visibility=visibility,
        tally=tally or {},
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
        **links,
    )
    audit_record(
        actor=by,
        action="governance.decision.recorded",
        obj=decision,
        after=snapshot(decision, AUDITED),
    )
    index_refresh(decision)
    return decision


@transaction.atomic
def decision_create(*, by: User, data: dict) -> Decision:
    """A decision taken outside a meeting or a ballot (e.g. by written procedure)."""
    body = data.get("body")
    if not by.has_perm("governance.manage_body", body):  # no body: the secretariat
        raise PermissionDenied(_("Only the secretariat and the body's chairs record decisions."))
    return decision_record(by=by, source=Decision.Source.RESOLUTION, **data)


def require_quorum(meeting: Meeting) -> None:
    """A decision is taken at a meeting only with the quorum present (the body's rule)."""
    quorum = selectors.quorum(meeting)
    if not quorum.met:
        raise ValidationError(
            _("No quorum: %(present)s of %(seats)s seats present, %(needed)s needed.")
            % {"present": quorum.present, "seats": quorum.seats, "needed": quorum.needed}
        )


def _meeting_taken_at(key: int) -> Meeting:
    """The meeting a membership decision cites: one already held, not cancelled, where the
    body had its quorum. Refusals name the field, so the form shows them beside it."""
    meeting = (
        Meeting.objects.select_related("body", "event")
        .exclude(event__status__in=["draft", "cancelled"])
        .filter(pk=key)
        .first()
    )
    if meeting is None:
        raise ValidationError({"meeting": _("Choose a meeting of the list.")})
    if meeting.event.starts_at > timezone.now():
        raise ValidationError({"meeting": _("This meeting has not taken place yet.")})
    try:
        require_quorum(meeting)
    except ValidationError as error:
        raise ValidationError({"meeting": error.messages}) from None
    return meeting


def membership_decision_register(
    *, decision: MembershipDecision, by: User, meeting: int | None = None
) -> Decision:
    """Put a membership decision in the register (called inside its transaction), linked to
    the meeting where it was taken when the decider chose one; its body is that meeting's, or
    else the steering committee. Its reasons and free-text meeting reference stay on the
    membership decision, which the entry links to."""
    held = _meeting_taken_at(meeting) if meeting is not None else None
    body: Body | None = (
        held.body
        if held is not None
        else Body.objects.filter(kind=Body.Kind.STEERING).order_by("pk").first()
    )
    public = decision.kind in PUBLIC_KINDS
    return decision_record(
        by=by,
        source=Decision.Source.MEMBERSHIP,
        decided_on=decision.effective_on,
        titles=membership_titles(decision),
        visibility=Decision.Visibility.PUBLIC if public else Decision.Visibility.MEMBERS,
        body=body,
        membership_decision=decision,
        meeting=held,
    )
