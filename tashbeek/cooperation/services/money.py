"""Writes for a project's money and indicators. The lead manages budget lines and funding;
any partner records an expense or a measurement. Amounts are integer minor units."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tashbeek.accounts.models import User
from tashbeek.core.i18n import clean_translations
from tashbeek.core.money import CURRENCIES

from ..models import (
    BudgetLine,
    Expense,
    Funding,
    Indicator,
    Measurement,
    Project,
    SharedService,
)
from .common import owned_save

LINE_FIELDS = ["category", "labels", "currency", "amount_minor"]
FUNDING_FIELDS = [
    "funder",
    "source",
    "in_kind",
    "currency",
    "pledged_minor",
    "received_minor",
    "notes",
]
EXPENSE_FIELDS = ["line", "amount_minor", "spent_on", "description"]
INDICATOR_FIELDS = ["names", "unit", "baseline", "target"]
MEASUREMENT_FIELDS = ["measured_on", "value", "evidence"]


def _currency(data: dict) -> None:
    if "currency" in data:
        data["currency"] = (data["currency"] or "").upper()
        if data["currency"] not in CURRENCIES:
            raise ValidationError({"currency": _("Choose a currency from the list.")})


@transaction.atomic
def budget_line_save(
    *, by: User, project: Project, data: dict, line: BudgetLine | None = None
) -> BudgetLine:
    data = dict(data)
    _currency(data)
    if "labels" in data:
        data["labels"] = clean_translations(data["labels"])
    if line is not None and line.project_id != project.pk:
        raise PermissionDenied
    if (
        line is not None
        and line.expenses.exists()
        and data.get("currency", line.currency) != line.currency
    ):
        raise ValidationError({"currency": _("Expenses are recorded in this line's currency.")})
    return owned_save(
        by=by,
        perm="cooperation.manage_budget",
        owner=project,
        obj=line or BudgetLine(project=project),
        data=data,
        fields=LINE_FIELDS,
        actions=("cooperation.budget_line.added", "cooperation.budget_line.updated"),
        message=_("Only the lead organisation manages the budget."),
    )


@transaction.atomic
def funding_save(
    *, by: User, project: Project, data: dict, funding: Funding | None = None
) -> Funding:
    """A source's pledge and what it paid so far (never more than it pledged)."""
    data = dict(data)
    _currency(data)
    if funding is not None and funding.project_id != project.pk:
        raise PermissionDenied
    pledged = data.get("pledged_minor", funding.pledged_minor if funding else 0)
    if data.get("received_minor", 0) > pledged:
        raise ValidationError({"received_minor": _("More cannot be received than was pledged.")})
    return owned_save(
        by=by,
        perm="cooperation.manage_budget",
        owner=project,
        obj=funding or Funding(project=project),
        data=data,
        fields=FUNDING_FIELDS,
        actions=("cooperation.funding.added", "cooperation.funding.updated"),
        message=_("Only the lead organisation manages the budget."),
    )


@transaction.atomic
def expense_record(*, by: User, project: Project, data: dict) -> Expense:
    line = data.get("line")
    if line is None or line.project_id != project.pk:
        raise ValidationError({"line": _("Choose one of the project's budget lines.")})
    if not data.get("amount_minor"):
        raise ValidationError({"amount_minor": _("Give an amount above zero.")})
    return owned_save(
        by=by,
        perm="cooperation.change_project",
        owner=project,
        obj=Expense(recorded_by=by),
        data=dict(data),
        fields=EXPENSE_FIELDS,
        actions=("cooperation.expense.recorded", ""),
        message=_("Only the project's partners record its expenses."),
    )


@transaction.atomic
def indicator_save(
    *,
    by: User,
    project: Project | None = None,
    service: SharedService | None = None,
    data: dict,
    indicator: Indicator | None = None,
) -> Indicator:
    """An indicator of a project (its partners define it) or of a shared service's levels
    (its operator defines it)."""
    data = dict(data)
    if "names" in data:
        data["names"] = clean_translations(data["names"])
        if not data["names"]:
            raise ValidationError({"names": _("Name the indicator in at least one language.")})
    baseline = data.get("baseline", indicator.baseline if indicator else None)
    if (
        baseline is not None
        and data.get("target", indicator.target if indicator else None) == baseline
    ):
        raise ValidationError({"target": _("The target differs from the baseline.")})
    owner, perm = (
        (project, "cooperation.change_project")
        if project is not None
        else (service, "cooperation.manage_service")
    )
    return owned_save(
        by=by,
        perm=perm,
        owner=owner,
        obj=indicator or Indicator(project=project, service=service),
        data=data,
        fields=INDICATOR_FIELDS,
        actions=("cooperation.indicator.added", "cooperation.indicator.updated"),
        message=_("Only the project's partners define its indicators."),
    )


@transaction.atomic
def measurement_record(*, by: User, indicator: Indicator, data: dict) -> Measurement:
    """A dated value with its evidence, by a project's partners or a service's operator."""
    if not (data.get("evidence") or "").strip():
        raise ValidationError({"evidence": _("Say what proves the value.")})
    perm = "cooperation.change_project" if indicator.project_id else "cooperation.manage_service"
    return owned_save(
        by=by,
        perm=perm,
        owner=indicator.owner,
        obj=Measurement(indicator=indicator, recorded_by=by),
        data=dict(data),
        fields=MEASUREMENT_FIELDS,
        actions=("cooperation.measurement.recorded", ""),
        message=_("Only the project's partners record measurements."),
    )
