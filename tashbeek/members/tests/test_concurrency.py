"""Two committee members (or one double click) deciding on the same application at the
same moment, each on its own database connection: exactly one decision is recorded."""

import datetime
import threading

import pytest
from django.db import connections

from tashbeek.members import services
from tashbeek.members.models import Application, MembershipDecision, Organisation

# Real commits on separate connections; the personas recreate their role groups after a flush.
pytestmark = pytest.mark.django_db(transaction=True)


def _race(workers):
    barrier = threading.Barrier(len(workers))
    outcomes = [None] * len(workers)

    def run(index, work):
        try:
            barrier.wait()
            outcomes[index] = ("ok", work())
        except Exception as exc:  # collected and asserted on below
            outcomes[index] = ("refused", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, w)) for i, w in enumerate(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def _decide(kind, application_pk, by, version):
    def work():
        application = Application.objects.get(pk=application_pk)
        decide = services.application_accept if kind == "accept" else services.application_reject
        return decide(
            application=application,
            by=by,
            reasons=f"{kind} by {by.email}",
            effective_on=datetime.date(2026, 11, 22),
            version=version,
        )

    return work


@pytest.mark.parametrize("kinds", [("accept", "accept"), ("accept", "reject")])
def test_simultaneous_decisions_yield_exactly_one(
    submitted_application, committee_member, secretariat, kinds
):
    secretariat.groups.add(committee_member.groups.get())  # a second committee member
    version = submitted_application.version
    deciders = [committee_member, secretariat]
    outcomes = _race(
        [
            _decide(kind, submitted_application.pk, person, version)
            for kind, person in zip(kinds, deciders, strict=True)
        ]
    )
    assert sorted(o[0] for o in outcomes) == ["ok", "refused"], outcomes
    refused = next(o[1] for o in outcomes if o[0] == "refused")
    assert getattr(refused, "code", None) == "stale", refused
    assert MembershipDecision.objects.filter(application=submitted_application).count() == 1
    application = Application.objects.get(pk=submitted_application.pk)
    assert application.status in ("accepted", "rejected")
    expected_orgs = 1 if application.status == "accepted" else 0
    assert Organisation.objects.filter(applications=application).count() == expected_orgs


def test_ten_double_clicks_on_a_suspension(aourir, committee_member):
    outcomes = _race(
        [
            lambda: services.membership_decide(
                organisation=Organisation.objects.get(pk=aourir.pk),
                by=committee_member,
                kind="suspended",
                reasons="Unpaid dues.",
                effective_on=datetime.date(2026, 11, 22),
                expected_status="active",
            )
            for _ in range(10)
        ]
    )
    assert [o[0] for o in outcomes].count("ok") == 1, outcomes
    assert aourir.decisions.count() == 1
