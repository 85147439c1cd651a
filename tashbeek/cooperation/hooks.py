"""What cooperation adds to other apps' pages (core.slots)."""

from django.template.loader import render_to_string

from tashbeek.members.slots import ORGANISATION_PAGE

from .selectors import organisation_cooperation


@ORGANISATION_PAGE.register
def organisation_agreements(*, organisation, user) -> dict:
    """The profile lists the organisation's agreements and joint projects."""
    context = organisation_cooperation(organisation, user=user)
    return {"cooperation": render_to_string("cooperation/_organisation.html", context)}
