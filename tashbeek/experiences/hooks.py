"""What experiences add to other apps' pages and forms (core.slots)."""

from django.db.models import Q

from tashbeek.communities.slots import COMMUNITY_PAGE
from tashbeek.events.models import Registration
from tashbeek.events.slots import CONTRIBUTION_CHOICES, EVENT_PAGE

from .models import Experience
from .selectors import experiences_visible_to, for_community


@COMMUNITY_PAGE.register
def community_experiences(*, community, user) -> dict:
    return {"experiences": for_community(community, limit=8)}


@EVENT_PAGE.register
def event_experiences(*, event, user) -> dict:
    """Experiences presented at the event, or brought to it by confirmed participants."""
    brought = event.registrations.filter(
        status=Registration.Status.CONFIRMED, experience__isnull=False
    ).values("experience_id")
    shown = (
        experiences_visible_to(user)
        .filter(Q(events=event) | Q(pk__in=brought))
        .select_related("organisation")
        .distinct()
    )
    return {"experiences": list(shown)}


@CONTRIBUTION_CHOICES.register
def experiences_to_bring(*, user) -> dict:
    """A participant may bring one of their own organisation's experiences."""
    if user is None or not user.is_authenticated:
        return {"experience": Experience.objects.none()}
    return {
        "experience": experiences_visible_to(user).filter(organisation__affiliations__user=user)
    }
