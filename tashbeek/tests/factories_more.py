"""Factories for every other model (issue 18.6): the smallest valid row of each, for tests
that need one without going through a service. Rows that carry a file get a real one; text
in several languages is a dict, as in the models. `test_factories.py` builds each one and
holds it to the model's own validation."""

import datetime
import hashlib

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from tashbeek.communities.models import Community, CommunityMembership
from tashbeek.core.models import AuditEntry, ChangeCounter, Theme
from tashbeek.core.pdf import one_page_pdf
from tashbeek.discussions.models import Post, PostReport, Thread
from tashbeek.events.models import AgendaItem, Event, Registration
from tashbeek.experiences.models import AuthorQuestion, Experience, ExperienceFile, ExperienceReview
from tashbeek.library.models import Document, DocumentVersion
from tashbeek.members.models import (
    Affiliation,
    Application,
    ApplicationDocument,
    ApplicationMessage,
    Due,
    FeeBand,
    FeeReduction,
    FeeSchedule,
    Invitation,
    MembershipDecision,
    Payment,
)
from tashbeek.needs.models import Need, Offer
from tashbeek.notifications.models import Notification
from tashbeek.search.models import SearchEntry
from tashbeek.workplans.models import WorkPlanItem

from .factories import OrganisationFactory, UserFactory

Model = factory.django.DjangoModelFactory


def _pdf(name: str = "document.pdf") -> ContentFile:
    return ContentFile(one_page_pdf("Test"), name=name)


class ThemeFactory(Model):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"theme-{n}")
    scheme = "sector"
    names = factory.LazyAttribute(lambda o: {"en": o.slug, "ar": f"موضوع {o.slug}"})


class AuditEntryFactory(Model):
    class Meta:
        model = AuditEntry

    action = "members.organisation.updated"
    object_type = "members.organisation"
    object_id = "1"


class ChangeCounterFactory(Model):
    class Meta:
        model = ChangeCounter
        django_get_or_create = ["key"]

    key = factory.Sequence(lambda n: f"counter-{n}")


class AffiliationFactory(Model):
    class Meta:
        model = Affiliation

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "staff"


class InvitationFactory(Model):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    token_hash = factory.Sequence(lambda n: hashlib.sha256(str(n).encode()).hexdigest())
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))
    invited_by = factory.SubFactory(UserFactory)


class ApplicationFactory(Model):
    class Meta:
        model = Application

    applicant = factory.SubFactory(UserFactory)
    names = factory.Sequence(lambda n: {"ar": f"جماعة {n}", "fr": f"Commune {n}"})
    country = "MA"


class ApplicationDocumentFactory(Model):
    class Meta:
        model = ApplicationDocument

    application = factory.SubFactory(ApplicationFactory)
    kind = "resolution"
    file = factory.LazyFunction(_pdf)
    content_type = "application/pdf"
    original_name = "resolution.pdf"
    size = factory.LazyAttribute(lambda o: o.file.size)
    uploaded_by = factory.SubFactory(UserFactory)


class ApplicationMessageFactory(Model):
    class Meta:
        model = ApplicationMessage

    application = factory.SubFactory(ApplicationFactory)
    kind = "comment"
    body = "Checked the resolution."
    author = factory.SubFactory(UserFactory)


class MembershipDecisionFactory(Model):
    class Meta:
        model = MembershipDecision

    kind = "suspended"
    organisation = factory.SubFactory(OrganisationFactory)
    reasons = "Dues unpaid for two years."
    effective_on = factory.LazyFunction(timezone.localdate)
    decided_by = factory.SubFactory(UserFactory)


class FeeScheduleFactory(Model):
    class Meta:
        model = FeeSchedule
        django_get_or_create = ["year"]

    year = factory.Sequence(lambda n: 2030 + n)
    currency = "EUR"
    method = "bands"
    due_on = factory.LazyAttribute(lambda o: datetime.date(o.year, 6, 30))


class FeeBandFactory(Model):
    class Meta:
        model = FeeBand

    schedule = factory.SubFactory(FeeScheduleFactory)
    min_population = factory.Sequence(lambda n: n * 10_000)
    amount_minor = 50_000


class FeeReductionFactory(Model):
    class Meta:
        model = FeeReduction

    schedule = factory.SubFactory(FeeScheduleFactory)
    country = "PS"
    factor = "0.500"


class DueFactory(Model):
    class Meta:
        model = Due

    organisation = factory.SubFactory(OrganisationFactory)
    schedule = factory.SubFactory(FeeScheduleFactory)
    amount_minor = 50_000
    currency = "EUR"
    due_on = factory.LazyAttribute(lambda o: o.schedule.due_on)


