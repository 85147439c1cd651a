"""Writes for governance, one module per part (bodies, meetings, minutes, register, ballots,
voters); each write is one transaction with its audit entry."""

from .ballots import (
    BALLOT_FIELDS,
    ballot_cancel,
    ballot_create,
    ballot_open,
    candidacy_submit,
    nominations_open,
    vote_cast,
    vote_refusal,
)
from .bodies import (
    BODY_FIELDS,
    SEAT_FIELDS,
    assemblies_sync,
    assembly_seats_sync,
    body_save,
    seat_assign,
    seat_end,
    term_end,
)
from .closing import ballot_close, ballots_close_due, closing_reminders_send
from .meetings import (
    ACTION_FIELDS,
    ITEM_FIELDS,
    MEETING_FIELDS,
    action_item_save,
    action_reminders_send,
    agenda_item_save,
    attendance_record,
    item_decide,
    meeting_convene,
)
from .minutes import (
    minutes_approve,
    minutes_circulate,
    minutes_correct,
    minutes_publish,
    minutes_save,
)
from .papers import paper_remove, paper_upload
from .plans import PLAN_FIELDS, plan_item_decide, plan_item_save
from .register import DECISION_FIELDS, decision_create, decision_record
from .voters import delegation_set, voting_rules_set

__all__ = [
    "ACTION_FIELDS",
    "BALLOT_FIELDS",
    "BODY_FIELDS",
    "DECISION_FIELDS",
    "ITEM_FIELDS",
    "MEETING_FIELDS",
    "PLAN_FIELDS",
    "SEAT_FIELDS",
    "action_item_save",
    "action_reminders_send",
    "agenda_item_save",
    "paper_remove",
    "paper_upload",
    "assemblies_sync",
    "assembly_seats_sync",
    "attendance_record",
    "ballot_cancel",
    "ballot_close",
    "ballot_create",
    "ballot_open",
    "ballots_close_due",
    "body_save",
    "candidacy_submit",
    "closing_reminders_send",
    "decision_create",
    "decision_record",
    "delegation_set",
    "item_decide",
    "meeting_convene",
    "minutes_approve",
    "minutes_circulate",
    "minutes_correct",
    "minutes_publish",
    "minutes_save",
    "nominations_open",
    "plan_item_decide",
    "plan_item_save",
    "seat_assign",
    "seat_end",
    "term_end",
    "vote_cast",
    "vote_refusal",
    "voting_rules_set",
]
