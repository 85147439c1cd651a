"""Demo library documents for the platforms. Idempotent."""

from django.core.files.uploadedfile import SimpleUploadedFile

from tashbeek.communities.models import Community
from tashbeek.core.models import Theme
from tashbeek.core.pdf import one_page_pdf

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
