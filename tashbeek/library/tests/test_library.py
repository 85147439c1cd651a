"""The library: content-checked office files, versions, the review workflow, and the rule
that member-only and community-only documents never reach the wrong reader."""

import io
import itertools
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import PERSONAS, pdf_upload, png_upload
from tashbeek.core.files import (
    DOCX,
    LIBRARY_TYPES,
    OOXML_MAIN_TYPES,
    PPTX,
    XLSX,
    validate_document_upload,
)
from tashbeek.core.models import AuditEntry
from tashbeek.library import selectors, services
from tashbeek.library.models import Document

pytestmark = pytest.mark.django_db


MAIN_TYPES = {v: k for k, v in OOXML_MAIN_TYPES.items()}
PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}


def content_types(main_part: str, extra: str = "") -> str:
    override = ""
    if main_part in PARTS:
        override = (
            f'<Override PartName="/{main_part}" ContentType="{MAIN_TYPES[PARTS[main_part]]}"/>'
        )
    return (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="xml" ContentType="application/xml"/>'
        f"{override}{extra}</Types>"
    )


def office(
    main_part: str, extra: dict | None = None, name="file.docx", types: str = ""
) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types(main_part, types))
        archive.writestr(main_part, "<document/>")
        for part, content in (extra or {}).items():
            archive.writestr(part, content)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def xlsx() -> SimpleUploadedFile:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    book = Workbook()
    book.active["A1"] = "Budget"
    book.save(buffer)
    return SimpleUploadedFile("budget.xlsx", buffer.getvalue())


def check(upload):
    return validate_document_upload(upload, allowed=LIBRARY_TYPES, limit=5 * 1024 * 1024)


def test_office_documents_are_typed_by_their_content_not_their_name():
    assert check(office("word/document.xml", name="report.pdf")) == DOCX
    assert check(office("ppt/presentation.xml", name="slides.docx")) == PPTX
    assert check(xlsx()) == XLSX


@pytest.mark.parametrize(
    "upload, code",
    [
        (office("word/document.xml", {"word/vbaProject.bin": b"\x00" * 10}), "active_content"),
        (office("xl/workbook.xml", {"xl/activeX/activeX1.xml": "<ax/>"}), "active_content"),
        (office("mimetype", {"content.xml": "<odt/>"}), "wrong_type"),
        (office("word/document.xml", {"word/media/bomb.txt": "0" * 3_000_000}), "damaged"),
        (SimpleUploadedFile("tool.docx", b"MZ\x90\x00" + b"\x00" * 200), "wrong_type"),
        (SimpleUploadedFile("broken.docx", b"PK\x03\x04" + b"\x00" * 50), "damaged"),
        (SimpleUploadedFile("empty.pdf", b""), "empty"),
    ],
    ids=["macro", "activex", "opendocument", "zip-bomb", "executable", "truncated-zip", "empty"],
)
def test_unsafe_or_unknown_files_are_refused(upload, code):
    with pytest.raises(ValidationError) as refused:
        check(upload)
    assert refused.value.code == code


def test_council_resolutions_still_refuse_office_files():
    with pytest.raises(ValidationError) as refused:
        validate_document_upload(office("word/document.xml"))
    assert refused.value.code == "wrong_type"


def _new(by, community=None, visibility="public", **extra):
    return services.document_create(
        by=by,
        data={
            "kind": "guide",
            "titles": {"en": "Guide"},
            "community": community,
            "visibility": visibility,
            **extra,
        },
        upload=pdf_upload("guide.pdf"),
    )


def test_workflow_from_draft_to_publication_with_audit_and_notifications(
    community, staff_aourir, coordinator
):
    document = _new(staff_aourir, community)
    assert document.status == "draft" and document.versions.get().number == 1
    with pytest.raises(PermissionDenied):
        services.document_transition(by=staff_aourir, document=document, action="adopt")
    services.document_transition(by=staff_aourir, document=document, action="submit")
    assert coordinator.notifications.filter(action="library.document.submit").exists()
    with pytest.raises(ValidationError) as no_reason:
        services.document_transition(by=coordinator, document=document, action="return")
    assert "reason" in no_reason.value.message_dict
    services.document_transition(by=coordinator, document=document, action="adopt")
    document = services.document_transition(by=coordinator, document=document, action="publish")
    assert document.status == "published" and document.published_at is not None
    assert staff_aourir.notifications.filter(action="library.document.publish").exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"library.document.created", "library.document.adopt", "library.document.publish"} <= (
        actions
    )


