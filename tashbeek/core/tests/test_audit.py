"""The secretariat's audit log: every lifecycle action leaves an entry, filters narrow them,
and nobody can change or delete an entry through the application."""

import datetime

import pytest
from django.contrib import admin

from tashbeek.core.models import AuditEntry
from tashbeek.members import services

pytestmark = pytest.mark.django_db


def test_lifecycle_actions_are_audited_and_filterable(
    client, submitted_application, committee_member, secretariat
):
    services.application_accept(
        application=submitted_application,
        by=committee_member,
        reasons="Charter conditions met.",
        effective_on=datetime.date(2026, 11, 22),
    )
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "members.application.started",
        "members.application.updated",
        "members.application.document_added",
        "members.application.submitted",
        "members.application.accepted",
    } <= actions
    client.force_login(secretariat)
    page = client.get("/audit/?action=members.application.accepted")
    entries = list(page.context["page"])
    assert [e.action for e in entries] == ["members.application.accepted"]
    assert entries[0].reason == "Charter conditions met."
    page = client.get("/audit/?reason=charter&object_type=members.application")
    assert [e.action for e in page.context["page"]] == ["members.application.accepted"]
    future = client.get("/audit/?since=2999-01-01").context["page"]
    assert list(future) == []
    # Nonsense in the filters is ignored, not an error.
    assert client.get("/audit/?since=not-a-date&object_type=nope").status_code == 200


def test_entries_cannot_be_changed_or_deleted_in_the_admin(rf, secretariat):
    model_admin = admin.site._registry[AuditEntry]
    request = rf.get("/")
    request.user = secretariat
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
