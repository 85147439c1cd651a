from .agreements import Agreement, AgreementParty, phase_q
from .indicators import Indicator, Measurement
from .money import BudgetLine, Expense, Funding
from .projects import Milestone, Project, ProjectIssue, ProjectPartner, ProjectUpdate

__all__ = [
    "Agreement",
    "AgreementParty",
    "BudgetLine",
    "Expense",
    "Funding",
    "Indicator",
    "Measurement",
    "Milestone",
    "Project",
    "ProjectIssue",
    "ProjectPartner",
    "ProjectUpdate",
    "phase_q",
]
