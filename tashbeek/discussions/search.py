"""What a discussion thread gives the search index."""

from django.utils.html import strip_tags

from tashbeek.search.analysis import detect_language
from tashbeek.search.sources import COMMUNITY, SNIPPET_SOURCE, IndexDoc, register


def thread(obj) -> IndexDoc | None:
    # Hidden posts keep their text for moderators only: they never reach the index.
    posts = [strip_tags(p.body) for p in obj.posts.all() if p.hidden_at is None]
    return IndexDoc(
        kind="thread",
        object_id=obj.pk,
        titles={detect_language(obj.title): obj.title},
        parts=[(obj.title, None, "title")] + [(text, None, "body") for text in posts],
        url=obj.get_absolute_url(),
        audience=COMMUNITY,
        text=(posts[0] if posts else "")[:SNIPPET_SOURCE],
        date=obj.last_post_at,
        community_id=obj.community_id,
    )


register("thread", "discussions.Thread", thread, ["posts", "community"])
