"""The demo loads twice without changes; the synthetic seeder builds a searchable network."""

import pytest
from django.core.management import call_command

from tashbeek.accounts.models import User
from tashbeek.members.models import Affiliation, Organisation

pytestmark = pytest.mark.django_db


def _counts():
    return (Organisation.objects.count(), User.objects.count(), Affiliation.objects.count())


def test_load_demo_is_idempotent(capsys):
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")
    assert _counts() == first
    assert first[0] >= 35
    out = capsys.readouterr().out
    assert "secretariat@demo.tashbeek.org" in out and "tashbeek-demo-2026" in out
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


def test_seed_synthetic(client):
    call_command("seed_synthetic", organisations=300)
    assert Organisation.objects.count() == 300
    response = client.get("/members/", {"q": "الزيتون"})
    assert response.status_code == 200 and response.context["page"].paginator.count > 0