def test_a_stale_click_gets_409_and_changes_nothing(client, community, staff_aourir, coordinator):
    document = _new(staff_aourir, community)
    services.document_transition(by=staff_aourir, document=document, action="submit")
    client.force_login(coordinator)
    url = reverse("library:transition", kwargs={"pk": document.pk})
    assert client.post(url, {"action": "adopt", "expected_status": "review"}).status_code == 302
    again = client.post(url, {"action": "adopt", "expected_status": "review"})
    assert again.status_code == 409
    assert AuditEntry.objects.filter(action="library.document.adopt").count() == 1


def test_only_members_of_a_community_file_documents_there(community, staff_other_member):
    with pytest.raises(PermissionDenied):
        _new(staff_other_member, community)
    with pytest.raises(PermissionDenied):
        _new(staff_other_member, None)  # the network's own library is the secretariat's


def test_versions_are_numbered_and_each_stays_downloadable(client, community, staff_aourir):
    document = _new(staff_aourir, community)
    services.version_add(by=staff_aourir, document=document, upload=png_upload(), note="Scan")
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    client.force_login(staff_aourir)
    first = client.get(reverse("library:download", kwargs={"pk": document.pk, "number": 1}))
    second = client.get(reverse("library:download", kwargs={"pk": document.pk, "number": 2}))
    assert first["Content-Type"] == "application/pdf" and second["Content-Type"] == "image/png"
    assert first["X-Content-Type-Options"] == "nosniff"
    assert b"".join(first.streaming_content).startswith(b"%PDF-")


def test_a_bad_upload_is_a_400_with_the_reason_and_saves_nothing(client, community, staff_aourir):
    client.force_login(staff_aourir)
    macro = office("word/document.xml", {"word/vbaProject.bin": b"x"}, name="m.docm")
    response = client.post(
        reverse("library:create"),
        {
            "kind": "guide",
            "titles_0": "دليل",
            "community": community.pk,
            "visibility": "public",
            "file": macro,
        },
    )
    assert response.status_code == 400
    assert "وحدات ماكرو" in response.content.decode()  # the reason, in the reader's Arabic
    assert not Document.objects.exists()


@pytest.fixture
def every_document(community, staff_aourir, coordinator, secretariat):
    """One document per (status, visibility) in the community, and in the network library."""
    steps = {"draft": [], "review": ["submit"], "adopted": ["submit", "adopt"]}
    steps["published"] = [*steps["adopted"], "publish"]
    documents = []
    for status, visibility, place in itertools.product(
        steps, Document.Visibility.values, ("community", "network")
    ):
        author = staff_aourir if place == "community" else secretariat
        document = _new(author, community if place == "community" else None, visibility)
        for action in steps[status]:
            services.document_transition(by=secretariat, document=document, action=action)
        documents.append(document)
    return documents


@pytest.mark.parametrize("persona_name", PERSONAS)
def test_the_reading_rule_and_its_query_agree_for_every_persona(
    persona, persona_name, every_document, focal_aourir
):
    user = persona(persona_name)
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    listed = set(selectors.documents_visible_to(user).values_list("pk", flat=True))
    allowed = {d.pk for d in Document.objects.all() if user.has_perm("library.view_document", d)}
    assert listed == allowed
    outsiders = persona_name in ("visitor", "resident", "applicant")
    for document in Document.objects.all():
        if outsiders and (document.status != "published" or document.visibility != "public"):
            assert document.pk not in listed


