"""Governance personas: the steering committee of six member municipalities (Aourir's seat
represented by its focal person), each member with a focal person who votes for it."""

import datetime

import pytest
from django.utils import timezone, translation

from tashbeek.governance import services
from tashbeek.governance.models import Body
from tashbeek.members.models import Affiliation
from tashbeek.tests.factories import OrganisationFactory, UserFactory

NAMES = ["بلدية نابلس", "جماعة تامراغت", "بلدية كفركنا", "جماعة تغازوت", "بلدية الخليل"]


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English (the pages' tests ask for it with Accept-Language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def steering(secretariat):
    return services.body_save(
        by=secretariat,
        data={
            "slug": "steering-committee",
            "names": {"ar": "لجنة التسيير", "en": "Steering committee", "fr": "Comité de pilotage"},
            "kind": Body.Kind.STEERING,
            "seats": 6,
            "term_months": 24,
        },
    )


@pytest.fixture
def members(aourir, focal_aourir):
    """Six members in good standing; {organisation: its focal person}."""
    people = {aourir: focal_aourir}
    for i, name in enumerate(NAMES):
        organisation = OrganisationFactory(
            names={"ar": name}, member_since=datetime.date(2015 + i, 1, 1)
        )
        focal = UserFactory(email=f"focal{i}@members.example.org")
        Affiliation.objects.create(user=focal, organisation=organisation, role="focal")
        people[organisation] = focal
    return people


@pytest.fixture
def seated(steering, members, secretariat):
    """The six members hold the committee's six seats."""
    start = timezone.localdate() - datetime.timedelta(days=200)
    for organisation, focal in members.items():
        services.seat_assign(
            by=secretariat,
            body=steering,
            data={
                "organisation": organisation,
                "person": focal,
                "starts_on": start,
                "filled_by": "election",
            },
        )
    return steering


def convene(body, by, **changes):
    """A meeting of `body` in three days, in Agadir unless `changes` say otherwise."""
    start = timezone.now() + datetime.timedelta(days=3)
    data = {
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=3),
        "time_zone": "Africa/Casablanca",
        "mode": "in_person",
        "venue": "أكادير",
        **changes,
    }
    return services.meeting_convene(by=by, body=body, data=data)


@pytest.fixture
def meeting(seated, secretariat):
    return convene(seated, secretariat)
