"""Writes for a project's money and indicators. The lead manages budget lines and funding;
any partner records an expense or a measurement. Amounts are integer minor units."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tashbeek.accounts.models import User
from tashbeek.core.audit import M, audited_save, snapshot
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


def _save(
    by: User,
    perm: str,
    project: Project | SharedService | None,
    obj: M,
    data: dict,
    fields: list[str],
    actions: tuple[str, str],
    message: str,
) -> M:
    if not by.has_perm(perm, project):
        raise PermissionDenied(message)
    before = snapshot(obj, fields) if obj.pk else {}
    for key, value in data.items():
        setattr(obj, key, value)
    return audited_save(obj, by=by, fields=fields, before=before, actions=actions)


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
    return _save(
        by,
        "cooperation.manage_budget",
        project,
        line or BudgetLine(project=project),
        data,
        LINE_FIELDS,
        ("cooperation.budget_line.added", "cooperation.budget_line.updated"),
        _("Only the lead organisation manages the budget."),
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
    return _save(
        by,
        "cooperation.manage_budget",
        project,
        funding or Funding(project=project),
        data,
        FUNDING_FIELDS,
        ("cooperation.funding.added", "cooperation.funding.updated"),
        _("Only the lead organisation manages the budget."),
    )


@transaction.atomic
def expense_record(*, by: User, project: Project, data: dict) -> Expense:
    line = data.get("line")
    if line is None or line.project_id != project.pk:
        raise ValidationError({"line": _("Choose one of the project's budget lines.")})
    if not data.get("amount_minor"):
        raise ValidationError({"amount_minor": _("Give an amount above zero.")})
    return _save(
        by,
        "cooperation.change_project",
        project,
        Expense(recorded_by=by),
        dict(data),
        EXPENSE_FIELDS,
        ("cooperation.expense.recorded", ""),
        _("Only the project's partners record its expenses."),
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
    return _save(
        by,
        perm,
        owner,
        indicator or Indicator(project=project, service=service),
        data,
        INDICATOR_FIELDS,
        ("cooperation.indicator.added", "cooperation.indicator.updated"),
        _("Only the project's partners define its indicators."),
    )


@transaction.atomic
def measurement_record(*, by: User, indicator: Indicator, data: dict) -> Measurement:
    """A dated value with its evidence, by a project's partners or a service's operator."""
    if not (data.get("evidence") or "").strip():
        raise ValidationError({"evidence": _("Say what proves the value.")})
    perm = "cooperation.change_project" if indicator.project_id else "cooperation.manage_service"
    return _save(
        by,
        perm,
        indicator.owner,
        Measurement(indicator=indicator, recorded_by=by),
        dict(data),
        MEASUREMENT_FIELDS,
        ("cooperation.measurement.recorded", ""),
        _("Only the project's partners record measurements."),
    )
