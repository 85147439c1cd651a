"""Council resolutions: the type comes from the content, attacks are refused with a clear
message, and private documents never leak to the wrong person."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from conftest import MINIMAL_PDF, pdf_upload
from tashbeek.members.models import ApplicationDocument

pytestmark = pytest.mark.django_db


def _png(extra: bytes = b"") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return buffer.getvalue() + extra


def _jpeg(extra: bytes = b"") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "JPEG")
    return buffer.getvalue() + extra


def _upload(client, application, name, content, content_type="application/pdf"):
    return client.post(
        f"/members/applications/{application.pk}/step/documents/",
        {"file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


@pytest.mark.parametrize(
    ("name", "content", "stored_type"),
    [
        ("resolution.pdf", MINIMAL_PDF, "application/pdf"),
        ("scan.png", _png(), "image/png"),
        ("photo.jpg", _jpeg(), "image/jpeg"),
        # The name does not decide: a PDF called .png is stored as the PDF it is.
        ("misnamed.png", MINIMAL_PDF, "application/pdf"),
    ],
)
def test_genuine_files_are_accepted(
    client, draft_application, applicant, name, content, stored_type
):
    client.force_login(applicant)
    assert _upload(client, draft_application, name, content).status_code == 302
    document = ApplicationDocument.objects.get()
    assert document.content_type == stored_type
    assert name not in document.file.name  # nothing of the original name on disk


ATTACKS = [
    ("html renamed .pdf", "resolution.pdf", b"<html><script>alert(1)</script></html>"),
    (
        "pdf with javascript",
        "r.pdf",
        MINIMAL_PDF.replace(
            b"/Type /Catalog", b"/Type /Catalog /OpenAction <</S /JavaScript /JS (app.alert(1))>>"
        ),
    ),
    (
        "pdf with escaped javascript name",
        "r.pdf",
        MINIMAL_PDF.replace(b"/Type /Catalog", b"/Type /Catalog /AA <</S /J#61vaScript>>"),
    ),
    ("truncated pdf", "r.pdf", MINIMAL_PDF[:40]),
    ("png with a page appended", "r.png", _png(b"<html><script>alert(1)</script>")),
    ("jpeg carrying a zip", "r.jpg", _jpeg(b"PK\x03\x04" + b"\x00" * 30)),
    ("svg", "r.png", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("empty", "r.pdf", b""),
]


@pytest.mark.parametrize(("label", "name", "content"), ATTACKS, ids=[a[0] for a in ATTACKS])
def test_attacks_are_refused_with_a_message(
    client, draft_application, applicant, label, name, content
):
    client.force_login(applicant)
    response = _upload(client, draft_application, name, content)
    assert response.status_code == 400, label
    error = response.context["form"].errors.as_data()["file"][0]
    assert error.code in {"wrong_type", "active_content", "damaged", "polyglot", "empty", "invalid"}
    assert str(error.message)  # a message the person can read, not a stack trace
    assert not ApplicationDocument.objects.exists()


def test_oversize_file_is_refused(client, draft_application, applicant, settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    client.force_login(applicant)
    response = _upload(client, draft_application, "big.pdf", MINIMAL_PDF + b"%" * 2048 + b"\n%%EOF")
    assert response.status_code == 400
    assert response.context["form"].errors.as_data()["file"][0].code == "too_large"
    assert not ApplicationDocument.objects.exists()


def test_private_document_is_404_to_anyone_outside(
    client, submitted_application, resident, staff_other_member, focal_aourir
):
    document = submitted_application.documents.get()
    url = f"/members/applications/{submitted_application.pk}/documents/{document.pk}/"
    assert client.get(url).status_code == 302  # the visitor is sent to sign in
    for person in (resident, staff_other_member, focal_aourir):
        client.force_login(person)
        assert client.get(url).status_code == 404, person
    # The file itself lives outside MEDIA_ROOT and has no URL.
    with pytest.raises(ValueError):
        _ = document.file.url


def test_resolution_is_replaced_not_accumulated(client, draft_application, applicant):
    client.force_login(applicant)
    _upload(client, draft_application, "first.pdf", MINIMAL_PDF)
    first = ApplicationDocument.objects.get()
    path = first.file.path
    _upload(client, draft_application, "second.pdf", MINIMAL_PDF)
    assert list(ApplicationDocument.objects.values_list("original_name", flat=True)) == [
        "second.pdf"
    ]
    import os

    assert not os.path.exists(path)


def test_pdf_fixture_is_accepted_by_the_service(draft_application, applicant):
    from tashbeek.members import services

    document = services.application_document_add(
        application=draft_application, by=applicant, upload=pdf_upload()
    )
    assert document.size == len(MINIMAL_PDF)
