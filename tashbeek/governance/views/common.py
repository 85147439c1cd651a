"""Object getters the views declare their permission against (rules' permission_required
calls them before the view; the object is kept on the request so it is read once)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from tashbeek.core.web import once_per_request

from .. import selectors
from ..models import ActionItem, AgendaItem, Ballot, Body, Meeting


def body_from(request, slug: str, **_kwargs) -> Body:
    return once_per_request(
        request, f"governance.body:{slug}", lambda: get_object_or_404(Body, slug=slug)
    )


def meeting_from(request, pk: int, **_kwargs) -> Meeting:
    def load():
        meeting = selectors.meeting_detail(pk, user=request.user)
        if meeting is None or meeting.event.status == "draft":
            raise Http404
        return meeting

    return once_per_request(request, f"governance.meeting:{pk}", load)


def item_from(request, pk: int, item_pk: int, **_kwargs) -> AgendaItem:
    meeting = meeting_from(request, pk)
    return once_per_request(
        request,
        f"item:{item_pk}",
        lambda: get_object_or_404(
            AgendaItem.objects.select_related("meeting"), pk=item_pk, meeting=meeting
        ),
    )


def action_from(request, pk: int, action_pk: int, **_kwargs) -> ActionItem:
    meeting = meeting_from(request, pk)
    return once_per_request(
        request,
        f"action:{action_pk}",
        lambda: get_object_or_404(
            ActionItem.objects.select_related("meeting__body"), pk=action_pk, meeting=meeting
        ),
    )


def ballot_from(request, pk: int, **_kwargs) -> Ballot:
    return once_per_request(
        request,
        f"ballot:{pk}",
        lambda: get_object_or_404(selectors.ballots_visible_to(request.user), pk=pk),
    )
