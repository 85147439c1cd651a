"""The demo's cooperation, from the sources' facts: Aourir's partnerships (its neighbouring
communes for roads and sanitation, an international body, associations, a company, the
national human development initiative) and its four joint projects with budgets from
several funders and indicators; twinnings between network members, one still awaiting a
confirmation and one ended; the Galilee cluster's shared services with cost sharing and
a joint tender with quantities from several authorities. Idempotent: loaded once."""

import datetime

from django.utils import timezone

from tashbeek.core.models import Theme
from tashbeek.experiences.models import Experience
from tashbeek.members.models import Organisation

from . import services
from .models import Demand, Item, Project, SharedService

SCHOOL_TRANSPORT = "School transport for the outlying douars"

# kind, declared by, other parties, themes, years ago signed, years in force, titles, state
AGREEMENTS = [
    (
        "cooperation",
        "aourir",
        ["taghazout"],
        ["transport", "water"],
        2,
        5,
        {
            "ar": "اتفاقية تعاون بين جماعتي أورير وتغازوت حول الطرق والتطهير",
            "fr": "Convention Aourir–Taghazout : routes et assainissement",
            "en": "Aourir–Taghazout agreement on roads and sanitation",
        },
        "signed",
    ),
    (
        "framework",
        "aourir",
        ["agadir"],
        ["transport", "waste-collection"],
        1,
        4,
        {
            "ar": "اتفاقية إطار مع جماعة أكادير حول الطريق الساحلي والجمع",
            "fr": "Accord-cadre avec Agadir : route côtière et collecte",
            "en": "Framework agreement with Agadir on the coastal road and collection",
        },
        "signed",
    ),
    (
        "framework",
        "aourir",
        ["indh"],
        ["transport", "sdg-4"],
        3,
        5,
        {
            "ar": "اتفاقية النقل المدرسي مع المبادرة الوطنية للتنمية البشرية",
            "fr": "Convention de transport scolaire avec l'INDH",
            "en": "School transport agreement with the INDH",
        },
        "signed",
    ),
    (
        "mou",
        "aourir",
        ["souss-green"],
        ["waste-collection", "environment"],
        1,
        3,
        {
            "ar": "مذكرة تفاهم مع جمعية سوس الخضراء لحملات النظافة",
            "fr": "Protocole avec Souss Verte pour les campagnes de propreté",
            "en": "Memorandum with Souss Green on cleanliness campaigns",
        },
        "signed",
    ),
    (
        "service",
        "aourir",
        ["agadir-clean"],
        ["waste-collection"],
        1,
        2,
        {
            "ar": "عقد خدمة جمع النفايات مع شركة أكادير للنظافة",
            "fr": "Contrat de collecte avec Agadir Propreté",
            "en": "Waste collection contract with Agadir Cleanliness",
        },
        "signed",
    ),
    (
        "cooperation",
        "aourir",
        ["giz"],
        ["tourism", "energy"],
        2,
        3,
        {
            "ar": "اتفاقية تعاون تقني مع الوكالة الألمانية للتعاون الدولي",
            "fr": "Coopération technique avec la GIZ",
            "en": "Technical cooperation with GIZ",
        },
        "signed",
    ),
    (
        "twinning",
        "aourir",
        ["partner-municipality"],
        ["tourism", "energy"],
        4,
        6,
        {
            "ar": "توأمة أورير وبواتييه",
            "fr": "Jumelage Aourir–Poitiers",
            "en": "Aourir–Poitiers twinning",
        },
        "signed",
    ),
    (
        "twinning",
        "nazareth",
        ["sfax"],
        ["economy"],
        1,
        4,
        {
            "ar": "توأمة الناصرة وصفاقس",
            "fr": "Jumelage Nazareth–Sfax",
            "en": "Nazareth–Sfax twinning",
        },
        "signed",
    ),
    (
        "twinning",
        "nablus",
        ["hebron", "jenin"],
        ["public-relations"],
        2,
        3,
        {
            "ar": "توأمة ثلاثية بين نابلس والخليل وجنين",
            "fr": "Jumelage Naplouse–Hébron–Jénine",
            "en": "Nablus–Hebron–Jenin twinning",
        },
        "signed",
    ),
    (
        "twinning",
        "byblos",
        ["irbid"],
        ["tourism"],
        5,
        3,
        {
            "ar": "توأمة جبيل وإربد",
            "fr": "Jumelage Byblos–Irbid",
            "en": "Byblos–Irbid twinning",
        },
        "ended",
    ),
    (
        "twinning",
        "kafr-kanna",
        ["meknes"],
        ["environment"],
        0,
        3,
        {
            "ar": "توأمة كفر كنا ومكناس",
            "fr": "Jumelage Kafr Kanna–Meknès",
            "en": "Kafr Kanna–Meknes twinning",
        },
        "proposed",
    ),
]


