"""50 people registering at the same moment for 10 seats, each on its own connection:
exactly 10 confirmed and 40 on the waitlist, on SQLite and on PostgreSQL."""

import datetime
import threading

import pytest
from django.db import connections
from django.utils import timezone

from tashbeek.communities.models import Community
from tashbeek.events import services
from tashbeek.events.models import Event, Registration
from tashbeek.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_fifty_registrations_for_ten_seats(secretariat):
    start = timezone.now() + datetime.timedelta(days=10)
    community = Community.objects.create(slug="finance", names={"ar": "منصة المسيرين الماليين"})
    event = Event.objects.create(
        titles={"ar": "ورشة الميزانية التشاركية"},
        kind="workshop",
        community=community,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        mode="in_person",
        venue="عمّان",
        capacity=10,
    )
    people = [UserFactory() for _ in range(50)]
    barrier = threading.Barrier(len(people))
    failures = []

    def register(person):
        try:
            barrier.wait()
            services.registration_create(event=Event.objects.get(pk=event.pk), user=person)
        except Exception as exc:  # collected: any failure fails the test below
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count("confirmed") == 10
    assert statuses.count("waitlisted") == 40
