"""/api/v1/ for cooperation: agreements (declare, confirm, end, the signed document) and
joint projects (partners, status, budget lines, funding, expenses, indicators and their
values, milestones, risks and updates, and the "who pays what" table). The permission map
names the rule; object actions are checked against the object; services assert the rest."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from tashbeek.api.actions import created, request_body
from tashbeek.api.errors import ERRORS
from tashbeek.core.files import private_file_response
from tashbeek.core.models import Theme

from .. import iati, selectors, services
from ..models import Agreement, Project, ProjectIssue
from . import serializers as s

CHANGE = "cooperation.change_project"
MANAGE = "cooperation.manage_budget"


def _schema(serializer, *, writes=("create", "partial_update")):
    views = {
        name: extend_schema(responses={200: serializer, **ERRORS}) for name in ("retrieve", *writes)
    }
    views["list"] = extend_schema(
        responses={200: serializer(many=True), **ERRORS},
        parameters=[
            OpenApiParameter("kind", str, required=False),
            OpenApiParameter("theme", str, required=False),
            OpenApiParameter("phase", str, required=False),
            OpenApiParameter("status", str, required=False),
            OpenApiParameter("organisation", int, required=False),
        ],
    )
    return extend_schema_view(**views)


def _theme(value: str) -> str:
    return value if value and Theme.objects.filter(slug=value).exists() else ""


@_schema(s.AgreementSerializer)
class AgreementViewSet(viewsets.ModelViewSet):
    """Partnership and twinning agreements; a proposed one is seen only by its parties."""

    serializer_class = s.AgreementSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": None,
        "retrieve": None,
        "create": "cooperation.declare_agreement",
        "partial_update": "cooperation.change_agreement",
        "confirm": "cooperation.confirm_agreement",
        "end": "cooperation.end_agreement",
        "document": "cooperation.view_agreement_document",
    }
    object_actions = ("confirm", "end", "document")

    def get_queryset(self):
        params = self.request.query_params
        kind = params.get("kind", "")
        phase = params.get("phase", "")
        organisation = params.get("organisation", "")
        return (
            selectors.agreement_list(
                self.request.user,
                kind=kind if kind in Agreement.Kind.values else "",
                theme=_theme(params.get("theme", "")),
                phase=phase if phase in Agreement.Phase.values else "",
                organisation=int(organisation) if organisation.isdigit() else None,
            )
            .prefetch_related("themes")
            .order_by("-signed_on", "-id")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        declared_by = data.pop("declared_by")
        parties = data.pop("other_parties", [])
        new_partners = [dict(p) for p in data.pop("new_partners", [])]
        serializer.instance = services.agreement_declare(
            by=self.request.user,
            declared_by=declared_by,
            parties=parties,
            data=data,
            new_partners=new_partners,
        )

    def perform_update(self, serializer):
        serializer.instance = services.agreement_update(
            by=self.request.user, agreement=serializer.instance, data=serializer.validated_data
        )

    @extend_schema(request=s.ConfirmSerializer, responses={200: s.AgreementSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """A party's focal person confirms; the last confirmation signs the agreement."""
        agreement = self.get_object()
        data = request_body(s.ConfirmSerializer, request)
        agreement = services.agreement_confirm(
            by=request.user, agreement=agreement, organisation=data["organisation"]
        )
        return Response(s.AgreementSerializer(self.get_queryset().get(pk=agreement.pk)).data)

    @extend_schema(request=s.EndSerializer, responses={200: s.AgreementSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """End a signed agreement or withdraw a proposed one, with the reason."""
        agreement = self.get_object()
        data = request_body(s.EndSerializer, request)
        services.agreement_end(by=request.user, agreement=agreement, **data)
        return Response(s.AgreementSerializer(self.get_queryset().get(pk=agreement.pk)).data)

    @extend_schema(
        responses={(200, "application/octet-stream"): bytes, **ERRORS},
    )
    @action(detail=True, methods=["get"])
    def document(self, request, pk=None):
        """The signed document: public when the parties made it so, else theirs only."""
        agreement = self.get_object()
        if not agreement.document:
            raise Http404
        return private_file_response(
            agreement.document,
            content_type=agreement.document_type,
            filename=agreement.document_name,
        )


def _nested(serializer, summary: str):
    return extend_schema(request=serializer, responses={201: serializer, **ERRORS}, summary=summary)


@_schema(s.ProjectSerializer)
class ProjectViewSet(viewsets.ModelViewSet):
    """Joint projects; a non-public project is seen only by its partners and the network's
    secretariat and committee."""

    serializer_class = s.ProjectSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "list": None,
        "retrieve": None,
        "create": "cooperation.add_project",
        "partial_update": CHANGE,
        "money": "cooperation.view_workspace",
        "partners": MANAGE,
        "status": MANAGE,
        "budget_lines": MANAGE,
        "funding": MANAGE,
        "expenses": CHANGE,
        "indicators": CHANGE,
        "measurements": CHANGE,
        "milestones": CHANGE,
        "issues": CHANGE,
        "resolve": CHANGE,
        "updates": CHANGE,
        "iati": None,
    }
    object_actions = tuple(
        k for k in permission_map if k not in ("list", "retrieve", "create", "iati")
    )

    def get_queryset(self):
        params = self.request.query_params
        status = params.get("status", "")
        organisation = params.get("organisation", "")
        return (
            selectors.project_list(
                self.request.user,
                status=status if status in Project.Status.values else "",
                theme=_theme(params.get("theme", "")),
                organisation=int(organisation) if organisation.isdigit() else None,
            )
            .prefetch_related("themes", "sdgs", "places", "experiences")
            .order_by("-id")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        lead = data.pop("lead")
        serializer.instance = services.project_save(by=self.request.user, lead=lead, data=data)

    def perform_update(self, serializer):
        serializer.instance = services.project_save(
            by=self.request.user, project=serializer.instance, data=serializer.validated_data
        )

    def _fresh(self, project):
        return Response(s.ProjectSerializer(self.get_queryset().get(pk=project.pk)).data)

    @extend_schema(responses={200: s.CurrencyTableSerializer(many=True), **ERRORS})
    @action(detail=True, methods=["get"])
    def money(self, request, pk=None):
        """Who pays what, per currency, in minor units: budget, funding, spending, gap."""
        project = self.get_object()
        return Response(s.CurrencyTableSerializer(selectors.project_money(project), many=True).data)

    @extend_schema(request=s.PartnerSetSerializer, responses={200: s.ProjectSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def partners(self, request, pk=None):
        """Add a partner or change its role; a null role removes it (the lead manages)."""
        project = self.get_object()
        data = request_body(s.PartnerSetSerializer, request)
        services.project_partner_set(by=request.user, project=project, **data)
        return self._fresh(project)

    @extend_schema(
        request=s.ProjectStatusSerializer, responses={200: s.ProjectSerializer, **ERRORS}
    )
    @action(detail=True, methods=["post"])
    def status(self, request, pk=None):
        """Change the project's status, with the reason (the lead organisation)."""
        project = self.get_object()
        data = request_body(s.ProjectStatusSerializer, request)
        services.project_status_set(by=request.user, project=project, **data)
        return self._fresh(project)

    def _add(self, request, serializer_class, service, **extra):
        project = self.get_object()
        data = request_body(serializer_class, request)
        saved = service(by=request.user, project=project, data=data, **extra)
        return created(serializer_class, saved, request)

    @_nested(s.ProjectBudgetLineSerializer, "Add a budget line (the lead organisation)")
    @action(detail=True, methods=["post"], url_path="budget-lines")
    def budget_lines(self, request, pk=None):
        return self._add(request, s.ProjectBudgetLineSerializer, services.budget_line_save)

    @_nested(s.FundingSerializer, "Add a source's pledge and receipts (the lead organisation)")
    @action(detail=True, methods=["post"])
    def funding(self, request, pk=None):
        return self._add(request, s.FundingSerializer, services.funding_save)

    @_nested(s.ExpenseSerializer, "Record an expense against a budget line")
    @action(detail=True, methods=["post"])
    def expenses(self, request, pk=None):
        return self._add(request, s.ExpenseSerializer, services.expense_record)

    @_nested(s.IndicatorSerializer, "Add an indicator")
    @action(detail=True, methods=["post"])
    def indicators(self, request, pk=None):
        return self._add(request, s.IndicatorSerializer, services.indicator_save)

    @_nested(s.MeasurementSerializer, "Record an indicator's value with its evidence")
    @action(detail=True, methods=["post"])
    def measurements(self, request, pk=None):
        project = self.get_object()
        data = request_body(s.MeasurementSerializer, request)
        indicator = data.pop("indicator")
        if indicator.project_id != project.pk:
            raise Http404
        saved = services.measurement_record(by=request.user, indicator=indicator, data=data)
        return created(s.MeasurementSerializer, saved, request)

    @_nested(s.MilestoneSerializer, "Add a milestone")
    @action(detail=True, methods=["post"])
    def milestones(self, request, pk=None):
        return self._add(request, s.MilestoneSerializer, services.milestone_save)

    @_nested(s.IssueSerializer, "Raise a risk or a challenge met, with its owner")
    @action(detail=True, methods=["post"])
    def issues(self, request, pk=None):
        return self._add(request, s.IssueSerializer, services.issue_raise)

    @extend_schema(
        request=s.ResolveSerializer,
        responses={200: s.IssueSerializer, **ERRORS},
        parameters=[OpenApiParameter("issue", int, location="path")],
    )
    @action(detail=True, methods=["post"], url_path=r"issues/(?P<issue>\d+)/resolve")
    def resolve(self, request, pk=None, issue=None):
        """Mark a risk or challenge resolved, saying how."""
        project = self.get_object()
        item = get_object_or_404(ProjectIssue, pk=issue, project=project)
        data = request_body(s.ResolveSerializer, request)
        item = services.issue_resolve(by=request.user, issue=item, **data)
        return Response(s.IssueSerializer(item).data)

    @_nested(s.UpdateSerializer, "Post an update in one's organisation's name")
    @action(detail=True, methods=["post"])
    def updates(self, request, pk=None):
        return self._add(request, s.UpdateSerializer, services.update_post)

    @extend_schema(responses={(200, "application/xml"): OpenApiTypes.STR, **ERRORS})
    @action(detail=True, methods=["get"])
    def iati(self, request, pk=None):
        """The project as an IATI 2.03 activity (validated against the IATI schema in tests)."""
        project = self.get_object()
        return HttpResponse(iati.activity_xml(project), content_type="application/xml")
