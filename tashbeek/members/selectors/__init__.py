"""Reads of the members app, scoped to the person asking."""

from .applications import (  # noqa: F401
    AGES,
    QueueFilters,
    application_detail,
    application_queue,
    application_visible_to,
    applications_of,
    membership_history,
)
from .directory import (  # noqa: F401
    DirectoryResults,
    directory_results,
    organisation_page,
    profile_lists,
)
from .directory_index import Facets, Listing  # noqa: F401
from .dues import (  # noqa: F401
    arrears,
    arrears_by_organisation,
    dues_ledger,
    ledger_totals,
    schedules,
    statement,
    with_status,
)
from .organisations import (  # noqa: F401
    MAX_PAGES,
    PAGE_SIZE,
    POPULATION_BANDS,
    SORTS,
    STATUS_FILTERS,
    DirectoryFilters,
    map_points,
    network_counts,
    organisation_detail,
    organisation_search,
    staff_visible_to,
    visible_to,
)
from .version import data_version  # noqa: F401
