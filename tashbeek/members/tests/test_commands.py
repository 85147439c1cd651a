"""The demo loads twice without changes; the synthetic seeder builds a searchable network."""

import pytest
from django.core.management import call_command

from tashbeek.accounts.models import User
from tashbeek.communities.models import Community
from tashbeek.events.models import Event
from tashbeek.members.models import (
    Affiliation,
    Application,
    Due,
    FeeSchedule,
    MembershipDecision,
    Organisation,
    Payment,
)

pytestmark = pytest.mark.django_db


def _counts():
    return tuple(
        model.objects.count()
        for model in (
            Organisation,
            User,
            Affiliation,
            Application,
            MembershipDecision,
            Due,
            Payment,
            Community,
            Event,
        )
    )


def test_load_demo_is_idempotent(capsys, settings, tmp_path, immediate_on_commit):
    settings.DEMO_MAIL_DIR = str(tmp_path / "demo-mail")
    call_command("load_demo")
    first = _counts()
    out = capsys.readouterr().out
    call_command("load_demo")
    assert _counts() == first
    assert first[0] >= 35
    assert "secretariat@demo.tashbeek.org" in out and "tashbeek-demo-2026" in out
    # The sign-ins are the last thing printed; the e-mails went to files, not the console.
    assert "Subject:" not in out
    assert out.strip().splitlines()[-1].strip().startswith("applicant.byblos@demo.tashbeek.org")
    assert any((tmp_path / "demo-mail").iterdir())
    # Facts from the sources: the five model communes, Aourir, the Galilee cluster with its towns.
    for name in (
        "جماعة مكناس",
        "جماعة الخميسات",
        "جماعة بنجرير",
        "جماعة بني ملال",
        "جماعة العرائش",
        "جماعة أورير",
    ):
        assert Organisation.objects.filter(names__ar=name).exists(), name
    cluster = Organisation.objects.get(names__en="Galilee and Valleys Cluster")
    assert cluster.constituents.count() >= 12
    assert Organisation.objects.filter(relation="partner").count() >= 8
    # The lifecycle: one application waiting, one with a question; reasons for the suspension;
    # the year's dues for every active member, some paid.
    assert set(Application.objects.values_list("status", flat=True)) == {"submitted", "needs_info"}
    suspended = Organisation.objects.get(membership_status="suspended")
    assert suspended.decisions.get().reasons
    active = Organisation.objects.filter(relation="member", membership_status="active").count()
    assert Due.objects.count() == active and Payment.objects.exists()
    # The five platforms of the association (village councils by region) and the committees.
    for name in (
        "منصة العلاقات العامة",
        "منصة الهندسة والتخطيط",
        "منصة المدراء الماليين",
        "منصة المجالس القروية",
        "منصة الإبداع والابتكار",
    ):
        assert Community.objects.filter(names__ar=name).exists(), name
    assert Community.objects.get(slug="village-councils").subgroups.count() == 3
    assert Event.objects.filter(report__gt="").exists()


def _a_session_of_use():
    """What a newcomer does on the demo: pays every due in full (or waives it), accepts the
    waiting application, adds a member that sorts first by name, suspends another and
    registers for events."""
    import contextlib
    import datetime

    from django.core.exceptions import ValidationError

    from tashbeek.events import services as event_services
    from tashbeek.members import services

    secretariat = User.objects.get(email="secretariat@demo.tashbeek.org")
    committee = User.objects.get(email="committee@demo.tashbeek.org")
    for application in Application.objects.filter(status="submitted"):
        services.application_accept(
            application=application,
            by=committee,
            reasons="Meets the charter.",
            effective_on=datetime.date(2026, 12, 1),
        )
    services.organisation_create(
        by=secretariat,
        data={
            "names": {"ar": "آ بلدية جديدة", "en": "A new town"},  # first in name order
            "kind": "municipality",
            "relation": "member",
            "country": "MA",
            "population": 12000,
        },
    )
    services.dues_generate(schedule=FeeSchedule.objects.get(year=2026), by=secretariat)
    for index, due in enumerate(Due.objects.order_by("-organisation_id")):
        if due.waived or due.balance_minor <= 0:
            continue
        if index == 1:
            services.due_waive(due=due, by=secretariat, reason="Means.")
        else:
            services.payment_record(
                due=due,
                by=secretariat,
                amount_minor=due.balance_minor,
                paid_on=datetime.date(2026, 3, 1),
                reference=f"BANK-{due.pk}",
            )
    member = Organisation.objects.filter(membership_status="active").order_by("pk").first()
    services.membership_decide(
        organisation=member,
        by=committee,
        kind="suspended",
        reasons="Dues unpaid.",
        effective_on=datetime.date(2026, 12, 1),
    )
    focal = User.objects.get(email="focal.aourir@demo.tashbeek.org")
    for event in Event.objects.all()[:3]:
        with contextlib.suppress(ValidationError):  # a past event: nobody could register
            event_services.registration_create(event=event, user=focal)


def test_load_demo_runs_again_after_a_session_of_use(settings, tmp_path, immediate_on_commit):
    """`make run` twice, with use in between, used to stop at "more than the remaining
    balance": the loader paid the first six dues again."""
    settings.DEMO_MAIL_DIR = str(tmp_path / "demo-mail")
    call_command("load_demo")
    _a_session_of_use()
    paid = sorted(Payment.objects.values_list("amount_minor", flat=True))
    call_command("load_demo")
    assert sorted(Payment.objects.values_list("amount_minor", flat=True)) == paid
    assert all(due.balance_minor >= 0 for due in Due.objects.all())


def test_seed_synthetic(client):
    call_command("seed_synthetic", organisations=300)
    assert Organisation.objects.count() == 300
    response = client.get("/members/", {"q": "الزيتون"})
    assert response.status_code == 200 and response.context["page"].paginator.count > 0


def test_lift_suspensions_command(aourir, committee_member, capsys):
    import datetime

    from tashbeek.members import services

    services.membership_decide(
        organisation=aourir,
        by=committee_member,
        kind="suspended",
        reasons="Until the end of last year.",
        effective_on=datetime.date(2024, 1, 1),
        until=datetime.date(2024, 12, 31),
    )
    call_command("lift_suspensions")
    aourir.refresh_from_db()
    assert aourir.membership_status == "active"
    assert "1 suspension(s) lifted." in capsys.readouterr().out