def load(*, people: dict) -> None:
    load_aourir(people=people)
    load_galilee(people=people)


def load_aourir(*, people: dict) -> None:
    if Project.objects.filter(titles__en=SCHOOL_TRANSPORT).exists():
        return
    secretariat = people["secretariat@demo.tashbeek.org"]
    focal = people["focal.aourir@demo.tashbeek.org"]
    orgs = {
        o.website.rsplit("/", 1)[-1]: o
        for o in Organisation.objects.filter(website__startswith="https://demo.tashbeek.org/")
    }
    _agreements(secretariat, focal, orgs)
    for project in PROJECTS:
        _project(focal, orgs, project)


def _agreements(secretariat, focal, orgs) -> None:
    today = timezone.localdate()
    for kind, by, others, themes, ago, years, titles, state in AGREEMENTS:
        signed = today.replace(year=today.year - ago, day=1)
        declared_by = orgs[by]
        agreement = services.agreement_declare(
            by=focal if by == "aourir" else secretariat,
            declared_by=declared_by,
            parties=[orgs[k] for k in others],
            data={
                "kind": kind,
                "titles": titles,
                "themes": list(Theme.objects.filter(slug__in=themes)),
                "signed_on": signed if state != "proposed" else None,
                "starts_on": signed,
                "ends_on": signed.replace(year=signed.year + years) - datetime.timedelta(days=1),
                "renewal": "tacit" if kind == "twinning" and state == "signed" else "none",
            },
        )
        if state == "proposed":
            continue
        for other in others:
            services.agreement_confirm(
                by=secretariat, agreement=agreement, organisation=orgs[other]
            )
        if state == "ended":
            services.agreement_end(
                by=secretariat,
                agreement=agreement,
                reason="Les deux conseils ont décidé de ne pas renouveler faute de projet commun.",
                ended_on=signed.replace(year=signed.year + 2),
            )


def _project(focal, orgs, spec) -> None:
    today = timezone.localdate()
    start = today.replace(year=today.year - spec["ago"], day=1)
    project = services.project_save(
        by=focal,
        lead=orgs["aourir"],
        data={
            "titles": spec["titles"],
            "summaries": spec["summaries"],
            "stories": spec.get("stories", {}),
            "themes": list(Theme.objects.filter(slug__in=spec["themes"], scheme="sector")),
            "sdgs": list(Theme.objects.filter(slug__in=spec["themes"], scheme="sdg")),
            "places": [orgs[k] for k in spec["places"]],
            "starts_on": start,
            "ends_on": start.replace(year=start.year + spec["years"]),
            "experiences": list(Experience.objects.filter(external_id__in=spec["experiences"])),
            "public": True,
        },
    )
    for key, role in spec["partners"]:
        services.project_partner_set(by=focal, project=project, organisation=orgs[key], role=role)
    lines = {}
    for category, labels, amount in spec["budget"]:
        lines[category] = services.budget_line_save(
            by=focal,
            project=project,
            data={
                "category": category,
                "labels": labels,
                "currency": "MAD",
                "amount_minor": amount,
            },
        )
    for funder, source, pledged, received, in_kind in spec["funding"]:
        services.funding_save(
            by=focal,
            project=project,
            data={
                "funder": orgs[funder],
                "source": source,
                "currency": "MAD",
                "pledged_minor": pledged,
                "received_minor": received,
                "in_kind": in_kind,
            },
        )
    for category, amount, months, what in spec.get("spent", []):
        services.expense_record(
            by=focal,
            project=project,
            data={
                "line": lines[category],
                "amount_minor": amount,
                "spent_on": start + datetime.timedelta(days=30 * months),
                "description": what,
            },
        )
    for names, unit, baseline, target, values in spec["indicators"]:
        indicator = services.indicator_save(
            by=focal,
            project=project,
            data={"names": names, "unit": unit, "baseline": baseline, "target": target},
        )
        for months, value, evidence in values:
            services.measurement_record(
                by=focal,
                indicator=indicator,
                data={
                    "measured_on": min(start + datetime.timedelta(days=30 * months), today),
                    "value": value,
                    "evidence": evidence,
                },
            )
    for titles, months, done in spec["milestones"]:
        due = start + datetime.timedelta(days=30 * months)
        services.milestone_save(
            by=focal,
            project=project,
            data={"titles": titles, "due_on": due, "done_on": due if done else None},
        )
    for kind, area, text, owner in spec["issues"]:
        services.issue_raise(
            by=focal,
            project=project,
            data={"kind": kind, "area": area, "text": text, "owner": orgs[owner]},
        )
    status = spec.get("status") or {"status": "running", "reason": "Travaux en cours."}
    services.project_status_set(by=focal, project=project, **status)


