"""The secretariat's audit log: every lifecycle action leaves an entry, filters narrow them,
and nobody can change or delete an entry through the application."""

import datetime

import pytest
from django.contrib import admin

from tashbeek.core.models import AuditEntry
from tashbeek.members import services
from tashbeek.tests.factories import OrganisationFactory

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


def test_the_log_reads_in_the_readers_language(client, due, secretariat, aourir):
    """No raw codes for an Arabic-speaking secretariat: the action's label, field names from
    the models, statuses through their choices, amounts and dates in the reader's locale."""
    services.payment_record(
        due=due, by=secretariat, amount_minor=50_000, paid_on=datetime.date(2026, 4, 2)
    )
    client.force_login(secretariat)
    client.cookies["tashbeek_language"] = "ar"
    html = client.get("/audit/?action=members.payment.recorded").content.decode()
    assert "members.payment.recorded" not in html.split("<tbody>")[1]
    assert "تسجيل دفعة" in html  # the action's label
    assert "paid_minor" not in html and "{" not in html.split("<tbody>")[1]
    client.cookies["tashbeek_language"] = "en"
    html = client.get("/audit/?action=members.payment.recorded").content.decode()
    body = html.split("<tbody>")[1]
    assert "Payment recorded" in body
    assert "payment: — → 500.00 MAD" in body
    assert "paid on: — → 02/04/2026" in body
    # The action filter lists labels in the reader's language.
    assert '<option value="members.payment.recorded" selected>Payment recorded</option>' in html


def test_every_action_written_by_the_services_has_a_label():
    """AUDIT_STRICT (test settings) makes audit_record refuse an undeclared action; here the
    registry's labels are all translated."""
    from django.utils import translation

    from tashbeek.core.audit import ACTIONS

    assert len(ACTIONS) > 60
    with translation.override("ar"):
        untranslated = [code for code, label in ACTIONS.items() if str(label).isascii()]
    assert untranslated == []


def test_values_are_shown_through_choices_names_and_related_objects(aourir, secretariat):
    from django.utils import translation

    from tashbeek.core.audit import audit_record
    from tashbeek.core.audit_display import audit_rows

    parent = OrganisationFactory(names={"en": "Souss cluster", "fr": "Groupement du Souss"})
    entry = audit_record(
        actor=secretariat,
        action="members.organisation.updated",
        obj=aourir,
        before={"membership_status": "active", "names": {"ar": "أورير"}, "parent": None},
        after={
            "membership_status": "suspended",
            "names": {"ar": "جماعة أورير", "fr": "Commune d'Aourir"},
            "parent": parent.pk,
        },
    )
    with translation.override("en"):
        (row,) = audit_rows([entry])
    assert row.action == "Organisation profile changed"
    assert row.object_type == "organisation"
    changes = {c.label: (c.before, c.after) for c in row.changes}
    assert changes == {
        "membership status": ("Active", "Suspended"),
        "names": ("أورير", "Commune d'Aourir"),
        "cluster or union": ("—", "Souss cluster"),
    }
