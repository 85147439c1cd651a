"""Cooperation personas: Aourir (its focal person and staff), Nablus (staff only, and a focal
person made here), and the root `cooperation` fixture's twinning and school-transport project."""

import pytest
from django.utils import translation

from tashbeek.members.models import Affiliation
from tashbeek.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English."""
    with translation.override("en"):
        yield


@pytest.fixture
def focal_nablus(other_member):
    user = UserFactory(email="focal@nablus.example.org")
    Affiliation.objects.create(user=user, organisation=other_member, role="focal")
    return user
