"""Object getters the views declare their permission against (`core.web.view(perm, fn=…)`
calls them before the view; `core.web.object_from` keeps the object on the request so it is
read once)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from tashbeek.core.web import object_from

from .. import selectors
from ..models import ActionItem, AgendaItem, Ballot, Body, Meeting, Paper


def _body(request, slug: str) -> Body:
    return get_object_or_404(Body, slug=slug)


def _meeting(request, pk: int) -> Meeting:
    meeting = selectors.meeting_detail(pk, user=request.user)
    if meeting is None or meeting.event.status == "draft":
        raise Http404
    return meeting


def _item(request, pk: int, item_pk: int) -> AgendaItem:
    items = AgendaItem.objects.select_related("meeting")
    return get_object_or_404(items, pk=item_pk, meeting=meeting_from(request, pk=pk))


def _action(request, pk: int, action_pk: int) -> ActionItem:
    actions = ActionItem.objects.select_related("meeting__body")
    return get_object_or_404(actions, pk=action_pk, meeting=meeting_from(request, pk=pk))


def _paper(request, pk: int) -> Paper:
    papers = Paper.objects.select_related("item__meeting__body", "item__meeting__event")
    paper = get_object_or_404(papers, pk=pk)
    if paper.item.meeting.event.status == "draft":
        raise Http404
    return paper


def _ballot(request, pk: int) -> Ballot:
    return get_object_or_404(selectors.ballots_visible_to(request.user), pk=pk)


body_from = object_from("governance.body", _body, ("slug",))
meeting_from = object_from("governance.meeting", _meeting)
item_from = object_from("governance.item", _item, ("pk", "item_pk"))
action_from = object_from("governance.action", _action, ("pk", "action_pk"))
ballot_from = object_from("governance.ballot", _ballot)
paper_from = object_from("governance.paper", _paper)
