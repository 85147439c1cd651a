"""The general assembly of all members (#15 §1): every member in good standing holds a seat
by right, represented by its focal person; a member suspended or leaving loses it with the
decision as the reason, a reinstated or new member takes one, and the quorum counts them all."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tashbeek.core.models import AuditEntry
from tashbeek.governance import selectors, services
from tashbeek.governance.models import Body, Seat
from tashbeek.members.models import Organisation
from tashbeek.members.services import application_accept, membership_decide
from tashbeek.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assembly(members, secretariat):
    return services.body_save(
        by=secretariat,
        data={
            "slug": "general-assembly",
            "names": {"ar": "الجمعية العامة", "en": "General assembly"},
            "kind": Body.Kind.ASSEMBLY,
            "seats": 1,
            "term_months": 0,
            "quorum": Body.Quorum.MORE_THAN_HALF,
        },
    )


def _holders(body) -> set:
    return set(
        selectors.current_seats(body, timezone.localdate()).values_list(
            "organisation_id", flat=True
        )
    )


def test_every_member_in_good_standing_holds_a_seat_by_right(assembly, members):
    suspended = OrganisationFactory(membership_status="suspended")
    partner = OrganisationFactory(relation="partner", membership_status="")
    assert _holders(assembly) == {o.pk for o in members}
    assert suspended.pk not in _holders(assembly) and partner.pk not in _holders(assembly)
    assert assembly.seats == len(members) == 6
    seat = Seat.objects.get(body=assembly, organisation=next(iter(members)))
    assert seat.filled_by == "membership" and seat.person == members[seat.organisation]
    assert seat.ends_on is None  # a seat by right has no term
    assert assembly.quorum_needed() == 4
    assert AuditEntry.objects.filter(action="governance.body.seats_synced").exists()


def test_decisions_move_the_seats_and_the_quorum(
    assembly, members, committee_member, submitted_application
):
    leaving = next(iter(members))
    membership_decide(
        organisation=leaving,
        by=committee_member,
        kind="suspended",
        reasons="اشتراكات غير مدفوعة",
        effective_on=timezone.localdate(),
    )
    assembly.refresh_from_db()
    assert leaving.pk not in _holders(assembly) and assembly.seats == 5
    ended = Seat.objects.get(body=assembly, organisation=leaving)
    assert ended.left_on == timezone.localdate() and "اشتراكات غير مدفوعة" in ended.left_reason
    membership_decide(
        organisation=leaving,
        by=committee_member,
        kind="reinstated",
        reasons="سويت الاشتراكات",
        effective_on=timezone.localdate(),
    )
    decision = application_accept(
        application=submitted_application,
        by=committee_member,
        reasons="ملف مكتمل",
        effective_on=timezone.localdate(),
    )
    assembly.refresh_from_db()
    assert _holders(assembly) == {o.pk for o in members} | {decision.organisation_id}
    assert assembly.seats == 7
    # The history stays: the suspended term and the new one are two rows.
    assert Seat.objects.filter(body=assembly, organisation=leaving).count() == 2


def test_seats_are_not_filled_by_hand(client, assembly, secretariat, members):
    with pytest.raises(ValidationError):
        services.seat_assign(
            by=secretariat,
            body=assembly,
            data={"organisation": next(iter(members)), "starts_on": timezone.localdate()},
        )
    client.force_login(secretariat)
    page = client.get(assembly.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "holds a seat by right" in page
    assert reverse("governance:seat_add", kwargs={"slug": assembly.slug}) not in page


def test_the_tick_catches_up_members_changed_elsewhere(assembly, members):
    # A member ended outside a decision (the admin): the clock brings the assembly in line.
    gone = next(iter(members))
    Organisation.objects.filter(pk=gone.pk).update(membership_status="ended")
    call_command("governance_tick")
    assembly.refresh_from_db()
    assert gone.pk not in _holders(assembly) and assembly.seats == 5
    assert services.assemblies_sync(by=None) == 0  # nothing left to do


def test_a_future_acceptance_seats_the_member_from_its_date(
    assembly, committee_member, submitted_application
):
    later = timezone.localdate() + datetime.timedelta(days=10)
    decision = application_accept(
        application=submitted_application,
        by=committee_member,
        reasons="ملف مكتمل",
        effective_on=later,
    )
    seat = Seat.objects.get(body=assembly, organisation=decision.organisation)
    assert seat.starts_on == later
    # The clock today does not give the member a second seat from today.
    assert services.assemblies_sync(by=None) == 0
    assert Seat.objects.filter(body=assembly, organisation=decision.organisation).count() == 1
    # Suspended before its seat begins: the seat ends the day it would have begun.
    Organisation.objects.filter(pk=decision.organisation_id).update(membership_status="suspended")
    assert services.assemblies_sync(by=None) == 1
    seat.refresh_from_db()
    assert seat.left_on == later
