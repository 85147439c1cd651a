"""Models of the members app: organisations and staff, applications and decisions, dues."""

from .organisations import (  # noqa: F401
    WORKING_LANGUAGES,
    Affiliation,
    Invitation,
    Organisation,
    Region,
)
