"""The community services' rules, one by one: who opens a community and with what, joining
once, a request handled once, who may end a membership, and the audit entry of each."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tashbeek.communities import services
from tashbeek.communities.models import Community, CommunityMembership
from tashbeek.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_only_the_secretariat_opens_a_community(coordinator, secretariat, staff_aourir):
    data = {"slug": "water", "names": {"ar": "منصة المياه", "fr": " "}, "join_policy": "open"}
    with pytest.raises(PermissionDenied):
        services.community_create(by=coordinator, data=data)
    opened = services.community_create(by=secretariat, data=data, coordinators=[coordinator])
    assert opened.names == {"ar": "منصة المياه"}  # an empty translation is not kept
    assert services.coordinators_of(opened) == [coordinator]
    entry = AuditEntry.objects.get(action="communities.community.created")
    assert entry.after["coordinators"] == [coordinator.pk]


def test_a_community_with_a_bad_identifier_is_not_half_saved(secretariat, coordinator):
    data = {"slug": "not a slug!", "names": {"ar": "منصة"}, "join_policy": "open"}
    with pytest.raises(ValidationError) as refused:
        services.community_create(by=secretariat, data=data, coordinators=[coordinator])
    assert "slug" in refused.value.message_dict
    assert not Community.objects.exists() and not CommunityMembership.objects.exists()


def test_asking_twice_is_one_request_and_one_notice(community, staff_other_member, coordinator):
    first = services.community_join(community=community, user=staff_other_member)
    again = services.community_join(community=community, user=staff_other_member)
    assert again.pk == first.pk and first.status == CommunityMembership.Status.PENDING
    asked = coordinator.notifications.filter(action="communities.membership.requested")
    assert asked.count() == 1
    assert AuditEntry.objects.filter(action="communities.membership.requested").count() == 1


def test_a_request_is_approved_once_and_the_person_is_told(
    community, staff_other_member, coordinator
):
    request = services.community_join(community=community, user=staff_other_member)
    approved = services.membership_approve(membership=request, by=coordinator)
    assert approved.status == CommunityMembership.Status.ACTIVE
    assert staff_other_member.notifications.filter(
        action="communities.membership.approved"
    ).exists()
    with pytest.raises(ValidationError):
        services.membership_approve(membership=request, by=coordinator)
    assert AuditEntry.objects.filter(action="communities.membership.approved").count() == 1


def test_a_member_leaves_but_does_not_remove_others(
    community, coordinator, staff_aourir, staff_other_member
):
    theirs = CommunityMembership.objects.get(community=community, user=staff_aourir)
    request = services.community_join(community=community, user=staff_other_member)
    with pytest.raises(PermissionDenied):
        services.membership_leave(membership=theirs, by=staff_other_member)
    services.membership_leave(membership=theirs, by=staff_aourir)
    assert not CommunityMembership.objects.filter(pk=theirs.pk).exists()
    entry = AuditEntry.objects.get(action="communities.membership.ended")
    assert entry.before == {"user": staff_aourir.pk, "role": "member", "status": "active"}
    # A coordinator declines a request by ending it.
    services.membership_leave(membership=request, by=coordinator)
    assert not CommunityMembership.objects.filter(pk=request.pk).exists()
