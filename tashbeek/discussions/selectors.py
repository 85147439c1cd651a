"""Reads for discussions."""

from collections import defaultdict

from django.db.models import Count, Q, QuerySet

from tashbeek.communities.models import Community

from .models import Post, Thread


def threads_of(community: Community) -> QuerySet[Thread]:
    return Thread.objects.filter(community=community).select_related("author", "community")


def thread_detail(community: Community, pk: int) -> Thread | None:
    return (
        Thread.objects.select_related("community", "author")
        .filter(community=community, pk=pk)
        .first()
    )


def posts_as_tree(thread: Thread, *, max_depth: int = 4) -> list[tuple[Post, int]]:
    """Every post of the thread once, replies under what they answer: (post, depth).
    One query; depth is capped so deep chains stay readable on a phone."""
    posts = list(
        thread.posts.select_related("author", "hidden_by").annotate(
            open_reports=Count("reports", filter=Q(reports__handled_at__isnull=True))
        )
    )
    children = defaultdict(list)
    for post in posts:
        children[post.parent_id].append(post)
    ordered: list[tuple[Post, int]] = []
    # Depth-first without recursion: a long chain of replies must not hit Python's limit.
    stack = [(post, 0) for post in reversed(children[None])]
    while stack:
        post, depth = stack.pop()
        ordered.append((post, min(depth, max_depth)))
        stack.extend((reply, depth + 1) for reply in reversed(children.get(post.pk, [])))
    return ordered


def open_reports(community: Community) -> QuerySet:
    from .models import PostReport

    return PostReport.objects.filter(
        post__thread__community=community, handled_at__isnull=True
    ).select_related("post__thread", "reporter")
