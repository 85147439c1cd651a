"""Joint projects: the list, the public page residents read, starting and editing a
project, and the partners' workspace with its money, indicators, risks and updates."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from tashbeek.accounts.web import SignedInRequest
from tashbeek.core.exports import Column, export_response
from tashbeek.core.models import Theme
from tashbeek.core.money import exponent, to_major
from tashbeek.core.web import FORM, POST, add_service_errors, done, view

from .. import iati, selectors, services
from ..forms import (
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
from ..models import Project, ProjectIssue
from .common import form_view, project_from


@require_GET
def projects(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in Project.Status.values else ""
    theme = request.GET.get("theme", "")
    theme = theme if Theme.objects.filter(slug=theme).exists() else ""
    rows = selectors.project_list(request.user, status=status, theme=theme).defer("stories")
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    for project in shown:
        project.progress = selectors.project_progress(project)
    context = {
        "projects": shown,
        "page": page,
        "count": page.paginator.count,
        "status": status,
        "theme": theme,
        "statuses": Project.Status.choices,
        "themes": Theme.objects.filter(scheme=Theme.Scheme.SECTOR, parent__isnull=True),
        "can_add": request.user.has_perm("cooperation.add_project"),
    }
    return render(request, "cooperation/projects.html", context)


@view("cooperation.view_project", fn=project_from, sign_in=False)
def project(request: HttpRequest, pk: int) -> HttpResponse:
    item = project_from(request, pk)
    context = {
        "project": item,
        "progress": selectors.project_progress(item),
        "indicators": [(i, selectors.indicator_progress(i)) for i in item.indicators.all()],
        "money": selectors.project_money(item),
        "updates": item.updates.filter(public=True).select_related("organisation")[:10],
        "can_see_workspace": request.user.has_perm("cooperation.view_workspace", item),
        "international": iati.has_international_funder(item),
        "attachments": selectors.attachments_for(
            request.user,
            project=item,
            insider=request.user.has_perm("cooperation.view_workspace", item),
        ),
    }
    return render(request, "cooperation/project.html", context)


@view("cooperation.add_project", methods=FORM)
def project_new(request: SignedInRequest) -> HttpResponse:
    form = ProjectForm(request.POST or None, user=request.user)

    def start(data):
        item = services.project_save(by=request.user, lead=data["lead"], data=form.service_data())
        return reverse("cooperation:workspace", kwargs={"pk": item.pk})

    return form_view(
        request,
        form,
        start,
        title=_("Start a joint project"),
        message=_("The project is created."),
    )


@view("cooperation.change_project", fn=project_from, methods=FORM)
def project_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    item = project_from(request, pk)
    form = ProjectForm(request.POST or None, instance=item, user=request.user)

    return form_view(
        request,
        form,
        lambda data: services.project_save(by=request.user, project=item, data=form.service_data()),
        title=_("Edit the project"),
        message=_("The project is updated."),
        back=item,
        to=item,
    )


def _workspace_context(request, item) -> dict:
    return {
        "project": item,
        "progress": selectors.project_progress(item),
        "indicators": [(i, selectors.indicator_progress(i)) for i in item.indicators.all()],
        "money": selectors.project_money(item),
        "issues": item.issues.select_related("owner", "owner_person"),
        "updates": item.updates.select_related("organisation", "author")[:30],
        "can_manage": request.user.has_perm("cooperation.manage_budget", item),
        "can_change": request.user.has_perm("cooperation.change_project", item),
        "partner_form": PartnerForm(),
        "status_form": StatusForm(initial={"status": item.status}),
        "resolve_form": ResolveForm(),
        "attachments": selectors.attachments_for(request.user, project=item, insider=True),
        "add_url": reverse("cooperation:project_document_add", kwargs={"pk": item.pk})
        if request.user.has_perm("cooperation.change_project", item)
        else "",
        "record_links": [(what, entry[2]) for what, entry in RECORDS.items()],
        "money_links": [(what, entry[2]) for what, entry in MONEY.items()],
    }


@view("cooperation.view_workspace", fn=project_from)
def workspace(request: HttpRequest, pk: int) -> HttpResponse:
    item = project_from(request, pk)
    return render(request, "cooperation/workspace.html", _workspace_context(request, item))


# What the lead adds (the money) and what any partner records, each: form, service, message.
MONEY = {
    "line": (BudgetLineForm, services.budget_line_save, gettext_lazy("Add a budget line")),
    "funding": (FundingForm, services.funding_save, gettext_lazy("Add funding")),
}
RECORDS = {
    "expense": (ExpenseForm, services.expense_record, gettext_lazy("Record an expense")),
    "indicator": (IndicatorForm, services.indicator_save, gettext_lazy("Add an indicator")),
    "measurement": (MeasurementForm, None, gettext_lazy("Record an indicator value")),
    "milestone": (MilestoneForm, services.milestone_save, gettext_lazy("Add a milestone")),
    "issue": (IssueForm, services.issue_raise, gettext_lazy("Raise a risk or challenge")),
    "update": (UpdateForm, services.update_post, gettext_lazy("Post an update")),
}


def _form_kwargs(form_class, request, item) -> dict:
    kwargs = {}
    if form_class is MeasurementForm:
        kwargs["owner"] = item
    elif form_class in (ExpenseForm, IssueForm, UpdateForm):
        kwargs["project"] = item
    if form_class is UpdateForm:
        kwargs["user"] = request.user
    return kwargs


def _add(request, item, registry: dict, what: str) -> HttpResponse:
    if what not in registry:
        raise Http404
    form_class, service, title = registry[what]
    form = form_class(request.POST or None, **_form_kwargs(form_class, request, item))

    def add(cleaned):
        data = (
            form.service_data()
            if hasattr(form, "service_data")
            else {k: v for k, v in cleaned.items() if k != "indicator"}
        )
        if service is None:
            services.measurement_record(by=request.user, indicator=cleaned["indicator"], data=data)
        else:
            service(by=request.user, project=item, data=data)

    return form_view(
        request,
        form,
        add,
        title=str(title),
        message=_("Saved."),
        back=item,
        to=reverse("cooperation:workspace", kwargs={"pk": item.pk}),
        project=item,
    )


@view("cooperation.manage_budget", fn=project_from, methods=FORM)
def money_add(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    return _add(request, project_from(request, pk), MONEY, what)


@view("cooperation.change_project", fn=project_from, methods=FORM)
def record_add(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    return _add(request, project_from(request, pk), RECORDS, what)


def _posted(request, item, form, run) -> HttpResponse:
    """A small workspace form posted: run the service, or show the workspace with why not."""
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return done(request, _("Saved."), "cooperation:workspace", pk=item.pk)
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return render(
        request, "cooperation/workspace.html", _workspace_context(request, item), status=400
    )


@view("cooperation.manage_budget", fn=project_from, methods=POST)
def partners(request: SignedInRequest, pk: int) -> HttpResponse:
    item = project_from(request, pk)
    return _posted(
        request,
        item,
        PartnerForm(request.POST),
        lambda d: services.project_partner_set(
            by=request.user, project=item, organisation=d["organisation"], role=d["role"] or None
        ),
    )


@view("cooperation.manage_budget", fn=project_from, methods=POST)
def status(request: SignedInRequest, pk: int) -> HttpResponse:
    item = project_from(request, pk)
    return _posted(
        request,
        item,
        StatusForm(request.POST),
        lambda d: services.project_status_set(by=request.user, project=item, **d),
    )


@view("cooperation.change_project", fn=project_from, methods=POST)
def resolve(request: SignedInRequest, pk: int, issue_pk: int) -> HttpResponse:
    item = project_from(request, pk)
    issue = get_object_or_404(ProjectIssue, pk=issue_pk, project=item)
    return _posted(
        request,
        item,
        ResolveForm(request.POST),
        lambda d: services.issue_resolve(by=request.user, issue=issue, **d),
    )


@view("cooperation.view_project", fn=project_from, sign_in=False)
def project_iati(request: HttpRequest, pk: int) -> HttpResponse:
    """The project as an IATI 2.03 activity file (for its international funders)."""
    item = project_from(request, pk)
    response = HttpResponse(iati.activity_xml(item), content_type="application/xml")
    response["Content-Disposition"] = f'inline; filename="project-{item.pk}-iati.xml"'
    return response


@view("cooperation.view_workspace", fn=project_from)
def budget_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The budget lines, funding and spending of the project, one row each, per currency."""
    item = project_from(request, pk)
    rows = []
    for table in selectors.project_money(item):
        for row in table.lines:
            line = row["line"]
            rows.append(
                (_("Budget line"), line.label, "", table.currency, line.amount_minor, row["spent"])
            )
        for row in table.funders:
            f = row["funding"]
            rows.append(
                (
                    f.get_source_display(),
                    f.funder.name,
                    _("in kind") if f.in_kind else "",
                    table.currency,
                    f.pledged_minor,
                    f.received_minor,
                )
            )
    places = lambda r: exponent(r[3])  # noqa: E731
    columns = [
        Column(_("Kind"), lambda r: r[0]),
        Column(_("Name"), lambda r: r[1]),
        Column(_("Note"), lambda r: r[2]),
        Column(_("Currency"), lambda r: r[3]),
        Column(_("Amount"), lambda r: to_major(r[4], r[3]), "money", places),
        Column(_("Spent or received"), lambda r: to_major(r[5], r[3]), "money", places),
    ]
    return export_response(
        fmt=fmt, columns=columns, rows=rows, name=f"project-{item.pk}-budget", title=item.title
    )


@view("cooperation.view_workspace", fn=project_from)
def indicators_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Every measurement of every indicator, with its baseline, target and evidence."""
    item = project_from(request, pk)
    rows = [
        (indicator, m)
        for indicator in item.indicators.all()
        for m in sorted(indicator.values.all(), key=lambda m: (m.measured_on, m.id))
    ]
    columns = [
        Column(_("Indicator"), lambda r: r[0].name),
        Column(_("Unit"), lambda r: r[0].unit),
        Column(_("Baseline"), lambda r: r[0].baseline, "decimal"),
        Column(_("Target"), lambda r: r[0].target, "decimal"),
        Column(_("Date"), lambda r: r[1].measured_on, "date"),
        Column(_("Value"), lambda r: r[1].value, "decimal"),
        Column(_("Evidence"), lambda r: r[1].evidence),
    ]
    return export_response(
        fmt=fmt, columns=columns, rows=rows, name=f"project-{item.pk}-indicators", title=item.title
    )
