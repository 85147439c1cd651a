"""Joint projects: money that always adds up per currency, progress from the indicators,
who may do what (the lead manages the money, partners record), private projects kept to
their partners, the exports, and list pages whose queries do not grow."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tashbeek.cooperation import selectors, services
from tashbeek.cooperation.models import Funding, Project
from tashbeek.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(cooperation):
    return cooperation["project"]


def test_who_pays_what_adds_up_in_each_currency(project, aourir, focal_aourir):
    ministry = OrganisationFactory(names={"fr": "INDH"}, kind="government")
    donor = OrganisationFactory(names={"en": "GIZ"}, kind="donor")
    for funder, source, currency, pledged, received, in_kind in (
        (ministry, "ministry", "MAD", 45_000_001, 20_000_000, False),
        (aourir, "members", "MAD", 5_000_000, 5_000_000, True),
        (donor, "donor", "EUR", 1_234_567, 0, False),
    ):
        services.funding_save(
            by=focal_aourir,
            project=project,
            data={
                "funder": funder,
                "source": source,
                "currency": currency,
                "pledged_minor": pledged,
                "received_minor": received,
                "in_kind": in_kind,
            },
        )
    services.budget_line_save(
        by=focal_aourir,
        project=project,
        data={"category": "services", "currency": "EUR", "amount_minor": 2_000_000},
    )
    tables = {t.currency: t for t in selectors.project_money(project)}
    mad, eur = tables["MAD"], tables["EUR"]
    rows = Funding.objects.filter(project=project, currency="MAD")
    assert mad.pledged == sum(f.pledged_minor for f in rows) == 80_000_001
    assert mad.received == 25_000_000 and mad.in_kind == 5_000_000
    assert mad.budget == 90_000_000 and mad.gap == 90_000_000 - 80_000_001
    assert eur.pledged == 1_234_567 and eur.budget == 2_000_000
    assert all(isinstance(v, int) for v in (mad.pledged, mad.gap, eur.budget))


def test_more_received_than_pledged_is_refused(project, aourir, focal_aourir, client):
    with pytest.raises(ValidationError):
        services.funding_save(
            by=focal_aourir,
            project=project,
            data={
                "funder": aourir,
                "source": "members",
                "currency": "MAD",
                "pledged_minor": 100,
                "received_minor": 101,
            },
        )
    client.force_login(focal_aourir)
    url = reverse("cooperation:money_add", kwargs={"pk": project.pk, "what": "funding"})
    form = {"funder": aourir.pk, "source": "members", "currency": "MAD"}
    response = client.post(url, {**form, "pledged": "1.00", "received": "1.01"})
    assert response.status_code == 400
    assert project.funding.count() == 1  # the fixture's
    response = client.post(url, {**form, "pledged": "1250.50", "received": "1000"})
    assert response.status_code == 302
    assert project.funding.order_by("-id").first().pledged_minor == 125_050


def test_progress_comes_from_the_indicators(project, cooperation, focal_aourir):
    assert selectors.project_progress(project) == 25  # 100 of 400 pupils
    waste = services.indicator_save(
        by=focal_aourir,
        project=project,
        data={"names": {"fr": "Déchets en décharge"}, "unit": "t", "baseline": 1000, "target": 600},
    )
    services.measurement_record(
        by=focal_aourir,
        indicator=waste,
        data={"measured_on": datetime.date(2026, 11, 1), "value": 700, "evidence": "Weighbridge"},
    )
    assert selectors.indicator_progress(waste) == Decimal("0.75")  # a decrease is progress
    project = selectors.project_detail(project.pk, user=focal_aourir)
    assert selectors.project_progress(project) == 50
    with pytest.raises(ValidationError):
        services.measurement_record(
            by=focal_aourir,
            indicator=waste,
            data={"measured_on": datetime.date(2026, 12, 1), "value": 650, "evidence": ""},
        )


def test_the_lead_manages_the_money_and_partners_record(
    project, cooperation, staff_other_member, resident, focal_aourir
):
    with pytest.raises(PermissionDenied):
        services.budget_line_save(
            by=staff_other_member,
            project=project,
            data={"category": "works", "currency": "MAD", "amount_minor": 1},
        )
    expense = services.expense_record(
        by=staff_other_member,
        project=project,
        data={
            "line": cooperation["line"],
            "amount_minor": 95_000_000,
            "spent_on": datetime.date(2026, 9, 1),
            "description": "Two buses",
        },
    )
    assert expense.recorded_by == staff_other_member
    table = selectors.project_money(project)[0]
    assert table.lines[0]["left"] == -5_000_000  # overspent, shown as such
    with pytest.raises(PermissionDenied):
        services.expense_record(
            by=resident,
            project=project,
            data={
                "line": cooperation["line"],
                "amount_minor": 1,
                "spent_on": datetime.date(2026, 9, 1),
                "description": "x",
            },
        )
    with pytest.raises(ValidationError):
        services.project_partner_set(
            by=focal_aourir, project=project, organisation=project.lead, role="partner"
        )


def test_an_issue_is_owned_by_a_partner_and_resolved_with_how(
    project, cooperation, focal_aourir, staff_other_member
):
    outsider = OrganisationFactory()
    with pytest.raises(ValidationError):
        services.issue_raise(
            by=focal_aourir,
            project=project,
            data={"kind": "challenge", "area": "coordination", "text": "x", "owner": outsider},
        )
    with pytest.raises(ValidationError):  # Nablus's staff cannot be in charge for Aourir
        services.issue_raise(
            by=focal_aourir,
            project=project,
            data={
                "kind": "risk",
                "area": "money",
                "text": "x",
                "owner": project.lead,
                "owner_person": staff_other_member,
            },
        )
    issue = services.issue_resolve(
        by=staff_other_member, issue=cooperation["issue"], resolution="A fuel fund."
    )
    assert issue.status == "resolved"


def test_a_private_project_is_kept_to_its_partners(
    client, project, focal_aourir, resident, staff_other_member, committee_member
):
    services.project_save(by=focal_aourir, project=project, data={"public": False})
    for user, seen in (
        (resident, False),
        (staff_other_member, True),
        (committee_member, True),
    ):
        client.force_login(user)
        assert (client.get(project.get_absolute_url()).status_code == 200) is seen
        assert (client.get("/api/v1/projects/").json()["count"] == 1) is seen
    client.logout()
    assert client.get(reverse("cooperation:projects")).text.count(project.get_absolute_url()) == 0


def test_the_public_page_and_the_workspace(client, project, focal_aourir, resident):
    services.update_post(
        by=focal_aourir,
        project=project,
        data={"organisation": project.lead, "text": "Buses ordered", "public": True},
    )
    services.update_post(
        by=focal_aourir,
        project=project,
        data={"organisation": project.lead, "text": "Quarrel over routes", "public": False},
    )
    page = client.get(project.get_absolute_url()).text
    assert "Buses ordered" in page and "Quarrel over routes" not in page
    client.force_login(focal_aourir)
    workspace = client.get(reverse("cooperation:workspace", kwargs={"pk": project.pk})).text
    assert "Quarrel over routes" in workspace and "Fuel costs" in workspace


def test_status_needs_a_reason_on_the_page(client, project, focal_aourir):
    client.force_login(focal_aourir)
    url = reverse("cooperation:status", kwargs={"pk": project.pk})
    assert client.post(url, {"status": "suspended"}).status_code == 400
    assert client.post(url, {"status": "suspended", "reason": "Funds late"}).status_code == 302
    project.refresh_from_db()
    assert (project.status, project.status_reason) == ("suspended", "Funds late")


def test_budget_export_adds_up(client, project, focal_aourir):
    client.force_login(focal_aourir)
    url = reverse("cooperation:budget_export", kwargs={"pk": project.pk, "fmt": "csv"})
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))
    amounts = {row[0]: row[4] for row in rows[1:]}
    assert len(rows) == 3 and "900000.00" in amounts.values()
    xlsx = client.get(url.replace(".csv", ".xlsx"))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    url = reverse("cooperation:indicators_export", kwargs={"pk": project.pk, "fmt": "csv"})
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))
    assert rows[1][0] == "Élèves transportés" and rows[1][5] == "100.00"
    assert rows[1][6] == "Registers"


def test_project_list_queries_do_not_grow(client, focal_aourir, aourir, cooperation):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("cooperation:projects")).status_code == 200
        return len(captured)

    def add(n):
        for i in range(n):
            p = services.project_save(
                by=focal_aourir, lead=aourir, data={"titles": {"fr": f"Projet {i}"}}
            )
            services.project_partner_set(
                by=focal_aourir, project=p, organisation=OrganisationFactory(), role="funder"
            )
            ind = services.indicator_save(
                by=focal_aourir,
                project=p,
                data={"names": {"fr": "x"}, "unit": "u", "baseline": 0, "target": 10},
            )
            services.measurement_record(
                by=focal_aourir,
                indicator=ind,
                data={"measured_on": datetime.date(2026, 1, 1), "value": 5, "evidence": "e"},
            )

    add(2)
    few = count()
    add(8)
    assert count() == few
    assert Project.objects.count() == 11
