"""Demo work plans of the platforms, linked to their workshop and guide. Idempotent."""

import datetime

from django.utils import timezone

from tashbeek.communities.models import Community
from tashbeek.events.models import Event
from tashbeek.library.models import Document

from .models import WorkPlanItem


def load(*, people: dict) -> None:
    _plans({c.slug: c for c in Community.objects.all()}, people)


def _plans(communities: dict, people: dict) -> None:
    year = timezone.localdate().year
    coordinator = people["focal.nablus@demo.tashbeek.org"]
    guide = Document.objects.filter(kind="guide", community=communities["public-relations"])
    workshop = Event.objects.filter(community=communities["public-relations"]).first()
    rows = [
        ("public-relations", "ورشة الاتصال الاستراتيجي", "done", 1, 3, [workshop], guide),
        ("public-relations", "دليل التواصل مع السكان في الأزمات", "in_progress", 3, 9),
        ("public-relations", "زيارة تبادل بين بلديتين", "planned", 9, 11),
        ("village-councils", "ورشات النفايات الصلبة، منطقة بمنطقة", "in_progress", 2, 10),
        ("village-councils", "نموذج اتفاقية جمع مشترك للنفايات", "planned", 6, 12),
    ]
    for slug, activity, status, start, end, *links in rows:
        item, created = WorkPlanItem.objects.get_or_create(
            community=communities[slug],
            year=year,
            activity=activity,
            defaults={
                "status": status,
                "starts_on": datetime.date(year, start, 1),
                "ends_on": datetime.date(year, end, 28),
                "responsible_person": coordinator,
                "objective": "أدوات مشتركة لكل هيئة عضو في المنصة.",
            },
        )
        if created and links:
            item.events.set([e for e in links[0] if e])
            item.outputs.set(links[1])
