"""The discussion services' rules, one by one: who may write and moderate, what a subject and
a message must be, who is told, and that every change leaves its audit entry."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tashbeek.core.models import AuditEntry
from tashbeek.discussions import services
from tashbeek.discussions.models import Post, PostReport, Thread
from tashbeek.discussions.services import MAX_BODY

pytestmark = pytest.mark.django_db


def _audited(action: str, thread: Thread) -> AuditEntry:
    return AuditEntry.objects.get(action=action, object_id=str(thread.pk))


def test_a_subject_is_trimmed_and_required(community, coordinator):
    with pytest.raises(ValidationError) as refused:
        services.thread_start(by=coordinator, community=community, title="  \n ", body="Hello")
    assert "title" in refused.value.message_dict
    started = services.thread_start(
        by=coordinator, community=community, title="  Waste   collection\n days ", body="Hello"
    )
    assert started.title == "Waste collection days"
    assert (started.post_count, started.posts.count()) == (1, 1)
    assert _audited("discussions.thread.started", started).after == {"title": started.title}


def test_a_message_too_long_is_refused_and_nothing_is_saved(thread, coordinator):
    posts, counted = Post.objects.count(), Thread.objects.get(pk=thread.pk).post_count
    with pytest.raises(ValidationError) as refused:
        services.post_reply(by=coordinator, thread=thread, body="x" * (MAX_BODY + 1))
    assert "body" in refused.value.message_dict
    assert Post.objects.count() == posts
    assert Thread.objects.get(pk=thread.pk).post_count == counted


def test_people_outside_the_community_neither_start_nor_reply(
    community, thread, staff_other_member, resident
):
    for outsider in (staff_other_member, resident):
        with pytest.raises(PermissionDenied):
            services.thread_start(by=outsider, community=community, title="Hi", body="Hi")
        with pytest.raises(PermissionDenied):
            services.post_reply(by=outsider, thread=thread, body="Hi")


def test_the_secretariat_takes_part_without_joining(community, thread, secretariat):
    post = services.post_reply(by=secretariat, thread=thread, body="The network's view")
    assert post.author == secretariat


def test_a_reply_to_a_message_of_another_discussion_is_refused(community, thread, coordinator):
    other = services.thread_start(by=coordinator, community=community, title="Other", body="…")
    with pytest.raises(ValidationError):
        services.post_reply(by=coordinator, thread=thread, body="Lost", parent=other.posts.get())


def test_replies_count_and_tell_the_people_answered_but_not_the_writer(
    thread, coordinator, staff_aourir
):
    first = thread.posts.order_by("id").first()  # the coordinator's
    before = Thread.objects.get(pk=thread.pk).post_count
    reply = services.post_reply(by=staff_aourir, thread=thread, body="Agreed", parent=first)
    thread.refresh_from_db()
    assert thread.post_count == before + 1
    assert thread.last_post_at == reply.created_at
    about = {"action": "discussions.post.reply", "url__endswith": f"#post-{reply.pk}"}
    assert coordinator.notifications.filter(**about).count() == 1
    assert not staff_aourir.notifications.filter(**about).exists()
    entry = AuditEntry.objects.filter(action="discussions.post.created").latest("id")
    assert entry.after == {"post": reply.pk, "parent": first.pk}


def test_starting_a_thread_tells_the_other_coordinators_only(community, coordinator, staff_aourir):
    services.thread_start(by=staff_aourir, community=community, title="Budget", body="…")
    assert coordinator.notifications.filter(action="discussions.thread.started").count() == 1
    services.thread_start(by=coordinator, community=community, title="Agenda", body="…")
    assert coordinator.notifications.filter(action="discussions.thread.started").count() == 1


def test_hiding_needs_a_reason_closes_the_reports_and_keeps_the_first_reason(
    thread, coordinator, staff_aourir
):
    post = thread.posts.order_by("id").first()
    report = services.post_report(by=staff_aourir, post=post, reason="Rude")
    with pytest.raises(ValidationError):
        services.post_hide(by=coordinator, post=post, reason="   ")
    hidden = services.post_hide(by=coordinator, post=post, reason="Off topic")
    assert hidden.is_hidden and hidden.hidden_by == coordinator
    report.refresh_from_db()
    assert report.handled_at == hidden.hidden_at
    again = services.post_hide(by=coordinator, post=post, reason="Something else")
    assert again.hidden_reason == "Off topic"
    assert AuditEntry.objects.filter(action="discussions.post.hidden").count() == 1


def test_only_moderators_show_a_hidden_post_again(thread, coordinator, staff_aourir, secretariat):
    post = services.post_hide(by=coordinator, post=thread.posts.last(), reason="Spam")
    with pytest.raises(PermissionDenied):
        services.post_unhide(by=staff_aourir, post=post)
    shown = services.post_unhide(by=secretariat, post=post)
    assert not shown.is_hidden and shown.hidden_reason == ""
    entry = _audited("discussions.post.shown", thread)
    assert entry.before == {"post": post.pk, "hidden_reason": "Spam"}


def test_a_report_needs_a_reason_and_a_signed_in_person(thread, staff_aourir):
    from django.contrib.auth.models import AnonymousUser

    post = thread.posts.first()
    with pytest.raises(PermissionDenied):
        services.post_report(by=AnonymousUser(), post=post, reason="Spam")
    with pytest.raises(ValidationError):
        services.post_report(by=staff_aourir, post=post, reason=" \n ")
    report = services.post_report(by=staff_aourir, post=post, reason="  Spam   links ")
    assert report.reason == "Spam links"
    assert PostReport.objects.count() == 1
    assert _audited("discussions.post.reported", thread).reason == "Spam links"
