"""A joint project as an IATI 2.03 activity (https://iatistandard.org), for projects with
international funders: the lead reports; every partner is a participating organisation in
its IATI role; the budget per currency; funding received as incoming funds and expenses as
expenditure; indicators as results with their baseline, target and latest value."""

from xml.etree import ElementTree as ET

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from tashbeek.core.money import to_major

from .models import BudgetLine, Expense, Funding, Project, ProjectPartner

PREFIX = getattr(settings, "IATI_ORGANISATION_PREFIX", "XI-TASHBEEK")
# IATI codelists: OrganisationRole, OrganisationType, ActivityStatus.
ROLES: dict[str, str] = {
    ProjectPartner.Role.FUNDER: "1",
    ProjectPartner.Role.LEAD: "2",
    ProjectPartner.Role.PARTNER: "4",
    ProjectPartner.Role.TECHNICAL: "4",
    ProjectPartner.Role.IMPLEMENTER: "4",
}
TYPES = {"government": "10", "donor": "40", "association": "22", "company": "70", "academic": "80"}
STATUS = {"planned": "1", "running": "2", "completed": "4", "cancelled": "5", "suspended": "6"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _org_ref(org) -> str:
    return f"{PREFIX}-{org.pk}"


def _org_type(org) -> str:
    return TYPES.get(org.kind, "10")  # local authorities are government bodies


def _narratives(parent, texts: dict) -> None:
    for language, text in sorted((texts or {}).items()):
        ET.SubElement(parent, "narrative", {XML_LANG: language}).text = text


def _text(parent, tag: str, texts: dict, **attrs) -> ET.Element:
    element = ET.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attrs.items()})
    _narratives(element, texts)
    return element


def _value(parent, tag: str, minor: int, currency: str, when) -> None:
    ET.SubElement(parent, tag, {"currency": currency, "value-date": when.isoformat()}).text = str(
        to_major(minor, currency)
    )


def _dates(activity, project: Project) -> None:
    today = timezone.localdate()
    started = project.status in ("running", "completed", "suspended")
    for kind, actual, day in (
        ("1", "2", project.starts_on),
        ("3", "4", project.ends_on),
    ):
        if day is None:
            continue
        code = (
            actual
            if started and day <= today and (kind == "1" or project.status == "completed")
            else kind
        )
        ET.SubElement(activity, "activity-date", {"type": code, "iso-date": day.isoformat()})
    if project.starts_on is None:
        ET.SubElement(
            activity,
            "activity-date",
            {"type": "1", "iso-date": project.created_at.date().isoformat()},
        )


def _money(activity, project: Project) -> None:
    start = project.starts_on or project.created_at.date()
    end = project.ends_on or start.replace(year=start.year + 1)
    budgets = (
        BudgetLine.objects.filter(project=project)
        .values_list("currency")
        .annotate(total=Sum("amount_minor"))
        .order_by("currency")
    )
    for currency, total in budgets:
        budget = ET.SubElement(activity, "budget", {"type": "1", "status": "1"})
        ET.SubElement(budget, "period-start", {"iso-date": start.isoformat()})
        ET.SubElement(budget, "period-end", {"iso-date": end.isoformat()})
        _value(budget, "value", total, currency, start)
    for funding in Funding.objects.filter(project=project, received_minor__gt=0).select_related(
        "funder"
    ):
        tx = ET.SubElement(activity, "transaction")
        ET.SubElement(tx, "transaction-type", {"code": "1"})  # incoming funds
        ET.SubElement(tx, "transaction-date", {"iso-date": start.isoformat()})
        _value(tx, "value", funding.received_minor, funding.currency, start)
        provider = ET.SubElement(
            tx, "provider-org", {"ref": _org_ref(funding.funder), "type": _org_type(funding.funder)}
        )
        _narratives(provider, funding.funder.names)
    for expense in Expense.objects.filter(line__project=project).select_related("line"):
        tx = ET.SubElement(activity, "transaction")
        ET.SubElement(tx, "transaction-type", {"code": "4"})  # expenditure
        ET.SubElement(tx, "transaction-date", {"iso-date": expense.spent_on.isoformat()})
        _value(tx, "value", expense.amount_minor, expense.line.currency, expense.spent_on)
        _text(tx, "description", {settings.LANGUAGE_CODE: expense.description})


