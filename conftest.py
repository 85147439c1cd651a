"""Shared fixtures: named personas (ARCHITECTURE §7) and factories."""

import os

import pytest
from django.contrib.auth.models import Group

from tashbeek.core.pdf import one_page_pdf
from tashbeek.members.models import Affiliation, Organisation
from tashbeek.tests.factories import OrganisationFactory, UserFactory

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    from tashbeek.members.selectors import directory

    cache.clear()
    directory.forget()


@pytest.fixture
def aourir(db) -> Organisation:
    return OrganisationFactory(
        names={"ar": "جماعة أورير", "fr": "Commune d'Aourir"},
        kind="rural_commune",
        country="MA",
        population=35000,
    )


@pytest.fixture
def other_member(db) -> Organisation:
    return OrganisationFactory(
        names={"ar": "بلدية نابلس", "en": "Nablus Municipality"}, country="PS"
    )


def _person(email, groups=(), affiliation=None):
    user = UserFactory(email=email)
    for name in groups:
        # get_or_create: a transactional test's flush removes what the data migration made.
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    if affiliation:
        Affiliation.objects.create(user=user, organisation=affiliation[0], role=affiliation[1])
    return user


@pytest.fixture
def secretariat(db):
    return _person("secretariat@example.org", groups=["secretariat"])


@pytest.fixture
def committee_member(db):
    return _person("committee@example.org", groups=["steering_committee"])


@pytest.fixture
def focal_aourir(aourir):
    return _person("focal@aourir.example.org", affiliation=(aourir, "focal"))


@pytest.fixture
def staff_aourir(aourir):
    return _person("staff@aourir.example.org", affiliation=(aourir, "staff"))


@pytest.fixture
def staff_other_member(other_member):
    return _person("staff@nablus.example.org", affiliation=(other_member, "staff"))


@pytest.fixture
def resident(db):
    return _person("resident@example.org")


@pytest.fixture(scope="module")
def browser():
    """One headless system Chromium per test module."""
    from playwright.sync_api import sync_playwright

    from tashbeek.tests.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def immediate_on_commit(monkeypatch):
    """Run on-commit hooks (e-mails) at once: tests run inside a transaction that never
    commits, and a multi-step flow wants to read the outbox between steps."""
    monkeypatch.setattr(
        "django.db.transaction.on_commit", lambda func, using=None, robust=False: func()
    )


@pytest.fixture
def applicant(db):
    """A person applying for their authority (Tiznit), not yet part of any organisation."""
    return _person("applicant@tiznit.example.org")


# The smallest well-formed PDF a council resolution could be.
MINIMAL_PDF = one_page_pdf("Council resolution")  # parsed like any upload


def pdf_upload(name="resolution.pdf", content=MINIMAL_PDF):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def draft_application(applicant):
    from tashbeek.members import services

    application = services.application_start(applicant=applicant)
    return services.application_save(
        application=application,
        by=applicant,
        data={
            "names": {"ar": "جماعة تيزنيت", "fr": "Commune de Tiznit"},
            "kind": "urban_commune",
            "country": "MA",
            "population": 74699,
            "population_year": 2024,
            "focal_title": "مسؤول التعاون",
            "motivation": "نريد تبادل التجارب في تدبير النفايات.",
        },
    )


@pytest.fixture
def submitted_application(draft_application, applicant):
    from tashbeek.members import services

    services.application_document_add(
        application=draft_application, by=applicant, upload=pdf_upload()
    )
    return services.application_submit(
        application=draft_application, by=applicant, declaration=True
    )


@pytest.fixture
def schedule(secretariat):
    """2026 dues: 0.50 MAD per inhabitant (50 centimes), at least 1,000 MAD, at most 50,000."""
    import datetime
    from decimal import Decimal

    from tashbeek.members import services

    return services.schedule_save(
        by=secretariat,
        data={
            "year": 2026,
            "currency": "MAD",
            "method": "per_inhabitant",
            "rate_per_inhabitant": Decimal(50),
            "floor_minor": 100_000,
            "cap_minor": 5_000_000,
            "due_on": datetime.date(2026, 3, 31),
        },
        bands=[],
        reductions=[],
    )


