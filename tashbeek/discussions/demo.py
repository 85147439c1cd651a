"""A demo discussion on the public-relations platform. Idempotent."""

from tashbeek.communities.models import Community

from . import services as discussions
from .models import Thread


def load(*, people: dict) -> None:
    _discussion({c.slug: c for c in Community.objects.all()}, people)


def _discussion(communities: dict, people: dict) -> None:
    community = communities["public-relations"]
    if Thread.objects.filter(community=community).exists():
        return
    thread = discussions.thread_start(
        by=people["focal.nablus@demo.tashbeek.org"],
        community=community,
        title="كيف تنشرون قرارات المجلس للسكان؟",
        body="نبحث عن طرق بسيطة لنشر قرارات المجلس البلدي للسكان.\nما الذي نجح عندكم؟",
    )
    discussions.post_reply(
        by=people["staff.aourir@demo.tashbeek.org"],
        thread=thread,
        body="Chez nous : un affichage dans chaque quartier et une page Facebook mise à jour après chaque session.",
    )
