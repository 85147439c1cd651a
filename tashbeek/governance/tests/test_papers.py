"""Papers uploaded straight to an agenda item (#15 §2): checked by content, stored privately,
read only by the body's people unless public, announced to the body, removed with a reason,
and frozen with the minutes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from conftest import PERSONAS, pdf_upload
from tashbeek.core.models import AuditEntry
from tashbeek.governance import services
from tashbeek.governance.models import Paper
from tashbeek.notifications.models import Notification
from tashbeek.tests.factories import UserFactory, api_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(meeting, secretariat):
    return services.agenda_item_save(
        by=secretariat, meeting=meeting, data={"kind": "decision", "titles": {"ar": "الميزانية"}}
    )


def _add_url(item) -> str:
    return reverse("governance:paper_add", kwargs={"pk": item.meeting_id, "item_pk": item.pk})


def test_a_page_disguised_as_a_pdf_is_refused_and_nothing_is_kept(client, item, secretariat):
    client.force_login(secretariat)
    fake = SimpleUploadedFile("budget.pdf", b"<html><script>alert(1)</script></html>")
    response = client.post(
        _add_url(item), {"titles_ar": "الميزانية", "file": fake}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert "Only PDF, Word, Excel, PowerPoint, JPEG or PNG" in response.content.decode()
    assert not Paper.objects.exists()


@pytest.mark.usefixtures("immediate_on_commit")
def test_the_body_is_told_and_only_its_people_read_an_internal_paper(
    client, item, secretariat, members
):
    client.force_login(secretariat)
    response = client.post(
        _add_url(item), {"titles_ar": "مشروع الميزانية", "file": pdf_upload("draft budget.html")}
    )
    assert response.status_code == 302
    paper = Paper.objects.get()
    assert (paper.content_type, paper.public, paper.uploaded_by) == (
        "application/pdf",
        False,
        secretariat,
    )
    told = Notification.objects.filter(action="governance.meeting.papers")
    assert set(told.values_list("user", flat=True)) >= {u.pk for u in members.values()}
    seat_holder = next(iter(members.values()))
    client.force_login(seat_holder)
    download = client.get(paper.get_absolute_url())
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"
    assert 'filename="draft budget.pdf"' in download["Content-Disposition"]
    assert paper.get_absolute_url() in client.get(item.meeting.get_absolute_url()).content.decode()
    client.force_login(UserFactory())
    assert client.get(paper.get_absolute_url()).status_code == 403
    meeting_page = client.get(item.meeting.get_absolute_url()).content.decode()
    assert paper.get_absolute_url() not in meeting_page
    client.logout()
    assert client.get(paper.get_absolute_url()).status_code == 403


def test_a_public_paper_is_read_by_everyone(client, item, secretariat):
    paper = services.paper_upload(
        by=secretariat, item=item, upload=pdf_upload(), titles={"fr": "Ordre du jour"}, public=True
    )
    assert client.get(paper.get_absolute_url()).status_code == 200
    assert paper.get_absolute_url() in client.get(item.meeting.get_absolute_url()).content.decode()


def test_removal_needs_a_reason_and_deletes_the_file(
    client, item, secretariat, django_capture_on_commit_callbacks
):
    paper = services.paper_upload(
        by=secretariat, item=item, upload=pdf_upload(), titles={"ar": "نسخة خاطئة"}
    )
    stored = paper.file.name
    client.force_login(secretariat)
    url = reverse("governance:paper_remove", kwargs={"pk": paper.pk})
    client.post(url, {"reason": ""})
    assert Paper.objects.filter(pk=paper.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "رفعت نسخة غير صحيحة"})
    assert not Paper.objects.filter(pk=paper.pk).exists()
    assert not Paper.file.field.storage.exists(stored)
    entry = AuditEntry.objects.get(action="governance.paper.removed")
    assert entry.reason == "رفعت نسخة غير صحيحة"


def test_papers_freeze_with_the_minutes(item, secretariat):
    paper = services.paper_upload(
        by=secretariat, item=item, upload=pdf_upload(), titles={"ar": "تقرير"}
    )
    meeting = item.meeting
    services.minutes_circulate(by=secretariat, meeting=meeting)
    services.minutes_approve(by=secretariat, meeting=meeting)
    with pytest.raises(Exception, match="approved"):
        services.paper_upload(
            by=secretariat, item=item, upload=pdf_upload(), titles={"ar": "متأخر"}
        )
    with pytest.raises(Exception, match="approved"):
        services.paper_remove(by=secretariat, paper=paper, reason="خطأ")


def test_the_api_uploads_lists_by_reader_and_downloads(item, secretariat, members):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=api_token(secretariat))
    response = api.post(
        "/api/v1/agenda-papers/",
        {"item": item.pk, "titles": '{"en": "Draft budget"}', "file": pdf_upload()},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    paper_id = response.json()["id"]
    refused = api.post(
        "/api/v1/agenda-papers/",
        {"item": item.pk, "titles": '{"en": "x"}', "file": SimpleUploadedFile("x.pdf", b"MZ")},
        format="multipart",
    )
    assert refused.status_code == 400 and Paper.objects.count() == 1
    outsider = APIClient()
    outsider.credentials(HTTP_AUTHORIZATION=api_token(UserFactory()))
    assert outsider.get(f"/api/v1/agenda-papers/?item={item.pk}").json()["count"] == 0
    assert outsider.get(f"/api/v1/agenda-papers/{paper_id}/download/").status_code == 403
    holder = APIClient()
    holder.credentials(HTTP_AUTHORIZATION=api_token(next(iter(members.values()))))
    assert holder.get(f"/api/v1/agenda-papers/?item={item.pk}").json()["count"] == 1
    assert holder.get(f"/api/v1/agenda-papers/{paper_id}/download/").status_code == 200


@pytest.mark.parametrize("persona_name", PERSONAS)
def test_the_reading_rule_and_its_query_agree_for_every_persona(
    persona, persona_name, governance, secretariat, coordinator
):
    """`papers_visible_to` (lists) and `governance.view_paper` (details, downloads) state the
    same rule: an internal paper of Aourir's committee, a public one, and an internal paper of
    a second body that the coordinator chairs and nobody else sits on."""
    from django.contrib.auth.models import AnonymousUser

    from tashbeek.governance import selectors

    from .conftest import convene

    item = governance["item"]
    services.paper_upload(
        by=secretariat, item=item, upload=pdf_upload(), titles={"ar": "جدول الأعمال"}, public=True
    )
    other = services.body_save(
        by=secretariat,
        data={"slug": "energy", "names": {"ar": "لجنة الطاقة"}, "kind": "thematic"},
    )
    other.chairs.add(coordinator)
    other_item = services.agenda_item_save(
        by=secretariat,
        meeting=convene(other, secretariat),
        data={"kind": "information", "titles": {"ar": "تقرير"}},
    )
    services.paper_upload(
        by=secretariat, item=other_item, upload=pdf_upload(), titles={"ar": "دراسة داخلية"}
    )
    user = persona(persona_name) or AnonymousUser()
    listed = set(selectors.papers_visible_to(user).values_list("pk", flat=True))
    allowed = {p.pk for p in Paper.objects.all() if user.has_perm("governance.view_paper", p)}
    assert listed == allowed
    assert Paper.objects.filter(public=True).get().pk in listed
