"""The demo's governance, after the network's charter: a steering committee of six member
municipalities elected by their peers (two terms ending soon), three thematic committees
carried by their communities, four quarterly meetings with agenda, attendance, decisions,
approved minutes and action items, one convened meeting to come, a closed ballot with its
result and an election open for votes. Idempotent: loaded once, with the steering committee."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tashbeek.communities.models import Community
from tashbeek.core.models import ChangeCounter, Theme
from tashbeek.core.pdf import one_page_pdf
from tashbeek.events.models import Event
from tashbeek.experiences.models import Experience
from tashbeek.members.models import MembershipDecision, Organisation
from tashbeek.workplans.models import WorkPlanItem

from . import services
from .backfill import register_missing
from .models import Ballot, Body, Decision, PlanItem

STEERING = ["aourir", "nablus", "sfax", "irbid", "byblos", "nazareth"]
ENDING_SOON = {"irbid": 25, "byblos": 40}  # days left of their terms
THEMATIC = [
    ("committee-environment", "environment-committee", ["kafr-kanna", "hebron", "aourir"]),
    ("committee-services", "services-committee", ["nablus", "jenin", "meknes"]),
    ("committee-economy", "economy-committee", ["sfax", "byblos", "beni-mellal"]),
]
MEETINGS = [
    (
        {
            "ar": "اعتماد خطة العمل السنوية للشبكة",
            "fr": "Adoption du plan de travail annuel",
            "en": "Adopting the network's annual work plan",
        },
        {
            "ar": "إعداد جدول الورشات الفصلية",
            "fr": "Préparer le calendrier des ateliers trimestriels",
            "en": "Prepare the quarterly workshop calendar",
        },
    ),
    (
        {
            "ar": "إطلاق نداء التوأمة بين البلديات",
            "fr": "Lancement de l'appel au jumelage entre communes",
            "en": "Launching the call for twinning between municipalities",
        },
        {
            "ar": "نشر نداء التوأمة لدى جميع الأعضاء",
            "fr": "Diffuser l'appel au jumelage à tous les membres",
            "en": "Send the twinning call to every member",
        },
    ),
    (
        {
            "ar": "المصادقة على الحسابات السنوية",
            "fr": "Approbation des comptes annuels",
            "en": "Approving the annual accounts",
        },
        {
            "ar": "نشر التقرير المالي للأعضاء",
            "fr": "Publier le rapport financier aux membres",
            "en": "Publish the financial report to members",
        },
    ),
    (
        {
            "ar": "جدول الاشتراكات لسنة 2027 حسب عدد السكان",
            "fr": "Barème des cotisations 2027 selon la population",
            "en": "The 2027 dues schedule by population",
        },
        {
            "ar": "مراسلة الأعضاء المتأخرين في الأداء",
            "fr": "Écrire aux membres en retard de paiement",
            "en": "Write to members late with their dues",
        },
    ),
]


def load(*, people: dict) -> None:
    if Body.objects.filter(slug="steering-committee").exists():
        return
    secretariat = people["secretariat@demo.tashbeek.org"]
    orgs = {
        o.website.rsplit("/", 1)[-1]: o
        for o in Organisation.objects.filter(website__startswith="https://demo.tashbeek.org/")
    }
    focal = {
        a.organisation_id: a.user
        for o in orgs.values()
        for a in o.affiliations.filter(role="focal")
    }
    steering = _steering(secretariat, orgs, focal, people)
    _thematic(secretariat, orgs, focal)
    _assembly(secretariat)
    held = _meetings(secretariat, steering, orgs)
    _closed_ballot(secretariat, steering, orgs, focal)
    _election(secretariat, steering, orgs, focal)
    _plan(secretariat, steering, orgs)
    # The demo's suspension was written directly (members.demo_lifecycle): register it too.
    register_missing(
        membership_model=MembershipDecision,
        decision_model=Decision,
        body_model=Body,
        counter_model=ChangeCounter,
    )
    # Those older decisions cite the committee's first meeting of the year by free text; the
    # demo's register links them to the meeting, as a decision recorded today would be.
    Decision.objects.filter(
        source=Decision.Source.MEMBERSHIP,
        membership_decision__meeting_reference__startswith="Steering committee 2026/1",
    ).update(meeting=held[0])


def _steering(secretariat, orgs, focal, people) -> Body:
    body = services.body_save(
        by=secretariat,
        data={
            "slug": "steering-committee",
            "names": {
                "ar": "لجنة التسيير الإقليمية",
                "fr": "Comité de pilotage régional",
                "en": "Regional steering committee",
                "he": "ועדת ההיגוי האזורית",
            },
            "mandates": {
                "ar": "ست بلديات أعضاء ينتخبها نظراؤها: تجتمع كل ثلاثة أشهر على الأقل، تعدّ خطة العمل السنوية وتصادق عليها، وتبتّ في العضوية بقرارات معلّلة، وتنشر المحاضر وخطط العمل للأعضاء.",
                "en": "Six member municipalities elected by their peers: meets at least every three months, prepares and approves the annual work plan, decides on membership with written reasons, and publishes minutes and work plans to members.",
                "fr": "Six communes membres élues par leurs pairs : se réunit au moins tous les trois mois, prépare et approuve le plan de travail annuel, statue sur les adhésions par décisions motivées et publie procès-verbaux et plans de travail aux membres.",
            },
            "kind": Body.Kind.STEERING,
            "seats": 6,
            "term_months": 24,
            "chairs": [people["committee@demo.tashbeek.org"]],
        },
    )
    today = timezone.localdate()
    for key in STEERING:
        organisation = orgs[key]
        if key in ENDING_SOON:
            ends = today + datetime.timedelta(days=ENDING_SOON[key])
            starts = ends - datetime.timedelta(days=729)
        else:
            starts, ends = today - datetime.timedelta(days=400), None
        services.seat_assign(
            by=secretariat,
            body=body,
            data={
                "organisation": organisation,
                "person": focal.get(organisation.pk),
                "starts_on": starts,
                "ends_on": ends,
                "filled_by": "election",
            },
        )
    return body


def _thematic(secretariat, orgs, focal) -> None:
    today = timezone.localdate()
    for community_slug, slug, members in THEMATIC:
        community = Community.objects.filter(slug=community_slug).first()
        if community is None:
            continue
        body = services.body_save(
            by=secretariat,
            data={
                "slug": slug,
                "names": community.names,
                "mandates": community.purposes,
                "kind": Body.Kind.THEMATIC,
                "community": community,
                "seats": 5,
                "term_months": 36,
                "quorum": Body.Quorum.MORE_THAN_HALF,
                "meets_every_days": 183,
            },
        )
        for key in members:
            organisation = orgs[key]
            services.seat_assign(
                by=secretariat,
                body=body,
                data={
                    "organisation": organisation,
                    "person": focal.get(organisation.pk),
                    "starts_on": today - datetime.timedelta(days=200),
                    "filled_by": "appointment",
                },
            )


def _assembly(secretariat) -> None:
    """The general assembly: every member in good standing holds a seat by right."""
    services.body_save(
        by=secretariat,
        data={
            "slug": "general-assembly",
            "names": {"ar": "الجمعية العامة", "fr": "Assemblée générale", "en": "General assembly"},
            "mandates": {
                "ar": "تضم كل الأعضاء، لكل عضو صوت واحد؛ تنتخب لجنة التسيير وتصادق على الميثاق.",
                "fr": "Tous les membres, une voix chacun ; elle élit le comité de pilotage et "
                "adopte la charte.",
                "en": "All members, one vote each; it elects the steering committee and adopts "
                "the charter.",
            },
            "kind": Body.Kind.ASSEMBLY,
            "seats": 1,
            "term_months": 0,
            "meets_every_days": 365,
        },
    )


def _meetings(secretariat, body, orgs) -> list:
    """Four quarterly meetings held (returned, oldest first) and one to come."""
    now = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    held = []
    for i, (item_titles, action_texts) in enumerate(MEETINGS):
        start = now - datetime.timedelta(days=91 * (len(MEETINGS) - i))
        meeting = _convene(secretariat, body, start, online=i % 2 == 1)
        report = services.agenda_item_save(
            by=secretariat,
            meeting=meeting,
            data={
                "kind": "information",
                "titles": {
                    "ar": "تقرير الأمانة عن الفصل",
                    "en": "The secretariat's report on the quarter",
                    "fr": "Rapport du secrétariat sur le trimestre",
                },
            },
        )
        item = services.agenda_item_save(
            by=secretariat, meeting=meeting, data={"kind": "decision", "titles": item_titles}
        )
        seats = list(meeting.body.terms.all())
        absent = {seats[i % len(seats)].pk}
        statuses = {s.pk: ("excused" if s.pk in absent else "present") for s in seats}
        services.attendance_record(by=secretariat, meeting=meeting, statuses=statuses)
        services.item_decide(
            by=secretariat,
            item=item,
            data={
                "titles": item_titles,
                "visibility": "public",
                "tally": {"for": 5, "against": 0, "abstain": 0},
            },
        )
        services.minutes_save(
            by=secretariat,
            meeting=meeting,
            minutes={
                report.pk: (
                    "قدّمت الأمانة حصيلة الفصل: الورشات المنجزة، طلبات الانضمام، ووضعية الاشتراكات.",
                    False,
                ),
                item.pk: ("بعد النقاش، صادقت اللجنة على البند بإجماع الحاضرين.", True),
            },
        )
        services.action_item_save(
            by=secretariat,
            meeting=meeting,
            data={
                "agenda_item": item,
                "texts": action_texts,
                "owner_organisation": orgs[STEERING[i]],
                "due_on": start.date() + datetime.timedelta(days=60),
                "status": "done" if i < 3 else "open",
            },
        )
        services.minutes_circulate(by=secretariat, meeting=meeting)
        held.append(meeting)
    upcoming = _convene(secretariat, body, now + datetime.timedelta(days=18), online=False)
    plan_item = services.agenda_item_save(
        by=secretariat,
        meeting=upcoming,
        data={
            "kind": "decision",
            "titles": {
                "ar": "اعتماد خطة عمل 2027",
                "fr": "Adoption du plan de travail 2027",
                "en": "Adopting the 2027 work plan",
            },
        },
    )
    services.paper_upload(  # a draft for the body only, uploaded rather than published
        by=secretariat,
        item=plan_item,
        upload=SimpleUploadedFile(
            "draft-plan-2027.pdf", one_page_pdf("Draft work plan 2027"), "application/pdf"
        ),
        titles={"ar": "مشروع خطة عمل 2027", "en": "Draft work plan 2027"},
    )
    for earlier, later in zip(held, held[1:], strict=False):
        services.minutes_approve(
            by=secretariat, meeting=earlier, at_meeting=later, on=later.event.starts_at.date()
        )
        services.minutes_publish(by=secretariat, meeting=earlier)
    services.minutes_approve(by=secretariat, meeting=held[-1])  # by written procedure
    return held


def _convene(secretariat, body, start, *, online: bool):
    return services.meeting_convene(
        by=secretariat,
        body=body,
        data={
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=3),
            "time_zone": "Africa/Casablanca",
            "mode": "online" if online else "in_person",
            "venue": "" if online else "أكادير، مقر جماعة أورير",
            "online_url": "https://meet.example.org/steering" if online else "",
        },
    )


def _closed_ballot(secretariat, body, orgs, focal) -> None:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    ballot = services.ballot_create(
        by=secretariat,
        data={
            "body": body,
            "kind": "motion",
            "titles": {
                "ar": "إضافة لجنة موضوعاتية للتحول الرقمي",
                "fr": "Créer une commission thématique sur le numérique",
                "en": "Adding a thematic committee on digitalisation",
            },
            "texts": {
                "ar": "يقترح الميثاق لجاناً موضوعاتية؛ تقترح لجنة التسيير إضافة لجنة للتحول الرقمي.",
                "en": "The charter provides for thematic committees; the steering committee proposes one on digitalisation.",
            },
            "opens_at": now - datetime.timedelta(minutes=5),
            "closes_at": now + datetime.timedelta(hours=1),
            "quorum_percent": 50,
            "majority": Ballot.Majority.SIMPLE,
        },
    )
    services.ballot_open(by=secretariat, ballot=ballot)
    options = dict(ballot.options.values_list("meaning", "pk"))
    choices = ["for", "for", "against", "for", "abstain", "for"]
    voters = [orgs[key] for key in STEERING if focal.get(orgs[key].pk)]
    for organisation, meaning in zip(voters, choices, strict=False):
        services.vote_cast(
            by=focal[organisation.pk],
            ballot=ballot,
            organisation=organisation,
            option_ids=[options[meaning]],
        )
    # The demo's vote happened a month ago: move its window back, then count it.
    Ballot.objects.filter(pk=ballot.pk).update(
        opens_at=now - datetime.timedelta(days=40), closes_at=now - datetime.timedelta(days=30)
    )
    services.ballot_close(by=secretariat, ballot=ballot)


def _election(secretariat, body, orgs, focal) -> None:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    ballot = services.ballot_create(
        by=secretariat,
        data={
            "kind": "election",
            "seat_body": body,
            "titles": {
                "ar": "انتخاب عضوين في لجنة التسيير",
                "fr": "Élection de deux membres du comité de pilotage",
                "en": "Electing two members of the steering committee",
            },
            "opens_at": now - datetime.timedelta(hours=2),
            "closes_at": now + datetime.timedelta(days=10),
            "seats": 2,
            "quorum_percent": 30,
            "secret": True,
            "tie_rule": Ballot.TieRule.SENIORITY,
        },
    )
    services.nominations_open(by=secretariat, ballot=ballot)
    statements = {
        "byblos": {
            "ar": "نترشح لولاية ثانية لمواصلة العمل على التوأمة.",
            "fr": "Nous nous représentons pour poursuivre le travail sur le jumelage.",
        },
        "meknes": {
            "fr": "Meknès souhaite porter la voix des communes urbaines moyennes.",
            "ar": "تريد مكناس أن تحمل صوت الجماعات الحضرية المتوسطة.",
        },
        "hebron": {"ar": "نقترح خبرتنا في الخدمات المشتركة والمشتريات الموحدة."},
    }
    for key, text in statements.items():
        person = focal.get(orgs[key].pk) or secretariat
        if focal.get(orgs[key].pk):
            services.candidacy_submit(
                by=person, ballot=ballot, organisation=orgs[key], statements=text
            )
        else:  # a candidate without a focal person on the platform: the secretariat files it
            ballot.options.create(
                position=ballot.options.count(),
                meaning="candidate",
                organisation=orgs[key],
                statements=text,
            )
    services.ballot_open(by=secretariat, ballot=ballot)
    candidates = list(ballot.options.values_list("pk", flat=True))
    voters = [o for o in orgs.values() if o.membership_status == "active" and focal.get(o.pk)]
    for organisation in voters[:3]:
        services.vote_cast(
            by=focal[organisation.pk],
            ballot=ballot,
            organisation=organisation,
            option_ids=candidates[:2],
        )


PLAN = [
    (
        {
            "ar": "التحول الرقمي للخدمات البلدية",
            "fr": "Numérisation des services municipaux",
            "en": "Digital municipal services",
        },
        "sfax",
        "committee-economy",
        ["sdg-9", "sdg-11"],
        [("network", 1500000, "EUR", "ورشات وتكوين"), ("donor", 4000000, "EUR", "منصة مشتركة")],
    ),
    (
        {
            "ar": "النقل المدرسي في الجماعات القروية",
            "fr": "Transport scolaire dans les communes rurales",
            "en": "School transport in rural communes",
        },
        "aourir",
        "village-councils",
        ["sdg-4", "sdg-11"],
        [
            ("members", 800000, "MAD", "مساهمات الجماعات"),
            ("ministry", 2500000, "MAD", "المبادرة الوطنية للتنمية البشرية"),
        ],
    ),
    (
        {
            "ar": "تدبير النفايات الصلبة بين الجماعات",
            "fr": "Gestion intercommunale des déchets solides",
            "en": "Shared solid-waste management",
        },
        "nablus",
        "committee-environment",
        ["sdg-11", "sdg-12"],
        [("donor", 6000000, "EUR", "دراسة وتجهيز"), ("members", 1200000, "EUR", "حصة الأعضاء")],
    ),
    (
        {
            "ar": "التواصل مع السكان في الأزمات",
            "fr": "Communiquer avec les habitants en temps de crise",
            "en": "Talking to residents in a crisis",
        },
        "nazareth",
        "public-relations",
        ["sdg-16"],
        [("network", 500000, "EUR", "دليل وتكوين")],
    ),
]


def _plan(secretariat, body, orgs) -> None:
    """Next year's plan with its budget, and this year's topic whose progress rolls up from
    the public-relations platform's plan."""
    year = timezone.localdate().year + 1
    adopted = (
        Decision.objects.filter(body=body, source="resolution").order_by("-year", "-number").first()
    )
    for i, (titles, proposer, community_slug, sdgs, budget) in enumerate(PLAN):
        community = Community.objects.filter(slug=community_slug).first()
        item = services.plan_item_save(
            by=secretariat,
            body=body,
            data={
                "year": year,
                "titles": titles,
                "proposed_by": orgs[proposer],
                "community": community,
                "sdgs": list(Theme.objects.filter(slug__in=sdgs)),
                "activities": list(WorkPlanItem.objects.filter(community=community, year=year)),
                "budget": [
                    {
                        "source": source,
                        "amount_minor": amount,
                        "currency": currency,
                        "labels": {"ar": label},
                    }
                    for source, amount, currency, label in budget
                ],
            },
        )
        if adopted and i < 3:
            services.plan_item_decide(
                by=secretariat, item=item, status=PlanItem.Status.ADOPTED, decision=adopted
            )
    this_year = timezone.localdate().year
    community = Community.objects.filter(slug="public-relations").first()
    item = services.plan_item_save(
        by=secretariat,
        body=body,
        data={
            "year": this_year,
            "titles": {
                "ar": "تبادل الخبرات في الاتصال البلدي",
                "fr": "Échanges sur la communication municipale",
                "en": "Exchanges on municipal communication",
            },
            "proposed_by_body": body,
            "community": community,
            "sdgs": list(Theme.objects.filter(slug__in=["sdg-16", "sdg-17"])),
            "activities": list(WorkPlanItem.objects.filter(community=community, year=this_year)),
            # This year's workshops of the platform, and the experiences it published.
            "events": list(
                Event.objects.filter(
                    community=community, starts_at__year=this_year, status="published"
                ).exclude(kind="meeting")[:4]
            ),
            "experiences": list(
                Experience.objects.filter(communities=community, status="published")[:4]
            ),
            "budget": [
                {
                    "source": "network",
                    "amount_minor": 900000,
                    "currency": "EUR",
                    "labels": {"ar": "ورشات وزيارة تبادل"},
                }
            ],
        },
    )
    if adopted:
        services.plan_item_decide(
            by=secretariat, item=item, status=PlanItem.Status.ADOPTED, decision=adopted
        )