class PaymentFactory(Model):
    class Meta:
        model = Payment

    due = factory.SubFactory(DueFactory)
    amount_minor = 10_000
    paid_on = factory.LazyFunction(timezone.localdate)
    recorded_by = factory.SubFactory(UserFactory)


class NotificationFactory(Model):
    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    action = "members.application.submitted"
    message = "An application is waiting."


class CommunityFactory(Model):
    class Meta:
        model = Community
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"platform-{n}")
    names = factory.LazyAttribute(lambda o: {"ar": f"منصة {o.slug}", "en": f"Platform {o.slug}"})


class CommunityMembershipFactory(Model):
    class Meta:
        model = CommunityMembership

    community = factory.SubFactory(CommunityFactory)
    user = factory.SubFactory(UserFactory)


class EventFactory(Model):
    class Meta:
        model = Event

    titles = {"ar": "ورشة", "en": "Workshop"}
    kind = "workshop"
    community = factory.SubFactory(CommunityFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=20))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    time_zone = "Africa/Casablanca"
    mode = "in_person"
    venue = "Town hall"
    created_by = factory.SubFactory(UserFactory)


class AgendaItemFactory(Model):
    class Meta:
        model = AgendaItem

    event = factory.SubFactory(EventFactory)
    title = "Welcome"


class RegistrationFactory(Model):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = "confirmed"
    queued_at = factory.LazyFunction(timezone.now)


class DocumentFactory(Model):
    class Meta:
        model = Document

    kind = "guide"
    titles = {"ar": "دليل", "en": "Guide"}
    community = factory.SubFactory(CommunityFactory)
    created_by = factory.SubFactory(UserFactory)


class DocumentVersionFactory(Model):
    class Meta:
        model = DocumentVersion

    document = factory.SubFactory(DocumentFactory)
    number = factory.Sequence(lambda n: n + 1)
    file = factory.LazyFunction(_pdf)
    content_type = "application/pdf"
    size = factory.LazyAttribute(lambda o: o.file.size)
    filename = "guide.pdf"
    uploaded_by = factory.SubFactory(UserFactory)


class ExperienceFactory(Model):
    class Meta:
        model = Experience

    organisation = factory.SubFactory(OrganisationFactory)
    language = "fr"
    title = "Transport scolaire"
    summary = "Des bus gérés avec les associations."


class ExperienceFileFactory(Model):
    class Meta:
        model = ExperienceFile

    experience = factory.SubFactory(ExperienceFactory)
    file = factory.LazyFunction(_pdf)
    content_type = "application/pdf"
    size = factory.LazyAttribute(lambda o: o.file.size)
    filename = "convention.pdf"
    uploaded_by = factory.SubFactory(UserFactory)


class ExperienceReviewFactory(Model):
    class Meta:
        model = ExperienceReview

    experience = factory.SubFactory(ExperienceFactory)
    decision = "publish"
    reviewer = factory.SubFactory(UserFactory)


class AuthorQuestionFactory(Model):
    class Meta:
        model = AuthorQuestion

    experience = factory.SubFactory(ExperienceFactory)
    sender = factory.SubFactory(UserFactory)
    message = "How did you fund the buses?"


class ThreadFactory(Model):
    class Meta:
        model = Thread

    community = factory.SubFactory(CommunityFactory)
    title = "Publishing council decisions"
    last_post_at = factory.LazyFunction(timezone.now)
    author = factory.SubFactory(UserFactory)


class PostFactory(Model):
    class Meta:
        model = Post

    thread = factory.SubFactory(ThreadFactory)
    body = "Notice boards in each district."
    author = factory.SubFactory(UserFactory)


class PostReportFactory(Model):
    class Meta:
        model = PostReport

    post = factory.SubFactory(PostFactory)
    reporter = factory.SubFactory(UserFactory)
    reason = "spam"


class WorkPlanItemFactory(Model):
    class Meta:
        model = WorkPlanItem

    community = factory.SubFactory(CommunityFactory)
    year = 2026
    activity = "Crisis communication guide"


class NeedFactory(Model):
    class Meta:
        model = Need

    organisation = factory.SubFactory(OrganisationFactory)
    title = "Transport scolaire"
    description = "Nos élèves marchent une heure."
    language = "fr"
    created_by = factory.SubFactory(UserFactory)


class OfferFactory(Model):
    class Meta:
        model = Offer

    organisation = factory.SubFactory(OrganisationFactory)
    title = "Convention type"
    description = "Nous partageons notre convention."
    language = "fr"
    created_by = factory.SubFactory(UserFactory)


class SearchEntryFactory(Model):
    class Meta:
        model = SearchEntry

    kind = "experience"
    object_id = factory.Sequence(lambda n: n + 1)
    languages = "fr"
    audience = "public"
    url = "/experiences/1/"
    titles = {"fr": "Transport scolaire"}
