"""Demo experiences, written in our own words from the network descriptions: Aourir's school
transport, cleanliness campaigns and the Taghazout summer festival; the Galilee cluster's
shared services; a platform's communication guide. Idempotent (keyed by external_id)."""

from tashbeek.communities.models import Community
from tashbeek.core.models import Theme
from tashbeek.events.models import Event
from tashbeek.members.models import Affiliation, Organisation

from . import services
from .models import Experience

# external_id, organisation key, contact e-mail, language, status, transfer, themes,
# communities, fields
EXPERIENCES = [
    (
        "demo-aourir-school-transport",
        "aourir",
        "focal.aourir@demo.tashbeek.org",
        "ar",
        "published",
        "open",
        ["transport", "education", "sdg-4"],
        [],
        {
            "title": "أسطول نقل مدرسي لتلاميذ الدواوير البعيدة",
            "summary": "وسّعت جماعة أورير أسطول النقل المدرسي بشراكة مع المبادرة الوطنية للتنمية البشرية، فصار تلاميذ الدواوير البعيدة يصلون إلى مدارسهم دون مشي طويل.",
            "problem": "كثير من تلاميذ المناطق الجبلية والدواوير المتفرقة كانوا يقطعون مسافات طويلة سيرًا، ما يرفع الغياب والانقطاع عن الدراسة، خاصة عند الفتيات.",
            "context": "جماعة ساحلية شمال أكادير، تجمع مركزًا حضريًا ودواوير قروية متباعدة.",
            "solution": "اقتناء حافلات إضافية عبر شراكة تمويل، وإسناد تسيير الخدمة لجمعيات محلية بموجب اتفاقية تحدد المسارات والتوقيت والصيانة.",
            "steps": "1. إحصاء التلاميذ المعنيين حسب الدوار.\n2. إعداد ملف التمويل مع المبادرة الوطنية للتنمية البشرية.\n3. اتفاقية تسيير مع الجمعيات.\n4. تتبع شهري للحضور والمسارات.",
            "partners": "المبادرة الوطنية للتنمية البشرية؛ جمعيات الآباء؛ المديرية الإقليمية للتعليم.",
            "funding": "تمويل مشترك بين المبادرة الوطنية والجماعة؛ الجمعيات تتكفل بالتسيير اليومي.",
            "results": "خطوط منتظمة تربط الدواوير البعيدة بالمدارس؛ ثلاث جماعات طلبت الاتفاقية النموذجية ودفتر التحملات بعد الزيارة الدراسية.",
            "lessons": "وضوح الاتفاقية مع الجمعيات أهم من عدد الحافلات؛ إشراك الآباء في التتبع يقلل الأعطال والغياب.",
        },
    ),
    (
        "demo-aourir-cleanliness",
        "aourir",
        "staff.aourir@demo.tashbeek.org",
        "fr",
        "published",
        "partners",
        ["waste-collection", "environment", "sdg-11", "sdg-12"],
        ["public-relations"],
        {
            "title": "Campagnes de propreté durables avec les associations et une entreprise locale",
            "summary": "Aourir organise ses campagnes de propreté avec des associations environnementales et une entreprise privée, et les relie à une meilleure collecte des déchets.",
            "problem": "Les campagnes ponctuelles de nettoyage ne duraient pas : les dépôts sauvages revenaient quelques semaines plus tard.",
            "context": "Commune côtière et touristique : la fréquentation de l'été multiplie les déchets sur les plages et dans les quartiers.",
            "solution": "Un calendrier annuel de campagnes co-organisées avec les associations, une entreprise de propreté partenaire pour l'évacuation, et des points de collecte fixes là où les dépôts revenaient.",
            "steps": "Cartographie des dépôts sauvages ; convention avec les associations ; contrat d'appui avec l'entreprise ; campagnes de sensibilisation dans les écoles ; suivi trimestriel.",
            "partners": "Association Souss Vert pour l'environnement ; Agadir Propreté SARL ; écoles de la commune.",
            "funding": "Budget communal pour la logistique ; l'entreprise fournit camions et bennes lors des campagnes.",
            "results": "Les points noirs cartographiés sont suivis chaque trimestre ; les campagnes mobilisent chaque fois plusieurs associations et écoles.",
            "lessons": "Associer l'évacuation (l'entreprise) à la mobilisation (les associations) : l'une sans l'autre ne tient pas.",
        },
    ),
    (
        "demo-taghazout-festival",
        "aourir",
        "focal.aourir@demo.tashbeek.org",
        "fr",
        "published",
        "partners",
        ["tourism", "sport-culture", "sdg-8"],
        [],
        {
            "title": "Le festival d'été de Taghazout, vitrine du patrimoine local",
            "summary": "Avec des partenaires internationaux, la commune fait du festival d'été de Taghazout un levier de tourisme durable qui valorise le patrimoine de la région.",
            "problem": "Un tourisme concentré sur la plage, peu de retombées pour l'artisanat et le patrimoine de l'arrière-pays.",
            "solution": "Un festival annuel qui programme artistes, artisans et associations locales, soutenu par des organisations internationales du tourisme durable.",
            "partners": "Organisations internationales du développement touristique ; associations culturelles ; artisans.",
            "results": "Le festival est devenu un rendez-vous annuel qui met en avant le patrimoine et les artisans de la région.",
            "lessons": "Programmer les acteurs locaux d'abord ; les partenaires internationaux viennent appuyer, pas remplacer.",
        },
    ),
    (
        "demo-galilee-shared-services",
        "galilee-cluster",
        "focal.nazareth@demo.tashbeek.org",
        "ar",
        "published",
        "open",
        ["shared-services", "finance", "sdg-10", "sdg-17"],
        [],
        {
            "title": "خدمات موحّدة ومناقصات مشتركة بين هيئات العنقود",
            "summary": "يجمع عنقود الجليل والوديان خدمات أعضائه ويطرح مناقصاتها معاً لمدن ومجالس محلية وإقليمية يسكنها نحو 450 ألف نسمة.",
            "problem": "كانت المجالس الصغيرة تدفع أكثر مقابل الخدمات نفسها، ولا تقدر على التفاوض مع كبار المورّدين، فاتسعت الفجوة بينها وبين المدن الكبرى.",
            "context": "اتحاد إقليمي لهيئات متفاوتة جداً: مدن متقدّمة إلى جانب مجالس محلية وإقليمية، ومجتمعات عربية ويهودية، متديّنة وعلمانية.",
            "solution": "توحيد الخدمات وطرحها في مناقصة واحدة، فيشتري كل عضو بقوّة العنقود كلّه، ويتحدّث العنقود بصوت واحد أمام الوزارات.",
            "steps": "اختيار خدمات ينفق عليها الأعضاء بطريقة متقاربة؛ الاتفاق على دفتر شروط موحّد؛ مناقصة واحدة وعقد إطاري واحد؛ تقييم كل دورة.",
            "partners": "الهيئات الأعضاء؛ وزارتا الداخلية والمالية اللتان تشاركان في تمويل العنقود.",
            "funding": "ميزانية العنقود من الهيئات الأعضاء ومن الوزارتين.",
            "results": "قوّة شرائية مشتركة لنحو 450 ألف ساكن، وخدمات ما كانت المجالس الصغيرة لتحصل عليها وحدها.",
            "lessons": "ابدأوا بخدمة يحتاجها الجميع وقيسوا نتيجتها؛ الثقة تنمو من أول مناقصة مشتركة توفّر المال.",
        },
    ),
    (
        "demo-apla-communication-guide",
        "apla",
        "",
        "ar",
        "published",
        "open",
        ["public-relations", "participation", "sdg-16"],
        ["public-relations"],
        {
            "title": "دليل الاتصال الاستراتيجي الذي أعدّته منصة العلاقات العامة",
            "summary": "خلاصة ورشات منصة العلاقات العامة: دليل عملي لمدراء العلاقات العامة في الهيئات المحلية حول التخطيط الإعلامي والتواصل مع السكان.",
            "problem": "كانت كل هيئة محلية تكتب أدواتها الإعلامية من الصفر، دون مرجع مشترك.",
            "solution": "جمع أدوات المشاركين في الورشات وتحريرها في دليل واحد تتبناه المنصة.",
            "results": "دليل مشترك متاح لكل موظفي العلاقات العامة في الأعضاء.",
            "lessons": "الدليل الذي يكتبه الممارسون أنفسهم يُستعمل أكثر من الدليل المكتوب لهم.",
        },
    ),
    (
        "demo-nablus-village-waste",
        "nablus",
        "focal.nablus@demo.tashbeek.org",
        "ar",
        "review",
        "partners",
        ["waste", "sdg-12"],
        ["village-councils"],
        {
            "title": "جمع مشترك للنفايات الصلبة بين مجالس قروية متجاورة",
            "summary": "تجربة قيد المراجعة: مجالس قروية حول نابلس تتقاسم شاحنة ومسارات جمع النفايات.",
            "problem": "مجالس قروية صغيرة لا تملك كل منها شاحنة جمع.",
            "solution": "اتفاقية لتقاسم شاحنة وجدول جمع مشترك.",
            "results": "جمع منتظم مرتين أسبوعيًا في القرى المشاركة.",
        },
    ),
]


