"""Demo membership lifecycle: two applications waiting for the committee (one with a
question), the reasons behind the demo suspension, the 2026 fee schedule with its dues and
a few payments. Idempotent: each step looks for what it would create."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tashbeek.core.pdf import one_page_pdf

from . import services
from .models import Application, Due, FeeSchedule, MembershipDecision, Organisation, Payment

# A one-page PDF standing in for a scanned council resolution.
RESOLUTION_PDF = one_page_pdf("Council resolution")
APPLICANTS = [
    (
        "applicant.tiznit@demo.tashbeek.org",
        "Hassan Oubella",
        "ar",
        {
            "names": {"ar": "جماعة تيزنيت", "fr": "Commune de Tiznit"},
            "kind": "urban_commune",
            "country": "MA",
            "population": 74699,
            "population_year": 2024,
            "focal_title": "رئيس مصلحة الشراكة والتعاون",
            "motivation": "تريد الجماعة الاستفادة من تجارب الشبكة في النقل المدرسي وتدبير "
            "النفايات، وتقاسم تجربتها في تثمين التراث المعماري للمدينة العتيقة.",
        },
        None,
    ),
    (
        "applicant.byblos@demo.tashbeek.org",
        "Nour Khalil",
        "fr",
        {
            "names": {"ar": "بلدية جبيل", "fr": "Municipalité de Byblos"},
            "kind": "municipality",
            "country": "LB",
            "population": 40000,
            "population_year": 2019,
            "focal_title": "Chargée des relations extérieures",
            "motivation": "Échanger sur le tourisme patrimonial et la gestion des déchets "
            "côtiers avec les villes du réseau.",
        },
        "Le chiffre de population date de 2019 : avez-vous une estimation plus récente ?",
    ),
]


def load(*, secretariat, committee) -> None:
    _applications(committee)
    _suspension_reasons(committee)
    _dues(secretariat)


def _applications(committee) -> None:
    User = get_user_model()
    for email, name, language, data, question in APPLICANTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password="tashbeek-demo-2026",
                full_name=name,
                preferred_language=language,
                email_verified_at=timezone.now(),
            )
        if Application.objects.filter(applicant=user).exists():
            continue
        application = services.application_start(applicant=user)
        services.application_save(application=application, by=user, data=dict(data))
        services.application_document_add(
            application=application,
            by=user,
            upload=SimpleUploadedFile("resolution.pdf", RESOLUTION_PDF, "application/pdf"),
        )
        services.application_submit(application=application, by=user, declaration=True)
        if question:
            services.application_request_information(
                application=application, by=committee, question=question
            )


def _suspension_reasons(committee) -> None:
    for organisation in Organisation.objects.filter(membership_status="suspended"):
        if not organisation.decisions.exists():
            MembershipDecision.objects.create(
                kind=MembershipDecision.Kind.SUSPENDED,
                organisation=organisation,
                reasons="اشتراكات غير مدفوعة لسنتين متتاليتين، ولا منسّق منذ آخر انتخابات للمجلس؛ "
                "يُرفع التعليق حين تُسوّى المسألتان.",
                effective_on=datetime.date(2026, 2, 10),
                meeting_reference="Steering committee 2026/1, item 4",
                decided_by=committee,
            )


def _dues(secretariat) -> None:
    schedule = FeeSchedule.objects.filter(year=2026).first() or services.schedule_save(
        by=secretariat,
        data={
            "year": 2026,
            "currency": "EUR",
            "method": FeeSchedule.Method.PER_INHABITANT,
            "rate_per_inhabitant": Decimal(2),  # 2 cents per inhabitant
            "floor_minor": 10_000,
            "cap_minor": 500_000,
            "due_on": datetime.date(2026, 6, 30),
            "notes": "Voluntary contributions proportional to population, reduced for means.",
        },
        bands=[],
        reductions=[
            ("LB", "", Decimal("0.5")),
            ("PS", "", Decimal("0.5")),
            ("", "village_council", Decimal("0.5")),
        ],
    )
    services.dues_generate(schedule=schedule, by=secretariat)
    # The first six members by id, whatever their names became; what a user paid or waived
    # since is respected (only what is still owed is paid), so a second run never fails.
    dues = list(Due.objects.filter(schedule=schedule).order_by("organisation_id")[:6])
    for index, due in enumerate(dues):
        reference = f"DEMO-2026-{due.organisation_id}"
        if Payment.objects.filter(reference=reference).exists() or due.waived:
            continue
        amount = min(
            due.amount_minor if index % 2 == 0 else due.amount_minor // 2, due.balance_minor
        )
        if amount <= 0:
            continue
        services.payment_record(
            due=due,
            by=secretariat,
            amount_minor=amount,
            paid_on=datetime.date(2026, 5, 1 + index),
            reference=reference,
        )
