"""Discussions: sanitised posts, threaded replies, hiding with a reason, reports of abuse."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tashbeek.discussions import selectors, services
from tashbeek.discussions.sanitise import sanitise_post

pytestmark = pytest.mark.django_db

ATTACKS = [
    '<script>alert("x")</script>',
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    '<svg onload="alert(1)"></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<p style="background:url(javascript:alert(1))" onclick="x()">styled</p>',
    "<scr<script>ipt>alert(1)</script>",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_no_script_survives_sanitising(attack):
    cleaned = sanitise_post(f"Bonjour {attack} fin")
    lowered = cleaned.lower()
    for danger in ("<script", "onerror", "onload", "onclick", "javascript:", "<iframe", "style="):
        assert danger not in lowered, cleaned


def test_plain_text_keeps_paragraphs_and_safe_links_get_rel():
    html = sanitise_post('سطر أول\nسطر ثان\n\n<a href="https://apla.ps">رابط</a>')
    assert "<br>" in html and html.count("<p>") == 2
    assert 'rel="nofollow noopener noreferrer ugc"' in html


def test_replies_are_shown_under_what_they_answer(thread, coordinator, staff_aourir):
    first, reply = list(thread.posts.order_by("id"))
    nested = services.post_reply(by=coordinator, thread=thread, body="Merci", parent=reply)
    later = services.post_reply(by=coordinator, thread=thread, body="Autre point", parent=first)
    order = [(post.pk, depth) for post, depth in selectors.posts_as_tree(thread)]
    # The fixture's reply answers the thread, not the first post: both are at the top.
    assert order == [(first.pk, 0), (later.pk, 1), (reply.pk, 0), (nested.pk, 1)]
    thread.refresh_from_db()
    assert thread.post_count == 4
    assert staff_aourir.notifications.filter(action="discussions.post.reply").exists()


def test_a_very_long_chain_of_replies_renders(thread, coordinator):
    parent = thread.posts.last()
    for _ in range(1200):
        parent = services.post_reply(by=coordinator, thread=thread, body=".", parent=parent)
    tree = selectors.posts_as_tree(thread)
    assert len(tree) == 1202 and max(depth for _p, depth in tree) == 4


def test_only_community_members_post(thread, staff_other_member):
    with pytest.raises(PermissionDenied):
        services.post_reply(by=staff_other_member, thread=thread, body="Hello")


def test_an_empty_or_script_only_message_is_refused(thread, coordinator):
    with pytest.raises(ValidationError):
        services.post_reply(by=coordinator, thread=thread, body="<script>alert(1)</script>")


def test_hiding_shows_the_reason_to_everyone_and_the_text_to_moderators_only(
    client, thread, coordinator, staff_aourir
):
    post = thread.posts.last()
    with pytest.raises(PermissionDenied):
        services.post_hide(by=staff_aourir, post=post, reason="no")
    services.post_hide(by=coordinator, post=post, reason="Off topic")
    client.force_login(staff_aourir)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Off topic" in page and "Notice boards" not in page
    client.force_login(coordinator)
    assert "Notice boards" in client.get(thread.get_absolute_url()).content.decode()
    api = client.get(f"/api/v1/threads/{thread.pk}/").json()
    assert "Notice boards" in client.get(f"/api/v1/posts/{post.pk}/").json()["body"]
    client.force_login(staff_aourir)
    assert client.get(f"/api/v1/posts/{post.pk}/").json()["body"] == ""
    hidden = client.get(f"/api/v1/threads/{thread.pk}/").json()["posts"][-1]
    assert hidden["hidden"] and hidden["body"] == ""
    assert api["posts"][-1]["body"]


def test_reports_reach_the_coordinators_once_per_person(client, thread, coordinator, staff_aourir):
    post = thread.posts.first()
    client.force_login(staff_aourir)
    url = reverse(
        "discussions:report",
        kwargs={"slug": thread.community.slug, "pk": thread.pk, "post_pk": post.pk},
    )
    assert client.post(url, {"reason": "Insulting"}).status_code == 302
    assert coordinator.notifications.filter(action="discussions.post.reported").exists()
    with pytest.raises(ValidationError):
        services.post_report(by=staff_aourir, post=post, reason="Again")
    client.force_login(coordinator)
    listing = client.get(reverse("discussions:list", kwargs={"slug": thread.community.slug}))
    assert "Insulting" in listing.content.decode()


def test_the_thread_page_does_not_add_queries_per_post(client, thread, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(thread.get_absolute_url()).status_code == 200
        return len(queries)

    client.force_login(coordinator)
    few = count()
    for n in range(20):
        services.post_reply(by=coordinator, thread=thread, body=f"Point {n}")
    assert count() == few


def test_a_script_in_subject_and_message_is_shown_inert(client, community, coordinator):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    started = services.thread_start(
        by=coordinator, community=community, title=payload, body=f"Texte {payload}"
    )
    client.force_login(coordinator)
    for url in (
        started.get_absolute_url(),
        reverse("discussions:list", kwargs={"slug": community.slug}),
    ):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html
