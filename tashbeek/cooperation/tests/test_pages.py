"""The cooperation forms as a person fills them in on the pages (cooperation/form.html): a
valid form saves and goes where the person expects, a refused one is shown again with the
reason (400) and saves nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tashbeek.cooperation.models import Agreement, Award, Demand, Item, Project, Tender

from .test_tenders import _open

pytestmark = pytest.mark.django_db


def test_ending_an_agreement_needs_its_reason(client, cooperation, focal_aourir):
    agreement = cooperation["agreement"]
    client.force_login(focal_aourir)
    url = reverse("cooperation:end", kwargs={"pk": agreement.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert Agreement.objects.get(pk=agreement.pk).status != Agreement.Status.ENDED
    response = client.post(url, {"reason": "Replaced by a framework agreement"})
    assert response.status_code == 302
    assert response["Location"] == agreement.get_absolute_url()
    agreement.refresh_from_db()
    assert (agreement.status, agreement.end_reason) == (
        Agreement.Status.ENDED,
        "Replaced by a framework agreement",
    )


def test_a_tender_from_quantities_to_award_through_its_pages(
    client, aourir, other_member, focal_aourir, staff_other_member
):
    tender = _open(focal_aourir, aourir, [other_member])
    bins = Item.objects.filter(lot__tender=tender).order_by("id").first()
    client.force_login(staff_other_member)
    declare = reverse("cooperation:tender_declare", kwargs={"pk": tender.pk})
    response = client.post(declare, {"organisation": aourir.pk, f"item_{bins.pk}": "5"})
    assert response.status_code == 400  # not one of this person's authorities
    response = client.post(declare, {"organisation": other_member.pk, f"item_{bins.pk}": "5"})
    assert response["Location"] == tender.get_absolute_url()
    assert Demand.objects.get().quantity == 5

    client.force_login(focal_aourir)
    stage = reverse("cooperation:tender_stage", kwargs={"pk": tender.pk})
    assert client.post(stage, {"stage": "cancelled", "reason": ""}).status_code == 400
    response = client.post(stage, {"stage": "published", "published_on": "2026-12-01"})
    assert response["Location"] == tender.get_absolute_url()
    assert Tender.objects.get(pk=tender.pk).stage == "published"

    award = reverse("cooperation:tender_award", kwargs={"pk": tender.pk})
    form = {
        "lot": bins.lot_id,
        "supplier": other_member.pk,
        "amount": "1500.25",
        "awarded_on": timezone.localdate().isoformat(),
    }
    response = client.post(award, form)
    assert response["Location"] == tender.get_absolute_url()
    assert Award.objects.get(lot=bins.lot).amount_minor == 150_025


def test_a_project_started_on_its_page_opens_its_workspace(client, aourir, focal_aourir):
    client.force_login(focal_aourir)
    url = reverse("cooperation:project_new")
    response = client.post(url, {"lead": aourir.pk, "titles_ar": ""})
    assert response.status_code == 400
    assert not Project.objects.exists()
    form = {"lead": aourir.pk, "titles_ar": "النقل المدرسي", "starts_on": "2027-01-01"}
    response = client.post(url, form)
    project = Project.objects.get()
    assert response["Location"] == reverse("cooperation:workspace", kwargs={"pk": project.pk})
    edit = reverse("cooperation:project_edit", kwargs={"pk": project.pk})
    response = client.post(edit, {**form, "titles_ar": "النقل المدرسي المشترك"})
    assert response["Location"] == project.get_absolute_url()
    project.refresh_from_db()
    assert project.titles["ar"] == "النقل المدرسي المشترك"
    assert project.starts_on == datetime.date(2027, 1, 1)
