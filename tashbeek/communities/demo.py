"""Demo communities and events: the five exchange platforms of the Palestinian association of
local authorities (village councils worked region by region), the international network's
thematic committees, and a few workshops. Idempotent: looked up by slug and title."""

from tashbeek.members.models import Region

from .models import Community, CommunityMembership

# slug, kind, join policy, names, purposes
COMMUNITIES = [
    (
        "public-relations",
        "platform",
        "open",
        {
            "ar": "منصة العلاقات العامة",
            "fr": "Plateforme des relations publiques",
            "en": "Public relations platform",
        },
        {
            "ar": "مدراء العلاقات العامة في الهيئات المحلية يبنون قدراتهم في الاتصال الاستراتيجي والإعلام ويتبادلون أدواتهم.",
            "en": "Public-relations managers of local authorities build their skills in strategic communication and media, and swap their tools.",
        },
    ),
    (
        "engineering-planning",
        "platform",
        "open",
        {
            "ar": "منصة الهندسة والتخطيط",
            "fr": "Plateforme ingénierie et urbanisme",
            "en": "Engineering and planning platform",
        },
        {
            "ar": "أدلة لإدارة المشاريع وللتخطيط، وورشات حول نظم المعلومات الجغرافية والتخطيط في المناطق المصنفة ج، والهدف 11 من أهداف التنمية المستدامة.",
            "en": "Guides on project management and planning; workshops on GIS, planning in Area C, and SDG 11.",
        },
    ),
    (
        "financial-managers",
        "platform",
        "request",
        {
            "ar": "منصة المدراء الماليين",
            "fr": "Plateforme des directeurs financiers",
            "en": "Financial managers platform",
        },
        {
            "ar": "موازنات الهيئات المحلية والرقابة عليها، ومصادر الإيرادات، وتحليل التكاليف، والشراكة مع القطاع الخاص.",
            "en": "Local budgets and their control, new revenue, cost analysis and partnerships with private companies.",
        },
    ),
    (
        "village-councils",
        "platform",
        "request",
        {
            "ar": "منصة المجالس القروية",
            "fr": "Plateforme des conseils de village",
            "en": "Village councils platform",
        },
        {
            "ar": "رؤساء المجالس القروية يحددون أولوياتهم ويتبادلون الخبرات منطقة بمنطقة: القدرة المالية، العلاقة مع المواطنين، الأراضي، النفايات الصلبة.",
            "en": "Heads of village councils set their priorities and exchange region by region: finances, citizens, land, solid waste.",
        },
    ),
    (
        "innovation",
        "platform",
        "open",
        {
            "ar": "منصة الإبداع والابتكار",
            "fr": "Plateforme créativité et innovation",
            "en": "Creativity and innovation platform",
        },
        {
            "ar": "أفكار ومشاريع مبتكرة تنفذها الهيئات المحلية، تُعرض ليستفيد منها الجميع.",
            "en": "Innovative ideas and projects of local authorities, shared so that others can use them.",
        },
    ),
    (
        "committee-environment",
        "committee",
        "request",
        {"ar": "لجنة البيئة", "fr": "Commission environnement", "en": "Environment committee"},
        {
            "ar": "دعم تقني بين الأقران لمشاريع المدن الأعضاء البيئية، يغذّي خطة العمل الإقليمية.",
            "fr": "Appui technique entre pairs aux projets environnementaux des villes membres, au service du plan de travail régional.",
            "en": "Peer technical assistance on environmental projects of member cities, feeding the regional work plan.",
        },
    ),
    (
        "committee-services",
        "committee",
        "request",
        {
            "ar": "لجنة الصحة والخدمات",
            "fr": "Commission santé et services",
            "en": "Health and services committee",
        },
        {
            "ar": "الصحة والخدمات البلدية: الأولويات والمشاريع ومقترحات السياسات لبلديات المنطقة.",
            "fr": "Santé et services municipaux : priorités, projets et propositions de politiques pour les municipalités de la région.",
            "en": "Health and municipal services: priorities, projects and policy proposals for MENA municipalities.",
        },
    ),
    (
        "committee-economy",
        "committee",
        "request",
        {
            "ar": "لجنة التنمية الاقتصادية",
            "fr": "Commission développement économique",
            "en": "Economic development committee",
        },
        {
            "ar": "التنمية الاقتصادية المحلية: تبادل المشاريع وصياغة السياسات التي تمسّ المدن الأعضاء.",
            "fr": "Développement économique local : partager les projets et rédiger les politiques qui concernent les villes membres.",
            "en": "Local economic development: sharing projects and drafting policies that affect member cities.",
        },
    ),
]
SUBGROUPS = [
    ("village-councils-nablus", "nablus"),
    ("village-councils-hebron", "hebron"),
    ("village-councils-jenin", "jenin"),
]


def load(*, people: dict) -> None:
    communities = {}
    for slug, kind, policy, names, purposes in COMMUNITIES:
        communities[slug], _c = Community.objects.update_or_create(
            slug=slug,
            defaults={"kind": kind, "join_policy": policy, "names": names, "purposes": purposes},
        )
    parent = communities["village-councils"]
    for slug, region_slug in SUBGROUPS:
        region = Region.objects.filter(slug=region_slug).first()
        names = (
            {
                code: f"{text} — {region.names.get(code, region.slug)}"
                for code, text in parent.names.items()
            }
            if region
            else parent.names
        )
        Community.objects.update_or_create(
            slug=slug,
            defaults={"parent": parent, "region": region, "names": names, "join_policy": "request"},
        )
    coordinator = people["focal.nablus@demo.tashbeek.org"]
    for slug in ("public-relations", "village-councils"):
        CommunityMembership.objects.update_or_create(
            community=communities[slug],
            user=coordinator,
            defaults={"role": "coordinator", "status": "active"},
        )
    CommunityMembership.objects.get_or_create(
        community=communities["public-relations"], user=people["staff.aourir@demo.tashbeek.org"]
    )
