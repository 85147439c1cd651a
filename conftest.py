"""Shared fixtures: named personas (ARCHITECTURE §7) and factories."""

import os

import pytest
from django.contrib.auth.models import Group

from tashbeek.members.models import Affiliation, Organisation
from tashbeek.tests.factories import OrganisationFactory, UserFactory

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def aourir(db) -> Organisation:
    return OrganisationFactory(
        names={"ar": "جماعة أورير", "fr": "Commune d'Aourir"},
        kind="rural_commune",
        country="MA",
        population=35000,
    )


@pytest.fixture
def other_member(db) -> Organisation:
    return OrganisationFactory(
        names={"ar": "بلدية نابلس", "en": "Nablus Municipality"}, country="PS"
    )


def _person(email, groups=(), affiliation=None):
    user = UserFactory(email=email)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    if affiliation:
        Affiliation.objects.create(user=user, organisation=affiliation[0], role=affiliation[1])
    return user


@pytest.fixture
def secretariat(db):
    return _person("secretariat@example.org", groups=["secretariat"])


@pytest.fixture
def committee_member(db):
    return _person("committee@example.org", groups=["steering_committee"])


@pytest.fixture
def focal_aourir(aourir):
    return _person("focal@aourir.example.org", affiliation=(aourir, "focal"))


@pytest.fixture
def staff_aourir(aourir):
    return _person("staff@aourir.example.org", affiliation=(aourir, "staff"))


@pytest.fixture
def staff_other_member(other_member):
    return _person("staff@nablus.example.org", affiliation=(other_member, "staff"))


@pytest.fixture
def resident(db):
    return _person("resident@example.org")


PERSONAS = [
    "visitor",
    "resident",
    "staff_other_member",
    "staff_aourir",
    "focal_aourir",
    "committee_member",
    "secretariat",
]


@pytest.fixture
def persona(request):
    """Resolve a persona name to a user (None for the visitor)."""

    def get(name):
        return None if name == "visitor" else request.getfixturevalue(name)

    return get
