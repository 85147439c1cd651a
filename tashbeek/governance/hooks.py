"""What governance adds to lower apps (core.slots): a membership decision goes into the
register, a member suspended or leaving loses its seats with the decision as the reason, and
a meeting moved or cancelled in the calendar is announced to its body."""

from tashbeek.events.slots import EVENT_CHANGED
from tashbeek.members.slots import MEMBERSHIP_DECIDED

from .services.bodies import seats_end_for_member
from .services.meetings import meeting_changed_notice
from .services.register import membership_decision_register


@MEMBERSHIP_DECIDED.register
def register_membership_decision(*, decision, by) -> dict:
    entry = membership_decision_register(decision=decision, by=by)
    seats_end_for_member(decision=decision, by=by)
    return {"register_entry": entry}


@EVENT_CHANGED.register
def tell_the_body(*, event, told) -> dict:
    meeting_changed_notice(event=event, told=told)
    return {}
