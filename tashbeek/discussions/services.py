"""Writes for discussions: threads, replies, hiding with a reason, reports of abuse."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tashbeek.accounts.models import User
from tashbeek.communities.models import Community
from tashbeek.communities.services import coordinators_of
from tashbeek.core.audit import audit_record
from tashbeek.notifications.services import notify
from tashbeek.search.services import index_refresh

from .models import Post, PostReport, Thread
from .sanitise import plain_text, sanitise_post

MAX_BODY = 20_000


def _clean_body(body: str) -> str:
    if len(body) > MAX_BODY:
        raise ValidationError(
            {"body": _("The message is too long: at most %(n)s characters.") % {"n": MAX_BODY}}
        )
    html = sanitise_post(body)
    if not plain_text(html):
        raise ValidationError({"body": _("Write a message.")}, code="required")
    return html


@transaction.atomic
def thread_start(*, by: User, community: Community, title: str, body: str) -> Thread:
    if not by.has_perm("discussions.post", community):
        raise PermissionDenied(_("Only members of the community take part in its discussions."))
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Give a subject.")}, code="required")
    html = _clean_body(body)
    now = timezone.now()
    thread = Thread.objects.create(
        community=community, title=title[:200], author=by, last_post_at=now, post_count=1
    )
    Post.objects.create(thread=thread, author=by, body=html)
    audit_record(
        actor=by, action="discussions.thread.started", obj=thread, after={"title": thread.title}
    )
    notify(
        users=[p for p in coordinators_of(community) if p.pk != by.pk],
        action="discussions.thread.started",
        message=gettext_noop("%(person)s started a discussion in %(community)s: %(title)s"),
        context={"person": by.full_name, "community": community.names, "title": thread.title},
        url=thread.get_absolute_url(),
    )
    index_refresh(thread)
    return thread


@transaction.atomic
def post_reply(*, by: User, thread: Thread, body: str, parent: Post | None = None) -> Post:
    if not by.has_perm("discussions.post", thread.community):
        raise PermissionDenied(_("Only members of the community take part in its discussions."))
    if parent is not None and parent.thread_id != thread.pk:
        raise ValidationError(_("That message is not in this discussion."), code="invalid")
    post = Post.objects.create(thread=thread, parent=parent, author=by, body=_clean_body(body))
    Thread.objects.filter(pk=thread.pk).update(
        post_count=F("post_count") + 1, last_post_at=post.created_at
    )
    audit_record(
        actor=by,
        action="discussions.post.created",
        obj=thread,
        after={"post": post.pk, "parent": parent.pk if parent else None},
    )
    answered = {parent.author} if parent and parent.author else set()
    notify(
        users=[p for p in answered | {thread.author} if p and p.pk != by.pk],
        action="discussions.post.reply",
        message=gettext_noop("%(person)s replied in “%(title)s”."),
        context={"person": by.full_name, "title": thread.title},
        url=f"{thread.get_absolute_url()}#post-{post.pk}",
    )
    index_refresh(thread)
    return post


@transaction.atomic
def post_hide(*, by: User, post: Post, reason: str) -> Post:
    """A coordinator hides a post; everyone sees that it was hidden and why."""
    if not by.has_perm("discussions.moderate", post.thread.community):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason.")}, code="required")
    post = Post.objects.select_for_update().get(pk=post.pk)
    if post.is_hidden:
        return post
    post.hidden_at, post.hidden_by, post.hidden_reason = timezone.now(), by, reason[:500]
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    post.reports.filter(handled_at__isnull=True).update(handled_at=post.hidden_at)
    audit_record(
        actor=by,
        action="discussions.post.hidden",
        obj=post.thread,
        before={"post": post.pk, "hidden": False},
        after={"post": post.pk, "hidden": True},
        reason=reason,
    )
    index_refresh(post.thread)
    return post


@transaction.atomic
def post_unhide(*, by: User, post: Post) -> Post:
    if not by.has_perm("discussions.moderate", post.thread.community):
        raise PermissionDenied
    before = post.hidden_reason
    Post.objects.filter(pk=post.pk).update(hidden_at=None, hidden_by=None, hidden_reason="")
    audit_record(
        actor=by,
        action="discussions.post.shown",
        obj=post.thread,
        before={"post": post.pk, "hidden_reason": before},
        after={"post": post.pk, "hidden": False},
    )
    post.refresh_from_db()
    index_refresh(post.thread)
    return post


def post_report(*, by: User, post: Post, reason: str) -> PostReport:
    """Report abuse; reporting the same post twice is refused kindly."""
    if not by.is_authenticated:
        raise PermissionDenied
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationError({"reason": _("Say what is wrong with this post.")}, code="required")
    try:
        with transaction.atomic():
            report = PostReport.objects.create(post=post, reporter=by, reason=reason[:500])
            audit_record(
                actor=by,
                action="discussions.post.reported",
                obj=post.thread,
                after={"post": post.pk},
                reason=reason[:500],
            )
    except IntegrityError:
        raise ValidationError(_("You have already reported this post."), code="duplicate") from None
    notify(
        users=coordinators_of(post.thread.community),
        action="discussions.post.reported",
        message=gettext_noop("A post in “%(title)s” was reported: %(reason)s"),
        context={"title": post.thread.title, "reason": report.reason},
        url=f"{post.thread.get_absolute_url()}#post-{post.pk}",
    )
    return report
