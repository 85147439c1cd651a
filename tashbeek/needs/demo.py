"""Demo needs and offers, in our own words: a Nablus-area council looking for a way to run
school transport for far villages (answered by Aourir's experience, written in Arabic) and
for waste sorting; Aourir offering its school-transport convention. Idempotent (by title)."""

from tashbeek.core.models import Theme
from tashbeek.members.models import Organisation

from . import services
from .models import Need, Offer

# organisation key, author e-mail, language, themes, title, description
NEEDS = [
    (
        "nablus",
        "focal.nablus@demo.tashbeek.org",
        "ar",
        ["transport", "education"],
        "نقل التلاميذ من القرى البعيدة إلى المدارس",
        "تلاميذ ثلاث قرى تابعة لنا يمشون أكثر من ساعة للوصول إلى المدرسة، ويرتفع الغياب "
        "في الشتاء. نبحث عن طريقة لتوفير حافلات وتسيير الخدمة مع جمعيات محلية بكلفة معقولة.",
    ),
    (
        "nablus",
        "focal.nablus@demo.tashbeek.org",
        "ar",
        ["waste"],
        "فرز النفايات المنزلية في الأحياء",
        "نريد البدء بفرز النفايات من المصدر في حيين سكنيين. كيف نقنع السكان بالمشاركة، "
        "وما الحاويات المناسبة، ومن يشتري المواد القابلة للتدوير؟",
    ),
    (
        "aourir",
        "staff.aourir@demo.tashbeek.org",
        "fr",
        ["tourism"],
        "Gérer l'affluence estivale sur le littoral",
        "Chaque été la population de nos villages côtiers est multipliée. Nous cherchons des "
        "communes qui ont organisé la propreté des plages, le stationnement et la sécurité "
        "avec les associations et les commerçants.",
    ),
]
OFFERS = [
    (
        "aourir",
        "focal.aourir@demo.tashbeek.org",
        "ar",
        ["transport", "education"],
        "اتفاقية نموذجية لتسيير النقل المدرسي مع الجمعيات",
        "نشارك الاتفاقية ودفتر التحملات اللذين نعتمدهما مع الجمعيات المسيرة للنقل المدرسي، "
        "ونستقبل زيارات دراسية للجماعات المهتمة.",
    ),
]


def _load(model, rows, save, people):
    for key, email, language, themes, title, description in rows:
        organisation = Organisation.objects.filter(
            website=f"https://demo.tashbeek.org/{key}"
        ).first()
        author = people.get(email)
        if organisation is None or author is None or model.objects.filter(title=title).exists():
            continue
        data = {
            "organisation": organisation,
            "title": title,
            "description": description,
            "language": language,
            "themes": list(Theme.objects.filter(slug__in=themes)),
        }
        save(by=author, data=data)


def load(*, people: dict) -> None:
    _load(Need, NEEDS, services.need_save, people)
    _load(Offer, OFFERS, services.offer_save, people)