PROJECTS = [
    {
        "titles": {
            "ar": "النقل المدرسي لتلاميذ الدواوير البعيدة",
            "fr": "Transport scolaire des douars éloignés",
            "en": SCHOOL_TRANSPORT,
        },
        "summaries": {
            "ar": "توسيع أسطول الحافلات المدرسية بشراكة مع المبادرة الوطنية للتنمية البشرية وجمعيات محلية تتولى التسيير.",
            "fr": "Élargir la flotte de bus scolaires avec l'INDH, l'exploitation étant confiée à des associations locales.",
        },
        "stories": {
            "ar": "صار أطفال الدواوير الجبلية يركبون الحافلة صباحًا بدل المشي ساعة إلى المدرسة.",
            "fr": "Les enfants des douars de montagne prennent le bus le matin au lieu de marcher une heure.",
        },
        "themes": ["transport", "education", "sdg-4"],
        "places": ["aourir"],
        "ago": 2,
        "years": 4,
        "experiences": ["demo-aourir-school-transport"],
        "partners": [("indh", "funder"), ("souss-green", "implementer")],
        "budget": [
            ("equipment", {"fr": "Six minibus"}, 270_000_000),
            ("staff", {"fr": "Chauffeurs et accompagnateurs"}, 84_000_000),
            ("other", {"fr": "Carburant et entretien"}, 46_000_000),
        ],
        "funding": [
            ("indh", "ministry", 240_000_000, 180_000_000, False),
            ("aourir", "members", 120_000_000, 90_000_000, False),
            ("souss-green", "other", 20_000_000, 10_000_000, True),
        ],
        "spent": [("equipment", 180_000_000, 4, "Quatre minibus livrés")],
        "indicators": [
            (
                {"ar": "تلاميذ منقولون يوميًا", "fr": "Élèves transportés chaque jour"},
                "élèves",
                0,
                420,
                [(6, 180, "Registres des associations"), (18, 310, "Registres des associations")],
            ),
            (
                {"ar": "نسبة الانقطاع عن الدراسة", "fr": "Taux d'abandon scolaire"},
                "%",
                14,
                6,
                [(12, 11, "Direction provinciale de l'éducation")],
            ),
        ],
        "milestones": [
            ({"fr": "Convention signée avec l'INDH"}, 1, True),
            ({"fr": "Quatre premiers minibus en service"}, 5, True),
            ({"fr": "Flotte complète de six minibus"}, 30, False),
        ],
        "issues": [
            ("challenge", "money", "Le coût du carburant dépasse la ligne prévue.", "aourir"),
            (
                "risk",
                "coordination",
                "Horaires différents entre écoles et associations.",
                "souss-green",
            ),
        ],
    },
    {
        "titles": {
            "ar": "تأهيل ملعب تمراغت",
            "fr": "Réhabilitation du stade de Tamraght",
            "en": "Rehabilitating the Tamraght stadium",
        },
        "summaries": {
            "fr": "Un terrain en gazon synthétique, des vestiaires et l'éclairage, avec le club sportif de Tamraght.",
        },
        "themes": ["sport-culture", "sdg-3"],
        "places": ["aourir"],
        "ago": 1,
        "years": 2,
        "experiences": [],
        "partners": [("tamraght-club", "partner"), ("ma-interior", "funder")],
        "budget": [
            ("works", {"fr": "Terrain et vestiaires"}, 380_000_000),
            ("equipment", {"fr": "Éclairage"}, 60_000_000),
        ],
        "funding": [
            ("ma-interior", "ministry", 250_000_000, 125_000_000, False),
            ("aourir", "members", 150_000_000, 150_000_000, False),
            ("tamraght-club", "other", 10_000_000, 0, True),
        ],
        "spent": [("works", 210_000_000, 6, "Terrassement et pelouse")],
        "indicators": [
            (
                {"ar": "ساعات استعمال أسبوعية", "fr": "Heures d'utilisation par semaine"},
                "h",
                6,
                40,
                [(10, 22, "Planning du club")],
            ),
        ],
        "milestones": [
            ({"fr": "Marché de travaux attribué"}, 3, True),
            ({"fr": "Inauguration"}, 20, False),
        ],
        "issues": [
            (
                "challenge",
                "capacity",
                "Pas d'ingénieur communal pour suivre le chantier.",
                "aourir",
            ),
        ],
    },
    {
        "titles": {
            "ar": "حملات النظافة بالشواطئ والأحياء",
            "fr": "Campagnes de propreté des plages et des quartiers",
            "en": "Cleanliness campaigns on beaches and in neighbourhoods",
        },
        "summaries": {
            "fr": "Des campagnes mensuelles avec les associations, les écoles et l'entreprise de collecte.",
        },
        "themes": ["waste-collection", "environment", "sdg-11"],
        "places": ["aourir", "taghazout"],
        "ago": 1,
        "years": 3,
        "experiences": ["demo-aourir-cleanliness"],
        "partners": [
            ("souss-green", "implementer"),
            ("agadir-clean", "partner"),
            ("taghazout", "partner"),
        ],
        "budget": [
            ("communication", {"fr": "Affiches et radio locale"}, 8_000_000),
            ("equipment", {"fr": "Bacs et gants"}, 22_000_000),
        ],
        "funding": [
            ("aourir", "members", 15_000_000, 15_000_000, False),
            ("taghazout", "members", 5_000_000, 5_000_000, False),
            ("agadir-clean", "private", 10_000_000, 10_000_000, True),
        ],
        "indicators": [
            (
                {"ar": "أطنان النفايات المجمعة", "fr": "Tonnes de déchets ramassées"},
                "t",
                0,
                60,
                [(3, 14, "Bons de pesée"), (9, 41, "Bons de pesée")],
            ),
        ],
        "milestones": [({"fr": "Première campagne de plage"}, 1, True)],
        "issues": [
            (
                "challenge",
                "communication",
                "Les habitants ne connaissent pas les dates.",
                "souss-green",
            ),
        ],
    },
    {
        "titles": {
            "ar": "مهرجان تغازوت الصيفي",
            "fr": "Festival d'été de Taghazout",
            "en": "Taghazout summer festival",
        },
        "summaries": {
            "fr": "Un festival qui fait vivre le littoral hors saison de surf, monté avec Taghazout et les associations.",
        },
        "themes": ["tourism", "sport-culture", "sdg-8"],
        "places": ["taghazout", "aourir"],
        "ago": 1,
        "years": 1,
        "experiences": ["demo-taghazout-festival"],
        "partners": [("taghazout", "partner"), ("tamraght-club", "implementer"), ("giz", "funder")],
        "budget": [
            ("services", {"fr": "Scène et sonorisation"}, 30_000_000),
            ("communication", {"fr": "Promotion"}, 12_000_000),
        ],
        "funding": [
            ("giz", "donor", 20_000_000, 20_000_000, False),
            ("aourir", "members", 12_000_000, 12_000_000, False),
            ("taghazout", "members", 10_000_000, 10_000_000, False),
        ],
        "spent": [("services", 29_500_000, 8, "Scène, son et sécurité")],
        "indicators": [
            (
                {"ar": "عدد الزوار", "fr": "Visiteurs"},
                "personnes",
                0,
                15000,
                [(9, 17200, "Comptage aux entrées")],
            ),
        ],
        "milestones": [({"fr": "Édition tenue"}, 9, True)],
        "issues": [],
        "status": {"status": "completed", "reason": "L'édition a eu lieu ; le bilan est publié."},
    },
]


