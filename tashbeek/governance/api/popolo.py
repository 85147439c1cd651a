"""/api/v1/governance/popolo/: the network's public governance data in the Popolo shape
(organizations, posts, memberships, events, motions, vote events with counts), so tools
made for parliaments and councils read it. Only public decisions and closed ballots;
secret ballots give counts and never votes; people are not named."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from tashbeek.api.errors import ERRORS

from ..models import Ballot, Body, Decision, Meeting, Seat


def _organizations(bodies, seats) -> list[dict]:
    rows = [{"id": f"body/{b.slug}", "name": b.name, "classification": b.kind} for b in bodies]
    members = {s.organisation for s in seats if s.organisation_id}
    rows += [
        {"id": f"organisation/{o.pk}", "name": o.name, "classification": o.kind}
        for o in sorted(members, key=lambda o: o.pk)
    ]
    return rows


def _memberships(seats) -> list[dict]:
    return [
        {
            "id": f"seat/{s.pk}",
            "member": {"@type": "Organization", "id": f"organisation/{s.organisation_id}"},
            "organization_id": f"body/{s.body.slug}",
            "post_id": f"post/{s.body.slug}",
            "role": s.get_filled_by_display(),
            "start_date": s.starts_on.isoformat(),
            "end_date": (s.left_on or s.ends_on).isoformat() if (s.left_on or s.ends_on) else None,
        }
        for s in seats
        if s.organisation_id
    ]


def _vote_event(ballot: Ballot) -> dict:
    result = ballot.result or {}
    counts = result.get("counts", {})
    options = {str(o.pk): o for o in ballot.options.all()}
    event = {
        "id": f"ballot/{ballot.pk}",
        "motion_id": f"decision/{ballot.decision.reference}"
        if hasattr(ballot, "decision")
        else None,
        "organization_id": f"body/{ballot.body.slug}" if ballot.body else None,
        "start_date": ballot.opens_at.isoformat(),
        "end_date": ballot.closes_at.isoformat(),
        "result": _outcome(ballot, result),
        "counts": [
            {"option": options[k].label if k in options else k, "value": v}
            for k, v in counts.items()
        ],
    }
    if not ballot.secret:
        event["votes"] = [
            {"voter_id": f"organisation/{p.organisation_id}", "option": o.label}
            for p in ballot.participations.all()
            for o in p.choices.all()
        ]
    return event


def _outcome(ballot: Ballot, result: dict) -> str:
    if not result.get("quorum_met"):
        return "no quorum"
    if ballot.kind == Ballot.Kind.MOTION:
        return "pass" if result.get("adopted") else "fail"
    return "elected"


class PopoloView(APIView):
    permission_map = {"get": None}

    @extend_schema(responses={200: OpenApiTypes.OBJECT, **ERRORS}, auth=[{}])  # type: ignore[list-item]  # "no sign-in needed" in drf-spectacular
    def get(self, request):
        """The public governance data in the Popolo shape."""
        bodies = list(Body.objects.order_by("slug"))
        seats = list(Seat.objects.select_related("body", "organisation").order_by("pk"))
        meetings = Meeting.objects.select_related("body", "event").exclude(event__status="draft")
        decisions = Decision.objects.filter(visibility=Decision.Visibility.PUBLIC).select_related(
            "body"
        )
        ballots = (
            Ballot.objects.filter(status=Ballot.Status.CLOSED)
            .select_related("body", "decision")
            .prefetch_related("options__organisation", "participations__choices")
        )
        return Response(
            {
                "organizations": _organizations(bodies, seats),
                "posts": [
                    {"id": f"post/{b.slug}", "organization_id": f"body/{b.slug}", "label": b.name}
                    for b in bodies
                ],
                "memberships": _memberships(seats),
                "events": [
                    {
                        "id": f"meeting/{m.pk}",
                        "name": m.event.title,
                        "classification": "meeting",
                        "organization_id": f"body/{m.body.slug}",
                        "start_date": m.event.starts_at.isoformat(),
                        "end_date": m.event.ends_at.isoformat(),
                    }
                    for m in meetings
                ],
                "motions": [
                    {
                        "id": f"decision/{d.reference}",
                        "identifier": d.reference,
                        "text": d.title,
                        "date": d.decided_on.isoformat(),
                        "organization_id": f"body/{d.body.slug}" if d.body else None,
                        "classification": d.source,
                    }
                    for d in decisions
                ],
                "vote_events": [_vote_event(b) for b in ballots],
            }
        )