def _results(activity, project: Project) -> None:
    for indicator in project.indicators.prefetch_related("values"):
        values = sorted(indicator.values.all(), key=lambda m: (m.measured_on, m.id))
        result = ET.SubElement(activity, "result", {"type": "2", "aggregation-status": "0"})
        _text(result, "title", indicator.names)
        element = ET.SubElement(result, "indicator", {"measure": "1", "ascending": _up(indicator)})
        _text(element, "title", {**indicator.names})
        start = project.starts_on or project.created_at.date()
        ET.SubElement(
            element,
            "baseline",
            {
                "year": str(start.year),
                "iso-date": start.isoformat(),
                "value": _num(indicator.baseline),
            },
        )
        if values:
            period = ET.SubElement(element, "period")
            ET.SubElement(period, "period-start", {"iso-date": start.isoformat()})
            end = max(values[-1].measured_on, start)
            ET.SubElement(period, "period-end", {"iso-date": end.isoformat()})
            ET.SubElement(period, "target", {"value": _num(indicator.target)})
            actual = ET.SubElement(period, "actual", {"value": _num(values[-1].value)})
            _text(actual, "comment", {settings.LANGUAGE_CODE: values[-1].evidence})


def _up(indicator) -> str:
    return "1" if indicator.target >= indicator.baseline else "0"


def _num(value) -> str:
    return format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)


def _participants(project: Project) -> list:
    """(organisation, IATI role) for each partner, then each funder not already a partner
    (role 1, funding): a donor that only pays is still a participating organisation."""
    rows = [(p.organisation, ROLES[p.role]) for p in project.partners.all()]
    listed = {(org.pk, role) for org, role in rows}
    for funding in Funding.objects.filter(project=project).select_related("funder"):
        if (funding.funder_id, "1") not in listed:
            rows.append((funding.funder, "1"))
            listed.add((funding.funder_id, "1"))
    return rows


def activity_xml(project: Project) -> bytes:
    """The project as an iati-activities document with one activity."""
    project = (
        Project.objects.select_related("lead")
        .prefetch_related("partners__organisation")
        .get(pk=project.pk)
    )
    root = ET.Element(
        "iati-activities",
        {
            "version": "2.03",
            "generated-datetime": timezone.now().replace(microsecond=0).isoformat(),
        },
    )
    currency = (
        BudgetLine.objects.filter(project=project).values_list("currency", flat=True).first()
        or "EUR"
    )
    activity = ET.SubElement(
        root,
        "iati-activity",
        {
            "last-updated-datetime": project.updated_at.replace(microsecond=0).isoformat(),
            XML_LANG: settings.LANGUAGE_CODE,
            "default-currency": currency,
        },
    )
    lead = project.lead
    ET.SubElement(activity, "iati-identifier").text = f"{_org_ref(lead)}-project-{project.pk}"
    _text(activity, "reporting-org", lead.names, ref=_org_ref(lead), type=_org_type(lead))
    _text(activity, "title", project.titles)
    _text(activity, "description", project.summaries or project.titles, type="1")
    for org, role in _participants(project):
        _text(
            activity,
            "participating-org",
            org.names,
            ref=_org_ref(org),
            type=_org_type(org),
            role=role,
        )
    ET.SubElement(activity, "activity-status", {"code": STATUS[project.status]})
    _dates(activity, project)
    if lead.country:
        ET.SubElement(activity, "recipient-country", {"code": str(lead.country.code)})
    _money(activity, project)
    _results(activity, project)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def has_international_funder(project: Project) -> bool:
    return Funding.objects.filter(project=project, source=Funding.Source.DONOR).exists()