# The Galilee cluster: services run for its member authorities, funded by them and by the
# ministries, and the purchasing power of buying together.
GALILEE = [
    "nazareth",
    "nof-hagalil",
    "afula",
    "migdal-haemek",
    "yafa-an-naseriyye",
    "kafr-kanna",
    "iksal",
    "daburiyya",
    "ramat-yishai",
    "emek-yizrael",
    "gilboa",
    "bustan-al-marj",
]
SERVICES = [
    (
        "galilee-waste-collection",
        "population",
        {"ar": "جمع النفايات المشترك", "he": "איסוף פסולת משותף", "en": "Joint waste collection"},
        {
            "he": "משאיות ומסלולים משותפים לכל הרשויות באשכול.",
            "en": "Shared trucks and routes for every authority of the cluster.",
        },
        {"en": "Each street served twice a week; complaints answered within 48 hours."},
        ["waste-collection"],
        GALILEE,
        6_400_000_00,
    ),
    (
        "galilee-engineering-office",
        "equal",
        {
            "ar": "مكتب الهندسة الإقليمي",
            "he": "משרד הנדסה אזורי",
            "en": "Regional engineering office",
        },
        {"en": "Engineers and planners the small councils could not hire alone."},
        {"en": "A building permit file is reviewed within 30 days."},
        ["planning-projects"],
        ["yafa-an-naseriyye", "kafr-kanna", "iksal", "daburiyya", "bustan-al-marj"],
        1_800_000_00,
    ),
    (
        "galilee-gis",
        "use",
        {"ar": "وحدة نظم المعلومات الجغرافية", "he": "יחידת GIS", "en": "GIS unit"},
        {"en": "Maps, cadastre layers and spatial analysis for planning departments."},
        {},
        ["planning-gis"],
        ["nazareth", "afula", "nof-hagalil", "migdal-haemek", "emek-yizrael"],
        900_000_00,
    ),
]


