from .agreements import Agreement, AgreementParty, phase_q
from .attachments import Attachment
from .indicators import Indicator, Measurement
from .money import BudgetLine, Expense, Funding
from .projects import Milestone, Project, ProjectIssue, ProjectPartner, ProjectUpdate
from .services import Contribution, Participation, SharedService, Usage
from .tenders import Award, Contract, Demand, Item, Lot, Tender

__all__ = [
    "Attachment",
    "Award",
    "Contract",
    "Demand",
    "Item",
    "Lot",
    "Tender",
    "Contribution",
    "Participation",
    "SharedService",
    "Usage",
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
