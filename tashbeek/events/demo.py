"""Demo events of the platforms: past workshops with minutes, coming ones. Idempotent."""

import datetime
import zoneinfo

from django.utils import timezone

from tashbeek.communities.models import Community

from .models import Event


def load(*, people: dict) -> None:
    _events({c.slug: c for c in Community.objects.all()}, people)


def _events(communities: dict, people: dict) -> None:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    rows = [
        (
            communities["public-relations"],
            "workshop",
            "in_person",
            "Asia/Hebron",
            21,
            25,
            "رام الله، مقر الاتحاد",
            {
                "ar": "ورشة الاتصال الاستراتيجي في البلديات",
                "en": "Strategic communication workshop for municipalities",
            },
            "",
        ),
        (
            communities["engineering-planning"],
            "webinar",
            "online",
            "Asia/Hebron",
            35,
            None,
            "",
            {
                "ar": "ندوة عن بعد: نظم المعلومات الجغرافية في التخطيط المحلي",
                "en": "Webinar: GIS in local planning",
            },
            "",
        ),
        (
            communities["village-councils"],
            "workshop",
            "in_person",
            "Asia/Hebron",
            14,
            2,
            "نابلس",
            {
                "ar": "ورشة النفايات الصلبة في المجالس القروية",
                "en": "Solid waste in village councils",
            },
            "",
        ),
        (
            None,
            "study_visit",
            "in_person",
            "Africa/Casablanca",
            -40,
            20,
            "أورير، أكادير إداوتنان",
            {
                "ar": "زيارة دراسية: النقل المدرسي في أورير",
                "fr": "Visite d'étude : le transport scolaire à Aourir",
            },
            "Les participants ont visité le service de transport scolaire géré avec les associations locales; "
            "trois communes ont demandé la convention type et le cahier des charges.",
        ),
    ]
    for community, kind, mode, zone, days, seats, venue, titles, report in rows:
        # 10:00 on the event's own clock, whatever time of day the demo is loaded.
        day = (now + datetime.timedelta(days=days)).date()
        start = datetime.datetime.combine(day, datetime.time(10), tzinfo=zoneinfo.ZoneInfo(zone))
        Event.objects.update_or_create(
            titles=titles,
            defaults={
                "community": community,
                "kind": kind,
                "mode": mode,
                "time_zone": zone,
                "starts_at": start,
                "ends_at": start + datetime.timedelta(hours=3),
                "venue": venue,
                "capacity": seats,
                "report": report,
                "online_url": "https://meet.example.org/tashbeek-gis" if mode == "online" else "",
                "created_by": people["secretariat@demo.tashbeek.org"],
            },
        )
