"""Reads of the members app, scoped to the person asking."""

from .organisations import (  # noqa: F401
    MAX_PAGES,
    PAGE_SIZE,
    POPULATION_BANDS,
    SORTS,
    STATUS_FILTERS,
    DirectoryFilters,
    data_version,
    directory_facets,
    directory_facets_cached,
    map_points,
    organisation_detail,
    organisation_page,
    organisation_search,
    staff_visible_to,
    visible_to,
)
