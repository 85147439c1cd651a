"""Governance: the network's bodies and their seats, meetings with agenda, attendance and
minutes, the decisions register, and ballots where each member organisation has one vote."""

from .ballots import Ballot, BallotOption, Participation, SecretCount, VoterDelegation, VotingRules
from .bodies import Body, Seat
from .decisions import Decision
from .meetings import ActionItem, AgendaItem, Attendance, Meeting, MinutesVersion, Paper
from .plans import BudgetLine, PlanItem

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Attendance",
    "Ballot",
    "BallotOption",
    "Body",
    "BudgetLine",
    "Decision",
    "Meeting",
    "MinutesVersion",
    "Paper",
    "Participation",
    "PlanItem",
    "Seat",
    "SecretCount",
    "VoterDelegation",
    "VotingRules",
]