def load(*, people: dict) -> None:
    secretariat = people["secretariat@demo.tashbeek.org"]
    organisations = {
        org.website.rsplit("/", 1)[-1]: org
        for org in Organisation.objects.filter(website__startswith="https://demo.tashbeek.org/")
    }
    # The cluster's liaison: Nazareth's focal person also works for the cluster.
    Affiliation.objects.get_or_create(
        user=people["focal.nazareth@demo.tashbeek.org"],
        organisation=organisations["galilee-cluster"],
        defaults={"role": "staff"},
    )
    study_visit = Event.objects.filter(kind="study_visit").order_by("starts_at").first()
    for row in EXPERIENCES:
        external_id, org_key, contact, language, status, transfer, themes, communities, text = row
        if Experience.objects.filter(external_id=external_id).exists():
            continue
        author = people.get(contact) or secretariat
        experience = services.experience_save(
            by=author if people.get(contact) else secretariat,
            data={
                **text,
                "language": language,
                "organisation": organisations[org_key],
                "contact": people.get(contact),
                "transfer_status": transfer,
                "themes": list(Theme.objects.filter(slug__in=themes)),
                "communities": list(Community.objects.filter(slug__in=communities)),
                "events": [study_visit] if study_visit and "transport" in external_id else [],
            },
        )
        Experience.objects.filter(pk=experience.pk).update(external_id=external_id)
        if status in ("review", "published"):
            services.experience_submit(by=author, experience=experience)
        if status == "published":
            services.experience_review(by=secretariat, experience=experience, decision="publish")
