"""/api/v1/: the router of every app's API, the OpenAPI document and its browsable docs.

Project level (beside urls.py), since it knows every app; `tashbeek.api` keeps the shared
parts every app's API uses (errors, permission class, pagination, schema) and knows no app."""

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from tashbeek.accounts.api.views import TokenObtainView, TokenViewSet
from tashbeek.communities.api.views import CommunityMembershipViewSet, CommunityViewSet
from tashbeek.cooperation.api.attachments_api import AttachmentViewSet
from tashbeek.cooperation.api.services_api import SharedServiceViewSet
from tashbeek.cooperation.api.tenders_api import TenderViewSet
from tashbeek.cooperation.api.views import AgreementViewSet, ProjectViewSet
from tashbeek.discussions.api.views import PostViewSet, ThreadViewSet
from tashbeek.events.api.views import EventViewSet
from tashbeek.experiences.api.views import ExperienceViewSet
from tashbeek.governance.api.papers import PaperViewSet
from tashbeek.governance.api.plans import NetworkPlanItemViewSet
from tashbeek.governance.api.popolo import PopoloView
from tashbeek.governance.api.views import (
    ActionItemViewSet,
    AgendaItemViewSet,
    BallotViewSet,
    BodyViewSet,
    DecisionViewSet,
    MeetingViewSet,
    SeatViewSet,
)
from tashbeek.governance.api.voters import DelegationView, VotingRulesView
from tashbeek.library.api.views import DocumentViewSet
from tashbeek.members.api.application_views import (
    ApplicationViewSet,
    DueViewSet,
    FeeScheduleViewSet,
    MembershipDecisionViewSet,
)
from tashbeek.members.api.views import OrganisationViewSet
from tashbeek.needs.api.views import NeedViewSet, OfferViewSet
from tashbeek.search.api.views import MatchView, SearchView
from tashbeek.workplans.api.views import PlanItemViewSet

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("applications", ApplicationViewSet, basename="application")
router.register("membership-decisions", MembershipDecisionViewSet, basename="membership-decision")
router.register("dues", DueViewSet, basename="due")
router.register("fee-schedules", FeeScheduleViewSet, basename="fee-schedule")
router.register("communities", CommunityViewSet, basename="community")
router.register(
    "community-memberships", CommunityMembershipViewSet, basename="community-membership"
)
router.register("events", EventViewSet, basename="event")
router.register("documents", DocumentViewSet, basename="document")
router.register("experiences", ExperienceViewSet, basename="experience")
router.register("plan-items", PlanItemViewSet, basename="plan-item")
router.register("threads", ThreadViewSet, basename="thread")
router.register("posts", PostViewSet, basename="post")
router.register("needs", NeedViewSet, basename="need")
router.register("offers", OfferViewSet, basename="offer")
router.register("bodies", BodyViewSet, basename="body")
router.register("seats", SeatViewSet, basename="seat")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("agenda-items", AgendaItemViewSet, basename="agenda-item")
router.register("agenda-papers", PaperViewSet, basename="agenda-paper")
router.register("action-items", ActionItemViewSet, basename="action-item")
router.register("decisions", DecisionViewSet, basename="decision")
router.register("ballots", BallotViewSet, basename="ballot")
router.register("network-plan-items", NetworkPlanItemViewSet, basename="network-plan-item")
router.register("agreements", AgreementViewSet, basename="agreement")
router.register("projects", ProjectViewSet, basename="project")
router.register("shared-services", SharedServiceViewSet, basename="shared-service")
router.register("tenders", TenderViewSet, basename="tender")
router.register("cooperation-documents", AttachmentViewSet, basename="cooperation-document")
router.register("auth/tokens", TokenViewSet, basename="api-token-owned")

urlpatterns = [
    path("", include(router.urls)),
    path("search/", SearchView.as_view(), name="api-search"),
    path("match/", MatchView.as_view(), name="api-match"),
    path("governance/popolo/", PopoloView.as_view(), name="governance-popolo"),
    path("governance/voters/<int:pk>/", DelegationView.as_view(), name="governance-voters"),
    path("governance/voting-rules/", VotingRulesView.as_view(), name="governance-voting-rules"),
    path("auth/token/", TokenObtainView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file, so the CSP needs no
    # inline script; its page keeps one inline <style> block.
    path(
        "docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
]
