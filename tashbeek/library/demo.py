"""Demo library documents, work plans and a discussion for the platforms. Idempotent."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tashbeek.communities.models import Community
from tashbeek.core.models import Theme
from tashbeek.core.pdf import one_page_pdf
from tashbeek.discussions import services as discussions
from tashbeek.discussions.models import Thread
from tashbeek.events.models import Event
from tashbeek.workplans.models import WorkPlanItem

from . import services
from .models import Document

# community slug, kind, visibility, final status, titles, summaries, themes, author e-mail
DOCUMENTS = [
    (
        "public-relations",
        "guide",
        "public",
        "published",
        {
            "ar": "دليل الاتصال الاستراتيجي للهيئات المحلية",
            "en": "Strategic communication guide for local authorities",
        },
        {
            "ar": "خطة إعلامية سنوية، التواصل مع السكان وقت الأزمات، وقوالب البيانات الصحفية.",
            "en": "A yearly media plan, talking to residents in a crisis, and press-release templates.",
        },
        ["public-relations", "participation"],
        "focal.nablus@demo.tashbeek.org",
    ),
    (
        "engineering-planning",
        "position_paper",
        "members",
        "adopted",
        {
            "ar": "ورقة موقف: التخطيط المحلي والهدف 11 للتنمية المستدامة",
            "en": "Position paper: local planning and SDG 11",
        },
        {"en": "What member authorities ask of national planning rules, platform draft."},
        ["planning", "sdg-11"],
        "secretariat@demo.tashbeek.org",
    ),
    (
        "",
        "template",
        "members",
        "published",
        {
            "fr": "Modèle de convention de gestion du transport scolaire",
            "en": "Model agreement for running school transport",
        },
        {"fr": "La convention type entre une commune et les associations qui gèrent le service."},
        ["transport", "education"],
        "secretariat@demo.tashbeek.org",
    ),
]
STEPS = {
    "draft": [],
    "adopted": ["submit", "adopt"],
    "published": ["submit", "adopt", "publish"],
}


def load(*, people: dict) -> None:
    secretariat = people["secretariat@demo.tashbeek.org"]
    communities = {c.slug: c for c in Community.objects.all()}
    for slug, kind, visibility, status, titles, summaries, themes, author in DOCUMENTS:
        if Document.objects.filter(titles=titles).exists():
            continue
        document = services.document_create(
            by=people[author],
            data={
                "kind": kind,
                "titles": titles,
                "summaries": summaries,
                "community": communities.get(slug),
                "visibility": visibility,
                "themes": list(Theme.objects.filter(slug__in=themes)),
            },
            upload=SimpleUploadedFile(
                "document.pdf", one_page_pdf(titles.get("en", "Tashbeek")), "application/pdf"
            ),
            note="First version",
        )
        for action in STEPS[status]:
            services.document_transition(by=secretariat, document=document, action=action)
    _plans(communities, people)
    _discussion(communities, people)


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