def load_galilee(*, people: dict) -> None:
    """The cluster's shared services (three formulas), this year's contributions with some
    paid, and a joint tender collecting quantities from several authorities."""
    if SharedService.objects.filter(slug="galilee-waste-collection").exists():
        return
    secretariat = people["secretariat@demo.tashbeek.org"]
    orgs = {
        o.website.rsplit("/", 1)[-1]: o
        for o in Organisation.objects.filter(website__startswith="https://demo.tashbeek.org/")
    }
    cluster = orgs["galilee-cluster"]
    year = timezone.localdate().year
    for slug, formula, names, texts, levels, themes, members, cost in SERVICES:
        service = services.service_save(
            by=secretariat,
            operator=cluster,
            data={
                "slug": slug,
                "names": names,
                "texts": texts,
                "service_levels": levels,
                "formula": formula,
                "currency": "ILS",
                "use_unit": "h" if formula == "use" else "",
                "themes": list(Theme.objects.filter(slug__in=themes)),
            },
        )
        for i, key in enumerate(members):
            services.participation_join(
                by=secretariat,
                service=service,
                organisation=orgs[key],
                joined_on=datetime.date(2020 + i % 4, 1, 1),
            )
            if formula == "use":
                services.usage_record(
                    by=secretariat,
                    service=service,
                    organisation=orgs[key],
                    year=year,
                    units=120 + 35 * i,
                )
        rows = services.contributions_compute(
            by=secretariat,
            service=service,
            year=year,
            total_minor=cost,
            due_on=datetime.date(year, 3, 31),
        )
        for row in rows[::2]:
            services.contribution_pay(
                by=secretariat, contribution=row, amount_minor=row.amount_minor
            )
    waste = SharedService.objects.get(slug="galilee-waste-collection")
    indicator = services.indicator_save(
        by=secretariat,
        service=waste,
        data={
            "names": {"en": "Waste recycled", "he": "פסולת שמוחזרה"},
            "unit": "%",
            "baseline": 12,
            "target": 35,
        },
    )
    services.measurement_record(
        by=secretariat,
        indicator=indicator,
        data={
            "measured_on": datetime.date(year, 6, 30),
            "value": 21,
            "evidence": "Weighbridge reports",
        },
    )
    tender = services.tender_open(
        by=secretariat,
        lead=cluster,
        participants=[orgs[k] for k in GALILEE[:8]],
        data={
            "titles": {
                "ar": "مناقصة موحدة للحاويات والإنارة",
                "he": "מכרז משותף למכלים ולתאורה",
                "en": "Joint tender for bins and street lighting",
            },
            "texts": {"en": "Buying together for the cluster's authorities lowers the unit price."},
            "currency": "ILS",
            "time_zone": "Asia/Jerusalem",
            "demand_deadline": timezone.now() + datetime.timedelta(days=21),
        },
        lots=[
            {
                "titles": {"en": "Waste bins", "he": "מכלי אשפה"},
                "items": [
                    {"titles": {"en": "240 l bin"}, "unit": "bin", "unit_estimate_minor": 180_00},
                    {
                        "titles": {"en": "1,100 l container"},
                        "unit": "container",
                        "unit_estimate_minor": 1_400_00,
                    },
                ],
            },
            {
                "titles": {"en": "LED street lights", "he": "תאורת רחוב LED"},
                "items": [
                    {
                        "titles": {"en": "LED luminaire 60 W"},
                        "unit": "luminaire",
                        "unit_estimate_minor": 950_00,
                    }
                ],
            },
        ],
    )
    # The demo's authorities have no staff accounts of their own: their declarations are
    # written as the loader writes the directory (each through the same unique row).
    items = list(Item.objects.filter(lot__tender=tender).order_by("id"))
    for i, key in enumerate(GALILEE[:6]):
        for item, base in zip(items, (400, 25, 120), strict=True):
            Demand.objects.create(item=item, organisation=orgs[key], quantity=base + 37 * i)
