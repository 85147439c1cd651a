"""Experiences: drafting by the owning organisation, review before publication (never by
its own people), ask the authors without exposing the contact's address, files, visibility."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import EXPERIENCE_TEXT, PERSONAS, pdf_upload
from tashbeek.core.models import AuditEntry
from tashbeek.experiences import selectors, services
from tashbeek.experiences.models import Experience

pytestmark = pytest.mark.django_db


def test_the_page_form_creates_a_draft_with_cost_in_minor_units(client, aourir, focal_aourir):
    client.force_login(focal_aourir)
    response = client.post(
        reverse("experiences:create"),
        {
            **EXPERIENCE_TEXT,
            "organisation": aourir.pk,
            "contact": focal_aourir.pk,
            "cost_amount": "١٢٥٠٠٠٫٥٠".replace("٫", "."),
            "currency": "MAD",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    experience = Experience.objects.get()
    assert experience.status == "draft" and experience.cost == 12500050
    assert experience.created_by == focal_aourir
    assert AuditEntry.objects.filter(action="experiences.experience.created").exists()


def test_one_cannot_write_for_another_organisation(other_member, focal_aourir):
    with pytest.raises(PermissionDenied):
        services.experience_save(
            by=focal_aourir, data={**EXPERIENCE_TEXT, "organisation": other_member}
        )


def test_the_contact_person_must_work_for_the_organisation(aourir, focal_aourir, coordinator):
    with pytest.raises(ValidationError) as refused:
        services.experience_save(
            by=focal_aourir,
            data={**EXPERIENCE_TEXT, "organisation": aourir, "contact": coordinator},
        )
    assert "contact" in refused.value.message_dict


def test_review_publishes_and_tells_the_authors(draft_experience, focal_aourir, coordinator):
    services.experience_submit(by=focal_aourir, experience=draft_experience)
    assert coordinator.notifications.filter(action="experiences.experience.review").exists()
    review = services.experience_review(
        by=coordinator, experience=draft_experience, decision="publish"
    )
    experience = review.experience
    assert experience.status == "published" and experience.published_at
    assert focal_aourir.notifications.filter(action="experiences.experience.publish").exists()


def test_a_return_needs_comments_and_goes_back_to_draft(
    draft_experience, focal_aourir, coordinator
):
    services.experience_submit(by=focal_aourir, experience=draft_experience)
    with pytest.raises(ValidationError):
        services.experience_review(by=coordinator, experience=draft_experience, decision="return")
    services.experience_review(
        by=coordinator, experience=draft_experience, decision="return", comments="Add figures."
    )
    draft_experience.refresh_from_db()
    assert draft_experience.status == "draft"
    entry = AuditEntry.objects.get(action="experiences.experience.returned")
    assert entry.reason == "Add figures."


def test_nobody_reviews_their_own_organisations_experience(
    draft_experience, focal_aourir, staff_aourir, community
):
    # Aourir's staff member becomes a coordinator of the linked community: still not a reviewer.
    community.memberships.filter(user=staff_aourir).update(role="coordinator")
    services.experience_submit(by=focal_aourir, experience=draft_experience)
    staff_aourir._tashbeek_communities = None
    with pytest.raises(PermissionDenied):
        services.experience_review(by=staff_aourir, experience=draft_experience, decision="publish")
    assert draft_experience not in selectors.review_queue(staff_aourir)


def test_an_incomplete_draft_cannot_be_sent_for_review(aourir, focal_aourir):
    experience = services.experience_save(
        by=focal_aourir,
        data={"language": "ar", "title": "عنوان", "summary": "ملخص", "organisation": aourir},
    )
    with pytest.raises(ValidationError) as refused:
        services.experience_submit(by=focal_aourir, experience=experience)
    assert refused.value.code == "incomplete"


@pytest.mark.parametrize("persona_name", PERSONAS)
def test_drafts_and_reviews_reach_only_authors_and_reviewers(
    client, persona, persona_name, draft_experience, experience
):
    """`experience` is published; a second draft of Aourir stays private."""
    other = services.experience_save(
        by=draft_experience.created_by,
        data={
            **EXPERIENCE_TEXT,
            "title": "Brouillon",
            "organisation": draft_experience.organisation,
        },
    )
    user = persona(persona_name)
    if user is not None:
        client.force_login(user)
    insiders = {"staff_aourir", "focal_aourir", "secretariat"}
    listed = {row["id"] for row in client.get("/api/v1/experiences/").json()["results"]}
    page = client.get(reverse("experiences:list")).content.decode()
    assert experience.pk in listed
    assert (other.pk in listed) == (persona_name in insiders)
    assert ("Brouillon" in page) == (persona_name in insiders)
    detail = client.get(reverse("experiences:detail", kwargs={"pk": other.pk}))
    assert detail.status_code == (200 if persona_name in insiders else 404)


def test_ask_the_authors_hides_the_contact_address_and_replies_go_to_the_sender(
    client, experience, coordinator, focal_aourir, immediate_on_commit
):
    client.force_login(coordinator)
    page = client.get(reverse("experiences:detail", kwargs={"pk": experience.pk})).content.decode()
    assert focal_aourir.email not in page
    response = client.post(
        reverse("experiences:ask", kwargs={"pk": experience.pk}),
        {"message": "Combien coûte un bus par an ?"},
    )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == [focal_aourir.email] and message.reply_to == [coordinator.email]
    assert "Combien coûte un bus" in message.body
    assert focal_aourir.notifications.filter(action="experiences.experience.question").exists()


def test_asking_is_limited_per_hour(experience, coordinator):
    for _ in range(services.QUESTIONS_PER_HOUR):
        services.ask_authors(by=coordinator, experience=experience, message="?")
    with pytest.raises(ValidationError) as refused:
        services.ask_authors(by=coordinator, experience=experience, message="?")
    assert refused.value.code == "throttled"


def test_files_are_checked_by_content_and_served_by_the_experiences_rule(
    client, draft_experience, focal_aourir
):
    fake = pdf_upload("photo.png", b"<html><script>alert(1)</script></html>")
    with pytest.raises(ValidationError):
        services.file_add(by=focal_aourir, experience=draft_experience, upload=fake)
    attached = services.file_add(
        by=focal_aourir, experience=draft_experience, upload=pdf_upload("budget.pdf")
    )
    url = reverse("experiences:file", kwargs={"pk": draft_experience.pk, "file_pk": attached.pk})
    assert client.get(url).status_code == 404  # a draft: not for visitors
    client.force_login(focal_aourir)
    assert client.get(url)["Content-Disposition"].startswith("attachment")


def test_the_list_does_not_add_queries_per_experience(client, aourir, focal_aourir, secretariat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def publish_one(n):
        experience = services.experience_save(
            by=focal_aourir,
            data={**EXPERIENCE_TEXT, "title": f"Expérience {n}", "organisation": aourir},
        )
        services.experience_submit(by=focal_aourir, experience=experience)
        services.experience_review(by=secretariat, experience=experience, decision="publish")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("experiences:list")).status_code == 200
        return len(queries)

    for n in range(3):
        publish_one(n)
    few = count()
    for n in range(3, 20):
        publish_one(n)
    assert count() == few


FREE_TEXT = [
    "title",
    "summary",
    "problem",
    "context",
    "solution",
    "steps",
    "partners",
    "funding",
    "results",
    "lessons",
]


def test_a_script_in_every_free_text_field_is_shown_inert(client, aourir, focal_aourir):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    experience = services.experience_save(
        by=focal_aourir,
        data={
            **{field: f"{field} {payload}" for field in FREE_TEXT},
            "language": "en",
            "organisation": aourir,
        },
    )
    client.force_login(focal_aourir)
    for url in (
        reverse("experiences:detail", kwargs={"pk": experience.pk}),
        reverse("experiences:list") + "?mine=1",
    ):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html
    assert (
        "&lt;script&gt;"
        in client.get(reverse("experiences:detail", kwargs={"pk": experience.pk})).content.decode()
    )


def test_the_api_writes_submits_and_reviews_with_the_same_rules(
    client, aourir, focal_aourir, coordinator, community
):
    client.force_login(focal_aourir)
    created = client.post(
        "/api/v1/experiences/",
        {
            **EXPERIENCE_TEXT,
            "organisation": aourir.pk,
            "communities": [community.slug],
            "themes": [],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert "contact" not in created.json()  # people are named, never their address
    assert client.post(f"/api/v1/experiences/{pk}/submit/").status_code == 200
    assert (
        client.post(f"/api/v1/experiences/{pk}/review/", {"decision": "publish"}).status_code == 403
    )
    client.force_login(coordinator)
    published = client.post(f"/api/v1/experiences/{pk}/review/", {"decision": "publish"})
    assert published.status_code == 200 and published.json()["status"] == "published"
    again = client.post(f"/api/v1/experiences/{pk}/review/", {"decision": "publish"})
    assert again.status_code == 409


def test_the_contact_is_named_to_signed_in_people_only(client, experience, focal_aourir, resident):
    url = reverse("experiences:detail", kwargs={"pk": experience.pk})
    assert focal_aourir.full_name not in client.get(url).content.decode()
    assert client.get(f"/api/v1/experiences/{experience.pk}/").json()["contact_name"] == ""
    client.force_login(resident)
    page = client.get(url).content.decode()
    assert focal_aourir.full_name in page
    assert reverse("experiences:ask", kwargs={"pk": experience.pk}) in page
