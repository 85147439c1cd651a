"""Factories for the cooperation models (see factories_more for the conventions)."""

import datetime

import factory
from django.utils import timezone

from tashbeek.cooperation.models import (
    Agreement,
    AgreementParty,
    Attachment,
    Award,
    BudgetLine,
    Contract,
    Contribution,
    Demand,
    Expense,
    Funding,
    Indicator,
    Item,
    Lot,
    Measurement,
    Milestone,
    Participation,
    Project,
    ProjectIssue,
    ProjectPartner,
    ProjectUpdate,
    SharedService,
    Tender,
    Usage,
)

from .factories import OrganisationFactory, UserFactory
from .factories_more import Model


class AgreementFactory(Model):
    class Meta:
        model = Agreement

    kind = Agreement.Kind.TWINNING
    titles = factory.Sequence(lambda n: {"fr": f"Jumelage {n}"})
    declared_by = factory.SubFactory(OrganisationFactory)


class AgreementPartyFactory(Model):
    class Meta:
        model = AgreementParty

    agreement = factory.SubFactory(AgreementFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class ProjectFactory(Model):
    class Meta:
        model = Project

    lead = factory.SubFactory(OrganisationFactory)
    titles = factory.Sequence(lambda n: {"ar": f"مشروع مشترك {n}"})


class ProjectPartnerFactory(Model):
    class Meta:
        model = ProjectPartner

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = ProjectPartner.Role.PARTNER


class MilestoneFactory(Model):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    titles = factory.LazyFunction(lambda: {"fr": "Convention signée"})
    due_on = factory.LazyFunction(timezone.localdate)


class ProjectIssueFactory(Model):
    class Meta:
        model = ProjectIssue

    project = factory.SubFactory(ProjectFactory)
    kind = ProjectIssue.Kind.RISK
    area = ProjectIssue.Area.MONEY
    text = "Fuel costs"
    owner = factory.SubFactory(OrganisationFactory)


class ProjectUpdateFactory(Model):
    class Meta:
        model = ProjectUpdate

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    text = "Buses ordered"


class BudgetLineFactory(Model):
    class Meta:
        model = BudgetLine

    project = factory.SubFactory(ProjectFactory)
    category = BudgetLine.Category.EQUIPMENT
    currency = "MAD"
    amount_minor = 90_000_000


class FundingFactory(Model):
    class Meta:
        model = Funding

    project = factory.SubFactory(ProjectFactory)
    funder = factory.SubFactory(OrganisationFactory)
    source = Funding.Source.MINISTRY
    currency = "MAD"
    pledged_minor = 30_000_000


class ExpenseFactory(Model):
    class Meta:
        model = Expense

    line = factory.SubFactory(BudgetLineFactory)
    amount_minor = 1_000_000
    spent_on = factory.LazyFunction(timezone.localdate)
    description = "Two buses"


class IndicatorFactory(Model):
    class Meta:
        model = Indicator

    project = factory.SubFactory(ProjectFactory)
    names = factory.LazyFunction(lambda: {"fr": "Élèves transportés"})
    unit = "élèves"
    baseline = 0
    target = 400


class MeasurementFactory(Model):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    measured_on = factory.LazyFunction(timezone.localdate)
    value = 100
    evidence = "Registers"


class SharedServiceFactory(Model):
    class Meta:
        model = SharedService

    slug = factory.Sequence(lambda n: f"service-{n}")
    names = factory.LazyFunction(lambda: {"he": "איסוף פסולת"})
    operator = factory.SubFactory(OrganisationFactory)
    formula = SharedService.Formula.EQUAL
    currency = "ILS"


class ServiceParticipationFactory(Model):
    class Meta:
        model = Participation

    service = factory.SubFactory(SharedServiceFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    joined_on = factory.LazyFunction(lambda: datetime.date(2025, 1, 1))


class UsageFactory(Model):
    class Meta:
        model = Usage

    service = factory.SubFactory(SharedServiceFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    year = 2026
    units = 120


class ContributionFactory(Model):
    class Meta:
        model = Contribution

    service = factory.SubFactory(SharedServiceFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    year = 2026
    currency = "ILS"
    amount_minor = 100_000
    due_on = factory.LazyFunction(lambda: datetime.date(2026, 3, 31))


class TenderFactory(Model):
    class Meta:
        model = Tender

    lead = factory.SubFactory(OrganisationFactory)
    titles = factory.LazyFunction(lambda: {"en": "Joint tender for bins"})
    currency = "ILS"
    demand_deadline = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))


class LotFactory(Model):
    class Meta:
        model = Lot

    tender = factory.SubFactory(TenderFactory)
    number = factory.Sequence(lambda n: n + 1)
    titles = factory.LazyFunction(lambda: {"en": "Bins"})


class ItemFactory(Model):
    class Meta:
        model = Item

    lot = factory.SubFactory(LotFactory)
    titles = factory.LazyFunction(lambda: {"en": "240 l bin"})
    unit = "bin"


class DemandFactory(Model):
    class Meta:
        model = Demand

    item = factory.SubFactory(ItemFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    quantity = 40


class AwardFactory(Model):
    class Meta:
        model = Award

    lot = factory.SubFactory(LotFactory)
    supplier = factory.SubFactory(OrganisationFactory)
    amount_minor = 2_000_000
    awarded_on = factory.LazyFunction(timezone.localdate)


class ContractFactory(Model):
    class Meta:
        model = Contract

    award = factory.SubFactory(AwardFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    amount_minor = 1_000_000


class AttachmentFactory(Model):
    class Meta:
        model = Attachment

    project = factory.SubFactory(ProjectFactory)
    titles = factory.LazyFunction(lambda: {"fr": "Rapport"})
    organisation = factory.SubFactory(OrganisationFactory)
    file = factory.django.FileField(filename="report.pdf", data=b"%PDF-1.4 report")
    content_type = "application/pdf"
    original_name = "report.pdf"
    size = 15
    uploaded_by = factory.SubFactory(UserFactory)
