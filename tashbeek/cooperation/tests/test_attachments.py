"""Project and tender documents: checked by content, private to the partners unless made
public, served only through the view that checks, on the page and in the API."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import pdf_upload
from tashbeek.cooperation import services
from tashbeek.cooperation.models import Attachment
from tashbeek.tests.factories import api_token

pytestmark = pytest.mark.django_db


def test_a_private_report_is_read_by_the_partners_only(
    client, cooperation, aourir, focal_aourir, staff_other_member, resident
):
    project = cooperation["project"]
    report = cooperation["attachment"]  # private, added by Aourir
    url = reverse("cooperation:document_file", kwargs={"pk": report.pk})
    client.force_login(resident)
    assert client.get(url).status_code == 403
    assert url not in client.get(project.get_absolute_url()).text
    client.force_login(staff_other_member)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    Attachment.objects.filter(pk=report.pk).update(public=True)
    client.logout()
    assert client.get(url).status_code == 200
    assert url in client.get(project.get_absolute_url()).text


def test_uploads_are_checked_and_only_partners_add(
    cooperation, aourir, focal_aourir, resident, other_member, staff_other_member
):
    project = cooperation["project"]
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError):
        services.attachment_add(
            by=focal_aourir,
            organisation=aourir,
            upload=fake,
            titles={"fr": "x"},
            public=True,
            project=project,
        )
    with pytest.raises(PermissionDenied):
        services.attachment_add(
            by=resident,
            organisation=aourir,
            upload=pdf_upload(),
            titles={"fr": "x"},
            public=True,
            project=project,
        )
    with pytest.raises(PermissionDenied):  # Nablus's staff cannot sign in Aourir's name
        services.attachment_add(
            by=staff_other_member,
            organisation=aourir,
            upload=pdf_upload(),
            titles={"fr": "x"},
            public=True,
            project=project,
        )
    assert Attachment.objects.count() == 1  # the fixture's report only


def test_tender_documents_through_the_page_and_the_api(
    client, cooperation, other_member, staff_other_member
):
    tender = cooperation["tender"]
    client.force_login(staff_other_member)
    url = reverse("cooperation:tender_document_add", kwargs={"pk": tender.pk})
    response = client.post(
        url,
        {
            "titles_fr": "Questions de Naplouse",
            "organisation": other_member.pk,
            "file": pdf_upload("questions.pdf"),
        },
    )
    assert response.status_code == 302
    document = Attachment.objects.get(tender=tender)
    assert document.tender == tender and not document.public
    api = client.get(f"/api/v1/cooperation-documents/?tender={tender.pk}")
    assert [d["id"] for d in api.json()["results"]] == [document.pk]
    token = APIClient()
    token.credentials(HTTP_AUTHORIZATION=api_token(staff_other_member))
    created = token.post(
        f"/api/v1/cooperation-documents/?tender={tender.pk}",
        {"titles": '{"fr": "Annexe"}', "organisation": other_member.pk, "file": pdf_upload()},
        format="multipart",
    )
    assert created.status_code == 201, created.content
    assert (
        token.get(f"/api/v1/cooperation-documents/{created.json()['id']}/download/").status_code
        == 200
    )
