"""The shared theme taxonomy: sectors (some with sub-themes) and the 17 UN SDGs.

`sync_taxonomy` is idempotent: the data migration and `load_demo` both call it."""

# slug, parent slug, {ar, he, fr, en}
SECTORS = [
    (
        "waste",
        None,
        {
            "ar": "النفايات الصلبة",
            "he": "פסולת מוצקה",
            "fr": "Déchets solides",
            "en": "Solid waste",
        },
    ),
    (
        "waste-collection",
        "waste",
        {
            "ar": "جمع النفايات وحملات النظافة",
            "he": "איסוף פסולת וניקיון",
            "fr": "Collecte et propreté",
            "en": "Collection and cleanliness",
        },
    ),
    (
        "waste-recycling",
        "waste",
        {
            "ar": "التدوير والاقتصاد الدائري",
            "he": "מיחזור וכלכלה מעגלית",
            "fr": "Recyclage et économie circulaire",
            "en": "Recycling and circular economy",
        },
    ),
    (
        "water",
        None,
        {
            "ar": "المياه والصرف الصحي",
            "he": "מים וביוב",
            "fr": "Eau et assainissement",
            "en": "Water and sanitation",
        },
    ),
    (
        "planning",
        None,
        {
            "ar": "التخطيط ونظم المعلومات الجغرافية",
            "he": "תכנון ומערכות מידע גאוגרפיות",
            "fr": "Urbanisme et SIG",
            "en": "Planning and GIS",
        },
    ),
    (
        "planning-spatial",
        "planning",
        {
            "ar": "التخطيط المكاني والهيكلي",
            "he": "תכנון מרחבי",
            "fr": "Planification spatiale",
            "en": "Spatial planning",
        },
    ),
    (
        "planning-gis",
        "planning",
        {
            "ar": "نظم المعلومات الجغرافية",
            "he": "GIS",
            "fr": "Systèmes d'information géographique",
            "en": "Geographic information systems",
        },
    ),
    (
        "planning-projects",
        "planning",
        {
            "ar": "إدارة المشاريع",
            "he": "ניהול פרויקטים",
            "fr": "Gestion de projets",
            "en": "Project management",
        },
    ),
    (
        "finance",
        None,
        {
            "ar": "المالية المحلية",
            "he": "כספים מקומיים",
            "fr": "Finances locales",
            "en": "Local finance",
        },
    ),
    (
        "finance-budget",
        "finance",
        {
            "ar": "الموازنة والرقابة",
            "he": "תקציב ובקרה",
            "fr": "Budget et contrôle",
            "en": "Budgeting and control",
        },
    ),
    (
        "finance-revenue",
        "finance",
        {
            "ar": "مصادر الإيرادات",
            "he": "מקורות הכנסה",
            "fr": "Ressources propres",
            "en": "Revenue sources",
        },
    ),
    (
        "finance-ppp",
        "finance",
        {
            "ar": "الشراكة مع القطاع الخاص",
            "he": "שותפות ציבורית-פרטית",
            "fr": "Partenariats public-privé",
            "en": "Public-private partnerships",
        },
    ),
    (
        "public-relations",
        None,
        {
            "ar": "العلاقات العامة والتواصل",
            "he": "יחסי ציבור ותקשורת",
            "fr": "Relations publiques et communication",
            "en": "Public relations and communication",
        },
    ),
    (
        "energy",
        None,
        {
            "ar": "الطاقة وكفاءتها",
            "he": "אנרגיה ויעילות אנרגטית",
            "fr": "Énergie et efficacité énergétique",
            "en": "Energy and energy efficiency",
        },
    ),
    (
        "tourism",
        None,
        {
            "ar": "السياحة والتراث",
            "he": "תיירות ומורשת",
            "fr": "Tourisme et patrimoine",
            "en": "Tourism and heritage",
        },
    ),
    ("education", None, {"ar": "التعليم", "he": "חינוך", "fr": "Éducation", "en": "Education"}),
    (
        "transport",
        None,
        {
            "ar": "النقل والتنقل",
            "he": "תחבורה וניידות",
            "fr": "Transport et mobilité",
            "en": "Transport and mobility",
        },
    ),
    (
        "economy",
        None,
        {
            "ar": "التنمية الاقتصادية المحلية",
            "he": "פיתוח כלכלי מקומי",
            "fr": "Développement économique local",
            "en": "Local economic development",
        },
    ),
    (
        "social-entrepreneurship",
        "economy",
        {
            "ar": "ريادة الأعمال الاجتماعية",
            "he": "יזמות חברתית",
            "fr": "Entrepreneuriat social",
            "en": "Social entrepreneurship",
        },
    ),
    (
        "shared-services",
        None,
        {
            "ar": "الخدمات المشتركة والمناقصات",
            "he": "שירותים משותפים ומכרזים",
            "fr": "Services mutualisés et achats groupés",
            "en": "Shared services and joint tenders",
        },
    ),
    (
        "digital",
        None,
        {
            "ar": "التحول الرقمي والابتكار",
            "he": "דיגיטציה וחדשנות",
            "fr": "Numérique et innovation",
            "en": "Digitalisation and innovation",
        },
    ),
    (
        "environment",
        None,
        {
            "ar": "البيئة والتنوع البيولوجي",
            "he": "סביבה ומגוון ביולוגי",
            "fr": "Environnement et biodiversité",
            "en": "Environment and biodiversity",
        },
    ),
    (
        "crisis",
        None,
        {
            "ar": "إدارة الأزمات",
            "he": "ניהול משברים",
            "fr": "Gestion de crise",
            "en": "Crisis management",
        },
    ),
    (
        "sport-culture",
        None,
        {
            "ar": "الرياضة والثقافة",
            "he": "ספורט ותרבות",
            "fr": "Sport et culture",
            "en": "Sport and culture",
        },
    ),
    (
        "participation",
        None,
        {
            "ar": "الحكامة والمشاركة المواطنة",
            "he": "ממשל ושיתוף ציבור",
            "fr": "Gouvernance et participation citoyenne",
            "en": "Governance and citizen participation",
        },
    ),
    (
        "services",
        "participation",
        {
            "ar": "الخدمات الإدارية للمواطنين",
            "he": "שירות לתושב",
            "fr": "Services administratifs aux usagers",
            "en": "Administrative services to residents",
        },
    ),
]

