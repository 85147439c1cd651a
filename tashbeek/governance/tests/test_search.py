"""The decisions register in site search: a public decision is found by everyone, a
members-only one by the network's people only, by its words in any of its languages, its
body's name or its number."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from conftest import PERSONAS
from tashbeek.governance import services
from tashbeek.governance.selectors import decisions_visible_to
from tashbeek.search.models import SearchEntry
from tashbeek.search.selectors import search

pytestmark = pytest.mark.django_db


def _decision(by, body, visibility, titles, texts=None):
    return services.decision_create(
        by=by,
        data={
            "body": body,
            "decided_on": datetime.date(2026, 11, 20),
            "titles": titles,
            "texts": texts or {},
            "visibility": visibility,
        },
    )


def _found(client, query: str) -> str:
    return client.get(reverse("search:search"), {"q": query}).content.decode()


def test_decisions_are_found_by_whom_may_read_them(client, steering, secretariat, staff_aourir):
    public = _decision(
        secretariat,
        steering,
        "public",
        {"fr": "Adoption du plan de gestion des déchets", "ar": "اعتماد مخطط تدبير النفايات"},
        {"en": "The network adopts the regional waste plan."},
    )
    internal = _decision(
        secretariat, steering, "members", {"fr": "Cotisations des communes en retard"}
    )
    assert SearchEntry.objects.get(kind="decision", object_id=internal.pk).audience == "members"
    # A visitor finds the public decision, in French or in Arabic, and not the internal one.
    assert public.get_absolute_url() in _found(client, "déchets")
    assert public.get_absolute_url() in _found(client, "النفايات")
    assert internal.get_absolute_url() not in _found(client, "cotisations retard")
    # A member's staff finds both, and the body's name finds its decisions.
    client.force_login(staff_aourir)
    assert internal.get_absolute_url() in _found(client, "cotisations retard")
    assert public.get_absolute_url() in _found(client, steering.names["ar"])


def test_the_decision_number_finds_it(client, steering, secretariat):
    decision = _decision(secretariat, steering, "public", {"en": "Annual work plan 2027"})
    page = _found(client, decision.reference)
    assert decision.get_absolute_url() in page
    assert decision.reference in page


@pytest.mark.parametrize("persona_name", PERSONAS)
def test_search_shows_each_persona_the_decisions_the_register_shows(
    persona, persona_name, steering, secretariat
):
    internal = _decision(secretariat, steering, "members", {"fr": "Cotisations en retard"})
    user = persona(persona_name) or AnonymousUser()
    seen = {(r.entry.kind, r.entry.object_id) for r in search(user=user, q="cotisations").results}
    may_read = decisions_visible_to(user).filter(pk=internal.pk).exists()
    assert (("decision", internal.pk) in seen) == may_read
