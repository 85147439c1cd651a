"""Pages of the members app."""

from .organisations import (  # noqa: F401
    BAND_LABELS,
    FACET_TITLES,
    SORT_LABELS,
    STATUS_LABELS,
    create,
    detail,
    directory,
    edit,
    invitation,
    map_data,
    staff,
    staff_remove,
)
