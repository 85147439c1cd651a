"""The audit actions of governance, with the labels the audit log shows (core.audit)."""

from django.utils.translation import gettext_lazy as _

from tashbeek.core.audit import register_actions

register_actions(
    {
        "governance.body.created": _("Body created"),
        "governance.body.updated": _("Body changed"),
        "governance.paper.added": _("Paper added to an agenda item"),
        "governance.paper.removed": _("Paper removed from an agenda item"),
        "governance.body.seats_synced": _("General assembly seats follow membership"),
        "governance.seat.assigned": _("Seat filled"),
        "governance.seat.ended": _("Term on a body ended"),
        "governance.meeting.convened": _("Meeting convened"),
        "governance.meeting.attendance": _("Meeting attendance recorded"),
        "governance.agenda_item.added": _("Agenda item added"),
        "governance.agenda_item.updated": _("Agenda item changed"),
        "governance.action.added": _("Action item added"),
        "governance.action.updated": _("Action item changed"),
        "governance.minutes.drafted": _("Minutes drafted"),
        "governance.minutes.circulated": _("Minutes circulated"),
        "governance.minutes.approved": _("Minutes approved"),
        "governance.minutes.published": _("Minutes published"),
        "governance.minutes.corrected": _("Minutes corrected"),
        "governance.decision.recorded": _("Decision entered in the register"),
        "governance.ballot.created": _("Ballot prepared"),
        "governance.ballot.draft": _("Ballot back to draft"),
        "governance.ballot.nominations": _("Election opened for candidacies"),
        "governance.ballot.candidacy": _("Candidacy submitted"),
        "governance.ballot.open": _("Ballot opened"),
        "governance.ballot.voted": _("Vote cast"),
        "governance.ballot.vote_changed": _("Vote changed"),
        "governance.ballot.closed": _("Ballot closed and counted"),
        "governance.ballot.cancelled": _("Ballot cancelled"),
        "governance.voter.delegated": _("Vote delegated"),
        "governance.rules.updated": _("Voting rules changed"),
        "governance.plan_item.proposed": _("Network plan item proposed"),
        "governance.plan_item.updated": _("Network plan item changed"),
        "governance.plan_item.adopted": _("Network plan item adopted"),
        "governance.plan_item.dropped": _("Network plan item not retained"),
    }
)
