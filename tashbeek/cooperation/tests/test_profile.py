"""An organisation's profile lists the agreements and projects its reader may see, in the
lists' order, from queries compiled once per process (`core.prepared`): each reader's kind
(sees all, sees public rows, sees their own organisations' rows too) and each organisation
gets the same rows as the lists' querysets give."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from tashbeek.cooperation import selectors
from tashbeek.cooperation.models import Agreement
from tashbeek.core import prepared
from tashbeek.members.models import Affiliation
from tashbeek.tests.factories import OrganisationFactory, UserFactory
from tashbeek.tests.factories_cooperation import (
    AgreementFactory,
    AgreementPartyFactory,
    ProjectFactory,
    ProjectPartnerFactory,
)

pytestmark = pytest.mark.django_db


def _agreement(status, parties, signed_on=None):
    reason = "The project closed" if status == "ended" else ""
    agreement = AgreementFactory(status=status, signed_on=signed_on, end_reason=reason)
    for organisation in parties:
        AgreementPartyFactory(agreement=agreement, organisation=organisation)
    return agreement


def _project(public, partners, starts_on):
    project = ProjectFactory(public=public, starts_on=starts_on)
    for organisation in partners:
        ProjectPartnerFactory(project=project, organisation=organisation)
    return project


@pytest.fixture
def network(aourir, other_member):
    third = OrganisationFactory()
    day = datetime.date(2026, 1, 1)
    for n in range(3):
        _agreement("signed", [aourir, other_member], day + datetime.timedelta(days=n))
    _agreement("ended", [aourir, third], day)
    _agreement("proposed", [aourir, other_member])
    _agreement("proposed", [aourir, third])
    _agreement("proposed", [other_member, third])
    for n in range(3):
        _project(True, [aourir, other_member], day + datetime.timedelta(days=30 * n))
    _project(False, [aourir, third], day)
    _project(False, [other_member], None)
    return [aourir, other_member, third]


def _expected(organisation, user):
    """The lists' rows, in the models' declared order (latest first)."""
    agreements = selectors._with_party(
        selectors.agreements_visible_to(user), "parties", organisation
    )
    projects = selectors._with_party(selectors.projects_visible_to(user), "partners", organisation)
    return (
        [a.pk for a in agreements[:20]],
        [p.pk for p in projects[:20]],
    )


def test_each_reader_sees_on_a_profile_what_the_lists_show_them(
    network, resident, staff_other_member, focal_aourir, secretariat, monkeypatch
):
    monkeypatch.setattr(prepared, "_compiled", {})  # the first round compiles every shape
    both = UserFactory(email="both@example.org")  # works for two organisations: two values
    for organisation in network[1:]:
        Affiliation.objects.create(user=both, organisation=organisation, role="staff")
    readers = [AnonymousUser(), resident, staff_other_member, focal_aourir, both, secretariat]
    seen = set()
    for _round in range(2):  # the second round runs the SQL compiled in the first
        for user in readers:
            for organisation in network:
                found = selectors.organisation_cooperation(organisation, user=user)
                got = ([a.pk for a in found["agreements"]], [p.pk for p in found["projects"]])
                assert got == _expected(organisation, user), (user, organisation)
                seen.add(repr(got))
    assert len(seen) >= 8  # the readers and organisations do see different rows


def test_a_proposed_agreement_shows_on_the_profile_only_to_its_parties(
    client, aourir, other_member, staff_other_member, resident
):
    proposed = _agreement("proposed", [aourir, other_member])
    proposed.titles = {"en": "Proposed twinning"}
    proposed.save()
    assert proposed.status == Agreement.Status.PROPOSED
    client.force_login(resident)
    assert proposed.get_absolute_url() not in client.get(aourir.get_absolute_url()).text
    client.force_login(staff_other_member)
    page = client.get(aourir.get_absolute_url()).text
    # Read through raw SQL, the row's JSON titles are still decoded into the reader's title.
    assert proposed.get_absolute_url() in page and "Proposed twinning" in page
