"""Communities: open and on-request joining, coordinators approving, members by organisation."""

import pytest
from django.core.exceptions import PermissionDenied

from tashbeek.communities import services
from tashbeek.communities.models import CommunityMembership
from tashbeek.core.models import AuditEntry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("immediate_on_commit")]


def test_joining_on_request_waits_for_a_coordinator(
    client, community, focal_aourir, coordinator, aourir
):
    client.force_login(focal_aourir)
    url = f"/communities/{community.slug}/"
    client.post(url + "join/", {"organisation": aourir.pk})
    membership = CommunityMembership.objects.get(user=focal_aourir)
    assert membership.status == "pending" and membership.organisation == aourir
    assert coordinator.notifications.filter(action="communities.membership.requested").exists()
    client.force_login(coordinator)
    page = client.get(url)
    assert membership in list(page.context["pending"])
    client.post(f"{url}members/{membership.pk}/approve/")
    membership.refresh_from_db()
    assert membership.status == "active"
    assert AuditEntry.objects.filter(action="communities.membership.approved").exists()
    groups = dict(client.get(url).context["groups"])
    assert focal_aourir in [m.user for m in groups[aourir.name]]


def test_open_community_joins_at_once_and_residents_cannot_join(
    client, community, staff_other_member, resident
):
    community.join_policy = "open"
    community.save()
    services.community_join(community=community, user=staff_other_member)
    assert CommunityMembership.objects.get(user=staff_other_member).status == "active"
    with pytest.raises(PermissionDenied):
        services.community_join(community=community, user=resident)


def test_only_coordinators_approve(community, staff_other_member, staff_aourir):
    membership = services.community_join(community=community, user=staff_other_member)
    with pytest.raises(PermissionDenied):
        services.membership_approve(membership=membership, by=staff_aourir)


def test_secretariat_opens_a_community_with_coordinators(client, secretariat, coordinator):
    client.force_login(secretariat)
    response = client.post(
        "/communities/new/",
        {
            "slug": "village-councils-north",
            "names_ar": "منصة المجالس القروية - الشمال",
            "kind": "platform",
            "join_policy": "open",
            "coordinators": coordinator.email,
        },
    )
    assert response.status_code == 302
    membership = CommunityMembership.objects.get(community__slug="village-councils-north")
    assert membership.user == coordinator and membership.role == "coordinator"
    response = client.post(
        "/communities/new/",
        {
            "slug": "x",
            "names_ar": "س",
            "kind": "platform",
            "join_policy": "open",
            "coordinators": "nobody@nowhere.org",
        },
    )
    assert response.status_code == 400 and "coordinators" in response.context["form"].errors


def test_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    from tashbeek.communities.models import Community

    for i in range(20):
        Community.objects.create(slug=f"c{i}", names={"ar": f"منصة {i}"})
    with django_assert_max_num_queries(6):
        client.get("/communities/")


def test_participants_names_are_for_the_network(client, community, coordinator, resident):
    page = client.get(f"/communities/{community.slug}/").content.decode()
    assert coordinator.full_name not in page
    client.force_login(resident)  # signed in, but not from a member organisation
    assert (
        coordinator.full_name not in client.get(f"/communities/{community.slug}/").content.decode()
    )
    client.force_login(coordinator)
    assert coordinator.full_name in client.get(f"/communities/{community.slug}/").content.decode()


def test_the_api_opens_communities_and_handles_memberships(
    client, secretariat, coordinator, community, staff_other_member
):
    client.force_login(secretariat)
    created = client.post(
        "/api/v1/communities/",
        {
            "slug": "finance",
            "names": {"ar": "منصة المدراء الماليين"},
            "kind": "platform",
            "join_policy": "request",
            "coordinators": [coordinator.email],
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    unknown = client.post(
        "/api/v1/communities/",
        {"slug": "x", "names": {"en": "X"}, "coordinators": ["nobody@example.org"]},
        content_type="application/json",
    )
    assert unknown.status_code == 400 and "coordinators" in unknown.json()["error"]["fields"]

    client.force_login(staff_other_member)
    asked = client.post(f"/api/v1/communities/{community.slug}/join/")
    membership = asked.json()["id"]
    assert asked.json()["status"] == "pending"
    assert client.post(f"/api/v1/community-memberships/{membership}/approve/").status_code == 403
    client.force_login(coordinator)
    approved = client.post(f"/api/v1/community-memberships/{membership}/approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "active"
    client.force_login(staff_other_member)
    assert client.delete(f"/api/v1/community-memberships/{membership}/").status_code == 204
    assert not CommunityMembership.objects.filter(pk=membership).exists()


def test_partner_staff_are_invited_guests_a_coordinator_lets_in(coordinator):
    from tashbeek.communities.models import Community
    from tashbeek.members.models import Affiliation
    from tashbeek.tests.factories import OrganisationFactory, UserFactory

    open_platform = Community.objects.create(slug="innovation", names={"en": "Innovation"})
    CommunityMembership.objects.create(
        community=open_platform, user=coordinator, role="coordinator"
    )
    university = OrganisationFactory(relation="partner", membership_status="", kind="academic")
    guest = UserFactory(email="lecturer@university.example.org")
    Affiliation.objects.create(user=guest, organisation=university, role="staff")
    membership = services.community_join(community=open_platform, user=guest)
    assert membership.status == "pending"  # open to members, by request for partners
    assert coordinator.notifications.filter(action="communities.membership.requested").exists()
    services.membership_approve(membership=membership, by=coordinator)
    membership.refresh_from_db()
    assert membership.status == "active"
