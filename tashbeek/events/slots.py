"""The event page's slots: what other apps attach to an event (library materials, the
experiences presented) and what a participant may bring when registering (core.slots)."""

from tashbeek.core.slots import Slot

# provider(*, event, user) -> dict of template context
EVENT_PAGE = Slot("event page")
# provider(*, user) -> {"experience": queryset of what this person may bring}
CONTRIBUTION_CHOICES = Slot("what a participant may bring")
# provider(*, event, told: set of user ids already told) -> {} ; called inside event_save's
# transaction when a published event's time, place or link changed or it was cancelled
EVENT_CHANGED = Slot("event changed")
