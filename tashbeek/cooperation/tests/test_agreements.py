"""Agreements: declared by one party, signed once every party confirmed, ended with a
reason; proposed ones seen only by the parties; the signed document checked by its content
and served only to who may read it; the graph and the profile list what is signed."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import pdf_upload
from tashbeek.cooperation import selectors, services
from tashbeek.cooperation.models import Agreement
from tashbeek.core.models import AuditEntry
from tashbeek.notifications.models import Notification
from tashbeek.tests.factories import OrganisationFactory
from tashbeek.tests.factories_cooperation import ProjectFactory, ProjectPartnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def _english_pages(settings):
    settings.LANGUAGE_CODE = "en"


def _declare(by, declared_by, parties, **data):
    return services.agreement_declare(
        by=by,
        declared_by=declared_by,
        parties=parties,
        data={"kind": "twinning", "titles": {"ar": "توأمة"}, **data},
    )


def test_signed_only_when_every_party_confirmed(
    aourir, other_member, focal_aourir, focal_nablus, secretariat
):
    ministry = OrganisationFactory(names={"fr": "Ministère de l'Intérieur"}, kind="government")
    agreement = _declare(focal_aourir, aourir, [other_member, ministry])
    assert agreement.status == "proposed" and agreement.phase == "proposed"
    assert Notification.objects.filter(user=focal_nablus).count() == 1
    services.agreement_confirm(by=focal_nablus, agreement=agreement, organisation=other_member)
    agreement.refresh_from_db()
    assert agreement.status == "proposed"  # the ministry has not confirmed yet
    with pytest.raises(ValidationError):
        services.agreement_confirm(by=focal_nablus, agreement=agreement, organisation=other_member)
    # The ministry has no focal person here: the secretariat records its confirmation.
    services.agreement_confirm(by=secretariat, agreement=agreement, organisation=ministry)
    agreement.refresh_from_db()
    assert agreement.status == "signed" and agreement.signed_on == timezone.localdate()
    assert agreement.phase == "active"
    actions = list(
        AuditEntry.objects.filter(object_id=str(agreement.pk)).values_list("action", flat=True)
    )
    assert actions.count("cooperation.agreement.confirmed") == 2
    assert "cooperation.agreement.signed" in actions


def test_only_a_partys_focal_person_confirms(
    aourir, other_member, focal_aourir, staff_other_member, focal_nablus
):
    agreement = _declare(focal_aourir, aourir, [other_member])
    with pytest.raises(PermissionDenied):
        services.agreement_confirm(
            by=staff_other_member, agreement=agreement, organisation=other_member
        )
    with pytest.raises(PermissionDenied):  # Nablus's focal person cannot confirm for Aourir
        services.agreement_confirm(by=focal_nablus, agreement=agreement, organisation=aourir)


def test_a_party_declares_only_for_itself(aourir, other_member, staff_other_member):
    with pytest.raises(PermissionDenied):
        _declare(staff_other_member, aourir, [other_member])
    with pytest.raises(ValidationError):
        _declare(staff_other_member, other_member, [other_member])  # no other party


def test_phase_follows_the_dates_and_an_end_needs_a_reason(
    aourir, other_member, focal_aourir, focal_nablus
):
    today = timezone.localdate()
    agreement = _declare(
        focal_aourir,
        aourir,
        [other_member],
        starts_on=today - datetime.timedelta(days=800),
        ends_on=today - datetime.timedelta(days=30),
    )
    services.agreement_confirm(by=focal_nablus, agreement=agreement, organisation=other_member)
    agreement.refresh_from_db()
    assert agreement.phase == "expired"
    assert selectors.agreement_list(focal_aourir, phase="expired").get() == agreement
    assert not selectors.agreement_list(focal_aourir, phase="active").exists()
    agreement.renewal = "tacit"
    agreement.save()
    assert agreement.phase == "active"
    assert selectors.agreement_list(focal_aourir, phase="active").get() == agreement
    with pytest.raises(ValidationError):
        services.agreement_end(by=focal_nablus, agreement=agreement, reason="  ")
    services.agreement_end(by=focal_nablus, agreement=agreement, reason="The programme closed.")
    agreement.refresh_from_db()
    assert agreement.phase == "ended" and agreement.end_reason == "The programme closed."


def test_a_proposed_agreement_is_seen_only_by_its_parties(
    client, aourir, other_member, focal_aourir, resident, staff_other_member
):
    agreement = _declare(focal_aourir, aourir, [other_member])
    assert selectors.agreements_visible_to(resident).count() == 0
    assert selectors.agreements_visible_to(staff_other_member).get() == agreement
    client.force_login(resident)
    assert client.get(agreement.get_absolute_url()).status_code == 404
    api = client.get("/api/v1/agreements/").json()
    assert api["count"] == 0


def test_the_page_declares_and_confirms(client, aourir, other_member, focal_aourir, focal_nablus):
    client.force_login(focal_aourir)
    url = reverse("cooperation:declare")
    form = {
        "declared_by": aourir.pk,
        "parties": [other_member.pk],
        "kind": "cooperation",
        "titles_fr": "Assainissement partagé",
        "renewal": "none",
        "starts_on": "2027-01-01",
        "ends_on": "2026-01-01",
    }
    response = client.post(url, form, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "cannot end before it starts" in response.text
    assert not Agreement.objects.exists()
    response = client.post(url, {**form, "ends_on": "2029-12-31"})
    agreement = Agreement.objects.get()
    assert response.status_code == 302 and response["Location"] == agreement.get_absolute_url()
    client.force_login(focal_nablus)
    page = client.get(agreement.get_absolute_url()).text
    confirm = reverse("cooperation:confirm", kwargs={"pk": agreement.pk})
    assert f'action="{confirm}"' in page
    response = client.post(
        reverse("cooperation:confirm", kwargs={"pk": agreement.pk}),
        {"organisation": other_member.pk},
    )
    agreement.refresh_from_db()
    assert response.status_code == 302 and agreement.status == "signed"
    assert agreement.phase == "signed"  # in force only from 2027


def test_the_document_is_checked_and_private_unless_made_public(
    client, aourir, other_member, focal_aourir, focal_nablus, resident
):
    fake = SimpleUploadedFile("agreement.pdf", b"<html><script>x</script></html>")
    with pytest.raises(ValidationError):
        services.agreement_declare(
            by=focal_aourir,
            declared_by=aourir,
            parties=[other_member],
            data={"kind": "mou", "titles": {"fr": "Protocole"}},
            document=fake,
        )
    assert not Agreement.objects.exists()  # a refused upload leaves no half-saved agreement
    agreement = services.agreement_declare(
        by=focal_aourir,
        declared_by=aourir,
        parties=[other_member],
        data={"kind": "mou", "titles": {"fr": "Protocole"}},
        document=pdf_upload("protocole.html"),
    )
    services.agreement_confirm(by=focal_nablus, agreement=agreement, organisation=other_member)
    url = reverse("cooperation:document", kwargs={"pk": agreement.pk})
    client.force_login(resident)
    assert client.get(url).status_code == 403
    client.force_login(focal_nablus)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="protocole.pdf"' in response["Content-Disposition"]
    Agreement.objects.filter(pk=agreement.pk).update(document_public=True)
    client.force_login(resident)
    assert client.get(url).status_code == 200


def test_graph_and_profile_show_signed_agreements(
    _english_pages, client, aourir, other_member, focal_aourir, focal_nablus
):
    agreement = _declare(focal_aourir, aourir, [other_member])
    assert "<svg" not in client.get(reverse("cooperation:graph")).text  # not signed yet
    services.agreement_confirm(by=focal_nablus, agreement=agreement, organisation=other_member)
    page = client.get(reverse("cooperation:graph")).text
    assert page.count("<circle") == 2 and page.count("<line") == 1
    assert client.get(reverse("cooperation:graph") + "?kind=mou").text.count("<circle") == 0
    aourir.latitude, aourir.longitude = Decimal("30.49"), Decimal("-9.64")
    aourir.save()
    other_member.latitude = other_member.longitude = None
    other_member.save()
    page = client.get(reverse("cooperation:graph") + "?view=map").text
    assert page.count("<circle") == 1 and "Not on the map" in page
    profile = client.get(aourir.get_absolute_url()).text
    assert agreement.get_absolute_url() in profile


def test_list_and_graph_queries_do_not_grow(client, focal_aourir, aourir):
    def count(url):
        cache.clear()  # the graph's links are cached per data version: count the work
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def add(n):
        for _i in range(n):
            partner = OrganisationFactory()
            agreement = _declare(focal_aourir, aourir, [partner])
            agreement.parties.update(confirmed_at=timezone.now())
            Agreement.objects.filter(pk=agreement.pk).update(status="signed")

    add(2)
    few = (count(reverse("cooperation:agreements")), count(reverse("cooperation:graph")))
    add(8)
    many = (count(reverse("cooperation:agreements")), count(reverse("cooperation:graph")))
    assert many == few


def test_the_profile_reads_agreements_in_one_query_however_many(client, focal_aourir, aourir):
    def count():
        with CaptureQueriesContext(connection) as captured:
            page = client.get(aourir.get_absolute_url()).text
        links = page.count("/cooperation/agreements/") + page.count("/cooperation/projects/")
        return len(captured), links

    def add(n):
        for _i in range(n):
            agreement = _declare(focal_aourir, aourir, [OrganisationFactory()])
            agreement.parties.update(confirmed_at=timezone.now())
            Agreement.objects.filter(pk=agreement.pk).update(status="signed")
            project = ProjectFactory(public=True)
            ProjectPartnerFactory(project=project, organisation=aourir)

    empty, nav_links = count()  # the header links the lists
    add(1)
    one, links = count()
    add(5)
    six, more_links = count()
    # Titles and states only: no parties or partners prefetched, no deferred field read later,
    # and nothing per agreement or project.
    assert (one, six) == (empty, empty)
    assert (links - nav_links, more_links - nav_links) == (2, 12)


def test_a_party_not_in_the_directory_joins_it_as_a_partner(client, aourir, focal_aourir):
    client.force_login(focal_aourir)
    response = client.post(
        reverse("cooperation:declare"),
        {
            "declared_by": aourir.pk,
            "kind": "mou",
            "titles_fr": "Protocole avec l'association des parents",
            "renewal": "none",
            "new_partner_name": "Association des parents d'élèves de Tamraght",
            "new_partner_kind": "association",
            "new_partner_country": "MA",
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    partner = agreement.parties.exclude(organisation=aourir).get().organisation
    assert (partner.relation, partner.kind, str(partner.country)) == (
        "partner",
        "association",
        "MA",
    )
    assert partner.membership_status == ""


def test_the_cached_graph_follows_signatures_and_endings(
    client, aourir, other_member, focal_aourir, focal_nablus
):
    agreement = _declare(focal_aourir, aourir, [other_member])
    url = reverse("cooperation:graph")
    assert client.get(url).text.count("<circle") == 0
    services.agreement_confirm(by=focal_nablus, agreement=agreement, organisation=other_member)
    assert client.get(url).text.count("<circle") == 2
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    assert not any("cooperation_agreementparty" in q["sql"] for q in captured)  # cached
    services.agreement_end(by=focal_aourir, agreement=agreement, reason="Merged into a new one")
    assert client.get(url).text.count("<circle") == 0
