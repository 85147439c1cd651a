"""What governance adds to lower apps (core.slots): a membership decision goes into the
register, linked to the meeting it was taken at (chosen from the meetings governance offers);
a member suspended or leaving loses its seats with the decision as the reason; and a meeting
moved or cancelled in the calendar is announced to its body."""

from django.utils.formats import date_format

from tashbeek.core.i18n import pick
from tashbeek.events.slots import EVENT_CHANGED
from tashbeek.members.slots import DECISION_MEETINGS, MEMBERSHIP_DECIDED

from .selectors import meetings_held
from .services.bodies import assemblies_sync, seats_end_for_member
from .services.meetings import meeting_changed_notice
from .services.register import membership_decision_register


@MEMBERSHIP_DECIDED.register
def register_membership_decision(*, decision, by, meeting=None) -> dict:
    entry = membership_decision_register(decision=decision, by=by, meeting=meeting)
    seats_end_for_member(decision=decision, by=by)
    assemblies_sync(by=by, on=decision.effective_on)  # a new or returning member takes its seat
    return {"register_entry": entry}


@DECISION_MEETINGS.register
def meetings_to_cite() -> dict:
    """The meetings a membership decision may cite, labelled in the reader's language."""
    return {
        "meetings": [
            (m.pk, f"{pick(m.event.titles)} · {date_format(m.event.local_start.date())}")
            for m in meetings_held()
        ]
    }


@EVENT_CHANGED.register
def tell_the_body(*, event, told) -> dict:
    meeting_changed_notice(event=event, told=told)
    return {}