SDGS = [
    {"ar": "القضاء على الفقر", "he": "מיגור העוני", "fr": "Pas de pauvreté", "en": "No poverty"},
    {"ar": "القضاء التام على الجوع", "he": "אפס רעב", "fr": "Faim « zéro »", "en": "Zero hunger"},
    {
        "ar": "الصحة الجيدة والرفاه",
        "he": "בריאות ורווחה",
        "fr": "Bonne santé et bien-être",
        "en": "Good health and well-being",
    },
    {
        "ar": "التعليم الجيد",
        "he": "חינוך איכותי",
        "fr": "Éducation de qualité",
        "en": "Quality education",
    },
    {
        "ar": "المساواة بين الجنسين",
        "he": "שוויון מגדרי",
        "fr": "Égalité entre les sexes",
        "en": "Gender equality",
    },
    {
        "ar": "المياه النظيفة والنظافة الصحية",
        "he": "מים נקיים ותברואה",
        "fr": "Eau propre et assainissement",
        "en": "Clean water and sanitation",
    },
    {
        "ar": "طاقة نظيفة وبأسعار معقولة",
        "he": "אנרגיה נקייה ובמחיר סביר",
        "fr": "Énergie propre et d'un coût abordable",
        "en": "Affordable and clean energy",
    },
    {
        "ar": "العمل اللائق ونمو الاقتصاد",
        "he": "עבודה הוגנת וצמיחה כלכלית",
        "fr": "Travail décent et croissance économique",
        "en": "Decent work and economic growth",
    },
    {
        "ar": "الصناعة والابتكار والهياكل الأساسية",
        "he": "תעשייה, חדשנות ותשתיות",
        "fr": "Industrie, innovation et infrastructure",
        "en": "Industry, innovation and infrastructure",
    },
    {
        "ar": "الحد من أوجه عدم المساواة",
        "he": "צמצום אי-שוויון",
        "fr": "Inégalités réduites",
        "en": "Reduced inequalities",
    },
    {
        "ar": "مدن ومجتمعات محلية مستدامة",
        "he": "ערים וקהילות מקיימות",
        "fr": "Villes et communautés durables",
        "en": "Sustainable cities and communities",
    },
    {
        "ar": "الاستهلاك والإنتاج المسؤولان",
        "he": "צריכה וייצור אחראיים",
        "fr": "Consommation et production responsables",
        "en": "Responsible consumption and production",
    },
    {
        "ar": "العمل المناخي",
        "he": "פעולה למען האקלים",
        "fr": "Mesures relatives à la lutte contre les changements climatiques",
        "en": "Climate action",
    },
    {
        "ar": "الحياة تحت الماء",
        "he": "החיים מתחת למים",
        "fr": "Vie aquatique",
        "en": "Life below water",
    },
    {"ar": "الحياة في البر", "he": "החיים על היבשה", "fr": "Vie terrestre", "en": "Life on land"},
    {
        "ar": "السلام والعدل والمؤسسات القوية",
        "he": "שלום, צדק ומוסדות חזקים",
        "fr": "Paix, justice et institutions efficaces",
        "en": "Peace, justice and strong institutions",
    },
    {
        "ar": "عقد الشراكات لتحقيق الأهداف",
        "he": "שותפויות להשגת היעדים",
        "fr": "Partenariats pour la réalisation des objectifs",
        "en": "Partnerships for the goals",
    },
]


def sync_taxonomy(theme_model) -> None:
    """Create or update every theme (works with the historical model in migrations)."""
    by_slug = {}
    for position, (slug, parent, names) in enumerate(SECTORS):
        theme, _c = theme_model.objects.update_or_create(
            slug=slug,
            defaults={
                "scheme": "sector",
                "parent": by_slug.get(parent),
                "names": names,
                "position": position,
            },
        )
        by_slug[slug] = theme
    for number, names in enumerate(SDGS, start=1):
        prefix = {
            "ar": f"الهدف {number}: ",
            "he": f"יעד {number}: ",
            "fr": f"ODD {number} : ",
            "en": f"SDG {number}: ",
        }
        theme_model.objects.update_or_create(
            slug=f"sdg-{number}",
            defaults={
                "scheme": "sdg",
                "parent": None,
                "position": number,
                "names": {code: prefix[code] + text for code, text in names.items()},
            },
        )