@pytest.fixture
def due(schedule, aourir, secretariat):
    from tashbeek.members import services

    services.dues_generate(schedule=schedule, by=secretariat)
    return aourir.dues.get()


@pytest.fixture
def coordinator(other_member):
    """Coordinator of the public-relations platform (a staff member of Nablus)."""
    return _person("coordinator@nablus.example.org", affiliation=(other_member, "staff"))


@pytest.fixture
def community(coordinator, staff_aourir):
    """The public-relations platform: the coordinator, and Aourir's staff member in it."""
    from tashbeek.communities.models import Community, CommunityMembership

    platform = Community.objects.create(
        slug="public-relations",
        names={"ar": "منصة العلاقات العامة", "fr": "Plateforme relations publiques"},
        join_policy="request",
    )
    CommunityMembership.objects.create(community=platform, user=coordinator, role="coordinator")
    CommunityMembership.objects.create(community=platform, user=staff_aourir, role="member")
    return platform


@pytest.fixture
def event(community, coordinator):
    """A workshop of the platform next month, two seats."""
    import datetime

    from django.utils import timezone

    from tashbeek.events import services

    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)
    return services.event_save(
        by=coordinator,
        data={
            "titles": {"ar": "ورشة التواصل مع السكان", "fr": "Atelier communication"},
            "kind": "workshop",
            "community": community,
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=3),
            "time_zone": "Africa/Tunis",
            "mode": "online",
            "online_url": "https://meet.example.org/secret-room",
            "capacity": 2,
        },
    )


@pytest.fixture
def registration(event, staff_aourir):
    from tashbeek.events import services

    return services.registration_create(event=event, user=staff_aourir)


PERSONAS = [
    "visitor",
    "resident",
    "applicant",
    "coordinator",
    "staff_other_member",
    "staff_aourir",
    "focal_aourir",
    "committee_member",
    "secretariat",
]


@pytest.fixture
def persona(request):
    """Resolve a persona name to a user (None for the visitor)."""

    def get(name):
        return None if name == "visitor" else request.getfixturevalue(name)

    return get


