"""/api/v1/governance/voters/{organisation}/ and /api/v1/governance/voting-rules/: who votes
for an organisation, and the network's arrears rule."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from tashbeek.api.actions import request_body
from tashbeek.api.errors import ERRORS
from tashbeek.members.models import Organisation

from .. import services
from ..models import VoterDelegation, VotingRules


class DelegationSerializer(serializers.Serializer):
    person = serializers.IntegerField(
        allow_null=True, help_text="The delegate's id; null: the focal person votes."
    )


class VotingRulesSerializer(serializers.ModelSerializer):
    class Meta:
        model = VotingRules
        fields = ["arrears_years"]


class DelegationView(APIView):
    """Decided against the organisation: its focal person (or the secretariat)."""

    permission_map = {"get": "governance.delegate_vote", "put": "governance.delegate_vote"}
    object_actions = ("get", "put")

    def _organisation(self, request, pk):
        organisation = get_object_or_404(Organisation, pk=pk, relation="member")
        self.check_object_permissions(request, organisation)
        return organisation

    @extend_schema(responses={200: DelegationSerializer, **ERRORS})
    def get(self, request, pk):
        """Who votes for the organisation (null: its focal person)."""
        organisation = self._organisation(request, pk)
        current = VoterDelegation.objects.filter(organisation=organisation).first()
        return Response({"person": current.person_id if current else None})

    @extend_schema(request=DelegationSerializer, responses={200: DelegationSerializer, **ERRORS})
    def put(self, request, pk):
        """Name the organisation's voter among its people (null: the focal person again)."""
        organisation = self._organisation(request, pk)
        data = request_body(DelegationSerializer, request)
        person_id = data["person"]
        person = None
        if person_id is not None:
            person = get_object_or_404(organisation.affiliations, user_id=person_id).user
        services.delegation_set(by=request.user, organisation=organisation, person=person)
        return Response({"person": person_id})


class VotingRulesView(APIView):
    permission_map = {"get": None, "put": "governance.manage_bodies"}

    @extend_schema(responses={200: VotingRulesSerializer, **ERRORS}, auth=[{}])  # type: ignore[list-item]  # "no sign-in needed" in drf-spectacular
    def get(self, request):
        """The network's voting rules (the arrears rule)."""
        rules = VotingRules.objects.first() or VotingRules()
        return Response(VotingRulesSerializer(rules).data)

    @extend_schema(request=VotingRulesSerializer, responses={200: VotingRulesSerializer, **ERRORS})
    def put(self, request):
        """Set the arrears rule (the secretariat)."""
        data = request_body(VotingRulesSerializer, request)
        rules = services.voting_rules_set(by=request.user, arrears_years=data.get("arrears_years"))
        return Response(VotingRulesSerializer(rules).data)
