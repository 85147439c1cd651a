"""Forms of the members app."""

from .organisations import (  # noqa: F401
    DirectoryFilterForm,
    InviteForm,
    OrganisationForm,
    ReasonForm,
)