def png_bytes(size=(4, 4), colour=(11, 93, 75)) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def png_upload(name="photo.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


@pytest.fixture
def library_document(community, staff_aourir, coordinator):
    """A published document of the public-relations platform for the community only,
    written by Aourir's staff member."""
    from tashbeek.library import services

    document = services.document_create(
        by=staff_aourir,
        data={
            "kind": "guide",
            "titles": {"ar": "دليل الاتصال", "en": "Communication guide"},
            "summaries": {"en": "For the platform's members."},
            "community": community,
            "visibility": "community",
        },
        upload=pdf_upload("guide.pdf"),
    )
    for action in ("submit", "adopt", "publish"):
        document = services.document_transition(by=coordinator, document=document, action=action)
    return document


EXPERIENCE_TEXT = {
    "language": "fr",
    "title": "Transport scolaire pour les douars éloignés",
    "summary": "Des bus scolaires gérés avec les associations.",
    "problem": "Les élèves marchaient des heures.",
    "solution": "Des bus financés avec un partenaire national.",
    "results": "Trois lignes régulières.",
}


@pytest.fixture
def draft_experience(aourir, focal_aourir, community):
    """Aourir's draft experience, linked to the public-relations platform."""
    from tashbeek.experiences import services

    return services.experience_save(
        by=focal_aourir,
        data={
            **EXPERIENCE_TEXT,
            "organisation": aourir,
            "contact": focal_aourir,
            "communities": [community],
        },
    )


@pytest.fixture
def experience(draft_experience, focal_aourir, coordinator):
    """The same experience, reviewed by the platform's coordinator and published, with a photo."""
    from tashbeek.experiences import services

    services.experience_submit(by=focal_aourir, experience=draft_experience)
    review = services.experience_review(
        by=coordinator, experience=draft_experience, decision="publish"
    )
    services.file_add(
        by=focal_aourir, experience=review.experience, upload=png_upload(), caption="Bus"
    )
    return review.experience


@pytest.fixture
def thread(community, coordinator, staff_aourir):
    """A discussion of the platform opened by the coordinator, with a reply by Aourir."""
    from tashbeek.discussions import services

    started = services.thread_start(
        by=coordinator, community=community, title="Publishing council decisions", body="How?"
    )
    services.post_reply(by=staff_aourir, thread=started, body="Notice boards in each district.")
    return started


@pytest.fixture
def plan_item(community, coordinator):
    from tashbeek.workplans import services

    return services.plan_item_save(
        by=coordinator,
        community=community,
        data={"year": 2026, "activity": "Crisis communication guide", "status": "in_progress"},
    )


NEED_TEXT = {
    "title": "Transport scolaire pour les douars éloignés",
    "description": "Les élèves de nos douars marchent plus d'une heure jusqu'à l'école. "
    "Nous cherchons comment organiser un bus scolaire avec les associations.",
    "language": "fr",
}


@pytest.fixture
def need(aourir, staff_aourir):
    """A members-only need of Aourir, posted by its staff member."""
    from tashbeek.needs import services

    return services.need_save(by=staff_aourir, data={"organisation": aourir, **NEED_TEXT})


@pytest.fixture
def offer(aourir, focal_aourir):
    """Aourir's offer of expertise (public)."""
    from tashbeek.needs import services

    return services.offer_save(
        by=focal_aourir,
        data={
            "organisation": aourir,
            "title": "Convention type pour le transport scolaire",
            "description": "Nous partageons notre convention avec les associations.",
        },
    )


@pytest.fixture(autouse=True)
def _fresh_vector_indexes():
    """The in-memory embedding matrices and term statistics must not outlive a test's
    rolled-back rows."""
    from tashbeek.search import termstats, vectors

    vectors.forget_indexes()
    termstats.forget()
    yield
    vectors.forget_indexes()
    termstats.forget()


@pytest.fixture
def governance(aourir, focal_aourir, secretariat):
    """The steering committee with Aourir on a seat, a convened meeting with an item put to
    decision and an action for Aourir, a members-only decision and an open network ballot."""
    import datetime

    from django.utils import timezone

    from tashbeek.governance import services as g
    from tashbeek.governance.tests.conftest import convene

    body = g.body_save(
        by=secretariat,
        data={"slug": "steering", "names": {"ar": "لجنة التسيير"}, "kind": "steering"},
    )
    start = timezone.localdate() - datetime.timedelta(days=30)
    g.seat_assign(
        by=secretariat,
        body=body,
        data={
            "organisation": aourir,
            "person": focal_aourir,
            "starts_on": start,
            "filled_by": "election",
        },
    )
    begins = timezone.now() + datetime.timedelta(days=5)
    meeting = convene(
        body, secretariat, starts_at=begins, ends_at=begins + datetime.timedelta(hours=2)
    )
    item = g.agenda_item_save(
        by=secretariat, meeting=meeting, data={"kind": "decision", "titles": {"ar": "خطة العمل"}}
    )
    action = g.action_item_save(
        by=secretariat,
        meeting=meeting,
        data={"texts": {"ar": "إرسال التقرير"}, "owner_organisation": aourir, "due_on": start},
    )
    decision = g.decision_create(
        by=secretariat,
        data={
            "body": body,
            "decided_on": start,
            "titles": {"ar": "قرار داخلي"},
            "visibility": "members",
        },
    )
    now = timezone.now()
    ballot = g.ballot_create(
        by=secretariat,
        data={
            "kind": "motion",
            "titles": {"ar": "تعديل الميثاق"},
            "opens_at": now - datetime.timedelta(minutes=5),
            "closes_at": now + datetime.timedelta(days=5),
        },
    )
    ballot = g.ballot_open(by=secretariat, ballot=ballot)
    plan_item = g.plan_item_save(
        by=secretariat, body=body, data={"year": 2027, "titles": {"ar": "النقل المدرسي"}}
    )
    paper = g.paper_upload(
        by=secretariat, item=item, upload=pdf_upload("budget.pdf"), titles={"ar": "مشروع الميزانية"}
    )
    return {
        "paper": paper,
        "plan_item": plan_item,
        "body": body,
        "meeting": meeting,
        "item": item,
        "action": action,
        "decision": decision,
        "ballot": ballot,
    }


@pytest.fixture
def cooperation(aourir, other_member, focal_aourir, secretariat):
    """A twinning Aourir declared with Nablus (awaiting Nablus's confirmation), and a public
    joint project led by Aourir with Nablus as partner, one budget line, one funding source,
    one indicator and one open risk."""
    import datetime

    from django.utils import timezone

    from tashbeek.cooperation import services as c

    agreement = c.agreement_declare(
        by=focal_aourir,
        declared_by=aourir,
        parties=[other_member],
        data={"kind": "twinning", "titles": {"fr": "Jumelage Aourir–Naplouse"}},
    )
    project = c.project_save(
        by=focal_aourir,
        lead=aourir,
        data={"titles": {"ar": "النقل المدرسي", "fr": "Transport scolaire"}, "public": True},
    )
    c.project_partner_set(
        by=focal_aourir, project=project, organisation=other_member, role="partner"
    )
    line = c.budget_line_save(
        by=focal_aourir,
        project=project,
        data={"category": "equipment", "currency": "MAD", "amount_minor": 90_000_000},
    )
    c.funding_save(
        by=focal_aourir,
        project=project,
        data={
            "funder": aourir,
            "source": "members",
            "currency": "MAD",
            "pledged_minor": 30_000_000,
        },
    )
    indicator = c.indicator_save(
        by=focal_aourir,
        project=project,
        data={
            "names": {"fr": "Élèves transportés"},
            "unit": "élèves",
            "baseline": 0,
            "target": 400,
        },
    )
    issue = c.issue_raise(
        by=focal_aourir,
        project=project,
        data={"kind": "risk", "area": "money", "text": "Fuel costs", "owner": aourir},
    )
    c.measurement_record(
        by=focal_aourir,
        indicator=indicator,
        data={"measured_on": datetime.date(2026, 10, 1), "value": 100, "evidence": "Registers"},
    )
    service = c.service_save(
        by=focal_aourir,
        operator=aourir,
        data={
            "slug": "shared-collection",
            "names": {"ar": "الجمع المشترك"},
            "formula": "equal",
            "currency": "MAD",
        },
    )
    for org in (aourir, other_member):
        c.participation_join(
            by=focal_aourir, service=service, organisation=org, joined_on=datetime.date(2026, 1, 1)
        )
    contribution = c.contributions_compute(
        by=focal_aourir,
        service=service,
        year=2026,
        total_minor=100_000,
        due_on=datetime.date(2026, 6, 30),
    )[0]
    tender = c.tender_open(
        by=focal_aourir,
        lead=aourir,
        participants=[other_member],
        data={
            "titles": {"fr": "Achat groupé de bacs"},
            "currency": "MAD",
            "demand_deadline": timezone.now() + datetime.timedelta(days=7),
        },
        lots=[{"titles": {"fr": "Bacs"}, "items": [{"titles": {"fr": "Bac"}, "unit": "u"}]}],
    )
    attachment = c.attachment_add(
        by=focal_aourir,
        organisation=aourir,
        upload=pdf_upload("rapport.pdf"),
        titles={"fr": "Rapport d'étape"},
        public=False,
        project=project,
    )
    return {
        "attachment": attachment,
        "service": service,
        "contribution": contribution,
        "tender": tender,
        "agreement": agreement,
        "project": project,
        "line": line,
        "indicator": indicator,
        "issue": issue,
    }
