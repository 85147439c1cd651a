"""Factories for the governance models (see factories_more for the conventions)."""

import datetime

import factory
from django.utils import timezone

from tashbeek.governance.models import (
    ActionItem,
    AgendaItem,
    Attendance,
    Ballot,
    BallotOption,
    Body,
    BudgetLine,
    Decision,
    Meeting,
    MinutesVersion,
    Paper,
    Participation,
    PlanItem,
    Seat,
    SecretCount,
    VoterDelegation,
    VotingRules,
)

from .factories import OrganisationFactory, UserFactory
from .factories_more import EventFactory, Model


class BodyFactory(Model):
    class Meta:
        model = Body

    slug = factory.Sequence(lambda n: f"body-{n}")
    names = factory.Sequence(lambda n: {"ar": f"لجنة {n}", "en": f"Committee {n}"})
    kind = Body.Kind.STEERING
    seats = 6


class SeatFactory(Model):
    class Meta:
        model = Seat

    body = factory.SubFactory(BodyFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=700))
    filled_by = Seat.FilledBy.ELECTION


class MeetingFactory(Model):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    event = factory.SubFactory(EventFactory, kind="meeting")
    number = factory.Sequence(lambda n: n + 1)


class AgendaItemFactory(Model):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    kind = AgendaItem.Kind.DECISION
    titles = factory.LazyFunction(lambda: {"ar": "اعتماد خطة العمل السنوية"})


class PaperFactory(Model):
    class Meta:
        model = Paper

    item = factory.SubFactory(AgendaItemFactory)
    titles = factory.LazyFunction(lambda: {"ar": "مشروع الميزانية"})
    file = factory.django.FileField(filename="budget.pdf", data=b"%PDF-1.4 budget")
    content_type = "application/pdf"
    original_name = "budget.pdf"
    size = 15
    uploaded_by = factory.SubFactory(UserFactory)


class AttendanceFactory(Model):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    seat = factory.SubFactory(SeatFactory, body=factory.SelfAttribute("..meeting.body"))
    status = Attendance.Status.PRESENT


class MinutesVersionFactory(Model):
    class Meta:
        model = MinutesVersion

    meeting = factory.SubFactory(MeetingFactory)
    number = 1
    items = factory.LazyFunction(list)


class ActionItemFactory(Model):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    texts = factory.LazyFunction(lambda: {"ar": "إعداد مسودة الاتفاقية"})
    owner_organisation = factory.SubFactory(OrganisationFactory)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))


class DecisionFactory(Model):
    class Meta:
        model = Decision

    year = factory.LazyFunction(lambda: timezone.localdate().year)
    number = factory.Sequence(lambda n: 900 + n)
    source = Decision.Source.RESOLUTION
    decided_on = factory.LazyFunction(timezone.localdate)
    titles = factory.LazyFunction(lambda: {"ar": "اعتماد خطة العمل"})


class BallotFactory(Model):
    class Meta:
        model = Ballot

    kind = Ballot.Kind.MOTION
    titles = factory.LazyFunction(lambda: {"ar": "هل توافقون على رفع الاشتراك؟"})
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))


class BallotOptionFactory(Model):
    class Meta:
        model = BallotOption

    ballot = factory.SubFactory(BallotFactory)
    meaning = BallotOption.Meaning.FOR


class ParticipationFactory(Model):
    class Meta:
        model = Participation

    ballot = factory.SubFactory(BallotFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    voter = factory.SubFactory(UserFactory)
    receipt_hash = "0" * 64
    voted_at = factory.LazyFunction(timezone.now)


class SecretCountFactory(Model):
    class Meta:
        model = SecretCount

    option = factory.SubFactory(BallotOptionFactory)


class VoterDelegationFactory(Model):
    class Meta:
        model = VoterDelegation

    organisation = factory.SubFactory(OrganisationFactory)
    person = factory.SubFactory(UserFactory)


class VotingRulesFactory(Model):
    class Meta:
        model = VotingRules

    arrears_years = 2


class PlanItemFactory(Model):
    class Meta:
        model = PlanItem

    body = factory.SubFactory(BodyFactory)
    year = 2027
    titles = factory.LazyFunction(lambda: {"ar": "النقل المدرسي"})


class BudgetLineFactory(Model):
    class Meta:
        model = BudgetLine

    plan_item = factory.SubFactory(PlanItemFactory)
    source = BudgetLine.Source.NETWORK
    amount_minor = 150000
    currency = "EUR"
