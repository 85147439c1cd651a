"""Forms of cooperation, one module per sub-domain, re-exported here."""

from .agreements import AgreementForm, EndForm
from .common import AmountMixin, own_organisations
from .projects import (
    AttachmentForm,
    BudgetLineForm,
    ExpenseForm,
    FundingForm,
    IndicatorForm,
    IssueForm,
    MeasurementForm,
    MilestoneForm,
    PartnerForm,
    ProjectForm,
    ResolveForm,
    StatusForm,
    UpdateForm,
)
from .shared import ComputeForm, JoinForm, PayForm, ServiceForm, UsageForm
from .tenders import AwardForm, DemandForm, StageForm, TenderForm

__all__ = [
    "AgreementForm",
    "AmountMixin",
    "AttachmentForm",
    "AwardForm",
    "BudgetLineForm",
    "ComputeForm",
    "DemandForm",
    "EndForm",
    "ExpenseForm",
    "FundingForm",
    "IndicatorForm",
    "IssueForm",
    "JoinForm",
    "MeasurementForm",
    "MilestoneForm",
    "PartnerForm",
    "PayForm",
    "ProjectForm",
    "ResolveForm",
    "ServiceForm",
    "StageForm",
    "StatusForm",
    "TenderForm",
    "UpdateForm",
    "UsageForm",
    "own_organisations",
]