def test_member_and_community_documents_never_reach_a_visitor_by_page_or_api(
    client, every_document
):
    public = set(
        Document.objects.filter(status="published", visibility="public").values_list(
            "pk", flat=True
        )
    )
    assert len(public) == 2  # one in the community, one in the network's library
    api = client.get("/api/v1/documents/?page_size=100").json()
    assert {row["id"] for row in api["results"]} == public
    page = client.get(reverse("library:list")).content.decode()
    for document in Document.objects.all():
        url = reverse("library:detail", kwargs={"pk": document.pk})
        assert (url in page) == (document.pk in public)
        if document.pk not in public:
            assert client.get(url).status_code == 404
            assert client.get(f"/api/v1/documents/{document.pk}/versions/1/").status_code == 404


def test_the_list_costs_the_same_number_of_queries_for_5_or_30_documents(
    client, community, staff_aourir
):
    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("library:list")).status_code == 200
        return len(queries)

    client.force_login(staff_aourir)
    for _ in range(5):
        _new(staff_aourir, community)
    few = count()
    for _ in range(25):
        _new(staff_aourir, community)
    assert count() == few


def test_a_script_in_every_text_field_is_shown_inert(client, community, staff_aourir):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    document = _new(
        staff_aourir,
        community,
        titles={"en": payload, "ar": payload},
        summaries={"en": payload},
    )
    client.force_login(staff_aourir)
    for url in (reverse("library:detail", kwargs={"pk": document.pk}), reverse("library:list")):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html
        assert "&lt;script&gt;alert" in html


def test_report_as_a_kind_is_a_report_not_report_abuse():
    from django.utils import translation

    expected = {"ar": "تقرير", "he": "דוח", "fr": "Rapport", "en": "Report"}
    for language, label in expected.items():
        with translation.override(language):
            assert str(Document.Kind.REPORT.label) == label


def test_the_form_offers_only_what_it_accepts(client, community, staff_aourir, secretariat):
    """A member of a community is not offered the secretariat's library (it was offered, then
    refused as "required"); the secretariat is."""
    client.force_login(staff_aourir)
    field = client.get("/library/new/").context["form"].fields["community"]
    assert [value for value, _label in field.choices] == [community.pk]
    client.force_login(secretariat)
    field = client.get("/library/new/").context["form"].fields["community"]
    assert "" in [value for value, _label in field.choices]


def test_the_api_adds_a_version_and_refuses_a_bad_file_with_a_400(client, community, staff_aourir):
    """POST /documents/{id}/versions/ answered 500 (the file went to the service by the wrong
    keyword); the permissions matrix could not see it with a token that had no right to it."""
    document = _new(staff_aourir, community)
    client.force_login(staff_aourir)
    url = f"/api/v1/documents/{document.pk}/versions/"
    added = client.post(url, {"file": png_upload(), "note": "Scan"})
    assert added.status_code == 201, added.content
    assert added.json()["number"] == 2
    assert document.versions.get(number=2).note == "Scan"
    macro = office("word/document.xml", {"word/vbaProject.bin": b"x"}, name="m.docx")
    refused = client.post(url, {"file": macro})
    assert refused.status_code == 400
    assert document.versions.count() == 2


def test_a_document_is_credited_only_to_an_organisation_its_author_acts_for(
    client, community, staff_aourir, aourir, other_member, secretariat
):
    """Nablus's focal person could credit Aourir with a document (issue 20.5)."""
    with pytest.raises(PermissionDenied):
        _new(staff_aourir, community, organisation=other_member)
    assert not Document.objects.exists()
    document = _new(staff_aourir, community, organisation=aourir)
    client.force_login(staff_aourir)
    moved = client.patch(
        f"/api/v1/documents/{document.pk}/",
        {"organisation": other_member.pk},
        content_type="application/json",
    )
    assert moved.status_code == 403
    document.refresh_from_db()
    assert document.organisation == aourir
    created = client.post(
        "/api/v1/documents/",
        {
            "kind": "guide",
            "titles": '{"en": "Guide"}',
            "community": community.slug,
            "visibility": "public",
            "organisation": other_member.pk,
            "file": pdf_upload("guide.pdf"),
        },
    )
    assert created.status_code == 403, created.content
    assert Document.objects.count() == 1
    # The secretariat files for any organisation, and an unchanged credit stays when others edit.
    services.document_update(by=secretariat, document=document, data={"organisation": other_member})
    services.document_update(
        by=secretariat, document=document, data={"organisation": other_member, "kind": "study"}
    )
