"""Writes of the members app (one typed, audited function per action)."""

from .organisations import (  # noqa: F401
    INVITATION_DAYS,
    PROFILE_FIELDS,
    SECRETARIAT_FIELDS,
    affiliation_remove,
    invitation_accept,
    invitation_from_token,
    organisation_create,
    organisation_index_names,
    organisation_update,
    staff_invite,
)
